//! Appointments: availability, booking, look-up, reschedule, cancel. Every rule that must hold
//! across instances (last place, idempotency, per-ID cap) is held by the database.

use crate::db::{self, now, Pool};
use crate::error::Failure;
use crate::idempotency::{Key, Via, WorkKind};
use crate::personal::{Purpose, Sealed};
use crate::places::{release_place, slot_key, take_place};
use crate::rows::{BookingRow, SlotUsage, Text};
use crate::work::{self, Evidence};
use crate::AppState;
use sqlx::{Any, Transaction};
use swg_content::Site;
use swg_model::api::BookingEnglish;
use swg_model::api::{
    Availability, Booking, BookingFind, BookingLookup, BookingRequest, BookingStatus, DayInfo, Need,
    Reschedule, SlotInfo,
};
use swg_model::booking::{bookable_days, slot, slots, Slot};
use swg_model::calendar::{Calendar, Date, BEYOND_CALENDAR};
use swg_model::checklist::{to_bring, Answers};
use swg_model::form::{
    mask_document, mask_name, mask_phone, parse_name, Errors, FieldName, IdDocument, IdKind, Phone,
};
use swg_model::Said;
use swg_model::{GuidePage, WindowPage};

/// Today in China time.
pub fn today() -> Date {
    Date::from_unix_china(now())
}

fn bookable_window<'a>(site: &'a Site, id: &str) -> Option<&'a WindowPage> {
    site.windows.iter().find(|w| w.id == id && w.local.booking.is_some())
}

