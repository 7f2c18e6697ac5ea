//! What every document says the same way: a party from its requisites, the
//! contractor's name when the profile has none, the request's title when the client
//! gave none, a date field read with its fallback, and how long an offer stands.

use chrono::{Duration, NaiveDate};
use etap_documents::model::Party;
use etap_domain::party::Requisites;
use etap_domain::Lang;

/// How long a commercial proposal stands when the offer names no date.
pub(crate) const OFFER_VALIDITY: Duration = Duration::days(14);

/// The contractor's name as documents print it: the short name from the profile, or
/// the word «Исполнитель» while the profile has none (a КП may go out so; an акт or
/// счёт is refused by the issue check before it gets here).
pub(crate) fn contractor_name(r: &Requisites, lang: Lang) -> String {
    if r.short_name.trim().is_empty() {
        match lang {
            Lang::Ru => "Исполнитель".into(),
            Lang::En => "Contractor".into(),
        }
    } else {
        r.short_name.clone()
    }
}

/// What the project delivers in the client's words: the request's title (1.1), or
/// the project's title when the request has none.
pub(crate) fn request_title(request_title: &str, project_title: &str) -> String {
    if request_title.trim().is_empty() {
        project_title.to_string()
    } else {
        request_title.trim().to_string()
    }
}

pub(crate) fn party(name: &str, r: &Requisites, lang: Lang) -> Party {
    let mut bank = Vec::new();
    if !r.account.is_empty() {
        bank.push(match lang {
            Lang::Ru => format!("р/с {}", r.account),
            Lang::En => format!("account {}", r.account),
        });
    }
    if !r.bank_name.is_empty() {
        bank.push(r.bank_name.clone());
    }
    if !r.bik.is_empty() {
        bank.push(match lang {
            Lang::Ru => format!("БИК {}", r.bik),
            Lang::En => format!("BIK {}", r.bik),
        });
    }
    if !r.corr_account.is_empty() {
        bank.push(match lang {
            Lang::Ru => format!("к/с {}", r.corr_account),
            Lang::En => format!("corr. account {}", r.corr_account),
        });
    }
    let pick = |a: &str, b: &str| {
        if !a.trim().is_empty() {
            a.to_string()
        } else {
            b.to_string()
        }
    };
    Party {
        name: pick(&r.legal_name, &pick(&r.short_name, name)),
        inn: r.inn.clone(),
        kpp: r.kpp.clone(),
        ogrn: r.ogrn.clone(),
        address: r.address.clone(),
        bank: bank.join(", "),
        signatory: r.signatory_name.clone(),
        position: r.signatory_position.clone(),
        basis: String::new(),
    }
}

pub(crate) fn date_or(text: &str, fallback: NaiveDate) -> NaiveDate {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").unwrap_or(fallback)
}
