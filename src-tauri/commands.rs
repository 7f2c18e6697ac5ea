//! IPC commands: each takes the state, calls one library function and maps the error.
//! No SQL and no business rule lives here.

use etap_documents::display::{PagesFocus, PagesView};
use etap_domain::entity::{Client, DocKind, IssuedDocument, ProjectPage, ProjectSummary};
use etap_domain::estimate::{EstimateCard, EstimateDraft, Negotiation};
use etap_domain::issue::IssueCheck;
use etap_domain::party::{ClientCard, ProviderCard, ProviderDraft, Requisites};
use etap_domain::preparation::{
    Clarification, Handover, QuestionStatus, Request, RequestCard, TeamCard, TeamMember,
};
use etap_domain::spec::{EmptySections, SearchHit, SpecContent, SpecDiff, SpecVersion};
use etap_domain::spec_templates::{Template, TemplateInfo};
use etap_domain::{ActionKind, Lang};
use tauri::State;

use crate::app::{AppError, AppInfo, AppState};

type Res<T> = Result<T, AppError>;

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Res<AppInfo> {
    Ok(state.info())
}

/// The window drew `what` for the first time (logged for the startup benchmark), with
/// the page's start-up marks (script, mounted, answered, rendered, frame, drawn), in ms
/// since the page's start.
#[tauri::command]
pub async fn startup_mark(what: String, marks: Vec<(String, u64)>) -> Res<()> {
    crate::app::startup_mark(&what, &marks);
    Ok(())
}

#[tauri::command]
pub async fn set_language(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    lang: Lang,
) -> Res<AppInfo> {
    let info = state.set_language(lang).await?;
    crate::native::relabel(&app, lang);
    Ok(info)
}

#[tauri::command]
pub async fn list_clients(state: State<'_, AppState>) -> Res<Vec<Client>> {
    state.with(|s| s.clients()).await
}

#[tauri::command]
pub async fn create_client(state: State<'_, AppState>, name: String) -> Res<Client> {
    state.with(|s| s.create_client(&name)).await
}

#[tauri::command]
pub async fn list_projects(state: State<'_, AppState>) -> Res<Vec<ProjectSummary>> {
    state.with(|s| s.projects()).await
}

#[tauri::command]
pub async fn create_project(
    state: State<'_, AppState>,
    client_id: i64,
    title: String,
) -> Res<ProjectSummary> {
    state.with(|s| s.create_project(client_id, &title)).await
}

#[tauri::command]
pub async fn rename_project(
    state: State<'_, AppState>,
    id: i64,
    title: String,
) -> Res<ProjectSummary> {
    state.with(|s| s.rename_project(id, &title)).await
}

#[tauri::command]
pub async fn project_page(state: State<'_, AppState>, id: i64) -> Res<ProjectPage> {
    state.with(|s| s.project_page(id)).await
}

#[tauri::command]
pub async fn advance(
    state: State<'_, AppState>,
    id: i64,
    action: ActionKind,
    comment: String,
) -> Res<ProjectPage> {
    state.with(|s| s.advance_page(id, action, &comment)).await
}

#[tauri::command]
pub async fn add_stage(state: State<'_, AppState>, id: i64, title: String) -> Res<ProjectPage> {
    state.with(|s| s.add_stage_page(id, &title)).await
}

#[tauri::command]
pub async fn client_card(state: State<'_, AppState>, id: i64) -> Res<ClientCard> {
    state.with(|s| s.client_card(id)).await
}

#[tauri::command]
pub async fn save_client(
    state: State<'_, AppState>,
    id: i64,
    name: String,
    requisites: Requisites,
) -> Res<ClientCard> {
    state.with(|s| s.save_client(id, &name, &requisites)).await
}

#[tauri::command]
pub async fn request(state: State<'_, AppState>, project_id: i64) -> Res<RequestCard> {
    state.with(|s| s.request(project_id)).await
}

