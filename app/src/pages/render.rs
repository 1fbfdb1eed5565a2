//! Build-time rendering: structured content becomes a page's static HTML parts (native only).

use super::{changes, event, form_intro, guide, home, not_found, pledge, window};
use crate::document::render as html;
use leptos::prelude::*;
use swg_model::calendar::Calendar;
use swg_model::{ClockData, ClockKind, Content, Lang, PageData, PageKind, Part, SiteInfo};

/// The page data of one route; `calendar` is the official one, for the parts that depend on
/// the day they are read.
pub fn page_data(site: &SiteInfo, calendar: &Calendar, lang: Lang, content: &Content) -> PageData {
    let clock = |show: ClockKind| Part::Clock(Box::new(ClockData { calendar: calendar.clone(), show }));
    let (kind, parts) = match content {
        Content::Home(data) => {
            let (cards, events) = (data.clone(), data.events.clone());
            (
                PageKind::Home,
                vec![
                    part(lang, move || view! { <home::HomeTop events=events/> }),
                    clock(ClockKind::Open(data.hours.clone())),
                    part(lang, move || view! { <home::HomeCards data=cards/> }),
                ],
            )
        }
        Content::Window(data) => {
            let (head, rest) = ((**data).clone(), (**data).clone());
            (
                PageKind::Window,
                vec![
                    part(lang, move || view! { <window::WindowHead data=head/> }),
                    clock(ClockKind::Open(vec![data.hours()])),
                    part(lang, move || view! { <window::WindowRest data=rest/> }),
                ],
            )
        }
        Content::Service(data) => {
            let (head, rest) = ((**data).clone(), (**data).clone());
            (
                PageKind::Guide,
                vec![
                    part(lang, move || view! { <guide::GuideHead data=head/> }),
                    clock(ClockKind::Due(data.time_limit.clone())),
                    Part::Checklist(Box::new(data.checklist())),
                    part(lang, move || view! { <guide::GuideRest data=rest/> }),
                ],
            )
        }
        Content::Search(data) => (PageKind::Search, vec![Part::Search(Box::new(data.clone()))]),
        Content::Form(kind, windows) => {
            let kind = *kind;
            (
                PageKind::Form,
                vec![
                    part(lang, move || view! { <form_intro::FormIntro kind=kind/> }),
                    Part::Form(kind, windows.clone()),
                ],
            )
        }
        Content::Changes(entries) => {
            let entries = entries.clone();
            (PageKind::Changes, vec![part(lang, move || view! { <changes::ChangesPage entries=entries/> })])
        }
        Content::Event(data) => {
            let (head, rest) = ((**data).clone(), (**data).clone());
            (
                PageKind::Event,
                vec![
                    part(lang, move || view! { <event::EventHead data=head/> }),
                    Part::Event(Box::new(data.plan.clone())),
                    part(lang, move || view! { <event::EventRest data=rest/> }),
                ],
            )
        }
        Content::Pledge(data) => {
            let data = (**data).clone();
            (PageKind::Pledge, vec![part(lang, move || view! { <pledge::PledgePage data=data/> })])
        }
        Content::NotFound => (PageKind::NotFound, vec![part(lang, || view! { <not_found::NotFound/> })]),
    };
    PageData { kind, title: content.title(site, lang), lang, versions: None, parts }
}

/// A static part of a page, rendered in `lang`.
fn part<V: IntoView + 'static>(lang: Lang, f: impl FnOnce() -> V + 'static) -> Part {
    Part::Html(html(move || {
        provide_context(lang);
        f()
    }))
}
