//! A service guide (办事指南) and its parts: materials and the rules that select them, steps,
//! time limit, fee, FAQ.

use crate::page::{ChecklistData, Hours, WindowLocal};
use serde::{Deserialize, Serialize};

/// Whether the citizen brings the original, a copy, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    Original,
    Copy,
    OriginalAndCopy,
    Electronic,
    Form,
}

impl Form {
    pub fn label(self) -> &'static str {
        match self {
            Form::Original => "原件",
            Form::Copy => "复印件",
            Form::OriginalAndCopy => "原件和复印件",
            Form::Electronic => "电子材料",
            Form::Form => "申请表（窗口可领取）",
        }
    }
}

/// `question=option` (or `question=a|b`): true when the answer to `question` is one of `options`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question: String,
    pub options: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Material {
    pub id: String,
    pub name: String,
    pub form: Form,
    pub copies: u8,
    pub format: Option<String>,
    pub issuer: String,
    pub obtain: String,
    pub when: Option<String>,
    pub only_if: Vec<Condition>,
    pub unless: Vec<Condition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub default: String,
    pub options: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub title: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Faq {
    pub q: String,
    pub a: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeLimit {
    /// How many days; 0 means done on the spot.
    pub days: u16,
    /// Whether the rule counts calendar days (日, holidays included) rather than working days.
    pub calendar: bool,
    pub note: Option<String>,
}

impl TimeLimit {
    pub fn label(&self) -> String {
        match (self.days, self.calendar) {
            (0, _) => "当场办结".to_owned(),
            (n, true) => format!("{n} 日（含节假日）"),
            (n, false) => format!("{n} 个工作日"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fee {
    pub free: bool,
    pub amount: Option<String>,
    pub basis: Option<String>,
}

/// The window a guide is handled at, with the local facts a citizen needs on the guide itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowRef {
    pub id: String,
    pub name: String,
    pub local: WindowLocal,
}

/// One service guide (办事指南) with every standard element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuidePage {
    pub id: String,
    pub title: String,
    pub lang: Option<String>,
    pub summary: String,
    pub window: WindowRef,
    pub basis: Vec<String>,
    pub applicants: String,
    pub conditions: Vec<String>,
    pub questions: Vec<Question>,
    pub materials: Vec<Material>,
    pub steps: Vec<Step>,
    pub time_limit: TimeLimit,
    pub fee: Fee,
    pub visits: u8,
    pub result: String,
    pub faq: Vec<Faq>,
    pub source: String,
    pub reviewed: String,
    pub uncertain: Option<String>,
    pub body_html: String,
}

impl GuidePage {
    /// What the guide's interactive checklist needs.
    pub fn checklist(&self) -> ChecklistData {
        ChecklistData {
            guide_id: self.id.clone(),
            title: self.title.clone(),
            window_name: self.window.name.clone(),
            address: self.window.local.address.clone(),
            hours: Hours::summary(&self.window.local.hours),
            questions: self.questions.clone(),
            materials: self.materials.clone(),
        }
    }
}
