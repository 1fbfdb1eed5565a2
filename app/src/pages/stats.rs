//! 服务评价公开: per window, ratings per level and the share of complaints answered on time.

use crate::client::{self, Failed};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use swg_model::api::{path, Stats, RATING_LABELS};

#[component]
pub fn StatsView() -> impl IntoView {
    let stats = RwSignal::new(None::<Result<Stats, Failed>>);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move { stats.set(Some(client::get::<Stats>(path::STATS).await)) });
    });
    move || match stats.get() {
        None => EitherOf3::A(view! { <p role="status">"正在读取…"</p> }),
        Some(Err(f)) => EitherOf3::B(
            view! { <p class="notice" role="alert">{format!("暂时读不到数据：{}", f.message())}</p> },
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
        }),
    }
}
