//! In real headless Chromium at 375 px: the home page, client-side navigation, and guides
//! readable with JavaScript off.

use swg_model::checklist::to_bring;
use swg_model::checklist::Answers;
use swg_model::Route;
use swg_tests::{content, Browser, Server};

#[tokio::test]
async fn the_home_page_lists_every_life_event_and_every_window_type() {
    let site = content();
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url("/")).await;
    for (list, expected) in [
        ("ul.cards.events", site.events.iter().map(|e| e.title.clone()).collect::<Vec<_>>()),
        ("ul.cards:not(.events)", site.windows.iter().map(|w| w.name.clone()).collect()),
    ] {
        let mut names = Vec::new();
        for link in browser.all(&format!("{list} .card-title")).await {
            names.push(link.text().await.expect("text"));
        }
        assert_eq!(names, expected, "{list}");
    }
    browser.close().await;
}

#[tokio::test]
async fn links_navigate_without_reloading_the_page_once_the_app_runs() {
    let site = content();
    let window = &site.windows[0];
    let guide = site.guides.iter().find(|g| g.window.id == window.id).expect("a guide of the first window");
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url("/")).await;
    browser.until_app_ready().await;
    browser.js("window.__sameDocument = 'yes'; return true").await;

    browser
        .find(&format!("a.card-title[href='{}']", Route::Window(window.id.clone()).href()))
        .await
        .click()
        .await
        .expect("click window");
    browser
        .until(
            "the window page shows",
            &format!("return document.querySelector('h1')?.textContent === {:?}", window.name),
        )
        .await;
    browser
        .find(&format!("main a[href='{}']", Route::Service(guide.id.clone()).href()))
        .await
        .click()
        .await
        .expect("click guide");
    browser
        .until(
            "the guide page shows",
            &format!("return document.querySelector('h1')?.textContent === {:?}", guide.title),
        )
        .await;

    assert_eq!(browser.js("return window.__sameDocument || 'reloaded'").await, "yes");
    assert_eq!(
        browser.client.current_url().await.expect("url").path(),
        Route::Service(guide.id.clone()).href()
    );
    assert_eq!(browser.js("return document.title").await, format!("{} - {}", guide.title, site.info.name));

    browser.client.back().await.expect("back");
    browser
        .until(
            "back shows the window again",
            &format!("return document.querySelector('h1')?.textContent === {:?}", window.name),
        )
        .await;
    assert_eq!(browser.js("return window.__sameDocument || 'reloaded'").await, "yes");
    browser.close().await;
}

#[tokio::test]
async fn a_guide_shows_its_materials_with_javascript_disabled() {
    let site = content();
    let guide = site.guides.iter().max_by_key(|g| g.questions.len()).expect("a guide");
    let server = Server::start().await;
    let browser = Browser::open(false).await;
    browser.goto(&server.url(&Route::Service(guide.id.clone()).href())).await;
    assert_eq!(browser.text("h1").await, guide.title);
    assert_eq!(browser.js("return document.documentElement.dataset.app || 'static'").await, "static");
    let shown: Vec<String> = {
        let mut names = Vec::new();
        for name in browser.all(".material .name").await {
            names.push(name.text().await.expect("text"));
        }
        names
    };
    let data = guide.checklist();
    let expected: Vec<String> =
        to_bring(&data, &Answers::new()).into_iter().map(|m| m.name.clone()).collect();
    assert!(!expected.is_empty());
    assert_eq!(shown, expected);

    // What cannot work without JavaScript is not shown; what other situations need is, in words.
    for control in
        [".checklist .questions", ".checklist .progress", ".checklist .actions", ".checklist .missing"]
    {
        let display = browser
            .js(&format!("return getComputedStyle(document.querySelector({control:?})).display"))
            .await;
        assert_eq!(display, "none", "{control}");
    }
    let listed: Vec<&str> =
        swg_model::checklist::applicable(&data, &Answers::new()).iter().map(|m| m.id.as_str()).collect();
    let others: Vec<_> = data.materials.iter().filter(|m| !listed.contains(&m.id.as_str())).collect();
    assert!(!others.is_empty(), "the guide with the most questions has situational materials");
    let situational = browser.text(".situational").await;
    for material in others {
        let when = material
            .situation(&data.questions, swg_model::Lang::Zh)
            .expect("a situational material has a rule");
        assert!(situational.contains(&format!("{}：{when}", material.name)), "{situational}");
    }
    browser.close().await;
}

