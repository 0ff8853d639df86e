//! The cartography: what the map shows, that no two discs overlap, that it
//! stays put as the collective grows, keyboard stepping, the functions
//! overlay, and time travel through the log of applied operations.

mod support;

use archipel_core::history::{state_at, version_at};
use archipel_core::map::layout::{FUNCTION_GAP, FUNCTION_MARGIN, Item, MARGIN, layout};
use archipel_core::map::{self, Direction, MapModel, NodeKind};
use archipel_core::wire::AppliedEntry;
use archipel_core::{
    Access, Actor, Change, Date, FieldWrite, Id, Kind, Receipt, State, Value, demo_changes,
};
use proptest::prelude::*;
use support::Device;

fn today() -> Date {
    Date::from_ymd(2026, 11, 21).expect("a valid date")
}

/// The demo collective applied by an admin device, with that device.
fn demo() -> (State, Device) {
    let mut admin = Device::new(0xAD, Actor::anonymous(Access::Admin));
    let mut state = State::new();
    for change in demo_changes(&mut || admin.ids.next()) {
        admin.ok(&mut state, change);
    }
    (state, admin)
}

fn id_of(model: &MapModel, name: &str) -> Id {
    model
        .nodes
        .iter()
        .find(|node| node.name == name)
        .map(|node| node.id)
        .unwrap_or_else(|| panic!("{name} is on the map"))
}

fn create(state: &mut State, device: &mut Device, kind: Kind, fields: Vec<(&str, Value)>) -> Id {
    let id = device.ids.next();
    device.ok(state, Change::create(kind, id, fields));
    id
}

fn pole(name: &str, kind: &str, parent: Option<Id>) -> Vec<(&'static str, Value)> {
    let mut fields = vec![("name", Value::text(name)), ("kind", Value::text(kind))];
    if let Some(parent) = parent {
        fields.push(("parent", Value::Ref(parent)));
    }
    fields
}

/// Every pair of discs keeps its margin: footprints of top-level nodes
/// [`MARGIN`], every disc at least the smallest margin inside a crown.
fn assert_no_overlaps(model: &MapModel) {
    let discs: Vec<(f64, f64, f64, bool)> = model
        .nodes
        .iter()
        .flat_map(|node| {
            let own = (node.x, node.y, node.r, false);
            let footprint = (node.x, node.y, node.footprint, true);
            if node.kind == NodeKind::Function && node.parent.is_some() {
                vec![own]
            } else {
                vec![own, footprint]
            }
        })
        .collect();
    let close = FUNCTION_MARGIN.min(FUNCTION_GAP) - 1e-6;
    let mut order: Vec<usize> = (0..discs.len()).collect();
    order.sort_by(|&a, &b| (discs[a].0 - discs[a].2).total_cmp(&(discs[b].0 - discs[b].2)));
    for (at, &a) in order.iter().enumerate() {
        let (ax, ay, ar, a_footprint) = discs[a];
        for &b in &order[at + 1..] {
            let (bx, by, br, b_footprint) = discs[b];
            if bx - br > ax + ar + MARGIN {
                break;
            }
            let distance = (ax - bx).hypot(ay - by);
            if a_footprint && b_footprint {
                if distance == 0.0 && ar == br {
                    continue;
                }
                assert!(
                    distance >= ar + br + MARGIN - 1e-6,
                    "footprints at ({ax:.1},{ay:.1}) r {ar} and ({bx:.1},{by:.1}) r {br} overlap"
                );
            } else if !a_footprint && !b_footprint {
                assert!(
                    distance >= ar + br + close,
                    "discs at ({ax:.1},{ay:.1}) r {ar} and ({bx:.1},{by:.1}) r {br} overlap"
                );
            }
        }
    }
    // Each function lies inside its pôle's footprint.
    for node in &model.nodes {
        if let Some(host) = node.parent.and_then(|id| model.node(id))
            && node.kind == NodeKind::Function
        {
            let reach = (node.x - host.x).hypot(node.y - host.y) + node.r;
            assert!(
                reach <= host.footprint + 1e-6,
                "{} outside {}",
                node.name,
                host.name
            );
        }
    }
}

