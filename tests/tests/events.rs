//! A life event (一件事一次办) in real Chromium at 375 px: a question answered once answers every
//! guide that asks it, a shared material ticked once is ticked under every step and on each
//! guide's own page, survives a reload, and prints once with its steps; 容缺 is counted apart.

use swg_model::checklist::Answers;
use swg_model::event::{EventPage, Item};
use swg_model::{Deferral, Route};
use swg_tests::{content, Browser, Server};

fn event(id: &str) -> EventPage {
    content().events.into_iter().find(|e| e.id == id).expect("the event is in content/")
}

/// How many elements match `css`.
fn count(css: &str) -> String {
    format!("return document.querySelectorAll('{css}').length")
}

#[tokio::test]
async fn a_question_answered_once_and_a_shared_material_ticked_once_reach_every_step_and_each_guide() {
    let baby = event("xinshenger");
    let questions = baby.plan.questions();
    let asked_twice = questions.iter().find(|q| q.asks.len() >= 2).expect("a question several guides ask");
    let key = asked_twice.question.id.clone();
    let other =
        asked_twice.question.options.iter().find(|o| o.id != asked_twice.question.default).expect("option");
    let answers = Answers::from([(key.clone(), other.id.clone())]);
    let merged = baby.plan.merged(&questions, &answers);
    let shared: &Item = merged.bring.iter().find(|i| i.uses.len() >= 2).expect("a material two steps share");
    let total = merged.bring.len();

    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url(&Route::Event(baby.id.clone()).href())).await;
    browser.until_app_ready().await;
    assert_eq!(
        browser.js(&count(&format!("input[name=\"q-{key}\"]"))).await,
        asked_twice.question.options.len(),
        "the question shared by {} guides is asked once",
        asked_twice.asks.len()
    );

    browser
        .find(&format!("input[name=\"q-{key}\"][value=\"{}\"]", other.id))
        .await
        .click()
        .await
        .expect("answer");
    browser
        .until("the list follows the answer", &format!("{} === {total}", count(".materials > .material")))
        .await;
    browser.find(&format!(".material[data-item=\"{}\"] input", shared.id)).await.click().await.expect("tick");
    assert_eq!(browser.text(".progress").await, format!("已备 1/{total}"));
    let ticked_under = |guide: &str| {
        format!(
            "return [...document.querySelectorAll('.event-step[data-guide=\"{guide}\"] .step-materials li.ticked')]\
             .some(li => li.textContent.includes('{}'))",
            shared.name
        )
    };
    for used in &shared.uses {
        assert_eq!(
            browser.js(&ticked_under(&used.guide_id)).await,
            true,
            "ticked under ② {}",
            used.guide_title
        );
    }

    // Each guide's own page has the tick and the answer.
    for used in &shared.uses {
        browser.goto(&server.url(&Route::Service(used.guide_id.clone()).href())).await;
        browser.until_app_ready().await;
        browser
            .until(
                &format!("{} is ticked on {}", shared.name, used.guide_title),
                &format!(
                    "return !!document.querySelector('.material input[value=\"{}\"]:checked')",
                    shared.id
                ),
            )
            .await;
        let ask = asked_twice.asks.iter().find(|a| a.guide == used.guide_id).expect("the guide asks it");
        assert_eq!(
            browser
                .js(&format!(
                    "return !!document.querySelector('input[name=\"q-{}\"][value=\"{}\"]:checked')",
                    ask.question, other.id
                ))
                .await,
            true,
            "the answer given once on the event page is {}'s answer too",
            used.guide_title
        );
    }

    // Back on the event, after a reload: still ticked, under every step.
    browser.goto(&server.url(&Route::Event(baby.id.clone()).href())).await;
    browser.until_app_ready().await;
    browser.client.refresh().await.expect("reload");
    browser.until_app_ready().await;
    browser
        .until(
            "the tick is restored",
            &format!(
                "return !!document.querySelector('.material[data-item=\"{}\"] input:checked')",
                shared.id
            ),
        )
        .await;
    for used in &shared.uses {
        assert_eq!(
            browser.js(&ticked_under(&used.guide_id)).await,
            true,
            "still ticked under {}",
            used.guide_title
        );
    }

    // On paper: each item once, with its steps; the per-step lists stay off the slip.
    browser.emulate_media("print").await;
    let printed: Vec<String> = serde_json::from_value(
        browser
            .js("return [...document.querySelectorAll('.materials > .material')].filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.item)")
            .await,
    )
    .expect("ids");
    let mut once = printed.clone();
    once.sort();
    once.dedup();
    assert_eq!(once.len(), printed.len(), "each item is printed once: {printed:?}");
    assert_eq!(printed.len(), total);
    let uses = browser.text(&format!(".material[data-item=\"{}\"] .uses", shared.id)).await;
    for used in &shared.uses {
        assert!(uses.contains(&used.guide_title), "the printed item names step {}: {uses}", used.guide_title);
    }
    assert_eq!(
        browser.js("return [...document.querySelectorAll('.step-materials')].every(e => getComputedStyle(e).display === 'none')").await,
        true,
        "the per-step lists are not printed"
    );
    assert!(browser.text(".slip-title").await.contains("一次性告知单"));
    browser.close().await;
}

