//! The embedded engine: one SQLite file in the data directory, WAL mode, one
//! connection behind a mutex, every call on tokio's blocking pool.
//!
//! One process owns the file; the hub's per-collective mutex serialises pushes,
//! and each received operation is one `BEGIN IMMEDIATE` transaction.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use archipel_core::wire::{HistoryPage, StoredResult};
use archipel_core::{Id, Record};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use rusqlite_migration::{M, Migrations};

use super::archive::{
    AttachmentLine, ClientLine, CollectiveLine, ConflictLine, DeviceLine, InviteLine, MemberLine,
    OperationLine, RecordLine, ResultLine, Rows,
};
use super::rows::{
    Changes, CollectiveRow, ConflictRow, DeviceListing, DeviceRow, FileListing, Head, InviteRow,
    Loaded, NewFile, NewMember, Prepared, RecordRow, StoredFile, access_from, history_page, id,
    parse,
};
use super::{DELETE_ORDER, StorageError, base64, unbase64, unhex};

/// File name of the database inside the data directory.
pub const DATABASE_FILE: &str = "archipel.sqlite3";

/// The schema, in order. Each entry runs once; never edit one that has shipped.
/// `migrations/postgres/` holds the same steps for PostgreSQL, file for file.
pub(crate) const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_server_meta.sql")),
    M::up(include_str!("../../migrations/0002_sync.sql")),
    M::up(include_str!("../../migrations/0003_received.sql")),
    M::up(include_str!("../../migrations/0004_files.sql")),
];

/// The SQLite engine, cheap to clone.
#[derive(Clone)]
pub struct Sqlite {
    connection: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl Sqlite {
    /// Opens (creating if needed) the database in `data_dir` and migrates it.
    pub(crate) async fn open(data_dir: &Path) -> Result<Sqlite, StorageError> {
        let data_dir = data_dir.to_path_buf();
        tokio::task::spawn_blocking(move || Sqlite::open_blocking(&data_dir))
            .await
            .map_err(|error| StorageError::Task(error.to_string()))?
    }

    fn open_blocking(data_dir: &Path) -> Result<Sqlite, StorageError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StorageError::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join(DATABASE_FILE);
        let mut connection = Connection::open(&path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut connection)?;
        tracing::info!(path = %path.display(), "database ready (SQLite)");
        Ok(Sqlite {
            connection: Arc::new(Mutex::new(connection)),
            path,
        })
    }

    /// Path of the database file.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` with the connection on the blocking pool.
    pub(crate) async fn blocking<T, F>(&self, work: F) -> Result<T, StorageError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StorageError> + Send + 'static,
    {
        let connection = Arc::clone(&self.connection);
        tokio::task::spawn_blocking(move || {
            let mut guard = connection
                .lock()
                .map_err(|_| StorageError::Task("database connection poisoned".into()))?;
            work(&mut guard)
        })
        .await
        .map_err(|error| StorageError::Task(error.to_string()))?
    }
}

/// The schema version after migrations.
pub(crate) fn schema_version(conn: &mut Connection) -> Result<u32, StorageError> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Adds a collective.
pub(crate) fn insert_collective(
    conn: &mut Connection,
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

/// On an empty database, claims the first start (demo data) once; false otherwise.
pub(crate) fn claim_first_start(conn: &mut Connection) -> Result<bool, StorageError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let any: i64 = tx.query_row("SELECT COUNT(*) FROM collectives", [], |row| row.get(0))?;
    if any > 0 {
        return Ok(false);
    }
    let claimed = tx.execute(
        "INSERT INTO server_meta (key, value) VALUES ('first_start', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         ON CONFLICT (key) DO NOTHING",
        [],
    )?;
    tx.commit()?;
    Ok(claimed == 1)
}

/// Every collective, oldest first.
pub(crate) fn collectives(conn: &mut Connection) -> Result<Vec<CollectiveRow>, StorageError> {
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
pub(crate) fn collective(
    conn: &mut Connection,
    collective: Id,
) -> Result<Option<CollectiveRow>, StorageError> {
    let row = conn
        .query_row(
            "SELECT name, version FROM collectives WHERE id = ?1",
            [collective.to_string()],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)),
        )
        .optional()?;
    Ok(row.map(|(name, version)| CollectiveRow {
        id: collective,
        name,
        version: version as u64,
    }))
}

