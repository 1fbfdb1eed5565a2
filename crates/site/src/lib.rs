//! Writes the static site from checked content: a pre-rendered HTML file per route (readable
//! without JavaScript), the route's JSON for client-side navigation, and the boot data the
//! browser starts its islands from.

mod shell;

pub use shell::Assets;

use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use std::io;
use std::path::Path;
use swg_app::{page_data, App};
use swg_content::Site;
use swg_model::{Boot, PageData, Part, Route, SiteInfo};

/// What one build wrote.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// (route, HTML bytes) for every page written.
    pub pages: Vec<(Route, usize)>,
}

/// Renders the body of one page: header, main area (static parts and islands), footer.
pub fn render_body(site: &SiteInfo, page: &PageData) -> String {
    let owner = Owner::new();
    let (site, page) = (site.clone(), page.clone());
    let html = owner.with(move || view! { <App site=site page=page/> }.to_html());
    owner.unset();
    html
}

/// Writes every page of `site` into `out` (which must exist), linking the given assets.
pub fn write_pages(site: &Site, assets: &Assets, out: &Path) -> io::Result<Report> {
    let mut report = Report::default();
    for (route, content) in site.pages() {
        let page = page_data(&site.info, &content);
        let body = render_body(&site.info, &page);
        write(out, &route.data_file(), serde_json::to_string(&page)?.as_bytes())?;
        // The page already holds its static HTML; the boot data carries only the rest.
        let parts = page
            .parts
            .into_iter()
            .map(|p| if let Part::Html(_) = p { Part::Html(String::new()) } else { p })
            .collect();
        let boot = Boot { site: site.info.clone(), page: PageData { parts, ..page } };
        let html = shell::document(&boot, &body, &content.description(&site.info), assets);
        write(out, &route.html_file(), html.as_bytes())?;
        report.pages.push((route, html.len()));
    }
    Ok(report)
}

fn write(out: &Path, relative: &str, bytes: &[u8]) -> io::Result<()> {
    let path = out.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
}
