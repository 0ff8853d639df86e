//! The one module that talks to the server, and keeps this device's copy of
//! the collective.
//!
//! Three layers of state, all persisted in IndexedDB so a closed tab loses
//! nothing:
//! - **confirmed**: records and conflicts as the server last sent them, with
//!   the cursor (the collective version they are at);
//! - **pending**: this device's operations not yet acknowledged, in sequence
//!   order. An edit is stored here (with the next sequence number, in one
//!   transaction) *before* the UI shows it as done;
//! - **refused**: operations the server refused, with the reason, until the
//!   person redoes or discards them.
//!
//! What the views show (`view`) is confirmed + pending re-applied with the
//! core's `State::apply`: the same function the server runs, so what people
//! see is what the server will decide, unless someone else changed the same
//! thing meanwhile. The sync loop pushes pending operations, pulls what
//! changed, and rebases; it runs after each edit, on every server poke (live
//! event stream), when the browser comes back online, and every 30 seconds.
//!
//! Attachments ([`files`]): `upload_file`, `file_url` (cache first),
//! `keep_offline` and `offline_status`.

pub mod api;
pub mod files;

use std::rc::Rc;

use archipel_core::wire::{Joined, PushResult, StoredResult};
use archipel_core::{Access, Actor, Change, Id, Operation, Refusal, State};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use self::api::ApiFailure;
use crate::storage::{Collection, LocalDb, StorageError, Write, seq_key};

/// Operations sent per push.
const PUSH_BATCH: usize = 200;
/// Records asked per pull page.
const PULL_PAGE: usize = 1_000;
/// Seconds between background syncs.
const SYNC_EVERY_MS: u32 = 30_000;
/// Meta key of the session.
const SESSION_KEY: &str = "session";
/// The channel tabs of one browser tell each other about stored changes on.
const TABS_CHANNEL: &str = "archipel-sync";

/// This device's membership of a collective, and where its sync stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The device token.
    pub token: String,
    /// This device's client id.
    pub client_id: Id,
    /// The member.
    pub member_id: Id,
    /// Their person record (none for guests).
    pub person_id: Option<Id>,
    /// Their name.
    pub display_name: String,
    /// Their access level (as last known).
    pub access: Access,
    /// The collective.
    pub collective: Id,
    /// Its name.
    pub collective_name: String,
    /// The sequence number of this device's next operation.
    pub next_seq: u64,
    /// The collective version the confirmed records are at.
    pub cursor: u64,
    /// Highest sequence number whose outcome this device knows.
    pub acked: u64,
}

impl Session {
    fn from_joined(joined: Joined) -> Session {
        Session {
            token: joined.device_token,
            client_id: joined.client_id,
            member_id: joined.member_id,
            person_id: joined.person_id,
            display_name: joined.display_name,
            access: joined.access,
            collective: joined.collective.id,
            collective_name: joined.collective.name,
            next_seq: 1,
            cursor: 0,
            acked: 0,
        }
    }

    /// Who this device acts as.
    #[must_use]
    pub const fn actor(&self) -> Actor {
        Actor {
            person: self.person_id,
            access: self.access,
        }
    }
}

/// An operation the server refused, kept until its author redoes or discards it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedOp {
    /// The operation as sent.
    pub op: Operation,
    /// Why it was refused.
    pub refusal: Refusal,
    /// The reason in French.
    pub message_fr: String,
    /// The reason in English.
    pub message_en: String,
}

/// Where syncing stands, for the status badge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncStatus {
    /// Local data loaded from IndexedDB.
    pub loaded: bool,
    /// A sync is running.
    pub syncing: bool,
    /// Records received in the running pull (first sync progress).
    pub received: usize,
    /// When the last sync completed (Unix milliseconds).
    pub last_sync: Option<i64>,
    /// The last failure, if the last sync failed.
    pub error: Option<String>,
    /// The server revoked this device's access.
    pub revoked: bool,
    /// The device's database could not be opened or read.
    pub storage_error: Option<String>,
}

