//! The English pages of the exit-entry window in real headless Chromium at 375 px: the page's
//! language, English navigation, Chinese fragments marked as Chinese, `hreflang` links, and a
//! language switch that keeps the page (and the checklist's ticks).

use swg_model::{Lang, Route};
use swg_tests::{content, Browser, Server};

/// Text in `main` with Chinese characters whose nearest `lang` is not Chinese.
const UNMARKED_CHINESE: &str = "const w = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT); \
    const bad = []; while (w.nextNode()) { const n = w.currentNode; \
    if (/[\\u3400-\\u9fff]/.test(n.textContent) && n.parentElement.closest('[lang]').lang !== 'zh-CN') bad.push(n.textContent.slice(0, 40)); } \
    return bad;";

#[tokio::test]
async fn the_english_exit_entry_guide_is_english_with_its_chinese_fragments_marked_and_hreflang_links() {
    let site = content();
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    let english = Route::Service("huzhao-shouci".into()).in_lang(Lang::En);
    browser.goto(&server.url(&english.href())).await;
    browser.until_app_ready().await;
    assert_eq!(browser.js("return document.documentElement.lang").await, "en");
    let name = site.info.en.as_ref().expect("the site's English name").name.clone();
    assert_eq!(browser.text("header.top .brand").await, name);
    assert_eq!(browser.text("header.top .search-link").await, "Search");
    assert_eq!(browser.text("header.top .care-toggle").await, "Large text");
    assert_eq!(browser.text(".crumbs a").await, "Home");
    assert_eq!(browser.text("#materials").await, "What to bring");
    assert!(browser.text(".progress").await.starts_with("Ready:"), "the checklist speaks English");
    assert!(browser.text(".due").await.starts_with("Apply"), "the expected date in English");
    assert_eq!(browser.js(UNMARKED_CHINESE).await, serde_json::json!([]), "every Chinese fragment is marked");
    assert_eq!(
        browser.js("return [...document.querySelectorAll('link[rel=alternate]')].map(l => l.hreflang + ' ' + new URL(l.href).pathname)").await,
        serde_json::json!(["zh-CN /services/huzhao-shouci/", "en /en/services/huzhao-shouci/"])
    );
    browser.close().await;
}

#[tokio::test]
async fn the_language_switch_keeps_the_page_and_its_ticks_in_both_directions() {
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url(&Route::Service("huzhao-shouci".into()).in_lang(Lang::En).href())).await;
    browser.until_app_ready().await;
    browser.find(".material input").await.click().await.expect("tick the first item");
    let ticked = browser.js("return document.querySelector('.material input').value").await;
    browser.click_to_next_page(browser.find("a.lang-switch").await).await;
    browser.until_app_ready().await;
    assert_eq!(browser.js("return location.pathname").await, "/services/huzhao-shouci/");
    assert_eq!(browser.js("return document.documentElement.lang").await, "zh-CN");
    assert_eq!(browser.text("a.lang-switch").await, "English");
    assert_eq!(
        browser
            .js("return [...document.querySelectorAll('.material input:checked')].map(i => i.value)")
            .await,
        serde_json::json!([ticked]),
        "the tick made on the English page"
    );
    browser.click_to_next_page(browser.find("a.lang-switch").await).await;
    assert_eq!(browser.js("return location.pathname").await, "/en/services/huzhao-shouci/");
    browser.close().await;
}

#[tokio::test]
async fn moving_between_english_pages_keeps_english_and_points_the_switch_at_each_page() {
    let site = content();
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url(&Route::Home.in_lang(Lang::En).href())).await;
    browser.until_app_ready().await;
    assert_eq!(browser.js("return document.documentElement.lang").await, "en");
    let window = &site.english.windows[0];
    assert_eq!(browser.text(".card-title").await, window.name, "the English window list");
    browser
        .js("window.__swgSamePage = true; document.querySelector('.card-title').click(); return true")
        .await;
    browser
        .until("the window page shows", "return document.querySelector('main h1')?.textContent !== document.title && location.pathname.startsWith('/en/windows/')")
        .await;
    assert_eq!(
        browser.js("return window.__swgSamePage === true").await,
        true,
        "no reload between English pages"
    );
    assert_eq!(
        browser.js("return new URL(document.querySelector('a.lang-switch').href).pathname").await,
        Route::Window(window.id.clone()).href()
    );
    let chinese_only = Route::Window("huji".into()).href();
    browser.goto(&server.url(&chinese_only)).await;
    assert_eq!(
        browser.js("return new URL(document.querySelector('a.lang-switch').href).pathname").await,
        "/en/",
        "a page with no English version switches to the English home page"
    );
    browser.close().await;
}

#[tokio::test]
async fn without_javascript_the_english_search_lists_the_english_guides_and_the_server_answers_a_query() {
    let site = content();
    let server = Server::start().await;
    let browser = Browser::open(false).await;
    browser.goto(&server.url(&Route::Search.in_lang(Lang::En).href())).await;
    let listed = browser.all("section[aria-labelledby=a-to-z] ul.links li a").await.len();
    assert_eq!(listed, site.english.guides.len());
    browser.find("#q").await.send_keys("renew passport").await.expect("type");
    browser.click_to_next_page(browser.find("form.search button").await).await;
    assert_eq!(browser.js("return document.documentElement.lang").await, "en");
    assert!(browser.text("main [role=status]").await.starts_with("Found"));
    let first = browser.find("main ul.links li a").await.attr("href").await.expect("attr");
    assert_eq!(first, Some(Route::Service("huzhao-huanfa".into()).in_lang(Lang::En).href()));
    browser.close().await;
}

