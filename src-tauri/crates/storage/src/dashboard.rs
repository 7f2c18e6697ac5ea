//! The dashboard's query: every project's summary and, for the projects that can have
//! deadlines, their dated records (point reads by index); [`etap_domain::dashboard`]
//! decides the deadlines, the filters' answer, the order and the "this week" view; the
//! history, options and money are read only for the page of rows shown.

use etap_domain::dashboard::{
    self, Dashboard, DashboardEntry, DashboardQuery, DeadlineFacts, Notified, Reminder, RowMoney,
    StageDate,
};
use etap_domain::lifecycle::{has_options, options};
use etap_domain::timeline::{self, StageDates, Timeline};
use std::collections::HashMap;

use rusqlite::Connection;

use crate::{Result, Store};

/// The dated records the deadline rule reads, of every project that has any, in
/// three reads over the partial indexes of migration 15 (pending offers, stages not
/// yet accepted) and the deployment plans' primary key — not three point reads per
/// project, which were most of the dashboard's time at 1,000 projects.
fn all_deadline_facts(conn: &Connection) -> Result<HashMap<i64, DeadlineFacts>> {
    let mut out: HashMap<i64, DeadlineFacts> = HashMap::new();
    let mut st = conn.prepare_cached(
        "SELECT project_id, valid_until FROM offers WHERE answer = 'pending' \
         ORDER BY project_id, id DESC",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let facts = out.entry(r.get(0)?).or_default();
        // The newest pending offer (the first of its project in this order).
        if facts.pending_offer_valid_until.is_none() {
            facts.pending_offer_valid_until = Some(r.get(1)?);
        }
    }
    let mut st = conn.prepare_cached(
        "SELECT project_id, number, planned_end FROM stages WHERE frozen = 0 \
         ORDER BY project_id, number",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().stages.push(StageDate {
            number: r.get(1)?,
            planned_end: r.get(2)?,
            accepted: false,
        });
    }
    let mut st = conn.prepare_cached("SELECT project_id, planned_on FROM deployment_plans")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().deployment_planned_on = r.get(1)?;
    }
    Ok(out)
}

impl Store {
    /// The dashboard as of today where the user is.
    pub fn dashboard(&self, query: &DashboardQuery) -> Result<Dashboard> {
        self.dashboard_on(query, crate::today())
    }

    /// The dashboard with deadlines judged against `today`.
    pub fn dashboard_on(
        &self,
        query: &DashboardQuery,
        today: chrono::NaiveDate,
    ) -> Result<Dashboard> {
        // One read transaction: one snapshot for the whole answer, and the WAL's read
        // lock taken once instead of for each of the page's few hundred statements.
        let snapshot = self.conn.unchecked_transaction()?;
        let answer = dashboard::dashboard(
            self.dashboard_entries(today)?,
            query,
            today,
            |e| -> Result<_> {
                let id = e.project.id;
                let history = self.history(id)?;
                let opts = if has_options(&e.project.state) {
                    options(&e.project.state, &self.facts(id)?)
                } else {
                    Vec::new()
                };
                let r = self.receivables(id)?;
                let money = RowMoney {
                    accepted: r.accepted_text,
                    invoiced: r.invoiced_text,
                    paid: r.paid_text,
                };
                Ok(dashboard::row(e, &history, &opts, money))
            },
        )?;
        snapshot.finish()?;
        Ok(answer)
    }

    /// Every project's entry: its summary and open deadlines as of `today`.
    fn dashboard_entries(&self, today: chrono::NaiveDate) -> Result<Vec<DashboardEntry>> {
        let none = DeadlineFacts::default();
        let mut dated = all_deadline_facts(&self.conn)?;
        Ok(self
            .projects()?
            .into_iter()
            .map(|p| {
                // A closed project's old records are not its deadlines: the rule reads
                // dates only at the steps that have them.
                let facts = match dashboard::reads_dates(&p.state) {
                    true => dated.remove(&p.id),
                    false => None,
                };
                dashboard::entry(p, facts.as_ref().unwrap_or(&none), today)
            })
            .collect())
    }
}

/// The settings key of the reminders shown today ([`etap_domain::dashboard::Notified`]
/// as JSON).
const NOTIFIED: &str = "notified_today";

impl Store {
    /// The deadline notices to show now, as of `today`: none when notifications are
    /// off; each item at most once a day — what is returned is recorded as shown in
    /// the same transaction.
    pub fn take_reminders(&mut self, today: chrono::NaiveDate) -> Result<Vec<Reminder>> {
        if !self.settings(etap_domain::Lang::Ru)?.notifications {
            return Ok(Vec::new());
        }
        let all = dashboard::reminders(&self.dashboard_entries(today)?);
        let record: Notified = self
            .setting(NOTIFIED)?
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default();
        let (fresh, record) = dashboard::unsent(all, &record, today);
        if !fresh.is_empty() {
            let json = serde_json::to_string(&record).unwrap_or_default();
            self.set_setting(NOTIFIED, &json)?;
        }
        Ok(fresh)
    }

    /// [`Store::take_reminders`] as of today where the user is.
    pub fn take_reminders_today(&mut self) -> Result<Vec<Reminder>> {
        self.take_reminders(crate::today())
    }

    /// A project's timeline: its stages planned against accepted, history as markers.
    pub fn timeline(&self, project_id: i64) -> Result<Timeline> {
        self.project(project_id)?;
        let mut st = self.conn.prepare_cached(
            "SELECT s.number, s.title, s.planned_start, s.planned_end, s.frozen, a.accepted_on \
             FROM stages s LEFT JOIN acceptances a ON a.stage_id = s.id \
             WHERE s.project_id = ?1 ORDER BY s.number",
        )?;
        let stages = st
            .query_map([project_id], |r| {
                let frozen: i64 = r.get(4)?;
                let accepted: Option<String> = r.get(5)?;
                Ok(StageDates {
                    number: r.get(0)?,
                    title: r.get(1)?,
                    planned_start: r.get(2)?,
                    planned_end: r.get(3)?,
                    accepted_on: accepted.filter(|_| frozen == 1),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let history = self.history(project_id)?;
        Ok(timeline::timeline(&stages, &history, crate::today()))
    }
}
