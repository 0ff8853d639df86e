//! Helpers shared by the core's integration tests: deterministic ids, clients
//! and a small collective to act on.
#![allow(dead_code)]

use archipel_core::{Access, Actor, Change, Id, Kind, Operation, Receipt, Sequencer, State, Value};

/// Deterministic ids: a counter in the time part, a tag in the random part.
pub struct Ids {
    next: u64,
    tag: u8,
}

impl Ids {
    pub fn new(tag: u8) -> Ids {
        Ids { next: 1, tag }
    }

    pub fn next(&mut self) -> Id {
        let n = self.next;
        self.next += 1;
        let mut random = [self.tag; 10];
        random[..8].copy_from_slice(&n.to_be_bytes());
        Id::from_parts(1_795_305_600_000 + n, random)
    }
}

/// A device: numbers its operations and makes ids.
pub struct Device {
    pub seq: Sequencer,
    pub ids: Ids,
    pub actor: Actor,
}

impl Device {
    pub fn new(tag: u8, actor: Actor) -> Device {
        let mut ids = Ids::new(tag);
        let client = ids.next();
        Device {
            seq: Sequencer::new(client),
            ids,
            actor,
        }
    }

    pub fn op(&mut self, change: Change) -> Operation {
        let id = self.ids.next();
        self.seq.operation(id, 0, change)
    }

    /// Applies `change` through `receive`, as the server would.
    pub fn send(&mut self, state: &mut State, change: Change) -> Receipt {
        let op = self.op(change);
        state.receive(&op, &self.actor)
    }

    /// Like `send`, panicking with the refusal if it is not applied.
    pub fn ok(&mut self, state: &mut State, change: Change) -> u64 {
        match self.send(state, change) {
            Receipt::Applied(applied) => applied.version,
            other => panic!("expected the change to apply, got {other:?}"),
        }
    }
}

/// The refusal code of a receipt, if it was refused.
pub fn refused(receipt: &Receipt) -> Option<&'static str> {
    match receipt {
        Receipt::Refused(refusal) => Some(refusal.code.as_str()),
        _ => None,
    }
}

/// A small collective: a centre, a pôle with a function, people with roles.
pub struct World {
    pub state: State,
    pub admin: Device,
    pub centre: Id,
    pub lumiere: Id,
    pub claire: Id,
    pub yann: Id,
}

impl World {
    pub fn new() -> World {
        let mut state = State::new();
        let mut setup = Device::new(0xAD, Actor::anonymous(Access::Admin));
        let collective = setup.ids.next();
        setup.ok(
            &mut state,
            Change::create(
                Kind::Collective,
                collective,
                [("name", Value::text("Collectif"))],
            ),
        );
        let centre = setup.ids.next();
        setup.ok(
            &mut state,
            Change::create(
                Kind::Pole,
                centre,
                [
                    ("name", Value::text("Stratégie")),
                    ("kind", Value::text("centre")),
                ],
            ),
        );
        let lumiere = setup.ids.next();
        setup.ok(
            &mut state,
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
        let claire = setup.ids.next();
        setup.ok(
            &mut state,
            Change::create(
                Kind::Person,
                claire,
                [("display_name", Value::text("Claire"))],
            ),
        );
        let yann = setup.ids.next();
        setup.ok(
            &mut state,
            Change::create(Kind::Person, yann, [("display_name", Value::text("Yann"))]),
        );
        World {
            state,
            admin: setup,
            centre,
            lumiere,
            claire,
            yann,
        }
    }
}
