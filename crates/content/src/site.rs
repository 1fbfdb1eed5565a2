//! A loaded, checked content tree and the page data of every route built from it.

use swg_model::calendar::Calendar;
use swg_model::event::EventPage;
use swg_model::*;

/// Everything in `content/`, checked.
#[derive(Clone, Debug)]
pub struct Site {
    pub info: SiteInfo,
    /// The local rule for 差评 call-backs and rectification (`[rectification]` in `site.toml`).
    pub rectification: Rectification,
    /// The official working-day calendar from `calendar.toml`.
    pub calendar: Calendar,
    /// Windows in home-page order.
    pub windows: Vec<WindowPage>,
    /// Guides in file-name order.
    pub guides: Vec<GuidePage>,
    /// The English pages (`content/en/`): translations of some windows and their guides.
    pub english: English,
    /// Search synonyms from `synonyms.toml`.
    pub synonyms: Vec<Vec<String>>,
    /// 一件事一次办: life events (`events/`), in their order.
    pub events: Vec<EventPage>,
    /// 告知承诺书 texts (`pledges/`).
    pub pledges: Vec<PledgePage>,
}

/// The windows and guides translated into English, each with its Chinese page's id.
#[derive(Clone, Debug, Default)]
pub struct English {
    pub windows: Vec<WindowPage>,
    pub guides: Vec<GuidePage>,
}

/// Counts the build reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stats {
    pub windows: usize,
    pub guides: usize,
    pub materials: usize,
    pub questions: usize,
}

impl Site {
    /// A window's name by its id; the id itself for one the content no longer has (a stored
    /// record may outlive a window).
    pub fn window_name(&self, id: &str) -> String {
        self.windows.iter().find(|w| w.id == id).map_or_else(|| id.to_owned(), |w| w.name.clone())
    }

    pub fn stats(&self) -> Stats {
        Stats {
            windows: self.windows.len(),
            guides: self.guides.len(),
            materials: self.guides.iter().map(|g| g.materials.len()).sum(),
            questions: self.guides.iter().map(|g| g.questions.len()).sum(),
        }
    }

    /// Every route of the site with the data it renders from: the Chinese site, then the
    /// English pages (home, the translated windows and guides, search, the forms but the figures).
    pub fn pages(&self) -> Vec<(Route, Content)> {
        let mut pages = vec![(Route::Home, Content::Home(home(&self.windows, &self.events)))];
        pages.extend(
            self.windows.iter().map(|w| (Route::Window(w.id.clone()), Content::Window(Box::new(w.clone())))),
        );
        pages.extend(
            self.guides.iter().map(|g| (Route::Service(g.id.clone()), Content::Service(Box::new(g.clone())))),
        );
        pages.extend(
            self.events.iter().map(|e| (Route::Event(e.id.clone()), Content::Event(Box::new(e.clone())))),
        );
        pages.extend(
            self.pledges.iter().map(|p| (Route::Pledge(p.id.clone()), Content::Pledge(Box::new(p.clone())))),
        );
        pages.push((Route::Search, Content::Search(self.search())));
        for kind in FormKind::ALL {
            pages.push((kind.route(), Content::Form(kind, self.form_windows())));
        }
        pages.push((Route::Changes, Content::Changes(self.changes())));
        pages.push((Route::NotFound, Content::NotFound));
        let English { windows, guides } = &self.english;
        if windows.is_empty() {
            return pages;
        }
        let en = |route: Route| route.in_lang(Lang::En);
        pages.push((en(Route::Home), Content::Home(home(windows, &[]))));
        pages.extend(
            windows.iter().map(|w| (en(Route::Window(w.id.clone())), Content::Window(Box::new(w.clone())))),
        );
        pages.extend(
            guides.iter().map(|g| (en(Route::Service(g.id.clone())), Content::Service(Box::new(g.clone())))),
        );
        pages.push((en(Route::Search), Content::Search(self.search_in(Lang::En))));
        for kind in FormKind::ENGLISH {
            pages.push((en(kind.route()), Content::Form(kind, form_windows(windows))));
        }
        pages
    }