/// Every node of `before` is exactly where it was in `after`.
fn assert_same_positions(before: &MapModel, after: &MapModel) {
    for node in &before.nodes {
        let now = after
            .node(node.id)
            .unwrap_or_else(|| panic!("{} is still on the map", node.name));
        assert_eq!((node.x, node.y), (now.x, now.y), "{} moved", node.name);
    }
}

#[test]
fn the_demo_map_shows_centre_poles_functions_partners_and_links() {
    let (state, _) = demo();
    let model = map::build(&state, today());
    let count = |kind| model.nodes.iter().filter(|n| n.kind == kind).count();
    assert_eq!(count(NodeKind::Centre), 1);
    assert_eq!(count(NodeKind::Pole), 8);
    assert_eq!(count(NodeKind::Partner), 6);
    assert_eq!(count(NodeKind::Function), 13);

    let centre = model.node(id_of(&model, "Stratégie")).expect("centre");
    assert_eq!((centre.x, centre.y), (0.0, 0.0));
    assert_eq!(model.first(), Some(centre.id));

    let lumiere = model.node(id_of(&model, "LUMIÈRE")).expect("LUMIÈRE");
    assert_eq!(lumiere.colour, "#f9a825");
    assert_eq!(lumiere.parent, Some(centre.id));
    assert_eq!(lumiere.referents, ["Maximilien", "Stéphane"]);
    // Two referents, no facilitator nor welcome person in the demo.
    assert_eq!(lumiere.vacancies, ["facilitator", "welcome"]);
    assert_eq!(
        lumiere.functions,
        ["Réseautage & communication", "Positionnement et influence"]
    );
    let inside: Vec<&str> = model
        .nodes
        .iter()
        .filter(|node| node.parent == Some(lumiere.id))
        .map(|node| node.name.as_str())
        .collect();
    assert_eq!(
        inside,
        [
            "NL",
            "Site web",
            "RS",
            "Presse",
            "Comm",
            "Vidéo",
            "Graphisme"
        ]
    );
    for node in &model.nodes {
        if node.kind == NodeKind::Partner {
            assert!(node.vacancies.is_empty(), "partners have no roles to fill");
            assert!(node.x.hypot(node.y) > lumiere.x.hypot(lumiere.y));
        }
        assert_eq!(node.label, map::label_lines(&node.name));
        assert!(node.r >= map::label_radius(node.kind, &node.name));
    }
    // 8 pôles report to the centre, 6 partners, 6 links between pôles.
    assert_eq!(model.links.len(), 20);
    assert!(model.links.iter().all(|link| link.note.is_some()));
    assert!(model.bounds.min_x < 0.0 && model.bounds.max_y > 0.0);
    assert_no_overlaps(&model);
}

#[test]
fn a_node_without_colour_gets_a_readable_one_from_its_pole_or_its_id() {
    let (mut state, mut admin) = demo();
    let lumiere = id_of(&map::build(&state, today()), "LUMIÈRE");
    let bare = create(
        &mut state,
        &mut admin,
        Kind::Pole,
        pole("SANS COULEUR", "pole", None),
    );
    let function = create(
        &mut state,
        &mut admin,
        Kind::Pole,
        pole("Podcast", "function", Some(lumiere)),
    );
    let model = map::build(&state, today());
    let bare = model.node(bare).expect("on the map");
    assert!(map::label::PALETTE.contains(&bare.colour.as_str()));
    let function = model.node(function).expect("on the map");
    // LUMIÈRE's #f9a825, 45 % of the way to white.
    assert_eq!(function.colour, "#fccf87");
    for node in &model.nodes {
        assert!(
            map::label::contrast(&node.colour, node.ink.css()) >= 3.0,
            "{} on {}",
            node.name,
            node.colour
        );
    }
}

