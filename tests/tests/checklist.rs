//! The 一次性告知 checklist in real Chromium at 375 px: ticks survive a reload, answers change
//! the list, a share link reproduces the state in a fresh profile, print shows the 告知单.

use swg_model::checklist::{to_bring, Answers};
use swg_model::{ChecklistData, GuidePage, Route};
use swg_tests::{content, Browser, Server};

/// A guide where some answer changes the list, with that question, option and the new list.
fn guide_with_a_changing_answer() -> (GuidePage, String, String, Vec<String>) {
    for guide in content().guides {
        let data: ChecklistData = guide.checklist();
        let default: Vec<String> = to_bring(&data, &Answers::new()).iter().map(|m| m.name.clone()).collect();
        for q in &data.questions {
            for o in q.options.iter().filter(|o| o.id != q.default) {
                let answers = Answers::from([(q.id.clone(), o.id.clone())]);
                let changed: Vec<String> = to_bring(&data, &answers).iter().map(|m| m.name.clone()).collect();
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
    let total = to_bring(&guide.checklist(), &Answers::new()).len();
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

    browser
        .until(
            "重新开始 can be pressed",
            "const b = [...document.querySelectorAll('.checklist .actions button')].find(b => b.textContent === '重新开始'); if (b) { b.click(); return true } return false",
        )
        .await;
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
    // Until the app runs, the buttons that need it say so by being disabled.
    assert_eq!(
        browser
            .js("return [...document.querySelectorAll('.checklist .actions button')].every(b => b.disabled)")
            .await,
        true
    );
    assert!(browser.text(".questions .hint").await.contains("正在加载"));
    let choice = format!("input[name='q-{question}'][value='{option}']");
    browser.find(&choice).await.click().await.expect("answer before the app runs");

    // The wasm arrives over a weak signal (1.5 s more per request) on a slow phone (4x CPU)
    // and the app starts.
    browser.slow_network(1500).await;
    browser.throttle_cpu(4.0).await;
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
    assert_eq!(
        browser
            .js("return [...document.querySelectorAll('.checklist .actions button')].some(b => b.disabled)")
            .await,
        false,
        "the buttons work once the app runs"
    );
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
    // The sender changes their list and opens their own link: it is recognised as theirs.
    sender.find(".material input:checked").await.click().await.expect("untick");
    sender.goto(&link).await;
    sender.until_app_ready().await;
    let own = sender.text(".checklist .notice").await;
    assert!(own.contains("这是您之前从这台手机分享出去的清单") && !own.contains("别人"), "{own}");
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

/// The guide and answers that give the longest list to bring, as a share-link query.
fn longest_list() -> (GuidePage, String, usize) {
    let mut best: Option<(GuidePage, Answers, usize)> = None;
    for guide in content().guides {
        let data = guide.checklist();
        for answers in swg_model::checklist::all_answer_combinations(&data.questions) {
            let count = to_bring(&data, &answers).len();
            if best.as_ref().is_none_or(|(_, _, most)| count > *most) {
                best = Some((guide.clone(), answers, count));
            }
        }
    }
    let (guide, answers, count) = best.expect("guides exist");
    let query = swg_model::checklist::ChecklistState { answers, ticked: Default::default() }.to_query();
    (guide, query, count)
}

#[tokio::test]
async fn the_printed_slip_carries_fee_phone_presence_what_is_missing_and_a_qr_code_on_one_page() {
    let (guide, query, count) = longest_list();
    let data = guide.checklist();
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&format!("{}?{query}", server.url(&Route::Service(guide.id.clone()).href()))).await;
    browser.until_app_ready().await;
    browser
        .until(
            "the shared list shows",
            &format!("return document.querySelectorAll('.material').length === {count}"),
        )
        .await;
    browser.find(".material input").await.click().await.expect("tick the first item");
    browser.emulate_media("print").await;
    let visible = |css: &str| {
        format!(
            "const e = document.querySelector('{css}'); return !!e && getComputedStyle(e).display !== 'none'"
        )
    };
    for shown in [".slip-title", ".material", ".slip-foot", ".slip-foot svg.qr", ".missing"] {
        assert_eq!(browser.js(&visible(shown)).await, true, "{shown} is printed");
    }
    for hidden in [".top", ".bottom", ".actions", ".question", ".material .how"] {
        assert_eq!(browser.js(&visible(hidden)).await, false, "{hidden} is not printed");
    }
    let slip = browser.text(".slip-head").await;
    for part in [&guide.title, &data.address, &data.phone, &data.fee, &data.time_limit, data.presence.label()]
    {
        assert!(slip.contains(part), "the slip names {part}: {slip}");
    }
    assert!(slip.contains("打印日期：20"), "{slip}");
    let missing = browser.text(".missing").await;
    assert!(missing.contains(&format!("还缺 {} 项", count - 1)), "{missing}");
    let foot = browser.text(".slip-foot").await;
    assert!(foot.contains(&data.page_url) && foot.contains(&data.phone), "{foot}");
    let size =
        browser.js("return getComputedStyle(document.querySelector('.material .name')).fontSize").await;
    assert_eq!(size, "20px", "the slip is printed in 20 px text");

    // Up to 12 items (the longest real list, made up to 12 on the page) fit one A4 page.
    browser
        .js("const list = document.querySelector('ol.materials'); \
             while (list.children.length < 12) list.append(list.lastElementChild.cloneNode(true)); return true")
        .await;
    assert_eq!(browser.printed_pages().await, 1, "a 12-item slip fits one page (longest real list: {count})");
    browser.js("document.documentElement.classList.add('care'); return true").await;
    assert_eq!(browser.printed_pages().await, 1, "and in 长辈版 too");
    browser.close().await;
}

#[tokio::test]
async fn what_the_window_provides_is_listed_apart_and_never_counted_as_missing() {
    let guide = content()
        .guides
        .into_iter()
        .find(|g| {
            swg_model::checklist::applicable(&g.checklist(), &Answers::new()).iter().any(|m| m.provided)
        })
        .expect("a guide whose window provides a form");
    let data = guide.checklist();
    let provided: Vec<String> = swg_model::checklist::applicable(&data, &Answers::new())
        .iter()
        .filter(|m| m.provided)
        .map(|m| m.name.clone())
        .collect();
    let total = to_bring(&data, &Answers::new()).len();
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    open_guide(&browser, &server, &guide).await;
    let listed = names(&browser).await;
    assert!(provided.iter().all(|p| !listed.contains(p)), "{listed:?}");
    assert_eq!(
        browser.text(".provided").await,
        format!("不用带，窗口现场提供并填写：{}", provided.join("、"))
    );
    assert_eq!(browser.text(".progress").await, format!("已备 0/{total}"));
    for input in browser.all(".material input").await {
        input.click().await.expect("tick");
    }
    assert_eq!(browser.text(".missing").await, "材料已备齐，可以出发了。");
    browser.close().await;
}

#[tokio::test]
async fn a_list_saved_in_the_old_format_is_read_and_what_the_guide_added_since_is_named() {
    let (guide, ..) = guide_with_a_changing_answer();
    let data = guide.checklist();
    let bring = to_bring(&data, &Answers::new());
    let (first, last) = (bring[0].id.clone(), bring[bring.len() - 1].clone());
    let key = format!("swg.checklist.{}", guide.id);
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    open_guide(&browser, &server, &guide).await;

    // A list saved before the format had versions: answers and ticks only.
    let legacy = serde_json::json!({ "a": {}, "t": [first] }).to_string();
    browser.js(&format!("localStorage.setItem({key:?}, {legacy:?}); return true")).await;
    browser.client.refresh().await.expect("reload");
    browser.until_app_ready().await;
    browser
        .until(
            "the old tick shows",
            "return document.querySelectorAll('.material input:checked').length === 1",
        )
        .await;
    assert_eq!(ticked(&browser).await, serde_json::json!([first]));
    assert_eq!(
        browser.js("return document.querySelector('.checklist .notice')").await,
        serde_json::Value::Null
    );

    // A list saved when the guide did not yet have its last material: the citizen is told.
    let ids: Vec<&str> = data.materials.iter().map(|m| m.id.as_str()).filter(|id| *id != last.id).collect();
    let older = serde_json::json!({ "v": 1, "a": {}, "t": [first], "m": ids }).to_string();
    browser.js(&format!("localStorage.setItem({key:?}, {older:?}); return true")).await;
    browser.client.refresh().await.expect("reload");
    browser.until_app_ready().await;
    let notice = browser.text(".checklist .notice").await;
    assert!(notice.contains(&format!("清单新增了：{}", last.name)), "{notice}");

    // Ticking saves the current format, which names every material the guide has now.
    browser.find(".material input:not(:checked)").await.click().await.expect("tick");
    let saved = browser.js(&format!("return JSON.parse(localStorage.getItem({key:?}))")).await;
    assert_eq!(saved["v"], 1, "{saved}");
    assert_eq!(saved["m"].as_array().map(Vec::len), Some(data.materials.len()), "{saved}");
    browser.close().await;
}

#[tokio::test]
async fn a_saved_list_that_does_not_read_is_ignored_and_the_first_tick_saves_a_good_one() {
    let (guide, ..) = guide_with_a_changing_answer();
    let total = to_bring(&guide.checklist(), &Answers::new()).len();
    let key = format!("swg.checklist.{}", guide.id);
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    open_guide(&browser, &server, &guide).await;

    // Not JSON at all, ticks that are not a list, and ticks and answers of the wrong kinds.
    let broken = [
        "not json".to_owned(),
        serde_json::json!({ "v": 1, "a": {}, "t": "not a list" }).to_string(),
        serde_json::json!({ "v": 1, "a": { "q": 7 }, "t": [1.5, -2, null] }).to_string(),
    ];
    for saved in broken {
        browser.js(&format!("localStorage.setItem({key:?}, {saved:?}); return true")).await;
        browser.client.refresh().await.expect("reload");
        browser.until_app_ready().await;
        assert_eq!(browser.text(".progress").await, format!("已备 0/{total}"), "{saved}");
        assert_eq!(ticked(&browser).await, serde_json::json!([]), "{saved}");
    }

    browser.find(".material input").await.click().await.expect("tick");
    let saved = browser.js(&format!("return JSON.parse(localStorage.getItem({key:?}))")).await;
    assert_eq!(saved["v"], 1, "{saved}");
    assert_eq!(saved["t"].as_array().map(Vec::len), Some(1), "{saved}");
    browser.close().await;
}

#[tokio::test]
async fn a_share_link_opened_without_javascript_shows_the_shared_list_not_the_default_one() {
    let (guide, question, option, expected) = guide_with_a_changing_answer();
    let first =
        to_bring(&guide.checklist(), &Answers::from([(question.clone(), option.clone())]))[0].id.clone();
    let server = Server::start().await;
    let browser = Browser::open(false).await;
    let page = server.url(&Route::Service(guide.id.clone()).href());
    browser.goto(&format!("{page}?a={question}.{option}&t={first}")).await;
    assert_eq!(names(&browser).await, expected, "the list follows the shared answer");
    assert_eq!(ticked(&browser).await, serde_json::json!([first]));

    // The same page without a share link is the default list, served as the static file.
    browser.goto(&page).await;
    assert_eq!(ticked(&browser).await, serde_json::json!([]));
    assert_ne!(names(&browser).await, expected);
    // A link with junk in it is harmless: the defaults.
    browser.goto(&format!("{page}?a=<script>.x&t=../../etc")).await;
    assert_ne!(names(&browser).await, expected);
    browser.close().await;
}

/// The text of the listed material with this id, as rendered for the current media.
async fn material_text(browser: &Browser, id: &str) -> String {
    let script = format!(
        "const i = document.querySelector(\"input[value='{id}']\"); return i.closest('.material').innerText"
    );
    browser.js(&script).await.as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_material_marked_unsure_shows_its_mark_on_the_page_the_checklist_and_the_printed_slip() {
    let (guide, material) = content()
        .guides
        .into_iter()
        .find_map(|g| {
            let m =
                to_bring(&g.checklist(), &Answers::new()).into_iter().find(|m| m.unsure.is_some())?.clone();
            Some((g, m))
        })
        .expect("a guide marks a material of its default list unsure");
    let note = material.unsure.clone().unwrap_or_default();
    let server = Server::start().await;
    // Without JavaScript: the page as served.
    let plain = Browser::open(false).await;
    plain.goto(&server.url(&Route::Service(guide.id.clone()).href())).await;
    let shown = material_text(&plain, &material.id).await;
    assert!(shown.contains(&format!("{}{note}", swg_model::UNSURE_MARK)), "{shown}");
    plain.close().await;

    // The interactive checklist, then its printed slip.
    let browser = Browser::open(true).await;
    open_guide(&browser, &server, &guide).await;
    let listed = material_text(&browser, &material.id).await;
    assert!(listed.contains(&format!("{}{note}", swg_model::UNSURE_MARK)), "{listed}");
    browser.emulate_media("print").await;
    let printed = material_text(&browser, &material.id).await;
    assert!(printed.contains(swg_model::UNSURE_MARK), "the slip marks it: {printed}");
    browser.close().await;
}

#[tokio::test]
async fn every_guides_longest_slip_prints_on_one_page() {
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    let mut over = Vec::new();
    for guide in content().guides {
        let data = guide.checklist();
        let answers = swg_model::checklist::all_answer_combinations(&data.questions)
            .into_iter()
            .max_by_key(|a| to_bring(&data, a).len())
            .unwrap_or_default();
        let query = swg_model::checklist::ChecklistState { answers, ticked: Default::default() }.to_query();
        browser.goto(&format!("{}?{query}", server.url(&Route::Service(guide.id.clone()).href()))).await;
        browser.until_app_ready().await;
        let pages = browser.printed_pages().await;
        if pages != 1 {
            over.push(format!("{}: {pages} pages", guide.id));
        }
    }
    assert!(over.is_empty(), "slips longer than one page: {over:?}");
    browser.close().await;
}

#[tokio::test]
async fn read_aloud_reads_the_materials_where_the_browser_can_speak_and_is_hidden_where_it_cannot() {
    let (guide, ..) = guide_with_a_changing_answer();
    let names_to_bring: Vec<String> =
        to_bring(&guide.checklist(), &Answers::new()).iter().map(|m| m.name.clone()).collect();
    let server = Server::start().await;
    let speaking = Browser::open(true).await;
    // A speech engine that writes down what it is asked to say.
    speaking
        .before_each_page(
            "window.__spoken = []; window.SpeechSynthesisUtterance = function (text) { this.text = text; };
             Object.defineProperty(window, 'speechSynthesis', { value: { cancel() {}, speak(u) { window.__spoken.push(u.text); } } });",
        )
        .await;
    open_guide(&speaking, &server, &guide).await;
    let script = "const b = [...document.querySelectorAll('.checklist button')].find(b => b.textContent === '读给我听'); if (b) { b.click(); return true } return false";
    speaking.until("读给我听 is offered", script).await;
    let spoken = speaking.js("return window.__spoken.join('')").await;
    let spoken = spoken.as_str().unwrap_or_default();
    assert!(spoken.starts_with(&guide.title), "{spoken}");
    for name in &names_to_bring {
        assert!(spoken.contains(name.as_str()), "{name} is read: {spoken}");
    }
    speaking.close().await;

    let silent = Browser::open(true).await;
    silent.before_each_page("Object.defineProperty(window, 'speechSynthesis', { value: undefined });").await;
    open_guide(&silent, &server, &guide).await;
    let offered = silent
        .js("return [...document.querySelectorAll('.checklist button')].some(b => b.textContent === '读给我听')")
        .await;
    assert_eq!(offered, false, "no button that cannot work");
    silent.close().await;
}
