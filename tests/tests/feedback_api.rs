//! Feedback (意见箱) through the server's router, on a real database (SQLite; PostgreSQL when
//! SWG_TEST_DATABASE_URL names one): tracking numbers, reply dates, the rules of each kind, and
//! the published figures.

use axum::http::StatusCode;
use serde_json::{json, Value};
use swg_model::api::{path, FeedbackReceipt};
use swg_server::personal::Purpose;
use swg_tests::{key, phone, App};

const WINDOW: &str = "huji";
const SERVICE: &str = "shenfenzheng-huanling";

async fn post(app: &App, path: &str, body: &Value) -> (StatusCode, Value) {
    app.post_json(path, body).await
}

fn complaint(n: u32) -> Value {
    json!({
        "idempotency_key": key("fb", n), "kind": "complaint", "window": WINDOW, "service": SERVICE,
        "text": "窗口工作人员让我跑了两趟。", "phone": phone(n), "consent": true, "rating": 2,
        "what_went_wrong": "没有一次性告知材料",
    })
}

#[tokio::test]
async fn a_complaint_gets_a_tracking_number_and_a_reply_date_three_working_days_out() {
    let server = App::start().await;
    let (status, body) = post(&server, path::FEEDBACK, &complaint(20)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let receipt: FeedbackReceipt = serde_json::from_value(body).expect("receipt");
    assert!(receipt.tracking.starts_with('F'));
    let (due, _) = swg_tests::content().calendar.add_working_days(receipt.filed_on, 3);
    assert_eq!(receipt.due_on, Some(due));
    assert!(receipt.rule.as_deref().is_some_and(|r| r.contains("自受理次日起算")));
    assert_eq!(receipt.phone, "139****0020");

    let (same, again) = post(&server, path::FEEDBACK, &complaint(20)).await;
    assert_eq!(same, StatusCode::OK);
    assert_eq!(again["tracking"], receipt.tracking.as_str());

    let (found, status_body) =
        post(&server, path::FEEDBACK_LOOKUP, &json!({ "tracking": receipt.tracking, "phone": phone(20) }))
            .await;
    assert_eq!(found, StatusCode::OK);
    assert_eq!(status_body["status"], "received");
    // Typed as people type it: without the dash, in lower case, in full-width digits.
    let full_width = |text: &str| -> String {
        text.chars()
            .map(|c| if c.is_ascii_digit() { char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c) } else { c })
            .collect()
    };
    let typed = full_width(&receipt.tracking.replace('-', "").to_lowercase());
    let (found, again) =
        post(&server, path::FEEDBACK_LOOKUP, &json!({ "tracking": typed, "phone": full_width(&phone(20)) }))
            .await;
    assert_eq!(found, StatusCode::OK, "{typed}: {again}");
    assert_eq!(again["tracking"], receipt.tracking.as_str());
    let (wrong, leak) =
        post(&server, path::FEEDBACK_LOOKUP, &json!({ "tracking": receipt.tracking, "phone": phone(21) }))
            .await;
    assert_eq!(wrong, StatusCode::NOT_FOUND);
    assert_eq!(
        leak,
        json!({
            "message": "没有找到，请核对受理编号和手机号（匿名提交的填查询码）。",
            "en": "Nothing found: check the tracking number and the mobile number (or the look-up code, if you left no number).",
            "fields": [],
        })
    );
}

#[tokio::test]
async fn every_kind_of_feedback_is_accepted_with_its_own_rules() {
    let server = App::start().await;
    let anonymous = |kind: &str, n: u32| json!({ "idempotency_key": key(kind, n), "kind": kind, "window": WINDOW, "text": "谢谢。", "rating": 5 });
    for (kind, n) in [("suggestion", 30), ("praise", 31)] {
        let (status, body) = post(&server, path::FEEDBACK, &anonymous(kind, n)).await;
        assert_eq!(status, StatusCode::CREATED, "{kind}: {body}");
        assert_eq!(body["due_on"], Value::Null);
    }
    let (status, body) = post(&server, path::FEEDBACK, &anonymous("enquiry", 32)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "an enquiry needs a phone to answer");
    assert_eq!(body["fields"][0]["field"], "phone");

    let mut unhappy = complaint(33);
    unhappy["what_went_wrong"] = json!("");
    unhappy["text"] = json!("");
    let (status, body) = post(&server, path::FEEDBACK, &unhappy).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a low rating says what went wrong somewhere");
    assert_eq!(body["fields"][0]["field"], "what_went_wrong");

    let mut bot = anonymous("suggestion", 34);
    bot["website"] = json!("http://spam.example");
    let (status, _) = post(&server, path::FEEDBACK, &bot).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    post(&server, path::FEEDBACK, &complaint(35)).await;
    let (_, stats) = server.get_json(path::STATS).await;
    let huji = stats["windows"]
        .as_array()
        .and_then(|w| w.iter().find(|w| w["window"] == WINDOW))
        .expect("huji")
        .clone();
    assert_eq!(huji["ratings"], json!([0, 1, 0, 0, 2]));
    assert_eq!(huji["complaints"], 1);
    assert_eq!(huji["complaints_due"], 0, "a complaint filed today is not yet due");
    assert_eq!(huji["complaints_answered_on_time"], 0);
}

