//! History: the log of received operations in server order, and time travel.
//!
//! The server keeps every operation it received, in the order it received
//! them, with the actor as it was authorised *at that moment*. That log is the
//! audit trail ("who changed this role, when") and the source of time travel:
//! [`Log::replay`] rebuilds the collective exactly as it stood at any past
//! collective version. [`state_at`] does the same from the log of *applied*
//! operations the server sends the app ([`AppliedEntry`]).
//!
//! # What the log holds, and why it goes through [`State::receive`]
//!
//! A [`State`] is more than its records: it also holds, per client, the last
//! sequence number received (`last_seq`), which is what makes a replayed push
//! a no-op. A *refused* operation changes nothing but that sequence number —
//! it does not bump the collective version — yet the state after it differs
//! from the state before it.
//!
//! So the log records **every operation that changed the state**: the applied
//! ones *and* the refused ones (with their refusal), each tagged with the
//! collective version the state had right after it. Duplicates and
//! out-of-order arrivals changed nothing and are not recorded. Replay feeds the
//! entries back through [`State::receive`], the very function the server ran,
//! with the recorded actor, so `last_seq` is rebuilt by the same code instead
//! of being patched in afterwards, and the refusals are re-derived rather than
//! trusted.
//!
//! Several entries may share a version (an applied operation followed by
//! refusals). "The state at version `v`" is therefore the state as it was
//! *last* at `v`: after the operation that produced `v` and every refusal
//! received before `v + 1`. Replaying up to the current version always gives
//! back the current state, `last_seq` included.
//!
//! Roles are not replayed from today's permissions: each entry carries the
//! [`Actor`] the server authorised, so a member demoted since then does not
//! turn their past edits into refusals on replay.

use serde::{Deserialize, Serialize};

use crate::apply::Receipt;
use crate::ids::Id;
use crate::op::{Actor, Operation};
use crate::refusal::Refusal;
use crate::state::State;
use crate::wire::AppliedEntry;

/// What became of a logged operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Applied: the operation produced the entry's version.
    Applied,
    /// Refused for good, with the reason (only the client's sequence moved).
    Refused(Refusal),
}

/// One received operation, in server order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The collective version right after this operation (for a refusal, the
    /// version it left unchanged).
    pub version: u64,
    /// The operation as the client sent it.
    pub op: Operation,
    /// The actor as the server authorised them at the time.
    pub actor: Actor,
    /// Whether it applied or why it was refused.
    pub outcome: Outcome,
}

impl Entry {
    /// True when the operation was applied.
    #[must_use]
    pub const fn applied(&self) -> bool {
        matches!(self.outcome, Outcome::Applied)
    }
}

/// A replay that did not reproduce what the log says happened: the log was
/// altered, or applying is not deterministic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("replay diverged at entry {index} (operation {op}): logged {logged}, replayed {replayed}")]
pub struct Divergence {
    /// The position of the entry in the log.
    pub index: usize,
    /// The operation concerned.
    pub op: Id,
    /// What the log recorded (`applied at N`, or the refusal code).
    pub logged: String,
    /// What replaying it gave.
    pub replayed: String,
}

/// The operations a collective received, in server order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Log {
    entries: Vec<Entry>,
}

impl Log {
    /// An empty log (a collective at version 0).
    #[must_use]
    pub fn new() -> Log {
        Log::default()
    }

    /// Every entry, in server order.
    #[must_use]
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// How many entries the log holds (refusals included).
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing was received yet.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The latest collective version the log reaches.
    #[must_use]
    pub fn version(&self) -> u64 {
        self.entries.last().map_or(0, |entry| entry.version)
    }

    /// Records what [`State::receive`] did with `op`; `state` is the state right
    /// after that call. Returns whether an entry was added: duplicates and
    /// out-of-order arrivals changed nothing and are not recorded.
    pub fn record(
        &mut self,
        op: &Operation,
        actor: &Actor,
        receipt: &Receipt,
        state: &State,
    ) -> bool {
        let (version, outcome) = match receipt {
            Receipt::Applied(applied) => (applied.version, Outcome::Applied),
            Receipt::Refused(refusal) => (state.version, Outcome::Refused(refusal.clone())),
            Receipt::Duplicate | Receipt::OutOfOrder { .. } => return false,
        };
        self.entries.push(Entry {
            version,
            op: op.clone(),
            actor: *actor,
            outcome,
        });
        true
    }

