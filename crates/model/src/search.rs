//! Search that understands how citizens ask: the query is normalised (full-width, traditional
//! characters, filler words), widened with shared synonyms, and matched by character bigrams
//! weighted by how rare they are (IDF) and by where they are found (title, alias, text).

use crate::form::half_width;
use crate::page::{SearchEntry, SearchPage};
use std::collections::{BTreeMap, BTreeSet};

/// Words that say nothing about which service is meant.
const FILLERS: [&str; 24] = [
    "怎么办",
    "怎么",
    "如何",
    "哪里",
    "在哪",
    "需要",
    "什么",
    "请问",
    "可以",
    "能不能",
    "要办",
    "我想",
    "我要",
    "办理",
    "吗",
    "呢",
    "啊",
    "吧",
    "了",
    "的",
    "想",
    "要",
    "能",
    "办",
];

/// Traditional characters common in these services' names, and their simplified forms.
const TRADITIONAL: [(char, char); 64] = [
    ('證', '证'),
    ('護', '护'),
    ('駕', '驾'),
    ('駛', '驶'),
    ('戶', '户'),
    ('車', '车'),
    ('辦', '办'),
    ('遺', '遗'),
    ('補', '补'),
    ('簽', '签'),
    ('臨', '临'),
    ('時', '时'),
    ('號', '号'),
    ('過', '过'),
    ('記', '记'),
    ('錄', '录'),
    ('罰', '罚'),
    ('單', '单'),
    ('違', '违'),
    ('銷', '销'),
    ('遷', '迁'),
    ('機', '机'),
    ('動', '动'),
    ('灣', '湾'),
    ('臺', '台'),
    ('門', '门'),
    ('續', '续'),
    ('訪', '访'),
    ('書', '书'),
    ('換', '换'),
    ('領', '领'),
    ('丟', '丢'),
    ('處', '处'),
    ('無', '无'),
    ('開', '开'),
    ('檢', '检'),
    ('驗', '验'),
    ('醫', '医'),
    ('轉', '转'),
    ('讓', '让'),
    ('報', '报'),
    ('檔', '档'),
    ('籍', '籍'),
    ('歲', '岁'),
    ('難', '难'),
    ('業', '业'),
    ('許', '许'),
    ('館', '馆'),
    ('誤', '误'),
    ('寫', '写'),
    ('親', '亲'),
    ('屬', '属'),
    ('異', '异'),
    ('地', '地'),
    ('務', '务'),
    ('窗', '窗'),
    ('場', '场'),
    ('區', '区'),
    ('廳', '厅'),
    ('紀', '纪'),
    ('傷', '伤'),
    ('賠', '赔'),
    ('償', '偿'),
    ('調', '调'),
];

/// Most query variants tried after widening with synonyms.
const MAX_VARIANTS: usize = 48;

