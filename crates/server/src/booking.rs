//! Appointments: availability, booking, look-up, reschedule, cancel. Every rule that must hold
//! across instances (last place, idempotency, per-phone cap) is held by the database.

use crate::db::{self, now, Pool};
use crate::error::Failure;
use crate::idempotency::{claim, parse_key, WorkKind};
use crate::places::{release_place, slot_key, take_place};
use crate::rows::{BookingRow, SlotUsage};
use crate::AppState;
use sqlx::{Any, Transaction};
use swg_content::Site;
use swg_model::api::{
    Availability, Booking, BookingLookup, BookingRequest, BookingStatus, DayInfo, Need, Reschedule, SlotInfo,
};
use swg_model::booking::{bookable_days, slot_end, slots};
use swg_model::calendar::{Calendar, Date, BEYOND_CALENDAR};
use swg_model::checklist::{applicable, Answers};
use swg_model::form::{parse_name, Errors, FieldName, IdNumber, Phone};
use swg_model::{GuidePage, WindowPage};

/// Today in China time.
pub fn today() -> Date {
    Date::from_unix_china(now())
}

fn bookable_window<'a>(site: &'a Site, id: &str) -> Option<&'a WindowPage> {
    site.windows.iter().find(|w| w.id == id && w.local.booking.is_some())
}

fn capacity(window: &WindowPage) -> i64 {
    window.local.booking.as_ref().map_or(0, |b| i64::from(b.capacity))
}

/// The days and slots of a window with the places left in each.
pub async fn availability(state: &AppState, window_id: &str) -> Result<Availability, Failure> {
    let window = bookable_window(&state.site, window_id)
        .ok_or_else(|| Failure::NotFound("这个窗口不接受网上预约，请拨打窗口电话。".into()))?;
    let prefix = format!("{window_id}|");
    let taken = sqlx::query_as::<_, SlotUsage>(
        "SELECT slot_key, booked FROM slot_usage WHERE slot_key > $1 AND slot_key < $2",
    )
    .bind(&prefix)
    .bind(format!("{window_id}}}"))
    .fetch_all(&state.pool)
    .await?;
    let capacity = capacity(window);
    let days: Vec<DayInfo> = bookable_days(&window.local, &state.site.calendar, today())
        .into_iter()
        .map(|day| DayInfo {
            day,
            label: day.label(),
            slots: slots(&window.local, &state.site.calendar, day)
                .into_iter()
                .map(|(start, end)| {
                    let key = slot_key(window_id, day, &start);
                    let booked =
                        taken.iter().find(|u| u.slot_key == key).map_or(0, |u| i64::from(u.booked.0));
                    SlotInfo { start, end, remaining: u32::try_from((capacity - booked).max(0)).unwrap_or(0) }
                })
                .collect(),
        })
        .collect();
    let note =
        days.iter().any(|d| !state.site.calendar.is_published(d.day)).then(|| BEYOND_CALENDAR.to_owned());
    Ok(Availability { window: window_id.to_owned(), days, note })
}

/// A booking request with every field parsed.
struct Valid<'a> {
    key: String,
    window: &'a WindowPage,
    guide: &'a GuidePage,
    day: Date,
    slot: String,
    name: String,
    phone: Phone,
    id_number: IdNumber,
    need: Need,
    home_visit: bool,
}

/// Checks that `day` and `slot` can be booked at `window` today; field errors otherwise.
fn parse_slot(
    errors: &mut Errors,
    calendar: &Calendar,
    window: Option<&WindowPage>,
    day: &str,
    slot: &str,
) -> Option<(Date, String)> {
    let day = if day.is_empty() {
        errors.add(FieldName::Day, "请选择预约日期");
        None
    } else {
        let parsed = Date::parse(day);
        let open = parsed.zip(window).filter(|(d, w)| bookable_days(&w.local, calendar, today()).contains(d));
        if open.is_none() {
            errors.add(FieldName::Day, "这一天不能预约（节假日、已过或超出可预约范围），请另选日期");
        }
        open.map(|(d, _)| d)
    };
    if slot.is_empty() {
        errors.add(FieldName::Slot, "请选择时段");
        return None;
    }
    let (day, window) = (day?, window?);
    if slot_end(&window.local, calendar, day, slot).is_none() {
        errors.add(FieldName::Slot, "这个时段不存在，请另选");
        return None;
    }
    Some((day, slot.to_owned()))
}

