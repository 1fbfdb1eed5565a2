//! Browser only: takes over a pre-rendered page. Reads its boot data, mounts the islands this
//! bundle carries into their places, starts offline reading and, in the reading bundles,
//! navigation without reloads.

#[cfg(feature = "book")]
use crate::pages::book::BookingFlow;
#[cfg(feature = "events")]
use crate::pages::event_checklist::EventChecklist;
#[cfg(feature = "feedback")]
use crate::pages::feedback::FeedbackForm;
#[cfg(feature = "manage")]
use crate::pages::manage::Manage;
#[cfg(feature = "stats")]
use crate::pages::stats::StatsView;
#[cfg(feature = "track")]
use crate::pages::track::Track;
#[cfg(feature = "reading")]
use crate::pages::{checklist::Checklist, search::Search};
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
#[cfg(feature = "reading")]
use swg_model::checklist::ChecklistState;
#[cfg(feature = "forms")]
use swg_model::FormKind;
#[cfg(not(feature = "forms"))]
use swg_model::{PageData, Part};
use wasm_bindgen::JsCast;

thread_local! {
    /// The mounted islands of the page on screen; dropping a handle unmounts its island.
    static MOUNTED: RefCell<Vec<Box<dyn Any>>> = const { RefCell::new(Vec::new()) };
}

/// Unmounts the islands on screen.
#[cfg(feature = "reading")]
pub(crate) fn unmount() {
    MOUNTED.with(|m| m.borrow_mut().clear());
}

/// The wasm entry point: takes over the pre-rendered page.
#[cfg(not(feature = "forms"))]
pub fn start() {
    let Some(page) = read_boot() else { return };
    mount_islands(&page);
    crate::offline::start(page.lang);
    #[cfg(feature = "reading")]
    crate::nav::listen(page);
    ready();
}

/// The wasm entry point of a form page: mounts its form. The boot data is read with only the
/// form decoded, and there is no navigation: a link loads the next page normally.
#[cfg(feature = "forms")]
pub fn start() {
    use swg_model::{FormBoot, FormPart};
    let Some(boot) = boot_data::<FormBoot>() else { return };
    let lang = boot.page.lang;
    let islands = boot.page.parts.into_iter().filter(|p| !matches!(p, FormPart::Html(_)));
    for (slot, part) in island_slots().into_iter().zip(islands) {
        let handle = match part {
            #[cfg(feature = "book")]
            FormPart::Form(FormKind::Book, windows) => {
                mount(slot, lang, move || view! { <BookingFlow windows=windows/> })
            }
            #[cfg(feature = "manage")]
            FormPart::Form(FormKind::Manage, _) => mount(slot, lang, || view! { <Manage/> }),
            #[cfg(feature = "feedback")]
            FormPart::Form(FormKind::Feedback, windows) => {
                mount(slot, lang, move || view! { <FeedbackForm windows=windows/> })
            }
            #[cfg(feature = "track")]
            FormPart::Form(FormKind::Track, _) => mount(slot, lang, || view! { <Track/> }),
            #[cfg(feature = "stats")]
            FormPart::Form(FormKind::Stats, _) => mount(slot, lang, || view! { <StatsView/> }),
            // Another form's island, or a part without one, stays as pre-rendered.
            _ => continue,
        };
        MOUNTED.with(|m| m.borrow_mut().push(handle));
    }
    crate::offline::start(lang);
    ready();
}

/// Marks the page as taken over (what the browser tests wait for).
fn ready() {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-app", "ready");
    }
}

/// The empty places the page holds for its islands, in order.
fn island_slots() -> Vec<web_sys::HtmlElement> {
    let Ok(slots) = document().query_selector_all("main .island") else { return Vec::new() };
    (0..slots.length()).filter_map(|i| slots.get(i)?.dyn_into().ok()).collect()
}

/// Mounts `view` into `slot`, emptied first, in the page's language.
fn mount<V: IntoView + 'static>(
    slot: web_sys::HtmlElement,
    lang: swg_model::Lang,
    view: impl FnOnce() -> V + 'static,
) -> Box<dyn Any> {
    slot.set_inner_html("");
    Box::new(leptos::mount::mount_to(slot, move || {
        provide_context(lang);
        view()
    }))
}

/// The boot data embedded in the document, read as `T`.
fn boot_data<T: serde::de::DeserializeOwned>() -> Option<T> {
    crate::storage::from_json(&document().get_element_by_id("boot")?.text_content()?)
}

/// The page data embedded in the document, with its static parts read back from the page.
#[cfg(not(feature = "forms"))]
fn read_boot() -> Option<PageData> {
    let mut page = boot_data::<swg_model::Boot>()?.page;
    let rendered = document().query_selector_all("main .part").ok()?;
    let mut index = 0;
    for part in &mut page.parts {
        if let Part::Html(html) = part {
            *html = rendered.get(index)?.dyn_into::<web_sys::Element>().ok()?.inner_html();
            index += 1;
        }
    }
    Some(page)
}

/// Mounts the islands of `page` into the empty places the page holds for them.
#[cfg(not(feature = "forms"))]
pub(crate) fn mount_islands(page: &PageData) {
    MOUNTED.with(|m| m.borrow_mut().clear());
    let islands = page.parts.iter().filter(|p| !matches!(p, Part::Html(_)));
    let lang = page.lang;
    for (slot, part) in island_slots().into_iter().zip(islands) {
        // What a citizen ticked or answered in the pre-rendered page before this moment.
        #[cfg(feature = "reading")]
        let typed = typed_before_mount(&slot);
        let handle = match part.clone() {
            #[cfg(feature = "reading")]
            Part::Checklist(data) => mount(slot, lang, move || view! { <Checklist data=*data typed=typed/> }),
            #[cfg(feature = "events")]
            Part::Event(plan) => {
                mount(slot, lang, move || view! { <EventChecklist plan=*plan typed=typed/> })
            }
            #[cfg(feature = "reading")]
            Part::Clock(data) => {
                mount(slot, lang, move || view! { <crate::pages::clock::Clock data=*data/> })
            }
            #[cfg(feature = "reading")]
            Part::Search(index) => mount(slot, lang, move || view! { <Search index=*index/> }),
            // The reading bundles leave a form and (but the events bundle) a life event as
            // pre-rendered; static parts have no island.
            _ => continue,
        };
        MOUNTED.with(|m| m.borrow_mut().push(handle));
    }
}

/// The ticks and answers changed in a pre-rendered checklist, read from its inputs: each one
/// whose state differs from how the page was served.
#[cfg(feature = "reading")]
fn typed_before_mount(slot: &web_sys::HtmlElement) -> ChecklistState {
    let mut typed = ChecklistState::default();
    let Ok(inputs) = slot.query_selector_all("input") else { return typed };
    for input in
        (0..inputs.length()).filter_map(|i| inputs.get(i)?.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        if !input.checked() || input.default_checked() {
            continue;
        }
        match input.name().strip_prefix("q-") {
            Some(question) => {
                typed.answers.insert(question.to_owned(), input.value());
            }
            None => {
                typed.ticked.insert(input.value());
            }
        }
    }
    typed
}
