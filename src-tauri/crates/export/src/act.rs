//! The акт сдачи-приёмки of an accepted stage: its lines and totals as `billing`
//! prices them, the ТЗ version, the code reference it was frozen at and the day the
//! client accepted it. Refused for a stage not yet accepted and without requisites.

use std::path::Path;

use etap_documents::model::{Act, ActItem};
use etap_domain::entity::{DocKind, IssuedDocument};
use etap_domain::Lang;
use etap_storage::Store;

use crate::issue::{issue, Request};
use crate::stage::{basis, charged, today, Basis, Charged};
use crate::Result;

/// The акт of stage `stage` under `number`, dated `date`.
pub(crate) fn model(b: &Basis, s: &Charged, number: &str, date: chrono::NaiveDate) -> Act {
    let lang = b.lang;
    Act {
        meta: b.meta(("Акт сдачи-приёмки", "Acceptance certificate"), number),
        lang,
        number: number.to_string(),
        date,
        city: String::new(),
        contract: b.contract.clone(),
        spec: b.spec.clone(),
        stage: Some(s.heading(lang)),
        contractor: b.contractor.clone(),
        customer: b.customer.clone(),
        items: s
            .lines
            .iter()
            .map(|l| ActItem::from_billed(l, lang))
            .collect(),
        currency: b.currency,
        vat: b.vat.clone(),
        totals: s.totals,
        code_ref: Some(s.acceptance.code_ref.trim().to_string()).filter(|c| !c.is_empty()),
        accepted_on: s.accepted_on(),
    }
}

/// Issues the акт of accepted stage `stage` into `dir` and records it in the register
/// (the stage number as its version).
pub fn export_act(
    store: &mut Store,
    project_id: i64,
    stage: u32,
    lang: Lang,
    dir: &Path,
) -> Result<IssuedDocument> {
    let b = basis(store, project_id, Some(stage), lang)?;
    let s = charged(store, &b, stage)?;
    let date = today();
    issue(
        store,
        Request {
            project_id,
            kind: DocKind::Act,
            lang,
            version: Some(stage),
            date,
            spec_version: None,
            amount: Some(s.totals.gross),
        },
        dir,
        |number, _| Ok(etap_documents::act::render(&model(&b, &s, number, date))?),
    )
}
