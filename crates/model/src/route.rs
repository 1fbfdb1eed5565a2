//! Every route of the site as a typed value: parsing a path, building links and file names.

use crate::Lang;

/// The sub-path the site is deployed under, fixed at build time (`SWG_BASE_PATH`, e.g. `/guide`).
/// Empty when the site lives at the root of its host.
pub fn base_path() -> &'static str {
    match option_env!("SWG_BASE_PATH") {
        Some(base) => base.trim_end_matches('/'),
        None => "",
    }
}

/// A page of the site.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    Home,
    Window(String),
    Service(String),
    Search,
    /// 预约办理
    Book,
    /// 预约查询、改约、取消
    Manage,
    /// 意见箱：投诉、建议、表扬、咨询、评价
    Feedback,
    /// 办理进度查询
    Track,
    /// 好差评公开数据
    Stats,
    /// 最近更新: what changed in which guide
    Changes,
    /// 一件事一次办: a life event's guides with one merged checklist
    Event(String),
    /// 告知承诺: a pledge's text, to sign instead of bringing a certificate
    Pledge(String),
    NotFound,
    /// The English version of a page, below `/en/` (the exit-entry window's pages and forms).
    En(Box<Route>),
}

impl Route {
    /// The path of the route below the base path, always with a trailing slash.
    pub fn path(&self) -> String {
        match self {
            Route::Home => "/".to_owned(),
            Route::Window(id) => format!("/windows/{id}/"),
            Route::Service(id) => format!("/services/{id}/"),
            Route::Search => "/search/".to_owned(),
            Route::Book => "/book/".to_owned(),
            Route::Manage => "/book/manage/".to_owned(),
            Route::Feedback => "/feedback/".to_owned(),
            Route::Track => "/feedback/track/".to_owned(),
            Route::Stats => "/stats/".to_owned(),
            Route::Changes => "/changes/".to_owned(),
            Route::Event(id) => format!("/events/{id}/"),
            Route::Pledge(id) => format!("/pledges/{id}/"),
            Route::NotFound => "/404.html".to_owned(),
            Route::En(page) => format!("/en{}", page.path()),
        }
    }

    /// The same page in `lang`.
    pub fn in_lang(self, lang: Lang) -> Route {
        match (self, lang) {
            (Route::En(page), Lang::Zh) => *page,
            (Route::En(page), Lang::En) => Route::En(page),
            (page, Lang::Zh) => page,
            (page, Lang::En) => Route::En(Box::new(page)),
        }
    }

    /// The language the route's page is written in.
    pub fn lang(&self) -> Lang {
        match self {
            Route::En(_) => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// The link to the route with a query string (values must already be URL-safe ids).
    pub fn href_with(&self, query: &[(&str, &str)]) -> String {
        with_query(self.href(), query)
    }

    /// The link to the route, including the deployment's base path.
    pub fn href(&self) -> String {
        format!("{}{}", base_path(), self.path())
    }

    /// Where the pre-rendered HTML of the route lives inside `dist/`.
    pub fn html_file(&self) -> String {
        match self {
            Route::NotFound => "404.html".to_owned(),
            other => format!("{}index.html", other.path().trim_start_matches('/')),
        }
    }

    /// Where the route's page data (JSON, for client-side navigation) lives inside `dist/`.
    pub fn data_file(&self) -> String {
        match self {
            Route::Home => "data/home.json".to_owned(),
            Route::Window(id) => format!("data/windows/{id}.json"),
            Route::Service(id) => format!("data/services/{id}.json"),
            Route::Search => "data/search.json".to_owned(),
            Route::Book => "data/book.json".to_owned(),
            Route::Manage => "data/manage.json".to_owned(),
            Route::Feedback => "data/feedback.json".to_owned(),
            Route::Track => "data/track.json".to_owned(),
            Route::Stats => "data/stats.json".to_owned(),
            Route::Changes => "data/changes.json".to_owned(),
            Route::Event(id) => format!("data/events/{id}.json"),
            Route::Pledge(id) => format!("data/pledges/{id}.json"),
            Route::NotFound => "data/404.json".to_owned(),
            Route::En(page) => format!("data/en/{}", page.data_file().trim_start_matches("data/")),
        }
    }

    /// The URL the browser fetches the page data from.
    pub fn data_href(&self) -> String {
        format!("{}/{}", base_path(), self.data_file())
    }

    /// Parses a browser path (with the base path already removed, query and fragment ignored).
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let path = path.strip_suffix("index.html").unwrap_or(path);
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            ["en", rest @ ..] => match Route::parse(&rest.join("/")) {
                Route::NotFound | Route::En(_) => Route::NotFound,
                page => Route::En(Box::new(page)),
            },
            [] => Route::Home,
            ["windows", id] if is_id(id) => Route::Window((*id).to_owned()),
            ["services", id] if is_id(id) => Route::Service((*id).to_owned()),
            ["search"] => Route::Search,
            ["book"] => Route::Book,
            ["book", "manage"] => Route::Manage,
            ["feedback"] => Route::Feedback,
            ["feedback", "track"] => Route::Track,
            ["stats"] => Route::Stats,
            ["changes"] => Route::Changes,
            ["events", id] if is_id(id) => Route::Event((*id).to_owned()),
            ["pledges", id] if is_id(id) => Route::Pledge((*id).to_owned()),
            _ => Route::NotFound,
        }
    }

