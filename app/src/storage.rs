//! Browser-side helpers for the checklist: localStorage, the share link, clipboard and print.
//! They are only called from effects and event handlers, which never run while pre-rendering.

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use swg_model::checklist::ChecklistState;
use swg_model::Route;

pub fn checklist_key(guide_id: &str) -> String {
    format!("swg.checklist.{guide_id}")
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Parses JSON with the browser's own parser (keeps a JSON parser out of the wasm bundle).
pub fn from_json<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).ok()?).ok()
}

/// Writes JSON with the browser's own serialiser. Maps become plain objects (the default
/// would make them JavaScript `Map`s, which `JSON.stringify` writes as `{}`, losing them).
pub fn to_json<T: Serialize>(value: &T) -> Option<String> {
    let value = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}

pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    from_json(&local_storage()?.get_item(key).ok()??)
}

pub fn save<T: Serialize>(key: &str, value: &T) {
    if let (Some(storage), Some(text)) = (local_storage(), to_json(value)) {
        let _ = storage.set_item(key, &text);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

/// The checklist carried by the current address, if it is a share link.
pub fn query_state() -> Option<ChecklistState> {
    ChecklistState::from_query(&window().location().search().ok()?)
}

pub fn share_link(route: &Route, state: &ChecklistState) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{}?{}", route.href(), state.to_query())
}

/// Copies text to the clipboard where the browser allows it; the link is shown on the page anyway.
pub fn copy(text: &str) {
    let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into()).ok();
    if let Some(clipboard) = clipboard.filter(|c| !c.is_undefined()) {
        if let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) {
            if let Ok(write) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(write) {
                let _ = write.call1(&clipboard, &text.into());
            }
        }
    }
}

pub fn print() {
    let _ = window().print();
}

/// Today's date on the device, as YYYY-MM-DD.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}
