//! The invariants of ARCHITECTURE.md that a read of the source can check: one owner for HTML,
//! no type-erased views in the bundle, content parsing without Leptos, a purpose line on
//! every module.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file below `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            out.push((path, text));
        }
    }
    out
}

/// The product's own source (not tests): every crate's `src/`.
fn product_sources() -> Vec<(PathBuf, String)> {
    let root = root();
    let mut dirs = vec![root.join("app/src"), root.join("xtask/src")];
    if let Ok(crates) = std::fs::read_dir(root.join("crates")) {
        dirs.extend(crates.flatten().map(|c| c.path().join("src")));
    }
    dirs.iter().flat_map(|d| sources(d)).collect()
}

/// The places where `pattern` occurs, as "file:line".
fn occurrences(files: &[(PathBuf, String)], pattern: &str) -> Vec<String> {
    files
        .iter()
        .flat_map(|(path, text)| {
            text.lines()
                .enumerate()
                .filter(|(_, line)| line.contains(pattern))
                .map(move |(n, _)| format!("{}:{}", path.display(), n + 1))
        })
        .collect()
}

#[test]
fn the_scan_sees_the_whole_product() {
    let files = product_sources();
    assert!(files.len() > 60, "only {} files", files.len());
    assert!(files.iter().any(|(p, _)| p.ends_with("app/src/document.rs")));
}

#[test]
fn no_html_is_built_from_strings_and_nothing_escapes_by_hand() {
    let files = product_sources();
    for pattern in ["format!(\"<", ".find(\"<", "fn escape", "push_str(\"<"] {
        let found = occurrences(&files, pattern);
        assert!(found.is_empty(), "`{pattern}` in {found:?}");
    }
}

#[test]
fn views_are_combined_with_either_not_type_erased() {
    let app = sources(&root().join("app/src"));
    for pattern in [".into_any()", "AnyView"] {
        let found = occurrences(&app, pattern);
        assert!(found.is_empty(), "`{pattern}` in {found:?}");
    }
}

#[test]
fn content_parsing_never_depends_on_leptos() {
    let manifest = std::fs::read_to_string(root().join("crates/content/Cargo.toml")).expect("manifest");
    assert!(!manifest.contains("leptos"), "crates/content/Cargo.toml names leptos");
    let found = occurrences(&sources(&root().join("crates/content/src")), "leptos");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn every_module_says_what_it_is_for_in_its_first_line() {
    let mut files = product_sources();
    files.extend(sources(&root().join("tests")));
    let missing: Vec<String> = files
        .iter()
        .filter(|(_, text)| !text.starts_with("//!"))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
}
