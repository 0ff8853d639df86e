//! Installing what the build and the tests need, idempotently.
//!
//! Every step first checks what is there (and its version) and does nothing
//! when it fits, so second runs cost a few process spawns. Versions are
//! pinned where a mismatch breaks the build: Trunk (the newest that builds
//! with this toolchain) and the `wasm-bindgen` CLI (exactly the version in
//! `Cargo.lock`, or Trunk refuses to run offline).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{self, output, run};

/// Trunk 0.22 needs a newer rustc than this machine's; 0.21.14 builds here.
pub const TRUNK_VERSION: &str = "0.21.14";
/// The wasm target the app compiles to.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian packages the browser tests need.
const BROWSER_PACKAGES: [&str; 2] = ["chromium", "chromium-driver"];
/// Where Debian puts the browser and its driver.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Where Debian puts chromedriver.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The Debian package whose binaries (`initdb`, `pg_ctl`) the server's tests
/// use to run a throwaway PostgreSQL cluster.
const POSTGRES_PACKAGE: &str = "postgresql";
/// Where Debian puts each PostgreSQL version's binaries.
const POSTGRES_LIB: &str = "/usr/lib/postgresql";

/// What the caller is about to do, hence what it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Build the app and start the server.
    Run,
    /// Everything `Run` needs, plus the browser and the lint components.
    Test,
}

/// Installs whatever `purpose` needs and is missing.
pub fn ensure_all(purpose: Purpose) -> Result<(), String> {
    if purpose == Purpose::Test {
        ensure_rustup_components()?;
    }
    ensure_wasm_target()?;
    ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION, true)?;
    // No `--locked`: the CLI's own lock file names a release the registry no longer serves.
    ensure_cargo_tool(
        "wasm-bindgen",
        "wasm-bindgen-cli",
        &wasm_bindgen_version()?,
        false,
    )?;
    ensure_node()?;
    ensure_npm_packages()?;
    if purpose == Purpose::Test {
        ensure_browser()?;
        ensure_postgres()?;
    }
    Ok(())
}

fn ensure_rustup_components() -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["component", "list", "--installed"]))
        .unwrap_or_default();
    for component in ["rustfmt", "clippy"] {
        if !installed.lines().any(|line| line.starts_with(component)) {
            run(Command::new("rustup").args(["component", "add", component]))?;
        }
    }
    Ok(())
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .ok_or("`rustup` is needed to add the wasm target; install Rust with rustup")?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// Installs `krate` at `version` unless `binary --version` already reports it.
fn ensure_cargo_tool(binary: &str, krate: &str, version: &str, locked: bool) -> Result<(), String> {
    let bin_dir = process::cargo_bin_dir();
    let found = output(Command::new(bin_dir.join(binary)).arg("--version"))
        .or_else(|| output(Command::new(binary).arg("--version")));
    if let Some(text) = &found {
        if text.split_whitespace().nth(1) == Some(version) {
            return Ok(());
        }
        eprintln!("xtask: {} found, {version} wanted", text.trim());
    }
    eprintln!("xtask: installing {krate} {version} (several minutes on a bare machine)");
    let mut command = Command::new("cargo");
    command.args(["install", krate, "--version", version, "--force"]);
    if locked {
        command.arg("--locked");
    }
    run(&mut command)
}

/// The `wasm-bindgen` version recorded in `Cargo.lock`.
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock_path = crate::root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .map_err(|error| format!("cannot read {}: {error}", lock_path.display()))?;
    lock_package_version(&lock, "wasm-bindgen")
        .ok_or_else(|| format!("no wasm-bindgen package in {}", lock_path.display()))
}

/// Finds `version = "…"` of the package named `name` in a `Cargo.lock`.
fn lock_package_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            return version.strip_suffix('"').map(str::to_owned);
        }
    }
    None
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// Installs Debian packages, or tells a non-root user the exact commands to run.
fn apt_install(packages: &[&str], why: &str) -> Result<(), String> {
    let list = packages.join(" ");
    if !is_root() {
        return Err(format!(
            "{why} needs Debian packages that are missing. Run, as root:\n\n    \
             apt-get update && apt-get install -y {list}\n\nthen run this command again."
        ));
    }
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn ensure_node() -> Result<(), String> {
    if output(Command::new("npm").arg("--version")).is_some() {
        return Ok(());
    }
    apt_install(
        &["nodejs", "npm"],
        "the end-to-end tests and the wasm optimiser",
    )
}

fn ensure_browser() -> Result<(), String> {
    if Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
        return Ok(());
    }
    apt_install(&BROWSER_PACKAGES, "the browser tests")
}

/// PostgreSQL's server binaries, for the server's tests on the second engine
/// (each test process starts its own cluster; none is left running).
fn ensure_postgres() -> Result<(), String> {
    if postgres_bin_dir(Path::new(POSTGRES_LIB)).is_some() {
        return Ok(());
    }
    apt_install(&[POSTGRES_PACKAGE], "the server's PostgreSQL tests")
}

/// The newest `<lib>/<version>/bin` holding `initdb` and `pg_ctl`.
fn postgres_bin_dir(lib: &Path) -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir(lib)
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

/// The end-to-end packages (Playwright, TypeScript, binaryen's `wasm-opt`).
pub fn end2end_dir() -> PathBuf {
    crate::root().join("end2end")
}

/// Directory of the npm-installed binaries (`wasm-opt`, `playwright`, `tsc`).
pub fn npm_bin_dir() -> PathBuf {
    end2end_dir().join("node_modules").join(".bin")
}

/// `npm ci` when `node_modules` is missing or older than `package-lock.json`.
fn ensure_npm_packages() -> Result<(), String> {
    let dir = end2end_dir();
    let marker = dir.join("node_modules").join(".package-lock.json");
    let lock = dir.join("package-lock.json");
    if marker.is_file() && !process::is_newer(&lock, &marker) {
        return Ok(());
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_newest_postgres_with_server_binaries() {
        let lib = std::env::temp_dir().join(format!("xtask-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&lib);
        for (version, complete) in [("13", true), ("15", true), ("16", false)] {
            let bin = lib.join(version).join("bin");
            std::fs::create_dir_all(&bin).expect("dir");
            std::fs::write(bin.join("initdb"), "").expect("file");
            if complete {
                std::fs::write(bin.join("pg_ctl"), "").expect("file");
            }
        }
        assert_eq!(postgres_bin_dir(&lib), Some(lib.join("15").join("bin")));
        assert_eq!(postgres_bin_dir(&lib.join("none")), None);
        let _ = std::fs::remove_dir_all(&lib);
    }

    #[test]
    fn reads_a_package_version_from_a_lock_file() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n\
                    [[package]]\nname = \"wasm-bindgen-test\"\nversion = \"0.3.80\"\n";
        assert_eq!(
            lock_package_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            lock_package_version(lock, "wasm-bindgen-test").as_deref(),
            Some("0.3.80")
        );
        assert_eq!(lock_package_version(lock, "leptos"), None);
    }

    #[test]
    fn the_workspace_lock_pins_the_wasm_bindgen_the_manifest_asks_for() {
        let manifest =
            std::fs::read_to_string(crate::root().join("Cargo.toml")).expect("workspace manifest");
        let version = wasm_bindgen_version().expect("Cargo.lock has wasm-bindgen");
        assert!(
            manifest.contains(&format!("wasm-bindgen = \"={version}\"")),
            "Cargo.toml must pin wasm-bindgen to the locked {version}"
        );
    }
}
