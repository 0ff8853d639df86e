//! Differential test: the same random stream of operations — by every role,
//! with conflicts, refusals, replays and gaps — is pushed through a SQLite
//! server and a PostgreSQL server set up identically. Every push answer, every
//! pull (two page sizes, several cursors), the history and the stored rows
//! must be identical (operations the server made itself aside: their ids and
//! wall times are random).
//!
//! Seeds 1 and 2 run by default; `ARCHIPEL_DIFF_SEED=<n>` runs one other, and
//! `ARCHIPEL_DIFF_STEPS=<n>` changes the number of batches (default 150).

mod support;

use std::time::Duration;

use archipel_core::{Access, Change, Date, Id, Kind, Operation, Sequencer, Value};
use archipel_server::storage::rows::NewMember;
use archipel_server::{AppState, Storage};
use serde_json::{Value as Json, json};
use support::{Engine, Server};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn id(&mut self) -> Id {
        let mut random = [0u8; 10];
        for byte in &mut random {
            *byte = self.next() as u8;
        }
        Id::from_parts(1_795_000_000_000 + self.next() % 1_000_000, random)
    }
}

struct Member {
    name: &'static str,
    access: Access,
    member: Id,
    device: Id,
    person: Option<Id>,
    token: String,
}

/// Everything both servers are set up with, made once from the seed.
struct World {
    collective: Id,
    demo: Vec<Change>,
    poles: Vec<Id>,
    members: Vec<Member>,
}

impl World {
    fn new(rng: &mut Rng) -> World {
        let mut ids = || rng.id();
        let demo = archipel_core::demo::demo_changes(&mut ids);
        let collective = match demo.first() {
            Some(Change::Create { id, .. }) => *id,
            _ => panic!("the demo starts with its collective"),
        };
        let poles = demo
            .iter()
            .filter_map(|change| match change {
                Change::Create {
                    kind: Kind::Pole,
                    id,
                    ..
                } => Some(*id),
                _ => None,
            })
            .collect();
        let roles = [
            ("Hugues", Access::Admin),
            ("Marie", Access::Facilitator),
            ("Julia", Access::Member),
            ("Stéphane", Access::Member),
            ("Invité", Access::Guest),
        ];
        let members = roles
            .iter()
            .enumerate()
            .map(|(n, (name, access))| Member {
                name,
                access: *access,
                member: rng.id(),
                device: rng.id(),
                person: (*access != Access::Guest).then(|| rng.id()),
                token: format!("differential-token-{n}-{}", rng.next()),
            })
            .collect();
        World {
            collective,
            demo,
            poles,
            members,
        }
    }
}

/// A server on `engine` holding exactly the world, served over HTTP.
async fn prepared(engine: Engine, world: &World) -> (Server, Option<tempfile::TempDir>) {
    let (location, dir) = engine.fresh().await;
    let storage = Storage::open_at(&location).await.expect("storage");
    let state = AppState::new(storage.clone(), "no-dist".into());
    storage
        .insert_collective(
            world.collective,
            "Collectif différentiel".into(),
            "2026-11-21T00:00:00.000Z".into(),
        )
        .await
        .expect("collective");
    state
        .hub
        .apply_as_server(world.collective, world.demo.clone())
        .await
        .expect("demo");
    for member in &world.members {
        if let Some(person) = member.person {
            state
                .hub
                .apply_as_server(
                    world.collective,
                    vec![Change::create(
                        Kind::Person,
                        person,
                        [
                            ("display_name", Value::text(member.name)),
                            (
                                "joined_on",
                                Value::Date(Date::from_unix_millis(1_795_000_000_000)),
                            ),
                            ("status", Value::text("active")),
                        ],
                    )],
                )
                .await
                .expect("person");
        }
        storage
            .insert_member(NewMember {
                collective: world.collective,
                member: member.member,
                person: member.person,
                display_name: member.name.into(),
                access: member.access,
                device: member.device,
                token_hash: archipel_server::secrets::hash(&member.token),
                now: "2026-11-21T00:00:00.000Z".into(),
            })
            .await
            .expect("member");
    }
    (Server::serve(location, state).await, dir)
}

/// What a device knows to make its next operations with.
#[derive(Default)]
struct Known {
    places: Vec<Id>,
    conflicts: Vec<Id>,
    last_version: u64,
}

