//! End-to-end sync figures on loopback, against a real server with a real
//! SQLite file (or PostgreSQL, with `ARCHIPEL_DATABASE_URL` naming an empty
//! database): one device pushes operations made offline, a second pulls
//! them; then one change among many rows is pulled incrementally.
//!
//! Run: `cargo run --release -p archipel-server --example sync_bench [operations] [rows]`
//! (defaults 10 000 and 50 000). Figures go to `docs/benchmarks.md`.

use std::time::Instant;

use archipel_core::{Change, Kind, Operation, Sequencer, Value};
use archipel_server::{AppState, Storage, secrets};
use serde_json::{Value as Json, json};

const BATCH: usize = 500;

struct Device {
    token: String,
    seq: Sequencer,
}

async fn join(http: &reqwest::Client, base: &str, invite: &str, name: &str) -> Device {
    let client = secrets::new_id();
    let body: Json = http
        .post(format!("{base}/api/join"))
        .json(&json!({"token": invite, "display_name": name, "client_id": client}))
        .send()
        .await
        .expect("join")
        .json()
        .await
        .expect("json");
    Device {
        token: body["device_token"].as_str().expect("token").to_owned(),
        seq: Sequencer::new(client),
    }
}

fn place(n: usize) -> Change {
    Change::create(
        Kind::Place,
        secrets::new_id(),
        [
            ("name", Value::text(format!("Lieu relevé n° {n}"))),
            ("categories", Value::set(["alimentation", "réemploi"])),
            ("lat", Value::degrees(45.0 + (n % 1000) as f64 / 10_000.0)),
            ("lon", Value::degrees(4.8 + (n % 997) as f64 / 10_000.0)),
            ("address", Value::text("12 rue de la République, Lyon")),
        ],
    )
}

/// Pushes `ops` in batches; returns (seconds, request bytes).
async fn push_all(
    http: &reqwest::Client,
    base: &str,
    device: &Device,
    ops: &[Operation],
) -> (f64, usize) {
    let started = Instant::now();
    let mut bytes = 0;
    for batch in ops.chunks(BATCH) {
        let body = serde_json::to_vec(&json!({ "operations": batch })).expect("encode");
        bytes += body.len();
        let response: Json = http
            .post(format!("{base}/api/sync/push"))
            .bearer_auth(&device.token)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("push")
            .json()
            .await
            .expect("json");
        let applied = response["results"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|result| result["outcome"] == "applied")
            .count();
        assert_eq!(applied, batch.len(), "every operation applied: {response}");
    }
    (started.elapsed().as_secs_f64(), bytes)
}

/// Pulls every page from `since`; returns (records, seconds, response bytes, cursor).
async fn pull_all(
    http: &reqwest::Client,
    base: &str,
    device: &Device,
    since: u64,
) -> (usize, f64, usize, u64) {
    let started = Instant::now();
    let (mut records, mut bytes, mut cursor) = (0, 0, since);
    loop {
        let response = http
            .get(format!("{base}/api/sync/pull?since={cursor}&limit=2000"))
            .bearer_auth(&device.token)
            .send()
            .await
            .expect("pull");
        let body = response.bytes().await.expect("body");
        bytes += body.len();
        let page: Json = serde_json::from_slice(&body).expect("json");
        records += page["records"].as_array().map_or(0, Vec::len);
        cursor = page["cursor"].as_u64().expect("cursor");
        if page["more"] != true {
            return (records, started.elapsed().as_secs_f64(), bytes, cursor);
        }
    }
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let operations: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let rows: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50_000);

    let dir = tempfile::tempdir().expect("temp dir");
    let location = match std::env::var("ARCHIPEL_DATABASE_URL") {
        Ok(url) => archipel_server::Location::Postgres(url),
        Err(_) => archipel_server::Location::Sqlite(dir.path().join("data")),
    };
    let storage = Storage::open_at(&location).await.expect("storage");
    println!("engine: {}", storage.engine_name());
    let state = AppState::new(storage, dir.path().join("dist"));
    let path = archipel_server::bootstrap(&state)
        .await
        .expect("bootstrap")
        .expect("first start");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let serving = state.clone();
    tokio::spawn(async move {
        let _ = archipel_server::serve(serving, listener, std::future::pending()).await;
    });
    // Plain HTTP/1.1 without compression, so byte counts are the JSON itself.
    let http = reqwest::Client::new();
    let invite = path.trim_start_matches("/rejoindre#");
    let mut phone = join(&http, &base, invite, "Téléphone").await;
    let (second_invite, _) = archipel_server::api::create_invite_row(
        &state,
        phone_collective(&http, &base, &phone).await,
        archipel_core::Access::Member,
        1,
        1,
        None,
    )
    .await
    .expect("invite");
    let laptop = join(&http, &base, &second_invite, "Ordinateur").await;
    let (_, _, _, start_cursor) = pull_all(&http, &base, &laptop, 0).await;

    // 1. Operations made offline, pushed when the network is back.
    let ops: Vec<Operation> = (0..operations)
        .map(|n| phone.seq.operation(secrets::new_id(), 0, place(n)))
        .collect();
    let (seconds, pushed_bytes) = push_all(&http, &base, &phone, &ops).await;
    println!(
        "push {operations} offline operations   {:>9.1} ms  {:.0} ops/s accepted, {} bytes/op sent",
        seconds * 1e3,
        operations as f64 / seconds,
        pushed_bytes / operations.max(1)
    );
    let (pulled, seconds, pulled_bytes, cursor) =
        pull_all(&http, &base, &laptop, start_cursor).await;
    println!(
        "pull them into a second device        {:>9.1} ms  {pulled} records, {:.0} records/s, {} bytes/record received",
        seconds * 1e3,
        pulled as f64 / seconds,
        pulled_bytes / pulled.max(1)
    );

    // 2. Grow to `rows` records, then pull one change incrementally.
    let more = rows.saturating_sub(operations + 200);
    let extra: Vec<Operation> = (0..more)
        .map(|n| {
            phone
                .seq
                .operation(secrets::new_id(), 0, place(operations + n))
        })
        .collect();
    push_all(&http, &base, &phone, &extra).await;
    let (_, _, _, cursor) = pull_all(&http, &base, &laptop, cursor).await;
    let one = vec![phone.seq.operation(secrets::new_id(), 0, place(rows))];
    push_all(&http, &base, &phone, &one).await;
    let collective = phone_collective(&http, &base, &phone).await;
    let snapshot = state.hub.snapshot(collective).await.expect("snapshot");
    let mut best = f64::MAX;
    for _ in 0..20 {
        let storage = state.hub.storage().clone();
        let started = Instant::now();
        let (changes, _) = storage
            .pull(collective, cursor, 2000, (collective, i64::MAX as u64, 1))
            .await
            .expect("changes");
        best = best.min(started.elapsed().as_secs_f64());
        assert_eq!(changes.records.len(), 1);
    }
    println!(
        "incremental pull, 1 change in {:>6}  {:>9.3} ms  server time (storage read, best of 20)",
        snapshot.len(),
        best * 1e3
    );
    let (records, seconds, _, _) = pull_all(&http, &base, &laptop, cursor).await;
    println!(
        "  same over HTTP, end to end          {:>9.3} ms  {records} record",
        seconds * 1e3
    );
}

async fn phone_collective(
    http: &reqwest::Client,
    base: &str,
    device: &Device,
) -> archipel_core::Id {
    let me: Json = http
        .get(format!("{base}/api/me"))
        .bearer_auth(&device.token)
        .send()
        .await
        .expect("me")
        .json()
        .await
        .expect("json");
    me["collective"]["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .expect("collective id")
}
