//! Money as a client reads it on an estimate, a commercial proposal or an acceptance
//! certificate: exact decimals (never binary floats), one rounding rule, VAT, and the
//! amount formatted and spelled out in Russian and English.
//!
//! Guarantees:
//! - every [`Money`] holds an amount already rounded to kopecks/cents by
//!   [`round_to_minor`], the one place the rounding rule lives: **half-up (away from
//!   zero) to 2 decimals**, the rule Russian accounting and banks use;
//! - [`Money::format`] in Russian separates thousands and the currency sign with
//!   NO-BREAK SPACE (U+00A0), so "1 234 567,00 ₽" never wraps inside a document;
//! - [`Money::in_words`] spells the amount with the right grammatical forms
//!   (рубль/рубля/рублей, копейка/копейки/копеек, feminine «одна/две тысячи»), up to
//!   hundreds of billions.
//!
//! Spelling numbers out is written here rather than taken from a crate: the Russian
//! "сумма прописью" crates on crates.io checked in November 2026 were unmaintained or
//! lacked currency agreement and English, and the rules are short and fully tested.

use std::fmt;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::text::Lang;

/// NO-BREAK SPACE: thousands separator and the gap before a currency sign.
pub const NBSP: char = '\u{00A0}';

/// The largest amount [`Money::in_words`] spells (just under a trillion).
const MAX_IN_WORDS: u64 = 999_999_999_999;

/// The rounding rule, stated once: half-up (away from zero) to 2 decimals.
pub fn round_to_minor(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    #[default]
    Rub,
    Usd,
    Eur,
}

impl Currency {
    /// ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Rub => "RUB",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Rub => "₽",
            Currency::Usd => "$",
            Currency::Eur => "€",
        }
    }

    pub fn from_code(code: &str) -> Option<Currency> {
        match code.trim().to_ascii_uppercase().as_str() {
            "RUB" | "RUR" => Some(Currency::Rub),
            "USD" => Some(Currency::Usd),
            "EUR" => Some(Currency::Eur),
            _ => None,
        }
    }
}

/// Grammatical gender of a Russian noun: numerals 1 and 2 agree with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Masculine,
    Feminine,
}

/// Russian noun forms for 1, 2–4 and 5+ («рубль, рубля, рублей»).
struct RuNoun {
    forms: [&'static str; 3],
    gender: Gender,
}

impl RuNoun {
    fn for_count(&self, n: u64) -> &'static str {
        self.forms[ru_plural_index(n)]
    }
}

/// 0 for 1/21/101…, 1 for 2–4/22–24…, 2 otherwise (including 11–14).
fn ru_plural_index(n: u64) -> usize {
    let (m10, m100) = (n % 10, n % 100);
    if m10 == 1 && m100 != 11 {
        0
    } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
        1
    } else {
        2
    }
}

fn ru_major(c: Currency) -> RuNoun {
    match c {
        Currency::Rub => RuNoun {
            forms: ["рубль", "рубля", "рублей"],
            gender: Gender::Masculine,
        },
        Currency::Usd => RuNoun {
            forms: ["доллар США", "доллара США", "долларов США"],
            gender: Gender::Masculine,
        },
        Currency::Eur => RuNoun {
            forms: ["евро", "евро", "евро"],
            gender: Gender::Masculine,
        },
    }
}

fn ru_minor(c: Currency) -> RuNoun {
    match c {
        Currency::Rub => RuNoun {
            forms: ["копейка", "копейки", "копеек"],
            gender: Gender::Feminine,
        },
        Currency::Usd | Currency::Eur => RuNoun {
            forms: ["цент", "цента", "центов"],
            gender: Gender::Masculine,
        },
    }
}

/// English (singular, plural) names of the major and minor units.
fn en_units(c: Currency) -> ((&'static str, &'static str), (&'static str, &'static str)) {
    match c {
        Currency::Rub => (("rouble", "roubles"), ("kopeck", "kopecks")),
        Currency::Usd => (("US dollar", "US dollars"), ("cent", "cents")),
        Currency::Eur => (("euro", "euros"), ("cent", "cents")),
    }
}