/// The complaint figures of 户籍窗口.
async fn complaint_figures(app: &App) -> swg_model::api::WindowStats {
    let (_, stats) = app.get_json(path::STATS).await;
    let stats: swg_model::api::Stats = serde_json::from_value(stats).expect("stats");
    stats.windows.into_iter().find(|w| w.window == WINDOW).expect("huji")
}

#[tokio::test]
async fn complaints_count_against_the_window_only_once_their_reply_is_due() {
    let server = App::start().await;
    for n in [60, 61] {
        let (status, _) = post(&server, path::FEEDBACK, &complaint(n)).await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let fresh = complaint_figures(&server).await;
    assert_eq!((fresh.complaints, fresh.complaints_due, fresh.complaints_answered_on_time), (2, 0, 0));
    assert_eq!(fresh.on_time_label(), "2 件未到答复期限", "not 0/2 (0%)");

    // One complaint's reply date passes unanswered; the other is answered in time.
    sqlx::query("UPDATE feedback SET due_on = '2020-01-10' WHERE phone_hash = $1")
        .bind(server.state.keys.hash(Purpose::Lookup, &[&phone(60)]))
        .execute(&server.state.pool)
        .await
        .expect("overdue");
    sqlx::query("UPDATE feedback SET answered_on = filed_on, status = 'answered' WHERE phone_hash = $1")
        .bind(server.state.keys.hash(Purpose::Lookup, &[&phone(61)]))
        .execute(&server.state.pool)
        .await
        .expect("answered");
    let later = complaint_figures(&server).await;
    assert_eq!((later.complaints, later.complaints_due, later.complaints_answered_on_time), (2, 2, 1));
    assert_eq!(later.on_time_label(), "1/2（50%）");
}

#[tokio::test]
async fn a_rating_stands_on_its_own_and_a_low_one_under_any_kind_opens_a_case() {
    let server = App::start().await;
    let rating = |n: u32, level: u8| json!({ "idempotency_key": key("rating", n), "kind": "rating", "window": WINDOW, "rating": level });
    let (status, answer) = post(&server, path::FEEDBACK, &rating(1, 0)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer["fields"][0]["field"], "rating");
    let (status, receipt) = post(&server, path::FEEDBACK, &rating(2, 5)).await;
    assert_eq!(status, StatusCode::CREATED, "no text needed: {receipt}");
    assert!(receipt["case"].is_null());
    let low = json!({ "idempotency_key": key("rating", 3), "kind": "suggestion", "window": WINDOW, "rating": 2,
        "what_went_wrong": "等候太久", "text": "希望多开窗口" });
    let (status, receipt) = post(&server, path::FEEDBACK, &low).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(
        receipt["case"]["fix_due"].is_string(),
        "a 差评 filed as a suggestion still promises a fix: {receipt}"
    );
}

#[tokio::test]
async fn a_complaint_with_a_low_rating_written_in_its_text_alone_is_taken_with_the_text_as_what_went_wrong() {
    let server = App::start().await;
    let mut written_once = complaint(70);
    written_once["what_went_wrong"] = json!("");
    let (status, body) = post(&server, path::FEEDBACK, &written_once).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let stored: String = sqlx::query_scalar("SELECT what_went_wrong FROM feedback WHERE tracking = $1")
        .bind(body["tracking"].as_str().expect("tracking"))
        .fetch_one(&server.state.pool)
        .await
        .expect("the row");
    assert_eq!(stored, "窗口工作人员让我跑了两趟。");
}
