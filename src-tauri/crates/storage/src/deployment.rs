//! Storage of the deployment records 3.1–3.3: the deployment plan, the database
//! archives made before a switchover, and the support handover. Switchover outcomes
//! are lifecycle transitions (a rollback with its reason), so they are counted from
//! the history like every loop.
//!
//! Guarantees:
//! - every rule is asked of [`etap_domain::deployment`] (and the checklist rule of
//!   [`etap_domain::development`]) before a write;
//! - archive records are append-only: triggers refuse changing or deleting one;
//! - the archive a switchover needs is one recorded after the latest deployment
//!   (a rollback starts a new attempt, which needs its own archive).

use etap_domain::deployment::{
    check_archive, check_support, DbArchive, DeploymentPlan, SupportContact, SupportHandover,
    SwitchKind, TargetKind,
};
use etap_domain::development::{check_item, parse_date, ChecklistItem};
use etap_domain::lifecycle::Refusal;
use etap_domain::text::Text;
use rusqlite::{params, Connection, OptionalExtension};

use crate::codes;
use crate::preparation::touch;
use crate::CachedRow as _;
use crate::{load_state, now, Result, StorageError, Store};

/// A refusal of the domain as a storage error (the one conversion, in `error`).
fn refused(r: Refusal) -> StorageError {
    StorageError::refused(r)
}

