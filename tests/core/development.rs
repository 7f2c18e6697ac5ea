//! Development records 2.1–2.6 through storage: the plan from the approved ТЗ, the
//! environment checklist, the work log, bugs, acceptance and the frozen stage. Every
//! guard of 2.1–2.6 is asserted with its message, as the core would answer the window.

use etap_domain::development::{
    Acceptance, Adjustment, Bug, BugStatus, ItemStatus, PlannedStage, RequirementCheck, Severity,
    WorkEntry,
};
use etap_domain::lifecycle::{decide, Action, ActionKind, Facts, ProjectState, Refusal};
use etap_domain::money::Money;
use etap_domain::spec::SpecStatus;
use etap_domain::spec_templates::Template;
use etap_domain::{Lang, Step};
use etap_storage::{Store, DB_FILE};
use rust_decimal::Decimal;

/// What the core answers for `kind` with the development records as facts.
pub fn check(store: &Store, p: i64, kind: ActionKind) -> Result<ProjectState, Refusal> {
    let state = store.project(p).unwrap().state;
    let facts = Facts {
        delivery: Some(store.delivery_facts(p).unwrap()),
        ..store.facts(p).unwrap()
    };
    decide(
        &state,
        Action::from_kind(kind, &facts),
        "комментарий",
        &facts,
    )
}

pub fn refusal(store: &Store, p: i64, kind: ActionKind) -> Refusal {
    check(store, p, kind).expect_err("the guard refuses")
}

fn code(e: etap_storage::StorageError) -> &'static str {
    e.code()
}

/// A project at 2.1 whose approved ТЗ has two requirements, the first priced in the
/// estimate's only item; answers the project and the two requirement IDs.
fn project_at_planning(store: &mut Store) -> (i64, String, String) {
    let c = store.create_client("ООО «Ромашка»").unwrap();
    let p = store.create_project(c.id, "Портал").unwrap().id;
    crate::walk_to(store, p, Step::Specification);
    let v = store
        .create_spec(p, Template::Freelancer, Lang::Ru)
        .unwrap();
    let first = v.content.sections[0].key;
    store.add_requirement(v.id, first).unwrap();
    let v = store.add_requirement(v.id, first).unwrap();
    let item_key = store.estimate_card(p).unwrap().versions[0].estimate.items[0].key;
    let mut content = v.content.clone();
    for s in &mut content.sections {
        if s.required && s.body.trim().is_empty() {
            s.body = "Текст.".into();
        }
    }
    content.sections[0].requirements[0].text = "Вход по паролю".into();
    content.sections[0].requirements[0].estimate_items = vec![i64::from(item_key)];
    content.sections[0].requirements[1].text = "Отчёты".into();
    let ids: Vec<String> = content.sections[0]
        .requirements
        .iter()
        .map(|r| r.id.clone())
        .collect();
    store.save_spec(v.id, &content).unwrap();
    store.approve_spec(v.id, "Менеджер").unwrap();
    assert!(store
        .spec_versions(p)
        .unwrap()
        .iter()
        .any(|v| v.status == SpecStatus::Approved));
    crate::go(store, p, ActionKind::ApproveSpecification);
    crate::go(store, p, ActionKind::HandOverToTeam);
    store.add_stage(p, "Вход").unwrap();
    store.add_stage(p, "Отчёты").unwrap();
    (p, ids[0].clone(), ids[1].clone())
}

fn dated(number: u32, title: &str) -> PlannedStage {
    PlannedStage {
        number,
        title: title.into(),
        features: vec!["Личный кабинет".into()],
        planned_start: "2026-12-01".into(),
        planned_end: "2026-12-15".into(),
        ..PlannedStage::default()
    }
}