fn random_change(rng: &mut Rng, world: &World, known: &mut Known) -> Change {
    let place = |rng: &mut Rng, known: &Known| {
        if known.places.is_empty() || rng.chance(5) {
            rng.id() // unknown record: refused
        } else {
            known.places[rng.below(known.places.len())]
        }
    };
    let base = |rng: &mut Rng, known: &Known| match rng.below(3) {
        0 => 0,
        1 => known.last_version,
        _ => 1_000_000,
    };
    match rng.below(12) {
        0 | 1 => {
            let id = rng.id();
            known.places.push(id);
            Change::create(
                Kind::Place,
                id,
                [
                    ("name", Value::text(format!("Lieu {}", rng.below(1000)))),
                    ("lat", Value::degrees(45.0 + rng.below(100) as f64 / 100.0)),
                    ("lon", Value::degrees(4.0 + rng.below(100) as f64 / 100.0)),
                ],
            )
        }
        2 | 3 => {
            let id = place(rng, known);
            let name = format!("Nom {}", rng.below(50));
            Change::set(id, "name", Value::text(name), base(rng, known))
        }
        4 => {
            let pole = world.poles[rng.below(world.poles.len())];
            let name = format!("PÔLE {}", rng.below(50));
            Change::set(pole, "name", Value::text(name), base(rng, known))
        }
        5 => Change::Add {
            id: place(rng, known),
            field: "categories".into(),
            items: Value::set([["bio", "vrac", "réparation", "jardin"][rng.below(4)]]),
        },
        6 => Change::Remove {
            id: place(rng, known),
            field: "categories".into(),
            items: Value::set([["bio", "vrac", "réparation", "jardin"][rng.below(4)]]),
        },
        7 => Change::Increment {
            id: place(rng, known),
            field: "confirmations".into(),
            by: rng.below(5) as i64 - 2,
        },
        8 => Change::Archive {
            id: place(rng, known),
            archived: rng.chance(50),
        },
        9 if rng.chance(30) => Change::Delete {
            id: place(rng, known),
        },
        9 | 10 => {
            if known.conflicts.is_empty() {
                Change::create(Kind::Task, rng.id(), [("title", Value::text("Affiches"))])
            } else {
                Change::ResolveConflict {
                    conflict: known.conflicts[rng.below(known.conflicts.len())],
                    restore: rng.chance(50),
                }
            }
        }
        _ => {
            // Invalid on purpose: too long, or an unknown field.
            let id = place(rng, known);
            if rng.chance(50) {
                Change::set(id, "name", Value::text("x".repeat(500)), 0)
            } else {
                Change::set(id, "no_such_field", Value::text("?"), 0)
            }
        }
    }
}

/// Pushes `ops` as `token`; waits out rate limits. Returns the answer.
async fn push(server: &Server, token: &str, ops: &[Operation]) -> Json {
    loop {
        let (status, body) = server
            .post("/api/sync/push", json!({ "operations": ops }), Some(token))
            .await;
        if status == 429 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        }
        assert_eq!(status, 200, "{body}");
        return body;
    }
}

