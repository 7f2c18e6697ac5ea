//! Document export end to end in the library: the commercial proposal made from the
//! current offer shows exactly the totals the app computed (the UI shows the same
//! `EstimateTotals`), and it is recorded in the register with its file's SHA-256.

use etap_domain::estimate::{EstimateItem, Hours};
use etap_domain::lifecycle::ActionKind;
use etap_domain::money::VatMode;
use etap_domain::Lang;
use sha2::{Digest, Sha256};

use crate::{pdftotext, temp_store};

#[test]
fn the_proposal_pdf_shows_the_totals_the_app_computed() {
    let (dir, mut store) = temp_store();
    let c = store.create_client("ООО «Ромашка»").unwrap();
    let p = store.create_project(c.id, "Портал «Ёлка»").unwrap().id;
    store
        .advance(p, ActionKind::StartClarification, "")
        .unwrap();
    store.advance(p, ActionKind::RequestEstimate, "").unwrap();
    let mut e = store.estimate_card(p).unwrap().current.unwrap().estimate;
    let item = |title: &str, hours: Hours, rate: &str| EstimateItem {
        id: 0,
        key: 0,
        title: title.into(),
        requirement: String::new(),
        hours,
        rate: rate.parse().unwrap(),
    };
    e.items = vec![
        item(
            "Дизайн",
            Hours::Single {
                hours: "12.5".parse().unwrap(),
            },
            "2500",
        ),
        item(
            "Интеграция",
            Hours::ThreePoint {
                optimistic: 1.into(),
                likely: 1.into(),
                pessimistic: 2.into(),
            },
            "3333.33",
        ),
    ];
    e.discount_percent = "7.5".parse().unwrap();
    e.vat = VatMode::Rate { percent: 20.into() };
    let totals = store
        .save_estimate(p, &e.draft())
        .unwrap()
        .current
        .unwrap()
        .totals;
    store.advance(p, ActionKind::SendOffer, "").unwrap();

    let out = dir.path().join("docs");
    let doc = etap_app::export::export_proposal(&mut store, p, Lang::Ru, &out).unwrap();
    assert_eq!(doc.number, format!("КП-{p}-1"));
    let path = std::path::Path::new(&doc.path);
    let bytes = std::fs::read(path).unwrap();
    let sha: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(doc.sha256, sha);

    let text = pdftotext(path);
    let norm = |s: &str| s.replace('\u{a0}', " ");
    for figure in [
        &totals.subtotal_text.ru,
        &totals.discount_text.ru,
        &totals.net_text.ru,
        &totals.vat_text.ru,
        &totals.total_text.ru,
    ] {
        assert!(
            text.contains(&norm(figure)),
            "{figure} missing from:\n{text}"
        );
    }
    assert!(text.contains("КП-"), "{text}");
    assert!(text.contains("Портал «Ёлка»"), "{text}");

    let register = store.issued_documents(p).unwrap();
    assert_eq!(register.len(), 1);
    assert_eq!(register[0].sha256, sha);
    // The next one gets the next number.
    let again = etap_app::export::export_proposal(&mut store, p, Lang::En, &out).unwrap();
    assert_eq!(again.number, format!("КП-{p}-2"));
    assert!(pdftotext(std::path::Path::new(&again.path)).contains(&norm(&totals.total_text.en)));
}

#[test]
fn without_an_offer_there_is_no_proposal_and_it_says_why() {
    let (dir, mut store) = temp_store();
    let c = store.create_client("Клиент").unwrap();
    let p = store.create_project(c.id, "Проект").unwrap().id;
    let err = etap_app::export::export_proposal(&mut store, p, Lang::Ru, dir.path()).unwrap_err();
    assert_eq!(err.code(), "no_offer");
    assert!(err.message().ru.contains("сначала отправьте оценку"));
    assert!(store.issued_documents(p).unwrap().is_empty());
}

