//! Appointments and feedback in real Chromium at 375 px: book, see the code, look it up,
//! reschedule, cancel; file a complaint, see the tracking number and reply date, look it up.

use swg_tests::{id_number, phone, Browser, Server};

async fn fill(browser: &Browser, css: &str, text: &str) {
    browser.find(css).await.send_keys(text).await.expect("type");
}

async fn click(browser: &Browser, css: &str) {
    browser.find(css).await.click().await.expect("click");
}

/// Opens the feedback page at `path` once its rating levels are on screen.
async fn open_feedback(server: &Server, path: &str) -> Browser {
    let browser = Browser::open(true).await;
    browser.goto(&server.url(path)).await;
    browser.until_app_ready().await;
    browser
        .until(
            "five rating levels show",
            "return document.querySelectorAll('input[name=rating]').length === 5",
        )
        .await;
    browser
}

#[tokio::test]
async fn a_citizen_books_looks_up_reschedules_and_cancels() {
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url("/book/?window=huji&service=shenfenzheng-huanling")).await;
    browser.until_app_ready().await;
    browser.pick_free_slot("slot", false).await;
    browser.press("下一步：填写预约人").await;
    browser.until("the new step has the focus", "return document.activeElement?.id === 'booking-flow'").await;
    // The new step opens at its top, not where the button was.
    let top = browser.js("return document.getElementById('booking-flow').getBoundingClientRect().top").await;
    assert!(
        top.as_f64().is_some_and(|t| (-1.0..200.0).contains(&t)),
        "the step starts {top} px from the top"
    );
    // Back goes to the step before, with the slot still chosen, not away from the page.
    browser.js("history.back(); return true").await;
    browser
        .until("Back shows the first step", "return document.querySelector('#f-window') !== null && document.querySelector('input[name=slot]:checked') !== null")
        .await;
    assert!(browser.client.current_url().await.expect("url").path().ends_with("/book/"));
    browser.press("下一步：填写预约人").await;
    fill(&browser, "#f-name", "王小明").await;
    fill(&browser, "#f-phone", "1380013").await;
    fill(&browser, "#f-id_number", &id_number(1)).await;
    browser.press("下一步：核对").await;
    assert_eq!(
        browser.text("#e-phone").await,
        "手机号码应为 1 开头的 11 位数字；境外手机号请加国家或地区代码，例如 +852"
    );
    browser.until("the wrong field has the focus", "return document.activeElement?.id === 'f-phone'").await;
    browser.find("#f-phone").await.clear().await.expect("clear");
    fill(&browser, "#f-phone", &phone(1)).await;
    assert_eq!(
        browser.js("return document.querySelector('#f-name').value").await,
        "王小明",
        "typed values are kept"
    );
    browser.press("下一步：核对").await;
    browser
        .until(
            "the review shows the masked ID number",
            "return document.querySelector('main .facts')?.textContent.includes('**********')",
        )
        .await;
    // On a weak signal the button says the booking is on its way and cannot be pressed twice.
    browser.slow_network(1500).await;
    browser.press("确认预约").await;
    browser
        .until("the button says it is sending", "return [...document.querySelectorAll('main button')].some(b => b.disabled && b.textContent.includes('正在提交'))")
        .await;
    browser.until("the booking is confirmed", "return document.querySelector('.code') !== null").await;
    browser.slow_network(0).await;
    let code = browser.text(".code").await;
    assert_eq!(code.len(), 8);
    let page = browser.text("main").await;
    assert!(page.contains("请带齐这些材料") && page.contains("139****0001"), "{page}");
    assert!(page.contains("窗口电话") && page.contains("上门服务"), "{page}");
    assert!(browser
        .find("a[download$='.ics']")
        .await
        .attr("href")
        .await
        .expect("attr")
        .is_some_and(|h| h.starts_with("data:text/calendar")));

    // After a reload the confirmation can be found again on this device.
    browser.goto(&server.url("/book/")).await;
    browser.until_app_ready().await;
    browser
        .until(
            "the booking is kept on the device",
            &format!(
                "return document.querySelector('section.saved')?.textContent.includes('{code}') === true"
            ),
        )
        .await;
    browser.goto(&server.url("/book/manage/")).await;
    browser.until_app_ready().await;
    // A lost code is found again with the phone and the ID number.
    browser.js("document.querySelector('details.saved')?.setAttribute('open', ''); return true").await;
    fill(&browser, "#r-phone", &phone(1)).await;
    fill(&browser, "#r-id_number", &id_number(1)).await;
    browser.press("找回预约").await;
    browser
        .until(
            "the lost code is found",
            &format!(
                "return document.querySelector('details.saved ul')?.textContent.includes('{code}') === true"
            ),
        )
        .await;
    // The found code is looked up at once.
    browser.press(&format!("查询 {code}")).await;
    browser.until("the booking shows", "return document.querySelector('main .facts') !== null && document.querySelector('main .facts').textContent.includes('已预约')").await;
    let before = browser.text("main .facts").await;

    let calendar_before = browser.find("a[download$='.ics']").await.attr("href").await.expect("attr");
    browser.press("改约").await;
    browser
        .until("the slot held now is marked", "return [...document.querySelectorAll('.slot.held')].some(s => s.textContent.includes('您现在的时段'))")
        .await;
    browser.pick_free_slot("new-slot", true).await;
    browser.press("确认改约").await;
    browser
        .until(
            "the move is confirmed",
            "return document.querySelector('main .notice')?.textContent === '已改约。'",
        )
        .await;
    assert_ne!(browser.text("main .facts").await, before);
    let calendar_after = browser.find("a[download$='.ics']").await.attr("href").await.expect("attr");
    assert!(
        calendar_after.is_some() && calendar_after != calendar_before,
        "a new calendar file for the new time"
    );

    browser.press("取消预约").await;
    browser
        .until(
            "cancelling asks first",
            "return document.querySelector('[role=alertdialog]')?.textContent.includes('确定取消') === true",
        )
        .await;
    browser
        .until("the question has the focus", "return document.activeElement?.id === 'confirm-cancel'")
        .await;
    browser.press("不取消").await;
    browser
        .until("focus returns to 取消预约", "return document.activeElement?.id === 'cancel-booking'")
        .await;
    assert!(browser.text("main .facts").await.contains("已预约"), "nothing cancelled yet");
    browser.press("取消预约").await;
    browser.press("确定取消").await;
    browser
        .until(
            "the cancellation is confirmed",
            "return document.querySelector('main .facts')?.textContent.includes('已取消')",
        )
        .await;
    browser.until("the answer has the focus", "return document.activeElement?.id === 'manage-answer'").await;
    // A cancelled booking leaves the device's list.
    let saved = browser.js("return document.querySelector('section.saved')?.textContent ?? ''").await;
    assert!(!saved.as_str().unwrap_or_default().contains(&code), "{saved}");
    browser.close().await;
}

