//! The shared engine: PostgreSQL, for a federation or a managed, replicated
//! database that several `archipel` processes serve at once.
//!
//! - **Serialisation.** Pushes to one collective hold a session-level advisory
//!   lock keyed by the collective (`pg_advisory_lock`) for the whole batch; the
//!   lock is taken *before* each transaction begins, so every transaction's
//!   snapshot already includes what the previous holder committed. Each received
//!   operation is then one `REPEATABLE READ` transaction; a serialisation
//!   failure or deadlock is reported as retryable and the hub retries it a
//!   bounded number of times after reloading.
//! - **Pokes across processes.** After a batch that changed the collective the
//!   writer sends `NOTIFY archipel_changes, '<collective> <version> <origin>'`;
//!   every process `LISTEN`s on one dedicated connection and hands the notice
//!   to its hub, which pokes its own event-stream subscribers. A process ignores
//!   its own notices (it poked its subscribers already).
//! - **Migrations.** `migrations/postgres/*.sql`, the twins of the SQLite files,
//!   applied in order under an advisory lock (processes may start together) and
//!   recorded in `schema_migrations`.

use std::future::Future;
use std::time::Duration;

use archipel_core::wire::{HistoryPage, StoredResult};
use archipel_core::{Access, Id, Record};
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod, Runtime};
use tokio::sync::broadcast;
use tokio_postgres::{AsyncMessage, IsolationLevel, NoTls, Row};

use super::archive::{
    AttachmentLine, ClientLine, CollectiveLine, ConflictLine, DeviceLine, InviteLine, MemberLine,
    OperationLine, RecordLine, ResultLine, Rows,
};
use super::rows::{
    Changes, CollectiveRow, ConflictRow, DeviceListing, DeviceRow, FileListing, Head, InviteRow,
    Loaded, NewFile, NewMember, Prepared, RecordRow, StoredFile, access_from, history_page, id,
    parse,
};
use super::{DELETE_ORDER, Notice, StorageError, base64, unbase64, unhex};

/// The schema, in order, as (version, SQL). Kept file for file in step with
/// the SQLite migrations (a test checks the names).
pub(crate) const MIGRATIONS: &[(u32, &str, &str)] = &[
    (
        1,
        "0001_server_meta.sql",
        include_str!("../../migrations/postgres/0001_server_meta.sql"),
    ),
    (
        2,
        "0002_sync.sql",
        include_str!("../../migrations/postgres/0002_sync.sql"),
    ),
    (
        3,
        "0003_received.sql",
        include_str!("../../migrations/postgres/0003_received.sql"),
    ),
    (
        4,
        "0004_files.sql",
        include_str!("../../migrations/postgres/0004_files.sql"),
    ),
];

/// The notification channel every process listens on.
const CHANNEL: &str = "archipel_changes";
/// Advisory lock key held while migrating ("Archipel" in ASCII).
const MIGRATION_LOCK: i64 = 0x4172_6368_6970_656c;
/// Session settings for every connection. A writer waits at most 30 s for a
/// collective's lock (the push then fails as "storage unavailable, retry");
/// the database notices a vanished process (a crashed machine, not only a
/// killed process) within about 25 s and frees the locks it held.
const SESSION_OPTIONS: &str = "-c lock_timeout=30s -c tcp_keepalives_idle=10 \
    -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3";
/// Connections per process.
const POOL_SIZE: usize = 16;
/// How long a request waits for a free connection or a new one.
const POOL_WAIT: Duration = Duration::from_secs(10);

/// The PostgreSQL engine, cheap to clone.
#[derive(Clone)]
pub struct Postgres {
    pool: Pool,
    /// This process's id in notices, to skip its own.
    origin: u64,
    notices: broadcast::Sender<Notice>,
    target: String,
}

impl From<tokio_postgres::Error> for StorageError {
    fn from(error: tokio_postgres::Error) -> Self {
        StorageError::Postgres(error)
    }
}

