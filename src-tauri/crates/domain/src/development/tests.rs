//! Unit tests of the development rules, one per rule a manager would notice.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;
use crate::estimate::{Estimate, EstimateItem, Estimator, Hours};
use crate::lifecycle::{Action, ProjectState, Step};
use crate::money::{Currency, Money, VatMode};
use crate::preparation::TeamMember;
use crate::spec::{Priority, Requirement, SpecContent, SpecSection};
use crate::text::Lang;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn req(id: &str, items: &[i64]) -> Requirement {
    Requirement {
        id: id.into(),
        text: format!("Текст {id}"),
        priority: Priority::Must,
        acceptance: String::new(),
        estimate_items: items.to_vec(),
    }
}

fn content(reqs: Vec<Requirement>) -> SpecContent {
    SpecContent {
        lang: Lang::Ru,
        sections: vec![SpecSection {
            key: 1,
            title: "Требования".into(),
            required: false,
            body: String::new(),
            requirements: reqs,
            children: vec![],
        }],
    }
}

fn estimate() -> Estimate {
    let item = |key: u32, hours: &str, rate: &str| EstimateItem {
        id: key as i64,
        key,
        title: format!("Работа {key}"),
        requirement: String::new(),
        hours: Hours::Single { hours: d(hours) },
        rate: d(rate),
    };
    Estimate {
        id: 1,
        version: 1,
        round: 1,
        estimated_by: Estimator::Manager,
        discount_percent: d("0"),
        vat: VatMode::Exempt {
            reason: "УСН".into(),
        },
        currency: Currency::Rub,
        // 10 × 3 333,333 = 33 333,33; 5 × 2 000 = 10 000; 1 × 0,005 = 0,01 (rounded once)
        items: vec![
            item(1, "10", "3333.333"),
            item(2, "5", "2000"),
            item(3, "1", "0.005"),
        ],
    }
}

fn stage(number: u32, reqs: &[&str]) -> PlannedStage {
    PlannedStage {
        id: i64::from(number),
        number,
        title: format!("Этап {number}"),
        features: vec![],
        planned_start: "2026-12-01".into(),
        planned_end: "2026-12-20".into(),
        requirements: reqs.iter().map(|s| s.to_string()).collect(),
        price: None,
    }
}

fn rub(s: &str) -> Money {
    Money::new(d(s), Currency::Rub)
}

fn dev_state(step: Step, stage: u32, total: u32) -> ProjectState {
    ProjectState {
        step,
        stage,
        stages_total: total,
        ..ProjectState::initial()
    }
}

#[test]
fn the_guard_names_requirements_in_no_stage() {
    let c = content(vec![
        req("ТР-1.1", &[1]),
        req("ТР-1.2", &[2]),
        req("ТР-1.3", &[]),
    ]);
    let plan = StagePlan {
        stages: vec![stage(1, &["ТР-1.1"])],
        excluded: vec![],
    };
    let r = plan_refusal(&check_plan(&plan, &c, Some(&estimate()), None)).unwrap();
    assert_eq!(r.code, "requirements_unassigned");
    assert!(r.message.ru.contains("ТР-1.2, ТР-1.3"), "{}", r.message.ru);
    assert!(r.message.en.contains("ТР-1.2, ТР-1.3"));

    let plan = StagePlan {
        stages: vec![stage(1, &["ТР-1.1", "ТР-1.2"])],
        excluded: vec![Exclusion {
            requirement: "ТР-1.3".into(),
            reason: " ".into(),
        }],
    };
    let r = plan_refusal(&check_plan(&plan, &c, Some(&estimate()), None)).unwrap();
    assert_eq!(r.code, "exclusion_reason");
    assert!(r.message.ru.contains("ТР-1.3"));
}

#[test]
fn a_requirement_in_two_stages_or_unknown_is_named() {
    let c = content(vec![req("ТР-1.1", &[1]), req("ТР-1.2", &[2])]);
    let plan = StagePlan {
        stages: vec![stage(1, &["ТР-1.1", "ТР-1.2"]), stage(2, &["ТР-1.2"])],
        excluded: vec![],
    };
    let r = plan_refusal(&check_plan(&plan, &c, None, None)).unwrap();
    assert_eq!(r.code, "requirement_twice");
    assert!(r.message.ru.contains("ТР-1.2 (1, 2)"), "{}", r.message.ru);
    let plan = StagePlan {
        stages: vec![stage(1, &["ТР-1.1", "ТР-1.2", "ТР-9.9"])],
        excluded: vec![],
    };
    let r = plan_refusal(&check_plan(&plan, &c, None, None)).unwrap();
    assert_eq!(r.code, "requirement_unknown");
    assert!(r.message.en.contains("ТР-9.9 (1)"));
}

