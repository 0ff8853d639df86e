//! The server over real HTTP: a real socket, a real SQLite file in a temporary
//! data directory (or a PostgreSQL database for the health check), and a
//! stand-in for Trunk's `dist/`. Static serving does not touch the database.

use std::path::Path;

mod support;

use archipel_core::{HealthReport, View};
use archipel_server::{AppState, Location, Storage, storage::DATABASE_FILE};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

const SHELL: &str = "<!doctype html><title>Archipel</title><body>shell</body>";
const HASHED_JS: &str = "archipel-app-0123456789abcdef.js";

struct Running {
    base: String,
    _data: tempfile::TempDir,
    data_dir: std::path::PathBuf,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Running {
    async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.expect("server task ends cleanly");
        }
    }
}

fn write_dist(dir: &Path) {
    std::fs::create_dir_all(dir.join("icons")).expect("dist dir");
    std::fs::write(dir.join("index.html"), SHELL).expect("index");
    std::fs::write(dir.join(HASHED_JS), "export default 1;").expect("asset");
    std::fs::write(dir.join("icons").join("icon.svg"), "<svg/>").expect("icon");
}

async fn start(with_dist: bool) -> Running {
    let data = tempfile::tempdir().expect("temp dir");
    let data_dir = data.path().join("data");
    let static_dir = data.path().join("dist");
    if with_dist {
        write_dist(&static_dir);
    }
    let storage = Storage::open(&data_dir).await.expect("storage opens");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let (stop, stopped) = oneshot::channel::<()>();
    let state = AppState::new(storage, static_dir);
    let task = tokio::spawn(async move {
        archipel_server::serve(state, listener, async {
            let _ = stopped.await;
        })
        .await
        .expect("server runs");
    });
    Running {
        base,
        _data: data,
        data_dir,
        stop: Some(stop),
        task: Some(task),
    }
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn healthz_reports_postgres_when_given_a_database_url() {
    if support::pg::skip() {
        return;
    }
    let url = support::pg::fresh_database().await;
    let storage = Storage::open_at(&Location::Postgres(url))
        .await
        .expect("storage opens");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let (stop, stopped) = oneshot::channel::<()>();
    let state = AppState::new(storage, "no-dist".into());
    let task = tokio::spawn(async move {
        archipel_server::serve(state, listener, async {
            let _ = stopped.await;
        })
        .await
        .expect("server runs");
    });
    let report: HealthReport = reqwest::get(format!("{base}/healthz"))
        .await
        .expect("request")
        .json()
        .await
        .expect("json health report");
    assert!(report.is_ok());
    assert_eq!(report.storage, "postgres");
    // One version per migration: the report follows the files, not a number kept here.
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"))
        .expect("the PostgreSQL migrations")
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|entry| entry.path().extension().is_some_and(|ext| ext == "sql"))
        })
        .count();
    assert_eq!(report.schema_version, u32::try_from(migrations).ok());
    let _ = stop.send(());
    task.await.expect("server task ends cleanly");
}

#[tokio::test]
async fn healthz_reports_ok_with_a_real_sqlite_file() {
    let server = start(true).await;
    let response = reqwest::get(format!("{}/healthz", server.base))
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let report: HealthReport = response.json().await.expect("json health report");
    assert!(report.is_ok());
    assert_eq!(report.storage, "sqlite");
    assert!(report.schema_version.unwrap_or_default() >= 1);
    assert!(server.data_dir.join(DATABASE_FILE).is_file());
    server.stop().await;
}

#[tokio::test]
async fn every_view_path_falls_back_to_the_shell_uncached() {
    let server = start(true).await;
    for view in View::ALL {
        let response = reqwest::get(format!("{}{}", server.base, view.path()))
            .await
            .expect("request");
        assert_eq!(response.status(), 200, "{}", view.path());
        assert_eq!(header(&response, "cache-control"), "no-cache");
        assert_eq!(response.text().await.expect("body"), SHELL);
    }
    let deep = reqwest::get(format!("{}/territoire/lieu/42", server.base))
        .await
        .expect("request");
    assert_eq!(deep.status(), 200);
    assert_eq!(deep.text().await.expect("body"), SHELL);
    server.stop().await;
}

#[tokio::test]
async fn root_serves_the_shell_and_hashed_assets_are_cached_for_a_year() {
    let server = start(true).await;
    let root = reqwest::get(format!("{}/", server.base))
        .await
        .expect("request");
    assert_eq!(root.status(), 200);
    assert_eq!(header(&root, "cache-control"), "no-cache");
    assert_eq!(root.text().await.expect("body"), SHELL);

    let asset = reqwest::get(format!("{}/{HASHED_JS}", server.base))
        .await
        .expect("request");
    assert_eq!(asset.status(), 200);
    assert_eq!(
        header(&asset, "cache-control"),
        "public, max-age=31536000, immutable"
    );

    let icon = reqwest::get(format!("{}/icons/icon.svg", server.base))
        .await
        .expect("request");
    assert_eq!(icon.status(), 200);
    assert_eq!(header(&icon, "cache-control"), "no-cache");
    server.stop().await;
}

#[tokio::test]
async fn missing_files_and_api_routes_are_real_404s_not_the_shell() {
    let server = start(true).await;
    let missing = reqwest::get(format!("{}/missing-0123456789abcdef.js", server.base))
        .await
        .expect("request");
    assert_eq!(missing.status(), 404);

    let api = reqwest::get(format!("{}/api/nothing-here", server.base))
        .await
        .expect("request");
    assert_eq!(api.status(), 404);
    let body: serde_json::Value = api.json().await.expect("json error");
    assert_eq!(body["code"], "not_found");
    server.stop().await;
}

#[tokio::test]
async fn an_unbuilt_app_gets_a_clear_message_not_a_blank_page() {
    let server = start(false).await;
    let response = reqwest::get(format!("{}/cartographie", server.base))
        .await
        .expect("request");
    assert_eq!(response.status(), 503);
    let text = response.text().await.expect("body");
    assert!(text.contains("cargo xtask run"), "{text}");
    let health = reqwest::get(format!("{}/healthz", server.base))
        .await
        .expect("request");
    assert_eq!(
        health.status(),
        200,
        "health does not depend on the app build"
    );
    server.stop().await;
}