/// Where `config` points, without credentials (for logs and health).
fn describe(config: &tokio_postgres::Config) -> String {
    let host = config
        .get_hosts()
        .first()
        .map(|host| match host {
            tokio_postgres::config::Host::Tcp(name) => name.clone(),
            tokio_postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .unwrap_or_else(|| "localhost".to_owned());
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let database = config.get_dbname().unwrap_or("(default)");
    format!("{host}:{port}/{database}")
}

impl Postgres {
    /// Connects to `url` (`postgres://user:password@host:port/database`),
    /// applies pending migrations and starts listening for other processes' changes.
    pub(crate) async fn open(url: &str) -> Result<Postgres, StorageError> {
        let mut config: tokio_postgres::Config = url.parse().map_err(|error| {
            StorageError::Config(format!(
                "cannot read the database URL ({error}); expected postgres://user:password@host:port/database"
            ))
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("archipel");
        }
        // Ours come after any options in the URL; the URL's own win for the rest.
        let options = match config.get_options() {
            Some(given) => format!("{SESSION_OPTIONS} {given}"),
            None => SESSION_OPTIONS.to_owned(),
        };
        config.options(options);
        let target = describe(&config);
        let manager = Manager::from_config(
            config.clone(),
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(POOL_WAIT))
            .create_timeout(Some(POOL_WAIT))
            .build()
            .map_err(|error| StorageError::Pool(error.to_string()))?;
        let mut origin = [0u8; 8];
        getrandom::fill(&mut origin).map_err(|error| StorageError::Task(error.to_string()))?;
        let (notices, _) = broadcast::channel(1024);
        let postgres = Postgres {
            pool,
            origin: u64::from_le_bytes(origin),
            notices,
            target,
        };
        postgres.migrate().await?;
        tokio::spawn(listen(config, postgres.notices.clone(), postgres.origin));
        tracing::info!(database = %postgres.target, "database ready (PostgreSQL)");
        Ok(postgres)
    }

    /// Where the database is, without credentials.
    pub(crate) fn target(&self) -> &str {
        &self.target
    }

    /// Changes made by other processes, as they are announced.
    pub(crate) fn notices(&self) -> broadcast::Receiver<Notice> {
        self.notices.subscribe()
    }

    pub(crate) async fn client(&self) -> Result<Object, StorageError> {
        self.pool.get().await.map_err(|error| match error {
            deadpool_postgres::PoolError::Backend(error) => StorageError::Postgres(error),
            other => StorageError::Pool(other.to_string()),
        })
    }

    async fn migrate(&self) -> Result<(), StorageError> {
        let mut client = self.client().await?;
        client
            .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        let outcome = migrate_locked(&mut client).await;
        let unlocked = client
            .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
            .await;
        if outcome.is_err() || unlocked.is_err() {
            // Never hand a connection that may still hold the lock back to the pool.
            drop(Object::take(client));
        }
        outcome?;
        unlocked?;
        Ok(())
    }

    /// The schema version after migrations; also proves the database answers.
    pub(crate) async fn schema_version(&self) -> Result<u32, StorageError> {
        let client = self.client().await?;
        let row = client
            .query_one(
                "SELECT COALESCE(MAX(version), 0)::BIGINT FROM schema_migrations",
                &[],
            )
            .await?;
        Ok(u32::try_from(row.get::<_, i64>(0)).unwrap_or(0))
    }

    pub(crate) async fn insert_collective(
        &self,
        id: Id,
        name: &str,
        now: &str,
    ) -> Result<(), StorageError> {
        let client = self.client().await?;
        client
            .execute(
                "INSERT INTO collectives (id, name, version, created_at) VALUES ($1, $2, 0, $3)",
                &[&id.to_string(), &name, &now],
            )
            .await?;
        Ok(())
    }

    pub(crate) async fn claim_first_start(&self) -> Result<bool, StorageError> {
        let mut client = self.client().await?;
        // READ COMMITTED on purpose: of two processes starting together, the
        // second's insert waits for the first's commit and then does nothing.
        let tx = client.transaction().await?;
        let any: i64 = tx
            .query_one("SELECT COUNT(*) FROM collectives", &[])
            .await?
            .get(0);
        if any > 0 {
            return Ok(false);
        }
        let claimed = tx
            .execute(
                "INSERT INTO server_meta (key, value)
                 VALUES ('first_start', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))
                 ON CONFLICT (key) DO NOTHING",
                &[],
            )
            .await?;
        tx.commit().await?;
        Ok(claimed == 1)
    }

    pub(crate) async fn collectives(&self) -> Result<Vec<CollectiveRow>, StorageError> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT id, name, version FROM collectives ORDER BY created_at COLLATE \"C\", id COLLATE \"C\"",
                &[],
            )
            .await?;
        rows.iter()
            .map(|row| {
                Ok(CollectiveRow {
                    id: id(row.get(0))?,
                    name: row.get(1),
                    version: row.get::<_, i64>(2) as u64,
                })
            })
            .collect()
    }

    pub(crate) async fn collective(
        &self,
        collective: Id,
    ) -> Result<Option<CollectiveRow>, StorageError> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                "SELECT name, version FROM collectives WHERE id = $1",
                &[&collective.to_string()],
            )
            .await?;
        Ok(row.map(|row| CollectiveRow {
            id: collective,
            name: row.get(0),
            version: row.get::<_, i64>(1) as u64,
        }))
    }

    /// Takes the collective's lock and returns its writer.
    pub(crate) async fn writer(&self, collective: Id) -> Result<PgWriter, StorageError> {
        let client = self.client().await?;
        let key = collective.to_string();
        let mut writer = PgWriter {
            client: Some(client),
            collective,
            key,
            origin: self.origin,
            locked: false,
        };
        let key = writer.key.clone();
        writer
            .client()?
            .execute("SELECT pg_advisory_lock(hashtextextended($1, 0))", &[&key])
            .await?;
        writer.locked = true;
        Ok(writer)
    }

    pub(crate) async fn pull(
        &self,
        collective: Id,
        since: u64,
        limit: usize,
        results_of: (Id, u64, usize),
    ) -> Result<(Changes, Vec<StoredResult>), StorageError> {
        let mut client = self.client().await?;
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let key = collective.to_string();
        let version: i64 = tx
            .query_one("SELECT version FROM collectives WHERE id = $1", &[&key])
            .await?
            .get(0);
        let rows = tx
            .query(
                "SELECT data FROM records WHERE collective_id = $1 AND changed_at > $2
                 ORDER BY changed_at, id COLLATE \"C\" LIMIT $3",
                &[&key, &(since as i64), &((limit + 1) as i64)],
            )
            .await?;
        let records: Vec<Record> = rows
            .iter()
            .map(|row| parse(row.get(0)))
            .collect::<Result<_, _>>()?;
        let mut changes = Changes::page(version as u64, since, limit, records);
        let rows = tx
            .query(
                "SELECT data FROM conflicts WHERE collective_id = $1 AND at > $2 AND at <= $3
                 ORDER BY at, id COLLATE \"C\"",
                &[&key, &(since as i64), &(changes.cursor as i64)],
            )
            .await?;
        for row in &rows {
            changes.conflicts.push(parse(row.get(0))?);
        }
        let (client_id, acked, most) = results_of;
        let results = results_after(&tx, client_id, acked, most).await?;
        tx.commit().await?;
        Ok((changes, results))
    }

    pub(crate) async fn device_by_token(
        &self,
        hash: &[u8],
    ) -> Result<Option<DeviceRow>, StorageError> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                "SELECT d.id, d.member_id, d.collective_id, m.access, m.person_id, m.display_name, d.revoked_at IS NOT NULL
                 FROM devices d JOIN members m ON m.id = d.member_id WHERE d.token_hash = $1",
                &[&hash],
            )
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        Ok(Some(DeviceRow {
            id: id(row.get(0))?,
            member: id(row.get(1))?,
            collective: id(row.get(2))?,
            access: access_from(row.get(3))?,
            person: row.get::<_, Option<&str>>(4).map(id).transpose()?,
            display_name: row.get(5),
            revoked: row.get(6),
        }))
    }

    pub(crate) async fn device_exists(&self, device: Id) -> Result<bool, StorageError> {
        let client = self.client().await?;
        let row = client
            .query_one(
                "SELECT COUNT(*) FROM devices WHERE id = $1",
                &[&device.to_string()],
            )
            .await?;
        Ok(row.get::<_, i64>(0) > 0)
    }

    pub(crate) async fn insert_member(&self, new: &NewMember) -> Result<(), StorageError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        tx.execute(
            "INSERT INTO members (id, collective_id, person_id, display_name, access, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &new.member.to_string(),
                &new.collective.to_string(),
                &new.person.map(|person| person.to_string()),
                &new.display_name,
                &new.access.name(),
                &new.now,
            ],
        )
        .await?;
        tx.execute(
            "INSERT INTO devices (id, member_id, collective_id, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
            &[
                &new.device.to_string(),
                &new.member.to_string(),
                &new.collective.to_string(),
                &new.token_hash,
                &new.now,
            ],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn revoke_device(
        &self,
        collective: Id,
        device: Id,
        now: &str,
    ) -> Result<bool, StorageError> {
        let client = self.client().await?;
        let changed = client
            .execute(
                "UPDATE devices SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND collective_id = $2",
                &[&device.to_string(), &collective.to_string(), &now],
            )
            .await?;
        Ok(changed > 0)
    }

    pub(crate) async fn devices(&self, collective: Id) -> Result<Vec<DeviceListing>, StorageError> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT d.id, d.member_id, m.display_name, m.access, d.revoked_at IS NOT NULL
                 FROM devices d JOIN members m ON m.id = d.member_id WHERE d.collective_id = $1
                 ORDER BY d.created_at COLLATE \"C\", d.id COLLATE \"C\"",
                &[&collective.to_string()],
            )
            .await?;
        rows.iter()
            .map(|row| {
                Ok(DeviceListing {
                    id: id(row.get(0))?,
                    member: id(row.get(1))?,
                    display_name: row.get(2),
                    access: access_from(row.get(3))?,
                    revoked: row.get(4),
                })
            })
            .collect()
    }

    pub(crate) async fn insert_invite(
        &self,
        invite: &InviteRow,
        token_hash: &[u8],
        created_by: Option<Id>,
        now: &str,
    ) -> Result<(), StorageError> {
        let client = self.client().await?;
        client
            .execute(
                "INSERT INTO invites (id, collective_id, token_hash, access, expires_at, max_uses, uses, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8)",
                &[
                    &invite.id.to_string(),
                    &invite.collective.to_string(),
                    &token_hash,
                    &invite.access.name(),
                    &invite.expires_at,
                    &i64::from(invite.max_uses),
                    &created_by.map(|member| member.to_string()),
                    &now,
                ],
            )
            .await?;
        Ok(())
    }

    pub(crate) async fn invite_by_token(
        &self,
        hash: &[u8],
    ) -> Result<Option<InviteRow>, StorageError> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                "SELECT id, collective_id, access, expires_at, max_uses, uses, revoked_at IS NOT NULL
                 FROM invites WHERE token_hash = $1",
                &[&hash],
            )
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let count = |value: i64| u32::try_from(value).unwrap_or(u32::MAX);
        Ok(Some(InviteRow {
            id: id(row.get(0))?,
            collective: id(row.get(1))?,
            access: access_from(row.get(2))?,
            expires_at: row.get(3),
            max_uses: count(row.get(4)),
            uses: count(row.get(5)),
            revoked: row.get(6),
        }))
    }

    pub(crate) async fn use_invite(&self, invite: Id) -> Result<bool, StorageError> {
        let client = self.client().await?;
        let changed = client
            .execute(
                "UPDATE invites SET uses = uses + 1 WHERE id = $1 AND uses < max_uses AND revoked_at IS NULL",
                &[&invite.to_string()],
            )
            .await?;
        Ok(changed == 1)
    }

    pub(crate) async fn log_length(&self, collective: Id) -> Result<u64, StorageError> {
        let client = self.client().await?;
        let row = client
            .query_one(
                "SELECT COUNT(*) FROM operations WHERE collective_id = $1",
                &[&collective.to_string()],
            )
            .await?;
        Ok(row.get::<_, i64>(0) as u64)
    }

    pub(crate) async fn history(
        &self,
        collective: Id,
        since: u64,
        limit: usize,
    ) -> Result<HistoryPage, StorageError> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT version, received_at, operation, actor FROM operations
                 WHERE collective_id = $1 AND version > $2 ORDER BY version LIMIT $3",
                &[
                    &collective.to_string(),
                    &(since as i64),
                    &((limit + 1) as i64),
                ],
            )
            .await?;
        history_page(
            since,
            limit,
            rows.iter()
                .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3))),
        )
    }

    pub(crate) async fn set_member_access(
        &self,
        collective: Id,
        member: Id,
        access: Access,
    ) -> Result<bool, StorageError> {
        let client = self.client().await?;
        let changed = client
            .execute(
                "UPDATE members SET access = $3 WHERE id = $1 AND collective_id = $2",
                &[&member.to_string(), &collective.to_string(), &access.name()],
            )
            .await?;
        Ok(changed > 0)
    }

    pub(crate) async fn revoke_invite(
        &self,
        collective: Id,
        invite: Id,
        now: &str,
    ) -> Result<bool, StorageError> {
        let client = self.client().await?;
        let changed = client
            .execute(
                "UPDATE invites SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND collective_id = $2",
                &[&invite.to_string(), &collective.to_string(), &now],
            )
            .await?;
        Ok(changed > 0)
    }

    pub(crate) async fn put_file(&self, file: &NewFile) -> Result<bool, StorageError> {
        let client = self.client().await?;
        let changed = client
            .execute(
                "INSERT INTO files (collective_id, hash, content_type, size, bytes, uploaded_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (collective_id, hash) DO NOTHING",
                &[
                    &file.collective.to_string(),
                    &file.hash,
                    &file.content_type,
                    &(file.bytes.len() as i64),
                    &file.bytes,
                    &file.uploaded_by.map(|member| member.to_string()),
                    &file.now,
                ],
            )
            .await?;
        Ok(changed > 0)
    }

    pub(crate) async fn file(
        &self,
        collective: Id,
        hash: &str,
    ) -> Result<Option<StoredFile>, StorageError> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                "SELECT content_type, bytes FROM files WHERE collective_id = $1 AND hash = $2",
                &[&collective.to_string(), &hash],
            )
            .await?;
        Ok(row.map(|row| StoredFile {
            content_type: row.get(0),
            bytes: row.get(1),
        }))
    }

    pub(crate) async fn files(&self, collective: Id) -> Result<Vec<FileListing>, StorageError> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT hash, content_type, size, created_at FROM files WHERE collective_id = $1
                 ORDER BY hash COLLATE \"C\"",
                &[&collective.to_string()],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|row| FileListing {
                hash: row.get(0),
                content_type: row.get(1),
                size: row.get::<_, i64>(2) as u64,
                created_at: row.get(3),
            })
            .collect())
    }
}

