//! Applying operations: what users see happen, and what is refused.

mod support;

use archipel_core::{Access, Actor, Change, FieldWrite, Kind, Receipt, Value};
use support::{Device, World, refused};

#[test]
fn a_created_pole_can_be_renamed_and_reports_its_new_name() {
    let mut world = World::new();
    let version = world.admin.ok(
        &mut world.state,
        Change::set(world.lumiere, "name", Value::text("LUMIÈRE · comm"), 0),
    );
    let pole = world.state.existing(world.lumiere).expect("exists");
    assert_eq!(pole.text("name"), Some("LUMIÈRE · comm"));
    assert_eq!(pole.version_of("name"), version);
    assert_eq!(world.state.version, version);
}

#[test]
fn replaying_the_same_operation_changes_nothing() {
    let mut world = World::new();
    let op = world.admin.op(Change::set(
        world.lumiere,
        "colour",
        Value::text("#FFAA00"),
        0,
    ));
    let actor = world.admin.actor;
    assert!(matches!(
        world.state.receive(&op, &actor),
        Receipt::Applied(_)
    ));
    let after_first = world.state.clone();
    for _ in 0..5 {
        assert_eq!(world.state.receive(&op, &actor), Receipt::Duplicate);
    }
    assert_eq!(world.state, after_first);
    assert_eq!(
        world.state.value(world.lumiere, "colour"),
        Some(&Value::text("#ffaa00"))
    );
}

#[test]
fn a_gap_in_a_clients_sequence_asks_for_the_missing_operation() {
    let mut world = World::new();
    let first = world.admin.op(Change::set(
        world.lumiere,
        "colour",
        Value::text("#112233"),
        0,
    ));
    let second = world.admin.op(Change::set(
        world.lumiere,
        "colour",
        Value::text("#445566"),
        0,
    ));
    let actor = world.admin.actor;
    let expected = first.seq;
    assert_eq!(
        world.state.receive(&second, &actor),
        Receipt::OutOfOrder { expected }
    );
    assert!(matches!(
        world.state.receive(&first, &actor),
        Receipt::Applied(_)
    ));
    assert!(matches!(
        world.state.receive(&second, &actor),
        Receipt::Applied(_)
    ));
}

#[test]
fn a_refused_operation_leaves_no_trace_but_advances_the_sequence() {
    let mut world = World::new();
    let before = world.state.clone();
    let receipt = world.admin.send(
        &mut world.state,
        Change::set(world.lumiere, "name", Value::text("x".repeat(81)), 0),
    );
    assert_eq!(refused(&receipt), Some("too_long"));
    assert_eq!(world.state.version, before.version);
    assert_eq!(
        world.state.existing(world.lumiere),
        before.existing(world.lumiere)
    );
    // The next operation of the same client is accepted: no deadlock.
    world.admin.ok(
        &mut world.state,
        Change::set(world.lumiere, "name", Value::text("LUMIÈRE"), 0),
    );
}

#[test]
fn concurrent_writes_keep_the_loser_as_a_restorable_conflict() {
    let mut world = World::new();
    let base = world
        .state
        .existing(world.lumiere)
        .expect("exists")
        .version_of("name");
    let mut phone = Device::new(1, Actor::new(world.claire, Access::Facilitator));
    let mut laptop = Device::new(2, Actor::new(world.yann, Access::Facilitator));
    // Both edited offline from the same version; the laptop's arrives last and wins.
    phone.ok(
        &mut world.state,
        Change::set(world.lumiere, "name", Value::text("Lumière"), base),
    );
    let receipt = laptop.send(
        &mut world.state,
        Change::set(world.lumiere, "name", Value::text("LUMIERE"), base),
    );
    let Receipt::Applied(applied) = receipt else {
        panic!("{receipt:?}")
    };
    assert_eq!(applied.conflicts.len(), 1);
    assert_eq!(
        world.state.value(world.lumiere, "name"),
        Some(&Value::text("LUMIERE"))
    );
    let conflict = world
        .state
        .conflict(applied.conflicts[0])
        .expect("kept")
        .clone();
    assert_eq!(conflict.lost, Value::text("Lumière"));
    assert_eq!(conflict.field, "name");

    phone.ok(
        &mut world.state,
        Change::ResolveConflict {
            conflict: conflict.id,
            restore: true,
        },
    );
    assert_eq!(
        world.state.value(world.lumiere, "name"),
        Some(&Value::text("Lumière"))
    );
    assert_eq!(world.state.open_conflicts().count(), 0);
}

