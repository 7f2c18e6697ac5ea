//! Parties to a contract: the provider (the user's own company or a freelancer) and
//! clients, with the Russian legal requisites a document needs, and their checks.
//!
//! Checks give warnings, never errors: a manager drafting offline must be able to save
//! an incomplete or even wrong card and fix it later. Check-digit rules are the
//! Federal Tax Service's and the Bank of Russia's published algorithms; no maintained
//! crate implements them all, so they are written here.

use serde::{Deserialize, Serialize};

use crate::entity::Client;
use crate::text::Text;

/// Legal requisites of a party, as they appear on a contract or an act.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Requisites {
    /// Full legal name: «Общество с ограниченной ответственностью «Ромашка»».
    pub legal_name: String,
    /// Short name: ООО «Ромашка».
    pub short_name: String,
    /// ИНН: 10 digits for a company, 12 for an individual entrepreneur or a person.
    pub inn: String,
    /// КПП: companies only.
    pub kpp: String,
    /// ОГРН (13 digits) or ОГРНИП (15 digits).
    pub ogrn: String,
    pub address: String,
    pub bank_name: String,
    /// БИК: 9 digits.
    pub bik: String,
    /// Расчётный счёт: 20 digits.
    pub account: String,
    /// Корреспондентский счёт: 20 digits.
    pub corr_account: String,
    pub signatory_name: String,
    pub signatory_position: String,
    pub email: String,
    pub phone: String,
}

/// A client with its requisites and what looks wrong in them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientCard {
    pub client: Client,
    pub requisites: Requisites,
    pub warnings: Vec<FieldWarning>,
    /// What the last save could not keep (an emptied or too long name: the
    /// requisites are stored); empty when the card is only read.
    pub refused: Vec<crate::draft::FieldError>,
}

/// The user's own company or freelancer profile: requisites for documents and the
/// defaults new estimates start from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProviderProfile {
    pub requisites: Requisites,
    pub vat: crate::money::VatMode,
    pub currency: crate::money::Currency,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    #[serde(deserialize_with = "crate::decimal::lenient")]
    pub hourly_rate: rust_decimal::Decimal,
    /// "image/png" or "image/jpeg" when a logo is set, else empty.
    pub logo_mime: String,
}

impl Default for ProviderProfile {
    fn default() -> Self {
        ProviderProfile {
            requisites: Requisites::default(),
            vat: crate::money::VatMode::Exempt {
                reason: String::new(),
            },
            currency: crate::money::Currency::Rub,
            hourly_rate: rust_decimal::Decimal::ZERO,
            logo_mime: String::new(),
        }
    }
}

/// The provider profile with its warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProviderCard {
    pub profile: ProviderProfile,
    pub warnings: Vec<FieldWarning>,
    /// What the last save could not keep (a figure that is not a number); empty when
    /// the card is only read.
    pub refused: Vec<crate::draft::FieldError>,
}

/// The profile as the form holds it: figures as typed, so a mistyped rate does not
/// hold back the requisites (see [`crate::draft`]). The logo is set apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProviderDraft {
    pub requisites: Requisites,
    pub vat: crate::estimate::VatDraft,
    pub currency: crate::money::Currency,
    pub hourly_rate: String,
}

impl ProviderProfile {
    /// The profile as the form would hold it (figures written out).
    pub fn draft(&self) -> ProviderDraft {
        ProviderDraft {
            requisites: self.requisites.clone(),
            vat: crate::estimate::VatDraft::of(&self.vat),
            currency: self.currency,
            hourly_rate: self.hourly_rate.to_string(),
        }
    }
}

impl ProviderDraft {
    /// The profile to store: a figure that does not read keeps the `stored` value and
    /// comes back as a [`crate::draft::FieldError`].
    pub fn read(
        &self,
        stored: &ProviderProfile,
    ) -> (ProviderProfile, Vec<crate::draft::FieldError>) {
        use crate::draft::figure;
        use crate::money::VatMode;
        let mut errors = Vec::new();
        let vat = match &self.vat {
            crate::estimate::VatDraft::Exempt { reason } => VatMode::Exempt {
                reason: reason.clone(),
            },
            crate::estimate::VatDraft::Rate { percent } => {
                let was = match stored.vat {
                    VatMode::Rate { percent } => percent,
                    VatMode::Exempt { .. } => rust_decimal::Decimal::ZERO,
                };
                VatMode::Rate {
                    percent: figure(
                        percent,
                        was,
                        None,
                        "vat_percent",
                        ("НДС, %", "VAT, %"),
                        &mut errors,
                    ),
                }
            }
        };
        let hourly_rate = figure(
            &self.hourly_rate,
            stored.hourly_rate,
            None,
            "hourly_rate",
            ("Ставка в час", "Hourly rate"),
            &mut errors,
        );
        let profile = ProviderProfile {
            requisites: self.requisites.clone(),
            vat,
            currency: self.currency,
            hourly_rate,
            logo_mime: stored.logo_mime.clone(),
        };
        (profile, errors)
    }
}