#[test]
fn adding_a_pole_a_partner_or_a_function_moves_no_other_node() {
    let (mut state, mut admin) = demo();
    let before = map::build(&state, today());
    let centre = id_of(&before, "Stratégie");
    let added = create(
        &mut state,
        &mut admin,
        Kind::Pole,
        pole("NOUVEAU PÔLE", "pole", Some(centre)),
    );
    let after_pole = map::build(&state, today());
    assert_same_positions(&before, &after_pole);
    assert!(after_pole.node(added).is_some());

    create(
        &mut state,
        &mut admin,
        Kind::Pole,
        pole("VOISINS", "partner", None),
    );
    let after_partner = map::build(&state, today());
    assert_same_positions(&after_pole, &after_partner);

    let diplomates = id_of(&before, "DIPLOMATES");
    create(
        &mut state,
        &mut admin,
        Kind::Pole,
        pole("Porte-parole", "function", Some(added)),
    );
    create(
        &mut state,
        &mut admin,
        Kind::Pole,
        pole("Débats", "function", Some(diplomates)),
    );
    let after_functions = map::build(&state, today());
    // The new functions' pôles grew; nodes created before them did not move.
    for node in &after_partner.nodes {
        let created_before_diplomates = node.id < diplomates;
        if created_before_diplomates {
            let now = after_functions.node(node.id).expect("still there");
            assert_eq!((node.x, node.y), (now.x, now.y), "{} moved", node.name);
        }
    }
    assert_no_overlaps(&after_functions);
}

#[test]
fn archiving_a_pole_hides_it_with_its_functions_and_leaves_a_gap() {
    let (mut state, mut admin) = demo();
    let before = map::build(&state, today());
    let lumiere = id_of(&before, "LUMIÈRE");
    admin.ok(
        &mut state,
        Change::Archive {
            id: lumiere,
            archived: true,
        },
    );
    let after = map::build(&state, today());
    assert!(after.node(lumiere).is_none());
    assert!(after.nodes.iter().all(|node| node.parent != Some(lumiere)));
    assert!(
        after
            .links
            .iter()
            .all(|link| link.from != lumiere && link.to != lumiere)
    );
    for node in &after.nodes {
        let old = before.node(node.id).expect("was on the map");
        assert_eq!((node.x, node.y), (old.x, old.y), "{} moved", node.name);
    }
    assert_eq!(after.nodes.len(), before.nodes.len() - 8);
}

fn nudge(id: Id, x: i64, y: i64) -> Change {
    Change::Set {
        id,
        fields: vec![
            FieldWrite::new("x", Value::Int(x), 0),
            FieldWrite::new("y", Value::Int(y), 0),
        ],
    }
}

#[test]
fn a_pinned_pole_stays_where_it_was_put_and_others_make_room() {
    let (mut state, mut admin) = demo();
    let before = map::build(&state, today());
    let artistes = id_of(&before, "ARTISTES");
    let temoigner = before
        .node(id_of(&before, "TÉMOIGNER"))
        .expect("on the map");
    // Dropped far away: nothing else moves, ARTISTES's old spot stays empty.
    admin.ok(&mut state, nudge(artistes, 2_000, -1_500));
    let far = map::build(&state, today());
    let pinned = far.node(artistes).expect("on the map");
    assert!(pinned.pinned);
    assert_eq!((pinned.x, pinned.y), (2_000.0, -1_500.0));
    for node in far
        .nodes
        .iter()
        .filter(|node| node.parent != Some(artistes))
    {
        if node.id != artistes {
            let old = before.node(node.id).expect("was there");
            assert_eq!((node.x, node.y), (old.x, old.y), "{} moved", node.name);
        }
    }
    // Dropped onto TÉMOIGNER: the pin wins, TÉMOIGNER finds another spot.
    admin.ok(
        &mut state,
        nudge(artistes, temoigner.x as i64, temoigner.y as i64),
    );
    let onto = map::build(&state, today());
    let moved = onto.node(temoigner.id).expect("still on the map");
    assert_ne!((moved.x, moved.y), (temoigner.x, temoigner.y));
    assert!(!moved.pinned);
    assert_no_overlaps(&onto);
    // Functions follow their pôle; x/y on a function are ignored.
    let lumiere = id_of(&before, "LUMIÈRE");
    let nl = id_of(&before, "NL");
    admin.ok(&mut state, nudge(nl, 0, 0));
    let ignored = map::build(&state, today());
    assert!(!ignored.node(nl).expect("on the map").pinned);
    assert_eq!(ignored.node(lumiere), onto.node(lumiere));
}

