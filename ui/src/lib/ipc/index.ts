// The one typed door to the Rust core: every command the UI may call, with the types
// generated from Rust (bindings.ts). No component calls `invoke` with a string name.
import { invoke } from '@tauri-apps/api/core';
import type {
  Theme,
  PagesFocus,
  PagesView,
  ActionKind,
  AppError,
  AppInfo,
  Block,
  Clarification,
  Client,
  DbArchive,
  DeploymentPlan,
  ClientCard,
  EmptySections,
  ErrorCode,
  Estimate,
  EstimateCard,
  DocKind,
  EstimateDraft,
  Handover,
  IssueCheck,
  IssuedDocument,
  Lang,
  Negotiation,
  ProjectPage,
  ProjectSummary,
  Dashboard,
  DashboardQuery,
  Reminder,
  SettingsPage,
  Timeline,
  ProviderCard,
  ProviderDraft,
  QuestionStatus,
  Receivables,
  Request,
  RequestCard,
  Requisites,
  SearchHit,
  SearchPage,
  SpecContent,
  SpecDiff,
  SpecVersion,
  SupportHandover,
  TeamCard,
  Template,
  TemplateInfo,
  TeamMember,
  Acceptance,
  Addendum,
  Adjustment,
  Bug,
  ChecklistItem,
  PlanCheck,
  PlannedStage,
  Progress,
  StagePlan,
  WorkEntry,
  Money,
  Exported,
  Imported,
  RegisterFinding,
  Backups,
  Restored,
  FolderChanged,
  Requirement,
  RepoRefs,
} from './bindings';

export type * from './bindings';

/** What an {@link IpcError} carries: a code of the core (`ErrorCode`, generated from
 *  the Rust list) or `'ipc'` when the call itself failed. Comparing against any other
 *  string fails `npm run check`. */
export type IpcErrorCode = ErrorCode | 'ipc';

/** An error from the core: `code` is stable, `message` is for people. */
export class IpcError extends Error {
  readonly code: IpcErrorCode;
  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'IpcError';
  }
}

