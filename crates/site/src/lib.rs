//! Writes the static site from checked content: a pre-rendered HTML file per route (readable
//! without JavaScript), the route's JSON for client-side navigation, and the boot data the
//! browser starts its islands from.

use std::io;
use std::path::Path;
use swg_app::{page_data, page_document};
use swg_content::Site;
use swg_model::{Assets, Route};

/// What one build wrote.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// (route, HTML bytes) for every page written.
    pub pages: Vec<(Route, usize)>,
}

/// Writes every page of `site` into `out` (which must exist), linking the given assets, and
/// the asset names themselves (`assets.json`) for the server's answer pages.
pub fn write_pages(site: &Site, assets: &Assets, out: &Path) -> io::Result<Report> {
    let mut report = Report::default();
    for (route, content) in site.pages() {
        let mut page = page_data(&site.info, &site.calendar, route.lang(), &content);
        page.versions = site.versions(&route);
        write(out, &route.data_file(), serde_json::to_string(&page)?.as_bytes())?;
        let html = page_document(
            &site.info,
            &page,
            content.description(&site.info, route.lang()),
            assets,
            &swg_model::Shown::default(),
        )?;
        write(out, &route.html_file(), html.as_bytes())?;
        report.pages.push((route, html.len()));
    }
    write(out, Assets::FILE, serde_json::to_string(assets)?.as_bytes())?;
    Ok(report)
}

fn write(out: &Path, relative: &str, bytes: &[u8]) -> io::Result<()> {
    let path = out.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
}