#[test]
fn arrow_keys_step_to_the_nearest_node_in_that_direction() {
    let (state, _) = demo();
    let model = map::build(&state, today());
    let top_level: Vec<_> = model
        .nodes
        .iter()
        .filter(|node| node.kind != NodeKind::Function)
        .collect();
    for from in &top_level {
        for dir in [
            Direction::Up,
            Direction::Down,
            Direction::Left,
            Direction::Right,
        ] {
            let ahead: Vec<_> = top_level
                .iter()
                .filter(|node| match dir {
                    Direction::Up => node.y < from.y,
                    Direction::Down => node.y > from.y,
                    Direction::Left => node.x < from.x,
                    Direction::Right => node.x > from.x,
                })
                .collect();
            match model.neighbour(from.id, dir) {
                Some(to) => {
                    let to = model.node(to).expect("on the map");
                    assert_ne!(to.kind, NodeKind::Function);
                    assert!(ahead.iter().any(|node| node.id == to.id), "{dir:?}");
                }
                None => assert!(ahead.is_empty(), "{} {dir:?}: {}", from.name, ahead.len()),
            }
        }
    }
    // From the centre, up leads to the pôle straight above it.
    let centre = id_of(&model, "Stratégie");
    let up = model
        .neighbour(centre, Direction::Up)
        .expect("a pôle above");
    let up = model.node(up).expect("on the map");
    assert!(up.y < 0.0 && up.x.abs() < up.y.abs(), "{}", up.name);
    // From a function, the arrows lead to top-level nodes.
    let nl = id_of(&model, "NL");
    assert!(Direction::Up != Direction::Down);
    let from_nl = [
        Direction::Up,
        Direction::Down,
        Direction::Left,
        Direction::Right,
    ]
    .map(|dir| model.neighbour(nl, dir));
    assert!(from_nl.iter().flatten().count() >= 2);
    assert!(
        model
            .neighbour(Id::from_parts(1, [0; 10]), Direction::Up)
            .is_none()
    );
}

#[test]
fn coverage_lists_who_serves_each_function_and_what_no_one_covers() {
    let (mut state, mut admin) = demo();
    let coverage = map::coverage(&state);
    let names: Vec<&str> = coverage.functions.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, archipel_core::demo::FUNCTIONS);
    assert!(coverage.functions.iter().all(|f| !f.poles.is_empty()));
    assert_eq!(coverage.uncovered().count(), 0);
    assert!(coverage.unlisted.is_empty());
    let model = map::build(&state, today());
    let projets = &coverage.functions[2];
    let serving: Vec<&str> = projets
        .poles
        .iter()
        .map(|id| model.node(*id).expect("on the map").name.as_str())
        .collect();
    assert_eq!(serving, ["ARTISTES", "COLLECTIFS"]);

    // Archive both: "Réalisation de projets collectifs" is no longer covered.
    for name in ["ARTISTES", "COLLECTIFS"] {
        let id = id_of(&model, name);
        admin.ok(&mut state, Change::Archive { id, archived: true });
    }
    let lumiere = id_of(&model, "LUMIÈRE");
    admin.ok(
        &mut state,
        Change::Add {
            id: lumiere,
            field: "functions".into(),
            items: Value::set(["Podcasts", "REALISATION DE PROJETS COLLECTIFS?"]),
        },
    );
    let coverage = map::coverage(&state);
    assert_eq!(
        coverage.uncovered().collect::<Vec<_>>(),
        Vec::<&str>::new(),
        "matched with accents, case and punctuation ignored"
    );
    assert_eq!(coverage.functions[2].poles, [lumiere]);
    assert_eq!(coverage.unlisted.len(), 1);
    assert_eq!(coverage.unlisted[0].name, "Podcasts");
    admin.ok(
        &mut state,
        Change::Remove {
            id: lumiere,
            field: "functions".into(),
            items: Value::set(["REALISATION DE PROJETS COLLECTIFS?"]),
        },
    );
    let coverage = map::coverage(&state);
    assert_eq!(
        coverage.uncovered().collect::<Vec<_>>(),
        ["Réalisation de projets collectifs"]
    );
}

