//! 网上预约: window → service → day → slot → details → review → confirmation with code, the
//! materials to bring and a calendar file. Unsent requests wait in the outbox.

use super::mixed::Mixed;
use super::widgets::{
    field_error, focus, focus_at_top, query_param, Field, Problem, SavedBookings, SlotPicker,
};
use crate::client::{self, Failed, Pending};
use leptos::either::{EitherOf3, EitherOf4};
use leptos::prelude::*;
use swg_model::api::{path, Availability, Booking, BookingRequest, FeedbackKind, Need};
use swg_model::form::FieldName;
use swg_model::form::{parse_name, IdDocument, IdKind, Phone};
use swg_model::{FormWindow, Route};

#[derive(Clone, Copy, PartialEq)]
enum Step {
    Choose,
    Details,
    Review,
    Done,
}

impl Step {
    /// The step's name in the browser's history, so Back goes to the step before.
    fn id(self) -> &'static str {
        match self {
            Step::Choose => "choose",
            Step::Details => "details",
            Step::Review => "review",
            Step::Done => "done",
        }
    }

    fn from_id(id: &str) -> Step {
        [Step::Details, Step::Review, Step::Done].into_iter().find(|s| s.id() == id).unwrap_or(Step::Choose)
    }
}

const OUTBOX: &str = "booking";

