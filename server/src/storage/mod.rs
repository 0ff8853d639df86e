//! The server's database, behind one handle whatever the engine: SQLite in
//! the data directory (the embedded default) or PostgreSQL (`--database-url`),
//! for several processes sharing one managed database.
//!
//! Every SQL statement lives under this module; the hub and the API call the
//! methods of [`Storage`] and [`Writer`] and never learn which engine answers.
//! Both engines run the same migrations (`migrations/*.sql` and their twins in
//! `migrations/postgres/`), store the same JSON text and answer the same pulls.
//!
//! - [`rows`] — the row shapes both engines read and write.
//! - [`sqlite`] — the embedded engine (one connection, tokio's blocking pool).
//! - [`postgres`] — the shared engine (a pool, advisory locks, LISTEN/NOTIFY).
//! - [`archive`] — a collective's portable backup, written and restored by either engine.

pub mod archive;
pub mod postgres;
pub mod rows;
pub mod sqlite;

use std::path::{Path, PathBuf};

use archipel_core::wire::{HistoryPage, StoredResult};
use archipel_core::{Access, Id};
use tokio::sync::broadcast;

use self::archive::Rows;
use self::postgres::{PgWriter, Postgres};
use self::rows::{
    Changes, CollectiveRow, DeviceListing, DeviceRow, FileListing, Head, InviteRow, Loaded,
    NewFile, NewMember, Prepared, StoredFile,
};
use self::sqlite::Sqlite;

pub use self::sqlite::DATABASE_FILE;

/// Why the database could not be opened or queried.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The data directory could not be created.
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        /// The directory that was asked for.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// SQLite refused an operation.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A SQLite migration failed; the database is left at its previous version.
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// PostgreSQL refused an operation or could not be reached.
    #[error("PostgreSQL error: {0}")]
    Postgres(tokio_postgres::Error),
    /// No PostgreSQL connection could be had in time.
    #[error("PostgreSQL connection pool: {0}")]
    Pool(String),
    /// The database URL or another setting is unusable.
    #[error("{0}")]
    Config(String),
    /// The blocking task running the query panicked or was cancelled.
    #[error("database task failed: {0}")]
    Task(String),
    /// A restore would overwrite a collective that exists (ask to replace it).
    #[error("collective {0} already exists here; restore with --replace to overwrite it")]
    CollectiveExists(String),
    /// Stored data the server cannot read back (never expected; a bug or tampering).
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
}

impl StorageError {
    /// Whether trying the same transaction again may succeed: a serialisation
    /// failure or a deadlock that the database resolved by aborting us.
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        use tokio_postgres::error::SqlState;
        match self {
            StorageError::Postgres(error) => error.code().is_some_and(|code| {
                *code == SqlState::T_R_SERIALIZATION_FAILURE
                    || *code == SqlState::T_R_DEADLOCK_DETECTED
            }),
            _ => false,
        }
    }
}

/// Tables holding a collective's rows, in the order a replacing restore
/// deletes them (references first).
pub(crate) const DELETE_ORDER: &[&str] = &[
    "files",
    "operations",
    "results",
    "records",
    "conflicts",
    "clients",
    "invites",
    "devices",
    "members",
    "collectives",
];

/// Bytes from an archive's base64 (attachments), checked against their hash.
pub(crate) fn unbase64(text: &str, hash: &str) -> Result<Vec<u8>, StorageError> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|error| StorageError::Corrupt(format!("attachment {hash}: {error}")))?;
    if crate::secrets::sha256_hex(&bytes) != hash {
        return Err(StorageError::Corrupt(format!(
            "attachment {hash}: its bytes do not have this hash"
        )));
    }
    Ok(bytes)
}

/// An attachment's bytes as an archive carries them (base64).
pub(crate) fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Bytes from an archive's hex.
pub(crate) fn unhex(text: &str) -> Result<Vec<u8>, StorageError> {
    hex::decode(text).map_err(|error| StorageError::Corrupt(format!("a token hash: {error}")))
}

/// Which database to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// `archipel.sqlite3` in this data directory.
    Sqlite(PathBuf),
    /// A PostgreSQL URL (`postgres://user:password@host:port/database`).
    Postgres(String),
}

