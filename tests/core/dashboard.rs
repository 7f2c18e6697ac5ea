//! The dashboard's query through storage: next deadlines and overdue from the stored
//! offer and stage plan, loops, filters, sort and the "this week" view.

use chrono::NaiveDate;
use etap_domain::dashboard::{DashboardQuery, DashboardSort, DeadlineKind};
use etap_domain::lifecycle::{ActionKind, LoopKind, Phase};

use crate::development::project_in_development;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn the_dashboard_shows_next_deadlines_overdue_loops_and_filters() {
    let (_dir, mut store) = crate::temp_store();
    // «Портал» at 2.3, both stages planned to end on 2026-12-15.
    let (portal, _, _) = project_in_development(&mut store);
    let petrov = store.create_client("ИП Петров").unwrap();
    let site = store.create_project(petrov.id, "Сайт").unwrap().id;
    crate::walk_to(&mut store, site, etap_domain::Step::Negotiation);
    store
        .advance(site, ActionKind::RefuseOffer, "Дорого")
        .unwrap();
    crate::go(&mut store, site, ActionKind::RequestEstimate);
    crate::go(&mut store, site, ActionKind::SendOffer);
    store
        .save_offer(site, "29000", "2027-03-01", "2026-12-05")
        .unwrap();
    let idle = store.create_project(petrov.id, "Архив").unwrap().id;

    let today = day("2026-12-10");
    let all = store
        .dashboard_on(&DashboardQuery::default(), today)
        .unwrap();
    assert_eq!(all.total, 3);
    assert_eq!(all.today, "2026-12-10");
    let row = |id: i64| all.rows.iter().find(|r| r.project.id == id).unwrap();

    let s = row(site);
    let d = s.next_deadline.as_ref().unwrap();
    assert_eq!(
        (d.kind, d.date.as_str()),
        (DeadlineKind::OfferValidity, "2026-12-05")
    );
    assert!(d.overdue && s.overdue);
    assert_eq!(s.step_number.as_deref(), Some("1.4"));
    assert_eq!(s.loops.len(), 1);
    assert_eq!((s.loops[0].kind, s.loops[0].count), (LoopKind::Refusal, 1));
    assert!(s.next_action.is_some());

    let p = row(portal);
    let d = p.next_deadline.as_ref().unwrap();
    assert_eq!(
        (d.kind, d.stage, d.days_left),
        (DeadlineKind::StageEnd, Some(1), 5)
    );
    assert!(!p.overdue);
    assert_eq!(p.phase, Phase::Development);
    assert!(p.accepted.ru.starts_with('0'));

    assert!(row(idle).next_deadline.is_none());

    // This week: the overdue offer and both stage ends (5 days away).
    let week: Vec<(i64, &str)> = all
        .week
        .iter()
        .map(|w| (w.project_id, w.deadline.date.as_str()))
        .collect();
    assert_eq!(
        week,
        [
            (site, "2026-12-05"),
            (portal, "2026-12-15"),
            (portal, "2026-12-15")
        ]
    );

    let ids = |q: DashboardQuery| -> Vec<i64> {
        store
            .dashboard_on(&q, today)
            .unwrap()
            .rows
            .iter()
            .map(|r| r.project.id)
            .collect()
    };
    let overdue = ids(DashboardQuery {
        overdue_only: true,
        ..Default::default()
    });
    assert_eq!(overdue, [site]);
    let dev = ids(DashboardQuery {
        phase: Some(Phase::Development),
        ..Default::default()
    });
    assert_eq!(dev, [portal]);
    let of_petrov = ids(DashboardQuery {
        client_id: Some(petrov.id),
        sort: DashboardSort::Name,
        ..Default::default()
    });
    assert_eq!(of_petrov, [idle, site]);
    let by_deadline = ids(DashboardQuery {
        sort: DashboardSort::Deadline,
        ..Default::default()
    });
    assert_eq!(by_deadline, [site, portal, idle]);
    let found = ids(DashboardQuery {
        text: "ромаш".into(),
        ..Default::default()
    });
    assert_eq!(found, [portal]);

    // The client accepts: the offer's validity is no longer a deadline.
    store.advance(site, ActionKind::AcceptOffer, "").unwrap();
    let after = store
        .dashboard_on(
            &DashboardQuery {
                overdue_only: true,
                ..Default::default()
            },
            today,
        )
        .unwrap();
    assert!(after.rows.is_empty());
    assert_eq!(after.total, 3);
}

#[test]
fn a_deadline_notice_is_taken_once_a_day_and_not_at_all_when_switched_off() {
    let (dir, mut store) = crate::temp_store();
    // «Портал» at 2.3, both stages end on 2026-12-15: due tomorrow on the 14th.
    let (portal, _, _) = project_in_development(&mut store);
    let first = store.take_reminders(day("2026-12-14")).unwrap();
    assert_eq!(first.len(), 2);
    assert!(first.iter().all(|r| r.project_id == portal));
    assert_eq!(first[0].title.ru, "Конец этапа 1: завтра");
    // Recorded in the database: the same day, even after a restart, nothing again.
    assert!(store.take_reminders(day("2026-12-14")).unwrap().is_empty());
    drop(store);
    let mut store = etap_storage::Store::open_dir(dir.path()).unwrap();
    assert!(store.take_reminders(day("2026-12-14")).unwrap().is_empty());
    // The next day they are overdue-or-due again and shown once more.
    assert_eq!(store.take_reminders(day("2026-12-15")).unwrap().len(), 2);
    // Switched off: nothing, whatever is due; the setting reads back.
    store.set_notifications(false).unwrap();
    assert!(!store.settings(etap_domain::Lang::Ru).unwrap().notifications);
    assert!(store.take_reminders(day("2026-12-20")).unwrap().is_empty());
    store.set_notifications(true).unwrap();
    assert_eq!(store.take_reminders(day("2026-12-20")).unwrap().len(), 2);
}

#[test]
fn settings_default_and_show_the_estimate_defaults_and_numbering() {
    let (_dir, mut store) = crate::temp_store();
    let page = store.settings_page(etap_domain::Lang::En).unwrap();
    assert_eq!(page.settings.language, etap_domain::Lang::En);
    assert!(page.settings.notifications);
    assert_eq!(page.numbering.len(), 4);
    assert!(page.numbering[2].example.starts_with("А-"));
    store.set_setting("language", "ru").unwrap();
    assert_eq!(
        store
            .settings_page(etap_domain::Lang::En)
            .unwrap()
            .settings
            .language,
        etap_domain::Lang::Ru
    );
}

#[test]
fn the_timeline_places_stages_and_history() {
    let (_dir, mut store) = crate::temp_store();
    let (portal, _, _) = project_in_development(&mut store);
    let t = store.timeline(portal).unwrap();
    assert_eq!(t.stages.len(), 2);
    assert_eq!(t.stages[0].planned_end.as_deref(), Some("2026-12-15"));
    assert!(t.stages[0].accepted_on.is_none());
    // Every recorded transition is a marker.
    assert_eq!(t.markers.len(), store.history(portal).unwrap().len());
    assert!(t.stages[0].end_day.unwrap() > t.stages[0].start_day.unwrap());
}