#[test]
fn changes_since_name_poles_added_removed_and_changed_with_their_people() {
    let (mut state, mut admin) = demo();
    let before = state.clone();
    assert!(map::changed_since(&before, &state).is_empty());
    let model = map::build(&state, today());
    let (lumiere, cohesion, artistes, diplomates) = (
        id_of(&model, "LUMIÈRE"),
        id_of(&model, "COHÉSION"),
        id_of(&model, "ARTISTES"),
        id_of(&model, "DIPLOMATES"),
    );
    admin.ok(
        &mut state,
        Change::set(lumiere, "name", Value::text("LUMIÈRES"), 0),
    );
    let person = create(
        &mut state,
        &mut admin,
        Kind::Person,
        vec![("display_name", Value::text("Inès"))],
    );
    create(
        &mut state,
        &mut admin,
        Kind::RoleAssignment,
        vec![
            ("person", Value::Ref(person)),
            ("pole", Value::Ref(cohesion)),
            ("role", Value::text("welcome")),
        ],
    );
    create(
        &mut state,
        &mut admin,
        Kind::Mission,
        vec![
            ("pole", Value::Ref(diplomates)),
            ("title", Value::text("Préparer les débats")),
        ],
    );
    admin.ok(
        &mut state,
        Change::Archive {
            id: artistes,
            archived: true,
        },
    );
    let added = create(
        &mut state,
        &mut admin,
        Kind::Pole,
        pole("NOUVEAU", "pole", None),
    );
    let changes = map::changed_since(&before, &state);
    assert_eq!(changes.added, [added]);
    assert_eq!(changes.removed, [artistes]);
    let mut changed = vec![lumiere, cohesion, diplomates];
    changed.sort();
    assert_eq!(changes.changed, changed);
    assert!(changes.links.is_empty());

    // Renaming a referent changes the pôle they lead.
    let middle = state.clone();
    let referent = state
        .of_kind(Kind::RoleAssignment)
        .find(|assignment| assignment.reference("pole") == Some(lumiere))
        .and_then(|assignment| assignment.reference("person"))
        .expect("LUMIÈRE has referents");
    admin.ok(
        &mut state,
        Change::set(referent, "display_name", Value::text("Stéphane B."), 0),
    );
    assert_eq!(map::changed_since(&middle, &state).changed, [lumiere]);
}

/// The demo's operations as the server's log of applied operations, one
/// second apart from `start`.
fn demo_log(start: i64) -> (Vec<AppliedEntry>, State, Device) {
    let mut admin = Device::new(0xAD, Actor::anonymous(Access::Admin));
    let mut state = State::new();
    let mut entries = Vec::new();
    for change in demo_changes(&mut || admin.ids.next()) {
        let op = admin.op(change);
        let Receipt::Applied(applied) = state.receive(&op, &admin.actor) else {
            panic!("the demo applies");
        };
        entries.push(AppliedEntry {
            version: applied.version,
            received_at: start + 1_000 * applied.version as i64,
            op,
            actor: admin.actor,
        });
    }
    (entries, state, admin)
}

