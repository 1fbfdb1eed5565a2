//! Numbered stages that say what they are doing and how long they took, and a log of the whole
//! run in `target/xtask.log`: a failure names its stage and where to read the rest.

use crate::root;
use std::fs::File;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// Where every command's output and every stage line of the last run is kept.
pub fn log_path() -> PathBuf {
    root().join("target/xtask.log")
}

fn log() -> &'static Mutex<Option<File>> {
    static LOG: OnceLock<Mutex<Option<File>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let path = log_path();
        let file = path
            .parent()
            .and_then(|dir| std::fs::create_dir_all(dir).ok())
            .and_then(|()| File::create(&path).ok());
        Mutex::new(file)
    })
}

fn to_log(bytes: &[u8]) {
    if let Ok(mut guard) = log().lock() {
        if let Some(file) = guard.as_mut() {
            let _ = file.write_all(bytes);
        }
    }
}

/// Says a line on the terminal (stderr) and in the log.
pub fn say(line: &str) {
    eprintln!("{line}");
    to_log(format!("{line}\n").as_bytes());
}

/// Runs a command with its output shown as it comes and copied into the log.
pub fn run(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    to_log(format!("$ {shown}\n").as_bytes());
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    let copy = |mut from: Box<dyn Read + Send>, to_stderr: bool| {
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = from.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                let chunk = &buffer[..n];
                let _ = if to_stderr {
                    std::io::stderr().write_all(chunk)
                } else {
                    std::io::stdout().write_all(chunk)
                };
                to_log(chunk);
            }
        })
    };
    let out = child.stdout.take().map(|s| copy(Box::new(s), false));
    let err = child.stderr.take().map(|s| copy(Box::new(s), true));
    let status = child.wait().map_err(|e| format!("{shown}: {e}"));
    for thread in [out, err].into_iter().flatten() {
        let _ = thread.join();
    }
    let status = status?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("failed ({status}): {shown}"))
    }
}

/// A command's numbered stages: `[2/6] browser bundle (release wasm) … 94 s`.
pub struct Stages {
    done: usize,
    total: usize,
    started: Instant,
}

impl Stages {
    pub fn new(total: usize) -> Stages {
        Stages { done: 0, total, started: Instant::now() }
    }

    /// Runs one stage, saying when it starts and how long it took; an error names the stage.
    pub fn run<T>(&mut self, what: &str, work: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
        self.done += 1;
        let tag = format!("[{}/{}]", self.done, self.total);
        say(&format!("xtask {tag} {what} …"));
        let started = Instant::now();
        match work() {
            Ok(value) => {
                say(&format!("xtask {tag} {what} … {}", seconds(started)));
                Ok(value)
            }
            Err(e) => Err(format!(
                "{e}\nxtask: stage {tag} {what} failed after {}; the whole output is in {}",
                seconds(started),
                log_path().display()
            )),
        }
    }

    /// Says the total time of every stage so far.
    pub fn finish(&self, what: &str) {
        say(&format!("xtask: {what} in {}", seconds(self.started)));
    }
}

fn seconds(since: Instant) -> String {
    format!("{:.0} s", since.elapsed().as_secs_f64())
}