#[test]
fn a_stage_price_is_the_exact_sum_of_its_items_each_once() {
    // Two requirements priced in the same item 1 count it once.
    let c = content(vec![
        req("ТР-1.1", &[1]),
        req("ТР-1.2", &[1, 3]),
        req("ТР-1.3", &[2]),
    ]);
    let e = estimate();
    let s1 = stage(1, &["ТР-1.1", "ТР-1.2"]);
    assert_eq!(default_price(&s1, &c, &e).unwrap(), rub("33333.34"));
    assert_eq!(estimated_hours(&s1, &c, &e), d("11"));
    let manual = PlannedStage {
        price: Some(rub("5")),
        ..s1.clone()
    };
    assert_eq!(stage_price(&manual, &c, &e).unwrap(), rub("5"));
}

#[test]
fn shares_must_add_up_to_the_offer_to_the_kopeck() {
    let c = content(vec![req("ТР-1.1", &[1, 3]), req("ТР-1.2", &[2])]);
    let e = estimate();
    let plan = StagePlan {
        stages: vec![stage(1, &["ТР-1.1"]), stage(2, &["ТР-1.2"])],
        excluded: vec![],
    };
    // 33 333,34 + 10 000,00 = 43 333,34
    assert!(check_plan(&plan, &c, Some(&e), Some(rub("43333.34"))).is_ok());
    let r = plan_refusal(&check_plan(&plan, &c, Some(&e), Some(rub("43333.35")))).unwrap();
    assert_eq!(r.code, "shares_mismatch");
    assert!(
        r.message.ru.contains("не хватает 0,01\u{a0}₽"),
        "{}",
        r.message.ru
    );
    assert!(
        r.message.en.contains("short by RUB") && r.message.en.ends_with("0.01."),
        "{}",
        r.message.en
    );
    let mut over = plan.clone();
    over.stages[1].price = Some(rub("20000"));
    let r = plan_refusal(&check_plan(&over, &c, Some(&e), Some(rub("43333.34")))).unwrap();
    assert!(
        r.message.ru.contains("лишние 10\u{a0}000,00\u{a0}₽"),
        "{}",
        r.message.ru
    );
}

#[test]
fn an_end_before_the_start_is_refused_with_both_dates() {
    let r = check_stage_dates("2026-12-10", "2026-12-01").unwrap_err();
    assert_eq!(r.code, "stage_dates");
    assert!(r.message.ru.contains("01.12.2026") && r.message.ru.contains("10.12.2026"));
    assert!(check_stage_dates("2026-12-10", "2026-12-10").is_ok());
    assert_eq!(
        check_stage_dates("", "2026-12-10").unwrap_err().code,
        "date_missing"
    );
    assert_eq!(
        check_stage_dates("2026-02-30", "2026-12-10")
            .unwrap_err()
            .code,
        "date_invalid"
    );
    let c = content(vec![req("ТР-1.1", &[])]);
    let mut s = stage(2, &["ТР-1.1"]);
    s.planned_end = "2026-11-01".into();
    let plan = StagePlan {
        stages: vec![s],
        excluded: vec![],
    };
    let r = plan_refusal(&check_plan(&plan, &c, None, None)).unwrap();
    assert_eq!(
        r.message.ru,
        "Даты этапов не в порядке — этап 2: окончание этапа (01.11.2026) раньше его начала \
         (01.12.2026): поправьте одну из дат."
    );
}

