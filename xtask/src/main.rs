//! Archipel's own build tool, run as `cargo xtask <command>`.
//!
//! It exists so that a newcomer (or CI) on a bare machine needs two commands:
//! `cargo xtask run` starts the app, `cargo xtask test` runs every test. Both
//! install what they miss first — the wasm target, Trunk, the `wasm-bindgen`
//! CLI matching `Cargo.lock`, the npm packages, Chromium, PostgreSQL — and skip what is
//! already there.

mod bench;
mod browser_bench;
mod drill;
mod install;
mod process;
mod run;
mod size;
mod sw;
mod test;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  run     install what is missing, build the app (release) and start the server
            --port <N>        port to listen on (default 8080, env ARCHIPEL_PORT)
            --bind <ADDR>     full address, e.g. 0.0.0.0:8080 (env ARCHIPEL_BIND)
            --data-dir <DIR>  where the database lives (default ./data)
  test    install what tests need (Chromium, PostgreSQL…), then run every check and test
  setup   only install what `run` and `test` need
  build   install what is missing and build the app (release) into dist/
  size    sizes of the built app (raw, gzip, brotli) against the budget
  sw      write the service worker into Trunk's staging directory (a Trunk hook)
  bench   the core's apply of 100k field sets next to the CRDT peers
            (../shared/tools/peer-bench), one run, one machine
            [N]               number of field sets (default 100000)
  drill   the long reliability drills (docs/reliability.md), one engine at a time
            crash [ROUNDS [PUSHES [CLIENTS]]]   SIGKILL during pushes, restart (100 x 1000 x 10)
            offline [OPS [CHUNK]]   a long offline device catching up (100000 in chunks of 500)
            --postgres        on PostgreSQL instead of SQLite
            --release         against a release build
  bench-browser  the app in headless Chromium on a generated collective:
            cold start and map first frame, pan/zoom frame times
            [small|map|large] size of the collective (default map)
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    let outcome = match command.as_str() {
        "run" => run::Options::parse(&rest).and_then(|options| run::run(&options)),
        "test" => test::test(),
        "setup" => install::ensure_all(install::Purpose::Test),
        "build" => install::ensure_all(install::Purpose::Run).and_then(|()| run::build_app()),
        "size" => size::size(),
        "sw" => sw::sw(),
        "bench" => bench::bench(&rest),
        "drill" => drill::drill_command(&rest),
        "bench-browser" => browser_bench::bench_browser(&rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate's directory).
fn root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}
