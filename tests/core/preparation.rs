//! Preparation phase 1.1, 1.2 and 1.6 through storage: every guard with its message,
//! warnings that never block saving, and everything still there after a restart.

use etap_domain::lifecycle::{ActionKind, Step};
use etap_domain::party::Requisites;
use etap_domain::preparation::{Handover, QuestionStatus, Request, RequestSource, TeamMember};
use etap_storage::Store;

use crate::temp_store;

fn project(store: &mut Store) -> i64 {
    let c = store.create_client("ООО «Ромашка»").unwrap();
    store.create_project(c.id, "Портал").unwrap().id
}

fn member(name: &str, devops: bool, developer: bool, tester: bool) -> TeamMember {
    TeamMember {
        id: 0,
        name: name.into(),
        contact: format!("{name}@example.ru"),
        devops,
        developer,
        tester,
    }
}

#[test]
fn an_open_question_blocks_the_estimate_until_answered_or_deferred() {
    let (_dir, mut store) = temp_store();
    let p = project(&mut store);
    store
        .advance(p, ActionKind::StartClarification, "")
        .unwrap();
    let c = store.add_question(p, "Нужна ли интеграция с 1С?").unwrap();
    store.add_question(p, "Сколько пользователей?").unwrap();
    let err = store
        .advance(p, ActionKind::RequestEstimate, "")
        .unwrap_err();
    assert_eq!(err.code(), "open_questions");
    assert_eq!(
        err.message().ru,
        "Остались открытые вопросы (2): получите ответы или отложите их."
    );
    let page = store.project_page(p).unwrap();
    let opt = page
        .map
        .options
        .iter()
        .find(|o| o.kind == ActionKind::RequestEstimate)
        .unwrap();
    assert_eq!(opt.blocked.as_ref().unwrap().code, "open_questions");

    let q1 = c.questions[0].id;
    // An answer marks an open question answered by itself.
    let c = store
        .save_question(
            q1,
            "Нужна ли интеграция с 1С?",
            "Да, 1С:УНФ",
            QuestionStatus::Open,
        )
        .unwrap();
    assert_eq!(c.questions[0].status, QuestionStatus::Answered);
    let q2 = c.questions[1].id;
    store
        .save_question(q2, "Сколько пользователей?", "", QuestionStatus::Deferred)
        .unwrap();
    let s = store.advance(p, ActionKind::RequestEstimate, "").unwrap();
    assert_eq!(s.state.step, Step::Estimate);
}

/// Issue 9: an emptied field beside a valid edit in the same row. The row's other
/// fields are stored; the emptied one keeps its stored value and is named.
#[test]
fn an_emptied_name_or_question_does_not_hold_back_the_rest_of_its_row() {
    let (_dir, mut store) = temp_store();
    let p = project(&mut store);
    store
        .advance(p, ActionKind::StartClarification, "")
        .unwrap();
    let c = store.add_question(p, "Нужна ли интеграция с 1С?").unwrap();
    let c = store
        .save_question(c.questions[0].id, "  ", "Да, 1С:УНФ", QuestionStatus::Open)
        .unwrap();
    assert_eq!(c.refused.len(), 1);
    assert_eq!(c.refused[0].field, "text");
    assert_eq!(c.questions[0].text, "Нужна ли интеграция с 1С?");
    assert_eq!(c.questions[0].answer, "Да, 1С:УНФ");
    assert_eq!(c.questions[0].status, QuestionStatus::Answered);

    let t = store
        .save_team_member(p, &member("Иван", false, true, false))
        .unwrap();
    let mut ivan = t.members[0].clone();
    ivan.name = String::new();
    ivan.tester = true;
    let t = store.save_team_member(p, &ivan).unwrap();
    assert_eq!(t.refused.len(), 1);
    assert!(t.refused[0].message.ru.contains("Имя участника команды"));
    assert_eq!(
        (t.members[0].name.as_str(), t.members[0].tester),
        ("Иван", true)
    );
    // A new member still needs a name: nothing else of it could be kept.
    let err = store
        .save_team_member(p, &member("", true, false, false))
        .unwrap_err();
    assert_eq!(err.code(), "empty");
}

