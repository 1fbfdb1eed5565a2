//! The JSON API between the browser and the server: requests, answers, errors, and the paths.

use crate::calendar::Date;
use crate::form::{FieldError, IdKind};

fn resident_id() -> IdKind {
    IdKind::ResidentId
}
use serde::{Deserialize, Serialize};

/// API paths (below the site's base path).
pub mod path {
    pub const AVAILABILITY: &str = "/api/availability";
    pub const BOOKINGS: &str = "/api/bookings";
    pub const BOOKING_LOOKUP: &str = "/api/bookings/lookup";
    pub const BOOKING_RESCHEDULE: &str = "/api/bookings/reschedule";
    pub const BOOKING_CANCEL: &str = "/api/bookings/cancel";
    /// A lost code: the coming bookings of a phone and an identity document.
    pub const BOOKING_FIND: &str = "/api/bookings/find";
    pub const FEEDBACK: &str = "/api/feedback";
    pub const FEEDBACK_LOOKUP: &str = "/api/feedback/lookup";
    pub const STATS: &str = "/api/stats";
    pub const FIX_RATING: &str = "/api/feedback/fix-rating";
    /// The plain-HTML form targets used without JavaScript.
    pub const FORM_BOOKING: &str = "/forms/booking";
    pub const FORM_FEEDBACK: &str = "/forms/feedback";
    /// A booking looked up (and cancelled) without JavaScript.
    pub const FORM_LOOKUP: &str = "/forms/lookup";
    /// Feedback's progress looked up without JavaScript.
    pub const FORM_TRACK: &str = "/forms/track";
}

/// Every error answer: a message for the page, and per-field messages for the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub message: String,
    /// The message in English.
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub fields: Vec<FieldError>,
    /// With 428: the proof of work to solve before sending the same request again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<crate::work::Challenge>,
}

impl FeedbackReceipt {
    /// The receipt with the window's name in `lang` (in English where the window has a page).
    pub fn in_lang(mut self, lang: crate::Lang) -> FeedbackReceipt {
        if let (crate::Lang::En, Some(name)) = (lang, self.window_name_en.take()) {
            self.window_name = name;
        }
        self
    }
}

impl ApiError {
    /// The message in `lang`.
    pub fn text(&self, lang: crate::Lang) -> &str {
        crate::lang::said_in(&self.message, &self.en, lang)
    }
}

crate::id_enum! {
    /// Priority needs (绿色通道).
    pub enum Need {
        None = "none",
        Elderly = "elderly",
        Disabled = "disabled",
        Pregnant = "pregnant",
        Urgent = "urgent",
    }
}

impl Need {
    pub fn label(self) -> &'static str {
        self.label_in(crate::Lang::Zh)
    }

    pub fn label_in(self, lang: crate::Lang) -> &'static str {
        match self {
            Need::None => lang.pick("不需要", "None"),
            Need::Elderly => lang.pick("老年人（绿色通道）", "Elderly (priority lane)"),
            Need::Disabled => lang.pick("残疾人（绿色通道）", "Disability (priority lane)"),
            Need::Pregnant => lang.pick("孕妇（绿色通道）", "Pregnancy (priority lane)"),
            Need::Urgent => lang.pick("急事急办（绿色通道）", "Urgent (priority lane)"),
        }
    }
}

/// One bookable time slot of a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotInfo {
    /// "09:00"
    pub start: String,
    pub end: String,
    pub remaining: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayInfo {
    pub day: Date,
    pub label: String,
    pub slots: Vec<SlotInfo>,
}

/// The bookable days and slots of one window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    pub window: String,
    pub days: Vec<DayInfo>,
    /// Set when some days lie beyond the published holiday calendar.
    pub note: Option<String>,
}

/// A booking request; every field arrives as typed by the citizen and is parsed on the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingRequest {
    pub idempotency_key: String,
    pub window: String,
    pub service: String,
    pub day: String,
    pub slot: String,
    pub name: String,
    pub phone: String,
    pub id_number: String,
    /// The kind of identity document (`IdKind`); empty for the resident ID card.
    #[serde(default)]
    pub id_kind: String,
    pub need: String,
    #[serde(default)]
    pub home_visit: bool,
}

