//! Storage of estimates (1.3) and offers (1.4), and what lifecycle transitions do to
//! them: entering 1.3 in a new round copies the last estimate into a new version;
//! sending the offer records it from the estimate's total; the client's answer closes
//! it; a counter-offer becomes the next offer.
//!
//! Amounts are stored as decimal text (never floats) and every figure shown comes from
//! [`etap_domain::estimate::totals`].

use std::str::FromStr;

use chrono::{Duration, Utc};
use etap_domain::estimate::{
    check_offer, totals, Estimate, EstimateCard, EstimateDraft, EstimateItem, EstimateView,
    Estimator, Hours, Negotiation, Offer, OfferAnswer,
};
use etap_domain::input::{cleaned, CleanText};
use etap_domain::lifecycle::{editable, Action, ProjectState, Record};
use etap_domain::money::{Currency, Money, VatMode};
use etap_domain::text::{Lang, Text};
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;

use crate::codes;
use crate::preparation::touch;
use crate::CachedRow as _;
use crate::{load_state, now, Result, StorageError, Store};

fn dec(col: usize, s: &str) -> rusqlite::Result<Decimal> {
    Decimal::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn load_estimates(conn: &Connection, project_id: i64) -> Result<Vec<Estimate>> {
    let mut st = conn.prepare_cached(
        "SELECT id, version, round, estimated_by, discount_percent, vat_kind, vat_percent, \
         vat_reason, currency FROM estimates WHERE project_id = ?1 ORDER BY version",
    )?;
    let mut estimates = st
        .query_map([project_id], |r| {
            let rate = codes::code(r, 5, ("estimates", "vat_kind"), |c| match c {
                "rate" => Some(true),
                "exempt" => Some(false),
                _ => None,
            })?;
            let vat = if rate {
                VatMode::Rate {
                    percent: dec(6, &r.get::<_, String>(6)?)?,
                }
            } else {
                VatMode::Exempt { reason: r.get(7)? }
            };
            Ok(Estimate {
                id: r.get(0)?,
                version: r.get(1)?,
                round: r.get(2)?,
                estimated_by: codes::code(
                    r,
                    3,
                    ("estimates", "estimated_by"),
                    Estimator::from_code,
                )?,
                discount_percent: dec(4, &r.get::<_, String>(4)?)?,
                vat,
                currency: codes::code(r, 8, ("estimates", "currency"), Currency::from_code)?,
                items: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st = conn.prepare_cached(
        "SELECT id, title, requirement, hours_kind, hours, optimistic, likely, pessimistic, rate, \
         key FROM estimate_items WHERE estimate_id = ?1 ORDER BY position, id",
    )?;
    for e in &mut estimates {
        e.items = st
            .query_map([e.id], |r| {
                let three_point =
                    codes::code(r, 3, ("estimate_items", "hours_kind"), |c| match c {
                        "three_point" => Some(true),
                        "single" => Some(false),
                        _ => None,
                    })?;
                let hours = if three_point {
                    Hours::ThreePoint {
                        optimistic: dec(5, &r.get::<_, String>(5)?)?,
                        likely: dec(6, &r.get::<_, String>(6)?)?,
                        pessimistic: dec(7, &r.get::<_, String>(7)?)?,
                    }
                } else {
                    Hours::Single {
                        hours: dec(4, &r.get::<_, String>(4)?)?,
                    }
                };
                Ok(EstimateItem {
                    id: r.get(0)?,
                    key: r.get(9)?,
                    title: r.get(1)?,
                    requirement: r.get(2)?,
                    hours,
                    rate: dec(8, &r.get::<_, String>(8)?)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    }
    Ok(estimates)
}

fn view(e: Estimate) -> Result<EstimateView> {
    let totals = totals(&e).map_err(StorageError::Money)?;
    let warnings = e.check();
    Ok(EstimateView {
        estimate: e,
        totals,
        warnings,
    })
}

/// Writes the estimate's header and replaces its items.
fn write_estimate(tx: &Connection, e: &Estimate, at: &str) -> Result<()> {
    let (vat_kind, vat_percent, vat_reason) = match &e.vat {
        VatMode::Rate { percent } => ("rate", percent.to_string(), String::new()),
        VatMode::Exempt { reason } => ("exempt", "0".to_string(), reason.trim().to_string()),
    };
    tx.execute(
        "UPDATE estimates SET estimated_by = ?2, discount_percent = ?3, vat_kind = ?4, \
         vat_percent = ?5, vat_reason = ?6, currency = ?7, updated_at = ?8 WHERE id = ?1",
        params![
            e.id,
            e.estimated_by.code(),
            e.discount_percent.to_string(),
            vat_kind,
            vat_percent,
            vat_reason,
            e.currency.code(),
            at
        ],
    )?;
    tx.execute("DELETE FROM estimate_items WHERE estimate_id = ?1", [e.id])?;
    // New items take the next key never used in the project's estimates.
    let mut next_key: u32 = tx.row(
        "SELECT COALESCE(MAX(i.key), 0) FROM estimate_items i \
         JOIN estimates x ON x.id = i.estimate_id \
         WHERE x.project_id = (SELECT project_id FROM estimates WHERE id = ?1)",
        [e.id],
        |r| r.get(0),
    )?;
    for (position, item) in e.items.iter().enumerate() {
        let key = if item.key == 0 {
            next_key += 1;
            next_key
        } else {
            item.key
        };
        let (kind, hours, o, m, p) = match &item.hours {
            Hours::Single { hours } => (
                "single",
                *hours,
                Decimal::ZERO,
                Decimal::ZERO,
                Decimal::ZERO,
            ),
            Hours::ThreePoint {
                optimistic,
                likely,
                pessimistic,
            } => (
                "three_point",
                Decimal::ZERO,
                *optimistic,
                *likely,
                *pessimistic,
            ),
        };
        tx.execute(
            "INSERT INTO estimate_items (estimate_id, position, title, requirement, hours_kind, \
             hours, optimistic, likely, pessimistic, rate, key) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                e.id,
                position as i64,
                item.title.trim(),
                item.requirement.trim(),
                kind,
                hours.to_string(),
                o.to_string(),
                m.to_string(),
                p.to_string(),
                item.rate.to_string(),
                key
            ],
        )?;
    }
    Ok(())
}

/// A new estimate version for `round`: a copy of the last one, or an empty one with the
/// provider's defaults.
fn new_version(tx: &Connection, project_id: i64, round: u32, at: &str) -> Result<()> {
    let existing = load_estimates(tx, project_id)?;
    let mut e = match existing.last() {
        Some(last) if last.round == round => return Ok(()),
        Some(last) => last.clone(),
        None => {
            let (vat, currency, _) = crate::provider::defaults(tx)?;
            Estimate {
                id: 0,
                version: 0,
                round,
                estimated_by: Estimator::Manager,
                discount_percent: Decimal::ZERO,
                vat,
                currency,
                items: Vec::new(),
            }
        }
    };
    e.version = existing.last().map_or(1, |l| l.version + 1);
    e.round = round;
    tx.execute(
        "INSERT INTO estimates (project_id, version, round, estimated_by, discount_percent, \
         vat_kind, vat_percent, vat_reason, currency, created_at, updated_at) \
         VALUES (?1, ?2, ?3, 'manager', '0', 'exempt', '0', '', 'RUB', ?4, ?4)",
        params![project_id, e.version, round, at],
    )?;
    e.id = tx.last_insert_rowid();
    write_estimate(tx, &e, at)
}

/// The figures the lifecycle guards need: items and total of the latest estimate, and
/// whether an offer awaits the client's answer.
pub(crate) fn facts(conn: &Connection, project_id: i64) -> Result<(u32, bool, bool)> {
    let estimates = load_estimates(conn, project_id)?;
    let (items, positive) = match estimates.last() {
        Some(e) => {
            let t = totals(e).map_err(StorageError::Money)?;
            (e.items.len() as u32, t.total.amount() > Decimal::ZERO)
        }
        None => (0, false),
    };
    Ok((items, positive, pending_offer(conn, project_id)?.is_some()))
}

fn pending_offer(conn: &Connection, project_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .row(
            "SELECT id FROM offers WHERE project_id = ?1 AND answer = 'pending' \
             ORDER BY id DESC LIMIT 1",
            [project_id],
            |r| r.get(0),
        )
        .optional()?)
}

fn default_validity() -> String {
    (Utc::now().date_naive() + Duration::days(14))
        .format("%Y-%m-%d")
        .to_string()
}

/// What a transition does to estimates and offers, inside its transaction.
pub(crate) fn on_transition(
    tx: &Connection,
    project_id: i64,
    action: Action,
    next: &ProjectState,
    comment: &str,
    at: &str,
) -> Result<()> {
    match action {
        Action::RequestEstimate => new_version(tx, project_id, next.round, at),
        Action::SendOffer => {
            let estimates = load_estimates(tx, project_id)?;
            let Some(e) = estimates.last() else {
                return Ok(());
            };
            let t = totals(e).map_err(StorageError::Money)?;
            let deadline: String = tx
                .row(
                    "SELECT desired_deadline FROM requests WHERE project_id = ?1",
                    [project_id],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or_default();
            tx.execute(
                "INSERT INTO offers (project_id, round, estimate_id, price, currency, deadline, \
                 valid_until, answer, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8)",
                params![
                    project_id,
                    next.round,
                    e.id,
                    t.total.amount().to_string(),
                    e.currency.code(),
                    deadline,
                    default_validity(),
                    at
                ],
            )?;
            Ok(())
        }
        Action::AcceptOffer | Action::RefuseOffer => {
            let answer = if action == Action::AcceptOffer {
                OfferAnswer::Accepted
            } else {
                OfferAnswer::Refused
            };
            tx.execute(
                "UPDATE offers SET answer = ?2, reason = ?3, answered_at = ?4 \
                 WHERE project_id = ?1 AND answer = 'pending'",
                params![project_id, answer.code(), comment, at],
            )?;
            Ok(())
        }
        _ => Ok(()),
    }
}

fn both(m: &Money) -> Text {
    Text::new(m.format(Lang::Ru), m.format(Lang::En))
}

impl Store {
    pub fn estimate_card(&self, project_id: i64) -> Result<EstimateCard> {
        let state = load_state(&self.conn, project_id)?;
        let versions = load_estimates(&self.conn, project_id)?
            .into_iter()
            .map(view)
            .collect::<Result<Vec<_>>>()?;
        let (_, _, default_rate) = crate::provider::defaults(&self.conn)?;
        Ok(EstimateCard {
            default_rate,
            current: versions.last().cloned(),
            editable: editable(&state, Record::Estimate).is_ok() && !versions.is_empty(),
            versions,
            refused: Vec::new(),
        })
    }

    /// Saves the current estimate version (header and items) as the form holds it.
    /// Only at step 1.3: once the offer is sent, what the client saw stays as it was.
    /// Every figure that reads is stored; one that does not keeps its stored value and
    /// comes back in the card's `refused` (see [`EstimateDraft::read`]).
    pub fn save_estimate(
        &mut self,
        project_id: i64,
        draft: &EstimateDraft,
    ) -> Result<EstimateCard> {
        let at = now();
        let refused = self.write(|tx| {
            let state = load_state(tx, project_id)?;
            editable(&state, Record::Estimate).map_err(StorageError::refused)?;
            let latest = load_estimates(tx, project_id)?.pop();
            match latest {
                // An older version than the latest: sent offers stay as sent.
                Some(l) if l.id == draft.id => {
                    let (mut e, refused) = draft.read(&l);
                    e.clean_text();
                    totals(&e).map_err(StorageError::Money)?;
                    write_estimate(tx, &e, &at)?;
                    touch(tx, project_id, &at)?;
                    Ok(refused)
                }
                _ => Err(StorageError::refused(
                    etap_domain::lifecycle::estimate_frozen(),
                )),
            }
        })?;
        Ok(EstimateCard {
            refused,
            ..self.estimate_card(project_id)?
        })
    }

    pub fn negotiation(&self, project_id: i64) -> Result<Negotiation> {
        load_state(&self.conn, project_id)?;
        let mut st = self.conn.prepare_cached(
            "SELECT o.id, o.round, o.estimate_id, e.version, o.price, o.currency, o.deadline, \
             o.valid_until, o.answer, o.reason, o.created_at \
             FROM offers o JOIN estimates e ON e.id = o.estimate_id \
             WHERE o.project_id = ?1 ORDER BY o.id",
        )?;
        let offers = st
            .query_map([project_id], |r| {
                let price = Money::new(
                    dec(4, &r.get::<_, String>(4)?)?,
                    codes::code(r, 5, ("offers", "currency"), Currency::from_code)?,
                );
                Ok(Offer {
                    id: r.get(0)?,
                    round: r.get(1)?,
                    estimate_id: r.get(2)?,
                    estimate_version: r.get(3)?,
                    price_text: both(&price),
                    price,
                    deadline: r.get(6)?,
                    valid_until: r.get(7)?,
                    answer: codes::code(r, 8, ("offers", "answer"), OfferAnswer::from_code)?,
                    reason: r.get(9)?,
                    created_at: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let pending = offers
            .iter()
            .rev()
            .find(|o| o.answer == OfferAnswer::Pending);
        let warnings = pending
            .map(|o| check_offer(&o.deadline, &o.valid_until, crate::today()))
            .unwrap_or_default();
        Ok(Negotiation {
            pending: pending.map(|o| o.id),
            offers,
            warnings,
        })
    }

    /// Edits the offer awaiting an answer: price, deadline, validity.
    pub fn save_offer(
        &mut self,
        project_id: i64,
        price: &str,
        deadline: &str,
        valid_until: &str,
    ) -> Result<Negotiation> {
        let price = parse_price(price)?;
        let (deadline, valid_until) = (cleaned(deadline), cleaned(valid_until));
        self.write(|tx| {
            let id = pending_offer(tx, project_id)?.ok_or(StorageError::NoPendingOffer)?;
            tx.execute(
                "UPDATE offers SET price = ?2, deadline = ?3, valid_until = ?4 WHERE id = ?1",
                params![id, price.to_string(), deadline.trim(), valid_until.trim()],
            )?;
            touch(tx, project_id, &now())
        })?;
        self.negotiation(project_id)
    }

    /// The client named another price or deadline: the pending offer is closed as
    /// countered (with what they said), and the counter becomes the next offer.
    pub fn counter_offer(
        &mut self,
        project_id: i64,
        price: &str,
        deadline: &str,
        note: &str,
    ) -> Result<Negotiation> {
        let price = parse_price(price)?;
        let (deadline, note) = (cleaned(deadline), cleaned(note));
        let at = now();
        self.write(|tx| {
            let id = pending_offer(tx, project_id)?.ok_or(StorageError::NoPendingOffer)?;
            tx.execute(
                "UPDATE offers SET answer = 'countered', reason = ?2, answered_at = ?3 WHERE id = ?1",
                params![id, note.trim(), at],
            )?;
            tx.execute(
                "INSERT INTO offers (project_id, round, estimate_id, price, currency, deadline, \
                 valid_until, answer, created_at) \
                 SELECT project_id, round, estimate_id, ?2, currency, ?3, valid_until, 'pending', ?4 \
                 FROM offers WHERE id = ?1",
                params![id, price.to_string(), deadline.trim(), at],
            )?;
            touch(tx, project_id, &at)
        })?;
        self.negotiation(project_id)
    }
}

fn parse_price(text: &str) -> Result<Decimal> {
    let m =
        Money::parse(text, Currency::Rub).map_err(|_| StorageError::BadAmount(text.to_string()))?;
    if m.amount() <= Decimal::ZERO {
        return Err(StorageError::BadAmount(text.to_string()));
    }
    Ok(m.amount())
}