impl Postgres {
    /// Every stored row of `collective`, read in one `REPEATABLE READ`
    /// snapshot, in the same order as SQLite; `None` if it does not exist.
    pub(crate) async fn export(&self, collective: Id) -> Result<Option<Rows>, StorageError> {
        let mut client = self.client().await?;
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let key = collective.to_string();
        let Some(row) = tx
            .query_opt(
                "SELECT id, name, version, received, created_at FROM collectives WHERE id = $1",
                &[&key],
            )
            .await?
        else {
            return Ok(None);
        };
        let mut rows = Rows {
            collective: Some(CollectiveLine {
                id: row.get(0),
                name: row.get(1),
                version: row.get(2),
                received: row.get(3),
                created_at: row.get(4),
            }),
            ..Rows::default()
        };
        let all = |sql: &'static str| {
            let tx = &tx;
            let key = &key;
            async move { tx.query(sql, &[key]).await }
        };
        rows.members = all(
            "SELECT id, person_id, display_name, access, created_at FROM members
             WHERE collective_id = $1 ORDER BY id COLLATE \"C\"",
        )
        .await?
        .iter()
        .map(|row| MemberLine {
            id: row.get(0),
            person_id: row.get(1),
            display_name: row.get(2),
            access: row.get(3),
            created_at: row.get(4),
        })
        .collect();
        rows.devices = all(
            "SELECT id, member_id, token_hash, created_at, revoked_at FROM devices
             WHERE collective_id = $1 ORDER BY id COLLATE \"C\"",
        )
        .await?
        .iter()
        .map(|row| DeviceLine {
            id: row.get(0),
            member_id: row.get(1),
            token_hash: hex::encode(row.get::<_, Vec<u8>>(2)),
            created_at: row.get(3),
            revoked_at: row.get(4),
        })
        .collect();
        rows.invites = all(
            "SELECT id, token_hash, access, expires_at, max_uses, uses, created_by, created_at, revoked_at
             FROM invites WHERE collective_id = $1 ORDER BY id COLLATE \"C\"",
        )
        .await?
        .iter()
        .map(|row| InviteLine {
            id: row.get(0),
            token_hash: hex::encode(row.get::<_, Vec<u8>>(1)),
            access: row.get(2),
            expires_at: row.get(3),
            max_uses: row.get(4),
            uses: row.get(5),
            created_by: row.get(6),
            created_at: row.get(7),
            revoked_at: row.get(8),
        })
        .collect();
        rows.clients = all(
            "SELECT client_id, last_seq FROM clients WHERE collective_id = $1
             ORDER BY client_id COLLATE \"C\"",
        )
        .await?
        .iter()
        .map(|row| ClientLine {
            client_id: row.get(0),
            last_seq: row.get(1),
        })
        .collect();
        rows.results = all(
            "SELECT client_id, seq, op_id, outcome, version, refusal FROM results
             WHERE collective_id = $1 ORDER BY client_id COLLATE \"C\", seq",
        )
        .await?
        .iter()
        .map(|row| ResultLine {
            client_id: row.get(0),
            seq: row.get(1),
            op_id: row.get(2),
            outcome: row.get(3),
            version: row.get(4),
            refusal: row.get(5),
        })
        .collect();
        rows.records = all(
            "SELECT id, kind, changed_at, data FROM records WHERE collective_id = $1
             ORDER BY id COLLATE \"C\"",
        )
        .await?
        .iter()
        .map(|row| RecordLine {
            id: row.get(0),
            kind: row.get(1),
            changed_at: row.get(2),
            data: row.get(3),
        })
        .collect();
        rows.conflicts = all(
            "SELECT id, at, data FROM conflicts WHERE collective_id = $1 ORDER BY id COLLATE \"C\"",
        )
        .await?
        .iter()
        .map(|row| ConflictLine {
            id: row.get(0),
            at: row.get(1),
            data: row.get(2),
        })
        .collect();
        rows.operations = all(
            "SELECT version, op_id, client_id, seq, actor, operation, received_at FROM operations
             WHERE collective_id = $1 ORDER BY version",
        )
        .await?
        .iter()
        .map(|row| OperationLine {
            version: row.get(0),
            op_id: row.get(1),
            client_id: row.get(2),
            seq: row.get(3),
            actor: row.get(4),
            operation: row.get(5),
            received_at: row.get(6),
        })
        .collect();
        rows.attachments = all(
            "SELECT hash, content_type, size, uploaded_by, created_at, bytes FROM files
             WHERE collective_id = $1 ORDER BY hash COLLATE \"C\"",
        )
        .await?
        .iter()
        .map(|row| AttachmentLine {
            hash: row.get(0),
            content_type: row.get(1),
            size: row.get(2),
            uploaded_by: row.get(3),
            created_at: row.get(4),
            data: base64(row.get::<_, &[u8]>(5)),
        })
        .collect();
        tx.commit().await?;
        Ok(Some(rows))
    }

    /// Writes every row of an archived collective in one transaction, holding
    /// the collective's lock so no push interleaves; an existing collective of
    /// that id is refused, or first deleted whole when `replace`.
    pub(crate) async fn import(&self, rows: &Rows, replace: bool) -> Result<(), StorageError> {
        let collective = rows
            .collective
            .as_ref()
            .ok_or_else(|| StorageError::Corrupt("an archive without its collective".into()))?;
        let key = collective.id.as_str();
        let mut client = self.client().await?;
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .start()
            .await?;
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            &[&key],
        )
        .await?;
        let exists: i64 = tx
            .query_one("SELECT COUNT(*) FROM collectives WHERE id = $1", &[&key])
            .await?
            .get(0);
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
                tx.execute(&format!("DELETE FROM {table} WHERE {column} = $1"), &[&key])
                    .await?;
            }
        }
        tx.execute(
            "INSERT INTO collectives (id, name, version, received, created_at) VALUES ($1, $2, $3, $4, $5)",
            &[
                &key,
                &collective.name,
                &collective.version,
                &collective.received,
                &collective.created_at,
            ],
        )
        .await?;
        for row in &rows.members {
            tx.execute(
                "INSERT INTO members (id, collective_id, person_id, display_name, access, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[&row.id, &key, &row.person_id, &row.display_name, &row.access, &row.created_at],
            )
            .await?;
        }
        for row in &rows.devices {
            tx.execute(
                "INSERT INTO devices (id, member_id, collective_id, token_hash, created_at, revoked_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &row.id,
                    &row.member_id,
                    &key,
                    &unhex(&row.token_hash)?,
                    &row.created_at,
                    &row.revoked_at,
                ],
            )
            .await?;
        }
        for row in &rows.invites {
            tx.execute(
                "INSERT INTO invites (id, collective_id, token_hash, access, expires_at, max_uses, uses, created_by, created_at, revoked_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                &[
                    &row.id,
                    &key,
                    &unhex(&row.token_hash)?,
                    &row.access,
                    &row.expires_at,
                    &row.max_uses,
                    &row.uses,
                    &row.created_by,
                    &row.created_at,
                    &row.revoked_at,
                ],
            )
            .await?;
        }
        for row in &rows.clients {
            tx.execute(
                "INSERT INTO clients (client_id, collective_id, last_seq) VALUES ($1, $2, $3)",
                &[&row.client_id, &key, &row.last_seq],
            )
            .await?;
        }
        for row in &rows.results {
            tx.execute(
                "INSERT INTO results (client_id, seq, collective_id, op_id, outcome, version, refusal)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    &row.client_id,
                    &row.seq,
                    &key,
                    &row.op_id,
                    &row.outcome,
                    &row.version,
                    &row.refusal,
                ],
            )
            .await?;
        }
        for row in &rows.records {
            let record = RecordRow {
                id: row.id.clone(),
                kind: row.kind.clone(),
                changed_at: row.changed_at,
                data: row.data.clone(),
            };
            upsert_record(&tx, key, &record).await?;
        }
        for row in &rows.conflicts {
            let conflict = ConflictRow {
                id: row.id.clone(),
                at: row.at,
                data: row.data.clone(),
            };
            upsert_conflict(&tx, key, &conflict).await?;
        }
        for row in &rows.operations {
            tx.execute(
                "INSERT INTO operations (collective_id, version, op_id, client_id, seq, actor, operation, received_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                &[
                    &key,
                    &row.version,
                    &row.op_id,
                    &row.client_id,
                    &row.seq,
                    &row.actor,
                    &row.operation,
                    &row.received_at,
                ],
            )
            .await?;
        }
        for row in &rows.attachments {
            tx.execute(
                "INSERT INTO files (collective_id, hash, content_type, size, bytes, uploaded_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    &key,
                    &row.hash,
                    &row.content_type,
                    &row.size,
                    &unbase64(&row.data, &row.hash)?,
                    &row.uploaded_by,
                    &row.created_at,
                ],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

async fn migrate_locked(client: &mut Object) -> Result<(), StorageError> {
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version     INTEGER PRIMARY KEY,
                 name        TEXT NOT NULL,
                 applied_at  TIMESTAMPTZ NOT NULL DEFAULT now()
             )",
        )
        .await?;
    let current: i32 = client
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            &[],
        )
        .await?
        .get(0);
    for (version, name, sql) in MIGRATIONS {
        let version = *version as i32;
        if version <= current {
            continue;
        }
        let tx = client.transaction().await?;
        tx.batch_execute(sql).await?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
            &[&version, name],
        )
        .await?;
        tx.commit().await?;
        tracing::info!(version, name, "applied a PostgreSQL migration");
    }
    Ok(())
}