#[test]
fn the_plan_guard_names_unassigned_requirements_dates_and_the_shares_difference() {
    let (_dir, mut store) = crate::temp_store();
    let (p, r1, r2) = project_at_planning(&mut store);

    let r = refusal(&store, p, ActionKind::ConfirmStagePlan);
    assert_eq!(r.code, "stage_dates", "{}", r.message.ru);
    store.save_planned_stage(p, &dated(1, "Вход")).unwrap();
    store.save_planned_stage(p, &dated(2, "Отчёты")).unwrap();

    let r = refusal(&store, p, ActionKind::ConfirmStagePlan);
    assert_eq!(r.code, "requirements_unassigned");
    assert!(
        r.message.ru.contains(&format!("{r1}, {r2}")),
        "{}",
        r.message.ru
    );

    // An end before the start is refused and the stored dates stay.
    let mut reversed = dated(2, "Отчёты");
    reversed.planned_end = "2026-11-20".into();
    let e = store.save_planned_stage(p, &reversed).unwrap_err();
    assert_eq!(code(e), "stage_dates");
    assert_eq!(
        store.stage_plan(p).unwrap().stages[1].planned_end,
        "2026-12-15"
    );

    store.place_requirement(p, &r1, Some(1), "").unwrap();
    let e = store.place_requirement(p, &r2, None, " ").unwrap_err();
    assert_eq!(code(e), "exclusion_reason");
    store
        .place_requirement(p, &r2, None, "Перенесено во второй договор")
        .unwrap();
    // Placed again, it leaves the exclusion: one place only.
    let plan = store.place_requirement(p, &r2, Some(2), "").unwrap();
    assert_eq!(plan.stages[1].requirements, std::slice::from_ref(&r2));
    assert!(plan.excluded.is_empty());

    // Stage 1 defaults to its item (10 h × 3 000 ₽), stage 2 to nothing. A price set
    // by hand for stage 2 makes the shares miss the accepted offer's total, and the
    // guard names the difference to the kopeck.
    let plan_check = store.stage_plan_check(p).unwrap();
    let offer = plan_check.shares.as_ref().expect("an accepted offer").offer;
    assert_eq!(plan_check.prices[0].amount(), Decimal::from(30_000));
    let mut priced = dated(2, "Отчёты");
    priced.price = Some(Money::new(Decimal::new(500_001, 2), offer.currency));
    store.save_planned_stage(p, &priced).unwrap();
    let r = refusal(&store, p, ActionKind::ConfirmStagePlan);
    assert_eq!(r.code, "shares_mismatch");
    let off = offer.amount() - Decimal::new(3_500_001, 2);
    let shown = Money::new(off.abs(), offer.currency).format(Lang::Ru);
    assert!(r.message.ru.contains(&shown), "{shown}: {}", r.message.ru);

    priced.price = Some(Money::new(
        offer.amount() - Decimal::from(30_000),
        offer.currency,
    ));
    store.save_planned_stage(p, &priced).unwrap();
    assert!(check(&store, p, ActionKind::ConfirmStagePlan).is_ok());
}

/// Walks the project of [`project_at_planning`] to stage 1's coding, plan settled.
pub fn project_in_development(store: &mut Store) -> (i64, String, String) {
    let (p, r1, r2) = project_at_planning(store);
    store.save_planned_stage(p, &dated(1, "Вход")).unwrap();
    store.save_planned_stage(p, &dated(2, "Отчёты")).unwrap();
    store.place_requirement(p, &r1, Some(1), "").unwrap();
    store.place_requirement(p, &r2, Some(2), "").unwrap();
    store.advance(p, ActionKind::ConfirmStagePlan, "").unwrap();
    for mut item in store.environment(p).unwrap() {
        item.status = ItemStatus::Done;
        if item.credential {
            item.secret_location = "KeePass, группа «Портал»".into();
        }
        store.save_environment_item(p, &item).unwrap();
    }
    store.advance(p, ActionKind::EnvironmentReady, "").unwrap();
    (p, r1, r2)
}

