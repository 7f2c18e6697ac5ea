//! Storage of the development records 2.1–2.6: the stage plan with the requirements
//! each stage delivers, the environment checklist, the work log, bugs, DevOps
//! adjustments and stage acceptances.
//!
//! Guarantees:
//! - every rule is asked of [`etap_domain::development`] before a write; this module
//!   only reads and writes rows;
//! - a requirement is in one stage or excluded with a reason by the table's key
//!   (`stage_requirements`), so it can never be in two stages;
//! - a stage accepted at 2.6 is frozen when the transition is recorded, in the same
//!   transaction; from then on SQLite triggers refuse any change to it and its
//!   records, whatever the caller, as they do for an approved ТЗ version;
//! - [`Store::delivery_facts`] gathers what the guards of 2.1–3.3 read (the
//!   deployment part from [`crate::deployment`]).

use std::str::FromStr;

use etap_domain::development::{
    addendum, change_status, check_acceptance, check_adjustment, check_bug, check_item, check_plan,
    check_stage_dates, check_work_entry, default_environment, default_price, hours, parse_code_ref,
    reorder, repository_folder, rounds_of, split, stage_editable, Acceptance, Addendum, Adjustment,
    Bug, BugStatus, ChecklistItem, CodeRef, ItemStatus, PlanCheck, PlannedStage, Progress,
    RepoRefs, RequirementCheck, Severity, StagePlan, WorkEntry,
};
use etap_domain::error::clean_name;
use etap_domain::estimate::Estimate;
use etap_domain::lifecycle::{Action, DeliveryFacts, DeliveryNeeds, ProjectState, Refusal, Step};
use etap_domain::money::{Currency, Money};
use etap_domain::spec::SpecContent;
use etap_domain::text::{Lang, Text};
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;

use crate::codes;
use crate::preparation::touch;
use crate::CachedRow as _;
use crate::{load_state, now, Result, StorageError, Store};

/// A refusal of the domain as a storage error (the one conversion, in `error`).
fn refused(r: Refusal) -> StorageError {
    StorageError::refused(r)
}

/// Maps the freeze triggers' refusal to the words a person reads.
fn frozen(e: rusqlite::Error) -> StorageError {
    if e.to_string().contains("accepted stages are frozen") {
        refused(Refusal {
            code: "stage_frozen",
            message: Text::new(
                "Этап принят, его код заморожен: изменить его записи нельзя.",
                "The stage is accepted and its code frozen: its records cannot be changed.",
            ),
        })
    } else {
        e.into()
    }
}

fn no_stage(number: u32) -> StorageError {
    refused(Refusal {
        code: "stage_not_found",
        message: Text::new(
            format!("В плане нет этапа {number}."),
            format!("The plan has no stage {number}."),
        ),
    })
}