/// The sync engine: a cheap handle, provided as context to every view.
#[derive(Clone, Copy)]
pub struct SyncEngine {
    /// What views show: confirmed + pending.
    pub view: RwSignal<State>,
    /// Pending operations, in sequence order.
    pub pending: RwSignal<Vec<Operation>>,
    /// Refused operations.
    pub refused: RwSignal<Vec<RefusedOp>>,
    /// The session, once joined.
    pub session: RwSignal<Option<Session>>,
    /// Where syncing stands.
    pub status: RwSignal<SyncStatus>,
    confirmed: StoredValue<State>,
    db: StoredValue<Option<Rc<LocalDb>>, LocalStorage>,
    running: StoredValue<bool>,
    again: StoredValue<bool>,
    events: StoredValue<Option<web_sys::EventSource>, LocalStorage>,
    tabs: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
    failures: StoredValue<u32>,
}

/// The engine provided by [`SyncEngine::provide`].
#[must_use]
pub fn use_sync() -> SyncEngine {
    expect_context::<SyncEngine>()
}

fn now_millis() -> i64 {
    js_sys::Date::now() as i64
}

/// A fresh UUIDv7 from the clock and the browser's cryptographic generator.
#[must_use]
pub fn new_id() -> Id {
    let mut random = [0u8; 10];
    if let Ok(crypto) = window().crypto() {
        let _ = crypto.get_random_values_with_u8_array(&mut random);
    }
    Id::from_parts(now_millis().max(0) as u64, random)
}

impl SyncEngine {
    /// Creates the engine, provides it, and loads this device's data.
    pub fn provide() -> SyncEngine {
        let sync = SyncEngine {
            view: RwSignal::new(State::new()),
            pending: RwSignal::new(Vec::new()),
            refused: RwSignal::new(Vec::new()),
            session: RwSignal::new(None),
            status: RwSignal::new(SyncStatus::default()),
            confirmed: StoredValue::new(State::new()),
            db: StoredValue::new_local(None),
            running: StoredValue::new(false),
            again: StoredValue::new(false),
            events: StoredValue::new_local(None),
            tabs: StoredValue::new_local(None),
            failures: StoredValue::new(0),
        };
        provide_context(sync);
        sync.join_tabs();
        leptos::task::spawn_local(async move { sync.load().await });
        let online = window_event_listener(leptos::ev::online, move |_| sync.sync());
        std::mem::forget(online);
        let timer = gloo::timers::callback::Interval::new(SYNC_EVERY_MS, move || sync.sync());
        timer.forget();
        sync
    }

    /// Other tabs of this browser share the same database: each tells the others
    /// when it stored something, and they refresh from disk (no network needed).
    fn join_tabs(self) {
        let Ok(channel) = web_sys::BroadcastChannel::new(TABS_CHANNEL) else {
            return;
        };
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
            leptos::task::spawn_local(async move { self.refresh_from_disk().await });
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        self.tabs.set_value(Some(channel));
    }

    fn tell_tabs(&self) {
        if let Some(channel) = self.tabs.get_value() {
            let _ = channel.post_message(&wasm_bindgen::JsValue::from_str("changed"));
        }
    }

    /// Reloads everything another tab may have changed: session, confirmed records, queues.
    async fn refresh_from_disk(self) {
        if let Some(db) = self.db() {
            self.read_disk(&db).await;
        }
    }

    /// Reads session, confirmed records and queues from the database into the
    /// signals; opens the live channel if a session appeared. Returns whether
    /// this device has a session.
    async fn read_disk(self, db: &LocalDb) -> bool {
        match load_all(db).await {
            Ok((session, records, conflicts, pending, refused)) => {
                // For the browser benchmark: the device's data is read.
                if let Some(performance) = window().performance() {
                    let _ = performance.mark("data-loaded");
                }
                let version = session.as_ref().map_or(0, |session| session.cursor);
                let joined_now = session.is_some() && self.session.with_untracked(Option::is_none);
                let joined = session.is_some();
                self.confirmed
                    .set_value(State::restore(version, records, conflicts, []));
                self.pending.set(pending);
                self.refused.set(refused);
                self.session.set(session);
                self.rebuild_view();
                self.status.update(|status| {
                    status.loaded = true;
                    status.storage_error = None;
                });
                if joined_now {
                    self.listen();
                }
                joined
            }
            Err(error) => {
                self.status
                    .update(|status| status.storage_error = Some(error.to_string()));
                false
            }
        }
    }

