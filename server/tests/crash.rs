//! Durability, the crash drill: the real `archipel` binary is killed
//! (SIGKILL) at a random moment during a round of pushes from several
//! clients, and restarted on the same database (SQLite data directory, or
//! PostgreSQL with `--database-url`). After every restart each operation it
//! acknowledged must be there, and the clients' retries of what was in flight
//! converge: at the end every client reads exactly the acknowledged places.
//!
//! The default run is small (3 rounds of up to 60 pushes from 3 clients, on
//! each engine). `cargo xtask drill crash` runs the long version through the
//! same code, sized by `ARCHIPEL_DRILL_ROUNDS`, `ARCHIPEL_DRILL_PUSHES` (per
//! round, all clients together) and `ARCHIPEL_DRILL_CLIENTS`; the random kill
//! points follow `ARCHIPEL_DRILL_SEED` (printed).

#[macro_use]
mod support;

use std::collections::BTreeSet;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use archipel_core::{Change, Id, Kind, Operation, Sequencer, Value};
use serde_json::{Value as Json, json};
use support::Engine;
use support::process::start;
use tokio::sync::Notify;

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

/// What a push came to.
enum Pushed {
    /// Applied (or, for a retry, its first outcome: applied).
    Acknowledged,
    /// Slowed down by the rate limit: retry the same operation.
    Later,
    /// No answer (the server died) or an error: keep it, resend after restart.
    Failed,
}

async fn push(http: &reqwest::Client, base: &str, token: &str, op: &Operation) -> Pushed {
    let Ok(response) = http
        .post(format!("{base}/api/sync/push"))
        .bearer_auth(token)
        .json(&json!({ "operations": [op] }))
        .timeout(Duration::from_secs(10))
        .send()
        .await
    else {
        return Pushed::Failed;
    };
    if response.status() == 429 {
        return Pushed::Later;
    }
    if !response.status().is_success() {
        return Pushed::Failed;
    }
    match response.json::<Json>().await {
        Ok(body) => {
            assert_eq!(body["results"][0]["outcome"], "applied", "{body}");
            Pushed::Acknowledged
        }
        Err(_) => Pushed::Failed,
    }
}

