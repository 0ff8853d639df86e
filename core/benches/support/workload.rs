//! The CRDT peers' workload on Archipel's core, shared by `benches/apply.rs`
//! and `examples/peer_line.rs`: 10 000 places, each then rewritten ten times.

use archipel_core::{Actor, Change, Id, Kind, Receipt, Sequencer, State, Value};

/// Field sets applied (the peers' `N`).
pub const N: usize = 100_000;
/// Records rewritten (the peers' `KEYS`).
pub const KEYS: usize = 10_000;

/// Deterministic ids (the core takes time and entropy from its caller).
pub fn id(n: u64, tag: u8) -> Id {
    let mut random = [tag; 10];
    random[..8].copy_from_slice(&n.to_be_bytes());
    Id::from_parts(1_795_305_600_000 + (n >> 8), random)
}

/// `KEYS` places created by `creator` as `actor`; `None` if one was refused.
pub fn places(creator: &mut Sequencer, actor: &Actor) -> Option<(State, Vec<Id>)> {
    let mut state = State::new();
    state.reserve(KEYS);
    let places: Vec<Id> = (0..KEYS as u64).map(|i| id(i, 0x91)).collect();
    for (i, place) in places.iter().enumerate() {
        let op = creator.operation(
            id(i as u64, 0x01),
            0,
            Change::create(
                Kind::Place,
                *place,
                [
                    ("name", Value::text(format!("k{i}"))),
                    ("lat", Value::Int(0)),
                    ("lon", Value::Int(0)),
                ],
            ),
        );
        if !matches!(state.receive(&op, actor), Receipt::Applied(_)) {
            return None;
        }
    }
    Some((state, places))
}
