//! Stored data that will not decode is an error that reaches the log and a 503, never a silent
//! default. These tests call the router directly (no socket) on a real database.

use axum::http::StatusCode;
use serde_json::json;
use swg_model::api::{path, Availability};
use swg_tests::{id_number, key, log, phone, App};

/// Books the first open slot at 户籍窗口 with phone `n`; returns the booking code.
async fn book(app: &App, n: u32) -> String {
    let (_, availability) = app.get_json(&format!("{}?window=huji", path::AVAILABILITY)).await;
    let availability: Availability = serde_json::from_value(availability).expect("availability");
    let (day, slot) = availability
        .days
        .iter()
        .flat_map(|d| d.slots.iter().map(move |s| (d.day.to_string(), s.start.clone())))
        .next()
        .expect("an open slot");
    let request = json!({
        "idempotency_key": key("stored", n), "window": "huji", "service": "shenfenzheng-huanling",
        "day": day, "slot": slot, "name": "王小明", "phone": phone(n), "id_number": id_number(n),
        "need": "none", "home_visit": false,
    });
    let (status, body) = app.post_json(path::BOOKINGS, &request).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["code"].as_str().expect("a code").to_owned()
}

#[tokio::test(flavor = "current_thread")]
async fn a_booking_with_a_status_that_will_not_decode_answers_503_and_is_logged() {
    let log = log();
    let app = App::start().await;
    let code = book(&app, 71).await;

    sqlx::query("UPDATE bookings SET status = 'lost' WHERE code = $1")
        .bind(&code)
        .execute(&app.state.pool)
        .await
        .expect("update");
    let lookup = json!({ "code": code, "phone": phone(71) });
    let (status, body) = app.post_json(path::BOOKING_LOOKUP, &lookup).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body["message"].as_str().is_some_and(|m| m.contains("服务暂时不可用")), "{body}");
    let logged = log.text();
    assert!(logged.contains("request failed"), "{logged}");
    assert!(logged.contains("`lost` is not a BookingStatus"), "{logged}");
    assert!(!logged.contains(&phone(71)), "the log holds no phone number: {logged}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_booking_whose_day_is_not_a_date_answers_503_not_a_default_day() {
    let app = App::start().await;
    let code = book(&app, 72).await;
    sqlx::query("UPDATE bookings SET day = 'soon' WHERE code = $1")
        .bind(&code)
        .execute(&app.state.pool)
        .await
        .expect("update");
    let lookup = json!({ "code": code, "phone": phone(72) });
    let (status, _) = app.post_json(path::BOOKING_LOOKUP, &lookup).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    // Cancelling must not free a place of some other day on a guess.
    let (status, _) = app.post_json(path::BOOKING_CANCEL, &lookup).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let booked: Vec<i64> =
        sqlx::query_scalar("SELECT booked FROM slot_usage").fetch_all(&app.state.pool).await.expect("places");
    assert_eq!(booked, [1], "the place stays taken");
}

#[tokio::test(flavor = "current_thread")]
async fn feedback_with_an_unknown_kind_answers_503_on_look_up() {
    let app = App::start().await;
    let complaint = json!({
        "idempotency_key": key("stored-fb", 73), "kind": "complaint", "window": "huji", "service": "",
        "text": "窗口让我跑了两趟。", "phone": phone(73), "consent": true, "rating": 0,
    });
    let (status, body) = app.post_json(path::FEEDBACK, &complaint).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let tracking = body["tracking"].as_str().expect("tracking").to_owned();
    sqlx::query("UPDATE feedback SET kind = 'complaint-ish' WHERE tracking = $1")
        .bind(&tracking)
        .execute(&app.state.pool)
        .await
        .expect("update");
    let lookup = json!({ "tracking": tracking, "phone": phone(73) });
    let (status, _) = app.post_json(path::FEEDBACK_LOOKUP, &lookup).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}
