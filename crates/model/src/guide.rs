//! A service guide (办事指南) and its parts: materials and the rules that select them, steps,
//! time limit, fee, FAQ.

use crate::page::{ChecklistData, Hours, Qr, WindowLocal};
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
        self.label_in(crate::Lang::Zh)
    }

    /// What to bring and how many, as the checklist says it: "原件 · 1 份", "1 original".
    pub fn amount(self, copies: u8, lang: crate::Lang) -> String {
        let s = if copies == 1 { "" } else { "s" };
        let photocopies = if copies == 1 { "photocopy" } else { "photocopies" };
        match (lang, self) {
            (crate::Lang::Zh, form) => format!("{} · {copies} 份", form.label()),
            (crate::Lang::En, Form::Original) => format!("{copies} original{s}"),
            (crate::Lang::En, Form::Copy) => format!("{copies} {photocopies}"),
            (crate::Lang::En, Form::OriginalAndCopy) => format!("The original and {copies} {photocopies}"),
            (crate::Lang::En, Form::Electronic) => "A digital file or photo (no paper needed)".to_owned(),
            (crate::Lang::En, Form::Form) => "Application form (available at the window)".to_owned(),
        }
    }

    pub fn label_in(self, lang: crate::Lang) -> &'static str {
        match self {
            Form::Original => lang.pick("原件", "Original"),
            Form::Copy => lang.pick("复印件", "Copy"),
            Form::OriginalAndCopy => lang.pick("原件和复印件", "Original and copy"),
            Form::Electronic => lang.pick("电子材料", "Electronic file"),
            Form::Form => lang.pick("申请表（窗口可领取）", "Application form (available at the window)"),
        }
    }
}

/// `question=option` (or `question=a|b`): true when the answer to `question` is one of `options`.
/// Written and sent in that form; whether the question and options exist is the guide's check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Condition {
    pub question: String,
    pub options: Vec<String>,
}

impl TryFrom<String> for Condition {
    type Error = crate::InvalidValue;
    fn try_from(rule: String) -> Result<Condition, crate::InvalidValue> {
        let parsed = rule.split_once('=').and_then(|(q, opts)| {
            let options: Vec<String> = opts.split('|').map(str::to_owned).collect();
            (!q.is_empty() && options.iter().all(|o| !o.is_empty()))
                .then(|| Condition { question: q.to_owned(), options })
        });
        parsed.ok_or_else(|| {
            crate::InvalidValue(format!("rule `{rule}` is not written as question=option (or question=a|b)"))
        })
    }
}

impl From<Condition> for String {
    fn from(c: Condition) -> String {
        c.to_string()
    }
}

impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.question, self.options.join("|"))
    }
}

/// Reads an optional text where an empty one means none.
pub(crate) fn non_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|s| !s.trim().is_empty()))
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    pub id: String,
    pub name: String,
    pub form: Form,
    pub copies: u8,
    #[serde(default, deserialize_with = "non_empty")]
    pub format: Option<String>,
    pub issuer: String,
    pub obtain: String,
    #[serde(default, deserialize_with = "non_empty")]
    pub when: Option<String>,
    #[serde(default)]
    pub only_if: Vec<Condition>,
    #[serde(default)]
    pub unless: Vec<Condition>,
    /// The window provides it at the counter (prints it, hands it out, or it is filled in
    /// there): listed apart as nothing to bring, and never counted as missing.
    #[serde(default)]
    pub provided: bool,
    /// What is uncertain about this item, shown beside it wherever it is listed.
    #[serde(default, deserialize_with = "non_empty")]
    pub unsure: Option<String>,
    /// 容缺受理: the material may follow after the application is accepted, by a deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later: Option<crate::Later>,
    /// 告知承诺: a signed pledge replaces the material; the id of the pledge's text
    /// (`content/pledges/ID.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pledge: Option<String>,
}

/// One change of a guide that a citizen would care about, for the 最近更新 page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// YYYY-MM-DD (checked by the build).
    pub date: String,
    pub what: String,
}

/// Who must come to the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// The applicant in person (photo, fingerprints, identity check, signature, a test).
    #[serde(rename = "self")]
    InPerson,
    /// The applicant, or someone they authorise.
    SelfOrAgent,
    /// No visit: online, by phone or by post.
    NotNeeded,
}

