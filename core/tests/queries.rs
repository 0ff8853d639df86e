//! What the governance board shows: pôle health, who could answer a need,
//! who did what.

mod support;

use archipel_core::queries::{
    contributions, health_board, match_needs, pole_health, suggestions_for_need,
};
use archipel_core::{Change, Date, Id, Kind, RoleCount, Value};
use support::World;

fn today() -> Date {
    Date::from_ymd(2026, 11, 22).expect("a date")
}

fn day(text: &str) -> Value {
    Value::Date(text.parse().expect("a date"))
}

fn create(world: &mut World, kind: Kind, fields: Vec<(&str, Value)>) -> Id {
    let id = world.admin.ids.next();
    world
        .admin
        .ok(&mut world.state, Change::create(kind, id, fields));
    id
}

fn person(world: &mut World, name: &str, fields: Vec<(&str, Value)>) -> Id {
    let mut all = vec![("display_name", Value::text(name))];
    all.extend(fields);
    create(world, Kind::Person, all)
}

fn assign(world: &mut World, person: Id, pole: Id, role: &str) -> Id {
    assign_with(world, person, pole, role, vec![])
}

fn assign_with(
    world: &mut World,
    person: Id,
    pole: Id,
    role: &str,
    fields: Vec<(&str, Value)>,
) -> Id {
    let mut all = vec![
        ("person", Value::Ref(person)),
        ("pole", Value::Ref(pole)),
        ("role", Value::text(role)),
    ];
    all.extend(fields);
    create(world, Kind::RoleAssignment, all)
}

fn pole(world: &mut World, name: &str, fields: Vec<(&str, Value)>) -> Id {
    let mut all = vec![("name", Value::text(name)), ("kind", Value::text("pole"))];
    all.extend(fields);
    create(world, Kind::Pole, all)
}

fn roles(pairs: &[(&str, u8)]) -> Value {
    Value::Roles(
        pairs
            .iter()
            .map(|(role, count)| RoleCount {
                role: (*role).to_owned(),
                count: *count,
            })
            .collect(),
    )
}

/// (role, required, held, missing, at risk) of a pôle.
fn gaps(world: &World, pole: Id) -> Vec<(String, u8, u8, u8, bool)> {
    pole_health(&world.state, pole, today())
        .expect("a pôle")
        .roles
        .into_iter()
        .map(|gap| (gap.role, gap.required, gap.held, gap.missing, gap.at_risk))
        .collect()
}

fn gap(
    role: &str,
    required: u8,
    held: u8,
    missing: u8,
    at_risk: bool,
) -> (String, u8, u8, u8, bool) {
    (role.to_owned(), required, held, missing, at_risk)
}

#[test]
fn a_pole_with_nobody_misses_two_referents_a_facilitator_and_a_welcome_person() {
    let world = World::new();
    assert_eq!(
        gaps(&world, world.lumiere),
        vec![
            gap("referent", 2, 0, 2, false),
            gap("facilitator", 1, 0, 1, false),
            gap("welcome", 1, 0, 1, false),
        ]
    );
}

#[test]
fn current_holders_are_subtracted_from_the_required_roles() {
    let mut world = World::new();
    let (claire, yann, lumiere) = (world.claire, world.yann, world.lumiere);
    assign(&mut world, claire, lumiere, "referent");
    assign(&mut world, yann, lumiere, "referent");
    assign(&mut world, yann, lumiere, "welcome");
    let health = pole_health(&world.state, lumiere, today()).expect("a pôle");
    assert_eq!(health.missing(), 1);
    assert_eq!(health.roles[0].holders.len(), 2);
    assert_eq!(
        gaps(&world, lumiere),
        vec![
            gap("referent", 2, 2, 0, false),
            gap("facilitator", 1, 0, 1, false),
            gap("welcome", 1, 1, 0, false),
        ]
    );
}

