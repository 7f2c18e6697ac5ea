//! The dashboard: for every project where it stands, what to do next, which deadline
//! comes next and whether it is overdue, its loops and money — and the filters, sort
//! and "this week" view over them. Storage gathers the records; every decision (which
//! dates are still open, which comes first, what is overdue, what a filter keeps and in
//! which order) is made here, so the window only presents.
//!
//! The deadline rule: a project's open dated commitments are
//! - the validity of an offer still waiting for the client's answer (at 1.4),
//! - the planned end of every development stage not yet accepted (during 2.1–2.6),
//! - the planned deployment date until the switchover succeeded (2.x, 3.1, 3.2);
//!
//! a closed or cancelled project has none. The next deadline is the earliest open one;
//! it is overdue when its date is before today (the last day itself is not overdue).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::entity::{HistoryEntry, ProjectSummary};
use crate::lifecycle::{ActionOption, LoopKind, Phase, ProjectState, Step};
use crate::text::Text;

/// What a dated commitment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The offer sent at 1.4 is valid until this date.
    OfferValidity,
    /// A development stage is planned to end on this date.
    StageEnd,
    /// The product is planned to be deployed on this date (3.1).
    Deployment,
}

/// One open dated commitment of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The stage number for [`DeadlineKind::StageEnd`].
    pub stage: Option<u32>,
    /// «Срок действия КП» / "Offer valid until", «Конец этапа 2» / "Stage 2 ends".
    pub label: Text,
    /// Days from today to the date: negative when it has passed.
    pub days_left: i64,
    pub overdue: bool,
}

/// A stage's planned end as the deadline rule reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageDate {
    pub number: u32,
    pub planned_end: String,
    pub accepted: bool,
}

/// The dated records of one project (storage gathers them; empty dates are ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeadlineFacts {
    /// `valid_until` of the offer still waiting for an answer, if any.
    pub pending_offer_valid_until: Option<String>,
    pub stages: Vec<StageDate>,
    /// The deployment plan's date, if a plan was written.
    pub deployment_planned_on: Option<String>,
}

fn parse(date: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()
}

fn deadline(kind: DeadlineKind, date: NaiveDate, stage: Option<u32>, today: NaiveDate) -> Deadline {
    let label = match kind {
        DeadlineKind::OfferValidity => Text::new("Срок действия КП", "Offer valid until"),
        DeadlineKind::StageEnd => {
            let n = stage.unwrap_or_default();
            Text::new(format!("Конец этапа {n}"), format!("Stage {n} ends"))
        }
        DeadlineKind::Deployment => Text::new("Дата внедрения", "Deployment date"),
    };
    let days_left = (date - today).num_days();
    Deadline {
        kind,
        date: date.format("%Y-%m-%d").to_string(),
        stage,
        label,
        days_left,
        overdue: days_left < 0,
    }
}

/// Every open deadline of a project, earliest first (see the module doc for the rule).
pub fn open_deadlines(
    state: &ProjectState,
    facts: &DeadlineFacts,
    today: NaiveDate,
) -> Vec<Deadline> {
    let mut out = Vec::new();
    if !reads_dates(state) {
        return out;
    }
    if state.step == Step::Negotiation {
        if let Some(d) = facts.pending_offer_valid_until.as_deref().and_then(parse) {
            out.push(deadline(DeadlineKind::OfferValidity, d, None, today));
        }
    }
    if state.step.phase() == Phase::Development {
        for s in facts.stages.iter().filter(|s| !s.accepted) {
            if let Some(d) = parse(&s.planned_end) {
                out.push(deadline(DeadlineKind::StageEnd, d, Some(s.number), today));
            }
        }
    }
    let deploying = state.step.phase() == Phase::Development
        || matches!(state.step, Step::Deployment | Step::Switchover);
    if deploying {
        if let Some(d) = facts.deployment_planned_on.as_deref().and_then(parse) {
            out.push(deadline(DeadlineKind::Deployment, d, None, today));
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.stage.cmp(&b.stage)));
    out
}

/// Whether a project at `state` can have open deadlines at all, so storage reads its
/// dated records only for these (a closed project's offers and stages are not read).
pub fn reads_dates(state: &ProjectState) -> bool {
    state.step == Step::Negotiation
        || state.step.phase() == Phase::Development
        || matches!(state.step, Step::Deployment | Step::Switchover)
}

