//! `cargo xtask build` and `bench`: content check, wasm bundle, pre-rendering, compression.

use crate::compress::{brotli, files, gzip, precompress};
use crate::progress::{say, Stages};
use crate::root;
use crate::tools::{self, cargo, WASM_TARGET};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[derive(Default)]
pub struct Options {
    /// Deploy under this sub-path (e.g. "/guide"); empty for the host's root.
    pub base: String,
}

const WASM_PROFILE: &str = "wasm-release";

/// The browser bundles: the name `assets.json` knows it by (`swg_model::Bundle`), the entry
/// crate and the crate's feature. The first is the reading pages'; those the service worker
/// keeps for reading offline are marked.
pub struct BundleSpec {
    pub name: &'static str,
    pub package: &'static str,
    pub feature: Option<&'static str>,
    pub offline: bool,
}

pub const BUNDLES: [BundleSpec; 7] = [
    BundleSpec { name: "app", package: "swg-web", feature: None, offline: true },
    BundleSpec { name: "events", package: "swg-web-events", feature: None, offline: true },
    BundleSpec { name: "book", package: "swg-web-forms", feature: Some("book"), offline: false },
    BundleSpec { name: "manage", package: "swg-web-forms", feature: Some("manage"), offline: false },
    BundleSpec { name: "feedback", package: "swg-web-forms", feature: Some("feedback"), offline: false },
    BundleSpec { name: "track", package: "swg-web-forms", feature: Some("track"), offline: false },
    BundleSpec { name: "stats", package: "swg-web-forms", feature: Some("stats"), offline: false },
];

/// Names of the built assets, relative to `dist/`.
pub struct Built {
    pub css: String,
    /// Each of [`BUNDLES`]' JS glue and wasm, in that order.
    pub bundles: Vec<(String, String)>,
}

impl Built {
    /// The CSS and the bundles the service worker keeps for reading offline.
    pub fn offline_files(&self) -> Vec<&str> {
        let bundles = BUNDLES.iter().zip(&self.bundles).filter(|(spec, _)| spec.offline);
        std::iter::once(self.css.as_str())
            .chain(bundles.flat_map(|(_, (js, wasm))| [js.as_str(), wasm.as_str()]))
            .collect()
    }

    /// The reading pages' JS glue and wasm.
    pub fn main(&self) -> Option<&(String, String)> {
        self.bundles.first()
    }
}

/// The arguments of `cargo COMMAND` on a wasm entry crate, with its feature if it has one.
pub fn wasm_cargo<'a>(command: &'a str, package: &'a str, feature: Option<&'a str>) -> Vec<&'a str> {
    let mut args = vec![command, "-p", package, "--target", WASM_TARGET];
    if let Some(feature) = feature {
        args.extend(["--features", feature]);
    }
    args
}

/// Builds one wasm entry crate, runs wasm-bindgen, wasm-opt and terser, and copies the hashed JS glue
/// and wasm into `assets` as `STEM-HASH.js` / `.wasm`.
fn bundle(spec: &BundleSpec, env: &[(&str, &str)], assets: &Path) -> Result<(String, String), String> {
    let root = root();
    let (package, stem) = (spec.package, spec.name);
    let mut args = wasm_cargo("build", package, spec.feature);
    args.extend(["--profile", WASM_PROFILE]);
    cargo(&args, env)?;
    let crate_name = package.replace('-', "_");
    let raw = root.join("target").join(WASM_TARGET).join(WASM_PROFILE).join(format!("{crate_name}.wasm"));
    let out = root.join("target/bindgen").join(stem);
    let _ = std::fs::remove_dir_all(&out);
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&raw)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e}"))?
        .typescript(false)
        .generate(&out)
        .map_err(|e| format!("wasm-bindgen: {e}"))?;
    let wasm = out.join(format!("{crate_name}_bg.wasm"));
    if let Some(wasm_opt) = tools::wasm_opt() {
        let features = [
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ];
        crate::progress::run(
            Command::new(wasm_opt).arg("-Oz").args(features).arg(&wasm).arg("-o").arg(&wasm),
        )?;
    }
    let glue = out.join(format!("{crate_name}.js"));
    if let Some(terser) = tools::terser() {
        crate::progress::run(
            Command::new("node")
                .arg(terser)
                .arg(&glue)
                .args(["--module", "--compress", "--mangle", "--output"])
                .arg(&glue),
        )?;
    }
    if out.join("snippets").exists() {
        copy_dir(&out.join("snippets"), &assets.join("snippets"))?;
    }
    Ok((hashed_copy(&glue, assets, stem, "js")?, hashed_copy(&wasm, assets, stem, "wasm")?))
}

