//! The demo project a new user finds on first run: it has already looped once (the
//! client refused the offer at 1.4 and the project went back to 1.2), so the
//! lifecycle map shows a loop from the start.

use etap_domain::entity::ProjectSummary;
use etap_domain::lifecycle::ActionKind;

use crate::{Result, Store};

pub(crate) fn create(store: &mut Store) -> Result<ProjectSummary> {
    let client = store.create_client("ООО «Ромашка»")?;
    let p = store.create_project(client.id, "Личный кабинет клиента")?;
    let steps: [(ActionKind, &str); 4] = [
        (ActionKind::StartClarification, "Запрос пришёл по почте"),
        (ActionKind::RequestEstimate, ""),
        (ActionKind::SendOffer, "КП на 480 000 ₽, срок — 2 месяца"),
        (ActionKind::RefuseOffer, "Дорого: бюджет клиента 350 000 ₽"),
    ];
    for (kind, comment) in steps {
        store.advance(p.id, kind, comment)?;
    }
    store.project(p.id)
}
