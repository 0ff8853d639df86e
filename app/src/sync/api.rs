//! The app's HTTP client for the server's API (`docs/api.md`): one function
//! per call, typed with the core's wire types, errors sorted into "try again
//! later" and "the server said no".

use archipel_core::files::{self, FileRef};
use archipel_core::wire::{
    ErrorBody, HistoryPage, InviteInfo, InviteToken, JoinRequest, Joined, Pulled, PushRequest,
    Pushed,
};
use archipel_core::{Id, Operation};
use gloo::net::http::{Request, Response};
use serde::de::DeserializeOwned;

/// Why a call did not succeed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiFailure {
    /// No answer (offline, server down): try again later.
    #[error("the server could not be reached: {0}")]
    Unreachable(String),
    /// The server answered with an error.
    #[error("{}: {}", .body.code, .body.message)]
    Refused {
        /// HTTP status.
        status: u16,
        /// Its code and message.
        body: ErrorBody,
    },
}

impl ApiFailure {
    /// The server's error code, if it answered.
    #[must_use]
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiFailure::Refused { body, .. } => Some(&body.code),
            ApiFailure::Unreachable(_) => None,
        }
    }

    /// A failure worth retrying later (no answer, or the server is busy or down).
    #[must_use]
    pub fn is_transient(&self) -> bool {
        match self {
            ApiFailure::Unreachable(_) => true,
            ApiFailure::Refused { status, .. } => *status == 429 || *status >= 500,
        }
    }
}

async fn read<T: DeserializeOwned>(
    response: Result<Response, gloo::net::Error>,
) -> Result<T, ApiFailure> {
    let response = response.map_err(|error| ApiFailure::Unreachable(error.to_string()))?;
    let status = response.status();
    if (200..300).contains(&status) {
        return response
            .json::<T>()
            .await
            .map_err(|error| ApiFailure::Unreachable(format!("unreadable answer: {error}")));
    }
    Err(refusal(&response).await)
}

/// The server's error answer, typed.
async fn refusal(response: &Response) -> ApiFailure {
    let status = response.status();
    let body = response
        .json::<ErrorBody>()
        .await
        .unwrap_or_else(|_| ErrorBody::new(format!("http_{status}"), response.status_text()));
    ApiFailure::Refused { status, body }
}

fn bearer(device_token: &str) -> String {
    format!("Bearer {device_token}")
}

fn json<T: serde::Serialize>(
    builder: gloo::net::http::RequestBuilder,
    body: &T,
) -> Result<Request, ApiFailure> {
    builder
        .json(body)
        .map_err(|error| ApiFailure::Unreachable(format!("cannot encode the request: {error}")))
}

/// What an invite opens.
///
/// # Errors
/// [`ApiFailure`] (`invite_unknown`, `invite_expired`…).
pub async fn inspect_invite(token: &str) -> Result<InviteInfo, ApiFailure> {
    let request = json(
        Request::post("/api/invites/inspect"),
        &InviteToken {
            token: token.to_owned(),
        },
    )?;
    read(request.send().await).await
}

/// Joins the collective with an invite.
///
/// # Errors
/// [`ApiFailure`] (`invite_used_up`, `invalid_display_name`…).
pub async fn join(token: &str, display_name: &str, client_id: Id) -> Result<Joined, ApiFailure> {
    let request = json(
        Request::post("/api/join"),
        &JoinRequest {
            token: token.to_owned(),
            display_name: display_name.to_owned(),
            client_id,
        },
    )?;
    read(request.send().await).await
}

/// Pushes this device's pending operations.
///
/// # Errors
/// [`ApiFailure`] (`access_revoked`, transient failures…).
pub async fn push(device_token: &str, operations: &[Operation]) -> Result<Pushed, ApiFailure> {
    let request = json(
        Request::post("/api/sync/push").header("Authorization", &format!("Bearer {device_token}")),
        &PushRequest {
            operations: operations.to_vec(),
        },
    )?;
    read(request.send().await).await
}

/// Pulls one page of what changed after `since`.
///
/// # Errors
/// [`ApiFailure`].
pub async fn pull(
    device_token: &str,
    since: u64,
    acked: u64,
    limit: usize,
) -> Result<Pulled, ApiFailure> {
    let url = format!("/api/sync/pull?since={since}&acked={acked}&limit={limit}");
    let response = Request::get(&url)
        .header("Authorization", &format!("Bearer {device_token}"))
        .send()
        .await;
    read(response).await
}

/// One page of the collective's applied operations after version `since`.
///
/// # Errors
/// [`ApiFailure`] (`forbidden` for guests).
pub async fn history(device_token: &str, since: u64) -> Result<HistoryPage, ApiFailure> {
    let url = format!("/api/history?since={since}&limit=2000");
    let response = Request::get(&url)
        .header("Authorization", &format!("Bearer {device_token}"))
        .send()
        .await;
    read(response).await
}

/// Uploads a file (`POST /api/files`): checked first with the core's rules,
/// so a file the server would refuse is refused here, offline too, with the
/// server's code and words (`body.message_fr`/`message_en`).
///
/// # Errors
/// [`ApiFailure::Refused`] with `file_empty` (400), `file_too_large` (413),
/// `file_type_unsupported` (415), `forbidden` (403, guests); or unreachable.
pub async fn upload_file(
    device_token: &str,
    bytes: &[u8],
    name: &str,
) -> Result<FileRef, ApiFailure> {
    if let Err(error) = files::check(bytes) {
        let status = match error {
            files::FileError::TooLarge { .. } => 413,
            files::FileError::UnsupportedType => 415,
            files::FileError::Empty => 400,
        };
        return Err(ApiFailure::Refused {
            status,
            body: ErrorBody::file(&error),
        });
    }
    let encoded = String::from(js_sys::encode_uri_component(name));
    let request = Request::post("/api/files")
        .header("Authorization", &bearer(device_token))
        .header("X-File-Name", &encoded)
        .header("Content-Type", "application/octet-stream")
        .body(js_sys::Uint8Array::from(bytes))
        .map_err(|error| ApiFailure::Unreachable(format!("cannot build the request: {error}")))?;
    read(request.send().await).await
}

/// Downloads the file `hash` (`GET /api/files/{hash}`): its bytes and type.
///
/// # Errors
/// [`ApiFailure::Refused`] with `invalid_hash` (400) or `file_not_found`
/// (404); or unreachable.
pub async fn download_file(
    device_token: &str,
    hash: &str,
) -> Result<(Vec<u8>, String), ApiFailure> {
    if !files::is_hash(hash) {
        return Err(ApiFailure::Refused {
            status: 400,
            body: ErrorBody::new("invalid_hash", "Not the SHA-256 of a file."),
        });
    }
    let response = Request::get(&format!("/api/files/{hash}"))
        .header("Authorization", &bearer(device_token))
        .send()
        .await
        .map_err(|error| ApiFailure::Unreachable(error.to_string()))?;
    if !(200..300).contains(&response.status()) {
        return Err(refusal(&response).await);
    }
    let content_type = response
        .headers()
        .get("content-type")
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    let bytes = response
        .binary()
        .await
        .map_err(|error| ApiFailure::Unreachable(format!("unreadable answer: {error}")))?;
    Ok((bytes, content_type))
}

/// The URL of the live event stream for this device.
#[must_use]
pub fn events_url(device_token: &str) -> String {
    format!("/api/sync/events?access_token={device_token}")
}
