//! One shared way for the walks of the core tests to fill the records the guards of
//! 2.1–3.3 read, so a walk crosses development and deployment as a manager would:
//! a dated plan whose shares equal the offer, the environment settled, bugs recorded
//! and fixed, acceptance with a commit hash, a deployment plan, a database archive per
//! switchover, the support handover and the final акт.

use etap_domain::deployment::{
    DbArchive, DeploymentPlan, SupportContact, SupportHandover, SwitchKind, TargetKind,
};
use etap_domain::development::{
    Acceptance, Bug, BugStatus, ChecklistItem, ItemStatus, RequirementCheck, Severity,
};
use etap_domain::entity::{DocKind, IssuedDocument};
use etap_domain::lifecycle::ActionKind;
use etap_domain::money::Money;
use etap_domain::{Lang, Step};
use etap_storage::Store;
use rust_decimal::Decimal;

/// Fills what the guard of `kind` needs at the project's current step and stage;
/// records already valid are left as they are (a test's own records win).
pub fn ready(store: &mut Store, p: i64, kind: ActionKind) {
    let state = store.project(p).expect("project").state;
    let at = match kind {
        ActionKind::ConfirmStagePlan => Step::StagePlanning,
        ActionKind::EnvironmentReady => Step::Environment,
        ActionKind::ReportBugs | ActionKind::PassTesting => Step::Testing,
        ActionKind::ReportDefects | ActionKind::AcceptStage => Step::StageAcceptance,
        ActionKind::Deploy => Step::Deployment,
        ActionKind::SwitchOver => Step::Switchover,
        ActionKind::Close => Step::SupportHandover,
        _ => return,
    };
    if state.step != at {
        return; // not this step's action: its refusal is the test's to see
    }
    let stage = state.stage;
    match kind {
        ActionKind::ConfirmStagePlan => plan(store, p),
        ActionKind::EnvironmentReady => {
            for mut item in store.environment(p).expect("environment") {
                if !item.status.settled() {
                    item.status = ItemStatus::Done;
                    if item.credential && item.secret_location.trim().is_empty() {
                        item.secret_location = "KeePass: project/access".into();
                    }
                    store.save_environment_item(p, &item).expect("item done");
                }
            }
        }
        ActionKind::ReportBugs => {
            let open = store
                .bugs(p)
                .expect("bugs")
                .into_iter()
                .any(|b| b.stage == stage && b.status == BugStatus::Open);
            if !open {
                store
                    .save_bug(
                        p,
                        &Bug {
                            stage,
                            title: "Падает оплата".into(),
                            steps: "Оплатить заказ".into(),
                            expected: "Заказ оплачен".into(),
                            actual: "Ошибка 500".into(),
                            severity: Severity::Major,
                            ..Bug::default()
                        },
                    )
                    .expect("bug");
            }
        }
        ActionKind::PassTesting => {
            for mut b in store.bugs(p).expect("bugs") {
                if b.stage == stage && b.status == BugStatus::Open {
                    b.status = BugStatus::Fixed;
                    store.save_bug(p, &b).expect("bug fixed");
                }
            }
        }
        ActionKind::ReportDefects => acceptance(store, p, stage, false),
        ActionKind::AcceptStage => acceptance(store, p, stage, true),
        ActionKind::Deploy => {
            let ok = store
                .delivery_facts(p)
                .expect("facts")
                .deployment_plan
                .is_some_and(|d| etap_domain::deployment::deploy_refusal(Some(&d)).is_none());
            if !ok {
                store
                    .save_deployment_plan(
                        p,
                        &DeploymentPlan {
                            target: TargetKind::Cloud,
                            description: "Yandex Cloud, каталог prod".into(),
                            planned_on: "2026-12-24".into(),
                            responsible: "Анна".into(),
                            switch_kind: SwitchKind::NewEnvironment,
                            checklist: vec![ChecklistItem {
                                title: "Перенести DNS".into(),
                                status: ItemStatus::Done,
                                ..ChecklistItem::default()
                            }],
                        },
                    )
                    .expect("deployment plan");
            }
        }
        ActionKind::SwitchOver if store.delivery_facts(p).expect("facts").archive.is_none() => {
            store
                .record_db_archive(
                    p,
                    &DbArchive {
                        what: "PostgreSQL prod".into(),
                        location: "backups/prod.dump".into(),
                        made_at: "2026-12-24 21:00".into(),
                        sha256: SHA.into(),
                    },
                )
                .expect("db archive");
        }
        ActionKind::Close => {
            let facts = store.delivery_facts(p).expect("facts");
            if facts.support.is_none() {
                store
                    .save_support_handover(
                        p,
                        &SupportHandover {
                            team: vec![SupportContact {
                                name: "Поддержка клиента".into(),
                                contact: "support@example.ru".into(),
                            }],
                            documents: vec!["Руководство администратора".into()],
                            handed_over_on: "2026-12-28".into(),
                            warranty_until: "2027-06-28".into(),
                        },
                    )
                    .expect("support handover");
            }
            if !facts.final_act_issued {
                store
                    .record_document(IssuedDocument {
                        id: 0,
                        project_id: p,
                        kind: DocKind::Act,
                        number: format!("АКТ-{p}-F"),
                        issued_at: chrono::Utc::now()
                            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        lang: Lang::Ru,
                        version: None,
                        sha256: SHA.to_lowercase(),
                        path: "final-act.pdf".into(),
                        draft: false,
                        label: etap_domain::Text::new("", ""),
                        made_from: None,
                    })
                    .expect("final act");
            }
        }
        _ => {}
    }
}

