//! Bad input everywhere: every store method a command calls with what a user typed
//! gets hostile text and figures (empty, blank, 1 MB, control characters, a bidi
//! override, emoji, SQL and FTS5 syntax, HTML, path-like names, negative, zero, huge
//! and non-numeric numbers, impossible dates). Each answer is a coded refusal a manager
//! can read or a save that keeps no control character — never a panic — and no other
//! project's records change. File names of exported documents stay inside the
//! documents folder whatever the project is called.

use etap_domain::development::{Adjustment, Bug, WorkEntry};
use etap_domain::error::ERROR_CODES;
use etap_domain::estimate::{EstimateDraft, HoursDraft, ItemDraft, VatDraft};
use etap_domain::lifecycle::ActionKind;
use etap_domain::party::{ProviderDraft, Requisites};
use etap_domain::preparation::{Request, TeamMember};
use etap_domain::spec_templates::Template;
use etap_domain::{Lang, Step};
use etap_storage::{StorageError, Store};
use rust_decimal::Decimal;
use serde_json::Value;

/// Hostile texts; each is sent into every text field of every save.
fn texts() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("blank", " \t\n ".into()),
        ("1 MB", "я".repeat(512 * 1024)),
        ("controls", "a\u{0}b\u{7}c\u{1b}[31md\u{8}".into()),
        ("rtl override", "\u{202e}fdp.exe\u{202c} счёт".into()),
        ("emoji", "👩‍💻 Этап 🚀".into()),
        ("sql", "'); DROP TABLE projects; --".into()),
        ("fts5", "\"a\" OR b* NEAR(c d) AND -e ^f {g}:h".into()),
        (
            "html",
            "<script>alert(1)</script><img src=x onerror=alert(2)>".into(),
        ),
        ("path", "../../etc/passwd".into()),
        ("windows name", "con".into()),
        ("windows path", "C:\\Windows\\System32\\aux.pdf".into()),
    ]
}

/// Hostile figures and dates, typed where a form sends text.
fn figures() -> Vec<&'static str> {
    vec![
        "",
        " ",
        "-1",
        "0",
        "-0",
        "1e308",
        "99999999999999999999999999999999",
        "NaN",
        "сто",
        "1,2,3",
        "2026-02-30",
        "0000-00-00",
        "9999-99-99",
        "31.12.1899",
    ]
}

/// Bystander projects' records as the window reads them.
fn snapshot(store: &Store, projects: &[i64]) -> Value {
    let mut all = Vec::new();
    for &p in projects {
        all.push(serde_json::json!({
            "page": store.project_page(p).unwrap(),
            "request": store.request(p).unwrap(),
            "team": store.team_card(p).unwrap(),
            "estimate": store.estimate_card(p).unwrap(),
            "work": store.work_log(p).unwrap(),
            "bugs": store.bugs(p).unwrap(),
            "environment": store.environment(p).unwrap(),
            "repository": store.repository(p).unwrap(),
        }));
    }
    Value::Array(all)
}

/// A refusal is coded and worded in both languages; a save keeps no control or bidi
/// character of what was typed.
fn judge(what: &str, input: &str, out: Result<Value, StorageError>) {
    match out {
        Ok(mut v) => {
            // What a save could not keep comes back as typed, for the form to show
            // beside the field (`refused`): that is not stored text.
            drop_refused(&mut v);
            let s = v.to_string();
            for bad in ["\\u0000", "\\u0007", "\\u001b", "\u{202e}", "\u{202c}"] {
                assert!(!s.contains(bad), "{what} ({input:.40?}) kept {bad:?}");
            }
        }
        Err(e) => {
            let code = e.code();
            assert!(
                ERROR_CODES.contains(&code),
                "{what} ({input:.40?}): code {code} is not in ERROR_CODES"
            );
            let m = e.message();
            assert!(
                !m.ru.trim().is_empty() && !m.en.trim().is_empty(),
                "{what}: an empty message"
            );
            assert_ne!(code, "database", "{what} ({input:.40?}): {e}");
        }
    }
}