async fn results_after(
    tx: &deadpool_postgres::Transaction<'_>,
    client: Id,
    after: u64,
    limit: usize,
) -> Result<Vec<StoredResult>, StorageError> {
    let rows = tx
        .query(
            "SELECT seq, op_id, version, refusal FROM results WHERE client_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            &[&client.to_string(), &(after as i64), &(limit as i64)],
        )
        .await?;
    rows.iter().map(stored_result).collect()
}

fn stored_result(row: &Row) -> Result<StoredResult, StorageError> {
    Ok(StoredResult {
        seq: row.get::<_, i64>(0) as u64,
        op_id: id(row.get(1))?,
        version: row.get::<_, Option<i64>>(2).map(|version| version as u64),
        refusal: row.get::<_, Option<&str>>(3).map(parse).transpose()?,
    })
}

/// One collective's writer: holds its advisory lock until released or dropped.
pub struct PgWriter {
    client: Option<Object>,
    collective: Id,
    key: String,
    origin: u64,
    locked: bool,
}

impl PgWriter {
    fn client(&mut self) -> Result<&mut Object, StorageError> {
        self.client
            .as_mut()
            .ok_or_else(|| StorageError::Task("the writer was released".into()))
    }

    pub(crate) async fn head(&mut self) -> Result<Option<Head>, StorageError> {
        let key = self.key.clone();
        let row = self
            .client()?
            .query_opt(
                "SELECT version, received FROM collectives WHERE id = $1",
                &[&key],
            )
            .await?;
        Ok(row.map(|row| Head {
            version: row.get::<_, i64>(0) as u64,
            received: row.get::<_, i64>(1) as u64,
        }))
    }

