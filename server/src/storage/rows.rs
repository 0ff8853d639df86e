//! The sync tables: collectives, members, devices, invites, the operation log,
//! current records, results and conflicts.
//!
//! Plain blocking functions on a connection or transaction; callers run them on
//! the blocking pool through [`super::Storage::blocking`]. Records, conflicts,
//! actors and operations are stored as the core's JSON.

use archipel_core::wire::{AppliedEntry, HistoryPage, StoredResult};
use archipel_core::{Access, Actor, Conflict, Id, Operation, Record, Refusal};
use rusqlite::{Connection, OptionalExtension, params};

use super::StorageError;

fn json<T: serde::Serialize>(value: &T) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|error| StorageError::Corrupt(error.to_string()))
}

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StorageError> {
    serde_json::from_str(text).map_err(|error| StorageError::Corrupt(error.to_string()))
}

fn id(text: &str) -> Result<Id, StorageError> {
    text.parse()
        .map_err(|error: archipel_core::IdError| StorageError::Corrupt(error.to_string()))
}

/// The stable name of an access level, as stored.
#[must_use]
pub fn access_name(access: Access) -> &'static str {
    access.name()
}

/// An access level from its stored name.
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

/// Everything needed to rebuild a collective's state in memory.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The collective version.
    pub version: u64,
    /// Every record, tombstones included.
    pub records: Vec<Record>,
    /// Every conflict.
    pub conflicts: Vec<Conflict>,
    /// Each client's last sequence number.
    pub last_seqs: Vec<(Id, u64)>,
}

/// Adds a collective.
pub fn insert_collective(
    conn: &Connection,
    id: Id,
    name: &str,
    now: &str,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO collectives (id, name, version, created_at) VALUES (?1, ?2, 0, ?3)",
        params![id.to_string(), name, now],
    )?;
    Ok(())
}

/// Every collective, oldest first.
pub fn collectives(conn: &Connection) -> Result<Vec<CollectiveRow>, StorageError> {
    let mut statement =
        conn.prepare("SELECT id, name, version FROM collectives ORDER BY created_at, id")?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, i64>(2)?,
        ))
    })?;
    let mut all = Vec::new();
    for row in rows {
        let (text, name, version) = row?;
        all.push(CollectiveRow {
            id: id(&text)?,
            name,
            version: version as u64,
        });
    }
    Ok(all)
}

/// One collective, if it exists.
pub fn collective(
    conn: &Connection,
    collective: Id,
) -> Result<Option<CollectiveRow>, StorageError> {
    Ok(collectives(conn)?
        .into_iter()
        .find(|row| row.id == collective))
}

/// Reads a collective's records, conflicts and clients' sequences.
pub fn load(conn: &Connection, collective: Id) -> Result<Loaded, StorageError> {
    let key = collective.to_string();
    let version: i64 = conn.query_row(
        "SELECT version FROM collectives WHERE id = ?1",
        [&key],
        |row| row.get(0),
    )?;
    let mut loaded = Loaded {
        version: version as u64,
        ..Loaded::default()
    };
    let mut statement = conn.prepare("SELECT data FROM records WHERE collective_id = ?1")?;
    for data in statement.query_map([&key], |row| row.get::<_, String>(0))? {
        loaded.records.push(parse(&data?)?);
    }
    let mut statement = conn.prepare("SELECT data FROM conflicts WHERE collective_id = ?1")?;
    for data in statement.query_map([&key], |row| row.get::<_, String>(0))? {
        loaded.conflicts.push(parse(&data?)?);
    }
    let mut statement =
        conn.prepare("SELECT client_id, last_seq FROM clients WHERE collective_id = ?1")?;
    for row in statement.query_map([&key], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
    })? {
        let (client, seq) = row?;
        loaded.last_seqs.push((id(&client)?, seq as u64));
    }
    Ok(loaded)
}

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