/// A change another process made, announced through the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// `collective` is now at `version`.
    Changed {
        /// The collective.
        collective: Id,
        /// Its new version.
        version: u64,
    },
    /// Notices may have been missed (the listening connection was re-opened).
    Resync,
}

#[derive(Clone)]
enum Engine {
    Sqlite(Sqlite),
    Postgres(Postgres),
}

/// A handle to the database, cheap to clone.
#[derive(Clone)]
pub struct Storage {
    engine: Engine,
}

/// Runs the SQLite function `$f` on the blocking pool (the arguments moved
/// there), or the PostgreSQL method of the same name.
macro_rules! dispatch {
    ($self:ident, $f:ident ( $($arg:expr),* )) => {
        match &$self.engine {
            Engine::Sqlite(db) => db.blocking(move |conn| sqlite::$f(conn, $($arg),*)).await,
            Engine::Postgres(db) => db.$f($($arg),*).await,
        }
    };
}

impl Storage {
    /// Opens the SQLite database in `data_dir` (creating and migrating it).
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn open(data_dir: &Path) -> Result<Storage, StorageError> {
        Storage::open_at(&Location::Sqlite(data_dir.to_path_buf())).await
    }

    /// Opens the database at `location`, applying pending migrations.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn open_at(location: &Location) -> Result<Storage, StorageError> {
        let engine = match location {
            Location::Sqlite(dir) => Engine::Sqlite(Sqlite::open(dir).await?),
            Location::Postgres(url) => Engine::Postgres(Postgres::open(url).await?),
        };
        Ok(Storage { engine })
    }

    /// The engine's name, as `/healthz` reports it: `sqlite` or `postgres`.
    #[must_use]
    pub fn engine_name(&self) -> &'static str {
        match self.engine {
            Engine::Sqlite(_) => "sqlite",
            Engine::Postgres(_) => "postgres",
        }
    }

    /// Where the data is: the SQLite file, or PostgreSQL's host, port and
    /// database (never credentials).
    #[must_use]
    pub fn describe(&self) -> String {
        match &self.engine {
            Engine::Sqlite(db) => db.path().display().to_string(),
            Engine::Postgres(db) => db.target().to_owned(),
        }
    }

    /// Changes other processes announce (PostgreSQL); `None` when this process
    /// is the only writer (SQLite).
    #[must_use]
    pub fn notices(&self) -> Option<broadcast::Receiver<Notice>> {
        match &self.engine {
            Engine::Sqlite(_) => None,
            Engine::Postgres(db) => Some(db.notices()),
        }
    }

    /// The schema version after migrations; also proves the database answers.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn schema_version(&self) -> Result<u32, StorageError> {
        dispatch!(self, schema_version())
    }

    /// Adds a collective at version 0.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn insert_collective(
        &self,
        id: Id,
        name: String,
        now: String,
    ) -> Result<(), StorageError> {
        dispatch!(self, insert_collective(id, &name, &now))
    }

    /// On a database without collectives, claims the first start (the demo
    /// collective) for this process; false if another did or collectives exist.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn claim_first_start(&self) -> Result<bool, StorageError> {
        dispatch!(self, claim_first_start())
    }

    /// Every collective, oldest first.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn collectives(&self) -> Result<Vec<CollectiveRow>, StorageError> {
        dispatch!(self, collectives())
    }

    /// One collective, if it exists.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn collective(&self, id: Id) -> Result<Option<CollectiveRow>, StorageError> {
        dispatch!(self, collective(id))
    }

    /// Takes the right to write `collective` (its lock, on PostgreSQL) until
    /// the writer is released. The caller serialises writers within the process.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn writer(&self, collective: Id) -> Result<Writer, StorageError> {
        Ok(Writer {
            inner: match &self.engine {
                Engine::Sqlite(db) => WriterInner::Sqlite(db.clone(), collective),
                Engine::Postgres(db) => {
                    WriterInner::Postgres(Box::new(db.writer(collective).await?))
                }
            },
        })
    }

    /// A page of records and conflicts changed after `since` (at most `limit`
    /// records) and `client`'s results after `acked` (at most `most`), read consistently.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn pull(
        &self,
        collective: Id,
        since: u64,
        limit: usize,
        results_of: (Id, u64, usize),
    ) -> Result<(Changes, Vec<StoredResult>), StorageError> {
        dispatch!(self, pull(collective, since, limit, results_of))
    }

    /// The device whose token hashes to `hash`.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn device_by_token(&self, hash: Vec<u8>) -> Result<Option<DeviceRow>, StorageError> {
        dispatch!(self, device_by_token(&hash))
    }

    /// Whether a device with this client id is already registered (in any collective).
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn device_exists(&self, device: Id) -> Result<bool, StorageError> {
        dispatch!(self, device_exists(device))
    }

    /// Adds a member and their first device.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn insert_member(&self, new: NewMember) -> Result<(), StorageError> {
        dispatch!(self, insert_member(&new))
    }

    /// Marks a device revoked; true if it existed in `collective`.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn revoke_device(
        &self,
        collective: Id,
        device: Id,
        now: String,
    ) -> Result<bool, StorageError> {
        dispatch!(self, revoke_device(collective, device, &now))
    }

    /// The devices of a collective, oldest first.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn devices(&self, collective: Id) -> Result<Vec<DeviceListing>, StorageError> {
        dispatch!(self, devices(collective))
    }

    /// Adds an invite.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn insert_invite(
        &self,
        invite: InviteRow,
        token_hash: Vec<u8>,
        created_by: Option<Id>,
        now: String,
    ) -> Result<(), StorageError> {
        dispatch!(self, insert_invite(&invite, &token_hash, created_by, &now))
    }

    /// The invite whose token hashes to `hash`.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn invite_by_token(&self, hash: Vec<u8>) -> Result<Option<InviteRow>, StorageError> {
        dispatch!(self, invite_by_token(&hash))
    }

    /// Counts one use of an invite if it has uses left; true if counted.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn use_invite(&self, invite: Id) -> Result<bool, StorageError> {
        dispatch!(self, use_invite(invite))
    }

    /// The number of applied operations in the log of `collective`.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn log_length(&self, collective: Id) -> Result<u64, StorageError> {
        dispatch!(self, log_length(collective))
    }

    /// Applied operations of `collective` after version `since`, at most
    /// `limit`, oldest first: the log time travel replays.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn history(
        &self,
        collective: Id,
        since: u64,
        limit: usize,
    ) -> Result<HistoryPage, StorageError> {
        dispatch!(self, history(collective, since, limit))
    }

    /// Changes a member's access level; true if the member exists in `collective`.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn set_member_access(
        &self,
        collective: Id,
        member: Id,
        access: Access,
    ) -> Result<bool, StorageError> {
        dispatch!(self, set_member_access(collective, member, access))
    }

    /// Every stored row of `collective`, read consistently, for a backup;
    /// `None` if it does not exist.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn export(&self, collective: Id) -> Result<Option<Rows>, StorageError> {
        dispatch!(self, export(collective))
    }

    /// Restores an archived collective in one transaction. An existing one of
    /// the same id is refused ([`StorageError::CollectiveExists`]) unless
    /// `replace`, which deletes it first. Processes serving it must reload it.
    ///
    /// # Errors
    /// See [`StorageError`]; nothing is written on error.
    pub async fn import(&self, rows: Rows, replace: bool) -> Result<(), StorageError> {
        dispatch!(self, import(&rows, replace))
    }

    /// Withdraws an invite; true if it existed in `collective`.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn revoke_invite(
        &self,
        collective: Id,
        invite: Id,
        now: String,
    ) -> Result<bool, StorageError> {
        dispatch!(self, revoke_invite(collective, invite, &now))
    }

    /// Stores an attachment under its hash; true if stored now, false if the
    /// collective already had these bytes (nothing is written then).
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn put_file(&self, file: NewFile) -> Result<bool, StorageError> {
        dispatch!(self, put_file(&file))
    }

    /// The attachment of `collective` with this hash, if it has one.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn file(
        &self,
        collective: Id,
        hash: String,
    ) -> Result<Option<StoredFile>, StorageError> {
        dispatch!(self, file(collective, &hash))
    }

    /// The attachments of `collective`, without their bytes, by hash.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn files(&self, collective: Id) -> Result<Vec<FileListing>, StorageError> {
        dispatch!(self, files(collective))
    }
}