#[tauri::command]
pub async fn save_request(
    state: State<'_, AppState>,
    project_id: i64,
    request: Request,
) -> Res<RequestCard> {
    state.with(|s| s.save_request(project_id, &request)).await
}

#[tauri::command]
pub async fn clarification(state: State<'_, AppState>, project_id: i64) -> Res<Clarification> {
    state.with(|s| s.clarification(project_id)).await
}

#[tauri::command]
pub async fn add_question(
    state: State<'_, AppState>,
    project_id: i64,
    text: String,
) -> Res<Clarification> {
    state.with(|s| s.add_question(project_id, &text)).await
}

#[tauri::command]
pub async fn save_question(
    state: State<'_, AppState>,
    id: i64,
    text: String,
    answer: String,
    status: QuestionStatus,
) -> Res<Clarification> {
    state
        .with(|s| s.save_question(id, &text, &answer, status))
        .await
}

#[tauri::command]
pub async fn delete_question(state: State<'_, AppState>, id: i64) -> Res<Clarification> {
    state.with(|s| s.delete_question(id)).await
}

#[tauri::command]
pub async fn save_round_notes(
    state: State<'_, AppState>,
    project_id: i64,
    notes: String,
) -> Res<Clarification> {
    state.with(|s| s.save_round_notes(project_id, &notes)).await
}

#[tauri::command]
pub async fn team_card(state: State<'_, AppState>, project_id: i64) -> Res<TeamCard> {
    state.with(|s| s.team_card(project_id)).await
}

#[tauri::command]
pub async fn save_team_member(
    state: State<'_, AppState>,
    project_id: i64,
    member: TeamMember,
) -> Res<TeamCard> {
    state
        .with(|s| s.save_team_member(project_id, &member))
        .await
}

#[tauri::command]
pub async fn remove_team_member(
    state: State<'_, AppState>,
    project_id: i64,
    member_id: i64,
) -> Res<TeamCard> {
    state
        .with(|s| s.remove_team_member(project_id, member_id))
        .await
}

#[tauri::command]
pub async fn save_handover(
    state: State<'_, AppState>,
    project_id: i64,
    handover: Handover,
) -> Res<TeamCard> {
    state.with(|s| s.save_handover(project_id, &handover)).await
}

#[tauri::command]
pub async fn provider(state: State<'_, AppState>) -> Res<ProviderCard> {
    state.with(|s| s.provider()).await
}

#[tauri::command]
pub async fn save_provider(
    state: State<'_, AppState>,
    profile: ProviderDraft,
) -> Res<ProviderCard> {
    state.with(|s| s.save_provider(&profile)).await
}

#[tauri::command]
pub async fn set_provider_logo(state: State<'_, AppState>, bytes: Vec<u8>) -> Res<ProviderCard> {
    state.with(|s| s.set_provider_logo(&bytes)).await
}

#[tauri::command]
pub async fn estimate_card(state: State<'_, AppState>, project_id: i64) -> Res<EstimateCard> {
    state.with(|s| s.estimate_card(project_id)).await
}

#[tauri::command]
pub async fn save_estimate(
    state: State<'_, AppState>,
    project_id: i64,
    estimate: EstimateDraft,
) -> Res<EstimateCard> {
    state.with(|s| s.save_estimate(project_id, &estimate)).await
}

#[tauri::command]
pub async fn negotiation(state: State<'_, AppState>, project_id: i64) -> Res<Negotiation> {
    state.with(|s| s.negotiation(project_id)).await
}

#[tauri::command]
pub async fn save_offer(
    state: State<'_, AppState>,
    project_id: i64,
    price: String,
    deadline: String,
    valid_until: String,
) -> Res<Negotiation> {
    state
        .with(|s| s.save_offer(project_id, &price, &deadline, &valid_until))
        .await
}

#[tauri::command]
pub async fn counter_offer(
    state: State<'_, AppState>,
    project_id: i64,
    price: String,
    deadline: String,
    note: String,
) -> Res<Negotiation> {
    state
        .with(|s| s.counter_offer(project_id, &price, &deadline, &note))
        .await
}

