//! The authoritative state of each collective, in memory, kept in step with
//! the database, and the pokes that tell devices to pull.
//!
//! One collective = one `tokio` mutex in this process, plus the storage's
//! [`Writer`] (on PostgreSQL an advisory lock shared by every process on the
//! database): pushes to a collective are serialised, pushes to different
//! collectives run side by side. Under both, the memory is first brought up to
//! what is stored — another process may have written since — then each
//! received operation is decided by the core (`State::receive`) and written
//! with all its effects in **one database transaction** before the next one is
//! looked at; the push is acknowledged only after that. Memory is marked stale
//! before it moves and clean only once the write committed, so a failed or
//! interrupted write makes the next user reload it: memory never runs ahead of
//! what is stored. A serialisation failure is retried a bounded number of times.
//!
//! The hub never learns which engine runs: it only compares the stored
//! [`Head`] with its own and asks for what changed after its version.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use archipel_core::wire::PushResult;
use archipel_core::{Access, Actor, Change, Id, Kind, Operation, Receipt, Sequencer, State, Value};
use tokio::sync::broadcast;

use crate::secrets;
use crate::storage::rows::{Head, Outcome};
use crate::storage::{Notice, Storage, StorageError, Writer};

/// Attempts at one operation's transaction when the database reports a
/// serialisation failure or a deadlock.
pub const WRITE_ATTEMPTS: u32 = 5;

/// What devices are told on the event stream: the collective's new version,
/// or `None` when some changes may have been missed (pull anyway).
pub type Poke = Option<u64>;

/// The in-memory state of one collective.
struct Live {
    state: State,
    /// Operations received (applied or refused) that `state` reflects.
    received: u64,
    /// Memory may differ from the database: reload before use.
    stale: bool,
}

impl Live {
    fn head(&self) -> Head {
        Head {
            version: self.state.version,
            received: self.received,
        }
    }
}

/// The actor the server itself acts as (demo data, people created on join).
pub const SERVER_ACTOR: Actor = Actor::anonymous(Access::Admin);

/// Why the hub could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    /// The database failed; nothing unacknowledged was kept.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// No such collective.
    #[error("no such collective")]
    UnknownCollective,
    /// The server's own operation was refused (a bug in the caller).
    #[error("the server's own change was refused: {0}")]
    Refused(String),
}

/// The work done while holding a collective's writer.
type Job<'a, T> = Pin<Box<dyn Future<Output = Result<T, HubError>> + Send + 'a>>;

type Pokes = Arc<Mutex<HashMap<Id, broadcast::Sender<Poke>>>>;

/// All collectives' live states and their poke channels.
pub struct Hub {
    storage: Storage,
    live: Mutex<HashMap<Id, Arc<tokio::sync::Mutex<Live>>>>,
    pokes: Pokes,
}

impl Hub {
    /// A hub over `storage`; collectives load on first use. With a shared
    /// database, changes other processes announce poke this process's devices.
    #[must_use]
    pub fn new(storage: Storage) -> Hub {
        let pokes: Pokes = Arc::new(Mutex::new(HashMap::new()));
        if let Some(notices) = storage.notices() {
            tokio::spawn(forward(notices, Arc::downgrade(&pokes)));
        }
        Hub {
            storage,
            live: Mutex::new(HashMap::new()),
            pokes,
        }
    }

    /// The database.
    #[must_use]
    pub fn storage(&self) -> &Storage {
        &self.storage
    }

    fn slot(&self, collective: Id) -> Arc<tokio::sync::Mutex<Live>> {
        let mut live = self
            .live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(live.entry(collective).or_insert_with(|| {
            Arc::new(tokio::sync::Mutex::new(Live {
                state: State::new(),
                received: 0,
                stale: true,
            }))
        }))
    }

    /// Subscribes to pokes: the collective's new version after each change.
    pub fn subscribe(&self, collective: Id) -> broadcast::Receiver<Poke> {
        self.sender(collective).subscribe()
    }

    fn sender(&self, collective: Id) -> broadcast::Sender<Poke> {
        let mut pokes = self
            .pokes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        pokes
            .entry(collective)
            .or_insert_with(|| broadcast::channel(64).0)
            .clone()
    }

    /// Runs `work` with the collective's memory and writer, on its own task so
    /// that a client hanging up cannot interrupt it halfway; announces and pokes
    /// when the stored version moved.
    async fn with_writer<T, W>(&self, collective: Id, work: W) -> Result<T, HubError>
    where
        T: Send + 'static,
        W: for<'a> FnOnce(&'a mut Writer, &'a mut Live) -> Job<'a, T> + Send + 'static,
    {
        let slot = self.slot(collective);
        let storage = self.storage.clone();
        let sender = self.sender(collective);
        tokio::spawn(async move {
            let mut live = slot.lock_owned().await;
            let mut writer = storage.writer(collective).await?;
            let outcome = match catch_up(&mut writer, &mut live).await {
                Ok(before) => {
                    let outcome = work(&mut writer, &mut live).await;
                    let after = if live.stale {
                        // A write failed: what is stored is what counts.
                        writer.head().await.ok().flatten().map(|head| head.version)
                    } else {
                        Some(live.state.version)
                    };
                    if let Some(version) = after.filter(|after| *after != before) {
                        if let Err(error) = writer.announce(version).await {
                            tracing::warn!(%error, "could not announce a change to other processes");
                        }
                        let _ = sender.send(Some(version));
                    }
                    outcome
                }
                Err(error) => Err(error),
            };
            if let Err(error) = writer.release().await {
                tracing::warn!(%error, "could not release a collective's lock cleanly");
            }
            outcome
        })
        .await
        .map_err(|error| HubError::Storage(StorageError::Task(error.to_string())))?
    }

