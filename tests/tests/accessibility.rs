//! axe-core in real Chromium at 375 px: no WCAG 2.x A/AA or best-practice violations on every kind of page.

use swg_tests::{Browser, Server};

async fn violations(browser: &Browser) -> Vec<String> {
    violations_with(browser, &[]).await
}

/// The violations of WCAG 2.x A/AA and best practice, and of the extra rules named.
async fn violations_with(browser: &Browser, extra_rules: &[&str]) -> Vec<String> {
    let axe = std::fs::read_to_string(std::env::var("SWG_AXE").expect("SWG_AXE: run `cargo xtask test`"))
        .expect("axe.min.js");
    browser.js(&format!("{axe}\nreturn true")).await;
    let result = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const rules = Object.fromEntries(arguments[0].map(r => [r, { enabled: true }]));
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, rules })
                .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                .catch(e => done(['axe failed: ' + e]));",
            vec![serde_json::json!(extra_rules)],
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
        "/services/hukou-qianru/",
        "/events/xinshenger/",
        "/events/kuashi-qianhu/",
        "/pledges/zhengming-chengnuo/",
        "/search/",
        "/book/",
        "/feedback/",
        "/book/manage/",
        "/stats/",
        "/404.html",
        "/en/",
        "/en/windows/churujing/",
        "/en/services/huzhao-shouci/",
        "/en/services/waiguoren-tingjuliu/",
        "/en/search/?q=passport",
        "/en/book/?window=churujing",
        "/en/feedback/",
        "/en/book/manage/",
        "/en/feedback/track/",
    ] {
        browser.goto(&server.url(path)).await;
        browser.until_app_ready().await;
        let found = violations(&browser).await;
        assert!(found.is_empty(), "{path}: {found:#?}");
    }
    browser.close().await;
}

/// The staff console, signed in as an administrator with a booking, a 差评 and its case on
/// record: every page, at 375 px.
#[tokio::test]
async fn the_staff_console_has_no_axe_violations() {
    use swg_model::staff::{day_href, feedback_href, href, path, StaffRole};
    let server = Server::start().await;
    let app = swg_tests::App::of(&server);
    let (day, slot, _) = swg_tests::open_slots(&app).await[0].clone();
    app.post_json(swg_model::api::path::BOOKINGS, &swg_tests::booking_json(&day, &slot, 31)).await;
    let complaint = serde_json::json!({ "idempotency_key": "axe-complaint", "kind": "complaint", "window": "huji", "text": "等了很久。",
        "phone": swg_tests::phone(32), "consent": true, "rating": 2, "what_went_wrong": "等候太久" });
    let (_, receipt) = app.post_json(swg_model::api::path::FEEDBACK, &complaint).await;
    let tracking = receipt["tracking"].as_str().expect("tracking").to_owned();
    let once = swg_server::staff::accounts::add(&server.state.pool, "axe", "测试员", StaffRole::Admin, &[])
        .await
        .expect("account");
    let browser = Browser::open(true).await;
    browser.goto(&server.url(path::HOME)).await;
    let found = violations(&browser).await;
    assert!(found.is_empty(), "sign-in: {found:#?}");
    browser.find("#s-username").await.send_keys("axe").await.expect("type");
    browser.find("#s-password").await.send_keys(&once).await.expect("type");
    browser.find("main button[type=submit]").await.click().await.expect("sign in");
    browser.until("the password page", "return document.querySelector('#s-new') !== null").await;
    let found = violations(&browser).await;
    assert!(found.is_empty(), "password: {found:#?}");
    browser.find("#s-current").await.send_keys(&once).await.expect("type");
    browser.find("#s-new").await.send_keys(swg_tests::password(0)).await.expect("type");
    browser.find("#s-again").await.send_keys(swg_tests::password(0)).await.expect("type");
    browser.find("form[action$='/staff/password'] button").await.click().await.expect("save");
    browser.until("the console's start", "return document.querySelector('.console-bar') !== null && document.querySelector('#s-new') === null").await;
    let day = swg_model::calendar::Date::parse(&day).expect("day");
    for page in [
        href(path::HOME),
        day_href("huji", day),
        href(path::INBOX),
        feedback_href(&tracking),
        href(path::CASES),
        href(path::AUDIT),
        href(path::ACCOUNTS),
    ] {
        browser.goto(&server.url(&page)).await;
        browser.until("a console page", "return document.querySelector('.console-bar') !== null").await;
        let found = violations(&browser).await;
        assert!(found.is_empty(), "{page}: {found:#?}");
    }
    browser.close().await;
}