#[tokio::test]
async fn the_api_says_every_refusal_in_english_too() {
    let server = Server::start().await;
    let app = swg_tests::App::of(&server);
    let (day, slot, _) = swg_tests::open_slots(&app).await[0].clone();
    let mut request = swg_tests::booking_json(&day, &slot, 61);
    request["phone"] = "12345".into();
    let (status, answer) = app.post_json(swg_model::api::path::BOOKINGS, &request).await;
    assert_eq!(status, http::StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(answer["message"].as_str().is_some_and(|m| m.contains("有几项需要修改")), "{answer}");
    assert!(answer["en"].as_str().is_some_and(|m| m.starts_with("Some answers need changing")), "{answer}");
    let field = &answer["fields"][0];
    assert_eq!(field["field"], "phone");
    assert!(field["message"].as_str().is_some_and(|m| m.contains("11 位数字")), "{field}");
    assert!(field["en"].as_str().is_some_and(|m| m.contains("11 digits")), "{field}");
    let (status, answer) = app
        .post_json(
            swg_model::api::path::BOOKING_LOOKUP,
            &serde_json::json!({ "code": "ABCD2345", "phone": swg_tests::phone(61) }),
        )
        .await;
    assert_eq!(status, http::StatusCode::NOT_FOUND);
    assert!(answer["en"].as_str().is_some_and(|m| m.starts_with("No booking found")), "{answer}");
}

#[tokio::test]
async fn without_javascript_english_feedback_is_refused_and_then_filed_in_english() {
    let server = Server::start().await;
    let browser = Browser::open(false).await;
    browser.goto(&server.url(&Route::Feedback.in_lang(Lang::En).href())).await;
    assert_eq!(browser.js("return document.documentElement.lang").await, "en");
    browser.js("document.querySelector('#p-window').value = 'churujing'; return true").await;
    browser.find("#p-text").await.send_keys("Nobody told me the photo rules.").await.expect("type");
    browser.click_to_next_page(browser.find("main form button[type=submit]").await).await;
    assert_eq!(browser.js("return document.documentElement.lang").await, "en", "the answer page is English");
    let refused = browser.text("main").await;
    assert!(refused.contains("Leave a mobile number"), "{refused}");
    assert!(!refused.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "no Chinese: {refused}");
    browser.js("history.back(); return true").await;
    browser.until("the form is back", "return document.querySelector('#p-phone') !== null").await;
    browser.find("#p-phone").await.send_keys(&swg_tests::phone(62)).await.expect("type");
    browser.js("document.querySelector('input[name=consent]').checked = true; return true").await;
    browser.click_to_next_page(browser.find("main form button[type=submit]").await).await;
    let filed = browser.text("main").await;
    assert!(filed.contains("tracking number"), "{filed}");
    browser.close().await;
}

#[tokio::test]
async fn a_foreign_resident_books_in_english_and_reads_every_answer_in_english() {
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    let book = Route::Book
        .in_lang(Lang::En)
        .href_with(&[("window", "churujing"), ("service", "waiguoren-tingjuliu")]);
    browser.goto(&server.url(&book)).await;
    browser.until_app_ready().await;
    assert_eq!(browser.js("return document.documentElement.lang").await, "en");
    browser.pick_free_slot("slot", false).await;
    browser.press("Next: your details").await;
    browser.find("#f-name").await.send_keys("Anna Lee").await.expect("type");
    browser.find("#f-phone").await.send_keys("12345").await.expect("type");
    browser
        .js("const s = document.querySelector('#f-id_kind'); s.value = 'passport'; s.dispatchEvent(new Event('change')); return true")
        .await;
    browser.find("#f-id_number").await.send_keys("E12345678").await.expect("type");
    browser.press("Next: check").await;
    browser
        .until(
            "the shared parser's English message",
            "return document.querySelector('#e-phone')?.textContent.includes('11 digits') === true",
        )
        .await;
    browser.find("#f-phone").await.clear().await.expect("clear");
    browser.find("#f-phone").await.send_keys("+852 9123 4567").await.expect("type");
    browser.press("Next: check").await;
    browser.press("Confirm booking").await;
    browser
        .until("the booking code shows", "return document.querySelector('.code')?.textContent.length === 8")
        .await;
    let page = browser.text("main").await;
    let site = content();
    let guide = site.english.guides.iter().find(|g| g.id == "waiguoren-tingjuliu").expect("the guide");
    assert!(page.contains(guide.title.as_str()), "the service by its English title: {page}");
    assert!(page.contains("Passport"), "{page}");
    let english_address = site.english.windows[0].local.address.clone();
    assert!(page.contains(&english_address), "the English address with the Chinese beside it: {page}");
    for provided in guide.materials.iter().filter(|m| m.provided) {
        assert!(!page.contains(&provided.name), "the window provides {}: not to bring", provided.name);
    }
    assert_eq!(browser.js(UNMARKED_CHINESE).await, serde_json::json!([]), "every Chinese fragment is marked");
    browser.close().await;
}