fn json<T: serde::de::DeserializeOwned + Default>(col: usize, s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A typed date that is not empty must be a date.
fn check_date_field(value: &str, what: (&str, &str)) -> Result<()> {
    if value.trim().is_empty() || parse_date(value).is_some() {
        return Ok(());
    }
    Err(refused(Refusal {
        code: "date_invalid",
        message: Text::new(
            format!(
                "«{}» — не дата: {} пишется как ГГГГ-ММ-ДД.",
                value.trim(),
                what.0
            ),
            format!(
                "“{}” is not a date: write the {} as YYYY-MM-DD.",
                value.trim(),
                what.1
            ),
        ),
    }))
}

pub(crate) fn plan(conn: &Connection, project_id: i64) -> Result<Option<DeploymentPlan>> {
    Ok(conn
        .row(
            "SELECT target, description, planned_on, responsible, switch_kind, checklist \
             FROM deployment_plans WHERE project_id = ?1",
            [project_id],
            |r| {
                let checklist: String = r.get(5)?;
                Ok(DeploymentPlan {
                    target: codes::code(
                        r,
                        0,
                        ("deployment_plans", "target"),
                        TargetKind::from_code,
                    )?,
                    description: r.get(1)?,
                    planned_on: r.get(2)?,
                    responsible: r.get(3)?,
                    switch_kind: codes::code(
                        r,
                        4,
                        ("deployment_plans", "switch_kind"),
                        SwitchKind::from_code,
                    )?,
                    checklist: json(5, &checklist)?,
                })
            },
        )
        .optional()?)
}

fn archives(conn: &Connection, project_id: i64) -> Result<Vec<(DbArchive, i64)>> {
    let mut st = conn.prepare_cached(
        "SELECT what, location, made_at, sha256, after_transition FROM db_archives \
         WHERE project_id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([project_id], |r| {
        Ok((
            DbArchive {
                what: r.get(0)?,
                location: r.get(1)?,
                made_at: r.get(2)?,
                sha256: r.get(3)?,
            },
            r.get(4)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The id and time of the latest transition taken with `action`, if any.
fn last_transition(
    conn: &Connection,
    project_id: i64,
    action: &str,
) -> Result<Option<(i64, String)>> {
    Ok(conn
        .row(
            "SELECT id, at FROM transitions WHERE project_id = ?1 AND action = ?2 \
             ORDER BY id DESC LIMIT 1",
            params![project_id, action],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The archive made for the switchover under way: one recorded since the latest
/// deployment (a rollback and a new deployment start a new attempt).
fn current_archive(conn: &Connection, project_id: i64) -> Result<Option<DbArchive>> {
    let since = last_transition(conn, project_id, "deploy")?.map_or(0, |(id, _)| id);
    Ok(archives(conn, project_id)?
        .into_iter()
        .rev()
        .find(|(_, after)| *after >= since)
        .map(|(a, _)| a))
}

pub(crate) fn support(conn: &Connection, project_id: i64) -> Result<Option<SupportHandover>> {
    Ok(conn
        .row(
            "SELECT team, documents, handed_over_on, warranty_until FROM support_handovers \
             WHERE project_id = ?1",
            [project_id],
            |r| {
                let team: String = r.get(0)?;
                let documents: String = r.get(1)?;
                Ok(SupportHandover {
                    team: json::<Vec<SupportContact>>(0, &team)?,
                    documents: documents.lines().map(str::to_string).collect(),
                    handed_over_on: r.get(2)?,
                    warranty_until: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// Whether an акт was registered after the handover to support began (the final one).
fn final_act_issued(conn: &Connection, project_id: i64) -> Result<bool> {
    let Some((_, since)) = last_transition(conn, project_id, "switch_over")? else {
        return Ok(false);
    };
    Ok(conn.row(
        "SELECT EXISTS (SELECT 1 FROM issued_documents WHERE project_id = ?1 AND kind = 'act' AND version IS NULL \
         AND issued_at >= ?2)",
        params![project_id, since],
        |r| r.get(0),
    )?)
}

/// Fills the deployment part of the facts the guards read.
pub(crate) fn gather(
    conn: &Connection,
    project_id: i64,
    facts: &mut etap_domain::lifecycle::DeliveryFacts,
) -> Result<()> {
    facts.deployment_plan = plan(conn, project_id)?;
    facts.archive = current_archive(conn, project_id)?;
    facts.support = support(conn, project_id)?;
    facts.final_act_issued = final_act_issued(conn, project_id)?;
    Ok(())
}

impl Store {
    /// The deployment plan of 3.1, if one was made.
    pub fn deployment_plan(&self, project_id: i64) -> Result<Option<DeploymentPlan>> {
        load_state(&self.conn, project_id)?;
        plan(&self.conn, project_id)
    }

    /// Saves the deployment plan; a malformed date, a checklist text that looks like a
    /// secret or an owner outside the team is refused.
    pub fn save_deployment_plan(
        &mut self,
        project_id: i64,
        p: &DeploymentPlan,
    ) -> Result<Option<DeploymentPlan>> {
        check_date_field(&p.planned_on, ("дата внедрения", "deployment date"))?;
        let checklist: Vec<ChecklistItem> = p
            .checklist
            .iter()
            .filter(|i| !i.title.trim().is_empty())
            .cloned()
            .collect();
        let at = now();
        self.write(|tx| {
            let team = crate::preparation::team(tx, project_id)?;
            for item in &checklist {
                check_item(item, &team).map_err(refused)?;
            }
            tx.execute(
                "INSERT INTO deployment_plans (project_id, target, description, planned_on, \
                 responsible, switch_kind, checklist) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
                 ON CONFLICT (project_id) DO UPDATE SET target = excluded.target, \
                 description = excluded.description, planned_on = excluded.planned_on, \
                 responsible = excluded.responsible, switch_kind = excluded.switch_kind, \
                 checklist = excluded.checklist",
                params![
                    project_id,
                    p.target.code(),
                    p.description.trim(),
                    p.planned_on.trim(),
                    p.responsible.trim(),
                    p.switch_kind.code(),
                    serde_json::to_string(&checklist).unwrap_or_else(|_| "[]".into())
                ],
            )?;
            touch(tx, project_id, &at)
        })?;
        self.deployment_plan(project_id)
    }

    /// Records a database archive (what, where, when, SHA-256); refused when a field is
    /// missing or the checksum is not 64 hexadecimal digits. Records are never changed.
    pub fn record_db_archive(&mut self, project_id: i64, a: &DbArchive) -> Result<Vec<DbArchive>> {
        let a = check_archive(a).map_err(refused)?;
        let at = now();
        self.write(|tx| {
            load_state(tx, project_id)?;
            let after: i64 = tx.row(
                "SELECT COALESCE(MAX(id), 0) FROM transitions WHERE project_id = ?1",
                [project_id],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO db_archives (project_id, what, location, made_at, sha256, \
                 recorded_at, after_transition) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    project_id,
                    a.what.trim(),
                    a.location.trim(),
                    a.made_at.trim(),
                    a.sha256,
                    at,
                    after
                ],
            )?;
            touch(tx, project_id, &at)
        })?;
        self.db_archives(project_id)
    }

    /// Every database archive of the project, oldest first.
    pub fn db_archives(&self, project_id: i64) -> Result<Vec<DbArchive>> {
        Ok(archives(&self.conn, project_id)?
            .into_iter()
            .map(|(a, _)| a)
            .collect())
    }

    /// The support handover of 3.3, if started.
    pub fn support_handover(&self, project_id: i64) -> Result<Option<SupportHandover>> {
        load_state(&self.conn, project_id)?;
        support(&self.conn, project_id)
    }

    /// Saves the support handover as filled in so far; malformed dates and a warranty
    /// that ends before the handover are refused.
    pub fn save_support_handover(
        &mut self,
        project_id: i64,
        h: &SupportHandover,
    ) -> Result<Option<SupportHandover>> {
        check_date_field(&h.handed_over_on, ("дата передачи", "handover date"))?;
        check_date_field(
            &h.warranty_until,
            ("дата окончания гарантии", "warranty end date"),
        )?;
        if let Some(r) = check_support(h).filter(|r| r.code == "warranty_dates") {
            return Err(refused(r));
        }
        let at = now();
        self.write(|tx| {
            load_state(tx, project_id)?;
            tx.execute(
                "INSERT INTO support_handovers (project_id, team, documents, handed_over_on, \
                 warranty_until) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (project_id) DO UPDATE \
                 SET team = excluded.team, documents = excluded.documents, \
                 handed_over_on = excluded.handed_over_on, warranty_until = excluded.warranty_until",
                params![
                    project_id,
                    serde_json::to_string(&h.team).unwrap_or_else(|_| "[]".into()),
                    h.documents
                        .iter()
                        .map(|d| d.trim())
                        .filter(|d| !d.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n"),
                    h.handed_over_on.trim(),
                    h.warranty_until.trim()
                ],
            )?;
            touch(tx, project_id, &at)
        })?;
        self.support_handover(project_id)
    }
}
