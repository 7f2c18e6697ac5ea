//! The счёт на оплату of an accepted stage: the provider's bank requisites, the
//! stage's lines and totals as `billing` prices them, the basis (contract and the
//! stage's акт when issued), the payment purpose and the ГОСТ Р 56042 QR code made
//! by the domain (`payment_qr`). Refused for a stage not yet accepted and without the
//! requisites it is paid by.

use std::path::Path;

use chrono::Duration;
use etap_documents::model::{ActItem, BankAccount, Invoice};
use etap_domain::entity::{DocKind, IssuedDocument};
use etap_domain::{payment_qr, Lang};
use etap_storage::Store;

use crate::issue::{issue, Request};
use crate::stage::{basis, charged, issued_on, stage_act, today};
use crate::Result;

/// How long a счёт gives to pay.
const PAY_WITHIN: Duration = Duration::days(5);

/// Issues the счёт of accepted stage `stage` into `dir` and records it in the
/// register (the stage number as its version).
pub fn export_invoice(
    store: &mut Store,
    project_id: i64,
    stage: u32,
    lang: Lang,
    dir: &Path,
) -> Result<IssuedDocument> {
    let b = basis(store, project_id, Some(stage), lang)?;
    let s = charged(store, &b, stage)?;
    let date = today();
    let act = stage_act(&b, stage).map(|d| (d.number.clone(), issued_on(d)));
    let what = format!(
        "за этап {} по договору №\u{a0}{} от {}",
        stage,
        b.contract.number,
        b.contract.date.format("%d.%m.%Y")
    );
    issue(
        store,
        Request {
            project_id,
            kind: DocKind::Invoice,
            lang,
            version: Some(stage),
            date,
            spec_version: None,
            amount: Some(s.totals.gross),
        },
        dir,
        |number, _| {
            let purpose = payment_qr::purpose(number, date, &what, &b.vat, s.totals.vat);
            let model = Invoice {
                meta: b.meta(("Счёт на оплату", "Invoice"), number),
                lang,
                number: number.to_string(),
                date,
                payee: b.contractor.clone(),
                bank: BankAccount {
                    bank_name: b.provider.bank_name.clone(),
                    bik: b.provider.bik.clone(),
                    corr_account: b.provider.corr_account.clone(),
                    account: b.provider.account.clone(),
                },
                payer: b.customer.clone(),
                contract: b.contract.clone(),
                act,
                stage: Some(s.heading(lang)),
                items: s
                    .lines
                    .iter()
                    .map(|l| ActItem::from_billed(l, lang))
                    .collect(),
                currency: b.currency,
                vat: b.vat.clone(),
                totals: s.totals,
                payment_qr: payment_qr::payment_string(&b.provider, s.totals.gross, &purpose),
                purpose,
                pay_by: Some(date + PAY_WITHIN),
            };
            Ok(etap_documents::invoice::render(&model)?)
        },
    )
}
