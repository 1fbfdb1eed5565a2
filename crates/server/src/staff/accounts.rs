//! Staff accounts: created by command with a one-time password, argon2id hashes, sign-in with
//! lock-out after repeated failures.

use crate::db::{self, now, Pool};
use crate::error::Failure;
use crate::rows::{Flag, Int, Text};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use swg_model::staff::{AccountRow, StaffRole};

/// Failed sign-ins after which an account is locked, and for how long (seconds).
const MAX_FAILURES: i64 = 5;
const LOCK_SECONDS: i64 = 15 * 60;

/// A stored account.
#[derive(Debug, sqlx::FromRow)]
pub struct StaffRow {
    pub username: String,
    pub display_name: String,
    pub role: Text<StaffRole>,
    pub windows: String,
    pub password_hash: String,
    pub must_change: Int<Flag>,
    pub failed_attempts: i64,
    pub locked_until: i64,
}

impl StaffRow {
    /// The windows this account may act on; every window for supervisors and administrators.
    pub fn may_act_on(&self, window: &str) -> bool {
        self.role.0 != StaffRole::Window || self.windows.split(',').any(|w| w == window)
    }
}

fn hash(password: &str) -> Result<String, Failure> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Failure::Unavailable(format!("no randomness available: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| Failure::Unavailable(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Failure::Unavailable(format!("password hashing failed: {e}")))
}

fn matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A username: 2–32 lower-case letters, digits, '.', '-' or '_'.
pub fn parse_username(name: &str) -> Result<String, String> {
    let ok = (2..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_'));
    if ok {
        Ok(name.to_owned())
    } else {
        Err(format!("`{name}`: a username is 2 to 32 lower-case letters, digits, '.', '-' or '_'"))
    }
}

/// A new password must be 12 characters or more.
pub fn parse_password(password: &str) -> Result<&str, String> {
    if password.chars().count() >= 12 {
        Ok(password)
    } else {
        Err("新密码至少 12 位".to_owned())
    }
}

/// Creates an account with a random one-time password, which it returns (to be shown once and
/// replaced at the first sign-in).
pub async fn add(
    pool: &Pool,
    username: &str,
    display_name: &str,
    role: StaffRole,
    windows: &[String],
) -> Result<String, Failure> {
    let password = db::random_code(16).map_err(Failure::Unavailable)?;
    let inserted = sqlx::query(
        "INSERT INTO staff (username, display_name, role, windows, password_hash, must_change, failed_attempts, locked_until, created_at) \
         VALUES ($1, $2, $3, $4, $5, 1, 0, 0, $6) ON CONFLICT (username) DO NOTHING",
    )
    .bind(username)
    .bind(display_name)
    .bind(role.id())
    .bind(windows.join(","))
    .bind(hash(&password)?)
    .bind(now())
    .execute(pool)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(Failure::Conflict(format!("the account `{username}` exists already").into()));
    }
    Ok(password)
}

pub async fn find(pool: &Pool, username: &str) -> Result<Option<StaffRow>, Failure> {
    Ok(sqlx::query_as("SELECT * FROM staff WHERE username = $1").bind(username).fetch_optional(pool).await?)
}

/// Why a sign-in failed.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Wrong username or password (the same answer for both).
    Wrong,
    /// Too many failures: locked until then (seconds since the epoch).
    Locked(i64),
}

/// Checks a password; counts failures and locks the account after too many.
pub async fn sign_in(
    pool: &Pool,
    username: &str,
    password: &str,
) -> Result<Result<StaffRow, Refusal>, Failure> {
    let Some(account) = find(pool, username).await? else {
        // The same work as for a real account, so timing does not tell which names exist.
        static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        if let Some(dummy) = DUMMY.get().cloned().or_else(|| hash("not a password").ok()) {
            let _ = matches(password, DUMMY.get_or_init(|| dummy));
        }
        return Ok(Err(Refusal::Wrong));
    };
    if account.locked_until > now() {
        return Ok(Err(Refusal::Locked(account.locked_until)));
    }
    if matches(password, &account.password_hash) {
        sqlx::query("UPDATE staff SET failed_attempts = 0, locked_until = 0 WHERE username = $1")
            .bind(username)
            .execute(pool)
            .await?;
        return Ok(Ok(account));
    }
    let failures = account.failed_attempts + 1;
    let locked_until = if failures >= MAX_FAILURES { now() + LOCK_SECONDS } else { 0 };
    sqlx::query("UPDATE staff SET failed_attempts = $1, locked_until = $2 WHERE username = $3")
        .bind(if locked_until > 0 { 0 } else { failures })
        .bind(locked_until)
        .bind(username)
        .execute(pool)
        .await?;
    Ok(Err(if locked_until > 0 { Refusal::Locked(locked_until) } else { Refusal::Wrong }))
}

/// Replaces a password (after checking the current one) and ends the one-time state.
pub async fn change_password(pool: &Pool, username: &str, new: &str) -> Result<(), Failure> {
    sqlx::query("UPDATE staff SET password_hash = $1, must_change = 0 WHERE username = $2")
        .bind(hash(new)?)
        .bind(username)
        .execute(pool)
        .await?;
    Ok(())
}

/// Every account, for administrators.
pub async fn list(pool: &Pool) -> Result<Vec<AccountRow>, Failure> {
    let rows: Vec<StaffRow> = sqlx::query_as("SELECT * FROM staff ORDER BY username").fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| AccountRow {
            locked: r.locked_until > now(),
            must_change: r.must_change.0 .0,
            windows: r.windows.split(',').filter(|w| !w.is_empty()).map(str::to_owned).collect(),
            role: r.role.0,
            display_name: r.display_name,
            username: r.username,
        })
        .collect())
}

/// Gives an account a new one-time password, unlocks it and ends its sessions; `None` if
/// there is no such account.
pub async fn reset(pool: &Pool, username: &str) -> Result<Option<String>, Failure> {
    let password = db::random_code(16).map_err(Failure::Unavailable)?;
    let updated = sqlx::query(
        "UPDATE staff SET password_hash = $1, must_change = 1, failed_attempts = 0, locked_until = 0 WHERE username = $2",
    )
    .bind(hash(&password)?)
    .bind(username)
    .execute(pool)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(None);
    }
    sqlx::query("DELETE FROM staff_sessions WHERE username = $1").bind(username).execute(pool).await?;
    Ok(Some(password))
}

/// Whether `password` is the account's current password (no failure is counted).
pub fn is_current(account: &StaffRow, password: &str) -> bool {
    matches(password, &account.password_hash)
}