    fn db(&self) -> Option<Rc<LocalDb>> {
        self.db.get_value()
    }

    fn fail(&self, error: impl std::fmt::Display) {
        let message = error.to_string();
        self.status.update(|status| {
            status.syncing = false;
            status.error = Some(message);
        });
    }

    async fn load(self) {
        let db = match LocalDb::open().await {
            Ok(db) => Rc::new(db),
            Err(error) => {
                return self
                    .status
                    .update(|status| status.storage_error = Some(error.to_string()));
            }
        };
        self.db.set_value(Some(Rc::clone(&db)));
        if self.read_disk(&db).await {
            self.sync();
        }
    }

    /// Recomputes what the views show: confirmed + pending, re-applied.
    fn rebuild_view(&self) {
        let actor = self
            .session
            .with_untracked(|session| session.as_ref().map(Session::actor));
        let mut view = self.confirmed.get_value();
        if let Some(actor) = actor {
            self.pending.with_untracked(|pending| {
                for op in pending {
                    // Refusals here are decided again by the server; the view just skips them.
                    let _ = view.apply(op, &actor);
                }
            });
        }
        self.view.set(view);
    }

    /// Joins a collective with an invite, then runs the first sync.
    ///
    /// # Errors
    /// The server's refusal (`invite_expired`…) or an unreachable server.
    pub async fn join(self, token: &str, display_name: &str) -> Result<(), ApiFailure> {
        let joined = api::join(token, display_name, new_id()).await?;
        let session = Session::from_joined(joined);
        let Some(db) = self.db() else {
            return Err(ApiFailure::Unreachable(
                "the local database is not open".into(),
            ));
        };
        let mut batch = vec![
            Write::Clear(Collection::Records),
            Write::Clear(Collection::Conflicts),
            Write::Clear(Collection::Pending),
            Write::Clear(Collection::Refused),
        ];
        batch.push(Write::put(Collection::Meta, SESSION_KEY, &session).map_err(storage_failure)?);
        db.write(batch).await.map_err(storage_failure)?;
        self.confirmed.set_value(State::new());
        self.pending.set(Vec::new());
        self.refused.set(Vec::new());
        self.session.set(Some(session));
        self.rebuild_view();
        self.listen();
        self.run().await;
        self.tell_tabs();
        Ok(())
    }

    /// Makes an edit: checks it locally, stores it as pending (durably), shows it, syncs.
    ///
    /// # Errors
    /// The core's refusal when the edit is invalid or not allowed for this device's role
    /// (nothing is stored then), or a storage refusal.
    pub async fn edit(self, change: Change) -> Result<(), Refusal> {
        let Some(session) = self.session.get_untracked() else {
            return Err(Refusal::new(archipel_core::RefusalCode::Forbidden)
                .detail("join a collective first"));
        };
        let mut op = Operation {
            id: new_id(),
            client: session.client_id,
            seq: session.next_seq,
            wall_time: now_millis(),
            change,
        };
        // Applied first to this device's view (in place: a refusal leaves no trace), so
        // invalid or forbidden edits are refused at once and never stored.
        let actor = session.actor();
        self.view
            .try_update_untracked(|view| view.apply(&op, &actor))
            .unwrap_or_else(|| Err(Refusal::new(archipel_core::RefusalCode::NotFound)))?;
        let stored = async {
            let db = self
                .db()
                .ok_or_else(|| StorageError::Unavailable("not open".into()))?;
            // The sequence number is handed out inside the transaction that stores the
            // operation, so tabs of one browser never reuse a number.
            db.update(
                SESSION_KEY,
                &[Collection::Pending],
                |stored: &mut Session| {
                    op.seq = stored.next_seq;
                    stored.next_seq += 1;
                    Ok(vec![Write::put(Collection::Pending, seq_key(op.seq), &op)?])
                },
            )
            .await
        };
        let session = match stored.await {
            Ok(session) => session,
            Err(error) => {
                // Not stored: show the view without it again.
                self.rebuild_view();
                return Err(Refusal::new(archipel_core::RefusalCode::InvalidValue)
                    .detail(error.to_string()));
            }
        };
        self.session.set(Some(session));
        self.pending.update(|pending| pending.push(op));
        self.view.notify();
        self.tell_tabs();
        self.sync();
        Ok(())
    }