#[test]
fn reorder_rename_and_split_renumber_and_spare_accepted_stages() {
    let plan = StagePlan {
        stages: vec![
            stage(1, &["ТР-1.1"]),
            stage(2, &["ТР-1.2", "ТР-1.3"]),
            stage(3, &[]),
        ],
        excluded: vec![],
    };
    let planning = dev_state(Step::StagePlanning, 0, 0);
    let p = reorder(&plan, 3, 1, &planning).unwrap();
    let titles: Vec<(u32, &str)> = p
        .stages
        .iter()
        .map(|s| (s.number, s.title.as_str()))
        .collect();
    assert_eq!(titles, [(1, "Этап 3"), (2, "Этап 1"), (3, "Этап 2")]);
    let p = rename(&plan, 2, "  Оплата  ", &planning).unwrap();
    assert_eq!(p.stages[1].title, "Оплата");
    assert_eq!(rename(&plan, 2, " ", &planning).unwrap_err().code, "empty");
    let mut priced = plan.clone();
    priced.stages[1].price = Some(rub("100"));
    let p = split(&priced, 2, &["ТР-1.3".into()], "Отчёты", &planning).unwrap();
    assert_eq!(p.stages.len(), 4);
    assert_eq!(p.stages[1].requirements, ["ТР-1.2"]);
    assert_eq!(p.stages[2].requirements, ["ТР-1.3"]);
    assert_eq!((p.stages[2].number, p.stages[3].number), (3, 4));
    assert_eq!(p.stages[1].price, None);
    assert_eq!(
        split(
            &plan,
            2,
            &["ТР-1.2".into(), "ТР-1.3".into()],
            "Всё",
            &planning
        )
        .unwrap_err()
        .code,
        "split_invalid"
    );
    // Once the plan is confirmed the lifecycle counts and runs the stages in order:
    // no more moves or splits; stage 1 accepted cannot even be renamed.
    let in_stage_2 = dev_state(Step::Coding, 2, 3);
    let r = reorder(&plan, 3, 2, &in_stage_2).unwrap_err();
    assert_eq!(r.code, "plan_confirmed");
    assert!(r.message.ru.contains("2.1"));
    assert_eq!(
        split(&plan, 3, &[], "Ещё", &in_stage_2).unwrap_err().code,
        "plan_confirmed"
    );
    assert!(rename(&plan, 3, "Отчёты и экспорт", &in_stage_2).is_ok());
    let r = rename(&plan, 1, "Новое", &in_stage_2).unwrap_err();
    assert!(r.message.ru.contains("Этап 1 принят"));
    assert_eq!(
        reorder(&plan, 4, 1, &planning).unwrap_err().code,
        "stage_not_found"
    );
}

#[test]
fn accepted_stages_are_frozen_and_the_rest_editable() {
    assert_eq!(accepted_stages(&dev_state(Step::StagePlanning, 0, 0)), 0);
    assert_eq!(accepted_stages(&dev_state(Step::Coding, 1, 2)), 0);
    assert_eq!(accepted_stages(&dev_state(Step::StageAcceptance, 2, 2)), 1);
    assert_eq!(accepted_stages(&dev_state(Step::Deployment, 2, 2)), 2);
    assert_eq!(accepted_stages(&dev_state(Step::Closed, 3, 3)), 3);
    let s = dev_state(Step::Testing, 2, 2);
    assert_eq!(stage_editable(1, &s).unwrap_err().code, "stage_frozen");
    assert!(stage_editable(2, &s).is_ok());
}

#[test]
fn an_addendum_names_what_to_place() {
    let old = content(vec![req("ТР-1.1", &[1]), req("ТР-1.2", &[2])]);
    let mut changed = req("ТР-1.2", &[2]);
    changed.text = "Новый текст".into();
    let mut new = content(vec![changed, req("ТР-1.3", &[])]);
    // ТР-1.1 is not removed when it only moved to another section.
    new.sections.push(SpecSection {
        key: 2,
        title: "Ещё".into(),
        required: false,
        body: String::new(),
        requirements: vec![req("ТР-1.1", &[1])],
        children: vec![],
    });
    new.sections[0].requirements.retain(|r| r.id != "ТР-1.1");
    let plan = StagePlan {
        stages: vec![stage(1, &["ТР-1.1"]), stage(2, &["ТР-1.2"])],
        excluded: vec![],
    };
    let a = addendum(&plan, &old, &new);
    assert_eq!(a.added, ["ТР-1.3"]);
    assert_eq!(a.changed, [("ТР-1.2".to_string(), Some(2))]);
    assert!(a.removed.is_empty());
    let gone = content(vec![req("ТР-1.2", &[2])]);
    let a = addendum(&plan, &old, &gone);
    assert_eq!(a.removed, [("ТР-1.1".to_string(), Some(1))]);
    assert!(addendum(&plan, &old, &old).is_empty());
}

