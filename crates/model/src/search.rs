//! Search that works for Chinese: whole-phrase matches first, then character-bigram overlap.

use crate::page::SearchEntry;
use std::collections::BTreeSet;

fn bigrams(s: &str) -> BTreeSet<(char, char)> {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation()).collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// The entries matching `query`, best first. A query term found in the title ranks highest, then
/// in the text; otherwise an entry needs at least half of the query's character pairs.
pub fn search<'a>(entries: &'a [SearchEntry], query: &str) -> Vec<&'a SearchEntry> {
    let query = query.trim().to_ascii_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let terms: Vec<&str> = query.split_whitespace().collect();
    let wanted = bigrams(&query);
    let mut scored: Vec<(u32, usize, &SearchEntry)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let (title, text) = (e.title.to_ascii_lowercase(), e.text.to_ascii_lowercase());
            let score = if terms.iter().all(|t| title.contains(t)) {
                1000
            } else if terms.iter().all(|t| text.contains(t)) {
                500
            } else if wanted.len() >= 2 {
                let have = bigrams(&text);
                let shared = wanted.intersection(&have).count();
                if shared * 2 >= wanted.len() {
                    u32::try_from(shared * 10).unwrap_or(u32::MAX)
                } else {
                    0
                }
            } else {
                0
            };
            (score > 0).then_some((score, i, e))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, text: &str) -> SearchEntry {
        SearchEntry {
            title: title.into(),
            href: String::new(),
            context: String::new(),
            text: format!("{title} {text}"),
        }
    }

    #[test]
    fn a_chinese_phrase_without_spaces_finds_the_guide() {
        let entries = [entry("普通护照首次申请", "身份证 照片"), entry("居民身份证换领", "户口簿")];
        let hits = search(&entries, "护照");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].title, "普通护照首次申请");
    }

    #[test]
    fn title_matches_rank_above_text_matches() {
        let entries = [entry("普通护照首次申请", "居民身份证"), entry("居民身份证换领", "")];
        let hits = search(&entries, "身份证");
        assert_eq!(
            hits.iter().map(|e| e.title.as_str()).collect::<Vec<_>>(),
            ["居民身份证换领", "普通护照首次申请"]
        );
    }

    #[test]
    fn a_loose_phrase_matches_by_character_pairs() {
        let entries = [entry("机动车驾驶证换证", "有效期满")];
        assert_eq!(search(&entries, "驾驶证到期换证").len(), 1);
        assert!(search(&entries, "户口迁移").is_empty());
    }

    #[test]
    fn an_empty_query_finds_nothing() {
        assert!(search(&[entry("a", "b")], "  ").is_empty());
    }
}
