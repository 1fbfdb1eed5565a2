//! The front matter exactly as editors write it: serde structs that reject unknown keys.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteFile {
    pub site: SiteSection,
    #[serde(default)]
    pub windows: BTreeMap<String, LocalWindow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteSection {
    pub name: String,
    pub organisation: String,
    pub example_data: bool,
    pub supervision_phone: String,
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LocalWindow {
    pub address: String,
    pub phone: String,
    pub complaint_phone: String,
    pub lunch: Option<String>,
    pub extended: Option<String>,
    pub holiday: Option<String>,
    pub hours: Vec<Spanned<RawHours>>,
    #[serde(default)]
    pub officers: Vec<RawOfficer>,
    pub booking: Option<Spanned<RawBooking>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBooking {
    pub slot_minutes: u16,
    pub capacity: u32,
    pub days_ahead: u16,
    #[serde(rename = "break")]
    pub break_time: Option<[String; 2]>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawHours {
    pub days: Vec<u8>,
    pub open: String,
    pub close: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOfficer {
    pub name: String,
    pub number: String,
    pub role: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWindow {
    pub id: Spanned<String>,
    pub name: String,
    pub order: i32,
    pub summary: String,
    pub call: Option<String>,
    pub commitments: Vec<RawCommitment>,
    pub rights: Vec<RawRight>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCommitment {
    pub name: String,
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRight {
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawService {
    pub id: Spanned<String>,
    pub title: String,
    pub window: Spanned<String>,
    pub lang: Option<String>,
    pub summary: String,
    pub basis: Spanned<Vec<String>>,
    pub applicants: String,
    pub conditions: Vec<String>,
    pub visits: u8,
    pub result: String,
    pub source: String,
    pub reviewed: Spanned<String>,
    pub uncertain: Option<String>,
    pub time_limit: Spanned<RawTimeLimit>,
    pub fee: Spanned<RawFee>,
    #[serde(default)]
    pub questions: Vec<Spanned<RawQuestion>>,
    pub materials: Spanned<Vec<Spanned<RawMaterial>>>,
    pub steps: Spanned<Vec<RawStep>>,
    pub faq: Spanned<Vec<RawFaq>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTimeLimit {
    pub working_days: Option<u16>,
    pub calendar_days: Option<u16>,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFee {
    pub free: bool,
    pub amount: Option<String>,
    pub basis: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChoice {
    pub id: String,
    pub label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuestion {
    pub id: String,
    pub text: String,
    pub default: String,
    pub options: Vec<RawChoice>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RawForm {
    Original,
    Copy,
    OriginalAndCopy,
    Electronic,
    Form,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMaterial {
    pub id: String,
    pub name: String,
    pub form: RawForm,
    pub copies: u8,
    pub format: Option<String>,
    pub issuer: String,
    pub obtain: String,
    pub when: Option<String>,
    #[serde(default)]
    pub only_if: Vec<Spanned<String>>,
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStep {
    pub title: String,
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFaq {
    pub q: String,
    pub a: String,
}