/// The earliest open deadline, if any.
pub fn next_deadline(
    state: &ProjectState,
    facts: &DeadlineFacts,
    today: NaiveDate,
) -> Option<Deadline> {
    open_deadlines(state, facts, today).into_iter().next()
}

/// What the manager does next on the main path: the first forward action (not a loop
/// back), with why it is not possible yet when its guard does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NextAction {
    pub label: Text,
    pub blocked: Option<Text>,
}

/// The next action among the options the lifecycle offers now.
pub fn next_action(options: &[ActionOption]) -> Option<NextAction> {
    let forward = options.iter().filter(|o| o.loop_kind.is_none());
    let pick = forward
        .clone()
        .find(|o| o.blocked.is_none())
        .or_else(|| forward.clone().next())?;
    Some(NextAction {
        label: pick.label.clone(),
        blocked: pick.blocked.as_ref().map(|r| r.message.clone()),
    })
}

/// How many times a loop was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LoopCount {
    pub kind: LoopKind,
    pub name: Text,
    pub count: u32,
}

/// The loops a project took, in the seed's order; loops never taken are left out.
pub fn loop_counts(history: &[HistoryEntry]) -> Vec<LoopCount> {
    LoopKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let count = history
                .iter()
                .filter(|h| h.action.kind().loop_kind() == Some(kind))
                .count() as u32;
            (count > 0).then(|| LoopCount {
                kind,
                name: kind.name(),
                count,
            })
        })
        .collect()
}

/// One project on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DashboardRow {
    pub project: ProjectSummary,
    pub phase: Phase,
    /// "1.2"; none for a closed or cancelled project.
    pub step_number: Option<String>,
    pub step_name: Text,
    pub next_action: Option<NextAction>,
    pub next_deadline: Option<Deadline>,
    /// Any open deadline has passed.
    pub overdue: bool,
    pub loops: Vec<LoopCount>,
    /// Accepted, invoiced and paid amounts in words of the interface ("0,00 ₽").
    pub accepted: Text,
    pub invoiced: Text,
    pub paid: Text,
    /// Every open deadline, earliest first (the "this week" view reads them).
    pub deadlines: Vec<Deadline>,
}

/// Money figures of a row, already formatted by the billing rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowMoney {
    pub accepted: Text,
    pub invoiced: Text,
    pub paid: Text,
}

/// What every project contributes before a page is chosen: the filters, the order,
/// the "this week" view and the reminders read only this. History, options and money
/// are gathered for the rows of the page shown ([`row`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashboardEntry {
    pub project: ProjectSummary,
    /// Every open deadline, earliest first.
    pub deadlines: Vec<Deadline>,
}

impl DashboardEntry {
    pub fn phase(&self) -> Phase {
        self.project.state.step.phase()
    }

    /// Any open deadline has passed.
    pub fn overdue(&self) -> bool {
        self.deadlines.iter().any(|d| d.overdue)
    }
}

/// A project's entry from its dated records (see [`reads_dates`]).
pub fn entry(project: ProjectSummary, facts: &DeadlineFacts, today: NaiveDate) -> DashboardEntry {
    DashboardEntry {
        deadlines: open_deadlines(&project.state, facts, today),
        project,
    }
}

/// Builds a shown project's row from its entry and what storage gathered for it.
pub fn row(
    entry: DashboardEntry,
    history: &[HistoryEntry],
    options: &[ActionOption],
    money: RowMoney,
) -> DashboardRow {
    let state = entry.project.state;
    DashboardRow {
        phase: state.step.phase(),
        step_number: state.step.number().map(str::to_string),
        step_name: state.step.name(),
        next_action: next_action(options),
        next_deadline: entry.deadlines.first().cloned(),
        overdue: entry.overdue(),
        loops: loop_counts(history),
        accepted: money.accepted,
        invoiced: money.invoiced,
        paid: money.paid,
        deadlines: entry.deadlines,
        project: entry.project,
    }
}

