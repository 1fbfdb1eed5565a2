//! The speed budget in `budget.toml`: what a first visit downloads per kind of page, and each
//! wasm bundle, measured on `dist/` as served (brotli), printed beside its limit; one figure
//! over its limit fails the command.

use crate::compress::{brotli, files};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the budget lives, at the repository's root.
pub const FILE: &str = "budget.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Limits {
    /// Brotli bytes of a first visit: the kind's largest page with its CSS, JS and wasm.
    first_load: BTreeMap<String, usize>,
    /// Brotli bytes of each bundle's JS and wasm together.
    bundle: BTreeMap<String, usize>,
    /// Brotli bytes the service worker downloads to keep for reading offline.
    offline: BTreeMap<String, usize>,
}

/// One measured figure and its limit.
#[derive(Debug, PartialEq)]
pub struct Figure {
    pub name: String,
    pub bytes: usize,
    pub limit: usize,
}

impl Figure {
    pub fn over(&self) -> bool {
        self.bytes > self.limit
    }
}

/// The asset names the build wrote into `dist/assets.json`.
#[derive(Deserialize)]
struct Assets {
    css: String,
    bundles: Vec<BundleFiles>,
}

#[derive(Deserialize)]
struct BundleFiles {
    bundle: String,
    js: String,
    wasm: String,
}

fn brotli_size(files: &[PathBuf]) -> Result<usize, String> {
    files.iter().try_fold(0, |sum, file| {
        let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        Ok(sum + brotli(&bytes).len())
    })
}

/// The pages of one kind: `index.html` files below `folder` of `dist`.
fn pages(dist: &Path, folder: &str) -> Vec<PathBuf> {
    files(&dist.join(folder))
        .into_iter()
        .filter(|f| f.file_name().is_some_and(|n| n == "index.html"))
        .collect()
}

/// Measures `dist/`: the first load of each kind of page (its largest page) and each bundle.
pub fn measure(dist: &Path) -> Result<Vec<(String, usize)>, String> {
    let file = dist.join("assets.json");
    let text =
        std::fs::read_to_string(&file).map_err(|e| format!("{}: {e} (build first)", file.display()))?;
    let a: Assets = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let css = brotli_size(&[dist.join(&a.css)])?;
    let mut bundles = Vec::new();
    for b in &a.bundles {
        bundles.push((b, brotli_size(&[dist.join(&b.js), dist.join(&b.wasm)])?));
    }
    let mut figures = Vec::new();
    for (kind, folders) in [
        ("home", &[""][..]),
        ("window", &["windows"][..]),
        ("guide", &["services"][..]),
        ("english guide", &["en/services"][..]),
        ("search", &["search"][..]),
        ("form", &["book", "feedback", "stats", "en/book", "en/feedback"][..]),
        ("event", &["events"][..]),
    ] {
        let candidates: Vec<PathBuf> = folders
            .iter()
            .flat_map(
                |folder| if folder.is_empty() { vec![dist.join("index.html")] } else { pages(dist, folder) },
            )
            .collect();
        if candidates.is_empty() {
            return Err(format!("no page in dist/{}: build first", folders.join(", dist/")));
        }
        let mut largest = 0;
        for page in &candidates {
            // A page loads the bundle whose JS glue its loader names.
            let html = std::fs::read_to_string(page).map_err(|e| format!("{}: {e}", page.display()))?;
            let bundle = bundles.iter().find(|(b, _)| html.contains(&b.js)).map_or(0, |(_, bytes)| *bytes);
            largest = largest.max(brotli(html.as_bytes()).len() + bundle);
        }
        figures.push((format!("first_load.{kind}"), largest + css));
    }
    for (b, bytes) in &bundles {
        figures.push((format!("bundle.{}", b.bundle), *bytes));
    }
    let offline = |name: &str| crate::build::BUNDLES.iter().any(|spec| spec.name == name && spec.offline);
    let kept_bundles = a.bundles.iter().filter(|b| offline(&b.bundle));
    let assets: Vec<&str> = std::iter::once(a.css.as_str())
        .chain(kept_bundles.flat_map(|b| [b.js.as_str(), b.wasm.as_str()]))
        .collect();
    let kept: Vec<PathBuf> =
        crate::offline::precache(dist, "", &assets).into_iter().map(|(file, _)| dist.join(file)).collect();
    figures.push(("offline.precache".to_owned(), brotli_size(&kept)?));
    Ok(figures)
}

/// Puts each measured figure beside its limit from `budget` (the text of `budget.toml`).
pub fn judge(budget: &str, measured: Vec<(String, usize)>) -> Result<Vec<Figure>, String> {
    let limits: Limits = toml::from_str(budget).map_err(|e| format!("{FILE}: {e}"))?;
    measured
        .into_iter()
        .map(|(name, bytes)| {
            let (table, key) = name.split_once('.').unwrap_or(("", &name));
            let limit = match table {
                "first_load" => limits.first_load.get(key),
                "offline" => limits.offline.get(key),
                _ => limits.bundle.get(key),
            };
            let limit = limit.copied().ok_or_else(|| {
                format!("{FILE} has no limit for `{name}`: add `\"{key}\" = BYTES` to its [{table}] table")
            })?;
            Ok(Figure { name, bytes, limit })
        })
        .collect()
}

/// Measures `dist/`, prints every figure beside its limit, and fails when one is over.
pub fn check(root: &Path) -> Result<(), String> {
    let budget = std::fs::read_to_string(root.join(FILE)).map_err(|e| format!("{FILE}: {e}"))?;
    let figures = judge(&budget, measure(&root.join("dist"))?)?;
    println!("\nSpeed budget ({FILE}, brotli bytes)      measured      budget");
    for f in &figures {
        let mark = if f.over() { "  OVER" } else { "" };
        println!("{:<38} {:>9}   {:>9}{mark}", f.name, f.bytes, f.limit);
    }
    let over: Vec<&Figure> = figures.iter().filter(|f| f.over()).collect();
    if over.is_empty() {
        Ok(())
    } else {
        let names: Vec<String> =
            over.iter().map(|f| format!("{} ({} > {})", f.name, f.bytes, f.limit)).collect();
        Err(format!("over the speed budget: {}", names.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUDGET: &str = "[first_load]\nguide = 1000\n\n[bundle]\nmain = 500\n\n[offline]\n";

    #[test]
    fn a_figure_over_its_limit_is_over_and_one_within_is_not() {
        let figures = judge(BUDGET, vec![("first_load.guide".into(), 1001), ("bundle.main".into(), 500)])
            .expect("both have limits");
        assert_eq!(figures.iter().map(Figure::over).collect::<Vec<_>>(), [true, false]);
    }

    #[test]
    fn a_figure_without_a_limit_names_the_table_to_add_it_to() {
        let error = judge(BUDGET, vec![("first_load.search".into(), 1)]).expect_err("no limit");
        assert!(error.contains("[first_load]") && error.contains("\"search\""), "{error}");
    }
}