#[tokio::test]
async fn an_unknown_address_shows_the_404_page() {
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url("/windows/no-such-window/")).await;
    assert_eq!(browser.text("h1").await, "页面不存在");
    browser.close().await;
}

#[tokio::test]
async fn a_search_that_finds_nothing_suggests_close_guides_the_a_to_z_list_and_a_phone() {
    let site = content();
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    // "护照照片" is about passports but no guide is about photos alone; "zzzz" is about nothing.
    for (query, close) in [("zzzz", false), ("护照照片尺寸多大合适呢", true)] {
        browser.goto(&server.url(&Route::Search.href_with(&[("q", query)]))).await;
        browser.until_app_ready().await;
        let status = browser.text("main [role=status]").await;
        if status.starts_with("找到") {
            assert!(close, "{query}: {status}");
            continue;
        }
        assert!(status.contains(&format!("没有找到「{query}」")), "{status}");
        let page = browser.text("main").await;
        assert!(page.contains("12345"), "someone to ask: {page}");
        assert_eq!(page.contains("您是不是要找"), close, "{query}: {page}");
        let a_to_z = browser.all("section[aria-labelledby=a-to-z] ul.links li a").await.len();
        assert_eq!(a_to_z, site.guides.len(), "every guide in the A–Z list");
    }
    browser.close().await;
}

#[tokio::test]
async fn a_citizen_searches_from_the_home_page_in_their_own_words() {
    let site = content();
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    browser.goto(&server.url(&Route::Home.href())).await;
    browser.until_app_ready().await;
    browser.find("#home-q").await.send_keys("户口本丢了怎么办").await.expect("type");
    browser.find("form.search button").await.click().await.expect("search");
    browser
        .until(
            "the results show",
            "return document.querySelector('main [role=status]')?.textContent.startsWith('找到') === true",
        )
        .await;
    let first = browser.find("main ul.links li a").await.attr("href").await.expect("attr");
    let lost = site.guides.iter().find(|g| g.id == "hukoubu-buhuan").expect("the guide");
    assert_eq!(first, Some(Route::Service(lost.id.clone()).href()));

    // How long a search takes over the whole catalogue on a phone 4 times slower.
    browser.throttle_cpu(4.0).await;
    let mut times = Vec::new();
    for query in ["身份证丢了", "车子过户", "考驾照", "passport", "闯红灯罚款", "孩子出生报户口", "zzzz"]
    {
        let took = browser
            .client
            .execute_async(
                "const [query, done] = arguments; const input = document.querySelector('#q');
                 input.value = ''; input.dispatchEvent(new Event('input'));
                 requestAnimationFrame(() => {
                   const t0 = performance.now();
                   input.value = query; input.dispatchEvent(new Event('input'));
                   const check = () => document.querySelector('main [role=status]') ? done(performance.now() - t0) : requestAnimationFrame(check);
                   check();
                 });",
                vec![serde_json::json!(query)],
            )
            .await
            .expect("timed search");
        times.push(took.as_f64().expect("milliseconds"));
    }
    times.sort_by(f64::total_cmp);
    eprintln!(
        "search over {} entries at 4x CPU slowdown: median {:.1} ms, slowest {:.1} ms",
        site.search().entries.len(),
        times[times.len() / 2],
        times[times.len() - 1]
    );
    browser.close().await;
}

#[tokio::test]
async fn without_javascript_the_search_page_lists_every_guide_and_the_server_answers_a_query() {
    let site = content();
    let server = Server::start().await;
    let browser = Browser::open(false).await;
    browser.goto(&server.url(&Route::Search.href())).await;
    let listed = browser.all("section[aria-labelledby=a-to-z] ul.links li a").await.len();
    assert_eq!(listed, site.guides.len());
    browser.find("#q").await.send_keys("车子过户").await.expect("type");
    browser.click_to_next_page(browser.find("form.search button").await).await;
    assert_eq!(browser.text("main [role=status]").await.chars().next(), Some('找'));
    let first = browser.find("main ul.links li a").await.attr("href").await.expect("attr");
    assert_eq!(first, Some(Route::Service("jidongche-zhuanyi".into()).href()));
    browser.close().await;
}