/// A warning about one field of a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldWarning {
    /// The field's name in [`Requisites`] (`"inn"`, `"account"`…).
    pub field: &'static str,
    pub message: Text,
}

fn digits(s: &str) -> Option<Vec<u32>> {
    let s = s.trim();
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(s.chars().filter_map(|c| c.to_digit(10)).collect())
}

fn weighted(d: &[u32], weights: &[u32]) -> u32 {
    d.iter().zip(weights).map(|(a, b)| a * b).sum()
}

/// ИНН check digits: 10 digits (company) or 12 (person).
pub fn inn_is_valid(inn: &str) -> bool {
    let Some(d) = digits(inn) else { return false };
    let check = |n: &[u32], w: &[u32]| weighted(n, w) % 11 % 10;
    match d.len() {
        10 => check(&d[..9], &[2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[9],
        12 => {
            check(&d[..10], &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[10]
                && check(&d[..11], &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[11]
        }
        _ => false,
    }
}

/// ОГРН (13 digits) or ОГРНИП (15 digits) check digit.
pub fn ogrn_is_valid(ogrn: &str) -> bool {
    let s = ogrn.trim();
    let Some(d) = digits(s) else { return false };
    let (len, modulus) = match d.len() {
        13 => (12, 11u64),
        15 => (14, 13u64),
        _ => return false,
    };
    let Ok(body) = s[..len].parse::<u64>() else {
        return false;
    };
    (body % modulus % 10) as u32 == d[len]
}

/// КПП: four digits (tax office), two digits or capital Latin letters (reason),
/// three digits.
pub fn kpp_is_valid(kpp: &str) -> bool {
    let b = kpp.trim().as_bytes();
    b.len() == 9
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4..6]
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && b[6..].iter().all(u8::is_ascii_digit)
}

pub fn bik_is_valid(bik: &str) -> bool {
    digits(bik).is_some_and(|d| d.len() == 9)
}

const ACCOUNT_WEIGHTS: [u32; 23] = [
    7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1,
];

/// The Bank of Russia's control key of a settlement account: the last three digits of
/// the БИК followed by the 20-digit account, weighted 7-1-3, sum ≡ 0 (mod 10).
pub fn account_matches_bik(account: &str, bik: &str) -> bool {
    let (Some(a), Some(b)) = (digits(account), digits(bik)) else {
        return false;
    };
    if a.len() != 20 || b.len() != 9 {
        return false;
    }
    let mut all = b[6..].to_vec();
    all.extend(a);
    weighted(&all, &ACCOUNT_WEIGHTS) % 10 == 0
}

/// The control key of a correspondent account: "0", digits 5–6 of the БИК, then the
/// account.
pub fn corr_account_matches_bik(corr: &str, bik: &str) -> bool {
    let (Some(a), Some(b)) = (digits(corr), digits(bik)) else {
        return false;
    };
    if a.len() != 20 || b.len() != 9 {
        return false;
    }
    let mut all = vec![0, b[4], b[5]];
    all.extend(a);
    weighted(&all, &ACCOUNT_WEIGHTS) % 10 == 0
}

fn warn(field: &'static str, ru: &str, en: &str) -> FieldWarning {
    FieldWarning {
        field,
        message: Text::new(ru, en),
    }
}

impl Requisites {
    /// Warnings about the filled-in fields; empty fields are not warned about (a draft
    /// may be incomplete).
    pub fn check(&self) -> Vec<FieldWarning> {
        let mut w = Vec::new();
        let inn = self.inn.trim();
        if !inn.is_empty() && !inn_is_valid(inn) {
            w.push(
                if digits(inn).is_some_and(|d| d.len() == 10 || d.len() == 12) {
                    warn(
                        "inn",
                        "Контрольные цифры ИНН не сходятся — проверьте, нет ли опечатки.",
                        "The INN check digits do not match — look for a typo.",
                    )
                } else {
                    warn(
                        "inn",
                        "ИНН состоит из 10 цифр (организация) или 12 цифр (ИП, физическое лицо).",
                        "An INN has 10 digits (company) or 12 digits (sole trader, person).",
                    )
                },
            );
        }
        if !self.kpp.trim().is_empty() && !kpp_is_valid(&self.kpp) {
            w.push(warn(
                "kpp",
                "КПП состоит из 9 знаков: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры.",
                "A KPP has 9 characters: 4 digits, 2 digits or capital letters, 3 digits.",
            ));
        }
        if !self.ogrn.trim().is_empty() && !ogrn_is_valid(&self.ogrn) {
            w.push(warn(
                "ogrn",
                "ОГРН — 13 цифр, ОГРНИП — 15 цифр; контрольная цифра не сходится.",
                "An OGRN has 13 digits, an OGRNIP 15; the check digit does not match.",
            ));
        }
        let bik_ok = bik_is_valid(&self.bik);
        if !self.bik.trim().is_empty() && !bik_ok {
            w.push(warn("bik", "БИК состоит из 9 цифр.", "A BIK has 9 digits."));
        }
        let account = self.account.trim();
        if !account.is_empty() {
            if digits(account).is_none_or(|d| d.len() != 20) {
                w.push(warn(
                    "account",
                    "Расчётный счёт состоит из 20 цифр.",
                    "A settlement account has 20 digits.",
                ));
            } else if bik_ok && !account_matches_bik(account, &self.bik) {
                w.push(warn(
                    "account",
                    "Расчётный счёт не соответствует БИК: проверьте обе цифры.",
                    "The settlement account does not match the BIK: check both numbers.",
                ));
            }
        }
        let corr = self.corr_account.trim();
        if !corr.is_empty() {
            if digits(corr).is_none_or(|d| d.len() != 20) {
                w.push(warn(
                    "corr_account",
                    "Корреспондентский счёт состоит из 20 цифр.",
                    "A correspondent account has 20 digits.",
                ));
            } else if bik_ok && !corr_account_matches_bik(corr, &self.bik) {
                w.push(warn(
                    "corr_account",
                    "Корреспондентский счёт не соответствует БИК.",
                    "The correspondent account does not match the BIK.",
                ));
            }
        }
        let email = self.email.trim();
        if !email.is_empty() && !looks_like_email(email) {
            w.push(warn(
                "email",
                "Адрес почты выглядит неполным: нужен вид name@example.ru.",
                "The e-mail address looks incomplete: it should look like name@example.com.",
            ));
        }
        w
    }
}

fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, host)) => {
            !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Real, publicly listed requisites (Sberbank, its BIK and accounts; Yandex's INN).
    const SBER_BIK: &str = "044525225";
    const SBER_CORR: &str = "30101810400000000225";

    #[test]
    fn inn_check_digits() {
        assert!(inn_is_valid("7707083893")); // ПАО Сбербанк
        assert!(inn_is_valid("7736207543")); // ООО «Яндекс»
        assert!(!inn_is_valid("7707083894"));
        assert!(inn_is_valid("500100732259")); // a valid 12-digit sample
        assert!(!inn_is_valid("500100732258"));
        assert!(!inn_is_valid("77070838"));
        assert!(!inn_is_valid("77070838ab"));
    }

    #[test]
    fn ogrn_and_kpp() {
        assert!(ogrn_is_valid("1027700132195")); // ПАО Сбербанк
        assert!(!ogrn_is_valid("1027700132194"));
        assert!(ogrn_is_valid("304500116000157")); // a valid ОГРНИП sample
        assert!(kpp_is_valid("773601001"));
        assert!(kpp_is_valid("7736AB001"));
        assert!(!kpp_is_valid("77360100"));
    }

    #[test]
    fn accounts_are_checked_against_the_bik() {
        assert!(corr_account_matches_bik(SBER_CORR, SBER_BIK));
        assert!(!corr_account_matches_bik("30101810400000000226", SBER_BIK));
        assert!(account_matches_bik("40702810938000000001", SBER_BIK));
        assert!(!account_matches_bik("40702810838000000001", SBER_BIK));
    }

    #[test]
    fn warnings_name_the_field_and_never_complain_about_empty_ones() {
        assert!(Requisites::default().check().is_empty());
        let r = Requisites {
            inn: "7707083894".into(),
            bik: SBER_BIK.into(),
            account: "12345".into(),
            email: "mail@".into(),
            ..Requisites::default()
        };
        let w = r.check();
        let fields: Vec<&str> = w.iter().map(|w| w.field).collect();
        assert_eq!(fields, ["inn", "account", "email"]);
        assert!(w[0].message.ru.contains("Контрольные цифры ИНН"));
    }
}
