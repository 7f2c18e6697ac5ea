//! Per-stage counters read from the history (QA, bug, environment and defect rounds)
//! and estimated against logged hours.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::*;
use crate::entity::HistoryEntry;
use crate::estimate::Estimate;
use crate::lifecycle::{effect, Action, ProjectState};
use crate::spec::SpecContent;

/// How often a stage went through each loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageRounds {
    pub stage: u32,
    /// Times the stage was handed to testing.
    pub qa_rounds: u32,
    /// Times testers sent it back with bugs.
    pub bug_rounds: u32,
    /// Times DevOps handed a problem back to the developers.
    pub environment_rounds: u32,
    /// Times the manager sent it back with defects.
    pub defect_rounds: u32,
    pub accepted: bool,
}

/// The rounds of every stage, from the recorded actions (in order).
pub fn rounds(actions: &[Action]) -> Vec<StageRounds> {
    let mut out: BTreeMap<u32, StageRounds> = BTreeMap::new();
    let mut state = ProjectState::initial();
    for a in actions {
        let stage = state.stage;
        let r = out.entry(stage).or_insert(StageRounds {
            stage,
            ..StageRounds::default()
        });
        match a {
            Action::SubmitToTesting => r.qa_rounds += 1,
            Action::ReportBugs => r.bug_rounds += 1,
            Action::HandToDevelopers => r.environment_rounds += 1,
            Action::ReportDefects => r.defect_rounds += 1,
            Action::AcceptStage => r.accepted = true,
            _ => {}
        }
        match effect(&state, *a) {
            Some(s) => state = s,
            None => break,
        }
    }
    out.into_values().filter(|r| r.stage >= 1).collect()
}

/// [`rounds`] from the history a project page shows.
pub fn rounds_of(history: &[HistoryEntry]) -> Vec<StageRounds> {
    let actions: Vec<Action> = history.iter().map(|h| h.action).collect();
    rounds(&actions)
}

/// Estimated against logged hours of one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageHours {
    pub stage: u32,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub estimated: Decimal,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub logged: Decimal,
}

/// Estimated and logged hours per stage, and for the project (stage 0).
pub fn hours(
    plan: &StagePlan,
    content: &SpecContent,
    estimate: &Estimate,
    log: &[WorkEntry],
) -> Vec<StageHours> {
    let mut v: Vec<StageHours> = plan
        .stages
        .iter()
        .map(|s| StageHours {
            stage: s.number,
            estimated: estimated_hours(s, content, estimate),
            logged: logged_hours(log, s.number),
        })
        .collect();
    let total = StageHours {
        stage: 0,
        estimated: v.iter().map(|h| h.estimated).sum(),
        logged: log.iter().map(|e| e.hours).sum(),
    };
    v.push(total);
    v
}

/// What the project page shows of development progress: hours and rounds per stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    /// Per stage, then the project's total (stage 0).
    pub hours: Vec<StageHours>,
    pub rounds: Vec<StageRounds>,
}
