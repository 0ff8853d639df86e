//! The permission matrix, cell by cell, and the exceptions that let members
//! act on what is theirs. The expected table is written here independently of
//! `authz::least_access`, from the matrix documented in `core/src/authz.rs`.

mod support;

use archipel_core::authz::Action;
use archipel_core::{Access, Actor, Change, Id, Kind, Receipt, State, Step, Value};
use support::{Device, World, refused};

/// The least access level for each cell; `None` means nobody.
fn expected(kind: Kind, action: Action) -> Option<Access> {
    use Access::{Admin, Facilitator, Guest, Member};
    use Action::{Archive, Count, Create, Delete, Edit};
    match kind {
        Kind::Collective => match action {
            Create | Edit => Some(Admin),
            Count | Archive | Delete => None,
        },
        Kind::Pole
        | Kind::Mission
        | Kind::Link
        | Kind::RoleAssignment
        | Kind::Need
        | Kind::Meeting
        | Kind::AgendaItem
        | Kind::SpeakingTurn
        | Kind::Decision
        | Kind::Kit
        | Kind::Event
        | Kind::Person => match action {
            Create | Edit | Archive => Some(Facilitator),
            Count => None,
            Delete => Some(Admin),
        },
        Kind::KitVersion => match action {
            Create | Archive => Some(Facilitator),
            Edit | Count => None,
            Delete => Some(Admin),
        },
        Kind::Offer | Kind::Task | Kind::Feedback => match action {
            Create => Some(Member),
            Edit | Archive => Some(Facilitator),
            Count => None,
            Delete => Some(Admin),
        },
        Kind::KitRun => match action {
            Create | Edit => Some(Member),
            Archive => Some(Facilitator),
            Count => None,
            Delete => Some(Admin),
        },
        Kind::Place => match action {
            Create => Some(Guest),
            Edit | Count => Some(Member),
            Archive => Some(Facilitator),
            Delete => Some(Admin),
        },
        Kind::Report => match action {
            Create => Some(Guest),
            Edit | Archive => Some(Facilitator),
            Count => None,
            Delete => Some(Admin),
        },
    }
}

const NOV_21: i64 = 1_795_305_600_000;

/// A collective with one record of each kind the others depend on.
struct Fixture {
    world: World,
    meeting: Id,
    kit: Id,
    version: Id,
    place: Id,
}

impl Fixture {
    fn new() -> Fixture {
        let mut world = World::new();
        let meeting = world.admin.ids.next();
        world.admin.ok(
            &mut world.state,
            Change::create(
                Kind::Meeting,
                meeting,
                [
                    ("title", Value::text("Réunion stratégique")),
                    ("theme", Value::text("Recrutement")),
                    ("starts_at", Value::Time(NOV_21)),
                ],
            ),
        );
        let kit = world.admin.ids.next();
        world.admin.ok(
            &mut world.state,
            Change::create(
                Kind::Kit,
                kit,
                [
                    ("title", Value::text("Cartopartie")),
                    ("pole", Value::Ref(world.lumiere)),
                ],
            ),
        );
        let version = world.admin.ids.next();
        world.admin.ok(
            &mut world.state,
            Change::create(
                Kind::KitVersion,
                version,
                [("kit", Value::Ref(kit)), ("number", Value::Int(1))],
            ),
        );
        let place = world.admin.ids.next();
        world.admin.ok(
            &mut world.state,
            Change::create(
                Kind::Place,
                place,
                [
                    ("name", Value::text("Recyclerie")),
                    ("lat", Value::degrees(45.76)),
                    ("lon", Value::degrees(4.84)),
                ],
            ),
        );
        Fixture {
            world,
            meeting,
            kit,
            version,
            place,
        }
    }

