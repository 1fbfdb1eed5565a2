//! The pre-renderer run by `cargo xtask build`:
//! `prerender check CONTENT_DIR` or
//! `prerender write CONTENT_DIR OUT_DIR CSS JS WASM FORMS_JS FORMS_WASM EVENTS_JS EVENTS_WASM`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};
use swg_model::calendar::Date;
use swg_model::Assets;
use swg_site::write_pages;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let (content, write) = match args.as_slice() {
        [cmd, content] if cmd == "check" => (content, None),
        [cmd, content, dir, css, js, wasm, forms_js, forms_wasm, events_js, events_wasm]
            if cmd == "write" =>
        {
            let assets = Assets {
                css: css.clone(),
                js: Some(js.clone()),
                wasm: Some(wasm.clone()),
                forms_js: Some(forms_js.clone()),
                forms_wasm: Some(forms_wasm.clone()),
                events_js: Some(events_js.clone()),
                events_wasm: Some(events_wasm.clone()),
            };
            (content, Some((dir, assets)))
        }
        _ => {
            let _ = writeln!(
                err,
                "usage: prerender check CONTENT_DIR | prerender write CONTENT_DIR OUT_DIR CSS JS WASM FORMS_JS FORMS_WASM EVENTS_JS EVENTS_WASM"
            );
            return ExitCode::FAILURE;
        }
    };
    let site = match swg_content::load(Path::new(content)) {
        Ok(site) => site,
        Err(errors) => {
            let _ = writeln!(err, "{errors}");
            return ExitCode::FAILURE;
        }
    };
    let stats = site.stats();
    match write {
        None => {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
            let today = Date::from_unix_china(i64::try_from(now).unwrap_or(i64::MAX));
            let calendar_file = Path::new(content).join(swg_content::CALENDAR_FILE);
            let services = Path::new(content).join("services");
            let warnings: Vec<String> = swg_content::expiry_warning(&site.calendar, &calendar_file, today)
                .into_iter()
                .chain(swg_content::review_warnings(&site.guides, &services, today))
                .collect();
            for warning in &warnings {
                let _ = writeln!(err, "{warning}");
            }
            let _ = writeln!(
                out,
                "content: {} windows, {} guides, {} materials, {} situation questions, in English {} window(s) and {} guides, calendar to {}, {} warning(s)",
                stats.windows,
                stats.guides,
                stats.materials,
                stats.questions,
                site.english.windows.len(),
                site.english.guides.len(),
                site.calendar.last_year().map_or_else(|| "none".to_owned(), |y| y.to_string()),
                warnings.len()
            );
            ExitCode::SUCCESS
        }
        Some((dir, assets)) => match write_pages(&site, &assets, Path::new(dir)) {
            Ok(report) => {
                let bytes: usize = report.pages.iter().map(|(_, b)| b).sum();
                let _ = writeln!(out, "pre-rendered {} pages ({bytes} bytes of HTML)", report.pages.len());
                ExitCode::SUCCESS
            }
            Err(e) => {
                let _ = writeln!(err, "prerender: cannot write {dir}: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