#[test]
fn a_poles_own_required_roles_override_the_collectives_which_override_the_default() {
    let mut world = World::new();
    let collective = world.state.collective().expect("a collective").id;
    world.admin.ok(
        &mut world.state,
        Change::set(
            collective,
            "required_roles",
            roles(&[("referent", 1), ("member", 3)]),
            0,
        ),
    );
    let own = pole(
        &mut world,
        "Presse",
        vec![("required_roles", roles(&[("facilitator", 2)]))],
    );
    assert_eq!(
        gaps(&world, world.lumiere),
        vec![
            gap("referent", 1, 0, 1, false),
            gap("member", 3, 0, 3, false)
        ]
    );
    assert_eq!(gaps(&world, own), vec![gap("facilitator", 2, 0, 2, false)]);
}

#[test]
fn an_ended_or_future_role_does_not_count() {
    let mut world = World::new();
    let (claire, yann, lumiere) = (world.claire, world.yann, world.lumiere);
    assign_with(
        &mut world,
        claire,
        lumiere,
        "facilitator",
        vec![("until", day("2026-11-22"))],
    );
    assign_with(
        &mut world,
        yann,
        lumiere,
        "welcome",
        vec![("since", day("2026-12-01"))],
    );
    assign_with(
        &mut world,
        yann,
        lumiere,
        "referent",
        vec![("until", day("2026-11-23"))],
    );
    assert_eq!(
        gaps(&world, lumiere),
        vec![
            gap("referent", 2, 1, 1, false),
            gap("facilitator", 1, 0, 1, false),
            gap("welcome", 1, 0, 1, false),
        ]
    );
}

#[test]
fn a_person_who_left_no_longer_holds_their_roles() {
    let mut world = World::new();
    let (claire, lumiere) = (world.claire, world.lumiere);
    world.admin.ok(
        &mut world.state,
        Change::set(claire, "status", Value::text("left"), 0),
    );
    // Leaving is refused while roles are held (see the governance tests), but a
    // device that had not heard of it may still assign one afterwards.
    assign(&mut world, claire, lumiere, "facilitator");
    assert_eq!(gaps(&world, lumiere)[1], gap("facilitator", 1, 0, 1, false));
}

#[test]
fn a_role_held_only_by_people_who_are_off_is_at_risk() {
    let mut world = World::new();
    let lumiere = world.lumiere;
    let off = person(&mut world, "Inès", vec![("available", Value::Bool(false))]);
    let back_soon = person(
        &mut world,
        "Malo",
        vec![
            ("available", Value::Bool(false)),
            ("off_until", day("2026-12-15")),
        ],
    );
    let back_already = person(
        &mut world,
        "Nour",
        vec![
            ("available", Value::Bool(false)),
            ("off_until", day("2026-11-22")),
        ],
    );
    assign(&mut world, off, lumiere, "referent");
    assign(&mut world, back_soon, lumiere, "referent");
    assign(&mut world, off, lumiere, "facilitator");
    assign(&mut world, back_already, lumiere, "welcome");
    let health = pole_health(&world.state, lumiere, today()).expect("a pôle");
    assert_eq!(
        gaps(&world, lumiere),
        vec![
            gap("referent", 2, 2, 0, true),
            gap("facilitator", 1, 1, 0, true),
            gap("welcome", 1, 1, 0, false),
        ]
    );
    assert_eq!(health.at_risk(), 2);
    assert!(!health.is_healthy());
}

#[test]
fn a_role_shared_with_someone_available_is_not_at_risk() {
    let mut world = World::new();
    let (claire, lumiere) = (world.claire, world.lumiere);
    let off = person(&mut world, "Inès", vec![("available", Value::Bool(false))]);
    assign(&mut world, off, lumiere, "referent");
    assign(&mut world, claire, lumiere, "referent");
    assert_eq!(gaps(&world, lumiere)[0], gap("referent", 2, 2, 0, false));
}

