//! Turns checked front matter into the shared page types.

use crate::load::{Parsed, ParsedGuide};
use crate::raw::*;
use crate::site::Site;
use swg_model::calendar::Calendar;
use swg_model::*;

pub(crate) fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref().filter(|s| !s.trim().is_empty()).cloned()
}

pub(crate) fn to_local(w: &LocalWindow) -> WindowLocal {
    WindowLocal {
        address: w.address.clone(),
        phone: w.phone.clone(),
        complaint_phone: w.complaint_phone.clone(),
        lunch: non_empty(&w.lunch),
        extended: non_empty(&w.extended),
        holiday: non_empty(&w.holiday),
        hours: w
            .hours
            .iter()
            .map(|h| Hours {
                days: h.get_ref().days.clone(),
                open: h.get_ref().open.clone(),
                close: h.get_ref().close.clone(),
            })
            .collect(),
        booking: w.booking.as_ref().map(|b| {
            let b = b.get_ref();
            BookingRules {
                slot_minutes: b.slot_minutes,
                capacity: b.capacity,
                days_ahead: b.days_ahead,
                break_time: b.break_time.clone().map(|[from, to]| (from, to)),
            }
        }),
        officers: w
            .officers
            .iter()
            .map(|o| Officer { name: o.name.clone(), number: o.number.clone(), role: o.role.clone() })
            .collect(),
    }
}

pub(crate) fn assemble(
    site: SiteFile,
    calendar: Calendar,
    mut windows: Vec<Parsed<RawWindow>>,
    services: Vec<ParsedGuide>,
) -> Site {
    windows.sort_by(|a, b| (a.value.order, a.value.id.get_ref()).cmp(&(b.value.order, b.value.id.get_ref())));
    let local = |id: &str| site.windows.get(id).map(to_local);
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
                commitments: raw
                    .commitments
                    .iter()
                    .map(|c| Commitment { name: c.name.clone(), text: c.text.clone() })
                    .collect(),
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
            Some(s.parsed.value.at(at, s.parsed.body_html))
        })
        .collect();
    let s = site.site;
    Site {
        calendar,
        info: SiteInfo {
            name: s.name,
            organisation: s.organisation,
            example_data: s.example_data,
            supervision_phone: s.supervision_phone,
            source: s.source,
        },
        windows: window_pages,
        guides,
    }
}
