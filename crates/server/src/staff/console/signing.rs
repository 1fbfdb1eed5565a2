//! Signing in and out, replacing a password, and the console's start page.

use super::*;

pub async fn home(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let items = match inbox_items(&state, &signed).await {
        Ok(items) => items,
        Err(failure) => return failed(&state, &failure),
    };
    let open_cases = match cases(&state, &signed).await {
        Ok(cases) => cases.iter().filter(|c| c.closed_on.is_none()).count(),
        Err(failure) => return failed(&state, &failure),
    };
    let count = |f: &dyn Fn(&InboxItem) -> bool| {
        u32::try_from(items.iter().filter(|i| f(i)).count()).unwrap_or(u32::MAX)
    };
    page(
        &state,
        StatusCode::OK,
        StaffPage::Home {
            me: signed.me(&state),
            today: today(),
            overdue: count(&|i| i.overdue),
            due_today: count(&|i| i.due_today),
            unanswered: count(&|i| i.due_on.is_some() && i.answered_on.is_none() && i.handed_to.is_none()),
            handed_to_me: count(&|i| i.handed_to.is_some() && !signed.account.may_act_on(&i.window)),
            open_cases: u32::try_from(open_cases).unwrap_or(u32::MAX),
        },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignInForm {
    username: String,
    password: String,
}

pub async fn sign_in(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    form: Result<PlainForm<SignInForm>, Failure>,
) -> Response {
    let client = client_of(client);
    let form = match form {
        Ok(PlainForm(form)) => form,
        Err(failure) => {
            return page(&state, failure.status(), StaffPage::SignIn { notice: Some(failure.body().message) })
        }
    };
    let username = form.username.trim().to_ascii_lowercase();
    let outcome = match accounts::sign_in(&state.pool, &username, &form.password).await {
        Ok(outcome) => outcome,
        Err(failure) => return failed(&state, &failure),
    };
    // Only an existing account's name is recorded: a password typed into the name field is not.
    let known = accounts::find(&state.pool, &username).await.ok().flatten().is_some();
    let actor = if known { username.as_str() } else { "(unknown)" };
    let (action, refusal) = match &outcome {
        Ok(_) => ("signed in", None),
        Err(Refusal::Wrong) => ("sign-in failed", Some("用户名或密码不对。".to_owned())),
        Err(Refusal::Locked(until)) => (
            "sign-in refused: locked",
            Some(format!("多次输错，账号已锁定，请在 {} 分钟后再试。", ((until - now()) / 60).max(1))),
        ),
    };
    let event = Event { actor, action, target: actor, detail: "", client: &client };
    if let Err(failure) = audit::record_alone(&state.pool, event).await {
        return failed(&state, &failure);
    }
    let account = match (outcome, refusal) {
        (Ok(account), _) => account,
        (Err(_), notice) => return page(&state, StatusCode::UNAUTHORIZED, StaffPage::SignIn { notice }),
    };
    let cookie = match session::start(&state, &account.username).await {
        Ok(cookie) => cookie,
        Err(failure) => return failed(&state, &failure),
    };
    let to = if account.must_change.0 .0 { path::PASSWORD } else { path::HOME };
    let mut response = see_other(&staff::href(to));
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    response
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignOutForm {
    csrf: String,
    everywhere: Option<String>,
}

pub async fn sign_out(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<SignOutForm>,
) -> Response {
    let signed = match form_from(&state, &headers, client, Who::Any, &form.csrf, "sign out").await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let everywhere = form.everywhere.is_some();
    let ended = session::end(&state, &signed.session, everywhere).await;
    let detail = if everywhere { "everywhere" } else { "" };
    let recorded =
        audit::record_alone(&state.pool, signed.event("signed out", &signed.account.username, detail)).await;
    if let Err(failure) = ended.and(recorded) {
        return failed(&state, &failure);
    }
    let mut response =
        page(&state, StatusCode::OK, StaffPage::SignIn { notice: Some("已退出。".to_owned()) });
    if let Ok(cookie) = session::clearing(&state) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

pub async fn password_page(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
) -> Response {
    match session_of(&state, &headers, client_of(client)).await {
        Ok(signed) => page(
            &state,
            StatusCode::OK,
            StaffPage::Password { me: signed.me(&state), must: signed.account.must_change.0 .0, error: None },
        ),
        Err(response) => response,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    csrf: String,
    current: String,
    new: String,
    again: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<PasswordForm>,
) -> Response {
    let signed = match form_from(&state, &headers, client, Who::Any, &form.csrf, "change password").await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let error = if !accounts::is_current(&signed.account, &form.current) {
        Some("现在的密码不对。".to_owned())
    } else if form.new != form.again {
        Some("两次输入的新密码不一样。".to_owned())
    } else if form.new == form.current {
        Some("新密码不能和现在的密码相同。".to_owned())
    } else {
        accounts::parse_password(&form.new).err()
    };
    if let Some(error) = error {
        let must = signed.account.must_change.0 .0;
        return page(
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            StaffPage::Password { me: signed.me(&state), must, error: Some(error) },
        );
    }
    let saved = accounts::change_password(&state.pool, &signed.account.username, &form.new).await;
    // Every other session of the account ends: whoever else knew the old password is out.
    let others = sqlx::query("DELETE FROM staff_sessions WHERE username = $1 AND token_hash <> $2")
        .bind(&signed.account.username)
        .bind(&signed.session.token_hash)
        .execute(&state.pool)
        .await
        .map(drop)
        .map_err(Failure::from);
    let saved = saved.and(others);
    let recorded =
        audit::record_alone(&state.pool, signed.event("changed password", &signed.account.username, ""))
            .await;
    match saved.and(recorded) {
        Ok(()) => see_other(&staff::href(path::HOME)),
        Err(failure) => failed(&state, &failure),
    }
}