function isAppError(e: unknown): e is AppError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as AppError).code === 'string' &&
    typeof (e as AppError).message === 'string'
  );
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (isAppError(e)) throw new IpcError(e.code, e.message);
    throw new IpcError('ipc', String(e));
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  /** The window drew `what` for the first time: the core logs it with the time since
   *  the process started and the page's own marks (read by the startup benchmark). */
  startupMark: (what: string, marks: [string, number][]) => call<null>('startup_mark', { what, marks }),
  setLanguage: (lang: Lang) => call<AppInfo>('set_language', { lang }),
  listClients: () => call<Client[]>('list_clients'),
  createClient: (name: string) => call<Client>('create_client', { name }),
  listProjects: () => call<ProjectSummary[]>('list_projects'),
  // The dashboard: rows, next deadlines, overdue, filters and sort decided by the core.
  dashboard: (query: DashboardQuery) => call<Dashboard>('dashboard', { query }),
  // Settings, deadline notices (shown by the core, at most once a day each), timeline.
  settingsPage: () => call<SettingsPage>('settings_page'),
  setNotifications: (on: boolean) => call<SettingsPage>('set_notifications', { on }),
  notifyDeadlines: () => call<Reminder[]>('notify_deadlines'),
  timeline: (projectId: number) => call<Timeline>('timeline', { projectId }),
  createProject: (clientId: number, title: string) =>
    call<ProjectSummary>('create_project', { clientId, title }),
  renameProject: (id: number, title: string) =>
    call<ProjectSummary>('rename_project', { id, title }),
  projectPage: (id: number) => call<ProjectPage>('project_page', { id }),
  advance: (id: number, action: ActionKind, comment: string) =>
    call<ProjectPage>('advance', { id, action, comment }),
  addStage: (id: number, title: string) => call<ProjectPage>('add_stage', { id, title }),
  clientCard: (id: number) => call<ClientCard>('client_card', { id }),
  saveClient: (id: number, name: string, requisites: Requisites) =>
    call<ClientCard>('save_client', { id, name, requisites }),
  request: (projectId: number) => call<RequestCard>('request', { projectId }),
  saveRequest: (projectId: number, request: Request) =>
    call<RequestCard>('save_request', { projectId, request }),
  clarification: (projectId: number) => call<Clarification>('clarification', { projectId }),
  addQuestion: (projectId: number, text: string) =>
    call<Clarification>('add_question', { projectId, text }),
  saveQuestion: (id: number, text: string, answer: string, status: QuestionStatus) =>
    call<Clarification>('save_question', { id, text, answer, status }),
  deleteQuestion: (id: number) => call<Clarification>('delete_question', { id }),
  saveRoundNotes: (projectId: number, notes: string) =>
    call<Clarification>('save_round_notes', { projectId, notes }),
  teamCard: (projectId: number) => call<TeamCard>('team_card', { projectId }),
  saveTeamMember: (projectId: number, member: TeamMember) =>
    call<TeamCard>('save_team_member', { projectId, member }),
  removeTeamMember: (projectId: number, memberId: number) =>
    call<TeamCard>('remove_team_member', { projectId, memberId }),
  saveHandover: (projectId: number, handover: Handover) =>
    call<TeamCard>('save_handover', { projectId, handover }),
  provider: () => call<ProviderCard>('provider'),
  saveProvider: (profile: ProviderDraft) => call<ProviderCard>('save_provider', { profile }),
  setProviderLogo: (bytes: number[]) => call<ProviderCard>('set_provider_logo', { bytes }),
  estimateCard: (projectId: number) => call<EstimateCard>('estimate_card', { projectId }),
  saveEstimate: (projectId: number, estimate: EstimateDraft) =>
    call<EstimateCard>('save_estimate', { projectId, estimate }),
  negotiation: (projectId: number) => call<Negotiation>('negotiation', { projectId }),
  saveOffer: (projectId: number, price: string, deadline: string, validUntil: string) =>
    call<Negotiation>('save_offer', { projectId, price, deadline, validUntil }),
  counterOffer: (projectId: number, price: string, deadline: string, note: string) =>
    call<Negotiation>('counter_offer', { projectId, price, deadline, note }),
  exportProposal: (projectId: number) => call<IssuedDocument>('export_proposal', { projectId }),
  issueCheck: (projectId: number, kind: DocKind, specVersion: number | null = null) =>
    call<IssueCheck>('issue_check', { projectId, kind, specVersion }),
  issuedDocuments: (projectId: number) => call<IssuedDocument[]>('issued_documents', { projectId }),
  specTemplates: () => call<TemplateInfo[]>('spec_templates'),
  specVersions: (projectId: number) => call<SpecVersion[]>('spec_versions', { projectId }),
  createSpec: (projectId: number, template: Template, lang: Lang) =>
    call<SpecVersion>('create_spec', { projectId, template, lang }),
  saveSpec: (versionId: number, content: SpecContent) =>
    call<SpecVersion>('save_spec', { versionId, content }),
  addSpecSection: (versionId: number, parent: number | null) =>
    call<SpecVersion>('add_spec_section', { versionId, parent }),
  addRequirement: (versionId: number, section: number) =>
    call<SpecVersion>('add_requirement', { versionId, section }),
  approveSpec: (versionId: number, approver: string) =>
    call<SpecVersion>('approve_spec', { versionId, approver }),
  newSpecVersion: (projectId: number) => call<SpecVersion>('new_spec_version', { projectId }),
  specDiff: (from: number, to: number) => call<SpecDiff>('spec_diff', { from, to }),
  searchSpecs: (query: string) => call<SearchHit[]>('search_specs', { query }),
  exportSpec: (versionId: number, changesSince: number | null, emptySections: EmptySections) =>
    call<IssuedDocument>('export_spec', { versionId, changesSince, emptySections }),
  /** The ТЗ's pages as the export would print them from the text being typed. */
  specPages: (
    versionId: number,
    content: SpecContent,
    changesSince: number | null,
    emptySections: EmptySections,
    focus: PagesFocus | null,
    pages: number[],
  ) => call<PagesView>('spec_pages', { versionId, content, changesSince, emptySections, focus, pages }),
  markdownBlocks: (text: string, lang: Lang) => call<Block[]>('markdown_blocks', { text, lang }),
  copyDocument: (id: number, dest: string) => call<IssuedDocument>('copy_document', { id, dest }),
  // Project archive: a project (or all data, projectId null) to a file the native
  // dialog chose, and back.
  exportArchive: (projectId: number | null, dest: string) =>
    call<Exported>('export_archive', { projectId, dest }),
  importArchive: (src: string) => call<Imported>('import_archive', { src }),
  // The check at start: the register and the documents folder disagree (after a crash).
  registerCheck: () => call<RegisterFinding[]>('register_check'),
  // 3.1–3.3 Deployment
  deploymentPlan: (projectId: number) =>
    call<DeploymentPlan | null>('deployment_plan', { projectId }),
  saveDeploymentPlan: (projectId: number, plan: DeploymentPlan) =>
    call<DeploymentPlan | null>('save_deployment_plan', { projectId, plan }),
  dbArchives: (projectId: number) => call<DbArchive[]>('db_archives', { projectId }),
  recordDbArchive: (projectId: number, archive: DbArchive) =>
    call<DbArchive[]>('record_db_archive', { projectId, archive }),
  supportHandover: (projectId: number) =>
    call<SupportHandover | null>('support_handover', { projectId }),
  saveSupportHandover: (projectId: number, handover: SupportHandover) =>
    call<SupportHandover | null>('save_support_handover', { projectId, handover }),
  exportAct: (projectId: number, stage: number) => call<IssuedDocument>('export_act', { projectId, stage }),
  exportInvoice: (projectId: number, stage: number) =>
    call<IssuedDocument>('export_invoice', { projectId, stage }),
  exportFinalAct: (projectId: number) => call<IssuedDocument>('export_final_act', { projectId }),
  receivables: (projectId: number) => call<Receivables>('receivables', { projectId }),
  recordPayment: (documentId: number, paidOn: string, amount: string) =>
    call<Receivables>('record_payment', { documentId, paidOn, amount }),
  // 2.1–2.6 development
  stagePlan: (projectId: number) => call<StagePlan>('stage_plan', { projectId }),
  stagePlanCheck: (projectId: number) => call<PlanCheck>('stage_plan_check', { projectId }),
  /** `price` as typed; empty takes the estimate's default (the core parses it). */
  savePlannedStage: (projectId: number, stage: PlannedStage, price: string) =>
    call<StagePlan>('save_planned_stage', { projectId, stage, price }),
  placeRequirement: (projectId: number, reqId: string, stage: number | null, reason: string) =>
    call<StagePlan>('place_requirement', { projectId, reqId, stage, reason }),
  reorderStages: (projectId: number, from: number, to: number) =>
    call<StagePlan>('reorder_stages', { projectId, from, to }),
  splitStage: (projectId: number, number: number, moved: string[], title: string) =>
    call<StagePlan>('split_stage', { projectId, number, moved, title }),
  planAddendum: (projectId: number) => call<Addendum>('plan_addendum', { projectId }),
  environment: (projectId: number) => call<ChecklistItem[]>('environment', { projectId }),
  saveEnvironmentItem: (projectId: number, item: ChecklistItem) =>
    call<ChecklistItem[]>('save_environment_item', { projectId, item }),
  workLog: (projectId: number) => call<WorkEntry[]>('work_log', { projectId }),
  logWork: (projectId: number, entry: WorkEntry) =>
    call<WorkEntry[]>('log_work', { projectId, entry }),
  bugs: (projectId: number) => call<Bug[]>('bugs', { projectId }),
  saveBug: (projectId: number, bug: Bug) => call<Bug[]>('save_bug', { projectId, bug }),
  adjustments: (projectId: number) => call<Adjustment[]>('adjustments', { projectId }),
  addAdjustment: (projectId: number, adjustment: Adjustment) =>
    call<Adjustment[]>('add_adjustment', { projectId, adjustment }),
  acceptance: (projectId: number, number: number) =>
    call<Acceptance>('acceptance', { projectId, number }),
  saveAcceptance: (projectId: number, acceptance: Acceptance) =>
    call<Acceptance>('save_acceptance', { projectId, acceptance }),
  developmentProgress: (projectId: number) => call<Progress>('development_progress', { projectId }),
  stageDefaultPrices: (projectId: number) =>
    call<(Money | null)[]>('stage_default_prices', { projectId }),
  /** The approved ТЗ's requirements with their text and acceptance criterion. */
  approvedRequirements: (projectId: number) => call<Requirement[]>('approved_requirements', { projectId }),
  backups: () => call<Backups>('backups'),
  createBackup: () => call<Backups>('create_backup'),
  setBackupsKeep: (keep: number) => call<Backups>('set_backups_keep', { keep }),
  restoreBackup: (file: string) => call<Restored>('restore_backup', { file }),
  // The folder the copies go to ('' for backups/ beside the database).
  setBackupFolder: (folder: string) => call<FolderChanged>('set_backup_folder', { folder }),
  // The project's local git repository (2.6 code reference).
  setRepository: (projectId: number, folder: string) =>
    call<string>('set_repository', { projectId, folder }),
  repositoryRefs: (projectId: number) => call<RepoRefs>('repository_refs', { projectId }),
  // Issue 13: the window's theme.
  setTheme: (theme: Theme) => call<AppInfo>('set_theme', { theme }),
  // Issue 13: an issued document in the system viewer, or selected in its folder.
  openDocument: (id: number) => call<null>('open_document', { id }),
  revealDocument: (id: number) => call<null>('reveal_document', { id }),
  /** A page of the project list, most recently changed first, with the total. */
  /** A page of search hits, best first; `more` says another page exists. */
  searchPage: (query: string, offset: number, limit: number) =>
    call<SearchPage>('search_page', { query, offset, limit }),
};