#[test]
fn the_environment_starts_from_the_seed_list_refuses_secrets_and_blocks_until_done() {
    let (_dir, mut store) = crate::temp_store();
    let (p, r1, r2) = project_at_planning(&mut store);
    store.save_planned_stage(p, &dated(1, "Вход")).unwrap();
    store.save_planned_stage(p, &dated(2, "Отчёты")).unwrap();
    store.place_requirement(p, &r1, Some(1), "").unwrap();
    store.place_requirement(p, &r2, Some(2), "").unwrap();
    store.advance(p, ActionKind::ConfirmStagePlan, "").unwrap();

    let items = store.environment(p).unwrap();
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    assert!(
        titles.contains(&"Учётные записи и доступы: Анна"),
        "{titles:?}"
    );
    assert!(titles.contains(&"Резервное копирование кода"));
    let r = refusal(&store, p, ActionKind::EnvironmentReady);
    assert_eq!(r.code, "environment_incomplete");
    assert!(r.message.ru.contains("Репозитории"), "{}", r.message.ru);

    let mut access = items.iter().find(|i| i.credential).unwrap().clone();
    access.status = ItemStatus::Done;
    access.secret_location = "postgres://app:S3cret@db/app".into();
    let e = store.save_environment_item(p, &access).unwrap_err();
    assert_eq!(code(e), "looks_like_secret");
    let stored = store.environment(p).unwrap();
    assert_eq!(
        stored.iter().find(|i| i.id == access.id).unwrap().status,
        ItemStatus::Todo
    );

    for mut item in stored {
        item.status = if item.title.contains("ВМ") {
            ItemStatus::NotNeeded
        } else {
            ItemStatus::Done
        };
        if item.credential {
            item.secret_location = "Vault: kv/portal/anna".into();
        }
        store.save_environment_item(p, &item).unwrap();
    }
    assert!(check(&store, p, ActionKind::EnvironmentReady).is_ok());
}