/// How many stages [`build`] adds to a command's count.
pub const STAGES: usize = 2 + BUNDLES.len();

/// Builds `dist/` in [`STAGES`] stages; the wasm32 target must be installed already.
pub fn build(options: &Options, stages: &mut Stages) -> Result<Built, String> {
    let base = normalise_base(&options.base)?;
    let env = [("SWG_BASE_PATH", base.as_str())];
    let root = root();
    let content = root.join("content");
    let staging = root.join("dist.staging");
    let _ = std::fs::remove_dir_all(&staging);

    // Content first: a broken guide stops the build before anything is written.
    stages.run("content check (content/)", || {
        cargo(&["run", "-p", "swg-site", "--bin", "prerender", "--", "check", &path(&content)], &env)
    })?;

    // The browser bundles: a small one for the reading pages, one for each form page and one for
    // the life-event pages.
    let assets = staging.join("assets");
    std::fs::create_dir_all(&assets).map_err(io)?;
    let mut bundles = Vec::new();
    for spec in &BUNDLES {
        let what = format!("browser bundle `{}` (release wasm)", spec.name);
        bundles.push(stages.run(&what, || bundle(spec, &env, &assets))?);
    }

    // Hashed stylesheet, public files, then every page; then swap the finished site into place.
    stages.run("pre-render every page into dist/", || {
        let built =
            Built { css: hashed_copy(&root.join("app/style/site.css"), &assets, "site", "css")?, bundles };
        copy_dir(&root.join("public"), &staging)?;
        let args = ["run", "-p", "swg-site", "--bin", "prerender", "--", "write"];
        let names: Vec<&str> = std::iter::once(built.css.as_str())
            .chain(
                BUNDLES
                    .iter()
                    .zip(&built.bundles)
                    .flat_map(|(spec, (js, wasm))| [spec.name, js.as_str(), wasm.as_str()]),
            )
            .collect();
        let (content, staging_dir) = (path(&content), path(&staging));
        let all: Vec<&str> =
            args.into_iter().chain([content.as_str(), staging_dir.as_str()]).chain(names).collect();
        cargo(&all, &env)?;
        let (kept, bytes) = crate::offline::write(&staging, &base, &built.offline_files())?;
        say(&format!("xtask: sw.js keeps {kept} files ({bytes} bytes) for reading offline"));
        let compressed = precompress(&staging).map_err(io)?;
        let dist = root.join("dist");
        let _ = std::fs::remove_dir_all(&dist);
        std::fs::rename(&staging, &dist).map_err(io)?;
        say(&format!(
            "xtask: dist/ written ({} files, {compressed} pre-compressed), base path \"{base}\"",
            files(&dist).len()
        ));
        Ok(built)
    })
}

fn normalise_base(base: &str) -> Result<String, String> {
    let trimmed = base.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let valid = trimmed.starts_with('/')
        && trimmed[1..]
            .split('/')
            .all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    if valid {
        Ok(trimmed.to_owned())
    } else {
        Err(format!("--base `{base}`: write a sub-path like /guide or /ga/zhinan (letters, digits, - and _)"))
    }
}

fn io(e: std::io::Error) -> String {
    format!("xtask: {e}")
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Copies `file` to `dir/STEM-HASH.EXT` and returns the name relative to `dist/`.
fn hashed_copy(file: &Path, dir: &Path, stem: &str, ext: &str) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let hash: String = Sha256::digest(&bytes).iter().take(5).map(|b| format!("{b:02x}")).collect();
    let name = format!("{stem}-{hash}.{ext}");
    std::fs::write(dir.join(&name), bytes).map_err(io)?;
    Ok(format!("assets/{name}"))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    for file in files(from) {
        let relative = file.strip_prefix(from).map_err(|e| e.to_string())?;
        let target = to.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::copy(&file, &target).map_err(io)?;
    }
    Ok(())
}

struct Sizes {
    raw: usize,
    gzip: usize,
    brotli: usize,
}

fn sizes(files: &[PathBuf]) -> Result<Sizes, String> {
    let mut total = Sizes { raw: 0, gzip: 0, brotli: 0 };
    for file in files {
        let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        total.raw += bytes.len();
        total.gzip += gzip(&bytes).len();
        total.brotli += brotli(&bytes).len();
    }
    Ok(total)
}

