//! Configuration of the `archipel` binary, by flags or environment variables.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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

/// Administration commands.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Manage collectives.
    Collective {
        /// What to do.
        #[command(subcommand)]
        action: CollectiveCommand,
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