    /// Receives a batch of one client's operations, in order, each in its own
    /// transaction; stops at the first gap. Returns one result per operation looked at.
    ///
    /// # Errors
    /// [`HubError::Storage`] when the database fails (the client retries: what
    /// was acknowledged before stays, what was not is not kept).
    pub async fn receive(
        &self,
        collective: Id,
        actor: Actor,
        ops: Vec<Operation>,
    ) -> Result<Vec<PushResult>, HubError> {
        self.with_writer(collective, move |writer, live| {
            Box::pin(async move {
                let mut results = Vec::with_capacity(ops.len());
                for op in &ops {
                    if let Some(result) = receive_one(writer, collective, live, op, &actor).await? {
                        let stop = matches!(result, PushResult::OutOfOrder { .. });
                        results.push(result);
                        if stop {
                            break;
                        }
                    }
                }
                Ok(results)
            })
        })
        .await
    }

    /// Applies changes as the server itself (demo data, a new member's person record).
    ///
    /// # Errors
    /// [`HubError::Refused`] if the core refuses one; [`HubError::Storage`] if the database fails.
    pub async fn apply_as_server(
        &self,
        collective: Id,
        changes: Vec<Change>,
    ) -> Result<u64, HubError> {
        self.with_writer(collective, move |writer, live| {
            Box::pin(async move {
                // The server's own client: its id is the collective's, its sequence continues.
                let mut sequencer = Sequencer {
                    client: collective,
                    next_seq: live.state.last_seq(collective) + 1,
                };
                for change in changes {
                    let op = sequencer.operation(secrets::new_id(), secrets::now_millis(), change);
                    match receive_one(writer, collective, live, &op, &SERVER_ACTOR).await? {
                        Some(PushResult::Applied { .. }) => {}
                        other => return Err(HubError::Refused(format!("{other:?}"))),
                    }
                }
                Ok(live.state.version)
            })
        })
        .await
    }

    /// Creates an empty collective named `name`, or the demo collective when `None`;
    /// returns its id.
    ///
    /// # Errors
    /// As [`Hub::apply_as_server`].
    pub async fn create_collective(&self, name: Option<&str>) -> Result<Id, HubError> {
        let changes = match name {
            None => archipel_core::demo::demo_changes(&mut secrets::new_id),
            Some(name) => vec![Change::create(
                Kind::Collective,
                secrets::new_id(),
                [("name", Value::text(name))],
            )],
        };
        self.create_collective_from(changes).await
    }

    /// Creates a collective from `changes`, the first of which creates its
    /// collective record (a generated collective for benchmarks, say),
    /// applied as the server.
    ///
    /// # Errors
    /// [`HubError`] if storing fails or a change is refused.
    pub async fn create_collective_from(&self, changes: Vec<Change>) -> Result<Id, HubError> {
        // The first change creates the collective record; its name is the collective's.
        let Some(Change::Create {
            id: collective,
            fields,
            ..
        }) = changes.first()
        else {
            return Err(HubError::Refused("no collective record".into()));
        };
        let collective = *collective;
        let display = fields
            .get("name")
            .and_then(Value::as_text)
            .unwrap_or_default()
            .to_owned();
        self.storage
            .insert_collective(collective, display, secrets::now_text())
            .await?;
        self.apply_as_server(collective, changes).await?;
        Ok(collective)
    }

    /// A copy of the collective's current state (for queries and tests).
    ///
    /// # Errors
    /// [`HubError::Storage`] if loading fails.
    pub async fn snapshot(&self, collective: Id) -> Result<State, HubError> {
        self.with_writer(collective, |_, live| {
            let state = live.state.clone();
            Box::pin(async move { Ok(state) })
        })
        .await
    }
}