#[test]
fn replaying_the_applied_log_gives_back_the_demo_state() {
    let (entries, state, _) = demo_log(1_795_305_600_000);
    let replayed = state_at(&entries, u64::MAX);
    assert_eq!(replayed.version, state.version);
    assert_eq!(replayed.all_records_sorted(), state.all_records_sorted());
    assert_eq!(replayed, state, "sequences included");
    let halfway = state_at(&entries, 40);
    assert_eq!(halfway.version, 40);
    assert_eq!(halfway.len(), 40, "one record per demo operation");
}

#[test]
fn a_pole_archived_at_version_v_is_on_the_map_at_v_minus_one_only() {
    let start = 1_795_305_600_000;
    let (mut entries, mut state, mut admin) = demo_log(start);
    let model = map::build(&state, today());
    let lumiere = id_of(&model, "LUMIÈRE");
    // A refused operation takes a sequence number but is not in the log.
    let refused = admin.op(Change::set(lumiere, "colour", Value::text("jaune"), 0));
    assert!(matches!(
        state.receive(&refused, &admin.actor),
        Receipt::Refused(_)
    ));
    let op = admin.op(Change::Archive {
        id: lumiere,
        archived: true,
    });
    let Receipt::Applied(applied) = state.receive(&op, &admin.actor) else {
        panic!("archiving applies");
    };
    let v = applied.version;
    let received_at = start + 1_000 * v as i64 + 500;
    entries.push(AppliedEntry {
        version: v,
        received_at,
        op,
        actor: admin.actor,
    });
    assert!(
        map::build(&state_at(&entries, v - 1), today())
            .node(lumiere)
            .is_some()
    );
    assert!(
        map::build(&state_at(&entries, v), today())
            .node(lumiere)
            .is_none()
    );
    assert_eq!(state_at(&entries, v), state);

    assert_eq!(version_at(&entries, start), 0);
    assert_eq!(version_at(&entries, start + 1_000), 1);
    assert_eq!(version_at(&entries, received_at - 1), v - 1);
    assert_eq!(version_at(&entries, received_at), v);
    assert_eq!(version_at(&entries, i64::MAX), v);
}

#[test]
fn a_log_starting_late_keeps_the_servers_versions() {
    let (entries, state, _) = demo_log(0);
    // Without the collective and the centre (versions 1 and 2), what refers
    // to them does not apply; the rest keeps its versions.
    let replayed = state_at(&entries[2..], u64::MAX);
    let records = replayed.all_records_sorted();
    assert!(records.len() > 2 && records.len() < state.len());
    for record in records {
        let original = state.record(record.id).expect("in the demo");
        assert_eq!(record.created_at, original.created_at);
    }
    assert!(state.record(entries[0].op.change.target()).is_some());
    assert!(replayed.record(entries[0].op.change.target()).is_none());
}

