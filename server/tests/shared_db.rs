//! Several servers on one PostgreSQL database, as behind a load balancer:
//! concurrent pushes to one collective through both lose no update, a refusal
//! or an edit made through one is known to the other, and devices connected to
//! one are poked by changes made through the other. Also: a serialisation
//! failure forced from outside is retried and applies the operation once.

mod support;

use std::time::Duration;

use archipel_core::{Change, Id, Kind, Value};
use archipel_server::Location;
use serde_json::Value as Json;
use support::{Engine, Server, outcome};

fn new_id() -> Id {
    archipel_server::secrets::new_id()
}

fn place(id: Id, name: &str) -> Change {
    Change::create(
        Kind::Place,
        id,
        [
            ("name", Value::text(name)),
            ("lat", Value::degrees(45.75)),
            ("lon", Value::degrees(4.85)),
        ],
    )
}

fn confirm(place: Id) -> Change {
    Change::Increment {
        id: place,
        field: "confirmations".into(),
        by: 1,
    }
}

/// Two servers on one fresh database; the first made the demo collective.
async fn two_servers() -> Option<(Server, Server)> {
    if support::pg::skip() {
        return None;
    }
    let first = Server::start(Engine::Postgres).await;
    let second = Server::start_at(first.location.clone()).await;
    assert_eq!(second.admin_join, "", "only one process makes the demo");
    Some((first, second))
}