/// An amount of one currency, always rounded to kopecks/cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Money {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    amount: Decimal,
    pub currency: Currency,
}

/// Money could not be made or combined.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("«{0}» is not an amount")]
    NotAnAmount(String),
    #[error("cannot add {0} to {1}")]
    CurrencyMismatch(&'static str, &'static str),
    #[error("the amount is too large")]
    Overflow,
}

impl Money {
    /// Rounds `amount` to kopecks by the one rule ([`round_to_minor`]).
    pub fn new(amount: Decimal, currency: Currency) -> Money {
        Money {
            amount: round_to_minor(amount),
            currency,
        }
    }

    pub fn zero(currency: Currency) -> Money {
        Money::new(Decimal::ZERO, currency)
    }

    /// Parses "1234.5", "1 234,50" or "1 234,50" (spaces and NBSP ignored, comma or dot
    /// as the decimal separator).
    pub fn parse(text: &str, currency: Currency) -> Result<Money, MoneyError> {
        let cleaned: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != NBSP && *c != '\u{202F}')
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        Decimal::from_str(&cleaned)
            .map(|d| Money::new(d, currency))
            .map_err(|_| MoneyError::NotAnAmount(text.to_string()))
    }

    pub fn amount(&self) -> Decimal {
        self.amount
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch(
                other.currency.code(),
                self.currency.code(),
            ));
        }
        self.amount
            .checked_add(other.amount)
            .map(|a| Money::new(a, self.currency))
            .ok_or(MoneyError::Overflow)
    }

    /// Price × quantity (hours, pieces), rounded once at the end.
    pub fn times(self, quantity: Decimal) -> Result<Money, MoneyError> {
        self.amount
            .checked_mul(quantity)
            .map(|a| Money::new(a, self.currency))
            .ok_or(MoneyError::Overflow)
    }

    /// Sums amounts of `currency`; an empty list is zero.
    pub fn sum<'a>(
        currency: Currency,
        items: impl IntoIterator<Item = &'a Money>,
    ) -> Result<Money, MoneyError> {
        items
            .into_iter()
            .try_fold(Money::zero(currency), |acc, m| acc.checked_add(*m))
    }

    /// "1 234 567,00 ₽" (NBSP) in Russian; "RUB 1,234,567.00" in English for roubles
    /// (a Latin reader may not know ₽), "$1,234,567.00" and "€1,234,567.00" otherwise.
    pub fn format(&self, lang: Lang) -> String {
        format_amount(self.amount, self.currency, lang)
    }

    /// Unit price × quantity (an hourly rate × hours), multiplied exactly and rounded
    /// once. A rate may have more decimals than kopecks: 12 345,678 ₽ × 10 h is
    /// 123 456,78 ₽, and 0,001 ₽ × 10 is 0,01 ₽ — rounding the rate first would give
    /// 123 456,80 ₽ and 0,00 ₽.
    pub fn product(
        unit_price: Decimal,
        quantity: Decimal,
        currency: Currency,
    ) -> Result<Money, MoneyError> {
        unit_price
            .checked_mul(quantity)
            .map(|a| Money::new(a, currency))
            .ok_or(MoneyError::Overflow)
    }

    /// The amount spelled out, capitalised, minor units as two digits:
    /// "Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей
    /// 00 копеек" / "One million two hundred thirty-four thousand five hundred
    /// sixty-seven roubles 00 kopecks". The sign is written as «минус»/"minus".
    pub fn in_words(&self, lang: Lang) -> Result<String, MoneyError> {
        let abs = self.amount.abs();
        let units = abs.trunc().to_u64().ok_or(MoneyError::Overflow)?;
        if units > MAX_IN_WORDS {
            return Err(MoneyError::Overflow);
        }
        let minor = ((abs - abs.trunc()) * Decimal::from(100))
            .trunc()
            .to_u64()
            .unwrap_or(0);
        let negative = self.amount.is_sign_negative() && !self.amount.is_zero();
        let text = match lang {
            Lang::Ru => {
                let major = ru_major(self.currency);
                let minor_noun = ru_minor(self.currency);
                let words = ru_number(units, major.gender);
                format!(
                    "{}{words} {} {minor:02} {}",
                    if negative { "минус " } else { "" },
                    major.for_count(units),
                    minor_noun.for_count(minor)
                )
            }
            Lang::En => {
                let ((one, many), (minor_one, minor_many)) = en_units(self.currency);
                format!(
                    "{}{} {} {minor:02} {}",
                    if negative { "minus " } else { "" },
                    en_number(units),
                    if units == 1 { one } else { many },
                    if minor == 1 { minor_one } else { minor_many }
                )
            }
        };
        Ok(capitalise(&text))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(Lang::Ru))
    }
}

