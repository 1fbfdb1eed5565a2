//! The data each pre-rendered page is built from, serialised as JSON for client-side navigation.

use crate::guide::{GuidePage, Material, Presence, Question};
use serde::{Deserialize, Serialize};

/// Deployment-wide facts shown on every page (header, footer, example-data banner); the
/// `[site]` table of `content/site.toml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteInfo {
    pub name: String,
    pub organisation: String,
    pub example_data: bool,
    pub supervision_phone: String,
    pub source: String,
    /// The site's public address, scheme and host only (e.g. `https://guide.example.gov.cn`);
    /// printed slips carry it with the page's path as a QR code.
    pub url: String,
    /// The name, organisation and content source as the English pages give them; required
    /// when `content/en/` has pages.
    #[serde(default)]
    pub en: Option<SiteEnglish>,
}

/// The `[site.en]` table: the deployment's facts in English.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteEnglish {
    pub name: String,
    pub organisation: String,
    pub source: String,
}

impl SiteInfo {
    /// The site's name in `lang`.
    pub fn name_in(&self, lang: crate::Lang) -> &str {
        self.english(lang).map_or(&self.name, |en| &en.name)
    }

    pub fn organisation_in(&self, lang: crate::Lang) -> &str {
        self.english(lang).map_or(&self.organisation, |en| &en.organisation)
    }

    pub fn source_in(&self, lang: crate::Lang) -> &str {
        self.english(lang).map_or(&self.source, |en| &en.source)
    }

    /// The English facts, on an English page.
    fn english(&self, lang: crate::Lang) -> Option<&SiteEnglish> {
        self.en.as_ref().filter(|_| lang == crate::Lang::En)
    }

    /// The site's one-line description for search engines, on pages without their own.
    pub fn description(&self) -> String {
        format!("{}：到窗口办事前，一次看清要带的材料、流程、时限和收费。", self.name)
    }

    /// The English pages' description for search engines.
    pub fn description_en(&self) -> String {
        format!(
            "{}: everything to bring, the steps, time limits and fees, before you go to the window.",
            self.name_in(crate::Lang::En)
        )
    }
}

/// The local rule for 差评 (a rating of 1 or 2): the working days to the first call-back and to
/// the rectification, and the rule they come from. National rules leave both to each locality.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rectification {
    pub contact_days: WorkingDays,
    pub fix_days: WorkingDays,
    pub rule: String,
}

/// A deadline in working days: 1 to 30.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct WorkingDays(pub u32);

impl TryFrom<u32> for WorkingDays {
    type Error = String;
    fn try_from(days: u32) -> Result<WorkingDays, String> {
        if (1..=30).contains(&days) {
            Ok(WorkingDays(days))
        } else {
            Err(format!("{days} working days: a deadline is 1 to 30 working days"))
        }
    }
}

impl From<WorkingDays> for u32 {
    fn from(days: WorkingDays) -> u32 {
        days.0
    }
}

/// The language of a page that does not say otherwise, and of the site's own header and footer.
pub const DEFAULT_LANG: &str = "zh-CN";

crate::id_enum! {
    /// The kind of a page: its wrapper's CSS class (`page page-ID`) and which bundle it loads.
    pub enum PageKind {
        Home = "home",
        Window = "window",
        Guide = "guide",
        Search = "search",
        /// The appointment, feedback and figures pages (the larger bundle).
        Form = "form",
        NotFound = "not-found",
        /// 最近更新
        Changes = "changes",
        /// 一件事一次办: a life event with its merged checklist (its own bundle)
        Event = "event",
        /// A 告知承诺书's text
        Pledge = "pledge",
        /// The server's answer to a plain form post.
        Answer = "answer",
        /// A staff console page, rendered by the server for the signed-in staff member.
        Staff = "staff",
    }
}

impl PageKind {
    /// The page wrapper's classes.
    pub fn class(self) -> String {
        format!("page page-{}", self.id())
    }
}

crate::id_enum! {
    /// The browser bundles: every page loads exactly one, the smallest that can show it. The
    /// reading pages share one; each form page and the life-event pages have their own.
    pub enum Bundle {
        App = "app",
        Events = "events",
        Book = "book",
        Manage = "manage",
        Feedback = "feedback",
        Track = "track",
        Stats = "stats",
    }
}

impl Bundle {
    /// The bundle of a form page: only that form's island.
    pub fn of_form(kind: FormKind) -> Bundle {
        match kind {
            FormKind::Book => Bundle::Book,
            FormKind::Manage => Bundle::Manage,
            FormKind::Feedback => Bundle::Feedback,
            FormKind::Track => Bundle::Track,
            FormKind::Stats => Bundle::Stats,
        }
    }
}

