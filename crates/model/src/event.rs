//! 一件事一次办: a life event's guides as one plan of visits, with one merged checklist whose
//! situation questions are asked once and whose materials are listed once with every step
//! that needs them.

use crate::checklist::{applicable, effective_answers, Answers, ChecklistState};
use crate::guide::{non_empty, Condition, Material, Question};
use crate::page::{ChecklistData, Qr};
use crate::Deferral;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A life event as written in `content/events/ID.md`: guides named by their ids.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Position in the home page's 按事办 list.
    #[serde(default)]
    pub order: i32,
    /// How citizens ask for it ("生孩子了要办什么"), for search.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub source: String,
    pub reviewed: String,
    #[serde(default, deserialize_with = "non_empty")]
    pub uncertain: Option<String>,
    /// The event's own situation questions (e.g. "名下有没有机动车"), which steps may depend on.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// Answers the event settles for its guides, never asked (a newborn is under 16; the
    /// wallet was lost): question key → option.
    #[serde(default)]
    pub settled: Answers,
    pub visits: Vec<VisitFile>,
}

/// One trip, as written.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisitFile {
    /// A 一窗办 window that handles every step of this visit at once.
    #[serde(rename = "where", default)]
    pub at: Option<String>,
    #[serde(default, deserialize_with = "non_empty")]
    pub note: Option<String>,
    pub steps: Vec<StepFile>,
}

/// One guide of a visit, as written.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepFile {
    pub guide: String,
    #[serde(default, deserialize_with = "non_empty")]
    pub why: Option<String>,
    #[serde(default)]
    pub only_if: Vec<Condition>,
    #[serde(default)]
    pub unless: Vec<Condition>,
}

/// A life event's page: its words, and the plan the interactive checklist works on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventPage {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub aliases: Vec<String>,
    pub source: String,
    pub reviewed: String,
    pub uncertain: Option<String>,
    pub body_html: String,
    pub plan: EventPlan,
}

/// Everything the merged checklist needs: the event's own questions, and each visit's steps
/// with their guides' checklists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventPlan {
    pub event_id: String,
    pub title: String,
    pub questions: Vec<Question>,
    /// Answers settled by the event (question key → option), never asked.
    pub settled: Answers,
    pub visits: Vec<Visit>,
    /// The event page's public address, and the same as a QR code for the printed slip.
    pub page_url: String,
    pub qr: Qr,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    /// The 一窗办 window where every step of this visit is handled at once.
    pub at: Option<VisitWindow>,
    pub note: Option<String>,
    pub steps: Vec<EventStep>,
}

/// A window as a visit names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VisitWindow {
    pub id: String,
    pub name: String,
    pub address: String,
    pub phone: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventStep {
    pub guide: ChecklistData,
    pub window_id: String,
    pub why: Option<String>,
    pub only_if: Vec<Condition>,
    pub unless: Vec<Condition>,
}

impl EventStep {
    /// Whether the step is needed for the event's (complete, keyed) answers.
    pub fn applies(&self, answers: &Answers) -> bool {
        self.only_if.iter().all(|c| c.holds(answers)) && !self.unless.iter().any(|c| c.holds(answers))
    }

    pub fn is_conditional(&self) -> bool {
        !self.only_if.is_empty() || !self.unless.is_empty()
    }
}

/// A guide's question as the event asks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ask {
    pub guide: String,
    pub question: String,
}

/// A situation question asked once for the whole event. Guides' questions with the same id,
/// options (ids and labels) and default are one question; a question id defined differently in
/// two guides is asked for each, keyed `ID-GUIDE` and named with its guide's title.
#[derive(Clone, Debug, PartialEq)]
pub struct EventQuestion {
    /// The key of the answer in the event's state and share link; the question's `id`.
    pub question: Question,
    /// The guides' questions it answers; empty for one of the event's own.
    pub asks: Vec<Ask>,
}

/// One item of the merged checklist: a material (by id) and every step that needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    pub name: String,
    pub uses: Vec<Use>,
}