/// How VAT (НДС) applies to a document's total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VatMode {
    /// VAT at `percent` charged on top of the net total.
    Rate {
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        #[serde(deserialize_with = "crate::decimal::lenient")]
        percent: Decimal,
    },
    /// «Без НДС» with the legal reason, e.g. «НДС не облагается в связи с применением
    /// упрощённой системы налогообложения (ст. 346.11 НК РФ)».
    Exempt { reason: String },
}

impl VatMode {
    /// The VAT on `net`, rounded by the one rule; zero when exempt.
    pub fn vat_on(&self, net: Money) -> Result<Money, MoneyError> {
        match self {
            VatMode::Rate { percent } => net
                .amount()
                .checked_mul(*percent)
                .and_then(|a| a.checked_div(Decimal::from(100)))
                .map(|a| Money::new(a, net.currency))
                .ok_or(MoneyError::Overflow),
            VatMode::Exempt { .. } => Ok(Money::zero(net.currency)),
        }
    }

    /// The line a document prints: "НДС 20 %" / "VAT 20%", or «Без НДС» / "No VAT".
    pub fn label(&self, lang: Lang) -> String {
        match (self, lang) {
            (VatMode::Rate { percent }, Lang::Ru) => format!("НДС {}{NBSP}%", percent.normalize()),
            (VatMode::Rate { percent }, Lang::En) => format!("VAT {}%", percent.normalize()),
            (VatMode::Exempt { .. }, Lang::Ru) => "Без НДС".to_string(),
            (VatMode::Exempt { .. }, Lang::En) => "No VAT".to_string(),
        }
    }
}

/// A unit price (an hourly rate) as written: like [`Money::format`], with as many
/// decimals as it has beyond two — a rate is not rounded, so it is not shown rounded
/// ("12 345,678 ₽").
pub fn format_unit_price(price: Decimal, currency: Currency, lang: Lang) -> String {
    format_amount(price, currency, lang)
}

/// Formats an amount with at least two decimals and every further significant one.
fn format_amount(amount: Decimal, currency: Currency, lang: Lang) -> String {
    let negative = amount.is_sign_negative() && !amount.is_zero();
    let abs = amount.abs().normalize();
    let units = abs.trunc();
    let digits = units.to_string();
    let fraction = (abs - units).to_string();
    let mut minor = fraction
        .strip_prefix("0.")
        .unwrap_or("")
        .trim_end_matches('0')
        .to_string();
    while minor.len() < 2 {
        minor.push('0');
    }
    let sign = if negative { "-" } else { "" };
    match lang {
        Lang::Ru => {
            let grouped = group_thousands(&digits, NBSP);
            format!("{sign}{grouped},{minor}{NBSP}{}", currency.symbol())
        }
        Lang::En => {
            let grouped = group_thousands(&digits, ',');
            match currency {
                Currency::Rub => format!("{sign}RUB{NBSP}{grouped}.{minor}"),
                c => format!("{sign}{}{grouped}.{minor}", c.symbol()),
            }
        }
    }
}

