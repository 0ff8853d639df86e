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

    if let Some(Command::Collective {
        action: CollectiveCommand::Create { name, generated },
    }) = &config.command
    {
        return create_collective(&config, name, *generated).await;
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
        data_dir = %config.data_dir.display(),
        static_dir = %config.static_dir.display(),
        "starting"
    );
    let storage = match Storage::open(&config.data_dir).await {
        Ok(storage) => storage,
        Err(error) => {
            eprintln!("archipel: {error}");
            return ExitCode::FAILURE;
        }
    };
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
    let storage = match Storage::open(&config.data_dir).await {
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
