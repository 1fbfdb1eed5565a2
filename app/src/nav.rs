//! Client-side navigation: which route is shown, its page data, and loading data for the next one.

use leptos::prelude::*;
use std::sync::Arc;
use swg_model::{PageData, Route};

/// What the main area shows.
#[derive(Clone, Debug)]
pub enum Shown {
    Ready(Route, Arc<PageData>),
    Loading(Route),
    Failed(Route),
}

/// The navigation state, shared through context.
#[derive(Clone, Copy)]
pub struct Nav {
    pub shown: RwSignal<Shown>,
    cache: StoredValue<Vec<(Route, Arc<PageData>)>>,
}

impl Nav {
    pub fn new(route: Route, page: PageData) -> Self {
        let page = Arc::new(page);
        Nav {
            shown: RwSignal::new(Shown::Ready(route.clone(), page.clone())),
            cache: StoredValue::new(vec![(route, page)]),
        }
    }

    fn cached(&self, route: &Route) -> Option<Arc<PageData>> {
        self.cache.with_value(|c| c.iter().find(|(r, _)| r == route).map(|(_, p)| p.clone()))
    }

    /// Shows `route`, from the cache or by fetching its page data.
    pub fn show(self, route: Route) {
        if let Some(page) = self.cached(&route) {
            self.shown.set(Shown::Ready(route, page));
            return;
        }
        self.shown.set(Shown::Loading(route.clone()));
        self.fetch(route);
    }

    /// Retries loading the route that failed.
    pub fn retry(self) {
        if let Shown::Failed(route) = self.shown.get_untracked() {
            self.show(route);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn fetch(self, _route: Route) {}

    #[cfg(not(target_arch = "wasm32"))]
    pub fn listen(self) {}

    #[cfg(target_arch = "wasm32")]
    fn fetch(self, route: Route) {
        leptos::task::spawn_local(async move {
            let result = browser::fetch_page(&route.data_href()).await;
            match result {
                Some(page) => {
                    let page = Arc::new(page);
                    self.cache.update_value(|c| c.push((route.clone(), page.clone())));
                    if matches!(self.shown.get_untracked(), Shown::Loading(ref r) if *r == route) {
                        self.shown.set(Shown::Ready(route, page));
                        browser::after_navigation();
                    }
                }
                None => {
                    if matches!(self.shown.get_untracked(), Shown::Loading(ref r) if *r == route) {
                        self.shown.set(Shown::Failed(route));
                    }
                }
            }
        });
    }

    /// Intercepts clicks on same-site links and the back button (browser only).
    #[cfg(target_arch = "wasm32")]
    pub fn listen(self) {
        Effect::new(move |_| {
            let click = window_event_listener(leptos::ev::click, move |ev| {
                if let Some(url) = browser::internal_link(&ev) {
                    ev.prevent_default();
                    browser::push(&url);
                    self.show(current_route());
                    if matches!(self.shown.get_untracked(), Shown::Ready(..)) {
                        browser::after_navigation();
                    }
                }
            });
            let pop = window_event_listener(leptos::ev::popstate, move |_| self.show(current_route()));
            // The listeners live as long as the page.
            std::mem::forget(click);
            std::mem::forget(pop);
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("data-hydrated", "true");
            }
        });
        Effect::new(move |_| {
            if let Shown::Ready(_, page) = self.shown.get() {
                document().set_title(&page.title);
            }
        });
    }
}

/// The route of the browser's current location.
#[cfg(target_arch = "wasm32")]
pub fn current_route() -> Route {
    let path = window().location().pathname().unwrap_or_default();
    Route::from_location(&path)
}

/// The page data the pre-renderer embedded in the document.
#[cfg(target_arch = "wasm32")]
pub fn read_boot() -> Option<swg_model::Boot> {
    use wasm_bindgen::JsCast;
    let text = document().get_element_by_id("boot")?.text_content()?;
    let mut boot: swg_model::Boot = crate::storage::from_json(&text)?;
    // The static parts were left out of the boot data: take them from the page itself.
    let rendered = document().query_selector_all("main .part").ok()?;
    let mut index = 0;
    for part in &mut boot.page.parts {
        if let swg_model::Part::Html(html) = part {
            let element = rendered.get(index)?.dyn_into::<web_sys::Element>().ok()?;
            *html = element.inner_html();
            index += 1;
        }
    }
    Some(boot)
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use leptos::prelude::*;
    use swg_model::PageData;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    /// The same-site URL a click should navigate to without a reload, if any.
    pub fn internal_link(ev: &web_sys::MouseEvent) -> Option<String> {
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
        if !anchor.target().is_empty()
            || anchor.has_attribute("download")
            || anchor.has_attribute("data-reload")
        {
            return None;
        }
        let location = window().location();
        if anchor.origin() != location.origin().ok()? {
            return None;
        }
        let path = anchor.pathname();
        let same_page = path == location.pathname().ok()? && anchor.search() == location.search().ok()?;
        if same_page && !anchor.hash().is_empty() {
            return None;
        }
        if !path.starts_with(swg_model::route::base_path())
            || path.rsplit('/').next().is_some_and(|last| last.contains('.') && last != "index.html")
        {
            return None;
        }
        Some(format!("{}{}{}", path, anchor.search(), anchor.hash()))
    }

    pub fn push(url: &str) {
        let _ = window()
            .history()
            .and_then(|h| h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url)));
    }

    /// After a client-side navigation: start at the top and move focus to the new page.
    pub fn after_navigation() {
        window().scroll_to_with_x_and_y(0.0, 0.0);
        if let Some(main) =
            document().get_element_by_id("main").and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
        }
    }

    pub async fn fetch_page(href: &str) -> Option<PageData> {
        let response = JsFuture::from(window().fetch_with_str(href)).await.ok()?;
        let response: web_sys::Response = response.dyn_into().ok()?;
        if !response.ok() {
            return None;
        }
        let text = JsFuture::from(response.text().ok()?).await.ok()?;
        crate::storage::from_json(&text.as_string()?)
    }
}
