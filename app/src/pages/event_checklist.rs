//! A life event's plan and merged checklist: the visits in order, the situation questions asked
//! once, each material once with every step that needs it; ticks are kept in each guide's own
//! checklist, so a tick here shows on every guide's page and back.

use super::checklist::{MissingLine, QuestionField, SlipFoot};
use super::deferral::Deferral;
use super::mixed::Mixed;
use crate::storage;
use leptos::either::Either;
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use swg_model::checklist::{Answers, ChecklistState, SavedChecklist};
use swg_model::event::{EventPlan, EventQuestion, Item, Merged, Ticks};
use swg_model::Missing;
use swg_model::{unsure_mark, ChecklistData, Lang, Route};

/// Where the event's own answers are kept (the guides' answers and ticks are in theirs).
fn event_key(id: &str) -> String {
    format!("swg.event.{id}")
}

/// Circled step numbers as the list and the slip show them.
fn step_mark(n: usize) -> String {
    const MARKS: [char; 10] = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩'];
    MARKS.get(n.wrapping_sub(1)).map_or_else(|| format!("({n})"), char::to_string)
}

/// `typed`: what the citizen ticked or answered in the pre-rendered page before it mounted.
#[component]
pub fn EventChecklist(plan: EventPlan, #[prop(optional)] typed: ChecklistState) -> impl IntoView {
    let lang = crate::lang();
    let questions = plan.questions();
    let defaults = plan.answers(&questions, &Answers::new());
    let answers = RwSignal::new(defaults.clone());
    let ticks = RwSignal::new(Ticks::new());
    let incoming = RwSignal::new(None::<ChecklistState>);
    let share_url = RwSignal::new(None::<String>);
    let printed_on = RwSignal::new(String::new());
    let mounted = RwSignal::new(false);
    let plan = StoredValue::new(plan);
    let questions = StoredValue::new(questions);

    let merged = Memo::new(move |_| {
        let answers = answers.get();
        plan.with_value(|p| questions.with_value(|q| p.merged(q, &answers)))
    });
    let needed = Memo::new(move |_| {
        let answers = answers.get();
        plan.with_value(|p| {
            p.steps().filter(|(_, _, s)| s.applies(&answers)).map(|(n, _, _)| n).collect::<BTreeSet<usize>>()
        })
    });
    let shown_questions = Memo::new(move |_| {
        plan.with_value(|p| questions.with_value(|q| p.shown_questions(q, &answers.get())))
    });
    let missing = move || -> Missing {
        ticks.with(|t| {
            merged.with(|m| {
                Missing::of(m.bring.iter().filter(|i| !i.ticked(t)).map(|i| (i.name.clone(), i.deferral())))
            })
        })
    };
    let have = move || ticks.with(|t| merged.with(|m| m.bring.iter().filter(|i| i.ticked(t)).count()));
    let state = move || {
        let (a, t) = (answers.get_untracked(), ticks.get_untracked());
        let ticked = merged.with_untracked(|m| m.ticked_ids(&t));
        ChecklistState { answers: a, ticked }
    };
    // Keeps the event's own answers, and each guide's answers and ticks in that guide's list.
    let store = move || {
        let (a, t) = (answers.get_untracked(), ticks.get_untracked());
        plan.with_value(|p| {
            questions.with_value(|qs| {
                let own: Answers = qs
                    .iter()
                    .filter(|q| q.asks.is_empty())
                    .filter_map(|q| Some((q.question.id.clone(), a.get(&q.question.id)?.clone())))
                    .collect();
                storage::save(&event_key(&p.event_id), &own);
                for (_, _, step) in p.steps() {
                    let guide = &step.guide;
                    let key = storage::checklist_key(&guide.guide_id);
                    let shared = storage::load::<SavedChecklist>(&key).and_then(|s| s.s);
                    let state = ChecklistState {
                        answers: EventPlan::guide_answers(qs, &guide.guide_id, &a),
                        ticked: t.get(&guide.guide_id).cloned().unwrap_or_default(),
                    };
                    storage::save(&key, &SavedChecklist::new(&state, guide, shared));
                }
            })
        });
        share_url.set(None);
    };
    let apply = move |s: &ChecklistState| {
        plan.with_value(|p| {
            questions.with_value(|q| {
                answers.set(p.answers(q, &s.answers));
                ticks.set(p.spread_ticks(&s.ticked));
            })
        });
    };

    Effect::new(move |_| {
        printed_on.set(storage::today());
        let own = plan.with_value(|p| storage::load::<Answers>(&event_key(&p.event_id))).unwrap_or_default();
        let guides: BTreeMap<String, ChecklistState> = plan.with_value(|p| {
            p.steps()
                .filter_map(|(_, _, s)| {
                    let saved = storage::load::<SavedChecklist>(&storage::checklist_key(&s.guide.guide_id))?;
                    Some((s.guide.guide_id.clone(), saved.restore(&s.guide)?.state))
                })
                .collect()
        });
        let (a, mut t) = plan.with_value(|p| questions.with_value(|q| p.gather(q, &own, &guides)));
        // A document ticked on one guide's page is had for every step that needs it.
        let spread = plan.with_value(|p| questions.with_value(|q| p.merged(q, &a).spread(&mut t)));
        answers.set(a);
        ticks.set(t);
        if spread {
            store();
        }
        if let Some(shared) = storage::query_state() {
            let shared = plan.with_value(|p| {
                questions.with_value(|q| ChecklistState {
                    answers: p.answers(q, &shared.answers),
                    ticked: shared.ticked.clone(),
                })
            });
            if guides.is_empty() && own.is_empty() {
                apply(&shared);
                store();
                storage::forget_query();
            } else if shared != state() {
                incoming.set(Some(shared));
            } else {
                storage::forget_query();
            }
        }
        if typed != ChecklistState::default() {
            answers.update(|a| a.extend(typed.answers.clone()));
            let added = plan.with_value(|p| p.spread_ticks(&typed.ticked));
            ticks.update(|t| {
                for (guide, ids) in added {
                    t.entry(guide).or_default().extend(ids);
                }
            });
            store();
        }
        mounted.set(true);
    });

    let toggle = move |item: &Item| {
        ticks.update(|t| {
            let on = !item.ticked(t);
            for u in &item.uses {
                let set = t.entry(u.guide_id.clone()).or_default();
                if on {
                    set.insert(item.id.clone());
                } else {
                    set.remove(&item.id);
                }
            }
        });
        store();
    };
    let reset = move |_| {
        plan.with_value(|p| {
            storage::remove(&event_key(&p.event_id));
            for (_, _, s) in p.steps() {
                storage::remove(&storage::checklist_key(&s.guide.guide_id));
            }
        });
        answers.set(defaults.clone());
        ticks.set(Ticks::new());
        share_url.set(None);
        incoming.set(None);
        storage::forget_query();
    };
    let share = move |_| {
        let link = plan.with_value(|p| storage::share_link(&Route::Event(p.event_id.clone()), &state()));
        storage::copy(&link);
        share_url.set(Some(link));
    };
    let answered = move || {
        answers.with(|a| {
            shown_questions
                .get()
                .iter()
                .filter_map(|q| {
                    let label = &q.options.iter().find(|o| Some(&o.id) == a.get(&q.id))?.label;
                    Some(format!("{}{}{label}", q.text.trim_end_matches(['？', '?']), lang.pick("：", ": ")))
                })
                .collect::<Vec<_>>()
                .join(lang.pick("；", "; "))
        })
    };
    let (title, first_guide) =
        plan.with_value(|p| (p.title.clone(), p.steps().next().map(|(_, _, s)| s.guide.clone())));

    view! {
        <section class="checklist event" aria-labelledby="plan">
            <div class="print-only slip-head">
                <p class="slip-title">{lang.pick("一次性告知单（一件事一次办）", "Checklist: everything to bring")}</p>
                <p>{lang.pick("事项：", "Life event: ")}{title}</p>
                <p>{move || format!("{}{}", lang.pick("打印日期：", "Printed on: "), printed_on.get())}</p>
            </div>
            {move || incoming.get().map(|shared| view! {
                <div class="notice" role="alert">
                    <p>{lang.pick("这个链接带有别人分享的清单，和您手机上保存的不一样。", "This link carries a list someone shared, different from the one saved on your phone.")}</p>
                    <button type="button" class="button" on:click=move |_| { apply(&shared); store(); incoming.set(None); storage::forget_query(); }>{lang.pick("使用分享的清单", "Use the shared list")}</button>
                    " "
                    <button type="button" class="button secondary" on:click=move |_| { incoming.set(None); storage::forget_query(); }>{lang.pick("保留我的清单", "Keep my list")}</button>
                </div>
            })}
            <h2 id="plan">{lang.pick("办理顺序", "Where to go, in order")}</h2>
            <p class="plan-count" role="status">{move || {
                let (steps, visits) = plan.with_value(|p| needed.with(|n| {
                    let visits = p.steps().filter(|(s, _, _)| n.contains(s)).map(|(_, v, _)| v).collect::<BTreeSet<usize>>();
                    (n.len(), visits.len())
                }));
                lang.pick(format!("按您的情况：要办 {steps} 件事，跑 {visits} 趟。"), format!("In your situation: {steps} steps, {visits} visits."))
            }}</p>
            <Visits plan=plan.get_value() questions=questions.get_value() merged=merged needed=needed ticks=ticks/>
            <h2 id="materials">{lang.pick("一张清单：要带的材料", "One list: everything to bring")}</h2>
            <div class="questions js-only">
                <p class="hint no-print">{lang.pick("回答下面的问题，清单和要办的事会按您的情况调整（每个问题只问一次）：", "Answer these questions; the list and the steps adapt to your situation (each asked once):")}</p>
                {move || shown_questions.get().into_iter().map(|q| view! {
                    <QuestionField question=q answers=answers changed=Callback::new(move |()| store())/>
                }).collect_view()}
                <p class="print-only slip-answers">{move || format!("{}{}", lang.pick("您的情况：", "Your situation: "), answered())}</p>
            </div>
            <p class="progress js-only" role="status" aria-live="polite">
                {move || format!("{} {}/{}", lang.pick("已备", "Ready:"), have(), merged.with(|m| m.bring.len()))}
            </p>
            <ol class="materials">
                {move || merged.get().bring.into_iter().map(|item| {
                    let id = item.id.clone();
                    let first = item.uses[0].material.clone();
                    let deferrable = item.uses.iter().find(|u| u.material.deferral().is_some()).map(|u| u.material.clone());
                    let deferrable = deferrable.filter(|_| item.deferral().is_some());
                    let item2 = item.clone();
                    view! {
                        <li class="material" data-item=id.clone()>
                            <label>
                                <input type="checkbox" name="have" value=id.clone()
                                    checked=ticks.with_untracked(|t| item.ticked(t))
                                    prop:checked={ let item = item.clone(); move || ticks.with(|t| item.ticked(t)) }
                                    on:change=move |_| toggle(&item2)/>
                                <span class="name"><Mixed text=item.name.clone()/></span>
                                {deferrable.as_ref().and_then(|m| m.deferral_note(lang)).map(|n| view! { <span class="print-only inline">{format!("{}{n}{}", lang.pick("（", " ("), lang.pick("）", ")"))}</span> })}
                                {item.uses.iter().any(|u| u.material.unsure.is_some()).then(|| view! { <span class="print-only inline">{unsure_mark(lang)}</span> })}
                            </label>
                            <ul class="uses">
                                {item.uses.iter().map(|u| view! {
                                    <li>
                                        {format!("{} {}{}", step_mark(u.step), u.guide_title, lang.pick("：", ": "))}
                                        {u.material.form.amount(u.material.copies, lang)}
                                        {u.material.format.clone().map(|f| view! { " · "<Mixed text=f/> })}
                                        {u.material.when.clone().map(|w| view! { " · "<Mixed text=w/> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                            <p class="how"><Mixed text=lang.pick(format!("由{}出具。{}", first.issuer, first.obtain), format!("Issued by: {}. {}", first.issuer, first.obtain))/></p>
                            {deferrable.map(|m| view! { <Deferral material=m/> })}
                            {item.uses.iter().find_map(|u| u.material.unsure.clone()).map(|u| view! { <p class="unsure">{unsure_mark(lang)}<Mixed text=u/></p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {move || merged.with(provided_names).map(|names| view! {
                <p class="provided"><Mixed text=lang.pick(format!("不用带，窗口现场提供并填写：{names}"), format!("Nothing to bring, the windows provide: {names}"))/></p>
            })}
            <MissingLine missing=missing/>
            {first_guide.map(|g| view! { <SlipFoot data=ChecklistData { page_url: plan.with_value(|p| p.page_url.clone()), qr: plan.with_value(|p| p.qr.clone()), ..g } lang=lang/> })}
            <div class="actions no-print js-only">
                <button type="button" class="button" disabled=move || !mounted.get() on:click=move |_| storage::print()>{lang.pick("打印一次性告知单", "Print the checklist")}</button>
                <button type="button" class="button secondary" disabled=move || !mounted.get() on:click=share>{lang.pick("分享清单", "Share the list")}</button>
                <button type="button" class="button secondary" disabled=move || !mounted.get() on:click=reset>{lang.pick("重新开始", "Start again")}</button>
            </div>
            {move || share_url.get().map(|url| view! {
                <p class="share no-print" role="status">{lang.pick("链接已生成（可复制发给家人）：", "Link made (copy it to your family): ")}<a href=url.clone()>{url.clone()}</a></p>
            })}
        </section>
    }
}

/// What the windows provide at the counter, each named once.
fn provided_names(merged: &Merged) -> Option<String> {
    let names: Vec<String> = merged.provided.iter().map(|i| i.name.clone()).collect();
    (!names.is_empty()).then(|| names.join("、"))
}

/// The visits in order: each step with its window, why it comes here, and its materials with
/// whether each is ready (ticked in the merged list).
#[component]
fn Visits(
    plan: EventPlan,
    questions: Vec<EventQuestion>,
    merged: Memo<Merged>,
    needed: Memo<BTreeSet<usize>>,
    ticks: RwSignal<Ticks>,
) -> impl IntoView {
    let lang = crate::lang();
    let plain: Vec<swg_model::Question> = questions.iter().map(|q| q.question.clone()).collect();
    let numbers: Vec<(usize, usize)> = plan.steps().map(|(n, v, _)| (v, n)).collect();
    view! {
        <ol class="visits">
            {plan.visits.into_iter().enumerate().map(|(v, visit)| {
                let heading = match (&visit.at, lang) {
                    (Some(w), Lang::Zh) => format!("第 {} 趟：{}（以下各项在这里一次办完）", v + 1, w.name),
                    (Some(w), Lang::En) => format!("Visit {}: {} (one window for all of these)", v + 1, w.name),
                    (None, Lang::Zh) => format!("第 {} 趟", v + 1),
                    (None, Lang::En) => format!("Visit {}", v + 1),
                };
                let mut step_numbers = numbers.iter().filter(|(visit, _)| *visit == v).map(|(_, n)| *n);
                let own_numbers: Vec<usize> = numbers.iter().filter(|(visit, _)| *visit == v).map(|(_, n)| *n).collect();
                let not_needed = move || needed.with(|s| !own_numbers.iter().any(|n| s.contains(n)));
                let one_window = visit.at.is_some();
                let skipped = not_needed.clone();
                view! {
                    <li class="visit" class:skipped=skipped>
                        {move || not_needed().then(|| view! { <p class="not-needed">{lang.pick("按您的情况，这一趟不用去。", "Not needed in your situation.")}</p> })}
                        <h3>{heading}</h3>
                        {visit.at.clone().map(|w| view! { <p class="where">{format!("{} · ", w.address)}<a href=swg_model::tel_href(&w.phone)>{w.phone.clone()}</a></p> })}
                        {visit.note.clone().map(|n| view! { <p class="note"><Mixed text=n/></p> })}
                        <ol class="event-steps">
                            {visit.steps.into_iter().map(|step| {
                                let n = step_numbers.next().unwrap_or_default();
                                let gid = step.guide.guide_id.clone();
                                let (marked, link) = (gid.clone(), Route::Service(gid.clone()).href());
                                let condition = (!step.only_if.is_empty()).then(|| {
                                    step.only_if.iter().map(|c| c.describe(&plain, lang)).collect::<Vec<_>>().join(lang.pick("且", " and "))
                                });
                                view! {
                                    <li class="event-step" data-guide=marked class:skipped=move || !needed.with(|s| s.contains(&n))>
                                        <p class="step-title">
                                            <span class="step-no">{step_mark(n)}</span>" "
                                            <a href=link>{step.guide.title.clone()}</a>
                                            {(!one_window).then(|| format!(" · {}", step.guide.window_name))}
                                        </p>
                                        {(!one_window).then(|| view! { <p class="print-only">{format!("{} · {} · {}", step.guide.address, step.guide.phone, step.guide.hours)}</p> })}
                                        {step.why.clone().map(|w| view! { <p class="why"><Mixed text=w/></p> })}
                                        {condition.map(|c| view! { <p class="when">{lang.pick(format!("仅在{c}时要办"), format!("Only when {c}"))}</p> })}
                                        {move || if needed.with(|s| s.contains(&n)) {
                                            let gid = gid.clone();
                                            Either::Left(view! {
                                                <ul class="step-materials no-print" aria-label=lang.pick("这一步要带的材料", "What this step needs")>
                                                    {move || merged.with(|m| m.bring.iter().filter(|i| i.uses.iter().any(|u| u.step == n)).cloned().collect::<Vec<_>>()).into_iter().map(|item| {
                                                        let ready = { let (item, gid) = (item.clone(), gid.clone()); move || ticks.with(|t| t.get(&gid).is_some_and(|g| g.contains(&item.id))) };
                                                        let ready2 = ready.clone();
                                                        view! {
                                                            <li class:ticked=ready>
                                                                <span class="state">{move || if ready2() { lang.pick("✓ 已备", "✓ ready") } else { lang.pick("○ 未备", "○ not yet") }}</span>" "
                                                                <Mixed text=item.name.clone()/>
                                                            </li>
                                                        }
                                                    }).collect_view()}
                                                </ul>
                                            })
                                        } else {
                                            Either::Right(view! { <p class="not-needed">{lang.pick("按您的情况，这一步不用办。", "Not needed in your situation.")}</p> })
                                        }}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
