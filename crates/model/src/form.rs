//! Citizen input parsed into typed values, with field errors in Chinese; masking of personal data.

use crate::{Lang, Said};
use serde::{Deserialize, Serialize};

crate::id_enum! {
    /// Every field of the citizen's forms, named once: the JSON API's keys, the plain forms'
    /// and the browser forms' input names, and the field errors all use these ids.
    pub enum FieldName {
        IdempotencyKey = "idempotency_key",
        Window = "window",
        Service = "service",
        Day = "day",
        Slot = "slot",
        Name = "name",
        Phone = "phone",
        IdNumber = "id_number",
        IdKind = "id_kind",
        Need = "need",
        HomeVisit = "home_visit",
        Code = "code",
        Kind = "kind",
        VisitDate = "visit_date",
        Text = "text",
        Officer = "officer",
        Consent = "consent",
        Rating = "rating",
        WhatWentWrong = "what_went_wrong",
        Tracking = "tracking",
        Website = "website",
        /// The language a plain form was filled in (its answer page speaks it).
        Lang = "lang",
    }
}

/// One field's problem, shown next to the field: `message` in Chinese, `en` in English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: FieldName,
    pub message: String,
    #[serde(default)]
    pub en: String,
}

impl FieldError {
    pub fn new(field: FieldName, said: impl Into<Said>) -> FieldError {
        let Said { zh, en } = said.into();
        FieldError { field, message: zh, en }
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        crate::lang::said_in(&self.message, &self.en, lang)
    }
}

/// Collects field errors while parsing a form.
#[derive(Default, Debug)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn add(&mut self, field: FieldName, said: impl Into<Said>) {
        self.0.push(FieldError::new(field, said));
    }

    /// Keeps the value of a successful parse; records the message of a failed one.
    pub fn take<T>(&mut self, field: FieldName, result: Result<T, Said>) -> Option<T> {
        result.map_err(|said| self.add(field, said)).ok()
    }
}

/// The text with full-width letters, digits and signs (as Chinese input methods type them:
/// "１３９", "Ｆ２０２６") and the ideographic space made their ASCII forms.
pub fn half_width(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            other => other,
        })
        .collect()
}

/// A booking code as typed: half-width, without spaces or dashes (it is shown letter-spaced),
/// in capitals.
pub fn normalise_code(input: &str) -> String {
    half_width(input)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase()
}

/// A feedback tracking number (F, the date, six letters or digits), with or without its dash,
/// spaces or full-width characters; given back as written on the receipt, F20260918-ABC123.
pub fn parse_tracking(input: &str) -> Result<String, Said> {
    let plain = normalise_code(input);
    let ok = plain.len() == 15
        && plain.starts_with('F')
        && plain[1..9].bytes().all(|b| b.is_ascii_digit())
        && plain[9..].bytes().all(|b| b.is_ascii_alphanumeric());
    if ok {
        Ok(format!("{}-{}", &plain[..9], &plain[9..]))
    } else {
        Err(Said::new(
            "受理编号像 F20260918-ABC123 这样，请核对",
            "A tracking number looks like F20260918-ABC123; please check it",
        ))
    }
}

