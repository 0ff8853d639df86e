//! The API's errors: a stable machine `code`, a human `message`, the right status.

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::hub::HubError;
use crate::storage::StorageError;

/// An error answered as `{"code": …, "message": …}` with its HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A stable machine code (`invite_expired`, `batch_too_large`…).
    pub code: &'static str,
    /// What happened, for people.
    pub message: String,
    /// The message in French and in English, when the error has both
    /// (attachments' refusals, worded by the core).
    pub messages: Option<(String, String)>,
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_fr: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_en: Option<&'a str>,
}

impl ApiError {
    /// An error with `status`, `code` and `message`.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            messages: None,
        }
    }

    /// An error worded in French (its `message`) and English.
    pub fn bilingual(
        status: StatusCode,
        code: &'static str,
        fr: impl Into<String>,
        en: impl Into<String>,
    ) -> ApiError {
        let fr = fr.into();
        ApiError {
            status,
            code,
            message: fr.clone(),
            messages: Some((fr, en.into())),
        }
    }

    /// 400 with `code`.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 403 `forbidden`.
    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404 with `code`.
    pub fn not_found(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, code, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            code: self.code,
            message: &self.message,
            message_fr: self.messages.as_ref().map(|(fr, _)| fr.as_str()),
            message_en: self.messages.as_ref().map(|(_, en)| en.as_str()),
        };
        (self.status, Json(body)).into_response()
    }
}

impl From<StorageError> for ApiError {
    fn from(error: StorageError) -> Self {
        tracing::error!(%error, "storage failed");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "storage_unavailable",
            "The server could not reach its database; nothing unacknowledged was kept. Try again.",
        )
    }
}

impl From<HubError> for ApiError {
    fn from(error: HubError) -> Self {
        match error {
            HubError::Storage(error) => error.into(),
            HubError::UnknownCollective => {
                ApiError::not_found("unknown_collective", "This collective does not exist.")
            }
            HubError::Refused(detail) => {
                tracing::error!(%detail, "a server-side change was refused");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "The server refused its own change.",
                )
            }
        }
    }
}

/// A JSON body whose rejections are [`ApiError`]s (typed 4xx, never a bare text).
#[derive(Debug, Clone, Copy, Default, FromRequest)]
#[from_request(via(Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::JsonDataError(error) => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_request",
                error.body_text(),
            ),
            JsonRejection::JsonSyntaxError(error) => {
                ApiError::bad_request("malformed_json", error.body_text())
            }
            JsonRejection::MissingJsonContentType(_) => ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send JSON with `Content-Type: application/json`.",
            ),
            JsonRejection::BytesRejection(error) => {
                if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "payload_too_large",
                        "The request body is too large; send fewer operations per batch.",
                    )
                } else {
                    ApiError::bad_request("unreadable_body", error.body_text())
                }
            }
            other => ApiError::bad_request("invalid_request", other.body_text()),
        }
    }
}

/// A path parameter whose rejections (say, percent-encoded bytes that are not
/// UTF-8) are [`ApiError`]s. Every path parameter of the API is an id.
#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError::bad_request("invalid_id", rejection.body_text())
    }
}

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}
