//! Running commands, finding free ports and waiting for a server.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `command`, echoing it first; an error names the command and its exit status.
pub fn run(command: &mut Command) -> Result<(), String> {
    eprintln!("xtask: $ {}", describe(command));
    let status = command
        .status()
        .map_err(|error| format!("cannot start `{}`: {error}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

/// Runs `command` like [`run`], echoing its standard output line by line and
/// keeping the lines `keep` picks: on failure they end the error message, so
/// the closing summary names what failed (a Playwright test's title and error)
/// even when only the end of a long log is read.
pub fn run_keeping(command: &mut Command, keep: fn(&str) -> bool) -> Result<(), String> {
    use std::io::BufRead;
    eprintln!("xtask: $ {}", describe(command));
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot start `{}`: {error}", describe(command)))?;
    let mut kept = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        let mut out = std::io::stdout();
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = writeln!(out, "{line}");
            if keep(&line) && !kept.contains(&line) {
                kept.push(line);
            }
        }
    }
    let status = child
        .wait()
        .map_err(|error| format!("`{}` did not end: {error}", describe(command)))?;
    if status.success() {
        return Ok(());
    }
    let mut message = format!("`{}` failed ({status})", describe(command));
    for line in kept.iter().take(30) {
        message.push_str("\n    ");
        message.push_str(line.trim());
    }
    Err(message)
}

/// Runs `command` quietly and returns its standard output, or `None` if it
/// cannot start or fails (used to probe installed tools).
pub fn output(command: &mut Command) -> Option<String> {
    let result = command.stderr(Stdio::null()).output().ok()?;
    result
        .status
        .success()
        .then(|| String::from_utf8_lossy(&result.stdout).into_owned())
}

/// The command line, for messages.
pub fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        let arg = arg.to_string_lossy();
        text.push(' ');
        if arg.len() > 120 || arg.contains('\n') {
            text.push_str("<script>");
        } else {
            text.push_str(&arg);
        }
    }
    text
}

/// `PATH` with `dirs` in front, so tools installed by the project win.
pub fn path_with(dirs: &[PathBuf]) -> std::ffi::OsString {
    let mut all: Vec<PathBuf> = dirs.to_vec();
    if let Some(path) = std::env::var_os("PATH") {
        all.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(all).unwrap_or_default()
}

/// Where `cargo install` puts binaries.
pub fn cargo_bin_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(home).join("bin");
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    home.join(".cargo").join("bin")
}

/// A port on 127.0.0.1 that nothing listens on right now.
pub fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(|error| format!("cannot find a free port: {error}"))?;
    listener
        .local_addr()
        .map(|address| address.port())
        .map_err(|error| format!("cannot find a free port: {error}"))
}

/// Waits until `GET /healthz` on `address` answers 200, or `child` exits, or time runs out.
pub fn wait_healthy(
    address: SocketAddr,
    child: &mut Child,
    timeout: Duration,
) -> Result<(), String> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the server exited before it was ready ({status})"));
        }
        if health_status(address) == Some(200) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!(
                "the server did not answer /healthz on {address} within {}s",
                timeout.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The HTTP status of `GET /healthz`, with a plain HTTP/1.0 request.
fn health_status(address: SocketAddr) -> Option<u16> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(1)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    stream
        .write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n")
        .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    response.split_whitespace().nth(1)?.parse().ok()
}

/// Whether `path` exists and is newer than `than` (missing `than` counts as older).
pub fn is_newer(path: &Path, than: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(path), modified(than)) {
        (Some(a), Some(b)) => a > b,
        (Some(_), None) => true,
        _ => false,
    }
}
