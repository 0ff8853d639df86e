//! The real `archipel` binary as a child process, on either engine: for the
//! drills that kill it (SIGKILL) or measure its memory.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use archipel_server::Location;

/// A running `archipel` binary.
pub struct Process {
    pub child: Child,
    pub base: String,
    /// The admin invite token, printed on first start.
    pub join: Option<String>,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// Starts the binary and waits for its "ready" line (and the join URL on first start).
pub fn start(location: &Location) -> Process {
    let port = free_port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_archipel"));
    command.args(["--bind", &format!("127.0.0.1:{port}")]);
    match location {
        Location::Sqlite(dir) => command.arg("--data-dir").arg(dir),
        Location::Postgres(url) => command.env("ARCHIPEL_DATABASE_URL", url),
    };
    let mut child = command
        .env("ARCHIPEL_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut join = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        if let Some(at) = line.find("/rejoindre#") {
            join = Some(line[at + "/rejoindre#".len()..].trim().to_owned());
        }
        if line.contains("ready") {
            break;
        }
    }
    Process {
        child,
        base: format!("http://127.0.0.1:{port}"),
        join,
    }
}

/// A value of `/proc/<pid>/status` in KiB (`VmRSS`, `VmHWM`: the peak), on Linux.
pub fn memory_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}
