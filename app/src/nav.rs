//! Browser only: mounts the islands of the current page and navigates between pages without a
//! reload (same-site links fetch the next route's JSON and swap the main area).

#[cfg(feature = "events")]
use crate::pages::event_checklist::EventChecklist;
use crate::pages::structure;
#[cfg(feature = "forms")]
use crate::pages::{
    book::BookingFlow, feedback::FeedbackForm, manage::Manage, stats::StatsView, track::Track,
};
#[cfg(feature = "reading")]
use crate::pages::{checklist::Checklist, search::Search};
use gloo_events::{EventListener, EventListenerOptions};
use leptos::prelude::*;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
#[cfg(feature = "reading")]
use swg_model::checklist::ChecklistState;
#[cfg(feature = "forms")]
use swg_model::FormKind;
use swg_model::{PageData, Part, Route};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The mounted islands of the page on screen; dropping a handle unmounts its island.
    static MOUNTED: RefCell<Vec<Box<dyn Any>>> = const { RefCell::new(Vec::new()) };
    /// What the browser mounted into the main area (a page's structure or a status message).
    static SHOWN: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
    /// Page data already seen, by route.
    static CACHE: RefCell<Vec<(Route, Rc<PageData>)>> = const { RefCell::new(Vec::new()) };
    /// Increases with every navigation, so a late response never replaces a newer page.
    static SEQUENCE: Cell<u32> = const { Cell::new(0) };
    /// The route on screen: a history entry of the same route (a form's step) is the island's.
    static ROUTE: RefCell<Option<Route>> = const { RefCell::new(None) };
}

/// The wasm entry point: takes over the pre-rendered page.
pub fn start() {
    let Some(page) = read_boot() else { return };
    let page = Rc::new(page);
    mount_islands(&page);
    crate::offline::start(page.lang);
    ROUTE.with(|r| *r.borrow_mut() = Some(current_route()));
    CACHE.with(|c| c.borrow_mut().push((current_route(), page)));
    listen();
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-app", "ready");
    }
}