#[test]
fn questions_and_notes_are_kept_per_round() {
    let (dir, mut store) = temp_store();
    let p = project(&mut store);
    store
        .advance(p, ActionKind::StartClarification, "")
        .unwrap();
    store.add_question(p, "Первый раунд?").unwrap();
    let c = store.save_round_notes(p, "Клиент торопится").unwrap();
    store
        .save_question(
            c.questions[0].id,
            "Первый раунд?",
            "да",
            QuestionStatus::Open,
        )
        .unwrap();
    for k in [ActionKind::RequestEstimate, ActionKind::SendOffer] {
        crate::go(&mut store, p, k);
    }
    store.advance(p, ActionKind::RefuseOffer, "Дорого").unwrap();
    store
        .add_question(p, "Что можно убрать из объёма?")
        .unwrap();
    store
        .save_round_notes(p, "Второй раунд: режем объём")
        .unwrap();
    drop(store);

    let store = Store::open_dir(dir.path()).unwrap();
    let c = store.clarification(p).unwrap();
    assert_eq!(c.round, 2);
    let rounds: Vec<(u32, &str)> = c
        .questions
        .iter()
        .map(|q| (q.round, q.text.as_str()))
        .collect();
    assert_eq!(
        rounds,
        [(1, "Первый раунд?"), (2, "Что можно убрать из объёма?")]
    );
    let notes: Vec<(u32, &str)> = c
        .notes
        .iter()
        .map(|n| (n.round, n.notes.as_str()))
        .collect();
    assert_eq!(
        notes,
        [(1, "Клиент торопится"), (2, "Второй раунд: режем объём")]
    );
}

#[test]
fn an_empty_question_is_refused_in_words() {
    let (_dir, mut store) = temp_store();
    let p = project(&mut store);
    let err = store.add_question(p, "  ").unwrap_err();
    assert_eq!(err.code(), "empty");
    assert_eq!(
        err.message().en,
        "Fill in the question: it cannot be empty."
    );
}