    /// Sends a refused operation's change again, as a new operation.
    ///
    /// # Errors
    /// As [`SyncEngine::edit`].
    pub async fn redo(self, seq: u64) -> Result<(), Refusal> {
        let Some(refused) = self
            .refused
            .with_untracked(|all| all.iter().find(|item| item.op.seq == seq).cloned())
        else {
            return Ok(());
        };
        self.edit(refused.op.change).await?;
        self.discard(seq).await;
        Ok(())
    }

    /// Forgets a refused operation.
    pub async fn discard(self, seq: u64) {
        if let Some(db) = self.db()
            && let Err(error) = db
                .write(vec![Write::Delete(Collection::Refused, seq_key(seq))])
                .await
        {
            return self.fail(error);
        }
        self.refused
            .update(|all| all.retain(|item| item.op.seq != seq));
    }

    /// The person this device acts as, if it joined as one (tracks the session).
    #[must_use]
    pub fn person(self) -> Memo<Option<Id>> {
        Memo::new(move |_| self.session.with(|s| s.as_ref().and_then(|s| s.person_id)))
    }

    /// This device's access level now (a guest until it joins; tracks the session).
    #[must_use]
    pub fn access(self) -> Memo<Access> {
        Memo::new(move |_| {
            self.session
                .with(|s| s.as_ref().map_or(Access::Guest, |s| s.access))
        })
    }