/// One bundle's files (below `dist/`): the wasm-bindgen JS glue and the wasm it loads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleFiles {
    pub bundle: Bundle,
    pub js: String,
    pub wasm: String,
}

/// File names (below `dist/`) of the hashed static assets the pages link to. The build writes
/// them to `dist/assets.json`, where the server reads them to render its answer pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assets {
    pub css: String,
    /// Every browser bundle; none builds a site without the app.
    pub bundles: Vec<BundleFiles>,
}

impl Assets {
    /// Where the asset names are written, inside `dist/`.
    pub const FILE: &'static str = "assets.json";

    /// The files of `bundle`, if the site was built with it.
    pub fn bundle(&self, bundle: Bundle) -> Option<&BundleFiles> {
        self.bundles.iter().find(|b| b.bundle == bundle)
    }
}

/// The structured content of one route, as loaded from `content/` (used natively only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Content {
    Home(HomePage),
    Window(Box<WindowPage>),
    Service(Box<GuidePage>),
    Search(SearchPage),
    /// The appointment, feedback and figures pages, with the windows they offer.
    Form(FormKind, Vec<FormWindow>),
    /// 最近更新: every guide's changes, newest first.
    Changes(Vec<ChangeEntry>),
    Event(Box<crate::event::EventPage>),
    Pledge(Box<PledgePage>),
    NotFound,
}

/// A 告知承诺书 as written in `content/pledges/ID.md`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PledgeFile {
    pub id: String,
    pub title: String,
    /// The rules that let a signed pledge replace a certificate.
    pub basis: Vec<String>,
}

/// A 告知承诺书's page: its text, and the materials it replaces in which guides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PledgePage {
    pub id: String,
    pub title: String,
    pub basis: Vec<String>,
    pub body_html: String,
    pub replaces: Vec<PledgeUse>,
}

/// A material a pledge replaces, in its guide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PledgeUse {
    pub guide: ServiceLink,
    pub material: String,
}

/// One change of one guide, as the 最近更新 page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeEntry {
    pub date: String,
    pub guide: ServiceLink,
    pub what: String,
}

/// The interactive form pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormKind {
    Book,
    Manage,
    Feedback,
    Track,
    Stats,
}

impl FormKind {
    pub const ALL: [FormKind; 5] =
        [FormKind::Book, FormKind::Manage, FormKind::Feedback, FormKind::Track, FormKind::Stats];

    /// The forms the English pages have (the published figures are Chinese only).
    pub const ENGLISH: [FormKind; 4] =
        [FormKind::Book, FormKind::Manage, FormKind::Feedback, FormKind::Track];

    pub fn title(self) -> &'static str {
        self.title_in(crate::Lang::Zh)
    }

    pub fn title_in(self, lang: crate::Lang) -> &'static str {
        match self {
            FormKind::Book => lang.pick("网上预约", "Book an appointment"),
            FormKind::Manage => lang.pick("预约查询、改约、取消", "Find, change or cancel a booking"),
            FormKind::Feedback => {
                lang.pick("意见箱：投诉、建议、表扬、咨询", "Complaints, suggestions, praise and questions")
            }
            FormKind::Track => lang.pick("办理进度查询", "Track your feedback"),
            FormKind::Stats => lang.pick("服务评价公开", "Published service ratings"),
        }
    }

    pub fn route(self) -> crate::Route {
        match self {
            FormKind::Book => crate::Route::Book,
            FormKind::Manage => crate::Route::Manage,
            FormKind::Feedback => crate::Route::Feedback,
            FormKind::Track => crate::Route::Track,
            FormKind::Stats => crate::Route::Stats,
        }
    }
}

/// A window as the forms offer it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormWindow {
    pub id: String,
    pub name: String,
    pub phone: String,
    pub bookable: bool,
    pub services: Vec<ServiceLink>,
}

impl Content {
    /// The document title of the page.
    pub fn title(&self, site: &SiteInfo, lang: crate::Lang) -> String {
        let name = site.name_in(lang);
        match self {
            Content::Home(_) => name.to_owned(),
            Content::Window(w) => format!("{} - {name}", w.name),
            Content::Service(g) => format!("{} - {name}", g.title),
            Content::Search(_) => format!("{} - {name}", lang.pick("搜索", "Search")),
            Content::Form(kind, _) => format!("{} - {name}", kind.title_in(lang)),
            Content::Changes(_) => format!("最近更新 - {name}"),
            Content::Event(e) => format!("{} - {name}", e.title),
            Content::Pledge(p) => format!("{} - {name}", p.title),
            Content::NotFound => format!("页面不存在 - {name}"),
        }
    }

