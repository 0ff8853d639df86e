//! Archipel's server: serves the built app and, when devices are online,
//! relays a collective's changes between them.
//!
//! The server is a thin shell around `archipel-core`: it owns the network
//! (axum), the database (SQLite by default, in the data directory) and the
//! static files of the app. Handlers are small and read like the API; the rules
//! live in the core.
//!
//! - [`config`] — flags and environment variables.
//! - [`storage`] — the database: opening, migrations, health.
//! - [`web`] — the HTTP routes: health, the app shell and its assets.

pub mod config;
pub mod storage;
pub mod web;

use std::future::Future;

use tokio::net::TcpListener;

pub use config::Config;
pub use storage::{Storage, StorageError};
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