#[test]
fn code_references_are_hashes_or_git_tags() {
    assert_eq!(
        parse_code_ref(" A1B2C3D ").unwrap(),
        CodeRef::Commit("a1b2c3d".into())
    );
    assert_eq!(
        parse_code_ref(&"f".repeat(40)).unwrap(),
        CodeRef::Commit("f".repeat(40))
    );
    assert_eq!(
        parse_code_ref("v1.2.0").unwrap(),
        CodeRef::Tag("v1.2.0".into())
    );
    assert_eq!(
        parse_code_ref("release/этап-1").unwrap(),
        CodeRef::Tag("release/этап-1".into())
    );
    // Short hex is a (strange but valid) tag name, not a hash.
    assert_eq!(parse_code_ref("abc").unwrap(), CodeRef::Tag("abc".into()));
    let r = parse_code_ref(&"a".repeat(41)).unwrap_err();
    assert!(r.message.ru.contains("41 цифр"), "{}", r.message.ru);
    for bad in [
        "v1..2", "v1 2", "tag~1", "x.lock", "-v1", "/v1", "v1/", "a@{1}", "v1.", ".v1", "a:b",
        "a*b",
    ] {
        let r = parse_code_ref(bad).unwrap_err();
        assert_eq!(r.code, "code_ref_invalid", "{bad}");
        assert!(
            r.message.ru.contains("не хеш коммита"),
            "{bad}: {}",
            r.message.ru
        );
    }
    assert_eq!(parse_code_ref("  ").unwrap_err().code, "code_ref_missing");
    assert!(parse_code_ref("v1 2")
        .unwrap_err()
        .message
        .en
        .contains("spaces"));
}

#[test]
fn secrets_are_refused_and_locations_pass() {
    for secret in [
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "AKIAIOSFODNN7EXAMPLE",
        "password=hunter22",
        "DB_PASSWORD=Sup3rS3cret",
        "пароль:qwerty123",
        "postgres://app:s3cret@db.local/app",
        "Server=db;User Id=sa;Pwd=Xy12345;",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        "токен: xoxb-123456789012-abcdefghijk",
    ] {
        assert!(looks_like_secret(secret), "{secret}");
    }
    for place in [
        "",
        "Vault: kv/prod/db",
        "~/.ssh/id_ed25519",
        "1Password, запись «Prod DB»",
        "пароль: в KeePass, группа «Клиент»",
        "op://Private/Prod DB/password",
        "https://vault.example.ru/ui/vault/secrets/kv/show/prod",
        "C:\\Users\\anna\\keys\\deploy.kdbx",
        "Доступ выдан всем разработчикам до 2026-12-31",
        "ExtraordinarilyLongProjectName2026",
    ] {
        assert!(!looks_like_secret(place), "{place}");
    }
    let item = ChecklistItem {
        title: "Доступы: Анна".into(),
        credential: true,
        secret_location: "password=hunter22".into(),
        ..ChecklistItem::default()
    };
    let r = check_item(&item, &[]).unwrap_err();
    assert_eq!(r.code, "looks_like_secret");
    assert!(r.message.ru.contains("не хранит секреты"));
    let done_without_place = ChecklistItem {
        secret_location: String::new(),
        status: ItemStatus::Done,
        ..item
    };
    assert_eq!(
        check_item(&done_without_place, &[]).unwrap_err().code,
        "secret_location_missing"
    );
}

fn member(id: i64, name: &str, devops: bool) -> TeamMember {
    TeamMember {
        id,
        name: name.into(),
        contact: String::new(),
        devops,
        developer: true,
        tester: true,
    }
}

