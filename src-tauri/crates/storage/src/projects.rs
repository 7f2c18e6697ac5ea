//! Projects and their lifecycle: create, rename, list, the project page, the recorded
//! transitions (history), the facts the guards read, taking an action through
//! [`etap_domain::decide`] only, replaying the history and the lifecycle map.

use etap_domain::entity::{HistoryEntry, ProjectPage, ProjectSummary, ProjectsPage};
use etap_domain::error::clean_name;
use etap_domain::lifecycle::{
    decide, editable, replay, Action, ActionKind, Facts, LifecycleMap, ProjectState, Record, Step,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::CachedRow as _;
use crate::{codes, development, estimate, preparation, spec};
use crate::{now, Result, StorageError, Store, Subject};

impl Store {
    pub fn create_project(&mut self, client_id: i64, title: &str) -> Result<ProjectSummary> {
        let title = clean_name("project_title", title)?;
        let at = now();
        let s = ProjectState::initial();
        let id = self.write(|tx| {
            let exists: bool = tx
                .row("SELECT 1 FROM clients WHERE id = ?1", [client_id], |_| Ok(()))
                .optional()?
                .is_some();
            if !exists {
                return Err(StorageError::NotFound { what: Subject::Client, id: client_id });
            }
            tx.execute(
                "INSERT INTO projects (client_id, title, step, round, stage, stages_total, \
                 cancelled_from, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?7)",
                params![client_id, title, s.step.code(), s.round, s.stage, s.stages_total, at],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.project(id)
    }

    pub fn rename_project(&mut self, id: i64, title: &str) -> Result<ProjectSummary> {
        let title = clean_name("project_title", title)?;
        let at = now();
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE projects SET title = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, title, at],
            )?;
            if n == 0 {
                return Err(StorageError::NotFound {
                    what: Subject::Project,
                    id,
                });
            }
            Ok(())
        })?;
        self.project(id)
    }

    const PROJECT_SELECT: &'static str = "SELECT p.id, p.client_id, c.name, p.title, p.step, \
        p.round, p.stage, p.stages_total, p.cancelled_from, p.updated_at \
        FROM projects p JOIN clients c ON c.id = p.client_id";

    fn project_row(r: &Row) -> rusqlite::Result<ProjectSummary> {
        let step: String = r.get(4)?;
        let cancelled: Option<String> = r.get(8)?;
        let step = parse_step(4, ("projects", "step"), &step)?;
        Ok(ProjectSummary {
            id: r.get(0)?,
            client_id: r.get(1)?,
            client_name: r.get(2)?,
            title: r.get(3)?,
            step_label: step.label(),
            state: ProjectState {
                step,
                round: r.get(5)?,
                stage: r.get(6)?,
                stages_total: r.get(7)?,
                cancelled_from: cancelled
                    .as_deref()
                    .map(|c| parse_step(8, ("projects", "cancelled_from"), c))
                    .transpose()?,
            },
            updated_at: r.get(9)?,
        })
    }

    pub fn projects(&self) -> Result<Vec<ProjectSummary>> {
        let sql = format!(
            "{} ORDER BY p.updated_at DESC, p.id DESC",
            Self::PROJECT_SELECT
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map([], Self::project_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One page of [`Store::projects`]: `limit` projects from `offset`, with the total.
    pub fn projects_page(&self, offset: u32, limit: u32) -> Result<ProjectsPage> {
        let limit = limit.min(crate::MAX_PAGE);
        let sql = format!(
            "{} ORDER BY p.updated_at DESC, p.id DESC LIMIT ?1 OFFSET ?2",
            Self::PROJECT_SELECT
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params![limit, offset], Self::project_row)?;
        let items = rows.collect::<rusqlite::Result<_>>()?;
        let total = self
            .conn
            .row("SELECT COUNT(*) FROM projects", [], |r| r.get(0))?;
        Ok(ProjectsPage { items, total })
    }

    pub fn project(&self, id: i64) -> Result<ProjectSummary> {
        let sql = format!("{} WHERE p.id = ?1", Self::PROJECT_SELECT);
        self.conn
            .row(&sql, [id], Self::project_row)
            .optional()?
            .ok_or(StorageError::NotFound {
                what: Subject::Project,
                id,
            })
    }

    // ---- lifecycle -----------------------------------------------------------------

    /// The recorded transitions of a project, oldest first.
    pub fn history(&self, project_id: i64) -> Result<Vec<HistoryEntry>> {
        history(&self.conn, project_id)
    }

    /// What the guards need to know about a project.
    pub fn facts(&self, project_id: i64) -> Result<Facts> {
        facts(&self.conn, project_id)
    }

    /// Takes `kind` on the project if the domain allows it, recording the transition.
    pub fn advance(
        &mut self,
        project_id: i64,
        kind: ActionKind,
        comment: &str,
    ) -> Result<ProjectSummary> {
        let at = now();
        let comment = etap_domain::input::clean(comment).trim().to_string();
        self.write(|tx| {
            let current = load_state(tx, project_id)?;
            let facts = facts(tx, project_id)?;
            let action = Action::from_kind(kind, &facts);
            let next = decide(&current, action, &comment, &facts)
                .map_err(|r| StorageError::Domain(etap_domain::DomainError::Refused(r)))?;
            record(tx, project_id, &current, action, &next, &comment, &at)?;
            development::on_transition(tx, project_id, &current, action, &next, &comment)?;
            estimate::on_transition(tx, project_id, action, &next, &comment, &at)
        })?;
        self.project(project_id)
    }

    /// [`Store::advance`], answering with the whole project page.
    pub fn advance_page(
        &mut self,
        project_id: i64,
        kind: ActionKind,
        comment: &str,
    ) -> Result<ProjectPage> {
        self.advance(project_id, kind, comment)?;
        self.project_page(project_id)
    }

    /// The state rebuilt from the recorded history alone.
    pub fn replayed_state(&self, project_id: i64) -> Result<ProjectState> {
        let actions: Vec<Action> = self
            .history(project_id)?
            .into_iter()
            .map(|h| h.action)
            .collect();
        replay(&actions).ok_or(StorageError::CorruptHistory { project_id })
    }

    /// The lifecycle map the project page shows.
    pub fn lifecycle_map(&self, project_id: i64) -> Result<LifecycleMap> {
        let p = self.project(project_id)?;
        let history = self.history(project_id)?;
        let facts = self.facts(project_id)?;
        Ok(LifecycleMap::build(&p.state, &history, &facts))
    }

    /// Everything the project page shows.
    pub fn project_page(&self, project_id: i64) -> Result<ProjectPage> {
        let project = self.project(project_id)?;
        let mut history = self.history(project_id)?;
        let facts = self.facts(project_id)?;
        let map = LifecycleMap::build(&project.state, &history, &facts);
        history.reverse();
        let stages = self.stages(project_id)?;
        Ok(ProjectPage {
            stages_editable: editable(&project.state, Record::StageList).is_ok(),
            workspaces: etap_domain::lifecycle::workspaces(&project.state, stages.len()),
            project,
            map,
            history,
            stages,
        })
    }
}

fn parse_step(col: usize, at: (&'static str, &'static str), code: &str) -> rusqlite::Result<Step> {
    codes::parse(code, col, at, Step::from_code)
}

pub(crate) fn load_state(conn: &Connection, project_id: i64) -> Result<ProjectState> {
    conn.row(
        "SELECT step, round, stage, stages_total, cancelled_from FROM projects WHERE id = ?1",
        [project_id],
        |r| {
            let step: String = r.get(0)?;
            let cancelled: Option<String> = r.get(4)?;
            Ok(ProjectState {
                step: parse_step(0, ("projects", "step"), &step)?,
                round: r.get(1)?,
                stage: r.get(2)?,
                stages_total: r.get(3)?,
                cancelled_from: cancelled
                    .as_deref()
                    .map(|c| parse_step(4, ("projects", "cancelled_from"), c))
                    .transpose()?,
            })
        },
    )
    .optional()?
    .ok_or(StorageError::NotFound {
        what: Subject::Project,
        id: project_id,
    })
}

fn facts(conn: &Connection, project_id: i64) -> Result<Facts> {
    let planned_stages: u32 = conn.row(
        "SELECT COUNT(*) FROM stages WHERE project_id = ?1",
        [project_id],
        |r| r.get(0),
    )?;
    let open_questions: u32 = conn.row(
        "SELECT COUNT(*) FROM questions WHERE project_id = ?1 AND status = 'open'",
        [project_id],
        |r| r.get(0),
    )?;
    let team = preparation::team(conn, project_id)?;
    let last_action: Option<String> = conn
        .row(
            "SELECT action FROM transitions WHERE project_id = ?1 ORDER BY id DESC LIMIT 1",
            [project_id],
            |r| r.get(0),
        )
        .optional()?;
    let (estimate_items, estimate_total_positive, pending_offer) =
        estimate::facts(conn, project_id)?;
    Ok(Facts {
        planned_stages,
        open_questions,
        estimate_items,
        estimate_total_positive,
        pending_offer,
        approved_spec: spec::has_approved(conn, project_id)?,
        after_rollback: last_action.as_deref() == Some(ActionKind::RollBack.code()),
        missing_roles: etap_domain::preparation::missing_roles(&team),
        // The guards of 2.1–3.3 decide with the real records of the stages,
        // environment, bugs, acceptance and deployment.
        delivery: Some(development::delivery_facts(
            conn,
            project_id,
            etap_domain::lifecycle::DeliveryNeeds::at(&load_state(conn, project_id)?),
        )?),
    })
}

fn record(
    tx: &Connection,
    project_id: i64,
    from: &ProjectState,
    action: Action,
    next: &ProjectState,
    comment: &str,
    at: &str,
) -> Result<()> {
    let stages = match action {
        Action::ConfirmStagePlan { stages } => Some(stages),
        _ => None,
    };
    tx.execute(
        "INSERT INTO transitions (project_id, at, action, stages, from_step, to_step, round, \
         stage, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            project_id,
            at,
            action.kind().code(),
            stages,
            from.step.code(),
            next.step.code(),
            next.round,
            next.stage,
            comment
        ],
    )?;
    tx.execute(
        "UPDATE projects SET step = ?2, round = ?3, stage = ?4, stages_total = ?5, \
         cancelled_from = ?6, updated_at = ?7 WHERE id = ?1",
        params![
            project_id,
            next.step.code(),
            next.round,
            next.stage,
            next.stages_total,
            next.cancelled_from.map(Step::code),
            at
        ],
    )?;
    Ok(())
}

pub(crate) fn history(conn: &Connection, project_id: i64) -> Result<Vec<HistoryEntry>> {
    let mut st = conn.prepare_cached(
        "SELECT id, at, action, stages, from_step, to_step, round, stage, comment \
         FROM transitions WHERE project_id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([project_id], |r| {
        let stages: Option<u32> = r.get(3)?;
        let kind = codes::code(r, 2, ("transitions", "action"), ActionKind::from_code)?;
        let action = Action::from_kind(
            kind,
            &Facts {
                planned_stages: stages.unwrap_or(0),
                ..Facts::default()
            },
        );
        let from: String = r.get(4)?;
        let to: String = r.get(5)?;
        Ok(HistoryEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            action,
            from: parse_step(4, ("transitions", "from_step"), &from)?,
            to: parse_step(5, ("transitions", "to_step"), &to)?,
            round: r.get(6)?,
            stage: r.get(7)?,
            comment: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