/// Writes one received operation and all its effects, in the caller's transaction.
pub fn write_outcome(conn: &Connection, outcome: &Outcome<'_>) -> Result<(), StorageError> {
    let collective = outcome.collective.to_string();
    let op = outcome.operation;
    let client = op.client.to_string();
    conn.execute(
        "INSERT INTO clients (client_id, collective_id, last_seq) VALUES (?1, ?2, ?3)
         ON CONFLICT (client_id) DO UPDATE SET last_seq = excluded.last_seq",
        params![client, collective, op.seq as i64],
    )?;
    let (kind, refusal) = match outcome.refusal {
        Some(refusal) => ("refused", Some(json(refusal)?)),
        None => ("applied", None),
    };
    conn.execute(
        "INSERT INTO results (client_id, seq, collective_id, op_id, outcome, version, refusal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            client,
            op.seq as i64,
            collective,
            op.id.to_string(),
            kind,
            outcome.applied_at.map(|version| version as i64),
            refusal
        ],
    )?;
    let Some(version) = outcome.applied_at else {
        return Ok(());
    };
    conn.execute(
        "INSERT INTO operations (collective_id, version, op_id, client_id, seq, actor, operation, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            collective,
            version as i64,
            op.id.to_string(),
            client,
            op.seq as i64,
            json(outcome.actor)?,
            json(op)?,
            outcome.now_millis
        ],
    )?;
    for record in &outcome.records {
        conn.execute(
            "INSERT INTO records (collective_id, id, kind, changed_at, data) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (collective_id, id) DO UPDATE
             SET kind = excluded.kind, changed_at = excluded.changed_at, data = excluded.data",
            params![
                collective,
                record.id.to_string(),
                record.kind.name(),
                record.changed_at as i64,
                json(record)?
            ],
        )?;
    }
    for conflict in &outcome.conflicts {
        conn.execute(
            "INSERT INTO conflicts (collective_id, id, at, data) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (collective_id, id) DO UPDATE SET at = excluded.at, data = excluded.data",
            params![
                collective,
                conflict.id.to_string(),
                conflict.at as i64,
                json(conflict)?
            ],
        )?;
    }
    conn.execute(
        "UPDATE collectives SET version = ?2 WHERE id = ?1",
        params![collective, version as i64],
    )?;
    Ok(())
}

/// Results of `client`'s operations with a sequence number above `after`, in order.
pub fn results_after(
    conn: &Connection,
    client: Id,
    after: u64,
    limit: usize,
) -> Result<Vec<StoredResult>, StorageError> {
    let mut statement = conn.prepare(
        "SELECT seq, op_id, version, refusal FROM results WHERE client_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
    )?;
    let rows = statement.query_map(
        params![client.to_string(), after as i64, limit as i64],
        |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<i64>>(2)?,
                row.get::<_, Option<String>>(3)?,
            ))
        },
    )?;
    let mut results = Vec::new();
    for row in rows {
        let (seq, op, version, refusal) = row?;
        results.push(StoredResult {
            seq: seq as u64,
            op_id: id(&op)?,
            version: version.map(|version| version as u64),
            refusal: refusal.map(|text| parse(&text)).transpose()?,
        });
    }
    Ok(results)
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