fn drop_refused(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("refused");
            m.values_mut().for_each(drop_refused);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_refused),
        _ => {}
    }
}

fn json<T: serde::Serialize>(r: etap_storage::Result<T>) -> Result<Value, StorageError> {
    r.map(|v| serde_json::to_value(v).unwrap())
}

#[test]
fn hostile_input_is_refused_in_words_or_saved_clean_and_touches_no_other_project() {
    let (_dir, mut store) = crate::temp_store();
    // Bystanders: one project at 1.1 with a request, one in development.
    let c = store.create_client("ООО «Соседи»").unwrap();
    let quiet = store.create_project(c.id, "Соседний проект").unwrap().id;
    let mut req = store.request(quiet).unwrap().request;
    req.title = "Сайт".into();
    req.description = "Описание".into();
    store.save_request(quiet, &req).unwrap();
    let (dev, _, _) = crate::development::project_in_development(&mut store);
    let bystanders = [quiet, dev];

    // The targets: a project at 1.1, one at 1.3 and one at 1.5 with a draft ТЗ.
    let client = store.create_client("ООО «Мишень»").unwrap().id;
    let at11 = store.create_project(client, "Цель 1.1").unwrap().id;
    let at13 = store.create_project(client, "Цель 1.3").unwrap().id;
    crate::walk_to(&mut store, at13, Step::Estimate);
    let at15 = store.create_project(client, "Цель 1.5").unwrap().id;
    crate::walk_to(&mut store, at15, Step::Specification);
    let spec = store
        .create_spec(at15, Template::Freelancer, Lang::Ru)
        .unwrap();
    // A development project of the target client: stage 1 at 2.3.
    let (target_dev, _, _) = crate::development::project_in_development(&mut store);
    let before = snapshot(&store, &bystanders);
    let _ = target_dev;

    for (label, t) in texts() {
        let t = t.as_str();
        let s = &mut store;
        let calls: Vec<(&str, Result<Value, StorageError>)> = vec![
            ("create_client", json(s.create_client(t))),
            ("create_project", json(s.create_project(client, t))),
            ("rename_project", json(s.rename_project(at11, t))),
            (
                "save_client",
                json(s.save_client(client, t, &requisites(t))),
            ),
            (
                "save_request",
                json(s.save_request(
                    at11,
                    &Request {
                        title: t.into(),
                        description: t.into(),
                        received_on: t.into(),
                        desired_deadline: t.into(),
                        attachments: vec![t.into()],
                        ..Request::default()
                    },
                )),
            ),
            ("add_question", json(s.add_question(at11, t))),
            ("save_round_notes", json(s.save_round_notes(at11, t))),
            (
                "save_team_member",
                json(s.save_team_member(
                    at11,
                    &TeamMember {
                        id: 0,
                        name: t.into(),
                        contact: t.into(),
                        devops: true,
                        developer: false,
                        tester: false,
                    },
                )),
            ),
            ("search_specs", json(s.search_specs(t, 20))),
            ("set_repository", json(s.set_repository(at11, t))),
            (
                "save_provider",
                json(s.save_provider(&ProviderDraft {
                    requisites: requisites(t),
                    vat: VatDraft::Exempt { reason: t.into() },
                    currency: etap_domain::money::Currency::Rub,
                    hourly_rate: t.into(),
                })),
            ),
            (
                "save_estimate",
                json(s.save_estimate(at13, &estimate(s, at13, t, t))),
            ),
            ("save_spec", json(save_spec_text(s, spec.id, t))),
            (
                "log_work",
                json(s.log_work(
                    target_dev,
                    &WorkEntry {
                        stage: 1,
                        date: "2026-12-02".into(),
                        who: "Анна".into(),
                        hours: Decimal::ONE,
                        reference: t.into(),
                        note: t.into(),
                        ..WorkEntry::default()
                    },
                )),
            ),
            (
                "save_bug",
                json(s.save_bug(
                    target_dev,
                    &Bug {
                        stage: 1,
                        title: t.into(),
                        steps: t.into(),
                        expected: t.into(),
                        actual: t.into(),
                        requirement: t.into(),
                        ..Bug::default()
                    },
                )),
            ),
            (
                "add_adjustment",
                json(s.add_adjustment(
                    target_dev,
                    &Adjustment {
                        stage: 1,
                        what: t.into(),
                        who: t.into(),
                        date: t.into(),
                        bug: None,
                        ..Adjustment::default()
                    },
                )),
            ),
            (
                "save_acceptance",
                json(s.save_acceptance(
                    target_dev,
                    &etap_domain::development::Acceptance {
                        stage: 1,
                        checks: Vec::new(),
                        code_ref: t.into(),
                        accepted_on: t.into(),
                        accepted_by: t.into(),
                    },
                )),
            ),
            ("advance (comment)", {
                let p = s.create_project(client, "Отмена").unwrap().id;
                json(s.advance(p, ActionKind::Cancel, t))
            }),
        ];
        for (what, out) in calls {
            judge(&format!("{what} [{label}]"), t, out);
        }
        assert_eq!(
            snapshot(&store, &bystanders),
            before,
            "[{label}] changed another project's records"
        );
    }

    for f in figures() {
        let s = &mut store;
        let calls: Vec<(&str, Result<Value, StorageError>)> = vec![
            (
                "save_estimate (hours)",
                json(s.save_estimate(at13, &estimate(s, at13, "Работа", f))),
            ),
            ("save_offer (price)", json(s.save_offer(at13, f, f, f))),
            ("record_payment", json(s.record_payment(1, f, f))),
            (
                "save_planned_stage_typed",
                json({
                    let stage = s.stage_plan(target_dev).unwrap().stages[0].clone();
                    s.save_planned_stage_typed(target_dev, &stage, f)
                }),
            ),
            (
                "log_work (date)",
                json(s.log_work(
                    target_dev,
                    &WorkEntry {
                        stage: 1,
                        date: f.into(),
                        who: "Анна".into(),
                        hours: Decimal::ONE,
                        ..WorkEntry::default()
                    },
                )),
            ),
        ];
        for (what, out) in calls {
            judge(&format!("{what} [{f}]"), f, out);
        }
        assert_eq!(
            snapshot(&store, &bystanders),
            before,
            "[{f}] changed another project"
        );
    }

    // Hours: negative, zero, absurd and the largest a decimal holds.
    for h in [
        Decimal::NEGATIVE_ONE,
        Decimal::ZERO,
        Decimal::from(25),
        Decimal::MAX,
    ] {
        let out = json(store.log_work(
            target_dev,
            &WorkEntry {
                stage: 1,
                date: "2026-12-02".into(),
                who: "Анна".into(),
                hours: h,
                ..WorkEntry::default()
            },
        ));
        assert!(out.is_err(), "{h} hours were logged");
        judge("log_work (hours)", &h.to_string(), out);
    }
    assert_eq!(snapshot(&store, &bystanders), before);
}

fn requisites(t: &str) -> Requisites {
    Requisites {
        legal_name: t.into(),
        short_name: t.into(),
        inn: t.into(),
        kpp: t.into(),
        ogrn: t.into(),
        address: t.into(),
        bank_name: t.into(),
        bik: t.into(),
        account: t.into(),
        ..Requisites::default()
    }
}

/// The project's current estimate with one item titled `title` of `hours` hours.
fn estimate(store: &Store, p: i64, title: &str, hours: &str) -> EstimateDraft {
    let mut d = store
        .estimate_card(p)
        .unwrap()
        .current
        .expect("an estimate at 1.3")
        .estimate
        .draft();
    d.discount_percent = hours.into();
    d.items = vec![ItemDraft {
        key: 0,
        title: title.into(),
        requirement: title.into(),
        hours: HoursDraft::Single {
            hours: hours.into(),
        },
        rate: hours.into(),
    }];
    d
}

fn save_spec_text(
    store: &mut Store,
    version: i64,
    t: &str,
) -> etap_storage::Result<etap_domain::spec::SpecVersion> {
    let mut content = store.spec_version(version)?.content;
    content.sections[0].title = t.into();
    content.sections[0].body = t.into();
    store.save_spec(version, &content)
}