#[tokio::test]
async fn on_a_busy_day_a_slow_phone_books_after_an_invisible_proof_of_work() {
    // Every booking is under pressure (one signal), with the shipped amount of work, on a CPU four times
    // slower than this machine's.
    let shipped = swg_server::Config::load(&swg_tests::server_toml()).expect("server.toml").work_max_number;
    let server = Server::start_with(|c| {
        c.max_bookings_per_phone = 0;
        c.work_max_number = shipped;
    })
    .await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url("/book/?window=huji&service=shenfenzheng-huanling")).await;
    browser.until_app_ready().await;
    browser.throttle_cpu(4.0).await;
    browser.pick_free_slot("slot", false).await;
    browser.press("下一步：填写预约人").await;
    fill(&browser, "#f-name", "王小明").await;
    fill(&browser, "#f-phone", &phone(2)).await;
    fill(&browser, "#f-id_number", &id_number(2)).await;
    browser.press("下一步：核对").await;
    let started = std::time::Instant::now();
    browser.press("确认预约").await;
    browser
        .until("the booking code shows", "return document.querySelector('.code')?.textContent.length === 8")
        .await;
    let waited = started.elapsed();
    let page = browser.text("main").await;
    assert!(!page.contains("请稍候") && !page.contains("没有成功"), "nothing asked of the citizen: {page}");
    eprintln!(
        "proof of work at 4x CPU slowdown (up to {shipped} hashes): booked {:.2} s after pressing 确认预约",
        waited.as_secs_f64()
    );
    browser.close().await;
}