#[test]
fn a_stage_cycle_with_work_log_bugs_and_acceptance_freezes_the_stage() {
    let (dir, mut store) = crate::temp_store();
    let (p, r1, _) = project_in_development(&mut store);
    let work = WorkEntry {
        stage: 1,
        date: "2026-12-02".into(),
        who: "Анна".into(),
        hours: Decimal::from(6),
        reference: "feature/login".into(),
        ..WorkEntry::default()
    };
    for (hours, code_) in [(-3, "hours_not_positive"), (30, "hours_too_many")] {
        let e = store
            .log_work(
                p,
                &WorkEntry {
                    hours: Decimal::from(hours),
                    ..work.clone()
                },
            )
            .unwrap_err();
        assert_eq!(code(e), code_);
    }
    // Who worked is a member of the team of 1.6 (Анна); a stranger is refused, nothing kept.
    let e = store
        .log_work(
            p,
            &WorkEntry {
                who: "Борис".into(),
                ..work.clone()
            },
        )
        .unwrap_err();
    assert_eq!(code(e), "who_not_in_team");
    assert!(store.work_log(p).unwrap().is_empty());
    assert_eq!(store.log_work(p, &work).unwrap().len(), 1);
    store.advance(p, ActionKind::SubmitToTesting, "").unwrap();

    // 2.4: a bug without a title is refused; a major one keeps the stage in testing.
    let bug = Bug {
        stage: 1,
        title: "Вход не работает с ё в пароле".into(),
        severity: Severity::Major,
        requirement: r1.clone(),
        ..Bug::default()
    };
    let e = store
        .save_bug(
            p,
            &Bug {
                title: " ".into(),
                ..bug.clone()
            },
        )
        .unwrap_err();
    assert_eq!(code(e), "bug_title");
    assert_eq!(
        refusal(&store, p, ActionKind::ReportBugs).code,
        "no_open_bugs"
    );
    let bugs = store.save_bug(p, &bug).unwrap();
    let r = refusal(&store, p, ActionKind::PassTesting);
    assert_eq!(r.code, "blocking_bugs");
    assert!(r
        .message
        .ru
        .contains("№1 «Вход не работает с ё в пароле» (серьёзный)"));
    store.advance(p, ActionKind::ReportBugs, "Вход").unwrap();

    // Fixed, then verified in the next round; a jump to verified is refused.
    let e = store
        .save_bug(
            p,
            &Bug {
                status: BugStatus::Verified,
                ..bugs[0].clone()
            },
        )
        .unwrap_err();
    assert_eq!(code(e), "bug_status");
    let bugs = store
        .save_bug(
            p,
            &Bug {
                status: BugStatus::Fixed,
                ..bugs[0].clone()
            },
        )
        .unwrap();
    store.advance(p, ActionKind::SubmitToTesting, "").unwrap();
    store
        .save_bug(
            p,
            &Bug {
                status: BugStatus::Verified,
                ..bugs[0].clone()
            },
        )
        .unwrap();
    assert!(check(&store, p, ActionKind::PassTesting).is_ok());
    store.advance(p, ActionKind::PassTesting, "").unwrap();
    store
        .add_adjustment(
            p,
            &Adjustment {
                stage: 1,
                what: "Увеличена память ВМ тестов".into(),
                who: "Анна".into(),
                bug: Some(1),
                ..Adjustment::default()
            },
        )
        .unwrap();
    let e = store
        .add_adjustment(
            p,
            &Adjustment {
                stage: 1,
                what: "Открыт порт".into(),
                who: "Дежурный админ".into(),
                ..Adjustment::default()
            },
        )
        .unwrap_err();
    assert_eq!(code(e), "who_not_in_team");
    let adj = store.adjustments(p).unwrap();
    assert_eq!(adj.len(), 1, "the refused adjustment is not kept");
    assert_eq!((adj[0].stage, adj[0].bug), (1, Some(1)));
    store.advance(p, ActionKind::FinishAdjustments, "").unwrap();

    // 2.6: a malformed commit is refused; a requirement not accepted is a defect.
    let mut a = Acceptance {
        stage: 1,
        checks: vec![RequirementCheck {
            requirement: r1.clone(),
            verified: false,
            note: "Нет восстановления пароля".into(),
        }],
        code_ref: "zz 12".into(),
        accepted_on: "2026-12-16".into(),
        accepted_by: "Мария".into(),
    };
    let e = store.save_acceptance(p, &a).unwrap_err();
    assert_eq!(code(e), "code_ref_invalid");
    a.code_ref = "A1B2C3D".into();
    store.save_acceptance(p, &a).unwrap();
    let r = refusal(&store, p, ActionKind::AcceptStage);
    assert_eq!(r.code, "requirements_not_verified");
    assert!(r.message.ru.contains(&r1));
    assert!(check(&store, p, ActionKind::ReportDefects).is_ok());
    a.checks[0].verified = true;
    let saved = store.save_acceptance(p, &a).unwrap();
    assert_eq!(saved.code_ref, "A1B2C3D");
    assert!(check(&store, p, ActionKind::AcceptStage).is_ok());
    let s = store.advance(p, ActionKind::AcceptStage, "").unwrap();
    assert_eq!((s.state.step, s.state.stage), (Step::Coding, 2));

    // Estimated (the linked item's 10 h) against logged hours, and the rounds.
    let progress = store.development_progress(p).unwrap();
    assert_eq!(
        (progress.hours[0].estimated, progress.hours[0].logged),
        (Decimal::from(10), Decimal::from(6))
    );
    let r = progress.rounds[0];
    assert_eq!(
        (
            r.stage,
            r.qa_rounds,
            r.bug_rounds,
            r.defect_rounds,
            r.accepted
        ),
        (1, 2, 1, 0, true)
    );

    // Stage 1 is frozen: a second acceptance, more work, a new bug are refused.
    let e = store.save_acceptance(p, &a).unwrap_err();
    assert_eq!(code(e), "stage_frozen");
    assert_eq!(code(store.log_work(p, &work).unwrap_err()), "stage_frozen");
    assert_eq!(code(store.save_bug(p, &bug).unwrap_err()), "stage_frozen");
    let e = store
        .save_planned_stage(p, &dated(1, "Другое"))
        .unwrap_err();
    assert_eq!(code(e), "stage_frozen");
    // Stage 2 is still open to work.
    assert_eq!(
        store
            .log_work(
                p,
                &WorkEntry {
                    stage: 2,
                    ..work.clone()
                }
            )
            .unwrap()
            .len(),
        2
    );

    // The database itself refuses, whatever the caller.
    let raw = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    for sql in [
        "UPDATE stages SET title = 'x' WHERE number = 1",
        "DELETE FROM work_log WHERE stage_id = (SELECT id FROM stages WHERE number = 1)",
        "UPDATE acceptances SET code_ref = 'v9' WHERE stage_id = (SELECT id FROM stages WHERE number = 1)",
        "UPDATE bugs SET status = 'open'",
    ] {
        let err = raw.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("frozen"), "{sql}: {err}");
    }
}

