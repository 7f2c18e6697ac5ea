//! Specification (ТЗ) versions through storage: a template's required sections block
//! approval until filled; approval freezes the version in the database itself; the
//! next version starts from it; the diff names what changed; search finds words by
//! their stem.

use etap_domain::spec::SpecStatus;
use etap_domain::spec::{
    next_req_id, numbered, Priority, Requirement, RequirementChange, SectionChange, SpecContent,
};
use etap_domain::spec_templates::Template;
use etap_domain::Lang;
use etap_storage::{Store, DB_FILE};

use crate::temp_store;

fn project(store: &mut Store) -> i64 {
    let c = store.create_client("ООО «Ромашка»").unwrap();
    store.create_project(c.id, "Портал дилеров").unwrap().id
}

/// Fills every required section and adds three requirements to 4.2.
fn fill(content: &mut SpecContent) {
    fn walk(s: &mut [etap_domain::spec::SpecSection]) {
        for x in s {
            if x.required && x.children.is_empty() {
                x.body = format!(
                    "Раздел «{}»: заказы дилеров хранятся **три года**.\n\n| Роль | Права |\n|---|---|\n| Дилер | заказы |",
                    x.title
                );
            }
            walk(&mut x.children);
        }
    }
    walk(&mut content.sections);
    for (i, text) in ["Вход по телефону", "Список заказов", "Выгрузка счетов"]
        .iter()
        .enumerate()
    {
        let id = next_req_id(content, "4.2", &Default::default());
        let functions = &mut content.sections[3].children[1];
        functions.requirements.push(Requirement {
            id,
            text: (*text).into(),
            priority: [Priority::Must, Priority::Should, Priority::Could][i],
            acceptance: "Проверяется на демо-стенде".into(),
            estimate_items: vec![],
        });
    }
}

#[test]
fn approval_needs_the_required_sections_and_then_freezes_the_version() {
    let (dir, mut store) = temp_store();
    let p = project(&mut store);
    let v1 = store
        .create_spec(p, Template::Gost34_602, Lang::Ru)
        .unwrap();
    assert_eq!((v1.number, v1.status), (1, SpecStatus::Draft));
    assert_eq!(
        store
            .create_spec(p, Template::Freelancer, Lang::Ru)
            .unwrap_err()
            .code(),
        "spec_exists"
    );

    let err = store.approve_spec(v1.id, "Иванов И. И.").unwrap_err();
    assert_eq!(err.code(), "spec_incomplete");
    assert!(
        err.message().ru.contains("1 Общие положения"),
        "{}",
        err.message().ru
    );
    assert!(err.message().ru.contains("4.2 Требования к функциям"));

    let mut content = v1.content.clone();
    fill(&mut content);
    store.save_spec(v1.id, &content).unwrap();
    let approved = store.approve_spec(v1.id, "Иванов И. И.").unwrap();
    assert_eq!(approved.status, SpecStatus::Approved);
    assert_eq!(approved.sha256, content.sha256());
    assert_eq!(approved.approver, "Иванов И. И.");

    // Frozen by storage: through the library…
    assert_eq!(
        store.save_spec(v1.id, &content).unwrap_err().code(),
        "spec_frozen"
    );
    drop(store);
    // …and even by a raw write to the file.
    let raw = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    let err = raw
        .execute(
            "UPDATE spec_versions SET content = '{}' WHERE id = ?1",
            [v1.id],
        )
        .unwrap_err();
    assert!(err.to_string().contains("frozen"), "{err}");
    assert!(raw
        .execute("DELETE FROM spec_versions WHERE id = ?1", [v1.id])
        .is_err());
    drop(raw);

    let store = Store::open_dir(dir.path()).unwrap();
    let again = store.spec_version(v1.id).unwrap();
    assert_eq!(again.content, content, "still there after a restart");
    assert_eq!(again.content.sha256(), again.sha256);
}

