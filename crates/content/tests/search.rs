//! Search over the shipped content with the phrasings citizens use (`tests/fixtures/
//! search_phrasings.toml`): prints the share found first and in the top three, and holds both
//! above a floor.

use std::path::PathBuf;
use swg_model::search::Searcher;
use swg_model::Route;

#[derive(serde::Deserialize)]
struct Phrasings {
    phrasings: Vec<Phrasing>,
}

#[derive(serde::Deserialize)]
struct Phrasing {
    ask: String,
    want: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn everyday_phrasings_find_their_guide_first_or_in_the_top_three() {
    let site =
        swg_content::load(&root().join("content")).unwrap_or_else(|e| panic!("content/ has errors:\n{e}"));
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/search_phrasings.toml")).expect("phrasings");
    let phrasings: Phrasings = toml::from_str(&text).expect("phrasings parse");
    assert!(phrasings.phrasings.len() >= 40, "at least 40 phrasings");
    let index = site.search();
    let searcher = Searcher::new(index.clone());
    let (mut first, mut top_three, mut misses) = (0usize, 0usize, Vec::new());
    for p in &phrasings.phrasings {
        assert!(site.guides.iter().any(|g| g.id == p.want), "`{}` names no guide", p.want);
        let want = Route::Service(p.want.clone()).href();
        let hits: Vec<&str> = searcher.search(&p.ask).hits.iter().map(|e| e.href.as_str()).collect();
        match hits.iter().position(|h| *h == want) {
            Some(0) => {
                first += 1;
                top_three += 1;
            }
            Some(1 | 2) => top_three += 1,
            at => misses.push(format!("{} → {} (at {at:?}; first: {:?})", p.ask, p.want, hits.first())),
        }
    }
    let n = phrasings.phrasings.len();
    let share = |k: usize| 100.0 * k as f64 / n as f64;
    eprintln!(
        "search: {n} phrasings, {first} found first ({:.0}%), {top_three} in the top three ({:.0}%)",
        share(first),
        share(top_three)
    );
    for miss in &misses {
        eprintln!("  not in the top three: {miss}");
    }
    assert!(share(first) >= 80.0, "found first: {:.0}%", share(first));
    assert!(share(top_three) >= 95.0, "in the top three: {:.0}%\n{}", share(top_three), misses.join("\n"));
}

#[test]
fn a_synonym_group_with_a_single_word_is_refused_with_its_line() {
    let dir = tempfile::tempdir().expect("dir");
    let fixtures = root().join("tests/fixtures/site");
    for entry in ["site.toml", "calendar.toml"] {
        std::fs::copy(fixtures.join(entry), dir.path().join(entry)).expect("copy");
    }
    for sub in ["windows", "services"] {
        std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        for file in std::fs::read_dir(fixtures.join(sub)).expect("read") {
            let file = file.expect("entry").path();
            std::fs::copy(&file, dir.path().join(sub).join(file.file_name().expect("name"))).expect("copy");
        }
    }
    std::fs::write(
        dir.path().join("synonyms.toml"),
        "groups = [\n  [\"驾照\", \"驾驶证\"],\n  [\"过户\"],\n]\n",
    )
    .expect("write");
    let errors = swg_content::load(dir.path()).expect_err("a one-word group is refused");
    let text = errors.to_string();
    assert!(text.contains("synonyms.toml:3") && text.contains("`过户` needs at least two"), "{text}");
}