/// Prints build time, HTML bytes per route kind, the whole first load of a guide page and the
/// speed budget; with `lighthouse`, Lighthouse's figures; then the server benchmarks.
pub fn bench(lighthouse: bool) -> Result<(), String> {
    let postgres = tools::postgres_url();
    let mut stages = Stages::new(1 + STAGES + 2 + usize::from(postgres.is_some()));
    stages.run("Rust target wasm32-unknown-unknown", tools::ensure_wasm_target)?;
    let started = Instant::now();
    let built = build(&Options::default(), &mut stages)?;
    let elapsed = started.elapsed();
    let dist = root().join("dist");
    println!("build (incremental, after compile): {:.1} s", elapsed.as_secs_f64());
    println!("\nHTML per route kind            pages   raw min/median/max bytes      brotli median");
    for (kind, folder) in [("home", ""), ("window", "windows"), ("guide", "services"), ("search", "search")] {
        let pages: Vec<PathBuf> = if folder.is_empty() {
            vec![dist.join("index.html")]
        } else {
            files(&dist.join(folder))
                .into_iter()
                .filter(|f| f.extension().is_some_and(|e| e == "html"))
                .collect()
        };
        let mut raw: Vec<(usize, usize)> = Vec::new();
        for page in &pages {
            let s = sizes(std::slice::from_ref(page))?;
            raw.push((s.raw, s.brotli));
        }
        raw.sort();
        if let (Some(min), Some(mid), Some(max)) = (raw.first(), raw.get(raw.len() / 2), raw.last()) {
            println!(
                "{kind:<30} {:>5}   {:>7} / {:>7} / {:>7}      {:>7}",
                pages.len(),
                min.0,
                mid.0,
                max.0,
                mid.1
            );
        }
    }
    let mut guides: Vec<(u64, PathBuf)> = files(&dist.join("services"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
        .map(|f| (std::fs::metadata(&f).map(|m| m.len()).unwrap_or(0), f))
        .collect();
    guides.sort();
    println!("\nFirst load of a guide page      raw bytes    gzip    brotli");
    if let Some((_, largest)) = guides.last() {
        let (js, wasm) = built.main().ok_or("the build made no bundle")?;
        let parts = [
            ("HTML (largest guide)", largest.clone()),
            ("CSS", dist.join(&built.css)),
            ("JS", dist.join(js)),
            ("wasm", dist.join(wasm)),
        ];
        for (spec, (js, wasm)) in BUNDLES.iter().zip(&built.bundles).skip(1) {
            let other = sizes(&[dist.join(js), dist.join(wasm)])?;
            println!(
                "(bundle `{}`, loaded instead by its pages: JS + wasm {} raw, {} gzip, {} brotli)",
                spec.name, other.raw, other.gzip, other.brotli
            );
        }
        let mut all = Vec::new();
        for (name, file) in parts {
            let s = sizes(std::slice::from_ref(&file))?;
            println!("{name:<30} {:>10} {:>7} {:>9}", s.raw, s.gzip, s.brotli);
            all.push(file);
        }
        let total = sizes(&all)?;
        println!("{:<30} {:>10} {:>7} {:>9}", "total", total.raw, total.gzip, total.brotli);
    }
    crate::budget::check(&root())?;
    if lighthouse {
        let cli = crate::tools::lighthouse()?;
        let (chromium, _) = crate::tools::ensure_chromium()?;
        crate::tools::cargo(&["build", "-p", "swg-server"], &[])?;
        let port = free_port()?;
        let mut server = crate::start_server(port)?;
        let measured = crate::lighthouse::run(&cli, &chromium, &format!("http://127.0.0.1:{port}"));
        let _ = server.kill();
        let _ = server.wait();
        measured?;
    }
    println!();
    stages.run("booking benchmark on SQLite", || {
        cargo(&["bench", "-p", "swg-tests", "--bench", "booking"], &[("SWG_TEST_DATABASE_URL", "")])
    })?;
    match postgres {
        Some(url) => stages.run("booking benchmark on PostgreSQL", || {
            cargo(&["bench", "-p", "swg-tests", "--bench", "booking"], &[("SWG_TEST_DATABASE_URL", &url)])
        })?,
        None => println!("(set SWG_TEST_POSTGRES_URL to measure PostgreSQL too)"),
    }
    stages.run("a script against a citizen, with the shipped limits", || {
        cargo(&["bench", "-p", "swg-tests", "--bench", "abuse"], &[("SWG_TEST_DATABASE_URL", "")])
    })
}

/// A port nobody listens on right now.
fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}
