//! The device's database (IndexedDB), behind one small interface.
//!
//! Nothing else in the app imports the IndexedDB crate: views and the sync
//! engine talk to [`LocalDb`], so the crate underneath (`idb` today) can be
//! swapped without touching them. Values are stored as JSON text (the encoding
//! the network uses), keyed by a string, in one of the [`Collection`]s.
//!
//! Every write waits for its transaction to commit before it returns: when a
//! call says done, the record is on disk.

pub mod files;

use archipel_core::sort::sort;
use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// Name of the app's database.
pub const DATABASE_NAME: &str = "archipel";

/// Schema version; bump it and extend [`upgrade`] to add object stores.
const SCHEMA_VERSION: u32 = 2;

/// A group of records, one IndexedDB object store each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    /// The collective's records as the server last confirmed them, keyed by id.
    Records,
    /// Conflicts the server recorded, keyed by id.
    Conflicts,
    /// This device's operations not yet acknowledged, keyed by their zero-padded sequence number.
    Pending,
    /// This device's operations the server refused, with the reason, keyed like `Pending`.
    Refused,
    /// Facts about this device: its session, cursor, next sequence number, settings.
    Meta,
}

impl Collection {
    /// Every collection, as created by the schema.
    pub const ALL: [Collection; 5] = [
        Collection::Records,
        Collection::Conflicts,
        Collection::Pending,
        Collection::Refused,
        Collection::Meta,
    ];

    /// The object store's name.
    #[must_use]
    pub const fn store_name(self) -> &'static str {
        match self {
            Collection::Records => "records",
            Collection::Conflicts => "conflicts",
            Collection::Pending => "pending",
            Collection::Refused => "refused",
            Collection::Meta => "meta",
        }
    }
}

/// A key that sorts like the number (IndexedDB compares string keys as text).
#[must_use]
pub fn seq_key(seq: u64) -> String {
    format!("{seq:020}")
}

/// One write of a [`LocalDb::write`] batch.
#[derive(Debug)]
pub enum Write {
    /// Stores a value under a key.
    Put(Collection, String, JsValue),
    /// Removes a key.
    Delete(Collection, String),
    /// Empties a collection.
    Clear(Collection),
}

impl Write {
    /// A put of anything serialisable.
    ///
    /// # Errors
    /// [`StorageError::Operation`] when the value cannot be encoded.
    pub fn put<T: Serialize + ?Sized>(
        collection: Collection,
        key: impl Into<String>,
        value: &T,
    ) -> Result<Write, StorageError> {
        Ok(Write::Put(collection, key.into(), to_js(value)?))
    }

    const fn collection(&self) -> Collection {
        match self {
            Write::Put(collection, ..)
            | Write::Delete(collection, _)
            | Write::Clear(collection) => *collection,
        }
    }
}

/// Why the local database could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The browser offers no IndexedDB (some private modes, very old browsers).
    #[error("this browser offers no local database (IndexedDB): {0}")]
    Unavailable(String),
    /// The database exists but could not be opened or upgraded.
    #[error("the local database could not be opened: {0}")]
    Open(String),
    /// A read or write failed (quota exceeded, transaction aborted…).
    #[error("the local database refused the operation: {0}")]
    Operation(String),
    /// A stored record does not have the expected shape.
    #[error("a stored record could not be read: {0}")]
    Decode(String),
}

impl From<idb::Error> for StorageError {
    fn from(error: idb::Error) -> Self {
        StorageError::Operation(error.to_string())
    }
}

/// An open connection to the device's database.
#[derive(Debug)]
pub struct LocalDb {
    database: Database,
}

impl LocalDb {
    /// Opens the app's database, creating or upgrading it as needed.
    ///
    /// # Errors
    /// [`StorageError::Unavailable`] when the browser has no IndexedDB,
    /// [`StorageError::Open`] when opening or upgrading fails.
    pub async fn open() -> Result<LocalDb, StorageError> {
        LocalDb::open_named(DATABASE_NAME).await
    }

