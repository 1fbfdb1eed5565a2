//! Project commands: `cargo xtask build | serve | test | ci | bench`.

mod build;
mod compress;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

  build [--base /sub/path]  check content, build the wasm, pre-render every route into dist/
  serve [--port N]          build, then serve dist/ on http://127.0.0.1:8080 (default port)
  test                      build, then run every test (unit, API, browser)
  ci                        fmt check, clippy -D warnings (host and wasm), then test
  bench                     build and print page sizes (raw, gzip, brotli) and build time";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => option(&args, "--base")
            .and_then(|base| build::build(&build::Options { base: base.unwrap_or_default() }).map(drop)),
        Some("serve") => option(&args, "--port").and_then(|port| serve(port.as_deref().unwrap_or("8080"))),
        Some("test") => test(),
        Some("ci") => ci(),
        Some("bench") => build::bench(),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The value of `--name VALUE` in the arguments, if given.
fn option(args: &[String], name: &str) -> Result<Option<String>, String> {
    match args.iter().position(|a| a == name) {
        Some(i) => args.get(i + 1).cloned().map(Some).ok_or_else(|| format!("{name} needs a value")),
        None => Ok(None),
    }
}

/// The workspace root (the parent of this crate's folder).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn serve(port: &str) -> Result<(), String> {
    port.parse::<u16>().map_err(|_| format!("--port: `{port}` is not a port number"))?;
    build::build(&build::Options::default())?;
    let dist = root().join("dist");
    tools::cargo(
        &["run", "--quiet", "-p", "swg-server", "--", "--port", port, "--dist", &dist.to_string_lossy()],
        &[],
    )
}

/// Every test on SQLite; then the database tests again on PostgreSQL when
/// `SWG_TEST_POSTGRES_URL` names a server (e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres).
fn test() -> Result<(), String> {
    build::build(&build::Options::default())?;
    let (chromium, chromedriver) = tools::ensure_chromium()?;
    let axe = tools::axe_core()?;
    let dist = root().join("dist");
    let env = [
        ("SWG_AXE", axe.to_string_lossy().into_owned()),
        ("SWG_DIST", dist.to_string_lossy().into_owned()),
        ("SWG_CHROMIUM", chromium.to_string_lossy().into_owned()),
        ("SWG_CHROMEDRIVER", chromedriver.to_string_lossy().into_owned()),
        ("SWG_TEST_DATABASE_URL", String::new()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // The durability test starts the server binary itself, which `cargo test` does not build.
    tools::cargo(&["build", "-p", "swg-server", "--bin", "swg-server"], &[])?;
    tools::cargo(&["test", "--workspace", "--exclude", "swg-web", "--exclude", "swg-web-forms"], &env)?;
    match std::env::var("SWG_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => {
            eprintln!("xtask: running the database tests again on PostgreSQL");
            tools::cargo(
                &["test", "-p", "swg-tests", "--test", "api", "--test", "durability"],
                &[("SWG_TEST_DATABASE_URL", &url)],
            )
        }
        _ => {
            eprintln!("xtask: SWG_TEST_POSTGRES_URL is not set; the database tests ran on SQLite only");
            Ok(())
        }
    }
}

fn ci() -> Result<(), String> {
    tools::cargo(&["fmt", "--all", "--check"], &[])?;
    tools::cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"], &[])?;
    // The two wasm bundles differ in features, so each is linted on its own.
    for bundle in ["swg-web", "swg-web-forms"] {
        tools::cargo(
            &["clippy", "-p", bundle, "--target", "wasm32-unknown-unknown", "--", "-D", "warnings"],
            &[],
        )?;
    }
    test()
}
