//! The server's answers to the plain look-up forms: a booking found (with cancelling, asked
//! first) and feedback's progress, for browsers without JavaScript.

use super::mixed::Mixed;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use swg_model::api::{path, Booking, BookingStatus, FeedbackReceipt};
use swg_model::form::FieldName;
use swg_model::route::base_path;
use swg_model::{Lang, Route};

/// Where a plain booking look-up stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookupStep {
    /// The booking as found, with a button to cancel it.
    Shown,
    /// Cancelling asked for: the question before anything is done.
    Ask,
    Cancelled,
}

impl LookupStep {
    pub fn heading(self, lang: Lang) -> &'static str {
        match self {
            LookupStep::Shown => lang.pick("您的预约", "Your booking"),
            LookupStep::Ask => lang.pick("确定取消这个预约吗？", "Cancel this booking?"),
            LookupStep::Cancelled => lang.pick("预约已取消", "Booking cancelled"),
        }
    }
}

/// A form back to the look-up in `lang` with the same code and phone, and `cancel` set as given.
fn lookup_form(
    code: String,
    phone: String,
    cancel: &'static str,
    label: &'static str,
    primary: bool,
    lang: Lang,
) -> impl IntoView {
    view! {
        <form class="inline-form" method="post" action=format!("{}{}", base_path(), path::FORM_LOOKUP)>
            <input type="hidden" name=FieldName::Lang.id() value=lang.id()/>
            <input type="hidden" name=FieldName::Code.id() value=code/>
            <input type="hidden" name=FieldName::Phone.id() value=phone/>
            <input type="hidden" name="cancel" value=cancel/>
            <button type="submit" class=if primary { "button" } else { "button secondary" }>{label}</button>
        </form>
    }
}

#[component]
pub fn Found(heading: String, booking: Booking, phone: String, step: LookupStep) -> impl IntoView {
    let lang = crate::lang();
    let b = booking;
    let when = format!("{} {}–{}", b.day.label_in(lang), b.slot, b.slot_end);
    let active = b.status == BookingStatus::Booked;
    let actions = match (step, active) {
        (LookupStep::Ask, true) => Some(EitherOf3::A(view! {
            <p class="notice" role="alert">{lang.pick(format!("取消后，{when} 的名额会让给其他人。"), format!("Once cancelled, your place at {when} will go to someone else."))}</p>
            <div class="actions">
                {lookup_form(b.code.clone(), phone.clone(), "yes", lang.pick("确定取消", "Yes, cancel"), true, lang)}
                {lookup_form(b.code.clone(), phone.clone(), "", lang.pick("不取消，返回", "No, keep it"), false, lang)}
            </div>
        })),
        (_, true) => Some(EitherOf3::B(view! {
            <div class="actions">{lookup_form(b.code.clone(), phone.clone(), "ask", lang.pick("取消预约", "Cancel booking"), false, lang)}</div>
            <p class="hint">{lang.pick(
                format!("改约请用开启 JavaScript 的浏览器打开“预约查询”，或拨打窗口电话 {}。", b.window_phone),
                format!("To change the time, open “Find, change or cancel a booking” in a browser with JavaScript turned on, or call the window on {}.", b.window_phone),
            )}</p>
        })),
        (LookupStep::Cancelled, false) => Some(EitherOf3::C(
            view! { <p class="notice" role="status">{lang.pick("已取消，这个时段已经让给其他人。", "Cancelled. This time is now free for others to book.")}</p> },
        )),
        _ => None,
    };
    view! {
        <h1>{heading}</h1>
        <dl class="facts">
            <dt>{lang.pick("状态", "Status")}</dt><dd>{b.status.label_in(lang)}</dd>
            <dt>{lang.pick("预约码", "Booking code")}</dt><dd>{b.code.clone()}</dd>
            <dt>{lang.pick("事项", "Service")}</dt><dd><Mixed text=b.service_title.clone()/></dd>
            <dt>{lang.pick("时间", "Time")}</dt><dd>{when.clone()}</dd>
            <dt>{lang.pick("地点", "Place")}</dt><dd><Mixed text=format!("{} · {}", b.window_name, b.address)/></dd>
            <dt>{lang.pick("预约人", "Booked by")}</dt><dd><Mixed text=format!("{} · {}", b.name, b.phone)/></dd>
        </dl>
        {actions}
        <p><a href=Route::Manage.in_lang(lang).href()>{lang.pick("查询另一个预约", "Look up another booking")}</a></p>
    }
}

#[component]
pub fn Tracked(heading: String, receipt: FeedbackReceipt) -> impl IntoView {
    let lang = crate::lang();
    let r = receipt;
    let anonymous = r.phone.is_empty();
    let case = r.case.clone().map(|c| {
        let call = if anonymous {
            lang.pick(
                "没留手机号，不电话回访；整改结果在这里查看",
                "You left no mobile number, so nobody calls you back; see the fix here",
            )
            .to_owned()
        } else {
            lang.pick(
                format!(
                    "{} 前电话回访{}",
                    c.contact_due.label(),
                    c.contacted_on.map(|d| format!("（{} 已回访）", d.label())).unwrap_or_default()
                ),
                format!(
                    "We call you by {}{}",
                    c.contact_due.label_in(lang),
                    c.contacted_on.map(|d| format!(" (called on {})", d.label_in(lang))).unwrap_or_default()
                ),
            )
        };
        let result = c.closed_on.map_or_else(
            || lang.pick("整改中", "Not fixed yet").to_owned(),
            |d| {
                lang.pick(
                    format!("{} 办结：{}", d.label(), c.fix),
                    format!("Closed on {}: {}", d.label_in(lang), c.fix),
                )
            },
        );
        view! {
            <h2>{lang.pick("差评整改", "Fixing a low rating")}</h2>
            <dl class="facts">
                <dt>{lang.pick("回访", "Call-back")}</dt><dd>{call}</dd>
                <dt>{lang.pick("整改期限", "Fix due by")}</dt><dd>{c.fix_due.label_in(lang)}</dd>
                <dt>{lang.pick("整改结果", "Outcome of the fix")}</dt><dd><Mixed text=result/></dd>
            </dl>
        }
    });
    view! {
        <h1>{heading}</h1>
        <super::receipt_facts::ReceiptFacts r=r.clone() with_tracking=true live=false/>
        {case}
        <p><a href=Route::Track.in_lang(lang).href()>{lang.pick("查询另一个编号", "Look up another tracking number")}</a></p>
    }
}