#[tauri::command]
pub async fn export_proposal(state: State<'_, AppState>, project_id: i64) -> Res<IssuedDocument> {
    state
        .export(|s, lang, dir| crate::export::export_proposal(s, project_id, lang, dir))
        .await
}

/// May a document of `kind` be issued now, and what would it print empty; the window
/// shows the answer beside the export button before it is pressed.
#[tauri::command]
pub async fn issue_check(
    state: State<'_, AppState>,
    project_id: i64,
    kind: DocKind,
    spec_version: Option<i64>,
) -> Res<IssueCheck> {
    state
        .with(|s| s.issue_check(project_id, kind, spec_version))
        .await
}

#[tauri::command]
pub async fn issued_documents(
    state: State<'_, AppState>,
    project_id: i64,
) -> Res<Vec<IssuedDocument>> {
    state.with(|s| s.issued_documents(project_id)).await
}

#[tauri::command]
pub async fn spec_templates() -> Res<Vec<TemplateInfo>> {
    Ok(etap_domain::spec_templates::templates())
}

#[tauri::command]
pub async fn spec_versions(state: State<'_, AppState>, project_id: i64) -> Res<Vec<SpecVersion>> {
    state.with(|s| s.spec_versions(project_id)).await
}

#[tauri::command]
pub async fn create_spec(
    state: State<'_, AppState>,
    project_id: i64,
    template: Template,
    lang: Lang,
) -> Res<SpecVersion> {
    state
        .with(|s| s.create_spec(project_id, template, lang))
        .await
}

#[tauri::command]
pub async fn save_spec(
    state: State<'_, AppState>,
    version_id: i64,
    content: SpecContent,
) -> Res<SpecVersion> {
    state.with(|s| s.save_spec(version_id, &content)).await
}

#[tauri::command]
pub async fn add_spec_section(
    state: State<'_, AppState>,
    version_id: i64,
    parent: Option<u32>,
) -> Res<SpecVersion> {
    state.with(|s| s.add_spec_section(version_id, parent)).await
}

#[tauri::command]
pub async fn add_requirement(
    state: State<'_, AppState>,
    version_id: i64,
    section: u32,
) -> Res<SpecVersion> {
    state.with(|s| s.add_requirement(version_id, section)).await
}

#[tauri::command]
pub async fn approve_spec(
    state: State<'_, AppState>,
    version_id: i64,
    approver: String,
) -> Res<SpecVersion> {
    state.with(|s| s.approve_spec(version_id, &approver)).await
}

#[tauri::command]
pub async fn new_spec_version(state: State<'_, AppState>, project_id: i64) -> Res<SpecVersion> {
    state.with(|s| s.new_spec_version(project_id)).await
}

#[tauri::command]
pub async fn spec_diff(state: State<'_, AppState>, from: i64, to: i64) -> Res<SpecDiff> {
    state.with(|s| s.spec_diff(from, to)).await
}

#[tauri::command]
pub async fn search_specs(state: State<'_, AppState>, query: String) -> Res<Vec<SearchHit>> {
    state.with(|s| s.search_specs(&query, 50)).await
}

#[tauri::command]
pub async fn export_spec(
    state: State<'_, AppState>,
    version_id: i64,
    changes_since: Option<i64>,
    empty_sections: EmptySections,
) -> Res<IssuedDocument> {
    state
        .export(|s, _, dir| {
            crate::export::export_spec(s, version_id, changes_since, empty_sections, dir)
        })
        .await
}

/// The ТЗ's pages as the export would print them from the text being typed: the page
/// under the cursor and the pages the view shows, as display lists.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn spec_pages(
    state: State<'_, AppState>,
    version_id: i64,
    content: SpecContent,
    changes_since: Option<i64>,
    empty_sections: EmptySections,
    focus: Option<PagesFocus>,
    pages: Vec<usize>,
) -> Res<PagesView> {
    let input = state
        .export(|s, _, _| {
            crate::export::pages_input(
                s,
                crate::export::PagesRequest {
                    version_id,
                    content,
                    changes_since,
                    empty: empty_sections,
                    focus,
                    pages,
                },
            )
        })
        .await?;
    // Laid out with the store free: an autosave typed meanwhile does not wait.
    Ok(crate::export::lay_out_pages(input))
}