/// The query as compared: half-width, lower case, simplified characters, no punctuation.
pub fn normalise(query: &str) -> String {
    half_width(query)
        .to_lowercase()
        .chars()
        .map(|c| TRADITIONAL.iter().find(|(t, _)| *t == c).map_or(c, |(_, s)| *s))
        .map(|c| {
            if c.is_ascii_punctuation() || "，。？！、；：“”‘’（）《》".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The grams a query is matched by: CJK character pairs (a lone character stands for itself)
/// and whole lower-case words of Latin letters or digits.
fn grams(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut run: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush_run = |run: &mut Vec<char>, out: &mut BTreeSet<String>| {
        match run.len() {
            0 => {}
            1 => {
                out.insert(run[0].to_string());
            }
            _ => out.extend(run.windows(2).map(|w| w.iter().collect::<String>())),
        }
        run.clear();
    };
    for c in text.chars() {
        if is_cjk(c) {
            run.push(c);
        } else {
            flush_run(&mut run, &mut out);
        }
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if !word.is_empty() {
            out.insert(std::mem::take(&mut word));
        }
    }
    flush_run(&mut run, &mut out);
    if !word.is_empty() {
        out.insert(word);
    }
    out
}

/// The grams an entry is found by: those of [`grams`] and every single CJK character, so a
/// one-character query ("车") finds it too.
fn indexed(text: &str) -> BTreeSet<String> {
    let mut out = grams(text);
    out.extend(text.chars().filter(|c| is_cjk(*c)).map(String::from));
    out
}

/// One entry prepared for matching.
struct Prepared {
    title: BTreeSet<String>,
    aliases: BTreeSet<String>,
    all: BTreeSet<String>,
    title_text: String,
    alias_texts: Vec<String>,
}

/// The search index of a page, prepared once: every entry's grams and how many entries hold
/// each gram.
pub struct Searcher {
    page: SearchPage,
    prepared: Vec<Prepared>,
    frequency: BTreeMap<String, usize>,
    /// The synonym groups, normalised once.
    synonyms: Vec<Vec<String>>,
}

/// What a search found: the hits, best first; with none, the closest entries to suggest.
#[derive(Debug, Default)]
pub struct Found<'a> {
    pub hits: Vec<&'a SearchEntry>,
    pub close: Vec<&'a SearchEntry>,
}

impl Searcher {
    /// Prepares `page` once; every search after reuses the work (a keystroke costs only the
    /// query's own).
    pub fn new(page: SearchPage) -> Searcher {
        let prepared: Vec<Prepared> = page
            .entries
            .iter()
            .map(|e| {
                let (title_text, alias_texts) =
                    (normalise(&e.title), e.aliases.iter().map(|a| normalise(a)).collect::<Vec<_>>());
                let title = indexed(&title_text);
                let aliases: BTreeSet<String> = alias_texts.iter().flat_map(|a| indexed(a)).collect();
                let mut all = indexed(&normalise(&e.text));
                all.extend(title.iter().cloned());
                all.extend(aliases.iter().cloned());
                Prepared { title, aliases, all, title_text, alias_texts }
            })
            .collect();
        let mut frequency = BTreeMap::new();
        for p in &prepared {
            for gram in &p.all {
                *frequency.entry(gram.clone()).or_insert(0) += 1;
            }
        }
        let synonyms = page.synonyms.iter().map(|g| g.iter().map(|s| normalise(s)).collect()).collect();
        Searcher { page, prepared, frequency, synonyms }
    }

    /// The page searched.
    pub fn page(&self) -> &SearchPage {
        &self.page
    }

    /// How rare a gram is: rarer grams say more about which entry is meant. A gram found
    /// nowhere (a pair across two words, "办护" in "办护照") says nothing and weighs 0.
    fn weight(&self, gram: &str) -> f64 {
        let n = self.prepared.len() as f64;
        self.frequency.get(gram).map_or(0.0, |&df| (1.0 + n / df as f64).ln())
    }

    /// The query and its variants, each with how many words were replaced: each synonym found
    /// in it replaced by the others of its group, then filler words removed.
    fn variants(&self, query: &str) -> Vec<(String, u8)> {
        let mut variants = vec![(query.to_owned(), 0u8)];
        for group in &self.synonyms {
            let mut added = Vec::new();
            for (variant, replaced) in &variants {
                for term in group.iter().filter(|t| !t.is_empty() && variant.contains(t.as_str())) {
                    for other in group.iter().filter(|o| *o != term) {
                        added.push((variant.replace(term.as_str(), other), replaced + 1));
                    }
                }
            }
            for variant in added {
                if variants.len() < MAX_VARIANTS && !variants.iter().any(|(v, _)| *v == variant.0) {
                    variants.push(variant);
                }
            }
        }
        variants
            .into_iter()
            .map(|(v, replaced)| (FILLERS.iter().fold(v, |v, filler| v.replace(filler, " ")), replaced))
            .filter(|(v, _)| !v.trim().is_empty())
            .collect()
    }

    /// (score, share of the query's weight found) of an entry for one variant.
    fn score(&self, entry: &Prepared, variant: &str) -> (f64, f64) {
        let wanted = grams(variant);
        let total: f64 = wanted.iter().map(|g| self.weight(g)).sum();
        if total == 0.0 {
            return (0.0, 0.0);
        }
        let (mut found, mut score) = (0.0, 0.0);
        for gram in &wanted {
            let weight = self.weight(gram);
            if entry.title.contains(gram) || entry.aliases.contains(gram) {
                found += weight;
                score += 3.0 * weight;
            } else if entry.all.contains(gram) {
                found += weight;
                score += weight;
            }
        }
        let phrase = variant.split_whitespace().filter(|p| p.chars().count() >= 2).any(|p| {
            entry.title_text.contains(p)
                || entry.alias_texts.iter().any(|a| a.contains(p) || p.contains(a.as_str()))
        });
        let share = found / total;
        (score + if phrase { 2.0 * total } else { 0.0 } + 5.0 * share, share)
    }

    /// The entries matching `query`, best first: an entry matches when the query's rarer
    /// parts are mostly found in it. Ties go to the shorter (more general) title, then the
    /// title itself, never to the order of the files.
    pub fn search(&self, query: &str) -> Found<'_> {
        let query = normalise(query);
        if query.trim().is_empty() {
            return Found::default();
        }
        let variants = self.variants(&query);
        let mut scored: Vec<(f64, f64, &SearchEntry)> = self
            .prepared
            .iter()
            .zip(&self.page.entries)
            .map(|(p, e)| {
                // A variant counts a little less for every word it replaced: the citizen's own
                // words first.
                let best = variants
                    .iter()
                    .map(|(v, replaced)| {
                        let (score, share) = self.score(p, v);
                        (score * (1.0 - 0.05 * f64::from(*replaced)), share)
                    })
                    .fold((0.0, 0.0), |a, b| if b.0 > a.0 { b } else { a });
                (best.0, best.1, e)
            })
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.2.title.chars().count().cmp(&b.2.title.chars().count()))
                .then_with(|| a.2.title.cmp(&b.2.title))
        });
        let hits: Vec<&SearchEntry> = scored.iter().filter(|s| s.1 >= 0.6).map(|s| s.2).collect();
        let close = if hits.is_empty() {
            scored.iter().filter(|s| s.1 >= 0.25).take(5).map(|s| s.2).collect()
        } else {
            Vec::new()
        };
        Found { hits, close }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, aliases: &[&str], text: &str) -> SearchEntry {
        SearchEntry {
            title: title.into(),
            href: String::new(),
            context: String::new(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            text: text.into(),
        }
    }

    fn page(entries: Vec<SearchEntry>, synonyms: &[&[&str]]) -> SearchPage {
        SearchPage {
            entries,
            synonyms: synonyms.iter().map(|g| g.iter().map(|s| (*s).to_owned()).collect()).collect(),
        }
    }

    fn titles(found: &Found) -> Vec<String> {
        found.hits.iter().map(|e| e.title.clone()).collect()
    }

    fn sample() -> SearchPage {
        page(
            vec![
                entry("临时居民身份证", &[], "身份证 办理期间 临时 使用"),
                entry("居民身份证补领", &["身份证丢了"], "丢失 补领 身份证"),
                entry("普通护照首次申请", &[], "护照 身份证 照片"),
                entry("机动车转让登记（过户）", &[], "二手车 买卖"),
            ],
            &[&["补领", "补办", "掉了", "遗失"], &["驾驶证", "驾照"]],
        )
    }

    #[test]
    fn a_title_match_ranks_above_a_text_match_and_ties_never_follow_file_order() {
        let index = sample();
        let found = titles(&Searcher::new(index.clone()).search("身份证"));
        assert_eq!(found.last().map(String::as_str), Some("普通护照首次申请"), "a text match comes last");
        let mut reversed = sample();
        reversed.entries.reverse();
        assert_eq!(
            titles(&Searcher::new(reversed.clone()).search("身份证")),
            found,
            "the files' order plays no part"
        );
    }

    #[test]
    fn a_synonym_finds_the_official_word() {
        let index = sample();
        assert_eq!(titles(&Searcher::new(index.clone()).search("补办身份证"))[0], "居民身份证补领");
        assert_eq!(titles(&Searcher::new(index.clone()).search("身份证掉了怎么办？"))[0], "居民身份证补领");
    }

    #[test]
    fn full_width_and_traditional_characters_are_read_as_typed_on_the_mainland() {
        assert_eq!(normalise("護照　ＡＢＣ"), "护照 abc");
        let index = sample();
        assert_eq!(titles(&Searcher::new(index.clone()).search("護照"))[0], "普通护照首次申请");
    }

    #[test]
    fn an_alias_is_matched_as_a_phrase() {
        let index = sample();
        assert_eq!(titles(&Searcher::new(index.clone()).search("身份证丢了"))[0], "居民身份证补领");
    }

    #[test]
    fn a_query_about_nothing_here_has_no_hits_but_may_have_close_entries() {
        let searcher = Searcher::new(sample());
        let found = searcher.search("护照照片尺寸要求多大");
        assert!(found.hits.is_empty() || found.hits[0].title == "普通护照首次申请");
        let nothing = searcher.search("zzzz");
        assert!(nothing.hits.is_empty() && nothing.close.is_empty());
        assert!(searcher.search("  ").hits.is_empty());
    }
}