    /// Everything not yet applied on the server, as JSON (to keep when access is revoked).
    #[must_use]
    pub fn export_unsent(&self) -> String {
        #[derive(Serialize)]
        struct Export<'a> {
            collective: Option<&'a str>,
            pending: &'a [Operation],
            refused: &'a [RefusedOp],
        }
        let session = self.session.get_untracked();
        let pending = self.pending.get_untracked();
        let refused = self.refused.get_untracked();
        // Written compact (the serialisers the bundle already has for storage
        // and the network) then indented, rather than through a second,
        // pretty-printing copy of every serialiser: the same text.
        serde_json::to_string(&Export {
            collective: session
                .as_ref()
                .map(|session| session.collective_name.as_str()),
            pending: &pending,
            refused: &refused,
        })
        .map(|json| indent_json(&json))
        .unwrap_or_default()
    }

    /// Asks for a sync; runs now unless one is running (then it runs again after).
    pub fn sync(self) {
        if self.running.get_value() {
            self.again.set_value(true);
            return;
        }
        leptos::task::spawn_local(async move { self.run().await });
    }

    async fn run(self) {
        if self.running.get_value() {
            self.again.set_value(true);
            return;
        }
        self.running.set_value(true);
        let ran = with_sync_lock(async move {
            loop {
                self.again.set_value(false);
                self.sync_once().await;
                if !self.again.get_value() {
                    break;
                }
            }
        })
        .await;
        self.running.set_value(false);
        if !ran {
            // Another tab of this browser is syncing; it tells this one when it stored something.
            return;
        }
        self.schedule_retry();
    }

    /// After a failed sync, tries again sooner than the 30-second tick, backing off:
    /// 2, 4, 8… up to 60 seconds.
    fn schedule_retry(self) {
        let failed = self
            .status
            .with_untracked(|status| status.error.is_some() && !status.revoked);
        let attempt = self.failures.get_value();
        if !failed {
            self.failures.set_value(0);
            return;
        }
        self.failures.set_value(attempt.saturating_add(1));
        let delay = (2_000u32 << attempt.min(5)).min(60_000);
        gloo::timers::callback::Timeout::new(delay, move || self.sync()).forget();
    }

    async fn sync_once(self) {
        let (Some(session), Some(db)) = (self.session.get_untracked(), self.db()) else {
            return;
        };
        if self.status.with_untracked(|status| status.revoked) || !window().navigator().on_line() {
            return;
        }
        self.status.update(|status| {
            status.syncing = true;
            status.received = 0;
        });
        let pending_before = self.pending.with_untracked(Vec::len);
        let outcome = async {
            self.reload_queues(&db).await?;
            self.push_pending(&db, &session.token).await?;
            self.pull(&db).await
        };
        let outcome = outcome.await;
        // One rebuild per sync, not per page: the view is confirmed + pending again.
        let pending_after = self.pending.with_untracked(Vec::len);
        if self.status.with_untracked(|status| status.received > 0)
            || pending_after != pending_before
        {
            self.rebuild_view();
        }
        match outcome {
            Ok(()) => {
                self.status.update(|status| {
                    status.syncing = false;
                    status.error = None;
                    status.last_sync = Some(now_millis());
                });
                // Other tabs reload from disk only when this sync stored something.
                let stored_something = self.status.with_untracked(|status| status.received > 0)
                    || self.pending.with_untracked(Vec::len) != pending_before;
                if stored_something {
                    self.tell_tabs();
                }
            }
            Err(SyncError::Api(failure)) if failure.code() == Some("access_revoked") => {
                self.status.update(|status| {
                    status.syncing = false;
                    status.revoked = true;
                    status.error = Some(failure.to_string());
                });
                self.stop_listening();
            }
            Err(error) => self.fail(error),
        }
    }

    async fn push_pending(&self, db: &LocalDb, token: &str) -> Result<(), SyncError> {
        loop {
            let batch: Vec<Operation> = self
                .pending
                .with_untracked(|pending| pending.iter().take(PUSH_BATCH).cloned().collect());
            if batch.is_empty() {
                return Ok(());
            }
            let pushed = api::push(token, &batch).await?;
            let outcomes: Vec<Outcome> = pushed
                .results
                .into_iter()
                .filter_map(Outcome::from_push)
                .collect();
            if outcomes.is_empty() {
                return Err(SyncError::OutOfOrder);
            }
            self.settle(db, outcomes, None).await?;
        }
    }

    /// Removes settled operations from pending (moving refusals aside), durably.
    async fn settle(
        &self,
        db: &LocalDb,
        outcomes: Vec<Outcome>,
        cursor: Option<u64>,
    ) -> Result<(), SyncError> {
        let pending = self.pending.get_untracked();
        let mut settled = Vec::new();
        let mut refused_now = Vec::new();
        let session = db
            .update(
                SESSION_KEY,
                &[Collection::Pending, Collection::Refused],
                |session: &mut Session| {
                    let mut batch = Vec::new();
                    for outcome in outcomes {
                        session.acked = session.acked.max(outcome.seq);
                        let Some(op) = pending.iter().find(|op| op.seq == outcome.seq) else {
                            continue;
                        };
                        settled.push(op.seq);
                        batch.push(Write::Delete(Collection::Pending, seq_key(op.seq)));
                        if let Some(refusal) = outcome.refusal {
                            let item = RefusedOp {
                                op: op.clone(),
                                message_fr: refusal.message(archipel_core::Lang::Fr),
                                message_en: refusal.message(archipel_core::Lang::En),
                                refusal,
                            };
                            batch.push(Write::put(Collection::Refused, seq_key(op.seq), &item)?);
                            refused_now.push(item);
                        }
                    }
                    if let Some(cursor) = cursor {
                        session.cursor = cursor;
                    }
                    Ok(batch)
                },
            )
            .await?;
        self.session.set(Some(session));
        self.pending
            .update(|pending| pending.retain(|op| !settled.contains(&op.seq)));
        self.refused.update(|refused| {
            refused.retain(|item| !settled.contains(&item.op.seq));
            refused.extend(refused_now);
        });
        Ok(())
    }

    /// Reloads pending and refused operations from the database, which other
    /// tabs of this browser may have added to.
    async fn reload_queues(&self, db: &LocalDb) -> Result<(), SyncError> {
        let pending: Vec<Operation> = db.get_all(Collection::Pending).await?;
        let refused: Vec<RefusedOp> = db.get_all(Collection::Refused).await?;
        if self.pending.with_untracked(|known| *known != pending) {
            self.pending.set(pending);
            self.rebuild_view();
        }
        if self.refused.with_untracked(|known| *known != refused) {
            self.refused.set(refused);
        }
        Ok(())
    }

    /// Records the device's new access level (an admin changed it); coming
    /// from guest, the cursor goes back to the start so the next pulls bring
    /// what guests are not sent.
    async fn change_access(
        &self,
        db: &LocalDb,
        before: Access,
        now: Access,
    ) -> Result<(), SyncError> {
        let session = db
            .update(SESSION_KEY, &[], |session: &mut Session| {
                session.access = now;
                if before == Access::Guest {
                    session.cursor = 0;
                }
                Ok(Vec::new())
            })
            .await?;
        self.session.set(Some(session));
        self.rebuild_view();
        Ok(())
    }

    async fn pull(&self, db: &LocalDb) -> Result<(), SyncError> {
        loop {
            let Some(session) = self.session.get_untracked() else {
                return Ok(());
            };
            let page = api::pull(&session.token, session.cursor, session.acked, PULL_PAGE).await?;
            let mut batch = Vec::with_capacity(page.records.len() + page.conflicts.len() + 1);
            for record in &page.records {
                batch.push(Write::put(
                    Collection::Records,
                    record.id.to_string(),
                    record,
                )?);
            }
            for conflict in &page.conflicts {
                batch.push(Write::put(
                    Collection::Conflicts,
                    conflict.id.to_string(),
                    conflict,
                )?);
            }
            db.write(batch).await?;
            let received = page.records.len() + page.conflicts.len();
            self.confirmed.update_value(|confirmed| {
                for record in page.records {
                    confirmed.upsert(record);
                }
                for conflict in page.conflicts {
                    confirmed.upsert_conflict(conflict);
                }
                confirmed.set_version(page.cursor);
            });
            // Outcomes of operations whose push answer was lost on the way.
            let outcomes = page.results.into_iter().map(Outcome::from_stored).collect();
            self.settle(db, outcomes, Some(page.cursor)).await?;
            self.status.update(|status| status.received += received);
            if let Some(access) = page.access.filter(|access| *access != session.access) {
                self.change_access(db, session.access, access).await?;
                if session.access == Access::Guest {
                    // Guests were not sent the governance board: read everything again.
                    continue;
                }
            }
            if !page.more {
                return Ok(());
            }
        }
    }

    /// Opens the live event stream: every poke triggers a sync.
    fn listen(self) {
        self.stop_listening();
        let Some(token) = self
            .session
            .with_untracked(|session| session.as_ref().map(|session| session.token.clone()))
        else {
            return;
        };
        let Ok(source) = web_sys::EventSource::new(&api::events_url(&token)) else {
            return;
        };
        let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| self.sync());
        let _ =
            source.add_event_listener_with_callback("changed", on_change.as_ref().unchecked_ref());
        on_change.forget();
        self.events.set_value(Some(source));
    }

    fn stop_listening(&self) {
        if let Some(source) = self.events.get_value() {
            source.close();
        }
        self.events.set_value(None);
    }
}

