//! Document export end to end in the library: the commercial proposal made from the
//! current offer shows exactly the totals the app computed (the UI shows the same
//! `EstimateTotals`), and it is recorded in the register with its file's SHA-256.

use etap_domain::estimate::{EstimateItem, Hours};
use etap_domain::lifecycle::ActionKind;
use etap_domain::money::VatMode;
use etap_domain::spec::EmptySections;
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

/// Issue 13: «Открыть» and «Показать в папке» hand the system only a file the register
/// still vouches for; a changed or deleted one is refused in the same words as Save as.
#[test]
fn only_an_intact_issued_document_is_opened_or_shown() {
    let (dir, mut store) = temp_store();
    let c = store.create_client("Клиент").unwrap();
    let p = store.create_project(c.id, "Проект").unwrap().id;
    crate::walk_to(&mut store, p, etap_domain::Step::Negotiation);
    let doc = etap_app::export::export_proposal(&mut store, p, Lang::Ru, &dir.path().join("docs"))
        .unwrap();
    let intact = etap_app::export::intact_document(&store, doc.id).unwrap();
    assert_eq!(intact.path, doc.path);

    std::fs::write(&doc.path, b"%PDF-1.7 tampered").unwrap();
    let err = etap_app::export::intact_document(&store, doc.id).unwrap_err();
    assert_eq!(err.code(), "document_changed");
    std::fs::remove_file(&doc.path).unwrap();
    let err = etap_app::export::intact_document(&store, doc.id).unwrap_err();
    assert_eq!(err.code(), "document_changed");
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

/// What a user pasted into every field: controls, bidi overrides, emoji with joiners,
/// Greek, Arabic-Indic digits, maths and arrows.
const HOSTILE: &str =
    "Учёт\u{7}\u{1b}[31m\tзаявок \u{202e}αβγ\u{202c} ٠١٢٣ → ∑∞ 👩\u{200d}💻 ❤\u{fe0f} 🎉";
/// What of it is visible, as the PDF must show it.
const VISIBLE: [&str; 8] = [
    "Учёт[31m заявок",
    "αβγ",
    "٠١٢٣",
    "→",
    "∑∞",
    "👩",
    "💻",
    "🎉",
];

/// Regression (issue 9): text accepted in titles made the КП export fail with
/// «Символ «\u{7}» нельзя напечатать…» once the estimate was frozen. Every save path
/// now stores text by the domain's rule (controls and bidi controls removed), and every
/// document prints what remains.
#[test]
fn hostile_text_saved_through_the_store_prints_in_every_document() {
    use etap_domain::input::is_removed;
    let (dir, mut store) = temp_store();
    let c = store.create_client(HOSTILE).unwrap();
    let mut req = etap_domain::party::Requisites {
        legal_name: HOSTILE.into(),
        address: HOSTILE.into(),
        signatory_name: HOSTILE.into(),
        ..Default::default()
    };
    store.save_client(c.id, HOSTILE, &req).unwrap();
    req.bank_name = HOSTILE.into();
    let mut profile = store.provider().unwrap().profile;
    profile.requisites = req;
    store.save_provider(&profile.draft()).unwrap();
    let p = store.create_project(c.id, HOSTILE).unwrap().id;
    store
        .save_request(
            p,
            &etap_domain::preparation::Request {
                title: HOSTILE.into(),
                description: HOSTILE.into(),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .advance(p, ActionKind::StartClarification, HOSTILE)
        .unwrap();
    let q = store.add_question(p, HOSTILE).unwrap().questions[0].id;
    store
        .save_question(
            q,
            HOSTILE,
            HOSTILE,
            etap_domain::preparation::QuestionStatus::Open,
        )
        .unwrap();
    store.advance(p, ActionKind::RequestEstimate, "").unwrap();
    let mut e = store.estimate_card(p).unwrap().current.unwrap().estimate;
    e.items = vec![EstimateItem {
        id: 0,
        key: 0,
        title: HOSTILE.into(),
        requirement: String::new(),
        hours: Hours::Single { hours: 3.into() },
        rate: "1000".parse().unwrap(),
    }];
    store.save_estimate(p, &e.draft()).unwrap();

    // Stored as the domain says: nothing invisible left, everything visible kept.
    let stored = [
        store.project(p).unwrap().title,
        store.client_card(c.id).unwrap().client.name,
        store.client_card(c.id).unwrap().requisites.address,
        store.provider().unwrap().profile.requisites.bank_name,
        store.request(p).unwrap().request.description,
        store.clarification(p).unwrap().questions[0].text.clone(),
        store
            .estimate_card(p)
            .unwrap()
            .current
            .unwrap()
            .estimate
            .items[0]
            .title
            .clone(),
        store
            .history(p)
            .unwrap()
            .into_iter()
            .find(|h| !h.comment.is_empty())
            .unwrap()
            .comment,
    ];
    for s in &stored {
        assert!(!s.chars().any(is_removed), "{s:?}");
        assert!(s.contains("Учёт[31m заявок αβγ ٠١٢٣"), "{s:?}");
    }

    store.advance(p, ActionKind::SendOffer, "").unwrap();
    let out = dir.path().join("docs");
    let kp = etap_app::export::export_proposal(&mut store, p, Lang::Ru, &out).unwrap();
    let text = pdftotext(std::path::Path::new(&kp.path));
    for v in VISIBLE {
        assert!(text.contains(v), "КП lacks {v:?}:\n{text}");
    }

    let v = store
        .create_spec(
            p,
            etap_domain::spec_templates::Template::Freelancer,
            Lang::Ru,
        )
        .unwrap();
    let mut content = v.content.clone();
    content.sections[0].title = HOSTILE.into();
    content.sections[0].body =
        format!("{HOSTILE}\n\n- {HOSTILE}\n\n| A | B |\n|---|---|\n| {HOSTILE} | x |");
    store.save_spec(v.id, &content).unwrap();
    let tz =
        etap_app::export::export_spec(&mut store, v.id, None, EmptySections::NotSpecified, &out)
            .unwrap();
    let text = pdftotext(std::path::Path::new(&tz.path));
    for v in VISIBLE {
        assert!(text.contains(v), "ТЗ lacks {v:?}:\n{text}");
    }

    // The акт (its sample model, as the app has no акт export yet) with the same text.
    let mut act = etap_documents::samples::act(Lang::Ru);
    for item in &mut act.items {
        item.name = store.project(p).unwrap().title;
    }
    let bytes = etap_documents::act::render(&act).unwrap();
    let path = dir.path().join("act.pdf");
    std::fs::write(&path, bytes).unwrap();
    let text = pdftotext(&path);
    for v in VISIBLE {
        assert!(text.contains(v), "акт lacks {v:?}:\n{text}");
    }
}

/// Issue 10: a draft ТЗ exported for review is watermarked and recorded as a draft; an
/// approved one is neither.
#[test]
fn a_draft_specification_enters_the_register_as_a_draft() {
    let (dir, mut store) = temp_store();
    let c = store.create_client("Клиент").unwrap();
    let p = store.create_project(c.id, "Проект").unwrap().id;
    let v = store
        .create_spec(
            p,
            etap_domain::spec_templates::Template::Freelancer,
            Lang::Ru,
        )
        .unwrap();
    let check = store
        .issue_check(p, etap_domain::entity::DocKind::Specification, Some(v.id))
        .unwrap();
    assert!(check.allowed && check.draft);
    assert!(check.message.unwrap().ru.contains("«ПРОЕКТ»"));
    let out = dir.path().join("docs");
    let draft =
        etap_app::export::export_spec(&mut store, v.id, None, EmptySections::NotSpecified, &out)
            .unwrap();
    assert!(draft.draft);
    assert!(pdftotext(std::path::Path::new(&draft.path)).contains("ПРОЕКТ"));
    assert!(store.issued_documents(p).unwrap()[0].draft);

    crate::approve_spec(&mut store, p);
    let issued =
        etap_app::export::export_spec(&mut store, v.id, None, EmptySections::NotSpecified, &out)
            .unwrap();
    assert!(!issued.draft);
    assert!(!pdftotext(std::path::Path::new(&issued.path)).contains("ПРОЕКТ"));
    let register = store.issued_documents(p).unwrap();
    assert_eq!(
        register.iter().map(|d| d.draft).collect::<Vec<_>>(),
        [false, true]
    );
}

/// Issue 9: with an empty profile the КП goes out, but the app says first which
/// requisites it will print empty and where to fill them in.
#[test]
fn before_a_proposal_the_missing_requisites_are_named() {
    let (dir, mut store) = temp_store();
    let c = store.create_client("Клиент").unwrap();
    let p = store.create_project(c.id, "Проект").unwrap().id;
    crate::walk_to(&mut store, p, etap_domain::Step::Negotiation);
    let check = store
        .issue_check(p, etap_domain::entity::DocKind::Proposal, None)
        .unwrap();
    assert!(check.allowed);
    let m = check.message.unwrap();
    assert!(
        m.ru.contains("ИНН") && m.ru.contains("«Мой профиль»"),
        "{}",
        m.ru
    );
    assert!(etap_app::export::export_proposal(&mut store, p, Lang::Ru, dir.path()).is_ok());
    // An акт with the same profile is refused, naming what to fill in.
    let act = store
        .issue_check(p, etap_domain::entity::DocKind::Act, None)
        .unwrap();
    assert!(!act.allowed);
    assert!(act.message.unwrap().ru.contains("расчётный счёт"));
}

/// Issue 9: the ТЗ's title page names what is built — the request's title (1.1) —
/// not the project's short name.
#[test]
fn the_specification_title_page_names_the_project_not_the_request() {
    let (dir, mut store) = temp_store();
    let c = store.create_client("Клиент").unwrap();
    let p = store.create_project(c.id, "Кабинет").unwrap().id;
    store
        .save_request(
            p,
            &etap_domain::preparation::Request {
                title: "Личный кабинет для клиентов интернет-магазина".into(),
                ..Default::default()
            },
        )
        .unwrap();
    crate::approve_spec(&mut store, p);
    let v = store.spec_versions(p).unwrap()[0].id;
    let doc =
        etap_app::export::export_spec(&mut store, v, None, EmptySections::NotSpecified, dir.path())
            .unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-f", "1", "-l", "1", &doc.path, "-"])
        .output()
        .unwrap();
    let title_page = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        title_page.contains("на разработку: Кабинет"),
        "{title_page}"
    );
    assert!(
        !title_page.contains("Личный кабинет для клиентов"),
        "{title_page}"
    );
}

/// Whatever a project is called — a path or a Windows device name — its documents are
/// written inside the documents folder, under the document's number.
#[test]
fn a_project_named_like_a_path_or_a_device_exports_inside_the_documents_folder() {
    let (dir, mut store) = temp_store();
    let c = store.create_client("../../клиент").unwrap();
    let docs = dir.path().join("docs");
    for title in ["../../x", "con", "..\\..\\aux", "/etc/passwd"] {
        let p = store.create_project(c.id, title).unwrap().id;
        crate::walk_to(&mut store, p, etap_domain::Step::Negotiation);
        let doc = etap_app::export::export_proposal(&mut store, p, Lang::Ru, &docs).unwrap();
        let path = std::path::Path::new(&doc.path);
        assert_eq!(path.parent().unwrap(), docs, "{title}: {}", doc.path);
        assert_eq!(
            path.file_name().unwrap().to_str().unwrap(),
            format!("{}.pdf", doc.number),
            "{title}"
        );
        assert!(path.is_file());
    }
    assert_eq!(std::fs::read_dir(&docs).unwrap().count(), 4);
}

/// Issue 13: the pages view shows the ТЗ the export would print from the text being
/// typed, before it is saved: the same page count as the PDF exported once it is saved,
/// and the word just typed on the page the cursor is on, which is the PDF's page too.
#[test]
fn the_pages_view_shows_the_unsaved_text_on_the_page_the_pdf_prints_it_on() {
    use etap_app::export::{spec_pages, PagesRequest};
    use etap_documents::display::PagesFocus;
    let (dir, mut store) = temp_store();
    let c = store.create_client("Клиент").unwrap();
    let p = store.create_project(c.id, "Проект").unwrap().id;
    let v = store
        .create_spec(
            p,
            etap_domain::spec_templates::Template::Freelancer,
            Lang::Ru,
        )
        .unwrap();
    let mut content = v.content.clone();
    let paragraph = "Система обеспечивает учёт заявок, этапов и документов проекта; каждое изменение сохраняется с датой и автором, а отчёт формируется по запросу менеджера. ";
    for s in content.sections.iter_mut() {
        s.body = (0..6)
            .map(|_| paragraph.repeat(3))
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    let last = content.sections.len() - 1;
    let key = content.sections[1].key;
    content.sections[1].body.push_str("\n\nКсилофонщик");
    let offset = content.sections[1].body.encode_utf16().count() as u32;
    // Not saved yet: the store still has the template's empty sections.
    let view = spec_pages(
        &store,
        PagesRequest {
            version_id: v.id,
            content: content.clone(),
            changes_since: None,
            empty: EmptySections::NotSpecified,
            focus: Some(PagesFocus {
                section: key,
                offset,
            }),
            pages: vec![1, 2],
        },
    )
    .unwrap();
    let focus = view.focus.expect("the page under the cursor");
    let text = |n: usize| {
        view.pages
            .iter()
            .find(|p| p.number == n)
            .map(|p| p.texts.iter().map(|t| t.text.as_str()).collect::<String>())
            .unwrap_or_default()
    };
    // The page under the cursor comes first, then the pages asked for.
    assert_eq!(view.pages[0].number, focus);
    assert!(text(focus).contains("Ксилофонщик"), "{}", text(focus));
    assert!(
        text(1).contains("ПРОЕКТ"),
        "a draft is watermarked as printed"
    );
    let starts: Vec<usize> = view.sections.iter().map(|s| s.page).collect();
    assert_eq!(view.sections.len(), content.sections.len());
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    assert!(view.sections[last].page > 3);

    store.save_spec(v.id, &content).unwrap();
    let out = dir.path().join("docs");
    let tz =
        etap_app::export::export_spec(&mut store, v.id, None, EmptySections::NotSpecified, &out)
            .unwrap();
    let info = std::process::Command::new("pdfinfo")
        .arg(&tz.path)
        .output()
        .unwrap();
    let pages: usize = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert_eq!(view.count, pages);
    let page = std::process::Command::new("pdftotext")
        .args([
            "-f",
            &focus.to_string(),
            "-l",
            &focus.to_string(),
            &tz.path,
            "-",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&page.stdout).contains("Ксилофонщик"));
    // The view was made under the number the export took.
    assert!(
        text(1).contains(&tz.number),
        "{} not on the title page",
        tz.number
    );
}