#[test]
fn a_clients_own_successive_writes_are_not_conflicts() {
    let mut world = World::new();
    let base = world
        .state
        .existing(world.lumiere)
        .expect("exists")
        .version_of("name");
    let mut phone = Device::new(1, Actor::new(world.claire, Access::Facilitator));
    phone.ok(
        &mut world.state,
        Change::set(world.lumiere, "name", Value::text("Lumière 1"), base),
    );
    let receipt = phone.send(
        &mut world.state,
        Change::set(world.lumiere, "name", Value::text("Lumière 2"), base),
    );
    let Receipt::Applied(applied) = receipt else {
        panic!("{receipt:?}")
    };
    assert!(applied.conflicts.is_empty());
}

#[test]
fn set_additions_from_two_devices_merge_without_conflict() {
    let mut world = World::new();
    let mut phone = Device::new(1, Actor::new(world.claire, Access::Member));
    let mut laptop = Device::new(2, Actor::new(world.claire, Access::Member));
    phone.ok(
        &mut world.state,
        Change::Add {
            id: world.claire,
            field: "skills".into(),
            items: Value::set(["graphisme"]),
        },
    );
    laptop.ok(
        &mut world.state,
        Change::Add {
            id: world.claire,
            field: "skills".into(),
            items: Value::set(["vidéo"]),
        },
    );
    assert_eq!(
        world.state.value(world.claire, "skills"),
        Some(&Value::set(["graphisme", "vidéo"]))
    );
    assert_eq!(world.state.open_conflicts().count(), 0);
}

#[test]
fn counters_add_up_across_devices() {
    let mut world = World::new();
    let place = world.admin.ids.next();
    world.admin.ok(
        &mut world.state,
        Change::create(
            Kind::Place,
            place,
            [
                ("name", Value::text("Recyclerie")),
                ("lat", Value::degrees(48.85)),
                ("lon", Value::degrees(2.35)),
            ],
        ),
    );
    let mut a = Device::new(1, Actor::new(world.claire, Access::Member));
    let mut b = Device::new(2, Actor::new(world.yann, Access::Member));
    let count = || Change::Increment {
        id: place,
        field: "confirmations".into(),
        by: 1,
    };
    a.ok(&mut world.state, count());
    b.ok(&mut world.state, count());
    a.ok(&mut world.state, count());
    assert_eq!(
        world.state.value(place, "confirmations"),
        Some(&Value::Int(3))
    );
}

#[test]
fn an_edit_after_delete_is_refused_not_resurrected() {
    let mut world = World::new();
    let task = world.admin.ids.next();
    world.admin.ok(
        &mut world.state,
        Change::create(
            Kind::Task,
            task,
            [("title", Value::text("Imprimer les affiches"))],
        ),
    );
    let mut offline = Device::new(1, Actor::new(world.claire, Access::Facilitator));
    let edit = offline.op(Change::set(
        task,
        "title",
        Value::text("Imprimer 200 affiches"),
        0,
    ));
    world
        .admin
        .ok(&mut world.state, Change::Delete { id: task });
    let receipt = world.state.receive(&edit, &offline.actor);
    assert_eq!(refused(&receipt), Some("deleted"));
    assert!(world.state.existing(task).is_none());
}

#[test]
fn a_pole_cannot_be_moved_inside_its_own_descendant() {
    let mut world = World::new();
    let nl = world.admin.ids.next();
    world.admin.ok(
        &mut world.state,
        Change::create(
            Kind::Pole,
            nl,
            [
                ("name", Value::text("NL")),
                ("kind", Value::text("function")),
                ("parent", Value::Ref(world.lumiere)),
            ],
        ),
    );
    let receipt = world.admin.send(
        &mut world.state,
        Change::set(world.lumiere, "parent", Value::Ref(nl), 0),
    );
    assert_eq!(refused(&receipt), Some("cycle"));
    let itself = world.admin.send(
        &mut world.state,
        Change::set(world.lumiere, "parent", Value::Ref(world.lumiere), 0),
    );
    assert_eq!(refused(&itself), Some("cycle"));
}

#[test]
fn multi_field_writes_apply_together_or_not_at_all() {
    let mut world = World::new();
    let receipt = world.admin.send(
        &mut world.state,
        Change::Set {
            id: world.lumiere,
            fields: vec![
                FieldWrite::new("name", Value::text("Lumière"), 0),
                FieldWrite::new("colour", Value::text("not a colour"), 0),
            ],
        },
    );
    assert_eq!(refused(&receipt), Some("invalid_value"));
    assert_eq!(
        world.state.value(world.lumiere, "name"),
        Some(&Value::text("LUMIÈRE"))
    );
}

