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
pub fn start() {
    let Some(page) = read_boot() else { return };
    mount_islands(&page);
    crate::offline::start(page.lang);
    #[cfg(feature = "reading")]
    crate::nav::listen(page);
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-app", "ready");
    }
}

/// The page data embedded in the document, with its static parts read back from the page.
fn read_boot() -> Option<PageData> {
    let text = document().get_element_by_id("boot")?.text_content()?;
    let boot: swg_model::Boot = crate::storage::from_json(&text)?;
    let mut page = boot.page;
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
pub(crate) fn mount_islands(page: &PageData) {
    MOUNTED.with(|m| m.borrow_mut().clear());
    let Ok(slots) = document().query_selector_all("main .island") else { return };
    let islands = page.parts.iter().filter(|p| !matches!(p, Part::Html(_)));
    let lang = page.lang;
    for (index, part) in islands.enumerate() {
        let Some(slot) = slots.get(index as u32).and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        // What a citizen ticked or answered in the pre-rendered page before this moment.
        #[cfg(feature = "reading")]
        let typed = typed_before_mount(&slot);
        slot.set_inner_html("");
        let handle: Box<dyn Any> = match part.clone() {
            #[cfg(feature = "reading")]
            Part::Checklist(data) => Box::new(leptos::mount::mount_to(slot, move || {
                provide_context(lang);
                view! { <Checklist data=*data typed=typed/> }
            })),
            #[cfg(feature = "events")]
            Part::Event(plan) => Box::new(leptos::mount::mount_to(slot, move || {
                provide_context(lang);
                view! { <EventChecklist plan=*plan typed=typed/> }
            })),
            #[cfg(feature = "reading")]
            Part::Clock(data) => Box::new(leptos::mount::mount_to(slot, move || {
                provide_context(lang);
                view! { <crate::pages::clock::Clock data=*data/> }
            })),
            #[cfg(feature = "reading")]
            Part::Search(index) => Box::new(leptos::mount::mount_to(slot, move || {
                provide_context(lang);
                view! { <Search index=*index/> }
            })),
            #[cfg(feature = "book")]
            Part::Form(FormKind::Book, windows) => Box::new(leptos::mount::mount_to(slot, move || {
                provide_context(lang);
                view! { <BookingFlow windows=windows/> }
            })),
            #[cfg(feature = "manage")]
            Part::Form(FormKind::Manage, _) => Box::new(leptos::mount::mount_to(slot, move || {
                provide_context(lang);
                view! { <Manage/> }
            })),
            #[cfg(feature = "feedback")]
            Part::Form(FormKind::Feedback, windows) => Box::new(leptos::mount::mount_to(slot, move || {
                provide_context(lang);
                view! { <FeedbackForm windows=windows/> }
            })),
            #[cfg(feature = "track")]
            Part::Form(FormKind::Track, _) => Box::new(leptos::mount::mount_to(slot, move || {
                provide_context(lang);
                view! { <Track/> }
            })),
            #[cfg(feature = "stats")]
            Part::Form(FormKind::Stats, _) => Box::new(leptos::mount::mount_to(slot, move || {
                provide_context(lang);
                view! { <StatsView/> }
            })),
            // No bundle mounts every island: the others stay as pre-rendered (a plain form, a
            // checklist without its ticks), and static parts have none.
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
