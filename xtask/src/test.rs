//! `cargo xtask test`: every check and every test, then a one-line summary.
//!
//! Steps run in order; a failing step does not stop the independent ones
//! after it (a formatting slip should not hide a failing test), but steps that
//! need an earlier one's output (the end-to-end suite needs the release build)
//! are skipped and counted as failed.

use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::install::{self, CHROMEDRIVER, Purpose};
use crate::process::{self, run};

struct Step {
    name: &'static str,
    outcome: Result<(), String>,
    took: Duration,
}

/// `cargo xtask test`.
pub fn test() -> Result<(), String> {
    let started = Instant::now();
    let mut steps: Vec<Step> = Vec::new();
    let mut step = |name: &'static str, work: &mut dyn FnMut() -> Result<(), String>| {
        eprintln!("\nxtask: ── {name} ──");
        let begun = Instant::now();
        let outcome = work();
        if let Err(message) = &outcome {
            eprintln!("xtask: {name} FAILED: {message}");
        }
        let ok = outcome.is_ok();
        steps.push(Step {
            name,
            outcome,
            took: begun.elapsed(),
        });
        ok
    };

    let root = crate::root();
    let installed = step("install", &mut || install::ensure_all(Purpose::Test));
    if installed {
        step("fmt", &mut || {
            run(cargo(&root).args(["fmt", "--all", "--check"]))
        });
        step("clippy", &mut || {
            run(cargo(&root).args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]))
        });
        step("native tests", &mut || {
            run(cargo(&root).args(["test", "--workspace"]))
        });
        step("browser tests (wasm)", &mut || browser_tests(&root));
        let built = step("release build", &mut crate::run::build_app);
        if built {
            step("bundle size ceiling", &mut crate::size::size);
            step("end-to-end (Playwright)", &mut || end_to_end(&root));
            step("browser benchmark (small)", &mut || {
                crate::browser_bench::measure(&root, "small", 1)
            });
        } else {
            steps.push(Step {
                name: "end-to-end (Playwright)",
                outcome: Err("skipped: the release build failed".to_owned()),
                took: Duration::ZERO,
            });
        }
    }

    eprintln!("\nxtask: steps");
    for done in &steps {
        let mark = if done.outcome.is_ok() { "ok  " } else { "FAIL" };
        eprintln!(
            "  {mark} {:<28} {:>6.1}s",
            done.name,
            done.took.as_secs_f64()
        );
        if let Err(message) = &done.outcome {
            eprintln!("       {message}");
        }
    }
    let failed = steps.iter().filter(|done| done.outcome.is_err()).count();
    let passed = steps.len() - failed;
    eprintln!("  total {:.0}s", started.elapsed().as_secs_f64());
    // The closing line CI reads: exactly "summary: N passed, N failed".
    println!("summary: {passed} passed, {failed} failed");
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} step(s) failed"))
    }
}

fn cargo(root: &Path) -> Command {
    let mut command = Command::new("cargo");
    command.current_dir(root);
    command
}

/// The app's `wasm-bindgen-test` tests, in headless Chromium via chromedriver.
fn browser_tests(root: &Path) -> Result<(), String> {
    run(cargo(root)
        .args([
            "test",
            "-p",
            "archipel-app",
            "--target",
            install::WASM_TARGET,
        ])
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .env("PATH", process::path_with(&[process::cargo_bin_dir()])))
}

/// Starts a real `archipel` on a free port with a throw-away data directory,
/// serving the release build, and runs the Playwright suite against it.
fn end_to_end(root: &Path) -> Result<(), String> {
    // The same command as the native tests, so Cargo reuses the binary it built
    // for the server's integration tests instead of rebuilding with other features.
    run(cargo(root).args(["test", "--workspace", "--no-run"]))?;
    let data = std::env::temp_dir().join(format!("archipel-e2e-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let port = process::free_port()?;
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let mut server = Command::new(root.join("target").join("debug").join("archipel"))
        .arg("--bind")
        .arg(address.to_string())
        .arg("--data-dir")
        .arg(&data)
        .arg("--static-dir")
        .arg(root.join("dist"))
        .env("ARCHIPEL_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot start the server: {error}"))?;
    // First start prints the demo collective's admin join URL: the suite joins with it.
    let (invite_tx, invite_rx) = std::sync::mpsc::channel::<String>();
    if let Some(stdout) = server.stdout.take() {
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if let Some((_, token)) = line.split_once("/rejoindre#") {
                    let _ = invite_tx.send(token.trim().to_owned());
                }
            }
        });
    }
    let outcome = process::wait_healthy(address, &mut server, Duration::from_secs(30))
        .and_then(|()| {
            invite_rx
                .recv_timeout(Duration::from_secs(10))
                .map_err(|_| "the server printed no admin join URL on first start".to_owned())
        })
        .and_then(|invite| {
            process::run_keeping(
                Command::new("npx")
                    .args(["playwright", "test"])
                    .current_dir(install::end2end_dir())
                    .env("ARCHIPEL_URL", format!("http://{address}"))
                    .env("ARCHIPEL_ADMIN_INVITE", invite)
                    .env("CI", "1"),
                playwright_failure,
            )
        });
    stop(&mut server);
    let _ = std::fs::remove_dir_all(&data);
    outcome
}

/// The lines of Playwright's list reporter worth repeating in the summary: a
/// failed test's title (`✘ …`) and the first line of each error.
fn playwright_failure(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with('✘') || line.starts_with("Error:")
}

fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}
