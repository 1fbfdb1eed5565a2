//! Life events (`events/`, 一件事一次办) and pledge texts (`pledges/`, 告知承诺书): read, checked
//! against the guides and windows, and assembled into pages.

use crate::check::{check_condition, check_id, check_question_list, check_reviewed};
use crate::error::{from_toml, line_of, ContentErrors};
use crate::lint::names_document;
use crate::load::{read_dir, Parsed, ParsedGuide};
use crate::raw::{EventLines, PledgeLines};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use swg_model::event::{EventFile, EventPage, EventPlan, EventStep, Visit, VisitWindow};
use swg_model::{
    ChecklistData, GuidePage, Lang, PledgeFile, PledgePage, PledgeUse, Qr, Route, ServiceLink, WindowPage,
};

/// The folders of life events and pledge texts inside the content folder (both optional).
pub const EVENTS_DIR: &str = "events";
pub const PLEDGES_DIR: &str = "pledges";

pub(crate) struct ParsedEvent {
    pub parsed: Parsed<EventFile>,
    pub lines: EventLines,
}

pub(crate) struct ParsedPledge {
    pub parsed: Parsed<PledgeFile>,
    pub lines: PledgeLines,
}

/// Reads `events/` and `pledges/` below `dir`, where they exist.
pub(crate) fn read(dir: &Path, errors: &mut ContentErrors) -> (Vec<ParsedEvent>, Vec<ParsedPledge>) {
    let events = optional_dir(&dir.join(EVENTS_DIR), errors)
        .into_iter()
        .filter_map(|parsed: Parsed<EventFile>| {
            Some(ParsedEvent { lines: lines_of(&parsed, errors)?, parsed })
        })
        .collect();
    let pledges = optional_dir(&dir.join(PLEDGES_DIR), errors)
        .into_iter()
        .filter_map(|parsed: Parsed<PledgeFile>| {
            Some(ParsedPledge { lines: lines_of(&parsed, errors)?, parsed })
        })
        .collect();
    (events, pledges)
}

fn optional_dir<T: serde::de::DeserializeOwned>(dir: &Path, errors: &mut ContentErrors) -> Vec<Parsed<T>> {
    if dir.is_dir() {
        read_dir(dir, Lang::Zh, errors)
    } else {
        Vec::new()
    }
}

/// Where the parts of a parsed file's front matter are.
fn lines_of<T, L: serde::de::DeserializeOwned>(parsed: &Parsed<T>, errors: &mut ContentErrors) -> Option<L> {
    match toml::from_str(&parsed.front) {
        Ok(lines) => Some(lines),
        Err(e) => {
            let first_line = line_of(&parsed.source.text, parsed.source.toml_offset);
            errors.push(from_toml(&parsed.source.file, &parsed.front, first_line, &e));
            None
        }
    }
}

/// Checks the pledges, every material's pledge, and every event against the guides and windows.
pub(crate) fn check(
    events: &[ParsedEvent],
    pledges: &[ParsedPledge],
    guides: &[ParsedGuide],
    windows: &BTreeSet<String>,
    errors: &mut ContentErrors,
) {
    let mut pledge_ids = BTreeSet::new();
    for p in pledges {
        let (src, file) = (&p.parsed.source, &p.parsed.value);
        check_id(src, &p.lines.id, errors);
        pledge_ids.insert(file.id.as_str());
        if file.basis.is_empty() || file.basis.iter().any(|b| !names_document(b)) {
            errors.push(src.error(
                src.line(&p.lines.basis),
                format!("pledge `{}` needs its basis: the documents that allow a pledge here", file.id),
                "name each document, e.g. \"《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）\"",
            ));
        }
        if file.title.trim().is_empty() || p.parsed.body_html.trim().is_empty() {
            errors.push(src.error(
                src.line(&p.lines.id),
                format!("pledge `{}` has no title or no text", file.id),
                "write the title in front matter and the pledge's text below it",
            ));
        }
    }
    for guide in guides {
        let (src, page) = (&guide.parsed.source, &guide.parsed.value);
        for (material, at) in page.materials.iter().zip(guide.lines.materials.get_ref()) {
            let (Some(pledge), Some(pledge_at)) = (&material.pledge, &at.get_ref().pledge) else { continue };
            if !pledge_ids.contains(pledge.as_str()) {
                errors.push(src.error(
                    src.line(pledge_at),
                    format!("material `{}` names pledge `{pledge}`, which does not exist", material.id),
                    format!("write content/{PLEDGES_DIR}/{pledge}.md or use the id of a file there"),
                ));
            }
        }
    }
    let mut ids = BTreeSet::new();
    for event in events {
        check_event(event, guides, windows, &mut ids, errors);
    }
}

