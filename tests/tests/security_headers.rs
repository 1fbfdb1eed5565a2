//! The headers of every answer (CSP the pages pass, Permissions-Policy, HSTS when configured,
//! `Vary` on pre-compressed files, `no-store` on personal data), and plain-form posts from
//! other sites refused.

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, StatusCode};
use base64::Engine;
use serde_json::json;
use sha2::{Digest, Sha256};
use swg_model::api::path;
use swg_model::Bundle;
use swg_tests::{App, WINDOW};

async fn get(app: &App, uri: &str, accept_encoding: Option<&str>) -> (StatusCode, HeaderMap, String) {
    let mut request = http::Request::builder().method(Method::GET).uri(uri);
    if let Some(encoding) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, encoding);
    }
    app.exchange(request.body(Body::empty()).expect("request")).await
}

fn value<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

/// The inline module script of a page, exactly as the browser hashes it.
fn inline_loader(html: &str) -> String {
    let start =
        html.find("<script type=\"module\">").expect("an inline loader") + "<script type=\"module\">".len();
    html[start..].split("</script>").next().expect("its end").to_owned()
}

#[tokio::test]
async fn pages_allow_exactly_their_own_inline_loader_and_wasm() {
    let app = App::start().await;
    for page in ["/", "/services/shenfenzheng-huanling/", "/book/"] {
        let (status, headers, html) = get(&app, page, None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let csp = value(&headers, "content-security-policy");
        let hash =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(inline_loader(&html).as_bytes()));
        assert!(csp.contains(&format!("'sha256-{hash}'")), "{page}: the loader's hash is allowed: {csp}");
        let care = html
            .split("<script>")
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .expect("the 长辈版 script");
        let care = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(care.as_bytes()));
        assert!(csp.contains(&format!("'sha256-{care}'")), "{page}: the 长辈版 script is allowed: {csp}");
        assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("default-src 'self'"), "{csp}");
        let scripts = csp.split(';').find(|d| d.trim().starts_with("script-src")).expect("a script-src");
        assert!(!scripts.contains("unsafe-inline"), "no other inline script may run: {scripts}");
        assert!(value(&headers, "permissions-policy").contains("geolocation=()"));
        assert_eq!(value(&headers, "vary"), "Accept-Encoding");
        assert_eq!(value(&headers, "cache-control"), "no-cache");
        assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(), "HSTS only when configured");
    }
}

#[tokio::test]
async fn a_pre_compressed_wasm_file_says_it_varies_by_encoding_and_is_kept_for_a_year() {
    let app = App::start().await;
    let wasm = app.state.assets.bundle(Bundle::App).expect("a reading bundle").wasm.clone();
    let (status, headers, _) = get(&app, &format!("/{wasm}"), Some("br, gzip")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(value(&headers, "content-encoding"), "br");
    assert_eq!(value(&headers, "vary"), "Accept-Encoding");
    assert_eq!(value(&headers, "cache-control"), "public, max-age=31536000, immutable");
}

#[tokio::test]
async fn answers_with_personal_data_are_never_stored_and_hsts_is_sent_when_configured() {
    let app = App::start_with(|c| c.hsts = true).await;
    let (_, headers, _) = app
        .post_json_from(
            "192.0.2.8",
            path::FEEDBACK,
            &json!({ "idempotency_key": "headers-1", "kind": "praise", "window": WINDOW, "rating": 5 }),
        )
        .await;
    assert_eq!(value(&headers, "cache-control"), "no-store");
    assert!(value(&headers, "strict-transport-security").starts_with("max-age="));
    let (_, headers, _) = app.post_form_from("192.0.2.8", path::FORM_FEEDBACK, &[("kind", "praise")]).await;
    assert_eq!(value(&headers, "cache-control"), "no-store");
}

async fn feedback_count(app: &App) -> i64 {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM feedback").fetch_one(&app.state.pool).await.expect("count");
    n
}

#[tokio::test]
async fn a_form_posted_from_another_site_is_refused_with_a_page_and_nothing_is_filed() {
    let app = App::start().await;
    let body =
        "kind=complaint&window=huji&text=%E6%8E%92%E9%98%9F%E5%A4%AA%E4%B9%85&phone=13900000001&consent=on";
    for (name, value) in [("sec-fetch-site", "cross-site"), ("origin", "https://elsewhere.example")] {
        let request = http::Request::builder()
            .method(Method::POST)
            .uri(path::FORM_FEEDBACK)
            .header(header::HOST, "guide.example")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(name, value)
            .body(Body::from(body))
            .expect("request");
        let (status, _, page) = app.exchange(request).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{name}");
        assert!(page.contains("来自别的网站"), "{page}");
    }
    assert_eq!(feedback_count(&app).await, 0);
    let same_site = http::Request::builder()
        .method(Method::POST)
        .uri(path::FORM_FEEDBACK)
        .header(header::HOST, "guide.example")
        .header(header::ORIGIN, "https://guide.example")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request");
    assert_eq!(app.exchange(same_site).await.0, StatusCode::OK);
    assert_eq!(feedback_count(&app).await, 1);
}
