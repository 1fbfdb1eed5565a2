//! The 一次性告知 checklist in real Chromium at 375 px: ticks survive a reload, answers change
//! the list, a share link reproduces the state in a fresh profile, print shows the 告知单.

use swg_model::checklist::{applicable, Answers};
use swg_model::{ChecklistData, GuidePage, Route};
use swg_tests::{content, Browser, Server};

/// A guide where some answer changes the list, with that question, option and the new list.
fn guide_with_a_changing_answer() -> (GuidePage, String, String, Vec<String>) {
    for guide in content().guides {
        let data: ChecklistData = guide.checklist();
        let default: Vec<String> =
            applicable(&data, &Answers::new()).iter().map(|m| m.name.clone()).collect();
        for q in &data.questions {
            for o in q.options.iter().filter(|o| o.id != q.default) {
                let answers = Answers::from([(q.id.clone(), o.id.clone())]);
                let changed: Vec<String> =
                    applicable(&data, &answers).iter().map(|m| m.name.clone()).collect();
                if changed != default {
                    return (guide.clone(), q.id.clone(), o.id.clone(), changed);
                }
            }
        }
    }
    panic!("no guide has a question that changes its materials");
}

async fn open_guide(browser: &Browser, server: &Server, guide: &GuidePage) {
    browser.goto(&server.url(&Route::Service(guide.id.clone()).href())).await;
    browser.until_app_ready().await;
}

async fn names(browser: &Browser) -> Vec<String> {
    let mut out = Vec::new();
    for name in browser.all(".material .name").await {
        out.push(name.text().await.expect("text"));
    }
    out
}

async fn ticked(browser: &Browser) -> serde_json::Value {
    browser.js("return [...document.querySelectorAll('.material input')].filter(i => i.checked).map(i => i.value)").await
}

#[tokio::test]
async fn ticks_survive_a_reload() {
    let (guide, ..) = guide_with_a_changing_answer();
    let total = applicable(&guide.checklist(), &Answers::new()).len();
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    open_guide(&browser, &server, &guide).await;
    assert_eq!(browser.text(".progress").await, format!("已备 0/{total}"));

    browser.find(".material input").await.click().await.expect("tick");
    assert_eq!(browser.text(".progress").await, format!("已备 1/{total}"));
    let first = ticked(&browser).await;

    browser.client.refresh().await.expect("reload");
    browser.until_app_ready().await;
    browser
        .until(
            "the tick is restored",
            "return document.querySelectorAll('.material input:checked').length === 1",
        )
        .await;
    assert_eq!(ticked(&browser).await, first);
    assert_eq!(browser.text(".progress").await, format!("已备 1/{total}"));

    browser.find(".actions .button.secondary:last-child").await.click().await.expect("start over");
    browser
        .until(
            "the ticks are cleared",
            "return document.querySelectorAll('.material input:checked').length === 0",
        )
        .await;
    browser.client.refresh().await.expect("reload");
    browser.until_app_ready().await;
    assert_eq!(browser.text(".progress").await, format!("已备 0/{total}"));
    browser.close().await;
}

#[tokio::test]
async fn answering_a_question_changes_the_list() {
    let (guide, question, option, expected) = guide_with_a_changing_answer();
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    open_guide(&browser, &server, &guide).await;
    browser
        .find(&format!("input[name='q-{question}'][value='{option}']"))
        .await
        .click()
        .await
        .expect("answer");
    let expected_json = serde_json::to_string(&expected).expect("json");
    browser
        .until(
            "the list follows the answer",
            &format!("return JSON.stringify([...document.querySelectorAll('.material .name')].map(n => n.textContent)) === {expected_json:?}"),
        )
        .await;
    assert_eq!(names(&browser).await, expected);
    browser.close().await;
}

#[tokio::test]
async fn answers_to_the_situation_questions_survive_a_reload() {
    let (guide, question, option, expected) = guide_with_a_changing_answer();
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    open_guide(&browser, &server, &guide).await;
    let choice = format!("input[name='q-{question}'][value='{option}']");
    browser.find(&choice).await.click().await.expect("answer");
    let expected_json = serde_json::to_string(&expected).expect("json");
    let follows = format!(
        "return JSON.stringify([...document.querySelectorAll('.material .name')].map(n => n.textContent)) === {expected_json:?}"
    );
    browser.until("the list follows the answer", &follows).await;

    browser.client.refresh().await.expect("reload");
    browser.until_app_ready().await;
    browser
        .until(
            "the answer is still chosen after a reload",
            &format!("return document.querySelector({choice:?})?.checked === true"),
        )
        .await;
    browser.until("and the list still follows it", &follows).await;
    browser.close().await;
}

