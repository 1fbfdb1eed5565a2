//! Content lints: what a guide cites must be a document a citizen (or a lawyer) can look up,
//! a fee must agree with itself, a change must carry its date, and a review must be recent.

use crate::error::ContentErrors;
use crate::load::ParsedGuide;
use std::path::Path;
use swg_model::calendar::Date;
use swg_model::GuidePage;

/// How old a guide's review may be before the build warns.
pub const REVIEW_DAYS: i64 = 365;

const NUMERALS: &str = "0123456789〇零一二三四五六七八九十百千";

/// Whether the text cites an article: 第…条 with numerals between.
pub fn cites_article(text: &str) -> bool {
    text.match_indices('第').any(|(at, _)| {
        let rest = &text[at + '第'.len_utf8()..];
        let numerals = rest.chars().take_while(|c| NUMERALS.contains(*c)).count();
        numerals > 0 && rest.chars().nth(numerals) == Some('条')
    })
}

/// Whether the text carries a document number: a numeral right before 号 ("〔2019〕1931号",
/// "公安部令第124号").
pub fn cites_document_number(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).any(|pair| pair[1] == '号' && NUMERALS.contains(pair[0]))
}

/// Whether the text names a document: a title in 《》 or a document number.
pub fn names_document(text: &str) -> bool {
    (text.contains('《') && text.contains('》')) || cites_document_number(text)
}

pub(crate) fn check(guide: &ParsedGuide, errors: &mut ContentErrors) {
    let (src, page, lines) = (&guide.parsed.source, &guide.parsed.value, &guide.lines);
    for (entry, at) in page.basis.iter().zip(lines.basis.get_ref()) {
        if !cites_article(entry) && !cites_document_number(entry) {
            errors.push(src.error(
                src.line(at),
                format!("legal basis `{entry}` names no article or document number"),
                "cite the article (第X条) or the document number (e.g. 发改价格规〔2019〕1931号); put unnumbered local practice in the text or `uncertain` instead",
            ));
        }
    }
    if !names_document(&page.source) {
        errors.push(src.error(
            src.line(&lines.source),
            format!("source `{}` names no document", page.source),
            "name at least one document: its title in 《》 or its number; \"各地公安机关公开办事指南\" may only stand beside one",
        ));
    }
    let fee = lines.fee.get_ref();
    if let (Some(basis), Some(at)) = (&page.fee.basis, &fee.basis) {
        if !names_document(basis) {
            errors.push(src.error(
                src.line(at),
                format!("fee basis `{basis}` is not a document"),
                "the basis of a fee is the document that sets it (《…》 or its number), not a reason; a free service needs no basis",
            ));
        }
    }
    if let (true, Some(amount), Some(at)) = (page.fee.free, &page.fee.amount, &fee.amount) {
        if amount.contains('元') {
            errors.push(src.error(
                src.line(at),
                format!("free = true, but the amount says `{amount}`"),
                "a service charged in some cases is free = false, with the amount saying when it is free",
            ));
        }
    }
    for (change, at) in page.changes.iter().zip(&lines.changes) {
        if Date::parse(&change.date).is_none() || change.what.trim().is_empty() {
            errors.push(src.error(
                src.line(at),
                format!("change `{}` needs a date (YYYY-MM-DD) and what changed", change.date),
                "write [[changes]] date = \"2026-12-01\" and what = \"…\"",
            ));
        }
    }
}

/// Guides last reviewed more than [`REVIEW_DAYS`] before `today`, as build warnings.
pub fn review_warnings(guides: &[GuidePage], services: &Path, today: Date) -> Vec<String> {
    guides
        .iter()
        .filter_map(|g| {
            let reviewed = Date::parse(&g.reviewed)?;
            let age = i64::from(reviewed.days_until(today));
            (age > REVIEW_DAYS).then(|| {
                format!(
                    "warning: {}: last reviewed {} ({age} days ago); check it against its sources and update `reviewed`",
                    services.join(format!("{}.md", g.id)).display(),
                    g.reviewed
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_and_document_numbers_are_recognised() {
        assert!(cites_article("《中华人民共和国居民身份证法》第十一条"));
        assert!(cites_article("第3条"));
        assert!(!cites_article("第一次申领"));
        assert!(cites_document_number("发改价格规〔2019〕1931号"));
        assert!(cites_document_number("公安部令第124号"));
        assert!(!cites_document_number("公安部有关规定"));
        assert!(names_document("《道路交通安全法》"));
        assert!(!names_document("不发新证件"));
        assert!(!names_document("各地公安机关公开办事指南"));
    }
}