fn check_event(
    event: &ParsedEvent,
    guides: &[ParsedGuide],
    windows: &BTreeSet<String>,
    ids: &mut BTreeSet<String>,
    errors: &mut ContentErrors,
) {
    let (src, file, lines) = (&event.parsed.source, &event.parsed.value, &event.lines);
    let line = src.line(&lines.id);
    check_id(src, &lines.id, errors);
    if !ids.insert(file.id.clone()) {
        errors.push(src.error(
            line,
            format!("duplicate event id `{}`", file.id),
            "give every event its own id",
        ));
    }
    for (field, value) in [("title", &file.title), ("summary", &file.summary)] {
        if value.trim().is_empty() {
            errors.push(src.error(
                line,
                format!("`{field}` is empty"),
                format!("every event must say its {field}"),
            ));
        }
    }
    if !names_document(&file.source) {
        errors.push(src.error(
            src.line(&lines.source),
            "`source` names no document",
            "name where the bundle comes from, e.g. 《国务院关于加快推进政务服务“高效办成一件事”的指导意见》（国发〔2024〕3号）",
        ));
    }
    check_reviewed(src, &lines.reviewed, &file.reviewed, errors);
    let own = check_question_list(src, &file.questions, &lines.questions, errors);
    if file.visits.is_empty() || file.visits.iter().any(|v| v.steps.is_empty()) {
        errors.push(src.error(
            src.line(&lines.visits),
            "an event needs at least one visit, and every visit at least one step",
            "add [[visits]] with steps = [ { guide = \"…\" } ]",
        ));
    }
    let mut named = BTreeSet::new();
    let mut found = Vec::new();
    for (visit, visit_at) in file.visits.iter().zip(lines.visits.get_ref()) {
        let visit_at = visit_at.get_ref();
        if let (Some(at), Some(at_line)) = (&visit.at, &visit_at.at) {
            if !windows.contains(at) {
                errors.push(src.error(
                    src.line(at_line),
                    format!("window `{at}` does not exist"),
                    format!(
                        "use the id of a file in content/windows/: {}",
                        windows.iter().cloned().collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
        }
        for (step, step_at) in visit.steps.iter().zip(&visit_at.steps) {
            let step_line = src.line(&step_at.get_ref().guide);
            match guides.iter().find(|g| g.parsed.value.id == step.guide) {
                None => errors.push(src.error(
                    step_line,
                    format!("event `{}` names guide `{}`, which does not exist", file.id, step.guide),
                    format!(
                        "use the id of a file in content/services/ (content/services/{}.md does not exist)",
                        step.guide
                    ),
                )),
                Some(g) => found.push((step, step_at.get_ref(), &g.parsed.value)),
            }
            if !named.insert(step.guide.as_str()) {
                errors.push(src.error(
                    step_line,
                    format!("guide `{}` is named twice in event `{}`", step.guide, file.id),
                    "name each guide once: its materials are merged into one list",
                ));
            }
        }
    }
    if found.len() != named.len() || own.len() != file.questions.len() {
        return;
    }
    // A step may depend on the event's own questions and on those of steps always taken.
    let plan = EventPlan {
        event_id: file.id.clone(),
        title: file.title.clone(),
        questions: file.questions.clone(),
        settled: file.settled.clone(),
        visits: vec![Visit {
            at: None,
            note: None,
            steps: found.iter().map(|(step, _, guide)| draft_step(step, guide)).collect(),
        }],
        page_url: String::new(),
        qr: Qr::default(),
    };
    let always: BTreeSet<&str> = found
        .iter()
        .filter(|(s, _, _)| s.only_if.is_empty() && s.unless.is_empty())
        .map(|(s, _, _)| s.guide.as_str())
        .collect();
    let questions = plan.questions();
    let known: BTreeMap<&str, Vec<&str>> = questions
        .iter()
        .filter(|q| q.asks.is_empty() || q.asks.iter().any(|a| always.contains(a.guide.as_str())))
        .map(|q| (q.question.id.as_str(), q.question.options.iter().map(|o| o.id.as_str()).collect()))
        .collect();
    let all: BTreeMap<&str, Vec<&str>> = questions
        .iter()
        .map(|q| (q.question.id.as_str(), q.question.options.iter().map(|o| o.id.as_str()).collect()))
        .collect();
    for (key, option) in &file.settled {
        let rule = swg_model::Condition { question: key.clone(), options: vec![option.clone()] };
        if let Err(hint) = check_condition(&rule, &all) {
            let line = lines.settled.as_ref().map_or(line, |s| src.line(s));
            errors.push(src.error(
                line,
                format!("settled answer `{key} = \"{option}\"` does not match a question of the event"),
                hint.replace(
                    "this guide",
                    "the event (a guide's question differing from another's is keyed ID-GUIDE)",
                ),
            ));
        }
    }
    for (step, at, _) in &found {
        let rules = step.only_if.iter().zip(&at.only_if).chain(step.unless.iter().zip(&at.unless));
        for (rule, rule_at) in rules {
            if let Err(hint) = check_condition(rule, &known) {
                errors.push(src.error(
                    src.line(rule_at),
                    format!("rule `{rule}` of step `{}` does not match a question of the event", step.guide),
                    hint.replace(
                        "this guide",
                        "the event's own questions or those of steps without conditions",
                    ),
                ));
            }
        }
    }
}

/// A step for checking the event's questions: the guide's questions and materials only.
fn draft_step(step: &swg_model::event::StepFile, guide: &GuidePage<String>) -> EventStep {
    EventStep {
        guide: ChecklistData::rules_only(
            &guide.id,
            &guide.title,
            guide.questions.clone(),
            guide.materials.clone(),
        ),
        window_id: guide.window.clone(),
        why: step.why.clone(),
        only_if: step.only_if.clone(),
        unless: step.unless.clone(),
    }
}

/// The checked events as pages (in their order), with the Chinese guides placed at their windows.
pub(crate) fn assemble_events(
    events: Vec<ParsedEvent>,
    guides: &[GuidePage],
    windows: &[WindowPage],
    site_url: &str,
) -> Vec<EventPage> {
    let mut events: Vec<ParsedEvent> = events;
    events.sort_by(|a, b| {
        (a.parsed.value.order, &a.parsed.value.id).cmp(&(b.parsed.value.order, &b.parsed.value.id))
    });
    events
        .into_iter()
        .map(|e| {
            let file = e.parsed.value;
            let page_url =
                format!("{}{}", site_url.trim_end_matches('/'), Route::Event(file.id.clone()).href());
            let visits = file
                .visits
                .iter()
                .map(|v| Visit {
                    at: v.at.as_ref().and_then(|id| windows.iter().find(|w| &w.id == id)).map(|w| {
                        VisitWindow {
                            id: w.id.clone(),
                            name: w.name.clone(),
                            address: w.local.address.clone(),
                            phone: w.local.phone.clone(),
                        }
                    }),
                    note: v.note.clone(),
                    steps: v
                        .steps
                        .iter()
                        .filter_map(|s| {
                            let guide = guides.iter().find(|g| g.id == s.guide)?;
                            Some(EventStep {
                                guide: guide.checklist(),
                                window_id: guide.window.id.clone(),
                                why: s.why.clone(),
                                only_if: s.only_if.clone(),
                                unless: s.unless.clone(),
                            })
                        })
                        .collect(),
                })
                .collect();
            EventPage {
                plan: EventPlan {
                    event_id: file.id.clone(),
                    title: file.title.clone(),
                    questions: file.questions,
                    settled: file.settled,
                    visits,
                    qr: crate::assemble::qr_code(&page_url),
                    page_url,
                },
                id: file.id,
                title: file.title,
                summary: file.summary,
                aliases: file.aliases,
                source: file.source,
                reviewed: file.reviewed,
                uncertain: file.uncertain,
                body_html: e.parsed.body_html,
            }
        })
        .collect()
}

/// The pledges as pages, each with the materials it replaces.
pub(crate) fn assemble_pledges(pledges: Vec<ParsedPledge>, guides: &[GuidePage]) -> Vec<PledgePage> {
    pledges
        .into_iter()
        .map(|p| {
            let file = p.parsed.value;
            let replaces = guides
                .iter()
                .flat_map(|g| {
                    g.materials.iter().filter(|m| m.pledge.as_deref() == Some(file.id.as_str())).map(|m| {
                        PledgeUse {
                            guide: ServiceLink { id: g.id.clone(), title: g.title.clone() },
                            material: m.name.clone(),
                        }
                    })
                })
                .collect();
            PledgePage {
                id: file.id,
                title: file.title,
                basis: file.basis,
                body_html: p.parsed.body_html,
                replaces,
            }
        })
        .collect()
}