/// A section's text in the Markdown subset as the blocks the preview draws (the same
/// parse the PDF is made from).
#[tauri::command]
pub async fn markdown_blocks(text: String, lang: Lang) -> Res<Vec<etap_domain::markdown::Block>> {
    Ok(etap_domain::markdown::parse(&text, lang))
}

#[tauri::command]
pub async fn copy_document(
    state: State<'_, AppState>,
    id: i64,
    dest: String,
) -> Res<IssuedDocument> {
    state
        .export(|s, _, _| crate::export::copy_document(s, id, std::path::Path::new(&dest)))
        .await
}

// 3.1–3.3 Deployment: the plan, the database archives of each switchover attempt and
// the support handover.

#[tauri::command]
pub async fn deployment_plan(
    state: State<'_, AppState>,
    project_id: i64,
) -> Res<Option<etap_domain::deployment::DeploymentPlan>> {
    state.with(|s| s.deployment_plan(project_id)).await
}

#[tauri::command]
pub async fn save_deployment_plan(
    state: State<'_, AppState>,
    project_id: i64,
    plan: etap_domain::deployment::DeploymentPlan,
) -> Res<Option<etap_domain::deployment::DeploymentPlan>> {
    state
        .with(|s| s.save_deployment_plan(project_id, &plan))
        .await
}

#[tauri::command]
pub async fn db_archives(
    state: State<'_, AppState>,
    project_id: i64,
) -> Res<Vec<etap_domain::deployment::DbArchive>> {
    state.with(|s| s.db_archives(project_id)).await
}

#[tauri::command]
pub async fn record_db_archive(
    state: State<'_, AppState>,
    project_id: i64,
    archive: etap_domain::deployment::DbArchive,
) -> Res<Vec<etap_domain::deployment::DbArchive>> {
    state
        .with(|s| s.record_db_archive(project_id, &archive))
        .await
}

#[tauri::command]
pub async fn support_handover(
    state: State<'_, AppState>,
    project_id: i64,
) -> Res<Option<etap_domain::deployment::SupportHandover>> {
    state.with(|s| s.support_handover(project_id)).await
}

#[tauri::command]
pub async fn save_support_handover(
    state: State<'_, AppState>,
    project_id: i64,
    handover: etap_domain::deployment::SupportHandover,
) -> Res<Option<etap_domain::deployment::SupportHandover>> {
    state
        .with(|s| s.save_support_handover(project_id, &handover))
        .await
}

// ---- charging documents: a stage's акт and счёт, the final акт -------------------------

/// The акт of an accepted stage, issued and recorded in the register.
#[tauri::command]
pub async fn export_act(
    state: State<'_, AppState>,
    project_id: i64,
    stage: u32,
) -> Res<IssuedDocument> {
    state
        .export(|s, lang, dir| crate::export::export_act(s, project_id, stage, lang, dir))
        .await
}

/// The счёт of an accepted stage, issued and recorded in the register.
#[tauri::command]
pub async fn export_invoice(
    state: State<'_, AppState>,
    project_id: i64,
    stage: u32,
) -> Res<IssuedDocument> {
    state
        .export(|s, lang, dir| crate::export::export_invoice(s, project_id, stage, lang, dir))
        .await
}

/// The project's final акт (3.3), issued and recorded in the register.
#[tauri::command]
pub async fn export_final_act(state: State<'_, AppState>, project_id: i64) -> Res<IssuedDocument> {
    state
        .export(|s, lang, dir| crate::export::export_final_act(s, project_id, lang, dir))
        .await
}

// ---- payments: what is accepted, invoiced and paid ------------------------------------