#[tokio::test]
async fn a_tick_and_an_answer_made_before_the_app_has_started_are_kept() {
    let (guide, question, option, expected) = guide_with_a_changing_answer();
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    // The wasm is still on its way over a slow connection: the page is only its HTML.
    browser.block(&["*.wasm"]).await;
    browser.goto(&server.url(&Route::Service(guide.id.clone()).href())).await;
    let first = browser.find(".material input").await;
    let first_id = first.attr("value").await.expect("attr").expect("a material id");
    first.click().await.expect("tick before the app runs");
    let choice = format!("input[name='q-{question}'][value='{option}']");
    browser.find(&choice).await.click().await.expect("answer before the app runs");

    // The wasm arrives and the app starts.
    browser.block(&[]).await;
    browser
        .js("const s = document.createElement('script'); s.type = 'module'; \
             s.textContent = document.querySelector('script[type=module]').textContent; \
             document.head.append(s); return true")
        .await;
    browser.until_app_ready().await;
    browser
        .until("the answer is kept", &format!("return document.querySelector({choice:?})?.checked === true"))
        .await;
    assert_eq!(names(&browser).await, expected, "the list follows the answer given before the start");
    let still_listed =
        guide.checklist().materials.iter().any(|m| m.id == first_id && expected.contains(&m.name));
    let want = if still_listed { serde_json::json!([first_id]) } else { serde_json::json!([]) };
    assert_eq!(ticked(&browser).await, want);
    assert_eq!(
        browser.text(".progress").await,
        format!("已备 {}/{}", usize::from(still_listed), expected.len())
    );
    browser.close().await;
}

#[tokio::test]
async fn a_share_link_reproduces_the_state_in_a_fresh_profile_and_never_overwrites_without_asking() {
    let (guide, question, option, expected) = guide_with_a_changing_answer();
    let server = Server::start().await;

    let sender = Browser::open(true).await;
    open_guide(&sender, &server, &guide).await;
    sender
        .find(&format!("input[name='q-{question}'][value='{option}']"))
        .await
        .click()
        .await
        .expect("answer");
    sender
        .until(
            "the list changed",
            &format!("return document.querySelectorAll('.material').length === {}", expected.len()),
        )
        .await;
    sender.find(".material input").await.click().await.expect("tick");
    let sent_ticks = ticked(&sender).await;
    sender.find(".actions .button.secondary").await.click().await.expect("share");
    let link = sender.find(".share a").await.attr("href").await.expect("attr").expect("a share link");
    assert!(link.contains(&format!("{question}.{option}")), "{link}");
    sender.close().await;

    let recipient = Browser::open(true).await;
    recipient.goto(&link).await;
    recipient.until_app_ready().await;
    recipient
        .until(
            "the shared ticks show",
            "return document.querySelectorAll('.material input:checked').length === 1",
        )
        .await;
    assert_eq!(names(&recipient).await, expected);
    assert_eq!(ticked(&recipient).await, sent_ticks);
    assert_eq!(
        recipient
            .js(&format!(
                "return document.querySelector(\"input[name='q-{question}'][value='{option}']\").checked"
            ))
            .await,
        true
    );

    // The recipient changes their own list, then opens the link again: they are asked first.
    recipient.find(".material input:checked").await.click().await.expect("untick");
    recipient.goto(&link).await;
    recipient.until_app_ready().await;
    let notice = recipient.text(".checklist .notice").await;
    assert!(notice.contains("和您手机上保存的不一样"), "{notice}");
    assert!(notice.contains("分享的清单勾了 1 项，您的勾了 0 项"), "it says what differs: {notice}");
    assert_eq!(ticked(&recipient).await, serde_json::json!([]));
    recipient.find(".checklist .notice .button.secondary").await.click().await.expect("keep mine");
    recipient.client.refresh().await.expect("reload");
    recipient.until_app_ready().await;
    assert_eq!(ticked(&recipient).await, serde_json::json!([]));
    recipient.close().await;
}

#[tokio::test]
async fn printing_shows_the_notice_slip_without_navigation() {
    let (guide, ..) = guide_with_a_changing_answer();
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    open_guide(&browser, &server, &guide).await;
    browser.emulate_media("print").await;
    let visible = |css: &str| {
        format!(
            "const e = document.querySelector('{css}'); return !!e && getComputedStyle(e).display !== 'none'"
        )
    };
    assert_eq!(browser.js(&visible(".slip-title")).await, true);
    assert_eq!(browser.text(".slip-title").await, "一次性告知单");
    assert_eq!(browser.js(&visible(".top")).await, false);
    assert_eq!(browser.js(&visible(".bottom")).await, false);
    assert_eq!(browser.js(&visible(".actions")).await, false);
    assert_eq!(browser.js(&visible(".material")).await, true);
    let slip = browser.text(".slip-head").await;
    assert!(slip.contains(&guide.title) && slip.contains(&guide.window.local.address), "{slip}");
    assert!(slip.contains("打印日期：20"), "{slip}");
    browser.close().await;
}
