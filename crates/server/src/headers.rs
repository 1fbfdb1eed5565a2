//! The headers of every answer: a Content-Security-Policy the pages pass, HSTS when configured,
//! `Permissions-Policy`, caching (never any for personal data), `Vary` for pre-compressed files,
//! and cross-site posts to the plain forms refused.

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use swg_model::Assets;

/// The policy: only the site's own files, the wasm they load, and the inline loaders by hash.
pub fn content_security_policy(assets: &Assets) -> String {
    let scripts = assets
        .bundles
        .iter()
        .map(|b| swg_app::loader_script(&b.js, &b.wasm))
        .chain([swg_app::CARE_SCRIPT.to_owned()]);
    let hashes: String = scripts
        .map(|script| format!(" 'sha256-{}'", STANDARD.encode(Sha256::digest(script.as_bytes()))))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

const PERMISSIONS: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/// Adds the security and caching headers.
pub async fn add(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let console = path.contains("/staff/");
    let personal = path.contains("/api/") || path.contains("/forms/") || console;
    let mut response = next.run(request).await;
    let ok = response.status().is_success();
    let headers = response.headers_mut();
    let cache = if personal {
        "no-store"
    } else if path.contains("/assets/") && ok {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if !personal {
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    headers.insert(header::CONTENT_SECURITY_POLICY, state.csp.clone());
    if state.config.hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    headers.insert("permissions-policy", HeaderValue::from_static(PERMISSIONS));
    if console {
        headers.insert("x-robots-tag", HeaderValue::from_static("noindex, nofollow"));
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    response
}

/// Whether a post comes from another site: the browser says so in `Sec-Fetch-Site`, or, in
/// older browsers, an `Origin` whose host is not this one. A post with neither (no browser, or
/// a very old one) is not cross-site by what it shows.
pub fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => false,
        Some(origin) => {
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            Some(origin_host) != host
        }
    }
}

/// Middleware for `/forms/*` and the staff console: a post from another site gets a page saying
/// so, and nothing is filed or changed.
pub async fn same_site_forms(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let form = request.uri().path().contains("/forms/") || request.uri().path().contains("/staff/");
    if form && request.method() == Method::POST && is_cross_site(request.headers()) {
        let failure = crate::error::Failure::Forbidden(
            "这个提交来自别的网站，没有受理。请在本站的页面上填写并提交。".into(),
        );
        return crate::forms::failure_page(
            &state,
            &failure,
            crate::forms::back(request.uri().path()),
            swg_model::Lang::Zh,
        );
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn a_post_from_another_site_is_recognised_by_either_header() {
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(is_cross_site(&headers(&[("host", "guide.example"), ("origin", "https://evil.example")])));
        assert!(!is_cross_site(&headers(&[("host", "guide.example"), ("origin", "https://guide.example")])));
        assert!(!is_cross_site(&headers(&[("host", "guide.example")])));
    }
}
