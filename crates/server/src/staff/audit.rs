//! The audit trail: who did what, when, to which record, from where. Append-only (nothing here
//! updates or deletes a row) and tamper-evident: each entry's hash covers the one before.

use crate::db::{now, Pool};
use crate::error::Failure;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use sqlx::{Any, Transaction};
use swg_model::calendar::Date;
use swg_model::staff::AuditEntry;

/// One thing to record.
#[derive(Clone, Copy)]
pub struct Event<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub target: &'a str,
    pub detail: &'a str,
    pub client: &'a str,
}

#[derive(Debug, sqlx::FromRow)]
struct Row {
    seq: i64,
    at: i64,
    actor: String,
    action: String,
    target: String,
    detail: String,
    client: String,
    prev_hash: String,
    hash: String,
}

fn digest(prev: &str, seq: i64, at: i64, e: &Event<'_>) -> String {
    let mut hasher = Sha256::new();
    for part in [prev, &seq.to_string(), &at.to_string(), e.actor, e.action, e.target, e.detail, e.client] {
        hasher.update(u64::try_from(part.len()).unwrap_or(u64::MAX).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    URL_SAFE_NO_PAD.encode(hasher.finalize())
}

/// Appends an entry inside the caller's transaction, so the record and the change it describes
/// are kept or lost together. Two writers racing for the same number meet the primary key; the
/// caller's `db::retrying` tries again.
pub async fn record(tx: &mut Transaction<'static, Any>, event: Event<'_>) -> Result<(), Failure> {
    let last: Option<(i64, String)> = sqlx::query_as("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
        .fetch_optional(&mut **tx)
        .await?;
    let (seq, prev) = last.map_or((1, String::new()), |(seq, hash)| (seq + 1, hash));
    let at = now();
    sqlx::query(
        "INSERT INTO audit (seq, at, actor, action, target, detail, client, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(seq)
    .bind(at)
    .bind(event.actor)
    .bind(event.action)
    .bind(event.target)
    .bind(event.detail)
    .bind(event.client)
    .bind(&prev)
    .bind(digest(&prev, seq, at, &event))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Appends an entry on its own (for events that change nothing else).
pub async fn record_alone(pool: &Pool, event: Event<'_>) -> Result<(), Failure> {
    crate::db::retrying(|| async {
        let mut tx = pool.begin().await?;
        record(&mut tx, event).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// The first entry that does not follow from the one before (changed, removed or inserted),
/// or `None` when the whole chain holds.
pub async fn first_broken(pool: &Pool) -> Result<Option<i64>, Failure> {
    let rows: Vec<Row> = sqlx::query_as("SELECT * FROM audit ORDER BY seq").fetch_all(pool).await?;
    let mut prev = String::new();
    for (n, row) in rows.iter().enumerate() {
        let event = Event {
            actor: &row.actor,
            action: &row.action,
            target: &row.target,
            detail: &row.detail,
            client: &row.client,
        };
        let expected_seq = i64::try_from(n).unwrap_or(i64::MAX) + 1;
        if row.seq != expected_seq
            || row.prev_hash != prev
            || row.hash != digest(&prev, row.seq, row.at, &event)
        {
            return Ok(Some(row.seq));
        }
        prev = row.hash.clone();
    }
    Ok(None)
}

fn china_time(at: i64) -> String {
    let local = at + 8 * 3600;
    let day = Date::from_unix_china(at);
    let seconds = local.rem_euclid(86_400);
    format!("{day} {:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

/// The newest `limit` entries, newest first.
pub async fn latest(pool: &Pool, limit: i64) -> Result<Vec<AuditEntry>, Failure> {
    let rows: Vec<Row> =
        sqlx::query_as("SELECT * FROM audit ORDER BY seq DESC LIMIT $1").bind(limit).fetch_all(pool).await?;
    Ok(rows.into_iter().map(entry).collect())
}

/// An action in words for the console and the export (stored as a fixed English id).
pub fn action_label(action: &str) -> &str {
    match action {
        "signed in" => "登录",
        "sign-in failed" => "登录失败",
        "sign-in refused: locked" => "账号锁定中，拒绝登录",
        "signed out" => "退出",
        "changed password" => "修改密码",
        "marked booking" => "标记预约",
        "showed ID number and phone" => "查看完整证件号和电话",
        "showed phone" => "查看完整电话",
        "replied" => "答复",
        "handed over" => "转交",
        "accepted handover" => "接收转交",
        "updated case" => "差评整改",
        "exported audit" => "导出审计记录",
        "added account" => "新建账号",
        "reset account" => "重置密码",
        "refused" => "被拒绝的操作",
        other => other,
    }
}

fn entry(row: Row) -> AuditEntry {
    AuditEntry {
        seq: row.seq,
        at: china_time(row.at),
        actor: row.actor,
        action: action_label(&row.action).to_owned(),
        target: row.target,
        detail: row.detail,
        client: row.client,
    }
}

/// Every entry as CSV (RFC 4180), oldest first, with each entry's hash for checking elsewhere.
pub async fn csv(pool: &Pool) -> Result<String, Failure> {
    let rows: Vec<Row> = sqlx::query_as("SELECT * FROM audit ORDER BY seq").fetch_all(pool).await?;
    // Quoted; a text cell a spreadsheet would run as a formula is prefixed with '. The hashes
    // are written as they are, so the chain can be checked from the export.
    let quoted = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
    let text = |text: &str| {
        if text.starts_with(['=', '+', '-', '@']) {
            quoted(&format!("'{text}"))
        } else {
            quoted(text)
        }
    };
    let mut out = String::from("序号,时间,人员,操作,操作（原文）,对象,说明,来源,前一条哈希,哈希\r\n");
    for row in rows {
        let (prev, hash, seq, raw) = (row.prev_hash.clone(), row.hash.clone(), row.seq, row.action.clone());
        let e = entry(row);
        let cells = [e.at, e.actor, e.action, raw, e.target, e.detail, e.client].map(|c| text(&c));
        out.push_str(&format!("{seq},{},{},{}\r\n", cells.join(","), quoted(&prev), quoted(&hash)));
    }
    Ok(out)
}
