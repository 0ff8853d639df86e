//! The health report the server answers on `GET /healthz`.
//!
//! Shared so that the app, the server's tests and the build tool read the same
//! shape the server writes.

use serde::{Deserialize, Serialize};

/// Whether the server can serve requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    /// The server and its database answer.
    Ok,
    /// The server runs but its database does not answer.
    Degraded,
}

/// What `GET /healthz` returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthReport {
    /// Overall status.
    pub status: HealthStatus,
    /// The server's version (its crate version).
    pub version: String,
    /// The storage engine in use (`"sqlite"` by default).
    pub storage: String,
    /// The database schema version after migrations, if the database answered.
    pub schema_version: Option<u32>,
}

impl HealthReport {
    /// True when every part answered.
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.status == HealthStatus::Ok
    }
}
