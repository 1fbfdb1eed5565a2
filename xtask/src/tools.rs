//! Finding or installing the tools the build and tests need, and running commands.

use crate::root;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs cargo with arguments and extra environment, failing with a clear message.
pub fn cargo(args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run(Command::new(cargo).args(args).envs(env.iter().copied()).current_dir(root()))
}

pub fn run(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let status = command.status().map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("failed ({status}): {shown}"))
    }
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
    eprintln!("xtask: installing wasm-opt (npm binaryen@132) into .tools/ …");
    let installed = std::fs::create_dir_all(&tools).is_ok()
        && run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
            .arg(&tools)
            .arg("binaryen@132.0.0"))
        .is_ok();
    if installed && bin.exists() {
        Some(bin)
    } else {
        eprintln!("xtask: wasm-opt is not available (needs npm); the wasm is left unoptimised. Install Node.js and npm to get the smaller bundle.");
        None
    }
}

/// axe-core (npm) for the accessibility checks in the browser tests, installed into `.tools/`.
pub fn axe_core() -> Result<PathBuf, String> {
    let tools = root().join(".tools");
    let script = tools.join("node_modules/axe-core/axe.min.js");
    if !script.exists() {
        eprintln!("xtask: installing axe-core (npm) into .tools/ …");
        std::fs::create_dir_all(&tools).map_err(|e| e.to_string())?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
            .arg(&tools)
            .arg("axe-core@4"))
        .map_err(|e| {
            format!("{e}\nthe accessibility tests need axe-core from npm: install Node.js and npm")
        })?;
    }
    Ok(script)
}

/// Debian's Chromium and ChromeDriver, installed with apt-get when running as root.
pub fn ensure_chromium() -> Result<(PathBuf, PathBuf), String> {
    let chromium = Path::new("/usr/bin/chromium");
    let driver = Path::new("/usr/bin/chromedriver");
    if !(chromium.exists() && driver.exists()) {
        if !is_root() {
            return Err("browser tests need Chromium and ChromeDriver: run `sudo apt-get install chromium chromium-driver` and try again".to_owned());
        }
        eprintln!("xtask: installing chromium and chromium-driver with apt-get …");
        run(Command::new("apt-get").args(["update", "-qq"]))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    Ok((chromium.to_path_buf(), driver.to_path_buf()))
}
