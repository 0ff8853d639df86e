//! Attachments (`docs/api.md`): `POST /api/files` stores a file once per
//! collective under the SHA-256 of its bytes, `GET /api/files/{hash}` serves
//! it back to any device of that collective.
//!
//! The rules are the core's (`archipel_core::files`): the size limit, the
//! types recognised from the bytes (never from a declared type or a name),
//! and the words of each refusal, so the app refuses the same files with the
//! same message before sending them. A body over the limit is never kept:
//! once its announced length or its first bytes past the limit say so, the
//! rest is read and dropped as it comes (up to [`DRAIN_LIMIT`], so the client,
//! still sending, gets the JSON answer instead of a reset connection), then
//! refused.

use archipel_core::files::{self, FileError, FileRef, MAX_BYTES};
use archipel_core::{Access, Lang};
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tokio_stream::StreamExt;

use super::auth::Device;
use super::error::{ApiError, ApiJson, ApiPath};
use crate::secrets;
use crate::storage::rows::NewFile;
use crate::web::AppState;

/// The header carrying the file's name, percent-encoded UTF-8.
pub const NAME_HEADER: &str = "x-file-name";

/// `Cache-Control` of an attachment: its URL names its bytes, so it never changes.
pub const CACHE_FILE: &str = "private, max-age=31536000, immutable";

/// How much of a refused body is read and dropped, at most, before
/// answering; past it the connection is simply closed.
pub const DRAIN_LIMIT: u64 = 64 * 1024 * 1024;
/// How long, at most, a refused body is read and dropped.
const DRAIN_TIME: std::time::Duration = std::time::Duration::from_secs(15);

/// The largest body the upload route lets through to its handler: the file
/// limit and a margin. The handler itself stops reading one byte past
/// [`MAX_BYTES`].
pub const UPLOAD_LIMIT: usize = MAX_BYTES as usize + 64 * 1024;

/// The `/api/files` routes (nested under `/api` by [`super::router`]).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/files", post(upload))
        .route("/files/{hash}", get(download))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
}

/// A file refused by the core's rules, with its status and both messages.
fn refused(error: &FileError) -> ApiError {
    let status = match error {
        FileError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        FileError::UnsupportedType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        FileError::Empty => StatusCode::BAD_REQUEST,
    };
    ApiError::bilingual(
        status,
        error.code(),
        error.message(Lang::Fr),
        error.message(Lang::En),
    )
}

