//! `swg-server [--config FILE] [--port N] [--dist DIR]` serves the site and API;
//! `swg-server purge [--config FILE]` deletes records past the retention period at once;
//! `swg-server staff add USERNAME --name NAME --role window|supervisor|admin [--windows ID,ID]`
//! creates a staff account and prints its one-time password.

use std::io::Write;
use std::path::PathBuf;
use swg_model::staff::StaffRole;
use swg_server::staff::accounts;
use swg_server::{db, retention, AppState, Config};

fn usage() -> String {
    "usage: swg-server [purge] [--config server.toml] [--port N] [--dist DIR]\n       \
     swg-server staff add USERNAME --name NAME --role window|supervisor|admin [--windows ID,ID] [--config server.toml]"
        .to_owned()
}

/// The options every command takes, and those of `staff add`.
#[derive(Default)]
struct Options {
    config: Option<PathBuf>,
    port: Option<u16>,
    dist: Option<PathBuf>,
    name: Option<String>,
    role: Option<String>,
    windows: Option<String>,
}

fn options(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut o = Options::default();
    let mut it = args;
    while let Some(arg) = it.next() {
        let value = it.next().ok_or_else(usage)?;
        match arg.as_str() {
            "--config" => o.config = Some(PathBuf::from(value)),
            "--port" => {
                o.port = Some(value.parse().map_err(|_| format!("--port: `{value}` is not a port number"))?)
            }
            "--dist" => o.dist = Some(PathBuf::from(value)),
            "--name" => o.name = Some(value),
            "--role" => o.role = Some(value),
            "--windows" => o.windows = Some(value),
            _ => return Err(usage()),
        }
    }
    Ok(o)
}

#[tokio::main]
async fn main() -> Result<(), String> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let command: Vec<String> = match args.first().map(String::as_str) {
        Some("purge") => args.drain(..1).collect(),
        Some("staff") => args.drain(..3.min(args.len())).collect(),
        _ => Vec::new(),
    };
    let staff_user = match command.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["staff", "add", user] => Some(accounts::parse_username(user)?),
        ["staff", ..] => return Err(usage()),
        _ => None,
    };
    let o = options(args.into_iter())?;
    let mut config = Config::load(o.config.as_deref().unwrap_or(std::path::Path::new("server.toml")))?;
    if let Some(dist) = o.dist {
        config.dist = dist;
    }
    if let Some(user) = staff_user {
        return add_staff(&config, &user, o.name, o.role, o.windows).await;
    }
    let port = o.port.unwrap_or(config.port);
    let (retention, idle) = (config.retention_days, config.staff_idle_minutes);
    let state = AppState::new(config).await?;
    if command.first().is_some_and(|c| c == "purge") {
        let purged = retention::purge(&state.pool, retention, idle).await.map_err(|e| e.to_string())?;
        tracing::info!(
            bookings = purged.bookings,
            feedback = purged.feedback,
            idempotency_keys = purged.idempotency_keys,
            staff_sessions = purged.staff_sessions,
            retention_days = retention,
            "purged records past the retention period"
        );
        return Ok(());
    }
    retention::spawn_daily(state.pool.clone(), retention, idle);
    swg_server::serve(state, port, |addr| tracing::info!("serving the site and API on http://{addr}"))
        .await
        .map_err(|e| e.to_string())
}

/// Creates an account and prints its one-time password (never logged, shown once).
async fn add_staff(
    config: &Config,
    user: &str,
    name: Option<String>,
    role: Option<String>,
    windows: Option<String>,
) -> Result<(), String> {
    let name = name
        .filter(|n| !n.trim().is_empty())
        .ok_or("--name: the person's name, shown in the console and the audit trail")?;
    let role = role.as_deref().and_then(StaffRole::parse).ok_or("--role: window, supervisor or admin")?;
    let site = swg_content::load(&config.content).map_err(|e| e.to_string())?;
    let windows: Vec<String> =
        windows.unwrap_or_default().split(',').filter(|w| !w.is_empty()).map(str::to_owned).collect();
    if let Some(unknown) = windows.iter().find(|w| !site.windows.iter().any(|s| &s.id == *w)) {
        let known: Vec<&str> = site.windows.iter().map(|w| w.id.as_str()).collect();
        return Err(format!(
            "--windows: there is no window `{unknown}`; the windows are {}",
            known.join(", ")
        ));
    }
    if role == StaffRole::Window && windows.is_empty() {
        return Err("--windows: a window account needs the window(s) it works at, e.g. --windows huji".into());
    }
    let pool = db::connect(&config.database_url).await?;
    let password =
        accounts::add(&pool, user, name.trim(), role, &windows).await.map_err(|f| f.body().message)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "created `{user}` ({}); one-time password, shown only now — it must be changed at the first sign-in:\n{password}",
        role.label()
    )
    .map_err(|e| e.to_string())
}
