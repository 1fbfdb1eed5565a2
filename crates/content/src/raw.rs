//! The content files as read: `site.toml` straight into the model, window front matter as
//! written, and where the parts of the site file and of a guide are, for line numbers.

use serde::de::IgnoredAny;
use serde::Deserialize;
use std::collections::BTreeMap;
use swg_model::{Commitment, Rectification, SiteInfo, WindowLocal};
use toml::Spanned;

/// `site.toml`, read straight into the model: the site's facts and each window's local facts.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteFile {
    pub site: SiteInfo,
    pub rectification: Rectification,
    #[serde(default)]
    pub windows: BTreeMap<String, WindowLocal>,
}

/// Where each window's opening hours and booking rules are in `site.toml`.
#[derive(Deserialize)]
pub(crate) struct SiteLines {
    #[serde(default)]
    pub windows: BTreeMap<String, LocalLines>,
}

#[derive(Deserialize)]
pub(crate) struct LocalLines {
    #[serde(default)]
    pub hours: Vec<Spanned<IgnoredAny>>,
    pub booking: Option<Spanned<IgnoredAny>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWindow {
    pub id: Spanned<String>,
    pub name: String,
    pub order: i32,
    pub summary: String,
    pub call: Option<String>,
    pub commitments: Vec<Commitment>,
    pub rights: Vec<RawRight>,
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
    pub basis: Spanned<Vec<Spanned<IgnoredAny>>>,
    pub source: Spanned<IgnoredAny>,
    pub reviewed: Spanned<IgnoredAny>,
    pub fee: Spanned<FeeLines>,
    #[serde(default)]
    pub changes: Vec<Spanned<IgnoredAny>>,
    #[serde(default)]
    pub questions: Vec<Spanned<IgnoredAny>>,
    pub materials: Spanned<Vec<Spanned<MaterialLines>>>,
    pub steps: Spanned<IgnoredAny>,
    pub faq: Spanned<IgnoredAny>,
}

/// Where a fee's parts are.
#[derive(Deserialize)]
pub(crate) struct FeeLines {
    #[serde(default)]
    pub amount: Option<Spanned<IgnoredAny>>,
    #[serde(default)]
    pub basis: Option<Spanned<IgnoredAny>>,
}

/// Where a material's rules are.
#[derive(Deserialize)]
pub(crate) struct MaterialLines {
    #[serde(default)]
    pub only_if: Vec<Spanned<IgnoredAny>>,
    #[serde(default)]
    pub unless: Vec<Spanned<IgnoredAny>>,
    #[serde(default)]
    pub later: Option<Spanned<IgnoredAny>>,
    #[serde(default)]
    pub pledge: Option<Spanned<IgnoredAny>>,
}

/// Where the parts of a life event's front matter are; its values are read straight into
/// `swg_model::event::EventFile`.
#[derive(Deserialize)]
pub(crate) struct EventLines {
    pub id: Spanned<String>,
    pub source: Spanned<IgnoredAny>,
    pub reviewed: Spanned<IgnoredAny>,
    #[serde(default)]
    pub questions: Vec<Spanned<IgnoredAny>>,
    #[serde(default)]
    pub settled: Option<Spanned<IgnoredAny>>,
    pub visits: Spanned<Vec<Spanned<VisitLines>>>,
}

#[derive(Deserialize)]
pub(crate) struct VisitLines {
    #[serde(rename = "where", default)]
    pub at: Option<Spanned<IgnoredAny>>,
    pub steps: Vec<Spanned<StepLines>>,
}

#[derive(Deserialize)]
pub(crate) struct StepLines {
    pub guide: Spanned<IgnoredAny>,
    #[serde(default)]
    pub only_if: Vec<Spanned<IgnoredAny>>,
    #[serde(default)]
    pub unless: Vec<Spanned<IgnoredAny>>,
}

/// Where a pledge's parts are.
#[derive(Deserialize)]
pub(crate) struct PledgeLines {
    pub id: Spanned<String>,
    pub basis: Spanned<IgnoredAny>,
}
