//! The TypeScript declarations of every type crossing the IPC boundary, generated
//! from the Rust types (ts-rs) into `ui/src/lib/ipc/bindings.ts`.
//!
//! `cargo test` fails when the committed file is stale (`bindings_are_fresh` in
//! tests/); `cargo run -- bindings` or `ETAP_WRITE_BINDINGS=1 cargo test` rewrites it.

use etap_domain::appearance::Theme;
use etap_domain::archive::{Exported, Imported, ImportedProject};
use etap_domain::backup::{BackupCopy, BackupKind, Backups, FolderChanged, Restored};
use etap_domain::billing::{InvoicePayments, Payment, Receivables};
use etap_domain::dashboard::{
    ClientOption, Dashboard, DashboardQuery, DashboardRow, DashboardSort, Deadline, DeadlineKind,
    DueItem, LoopCount, NextAction, Reminder,
};
use etap_domain::deployment::{
    DbArchive, DeploymentPlan, SupportContact, SupportHandover, SwitchKind, TargetKind,
};
use etap_domain::development::{
    Acceptance, Addendum, Adjustment, Bug, BugStatus, ChecklistItem, Exclusion, ItemStatus,
    PlanCheck, PlannedStage, Progress, RequirementCheck, Severity, Shares, StageHours, StagePlan,
    StageRounds, WorkEntry,
};
use etap_domain::draft::FieldError;
use etap_domain::entity::{
    Client, DocKind, HistoryEntry, IssuedDocument, ProjectPage, ProjectSummary, ProjectsPage, Stage,
};
use etap_domain::estimate::{
    Estimate, EstimateCard, EstimateDraft, EstimateItem, EstimateTotals, EstimateView, Estimator,
    Hours, HoursDraft, ItemDraft, ItemTotal, Negotiation, Offer, OfferAnswer, VatDraft,
};
use etap_domain::issue::{IssueCheck, MissingRequisite, RegisterFinding, RegisterProblem, Side};
use etap_domain::lifecycle::{
    Action, ActionKind, ActionOption, LifecycleMap, LoopKind, MapLoop, MapPhase, MapStep, Phase,
    ProjectState, Refusal, Step,
};
use etap_domain::markdown::{Block, ListItem, Run};
use etap_domain::money::{Currency, Money, VatMode};
use etap_domain::party::{
    ClientCard, FieldWarning, ProviderCard, ProviderDraft, ProviderProfile, Requisites,
};
use etap_domain::preparation::{
    Clarification, Handover, Question, QuestionStatus, Request, RequestCard, RequestSource,
    RoundNotes, TeamCard, TeamMember,
};
use etap_domain::settings::{NumberFormat, Settings, SettingsPage};
use etap_domain::spec::{
    EmptySections, OutlineEntry, Priority, Requirement, RequirementChange, SearchHit, SearchPage,
    SectionChange, SectionState, SpecContent, SpecDiff, SpecSection, SpecStatus, SpecVersion,
    WordChange,
};
use etap_domain::spec_templates::{Template, TemplateInfo};
use etap_domain::timeline::{Timeline, TimelineMarker, TimelineStage};
use etap_domain::{Lang, Text};
use ts_rs::{Config, TS};

use crate::app::{AppError, AppInfo};

/// Where the generated file lives, relative to the repository root.
pub const PATH: &str = "ui/src/lib/ipc/bindings.ts";