    pub(crate) async fn load_since(&mut self, since: u64) -> Result<Loaded, StorageError> {
        let key = self.key.clone();
        let collective = self.collective;
        let client = self.client()?;
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let head = tx
            .query_opt(
                "SELECT version, received FROM collectives WHERE id = $1",
                &[&key],
            )
            .await?
            .map(|row| Head {
                version: row.get::<_, i64>(0) as u64,
                received: row.get::<_, i64>(1) as u64,
            })
            .ok_or_else(|| StorageError::Corrupt(format!("collective {collective} vanished")))?;
        let mut loaded = Loaded {
            head,
            ..Loaded::default()
        };
        for row in tx
            .query(
                "SELECT data FROM records WHERE collective_id = $1 AND changed_at > $2",
                &[&key, &(since as i64)],
            )
            .await?
        {
            loaded.records.push(parse(row.get(0))?);
        }
        for row in tx
            .query(
                "SELECT data FROM conflicts WHERE collective_id = $1 AND at > $2",
                &[&key, &(since as i64)],
            )
            .await?
        {
            loaded.conflicts.push(parse(row.get(0))?);
        }
        for row in tx
            .query(
                "SELECT client_id, last_seq FROM clients WHERE collective_id = $1",
                &[&key],
            )
            .await?
        {
            loaded
                .last_seqs
                .push((id(row.get(0))?, row.get::<_, i64>(1) as u64));
        }
        tx.commit().await?;
        Ok(loaded)
    }

