//! Small form pieces shared by the interactive forms: labelled fields with their error line.

use super::mixed::Mixed;
use crate::client::Failed;
use leptos::prelude::*;
use swg_model::form::FieldName;
use swg_model::Lang;
use wasm_bindgen::JsCast;

/// A labelled text input bound to `value`, with the server's or the browser's message for it.
#[component]
pub fn Field(
    label: &'static str,
    name: FieldName,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "")] hint: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
) -> impl IntoView {
    let id = format!("f-{name}");
    let err_id = format!("e-{name}");
    let name = name.id();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
            <input id=id name=name type=kind autocomplete=autocomplete
                aria-describedby=err_id.clone()
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
            <p class="field-error" id=err_id role="alert">{move || error.get()}</p>
        </div>
    }
}

/// The message for `field`: the local check's first, else the server's.
pub fn field_error(
    local: RwSignal<Vec<(FieldName, String)>>,
    server: RwSignal<Option<Failed>>,
    field: FieldName,
) -> Signal<Option<String>> {
    let lang = crate::lang();
    Signal::derive(move || {
        local
            .with(|l| l.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
            .or_else(|| server.with(|s| s.as_ref().and_then(|s| s.field(field, lang))))
    })
}

/// A page-level message: what went wrong, and for an unreachable API, the phone to call.
#[component]
pub fn Problem(failed: RwSignal<Option<Failed>>, #[prop(into)] phone: Signal<String>) -> impl IntoView {
    let lang = crate::lang();
    move || {
        failed.get().map(|f| {
            let offline = f == Failed::Network;
            view! {
                <div class="notice" role="alert">
                    <p>{f.message(lang)}</p>
                    {offline.then(|| view! { <p>{lang.pick(format!("也可以直接打电话办理：{}", phone.get()), format!("You can also call: {}", phone.get()))}</p> })}
                </div>
            }
        })
    }
}

/// Reads `name` from the page's query string.
pub fn query_param(name: FieldName) -> Option<String> {
    let search = window().location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name.id()).then(|| js_sys::decode_uri_component(v).ok().and_then(|s| s.as_string())).flatten()
    })
}

