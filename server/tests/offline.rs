//! A long offline device: it comes back with many queued operations and
//! pushes them in chunks of at most `BATCH_LIMIT`, each from the last sequence
//! number the server acknowledged. The upload is interrupted twice — the
//! server is killed (SIGKILL) during a chunk, and the client gives up on a
//! chunk without reading its answer — and resumed from the acknowledged cursor:
//! every operation is applied exactly once. The queue is generated chunk by
//! chunk (as the app reads it from its store), so the client holds one chunk;
//! the server's resident memory is read from `/proc` along the way.
//!
//! The default run is small (2 500 operations, on each engine);
//! `cargo xtask drill offline` runs 100 000 through the same code, sized by
//! `ARCHIPEL_DRILL_OPS` and `ARCHIPEL_DRILL_CHUNK`.

#[macro_use]
mod support;

use std::time::{Duration, Instant};

use archipel_core::{Change, Id, Kind, Operation, Value};
use serde_json::{Value as Json, json};
use support::Engine;
use support::process::{Process, memory_kib, start};

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// The queued operations, made on demand from their number: every fifth
/// confirms the place created just before it; the others create a place.
struct Queue {
    client: Id,
    op_ids: String,
    record_ids: String,
}

impl Queue {
    fn id(prefix: &str, n: usize) -> Id {
        format!("{prefix}{n:012x}").parse().expect("a UUIDv7")
    }

    fn operation(&self, seq: usize) -> Operation {
        let change = if seq.is_multiple_of(5) {
            Change::Increment {
                id: Queue::id(&self.record_ids, seq - 1),
                field: "confirmations".into(),
                by: 1,
            }
        } else {
            Change::create(
                Kind::Place,
                Queue::id(&self.record_ids, seq),
                [
                    (
                        "name",
                        Value::text(format!("Lieu noté hors ligne n° {seq}")),
                    ),
                    ("lat", Value::degrees(45.0 + (seq % 1000) as f64 / 1e4)),
                    ("lon", Value::degrees(5.0)),
                ],
            )
        };
        Operation {
            id: Queue::id(&self.op_ids, seq),
            client: self.client,
            seq: seq as u64,
            // Made offline over days: wall times in the past.
            wall_time: 1_795_000_000_000 + seq as i64 * 1_000,
            change,
        }
    }
}

/// What pushing one chunk came to.
enum Sent {
    /// Answered: the highest sequence number with a result.
    Acknowledged(usize),
    /// No answer (server gone, or the client gave up): resend from the cursor.
    Unanswered,
}

async fn send(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    ops: &[Operation],
    timeout: Duration,
) -> Sent {
    loop {
        let Ok(response) = http
            .post(format!("{base}/api/sync/push"))
            .bearer_auth(token)
            .json(&json!({ "operations": ops }))
            .timeout(timeout)
            .send()
            .await
        else {
            return Sent::Unanswered;
        };
        if response.status() == 429 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        }
        if !response.status().is_success() {
            return Sent::Unanswered;
        }
        let Ok(body) = response.json::<Json>().await else {
            return Sent::Unanswered;
        };
        let results = body["results"].as_array().expect("results");
        for result in results {
            assert_eq!(result["outcome"], "applied", "{result}");
        }
        let last = results
            .last()
            .and_then(|result| result["seq"].as_u64())
            .expect("a result");
        return Sent::Acknowledged(last as usize);
    }
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

