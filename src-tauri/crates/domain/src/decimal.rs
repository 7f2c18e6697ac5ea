//! Numbers as people type them: "1 234,5", "1234.50", "2 500" (spaces, no-break
//! spaces and a comma or dot as the decimal separator). Used wherever the UI sends a
//! figure the user typed, so a Russian "12,5" is never an error.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

/// Parses a typed number; `None` when it is not one. An empty field is zero.
pub fn parse(text: &str) -> Option<Decimal> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Some(Decimal::ZERO);
    }
    Decimal::from_str(&cleaned).ok()
}

/// `#[serde(deserialize_with = "crate::decimal::lenient")]`: a string as typed, or a
/// JSON number.
pub fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Number(f64),
    }
    match Raw::deserialize(d)? {
        Raw::Text(s) => parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("«{s}» is not a number / «{s}» — не число"))
        }),
        Raw::Number(n) => Decimal::try_from(n).map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_in_both_conventions() {
        assert_eq!(parse("1 234,5"), Some(Decimal::new(12345, 1)));
        assert_eq!(parse("1\u{a0}234.50"), Some(Decimal::new(123450, 2)));
        assert_eq!(parse(""), Some(Decimal::ZERO));
        assert_eq!(parse("12,5x"), None);
    }
}