/// Runs `work` holding the browser-wide sync lock (Web Locks API), so only one
/// tab syncs at a time; returns false without running it if another tab holds
/// the lock. Browsers without Web Locks just run it.
async fn with_sync_lock(work: impl std::future::Future<Output = ()> + 'static) -> bool {
    use js_sys::{Function, Object, Promise, Reflect};
    let navigator = window().navigator();
    let locks = Reflect::get(&navigator, &"locks".into())
        .ok()
        .filter(|locks| !locks.is_undefined());
    let request = locks
        .as_ref()
        .and_then(|locks| Reflect::get(locks, &"request".into()).ok())
        .and_then(|request| request.dyn_into::<Function>().ok());
    let (Some(locks), Some(request)) = (locks, request) else {
        work.await;
        return true;
    };
    let options = Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &true.into());
    let ran = Rc::new(std::cell::Cell::new(false));
    let ran_inside = Rc::clone(&ran);
    let callback = Closure::once_into_js(move |lock: wasm_bindgen::JsValue| -> Promise {
        if lock.is_null() {
            return Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED);
        }
        ran_inside.set(true);
        wasm_bindgen_futures::future_to_promise(async move {
            work.await;
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        })
    });
    let Ok(promise) = request
        .call3(&locks, &"archipel-sync".into(), &options, &callback)
        .and_then(|value| value.dyn_into::<Promise>())
    else {
        return false;
    };
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    ran.get()
}

