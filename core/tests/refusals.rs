//! Every refusal code, reached by a real operation: the code is stable, the
//! message names the problem in French and English, and nothing changes.

mod support;

use std::collections::BTreeSet;

use archipel_core::{
    Access, Actor, Change, Date, FieldWrite, Id, Kind, Lang, Receipt, RefusalCode, RoleCount,
    State, Value,
};
use support::{Device, World};

struct Case {
    name: &'static str,
    code: RefusalCode,
    change: Change,
}

/// A collective with a kit (version 1), a meeting, a task in use by a kit run…
fn world_with_extras() -> (World, Id, Id, Id) {
    let mut world = World::new();
    let kit = world.admin.ids.next();
    world.admin.ok(
        &mut world.state,
        Change::create(Kind::Kit, kit, [("title", Value::text("Kit réunion"))]),
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
    let deleted = world.admin.ids.next();
    world.admin.ok(
        &mut world.state,
        Change::create(
            Kind::Task,
            deleted,
            [("title", Value::text("Ancienne tâche"))],
        ),
    );
    world
        .admin
        .ok(&mut world.state, Change::Delete { id: deleted });
    (world, kit, version, deleted)
}

fn cases(world: &mut World, kit: Id, version: Id, deleted: Id) -> Vec<Case> {
    let fresh = world.admin.ids.next();
    let nowhere = world.admin.ids.next();
    let lumiere = world.lumiere;
    let claire = world.claire;
    let set = |field: &str, value: Value| Change::set(lumiere, field, value, 0);
    vec![
        Case {
            name: "an unknown record",
            code: RefusalCode::NotFound,
            change: Change::set(nowhere, "name", Value::text("x"), 0),
        },
        Case {
            name: "an edit after delete",
            code: RefusalCode::Deleted,
            change: Change::set(deleted, "title", Value::text("x"), 0),
        },
        Case {
            name: "an id already used",
            code: RefusalCode::AlreadyExists,
            change: Change::create(
                Kind::Person,
                claire,
                [("display_name", Value::text("Claire"))],
            ),
        },
        Case {
            name: "a reference to the wrong kind",
            code: RefusalCode::WrongKind,
            change: Change::create(
                Kind::Mission,
                fresh,
                [
                    ("pole", Value::Ref(claire)),
                    ("title", Value::text("Organiser le site")),
                ],
            ),
        },
        Case {
            name: "a field the kind does not have",
            code: RefusalCode::UnknownField,
            change: set("latitude", Value::Int(1)),
        },
        Case {
            name: "an edit of a published kit version",
            code: RefusalCode::Immutable,
            change: Change::set(version, "changelog", Value::text("retouche"), 0),
        },
        Case {
            name: "a required field emptied",
            code: RefusalCode::Required,
            change: set("name", Value::text("   ")),
        },
        Case {
            name: "a name too long",
            code: RefusalCode::TooLong,
            change: set("name", Value::text("é".repeat(81))),
        },
        Case {
            name: "too many purpose statements",
            code: RefusalCode::TooMany,
            change: set(
                "purpose",
                Value::list((0..31).map(|n| format!("Raison {n}"))),
            ),
        },
        Case {
            name: "hours out of range",
            code: RefusalCode::OutOfRange,
            change: Change::set(claire, "hours_per_week", Value::Int(81), 0),
        },
        Case {
            name: "a choice that does not exist",
            code: RefusalCode::InvalidValue,
            change: set("kind", Value::text("galaxy")),
        },
        Case {
            name: "a date given as text",
            code: RefusalCode::WrongType,
            change: Change::set(claire, "off_until", Value::text("2026-12-01"), 0),
        },
        Case {
            name: "a reference to nothing",
            code: RefusalCode::DanglingReference,
            change: set("parent", Value::Ref(nowhere)),
        },
        Case {
            name: "a pôle under itself",
            code: RefusalCode::Cycle,
            change: set("parent", Value::Ref(lumiere)),
        },
        Case {
            name: "a delete of a pôle that has sub-pôles",
            code: RefusalCode::InUse,
            change: Change::Delete { id: world.centre },
        },
        Case {
            name: "a link from a pôle to itself",
            code: RefusalCode::InvalidCombination,
            change: Change::create(
                Kind::Link,
                fresh,
                [
                    ("from", Value::Ref(lumiere)),
                    ("to", Value::Ref(lumiere)),
                    ("kind", Value::text("works_with")),
                ],
            ),
        },
        Case {
            name: "a kit version number already used",
            code: RefusalCode::VersionExists,
            change: Change::create(
                Kind::KitVersion,
                fresh,
                [("kit", Value::Ref(kit)), ("number", Value::Int(1))],
            ),
        },
        Case {
            name: "a change with no field",
            code: RefusalCode::EmptyChange,
            change: Change::Set {
                id: lumiere,
                fields: Vec::<FieldWrite>::new(),
            },
        },
    ]
}

#[test]
fn every_refusal_code_is_reached_explained_and_leaves_no_trace() {
    let (mut world, kit, version, deleted) = world_with_extras();
    let cases = cases(&mut world, kit, version, deleted);
    let mut reached: BTreeSet<&str> = BTreeSet::new();
    for case in cases {
        let before: State = world.state.clone();
        let receipt = world.admin.send(&mut world.state, case.change);
        let Receipt::Refused(refusal) = receipt else {
            panic!("{}: expected {:?}, got {receipt:?}", case.name, case.code);
        };
        assert_eq!(refusal.code, case.code, "{}: {refusal}", case.name);
        assert!(!refusal.message(Lang::Fr).is_empty() && !refusal.message(Lang::En).is_empty());
        assert_eq!(world.state.version, before.version, "{}", case.name);
        assert_eq!(
            world.state.all_records_sorted(),
            before.all_records_sorted(),
            "{}",
            case.name
        );
        reached.insert(refusal.code.as_str());
    }
    // Forbidden is covered cell by cell in tests/permissions.rs.
    reached.insert(RefusalCode::Forbidden.as_str());
    let all: BTreeSet<&str> = RefusalCode::ALL.iter().map(|code| code.as_str()).collect();
    assert_eq!(reached, all, "every code has a case");
}

#[test]
fn a_too_long_name_says_which_field_and_the_limit_in_both_languages() {
    let mut world = World::new();
    let receipt = world.admin.send(
        &mut world.state,
        Change::set(world.lumiere, "name", Value::text("x".repeat(90)), 0),
    );
    let Receipt::Refused(refusal) = receipt else {
        panic!("{receipt:?}")
    };
    assert_eq!(
        refusal.message(Lang::Fr),
        "Le champ « name » dépasse 80 caractères."
    );
    assert_eq!(
        refusal.message(Lang::En),
        "Field “name” is longer than 80 characters."
    );
    assert_eq!(refusal.record, Some(world.lumiere));
}

#[test]
fn latitude_and_longitude_are_bounded() {
    let mut world = World::new();
    let mut guest = Device::new(1, Actor::anonymous(Access::Guest));
    for (lat, lon) in [(90.5, 2.0), (-91.0, 2.0), (45.0, 180.5), (45.0, -181.0)] {
        let id = guest.ids.next();
        let receipt = guest.send(
            &mut world.state,
            Change::create(
                Kind::Place,
                id,
                [
                    ("name", Value::text("Ferme")),
                    ("lat", Value::degrees(lat)),
                    ("lon", Value::degrees(lon)),
                ],
            ),
        );
        assert_eq!(
            support::refused(&receipt),
            Some("out_of_range"),
            "{lat},{lon}"
        );
    }
    let id = guest.ids.next();
    guest.ok(
        &mut world.state,
        Change::create(
            Kind::Place,
            id,
            [
                ("name", Value::text("Pôle Nord")),
                ("lat", Value::degrees(90.0)),
                ("lon", Value::degrees(-180.0)),
            ],
        ),
    );
}

#[test]
fn text_is_trimmed_and_colours_lower_cased_the_same_on_every_side() {
    let mut world = World::new();
    world.admin.ok(
        &mut world.state,
        Change::Set {
            id: world.lumiere,
            fields: vec![
                FieldWrite::new("name", Value::text("  LUMIÈRE  "), 0),
                FieldWrite::new("colour", Value::text("#AABBCC"), 0),
                FieldWrite::new(
                    "purpose",
                    Value::list(["  Mettre en lumière  ", "", "Optimiser les outils"]),
                    0,
                ),
            ],
        },
    );
    let pole = world.state.existing(world.lumiere).expect("exists");
    assert_eq!(pole.text("name"), Some("LUMIÈRE"));
    assert_eq!(pole.text("colour"), Some("#aabbcc"));
    assert_eq!(
        pole.get("purpose"),
        &Value::list(["Mettre en lumière", "Optimiser les outils"])
    );
}

#[test]
fn only_web_and_mail_addresses_are_links() {
    let mut world = World::new();
    let event = world.admin.ids.next();
    world.admin.ok(
        &mut world.state,
        Change::create(
            Kind::Event,
            event,
            [
                ("title", Value::text("Cartopartie")),
                ("starts_at", Value::Time(0)),
            ],
        ),
    );
    for bad in [
        "javascript:alert(1)",
        "ftp://example.org",
        "https://exa mple.org",
        "www.example.org",
    ] {
        let receipt = world.admin.send(
            &mut world.state,
            Change::set(event, "link", Value::text(bad), 0),
        );
        assert_eq!(support::refused(&receipt), Some("invalid_value"), "{bad}");
    }
    for good in [
        "https://transiscope.org/carte",
        "http://example.org",
        "mailto:contact@example.org",
    ] {
        world.admin.ok(
            &mut world.state,
            Change::set(event, "link", Value::text(good), 0),
        );
    }
}

#[test]
fn rules_across_fields_are_checked_on_the_result() {
    let mut world = World::new();
    let role = world.admin.ids.next();
    let custom_without_name = world.admin.send(
        &mut world.state,
        Change::create(
            Kind::RoleAssignment,
            role,
            [
                ("person", Value::Ref(world.claire)),
                ("pole", Value::Ref(world.lumiere)),
                ("role", Value::text("custom")),
            ],
        ),
    );
    assert_eq!(
        support::refused(&custom_without_name),
        Some("invalid_combination")
    );
    let backwards = world.admin.send(
        &mut world.state,
        Change::create(
            Kind::RoleAssignment,
            role,
            [
                ("person", Value::Ref(world.claire)),
                ("pole", Value::Ref(world.lumiere)),
                ("role", Value::text("referent")),
                (
                    "since",
                    Value::Date(Date::from_ymd(2026, 3, 1).expect("date")),
                ),
                (
                    "until",
                    Value::Date(Date::from_ymd(2025, 3, 1).expect("date")),
                ),
            ],
        ),
    );
    assert_eq!(support::refused(&backwards), Some("invalid_combination"));
    let twice = world.admin.send(
        &mut world.state,
        Change::set(
            world.lumiere,
            "required_roles",
            Value::Roles(vec![
                RoleCount {
                    role: "referent".into(),
                    count: 2,
                },
                RoleCount {
                    role: "referent".into(),
                    count: 1,
                },
            ]),
            0,
        ),
    );
    assert_eq!(support::refused(&twice), Some("invalid_value"));
}
