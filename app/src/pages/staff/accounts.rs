//! Accounts, for administrators: who may use the console, on which windows; a new account or a
//! reset password shows its one-time password once.

use super::Csrf;
use leptos::prelude::*;
use swg_model::staff::{href, path, AccountRow, Me, StaffRole};

#[component]
pub(super) fn Accounts(
    me: Me,
    accounts: Vec<AccountRow>,
    created: Option<(String, String)>,
    error: Option<String>,
) -> impl IntoView {
    let example: String = me.windows.iter().map(|(id, _)| id.as_str()).take(2).collect::<Vec<_>>().join(",");
    view! {
        {created.map(|(user, password)| view! {
            <div class="notice" role="status">
                <p>{format!("账号 {user} 的一次性密码（只显示这一次，请当面交给本人，首次登录须修改）：")}</p>
                <p class="code">{password}</p>
            </div>
        })}
        {error.map(|e| view! { <p class="notice" role="alert">{e}</p> })}
        <div class="table-scroll" tabindex="0" role="region" aria-label="账号">
            <table class="console-table">
                <thead><tr><th scope="col">"用户名"</th><th scope="col">"姓名"</th><th scope="col">"角色"</th><th scope="col">"窗口"</th><th scope="col">"状态"</th><th scope="col">"操作"</th></tr></thead>
                <tbody>
                    {accounts.into_iter().map(|a| {
                        let state = if a.locked { "已锁定" } else if a.must_change { "待修改一次性密码" } else { "正常" };
                        view! {
                            <tr>
                                <td>{a.username.clone()}</td><td>{a.display_name}</td><td>{a.role.label()}</td>
                                <td>{a.windows.join("、")}</td><td>{state}</td>
                                <td>
                                    <form method="post" action=href(path::ACCOUNT_RESET) class="inline">
                                        <Csrf me=me.clone()/>
                                        <input type="hidden" name="username" value=a.username/>
                                        <button type="submit" class="button small secondary">"重置密码并解锁"</button>
                                    </form>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2>"新建账号"</h2>
        <form class="flow" method="post" action=href(path::ACCOUNT_ADD)>
            <Csrf me=me.clone()/>
            <div class="field"><label for="a-username">"用户名（小写字母、数字）"</label><input id="a-username" name="username" required/></div>
            <div class="field"><label for="a-name">"姓名"</label><input id="a-name" name="display_name" required/></div>
            <div class="field">
                <label for="a-role">"角色"</label>
                <select id="a-role" name="role">
                    {StaffRole::ALL.into_iter().map(|r| view! { <option value=r.id()>{r.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="a-windows">"窗口（窗口民警必填，多个用逗号分开）"</label>
                <input id="a-windows" name="windows" placeholder=example/>
            </div>
            <button type="submit" class="button">"新建"</button>
        </form>
    }
}
