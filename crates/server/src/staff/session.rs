//! Staff sessions: a random cookie (only its keyed hash is stored), a CSRF token per session,
//! an idle timeout, and signing out here or everywhere.

use crate::db::{self, now};
use crate::error::Failure;
use crate::personal::Purpose;
use crate::AppState;
use axum::http::{header, HeaderMap, HeaderValue};

pub const COOKIE: &str = "swg_staff";

/// A signed-in session.
#[derive(Debug, sqlx::FromRow)]
pub struct Session {
    pub token_hash: String,
    pub username: String,
    pub csrf: String,
    pub last_seen: i64,
}

fn token_hash(state: &AppState, token: &str) -> String {
    state.keys.hash(Purpose::Lookup, &["staff session", token])
}

fn idle_seconds(state: &AppState) -> i64 {
    i64::from(state.config.staff_idle_minutes) * 60
}

/// Starts a session for `username`; the `Set-Cookie` value to send.
pub async fn start(state: &AppState, username: &str) -> Result<HeaderValue, Failure> {
    let token = db::random_code(32).map_err(Failure::Unavailable)?;
    let csrf = db::random_code(24).map_err(Failure::Unavailable)?;
    sqlx::query("INSERT INTO staff_sessions (token_hash, username, csrf, created_at, last_seen) VALUES ($1, $2, $3, $4, $4)")
        .bind(token_hash(state, &token))
        .bind(username)
        .bind(&csrf)
        .bind(now())
        .execute(&state.pool)
        .await?;
    cookie(state, &token, idle_seconds(state))
}

/// The cookie: never readable by scripts, never sent from another site, `Secure` over TLS.
fn cookie(state: &AppState, token: &str, max_age: i64) -> Result<HeaderValue, Failure> {
    let secure = if state.config.hsts { "; Secure" } else { "" };
    let base = swg_model::route::base_path();
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; Path={base}/staff; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .map_err(|e| Failure::Unavailable(e.to_string()))
}

/// A cookie that removes the session cookie from the browser.
pub fn clearing(state: &AppState) -> Result<HeaderValue, Failure> {
    cookie(state, "", 0)
}

fn token_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(COOKIE).and_then(|rest| rest.strip_prefix('=')))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Whose session a request carries.
pub enum Current {
    Signed(Session),
    /// A cookie whose session ended by the idle timeout.
    Expired,
    None,
}

/// The request's session, touched (its idle time starts again); an idle one is ended here.
pub async fn current(state: &AppState, headers: &HeaderMap) -> Result<Current, Failure> {
    let Some(token) = token_of(headers) else { return Ok(Current::None) };
    let hash = token_hash(state, &token);
    let found: Option<Session> = sqlx::query_as(
        "SELECT token_hash, username, csrf, last_seen FROM staff_sessions WHERE token_hash = $1",
    )
    .bind(&hash)
    .fetch_optional(&state.pool)
    .await?;
    let Some(session) = found else { return Ok(Current::None) };
    if now() - session.last_seen > idle_seconds(state) {
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(&hash)
            .execute(&state.pool)
            .await?;
        return Ok(Current::Expired);
    }
    sqlx::query("UPDATE staff_sessions SET last_seen = $1 WHERE token_hash = $2")
        .bind(now())
        .bind(&hash)
        .execute(&state.pool)
        .await?;
    Ok(Current::Signed(session))
}

/// Ends this session, or every session of its account.
pub async fn end(state: &AppState, session: &Session, everywhere: bool) -> Result<u64, Failure> {
    let ended = if everywhere {
        sqlx::query("DELETE FROM staff_sessions WHERE username = $1")
            .bind(&session.username)
            .execute(&state.pool)
            .await?
    } else {
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(&session.token_hash)
            .execute(&state.pool)
            .await?
    };
    Ok(ended.rows_affected())
}

/// "HH:MM" China time when the session ends if left idle from now.
pub fn idle_until(state: &AppState) -> String {
    let at = (now() + idle_seconds(state) + 8 * 3600).rem_euclid(86_400);
    format!("{:02}:{:02}", at / 3600, at / 60 % 60)
}

/// Whether a form's CSRF token is the session's (compared without early exit).
pub fn csrf_ok(session: &Session, given: &str) -> bool {
    session.csrf.len() == given.len()
        && session.csrf.bytes().zip(given.bytes()).fold(0u8, |d, (a, b)| d | (a ^ b)) == 0
}

/// Deletes sessions idle past the timeout (the daily purge).
pub async fn purge(pool: &db::Pool, idle_minutes: u32) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM staff_sessions WHERE last_seen < $1")
        .bind(now() - i64::from(idle_minutes) * 60)
        .execute(pool)
        .await?
        .rows_affected())
}
