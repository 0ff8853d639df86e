//! The app's HTTP client for the server's API (`docs/api.md`): one function
//! per call, typed with the core's wire types, errors sorted into "try again
//! later" and "the server said no".

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
    let body = response
        .json::<ErrorBody>()
        .await
        .unwrap_or_else(|_| ErrorBody {
            code: format!("http_{status}"),
            message: response.status_text(),
        });
    Err(ApiFailure::Refused { status, body })
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

/// The URL of the live event stream for this device.
#[must_use]
pub fn events_url(device_token: &str) -> String {
    format!("/api/sync/events?access_token={device_token}")
}
