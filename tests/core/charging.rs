//! The documents that charge a client, made from the real records of a project: a
//! stage's акт and счёт once the stage is accepted, the final акт at 3.3 — read back
//! with pdftotext, checked with qpdf, recorded in the register with their SHA-256.

use etap_domain::development::{Acceptance, PlannedStage, RequirementCheck};
use etap_domain::lifecycle::ActionKind;
use etap_domain::money::Money;
use etap_domain::party::Requisites;
use etap_domain::{Lang, Step};
use etap_storage::Store;
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use crate::development::project_in_development;

fn client_requisites() -> Requisites {
    Requisites {
        legal_name: "ООО «Ромашка»".into(),
        inn: "7707083893".into(),
        kpp: "770701001".into(),
        address: "г. Москва, ул. Садовая, д. 1".into(),
        signatory_name: "Петров Пётр Петрович".into(),
        signatory_position: "Директор".into(),
        ..Requisites::default()
    }
}

/// Both parties' requisites filled, as an акт and a счёт need them.
fn with_requisites(store: &mut Store, p: i64) {
    let mut profile = store.provider().unwrap().profile;
    profile.requisites = etap_documents::samples::contractor_requisites();
    store.save_provider(&profile.draft()).unwrap();
    let client = store.project(p).unwrap().client_id;
    store
        .save_client(client, "ООО «Ромашка»", &client_requisites())
        .unwrap();
}

/// Accepts the current stage at 2.6 with its records: every requirement verified, the
/// code frozen at a tag, the date and who accepted.
fn accept_stage(store: &mut Store, p: i64, stage: u32, requirement: &str) {
    for kind in [
        ActionKind::SubmitToTesting,
        ActionKind::PassTesting,
        ActionKind::FinishAdjustments,
    ] {
        crate::step(store, p, kind, "").unwrap();
    }
    store
        .save_acceptance(
            p,
            &Acceptance {
                stage,
                checks: vec![RequirementCheck {
                    requirement: requirement.into(),
                    verified: true,
                    note: String::new(),
                }],
                code_ref: format!("v1.{stage}.0"),
                accepted_on: format!("2026-12-1{stage}"),
                accepted_by: "Петров П. П.".into(),
            },
        )
        .unwrap();
    crate::step(store, p, ActionKind::AcceptStage, "").unwrap();
}

