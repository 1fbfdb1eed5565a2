//! The interactive 一次性告知 checklist: situation questions, ticks, progress, share and print.

use crate::storage;
use leptos::either::Either;
use leptos::prelude::*;
use std::collections::BTreeSet;
use swg_model::checklist::{applicable, effective_answers, Answers, ChecklistState};
use swg_model::{ChecklistData, Material, Route};

/// `typed`: what the citizen ticked or answered in the pre-rendered page before the island
/// mounted; it is kept on top of the saved or shared list.
#[component]
pub fn Checklist(data: ChecklistData, #[prop(optional)] typed: ChecklistState) -> impl IntoView {
    let guide = data;
    let id = guide.guide_id.clone();
    let defaults = effective_answers(&guide.questions, &Answers::new());
    let answers = RwSignal::new(defaults.clone());
    let ticked = RwSignal::new(BTreeSet::<String>::new());
    let shared = RwSignal::new(None::<ChecklistState>);
    let share_url = RwSignal::new(None::<String>);
    let printed_on = RwSignal::new(String::new());
    let guide = StoredValue::new(guide);

    let list = Memo::new(move |_| {
        let answers = answers.get();
        guide.with_value(|g| applicable(g, &answers).into_iter().cloned().collect::<Vec<Material>>())
    });
    let have = move || ticked.with(|t| list.with(|l| l.iter().filter(|m| t.contains(&m.id)).count()));
    let state = move || ChecklistState { answers: answers.get_untracked(), ticked: ticked.get_untracked() };
    let apply = move |s: &ChecklistState| {
        let s = guide.with_value(|g| s.normalised(g));
        answers.set(s.answers);
        ticked.set(s.ticked);
    };
    let key = storage::checklist_key(&id);
    let save = {
        let key = key.clone();
        move || {
            storage::save(&key, &state());
            share_url.set(None);
        }
    };

    // On the device: restore the saved checklist, or take a shared one (asking before replacing).
    Effect::new({
        let key = key.clone();
        move |_| {
            printed_on.set(storage::today());
            let saved: Option<ChecklistState> = storage::load(&key);
            match (storage::query_state(), saved) {
                (Some(incoming), Some(mine)) if incoming != mine => {
                    apply(&mine);
                    shared.set(Some(incoming));
                }
                (Some(incoming), _) => {
                    apply(&incoming);
                    storage::save(&key, &state());
                }
                (None, Some(mine)) => apply(&mine),
                (None, None) => {}
            }
            if typed != ChecklistState::default() {
                let mut merged = state();
                merged.answers.extend(typed.answers.clone());
                merged.ticked.extend(typed.ticked.iter().cloned());
                apply(&merged);
                storage::save(&key, &state());
            }
        }
    });

    let questions = guide.with_value(|g| g.questions.clone());
    let save_q = save.clone();
    let save_t = save.clone();
    let save_s = save.clone();
    let reset = {
        let key = key.clone();
        let defaults = defaults.clone();
        move |_| {
            storage::remove(&key);
            answers.set(defaults.clone());
            ticked.set(BTreeSet::new());
            share_url.set(None);
        }
    };
    let (title, window_name, address, hours) =
        guide.with_value(|g| (g.title.clone(), g.window_name.clone(), g.address.clone(), g.hours.clone()));

    view! {
        <section class="checklist" aria-labelledby="materials">
            <div class="print-only slip-head">
                <p class="slip-title">"一次性告知单"</p>
                <p>{format!("事项：{title}")}</p>
                <p>{format!("窗口：{window_name}　地址：{address}")}</p>
                <p>{format!("办公时间：{hours}")}</p>
                <p>{move || format!("打印日期：{}", if printed_on.get().is_empty() { "______".to_owned() } else { printed_on.get() })}</p>
            </div>
            <h2 id="materials">"需要带的材料"</h2>
            {move || shared.get().map(|incoming| {
                let save = save_s.clone();
                let take = incoming.clone();
                let differences = guide.with_value(|g| differences(g, &incoming.normalised(g), &state()));
                view! {
                    <div class="notice" role="alert">
                        <p>"这个链接带有别人分享的材料清单，和您手机上保存的不一样："</p>
                        <p>{differences.join("；")}</p>
                        <button type="button" class="button" on:click=move |_| { apply(&take); save(); shared.set(None); }>"使用分享的清单"</button>
                        " "
                        <button type="button" class="button secondary" on:click=move |_| shared.set(None)>"保留我的清单"</button>
                    </div>
                }
            })}
            {(!questions.is_empty()).then(|| view! {
                <div class="questions js-only">
                    <p class="hint no-print">"先回答下面的问题，清单会按您的情况调整："</p>
                    {questions.into_iter().map(|q| {
                        let save = save_q.clone();
                        let qid = q.id.clone();
                        let answer_text = {
                            let q = q.clone();
                            move || {
                                let chosen = answers.with(|a| a.get(&q.id).cloned()).unwrap_or_default();
                                q.options.iter().find(|o| o.id == chosen).map(|o| o.label.clone()).unwrap_or_default()
                            }
                        };
                        view! {
                            <fieldset class="question">
                                <legend>{q.text.clone()}</legend>
                                {q.options.into_iter().map(|o| {
                                    let (qid, oid, save) = (qid.clone(), o.id.clone(), save.clone());
                                    let is_default = o.id == q.default;
                                    let (qid2, oid2) = (qid.clone(), oid.clone());
                                    view! {
                                        <label class="choice">
                                            <input type="radio" name=format!("q-{qid}") value=oid.clone() checked=is_default
                                                prop:checked=move || answers.with(|a| a.get(&qid2) == Some(&oid2))
                                                on:change=move |_| { answers.update(|a| { a.insert(qid.clone(), oid.clone()); }); save(); }/>
                                            <span>{o.label}</span>
                                        </label>
                                    }
                                }).collect_view()}
                                <p class="print-only">{move || format!("答：{}", answer_text())}</p>
                            </fieldset>
                        }
                    }).collect_view()}
                </div>
            })}
            <p class="progress js-only" role="status" aria-live="polite">
                {move || format!("已备 {}/{}", have(), list.with(Vec::len))}
            </p>
            <ol class="materials">
                {move || list.get().into_iter().map(|m| {
                    let save = save_t.clone();
                    let (mid, mid2) = (m.id.clone(), m.id.clone());
                    view! {
                        <li class="material">
                            <label>
                                <input type="checkbox" name="have" value=m.id.clone()
                                    prop:checked=move || ticked.with(|t| t.contains(&mid))
                                    on:change=move |_| {
                                        ticked.update(|t| if !t.remove(&mid2) { t.insert(mid2.clone()); });
                                        save();
                                    }/>
                                <span class="name">{m.name.clone()}</span>
                            </label>
                            <p class="meta">{format!("{} · {} 份", m.form.label(), m.copies)}{m.format.clone().map(|f| format!(" · {f}"))}</p>
                            <p class="how">{format!("由{}出具。{}", m.issuer, m.obtain)}</p>
                            {m.when.clone().map(|w| view! { <p class="when">{w}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {guide.with_value(situational)}
            <div class="missing no-print js-only" aria-live="polite">
                {move || {
                    let missing: Vec<String> = ticked.with(|t| list.with(|l| l.iter().filter(|m| !t.contains(&m.id)).map(|m| m.name.clone()).collect()));
                    if missing.is_empty() {
                        Either::Left(view! { <p class="done">"材料已备齐，可以出发了。"</p> })
                    } else {
                        Either::Right(view! { <p>{format!("还缺 {} 项：{}", missing.len(), missing.join("、"))}</p> })
                    }
                }}
            </div>
            <div class="actions no-print js-only">
                <button type="button" class="button" on:click=move |_| storage::print()>"打印一次性告知单"</button>
                <button type="button" class="button secondary" on:click=move |_| {
                    let url = storage::share_link(&Route::Service(guide.with_value(|g| g.guide_id.clone())), &state());
                    storage::copy(&url);
                    share_url.set(Some(url));
                }>"分享清单"</button>
                <button type="button" class="button secondary" on:click=reset>"重新开始"</button>
            </div>
            {move || share_url.get().map(|url| view! {
                <p class="share no-print" role="status">"链接已生成（可复制发给家人）："<a href=url.clone()>{url.clone()}</a></p>
            })}
        </section>
    }
}

/// What a shared list says differently from the citizen's own, in words: the questions
/// answered differently, and how many materials each has ticked.
fn differences(guide: &ChecklistData, shared: &ChecklistState, mine: &ChecklistState) -> Vec<String> {
    let mut out: Vec<String> = guide
        .questions
        .iter()
        .filter(|q| shared.answers.get(&q.id) != mine.answers.get(&q.id))
        .map(|q| format!("「{}」的回答不同", q.text))
        .collect();
    if shared.ticked != mine.ticked {
        out.push(format!("分享的清单勾了 {} 项，您的勾了 {} 项", shared.ticked.len(), mine.ticked.len()));
    }
    out
}

/// Without JavaScript the questions cannot change the list: under it, the materials that other
/// situations need, each with the situation in words.
#[cfg(not(target_arch = "wasm32"))]
fn situational(guide: &ChecklistData) -> impl IntoView {
    let listed = applicable(guide, &Answers::new());
    let others: Vec<(String, String)> = guide
        .materials
        .iter()
        .filter(|m| !listed.iter().any(|l| l.id == m.id))
        .filter_map(|m| Some((m.name.clone(), m.situation(&guide.questions)?)))
        .collect();
    (!others.is_empty()).then(|| {
        view! {
            <noscript>
                <div class="situational">
                    <h3>"视您的情况，还可能需要"</h3>
                    <ul>
                        {others.into_iter().map(|(name, when)| view! { <li><strong>{name}</strong>{format!("：{when}")}</li> }).collect_view()}
                    </ul>
                </div>
            </noscript>
        }
    })
}

/// In the browser the questions change the list itself.
#[cfg(target_arch = "wasm32")]
fn situational(_: &ChecklistData) {}
