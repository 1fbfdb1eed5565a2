//! 办理进度查询: the status of feedback and the bureau's reply, by tracking number and phone
//! (or, for feedback filed without a phone, the 查询码 on its receipt).

use super::widgets::{field_error, Field, Problem};
use crate::client::{self, Failed};
use leptos::prelude::*;
use swg_model::api::{path, CaseOutcome, FeedbackLookup, FeedbackReceipt, FixRating, RATING_LABELS};
use swg_model::form::FieldName;

/// What became of a 差评: the deadlines, the outcome once closed, and rating the fix once.
/// `anonymous`: filed without a phone, so nobody calls back; the receipt says the same.
#[component]
fn Outcome(case: CaseOutcome, tracking: String, proof: RwSignal<String>, anonymous: bool) -> impl IntoView {
    let rated = RwSignal::new(case.fix_rating);
    let choice = RwSignal::new(0u8);
    let failed = RwSignal::new(None::<Failed>);
    let closed = case.closed_on;
    let rate = move |_| {
        let body = FixRating {
            tracking: tracking.clone(),
            phone: proof.get_untracked(),
            rating: choice.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match client::post::<_, FeedbackReceipt>(path::FIX_RATING, &body).await {
                Ok(r) => {
                    failed.set(None);
                    rated.set(r.case.map_or(0, |c| c.fix_rating));
                }
                Err(f) => failed.set(Some(f)),
            }
        });
    };
    view! {
        <h2>"差评整改"</h2>
        <dl class="facts">
            <dt>"回访"</dt><dd>{if anonymous {
                "没留手机号，不电话回访；整改结果在这里查看".to_owned()
            } else {
                format!("{} 前电话回访{}", case.contact_due.label(), case.contacted_on.map(|d| format!("（{} 已回访）", d.label())).unwrap_or_default())
            }}</dd>
            <dt>"整改期限"</dt><dd>{case.fix_due.label()}</dd>
            <dt>"整改结果"</dt><dd>{closed.map_or_else(|| "整改中".to_owned(), |d| format!("{} 办结：{}", d.label(), case.fix))}</dd>
        </dl>
        <p class="hint">{case.rule.clone()}</p>
        {move || match (closed, rated.get()) {
            (None, _) => None,
            (Some(_), 0) => Some(leptos::either::Either::Left(view! {
                <fieldset class="question">
                    <legend>"您对整改满意吗？（只能评价一次）"</legend>
                    {RATING_LABELS.iter().enumerate().rev().map(|(i, label)| {
                        let level = u8::try_from(i + 1).unwrap_or(5);
                        view! {
                            <label class="choice">
                                <input type="radio" name="fix-rating" on:change=move |_| choice.set(level)/>
                                <span>{*label}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="button" class="button" disabled=move || choice.get() == 0 on:click=rate.clone()>"提交评价"</button>
                <Problem failed=failed phone=Signal::derive(String::new)/>
            })),
            (Some(_), n) => Some(leptos::either::Either::Right(view! { <p role="status">{format!("您已评价整改：{}", RATING_LABELS.get(usize::from(n.saturating_sub(1))).copied().unwrap_or(""))}</p> })),
        }}
    }
}

#[component]
pub fn Track() -> impl IntoView {
    let (tracking, phone) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let found = RwSignal::new(None::<FeedbackReceipt>);
    let failed = RwSignal::new(None::<Failed>);
    let local = RwSignal::new(Vec::<(FieldName, String)>::new());
    let find = move |_| {
        let body = FeedbackLookup { tracking: tracking.get_untracked(), phone: phone.get_untracked() };
        leptos::task::spawn_local(async move {
            match client::post::<_, FeedbackReceipt>(path::FEEDBACK_LOOKUP, &body).await {
                Ok(r) => {
                    failed.set(None);
                    found.set(Some(r));
                }
                Err(f) => {
                    found.set(None);
                    failed.set(Some(f));
                }
            }
        });
    };
    let err = move |f: FieldName| field_error(local, failed, f);
    view! {
        <form class="flow" on:submit=|ev| ev.prevent_default()>
            <Field label="受理编号" name=FieldName::Tracking value=tracking error=err(FieldName::Tracking) hint="例如 F20260918-ABC123"/>
            <Field label="手机号码或查询码" name=FieldName::Phone value=phone error=err(FieldName::Phone) hint="提交时留的手机号；没留手机号的，填回执上的 8 位查询码"/>
            <button type="button" class="button" on:click=find>"查询"</button>
            <Problem failed=failed phone=Signal::derive(String::new)/>
            {move || found.get().map(|r| view! {
                <dl class="facts" role="status">
                    <dt>"类型"</dt><dd>{r.kind.label()}</dd>
                    <dt>"窗口"</dt><dd>{r.window_name.clone()}</dd>
                    <dt>"状态"</dt><dd><strong>{r.status.label()}</strong></dd>
                    <dt>"受理日期"</dt><dd>{r.filed_on.label()}</dd>
                    {r.due_on.map(|d| view! { <dt>"答复期限"</dt><dd>{d.label()}</dd> })}
                    <dt>"答复"</dt><dd>{r.reply.clone().unwrap_or_else(|| "尚未答复".to_owned())}</dd>
                    {r.answered_on.map(|d| view! { <dt>"答复日期"</dt><dd>{d.label()}</dd> })}
                </dl>
                {r.case.clone().map(|c| view! { <Outcome case=c tracking=r.tracking.clone() proof=phone anonymous=r.phone.is_empty()/> })}
            })}
        </form>
    }
}
