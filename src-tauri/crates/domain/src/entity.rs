//! The records a manager works with, as the core hands them to storage and the UI.

use serde::{Deserialize, Serialize};

use crate::lifecycle::{Action, LifecycleMap, ProjectState, Step};
use crate::text::Text;

/// A client: the company or person who ordered the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Client {
    pub id: i64,
    pub name: String,
    pub created_at: String,
}

/// One line of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectSummary {
    pub id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub title: String,
    pub state: ProjectState,
    /// "1.2 Уточнение требований" / "1.2 Clarification".
    pub step_label: Text,
    pub updated_at: String,
}

/// One recorded lifecycle transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryEntry {
    pub id: i64,
    /// RFC 3339 time of the transition, UTC.
    pub at: String,
    pub action: Action,
    pub from: Step,
    pub to: Step,
    /// Negotiation round after the transition.
    pub round: u32,
    /// Development stage after the transition (0 before development).
    pub stage: u32,
    pub comment: String,
}

/// A development stage defined at step 2.1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Stage {
    pub id: i64,
    pub number: u32,
    pub title: String,
}

/// Everything the project page shows, in one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectPage {
    pub project: ProjectSummary,
    pub map: LifecycleMap,
    /// Newest first, as the page lists it.
    pub history: Vec<HistoryEntry>,
    pub stages: Vec<Stage>,
}