    /// A one-line description for search engines.
    pub fn description(&self, site: &SiteInfo, lang: crate::Lang) -> String {
        match self {
            Content::Window(w) => w.summary.clone(),
            Content::Service(g) => g.summary.clone(),
            Content::Event(e) => e.summary.clone(),
            _ => lang.pick(site.description(), site.description_en()),
        }
    }
}

/// What the browser needs to show one route: static HTML rendered at build time, and the data
/// of the few interactive parts. This is all the wasm bundle ever deserialises.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageData {
    pub kind: PageKind,
    pub title: String,
    pub lang: crate::Lang,
    /// The page's links in both languages, where it has both (the language switch and
    /// `hreflang` links).
    pub versions: Option<Versions>,
    pub parts: Vec<Part>,
}

/// A page's link in each language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versions {
    pub zh: String,
    pub en: String,
}

impl Versions {
    /// The page's link in `lang`.
    pub fn href(&self, lang: crate::Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

impl PageData {
    /// The bundle this page loads: a form page its form's, a life event the events bundle, every
    /// other page the reading bundle.
    pub fn bundle(&self) -> Bundle {
        if self.kind == PageKind::Event {
            return Bundle::Events;
        }
        let form =
            self.parts.iter().find_map(|p| if let Part::Form(kind, _) = p { Some(*kind) } else { None });
        form.map_or(Bundle::App, Bundle::of_form)
    }

    /// The page without its static HTML: the boot data embedded in a page that already holds it.
    pub fn without_static_html(&self) -> PageData {
        let parts = self
            .parts
            .iter()
            .map(|p| if let Part::Html(_) = p { Part::Html(String::new()) } else { p.clone() })
            .collect();
        PageData { parts, ..self.clone() }
    }
}

/// A piece of a page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Part {
    /// Pre-rendered HTML. Left empty in the boot data: the browser reads it back from the page.
    Html(String),
    Checklist(Box<ChecklistData>),
    Search(Box<SearchPage>),
    /// What depends on the moment the page is read: a guide's expected date, windows' state.
    Clock(Box<ClockData>),
    /// An interactive form page (appointments, feedback, look-ups, figures).
    Form(FormKind, Vec<FormWindow>),
    /// A life event's merged checklist.
    Event(Box<crate::event::EventPlan>),
}

/// Everything the interactive checklist of one guide needs, and what its printed
/// 一次性告知单 says besides the materials.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChecklistData {
    pub guide_id: String,
    pub title: String,
    pub window_name: String,
    pub address: String,
    pub hours: String,
    pub phone: String,
    /// The fee in words ("免费" or the amount).
    pub fee: String,
    pub time_limit: String,
    pub presence: Presence,
    pub questions: Vec<Question>,
    pub materials: Vec<Material>,
    /// The guide's public address, and the same as a QR code for the printed slip.
    pub page_url: String,
    pub qr: Qr,
}

impl ChecklistData {
    /// A checklist with only its rules (questions and materials) and no window facts: what the
    /// build checks an event's questions with, and tests use.
    pub fn rules_only(
        guide_id: &str,
        title: &str,
        questions: Vec<Question>,
        materials: Vec<Material>,
    ) -> Self {
        ChecklistData {
            guide_id: guide_id.to_owned(),
            title: title.to_owned(),
            window_name: String::new(),
            address: String::new(),
            hours: String::new(),
            phone: String::new(),
            fee: String::new(),
            time_limit: String::new(),
            presence: Presence::InPerson,
            questions,
            materials,
            page_url: String::new(),
            qr: Qr::default(),
        }
    }
}

/// A QR code's modules: `size` × `size`, row by row, dark ones as set bits in hex (4 per digit).
/// Made at build time; drawn as one SVG path so the browser bundle needs no QR encoder.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Qr {
    pub size: u16,
    pub dark: String,
}

impl Qr {
    /// The modules from a row-by-row list of `size` × `size` booleans (true = dark).
    pub fn from_modules(size: u16, modules: &[bool]) -> Qr {
        let dark = modules
            .chunks(4)
            .map(|bits| {
                let nibble = bits.iter().enumerate().fold(0u32, |n, (i, &b)| n | (u32::from(b) << (3 - i)));
                char::from_digit(nibble, 16).unwrap_or('0')
            })
            .collect();
        Qr { size, dark }
    }

