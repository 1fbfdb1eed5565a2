//! One module per page. Pages are Leptos components rendered to static HTML at build time
//! (`render`); only the islands (checklist, search) are in the browser bundle.

pub(crate) mod checklist;
pub(crate) mod search;

// Form islands: mounted in the browser only (the build renders `plain` forms in their place).
#[cfg(all(target_arch = "wasm32", feature = "forms"))]
pub(crate) mod book;
#[cfg(all(target_arch = "wasm32", feature = "forms"))]
pub(crate) mod feedback;
#[cfg(all(target_arch = "wasm32", feature = "forms"))]
pub(crate) mod manage;
#[cfg(all(target_arch = "wasm32", feature = "forms"))]
pub(crate) mod stats;
#[cfg(all(target_arch = "wasm32", feature = "forms"))]
pub(crate) mod track;
#[cfg(all(target_arch = "wasm32", feature = "forms"))]
mod widgets;

#[cfg(not(target_arch = "wasm32"))]
pub mod answer;
#[cfg(not(target_arch = "wasm32"))]
mod form_intro;
#[cfg(not(target_arch = "wasm32"))]
mod guide;
#[cfg(not(target_arch = "wasm32"))]
mod home;
#[cfg(not(target_arch = "wasm32"))]
mod local;
#[cfg(not(target_arch = "wasm32"))]
mod not_found;
#[cfg(not(target_arch = "wasm32"))]
mod plain;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;
#[cfg(not(target_arch = "wasm32"))]
mod window;

/// A page as the build renders it: `div.part` for static HTML, `div.island` around each
/// interactive part. `nav::page_html` builds the same structure in the browser.
#[cfg(not(target_arch = "wasm32"))]
pub fn page(data: &swg_model::PageData) -> impl leptos::IntoView {
    use leptos::either::EitherOf4;
    use leptos::prelude::*;
    use swg_model::Part;
    let parts = data
        .parts
        .iter()
        .map(|part| match part {
            Part::Html(html) => EitherOf4::A(view! { <div class="part" inner_html=html.clone()></div> }),
            Part::Checklist(data) => EitherOf4::B(view! {
                <div class="island"><checklist::Checklist data=(**data).clone()/></div>
            }),
            Part::Search(entries) => EitherOf4::C(view! {
                <div class="island"><search::Search entries=entries.clone()/></div>
            }),
            Part::Form(kind, windows) => EitherOf4::D(view! {
                <div class="island"><plain::PlainForm kind=*kind windows=windows.clone()/></div>
            }),
        })
        .collect_view();
    view! { <div class=data.kind.class() lang=data.lang.clone()>{parts}</div> }
}
