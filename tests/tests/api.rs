//! The appointments API through the server's router, on a real database (SQLite; PostgreSQL
//! when SWG_TEST_DATABASE_URL names one). Only the race for the last place runs against the
//! real server on a socket.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use swg_model::api::{path, Availability, Booking};
use swg_tests::{id_number, key, open_slots, phone, App, Server};

const WINDOW: &str = "huji";
const SERVICE: &str = "shenfenzheng-huanling";

async fn availability(app: &App) -> Availability {
    let (_, body) = app.get_json(&format!("{}?window={WINDOW}", path::AVAILABILITY)).await;
    serde_json::from_value(body).expect("availability json")
}

/// All places left in the window.
async fn free_places(app: &App) -> u32 {
    availability(app).await.days.iter().flat_map(|d| &d.slots).map(|s| s.remaining).sum()
}

/// The first slot with places left, as (day, start, remaining).
async fn open_slot(app: &App, skip: usize) -> (String, String, u32) {
    let a = availability(app).await;
    a.days
        .iter()
        .flat_map(|d| d.slots.iter().map(move |s| (d.day.to_string(), s.start.clone(), s.remaining)))
        .filter(|s| s.2 > 0)
        .nth(skip)
        .expect("an open slot")
}

fn request(day: &str, slot: &str, n: u32) -> Value {
    json!({
        "idempotency_key": key("book", n), "window": WINDOW, "service": SERVICE, "day": day, "slot": slot,
        "name": "王小明", "phone": phone(n), "id_number": id_number(n), "need": "elderly", "home_visit": false,
    })
}

async fn post(app: &App, path: &str, body: &Value) -> (StatusCode, Value) {
    app.post_json(path, body).await
}

#[tokio::test]
async fn a_booking_is_confirmed_with_a_code_masked_data_and_the_materials_to_bring() {
    let server = App::start().await;
    let (day, slot, remaining) = open_slot(&server, 0).await;
    let (status, body) = post(&server, path::BOOKINGS, &request(&day, &slot, 1)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let booking: Booking = serde_json::from_value(body).expect("booking");
    assert_eq!(booking.code.len(), 8);
    assert_eq!(booking.phone, "139****0001");
    assert!(booking.id_number.starts_with("1101") && booking.id_number.contains("**********"));
    assert!(!booking.materials.is_empty());
    let after = open_slot(&server, 0).await;
    assert_eq!((after.0, after.1, after.2), (day, slot, remaining - 1));
}

#[tokio::test]
async fn a_retry_with_the_same_idempotency_key_never_books_twice() {
    let server = App::start().await;
    let (day, slot, remaining) = open_slot(&server, 0).await;
    let body = request(&day, &slot, 2);
    let (first, a) = post(&server, path::BOOKINGS, &body).await;
    let (second, b) = post(&server, path::BOOKINGS, &body).await;
    assert_eq!((first, second), (StatusCode::CREATED, StatusCode::OK));
    assert_eq!(a["code"], b["code"]);
    assert_eq!(open_slot(&server, 0).await.2, remaining - 1);
}

#[tokio::test]
async fn look_up_needs_the_right_phone_and_reveals_nothing_otherwise() {
    let server = App::start().await;
    let (day, slot, _) = open_slot(&server, 0).await;
    let (_, booked) = post(&server, path::BOOKINGS, &request(&day, &slot, 3)).await;
    let code = booked["code"].as_str().expect("code");
    let (ok, found) = post(&server, path::BOOKING_LOOKUP, &json!({ "code": code, "phone": phone(3) })).await;
    assert_eq!(ok, StatusCode::OK);
    assert_eq!(found["code"], code);
    let (status, body) =
        post(&server, path::BOOKING_LOOKUP, &json!({ "code": code, "phone": phone(4) })).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body,
        json!({
            "message": "没有找到这个预约，请核对预约码和手机号。",
            "en": "No booking found: check the booking code and the mobile number.",
            "fields": [],
        })
    );
}