/// Records and conflicts changed after `since`, at most `limit` records, read
/// consistently (one read transaction). Cost grows with what changed.
pub fn changes_since(
    conn: &mut Connection,
    collective: Id,
    since: u64,
    limit: usize,
) -> Result<Changes, StorageError> {
    let tx = conn.transaction()?;
    let key = collective.to_string();
    let version: i64 = tx.query_row(
        "SELECT version FROM collectives WHERE id = ?1",
        [&key],
        |row| row.get(0),
    )?;
    let mut changes = Changes {
        version: version as u64,
        ..Changes::default()
    };
    {
        let mut statement = tx.prepare(
            "SELECT data FROM records WHERE collective_id = ?1 AND changed_at > ?2 ORDER BY changed_at LIMIT ?3",
        )?;
        for data in statement.query_map(params![key, since as i64, (limit + 1) as i64], |row| {
            row.get::<_, String>(0)
        })? {
            changes.records.push(parse(&data?)?);
        }
    }
    changes.more = changes.records.len() > limit;
    changes.records.truncate(limit);
    changes.cursor = if changes.more {
        changes
            .records
            .last()
            .map_or(since, |record| record.changed_at)
    } else {
        changes.version
    };
    {
        let mut statement =
            tx.prepare("SELECT data FROM conflicts WHERE collective_id = ?1 AND at > ?2 AND at <= ?3 ORDER BY at")?;
        for data in statement
            .query_map(params![key, since as i64, changes.cursor as i64], |row| {
                row.get::<_, String>(0)
            })?
        {
            changes.conflicts.push(parse(&data?)?);
        }
    }
    tx.commit()?;
    Ok(changes)
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

/// The device whose token hashes to `hash`.
pub fn device_by_token(conn: &Connection, hash: &[u8]) -> Result<Option<DeviceRow>, StorageError> {
    let row = conn
        .query_row(
            "SELECT d.id, d.member_id, d.collective_id, m.access, m.person_id, m.display_name, d.revoked_at IS NOT NULL
             FROM devices d JOIN members m ON m.id = d.member_id WHERE d.token_hash = ?1",
            [hash],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, Option<String>>(4)?,
                    row.get::<_, String>(5)?,
                    row.get::<_, bool>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((device, member, collective, access, person, display_name, revoked)) = row else {
        return Ok(None);
    };
    Ok(Some(DeviceRow {
        id: id(&device)?,
        member: id(&member)?,
        collective: id(&collective)?,
        access: access_from(&access)?,
        person: person.as_deref().map(id).transpose()?,
        display_name,
        revoked,
    }))
}

/// A new member with one device.
pub struct NewMember<'a> {
    /// The collective.
    pub collective: Id,
    /// The member id.
    pub member: Id,
    /// The person record they act as (none for guests).
    pub person: Option<Id>,
    /// Their name.
    pub display_name: &'a str,
    /// Their access level.
    pub access: Access,
    /// Their first device (its client id).
    pub device: Id,
    /// The device token's hash.
    pub token_hash: &'a [u8],
    /// Now, as text.
    pub now: &'a str,
}

/// Whether a device with this client id is already registered (in any collective).
pub fn device_exists(conn: &Connection, device: Id) -> Result<bool, StorageError> {
    let count: i64 = conn.query_row(
        "SELECT COUNT(*) FROM devices WHERE id = ?1",
        [device.to_string()],
        |row| row.get(0),
    )?;
    Ok(count > 0)
}

/// Adds a member and their first device.
pub fn insert_member(conn: &Connection, new: &NewMember<'_>) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO members (id, collective_id, person_id, display_name, access, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            new.member.to_string(),
            new.collective.to_string(),
            new.person.map(|person| person.to_string()),
            new.display_name,
            new.access.name(),
            new.now
        ],
    )?;
    conn.execute(
        "INSERT INTO devices (id, member_id, collective_id, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![new.device.to_string(), new.member.to_string(), new.collective.to_string(), new.token_hash, new.now],
    )?;
    Ok(())
}

/// Marks a device revoked; true if it existed in `collective`.
pub fn revoke_device(
    conn: &Connection,
    collective: Id,
    device: Id,
    now: &str,
) -> Result<bool, StorageError> {
    let changed = conn.execute(
        "UPDATE devices SET revoked_at = COALESCE(revoked_at, ?3) WHERE id = ?1 AND collective_id = ?2",
        params![device.to_string(), collective.to_string(), now],
    )?;
    Ok(changed > 0)
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

/// The devices of a collective, oldest first.
pub fn devices(conn: &Connection, collective: Id) -> Result<Vec<DeviceListing>, StorageError> {
    let mut statement = conn.prepare(
        "SELECT d.id, d.member_id, m.display_name, m.access, d.revoked_at IS NOT NULL
         FROM devices d JOIN members m ON m.id = d.member_id WHERE d.collective_id = ?1 ORDER BY d.created_at",
    )?;
    let rows = statement.query_map([collective.to_string()], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, bool>(4)?,
        ))
    })?;
    let mut all = Vec::new();
    for row in rows {
        let (device, member, display_name, access, revoked) = row?;
        all.push(DeviceListing {
            id: id(&device)?,
            member: id(&member)?,
            display_name,
            access: access_from(&access)?,
            revoked,
        });
    }
    Ok(all)
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