    /// A page's links in both languages, when it has an English version.
    pub fn versions(&self, route: &Route) -> Option<Versions> {
        let chinese = route.clone().in_lang(Lang::Zh);
        let English { windows, guides } = &self.english;
        let translated = match &chinese {
            Route::Home | Route::Search | Route::Book | Route::Manage | Route::Feedback | Route::Track => {
                !windows.is_empty()
            }
            Route::Window(id) => windows.iter().any(|w| &w.id == id),
            Route::Service(id) => guides.iter().any(|g| &g.id == id),
            _ => false,
        };
        translated.then(|| Versions { en: chinese.clone().in_lang(Lang::En).href(), zh: chinese.href() })
    }

    /// Every guide's changes, newest first (a guide's title breaks ties).
    pub fn changes(&self) -> Vec<ChangeEntry> {
        let mut entries: Vec<ChangeEntry> = self
            .guides
            .iter()
            .flat_map(|g| {
                g.changes.iter().map(move |c| ChangeEntry {
                    date: c.date.clone(),
                    guide: ServiceLink { id: g.id.clone(), title: g.title.clone() },
                    what: c.what.clone(),
                })
            })
            .collect();
        entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.guide.title.cmp(&b.guide.title)));
        entries
    }

    /// The windows as the forms offer them.
    pub fn form_windows(&self) -> Vec<FormWindow> {
        form_windows(&self.windows)
    }

    /// Every window and guide as search finds them, with the shared synonyms.
    pub fn search(&self) -> SearchPage {
        self.search_in(Lang::Zh)
    }

    /// The search index of the pages in `lang` (the shared synonyms are Chinese).
    pub fn search_in(&self, lang: Lang) -> SearchPage {
        match lang {
            Lang::Zh => search(lang, &self.windows, &self.guides, &self.events, &self.synonyms),
            Lang::En => search(lang, &self.english.windows, &self.english.guides, &[], &[]),
        }
    }
}

/// The windows as the forms offer them.
fn form_windows(windows: &[WindowPage]) -> Vec<FormWindow> {
    windows
        .iter()
        .map(|w| FormWindow {
            id: w.id.clone(),
            name: w.name.clone(),
            phone: w.local.phone.clone(),
            bookable: w.local.booking.is_some(),
            services: w.services.clone(),
        })
        .collect()
}

/// The home page of one language: its life events, and its windows with their hours.
fn home(windows: &[WindowPage], events: &[EventPage]) -> HomePage {
    HomePage {
        events: events
            .iter()
            .map(|e| EventLink { id: e.id.clone(), title: e.title.clone(), summary: e.summary.clone() })
            .collect(),
        windows: windows
            .iter()
            .map(|w| WindowSummary {
                id: w.id.clone(),
                name: w.name.clone(),
                summary: w.summary.clone(),
                services: w.services.clone(),
            })
            .collect(),
        hours: windows.iter().map(WindowPage::hours).collect(),
    }
}

/// The search index of one language: one entry per window, guide and life event, with the text
/// a citizen might type.
fn search(
    lang: Lang,
    windows: &[WindowPage],
    guides: &[GuidePage],
    events: &[EventPage],
    synonyms: &[Vec<String>],
) -> SearchPage {
    let windows = windows.iter().map(|w| SearchEntry {
        title: w.name.clone(),
        href: Route::Window(w.id.clone()).in_lang(lang).href(),
        context: w.summary.clone(),
        aliases: Vec::new(),
        text: format!("{} {}", w.name, w.summary),
    });
    let guides = guides.iter().map(|g| {
        let materials: Vec<&str> = g.materials.iter().map(|m| m.name.as_str()).collect();
        SearchEntry {
            title: g.title.clone(),
            href: Route::Service(g.id.clone()).in_lang(lang).href(),
            context: g.window.name.clone(),
            aliases: g.aliases.clone(),
            text: format!("{} {} {}", g.title, g.summary, materials.join(" ")),
        }
    });
    let events = events.iter().map(|e| {
        let steps: Vec<&str> = e.plan.steps().map(|(_, _, s)| s.guide.title.as_str()).collect();
        SearchEntry {
            title: e.title.clone(),
            href: Route::Event(e.id.clone()).href(),
            context: lang.pick("一件事一次办", "All steps of one life event").to_owned(),
            aliases: e.aliases.clone(),
            text: format!("{} {} {}", e.title, e.summary, steps.join(" ")),
        }
    });
    SearchPage { entries: events.chain(windows).chain(guides).collect(), synonyms: synonyms.to_vec() }
}