/// The route of the browser's current location.
fn current_route() -> Route {
    Route::from_location(&window().location().pathname().unwrap_or_default())
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

fn mount_islands(page: &PageData) {
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
            #[cfg(feature = "forms")]
            Part::Form(FormKind::Book, windows) => Box::new(leptos::mount::mount_to(slot, move || {
                provide_context(lang);
                view! { <BookingFlow windows=windows/> }
            })),
            #[cfg(feature = "forms")]
            Part::Form(FormKind::Manage, _) => Box::new(leptos::mount::mount_to(slot, move || {
                provide_context(lang);
                view! { <Manage/> }
            })),
            #[cfg(feature = "forms")]
            Part::Form(FormKind::Feedback, windows) => Box::new(leptos::mount::mount_to(slot, move || {
                provide_context(lang);
                view! { <FeedbackForm windows=windows/> }
            })),
            #[cfg(feature = "forms")]
            Part::Form(FormKind::Track, _) => Box::new(leptos::mount::mount_to(slot, move || {
                provide_context(lang);
                view! { <Track/> }
            })),
            #[cfg(feature = "forms")]
            Part::Form(FormKind::Stats, _) => {
                Box::new(leptos::mount::mount_to(slot, || view! { <StatsView/> }))
            }
            Part::Html(_) => continue,
            // Without the form islands, the plain form rendered at build time stays in place.
            #[cfg(not(feature = "forms"))]
            Part::Form(..) => continue,
            #[cfg(not(feature = "events"))]
            Part::Event(..) => continue,
            // The form pages' bundle leaves the reading islands as pre-rendered.
            #[cfg(not(feature = "reading"))]
            Part::Checklist(_) | Part::Clock(_) | Part::Search(_) => continue,
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

fn main_element() -> Option<web_sys::HtmlElement> {
    document().get_element_by_id("main")?.dyn_into().ok()
}

/// Replaces the main area with `view`; the page structure stays mounted until the next one.
fn show_in_main<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> bool {
    let Some(main) = main_element() else { return false };
    MOUNTED.with(|m| m.borrow_mut().clear());
    SHOWN.with(|s| s.borrow_mut().take());
    main.set_inner_html("");
    let handle = leptos::mount::mount_to(main, view);
    SHOWN.with(|s| *s.borrow_mut() = Some(Box::new(handle)));
    true
}

fn show(page: &PageData) {
    let data = page.clone();
    if !show_in_main(move || structure(&data, |_| ())) {
        return;
    }
    mount_islands(page);
    document().set_title(&page.title);
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", page.lang.id());
    }
    // The header's language switch leads to this page in the other language, where there is one.
    if let Ok(Some(switch)) = document().query_selector("a.lang-switch") {
        let other = page.lang.other();
        let href = page
            .versions
            .as_ref()
            .map_or_else(|| Route::Home.in_lang(other).href(), |v| v.href(other).to_owned());
        let _ = switch.set_attribute("href", &href);
    }
    window().scroll_to_with_x_and_y(0.0, 0.0);
    if let Some(main) = main_element() {
        // Focus the new page for screen readers without scrolling the site's header away.
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = main.focus_with_options(&options);
    }
}

/// Whether this bundle can show `route` without loading another bundle.
/// A page in the other language comes with its own header and footer: it is loaded normally.
fn can_show(route: &Route) -> bool {
    let same_language =
        ROUTE.with(|r| r.borrow().as_ref().is_none_or(|on_screen| on_screen.lang() == route.lang()));
    let chinese = route.clone().in_lang(swg_model::Lang::Zh);
    let form = swg_model::FormKind::ALL.iter().any(|kind| kind.route() == chinese);
    let event = matches!(chinese, Route::Event(_));
    same_language
        && ((form && cfg!(feature = "forms"))
            || (event && cfg!(feature = "events"))
            || (!form && !event && cfg!(feature = "reading")))
}

/// Shows `route`, from the cache or by fetching its page data.
fn navigate(route: Route) {
    ROUTE.with(|r| *r.borrow_mut() = Some(route.clone()));
    let sequence = SEQUENCE.with(|s| {
        s.set(s.get() + 1);
        s.get()
    });
    if let Some(page) = CACHE.with(|c| c.borrow().iter().find(|(r, _)| *r == route).map(|(_, p)| p.clone())) {
        show(&page);
        return;
    }
    let lang = route.lang();
    show_in_main(move || view! { <p class="status" role="status">{lang.pick("正在加载…", "Loading…")}</p> });
    wasm_bindgen_futures::spawn_local(async move {
        let page = fetch_page(&route.data_href()).await;
        if SEQUENCE.with(Cell::get) != sequence {
            return;
        }
        match page {
            Some(page) => {
                let page = Rc::new(page);
                CACHE.with(|c| c.borrow_mut().push((route, page.clone())));
                show(&page);
            }
            None => {
                let href = route.href();
                show_in_main(move || {
                    view! {
                        <div class="status" role="alert">
                            <p>{lang.pick("页面没有加载成功，请检查网络后重试。", "The page did not load. Check your connection and try again.")}</p>
                            <a class="button" href=href data-reload="">{lang.pick("重新打开页面", "Open the page again")}</a>
                        </div>
                    }
                });
            }
        }
    });
}

async fn fetch_page(href: &str) -> Option<PageData> {
    let response = gloo_net::http::Request::get(href).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    crate::storage::from_json(&response.text().await.ok()?)
}

/// The same-site URL a click should navigate to without a reload, if any.
fn internal_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let anchor = target.closest("a[href]").ok()??.dyn_into::<web_sys::HtmlAnchorElement>().ok()?;
    if !anchor.target().is_empty() || anchor.has_attribute("download") || anchor.has_attribute("data-reload")
    {
        return None;
    }
    let location = window().location();
    if anchor.origin() != location.origin().ok()? {
        return None;
    }
    let path = anchor.pathname();
    let same_page = path == location.pathname().ok()? && anchor.search() == location.search().ok()?;
    let is_file = path.rsplit('/').next().is_some_and(|last| last.contains('.') && last != "index.html");
    if (same_page && !anchor.hash().is_empty()) || is_file || !path.starts_with(swg_model::route::base_path())
    {
        return None;
    }
    Some(format!("{}{}{}", path, anchor.search(), anchor.hash()))
}

fn listen() {
    let click = EventListener::new_with_options(
        &document(),
        "click",
        EventListenerOptions::enable_prevent_default(),
        |event| {
            let Some(ev) = event.dyn_ref::<web_sys::MouseEvent>() else { return };
            if let Some(url) = internal_link(ev) {
                let path = url.split(['?', '#']).next().unwrap_or_default();
                if !can_show(&Route::from_location(path)) {
                    // The form pages come with their own bundle: load them normally.
                    return;
                }
                ev.prevent_default();
                let _ =
                    window().history().and_then(|h| h.push_state_with_url(&JsValue::NULL, "", Some(&url)));
                navigate(current_route());
            }
        },
    );
    let pop = EventListener::new(&window(), "popstate", |_| {
        let route = current_route();
        if ROUTE.with(|r| r.borrow().as_ref() != Some(&route)) {
            navigate(route);
        }
    });
    // Both listeners live as long as the page.
    click.forget();
    pop.forget();
}
