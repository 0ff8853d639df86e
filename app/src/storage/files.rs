//! Attachments kept on the device, in the browser's Cache Storage.
//!
//! Files are bytes, not records: they live in their own cache
//! ([`CACHE_NAME`]), one entry per file keyed by its API path
//! (`/api/files/<hash>`), as a response carrying the file's type. A hash
//! names its bytes forever, so an entry never goes stale. The service worker
//! never reads or clears this cache (`app/sw/sw.template.js`); only the sync
//! engine fills it (`SyncEngine::file_url`, `SyncEngine::keep_offline`).

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, Cache, Headers, Response, ResponseInit};

/// The cache holding attachments. Its name is versioned like the app's own
/// caches, but the service worker's clean-up leaves it alone.
pub const CACHE_NAME: &str = "archipel-files-v1";

/// Why the file cache could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileCacheError {
    /// No Cache Storage here (an insecure origin, some private modes).
    #[error("this browser keeps no files for offline use (Cache Storage): {0}")]
    Unavailable(String),
    /// A read or write failed (quota exceeded…).
    #[error("the device could not keep or read the file: {0}")]
    Operation(String),
}

fn failed(error: JsValue) -> FileCacheError {
    FileCacheError::Operation(describe(&error))
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}

/// The cache key of a file: its API path.
#[must_use]
pub fn key(hash: &str) -> String {
    format!("/api/files/{hash}")
}

async fn wait(promise: Promise) -> Result<JsValue, FileCacheError> {
    JsFuture::from(promise).await.map_err(failed)
}

async fn open() -> Result<Cache, FileCacheError> {
    let window =
        web_sys::window().ok_or_else(|| FileCacheError::Unavailable("no window".to_owned()))?;
    let caches = window
        .caches()
        .map_err(|error| FileCacheError::Unavailable(describe(&error)))?;
    let cache = wait(caches.open(CACHE_NAME)).await?;
    cache
        .dyn_into::<Cache>()
        .map_err(|_| FileCacheError::Unavailable("caches.open gave no cache".to_owned()))
}

async fn lookup(cache: &Cache, hash: &str) -> Result<Option<Response>, FileCacheError> {
    let found = wait(cache.match_with_str(&key(hash))).await?;
    Ok(found.dyn_into::<Response>().ok())
}

/// Keeps `bytes` as the file `hash`, of type `content_type`; done when stored.
///
/// # Errors
/// [`FileCacheError`] (no Cache Storage, quota exceeded…).
pub async fn put(hash: &str, content_type: &str, bytes: &[u8]) -> Result<(), FileCacheError> {
    let cache = open().await?;
    let headers = Headers::new().map_err(failed)?;
    headers.set("Content-Type", content_type).map_err(failed)?;
    headers
        .set("Content-Length", &bytes.len().to_string())
        .map_err(failed)?;
    let init = ResponseInit::new();
    init.set_status(200);
    init.set_headers(&headers);
    let body = Uint8Array::from(bytes);
    let response =
        Response::new_with_opt_buffer_source_and_init(Some(&body), &init).map_err(failed)?;
    wait(cache.put_with_str(&key(hash), &response)).await?;
    Ok(())
}

/// The file `hash` as a `Blob` of its type, if the device keeps it.
///
/// # Errors
/// [`FileCacheError`].
pub async fn get(hash: &str) -> Result<Option<Blob>, FileCacheError> {
    let cache = open().await?;
    let Some(response) = lookup(&cache, hash).await? else {
        return Ok(None);
    };
    let blob = wait(response.blob().map_err(failed)?).await?;
    Ok(blob.dyn_into::<Blob>().ok())
}

/// Whether the device keeps the file `hash`.
///
/// # Errors
/// [`FileCacheError`].
pub async fn has(hash: &str) -> Result<bool, FileCacheError> {
    let cache = open().await?;
    Ok(lookup(&cache, hash).await?.is_some())
}

/// Forgets the file `hash`; true if the device kept it.
///
/// # Errors
/// [`FileCacheError`].
pub async fn remove(hash: &str) -> Result<bool, FileCacheError> {
    let cache = open().await?;
    Ok(wait(cache.delete_with_str(&key(hash))).await?.is_truthy())
}

/// Of the files `hashes`, how many the device keeps and how many bytes they
/// take (each counted once): the "space used" of a kit.
///
/// # Errors
/// [`FileCacheError`].
pub async fn stored(hashes: &[&str]) -> Result<(usize, u64), FileCacheError> {
    let cache = open().await?;
    let mut seen: Vec<&str> = Vec::with_capacity(hashes.len());
    let (mut count, mut bytes) = (0, 0);
    for hash in hashes {
        if seen.contains(hash) {
            continue;
        }
        seen.push(hash);
        if let Some(response) = lookup(&cache, hash).await? {
            let blob = wait(response.blob().map_err(failed)?).await?;
            let size = blob.dyn_into::<Blob>().map_or(0.0, |blob| blob.size());
            count += 1;
            bytes += size as u64;
        }
    }
    Ok((count, bytes))
}