/// The order of the dashboard's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DashboardSort {
    /// Earliest next deadline first; projects without one after them, by name.
    Deadline,
    /// By project name, as a reader sorts (case and ё ignored).
    Name,
    /// The project changed last first.
    #[default]
    Changed,
}

/// What the dashboard shows: the filters the user chose.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DashboardQuery {
    /// `finished` keeps closed and cancelled projects.
    pub phase: Option<Phase>,
    pub client_id: Option<i64>,
    pub overdue_only: bool,
    /// Words the project's name or client must contain (case and ё ignored).
    pub text: String,
    pub sort: DashboardSort,
    /// The first row to show (0: the top); rows come a page at a time.
    #[serde(default)]
    pub offset: u32,
    /// How many rows to show from `offset`; 0 means [`PAGE`]; at most [`MAX_PAGE`].
    #[serde(default)]
    pub limit: u32,
}

/// The rows the dashboard shows at once when the window does not say.
pub const PAGE: u32 = 50;
/// The most rows one answer carries.
pub const MAX_PAGE: u32 = 200;

impl DashboardQuery {
    /// How many rows this query's page holds.
    pub fn page_size(&self) -> usize {
        let n = match self.limit {
            0 => PAGE,
            n => n.min(MAX_PAGE),
        };
        n as usize
    }
}

fn fold(s: &str) -> String {
    crate::search::normal_form(s).to_lowercase()
}

/// Does the project pass the query's filters?
pub fn matches(row: &DashboardEntry, q: &DashboardQuery) -> bool {
    if q.phase.is_some_and(|p| p != row.phase()) {
        return false;
    }
    if q.client_id.is_some_and(|c| c != row.project.client_id) {
        return false;
    }
    if q.overdue_only && !row.overdue() {
        return false;
    }
    let hay = fold(&format!(
        "{} {}",
        row.project.title, row.project.client_name
    ));
    fold(&q.text).split_whitespace().all(|w| hay.contains(w))
}

/// The projects the query keeps, in its order (all of them: [`dashboard`] pages).
pub fn select(rows: Vec<DashboardEntry>, q: &DashboardQuery) -> Vec<DashboardEntry> {
    let mut kept: Vec<DashboardEntry> = rows.into_iter().filter(|r| matches(r, q)).collect();
    // Keys computed once a row (a folded name allocates; folding it on every
    // comparison was a third of the dashboard's time at 1,000 projects).
    match q.sort {
        DashboardSort::Name => {
            kept.sort_by_cached_key(|r| (fold(&r.project.title), r.project.id));
        }
        DashboardSort::Changed => kept.sort_by(|a, b| {
            b.project
                .updated_at
                .cmp(&a.project.updated_at)
                .then(b.project.id.cmp(&a.project.id))
        }),
        // Earliest deadline first, then by name; projects without one after them.
        DashboardSort::Deadline => kept.sort_by_cached_key(|r| {
            let date = r.deadlines.first().map(|d| d.date.clone());
            (
                date.is_none(),
                date.unwrap_or_default(),
                fold(&r.project.title),
                r.project.id,
            )
        }),
    }
    kept
}

/// One item of the "this week" view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DueItem {
    pub project_id: i64,
    pub title: String,
    pub client_name: String,
    pub deadline: Deadline,
}

/// How many items of "this week" the dashboard carries (the earliest; the rest are
/// counted, and the overdue filter lists every project).
pub const WEEK_SHOWN: usize = 30;

/// How far ahead "this week" looks, in days from today.
pub const WEEK_DAYS: i64 = 7;

/// What is due across all projects within [`WEEK_DAYS`] and what is overdue, earliest
/// first.
pub fn this_week(rows: &[DashboardEntry]) -> Vec<DueItem> {
    let mut out: Vec<DueItem> = rows
        .iter()
        .flat_map(|r| {
            r.deadlines
                .iter()
                .filter(|d| d.days_left <= WEEK_DAYS)
                .map(|d| DueItem {
                    project_id: r.project.id,
                    title: r.project.title.clone(),
                    client_name: r.project.client_name.clone(),
                    deadline: d.clone(),
                })
        })
        .collect();
    out.sort_by(|a, b| {
        a.deadline
            .date
            .cmp(&b.deadline.date)
            .then(a.project_id.cmp(&b.project_id))
    });
    out
}

