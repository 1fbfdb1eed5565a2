//! `swg-server`: serves a built `dist/` on 127.0.0.1:8080 (options: --port N, --dist DIR).

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use swg_server::Config;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let mut port = 8080u16;
    let mut dist = PathBuf::from("dist");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--port", Some(p)) => {
                port = p
                    .parse()
                    .map_err(|_| std::io::Error::other(format!("--port: `{p}` is not a port number")))?
            }
            ("--dist", Some(d)) => dist = PathBuf::from(d),
            _ => return Err(std::io::Error::other("usage: swg-server [--port N] [--dist DIR]")),
        }
    }
    let config = Config { dist, addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)) };
    swg_server::serve(config, |addr| tracing::info!("serving on http://{addr}")).await
}
