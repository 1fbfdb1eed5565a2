//! 容缺受理 and 告知承诺: when a missing material may follow later or be replaced by a signed
//! pledge, and what is still missing counted by kind.

use crate::guide::{Material, TimeLimit};
use crate::Lang;
use serde::{Deserialize, Serialize};

/// 容缺受理: a secondary material brought after acceptance, with a signed 承诺书, within `days`
/// of acceptance (never later than the guide's promised time, which the build checks).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WrittenLater", into = "WrittenLater")]
pub struct Later {
    pub days: u16,
    /// Whether `days` are calendar days (日) rather than working days.
    pub calendar: bool,
    /// What happens when it is not brought in time.
    pub if_late: String,
}

/// A 容缺 deadline as written: exactly one of `working_days` and `calendar_days`, and `if_late`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrittenLater {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    working_days: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    calendar_days: Option<u16>,
    #[serde(default)]
    if_late: String,
}

impl TryFrom<WrittenLater> for Later {
    type Error = crate::InvalidValue;
    fn try_from(w: WrittenLater) -> Result<Later, crate::InvalidValue> {
        let (days, calendar) = match (w.working_days, w.calendar_days) {
            (Some(days), None) => (days, false),
            (None, Some(days)) => (days, true),
            _ => return Err(crate::InvalidValue(
                "`later` (容缺受理) needs its deadline: exactly one of `working_days` and `calendar_days`"
                    .to_owned(),
            )),
        };
        if days == 0 {
            return Err(crate::InvalidValue(
                "`later` (容缺受理) needs a deadline of at least 1 day after acceptance".to_owned(),
            ));
        }
        if w.if_late.trim().is_empty() {
            return Err(crate::InvalidValue(
                "`later` (容缺受理) needs `if_late`: what happens when the material is not brought in time"
                    .to_owned(),
            ));
        }
        Ok(Later { days, calendar, if_late: w.if_late })
    }
}

impl From<Later> for WrittenLater {
    fn from(l: Later) -> WrittenLater {
        let (working_days, calendar_days) =
            if l.calendar { (None, Some(l.days)) } else { (Some(l.days), None) };
        WrittenLater { working_days, calendar_days, if_late: l.if_late }
    }
}

impl Later {
    /// The deadline in words: "受理后 5 个工作日内补交".
    pub fn deadline(&self, lang: Lang) -> String {
        match (lang, self.calendar) {
            (Lang::Zh, false) => format!("受理后 {} 个工作日内补交", self.days),
            (Lang::Zh, true) => format!("受理后 {} 日内补交", self.days),
            (Lang::En, false) => format!("bring it within {} working days of acceptance", self.days),
            (Lang::En, true) => format!("bring it within {} days of acceptance", self.days),
        }
    }

    /// Whether this deadline falls within a guide's promised time.
    pub fn within(&self, limit: &TimeLimit) -> bool {
        // Working days last at least as long as calendar days; the reverse cannot be promised.
        (self.calendar || !limit.calendar) && self.days <= limit.days
    }
}

/// How a missing material may still let the application go ahead today. Ordered from the
/// least to the most lenient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Deferral {
    /// 容缺受理: brought later, by a deadline.
    Later,
    /// 告知承诺: a signed pledge replaces it.
    Pledge,
}

impl Material {
    /// 容缺 or 告知承诺 in a few words, for the printed slip: "可容缺受理，受理后 5 个工作日内补交".
    pub fn deferral_note(&self, lang: Lang) -> Option<String> {
        match (&self.pledge, &self.later) {
            (Some(_), _) => {
                Some(lang.pick("可签告知承诺书代替", "a signed pledge may replace it").to_owned())
            }
            (None, Some(later)) => Some(format!(
                "{}{}",
                lang.pick("可容缺受理，", "may follow after acceptance: "),
                later.deadline(lang)
            )),
            (None, None) => None,
        }
    }

    /// How the material may be missing today; `None` when it must be brought.
    pub fn deferral(&self) -> Option<Deferral> {
        if self.pledge.is_some() {
            Some(Deferral::Pledge)
        } else {
            self.later.as_ref().map(|_| Deferral::Later)
        }
    }
}

/// What is still missing, counted apart by whether it may still let the citizen go today
/// (容缺受理, 告知承诺) or must be brought.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Missing {
    /// Names of what must be brought before the application can be accepted.
    pub required: Vec<String>,
    /// Names of what may follow after acceptance (容缺受理).
    pub later: Vec<String>,
    /// Names of what a signed pledge replaces (告知承诺).
    pub pledge: Vec<String>,
}

