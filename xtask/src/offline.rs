//! Offline reading: writes `sw.js` (the service worker, from `sw.js` beside this file) with the
//! list of what to keep and a version made of their contents.

use sha2::{Digest, Sha256};
use std::path::Path;

/// The service worker's template; `__VERSION__`, `__BASE__` and `__PRECACHE__` are filled in.
const TEMPLATE: &str = include_str!("sw.js");

/// The pages of one language's search and forms, with their data (the form bundle itself is
/// kept when first used).
const FORM_PAGES: [(&str, &str); 5] = [
    ("search/index.html", "search.json"),
    ("book/index.html", "book.json"),
    ("book/manage/index.html", "manage.json"),
    ("feedback/index.html", "feedback.json"),
    ("feedback/track/index.html", "track.json"),
];

/// The pages kept for reading offline, below `dist/`: the home pages, every window and guide
/// in both languages, every life event and pledge, each with its data, and the search and form
/// pages.
fn kept_pages(dist: &Path) -> Vec<String> {
    let mut pages = vec!["index.html".to_owned(), "en/index.html".to_owned()];
    for prefix in ["", "en/"] {
        pages.extend(FORM_PAGES.iter().map(|(page, _)| format!("{prefix}{page}")));
    }
    for folder in ["windows", "services", "events", "pledges", "en/windows", "en/services"] {
        let Ok(entries) = std::fs::read_dir(dist.join(folder)) else { continue };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().join("index.html").is_file())
            .map(|e| format!("{folder}/{}/index.html", e.file_name().to_string_lossy()))
            .collect();
        names.sort();
        pages.extend(names);
    }
    pages.retain(|p| dist.join(p).is_file());
    pages
}

/// The data file of a page (`services/x/index.html` → `data/services/x.json`).
fn data_of(page: &str) -> String {
    let (prefix, rest) = page.strip_prefix("en/").map_or(("", page), |rest| ("en/", rest));
    if let Some((_, data)) = FORM_PAGES.iter().find(|(p, _)| *p == rest) {
        return format!("data/{prefix}{data}");
    }
    let route = page.trim_end_matches("index.html").trim_end_matches('/');
    match route {
        "" => "data/home.json".to_owned(),
        "en" => "data/en/home.json".to_owned(),
        other => format!("data/{other}.json"),
    }
}

/// Every file to keep, below `dist/`, and the address it is fetched at.
pub fn precache(dist: &Path, base: &str, assets: &[&str]) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for page in kept_pages(dist) {
        let address = format!("{base}/{}", page.trim_end_matches("index.html"));
        files.push((page.clone(), address));
        let data = data_of(&page);
        if dist.join(&data).is_file() {
            files.push((data.clone(), format!("{base}/{data}")));
        }
    }
    for asset in assets {
        files.push(((*asset).to_owned(), format!("{base}/{asset}")));
    }
    files
}

/// Writes `sw.js` into `dist` (the staging folder); returns the number of files kept and their
/// bytes.
pub fn write(dist: &Path, base: &str, assets: &[&str]) -> Result<(usize, u64), String> {
    let files = precache(dist, base, assets);
    let mut version = Sha256::new();
    let mut bytes = 0;
    for (file, address) in &files {
        let content = std::fs::read(dist.join(file)).map_err(|e| format!("{file}: {e}"))?;
        bytes += content.len() as u64;
        version.update(address.as_bytes());
        version.update(Sha256::digest(&content));
    }
    let version: String = version.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect();
    let addresses: Vec<&str> = files.iter().map(|(_, a)| a.as_str()).collect();
    let list = serde_json::to_string(&addresses).map_err(|e| e.to_string())?;
    let base_json = serde_json::to_string(base).map_err(|e| e.to_string())?;
    let script = TEMPLATE
        .replace("\"__VERSION__\"", &format!("\"{version}\""))
        .replace("\"__BASE__\"", &base_json)
        .replace("__PRECACHE__", &list);
    std::fs::write(dist.join("sw.js"), script).map_err(|e| format!("sw.js: {e}"))?;
    Ok((files.len(), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_is_kept_with_its_data() {
        assert_eq!(data_of("services/huzhao-shouci/index.html"), "data/services/huzhao-shouci.json");
        assert_eq!(data_of("en/windows/churujing/index.html"), "data/en/windows/churujing.json");
        assert_eq!(data_of("index.html"), "data/home.json");
        assert_eq!(data_of("en/index.html"), "data/en/home.json");
        assert_eq!(data_of("book/manage/index.html"), "data/manage.json");
        assert_eq!(data_of("en/feedback/track/index.html"), "data/en/track.json");
    }
}