/// Where the collective stands, if it exists.
pub(crate) fn head(conn: &Connection, collective: Id) -> Result<Option<Head>, StorageError> {
    let row = conn
        .query_row(
            "SELECT version, received FROM collectives WHERE id = ?1",
            [collective.to_string()],
            |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)),
        )
        .optional()?;
    Ok(row.map(|(version, received)| Head {
        version: version as u64,
        received: received as u64,
    }))
}

/// Records and conflicts written after `since` (everything from 0), and every
/// client's last sequence number, read in one transaction.
pub(crate) fn load_since(
    conn: &mut Connection,
    collective: Id,
    since: u64,
) -> Result<Loaded, StorageError> {
    let tx = conn.transaction()?;
    let key = collective.to_string();
    let head = head(&tx, collective)?
        .ok_or_else(|| StorageError::Corrupt(format!("collective {collective} vanished")))?;
    let mut loaded = Loaded {
        head,
        ..Loaded::default()
    };
    {
        let mut statement =
            tx.prepare("SELECT data FROM records WHERE collective_id = ?1 AND changed_at > ?2")?;
        for data in
            statement.query_map(params![key, since as i64], |row| row.get::<_, String>(0))?
        {
            loaded.records.push(parse(&data?)?);
        }
        let mut statement =
            tx.prepare("SELECT data FROM conflicts WHERE collective_id = ?1 AND at > ?2")?;
        for data in
            statement.query_map(params![key, since as i64], |row| row.get::<_, String>(0))?
        {
            loaded.conflicts.push(parse(&data?)?);
        }
        let mut statement =
            tx.prepare("SELECT client_id, last_seq FROM clients WHERE collective_id = ?1")?;
        for row in statement.query_map([&key], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })? {
            let (client, seq) = row?;
            loaded.last_seqs.push((id(&client)?, seq as u64));
        }
    }
    tx.commit()?;
    Ok(loaded)
}

/// Writes one received operation and all its effects in one transaction.
pub(crate) fn write(conn: &mut Connection, prepared: &Prepared) -> Result<(), StorageError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO clients (client_id, collective_id, last_seq) VALUES (?1, ?2, ?3)
         ON CONFLICT (client_id) DO UPDATE SET last_seq = excluded.last_seq",
        params![prepared.client, prepared.collective, prepared.seq],
    )?;
    tx.execute(
        "INSERT INTO results (client_id, seq, collective_id, op_id, outcome, version, refusal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            prepared.client,
            prepared.seq,
            prepared.collective,
            prepared.op_id,
            prepared.outcome,
            prepared.version,
            prepared.refusal
        ],
    )?;
    if let Some(version) = prepared.version {
        tx.execute(
            "INSERT INTO operations (collective_id, version, op_id, client_id, seq, actor, operation, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                prepared.collective,
                version,
                prepared.op_id,
                prepared.client,
                prepared.seq,
                prepared.actor,
                prepared.operation,
                prepared.received_at
            ],
        )?;
        for record in &prepared.records {
            upsert_record(&tx, &prepared.collective, record)?;
        }
        for conflict in &prepared.conflicts {
            upsert_conflict(&tx, &prepared.collective, conflict)?;
        }
        tx.execute(
            "UPDATE collectives SET version = ?2, received = received + 1 WHERE id = ?1",
            params![prepared.collective, version],
        )?;
    } else {
        tx.execute(
            "UPDATE collectives SET received = received + 1 WHERE id = ?1",
            params![prepared.collective],
        )?;
    }
    tx.commit()?;
    Ok(())
}

pub(crate) fn upsert_record(
    conn: &Connection,
    collective: &str,
    record: &RecordRow,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO records (collective_id, id, kind, changed_at, data) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (collective_id, id) DO UPDATE
         SET kind = excluded.kind, changed_at = excluded.changed_at, data = excluded.data",
        params![
            collective,
            record.id,
            record.kind,
            record.changed_at,
            record.data
        ],
    )?;
    Ok(())
}