/// A mobile number: a mainland one (11 digits starting 13–19, with or without +86), or any
/// other with its country code ("+852 9123 4567"), kept as "+" and 7–15 digits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Phone, Said> {
        let digits: String = half_width(input)
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')'))
            .collect();
        if digits.is_empty() {
            return Err(Said::new("请填写手机号码", "Enter your mobile number"));
        }
        let digits = match digits.strip_prefix("+86").or_else(|| digits.strip_prefix("0086")) {
            Some(mainland) => mainland.to_owned(),
            None => digits,
        };
        if let Some(international) = digits.strip_prefix('+').or_else(|| digits.strip_prefix("00")) {
            let ok = (7..=15).contains(&international.len())
                && international.bytes().all(|b| b.is_ascii_digit())
                && !international.starts_with('0');
            return if ok {
                Ok(Phone(format!("+{international}")))
            } else {
                Err(Said::new(
                    "境外手机号请写国家或地区代码，例如 +852 9123 4567",
                    "For a number outside mainland China, add the country code, e.g. +852 9123 4567",
                ))
            };
        }
        let valid = digits.len() == 11
            && digits.bytes().all(|b| b.is_ascii_digit())
            && digits.starts_with('1')
            && digits.as_bytes()[1] >= b'3';
        if valid {
            Ok(Phone(digits))
        } else {
            Err(Said::new(
                "手机号码应为 1 开头的 11 位数字；境外手机号请加国家或地区代码，例如 +852",
                "A mainland mobile number has 11 digits starting with 1; for another country add its code, e.g. +44",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "138****5678"
    pub fn masked(&self) -> String {
        mask_phone(&self.0)
    }
}

pub fn mask_phone(phone: &str) -> String {
    // A number from abroad keeps its country code: "+852****4567".
    if let Some(rest) = phone.strip_prefix('+') {
        let chars: Vec<char> = rest.chars().collect();
        if chars.len() < 7 {
            return format!("+{}", "*".repeat(chars.len()));
        }
        let code_len = if ["852", "853", "886"].iter().any(|c| rest.starts_with(c)) { 3 } else { 2 };
        let code: String = chars[..code_len].iter().collect();
        let tail: String = chars[chars.len() - 4..].iter().collect();
        return format!("+{code}****{tail}");
    }
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

/// A resident identity card number (GB 11643-1999): 17 digits, a valid birth date and the
/// check character.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdNumber(String);

impl IdNumber {
    pub fn parse(input: &str) -> Result<IdNumber, Said> {
        let id = half_width(input).trim().to_ascii_uppercase();
        if id.is_empty() {
            return Err(Said::new("请填写身份证号码", "Enter the ID card number"));
        }
        let bytes = id.as_bytes();
        if bytes.len() != 18
            || !bytes[..17].iter().all(u8::is_ascii_digit)
            || !(bytes[17].is_ascii_digit() || bytes[17] == b'X')
        {
            return Err(Said::new(
                "身份证号码应为 18 位（最后一位可以是 X）",
                "An ID card number has 18 characters (the last may be X)",
            ));
        }
        let birth = format!("{}-{}-{}", &id[6..10], &id[10..12], &id[12..14]);
        if crate::calendar::Date::parse(&birth).is_none() {
            return Err(Said::new(
                "身份证号码中的出生日期不对，请核对",
                "The date of birth in the ID card number is not valid; please check it",
            ));
        }
        if check_char(&bytes[..17]) != bytes[17] {
            return Err(Said::new(
                "身份证号码校验位不对，请逐位核对",
                "The ID card number's check character does not match; please check each character",
            ));
        }
        Ok(IdNumber(id))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "1101**********1234"
    pub fn masked(&self) -> String {
        mask_id(&self.0)
    }
}

pub fn mask_id(id: &str) -> String {
    if id.len() < 8 || !id.is_ascii() {
        return "*".repeat(id.chars().count());
    }
    format!("{}{}{}", &id[..4], "*".repeat(id.len() - 8), &id[id.len() - 4..])
}

crate::id_enum! {
    /// The identity documents a booking may be made with.
    pub enum IdKind {
        ResidentId = "resident_id",
        Passport = "passport",
        ForeignPermanent = "foreign_permanent",
        HmtResidence = "hmt_residence",
        HkMacauPermit = "hk_macau_permit",
        TaiwanPermit = "taiwan_permit",
    }
}

impl IdKind {
    pub fn label(self) -> &'static str {
        self.label_in(Lang::Zh)
    }

    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            IdKind::ResidentId => lang.pick("居民身份证", "Resident identity card"),
            IdKind::Passport => lang.pick("护照", "Passport"),
            IdKind::ForeignPermanent => {
                lang.pick("外国人永久居留身份证", "Foreign permanent resident ID card")
            }
            IdKind::HmtResidence => {
                lang.pick("港澳台居民居住证", "Residence permit for Hong Kong, Macao and Taiwan residents")
            }
            IdKind::HkMacauPermit => lang
                .pick("港澳居民来往内地通行证", "Mainland travel permit for Hong Kong and Macao residents"),
            IdKind::TaiwanPermit => {
                lang.pick("台湾居民来往大陆通行证", "Mainland travel permit for Taiwan residents")
            }
        }
    }

    /// What the number looks like, for the hint under the field.
    pub fn hint(self) -> &'static str {
        self.hint_in(Lang::Zh)
    }

    pub fn hint_in(self, lang: Lang) -> &'static str {
        match self {
            IdKind::ResidentId => lang.pick(
                "18 位，最后一位可以是 X；身份证丢了可填记得的号码，或选其他证件",
                "18 characters, the last may be X",
            ),
            IdKind::Passport => lang.pick("护照号码，5–17 位字母和数字", "5–17 letters and digits"),
            IdKind::ForeignPermanent => lang.pick(
                "18 位（9 开头）或旧版 15 位（3 个字母加 12 位数字）",
                "18 digits starting with 9, or the old 15 (3 letters and 12 digits)",
            ),
            IdKind::HmtResidence => lang.pick(
                "18 位，810000、820000 或 830000 开头",
                "18 characters starting 810000, 820000 or 830000",
            ),
            IdKind::HkMacauPermit => {
                lang.pick("H 或 M 开头，后面 8 位或 10 位数字", "H or M followed by 8 or 10 digits")
            }
            IdKind::TaiwanPermit => lang.pick("8 位数字（旧版 10 位）", "8 digits (10 on old permits)"),
        }
    }

    /// The kind a request names; an empty one is the resident ID card.
    pub fn from_request(id: &str) -> Option<IdKind> {
        if id.is_empty() {
            Some(IdKind::ResidentId)
        } else {
            IdKind::parse(id)
        }
    }
}

