//! `cargo xtask drill <name>`: the long versions of the reliability drills
//! (docs/reliability.md). Each drill is a server test whose default size is
//! small enough for every test run; here it runs once, on one engine, sized
//! up through its `ARCHIPEL_DRILL_*` variables, with its report printed.

use std::process::Command;

use crate::process::run;

const USAGE: &str = "\
usage: cargo xtask drill <name> [--postgres] [--release] [sizes…]
  crash   [ROUNDS [PUSHES [CLIENTS]]]   SIGKILL during each round of pushes, restart
                                        (default 100 rounds x 1000 pushes from 10 clients)
  offline [OPS [CHUNK]]                 a device back online with OPS queued operations,
                                        pushed in chunks, interrupted and resumed
                                        (default 100000 operations in chunks of 500)
  --postgres  on PostgreSQL (a throwaway cluster) instead of SQLite
  --release   against a release build of the server";

/// A drill: its test binary, test function, and sized variables with defaults.
struct Drill {
    test: &'static str,
    function: &'static str,
    sizes: &'static [(&'static str, &'static str)],
}

fn drill(name: &str) -> Option<Drill> {
    match name {
        "crash" => Some(Drill {
            test: "crash",
            function: "acknowledged_operations_survive_sigkill_and_retries_converge",
            sizes: &[
                ("ARCHIPEL_DRILL_ROUNDS", "100"),
                ("ARCHIPEL_DRILL_PUSHES", "1000"),
                ("ARCHIPEL_DRILL_CLIENTS", "10"),
            ],
        }),
        "offline" => Some(Drill {
            test: "offline",
            function: "a_long_offline_device_catches_up_in_bounded_resumable_chunks",
            sizes: &[
                ("ARCHIPEL_DRILL_OPS", "100000"),
                ("ARCHIPEL_DRILL_CHUNK", "500"),
            ],
        }),
        _ => None,
    }
}

/// Runs the drill `args[0]` with the options and sizes that follow.
pub fn drill_command(args: &[String]) -> Result<(), String> {
    let Some(name) = args.first() else {
        return Err(USAGE.to_owned());
    };
    let Some(drill) = drill(name) else {
        return Err(format!("unknown drill {name:?}\n{USAGE}"));
    };
    let mut engine = "sqlite";
    let mut release = false;
    let mut sizes = Vec::new();
    for arg in &args[1..] {
        match arg.as_str() {
            "--postgres" => engine = "postgres",
            "--release" => release = true,
            size if size.parse::<u64>().is_ok_and(|n| n > 0) => sizes.push(size.to_owned()),
            other => return Err(format!("unexpected {other:?}\n{USAGE}")),
        }
    }
    if sizes.len() > drill.sizes.len() {
        return Err(format!("too many sizes for {name}\n{USAGE}"));
    }
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(crate::root()).args([
        "test",
        "-p",
        "archipel-server",
        "--test",
        drill.test,
    ]);
    if release {
        command.arg("--release");
    }
    command.args([
        "--",
        "--exact",
        &format!("{}::{engine}", drill.function),
        "--nocapture",
    ]);
    for (n, (variable, default)) in drill.sizes.iter().enumerate() {
        let value = sizes.get(n).map_or(*default, String::as_str);
        command.env(variable, value);
        eprintln!("xtask: {variable}={value}");
    }
    run(&mut command)
}
