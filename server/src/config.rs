//! Configuration of the `archipel` binary, by flags or environment variables.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::storage::Location;

/// Archipel's server: serves the app and syncs a collective's devices.
#[derive(Debug, Clone, Parser)]
#[command(name = "archipel", version, about)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "ARCHIPEL_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Directory holding the database (`archipel.sqlite3`) and uploaded files;
    /// created on first start.
    #[arg(long, env = "ARCHIPEL_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// A PostgreSQL database to use instead of SQLite in the data directory:
    /// `postgres://user:password@host:port/database`. Several `archipel`
    /// processes may share one. Prefer the environment variable: a password
    /// on the command line is visible to every local user.
    #[arg(long, env = "ARCHIPEL_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,

    /// Directory of the built app (Trunk's `dist/`).
    #[arg(long, env = "ARCHIPEL_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,

    /// Log format: human-readable lines or one JSON object per event.
    #[arg(long, env = "ARCHIPEL_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// Without a command, serve. On first start with an empty data directory the
    /// server creates the demo collective and prints an admin join URL.
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Config {
    /// The database these settings select: PostgreSQL when a URL is given,
    /// else SQLite in the data directory.
    #[must_use]
    pub fn location(&self) -> Location {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => Location::Postgres(url.trim().to_owned()),
            _ => Location::Sqlite(self.data_dir.clone()),
        }
    }
}

/// Administration commands.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Manage collectives.
    Collective {
        /// What to do.
        #[command(subcommand)]
        action: CollectiveCommand,
    },
    /// Writes one collective (rows, log, members, devices, invites) to a
    /// portable archive file that either engine can restore.
    Backup {
        /// The collective's id; may be left out when there is only one.
        #[arg(long)]
        collective: Option<String>,
        /// The archive file to write (replaced if it exists).
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Restores a collective from an archive made by `archipel backup`, into
    /// the database selected by `--data-dir` or `--database-url`.
    Restore {
        /// The archive file to read.
        #[arg(long, short)]
        input: PathBuf,
        /// Overwrite the collective if it already exists here (stop the
        /// servers that serve it first, or restart them after).
        #[arg(long)]
        replace: bool,
    },
}

/// What to do with collectives.
#[derive(Debug, Clone, Subcommand)]
pub enum CollectiveCommand {
    /// Creates an empty collective and prints an admin join URL.
    Create {
        /// Its name.
        #[arg(long)]
        name: String,
        /// Fill it with a generated collective of this size instead (for
        /// benchmarks: `small`, `map` ≈ 1 000 map nodes, `large` = 500 pôles,
        /// 5 000 people, 20 000 tasks, 50 000 places…).
        #[arg(long, value_enum)]
        generated: Option<Generated>,
    },
}

/// Sizes of generated collectives (`archipel_core::generate::Size`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generated {
    /// A few dozen of each kind.
    Small,
    /// About 1 000 nodes on the map.
    Map,
    /// The large collective of the browser benchmarks.
    Large,
}

/// How log events are written to standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One readable line per event.
    Text,
    /// One JSON object per event, for log collectors.
    Json,
}