#[test]
fn the_next_version_starts_from_the_approved_one_and_the_diff_names_the_change() {
    let (_dir, mut store) = temp_store();
    let p = project(&mut store);
    let v1 = store
        .create_spec(p, Template::Gost34_602, Lang::Ru)
        .unwrap();
    let mut content = v1.content.clone();
    fill(&mut content);
    store.save_spec(v1.id, &content).unwrap();
    assert_eq!(
        store.new_spec_version(p).unwrap_err().code(),
        "spec_draft_open"
    );
    store.approve_spec(v1.id, "Иванов").unwrap();

    let v2 = store.new_spec_version(p).unwrap();
    assert_eq!((v2.number, v2.status), (2, SpecStatus::Draft));
    assert_eq!(v2.content, content);
    let mut changed = v2.content.clone();
    changed.sections[3].children[1].requirements[1].text =
        "Список заказов с фильтром по дате".into();
    store.save_spec(v2.id, &changed).unwrap();

    let d = store.spec_diff(v1.id, v2.id).unwrap();
    assert_eq!(d.changes.len(), 1);
    let SectionChange::Changed {
        after,
        requirements,
        ..
    } = &d.changes[0]
    else {
        panic!("{d:?}")
    };
    assert_eq!(after.number, "4.2");
    assert!(matches!(
        &requirements[..],
        [RequirementChange::Changed { id, .. }] if id == "ТР-4.2.2"
    ));
    assert!(store.spec_diff(v1.id, v1.id).unwrap().is_empty());

    // The PDF of version 2 with the list of changes since version 1.
    let out = _dir.path().join("docs");
    let doc = etap_app::export::export_spec(
        &mut store,
        v2.id,
        Some(v1.id),
        etap_domain::spec::EmptySections::NotSpecified,
        &out,
    )
    .unwrap();
    assert_eq!(doc.number, format!("ТЗ-{p}-1"));
    let text = crate::pdftotext(std::path::Path::new(&doc.path));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("ТЕХНИЧЕСКОЕ ЗАДАНИЕ"), "{flat}");
    assert!(flat.contains("Лист изменений"), "{flat}");
    assert!(flat.contains("ТР-4.2.2"), "{flat}");
    assert!(flat.contains("фильтром по дате"), "{flat}");
    assert!(
        !flat.contains("| Роль |"),
        "a Markdown table is typeset, not printed raw"
    );
    assert!(flat.contains("Роль") && flat.contains("Дилер"), "{flat}");
    assert!(
        flat.contains("хранятся три года") && !flat.contains("**"),
        "bold is typeset, not printed as marks"
    );
    let register = store.issued_documents(p).unwrap();
    assert_eq!(register[0].sha256, doc.sha256);
    assert_eq!(
        register[0].version,
        Some(2),
        "the register names the ТЗ version"
    );
    let versions = store.spec_versions(p).unwrap();
    assert_eq!(versions.len(), 2);
}

#[test]
fn search_finds_words_by_their_stem_across_projects() {
    let (_dir, mut store) = temp_store();
    let p = project(&mut store);
    let v = store
        .create_spec(p, Template::Gost34_602, Lang::Ru)
        .unwrap();
    let mut content = v.content.clone();
    fill(&mut content);
    store.save_spec(v.id, &content).unwrap();

    let hits = store.search_specs("заказов", 20).unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.project_title == "Портал дилеров"));
    assert!(
        hits.iter().any(|h| h.snippet.contains("[заказы]")),
        "{hits:?}"
    );
    let hits = store.search_specs("выгрузку счетов", 20).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].section_number, "4.2");
    assert!(store
        .search_specs("несуществующеслово", 20)
        .unwrap()
        .is_empty());
    assert!(
        store.search_specs("  \" * ", 20).unwrap().is_empty(),
        "syntax is not an error"
    );
    // Numbers in the index follow the tree.
    assert_eq!(numbered(&content.sections).len(), 14);
}

#[test]
fn the_specification_step_needs_an_approved_version() {
    use etap_domain::lifecycle::{ActionKind, Step};
    let (_dir, mut store) = temp_store();
    let p = project(&mut store);
    crate::walk_to(&mut store, p, Step::Specification);
    let err = store
        .advance(p, ActionKind::ApproveSpecification, "")
        .unwrap_err();
    assert_eq!(err.code(), "spec_not_approved");
    assert!(err.message().ru.contains("Нет утверждённой версии ТЗ"));
    // A draft is not enough.
    let v = store
        .create_spec(p, Template::Freelancer, Lang::Ru)
        .unwrap();
    assert_eq!(
        store
            .advance(p, ActionKind::ApproveSpecification, "")
            .unwrap_err()
            .code(),
        "spec_not_approved"
    );
    let _ = v;
    crate::approve_spec(&mut store, p);
    let s = store
        .advance(p, ActionKind::ApproveSpecification, "")
        .unwrap();
    assert_eq!(s.state.step, Step::TeamHandover);
}

