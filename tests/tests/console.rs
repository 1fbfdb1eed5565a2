//! The staff console in real Chromium: an account made by `swg-server staff add` signs in,
//! marks a booking done, answers a complaint and closes its 差评 case; the citizen's look-ups
//! then show the status, the reply and the outcome, and the public figures count it all.

use serde_json::json;
use swg_model::api::path as api;
use swg_model::staff::{day_href, path};
use swg_tests::{booking_json, open_slots, phone, server_binary, App, Browser, Server, WINDOW};

async fn fill(browser: &Browser, css: &str, text: &str) {
    browser.find(css).await.send_keys(text).await.expect("type");
}

async fn until_text(browser: &Browser, what: &str, text: &str) {
    let script = format!("return document.querySelector('main')?.textContent.includes({text:?}) === true");
    browser.until(what, &script).await;
}

/// Runs `swg-server staff add` against the test server's database; the one-time password.
fn add_staff(server: &Server) -> String {
    let output = std::process::Command::new(server_binary())
        .args(["staff", "add", "zhang", "--name", "张警官", "--role", "window", "--windows", WINDOW])
        .args(["--config", &swg_tests::server_toml().to_string_lossy()])
        .env("SWG_DATABASE_URL", &server.state.config.database_url)
        .env("SWG_CONTENT", swg_tests::content_dir())
        .output()
        .expect("swg-server staff add");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{text}{}", String::from_utf8_lossy(&output.stderr));
    text.lines().last().expect("the password line").trim().to_owned()
}

#[tokio::test]
async fn a_staff_member_marks_answers_and_rectifies_and_the_citizen_and_the_figures_see_it() {
    let server = Server::start().await;
    let app = App::of(&server);
    let (day, slot, _) = open_slots(&app).await[0].clone();
    let (_, booked) = app.post_json(api::BOOKINGS, &booking_json(&day, &slot, 21)).await;
    let code = booked["code"].as_str().expect("a booking").to_owned();
    // The booking's day has come: a window marks bookings on the day.
    let day = swg_model::calendar::Date::from_unix_china(swg_server::db::now()).to_string();
    sqlx::query("UPDATE bookings SET day = $1 WHERE code = $2")
        .bind(&day)
        .bind(&code)
        .execute(&server.state.pool)
        .await
        .expect("today");
    let complaint = json!({ "idempotency_key": "console-complaint", "kind": "complaint", "window": WINDOW, "text": "材料没有一次说清，跑了两趟。",
        "phone": phone(22), "consent": true, "rating": 1, "what_went_wrong": "没有一次性告知" });
    let (_, receipt) = app.post_json(api::FEEDBACK, &complaint).await;
    let tracking = receipt["tracking"].as_str().expect("a tracking number").to_owned();
    let once = add_staff(&server);

    let browser = Browser::open(true).await;
    browser.goto(&server.url(path::HOME)).await;
    fill(&browser, "#s-username", "zhang").await;
    fill(&browser, "#s-password", &once).await;
    browser.press("登录").await;
    until_text(&browser, "the one-time password must be replaced", "一次性密码").await;
    fill(&browser, "#s-current", &once).await;
    fill(&browser, "#s-new", swg_tests::password(1)).await;
    fill(&browser, "#s-again", swg_tests::password(1)).await;
    browser.press("保存新密码").await;
    until_text(&browser, "the console's start", "待接收的转交").await;

    let day_date = swg_model::calendar::Date::parse(&day).expect("a day");
    browser.goto(&server.url(&day_href(WINDOW, day_date))).await;
    until_text(&browser, "the day list shows the booking", &code).await;
    browser.press("已办理").await;
    browser
        .until("the row says done", "return [...document.querySelectorAll('.console-table td')].some(td => td.textContent === '状态：已办理' && !td.querySelector('button'))")
        .await;

    browser.goto(&server.url(path::INBOX)).await;
    until_text(&browser, "the complaint is in the inbox", &tracking).await;
    browser.find(&format!("a[href$='{tracking}']")).await.click().await.expect("open");
    until_text(&browser, "the complaint opens", "没有一次说清").await;
    fill(&browser, "#s-reply", "已要求窗口按清单一次性告知，向您致歉。").await;
    browser.press("保存答复").await;
    until_text(&browser, "the reply is saved", "答复已保存").await;
    browser.press("显示完整电话（回访用，会记录）").await;
    until_text(&browser, "the full number to call back", &phone(22)).await;
    browser.find("input[name=contacted]").await.click().await.expect("contacted");
    fill(&browser, "#s-finding", "情况属实").await;
    fill(&browser, "#s-fix", "窗口张贴一次性告知清单").await;
    browser.find("input[name=close]").await.click().await.expect("close");
    browser.press("保存整改记录").await;
    until_text(&browser, "the case is closed", "整改办结").await;

    browser.goto(&server.url("/book/manage/")).await;
    browser.until_app_ready().await;
    fill(&browser, "#f-code", &code).await;
    fill(&browser, "#f-phone", &phone(21)).await;
    browser.press("查询").await;
    until_text(&browser, "the citizen sees the booking was served", "已办理").await;

    browser.goto(&server.url("/feedback/track/")).await;
    browser.until_app_ready().await;
    fill(&browser, "#f-tracking", &tracking).await;
    fill(&browser, "#f-phone", &phone(22)).await;
    browser.press("查询").await;
    until_text(&browser, "the citizen sees the reply", "已要求窗口按清单一次性告知").await;
    until_text(&browser, "and the fix", "窗口张贴一次性告知清单").await;
    browser
        .until("a level is chosen", "const r = [...document.querySelectorAll('input[name=fix-rating]')]; if (r.length === 5) { r[0].click(); return true } return false")
        .await;
    browser.press("提交评价").await;
    until_text(&browser, "the rating is taken once", "您已评价整改").await;

    browser.goto(&server.url("/stats/")).await;
    browser.until_app_ready().await;
    until_text(&browser, "the monthly figures show", "每月办理情况").await;
    let month = browser.text("table.stats:last-of-type tbody tr").await;
    assert!(month.contains("派出所户籍窗口") && month.contains("1/1"), "{month}");
    browser.close().await;
}
