//! Applying operations through the server's full path ([`State::receive`]:
//! sequence check, validation, authorisation, per-field versions, conflict
//! detection), on the CRDT peers' workload: 100 000 field sets on 10 000
//! records, each rewritten ten times (see `../shared/tools/peer-bench`).
//!
//! Run: `cargo bench -p archipel-core --bench apply`. For the one-shot line
//! printed next to the peers', see `examples/peer_line.rs` and `cargo xtask bench`.

use std::hint::black_box;

mod support {
    pub mod workload;
}

use archipel_core::{Access, Actor, Change, Id, Operation, Sequencer, State, Value};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use support::workload::{self, KEYS, N, id};

/// 10 000 places, and the sequencer of the device that created them.
fn places(actor: &Actor) -> (State, Vec<Id>, Sequencer) {
    let mut setup = Sequencer::new(id(0, 0xC0));
    let (state, places) = workload::places(&mut setup, actor).expect("the places are created");
    (state, places, setup)
}

/// `N` sets of place `i % KEYS`'s latitude, spread over `clients` devices.
///
/// With one client (the one that created the places) each write follows its
/// own; with several, each was based on the version at creation, so every
/// overwrite of another device's value is a concurrent write and keeps the
/// loser as a conflict.
fn sets(places: &[Id], setup: &Sequencer, clients: usize) -> Vec<Operation> {
    let mut devices: Vec<Sequencer> = if clients == 1 {
        vec![setup.clone()]
    } else {
        (0..clients)
            .map(|c| Sequencer::new(id(c as u64, 0xD0)))
            .collect()
    };
    (0..N)
        .map(|i| {
            let device = &mut devices[(i / KEYS) % clients];
            device.operation(
                id((KEYS + i) as u64, 0x02),
                0,
                Change::set(places[i % KEYS], "lat", Value::Int(i as i64), 1),
            )
        })
        .collect()
}

fn apply(c: &mut Criterion) {
    let actor = Actor::anonymous(Access::Member);
    let (state, places, setup) = places(&actor);
    let mut group = c.benchmark_group("receive");
    group.sample_size(10);
    group.throughput(Throughput::Elements(N as u64));
    for (name, clients) in [
        ("100k sets, 1 client", 1),
        ("100k sets, 4 clients, conflicts", 4),
    ] {
        let ops = sets(&places, &setup, clients);
        group.bench_function(name, |b| {
            b.iter_batched(
                || state.clone(),
                |mut state| {
                    for op in &ops {
                        black_box(state.receive(op, &actor));
                    }
                    state
                },
                BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, apply);
criterion_main!(benches);
