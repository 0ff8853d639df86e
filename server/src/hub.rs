//! The authoritative state of each collective, in memory, kept in step with
//! the database, and the pokes that tell devices to pull.
//!
//! One collective = one `tokio` mutex: pushes to a collective are serialised
//! (the server is the one authority on order), pushes to different collectives
//! run side by side. Each received operation is decided by the core
//! (`State::receive`) and written with all its effects in **one database
//! transaction** before the next one is looked at; the push is acknowledged
//! only after that. If a write fails, the in-memory state is marked stale and
//! reloaded from the database before anyone uses it again, so memory never
//! runs ahead of what is stored.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use archipel_core::wire::PushResult;
use archipel_core::{Access, Actor, Change, Id, Kind, Operation, Receipt, Sequencer, State, Value};
use tokio::sync::broadcast;

use crate::secrets;
use crate::storage::rows::{self, Outcome};
use crate::storage::{Storage, StorageError};

/// The in-memory state of one collective.
struct Live {
    state: State,
    /// A write failed after the state moved: reload before use.
    stale: bool,
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

/// All collectives' live states and their poke channels.
pub struct Hub {
    storage: Storage,
    live: Mutex<HashMap<Id, Arc<tokio::sync::Mutex<Live>>>>,
    pokes: Mutex<HashMap<Id, broadcast::Sender<u64>>>,
}

impl Hub {
    /// A hub over `storage`; collectives load on first use.
    #[must_use]
    pub fn new(storage: Storage) -> Hub {
        Hub {
            storage,
            live: Mutex::new(HashMap::new()),
            pokes: Mutex::new(HashMap::new()),
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
                stale: true,
            }))
        }))
    }

    /// Subscribes to pokes: the collective's new version after each change.
    pub fn subscribe(&self, collective: Id) -> broadcast::Receiver<u64> {
        self.sender(collective).subscribe()
    }

    fn sender(&self, collective: Id) -> broadcast::Sender<u64> {
        let mut pokes = self
            .pokes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        pokes
            .entry(collective)
            .or_insert_with(|| broadcast::channel(64).0)
            .clone()
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
        let slot = self.slot(collective);
        let mut live = slot.lock_owned().await;
        let storage = self.storage.clone();
        let (results, version, error) = tokio::task::spawn_blocking(move || {
            let mut results = Vec::with_capacity(ops.len());
            if let Err(error) = refresh(&storage, collective, &mut live) {
                return (results, None, Some(error));
            }
            let before = live.state.version;
            for op in &ops {
                match receive_one(&storage, collective, &mut live, op, &actor) {
                    Ok(Some(result)) => {
                        let stop = matches!(result, PushResult::OutOfOrder { .. });
                        results.push(result);
                        if stop {
                            break;
                        }
                    }
                    Ok(None) => {}
                    Err(error) => return (results, changed(before, &live), Some(error)),
                }
            }
            (results, changed(before, &live), None)
        })
        .await
        .map_err(|error| HubError::Storage(StorageError::Task(error.to_string())))?;
        if let Some(version) = version {
            let _ = self.sender(collective).send(version);
        }
        match error {
            Some(error) => Err(error),
            None => Ok(results),
        }
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
        let slot = self.slot(collective);
        let mut live = slot.lock_owned().await;
        let storage = self.storage.clone();
        let outcome = tokio::task::spawn_blocking(move || -> Result<u64, HubError> {
            refresh(&storage, collective, &mut live)?;
            // The server's own client: its id is the collective's, its sequence continues.
            let mut sequencer = Sequencer {
                client: collective,
                next_seq: live.state.last_seq(collective) + 1,
            };
            for change in changes {
                let op = sequencer.operation(secrets::new_id(), secrets::now_millis(), change);
                match receive_one(&storage, collective, &mut live, &op, &SERVER_ACTOR)? {
                    Some(PushResult::Applied { .. }) => {}
                    other => return Err(HubError::Refused(format!("{other:?}"))),
                }
            }
            Ok(live.state.version)
        })
        .await
        .map_err(|error| HubError::Storage(StorageError::Task(error.to_string())))??;
        let _ = self.sender(collective).send(outcome);
        Ok(outcome)
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
        let now = secrets::now_text();
        self.storage
            .blocking(move |conn| rows::insert_collective(conn, collective, &display, &now))
            .await?;
        self.apply_as_server(collective, changes).await?;
        Ok(collective)
    }

    /// A copy of the collective's current state (for queries and tests).
    ///
    /// # Errors
    /// [`HubError::Storage`] if loading fails.
    pub async fn snapshot(&self, collective: Id) -> Result<State, HubError> {
        let slot = self.slot(collective);
        let mut live = slot.lock_owned().await;
        let storage = self.storage.clone();
        tokio::task::spawn_blocking(move || -> Result<State, HubError> {
            refresh(&storage, collective, &mut live)?;
            Ok(live.state.clone())
        })
        .await
        .map_err(|error| HubError::Storage(StorageError::Task(error.to_string())))?
    }
}

fn changed(before: u64, live: &Live) -> Option<u64> {
    (live.state.version != before).then_some(live.state.version)
}

/// Loads the collective from the database if the memory copy is missing or stale.
fn refresh(storage: &Storage, collective: Id, live: &mut Live) -> Result<(), HubError> {
    if !live.stale {
        return Ok(());
    }
    let exists = storage.blocking_here(|conn| rows::collective(conn, collective))?;
    if exists.is_none() {
        return Err(HubError::UnknownCollective);
    }
    let loaded = storage.blocking_here(|conn| rows::load(conn, collective))?;
    live.state = State::restore(
        loaded.version,
        loaded.records,
        loaded.conflicts,
        loaded.last_seqs,
    );
    live.stale = false;
    Ok(())
}

/// Decides one operation and stores its outcome; `None` for nothing to report.
fn receive_one(
    storage: &Storage,
    collective: Id,
    live: &mut Live,
    op: &Operation,
    actor: &Actor,
) -> Result<Option<PushResult>, HubError> {
    let receipt = live.state.receive(op, actor);
    let (applied_at, refusal, result) = match &receipt {
        Receipt::Duplicate => {
            // A replay: answer what happened the first time.
            let stored = storage.blocking_here(|conn| {
                rows::results_after(conn, op.client, op.seq.saturating_sub(1), 1)
            })?;
            return Ok(stored.into_iter().find(|result| result.seq == op.seq).map(
                |result| match (result.version, result.refusal) {
                    (_, Some(refusal)) => PushResult::refused(op.seq, refusal),
                    (version, None) => PushResult::Applied {
                        seq: op.seq,
                        version: version.unwrap_or(0),
                        conflicts: Vec::new(),
                    },
                },
            ));
        }
        Receipt::OutOfOrder { expected } => {
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
    let outcome = Outcome {
        collective,
        operation: op,
        actor,
        applied_at,
        refusal: refusal.as_ref(),
        records,
        conflicts,
        now_millis: secrets::now_millis(),
    };
    let written = storage.blocking_here(|conn| {
        let tx = conn.transaction()?;
        rows::write_outcome(&tx, &outcome)?;
        tx.commit()?;
        Ok(())
    });
    if let Err(error) = written {
        live.stale = true;
        return Err(error.into());
    }
    Ok(Some(result))
}
