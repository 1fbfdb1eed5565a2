//! `cargo xtask bench --lighthouse`: Lighthouse (npm, mobile settings, simulated slow 4G) with
//! Debian's Chromium on a guide, the home page and the booking page of the server started on
//! the built site; prints performance, accessibility, LCP, TBT and CLS for each.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// The pages measured: what a citizen opens most.
pub const PAGES: [(&str, &str); 3] =
    [("guide", "/services/shenfenzheng-buling/"), ("home", "/"), ("booking", "/book/?window=huji")];

#[derive(Deserialize)]
struct Report {
    categories: BTreeMap<String, Category>,
    audits: BTreeMap<String, Audit>,
}

#[derive(Deserialize)]
struct Category {
    score: Option<f64>,
}

#[derive(Deserialize)]
struct Audit {
    #[serde(rename = "numericValue")]
    numeric_value: Option<f64>,
}

/// One page's figures.
pub struct Figures {
    pub performance: f64,
    pub accessibility: f64,
    pub lcp_ms: f64,
    pub tbt_ms: f64,
    pub cls: f64,
}

fn parse(json: &str) -> Result<Figures, String> {
    let report: Report = serde_json::from_str(json).map_err(|e| format!("lighthouse's report: {e}"))?;
    let score = |name: &str| report.categories.get(name).and_then(|c| c.score).map_or(0.0, |s| s * 100.0);
    let value = |name: &str| report.audits.get(name).and_then(|a| a.numeric_value).unwrap_or(f64::NAN);
    Ok(Figures {
        performance: score("performance"),
        accessibility: score("accessibility"),
        lcp_ms: value("largest-contentful-paint"),
        tbt_ms: value("total-blocking-time"),
        cls: value("cumulative-layout-shift"),
    })
}

/// Runs Lighthouse on `url` with the CLI at `cli` and Chromium at `chromium`.
pub fn measure(cli: &Path, chromium: &Path, url: &str) -> Result<Figures, String> {
    let output = Command::new("node")
        .arg(cli)
        .arg(url)
        .args([
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            "--only-categories=performance,accessibility",
            "--form-factor=mobile",
            "--throttling-method=simulate",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ])
        .env("CHROME_PATH", chromium)
        .output()
        .map_err(|e| format!("cannot run lighthouse: {e}"))?;
    if !output.status.success() {
        return Err(format!("lighthouse failed on {url}: {}", String::from_utf8_lossy(&output.stderr)));
    }
    parse(&String::from_utf8_lossy(&output.stdout))
}

/// Prints the figures of every page of [`PAGES`] on the site at `origin`.
pub fn run(cli: &Path, chromium: &Path, origin: &str) -> Result<(), String> {
    println!(
        "\nLighthouse 13, mobile, simulated slow 4G   performance  accessibility   LCP ms   TBT ms    CLS"
    );
    for (name, path) in PAGES {
        let f = measure(cli, chromium, &format!("{origin}{path}"))?;
        println!(
            "{name:<42} {:>11.0} {:>14.0} {:>8.0} {:>8.0} {:>6.3}",
            f.performance, f.accessibility, f.lcp_ms, f.tbt_ms, f.cls
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_report_gives_scores_in_percent_and_the_three_timings() {
        let json = r#"{"categories":{"performance":{"score":0.97},"accessibility":{"score":1}},
            "audits":{"largest-contentful-paint":{"numericValue":1500.4},"total-blocking-time":{"numericValue":20},
            "cumulative-layout-shift":{"numericValue":0.01}}}"#;
        let f = super::parse(json).expect("a report");
        assert_eq!(
            (f.performance.round(), f.accessibility, f.lcp_ms.round(), f.tbt_ms, f.cls),
            (97.0, 100.0, 1500.0, 20.0, 0.01)
        );
    }
}
