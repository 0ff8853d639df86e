//! History: the log of received operations and time travel through it.

mod support;

use archipel_core::history::{Log, Outcome};
use archipel_core::{Access, Actor, Change, Kind, Receipt, State, Value};
use support::{Device, World};

/// A collective built through a log, with a snapshot of the state after every
/// received operation (indexed by how many entries the log held).
struct Recorded {
    log: Log,
    state: State,
    /// `(version, state)` after each logged entry, in order.
    snapshots: Vec<(u64, State)>,
}

impl Recorded {
    fn new() -> Recorded {
        Recorded {
            log: Log::new(),
            state: State::new(),
            snapshots: Vec::new(),
        }
    }

    fn send(&mut self, device: &mut Device, change: Change) -> Receipt {
        let op = device.op(change);
        let receipt = self.log.receive(&mut self.state, &op, &device.actor);
        if matches!(receipt, Receipt::Applied(_) | Receipt::Refused(_)) {
            self.snapshots
                .push((self.state.version, self.state.clone()));
        }
        receipt
    }

    /// The state as it last was at `version`.
    fn snapshot_at(&self, version: u64) -> State {
        self.snapshots
            .iter()
            .rev()
            .find(|(at, _)| *at <= version)
            .map_or_else(State::new, |(_, state)| state.clone())
    }
}

fn place(name: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("name", Value::text(name)),
        ("lat", Value::degrees(48.85)),
        ("lon", Value::degrees(2.35)),
    ]
}

#[test]
fn replaying_the_log_to_any_version_gives_the_state_that_existed_then() {
    let mut rec = Recorded::new();
    let mut admin = Device::new(0xAD, Actor::anonymous(Access::Admin));
    let mut guest = Device::new(0x01, Actor::anonymous(Access::Guest));
    let pole = admin.ids.next();
    rec.send(
        &mut admin,
        Change::create(
            Kind::Pole,
            pole,
            [
                ("name", Value::text("LUMIÈRE")),
                ("kind", Value::text("pole")),
            ],
        ),
    );
    let recyclerie = guest.ids.next();
    rec.send(
        &mut guest,
        Change::create(Kind::Place, recyclerie, place("Recyclerie")),
    );
    // Refused: a guest may not rename a pôle. Only the guest's sequence moves.
    let refused = rec.send(
        &mut guest,
        Change::set(pole, "name", Value::text("Pirate"), 0),
    );
    assert!(matches!(refused, Receipt::Refused(_)));
    rec.send(
        &mut admin,
        Change::set(pole, "colour", Value::text("#ffaa00"), 0),
    );
    rec.send(
        &mut guest,
        Change::Increment {
            id: recyclerie,
            field: "confirmations".into(),
            by: 1,
        },
    );
    rec.send(
        &mut admin,
        Change::set(pole, "name", Value::text("Lumière"), 0),
    );

    assert_eq!(rec.log.len(), 6);
    // Guests may not confirm places either: two refusals, four versions.
    assert_eq!(rec.log.version(), 4);
    for version in 0..=rec.log.version() + 2 {
        let replayed = rec.log.replay(version);
        assert_eq!(replayed, rec.snapshot_at(version), "version {version}");
        assert_eq!(
            rec.log.replay_checked(version).as_ref(),
            Ok(&replayed),
            "version {version}"
        );
    }
    assert_eq!(rec.log.replay(rec.log.version()), rec.state);
}

#[test]
fn time_travel_shows_the_cartography_as_it_was() {
    let mut rec = Recorded::new();
    let mut admin = Device::new(0xAD, Actor::anonymous(Access::Admin));
    let centre = admin.ids.next();
    let lumiere = admin.ids.next();
    rec.send(
        &mut admin,
        Change::create(
            Kind::Pole,
            centre,
            [
                ("name", Value::text("Stratégie")),
                ("kind", Value::text("centre")),
            ],
        ),
    );
    rec.send(
        &mut admin,
        Change::create(
            Kind::Pole,
            lumiere,
            [
                ("name", Value::text("LUMIÈRE")),
                ("kind", Value::text("pole")),
                ("parent", Value::Ref(centre)),
            ],
        ),
    );
    let before_move = rec.state.version;
    rec.send(&mut admin, Change::set(lumiere, "parent", Value::Null, 0));
    rec.send(
        &mut admin,
        Change::Archive {
            id: lumiere,
            archived: true,
        },
    );

    let then = rec.log.replay(before_move);
    let pole = then.existing(lumiere).expect("existed then");
    assert_eq!(pole.reference("parent"), Some(centre));
    assert!(pole.is_live());
    let now = rec.log.replay(rec.log.version());
    let pole = now.existing(lumiere).expect("exists now");
    assert_eq!(pole.reference("parent"), None);
    assert!(pole.archived);
    // Before anything happened, nothing existed.
    assert!(rec.log.replay(0).is_empty());
}