    /// Valid fields to create a record of `kind`, on behalf of `me`.
    fn create_fields(&self, kind: Kind, me: Option<Id>) -> Vec<(&'static str, Value)> {
        let w = &self.world;
        let text = Value::text;
        match kind {
            Kind::Collective => vec![("name", text("Un autre collectif"))],
            Kind::Pole => vec![("name", text("SOIGNANTS")), ("kind", text("pole"))],
            Kind::Mission => vec![
                ("pole", Value::Ref(w.lumiere)),
                ("title", text("Élaborer une NL bimensuelle")),
            ],
            Kind::Link => vec![
                ("from", Value::Ref(w.lumiere)),
                ("to", Value::Ref(w.centre)),
                ("kind", text("reports_to")),
            ],
            Kind::Person => vec![("display_name", text("Ira"))],
            Kind::RoleAssignment => vec![
                ("person", Value::Ref(w.yann)),
                ("pole", Value::Ref(w.lumiere)),
                ("role", text("member")),
            ],
            Kind::Need => vec![
                ("pole", Value::Ref(w.lumiere)),
                ("title", text("Un·e facilitateur·trice")),
            ],
            Kind::Offer => vec![("person", me.map_or(Value::Null, Value::Ref))],
            Kind::Task => vec![("title", text("Trier les mails de presse"))],
            Kind::Meeting => vec![
                ("title", text("Rétrospective")),
                ("theme", text("Outils numériques")),
                ("starts_at", Value::Time(NOV_21)),
            ],
            Kind::AgendaItem => vec![
                ("meeting", Value::Ref(self.meeting)),
                ("title", text("Tour de météo")),
            ],
            Kind::SpeakingTurn => vec![
                ("meeting", Value::Ref(self.meeting)),
                ("person", Value::Ref(w.yann)),
                ("started_at", Value::Time(NOV_21)),
            ],
            Kind::Decision => vec![
                ("title", text("Une réunion, un thème")),
                ("process", text("consent")),
            ],
            Kind::Kit => vec![("title", text("Kit réunion locale"))],
            Kind::KitVersion => vec![("kit", Value::Ref(self.kit)), ("number", Value::Int(2))],
            Kind::KitRun => vec![
                ("kit", Value::Ref(self.kit)),
                ("version", Value::Ref(self.version)),
            ],
            Kind::Feedback => vec![
                ("kit", Value::Ref(self.kit)),
                ("kind", text("idea")),
                ("text", text("Prévoir des pauses")),
            ],
            Kind::Place => vec![
                ("name", text("Jardin partagé")),
                ("lat", Value::degrees(48.85)),
                ("lon", Value::degrees(2.35)),
            ],
            Kind::Report => vec![("place", Value::Ref(self.place)), ("reason", text("gone"))],
            Kind::Event => vec![
                ("title", text("Cartopartie du quartier")),
                ("starts_at", Value::Time(NOV_21)),
            ],
        }
    }

    /// A field to edit on a record of `kind` (one the owner exceptions do not cover).
    fn edit(kind: Kind) -> (&'static str, Value) {
        match kind {
            Kind::Person => ("status", Value::text("paused")),
            Kind::Link => ("note", Value::text("Relais")),
            Kind::RoleAssignment => ("since", Value::Date(archipel_core::Date::from_days(20_000))),
            Kind::Offer => ("message", Value::text("Deux heures par semaine")),
            Kind::Task | Kind::Kit | Kind::Decision | Kind::AgendaItem => {
                ("title", Value::text("Nouveau titre"))
            }
            Kind::Meeting | Kind::Event => ("place", Value::text("Salle des fêtes")),
            Kind::SpeakingTurn => ("duration_seconds", Value::Int(90)),
            Kind::KitVersion => ("changelog", Value::text("Corrections")),
            Kind::KitRun => ("group", Value::text("Groupe local de Lyon")),
            Kind::Feedback => ("text", Value::text("Plus court")),
            Kind::Report => ("comment", Value::text("Fermé depuis juin")),
            _ => ("description", Value::text("Une description")),
        }
    }

    /// A record of `kind` made by the admin for someone else (the collective itself for `Collective`).
    fn target(&mut self, kind: Kind) -> Id {
        if kind == Kind::Collective {
            return self
                .world
                .state
                .collective()
                .map(|record| record.id)
                .expect("collective exists");
        }
        let mut fields = self.create_fields(kind, Some(self.world.yann));
        if kind == Kind::KitVersion {
            let next = self.world.state.of_kind(Kind::KitVersion).count() as i64 + 1;
            fields.retain(|(name, _)| *name != "number");
            fields.push(("number", Value::Int(next)));
        }
        let id = self.world.admin.ids.next();
        self.world
            .admin
            .ok(&mut self.world.state, Change::create(kind, id, fields));
        id
    }
}

