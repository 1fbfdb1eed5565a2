//! 预约查询、改约、取消: booking code and phone, no account.

use super::mixed::Mixed;
use super::widgets::{field_error, focus, Field, Problem, SavedBookings, SlotPicker};
use crate::client::{self, Failed};
use leptos::prelude::*;
use swg_model::api::{path, Availability, Booking, BookingFind, BookingLookup, BookingStatus, Reschedule};
use swg_model::form::{FieldName, IdKind};

/// A lost code found again with the phone and the identity document the booking was made with.
#[component]
fn Recover(pick: Callback<(String, String)>) -> impl IntoView {
    let lang = crate::lang();
    let (mobile, kind, number) = (
        RwSignal::new(String::new()),
        RwSignal::new(IdKind::ResidentId.id().to_owned()),
        RwSignal::new(String::new()),
    );
    let found = RwSignal::new(Vec::<Booking>::new());
    let failed = RwSignal::new(None::<Failed>);
    let local = RwSignal::new(Vec::<(FieldName, String)>::new());
    let search = move |_| {
        let body = BookingFind {
            phone: mobile.get_untracked(),
            id_kind: kind.get_untracked(),
            id_number: number.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match client::post::<_, Vec<Booking>>(path::BOOKING_FIND, &body).await {
                Ok(list) => {
                    failed.set(None);
                    found.set(list.into_iter().map(|b| b.in_lang(lang)).collect());
                }
                Err(f) => {
                    found.set(Vec::new());
                    failed.set(Some(f));
                }
            }
        });
    };
    let err = move |f: FieldName| field_error(local, failed, f);
    view! {
        <details class="saved">
            <summary>{lang.pick("忘了预约码？用手机号和证件找回", "Lost your booking code? Find it with your mobile number and ID document")}</summary>
            <form class="flow" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="r-phone">{lang.pick("预约时留的手机号码", "The mobile number you gave when booking")}</label>
                    <input id="r-phone" type="tel" prop:value=move || mobile.get() on:input=move |ev| mobile.set(event_target_value(&ev))/>
                    <p class="field-error" role="alert">{move || err(FieldName::Phone).get()}</p>
                </div>
                <div class="field">
                    <label for="r-id_kind">{lang.pick("证件类型", "ID document")}</label>
                    <select id="r-id_kind" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                        {IdKind::ALL.into_iter().map(|k| view! { <option value=k.id()>{k.label_in(lang)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="r-id_number">{lang.pick("证件号码", "Document number")}</label>
                    <input id="r-id_number" prop:value=move || number.get() on:input=move |ev| number.set(event_target_value(&ev))/>
                    <p class="field-error" role="alert">{move || err(FieldName::IdNumber).get()}</p>
                </div>
                <button type="button" class="button secondary" on:click=search>{lang.pick("找回预约", "Find my booking")}</button>
                <Problem failed=failed phone=Signal::derive(String::new)/>
                <ul class="plain">
                    {move || found.get().into_iter().map(|b| {
                        let (c, p) = (b.code.clone(), mobile.get_untracked());
                        view! {
                            <li>
                                <button type="button" class="button small" on:click=move |_| pick.run((c.clone(), p.clone()))>{lang.pick(format!("查询 {}", b.code), format!("Look up {}", b.code))}</button>
                                <Mixed text=format!(" {} {} · {}", b.day.label_in(lang), b.slot, b.service_title)/>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </form>
        </details>
    }
}

#[component]
pub fn Manage() -> impl IntoView {
    let lang = crate::lang();
    let (code, phone) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let booking = RwSignal::new(None::<Booking>);
    let failed = RwSignal::new(None::<Failed>);
    let local = RwSignal::new(Vec::<(FieldName, String)>::new());
    let availability = RwSignal::new(None::<Availability>);
    let (day, slot) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let notice = RwSignal::new(None::<&'static str>);
    // A request on its way: its button says so and nothing can be pressed twice.
    let busy = RwSignal::new(None::<&'static str>);
    let saved_changed = RwSignal::new(0u32);
    let lookup = move || BookingLookup { code: code.get_untracked(), phone: phone.get_untracked() };
    let finish = move |answer: Result<Booking, Failed>, message: &'static str| {
        busy.set(None);
        match answer {
            Ok(b) => {
                client::save_booking(&b);
                saved_changed.update(|n| *n += 1);
                booking.set(Some(b.in_lang(lang)));
                failed.set(None);
                availability.set(None);
                notice.set(Some(message));
            }
            Err(f) => failed.set(Some(f)),
        }
        // The answer takes the focus, so a screen reader reads it and the next Tab follows it.
        focus("manage-answer");
    };
    let find_now = move || {
        // A new look-up replaces what was shown: after a failed one, no earlier booking stays
        // on screen for 取消预约 to act on.
        notice.set(None);
        booking.set(None);
        availability.set(None);
        busy.set(Some(lang.pick("正在查询…", "Looking up…")));
        leptos::task::spawn_local(
            async move { finish(client::post(path::BOOKING_LOOKUP, &lookup()).await, "") },
        );
    };
    let find = move |_| find_now();
    let pick_saved = Callback::new(move |picked: String| {
        code.set(picked);
        phone.set(String::new());
        // The saved copy holds the phone masked: the citizen types it, then 查询.
        focus(&format!("f-{}", FieldName::Phone));
    });
    let pick_found = Callback::new(move |(picked, mobile): (String, String)| {
        code.set(picked);
        phone.set(mobile);
        find_now();
    });
    // Cancelling asks first: the button sits next to 改约 and a place given up may be gone.
    let confirming = RwSignal::new(false);
    let cancel = move |_| {
        confirming.set(false);
        busy.set(Some(lang.pick("正在取消…", "Cancelling…")));
        leptos::task::spawn_local(async move {
            finish(
                client::post(path::BOOKING_CANCEL, &lookup()).await,
                lang.pick(
                    "已取消，这个时段已经让给其他人。",
                    "Cancelled. This time is now free for others to book.",
                ),
            )
        });
    };
    let start_move = move |_| {
        let Some(window) = booking.get_untracked().map(|b| b.window) else { return };
        leptos::task::spawn_local(async move {
            match client::get::<Availability>(&format!("{}?window={window}", path::AVAILABILITY)).await {
                Ok(a) => availability.set(Some(a)),
                Err(f) => failed.set(Some(f)),
            }
        });
    };
    let key = StoredValue::new(client::new_key());
    let do_move = move |_| {
        let body = Reschedule {
            idempotency_key: key.get_value(),
            code: code.get_untracked(),
            phone: phone.get_untracked(),
            day: day.get_untracked(),
            slot: slot.get_untracked(),
        };
        key.set_value(client::new_key());
        busy.set(Some(lang.pick("正在改约…", "Changing the time…")));
        leptos::task::spawn_local(async move {
            finish(
                client::post(path::BOOKING_RESCHEDULE, &body).await,
                lang.pick("已改约。", "The time is changed."),
            )
        });
    };
    let err = move |f: FieldName| field_error(local, failed, f);
    view! {
        <SavedBookings pick=pick_saved changed=saved_changed/>
        <Recover pick=pick_found/>
        <form class="flow" on:submit=|ev| ev.prevent_default()>
            <Field label=lang.pick("预约码", "Booking code") name=FieldName::Code value=code error=err(FieldName::Code)
                hint=lang.pick("预约成功时给您的 8 位码", "The 8-character code you got when you booked")/>
            <Field label=lang.pick("手机号码", "Mobile number") name=FieldName::Phone value=phone error=err(FieldName::Phone) kind="tel"/>
            <button type="button" class="button" disabled=move || busy.get().is_some() on:click=find>{lang.pick("查询", "Look up")}</button>
            <div id="manage-answer" tabindex="-1">
            {move || busy.get().map(|doing| view! { <p class="status" role="status">{doing}</p> })}
            <Problem failed=failed phone=Signal::derive(move || booking.get().map(|b| b.window_phone).unwrap_or_default())/>
            {move || notice.get().filter(|n| !n.is_empty()).map(|n| view! { <p class="notice" role="status">{n}</p> })}
            {move || booking.get().map(|b| {
                let active = b.status == BookingStatus::Booked;
                let when = format!("{} {}–{}", b.day.label_in(lang), b.slot, b.slot_end);
                let ics = format!("data:text/calendar;charset=utf-8,{}", js_sys::encode_uri_component(&b.ics(lang, crate::storage::now().map_or(b.day, |(today, _)| today))));
                view! {
                    <dl class="facts">
                        <dt>{lang.pick("状态", "Status")}</dt><dd>{b.status.label_in(lang)}</dd>
                        <dt>{lang.pick("事项", "Service")}</dt><dd><Mixed text=b.service_title.clone()/></dd>
                        <dt>{lang.pick("时间", "Time")}</dt><dd>{format!("{} {}–{}", b.day.label_in(lang), b.slot, b.slot_end)}</dd>
                        <dt>{lang.pick("地点", "Place")}</dt><dd><Mixed text=format!("{} · {}", b.window_name, b.address)/></dd>
                        <dt>{lang.pick("预约人", "Booked by")}</dt><dd><Mixed text=format!("{} · {}", b.name, b.phone)/></dd>
                    </dl>
                    {active.then(|| view! {
                        <p><a class="button secondary" href=ics download=lang.pick(format!("预约-{}.ics", b.code), format!("booking-{}.ics", b.code))>{lang.pick("加入手机日历", "Add to phone calendar")}</a></p>
                        <div class="actions">
                            <button type="button" class="button secondary" on:click=start_move>{lang.pick("改约", "Change the time")}</button>
                            <button type="button" class="button secondary" id="cancel-booking" disabled=move || busy.get().is_some()
                                on:click=move |_| { confirming.set(true); focus("confirm-cancel"); }>{lang.pick("取消预约", "Cancel booking")}</button>
                        </div>
                        {move || confirming.get().then(|| view! {
                            <div class="notice" role="alertdialog" aria-label=lang.pick("确认取消", "Confirm cancelling")>
                                <p>{lang.pick(format!("确定取消 {when} 的预约吗？取消后名额会让给其他人。"), format!("Cancel your booking for {when}? Your place will go to someone else."))}</p>
                                <div class="actions">
                                    <button type="button" class="button" id="confirm-cancel" on:click=cancel>{lang.pick("确定取消", "Yes, cancel")}</button>
                                    <button type="button" class="button secondary" on:click=move |_| { confirming.set(false); focus("cancel-booking"); }>{lang.pick("不取消", "No, keep it")}</button>
                                </div>
                            </div>
                        })}
                    })}
                }
            })}
            {move || availability.get().map(|a| {
                let current = booking.get_untracked().map(|b| (b.day.to_string(), b.slot));
                view! {
                <SlotPicker availability=a day=day time=slot name="new-slot" legend=lang.pick("选择新的时段", "Choose a new time") current=current.unwrap_or_default()/>
                <button type="button" class="button" disabled=move || slot.get().is_empty() || busy.get().is_some() on:click=do_move>{lang.pick("确认改约", "Confirm the new time")}</button>
            }})}
            </div>
        </form>
    }
}