#[tokio::test]
async fn a_code_copied_with_spaces_or_in_lower_case_still_finds_the_booking() {
    let server = App::start().await;
    let (day, slot, _) = open_slot(&server, 0).await;
    let (_, booked) = post(&server, path::BOOKINGS, &request(&day, &slot, 5)).await;
    let code = booked["code"].as_str().expect("code").to_owned();
    let spaced: String = code.to_lowercase().chars().flat_map(|c| [c, ' ']).collect();
    let (status, found) =
        post(&server, path::BOOKING_LOOKUP, &json!({ "code": spaced, "phone": phone(5) })).await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(found["code"], code.as_str());
    let dashed = format!("{}-{}", &code[..4], &code[4..]);
    let (status, _) =
        post(&server, path::BOOKING_LOOKUP, &json!({ "code": dashed, "phone": phone(5) })).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn invalid_fields_come_back_one_by_one_in_chinese() {
    let server = App::start().await;
    let (day, slot, _) = open_slot(&server, 0).await;
    let mut body = request(&day, &slot, 5);
    body["phone"] = json!("1234");
    body["id_number"] = json!("110105194912310021");
    body["name"] = json!("");
    body["day"] = json!("2026-10-01");
    let (status, answer) = post(&server, path::BOOKINGS, &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<(String, String)> = answer["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap_or_default().to_owned(),
                f["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let named: Vec<&str> = fields.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(named, ["day", "name", "phone", "id_number"]);
    assert!(fields.iter().any(|(_, m)| m == "身份证号码校验位不对，请逐位核对"));
}

#[tokio::test]
async fn malformed_requests_get_a_clear_4xx_never_a_5xx() {
    let server = App::start().await;
    let json = Some("application/json");
    let cases: [(&str, Option<&str>, Vec<u8>); 5] = [
        ("not json", json, b"{oops".to_vec()),
        ("unknown field", json, json!({ "idempotency_key": "x", "admin": true }).to_string().into_bytes()),
        ("wrong type", json, json!({ "idempotency_key": 5 }).to_string().into_bytes()),
        ("no content type", None, b"{}".to_vec()),
        ("too large", json, vec![b' '; 64 * 1024]),
    ];
    for (what, content_type, bytes) in cases {
        let (status, text) = server.call(Method::POST, path::BOOKINGS, content_type, bytes).await;
        assert!(status.is_client_error(), "{what}: {status}");
        let body: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}: {body}");
    }
    let (status, _) = post(&server, "/api/nothing-here", &json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_last_place_goes_to_exactly_one_of_100_simultaneous_requests() {
    let server = Server::start().await;
    let app = App::of(&server);
    let (day, slot, remaining) = open_slot(&app, 0).await;
    for n in 0..remaining - 1 {
        let (status, body) = post(&app, path::BOOKINGS, &request(&day, &slot, 100 + n)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let client = reqwest::Client::new();
    let tasks: Vec<_> = (0..100u32)
        .map(|n| {
            let (client, url, body) =
                (client.clone(), server.url(path::BOOKINGS), request(&day, &slot, 1000 + n));
            tokio::spawn(async move { client.post(url).json(&body).send().await.map(|r| r.status()) })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task").expect("response"));
    }
    let won = statuses.iter().filter(|s| **s == StatusCode::CREATED).count();
    let full = statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count();
    assert_eq!((won, full), (1, 99), "{statuses:?}");
    assert!(statuses.iter().all(|s| !s.is_server_error()));
    let taken = availability(&app)
        .await
        .days
        .iter()
        .find(|d| d.day.to_string() == day)
        .and_then(|d| d.slots.iter().find(|s| s.start == slot).map(|s| s.remaining));
    assert_eq!(taken, Some(0));
}

#[tokio::test]
async fn one_id_number_cannot_hold_more_than_the_configured_number_of_bookings_whatever_the_phones() {
    let server = App::start_with(|c| c.max_bookings_per_id = 2).await;
    let days = swg_tests::open_slots_on_separate_days(&server).await;
    let mut statuses = Vec::new();
    for n in 0..3u32 {
        let (day, slot, _) = days[n as usize].clone();
        let mut body = request(&day, &slot, 7);
        body["idempotency_key"] = json!(key("cap", n));
        body["phone"] = json!(phone(700 + n));
        statuses.push(post(&server, path::BOOKINGS, &body).await);
    }
    assert_eq!(statuses[0].0, StatusCode::CREATED);
    assert_eq!(statuses[1].0, StatusCode::CREATED);
    assert_eq!(statuses[2].0, StatusCode::CONFLICT);
    assert!(statuses[2].1["message"].as_str().is_some_and(|m| m.contains("不能再约")));
}

#[tokio::test]
async fn one_person_cannot_hold_the_same_slot_or_the_same_service_twice_on_one_day() {
    let app = App::start().await;
    let slots = open_slots(&app).await;
    let (day, slot, _) = slots[0].clone();
    let later = slots.iter().find(|s| s.0 == day && s.1 != slot).expect("a second slot that day").clone();
    let (status, first) = post(&app, path::BOOKINGS, &request(&day, &slot, 9)).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");

    // The same slot again, with another phone and key: refused, naming the slot held.
    let mut again = request(&day, &slot, 9);
    again["idempotency_key"] = json!(key("again", 9));
    again["phone"] = json!(phone(909));
    let (status, answer) = post(&app, path::BOOKINGS, &again).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    let message = answer["message"].as_str().unwrap_or_default();
    assert!(message.contains(&format!("{day} {slot} 已有本窗口的预约")), "{message}");

    // The same service at another time that day: refused too.
    let mut other_time = request(&later.0, &later.1, 9);
    other_time["idempotency_key"] = json!(key("later", 9));
    assert_eq!(post(&app, path::BOOKINGS, &other_time).await.0, StatusCode::CONFLICT);

    // Another service at another time that day is a booking of its own.
    let other_service = app
        .state
        .site
        .guides
        .iter()
        .find(|g| g.window.id == WINDOW && g.id != SERVICE)
        .expect("a second service at the window")
        .id
        .clone();
    let mut second = request(&later.0, &later.1, 9);
    second["idempotency_key"] = json!(key("second", 9));
    second["service"] = json!(other_service);
    let (status, answer) = post(&app, path::BOOKINGS, &second).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");

    // Moving the first booking within its own day is still allowed.
    let free =
        slots.iter().find(|s| s.0 == day && s.1 != slot && s.1 != later.1).expect("a third slot").clone();
    let code = first["code"].as_str().unwrap_or_default();
    let (status, moved) = post(
        &app,
        path::BOOKING_RESCHEDULE,
        &json!({ "idempotency_key": key("move-same-day", 9), "code": code, "phone": phone(9), "day": day, "slot": free.1 }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
}

#[tokio::test]
async fn a_cancelled_place_is_free_again_at_once_and_a_reschedule_moves_the_place() {
    let server = App::start().await;
    let (day, slot, remaining) = open_slot(&server, 0).await;
    let (_, booked) = post(&server, path::BOOKINGS, &request(&day, &slot, 8)).await;
    let code = booked["code"].as_str().expect("code").to_owned();

    let (next_day, next_slot, next_remaining) = open_slot(&server, 1).await;
    let (status, moved) = post(
        &server,
        path::BOOKING_RESCHEDULE,
        &json!({ "idempotency_key": key("move", 8), "code": code, "phone": phone(8), "day": next_day, "slot": next_slot }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["slot"], next_slot.as_str());
    let a = availability(&server).await;
    let left = |d: &str, s: &str| {
        a.days
            .iter()
            .find(|x| x.day.to_string() == d)
            .and_then(|x| x.slots.iter().find(|y| y.start == s))
            .map(|y| y.remaining)
    };
    assert_eq!(left(&day, &slot), Some(remaining));
    assert_eq!(left(&next_day, &next_slot), Some(next_remaining - 1));

    let (status, cancelled) =
        post(&server, path::BOOKING_CANCEL, &json!({ "code": code, "phone": phone(8) })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(open_slot(&server, 1).await.2, next_remaining);
    let (again, _) = post(&server, path::BOOKING_CANCEL, &json!({ "code": code, "phone": phone(8) })).await;
    assert_eq!(again, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_plain_html_form_books_without_javascript_and_explains_errors() {
    let server = App::start().await;
    let (day, slot, _) = open_slot(&server, 0).await;
    let places_before = free_places(&server).await;
    let form = [
        ("window", WINDOW),
        ("service", SERVICE),
        ("day", day.as_str()),
        ("slot", slot.as_str()),
        ("name", "王小明"),
        ("phone", &phone(40)),
        ("id_number", &id_number(40)),
        ("need", "none"),
    ];
    let (status, html) = server.post_form(path::FORM_BOOKING, &form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>预约成功</h1>") && html.contains("139****0040"), "{html}");
    assert!(
        html.contains("窗口电话") && html.contains("绿色通道"),
        "the window's phone and the green channel: {html}"
    );
    assert!(
        !html.contains("type=\"module\"") && html.matches("<script").count() == 1,
        "the answer page is complete without the app (its one script keeps 长辈版)"
    );

    let (resent, _) = server.post_form(path::FORM_BOOKING, &form).await;
    assert_eq!(resent, StatusCode::OK, "pressing resend shows the same booking");
    assert_eq!(free_places(&server).await, places_before - 1, "and books nothing more");

    let (bad, html) = server.post_form(path::FORM_BOOKING, &[("window", WINDOW), ("phone", "12")]).await;
    assert_eq!(bad, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("手机号码应为 1 开头的 11 位数字") && html.contains("请选择预约日期"), "{html}");
}

#[tokio::test]
async fn the_purge_command_deletes_only_records_past_the_retention_period() {
    let server = App::start().await;
    let (day, slot, _) = open_slot(&server, 0).await;
    let (_, current) = post(&server, path::BOOKINGS, &request(&day, &slot, 50)).await;
    sqlx::query(
        "INSERT INTO bookings (code, window_id, service_id, day, slot, name, phone, id_number, need, home_visit, status, created_at) \
         VALUES ('OLDOLD22', 'huji', 'shenfenzheng-huanling', '2020-01-06', '09:00', '旧', '13900000099', '110105198001010011', 'none', 0, 'booked', 0)",
    )
    .execute(&server.state.pool)
    .await
    .expect("an old booking");
    let purged = swg_server::booking::purge(&server.state.pool, 180).await.expect("purge");
    assert_eq!(purged, 1);
    let (status, _) =
        post(&server, path::BOOKING_LOOKUP, &json!({ "code": current["code"], "phone": phone(50) })).await;
    assert_eq!(status, StatusCode::OK, "a current booking stays");
}

#[tokio::test]
async fn other_identity_documents_are_taken_each_by_its_own_rule_and_capped_like_an_id_card() {
    let server = App::start_with(|c| c.max_bookings_per_id = 1).await;
    let (day, slot, _) = open_slot(&server, 0).await;
    let mut body = request(&day, &slot, 90);
    body["id_kind"] = json!("hk_macau_permit");
    body["id_number"] = json!("h12345678");
    body["phone"] = json!("+853 6612 3456");
    let (status, booked) = post(&server, path::BOOKINGS, &body).await;
    assert_eq!(status, StatusCode::CREATED, "{booked}");
    assert_eq!(
        (booked["id_kind"].as_str(), booked["id_number"].as_str()),
        (Some("hk_macau_permit"), Some("H1*****78"))
    );
    let mut again = request(&day, &slot, 91);
    again["id_kind"] = json!("hk_macau_permit");
    again["id_number"] = json!("H12345678");
    let (status, _) = post(&server, path::BOOKINGS, &again).await;
    assert_eq!(status, StatusCode::CONFLICT, "the same permit is capped like an ID card");
    for (kind, number) in [("passport", "12"), ("taiwan_permit", "ABC"), ("no_such_kind", "E12345678")] {
        let mut bad = request(&day, &slot, 92);
        bad["id_kind"] = json!(kind);
        bad["id_number"] = json!(number);
        let (status, answer) = post(&server, path::BOOKINGS, &bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{kind}");
        let field = answer["fields"][0]["field"].as_str().unwrap_or_default();
        assert!(field == "id_number" || field == "id_kind", "{answer}");
    }
}

#[tokio::test]
async fn a_lost_code_is_found_again_with_the_phone_and_the_identity_document_and_nothing_less() {
    let server = App::start().await;
    let (day, slot, _) = open_slot(&server, 0).await;
    let (_, booked) = post(&server, path::BOOKINGS, &request(&day, &slot, 95)).await;
    let find = |phone_n: u32, id_n: u32| json!({ "phone": phone(phone_n), "id_kind": "resident_id", "id_number": id_number(id_n) });
    let (status, found) = post(&server, path::BOOKING_FIND, &find(95, 95)).await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(found[0]["code"], booked["code"]);
    assert_eq!(found[0]["id_number"].as_str().map(|s| s.contains("**********")), Some(true), "masked");
    let (status, nothing) = post(&server, path::BOOKING_FIND, &find(95, 96)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the phone alone finds nothing");
    assert!(!nothing.to_string().contains(booked["code"].as_str().unwrap_or("?")));
    let (status, _) =
        post(&server, path::BOOKING_FIND, &json!({ "phone": phone(95), "id_number": "123" })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_period_with_its_own_capacity_takes_only_that_many_per_slot() {
    let app = App::start().await;
    let site = swg_tests::content();
    let window = site.windows.iter().find(|w| w.id == WINDOW).expect("window");
    let saturday_capacity = window
        .local
        .hours
        .iter()
        .find(|h| h.days == [6])
        .and_then(|h| h.capacity)
        .expect("a Saturday capacity");
    let weekday_capacity = window.local.booking.as_ref().expect("booking").capacity;
    assert_ne!(saturday_capacity, weekday_capacity);
    let days = availability(&app).await.days;
    let saturday = days.iter().find(|d| d.day.weekday() == 6).expect("a Saturday within the bookable days");
    assert!(saturday.slots.iter().all(|s| s.remaining == saturday_capacity), "{:?}", saturday.slots);
    let monday = days.iter().find(|d| d.day.weekday() == 1).expect("a Monday");
    assert!(monday.slots.iter().all(|s| s.remaining == weekday_capacity));

    let (day, slot) = (saturday.day.to_string(), saturday.slots[0].start.clone());
    for n in 0..saturday_capacity {
        let (status, body) = post(&app, path::BOOKINGS, &request(&day, &slot, 600 + n)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (status, body) = post(&app, path::BOOKINGS, &request(&day, &slot, 699)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body["message"].as_str().is_some_and(|m| m.contains("约满")), "{body}");
}