fn actor(access: Access, me: Id) -> Actor {
    if access == Access::Guest {
        Actor::anonymous(Access::Guest)
    } else {
        Actor::new(me, access)
    }
}

/// Runs `action` on `kind` as `access`; true if applied, false if refused as forbidden.
fn attempt(kind: Kind, action: Action, access: Access) -> bool {
    let mut fixture = Fixture::new();
    let me = fixture.world.claire;
    let mut device = Device::new(9, actor(access, me));
    let change = match action {
        Action::Create => {
            let mut state_holder = None;
            let fields = fixture.create_fields(kind, device.actor.person);
            if kind == Kind::Collective {
                // A state holds one collective: try on an empty one.
                state_holder = Some(State::new());
            }
            let id = device.ids.next();
            let change = Change::create(kind, id, fields);
            if let Some(mut empty) = state_holder {
                return outcome(device.send(&mut empty, change), kind, action, access);
            }
            change
        }
        Action::Edit => {
            let id = fixture.target(kind);
            let (field, value) = Fixture::edit(kind);
            Change::set(id, field, value, 0)
        }
        Action::Count => {
            let id = fixture.target(kind);
            Change::Increment {
                id,
                field: "confirmations".into(),
                by: 1,
            }
        }
        Action::Archive => Change::Archive {
            id: fixture.target(kind),
            archived: true,
        },
        Action::Delete => Change::Delete {
            id: fixture.target(kind),
        },
    };
    outcome(
        device.send(&mut fixture.world.state, change),
        kind,
        action,
        access,
    )
}

fn outcome(receipt: Receipt, kind: Kind, action: Action, access: Access) -> bool {
    match receipt {
        Receipt::Applied(_) => true,
        Receipt::Refused(refusal) if refusal.code.as_str() == "forbidden" => false,
        // Nobody may edit a kit version: it is refused as immutable before any role check.
        Receipt::Refused(refusal)
            if kind == Kind::KitVersion && refusal.code.as_str() == "immutable" =>
        {
            false
        }
        other => panic!(
            "{} {action:?} as {}: unexpected {other:?}",
            kind.name(),
            access.name()
        ),
    }
}

