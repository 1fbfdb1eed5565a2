//! Pages whose address carries what they should show, rendered for readers without JavaScript:
//! a guide with a checklist share link (the sender's list, not the default one) and the search
//! page with `?q=` (the results, not only the A–Z list). Every other request is the static site's.

use crate::files;
use crate::AppState;
use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use swg_model::checklist::ChecklistState;
use swg_model::{Content, Lang, Route, Shown};
use tower::ServiceExt;

/// The longest query the search page is rendered for.
const MAX_QUERY: usize = 100;

/// `GET /services/{id}/`: with a checklist in the query, the guide rendered with it.
pub async fn guide(state: State<AppState>, id: Path<String>, request: Request) -> Response {
    shared_guide(state, id, Lang::Zh, request).await
}

/// `GET /en/services/{id}/`: the English guide, the same way.
pub async fn english_guide(state: State<AppState>, id: Path<String>, request: Request) -> Response {
    shared_guide(state, id, Lang::En, request).await
}

async fn shared_guide(
    State(state): State<AppState>,
    Path(id): Path<String>,
    lang: Lang,
    request: Request,
) -> Response {
    let shared = request.uri().query().and_then(ChecklistState::from_query);
    let guides = lang.pick(&state.site.guides, &state.site.english.guides);
    let guide = guides.iter().find(|g| g.id == id);
    if let (Some(checklist), Some(guide)) = (shared, guide) {
        let content = Content::Service(Box::new(guide.clone()));
        let route = Route::Service(id.clone()).in_lang(lang);
        if let Some(page) = render(&state, &route, &content, &Shown { checklist, ..Shown::default() }) {
            return page;
        }
    }
    static_file(&state, request).await
}

/// `GET /search/`: with `?q=`, the search page rendered with its results.
pub async fn search(state: State<AppState>, request: Request) -> Response {
    search_in(state, Lang::Zh, request).await
}

/// `GET /en/search/`: the English pages' search, the same way.
pub async fn english_search(state: State<AppState>, request: Request) -> Response {
    search_in(state, Lang::En, request).await
}

async fn search_in(State(state): State<AppState>, lang: Lang, request: Request) -> Response {
    let query = request.uri().query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "q").map(|(_, v)| v.into_owned())
    });
    if let Some(query) = query.filter(|q| !q.trim().is_empty()) {
        let query: String = query.chars().take(MAX_QUERY).collect();
        let content = Content::Search(state.site.search_in(lang));
        let route = Route::Search.in_lang(lang);
        if let Some(page) = render(&state, &route, &content, &Shown { query, ..Shown::default() }) {
            return page;
        }
    }
    static_file(&state, request).await
}

fn render(state: &AppState, route: &Route, content: &Content, shown: &Shown) -> Option<Response> {
    let lang = route.lang();
    let mut page = swg_app::page_data(&state.site.info, &state.site.calendar, lang, content);
    page.versions = state.site.versions(route);
    let description = content.description(&state.site.info, lang);
    let html = swg_app::page_document(&state.site.info, &page, description, &state.assets, shown).ok()?;
    let headers = [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")];
    Some((StatusCode::OK, headers, html).into_response())
}

async fn static_file(state: &AppState, request: Request) -> Response {
    match files::service(&state.config.dist).oneshot(request).await {
        Ok(file) => file.into_response(),
        Err(never) => match never {},
    }
}
