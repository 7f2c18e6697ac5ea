//! Deployment records 3.1–3.3 through storage: the plan, the database archive a
//! switchover needs (per attempt: a rollback asks for a new one), the support handover
//! and the final акт, each guard asserted with its message.

use etap_domain::deployment::{
    DbArchive, DeploymentPlan, SupportContact, SupportHandover, SwitchKind, TargetKind,
};
use etap_domain::development::{ChecklistItem, ItemStatus};
use etap_domain::entity::{DocKind, IssuedDocument};
use etap_domain::lifecycle::ActionKind;
use etap_domain::{Lang, Step};
use etap_storage::DB_FILE;

use crate::development::{check, project_in_development, refusal};

const SHA: &str = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";

fn archive(sha256: &str) -> DbArchive {
    DbArchive {
        what: "PostgreSQL portal".into(),
        location: "/srv/backups/portal-2026-12-24.dump".into(),
        made_at: "2026-12-24 21:00".into(),
        sha256: sha256.into(),
    }
}

#[test]
fn switchover_needs_an_archive_per_attempt_and_closing_needs_handover_and_final_act() {
    let (dir, mut store) = crate::temp_store();
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
    assert_eq!(store.project(p).unwrap().state.step, Step::Deployment);

    // 3.1: the plan says where, when, who; its steps must be settled.
    assert_eq!(
        refusal(&store, p, ActionKind::Deploy).code,
        "deployment_plan_missing"
    );
    let mut plan = DeploymentPlan {
        target: TargetKind::Cloud,
        description: String::new(),
        planned_on: "24.12.2026".into(),
        responsible: "Анна".into(),
        switch_kind: SwitchKind::NewEnvironment,
        checklist: vec![ChecklistItem {
            title: "Перенести DNS".into(),
            ..ChecklistItem::default()
        }],
    };
    let e = store.save_deployment_plan(p, &plan).unwrap_err();
    assert_eq!(e.code(), "date_invalid");
    plan.planned_on = "2026-12-24".into();
    store.save_deployment_plan(p, &plan).unwrap();
    let r = refusal(&store, p, ActionKind::Deploy);
    assert!(
        r.message.ru.contains("описание площадки"),
        "{}",
        r.message.ru
    );
    plan.description = "Yandex Cloud, каталог portal-prod".into();
    store.save_deployment_plan(p, &plan).unwrap();
    let r = refusal(&store, p, ActionKind::Deploy);
    assert!(r.message.ru.contains("Перенести DNS"), "{}", r.message.ru);
    plan.checklist[0].status = ItemStatus::Done;
    let saved = store.save_deployment_plan(p, &plan).unwrap().unwrap();
    assert_eq!(saved, plan);
    assert!(check(&store, p, ActionKind::Deploy).is_ok());
    store.advance(p, ActionKind::Deploy, "").unwrap();

    // 3.2: no switchover without the archive, and its checksum must be a SHA-256.
    let r = refusal(&store, p, ActionKind::SwitchOver);
    assert_eq!(r.code, "db_archive_missing");
    let e = store
        .record_db_archive(p, &archive("d41d8cd98f00b204e9800998ecf8427e"))
        .unwrap_err();
    assert_eq!(e.code(), "checksum_invalid");
    assert!(store.db_archives(p).unwrap().is_empty());
    let kept = store.record_db_archive(p, &archive(SHA)).unwrap();
    assert_eq!(kept[0].sha256, SHA.to_lowercase());
    assert!(check(&store, p, ActionKind::SwitchOver).is_ok());

    // A critical problem: rolled back; the next attempt needs its own archive.
    store
        .advance(p, ActionKind::RollBack, "Платёжный шлюз не отвечает")
        .unwrap();
    store.advance(p, ActionKind::Deploy, "").unwrap();
    assert_eq!(
        refusal(&store, p, ActionKind::SwitchOver).code,
        "db_archive_missing"
    );
    store.record_db_archive(p, &archive(SHA)).unwrap();
    store.advance(p, ActionKind::SwitchOver, "").unwrap();
    let map = store.lifecycle_map(p).unwrap();
    let rollbacks = map
        .loops
        .iter()
        .find(|l| l.kind == etap_domain::LoopKind::Rollback)
        .unwrap();
    assert_eq!(rollbacks.count, 1);

    // Archive records are evidence: the database refuses changing them.
    let raw = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    let err = raw.execute("DELETE FROM db_archives", []).unwrap_err();
    assert!(err.to_string().contains("kept as made"), "{err}");

    // 3.3: the handover, a warranty after it, then the final акт.
    let r = refusal(&store, p, ActionKind::Close);
    assert_eq!(r.code, "support_handover_incomplete");
    let mut h = SupportHandover {
        team: vec![SupportContact {
            name: "Служба поддержки клиента".into(),
            contact: "support@romashka.ru".into(),
        }],
        documents: vec!["Руководство администратора".into(), "Runbook".into()],
        handed_over_on: "2026-12-28".into(),
        warranty_until: "2026-12-01".into(),
    };
    let e = store.save_support_handover(p, &h).unwrap_err();
    assert_eq!(e.code(), "warranty_dates");
    h.warranty_until = "2027-06-28".into();
    assert_eq!(store.save_support_handover(p, &h).unwrap(), Some(h.clone()));
    let r = refusal(&store, p, ActionKind::Close);
    assert_eq!(r.code, "final_act_missing");
    store
        .record_document(IssuedDocument {
            id: 0,
            project_id: p,
            kind: DocKind::Act,
            number: "АКТ-1-9".into(),
            issued_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            lang: Lang::Ru,
            version: None,
            sha256: SHA.to_lowercase(),
            path: "akt.pdf".into(),
            draft: false,
            label: etap_domain::Text::new("", ""),
            made_from: None,
        })
        .unwrap();
    assert!(check(&store, p, ActionKind::Close).is_ok());
    store.advance(p, ActionKind::Close, "").unwrap();
    assert_eq!(store.replayed_state(p).unwrap().step, Step::Closed);
}