enum WriterInner {
    Sqlite(Sqlite, Id),
    Postgres(Box<PgWriter>),
}

/// The right to write one collective, from [`Storage::writer`] until
/// [`Writer::release`]. On PostgreSQL it holds the collective's advisory lock,
/// so no other process writes it meanwhile; dropping it unreleased closes its
/// connection, which frees the lock.
pub struct Writer {
    inner: WriterInner,
}

impl Writer {
    /// Where the collective stands now; `None` if it does not exist.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn head(&mut self) -> Result<Option<Head>, StorageError> {
        match &mut self.inner {
            WriterInner::Sqlite(db, collective) => {
                let collective = *collective;
                db.blocking(move |conn| sqlite::head(conn, collective))
                    .await
            }
            WriterInner::Postgres(writer) => writer.head().await,
        }
    }

    /// Records and conflicts written after version `since` (all of them from
    /// 0), every client's last sequence and the head, in one snapshot.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn load_since(&mut self, since: u64) -> Result<Loaded, StorageError> {
        match &mut self.inner {
            WriterInner::Sqlite(db, collective) => {
                let collective = *collective;
                db.blocking(move |conn| sqlite::load_since(conn, collective, since))
                    .await
            }
            WriterInner::Postgres(writer) => writer.load_since(since).await,
        }
    }

    /// The stored outcome of `client`'s operation `seq` (to answer a replay).
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn stored_result(
        &mut self,
        client: Id,
        seq: u64,
    ) -> Result<Option<StoredResult>, StorageError> {
        match &mut self.inner {
            WriterInner::Sqlite(db, _) => {
                let found = db
                    .blocking(move |conn| {
                        sqlite::results_after(conn, client, seq.saturating_sub(1), 1)
                    })
                    .await?;
                Ok(found.into_iter().find(|result| result.seq == seq))
            }
            WriterInner::Postgres(writer) => writer.stored_result(client, seq).await,
        }
    }

    /// Writes one received operation and all its effects in one transaction
    /// (`REPEATABLE READ` on PostgreSQL), counting it as received.
    ///
    /// # Errors
    /// See [`StorageError`]; [`StorageError::is_retryable`] says whether to retry.
    pub async fn write(&mut self, prepared: Prepared) -> Result<(), StorageError> {
        match &mut self.inner {
            WriterInner::Sqlite(db, _) => {
                db.blocking(move |conn| sqlite::write(conn, &prepared))
                    .await
            }
            WriterInner::Postgres(writer) => writer.write(&prepared).await,
        }
    }

    /// Tells other processes sharing the database that the collective is at
    /// `version` (nothing to do with SQLite).
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn announce(&mut self, version: u64) -> Result<(), StorageError> {
        match &mut self.inner {
            WriterInner::Sqlite(..) => Ok(()),
            WriterInner::Postgres(writer) => writer.announce(version).await,
        }
    }

    /// Gives the right to write back.
    ///
    /// # Errors
    /// See [`StorageError`]; the lock is freed even then.
    pub async fn release(self) -> Result<(), StorageError> {
        match self.inner {
            WriterInner::Sqlite(..) => Ok(()),
            WriterInner::Postgres(writer) => writer.release().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn first_open_creates_a_migrated_database_file_and_reopens_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data_dir = dir.path().join("nested").join("data");
        let storage = Storage::open(&data_dir).await.expect("opens");
        assert!(data_dir.join(DATABASE_FILE).is_file());
        let version = storage.schema_version().await.expect("answers");
        assert_eq!(version as usize, sqlite::MIGRATIONS.len());
        assert_eq!(storage.engine_name(), "sqlite");
        drop(storage);
        let again = Storage::open(&data_dir).await.expect("reopens");
        assert_eq!(again.schema_version().await.expect("answers"), version);
    }

    #[tokio::test]
    async fn a_data_dir_that_is_a_file_gives_a_clear_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let blocker = dir.path().join("data");
        std::fs::write(&blocker, b"not a directory").expect("write");
        let error = Storage::open(&blocker).await.err().expect("must fail");
        assert!(
            error
                .to_string()
                .contains("cannot create the data directory"),
            "{error}"
        );
    }

    #[tokio::test]
    async fn an_unreadable_database_url_says_what_is_expected() {
        let error = Storage::open_at(&Location::Postgres("postgres://x:y@[nope".into()))
            .await
            .err()
            .expect("must fail");
        assert!(error.to_string().contains("postgres://"), "{error}");
    }
}