/// The project's accepted, invoiced and paid amounts and each счёт's payments.
#[tauri::command]
pub async fn receivables(
    state: State<'_, AppState>,
    project_id: i64,
) -> Res<etap_domain::billing::Receivables> {
    state.with(|s| s.receivables(project_id)).await
}

/// Records a payment against a счёт; an overpayment is refused and nothing written.
#[tauri::command]
pub async fn record_payment(
    state: State<'_, AppState>,
    document_id: i64,
    paid_on: String,
    amount: String,
) -> Res<etap_domain::billing::Receivables> {
    state
        .with(|s| s.record_payment(document_id, &paid_on, &amount))
        .await
}

// ---- 2.1–2.6 development: the stage plan, environment, work log, bugs, DevOps
// adjustments and acceptance (storage `development`, rules in the domain).

use etap_domain::development::{
    Acceptance, Addendum, Adjustment, Bug, ChecklistItem, PlanCheck, PlannedStage, Progress,
    StagePlan, WorkEntry,
};

#[tauri::command]
pub async fn stage_plan(state: State<'_, AppState>, project_id: i64) -> Res<StagePlan> {
    state.with(|s| s.stage_plan(project_id)).await
}

#[tauri::command]
pub async fn stage_plan_check(state: State<'_, AppState>, project_id: i64) -> Res<PlanCheck> {
    state.with(|s| s.stage_plan_check(project_id)).await
}

#[tauri::command]
pub async fn save_planned_stage(
    state: State<'_, AppState>,
    project_id: i64,
    stage: PlannedStage,
    price: String,
) -> Res<StagePlan> {
    state
        .with(|s| s.save_planned_stage_typed(project_id, &stage, &price))
        .await
}

#[tauri::command]
pub async fn place_requirement(
    state: State<'_, AppState>,
    project_id: i64,
    req_id: String,
    stage: Option<u32>,
    reason: String,
) -> Res<StagePlan> {
    state
        .with(|s| s.place_requirement(project_id, &req_id, stage, &reason))
        .await
}

#[tauri::command]
pub async fn reorder_stages(
    state: State<'_, AppState>,
    project_id: i64,
    from: u32,
    to: u32,
) -> Res<StagePlan> {
    state.with(|s| s.reorder_stages(project_id, from, to)).await
}

#[tauri::command]
pub async fn split_stage(
    state: State<'_, AppState>,
    project_id: i64,
    number: u32,
    moved: Vec<String>,
    title: String,
) -> Res<StagePlan> {
    state
        .with(|s| s.split_stage(project_id, number, &moved, &title))
        .await
}

#[tauri::command]
pub async fn plan_addendum(state: State<'_, AppState>, project_id: i64) -> Res<Addendum> {
    state.with(|s| s.plan_addendum(project_id)).await
}

#[tauri::command]
pub async fn environment(state: State<'_, AppState>, project_id: i64) -> Res<Vec<ChecklistItem>> {
    state.with(|s| s.environment(project_id)).await
}

#[tauri::command]
pub async fn save_environment_item(
    state: State<'_, AppState>,
    project_id: i64,
    item: ChecklistItem,
) -> Res<Vec<ChecklistItem>> {
    state
        .with(|s| s.save_environment_item(project_id, &item))
        .await
}

#[tauri::command]
pub async fn work_log(state: State<'_, AppState>, project_id: i64) -> Res<Vec<WorkEntry>> {
    state.with(|s| s.work_log(project_id)).await
}

#[tauri::command]
pub async fn log_work(
    state: State<'_, AppState>,
    project_id: i64,
    entry: WorkEntry,
) -> Res<Vec<WorkEntry>> {
    state.with(|s| s.log_work(project_id, &entry)).await
}

#[tauri::command]
pub async fn bugs(state: State<'_, AppState>, project_id: i64) -> Res<Vec<Bug>> {
    state.with(|s| s.bugs(project_id)).await
}

