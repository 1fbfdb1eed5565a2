//! The interactive 一次性告知 checklist: situation questions, ticks, progress, share and print.

use super::deferral::Deferral;
use super::mixed::Mixed;
use crate::storage;
use leptos::either::Either;
use leptos::prelude::*;
use std::collections::BTreeSet;
use swg_model::checklist::{applicable, effective_answers, Answers, ChecklistState, SavedChecklist};
use swg_model::Missing;
use swg_model::{unsure_mark, ChecklistData, Lang, Material, Question, Route};

/// `typed`: what the citizen ticked or answered in the pre-rendered page before the island
/// mounted; it is kept on top of the saved or shared list. `shown`: the state the page is
/// rendered with (a share link the server renders for readers without JavaScript).
#[component]
pub fn Checklist(
    data: ChecklistData,
    #[prop(optional)] typed: ChecklistState,
    #[prop(optional)] shown: ChecklistState,
) -> impl IntoView {
    let guide = data;
    let lang = crate::lang();
    let id = guide.guide_id.clone();
    let defaults = effective_answers(&guide.questions, &Answers::new());
    let shown = shown.normalised(&guide);
    let answers = RwSignal::new(shown.answers.clone());
    let ticked = RwSignal::new(shown.ticked.clone());
    let shared = RwSignal::new(None::<Incoming>);
    let share_url = RwSignal::new(None::<String>);
    // The query of the last share link made on this device, kept with the list.
    let shared_query = RwSignal::new(None::<String>);
    let news = RwSignal::new(Vec::<String>::new());
    let printed_on = RwSignal::new(String::new());
    // False in the pre-rendered page: the buttons wait for the app, which sets it on mounting.
    let mounted = RwSignal::new(false);
    // Whether the browser can read the list aloud; the button is not shown where it cannot.
    let can_speak = RwSignal::new(false);
    let guide = StoredValue::new(guide);

    let all = Memo::new(move |_| {
        let answers = answers.get();
        guide.with_value(|g| applicable(g, &answers).into_iter().cloned().collect::<Vec<Material>>())
    });
    // What to bring, and what the window provides at the counter.
    let list =
        Memo::new(move |_| all.with(|l| l.iter().filter(|m| !m.provided).cloned().collect::<Vec<_>>()));
    let provided = Memo::new(move |_| {
        all.with(|l| l.iter().filter(|m| m.provided).map(|m| m.name.clone()).collect::<Vec<_>>())
    });
    let have = move || ticked.with(|t| list.with(|l| l.iter().filter(|m| t.contains(&m.id)).count()));
    let missing = move || -> Missing {
        ticked.with(|t| {
            list.with(|l| {
                Missing::of(l.iter().filter(|m| !t.contains(&m.id)).map(|m| (m.name.clone(), m.deferral())))
            })
        })
    };
    let state = move || ChecklistState { answers: answers.get_untracked(), ticked: ticked.get_untracked() };
    let apply = move |s: &ChecklistState| {
        let s = guide.with_value(|g| s.normalised(g));
        answers.set(s.answers);
        ticked.set(s.ticked);
    };
    let key = storage::checklist_key(&id);
    let store = {
        let key = key.clone();
        move || {
            let saved = guide.with_value(|g| SavedChecklist::new(&state(), g, shared_query.get_untracked()));
            storage::save(&key, &saved);
        }
    };
    let save = {
        let store = store.clone();
        move || {
            store();
            share_url.set(None);
        }
    };

    // On the device: restore the saved checklist, or take a shared one (asking before replacing).
    Effect::new({
        let store = store.clone();
        let key = key.clone();
        move |_| {
            printed_on.set(storage::today());
            let saved =
                storage::load::<SavedChecklist>(&key).and_then(|s| guide.with_value(|g| s.restore(g)));
            if let Some(restored) = &saved {
                shared_query.set(restored.shared_query.clone());
                news.set(restored.new_materials.clone());
            }
            match (storage::query_state(), saved) {
                (Some(incoming), Some(mine))
                    if guide.with_value(|g| incoming.normalised(g)) != mine.state =>
                {
                    let own = mine.shared_query.as_deref() == Some(incoming.to_query().as_str());
                    apply(&mine.state);
                    shared.set(Some(Incoming { state: incoming, own }));
                }
                (Some(incoming), _) => {
                    apply(&incoming);
                    store();
                }
                (None, Some(mine)) => apply(&mine.state),
                (None, None) => {}
            }
            if typed != ChecklistState::default() {
                let mut merged = state();
                merged.answers.extend(typed.answers.clone());
                merged.ticked.extend(typed.ticked.iter().cloned());
                apply(&merged);
                store();
            }
            can_speak.set(storage::can_speak());
            mounted.set(true);
        }
    });
    let read_aloud = move |_| {
        let title = guide.with_value(|g| g.title.clone());
        let items: Vec<String> = list.with(|l| {
            l.iter()
                .enumerate()
                .map(|(i, m)| match lang {
                    Lang::Zh => format!("第{}项，{}，{}{}份", i + 1, m.name, m.form.label(), m.copies),
                    Lang::En => format!("Item {}: {}, {}", i + 1, m.name, m.form.amount(m.copies, lang)),
                })
                .collect()
        });
        let left = missing().count();
        let text = match (lang, left) {
            (Lang::Zh, 0) => {
                format!("{title}。要带{}项材料。{}。材料已备齐。", items.len(), items.join("。"))
            }
            (Lang::Zh, _) => {
                format!("{title}。要带{}项材料。{}。还缺{left}项。", items.len(), items.join("。"))
            }
            (Lang::En, 0) => {
                format!("{title}. Bring {} items. {}. You have everything.", items.len(), items.join(". "))
            }
            (Lang::En, _) => {
                format!("{title}. Bring {} items. {}. {left} still missing.", items.len(), items.join(". "))
            }
        };
        storage::speak(&text, lang);
    };

    let questions = guide.with_value(|g| g.questions.clone());
    let save_q = save.clone();
    let save_t = save.clone();
    let save_s = save.clone();
    let store_s = store.clone();
    let reset = {
        let key = key.clone();
        let defaults = defaults.clone();
        move |_| {
            storage::remove(&key);
            answers.set(defaults.clone());
            ticked.set(BTreeSet::new());
            share_url.set(None);
            shared_query.set(None);
            news.set(Vec::new());
        }
    };
    let slip = guide.with_value(|g| g.clone());
    let answered = move || {
        guide.with_value(|g| {
            answers.with(|a| {
                g.questions
                    .iter()
                    .filter_map(|q| {
                        let chosen = a.get(&q.id)?;
                        let label = &q.options.iter().find(|o| &o.id == chosen)?.label;
                        Some(format!(
                            "{}{}{label}",
                            q.text.trim_end_matches(['？', '?']),
                            lang.pick("：", ": ")
                        ))
                    })
                    .collect::<Vec<_>>()
                    .join(lang.pick("；", "; "))
            })
        })
    };

    view! {
        <section class="checklist" aria-labelledby="materials">
            <SlipHead data=slip printed_on=printed_on lang=lang/>
            <h2 id="materials">{lang.pick("需要带的材料", "What to bring")}</h2>
            {move || shared.get().map(|incoming| {
                let save = save_s.clone();
                let take = incoming.state.clone();
                let differences = guide.with_value(|g| differences(g, &incoming.state.normalised(g), &state(), lang));
                let (said, take_label) = match (lang, incoming.own) {
                    (Lang::Zh, true) => ("这是您之前从这台手机分享出去的清单，之后您又改过：", "恢复成分享时的样子"),
                    (Lang::Zh, false) => ("这个链接带有别人分享的材料清单，和您手机上保存的不一样：", "使用分享的清单"),
                    (Lang::En, true) => ("This is the list you shared from this phone; you have changed it since:", "Go back to the shared list"),
                    (Lang::En, false) => ("This link carries a list someone shared, different from the one saved on your phone:", "Use the shared list"),
                };
                view! {
                    <div class="notice" role="alert">
                        <p>{said}</p>
                        <p>{differences.join(lang.pick("；", "; "))}</p>
                        <button type="button" class="button" on:click=move |_| { apply(&take); save(); shared.set(None); }>{take_label}</button>
                        " "
                        <button type="button" class="button secondary" on:click=move |_| shared.set(None)>{lang.pick("保留我的清单", "Keep my list")}</button>
                    </div>
                }
            })}
            {move || (!news.with(Vec::is_empty)).then(|| view! {
                <p class="notice no-print" role="status">
                    {move || lang.pick(
                        format!("您上次打开之后，清单新增了：{}。请一并准备。", news.get().join("、")),
                        format!("Added to the list since you last opened it: {}. Please bring these too.", news.get().join("; ")),
                    )}
                    " "
                    <button type="button" class="button secondary" on:click=move |_| news.set(Vec::new())>{lang.pick("知道了", "OK")}</button>
                </p>
            })}
            {(!questions.is_empty()).then(|| view! {
                <div class="questions js-only">
                    <p class="hint no-print">{move || match (lang, mounted.get()) {
                        (Lang::Zh, true) => "先回答下面的问题，清单会按您的情况调整：",
                        (Lang::Zh, false) => "清单正在加载，加载后会按您的回答调整：",
                        (Lang::En, true) => "Answer these questions first; the list adapts to your situation:",
                        (Lang::En, false) => "The list is loading; then it adapts to your answers:",
                    }}</p>
                    {questions.into_iter().map(|q| {
                        let save = save_q.clone();
                        view! { <QuestionField question=q answers=answers changed=Callback::new(move |()| save())/> }
                    }).collect_view()}
                    <p class="print-only slip-answers">{move || format!("{}{}", lang.pick("您的情况：", "Your situation: "), answered())}</p>
                </div>
            })}
            <p class="progress js-only" role="status" aria-live="polite">
                {move || format!("{} {}/{}", lang.pick("已备", "Ready:"), have(), list.with(Vec::len))}
            </p>
            <ol class="materials">
                {move || list.get().into_iter().map(|m| {
                    let save = save_t.clone();
                    let (mid, mid2) = (m.id.clone(), m.id.clone());
                    view! {
                        <li class="material">
                            <label>
                                <input type="checkbox" name="have" value=m.id.clone()
                                    checked=ticked.with_untracked(|t| t.contains(&m.id))
                                    prop:checked=move || ticked.with(|t| t.contains(&mid))
                                    on:change=move |_| {
                                        ticked.update(|t| if !t.remove(&mid2) { t.insert(mid2.clone()); });
                                        save();
                                    }/>
                                <span class="name"><Mixed text=m.name.clone()/></span>
                                <span class="print-only inline">{format!("{}{}{}{}{}", lang.pick("（", " ("), m.form.amount(m.copies, lang).replace(" · ", " "), m.deferral_note(lang).map(|n| format!("{}{n}", lang.pick("；", "; "))).unwrap_or_default(), lang.pick("）", ")"), if m.unsure.is_some() { unsure_mark(lang) } else { "" })}</span>
                            </label>
                            <p class="meta">{m.form.amount(m.copies, lang)}{m.format.clone().map(|f| view! { " · "<Mixed text=f/> })}</p>
                            <p class="how"><Mixed text=lang.pick(format!("由{}出具。{}", m.issuer, m.obtain), format!("Issued by: {}. {}", m.issuer, m.obtain))/></p>
                            {m.when.clone().map(|w| view! { <p class="when"><Mixed text=w/></p> })}
                            <Deferral material=m.clone()/>
                            {m.unsure.clone().map(|u| view! { <p class="unsure">{unsure_mark(lang)}{(lang == Lang::En).then_some(": ")}<Mixed text=u/></p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {move || (!provided.with(Vec::is_empty)).then(|| view! {
                <p class="provided"><Mixed text=lang.pick(
                    format!("不用带，窗口现场提供并填写：{}", provided.get().join("、")),
                    format!("Nothing to bring, the window provides and you fill in: {}", provided.get().join("; ")),
                )/></p>
            })}
            {guide.with_value(|g| situational(g, &shown.answers, lang))}
            <MissingLine missing=missing/>
            <SlipFoot data=guide.with_value(|g| g.clone()) lang=lang/>
            <div class="actions no-print js-only">
                <button type="button" class="button" disabled=move || !mounted.get() on:click=move |_| storage::print()>{lang.pick("打印一次性告知单", "Print the checklist")}</button>
                <button type="button" class="button secondary" disabled=move || !mounted.get() on:click=move |_| {
                    let current = state();
                    let url = storage::share_link(&Route::Service(guide.with_value(|g| g.guide_id.clone())).in_lang(lang), &current);
                    shared_query.set(Some(current.to_query()));
                    store_s();
                    storage::copy(&url);
                    share_url.set(Some(url));
                }>{lang.pick("分享清单", "Share the list")}</button>
                <button type="button" class="button secondary" disabled=move || !mounted.get() on:click=reset>{lang.pick("重新开始", "Start again")}</button>
                {move || can_speak.get().then(|| view! {
                    <button type="button" class="button secondary" on:click=read_aloud>{lang.pick("读给我听", "Read it to me")}</button>
                })}
            </div>
            {move || share_url.get().map(|url| view! {
                <p class="share no-print" role="status">{lang.pick("链接已生成（可复制发给家人）：", "Link made (copy it to your family): ")}<a href=url.clone()>{url.clone()}</a></p>
            })}
        </section>
    }
}

/// What is still missing, each kind (容缺, 告知承诺) apart, or that everything is ready.
#[component]
pub(crate) fn MissingLine(missing: impl Fn() -> Missing + Send + Sync + 'static) -> impl IntoView {
    let lang = crate::lang();
    view! {
            <div class="missing js-only" aria-live="polite">
                {move || {
                    let missing = missing();
                    if missing.count() == 0 {
                        Either::Left(view! { <p class="done">{lang.pick("材料已备齐，可以出发了。", "You have everything. You are ready to go.")}</p> })
                    } else {
                        // On paper the unticked boxes above name them; the count is enough.
                        Either::Right(view! {
                            <p>
                                {missing.summary(lang)}
                                <span class="no-print"><Mixed text=format!("{}{}", lang.pick("：", ": "), missing.names_said(lang))/></span>
                                <span class="print-only inline">{lang.pick("（上面没打勾的各项）", " (the unticked items above)")}</span>
                            </p>
                        })
                    }
                }}
            </div>
    }
}

/// One situation question as radio buttons bound to `answers`; `changed` runs after a choice.
#[component]
pub(crate) fn QuestionField(
    question: Question,
    answers: RwSignal<Answers>,
    changed: Callback<()>,
) -> impl IntoView {
    let qid = question.id.clone();
    view! {
        <fieldset class="question">
            <legend><Mixed text=question.text.clone()/></legend>
            {question.options.into_iter().map(|o| {
                let (qid, oid) = (qid.clone(), o.id.clone());
                let (qid2, oid2) = (qid.clone(), oid.clone());
                view! {
                    <label class="choice">
                        <input type="radio" name=format!("q-{qid}") value=oid.clone()
                            checked=answers.with_untracked(|a| a.get(&qid) == Some(&oid))
                            prop:checked=move || answers.with(|a| a.get(&qid2) == Some(&oid2))
                            on:change=move |_| { answers.update(|a| { a.insert(qid.clone(), oid.clone()); }); changed.run(()); }/>
                        <span>{o.label}</span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// A shared list arriving in the address, and whether it is one this device shared itself.
#[derive(Clone)]
struct Incoming {
    state: ChecklistState,
    own: bool,
}

/// The top of the printed 一次性告知单: what, where, when, how long, how much, who must come.
#[component]
fn SlipHead(data: ChecklistData, printed_on: RwSignal<String>, lang: Lang) -> impl IntoView {
    let printed = move || if printed_on.get().is_empty() { "______".to_owned() } else { printed_on.get() };
    match lang {
        Lang::Zh => Either::Left(view! {
            <div class="print-only slip-head">
                <p class="slip-title">"一次性告知单"</p>
                <p>{format!("事项：{}", data.title)}</p>
                <p>{format!("窗口：{}　地址：{}　电话：{}", data.window_name, data.address, data.phone)}</p>
                <p>{format!("办公时间：{}", data.hours)}</p>
                <p>{format!("办理时限：{}　收费：{}", data.time_limit, data.fee)}</p>
                <p><strong>{format!("到场要求：{}", data.presence.label())}</strong></p>
                <p>{move || format!("打印日期：{}", printed())}</p>
            </div>
        }),
        Lang::En => Either::Right(view! {
            <div class="print-only slip-head">
                <p class="slip-title">"Checklist: everything to bring"</p>
                <p>{format!("Service: {}", data.title)}</p>
                <p>{format!("Window: {} · Address: ", data.window_name)}<span lang="zh-CN">{data.address.clone()}</span>{format!(" · Phone: {}", data.phone)}</p>
                <p>{format!("Opening hours: {}", data.hours)}</p>
                <p>{format!("Time limit: {} · Fee: {}", data.time_limit, data.fee)}</p>
                <p><strong>{format!("Who must come: {}", data.presence.label_in(lang))}</strong></p>
                <p>{move || format!("Printed on: {}", printed())}</p>
            </div>
        }),
    }
}

/// The foot of the printed slip: the page's address as a QR code and in words.
#[component]
pub(crate) fn SlipFoot(data: ChecklistData, lang: Lang) -> impl IntoView {
    let box_size = data.qr.size + 8;
    view! {
        <div class="print-only slip-foot">
            {(data.qr.size > 0).then(|| view! {
                <svg class="qr" viewBox=format!("-4 -4 {box_size} {box_size}") role="img" aria-label=lang.pick("本页网址二维码", "QR code of this page's address") shape-rendering="crispEdges">
                    <rect x="-4" y="-4" width=box_size.to_string() height=box_size.to_string() fill="#fff"/>
                    <path d=data.qr.svg_path() fill="#000"/>
                </svg>
            })}
            <p>{lang.pick(
                format!("扫码或打开 {} 查看网上清单和办理指南。材料不清楚的，请先打电话问：{}", data.page_url, data.phone),
                format!("Scan the code or open {} for the online checklist and guide. Unsure about a document? Call first: {}", data.page_url, data.phone),
            )}</p>
        </div>
    }
}

/// What a shared list says differently from the citizen's own, in words: the questions
/// answered differently, and how many materials each has ticked.
fn differences(
    guide: &ChecklistData,
    shared: &ChecklistState,
    mine: &ChecklistState,
    lang: Lang,
) -> Vec<String> {
    let mut out: Vec<String> = guide
        .questions
        .iter()
        .filter(|q| shared.answers.get(&q.id) != mine.answers.get(&q.id))
        .map(|q| {
            lang.pick(format!("「{}」的回答不同", q.text), format!("a different answer to “{}”", q.text))
        })
        .collect();
    if shared.ticked != mine.ticked {
        let (theirs, yours) = (shared.ticked.len(), mine.ticked.len());
        out.push(lang.pick(
            format!("分享的清单勾了 {theirs} 项，您的勾了 {yours} 项"),
            format!("the shared list has {theirs} ticked, yours has {yours}"),
        ));
    }
    out
}

/// Without JavaScript the questions cannot change the list: under it, the materials that other
/// situations need, each with the situation in words.
#[cfg(not(target_arch = "wasm32"))]
fn situational(guide: &ChecklistData, answers: &Answers, lang: Lang) -> impl IntoView {
    let listed = applicable(guide, answers);
    let others: Vec<(String, String)> = guide
        .materials
        .iter()
        .filter(|m| !listed.iter().any(|l| l.id == m.id))
        .filter_map(|m| Some((m.name.clone(), m.situation(&guide.questions, lang)?)))
        .collect();
    (!others.is_empty()).then(|| {
        view! {
            <noscript>
                <div class="situational">
                    <h3>{lang.pick("视您的情况，还可能需要", "Depending on your situation, you may also need")}</h3>
                    <ul>
                        {others.into_iter().map(|(name, when)| view! { <li><strong>{name}</strong>{format!("{}{when}", lang.pick("：", ": "))}</li> }).collect_view()}
                    </ul>
                </div>
            </noscript>
        }
    })
}

/// In the browser the questions change the list itself.
#[cfg(target_arch = "wasm32")]
fn situational(_: &ChecklistData, _: &Answers, _: Lang) {}
