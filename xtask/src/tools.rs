//! Finding or installing the tools the build and tests need, and running commands.

use crate::progress::{run, say};
use crate::root;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs cargo with arguments and extra environment, failing with a clear message. Its progress
/// shows as it would on the terminal, and everything it prints goes to the log too.
pub fn cargo(args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command.args(args).envs(env.iter().copied()).current_dir(root());
    if std::io::stderr().is_terminal() {
        // Cargo sees a pipe (the log copies its output), so ask for what a terminal would get.
        command.env("CARGO_TERM_COLOR", "always").env("CARGO_TERM_PROGRESS_WHEN", "always");
        command.env("CARGO_TERM_PROGRESS_WIDTH", "80");
    }
    run(&mut command)
}

/// The PostgreSQL server the database tests and the benchmark run on as well, if
/// `SWG_TEST_POSTGRES_URL` names one (e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres).
pub fn postgres_url() -> Option<String> {
    std::env::var("SWG_TEST_POSTGRES_URL").ok().filter(|url| !url.is_empty())
}

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Makes sure the toolchain in use can build for wasm32: rustup does not install the targets
/// of `rust-toolchain.toml` by itself on every machine, so add it where it is missing.
pub fn ensure_wasm_target() -> Result<(), String> {
    let output = Command::new("rustc")
        .args(["--print", "target-libdir", "--target", WASM_TARGET])
        .current_dir(root())
        .output()
        .map_err(|e| format!("cannot run rustc: {e}. Install Rust with rustup (https://rustup.rs)."))?;
    let libdir = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    let installed = std::fs::read_dir(&libdir).is_ok_and(|mut entries| {
        entries.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with("libcore-")))
    });
    if installed {
        say(&format!("xtask: the {WASM_TARGET} target is installed"));
        return Ok(());
    }
    if Command::new("rustup").arg("--version").output().is_err() {
        return Err(format!(
            "the Rust target {WASM_TARGET} is missing and rustup is not installed: install rustup \
             (https://rustup.rs), or add the {WASM_TARGET} standard library to your Rust toolchain"
        ));
    }
    say(&format!(
        "xtask: the {WASM_TARGET} target is missing; installing it with `rustup target add {WASM_TARGET}`"
    ));
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]).current_dir(root()))
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0\n")).unwrap_or(false)
}

/// `wasm-opt` from npm's binaryen (Debian's is too old and breaks the bundle), installed into
/// `.tools/` on first use. `None`, with a note, where npm is missing: the build goes on unoptimised.
pub fn wasm_opt() -> Option<PathBuf> {
    let tools = root().join(".tools");
    let bin = tools.join("node_modules/.bin/wasm-opt");
    if bin.exists() {
        return Some(bin);
    }
    say("xtask: installing wasm-opt (npm binaryen@132) into .tools/ …");
    let installed = std::fs::create_dir_all(&tools).is_ok()
        && run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
            .arg(&tools)
            .arg("binaryen@132.0.0"))
        .is_ok();
    if installed && bin.exists() {
        Some(bin)
    } else {
        say("xtask: wasm-opt is not available (needs npm); the wasm is left unoptimised. Install Node.js and npm to get the smaller bundle.");
        None
    }
}

/// terser (npm) in `.tools/`, which minifies the wasm-bindgen JS glue. `None`, with a note, where
/// npm is missing: the glue is then served as generated.
pub fn terser() -> Option<PathBuf> {
    match npm_package("terser", "5.51.4", "bin/terser", "the JS glue is minified with") {
        Ok(path) => Some(path),
        Err(e) => {
            say(&format!("xtask: {e}; the JS glue is left unminified"));
            None
        }
    }
}

/// axe-core (npm) for the accessibility checks in the browser tests, installed into `.tools/`.
pub fn axe_core() -> Result<PathBuf, String> {
    npm_package("axe-core", "4", "axe.min.js", "the accessibility tests need")
}

/// `file` of the npm package `name` (at `version`) in `.tools/`, installed there first when
/// missing; `who` says what needs it, for the message when npm is not there.
fn npm_package(name: &str, version: &str, file: &str, who: &str) -> Result<PathBuf, String> {
    let tools = root().join(".tools");
    let path = tools.join("node_modules").join(name).join(file);
    if !path.exists() {
        say(&format!("xtask: installing {name} (npm) into .tools/ …"));
        std::fs::create_dir_all(&tools).map_err(|e| e.to_string())?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
            .arg(&tools)
            .arg(format!("{name}@{version}")))
        .map_err(|e| format!("{e}\n{who} {name} from npm: install Node.js and npm"))?;
    }
    Ok(path)
}

/// Lighthouse from npm in `.tools/` (it runs Debian's Chromium, never a downloaded one).
pub fn lighthouse() -> Result<PathBuf, String> {
    npm_package("lighthouse", "13", "cli/index.js", "`bench --lighthouse` needs")
}

/// Debian's Chromium and ChromeDriver, installed with apt-get when running as root.
pub fn ensure_chromium() -> Result<(PathBuf, PathBuf), String> {
    let chromium = Path::new("/usr/bin/chromium");
    let driver = Path::new("/usr/bin/chromedriver");
    if !(chromium.exists() && driver.exists()) {
        if !is_root() {
            return Err("browser tests need Chromium and ChromeDriver: run `sudo apt-get install chromium chromium-driver` and try again".to_owned());
        }
        say("xtask: installing chromium and chromium-driver with apt-get …");
        run(Command::new("apt-get").args(["update", "-qq"]))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    Ok((chromium.to_path_buf(), driver.to_path_buf()))
}