impl Presence {
    pub fn label(self) -> &'static str {
        self.label_in(crate::Lang::Zh)
    }

    pub fn label_in(self, lang: crate::Lang) -> &'static str {
        match self {
            Presence::InPerson => lang.pick("申请人本人必须到场", "You must come in person"),
            Presence::SelfOrAgent => lang.pick(
                "本人到场，也可以委托他人代办（代办要带的材料见清单）",
                "Come yourself, or send someone on your behalf (what they bring is on the checklist)",
            ),
            Presence::NotNeeded => lang.pick(
                "不用到窗口：可以网上、电话或邮寄办理",
                "No need to come: apply online, by phone or by post",
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub default: String,
    pub options: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub title: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    pub q: String,
    pub a: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "WrittenTimeLimit", into = "WrittenTimeLimit")]
pub struct TimeLimit {
    /// How many days; 0 means done on the spot.
    pub days: u16,
    /// Whether the rule counts calendar days (日, holidays included) rather than working days.
    pub calendar: bool,
    pub note: Option<String>,
    /// What the time covers, from when to when (e.g. "从受理到制证完成").
    pub covers: Option<String>,
    /// What is uncertain about it.
    pub unsure: Option<String>,
}

/// A time limit as written: exactly one of `working_days` and `calendar_days`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrittenTimeLimit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    working_days: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    calendar_days: Option<u16>,
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    covers: Option<String>,
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    unsure: Option<String>,
}

impl TryFrom<WrittenTimeLimit> for TimeLimit {
    type Error = crate::InvalidValue;
    fn try_from(w: WrittenTimeLimit) -> Result<TimeLimit, crate::InvalidValue> {
        match (w.working_days, w.calendar_days) {
            (Some(days), None) => {
                Ok(TimeLimit { days, calendar: false, note: w.note, covers: w.covers, unsure: w.unsure })
            }
            (None, Some(days)) => {
                Ok(TimeLimit { days, calendar: true, note: w.note, covers: w.covers, unsure: w.unsure })
            }
            _ => Err(crate::InvalidValue(
                "time_limit needs exactly one of `working_days` and `calendar_days`".to_owned(),
            )),
        }
    }
}

impl From<TimeLimit> for WrittenTimeLimit {
    fn from(t: TimeLimit) -> WrittenTimeLimit {
        let (working_days, calendar_days) =
            if t.calendar { (None, Some(t.days)) } else { (Some(t.days), None) };
        WrittenTimeLimit { working_days, calendar_days, note: t.note, covers: t.covers, unsure: t.unsure }
    }
}

impl TimeLimit {
    pub fn label(&self) -> String {
        self.label_in(crate::Lang::Zh)
    }

    pub fn label_in(&self, lang: crate::Lang) -> String {
        match (lang, self.days, self.calendar) {
            (crate::Lang::Zh, 0, _) => "当场办结".to_owned(),
            (crate::Lang::Zh, n, true) => format!("{n} 日（含节假日）"),
            (crate::Lang::Zh, n, false) => format!("{n} 个工作日"),
            (crate::Lang::En, 0, _) => "Done on the spot".to_owned(),
            (crate::Lang::En, n, true) => format!("{n} days (including holidays)"),
            (crate::Lang::En, n, false) => format!("{n} working days"),
        }
    }

    /// The label with what it covers and, where uncertain, the mark: "60 日（含节假日）·
    /// 从受理到发证（待确认）".
    pub fn summary(&self) -> String {
        self.summary_in(crate::Lang::Zh)
    }

    pub fn summary_in(&self, lang: crate::Lang) -> String {
        let mut text = self.label_in(lang);
        if let Some(covers) = &self.covers {
            text.push_str(&format!(" · {covers}"));
        }
        if self.unsure.is_some() {
            text.push_str(unsure_mark(lang));
        }
        text
    }
}

/// Written after anything marked `unsure`, wherever it is shown or printed.
pub const UNSURE_MARK: &str = "（待确认）";

