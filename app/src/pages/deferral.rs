//! 容缺受理 and 告知承诺 beside a material: when it may follow, or what pledge replaces it.

use super::mixed::Mixed;
use leptos::prelude::*;
use swg_model::{Lang, Material, Route};

#[component]
pub fn Deferral(material: Material) -> impl IntoView {
    let lang = crate::lang();
    let later = material.later.map(|later| {
        view! {
            <p class="later">
                <strong>{lang.pick("可容缺受理", "May follow later (容缺受理)")}</strong>
                {lang.pick(
                    format!("：没有它也可以先申请，签容缺受理承诺书，{}（以本地公布的容缺受理清单为准）。逾期：", later.deadline(lang)),
                    format!(": without it the application may still be accepted if you sign a pledge; {} (where the local list allows it). If late: ", later.deadline(lang)),
                )}
                <Mixed text=later.if_late/>
            </p>
        }
    });
    let pledge = material.pledge.map(|id| {
        view! {
            <p class="pledge">
                <strong>{lang.pick("可告知承诺", "A signed pledge replaces it (告知承诺)")}</strong>
                {lang.pick("：在窗口签告知承诺书，可以不用另开这份证明（以本地公布的告知承诺事项为准）。", ": signing a pledge at the window may replace this certificate (where the local list allows it). ")}
                <a href=Route::Pledge(id).href() lang=(lang == Lang::En).then_some("zh-CN")>{lang.pick("看承诺书内容", "Read the pledge (in Chinese)")}</a>
            </p>
        }
    });
    (later, pledge)
}