/// Hands changes announced by other processes to this process's subscribers.
async fn forward(
    mut notices: broadcast::Receiver<Notice>,
    pokes: std::sync::Weak<Mutex<HashMap<Id, broadcast::Sender<Poke>>>>,
) {
    loop {
        let notice = notices.recv().await;
        let Some(pokes) = pokes.upgrade() else {
            return;
        };
        let pokes = pokes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match notice {
            Ok(Notice::Changed {
                collective,
                version,
            }) => {
                if let Some(sender) = pokes.get(&collective) {
                    let _ = sender.send(Some(version));
                }
            }
            Ok(Notice::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => {
                for sender in pokes.values() {
                    let _ = sender.send(None);
                }
            }
            Err(broadcast::error::RecvError::Closed) => return,
        }
    }
}

/// Brings memory up to what is stored: a full load when stale, else only the
/// records, conflicts and sequences written since its version (by another
/// process sharing the database), or nothing when the heads agree. Returns the
/// version memory is at.
async fn catch_up(writer: &mut Writer, live: &mut Live) -> Result<u64, HubError> {
    let head = writer.head().await?.ok_or(HubError::UnknownCollective)?;
    if !live.stale && head == live.head() {
        return Ok(head.version);
    }
    let since = if live.stale { 0 } else { live.state.version };
    let delta = writer.load_since(since).await?;
    live.stale = true;
    live.state = if since == 0 {
        State::restore(
            delta.head.version,
            delta.records,
            delta.conflicts,
            delta.last_seqs,
        )
    } else {
        let old = std::mem::take(&mut live.state);
        let changed: HashMap<Id, _> = delta
            .records
            .into_iter()
            .map(|record| (record.id, record))
            .collect();
        let settled: HashMap<Id, _> = delta
            .conflicts
            .into_iter()
            .map(|conflict| (conflict.id, conflict))
            .collect();
        // The core has no setter for a client's sequence: rebuild from parts.
        let mut records: Vec<_> = old
            .records()
            .filter(|record| !changed.contains_key(&record.id))
            .cloned()
            .collect();
        records.extend(changed.into_values());
        let mut conflicts: Vec<_> = old
            .conflicts()
            .filter(|conflict| !settled.contains_key(&conflict.id))
            .cloned()
            .collect();
        conflicts.extend(settled.into_values());
        State::restore(delta.head.version, records, conflicts, delta.last_seqs)
    };
    live.received = delta.head.received;
    live.stale = false;
    Ok(live.state.version)
}

/// Decides one operation and stores its outcome; `None` for nothing to report.
/// A write the database asks to retry is retried from a fresh load, up to
/// [`WRITE_ATTEMPTS`] times.
async fn receive_one(
    writer: &mut Writer,
    collective: Id,
    live: &mut Live,
    op: &Operation,
    actor: &Actor,
) -> Result<Option<PushResult>, HubError> {
    let mut attempt = 1;
    loop {
        catch_up(writer, live).await?;
        match decide_and_write(writer, collective, live, op, actor).await {
            Err(HubError::Storage(error)) if error.is_retryable() && attempt < WRITE_ATTEMPTS => {
                tracing::info!(%error, attempt, "retrying a write the database could not serialise");
                let jitter = secrets::now_millis().unsigned_abs() % 7;
                tokio::time::sleep(Duration::from_millis(10 * u64::from(attempt) + jitter)).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

async fn decide_and_write(
    writer: &mut Writer,
    collective: Id,
    live: &mut Live,
    op: &Operation,
    actor: &Actor,
) -> Result<Option<PushResult>, HubError> {
    // From here until the commit, memory may be ahead of the database.
    live.stale = true;
    let receipt = live.state.receive(op, actor);
    let (applied_at, refusal, result) = match &receipt {
        Receipt::Duplicate => {
            live.stale = false;
            // A replay: answer what happened the first time.
            let stored = writer.stored_result(op.client, op.seq).await?;
            return Ok(stored.map(|result| match (result.version, result.refusal) {
                (_, Some(refusal)) => PushResult::refused(op.seq, refusal),
                (version, None) => PushResult::Applied {
                    seq: op.seq,
                    version: version.unwrap_or(0),
                    conflicts: Vec::new(),
                },
            }));
        }
        Receipt::OutOfOrder { expected } => {
            live.stale = false;
            return Ok(Some(PushResult::OutOfOrder {
                seq: op.seq,
                expected: *expected,
            }));
        }
        Receipt::Applied(applied) => (
            Some(applied.version),
            None,
            PushResult::Applied {
                seq: op.seq,
                version: applied.version,
                conflicts: applied.conflicts.clone(),
            },
        ),
        Receipt::Refused(refusal) => (
            None,
            Some(refusal.clone()),
            PushResult::refused(op.seq, refusal.clone()),
        ),
    };
    let state = &live.state;
    let mut records = Vec::new();
    let mut conflicts = Vec::new();
    if let Receipt::Applied(applied) = &receipt {
        records.extend(state.record(applied.record));
        conflicts.extend(
            applied
                .conflicts
                .iter()
                .filter_map(|id| state.conflict(*id)),
        );
        if let Change::ResolveConflict { conflict, .. } = &op.change {
            conflicts.extend(state.conflict(*conflict));
        }
    }
    let prepared = Outcome {
        collective,
        operation: op,
        actor,
        applied_at,
        refusal: refusal.as_ref(),
        records,
        conflicts,
        now_millis: secrets::now_millis(),
    }
    .prepare()?;
    writer.write(prepared).await?;
    live.received += 1;
    live.stale = false;
    Ok(Some(result))
}
