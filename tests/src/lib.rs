//! The harness for full-stack tests: the real server on port 0 serving the built `dist/`, a
//! ChromeDriver, and headless Chromium sessions at a phone's width (375 px).

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One browser at a time: the machine has two cores.
static BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn env_path(name: &str) -> PathBuf {
    match std::env::var_os(name) {
        Some(value) => PathBuf::from(value),
        None => panic!("{name} is not set: run the browser tests with `cargo xtask test`, which builds dist/ and finds Chromium"),
    }
}

/// The repository's `content/` folder.
pub fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// The built site: `SWG_DIST` (set by `cargo xtask test`), else the repository's `dist/`.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("SWG_DIST")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"), PathBuf::from)
}

/// The checked content the site was built from.
pub fn content() -> swg_content::Site {
    match swg_content::load(&content_dir()) {
        Ok(site) => site,
        Err(errors) => panic!("content does not load:\n{errors}"),
    }
}

/// The real server on a free port: the built site, the API, and a real database (a fresh
/// SQLite file, or the PostgreSQL database named by `SWG_TEST_DATABASE_URL`).
pub struct Server {
    pub addr: SocketAddr,
    pub state: swg_server::AppState,
    _data: tempfile::TempDir,
    /// Stops the server when sent (or dropped): the site's address stops answering.
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

/// A fresh database for one test: a SQLite file in `data`, or, when `SWG_TEST_DATABASE_URL`
/// names a PostgreSQL server, a new database created on it.
pub async fn fresh_database(data: &std::path::Path) -> String {
    let Some(admin) = std::env::var("SWG_TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) else {
        return format!("sqlite://{}", data.join("test.db").display());
    };
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let name = format!("swg_test_{}_{n}", std::process::id());
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&admin).await.expect("connect to the test PostgreSQL server");
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&pool).await.expect("drop");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.expect("create database");
    pool.close().await;
    let (server, _) = admin.rsplit_once('/').expect("a database URL ends in /NAME");
    format!("{server}/{name}")
}

/// The `swg-server` binary next to the test binaries (built by `cargo xtask test`).
pub fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let binary =
        exe.parent().and_then(|deps| deps.parent()).map(|dir| dir.join("swg-server")).expect("target dir");
    assert!(
        binary.exists(),
        "{} is missing: run `cargo xtask test` (or `cargo build -p swg-server`)",
        binary.display()
    );
    binary
}

/// The repository's `server.toml`.
pub fn server_toml() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../server.toml")
}

/// The server's configuration for tests: `server.toml` with the given database.
pub fn test_config(database_url: String) -> swg_server::Config {
    let mut config = swg_server::Config::load(&server_toml()).expect("server.toml");
    config.database_url = database_url;
    config.dist = dist_dir();
    config.content = content_dir();
    config.writes_per_minute = 10_000;
    config.lookups_per_minute = 10_000;
    config.reads_per_minute = 10_000;
    config.lookups_per_code_per_hour = 10_000;
    config.stats_cache_seconds = 0;
    // No proof of work unless a test asks for pressure; then a small one (debug builds hash slowly).
    config.bookings_per_client_per_hour = 10_000;
    config.busy_window_day_bookings = 10_000;
    config.max_bookings_per_phone = 10_000;
    config.work_max_number = 2_000;
    config
}

/// The server's state on a fresh database, for tests that call the router without a socket;
/// the database lives as long as the returned folder.
pub async fn state_with(
    adjust: impl FnOnce(&mut swg_server::Config),
) -> (swg_server::AppState, tempfile::TempDir) {
    log();
    let data = tempfile::tempdir().expect("temp dir");
    let mut config = test_config(fresh_database(data.path()).await);
    config.key_file = data.path().join("secret.key");
    adjust(&mut config);
    (swg_server::AppState::new(config).await.expect("server state"), data)
}

/// The server's router on a fresh database, called directly: no socket, no port.
pub struct App {
    pub state: swg_server::AppState,
    /// The SQLite database's folder, when this `App` made it.
    _data: Option<tempfile::TempDir>,
}