impl Missing {
    /// Sorts missing items (name, how it may be missing) into the three kinds.
    pub fn of(items: impl IntoIterator<Item = (String, Option<Deferral>)>) -> Missing {
        let mut missing = Missing::default();
        for (name, deferral) in items {
            match deferral {
                None => missing.required.push(name),
                Some(Deferral::Later) => missing.later.push(name),
                Some(Deferral::Pledge) => missing.pledge.push(name),
            }
        }
        missing
    }

    pub fn count(&self) -> usize {
        self.required.len() + self.later.len() + self.pledge.len()
    }

    /// Every missing name: what must be brought first.
    pub fn names(&self) -> Vec<String> {
        self.required.iter().chain(&self.later).chain(&self.pledge).cloned().collect()
    }

    /// The missing names in words, each kind apart: "身份证、照片；可容缺受理：复印件".
    pub fn names_said(&self, lang: Lang) -> String {
        let list = |names: &[String]| names.join(lang.pick("、", "; "));
        let kinds = [
            ("", "", &self.required),
            ("可容缺受理：", "may follow: ", &self.later),
            ("可签告知承诺书代替：", "a signed pledge may replace: ", &self.pledge),
        ];
        kinds
            .iter()
            .filter(|(_, _, names)| !names.is_empty())
            .map(|(zh, en, names)| format!("{}{}", lang.pick(*zh, *en), list(names)))
            .collect::<Vec<_>>()
            .join(lang.pick("；", ". "))
    }

    /// The count in words, saying how many may follow: "还缺 1 项，可容缺受理，可以先去窗口申请",
    /// "还缺 3 项，其中 1 项可容缺受理", "还缺 2 项".
    pub fn summary(&self, lang: Lang) -> String {
        let n = self.count();
        let deferrable = self.later.len() + self.pledge.len();
        let how = match (self.later.is_empty(), self.pledge.is_empty()) {
            (false, true) => lang.pick("可容缺受理", "may follow after acceptance (容缺受理)"),
            (true, false) => lang.pick("可签告知承诺书代替", "may be replaced by a signed pledge (告知承诺)"),
            _ => lang.pick(
                "可容缺受理或签告知承诺书代替",
                "may follow after acceptance or be replaced by a signed pledge",
            ),
        };
        match (lang, deferrable) {
            (Lang::Zh, 0) => format!("还缺 {n} 项"),
            (Lang::En, 0) => format!("{n} still missing"),
            (Lang::Zh, k) if k == n => format!("还缺 {n} 项，{how}，可以先去窗口申请"),
            (Lang::En, k) if k == n => format!("{n} still missing, {how}: you may apply at the window now"),
            (Lang::Zh, k) => format!("还缺 {n} 项，其中 {k} 项{how}"),
            (Lang::En, k) => format!("{n} still missing; {k} of them {how}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_items_are_counted_apart_by_whether_they_may_follow() {
        let later = |n: &str| (n.to_owned(), Some(Deferral::Later));
        let pledge = |n: &str| (n.to_owned(), Some(Deferral::Pledge));
        let required = |n: &str| (n.to_owned(), None);
        assert_eq!(
            Missing::of([later("复印件")]).summary(Lang::Zh),
            "还缺 1 项，可容缺受理，可以先去窗口申请"
        );
        assert_eq!(
            Missing::of([required("身份证"), later("复印件"), required("照片")]).summary(Lang::Zh),
            "还缺 3 项，其中 1 项可容缺受理"
        );
        assert_eq!(Missing::of([required("身份证")]).summary(Lang::Zh), "还缺 1 项");
        assert_eq!(
            Missing::of([pledge("亲属关系证明"), later("复印件")]).summary(Lang::Zh),
            "还缺 2 项，可容缺受理或签告知承诺书代替，可以先去窗口申请"
        );
        let mixed = Missing::of([later("a"), required("b"), pledge("c")]);
        assert_eq!(mixed.names(), ["b", "a", "c"]);
        assert_eq!(mixed.names_said(Lang::Zh), "b；可容缺受理：a；可签告知承诺书代替：c");
        assert_eq!(
            mixed.summary(Lang::En),
            "3 still missing; 2 of them may follow after acceptance or be replaced by a signed pledge"
        );
    }
}
