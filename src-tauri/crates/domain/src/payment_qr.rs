//! The payment QR code of ГОСТ Р 56042-2014 («Стандарты финансовых операций.
//! Двумерные символы штрихового кода для осуществления платежей физическими лицами»):
//! the text a Russian banking app scans to fill in a payment. [`payment_string`] is the
//! one place this text is made; the invoice prints it as a QR code and a test decodes
//! the printed code back to it.
//!
//! What the string is:
//! - the header `ST0001` (format identifier and version), then the encoding digit `2`
//!   (UTF-8; `1` would be windows-1251, `3` KOI8-R), then the separator `|`;
//! - the required fields in the standard's order — `Name`, `PersonalAcc`, `BankName`,
//!   `BIC`, `CorrespAcc` — then the additional ones this app knows: `Sum` (in kopecks,
//!   digits only), `Purpose`, `PayeeINN`, `KPP`; an empty additional field is left out;
//! - every value is cut to the standard's maximum length (in characters: Name 160,
//!   BankName 45, Purpose 210; the numeric requisites are written as their digits and
//!   cut to 20/9/20/12/9);
//! - the separator must not occur inside a value (the standard has no escape): a `|`
//!   typed in a name or a purpose is written as `/`, and line breaks and other control
//!   characters as a space, so a value can never split the string or add a field.
//!
//! Whether the requisites are complete enough to issue a счёт is not decided here (a
//! missing account gives an empty `PersonalAcc`); see the issuing rules.

use crate::money::{Currency, Money, VatMode};
use crate::party::Requisites;
use crate::text::Lang;

/// Format identifier `ST`, version `0001`, encoding `2` (UTF-8), separator `|`.
pub const HEADER: &str = "ST00012|";

const SEPARATOR: char = '|';

/// The standard's maximum lengths (characters) of the fields written here.
const MAX_NAME: usize = 160;
const MAX_ACCOUNT: usize = 20;
const MAX_BANK_NAME: usize = 45;
const MAX_BIC: usize = 9;
const MAX_SUM: usize = 18;
const MAX_PURPOSE: usize = 210;
const MAX_INN: usize = 12;
const MAX_KPP: usize = 9;

/// The ГОСТ Р 56042-2014 payment text for paying `sum` to `payee` with `purpose`;
/// `None` when `sum` is not in roubles (the standard's `Sum` is kopecks) or does not
/// fit the standard's 18 digits.
pub fn payment_string(payee: &Requisites, sum: Money, purpose: &str) -> Option<String> {
    if sum.currency != Currency::Rub || sum.amount().is_sign_negative() {
        return None;
    }
    let kopecks = (sum.amount() * rust_decimal::Decimal::from(100))
        .trunc()
        .to_string();
    if kopecks.len() > MAX_SUM {
        return None;
    }
    let name = if payee.legal_name.trim().is_empty() {
        &payee.short_name
    } else {
        &payee.legal_name
    };
    let mut out = String::from(HEADER);
    let mut field = |key: &str, value: String, required: bool| {
        if value.is_empty() && !required {
            return;
        }
        if !out.ends_with(SEPARATOR) {
            out.push(SEPARATOR);
        }
        out.push_str(key);
        out.push('=');
        out.push_str(&value);
    };
    field("Name", text(name, MAX_NAME), true);
    field("PersonalAcc", digits(&payee.account, MAX_ACCOUNT), true);
    field("BankName", text(&payee.bank_name, MAX_BANK_NAME), true);
    field("BIC", digits(&payee.bik, MAX_BIC), true);
    field("CorrespAcc", digits(&payee.corr_account, MAX_ACCOUNT), true);
    field("Sum", kopecks, false);
    field("Purpose", text(purpose, MAX_PURPOSE), false);
    field("PayeeINN", digits(&payee.inn, MAX_INN), false);
    field("KPP", kpp(&payee.kpp), false);
    Some(out)
}

/// The payment purpose of a счёт, in Russian whatever the document's language (the
/// payer's bank reads it): what is paid for, and — as a Russian payment order must
/// say — the VAT in it or that no VAT is charged: «Оплата по счёту № С-2026-007 от
/// 26.11.2026 за этап 2 по договору № 14/2026 от 01.03.2026, в т. ч. НДС 20 % —
/// 185 750,00 ₽» / «…, НДС не облагается».
pub fn purpose(
    invoice: &str,
    date: chrono::NaiveDate,
    what: &str,
    vat: &VatMode,
    vat_sum: Money,
) -> String {
    let head = format!(
        "Оплата по счёту №\u{a0}{invoice} от {}",
        date.format("%d.%m.%Y")
    );
    let what = what.trim();
    let head = if what.is_empty() {
        head
    } else {
        format!("{head} {what}")
    };
    match vat {
        VatMode::Rate { .. } => format!(
            "{head}, в т.\u{a0}ч. {} — {}",
            vat.label(Lang::Ru),
            vat_sum.format(Lang::Ru)
        ),
        VatMode::Exempt { .. } => format!("{head}, НДС не облагается"),
    }
}