impl App {
    pub async fn start() -> App {
        App::start_with(|_| {}).await
    }

    /// Starts with the test configuration changed by `adjust`.
    pub async fn start_with(adjust: impl FnOnce(&mut swg_server::Config)) -> App {
        let (state, data) = state_with(adjust).await;
        App { state, _data: Some(data) }
    }

    /// The router of a running server's state (the server keeps its database).
    pub fn of(server: &Server) -> App {
        App::with_state(server.state.clone())
    }

    /// The router of a state made elsewhere (whoever made it keeps its database).
    pub fn with_state(state: swg_server::AppState) -> App {
        App { state, _data: None }
    }

    /// Sends one request through the router: the status and the body as text.
    pub async fn send(&self, request: http::Request<axum::body::Body>) -> (http::StatusCode, String) {
        let (status, _, body) = self.exchange(request).await;
        (status, body)
    }

    /// Sends one request through the router: the status, the headers and the body as text.
    pub async fn exchange(
        &self,
        request: http::Request<axum::body::Body>,
    ) -> (http::StatusCode, http::HeaderMap, String) {
        use tower::ServiceExt;
        let response = swg_server::router(self.state.clone()).oneshot(request).await.expect("an answer");
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, 1 << 22).await.expect("the body");
        (parts.status, parts.headers, String::from_utf8_lossy(&bytes).into_owned())
    }

    /// A request with a method, a content type (if any) and a body.
    pub async fn call(
        &self,
        method: http::Method,
        uri: &str,
        content_type: Option<&str>,
        body: impl Into<axum::body::Body>,
    ) -> (http::StatusCode, String) {
        let mut request = http::Request::builder().method(method).uri(uri);
        if let Some(content_type) = content_type {
            request = request.header(http::header::CONTENT_TYPE, content_type);
        }
        self.send(request.body(body.into()).expect("a request")).await
    }

    pub async fn get(&self, uri: &str) -> (http::StatusCode, String) {
        self.call(http::Method::GET, uri, None, axum::body::Body::empty()).await
    }

    pub async fn get_json(&self, uri: &str) -> (http::StatusCode, serde_json::Value) {
        let (status, text) = self.get(uri).await;
        (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
    }

    pub async fn post_json(
        &self,
        uri: &str,
        body: &serde_json::Value,
    ) -> (http::StatusCode, serde_json::Value) {
        let (status, text) =
            self.call(http::Method::POST, uri, Some("application/json"), body.to_string()).await;
        (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
    }

    /// Posts `pairs` as a browser posts a plain HTML form.
    pub async fn post_form(&self, uri: &str, pairs: &[(&str, &str)]) -> (http::StatusCode, String) {
        let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        self.call(http::Method::POST, uri, Some("application/x-www-form-urlencoded"), body).await
    }
}

impl Server {
    pub async fn start() -> Server {
        Server::start_with(|_| {}).await
    }

    /// Starts with the test configuration changed by `adjust`.
    pub async fn start_with(adjust: impl FnOnce(&mut swg_server::Config)) -> Server {
        let (state, data) = state_with(adjust).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
        let addr = listener.local_addr().expect("local addr");
        let stop = Some(Server::serve(listener, &state));
        Server { addr, state, _data: data, stop }
    }

    fn serve(
        listener: tokio::net::TcpListener,
        state: &swg_server::AppState,
    ) -> tokio::sync::oneshot::Sender<()> {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(swg_server::serve_on(listener, state.clone(), async move {
            let _ = stopped.await;
        }));
        stop
    }

    /// Stops answering, as the network of a hall without signal: waits until the address
    /// refuses connections.
    pub async fn go_offline(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while tokio::net::TcpStream::connect(self.addr).await.is_ok() {
            assert!(Instant::now() < deadline, "the server still answers");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Answers again at the same address, with the same database.
    pub async fn back_online(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        let listener = loop {
            match tokio::net::TcpListener::bind(self.addr).await {
                Ok(listener) => break listener,
                Err(e) => assert!(Instant::now() < deadline, "cannot listen again on {}: {e}", self.addr),
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        self.stop = Some(Server::serve(listener, &self.state));
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

/// A ChromeDriver process and one Chromium session; both end when this is dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: PathBuf,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

impl Browser {
    /// A fresh profile at 375 × 800 px; `javascript: false` switches scripts off.
    pub async fn open(javascript: bool) -> Browser {
        let turn = BROWSER.lock().await;
        let port = free_port();
        let driver = Command::new(env_path("SWG_CHROMEDRIVER"))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = std::env::temp_dir().join(format!("swg-chromium-{port}-{}", std::process::id()));
        let mut prefs = serde_json::Map::new();
        if !javascript {
            prefs.insert("profile.managed_default_content_settings.javascript".into(), 2.into());
        }
        let options = serde_json::json!({
            "binary": env_path("SWG_CHROMIUM"),
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=375,800", format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": prefs,
        });
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            match ClientBuilder::new(HttpConnector::new()).capabilities(caps.clone()).connect(&url).await {
                Ok(client) => break client,
                Err(e) if Instant::now() > deadline => {
                    panic!("cannot start a Chromium session: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        Browser { client, driver, _profile: profile, _turn: turn }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    /// Waits (up to 10 s) for an element matching the CSS selector.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element `{css}`: {e}"))
    }

    /// Clicks an element that loads a new document (a plain form's button, a link the app does not
    /// handle) and waits until that document has loaded, so nothing is read from the page before.
    pub async fn click_to_next_page(&self, element: fantoccini::elements::Element) {
        self.js("window.__swgPageBefore = true; return true").await;
        element.click().await.expect("click");
        self.until(
            "the next page has loaded",
            "return window.__swgPageBefore === undefined && document.readyState === 'complete'",
        )
        .await;
    }

    pub async fn all(&self, css: &str) -> Vec<fantoccini::elements::Element> {
        self.client.find_all(Locator::Css(css)).await.expect("find_all")
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("text")
    }

    /// Runs a script and returns its JSON result.
    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.client.execute(script, vec![]).await.expect("execute script")
    }

    /// Waits (up to 10 s) until the script returns `true`.
    pub async fn until(&self, what: &str, script: &str) {
        self.until_within(Duration::from_secs(10), what, script).await;
    }

    /// Waits up to `limit` until the script returns `true`.
    pub async fn until_within(&self, limit: Duration, what: &str, script: &str) {
        let deadline = Instant::now() + limit;
        while self.js(script).await != serde_json::Value::Bool(true) {
            assert!(Instant::now() < deadline, "timed out waiting until {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks the button in `main` whose text is exactly `label`, once it can be pressed.
    pub async fn press(&self, label: &str) {
        let script = format!(
            "const b = [...document.querySelectorAll('main button')].find(b => b.textContent.trim() === {label:?} && !b.disabled); if (b) {{ b.click(); return true }} return false"
        );
        self.until(&format!("the button {label} can be pressed"), &script).await;
    }

    /// Opens the first (or last) day that has a free slot and picks its first (or last) slot.
    pub async fn pick_free_slot(&self, radio: &str, last: bool) {
        let script = format!(
            "const days = [...document.querySelectorAll('details.day')]; if ({last}) days.reverse(); \
             for (const d of days) {{ const free = [...d.querySelectorAll('input[name={radio}]:not([disabled])')]; \
             const r = {last} ? free[free.length - 1] : free[0]; if (r) {{ d.open = true; r.click(); return true }} }} return false"
        );
        self.until("a free slot is picked", &script).await;
    }

    /// Waits until the wasm app has taken over the page (islands mounted, links intercepted).
    pub async fn until_app_ready(&self) {
        // A loaded 2-core machine may take a while to fetch and compile a bundle on a first visit.
        self.until_within(
            Duration::from_secs(30),
            "the app is ready",
            "return document.documentElement.dataset.app === 'ready'",
        )
        .await;
    }

    /// Switches CSS media emulation (e.g. "print") through ChromeDriver's DevTools bridge.
    pub async fn emulate_media(&self, media: &str) {
        self.cdp("Emulation.setEmulatedMedia", serde_json::json!({ "media": media })).await;
    }

    /// Makes the page's CPU `rate` times slower, as a cheap phone (Lighthouse's mobile preset
    /// uses 4).
    pub async fn throttle_cpu(&self, rate: f64) {
        self.cdp("Emulation.setCPUThrottlingRate", serde_json::json!({ "rate": rate })).await;
    }

    /// Cuts the page's network off (`true`) or restores it, as a phone losing its signal.
    pub async fn offline(&self, offline: bool) {
        self.cdp("Network.enable", serde_json::json!({})).await;
        let conditions = serde_json::json!({ "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 });
        self.cdp("Network.emulateNetworkConditions", conditions).await;
    }

    /// Runs `script` in every page this browser opens from now on, before the page's own.
    pub async fn before_each_page(&self, script: &str) {
        self.cdp("Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": script })).await;
    }

    /// Makes every request take `latency_ms` longer, as a weak mobile signal.
    pub async fn slow_network(&self, latency_ms: u32) {
        self.cdp("Network.enable", serde_json::json!({})).await;
        let conditions = serde_json::json!({ "offline": false, "latency": latency_ms, "downloadThroughput": -1, "uploadThroughput": -1 });
        self.cdp("Network.emulateNetworkConditions", conditions).await;
    }

    /// Makes requests matching any of `patterns` (e.g. "*.wasm") fail, as a connection too
    /// slow to bring them yet; an empty list lets everything through again.
    pub async fn block(&self, patterns: &[&str]) {
        self.cdp("Network.enable", serde_json::json!({})).await;
        self.cdp("Network.setBlockedURLs", serde_json::json!({ "urls": patterns })).await;
    }

    async fn cdp(&self, cmd: &'static str, params: serde_json::Value) -> serde_json::Value {
        self.client.issue_cmd(Cdp { cmd, params }).await.unwrap_or_else(|e| panic!("{cmd}: {e}"))
    }

    /// Prints the page as Chromium's print dialog would on A4 with the page's own margins and
    /// returns how many pages the PDF has.
    pub async fn printed_pages(&self) -> usize {
        let params = serde_json::json!({ "preferCSSPageSize": true, "printBackground": false });
        let pdf = self.cdp("Page.printToPDF", params).await;
        let data = pdf["data"].as_str().expect("printToPDF returns data");
        let bytes = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, data).expect("base64");
        let text = String::from_utf8_lossy(&bytes);
        // Every page object is `/Type /Page` (the page tree is `/Type /Pages`).
        let page = "/Type /Page";
        text.match_indices(page).filter(|(at, _)| !text[at + page.len()..].starts_with('s')).count()
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: serde_json::Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(serde_json::json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

/// Everything the server logged in this test binary; also appended to the file named by
/// `SWG_TEST_LOG` (set by `cargo xtask test`), which then holds the server log of the whole
/// suite for the final check that no personal data or password reached it.
#[derive(Clone, Default)]
pub struct Log(
    std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    Option<std::sync::Arc<std::sync::Mutex<std::fs::File>>>,
);

/// The passwords the tests sign in with (`tests/fixtures/passwords.txt`, which the final log
/// check reads too).
pub fn password(n: usize) -> &'static str {
    include_str!("../fixtures/passwords.txt").lines().nth(n).unwrap_or("no-such-test-password")
}

/// The process-wide log, installed once by every test that starts the server (a thread's own
/// subscriber can miss events whose call sites another test thread registered first).
pub fn log() -> Log {
    static LOG: std::sync::OnceLock<Log> = std::sync::OnceLock::new();
    LOG.get_or_init(|| {
        let file = std::env::var_os("SWG_TEST_LOG")
            .and_then(|path| std::fs::OpenOptions::new().create(true).append(true).open(path).ok());
        let log = Log(std::sync::Arc::default(), file.map(|f| std::sync::Arc::new(std::sync::Mutex::new(f))));
        let writer = log.clone();
        let subscriber =
            tracing_subscriber::fmt().with_ansi(false).with_writer(move || writer.clone()).finish();
        tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
        log
    })
    .clone()
}

impl Log {
    pub fn text(&self) -> String {
        self.0.lock().map(|bytes| String::from_utf8_lossy(&bytes).into_owned()).unwrap_or_default()
    }
}

impl std::io::Write for Log {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut buffer) = self.0.lock() {
            buffer.extend_from_slice(bytes);
        }
        if let Some(Ok(mut file)) = self.1.as_ref().map(|f| f.lock()) {
            file.write_all(bytes)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A valid mainland mobile number, distinct for each `n`.
pub fn phone(n: u32) -> String {
    format!("139{:08}", n)
}

/// A valid identity card number (correct GB 11643 check character), distinct for each `n`.
pub fn id_number(n: u32) -> String {
    let first17 = format!("110105198001{:02}{:03}", 1 + n % 28, n % 1000);
    let check = char::from(swg_model::form::check_char(first17.as_bytes()));
    format!("{first17}{check}")
}

/// A fresh idempotency key.
pub fn key(label: &str, n: u32) -> String {
    format!("test-{label}-{n}-{}", std::process::id())
}

/// The window and service most tests book.
pub const WINDOW: &str = "huji";
pub const SERVICE: &str = "shenfenzheng-huanling";

/// The open slots of [`WINDOW`], as (day, start, places left).
pub async fn open_slots(app: &App) -> Vec<(String, String, u32)> {
    let (_, body) = app.get_json(&format!("{}?window={WINDOW}", swg_model::api::path::AVAILABILITY)).await;
    let availability: swg_model::api::Availability = serde_json::from_value(body).expect("availability json");
    availability
        .days
        .iter()
        .flat_map(|d| d.slots.iter().map(move |s| (d.day.to_string(), s.start.clone(), s.remaining)))
        .filter(|s| s.2 > 0)
        .collect()
}

/// The first open slot of each bookable day of [`WINDOW`]: one person may hold one booking of
/// a service per day, so tests that book one person several times use these.
pub async fn open_slots_on_separate_days(app: &App) -> Vec<(String, String, u32)> {
    let mut slots = open_slots(app).await;
    slots.dedup_by(|later, earlier| later.0 == earlier.0);
    slots
}

/// A valid booking request for person `n` (their own phone, ID number and key).
pub fn booking_json(day: &str, slot: &str, n: u32) -> serde_json::Value {
    serde_json::json!({
        "idempotency_key": key("book", n), "window": WINDOW, "service": SERVICE, "day": day, "slot": slot,
        "name": "王小明", "phone": phone(n), "id_number": id_number(n), "need": "none", "home_visit": false,
    })
}

/// A request through the router as if from `client`, behind the trusted proxy on 127.0.0.1.
pub fn request_from(client: &str, method: http::Method, uri: &str) -> http::request::Builder {
    http::Request::builder().method(method).uri(uri).header("x-forwarded-for", client)
}

impl App {
    /// Posts JSON as if from `client`: the status, the headers and the answer.
    pub async fn post_json_from(
        &self,
        client: &str,
        uri: &str,
        body: &serde_json::Value,
    ) -> (http::StatusCode, http::HeaderMap, serde_json::Value) {
        let request = request_from(client, http::Method::POST, uri)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(axum::body::Body::from(body.to_string()))
            .expect("a request");
        let (status, headers, text) = self.exchange(request).await;
        (status, headers, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
    }

    /// Posts a plain form as if from `client`: the status, the headers and the page.
    pub async fn post_form_from(
        &self,
        client: &str,
        uri: &str,
        pairs: &[(&str, &str)],
    ) -> (http::StatusCode, http::HeaderMap, String) {
        let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        let request = request_from(client, http::Method::POST, uri)
            .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .expect("a request");
        self.exchange(request).await
    }
}