async fn get(server: &Server, path: &str, token: &str) -> (u16, Json) {
    loop {
        let (status, body) = server.get(path, Some(token)).await;
        if status != 429 {
            return (status, body);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The first place where two JSON values differ, as a path, or `None`.
fn first_difference(a: &Json, b: &Json, path: &str) -> Option<String> {
    match (a, b) {
        (Json::Object(x), Json::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                let (left, right) = (x.get(key), y.get(key));
                match (left, right) {
                    (Some(left), Some(right)) => {
                        if let Some(found) = first_difference(left, right, &format!("{path}.{key}"))
                        {
                            return Some(found);
                        }
                    }
                    _ => return Some(format!("{path}.{key}: {left:?} / {right:?}")),
                }
            }
            None
        }
        (Json::Array(x), Json::Array(y)) => {
            for (index, (left, right)) in x.iter().zip(y).enumerate() {
                if let Some(found) = first_difference(left, right, &format!("{path}[{index}]")) {
                    return Some(found);
                }
            }
            (x.len() != y.len()).then(|| format!("{path}: {} / {} items", x.len(), y.len()))
        }
        _ => (a != b).then(|| format!("{path}: {a} / {b}")),
    }
}

/// Operations the server made itself (demo data, people) carry its own
/// random ids and clock: everything else about them must agree.
fn forget_server_randomness(operation: &mut Json, collective: Id) {
    if operation["client"] == collective.to_string() {
        operation["id"] = Json::Null;
        operation["wall_time"] = Json::Null;
    }
}

/// Everything a device reads: pulls from several cursors in two page sizes,
/// who it is, the devices, the history (server receive times left out).
async fn observe(server: &Server, token: &str, cursors: &[u64], collective: Id) -> Json {
    let mut pulls = Vec::new();
    let reads = cursors
        .iter()
        .map(|&since| (since, 2_000))
        .chain([(cursors[cursors.len() / 2], 29)]);
    for (start, limit) in reads {
        {
            let mut since = start;
            loop {
                let (status, body) = get(
                    server,
                    &format!("/api/sync/pull?since={since}&limit={limit}&acked=0"),
                    token,
                )
                .await;
                assert_eq!(status, 200, "{body}");
                since = body["cursor"].as_u64().expect("cursor");
                let more = body["more"] == true;
                pulls.push(body);
                if !more {
                    break;
                }
            }
        }
    }
    let me = get(server, "/api/me", token).await;
    let devices = get(server, "/api/devices", token).await;
    let mut history = get(server, "/api/history?since=0&limit=2000", token).await;
    if let Some(entries) = history.1["entries"].as_array_mut() {
        for entry in entries {
            entry["received_at"] = Json::Null;
            forget_server_randomness(&mut entry["op"], collective);
        }
    }
    json!({"pulls": pulls, "me": [me.0, me.1], "devices": [devices.0, devices.1], "history": [history.0, history.1]})
}

async fn run(seed: u64, steps: usize) {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let world = World::new(&mut rng);
    let (sqlite, _dir) = prepared(Engine::Sqlite, &world).await;
    let (postgres, _) = prepared(Engine::Postgres, &world).await;
    let mut sequencers: Vec<Sequencer> = world
        .members
        .iter()
        .map(|member| Sequencer::new(member.device))
        .collect();
    let mut sent: Vec<Vec<Vec<Operation>>> = vec![Vec::new(); world.members.len()];
    let mut known = Known::default();
    let mut op_ids = Rng(seed ^ 0x5eed);
    for step in 0..steps {
        let who = rng.below(world.members.len());
        let token = world.members[who].token.clone();
        let batches: Vec<Vec<Operation>> = if rng.chance(10) && !sent[who].is_empty() {
            // A replay of something already sent (answers must repeat).
            vec![sent[who][rng.below(sent[who].len())].clone()]
        } else {
            let count = 1 + rng.below(4);
            let ops: Vec<Operation> = (0..count)
                .map(|_| {
                    let change = random_change(&mut rng, &world, &mut known);
                    sequencers[who].operation(op_ids.id(), 1_795_000_000_000, change)
                })
                .collect();
            sent[who].push(ops.clone());
            if count > 1 && rng.chance(15) {
                // A gap first (out_of_order), then the whole batch.
                vec![ops[1..].to_vec(), ops]
            } else {
                vec![ops]
            }
        };
        for batch in batches {
            let from_sqlite = push(&sqlite, &token, &batch).await;
            let from_postgres = push(&postgres, &token, &batch).await;
            if let Some(difference) = first_difference(&from_sqlite, &from_postgres, "") {
                panic!("seed {seed}, step {step}: push answers differ at {difference}");
            }
            for result in from_sqlite["results"].as_array().into_iter().flatten() {
                if let Some(version) = result["version"].as_u64() {
                    known.last_version = known.last_version.max(version);
                }
                for conflict in result["conflicts"].as_array().into_iter().flatten() {
                    if let Some(id) = conflict.as_str().and_then(|id| id.parse().ok()) {
                        known.conflicts.push(id);
                    }
                }
            }
        }
    }
    let version = known.last_version;
    let cursors = [0, version / 2, version];
    for member in &world.members {
        let a = observe(&sqlite, &member.token, &cursors, world.collective).await;
        let b = observe(&postgres, &member.token, &cursors, world.collective).await;
        if let Some(difference) = first_difference(&a, &b, "") {
            panic!("seed {seed}: {} reads differ at {difference}", member.name);
        }
    }
    // The stored rows too, but for the server's receive times.
    let strip = |rows: Option<archipel_server::storage::archive::Rows>| {
        let mut rows = rows.expect("exported");
        let server = world.collective.to_string();
        for operation in &mut rows.operations {
            operation.received_at = 0;
            if operation.client_id == server {
                operation.op_id.clear();
                let mut json: Json = serde_json::from_str(&operation.operation).expect("json");
                forget_server_randomness(&mut json, world.collective);
                operation.operation = json.to_string();
            }
        }
        for result in &mut rows.results {
            if result.client_id == server {
                result.op_id.clear();
            }
        }
        rows
    };
    let a = strip(
        sqlite
            .state
            .hub
            .storage()
            .export(world.collective)
            .await
            .expect("export"),
    );
    let b = strip(
        postgres
            .state
            .hub
            .storage()
            .export(world.collective)
            .await
            .expect("export"),
    );
    assert!(
        !a.conflicts.is_empty(),
        "seed {seed}: the stream made conflicts"
    );
    assert!(
        a.results.iter().any(|row| row.outcome == "refused"),
        "seed {seed}: the stream made refusals"
    );
    assert_eq!(a, b, "seed {seed}: stored rows differ");
    println!(
        "seed {seed}: {steps} batches, version {version}, {} records, {} conflicts, {} results — identical",
        a.records.len(),
        a.conflicts.len(),
        a.results.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_random_stream_gives_identical_answers_on_both_engines() {
    if support::pg::skip() {
        return;
    }
    let steps = std::env::var("ARCHIPEL_DIFF_STEPS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(150);
    let seeds: Vec<u64> = match std::env::var("ARCHIPEL_DIFF_SEED") {
        Ok(text) => vec![text.parse().expect("ARCHIPEL_DIFF_SEED is a number")],
        Err(_) => vec![1, 2],
    };
    for seed in seeds {
        run(seed, steps).await;
    }
}