/// A booking as shown back to the citizen: personal data masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub code: String,
    pub status: BookingStatus,
    pub window: String,
    pub window_name: String,
    pub address: String,
    pub window_phone: String,
    pub service: String,
    pub service_title: String,
    pub day: Date,
    pub slot: String,
    pub slot_end: String,
    pub name: String,
    pub phone: String,
    /// Masked.
    pub id_number: String,
    #[serde(default = "resident_id")]
    pub id_kind: IdKind,
    pub need: Need,
    pub home_visit: bool,
    /// Names of the materials to bring (the guide's default checklist).
    pub materials: Vec<String>,
    /// The window's name, the service's title and the materials from the English pages, where
    /// the guide has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<BookingEnglish>,
}

/// A booking's words as the English pages say them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingEnglish {
    pub window_name: String,
    /// The English address with the Chinese one beside it.
    #[serde(default)]
    pub address: String,
    pub service_title: String,
    pub materials: Vec<String>,
}

impl Booking {
    /// The booking with its words in `lang` (in English where the guide has an English page).
    pub fn in_lang(mut self, lang: crate::Lang) -> Booking {
        if let (crate::Lang::En, Some(en)) = (lang, self.en.take()) {
            self.window_name = en.window_name;
            if !en.address.is_empty() {
                self.address = en.address;
            }
            self.service_title = en.service_title;
            self.materials = en.materials;
        }
        self
    }
}

crate::id_enum! {
    pub enum BookingStatus {
        Booked = "booked",
        Cancelled = "cancelled",
        /// Marked by the window: the citizen came…
        Arrived = "arrived",
        /// …and was served,
        Done = "done",
        /// or did not come.
        NoShow = "no_show",
    }
}

impl BookingStatus {
    pub fn label(self) -> &'static str {
        self.label_in(crate::Lang::Zh)
    }

    pub fn label_in(self, lang: crate::Lang) -> &'static str {
        match self {
            BookingStatus::Booked => lang.pick("已预约", "Booked"),
            BookingStatus::Cancelled => lang.pick("已取消", "Cancelled"),
            BookingStatus::Arrived => lang.pick("已到窗口", "Arrived"),
            BookingStatus::Done => lang.pick("已办理", "Done"),
            BookingStatus::NoShow => lang.pick("未到", "Did not come"),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingLookup {
    pub code: String,
    pub phone: String,
}

/// Finding one's coming bookings without the code: the phone and the identity document they
/// were made with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingFind {
    pub phone: String,
    #[serde(default)]
    pub id_kind: String,
    pub id_number: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reschedule {
    pub idempotency_key: String,
    pub code: String,
    pub phone: String,
    pub day: String,
    pub slot: String,
}

crate::id_enum! {
    /// The kinds of feedback (意见箱).
    pub enum FeedbackKind {
        Complaint = "complaint",
        Suggestion = "suggestion",
        Praise = "praise",
        Enquiry = "enquiry",
        /// A satisfaction rating (好差评) on its own, with a word or two if the citizen likes.
        Rating = "rating",
    }
}

impl FeedbackKind {
    pub fn label(self) -> &'static str {
        self.label_in(crate::Lang::Zh)
    }

    pub fn label_in(self, lang: crate::Lang) -> &'static str {
        match self {
            FeedbackKind::Complaint => lang.pick("投诉", "Complaint"),
            FeedbackKind::Suggestion => lang.pick("建议", "Suggestion"),
            FeedbackKind::Praise => lang.pick("表扬", "Praise"),
            FeedbackKind::Enquiry => lang.pick("咨询", "Question"),
            FeedbackKind::Rating => lang.pick("评价", "Rating"),
        }
    }

    /// Complaints and enquiries are answered within 3 working days and need a phone to answer.
    pub fn needs_reply(self) -> bool {
        matches!(self, FeedbackKind::Complaint | FeedbackKind::Enquiry)
    }
}