#[test]
fn the_board_puts_missing_referents_first_and_leaves_out_archived_and_partner_poles() {
    let mut world = World::new();
    let (claire, yann, centre, lumiere) = (world.claire, world.yann, world.centre, world.lumiere);
    let one = roles(&[("referent", 2), ("facilitator", 2), ("welcome", 2)]);
    world.admin.ok(
        &mut world.state,
        Change::set(centre, "required_roles", one.clone(), 0),
    );
    world.admin.ok(
        &mut world.state,
        Change::set(lumiere, "required_roles", one, 0),
    );
    for role in ["facilitator", "welcome"] {
        assign(&mut world, claire, centre, role);
        assign(&mut world, yann, centre, role);
    }
    assign(&mut world, claire, lumiere, "referent");
    let whole = pole(
        &mut world,
        "Complet",
        vec![("required_roles", roles(&[("referent", 1)]))],
    );
    assign(&mut world, yann, whole, "referent");
    pole(
        &mut world,
        "Partenaire",
        vec![("kind", Value::text("partner"))],
    );
    pole(
        &mut world,
        "Ancien",
        vec![("status", Value::text("archived"))],
    );
    let hidden = pole(&mut world, "Caché", vec![]);
    world.admin.ok(
        &mut world.state,
        Change::Archive {
            id: hidden,
            archived: true,
        },
    );
    let board = health_board(&world.state, today());
    let order: Vec<&str> = board.iter().map(|health| health.name.as_str()).collect();
    // LUMIÈRE: 1 referent + 2 + 2 missing = urgency 6; Stratégie: 2 referents = 4.
    assert_eq!(order, vec!["LUMIÈRE", "Stratégie", "Complet"]);
    assert_eq!(board[0].urgency(), 6);
    assert_eq!(board[1].urgency(), 4);
    assert!(board[2].is_healthy());
}

#[test]
fn two_missing_referents_outrank_three_missing_other_roles() {
    let mut world = World::new();
    let (claire, yann, centre, lumiere) = (world.claire, world.yann, world.centre, world.lumiere);
    let required = roles(&[
        ("referent", 2),
        ("facilitator", 1),
        ("welcome", 1),
        ("member", 1),
    ]);
    for pole in [centre, lumiere] {
        world.admin.ok(
            &mut world.state,
            Change::set(pole, "required_roles", required.clone(), 0),
        );
    }
    // The centre has its referents but nothing else: 3 missing, urgency 3.
    assign(&mut world, claire, centre, "referent");
    assign(&mut world, yann, centre, "referent");
    // LUMIÈRE has everything but referents: 2 missing, urgency 4.
    assign(&mut world, claire, lumiere, "facilitator");
    assign(&mut world, claire, lumiere, "welcome");
    assign(&mut world, yann, lumiere, "member");
    let board = health_board(&world.state, today());
    assert_eq!(board[0].pole, lumiere);
    assert_eq!((board[0].missing(), board[1].missing()), (2, 3));
}

fn need(world: &mut World, title: &str, skills: &[&str], hours: Option<i64>) -> Id {
    let mut fields = vec![
        ("pole", Value::Ref(world.lumiere)),
        ("title", Value::text(title)),
        ("skills", Value::set(skills.iter().copied())),
    ];
    if let Some(hours) = hours {
        fields.push(("hours_per_week", Value::Int(hours)));
    }
    create(world, Kind::Need, fields)
}

fn offer(world: &mut World, person: Id, skills: &[&str], hours: i64) -> Id {
    create(
        world,
        Kind::Offer,
        vec![
            ("person", Value::Ref(person)),
            ("skills", Value::set(skills.iter().copied())),
            ("hours_per_week", Value::Int(hours)),
        ],
    )
}

