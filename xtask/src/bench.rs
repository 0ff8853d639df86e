//! `cargo xtask bench`: Archipel's core next to the CRDT peers, in one run on
//! one machine (docs/benchmarks.md, "Applying operations vs CRDT peers").
//!
//! The peers live in `<root>/../shared/tools/peer-bench` (Automerge, Loro,
//! Yrs: `cargo run --release` there prints one line per peer and measure). Our
//! line comes from `core/examples/peer_line.rs`, which prints the same format.
//! Both are built first, then run back to back so they share the machine's
//! state; the outputs are printed together.
//!
//! The peer-bench is built into `target/peer-bench` of this workspace
//! (`CARGO_TARGET_DIR`) so the shared folder is never written to.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::process::{describe, run};

const USAGE: &str = "usage: cargo xtask bench [N]   (N field sets, default 100000)";

/// Builds and runs the peers' benchmark and ours; prints both outputs together.
pub fn bench(args: &[String]) -> Result<(), String> {
    let sets = match args {
        [] => None,
        [n] if n.parse::<u64>().is_ok_and(|n| n > 0) => Some(n.clone()),
        _ => return Err(USAGE.to_owned()),
    };
    let root = crate::root();
    let peers_dir = root
        .parent()
        .map(|parent| parent.join("shared/tools/peer-bench"))
        .filter(|dir| dir.join("Cargo.toml").is_file());
    let peers_target = root.join("target/peer-bench");

    // Build everything first, so compiling never overlaps a measurement.
    match &peers_dir {
        Some(dir) => {
            eprintln!("xtask: building the peers (first time: a few minutes)");
            run(&mut peers_cargo(dir, &peers_target, "build"))?;
        }
        None => eprintln!(
            "xtask: no peer benchmark at {}: skipping the peers, measuring Archipel only",
            root.join("../shared/tools/peer-bench").display()
        ),
    }
    run(&mut ours(&root, "build"))?;

    let mut lines = Vec::new();
    if let Some(dir) = &peers_dir {
        let mut command = peers_cargo(dir, &peers_target, "run");
        command.args(sets.iter());
        lines.push(capture(&mut command)?);
    }
    let mut command = ours(&root, "run");
    command.arg("--").arg(sets.as_deref().unwrap_or("100000"));
    lines.push(capture(&mut command)?);

    println!();
    println!("{:<10} {:<28} {:>12}  extra", "peer", "what", "time");
    for output in lines {
        print!("{output}");
    }
    Ok(())
}

/// `cargo <verb> --release --locked` in the peer-bench, built outside `shared/`.
fn peers_cargo(dir: &Path, target: &Path, verb: &str) -> Command {
    let mut command = Command::new("cargo");
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .args([verb, "--release", "--locked", "--quiet"]);
    command
}

/// `cargo <verb> --release -p archipel-core --example peer_line` in the workspace.
fn ours(root: &Path, verb: &str) -> Command {
    let mut command = Command::new("cargo");
    command.current_dir(root).args([
        verb,
        "--release",
        "--quiet",
        "-p",
        "archipel-core",
        "--example",
        "peer_line",
    ]);
    command
}

/// Runs `command` with its progress on the terminal and returns its output.
fn capture(command: &mut Command) -> Result<String, String> {
    eprintln!("xtask: $ {}", describe(command));
    let result = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| format!("cannot start `{}`: {error}", describe(command)))?;
    if !result.status.success() {
        return Err(format!(
            "`{}` failed ({})",
            describe(command),
            result.status
        ));
    }
    Ok(String::from_utf8_lossy(&result.stdout).into_owned())
}