/// An identity document: its kind and its number, checked by the kind's own rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdDocument {
    pub kind: IdKind,
    number: String,
}

impl IdDocument {
    pub fn parse(kind: IdKind, input: &str) -> Result<IdDocument, Said> {
        let number: String =
            half_width(input).chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        if number.is_empty() {
            return Err(Said::new(
                format!("请填写{}号码", kind.label()),
                format!("Enter your {} number", kind.label_in(Lang::En)),
            ));
        }
        let bytes = number.as_bytes();
        let digits = |from: usize| bytes[from..].iter().all(u8::is_ascii_digit);
        let ok = match kind {
            IdKind::ResidentId => {
                return IdNumber::parse(&number).map(|id| IdDocument { kind, number: id.0 })
            }
            IdKind::Passport => {
                (5..=17).contains(&number.len())
                    && number.bytes().all(|b| b.is_ascii_alphanumeric())
                    && number.bytes().any(|b| b.is_ascii_digit())
            }
            IdKind::ForeignPermanent => {
                let new = number.len() == 18
                    && number.starts_with('9')
                    && bytes[..17].iter().all(u8::is_ascii_digit)
                    && check_char(&bytes[..17]) == bytes[17];
                let old = number.len() == 15 && bytes[..3].iter().all(u8::is_ascii_alphabetic) && digits(3);
                new || old
            }
            IdKind::HmtResidence => {
                number.len() == 18
                    && ["810000", "820000", "830000"].iter().any(|p| number.starts_with(p))
                    && bytes[..17].iter().all(u8::is_ascii_digit)
                    && check_char(&bytes[..17]) == bytes[17]
            }
            IdKind::HkMacauPermit => {
                matches!(bytes[0], b'H' | b'M') && matches!(number.len(), 9 | 11) && digits(1)
            }
            IdKind::TaiwanPermit => matches!(number.len(), 8 | 10) && digits(0),
        };
        if ok {
            Ok(IdDocument { kind, number })
        } else {
            Err(Said::new(
                format!("{}号码格式不对：{}", kind.label(), kind.hint()),
                format!("Not a valid number for “{}”: {}", kind.label_in(Lang::En), kind.hint_in(Lang::En)),
            ))
        }
    }

    pub fn number(&self) -> &str {
        &self.number
    }

    /// The key the per-document cap and look-ups use: a resident ID by its number alone (as
    /// stored before other documents were taken), any other document with its kind.
    pub fn key(&self) -> String {
        match self.kind {
            IdKind::ResidentId => self.number.clone(),
            other => format!("{}:{}", other.id(), self.number),
        }
    }
}