/// The days and slots of a window with the places left in each.
pub async fn availability(state: &AppState, window_id: &str) -> Result<Availability, Failure> {
    let window = bookable_window(&state.site, window_id).ok_or_else(|| {
        Failure::NotFound(Said::new(
            "这个窗口不接受网上预约，请拨打窗口电话。",
            "This window takes no online appointments; please call it.",
        ))
    })?;
    let prefix = format!("{window_id}|");
    let taken = sqlx::query_as::<_, SlotUsage>(
        "SELECT slot_key, booked FROM slot_usage WHERE slot_key > $1 AND slot_key < $2",
    )
    .bind(&prefix)
    .bind(format!("{window_id}}}"))
    .fetch_all(&state.pool)
    .await?;
    let days: Vec<DayInfo> = bookable_days(&window.local, &state.site.calendar, today())
        .into_iter()
        .map(|day| DayInfo {
            day,
            label: day.label(),
            slots: slots(&window.local, &state.site.calendar, day)
                .into_iter()
                .map(|slot| {
                    let key = slot_key(window_id, day, &slot.start);
                    let booked =
                        taken.iter().find(|u| u.slot_key == key).map_or(0, |u| i64::from(u.booked.0));
                    let remaining = u32::try_from((i64::from(slot.capacity) - booked).max(0)).unwrap_or(0);
                    SlotInfo { start: slot.start, end: slot.end, remaining }
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
    window: &'a WindowPage,
    guide: &'a GuidePage,
    day: Date,
    slot: Slot,
    name: String,
    phone: Phone,
    id: IdDocument,
    need: Need,
    home_visit: bool,
}

/// Checks that `day` and `slot` can be booked at `window` today; field errors otherwise.
fn parse_slot(
    errors: &mut Errors,
    calendar: &Calendar,
    window: Option<&WindowPage>,
    day: &str,
    start: &str,
) -> Option<(Date, Slot)> {
    let day = if day.is_empty() {
        errors.add(FieldName::Day, Said::new("请选择预约日期", "Choose a day"));
        None
    } else {
        let parsed = Date::parse(day);
        let open = parsed.zip(window).filter(|(d, w)| bookable_days(&w.local, calendar, today()).contains(d));
        if open.is_none() {
            errors.add(
                FieldName::Day,
                Said::new(
                    "这一天不能预约（节假日、已过或超出可预约范围），请另选日期",
                    "That day cannot be booked (a holiday, past, or too far ahead); choose another day",
                ),
            );
        }
        open.map(|(d, _)| d)
    };
    if start.is_empty() {
        errors.add(FieldName::Slot, Said::new("请选择时段", "Choose a time"));
        return None;
    }
    let (day, window) = (day?, window?);
    let Some(found) = slot(&window.local, calendar, day, start) else {
        errors.add(
            FieldName::Slot,
            Said::new("这个时段不存在，请另选", "That time does not exist; choose another"),
        );
        return None;
    };
    Some((day, found))
}

fn parse_request<'a>(site: &'a Site, req: &BookingRequest) -> Result<Valid<'a>, Failure> {
    let mut errors = Errors::default();
    let window = if req.window.is_empty() {
        errors.add(FieldName::Window, Said::new("请选择办理窗口", "Choose a window"));
        None
    } else {
        let found = bookable_window(site, &req.window);
        if found.is_none() {
            errors.add(
                FieldName::Window,
                Said::new(
                    "这个窗口不接受网上预约，请拨打窗口电话",
                    "This window takes no online appointments; please call it",
                ),
            );
        }
        found
    };
    let guide = site
        .guides
        .iter()
        .find(|g| g.id == req.service && Some(g.window.id.as_str()) == window.map(|w| w.id.as_str()));
    if guide.is_none() {
        errors.add(
            FieldName::Service,
            Said::new("请选择这个窗口办理的事项", "Choose a service of this window"),
        );
    }
    let when = parse_slot(&mut errors, &site.calendar, window, &req.day, &req.slot);
    let name = errors.take(FieldName::Name, parse_name(&req.name));
    let phone = errors.take(FieldName::Phone, Phone::parse(&req.phone));
    let id = match IdKind::from_request(&req.id_kind) {
        Some(kind) => errors.take(FieldName::IdNumber, IdDocument::parse(kind, &req.id_number)),
        None => {
            errors.add(FieldName::IdKind, Said::new("请选择证件类型", "Choose the kind of document"));
            None
        }
    };
    let need = Need::parse(&req.need);
    if need.is_none() {
        errors.add(
            FieldName::Need,
            Said::new("请选择是否需要绿色通道", "Say whether you need the priority lane"),
        );
    }
    match (window, guide, when, name, phone, id, need) {
        (Some(window), Some(guide), Some((day, slot)), Some(name), Some(phone), Some(id), Some(need))
            if errors.0.is_empty() =>
        {
            Ok(Valid { window, guide, day, slot, name, phone, id, need, home_visit: req.home_visit })
        }
        _ => Err(Failure::Invalid(errors.0)),
    }
}

/// What a booking asks for, to compare it with the same person's other bookings.
struct Wanted<'a> {
    window: &'a str,
    service: &'a str,
    day: Date,
    slot: &'a str,
}

/// Takes the per-ID lock and refuses if the ID number already holds its cap of future bookings,
/// or already holds this slot or this service on this day at this window (not counting
/// `except`, the booking being moved). The lock makes both checks hold across instances.
async fn check_id_cap(
    tx: &mut Transaction<'static, Any>,
    state: &AppState,
    id_hash: &str,
    except: &str,
    wanted: &Wanted<'_>,
) -> Result<(), Failure> {
    sqlx::query("INSERT INTO id_locks (id_hash, touched) VALUES ($1, $2) ON CONFLICT (id_hash) DO NOTHING")
        .bind(id_hash)
        .bind(now())
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE id_locks SET touched = $1 WHERE id_hash = $2")
        .bind(now())
        .bind(id_hash)
        .execute(&mut **tx)
        .await?;
    let held: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM bookings WHERE id_hash = $1 AND status = $2 AND day >= $3 AND code <> $4",
    )
    .bind(id_hash)
    .bind(BookingStatus::Booked.id())
    .bind(today().to_string())
    .bind(except)
    .fetch_one(&mut **tx)
    .await?;
    let same: Option<String> = sqlx::query_scalar(
        "SELECT slot FROM bookings WHERE id_hash = $1 AND status = $2 AND window_id = $3 AND day = $4 \
         AND (slot = $5 OR service_id = $6) AND code <> $7",
    )
    .bind(id_hash)
    .bind(BookingStatus::Booked.id())
    .bind(wanted.window)
    .bind(wanted.day.to_string())
    .bind(wanted.slot)
    .bind(wanted.service)
    .bind(except)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(slot) = same {
        return Err(Failure::Conflict(Said::new(
            format!(
                "这个证件 {} {slot} 已有本窗口的预约，不用再约一次。要换时间，请用“查询、改约或取消预约”。",
                wanted.day
            ),
            format!(
                "This document already has a booking at this window on {} at {slot}; no need to book again. To change the time, use “Find, change or cancel a booking”.",
                wanted.day
            ),
        )));
    }
    let cap = i64::from(state.config.max_bookings_per_id);
    if held >= cap {
        return Err(Failure::Conflict(Said::new(
            format!("这个身份证号已有 {cap} 个未到期的预约，不能再约。请先取消不需要的预约。"),
            format!("This document already has {cap} coming bookings, the most allowed. Cancel one you do not need first."),
        )));
    }
    Ok(())
}

