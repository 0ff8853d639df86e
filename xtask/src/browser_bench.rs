//! `cargo xtask bench-browser`: the app in headless Chromium on a generated
//! collective (docs/benchmarks.md, "Cartography in the browser").
//!
//! A throw-away data directory gets a generated collective
//! (`archipel collective create --generated <size>`), the server starts on a
//! free port serving the release build, and the Playwright benchmark in
//! `end2end/bench/` joins it, reloads the app several times (cold starts with
//! the data already in IndexedDB) and pans and zooms the map, then types
//! into the global search. Figures are printed and written to
//! `target/bench-browser-<size>.json` (the map) and
//! `target/bench-browser-<size>-search.json` (the search).
//!
//! `cargo xtask test` runs the `small` size once so the script cannot rot.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::install;
use crate::process::{self, run};

const USAGE: &str = "usage: cargo xtask bench-browser [small|map|large]   (default: map)";

/// Parses the size and runs the benchmark with five cold reloads.
pub fn bench_browser(args: &[String]) -> Result<(), String> {
    let size = match args {
        [] => "map",
        [size] if ["small", "map", "large"].contains(&size.as_str()) => size.as_str(),
        _ => return Err(USAGE.to_owned()),
    };
    install::ensure_all(install::Purpose::Test)?;
    crate::run::build_app()?;
    measure(&crate::root(), size, 5)
}

/// Builds the server, prepares the generated collective, serves it and runs
/// the Playwright benchmark against it.
pub fn measure(root: &Path, size: &str, reloads: u32) -> Result<(), String> {
    run(Command::new("cargo")
        .current_dir(root)
        .args(["build", "-p", "archipel-server"]))?;
    let binary = root.join("target").join("debug").join("archipel");
    let data = std::env::temp_dir().join(format!("archipel-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let created = Command::new(&binary)
        .arg("--data-dir")
        .arg(&data)
        .args(["collective", "create", "--name", "Collectif généré"])
        .args(["--generated", size])
        .env("ARCHIPEL_LOG", "warn")
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| format!("cannot run {}: {error}", binary.display()))?;
    let printed = String::from_utf8_lossy(&created.stdout);
    let invite = printed
        .split_once("/rejoindre#")
        .map(|(_, token)| token.trim().to_owned())
        .ok_or_else(|| format!("the generated collective was not created: {printed}"))?;

    let port = process::free_port()?;
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let mut server = Command::new(&binary)
        .arg("--bind")
        .arg(address.to_string())
        .arg("--data-dir")
        .arg(&data)
        .arg("--static-dir")
        .arg(root.join("dist"))
        .env("ARCHIPEL_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot start the server: {error}"))?;
    let out = root
        .join("target")
        .join(format!("bench-browser-{size}.json"));
    let outcome =
        process::wait_healthy(address, &mut server, Duration::from_secs(30)).and_then(|()| {
            run(Command::new("npx")
                .args(["playwright", "test", "-c", "bench.config.ts"])
                .current_dir(install::end2end_dir())
                .env("ARCHIPEL_URL", format!("http://{address}"))
                .env("ARCHIPEL_BENCH_INVITE", &invite)
                .env("ARCHIPEL_BENCH_OUT", &out)
                .env("ARCHIPEL_BENCH_RELOADS", reloads.to_string()))
        });
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&data);
    outcome?;
    eprintln!("xtask: figures written to {}", out.display());
    Ok(())
}