/// Days as expandable rows, each with its slots (`time`) and the places left; full slots are
/// shown but cannot be chosen.
#[component]
pub fn SlotPicker(
    availability: swg_model::api::Availability,
    day: RwSignal<String>,
    time: RwSignal<String>,
    name: &'static str,
    legend: &'static str,
    /// The slot the citizen holds now ("YYYY-MM-DD", "HH:MM"), marked when moving a booking.
    #[prop(optional)]
    current: Option<(String, String)>,
) -> impl IntoView {
    let lang = crate::lang();
    view! {
        <fieldset class="days">
            <legend>{legend}</legend>
            // The note is only ever set for days beyond the published holiday calendar.
            {availability.note.clone().map(|n| view! { <p class="hint">{lang.pick(n, "That year's public holidays are not published yet, so only weekends are counted; the window will confirm.".to_owned())}</p> })}
            {availability.days.into_iter().map(|d| {
                let value = d.day.to_string();
                let open: u32 = d.slots.iter().map(|s| s.remaining).sum();
                let chosen = value.clone();
                let summary = match lang {
                    Lang::Zh => format!("{}（余 {open}）", d.label),
                    Lang::En => format!("{} ({open} left)", d.day.label_in(lang)),
                };
                view! {
                    <details class="day" open=move || day.get() == chosen>
                        <summary>{summary}</summary>
                        <div class="slots">
                            {d.slots.into_iter().map(|s| {
                                let (dv, sv) = (value.clone(), s.start.clone());
                                let (dv2, sv2) = (dv.clone(), sv.clone());
                                let held = current.as_ref().is_some_and(|(d, t)| *d == value && *t == s.start);
                                let left = match (held, s.remaining) {
                                    (true, _) => lang.pick("您现在的时段", "Your current time").to_owned(),
                                    (false, 0) => lang.pick("已满", "Full").to_owned(),
                                    (false, n) => lang.pick(format!("余 {n}"), format!("{n} left")),
                                };
                                view! {
                                    <label class="choice slot" class:full=s.remaining == 0 && !held class:held=held>
                                        <input type="radio" name=name disabled=s.remaining == 0 || held
                                            prop:checked=move || day.get() == dv2 && time.get() == sv2
                                            on:change=move |_| { day.set(dv.clone()); time.set(sv.clone()); }/>
                                        <span>{format!("{}–{}", s.start, s.end)}<small class="left">{left}</small></span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    </details>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The bookings kept on this device, each with a button that removes it from the device;
/// `pick`, where given, fills its code into a look-up. `changed` reloads the list when it moves.
#[component]
pub fn SavedBookings(
    #[prop(optional)] pick: Option<Callback<String>>,
    #[prop(optional)] changed: Option<RwSignal<u32>>,
) -> impl IntoView {
    let lang = crate::lang();
    let saved = RwSignal::new(Vec::<swg_model::api::Booking>::new());
    Effect::new(move |_| {
        if let Some(changed) = changed {
            changed.track();
        }
        saved.set(crate::client::saved_bookings().into_iter().map(|b| b.in_lang(lang)).collect());
    });
    move || {
        (!saved.with(Vec::is_empty)).then(|| {
            view! {
                <section class="saved" aria-labelledby="saved-bookings">
                    <h2 id="saved-bookings">{lang.pick("本机保存的预约", "Bookings saved on this device")}</h2>
                    <ul class="plain">
                        {saved.get().into_iter().map(|b| {
                            let (use_code, forget_code) = (b.code.clone(), b.code.clone());
                            view! {
                                <li>
                                    <Mixed text=lang.pick(
                                        format!("{} {} · {} · 预约码 ", b.day.label(), b.slot, b.service_title),
                                        format!("{} {} · {} · booking code ", b.day.label_in(lang), b.slot, b.service_title),
                                    )/><strong>{b.code.clone()}</strong>
                                    <span class="actions">
                                        {pick.map(|pick| view! {
                                            <button type="button" class="button secondary small" on:click=move |_| pick.run(use_code.clone())>{lang.pick(format!("填入预约码 {}", b.code), format!("Use booking code {}", b.code))}</button>
                                        })}
                                        <button type="button" class="button secondary small" aria-label=lang.pick(format!("从本机删除预约 {}", b.code), format!("Remove booking {} from this device", b.code))
                                            on:click=move |_| { crate::client::forget_booking(&forget_code); saved.set(crate::client::saved_bookings().into_iter().map(|b| b.in_lang(lang)).collect()); }>{lang.pick("从本机删除", "Remove from this device")}</button>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <p class="hint">{lang.pick("从本机删除只是不在这台手机上显示，预约仍然有效；要取消预约，请用“查询、改约或取消”。", "Removing a booking only hides it on this phone: the booking still stands. To cancel it, use “Find, change or cancel a booking”.")}</p>
                </section>
            }
        })
    }
}

/// Brings the top of the element with this id into view and gives it the keyboard focus, once
/// the page has been updated: a new step of a form starts at its top, not where the last
/// button was.
pub fn focus_at_top(id: &str) {
    after_update(id, |element| {
        element.scroll_into_view_with_bool(true);
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    });
}

/// Moves the keyboard focus to the element with this id, once the page has been updated.
pub fn focus(id: &str) {
    after_update(id, |element| {
        let _ = element.focus();
    });
}

/// Runs `then` on the element with this id in the next frame, when the page shows the update.
fn after_update(id: &str, then: impl FnOnce(web_sys::HtmlElement) + 'static) {
    let id = id.to_owned();
    leptos::prelude::request_animation_frame(move || {
        if let Some(element) =
            document().get_element_by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            then(element);
        }
    });
}
