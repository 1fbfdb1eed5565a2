//! The server's answer pages to the plain (no-JavaScript) forms: the site's own document and
//! frame, and words that fit what is on them.

use axum::http::StatusCode;
use swg_model::api::path;
use swg_tests::App;

const WINDOW: &str = "huji";

/// The part of a page before `<main` and after `</main>`: the skip link, header and footer.
fn frame(html: &str) -> (String, String) {
    let body = html.split_once("<body>").map_or("", |(_, b)| b);
    let (before, rest) = body.split_once("<main").expect("a main element");
    let after = rest.split_once("</main>").map_or("", |(_, a)| a);
    (before.to_owned(), after.to_owned())
}

#[tokio::test]
async fn an_answer_page_has_the_same_header_footer_and_stylesheet_as_a_pre_rendered_page() {
    let server = App::start().await;
    let (_, home) = server.get("/").await;
    let (status, answer) =
        server.post_form(path::FORM_FEEDBACK, &[("kind", "complaint"), ("window", WINDOW)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.starts_with("<!DOCTYPE html><html lang=\"zh-CN\">"), "{answer}");
    assert!(answer.contains("<title>提交没有成功 - "), "{answer}");
    assert_eq!(frame(&answer), frame(&home), "header and footer are byte-identical");
    let stylesheet = |html: &str| {
        html.split("<link rel=\"stylesheet\"").nth(1).map(|s| s.split('>').next().map(str::to_owned))
    };
    assert_eq!(stylesheet(&answer), stylesheet(&home));
    assert!(
        answer.contains(&format!("href=\"{}\"", swg_model::Route::Feedback.href())),
        "a link back to the form"
    );
}

#[tokio::test]
async fn answer_pages_speak_of_what_is_on_them() {
    let server = App::start().await;
    let (_, refused) = server.post_form(path::FORM_FEEDBACK, &[("kind", "complaint"), ("phone", "12")]).await;
    assert!(refused.contains("有几项需要修改："), "the errors are listed on the page: {refused}");
    assert!(!refused.contains("各栏下面"), "there are no fields on an answer page");
    let suggestion = [("kind", "suggestion"), ("window", WINDOW), ("text", "希望周六也能办理。")];
    let (status, filed) = server.post_form(path::FORM_FEEDBACK, &suggestion).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        filed.contains("凭受理编号和查询码可以在"),
        "no phone was given, so the 查询码 is asked for: {filed}"
    );
    assert!(filed.contains("查询码：<strong class=\"code\">"), "the receipt shows the 查询码: {filed}");
    assert!(!filed.contains("和手机号"), "{filed}");
}
