//! Etap's domain: the seed lifecycle as a state machine, the entities a manager works
//! with, and the texts they read, in Russian and English.
//!
//! This crate does no I/O. It knows nothing of Tauri, SQLite or PDF (ARCHITECTURE.md
//! states it as an invariant and `cargo tree -p etap-domain` proves it); storage and the
//! desktop shell depend on it, never the other way round.

pub mod appearance;
pub mod archive;
pub mod backup;
pub mod billing;
pub mod dashboard;
pub mod decimal;
pub mod deployment;
pub mod development;
pub mod draft;
pub mod entity;
pub mod error;
pub mod estimate;
pub mod input;
pub mod issue;
pub mod lifecycle;
pub mod logo;
pub mod markdown;
pub mod money;
pub mod numbering;
pub mod party;
pub mod payment_qr;
pub mod preparation;
pub mod search;
pub mod settings;
pub mod spec;
pub mod spec_templates;
pub mod text;
pub mod timeline;
pub mod typography;

pub use entity::{Client, HistoryEntry, ProjectPage, ProjectSummary, Stage};
pub use error::{DomainError, Result};
pub use lifecycle::{
    decide, options, replay, Action, ActionKind, ActionOption, Facts, LifecycleMap, LoopKind,
    Phase, ProjectState, Refusal, Step,
};
pub use text::{Lang, Text};
