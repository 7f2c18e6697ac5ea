//! The demo project a new user finds on first run: it has already looped once (the
//! client refused the offer at 1.4 and the project went back to 1.2), so the
//! lifecycle map shows a loop from the start.

use etap_domain::entity::ProjectSummary;
use etap_domain::estimate::{EstimateItem, Hours};
use etap_domain::lifecycle::ActionKind;
use etap_domain::money::VatMode;
use etap_domain::preparation::{QuestionStatus, Request, RequestSource};
use rust_decimal::Decimal;

use crate::{Result, Store};

pub(crate) fn create(store: &mut Store) -> Result<ProjectSummary> {
    let client = store.create_client("ООО «Ромашка»")?;
    let p = store.create_project(client.id, "Личный кабинет клиента")?;
    store.save_request(
        p.id,
        &Request {
            title: "Личный кабинет для клиентов интернет-магазина".into(),
            description: "Заказы, счета, история обращений; вход по телефону.".into(),
            source: RequestSource::Mail,
            received_on: "2026-11-02".into(),
            desired_deadline: "2027-02-01".into(),
            attachments: vec![],
        },
    )?;
    store.advance(
        p.id,
        ActionKind::StartClarification,
        "Запрос пришёл по почте",
    )?;
    let c = store.add_question(p.id, "Нужна ли интеграция с 1С?")?;
    store.save_question(
        c.questions[0].id,
        "Нужна ли интеграция с 1С?",
        "Да, обмен заказами с 1С:УНФ",
        QuestionStatus::Answered,
    )?;
    store.advance(p.id, ActionKind::RequestEstimate, "")?;
    let mut e = store
        .estimate_card(p.id)?
        .current
        .map(|v| v.estimate)
        .ok_or(crate::StorageError::EstimateFrozen)?;
    e.vat = VatMode::Exempt {
        reason: "УСН, ст. 346.11 НК РФ".into(),
    };
    let item = |title: &str, hours: i64| EstimateItem {
        id: 0,
        key: 0,
        title: title.into(),
        requirement: String::new(),
        hours: Hours::Single {
            hours: Decimal::from(hours),
        },
        rate: Decimal::from(3000),
    };
    e.items = vec![
        item("Вход по номеру телефона", 24),
        item("Заказы и счета", 80),
        item("Обмен с 1С:УНФ", 56),
    ];
    store.save_estimate(p.id, &e.draft())?;
    store.advance(
        p.id,
        ActionKind::SendOffer,
        "КП на 480 000 ₽, срок — 2 месяца",
    )?;
    store.advance(
        p.id,
        ActionKind::RefuseOffer,
        "Дорого: бюджет клиента 350 000 ₽",
    )?;
    store.project(p.id)
}
