//! 意见箱: complaint, suggestion, praise or enquiry, with a satisfaction rating; the receipt
//! gives a tracking number and, where a reply is owed, the date it is due.

use super::widgets::{field_error, focus, query_param, Field, Problem};
use crate::client::{self, Failed, Pending};
use leptos::prelude::*;
use swg_model::api::{path, FeedbackKind, FeedbackReceipt, FeedbackRequest, RATING_LABELS, RATING_LABELS_EN};
use swg_model::form::FieldName;
use swg_model::{FormWindow, Lang, Route};

const OUTBOX: &str = "feedback";

#[component]
pub fn FeedbackForm(windows: Vec<FormWindow>) -> impl IntoView {
    let lang = crate::lang();
    let windows = StoredValue::new(windows);
    let kind = RwSignal::new("complaint".to_owned());
    let (window_id, service) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (visit_date, text, officer, phone) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let what_went_wrong = RwSignal::new(String::new());
    let website = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let rating = RwSignal::new(0u8);
    let failed = RwSignal::new(None::<Failed>);
    let local = RwSignal::new(Vec::<(FieldName, String)>::new());
    let receipt = RwSignal::new(None::<FeedbackReceipt>);
    let queued = RwSignal::new(false);
    let key = StoredValue::new(client::new_key());

    let send = move |pending: Pending<FeedbackRequest>| {
        client::submit(OUTBOX, pending, queued, move |answer: Result<FeedbackReceipt, Failed>| {
            match answer {
                Ok(r) => {
                    failed.set(None);
                    key.set_value(client::new_key());
                    receipt.set(Some(r.in_lang(lang)));
                }
                Err(other) => {
                    // Straight to the first field to correct.
                    if let Some(field) = other.first_field() {
                        focus(&format!("f-{field}"));
                    }
                    failed.set(Some(other));
                }
            }
        });
    };
    client::resume_outbox(OUTBOX, queued, send);
    Effect::new(move |_| {
        for (name, signal) in
            [(FieldName::Kind, kind), (FieldName::Window, window_id), (FieldName::Service, service)]
        {
            if let Some(v) = query_param(name) {
                signal.set(v);
            }
        }
    });

    let submit = move |_| {
        local.set(Vec::new());
        let body = FeedbackRequest {
            idempotency_key: key.get_value(),
            kind: kind.get_untracked(),
            window: window_id.get_untracked(),
            service: service.get_untracked(),
            visit_date: visit_date.get_untracked(),
            text: text.get_untracked(),
            officer: officer.get_untracked(),
            phone: phone.get_untracked(),
            consent: consent.get_untracked(),
            rating: rating.get_untracked(),
            what_went_wrong: what_went_wrong.get_untracked(),
            website: website.get_untracked(),
        };
        send(Pending { path: path::FEEDBACK.to_owned(), body });
    };
    let err = move |f: FieldName| field_error(local, failed, f);
    let needs_reply = move || FeedbackKind::parse(&kind.get()).is_some_and(FeedbackKind::needs_reply);
    let current = move || windows.with_value(|ws| ws.iter().find(|w| w.id == window_id.get()).cloned());

    view! {
        {move || receipt.get().map(|r| view! {
            <div class="done-box" role="status">
                <h2>{lang.pick(format!("已收到您的{}", r.kind.label()), format!("We have received your {}", r.kind.label_in(lang).to_lowercase()))}</h2>
                <p class="lead">{lang.pick("受理编号：", "Tracking number: ")}<strong class="code">{r.tracking.clone()}</strong></p>
                {r.secret.clone().map(|s| view! { <p class="lead">{lang.pick("查询码：", "Look-up code: ")}<strong class="code">{s}</strong><br/><small>{lang.pick("没留手机号，查询进度要用受理编号和查询码，请记下或截图。", "You left no mobile number, so you need the tracking number and the look-up code to check progress. Write them down or take a screenshot.")}</small></p> })}
                {r.due_on.map(|d| view! { <p>{lang.pick(format!("我们将在 {} 前答复您。", d.label()), format!("We will answer by {}.", d.label_in(lang)))}</p> })}
                {r.case.clone().map(|c| view! {
                    <p>{if r.phone.is_empty() {
                        lang.pick(
                            format!("这是差评：我们会在 {} 前核实、整改。没留手机号，无法回访，可凭受理编号和查询码查看整改结果。", c.fix_due.label()),
                            format!("This is a low rating: we will look into it and fix it by {}. You left no mobile number, so we cannot call you back; use the tracking number and the look-up code to see the fix.", c.fix_due.label_in(lang)),
                        )
                    } else {
                        lang.pick(
                            format!("这是差评：我们会在 {} 前电话回访，{} 前整改，结果可凭受理编号查询。", c.contact_due.label(), c.fix_due.label()),
                            format!("This is a low rating: we will call you back by {} and fix it by {}. You can see the result with the tracking number.", c.contact_due.label_in(lang), c.fix_due.label_in(lang)),
                        )
                    }}</p>
                })}
                // The rule is written in Chinese only: an English page says the reply date alone.
                {r.rule.clone().filter(|_| lang == Lang::Zh).map(|rule| view! { <p class="hint">{rule}</p> })}
                <p><a href=Route::Track.in_lang(lang).href()>{if r.secret.is_some() {
                    lang.pick("凭受理编号和查询码查询办理进度", "Check progress with the tracking number and the look-up code")
                } else {
                    lang.pick("凭受理编号和手机号查询办理进度", "Check progress with the tracking number and your mobile number")
                }}</a></p>
            </div>
        })}
        <form class="flow" on:submit=|ev| ev.prevent_default() style:display=move || if receipt.get().is_some() { "none" } else { "block" }>
            <Problem failed=failed phone=Signal::derive(move || current().map(|w| w.phone).unwrap_or_default())/>
            {move || queued.get().then(|| view! { <p class="notice" role="status">{lang.pick("网络不通，已保存在本机，联网后会自动重新提交（不会重复）。", "No connection. Your form is saved on this device and will be sent by itself when you are online again (only once).")}</p> })}
            <fieldset class="question">
                <legend>{lang.pick("您要", "What would you like to send?")}</legend>
                {FeedbackKind::ALL.into_iter().map(|k| view! {
                    <label class="choice">
                        <input type="radio" name=FieldName::Kind.id() prop:checked=move || kind.get() == k.id() on:change=move |_| kind.set(k.id().to_owned())/>
                        <span>{k.label_in(lang)}</span>
                    </label>
                }).collect_view()}
                <p class="field-error" role="alert">{move || err(FieldName::Kind).get()}</p>
            </fieldset>
            <div class="field">
                <label for="f-window">{lang.pick("哪个窗口", "Which window")}</label>
                <select id="f-window" name=FieldName::Window.id() prop:value=move || window_id.get() on:change=move |ev| { window_id.set(event_target_value(&ev)); service.set(String::new()); }>
                    <option value="">{lang.pick("请选择", "Please choose")}</option>
                    {windows.with_value(|ws| ws.iter().map(|w| view! { <option value=w.id.clone()>{w.name.clone()}</option> }).collect_view())}
                </select>
                <p class="field-error" role="alert">{move || err(FieldName::Window).get()}</p>
            </div>
            <div class="field">
                <label for="f-service">{lang.pick("办的什么事（可不选）", "What you went for (optional)")}</label>
                <select id="f-service" name=FieldName::Service.id() prop:value=move || service.get() on:change=move |ev| service.set(event_target_value(&ev))>
                    <option value="">{lang.pick("不选", "Not chosen")}</option>
                    {move || current().map(|w| w.services.into_iter().map(|s| view! { <option value=s.id.clone()>{s.title}</option> }).collect_view())}
                </select>
            </div>
            <Field label=lang.pick("哪天去办的（可不填）", "Date of your visit (optional)") name=FieldName::VisitDate value=visit_date error=err(FieldName::VisitDate) kind="date"/>
            <fieldset class="question">
                <legend>{lang.pick("您对这次办事满意吗？", "Were you satisfied with this visit?")}</legend>
                {(1..=5u8).rev().map(|level| view! {
                    <label class="choice">
                        <input type="radio" name=FieldName::Rating.id() prop:checked=move || rating.get() == level on:change=move |_| rating.set(level)/>
                        <span>{lang.pick(RATING_LABELS, RATING_LABELS_EN)[usize::from(level - 1)]}</span>
                    </label>
                }).collect_view()}
                <p class="field-error" role="alert">{move || err(FieldName::Rating).get()}</p>
            </fieldset>
            {move || (1..=2).contains(&rating.get()).then(|| view! {
                <Field label=lang.pick("哪里做得不好？", "What went wrong?") name=FieldName::WhatWentWrong value=what_went_wrong error=err(FieldName::WhatWentWrong)
                    hint=lang.pick("差评会在规定期限内回访、核实、整改；留手机号才能回访", "Low ratings are followed up within set time limits: we call back, look into it and fix it. We can call you back only if you leave a mobile number.")/>
            })}
            <div class="field">
                <label for="f-text">{move || if kind.get() == FeedbackKind::Rating.id() || (1..=2).contains(&rating.get()) { lang.pick("还想说的（可不填）", "Anything else to say (optional)") } else { lang.pick("具体内容", "What happened") }}</label>
                <textarea id="f-text" name=FieldName::Text.id() rows="5" aria-describedby="e-text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <p class="field-error" id="e-text" role="alert">{move || err(FieldName::Text).get()}</p>
            </div>
            <Field label=lang.pick("民警警号（知道的话）", "Officer's badge number (if you know it)") name=FieldName::Officer value=officer error=err(FieldName::Officer)/>
            <Field label=lang.pick("手机号码", "Mobile number") name=FieldName::Phone value=phone error=err(FieldName::Phone) kind="tel"
                hint=lang.pick("投诉和咨询必填，以便答复；建议和表扬可以匿名", "Needed for a complaint or a question, so we can answer; suggestions and praise can be anonymous")/>
            {move || needs_reply().then(|| view! {
                <label class="choice">
                    <input type="checkbox" id="f-consent" name=FieldName::Consent.id() prop:checked=move || consent.get() on:change=move |_| consent.update(|c| *c = !*c)/>
                    <span>{lang.pick("同意工作人员通过这个手机号与我联系", "Staff may contact me on this mobile number")}</span>
                </label>
                <p class="field-error" role="alert">{move || err(FieldName::Consent).get()}</p>
            })}
            <div class="hp" aria-hidden="true">
                <label>{lang.pick("网站（请勿填写）", "Website (leave empty)")}<input name=FieldName::Website.id() tabindex="-1" autocomplete="off" prop:value=move || website.get() on:input=move |ev| website.set(event_target_value(&ev))/></label>
            </div>
            <button type="button" class="button" on:click=submit>{lang.pick("提交", "Send")}</button>
        </form>
    }
}