const SHA: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Dates for every stage, every requirement in a stage, shares equal to the offer.
fn plan(store: &mut Store, p: i64) {
    if store.stage_plan(p).expect("plan").stages.is_empty() {
        return; // the guard's own refusal (no stages) is the test's to see
    }
    for s in store.stage_plan(p).expect("plan").stages {
        if s.planned_start.is_empty() || s.planned_end.is_empty() {
            let mut s = s.clone();
            s.planned_start = format!("2026-12-{:02}", 1 + 2 * s.number.min(14));
            s.planned_end = format!("2026-12-{:02}", 2 + 2 * s.number.min(14));
            store.save_planned_stage(p, &s).expect("stage dates");
        }
    }
    for r in store.stage_plan_check(p).expect("check").unassigned {
        store
            .place_requirement(p, &r, Some(1), "")
            .expect("requirement placed");
    }
    let check = store.stage_plan_check(p).expect("check");
    if let Some(shares) = check.shares {
        if shares.difference.amount() != Decimal::ZERO {
            // The whole offer on stage 1, nothing on the others.
            for (i, s) in store.stage_plan(p).expect("plan").stages.iter().enumerate() {
                let amount = if i == 0 {
                    shares.offer.amount()
                } else {
                    Decimal::ZERO
                };
                let mut s = s.clone();
                s.price = Some(Money::new(amount, shares.offer.currency));
                store.save_planned_stage(p, &s).expect("stage price");
            }
        }
    }
}

/// The stage's acceptance: every requirement verified (or, for defects, the first
/// one not), a commit hash, a date and who accepted.
fn acceptance(store: &mut Store, p: i64, stage: u32, verified: bool) {
    let reqs = store
        .stage_plan(p)
        .expect("plan")
        .stages
        .into_iter()
        .find(|s| s.number == stage)
        .map(|s| s.requirements)
        .unwrap_or_default();
    let mut a = store.acceptance(p, stage).expect("acceptance");
    a.checks = reqs
        .iter()
        .enumerate()
        .map(|(i, r)| RequirementCheck {
            requirement: r.clone(),
            verified: verified || i > 0,
            note: if verified || i > 0 {
                String::new()
            } else {
                "Не работает вход".into()
            },
        })
        .collect();
    if a.code_ref.trim().is_empty() {
        a.code_ref = "3f2a9c1".into();
    }
    if a.accepted_on.trim().is_empty() {
        a.accepted_on = "2026-12-20".into();
    }
    if a.accepted_by.trim().is_empty() {
        a.accepted_by = "Анна".into();
    }
    a.stage = stage;
    store
        .save_acceptance(p, &Acceptance { ..a })
        .expect("acceptance");
}

/// [`Store::advance`] after [`ready`]: a walk's step with its records filled.
pub fn step(
    store: &mut Store,
    p: i64,
    kind: ActionKind,
    comment: &str,
) -> etap_storage::Result<etap_domain::ProjectSummary> {
    ready(store, p, kind);
    store.advance(p, kind, comment)
}