/// The five satisfaction levels (好差评), 5 = 非常满意.
pub const RATING_LABELS: [&str; 5] = ["非常不满意", "不满意", "基本满意", "满意", "非常满意"];

/// The five ratings in English, in the same order.
pub const RATING_LABELS_EN: [&str; 5] =
    ["Very dissatisfied", "Dissatisfied", "Fair", "Satisfied", "Very satisfied"];

/// A feedback submission as typed by the citizen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    pub idempotency_key: String,
    pub kind: String,
    pub window: String,
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub visit_date: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub officer: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub consent: bool,
    /// 1–5, or 0 for no rating.
    #[serde(default)]
    pub rating: u8,
    #[serde(default)]
    pub what_went_wrong: String,
    /// A field people never see: anything in it marks the submission as automated.
    #[serde(default)]
    pub website: String,
}

crate::id_enum! {
    pub enum FeedbackStatus {
        Received = "received",
        InProgress = "in_progress",
        Answered = "answered",
        Closed = "closed",
    }
}

impl FeedbackStatus {
    pub fn label(self) -> &'static str {
        self.label_in(crate::Lang::Zh)
    }

    pub fn label_in(self, lang: crate::Lang) -> &'static str {
        match self {
            FeedbackStatus::Received => lang.pick("已受理", "Received"),
            FeedbackStatus::InProgress => lang.pick("办理中", "In progress"),
            FeedbackStatus::Answered => lang.pick("已答复", "Answered"),
            FeedbackStatus::Closed => lang.pick("已办结", "Closed"),
        }
    }
}

/// What the citizen gets back after submitting, and on look-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackReceipt {
    pub tracking: String,
    pub kind: FeedbackKind,
    pub status: FeedbackStatus,
    pub window_name: String,
    /// The window's name on its English page, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_name_en: Option<String>,
    pub filed_on: Date,
    /// The promised reply date, for complaints and enquiries.
    pub due_on: Option<Date>,
    /// How `due_on` was computed, in words.
    pub rule: Option<String>,
    pub phone: String,
    pub reply: Option<String>,
    /// For feedback filed without a phone: the 查询码 that, with the tracking number, reads it
    /// back. Never present when a phone was given.
    #[serde(default)]
    pub secret: Option<String>,
    /// The day the reply was given.
    #[serde(default)]
    pub answered_on: Option<Date>,
    /// For a 差评: the call-back and rectification, with their deadlines and outcome.
    #[serde(default)]
    pub case: Option<CaseOutcome>,
}

/// What became of a 差评: deadlines, and once closed, the finding and the fix; the citizen may
/// rate the fix once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseOutcome {
    pub contact_due: Date,
    pub fix_due: Date,
    pub contacted_on: Option<Date>,
    pub closed_on: Option<Date>,
    pub finding: String,
    pub fix: String,
    /// 0 until the citizen rates the fix, then 1–5.
    pub fix_rating: u8,
    /// The local rule the deadlines come from.
    pub rule: String,
}

/// The citizen's rating of a 差评's rectification, given once, with the same proof as a look-up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixRating {
    pub tracking: String,
    pub phone: String,
    pub rating: u8,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackLookup {
    pub tracking: String,
    pub phone: String,
}

/// Public figures for one window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowStats {
    pub window: String,
    pub window_name: String,
    /// Count of ratings per level, index 0 = 非常不满意 … 4 = 非常满意.
    pub ratings: [u32; 5],
    /// Every complaint filed.
    pub complaints: u32,
    /// The complaints whose answer is due by now: answered, or past their reply date. Only
    /// these count for "answered on time"; the rest are still within their time.
    pub complaints_due: u32,
    pub complaints_answered_on_time: u32,
}

