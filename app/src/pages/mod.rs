//! One module per page. Pages are Leptos components rendered to static HTML at build time
//! (`render`); only the interactive parts (checklist, search) are in the browser bundle.

pub(crate) mod checklist;
mod search;

#[cfg(not(target_arch = "wasm32"))]
mod guide;
#[cfg(not(target_arch = "wasm32"))]
mod home;
#[cfg(not(target_arch = "wasm32"))]
mod local;
#[cfg(not(target_arch = "wasm32"))]
mod not_found;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;
#[cfg(not(target_arch = "wasm32"))]
mod window;

use crate::nav::{Nav, Shown};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use swg_model::{PageData, Part};

// Views are combined with `Either`, not `AnyView`: type erasure would keep a second
// (async) hydration path of every view in the wasm bundle.
fn page(data: &PageData) -> impl IntoView {
    let parts = data
        .parts
        .iter()
        .map(|part| match part {
            Part::Html(html) => EitherOf3::A(view! { <div class="part" inner_html=html.clone()></div> }),
            Part::Checklist(data) => EitherOf3::B(view! { <checklist::Checklist data=(**data).clone()/> }),
            Part::Search(entries) => EitherOf3::C(view! { <search::Search entries=entries.clone()/> }),
        })
        .collect_view();
    view! { <div class=format!("page page-{}", data.kind) lang=data.lang.clone()>{parts}</div> }
}

/// The main area for what navigation currently shows.
pub fn main_area(nav: Nav) -> impl IntoView {
    match nav.shown.get() {
        Shown::Ready(_, data) => EitherOf3::A(page(&data)),
        Shown::Loading(_) => EitherOf3::B(view! { <p class="status" role="status">"正在加载…"</p> }),
        Shown::Failed(route) => EitherOf3::C(view! {
            <div class="status" role="alert">
                <p>"页面没有加载成功，请检查网络后重试。"</p>
                <button type="button" class="button" on:click=move |_| nav.retry()>"重试"</button>
                " "
                <a class="button secondary" href=route.href() data-reload="">"重新打开页面"</a>
            </div>
        }),
    }
}
