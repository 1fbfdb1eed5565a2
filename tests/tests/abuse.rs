//! Abuse without captchas: limits per real client behind the proxy, look-ups guarded against
//! guessing, a proof of work (or a short wait without JavaScript) under pressure, and
//! idempotency keys that can neither leak nor be poisoned. Through the router, on a real
//! database (SQLite; PostgreSQL when SWG_TEST_DATABASE_URL names one).

use axum::http::{header, HeaderMap, StatusCode};
use serde_json::{json, Value};
use swg_model::api::path;
use swg_model::work::{solve, Challenge, PROOF_HEADER};
use swg_tests::{booking_json, id_number, key, open_slots, phone, App, WINDOW};

fn praise(n: u32) -> Value {
    json!({ "idempotency_key": key("praise", n), "kind": "praise", "window": WINDOW, "text": "谢谢。", "rating": 5 })
}

fn retry_after(headers: &HeaderMap) -> u64 {
    headers
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After header in seconds")
}

#[tokio::test]
async fn every_citizen_behind_the_proxy_keeps_their_own_allowance() {
    let app = App::start_with(|c| c.writes_per_minute = 2).await;
    for n in 0..2 {
        let (status, _, body) = app.post_json_from("198.51.100.1", path::FEEDBACK, &praise(n)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (status, headers, body) = app.post_json_from("198.51.100.1", path::FEEDBACK, &praise(2)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!((1..=60).contains(&retry_after(&headers)));
    assert!(body["message"].as_str().is_some_and(|m| m.contains("太频繁")), "{body}");
    let (status, _, body) = app.post_json_from("198.51.100.2", path::FEEDBACK, &praise(3)).await;
    assert_eq!(status, StatusCode::CREATED, "another citizen is not held up: {body}");
}

#[tokio::test]
async fn a_client_cannot_choose_its_address_by_sending_the_header_itself() {
    let app = App::start_with(|c| {
        c.writes_per_minute = 1;
        c.trusted_proxies = Vec::new();
    })
    .await;
    let (first, _, _) = app.post_json_from("198.51.100.1", path::FEEDBACK, &praise(0)).await;
    let (second, _, _) = app.post_json_from("198.51.100.2", path::FEEDBACK, &praise(1)).await;
    assert_eq!((first, second), (StatusCode::CREATED, StatusCode::TOO_MANY_REQUESTS));
}

#[tokio::test]
async fn look_ups_spend_their_own_allowance_and_one_code_cannot_be_guessed_at() {
    let app = App::start_with(|c| {
        c.writes_per_minute = 1;
        c.lookups_per_code_per_hour = 3;
    })
    .await;
    let guess = |n: u32| json!({ "code": "ABCD2345", "phone": phone(n) });
    for n in 0..3 {
        let client = format!("203.0.113.{n}");
        let (status, _, _) = app.post_json_from(&client, path::BOOKING_LOOKUP, &guess(n)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let (status, headers, _) = app.post_json_from("203.0.113.9", path::BOOKING_LOOKUP, &guess(9)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the code is guarded whoever asks");
    assert!(retry_after(&headers) > 60, "for the rest of the hour");
    let (status, _, body) = app.post_json_from("203.0.113.0", path::FEEDBACK, &praise(0)).await;
    assert_eq!(status, StatusCode::CREATED, "look-ups did not use up the writes: {body}");
}

#[tokio::test]
async fn reads_of_the_api_are_limited_and_the_figures_are_computed_once_in_a_while() {
    let app = App::start_with(|c| {
        c.reads_per_minute = 2;
        c.stats_cache_seconds = 60;
    })
    .await;
    let get = |client: &'static str| {
        let app = &app;
        async move {
            let request = swg_tests::request_from(client, http::Method::GET, path::STATS)
                .body(axum::body::Body::empty())
                .expect("request");
            app.exchange(request).await
        }
    };
    let (status, _, before) = get("192.0.2.1").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = app.post_json_from("192.0.2.1", path::FEEDBACK, &praise(0)).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _, after) = get("192.0.2.1").await;
    assert_eq!((status, after), (StatusCode::OK, before), "the cached figures");
    let (status, _, _) = get("192.0.2.1").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_plain_form_over_its_allowance_gets_a_page_that_says_when_to_try_again() {
    let app = App::start_with(|c| c.writes_per_minute = 1).await;
    let form = [("kind", "praise"), ("window", WINDOW), ("text", "谢谢。"), ("rating", "5")];
    let (status, _, _) = app.post_form_from("198.51.100.7", path::FORM_FEEDBACK, &form).await;
    assert_eq!(status, StatusCode::OK);
    let (status, headers, page) = app.post_form_from("198.51.100.7", path::FORM_FEEDBACK, &form).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&headers) >= 1);
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("太频繁"), "{page}");
}

/// Books person `n` in the `slot`-th open slot; the answer to the first try.
async fn try_booking(app: &App, slot: usize, n: u32, proof: Option<&str>) -> (StatusCode, Value) {
    let (day, start, _) = open_slots(app).await[slot].clone();
    let mut request = swg_tests::request_from("198.51.100.20", http::Method::POST, path::BOOKINGS)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(proof) = proof {
        request = request.header(PROOF_HEADER, proof);
    }
    let body = booking_json(&day, &start, n).to_string();
    let (status, _, text) = app.exchange(request.body(axum::body::Body::from(body)).expect("request")).await;
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn solved(answer: &Value) -> String {
    let challenge: Challenge =
        serde_json::from_value(answer["challenge"].clone()).expect("a challenge with the 428");
    serde_json::to_string(&solve(&challenge).expect("solvable")).expect("json")
}

#[tokio::test]
async fn someone_who_knows_a_phone_number_cannot_stop_its_owner_booking() {
    let app = App::start_with(|c| c.max_bookings_per_phone = 3).await;
    // Three bookings with the victim's phone under made-up (checksum-valid) ID numbers.
    for n in 0..3 {
        let mut body = booking_json(&open_slots(&app).await[0].0, &open_slots(&app).await[0].1, 100 + n);
        body["phone"] = json!(phone(1));
        let (status, _, answer) = app.post_json_from("203.0.113.66", path::BOOKINGS, &body).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
    }
    let (status, asked) = try_booking(&app, 1, 1, None).await;
    assert_eq!(status, StatusCode::PRECONDITION_REQUIRED, "work, never a refusal: {asked}");
    let (status, booked) = try_booking(&app, 1, 1, Some(&solved(&asked))).await;
    assert_eq!(status, StatusCode::CREATED, "the owner books: {booked}");
    assert_eq!(booked["id_number"].as_str().map(|s| &s[14..]), Some(&id_number(1)[14..]));
}

#[tokio::test]
async fn a_window_day_filling_fast_asks_each_further_booking_for_work_bound_to_that_booking() {
    let app = App::start_with(|c| c.busy_window_day_bookings = 2).await;
    for n in 0..2 {
        assert_eq!(try_booking(&app, 0, 10 + n, None).await.0, StatusCode::CREATED);
    }
    let (status, asked) = try_booking(&app, 0, 12, None).await;
    assert_eq!(status, StatusCode::PRECONDITION_REQUIRED);
    assert!(asked["message"].as_str().is_some_and(|m| m.contains("请稍候")), "{asked}");
    let proof = solved(&asked);
    let (status, _) = try_booking(&app, 0, 13, Some(&proof)).await;
    assert_eq!(status, StatusCode::PRECONDITION_REQUIRED, "a proof is good for its own request only");
    let (status, _) = try_booking(&app, 0, 12, Some("{\"not\":\"a proof\"}")).await;
    assert_eq!(status, StatusCode::PRECONDITION_REQUIRED);
    let (status, booked) = try_booking(&app, 0, 12, Some(&proof)).await;
    assert_eq!(status, StatusCode::CREATED, "{booked}");
}

/// The value of the hidden `ticket` field on a "please wait" page.
fn ticket(page: &str) -> String {
    let start =
        page.find("name=\"ticket\" value=\"").expect("a ticket field") + "name=\"ticket\" value=\"".len();
    page[start..].split('"').next().expect("a value").to_owned()
}

#[tokio::test]
async fn a_browser_without_javascript_waits_a_moment_and_confirms_instead() {
    let app = App::start_with(|c| {
        c.busy_window_day_bookings = 1;
        c.wait_seconds = 1;
    })
    .await;
    let (day, slot, _) = open_slots(&app).await[0].clone();
    let form = |n: u32| {
        vec![
            ("window", WINDOW.to_owned()),
            ("service", swg_tests::SERVICE.to_owned()),
            ("day", day.clone()),
            ("slot", slot.clone()),
            ("name", "王小明".to_owned()),
            ("phone", phone(n)),
            ("id_number", id_number(n)),
            ("need", "none".to_owned()),
        ]
    };
    let pairs = |f: &[(&'static str, String)]| f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    let post = |f: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let borrowed: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form_from("198.51.100.30", path::FORM_BOOKING, &borrowed).await
        }
    };
    assert_eq!(post(pairs(&form(40))).await.0, StatusCode::OK);
    let (status, _, page) = post(pairs(&form(41))).await;
    assert_eq!(status, StatusCode::PRECONDITION_REQUIRED);
    assert!(page.contains("请等 1 秒") && page.contains("确认预约"), "{page}");
    let mut confirmed = pairs(&form(41));
    confirmed.push(("ticket", ticket(&page)));
    let (status, _, page) = post(confirmed.clone()).await;
    assert_eq!(status, StatusCode::PRECONDITION_REQUIRED, "pressed too early: {page}");
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let (status, _, page) = post(confirmed).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("预约成功"));
}

#[tokio::test]
async fn the_same_key_with_another_request_is_refused_and_reveals_nothing() {
    let app = App::start().await;
    let slots = open_slots(&app).await;
    let first = booking_json(&slots[0].0, &slots[0].1, 50);
    let (status, booked) = app.post_json(path::BOOKINGS, &first).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, again) = app.post_json(path::BOOKINGS, &first).await;
    assert_eq!((status, &again["code"]), (StatusCode::OK, &booked["code"]), "a retry gets the booking");
    let mut other = booking_json(&slots[1].0, &slots[1].1, 51);
    other["idempotency_key"] = first["idempotency_key"].clone();
    let (status, refused) = app.post_json(path::BOOKINGS, &other).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["fields"][0]["field"], "idempotency_key");
    let text = refused.to_string();
    assert!(!text.contains(booked["code"].as_str().unwrap_or("?")) && !text.contains("王"), "{text}");
}

