//! The staff console through the router on a real database: signing in and out, lock-out,
//! CSRF, idle expiry, windows a member may not act on, the audit trail (complete and
//! tamper-evident), and what the citizen and the public figures see of the bureau's work.

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, StatusCode};
use serde_json::{json, Value};
use swg_model::api::path as api;
use swg_model::staff::{path, StaffRole};
use swg_server::staff::{accounts, audit};
use swg_tests::{booking_json, open_slots, phone, App, WINDOW};

/// A signed-in browser: its session cookie and the CSRF token of its pages.
struct Console<'a> {
    app: &'a App,
    cookie: String,
    csrf: String,
}

fn form_body(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

async fn post_form(
    app: &App,
    uri: &str,
    cookie: Option<&str>,
    pairs: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    let mut request = http::Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    app.exchange(request.body(Body::from(form_body(pairs))).expect("request")).await
}

async fn get(app: &App, uri: &str, cookie: Option<&str>) -> (StatusCode, HeaderMap, String) {
    let mut request = http::Request::builder().method(Method::GET).uri(uri);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    app.exchange(request.body(Body::empty()).expect("request")).await
}

fn csrf_of(page: &str) -> String {
    let start = page
        .find("name=\"csrf\" value=\"")
        .map(|i| i + "name=\"csrf\" value=\"".len())
        .expect("a CSRF field");
    page[start..].split('"').next().unwrap_or_default().to_owned()
}

/// Creates an account, signs in with its one-time password and replaces it.
async fn sign_in<'a>(app: &'a App, user: &str, role: StaffRole, windows: &[&str]) -> Console<'a> {
    let windows: Vec<String> = windows.iter().map(|w| (*w).to_owned()).collect();
    let once = accounts::add(&app.state.pool, user, "张警官", role, &windows).await.expect("account");
    let (status, headers, _) =
        post_form(app, path::SIGN_IN, None, &[("username", user), ("password", &once)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], path::PASSWORD, "a one-time password must be replaced first");
    let set = headers[header::SET_COOKIE].to_str().expect("cookie").to_owned();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    let cookie = set.split(';').next().unwrap_or_default().to_owned();
    let (status, headers, _) = get(app, path::HOME, Some(&cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "nothing else until then");
    assert_eq!(headers[header::LOCATION], path::PASSWORD);
    let (status, _, page) = get(app, path::PASSWORD, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    let csrf = csrf_of(&page);
    let new = swg_tests::password(0);
    let (status, _, _) = post_form(
        app,
        path::PASSWORD,
        Some(&cookie),
        &[("csrf", &csrf), ("current", &once), ("new", new), ("again", new)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, home) = get(app, path::HOME, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK, "{home}");
    Console { app, cookie, csrf: csrf_of(&home) }
}

impl Console<'_> {
    async fn get(&self, uri: &str) -> (StatusCode, String) {
        let (status, _, page) = get(self.app, uri, Some(&self.cookie)).await;
        (status, page)
    }

    async fn post(&self, uri: &str, pairs: &[(&str, &str)]) -> (StatusCode, String) {
        let mut all = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(pairs);
        let (status, _, page) = post_form(self.app, uri, Some(&self.cookie), &all).await;
        (status, page)
    }
}

async fn actions(app: &App) -> Vec<(String, String, String)> {
    sqlx::query_as("SELECT action, target, detail FROM audit ORDER BY seq")
        .fetch_all(&app.state.pool)
        .await
        .expect("audit")
}

async fn book(app: &App, n: u32) -> Value {
    let (day, slot, _) = open_slots(app).await[0].clone();
    let (status, booked) = app.post_json(api::BOOKINGS, &booking_json(&day, &slot, n)).await;
    assert_eq!(status, StatusCode::CREATED);
    booked
}

async fn complain(app: &App, n: u32, rating: u8) -> Value {
    let body = json!({ "idempotency_key": format!("staff-test-{n}"), "kind": "complaint", "window": WINDOW, "text": "排队两小时没人管。",
        "phone": phone(n), "consent": true, "rating": rating, "what_went_wrong": "窗口长时间无人" });
    let (status, receipt) = app.post_json(api::FEEDBACK, &body).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    receipt
}

#[tokio::test]
async fn only_the_right_password_signs_in_and_the_answer_never_says_which_part_was_wrong() {
    let app = App::start().await;
    accounts::add(&app.state.pool, "li", "李警官", StaffRole::Window, &["huji".into()])
        .await
        .expect("account");
    let (wrong, _, page) =
        post_form(&app, path::SIGN_IN, None, &[("username", "li"), ("password", "guess-guess-guess")]).await;
    let (unknown, _, other) =
        post_form(&app, path::SIGN_IN, None, &[("username", "nobody"), ("password", "x")]).await;
    assert_eq!((wrong, unknown), (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED));
    assert!(page.contains("用户名或密码不对") && other.contains("用户名或密码不对"));
    let console = sign_in(&app, "zhang", StaffRole::Window, &["huji"]).await;
    let (_, home) = console.get(path::HOME).await;
    assert!(home.contains("张警官") && home.contains("派出所户籍窗口"), "{home}");
    let recorded = actions(&app).await;
    assert!(recorded.iter().any(|(a, t, _)| a == "sign-in failed" && t == "li"));
    assert!(
        recorded.iter().any(|(a, t, _)| a == "sign-in failed" && t == "(unknown)"),
        "an unknown name is not recorded"
    );
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_even_against_the_right_one() {
    let app = App::start().await;
    let once = accounts::add(&app.state.pool, "wang", "王警官", StaffRole::Window, &["huji".into()])
        .await
        .expect("account");
    for _ in 0..5 {
        post_form(&app, path::SIGN_IN, None, &[("username", "wang"), ("password", "wrong-wrong")]).await;
    }
    let (status, _, page) =
        post_form(&app, path::SIGN_IN, None, &[("username", "wang"), ("password", &once)]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("锁定"), "{page}");
    // Sixty tries per client in a quarter of an hour (a station's officers share an address).
    for _ in 0..54 {
        post_form(&app, path::SIGN_IN, None, &[("username", "x"), ("password", "y")]).await;
    }
    let (status, _, _) = post_form(&app, path::SIGN_IN, None, &[("username", "x"), ("password", "y")]).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "one client guessing is slowed down whatever the account"
    );
}

#[tokio::test]
async fn a_change_without_the_sessions_token_is_refused_and_recorded() {
    let app = App::start().await;
    let booked = book(&app, 1).await;
    let console = sign_in(&app, "zhang", StaffRole::Window, &["huji"]).await;
    let code = booked["code"].as_str().expect("code");
    let (status, _, _) = post_form(
        &app,
        path::MARK,
        Some(&console.cookie),
        &[("csrf", "forged"), ("code", code), ("status", "done")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, found) = app.post_json(api::BOOKING_LOOKUP, &json!({ "code": code, "phone": phone(1) })).await;
    assert_eq!(found["status"], "booked", "nothing changed");
    assert!(actions(&app).await.iter().any(|(a, t, d)| a == "refused" && t == "csrf" && d == "mark booking"));
}

#[tokio::test]
async fn an_idle_session_ends_and_signing_out_everywhere_ends_them_all() {
    let app = App::start().await;
    let console = sign_in(&app, "zhang", StaffRole::Supervisor, &[]).await;
    sqlx::query("UPDATE staff_sessions SET last_seen = 0").execute(&app.state.pool).await.expect("age");
    let (status, page) = console.get(path::INBOX).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("闲置") && page.contains("工作人员登录"), "{page}");

    let other = sign_in(&app, "li", StaffRole::Supervisor, &[]).await;
    // A second session, as on another device.
    let (status, _, _) =
        post_form(&app, path::SIGN_IN, None, &[("username", "li"), ("password", swg_tests::password(0))])
            .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = other.post(path::SIGN_OUT, &[("everywhere", "on")]).await;
    assert_eq!(status, StatusCode::OK);
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM staff_sessions WHERE username = 'li'")
        .fetch_one(&app.state.pool)
        .await
        .expect("count");
    assert_eq!(n, 0, "both of li's sessions ended");
    assert_eq!(other.get(path::HOME).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn signed_out_clients_get_no_staff_data_and_console_pages_are_never_stored_or_indexed() {
    let app = App::start().await;
    let receipt = complain(&app, 3, 0).await;
    let (status, headers, page) = get(&app, path::INBOX, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!page.contains(receipt["tracking"].as_str().unwrap_or("?")), "{page}");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(headers["x-robots-tag"], "noindex, nofollow");
}

#[tokio::test]
async fn window_staff_cannot_reach_another_windows_records_and_the_attempt_is_recorded() {
    let app = App::start().await;
    let booked = book(&app, 4).await;
    let console = sign_in(&app, "zhao", StaffRole::Window, &["cheguansuo"]).await;
    let (status, _) =
        console.get(&swg_model::staff::day_href(WINDOW, swg_model::calendar::Date::from_unix_china(0))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let code = booked["code"].as_str().expect("code");
    let (status, _) = console.post(path::REVEAL, &[("code", code)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = console.get(path::AUDIT).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the audit trail is for supervisors");
    let refused: Vec<_> = actions(&app).await.into_iter().filter(|(a, _, _)| a == "refused").collect();
    assert_eq!(refused.len(), 3, "{refused:?}");
    assert!(refused.iter().any(|(_, t, d)| t == code && d == "show ID number"));
}

#[tokio::test]
async fn a_two_star_rating_opens_a_case_with_the_local_deadlines() {
    let app = App::start().await;
    let receipt = complain(&app, 5, 2).await;
    let rule = &app.state.site.rectification;
    let filed = swg_model::calendar::Date::parse(receipt["filed_on"].as_str().expect("filed")).expect("date");
    let calendar = &app.state.site.calendar;
    let case = &receipt["case"];
    assert_eq!(case["contact_due"], calendar.add_working_days(filed, rule.contact_days.0).0.to_string());
    assert_eq!(case["fix_due"], calendar.add_working_days(filed, rule.fix_days.0).0.to_string());
    assert_eq!(case["rule"], rule.rule.as_str());
    let praise = complain(&app, 6, 4).await;
    assert!(praise["case"].is_null(), "a 4-star rating opens no case");
}

#[tokio::test]
async fn the_bureaus_work_reaches_the_citizen_the_figures_and_the_audit_trail() {
    let app = App::start().await;
    let booked = book(&app, 7).await;
    let code = booked["code"].as_str().expect("code").to_owned();
    // The booking's day has come (bookings open from tomorrow; a window marks on the day).
    let today = swg_model::calendar::Date::from_unix_china(swg_server::db::now()).to_string();
    sqlx::query("UPDATE bookings SET day = $1 WHERE code = $2")
        .bind(&today)
        .bind(&code)
        .execute(&app.state.pool)
        .await
        .expect("today");
    let receipt = complain(&app, 8, 1).await;
    let tracking = receipt["tracking"].as_str().expect("tracking").to_owned();
    let console = sign_in(&app, "zhang", StaffRole::Window, &["huji"]).await;

    let (status, page) = console.post(path::REVEAL, &[("code", &code)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&swg_tests::id_number(7)), "the full ID number, once asked for");
    let (status, _) = console.post(path::MARK, &[("code", &code), ("status", "done")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, found) = app.post_json(api::BOOKING_LOOKUP, &json!({ "code": code, "phone": phone(7) })).await;
    assert_eq!(found["status"], "done");

    let (status, inbox) = console.get(path::INBOX).await;
    assert!(status == StatusCode::OK && inbox.contains(&tracking), "{inbox}");
    let (status, _) = console
        .post(
            path::REPLY,
            &[("tracking", &tracking), ("reply", "已调整午间排班，向您致歉。"), ("status", "answered")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, page) = console
        .post(
            path::CASE_UPDATE,
            &[
                ("tracking", &tracking),
                ("contacted", "on"),
                ("finding", "属实"),
                ("fix", "午间增开一个窗口"),
                ("close", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let (status, _) = console.post(path::HANDOVER, &[("tracking", &tracking), ("to", "cheguansuo")]).await;
    assert_eq!(status, StatusCode::OK);

    let ask = json!({ "tracking": tracking, "phone": phone(8) });
    let (_, seen) = app.post_json(api::FEEDBACK_LOOKUP, &ask).await;
    assert_eq!(seen["reply"], "已调整午间排班，向您致歉。");
    assert!(seen["answered_on"].is_string());
    assert_eq!(seen["case"]["fix"], "午间增开一个窗口");
    let rate = json!({ "tracking": tracking, "phone": phone(8), "rating": 4 });
    assert_eq!(app.post_json(api::FIX_RATING, &rate).await.0, StatusCode::OK);
    assert_eq!(app.post_json(api::FIX_RATING, &rate).await.0, StatusCode::CONFLICT, "once");

    let (_, stats) = app.get_json(api::STATS).await;
    let month = stats["months"]
        .as_array()
        .and_then(|m| m.iter().find(|f| f["window"] == WINDOW))
        .cloned()
        .expect("a month");
    assert_eq!(
        (month["honoured"].as_u64(), month["cases_due"].as_u64(), month["cases_on_time"].as_u64()),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(month["complaints_on_time"], 1);
    assert!(
        !stats.to_string().contains(&phone(8)) && !stats.to_string().contains(&tracking),
        "no personal data"
    );

    let recorded: Vec<String> = actions(&app).await.into_iter().map(|(a, _, _)| a).collect();
    for action in [
        "signed in",
        "changed password",
        "showed ID number and phone",
        "marked booking",
        "replied",
        "updated case",
        "handed over",
    ] {
        assert!(recorded.iter().any(|a| a == action), "{action} in {recorded:?}");
    }
    assert_eq!(audit::first_broken(&app.state.pool).await.expect("check"), None);
}

#[tokio::test]
async fn a_changed_or_removed_audit_row_is_detected() {
    let app = App::start().await;
    let supervisor = sign_in(&app, "chief", StaffRole::Supervisor, &[]).await;
    let (status, page) = supervisor.get(path::AUDIT).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("审计记录完整"), "{page}");
    sqlx::query("UPDATE audit SET actor = 'someone-else' WHERE seq = 1")
        .execute(&app.state.pool)
        .await
        .expect("tamper");
    assert_eq!(audit::first_broken(&app.state.pool).await.expect("check"), Some(1));
    let (_, page) = supervisor.get(path::AUDIT).await;
    assert!(page.contains("第 1 条起被改动过"), "{page}");
    let app = App::start().await;
    let _ = sign_in(&app, "chief", StaffRole::Supervisor, &[]).await;
    sqlx::query("DELETE FROM audit WHERE seq = 1").execute(&app.state.pool).await.expect("remove");
    assert!(
        audit::first_broken(&app.state.pool).await.expect("check").is_some(),
        "a removed row breaks the chain"
    );
    let (status, csv) = {
        let chief = Console { app: &app, cookie: String::new(), csrf: String::new() };
        chief.get(path::AUDIT_CSV).await
    };
    assert_eq!(status, StatusCode::UNAUTHORIZED, "signed out: no export: {csv}");
}

#[tokio::test]
async fn an_administrator_adds_and_resets_accounts_and_nobody_else_may() {
    let app = App::start().await;
    let admin = sign_in(&app, "boss", StaffRole::Admin, &[]).await;
    let (status, page) = admin
        .post(
            path::ACCOUNT_ADD,
            &[("username", "chen"), ("display_name", "陈警官"), ("role", "window"), ("windows", "huji")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let start =
        page.find("<p class=\"code\">").expect("the one-time password is shown") + "<p class=\"code\">".len();
    let once = page[start..].split('<').next().unwrap_or_default().to_owned();
    let (status, headers, _) =
        post_form(&app, path::SIGN_IN, None, &[("username", "chen"), ("password", &once)]).await;
    assert_eq!(
        (status, &headers[header::LOCATION]),
        (StatusCode::SEE_OTHER, &http::HeaderValue::from_static(path::PASSWORD))
    );
    let (status, page) = admin
        .post(
            path::ACCOUNT_ADD,
            &[("username", "chen"), ("display_name", "陈"), ("role", "window"), ("windows", "nowhere")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("没有窗口 nowhere"), "{page}");
    for _ in 0..5 {
        post_form(&app, path::SIGN_IN, None, &[("username", "chen"), ("password", "wrong-wrong")]).await;
    }
    let (status, page) = admin.post(path::ACCOUNT_RESET, &[("username", "chen")]).await;
    assert_eq!(status, StatusCode::OK);
    let start =
        page.find("<p class=\"code\">").expect("a new one-time password") + "<p class=\"code\">".len();
    let fresh = page[start..].split('<').next().unwrap_or_default().to_owned();
    let (status, _, _) =
        post_form(&app, path::SIGN_IN, None, &[("username", "chen"), ("password", &fresh)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "unlocked, with the new password");

    let window = sign_in(&app, "zhou", StaffRole::Window, &["huji"]).await;
    assert_eq!(window.get(path::ACCOUNTS).await.0, StatusCode::FORBIDDEN);
    let (status, _) = window
        .post(path::ACCOUNT_ADD, &[("username", "evil"), ("display_name", "x"), ("role", "admin")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(accounts::find(&app.state.pool, "evil").await.expect("find").is_none());
    let recorded = actions(&app).await;
    assert!(recorded.iter().any(|(a, t, _)| a == "added account" && t == "chen"));
    assert!(recorded.iter().any(|(a, t, _)| a == "reset account" && t == "chen"));
    assert!(recorded.iter().any(|(a, t, d)| a == "refused" && t == "evil" && d == "add account"));
}

#[tokio::test]
async fn a_one_time_password_opens_nothing_but_the_password_page_and_a_new_one_ends_other_sessions() {
    let app = App::start().await;
    let once = accounts::add(&app.state.pool, "sun", "孙警官", StaffRole::Window, &["huji".into()])
        .await
        .expect("account");
    let (_, headers, _) =
        post_form(&app, path::SIGN_IN, None, &[("username", "sun"), ("password", &once)]).await;
    let cookie = headers[header::SET_COOKIE]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .unwrap_or_default()
        .to_owned();
    for page in [path::INBOX, path::CASES, path::AUDIT] {
        let (status, headers, _) = get(&app, page, Some(&cookie)).await;
        assert_eq!(
            (status, &headers[header::LOCATION]),
            (StatusCode::SEE_OTHER, &http::HeaderValue::from_static(path::PASSWORD)),
            "{page}"
        );
    }
    let (_, _, page) = get(&app, path::PASSWORD, Some(&cookie)).await;
    let csrf = csrf_of(&page);
    let (status, _, page) = post_form(
        &app,
        path::PASSWORD,
        Some(&cookie),
        &[("csrf", &csrf), ("current", &once), ("new", &once), ("again", &once)],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the one-time password cannot stay");
    assert!(page.contains("不能和现在的密码相同"));
    // Another device signed in with the one-time password is signed out by the change.
    let (_, headers, _) =
        post_form(&app, path::SIGN_IN, None, &[("username", "sun"), ("password", &once)]).await;
    let other = headers[header::SET_COOKIE]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .unwrap_or_default()
        .to_owned();
    let new = swg_tests::password(0);
    let (status, _, _) = post_form(
        &app,
        path::PASSWORD,
        Some(&cookie),
        &[("csrf", &csrf), ("current", &once), ("new", new), ("again", new)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(get(&app, path::HOME, Some(&cookie)).await.0, StatusCode::OK);
    assert_eq!(get(&app, path::HOME, Some(&other)).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_window_marks_on_the_day_calls_back_before_closing_and_a_handover_moves_the_case() {
    let app = App::start().await;
    let booked = book(&app, 12).await;
    let receipt = complain(&app, 13, 2).await;
    let tracking = receipt["tracking"].as_str().expect("tracking").to_owned();
    let zhang = sign_in(&app, "zhang", StaffRole::Window, &["huji"]).await;
    let li = sign_in(&app, "li", StaffRole::Window, &["churujing"]).await;

    let (status, page) = zhang
        .post(path::MARK, &[("code", booked["code"].as_str().unwrap_or_default()), ("status", "no_show")])
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "a coming day cannot be marked no-show: {page}");

    let (status, _) = zhang
        .post(
            path::REPLY,
            &[("tracking", &tracking), ("reply", "正在核实，稍后答复。"), ("status", "in_progress")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, seen) =
        app.post_json(api::FEEDBACK_LOOKUP, &json!({ "tracking": tracking, "phone": phone(13) })).await;
    assert!(seen["answered_on"].is_null(), "a holding reply is not the answer: {seen}");

    let (_, page) = zhang
        .post(
            path::CASE_UPDATE,
            &[("tracking", &tracking), ("finding", "属实"), ("fix", "增开窗口"), ("close", "on")],
        )
        .await;
    assert!(page.contains("要先电话回访才能办结"), "{page}");
    let (status, page) = zhang.post(path::CALL, &[("tracking", &tracking)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&phone(13)), "the full number, to call back");

    let (status, _) = zhang.post(path::HANDOVER, &[("tracking", &tracking), ("to", "churujing")]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, page) =
        li.post(path::REPLY, &[("tracking", &tracking), ("reply", "抢先答复"), ("status", "answered")]).await;
    assert!(page.contains("请先接收转交"), "not before accepting: {page}");
    let (status, _) = li.post(path::ACCEPT, &[("tracking", &tracking)]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, cases) = li.get(path::CASES).await;
    assert!(cases.contains(&tracking), "the case moved with the complaint");
    let (_, cases) = zhang.get(path::CASES).await;
    assert!(!cases.contains(&tracking));

    let (_, page) = li
        .post(
            path::CASE_UPDATE,
            &[
                ("tracking", &tracking),
                ("contacted", "on"),
                ("finding", "属实"),
                ("fix", "增开窗口"),
                ("close", "on"),
            ],
        )
        .await;
    assert!(page.contains("整改已办结"), "{page}");
    let (_, page) = li
        .post(
            path::CASE_UPDATE,
            &[
                ("tracking", &tracking),
                ("contacted", "on"),
                ("finding", "改口"),
                ("fix", "改写"),
                ("close", "on"),
            ],
        )
        .await;
    assert!(page.contains("已经办结，记录不能再改"), "{page}");
    let (_, seen) =
        app.post_json(api::FEEDBACK_LOOKUP, &json!({ "tracking": tracking, "phone": phone(13) })).await;
    assert_eq!(seen["case"]["fix"], "增开窗口");
    assert!(actions(&app).await.iter().any(|(a, t, _)| a == "showed phone" && *t == tracking));
}