#[component]
pub fn BookingFlow(windows: Vec<FormWindow>) -> impl IntoView {
    let lang = crate::lang();
    let windows: Vec<FormWindow> = windows.into_iter().filter(|w| w.bookable).collect();
    let windows = StoredValue::new(windows);
    let window_id = RwSignal::new(String::new());
    let service = RwSignal::new(String::new());
    let availability = RwSignal::new(None::<Result<Availability, Failed>>);
    let (day, slot) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (name, phone, id_number) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let id_kind = RwSignal::new(IdKind::ResidentId.id().to_owned());
    let need = RwSignal::new("none".to_owned());
    let home_visit = RwSignal::new(false);
    let step = RwSignal::new(Step::Choose);
    let local = RwSignal::new(Vec::<(FieldName, String)>::new());
    let failed = RwSignal::new(None::<Failed>);
    let queued = RwSignal::new(false);
    // A booking on its way: the button says so and cannot be pressed twice.
    let sending = RwSignal::new(false);
    let done = RwSignal::new(None::<Booking>);
    let key = StoredValue::new(client::new_key());

    let current = move || windows.with_value(|ws| ws.iter().find(|w| w.id == window_id.get()).cloned());
    let phone_of_window = Signal::derive(move || current().map(|w| w.phone).unwrap_or_default());
    let load = move || {
        let id = window_id.get_untracked();
        availability.set(None);
        if id.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let answer = client::get::<Availability>(&format!("{}?window={id}", path::AVAILABILITY)).await;
            availability.set(Some(answer));
        });
    };
    let choose_window = move |id: String| {
        window_id.set(id);
        service.set(String::new());
        day.set(String::new());
        slot.set(String::new());
        load();
    };

    let send = move |pending: Pending<BookingRequest>| {
        failed.set(None);
        sending.set(true);
        client::submit(OUTBOX, pending, queued, move |answer: Result<Booking, Failed>| match answer {
            Ok(booking) => {
                sending.set(false);
                key.set_value(client::new_key());
                client::save_booking(&booking);
                done.set(Some(booking.in_lang(lang)));
                step.set(Step::Done);
            }
            Err(other) => {
                sending.set(false);
                let slot_problem = other.field(FieldName::Day, lang).is_some()
                    || other.field(FieldName::Slot, lang).is_some()
                    || matches!(other, Failed::Api(409, _));
                failed.set(Some(other));
                step.set(if slot_problem { Step::Choose } else { Step::Details });
                load();
            }
        });
    };
    client::resume_outbox(OUTBOX, queued, send);
    Effect::new(move |_| {
        if let Some(w) =
            query_param(FieldName::Window).filter(|w| windows.with_value(|ws| ws.iter().any(|x| &x.id == w)))
        {
            choose_window(w);
            if let Some(s) = query_param(FieldName::Service) {
                service.set(s);
            }
        }
    });

    let check_details = move |_| {
        let mut errors = Vec::new();
        for (field, result) in [
            (FieldName::Name, parse_name(&name.get_untracked()).map(drop)),
            (FieldName::Phone, Phone::parse(&phone.get_untracked()).map(drop)),
            (
                FieldName::IdNumber,
                IdDocument::parse(
                    IdKind::parse(&id_kind.get_untracked()).unwrap_or(IdKind::ResidentId),
                    &id_number.get_untracked(),
                )
                .map(drop),
            ),
        ] {
            if let Err(said) = result {
                errors.push((field, said.in_lang(lang).to_owned()));
            }
        }
        let first_wrong = errors.first().map(|(field, _)| *field);
        local.set(errors);
        match first_wrong {
            // Straight to the first field to correct, as a screen reader user needs.
            Some(field) => focus(&format!("f-{field}")),
            None => {
                failed.set(None);
                step.set(Step::Review);
            }
        }
    };
    let confirm = move |_| {
        let body = BookingRequest {
            idempotency_key: key.get_value(),
            window: window_id.get_untracked(),
            service: service.get_untracked(),
            day: day.get_untracked(),
            slot: slot.get_untracked(),
            name: name.get_untracked(),
            phone: phone.get_untracked(),
            id_number: id_number.get_untracked(),
            id_kind: id_kind.get_untracked(),
            need: need.get_untracked(),
            home_visit: home_visit.get_untracked(),
        };
        send(Pending { path: path::BOOKINGS.to_owned(), body });
    };
    let err = move |f: FieldName| field_error(local, failed, f);
    // A new step starts at its top and takes the focus, so the next Tab goes to its first
    // control, not the footer. Each step is an entry in the browser's history: Back goes to
    // the step before instead of leaving the page (never back from the confirmation).
    let from_history = StoredValue::new(false);
    Effect::new(move |previous: Option<Step>| {
        let now = step.get();
        if previous.is_some_and(|p| p != now) {
            focus_at_top("booking-flow");
            if !from_history.get_value() {
                if let Ok(history) = window().history() {
                    let state = wasm_bindgen::JsValue::from_str(now.id());
                    let _ = if now == Step::Done {
                        history.replace_state(&state, "")
                    } else {
                        history.push_state(&state, "")
                    };
                }
            }
            from_history.set_value(false);
        }
        now
    });
    let back = gloo_events::EventListener::new(&window(), "popstate", move |_| {
        if step.get_untracked() == Step::Done {
            return;
        }
        let wanted = window().history().ok().and_then(|h| h.state().ok()).and_then(|s| s.as_string());
        let wanted = wanted.map_or(Step::Choose, |id| Step::from_id(&id));
        if wanted != step.get_untracked() {
            from_history.set_value(true);
            step.set(wanted);
        }
    });
    // Kept with the island: dropped (and the listener removed) when the island is unmounted.
    StoredValue::new_local(back);

    let choose = move || {
        view! {
            <div class="field">
                <label for="f-window">{lang.pick("办理窗口", "Window")}</label>
                <select id="f-window" name=FieldName::Window.id() prop:value=move || window_id.get()
                    on:change=move |ev| choose_window(event_target_value(&ev))>
                    <option value="">{lang.pick("请选择", "Please choose")}</option>
                    {windows.with_value(|ws| ws.iter().map(|w| view! { <option value=w.id.clone()>{w.name.clone()}</option> }).collect_view())}
                </select>
            </div>
            <div class="field">
                <label for="f-service">{lang.pick("办理事项", "Service")}</label>
                <select id="f-service" name=FieldName::Service.id() prop:value=move || service.get() on:change=move |ev| service.set(event_target_value(&ev))>
                    <option value="">{lang.pick("请选择", "Please choose")}</option>
                    {move || current().map(|w| w.services.into_iter().map(|s| view! { <option value=s.id.clone()>{s.title}</option> }).collect_view())}
                </select>
                <p class="field-error" role="alert">{move || err(FieldName::Service).get()}</p>
            </div>
            {move || match availability.get() {
                None if !window_id.get().is_empty() => Some(EitherOf3::A(view! { <p role="status">{lang.pick("正在查询可预约的时间…", "Looking up the times you can book…")}</p> })),
                Some(Ok(a)) => Some(EitherOf3::B(view! {
                    <SlotPicker availability=a day=day time=slot name=FieldName::Slot.id() legend=lang.pick("选择日期和时段（括号里是剩余名额）", "Choose a day and time (places left in brackets)")/>
                })),
                Some(Err(f)) => Some(EitherOf3::C(view! {
                    <div class="notice" role="alert">
                        <p>{lang.pick(format!("暂时查不到可预约的时间：{}", f.message(lang)), format!("The times you can book cannot be looked up just now: {}", f.message(lang)))}</p>
                        <p>{lang.pick(format!("请稍后再试，或直接打电话预约：{}", phone_of_window.get()), format!("Please try again later, or call to book: {}", phone_of_window.get()))}</p>
                    </div>
                })),
                None => None,
            }}
            <p class="field-error" role="alert">{move || err(FieldName::Day).get().or_else(|| err(FieldName::Slot).get())}</p>
            <button type="button" class="button" disabled=move || service.get().is_empty() || slot.get().is_empty()
                on:click=move |_| step.set(Step::Details)>{lang.pick("下一步：填写预约人", "Next: your details")}</button>
        }
    };
    let details = move || {
        view! {
            <Field label=lang.pick("姓名", "Name") name=FieldName::Name value=name error=err(FieldName::Name) autocomplete="name"/>
            <Field label=lang.pick("手机号码", "Mobile number") name=FieldName::Phone value=phone error=err(FieldName::Phone) kind="tel" autocomplete="tel"
                hint=lang.pick("用于查询、改约和取消；境外手机号请加国家或地区代码，如 +852", "To find, change or cancel the booking. For a number outside mainland China, add the country code, e.g. +44")/>
            <div class="field">
                <label for="f-id_kind">{lang.pick("证件类型", "Identity document")}</label>
                <select id="f-id_kind" name=FieldName::IdKind.id() prop:value=move || id_kind.get() on:change=move |ev| id_kind.set(event_target_value(&ev))>
                    {IdKind::ALL.into_iter().map(|k| view! { <option value=k.id()>{k.label_in(lang)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-id_number">{lang.pick("证件号码", "Document number")}</label>
                <p class="hint">{move || IdKind::parse(&id_kind.get()).unwrap_or(IdKind::ResidentId).hint_in(lang)}</p>
                <input id="f-id_number" name=FieldName::IdNumber.id() aria-describedby="e-id_number"
                    aria-invalid=move || if err(FieldName::IdNumber).get().is_some() { "true" } else { "false" }
                    prop:value=move || id_number.get() on:input=move |ev| id_number.set(event_target_value(&ev))/>
                <p class="field-error" id="e-id_number" role="alert">{move || err(FieldName::IdNumber).get()}</p>
            </div>
            <fieldset class="question">
                <legend>{lang.pick("是否需要绿色通道（优先办理）？", "Do you need the priority lane (served first)?")}</legend>
                {Need::ALL.into_iter().map(|n| view! {
                    <label class="choice">
                        <input type="radio" name=FieldName::Need.id() prop:checked=move || need.get() == n.id() on:change=move |_| need.set(n.id().to_owned())/>
                        <span>{n.label_in(lang)}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <label class="choice">
                <input type="checkbox" name=FieldName::HomeVisit.id() prop:checked=move || home_visit.get() on:change=move |_| home_visit.update(|h| *h = !*h)/>
                <span>{lang.pick("行动不便，申请上门服务（窗口会电话联系确认）", "I cannot easily get about: I ask for a home visit (the window will call to confirm)")}</span>
            </label>
            <div class="actions">
                <button type="button" class="button secondary" on:click=move |_| step.set(Step::Choose)>{lang.pick("上一步", "Back")}</button>
                <button type="button" class="button" on:click=check_details>{lang.pick("下一步：核对", "Next: check")}</button>
            </div>
        }
    };
    let review = move || {
        let w = current().map(|w| w.name).unwrap_or_default();
        let s = current()
            .and_then(|w| w.services.into_iter().find(|s| s.id == service.get_untracked()))
            .map(|s| s.title)
            .unwrap_or_default();
        view! {
            <dl class="facts">
                <dt>{lang.pick("窗口", "Window")}</dt><dd><Mixed text=w/></dd>
                <dt>{lang.pick("事项", "Service")}</dt><dd><Mixed text=s/></dd>
                <dt>{lang.pick("时间", "Time")}</dt><dd>{
                    let day = day.get_untracked();
                    let label = swg_model::calendar::Date::parse(&day).map_or(day, |d| d.label_in(lang));
                    format!("{label} {}", slot.get_untracked())
                }</dd>
                <dt>{lang.pick("预约人", "Applicant")}</dt><dd>{name.get_untracked()}</dd>
                <dt>{lang.pick("手机", "Mobile")}</dt><dd>{swg_model::form::mask_phone(&phone.get_untracked())}</dd>
                <dt>{lang.pick("证件", "Document")}</dt><dd>{
                    let kind = IdKind::parse(&id_kind.get_untracked()).unwrap_or(IdKind::ResidentId);
                    format!("{} {}", kind.label_in(lang), swg_model::form::mask_document(kind, &id_number.get_untracked()))
                }</dd>
                <dt>{lang.pick("绿色通道", "Priority lane")}</dt><dd>{Need::parse(&need.get_untracked()).unwrap_or(Need::None).label_in(lang)}</dd>
                <dt>{lang.pick("上门服务", "Home visit")}</dt><dd>{if home_visit.get_untracked() { lang.pick("申请", "Requested") } else { lang.pick("不需要", "Not needed") }}</dd>
            </dl>
            <div class="actions">
                <button type="button" class="button secondary" on:click=move |_| step.set(Step::Details)>{lang.pick("返回修改", "Back")}</button>
                <button type="button" class="button" disabled=move || sending.get() on:click=confirm>
                    {move || if sending.get() { lang.pick("正在提交，请稍候…", "Sending, please wait…") } else { lang.pick("确认预约", "Confirm booking") }}
                </button>
            </div>
        }
    };
    let confirmation = move || {
        done.get().map(|b| {
            let ics = format!("data:text/calendar;charset=utf-8,{}", js_sys::encode_uri_component(&b.ics(lang, crate::storage::now().map_or(b.day, |(today, _)| today))));
            view! {
                <div class="done-box" role="status">
                    <h2>{lang.pick("预约成功", "Booked")}</h2>
                    <p class="lead">{lang.pick("预约码（请记下）：", "Booking code (please note it down): ")}<strong class="code">{b.code.clone()}</strong></p>
                </div>
                <dl class="facts">
                    <dt>{lang.pick("事项", "Service")}</dt><dd><Mixed text=b.service_title.clone()/></dd>
                    <dt>{lang.pick("时间", "Time")}</dt><dd>{format!("{} {}–{}", b.day.label_in(lang), b.slot, b.slot_end)}</dd>
                    <dt>{lang.pick("地点", "Place")}</dt><dd><Mixed text=format!("{} · {}", b.window_name, b.address)/></dd>
                    <dt>{lang.pick("预约人", "Applicant")}</dt><dd>{format!("{} · {} · {} {}", b.name, b.phone, b.id_kind.label_in(lang), b.id_number)}</dd>
                    <dt>{lang.pick("绿色通道", "Priority lane")}</dt><dd>{b.need.label_in(lang)}</dd>
                    <dt>{lang.pick("上门服务", "Home visit")}</dt><dd>{if b.home_visit { lang.pick("已申请，窗口会电话联系您", "Requested: the window will call you") } else { lang.pick("不需要", "Not needed") }}</dd>
                    <dt>{lang.pick("窗口电话", "Window phone")}</dt><dd><a href=swg_model::tel_href(&b.window_phone)>{b.window_phone.clone()}</a></dd>
                </dl>
                <h2>{lang.pick("请带齐这些材料", "Bring all of these")}</h2>
                <ul>{b.materials.iter().map(|m| view! { <li><Mixed text=m.clone()/></li> }).collect_view()}</ul>
                <div class="actions">
                    <a class="button" href=ics download=lang.pick(format!("预约-{}.ics", b.code), format!("booking-{}.ics", b.code))>{lang.pick("加入手机日历", "Add to phone calendar")}</a>
                    <a class="button secondary" href=Route::Service(b.service.clone()).in_lang(lang).href()>{lang.pick("查看办事指南和清单", "See the guide and checklist")}</a>
                    <a class="button secondary" href=Route::Manage.in_lang(lang).href()>{lang.pick("改约或取消", "Change or cancel")}</a>
                </div>
                <p><a class="tap" href=Route::Feedback.in_lang(lang).href_with(&[(FieldName::Kind.id(), FeedbackKind::Rating.id()), (FieldName::Window.id(), &b.window), (FieldName::Service.id(), &b.service)])>{lang.pick("办完后请给我们评价", "Afterwards, please rate our service")}</a></p>
            }
        })
    };

    // Bookings made on this device stay findable after a reload (masked, as confirmed).
    view! {
        {move || (step.get() != Step::Done).then(|| view! { <SavedBookings/> })}
        <form class="flow" id="booking-flow" tabindex="-1" on:submit=|ev| ev.prevent_default()>
            <Problem failed=failed phone=phone_of_window/>
            {move || queued.get().then(|| view! {
                <p class="notice" role="status">{lang.pick("网络不通，预约已保存在本机，联网后会自动重新提交（不会重复预约）。", "No connection: your booking is kept on this device and will be sent again by itself once you are online (it will not be booked twice).")}</p>
            })}
            {move || match step.get() {
                Step::Choose => EitherOf4::A(choose()),
                Step::Details => EitherOf4::B(details()),
                Step::Review => EitherOf4::C(review()),
                Step::Done => EitherOf4::D(confirmation()),
            }}
        </form>
    }
}
