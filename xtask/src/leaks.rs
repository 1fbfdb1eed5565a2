//! The last check of `cargo xtask test`: the server log of the whole suite (every test binary
//! appends to it) holds no phone number, no ID number and no password the tests used.

use std::path::Path;

/// Runs of ASCII digits (with a trailing X for ID numbers) that stand alone in `text`.
fn numbers(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_digit() || c == 'X')).filter(|run| !run.is_empty())
}

/// What in `text` looks like a mainland mobile number, an ID number, or one of `passwords`.
pub fn find(text: &str, passwords: &[&str]) -> Vec<String> {
    let mut found: Vec<String> = numbers(text)
        .filter(|run| {
            let phone =
                run.len() == 11 && run.starts_with('1') && run.as_bytes()[1] >= b'3' && !run.contains('X');
            let id = run.len() == 18 && run[..17].bytes().all(|b| b.is_ascii_digit());
            phone || id
        })
        .map(|run| format!("a phone or ID number: {}…", &run[..4]))
        .collect();
    found.extend(
        passwords
            .iter()
            .filter(|p| !p.is_empty() && text.contains(*p))
            .map(|p| format!("a password: {}…", &p[..2])),
    );
    found
}

/// Checks the suite's log file; an error naming what was found (never the value in full).
pub fn check(log: &Path, passwords: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let passwords =
        std::fs::read_to_string(passwords).map_err(|e| format!("{}: {e}", passwords.display()))?;
    let passwords: Vec<&str> = passwords.lines().map(str::trim).collect();
    let found = find(&text, &passwords);
    if found.is_empty() {
        Ok(format!(
            "the server log of the whole suite ({} lines) holds no phone, ID number or password",
            text.lines().count()
        ))
    } else {
        Err(format!("{}: {} leak(s), e.g. {}", log.display(), found.len(), found[0]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_id_numbers_and_passwords_are_found_and_masked_values_are_not() {
        let line = "INFO booked window=huji phone=139****0001 code=ABCD2345";
        assert!(find(line, &["secret-pass"]).is_empty());
        assert_eq!(find("phone=13900000001", &[]).len(), 1);
        assert_eq!(find("id=11010519491231002X ", &[]).len(), 1);
        assert_eq!(find("at 1764600000123 ms", &[]).len(), 0, "a 13-digit timestamp is neither");
        assert_eq!(find("user typed secret-pass", &["secret-pass"]).len(), 1);
    }
}
