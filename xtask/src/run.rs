//! `cargo xtask run`: build the app in release mode and start the server.

use std::path::PathBuf;
use std::process::Command;

use crate::install::{self, Purpose};
use crate::process::{self, run as run_command};

/// Default port, as documented in the README.
pub const DEFAULT_PORT: u16 = 8080;

/// Options of `cargo xtask run`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The address the server listens on.
    pub bind: String,
    /// The data directory (database, uploads).
    pub data_dir: PathBuf,
}

impl Options {
    /// Reads flags, then `ARCHIPEL_BIND` / `ARCHIPEL_PORT`, then defaults.
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let env = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        Options::parse_with(args, env)
    }

    fn parse_with(
        args: &[String],
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Options, String> {
        let mut port: Option<String> = env("ARCHIPEL_PORT");
        let mut bind: Option<String> = env("ARCHIPEL_BIND");
        let mut data_dir = env("ARCHIPEL_DATA_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| crate::root().join("data"));
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let mut value = || {
                args.next()
                    .cloned()
                    .ok_or_else(|| format!("{flag} needs a value"))
            };
            match flag.as_str() {
                "--port" => port = Some(value()?),
                "--bind" => bind = Some(value()?),
                "--data-dir" => data_dir = PathBuf::from(value()?),
                other => return Err(format!("unknown option {other:?} for `run`")),
            }
        }
        let bind = match (bind, port) {
            (Some(bind), None) => bind,
            (bind, Some(port)) => {
                let port: u16 =
                    port.parse().ok().filter(|port| *port != 0).ok_or_else(|| {
                        format!("port {port:?} is not a number between 1 and 65535")
                    })?;
                let host = bind
                    .as_deref()
                    .and_then(|address| address.rsplit_once(':').map(|(host, _)| host.to_owned()))
                    .unwrap_or_else(|| "127.0.0.1".to_owned());
                format!("{host}:{port}")
            }
            (None, None) => format!("127.0.0.1:{DEFAULT_PORT}"),
        };
        Ok(Options { bind, data_dir })
    }
}

/// Builds the app in release mode into `dist/` with Trunk.
pub fn build_app() -> Result<(), String> {
    let root = crate::root();
    run_command(
        Command::new("trunk")
            .args(["build", "--release"])
            .current_dir(&root)
            .env(
                "PATH",
                process::path_with(&[install::npm_bin_dir(), process::cargo_bin_dir()]),
            ),
    )
}

/// `cargo xtask run`.
pub fn run(options: &Options) -> Result<(), String> {
    install::ensure_all(Purpose::Run)?;
    build_app()?;
    let root = crate::root();
    run_command(
        Command::new("cargo")
            .args([
                "build",
                "--profile",
                "server",
                "-p",
                "archipel-server",
                "--bin",
                "archipel",
            ])
            .current_dir(&root),
    )?;
    let binary = root.join("target").join("server").join("archipel");
    let url = format!("http://{}/", options.bind);
    eprintln!(
        "\nxtask: Archipel starts on {url} (data in {}). Open it in a browser; Ctrl-C stops it.\n",
        options.data_dir.display()
    );
    run_command(
        Command::new(binary)
            .arg("--bind")
            .arg(&options.bind)
            .arg("--data-dir")
            .arg(&options.data_dir)
            .arg("--static-dir")
            .arg(root.join("dist")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], env: &[(&str, &str)]) -> Result<Options, String> {
        let args: Vec<String> = args.iter().map(|arg| (*arg).to_owned()).collect();
        Options::parse_with(&args, |name| {
            env.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    #[test]
    fn defaults_to_localhost_8080_and_a_local_data_dir() {
        let options = parse(&[], &[]).expect("defaults parse");
        assert_eq!(options.bind, "127.0.0.1:8080");
        assert_eq!(options.data_dir, crate::root().join("data"));
    }

    #[test]
    fn port_comes_from_the_flag_or_the_environment() {
        assert_eq!(
            parse(&["--port", "9000"], &[]).expect("flag").bind,
            "127.0.0.1:9000"
        );
        let from_env = parse(&[], &[("ARCHIPEL_PORT", "9001")]).expect("env");
        assert_eq!(from_env.bind, "127.0.0.1:9001");
        let flag_wins = parse(&["--port", "9002"], &[("ARCHIPEL_PORT", "9001")]).expect("both");
        assert_eq!(flag_wins.bind, "127.0.0.1:9002");
    }

    #[test]
    fn port_keeps_the_host_of_bind() {
        let options = parse(&["--bind", "0.0.0.0:80", "--port", "8081"], &[]).expect("parses");
        assert_eq!(options.bind, "0.0.0.0:8081");
    }

    #[test]
    fn bad_input_is_named() {
        let error = parse(&["--port", "http"], &[]).expect_err("not a port");
        assert!(error.contains("\"http\""), "{error}");
        assert!(
            parse(&["--port"], &[])
                .expect_err("no value")
                .contains("needs a value")
        );
        assert!(
            parse(&["--colour"], &[])
                .expect_err("unknown")
                .contains("--colour")
        );
    }
}
