//! The site's user interface. Natively, `App` renders every route to static HTML at build time;
//! in the browser, `start` mounts the interactive islands (checklist, search) into that HTML and
//! takes over same-site links for client-side navigation.

#![recursion_limit = "256"]

#[cfg(all(target_arch = "wasm32", feature = "forms"))]
mod client;
mod pages;
mod storage;

#[cfg(not(target_arch = "wasm32"))]
mod layout;
#[cfg(target_arch = "wasm32")]
mod nav;

#[cfg(target_arch = "wasm32")]
pub use nav::start;
#[cfg(not(target_arch = "wasm32"))]
pub use pages::render::page_data;

#[cfg(not(target_arch = "wasm32"))]
use leptos::prelude::*;

/// The whole page body, rendered at build time.
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn App(site: swg_model::SiteInfo, page: swg_model::PageData) -> impl IntoView {
    provide_context(site);
    view! {
        <a class="skip" href="#main">"跳到正文"</a>
        <layout::Header/>
        <main id="main" tabindex="-1">{pages::page(&page)}</main>
        <layout::Footer/>
    }
}