#[test]
fn restoring_a_lost_value_that_breaks_a_rule_is_refused() {
    let mut world = World::new();
    let task = world.admin.ids.next();
    world.admin.ok(
        &mut world.state,
        Change::create(Kind::Task, task, [("title", Value::text("Affiches"))]),
    );
    // Based on nothing seen: both writes overwrite the admin's values as conflicts.
    let mut phone = Device::new(1, Actor::new(world.claire, Access::Facilitator));
    let receipt = phone.send(
        &mut world.state,
        Change::Set {
            id: task,
            fields: vec![
                FieldWrite::new("status", Value::text("taken"), 0),
                FieldWrite::new("taker", Value::Ref(world.claire), 0),
            ],
        },
    );
    let Receipt::Applied(applied) = receipt else {
        panic!("{receipt:?}")
    };
    let taker_conflict = applied
        .conflicts
        .iter()
        .copied()
        .find(|id| {
            world
                .state
                .conflict(*id)
                .is_some_and(|c| c.field == "taker")
        })
        .expect("a conflict on the taker");
    // Restoring "no taker" alone would leave a taken task without one.
    let before = world.state.clone();
    let restore = phone.send(
        &mut world.state,
        Change::ResolveConflict {
            conflict: taker_conflict,
            restore: true,
        },
    );
    assert_eq!(refused(&restore), Some("invalid_combination"));
    assert_eq!(world.state.version, before.version);
    // Keeping the winner is always possible.
    phone.ok(
        &mut world.state,
        Change::ResolveConflict {
            conflict: taker_conflict,
            restore: false,
        },
    );
}

#[test]
fn restoring_a_lost_parent_cannot_make_a_cycle() {
    let mut world = World::new();
    let nl = world.admin.ids.next();
    world.admin.ok(
        &mut world.state,
        Change::create(
            Kind::Pole,
            nl,
            [
                ("name", Value::text("NL")),
                ("kind", Value::text("function")),
                ("parent", Value::Ref(world.centre)),
            ],
        ),
    );
    world.admin.ok(
        &mut world.state,
        Change::set(world.lumiere, "parent", Value::Ref(nl), 0),
    );
    // A phone that had not seen that move puts LUMIÈRE back under the centre.
    let mut phone = Device::new(1, Actor::new(world.claire, Access::Facilitator));
    let receipt = phone.send(
        &mut world.state,
        Change::set(world.lumiere, "parent", Value::Ref(world.centre), 0),
    );
    let Receipt::Applied(applied) = receipt else {
        panic!("{receipt:?}")
    };
    // Then NL moves under LUMIÈRE; restoring "LUMIÈRE under NL" would loop.
    world.admin.ok(
        &mut world.state,
        Change::set(nl, "parent", Value::Ref(world.lumiere), 0),
    );
    let restore = phone.send(
        &mut world.state,
        Change::ResolveConflict {
            conflict: applied.conflicts[0],
            restore: true,
        },
    );
    assert_eq!(refused(&restore), Some("cycle"));
}

#[test]
fn a_state_round_trips_through_its_wire_form_for_a_new_replica() {
    let mut world = World::new();
    let mut phone = Device::new(1, Actor::new(world.claire, Access::Facilitator));
    phone.ok(
        &mut world.state,
        Change::set(world.lumiere, "name", Value::text("Lumière"), 0),
    );
    world
        .admin
        .ok(&mut world.state, Change::Delete { id: world.yann });
    assert_eq!(world.state.open_conflicts().count(), 1);
    let json = serde_json::to_string(&world.state).expect("serialises");
    let replica: archipel_core::State = serde_json::from_str(&json).expect("parses");
    assert_eq!(replica, world.state);
    assert_eq!(serde_json::to_string(&replica).expect("serialises"), json);
    // A record whose values do not match its kind's fields is refused.
    let broken = json.replacen("\"values\":[", "\"values\":[{\"int\":1},", 1);
    assert!(serde_json::from_str::<archipel_core::State>(&broken).is_err());
}

#[test]
fn archiving_a_pole_by_status_or_by_operation_is_the_same() {
    let mut world = World::new();
    world.admin.ok(
        &mut world.state,
        Change::set(world.lumiere, "status", Value::text("archived"), 0),
    );
    assert!(
        world
            .state
            .existing(world.lumiere)
            .expect("exists")
            .archived
    );
    world.admin.ok(
        &mut world.state,
        Change::Archive {
            id: world.lumiere,
            archived: false,
        },
    );
    let pole = world.state.existing(world.lumiere).expect("exists");
    assert!(!pole.archived);
    assert_eq!(pole.text("status"), Some("active"));
    assert_eq!(
        pole.writers[pole.kind.field_index("status").expect("status")],
        world.admin.seq.client
    );
}
