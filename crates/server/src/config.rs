//! Server configuration: one TOML file plus environment overrides.

use ipnet::IpNet;
use serde::Deserialize;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub database_url: String,
    /// The address to listen on: 127.0.0.1 behind a reverse proxy on the same machine.
    pub listen: IpAddr,
    pub port: u16,
    /// Peers whose `X-Forwarded-For` names the real client (addresses or CIDR blocks).
    pub trusted_proxies: Vec<IpNet>,
    /// Send `Strict-Transport-Security`: only when the site is reached over HTTPS.
    pub hsts: bool,
    /// The file holding the key for personal data; created on first start when missing.
    /// `SWG_SECRET_KEY` (64 hex digits) takes its place.
    pub key_file: PathBuf,
    pub dist: PathBuf,
    pub content: PathBuf,
    pub max_bookings_per_id: u32,
    pub max_bookings_per_phone: u32,
    /// Bookings one client may make per hour before each further one needs a proof of work.
    pub bookings_per_client_per_hour: u32,
    /// Bookings of one window-day within ten minutes from which each further one needs a proof.
    pub busy_window_day_bookings: u32,
    /// The proof of work at one signal of pressure: the largest number the browser may try.
    pub work_max_number: u64,
    /// What a browser without JavaScript waits instead, per signal, in seconds.
    pub wait_seconds: u64,
    pub writes_per_minute: u32,
    pub lookups_per_minute: u32,
    pub reads_per_minute: u32,
    pub lookups_per_code_per_hour: u32,
    /// How long the public figures (`/api/stats`) are reused before they are computed again.
    pub stats_cache_seconds: u64,
    pub retention_days: u32,
    /// A client that sends no byte of a request's headers, or of its body, for this many
    /// seconds is answered 408 or disconnected.
    pub header_timeout_seconds: u64,
    /// A staff session ends after this many minutes without a request.
    pub staff_idle_minutes: u32,
    pub body_timeout_seconds: u64,
}

impl Config {
    /// Reads `file` (relative paths in it are taken from the file's folder), then applies
    /// SWG_DATABASE_URL / DATABASE_URL, SWG_LISTEN, SWG_PORT, SWG_DIST and SWG_CONTENT.
    pub fn load(file: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let mut config: Config = toml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let base = file.parent().unwrap_or(Path::new("."));
        config.dist = base.join(&config.dist);
        config.content = base.join(&config.content);
        config.key_file = base.join(&config.key_file);
        if let Some(rest) = config.database_url.strip_prefix("sqlite://") {
            if !rest.starts_with('/') {
                config.database_url = format!("sqlite://{}", base.join(rest).display());
            }
        }
        config.apply_env(|name| std::env::var(name).ok())?;
        Ok(config)
    }

    fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), String> {
        if let Some(url) = var("SWG_DATABASE_URL").or_else(|| var("DATABASE_URL")) {
            self.database_url = url;
        }
        if let Some(listen) = var("SWG_LISTEN") {
            self.listen =
                listen.parse().map_err(|_| format!("SWG_LISTEN `{listen}` is not an IP address"))?;
        }
        if let Some(port) = var("SWG_PORT") {
            self.port = port.parse().map_err(|_| format!("SWG_PORT `{port}` is not a port number"))?;
        }
        if let Some(dist) = var("SWG_DIST") {
            self.dist = PathBuf::from(dist);
        }
        if let Some(content) = var("SWG_CONTENT") {
            self.content = PathBuf::from(content);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_loads_and_the_environment_overrides_it() {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../server.toml");
        let mut config = Config::load(&file).expect("server.toml");
        assert!(config.database_url.starts_with("sqlite://"));
        config
            .apply_env(|name| (name == "DATABASE_URL").then(|| "postgres://u:p@127.0.0.1/db".to_owned()))
            .expect("env");
        assert_eq!(config.database_url, "postgres://u:p@127.0.0.1/db");
        assert!(config.apply_env(|name| (name == "SWG_PORT").then(|| "eighty".to_owned())).is_err());
    }
}
