//! 意见箱: complaint, suggestion, praise or enquiry, with a satisfaction rating; the receipt
//! gives a tracking number and, where a reply is owed, the date it is due.

use super::widgets::{field_error, focus, query_param, Field, Problem};
use crate::client::{self, Failed, Pending};
use leptos::prelude::*;
use swg_model::api::{path, FeedbackKind, FeedbackReceipt, FeedbackRequest, RATING_LABELS};
use swg_model::form::FieldName;
use swg_model::{FormWindow, Route};

const OUTBOX: &str = "feedback";

#[component]
pub fn FeedbackForm(windows: Vec<FormWindow>) -> impl IntoView {
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
                    receipt.set(Some(r));
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
                <h2>{format!("已收到您的{}", r.kind.label())}</h2>
                <p class="lead">"受理编号："<strong class="code">{r.tracking.clone()}</strong></p>
                {r.secret.clone().map(|s| view! { <p class="lead">"查询码："<strong class="code">{s}</strong><br/><small>"没留手机号，查询进度要用受理编号和查询码，请记下或截图。"</small></p> })}
                {r.due_on.map(|d| view! { <p>{format!("我们将在 {} 前答复您。", d.label())}</p> })}
                {r.case.clone().map(|c| view! {
                    <p>{if r.phone.is_empty() {
                        format!("这是差评：我们会在 {} 前核实、整改。没留手机号，无法回访，可凭受理编号和查询码查看整改结果。", c.fix_due.label())
                    } else {
                        format!("这是差评：我们会在 {} 前电话回访，{} 前整改，结果可凭受理编号查询。", c.contact_due.label(), c.fix_due.label())
                    }}</p>
                })}
                {r.rule.clone().map(|rule| view! { <p class="hint">{rule}</p> })}
                <p><a href=Route::Track.href()>{if r.secret.is_some() { "凭受理编号和查询码查询办理进度" } else { "凭受理编号和手机号查询办理进度" }}</a></p>
            </div>
        })}
        <form class="flow" on:submit=|ev| ev.prevent_default() style:display=move || if receipt.get().is_some() { "none" } else { "block" }>
            <Problem failed=failed phone=Signal::derive(move || current().map(|w| w.phone).unwrap_or_default())/>
            {move || queued.get().then(|| view! { <p class="notice" role="status">"网络不通，已保存在本机，联网后会自动重新提交（不会重复）。"</p> })}
            <fieldset class="question">
                <legend>"您要"</legend>
                {FeedbackKind::ALL.into_iter().map(|k| view! {
                    <label class="choice">
                        <input type="radio" name=FieldName::Kind.id() prop:checked=move || kind.get() == k.id() on:change=move |_| kind.set(k.id().to_owned())/>
                        <span>{k.label()}</span>
                    </label>
                }).collect_view()}
                <p class="field-error" role="alert">{move || err(FieldName::Kind).get()}</p>
            </fieldset>
            <div class="field">
                <label for="f-window">"哪个窗口"</label>
                <select id="f-window" name=FieldName::Window.id() prop:value=move || window_id.get() on:change=move |ev| { window_id.set(event_target_value(&ev)); service.set(String::new()); }>
                    <option value="">"请选择"</option>
                    {windows.with_value(|ws| ws.iter().map(|w| view! { <option value=w.id.clone()>{w.name.clone()}</option> }).collect_view())}
                </select>
                <p class="field-error" role="alert">{move || err(FieldName::Window).get()}</p>
            </div>
            <div class="field">
                <label for="f-service">"办的什么事（可不选）"</label>
                <select id="f-service" name=FieldName::Service.id() prop:value=move || service.get() on:change=move |ev| service.set(event_target_value(&ev))>
                    <option value="">"不选"</option>
                    {move || current().map(|w| w.services.into_iter().map(|s| view! { <option value=s.id.clone()>{s.title}</option> }).collect_view())}
                </select>
            </div>
            <Field label="哪天去办的（可不填）" name=FieldName::VisitDate value=visit_date error=err(FieldName::VisitDate) kind="date"/>
            <fieldset class="question">
                <legend>"您对这次办事满意吗？"</legend>
                {(1..=5u8).rev().map(|level| view! {
                    <label class="choice">
                        <input type="radio" name=FieldName::Rating.id() prop:checked=move || rating.get() == level on:change=move |_| rating.set(level)/>
                        <span>{RATING_LABELS[usize::from(level - 1)]}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            {move || (1..=2).contains(&rating.get()).then(|| view! {
                <Field label="哪里做得不好？" name=FieldName::WhatWentWrong value=what_went_wrong error=err(FieldName::WhatWentWrong)
                    hint="差评会在规定期限内回访、核实、整改；留手机号才能回访"/>
            })}
            <div class="field">
                <label for="f-text">{move || if kind.get() == FeedbackKind::Rating.id() || (1..=2).contains(&rating.get()) { "还想说的（可不填）" } else { "具体内容" }}</label>
                <textarea id="f-text" name=FieldName::Text.id() rows="5" aria-describedby="e-text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <p class="field-error" id="e-text" role="alert">{move || err(FieldName::Text).get()}</p>
            </div>
            <Field label="民警警号（知道的话）" name=FieldName::Officer value=officer error=err(FieldName::Officer)/>
            <Field label="手机号码" name=FieldName::Phone value=phone error=err(FieldName::Phone) kind="tel" hint="投诉和咨询必填，以便答复；建议和表扬可以匿名"/>
            {move || needs_reply().then(|| view! {
                <label class="choice">
                    <input type="checkbox" id="f-consent" name=FieldName::Consent.id() prop:checked=move || consent.get() on:change=move |_| consent.update(|c| *c = !*c)/>
                    <span>"同意工作人员通过这个手机号与我联系"</span>
                </label>
                <p class="field-error" role="alert">{move || err(FieldName::Consent).get()}</p>
            })}
            <div class="hp" aria-hidden="true">
                <label>"网站（请勿填写）"<input name=FieldName::Website.id() tabindex="-1" autocomplete="off" prop:value=move || website.get() on:input=move |ev| website.set(event_target_value(&ev))/></label>
            </div>
            <button type="button" class="button" on:click=submit>"提交"</button>
        </form>
    }
}
