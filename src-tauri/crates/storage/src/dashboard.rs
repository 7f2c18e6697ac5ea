//! The dashboard's query: gathers every project's state, history, options, dated
//! records and money, and asks [`etap_domain::dashboard`] for the rows, the next
//! deadlines, the filters' answer and the "this week" view.

use etap_domain::dashboard::{
    self, Dashboard, DashboardQuery, DeadlineFacts, Notified, Reminder, RowMoney, StageDate,
};
use etap_domain::lifecycle::options;
use etap_domain::settings::{self, Settings, SettingsPage};
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
    let mut st = conn.prepare(
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
        let mut rows = Vec::new();
        for project in self.projects()? {
            let id = project.id;
            let history = self.history(id)?;
            let opts = options(&project.state, &self.facts(id)?);
            let r = self.receivables(id)?;
            let money = RowMoney {
                accepted: r.accepted_text,
                invoiced: r.invoiced_text,
                paid: r.paid_text,
            };
            let facts = deadline_facts(&self.conn, id)?;
            rows.push(dashboard::row(
                project, &history, &opts, &facts, money, today,
            ));
        }
        Ok(dashboard::dashboard(rows, query, today))
    }
}

/// The settings key of the reminders shown today ([`etap_domain::dashboard::Notified`]
/// as JSON).
const NOTIFIED: &str = "notified_today";

impl Store {
    /// The user's settings; missing values take the domain's defaults (`system`: the
    /// language of the system's locale).
    pub fn settings(&self, system: etap_domain::Lang) -> Result<Settings> {
        let mut stored = Vec::new();
        for key in [settings::LANGUAGE, settings::NOTIFICATIONS] {
            if let Some(v) = self.setting(key)? {
                stored.push((key, v));
            }
        }
        Ok(Settings::read(
            |k| {
                stored
                    .iter()
                    .find(|(key, _)| *key == k)
                    .map(|(_, v)| v.clone())
            },
            system,
        ))
    }

    /// Turns desktop notifications of deadlines on or off.
    pub fn set_notifications(&mut self, on: bool) -> Result<()> {
        let mut s = self.settings(etap_domain::Lang::Ru)?;
        s.notifications = on;
        let [_, (key, value)] = s.stored();
        self.set_setting(key, value)
    }

    /// What the settings page shows: the settings, the provider profile's estimate
    /// defaults and the numbering formats.
    pub fn settings_page(&self, system: etap_domain::Lang) -> Result<SettingsPage> {
        let (vat, currency, rate) = crate::provider::defaults(&self.conn)?;
        let both = |f: &dyn Fn(etap_domain::Lang) -> String| {
            etap_domain::Text::new(f(etap_domain::Lang::Ru), f(etap_domain::Lang::En))
        };
        Ok(SettingsPage {
            settings: self.settings(system)?,
            vat: both(&|l| vat.label(l)),
            currency: currency.code().to_string(),
            hourly_rate: both(&|l| etap_domain::money::format_unit_price(rate, currency, l)),
            numbering: settings::number_formats(chrono::Datelike::year(&crate::today())),
        })
    }

    /// The deadline notices to show now, as of `today`: none when notifications are
    /// off; each item at most once a day — what is returned is recorded as shown in
    /// the same transaction.
    pub fn take_reminders(&mut self, today: chrono::NaiveDate) -> Result<Vec<Reminder>> {
        if !self.settings(etap_domain::Lang::Ru)?.notifications {
            return Ok(Vec::new());
        }
        let page = self.dashboard_on(&DashboardQuery::default(), today)?;
        let all = dashboard::reminders(&page.rows);
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