#[test]
fn the_environment_starts_from_the_seed_list_and_blocks_until_settled() {
    let team = [member(1, "Анна", true), member(2, "Борис", false)];
    let items = default_environment(&team, Lang::Ru);
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    assert!(titles.contains(&"Учётные записи и доступы: Анна"));
    assert!(titles.contains(&"Учётные записи и доступы: Борис"));
    assert!(titles.contains(&"Резервное копирование БД"));
    assert_eq!(items.len(), EnvArea::ALL.len() - 1 + team.len());
    assert!(items.iter().all(|i| i.owner == Some(1)));
    assert_eq!(items.iter().filter(|i| i.credential).count(), 2);
    let mut items = items;
    for i in items.iter_mut() {
        i.status = ItemStatus::Done;
    }
    items[6].status = ItemStatus::NotNeeded;
    assert!(environment_refusal(&items).is_none());
    items[1].status = ItemStatus::Todo;
    let r = environment_refusal(&items).unwrap();
    assert_eq!(r.code, "environment_incomplete");
    assert!(
        r.message.ru.contains("Каналы связи команды"),
        "{}",
        r.message.ru
    );
    let en = default_environment(&[], Lang::En);
    assert_eq!(en.len(), EnvArea::ALL.len());
    assert!(en
        .iter()
        .any(|i| i.title == "Accounts and access" && i.credential));
    let stranger = ChecklistItem {
        title: "БД".into(),
        owner: Some(9),
        ..ChecklistItem::default()
    };
    assert_eq!(
        check_item(&stranger, &team).unwrap_err().code,
        "owner_unknown"
    );
}

#[test]
fn work_log_hours_are_above_zero_and_at_most_a_day() {
    let e = WorkEntry {
        stage: 1,
        date: "2026-12-02".into(),
        who: "Анна".into(),
        hours: d("7.5"),
        reference: "feature/login".into(),
        ..WorkEntry::default()
    };
    assert!(check_work_entry(&e, &anna()).is_ok());
    let r = check_work_entry(
        &WorkEntry {
            hours: d("-3"),
            ..e.clone()
        },
        &anna(),
    )
    .unwrap_err();
    assert_eq!(r.code, "hours_not_positive");
    assert!(r.message.ru.contains("-3"), "{}", r.message.ru);
    assert_eq!(
        check_work_entry(
            &WorkEntry {
                hours: d("0"),
                ..e.clone()
            },
            &anna()
        )
        .unwrap_err()
        .code,
        "hours_not_positive"
    );
    let r = check_work_entry(
        &WorkEntry {
            hours: d("240"),
            ..e.clone()
        },
        &anna(),
    )
    .unwrap_err();
    assert_eq!(r.code, "hours_too_many");
    assert!(r.message.ru.contains("240 ч") && r.message.ru.contains("24 ч"));
    assert!(check_work_entry(
        &WorkEntry {
            hours: d("24"),
            ..e.clone()
        },
        &anna()
    )
    .is_ok());
    assert_eq!(
        check_work_entry(
            &WorkEntry {
                who: " ".into(),
                ..e.clone()
            },
            &anna()
        )
        .unwrap_err()
        .code,
        "who_missing"
    );
    assert_eq!(
        check_work_entry(
            &WorkEntry {
                date: "02.12.2026".into(),
                ..e.clone()
            },
            &anna()
        )
        .unwrap_err()
        .code,
        "date_invalid"
    );
    assert_eq!(
        check_work_entry(
            &WorkEntry {
                reference: "my branch".into(),
                ..e.clone()
            },
            &anna()
        )
        .unwrap_err()
        .code,
        "ref_invalid"
    );
    let log = [
        e.clone(),
        WorkEntry {
            stage: 2,
            ..e.clone()
        },
        e,
    ];
    assert_eq!(logged_hours(&log, 1), d("15"));
}

fn bug(number: u32, severity: Severity, status: BugStatus) -> Bug {
    Bug {
        number,
        stage: 1,
        title: format!("Баг {number}"),
        severity,
        status,
        ..Bug::default()
    }
}

#[test]
fn open_critical_and_major_bugs_keep_the_stage_in_testing() {
    let bugs = [
        bug(1, Severity::Critical, BugStatus::Open),
        bug(2, Severity::Major, BugStatus::Fixed),
        bug(3, Severity::Minor, BugStatus::Open),
        bug(4, Severity::Major, BugStatus::Open),
    ];
    let r = testing_refusal(&bugs, 1).unwrap();
    assert_eq!(r.code, "blocking_bugs");
    assert!(
        r.message
            .ru
            .contains("№1 «Баг 1» (критический), №4 «Баг 4» (серьёзный)"),
        "{}",
        r.message.ru
    );
    assert!(testing_refusal(&bugs, 2).is_none());
    assert!(testing_refusal(&bugs[1..3], 1).is_none());
    assert!(report_bugs_refusal(&bugs, 1).is_none());
    assert_eq!(report_bugs_refusal(&bugs, 2).unwrap().code, "no_open_bugs");
}

