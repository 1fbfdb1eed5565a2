//! 服务评价公开: per window, ratings per level and the share of complaints answered on time;
//! per window and month, bookings honoured, complaints and 差评 handled on time, the average
//! rating.

use crate::client::{self, Failed};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use swg_model::api::{of_due, path, Stats, RATING_LABELS};

#[component]
pub fn StatsView() -> impl IntoView {
    let stats = RwSignal::new(None::<Result<Stats, Failed>>);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move { stats.set(Some(client::get::<Stats>(path::STATS).await)) });
    });
    move || match stats.get() {
        None => EitherOf3::A(view! { <p role="status">"正在读取…"</p> }),
        Some(Err(f)) => EitherOf3::B(
            view! { <p class="notice" role="alert">{format!("暂时读不到数据：{}", f.message(swg_model::Lang::Zh))}</p> },
        ),
        Some(Ok(s)) => EitherOf3::C(view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label="服务评价数据表（可左右滑动）">
                <table class="stats">
                    <caption>"每个窗口收到的评价（条）和投诉按时答复情况"</caption>
                    <thead><tr><th scope="col">"窗口"</th>
                        {RATING_LABELS.iter().rev().map(|l| view! { <th scope="col">{*l}</th> }).collect_view()}
                        <th scope="col">"投诉按时答复"</th></tr></thead>
                    <tbody>
                        {s.windows.into_iter().map(|w| {
                            let on_time = w.on_time_label();
                            view! {
                                <tr><th scope="row">{w.window_name}</th>
                                    {w.ratings.iter().rev().map(|n| view! { <td>{*n}</td> }).collect_view()}
                                    <td>{on_time}</td></tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(!s.months.is_empty()).then(|| view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="每月办理情况表（可左右滑动）">
                    <table class="stats">
                        <caption>"每月办理情况（按时数 / 到期数）"</caption>
                        <thead><tr><th scope="col">"月份 · 窗口"</th><th scope="col">"预约按时办理"</th><th scope="col">"预约未到"</th>
                            <th scope="col">"投诉按时答复"</th><th scope="col">"差评按时整改"</th><th scope="col">"平均评价"</th></tr></thead>
                        <tbody>
                            {s.months.into_iter().map(|m| view! {
                                <tr><th scope="row">{format!("{} · {}", m.month, m.window_name)}</th>
                                    <td>{m.honoured}</td><td>{m.no_shows}</td>
                                    <td>{of_due(m.complaints_on_time, m.complaints_due)}</td>
                                    <td>{of_due(m.cases_on_time, m.cases_due)}</td>
                                    <td>{m.rating_label()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="hint"><a class="tap" href=format!("{}{}", swg_model::route::base_path(), path::STATS)>"同样的数据（JSON）"</a></p>
            })}
        }),
    }
}
