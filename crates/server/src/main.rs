//! `swg-server [--config FILE] [--port N] [--dist DIR]` serves the site and API;
//! `swg-server purge [--config FILE]` deletes records past the retention period.

use std::path::PathBuf;
use swg_server::{retention, AppState, Config};

fn usage() -> String {
    "usage: swg-server [purge] [--config server.toml] [--port N] [--dist DIR]".to_owned()
}

#[tokio::main]
async fn main() -> Result<(), String> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let purge = args.first().is_some_and(|a| a == "purge");
    if purge {
        args.remove(0);
    }
    let (mut file, mut port, mut dist) = (PathBuf::from("server.toml"), None, None);
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        match (arg.as_str(), it.next()) {
            ("--config", Some(f)) => file = PathBuf::from(f),
            ("--port", Some(p)) => {
                port = Some(p.parse::<u16>().map_err(|_| format!("--port: `{p}` is not a port number"))?)
            }
            ("--dist", Some(d)) => dist = Some(PathBuf::from(d)),
            _ => return Err(usage()),
        }
    }
    let mut config = Config::load(&file)?;
    if let Some(dist) = dist {
        config.dist = dist;
    }
    let port = port.unwrap_or(config.port);
    let retention = config.retention_days;
    let state = AppState::new(config).await?;
    if purge {
        let purged = retention::purge(&state.pool, retention).await.map_err(|e| e.to_string())?;
        tracing::info!(
            bookings = purged.bookings,
            feedback = purged.feedback,
            idempotency_keys = purged.idempotency_keys,
            retention_days = retention,
            "purged records past the retention period"
        );
        return Ok(());
    }
    retention::spawn_daily(state.pool.clone(), retention);
    swg_server::serve(state, port, |addr| tracing::info!("serving the site and API on http://{addr}"))
        .await
        .map_err(|e| e.to_string())
}
