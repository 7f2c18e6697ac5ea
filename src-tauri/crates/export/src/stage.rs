//! What the charging documents — a stage's акт and счёт, the final акт — are made
//! of, read from the stored records: the parties, the accepted offer's VAT mode and
//! currency, the approved ТЗ version, the contract basis, and a stage's lines and
//! totals as the domain's `billing` prices them. Nothing here computes money.

use chrono::NaiveDate;
use etap_documents::model::{ContractRef, DocMeta, Party, SpecRef};
use etap_domain::billing::{self, BilledLine, Totals};
use etap_domain::development::{stage_price, Acceptance, PlannedStage};
use etap_domain::entity::{DocKind, IssuedDocument};
use etap_domain::estimate::{Estimate, OfferAnswer};
use etap_domain::issue::check_billing;
use etap_domain::money::{Currency, VatMode};
use etap_domain::party::Requisites;
use etap_domain::spec::{SpecContent, SpecStatus};
use etap_domain::Lang;
use etap_storage::Store;

use crate::parties::{contractor_name, party};
use crate::{ExportError, Result};

/// The records every charging document of a project starts from.
pub(crate) struct Basis {
    pub project_id: i64,
    pub project: String,
    pub lang: Lang,
    pub provider: Requisites,
    pub contractor_name: String,
    pub contractor: Party,
    pub customer: Party,
    pub contract: ContractRef,
    pub spec: Option<SpecRef>,
    pub content: SpecContent,
    pub estimate: Estimate,
    pub currency: Currency,
    pub vat: VatMode,
    pub plan: Vec<PlannedStage>,
    pub documents: Vec<IssuedDocument>,
}

impl Basis {
    /// The PDF's metadata of a charging document: `kind` names it in Russian and
    /// English before its number («Акт сдачи-приёмки № А-2026-001 — Портал»).
    pub(crate) fn meta(&self, kind: (&str, &str), number: &str) -> DocMeta {
        DocMeta {
            title: match self.lang {
                Lang::Ru => format!("{} №\u{a0}{number} — {}", kind.0, self.project),
                Lang::En => format!("{} No. {number} — {}", kind.1, self.project),
            },
            author: self.contractor_name.clone(),
            subject: self.project.clone(),
            created: chrono::Utc::now(),
        }
    }
}

fn refused(r: etap_domain::lifecycle::Refusal) -> ExportError {
    ExportError::NotIssuable(r.message)
}

fn iso_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10).unwrap_or(""), "%Y-%m-%d").ok()
}

/// Gathers the basis and asks the domain whether the document may be issued now
/// (`stage` `None`: the final акт). The requisites are checked by the issue path.
pub(crate) fn basis(
    store: &Store,
    project_id: i64,
    stage: Option<u32>,
    lang: Lang,
) -> Result<Basis> {
    let project = store.project(project_id)?;
    check_billing(stage, &project.state).map_err(refused)?;
    let provider = store.provider()?.profile.requisites;
    let client = store.client_card(project.client_id)?;
    let negotiation = store.negotiation(project_id)?;
    let offer = negotiation
        .offers
        .iter()
        .rev()
        .find(|o| o.answer == OfferAnswer::Accepted)
        .ok_or(ExportError::NoOffer)?;
    let estimate = store
        .estimate_card(project_id)?
        .versions
        .into_iter()
        .find(|v| v.estimate.id == offer.estimate_id)
        .ok_or(ExportError::NoOffer)?
        .estimate;
    let documents = store.issued_documents(project_id)?;
    // The contract is the accepted commercial proposal: its number in the register
    // and the day the offer was made (the app keeps no separate contract record).
    let offer_date = iso_date(&offer.created_at).unwrap_or_else(|| chrono::Utc::now().date_naive());
    let contract = ContractRef {
        number: documents
            .iter()
            .filter(|d| d.kind == DocKind::Proposal)
            .find(|d| d.version == Some(offer.estimate_version))
            .or_else(|| documents.iter().find(|d| d.kind == DocKind::Proposal))
            .map(|d| d.number.clone())
            .unwrap_or_else(|| project_id.to_string()),
        date: offer_date,
    };
    let approved = store
        .spec_versions(project_id)?
        .into_iter()
        .filter(|v| v.status == SpecStatus::Approved)
        .max_by_key(|v| v.number);
    let spec = approved.as_ref().and_then(|v| {
        let issued = documents.iter().find(|d| {
            d.kind == DocKind::Specification && d.version == Some(v.number) && !d.draft
        })?;
        Some(SpecRef {
            code: issued.number.clone(),
            version: v.number.to_string(),
            date: iso_date(&v.approved_at)?,
        })
    });
    let name = contractor_name(&provider, lang);
    Ok(Basis {
        project_id,
        project: project.title.clone(),
        lang,
        contractor: party(&name, &provider, lang),
        contractor_name: name,
        customer: party(&client.client.name, &client.requisites, lang),
        provider,
        contract,
        spec,
        content: approved.map(|v| v.content).unwrap_or_default(),
        currency: estimate.currency,
        vat: estimate.vat.clone(),
        estimate,
        plan: store.stage_plan(project_id)?.stages,
        documents,
    })
}

/// One stage as charged: its title, lines, totals and acceptance.
pub(crate) struct Charged {
    pub number: u32,
    pub title: String,
    pub lines: Vec<BilledLine>,
    pub totals: Totals,
    pub acceptance: Acceptance,
}

impl Charged {
    /// «Этап 2 — ядро и хранение данных».
    pub fn heading(&self, lang: Lang) -> String {
        match lang {
            Lang::Ru => format!("Этап {} — {}", self.number, self.title),
            Lang::En => format!("Stage {} — {}", self.number, self.title),
        }
    }

    /// The day the client accepted the stage (2.6).
    pub fn accepted_on(&self) -> Option<NaiveDate> {
        iso_date(&self.acceptance.accepted_on)
    }
}

/// Stage `number` priced by the domain: [`billing::work_lines`] at the stage's price
/// ([`stage_price`]), spread by [`billing::stage_lines`], totalled under the offer's VAT.
pub(crate) fn charged(store: &Store, b: &Basis, number: u32) -> Result<Charged> {
    let stage = b.plan.iter().find(|s| s.number == number).ok_or_else(|| {
        ExportError::NotIssuable(etap_domain::Text::new(
            format!("В плане нет этапа {number}."),
            format!("The plan has no stage {number}."),
        ))
    })?;
    let price = stage_price(stage, &b.content, &b.estimate)?;
    let lines = billing::stage_lines(price, &billing::work_lines(stage, &b.content, &b.estimate))?;
    let totals = billing::totals(b.currency, lines.iter().map(|l| &l.amount), &b.vat)?;
    Ok(Charged {
        number,
        title: stage.title.clone(),
        lines,
        totals,
        acceptance: store.acceptance(b.project_id, number)?,
    })
}

/// The last акт issued for stage `number` (the register records the stage as the
/// entry's version).
pub(crate) fn stage_act(b: &Basis, number: u32) -> Option<&IssuedDocument> {
    b.documents
        .iter()
        .find(|d| d.kind == DocKind::Act && d.version == Some(number))
}

/// The ISO date of a register entry.
pub(crate) fn issued_on(d: &IssuedDocument) -> NaiveDate {
    iso_date(&d.issued_at).unwrap_or_else(|| chrono::Utc::now().date_naive())
}

/// Today, as documents are dated.
pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