    pub(crate) async fn stored_result(
        &mut self,
        client_id: Id,
        seq: u64,
    ) -> Result<Option<StoredResult>, StorageError> {
        let row = self
            .client()?
            .query_opt(
                "SELECT seq, op_id, version, refusal FROM results WHERE client_id = $1 AND seq = $2",
                &[&client_id.to_string(), &(seq as i64)],
            )
            .await?;
        row.as_ref().map(stored_result).transpose()
    }

    /// Writes one received operation and its effects in one `REPEATABLE READ`
    /// transaction. The statements are pipelined (sent together, run in order,
    /// answered together): three round trips per operation whatever it touched.
    pub(crate) async fn write(&mut self, prepared: &Prepared) -> Result<(), StorageError> {
        let client = self.client()?;
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .start()
            .await?;
        let client_row = tx.prepare_cached(
            "INSERT INTO clients (client_id, collective_id, last_seq) VALUES ($1, $2, $3)
             ON CONFLICT (client_id) DO UPDATE SET last_seq = EXCLUDED.last_seq",
        );
        let result_row = tx.prepare_cached(
            "INSERT INTO results (client_id, seq, collective_id, op_id, outcome, version, refusal)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        );
        let log_row = tx.prepare_cached(
            "INSERT INTO operations (collective_id, version, op_id, client_id, seq, actor, operation, received_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        );
        let record_row = tx.prepare_cached(
            "INSERT INTO records (collective_id, id, kind, changed_at, data) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (collective_id, id) DO UPDATE
             SET kind = EXCLUDED.kind, changed_at = EXCLUDED.changed_at, data = EXCLUDED.data",
        );
        let conflict_row = tx.prepare_cached(
            "INSERT INTO conflicts (collective_id, id, at, data) VALUES ($1, $2, $3, $4)
             ON CONFLICT (collective_id, id) DO UPDATE SET at = EXCLUDED.at, data = EXCLUDED.data",
        );
        let applied = tx.prepare_cached(
            "UPDATE collectives SET version = $2, received = received + 1 WHERE id = $1",
        );
        let refused =
            tx.prepare_cached("UPDATE collectives SET received = received + 1 WHERE id = $1");
        let (client_row, result_row, log_row, record_row, conflict_row, applied, refused) = tokio::try_join!(
            client_row,
            result_row,
            log_row,
            record_row,
            conflict_row,
            applied,
            refused
        )?;
        let mut statements: Vec<Pending<'_>> = Vec::new();
        statements.push(Box::pin(tx.execute_raw(
            &client_row,
            args([&prepared.client, &prepared.collective, &prepared.seq]),
        )));
        statements.push(Box::pin(tx.execute_raw(
            &result_row,
            args([
                &prepared.client,
                &prepared.seq,
                &prepared.collective,
                &prepared.op_id,
                &prepared.outcome,
                &prepared.version,
                &prepared.refusal,
            ]),
        )));
        match &prepared.version {
            Some(version) => {
                statements.push(Box::pin(tx.execute_raw(
                    &log_row,
                    args([
                        &prepared.collective,
                        version,
                        &prepared.op_id,
                        &prepared.client,
                        &prepared.seq,
                        &prepared.actor,
                        &prepared.operation,
                        &prepared.received_at,
                    ]),
                )));
                for record in &prepared.records {
                    statements.push(Box::pin(tx.execute_raw(
                        &record_row,
                        args([
                            &prepared.collective,
                            &record.id,
                            &record.kind,
                            &record.changed_at,
                            &record.data,
                        ]),
                    )));
                }
                for conflict in &prepared.conflicts {
                    statements.push(Box::pin(tx.execute_raw(
                        &conflict_row,
                        args([
                            &prepared.collective,
                            &conflict.id,
                            &conflict.at,
                            &conflict.data,
                        ]),
                    )));
                }
                statements.push(Box::pin(
                    tx.execute_raw(&applied, args([&prepared.collective, version])),
                ));
            }
            None => {
                statements.push(Box::pin(
                    tx.execute_raw(&refused, args([&prepared.collective])),
                ));
            }
        }
        pipeline(statements).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Tells the other processes that the collective is now at `version`.
    pub(crate) async fn announce(&mut self, version: u64) -> Result<(), StorageError> {
        let payload = format!("{} {version} {}", self.collective, self.origin);
        self.client()?
            .execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &payload])
            .await?;
        Ok(())
    }

    /// Releases the lock and hands the connection back to the pool.
    pub(crate) async fn release(mut self) -> Result<(), StorageError> {
        let key = self.key.clone();
        let Some(client) = self.client.take() else {
            return Ok(());
        };
        match client
            .execute(
                "SELECT pg_advisory_unlock(hashtextextended($1, 0))",
                &[&key],
            )
            .await
        {
            Ok(_) => {
                self.locked = false;
                Ok(())
            }
            Err(error) => {
                // Closing the session is what releases the lock now.
                drop(Object::take(client));
                Err(error.into())
            }
        }
    }
}

impl Drop for PgWriter {
    fn drop(&mut self) {
        if let Some(client) = self.client.take()
            && self.locked
        {
            // Dropped while holding the lock (an error or a panic): close the
            // session rather than return a locked connection to the pool.
            drop(Object::take(client));
        }
    }
}

pub(crate) async fn upsert_record(
    tx: &deadpool_postgres::Transaction<'_>,
    collective: &str,
    record: &RecordRow,
) -> Result<(), StorageError> {
    tx.execute(
            &tx.prepare_cached("INSERT INTO records (collective_id, id, kind, changed_at, data) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (collective_id, id) DO UPDATE
         SET kind = EXCLUDED.kind, changed_at = EXCLUDED.changed_at, data = EXCLUDED.data").await?,
        &[
            &collective,
            &record.id,
            &record.kind,
            &record.changed_at,
            &record.data,
        ],
    )
    .await?;
    Ok(())
}

pub(crate) async fn upsert_conflict(
    tx: &deadpool_postgres::Transaction<'_>,
    collective: &str,
    conflict: &ConflictRow,
) -> Result<(), StorageError> {
    tx.execute(
        &tx.prepare_cached(
            "INSERT INTO conflicts (collective_id, id, at, data) VALUES ($1, $2, $3, $4)
         ON CONFLICT (collective_id, id) DO UPDATE SET at = EXCLUDED.at, data = EXCLUDED.data",
        )
        .await?,
        &[&collective, &conflict.id, &conflict.at, &conflict.data],
    )
    .await?;
    Ok(())
}

/// Parameters as the pipelined statements own them.
fn args<const N: usize>(
    values: [&(dyn tokio_postgres::types::ToSql + Sync); N],
) -> [&(dyn tokio_postgres::types::ToSql + Sync); N] {
    values
}

/// A statement sent and not yet answered.
type Pending<'a> =
    std::pin::Pin<Box<dyn Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>>;

/// Awaits `statements` together. Each is sent when first polled, and they are
/// first polled in order, so the database runs them in order; the first error
/// is returned (the transaction is then aborted and rolled back).
async fn pipeline(mut statements: Vec<Pending<'_>>) -> Result<(), tokio_postgres::Error> {
    let mut done = vec![false; statements.len()];
    let mut failure = None;
    std::future::poll_fn(|cx| {
        let mut waiting = false;
        for (statement, done) in statements.iter_mut().zip(done.iter_mut()) {
            if *done {
                continue;
            }
            match statement.as_mut().poll(cx) {
                std::task::Poll::Ready(outcome) => {
                    *done = true;
                    if let Err(error) = outcome {
                        failure.get_or_insert(error);
                    }
                }
                std::task::Poll::Pending => waiting = true,
            }
        }
        if waiting {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    failure.map_or(Ok(()), Err)
}

/// Reads `<collective> <version> <origin>`; `None` for malformed or our own.
fn parse_notice(payload: &str, own: u64) -> Option<Notice> {
    let mut parts = payload.split(' ');
    let collective: Id = parts.next()?.parse().ok()?;
    let version: u64 = parts.next()?.parse().ok()?;
    let origin: u64 = parts.next()?.parse().ok()?;
    (origin != own).then_some(Notice::Changed {
        collective,
        version,
    })
}

/// Listens for other processes' changes on a dedicated connection, forever,
/// reconnecting after a second when the connection drops. After a reconnection
/// it sends [`Notice::Resync`]: notices may have been missed meanwhile.
async fn listen(config: tokio_postgres::Config, sender: broadcast::Sender<Notice>, origin: u64) {
    let mut connected_before = false;
    loop {
        match config.connect(NoTls).await {
            Ok((client, mut connection)) => {
                let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
                let driver = tokio::spawn(async move {
                    while let Some(message) =
                        std::future::poll_fn(|cx| connection.poll_message(cx)).await
                    {
                        match message {
                            Ok(AsyncMessage::Notification(notification)) => {
                                if tx.send(notification.payload().to_owned()).is_err() {
                                    break;
                                }
                            }
                            Ok(_) => {}
                            Err(error) => {
                                tracing::warn!(%error, "PostgreSQL notification connection failed");
                                break;
                            }
                        }
                    }
                });
                match client.batch_execute(&format!("LISTEN {CHANNEL}")).await {
                    Ok(()) => {
                        if connected_before {
                            let _ = sender.send(Notice::Resync);
                        }
                        connected_before = true;
                        while let Some(payload) = rx.recv().await {
                            if let Some(notice) = parse_notice(&payload, origin) {
                                let _ = sender.send(notice);
                            }
                        }
                        tracing::warn!("lost the PostgreSQL notification connection; reconnecting");
                    }
                    Err(error) => tracing::warn!(%error, "cannot LISTEN on PostgreSQL"),
                }
                driver.abort();
                drop(client);
            }
            Err(error) => {
                tracing::warn!(%error, "cannot open the PostgreSQL notification connection")
            }
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_round_trip_and_our_own_are_skipped() {
        let collective: Id = "0190f5a0-0000-7000-8000-000000000001"
            .parse()
            .expect("an id");
        let payload = format!("{collective} 42 7");
        assert_eq!(
            parse_notice(&payload, 8),
            Some(Notice::Changed {
                collective,
                version: 42
            })
        );
        assert_eq!(parse_notice(&payload, 7), None);
        assert_eq!(parse_notice("garbage", 7), None);
    }

    #[test]
    fn postgres_migrations_are_the_twins_of_the_sqlite_ones() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut sqlite: Vec<String> = std::fs::read_dir(&dir)
            .expect("migrations dir")
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".sql"))
            .collect();
        sqlite.sort();
        let postgres: Vec<String> = MIGRATIONS
            .iter()
            .map(|(_, name, _)| (*name).to_owned())
            .collect();
        assert_eq!(sqlite, postgres, "one PostgreSQL migration per SQLite one");
        assert_eq!(super::super::sqlite::MIGRATIONS.len(), MIGRATIONS.len());
        for (index, (version, name, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*version as usize, index + 1, "{name}");
        }
    }
}
