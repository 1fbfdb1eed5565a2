//! Renders the fixture site into a temporary `dist/` and checks what a static host would serve.

use std::path::PathBuf;
use swg_model::{Assets, Bundle, BundleFiles};
use swg_model::{FormPageData, FormPart, PageData, Part, Route};
use swg_site::write_pages;

fn fixture() -> swg_content::Site {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/site");
    swg_content::load(&dir).unwrap_or_else(|e| panic!("fixture does not load:\n{e}"))
}

fn assets() -> Assets {
    let bundles = Bundle::ALL
        .into_iter()
        .map(|bundle| BundleFiles {
            bundle,
            js: format!("assets/{bundle}-1.js"),
            wasm: format!("assets/{bundle}-1.wasm"),
        })
        .collect();
    Assets { css: "assets/site-1.css".into(), bundles }
}

#[test]
fn every_route_gets_an_html_file_and_a_data_file() {
    let out = tempfile::tempdir().expect("temp dir");
    let report = write_pages(&fixture(), &assets(), out.path()).expect("written");
    let routes: Vec<Route> = report.pages.iter().map(|(r, _)| r.clone()).collect();
    assert_eq!(
        routes,
        [
            Route::Home,
            Route::Window("huji".into()),
            Route::Service("shenfenzheng".into()),
            Route::Search,
            Route::Book,
            Route::Manage,
            Route::Feedback,
            Route::Track,
            Route::Stats,
            Route::Changes,
            Route::NotFound
        ]
    );
    for route in routes {
        assert!(out.path().join(route.html_file()).is_file(), "{} missing", route.html_file());
        assert!(out.path().join(route.data_file()).is_file(), "{} missing", route.data_file());
    }
}

#[test]
fn a_guide_page_holds_its_full_text_and_links_the_bundle() {
    let out = tempfile::tempdir().expect("temp dir");
    write_pages(&fixture(), &assets(), out.path()).expect("written");
    let html =
        std::fs::read_to_string(out.path().join("services/shenfenzheng/index.html")).expect("guide page");
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"zh-CN\">"));
    assert!(html.contains("<title>身份证换领 - 测试指南</title>"));
    for text in [
        "原身份证",
        "户口簿",
        "20 个工作日",
        "20 元",
        "《居民身份证法》",
        "到窗口取号。",
        "要带照片吗？",
        "测试路 1 号",
    ] {
        assert!(html.contains(text), "the page lacks {text}");
    }
    assert!(html.contains("href=\"/assets/site-1.css\""));
    assert!(html.contains("import init from \"/assets/app-1.js\""));
    assert!(html.contains("href=\"/windows/huji/\""));
}