fn group_thousands(digits: &str, sep: char) -> String {
    let len = digits.chars().count();
    let mut out = String::with_capacity(len + len / 3 * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

const RU_UNITS_M: [&str; 10] = [
    "",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
];
const RU_UNITS_F: [&str; 10] = [
    "",
    "одна",
    "две",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
];
const RU_TEENS: [&str; 10] = [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];
const RU_TENS: [&str; 10] = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];
const RU_HUNDREDS: [&str; 10] = [
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
];

/// Words for 1..=999 in the given gender.
fn ru_triple(n: u64, gender: Gender, out: &mut Vec<&'static str>) {
    let (h, t, u) = (
        (n / 100) as usize,
        (n / 10 % 10) as usize,
        (n % 10) as usize,
    );
    if h > 0 {
        out.push(RU_HUNDREDS[h]);
    }
    if t == 1 {
        out.push(RU_TEENS[u]);
        return;
    }
    if t > 1 {
        out.push(RU_TENS[t]);
    }
    if u > 0 {
        out.push(match gender {
            Gender::Masculine => RU_UNITS_M[u],
            Gender::Feminine => RU_UNITS_F[u],
        });
    }
}

/// A whole number in Russian words, agreeing with a noun of `gender` ("ноль" for 0).
fn ru_number(n: u64, gender: Gender) -> String {
    if n == 0 {
        return "ноль".to_string();
    }
    let scales = [
        (
            1_000_000_000,
            RuNoun {
                forms: ["миллиард", "миллиарда", "миллиардов"],
                gender: Gender::Masculine,
            },
        ),
        (
            1_000_000,
            RuNoun {
                forms: ["миллион", "миллиона", "миллионов"],
                gender: Gender::Masculine,
            },
        ),
        (
            1_000,
            RuNoun {
                forms: ["тысяча", "тысячи", "тысяч"],
                gender: Gender::Feminine,
            },
        ),
    ];
    let mut words = Vec::new();
    let mut rest = n;
    for (scale, noun) in &scales {
        let part = rest / scale;
        if part > 0 {
            ru_triple(part, noun.gender, &mut words);
            words.push(noun.for_count(part));
        }
        rest %= scale;
    }
    if rest > 0 {
        ru_triple(rest, gender, &mut words);
    }
    words.join(" ")
}

const EN_SMALL: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn en_triple(n: u64) -> String {
    let (h, rest) = ((n / 100) as usize, (n % 100) as usize);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{} hundred", EN_SMALL[h]));
    }
    if rest > 0 {
        if rest < 20 {
            parts.push(EN_SMALL[rest].to_string());
        } else if rest % 10 == 0 {
            parts.push(EN_TENS[rest / 10].to_string());
        } else {
            parts.push(format!("{}-{}", EN_TENS[rest / 10], EN_SMALL[rest % 10]));
        }
    }
    parts.join(" ")
}