fn parse_request<'a>(site: &'a Site, req: &BookingRequest) -> Result<Valid<'a>, Failure> {
    let key = parse_key(&req.idempotency_key)?;
    let mut errors = Errors::default();
    let window = if req.window.is_empty() {
        errors.add(FieldName::Window, "请选择办理窗口");
        None
    } else {
        let found = bookable_window(site, &req.window);
        if found.is_none() {
            errors.add(FieldName::Window, "这个窗口不接受网上预约，请拨打窗口电话");
        }
        found
    };
    let guide = site
        .guides
        .iter()
        .find(|g| g.id == req.service && Some(g.window.id.as_str()) == window.map(|w| w.id.as_str()));
    if guide.is_none() {
        errors.add(FieldName::Service, "请选择这个窗口办理的事项");
    }
    let when = parse_slot(&mut errors, &site.calendar, window, &req.day, &req.slot);
    let name = errors.take(FieldName::Name, parse_name(&req.name));
    let phone = errors.take(FieldName::Phone, Phone::parse(&req.phone));
    let id_number = errors.take(FieldName::IdNumber, IdNumber::parse(&req.id_number));
    let need = Need::parse(&req.need);
    if need.is_none() {
        errors.add(FieldName::Need, "请选择是否需要绿色通道");
    }
    match (window, guide, when, name, phone, id_number, need) {
        (
            Some(window),
            Some(guide),
            Some((day, slot)),
            Some(name),
            Some(phone),
            Some(id_number),
            Some(need),
        ) if errors.0.is_empty() => Ok(Valid {
            key,
            window,
            guide,
            day,
            slot,
            name,
            phone,
            id_number,
            need,
            home_visit: req.home_visit,
        }),
        _ => Err(Failure::Invalid(errors.0)),
    }
}

/// Books a place. Returns the booking and whether it was created now (false: a retry).
pub async fn book(state: &AppState, req: &BookingRequest) -> Result<(Booking, bool), Failure> {
    let valid = parse_request(&state.site, req)?;
    let code = db::random_code(8).map_err(Failure::Unavailable)?;
    let mut tx = state.pool.begin().await?;
    if let Some(existing) = claim(&mut tx, &valid.key, WorkKind::Booking, &code).await? {
        tx.rollback().await?;
        return Ok((load(state, &existing).await?, false));
    }
    sqlx::query("INSERT INTO phone_locks (phone, touched) VALUES ($1, $2) ON CONFLICT (phone) DO NOTHING")
        .bind(valid.phone.as_str())
        .bind(now())
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE phone_locks SET touched = $1 WHERE phone = $2")
        .bind(now())
        .bind(valid.phone.as_str())
        .execute(&mut *tx)
        .await?;
    let held: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM bookings WHERE phone = $1 AND status = $2 AND day >= $3",
    )
    .bind(valid.phone.as_str())
    .bind(BookingStatus::Booked.id())
    .bind(today().to_string())
    .fetch_one(&mut *tx)
    .await?;
    let cap = i64::from(state.config.max_bookings_per_phone);
    if held >= cap {
        tx.rollback().await?;
        return Err(Failure::Conflict(format!(
            "这个手机号已有 {cap} 个未到期的预约，不能再约。请先取消不需要的预约。"
        )));
    }
    if !take_place(&mut tx, &slot_key(&valid.window.id, valid.day, &valid.slot), capacity(valid.window))
        .await?
    {
        tx.rollback().await?;
        return Err(Failure::Conflict("这个时段已经约满了，请另选时段。".into()));
    }
    sqlx::query(
        "INSERT INTO bookings (code, window_id, service_id, day, slot, name, phone, id_number, need, home_visit, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&code)
    .bind(&valid.window.id)
    .bind(&valid.guide.id)
    .bind(valid.day.to_string())
    .bind(&valid.slot)
    .bind(&valid.name)
    .bind(valid.phone.as_str())
    .bind(valid.id_number.as_str())
    .bind(valid.need.id())
    .bind(i64::from(valid.home_visit))
    .bind(BookingStatus::Booked.id())
    .bind(now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(window = %valid.window.id, day = %valid.day, slot = %valid.slot, "booked");
    Ok((load(state, &code).await?, true))
}

/// The citizen's view of a stored booking; an error where it names a window or guide the
/// content no longer has.
fn to_booking(site: &Site, row: BookingRow) -> Result<Booking, Failure> {
    let gone =
        || Failure::Unavailable(format!("booking {} refers to content that no longer exists", row.code));
    let window = site.windows.iter().find(|w| w.id == row.window_id).ok_or_else(gone)?;
    let guide = site.guides.iter().find(|g| g.id == row.service_id).ok_or_else(gone)?;
    Ok(Booking {
        status: row.status.0,
        window: window.id.clone(),
        window_name: window.name.clone(),
        address: window.local.address.clone(),
        window_phone: window.local.phone.clone(),
        service: guide.id.clone(),
        service_title: guide.title.clone(),
        day: row.day.0,
        slot_end: slot_end(&window.local, &site.calendar, row.day.0, &row.slot).unwrap_or_default(),
        slot: row.slot,
        phone: swg_model::form::mask_phone(&row.phone),
        id_number: swg_model::form::mask_id(&row.id_number),
        name: row.name,
        need: row.need.0,
        home_visit: row.home_visit.0 .0,
        materials: applicable(&guide.checklist(), &Answers::new())
            .into_iter()
            .map(|m| m.name.clone())
            .collect(),
        code: row.code,
    })
}

async fn load(state: &AppState, code: &str) -> Result<Booking, Failure> {
    let row = sqlx::query_as::<_, BookingRow>("SELECT * FROM bookings WHERE code = $1")
        .bind(code)
        .fetch_one(&state.pool)
        .await?;
    to_booking(&state.site, row)
}

const NOT_FOUND: &str = "没有找到这个预约，请核对预约码和手机号。";

fn parse_lookup(code: &str, phone: &str) -> Result<(String, Phone), Failure> {
    let mut errors = Errors::default();
    // The code as displayed may be copied with spaces or dashes between its characters.
    let code: String =
        code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_ascii_uppercase();
    if code.len() != 8 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        errors.add(FieldName::Code, "预约码是 8 位字母和数字");
    }
    let phone = errors.take(FieldName::Phone, Phone::parse(phone));
    match phone {
        Some(phone) if errors.0.is_empty() => Ok((code, phone)),
        _ => Err(Failure::Invalid(errors.0)),
    }
}

