//! Content text on an English page: its Chinese runs (document names, addresses) marked
//! `lang="zh-CN"`, so screen readers and browsers read each part in its own language.

use leptos::either::Either;
use leptos::prelude::*;
use swg_model::lang::runs;
use swg_model::Lang;

#[component]
pub fn Mixed(#[prop(into)] text: String) -> impl IntoView {
    if crate::lang() == Lang::Zh || !Lang::has_chinese(&text) {
        return Either::Left(text);
    }
    let parts: Vec<(bool, String)> = runs(&text).into_iter().map(|(zh, t)| (zh, t.to_owned())).collect();
    Either::Right(
        parts
            .into_iter()
            .map(
                |(zh, t)| {
                    if zh {
                        Either::Left(view! { <span lang="zh-CN">{t}</span> })
                    } else {
                        Either::Right(t)
                    }
                },
            )
            .collect_view(),
    )
}
