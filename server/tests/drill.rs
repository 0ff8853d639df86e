//! The two-server drill: two real `archipel` processes on one PostgreSQL
//! database, as behind a load balancer. Clients push a steady stream through
//! both and watch the event stream of both; one server is killed (SIGKILL)
//! mid-stream. Its clients fail over to the other, resend what was not
//! acknowledged, and at the end everything acknowledged is stored exactly
//! once and every client reads the same collective.
//!
//! In the test suite it runs small (6 clients, 4 s). `server/drill/two-servers.sh`
//! runs it large and prints the figures recorded in `docs/reliability.md`:
//! `ARCHIPEL_DRILL_CLIENTS`, `ARCHIPEL_DRILL_SECONDS` (the kill comes halfway).

mod support;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use archipel_core::{Change, Id, Kind, Operation, Sequencer, Value};
use serde_json::{Value as Json, json};

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

fn start(url: &str) -> Process {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_archipel"))
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .env("ARCHIPEL_DATABASE_URL", url)
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

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index]
}

#[derive(Default)]
struct Figures {
    acknowledged: usize,
    failed_pushes: usize,
    resent: usize,
    /// Seconds from a client's first failed push to its first success elsewhere.
    failovers: Vec<f64>,
    /// Seconds from an acknowledgement through the server that was killed
    /// later to the poke on the other server's stream (negative: the poke
    /// arrived before the answer to the push).
    cross_pokes: Vec<f64>,
}

/// What every device of the drill shares.
#[derive(Clone)]
struct Shared {
    http: reqwest::Client,
    counter: Id,
    until: Instant,
    /// Each applied version: the server that acknowledged it, and when.
    acked_at: Arc<Mutex<HashMap<u64, (String, Instant)>>>,
    figures: Arc<Mutex<Figures>>,
}

/// One device: pushes a place or an increment every `period`, keeps what is
/// not acknowledged and resends it, and moves to the next server on failure.
async fn device(shared: Shared, servers: Vec<String>, token: String, client: Id) -> (Vec<Id>, u64) {
    let Shared {
        http,
        counter,
        until,
        acked_at,
        figures,
    } = shared;
    let mut sequencer = Sequencer::new(client);
    let mut pending: Vec<(Option<Id>, Operation)> = Vec::new();
    let mut places = Vec::new();
    let mut increments = 0u64;
    let mut current = 0usize;
    let mut failing_since: Option<Instant> = None;
    let period = Duration::from_millis(100);
    loop {
        let done = Instant::now() >= until;
        if !done {
            let (place, change) = if sequencer.next_seq.is_multiple_of(3) {
                (
                    None,
                    Change::Increment {
                        id: counter,
                        field: "confirmations".into(),
                        by: 1,
                    },
                )
            } else {
                let id = archipel_server::secrets::new_id();
                (
                    Some(id),
                    Change::create(
                        Kind::Place,
                        id,
                        [
                            ("name", Value::text("Lieu du drill")),
                            ("lat", Value::degrees(45.0)),
                            ("lon", Value::degrees(5.0)),
                        ],
                    ),
                )
            };
            let op = sequencer.operation(archipel_server::secrets::new_id(), 0, change);
            pending.push((place, op));
        } else if pending.is_empty() {
            return (places, increments);
        }
        let ops: Vec<&Operation> = pending.iter().map(|(_, op)| op).collect();
        let sent = http
            .post(format!("{}/api/sync/push", servers[current]))
            .bearer_auth(&token)
            .json(&json!({ "operations": ops }))
            .timeout(Duration::from_secs(2))
            .send()
            .await;
        let body: Option<Json> = match sent {
            Ok(response) if response.status().is_success() => response.json().await.ok(),
            _ => None,
        };
        match body {
            Some(body) => {
                if let Some(since) = failing_since.take() {
                    let mut figures = figures.lock().expect("figures");
                    figures.failovers.push(since.elapsed().as_secs_f64());
                    figures.resent += pending.len();
                }
                let mut acked = 0;
                for result in body["results"].as_array().into_iter().flatten() {
                    if result["outcome"] == "applied" {
                        let (place, _) = &pending[acked];
                        match place {
                            Some(id) => places.push(*id),
                            None => increments += 1,
                        }
                        if let Some(version) = result["version"].as_u64() {
                            acked_at
                                .lock()
                                .expect("acks")
                                .insert(version, (servers[current].clone(), Instant::now()));
                        }
                        acked += 1;
                    } else {
                        assert_ne!(result["outcome"], "refused", "{result}");
                        break;
                    }
                }
                figures.lock().expect("figures").acknowledged += acked;
                pending.drain(..acked);
            }
            None => {
                figures.lock().expect("figures").failed_pushes += 1;
                failing_since.get_or_insert_with(Instant::now);
                // The load balancer's part: try the next server.
                current = (current + 1) % servers.len();
            }
        }
        if !done {
            tokio::time::sleep(period).await;
        }
    }
}

