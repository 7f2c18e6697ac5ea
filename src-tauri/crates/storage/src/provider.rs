//! The provider profile: one row, the user's own requisites, logo and the defaults
//! (VAT mode, currency, hourly rate) new estimates start from.

use std::str::FromStr;

use etap_domain::input::CleanText;
use etap_domain::logo::{header, MAX_LOGO_BYTES};
use etap_domain::money::{Currency, VatMode};
use etap_domain::party::{ProviderCard, ProviderDraft, ProviderProfile};
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;

use crate::codes;
use crate::preparation::{read_requisites, requisites_values, REQUISITES_COLUMNS};
use crate::CachedRow as _;
use crate::{now, Result, StorageError, Store};

fn load(conn: &Connection) -> Result<ProviderProfile> {
    let sql = format!(
        "SELECT {REQUISITES_COLUMNS}, vat_mode, vat_rate, vat_reason, currency, hourly_rate, \
         logo_mime FROM provider WHERE id = 1"
    );
    let profile = conn
        .row(&sql, [], |r| {
            let requisites = read_requisites(r, 0)?;
            let rate = codes::code(r, 14, ("provider", "vat_mode"), |c| match c {
                "rate" => Some(true),
                "none" | "exempt" => Some(false),
                _ => None,
            })?;
            let vat_rate: String = r.get(15)?;
            let vat = if rate {
                VatMode::Rate {
                    percent: Decimal::from_str(&vat_rate).unwrap_or_default(),
                }
            } else {
                VatMode::Exempt { reason: r.get(16)? }
            };
            let rate: String = r.get(18)?;
            Ok(ProviderProfile {
                requisites,
                vat,
                currency: codes::code(r, 17, ("provider", "currency"), Currency::from_code)?,
                hourly_rate: Decimal::from_str(&rate).unwrap_or_default(),
                logo_mime: r.get(19)?,
            })
        })
        .optional()?;
    Ok(profile.unwrap_or_default())
}

/// The VAT mode, currency and hourly rate new estimates start with.
pub(crate) fn defaults(conn: &Connection) -> Result<(VatMode, Currency, Decimal)> {
    let p = load(conn)?;
    Ok((p.vat, p.currency, p.hourly_rate))
}

impl Store {
    pub fn provider(&self) -> Result<ProviderCard> {
        let profile = load(&self.conn)?;
        let warnings = profile.requisites.check();
        Ok(ProviderCard {
            profile,
            warnings,
            refused: Vec::new(),
        })
    }

    /// Saves the profile as the form holds it (the logo is set apart, by
    /// [`Store::set_provider_logo`]). A figure that is not a number keeps its stored
    /// value and comes back in `refused`; everything else is stored.
    pub fn save_provider(&mut self, draft: &ProviderDraft) -> Result<ProviderCard> {
        let (profile, refused) = draft.read(&load(&self.conn)?);
        let profile = &profile.cleaned();
        let v = requisites_values(&profile.requisites);
        let (mode, rate, reason) = match &profile.vat {
            VatMode::Rate { percent } => ("rate", percent.to_string(), String::new()),
            VatMode::Exempt { reason } => ("exempt", "0".into(), reason.trim().to_string()),
        };
        let at = now();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO provider (id, legal_name, short_name, inn, kpp, ogrn, address, \
                 bank_name, bik, account, corr_account, signatory_name, signatory_position, email, \
                 phone, vat_mode, vat_rate, vat_reason, currency, hourly_rate, updated_at) \
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
                 ?17, ?18, ?19, ?20) \
                 ON CONFLICT(id) DO UPDATE SET legal_name = excluded.legal_name, \
                 short_name = excluded.short_name, inn = excluded.inn, kpp = excluded.kpp, \
                 ogrn = excluded.ogrn, address = excluded.address, bank_name = excluded.bank_name, \
                 bik = excluded.bik, account = excluded.account, \
                 corr_account = excluded.corr_account, signatory_name = excluded.signatory_name, \
                 signatory_position = excluded.signatory_position, email = excluded.email, \
                 phone = excluded.phone, vat_mode = excluded.vat_mode, \
                 vat_rate = excluded.vat_rate, vat_reason = excluded.vat_reason, \
                 currency = excluded.currency, hourly_rate = excluded.hourly_rate, \
                 updated_at = excluded.updated_at",
                params![
                    v[0],
                    v[1],
                    v[2],
                    v[3],
                    v[4],
                    v[5],
                    v[6],
                    v[7],
                    v[8],
                    v[9],
                    v[10],
                    v[11],
                    v[12],
                    v[13],
                    mode,
                    rate,
                    reason,
                    profile.currency.code(),
                    profile.hourly_rate.to_string(),
                    at
                ],
            )?;
            Ok(())
        })?;
        Ok(ProviderCard {
            refused,
            ..self.provider()?
        })
    }

    /// Sets the logo from a PNG or JPEG file's bytes; an empty slice removes it. A
    /// file that is not one, is damaged, or is over 2 MB or 4000 × 4000 pixels is
    /// refused here, not when a document is made.
    pub fn set_provider_logo(&mut self, bytes: &[u8]) -> Result<ProviderCard> {
        let mime = if bytes.is_empty() {
            ""
        } else {
            if bytes.len() > MAX_LOGO_BYTES {
                return Err(StorageError::BadLogo);
            }
            header(bytes)
                .map_err(|_| StorageError::BadLogo)?
                .kind
                .mime()
        };
        let at = now();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO provider (id, updated_at) VALUES (1, ?1) ON CONFLICT(id) DO NOTHING",
                [&at],
            )?;
            tx.execute(
                "UPDATE provider SET logo = ?1, logo_mime = ?2, updated_at = ?3 WHERE id = 1",
                params![(!bytes.is_empty()).then_some(bytes), mime, at],
            )?;
            Ok(())
        })?;
        self.provider()
    }

    /// The logo's bytes and type, if one is set.
    pub fn provider_logo(&self) -> Result<Option<(Vec<u8>, String)>> {
        Ok(self
            .conn
            .row(
                "SELECT logo, logo_mime FROM provider WHERE id = 1 AND logo IS NOT NULL",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }
}