/// The whole generated file.
pub fn generate() -> String {
    // Ids are SQLite rowids: far below 2^53, so plain numbers in TypeScript.
    let cfg = Config::new().with_large_int("number");
    let decls = [
        Lang::decl(&cfg),
        Theme::decl(&cfg),
        Text::decl(&cfg),
        Phase::decl(&cfg),
        Step::decl(&cfg),
        LoopKind::decl(&cfg),
        Action::decl(&cfg),
        ActionKind::decl(&cfg),
        ProjectState::decl(&cfg),
        Refusal::decl(&cfg),
        ActionOption::decl(&cfg),
        MapStep::decl(&cfg),
        MapPhase::decl(&cfg),
        MapLoop::decl(&cfg),
        LifecycleMap::decl(&cfg),
        Client::decl(&cfg),
        ProjectSummary::decl(&cfg),
        ProjectsPage::decl(&cfg),
        HistoryEntry::decl(&cfg),
        Stage::decl(&cfg),
        ProjectPage::decl(&cfg),
        Requisites::decl(&cfg),
        FieldWarning::decl(&cfg),
        ClientCard::decl(&cfg),
        RequestSource::decl(&cfg),
        Request::decl(&cfg),
        RequestCard::decl(&cfg),
        QuestionStatus::decl(&cfg),
        Question::decl(&cfg),
        RoundNotes::decl(&cfg),
        Clarification::decl(&cfg),
        TeamMember::decl(&cfg),
        Handover::decl(&cfg),
        TeamCard::decl(&cfg),
        Currency::decl(&cfg),
        Money::decl(&cfg),
        VatMode::decl(&cfg),
        ProviderProfile::decl(&cfg),
        ProviderCard::decl(&cfg),
        ProviderDraft::decl(&cfg),
        Estimator::decl(&cfg),
        Hours::decl(&cfg),
        EstimateItem::decl(&cfg),
        Estimate::decl(&cfg),
        ItemTotal::decl(&cfg),
        EstimateTotals::decl(&cfg),
        EstimateView::decl(&cfg),
        FieldError::decl(&cfg),
        EstimateCard::decl(&cfg),
        VatDraft::decl(&cfg),
        HoursDraft::decl(&cfg),
        ItemDraft::decl(&cfg),
        EstimateDraft::decl(&cfg),
        OfferAnswer::decl(&cfg),
        Offer::decl(&cfg),
        Negotiation::decl(&cfg),
        DocKind::decl(&cfg),
        IssuedDocument::decl(&cfg),
        Side::decl(&cfg),
        MissingRequisite::decl(&cfg),
        IssueCheck::decl(&cfg),
        Priority::decl(&cfg),
        Requirement::decl(&cfg),
        SpecSection::decl(&cfg),
        SpecContent::decl(&cfg),
        OutlineEntry::decl(&cfg),
        Template::decl(&cfg),
        TemplateInfo::decl(&cfg),
        SpecStatus::decl(&cfg),
        SpecVersion::decl(&cfg),
        WordChange::decl(&cfg),
        SectionState::decl(&cfg),
        RequirementChange::decl(&cfg),
        SectionChange::decl(&cfg),
        SpecDiff::decl(&cfg),
        SearchHit::decl(&cfg),
        SearchPage::decl(&cfg),
        EmptySections::decl(&cfg),
        etap_documents::fonts::Face::decl(&cfg),
        etap_documents::display::TextRun::decl(&cfg),
        etap_documents::display::PageRule::decl(&cfg),
        etap_documents::display::PageBox::decl(&cfg),
        etap_documents::display::PageDisplay::decl(&cfg),
        etap_documents::display::PagesFocus::decl(&cfg),
        etap_documents::display::SectionPage::decl(&cfg),
        etap_documents::display::PagesView::decl(&cfg),
        Run::decl(&cfg),
        ListItem::decl(&cfg),
        Block::decl(&cfg),
        ItemStatus::decl(&cfg),
        ChecklistItem::decl(&cfg),
        TargetKind::decl(&cfg),
        SwitchKind::decl(&cfg),
        DeploymentPlan::decl(&cfg),
        DbArchive::decl(&cfg),
        SupportContact::decl(&cfg),
        SupportHandover::decl(&cfg),
        PlannedStage::decl(&cfg),
        Exclusion::decl(&cfg),
        StagePlan::decl(&cfg),
        Shares::decl(&cfg),
        PlanCheck::decl(&cfg),
        Addendum::decl(&cfg),
        WorkEntry::decl(&cfg),
        Severity::decl(&cfg),
        BugStatus::decl(&cfg),
        Bug::decl(&cfg),
        Adjustment::decl(&cfg),
        RequirementCheck::decl(&cfg),
        Acceptance::decl(&cfg),
        StageRounds::decl(&cfg),
        StageHours::decl(&cfg),
        Progress::decl(&cfg),
        AppInfo::decl(&cfg),
        AppError::decl(&cfg),
        Payment::decl(&cfg),
        InvoicePayments::decl(&cfg),
        Receivables::decl(&cfg),
        Exported::decl(&cfg),
        ImportedProject::decl(&cfg),
        Imported::decl(&cfg),
        RegisterProblem::decl(&cfg),
        RegisterFinding::decl(&cfg),
        BackupKind::decl(&cfg),
        BackupCopy::decl(&cfg),
        Backups::decl(&cfg),
        Restored::decl(&cfg),
        FolderChanged::decl(&cfg),
        etap_domain::development::RepoRef::decl(&cfg),
        etap_domain::development::RepoRefs::decl(&cfg),
        etap_domain::lifecycle::Workspaces::decl(&cfg),
        DeadlineKind::decl(&cfg),
        Deadline::decl(&cfg),
        NextAction::decl(&cfg),
        LoopCount::decl(&cfg),
        DashboardRow::decl(&cfg),
        DashboardSort::decl(&cfg),
        DashboardQuery::decl(&cfg),
        DueItem::decl(&cfg),
        ClientOption::decl(&cfg),
        Dashboard::decl(&cfg),
        Reminder::decl(&cfg),
        Settings::decl(&cfg),
        NumberFormat::decl(&cfg),
        SettingsPage::decl(&cfg),
        TimelineStage::decl(&cfg),
        TimelineMarker::decl(&cfg),
        Timeline::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/bindings.rs (ts-rs). Do not edit:\n\
         // run `ETAP_WRITE_BINDINGS=1 cargo test bindings` after changing a type.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.push_str(&error_codes());
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The union of every error code (`etap_domain::error::ERROR_CODES`) that
/// `AppError.code` and `Refusal.code` carry.
fn error_codes() -> String {
    let codes: Vec<String> = etap_domain::error::ERROR_CODES
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect();
    format!(
        "/**\n * Every error code the core can answer with.\n */\nexport type ErrorCode = {};\n",
        codes.join(" | ")
    )
}