/// A draft of the freelancer template whose first section says `body`.
fn spec_saying(store: &mut Store, body: &str) -> i64 {
    let p = project(store);
    let v = store
        .create_spec(p, Template::Freelancer, Lang::Ru)
        .unwrap();
    let mut content = v.content.clone();
    content.sections[0].body = body.into();
    store.save_spec(v.id, &content).unwrap();
    v.id
}

/// Issue 9: any word with ё found nothing — the query folded ё to е, the index did not.
#[test]
fn yo_and_ye_find_each_other_both_ways() {
    let (_dir, mut store) = temp_store();
    spec_saying(
        &mut store,
        "Согласовано с Ёлкиным; ответственный — Пётр, модуль «Учёт заявок».",
    );
    for typed in [
        "Ёлкин",
        "елкин",
        "Пётр",
        "Петр",
        "учёт",
        "учет",
        "Учёт заявок",
    ] {
        let hits = store.search_specs(typed, 20).unwrap();
        assert_eq!(hits.len(), 1, "{typed}: {hits:?}");
    }
    // The snippet shows the text as written, ё and all.
    let hits = store.search_specs("петр", 20).unwrap();
    assert!(hits[0].snippet.contains("[Пётр]"), "{hits:?}");

    let (_dir, mut store) = temp_store();
    spec_saying(&mut store, "Ответственный — Петр Елкин, учет заявок.");
    for typed in ["Пётр", "Ёлкин", "учёт"] {
        assert_eq!(store.search_specs(typed, 20).unwrap().len(), 1, "{typed}");
    }
}

/// Issue 9: «-1» found every bare «1». What is typed is never FTS5 syntax, and a piece
/// typed with punctuation must be in the hit as typed.
#[test]
fn a_search_for_minus_one_is_not_a_search_for_one() {
    let (_dir, mut store) = temp_store();
    spec_saying(&mut store, "Версия 1 и этап 1 из 10.");
    let with_minus = spec_saying(&mut store, "Температура не ниже -1 °C.");
    let hits = store.search_specs("-1", 20).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].version_id, with_minus);
    assert_eq!(store.search_specs("1", 20).unwrap().len(), 2);
    for syntax in [
        "NOT 1",
        "1 OR",
        "NEAR(версия этап)",
        "\"версия",
        "этап*",
        "^этап",
        "body:этап",
    ] {
        store
            .search_specs(syntax, 20)
            .unwrap_or_else(|e| panic!("{syntax}: {e}"));
    }
    assert_eq!(store.search_specs("«Версия»,", 20).unwrap().len(), 1);
    // An ID is found as typed, and not by its digits scattered about.
    let req = spec_saying(&mut store, "См. требование ТР-4.2.2 и пункт 4, 2 раза.");
    let hits = store.search_specs("ТР-4.2.2", 20).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].version_id, req);
    assert!(hits[0].snippet.contains("[ТР-4.2.2]"), "{hits:?}");
}

/// A database from before the fold (schema 5, ё kept in the index) is re-indexed when
/// it is migrated, so its old ТЗ texts are found by «учет»; the requirement IDs it
/// gave are recorded, so none is given again.
#[test]
fn the_migration_reindexes_old_specifications() {
    use etap_storage::migrations;
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        migrations::migrations().to_version(&mut conn, 5).unwrap();
        let content = Template::Freelancer.skeleton(Lang::Ru);
        let mut content = content.clone();
        content.sections[0].body = "Модуль учёта заявок".into();
        content.sections[0].requirements.push(Requirement {
            id: "ТР-1.1".into(),
            text: "Заявка сохраняется".into(),
            priority: Priority::Must,
            acceptance: String::new(),
            estimate_items: vec![],
        });
        conn.execute_batch(
            "INSERT INTO clients (id, name, created_at) VALUES (1, 'ООО «Ёж»', '2026-01-01');
             INSERT INTO projects (id, client_id, title, step, round, stage, stages_total,
                 created_at, updated_at)
             VALUES (1, 1, 'Учёт', 'request', 1, 0, 0, '2026-01-01', '2026-01-01');",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO spec_versions (id, project_id, number, template, status, content, \
             created_at, updated_at) VALUES (1, 1, 1, 'freelancer', 'draft', ?1, 'x', 'x')",
            [content.canonical()],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO spec_search (title, body, version_id, section_key, section_number) \
             VALUES ('Цели', 'Модуль учёта заявок', 1, 1, '1')",
            [],
        )
        .unwrap();
    }
    let mut store = Store::open_dir(dir.path()).unwrap();
    let hits = store.search_specs("учет", 20).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].snippet.contains("[учёта]"), "{hits:?}");

    // The IDs given before the migration are known to it: ТР-1.1, deleted, stays used.
    let mut content = store.spec_version(1).unwrap().content;
    content.sections[0].requirements.clear();
    store.save_spec(1, &content).unwrap();
    let key = content.sections[0].key;
    let v = store.add_requirement(1, key).unwrap();
    assert_eq!(v.content.sections[0].requirements[0].id, "ТР-1.2");
}

