//! Turns checked front matter into the shared page types.

use crate::events::{assemble_events, assemble_pledges, ParsedEvent, ParsedPledge};
use crate::load::Edition;
use crate::raw::*;
use crate::site::{English, Site};
use swg_model::calendar::Calendar;
use swg_model::*;

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref().filter(|s| !s.trim().is_empty()).cloned()
}

pub(crate) fn assemble(
    site: SiteFile,
    calendar: Calendar,
    chinese: Edition,
    english: Edition,
    synonyms: Vec<Vec<String>>,
    (events, pledges): (Vec<ParsedEvent>, Vec<ParsedPledge>),
) -> Site {
    let (windows, guides) = pages(&site, Lang::Zh, chinese);
    let (english_windows, english_guides) = pages(&site, Lang::En, english);
    Site {
        events: assemble_events(events, &guides, &windows, &site.site.url),
        pledges: assemble_pledges(pledges, &guides),
        calendar,
        info: site.site,
        rectification: site.rectification,
        windows,
        guides,
        english: English { windows: english_windows, guides: english_guides },
        synonyms,
    }
}

/// One language's window pages (in home-page order) and guides (in file-name order).
fn pages(site: &SiteFile, lang: Lang, edition: Edition) -> (Vec<WindowPage>, Vec<GuidePage>) {
    let Edition { mut windows, services, .. } = edition;
    windows.sort_by(|a, b| (a.value.order, a.value.id.get_ref()).cmp(&(b.value.order, b.value.id.get_ref())));
    let local = |id: &str| {
        let local = site.windows.get(id).cloned();
        if lang == Lang::En {
            local.map(WindowLocal::in_english)
        } else {
            local
        }
    };
    let window_pages: Vec<WindowPage> = windows
        .iter()
        .filter_map(|w| {
            let raw = &w.value;
            let id = raw.id.get_ref();
            Some(WindowPage {
                id: id.clone(),
                name: raw.name.clone(),
                summary: raw.summary.clone(),
                call: non_empty(&raw.call),
                commitments: raw.commitments.clone(),
                rights: raw.rights.iter().map(|r| r.text.clone()).collect(),
                body_html: w.body_html.clone(),
                local: local(id)?,
                services: services
                    .iter()
                    .filter(|s| &s.parsed.value.window == id)
                    .map(|s| ServiceLink {
                        id: s.parsed.value.id.clone(),
                        title: s.parsed.value.title.clone(),
                    })
                    .collect(),
            })
        })
        .collect();
    let guides = services
        .into_iter()
        .filter_map(|s| {
            let window = window_pages.iter().find(|w| w.id == s.parsed.value.window)?;
            let at =
                WindowRef { id: window.id.clone(), name: window.name.clone(), local: window.local.clone() };
            let page_url = format!(
                "{}{}",
                site.site.url.trim_end_matches('/'),
                Route::Service(s.parsed.value.id.clone()).in_lang(lang).href()
            );
            let qr = qr_code(&page_url);
            Some(s.parsed.value.at(lang, at, s.parsed.body_html, page_url, qr))
        })
        .collect();
    (window_pages, guides)
}

/// The QR code of an address (error correction level M, enough for a creased slip).
pub(crate) fn qr_code(text: &str) -> Qr {
    match qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M) {
        Ok(code) => {
            let modules: Vec<bool> = code.to_colors().iter().map(|c| *c == qrcode::Color::Dark).collect();
            Qr::from_modules(u16::try_from(code.width()).unwrap_or(0), &modules)
        }
        // Only an address of thousands of characters cannot be encoded; the slip then prints
        // the address alone.
        Err(_) => Qr::default(),
    }
}
