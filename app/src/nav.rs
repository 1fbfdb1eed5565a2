//! Browser only, reading bundles: navigates between pages without a reload (same-site links
//! fetch the next route's JSON and swap the main area). Form pages are loaded normally, each
//! with its own bundle.

use crate::boot::mount_islands;
use crate::pages::structure;
use gloo_events::{EventListener, EventListenerOptions};
use leptos::prelude::*;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use swg_model::{PageData, Route};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// What the browser mounted into the main area (a page's structure or a status message).
    static SHOWN: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
    /// Page data already seen, by route.
    static CACHE: RefCell<Vec<(Route, Rc<PageData>)>> = const { RefCell::new(Vec::new()) };
    /// Increases with every navigation, so a late response never replaces a newer page.
    static SEQUENCE: Cell<u32> = const { Cell::new(0) };
    /// The route on screen: Back to another entry of the same route (a same-page `#` link) keeps the page.
    static ROUTE: RefCell<Option<Route>> = const { RefCell::new(None) };
}

fn main_element() -> Option<web_sys::HtmlElement> {
    document().get_element_by_id("main")?.dyn_into().ok()
}

/// Replaces the main area with `view`; the page structure stays mounted until the next one.
fn show_in_main<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> bool {
    let Some(main) = main_element() else { return false };
    crate::boot::unmount();
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

/// Whether this bundle can show `route` without loading another bundle: a form page has its
/// own, and only the events bundle shows a life event. A page in the other language comes with
/// its own header and footer: it is loaded normally too.
fn can_show(route: &Route) -> bool {
    let same_language =
        ROUTE.with(|r| r.borrow().as_ref().is_none_or(|on_screen| on_screen.lang() == route.lang()));
    let chinese = route.clone().in_lang(swg_model::Lang::Zh);
    let form = swg_model::FormKind::ALL.iter().any(|kind| kind.route() == chinese);
    let event = matches!(chinese, Route::Event(_));
    same_language && !form && (!event || cfg!(feature = "events"))
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

/// The route of the browser's current location.
fn current_route() -> Route {
    Route::from_location(&window().location().pathname().unwrap_or_default())
}

/// Takes over same-site links and the back button, starting from `page` on screen.
pub(crate) fn listen(page: PageData) {
    ROUTE.with(|r| *r.borrow_mut() = Some(current_route()));
    CACHE.with(|c| c.borrow_mut().push((current_route(), Rc::new(page))));
    let click = EventListener::new_with_options(
        &document(),
        "click",
        EventListenerOptions::enable_prevent_default(),
        |event| {
            let Some(ev) = event.dyn_ref::<web_sys::MouseEvent>() else { return };
            if let Some(url) = internal_link(ev) {
                let path = url.split(['?', '#']).next().unwrap_or_default();
                if !can_show(&Route::from_location(path)) {
                    // A page with another bundle is loaded normally.
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
