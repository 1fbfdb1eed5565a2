//! The pre-renderer run by `cargo xtask build`:
//! `prerender check CONTENT_DIR` or
//! `prerender write CONTENT_DIR OUT_DIR CSS [BUNDLE JS WASM]...` (one triple per browser bundle,
//! e.g. `app assets/app-1.js assets/app-1.wasm`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};
use swg_model::calendar::Date;
use swg_model::{Assets, Bundle, BundleFiles};
use swg_site::write_pages;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let (content, write) = match args.as_slice() {
        [cmd, content] if cmd == "check" => (content, None),
        [cmd, content, dir, css, bundles @ ..] if cmd == "write" => match read_bundles(bundles) {
            Ok(bundles) => (content, Some((dir, Assets { css: css.clone(), bundles }))),
            Err(e) => {
                let _ = writeln!(err, "prerender: {e}");
                return ExitCode::FAILURE;
            }
        },
        _ => {
            let _ = writeln!(err, "usage: prerender check CONTENT_DIR | prerender write CONTENT_DIR OUT_DIR CSS [BUNDLE JS WASM]...");
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

/// The bundles named on the command line, as `BUNDLE JS WASM` triples.
fn read_bundles(args: &[String]) -> Result<Vec<BundleFiles>, String> {
    if !args.len().is_multiple_of(3) {
        return Err(format!("bundles come as BUNDLE JS WASM triples; got {} argument(s)", args.len()));
    }
    args.chunks(3)
        .map(|triple| {
            let bundle = Bundle::try_from(triple[0].clone()).map_err(|e| e.to_string())?;
            Ok(BundleFiles { bundle, js: triple[1].clone(), wasm: triple[2].clone() })
        })
        .collect()
}