    pub fn is_dark(&self, x: u16, y: u16) -> bool {
        let index = usize::from(y) * usize::from(self.size) + usize::from(x);
        self.dark
            .as_bytes()
            .get(index / 4)
            .and_then(|&digit| char::from(digit).to_digit(16))
            .is_some_and(|nibble| nibble & (8 >> (index % 4)) != 0)
    }

    /// SVG path data drawing every dark module, one rectangle per horizontal run, in a
    /// `size` × `size` box.
    pub fn svg_path(&self) -> String {
        let mut path = String::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.size && self.is_dark(x, y) {
                    x += 1;
                }
                path.push_str(&format!("M{start} {y}h{}v1h-{}z", x - start, x - start));
            }
        }
        path
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceLink {
    pub id: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowSummary {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub services: Vec<ServiceLink>,
}

/// A life event as the home page lists it (按事办).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventLink {
    pub id: String,
    pub title: String,
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomePage {
    /// 按事办: the life events, in their order (none on pages without them).
    #[serde(default)]
    pub events: Vec<EventLink>,
    pub windows: Vec<WindowSummary>,
    /// Every window's hours, to say which is open now.
    pub hours: Vec<crate::clock::WindowHours>,
}

/// A service commitment (服务承诺) of a window, as written in its front matter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub name: String,
    pub text: String,
}

/// Opening hours on some days of the week (1 = Monday … 7 = Sunday), times as "HH:MM".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    pub days: Vec<u8>,
    pub open: String,
    pub close: String,
    /// Places per appointment slot in this period, where it differs from the window's
    /// `booking.capacity` (fewer officers on a Saturday, more at a busy evening).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
}

impl Hours {
    /// The days in words, e.g. "周一至周五" or "周六、周日".
    pub fn days_label(&self) -> String {
        self.days_label_in(crate::Lang::Zh)
    }

    /// The days in `lang`: "周一至周五", "Mon–Fri".
    pub fn days_label_in(&self, lang: crate::Lang) -> String {
        const NAMES: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let name = |d: u8| lang.pick(NAMES, DAYS)[usize::from(d.clamp(1, 7) - 1)];
        let contiguous = self.days.windows(2).all(|w| w[1] == w[0] + 1);
        match self.days.as_slice() {
            [] => String::new(),
            [one] => name(*one).to_owned(),
            [_, .., _] if contiguous && self.days.len() == 7 => lang.pick("每天", "Every day").to_owned(),
            [first, .., last] if contiguous => {
                format!("{}{}{}", name(*first), lang.pick("至", "–"), name(*last))
            }
            days => days.iter().map(|d| name(*d)).collect::<Vec<_>>().join(lang.pick("、", ", ")),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Officer {
    pub name: String,
    pub number: String,
    pub role: String,
    /// A made-up officer of the example data, marked as such wherever shown.
    #[serde(default)]
    pub example: bool,
    /// The name in pinyin and the role in English, for the English pages.
    #[serde(default, deserialize_with = "crate::guide::non_empty")]
    pub name_en: Option<String>,
    #[serde(default, deserialize_with = "crate::guide::non_empty")]
    pub role_en: Option<String>,
}

/// The deployment's local facts about one window (a `[windows.ID]` table of `site.toml`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowLocal {
    pub address: String,
    pub phone: String,
    pub complaint_phone: String,
    #[serde(default, deserialize_with = "crate::guide::non_empty")]
    pub lunch: Option<String>,
    #[serde(default, deserialize_with = "crate::guide::non_empty")]
    pub extended: Option<String>,
    #[serde(default, deserialize_with = "crate::guide::non_empty")]
    pub holiday: Option<String>,
    pub hours: Vec<Hours>,
    #[serde(default)]
    pub officers: Vec<Officer>,
    /// The locality's own promises (minutes to answer, extra hours, local deadlines), kept with
    /// the deployment so a bureau that replaces this file does not inherit another city's.
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    /// Online appointment rules; `None` where the window takes no online appointments.
    #[serde(default)]
    pub booking: Option<BookingRules>,
    /// The same facts in English (`[windows.ID.en]`), for a window with English pages.
    #[serde(default)]
    pub en: Option<WindowLocalEnglish>,
}

/// A window's local facts as its English pages give them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowLocalEnglish {
    pub address: String,
    #[serde(default, deserialize_with = "crate::guide::non_empty")]
    pub lunch: Option<String>,
    #[serde(default, deserialize_with = "crate::guide::non_empty")]
    pub extended: Option<String>,
    #[serde(default, deserialize_with = "crate::guide::non_empty")]
    pub holiday: Option<String>,
    #[serde(default)]
    pub commitments: Vec<Commitment>,
}

impl WindowLocal {
    /// The facts in English where `site.toml` gives them: the English address followed by the
    /// Chinese one (to show a taxi driver), officers by pinyin name and English role.
    pub fn in_english(mut self) -> WindowLocal {
        if let Some(en) = self.en.take() {
            self.address = format!("{} ({})", en.address, self.address);
            self.lunch = en.lunch.or(self.lunch);
            self.extended = en.extended.or(self.extended);
            self.holiday = en.holiday.or(self.holiday);
            if !en.commitments.is_empty() {
                self.commitments = en.commitments;
            }
        }
        for officer in &mut self.officers {
            if let Some(name) = officer.name_en.take() {
                officer.name = format!("{name} ({})", officer.name);
            }
            if let Some(role) = officer.role_en.take() {
                officer.role = role;
            }
        }
        self
    }
}

/// How a window's day is cut into appointment slots.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingRules {
    pub slot_minutes: u16,
    pub capacity: u32,
    pub days_ahead: u16,
    /// No appointments from the first to the second time ("HH:MM"); written `break`.
    #[serde(rename = "break", default)]
    pub break_time: Option<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowPage {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub call: Option<String>,
    pub commitments: Vec<Commitment>,
    pub rights: Vec<String>,
    pub body_html: String,
    pub local: WindowLocal,
    pub services: Vec<ServiceLink>,
}

/// A clock part: the official calendar, and what to say with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockData {
    pub calendar: crate::calendar::Calendar,
    pub show: ClockKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ClockKind {
    /// "今天受理，预计…前办结" for a guide's time limit, with a date picker.
    Due(crate::guide::TimeLimit),
    /// Whether each of these windows is open now (one on its own page, all on the home page).
    Open(Vec<crate::clock::WindowHours>),
}

impl WindowPage {
    /// What the open-now line needs of the window.
    pub fn hours(&self) -> crate::clock::WindowHours {
        crate::clock::WindowHours {
            id: self.id.clone(),
            name: self.name.clone(),
            hours: self.local.hours.clone(),
            lunch: self.local.lunch.clone(),
        }
    }
}

/// What a page shows on arrival besides its content: a share link's checklist, a search's
/// query. Empty for the pre-rendered files; the server fills it in for a reader without
/// JavaScript who follows such a link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    pub checklist: crate::checklist::ChecklistState,
    pub query: String,
}

