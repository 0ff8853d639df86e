//! The peers' workload on Archipel's core, printed in the peer-bench format
//! (`../shared/tools/peer-bench`), so `cargo xtask bench` shows both side by side.
//!
//! 10 000 places, then 100 000 field-set operations — place `i % 10 000` gets
//! latitude `i` (1e-7 degrees), so each record is rewritten 10 times — through
//! [`State::receive`]: sequence check, validation, authorisation, per-field
//! versions and conflict detection, exactly as the server runs them. Making each
//! operation is inside the timed loop, as the peers format their key inside
//! theirs. Then the full state is encoded for a new replica (JSON of the
//! whole state: records, conflicts, sequences) and rebuilt from it.
//!
//! Usage: `cargo run --release -p archipel-core --example peer_line [N]`.

use std::time::Instant;

#[path = "../benches/support/workload.rs"]
mod workload;

use archipel_core::{Access, Actor, Change, Receipt, Sequencer, State, Value};
use workload::{KEYS, N, id};

fn report(what: &str, t: Instant, extra: String) {
    let peer = "archipel";
    println!(
        "{peer:<10} {what:<28} {:>9.1} ms  {extra}",
        t.elapsed().as_secs_f64() * 1e3
    );
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(N);
    let actor = Actor::anonymous(Access::Member);
    let mut client = Sequencer::new(id(0, 0xC1));
    let Some((mut state, places)) = workload::places(&mut client, &actor) else {
        eprintln!("peer_line: setting up the places failed");
        std::process::exit(1);
    };

    let mut refused = 0usize;
    let t = Instant::now();
    for i in 0..n {
        let place = places[i % KEYS];
        let op = client.operation(
            id((KEYS + i) as u64, 0x02),
            0,
            Change::set(place, "lat", Value::Int(i as i64), 0),
        );
        if !matches!(state.receive(&op, &actor), Receipt::Applied(_)) {
            refused += 1;
        }
    }
    report(&format!("apply {n} sets"), t, String::new());
    if refused > 0 {
        eprintln!("peer_line: {refused} operations were not applied");
        std::process::exit(1);
    }

    let t = Instant::now();
    let bytes = match serde_json::to_vec(&state) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("peer_line: encoding failed: {error}");
            std::process::exit(1);
        }
    };
    report("encode full state", t, format!("{} bytes", bytes.len()));

    let t = Instant::now();
    let replica: State = match serde_json::from_slice(&bytes) {
        Ok(replica) => replica,
        Err(error) => {
            eprintln!("peer_line: decoding failed: {error}");
            std::process::exit(1);
        }
    };
    report(
        "sync into empty replica",
        t,
        format!("{} keys", replica.len()),
    );
    if replica != state {
        eprintln!("peer_line: the replica differs from the original");
        std::process::exit(1);
    }
}
