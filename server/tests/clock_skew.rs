//! Clock skew: devices whose clocks are off by minutes to years, or jump
//! backwards between two operations, get the same winners as devices with
//! correct clocks — winners follow the server's order — and nothing is refused
//! because of a wall time. Each scenario is played twice on a fresh server of
//! each engine, once with correct clocks and once with skewed ones, and the two
//! collectives must read the same.

#[macro_use]
mod support;

use std::collections::BTreeMap;

use archipel_core::{Change, FieldWrite, Id, Kind, Value};
use serde_json::Value as Json;
use support::{Client, Engine, Server, outcome};

const MINUTE: i64 = 60_000;
const YEAR: i64 = 365 * 24 * 60 * MINUTE;

fn new_id() -> Id {
    archipel_server::secrets::new_id()
}

fn now() -> i64 {
    archipel_server::secrets::now_millis()
}

/// A device's clock: its offset from the true time, and how far it jumps
/// back after each operation.
#[derive(Clone, Copy)]
struct Clock {
    offset: i64,
    jump_back: i64,
}

const CORRECT: Clock = Clock {
    offset: 0,
    jump_back: 0,
};

/// The clocks of the skewed run, one per device.
const SKEWED: [Clock; 6] = [
    Clock {
        offset: -30 * YEAR,
        jump_back: 0,
    },
    Clock {
        offset: 20 * YEAR,
        jump_back: 0,
    },
    Clock {
        offset: -7 * MINUTE,
        jump_back: 0,
    },
    Clock {
        offset: 3 * MINUTE,
        jump_back: YEAR,
    },
    // Before 1970, then ever further back.
    Clock {
        offset: -60 * YEAR,
        jump_back: 10 * MINUTE,
    },
    // The far ends of the type.
    Clock {
        offset: i64::MAX / 2,
        jump_back: i64::MAX / 4,
    },
];

struct Device {
    client: Client,
    clock: Clock,
    ops: i64,
}

impl Device {
    fn wall_time(&mut self) -> i64 {
        let time = now()
            .saturating_add(self.clock.offset)
            .saturating_sub(self.clock.jump_back.saturating_mul(self.ops));
        self.ops += 1;
        time
    }

    /// Pushes one change with this device's clock; it must be applied.
    async fn push(&mut self, server: &Server, change: Change) -> Json {
        let wall_time = self.wall_time();
        let op = self.client.seq.operation(new_id(), wall_time, change);
        let (status, body) = self.client.push_ops(server, &[op]).await;
        assert_eq!(status, 200, "wall time {wall_time}: {body}");
        let result = body["results"][0].clone();
        assert_eq!(
            outcome(&result),
            "applied",
            "wall time {wall_time} refused? {result}"
        );
        result
    }
}

/// What the collective reads after the scenario, without ids and versions
/// that differ between runs: each place's name and count, and each conflict's
/// lost and won values.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    places: BTreeMap<String, (Json, Json)>,
    conflicts: Vec<(Json, Json, bool)>,
}

/// Six devices edit shared places concurrently, in a fixed server order.
async fn play(engine: Engine, clocks: [Clock; 6]) -> Outcome {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    let mut devices = Vec::new();
    for (n, clock) in clocks.into_iter().enumerate() {
        let client = server
            .member(&admin, "facilitator", &format!("Device {n}"))
            .await;
        devices.push(Device {
            client,
            clock,
            ops: 0,
        });
    }
    let started = now();

    // Each device creates a place; everyone then renames every place from the
    // same stale base (concurrent edits: the last in server order wins, the
    // others are kept as conflicts), and counts it.
    let mut places = Vec::new();
    for (n, device) in devices.iter_mut().enumerate() {
        let id = new_id();
        let result = device
            .push(
                &server,
                Change::create(
                    Kind::Place,
                    id,
                    [
                        ("name", Value::text(format!("Lieu {n}"))),
                        ("lat", Value::degrees(45.0)),
                        ("lon", Value::degrees(5.0)),
                    ],
                ),
            )
            .await;
        places.push((id, result["version"].as_u64().expect("version")));
    }
    for round in 0..3 {
        for (p, &(id, base)) in places.iter().enumerate() {
            // A different order of devices for every place and round.
            let mut order: Vec<usize> = (0..devices.len()).collect();
            order.rotate_left((p + round) % devices.len());
            for d in order {
                let name = format!("Lieu {p} par {d}, tour {round}");
                devices[d]
                    .push(
                        &server,
                        Change::Set {
                            id,
                            fields: vec![FieldWrite::new("name", Value::text(name), base)],
                        },
                    )
                    .await;
                devices[d]
                    .push(
                        &server,
                        Change::Increment {
                            id,
                            field: "confirmations".into(),
                            by: 1,
                        },
                    )
                    .await;
            }
        }
    }

    let (records, conflicts, _) = admin.pull_all(&server, 0, 2_000).await;
    let mut outcome = Outcome {
        places: BTreeMap::new(),
        conflicts: Vec::new(),
    };
    for record in records.iter().filter(|record| record["kind"] == "place") {
        let name = record["values"][0].clone();
        let count = record["values"][9].clone();
        let created = record["values"][0]["text"]
            .as_str()
            .and_then(|name| name.split(" par ").next())
            .unwrap_or_default()
            .to_owned();
        outcome.places.insert(created, (name, count));
    }
    for conflict in &conflicts {
        outcome.conflicts.push((
            conflict["lost"].clone(),
            conflict["won"].clone(),
            conflict["resolved"].as_bool().unwrap_or(false),
        ));
    }
    outcome.conflicts.sort_by_key(|c| format!("{c:?}"));

    // The log is stamped with the server's time, whatever the devices said.
    let (status, history) = server
        .get("/api/history?since=0&limit=2000", Some(&admin.token))
        .await;
    assert_eq!(status, 200, "{history}");
    let finished = now();
    let mut last = 0;
    for entry in history["entries"].as_array().into_iter().flatten() {
        let received = entry["received_at"].as_i64().expect("received_at");
        assert!(received >= last, "received_at goes backwards: {entry}");
        last = received;
        if entry["version"].as_u64() > places.first().map(|&(_, version)| version - 1) {
            assert!(
                (started - 1_000..=finished + 1_000).contains(&received),
                "received_at {received} is not the server's time: {entry}"
            );
        }
    }
    server.stop().await;
    outcome
}

async fn skewed_and_backward_clocks_change_no_winner_and_are_never_refused(engine: Engine) {
    let correct = play(engine, [CORRECT; 6]).await;
    let skewed = play(engine, SKEWED).await;
    assert_eq!(correct.places.len(), 6);
    for (name, count) in correct.places.values() {
        // The last device in server order of the last round won.
        assert!(
            name["text"].as_str().is_some_and(|n| n.ends_with("tour 2")),
            "{name}"
        );
        assert_eq!(count["int"], 18, "every increment counted");
    }
    assert_eq!(
        correct.conflicts.len(),
        6 * (3 * 6 - 1),
        "every lost edit is kept"
    );
    assert_eq!(correct, skewed, "the same winners whatever the clocks");
}

on_both_engines!(skewed_and_backward_clocks_change_no_winner_and_are_never_refused);
