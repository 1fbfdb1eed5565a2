//! Accounts, for administrators: add, reset and unlock.

use super::*;

pub(super) fn administers(signed: &Signed) -> bool {
    signed.account.role.0 == StaffRole::Admin
}

pub(super) async fn accounts_answer(
    state: &AppState,
    signed: &Signed,
    status: StatusCode,
    created: Option<(String, String)>,
    error: Option<String>,
) -> Response {
    match accounts::list(&state.pool).await {
        Ok(accounts) => {
            page(state, status, StaffPage::Accounts { me: signed.me(state), accounts, created, error })
        }
        Err(failure) => failed(state, &failure),
    }
}

pub async fn accounts_page(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if !administers(&signed) {
        return signed.refuse(&state, "view accounts", "accounts", "账号只有管理员可以管理。").await;
    }
    accounts_answer(&state, &signed, StatusCode::OK, None, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AccountForm {
    csrf: String,
    username: String,
    display_name: String,
    role: String,
    windows: String,
}

pub async fn add_account(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<AccountForm>,
) -> Response {
    let signed = match form_from(&state, &headers, client, Who::Ready, &form.csrf, "add account").await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if !administers(&signed) {
        return signed.refuse(&state, "add account", &form.username, "账号只有管理员可以管理。").await;
    }
    let windows: Vec<String> =
        form.windows.split([',', '，', ' ']).filter(|w| !w.is_empty()).map(str::to_owned).collect();
    let role = StaffRole::parse(&form.role);
    let name = form.display_name.trim();
    let problem = match (accounts::parse_username(form.username.trim()), role) {
        (Err(_), _) => Some("用户名是 2–32 位小写字母、数字或 . - _".to_owned()),
        (_, None) => Some("请选择角色".to_owned()),
        _ if name.is_empty() || name.chars().count() > 30 => Some("请填写姓名（最多 30 字）".to_owned()),
        (_, Some(StaffRole::Window)) if windows.is_empty() => Some("窗口民警要填写负责的窗口".to_owned()),
        _ => windows.iter().find(|w| !state.site.windows.iter().any(|s| &s.id == *w)).map(|w| {
            let known: Vec<String> =
                state.site.windows.iter().map(|s| format!("{}（{}）", s.id, s.name)).collect();
            format!("没有窗口 {w}。可以填：{}", known.join("、"))
        }),
    };
    if let (None, Some(role)) = (&problem, role) {
        let user = form.username.trim();
        return match accounts::add(&state.pool, user, name, role, &windows).await {
            Ok(password) => {
                let detail = format!("{} {}", role.id(), windows.join(","));
                if let Err(failure) =
                    audit::record_alone(&state.pool, signed.event("added account", user, &detail)).await
                {
                    return failed(&state, &failure);
                }
                accounts_answer(&state, &signed, StatusCode::OK, Some((user.to_owned(), password)), None)
                    .await
            }
            Err(Failure::Conflict(_)) => {
                accounts_answer(
                    &state,
                    &signed,
                    StatusCode::CONFLICT,
                    None,
                    Some(format!("账号 {user} 已经存在")),
                )
                .await
            }
            Err(failure) => failed(&state, &failure),
        };
    }
    accounts_answer(&state, &signed, StatusCode::UNPROCESSABLE_ENTITY, None, problem).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResetForm {
    csrf: String,
    username: String,
}

/// A new one-time password for an account; it is unlocked and signed out everywhere.
pub async fn reset_account(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<ResetForm>,
) -> Response {
    let signed = match form_from(&state, &headers, client, Who::Ready, &form.csrf, "reset account").await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if !administers(&signed) {
        return signed.refuse(&state, "reset account", &form.username, "账号只有管理员可以管理。").await;
    }
    match accounts::reset(&state.pool, &form.username).await {
        Ok(Some(password)) => {
            if let Err(failure) =
                audit::record_alone(&state.pool, signed.event("reset account", &form.username, "")).await
            {
                return failed(&state, &failure);
            }
            accounts_answer(&state, &signed, StatusCode::OK, Some((form.username.clone(), password)), None)
                .await
        }
        Ok(None) => {
            accounts_answer(&state, &signed, StatusCode::NOT_FOUND, None, Some("没有这个账号".into())).await
        }
        Err(failure) => failed(&state, &failure),
    }
}
