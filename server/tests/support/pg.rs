//! A throwaway PostgreSQL cluster for the tests: one per test process, in a
//! temporary directory, on a free port, stopped and deleted when the process
//! ends; one fresh database per test.
//!
//! - `ARCHIPEL_TEST_DATABASE_URL=postgres://user@host:port/db` uses a server you
//!   run instead (the user must be allowed to `CREATE DATABASE`).
//! - Otherwise the binaries of `ARCHIPEL_PG_BIN`, or of the newest
//!   `/usr/lib/postgresql/*/bin`, are used (Debian's `postgresql` package;
//!   `cargo xtask test` installs it). `initdb`
//!   refuses to run as root, so as root the cluster runs as the `postgres`
//!   system user (`runuser -u postgres --`).
//! - Without either, the PostgreSQL half of the tests **fails** and says how to
//!   install PostgreSQL, unless `ARCHIPEL_TEST_SKIP_POSTGRES=1`, which skips it
//!   with a printed reason.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// What to say when PostgreSQL is missing.
pub const INSTALL_HINT: &str = "PostgreSQL is needed for the PostgreSQL half of the server's tests. \
Install it with `apt-get install postgresql` (as root; `cargo xtask setup` does it), \
or point ARCHIPEL_TEST_DATABASE_URL at a server where you may CREATE DATABASE, \
or set ARCHIPEL_TEST_SKIP_POSTGRES=1 to skip these tests.";

struct Cluster {
    /// `postgres://user@host:port` without a database.
    base: String,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();
static DATABASES: AtomicU32 = AtomicU32::new(0);

/// Whether the PostgreSQL tests are to be skipped (prints why once per test).
pub fn skip() -> bool {
    if std::env::var("ARCHIPEL_TEST_SKIP_POSTGRES").is_ok_and(|value| value == "1") {
        eprintln!("skipped: ARCHIPEL_TEST_SKIP_POSTGRES=1 (PostgreSQL variant not run)");
        return true;
    }
    false
}

/// A URL to a new, empty database.
///
/// # Panics
/// When no PostgreSQL can be had, with [`INSTALL_HINT`].
pub async fn fresh_database() -> String {
    let cluster = CLUSTER.get_or_init(start_cluster);
    let base = match cluster {
        Ok(cluster) => cluster.base.clone(),
        Err(why) => panic!("{why}"),
    };
    let name = format!(
        "archipel_test_{}_{}",
        std::process::id(),
        DATABASES.fetch_add(1, Ordering::Relaxed)
    );
    let (client, connection) =
        tokio_postgres::connect(&format!("{base}/postgres"), tokio_postgres::NoTls)
            .await
            .unwrap_or_else(|error| panic!("cannot reach the test cluster at {base}: {error}"));
    let driver = tokio::spawn(connection);
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap_or_else(|error| panic!("cannot create the test database {name}: {error}"));
    drop(client);
    let _ = driver.await;
    format!("{base}/{name}")
}

fn start_cluster() -> Result<Cluster, String> {
    if let Ok(url) = std::env::var("ARCHIPEL_TEST_DATABASE_URL") {
        let base = url.trim_end_matches('/');
        // Drop a database name, if any: tests make their own.
        let base = match base.rsplit_once('/') {
            Some((front, _)) if front.contains("://") && front.len() > "postgres://".len() => {
                front.to_owned()
            }
            _ => base.to_owned(),
        };
        return Ok(Cluster { base });
    }
    let bin = binaries().ok_or_else(|| INSTALL_HINT.to_owned())?;
    let as_root = is_root();
    // As root the cluster runs as `postgres`, who may not reach a TMPDIR under /root.
    let temp = if as_root {
        PathBuf::from("/tmp")
    } else {
        std::env::temp_dir()
    };
    let root = temp.join(format!("archipel-pg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).map_err(|error| format!("cannot create {root:?}: {error}"))?;
    if as_root {
        run(Command::new("chown")
            .arg("-R")
            .arg("postgres:postgres")
            .arg(&root))?;
    }
    let data = root.join("data");
    run(as_cluster_user(as_root, &bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args([
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        ]))?;
    let port = free_port()?;
    let options = format!(
        "-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={} \
         -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
         -c max_connections=400 -c shared_buffers=64MB",
        root.display()
    );
    run(as_cluster_user(as_root, &bin.join("pg_ctl"))
        .arg("-D")
        .arg(&data)
        .arg("-l")
        .arg(root.join("log"))
        .args(["-w", "-t", "60", "-o", &options, "start"]))?;
    watchdog(as_root, &bin, &root, &data)?;
    Ok(Cluster {
        base: format!("postgres://postgres@127.0.0.1:{port}"),
    })
}

/// The newest installed PostgreSQL's `bin` directory.
pub fn binaries() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("ARCHIPEL_PG_BIN") {
        let bin = PathBuf::from(dir);
        return (bin.join("initdb").is_file() && bin.join("pg_ctl").is_file()).then_some(bin);
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            (bin.join("initdb").is_file() && bin.join("pg_ctl").is_file()).then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}

fn as_cluster_user(as_root: bool, program: &Path) -> Command {
    if as_root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn run(command: &mut Command) -> Result<(), String> {
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run {command:?}: {error}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|error| format!("no free port: {error}"))
}

/// A detached shell that waits for this process to end, then stops the
/// cluster and deletes its directory.
fn watchdog(as_root: bool, bin: &Path, root: &Path, data: &Path) -> Result<(), String> {
    let stop = format!(
        "{}{} -D '{}' -m immediate stop",
        if as_root {
            "runuser -u postgres -- "
        } else {
            ""
        },
        bin.join("pg_ctl").display(),
        data.display()
    );
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{root}'",
        pid = std::process::id(),
        root = root.display()
    );
    Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|error| format!("cannot start the cluster's watchdog: {error}"))
}
