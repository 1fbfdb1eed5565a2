//! The parts that depend on the moment a page is read: a guide's expected date ("今天受理，预计
//! …前办结", with a date picker) and whether windows are open now. The pre-rendered page makes
//! no claim about either (it cannot know when it is read); the browser fills them in and keeps
//! them current.

use crate::storage;
use leptos::prelude::*;
use swg_model::calendar::Date;
use swg_model::clock::{due_label, open_state, WindowHours};
use swg_model::{ClockData, ClockKind, Lang, Route};

#[component]
pub fn Clock(data: ClockData) -> impl IntoView {
    let now = RwSignal::new(None::<(Date, u16)>);
    Effect::new(move |_| {
        now.set(storage::now());
        // Kept with the island: the minute moves on while the page is open.
        let tick =
            set_interval_with_handle(move || now.set(storage::now()), std::time::Duration::from_secs(60));
        if let Ok(tick) = tick {
            on_cleanup(move || tick.clear());
        }
    });
    let calendar = StoredValue::new(data.calendar);
    let lang = crate::lang();
    match data.show {
        ClockKind::Due(limit) => {
            let applied = RwSignal::new(None::<Date>);
            let label = move || {
                now.get().map(|(today, _)| {
                    calendar.with_value(|c| due_label(&limit, c, applied.get().unwrap_or(today), today, lang))
                })
            };
            leptos::either::Either::Left(view! {
                <div class="due no-print">
                    <p role="status">{move || label().unwrap_or_else(|| lang.pick("办结日期按上面的办理时限计算。", "The date it is done by follows the time limit above.").to_owned())}</p>
                    <label class="js-only">{lang.pick("换一天受理：", "Apply on another day: ")}
                        <input type="date" min=move || now.get().map(|(today, _)| today.to_string())
                            on:input=move |ev| applied.set(Date::parse(&event_target_value(&ev)).filter(|d| now.get_untracked().is_none_or(|(today, _)| *d >= today)))/>
                    </label>
                </div>
            })
        }
        ClockKind::Open(windows) => leptos::either::Either::Right(open_now(windows, calendar, now, lang)),
    }
}

fn open_now(
    windows: Vec<WindowHours>,
    calendar: StoredValue<swg_model::calendar::Calendar>,
    now: RwSignal<Option<(Date, u16)>>,
    lang: Lang,
) -> impl IntoView {
    let state = move |w: &WindowHours| {
        now.get().map(|(day, minute)| calendar.with_value(|c| open_state(w, c, day, minute)).label(day, lang))
    };
    if let [window] = windows.as_slice() {
        let window = window.clone();
        leptos::either::Either::Left(view! {
            <p class="open-now" role="status">
                {move || state(&window).unwrap_or_else(|| lang.pick("现在是否办公：请看下面的办公时间。", "Open now? See the opening hours below.").to_owned())}
            </p>
        })
    } else {
        leptos::either::Either::Right(view! {
            <section class="open-now-list js-only" aria-labelledby="open-now">
                <h2 id="open-now">{lang.pick("现在各窗口", "Open now?")}</h2>
                <ul class="plain">
                    {windows.into_iter().map(|w| {
                        let href = Route::Window(w.id.clone()).in_lang(lang).href();
                        let name = w.name.clone();
                        view! { <li><a href=href>{name}</a>{lang.pick("：", ": ")}{move || state(&w).unwrap_or_else(|| lang.pick("请看窗口页的办公时间", "see the window's opening hours").to_owned())}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
