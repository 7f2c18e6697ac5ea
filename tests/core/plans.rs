//! Every query the window's lists and pages run is checked by `EXPLAIN QUERY PLAN`: a
//! query that would read a whole table — slow with years of projects — fails here
//! (issue 14). The statements are the ones the store really runs, caught by SQLite's
//! trace while each read command is called on generated projects.

use std::collections::BTreeSet;
use std::sync::Mutex;

use etap_export::gen;

static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn seen(sql: &str) {
    SEEN.lock().unwrap().push(sql.to_string());
}

/// Whole reads allowed, each with why: (the plan's line starts with, the query
/// starts with, why).
const ALLOWED: &[(&str, &str, &str)] = &[
    ("SCAN CONSTANT ROW", "SELECT EXISTS", "one row: EXISTS of an indexed search"),
    (
        "SCAN projects USING COVERING INDEX",
        "SELECT COUNT(*) FROM projects",
        "the dashboard's total: counted in the smallest index; the first page with it is timed at 10,000 projects in BENCHMARKS.md",
    ),
    (
        "SCAN p USING INDEX projects_updated",
        "SELECT p.id",
        "the dashboard's entries: every project once, in the order of its index, so the filters, the sort by deadline and the week see them all; only the page shown reads more (timed at 1,000 and 10,000 projects in BENCHMARKS.md)",
    ),
    (
        "SCAN offers USING COVERING INDEX offers_pending",
        "SELECT project_id, valid_until FROM offers WHERE answer = 'pending'",
        "the dashboard's deadlines: the partial index holds only the offers awaiting an answer, all of them needed",
    ),
    (
        "SCAN stages USING COVERING INDEX stages_open",
        "SELECT project_id, number, planned_end FROM stages WHERE frozen = 0",
        "the dashboard's deadlines: the partial index holds only the stages not yet accepted, all of them needed",
    ),
    (
        "SCAN deployment_plans",
        "SELECT project_id, planned_on FROM deployment_plans",
        "the dashboard's deadlines: one short row per project past 2.1, all of them needed",
    ),
    (
        "SCAN clients",
        "SELECT id, name, created_at FROM clients ORDER BY name",
        "the new-project form's client list: one short row per client (BENCHMARKS.md)",
    ),
];

/// Whole-index scans that stop after a page (`LIMIT`): the dashboard's order.
fn paged_scan(sql: &str, line: &str) -> bool {
    sql.contains(" LIMIT ") && line.contains("USING INDEX projects_updated")
}

#[test]
fn no_list_query_reads_a_whole_table() {
    let (dir, mut store) = crate::temp_store();
    let docs = dir.path().join("documents");
    gen::generate(&mut store, &docs, 12, 7, |_| {}).unwrap();
    let projects = store.projects().unwrap();
    SEEN.lock().unwrap().clear();
    store.trace_sql(Some(seen));

    // What the window reads: the dashboard, then each project's pages and tabs.
    store.projects_page(0, 50).unwrap();
    store
        .dashboard(&etap_domain::dashboard::DashboardQuery::default())
        .unwrap();
    store.clients().unwrap();
    store.provider().unwrap();
    for p in &projects {
        let id = p.id;
        store.project_page(id).unwrap();
        store.client_card(p.client_id).unwrap();
        store.request(id).unwrap();
        store.clarification(id).unwrap();
        store.team_card(id).unwrap();
        store.estimate_card(id).unwrap();
        store.negotiation(id).unwrap();
        store.issued_documents(id).unwrap();
        let versions = store.spec_versions(id).unwrap();
        if versions.len() >= 2 {
            store.spec_diff(versions[0].id, versions[1].id).unwrap();
        }
        if p.state.stages_total > 0 {
            store.stage_plan(id).unwrap();
            store.stage_plan_check(id).unwrap();
            store.environment(id).unwrap();
            store.work_log(id).unwrap();
            store.bugs(id).unwrap();
            store.adjustments(id).unwrap();
            let _ = store.acceptance(id, 1);
            store.development_progress(id).unwrap();
            store.receivables(id).unwrap();
            store.deployment_plan(id).unwrap();
            store.db_archives(id).unwrap();
            store.support_handover(id).unwrap();
        }
    }
    for q in ["заказов", "export", "резервное копирование"] {
        store.search_page(q, 0, 20).unwrap();
    }
    store.trace_sql(None);

    let statements: BTreeSet<String> = SEEN
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| {
            let up = s.to_uppercase();
            up.starts_with("SELECT") || up.starts_with("WITH")
        })
        .collect();
    assert!(
        statements.len() > 30,
        "too few statements caught: {}",
        statements.len()
    );
    let mut scans = Vec::new();
    for sql in &statements {
        for line in store.query_plan(sql).unwrap() {
            let Some(rest) = line.strip_prefix("SCAN ") else {
                continue;
            };
            let virtual_match = rest.contains("VIRTUAL TABLE INDEX");
            let allowed = ALLOWED
                .iter()
                .any(|(plan, query, _)| line.starts_with(plan) && sql.starts_with(query));
            if !(virtual_match || allowed || paged_scan(sql, &line)) {
                scans.push(format!("{line}\n    in: {sql}"));
            }
        }
    }
    assert!(
        scans.is_empty(),
        "{} queries read a whole table:\n{}",
        scans.len(),
        scans.join("\n")
    );
}
