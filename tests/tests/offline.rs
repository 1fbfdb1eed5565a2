//! Reading offline in real headless Chromium at 375 px: the service worker keeps every guide
//! and window page, so a hall without signal still shows them, checklists still tick, a
//! feedback form seen online still takes a submission (sent once when the network is back), and
//! a new deploy takes over on the next visit.

use swg_model::Route;
use swg_tests::{content, Browser, Server};

/// Waits until the page is controlled by the service worker (it has kept every page by then).
async fn until_kept(browser: &Browser) {
    browser.until_app_ready().await;
    browser
        .until("the service worker controls the page", "return navigator.serviceWorker.controller !== null")
        .await;
}

#[tokio::test]
async fn without_a_network_guides_and_windows_stay_readable_and_ticks_and_a_queued_submission_survive() {
    let site = content();
    let mut server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url(&Route::Home.href())).await;
    until_kept(&browser).await;
    let read = &site.guides[0];
    browser.goto(&server.url(&Route::Service(read.id.clone()).href())).await;
    until_kept(&browser).await;
    let feedback = Route::Feedback.href_with(&[("window", "huji"), ("kind", "suggestion")]);
    browser.goto(&server.url(&feedback)).await;
    until_kept(&browser).await;

    server.go_offline().await;
    browser.goto(&server.url(&Route::Service(read.id.clone()).href())).await;
    browser.until_app_ready().await;
    assert_eq!(browser.text("main h1").await, read.title, "the guide read online");
    // The phone itself loses its signal: the page says so. (Chromium's emulation of that fails
    // navigations before the worker sees them, so the pages below are opened with the site
    // unreachable instead.)
    browser.offline(true).await;
    browser
        .until(
            "the page says it is offline",
            "return document.querySelector('#net-status').textContent.startsWith('离线浏览中')",
        )
        .await;
    browser.offline(false).await;
    let never_opened = site.guides.last().expect("a guide");
    browser.goto(&server.url(&Route::Service(never_opened.id.clone()).href())).await;
    browser.until_app_ready().await;
    assert_eq!(browser.text("main h1").await, never_opened.title, "a guide never opened online");
    browser.find(".material input").await.click().await.expect("tick");
    browser.client.refresh().await.expect("reload");
    browser.until_app_ready().await;
    browser
        .until("the tick is still there", "return document.querySelector('.material input').checked === true")
        .await;
    let window = &site.windows[0];
    browser.goto(&server.url(&Route::Window(window.id.clone()).href())).await;
    browser.until_app_ready().await;
    assert_eq!(browser.text("main h1").await, window.name, "a window page");
    let event = site.events.first().expect("a life event");
    browser.goto(&server.url(&Route::Event(event.id.clone()).href())).await;
    browser.until_app_ready().await;
    assert_eq!(browser.text("main h1").await, event.title, "a life event, never opened online");
    browser.find(".materials .material input").await.click().await.expect("tick on the event");
    browser
        .until(
            "the event's list counts it",
            "return document.querySelector('.progress').textContent.startsWith('已备 1/')",
        )
        .await;

    browser.goto(&server.url(&feedback)).await;
    browser.until_app_ready().await;
    browser
        .until("the form shows", "return document.querySelectorAll('input[name=rating]').length === 5")
        .await;
    browser.js("document.querySelectorAll('input[name=rating]')[0].click(); return true").await;
    browser.find("#f-text").await.send_keys("希望大厅地下层也有信号。").await.expect("type");
    browser.press("提交").await;
    browser
        .until("it waits in the outbox", "return localStorage.getItem('swg.outbox.feedback') !== null")
        .await;

    server.back_online().await;
    browser.js("window.dispatchEvent(new Event('online')); return true").await;
    browser.until("the outbox is sent", "return localStorage.getItem('swg.outbox.feedback') === null").await;
    browser.close().await;
    let stats: serde_json::Value =
        reqwest::get(server.url("/api/stats")).await.expect("get").json().await.expect("json");
    let huji =
        stats["windows"].as_array().and_then(|w| w.iter().find(|w| w["window"] == "huji")).expect("huji");
    assert_eq!(huji["ratings"], serde_json::json!([0, 0, 0, 0, 1]), "filed exactly once");
}

/// Replaces a file of the served site, dropping its pre-compressed copies.
fn replace(dist: &std::path::Path, file: &str, text: &str) {
    std::fs::write(dist.join(file), text).expect("write");
    for ext in ["br", "gz"] {
        let _ = std::fs::remove_file(dist.join(format!("{file}.{ext}")));
    }
}

#[tokio::test]
async fn after_a_new_deploy_the_next_visit_shows_the_new_content_and_says_so() {
    let site = content();
    let deployed = tempfile::tempdir().expect("temp dir");
    let dist = std::path::PathBuf::from(std::env::var("SWG_DIST").unwrap_or_else(|_| "dist".into()));
    copy(&dist, deployed.path());
    let served = deployed.path().to_path_buf();
    let server = Server::start_with(|c| c.dist = served).await;
    let guide = &site.guides[0];
    let page = Route::Service(guide.id.clone());
    let browser = Browser::open(true).await;
    browser.goto(&server.url(&page.href())).await;
    until_kept(&browser).await;

    let file = deployed.path().join(page.html_file());
    let html = std::fs::read_to_string(&file).expect("the page").replace(&guide.title, "新版指南标题");
    replace(deployed.path(), &page.html_file(), &html);
    let worker = std::fs::read_to_string(deployed.path().join("sw.js")).expect("sw.js");
    replace(deployed.path(), "sw.js", &worker.replacen("const VERSION = \"", "const VERSION = \"next-", 1));

    browser.goto(&server.url(&page.href())).await;
    browser.until_app_ready().await;
    assert_eq!(browser.text("main h1").await, "新版指南标题", "the new deploy's page");
    browser
        .until(
            "the page says it was updated",
            "return document.querySelector('#net-status').textContent === '内容已更新'",
        )
        .await;
    browser.close().await;
}

fn copy(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).expect("read dist").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
