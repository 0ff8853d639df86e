//! The server's database: a SQLite file in the data directory (the embedded
//! default), opened in WAL mode and migrated at start.
//!
//! Every database access goes through this module so that a second engine
//! (PostgreSQL) can be added without touching the handlers. SQLite calls block,
//! so they run on tokio's blocking pool, one connection behind a mutex.

pub mod rows;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

/// File name of the database inside the data directory.
pub const DATABASE_FILE: &str = "archipel.sqlite3";

/// The schema, in order. Each entry runs once; never edit one that has shipped.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_server_meta.sql")),
    M::up(include_str!("../../migrations/0002_sync.sql")),
];

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
    /// A migration failed; the database is left at its previous version.
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// The blocking task running the query panicked or was cancelled.
    #[error("database task failed: {0}")]
    Task(String),
    /// Stored data the server cannot read back (never expected; a bug or tampering).
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
}

/// A handle to the database, cheap to clone.
#[derive(Clone)]
pub struct Storage {
    connection: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl Storage {
    /// Opens (creating if needed) the database in `data_dir` and applies pending migrations.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn open(data_dir: &Path) -> Result<Storage, StorageError> {
        let data_dir = data_dir.to_path_buf();
        tokio::task::spawn_blocking(move || Storage::open_blocking(&data_dir))
            .await
            .map_err(|error| StorageError::Task(error.to_string()))?
    }

    fn open_blocking(data_dir: &Path) -> Result<Storage, StorageError> {
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
        tracing::info!(path = %path.display(), "database ready");
        Ok(Storage {
            connection: Arc::new(Mutex::new(connection)),
            path,
        })
    }

    /// Runs `work` with the connection, on the current thread (for code already
    /// on the blocking pool).
    ///
    /// # Errors
    /// Whatever `work` returns, or [`StorageError::Task`] if the lock is poisoned.
    pub fn blocking_here<T>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, StorageError>,
    ) -> Result<T, StorageError> {
        let mut guard = self
            .connection
            .lock()
            .map_err(|_| StorageError::Task("database connection poisoned".into()))?;
        work(&mut guard)
    }

    /// Path of the database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version after migrations; also proves the database answers.
    ///
    /// # Errors
    /// See [`StorageError`].
    pub async fn schema_version(&self) -> Result<u32, StorageError> {
        self.blocking(|connection| {
            let version: u32 =
                connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
            Ok(version)
        })
        .await
    }

    /// Runs `work` with the connection on the blocking pool.
    ///
    /// # Errors
    /// Whatever `work` returns, or [`StorageError::Task`] if the task fails.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T, StorageError>
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        Migrations::from_slice(MIGRATIONS)
            .validate()
            .expect("embedded migrations apply to an empty database");
    }

    #[tokio::test]
    async fn first_open_creates_a_migrated_database_file_and_reopens_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data_dir = dir.path().join("nested").join("data");
        let storage = Storage::open(&data_dir).await.expect("opens");
        assert!(data_dir.join(DATABASE_FILE).is_file());
        let version = storage.schema_version().await.expect("answers");
        assert_eq!(version as usize, MIGRATIONS.len());
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
}