#[test]
fn the_handover_needs_someone_in_every_role() {
    let (_dir, mut store) = temp_store();
    let p = project(&mut store);
    crate::walk_to(&mut store, p, Step::TeamHandover);
    let err = store
        .advance(p, ActionKind::HandOverToTeam, "")
        .unwrap_err();
    assert_eq!(err.code(), "team_incomplete");
    assert_eq!(
        err.message().ru,
        "В команде нет исполнителя для ролей: DevOps, разработчик, тестировщик."
    );
    let t = store
        .save_team_member(p, &member("Иван", false, true, false))
        .unwrap();
    let err = store
        .advance(p, ActionKind::HandOverToTeam, "")
        .unwrap_err();
    assert_eq!(
        err.message().en,
        "Nobody in the team holds these roles: DevOps, tester."
    );
    // One person may hold every role, as a freelancer does.
    let mut ivan = t.members[0].clone();
    ivan.devops = true;
    ivan.tester = true;
    store.save_team_member(p, &ivan).unwrap();
    let t = store
        .save_handover(
            p,
            &Handover {
                date: "2026-12-01".into(),
                note: "ТЗ v2 передано".into(),
            },
        )
        .unwrap();
    assert!(t.warnings.is_empty());
    let s = store.advance(p, ActionKind::HandOverToTeam, "").unwrap();
    assert_eq!(s.state.step, Step::StagePlanning);

    let t = store.remove_team_member(p, ivan.id).unwrap();
    assert!(t.members.is_empty());
    assert_eq!(
        store.remove_team_member(p, ivan.id).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn doubtful_requisites_are_saved_with_warnings_and_survive_a_restart() {
    let (dir, mut store) = temp_store();
    let c = store.create_client("Ромашка").unwrap();
    let req = Requisites {
        legal_name: "Общество с ограниченной ответственностью «Ромашка»".into(),
        short_name: "ООО «Ромашка»".into(),
        inn: "7707083894".into(),
        bik: "044525225".into(),
        account: "40702810938000000001".into(),
        corr_account: "30101810400000000225".into(),
        signatory_name: "Иванов Иван Иванович".into(),
        signatory_position: "Генеральный директор".into(),
        ..Requisites::default()
    };
    let card = store.save_client(c.id, "ООО «Ромашка»", &req).unwrap();
    let fields: Vec<&str> = card.warnings.iter().map(|w| w.field).collect();
    assert_eq!(fields, ["inn"]);
    drop(store);
    let store = Store::open_dir(dir.path()).unwrap();
    let card = store.client_card(c.id).unwrap();
    assert_eq!(card.requisites, req);
    assert_eq!(card.client.name, "ООО «Ромашка»");
    assert_eq!(card.warnings.len(), 1);
}

#[test]
fn the_request_keeps_its_fields_and_warns_about_dates() {
    let (dir, mut store) = temp_store();
    let p = project(&mut store);
    let r = Request {
        title: "Кабинет дилера".into(),
        description: "Нужен личный кабинет\nс заказами и счетами".into(),
        source: RequestSource::Meeting,
        received_on: "2026-11-20".into(),
        desired_deadline: "2026-11-01".into(),
        attachments: vec!["~/Документы/ТЗ клиента.docx".into(), "  ".into()],
    };
    let card = store.save_request(p, &r).unwrap();
    assert_eq!(card.warnings.len(), 1);
    assert_eq!(card.warnings[0].field, "desired_deadline");
    drop(store);
    let store = Store::open_dir(dir.path()).unwrap();
    let back = store.request(p).unwrap().request;
    assert_eq!(back.description, r.description);
    assert_eq!(back.source, RequestSource::Meeting);
    assert_eq!(back.attachments, ["~/Документы/ТЗ клиента.docx"]);
}

fn item(title: &str, hours: i64, rate: &str) -> etap_domain::estimate::EstimateItem {
    etap_domain::estimate::EstimateItem {
        id: 0,
        key: 0,
        title: title.into(),
        requirement: String::new(),
        hours: etap_domain::estimate::Hours::Single {
            hours: hours.into(),
        },
        rate: rate.parse().unwrap(),
    }
}

fn to_estimate(store: &mut Store) -> i64 {
    let p = project(store);
    crate::go(store, p, ActionKind::StartClarification);
    crate::go(store, p, ActionKind::RequestEstimate);
    p
}

#[test]
fn the_offer_needs_an_estimate_with_items_and_a_total() {
    let (_dir, mut store) = temp_store();
    let p = to_estimate(&mut store);
    let err = store.advance(p, ActionKind::SendOffer, "").unwrap_err();
    assert_eq!(err.code(), "estimate_empty");
    assert_eq!(
        err.message().en,
        "The estimate has no items: add at least one."
    );
    let mut e = store.estimate_card(p).unwrap().current.unwrap().estimate;
    e.items = vec![item("Анализ", 0, "3000")];
    store.save_estimate(p, &e.draft()).unwrap();
    let err = store.advance(p, ActionKind::SendOffer, "").unwrap_err();
    assert_eq!(err.code(), "estimate_zero");
    assert!(err.message().ru.contains("Итог оценки равен нулю"));
}

/// Issue 9: a figure that is not a number in one item held back a title edit in
/// another, while the window said «Сохранено»; after a restart the title was gone.
#[test]
fn a_bad_figure_in_one_item_does_not_hold_back_a_title_in_another() {
    let (dir, mut store) = temp_store();
    let p = to_estimate(&mut store);
    let mut e = store.estimate_card(p).unwrap().current.unwrap().estimate;
    e.items = vec![item("Дизайн", 10, "2500"), item("API", 4, "3000")];
    let saved = store.save_estimate(p, &e.draft()).unwrap();
    assert!(saved.refused.is_empty());
    let mut draft = saved.current.unwrap().estimate.draft();
    draft.items[0].hours = etap_domain::estimate::HoursDraft::Single {
        hours: "1e309".into(),
    };
    draft.items[1].title = "API и интеграции".into();
    let card = store.save_estimate(p, &draft).unwrap();
    assert_eq!(card.refused.len(), 1);
    assert_eq!(
        (card.refused[0].row, card.refused[0].field),
        (Some(0), "hours")
    );
    drop(store);

    let store = Store::open_dir(dir.path()).unwrap();
    let e = store.estimate_card(p).unwrap().current.unwrap().estimate;
    assert_eq!(e.items[1].title, "API и интеграции");
    assert_eq!(
        e.items[0].hours,
        etap_domain::estimate::Hours::Single { hours: 10.into() },
        "the stored hours stay until a number is typed"
    );
}

#[test]
fn a_new_round_copies_the_last_estimate_and_the_sent_one_stays_frozen() {
    let (dir, mut store) = temp_store();
    let p = to_estimate(&mut store);
    let mut e = store.estimate_card(p).unwrap().current.unwrap().estimate;
    e.items = vec![
        item("Дизайн", 10, "2500"),
        item("Вёрстка", 20, "2000"),
        item("API", 30, "3000"),
    ];
    e.discount_percent = "10".parse().unwrap();
    let card = store.save_estimate(p, &e.draft()).unwrap();
    let v1 = card.current.unwrap();
    assert_eq!(v1.totals.total.amount().to_string(), "139500.00");
    assert_eq!(v1.totals.total_text.ru, "139\u{a0}500,00\u{a0}₽");

    store.advance(p, ActionKind::SendOffer, "").unwrap();
    let n = store.negotiation(p).unwrap();
    assert_eq!(n.offers.len(), 1);
    assert_eq!(
        n.offers[0].price.amount(),
        v1.totals.total.amount(),
        "the offer is the total"
    );
    assert_eq!(n.pending, Some(n.offers[0].id));
    // What was sent cannot change.
    let err = store.save_estimate(p, &v1.estimate.draft()).unwrap_err();
    assert_eq!(err.code(), "estimate_frozen");
    assert!(err.message().en.contains("only be changed at step 1.3"));
    assert!(
        !store.estimate_card(p).unwrap().editable,
        "the card says so too"
    );

    store.advance(p, ActionKind::RefuseOffer, "Дорого").unwrap();
    crate::go(&mut store, p, ActionKind::RequestEstimate);
    let card = store.estimate_card(p).unwrap();
    assert!(card.editable);
    assert_eq!(card.versions.len(), 2);
    let v2 = card.current.unwrap();
    assert_eq!((v2.estimate.version, v2.estimate.round), (2, 2));
    assert_eq!(v2.estimate.items.len(), 3, "copied from version 1");
    let keys = |items: &[etap_domain::estimate::EstimateItem]| -> Vec<u32> {
        items.iter().map(|i| i.key).collect()
    };
    assert_eq!(keys(&v2.estimate.items), [1, 2, 3], "keys survive the copy");
    assert_eq!(keys(&v1.estimate.items), [1, 2, 3]);
    let mut cheaper = v2.estimate.clone();
    cheaper.items.pop();
    cheaper.items.push(item("Поддержка", 5, "2000"));
    let saved = store
        .save_estimate(p, &cheaper.draft())
        .unwrap()
        .current
        .unwrap();
    assert_eq!(
        keys(&saved.estimate.items),
        [1, 2, 4],
        "a new item never takes a used key"
    );
    let mut cheaper = saved.estimate.clone();
    cheaper.items.pop();
    store.save_estimate(p, &cheaper.draft()).unwrap();
    drop(store);

    let store = Store::open_dir(dir.path()).unwrap();
    let card = store.estimate_card(p).unwrap();
    assert_eq!(
        card.versions[0].estimate.items.len(),
        3,
        "version 1 kept as sent"
    );
    assert_eq!(card.versions[1].estimate.items.len(), 2);
    let n = store.negotiation(p).unwrap();
    assert_eq!(
        n.offers[0].answer,
        etap_domain::estimate::OfferAnswer::Refused
    );
    assert_eq!(n.offers[0].reason, "Дорого");
    assert_eq!(n.pending, None);
}

#[test]
fn a_counter_offer_becomes_the_next_offer_and_acceptance_closes_it() {
    let (_dir, mut store) = temp_store();
    let p = to_estimate(&mut store);
    crate::go(&mut store, p, ActionKind::SendOffer);
    let n = store
        .save_offer(p, "29 000,00", "2027-03-01", "2026-12-15")
        .unwrap();
    assert_eq!(n.offers[0].price_text.ru, "29\u{a0}000,00\u{a0}₽");
    assert_eq!(
        store.save_offer(p, "дорого", "", "").unwrap_err().code(),
        "bad_amount"
    );
    let n = store
        .counter_offer(p, "25000", "2027-04-01", "Готовы за 25 тысяч")
        .unwrap();
    assert_eq!(n.offers.len(), 2);
    assert_eq!(
        n.offers[0].answer,
        etap_domain::estimate::OfferAnswer::Countered
    );
    assert_eq!(
        n.offers[1].price.amount(),
        rust_decimal::Decimal::from(25000)
    );
    assert_eq!(n.offers[1].deadline, "2027-04-01");
    assert_eq!(n.pending, Some(n.offers[1].id));
    let s = store.advance(p, ActionKind::AcceptOffer, "").unwrap();
    assert_eq!(s.state.step, Step::Specification);
    let n = store.negotiation(p).unwrap();
    assert_eq!(
        n.offers[1].answer,
        etap_domain::estimate::OfferAnswer::Accepted
    );
    assert_eq!(
        store.counter_offer(p, "1", "", "").unwrap_err().code(),
        "no_offer"
    );
}

/// Issue 9: a mistyped rate held back the requisites typed beside it, and an emptied
/// client name held back the client's requisites, while the window said «Сохранено».
#[test]
fn a_mistyped_rate_or_an_emptied_name_does_not_hold_back_the_requisites() {
    let (dir, mut store) = temp_store();
    let mut draft = store.provider().unwrap().profile.draft();
    draft.requisites.short_name = "ИП Смирнова А. А.".into();
    draft.hourly_rate = "2 750,50".into();
    store.save_provider(&draft).unwrap();
    draft.requisites.inn = "7707083893".into();
    draft.hourly_rate = "abc".into();
    let card = store.save_provider(&draft).unwrap();
    assert_eq!(card.refused.len(), 1);
    assert_eq!(card.refused[0].field, "hourly_rate");
    assert_eq!(card.profile.requisites.inn, "7707083893");
    assert_eq!(card.profile.hourly_rate.to_string(), "2750.50");

    let c = store.create_client("ООО «Ромашка»").unwrap();
    let req = Requisites {
        inn: "7707083893".into(),
        ..Requisites::default()
    };
    let card = store.save_client(c.id, " ", &req).unwrap();
    assert_eq!(card.refused.len(), 1);
    assert_eq!(card.client.name, "ООО «Ромашка»");
    drop(store);
    let store = Store::open_dir(dir.path()).unwrap();
    assert_eq!(
        store.client_card(c.id).unwrap().requisites.inn,
        "7707083893"
    );
    assert_eq!(
        store.provider().unwrap().profile.requisites.inn,
        "7707083893"
    );
}

#[test]
fn the_provider_profile_keeps_defaults_and_refuses_a_non_image_logo() {
    let (_dir, mut store) = temp_store();
    let mut profile = store.provider().unwrap().profile;
    profile.requisites.short_name = "ИП Смирнова А. А.".into();
    profile.hourly_rate = "2750".parse().unwrap();
    profile.vat = etap_domain::money::VatMode::Rate {
        percent: "20".parse().unwrap(),
    };
    store.save_provider(&profile.draft()).unwrap();
    assert_eq!(
        store.set_provider_logo(b"not an image").unwrap_err().code(),
        "bad_logo"
    );
    assert_eq!(
        store
            .set_provider_logo(b"\x89PNG\r\n\x1a\n0000")
            .unwrap_err()
            .code(),
        "bad_logo",
        "a damaged PNG is refused on upload, not when a document is made"
    );
    let png = crate::TINY_PNG;
    assert_eq!(
        store.set_provider_logo(png).unwrap().profile.logo_mime,
        "image/png"
    );
    assert_eq!(store.provider_logo().unwrap().unwrap().0, png.to_vec());

    // A new project's estimate starts from the provider's defaults.
    let p = to_estimate(&mut store);
    let card = store.estimate_card(p).unwrap();
    assert_eq!(card.default_rate.to_string(), "2750");
    assert_eq!(card.current.unwrap().estimate.vat, profile.vat);
}

/// Issue 9: a request dated 1900 or due in 9999 was saved without a word. It is saved
/// as typed, and the warning comes back beside it.
#[test]
fn an_implausible_date_is_saved_with_a_warning_beside_it() {
    let (_dir, mut store) = temp_store();
    let c = store.create_client("ООО «Ромашка»").unwrap();
    let p = store.create_project(c.id, "Портал").unwrap().id;
    let request = etap_domain::preparation::Request {
        title: "Кабинет".into(),
        received_on: "1900-01-01".into(),
        desired_deadline: "9999-12-31".into(),
        ..Default::default()
    };
    let card = store.save_request(p, &request).unwrap();
    let fields: Vec<&str> = card.warnings.iter().map(|w| w.field).collect();
    assert_eq!(
        fields,
        ["received_on", "desired_deadline"],
        "{:?}",
        card.warnings
    );
    let again = store.request(p).unwrap();
    assert_eq!(again.request.received_on, "1900-01-01");
    assert_eq!(again.request.desired_deadline, "9999-12-31");
    assert_eq!(again.warnings.len(), 2);
}
