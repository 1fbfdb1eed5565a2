//! Turns checked front matter into the shared page types.

use crate::check::parse_condition;
use crate::load::Parsed;
use crate::raw::*;
use crate::site::Site;
use std::collections::BTreeMap;
use swg_model::calendar::Calendar;
use swg_model::*;
use toml::Spanned;

pub(crate) fn to_questions(raw: &RawService) -> Vec<Question> {
    raw.questions
        .iter()
        .map(|q| {
            let q = q.get_ref();
            Question {
                id: q.id.clone(),
                text: q.text.clone(),
                default: q.default.clone(),
                options: q
                    .options
                    .iter()
                    .map(|o| Choice { id: o.id.clone(), label: o.label.clone() })
                    .collect(),
            }
        })
        .collect()
}

pub(crate) fn to_materials(raw: &RawService) -> Vec<Material> {
    let questions: BTreeMap<&str, Vec<&str>> = raw
        .questions
        .iter()
        .map(|q| (q.get_ref().id.as_str(), q.get_ref().options.iter().map(|o| o.id.as_str()).collect()))
        .collect();
    let rules = |list: &[Spanned<String>]| {
        list.iter().filter_map(|r| parse_condition(r.get_ref(), &questions).ok()).collect()
    };
    raw.materials
        .get_ref()
        .iter()
        .map(|m| {
            let m = m.get_ref();
            Material {
                id: m.id.clone(),
                name: m.name.clone(),
                form: match m.form {
                    RawForm::Original => Form::Original,
                    RawForm::Copy => Form::Copy,
                    RawForm::OriginalAndCopy => Form::OriginalAndCopy,
                    RawForm::Electronic => Form::Electronic,
                    RawForm::Form => Form::Form,
                },
                copies: m.copies,
                format: non_empty(&m.format),
                issuer: m.issuer.clone(),
                obtain: m.obtain.clone(),
                when: non_empty(&m.when),
                only_if: rules(&m.only_if),
                unless: rules(&m.unless),
            }
        })
        .collect()
}

pub(crate) fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref().filter(|s| !s.trim().is_empty()).cloned()
}

pub(crate) fn to_local(w: &LocalWindow) -> WindowLocal {
    WindowLocal {
        address: w.address.clone(),
        phone: w.phone.clone(),
        complaint_phone: w.complaint_phone.clone(),
        lunch: non_empty(&w.lunch),
        extended: non_empty(&w.extended),
        holiday: non_empty(&w.holiday),
        hours: w
            .hours
            .iter()
            .map(|h| Hours {
                days: h.get_ref().days.clone(),
                open: h.get_ref().open.clone(),
                close: h.get_ref().close.clone(),
            })
            .collect(),
        booking: w.booking.as_ref().map(|b| {
            let b = b.get_ref();
            BookingRules {
                slot_minutes: b.slot_minutes,
                capacity: b.capacity,
                days_ahead: b.days_ahead,
                break_time: b.break_time.clone().map(|[from, to]| (from, to)),
            }
        }),
        officers: w
            .officers
            .iter()
            .map(|o| Officer { name: o.name.clone(), number: o.number.clone(), role: o.role.clone() })
            .collect(),
    }
}

pub(crate) fn assemble(
    site: SiteFile,
    calendar: Calendar,
    mut windows: Vec<Parsed<RawWindow>>,
    services: Vec<Parsed<RawService>>,
) -> Site {
    windows.sort_by(|a, b| (a.value.order, a.value.id.get_ref()).cmp(&(b.value.order, b.value.id.get_ref())));
    let local = |id: &str| site.windows.get(id).map(to_local);
    let window_pages: Vec<WindowPage> = windows
        .iter()
        .filter_map(|w| {
            let raw = &w.value;
            let id = raw.id.get_ref();
            Some(WindowPage {
                id: id.clone(),
                name: raw.name.clone(),
                summary: raw.summary.clone(),
                call: non_empty(&raw.call),
                commitments: raw
                    .commitments
                    .iter()
                    .map(|c| Commitment { name: c.name.clone(), text: c.text.clone() })
                    .collect(),
                rights: raw.rights.iter().map(|r| r.text.clone()).collect(),
                body_html: w.body_html.clone(),
                local: local(id)?,
                services: services
                    .iter()
                    .filter(|s| s.value.window.get_ref() == id)
                    .map(|s| ServiceLink { id: s.value.id.get_ref().clone(), title: s.value.title.clone() })
                    .collect(),
            })
        })
        .collect();
    let guides = services
        .iter()
        .filter_map(|s| {
            let raw = &s.value;
            let window = window_pages.iter().find(|w| &w.id == raw.window.get_ref())?;
            Some(GuidePage {
                id: raw.id.get_ref().clone(),
                title: raw.title.clone(),
                lang: raw.lang.clone().filter(|l| l != "zh"),
                summary: raw.summary.clone(),
                window: WindowRef {
                    id: window.id.clone(),
                    name: window.name.clone(),
                    local: window.local.clone(),
                },
                basis: raw.basis.get_ref().clone(),
                applicants: raw.applicants.clone(),
                conditions: raw.conditions.clone(),
                questions: to_questions(raw),
                materials: to_materials(raw),
                steps: raw
                    .steps
                    .get_ref()
                    .iter()
                    .map(|st| Step { title: st.title.clone(), text: st.text.clone() })
                    .collect(),
                time_limit: {
                    let limit = raw.time_limit.get_ref();
                    TimeLimit {
                        days: limit.working_days.or(limit.calendar_days).unwrap_or_default(),
                        calendar: limit.calendar_days.is_some(),
                        note: non_empty(&limit.note),
                    }
                },
                fee: Fee {
                    free: raw.fee.get_ref().free,
                    amount: non_empty(&raw.fee.get_ref().amount),
                    basis: non_empty(&raw.fee.get_ref().basis),
                },
                visits: raw.visits,
                result: raw.result.clone(),
                faq: raw.faq.get_ref().iter().map(|f| Faq { q: f.q.clone(), a: f.a.clone() }).collect(),
                source: raw.source.clone(),
                reviewed: raw.reviewed.get_ref().clone(),
                uncertain: non_empty(&raw.uncertain),
                body_html: s.body_html.clone(),
            })
        })
        .collect();
    let s = site.site;
    Site {
        calendar,
        info: SiteInfo {
            name: s.name,
            organisation: s.organisation,
            example_data: s.example_data,
            supervision_phone: s.supervision_phone,
            source: s.source,
        },
        windows: window_pages,
        guides,
    }
}
