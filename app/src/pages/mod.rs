//! One module per page. Pages are Leptos components rendered to static HTML at build time
//! (`render`); only the islands (checklist, search) are in the browser bundle.

// The reading islands: rendered at build time, mounted by every bundle but the form pages'.
#[cfg(any(not(target_arch = "wasm32"), feature = "reading"))]
pub(crate) mod checklist;
#[cfg(any(not(target_arch = "wasm32"), feature = "reading"))]
pub(crate) mod clock;
#[cfg(any(not(target_arch = "wasm32"), feature = "reading"))]
pub(crate) mod deferral;
// A life event's merged checklist: rendered at build time, mounted only by the events bundle.
#[cfg(any(not(target_arch = "wasm32"), feature = "events"))]
pub(crate) mod event_checklist;
pub(crate) mod mixed;
#[cfg(any(not(target_arch = "wasm32"), feature = "track"))]
pub(crate) mod receipt_facts;
#[cfg(any(not(target_arch = "wasm32"), feature = "reading"))]
pub(crate) mod search;

// Form islands: mounted in the browser only (the build renders `plain` forms in their place),
// each by its form page's own bundle.
#[cfg(all(target_arch = "wasm32", feature = "book"))]
pub(crate) mod book;
#[cfg(all(target_arch = "wasm32", feature = "feedback"))]
pub(crate) mod feedback;
#[cfg(all(target_arch = "wasm32", feature = "manage"))]
pub(crate) mod manage;
#[cfg(all(target_arch = "wasm32", feature = "stats"))]
pub(crate) mod stats;
#[cfg(all(target_arch = "wasm32", feature = "track"))]
pub(crate) mod track;
#[cfg(all(
    target_arch = "wasm32",
    any(feature = "book", feature = "manage", feature = "feedback", feature = "track")
))]
mod widgets;

#[cfg(not(target_arch = "wasm32"))]
pub mod answer;
#[cfg(not(target_arch = "wasm32"))]
mod changes;
#[cfg(not(target_arch = "wasm32"))]
mod event;
#[cfg(not(target_arch = "wasm32"))]
mod form_intro;
#[cfg(not(target_arch = "wasm32"))]
mod guide;
#[cfg(not(target_arch = "wasm32"))]
mod home;
#[cfg(not(target_arch = "wasm32"))]
mod local;
#[cfg(not(target_arch = "wasm32"))]
pub mod lookup_answers;
#[cfg(not(target_arch = "wasm32"))]
mod not_found;
#[cfg(not(target_arch = "wasm32"))]
mod plain;
#[cfg(not(target_arch = "wasm32"))]
mod pledge;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;
#[cfg(not(target_arch = "wasm32"))]
pub mod staff;
#[cfg(not(target_arch = "wasm32"))]
mod window;

/// A page's structure, the same at build time and in the browser: `div.page` holding a
/// `div.part` of static HTML or a `div.island` for each part, in order. `island` renders what
/// goes inside an island: the component itself at build time; nothing in the browser, which
/// mounts the islands into the empty slots afterwards.
pub fn structure<V: leptos::IntoView + 'static>(
    data: &swg_model::PageData,
    island: impl Fn(&swg_model::Part) -> V,
) -> impl leptos::IntoView {
    use leptos::either::Either;
    use leptos::prelude::*;
    use swg_model::Part;
    let parts = data
        .parts
        .iter()
        .map(|part| match part {
            Part::Html(html) => Either::Left(view! { <div class="part" inner_html=html.clone()></div> }),
            other => Either::Right(view! { <div class="island">{island(other)}</div> }),
        })
        .collect_view();
    view! { <div class=data.kind.class()>{parts}</div> }
}

/// A page as the build (or the server) renders it: its structure with every island rendered in
/// place, showing `shown` (a checklist's answers and ticks, a search's query).
#[cfg(not(target_arch = "wasm32"))]
pub fn page(data: &swg_model::PageData, shown: &swg_model::Shown) -> impl leptos::IntoView {
    use leptos::either::EitherOf6;
    use leptos::prelude::*;
    use swg_model::Part;
    let shown = shown.clone();
    structure(data, move |part| match part {
        Part::Checklist(data) => EitherOf6::A(
            view! { <checklist::Checklist data=(**data).clone() shown=shown.checklist.clone()/> },
        ),
        Part::Search(index) => {
            EitherOf6::B(view! { <search::Search index=(**index).clone() initial=shown.query.clone()/> })
        }
        Part::Form(kind, windows) => {
            EitherOf6::C(view! { <plain::PlainForm kind=*kind windows=windows.clone()/> })
        }
        Part::Clock(data) => EitherOf6::D(view! { <clock::Clock data=(**data).clone()/> }),
        Part::Event(plan) => EitherOf6::E(view! { <event_checklist::EventChecklist plan=(**plan).clone()/> }),
        Part::Html(_) => EitherOf6::F(()),
    })
}