/// One searchable entry: a window or a guide, with its text for matching.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchEntry {
    pub title: String,
    pub href: String,
    pub context: String,
    /// How citizens ask for it ("户口本丢了", "车子过户"), matched like the title.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub text: String,
}

/// Everything search needs, loaded only with the search page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    pub entries: Vec<SearchEntry>,
    /// Groups of words that mean the same to a citizen (身份证 / 居民身份证, 过户 / 转让登记).
    pub synonyms: Vec<Vec<String>>,
}

/// A form page's boot data as that page's bundle reads it: the page's language and its parts,
/// of which only the form is decoded (a form page's bundle mounts nothing else, and decoding
/// every kind of part would cost it a fifth of its size).
#[derive(Debug, Deserialize)]
pub struct FormBoot {
    pub page: FormPageData,
}

/// See [`FormBoot`].
#[derive(Debug, Deserialize)]
pub struct FormPageData {
    pub lang: crate::Lang,
    pub parts: Vec<FormPart>,
}

/// A [`Part`] of a form page, with only the form decoded; the variants follow `Part`'s.
#[derive(Debug, Deserialize)]
pub enum FormPart {
    Html(serde::de::IgnoredAny),
    Checklist(serde::de::IgnoredAny),
    Search(serde::de::IgnoredAny),
    Clock(serde::de::IgnoredAny),
    Form(FormKind, Vec<FormWindow>),
    Event(serde::de::IgnoredAny),
}

/// What the pre-renderer embeds in every page so the browser can start without a request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Boot {
    pub site: SiteInfo,
    pub page: PageData,
}

impl Hours {
    /// All opening hours in one line, e.g. "周一至周五 08:30–17:30；周六 09:00–12:00".
    pub fn summary(hours: &[Hours], lang: crate::Lang) -> String {
        hours
            .iter()
            .map(|h| format!("{} {}–{}", h.days_label_in(lang), h.open, h.close))
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; "))
    }
}