async fn everything(server: &Server, client: &support::Client) -> (Vec<Json>, Vec<Json>, u64) {
    client.pull_all(server, 0, 2_000).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_pushes_through_two_servers_lose_no_update() {
    let Some((a, b)) = two_servers().await else {
        return;
    };
    let mut admin = a.admin().await;
    let spot = new_id();
    admin.push(&a, vec![place(spot, "Compteur")]).await;
    const DEVICES: usize = 6;
    const ROUNDS: usize = 15;
    let mut devices = Vec::new();
    for n in 0..DEVICES {
        devices.push(a.member(&admin, "member", &format!("Membre {n}")).await);
    }
    let a = std::sync::Arc::new(a);
    let b = std::sync::Arc::new(b);
    let mut tasks = Vec::new();
    for (n, mut device) in devices.into_iter().enumerate() {
        let (a, b) = (a.clone(), b.clone());
        tasks.push(tokio::spawn(async move {
            for round in 0..ROUNDS {
                // Alternate servers, as a load balancer would.
                let server = if (n + round) % 2 == 0 { &a } else { &b };
                let results = device
                    .push(server, vec![confirm(spot), place(new_id(), "Lieu")])
                    .await;
                assert!(
                    results.iter().all(|result| outcome(result) == "applied"),
                    "{results:?}"
                );
            }
        }));
    }
    for task in tasks {
        task.await.expect("device task");
    }
    let (from_a, conflicts_a, version_a) = everything(&a, &admin).await;
    let (from_b, conflicts_b, version_b) = everything(&b, &admin).await;
    assert_eq!(version_a, version_b);
    assert_eq!(from_a, from_b, "both servers answer the same pull");
    assert_eq!(conflicts_a, conflicts_b);
    let counter = from_a
        .iter()
        .find(|record| record["id"] == spot.to_string())
        .expect("the place");
    let confirmations = archipel_core::Kind::Place
        .field_index("confirmations")
        .expect("field");
    assert_eq!(
        counter["values"][confirmations]["int"].as_i64(),
        Some((DEVICES * ROUNDS) as i64),
        "every increment counted once"
    );
    // The log has one entry per version, no gap, no duplicate.
    let log = a
        .state
        .hub
        .storage()
        .log_length(admin.collective)
        .await
        .expect("log");
    assert_eq!(log, version_a);
    // Both memories agree with the database.
    let state_a = a.state.hub.snapshot(admin.collective).await.expect("a");
    let state_b = b.state.hub.snapshot(admin.collective).await.expect("b");
    assert_eq!(state_a, state_b);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_through_one_server_is_known_to_the_other() {
    let Some((a, b)) = two_servers().await else {
        return;
    };
    let admin = a.admin().await;
    let mut guest = a.member(&admin, "guest", "Invité").await;
    // Warm b's memory first, so that it has something to be stale about.
    let _ = b
        .state
        .hub
        .snapshot(admin.collective)
        .await
        .expect("b loads");
    let forbidden = guest.op(Change::create(
        Kind::Task,
        new_id(),
        [("title", Value::text("Affiches"))],
    ));
    let (_, body) = guest.push_ops(&a, std::slice::from_ref(&forbidden)).await;
    assert_eq!(body["results"][0]["outcome"], "refused");
    // Through b: the next operation follows the refused one…
    let next = guest.op(place(new_id(), "Jardin"));
    let (_, body) = guest.push_ops(&b, std::slice::from_ref(&next)).await;
    assert_eq!(body["results"][0]["outcome"], "applied", "{body}");
    // …and a replay of the refused one is answered as refused, never applied.
    let (_, body) = guest.push_ops(&b, &[forbidden]).await;
    assert_eq!(body["results"][0]["outcome"], "refused", "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_through_one_server_pokes_devices_on_the_other() {
    let Some((a, b)) = two_servers().await else {
        return;
    };
    let mut admin = a.admin().await;
    let watcher = a.member(&admin, "member", "Projecteur").await;
    let mut stream = b
        .http
        .get(b.url(&format!("/api/sync/events?access_token={}", watcher.token)))
        .send()
        .await
        .expect("stream opens");
    let ready = tokio::time::timeout(Duration::from_secs(2), stream.chunk())
        .await
        .expect("ready in time");
    assert!(String::from_utf8_lossy(&ready.expect("chunk").expect("data")).contains("ready"));
    let results = admin.push(&a, vec![place(new_id(), "Tiers-lieu")]).await;
    let version = results[0]["version"].as_u64().expect("version");
    let poke = tokio::time::timeout(Duration::from_secs(2), stream.chunk())
        .await
        .expect("poked within two seconds")
        .expect("chunk")
        .expect("data");
    let text = String::from_utf8_lossy(&poke);
    assert!(text.contains("event: changed"), "{text}");
    assert!(text.contains(&format!("data: {version}")), "{text}");
    // And b answers the pull with the new place at once.
    let (records, _, cursor) = watcher.pull_all(&b, version - 1, 500).await;
    assert_eq!(cursor, version);
    assert_eq!(records.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_serialisation_failure_is_retried_and_the_operation_applies_once() {
    if support::pg::skip() {
        return;
    }
    let server = Server::start(Engine::Postgres).await;
    let mut admin = server.admin().await;
    let Location::Postgres(url) = &server.location else {
        unreachable!("a PostgreSQL server");
    };
    let (mut other, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .expect("connects");
    tokio::spawn(connection);
    // Someone else (an operator's script, say) holds the collective's row…
    let tx = other.transaction().await.expect("begins");
    tx.execute(
        "UPDATE collectives SET name = name WHERE id = $1",
        &[&admin.collective.to_string()],
    )
    .await
    .expect("locks the row");
    let before = admin.pull_all(&server, 0, 2_000).await.2;
    let op = admin.op(place(new_id(), "Pendant le verrou"));
    let pushing = {
        let base = server.url("/api/sync/push");
        let token = admin.token.clone();
        let http = server.http.clone();
        let op = op.clone();
        tokio::spawn(async move {
            http.post(base)
                .bearer_auth(token)
                .json(&serde_json::json!({ "operations": [op] }))
                .send()
                .await
                .expect("answered")
                .json::<Json>()
                .await
                .expect("json")
        })
    };
    // …and commits while the push waits on it: the push's REPEATABLE READ
    // transaction can no longer update that row and must start over.
    tokio::time::sleep(Duration::from_millis(500)).await;
    tx.commit().await.expect("commits");
    let body = pushing.await.expect("push");
    assert_eq!(body["results"][0]["outcome"], "applied", "{body}");
    assert_eq!(body["results"][0]["version"].as_u64(), Some(before + 1));
    let log = server
        .state
        .hub
        .storage()
        .log_length(admin.collective)
        .await
        .expect("log");
    assert_eq!(log, before + 1, "applied exactly once");
    let (_, body) = admin.push_ops(&server, &[op]).await;
    assert_eq!(body["results"][0]["outcome"], "applied", "a replay");
    assert_eq!(body["results"][0]["version"].as_u64(), Some(before + 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_starting_together_on_an_empty_database_make_one_demo() {
    if support::pg::skip() {
        return;
    }
    let (location, _) = Engine::Postgres.fresh().await;
    let (a, b) = tokio::join!(
        Server::start_at(location.clone()),
        Server::start_at(location.clone())
    );
    let joins = [&a, &b]
        .iter()
        .filter(|server| !server.admin_join.is_empty())
        .count();
    assert_eq!(joins, 1, "exactly one printed an admin invitation");
    let collectives = a.state.hub.storage().collectives().await.expect("listed");
    assert_eq!(collectives.len(), 1);
}
