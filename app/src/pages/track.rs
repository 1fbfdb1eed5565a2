//! 办理进度查询: the status of feedback and the bureau's reply, by tracking number and phone
//! (or, for feedback filed without a phone, the 查询码 on its receipt).

use super::mixed::Mixed;
use super::widgets::{field_error, Field, Problem};
use crate::client::{self, Failed};
use leptos::prelude::*;
use swg_model::api::{
    path, CaseOutcome, FeedbackLookup, FeedbackReceipt, FixRating, RATING_LABELS, RATING_LABELS_EN,
};
use swg_model::form::FieldName;
use swg_model::Lang;

/// What became of a 差评: the deadlines, the outcome once closed, and rating the fix once.
/// `anonymous`: filed without a phone, so nobody calls back; the receipt says the same.
#[component]
fn Outcome(case: CaseOutcome, tracking: String, proof: RwSignal<String>, anonymous: bool) -> impl IntoView {
    let lang = crate::lang();
    let labels = lang.pick(RATING_LABELS, RATING_LABELS_EN);
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
        <h2>{lang.pick("差评整改", "Fixing your low rating")}</h2>
        <dl class="facts">
            <dt>{lang.pick("回访", "Call back")}</dt><dd>{if anonymous {
                lang.pick("没留手机号，不电话回访；整改结果在这里查看", "You left no mobile number, so nobody calls you back; see the fix here").to_owned()
            } else {
                lang.pick(
                    format!("{} 前电话回访{}", case.contact_due.label(), case.contacted_on.map(|d| format!("（{} 已回访）", d.label())).unwrap_or_default()),
                    format!("We call you by {}{}", case.contact_due.label_in(lang), case.contacted_on.map(|d| format!(" (called on {})", d.label_in(lang))).unwrap_or_default()),
                )
            }}</dd>
            <dt>{lang.pick("整改期限", "Fix due by")}</dt><dd>{case.fix_due.label_in(lang)}</dd>
            <dt>{lang.pick("整改结果", "Fix")}</dt><dd><Mixed text=closed.map_or_else(
                || lang.pick("整改中", "Not fixed yet").to_owned(),
                |d| lang.pick(format!("{} 办结：{}", d.label(), case.fix), format!("Closed on {}: {}", d.label_in(lang), case.fix)),
            )/></dd>
        </dl>
        // The rule is written in Chinese only: an English page shows the dates alone.
        {(lang == Lang::Zh).then(|| view! { <p class="hint">{case.rule.clone()}</p> })}
        {move || match (closed, rated.get()) {
            (None, _) => None,
            (Some(_), 0) => Some(leptos::either::Either::Left(view! {
                <fieldset class="question">
                    <legend>{lang.pick("您对整改满意吗？（只能评价一次）", "Are you satisfied with the fix? (You can rate it only once.)")}</legend>
                    {labels.into_iter().enumerate().rev().map(|(i, label)| {
                        let level = u8::try_from(i + 1).unwrap_or(5);
                        view! {
                            <label class="choice">
                                <input type="radio" name="fix-rating" on:change=move |_| choice.set(level)/>
                                <span>{label}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="button" class="button" disabled=move || choice.get() == 0 on:click=rate.clone()>{lang.pick("提交评价", "Send rating")}</button>
                <Problem failed=failed phone=Signal::derive(String::new)/>
            })),
            (Some(_), n) => Some(leptos::either::Either::Right(view! { <p role="status">{format!("{}{}", lang.pick("您已评价整改：", "You rated the fix: "), labels.get(usize::from(n.saturating_sub(1))).copied().unwrap_or(""))}</p> })),
        }}
    }
}

#[component]
pub fn Track() -> impl IntoView {
    let lang = crate::lang();
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
                    found.set(Some(r.in_lang(lang)));
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
            <Field label=lang.pick("受理编号", "Tracking number") name=FieldName::Tracking value=tracking error=err(FieldName::Tracking)
                hint=lang.pick("例如 F20260918-ABC123", "For example F20260918-ABC123")/>
            <Field label=lang.pick("手机号码或查询码", "Mobile number or look-up code") name=FieldName::Phone value=phone error=err(FieldName::Phone)
                hint=lang.pick("提交时留的手机号；没留手机号的，填回执上的 8 位查询码", "The mobile number you gave; if you gave none, the 8-character look-up code on your receipt")/>
            <button type="button" class="button" on:click=find>{lang.pick("查询", "Look up")}</button>
            <Problem failed=failed phone=Signal::derive(String::new)/>
            {move || found.get().map(|r| view! {
                <super::receipt_facts::ReceiptFacts r=r.clone() with_tracking=false live=true/>
                {r.case.clone().map(|c| view! { <Outcome case=c tracking=r.tracking.clone() proof=phone anonymous=r.phone.is_empty()/> })}
            })}
        </form>
    }
}