#[test]
fn bugs_need_a_title_and_move_only_along_allowed_statuses() {
    let b = bug(7, Severity::Major, BugStatus::Open);
    assert!(check_bug(&b, &[]).is_ok());
    assert_eq!(
        check_bug(
            &Bug {
                title: "  ".into(),
                ..b.clone()
            },
            &[]
        )
        .unwrap_err()
        .code,
        "bug_title"
    );
    assert_eq!(
        check_bug(
            &Bug {
                requirement: "ТР-9".into(),
                ..b.clone()
            },
            &["ТР-1".into()]
        )
        .unwrap_err()
        .code,
        "bug_requirement"
    );
    let r = change_status(&b, BugStatus::Verified, "").unwrap_err();
    assert_eq!(r.code, "bug_status");
    assert!(
        r.message.ru.contains("из «открыт» в «проверен»"),
        "{}",
        r.message.ru
    );
    assert_eq!(
        change_status(&b, BugStatus::WontFix, " ").unwrap_err().code,
        "reason_required"
    );
    let w = change_status(&b, BugStatus::WontFix, " Так задумано ").unwrap();
    assert_eq!(
        (w.status, w.reason.as_str()),
        (BugStatus::WontFix, "Так задумано")
    );
    let f = change_status(&b, BugStatus::Fixed, "").unwrap();
    let v = change_status(&f, BugStatus::Verified, "").unwrap();
    assert_eq!(
        change_status(&v, BugStatus::Open, "").unwrap().status,
        BugStatus::Open
    );
    assert!(change_status(&v, BugStatus::Fixed, "").is_err());
    assert_eq!(
        check_bug(
            &Bug {
                status: BugStatus::WontFix,
                ..b
            },
            &[]
        )
        .unwrap_err()
        .code,
        "reason_required"
    );
}

#[test]
fn adjustments_say_what_who_and_which_bug() {
    let a = Adjustment {
        stage: 1,
        what: "Добавлена память ВМ".into(),
        who: "Анна".into(),
        bug: Some(1),
        ..Adjustment::default()
    };
    let bugs = [bug(1, Severity::Major, BugStatus::Open)];
    assert!(check_adjustment(&a, &bugs, &anna()).is_ok());
    assert_eq!(
        check_adjustment(&a, &[], &anna()).unwrap_err().code,
        "bug_not_found"
    );
    assert_eq!(
        check_adjustment(
            &Adjustment {
                what: "".into(),
                ..a.clone()
            },
            &bugs,
            &anna()
        )
        .unwrap_err()
        .code,
        "adjustment_what"
    );
}

#[test]
fn acceptance_needs_every_requirement_verified_and_a_valid_code_reference() {
    let reqs = vec!["ТР-1.1".to_string(), "ТР-1.2".to_string()];
    let mut a = Acceptance {
        stage: 1,
        checks: vec![RequirementCheck {
            requirement: "ТР-1.1".into(),
            verified: true,
            note: String::new(),
        }],
        code_ref: "v1.0".into(),
        accepted_on: "2026-12-20".into(),
        accepted_by: "Мария".into(),
    };
    let r = acceptance_refusal(&check_acceptance(&reqs, &a)).unwrap();
    assert_eq!(r.code, "requirements_unchecked");
    assert!(r.message.ru.contains("ТР-1.2"));
    assert_eq!(
        defects_refusal(&check_acceptance(&reqs, &a)).unwrap().code,
        "no_defects_marked"
    );
    a.checks.push(RequirementCheck {
        requirement: "ТР-1.2".into(),
        verified: false,
        note: "Нет экспорта".into(),
    });
    let c = check_acceptance(&reqs, &a);
    assert_eq!(
        c.defects,
        [("ТР-1.2".to_string(), "Нет экспорта".to_string())]
    );
    assert!(defects_refusal(&c).is_none());
    assert_eq!(
        acceptance_refusal(&c).unwrap().code,
        "requirements_not_verified"
    );
    a.checks[1].verified = true;
    assert!(acceptance_refusal(&check_acceptance(&reqs, &a)).is_none());
    a.code_ref = "zz12 34".into();
    assert_eq!(
        acceptance_refusal(&check_acceptance(&reqs, &a))
            .unwrap()
            .code,
        "code_ref_invalid"
    );
    a.code_ref = "0123abc".into();
    a.accepted_by = " ".into();
    assert_eq!(
        acceptance_refusal(&check_acceptance(&reqs, &a))
            .unwrap()
            .code,
        "accepted_by_missing"
    );
}

