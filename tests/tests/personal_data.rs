//! Personal data at rest: ID numbers, phones and names sealed in the database, masked in every
//! answer, readable back only by who gave them, and gone after the retention period.

use axum::http::StatusCode;
use serde_json::{json, Value};
use swg_model::api::path;
use swg_tests::{booking_json, id_number, open_slots, phone, App, WINDOW};

async fn book(app: &App, n: u32) -> Value {
    let (day, slot, _) = open_slots(app).await[0].clone();
    let (status, booked) = app.post_json(path::BOOKINGS, &booking_json(&day, &slot, n)).await;
    assert_eq!(status, StatusCode::CREATED, "{booked}");
    booked
}

fn is_sqlite(app: &App) -> bool {
    app.state.config.database_url.starts_with("sqlite:")
}

#[tokio::test]
async fn the_database_never_holds_an_id_number_a_phone_or_a_name_in_plain_text() {
    let app = App::start().await;
    book(&app, 7).await;
    let (p, id) = (phone(7), id_number(7));
    let rows: Vec<(String, String, String)> = sqlx::query_as("SELECT name, phone, id_number FROM bookings")
        .fetch_all(&app.state.pool)
        .await
        .expect("rows");
    assert_eq!(rows.len(), 1);
    for (name, phone, id_number) in &rows {
        assert!(name.starts_with("v1:") && phone.starts_with("v1:") && id_number.starts_with("v1:"));
    }
    if is_sqlite(&app) {
        // Every byte on disk: the database file and its write-ahead log.
        let file = app.state.config.database_url.trim_start_matches("sqlite://").to_owned();
        let mut bytes = Vec::new();
        for suffix in ["", "-wal"] {
            bytes.extend(std::fs::read(format!("{file}{suffix}")).unwrap_or_default());
        }
        assert!(bytes.len() > 4096, "the file was read");
        let found = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
        assert!(!found(&p), "the phone is not in the SQLite file");
        assert!(!found(&id), "the ID number is not in the SQLite file");
        assert!(!found(&id[6..14]), "not even the birth date part of it");
        assert!(!found("王小明"), "nor the name");
    }
}

#[tokio::test]
async fn names_are_masked_in_every_answer() {
    let app = App::start().await;
    let booked = book(&app, 8).await;
    assert_eq!(booked["name"], "王*明");
    let (_, found) =
        app.post_json(path::BOOKING_LOOKUP, &json!({ "code": booked["code"], "phone": phone(8) })).await;
    assert_eq!(found["name"], "王*明");
    assert_eq!(found["phone"], "139****0008");
}

#[tokio::test]
async fn rows_stored_in_plain_text_before_are_sealed_when_the_server_starts() {
    let app = App::start().await;
    let (day, slot, _) = open_slots(&app).await[0].clone();
    sqlx::query(
        "INSERT INTO bookings (code, window_id, service_id, day, slot, name, phone, id_number, need, home_visit, status, created_at) \
         VALUES ('OLDROW23', $1, $2, $3, $4, '李四', $5, $6, 'none', 0, 'booked', 0)",
    )
    .bind(WINDOW)
    .bind(swg_tests::SERVICE)
    .bind(&day)
    .bind(&slot)
    .bind(phone(9))
    .bind(id_number(9))
    .execute(&app.state.pool)
    .await
    .expect("a row as stored before");
    let restarted = swg_server::AppState::new((*app.state.config).clone()).await.expect("restart");
    let (stored,): (String,) = sqlx::query_as("SELECT phone FROM bookings WHERE code = 'OLDROW23'")
        .fetch_one(&restarted.pool)
        .await
        .expect("row");
    assert!(stored.starts_with("v1:"), "{stored}");
    let (status, found) = App::with_state(restarted)
        .post_json(path::BOOKING_LOOKUP, &json!({ "code": "OLDROW23", "phone": phone(9) }))
        .await;
    assert_eq!(status, StatusCode::OK, "found by its hash: {found}");
    assert_eq!(found["name"], "李*");
}

#[tokio::test]
async fn feedback_without_a_phone_is_read_back_only_with_the_secret_on_its_receipt() {
    let app = App::start().await;
    let (status, receipt) = app
        .post_json(
            path::FEEDBACK,
            &json!({ "idempotency_key": "anonymous-1", "kind": "praise", "window": WINDOW, "rating": 5 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let secret = receipt["secret"].as_str().expect("a 查询码 on the receipt").to_owned();
    let tracking = receipt["tracking"].clone();
    let ask = |proof: &str| json!({ "tracking": tracking, "phone": proof });
    let (status, body) = app.post_json(path::FEEDBACK_LOOKUP, &ask("")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the tracking number alone reads nothing: {body}");
    let (status, _) = app.post_json(path::FEEDBACK_LOOKUP, &ask("WRONG234")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, found) = app.post_json(path::FEEDBACK_LOOKUP, &ask(&secret.to_lowercase())).await;
    assert_eq!(status, StatusCode::OK, "{found}");

    let (_, with_phone) = app
        .post_json(path::FEEDBACK, &json!({ "idempotency_key": "with-phone-1", "kind": "praise", "window": WINDOW, "rating": 5, "phone": phone(3) }))
        .await;
    assert!(with_phone.get("secret").is_none_or(Value::is_null), "no secret when a phone was given");
}

#[tokio::test]
async fn the_purge_removes_every_personal_row_past_the_retention_period() {
    let app = App::start().await;
    let booked = book(&app, 11).await;
    let (status, _) = app
        .post_json(path::FEEDBACK, &json!({ "idempotency_key": "purge-feedback", "kind": "complaint", "window": WINDOW, "text": "排队太久。", "phone": phone(11), "consent": true }))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let pool = &app.state.pool;
    let long_ago = "2020-01-01";
    for statement in ["UPDATE bookings SET day = $1", "UPDATE feedback SET filed_on = $1"] {
        sqlx::query(statement).bind(long_ago).execute(pool).await.expect("age the rows");
    }
    for statement in ["UPDATE idempotency SET created_at = 0", "UPDATE id_locks SET touched = 0"] {
        sqlx::query(statement).execute(pool).await.expect("age the rows");
    }
    let purged = swg_server::retention::purge(pool, 180, 30).await.expect("purge");
    assert_eq!((purged.bookings, purged.feedback, purged.idempotency_keys), (1, 1, 2));
    for table in ["bookings", "feedback", "idempotency", "id_locks"] {
        let (left,): (i64,) =
            sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(pool).await.expect("count");
        assert_eq!(left, 0, "{table} is empty");
    }
    let (status, _) =
        app.post_json(path::BOOKING_LOOKUP, &json!({ "code": booked["code"], "phone": phone(11) })).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