/// What a watching device saw on the event stream.
#[derive(Default)]
struct Watched {
    /// Each `changed` version and when it arrived.
    pokes: Vec<(u64, Instant)>,
    /// Seconds from a stream's end to the next `ready` (on the next server).
    reconnects: Vec<f64>,
}

/// Watches the event stream like the app: on `ready` or a poke it would pull;
/// when the stream ends it reopens it on the next server.
async fn watch(
    http: reqwest::Client,
    servers: Vec<String>,
    token: String,
    until: Instant,
) -> Watched {
    let mut watched = Watched::default();
    let mut current = 0;
    let mut lost: Option<Instant> = None;
    while Instant::now() < until {
        let opened = http
            .get(format!(
                "{}/api/sync/events?access_token={token}",
                servers[current]
            ))
            .send()
            .await;
        let mut stream = match opened {
            Ok(stream) if stream.status().is_success() => stream,
            _ => {
                lost.get_or_insert_with(Instant::now);
                current = (current + 1) % servers.len();
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let mut buffer = String::new();
        while Instant::now() < until {
            let chunk = match tokio::time::timeout(Duration::from_millis(500), stream.chunk()).await
            {
                Err(_) => continue,
                Ok(Ok(Some(chunk))) => chunk,
                // The server went away: reconnect elsewhere.
                Ok(_) => break,
            };
            buffer.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buffer.find("\n\n") {
                let event: String = buffer.drain(..end + 2).collect();
                if event.contains("event: ready") {
                    if let Some(since) = lost.take() {
                        watched.reconnects.push(since.elapsed().as_secs_f64());
                    }
                } else if event.contains("event: changed") {
                    let version = event
                        .lines()
                        .find_map(|line| line.strip_prefix("data: "))
                        .and_then(|data| data.trim().parse().ok());
                    if let Some(version) = version {
                        watched.pokes.push((version, Instant::now()));
                    }
                }
            }
        }
        lost.get_or_insert_with(Instant::now);
        current = (current + 1) % servers.len();
    }
    watched
}

async fn post(http: &reqwest::Client, url: String, token: Option<&str>, body: Json) -> Json {
    let mut request = http.post(url).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request
        .send()
        .await
        .expect("answered")
        .json()
        .await
        .expect("json")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_one_killed_mid_stream_clients_fail_over_and_converge() {
    if support::pg::skip() {
        return;
    }
    let clients = setting("ARCHIPEL_DRILL_CLIENTS", 6) as usize;
    let seconds = setting("ARCHIPEL_DRILL_SECONDS", 4);
    let url = support::pg::fresh_database().await;
    let mut a = start(&url);
    let b = start(&url);
    assert!(b.join.is_none(), "only the first server makes the demo");
    let http = reqwest::Client::new();

    // An admin, a counter place, and the devices, joined through either server.
    let admin_client = archipel_server::secrets::new_id();
    let joined = post(
        &http,
        format!("{}/api/join", a.base),
        None,
        json!({"token": a.join.clone().expect("admin invite"), "display_name": "Hugues", "client_id": admin_client}),
    )
    .await;
    let admin = joined["device_token"].as_str().expect("token").to_owned();
    let counter = archipel_server::secrets::new_id();
    let mut admin_seq = Sequencer::new(admin_client);
    let create = admin_seq.operation(
        archipel_server::secrets::new_id(),
        0,
        Change::create(
            Kind::Place,
            counter,
            [
                ("name", Value::text("Compteur")),
                ("lat", Value::degrees(45.0)),
                ("lon", Value::degrees(5.0)),
            ],
        ),
    );
    post(
        &http,
        format!("{}/api/sync/push", a.base),
        Some(&admin),
        json!({"operations": [create]}),
    )
    .await;
    let mut devices = Vec::new();
    for n in 0..clients {
        let through = if n % 2 == 0 { &a.base } else { &b.base };
        let invite = post(
            &http,
            format!("{through}/api/invites"),
            Some(&admin),
            json!({"access": "member"}),
        )
        .await;
        let client = archipel_server::secrets::new_id();
        let joined = post(
            &http,
            format!("{through}/api/join"),
            None,
            json!({"token": invite["token"], "display_name": format!("Membre {n}"), "client_id": client}),
        )
        .await;
        let token = joined["device_token"].as_str().expect("token").to_owned();
        // Half start on each server; the list is what their load balancer knows.
        let servers = if n % 2 == 0 {
            vec![a.base.clone(), b.base.clone()]
        } else {
            vec![b.base.clone(), a.base.clone()]
        };
        devices.push((servers, token, client));
    }

    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    let shared = Shared {
        http: http.clone(),
        counter,
        until,
        acked_at: Arc::new(Mutex::new(HashMap::new())),
        figures: Arc::new(Mutex::new(Figures::default())),
    };
    // A projector on b measures pokes across servers; one on a must reconnect to b.
    let projector = tokio::spawn(watch(
        http.clone(),
        vec![b.base.clone()],
        admin.clone(),
        until,
    ));
    let stranded = tokio::spawn(watch(
        http.clone(),
        vec![a.base.clone(), b.base.clone()],
        devices[0].1.clone(),
        until,
    ));
    let mut tasks = Vec::new();
    for (servers, token, client) in devices.clone() {
        tasks.push(tokio::spawn(device(shared.clone(), servers, token, client)));
    }
    tokio::time::sleep(Duration::from_secs(seconds) / 2).await;
    let killed_at = Instant::now();
    let _ = Command::new("kill")
        .args(["-9", &a.child.id().to_string()])
        .status();
    let _ = a.child.wait();

    let mut expected_places = HashSet::new();
    let mut expected_increments = 0;
    for task in tasks {
        let (places, increments) = task.await.expect("device");
        expected_places.extend(places);
        expected_increments += increments;
    }
    // From the end of the stream until every client's resends were acknowledged.
    let settled = until.elapsed();
    let pokes = projector.await.expect("projector").pokes;
    let stranded = stranded.await.expect("stranded watcher");

    // Everything acknowledged is on the surviving server, exactly once.
    let mut records = Vec::new();
    let mut since = 0;
    loop {
        let body: Json = http
            .get(format!("{}/api/sync/pull?since={since}&limit=2000", b.base))
            .bearer_auth(&admin)
            .send()
            .await
            .expect("pull")
            .json()
            .await
            .expect("json");
        records.extend(body["records"].as_array().cloned().unwrap_or_default());
        since = body["cursor"].as_u64().expect("cursor");
        if body["more"] != true {
            break;
        }
    }
    let stored: HashSet<String> = records
        .iter()
        .filter(|record| record["kind"] == "place")
        .filter_map(|record| record["id"].as_str().map(str::to_owned))
        .collect();
    for id in &expected_places {
        assert!(
            stored.contains(&id.to_string()),
            "acknowledged place {id} lost"
        );
    }
    let confirmations = Kind::Place.field_index("confirmations").expect("field");
    let count = records
        .iter()
        .find(|record| record["id"] == counter.to_string())
        .and_then(|record| record["values"][confirmations]["int"].as_i64())
        .unwrap_or(0);
    assert_eq!(
        count as u64, expected_increments,
        "every acknowledged increment counted exactly once"
    );
    // The places stored are exactly those acknowledged (plus the counter).
    assert_eq!(stored.len(), expected_places.len() + 1);
    // Every client reads the same collective from the survivor.
    let mut views = HashSet::new();
    for (_, token, _) in &devices {
        let body: Json = http
            .get(format!("{}/api/sync/pull?since=0&limit=2000", b.base))
            .bearer_auth(token)
            .send()
            .await
            .expect("pull")
            .json()
            .await
            .expect("json");
        views.insert(body["records"].to_string());
    }
    assert_eq!(views.len(), 1, "all clients converge on one view");

    // Pokes for changes acknowledged by the killed server, seen on the other.
    {
        let acks = shared.acked_at.lock().expect("acks");
        let mut figures = shared.figures.lock().expect("figures");
        for (version, (server, at)) in acks.iter() {
            // Acknowledged by a before the kill, poked on b's stream.
            if *at > killed_at || *server != a.base {
                continue;
            }
            // Signed: the poke often arrives before the push's own answer.
            if let Some((_, seen)) = pokes.iter().find(|(poked, _)| poked >= version) {
                let delay = if seen >= at {
                    (*seen - *at).as_secs_f64()
                } else {
                    -(*at - *seen).as_secs_f64()
                };
                figures.cross_pokes.push(delay);
            }
        }
    }
    let figures = shared.figures.lock().expect("figures");
    let mut failovers = figures.failovers.clone();
    failovers.sort_by(f64::total_cmp);
    let mut pokes_latency = figures.cross_pokes.clone();
    pokes_latency.sort_by(f64::total_cmp);
    println!(
        "two-server drill: {clients} clients, {seconds} s, server A killed (SIGKILL) at {:.1} s",
        (killed_at - started).as_secs_f64()
    );
    println!(
        "  acknowledged operations  {:>6}   ({} places, {} increments), lost 0, duplicated 0",
        figures.acknowledged,
        expected_places.len(),
        expected_increments
    );
    println!(
        "  failed pushes            {:>6}   resent after failover {}",
        figures.failed_pushes, figures.resent
    );
    println!(
        "  failover per client      p50 {:>7.1} ms   max {:>7.1} ms   ({} clients failed over)",
        percentile(&failovers, 0.5) * 1e3,
        percentile(&failovers, 1.0) * 1e3,
        failovers.len()
    );
    println!(
        "  poke on B after ack by A p50 {:>7.1} ms   p99 {:>7.1} ms   ({} pokes)",
        percentile(&pokes_latency, 0.5) * 1e3,
        percentile(&pokes_latency, 0.99) * 1e3,
        pokes_latency.len()
    );
    println!(
        "  event stream on A        reopened on B after {:.1} ms, {} pokes after that",
        stranded.reconnects.first().copied().unwrap_or(f64::NAN) * 1e3,
        stranded
            .pokes
            .iter()
            .filter(|(_, at)| *at > killed_at)
            .count()
    );
    println!(
        "  settled                  {:>6.1} ms after the stream stopped (nothing left to resend)",
        settled.as_secs_f64() * 1e3
    );
    assert!(figures.failed_pushes > 0, "the kill interrupted someone");
    assert!(!pokes_latency.is_empty(), "pokes crossed servers");
    assert_eq!(
        stranded.reconnects.len(),
        1,
        "the stream on a reopened on b once"
    );
    assert!(
        stranded.pokes.iter().any(|(_, at)| *at > killed_at),
        "the reopened stream is poked by b"
    );
    drop(figures);
    let mut b = b;
    let _ = b.child.kill();
    let _ = b.child.wait();
}
