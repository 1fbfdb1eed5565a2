//! Browser only: reading offline. Registers the service worker (`sw.js`, written by the build),
//! says "离线浏览中" while the device has no network and "内容已更新" when a new deploy has
//! taken over the page.

use gloo_events::EventListener;
use swg_model::route::base_path;
use swg_model::Lang;

/// What the status line says, in the page's language.
fn say(lang: Lang, online: bool, updated: bool) -> &'static str {
    match (online, updated) {
        (false, _) => {
            lang.pick("离线浏览中：显示的是本机保存的页面", "Offline: showing the pages saved on this phone")
        }
        (true, true) => lang.pick("内容已更新", "Content updated"),
        (true, false) => "",
    }
}

fn show(text: &str) {
    if let Some(line) = leptos::prelude::document().get_element_by_id("net-status") {
        line.set_text_content(Some(text));
        let _ = if text.is_empty() {
            line.remove_attribute("data-shown")
        } else {
            line.set_attribute("data-shown", "")
        };
    }
}

/// Starts offline reading for a page in `lang`.
pub fn start(lang: Lang) {
    let window = leptos::prelude::window();
    let navigator = window.navigator();
    let online = move || leptos::prelude::window().navigator().on_line();
    show(say(lang, online(), false));
    let updated = std::rc::Rc::new(std::cell::Cell::new(false));
    for event in ["online", "offline"] {
        let updated = updated.clone();
        EventListener::new(&window, event, move |_| show(say(lang, online(), updated.get()))).forget();
    }
    let workers = navigator.service_worker();
    // A page already controlled is being replaced by a new deploy's worker when control changes.
    let had_controller = workers.controller().is_some();
    EventListener::new(&workers, "controllerchange", move |_| {
        if had_controller {
            updated.set(true);
            show(say(lang, online(), true));
        }
    })
    .forget();
    let _ = workers.register(&format!("{}/sw.js", base_path()));
}