#[test]
fn the_boot_data_leaves_out_the_static_html_but_the_route_data_has_it() {
    let out = tempfile::tempdir().expect("temp dir");
    write_pages(&fixture(), &assets(), out.path()).expect("written");
    let html =
        std::fs::read_to_string(out.path().join("services/shenfenzheng/index.html")).expect("guide page");
    let boot = html
        .split("<script id=\"boot\" type=\"application/json\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("boot data");
    let boot: swg_model::Boot = serde_json::from_str(boot).expect("boot parses");
    assert!(boot.page.parts.iter().all(|p| !matches!(p, Part::Html(h) if !h.is_empty())));
    assert!(boot.page.parts.iter().any(|p| matches!(p, Part::Checklist(c) if c.materials.len() == 2)));

    let data =
        std::fs::read_to_string(out.path().join("data/services/shenfenzheng.json")).expect("route data");
    let page: PageData = serde_json::from_str(&data).expect("route data parses");
    assert!(page.parts.iter().any(|p| matches!(p, Part::Html(h) if h.contains("设定依据"))));
}

#[test]
fn script_closing_tags_in_content_cannot_break_out_of_the_boot_data() {
    let mut site = fixture();
    site.guides[0].materials[0].name = "</script><script>alert(1)</script>".into();
    let out = tempfile::tempdir().expect("temp dir");
    write_pages(&site, &assets(), out.path()).expect("written");
    let html =
        std::fs::read_to_string(out.path().join("services/shenfenzheng/index.html")).expect("guide page");
    assert!(!html.contains("<script>alert(1)"));
}

#[test]
fn each_form_page_loads_its_own_bundle_and_posts_without_javascript() {
    let out = tempfile::tempdir().expect("temp dir");
    write_pages(&fixture(), &assets(), out.path()).expect("written");
    let read = |file: &str| std::fs::read_to_string(out.path().join(file)).expect("a written page");
    let book = read("book/index.html");
    assert!(book.contains("import init from \"/assets/book-1.js\""));
    assert!(book.contains("action=\"/forms/booking\""));
    for (page, bundle) in [("book/manage/index.html", "manage"), ("feedback/track/index.html", "track")] {
        let html = read(page);
        assert!(
            html.contains(&format!("import init from \"/assets/{bundle}-1.js\"")),
            "{page} loads {bundle}"
        );
        assert_eq!(html.matches("import init from").count(), 1, "{page} loads one bundle");
    }
    let guide = read("services/shenfenzheng/index.html");
    assert!(guide.contains("import init from \"/assets/app-1.js\""));
    assert!(!guide.contains("book-1"));
}

/// `html` with the contents of every `<div class="island">` removed (islands hold no nested
/// island, and `<div` only appears in their markup as a tag).
fn without_island_contents(html: &str) -> String {
    const OPEN: &str = "<div class=\"island\">";
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start + OPEN.len()]);
        rest = &rest[start + OPEN.len()..];
        let mut depth = 1;
        let mut at = 0;
        while depth > 0 {
            let next_open = rest[at..].find("<div").map(|i| at + i);
            let next_close = rest[at..].find("</div>").map(|i| at + i).expect("a closing tag");
            match next_open {
                Some(open) if open < next_close => {
                    depth += 1;
                    at = open + 4;
                }
                _ => {
                    depth -= 1;
                    at = next_close + if depth == 0 { 0 } else { 6 };
                }
            }
        }
        rest = &rest[at..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_browser_rebuilds_every_page_structure_from_its_json_exactly_as_the_build_rendered_it() {
    let out = tempfile::tempdir().expect("temp dir");
    let report = write_pages(&fixture(), &assets(), out.path()).expect("written");
    for (route, _) in report.pages {
        let html = std::fs::read_to_string(out.path().join(route.html_file())).expect("page");
        let main =
            html.split_once("<main id=\"main\" tabindex=\"-1\">").and_then(|(_, m)| m.split_once("</main>"));
        let built = without_island_contents(main.expect("a main element").0);
        let json = std::fs::read_to_string(out.path().join(route.data_file())).expect("data");
        let data: PageData = serde_json::from_str(&json).expect("page data");
        let rebuilt = swg_app::render(move || swg_app::structure(&data, |_| ()));
        assert_eq!(rebuilt, built, "{route:?}");
        assert!(built.matches("class=\"island\"").count() + built.matches("class=\"part\"").count() > 0);
    }
}

#[test]
fn a_form_page_bundle_finds_its_form_and_windows_in_the_boot_data_and_every_page_decodes_for_it() {
    let out = tempfile::tempdir().expect("temp dir");
    let report = write_pages(&fixture(), &assets(), out.path()).expect("written");
    let mut forms = 0;
    for (route, _) in report.pages {
        let json = std::fs::read_to_string(out.path().join(route.data_file())).expect("data");
        let data: PageData = serde_json::from_str(&json).expect("page data");
        let read: FormPageData = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{route:?}: {e}"));
        assert_eq!(read.lang, data.lang);
        let static_parts = data.parts.iter().filter(|p| matches!(p, Part::Html(_))).count();
        let read_static = read.parts.iter().filter(|p| matches!(p, FormPart::Html(_))).count();
        assert_eq!(
            (read.parts.len(), read_static),
            (data.parts.len(), static_parts),
            "{route:?}: the same parts"
        );
        let form =
            data.parts
                .iter()
                .find_map(|p| if let Part::Form(k, w) = p { Some((*k, w.clone())) } else { None });
        let read_form =
            read.parts
                .into_iter()
                .find_map(|p| if let FormPart::Form(k, w) = p { Some((k, w)) } else { None });
        assert_eq!(read_form, form, "{route:?}");
        forms += usize::from(form.is_some());
    }
    assert_eq!(forms, 5, "every form page was read");
}

#[test]
fn every_input_of_the_plain_forms_is_named_by_a_field_name() {
    let out = tempfile::tempdir().expect("temp dir");
    write_pages(&fixture(), &assets(), out.path()).expect("written");
    let mut seen = 0;
    for route in [Route::Book, Route::Feedback] {
        let html = std::fs::read_to_string(out.path().join(route.html_file())).expect("form page");
        let form = html.split_once("<form").map(|(_, f)| f).expect("a plain form");
        for piece in form.split(" name=\"").skip(1) {
            let name = piece.split('"').next().unwrap_or_default();
            assert!(swg_model::form::FieldName::parse(name).is_some(), "{route:?}: `{name}`");
            seen += 1;
        }
    }
    assert!(seen >= 15, "only {seen} inputs");
}