#[tauri::command]
pub async fn save_bug(state: State<'_, AppState>, project_id: i64, bug: Bug) -> Res<Vec<Bug>> {
    state.with(|s| s.save_bug(project_id, &bug)).await
}

#[tauri::command]
pub async fn adjustments(state: State<'_, AppState>, project_id: i64) -> Res<Vec<Adjustment>> {
    state.with(|s| s.adjustments(project_id)).await
}

/// Records an adjustment and answers with the whole log, as the other lists do.
#[tauri::command]
pub async fn add_adjustment(
    state: State<'_, AppState>,
    project_id: i64,
    adjustment: Adjustment,
) -> Res<Vec<Adjustment>> {
    state
        .with(|s| {
            s.add_adjustment(project_id, &adjustment)
                .and_then(|()| s.adjustments(project_id))
        })
        .await
}

#[tauri::command]
pub async fn acceptance(
    state: State<'_, AppState>,
    project_id: i64,
    number: u32,
) -> Res<Acceptance> {
    state.with(|s| s.acceptance(project_id, number)).await
}

#[tauri::command]
pub async fn save_acceptance(
    state: State<'_, AppState>,
    project_id: i64,
    acceptance: Acceptance,
) -> Res<Acceptance> {
    state
        .with(|s| s.save_acceptance(project_id, &acceptance))
        .await
}

#[tauri::command]
pub async fn development_progress(state: State<'_, AppState>, project_id: i64) -> Res<Progress> {
    state.with(|s| s.development_progress(project_id)).await
}

/// The approved ТЗ's requirements with their text and acceptance criterion (2.1, 2.6).
#[tauri::command]
pub async fn approved_requirements(
    state: State<'_, AppState>,
    project_id: i64,
) -> Res<Vec<etap_domain::spec::Requirement>> {
    state.with(|s| s.approved_requirements(project_id)).await
}

#[tauri::command]
pub async fn stage_default_prices(
    state: State<'_, AppState>,
    project_id: i64,
) -> Res<Vec<Option<etap_domain::money::Money>>> {
    state.with(|s| s.stage_default_prices(project_id)).await
}

// ---- project archive -----------------------------------------------------------------

/// Writes the project's archive (or, without a project, all data) where the native
/// "Save as…" dialog pointed.
#[tauri::command]
pub async fn export_archive(
    state: State<'_, AppState>,
    project_id: Option<i64>,
    dest: String,
) -> Res<etap_domain::archive::Exported> {
    let sel = match project_id {
        Some(id) => etap_storage::Selection::Projects(vec![id]),
        None => etap_storage::Selection::All,
    };
    state
        .export(|s, _, _| {
            crate::export::archive::export_archive(s, &sel, std::path::Path::new(&dest))
        })
        .await
}

/// Imports the archive the native open dialog chose; checked whole before anything is
/// written.
#[tauri::command]
pub async fn import_archive(
    state: State<'_, AppState>,
    src: String,
) -> Res<etap_domain::archive::Imported> {
    state
        .export(|s, _, dir| {
            crate::export::archive::import_archive(s, std::path::Path::new(&src), dir)
        })
        .await
}

/// The check at start: register entries whose file is gone or changed, and files in the
/// documents folder no entry names (a write a crash interrupted). The window shows them.
#[tauri::command]
pub async fn register_check(
    state: State<'_, AppState>,
) -> Res<Vec<etap_domain::issue::RegisterFinding>> {
    state
        .export(|s, _, dir| crate::export::check_register(s, dir))
        .await
}

// Backups: the list, a copy on demand, how many are kept, a restore.

#[tauri::command]
pub async fn backups(state: State<'_, AppState>) -> Res<etap_domain::backup::Backups> {
    state.with(|s| s.backups()).await
}

#[tauri::command]
pub async fn create_backup(state: State<'_, AppState>) -> Res<etap_domain::backup::Backups> {
    state
        .with(|s| {
            s.create_backup(etap_domain::backup::BackupKind::Manual)
                .and_then(|_| s.backups())
        })
        .await
}