pub(crate) fn upsert_conflict(
    conn: &Connection,
    collective: &str,
    conflict: &ConflictRow,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO conflicts (collective_id, id, at, data) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (collective_id, id) DO UPDATE SET at = excluded.at, data = excluded.data",
        params![collective, conflict.id, conflict.at, conflict.data],
    )?;
    Ok(())
}

/// Results of `client`'s operations with a sequence number above `after`, in order.
pub(crate) fn results_after(
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

/// Records and conflicts changed after `since` (at most `limit` records) and
/// the device's results after `acked`, read in one transaction. Cost grows with
/// what changed.
pub(crate) fn pull(
    conn: &mut Connection,
    collective: Id,
    since: u64,
    limit: usize,
    results_of: (Id, u64, usize),
) -> Result<(Changes, Vec<StoredResult>), StorageError> {
    let tx = conn.transaction()?;
    let key = collective.to_string();
    let version: i64 = tx.query_row(
        "SELECT version FROM collectives WHERE id = ?1",
        [&key],
        |row| row.get(0),
    )?;
    let mut records: Vec<Record> = Vec::new();
    {
        let mut statement = tx.prepare(
            "SELECT data FROM records WHERE collective_id = ?1 AND changed_at > ?2 ORDER BY changed_at LIMIT ?3",
        )?;
        for data in statement.query_map(params![key, since as i64, (limit + 1) as i64], |row| {
            row.get::<_, String>(0)
        })? {
            records.push(parse(&data?)?);
        }
    }
    let mut changes = Changes::page(version as u64, since, limit, records);
    {
        let mut statement = tx.prepare(
            "SELECT data FROM conflicts WHERE collective_id = ?1 AND at > ?2 AND at <= ?3 ORDER BY at, id",
        )?;
        for data in statement
            .query_map(params![key, since as i64, changes.cursor as i64], |row| {
                row.get::<_, String>(0)
            })?
        {
            changes.conflicts.push(parse(&data?)?);
        }
    }
    let (client, acked, most) = results_of;
    let results = results_after(&tx, client, acked, most)?;
    tx.commit()?;
    Ok((changes, results))
}

/// The device whose token hashes to `hash`.
pub(crate) fn device_by_token(
    conn: &mut Connection,
    hash: &[u8],
) -> Result<Option<DeviceRow>, StorageError> {
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

/// Whether a device with this client id is already registered (in any collective).
pub(crate) fn device_exists(conn: &mut Connection, device: Id) -> Result<bool, StorageError> {
    let count: i64 = conn.query_row(
        "SELECT COUNT(*) FROM devices WHERE id = ?1",
        [device.to_string()],
        |row| row.get(0),
    )?;
    Ok(count > 0)
}

/// Adds a member and their first device, in one transaction.
pub(crate) fn insert_member(conn: &mut Connection, new: &NewMember) -> Result<(), StorageError> {
    let tx = conn.transaction()?;
    tx.execute(
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
    tx.execute(
        "INSERT INTO devices (id, member_id, collective_id, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![new.device.to_string(), new.member.to_string(), new.collective.to_string(), new.token_hash, new.now],
    )?;
    tx.commit()?;
    Ok(())
}

/// Marks a device revoked; true if it existed in `collective`.
pub(crate) fn revoke_device(
    conn: &mut Connection,
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

/// The devices of a collective, oldest first.
pub(crate) fn devices(
    conn: &mut Connection,
    collective: Id,
) -> Result<Vec<DeviceListing>, StorageError> {
    let mut statement = conn.prepare(
        "SELECT d.id, d.member_id, m.display_name, m.access, d.revoked_at IS NOT NULL
         FROM devices d JOIN members m ON m.id = d.member_id WHERE d.collective_id = ?1 ORDER BY d.created_at, d.id",
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

/// Adds an invite.
pub(crate) fn insert_invite(
    conn: &mut Connection,
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
pub(crate) fn invite_by_token(
    conn: &mut Connection,
    hash: &[u8],
) -> Result<Option<InviteRow>, StorageError> {
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
pub(crate) fn use_invite(conn: &mut Connection, invite: Id) -> Result<bool, StorageError> {
    let changed = conn.execute(
        "UPDATE invites SET uses = uses + 1 WHERE id = ?1 AND uses < max_uses AND revoked_at IS NULL",
        [invite.to_string()],
    )?;
    Ok(changed == 1)
}

/// The number of applied operations in the log of `collective`.
pub(crate) fn log_length(conn: &mut Connection, collective: Id) -> Result<u64, StorageError> {
    let count: i64 = conn.query_row(
        "SELECT COUNT(*) FROM operations WHERE collective_id = ?1",
        [collective.to_string()],
        |row| row.get(0),
    )?;
    Ok(count as u64)
}

/// Applied operations of `collective` after version `since`, at most `limit`,
/// oldest first: the log time travel replays.
pub(crate) fn history(
    conn: &mut Connection,
    collective: Id,
    since: u64,
    limit: usize,
) -> Result<HistoryPage, StorageError> {
    let mut statement = conn.prepare(
        "SELECT version, received_at, operation, actor FROM operations
         WHERE collective_id = ?1 AND version > ?2 ORDER BY version LIMIT ?3",
    )?;
    let rows = statement
        .query_map(
            params![collective.to_string(), since as i64, (limit + 1) as i64],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )?
        .collect::<Result<Vec<_>, _>>()?;
    history_page(since, limit, rows)
}

/// Changes a member's access level; true if the member exists in `collective`.
pub(crate) fn set_member_access(
    conn: &mut Connection,
    collective: Id,
    member: Id,
    access: archipel_core::Access,
) -> Result<bool, StorageError> {
    let changed = conn.execute(
        "UPDATE members SET access = ?3 WHERE id = ?1 AND collective_id = ?2",
        params![member.to_string(), collective.to_string(), access.name()],
    )?;
    Ok(changed > 0)
}

/// Withdraws an invite; true if it existed in `collective`.
pub(crate) fn revoke_invite(
    conn: &mut Connection,
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

/// Stores an attachment unless the collective already has these bytes; true if stored now.
pub(crate) fn put_file(conn: &mut Connection, file: &NewFile) -> Result<bool, StorageError> {
    let changed = conn.execute(
        "INSERT INTO files (collective_id, hash, content_type, size, bytes, uploaded_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (collective_id, hash) DO NOTHING",
        params![
            file.collective.to_string(),
            file.hash,
            file.content_type,
            file.bytes.len() as i64,
            file.bytes,
            file.uploaded_by.map(|member| member.to_string()),
            file.now
        ],
    )?;
    Ok(changed > 0)
}

/// The attachment of `collective` with this hash.
pub(crate) fn file(
    conn: &mut Connection,
    collective: Id,
    hash: &str,
) -> Result<Option<StoredFile>, StorageError> {
    Ok(conn
        .query_row(
            "SELECT content_type, bytes FROM files WHERE collective_id = ?1 AND hash = ?2",
            params![collective.to_string(), hash],
            |row| {
                Ok(StoredFile {
                    content_type: row.get(0)?,
                    bytes: row.get(1)?,
                })
            },
        )
        .optional()?)
}

/// The attachments of `collective`, without their bytes, by hash.
pub(crate) fn files(
    conn: &mut Connection,
    collective: Id,
) -> Result<Vec<FileListing>, StorageError> {
    let mut statement = conn.prepare(
        "SELECT hash, content_type, size, created_at FROM files WHERE collective_id = ?1 ORDER BY hash",
    )?;
    let found = statement
        .query_map([collective.to_string()], |row| {
            Ok(FileListing {
                hash: row.get(0)?,
                content_type: row.get(1)?,
                size: row.get::<_, i64>(2)? as u64,
                created_at: row.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(found)
}

/// Every stored row of `collective`, read in one transaction, in a stable
/// order; `None` if it does not exist.
pub(crate) fn export(conn: &mut Connection, collective: Id) -> Result<Option<Rows>, StorageError> {
    let tx = conn.transaction()?;
    let key = collective.to_string();
    let Some(row) = tx
        .query_row(
            "SELECT id, name, version, received, created_at FROM collectives WHERE id = ?1",
            [&key],
            |row| {
                Ok(CollectiveLine {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    version: row.get(2)?,
                    received: row.get(3)?,
                    created_at: row.get(4)?,
                })
            },
        )
        .optional()?
    else {
        return Ok(None);
    };
    let mut rows = Rows {
        collective: Some(row),
        ..Rows::default()
    };
    macro_rules! all {
        ($sql:expr, |$row:ident| $make:expr) => {{
            let mut statement = tx.prepare($sql)?;
            let found = statement
                .query_map([&key], |$row| Ok($make))?
                .collect::<Result<Vec<_>, _>>()?;
            found
        }};
    }
    rows.members = all!(
        "SELECT id, person_id, display_name, access, created_at FROM members WHERE collective_id = ?1 ORDER BY id",
        |row| MemberLine {
            id: row.get(0)?,
            person_id: row.get(1)?,
            display_name: row.get(2)?,
            access: row.get(3)?,
            created_at: row.get(4)?,
        }
    );
    rows.devices = all!(
        "SELECT id, member_id, token_hash, created_at, revoked_at FROM devices WHERE collective_id = ?1 ORDER BY id",
        |row| DeviceLine {
            id: row.get(0)?,
            member_id: row.get(1)?,
            token_hash: hex::encode(row.get::<_, Vec<u8>>(2)?),
            created_at: row.get(3)?,
            revoked_at: row.get(4)?,
        }
    );
    rows.invites = all!(
        "SELECT id, token_hash, access, expires_at, max_uses, uses, created_by, created_at, revoked_at
         FROM invites WHERE collective_id = ?1 ORDER BY id",
        |row| InviteLine {
            id: row.get(0)?,
            token_hash: hex::encode(row.get::<_, Vec<u8>>(1)?),
            access: row.get(2)?,
            expires_at: row.get(3)?,
            max_uses: row.get(4)?,
            uses: row.get(5)?,
            created_by: row.get(6)?,
            created_at: row.get(7)?,
            revoked_at: row.get(8)?,
        }
    );
    rows.clients = all!(
        "SELECT client_id, last_seq FROM clients WHERE collective_id = ?1 ORDER BY client_id",
        |row| ClientLine {
            client_id: row.get(0)?,
            last_seq: row.get(1)?,
        }
    );
    rows.results = all!(
        "SELECT client_id, seq, op_id, outcome, version, refusal FROM results WHERE collective_id = ?1
         ORDER BY client_id, seq",
        |row| ResultLine {
            client_id: row.get(0)?,
            seq: row.get(1)?,
            op_id: row.get(2)?,
            outcome: row.get(3)?,
            version: row.get(4)?,
            refusal: row.get(5)?,
        }
    );
    rows.records = all!(
        "SELECT id, kind, changed_at, data FROM records WHERE collective_id = ?1 ORDER BY id",
        |row| RecordLine {
            id: row.get(0)?,
            kind: row.get(1)?,
            changed_at: row.get(2)?,
            data: row.get(3)?,
        }
    );
    rows.conflicts = all!(
        "SELECT id, at, data FROM conflicts WHERE collective_id = ?1 ORDER BY id",
        |row| ConflictLine {
            id: row.get(0)?,
            at: row.get(1)?,
            data: row.get(2)?,
        }
    );
    rows.operations = all!(
        "SELECT version, op_id, client_id, seq, actor, operation, received_at FROM operations
         WHERE collective_id = ?1 ORDER BY version",
        |row| OperationLine {
            version: row.get(0)?,
            op_id: row.get(1)?,
            client_id: row.get(2)?,
            seq: row.get(3)?,
            actor: row.get(4)?,
            operation: row.get(5)?,
            received_at: row.get(6)?,
        }
    );
    rows.attachments = all!(
        "SELECT hash, content_type, size, uploaded_by, created_at, bytes FROM files
         WHERE collective_id = ?1 ORDER BY hash",
        |row| AttachmentLine {
            hash: row.get(0)?,
            content_type: row.get(1)?,
            size: row.get(2)?,
            uploaded_by: row.get(3)?,
            created_at: row.get(4)?,
            data: base64(&row.get::<_, Vec<u8>>(5)?),
        }
    );
    tx.commit()?;
    Ok(Some(rows))
}

/// Writes every row of an archived collective in one transaction; an existing
/// collective of that id is refused, or first deleted whole when `replace`.
pub(crate) fn import(
    conn: &mut Connection,
    rows: &Rows,
    replace: bool,
) -> Result<(), StorageError> {
    let collective = rows
        .collective
        .as_ref()
        .ok_or_else(|| StorageError::Corrupt("an archive without its collective".into()))?;
    let key = collective.id.as_str();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let exists: i64 = tx.query_row(
        "SELECT COUNT(*) FROM collectives WHERE id = ?1",
        [key],
        |row| row.get(0),
    )?;
    if exists > 0 {
        if !replace {
            return Err(StorageError::CollectiveExists(key.to_owned()));
        }
        for table in DELETE_ORDER {
            let column = if *table == "collectives" {
                "id"
            } else {
                "collective_id"
            };
            tx.execute(&format!("DELETE FROM {table} WHERE {column} = ?1"), [key])?;
        }
    }
    tx.execute(
        "INSERT INTO collectives (id, name, version, received, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![key, collective.name, collective.version, collective.received, collective.created_at],
    )?;
    for row in &rows.members {
        tx.execute(
            "INSERT INTO members (id, collective_id, person_id, display_name, access, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                row.id,
                key,
                row.person_id,
                row.display_name,
                row.access,
                row.created_at
            ],
        )?;
    }
    for row in &rows.devices {
        tx.execute(
            "INSERT INTO devices (id, member_id, collective_id, token_hash, created_at, revoked_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                row.id,
                row.member_id,
                key,
                unhex(&row.token_hash)?,
                row.created_at,
                row.revoked_at
            ],
        )?;
    }
    for row in &rows.invites {
        tx.execute(
            "INSERT INTO invites (id, collective_id, token_hash, access, expires_at, max_uses, uses, created_by, created_at, revoked_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                row.id,
                key,
                unhex(&row.token_hash)?,
                row.access,
                row.expires_at,
                row.max_uses,
                row.uses,
                row.created_by,
                row.created_at,
                row.revoked_at
            ],
        )?;
    }
    for row in &rows.clients {
        tx.execute(
            "INSERT INTO clients (client_id, collective_id, last_seq) VALUES (?1, ?2, ?3)",
            params![row.client_id, key, row.last_seq],
        )?;
    }
    for row in &rows.results {
        tx.execute(
            "INSERT INTO results (client_id, seq, collective_id, op_id, outcome, version, refusal)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                row.client_id,
                row.seq,
                key,
                row.op_id,
                row.outcome,
                row.version,
                row.refusal
            ],
        )?;
    }
    for row in &rows.records {
        upsert_record(
            &tx,
            key,
            &RecordRow {
                id: row.id.clone(),
                kind: row.kind.clone(),
                changed_at: row.changed_at,
                data: row.data.clone(),
            },
        )?;
    }
    for row in &rows.conflicts {
        upsert_conflict(
            &tx,
            key,
            &ConflictRow {
                id: row.id.clone(),
                at: row.at,
                data: row.data.clone(),
            },
        )?;
    }
    for row in &rows.operations {
        tx.execute(
            "INSERT INTO operations (collective_id, version, op_id, client_id, seq, actor, operation, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![key, row.version, row.op_id, row.client_id, row.seq, row.actor, row.operation, row.received_at],
        )?;
    }
    for row in &rows.attachments {
        tx.execute(
            "INSERT INTO files (collective_id, hash, content_type, size, bytes, uploaded_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                key,
                row.hash,
                row.content_type,
                row.size,
                unbase64(&row.data, &row.hash)?,
                row.uploaded_by,
                row.created_at
            ],
        )?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        Migrations::from_slice(MIGRATIONS)
            .validate()
            .expect("embedded migrations apply to an empty database");
    }
}
