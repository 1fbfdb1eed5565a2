//! The site's two languages: Chinese everywhere, English for the exit-entry window's pages.

crate::id_enum! {
    /// A page's language, written as its `lang` attribute.
    #[derive(Default)]
    pub enum Lang {
        #[default]
        Zh = "zh-CN",
        En = "en",
    }
}

impl Lang {
    /// The text of this language out of a Chinese and an English one.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The other language (the language switch's target).
    pub fn other(self) -> Lang {
        self.pick(Lang::En, Lang::Zh)
    }

    /// The language's name in itself, as the language switch shows it.
    pub fn own_name(self) -> &'static str {
        self.pick("中文", "English")
    }

    /// Whether `text` holds Chinese characters (an English page marks them `lang="zh-CN"`).
    pub fn has_chinese(text: &str) -> bool {
        text.chars().any(is_chinese)
    }
}

/// A message to a citizen in both languages; each page shows its own. Written with an empty
/// English text only where no English page can show it (the staff console).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Said {
    pub zh: String,
    #[serde(default)]
    pub en: String,
}

impl Said {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Said {
        Said { zh: zh.into(), en: en.into() }
    }

    /// The text in `lang` (the Chinese one where there is no English).
    pub fn in_lang(&self, lang: Lang) -> &str {
        said_in(&self.zh, &self.en, lang)
    }
}

/// Of a Chinese and an English text, the one in `lang` (the Chinese where there is no English):
/// how every message carried in both languages is read.
pub fn said_in<'a>(zh: &'a str, en: &'a str, lang: Lang) -> &'a str {
    match lang {
        Lang::En if !en.is_empty() => en,
        _ => zh,
    }
}

impl From<&str> for Said {
    fn from(zh: &str) -> Said {
        Said::new(zh, "")
    }
}

impl From<String> for Said {
    fn from(zh: String) -> Said {
        Said::new(zh, "")
    }
}

/// A Han character or CJK punctuation (including full-width forms such as 《》（）).
pub fn is_chinese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// `text` cut into runs of Chinese and of other text, in order, so an English page can mark
/// the Chinese runs (document names, addresses) with their language. Spaces between two Chinese
/// runs stay inside the run.
pub fn runs(text: &str) -> Vec<(bool, &str)> {
    let mut out: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let chinese = if c == ' ' { current.unwrap_or(false) } else { is_chinese(c) };
        match current {
            Some(kind) if kind != chinese => {
                out.push((kind, &text[start..i]));
                start = i;
                current = Some(chinese);
            }
            None => current = Some(chinese),
            _ => {}
        }
    }
    if let Some(kind) = current {
        out.push((kind, &text[start..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_name_in_an_english_sentence_is_its_own_chinese_run() {
        assert_eq!(
            runs("See 《护照法》 (Passport Law), Article 5."),
            vec![(false, "See "), (true, "《护照法》 "), (false, "(Passport Law), Article 5.")]
        );
        assert_eq!(runs("Passport"), vec![(false, "Passport")]);
        assert_eq!(runs(""), Vec::<(bool, &str)>::new());
    }

    #[test]
    fn each_language_picks_its_own_text_and_names_the_other() {
        assert_eq!(Lang::En.pick("护照", "Passport"), "Passport");
        assert_eq!(Lang::Zh.other(), Lang::En);
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert!(Lang::has_chinese("《护照法》") && !Lang::has_chinese("Passport"));
    }
}