/// Issue 10: requirement IDs were reused — delete ТР-4.2.3 in a new draft, add a
/// requirement, and it was handed ТР-4.2.3 again, the ID the approved version and its
/// PDF gave to another requirement.
#[test]
fn a_deleted_requirement_id_is_never_given_again() {
    let (_dir, mut store) = temp_store();
    let p = project(&mut store);
    let v1 = store
        .create_spec(p, Template::Gost34_602, Lang::Ru)
        .unwrap();
    let mut content = v1.content.clone();
    fill(&mut content);
    store.save_spec(v1.id, &content).unwrap();
    store.approve_spec(v1.id, "Иванов И. И.").unwrap();

    let v2 = store.new_spec_version(p).unwrap();
    let mut draft = v2.content.clone();
    let functions = &mut draft.sections[3].children[1];
    let key = functions.key;
    assert_eq!(functions.requirements.pop().unwrap().id, "ТР-4.2.3");
    store.save_spec(v2.id, &draft).unwrap();
    let ids = |v: &etap_domain::spec::SpecVersion| -> Vec<String> {
        v.content.sections[3].children[1]
            .requirements
            .iter()
            .map(|r| r.id.clone())
            .collect()
    };
    let v2 = store.add_requirement(v2.id, key).unwrap();
    assert_eq!(ids(&v2), ["ТР-4.2.1", "ТР-4.2.2", "ТР-4.2.4"]);

    // Added and deleted within the draft: not given again either.
    let mut draft = v2.content.clone();
    draft.sections[3].children[1].requirements.pop();
    store.save_spec(v2.id, &draft).unwrap();
    let v2 = store.add_requirement(v2.id, key).unwrap();
    assert_eq!(ids(&v2), ["ТР-4.2.1", "ТР-4.2.2", "ТР-4.2.5"]);
}

/// The ТЗ's Markdown keeps its structure in the PDF (issue «The ТЗ's Markdown keeps its
/// structure»): a nested numbered list keeps its levels and the author's numbers (it
/// was renumbered 1)–7) as one flat list, «3. Разработка» printing as «5)»), and inline
/// code prints without its backticks.
#[test]
fn the_pdf_keeps_nested_lists_their_numbers_and_code() {
    let (dir, mut store) = temp_store();
    let p = project(&mut store);
    let v = store
        .create_spec(p, Template::Gost34_602, Lang::Ru)
        .unwrap();
    let mut content = v.content.clone();
    fill(&mut content);
    content.sections[0].body = "Этапы работ:\n\n1. Подготовка\n   1. Сбор требований\n   2. Оценка\n2. Согласование\n3. Разработка и отладка\n   - код в ветке `feature/order_id`\n   - тесты\n4. Сдача\n\n> Заказчик: «главное — *сроки*».\n\n| ID | Описание |\n|---|---|\n| ТР-1 | Система принимает заявку дилера, проверяет остатки на складе и уведомляет менеджера. |\n| ТР-2 | Отчёт `report_daily.csv` выгружается каждый день. |".into();
    store.save_spec(v.id, &content).unwrap();
    store.approve_spec(v.id, "Иванов И. И.").unwrap();

    let out = dir.path().join("docs");
    let doc = etap_app::export::export_spec(
        &mut store,
        v.id,
        None,
        etap_domain::spec::EmptySections::NotSpecified,
        &out,
    )
    .unwrap();
    let text = crate::pdftotext(std::path::Path::new(&doc.path));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for item in [
        "1) Подготовка",
        "1) Сбор требований",
        "2) Оценка",
        "2) Согласование",
        "3) Разработка и отладка",
        "4) Сдача",
    ] {
        assert!(flat.contains(item), "{item:?} missing in {flat}");
    }
    let indent = |needle: &str| {
        let line = text.lines().find(|l| l.contains(needle)).unwrap();
        line.len() - line.trim_start().len()
    };
    assert!(
        indent("Сбор требований") > indent("Подготовка"),
        "the nested list is indented under its item:\n{text}"
    );
    assert!(indent("тесты") > indent("Сдача"), "{text}");
    assert!(flat.contains("feature/order_id"), "{flat}");
    assert!(!flat.contains('`'), "code prints without its backticks");
    assert!(flat.contains("главное — сроки"), "{flat}");
    assert!(flat.contains("report_daily.csv"), "{flat}");
}