#[tokio::test]
async fn a_citizen_files_a_complaint_and_looks_it_up_by_tracking_number() {
    let server = Server::start().await;
    let browser = open_feedback(&server, "/feedback/?window=huji").await;
    // The levels run 非常满意 … 非常不满意; the fourth is 不满意, which asks what went wrong.
    browser.js("document.querySelectorAll('input[name=rating]')[3].click(); return true").await;
    fill(&browser, "#f-what_went_wrong", "材料没有一次说清").await;
    fill(&browser, "#f-text", "第一次去没有告诉我要带户口簿。").await;
    fill(&browser, "#f-phone", &phone(77)).await;
    browser.press("提交").await;
    browser.until("consent is asked for", "return document.querySelector('main').textContent.includes('请勾选同意我们通过这个手机号与您联系')").await;
    browser
        .until("the field to correct has the focus", "return document.activeElement?.id === 'f-consent'")
        .await;
    click(&browser, "input[name=consent]").await;
    browser.press("提交").await;
    let tracking = browser.text(".code").await;
    assert!(tracking.starts_with('F'), "{tracking}");
    let receipt = browser.text(".done-box").await;
    assert!(receipt.contains("前答复您") && receipt.contains("自受理次日起算"), "{receipt}");

    browser.goto(&server.url("/feedback/track/")).await;
    browser.until_app_ready().await;
    fill(&browser, "#f-tracking", &tracking).await;
    fill(&browser, "#f-phone", &phone(77)).await;
    browser.press("查询").await;
    browser
        .until(
            "the status shows",
            "return document.querySelector('main .facts')?.textContent.includes('已受理')",
        )
        .await;
    browser.close().await;
}

#[tokio::test]
async fn a_submission_made_offline_waits_in_the_outbox_and_is_filed_once_when_back_online() {
    let server = Server::start().await;
    let browser = open_feedback(&server, "/feedback/?window=huji&kind=suggestion").await;
    browser.js("document.querySelectorAll('input[name=rating]')[0].click(); return true").await;
    fill(&browser, "#f-text", "希望增加周六上午的户籍窗口。").await;

    browser.offline(true).await;
    browser.press("提交").await;
    browser
        .until(
            "the citizen is told it is saved",
            "return document.querySelector('main').textContent.includes('网络不通，已保存在本机')",
        )
        .await;
    assert_eq!(browser.js("return localStorage.getItem('swg.outbox.feedback') !== null").await, true);

    browser.offline(false).await;
    browser.js("window.dispatchEvent(new Event('online')); return true").await;
    let tracking = browser.text(".code").await;
    assert!(tracking.starts_with('F'), "{tracking}");
    assert_eq!(
        browser.js("return localStorage.getItem('swg.outbox.feedback')").await,
        serde_json::Value::Null
    );
    browser.close().await;

    let stats: serde_json::Value =
        reqwest::get(server.url("/api/stats")).await.expect("get").json().await.expect("json");
    let huji = stats["windows"]
        .as_array()
        .and_then(|w| w.iter().find(|w| w["window"] == "huji"))
        .expect("huji")
        .clone();
    assert_eq!(huji["ratings"], serde_json::json!([0, 0, 0, 0, 1]), "filed exactly once");
}

