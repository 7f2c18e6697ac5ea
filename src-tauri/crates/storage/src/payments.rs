//! What a project has charged and received: the total each акт and счёт was issued
//! for (kept beside the register entry) and the payments recorded against a счёт.
//! The rules — part payments add up, no overpayment — are asked of
//! [`etap_domain::billing::check_payment`] before a payment is written.

use std::str::FromStr;

use etap_domain::billing::{self, InvoicePayments, Receivables};
use etap_domain::entity::DocKind;
use etap_domain::lifecycle::Refusal;
use etap_domain::money::{Currency, Money};
use etap_domain::DomainError;
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;

use crate::CachedRow as _;
use crate::{now, Result, StorageError, Store, Subject};

/// The total a register entry was issued for.
fn amount(conn: &Connection, document_id: i64) -> Result<Option<Money>> {
    let row: Option<(String, String)> = conn
        .row(
            "SELECT amount, currency FROM document_amounts WHERE document_id = ?1",
            [document_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match row {
        Some((a, c)) => Some(Money::new(
            Decimal::from_str(&a).map_err(|_| StorageError::BadAmount(a.clone()))?,
            Currency::from_code(&c).unwrap_or(Currency::Rub),
        )),
        None => None,
    })
}

fn invoice(conn: &Connection, document_id: i64, total: Money) -> Result<InvoicePayments> {
    let mut st = conn.prepare_cached(
        "SELECT id, paid_on, amount FROM payments WHERE document_id = ?1 ORDER BY paid_on, id",
    )?;
    let rows = st
        .query_map([document_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let payments = rows
        .into_iter()
        .map(|(id, on, a)| {
            let d = Decimal::from_str(&a).map_err(|_| StorageError::BadAmount(a.clone()))?;
            Ok(billing::payment(id, on, Money::new(d, total.currency)))
        })
        .collect::<Result<Vec<_>>>()?;
    billing::invoice_payments(document_id, total, payments).map_err(StorageError::Money)
}

impl Store {
    /// The project's accepted, invoiced and paid amounts, and each счёт's payments.
    pub fn receivables(&self, project_id: i64) -> Result<Receivables> {
        let docs = self.issued_documents(project_id)?;
        let mut acts = Vec::new();
        let mut invoices = Vec::new();
        let mut currency = None;
        for d in docs.iter().rev() {
            let Some(total) = amount(&self.conn, d.id)? else {
                continue;
            };
            currency.get_or_insert(total.currency);
            match d.kind {
                // A stage's акт (the final акт has no stage and repeats their sum).
                DocKind::Act if d.version.is_some() => acts.push(total),
                DocKind::Invoice => invoices.push(invoice(&self.conn, d.id, total)?),
                _ => {}
            }
        }
        let state = self.project(project_id)?.state;
        billing::receivables(&state, currency.unwrap_or(Currency::Rub), &acts, invoices)
            .map_err(StorageError::Money)
    }

    /// Records a payment of `amount` received on `paid_on` against the счёт
    /// `document_id`; refused (nothing written) as [`billing::check_payment`] says.
    pub fn record_payment(
        &mut self,
        document_id: i64,
        paid_on: &str,
        amount_text: &str,
    ) -> Result<Receivables> {
        let doc = self.issued_document(document_id)?;
        let not_invoice = || StorageError::NotFound {
            what: Subject::Document,
            id: document_id,
        };
        if doc.kind != DocKind::Invoice {
            return Err(not_invoice());
        }
        let paid_on = paid_on.trim().to_string();
        let at = now();
        self.write(|tx| {
            let total = amount(tx, document_id)?.ok_or_else(not_invoice)?;
            let money = Money::parse(amount_text, total.currency)
                .map_err(|_| StorageError::BadAmount(amount_text.to_string()))?;
            let inv = invoice(tx, document_id, total)?;
            billing::check_payment(&inv, &doc.number, &paid_on, money)
                .map_err(|r: Refusal| StorageError::Domain(DomainError::Refused(r)))?;
            tx.execute(
                "INSERT INTO payments (document_id, paid_on, amount, recorded_at) \
                 VALUES (?1, ?2, ?3, ?4)",
                params![document_id, paid_on, money.amount().to_string(), at],
            )?;
            Ok(())
        })?;
        self.receivables(doc.project_id)
    }
}
