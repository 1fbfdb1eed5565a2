//! axe-core in real Chromium at 375 px: no WCAG 2.x A/AA violations on every kind of page.

use swg_tests::{Browser, Server};

async fn violations(browser: &Browser) -> Vec<String> {
    let axe = std::fs::read_to_string(std::env::var("SWG_AXE").expect("SWG_AXE: run `cargo xtask test`"))
        .expect("axe.min.js");
    browser.js(&format!("{axe}\nreturn true")).await;
    let result = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe.run");
    serde_json::from_value(result).expect("a list of violations")
}

#[tokio::test]
async fn every_kind_of_page_has_no_axe_violations() {
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    for path in [
        "/",
        "/windows/huji/",
        "/services/shenfenzheng-buling/",
        "/windows/baojing110/",
        "/search/",
        "/book/",
        "/feedback/",
        "/book/manage/",
        "/stats/",
        "/404.html",
    ] {
        browser.goto(&server.url(path)).await;
        browser.until_app_ready().await;
        let found = violations(&browser).await;
        assert!(found.is_empty(), "{path}: {found:#?}");
    }
    browser.close().await;
}

#[tokio::test]
async fn the_check_itself_catches_an_image_without_alt_text() {
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url("/")).await;
    browser.until_app_ready().await;
    browser.js("const i = document.createElement('img'); i.src = 'data:,'; document.querySelector('main').append(i); return true").await;
    let found = violations(&browser).await;
    assert!(found.iter().any(|v| v.starts_with("image-alt")), "{found:?}");
    browser.close().await;
}
