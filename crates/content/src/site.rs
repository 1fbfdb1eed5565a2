//! A loaded, checked content tree and the page data of every route built from it.

use swg_model::calendar::Calendar;
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
    /// Search synonyms from `synonyms.toml`.
    pub synonyms: Vec<Vec<String>>,
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

    /// Every route of the site with the data it renders from.
    pub fn pages(&self) -> Vec<(Route, Content)> {
        let mut pages = vec![(Route::Home, Content::Home(self.home()))];
        pages.extend(
            self.windows.iter().map(|w| (Route::Window(w.id.clone()), Content::Window(Box::new(w.clone())))),
        );
        pages.extend(
            self.guides.iter().map(|g| (Route::Service(g.id.clone()), Content::Service(Box::new(g.clone())))),
        );
        pages.push((Route::Search, Content::Search(self.search())));
        for kind in FormKind::ALL {
            pages.push((kind.route(), Content::Form(kind, self.form_windows())));
        }
        pages.push((Route::Changes, Content::Changes(self.changes())));
        pages.push((Route::NotFound, Content::NotFound));
        pages
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
        self.windows
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

    fn home(&self) -> HomePage {
        HomePage {
            windows: self
                .windows
                .iter()
                .map(|w| WindowSummary {
                    id: w.id.clone(),
                    name: w.name.clone(),
                    summary: w.summary.clone(),
                    services: w.services.clone(),
                })
                .collect(),
            hours: self.windows.iter().map(WindowPage::hours).collect(),
        }
    }

    /// The search index: one entry per window and guide, with the text a citizen might type.
    /// Every window and guide as search finds them, with the shared synonyms.
    pub fn search(&self) -> SearchPage {
        let windows = self.windows.iter().map(|w| SearchEntry {
            title: w.name.clone(),
            href: Route::Window(w.id.clone()).href(),
            context: w.summary.clone(),
            aliases: Vec::new(),
            text: format!("{} {}", w.name, w.summary),
        });
        let guides = self.guides.iter().map(|g| {
            let materials: Vec<&str> = g.materials.iter().map(|m| m.name.as_str()).collect();
            SearchEntry {
                title: g.title.clone(),
                href: Route::Service(g.id.clone()).href(),
                context: g.window.name.clone(),
                aliases: g.aliases.clone(),
                text: format!("{} {} {}", g.title, g.summary, materials.join(" ")),
            }
        });
        SearchPage { entries: windows.chain(guides).collect(), synonyms: self.synonyms.clone() }
    }
}
