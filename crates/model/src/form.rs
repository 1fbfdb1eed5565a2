//! Citizen input parsed into typed values, with field errors in Chinese; masking of personal data.

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
    }
}

/// One field's problem, shown next to the field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: FieldName,
    pub message: String,
}

/// Collects field errors while parsing a form.
#[derive(Default, Debug)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn add(&mut self, field: FieldName, message: impl Into<String>) {
        self.0.push(FieldError { field, message: message.into() });
    }

    /// Keeps the value of a successful parse; records the message of a failed one.
    pub fn take<T>(&mut self, field: FieldName, result: Result<T, String>) -> Option<T> {
        result.map_err(|message| self.add(field, message)).ok()
    }
}

/// A mainland mobile number: 11 digits starting 13–19.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Phone, String> {
        let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if digits.is_empty() {
            return Err("请填写手机号码".into());
        }
        let valid = digits.len() == 11
            && digits.bytes().all(|b| b.is_ascii_digit())
            && digits.starts_with('1')
            && digits.as_bytes()[1] >= b'3';
        if valid {
            Ok(Phone(digits))
        } else {
            Err("手机号码应为 1 开头的 11 位数字".into())
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
    pub fn parse(input: &str) -> Result<IdNumber, String> {
        let id = input.trim().to_ascii_uppercase();
        if id.is_empty() {
            return Err("请填写身份证号码".into());
        }
        let bytes = id.as_bytes();
        if bytes.len() != 18
            || !bytes[..17].iter().all(u8::is_ascii_digit)
            || !(bytes[17].is_ascii_digit() || bytes[17] == b'X')
        {
            return Err("身份证号码应为 18 位（最后一位可以是 X）".into());
        }
        let birth = format!("{}-{}-{}", &id[6..10], &id[10..12], &id[12..14]);
        if crate::calendar::Date::parse(&birth).is_none() {
            return Err("身份证号码中的出生日期不对，请核对".into());
        }
        if check_char(&bytes[..17]) != bytes[17] {
            return Err("身份证号码校验位不对，请逐位核对".into());
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
pub fn parse_name(input: &str) -> Result<String, String> {
    let name = input.trim();
    match name.chars().count() {
        0 => Err("请填写姓名".into()),
        n if n > 30 => Err("姓名不能超过 30 个字".into()),
        _ => Ok(name.to_owned()),
    }
}

/// Free text of at most `max` characters; `required` says whether it may be empty.
pub fn parse_text(input: &str, required: bool, max: usize, what: &str) -> Result<String, String> {
    let text = input.trim();
    if required && text.is_empty() {
        return Err(format!("请填写{what}"));
    }
    if text.chars().count() > max {
        return Err(format!("{what}不能超过 {max} 个字"));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_valid_mobile_number_is_accepted_with_spaces() {
        assert_eq!(Phone::parse("138 0013 8000").map(|p| p.masked()), Ok("138****8000".into()));
    }

    #[test]
    fn bad_mobile_numbers_get_a_chinese_message() {
        assert_eq!(Phone::parse(""), Err("请填写手机号码".into()));
        for bad in ["1380013800", "12800138000", "23800138000", "1380013800a"] {
            assert!(Phone::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_gb11643_check_character_is_enforced() {
        assert!(IdNumber::parse("11010519491231002X").is_ok());
        assert!(IdNumber::parse("11010519491231002x").is_ok());
        assert_eq!(IdNumber::parse("110105194912310021"), Err("身份证号码校验位不对，请逐位核对".into()));
        assert_eq!(IdNumber::parse("110105194913310021"), Err("身份证号码中的出生日期不对，请核对".into()));
        assert_eq!(IdNumber::parse("1101051949"), Err("身份证号码应为 18 位（最后一位可以是 X）".into()));
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
