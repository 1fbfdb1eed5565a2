//! A window's day list: each booking by slot, green channel and home visits first; mark arrived,
//! done or no-show; show a full ID number (audited). Prints as the counter's list.

use super::Csrf;
use leptos::prelude::*;
use swg_model::api::{BookingStatus, Need};
use swg_model::staff::{day_href, href, path, DayList, DayRow, Me};

#[component]
pub(super) fn Day(me: Me, list: DayList, notice: Option<String>) -> impl IntoView {
    let heading = format!("{} · {}", list.window_name, list.day.label());
    let window = list.window.clone();
    view! {
        <h2>{heading}</h2>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <p class="console-days">
            {list.days.into_iter().map(|d| {
                let current = (d == list.day).then_some("page");
                view! { <a href=day_href(&window, d) aria-current=current>{d.label()}</a>" " }
            }).collect_view()}
        </p>
        {(!list.markable).then(|| view! { <p class="hint">"这一天还没到：到场、办理、未到要在预约当天标记。"</p> })}
        {if list.rows.is_empty() {
            leptos::either::Either::Left(view! { <p>"这一天没有预约。"</p> })
        } else {
            leptos::either::Either::Right(view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="预约名单">
                    <table class="console-table">
                        <thead><tr><th scope="col">"时段"</th><th scope="col">"预约人"</th><th scope="col">"事项"</th><th scope="col">"状态"</th><th scope="col">"办理"</th></tr></thead>
                        <tbody>{list.rows.into_iter().map(|row| view! { <Row me=me.clone() row window=list.window.clone() day=list.day.to_string() markable=list.markable/> }).collect_view()}</tbody>
                    </table>
                </div>
            })
        }}
    }
}

#[component]
fn Row(me: Me, row: DayRow, window: String, day: String, markable: bool) -> impl IntoView {
    let priority = match (row.need, row.home_visit) {
        (Need::None, false) => None,
        (need, home) => Some(format!(
            "{}{}",
            if need == Need::None { "" } else { need.label() },
            if home { " · 上门服务" } else { "" }
        )),
    };
    let mark = |status: BookingStatus, me: Me, code: String, window: String, day: String| {
        view! {
            <form method="post" action=href(path::MARK) class="inline">
                <Csrf me/>
                <input type="hidden" name="code" value=code/>
                <input type="hidden" name="window" value=window/>
                <input type="hidden" name="day" value=day/>
                <input type="hidden" name="status" value=status.id()/>
                <button type="submit" class="button small">{status.label()}</button>
            </form>
        }
    };
    view! {
        <tr>
            <td>{row.slot.clone()}</td>
            <td>
                {row.name.clone()}<br/><small>{row.phone.clone()}" · "{row.id_number.clone()}</small>
                {priority.map(|p| view! { <br/><strong class="priority">{p}</strong> })}
            </td>
            <td>{row.service_title.clone()}<br/><small class="code">{row.code.clone()}</small></td>
            <td><span class="print-only">"状态："</span>{row.status.label()}</td>
            <td class="console-actions">
                {markable.then(|| view! {
                    {mark(BookingStatus::Arrived, me.clone(), row.code.clone(), window.clone(), day.clone())}
                    {mark(BookingStatus::Done, me.clone(), row.code.clone(), window.clone(), day.clone())}
                    {mark(BookingStatus::NoShow, me.clone(), row.code.clone(), window.clone(), day.clone())}
                })}
                <form method="post" action=href(path::REVEAL) class="inline">
                    <Csrf me/>
                    <input type="hidden" name="code" value=row.code/>
                    <button type="submit" class="button small secondary">"核验证件、显示电话（会记录）"</button>
                </form>
            </td>
        </tr>
    }
}