/// The ids of live places changed after `since`, every page; and the new cursor.
async fn place_ids(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    since: u64,
) -> (BTreeSet<String>, u64) {
    let mut ids = BTreeSet::new();
    let mut cursor = since;
    loop {
        let body: Json = http
            .get(format!("{base}/api/sync/pull?since={cursor}&limit=2000"))
            .bearer_auth(token)
            .send()
            .await
            .expect("pull answers")
            .json()
            .await
            .expect("json");
        ids.extend(
            body["records"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|record| record["kind"] == "place" && record["deleted"] == false)
                .filter_map(|record| record["id"].as_str().map(str::to_owned)),
        );
        cursor = body["cursor"].as_u64().expect("cursor");
        if body["more"] != true {
            return (ids, cursor);
        }
    }
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// A small xorshift: the drill's kill points, reproducible from a seed.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

struct Device {
    token: String,
    sequencer: Sequencer,
    /// What it sent without an answer, resent after the restart.
    pending: Option<(String, Operation)>,
    acknowledged: Vec<String>,
}

async fn join(http: &reqwest::Client, base: &str, invite: &str, name: &str) -> (String, Id) {
    let client_id = archipel_server::secrets::new_id();
    let joined: Json = http
        .post(format!("{base}/api/join"))
        .json(&json!({"token": invite, "display_name": name, "client_id": client_id}))
        .send()
        .await
        .expect("join answers")
        .json()
        .await
        .expect("json");
    let token = joined["device_token"]
        .as_str()
        .unwrap_or_else(|| panic!("joined: {joined}"))
        .to_owned();
    (token, client_id)
}

/// One device's share of a round: pushes until its share is done or the
/// server dies.
async fn pushes(
    http: reqwest::Client,
    base: String,
    mut device: Device,
    share: u64,
    acked: Arc<AtomicUsize>,
    reached: Arc<Notify>,
    kill_at: usize,
) -> Device {
    for _ in 0..share {
        let (id, change) = place(0);
        let op = device
            .sequencer
            .operation(archipel_server::secrets::new_id(), 0, change);
        loop {
            match push(&http, &base, &device.token, &op).await {
                Pushed::Acknowledged => {
                    device.acknowledged.push(id.to_string());
                    if acked.fetch_add(1, Ordering::SeqCst) + 1 >= kill_at {
                        reached.notify_one();
                    }
                    break;
                }
                Pushed::Later => tokio::time::sleep(Duration::from_millis(50)).await,
                Pushed::Failed => {
                    device.pending = Some((id.to_string(), op));
                    return device;
                }
            }
        }
    }
    device
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let at = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[at]
}

async fn acknowledged_operations_survive_sigkill_and_retries_converge(engine: Engine) {
    let rounds = setting("ARCHIPEL_DRILL_ROUNDS", 3);
    let per_round = setting("ARCHIPEL_DRILL_PUSHES", 60);
    let clients = setting("ARCHIPEL_DRILL_CLIENTS", 3).max(1);
    let seed = setting(
        "ARCHIPEL_DRILL_SEED",
        archipel_server::secrets::now_millis() as u64,
    ) | 1;
    let mut random = Random(seed);
    eprintln!(
        "crash drill ({}): {rounds} rounds x {per_round} pushes from {clients} clients, seed {seed}",
        engine.name()
    );
    let began = Instant::now();
    let (location, _dir) = engine.fresh().await;
    let http = reqwest::Client::new();
    let mut server = start(&location);
    let invite = server
        .join
        .clone()
        .expect("first start prints an admin join URL");
    let (admin_token, _) = join(&http, &server.base, &invite, "Hugues").await;
    // Invite everyone else with one multi-use invitation.
    let created: Json = http
        .post(format!("{}/api/invites", server.base))
        .bearer_auth(&admin_token)
        .json(&json!({"access": "member", "max_uses": clients}))
        .send()
        .await
        .expect("invite answers")
        .json()
        .await
        .expect("json");
    let member_invite = created["token"].as_str().expect("invite token").to_owned();
    let mut devices = Vec::new();
    for n in 0..clients {
        let (token, client_id) =
            join(&http, &server.base, &member_invite, &format!("Device {n}")).await;
        devices.push(Device {
            token,
            sequencer: Sequencer::new(client_id),
            pending: None,
            acknowledged: Vec::new(),
        });
    }

    let mut verified = BTreeSet::new();
    let mut cursor = 0;
    let mut in_flight = 0usize;
    let mut committed_unacknowledged = 0usize;
    let mut restarts = Vec::new();
    for round in 0..rounds {
        // Kill after a random number of acknowledged pushes of this round.
        let kill_at = 1 + random.below(per_round.saturating_sub(1)) as usize;
        let acked = Arc::new(AtomicUsize::new(0));
        let reached = Arc::new(Notify::new());
        let mut tasks = Vec::new();
        for (n, device) in std::mem::take(&mut devices).into_iter().enumerate() {
            let share = per_round / clients + u64::from((n as u64) < per_round % clients);
            tasks.push(tokio::spawn(pushes(
                http.clone(),
                server.base.clone(),
                device,
                share,
                acked.clone(),
                reached.clone(),
                kill_at,
            )));
        }
        let all_done = futures_join(&mut tasks);
        tokio::select! {
            () = reached.notified() => {}
            () = all_done => {}
        }
        // SIGKILL: no chance to flush anything more.
        let _ = Command::new("kill")
            .args(["-9", &server.child.id().to_string()])
            .status();
        let _ = server.child.wait();
        for task in tasks {
            devices.push(task.await.expect("device task"));
        }

        let restarting = Instant::now();
        server = start(&location);
        restarts.push(restarting.elapsed());
        assert!(
            server.join.is_none(),
            "a restart does not make a second demo"
        );
        let (changed, next) = place_ids(&http, &server.base, &admin_token, cursor).await;
        cursor = next;
        verified.extend(changed.iter().cloned());
        for device in &devices {
            for id in &device.acknowledged {
                assert!(
                    verified.contains(id),
                    "round {round}: acknowledged place {id} was lost"
                );
            }
        }
        // Each client retries what it had not seen acknowledged: applied
        // (again, if it had been committed before the kill), never lost.
        for device in &mut devices {
            if let Some((id, op)) = device.pending.take() {
                in_flight += 1;
                committed_unacknowledged += usize::from(verified.contains(&id));
                loop {
                    match push(&http, &server.base, &device.token, &op).await {
                        Pushed::Acknowledged => break,
                        Pushed::Later => tokio::time::sleep(Duration::from_millis(50)).await,
                        Pushed::Failed => panic!("round {round}: the retry failed"),
                    }
                }
                device.acknowledged.push(id);
            }
        }
        if rounds >= 10 && round % (rounds / 10) == 0 {
            let acknowledged: usize = devices.iter().map(|d| d.acknowledged.len()).sum();
            eprintln!(
                "  round {round}: {acknowledged} acknowledged, {:.0} s",
                began.elapsed().as_secs_f64()
            );
        }
    }

    // Convergence: every client reads exactly the acknowledged places.
    let acknowledged: BTreeSet<String> = devices
        .iter()
        .flat_map(|device| device.acknowledged.iter().cloned())
        .collect();
    let total: usize = devices.iter().map(|d| d.acknowledged.len()).sum();
    assert_eq!(acknowledged.len(), total, "no place acknowledged twice");
    for device in &devices {
        let (present, _) = place_ids(&http, &server.base, &device.token, 0).await;
        assert_eq!(
            present, acknowledged,
            "a client reads exactly what was acknowledged"
        );
    }
    restarts.sort();
    eprintln!(
        "crash drill ({}): {rounds} rounds, {per_round} pushes a round from {clients} clients, seed {seed}\n  \
         acknowledged operations {total}, lost 0, every client converged\n  \
         in flight at a kill {in_flight} (committed before the kill {committed_unacknowledged}), resent, applied once\n  \
         restart until ready p50 {:.0} ms, max {:.0} ms; drill {:.0} s",
        engine.name(),
        percentile(&restarts, 0.5).as_secs_f64() * 1e3,
        percentile(&restarts, 1.0).as_secs_f64() * 1e3,
        began.elapsed().as_secs_f64()
    );
    assert!(total >= rounds as usize, "the drill pushed something");
    let _ = server.child.kill();
    let _ = server.child.wait();
}

/// Resolves when every task has finished (without taking their results).
async fn futures_join(tasks: &mut [tokio::task::JoinHandle<Device>]) {
    for task in tasks.iter_mut() {
        while !task.is_finished() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

on_both_engines!(acknowledged_operations_survive_sigkill_and_retries_converge);