/// Empty sections printed as bare stacked headings (issue «The ТЗ's Markdown keeps its
/// structure»): now each says «Не предъявляются.», or is left out, as the user chose.
#[test]
fn an_empty_section_says_not_specified_or_is_left_out_as_chosen() {
    use etap_domain::spec::EmptySections;
    let (dir, mut store) = temp_store();
    let p = project(&mut store);
    let v = store
        .create_spec(p, Template::Gost34_602, Lang::Ru)
        .unwrap();
    let mut content = v.content.clone();
    fill(&mut content);
    // An optional section nobody filled, with its number and title.
    let (number, empty_title) = numbered(&content.sections)
        .into_iter()
        .find(|(_, s)| !s.required && s.is_empty() && s.children.is_empty())
        .map(|(n, s)| (n, s.title.clone()))
        .expect("the template has an optional section");
    store.save_spec(v.id, &content).unwrap();
    store.approve_spec(v.id, "Иванов И. И.").unwrap();
    let out = dir.path().join("docs");
    let mut text = |how| {
        let doc = etap_app::export::export_spec(&mut store, v.id, None, how, &out).unwrap();
        crate::pdftotext(std::path::Path::new(&doc.path))
    };

    let noted = text(EmptySections::NotSpecified);
    let flat = noted.split_whitespace().collect::<Vec<_>>().join(" ");
    let heading = format!("{number} {empty_title} Не предъявляются.");
    assert!(flat.contains(&heading), "{heading:?} missing in {flat}");

    let omitted = text(EmptySections::Omit);
    assert!(
        !omitted.contains(&empty_title),
        "{empty_title} left out:\n{omitted}"
    );
    assert!(!omitted.contains("Не предъявляются"), "{omitted}");
}

#[test]
fn a_word_found_in_many_sections_pages_through_every_hit_once_best_first_within_a_batch() {
    let (_dir, mut store) = temp_store();
    let p = project(&mut store);
    let v = store
        .create_spec(p, Template::Freelancer, Lang::Ru)
        .unwrap();
    let mut content = v.content.clone();
    let template = content.sections[0].clone();
    // More matching sections than one ranked batch holds; every third says it thrice.
    let n = etap_storage::spec::RANKED + 150;
    content.sections = (0..n)
        .map(|i| {
            let mut s = template.clone();
            s.key = 1000 + i as u32;
            s.title = format!("Раздел {i}");
            s.requirements.clear();
            s.children.clear();
            s.body = if i % 3 == 0 {
                "Выгрузка заказов, заказы и заказ.".into()
            } else {
                format!("Выгрузка заказов и прочих документов номер {i} по расписанию.")
            };
            s
        })
        .collect();
    store.save_spec(v.id, &content).unwrap();

    let mut seen = std::collections::BTreeSet::new();
    let mut offset = 0;
    loop {
        let page = store.search_page("заказов", offset, 200).unwrap();
        assert!(page.hits.len() <= 200);
        for h in &page.hits {
            assert!(
                seen.insert(h.section_number.clone()),
                "{} twice",
                h.section_number
            );
            assert!(h.snippet.contains('['), "{h:?}");
        }
        offset += page.hits.len() as u32;
        if !page.more {
            break;
        }
    }
    assert_eq!(seen.len(), n, "every matching section, once");
    // The first page starts with the sections that say it most.
    let first = store.search_page("заказов", 0, 20).unwrap();
    assert!(first.more);
    assert!(
        first
            .hits
            .iter()
            .all(|h| h.snippet.matches('[').count() >= 3),
        "{:?}",
        first.hits
    );
}