/// A document number masked for display: a resident ID as "1101**********002X", others with
/// their first two and last two characters.
pub fn mask_document(kind: IdKind, number: &str) -> String {
    match kind {
        IdKind::ResidentId => mask_id(number),
        _ => {
            let chars: Vec<char> = number.chars().collect();
            if chars.len() < 6 {
                return "*".repeat(chars.len());
            }
            let head: String = chars[..2].iter().collect();
            let tail: String = chars[chars.len() - 2..].iter().collect();
            format!("{head}{}{tail}", "*".repeat(chars.len() - 4))
        }
    }
}

/// A name masked for display: first and last character kept ("张*明", "张*"; one character
/// becomes "*").
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    match chars.as_slice() {
        [] => String::new(),
        [_] => "*".into(),
        [first, _] => format!("{first}*"),
        [first, middle @ .., last] => format!("{first}{}{last}", "*".repeat(middle.len())),
    }
}

/// The GB 11643 check character of the first 17 digits.
pub fn check_char(first17: &[u8]) -> u8 {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    CHECK[(sum % 11) as usize]
}

/// A person's name: 1–30 characters after trimming.
pub fn parse_name(input: &str) -> Result<String, Said> {
    let name = input.trim();
    match name.chars().count() {
        0 => Err(Said::new("请填写姓名", "Enter your name")),
        n if n > 30 => Err(Said::new("姓名不能超过 30 个字", "A name has at most 30 characters")),
        _ => Ok(name.to_owned()),
    }
}