#[tokio::test]
async fn without_javascript_a_citizen_books_from_exactly_the_slots_the_api_offers() {
    let server = Server::start().await;
    let app = swg_tests::App::of(&server);
    let (_, api) = app.get_json(&format!("{}?window=huji", swg_model::api::path::AVAILABILITY)).await;
    let api: swg_model::api::Availability = serde_json::from_value(api).expect("availability");
    let expected: Vec<String> =
        api.days.iter().flat_map(|d| d.slots.iter().map(move |s| format!("{}|{}", d.day, s.start))).collect();
    let browser = Browser::open(false).await;
    browser.goto(&server.url("/book/")).await;
    browser.js("document.querySelector('#p-window').value = 'huji'; return true").await;
    browser.click_to_next_page(browser.find("main form button[type=submit]").await).await;
    browser
        .until("the server's booking form", "return document.querySelectorAll('input[name=when]').length > 0")
        .await;
    let offered: Vec<String> = serde_json::from_value(
        browser.js("return [...document.querySelectorAll('input[name=when]')].map(r => r.value)").await,
    )
    .expect("values");
    assert_eq!(offered, expected, "the same days and slots as the API, none invented");
    assert!(offered.iter().any(|v| v.ends_with("|12:30")), "the staffed lunch hour is offered");
    assert_eq!(
        browser.js("return document.querySelector('#p-service').value").await,
        "",
        "no service is chosen for the citizen"
    );
    browser.js("document.querySelector('#p-service').value = 'shenfenzheng-huanling'; return true").await;
    browser.js("document.querySelector('input[name=when]:not([disabled])').click(); return true").await;
    fill(&browser, "#p-name", "王小明").await;
    fill(&browser, "#p-phone", &phone(5)).await;
    fill(&browser, "#p-id_number", &id_number(5)).await;
    browser.find("main form button[type=submit]").await.click().await.expect("book");
    browser
        .until("the confirmation", "return document.querySelector('h1')?.textContent === '预约成功'")
        .await;
    browser.close().await;
}

#[tokio::test]
async fn a_foreign_resident_books_with_a_passport_and_a_phone_from_abroad() {
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url("/book/?window=churujing&service=waiguoren-tingjuliu")).await;
    browser.until_app_ready().await;
    browser.pick_free_slot("slot", false).await;
    browser.press("下一步：填写预约人").await;
    fill(&browser, "#f-name", "Anna Lee").await;
    fill(&browser, "#f-phone", "+852 9123 4567").await;
    browser
        .js("const s = document.querySelector('#f-id_kind'); s.value = 'passport'; s.dispatchEvent(new Event('change')); return true")
        .await;
    browser
        .until(
            "the hint speaks of passports",
            "return document.querySelector('#f-id_number')?.parentElement.textContent.includes('护照号码')",
        )
        .await;
    fill(&browser, "#f-id_number", "ABCDE").await;
    browser.press("下一步：核对").await;
    browser
        .until(
            "a wrong passport number is refused",
            "return document.querySelector('#e-id_number')?.textContent.includes('护照号码格式不对')",
        )
        .await;
    browser.find("#f-id_number").await.clear().await.expect("clear");
    fill(&browser, "#f-id_number", "E12345678").await;
    browser.press("下一步：核对").await;
    browser
        .until(
            "the review shows the passport",
            "return document.querySelector('main .facts')?.textContent.includes('护照 E1*****78')",
        )
        .await;
    browser.press("确认预约").await;
    browser
        .until("the booking code shows", "return document.querySelector('.code')?.textContent.length === 8")
        .await;
    let page = browser.text("main").await;
    assert!(
        page.contains("A******e") && page.contains("+852****4567") && page.contains("护照 E1*****78"),
        "{page}"
    );
    browser.close().await;
}

#[tokio::test]
async fn without_javascript_a_guides_booking_link_opens_the_form_with_window_and_service_chosen() {
    let server = Server::start().await;
    let browser = Browser::open(false).await;
    browser.goto(&server.url("/services/shenfenzheng-huanling/")).await;
    browser
        .until("the visible 预约办理 link is followed", "const a = [...document.querySelectorAll('a.button')].find(a => a.textContent === '预约办理' && a.offsetParent !== null); if (a) { a.click(); return true } return false")
        .await;
    browser
        .until("the server's booking form", "return document.querySelectorAll('input[name=when]').length > 0")
        .await;
    assert_eq!(
        browser.js("return document.querySelector('#p-service').value").await,
        "shenfenzheng-huanling"
    );
    assert_eq!(browser.js("return document.querySelector('input[name=window]').value").await, "huji");
    browser.close().await;
}

