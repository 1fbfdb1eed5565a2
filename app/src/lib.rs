//! The site's user interface: one component tree, pre-rendered to static HTML natively and
//! hydrated into a single-page app in the browser.

#![recursion_limit = "256"]

mod layout;
mod nav;
mod pages;
mod storage;

pub use nav::Nav;
#[cfg(not(target_arch = "wasm32"))]
pub use pages::render::page_data;

use leptos::prelude::*;
use swg_model::{PageData, Route, SiteInfo};

/// The whole page body. `route` and `page` are what the pre-renderer rendered, or what the
/// browser reads back from the embedded boot data, so both sides build the same tree.
#[component]
pub fn App(site: SiteInfo, route: Route, page: PageData) -> impl IntoView {
    let nav = Nav::new(route, page);
    provide_context(nav);
    provide_context(site);
    nav.listen();
    view! {
        <a class="skip" href="#main">"跳到正文"</a>
        <layout::Header/>
        <main id="main" tabindex="-1">{move || pages::main_area(nav)}</main>
        <layout::Footer/>
    }
}

/// Starts the single-page app on a pre-rendered page (browser only).
#[cfg(target_arch = "wasm32")]
pub fn hydrate() {
    if let Some(boot) = nav::read_boot() {
        let route = nav::current_route();
        leptos::mount::hydrate_body(move || view! { <App site=boot.site route=route page=boot.page/> });
    }
}