    /// Receives `op` into `state` and records the outcome: what the server does
    /// for each pushed operation.
    pub fn receive(&mut self, state: &mut State, op: &Operation, actor: &Actor) -> Receipt {
        let receipt = state.receive(op, actor);
        self.record(op, actor, &receipt, state);
        receipt
    }

    /// The entries up to and including collective version `upto` (see the module
    /// documentation for what "at a version" means with refusals).
    #[must_use]
    pub fn upto(&self, upto: u64) -> &[Entry] {
        let end = self.entries.partition_point(|entry| entry.version <= upto);
        &self.entries[..end]
    }

    /// The state of the collective as it last was at version `upto` (the
    /// current state if `upto` is at or beyond the log's version).
    ///
    /// Replays through [`State::receive`] and trusts the log; use
    /// [`Log::replay_checked`] to verify every outcome along the way.
    #[must_use]
    pub fn replay(&self, upto: u64) -> State {
        let mut state = State::new();
        for entry in self.upto(upto) {
            state.receive(&entry.op, &entry.actor);
        }
        state
    }

    /// Like [`Log::replay`], checking that every entry has the outcome the log
    /// recorded (applied at the same version, or refused with the same reason).
    ///
    /// # Errors
    /// The first [`Divergence`] found.
    pub fn replay_checked(&self, upto: u64) -> Result<State, Divergence> {
        let mut state = State::new();
        for (index, entry) in self.upto(upto).iter().enumerate() {
            let receipt = state.receive(&entry.op, &entry.actor);
            let same = match (&entry.outcome, &receipt) {
                (Outcome::Applied, Receipt::Applied(applied)) => applied.version == entry.version,
                (Outcome::Refused(logged), Receipt::Refused(replayed)) => {
                    logged == replayed && state.version == entry.version
                }
                _ => false,
            };
            if !same {
                return Err(Divergence {
                    index,
                    op: entry.op.id,
                    logged: describe_outcome(&entry.outcome, entry.version),
                    replayed: describe_receipt(&receipt),
                });
            }
        }
        Ok(state)
    }

    /// The entries that touched record `id` (its history), oldest first.
    pub fn of_record(&self, id: Id) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(move |entry| entry.op.change.target() == id)
    }
}

/// The collective as it was at `upto_version`, rebuilt from the server's log
/// of applied operations (time travel in the app).
///
/// Applies every entry up to that version, in the order given, as its
/// recorded actor, with [`State::apply_logged`]: no sequence check, and each
/// record keeps the versions it had on the server. An entry that does not
/// apply (an incomplete log) is skipped; the rest still give the best picture
/// the log allows. Entries must start at the collective's first operation.
#[must_use]
pub fn state_at(entries: &[AppliedEntry], upto_version: u64) -> State {
    let mut state = State::new();
    for entry in entries
        .iter()
        .take_while(|entry| entry.version <= upto_version)
    {
        // Skipping is the documented answer to a log that does not replay.
        let _ = state.apply_logged(&entry.op, &entry.actor, entry.version);
    }
    state
}

/// The last version the server had received at or before `unix_ms` (0 before
/// the first entry): what the timeline slider shows for a date.
#[must_use]
pub fn version_at(entries: &[AppliedEntry], unix_ms: i64) -> u64 {
    entries
        .iter()
        .filter(|entry| entry.received_at <= unix_ms)
        .map(|entry| entry.version)
        .max()
        .unwrap_or(0)
}

fn describe_outcome(outcome: &Outcome, version: u64) -> String {
    match outcome {
        Outcome::Applied => format!("applied at {version}"),
        Outcome::Refused(refusal) => format!("refused ({})", refusal.code.as_str()),
    }
}

fn describe_receipt(receipt: &Receipt) -> String {
    match receipt {
        Receipt::Applied(applied) => format!("applied at {}", applied.version),
        Receipt::Refused(refusal) => format!("refused ({})", refusal.code.as_str()),
        Receipt::Duplicate => "a duplicate".to_owned(),
        Receipt::OutOfOrder { expected } => format!("out of order (expected seq {expected})"),
    }
}