#[tokio::test]
async fn the_confirmations_rating_link_opens_a_rating_and_a_low_one_promises_a_fix() {
    let server = Server::start().await;
    let browser =
        open_feedback(&server, "/feedback/?kind=rating&window=huji&service=shenfenzheng-huanling").await;
    assert_eq!(
        browser
            .js("return document.querySelector('input[name=kind]:checked')?.parentElement.textContent")
            .await,
        "评价"
    );
    // Sent without a score: the question itself says what is missing.
    browser.press("提交").await;
    browser
        .until(
            "the rating question asks for a score",
            "return [...document.querySelectorAll('fieldset')].some(f => f.querySelector('input[name=rating]') && f.querySelector('.field-error')?.textContent.includes('五个等级'))",
        )
        .await;
    browser.js("document.querySelectorAll('input[name=rating]')[4].click(); return true").await;
    browser
        .until(
            "a low rating asks what went wrong",
            "return document.querySelector('#f-what_went_wrong') !== null",
        )
        .await;
    assert_eq!(
        browser.js("return document.querySelector('label[for=f-text]').textContent").await,
        "还想说的（可不填）"
    );
    fill(&browser, "#f-what_went_wrong", "材料清单和窗口说的不一样").await;
    browser.press("提交").await;
    browser
        .until(
            "the receipt promises a fix",
            "return document.querySelector('.done-box')?.textContent.includes('这是差评') === true",
        )
        .await;
    browser.close().await;
}

#[tokio::test]
async fn a_booking_saved_on_the_device_can_be_removed_from_it_and_its_code_filled_into_the_look_up() {
    let server = Server::start().await;
    let app = swg_tests::App::of(&server);
    let (day, slot, _) = swg_tests::open_slots(&app).await[0].clone();
    let (_, booked) =
        app.post_json(swg_model::api::path::BOOKINGS, &swg_tests::booking_json(&day, &slot, 41)).await;
    let code = booked["code"].as_str().expect("code").to_owned();
    let browser = Browser::open(true).await;
    browser.goto(&server.url("/book/manage/")).await;
    browser.until_app_ready().await;
    let saved = serde_json::to_string(&serde_json::json!([booked])).expect("json");
    browser.js(&format!("localStorage.setItem('swg.bookings', {saved:?}); return true")).await;
    browser.client.refresh().await.expect("reload");
    browser.until_app_ready().await;
    browser.press(&format!("填入预约码 {code}")).await;
    browser
        .until(
            "the code is filled in",
            &format!("return document.querySelector('#f-code')?.value === '{code}'"),
        )
        .await;
    browser.until("the phone field has the focus", "return document.activeElement?.id === 'f-phone'").await;
    browser.press("从本机删除").await;
    browser.until("the list is gone", "return document.querySelector('section.saved') === null").await;
    browser.client.refresh().await.expect("reload");
    browser.until_app_ready().await;
    assert_eq!(browser.js("return document.querySelector('section.saved') === null").await, true);
    browser.close().await;
}

#[tokio::test]
async fn an_anonymous_low_rating_is_never_promised_a_call_back_on_its_track_page() {
    let server = Server::start().await;
    let app = swg_tests::App::of(&server);
    let rating = serde_json::json!({ "idempotency_key": "anonymous-low", "kind": "rating", "window": "huji", "text": "",
        "phone": "", "consent": false, "rating": 1, "what_went_wrong": "态度不好" });
    let (status, receipt) = app.post_json(swg_model::api::path::FEEDBACK, &rating).await;
    assert_eq!(status, http::StatusCode::CREATED, "{receipt}");
    let (tracking, secret) =
        (receipt["tracking"].as_str().expect("tracking"), receipt["secret"].as_str().expect("查询码"));
    let browser = Browser::open(true).await;
    browser.goto(&server.url("/feedback/track/")).await;
    browser.until_app_ready().await;
    fill(&browser, "#f-tracking", tracking).await;
    fill(&browser, "#f-phone", secret).await;
    browser.press("查询").await;
    browser
        .until(
            "the rectification shows",
            "return document.querySelector('main').textContent.includes('差评整改')",
        )
        .await;
    let page = browser.text("main").await;
    assert!(page.contains("没留手机号，不电话回访"), "{page}");
    assert!(!page.contains("前电话回访"), "no call-back date is promised: {page}");
    browser.close().await;
}