/// One attempt at booking, in one transaction: the code of the booking (new, or the first one
/// made with this key) and whether it is new.
async fn book_once(
    state: &AppState,
    valid: &Valid<'_>,
    phone_hash: &str,
    key: &Key,
) -> Result<(String, bool), Failure> {
    let keys = &state.keys;
    let code = db::random_code(8).map_err(Failure::Unavailable)?;
    let mut tx = state.pool.begin().await?;
    if let Some(first) = key.claim(&mut tx, WorkKind::Booking, &code).await? {
        let status: Option<Text<BookingStatus>> =
            sqlx::query_scalar("SELECT status FROM bookings WHERE code = $1")
                .bind(&first)
                .fetch_optional(&mut *tx)
                .await?;
        if status.is_some_and(|s| s.0 == BookingStatus::Booked) {
            tx.rollback().await?;
            return Ok((first, false));
        }
        // Cancelled or purged since: booking again is the truthful answer to this request.
        key.reassign(&mut tx, &code).await?;
    }
    let id_hash = keys.hash(Purpose::Lookup, &[&valid.id.key()]);
    let wanted = Wanted {
        window: &valid.window.id,
        service: &valid.guide.id,
        day: valid.day,
        slot: &valid.slot.start,
    };
    check_id_cap(&mut tx, state, &id_hash, "", &wanted).await?;
    if !take_place(
        &mut tx,
        &slot_key(&valid.window.id, valid.day, &valid.slot.start),
        valid.slot.capacity.into(),
    )
    .await?
    {
        return Err(Failure::Conflict(Said::new(
            "这个时段已经约满了，请另选时段。",
            "That time is fully booked; choose another.",
        )));
    }
    let seal = |value: &str| keys.seal(value).map_err(Failure::Unavailable);
    sqlx::query(
        "INSERT INTO bookings (code, window_id, service_id, day, slot, name, phone, id_number, need, home_visit, status, \
         created_at, phone_hash, id_hash, id_kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&code)
    .bind(&valid.window.id)
    .bind(&valid.guide.id)
    .bind(valid.day.to_string())
    .bind(&valid.slot.start)
    .bind(seal(&valid.name)?.as_str())
    .bind(seal(valid.phone.as_str())?.as_str())
    .bind(seal(valid.id.number())?.as_str())
    .bind(valid.need.id())
    .bind(i64::from(valid.home_visit))
    .bind(BookingStatus::Booked.id())
    .bind(now())
    .bind(phone_hash)
    .bind(&id_hash)
    .bind(valid.id.kind.id())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((code, true))
}

/// Books a place. Returns the booking and whether it was created now (false: a retry).
pub async fn book(
    state: &AppState,
    req: &BookingRequest,
    via: Via,
    evidence: &Evidence,
) -> Result<(Booking, bool), Failure> {
    let valid = parse_request(&state.site, req)?;
    let key = Key::of(
        &state.keys,
        via,
        &req.idempotency_key,
        &BookingRequest { idempotency_key: String::new(), ..req.clone() },
    )?;
    let phone_hash = state.keys.hash(Purpose::Lookup, &[valid.phone.as_str()]);
    let day = valid.day.to_string();
    let level = work::signals(state, via.client(), &valid.window.id, &day, &phone_hash).await?.level();
    if level > 0 && !work::accepts(&state.keys, key.fingerprint(), evidence) {
        return Err(Failure::ProofNeeded(Box::new(work::demand(state, key.fingerprint(), level)?)));
    }
    let (code, new) = db::retrying(|| book_once(state, &valid, &phone_hash, &key)).await?;
    if new {
        tracing::info!(window = %valid.window.id, day = %valid.day, slot = %valid.slot.start, "booked");
    }
    Ok((load(state, &code).await?, new))
}

/// The citizen's view of a stored booking, personal data opened and masked; an error where it
/// names a window or guide the content no longer has, or does not open with the server key.
fn to_booking(state: &AppState, row: BookingRow) -> Result<Booking, Failure> {
    let site = &state.site;
    let gone =
        || Failure::Unavailable(format!("booking {} refers to content that no longer exists", row.code));
    let window = site.windows.iter().find(|w| w.id == row.window_id).ok_or_else(gone)?;
    let guide = site.guides.iter().find(|g| g.id == row.service_id).ok_or_else(gone)?;
    let open = |sealed: &Sealed| state.keys.open(sealed).map_err(Failure::Unavailable);
    // What to bring with the default answers, as the checklist lists it (nothing the window
    // provides); what depends on the citizen's situation says so.
    let bring = |guide: &swg_model::GuidePage| -> Vec<String> {
        let checklist = guide.checklist();
        let mark = guide.lang.pick("（视您的情况）", " (if it applies to you)");
        to_bring(&checklist, &Answers::new())
            .into_iter()
            .map(|m| {
                let conditional = !(m.only_if.is_empty() && m.unless.is_empty());
                format!("{}{}", m.name, if conditional { mark } else { "" })
            })
            .collect()
    };
    let english = &site.english;
    let english_window = english.windows.iter().find(|w| w.id == row.window_id);
    let en = english.guides.iter().find(|g| g.id == row.service_id).map(|g| BookingEnglish {
        window_name: english_window.map_or_else(|| window.name.clone(), |w| w.name.clone()),
        address: english_window.map(|w| w.local.address.clone()).unwrap_or_default(),
        service_title: g.title.clone(),
        materials: bring(g),
    });
    Ok(Booking {
        status: row.status.0,
        window: window.id.clone(),
        window_name: window.name.clone(),
        address: window.local.address.clone(),
        window_phone: window.local.phone.clone(),
        service: guide.id.clone(),
        service_title: guide.title.clone(),
        day: row.day.0,
        slot_end: slot(&window.local, &site.calendar, row.day.0, &row.slot)
            .map(|s| s.end)
            .unwrap_or_default(),
        slot: row.slot,
        phone: mask_phone(&open(&row.phone.0)?),
        id_number: mask_document(row.id_kind.0, &open(&row.id_number.0)?),
        id_kind: row.id_kind.0,
        name: mask_name(&open(&row.name.0)?),
        need: row.need.0,
        home_visit: row.home_visit.0 .0,
        materials: bring(guide),
        en,
        code: row.code,
    })
}

async fn load(state: &AppState, code: &str) -> Result<Booking, Failure> {
    let row = sqlx::query_as::<_, BookingRow>("SELECT * FROM bookings WHERE code = $1")
        .bind(code)
        .fetch_one(&state.pool)
        .await?;
    to_booking(state, row)
}

const NOT_FOUND: (&str, &str) = (
    "没有找到这个预约，请核对预约码和手机号。",
    "No booking found: check the booking code and the mobile number.",
);

fn parse_lookup(code: &str, phone: &str) -> Result<(String, Phone), Failure> {
    let mut errors = Errors::default();
    let code = swg_model::form::normalise_code(code);
    if code.len() != 8 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        errors.add(
            FieldName::Code,
            Said::new("预约码是 8 位字母和数字", "A booking code has 8 letters and digits"),
        );
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
    let row = sqlx::query_as::<_, BookingRow>("SELECT * FROM bookings WHERE code = $1 AND phone_hash = $2")
        .bind(&code)
        .bind(state.keys.hash(Purpose::Lookup, &[phone.as_str()]))
        .fetch_optional(&state.pool)
        .await?;
    to_booking(state, row.ok_or_else(|| Failure::NotFound(Said::new(NOT_FOUND.0, NOT_FOUND.1)))?)
}

/// The coming bookings made with this phone and this identity document (a lost code is found
/// again); the same answer for a wrong document as for none.
pub async fn find(state: &AppState, req: &BookingFind) -> Result<Vec<Booking>, Failure> {
    let mut errors = Errors::default();
    let phone = errors.take(FieldName::Phone, Phone::parse(&req.phone));
    let id = match IdKind::from_request(&req.id_kind) {
        Some(kind) => errors.take(FieldName::IdNumber, IdDocument::parse(kind, &req.id_number)),
        None => {
            errors.add(FieldName::IdKind, Said::new("请选择证件类型", "Choose the kind of document"));
            None
        }
    };
    let (Some(phone), Some(id)) = (phone, id) else { return Err(Failure::Invalid(errors.0)) };
    let phone_hash = state.keys.hash(Purpose::Lookup, &[phone.as_str()]);
    // Guessing document numbers for a known phone stops long before it could succeed.
    state.limits.code(&format!("find:{phone_hash}"))?;
    let rows = sqlx::query_as::<_, BookingRow>(
        "SELECT * FROM bookings WHERE phone_hash = $1 AND id_hash = $2 AND status = $3 AND day >= $4 ORDER BY day, slot",
    )
    .bind(&phone_hash)
    .bind(state.keys.hash(Purpose::Lookup, &[&id.key()]))
    .bind(BookingStatus::Booked.id())
    .bind(today().to_string())
    .fetch_all(&state.pool)
    .await?;
    if rows.is_empty() {
        return Err(Failure::NotFound(Said::new(
            "没有找到这个手机号和证件的预约（已取消或已过期的不显示）。",
            "No bookings found for this mobile number and document (cancelled or past ones are not shown).",
        )));
    }
    rows.into_iter().map(|row| to_booking(state, row)).collect()
}

/// Locks the citizen's active booking for the rest of the transaction.
async fn lock_active(
    tx: &mut Transaction<'static, Any>,
    state: &AppState,
    code: &str,
    phone: &Phone,
) -> Result<BookingRow, Failure> {
    let locked = sqlx::query(
        "UPDATE bookings SET status = status WHERE code = $1 AND phone_hash = $2 AND status = $3",
    )
    .bind(code)
    .bind(state.keys.hash(Purpose::Lookup, &[phone.as_str()]))
    .bind(BookingStatus::Booked.id())
    .execute(&mut **tx)
    .await?;
    if locked.rows_affected() != 1 {
        return Err(Failure::NotFound(Said::new(
            "没有找到可以修改的预约（预约码或手机号不对，或已取消）。",
            "No booking to change was found (wrong code or mobile number, or it is cancelled).",
        )));
    }
    Ok(sqlx::query_as("SELECT * FROM bookings WHERE code = $1").bind(code).fetch_one(&mut **tx).await?)
}

async fn cancel_once(state: &AppState, code: &str, phone: &Phone) -> Result<(), Failure> {
    let mut tx = state.pool.begin().await?;
    let row = lock_active(&mut tx, state, code, phone).await?;
    let key = slot_key(&row.window_id, row.day.0, &row.slot);
    sqlx::query("UPDATE bookings SET status = $1 WHERE code = $2")
        .bind(BookingStatus::Cancelled.id())
        .bind(code)
        .execute(&mut *tx)
        .await?;
    release_place(&mut tx, &key).await?;
    tx.commit().await?;
    Ok(())
}

/// Cancels a booking; its place is free again at once.
pub async fn cancel(state: &AppState, req: &BookingLookup) -> Result<Booking, Failure> {
    let (code, phone) = parse_lookup(&req.code, &req.phone)?;
    db::retrying(|| cancel_once(state, &code, &phone)).await?;
    load(state, &code).await
}

async fn reschedule_once(state: &AppState, req: &Reschedule, key: &Key) -> Result<String, Failure> {
    let (code, phone) = parse_lookup(&req.code, &req.phone)?;
    let mut tx = state.pool.begin().await?;
    if key.claim(&mut tx, WorkKind::Reschedule, &code).await?.is_some() {
        tx.rollback().await?;
        return Ok(code);
    }
    let row = lock_active(&mut tx, state, &code, &phone).await?;
    let window = bookable_window(&state.site, &row.window_id).ok_or_else(|| {
        Failure::Conflict(Said::new(
            "这个窗口已不接受网上预约，请拨打窗口电话改约。",
            "This window no longer takes online appointments; call it to change your booking.",
        ))
    })?;
    let mut errors = Errors::default();
    let Some((day, wanted_slot)) =
        parse_slot(&mut errors, &state.site.calendar, Some(window), &req.day, &req.slot)
    else {
        return Err(Failure::Invalid(errors.0));
    };
    // A booking whose day has passed does not count against the cap; moved to a coming day,
    // it does again.
    let wanted = Wanted { window: &window.id, service: &row.service_id, day, slot: &wanted_slot.start };
    check_id_cap(&mut tx, state, &row.id_hash, &code, &wanted).await?;
    let old_key = slot_key(&window.id, row.day.0, &row.slot);
    let new_key = slot_key(&window.id, day, &wanted_slot.start);
    if old_key != new_key {
        if !take_place(&mut tx, &new_key, wanted_slot.capacity.into()).await? {
            return Err(Failure::Conflict(Said::new(
                "这个时段已经约满了，请另选时段。",
                "That time is fully booked; choose another.",
            )));
        }
        release_place(&mut tx, &old_key).await?;
        sqlx::query("UPDATE bookings SET day = $1, slot = $2 WHERE code = $3")
            .bind(day.to_string())
            .bind(&wanted_slot.start)
            .bind(&code)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(code)
}

/// Moves a booking to another free slot of the same window.
pub async fn reschedule(state: &AppState, req: &Reschedule, via: Via) -> Result<Booking, Failure> {
    let key = Key::of(
        &state.keys,
        via,
        &req.idempotency_key,
        &Reschedule { idempotency_key: String::new(), ..req.clone() },
    )?;
    let code = db::retrying(|| reschedule_once(state, req, &key)).await?;
    load(state, &code).await
}

/// Deletes bookings whose day is more than `days` days ago, and the per-ID locks not touched
/// since; returns how many bookings.
pub async fn purge(pool: &Pool, days: u32) -> Result<u64, sqlx::Error> {
    let cutoff = today().add_days(-i32::try_from(days).unwrap_or(i32::MAX)).to_string();
    let deleted = sqlx::query("DELETE FROM bookings WHERE day < $1").bind(cutoff).execute(pool).await?;
    sqlx::query("DELETE FROM id_locks WHERE touched < $1")
        .bind(now() - i64::from(days) * 86_400)
        .execute(pool)
        .await?;
    Ok(deleted.rows_affected())
}