/// The server's answer pages carry no script, so they render the same with JavaScript off; the
/// page is written into a blank tab as the server sent it, then checked.
#[tokio::test]
async fn the_servers_answer_pages_have_no_axe_violations() {
    let server = Server::start().await;
    let client = reqwest::Client::new();
    let refused = client
        .post(server.url(swg_model::api::path::FORM_FEEDBACK))
        .form(&[("kind", "complaint"), ("phone", "12")])
        .send()
        .await
        .expect("post");
    let suggestion = [("kind", "suggestion"), ("window", "huji"), ("text", "希望周六也能办理。")];
    let filed = client
        .post(server.url(swg_model::api::path::FORM_FEEDBACK))
        .form(&suggestion)
        .send()
        .await
        .expect("post");
    assert_eq!(filed.status(), reqwest::StatusCode::OK);
    let browser = Browser::open(true).await;
    for (name, response) in [("error page", refused), ("confirmation", filed)] {
        let html = response.text().await.expect("html");
        // No app: only the inline script that keeps 长辈版 as the citizen left it.
        assert_eq!(html.matches("<script").count(), 1, "{name} carries no app");
        assert!(html.contains("swg.care"), "{name} keeps 长辈版");
        browser.goto(&server.url("/404.html")).await;
        browser.until_app_ready().await;
        let written = serde_json::to_string(&html).expect("a JS string");
        browser
            .js(&format!("document.open(); document.write({written}); document.close(); return true"))
            .await;
        let found = violations(&browser).await;
        assert!(found.is_empty(), "{name}: {found:#?}");
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

/// Every visible tap target shorter or narrower than `min` px, by its text.
async fn small_targets(browser: &Browser, min: u32) -> Vec<String> {
    let script = format!(
        "return [...document.querySelectorAll('a:not(.skip), button, select, summary, input:not([type=radio]):not([type=checkbox]):not([type=hidden]), label.choice, .material label')]
           .filter(e => e.offsetParent !== null && !e.closest('.hp'))
           .filter(e => {{ const r = e.getBoundingClientRect(); return r.height < {min} - 0.5 || r.width < {min} - 0.5; }})
           .map(e => e.tagName + ' ' + (e.textContent || e.id).trim().slice(0, 30))"
    );
    serde_json::from_value(browser.js(&script).await).expect("a list")
}

#[tokio::test]
async fn the_elderly_mode_is_one_switch_with_20_px_text_60_px_targets_and_7_to_1_contrast_and_it_stays() {
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url("/")).await;
    browser.until_app_ready().await;
    let px = |css: &str, property: &str| {
        format!("return parseFloat(getComputedStyle(document.querySelector('{css}')).{property})")
    };
    assert!(
        browser.js(&px("body", "fontSize")).await.as_f64().is_some_and(|s| s < 20.0),
        "normal mode first"
    );
    browser.find(".care-toggle").await.click().await.expect("switch");
    assert_eq!(browser.js("return document.documentElement.classList.contains('care')").await, true);
    assert_eq!(browser.text(".care-toggle").await, "标准版");
    browser.client.refresh().await.expect("reload");
    browser.until_app_ready().await;
    assert_eq!(
        browser.js("return document.documentElement.classList.contains('care')").await,
        true,
        "it stays after a reload"
    );
    for path in [
        "/",
        "/windows/huji/",
        "/services/shenfenzheng-buling/",
        "/search/?q=身份证",
        "/book/?window=huji&service=shenfenzheng-huanling",
        "/feedback/",
        "/book/manage/",
        "/feedback/track/",
        "/stats/",
        "/changes/",
        "/events/xinshenger/",
        "/pledges/zhengming-chengnuo/",
        "/en/",
        "/en/services/huzhao-shouci/",
    ] {
        browser.goto(&server.url(path)).await;
        browser.until_app_ready().await;
        if path.starts_with("/book/?") {
            browser.until("the slots show", "const d = document.querySelector('details.day'); if (d) { d.open = true; return true } return false").await;
        }
        assert!(
            browser.js(&px("body", "fontSize")).await.as_f64().is_some_and(|s| s >= 20.0),
            "{path}: 20 px text"
        );
        assert!(
            browser.js("const s = getComputedStyle(document.body); return parseFloat(s.lineHeight) / parseFloat(s.fontSize)").await.as_f64().is_some_and(|r| r >= 1.5),
            "{path}: line height"
        );
        let small = small_targets(&browser, 60).await;
        assert!(small.is_empty(), "{path}: tap targets under 60 px: {small:#?}");
        let found = violations_with(&browser, &["color-contrast-enhanced"]).await;
        assert!(found.is_empty(), "{path} in 长辈版: {found:#?}");
    }
    browser.close().await;
}
