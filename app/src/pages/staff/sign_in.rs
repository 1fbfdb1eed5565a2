//! Signing in, and replacing the one-time password.

use super::Csrf;
use leptos::prelude::*;
use swg_model::staff::{href, path, Me};

#[component]
pub(super) fn SignIn(notice: Option<String>) -> impl IntoView {
    view! {
        <h1>"工作人员登录"</h1>
        {notice.map(|n| view! { <p class="notice" role="alert">{n}</p> })}
        <form class="flow" method="post" action=href(path::SIGN_IN)>
            <div class="field">
                <label for="s-username">"用户名"</label>
                <input id="s-username" name="username" autocomplete="username" required/>
            </div>
            <div class="field">
                <label for="s-password">"密码"</label>
                <input id="s-password" name="password" type="password" autocomplete="current-password" required/>
            </div>
            <button type="submit" class="button">"登录"</button>
        </form>
        <p class="hint">"账号由管理员开设；连续输错 5 次锁定 15 分钟，忘记密码请找管理员重置。"</p>
    }
}

#[component]
pub(super) fn Password(me: Me, must: bool, error: Option<String>) -> impl IntoView {
    view! {
        {must.then(|| view! { <p class="notice" role="status">"这是一次性密码，请先设置您自己的密码。"</p> })}
        {error.map(|e| view! { <p class="notice" role="alert">{e}</p> })}
        <form class="flow" method="post" action=href(path::PASSWORD)>
            <Csrf me/>
            <div class="field">
                <label for="s-current">"现在的密码"</label>
                <input id="s-current" name="current" type="password" autocomplete="current-password" required/>
            </div>
            <div class="field">
                <label for="s-new">"新密码（至少 12 位）"</label>
                <input id="s-new" name="new" type="password" autocomplete="new-password" minlength="12" required/>
            </div>
            <div class="field">
                <label for="s-again">"再输一次新密码"</label>
                <input id="s-again" name="again" type="password" autocomplete="new-password" minlength="12" required/>
            </div>
            <p class="hint">"保存后，其他设备上的登录会退出。"</p>
            <button type="submit" class="button">"保存新密码"</button>
        </form>
    }
}
