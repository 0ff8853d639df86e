//! `archipel backup` and `archipel restore`, through the real binary: a
//! collective lived on SQLite is moved to PostgreSQL and every device sees
//! exactly what it saw before (pulls, results, history, devices), keeps its
//! token and its sequence; a restore never overwrites unless asked.

mod support;

use std::path::Path;
use std::process::Command;

use archipel_core::{Change, Id, Kind, Value};
use archipel_server::Location;
use archipel_server::storage::archive;
use serde_json::{Value as Json, json};
use support::{Client, Engine, Server, outcome};

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

/// Runs `archipel <args>` on `location`; returns (success, stdout + stderr).
fn archipel(location: &Location, args: &[&str]) -> (bool, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_archipel"));
    match location {
        Location::Sqlite(dir) => command.arg("--data-dir").arg(dir),
        Location::Postgres(url) => command.env("ARCHIPEL_DATABASE_URL", url),
    };
    let output = command
        .args(args)
        .env("ARCHIPEL_LOG", "warn")
        .output()
        .expect("archipel runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// Everything a device can read, raw: pulls in pages of two sizes, its
/// results, who it is, the devices (admins) and the history (members).
async fn observe(server: &Server, device: &Client) -> Json {
    let mut pages = Vec::new();
    for limit in [2_000, 37] {
        let mut since = 0;
        loop {
            let (status, body) = server
                .get(
                    &format!("/api/sync/pull?since={since}&limit={limit}&acked=0"),
                    Some(&device.token),
                )
                .await;
            assert_eq!(status, 200, "{body}");
            since = body["cursor"].as_u64().expect("cursor");
            let more = body["more"] == true;
            pages.push(body);
            if !more {
                break;
            }
        }
    }
    let (_, me) = server.get("/api/me", Some(&device.token)).await;
    let devices = server.get("/api/devices", Some(&device.token)).await;
    let history = server
        .get("/api/history?since=0&limit=2000", Some(&device.token))
        .await;
    json!({
        "pages": pages,
        "me": me,
        "devices": [devices.0, devices.1],
        "history": [history.0, history.1],
    })
}

fn read_archive(path: &Path) -> archive::Rows {
    let file = std::fs::File::open(path).expect("archive");
    archive::read(std::io::BufReader::new(file))
        .expect("a valid archive")
        .1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_collective_moves_from_sqlite_to_postgres_and_loses_nothing() {
    if support::pg::skip() {
        return;
    }
    // A collective lived on SQLite: places, a conflict, a refusal, roles
    // changed, an invitation withdrawn, a device revoked.
    let sqlite = Server::start(Engine::Sqlite).await;
    let mut admin = sqlite.admin().await;
    let mut member = sqlite.member(&admin, "facilitator", "Marie").await;
    let mut guest = sqlite.member(&admin, "guest", "Invité").await;
    let phone = sqlite.member(&admin, "member", "Téléphone perdu").await;
    let spot = new_id();
    admin.push(&sqlite, vec![place(spot, "Jardin")]).await;
    let (_, _, base) = admin.pull_all(&sqlite, 0, 2_000).await;
    member
        .push(
            &sqlite,
            vec![Change::set(spot, "name", Value::text("Jardin A"), base)],
        )
        .await;
    let results = admin
        .push(
            &sqlite,
            vec![Change::set(spot, "name", Value::text("Jardin B"), base)],
        )
        .await;
    assert_eq!(results[0]["conflicts"].as_array().map(Vec::len), Some(1));
    let refused = guest
        .push(
            &sqlite,
            vec![Change::create(
                Kind::Task,
                new_id(),
                [("title", Value::text("Affiches"))],
            )],
        )
        .await;
    assert_eq!(outcome(&refused[0]), "refused");
    guest.push(&sqlite, vec![place(new_id(), "Verger")]).await;
    let (_, invite) = sqlite
        .post(
            "/api/invites",
            json!({"access": "member", "max_uses": 3}),
            Some(&admin.token),
        )
        .await;
    let withdrawn = sqlite
        .http
        .delete(sqlite.url(&format!(
            "/api/invites/{}",
            invite["id"].as_str().expect("id")
        )))
        .bearer_auth(&admin.token)
        .send()
        .await
        .expect("answered");
    assert_eq!(withdrawn.status().as_u16(), 204);
    let (_, me) = sqlite.get("/api/me", Some(&phone.token)).await;
    let revoked = sqlite
        .http
        .delete(sqlite.url(&format!(
            "/api/devices/{}",
            me["device_id"].as_str().expect("id")
        )))
        .bearer_auth(&admin.token)
        .send()
        .await
        .expect("answered");
    assert_eq!(revoked.status().as_u16(), 204);

    // An attachment (a PDF guide), stored as bytes in the database.
    let guide = b"%PDF-1.7\n% guide disco-soupe\n\x00\xff\xfe binary tail".to_vec();
    let uploaded = sqlite
        .http
        .post(sqlite.url("/api/files"))
        .bearer_auth(&member.token)
        .header("X-File-Name", "guide.pdf")
        .body(guide.clone())
        .send()
        .await
        .expect("answered");
    assert_eq!(uploaded.status().as_u16(), 201);
    let uploaded: Json = uploaded.json().await.expect("file");
    let hash = uploaded["hash"].as_str().expect("hash").to_owned();

    let devices = [&admin, &member, &guest];
    let mut before = Vec::new();
    for device in devices {
        before.push(observe(&sqlite, device).await);
    }
    let from = sqlite.location.clone();
    let kept = sqlite.stop().await;

    // Backup from SQLite, restore into PostgreSQL, with the real binary.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("collectif.archipel.jsonl");
    let file_arg = file.to_str().expect("utf-8 path");
    let (ok, text) = archipel(&from, &["backup", "--output", file_arg]);
    assert!(ok, "{text}");
    assert!(text.contains("backup written"), "{text}");
    let to = Location::Postgres(support::pg::fresh_database().await);
    let (ok, text) = archipel(&to, &["restore", "--input", file_arg]);
    assert!(ok, "{text}");

    let postgres = Server::start_at(to.clone()).await;
    assert_eq!(postgres.admin_join, "", "a restored database gets no demo");
    for (device, seen) in devices.into_iter().zip(&before) {
        assert_eq!(&observe(&postgres, device).await, seen);
    }
    let (status, body) = postgres.get("/api/me", Some(&phone.token)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("access_revoked"))
    );
    // The attachment came along, byte for byte, with its type.
    let served = postgres
        .http
        .get(postgres.url(&format!("/api/files/{hash}")))
        .bearer_auth(&guest.token)
        .send()
        .await
        .expect("answered");
    assert_eq!(served.status().as_u16(), 200);
    assert_eq!(
        served.headers().get("content-type").map(|v| v.as_bytes()),
        Some(&b"application/pdf"[..])
    );
    assert_eq!(
        served.bytes().await.expect("bytes").as_ref(),
        guide.as_slice()
    );
    assert_eq!(read_archive(&file).attachments.len(), 1);

    // Backing the PostgreSQL copy up gives the same rows back.
    let again = dir.path().join("again.jsonl");
    let (ok, text) = archipel(&to, &["backup", "--output", again.to_str().expect("utf-8")]);
    assert!(ok, "{text}");
    assert_eq!(read_archive(&file), read_archive(&again));

    // A second restore is refused unless asked to replace.
    let (ok, text) = archipel(&to, &["restore", "--input", file_arg]);
    assert!(!ok, "overwrote without --replace");
    assert!(text.contains("already exists"), "{text}");
    let (ok, text) = archipel(&to, &["restore", "--input", file_arg, "--replace"]);
    assert!(ok, "{text}");

    // Sequences carry over: a replay is still a replay, the next op goes on.
    let postgres = {
        postgres.stop().await;
        Server::start_at(to).await
    };
    let results = guest.push(&postgres, vec![place(new_id(), "Après")]).await;
    assert_eq!(outcome(&results[0]), "applied");
    let version = before[0]["me"]["collective"]["version"]
        .as_u64()
        .expect("version");
    assert_eq!(results[0]["version"].as_u64(), Some(version + 1));
    postgres.stop().await;
    drop(kept);
}

#[tokio::test]
async fn a_damaged_archive_is_refused_and_nothing_is_written() {
    let server = Server::start(Engine::Sqlite).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.jsonl");
    let location = server.location.clone();
    let kept = server.stop().await;
    let (ok, text) = archipel(
        &location,
        &["backup", "--output", file.to_str().expect("utf-8")],
    );
    assert!(ok, "{text}");
    let text = std::fs::read_to_string(&file).expect("archive");
    let cut: String = text
        .lines()
        .take(text.lines().count() / 2)
        .map(|line| format!("{line}\n"))
        .collect();
    let damaged = dir.path().join("cut.jsonl");
    std::fs::write(&damaged, cut).expect("write");
    let empty = Engine::Sqlite.fresh().await;
    let (ok, text) = archipel(
        &empty.0,
        &["restore", "--input", damaged.to_str().expect("utf-8")],
    );
    assert!(!ok);
    assert!(text.contains("truncated"), "{text}");
    let (ok, text) = archipel(&empty.0, &["backup", "--output", "/dev/null"]);
    assert!(!ok, "nothing was restored, so nothing to back up: {text}");
    drop(kept);
}
