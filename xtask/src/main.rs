//! Project commands: `cargo xtask build | serve | test | ci | bench | budget`.

mod budget;
mod build;
mod compress;
mod leaks;
mod lighthouse;
mod offline;
mod progress;
mod tools;

use progress::{say, Stages};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo xtask <command>

  build [--base /sub/path]  check content, build the wasm, pre-render every route into dist/
  serve [--port N]          build, then serve the site and API on http://127.0.0.1:8080 (default port)
  test                      build, then run every test (unit, API, browser)
  ci                        fmt check, clippy -D warnings (host and wasm), test, then the speed budget
  bench [--lighthouse]      build, print page sizes, the speed budget (fails when over) and benchmarks;
                            with --lighthouse, Lighthouse figures of a guide, the home and the booking page
  budget                    the speed budget of the dist/ already built (budget.toml), fails when over";

const TARGET_STAGE: &str = "Rust target wasm32-unknown-unknown";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => option(&args, "--base").and_then(|base| {
            let mut stages = Stages::new(1 + build::STAGES);
            stages.run(TARGET_STAGE, tools::ensure_wasm_target)?;
            build::build(&build::Options { base: base.unwrap_or_default() }, &mut stages)?;
            stages.finish("built");
            Ok(())
        }),
        Some("serve") => option(&args, "--port").and_then(|port| serve(port.as_deref().unwrap_or("8080"))),
        Some("test") => {
            let mut stages = Stages::new(1 + test_stages());
            stages.run(TARGET_STAGE, tools::ensure_wasm_target).and_then(|()| test(&mut stages))
        }
        Some("ci") => ci(),
        Some("bench") => build::bench(args.iter().any(|a| a == "--lighthouse")),
        Some("budget") => budget::check(&root()),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            say(&message);
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
    let port: u16 = port.parse().map_err(|_| format!("--port: `{port}` is not a port number"))?;
    let mut stages = Stages::new(1 + build::STAGES + 2);
    stages.run(TARGET_STAGE, tools::ensure_wasm_target)?;
    build::build(&build::Options::default(), &mut stages)?;
    stages.run("API server (swg-server)", || tools::cargo(&["build", "-p", "swg-server"], &[]))?;
    let mut server = stages.run("start the server", || start_server(port))?;
    stages.finish("ready");
    say(&format!(
        "\nxtask: the site and its API are at http://127.0.0.1:{port}/  (Ctrl-C stops the server)\n"
    ));
    let status = server.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the server stopped ({status})"))
    }
}

/// Starts the built server on `port` with `dist/`, and waits until it answers.
pub fn start_server(port: u16) -> Result<std::process::Child, String> {
    let dist = root().join("dist");
    let binary = root().join("target/debug/swg-server");
    let mut child = Command::new(&binary)
        .args(["--port", &port.to_string(), "--dist", &dist.to_string_lossy()])
        .current_dir(root())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the server stopped ({status}); its messages are above"));
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            return Err(format!("the server did not open port {port} within 60 s"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(child)
}

/// How many stages [`test`] runs.
fn test_stages() -> usize {
    build::STAGES + 5 + usize::from(tools::postgres_url().is_some())
}

/// Every test on SQLite; then the database tests again on PostgreSQL where configured.
fn test(stages: &mut Stages) -> Result<(), String> {
    build::build(&build::Options::default(), stages)?;
    let (chromium, chromedriver) = stages.run("Chromium and ChromeDriver", tools::ensure_chromium)?;
    let axe = stages.run("axe-core (npm)", tools::axe_core)?;
    let dist = root().join("dist");
    // Every test binary appends the server's log here; the last stage reads it.
    let log = root().join("target/test-server.log");
    let _ = std::fs::remove_file(&log);
    let log_path = log.to_string_lossy().into_owned();
    let env = [
        ("SWG_TEST_LOG", log_path.clone()),
        ("SWG_AXE", axe.to_string_lossy().into_owned()),
        ("SWG_DIST", dist.to_string_lossy().into_owned()),
        ("SWG_CHROMIUM", chromium.to_string_lossy().into_owned()),
        ("SWG_CHROMEDRIVER", chromedriver.to_string_lossy().into_owned()),
        ("SWG_TEST_DATABASE_URL", String::new()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // The durability test starts the server binary itself, which `cargo test` does not build.
    stages.run("API server binary (for the durability test)", || {
        tools::cargo(&["build", "-p", "swg-server", "--bin", "swg-server"], &[])
    })?;
    stages.run("every test on SQLite (unit, content, API, browser)", || {
        tools::cargo(
            &[
                "test",
                "--workspace",
                "--exclude",
                "swg-web",
                "--exclude",
                "swg-web-forms",
                "--exclude",
                "swg-web-events",
            ],
            &env,
        )
    })?;
    match tools::postgres_url() {
        Some(url) => stages.run("database tests again on PostgreSQL", || {
            tools::cargo(
                &[
                    "test",
                    "-p",
                    "swg-tests",
                    "--test",
                    "api",
                    "--test",
                    "feedback_api",
                    "--test",
                    "answer_pages",
                    "--test",
                    "stored_data",
                    "--test",
                    "durability",
                    "--test",
                    "abuse",
                    "--test",
                    "personal_data",
                    "--test",
                    "bad_input",
                    "--test",
                    "fuzz",
                    "--test",
                    "staff_api",
                ],
                &[("SWG_TEST_DATABASE_URL", &url), ("SWG_TEST_LOG", &log_path)],
            )
        })?,
        None => say("xtask: SWG_TEST_POSTGRES_URL is not set; the database tests ran on SQLite only"),
    }
    let checked = stages.run("no phone, ID number or password in the suite's server log", || {
        leaks::check(&log, &root().join("tests/fixtures/passwords.txt"))
    })?;
    say(&format!("xtask: {checked}"));
    stages.finish("every test passed");
    Ok(())
}

fn ci() -> Result<(), String> {
    let mut stages = Stages::new(1 + 3 + test_stages() + 1);
    stages.run(TARGET_STAGE, tools::ensure_wasm_target)?;
    stages.run("cargo fmt --check", || tools::cargo(&["fmt", "--all", "--check"], &[]))?;
    stages.run("clippy -D warnings (host)", || {
        tools::cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"], &[])
    })?;
    // The wasm bundles differ in features, so each is linted on its own, and the form islands
    // once more all together (a single form's bundle allows the shared code it does not use).
    let all_forms: Vec<&str> = build::BUNDLES.iter().filter_map(|spec| spec.feature).collect();
    let all_forms = all_forms.join(",");
    let lints = build::BUNDLES
        .iter()
        .map(|spec| (spec.package, spec.feature))
        .chain([("swg-web-forms", Some(all_forms.as_str()))]);
    stages.run("clippy -D warnings (each wasm bundle)", || {
        lints.into_iter().try_for_each(|(package, feature)| {
            let mut args = build::wasm_cargo("clippy", package, feature);
            args.extend(["--", "-D", "warnings"]);
            tools::cargo(&args, &[])
        })
    })?;
    test(&mut stages)?;
    stages.run("speed budget (budget.toml)", || budget::check(&root()))
}
