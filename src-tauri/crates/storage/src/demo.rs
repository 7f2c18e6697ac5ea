//! The demo projects a new user finds on first run: one has already looped once (the
//! client refused the offer at 1.4 and the project went back to 1.2), so the
//! lifecycle map shows a loop from the start; the other is delivered through every
//! loop of the seed (its documents are issued by the export service).
//! The store's entry points are here too: `ensure_demo` (the first run),
//! `create_demo` and `create_delivered_demo` (the CLI's `demo`).

use etap_domain::entity::ProjectSummary;
use etap_domain::estimate::{EstimateItem, Hours};
use etap_domain::lifecycle::ActionKind;
use etap_domain::money::VatMode;
use etap_domain::preparation::{QuestionStatus, Request, RequestSource};
use rust_decimal::Decimal;

use crate::CachedRow as _;
use crate::{Result, Store};

impl Store {
    /// On the very first run with an empty database, creates the demo project so a
    /// new user sees the map with a loop already taken. Returns its id when created.
    /// The window calls it through `etap_export::demo::ensure_demo`, which then adds
    /// the delivered demo project with its documents.
    pub fn ensure_demo(&mut self) -> Result<Option<i64>> {
        if self.setting("demo_seeded")?.is_some() {
            return Ok(None);
        }
        let empty: bool = self
            .conn
            .row("SELECT NOT EXISTS (SELECT 1 FROM projects)", [], |r| {
                r.get(0)
            })?;
        let created = if empty { Some(create(self)?.id) } else { None };
        self.set_setting("demo_seeded", "1")?;
        Ok(created)
    }

    /// Creates a demo project (the CLI's `demo`).
    pub fn create_demo(&mut self) -> Result<ProjectSummary> {
        create(self)
    }

    /// Creates the delivered demo project, standing at 3.3 with its records; the
    /// export service issues its documents and closes it.
    pub fn create_delivered_demo(&mut self) -> Result<ProjectSummary> {
        create_delivered(self)
    }
}

/// The setting that lists the demo projects' ids (comma-separated): their акты and
/// счета are numbered apart from the user's own.
pub(crate) const DEMO_PROJECTS: &str = "demo_projects";

/// Marks `project_id` as a demo project.
fn mark_demo(store: &mut Store, project_id: i64) -> Result<()> {
    let mut ids = store.setting(DEMO_PROJECTS)?.unwrap_or_default();
    if !ids.is_empty() {
        ids.push(',');
    }
    ids.push_str(&project_id.to_string());
    store.set_setting(DEMO_PROJECTS, &ids)
}