#[test]
fn the_proposal_carries_the_logo_from_the_profile() {
    let (dir, mut store) = temp_store();
    store.set_provider_logo(crate::TINY_PNG).unwrap();
    let c = store.create_client("Клиент").unwrap();
    let p = store.create_project(c.id, "Проект").unwrap().id;
    crate::walk_to(&mut store, p, etap_domain::Step::Negotiation);
    let doc = etap_app::export::export_proposal(&mut store, p, Lang::Ru, &dir.path().join("docs"))
        .unwrap();
    let out = std::process::Command::new("pdfimages")
        .args(["-list", &doc.path])
        .output()
        .expect("pdfimages (poppler-utils) is required");
    let list = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        list.lines().filter(|l| l.contains(" image ")).count(),
        1,
        "one logo image: {list}"
    );
    assert!(
        list.contains("     4     2 "),
        "the logo's own pixels: {list}"
    );
}

#[test]
fn save_as_copies_the_checked_file_and_refuses_a_changed_one() {
    let (dir, mut store) = temp_store();
    let c = store.create_client("Клиент").unwrap();
    let p = store.create_project(c.id, "Проект").unwrap().id;
    crate::walk_to(&mut store, p, etap_domain::Step::Negotiation);
    let doc = etap_app::export::export_proposal(&mut store, p, Lang::Ru, &dir.path().join("docs"))
        .unwrap();
    let dest = dir.path().join("Клиенту").join("КП.pdf");
    etap_app::export::copy_document(&mut store, doc.id, &dest).unwrap();
    assert_eq!(
        std::fs::read(&dest).unwrap(),
        std::fs::read(&doc.path).unwrap()
    );

    std::fs::write(&doc.path, b"%PDF-1.7 tampered").unwrap();
    let err = etap_app::export::copy_document(&mut store, doc.id, &dest).unwrap_err();
    assert_eq!(err.code(), "document_changed");
    assert!(err.message().ru.contains("SHA-256 не совпадает с реестром"));
}

/// Issue 9: a rate with more than two decimals was rounded before it was multiplied
/// (12 345,678 ₽ × 10 h gave 123 456,80). The КП prints the app's figures and the rate
/// as entered.
#[test]
fn a_rate_with_three_decimals_prints_the_amount_the_app_shows() {
    let (dir, mut store) = temp_store();
    let c = store.create_client("ООО «Ромашка»").unwrap();
    let p = store.create_project(c.id, "Портал").unwrap().id;
    store
        .advance(p, ActionKind::StartClarification, "")
        .unwrap();
    store.advance(p, ActionKind::RequestEstimate, "").unwrap();
    let mut e = store.estimate_card(p).unwrap().current.unwrap().estimate;
    e.items = [("Аналитика", "12345.678"), ("Мелочь", "0.001")]
        .into_iter()
        .map(|(title, rate)| EstimateItem {
            id: 0,
            key: 0,
            title: title.into(),
            requirement: String::new(),
            hours: Hours::Single { hours: 10.into() },
            rate: rate.parse().unwrap(),
        })
        .collect();
    let totals = store
        .save_estimate(p, &e.draft())
        .unwrap()
        .current
        .unwrap()
        .totals;
    let norm = |s: &str| s.replace('\u{a0}', " ");
    assert_eq!(norm(&totals.items[0].amount_text.ru), "123 456,78 ₽");
    assert_eq!(norm(&totals.items[1].amount_text.ru), "0,01 ₽");
    store.advance(p, ActionKind::SendOffer, "").unwrap();

    let doc = etap_app::export::export_proposal(&mut store, p, Lang::Ru, &dir.path().join("docs"))
        .unwrap();
    let text = pdftotext(std::path::Path::new(&doc.path));
    for figure in ["12 345,678 ₽", "123 456,78 ₽", "0,001 ₽", "0,01 ₽"] {
        assert!(text.contains(figure), "{figure} missing from:\n{text}");
    }
    assert!(
        text.contains(&norm(&totals.total_text.ru)),
        "{}",
        totals.total_text.ru
    );
    assert!(!text.contains("123 456,80"), "{text}");
}
