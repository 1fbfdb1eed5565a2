//! The staff console's shared types: roles, and the data of each console page as the server
//! gathers it and the app renders it.

use crate::api::{BookingStatus, FeedbackKind, FeedbackStatus, Need};
use crate::calendar::Date;
use serde::{Deserialize, Serialize};

crate::id_enum! {
    /// What a staff account may do.
    pub enum StaffRole {
        /// Acts on its own window(s) only.
        Window = "window",
        /// Sees every window, the figures and the audit trail.
        Supervisor = "supervisor",
        /// Everything a supervisor may, and manages accounts.
        Admin = "admin",
    }
}

impl StaffRole {
    pub fn label(self) -> &'static str {
        match self {
            StaffRole::Window => "窗口民警",
            StaffRole::Supervisor => "督察",
            StaffRole::Admin => "管理员",
        }
    }
}

/// The signed-in staff member, as every console page shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub role: StaffRole,
    /// The windows they may act on, as (id, name).
    pub windows: Vec<(String, String)>,
    /// The token every form of the console carries (CSRF).
    pub csrf: String,
    /// When the session ends if nothing is done, "HH:MM" China time.
    pub idle_until: String,
}

/// One booking on a window's day list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayRow {
    pub code: String,
    pub slot: String,
    pub service_title: String,
    pub name: String,
    pub phone: String,
    /// Masked, unless this page was the answer to an audited "show" of this row.
    pub id_number: String,
    pub need: Need,
    pub home_visit: bool,
    pub status: BookingStatus,
}

/// A window's bookings of one day, green channel and home visits first within each slot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayList {
    pub window: String,
    pub window_name: String,
    pub day: Date,
    /// The next bookable days, to switch to.
    pub days: Vec<Date>,
    pub rows: Vec<DayRow>,
    /// Whether the day has come, so bookings may be marked.
    pub markable: bool,
}

/// One piece of feedback in the inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    pub tracking: String,
    pub kind: FeedbackKind,
    pub window: String,
    pub window_name: String,
    pub filed_on: Date,
    pub due_on: Option<Date>,
    pub answered_on: Option<Date>,
    pub status: FeedbackStatus,
    pub rating: u8,
    /// The window it was handed to and that has not accepted yet.
    pub handed_to: Option<String>,
    pub overdue: bool,
    pub due_today: bool,
}

/// One piece of feedback opened in full.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackDetail {
    pub item: InboxItem,
    pub text: String,
    /// The service the citizen chose, by its title ('' for none).
    pub service: String,
    pub what_went_wrong: String,
    pub officer: String,
    pub phone: String,
    pub reply: String,
    pub answered_on: Option<Date>,
    pub case: Option<CaseRow>,
    /// Every window, as (id, name), to hand it over to.
    pub windows: Vec<(String, String)>,
    /// Whether the signed-in staff member may accept the handover.
    pub can_accept: bool,
    /// Whether they may act on it (their window owns it).
    pub can_act: bool,
    /// Whether `phone` is shown in full (after an audited request, to call back).
    pub phone_shown: bool,
}

/// A 差评 case as the console lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRow {
    pub tracking: String,
    pub window_name: String,
    pub opened_on: Date,
    pub contact_due: Date,
    pub fix_due: Date,
    pub contacted_on: Option<Date>,
    pub closed_on: Option<Date>,
    pub finding: String,
    pub fix: String,
    pub fix_rating: u8,
    pub overdue: bool,
}

/// An account as administrators see it (never its password hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub username: String,
    pub display_name: String,
    pub role: StaffRole,
    pub windows: Vec<String>,
    pub locked: bool,
    pub must_change: bool,
}

/// One entry of the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    /// "2026-12-01 15:40:02" China time.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub client: String,
}

/// The console's paths (under the site's base path, see [`href`]).
pub mod path {
    pub const HOME: &str = "/staff/";
    pub const SIGN_IN: &str = "/staff/signin";
    pub const SIGN_OUT: &str = "/staff/signout";
    pub const PASSWORD: &str = "/staff/password";
    pub const DAY: &str = "/staff/day";
    pub const MARK: &str = "/staff/bookings/mark";
    pub const REVEAL: &str = "/staff/bookings/reveal";
    pub const CALL: &str = "/staff/feedback/call";
    pub const INBOX: &str = "/staff/inbox";
    pub const FEEDBACK: &str = "/staff/feedback";
    pub const REPLY: &str = "/staff/feedback/reply";
    pub const HANDOVER: &str = "/staff/feedback/handover";
    pub const ACCEPT: &str = "/staff/feedback/accept";
    pub const CASES: &str = "/staff/cases";
    pub const CASE_UPDATE: &str = "/staff/cases/update";
    pub const AUDIT: &str = "/staff/audit";
    pub const AUDIT_CSV: &str = "/staff/audit.csv";
    pub const ACCOUNTS: &str = "/staff/accounts";
    pub const ACCOUNT_ADD: &str = "/staff/accounts/add";
    pub const ACCOUNT_RESET: &str = "/staff/accounts/reset";
}

/// A console path under the site's base path.
pub fn href(path: &str) -> String {
    format!("{}{path}", crate::route::base_path())
}

/// A window's day list.
pub fn day_href(window: &str, day: Date) -> String {
    format!("{}?window={window}&day={day}", href(path::DAY))
}

/// One piece of feedback, opened.
pub fn feedback_href(tracking: &str) -> String {
    format!("{}?tracking={tracking}", href(path::FEEDBACK))
}
