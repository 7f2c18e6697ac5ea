//! The final акт of the project (3.3): every stage with its amount and the number
//! and date of its own акт, the project's totals as the sum of the stages' own
//! figures (`billing::sum_totals`). Refused before 3.3 and while a stage's акт is
//! missing: the final акт refers to each of them.

use std::path::Path;

use etap_documents::model::{FinalAct, FinalActStage};
use etap_domain::billing;
use etap_domain::entity::{DocKind, IssuedDocument};
use etap_domain::{Lang, Text};
use etap_storage::Store;

use crate::issue::{issue, Request};
use crate::stage::{basis, charged, issued_on, stage_act, today};
use crate::{ExportError, Result};

/// Issues the project's final акт into `dir` and records it in the register (no
/// version: it is no one stage's).
pub fn export_final_act(
    store: &mut Store,
    project_id: i64,
    lang: Lang,
    dir: &Path,
) -> Result<IssuedDocument> {
    let b = basis(store, project_id, None, lang)?;
    let mut stages = Vec::new();
    for planned in &b.plan {
        let s = charged(store, &b, planned.number)?;
        let act = stage_act(&b, planned.number).ok_or_else(|| {
            ExportError::NotIssuable(Text::new(
                format!(
                    "Сначала выпустите акт этапа {}: итоговый акт ссылается на акт каждого этапа.",
                    planned.number
                ),
                format!(
                    "Issue the certificate of stage {} first: the final certificate refers to each stage's own.",
                    planned.number
                ),
            ))
        })?;
        stages.push(FinalActStage {
            title: s.heading(lang),
            act_number: act.number.clone(),
            act_date: issued_on(act),
            totals: s.totals,
        });
    }
    let all: Vec<billing::Totals> = stages.iter().map(|s| s.totals).collect();
    let totals = billing::sum_totals(b.currency, &all)?;
    let date = today();
    issue(
        store,
        Request {
            project_id,
            kind: DocKind::Act,
            lang,
            version: None,
            date,
            spec_version: None,
            amount: Some(totals.gross),
        },
        dir,
        |number, _| {
            let model = FinalAct {
                meta: b.meta(
                    ("Итоговый акт сдачи-приёмки", "Final acceptance certificate"),
                    number,
                ),
                lang,
                number: number.to_string(),
                date,
                city: String::new(),
                contract: b.contract.clone(),
                spec: b.spec.clone(),
                project: b.project.clone(),
                contractor: b.contractor.clone(),
                customer: b.customer.clone(),
                stages,
                currency: b.currency,
                vat: b.vat.clone(),
                totals,
            };
            Ok(etap_documents::final_act::render(&model)?)
        },
    )
}