impl WindowStats {
    /// The complaints answered on time, in words, e.g. "3/4（75%），另有 1 件未到答复期限".
    pub fn on_time_label(&self) -> String {
        let pending = self.complaints - self.complaints_due.min(self.complaints);
        let shown = match self.complaints_due {
            0 if self.complaints == 0 => return "无投诉".to_owned(),
            0 => String::new(),
            due => format!(
                "{}/{due}（{}%）",
                self.complaints_answered_on_time,
                self.complaints_answered_on_time * 100 / due
            ),
        };
        match (shown.is_empty(), pending) {
            (true, n) => format!("{n} 件未到答复期限"),
            (false, 0) => shown,
            (false, n) => format!("{shown}，另有 {n} 件未到答复期限"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub windows: Vec<WindowStats>,
    /// Per window and month, newest month first; no personal data.
    #[serde(default)]
    pub months: Vec<MonthFigures>,
}

/// What one window did in one month, as published (警务公开).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthFigures {
    /// "2026-12"
    pub month: String,
    pub window: String,
    pub window_name: String,
    /// Bookings for days of the month marked arrived or done, and marked no-show.
    pub honoured: u32,
    pub no_shows: u32,
    /// Complaints filed in the month whose reply is due by now, and those answered by their date.
    pub complaints_due: u32,
    pub complaints_on_time: u32,
    /// 差评 cases opened in the month whose rectification is due by now, and those closed in time.
    pub cases_due: u32,
    pub cases_on_time: u32,
    /// How many ratings the month had, and their average in tenths (43 = 4.3 of 5).
    pub ratings: u32,
    pub average_rating_tenths: Option<u32>,
}

impl MonthFigures {
    /// "4.3（12 条）" or "无评价".
    pub fn rating_label(&self) -> String {
        match self.average_rating_tenths {
            Some(t) => format!("{}.{}（{} 条）", t / 10, t % 10, self.ratings),
            None => "无评价".to_owned(),
        }
    }
}

/// "3/4" of those due, or "—" when none is due yet.
pub fn of_due(done: u32, due: u32) -> String {
    if due == 0 {
        "—".to_owned()
    } else {
        format!("{done}/{due}")
    }
}

impl Booking {
    /// An iCalendar file with the appointment, in China time, in `lang`, made on `made_on`.
    pub fn ics(&self, lang: crate::Lang, made_on: Date) -> String {
        let (my, mm, md) = made_on.ymd();
        let (y, m, d) = self.day.ymd();
        let time = |hhmm: &str| hhmm.replace(':', "") + "00";
        let escape =
            |s: &str| s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n");
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//swg//booking//ZH\r\nBEGIN:VEVENT\r\nUID:{code}@swg\r\n\
             DTSTAMP:{my:04}{mm:02}{md:02}T000000Z\r\nDTSTART;TZID=Asia/Shanghai:{y:04}{m:02}{d:02}T{start}\r\n\
             DTEND;TZID=Asia/Shanghai:{y:04}{m:02}{d:02}T{end}\r\nSUMMARY:{summary}\r\nLOCATION:{location}\r\n\
             DESCRIPTION:{description}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            code = self.code,
            start = time(&self.slot),
            end = time(&self.slot_end),
            summary = escape(&lang.pick(
                format!("{}（预约码 {}）", self.service_title, self.code),
                format!("{} (booking code {})", self.service_title, self.code),
            )),
            location = escape(&format!("{} {}", self.window_name, self.address)),
            description = escape(&lang.pick(
                format!("请带齐：{}", self.materials.join("、")),
                format!("Bring: {}", self.materials.join("; ")),
            )),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FieldName;

    /// The keys of `value` serialised as a JSON object.
    fn keys(value: impl Serialize) -> Vec<String> {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn every_key_of_every_request_is_a_field_name() {
        let all = [
            keys(BookingRequest::default()),
            keys(BookingLookup::default()),
            keys(Reschedule::default()),
            keys(FeedbackRequest::default()),
            keys(FeedbackLookup::default()),
            keys(FixRating::default()),
            keys(BookingFind::default()),
        ];
        for key in all.iter().flatten() {
            assert!(FieldName::parse(key).is_some(), "`{key}` is not a FieldName");
        }
        assert_eq!(all.iter().map(Vec::len).sum::<usize>(), 11 + 2 + 5 + 12 + 2 + 3 + 3);
    }
}