    /// Opens (or creates) the database called `name`; tests use their own names.
    ///
    /// # Errors
    /// As [`LocalDb::open`].
    pub async fn open_named(name: &str) -> Result<LocalDb, StorageError> {
        let factory =
            Factory::new().map_err(|error| StorageError::Unavailable(error.to_string()))?;
        let mut request = factory
            .open(name, Some(SCHEMA_VERSION))
            .map_err(|error| StorageError::Open(error.to_string()))?;
        request.on_upgrade_needed(|event| {
            if let Ok(database) = event.database() {
                upgrade(&database);
            }
        });
        let database = request
            .await
            .map_err(|error| StorageError::Open(error.to_string()))?;
        Ok(LocalDb { database })
    }

    /// Writes `value` under `key`, replacing any previous record.
    ///
    /// # Errors
    /// [`StorageError::Operation`] when the write or its commit fails.
    pub async fn put<T: Serialize + ?Sized>(
        &self,
        collection: Collection,
        key: &str,
        value: &T,
    ) -> Result<(), StorageError> {
        let value = to_js(value)?;
        let transaction = self
            .database
            .transaction(&[collection.store_name()], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(collection.store_name())?;
        store.put(&value, Some(&JsValue::from_str(key)))?.await?;
        commit(transaction).await
    }

    /// Reads the record under `key`, if any.
    ///
    /// # Errors
    /// [`StorageError::Decode`] when the stored record is not a `T`.
    pub async fn get<T: DeserializeOwned>(
        &self,
        collection: Collection,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        let transaction = self
            .database
            .transaction(&[collection.store_name()], TransactionMode::ReadOnly)?;
        let store = transaction.object_store(collection.store_name())?;
        let found = store.get(JsValue::from_str(key))?.await?;
        found.map(from_js).transpose()
    }

    /// Deletes the record under `key` (nothing happens if there is none).
    ///
    /// # Errors
    /// [`StorageError::Operation`] when the delete or its commit fails.
    pub async fn delete(&self, collection: Collection, key: &str) -> Result<(), StorageError> {
        let transaction = self
            .database
            .transaction(&[collection.store_name()], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(collection.store_name())?;
        store.delete(JsValue::from_str(key))?.await?;
        commit(transaction).await
    }

    /// Applies every write of `batch` in **one** transaction: all of them are
    /// stored, or none (an operation and what it changes never part ways).
    ///
    /// # Errors
    /// [`StorageError::Operation`] when a write or the commit fails.
    pub async fn write(&self, batch: Vec<Write>) -> Result<(), StorageError> {
        if batch.is_empty() {
            return Ok(());
        }
        let mut names: Vec<&'static str> = batch
            .iter()
            .map(|write| write.collection().store_name())
            .collect();
        sort(&mut names);
        names.dedup();
        let transaction = self
            .database
            .transaction(&names, TransactionMode::ReadWrite)?;
        let issued = async {
            for write in batch {
                apply_write(&transaction, write).await?;
            }
            Ok::<(), StorageError>(())
        }
        .await;
        if let Err(error) = issued {
            // Writes already issued would otherwise commit when control returns.
            let _ = transaction.abort();
            return Err(error);
        }
        commit(transaction).await
    }

    /// Reads the value under `key` in `Meta`, lets `change` modify it and name
    /// more writes, then stores it and those writes — all in **one**
    /// transaction. IndexedDB runs read-write transactions on the same stores
    /// one after another, even across tabs, so two tabs can never hand out the
    /// same sequence number.
    ///
    /// # Errors
    /// [`StorageError::Decode`] if there is no such value or it is not a `T`;
    /// [`StorageError::Operation`] when a write or the commit fails, or `change` fails.
    pub async fn update<T, F>(
        &self,
        key: &str,
        also: &[Collection],
        change: F,
    ) -> Result<T, StorageError>
    where
        T: Serialize + DeserializeOwned,
        F: FnOnce(&mut T) -> Result<Vec<Write>, StorageError>,
    {
        let mut names: Vec<&'static str> = also
            .iter()
            .map(|collection| collection.store_name())
            .collect();
        names.push(Collection::Meta.store_name());
        sort(&mut names);
        names.dedup();
        let transaction = self
            .database
            .transaction(&names, TransactionMode::ReadWrite)?;
        let meta = transaction.object_store(Collection::Meta.store_name())?;
        let Some(found) = meta.get(JsValue::from_str(key))?.await? else {
            let _ = transaction.abort();
            return Err(StorageError::Decode(format!(
                "nothing stored under {key:?}"
            )));
        };
        let mut value: T = from_js(found)?;
        let writes = match change(&mut value) {
            Ok(writes) => writes,
            Err(error) => {
                let _ = transaction.abort();
                return Err(error);
            }
        };
        let issued = async {
            meta.put(&to_js(&value)?, Some(&JsValue::from_str(key)))?
                .await?;
            for write in writes {
                apply_write(&transaction, write).await?;
            }
            Ok::<(), StorageError>(())
        }
        .await;
        if let Err(error) = issued {
            let _ = transaction.abort();
            return Err(error);
        }
        commit(transaction).await?;
        Ok(value)
    }

    /// Every value of `collection`, in key order.
    ///
    /// # Errors
    /// [`StorageError::Decode`] when a stored value is not a `T`.
    pub async fn get_all<T: DeserializeOwned>(
        &self,
        collection: Collection,
    ) -> Result<Vec<T>, StorageError> {
        let transaction = self
            .database
            .transaction(&[collection.store_name()], TransactionMode::ReadOnly)?;
        let store = transaction.object_store(collection.store_name())?;
        let values = store.get_all(None, None)?.await?;
        values.into_iter().map(from_js).collect()
    }

    /// How many records `collection` holds.
    ///
    /// # Errors
    /// [`StorageError::Operation`] when the count fails.
    pub async fn count(&self, collection: Collection) -> Result<u32, StorageError> {
        let transaction = self
            .database
            .transaction(&[collection.store_name()], TransactionMode::ReadOnly)?;
        let store = transaction.object_store(collection.store_name())?;
        Ok(store.count(None)?.await?)
    }

    /// Closes the connection once running transactions finish.
    pub fn close(self) {
        self.database.close();
    }
}

/// Creates the object stores missing from `database` (runs inside the upgrade transaction).
fn upgrade(database: &Database) {
    let existing = database.store_names();
    for collection in Collection::ALL {
        let name = collection.store_name();
        if !existing.iter().any(|store| store == name) {
            // Keys are given with each write (out-of-line), so no key path.
            if let Err(error) = database.create_object_store(name, ObjectStoreParams::new()) {
                leptos::logging::error!("cannot create object store {name}: {error}");
            }
        }
    }
}

async fn apply_write(transaction: &idb::Transaction, write: Write) -> Result<(), StorageError> {
    let store = transaction.object_store(write.collection().store_name())?;
    match write {
        Write::Put(_, key, value) => {
            store.put(&value, Some(&JsValue::from_str(&key)))?.await?;
        }
        Write::Delete(_, key) => store.delete(JsValue::from_str(&key))?.await?,
        Write::Clear(_) => store.clear()?.await?,
    }
    Ok(())
}

async fn commit(transaction: idb::Transaction) -> Result<(), StorageError> {
    let result = transaction.commit()?.await?;
    if result.is_committed() {
        Ok(())
    } else {
        Err(StorageError::Operation(
            "the transaction was aborted".to_owned(),
        ))
    }
}

/// Values are stored as JSON text: the same encoding the network uses, so the
/// bundle carries one serialiser per type instead of two, and records read
/// back exactly as the server sent them.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, StorageError> {
    serde_json::to_string(value)
        .map(|text| JsValue::from_str(&text))
        .map_err(|error| StorageError::Operation(format!("cannot encode the record: {error}")))
}

fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, StorageError> {
    let text = value
        .as_string()
        .ok_or_else(|| StorageError::Decode("a stored value is not JSON text".to_owned()))?;
    serde_json::from_str(&text).map_err(|error| StorageError::Decode(error.to_string()))
}
