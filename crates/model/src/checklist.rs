//! The 一次性告知 checklist rules: which materials apply for a citizen's answers.

use crate::guide::{Condition, Material, Question};
use crate::page::ChecklistData;
use crate::route::is_id;
use crate::Lang;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The citizen's answers: question id → option id.
pub type Answers = BTreeMap<String, String>;

impl Condition {
    /// Whether the answers satisfy this condition. An unanswered question counts as its default,
    /// which [`effective_answers`] fills in beforehand.
    pub fn holds(&self, answers: &Answers) -> bool {
        answers.get(&self.question).is_some_and(|a| self.options.iter().any(|o| o == a))
    }
}

impl Condition {
    /// The condition in words, e.g. "「申请人年龄」答「未满16周岁」".
    pub fn describe(&self, questions: &[Question], lang: Lang) -> String {
        let question = questions.iter().find(|q| q.id == self.question);
        let label = |o: &String| {
            question
                .and_then(|q| q.options.iter().find(|c| &c.id == o))
                .map_or_else(|| o.clone(), |c| c.label.clone())
        };
        let options: Vec<String> = self.options.iter().map(label).collect();
        let text = question.map_or_else(|| self.question.clone(), |q| q.text.clone());
        match lang {
            Lang::Zh => format!("「{text}」答「{}」", options.join("」或「")),
            Lang::En => format!("“{text}” is answered “{}”", options.join("” or “")),
        }
    }
}

impl Material {
    /// When the material is needed, in words; `None` when it always is.
    pub fn situation(&self, questions: &[Question], lang: Lang) -> Option<String> {
        let words = |list: &[Condition]| {
            list.iter()
                .map(|c| c.describe(questions, lang))
                .collect::<Vec<_>>()
                .join(lang.pick("且", " and "))
        };
        let (only, unless) = (words(&self.only_if), words(&self.unless));
        match (lang, self.only_if.is_empty(), self.unless.is_empty()) {
            (_, true, true) => None,
            (Lang::Zh, false, true) => Some(format!("{only}时需要")),
            (Lang::Zh, true, false) => Some(format!("{unless}时不需要")),
            (Lang::Zh, false, false) => Some(format!("{only}时需要，{unless}时不需要")),
            (Lang::En, false, true) => Some(format!("needed when {only}")),
            (Lang::En, true, false) => Some(format!("not needed when {unless}")),
            (Lang::En, false, false) => Some(format!("needed when {only}, but not when {unless}")),
        }
    }

    /// Whether this material is needed for the given (complete) answers.
    pub fn applies(&self, answers: &Answers) -> bool {
        self.only_if.iter().all(|c| c.holds(answers)) && !self.unless.iter().any(|c| c.holds(answers))
    }
}

/// The answers with every question the citizen left open set to its default, and answers to
/// unknown questions or with unknown options dropped (a stale or hand-edited link stays harmless).
pub fn effective_answers(questions: &[Question], given: &Answers) -> Answers {
    questions
        .iter()
        .map(|q| {
            let chosen =
                given.get(&q.id).filter(|a| q.options.iter().any(|o| &o.id == *a)).unwrap_or(&q.default);
            (q.id.clone(), chosen.clone())
        })
        .collect()
}

/// The materials needed for the given answers, in the guide's order.
pub fn applicable<'a>(guide: &'a ChecklistData, given: &Answers) -> Vec<&'a Material> {
    let answers = effective_answers(&guide.questions, given);
    guide.materials.iter().filter(|m| m.applies(&answers)).collect()
}

/// The materials the citizen brings for the given answers: [`applicable`] without those the
/// window provides at the counter.
pub fn to_bring<'a>(guide: &'a ChecklistData, given: &Answers) -> Vec<&'a Material> {
    applicable(guide, given).into_iter().filter(|m| !m.provided).collect()
}

