//! A real server on a free port, on either engine (a temporary SQLite data
//! directory, or a fresh database in the test PostgreSQL cluster), and devices
//! that join it and talk to it over HTTP like the app does.
#![allow(dead_code)]

pub mod pg;
pub mod process;

use std::path::PathBuf;

use archipel_core::{Change, Id, Operation, Sequencer};
use archipel_server::{AppState, Location, Storage};
use serde_json::{Value as Json, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Which storage engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// A new, empty database of this engine; the temp dir must outlive it.
    pub async fn fresh(self) -> (Location, Option<tempfile::TempDir>) {
        match self {
            Engine::Sqlite => {
                let data = tempfile::tempdir().expect("temp dir");
                let location = Location::Sqlite(data.path().join("data"));
                (location, Some(data))
            }
            Engine::Postgres => (Location::Postgres(pg::fresh_database().await), None),
        }
    }

    /// The name `/healthz` reports.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }
}

/// Runs each listed `async fn name(engine: Engine)` as two tests,
/// `name::sqlite` and `name::postgres` (skipped with a printed reason only
/// when `ARCHIPEL_TEST_SKIP_POSTGRES=1`).
#[allow(unused_macros)]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::support::Engine::Sqlite).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if $crate::support::pg::skip() {
                        return;
                    }
                    super::$name($crate::support::Engine::Postgres).await;
                }
            }
        )*
    };
}

pub struct Server {
    pub base: String,
    pub location: Location,
    pub admin_join: String,
    pub state: AppState,
    pub http: reqwest::Client,
    _data: Option<tempfile::TempDir>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Server {
    /// A fresh server: first start creates the demo collective and an admin invite.
    pub async fn start(engine: Engine) -> Server {
        let (location, data) = engine.fresh().await;
        let mut server = Server::start_at(location).await;
        server._data = data;
        server
    }

    /// A server on an existing database (restarts, or a second process on one
    /// PostgreSQL database).
    pub async fn start_at(location: Location) -> Server {
        let storage = Storage::open_at(&location).await.expect("storage opens");
        let static_dir = match &location {
            Location::Sqlite(dir) => dir.join("no-dist"),
            Location::Postgres(_) => PathBuf::from("no-dist"),
        };
        let state = AppState::new(storage, static_dir);
        let admin_join = archipel_server::bootstrap(&state)
            .await
            .expect("bootstrap")
            .unwrap_or_default();
        let mut server = Server::serve(location, state).await;
        server.admin_join = admin_join;
        server
    }

    /// Serves `state` as it is (no first-start demo).
    pub async fn serve(location: Location, state: AppState) -> Server {
        let admin_join = String::new();
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let (stop, stopped) = oneshot::channel::<()>();
        let serving = state.clone();
        let task = tokio::spawn(async move {
            archipel_server::serve(serving, listener, async {
                let _ = stopped.await;
            })
            .await
            .expect("server runs");
        });
        Server {
            base,
            location,
            admin_join,
            state,
            http: reqwest::Client::new(),
            _data: None,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub async fn stop(mut self) -> Option<tempfile::TempDir> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
        self._data.take()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The token of the first-start admin invitation.
    pub fn admin_token(&self) -> String {
        self.admin_join
            .split('#')
            .nth(1)
            .unwrap_or_default()
            .to_owned()
    }

    pub async fn post(&self, path: &str, body: Json, token: Option<&str>) -> (u16, Json) {
        let mut request = self.http.post(self.url(path)).json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let body = response.json().await.unwrap_or(Json::Null);
        (status, body)
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (u16, Json) {
        let mut request = self.http.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let body = response.json().await.unwrap_or(Json::Null);
        (status, body)
    }

    /// Joins with `invite` as `name`; panics if refused.
    pub async fn join(&self, invite: &str, name: &str) -> Client {
        let client_id = archipel_server::secrets::new_id();
        let (status, body) = self
            .post(
                "/api/join",
                json!({"token": invite, "display_name": name, "client_id": client_id}),
                None,
            )
            .await;
        assert_eq!(status, 201, "join refused: {body}");
        Client {
            token: body["device_token"].as_str().expect("token").to_owned(),
            person: body["person_id"]
                .as_str()
                .and_then(|text| text.parse().ok()),
            collective: body["collective"]["id"]
                .as_str()
                .and_then(|text| text.parse().ok())
                .expect("collective"),
            seq: Sequencer::new(client_id),
        }
    }

    /// The admin device (joined with the first-start invite).
    pub async fn admin(&self) -> Client {
        self.join(&self.admin_token(), "Hugues").await
    }

    /// An invite token for `access`, made by `by`.
    pub async fn invite(&self, by: &Client, access: &str, max_uses: u32) -> String {
        let (status, body) = self
            .post(
                "/api/invites",
                json!({"access": access, "max_uses": max_uses}),
                Some(&by.token),
            )
            .await;
        assert_eq!(status, 201, "invite refused: {body}");
        body["token"].as_str().expect("token").to_owned()
    }

    /// A new member with `access`.
    pub async fn member(&self, admin: &Client, access: &str, name: &str) -> Client {
        let invite = self.invite(admin, access, 1).await;
        self.join(&invite, name).await
    }
}

pub struct Client {
    pub token: String,
    pub person: Option<Id>,
    pub collective: Id,
    pub seq: Sequencer,
}

impl Client {
    pub fn op(&mut self, change: Change) -> Operation {
        self.seq
            .operation(archipel_server::secrets::new_id(), 0, change)
    }

    pub async fn push_ops(&self, server: &Server, ops: &[Operation]) -> (u16, Json) {
        server
            .post(
                "/api/sync/push",
                json!({ "operations": ops }),
                Some(&self.token),
            )
            .await
    }

    /// Pushes changes as new operations; returns each result's JSON.
    pub async fn push(&mut self, server: &Server, changes: Vec<Change>) -> Vec<Json> {
        let ops: Vec<Operation> = changes.into_iter().map(|change| self.op(change)).collect();
        let (status, body) = self.push_ops(server, &ops).await;
        assert_eq!(status, 200, "push failed: {body}");
        body["results"].as_array().cloned().unwrap_or_default()
    }

    /// Pulls every page from `since`; returns (records, conflicts, final cursor).
    pub async fn pull_all(
        &self,
        server: &Server,
        since: u64,
        limit: usize,
    ) -> (Vec<Json>, Vec<Json>, u64) {
        let mut records = Vec::new();
        let mut conflicts = Vec::new();
        let mut cursor = since;
        loop {
            let (status, body) = server
                .get(
                    &format!("/api/sync/pull?since={cursor}&limit={limit}"),
                    Some(&self.token),
                )
                .await;
            assert_eq!(status, 200, "pull failed: {body}");
            records.extend(body["records"].as_array().cloned().unwrap_or_default());
            conflicts.extend(body["conflicts"].as_array().cloned().unwrap_or_default());
            cursor = body["cursor"].as_u64().expect("cursor");
            if !body["more"].as_bool().unwrap_or(false) {
                return (records, conflicts, cursor);
            }
        }
    }
}

/// The outcome name of a push result.
pub fn outcome(result: &Json) -> &str {
    result["outcome"].as_str().unwrap_or("?")
}

/// The refusal code of a push result.
pub fn code(result: &Json) -> &str {
    result["refusal"]["code"].as_str().unwrap_or("")
}