/// A text value: the separator written as `/`, control characters as a space, runs of
/// spaces as one, trimmed, cut to `max` characters.
fn text(value: &str, max: usize) -> String {
    let cleaned: String = value
        .chars()
        .map(|c| match c {
            SEPARATOR => '/',
            c if c.is_control() || c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    let joined = cleaned
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>();
    joined.join(" ").chars().take(max).collect()
}

/// A numeric requisite as its digits (the card may hold spaces: «4070 2810 …»).
fn digits(value: &str, max: usize) -> String {
    value
        .chars()
        .filter(char::is_ascii_digit)
        .take(max)
        .collect()
}

/// A КПП is digits and, in places 5–6, capital Latin letters.
fn kpp(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        .take(MAX_KPP)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payee() -> Requisites {
        Requisites {
            legal_name: "ООО «Этап Софт»".into(),
            inn: "7701234567".into(),
            kpp: "770101001".into(),
            bank_name: "ПАО Сбербанк".into(),
            bik: "044525225".into(),
            account: "4070 2810 9380 0001 2345".into(),
            corr_account: "30101810400000000225".into(),
            ..Requisites::default()
        }
    }

    fn rub(s: &str) -> Money {
        Money::parse(s, Currency::Rub).unwrap()
    }

    #[test]
    fn the_string_has_the_header_the_required_fields_in_order_and_the_sum_in_kopecks() {
        let s = payment_string(&payee(), rub("1114500.5"), "Оплата по счёту № С-2026-007").unwrap();
        assert_eq!(
            s,
            "ST00012|Name=ООО «Этап Софт»|PersonalAcc=40702810938000012345|\
             BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225|\
             Sum=111450050|Purpose=Оплата по счёту № С-2026-007|PayeeINN=7701234567|\
             KPP=770101001"
        );
    }

    #[test]
    fn a_separator_or_a_line_break_inside_a_value_cannot_break_the_format() {
        let mut p = payee();
        p.legal_name = "ООО «Альфа|Омега»\nфилиал".into();
        let s = payment_string(&p, rub("10"), "Этап 1 | KPP=000000000").unwrap();
        let fields: Vec<&str> = s.split('|').collect();
        // Header + 5 required + Sum, Purpose, PayeeINN, KPP: no field added or split.
        assert_eq!(fields.len(), 10, "{s}");
        assert_eq!(fields[1], "Name=ООО «Альфа/Омега» филиал");
        assert_eq!(fields[7], "Purpose=Этап 1 / KPP=000000000");
        assert_eq!(fields[9], "KPP=770101001");
    }

    #[test]
    fn the_purpose_names_the_invoice_what_is_paid_and_the_vat_in_it_or_its_absence() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let what = "за этап 2 по договору № 14/2026 от 01.03.2026";
        let vat = VatMode::Rate {
            percent: rust_decimal::Decimal::from(20),
        };
        assert_eq!(
            purpose("С-2026-007", date, what, &vat, rub("185750")),
            "Оплата по счёту №\u{a0}С-2026-007 от 26.11.2026 за этап 2 по договору № 14/2026 \
             от 01.03.2026, в т.\u{a0}ч. НДС 20\u{a0}% — 185\u{a0}750,00\u{a0}₽"
        );
        let exempt = VatMode::Exempt {
            reason: "УСН".into(),
        };
        assert_eq!(
            purpose("С-2026-008", date, " ", &exempt, rub("0")),
            "Оплата по счёту №\u{a0}С-2026-008 от 26.11.2026, НДС не облагается"
        );
    }

    #[test]
    fn values_are_cut_to_the_standards_lengths_in_characters() {
        let mut p = payee();
        p.legal_name = "Ё".repeat(300);
        p.bank_name = "Банк".repeat(30);
        let s = payment_string(&p, rub("1"), &"я".repeat(500)).unwrap();
        let value = |key: &str| {
            s.split('|')
                .find_map(|f| f.strip_prefix(&format!("{key}=")))
                .unwrap()
                .chars()
                .count()
        };
        assert_eq!(value("Name"), 160);
        assert_eq!(value("BankName"), 45);
        assert_eq!(value("Purpose"), 210);
    }

    #[test]
    fn no_code_for_another_currency_and_empty_optional_fields_are_left_out() {
        let usd = Money::parse("10", Currency::Usd).unwrap();
        assert_eq!(payment_string(&payee(), usd, "x"), None);
        let mut p = payee();
        p.kpp.clear();
        p.legal_name.clear();
        p.short_name = "ИП Морозова О. В.".into();
        let s = payment_string(&p, rub("0.01"), "").unwrap();
        assert!(s.contains("|Name=ИП Морозова О. В.|"), "{s}");
        assert!(s.ends_with("|Sum=1|PayeeINN=7701234567"), "{s}");
    }
}
