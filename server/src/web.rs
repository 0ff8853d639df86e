//! HTTP routes: the health check, the app shell and its static assets.
//!
//! Client-side routes (`/territoire`, `/kits/…`) are answered with the app's
//! `index.html` so that a reload or a shared link opens the right view.
//! Caching follows what the files are: Trunk's hashed assets never change and
//! are cached for a year; `index.html` and unhashed files are revalidated on
//! every load so a new version reaches users.

use std::path::PathBuf;
use std::sync::Arc;

use archipel_core::{HealthReport, HealthStatus};
use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

use crate::api;
use crate::api::auth::Limiter;
use crate::hub::Hub;
use crate::storage::Storage;

/// `Cache-Control` for content-hashed assets.
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` for the shell and unhashed files: always revalidate.
pub const CACHE_REVALIDATE: &str = "no-cache";

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The collectives' authoritative states and the database.
    pub hub: Arc<Hub>,
    /// Per-device rate limits.
    pub limiter: Arc<Limiter>,
    static_dir: PathBuf,
}

impl AppState {
    /// Bundles the storage and the directory of the built app.
    #[must_use]
    pub fn new(storage: Storage, static_dir: PathBuf) -> Self {
        AppState {
            hub: Arc::new(Hub::new(storage)),
            limiter: Arc::new(Limiter::new()),
            static_dir,
        }
    }

    fn storage(&self) -> &Storage {
        self.hub.storage()
    }
}

/// All routes of the server.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .nest(
            "/api",
            api::router()
                .fallback(unknown_api)
                .method_not_allowed_fallback(wrong_method),
        )
        .route("/api", axum::routing::any(unknown_api))
        .fallback(static_or_shell)
        .with_state(state)
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            // The path only: query strings may carry a device token (event stream).
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        }))
}

async fn healthz(State(state): State<AppState>) -> Response {
    let schema_version = match state.storage().schema_version().await {
        Ok(version) => Some(version),
        Err(error) => {
            tracing::error!(%error, "health check: database does not answer");
            None
        }
    };
    let status = if schema_version.is_some() {
        HealthStatus::Ok
    } else {
        HealthStatus::Degraded
    };
    let report = HealthReport {
        status,
        version: env!("CARGO_PKG_VERSION").to_owned(),
        storage: state.storage().engine_name().to_owned(),
        schema_version,
    };
    let code = if report.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let mut response = (code, Json(report)).into_response();
    set_cache(&mut response, CACHE_REVALIDATE);
    response
}

/// A JSON error with a stable machine code and a human message.
#[derive(Debug, Serialize)]
struct ApiError {
    code: &'static str,
    message: String,
}

async fn unknown_api(request: Request) -> Response {
    let body = ApiError {
        code: "not_found",
        message: format!("no API route {} {}", request.method(), request.uri().path()),
    };
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}

/// A known API route called with a method it does not have: a typed JSON 405.
async fn wrong_method(request: Request) -> Response {
    let body = ApiError {
        code: "method_not_allowed",
        message: format!(
            "{} does not answer {}",
            request.uri().path(),
            request.method()
        ),
    };
    (StatusCode::METHOD_NOT_ALLOWED, Json(body)).into_response()
}

async fn static_or_shell(State(state): State<AppState>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let path = request.uri().path().to_owned();
    let index = state.static_dir.join("index.html");
    if !index.is_file() {
        return app_not_built(&state);
    }

    let served = ServeDir::new(&state.static_dir)
        .oneshot(clone_head(&request))
        .await;
    let mut response = match served {
        Ok(response) if response.status() != StatusCode::NOT_FOUND => response.map(Body::new),
        _ if is_client_route(&path) => match ServeFile::new(&index).oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(error) => match error {},
        },
        _ => return (StatusCode::NOT_FOUND, "not found").into_response(),
    };
    let cache = if response.status().is_success() && is_hashed_asset(&path) {
        CACHE_IMMUTABLE
    } else {
        CACHE_REVALIDATE
    };
    set_cache(&mut response, cache);
    response
}

/// A request with the same method, URI and headers and no body (GET/HEAD have none).
fn clone_head(request: &Request) -> Request {
    let mut copy = Request::new(Body::empty());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.headers_mut() = request.headers().clone();
    copy
}

fn app_not_built(state: &AppState) -> Response {
    tracing::warn!(dir = %state.static_dir.display(), "the app is not built");
    let message = format!(
        "Archipel's app is not built: no index.html in {}. Run `cargo xtask run`.",
        state.static_dir.display()
    );
    (StatusCode::SERVICE_UNAVAILABLE, message).into_response()
}

fn set_cache(response: &mut Response, value: &'static str) {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
}

/// A path the app's router handles: no file extension in its last segment.
fn is_client_route(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or_default();
    !last.contains('.')
}

/// Trunk names built assets `name-<hash>.ext` (and `…_bg.wasm`), the hash being a
/// 64-bit number in hex without leading zeros: 16 digits, sometimes fewer.
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((name, hash)) => {
            !name.is_empty()
                && (10..=16).contains(&hash.len())
                && hash.bytes().all(|b| b.is_ascii_hexdigit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashed_assets() {
        assert!(is_hashed_asset("/archipel-app-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/archipel-app-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_asset("/main-0123456789abcdef.css"));
        assert!(
            is_hashed_asset("/archipel-app-f253edd47a8c9a4_bg.wasm"),
            "a hash with a leading zero dropped"
        );
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/icons/icon-192.png"));
        assert!(!is_hashed_asset("/manifest.webmanifest"));
        assert!(!is_hashed_asset("/archipel-app-xyz.js"));
    }

    #[test]
    fn client_routes_have_no_extension() {
        assert!(is_client_route("/territoire"));
        assert!(is_client_route("/kits/demarrer-un-groupe-local"));
        assert!(is_client_route("/"));
        assert!(!is_client_route("/missing.js"));
        assert!(!is_client_route("/icons/icon.png"));
    }
}