fn text(path: &str) -> String {
    crate::pdftotext(std::path::Path::new(path))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn qpdf_ok(path: &str) {
    let out = std::process::Command::new("qpdf")
        .args(["--check", path])
        .output()
        .expect("qpdf is installed by the test command");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

fn matches_register(doc: &etap_domain::entity::IssuedDocument) {
    let bytes = std::fs::read(&doc.path).unwrap();
    let sha: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(sha, doc.sha256, "{}", doc.number);
}

#[test]
fn accepted_stages_get_their_act_and_invoice_and_the_project_its_final_act() {
    let (dir, mut store) = crate::temp_store();
    let (p, r1, r2) = project_in_development(&mut store);
    let out = dir.path().join("docs");
    // Stage 2's price is set by hand: one service at that price.
    let mut second = store.stage_plan(p).unwrap().stages[1].clone();
    second.price = Some(Money::new(
        Decimal::new(1_234_567, 2),
        etap_domain::money::Currency::Rub,
    ));
    store
        .save_planned_stage(p, &PlannedStage { ..second })
        .unwrap();

    // Without the requisites an акт is refused, naming what to fill in; nothing is
    // numbered.
    accept_stage(&mut store, p, 1, &r1);
    let e = etap_app::export::export_act(&mut store, p, 1, Lang::Ru, &out).unwrap_err();
    assert_eq!(e.code(), "not_issuable");
    assert!(e.message().ru.contains("реквизит"), "{}", e.message().ru);
    with_requisites(&mut store, p);

    // Stage 2 is not accepted yet: neither its акт nor its счёт.
    for e in [
        etap_app::export::export_act(&mut store, p, 2, Lang::Ru, &out).unwrap_err(),
        etap_app::export::export_invoice(&mut store, p, 2, Lang::Ru, &out).unwrap_err(),
    ] {
        assert_eq!(e.code(), "not_issuable");
        assert!(
            e.message().ru.contains("Этап 2 ещё не принят"),
            "{}",
            e.message().ru
        );
    }
    assert!(store.issued_documents(p).unwrap().is_empty());

    let act = etap_app::export::export_act(&mut store, p, 1, Lang::Ru, &out).unwrap();
    let invoice = etap_app::export::export_invoice(&mut store, p, 1, Lang::Ru, &out).unwrap();
    let year = chrono::Local::now().format("%Y").to_string();
    assert_eq!(act.number, format!("А-{year}-001"));
    assert_eq!(invoice.number, format!("С-{year}-001"));
    assert_eq!((act.version, invoice.version), (Some(1), Some(1)));
    let a = text(&act.path);
    let i = text(&invoice.path);
    for (what, t) in [("act", &a), ("invoice", &i)] {
        assert!(t.contains("Этап 1 — Вход"), "{what}: {t}");
        assert!(t.contains(&format!("{r1}. Разработка")), "{what}: {t}");
        assert!(t.contains("30 000,00 ₽"), "{what}: {t}");
        assert!(t.contains("Тридцать тысяч рублей 00 копеек"), "{what}: {t}");
        // The offer was made without VAT: the figure is «Без НДС», never a 0 % charge.
        assert!(t.contains("Без НДС: —"), "{what}: {t}");
    }
    assert!(a.contains("v1.1.0"), "{a}");
    assert!(a.contains("11.12.2026"), "{a}");
    assert!(
        i.contains(&format!("акт сдачи-приёмки № {}", act.number)),
        "{i}"
    );
    assert!(i.contains("40702810938000012345"), "{i}");

    // Payments: part payments add up; an overpayment is refused in words, nothing
    // written; the project shows what is accepted, invoiced and paid.
    store
        .record_payment(invoice.id, "2026-12-20", "10 000")
        .unwrap();
    let e = store
        .record_payment(invoice.id, "2026-12-21", "20 000,01")
        .unwrap_err();
    assert_eq!(e.code(), "overpayment");
    assert!(
        e.message()
            .ru
            .replace('\u{a0}', " ")
            .contains("осталось оплатить 20 000,00"),
        "{}",
        e.message().ru
    );
    let r = store
        .record_payment(invoice.id, "2026-12-21", "20000")
        .unwrap();
    assert_eq!(r.invoices[0].payments.len(), 2);
    assert_eq!(r.paid_text.ru, "30 000,00 ₽".replace(' ', "\u{a0}"));
    assert_eq!(r.accepted, r.invoiced);
    assert!(store.record_payment(act.id, "2026-12-21", "1").is_err());

    // Stage 2, then 3.1 → 3.3: the final акт lists both stages with their акты.
    crate::step(&mut store, p, ActionKind::FinishAdjustments, "").ok();
    accept_stage(&mut store, p, 2, &r2);
    let act2 = etap_app::export::export_act(&mut store, p, 2, Lang::Ru, &out).unwrap();
    let t2 = text(&act2.path);
    assert!(t2.contains("12 345,67"), "{t2}");
    let e = etap_app::export::export_final_act(&mut store, p, Lang::Ru, &out).unwrap_err();
    assert!(e.message().ru.contains("3.3"), "{}", e.message().ru);
    crate::step(&mut store, p, ActionKind::Deploy, "").unwrap();
    crate::step(&mut store, p, ActionKind::SwitchOver, "").unwrap();
    assert_eq!(store.project(p).unwrap().state.step, Step::SupportHandover);
    let fin = etap_app::export::export_final_act(&mut store, p, Lang::Ru, &out).unwrap();
    assert_eq!(fin.number, format!("А-{year}-003"));
    assert_eq!(fin.version, None);
    let f = text(&fin.path);
    assert!(f.contains(&act.number) && f.contains(&act2.number), "{f}");
    assert!(f.contains("Итого: 42 345,67 ₽"), "{f}");
    assert!(f.contains("Сорок две тысячи"), "{f}");

    for d in store.issued_documents(p).unwrap() {
        qpdf_ok(&d.path);
        matches_register(&d);
    }
    assert!(store.delivery_facts(p).unwrap().final_act_issued);
    // Accepted counts the stage акты, not the final one that repeats them.
    let r = store.receivables(p).unwrap();
    assert_eq!(r.accepted.amount(), Decimal::new(4_234_567, 2));
    assert_eq!(r.paid.amount(), Decimal::from(30_000));
}

/// First start on a fresh data folder: beside the project in preparation, a
/// delivered one, closed after every loop of the seed, with its акты, счета and final
/// акт in the register, each file matching its SHA-256; the provider's own profile is
/// left as it was.
#[test]
fn the_first_start_demo_has_a_delivered_project_with_its_documents() {
    use etap_domain::entity::DocKind;
    use etap_domain::LoopKind;
    let (dir, mut store) = crate::temp_store();
    let first = etap_app::export::demo::ensure_demo(&mut store, dir.path())
        .unwrap()
        .expect("created on the first start");
    assert_eq!(
        store.project(first).unwrap().state.step,
        Step::Clarification
    );
    let projects = store.projects().unwrap();
    assert_eq!(projects.len(), 2);
    let delivered = projects.iter().find(|p| p.id != first).unwrap();
    assert_eq!(delivered.state.step, Step::Closed);
    assert_eq!(delivered.state.stages_total, 2);
    assert_eq!(store.replayed_state(delivered.id).unwrap(), delivered.state);
    let map = store.lifecycle_map(delivered.id).unwrap();
    for kind in [
        LoopKind::Refusal,
        LoopKind::Bugs,
        LoopKind::EnvironmentIssue,
        LoopKind::Defects,
        LoopKind::Rollback,
    ] {
        let l = map.loops.iter().find(|l| l.kind == kind).unwrap();
        assert_eq!(l.count, 1, "{kind:?}");
    }

    let docs = store.issued_documents(delivered.id).unwrap();
    let of = |kind: DocKind, version: Option<u32>| {
        docs.iter()
            .filter(|d| d.kind == kind && d.version == version)
            .count()
    };
    assert_eq!(of(DocKind::Act, Some(1)), 1, "{docs:?}");
    assert_eq!(of(DocKind::Act, Some(2)), 1);
    assert_eq!(of(DocKind::Invoice, Some(1)), 1);
    assert_eq!(of(DocKind::Invoice, Some(2)), 1);
    assert_eq!(of(DocKind::Act, None), 1, "the final акт");
    for d in &docs {
        assert!(!d.draft);
        matches_register(d);
    }
    let fin = docs
        .iter()
        .find(|d| d.kind == DocKind::Act && d.version.is_none())
        .unwrap();
    let f = text(&fin.path);
    assert!(f.contains("Итого: 300 000,00 ₽"), "{f}");
    // The sample company that signed the demo's documents is not the user's.
    assert!(store
        .provider()
        .unwrap()
        .profile
        .requisites
        .legal_name
        .is_empty());

    // Opened again, nothing more is created.
    assert_eq!(
        etap_app::export::demo::ensure_demo(&mut store, dir.path()).unwrap(),
        None
    );
    assert_eq!(store.projects().unwrap().len(), 2);

    // The demo's акты and счета are numbered apart: the user's first real акт of the
    // year is still № 1 (they took А-2026-001…003 before).
    for d in docs
        .iter()
        .filter(|d| matches!(d.kind, DocKind::Act | DocKind::Invoice))
    {
        assert!(d.number.contains("-ДЕМО-"), "{}", d.number);
    }
    let c = store.create_client("ООО «Клиент»").unwrap();
    let own = store.create_project(c.id, "Своя работа").unwrap().id;
    let year = chrono::Utc::now().format("%Y");
    assert_eq!(
        store.next_document_number(own, DocKind::Act).unwrap(),
        format!("А-{year}-001")
    );
}