/// Every combination of answers the guide's questions allow (the cartesian product).
pub fn all_answer_combinations(questions: &[Question]) -> Vec<Answers> {
    questions.iter().fold(vec![Answers::new()], |acc, q| {
        acc.iter()
            .flat_map(|partial| {
                q.options.iter().map(move |o| {
                    let mut next = partial.clone();
                    next.insert(q.id.clone(), o.id.clone());
                    next
                })
            })
            .collect()
    })
}

/// A citizen's checklist for one guide: their answers and the materials they have ticked.
/// Kept on the device, and carried in a share link's query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistState {
    #[serde(rename = "a")]
    pub answers: Answers,
    #[serde(rename = "t")]
    pub ticked: BTreeSet<String>,
}

impl ChecklistState {
    /// The query string of a share link: `a=question.option,…&t=material,…`.
    pub fn to_query(&self) -> String {
        let answers: Vec<String> = self.answers.iter().map(|(q, o)| format!("{q}.{o}")).collect();
        let ticked: Vec<&str> = self.ticked.iter().map(String::as_str).collect();
        format!("a={}&t={}", answers.join(","), ticked.join(","))
    }

    /// Reads a share link's query string (with or without the leading `?`). Anything that is
    /// not a well-formed id is ignored; `None` when the query carries no checklist at all.
    pub fn from_query(query: &str) -> Option<ChecklistState> {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut state = ChecklistState::default();
        let mut found = false;
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some(("a", list)) => {
                    found = true;
                    for item in list.split(',') {
                        if let Some((q, o)) = item.split_once('.') {
                            if is_id(q) && is_id(o) {
                                state.answers.insert(q.to_owned(), o.to_owned());
                            }
                        }
                    }
                }
                Some(("t", list)) => {
                    found = true;
                    state.ticked.extend(list.split(',').filter(|id| is_id(id)).map(str::to_owned));
                }
                _ => {}
            }
        }
        found.then_some(state)
    }

    /// The state limited to what the guide knows: unknown answers become defaults, ticks of
    /// materials the guide does not have are dropped.
    pub fn normalised(&self, guide: &ChecklistData) -> ChecklistState {
        ChecklistState {
            answers: effective_answers(&guide.questions, &self.answers),
            ticked: self
                .ticked
                .iter()
                .filter(|id| guide.materials.iter().any(|m| &m.id == *id))
                .cloned()
                .collect(),
        }
    }
}

/// The checklist as kept on the device, one value per guide. `v` is the format's version:
/// values written before versions existed (`{a, t}`) read as version 0.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedChecklist {
    #[serde(default)]
    pub v: u8,
    #[serde(default)]
    pub a: Answers,
    #[serde(default)]
    pub t: BTreeSet<String>,
    /// Every material id the guide had when this was saved, to tell the citizen what is new.
    #[serde(default)]
    pub m: BTreeSet<String>,
    /// The query of the last share link made on this device, to recognise it when it comes back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s: Option<String>,
}

/// What a saved checklist gives back when the guide is opened again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    pub state: ChecklistState,
    /// Names of materials on the citizen's list that the guide did not have at the last save.
    pub new_materials: Vec<String>,
    pub shared_query: Option<String>,
}

impl SavedChecklist {
    /// The current format.
    pub const VERSION: u8 = 1;

    pub fn new(
        state: &ChecklistState,
        guide: &ChecklistData,
        shared_query: Option<String>,
    ) -> SavedChecklist {
        SavedChecklist {
            v: Self::VERSION,
            a: state.answers.clone(),
            t: state.ticked.clone(),
            m: guide.materials.iter().map(|m| m.id.clone()).collect(),
            s: shared_query,
        }
    }