#[test]
fn people_are_ranked_by_skills_in_common_ignoring_case_and_accents() {
    let mut world = World::new();
    let video = need(
        &mut world,
        "Monter les vidéos",
        &["Vidéo", "Montage", "Sous-titres", "Son"],
        Some(2),
    );
    let three = person(
        &mut world,
        "Inès",
        vec![
            ("skills", Value::set(["video", "MONTAGE", "sous titres"])),
            ("hours_per_week", Value::Int(2)),
        ],
    );
    let one = person(
        &mut world,
        "Malo",
        vec![
            ("skills", Value::set(["Son", "Cuisine"])),
            ("hours_per_week", Value::Int(10)),
        ],
    );
    person(
        &mut world,
        "Nour",
        vec![("skills", Value::set(["Cuisine"]))],
    );
    let found = suggestions_for_need(&world.state, video, today(), 10);
    assert_eq!(
        found.iter().map(|s| s.person).collect::<Vec<_>>(),
        vec![three, one]
    );
    let best = &found[0];
    assert_eq!(best.matched_skills, vec!["Montage", "Sous-titres", "Vidéo"]);
    assert_eq!(best.wanted_skills, 4);
    assert_eq!(best.hours_per_week, Some(2));
    assert_eq!(best.needed_hours, Some(2));
    assert!(best.covers_hours());
    assert_eq!(best.offer, None);
}

#[test]
fn with_equal_skills_those_offering_enough_hours_come_first() {
    let mut world = World::new();
    let wanted = need(&mut world, "Graphisme", &["graphisme"], Some(4));
    let little = person(
        &mut world,
        "Peu",
        vec![
            ("skills", Value::set(["Graphisme"])),
            ("hours_per_week", Value::Int(1)),
        ],
    );
    let enough = person(
        &mut world,
        "Assez",
        vec![
            ("skills", Value::set(["Graphisme"])),
            ("hours_per_week", Value::Int(5)),
        ],
    );
    let found = suggestions_for_need(&world.state, wanted, today(), 10);
    assert_eq!(
        found.iter().map(|s| s.person).collect::<Vec<_>>(),
        vec![enough, little]
    );
    assert!(!found[1].covers_hours());
}

#[test]
fn an_open_offer_is_suggested_with_its_own_skills_and_hours() {
    let mut world = World::new();
    let claire = world.claire;
    let wanted = need(&mut world, "Presse", &["rédaction", "presse"], None);
    let help = offer(&mut world, claire, &["Rédaction", "Presse"], 3);
    let found = suggestions_for_need(&world.state, wanted, today(), 10);
    assert_eq!(found.len(), 1, "one suggestion per person");
    assert_eq!(found[0].person, claire);
    assert_eq!(found[0].offer, Some(help));
    assert_eq!(found[0].matched_skills.len(), 2);
    assert_eq!(found[0].hours_per_week, Some(3));
}

#[test]
fn a_need_without_skills_suggests_people_who_offered_help() {
    let mut world = World::new();
    let (claire, yann) = (world.claire, world.yann);
    let anything = need(&mut world, "Un coup de main", &[], None);
    offer(&mut world, claire, &[], 2);
    let withdrawn = offer(&mut world, yann, &[], 8);
    world.admin.ok(
        &mut world.state,
        Change::set(withdrawn, "status", Value::text("withdrawn"), 0),
    );
    let found = suggestions_for_need(&world.state, anything, today(), 10);
    assert_eq!(
        found.iter().map(|s| s.person).collect::<Vec<_>>(),
        vec![claire]
    );
}

#[test]
fn a_person_who_is_off_is_never_suggested() {
    let mut world = World::new();
    let wanted = need(&mut world, "Vidéo", &["video"], None);
    let off = person(
        &mut world,
        "Inès",
        vec![
            ("skills", Value::set(["Vidéo"])),
            ("available", Value::Bool(false)),
        ],
    );
    offer(&mut world, off, &["Vidéo"], 10);
    person(
        &mut world,
        "Malo",
        vec![
            ("skills", Value::set(["Vidéo"])),
            ("available", Value::Bool(false)),
            ("off_until", day("2026-12-01")),
        ],
    );
    assert!(suggestions_for_need(&world.state, wanted, today(), 10).is_empty());
}

#[test]
fn someone_back_from_a_break_is_suggested_again() {
    let mut world = World::new();
    let wanted = need(&mut world, "Vidéo", &["video"], None);
    let back = person(
        &mut world,
        "Malo",
        vec![
            ("skills", Value::set(["Vidéo"])),
            ("available", Value::Bool(false)),
            ("off_until", day("2026-11-22")),
        ],
    );
    let found = suggestions_for_need(&world.state, wanted, today(), 10);
    assert_eq!(
        found.iter().map(|s| s.person).collect::<Vec<_>>(),
        vec![back]
    );
}