/// Free text of at most `max` characters; `required` says whether it may be empty; `what` names
/// it in both languages.
pub fn parse_text(input: &str, required: bool, max: usize, what: (&str, &str)) -> Result<String, Said> {
    let text = input.trim();
    let (zh, en) = what;
    if required && text.is_empty() {
        return Err(Said::new(format!("请填写{zh}"), format!("Please write {en}")));
    }
    if text.chars().count() > max {
        return Err(Said::new(format!("{zh}不能超过 {max} 个字"), format!("{en}: at most {max} characters")));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn full_width_digits_and_letters_are_read_as_ascii() {
        assert_eq!(half_width("１３９\u{3000}０００１"), "139 0001");
        assert_eq!(
            Phone::parse("１３９ ０００１ ２３４５").map(|p| p.as_str().to_owned()),
            Ok("13900012345".into())
        );
        assert_eq!(normalise_code("ａｂ ｃｄ－１２３４"), "ABCD1234");
    }

    #[test]
    fn a_tracking_number_is_read_with_or_without_its_dash() {
        for typed in
            ["F20260918-ABC123", "f20260918abc123", "F 20260918 ABC123", "Ｆ２０２６０９１８－ＡＢＣ１２３"]
        {
            assert_eq!(parse_tracking(typed), Ok("F20260918-ABC123".into()), "{typed}");
        }
        for wrong in ["", "F2026-ABC123", "G20260918-ABC123", "F2026091X-ABC123", "F20260918-ABC12"] {
            assert!(parse_tracking(wrong).is_err(), "{wrong}");
        }
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_valid_mobile_number_is_accepted_with_spaces() {
        assert_eq!(Phone::parse("138 0013 8000").map(|p| p.masked()), Ok("138****8000".into()));
    }

    #[test]
    fn bad_mobile_numbers_get_a_chinese_message() {
        assert_eq!(Phone::parse("").map_err(|e| e.zh), Err("请填写手机号码".to_owned()));
        for bad in ["1380013800", "12800138000", "23800138000", "1380013800a"] {
            assert!(Phone::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_gb11643_check_character_is_enforced() {
        assert!(IdNumber::parse("11010519491231002X").is_ok());
        assert!(IdNumber::parse("11010519491231002x").is_ok());
        assert_eq!(
            IdNumber::parse("110105194912310021").map_err(|e| e.zh),
            Err("身份证号码校验位不对，请逐位核对".to_owned())
        );
        assert_eq!(
            IdNumber::parse("110105194913310021").map_err(|e| e.zh),
            Err("身份证号码中的出生日期不对，请核对".to_owned())
        );
        assert_eq!(
            IdNumber::parse("1101051949").map_err(|e| e.zh),
            Err("身份证号码应为 18 位（最后一位可以是 X）".to_owned())
        );
    }

    #[test]
    fn each_identity_document_has_its_own_rule() {
        let ok = |kind, n: &str| IdDocument::parse(kind, n).is_ok();
        assert!(ok(IdKind::ResidentId, "11010519491231002X"));
        assert!(ok(IdKind::Passport, "E12345678") && ok(IdKind::Passport, "p 1234567"));
        assert!(!ok(IdKind::Passport, "ABCDE") && !ok(IdKind::Passport, "E1-234"));
        let first17 = b"93015619800101123";
        let foreign = format!(
            "{}{}",
            std::str::from_utf8(first17).unwrap_or_default(),
            char::from(check_char(first17))
        );
        assert!(ok(IdKind::ForeignPermanent, &foreign) && ok(IdKind::ForeignPermanent, "USA123456789012"));
        assert!(!ok(IdKind::ForeignPermanent, "110105194912310021"));
        let hk17 = b"81000019800101123";
        let hk = format!("{}{}", std::str::from_utf8(hk17).unwrap_or_default(), char::from(check_char(hk17)));
        assert!(ok(IdKind::HmtResidence, &hk) && !ok(IdKind::HmtResidence, "11010519491231002X"));
        assert!(ok(IdKind::HkMacauPermit, "H12345678") && ok(IdKind::HkMacauPermit, "M1234567890"));
        assert!(!ok(IdKind::HkMacauPermit, "X12345678"));
        assert!(ok(IdKind::TaiwanPermit, "12345678") && !ok(IdKind::TaiwanPermit, "1234567"));
        assert_eq!(
            IdDocument::parse(IdKind::Passport, "").map_err(|e| e.zh),
            Err("请填写护照号码".to_owned())
        );
        assert_eq!(
            IdDocument::parse(IdKind::Passport, "").map_err(|e| e.en),
            Err("Enter your Passport number".to_owned()),
            "and in English for the English pages"
        );
        assert_eq!(mask_document(IdKind::Passport, "E12345678"), "E1*****78");
    }

    #[test]
    fn phones_abroad_keep_their_country_code_and_mainland_ones_may_carry_plus_86() {
        assert_eq!(Phone::parse("+852 9123 4567").map(|p| p.as_str().to_owned()), Ok("+85291234567".into()));
        assert_eq!(
            Phone::parse("+86 139 0000 0001").map(|p| p.as_str().to_owned()),
            Ok("13900000001".into())
        );
        assert_eq!(mask_phone("+85291234567"), "+852****4567");
        assert!(Phone::parse("+0").is_err());
        assert!(Phone::parse("+1234").is_err());
    }

    #[test]
    fn names_are_masked_to_their_first_and_last_character() {
        assert_eq!(mask_name("张三明"), "张*明");
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("张"), "*");
        assert_eq!(mask_name("Anna Lee"), "A******e");
    }

    #[test]
    fn id_numbers_are_masked_to_first_and_last_four() {
        assert_eq!(mask_id("11010519491231002X"), "1101**********002X");
    }

    proptest! {
        #[test]
        fn any_17_digits_with_their_check_character_and_a_real_birthday_parse(
            region in 110_000u32..660_000, year in 1920i32..2020, day_of_year in 0i32..365, seq in 0u32..1000,
        ) {
            let birth = crate::calendar::Date::new(year, 1, 1).expect("jan 1").add_days(day_of_year);
            let (y, m, d) = birth.ymd();
            let first17 = format!("{region:06}{y:04}{m:02}{d:02}{seq:03}");
            let id = format!("{first17}{}", char::from(check_char(first17.as_bytes())));
            prop_assert!(IdNumber::parse(&id).is_ok());
            let mut wrong = id.clone().into_bytes();
            wrong[17] = if wrong[17] == b'0' { b'1' } else { b'0' };
            prop_assert!(IdNumber::parse(&String::from_utf8(wrong).expect("ascii")).is_err());
        }

        #[test]
        fn no_input_makes_the_parsers_panic(s in ".{0,40}") {
            let _ = Phone::parse(&s);
            let _ = IdNumber::parse(&s);
            let _ = parse_name(&s);
            let _ = mask_id(&s);
            let _ = mask_phone(&s);
        }
    }
}
