//! A 告知承诺书: the text a citizen signs instead of bringing a certificate, its basis, and
//! which materials of which guides it replaces.

use leptos::prelude::*;
use swg_model::{PledgePage as Data, Route};

#[component]
pub fn PledgePage(data: Data) -> impl IntoView {
    view! {
        <nav class="crumbs no-print" aria-label="位置"><a href=Route::Home.href()>"首页"</a>" › 告知承诺"</nav>
        <h1>{data.title.clone()}</h1>
        <p class="lead">"告知承诺：在窗口签这份承诺书，可以不用另外开下列证明（以本地公布的告知承诺事项目录为准，办理前可先打电话问窗口）。窗口会提供纸质文本，也可以打印后带去；请如实填写，虚假承诺要承担相应责任。"</p>
        {(!data.replaces.is_empty()).then(|| view! {
            <section aria-labelledby="replaces">
                <h2 id="replaces">"可以代替的材料"</h2>
                <ul>
                    {data.replaces.iter().map(|u| view! {
                        <li>{format!("{}（", u.material)}<a href=Route::Service(u.guide.id.clone()).href()>{u.guide.title.clone()}</a>"）"</li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="text" class="pledge-text">
            <h2 id="text">"承诺书内容"</h2>
            <div class="prose" inner_html=data.body_html.clone()></div>
        </section>
        <section aria-labelledby="basis">
            <h2 id="basis">"依据"</h2>
            <ul>{data.basis.iter().map(|b| view! { <li>{b.clone()}</li> }).collect_view()}</ul>
        </section>
    }
}