/// Adds an invite.
pub fn insert_invite(
    conn: &Connection,
    invite: &InviteRow,
    token_hash: &[u8],
    created_by: Option<Id>,
    now: &str,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO invites (id, collective_id, token_hash, access, expires_at, max_uses, uses, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8)",
        params![
            invite.id.to_string(),
            invite.collective.to_string(),
            token_hash,
            invite.access.name(),
            invite.expires_at,
            invite.max_uses,
            created_by.map(|member| member.to_string()),
            now
        ],
    )?;
    Ok(())
}

/// The invite whose token hashes to `hash`.
pub fn invite_by_token(conn: &Connection, hash: &[u8]) -> Result<Option<InviteRow>, StorageError> {
    let row = conn
        .query_row(
            "SELECT id, collective_id, access, expires_at, max_uses, uses, revoked_at IS NOT NULL
             FROM invites WHERE token_hash = ?1",
            [hash],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, u32>(4)?,
                    row.get::<_, u32>(5)?,
                    row.get::<_, bool>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((invite, collective, access, expires_at, max_uses, uses, revoked)) = row else {
        return Ok(None);
    };
    Ok(Some(InviteRow {
        id: id(&invite)?,
        collective: id(&collective)?,
        access: access_from(&access)?,
        expires_at,
        max_uses,
        uses,
        revoked,
    }))
}

/// Counts one use of an invite, only if it still has uses left; true if counted.
pub fn use_invite(conn: &Connection, invite: Id) -> Result<bool, StorageError> {
    let changed = conn.execute(
        "UPDATE invites SET uses = uses + 1 WHERE id = ?1 AND uses < max_uses AND revoked_at IS NULL",
        [invite.to_string()],
    )?;
    Ok(changed == 1)
}

/// The number of applied operations in the log of `collective`.
pub fn log_length(conn: &Connection, collective: Id) -> Result<u64, StorageError> {
    let count: i64 = conn.query_row(
        "SELECT COUNT(*) FROM operations WHERE collective_id = ?1",
        [collective.to_string()],
        |row| row.get(0),
    )?;
    Ok(count as u64)
}

/// Applied operations of `collective` after version `since`, at most `limit`,
/// oldest first: the log time travel replays.
pub fn history(
    conn: &Connection,
    collective: Id,
    since: u64,
    limit: usize,
) -> Result<HistoryPage, StorageError> {
    let mut statement = conn.prepare(
        "SELECT version, received_at, operation, actor FROM operations
         WHERE collective_id = ?1 AND version > ?2 ORDER BY version LIMIT ?3",
    )?;
    let mut entries = Vec::new();
    let rows = statement.query_map(
        params![collective.to_string(), since as i64, (limit + 1) as i64],
        |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
            ))
        },
    )?;
    for row in rows {
        let (version, received_at, op, actor) = row?;
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

/// Changes a member's access level; true if the member exists in `collective`.
pub fn set_member_access(
    conn: &Connection,
    collective: Id,
    member: Id,
    access: Access,
) -> Result<bool, StorageError> {
    let changed = conn.execute(
        "UPDATE members SET access = ?3 WHERE id = ?1 AND collective_id = ?2",
        params![member.to_string(), collective.to_string(), access.name()],
    )?;
    Ok(changed > 0)
}

/// Withdraws an invite; true if it existed in `collective`.
pub fn revoke_invite(
    conn: &Connection,
    collective: Id,
    invite: Id,
    now: &str,
) -> Result<bool, StorageError> {
    let changed = conn.execute(
        "UPDATE invites SET revoked_at = COALESCE(revoked_at, ?3) WHERE id = ?1 AND collective_id = ?2",
        params![invite.to_string(), collective.to_string(), now],
    )?;
    Ok(changed > 0)
}
