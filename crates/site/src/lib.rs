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
    let icons = png_icons(out)?;
    write(out, MANIFEST, manifest(&site.info, &icons).to_string().as_bytes())?;
    Ok(report)
}

/// The web app manifest's file name (adding the site to a phone's home screen).
pub const MANIFEST: &str = "manifest.webmanifest";

/// The icon's source, copied from `public/` into the site before the pages are written.
pub const ICON: &str = "icon.svg";

/// The PNG sizes a phone's home screen asks for.
const ICON_SIZES: [u32; 2] = [192, 512];

/// Rasterises `icon.svg` in `out` into `icon-SIZE.png` files; returns their names (none when
/// the site has no icon).
fn png_icons(out: &Path) -> io::Result<Vec<(u32, String)>> {
    let Ok(svg) = std::fs::read(out.join(ICON)) else { return Ok(Vec::new()) };
    let invalid = |e: String| io::Error::new(io::ErrorKind::InvalidData, format!("{ICON}: {e}"));
    let tree = resvg::usvg::Tree::from_data(&svg, &resvg::usvg::Options::default())
        .map_err(|e| invalid(e.to_string()))?;
    let mut names = Vec::new();
    for size in ICON_SIZES {
        let mut pixmap =
            resvg::tiny_skia::Pixmap::new(size, size).ok_or_else(|| invalid("empty size".into()))?;
        let scale = size as f32 / tree.size().width().max(tree.size().height());
        resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
        let png = pixmap.encode_png().map_err(|e| invalid(e.to_string()))?;
        let name = format!("icon-{size}.png");
        write(out, &name, &png)?;
        names.push((size, name));
    }
    Ok(names)
}

/// The web app manifest: the site's name, icons, colours and start page, below the base path.
fn manifest(site: &swg_model::SiteInfo, pngs: &[(u32, String)]) -> serde_json::Value {
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
        "icons": pngs
            .iter()
            .map(|(size, name)| icon(&format!("{size}x{size}"), name, "image/png"))
            .chain([icon("any", ICON, "image/svg+xml")])
            .collect::<Vec<_>>(),
    })
}

fn write(out: &Path, relative: &str, bytes: &[u8]) -> io::Result<()> {
    let path = out.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Width and height from a PNG's header.
    fn png_size(bytes: &[u8]) -> (u32, u32) {
        let at = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        (at(16), at(20))
    }

    #[test]
    fn the_svg_icon_becomes_a_png_of_each_size_the_manifest_names() {
        let out = std::env::temp_dir().join(format!("swg-icons-{}", std::process::id()));
        std::fs::create_dir_all(&out).expect("dir");
        let svg = include_str!("../../../public/icon.svg");
        std::fs::write(out.join(ICON), svg).expect("write");
        let icons = png_icons(&out).expect("rasterised");
        assert_eq!(icons.iter().map(|(s, _)| *s).collect::<Vec<_>>(), ICON_SIZES);
        for (size, name) in &icons {
            let png = std::fs::read(out.join(name)).expect("png");
            assert_eq!(&png[1..4], b"PNG");
            assert_eq!(png_size(&png), (*size, *size));
        }
        let site = swg_model::SiteInfo {
            name: "窗口办事指南".into(),
            organisation: String::new(),
            example_data: false,
            supervision_phone: String::new(),
            source: String::new(),
            url: String::new(),
            en: None,
        };
        let manifest = manifest(&site, &icons);
        assert_eq!(manifest["icons"][0]["sizes"], "192x192");
        assert_eq!(manifest["icons"][1]["src"], "/icon-512.png");
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn a_site_without_an_icon_gets_no_png() {
        let out = std::env::temp_dir().join(format!("swg-no-icon-{}", std::process::id()));
        std::fs::create_dir_all(&out).expect("dir");
        assert!(png_icons(&out).expect("nothing to do").is_empty());
        let _ = std::fs::remove_dir_all(&out);
    }
}