/// Decodes `%XX` escapes as UTF-8 (invalid sequences become U+FFFD).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == b'%'
            && let Some(hex) = text.get(index + 1..index + 3)
            && let Ok(value) = u8::from_str_radix(hex, 16)
        {
            out.push(value);
            index += 3;
            continue;
        }
        out.push(byte);
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The file's name from [`NAME_HEADER`], cleaned by the core.
fn file_name(headers: &HeaderMap) -> String {
    let raw = headers
        .get(NAME_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(percent_decode)
        .unwrap_or_default();
    files::clean_name(&raw)
}

/// Reads and drops what is left of a refused body, up to [`DRAIN_LIMIT`]
/// bytes in all and [`DRAIN_TIME`]; returns the bytes counted (`read` so far
/// included). Nothing is kept: memory stays at one chunk.
async fn drain(mut stream: axum::body::BodyDataStream, read: u64) -> u64 {
    let mut total = read;
    let counting = async {
        while total <= DRAIN_LIMIT {
            match stream.next().await {
                Some(Ok(chunk)) => total += chunk.len() as u64,
                _ => break,
            }
        }
    };
    let _ = tokio::time::timeout(DRAIN_TIME, counting).await;
    total
}

/// Reads the body, stopping at the first chunk past [`MAX_BYTES`]: at most
/// the limit and a chunk are ever held in memory. A body announced or found
/// too large is drained ([`drain`]) and refused with its size.
async fn read_file(body: Body, announced: Option<u64>) -> Result<Vec<u8>, ApiError> {
    let mut stream = body.into_data_stream();
    if let Some(size) = announced
        && size > MAX_BYTES
    {
        drain(stream, 0).await;
        return Err(refused(&FileError::TooLarge { size }));
    }
    let capacity = announced.map_or(64 * 1024, |size| size.min(MAX_BYTES)) as usize;
    let mut bytes = Vec::with_capacity(capacity);
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|error| {
            ApiError::bad_request(
                "unreadable_body",
                format!("The file could not be read: {error}"),
            )
        })?;
        let size = (bytes.len() + chunk.len()) as u64;
        if size > MAX_BYTES {
            drop(bytes);
            let size = drain(stream, size).await;
            return Err(refused(&FileError::TooLarge { size }));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

async fn upload(
    State(state): State<AppState>,
    device: Device,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, ApiJson<FileRef>), ApiError> {
    if device.0.access == Access::Guest {
        return Err(ApiError::bilingual(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Les invités ne peuvent pas ajouter de fichiers ; demandez à un membre du collectif.",
            "Guests cannot upload files; ask a member of the collective.",
        ));
    }
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.parse::<u64>().ok());
    let bytes = read_file(body, announced).await?;
    let content_type = files::check(&bytes).map_err(|error| refused(&error))?;
    let hash = secrets::sha256_hex(&bytes);
    let size = bytes.len() as u64;
    let stored = state
        .hub
        .storage()
        .put_file(NewFile {
            collective: device.0.collective,
            hash: hash.clone(),
            content_type: content_type.to_owned(),
            bytes,
            uploaded_by: Some(device.0.member),
            now: secrets::now_text(),
        })
        .await?;
    let status = if stored {
        tracing::info!(collective = %device.0.collective, size, content_type, "a file was uploaded");
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        ApiJson(FileRef {
            hash,
            name: file_name(&headers),
            content_type: content_type.to_owned(),
            size,
        }),
    ))
}

async fn download(
    State(state): State<AppState>,
    device: Device,
    ApiPath(hash): ApiPath<String>,
) -> Result<Response, ApiError> {
    if !files::is_hash(&hash) {
        return Err(ApiError::bad_request(
            "invalid_hash",
            "A file is named by the SHA-256 of its bytes: 64 lower-case hexadecimal digits.",
        ));
    }
    let file = state
        .hub
        .storage()
        .file(device.0.collective, hash)
        .await?
        .ok_or_else(|| {
            ApiError::bilingual(
                StatusCode::NOT_FOUND,
                "file_not_found",
                "Ce fichier n’existe pas dans ce collectif.",
                "This collective has no such file.",
            )
        })?;
    // Text was recognised as UTF-8: say so, or browsers guess another encoding.
    let content_type = if file.content_type == "text/plain" {
        HeaderValue::from_static("text/plain; charset=utf-8")
    } else {
        HeaderValue::from_str(&file.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream"))
    };
    let mut response = Body::from(file.bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, content_type);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE_FILE));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_percent_decoded_then_cleaned() {
        let mut headers = HeaderMap::new();
        headers.insert(
            NAME_HEADER,
            HeaderValue::from_static("..%2F..%2Faffiche%20disco-soupe%C3%A9.pdf"),
        );
        assert_eq!(file_name(&headers), "affiche disco-soupeé.pdf");
        assert_eq!(file_name(&HeaderMap::new()), "fichier");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%C3"), "%zz\u{fffd}");
    }

    #[tokio::test]
    async fn a_body_without_a_length_is_refused_with_its_whole_size() {
        let chunks = (0..40).map(|_| Ok::<_, std::io::Error>(vec![b'a'; 1024 * 1024]));
        let body = Body::from_stream(tokio_stream::iter(chunks));
        let error = read_file(body, None).await.expect_err("refused");
        assert_eq!(
            (error.status, error.code),
            (StatusCode::PAYLOAD_TOO_LARGE, "file_too_large")
        );
        assert_eq!(
            error.message,
            "Le fichier fait 40,0 Mo ; la limite est de 10,0 Mo."
        );
        let body = Body::from(vec![b'a'; 1000]);
        assert_eq!(read_file(body, Some(1000)).await.map(|b| b.len()), Ok(1000));
    }
}