/// The unsure mark in `lang`.
pub fn unsure_mark(lang: crate::Lang) -> &'static str {
    lang.pick(UNSURE_MARK, " (to be confirmed)")
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    pub free: bool,
    #[serde(default, deserialize_with = "non_empty")]
    pub amount: Option<String>,
    #[serde(default, deserialize_with = "non_empty")]
    pub basis: Option<String>,
    /// What is uncertain about the fee.
    #[serde(default, deserialize_with = "non_empty")]
    pub unsure: Option<String>,
}

/// The window a guide is handled at, with the local facts a citizen needs on the guide itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowRef {
    pub id: String,
    pub name: String,
    pub local: WindowLocal,
}

/// One service guide (办事指南) with every standard element. Read from a guide's front matter
/// as `GuidePage<String>` (the window named by its id), then placed at its window with [`at`].
///
/// [`at`]: GuidePage::at
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidePage<W = WindowRef> {
    pub id: String,
    pub title: String,
    pub window: W,
    /// The guide's language: its folder's (`content/en/` is English), never written.
    #[serde(default, skip_deserializing)]
    pub lang: crate::Lang,
    pub summary: String,
    /// How citizens ask for this service, for search ("户口本丢了", "车子过户").
    #[serde(default)]
    pub aliases: Vec<String>,
    pub basis: Vec<String>,
    pub applicants: String,
    pub conditions: Vec<String>,
    #[serde(default)]
    pub questions: Vec<Question>,
    pub materials: Vec<Material>,
    pub steps: Vec<Step>,
    pub time_limit: TimeLimit,
    pub fee: Fee,
    pub visits: u8,
    pub presence: Presence,
    pub result: String,
    pub faq: Vec<Faq>,
    pub source: String,
    pub reviewed: String,
    #[serde(default, deserialize_with = "non_empty")]
    pub uncertain: Option<String>,
    /// What changed in the guide and when, newest last or first as written.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// The markdown body, rendered; never written in the front matter.
    #[serde(default, skip_deserializing)]
    pub body_html: String,
    /// The guide's public address and its QR code; made by the build, never written.
    #[serde(default, skip_deserializing)]
    pub page_url: String,
    #[serde(default, skip_deserializing)]
    pub qr: Qr,
}

impl GuidePage<String> {
    /// The guide placed at its window, with its rendered body and its public address.
    pub fn at(
        self,
        lang: crate::Lang,
        window: WindowRef,
        body_html: String,
        page_url: String,
        qr: Qr,
    ) -> GuidePage {
        GuidePage {
            id: self.id,
            title: self.title,
            window,
            lang,
            summary: self.summary,
            aliases: self.aliases,
            basis: self.basis,
            applicants: self.applicants,
            conditions: self.conditions,
            questions: self.questions,
            materials: self.materials,
            steps: self.steps,
            time_limit: self.time_limit,
            fee: self.fee,
            visits: self.visits,
            presence: self.presence,
            result: self.result,
            faq: self.faq,
            source: self.source,
            reviewed: self.reviewed,
            uncertain: self.uncertain,
            changes: self.changes,
            body_html,
            page_url,
            qr,
        }
    }
}

impl GuidePage {
    /// What the guide's interactive checklist and its printed slip need.
    pub fn checklist(&self) -> ChecklistData {
        ChecklistData {
            guide_id: self.id.clone(),
            title: self.title.clone(),
            window_name: self.window.name.clone(),
            address: self.window.local.address.clone(),
            hours: Hours::summary(&self.window.local.hours, self.lang),
            phone: self.window.local.phone.clone(),
            fee: format!(
                "{}{}",
                self.fee_label(),
                if self.fee.unsure.is_some() { unsure_mark(self.lang) } else { "" }
            ),
            time_limit: self.time_limit.summary_in(self.lang),
            presence: self.presence,
            questions: self.questions.clone(),
            materials: self.materials.clone(),
            page_url: self.page_url.clone(),
            qr: self.qr.clone(),
        }
    }

    /// The fee in a few words: "免费", or the amount as written.
    pub fn fee_label(&self) -> String {
        match (&self.fee.amount, self.fee.free) {
            (_, true) => self.lang.pick("免费", "Free").to_owned(),
            (None, false) => self
                .lang
                .pick("收费，标准以窗口告知为准", "A fee is charged: please confirm at the window")
                .to_owned(),
            (Some(amount), false) => amount.clone(),
        }
    }
}
