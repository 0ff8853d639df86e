//! The shapes rows take on their way in and out of either engine.
//!
//! Records, conflicts, actors and operations are stored as the core's JSON,
//! serialised here once so that both engines hold byte-identical text and
//! answer byte-identical pulls.

use archipel_core::wire::{AppliedEntry, HistoryPage};
use archipel_core::{Access, Actor, Conflict, Id, Operation, Record, Refusal};

use super::StorageError;

pub(crate) fn json<T: serde::Serialize>(value: &T) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|error| StorageError::Corrupt(error.to_string()))
}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StorageError> {
    serde_json::from_str(text).map_err(|error| StorageError::Corrupt(error.to_string()))
}

pub(crate) fn id(text: &str) -> Result<Id, StorageError> {
    text.parse()
        .map_err(|error: archipel_core::IdError| StorageError::Corrupt(error.to_string()))
}

/// The stable name of an access level, as stored.
#[must_use]
pub fn access_name(access: Access) -> &'static str {
    access.name()
}

/// An access level from its stored name.
///
/// # Errors
/// [`StorageError::Corrupt`] for a name no access level has.
pub fn access_from(name: &str) -> Result<Access, StorageError> {
    Access::ALL
        .into_iter()
        .find(|access| access.name() == name)
        .ok_or_else(|| StorageError::Corrupt(format!("unknown access level {name:?}")))
}

/// A collective as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectiveRow {
    /// Its id (the core's collective record id).
    pub id: Id,
    /// Its name.
    pub name: String,
    /// Its version (operations applied).
    pub version: u64,
}

/// Where a collective's stored state stands: what the hub compares its memory with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Head {
    /// The collective version (operations applied).
    pub version: u64,
    /// Operations received, applied or refused: a refusal moves a client's
    /// sequence without changing the version, and another process must see it.
    pub received: u64,
}

/// Everything needed to rebuild a collective's state in memory.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Where the collective stood when read.
    pub head: Head,
    /// Every record, tombstones included.
    pub records: Vec<Record>,
    /// Every conflict.
    pub conflicts: Vec<Conflict>,
    /// Each client's last sequence number.
    pub last_seqs: Vec<(Id, u64)>,
}

/// What changed after a version the caller knows: records and conflicts
/// written after it, and every client's last sequence number.
pub type Delta = Loaded;

/// What the server keeps of one received operation.
pub struct Outcome<'a> {
    /// The collective.
    pub collective: Id,
    /// The operation.
    pub operation: &'a Operation,
    /// The actor as authorised at reception.
    pub actor: &'a Actor,
    /// The collective version it produced, when applied.
    pub applied_at: Option<u64>,
    /// Why it was refused, when refused.
    pub refusal: Option<&'a Refusal>,
    /// Records it changed (current state), when applied.
    pub records: Vec<&'a Record>,
    /// Conflicts it created or settled, when applied.
    pub conflicts: Vec<&'a Conflict>,
    /// Server time, unix milliseconds.
    pub now_millis: i64,
}

/// A current record as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRow {
    /// The record id.
    pub id: String,
    /// Its kind's name.
    pub kind: String,
    /// The collective version that last changed it.
    pub changed_at: i64,
    /// The core `Record` as JSON.
    pub data: String,
}

/// A conflict as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRow {
    /// The conflict id.
    pub id: String,
    /// The collective version that created or last settled it.
    pub at: i64,
    /// The core `Conflict` as JSON.
    pub data: String,
}

/// One received operation and its effects, ready to be written by any engine.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The collective id.
    pub collective: String,
    /// The client id.
    pub client: String,
    /// The client's sequence number.
    pub seq: i64,
    /// The operation id.
    pub op_id: String,
    /// `applied` or `refused`.
    pub outcome: &'static str,
    /// The version it produced, when applied.
    pub version: Option<i64>,
    /// The refusal as JSON, when refused.
    pub refusal: Option<String>,
    /// The actor as JSON.
    pub actor: String,
    /// The operation as JSON.
    pub operation: String,
    /// Server time, unix milliseconds.
    pub received_at: i64,
    /// Records to upsert.
    pub records: Vec<RecordRow>,
    /// Conflicts to upsert.
    pub conflicts: Vec<ConflictRow>,
}

impl Outcome<'_> {
    /// Serialises everything once, for whichever engine writes it.
    ///
    /// # Errors
    /// [`StorageError::Corrupt`] if a value cannot be serialised (never expected).
    pub fn prepare(&self) -> Result<Prepared, StorageError> {
        let op = self.operation;
        let records = self
            .records
            .iter()
            .map(|record| record_row(record))
            .collect::<Result<_, _>>()?;
        let conflicts = self
            .conflicts
            .iter()
            .map(|conflict| conflict_row(conflict))
            .collect::<Result<_, _>>()?;
        Ok(Prepared {
            collective: self.collective.to_string(),
            client: op.client.to_string(),
            seq: op.seq as i64,
            op_id: op.id.to_string(),
            outcome: if self.refusal.is_some() {
                "refused"
            } else {
                "applied"
            },
            version: self.applied_at.map(|version| version as i64),
            refusal: self.refusal.map(json).transpose()?,
            actor: json(self.actor)?,
            operation: json(op)?,
            received_at: self.now_millis,
            records,
            conflicts,
        })
    }
}

