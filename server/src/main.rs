//! The `archipel` binary: parses its configuration, sets up logging and serves.

use std::process::ExitCode;

use archipel_server::config::{CollectiveCommand, Command, Generated, LogFormat};
use archipel_server::{AppState, Config, Storage};
use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::parse();
    init_logging(config.log_format);

    match &config.command {
        Some(Command::Collective {
            action: CollectiveCommand::Create { name, generated },
        }) => return create_collective(&config, name, *generated).await,
        Some(Command::Backup { collective, output }) => {
            return backup(&config, collective.as_deref(), output).await;
        }
        Some(Command::Restore { input, replace }) => {
            return restore(&config, input, *replace).await;
        }
        None => {}
    }

    let listener = match tokio::net::TcpListener::bind(config.bind).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("archipel: cannot listen on {}: {error}", config.bind);
            return ExitCode::FAILURE;
        }
    };
    let address = listener.local_addr().unwrap_or(config.bind);
    tracing::info!(
        %address,
        static_dir = %config.static_dir.display(),
        "starting"
    );
    let storage = match Storage::open_at(&config.location()).await {
        Ok(storage) => storage,
        Err(error) => {
            eprintln!("archipel: {error}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!(engine = storage.engine_name(), database = %storage.describe(), "storage");
    let state = AppState::new(storage, config.static_dir.clone());
    match archipel_server::bootstrap(&state).await {
        Ok(Some(path)) => {
            println!("Collectif de démonstration créé · demo collective created.");
            println!(
                "Rejoindre en admin · join as admin (one device, 7 days): http://{address}{path}"
            );
        }
        Ok(None) => {}
        Err(error) => {
            eprintln!(
                "archipel: cannot prepare the first collective: {}",
                error.message
            );
            return ExitCode::FAILURE;
        }
    }
    println!("Archipel est prêt · ready: http://{address}/");

    match archipel_server::serve(state, listener, shutdown_signal()).await {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("archipel: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `archipel collective create --name … [--generated SIZE]`: a new collective
/// (empty, or generated for benchmarks) and its admin join URL.
async fn create_collective(config: &Config, name: &str, generated: Option<Generated>) -> ExitCode {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        eprintln!("archipel: give the collective a name of 1 to 120 characters");
        return ExitCode::FAILURE;
    }
    let storage = match Storage::open_at(&config.location()).await {
        Ok(storage) => storage,
        Err(error) => {
            eprintln!("archipel: {error}");
            return ExitCode::FAILURE;
        }
    };
    let state = AppState::new(storage, config.static_dir.clone());
    let created = async {
        let collective = match generated {
            None => state.hub.create_collective(Some(name)).await?,
            Some(size) => {
                let size = match size {
                    Generated::Small => archipel_core::generate::Size::small(),
                    Generated::Map => archipel_core::generate::Size::map_bench(),
                    Generated::Large => archipel_core::generate::Size::large(),
                };
                let mut changes = archipel_core::generate::changes(&size, 2026);
                if let Some(archipel_core::Change::Create { fields, .. }) = changes.first_mut() {
                    fields.insert("name".to_owned(), archipel_core::Value::text(name));
                }
                state.hub.create_collective_from(changes).await?
            }
        };
        archipel_server::admin_invite(&state, collective).await
    };
    match created.await {
        Ok(path) => {
            println!("Collectif « {name} » créé · collective created.");
            println!(
                "Rejoindre en admin · join as admin (one device, 7 days): http://{}{path}",
                config.bind
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("archipel: {}", error.message);
            ExitCode::FAILURE
        }
    }
}

async fn open(config: &Config) -> Option<Storage> {
    match Storage::open_at(&config.location()).await {
        Ok(storage) => Some(storage),
        Err(error) => {
            eprintln!("archipel: {error}");
            None
        }
    }
}

/// `archipel backup [--collective ID] --output FILE`.
async fn backup(config: &Config, collective: Option<&str>, output: &std::path::Path) -> ExitCode {
    let collective = match collective.map(str::parse).transpose() {
        Ok(collective) => collective,
        Err(_) => {
            eprintln!("archipel: --collective takes a collective id (a UUID)");
            return ExitCode::FAILURE;
        }
    };
    let Some(storage) = open(config).await else {
        return ExitCode::FAILURE;
    };
    match archipel_server::backup::backup(&storage, collective, output).await {
        Ok(summary) => {
            println!(
                "Sauvegarde écrite · backup written: {} — {summary}",
                output.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("archipel: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `archipel restore --input FILE [--replace]`.
async fn restore(config: &Config, input: &std::path::Path, replace: bool) -> ExitCode {
    let Some(storage) = open(config).await else {
        return ExitCode::FAILURE;
    };
    match archipel_server::backup::restore(&storage, input, replace).await {
        Ok(summary) => {
            println!(
                "Collectif restauré · collective restored into {} ({}): {summary}",
                storage.describe(),
                storage.engine_name()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("archipel: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_env("ARCHIPEL_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

/// Resolves on Ctrl-C or SIGTERM so in-flight requests can finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
