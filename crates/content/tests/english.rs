//! English pages (`content/en/`) on the fixture tree: a translation loads beside its Chinese
//! page, and one that translates nothing, changes the checklist's ids or lacks the site's
//! English name is refused with its file and line.

use std::path::Path;
use swg_content::load;
use swg_model::{Lang, Route};

const SITE: &str = include_str!("../../../tests/fixtures/site/site.toml");
const CALENDAR: &str = include_str!("../../../tests/fixtures/site/calendar.toml");
const WINDOW: &str = include_str!("../../../tests/fixtures/site/windows/huji.md");
const GUIDE: &str = include_str!("../../../tests/fixtures/site/services/shenfenzheng.md");

const SITE_EN: &str =
    "\n[site.en]\nname = \"Service Window Guide\"\norganisation = \"Test bureau\"\nsource = \"Test rules\"\n";

/// The fixture window's facts in English, appended to `site.toml`.
const WINDOW_EN: &str = "\n[windows.huji.en]\naddress = \"1 Test Road\"\n";

/// The fixture tree with an English window and guide (the Chinese ones with English titles).
fn tree(site: &str, english_guide: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    for (path, text) in [
        ("site.toml", site),
        ("calendar.toml", CALENDAR),
        ("windows/huji.md", WINDOW),
        ("services/shenfenzheng.md", GUIDE),
        (
            "en/windows/huji.md",
            &fixed(&WINDOW.replacen("name = ", "name = \"Household registration\"\nold_name = ", 1)),
        ),
        ("en/services/shenfenzheng.md", english_guide),
    ] {
        write(root, path, text);
    }
    dir
}

fn write(root: &Path, path: &str, text: &str) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().expect("a folder")).expect("mkdir");
    std::fs::write(file, text).expect("write");
}

/// The fixture's `site.toml` with its `[site.en]` table.
fn site_with_english() -> String {
    let (head, rest) = SITE.split_once("\n[").expect("a second table");
    format!("{head}{SITE_EN}\n[{rest}{WINDOW_EN}")
}

fn english_guide() -> String {
    GUIDE.replacen("title = ", "title = \"Identity card\"\nold_title = ", 1)
}

/// The text without the `old_…` lines a translation replaced.
fn fixed(text: &str) -> String {
    text.lines().filter(|l| !l.starts_with("old_")).collect::<Vec<_>>().join("\n")
}

#[test]
fn an_english_guide_loads_beside_its_chinese_page_at_its_own_address() {
    let dir = tree(&site_with_english(), &fixed(&english_guide()));
    let site = load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let english = &site.english.guides[0];
    assert_eq!((english.title.as_str(), english.lang), ("Identity card", Lang::En));
    assert_eq!(site.guides[0].lang, Lang::Zh);
    assert!(english.page_url.ends_with("/en/services/shenfenzheng/"), "{}", english.page_url);
    let route = Route::Service("shenfenzheng".into());
    let versions = site.versions(&route).expect("both languages");
    assert_eq!(
        (versions.zh.as_str(), versions.en.as_str()),
        ("/services/shenfenzheng/", "/en/services/shenfenzheng/")
    );
    assert!(site.pages().iter().any(|(r, _)| *r == route.clone().in_lang(Lang::En)));
    assert_eq!(site.versions(&Route::Changes), None, "最近更新 has no English page");
}

#[test]
fn an_english_guide_that_translates_no_chinese_guide_is_named_with_its_line() {
    let dir = tree(
        &site_with_english(),
        &fixed(&english_guide()).replace("id = \"shenfenzheng\"", "id = \"passport\""),
    );
    let errors = load(dir.path()).expect_err("refused");
    let error =
        errors.0.iter().find(|e| e.message.contains("translates no Chinese guide")).expect("the error");
    assert!(error.file.ends_with("en/services/shenfenzheng.md"), "{error}");
    assert_eq!(error.line, 2, "{error}");
    assert!(error.hint.contains("content/services/passport.md does not exist"), "{error}");
}

#[test]
fn an_english_guide_with_other_material_ids_is_refused_so_ticks_carry_over() {
    let renamed = fixed(&english_guide()).replacen("id = \"old-card\"", "id = \"renamed\"", 1);
    let dir = tree(&site_with_english(), &renamed);
    let errors = load(dir.path()).expect_err("refused");
    let error =
        errors.0.iter().find(|e| e.message.contains("questions, options and materials")).expect("the error");
    assert!(error.hint.contains("services/shenfenzheng.md"), "{error}");
}

#[test]
fn english_pages_without_the_sites_english_name_are_refused_at_the_site_table() {
    let dir = tree(SITE, &fixed(&english_guide()));
    let errors = load(dir.path()).expect_err("refused");
    let error = errors.0.iter().find(|e| e.message.contains("[site.en]")).expect("the error");
    assert!(error.file.ends_with("site.toml"), "{error}");
    assert_eq!(error.line, 1, "{error}");
}

#[test]
fn an_english_window_page_gives_the_local_facts_in_english_with_the_chinese_address() {
    let dir = tree(&site_with_english(), &fixed(&english_guide()));
    let site = load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(site.english.windows[0].local.address, "1 Test Road (测试路 1 号)");
    assert_eq!(site.english.guides[0].window.local.address, "1 Test Road (测试路 1 号)");
    assert_eq!(site.windows[0].local.address, "测试路 1 号", "the Chinese page keeps its own");
}

#[test]
fn an_english_window_without_its_local_facts_in_english_is_refused_at_its_table() {
    let site = site_with_english().replace(WINDOW_EN, "");
    let dir = tree(&site, &fixed(&english_guide()));
    let errors = load(dir.path()).expect_err("refused");
    let error = errors.0.iter().find(|e| e.message.contains("[windows.huji.en]")).expect("the error");
    assert_eq!(
        error.line,
        site.lines().position(|l| l == "[windows.huji]").expect("the table") + 1,
        "{error}"
    );
}