/// A step's need of an item, with the material as that guide describes it (original or copy,
/// how many, 容缺 and 告知承诺).
#[derive(Clone, Debug, PartialEq)]
pub struct Use {
    /// The step's number in the event, from 1.
    pub step: usize,
    pub guide_id: String,
    pub guide_title: String,
    pub material: Material,
}

/// What each guide has ticked: guide id → material ids, as every guide's checklist keeps it.
pub type Ticks = BTreeMap<String, BTreeSet<String>>;

impl Item {
    /// How the item may be missing today: only as leniently as its strictest step allows.
    pub fn deferral(&self) -> Option<Deferral> {
        self.uses.iter().map(|u| u.material.deferral()).min().flatten()
    }

    /// Ticked when a step that needs it has it ticked: the citizen has the document, whichever
    /// page they ticked it on (ticking here ticks it in every step).
    pub fn ticked(&self, ticks: &Ticks) -> bool {
        self.uses.iter().any(|u| ticks.get(&u.guide_id).is_some_and(|t| t.contains(&self.id)))
    }
}

/// The merged checklist for some answers: what to bring, and what the windows provide.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merged {
    pub bring: Vec<Item>,
    pub provided: Vec<Item>,
}

impl Merged {
    /// The ids of the items to bring that are ticked, for a share link.
    pub fn ticked_ids(&self, ticks: &Ticks) -> BTreeSet<String> {
        self.bring.iter().filter(|i| i.ticked(ticks)).map(|i| i.id.clone()).collect()
    }

    /// Each ticked item ticked in every step that needs it (a tick made on one guide's page
    /// reaches the others); `true` when something changed.
    pub fn spread(&self, ticks: &mut Ticks) -> bool {
        let mut changed = false;
        for item in self.bring.iter().filter(|i| i.ticked(ticks)).cloned().collect::<Vec<_>>() {
            for u in &item.uses {
                changed |= ticks.entry(u.guide_id.clone()).or_default().insert(item.id.clone());
            }
        }
        changed
    }
}

/// Whether two questions are the same question to a citizen.
fn same_question(a: &Question, b: &Question) -> bool {
    a.id == b.id && a.default == b.default && a.options == b.options
}

impl EventPlan {
    /// Every step in order, numbered from 1, with its visit's index.
    pub fn steps(&self) -> impl Iterator<Item = (usize, usize, &EventStep)> {
        self.visits
            .iter()
            .enumerate()
            .flat_map(|(v, visit)| visit.steps.iter().map(move |s| (v, s)))
            .enumerate()
            .map(|(n, (v, s))| (n + 1, v, s))
    }

    /// The questions asked once: the event's own, then each step's guide's, in order.
    pub fn questions(&self) -> Vec<EventQuestion> {
        let mut merged: Vec<(String, EventQuestion)> = self
            .questions
            .iter()
            .map(|q| (String::new(), EventQuestion { question: q.clone(), asks: Vec::new() }))
            .collect();
        for (_, _, step) in self.steps() {
            for q in &step.guide.questions {
                let ask = Ask { guide: step.guide.guide_id.clone(), question: q.id.clone() };
                match merged.iter_mut().find(|(_, m)| same_question(&m.question, q)) {
                    Some((_, m)) => m.asks.push(ask),
                    None => merged.push((
                        step.guide.title.clone(),
                        EventQuestion { question: q.clone(), asks: vec![ask] },
                    )),
                }
            }
        }
        // The first definition of an id keeps it; a different one later is keyed by its guide.
        let mut seen = BTreeSet::new();
        for (title, m) in &mut merged {
            if !seen.insert(m.question.id.clone()) {
                let guide = m.asks.first().map(|a| a.guide.clone()).unwrap_or_default();
                m.question.id = format!("{}-{guide}", m.question.id);
                m.question.text = format!("（{title}）{}", m.question.text);
            }
        }
        merged.into_iter().map(|(_, m)| m).collect()
    }