/// The widest element of the page, in CSS pixels, and the window's width.
async fn widths(browser: &Browser) -> (i64, i64) {
    let found = browser.js("return [document.documentElement.scrollWidth, window.innerWidth]").await;
    let pair: Vec<i64> = serde_json::from_value(found).expect("two widths");
    (pair[0], pair[1])
}

#[tokio::test]
async fn at_200_percent_text_the_hours_and_the_slots_fit_a_375_px_phone() {
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    for page in ["/windows/huji/", "/windows/churujing/", "/book/?window=huji&service=shenfenzheng-huanling"]
    {
        browser.goto(&server.url(page)).await;
        browser.until_app_ready().await;
        browser.js("document.documentElement.style.fontSize = '200%'; return true").await;
        if page.starts_with("/book/") {
            browser.until("the slots show", "const d = document.querySelector('details.day'); if (d) { d.open = true; return true } return false").await;
        }
        let (content, window) = widths(&browser).await;
        assert!(content <= window, "{page}: {content} px of content in a {window} px window");
    }
    // Each slot reads on two lines at most: the time, then the places left.
    let lines = browser
        .js("return Math.max(...[...document.querySelectorAll('.slot span')].map(s => Math.round(s.getBoundingClientRect().height / parseFloat(getComputedStyle(s).lineHeight || '1'))))")
        .await;
    assert!(lines.as_f64().is_some_and(|n| n <= 2.5), "slot labels take {lines} lines");
    let greyed = browser
        .js("const full = document.querySelector('.slot.full span'); return full === null || getComputedStyle(full).textDecorationLine.includes('line-through')")
        .await;
    assert_eq!(greyed, serde_json::Value::Bool(true), "a full slot is struck through");
    browser.close().await;
}

#[tokio::test]
async fn no_page_of_the_site_scrolls_sideways_or_cuts_a_heading_on_a_375_px_phone_at_200_percent_text() {
    let server = Server::start().await;
    let browser = Browser::open(false).await;
    let mut wide = Vec::new();
    for (route, _) in content().pages() {
        browser.goto(&server.url(&route.href())).await;
        browser.js("document.documentElement.style.fontSize = '200%'; return true").await;
        let (content, window) = widths(&browser).await;
        if content > window {
            wide.push(format!("{}: {content} px", route.href()));
        }
        // A heading never runs out of its own box (cut off, or over its neighbours).
        let clipped = browser
            .js("return [...document.querySelectorAll('h1, h2, h3, legend, .brand')].filter(h => h.scrollWidth > h.clientWidth + 1).map(h => h.textContent)")
            .await;
        if clipped.as_array().is_some_and(|c| !c.is_empty()) {
            wide.push(format!("{}: {clipped}", route.href()));
        }
    }
    assert!(wide.is_empty(), "pages or headings wider than the phone: {wide:#?}");
    browser.close().await;
}

#[tokio::test]
async fn the_latest_changes_page_lists_every_guides_changes_newest_first_and_links_to_them() {
    let site = content();
    let changes = site.changes();
    assert!(!changes.is_empty(), "the guides record their changes");
    let server = Server::start().await;
    let browser = Browser::open(false).await;
    browser.goto(&server.url(&Route::Changes.href())).await;
    assert_eq!(browser.text("h1").await, "最近更新");
    let dates = browser
        .js("return [...document.querySelectorAll('ol.changes time')].map(t => t.getAttribute('datetime'))")
        .await;
    let dates: Vec<String> = serde_json::from_value(dates).expect("dates");
    assert_eq!(dates.len(), changes.len());
    assert!(dates.windows(2).all(|pair| pair[0] >= pair[1]), "newest first: {dates:?}");
    let first = &changes[0];
    let link = browser.find("ol.changes li a").await.attr("href").await.expect("attr");
    assert_eq!(link, Some(Route::Service(first.guide.id.clone()).href()));

    // The guide itself lists its own changes.
    browser.goto(&server.url(&Route::Service(first.guide.id.clone()).href())).await;
    let own = browser.text("section[aria-labelledby=changes]").await;
    assert!(own.contains(&first.what), "{own}");
    browser.close().await;
}