pub(crate) fn create(store: &mut Store) -> Result<ProjectSummary> {
    let client = store.create_client("ООО «Ромашка»")?;
    let p = store.create_project(client.id, "Личный кабинет клиента")?;
    mark_demo(store, p.id)?;
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
        .ok_or_else(|| crate::StorageError::refused(etap_domain::lifecycle::estimate_frozen()))?;
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

/// The second demo project, delivered: two stages, every loop of the seed taken once
/// (the offer refused at 1.4, a bug 2.4 → 2.3, a problem handed to the developers
/// 2.5 → 2.3, a defect 2.6 → 2.3, a rollback 3.2 → 3.1), standing at 3.3 with the
/// support handover made. Its акты, счета and the final акт are rendered by the
/// caller (storage cannot render), which then closes it.
pub(crate) fn create_delivered(store: &mut Store) -> Result<ProjectSummary> {
    use etap_domain::deployment::{
        DbArchive, DeploymentPlan, SupportContact, SupportHandover, SwitchKind, TargetKind,
    };
    use etap_domain::development::{
        Acceptance, Adjustment, Bug, BugStatus, ChecklistItem, ItemStatus, RequirementCheck,
        Severity, WorkEntry,
    };
    use etap_domain::party::Requisites;
    use etap_domain::preparation::TeamMember;
    use etap_domain::spec_templates::Template;
    use etap_domain::Lang;

    let name = "ООО «Северный ветер»";
    let client = store.create_client(name)?;
    store.save_client(
        client.id,
        name,
        &Requisites {
            legal_name: name.into(),
            inn: "7707083893".into(),
            kpp: "770701001".into(),
            address: "г. Москва, ул. Садовая, д. 1".into(),
            signatory_name: "Петров Пётр Петрович".into(),
            signatory_position: "Директор".into(),
            ..Requisites::default()
        },
    )?;
    let p = store.create_project(client.id, "CRM для отдела продаж")?.id;
    store.save_request(
        p,
        &Request {
            title: "CRM: клиенты, сделки и отчёты для отдела продаж".into(),
            description: "Карточки клиентов, воронка сделок, отчёт по менеджерам.".into(),
            source: RequestSource::Meeting,
            received_on: "2026-09-01".into(),
            desired_deadline: "2026-12-01".into(),
            attachments: vec![],
        },
    )?;
    store.advance(
        p,
        ActionKind::StartClarification,
        "Встреча с отделом продаж",
    )?;
    let estimate = |store: &mut Store| -> Result<()> {
        let mut e = store
            .estimate_card(p)?
            .current
            .map(|v| v.estimate)
            .ok_or_else(|| {
                crate::StorageError::refused(etap_domain::lifecycle::estimate_frozen())
            })?;
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
        if e.items.is_empty() {
            e.items = vec![item("Клиенты и сделки", 60), item("Отчёты", 40)];
        }
        store.save_estimate(p, &e.draft()).map(|_| ())
    };
    store.advance(p, ActionKind::RequestEstimate, "")?;
    estimate(store)?;
    store.advance(p, ActionKind::SendOffer, "КП на 300 000 ₽, срок — 3 месяца")?;
    store.advance(
        p,
        ActionKind::RefuseOffer,
        "Клиент просит уложиться в 2,5 месяца",
    )?;
    store.advance(p, ActionKind::RequestEstimate, "Срок сжат, объём тот же")?;
    estimate(store)?;
    store.advance(
        p,
        ActionKind::SendOffer,
        "КП на 300 000 ₽, срок — 2,5 месяца",
    )?;
    store.advance(p, ActionKind::AcceptOffer, "Принято")?;

    // 1.5: the ТЗ with two requirements, each priced by its estimate item.
    let keys: Vec<i64> = store
        .estimate_card(p)?
        .versions
        .last()
        .map(|v| v.estimate.items.iter().map(|i| i64::from(i.key)).collect())
        .unwrap_or_default();
    let v = store.create_spec(p, Template::Freelancer, Lang::Ru)?;
    let first = v.content.sections[0].key;
    store.add_requirement(v.id, first)?;
    let v = store.add_requirement(v.id, first)?;
    let mut content = v.content.clone();
    for s in &mut content.sections {
        if s.required && s.body.trim().is_empty() {
            s.body = format!("{}: как согласовано с отделом продаж.", s.title);
        }
    }
    let texts = [
        "Карточки клиентов и воронка сделок",
        "Отчёт по менеджерам за период",
    ];
    for (i, r) in content.sections[0].requirements.iter_mut().enumerate() {
        r.text = texts[i].into();
        r.estimate_items = keys.get(i).copied().into_iter().collect();
    }
    let reqs: Vec<String> = content.sections[0]
        .requirements
        .iter()
        .map(|r| r.id.clone())
        .collect();
    store.save_spec(v.id, &content)?;
    store.approve_spec(v.id, "Петров П. П.")?;
    store.advance(p, ActionKind::ApproveSpecification, "")?;
    let who = "Анна Смирнова";
    store.save_team_member(
        p,
        &TeamMember {
            id: 0,
            name: who.into(),
            contact: "anna@example.ru".into(),
            devops: true,
            developer: true,
            tester: true,
        },
    )?;
    store.advance(p, ActionKind::HandOverToTeam, "")?;

    // 2.1 and 2.2
    store.add_stage(p, "Клиенты и сделки")?;
    store.add_stage(p, "Отчёты")?;
    for mut s in store.stage_plan(p)?.stages {
        s.planned_start = format!("2026-10-{:02}", 1 + (s.number - 1) * 16);
        s.planned_end = format!("2026-10-{:02}", 15 + (s.number - 1) * 16);
        store.save_planned_stage(p, &s)?;
    }
    for (i, r) in reqs.iter().enumerate() {
        store.place_requirement(p, r, Some(i as u32 + 1), "")?;
    }
    store.advance(p, ActionKind::ConfirmStagePlan, "")?;
    for mut item in store.environment(p)? {
        item.status = ItemStatus::Done;
        if item.credential {
            item.secret_location = "KeePass, группа «CRM»".into();
        }
        store.save_environment_item(p, &item)?;
    }
    store.advance(p, ActionKind::EnvironmentReady, "")?;

    let work = |store: &mut Store, stage: u32, date: &str, hours: i64| {
        store.log_work(
            p,
            &WorkEntry {
                id: 0,
                stage,
                date: date.into(),
                who: who.into(),
                hours: Decimal::from(hours),
                reference: format!("feature/stage-{stage}"),
                note: String::new(),
            },
        )
    };
    let accept = |store: &mut Store, stage: u32, verified: bool, code: &str, on: &str| {
        store.save_acceptance(
            p,
            &Acceptance {
                stage,
                checks: vec![RequirementCheck {
                    requirement: reqs[stage as usize - 1].clone(),
                    verified,
                    note: if verified {
                        String::new()
                    } else {
                        "Отчёт не учитывает сделки в валюте".into()
                    },
                }],
                code_ref: code.into(),
                accepted_on: on.into(),
                accepted_by: "Петров П. П.".into(),
            },
        )
    };

    // Stage 1: a major bug sends it back; a problem DevOps cannot fix goes to the
    // developers; then accepted.
    work(store, 1, "2026-10-05", 8)?;
    store.advance(p, ActionKind::SubmitToTesting, "")?;
    let bugs = store.save_bug(
        p,
        &Bug {
            stage: 1,
            title: "Сделка не сохраняется без телефона".into(),
            steps: "Создать сделку, не указав телефон клиента".into(),
            expected: "Сделка сохранена".into(),
            actual: "Ошибка 500".into(),
            severity: Severity::Major,
            requirement: reqs[0].clone(),
            ..Bug::default()
        },
    )?;
    store.advance(
        p,
        ActionKind::ReportBugs,
        "Сделка не сохраняется без телефона",
    )?;
    work(store, 1, "2026-10-08", 4)?;
    let mut bug = bugs[0].clone();
    bug.status = BugStatus::Fixed;
    store.save_bug(p, &bug)?;
    store.advance(p, ActionKind::SubmitToTesting, "")?;
    bug.status = BugStatus::Verified;
    store.save_bug(p, &bug)?;
    store.advance(p, ActionKind::PassTesting, "")?;
    store.add_adjustment(
        p,
        &Adjustment {
            id: 0,
            stage: 1,
            date: "2026-10-10".into(),
            what: "Увеличен таймаут балансировщика".into(),
            who: who.into(),
            bug: None,
        },
    )?;
    store.advance(
        p,
        ActionKind::HandToDevelopers,
        "Импорт клиентов падает по памяти: нужна пакетная загрузка в коде",
    )?;
    work(store, 1, "2026-10-12", 6)?;
    store.advance(p, ActionKind::SubmitToTesting, "")?;
    store.advance(p, ActionKind::PassTesting, "")?;
    store.advance(p, ActionKind::FinishAdjustments, "")?;
    accept(store, 1, true, "v1.0.0", "2026-10-15")?;
    store.advance(p, ActionKind::AcceptStage, "")?;

    // Stage 2: one defect round at acceptance.
    work(store, 2, "2026-10-20", 8)?;
    store.advance(p, ActionKind::SubmitToTesting, "")?;
    store.advance(p, ActionKind::PassTesting, "")?;
    store.advance(p, ActionKind::FinishAdjustments, "")?;
    accept(store, 2, false, "", "")?;
    store.advance(
        p,
        ActionKind::ReportDefects,
        "Отчёт не учитывает сделки в валюте",
    )?;
    work(store, 2, "2026-10-28", 5)?;
    store.advance(p, ActionKind::SubmitToTesting, "")?;
    store.advance(p, ActionKind::PassTesting, "")?;
    store.advance(p, ActionKind::FinishAdjustments, "")?;
    accept(store, 2, true, "9c4e2b7", "2026-10-31")?;
    store.advance(p, ActionKind::AcceptStage, "")?;

    // 3.1–3.3: a rollback, then a switchover that succeeds; the support handover.
    store.save_deployment_plan(
        p,
        &DeploymentPlan {
            target: TargetKind::Cloud,
            description: "Yandex Cloud: ВМ приложения и управляемый PostgreSQL".into(),
            planned_on: "2026-11-05".into(),
            responsible: who.into(),
            switch_kind: SwitchKind::NewEnvironment,
            checklist: vec![ChecklistItem {
                title: "Перенести DNS на новую ВМ".into(),
                status: ItemStatus::Done,
                ..ChecklistItem::default()
            }],
        },
    )?;
    let archive = |store: &mut Store, at: &str| {
        store.record_db_archive(
            p,
            &DbArchive {
                what: "PostgreSQL crm, все схемы".into(),
                location: "s3://crm-backups/crm.dump".into(),
                made_at: at.into(),
                sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
            },
        )
    };
    store.advance(p, ActionKind::Deploy, "")?;
    archive(store, "2026-11-05 21:00")?;
    store.advance(
        p,
        ActionKind::RollBack,
        "Отчёты падают по таймауту на реальных данных",
    )?;
    store.advance(p, ActionKind::Deploy, "Индексы добавлены в план переноса")?;
    archive(store, "2026-11-07 21:00")?;
    store.advance(p, ActionKind::SwitchOver, "")?;
    store.save_support_handover(
        p,
        &SupportHandover {
            team: vec![SupportContact {
                name: "Служба поддержки «Северного ветра»".into(),
                contact: "support@veter.example".into(),
            }],
            documents: vec![
                "Руководство администратора".into(),
                "Инструкция пользователя".into(),
            ],
            handed_over_on: "2026-11-10".into(),
            warranty_until: "2027-05-10".into(),
        },
    )?;
    mark_demo(store, p)?;
    store.project(p)
}