    /// The answers with every question set (defaults for those left open, and the event's
    /// settled answers), by key.
    pub fn answers(&self, questions: &[EventQuestion], given: &Answers) -> Answers {
        let plain: Vec<Question> = questions.iter().map(|q| q.question.clone()).collect();
        let mut answers = effective_answers(&plain, given);
        for (key, option) in &self.settled {
            if let Some(answer) = answers.get_mut(key) {
                option.clone_into(answer);
            }
        }
        answers
    }

    /// A guide's answers, by its own question ids, from the event's keyed answers.
    pub fn guide_answers(questions: &[EventQuestion], guide: &str, answers: &Answers) -> Answers {
        questions
            .iter()
            .flat_map(|q| q.asks.iter().filter(|a| a.guide == guide).map(move |a| (a, &q.question.id)))
            .filter_map(|(ask, key)| Some((ask.question.clone(), answers.get(key)?.clone())))
            .collect()
    }

    /// The questions to show for the answers: the event's own and those of needed steps.
    pub fn shown_questions(&self, questions: &[EventQuestion], given: &Answers) -> Vec<Question> {
        let answers = self.answers(questions, given);
        let needed: BTreeSet<&str> = self
            .steps()
            .filter(|(_, _, s)| s.applies(&answers))
            .map(|(_, _, s)| s.guide.guide_id.as_str())
            .collect();
        questions
            .iter()
            .filter(|q| !self.settled.contains_key(&q.question.id))
            .filter(|q| q.asks.is_empty() || q.asks.iter().any(|a| needed.contains(a.guide.as_str())))
            .map(|q| q.question.clone())
            .collect()
    }

    /// The merged checklist: each material of every needed step once, by id, with the steps
    /// that need it.
    pub fn merged(&self, questions: &[EventQuestion], given: &Answers) -> Merged {
        let answers = self.answers(questions, given);
        let mut merged = Merged::default();
        for (number, _, step) in self.steps().filter(|(_, _, s)| s.applies(&answers)) {
            let guide_answers = Self::guide_answers(questions, &step.guide.guide_id, &answers);
            for material in applicable(&step.guide, &guide_answers) {
                let list = if material.provided { &mut merged.provided } else { &mut merged.bring };
                let used = Use {
                    step: number,
                    guide_id: step.guide.guide_id.clone(),
                    guide_title: step.guide.title.clone(),
                    material: material.clone(),
                };
                match list.iter_mut().find(|i| i.id == material.id) {
                    Some(item) => item.uses.push(used),
                    None => list.push(Item {
                        id: material.id.clone(),
                        name: material.name.clone(),
                        uses: vec![used],
                    }),
                }
            }
        }
        merged
    }

    /// The event's state (keyed answers, ticked items) from its own answers and what each
    /// guide keeps: an answer comes from the event's own, else the first guide that has it.
    pub fn gather(
        &self,
        questions: &[EventQuestion],
        own: &Answers,
        guides: &BTreeMap<String, ChecklistState>,
    ) -> (Answers, Ticks) {
        let mut answers = Answers::new();
        for q in questions {
            let from_guides = q.asks.iter().find_map(|a| guides.get(&a.guide)?.answers.get(&a.question));
            if let Some(answer) = own.get(&q.question.id).or(from_guides) {
                answers.insert(q.question.id.clone(), answer.clone());
            }
        }
        let ticks = guides.iter().map(|(g, s)| (g.clone(), s.ticked.clone())).collect();
        (self.answers(questions, &answers), ticks)
    }