#[tauri::command]
pub async fn set_backups_keep(
    state: State<'_, AppState>,
    keep: i64,
) -> Res<etap_domain::backup::Backups> {
    state.with(|s| s.set_backups_keep(keep)).await
}

/// Chooses the folder the copies go to (`""`: back to `backups/` beside the
/// database); the copies already made are moved there.
#[tauri::command]
pub async fn set_backup_folder(
    state: State<'_, AppState>,
    folder: String,
) -> Res<etap_domain::backup::FolderChanged> {
    state.with(|s| s.set_backup_folder(&folder)).await
}

#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    file: String,
) -> Res<etap_domain::backup::Restored> {
    state.restore_backup(&file).await
}

// ---- the project's local git repository (2.6 code reference) ----------------------------

#[tauri::command]
pub async fn set_repository(
    state: State<'_, AppState>,
    project_id: i64,
    folder: String,
) -> Res<String> {
    state.with(|s| s.set_repository(project_id, &folder)).await
}

#[tauri::command]
pub async fn repository_refs(
    state: State<'_, AppState>,
    project_id: i64,
) -> Res<etap_domain::development::RepoRefs> {
    state.with(|s| s.repository_refs(project_id)).await
}

// ---- Issue 13: the window's theme -----------------------------------------------------

#[tauri::command]
pub async fn set_theme(
    state: State<'_, AppState>,
    theme: etap_domain::appearance::Theme,
) -> Res<AppInfo> {
    state.set_theme(theme).await
}

// ---- Issue 13: an issued document in the system viewer and in its folder --------------

#[tauri::command]
pub async fn open_document(state: State<'_, AppState>, id: i64) -> Res<()> {
    crate::native::open_document(&state, id).await
}

#[tauri::command]
pub async fn reveal_document(state: State<'_, AppState>, id: i64) -> Res<()> {
    crate::native::reveal_document(&state, id).await
}

/// The dashboard: every project's step, next action, next deadline, overdue flag,
/// loops and money, filtered and sorted as asked, with the "this week" view.
#[tauri::command]
pub async fn dashboard(
    state: State<'_, AppState>,
    query: etap_domain::dashboard::DashboardQuery,
) -> Res<etap_domain::dashboard::Dashboard> {
    state.with(|s| s.dashboard(&query)).await
}

/// The settings page: language, notifications, the estimate defaults of the provider
/// profile and the numbering formats.
#[tauri::command]
pub async fn settings_page(state: State<'_, AppState>) -> Res<etap_domain::settings::SettingsPage> {
    let lang = state.lang();
    state.with(|s| s.settings_page(lang)).await
}

/// Turns desktop notifications of deadlines on or off.
#[tauri::command]
pub async fn set_notifications(
    state: State<'_, AppState>,
    on: bool,
) -> Res<etap_domain::settings::SettingsPage> {
    let lang = state.lang();
    state
        .with(|s| {
            s.set_notifications(on)?;
            s.settings_page(lang)
        })
        .await
}

/// A project's timeline: stages planned against accepted, the history as markers.
#[tauri::command]
pub async fn timeline(
    state: State<'_, AppState>,
    project_id: i64,
) -> Res<etap_domain::timeline::Timeline> {
    state.with(|s| s.timeline(project_id)).await
}

/// Shows the deadline notices due now (each at most once a day, none when switched
/// off) as desktop notifications, and returns them.
#[tauri::command]
pub async fn notify_deadlines(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Res<Vec<etap_domain::dashboard::Reminder>> {
    let due = state.with(|s| s.take_reminders_today()).await?;
    crate::gui::notify(&app, &due, state.lang());
    Ok(due)
}

/// One page of search hits across every ТЗ, best first; snippets only for these.
#[tauri::command]
pub async fn search_page(
    state: State<'_, AppState>,
    query: String,
    offset: u32,
    limit: u32,
) -> Res<etap_domain::spec::SearchPage> {
    state.with(|s| s.search_page(&query, offset, limit)).await
}
