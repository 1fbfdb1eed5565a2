//! Where and when: a window's address, hours, duty arrangements and phones.

use leptos::prelude::*;
use swg_model::tel_href;
use swg_model::WindowLocal;

#[component]
pub fn WhereWhen(local: WindowLocal) -> impl IntoView {
    view! {
        <dl class="facts">
            <dt>"地址"</dt>
            <dd>{local.address}</dd>
            <dt>"办公时间"</dt>
            <dd>
                <ul class="plain">
                    {local.hours.into_iter().map(|h| view! {
                        <li>{format!("{} {}–{}", h.days_label(), h.open, h.close)}</li>
                    }).collect_view()}
                </ul>
            </dd>
            {local.lunch.map(|t| view! { <dt>"午间"</dt><dd>{t}</dd> })}
            {local.extended.map(|t| view! { <dt>"延时服务"</dt><dd>{t}</dd> })}
            {local.holiday.map(|t| view! { <dt>"节假日"</dt><dd>{t}</dd> })}
            {local.booking.map(|b| {
                let pause = b.break_time.map(|(from, to)| format!("；{from}–{to} 不接受网上预约，可到窗口现场办理")).unwrap_or_default();
                view! { <dt>"网上预约"</dt><dd>{format!("以上办公时间内每 {} 分钟一个时段，可约 {} 天内{pause}", b.slot_minutes, b.days_ahead)}</dd> }
            })}
            <dt>"咨询电话"</dt>
            <dd><a href=tel_href(&local.phone)>{local.phone.clone()}</a></dd>
            <dt>"监督投诉"</dt>
            <dd><a href=tel_href(&local.complaint_phone)>{local.complaint_phone.clone()}</a></dd>
        </dl>
    }
}
