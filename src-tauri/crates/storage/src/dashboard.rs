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
use rusqlite::{Connection, OptionalExtension};

use crate::{Result, Store};

/// The dated records of one project the deadline rule reads.
fn deadline_facts(conn: &Connection, project_id: i64) -> Result<DeadlineFacts> {
    let pending_offer_valid_until = conn
        .query_row(
            "SELECT valid_until FROM offers WHERE project_id = ?1 AND answer = 'pending' \
             ORDER BY id DESC LIMIT 1",
            [project_id],
            |r| r.get(0),
        )
        .optional()?;
    let mut st = conn.prepare_cached(
        "SELECT number, planned_end, frozen FROM stages WHERE project_id = ?1 ORDER BY number",
    )?;
    let stages = st
        .query_map([project_id], |r| {
            Ok(StageDate {
                number: r.get(0)?,
                planned_end: r.get(1)?,
                accepted: r.get::<_, i64>(2)? == 1,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let deployment_planned_on = conn
        .query_row(
            "SELECT planned_on FROM deployment_plans WHERE project_id = ?1",
            [project_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(DeadlineFacts {
        pending_offer_valid_until,
        stages,
        deployment_planned_on,
    })
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
        dashboard::dashboard(self.dashboard_entries(today)?, query, today, |e| {
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
        })
    }

    /// Every project's entry: its summary and open deadlines as of `today`.
    fn dashboard_entries(&self, today: chrono::NaiveDate) -> Result<Vec<DashboardEntry>> {
        let none = DeadlineFacts::default();
        self.projects()?
            .into_iter()
            .map(|p| {
                let facts = if dashboard::reads_dates(&p.state) {
                    deadline_facts(&self.conn, p.id)?
                } else {
                    none.clone()
                };
                Ok(dashboard::entry(p, &facts, today))
            })
            .collect()
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
        let mut st = self.conn.prepare(
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
