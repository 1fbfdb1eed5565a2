//! Build-time rendering: structured content becomes a page's static HTML parts (native only).

use super::{form_intro, guide, home, not_found, window};
use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use swg_model::{Content, PageData, Part, SiteInfo};

/// Renders a view to HTML in a fresh reactive owner.
fn html<V: IntoView + 'static>(f: impl FnOnce() -> V + 'static) -> String {
    let owner = Owner::new();
    let out = owner.with(move || f().to_html());
    owner.unset();
    out
}

/// The page data of one route.
pub fn page_data(site: &SiteInfo, content: &Content) -> PageData {
    let (kind, parts) = match content {
        Content::Home(data) => {
            let data = data.clone();
            ("home", vec![Part::Html(html(move || view! { <home::HomePage data=data/> }))])
        }
        Content::Window(data) => {
            let data = (**data).clone();
            ("window", vec![Part::Html(html(move || view! { <window::WindowPage data=data/> }))])
        }
        Content::Service(data) => {
            let (head, rest) = ((**data).clone(), (**data).clone());
            (
                "guide",
                vec![
                    Part::Html(html(move || view! { <guide::GuideHead data=head/> })),
                    Part::Checklist(Box::new(data.checklist())),
                    Part::Html(html(move || view! { <guide::GuideRest data=rest/> })),
                ],
            )
        }
        Content::Search(data) => ("search", vec![Part::Search(data.entries.clone())]),
        Content::Form(kind, windows) => {
            let kind = *kind;
            (
                "form",
                vec![
                    Part::Html(html(move || view! { <form_intro::FormIntro kind=kind/> })),
                    Part::Form(kind, windows.clone()),
                ],
            )
        }
        Content::NotFound => ("not-found", vec![Part::Html(html(|| view! { <not_found::NotFound/> }))]),
    };
    PageData { kind: kind.to_owned(), title: content.title(site), lang: content.lang(), parts }
}