    /// A shared event list (keyed answers, ticked item ids) as each guide's ticks: every guide
    /// ticks the items it has.
    pub fn spread_ticks(&self, ticked: &BTreeSet<String>) -> Ticks {
        self.steps()
            .map(|(_, _, s)| {
                let ids = s.guide.materials.iter().filter(|m| ticked.contains(&m.id)).map(|m| m.id.clone());
                (s.guide.guide_id.clone(), ids.collect())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::{Choice, Form};

    fn material(id: &str, form: Form) -> Material {
        Material {
            id: id.into(),
            name: id.into(),
            form,
            copies: 1,
            format: None,
            issuer: "x".into(),
            obtain: "x".into(),
            when: None,
            only_if: Vec::new(),
            unless: Vec::new(),
            provided: false,
            unsure: None,
            later: None,
            pledge: None,
        }
    }

    fn question(id: &str, options: &[(&str, &str)]) -> Question {
        Question {
            id: id.into(),
            text: format!("{id}?"),
            default: options[0].0.into(),
            options: options.iter().map(|(o, l)| Choice { id: (*o).into(), label: (*l).into() }).collect(),
        }
    }

    fn guide(id: &str, questions: Vec<Question>, materials: Vec<Material>) -> ChecklistData {
        ChecklistData::rules_only(id, &format!("title of {id}"), questions, materials)
    }

    fn step(guide: ChecklistData, only_if: &[&str]) -> EventStep {
        EventStep {
            guide,
            window_id: "w".into(),
            why: None,
            only_if: only_if.iter().map(|c| Condition::try_from((*c).to_owned()).expect("rule")).collect(),
            unless: Vec::new(),
        }
    }

    /// 出生登记 and 医保参保 share 户口簿 (original in one, copy in the other) and the "who"
    /// question; their "age" questions differ; a third step is needed only for a car.
    fn plan() -> EventPlan {
        let who = question("who", &[("parent", "父母"), ("agent", "代办")]);
        let mut agent_id = material("agent-id", Form::Original);
        agent_id.only_if = vec![Condition::try_from("who=agent".to_owned()).expect("rule")];
        let birth = guide(
            "birth",
            vec![who.clone(), question("age", &[("adult", "已满16周岁"), ("minor", "未满16周岁")])],
            vec![
                material("hukoubu", Form::Original),
                agent_id.clone(),
                material("birth-cert", Form::Original),
            ],
        );
        let insurance = guide(
            "insurance",
            vec![who, question("age", &[("adult", "已满18周岁"), ("minor", "未满18周岁")])],
            vec![material("hukoubu", Form::Copy), agent_id],
        );
        let car = guide("car", Vec::new(), vec![material("invoice", Form::Original)]);
        EventPlan {
            event_id: "baby".into(),
            title: "baby".into(),
            questions: vec![question("car", &[("no", "没有"), ("yes", "有")])],
            settled: Answers::new(),
            visits: vec![
                Visit { at: None, note: None, steps: vec![step(birth, &[]), step(insurance, &[])] },
                Visit { at: None, note: None, steps: vec![step(car, &["car=yes"])] },
            ],
            page_url: String::new(),
            qr: Qr::default(),
        }
    }

    fn keys(questions: &[EventQuestion]) -> Vec<&str> {
        questions.iter().map(|q| q.question.id.as_str()).collect()
    }

    #[test]
    fn the_same_question_in_two_guides_is_asked_once_and_different_ones_with_the_same_id_apart() {
        let questions = plan().questions();
        assert_eq!(keys(&questions), ["car", "who", "age", "age-insurance"]);
        assert_eq!(questions[1].asks.len(), 2);
        assert!(questions[3].question.text.starts_with("（title of insurance）"));
    }

    #[test]
    fn a_shared_material_is_listed_once_with_every_step_and_its_form_there() {
        let plan = plan();
        let questions = plan.questions();
        let merged = plan.merged(&questions, &Answers::new());
        let ids: Vec<&str> = merged.bring.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["hukoubu", "birth-cert"]);
        let forms: Vec<(usize, Form)> =
            merged.bring[0].uses.iter().map(|u| (u.step, u.material.form)).collect();
        assert_eq!(forms, [(1, Form::Original), (2, Form::Copy)]);
    }

    #[test]
    fn one_answer_changes_every_guide_that_asks_it_and_a_condition_adds_a_step() {
        let plan = plan();
        let questions = plan.questions();
        let answers = Answers::from([("who".into(), "agent".into()), ("car".into(), "yes".into())]);
        let merged = plan.merged(&questions, &answers);
        let agent = merged.bring.iter().find(|i| i.id == "agent-id").expect("agent's id listed");
        assert_eq!(agent.uses.len(), 2);
        assert!(merged.bring.iter().any(|i| i.id == "invoice" && i.uses[0].step == 3));
        assert!(!plan.merged(&questions, &Answers::new()).bring.iter().any(|i| i.id == "invoice"));
        let birth = EventPlan::guide_answers(&questions, "birth", &plan.answers(&questions, &answers));
        assert_eq!(birth.get("who").map(String::as_str), Some("agent"));
        assert_eq!(birth.get("age").map(String::as_str), Some("adult"));
    }

    #[test]
    fn an_item_ticked_on_one_guides_page_counts_as_had_and_reaches_every_step() {
        let plan = plan();
        let questions = plan.questions();
        let merged = plan.merged(&questions, &Answers::new());
        let mut one = Ticks::from([("birth".into(), BTreeSet::from(["hukoubu".into()]))]);
        assert!(merged.bring[0].ticked(&one));
        assert!(!merged.bring[1].ticked(&one));
        assert!(merged.spread(&mut one));
        assert_eq!(one.get("insurance"), Some(&BTreeSet::from(["hukoubu".into()])));
        assert!(!merged.spread(&mut one), "nothing more to spread");
        let both = plan.spread_ticks(&BTreeSet::from(["hukoubu".into()]));
        assert!(merged.bring[0].ticked(&both));
        assert_eq!(both.get("car"), Some(&BTreeSet::new()));
        assert_eq!(merged.ticked_ids(&both), BTreeSet::from(["hukoubu".into()]));
    }

    #[test]
    fn a_settled_answer_is_never_asked_and_always_holds() {
        let mut plan = plan();
        plan.settled = Answers::from([("age-insurance".into(), "minor".into())]);
        let questions = plan.questions();
        let shown: Vec<String> =
            plan.shown_questions(&questions, &Answers::new()).into_iter().map(|q| q.id).collect();
        assert_eq!(shown, ["car", "who", "age"]);
        let given = Answers::from([("age-insurance".into(), "adult".into())]);
        assert_eq!(plan.answers(&questions, &given).get("age-insurance").map(String::as_str), Some("minor"));
    }

    #[test]
    fn the_state_is_gathered_from_the_guides_with_the_events_own_answers_first() {
        let plan = plan();
        let birth = ChecklistState {
            answers: Answers::from([("who".into(), "agent".into())]),
            ticked: BTreeSet::from(["hukoubu".into()]),
        };
        let own = Answers::from([("car".into(), "yes".into())]);
        let (answers, ticks) =
            plan.gather(&plan.questions(), &own, &BTreeMap::from([("birth".into(), birth)]));
        assert_eq!(answers.get("who").map(String::as_str), Some("agent"));
        assert_eq!(answers.get("car").map(String::as_str), Some("yes"));
        assert_eq!(answers.get("age-insurance").map(String::as_str), Some("adult"));
        assert_eq!(ticks.get("birth"), Some(&BTreeSet::from(["hukoubu".into()])));
    }

    #[test]
    fn an_item_may_follow_only_as_far_as_its_strictest_step_allows() {
        let mut item = Item { id: "x".into(), name: "x".into(), uses: Vec::new() };
        let mut later = material("x", Form::Copy);
        later.pledge = Some("p".into());
        let strict = material("x", Form::Copy);
        item.uses.push(Use { step: 1, guide_id: "a".into(), guide_title: "a".into(), material: later });
        assert_eq!(item.deferral(), Some(Deferral::Pledge));
        item.uses.push(Use { step: 2, guide_id: "b".into(), guide_title: "b".into(), material: strict });
        assert_eq!(item.deferral(), None);
    }
}
