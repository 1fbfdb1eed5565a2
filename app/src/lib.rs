//! The site's user interface. Natively, `App` renders every route to static HTML at build time;
//! in the browser, `start` mounts the interactive islands (checklist, search) into that HTML and
//! takes over same-site links for client-side navigation.

#![recursion_limit = "256"]
// A form page's bundle carries only its own form's island, which uses part of what the form
// islands share (the API client, the outbox, the widgets). Dead code there is caught where every
// form is built together: `cargo xtask ci` lints the form bundle with all of them too.
#![cfg_attr(
    all(
        target_arch = "wasm32",
        feature = "forms",
        not(all(
            feature = "book",
            feature = "manage",
            feature = "feedback",
            feature = "track",
            feature = "stats"
        ))
    ),
    allow(dead_code)
)]

#[cfg(all(target_arch = "wasm32", feature = "forms"))]
mod client;
mod decode;
mod pages;
mod storage;

#[cfg(target_arch = "wasm32")]
mod boot;
#[cfg(not(target_arch = "wasm32"))]
mod document;
#[cfg(not(target_arch = "wasm32"))]
mod layout;
#[cfg(all(target_arch = "wasm32", feature = "reading"))]
mod nav;
#[cfg(target_arch = "wasm32")]
mod offline;

#[cfg(target_arch = "wasm32")]
pub use boot::start;
#[cfg(not(target_arch = "wasm32"))]
pub use document::{loader_script, page_document, render, CARE_SCRIPT};
#[cfg(not(target_arch = "wasm32"))]
pub use pages::answer::Answer;
#[cfg(not(target_arch = "wasm32"))]
pub use pages::lookup_answers::LookupStep;
#[cfg(not(target_arch = "wasm32"))]
pub use pages::render::page_data;
#[cfg(not(target_arch = "wasm32"))]
pub use pages::staff::StaffPage;
pub use pages::structure;

#[cfg(not(target_arch = "wasm32"))]
use leptos::prelude::*;

/// The language of the page being drawn: the one its renderer provides, else Chinese.
pub(crate) fn lang() -> swg_model::Lang {
    leptos::prelude::use_context::<swg_model::Lang>().unwrap_or_default()
}

/// The same page in the other language, where there is one, for the header's language switch.
#[derive(Clone, Debug, Default)]
pub struct Alternate(pub Option<String>);

/// The frame around every page's main area: skip link, header, footer. The pre-rendered pages
/// and the server's answer pages share it byte for byte.
#[cfg(not(target_arch = "wasm32"))]
pub fn frame(main: impl IntoView) -> impl IntoView {
    let lang = lang();
    view! {
        <a class="skip" href="#main" lang=lang.id()>{lang.pick("跳到正文", "Skip to the content")}</a>
        <layout::Header/>
        <main id="main" tabindex="-1">{main}</main>
        <layout::Footer/>
    }
}
