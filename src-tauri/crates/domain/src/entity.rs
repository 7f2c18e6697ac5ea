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

/// One page of the dashboard's project list (most recently changed first) and how
/// many projects there are in all: the window asks for the next page when shown more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectsPage {
    pub items: Vec<ProjectSummary>,
    pub total: u32,
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
    /// May the stage list be edited now (at 2.1 only): the domain's answer
    /// ([`crate::lifecycle::editable`]), which storage also enforces.
    pub stages_editable: bool,
    /// Which phase workspaces the page offers ([`crate::lifecycle::workspaces`]).
    pub workspaces: crate::lifecycle::Workspaces,
}

/// The kinds of documents Etap issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Коммерческое предложение, from an offer (1.4).
    Proposal,
    /// Техническое задание (1.5).
    Specification,
    /// Акт сдачи-приёмки (2.6, final).
    Act,
    /// Счёт на оплату of an accepted stage.
    Invoice,
}

impl DocKind {
    pub fn code(self) -> &'static str {
        match self {
            DocKind::Proposal => "proposal",
            DocKind::Specification => "specification",
            DocKind::Act => "act",
            DocKind::Invoice => "invoice",
        }
    }

    pub fn from_code(code: &str) -> Option<DocKind> {
        [
            DocKind::Proposal,
            DocKind::Specification,
            DocKind::Act,
            DocKind::Invoice,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }

    /// The prefix of the document's number: КП-12-3, ТЗ-12-1, А-2026-007, С-2026-007
    /// (how the rest is made: [`crate::numbering`]).
    pub fn prefix(self) -> &'static str {
        match self {
            DocKind::Proposal => "КП",
            DocKind::Specification => "ТЗ",
            DocKind::Act => "А",
            DocKind::Invoice => "С",
        }
    }
}

/// One entry of the register of issued documents: what the client received can always
/// be shown again and checked against its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssuedDocument {
    pub id: i64,
    pub project_id: i64,
    pub kind: DocKind,
    pub number: String,
    /// RFC 3339, UTC.
    pub issued_at: String,
    pub lang: crate::text::Lang,
    /// The version of the specification (ТЗ) or the estimate (КП) it was made from.
    pub version: Option<u32>,
    /// Hex SHA-256 of the PDF file as written.
    pub sha256: String,
    pub path: String,
    /// A specification exported before approval: watermarked «ПРОЕКТ», not issued.
    pub draft: bool,
    /// What the register calls it («Итоговый акт», «Счёт на оплату»): [`register_label`].
    /// Ignored when a document is recorded; filled whenever one is read.
    pub label: Text,
    /// What it was made from («v3» of a ТЗ or estimate, «этап 2» of an акт or счёт);
    /// `None` for the final акт.
    pub made_from: Option<Text>,
}

/// What the register of issued documents calls a document of `kind` made from
/// `version` (the ТЗ or estimate version; the stage of an акт or счёт), and what it was
/// made from. An акт without a stage is the project's final акт.
pub fn register_label(kind: DocKind, version: Option<u32>) -> (Text, Option<Text>) {
    let label = match (kind, version) {
        (DocKind::Proposal, _) => Text::new("Коммерческое предложение", "Commercial proposal"),
        (DocKind::Specification, _) => Text::new("Техническое задание", "Specification"),
        (DocKind::Act, None) => Text::new("Итоговый акт", "Final acceptance certificate"),
        (DocKind::Act, Some(_)) => Text::new("Акт сдачи-приёмки", "Acceptance certificate"),
        (DocKind::Invoice, _) => Text::new("Счёт на оплату", "Invoice"),
    };
    let made_from = version.map(|n| match kind {
        DocKind::Act | DocKind::Invoice => Text::new(format!("этап {n}"), format!("stage {n}")),
        DocKind::Proposal | DocKind::Specification => Text::new(format!("v{n}"), format!("v{n}")),
    });
    (label, made_from)
}

#[cfg(test)]
mod register_tests {
    use super::*;

    #[test]
    fn the_register_names_the_final_act_and_a_stages_documents_with_their_stage() {
        let (label, from) = register_label(DocKind::Act, None);
        assert_eq!(
            (label.ru.as_str(), label.en.as_str(), from),
            ("Итоговый акт", "Final acceptance certificate", None)
        );
        let (label, from) = register_label(DocKind::Act, Some(2));
        assert_eq!(label.ru, "Акт сдачи-приёмки");
        assert_eq!(from, Some(Text::new("этап 2", "stage 2")));
        let (label, from) = register_label(DocKind::Invoice, Some(1));
        assert_eq!(label.en, "Invoice");
        assert_eq!(from.unwrap().ru, "этап 1");
        assert_eq!(
            register_label(DocKind::Specification, Some(3))
                .1
                .unwrap()
                .en,
            "v3"
        );
    }
}