/// Presses the submit button whose text is exactly `label` in a page without JavaScript.
async fn submit(browser: &Browser, label: &str) {
    for button in browser.all("main button[type=submit]").await {
        if button.text().await.expect("text") == label {
            browser.click_to_next_page(button).await;
            return;
        }
    }
    panic!("no button {label}");
}

#[tokio::test]
async fn without_javascript_a_citizen_looks_up_a_booking_and_cancels_it_after_being_asked() {
    let server = Server::start().await;
    let app = swg_tests::App::of(&server);
    let (day, slot, _) = swg_tests::open_slots(&app).await[0].clone();
    let (_, booked) =
        app.post_json(swg_model::api::path::BOOKINGS, &swg_tests::booking_json(&day, &slot, 51)).await;
    let code = booked["code"].as_str().expect("code").to_owned();
    let browser = Browser::open(false).await;
    browser.goto(&server.url("/book/manage/")).await;
    fill(&browser, "#p-code", &code).await;
    fill(&browser, "#p-phone", &phone(52)).await;
    submit(&browser, "查询").await;
    assert_eq!(browser.text("h1").await, "提交没有成功", "a wrong phone finds nothing");

    browser.goto(&server.url("/book/manage/")).await;
    fill(&browser, "#p-code", &code.to_lowercase()).await;
    fill(&browser, "#p-phone", &phone(51)).await;
    submit(&browser, "查询").await;
    assert_eq!(browser.text("h1").await, "您的预约");
    assert!(browser.text(".facts").await.contains("已预约"));
    submit(&browser, "取消预约").await;
    assert_eq!(browser.text("h1").await, "确定取消这个预约吗？");
    submit(&browser, "不取消，返回").await;
    assert!(browser.text(".facts").await.contains("已预约"), "nothing cancelled");
    submit(&browser, "取消预约").await;
    submit(&browser, "确定取消").await;
    assert_eq!(browser.text("h1").await, "预约已取消");
    assert!(browser.text(".facts").await.contains("已取消"));
    browser.close().await;
    let (_, found) = app
        .post_json(
            swg_model::api::path::BOOKING_LOOKUP,
            &serde_json::json!({ "code": code, "phone": phone(51) }),
        )
        .await;
    assert_eq!(found["status"], "cancelled");
}

#[tokio::test]
async fn without_javascript_a_citizen_tracks_feedback_by_tracking_number_and_phone() {
    let server = Server::start().await;
    let app = swg_tests::App::of(&server);
    let complaint = serde_json::json!({ "idempotency_key": "plain-track", "kind": "complaint", "window": "huji",
        "text": "窗口没有一次说清材料。", "phone": phone(53), "consent": true, "rating": 0, "what_went_wrong": "" });
    let (status, receipt) = app.post_json(swg_model::api::path::FEEDBACK, &complaint).await;
    assert_eq!(status, http::StatusCode::CREATED, "{receipt}");
    let tracking = receipt["tracking"].as_str().expect("tracking").to_owned();
    let browser = Browser::open(false).await;
    browser.goto(&server.url("/feedback/track/")).await;
    fill(&browser, "#p-tracking", &tracking.replace('-', "")).await;
    fill(&browser, "#p-phone", &phone(53)).await;
    submit(&browser, "查询").await;
    assert_eq!(browser.text("h1").await, "投诉办理进度");
    let facts = browser.text(".facts").await;
    assert!(facts.contains(&tracking) && facts.contains("尚未答复"), "{facts}");
    browser.close().await;
}
