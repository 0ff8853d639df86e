//! Attachments through the sync engine: upload, open (cache first) and keep
//! a kit's files on the device for offline use. The bytes travel through
//! [`super::api`] and are kept by [`crate::storage::files`].

use archipel_core::files::FileRef;
use archipel_core::wire::ErrorBody;
use leptos::prelude::WithUntracked;

use super::SyncEngine;
use super::api::{self, ApiFailure};
use crate::storage::files::{self as cache, FileCacheError};

/// Why a file could not be uploaded, opened or kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileFailure {
    /// The server refused (its code and both messages are in the body:
    /// `file_too_large`, `file_type_unsupported`, `file_empty`, `forbidden`,
    /// `file_not_found`…) or could not be reached.
    #[error(transparent)]
    Api(#[from] ApiFailure),
    /// The file is not kept on this device and the server cannot be reached.
    #[error("this file is not available offline on this device")]
    NotOffline,
    /// This device has not joined a collective.
    #[error("this device has not joined a collective")]
    NotJoined,
    /// The device could not keep the file (quota exceeded, no Cache Storage).
    #[error(transparent)]
    Cache(#[from] FileCacheError),
}

impl FileFailure {
    /// The server's error body, when it refused.
    #[must_use]
    pub fn refusal(&self) -> Option<&ErrorBody> {
        match self {
            FileFailure::Api(ApiFailure::Refused { body, .. }) => Some(body),
            _ => None,
        }
    }
}

/// How much of a list of files the device keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OfflineStatus {
    /// Files of the list kept on the device.
    pub files_cached: usize,
    /// Files in the list (each hash once).
    pub files_total: usize,
    /// Bytes those kept take.
    pub bytes_cached: u64,
    /// Bytes of the whole list (each hash once).
    pub bytes_total: u64,
}

impl OfflineStatus {
    /// Every file of the list is on the device.
    #[must_use]
    pub const fn complete(&self) -> bool {
        self.files_cached >= self.files_total
    }
}

/// `files` with each hash once, in their order.
fn distinct(files: &[FileRef]) -> Vec<&FileRef> {
    let mut seen: Vec<&FileRef> = Vec::with_capacity(files.len());
    for file in files {
        if !seen.iter().any(|kept| kept.hash == file.hash) {
            seen.push(file);
        }
    }
    seen
}

fn object_url(blob: &web_sys::Blob) -> Result<String, FileFailure> {
    web_sys::Url::create_object_url_with_blob(blob).map_err(|error| {
        FileFailure::Cache(FileCacheError::Operation(format!(
            "cannot make a URL for the file: {error:?}"
        )))
    })
}

fn blob_of(bytes: &[u8], content_type: &str) -> Result<web_sys::Blob, FileFailure> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|error| {
        FileFailure::Cache(FileCacheError::Operation(format!(
            "cannot hold the file: {error:?}"
        )))
    })
}

fn online() -> bool {
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}

impl SyncEngine {
    fn device_token(&self) -> Result<String, FileFailure> {
        self.session
            .with_untracked(|session| session.as_ref().map(|session| session.token.clone()))
            .ok_or(FileFailure::NotJoined)
    }

    /// Uploads a file and keeps it on this device (the uploader has it
    /// offline at once). Returns the [`FileRef`] to put in a record.
    ///
    /// # Errors
    /// [`FileFailure::Api`] with the server's refusal — checked on the
    /// device first with the same rules and words, so a file over 10 MiB is
    /// refused offline too (`file_too_large`, `file_type_unsupported`,
    /// `file_empty`, `forbidden` for guests) — or unreachable.
    pub async fn upload_file(self, bytes: &[u8], name: &str) -> Result<FileRef, FileFailure> {
        let token = self.device_token()?;
        let file = api::upload_file(&token, bytes, name).await?;
        // Keeping a copy is a convenience: the upload succeeded either way.
        if let Err(error) = cache::put(&file.hash, &file.content_type, bytes).await {
            leptos::logging::warn!("an uploaded file was not kept on the device: {error}");
        }
        Ok(file)
    }

    /// An object URL showing `file`: from the device's cache when it is
    /// there, else downloaded (and kept for next time). The caller revokes it
    /// (`URL.revokeObjectURL`) when the view goes away.
    ///
    /// # Errors
    /// [`FileFailure::NotOffline`] when the file is not on the device and
    /// the browser is offline or the server unreachable; the server's
    /// refusal (`file_not_found`…).
    pub async fn file_url(self, file: &FileRef) -> Result<String, FileFailure> {
        if let Ok(Some(blob)) = cache::get(&file.hash).await {
            return object_url(&blob);
        }
        if !online() {
            return Err(FileFailure::NotOffline);
        }
        let token = self.device_token()?;
        let (bytes, content_type) = match api::download_file(&token, &file.hash).await {
            Ok(found) => found,
            Err(ApiFailure::Unreachable(_)) => return Err(FileFailure::NotOffline),
            Err(refused) => return Err(refused.into()),
        };
        if let Err(error) = cache::put(&file.hash, &content_type, &bytes).await {
            leptos::logging::warn!("a downloaded file was not kept on the device: {error}");
        }
        object_url(&blob_of(&bytes, &content_type)?)
    }

    /// Downloads every file of `files` the device does not keep yet into its
    /// cache ("make available offline" for a kit). `progress(done, total)`
    /// is called before the first download and after each one, counting the
    /// files missing at the start. Files kept before a failure stay kept.
    ///
    /// # Errors
    /// The first failure: unreachable, a refusal, or a full device
    /// ([`FileFailure::Cache`]).
    pub async fn keep_offline(
        self,
        files: &[FileRef],
        progress: impl Fn(usize, usize),
    ) -> Result<OfflineStatus, FileFailure> {
        let mut missing = Vec::new();
        for file in distinct(files) {
            if !cache::has(&file.hash).await? {
                missing.push(file);
            }
        }
        let total = missing.len();
        progress(0, total);
        if total > 0 {
            let token = self.device_token()?;
            for (done, file) in missing.into_iter().enumerate() {
                let (bytes, content_type) = api::download_file(&token, &file.hash).await?;
                cache::put(&file.hash, &content_type, &bytes).await?;
                progress(done + 1, total);
            }
        }
        self.offline_status(files).await
    }

    /// How much of `files` the device keeps: files and bytes kept, and the
    /// bytes of the whole list (each hash counted once).
    ///
    /// # Errors
    /// [`FileFailure::Cache`] when the cache cannot be read.
    pub async fn offline_status(self, files: &[FileRef]) -> Result<OfflineStatus, FileFailure> {
        let files = distinct(files);
        let hashes: Vec<&str> = files.iter().map(|file| file.hash.as_str()).collect();
        let (files_cached, bytes_cached) = cache::stored(&hashes).await?;
        Ok(OfflineStatus {
            files_cached,
            files_total: files.len(),
            bytes_cached,
            bytes_total: files.iter().map(|file| file.size).sum(),
        })
    }
}