#[tokio::test]
async fn a_window_page_sets_the_localitys_own_promises_apart_and_marks_example_officers() {
    let site = content();
    let window =
        site.windows.iter().find(|w| !w.local.commitments.is_empty()).expect("a window with local promises");
    let local = &window.local.commitments[0];
    assert!(
        !window.commitments.iter().any(|c| c.text.contains(&local.text)),
        "a local promise is not also written as a national one"
    );
    let server = Server::start().await;
    let browser = Browser::open(false).await;
    browser.goto(&server.url(&Route::Window(window.id.clone()).href())).await;
    let local_list = browser.text("dl.commitments.local").await;
    assert!(local_list.contains(&local.text), "{local_list}");
    let officers = browser.text("ul.officers").await;
    assert_eq!(
        officers.matches("示例人员").count(),
        window.local.officers.iter().filter(|o| o.example).count(),
        "{officers}"
    );
    browser.close().await;
}

/// Sets the page clock of every page this browser opens from now on.
async fn set_clock(browser: &Browser, at: &str) {
    browser.before_each_page(&format!("window.__swg_now = {at:?};")).await;
}

#[tokio::test]
async fn a_guide_shows_the_expected_date_for_today_and_for_another_day() {
    let site = content();
    let guide = site
        .guides
        .iter()
        .find(|g| !g.time_limit.calendar && g.time_limit.days >= 3)
        .expect("a guide in working days");
    let today = swg_model::calendar::Date::parse("2026-09-29").expect("date");
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    set_clock(&browser, "2026-09-29T10:00").await;
    browser.goto(&server.url(&Route::Service(guide.id.clone()).href())).await;
    browser.until_app_ready().await;
    let expected =
        swg_model::clock::due_label(&guide.time_limit, &site.calendar, today, today, swg_model::Lang::Zh);
    assert!(expected.contains("今天受理") && !expected.contains("10月1日"), "{expected}");
    assert_eq!(browser.text(".due [role=status]").await, expected);
    browser
        .js("const i = document.querySelector('.due input[type=date]'); i.value = '2026-12-28'; i.dispatchEvent(new Event('input', { bubbles: true })); return true")
        .await;
    let other = browser.text(".due [role=status]").await;
    assert!(other.starts_with("12月28日（周一）受理"), "{other}");

    browser.close().await;

    // Without JavaScript the page makes no claim about a day it cannot know.
    let plain = Browser::open(false).await;
    plain.goto(&server.url(&Route::Service(guide.id.clone()).href())).await;
    assert_eq!(plain.text(".due [role=status]").await, "办结日期按上面的办理时限计算。");
    plain.close().await;
}

#[tokio::test]
async fn a_window_says_whether_it_is_open_at_a_fixed_time_of_day() {
    let server = Server::start().await;
    let browser = Browser::open(true).await;
    let page = server.url(&Route::Window("huji".into()).href());
    for (at, says) in [
        ("2026-09-22T10:00", "办公中，17:30 下班"),
        ("2026-09-22T12:30", "午间值班（14:00 起全员办公），17:30 下班"),
        ("2026-09-22T18:00", "已下班，明天 08:30 开门"),
        ("2026-09-23T18:00", "办公中，19:00 下班"),
        ("2026-10-02T10:00", "今天放假，10月8日（周四）08:30 开门"),
    ] {
        set_clock(&browser, at).await;
        browser.goto(&page).await;
        browser.until_app_ready().await;
        assert_eq!(browser.text(".open-now").await, says, "at {at}");
    }
    // The home page lists every window with its state.
    browser.goto(&server.url("/")).await;
    browser.until_app_ready().await;
    let list = browser.text(".open-now-list").await;
    assert!(list.contains("今天放假"), "{list}");
    assert_eq!(browser.all(".open-now-list li").await.len(), content().windows.len());
    browser.close().await;

    let plain = Browser::open(false).await;
    plain.goto(&page).await;
    assert_eq!(plain.text(".open-now").await, "现在是否办公：请看下面的办公时间。");
    plain.close().await;
}
