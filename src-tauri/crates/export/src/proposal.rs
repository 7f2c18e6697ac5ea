//! The commercial proposal (КП): composed from the project's current offer, the
//! estimate version it was made from with the figures `estimate::totals` computed,
//! the provider profile and the client card.

use std::path::Path;

use chrono::Utc;
use etap_documents::model::{DocMeta, Proposal, ProposalItem, ProposalTotals};
use etap_domain::entity::{DocKind, IssuedDocument};
use etap_domain::estimate::{Offer, OfferAnswer};
use etap_domain::Lang;
use etap_storage::Store;

use crate::issue::{issue, Request};
use crate::parties::{contractor_name, date_or, party, request_title, OFFER_VALIDITY};
use crate::{ExportError, Result};

/// The offer a proposal is made from: the one awaiting an answer, else the last one.
fn current_offer(offers: &[Offer]) -> Option<&Offer> {
    offers
        .iter()
        .rev()
        .find(|o| o.answer == OfferAnswer::Pending)
        .or_else(|| offers.last())
}

/// The commercial proposal model of the project's current offer.
pub fn proposal_model(
    store: &Store,
    project_id: i64,
    lang: Lang,
    number: &str,
) -> Result<Proposal> {
    let project = store.project(project_id)?;
    let negotiation = store.negotiation(project_id)?;
    let offer = current_offer(&negotiation.offers).ok_or(ExportError::NoOffer)?;
    let card = store.estimate_card(project_id)?;
    let estimate = card
        .versions
        .into_iter()
        .find(|v| v.estimate.id == offer.estimate_id)
        .ok_or(ExportError::NoOffer)?;
    let provider = store.provider()?.profile;
    let client = store.client_card(project.client_id)?;
    let request = store.request(project_id)?.request;
    let today = Utc::now().date_naive();
    let e = &estimate.estimate;
    let items = e
        .items
        .iter()
        .zip(&estimate.totals.items)
        .map(|(item, total)| ProposalItem {
            name: item.title.clone(),
            hours: total.hours,
            rate: item.rate,
            amount: total.amount,
        })
        .collect();
    let contractor_name = contractor_name(&provider.requisites, lang);
    let what = request_title(&request.title, &project.title);
    let intro = match lang {
        Lang::Ru => format!(
            "Предлагаем выполнить работы по проекту «{}»: {}. Стоимость и состав работ приведены ниже.",
            project.title, what
        ),
        Lang::En => format!(
            "We propose to carry out the project “{}”: {}. The scope and cost are below.",
            project.title, what
        ),
    };
    let timeline = match (offer.deadline.trim().is_empty(), lang) {
        (true, Lang::Ru) => "Срок выполнения согласуется при подписании договора.".to_string(),
        (true, Lang::En) => "The deadline is agreed when the contract is signed.".to_string(),
        (false, l) => {
            let d = etap_documents::model::long_date(date_or(&offer.deadline, today), l);
            match l {
                // The long Russian date already ends with «г.».
                Lang::Ru => format!("Работы будут выполнены до {d}"),
                Lang::En => format!("The work will be completed by {d}."),
            }
        }
    };
    let terms = match lang {
        Lang::Ru => vec![
            "Цена включает работы, перечисленные в таблице; изменения объёма оцениваются отдельно."
                .to_string(),
            "Работы принимаются поэтапно по актам сдачи-приёмки.".to_string(),
        ],
        Lang::En => vec![
            "The price covers the work items listed above; changes of scope are estimated separately."
                .to_string(),
            "The work is accepted stage by stage under acceptance certificates.".to_string(),
        ],
    };
    Ok(Proposal {
        meta: DocMeta {
            title: title(lang, number, &project.title),
            author: contractor_name.clone(),
            subject: project.title.clone(),
            created: Utc::now(),
        },
        lang,
        number: number.to_string(),
        date: today,
        valid_until: date_or(&offer.valid_until, today + OFFER_VALIDITY),
        contractor: party(&contractor_name, &provider.requisites, lang),
        customer: party(&client.client.name, &client.requisites, lang),
        project: project.title.clone(),
        intro,
        items,
        discount_percent: e.discount_percent,
        totals: ProposalTotals::from(&estimate.totals),
        currency: e.currency,
        vat: e.vat.clone(),
        timeline,
        terms,
        logo: store
            .provider_logo()?
            .map(|(bytes, _)| etap_documents::image::Image { bytes }),
    })
}

/// Renders the project's commercial proposal into `dir`, records it in the register
/// and answers with the register entry (its path and SHA-256).
pub fn export_proposal(
    store: &mut Store,
    project_id: i64,
    lang: Lang,
    dir: &Path,
) -> Result<IssuedDocument> {
    let estimate_version = current_offer(&store.negotiation(project_id)?.offers)
        .map(|o| o.estimate_version)
        .ok_or(ExportError::NoOffer)?;
    // Composed before the number is taken (the store is busy while it is issued); the
    // number is the one thing filled in under the issue path.
    let model = proposal_model(store, project_id, lang, "")?;
    issue(
        store,
        Request {
            project_id,
            kind: DocKind::Proposal,
            lang,
            version: Some(estimate_version),
            date: model.date,
            spec_version: None,
            amount: None,
        },
        dir,
        |number, _| {
            let model = numbered(model, number);
            Ok(etap_documents::proposal::render(&model)?)
        },
    )
}

/// The proposal under its number: the number and the PDF title that names it.
fn numbered(mut model: Proposal, number: &str) -> Proposal {
    model.meta.title = title(model.lang, number, &model.project);
    model.number = number.to_string();
    model
}

fn title(lang: Lang, number: &str, project: &str) -> String {
    match lang {
        Lang::Ru => format!("Коммерческое предложение {number} — {project}"),
        Lang::En => format!("Commercial proposal {number} — {project}"),
    }
}