fn encode_list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode_list(s: &str) -> Vec<String> {
    s.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn dec(col: usize, s: &str) -> rusqlite::Result<Decimal> {
    Decimal::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The id of stage `number` of the project.
fn stage_id(conn: &Connection, project_id: i64, number: u32) -> Result<i64> {
    conn.row(
        "SELECT id FROM stages WHERE project_id = ?1 AND number = ?2",
        params![project_id, number],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| no_stage(number))
}

fn check_editable(state: &ProjectState, number: u32) -> Result<()> {
    stage_editable(number, state).map_err(refused)
}

/// The content of the latest approved ТЗ version, if any.
fn approved_content(conn: &Connection, project_id: i64) -> Result<Option<SpecContent>> {
    let text: Option<String> = conn
        .row(
            "SELECT content FROM spec_versions WHERE project_id = ?1 AND status = 'approved' \
             ORDER BY number DESC LIMIT 1",
            [project_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// The accepted offer's price and the estimate version it was made from.
fn accepted_offer(conn: &Connection, project_id: i64) -> Result<Option<(Money, i64)>> {
    let row: Option<(String, String, i64)> = conn
        .row(
            "SELECT price, currency, estimate_id FROM offers \
             WHERE project_id = ?1 AND answer = 'accepted' ORDER BY id DESC LIMIT 1",
            [project_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((price, currency, estimate_id)) = row else {
        return Ok(None);
    };
    let currency = codes::parse(&currency, 1, ("offers", "currency"), Currency::from_code)?;
    Ok(Some((Money::new(dec(0, &price)?, currency), estimate_id)))
}

fn estimate(conn: &Connection, project_id: i64, id: i64) -> Result<Option<Estimate>> {
    Ok(crate::estimate::load_estimates(conn, project_id)?
        .into_iter()
        .find(|e| e.id == id))
}

pub(crate) fn plan(conn: &Connection, project_id: i64) -> Result<StagePlan> {
    let mut st = conn.prepare_cached(
        "SELECT id, number, title, features, planned_start, planned_end, price \
         FROM stages WHERE project_id = ?1 ORDER BY number",
    )?;
    let currency = accepted_offer(conn, project_id)?
        .map(|(m, _)| m.currency)
        .unwrap_or(Currency::Rub);
    let rows = st.query_map([project_id], |r| {
        let features: String = r.get(3)?;
        let price: Option<String> = r.get(6)?;
        Ok((
            r.get::<_, i64>(0)?,
            PlannedStage {
                id: r.get(0)?,
                number: r.get(1)?,
                title: r.get(2)?,
                features: decode_list(&features),
                planned_start: r.get(4)?,
                planned_end: r.get(5)?,
                requirements: Vec::new(),
                price: price
                    .map(|p| dec(6, &p).map(|d| Money::new(d, currency)))
                    .transpose()?,
            },
        ))
    })?;
    let mut stages: Vec<(i64, PlannedStage)> = rows.collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT req_id, stage_id, reason FROM stage_requirements WHERE project_id = ?1 \
         ORDER BY req_id",
    )?;
    let mut excluded = Vec::new();
    let rows = st.query_map([project_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (req, stage, reason) = row?;
        match stage.and_then(|id| stages.iter_mut().find(|(s, _)| *s == id)) {
            Some((_, s)) => s.requirements.push(req),
            None => excluded.push(etap_domain::development::Exclusion {
                requirement: req,
                reason,
            }),
        }
    }
    Ok(StagePlan {
        stages: stages.into_iter().map(|(_, s)| s).collect(),
        excluded,
    })
}

fn plan_check(conn: &Connection, project_id: i64) -> Result<PlanCheck> {
    let plan = plan(conn, project_id)?;
    let content = approved_content(conn, project_id)?.unwrap_or_default();
    let offer = accepted_offer(conn, project_id)?;
    let estimate = match offer {
        Some((_, id)) => estimate(conn, project_id, id)?,
        None => None,
    };
    Ok(check_plan(
        &plan,
        &content,
        estimate.as_ref(),
        offer.map(|(m, _)| m),
    ))
}

pub(crate) fn environment(conn: &Connection, project_id: i64) -> Result<Vec<ChecklistItem>> {
    let mut st = conn.prepare_cached(
        "SELECT id, title, status, owner, note, links, credential, secret_location \
         FROM environment_items WHERE project_id = ?1 ORDER BY position, id",
    )?;
    let rows = st.query_map([project_id], |r| {
        let links: String = r.get(5)?;
        Ok(ChecklistItem {
            id: r.get(0)?,
            title: r.get(1)?,
            status: codes::code(r, 2, ("environment_items", "status"), ItemStatus::from_code)?,
            owner: r.get(3)?,
            note: r.get(4)?,
            links: decode_list(&links),
            credential: r.get(6)?,
            secret_location: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn bugs(conn: &Connection, project_id: i64) -> Result<Vec<Bug>> {
    let mut st = conn.prepare_cached(
        "SELECT b.id, b.number, s.number, b.title, b.steps, b.expected, b.actual, b.severity, \
         b.requirement, b.status, b.reason FROM bugs b JOIN stages s ON s.id = b.stage_id \
         WHERE b.project_id = ?1 ORDER BY b.number",
    )?;
    let rows = st.query_map([project_id], |r| {
        Ok(Bug {
            id: r.get(0)?,
            number: r.get(1)?,
            stage: r.get(2)?,
            title: r.get(3)?,
            steps: r.get(4)?,
            expected: r.get(5)?,
            actual: r.get(6)?,
            severity: codes::code(r, 7, ("bugs", "severity"), Severity::from_code)?,
            requirement: r.get(8)?,
            status: codes::code(r, 9, ("bugs", "status"), BugStatus::from_code)?,
            reason: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn acceptance(conn: &Connection, project_id: i64, number: u32) -> Result<Acceptance> {
    let row: Option<(String, String, String, String)> = conn
        .row(
            "SELECT a.checks, a.code_ref, a.accepted_on, a.accepted_by FROM acceptances a \
             JOIN stages s ON s.id = a.stage_id WHERE s.project_id = ?1 AND s.number = ?2",
            params![project_id, number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(match row {
        None => Acceptance {
            stage: number,
            ..Acceptance::default()
        },
        Some((checks, code_ref, accepted_on, accepted_by)) => Acceptance {
            stage: number,
            checks: serde_json::from_str::<Vec<RequirementCheck>>(&checks).unwrap_or_default(),
            code_ref,
            accepted_on,
            accepted_by,
        },
    })
}

fn repository(conn: &Connection, project_id: i64) -> Result<String> {
    conn.row(
        "SELECT repository FROM projects WHERE id = ?1",
        [project_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(StorageError::NotFound {
        what: crate::Subject::Project,
        id: project_id,
    })
}

/// Where the project names a repository, `code` must be in it; without one, its form
/// is all that is checked.
fn in_repository(conn: &Connection, project_id: i64, code: &CodeRef) -> Result<()> {
    let folder = repository(conn, project_id)?;
    if folder.is_empty() {
        return Ok(());
    }
    crate::git::find(&folder, code).map_err(refused)
}

/// The requirements stage `number` delivers.
fn stage_requirements(conn: &Connection, project_id: i64, number: u32) -> Result<Vec<String>> {
    Ok(plan(conn, project_id)?
        .stages
        .into_iter()
        .find(|s| s.number == number)
        .map(|s| s.requirements)
        .unwrap_or_default())
}

/// The delivery records `needs` names (the others left default): the guards of a
/// step read only those ([`DeliveryNeeds::at`]).
pub(crate) fn delivery_facts(
    conn: &Connection,
    project_id: i64,
    needs: DeliveryNeeds,
) -> Result<DeliveryFacts> {
    let state = load_state(conn, project_id)?;
    let mut facts = DeliveryFacts::default();
    if needs.plan {
        facts.plan = plan_check(conn, project_id)?;
    }
    if needs.environment {
        facts.environment = environment(conn, project_id)?;
    }
    if needs.bugs {
        facts.bugs = bugs(conn, project_id)?;
    }
    if needs.acceptance {
        let reqs = stage_requirements(conn, project_id, state.stage)?;
        facts.acceptance = check_acceptance(&reqs, &acceptance(conn, project_id, state.stage)?);
    }
    // At 2.6 the code reference must still be in the project's repository when the
    // stage is accepted (a tag may have been deleted since the form was saved).
    if needs.acceptance && state.step == Step::StageAcceptance && facts.acceptance.record.is_none()
    {
        let a = acceptance(conn, project_id, state.stage)?;
        if let Ok(code) = parse_code_ref(&a.code_ref) {
            if let Err(StorageError::Domain(etap_domain::DomainError::Refused(r))) =
                in_repository(conn, project_id, &code)
            {
                facts.acceptance.record = Some(r);
            }
        }
    }
    if needs.deployment {
        crate::deployment::gather(conn, project_id, &mut facts)?;
    }
    Ok(facts)
}

/// What a transition does to the development records, inside its transaction: the
/// plan confirmed seeds the environment checklist, an accepted stage is frozen, a fix
/// stage gets its row.
pub(crate) fn on_transition(
    tx: &Connection,
    project_id: i64,
    from: &ProjectState,
    action: Action,
    next: &ProjectState,
    comment: &str,
) -> Result<()> {
    match action {
        Action::ConfirmStagePlan { .. } => {
            let have: bool = tx.row(
                "SELECT EXISTS (SELECT 1 FROM environment_items WHERE project_id = ?1)",
                [project_id],
                |r| r.get(0),
            )?;
            if !have {
                let lang = approved_content(tx, project_id)?
                    .map(|c| c.lang)
                    .unwrap_or(Lang::Ru);
                let team = crate::preparation::team(tx, project_id)?;
                for (i, item) in default_environment(&team, lang).iter().enumerate() {
                    insert_item(tx, project_id, i as i64, item)?;
                }
            }
        }
        Action::AcceptStage => {
            tx.execute(
                "UPDATE stages SET frozen = 1 WHERE project_id = ?1 AND number = ?2",
                params![project_id, from.stage],
            )?;
        }
        Action::StartFixStage => {
            // The title is data in the project's language, like the checklist's.
            let word = match approved_content(tx, project_id)?.map(|c| c.lang) {
                Some(Lang::En) => "Fixes",
                _ => "Исправления",
            };
            let what: String = comment.trim().chars().take(180).collect();
            tx.execute(
                "INSERT INTO stages (project_id, number, title) VALUES (?1, ?2, ?3)",
                params![project_id, next.stage, format!("{word}: {what}")],
            )?;
        }
        _ => {}
    }
    Ok(())
}

/// Writes a plan whose shape changed at 2.1: numbers, new stages, prices, and where
/// each requirement is. Numbers are unique per project, so they move out of the way
/// first.
fn write_shape(tx: &Connection, project_id: i64, plan: &StagePlan) -> Result<()> {
    tx.execute(
        "UPDATE stages SET number = number + 100000 WHERE project_id = ?1",
        [project_id],
    )
    .map_err(frozen)?;
    for s in &plan.stages {
        let id = if s.id == 0 {
            tx.execute(
                "INSERT INTO stages (project_id, number, title, features, planned_start, \
                 planned_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    project_id,
                    s.number,
                    s.title,
                    encode_list(&s.features),
                    s.planned_start,
                    s.planned_end
                ],
            )?;
            tx.last_insert_rowid()
        } else {
            tx.execute(
                "UPDATE stages SET number = ?2, price = ?3 WHERE id = ?1",
                params![s.id, s.number, s.price.map(|p| p.amount().to_string())],
            )
            .map_err(frozen)?;
            s.id
        };
        for r in &s.requirements {
            tx.execute(
                "UPDATE stage_requirements SET stage_id = ?3 WHERE project_id = ?1 AND req_id = ?2",
                params![project_id, r, id],
            )
            .map_err(frozen)?;
        }
    }
    Ok(())
}

fn insert_item(tx: &Connection, project_id: i64, position: i64, i: &ChecklistItem) -> Result<i64> {
    tx.execute(
        "INSERT INTO environment_items (project_id, position, title, status, owner, note, \
         links, credential, secret_location) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            project_id,
            position,
            i.title.trim(),
            i.status.code(),
            i.owner,
            i.note,
            encode_list(&i.links),
            i.credential,
            i.secret_location.trim()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    // ---- 2.1 the stage plan ------------------------------------------------------------

    /// The stage plan: every stage with its requirements, and the exclusions.
    pub fn stage_plan(&self, project_id: i64) -> Result<StagePlan> {
        load_state(&self.conn, project_id)?;
        plan(&self.conn, project_id)
    }

    /// The requirements of the approved ТЗ version in reading order, with their text
    /// and acceptance criterion: what the stage plan places (2.1) and the acceptance of
    /// a stage checks (2.6). Empty before a version is approved.
    pub fn approved_requirements(
        &self,
        project_id: i64,
    ) -> Result<Vec<etap_domain::spec::Requirement>> {
        load_state(&self.conn, project_id)?;
        Ok(approved_content(&self.conn, project_id)?
            .map(|c| {
                etap_domain::development::requirements(&c)
                    .into_iter()
                    .cloned()
                    .collect()
            })
            .unwrap_or_default())
    }

    /// The plan checked against the approved ТЗ, the estimate and the accepted offer:
    /// what the screen shows and the guard of 2.1 → 2.2 reads.
    pub fn stage_plan_check(&self, project_id: i64) -> Result<PlanCheck> {
        plan_check(&self.conn, project_id)
    }

    /// Saves a stage's title, features, dates and price (`None`: the default). Dates
    /// may be left empty while planning; an end before the start is refused.
    pub fn save_planned_stage(
        &mut self,
        project_id: i64,
        stage: &PlannedStage,
    ) -> Result<StagePlan> {
        let title = clean_name("stage_title", &stage.title)?;
        if !stage.planned_start.trim().is_empty() && !stage.planned_end.trim().is_empty() {
            check_stage_dates(&stage.planned_start, &stage.planned_end).map_err(refused)?;
        }
        let at = now();
        self.write(|tx| {
            check_editable(&load_state(tx, project_id)?, stage.number)?;
            let id = stage_id(tx, project_id, stage.number)?;
            tx.execute(
                "UPDATE stages SET title = ?2, features = ?3, planned_start = ?4, \
                 planned_end = ?5, price = ?6 WHERE id = ?1",
                params![
                    id,
                    title,
                    encode_list(&stage.features),
                    stage.planned_start.trim(),
                    stage.planned_end.trim(),
                    stage.price.map(|p| p.amount().to_string())
                ],
            )
            .map_err(frozen)?;
            touch(tx, project_id, &at)
        })?;
        self.stage_plan(project_id)
    }

    /// Each stage's default price (what its requirements' estimate items add up to), in
    /// plan order, also for a stage whose price was set by hand: the screen shows it
    /// beside the price. `None` without an accepted offer's estimate.
    pub fn stage_default_prices(&self, project_id: i64) -> Result<Vec<Option<Money>>> {
        let conn = &self.conn;
        let plan = plan(conn, project_id)?;
        let content = approved_content(conn, project_id)?.unwrap_or_default();
        let estimate = match accepted_offer(conn, project_id)? {
            Some((_, id)) => estimate(conn, project_id, id)?,
            None => None,
        };
        Ok(plan
            .stages
            .iter()
            .map(|s| {
                estimate
                    .as_ref()
                    .and_then(|e| default_price(s, &content, e).ok())
            })
            .collect())
    }

    /// [`Store::save_planned_stage`] with the price as the manager typed it («312 000,00»):
    /// empty takes the estimate's default; otherwise an amount in the accepted offer's
    /// currency, refused in words when it is not one or is below zero.
    pub fn save_planned_stage_typed(
        &mut self,
        project_id: i64,
        stage: &PlannedStage,
        price: &str,
    ) -> Result<StagePlan> {
        let price = if price.trim().is_empty() {
            None
        } else {
            let currency =
                accepted_offer(&self.conn, project_id)?.map_or(Currency::Rub, |(m, _)| m.currency);
            let bad = || StorageError::BadAmount(price.trim().to_string());
            let m = Money::parse(price, currency).map_err(|_| bad())?;
            if m.amount() < Decimal::ZERO {
                return Err(bad());
            }
            Some(m)
        };
        let stage = PlannedStage {
            price,
            ..stage.clone()
        };
        self.save_planned_stage(project_id, &stage)
    }

    /// Puts a requirement into stage `stage`, or excludes it from every stage with
    /// `reason` (`stage` = `None`). It leaves wherever it was before.
    pub fn place_requirement(
        &mut self,
        project_id: i64,
        req_id: &str,
        stage: Option<u32>,
        reason: &str,
    ) -> Result<StagePlan> {
        let req_id = req_id.trim().to_string();
        if stage.is_none() && reason.trim().is_empty() {
            return Err(refused(Refusal {
                code: "exclusion_reason",
                message: Text::new(
                    format!("Укажите, почему требование {req_id} исключено из всех этапов."),
                    format!("Say why requirement {req_id} is excluded from every stage."),
                ),
            }));
        }
        let at = now();
        self.write(|tx| {
            let state = load_state(tx, project_id)?;
            let before: Option<Option<i64>> = tx
                .row(
                    "SELECT stage_id FROM stage_requirements WHERE project_id = ?1 AND req_id = ?2",
                    params![project_id, req_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(Some(old)) = before {
                let n: u32 = tx.row("SELECT number FROM stages WHERE id = ?1", [old], |r| {
                    r.get(0)
                })?;
                check_editable(&state, n)?;
            }
            let target = match stage {
                Some(n) => {
                    check_editable(&state, n)?;
                    Some(stage_id(tx, project_id, n)?)
                }
                None => None,
            };
            tx.execute(
                "INSERT INTO stage_requirements (project_id, req_id, stage_id, reason) \
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (project_id, req_id) DO UPDATE \
                 SET stage_id = excluded.stage_id, reason = excluded.reason",
                params![
                    project_id,
                    req_id,
                    target,
                    if stage.is_some() { "" } else { reason.trim() }
                ],
            )
            .map_err(frozen)?;
            touch(tx, project_id, &at)
        })?;
        self.stage_plan(project_id)
    }

    /// Moves stage `from` to place `to` (at 2.1 only); the stages are renumbered.
    pub fn reorder_stages(&mut self, project_id: i64, from: u32, to: u32) -> Result<StagePlan> {
        let at = now();
        self.write(|tx| {
            let state = load_state(tx, project_id)?;
            let plan = reorder(&plan(tx, project_id)?, from, to, &state).map_err(refused)?;
            write_shape(tx, project_id, &plan)?;
            touch(tx, project_id, &at)
        })?;
        self.stage_plan(project_id)
    }

    /// Splits stage `number` (at 2.1 only): the requirements `moved` go to a new stage
    /// titled `title` right after it; both take their default prices again.
    pub fn split_stage(
        &mut self,
        project_id: i64,
        number: u32,
        moved: &[String],
        title: &str,
    ) -> Result<StagePlan> {
        let at = now();
        self.write(|tx| {
            let state = load_state(tx, project_id)?;
            let plan =
                split(&plan(tx, project_id)?, number, moved, title, &state).map_err(refused)?;
            write_shape(tx, project_id, &plan)?;
            touch(tx, project_id, &at)
        })?;
        self.stage_plan(project_id)
    }

    // ---- 2.2 the environment -----------------------------------------------------------

    /// The environment checklist (the seed's list from the moment the plan is confirmed).
    pub fn environment(&self, project_id: i64) -> Result<Vec<ChecklistItem>> {
        load_state(&self.conn, project_id)?;
        environment(&self.conn, project_id)
    }

    /// Adds (id 0) or changes an item; refused when a text looks like a secret or the
    /// owner is not in the team.
    pub fn save_environment_item(
        &mut self,
        project_id: i64,
        item: &ChecklistItem,
    ) -> Result<Vec<ChecklistItem>> {
        let at = now();
        self.write(|tx| {
            let team = crate::preparation::team(tx, project_id)?;
            check_item(item, &team).map_err(refused)?;
            if item.id == 0 {
                let pos: i64 = tx.row(
                    "SELECT COALESCE(MAX(position), -1) + 1 FROM environment_items \
                     WHERE project_id = ?1",
                    [project_id],
                    |r| r.get(0),
                )?;
                insert_item(tx, project_id, pos, item)?;
            } else {
                let n = tx.execute(
                    "UPDATE environment_items SET title = ?3, status = ?4, owner = ?5, note = ?6, \
                     links = ?7, credential = ?8, secret_location = ?9 \
                     WHERE id = ?1 AND project_id = ?2",
                    params![
                        item.id,
                        project_id,
                        item.title.trim(),
                        item.status.code(),
                        item.owner,
                        item.note,
                        encode_list(&item.links),
                        item.credential,
                        item.secret_location.trim()
                    ],
                )?;
                if n == 0 {
                    return Err(refused(Refusal {
                        code: "item_not_found",
                        message: Text::new(
                            "Пункт списка не найден: обновите страницу.",
                            "The checklist item was not found: refresh the page.",
                        ),
                    }));
                }
            }
            touch(tx, project_id, &at)
        })?;
        self.environment(project_id)
    }

    // ---- 2.3 the work log --------------------------------------------------------------

    /// Records work on a stage; refused for hours outside (0, 24], a missing date or
    /// name, a malformed branch or commit, or a frozen stage.
    pub fn log_work(&mut self, project_id: i64, entry: &WorkEntry) -> Result<Vec<WorkEntry>> {
        let at = now();
        self.write(|tx| {
            check_editable(&load_state(tx, project_id)?, entry.stage)?;
            check_work_entry(entry, &crate::preparation::team(tx, project_id)?).map_err(refused)?;
            let id = stage_id(tx, project_id, entry.stage)?;
            tx.execute(
                "INSERT INTO work_log (stage_id, date, who, hours, reference, note) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    entry.date.trim(),
                    entry.who.trim(),
                    entry.hours.normalize().to_string(),
                    entry.reference.trim(),
                    entry.note
                ],
            )
            .map_err(frozen)?;
            touch(tx, project_id, &at)
        })?;
        self.work_log(project_id)
    }

    /// Every work log entry of the project, by stage then as entered.
    pub fn work_log(&self, project_id: i64) -> Result<Vec<WorkEntry>> {
        let mut st = self.conn.prepare_cached(
            "SELECT w.id, s.number, w.date, w.who, w.hours, w.reference, w.note FROM work_log w \
             JOIN stages s ON s.id = w.stage_id WHERE s.project_id = ?1 ORDER BY s.number, w.id",
        )?;
        let rows = st.query_map([project_id], |r| {
            let hours: String = r.get(4)?;
            Ok(WorkEntry {
                id: r.get(0)?,
                stage: r.get(1)?,
                date: r.get(2)?,
                who: r.get(3)?,
                hours: dec(4, &hours)?,
                reference: r.get(5)?,
                note: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // ---- 2.4 bugs ----------------------------------------------------------------------

    /// Records a new bug (id 0; numbered on) of the stage it names, or changes one; a
    /// status change must be one [`BugStatus::next`] allows.
    pub fn save_bug(&mut self, project_id: i64, bug: &Bug) -> Result<Vec<Bug>> {
        let at = now();
        self.write(|tx| {
            let state = load_state(tx, project_id)?;
            check_editable(&state, bug.stage)?;
            check_bug(bug, &stage_requirements(tx, project_id, bug.stage)?).map_err(refused)?;
            let stage = stage_id(tx, project_id, bug.stage)?;
            if bug.id == 0 {
                let number: u32 = tx.row(
                    "SELECT COALESCE(MAX(number), 0) + 1 FROM bugs WHERE project_id = ?1",
                    [project_id],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "INSERT INTO bugs (project_id, number, stage_id, title, steps, expected, \
                     actual, severity, requirement, status, reason) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'open', '')",
                    params![
                        project_id,
                        number,
                        stage,
                        bug.title.trim(),
                        bug.steps,
                        bug.expected,
                        bug.actual,
                        bug.severity.code(),
                        bug.requirement.trim()
                    ],
                )
                .map_err(frozen)?;
            } else {
                let stored = bugs(tx, project_id)?
                    .into_iter()
                    .find(|b| b.id == bug.id)
                    .ok_or_else(|| {
                        refused(Refusal {
                            code: "bug_not_found",
                            message: Text::new(
                                "Баг не найден: обновите страницу.",
                                "The bug was not found: refresh the page.",
                            ),
                        })
                    })?;
                check_editable(&state, stored.stage)?;
                let moved = if stored.status == bug.status {
                    bug.clone()
                } else {
                    change_status(&stored, bug.status, &bug.reason).map_err(refused)?
                };
                tx.execute(
                    "UPDATE bugs SET title = ?2, steps = ?3, expected = ?4, actual = ?5, \
                     severity = ?6, requirement = ?7, status = ?8, reason = ?9 WHERE id = ?1",
                    params![
                        bug.id,
                        bug.title.trim(),
                        bug.steps,
                        bug.expected,
                        bug.actual,
                        bug.severity.code(),
                        bug.requirement.trim(),
                        moved.status.code(),
                        moved.reason
                    ],
                )
                .map_err(frozen)?;
            }
            touch(tx, project_id, &at)
        })?;
        self.bugs(project_id)
    }

    pub fn bugs(&self, project_id: i64) -> Result<Vec<Bug>> {
        bugs(&self.conn, project_id)
    }

    // ---- 2.5 DevOps adjustments --------------------------------------------------------

    /// Every DevOps adjustment of the project, by stage then as entered.
    pub fn adjustments(&self, project_id: i64) -> Result<Vec<Adjustment>> {
        let mut st = self.conn.prepare_cached(
            "SELECT a.id, s.number, a.date, a.what, a.who, a.bug FROM adjustments a \
             JOIN stages s ON s.id = a.stage_id WHERE s.project_id = ?1 ORDER BY s.number, a.id",
        )?;
        let rows = st.query_map([project_id], |r| {
            Ok(Adjustment {
                id: r.get(0)?,
                stage: r.get(1)?,
                date: r.get(2)?,
                what: r.get(3)?,
                who: r.get(4)?,
                bug: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a change DevOps made to the environment during a stage.
    pub fn add_adjustment(&mut self, project_id: i64, a: &Adjustment) -> Result<()> {
        let at = now();
        self.write(|tx| {
            check_editable(&load_state(tx, project_id)?, a.stage)?;
            let team = crate::preparation::team(tx, project_id)?;
            check_adjustment(a, &bugs(tx, project_id)?, &team).map_err(refused)?;
            let id = stage_id(tx, project_id, a.stage)?;
            tx.execute(
                "INSERT INTO adjustments (stage_id, date, what, who, bug) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, a.date.trim(), a.what.trim(), a.who.trim(), a.bug],
            )
            .map_err(frozen)?;
            touch(tx, project_id, &at)
        })
    }

    // ---- the project's git repository ---------------------------------------------------

    /// The local git repository folder the project names (empty: none).
    pub fn repository(&self, project_id: i64) -> Result<String> {
        repository(&self.conn, project_id)
    }

    /// Names the project's local git repository folder (empty clears it). A folder
    /// that is not a git repository Etap can read is refused and nothing changes.
    pub fn set_repository(&mut self, project_id: i64, folder: &str) -> Result<String> {
        let folder = repository_folder(&etap_domain::input::clean(folder)).map_err(refused)?;
        if !folder.is_empty() {
            crate::git::check(&folder).map_err(refused)?;
        }
        let at = now();
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE projects SET repository = ?2 WHERE id = ?1",
                params![project_id, folder],
            )?;
            if n == 0 {
                return Err(StorageError::NotFound {
                    what: crate::Subject::Project,
                    id: project_id,
                });
            }
            touch(tx, project_id, &at)
        })?;
        Ok(folder)
    }

    /// The tags and newest commits of the project's repository, for the acceptance
    /// form to offer; empty lists (and an empty folder) when it names none, and the
    /// reason beside the folder when it cannot be read now.
    pub fn repository_refs(&self, project_id: i64) -> Result<RepoRefs> {
        let folder = repository(&self.conn, project_id)?;
        if folder.is_empty() {
            return Ok(RepoRefs::default());
        }
        Ok(crate::git::refs(&folder).unwrap_or_else(|r| RepoRefs {
            folder,
            problem: Some(r.message),
            ..RepoRefs::default()
        }))
    }

    // ---- 2.6 acceptance ----------------------------------------------------------------

    /// The acceptance of stage `number` as filled in so far.
    pub fn acceptance(&self, project_id: i64, number: u32) -> Result<Acceptance> {
        acceptance(&self.conn, project_id, number)
    }

    /// Saves the acceptance form of a stage. Refused for a frozen stage (a second
    /// acceptance) and for a code reference that is neither a hash nor a git tag.
    pub fn save_acceptance(&mut self, project_id: i64, a: &Acceptance) -> Result<Acceptance> {
        if !a.code_ref.trim().is_empty() {
            let code = parse_code_ref(&a.code_ref).map_err(refused)?;
            in_repository(&self.conn, project_id, &code)?;
        }
        let checks = serde_json::to_string(&a.checks).unwrap_or_else(|_| "[]".into());
        let at = now();
        self.write(|tx| {
            check_editable(&load_state(tx, project_id)?, a.stage)?;
            let id = stage_id(tx, project_id, a.stage)?;
            tx.execute(
                "INSERT INTO acceptances (stage_id, checks, code_ref, accepted_on, accepted_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (stage_id) DO UPDATE SET \
                 checks = excluded.checks, code_ref = excluded.code_ref, \
                 accepted_on = excluded.accepted_on, accepted_by = excluded.accepted_by",
                params![
                    id,
                    checks,
                    a.code_ref.trim(),
                    a.accepted_on.trim(),
                    a.accepted_by.trim()
                ],
            )
            .map_err(frozen)?;
            touch(tx, project_id, &at)
        })?;
        self.acceptance(project_id, a.stage)
    }

    /// Estimated against logged hours and the QA, bug, environment and defect rounds
    /// of every stage.
    pub fn development_progress(&self, project_id: i64) -> Result<Progress> {
        let conn = &self.conn;
        let plan = plan(conn, project_id)?;
        let content = approved_content(conn, project_id)?.unwrap_or_default();
        let estimate = match accepted_offer(conn, project_id)? {
            Some((_, id)) => estimate(conn, project_id, id)?,
            None => None,
        }
        .unwrap_or_else(|| Estimate {
            id: 0,
            version: 0,
            round: 0,
            estimated_by: Default::default(),
            discount_percent: Decimal::ZERO,
            vat: etap_domain::money::VatMode::Rate {
                percent: Decimal::ZERO,
            },
            currency: Currency::Rub,
            items: Vec::new(),
        });
        Ok(Progress {
            hours: hours(&plan, &content, &estimate, &self.work_log(project_id)?),
            rounds: rounds_of(&crate::history(conn, project_id)?),
        })
    }

    /// What the latest approved ТЗ version changed against the one before it, and
    /// where those requirements stand in the plan: what to place after an addendum.
    pub fn plan_addendum(&self, project_id: i64) -> Result<Addendum> {
        let mut st = self.conn.prepare_cached(
            "SELECT content FROM spec_versions WHERE project_id = ?1 AND status = 'approved' \
             ORDER BY number DESC LIMIT 2",
        )?;
        let versions: Vec<String> = st
            .query_map([project_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let read = |t: &String| serde_json::from_str::<SpecContent>(t).unwrap_or_default();
        Ok(match versions.as_slice() {
            [new, old] => addendum(&plan(&self.conn, project_id)?, &read(old), &read(new)),
            _ => Addendum::default(),
        })
    }

    /// What the guards of 2.1–3.3 read from the development and deployment records. Not yet part of
    /// [`Store::facts`]: the window has no screens for these records, and projects
    /// carried by stage titles alone must keep moving.
    pub fn delivery_facts(&self, project_id: i64) -> Result<DeliveryFacts> {
        delivery_facts(&self.conn, project_id, DeliveryNeeds::ALL)
    }
}