#[test]
fn a_fix_stage_after_a_rollback_gets_its_own_row() {
    let (_dir, mut store) = crate::temp_store();
    let (p, _, _) = project_in_development(&mut store);
    for _ in 0..2 {
        for kind in [
            ActionKind::SubmitToTesting,
            ActionKind::PassTesting,
            ActionKind::FinishAdjustments,
            ActionKind::AcceptStage,
        ] {
            crate::step(&mut store, p, kind, "").unwrap();
        }
    }
    let e = crate::step(&mut store, p, ActionKind::StartFixStage, "Миграция БД").unwrap_err();
    assert_eq!(e.code(), "no_rollback");
    crate::step(&mut store, p, ActionKind::Deploy, "").unwrap();
    crate::step(&mut store, p, ActionKind::RollBack, "Миграция БД упала").unwrap();
    let s = crate::step(&mut store, p, ActionKind::StartFixStage, "Миграция БД").unwrap();
    assert_eq!(
        (s.state.step, s.state.stage, s.state.stages_total),
        (Step::Coding, 3, 3)
    );
    let plan = store.stage_plan(p).unwrap();
    assert_eq!(plan.stages[2].title, "Исправления: Миграция БД");
    assert_eq!(store.replayed_state(p).unwrap(), s.state);
}

#[test]
fn an_addendum_shows_the_requirements_to_place() {
    let (_dir, mut store) = crate::temp_store();
    let (p, r1, r2) = project_in_development(&mut store);
    assert!(store.plan_addendum(p).unwrap().is_empty());
    let v = store.new_spec_version(p).unwrap();
    let first = v.content.sections[0].key;
    let v = store.add_requirement(v.id, first).unwrap();
    let mut content = v.content.clone();
    let reqs = &mut content.sections[0].requirements;
    reqs.retain(|r| r.id != r1);
    reqs[0].text = "Отчёты в PDF".into();
    reqs[1].text = "Экспорт в Excel".into();
    let added = reqs[1].id.clone();
    store.save_spec(v.id, &content).unwrap();
    store.approve_spec(v.id, "Менеджер").unwrap();
    let a = store.plan_addendum(p).unwrap();
    assert_eq!(a.added, std::slice::from_ref(&added));
    assert_eq!(a.changed, [(r2, Some(2))]);
    assert_eq!(a.removed, [(r1, Some(1))]);
    // The new requirement is in no stage yet: the plan check names it.
    assert_eq!(store.stage_plan_check(p).unwrap().unassigned, [added]);
}

#[test]
fn stages_are_reordered_and_split_at_planning_only() {
    let (_dir, mut store) = crate::temp_store();
    let (p, r1, r2) = project_at_planning(&mut store);
    store.add_stage(p, "Запуск").unwrap();
    store.place_requirement(p, &r1, Some(1), "").unwrap();
    store.place_requirement(p, &r2, Some(1), "").unwrap();
    let mut priced = dated(1, "Вход и отчёты");
    priced.price = Some(Money::new(
        Decimal::from(100),
        etap_domain::money::Currency::Rub,
    ));
    store.save_planned_stage(p, &priced).unwrap();

    let plan = store
        .split_stage(p, 1, std::slice::from_ref(&r2), "Отчёты")
        .unwrap();
    let shape: Vec<(u32, &str, Vec<String>)> = plan
        .stages
        .iter()
        .map(|s| (s.number, s.title.as_str(), s.requirements.clone()))
        .collect();
    assert_eq!(
        shape,
        [
            (1, "Вход и отчёты", vec![r1.clone()]),
            (2, "Отчёты", vec![r2.clone()]),
            (3, "Отчёты", vec![]),
            (4, "Запуск", vec![]),
        ]
    );
    // A price set by hand was for the whole: both halves take their defaults again.
    assert_eq!(plan.stages[0].price, None);

    let plan = store.reorder_stages(p, 4, 1).unwrap();
    let titles: Vec<&str> = plan.stages.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Запуск", "Вход и отчёты", "Отчёты", "Отчёты"]);
    assert_eq!(plan.stages[1].requirements, std::slice::from_ref(&r1));
    let e = store.reorder_stages(p, 5, 1).unwrap_err();
    assert_eq!(e.code(), "stage_not_found");

    // Once confirmed, the shape is fixed; titles may still change.
    for n in 1..=4 {
        store
            .save_planned_stage(p, &dated(n, &plan.stages[n as usize - 1].title))
            .unwrap();
    }
    store.advance(p, ActionKind::ConfirmStagePlan, "").unwrap();
    let e = store.reorder_stages(p, 2, 1).unwrap_err();
    assert_eq!(e.code(), "plan_confirmed");
    let e = store.split_stage(p, 2, &[r1], "Половина").unwrap_err();
    assert_eq!(e.code(), "plan_confirmed");
    assert_eq!(store.stage_plan(p).unwrap().stages.len(), 4);
}