#[tokio::test]
async fn a_document_ticked_on_one_guides_page_is_ready_for_every_step_of_the_event() {
    let baby = event("xinshenger");
    let questions = baby.plan.questions();
    let merged = baby.plan.merged(&questions, &Answers::new());
    let shared: &Item = merged.bring.iter().find(|i| i.uses.len() >= 2).expect("a material two steps share");
    let first = &shared.uses[0];
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url(&Route::Service(first.guide_id.clone()).href())).await;
    browser.until_app_ready().await;
    browser.find(&format!(".material input[value=\"{}\"]", shared.id)).await.click().await.expect("tick");
    browser.goto(&server.url(&Route::Event(baby.id.clone()).href())).await;
    browser.until_app_ready().await;
    browser
        .until(
            "the event shows it ticked",
            &format!(
                "return !!document.querySelector('.material[data-item=\"{}\"] input:checked')",
                shared.id
            ),
        )
        .await;
    for used in &shared.uses {
        let ready = format!(
            "return [...document.querySelectorAll('.event-step[data-guide=\"{}\"] .step-materials li.ticked')].some(li => li.textContent.includes('{}'))",
            used.guide_id, shared.name
        );
        assert_eq!(browser.js(&ready).await, true, "ready for {}", used.guide_title);
    }
    let last = shared.uses.last().expect("a second step");
    browser.goto(&server.url(&Route::Service(last.guide_id.clone()).href())).await;
    browser.until_app_ready().await;
    browser
        .until(
            "the other guide has it ticked too",
            &format!("return !!document.querySelector('.material input[value=\"{}\"]:checked')", shared.id),
        )
        .await;
    browser.close().await;
}

#[tokio::test]
async fn a_visit_not_needed_keeps_its_number_on_the_printed_slip_and_says_why() {
    let moving = event("kuashi-qianhu");
    let questions = moving.plan.questions();
    let answers = moving.plan.answers(&questions, &Answers::new());
    let skipped = moving
        .plan
        .visits
        .iter()
        .position(|v| v.steps.iter().all(|s| !s.applies(&answers)))
        .expect("a visit the default answers do not need");
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url(&Route::Event(moving.id.clone()).href())).await;
    browser.until_app_ready().await;
    browser.emulate_media("print").await;
    let shown = |css: &str| {
        format!(
            "const e = document.querySelectorAll('.visit')[{skipped}].querySelector('{css}'); return !!e && getComputedStyle(e).display !== 'none'"
        )
    };
    assert_eq!(browser.js(&shown("h3")).await, true, "the visit's number is printed");
    assert_eq!(browser.js(&shown(":scope > .not-needed")).await, true, "with why it is not needed");
    assert_eq!(browser.js(&shown(".event-step")).await, false, "but not its steps");
    browser.close().await;
}

#[tokio::test]
async fn a_material_that_may_follow_later_is_counted_apart_so_the_citizen_knows_they_may_go_today() {
    let (guide, material) = content()
        .guides
        .into_iter()
        .find_map(|g| {
            let m = g
                .materials
                .iter()
                .find(|m| m.deferral() == Some(Deferral::Later) && m.only_if.is_empty())?
                .clone();
            Some((g, m))
        })
        .expect("a guide with a 容缺 material");
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url(&Route::Service(guide.id.clone()).href())).await;
    browser.until_app_ready().await;
    let later = browser.text(&format!(".material:has(input[value=\"{}\"]) .later", material.id)).await;
    assert!(later.contains("可容缺受理") && later.contains("个工作日内补交"), "{later}");
    // Tick everything but the 容缺 material: one is missing, and it may follow.
    browser
        .js(&format!(
            "document.querySelectorAll('.material input:not([value=\"{}\"])').forEach(i => i.click()); return true",
            material.id
        ))
        .await;
    let missing = browser.text(".missing").await;
    assert!(missing.starts_with("还缺 1 项，可容缺受理，可以先去窗口申请"), "{missing}");
    browser.emulate_media("print").await;
    let printed = browser.text(&format!(".material:has(input[value=\"{}\"]) label", material.id)).await;
    assert!(printed.contains("可容缺受理"), "the printed slip says it may follow: {printed}");
    browser.close().await;
}

#[tokio::test]
async fn the_home_page_offers_life_events_beside_windows_and_search_finds_them() {
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url(&Route::Home.href())).await;
    assert_eq!(browser.text("#by-event").await, "按事办");
    assert_eq!(browser.text("#by-window").await, "按窗口办");
    let first = event("xinshenger");
    browser.goto(&server.url(&Route::Search.href_with(&[("q", "生孩子")]))).await;
    browser.until_app_ready().await;
    browser
        .until(
            "the event is found",
            &format!(
                "return [...document.querySelectorAll('main ul.links li a')].some(a => a.textContent.includes('{}'))",
                first.title
            ),
        )
        .await;
    browser.close().await;
}
