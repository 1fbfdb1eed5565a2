//! The site file and window front matter as editors write them (serde structs that reject
//! unknown keys), and where a guide's parts are for line numbers.

use serde::de::IgnoredAny;
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

/// Where the parts of a guide's front matter are, for errors that name a line. The values
/// themselves are read once, straight into `swg_model::GuidePage`.
#[derive(Deserialize)]
pub(crate) struct GuideLines {
    pub id: Spanned<String>,
    pub window: Spanned<String>,
    pub basis: Spanned<IgnoredAny>,
    pub reviewed: Spanned<IgnoredAny>,
    pub fee: Spanned<IgnoredAny>,
    #[serde(default)]
    pub questions: Vec<Spanned<IgnoredAny>>,
    pub materials: Spanned<Vec<Spanned<MaterialLines>>>,
    pub steps: Spanned<IgnoredAny>,
    pub faq: Spanned<IgnoredAny>,
}

/// Where a material's rules are.
#[derive(Deserialize)]
pub(crate) struct MaterialLines {
    #[serde(default)]
    pub only_if: Vec<Spanned<IgnoredAny>>,
    #[serde(default)]
    pub unless: Vec<Spanned<IgnoredAny>>,
}