/// The booking for a code and the phone it was made with; the same answer for a wrong phone
/// as for an unknown code.
pub async fn lookup(state: &AppState, req: &BookingLookup) -> Result<Booking, Failure> {
    let (code, phone) = parse_lookup(&req.code, &req.phone)?;
    let row = sqlx::query_as::<_, BookingRow>("SELECT * FROM bookings WHERE code = $1 AND phone = $2")
        .bind(&code)
        .bind(phone.as_str())
        .fetch_optional(&state.pool)
        .await?;
    to_booking(&state.site, row.ok_or_else(|| Failure::NotFound(NOT_FOUND.into()))?)
}

/// Locks the citizen's active booking for the rest of the transaction.
async fn lock_active(
    tx: &mut Transaction<'static, Any>,
    code: &str,
    phone: &Phone,
) -> Result<BookingRow, Failure> {
    let locked =
        sqlx::query("UPDATE bookings SET status = status WHERE code = $1 AND phone = $2 AND status = $3")
            .bind(code)
            .bind(phone.as_str())
            .bind(BookingStatus::Booked.id())
            .execute(&mut **tx)
            .await?;
    if locked.rows_affected() != 1 {
        return Err(Failure::NotFound("没有找到可以修改的预约（预约码或手机号不对，或已取消）。".into()));
    }
    Ok(sqlx::query_as("SELECT * FROM bookings WHERE code = $1").bind(code).fetch_one(&mut **tx).await?)
}

/// Cancels a booking; its place is free again at once.
pub async fn cancel(state: &AppState, req: &BookingLookup) -> Result<Booking, Failure> {
    let (code, phone) = parse_lookup(&req.code, &req.phone)?;
    let mut tx = state.pool.begin().await?;
    let row = lock_active(&mut tx, &code, &phone).await?;
    let key = slot_key(&row.window_id, row.day.0, &row.slot);
    sqlx::query("UPDATE bookings SET status = $1 WHERE code = $2")
        .bind(BookingStatus::Cancelled.id())
        .bind(&code)
        .execute(&mut *tx)
        .await?;
    release_place(&mut tx, &key).await?;
    tx.commit().await?;
    load(state, &code).await
}

/// Moves a booking to another free slot of the same window.
pub async fn reschedule(state: &AppState, req: &Reschedule) -> Result<Booking, Failure> {
    let key = parse_key(&req.idempotency_key)?;
    let (code, phone) = parse_lookup(&req.code, &req.phone)?;
    let mut tx = state.pool.begin().await?;
    if claim(&mut tx, &key, WorkKind::Reschedule, &code).await?.is_some() {
        tx.rollback().await?;
        return lookup(state, &BookingLookup { code, phone: phone.as_str().to_owned() }).await;
    }
    let row = lock_active(&mut tx, &code, &phone).await?;
    let window = bookable_window(&state.site, &row.window_id)
        .ok_or_else(|| Failure::Conflict("这个窗口已不接受网上预约，请拨打窗口电话改约。".into()))?;
    let mut errors = Errors::default();
    let Some((day, slot)) = parse_slot(&mut errors, &state.site.calendar, Some(window), &req.day, &req.slot)
    else {
        tx.rollback().await?;
        return Err(Failure::Invalid(errors.0));
    };
    let old_key = slot_key(&window.id, row.day.0, &row.slot);
    let new_key = slot_key(&window.id, day, &slot);
    if old_key != new_key {
        if !take_place(&mut tx, &new_key, capacity(window)).await? {
            tx.rollback().await?;
            return Err(Failure::Conflict("这个时段已经约满了，请另选时段。".into()));
        }
        release_place(&mut tx, &old_key).await?;
        sqlx::query("UPDATE bookings SET day = $1, slot = $2 WHERE code = $3")
            .bind(day.to_string())
            .bind(&slot)
            .bind(&code)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    load(state, &code).await
}

/// Deletes bookings whose day is more than `days` days ago; returns how many.
pub async fn purge(pool: &Pool, days: u32) -> Result<u64, sqlx::Error> {
    let cutoff = today().add_days(-i32::try_from(days).unwrap_or(i32::MAX)).to_string();
    Ok(sqlx::query("DELETE FROM bookings WHERE day < $1").bind(cutoff).execute(pool).await?.rows_affected())
}