#[test]
fn every_cell_of_the_permission_matrix_holds() {
    let mut checked = 0;
    for kind in Kind::ALL {
        for action in Action::ALL {
            for access in Access::ALL {
                let allowed = expected(kind, action).is_some_and(|least| access >= least);
                assert_eq!(
                    attempt(kind, action, access),
                    allowed,
                    "{} · {action:?} · {}",
                    kind.name(),
                    access.name()
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 20 * 5 * 4);
}

#[test]
fn the_documented_table_and_the_code_agree() {
    for kind in Kind::ALL {
        for action in Action::ALL {
            assert_eq!(
                archipel_core::authz::least_access(kind, action),
                expected(kind, action),
                "{} · {action:?}",
                kind.name()
            );
        }
    }
}

#[test]
fn a_member_edits_their_own_profile_but_not_their_status_nor_someone_else() {
    let mut world = World::new();
    let mut claire = Device::new(1, Actor::new(world.claire, Access::Member));
    claire.ok(
        &mut world.state,
        Change::set(world.claire, "display_name", Value::text("Claire B."), 0),
    );
    claire.ok(
        &mut world.state,
        Change::set(world.claire, "available", Value::Bool(false), 0),
    );
    let status = claire.send(
        &mut world.state,
        Change::set(world.claire, "status", Value::text("left"), 0),
    );
    assert_eq!(refused(&status), Some("forbidden"));
    let other = claire.send(
        &mut world.state,
        Change::set(world.yann, "display_name", Value::text("Y."), 0),
    );
    assert_eq!(refused(&other), Some("forbidden"));
}

#[test]
fn a_member_offers_help_only_in_their_own_name() {
    let mut world = World::new();
    let mut claire = Device::new(1, Actor::new(world.claire, Access::Member));
    let mine = claire.ids.next();
    claire.ok(
        &mut world.state,
        Change::create(Kind::Offer, mine, [("person", Value::Ref(world.claire))]),
    );
    claire.ok(
        &mut world.state,
        Change::set(mine, "message", Value::text("Graphisme, 2 h/semaine"), 0),
    );
    claire.ok(
        &mut world.state,
        Change::Archive {
            id: mine,
            archived: true,
        },
    );
    let id = claire.ids.next();
    let for_yann = claire.send(
        &mut world.state,
        Change::create(Kind::Offer, id, [("person", Value::Ref(world.yann))]),
    );
    assert_eq!(refused(&for_yann), Some("forbidden"));
}

fn open_task(world: &mut World) -> Id {
    let task = world.admin.ids.next();
    world.admin.ok(
        &mut world.state,
        Change::create(
            Kind::Task,
            task,
            [("title", Value::text("Traduire le tract"))],
        ),
    );
    task
}

fn take(task: Id, person: Id) -> Change {
    Change::Set {
        id: task,
        fields: vec![
            archipel_core::FieldWrite::new("status", Value::text("taken"), 0),
            archipel_core::FieldWrite::new("taker", Value::Ref(person), 0),
        ],
    }
}

#[test]
fn any_member_takes_an_open_task_then_releases_or_completes_it() {
    let mut world = World::new();
    let task = open_task(&mut world);
    let mut claire = Device::new(1, Actor::new(world.claire, Access::Member));
    let mut yann = Device::new(2, Actor::new(world.yann, Access::Member));
    claire.ok(&mut world.state, take(task, world.claire));
    let steal = yann.send(&mut world.state, take(task, world.yann));
    assert_eq!(
        refused(&steal),
        Some("forbidden"),
        "a taken task cannot be taken again"
    );
    let complete_other = yann.send(
        &mut world.state,
        Change::set(task, "status", Value::text("done"), 0),
    );
    assert_eq!(refused(&complete_other), Some("forbidden"));
    let release = Change::Set {
        id: task,
        fields: vec![
            archipel_core::FieldWrite::new("status", Value::text("open"), 0),
            archipel_core::FieldWrite::new("taker", Value::Null, 0),
        ],
    };
    claire.ok(&mut world.state, release);
    yann.ok(&mut world.state, take(task, world.yann));
    yann.ok(
        &mut world.state,
        Change::set(task, "status", Value::text("done"), 0),
    );
    assert_eq!(
        world.state.value(task, "status"),
        Some(&Value::text("done"))
    );
}

#[test]
fn a_member_cannot_hand_a_new_task_to_someone_else() {
    let mut world = World::new();
    let mut claire = Device::new(1, Actor::new(world.claire, Access::Member));
    let id = claire.ids.next();
    let receipt = claire.send(
        &mut world.state,
        Change::create(
            Kind::Task,
            id,
            [
                ("title", Value::text("Relancer la presse")),
                ("status", Value::text("taken")),
                ("taker", Value::Ref(world.yann)),
            ],
        ),
    );
    assert_eq!(refused(&receipt), Some("forbidden"));
}

#[test]
fn members_of_a_kits_pole_publish_its_new_versions() {
    let mut fixture = Fixture::new();
    let mut claire = Device::new(1, Actor::new(fixture.world.claire, Access::Member));
    let version = |number: i64, id: Id, kit: Id| {
        Change::create(
            Kind::KitVersion,
            id,
            [
                ("kit", Value::Ref(kit)),
                ("number", Value::Int(number)),
                ("changelog", Value::text("Ajout d’une étape d’accueil")),
                (
                    "steps",
                    Value::Steps(vec![Step {
                        key: "accueil".into(),
                        phase: "Avant".into(),
                        title: "Accueillir".into(),
                        body: String::new(),
                    }]),
                ),
            ],
        )
    };
    let id = claire.ids.next();
    let before = claire.send(&mut fixture.world.state, version(2, id, fixture.kit));
    assert_eq!(refused(&before), Some("forbidden"));
    let role = fixture.world.admin.ids.next();
    fixture.world.admin.ok(
        &mut fixture.world.state,
        Change::create(
            Kind::RoleAssignment,
            role,
            [
                ("person", Value::Ref(fixture.world.claire)),
                ("pole", Value::Ref(fixture.world.lumiere)),
                ("role", Value::text("member")),
            ],
        ),
    );
    let id = claire.ids.next();
    claire.ok(&mut fixture.world.state, version(3, id, fixture.kit));
}

#[test]
fn a_guest_adds_places_and_reports_and_nothing_else() {
    let mut fixture = Fixture::new();
    let mut guest = Device::new(1, Actor::anonymous(Access::Guest));
    let place = guest.ids.next();
    guest.ok(
        &mut fixture.world.state,
        Change::create(
            Kind::Place,
            place,
            [
                ("name", Value::text("AMAP du quartier")),
                ("lat", Value::degrees(43.6)),
                ("lon", Value::degrees(1.44)),
            ],
        ),
    );
    let report = guest.ids.next();
    guest.ok(
        &mut fixture.world.state,
        Change::create(
            Kind::Report,
            report,
            [
                ("place", Value::Ref(fixture.place)),
                ("reason", Value::text("gone")),
            ],
        ),
    );
    let rename = guest.send(
        &mut fixture.world.state,
        Change::set(place, "name", Value::text("AMAP"), 0),
    );
    assert_eq!(refused(&rename), Some("forbidden"));
    let count = guest.send(
        &mut fixture.world.state,
        Change::Increment {
            id: place,
            field: "confirmations".into(),
            by: 1,
        },
    );
    assert_eq!(refused(&count), Some("forbidden"));
    let task = guest.ids.next();
    let receipt = guest.send(
        &mut fixture.world.state,
        Change::create(Kind::Task, task, [("title", Value::text("x"))]),
    );
    assert_eq!(refused(&receipt), Some("forbidden"));
}

#[test]
fn a_role_revoked_while_offline_is_checked_at_arrival() {
    let mut world = World::new();
    let mut laptop = Device::new(1, Actor::new(world.claire, Access::Facilitator));
    // Made while Claire was a facilitator, offline…
    let edit = laptop.op(Change::set(
        world.lumiere,
        "name",
        Value::text("LUMIÈRE & COMM"),
        0,
    ));
    // …received after an admin made her a member again: the server judges with her role now.
    let now = Actor::new(world.claire, Access::Member);
    let receipt = world.state.receive(&edit, &now);
    assert_eq!(refused(&receipt), Some("forbidden"));
    assert_eq!(
        world.state.value(world.lumiere, "name"),
        Some(&Value::text("LUMIÈRE"))
    );
}

#[test]
fn facilitators_nudge_a_pole_on_the_map_and_members_do_not() {
    let mut world = World::new();
    let nudge = |x: i64, y: i64| Change::Set {
        id: world.lumiere,
        fields: vec![
            archipel_core::FieldWrite::new("x", Value::Int(x), 0),
            archipel_core::FieldWrite::new("y", Value::Int(y), 0),
        ],
    };
    let (to_the_left, too_far) = (nudge(-240, 35), nudge(0, 1_000_001));
    let mut member = Device::new(1, Actor::new(world.yann, Access::Member));
    let refused_member = member.send(&mut world.state, to_the_left.clone());
    assert_eq!(refused(&refused_member), Some("forbidden"));
    let mut facilitator = Device::new(2, Actor::new(world.claire, Access::Facilitator));
    facilitator.ok(&mut world.state, to_the_left);
    let out_of_range = facilitator.send(&mut world.state, too_far);
    assert_eq!(refused(&out_of_range), Some("out_of_range"));
    let pole = world.state.record(world.lumiere).expect("the pôle exists");
    assert_eq!(
        (pole.get("x"), pole.get("y")),
        (&Value::Int(-240), &Value::Int(35))
    );
}