async fn a_long_offline_device_catches_up_in_bounded_resumable_chunks(engine: Engine) {
    let total = setting("ARCHIPEL_DRILL_OPS", 2_500);
    let chunk = setting("ARCHIPEL_DRILL_CHUNK", archipel_server::api::BATCH_LIMIT)
        .clamp(1, archipel_server::api::BATCH_LIMIT);
    let (location, _dir) = engine.fresh().await;
    let http = reqwest::Client::new();
    let mut server: Process = start(&location);
    let invite = server.join.clone().expect("first start prints a join URL");
    let client = archipel_server::secrets::new_id();
    let joined: Json = http
        .post(format!("{}/api/join", server.base))
        .json(&json!({"token": invite, "display_name": "Hugues", "client_id": client}))
        .send()
        .await
        .expect("join answers")
        .json()
        .await
        .expect("json");
    let token = joined["device_token"].as_str().expect("token").to_owned();
    let prefix = |id: Id| id.to_string()[..24].to_owned();
    let queue = Queue {
        client,
        op_ids: prefix(archipel_server::secrets::new_id()),
        record_ids: prefix(archipel_server::secrets::new_id()),
    };
    let baseline = memory_kib(server.child.id(), "VmRSS").unwrap_or(0);
    eprintln!(
        "offline drill ({}): {total} operations in chunks of {chunk}; server RSS at start {:.1} MiB",
        engine.name(),
        mib(baseline)
    );

    // Interruptions: the server is killed while a chunk a third of the way is
    // in flight; the client gives up on a chunk two thirds of the way.
    let kill_at = total / 3;
    let give_up_at = 2 * total / 3;
    let mut killed = false;
    let mut gave_up = false;
    let mut acked = 0usize;
    let mut chunks = 0usize;
    let mut resent = 0usize;
    let mut peaks = Vec::new();
    let mut samples = Vec::new();
    let began = Instant::now();
    while acked < total {
        let first = acked + 1;
        let last = (acked + chunk).min(total);
        let ops: Vec<Operation> = (first..=last).map(|seq| queue.operation(seq)).collect();
        chunks += 1;
        let sent = if !killed && last >= kill_at {
            killed = true;
            let pid = server.child.id();
            let killer = tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(5)).await;
                let _ = std::process::Command::new("kill")
                    .args(["-9", &pid.to_string()])
                    .status();
            });
            let sent = send(&http, &server.base, &token, &ops, Duration::from_secs(30)).await;
            killer.await.expect("killer");
            let _ = server.child.wait();
            if let Some(peak) = memory_kib(pid, "VmHWM") {
                peaks.push(peak);
            }
            server = start(&location);
            sent
        } else if !gave_up && last >= give_up_at {
            gave_up = true;
            send(&http, &server.base, &token, &ops, Duration::from_millis(1)).await
        } else {
            send(&http, &server.base, &token, &ops, Duration::from_secs(30)).await
        };
        match sent {
            Sent::Acknowledged(seq) => {
                assert!(seq > acked, "the cursor moves forward");
                acked = seq;
            }
            Sent::Unanswered => resent += last - acked,
        }
        if let Some(rss) = memory_kib(server.child.id(), "VmRSS") {
            samples.push((acked, rss));
        }
    }
    let elapsed = began.elapsed();
    let peak_now = memory_kib(server.child.id(), "VmHWM").unwrap_or(0);
    peaks.push(peak_now);

    // Exactly once: every created place is there once, every confirmation counted once.
    let mut places = 0usize;
    let mut confirmations = 0i64;
    let mut cursor = 0;
    loop {
        let body: Json = http
            .get(format!(
                "{}/api/sync/pull?since={cursor}&limit=2000",
                server.base
            ))
            .bearer_auth(&token)
            .send()
            .await
            .expect("pull answers")
            .json()
            .await
            .expect("json");
        for record in body["records"].as_array().into_iter().flatten() {
            if record["kind"] == "place"
                && record["values"][0]["text"]
                    .as_str()
                    .is_some_and(|name| name.starts_with("Lieu noté hors ligne"))
            {
                places += 1;
                confirmations += record["values"][9]["int"].as_i64().unwrap_or(0);
            }
        }
        cursor = body["cursor"].as_u64().expect("cursor");
        if body["more"] != true {
            break;
        }
    }
    let increments = total / 5;
    assert_eq!(places, total - increments, "every place once");
    assert_eq!(confirmations, increments as i64, "every confirmation once");

    let peak = peaks.iter().copied().max().unwrap_or(0);
    let at = |fraction: usize| {
        samples
            .iter()
            .find(|(acked, _)| *acked >= total * fraction / 4)
            .map_or(0.0, |(_, rss)| mib(*rss))
    };
    eprintln!(
        "offline drill ({}): {total} operations in {chunks} chunks of at most {chunk}, {:.1} s ({:.0} operations/s)\n  \
         interrupted twice (server SIGKILLed mid-chunk, client gave up on a chunk): {resent} operations resent from the acknowledged cursor, all applied once\n  \
         server RSS {:.1} MiB at start; {:.1} / {:.1} / {:.1} / {:.1} MiB at 25/50/75/100 %; peak {:.1} MiB",
        engine.name(),
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        mib(baseline),
        at(1),
        at(2),
        at(3),
        at(4),
        mib(peak)
    );
    assert!(killed && gave_up, "both interruptions happened");
    let _ = server.child.kill();
    let _ = server.child.wait();
}

on_both_engines!(a_long_offline_device_catches_up_in_bounded_resumable_chunks);