#[test]
fn replay_rebuilds_each_clients_sequence_so_old_pushes_stay_duplicates() {
    let mut rec = Recorded::new();
    let mut guest = Device::new(0x01, Actor::anonymous(Access::Guest));
    let mut ops = Vec::new();
    for name in ["Ressourcerie", "Jardin partagé"] {
        let id = guest.ids.next();
        ops.push(guest.op(Change::create(Kind::Place, id, place(name))));
    }
    // A refused operation ends the push: its seq must still count after replay.
    let missing = guest.ids.next();
    ops.push(guest.op(Change::Delete { id: missing }));
    for op in &ops {
        rec.log.receive(&mut rec.state, op, &guest.actor);
    }
    assert_eq!(rec.log.len(), 3);
    let mut replayed = rec.log.replay(rec.log.version());
    assert_eq!(replayed.last_seq(guest.seq.client), 3);
    for op in &ops {
        assert_eq!(replayed.receive(op, &guest.actor), Receipt::Duplicate);
    }
    assert_eq!(replayed, rec.state);
}

#[test]
fn the_log_keeps_the_role_authorised_at_the_time() {
    let mut world_log = Log::new();
    let mut state = State::new();
    let mut admin = Device::new(0xAD, Actor::anonymous(Access::Admin));
    let pole = admin.ids.next();
    let create = admin.op(Change::create(
        Kind::Pole,
        pole,
        [
            ("name", Value::text("LUMIÈRE")),
            ("kind", Value::text("pole")),
        ],
    ));
    world_log.receive(&mut state, &create, &admin.actor);
    // Today this person would be a member; back then they facilitated.
    let mut claire = Device::new(0x02, Actor::anonymous(Access::Facilitator));
    let rename = claire.op(Change::set(pole, "name", Value::text("Lumière"), 0));
    world_log.receive(&mut state, &rename, &claire.actor);
    // Demoted since: the same kind of edit is refused now, and logged as such.
    claire.actor.access = Access::Member;
    let again = claire.op(Change::set(pole, "name", Value::text("LUMIÈRE !"), 0));
    world_log.receive(&mut state, &again, &claire.actor);

    let replayed = world_log
        .replay_checked(world_log.version())
        .expect("same outcomes");
    assert_eq!(replayed.value(pole, "name"), Some(&Value::text("Lumière")));
    let entry = &world_log.entries()[1];
    assert_eq!(entry.actor.access, Access::Facilitator);
    assert_eq!(entry.outcome, Outcome::Applied);
    assert!(!world_log.entries()[2].applied());
    assert_eq!(replayed, state);
}

#[test]
fn duplicates_and_gaps_are_not_logged() {
    let mut log = Log::new();
    let mut world = World::new();
    let mut phone = Device::new(0x01, Actor::new(world.claire, Access::Facilitator));
    let first = phone.op(Change::set(
        world.lumiere,
        "colour",
        Value::text("#112233"),
        0,
    ));
    let second = phone.op(Change::set(
        world.lumiere,
        "colour",
        Value::text("#445566"),
        0,
    ));
    assert!(matches!(
        log.receive(&mut world.state, &second, &phone.actor),
        Receipt::OutOfOrder { expected: 1 }
    ));
    log.receive(&mut world.state, &first, &phone.actor);
    log.receive(&mut world.state, &first, &phone.actor);
    log.receive(&mut world.state, &second, &phone.actor);
    assert_eq!(log.len(), 2);
    assert_eq!(log.of_record(world.lumiere).count(), 2);
}

#[test]
fn a_tampered_log_is_caught_by_a_checked_replay() {
    let mut rec = Recorded::new();
    let mut guest = Device::new(0x01, Actor::anonymous(Access::Guest));
    let id = guest.ids.next();
    rec.send(
        &mut guest,
        Change::create(Kind::Place, id, place("Recyclerie")),
    );
    rec.send(&mut guest, Change::Delete { id });
    // Pretend the guest had been an admin: the deletion would then apply.
    let mut json = serde_json::to_value(&rec.log).expect("serialises");
    json["entries"][1]["actor"]["access"] = "admin".into();
    let tampered: Log = serde_json::from_value(json).expect("parses");
    let divergence = tampered
        .replay_checked(tampered.version())
        .expect_err("caught");
    assert_eq!(divergence.index, 1);
    assert!(divergence.to_string().contains("refused (forbidden)"));
}