/// A generated collective: `poles` top-level nodes (a centre first, one in
/// six a partner), up to 8 functions each, names from 2 to 40 characters,
/// some pinned, some archived.
fn generated(spec: &[(u8, u8, u8, u8)]) -> State {
    let mut admin = Device::new(0xAD, Actor::anonymous(Access::Admin));
    let mut state = State::new();
    let centre = create(
        &mut state,
        &mut admin,
        Kind::Pole,
        pole("Stratégie", "centre", None),
    );
    let word = "POLE FONCTION LUMIERE COHESION A B";
    let name = |length: u8, n: usize| {
        let text: String = word
            .chars()
            .cycle()
            .take(usize::from(length) % 38 + 2)
            .collect();
        format!("{n}{}", text.trim())
    };
    for (n, &(length, functions, pin, flags)) in spec.iter().enumerate() {
        let kind = if n % 6 == 5 { "partner" } else { "pole" };
        let mut fields = pole(&name(length, n), kind, Some(centre));
        if flags % 7 == 0 {
            fields.push(("x", Value::Int(i64::from(pin) * 40 - 5_000)));
            fields.push(("y", Value::Int(i64::from(length) * 30 - 3_000)));
        }
        let id = create(&mut state, &mut admin, Kind::Pole, fields);
        for f in 0..functions % 9 {
            let fields = pole(&name(length.wrapping_mul(f + 3), n), "function", Some(id));
            create(&mut state, &mut admin, Kind::Pole, fields);
        }
        if flags % 11 == 3 {
            admin.ok(&mut state, Change::Archive { id, archived: true });
        }
    }
    state
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn no_two_discs_overlap_whatever_the_collective(
        spec in prop::collection::vec(any::<(u8, u8, u8, u8)>(), 3..300)
    ) {
        let state = generated(&spec);
        let model = map::build(&state, today());
        assert_no_overlaps(&model);
    }

    #[test]
    fn a_new_pole_leaves_every_other_node_in_place(
        spec in prop::collection::vec(any::<(u8, u8, u8, u8)>(), 3..120),
        extra in any::<(u8, u8)>()
    ) {
        let mut state = generated(&spec);
        let before = map::build(&state, today());
        let mut admin = Device::new(0xEE, Actor::anonymous(Access::Admin));
        let id = create(&mut state, &mut admin, Kind::Pole, pole("NOUVEAU", "pole", None));
        for f in 0..extra.0 % 9 {
            create(&mut state, &mut admin, Kind::Pole, pole(&format!("Fonction {f}"), "function", Some(id)));
        }
        let after = map::build(&state, today());
        assert_same_positions(&before, &after);
        assert_no_overlaps(&after);
    }
}

#[test]
fn a_thousand_poles_with_eight_functions_each_never_overlap() {
    // Straight into the layout: 1 000 pôles (every 10th a partner, every
    // 25th pinned) and 8 functions each, 9 000 discs.
    let mut items = Vec::new();
    for n in 0..1_000usize {
        let pole = items.len();
        items.push(Item {
            kind: if n % 10 == 9 {
                NodeKind::Partner
            } else {
                NodeKind::Pole
            },
            radius: map::label_radius(NodeKind::Pole, &"É".repeat(n % 40 + 2)),
            host: None,
            pin: (n % 25 == 0).then(|| ((n as f64) * 7.0 - 3_000.0, (n as f64) * -3.0)),
        });
        for f in 0..8 {
            items.push(Item {
                kind: NodeKind::Function,
                radius: map::label_radius(NodeKind::Function, &"a".repeat((n + f) % 24 + 2)),
                host: Some(pole),
                pin: None,
            });
        }
    }
    let placed = layout(&items);
    let mut discs: Vec<(f64, f64, f64, Option<usize>)> = Vec::new();
    for (index, (item, place)) in items.iter().zip(&placed).enumerate() {
        discs.push((place.x, place.y, item.radius, item.host.or(Some(index))));
        if item.host.is_none() {
            discs.push((place.x, place.y, place.footprint, None));
        }
    }
    discs.sort_by(|a, b| (a.0 - a.2).total_cmp(&(b.0 - b.2)));
    for (at, a) in discs.iter().enumerate() {
        for b in &discs[at + 1..] {
            if b.0 - b.2 > a.0 + a.2 + MARGIN {
                break;
            }
            let distance = (a.0 - b.0).hypot(a.1 - b.1);
            match (a.3, b.3) {
                (None, None) => assert!(distance >= a.2 + b.2 + MARGIN - 1e-6),
                (Some(_), Some(_)) => assert!(distance >= a.2 + b.2 + FUNCTION_MARGIN - 1e-6),
                _ => {}
            }
        }
    }
    let pinned = placed.iter().filter(|place| place.pinned).count();
    assert!(pinned > 0, "some pins are honoured");
}