/// A record as its row.
///
/// # Errors
/// [`StorageError::Corrupt`] if it cannot be serialised (never expected).
pub fn record_row(record: &Record) -> Result<RecordRow, StorageError> {
    Ok(RecordRow {
        id: record.id.to_string(),
        kind: record.kind.name().to_owned(),
        changed_at: record.changed_at as i64,
        data: json(record)?,
    })
}

/// A conflict as its row.
///
/// # Errors
/// [`StorageError::Corrupt`] if it cannot be serialised (never expected).
pub fn conflict_row(conflict: &Conflict) -> Result<ConflictRow, StorageError> {
    Ok(ConflictRow {
        id: conflict.id.to_string(),
        at: conflict.at as i64,
        data: json(conflict)?,
    })
}

/// A page of what changed after `since`.
#[derive(Debug, Default)]
pub struct Changes {
    /// Changed records, by increasing `changed_at`.
    pub records: Vec<Record>,
    /// Conflicts created or settled after `since` (up to the page's end).
    pub conflicts: Vec<Conflict>,
    /// The collective version when read.
    pub version: u64,
    /// Whether more records remain after this page.
    pub more: bool,
    /// The `since` to ask for next.
    pub cursor: u64,
}

impl Changes {
    /// Builds a page from the version read and up to `limit + 1` records: the
    /// extra one only says that more follow.
    #[must_use]
    pub fn page(version: u64, since: u64, limit: usize, mut records: Vec<Record>) -> Changes {
        let more = records.len() > limit;
        records.truncate(limit);
        let cursor = if more {
            records.last().map_or(since, |record| record.changed_at)
        } else {
            version
        };
        Changes {
            records,
            conflicts: Vec::new(),
            version,
            more,
            cursor,
        }
    }
}

/// A page of the log from its rows `(version, received_at, operation, actor)`,
/// up to `limit + 1` of them: the extra one only says that more follow.
///
/// # Errors
/// [`StorageError::Corrupt`] if a stored operation or actor cannot be read.
pub fn history_page(
    since: u64,
    limit: usize,
    rows: impl IntoIterator<Item = (i64, i64, String, String)>,
) -> Result<HistoryPage, StorageError> {
    let mut entries = Vec::new();
    for (version, received_at, op, actor) in rows {
        entries.push(AppliedEntry {
            version: version as u64,
            received_at,
            op: parse(&op)?,
            actor: parse(&actor)?,
        });
    }
    let more = entries.len() > limit;
    entries.truncate(limit);
    let cursor = entries.last().map_or(since, |entry| entry.version);
    Ok(HistoryPage {
        entries,
        more,
        cursor,
    })
}

/// A device as authenticated by its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRow {
    /// The device (client) id.
    pub id: Id,
    /// Its member.
    pub member: Id,
    /// The collective.
    pub collective: Id,
    /// The member's access level now.
    pub access: Access,
    /// The member's person record, if any.
    pub person: Option<Id>,
    /// The member's display name.
    pub display_name: String,
    /// Whether the device's access was revoked.
    pub revoked: bool,
}

/// A new member with one device.
#[derive(Debug, Clone)]
pub struct NewMember {
    /// The collective.
    pub collective: Id,
    /// The member id.
    pub member: Id,
    /// The person record they act as (none for guests).
    pub person: Option<Id>,
    /// Their name.
    pub display_name: String,
    /// Their access level.
    pub access: Access,
    /// Their first device (its client id).
    pub device: Id,
    /// The device token's hash.
    pub token_hash: Vec<u8>,
    /// Now, as text.
    pub now: String,
}

/// A device as listed for admins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceListing {
    /// The device.
    pub id: Id,
    /// Its member.
    pub member: Id,
    /// The member's name.
    pub display_name: String,
    /// The member's access.
    pub access: Access,
    /// Whether the device was revoked.
    pub revoked: bool,
}

/// An invite as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteRow {
    /// The invite id.
    pub id: Id,
    /// The collective it opens.
    pub collective: Id,
    /// The access level it gives.
    pub access: Access,
    /// When it expires (unix milliseconds).
    pub expires_at: i64,
    /// How many devices may use it.
    pub max_uses: u32,
    /// How many did.
    pub uses: u32,
    /// Whether it was revoked.
    pub revoked: bool,
}

/// An attachment to store under its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    /// The collective it belongs to.
    pub collective: Id,
    /// SHA-256 of `bytes`, 64 lower-case hex digits.
    pub hash: String,
    /// The type recognised from the bytes.
    pub content_type: String,
    /// The file.
    pub bytes: Vec<u8>,
    /// The member who uploaded it.
    pub uploaded_by: Option<Id>,
    /// Server time, as stored.
    pub now: String,
}

/// A stored attachment: its type and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// The type recognised when it was uploaded.
    pub content_type: String,
    /// The file.
    pub bytes: Vec<u8>,
}

/// A stored attachment without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileListing {
    /// SHA-256 of its bytes.
    pub hash: String,
    /// Its type.
    pub content_type: String,
    /// Its size in bytes.
    pub size: u64,
    /// When it was first uploaded, as stored.
    pub created_at: String,
}