/// A client to filter by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientOption {
    pub id: i64,
    pub name: String,
}

/// The dashboard page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dashboard {
    /// The page of rows the query kept, in its order, from `offset`.
    pub rows: Vec<DashboardRow>,
    /// The query's first row.
    pub offset: u32,
    /// How many projects pass the filters (the rows after this page: `matched` minus
    /// `offset` minus the rows shown).
    pub matched: u32,
    /// How many projects there are in all (an empty filter result is not "no projects").
    pub total: u32,
    /// Clients that have projects, by name.
    pub clients: Vec<ClientOption>,
    /// Due within a week or overdue, across all projects (whatever the filters),
    /// earliest first: the first [`WEEK_SHOWN`].
    pub week: Vec<DueItem>,
    /// How many items "this week" holds in all.
    pub week_total: u32,
    /// `YYYY-MM-DD` the deadlines were judged against.
    pub today: String,
}

/// The dashboard from every project's entry: the filters and order over all of them,
/// then `complete` gathers history, options and money for the page's rows only.
pub fn dashboard<E>(
    entries: Vec<DashboardEntry>,
    q: &DashboardQuery,
    today: NaiveDate,
    complete: impl FnMut(DashboardEntry) -> Result<DashboardRow, E>,
) -> Result<Dashboard, E> {
    let mut seen = std::collections::HashSet::new();
    let mut clients: Vec<ClientOption> = entries
        .iter()
        .filter(|r| seen.insert(r.project.client_id))
        .map(|r| ClientOption {
            id: r.project.client_id,
            name: r.project.client_name.clone(),
        })
        .collect();
    clients.sort_by_cached_key(|c| (fold(&c.name), c.id));
    let mut week = this_week(&entries);
    let week_total = week.len() as u32;
    week.truncate(WEEK_SHOWN);
    let total = entries.len() as u32;
    let kept = select(entries, q);
    let matched = kept.len() as u32;
    let rows = kept
        .into_iter()
        .skip(q.offset as usize)
        .take(q.page_size())
        .map(complete)
        .collect::<Result<_, E>>()?;
    Ok(Dashboard {
        rows,
        offset: q.offset,
        matched,
        total,
        clients,
        week,
        week_total,
        today: today.format("%Y-%m-%d").to_string(),
    })
}

/// A desktop notice about a deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reminder {
    /// Names the item (project, kind, stage, date): a notice is shown at most once a day
    /// per key.
    pub key: String,
    pub project_id: i64,
    pub title: Text,
    pub body: Text,
}

/// The deadlines worth a desktop notice today: an offer expiring today or tomorrow (or
/// already expired while still waiting), a stage due tomorrow, today or overdue. The
/// deployment date is on the dashboard but not a notice.
pub fn reminders(rows: &[DashboardEntry]) -> Vec<Reminder> {
    let mut out = Vec::new();
    for r in rows {
        for d in &r.deadlines {
            if d.kind == DeadlineKind::Deployment || d.days_left > 1 {
                continue;
            }
            let (ru_when, en_when) = match d.days_left {
                1 => ("завтра".to_string(), "tomorrow".to_string()),
                0 => ("сегодня".to_string(), "today".to_string()),
                n => (
                    format!("просрочено на {} дн.", -n),
                    format!("{} d overdue", -n),
                ),
            };
            let title = match d.kind {
                DeadlineKind::OfferValidity => Text::new(
                    format!("КП истекает: {ru_when}"),
                    format!("Offer expires: {en_when}"),
                ),
                _ => Text::new(
                    format!("{}: {ru_when}", d.label.ru),
                    format!("{}: {en_when}", d.label.en),
                ),
            };
            out.push(Reminder {
                key: format!(
                    "{}:{:?}:{}:{}",
                    r.project.id,
                    d.kind,
                    d.stage.unwrap_or(0),
                    d.date
                ),
                project_id: r.project.id,
                title,
                body: Text::new(
                    format!(
                        "{} — {} ({})",
                        r.project.title, r.project.client_name, d.date
                    ),
                    format!(
                        "{} — {} ({})",
                        r.project.title, r.project.client_name, d.date
                    ),
                ),
            });
        }
    }
    out
}