#[tokio::test]
async fn the_json_api_refuses_the_keys_the_server_makes_for_plain_forms() {
    let app = App::start().await;
    let (status, body) = app.post_json(path::FEEDBACK, &json!({ "idempotency_key": "form-0123456789abcdef", "kind": "praise", "window": WINDOW, "rating": 5 })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}

/// The tracking number on a receipt page.
fn tracking(page: &str) -> String {
    let start =
        page.find("<strong class=\"code\">F").expect("a tracking number") + "<strong class=\"code\">".len();
    page[start..start + 16].to_owned()
}

#[tokio::test]
async fn two_citizens_posting_the_same_anonymous_rating_get_two_receipts_and_a_resend_gets_one() {
    let app = App::start().await;
    let form = [("kind", "praise"), ("window", WINDOW), ("rating", "5")];
    let (_, _, first) = app.post_form_from("198.51.100.1", path::FORM_FEEDBACK, &form).await;
    let (_, _, resent) = app.post_form_from("198.51.100.1", path::FORM_FEEDBACK, &form).await;
    let (_, _, neighbour) = app.post_form_from("198.51.100.2", path::FORM_FEEDBACK, &form).await;
    assert_eq!(tracking(&first), tracking(&resent), "pressing resend files nothing twice");
    assert_ne!(tracking(&first), tracking(&neighbour), "another citizen's rating counts on its own");
}

#[tokio::test]
async fn a_cancelled_booking_is_never_shown_again_as_a_success() {
    let app = App::start().await;
    let (day, slot, _) = open_slots(&app).await[0].clone();
    let (p, id) = (phone(60), id_number(60));
    let form = [
        ("window", WINDOW),
        ("service", swg_tests::SERVICE),
        ("day", day.as_str()),
        ("slot", slot.as_str()),
        ("name", "王小明"),
        ("phone", p.as_str()),
        ("id_number", id.as_str()),
        ("need", "none"),
    ];
    let (status, _, page) = app.post_form_from("198.51.100.5", path::FORM_BOOKING, &form).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let code_of = |page: &str| {
        let start = page.find("<strong class=\"code\">").expect("a code") + "<strong class=\"code\">".len();
        page[start..start + 8].to_owned()
    };
    let code = code_of(&page);
    let (status, _) = app.post_json(path::BOOKING_CANCEL, &json!({ "code": code, "phone": p })).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, again) = app.post_form_from("198.51.100.5", path::FORM_BOOKING, &form).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_ne!(code_of(&again), code, "the same form books anew instead of showing the cancelled booking");
    let (_, found) =
        app.post_json(path::BOOKING_LOOKUP, &json!({ "code": code_of(&again), "phone": p })).await;
    assert_eq!(found["status"], "booked");
}
