//! The database: SQLite by default (a file, WAL mode), PostgreSQL when the URL says so; the
//! same portable migrations for both.

use crate::error::Failure;
use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use std::time::Duration;

pub type Pool = AnyPool;

pub fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// Connects, creating the SQLite file and its folder if needed, and runs the migrations.
pub async fn connect(url: &str) -> Result<Pool, String> {
    sqlx::any::install_default_drivers();
    let mut url = url.to_owned();
    let sqlite = is_sqlite(&url);
    if sqlite {
        let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
        let path = path.split('?').next().unwrap_or_default();
        if let Some(parent) = std::path::Path::new(path).parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        if !url.contains('?') {
            url.push_str("?mode=rwc");
        }
    }
    let pool = AnyPoolOptions::new()
        .max_connections(if sqlite { 8 } else { 16 })
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if sqlite {
                    // Wait for the writer instead of failing; every commit reaches the disk.
                    sqlx::query("PRAGMA busy_timeout = 30000").execute(&mut *conn).await?;
                    sqlx::query("PRAGMA synchronous = FULL").execute(&mut *conn).await?;
                    sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await?;
                }
                Ok(())
            })
        })
        .connect(&url)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    if sqlite {
        sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await.map_err(|e| e.to_string())?;
    }
    sqlx::migrate!("./migrations").run(&pool).await.map_err(|e| format!("migration failed: {e}"))?;
    Ok(pool)
}

/// An error that trying again can cure: a unique violation (every insert that can meet one
/// inserts a fresh random code), a PostgreSQL serialization failure or deadlock, a busy SQLite.
pub fn is_transient(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|d| {
        d.is_unique_violation()
            || matches!(d.code().as_deref(), Some("40001" | "40P01" | "5" | "6" | "517" | "262"))
    })
}

/// Runs `attempt` again, up to four more times with a growing pause, while it fails with a
/// transient database error; each attempt is its own transaction.
pub async fn retrying<T, F, Fut>(mut attempt: F) -> Result<T, Failure>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, Failure>>,
{
    let mut pause = Duration::from_millis(5);
    for _ in 0..4 {
        match attempt().await {
            Err(Failure::Busy(detail)) => {
                tracing::warn!(%detail, "trying again after a transient database error");
                tokio::time::sleep(pause).await;
                pause *= 3;
            }
            other => return other,
        }
    }
    attempt().await
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

/// One character of a code, from an alphabet without look-alikes (no 0/O, 1/I/L).
pub fn code_char(byte: u8) -> char {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    char::from(ALPHABET[usize::from(byte) % ALPHABET.len()])
}

/// `len` random characters of the code alphabet.
pub fn random_code(len: usize) -> Result<String, String> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness available: {e}"))?;
    Ok(bytes.into_iter().map(code_char).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test]
    async fn a_code_that_collides_is_tried_again_with_a_fresh_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = connect(&format!("sqlite://{}", dir.path().join("t.db").display())).await.expect("db");
        sqlx::query("INSERT INTO slot_usage (slot_key, booked) VALUES ('TAKEN', 0)")
            .execute(&pool)
            .await
            .expect("row");
        // The first two attempts draw a code that is taken; the third a free one.
        let attempts = AtomicU32::new(0);
        let result = retrying(|| {
            let n = attempts.fetch_add(1, Ordering::SeqCst);
            let pool = pool.clone();
            async move {
                let code = if n < 2 { "TAKEN".to_owned() } else { format!("FREE{n}") };
                sqlx::query("INSERT INTO slot_usage (slot_key, booked) VALUES ($1, 0)")
                    .bind(&code)
                    .execute(&pool)
                    .await?;
                Ok(code)
            }
        })
        .await;
        assert_eq!(result.ok(), Some("FREE2".to_owned()));
        assert_eq!(attempts.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_failure_that_trying_again_cannot_cure_is_not_retried() {
        let attempts = AtomicU32::new(0);
        let result: Result<(), Failure> = retrying(|| {
            attempts.fetch_add(1, Ordering::SeqCst);
            async { Err(Failure::Unavailable("the disk is full".into())) }
        })
        .await;
        assert!(matches!(result, Err(Failure::Unavailable(_))));
        assert_eq!(attempts.load(Ordering::SeqCst), 1);
    }
}