/// Which reminders were shown on which day: storage keeps it, this rule reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notified {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub keys: Vec<String>,
}

/// The reminders not yet shown today, and the record to keep after showing them. A
/// record of an earlier day is forgotten: each item may be shown again the next day.
pub fn unsent(
    all: Vec<Reminder>,
    record: &Notified,
    today: NaiveDate,
) -> (Vec<Reminder>, Notified) {
    let day = today.format("%Y-%m-%d").to_string();
    let mut keys = if record.day == day {
        record.keys.clone()
    } else {
        Vec::new()
    };
    let fresh: Vec<Reminder> = all.into_iter().filter(|r| !keys.contains(&r.key)).collect();
    keys.extend(fresh.iter().map(|r| r.key.clone()));
    (fresh, Notified { day, keys })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(step: Step) -> ProjectState {
        ProjectState {
            step,
            round: 1,
            stage: if step.is_stage_step() { 1 } else { 0 },
            stages_total: 2,
            cancelled_from: None,
        }
    }

    fn facts() -> DeadlineFacts {
        DeadlineFacts {
            pending_offer_valid_until: Some("2026-12-10".into()),
            stages: vec![
                StageDate {
                    number: 1,
                    planned_end: "2026-12-05".into(),
                    accepted: true,
                },
                StageDate {
                    number: 2,
                    planned_end: "2026-12-20".into(),
                    accepted: false,
                },
            ],
            deployment_planned_on: Some("2026-12-15".into()),
        }
    }

    #[test]
    fn offer_validity_counts_only_while_the_offer_waits_at_1_4() {
        let today = d("2026-12-01");
        let n = next_deadline(&at(Step::Negotiation), &facts(), today).unwrap();
        assert_eq!(n.kind, DeadlineKind::OfferValidity);
        assert_eq!(n.date, "2026-12-10");
        assert_eq!(n.days_left, 9);
        assert!(!n.overdue);
        // At 1.5 the offer was accepted: no deadline from it.
        assert_eq!(
            next_deadline(&at(Step::Specification), &facts(), today),
            None
        );
        let no_offer = DeadlineFacts {
            pending_offer_valid_until: None,
            ..facts()
        };
        assert_eq!(
            next_deadline(&at(Step::Negotiation), &no_offer, today),
            None
        );
    }

    #[test]
    fn in_development_the_earliest_of_open_stage_ends_and_deployment_comes_first() {
        let today = d("2026-12-01");
        let all = open_deadlines(&at(Step::Coding), &facts(), today);
        // Stage 1 is accepted: its date is no longer open.
        let dates: Vec<&str> = all.iter().map(|x| x.date.as_str()).collect();
        assert_eq!(dates, ["2026-12-15", "2026-12-20"]);
        assert_eq!(all[0].kind, DeadlineKind::Deployment);
        assert_eq!(all[1].stage, Some(2));
        assert_eq!(all[1].label.en, "Stage 2 ends");
    }

    #[test]
    fn after_the_switchover_and_when_closed_nothing_is_open() {
        let today = d("2027-03-01");
        assert_eq!(
            next_deadline(&at(Step::Switchover), &facts(), today).map(|x| x.overdue),
            Some(true)
        );
        assert!(open_deadlines(&at(Step::SupportHandover), &facts(), today).is_empty());
        assert!(open_deadlines(&at(Step::Closed), &facts(), today).is_empty());
        assert!(open_deadlines(&at(Step::Cancelled), &facts(), today).is_empty());
    }

    #[test]
    fn overdue_from_the_day_after_the_date() {
        let f = DeadlineFacts {
            stages: vec![StageDate {
                number: 1,
                planned_end: "2026-12-05".into(),
                accepted: false,
            }],
            ..Default::default()
        };
        let on_the_day = next_deadline(&at(Step::Testing), &f, d("2026-12-05")).unwrap();
        assert!(!on_the_day.overdue);
        assert_eq!(on_the_day.days_left, 0);
        let after = next_deadline(&at(Step::Testing), &f, d("2026-12-06")).unwrap();
        assert!(after.overdue);
        assert_eq!(after.days_left, -1);
    }

    #[test]
    fn an_empty_or_mistyped_date_is_no_deadline() {
        let f = DeadlineFacts {
            pending_offer_valid_until: Some("10.12.2026".into()),
            stages: vec![StageDate {
                number: 1,
                planned_end: String::new(),
                accepted: false,
            }],
            deployment_planned_on: Some(" ".into()),
        };
        assert!(open_deadlines(&at(Step::Negotiation), &f, d("2026-12-01")).is_empty());
        assert!(open_deadlines(&at(Step::Coding), &f, d("2026-12-01")).is_empty());
    }

    fn money() -> RowMoney {
        RowMoney {
            accepted: Text::new("0", "0"),
            invoiced: Text::new("0", "0"),
            paid: Text::new("0", "0"),
        }
    }

    fn row_of(id: i64, title: &str, client: i64, step: Step, f: &DeadlineFacts) -> DashboardEntry {
        let project = ProjectSummary {
            id,
            client_id: client,
            client_name: format!("Клиент {client}"),
            title: title.into(),
            state: at(step),
            step_label: step.label(),
            updated_at: format!("2026-11-{:02}T10:00:00Z", id),
        };
        entry(project, f, d("2026-12-12"))
    }

    fn rows() -> Vec<DashboardEntry> {
        vec![
            row_of(1, "Бета", 1, Step::Coding, &facts()),
            row_of(2, "альфа", 2, Step::Request, &DeadlineFacts::default()),
            row_of(3, "Ёлка", 1, Step::Closed, &facts()),
            row_of(4, "Гамма", 2, Step::Negotiation, &facts()),
        ]
    }

    fn ids(rows: &[DashboardEntry]) -> Vec<i64> {
        rows.iter().map(|r| r.project.id).collect()
    }

    #[test]
    fn filters_by_phase_client_overdue_and_words() {
        let q = |f: fn(&mut DashboardQuery)| {
            let mut q = DashboardQuery::default();
            f(&mut q);
            ids(&select(rows(), &q))
        };
        assert_eq!(q(|q| q.phase = Some(Phase::Finished)), [3]);
        assert_eq!(q(|q| q.phase = Some(Phase::Preparation)), [4, 2]);
        assert_eq!(q(|q| q.client_id = Some(1)), [3, 1]);
        // Today 2026-12-12: the offer (valid until 12-10) is overdue; stage 2 (12-20)
        // is not, but the deployment date 12-15 is not either.
        assert_eq!(q(|q| q.overdue_only = true), [4]);
        assert_eq!(q(|q| q.text = "елка".into()), [3]);
        assert_eq!(q(|q| q.text = "клиент 2".into()), [4, 2]);
    }

    #[test]
    fn sorts_by_deadline_name_and_last_change() {
        let q = |sort| {
            ids(&select(
                rows(),
                &DashboardQuery {
                    sort,
                    ..Default::default()
                },
            ))
        };
        // 4: 12-10, 1: 12-15; then without deadline by name: альфа, Ёлка.
        assert_eq!(q(DashboardSort::Deadline), [4, 1, 2, 3]);
        assert_eq!(q(DashboardSort::Name), [2, 1, 4, 3]);
        assert_eq!(q(DashboardSort::Changed), [4, 3, 2, 1]);
    }

    #[test]
    fn this_week_lists_overdue_and_due_within_seven_days_across_projects() {
        let week = this_week(&rows());
        let got: Vec<(i64, &str)> = week
            .iter()
            .map(|i| (i.project_id, i.deadline.date.as_str()))
            .collect();
        // 12-20 is 8 days after 12-12: not this week; a closed project has nothing due.
        assert_eq!(got, [(4, "2026-12-10"), (1, "2026-12-15")]);
        assert!(week[0].deadline.overdue);
        let page = dashboard(rows(), &DashboardQuery::default(), d("2026-12-12"), |e| {
            Ok::<_, ()>(row(e, &[], &[], money()))
        })
        .unwrap();
        assert_eq!(page.total, 4);
        assert_eq!(page.clients.len(), 2);
        assert_eq!(page.today, "2026-12-12");
    }

    #[test]
    fn a_page_of_rows_is_completed_and_the_counts_say_what_is_beyond_it() {
        let mut completed = Vec::new();
        let q = DashboardQuery {
            sort: DashboardSort::Name,
            offset: 1,
            limit: 2,
            ..Default::default()
        };
        let page = dashboard(rows(), &q, d("2026-12-12"), |e| {
            completed.push(e.project.id);
            Ok::<_, ()>(row(e, &[], &[], money()))
        })
        .unwrap();
        // By name: альфа (2), Бета (1), Гамма (4), Ёлка (3); the page is 1 and 4.
        assert_eq!(
            completed,
            [1, 4],
            "history and money read for the page only"
        );
        assert_eq!(
            page.rows.iter().map(|r| r.project.id).collect::<Vec<_>>(),
            [1, 4]
        );
        assert_eq!((page.offset, page.matched, page.total), (1, 4, 4));
        // The week and the client filter still see every project.
        assert_eq!(page.week.len(), 2);
        assert_eq!(page.clients.len(), 2);
        let filtered = DashboardQuery {
            client_id: Some(2),
            ..Default::default()
        };
        let page = dashboard(rows(), &filtered, d("2026-12-12"), |e| {
            Ok::<_, ()>(row(e, &[], &[], money()))
        })
        .unwrap();
        assert_eq!((page.matched, page.total, page.rows.len()), (2, 4, 2));
        assert_eq!(DashboardQuery::default().page_size(), PAGE as usize);
        let huge = DashboardQuery {
            limit: 100_000,
            ..Default::default()
        };
        assert_eq!(huge.page_size(), MAX_PAGE as usize);
    }

    #[test]
    fn this_week_carries_the_earliest_items_and_counts_the_rest() {
        let many: Vec<DashboardEntry> = (1..=40)
            .map(|i| row_of(i, &format!("П{i}"), 1, Step::Negotiation, &facts()))
            .collect();
        let page = dashboard(many, &DashboardQuery::default(), d("2026-12-12"), |e| {
            Ok::<_, ()>(row(e, &[], &[], money()))
        })
        .unwrap();
        assert_eq!(page.week.len(), WEEK_SHOWN);
        assert_eq!(page.week_total, 40);
        assert_eq!(page.rows.len(), 40);
    }

    #[test]
    fn a_row_carries_its_entry_deadlines_and_the_loops_taken() {
        let e = row_of(4, "Гамма", 2, Step::Negotiation, &facts());
        let r = row(e.clone(), &[], &[], money());
        assert_eq!(r.next_deadline, e.deadlines.first().cloned());
        assert!(r.overdue);
        assert_eq!(r.phase, Phase::Preparation);
    }
    #[test]
    fn reminders_for_offers_expiring_and_stages_due_tomorrow_or_overdue_once_a_day() {
        let f = DeadlineFacts {
            pending_offer_valid_until: Some("2026-12-13".into()),
            stages: vec![
                StageDate {
                    number: 1,
                    planned_end: "2026-12-10".into(),
                    accepted: false,
                },
                StageDate {
                    number: 2,
                    planned_end: "2026-12-13".into(),
                    accepted: false,
                },
                StageDate {
                    number: 3,
                    planned_end: "2026-12-20".into(),
                    accepted: false,
                },
            ],
            deployment_planned_on: Some("2026-12-12".into()),
        };
        // Today 2026-12-12.
        let rows = vec![
            row_of(1, "Оффер", 1, Step::Negotiation, &f),
            row_of(2, "Код", 1, Step::Coding, &f),
        ];
        let all = reminders(&rows);
        let titles: Vec<&str> = all.iter().map(|r| r.title.en.as_str()).collect();
        // Stage 3 is 8 days away, the deployment date is not a notice.
        assert_eq!(
            titles,
            [
                "Offer expires: tomorrow",
                "Stage 1 ends: 2 d overdue",
                "Stage 2 ends: tomorrow"
            ]
        );
        let today = d("2026-12-12");
        let (first, record) = unsent(all.clone(), &Notified::default(), today);
        assert_eq!(first.len(), 3);
        let (again, same) = unsent(all.clone(), &record, today);
        assert!(again.is_empty(), "shown once a day");
        assert_eq!(same, record);
        let (next_day, _) = unsent(all, &record, d("2026-12-13"));
        assert_eq!(next_day.len(), 3, "shown again the next day");
    }
}