/// A database from before the development records (schema 7) with a project in its
/// second stage: the migration freezes stage 1, which the project had accepted.
#[test]
fn the_migration_freezes_stages_accepted_before_it() {
    use etap_storage::migrations;
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        migrations::migrations().to_version(&mut conn, 7).unwrap();
        conn.execute_batch(
            "INSERT INTO clients (id, name, created_at) VALUES (1, 'ООО «Ёж»', '2026-01-01');
             INSERT INTO projects (id, client_id, title, step, round, stage, stages_total,
                 created_at, updated_at)
             VALUES (1, 1, 'Учёт', 'testing', 1, 2, 3, '2026-01-01', '2026-01-01');
             INSERT INTO stages (project_id, number, title) VALUES (1, 1, 'А'), (1, 2, 'Б'),
                 (1, 3, 'В');
             INSERT INTO team_members (project_id, name, devops, developer, tester)
             VALUES (1, 'Анна', 1, 1, 1);",
        )
        .unwrap();
    }
    let mut store = Store::open_dir(dir.path()).unwrap();
    let work = WorkEntry {
        stage: 1,
        date: "2026-12-02".into(),
        who: "Анна".into(),
        hours: Decimal::from(1),
        ..WorkEntry::default()
    };
    // Refused by the database itself, not only by the domain's check.
    let raw = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    let err = raw
        .execute("UPDATE stages SET title = 'x' WHERE number = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("frozen"), "{err}");
    raw.execute("UPDATE stages SET title = 'Б2' WHERE number = 2", [])
        .unwrap();
    assert_eq!(store.log_work(1, &work).unwrap_err().code(), "stage_frozen");
    assert!(store.log_work(1, &WorkEntry { stage: 2, ..work }).is_ok());
}

#[test]
fn a_stage_price_typed_in_the_window_is_parsed_or_refused_in_words() {
    let (_dir, mut store) = crate::temp_store();
    let (p, _, _) = project_at_planning(&mut store);
    let stage = dated(2, "Отчёты");
    for typed in ["сто тысяч", "-5"] {
        let e = store
            .save_planned_stage_typed(p, &stage, typed)
            .unwrap_err();
        assert_eq!(e.code(), "bad_amount", "{typed}");
        assert!(e.message().ru.contains(typed), "{}", e.message().ru);
    }
    // Nothing half-saved: the stage keeps its default price.
    assert_eq!(store.stage_plan(p).unwrap().stages[1].price, None);
    let plan = store
        .save_planned_stage_typed(p, &stage, "50 000,01")
        .unwrap();
    assert_eq!(
        plan.stages[1].price.map(|m| m.amount()),
        Some(Decimal::new(5_000_001, 2))
    );
    let plan = store.save_planned_stage_typed(p, &stage, " ").unwrap();
    assert_eq!(
        plan.stages[1].price, None,
        "empty takes the estimate's default"
    );
}

#[test]
fn a_stage_keeps_showing_its_estimate_default_beside_a_price_set_by_hand() {
    let (_dir, mut store) = crate::temp_store();
    let (p, r1, _) = project_at_planning(&mut store);
    store.place_requirement(p, &r1, Some(1), "").unwrap();
    store
        .save_planned_stage_typed(p, &dated(1, "Вход"), "1 000")
        .unwrap();
    let defaults = store.stage_default_prices(p).unwrap();
    // 10 h × 3 000 ₽ of the item ТР-1 links to; stage 2 has no requirement yet.
    assert_eq!(
        defaults
            .iter()
            .map(|m| m.map(|m| m.amount()))
            .collect::<Vec<_>>(),
        vec![Some(Decimal::from(30_000)), Some(Decimal::ZERO)]
    );
    assert_eq!(
        store.stage_plan_check(p).unwrap().prices[0].amount(),
        Decimal::from(1_000)
    );
}

