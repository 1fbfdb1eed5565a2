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
    write(out, MANIFEST, manifest(&site.info).to_string().as_bytes())?;
    Ok(report)
}

/// The web app manifest's file name (adding the site to a phone's home screen).
pub const MANIFEST: &str = "manifest.webmanifest";

/// The web app manifest: the site's name, icons, colours and start page, below the base path.
fn manifest(site: &swg_model::SiteInfo) -> serde_json::Value {
    let base = swg_model::route::base_path();
    let icon = |size: &str, file: &str, kind: &str| serde_json::json!({ "src": format!("{base}/{file}"), "sizes": size, "type": kind, "purpose": "any" });
    serde_json::json!({
        "name": site.name,
        "short_name": site.name,
        "lang": "zh-CN",
        "start_url": format!("{base}/"),
        "scope": format!("{base}/"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a",
        "icons": [icon("any", "icon.svg", "image/svg+xml")],
    })
}

fn write(out: &Path, relative: &str, bytes: &[u8]) -> io::Result<()> {
    let path = out.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
}
