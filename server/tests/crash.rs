//! Durability: the real `archipel` binary is killed (SIGKILL) in the middle of
//! a stream of pushes and restarted on the same database (SQLite data
//! directory, or PostgreSQL with `--database-url`). Every operation it
//! acknowledged must be there, and the client's retries converge.

#[macro_use]
mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use archipel_core::{Change, Id, Kind, Operation, Sequencer, Value};
use archipel_server::Location;
use serde_json::{Value as Json, json};
use support::Engine;

struct Process {
    child: Child,
    base: String,
    join: Option<String>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// Starts the binary and waits for its "ready" line (and the join URL on first start).
fn start(location: &Location) -> Process {
    let port = free_port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_archipel"));
    command.args(["--bind", &format!("127.0.0.1:{port}")]);
    match location {
        Location::Sqlite(dir) => command.arg("--data-dir").arg(dir),
        Location::Postgres(url) => command.env("ARCHIPEL_DATABASE_URL", url),
    };
    let mut child = command
        .env("ARCHIPEL_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut join = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        if let Some(at) = line.find("/rejoindre#") {
            join = Some(line[at + "/rejoindre#".len()..].trim().to_owned());
        }
        if line.contains("ready") {
            break;
        }
    }
    Process {
        child,
        base: format!("http://127.0.0.1:{port}"),
        join,
    }
}

fn place(n: usize) -> (Id, Change) {
    let id = archipel_server::secrets::new_id();
    let change = Change::create(
        Kind::Place,
        id,
        [
            ("name", Value::text(format!("Lieu {n}"))),
            ("lat", Value::degrees(45.0)),
            ("lon", Value::degrees(5.0)),
        ],
    );
    (id, change)
}

async fn push(http: &reqwest::Client, base: &str, token: &str, op: &Operation) -> Option<Json> {
    let response = http
        .post(format!("{base}/api/sync/push"))
        .bearer_auth(token)
        .json(&json!({ "operations": [op] }))
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .ok()?;
    if !response.status().is_success() {
        return None;
    }
    response.json().await.ok()
}

async fn place_ids(http: &reqwest::Client, base: &str, token: &str) -> Vec<String> {
    let body: Json = http
        .get(format!("{base}/api/sync/pull?since=0&limit=2000"))
        .bearer_auth(token)
        .send()
        .await
        .expect("pull answers")
        .json()
        .await
        .expect("json");
    assert_eq!(body["more"], false, "one page is enough here");
    body["records"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|record| record["kind"] == "place" && record["deleted"] == false)
        .filter_map(|record| record["id"].as_str().map(str::to_owned))
        .collect()
}

async fn acknowledged_operations_survive_sigkill_and_retries_converge(engine: Engine) {
    let (location, _dir) = engine.fresh().await;
    let http = reqwest::Client::new();
    let mut server = start(&location);
    let invite = server
        .join
        .clone()
        .expect("first start prints an admin join URL");
    let client_id = archipel_server::secrets::new_id();
    let joined: Json = http
        .post(format!("{}/api/join", server.base))
        .json(&json!({"token": invite, "display_name": "Hugues", "client_id": client_id}))
        .send()
        .await
        .expect("join answers")
        .json()
        .await
        .expect("json");
    let token = joined["device_token"].as_str().expect("token").to_owned();
    let mut sequencer = Sequencer::new(client_id);
    let mut acknowledged: Vec<String> = Vec::new();
    let mut made = 0usize;

    for round in 0..3u64 {
        // Push one operation at a time while a timer kills the server.
        let (tx, mut killed) = tokio::sync::oneshot::channel::<()>();
        let pid = server.child.id();
        let killer = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(150 + 70 * round)).await;
            // SIGKILL: no chance to flush anything more.
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            let _ = tx.send(());
        });
        let mut pending: Option<(String, Operation)> = None;
        loop {
            let (id, change) = place(made);
            made += 1;
            let op = sequencer.operation(archipel_server::secrets::new_id(), 0, change);
            match push(&http, &server.base, &token, &op).await {
                Some(body) if body["results"][0]["outcome"] == "applied" => {
                    acknowledged.push(id.to_string())
                }
                _ => {
                    pending = Some((id.to_string(), op));
                    break;
                }
            }
            if killed.try_recv().is_ok() {
                break;
            }
        }
        killer.await.expect("killer ran");
        let _ = server.child.wait();

        server = start(&location);
        assert!(
            server.join.is_none(),
            "a restart does not make a second demo"
        );
        let present = place_ids(&http, &server.base, &token).await;
        for id in &acknowledged {
            assert!(
                present.contains(id),
                "round {round}: acknowledged place {id} was lost"
            );
        }
        // The client retries what it had not seen acknowledged: applied or a duplicate, never lost.
        if let Some((id, op)) = pending {
            let body = push(&http, &server.base, &token, &op)
                .await
                .expect("retry answers");
            assert_eq!(body["results"][0]["outcome"], "applied", "{body}");
            acknowledged.push(id);
        }
        let present = place_ids(&http, &server.base, &token).await;
        assert_eq!(
            present.len(),
            acknowledged.len(),
            "round {round}: client and server agree"
        );
    }
    assert!(acknowledged.len() >= 3, "the drill pushed something");
    let _ = server.child.kill();
    let _ = server.child.wait();
}

on_both_engines!(acknowledged_operations_survive_sigkill_and_retries_converge);
