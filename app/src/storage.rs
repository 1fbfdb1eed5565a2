//! Browser-side helpers for the checklist: localStorage, the share link, clipboard and print.
//! They are only called from effects and event handlers, which never run while pre-rendering.

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
#[cfg(any(not(target_arch = "wasm32"), feature = "reading"))]
use swg_model::{checklist::ChecklistState, Route};

#[cfg(any(not(target_arch = "wasm32"), feature = "reading"))]
pub fn checklist_key(guide_id: &str) -> String {
    format!("swg.checklist.{guide_id}")
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Parses JSON with the browser's own parser (keeps a JSON parser out of the wasm bundle).
pub fn from_json<T: DeserializeOwned>(text: &str) -> Option<T> {
    crate::decode::from_value(js_sys::JSON::parse(text).ok()?).ok()
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

#[cfg(any(not(target_arch = "wasm32"), feature = "reading"))]
/// The checklist carried by the current address, if it is a share link.
pub fn query_state() -> Option<ChecklistState> {
    ChecklistState::from_query(&window().location().search().ok()?)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "events"))]
/// Takes a shared list out of the address once it is dealt with, so a reload shows the
/// citizen's own list.
pub fn forget_query() {
    let w = window();
    if let (Ok(path), Ok(history)) = (w.location().pathname(), w.history()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

#[cfg(any(not(target_arch = "wasm32"), feature = "reading"))]
pub fn share_link(route: &Route, state: &ChecklistState) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{}?{}", route.href(), state.to_query())
}

#[cfg(any(not(target_arch = "wasm32"), feature = "reading"))]
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

#[cfg(any(not(target_arch = "wasm32"), feature = "reading"))]
pub fn print() {
    let _ = window().print();
}

/// The device's date and minute of the day. Tests (and demonstrations) set the clock by
/// defining `window.__swg_now = "YYYY-MM-DDTHH:MM"` before the page's scripts run.
pub fn now() -> Option<(swg_model::calendar::Date, u16)> {
    let set = js_sys::Reflect::get(&window(), &"__swg_now".into()).ok().and_then(|v| v.as_string());
    if let Some(set) = set {
        let (day, time) = set.split_once('T')?;
        return Some((swg_model::calendar::Date::parse(day)?, swg_model::booking::minutes(time)?));
    }
    let now = js_sys::Date::new_0();
    let day =
        swg_model::calendar::Date::new(now.get_full_year() as i32, now.get_month() + 1, now.get_date())?;
    Some((day, u16::try_from(now.get_hours() * 60 + now.get_minutes()).ok()?))
}

/// Today's date on the device, as YYYY-MM-DD.
pub fn today() -> String {
    if let Some((day, _)) = now() {
        return day.to_string();
    }
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}

#[cfg(any(not(target_arch = "wasm32"), feature = "reading"))]
/// Whether the browser can read text aloud (the Web Speech API's synthesis).
pub fn can_speak() -> bool {
    let w = window();
    ["speechSynthesis", "SpeechSynthesisUtterance"].iter().all(|name| {
        js_sys::Reflect::get(&w, &(*name).into()).is_ok_and(|v| !v.is_undefined() && !v.is_null())
    })
}

#[cfg(any(not(target_arch = "wasm32"), feature = "reading"))]
/// Reads `text` aloud in Mandarin, stopping whatever was being read.
pub fn speak(text: &str, lang: swg_model::Lang) {
    use wasm_bindgen::JsCast;
    let w = window();
    let Ok(synth) = js_sys::Reflect::get(&w, &"speechSynthesis".into()) else { return };
    let Some(utterance) = js_sys::Reflect::get(&w, &"SpeechSynthesisUtterance".into())
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        .and_then(|c| js_sys::Reflect::construct(&c, &js_sys::Array::of1(&text.into())).ok())
    else {
        return;
    };
    let _ = js_sys::Reflect::set(&utterance, &"lang".into(), &lang.id().into());
    let _ = js_sys::Reflect::set(&utterance, &"rate".into(), &0.9.into());
    for (method, argument) in [("cancel", None), ("speak", Some(&utterance))] {
        if let Some(f) = js_sys::Reflect::get(&synth, &method.into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let _ = match argument {
                Some(a) => f.call1(&synth, a),
                None => f.call0(&synth),
            };
        }
    }
}