    /// The saved state for the guide as it is now; `None` for a value written by a newer
    /// version of the site, which this one cannot read.
    pub fn restore(self, guide: &ChecklistData) -> Option<Restored> {
        if self.v > Self::VERSION {
            return None;
        }
        let state = ChecklistState { answers: self.a, ticked: self.t }.normalised(guide);
        let new_materials = if self.m.is_empty() {
            Vec::new()
        } else {
            applicable(guide, &state.answers)
                .into_iter()
                .filter(|m| !m.provided && !self.m.contains(&m.id))
                .map(|m| m.name.clone())
                .collect()
        };
        Some(Restored { state, new_materials, shared_query: self.s })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::*;
    use crate::page::*;
    use proptest::prelude::*;

    fn cond(s: &str) -> Condition {
        let (q, o) = s.split_once('=').expect("test condition has '='");
        Condition { question: q.into(), options: o.split('|').map(String::from).collect() }
    }

    fn material(id: &str, only_if: &[&str], unless: &[&str]) -> Material {
        Material {
            id: id.into(),
            name: id.into(),
            form: Form::Original,
            copies: 1,
            format: None,
            issuer: "x".into(),
            obtain: "x".into(),
            when: None,
            only_if: only_if.iter().map(|c| cond(c)).collect(),
            unless: unless.iter().map(|c| cond(c)).collect(),
            provided: false,
            unsure: None,
            later: None,
            pledge: None,
        }
    }

    fn question(id: &str, options: &[&str]) -> Question {
        Question {
            id: id.into(),
            text: id.into(),
            default: options[0].into(),
            options: options.iter().map(|o| Choice { id: (*o).into(), label: (*o).into() }).collect(),
        }
    }

    fn guide(questions: Vec<Question>, materials: Vec<Material>) -> ChecklistData {
        ChecklistData::rules_only("g", "g", questions, materials)
    }

    #[test]
    fn a_material_says_in_words_when_it_is_needed() {
        let questions =
            vec![question("age", &["adult", "minor"]), question("case", &["lost", "damaged", "expired"])];
        assert_eq!(material("a", &[], &[]).situation(&questions, Lang::Zh), None);
        assert_eq!(
            material("b", &["age=minor"], &[]).situation(&questions, Lang::Zh).as_deref(),
            Some("「age」答「minor」时需要")
        );
        assert_eq!(
            material("c", &["case=damaged|expired"], &["age=minor"])
                .situation(&questions, Lang::Zh)
                .as_deref(),
            Some("「case」答「damaged」或「expired」时需要，「age」答「minor」时不需要")
        );
    }

    fn ids(ms: Vec<&Material>) -> Vec<&str> {
        ms.into_iter().map(|m| m.id.as_str()).collect()
    }

    fn sample() -> ChecklistData {
        guide(
            vec![question("agent", &["self", "agent"]), question("case", &["damaged", "lost"])],
            vec![
                material("id", &[], &["case=lost"]),
                material("statement", &["case=lost"], &[]),
                material("agent-id", &["agent=agent"], &[]),
                material("photo", &[], &[]),
            ],
        )
    }

    #[test]
    fn default_answers_give_the_default_list() {
        assert_eq!(ids(applicable(&sample(), &Answers::new())), ["id", "photo"]);
    }

    #[test]
    fn an_answer_adds_and_removes_materials() {
        let answers = Answers::from([("case".into(), "lost".into()), ("agent".into(), "agent".into())]);
        assert_eq!(ids(applicable(&sample(), &answers)), ["statement", "agent-id", "photo"]);
    }

    #[test]
    fn unknown_questions_and_options_fall_back_to_defaults() {
        let answers = Answers::from([("case".into(), "stolen".into()), ("x".into(), "y".into())]);
        let effective = effective_answers(&sample().questions, &answers);
        assert_eq!(effective.get("case").map(String::as_str), Some("damaged"));
        assert!(!effective.contains_key("x"));
    }

    #[test]
    fn an_or_condition_matches_any_listed_option() {
        let c = cond("case=lost|damaged");
        assert!(c.holds(&Answers::from([("case".into(), "damaged".into())])));
        assert!(!c.holds(&Answers::from([("case".into(), "expired".into())])));
    }

    #[test]
    fn combinations_cover_the_cartesian_product() {
        assert_eq!(all_answer_combinations(&sample().questions).len(), 4);
        assert_eq!(all_answer_combinations(&[]).len(), 1);
    }

    #[test]
    fn a_share_query_round_trips_the_state() {
        let state = ChecklistState {
            answers: Answers::from([("agent".into(), "agent".into()), ("case".into(), "lost".into())]),
            ticked: BTreeSet::from(["id".into(), "photo".into()]),
        };
        assert_eq!(state.to_query(), "a=agent.agent,case.lost&t=id,photo");
        assert_eq!(ChecklistState::from_query(&format!("?{}", state.to_query())), Some(state));
    }

    #[test]
    fn a_query_without_checklist_or_with_junk_is_harmless() {
        assert_eq!(ChecklistState::from_query("?utm=1"), None);
        let state =
            ChecklistState::from_query("a=<script>.x,ok.yes&t=../etc,photo").expect("has a checklist");
        assert_eq!(state.answers, Answers::from([("ok".into(), "yes".into())]));
        assert_eq!(state.ticked, BTreeSet::from(["photo".into()]));
    }

    #[test]
    fn normalising_drops_unknown_ticks_and_fills_defaults() {
        let state = ChecklistState {
            answers: Answers::new(),
            ticked: BTreeSet::from(["photo".into(), "gone".into()]),
        };
        let normal = state.normalised(&sample());
        assert_eq!(normal.ticked, BTreeSet::from(["photo".into()]));
        assert_eq!(normal.answers.get("agent").map(String::as_str), Some("self"));
    }

    #[test]
    fn a_value_saved_before_versions_existed_still_restores_without_claiming_news() {
        let legacy: SavedChecklist =
            serde_json::from_str(r#"{"a":{"case":"lost"},"t":["statement","gone"]}"#).expect("old format");
        assert_eq!(legacy.v, 0);
        let restored = legacy.restore(&sample()).expect("readable");
        assert_eq!(restored.state.answers.get("case").map(String::as_str), Some("lost"));
        assert_eq!(restored.state.ticked, BTreeSet::from(["statement".into()]));
        assert!(restored.new_materials.is_empty());
    }

    #[test]
    fn a_material_added_to_the_guide_since_the_last_save_is_named() {
        let mut before = sample();
        before.materials.retain(|m| m.id != "photo");
        let saved = SavedChecklist::new(&ChecklistState::default(), &before, None);
        let restored = saved.restore(&sample()).expect("readable");
        assert_eq!(restored.new_materials, ["photo"]);
    }

    #[test]
    fn a_value_from_a_newer_format_is_not_read() {
        let newer = SavedChecklist { v: SavedChecklist::VERSION + 1, ..SavedChecklist::default() };
        assert_eq!(newer.restore(&sample()), None);
    }

    #[test]
    fn a_saved_value_round_trips_with_its_share_link() {
        let state = ChecklistState { answers: Answers::new(), ticked: BTreeSet::from(["id".into()]) };
        let saved = SavedChecklist::new(&state, &sample(), Some(state.to_query()));
        let text = serde_json::to_string(&saved).expect("json");
        assert!(text.starts_with(r#"{"v":1,"#), "{text}");
        let back: SavedChecklist = serde_json::from_str(&text).expect("reads back");
        let restored = back.restore(&sample()).expect("readable");
        assert_eq!(restored.state.ticked, state.ticked);
        assert_eq!(restored.shared_query, Some(state.to_query()));
    }

    proptest! {
        #[test]
        fn no_answers_ever_produce_a_duplicate_or_a_material_outside_the_guide(
            agent in prop::sample::select(vec!["self", "agent", "bogus"]),
            case in prop::sample::select(vec!["lost", "damaged", ""]),
        ) {
            let g = sample();
            let answers = Answers::from([("agent".into(), agent.into()), ("case".into(), case.into())]);
            let list = ids(applicable(&g, &answers));
            let mut dedup = list.clone();
            dedup.dedup();
            prop_assert_eq!(&list, &dedup);
            prop_assert!(!list.is_empty());
            prop_assert!(list.iter().all(|id| g.materials.iter().any(|m| m.id == *id)));
        }
    }
}