#[test]
fn rounds_count_each_loop_per_stage() {
    use Action::*;
    let actions = [
        StartClarification,
        RequestEstimate,
        SendOffer,
        AcceptOffer,
        ApproveSpecification,
        HandOverToTeam,
        ConfirmStagePlan { stages: 2 },
        EnvironmentReady,
        SubmitToTesting,
        ReportBugs,
        SubmitToTesting,
        PassTesting,
        FinishAdjustments,
        ReportDefects,
        SubmitToTesting,
        PassTesting,
        FinishAdjustments,
        AcceptStage,
        SubmitToTesting,
        PassTesting,
        HandToDevelopers,
    ];
    let r = rounds(&actions);
    assert_eq!(
        r,
        [
            StageRounds {
                stage: 1,
                qa_rounds: 3,
                bug_rounds: 1,
                environment_rounds: 0,
                defect_rounds: 1,
                accepted: true
            },
            StageRounds {
                stage: 2,
                qa_rounds: 1,
                bug_rounds: 0,
                environment_rounds: 1,
                defect_rounds: 0,
                accepted: false
            }
        ]
    );
}

#[test]
fn a_repository_folder_is_a_full_path_or_nothing() {
    assert_eq!(repository_folder("  ").unwrap(), "");
    assert_eq!(
        repository_folder(" /home/anna/portal ").unwrap(),
        "/home/anna/portal"
    );
    assert_eq!(
        repository_folder("C:\\work\\portal").unwrap(),
        "C:\\work\\portal"
    );
    for bad in ["portal", "../portal", "~/portal", "/home/a\u{0}b"] {
        assert_eq!(
            repository_folder(bad).unwrap_err().code,
            "repository_invalid",
            "{bad}"
        );
    }
}

#[test]
fn a_reference_not_in_the_repository_is_refused_in_words() {
    let tag = CodeRef::Tag("v2.0".into());
    assert!(lookup_refusal(&tag, "/r", Lookup::Found).is_none());
    let r = lookup_refusal(&tag, "/r", Lookup::NotFound).unwrap();
    assert_eq!(r.code, "code_ref_not_found");
    assert!(r.message.ru.contains("нет тега «v2.0»"));
    let hash = CodeRef::Commit("abc1234".into());
    let r = lookup_refusal(&hash, "/r", Lookup::NotFound).unwrap();
    assert!(r.message.en.contains("no commit abc1234"));
    let r = lookup_refusal(&hash, "/r", Lookup::Ambiguous).unwrap();
    assert_eq!(r.code, "code_ref_ambiguous");
}

fn anna() -> Vec<TeamMember> {
    vec![TeamMember {
        id: 1,
        name: "Анна".into(),
        contact: String::new(),
        devops: true,
        developer: true,
        tester: true,
    }]
}

#[test]
fn who_did_the_work_or_the_change_is_on_the_team() {
    let e = WorkEntry {
        stage: 1,
        date: "2026-12-02".into(),
        who: " Анна ".into(),
        hours: d("2"),
        ..WorkEntry::default()
    };
    assert!(check_work_entry(&e, &anna()).is_ok());
    let r = check_work_entry(
        &WorkEntry {
            who: "Борис".into(),
            ..e.clone()
        },
        &anna(),
    )
    .unwrap_err();
    assert_eq!(r.code, "who_not_in_team");
    assert!(r.message.ru.contains("«Борис» нет в команде проекта"));
    assert!(r.message.en.contains("(Анна)"), "{}", r.message.en);
    let r = check_work_entry(&e, &[]).unwrap_err();
    assert!(r.message.en.contains("the team is empty"));
    let a = Adjustment {
        stage: 1,
        what: "Открыт порт".into(),
        who: "Борис".into(),
        ..Adjustment::default()
    };
    assert_eq!(
        check_adjustment(&a, &[], &anna()).unwrap_err().code,
        "who_not_in_team"
    );
}