/// A whole number in English words (short scale, no "and": the US style banks print).
fn en_number(n: u64) -> String {
    if n == 0 {
        return "zero".to_string();
    }
    let mut parts = Vec::new();
    let mut rest = n;
    for (scale, name) in [
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ] {
        let part = rest / scale;
        if part > 0 {
            parts.push(format!("{} {name}", en_triple(part)));
        }
        rest %= scale;
    }
    if rest > 0 {
        parts.push(en_triple(rest));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rub(s: &str) -> Money {
        Money::parse(s, Currency::Rub).unwrap()
    }

    #[test]
    fn a_unit_price_shows_every_decimal_it_has_and_at_least_two() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(
            format_unit_price(d("12345.678"), Currency::Rub, Lang::Ru),
            "12\u{a0}345,678\u{a0}₽"
        );
        assert_eq!(
            format_unit_price(d("2500"), Currency::Rub, Lang::En),
            "RUB\u{a0}2,500.00"
        );
        assert_eq!(
            format_unit_price(d("0.50"), Currency::Usd, Lang::En),
            "$0.50"
        );
    }

    #[test]
    fn rounding_is_half_up_to_kopecks() {
        assert_eq!(rub("0.005").amount(), Decimal::new(1, 2));
        assert_eq!(rub("0.004").amount(), Decimal::ZERO);
        assert_eq!(rub("2.675").amount(), Decimal::new(268, 2));
        assert_eq!(rub("-2.675").amount(), Decimal::new(-268, 2));
        // 3 hours at 1 333.335 ₽ is rounded once, at the end.
        let total = rub("1333.33").times(Decimal::new(3, 0)).unwrap();
        assert_eq!(total.amount(), Decimal::new(399999, 2));
    }

    #[test]
    fn russian_format_uses_no_break_spaces() {
        assert_eq!(
            rub("1234567").format(Lang::Ru),
            "1\u{a0}234\u{a0}567,00\u{a0}₽"
        );
        assert_eq!(rub("999,5").format(Lang::Ru), "999,50\u{a0}₽");
        assert_eq!(rub("1 000").format(Lang::Ru), "1\u{a0}000,00\u{a0}₽");
        assert_eq!(rub("-12.3").format(Lang::Ru), "-12,30\u{a0}₽");
    }

    #[test]
    fn english_format() {
        assert_eq!(rub("1234567").format(Lang::En), "RUB\u{a0}1,234,567.00");
        let usd = Money::parse("1234.5", Currency::Usd).unwrap();
        assert_eq!(usd.format(Lang::En), "$1,234.50");
        let eur = Money::parse("12", Currency::Eur).unwrap();
        assert_eq!(eur.format(Lang::En), "€12.00");
    }

    #[test]
    fn russian_words_agree_with_the_currency() {
        assert_eq!(
            rub("1234567").in_words(Lang::Ru).unwrap(),
            "Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей 00 копеек"
        );
        assert_eq!(
            rub("1.01").in_words(Lang::Ru).unwrap(),
            "Один рубль 01 копейка"
        );
        assert_eq!(
            rub("2.02").in_words(Lang::Ru).unwrap(),
            "Два рубля 02 копейки"
        );
        assert_eq!(
            rub("2000").in_words(Lang::Ru).unwrap(),
            "Две тысячи рублей 00 копеек"
        );
        assert_eq!(
            rub("21001").in_words(Lang::Ru).unwrap(),
            "Двадцать одна тысяча один рубль 00 копеек"
        );
        assert_eq!(
            rub("11111.11").in_words(Lang::Ru).unwrap(),
            "Одиннадцать тысяч сто одиннадцать рублей 11 копеек"
        );
        assert_eq!(
            rub("3000000000").in_words(Lang::Ru).unwrap(),
            "Три миллиарда рублей 00 копеек"
        );
        assert_eq!(
            rub("0.5").in_words(Lang::Ru).unwrap(),
            "Ноль рублей 50 копеек"
        );
        let usd = Money::parse("22.21", Currency::Usd).unwrap();
        assert_eq!(
            usd.in_words(Lang::Ru).unwrap(),
            "Двадцать два доллара США 21 цент"
        );
    }

    #[test]
    fn english_words() {
        assert_eq!(
            rub("1234567").in_words(Lang::En).unwrap(),
            "One million two hundred thirty-four thousand five hundred sixty-seven roubles 00 kopecks"
        );
        assert_eq!(
            rub("1.01").in_words(Lang::En).unwrap(),
            "One rouble 01 kopeck"
        );
        assert_eq!(
            rub("2000000040").in_words(Lang::En).unwrap(),
            "Two billion forty roubles 00 kopecks"
        );
    }

    #[test]
    fn trillions_are_refused_not_misspelled() {
        assert_eq!(
            rub("1000000000000").in_words(Lang::Ru),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn vat_on_top_or_exempt() {
        let net = rub("1000.05");
        let vat = VatMode::Rate {
            percent: Decimal::new(20, 0),
        };
        assert_eq!(vat.vat_on(net).unwrap().amount(), Decimal::new(20001, 2));
        assert_eq!(vat.label(Lang::Ru), "НДС 20\u{a0}%");
        let exempt = VatMode::Exempt {
            reason: "УСН".into(),
        };
        assert!(exempt.vat_on(net).unwrap().amount().is_zero());
        assert_eq!(exempt.label(Lang::Ru), "Без НДС");
    }

    #[test]
    fn currencies_do_not_mix_and_garbage_is_refused() {
        let usd = Money::parse("1", Currency::Usd).unwrap();
        assert!(rub("1").checked_add(usd).is_err());
        assert!(Money::parse("12 руб", Currency::Rub).is_err());
        assert_eq!(
            Money::sum(Currency::Rub, &[rub("1.10"), rub("2.20")])
                .unwrap()
                .amount(),
            Decimal::new(330, 2)
        );
    }
}
