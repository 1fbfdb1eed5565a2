//! Every bad input is a 4xx with a Chinese message that names the field: control characters,
//! wrong JSON types, invalid UTF-8, overlong paths, stalled bodies and headers; and the rules
//! that concurrency could break (caps on reschedule, deadlocks) hold.

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;
use swg_model::api::path;
use swg_tests::{booking_json, key, log, open_slots, phone, App, Server, WINDOW};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn first_field(body: &Value) -> &str {
    body["fields"][0]["field"].as_str().unwrap_or_default()
}

fn is_chinese(message: &str) -> bool {
    message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[tokio::test]
async fn a_control_character_in_any_text_field_is_a_422_that_names_the_field() {
    let app = App::start().await;
    let (day, slot, _) = open_slots(&app).await[0].clone();
    for field in ["window", "service", "day", "slot", "name", "phone", "id_number", "need"] {
        let mut body = booking_json(&day, &slot, 1);
        body[field] = json!(format!("{}\u{0}", body[field].as_str().unwrap_or_default()));
        let (status, answer) = app.post_json(path::BOOKINGS, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {answer}");
        assert_eq!(first_field(&answer), field);
        assert!(is_chinese(answer["fields"][0]["message"].as_str().unwrap_or_default()), "{answer}");
    }
    let feedback = json!({ "idempotency_key": key("nul", 1), "kind": "suggestion", "window": WINDOW, "text": "a\u{1b}[31mb" });
    let (status, answer) = app.post_json(path::FEEDBACK, &feedback).await;
    assert_eq!((status, first_field(&answer)), (StatusCode::UNPROCESSABLE_ENTITY, "text"));
    let (status, page) =
        app.post_form(path::FORM_FEEDBACK, &[("kind", "suggestion"), ("text", "a\u{0}b")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("控制字符"));
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM feedback").fetch_one(&app.state.pool).await.expect("count");
    assert_eq!(n, 0, "nothing was stored");
    let text = "第一行\n第二行\t缩进";
    let ok =
        json!({ "idempotency_key": key("lines", 1), "kind": "suggestion", "window": WINDOW, "text": text });
    assert_eq!(
        app.post_json(path::FEEDBACK, &ok).await.0,
        StatusCode::CREATED,
        "line breaks and tabs are fine"
    );
}

#[tokio::test]
async fn a_wrong_json_type_a_missing_or_an_unknown_field_is_told_in_chinese() {
    let app = App::start().await;
    let base = json!({ "idempotency_key": key("types", 1), "kind": "praise", "window": WINDOW, "rating": 5 });
    let mut cases = Vec::new();
    for (field, wrong) in
        [("rating", json!("five")), ("rating", json!(300)), ("consent", json!("yes")), ("text", json!(5))]
    {
        let mut body = base.clone();
        body[field] = wrong;
        cases.push((field, body));
    }
    let mut missing = base.clone();
    missing.as_object_mut().map(|o| o.remove("window"));
    cases.push(("window", missing));
    for (field, body) in cases {
        let (status, answer) = app.post_json(path::FEEDBACK, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
        assert_eq!(first_field(&answer), field, "{answer}");
        let message = answer["fields"][0]["message"].as_str().unwrap_or_default();
        assert!(is_chinese(message) && !message.contains("invalid"), "{message}");
    }
    let mut unknown = base.clone();
    unknown["admin"] = json!(true);
    let (status, answer) = app.post_json(path::FEEDBACK, &unknown).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(answer["message"].as_str().is_some_and(|m| is_chinese(m) && m.contains("admin")), "{answer}");
    for (content_type, bytes, expected) in [
        (Some("application/json"), b"[1, 2]".to_vec(), StatusCode::BAD_REQUEST),
        (Some("application/json"), b"{\"kind\": \"\xff\"}".to_vec(), StatusCode::BAD_REQUEST),
        (Some("text/plain"), base.to_string().into_bytes(), StatusCode::UNSUPPORTED_MEDIA_TYPE),
        (None, base.to_string().into_bytes(), StatusCode::UNSUPPORTED_MEDIA_TYPE),
    ] {
        let (status, text) = app.call(Method::POST, path::FEEDBACK, content_type, bytes).await;
        assert_eq!(status, expected, "{text}");
        let answer: Value = serde_json::from_str(&text).expect("a JSON error");
        assert!(answer["message"].as_str().is_some_and(is_chinese), "{answer}");
    }
}

#[tokio::test]
async fn invalid_utf8_in_a_plain_form_is_a_400_never_stored_as_replacement_characters() {
    let app = App::start().await;
    let body = b"kind=suggestion&window=huji&text=%FF%FEabc".to_vec();
    let (status, page) =
        app.call(Method::POST, path::FORM_FEEDBACK, Some("application/x-www-form-urlencoded"), body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(page.contains("UTF-8"));
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM feedback").fetch_one(&app.state.pool).await.expect("count");
    assert_eq!(n, 0);
}

#[tokio::test(flavor = "current_thread")]
async fn an_overlong_path_is_the_404_page_without_an_error_in_the_log() {
    let log = log();
    let app = App::start().await;
    for uri in
        [format!("/{}", "a".repeat(300)), format!("/services/{}/x", "长".repeat(200)), "/x/".repeat(600)]
    {
        let (status, page) = app.get(&uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}", &uri[..20]);
        assert!(page.contains("<!DOCTYPE html>"));
    }
    assert!(!log.text().contains("ERROR"), "{}", log.text());
}

/// Sends `bytes` on a raw connection and reads whatever comes back within `patience`.
async fn raw(server: &Server, bytes: &[u8], patience: Duration) -> String {
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.expect("connect");
    stream.write_all(bytes).await.expect("write");
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(patience, stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn a_body_that_stops_arriving_is_a_408_and_headers_that_never_end_are_cut_off() {
    let server = Server::start_with(|c| {
        c.body_timeout_seconds = 1;
        c.header_timeout_seconds = 1;
    })
    .await;
    let stalled = format!(
        "POST {} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"kind\":",
        path::FEEDBACK
    );
    let answer = raw(&server, stalled.as_bytes(), Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    let started = std::time::Instant::now();
    let answer = raw(&server, b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ", Duration::from_secs(5)).await;
    assert!(started.elapsed() < Duration::from_secs(4), "the connection was closed: {answer}");
    assert!(!answer.contains("200 OK"));
}

#[tokio::test]
async fn a_reschedule_cannot_take_an_id_number_over_its_cap() {
    let app = App::start_with(|c| c.max_bookings_per_id = 2).await;
    let slots = swg_tests::open_slots_on_separate_days(&app).await;
    let mut codes = Vec::new();
    for (n, (day, slot, _)) in slots.iter().take(2).enumerate() {
        let mut body = booking_json(day, slot, 70);
        body["idempotency_key"] = json!(key("cap-move", u32::try_from(n).unwrap_or_default()));
        let (status, booked) = app.post_json(path::BOOKINGS, &body).await;
        assert_eq!(status, StatusCode::CREATED, "{booked}");
        codes.push(booked["code"].as_str().unwrap_or_default().to_owned());
    }
    // The first booking's day has passed (it no longer counts), so a third one can be made.
    sqlx::query("UPDATE bookings SET day = '2020-01-06' WHERE code = $1")
        .bind(&codes[0])
        .execute(&app.state.pool)
        .await
        .expect("age");
    let mut third = booking_json(&slots[2].0, &slots[2].1, 70);
    third["idempotency_key"] = json!(key("cap-move", 3));
    assert_eq!(app.post_json(path::BOOKINGS, &third).await.0, StatusCode::CREATED);
    let (status, answer) = app
        .post_json(
            path::BOOKING_RESCHEDULE,
            &json!({ "idempotency_key": key("cap-move", 4), "code": codes[0], "phone": phone(70), "day": slots[3].0, "slot": slots[3].1 }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "moving the old booking to a coming day would make three: {answer}"
    );
    assert!(answer["message"].as_str().is_some_and(|m| m.contains("身份证号")), "{answer}");
}

#[tokio::test]
async fn bookings_swapping_slots_at_the_same_moment_never_fail_with_a_5xx() {
    let app = App::start().await;
    let slots = open_slots(&app).await;
    let (a, b) = (slots[0].clone(), slots[1].clone());
    let mut codes = Vec::new();
    for (n, (day, slot, _)) in [(80, &a), (81, &b)] {
        let (status, booked) = app.post_json(path::BOOKINGS, &booking_json(day, slot, n)).await;
        assert_eq!(status, StatusCode::CREATED);
        codes.push(booked["code"].as_str().unwrap_or_default().to_owned());
    }
    for round in 0..10u32 {
        let swap = |code: &str, n: u32, to: &(String, String, u32)| {
            let body = json!({ "idempotency_key": key(&format!("swap{round}"), n), "code": code, "phone": phone(n), "day": to.0, "slot": to.1 });
            let state = app.state.clone();
            tokio::spawn(
                async move { App::with_state(state).post_json(path::BOOKING_RESCHEDULE, &body).await },
            )
        };
        let (first, second) = if round % 2 == 0 { (&b, &a) } else { (&a, &b) };
        let moves = [swap(&codes[0], 80, first), swap(&codes[1], 81, second)];
        for task in moves {
            let (status, body) = task.await.expect("task");
            assert!(status.is_success() || status == StatusCode::CONFLICT, "round {round}: {status} {body}");
        }
    }
}

#[tokio::test]
async fn a_form_body_larger_than_any_form_is_a_413_page() {
    let app = App::start().await;
    let request = http::Request::builder()
        .method(Method::POST)
        .uri(path::FORM_FEEDBACK)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(vec![b'a'; 64 * 1024]))
        .expect("request");
    let (status, page) = app.send(request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{page}");
    assert!(page.contains("太大"));
}