/// `Store::advance` itself — what the window and the CLI call — decides 2.1–3.3 with
/// the records: each step is refused with its guard's code while they are missing,
/// nothing is recorded, and it passes once they are filled.
#[test]
fn the_app_refuses_every_delivery_step_whose_records_are_missing() {
    let (_dir, mut store) = crate::temp_store();
    let (p, _, _) = project_at_planning(&mut store);
    let refused = |store: &mut Store, kind: ActionKind, comment: &str, want: &str| {
        let before = store.history(p).unwrap().len();
        let e = store.advance(p, kind, comment).unwrap_err();
        assert_eq!(e.code(), want, "{kind:?}: {}", e.message().ru);
        assert_eq!(store.history(p).unwrap().len(), before);
        let page = store.project_page(p).unwrap();
        let opt = page.map.options.iter().find(|o| o.kind == kind).unwrap();
        assert_eq!(opt.blocked.as_ref().map(|b| b.code), Some(want));
    };
    refused(&mut store, ActionKind::ConfirmStagePlan, "", "stage_dates");
    crate::step(&mut store, p, ActionKind::ConfirmStagePlan, "").unwrap();
    refused(
        &mut store,
        ActionKind::EnvironmentReady,
        "",
        "environment_incomplete",
    );
    crate::step(&mut store, p, ActionKind::EnvironmentReady, "").unwrap();
    store.advance(p, ActionKind::SubmitToTesting, "").unwrap();
    refused(&mut store, ActionKind::ReportBugs, "Падает", "no_open_bugs");
    crate::step(&mut store, p, ActionKind::ReportBugs, "Падает").unwrap();
    store.advance(p, ActionKind::SubmitToTesting, "").unwrap();
    refused(&mut store, ActionKind::PassTesting, "", "blocking_bugs");
    crate::step(&mut store, p, ActionKind::PassTesting, "").unwrap();
    store.advance(p, ActionKind::FinishAdjustments, "").unwrap();
    refused(
        &mut store,
        ActionKind::AcceptStage,
        "",
        "requirements_unchecked",
    );
    refused(
        &mut store,
        ActionKind::ReportDefects,
        "Не так",
        "no_defects_marked",
    );
    crate::step(&mut store, p, ActionKind::AcceptStage, "").unwrap();
    for kind in [
        ActionKind::SubmitToTesting,
        ActionKind::PassTesting,
        ActionKind::FinishAdjustments,
        ActionKind::AcceptStage,
    ] {
        crate::step(&mut store, p, kind, "").unwrap();
    }
    assert_eq!(store.project(p).unwrap().state.step, Step::Deployment);
    refused(
        &mut store,
        ActionKind::Deploy,
        "",
        "deployment_plan_missing",
    );
    crate::step(&mut store, p, ActionKind::Deploy, "").unwrap();
    refused(&mut store, ActionKind::SwitchOver, "", "db_archive_missing");
    crate::step(&mut store, p, ActionKind::SwitchOver, "").unwrap();
    refused(
        &mut store,
        ActionKind::Close,
        "",
        "support_handover_incomplete",
    );
    crate::step(&mut store, p, ActionKind::Close, "").unwrap();
    assert_eq!(store.replayed_state(p).unwrap().step, Step::Closed);
}

#[test]
fn the_approved_requirements_come_with_their_text_for_the_stage_screens() {
    let (_dir, mut store) = crate::temp_store();
    let c = store.create_client("ООО «Ромашка»").unwrap();
    let fresh = store.create_project(c.id, "Без ТЗ").unwrap().id;
    assert!(store.approved_requirements(fresh).unwrap().is_empty());
    let (p, first, second) = project_at_planning(&mut store);
    let reqs = store.approved_requirements(p).unwrap();
    let named: Vec<(&str, &str)> = reqs
        .iter()
        .map(|r| (r.id.as_str(), r.text.as_str()))
        .collect();
    assert_eq!(
        named,
        [
            (first.as_str(), "Вход по паролю"),
            (second.as_str(), "Отчёты")
        ]
    );
    assert_eq!(
        store.approved_requirements(9999).unwrap_err().code(),
        "not_found"
    );
}
