//! The built site as the server delivers it: pages, pre-compressed assets, caching, 404s.

use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING};
use reqwest::StatusCode;
use swg_tests::Server;

fn asset(ext: &str) -> String {
    let dist =
        std::path::PathBuf::from(std::env::var_os("SWG_DIST").expect("SWG_DIST: run `cargo xtask test`"));
    let name = std::fs::read_dir(dist.join("assets"))
        .expect("assets/")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .find(|n| n.starts_with("app-") && n.ends_with(ext))
        .expect("a hashed bundle file");
    format!("/assets/{name}")
}

#[tokio::test]
async fn a_page_is_served_from_its_folder_and_revalidated_on_every_visit() {
    let server = Server::start().await;
    let response = reqwest::get(server.url("/windows/huji/")).await.expect("get");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CACHE_CONTROL], "no-cache");
    assert!(response.text().await.expect("html").contains("派出所户籍窗口"));
}

#[tokio::test]
async fn hashed_assets_come_pre_compressed_and_cached_for_a_year() {
    let server = Server::start().await;
    let client = reqwest::Client::new();
    let response = client
        .get(server.url(&asset(".wasm")))
        .header(ACCEPT_ENCODING, "br, gzip")
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_ENCODING], "br");
    assert_eq!(response.headers()[CACHE_CONTROL], "public, max-age=31536000, immutable");
}

#[tokio::test]
async fn unknown_addresses_and_escapes_get_the_404_page() {
    let server = Server::start().await;
    for path in ["/windows/no-such-window/", "/../../etc/passwd", "/assets/app-000.wasm"] {
        let response = reqwest::get(server.url(path)).await.expect("get");
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(response.text().await.expect("html").contains("页面不存在"), "{path}");
    }
}