#[test]
fn a_person_who_left_is_never_suggested() {
    let mut world = World::new();
    let wanted = need(&mut world, "Vidéo", &["video"], None);
    let gone = person(
        &mut world,
        "Inès",
        vec![
            ("skills", Value::set(["Vidéo"])),
            ("status", Value::text("left")),
        ],
    );
    offer(&mut world, gone, &["Vidéo"], 10);
    assert!(suggestions_for_need(&world.state, wanted, today(), 10).is_empty());
}

#[test]
fn only_open_needs_are_matched() {
    let mut world = World::new();
    let claire = world.claire;
    world.admin.ok(
        &mut world.state,
        Change::Add {
            id: claire,
            field: "skills".into(),
            items: Value::set(["Vidéo"]),
        },
    );
    let open = need(&mut world, "Vidéo", &["video"], None);
    let filled = need(&mut world, "Vidéo 2", &["video"], None);
    world.admin.ok(
        &mut world.state,
        Change::set(filled, "status", Value::text("filled"), 0),
    );
    let all = match_needs(&world.state, today(), 5);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].need, open);
    assert_eq!(all[0].pole, Some(world.lumiere));
    assert_eq!(all[0].suggestions[0].person, claire);
    assert!(suggestions_for_need(&world.state, filled, today(), 5).is_empty());
}

#[test]
fn a_persons_roles_show_current_ones_first_with_pole_and_dates() {
    let mut world = World::new();
    let (claire, centre, lumiere) = (world.claire, world.centre, world.lumiere);
    let past = assign_with(
        &mut world,
        claire,
        centre,
        "facilitator",
        vec![("since", day("2025-01-10")), ("until", day("2026-03-01"))],
    );
    let now = assign_with(
        &mut world,
        claire,
        lumiere,
        "referent",
        vec![("since", day("2026-03-01"))],
    );
    let yann = world.yann;
    assign(&mut world, yann, lumiere, "referent");
    let record = contributions(&world.state, claire, today());
    assert_eq!(record.person, claire);
    let summary: Vec<_> = record
        .roles
        .iter()
        .map(|role| (role.assignment, role.pole, role.role.as_str(), role.current))
        .collect();
    assert_eq!(
        summary,
        vec![
            (now, Some(lumiere), "referent", true),
            (past, Some(centre), "facilitator", false),
        ]
    );
    assert_eq!(record.roles[1].since, "2025-01-10".parse().ok());
    assert_eq!(record.roles[1].until, "2026-03-01".parse().ok());
}

#[test]
fn a_persons_tasks_show_taken_ones_then_done_ones() {
    let mut world = World::new();
    let (claire, yann, lumiere) = (world.claire, world.yann, world.lumiere);
    let task = |world: &mut World, title: &str, status: &str, taker: Option<Id>| {
        let mut fields = vec![
            ("title", Value::text(title)),
            ("pole", Value::Ref(lumiere)),
            ("status", Value::text(status)),
        ];
        if let Some(taker) = taker {
            fields.push(("taker", Value::Ref(taker)));
        }
        create(world, Kind::Task, fields)
    };
    let done = task(&mut world, "Affiche", "done", Some(claire));
    let taken = task(&mut world, "Newsletter", "taken", Some(claire));
    task(&mut world, "Tract", "open", None);
    task(&mut world, "Vidéo", "taken", Some(yann));
    let record = contributions(&world.state, claire, today());
    let summary: Vec<_> = record
        .tasks
        .iter()
        .map(|task| (task.task, task.title.as_str(), task.done, task.pole))
        .collect();
    assert_eq!(
        summary,
        vec![
            (taken, "Newsletter", false, Some(lumiere)),
            (done, "Affiche", true, Some(lumiere)),
        ]
    );
    assert!(record.roles.is_empty());
}