/// A settled operation: applied (no refusal) or refused.
struct Outcome {
    seq: u64,
    refusal: Option<Refusal>,
}

impl Outcome {
    fn from_push(result: PushResult) -> Option<Outcome> {
        match result {
            PushResult::Applied { seq, .. } => Some(Outcome { seq, refusal: None }),
            PushResult::Refused { seq, refusal, .. } => Some(Outcome {
                seq,
                refusal: Some(refusal),
            }),
            PushResult::OutOfOrder { .. } => None,
        }
    }

    fn from_stored(result: StoredResult) -> Outcome {
        Outcome {
            seq: result.seq,
            refusal: result.refusal,
        }
    }
}

/// Why a sync stopped.
#[derive(Debug, thiserror::Error)]
enum SyncError {
    #[error(transparent)]
    Api(#[from] ApiFailure),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("the server is missing earlier operations of this device")]
    OutOfOrder,
}

fn storage_failure(error: StorageError) -> ApiFailure {
    ApiFailure::Unreachable(error.to_string())
}

type Loaded = (
    Option<Session>,
    Vec<archipel_core::Record>,
    Vec<archipel_core::Conflict>,
    Vec<Operation>,
    Vec<RefusedOp>,
);

async fn load_all(db: &LocalDb) -> Result<Loaded, StorageError> {
    Ok((
        db.get(Collection::Meta, SESSION_KEY).await?,
        db.get_all(Collection::Records).await?,
        db.get_all(Collection::Conflicts).await?,
        db.get_all(Collection::Pending).await?,
        db.get_all(Collection::Refused).await?,
    ))
}

/// Compact JSON (as `serde_json::to_string` writes it: no whitespace outside
/// strings) laid out exactly as `serde_json::to_string_pretty` would: two
/// spaces per level, `": "` after keys, empty arrays and objects kept as
/// `[]` and `{}`.
fn indent_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if chars.next_if(|next| matches!(next, '}' | ']')).is_some() {
                    out.push(if c == '{' { '}' } else { ']' });
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth -= 1;
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::indent_json;

    #[test]
    fn exported_json_is_laid_out_as_serde_json_pretty_prints_it() {
        let value = serde_json::json!({
            "collective": "Le \"Collectif\" {test} [x], a: b",
            "pending": [],
            "refused": [{"op": {}, "reason": {"code": "forbidden", "fr": "Non\\", "n": [1, -2.5, null, true]}}],
            "nested": [[], [{}], [[1]]],
            "empty": {},
            "none": null,
        });
        let compact = serde_json::to_string(&value).expect("compact");
        let pretty = serde_json::to_string_pretty(&value).expect("pretty");
        assert_eq!(indent_json(&compact), pretty);
        assert_eq!(indent_json("[]"), "[]");
        assert_eq!(indent_json("{}"), "{}");
        assert_eq!(indent_json("\"a\\\"b\""), "\"a\\\"b\"");
    }
}
