//! Archipel's server: serves the built app and, when devices are online,
//! relays a collective's changes between them.
//!
//! The server is a thin shell around `archipel-core`: it owns the network
//! (axum), the database (SQLite by default, in the data directory, or
//! PostgreSQL shared by several processes) and the
//! static files of the app. Handlers are small and read like the API; the rules
//! live in the core.
//!
//! - [`config`] — flags, environment variables and subcommands.
//! - [`storage`] — the database: opening, migrations, every query.
//! - [`hub`] — each collective's authoritative state, its order and pokes.
//! - [`api`] — the JSON API: joining, push, pull, live events, invites, devices.
//! - [`web`] — the HTTP routes: health, the API, the app shell and its assets.
//! - [`backup`] — `archipel backup` / `archipel restore` of one collective.
//! - [`secrets`] — ids, tokens and their hashes.

pub mod api;
pub mod backup;
pub mod config;
pub mod hub;
pub mod secrets;
pub mod storage;
pub mod web;

use std::future::Future;

use tokio::net::TcpListener;

pub use config::Config;
pub use storage::{Location, Storage, StorageError};
pub use web::AppState;

/// Serves the app and its API on `listener` until `shutdown` resolves.
///
/// # Errors
/// Fails when the listener fails.
pub async fn serve(
    state: AppState,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    axum::serve(listener, web::router(state))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(ServeError::Io)
}

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The socket failed.
    #[error("network error: {0}")]
    Io(#[from] std::io::Error),
}

/// On first start (no collective yet), creates the demo collective and an
/// admin invitation; returns the join path to print, if one was made.
///
/// # Errors
/// When the database fails.
pub async fn bootstrap(state: &AppState) -> Result<Option<String>, api::error::ApiError> {
    // Several processes may start together on one PostgreSQL database: only
    // the one that claims the first start creates the demo.
    if !state.hub.storage().claim_first_start().await? {
        return Ok(None);
    }
    let collective = state.hub.create_collective(None).await?;
    tracing::info!(%collective, "created the demo collective");
    admin_invite(state, collective).await.map(Some)
}

/// An admin invitation to `collective`, valid a week for one device; returns its join path.
///
/// # Errors
/// When the database fails.
pub async fn admin_invite(
    state: &AppState,
    collective: archipel_core::Id,
) -> Result<String, api::error::ApiError> {
    let (token, _) = api::create_invite_row(
        state,
        collective,
        archipel_core::Access::Admin,
        24 * 7,
        1,
        None,
    )
    .await?;
    Ok(api::join_path(&token))
}