    /// Parses a full location path, removing the base path first.
    pub fn from_location(pathname: &str) -> Route {
        match pathname.strip_prefix(base_path()) {
            Some(rest) => Route::parse(rest),
            None => Route::NotFound,
        }
    }
}

/// A `tel:` link for a phone number as written in content ("0000-1234 5601" → "tel:000012345601").
pub fn tel_href(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("tel:{digits}")
}

/// Whether a string is a valid content id: lower-case ASCII letters, digits and `-`.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `link` with `query` appended (empty values left out).
fn with_query(link: String, query: &[(&str, &str)]) -> String {
    let pairs: Vec<String> =
        query.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={v}")).collect();
    if pairs.is_empty() {
        link
    } else {
        format!("{link}?{}", pairs.join("&"))
    }
}

/// The server's booking form for a window (and a service), for browsers without JavaScript.
pub fn plain_booking_href(window: &str, service: &str, lang: Lang) -> String {
    with_query(
        format!("{}{}", base_path(), crate::api::path::FORM_BOOKING),
        &[("window", window), ("service", service), ("lang", lang.pick("", lang.id()))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_parses_back_from_its_own_path() {
        for route in [
            Route::Home,
            Route::Window("huji".into()),
            Route::Service("huzhao-shouci".into()),
            Route::Search,
            Route::Event("xinshenger".into()),
            Route::Pledge("zhengming-chengnuo".into()),
        ] {
            assert_eq!(Route::parse(&route.path()), route);
        }
    }

    #[test]
    fn paths_without_trailing_slash_or_with_index_html_still_match() {
        assert_eq!(Route::parse("/windows/huji"), Route::Window("huji".into()));
        assert_eq!(Route::parse("/services/a-1/index.html"), Route::Service("a-1".into()));
        assert_eq!(Route::parse("/?q=1"), Route::Home);
    }

    #[test]
    fn unknown_or_malformed_paths_are_not_found() {
        assert_eq!(Route::parse("/windows/"), Route::NotFound);
        assert_eq!(Route::parse("/windows/Huji/"), Route::NotFound);
        assert_eq!(Route::parse("/services/a/b/"), Route::NotFound);
        assert_eq!(Route::parse("/../etc/passwd"), Route::NotFound);
    }

    #[test]
    fn an_english_page_lives_below_en_and_switches_back_to_its_chinese_page() {
        let english = Route::Service("huzhao-shouci".into()).in_lang(Lang::En);
        assert_eq!(english.path(), "/en/services/huzhao-shouci/");
        assert_eq!(Route::parse("/en/services/huzhao-shouci/"), english);
        assert_eq!(Route::parse("/en/"), Route::En(Box::new(Route::Home)));
        assert_eq!(english.data_file(), "data/en/services/huzhao-shouci.json");
        assert_eq!(english.html_file(), "en/services/huzhao-shouci/index.html");
        assert_eq!(english.lang(), Lang::En);
        assert_eq!(english.in_lang(Lang::Zh), Route::Service("huzhao-shouci".into()));
        assert_eq!(Route::parse("/en/en/"), Route::NotFound);
        assert_eq!(Route::parse("/en/nowhere/"), Route::NotFound);
    }

    #[test]
    fn files_sit_where_a_static_host_looks_for_them() {
        assert_eq!(Route::Home.html_file(), "index.html");
        assert_eq!(Route::Window("huji".into()).html_file(), "windows/huji/index.html");
        assert_eq!(Route::NotFound.html_file(), "404.html");
        assert_eq!(Route::Service("x".into()).data_file(), "data/services/x.json");
    }
}
