// Generated from the Rust types by src-tauri/bindings.rs (ts-rs). Do not edit:
// run `ETAP_WRITE_BINDINGS=1 cargo test bindings` after changing a type.

export type Lang = "ru" | "en";

export type Theme = "system" | "light" | "dark";

export type Text = { ru: string, en: string, };

export type Phase = "preparation" | "development" | "deployment" | "finished";

export type Step = "request" | "clarification" | "estimate" | "negotiation" | "specification" | "team_handover" | "stage_planning" | "environment" | "coding" | "testing" | "dev_ops_adjustment" | "stage_acceptance" | "deployment" | "switchover" | "support_handover" | "closed" | "cancelled";

export type LoopKind = "refusal" | "bugs" | "environment_issue" | "defects" | "rollback" | "fix_stage";

export type Action = { "kind": "start_clarification" } | { "kind": "request_estimate" } | { "kind": "send_offer" } | { "kind": "accept_offer" } | { "kind": "refuse_offer" } | { "kind": "approve_specification" } | { "kind": "hand_over_to_team" } | { "kind": "confirm_stage_plan", stages: number, } | { "kind": "environment_ready" } | { "kind": "submit_to_testing" } | { "kind": "report_bugs" } | { "kind": "pass_testing" } | { "kind": "hand_to_developers" } | { "kind": "finish_adjustments" } | { "kind": "report_defects" } | { "kind": "accept_stage" } | { "kind": "deploy" } | { "kind": "roll_back" } | { "kind": "start_fix_stage" } | { "kind": "switch_over" } | { "kind": "close" } | { "kind": "cancel" } | { "kind": "reopen" };

export type ActionKind = "start_clarification" | "request_estimate" | "send_offer" | "accept_offer" | "refuse_offer" | "approve_specification" | "hand_over_to_team" | "confirm_stage_plan" | "environment_ready" | "submit_to_testing" | "report_bugs" | "pass_testing" | "hand_to_developers" | "finish_adjustments" | "report_defects" | "accept_stage" | "deploy" | "roll_back" | "start_fix_stage" | "switch_over" | "close" | "cancel" | "reopen";

export type ProjectState = { step: Step, 
/**
 * Negotiation round, from 1; a refusal at 1.4 starts the next one.
 */
round: number, 
/**
 * Current development stage, from 1; 0 before development starts.
 */
stage: number, 
/**
 * How many stages the ТЗ was split into at 2.1; 0 before that.
 */
stages_total: number, 
/**
 * The step a cancelled project returns to when reopened.
 */
cancelled_from: Step | null, };

export type Refusal = { 
/**
 * Stable code the UI may branch on, one of [`crate::error::ERROR_CODES`].
 */
code: ErrorCode, message: Text, };

export type ActionOption = { kind: ActionKind, label: Text, target: Step, loop_kind: LoopKind | null, needs_comment: boolean, 
/**
 * `Some` when the guard does not hold yet: the button is shown disabled with it.
 */
blocked: Refusal | null, };

export type MapStep = { step: Step, number: string | null, name: Text, current: boolean, 
/**
 * How many times the project entered this step.
 */
visits: number, };

export type MapPhase = { phase: Phase, name: Text, steps: Array<MapStep>, };

export type MapLoop = { kind: LoopKind, name: Text, from: Step, to: Step, 
/**
 * "1.4 → 1.2"
 */
arrow: string, count: number, 
/**
 * `(stage, count)` for loops inside the development cycle.
 */
per_stage: Array<[number, number]>, };

export type LifecycleMap = { state: ProjectState, current: Text, phases: Array<MapPhase>, loops: Array<MapLoop>, options: Array<ActionOption>, };

export type Client = { id: number, name: string, created_at: string, };

export type ProjectSummary = { id: number, client_id: number, client_name: string, title: string, state: ProjectState, 
/**
 * "1.2 Уточнение требований" / "1.2 Clarification".
 */
step_label: Text, updated_at: string, };

export type ProjectsPage = { items: Array<ProjectSummary>, total: number, };

export type HistoryEntry = { id: number, 
/**
 * RFC 3339 time of the transition, UTC.
 */
at: string, action: Action, from: Step, to: Step, 
/**
 * Negotiation round after the transition.
 */
round: number, 
/**
 * Development stage after the transition (0 before development).
 */
stage: number, comment: string, };

export type Stage = { id: number, number: number, title: string, };

export type ProjectPage = { project: ProjectSummary, map: LifecycleMap, 
/**
 * Newest first, as the page lists it.
 */
history: Array<HistoryEntry>, stages: Array<Stage>, 
/**
 * May the stage list be edited now (at 2.1 only): the domain's answer
 * ([`crate::lifecycle::editable`]), which storage also enforces.
 */
stages_editable: boolean, 
/**
 * Which phase workspaces the page offers ([`crate::lifecycle::workspaces`]).
 */
workspaces: Workspaces, };

export type Requisites = { 
/**
 * Full legal name: «Общество с ограниченной ответственностью «Ромашка»».
 */
legal_name: string, 
/**
 * Short name: ООО «Ромашка».
 */
short_name: string, 
/**
 * ИНН: 10 digits for a company, 12 for an individual entrepreneur or a person.
 */
inn: string, 
/**
 * КПП: companies only.
 */
kpp: string, 
/**
 * ОГРН (13 digits) or ОГРНИП (15 digits).
 */
ogrn: string, address: string, bank_name: string, 
/**
 * БИК: 9 digits.
 */
bik: string, 
/**
 * Расчётный счёт: 20 digits.
 */
account: string, 
/**
 * Корреспондентский счёт: 20 digits.
 */
corr_account: string, signatory_name: string, signatory_position: string, email: string, phone: string, };

export type FieldWarning = { 
/**
 * The field's name in [`Requisites`] (`"inn"`, `"account"`…).
 */
field: string, message: Text, };

export type ClientCard = { client: Client, requisites: Requisites, warnings: Array<FieldWarning>, 
/**
 * What the last save could not keep (an emptied or too long name: the
 * requisites are stored); empty when the card is only read.
 */
refused: Array<FieldError>, };

export type RequestSource = "mail" | "call" | "meeting" | "other";

export type Request = { title: string, description: string, source: RequestSource, 
/**
 * ISO date (YYYY-MM-DD) the request came in; empty when unknown.
 */
received_on: string, 
/**
 * ISO date the client would like it done by; empty when not said.
 */
desired_deadline: string, 
/**
 * References to files (paths or links); the files themselves stay where they are.
 */
attachments: Array<string>, };

export type RequestCard = { request: Request, warnings: Array<FieldWarning>, };

export type QuestionStatus = "open" | "answered" | "deferred";

export type Question = { id: number, 
/**
 * The negotiation round it was asked in.
 */
round: number, text: string, answer: string, status: QuestionStatus, };

export type RoundNotes = { round: number, notes: string, };

export type Clarification = { 
/**
 * The current negotiation round: new questions are asked in it.
 */
round: number, questions: Array<Question>, notes: Array<RoundNotes>, 
/**
 * What the last save of a question could not keep (an emptied question: its
 * answer and status are stored); empty when the card is only read.
 */
refused: Array<FieldError>, };

export type TeamMember = { id: number, name: string, contact: string, devops: boolean, developer: boolean, tester: boolean, };

export type Handover = { 
/**
 * ISO date; empty until set.
 */
date: string, note: string, };

export type TeamCard = { members: Array<TeamMember>, handover: Handover, warnings: Array<FieldWarning>, 
/**
 * What the last save of a member could not keep (an emptied or too long name:
 * the rest of the row is stored); empty when the card is only read.
 */
refused: Array<FieldError>, };

export type Currency = "RUB" | "USD" | "EUR";

export type Money = { amount: string, currency: Currency, };

export type VatMode = { "kind": "rate", percent: string, } | { "kind": "exempt", reason: string, };

export type ProviderProfile = { requisites: Requisites, vat: VatMode, currency: Currency, hourly_rate: string, 
/**
 * "image/png" or "image/jpeg" when a logo is set, else empty.
 */
logo_mime: string, };

export type ProviderCard = { profile: ProviderProfile, warnings: Array<FieldWarning>, 
/**
 * What the last save could not keep (a figure that is not a number); empty when
 * the card is only read.
 */
refused: Array<FieldError>, };

export type ProviderDraft = { requisites: Requisites, vat: VatDraft, currency: Currency, hourly_rate: string, };

export type Estimator = "manager" | "team";

export type Hours = { "kind": "single", hours: string, } | { "kind": "three_point", optimistic: string, likely: string, pessimistic: string, };

export type EstimateItem = { id: number, 
/**
 * Stable across versions (a copy keeps it), so a requirement can point at the work
 * that prices it; 0 for an item not saved yet.
 */
key: number, title: string, 
/**
 * Optional reference to a requirement of the future specification (ТР-4.2.3).
 */
requirement: string, hours: Hours, 
/**
 * Price of one hour in the estimate's currency.
 */
rate: string, };

export type Estimate = { id: number, 
/**
 * Version number within the project, from 1.
 */
version: number, 
/**
 * Negotiation round it was made for.
 */
round: number, estimated_by: Estimator, 
/**
 * Discount in percent of the subtotal.
 */
discount_percent: string, vat: VatMode, currency: Currency, items: Array<EstimateItem>, };

export type ItemTotal = { hours: string, amount: Money, 
/**
 * "12 000,00 ₽" / "RUB 12,000.00"
 */
amount_text: Text, };

export type EstimateTotals = { items: Array<ItemTotal>, hours: string, subtotal: Money, discount: Money, net: Money, vat: Money, total: Money, 
/**
 * Formatted figures in both languages, for the UI and documents.
 */
subtotal_text: Text, discount_text: Text, net_text: Text, vat_text: Text, total_text: Text, 
/**
 * "НДС 20 %" / "Без НДС"
 */
vat_label: Text, };

export type EstimateView = { estimate: Estimate, totals: EstimateTotals, warnings: Array<FieldWarning>, };

export type FieldError = { 
/**
 * The row (0-based, in the order the form sent them) for a field of a list row;
 * `null` for a field of the form itself.
 */
row: number | null, 
/**
 * The field's name as the form sends it (`"hours"`, `"rate"`, `"discount_percent"`…).
 */
field: string, message: Text, };

export type EstimateCard = { current: EstimateView | null, 
/**
 * The provider's hourly rate: new items start with it.
 */
default_rate: string, editable: boolean, versions: Array<EstimateView>, 
/**
 * What the last save could not keep (figures that are not numbers); empty when
 * the card is only read.
 */
refused: Array<FieldError>, };

export type VatDraft = { "kind": "rate", percent: string, } | { "kind": "exempt", reason: string, };

export type HoursDraft = { "kind": "single", hours: string, } | { "kind": "three_point", optimistic: string, likely: string, pessimistic: string, };

export type ItemDraft = { 
/**
 * The item's stable key; 0 for an item not saved yet.
 */
key: number, title: string, requirement: string, hours: HoursDraft, rate: string, };

export type EstimateDraft = { id: number, estimated_by: Estimator, discount_percent: string, vat: VatDraft, currency: Currency, items: Array<ItemDraft>, };

export type OfferAnswer = "pending" | "accepted" | "refused" | "countered";

export type Offer = { id: number, round: number, estimate_id: number, estimate_version: number, price: Money, 
/**
 * ISO date the work would be done by; empty when not set yet.
 */
deadline: string, 
/**
 * ISO date until which the offer stands.
 */
valid_until: string, answer: OfferAnswer, 
/**
 * Why the client refused, or what they said with a counter-offer.
 */
reason: string, created_at: string, 
/**
 * "480 000,00 ₽" / "RUB 480,000.00"
 */
price_text: Text, };

export type Negotiation = { offers: Array<Offer>, 
/**
 * The offer awaiting the client's answer, if any.
 */
pending: number | null, warnings: Array<FieldWarning>, };

export type DocKind = "proposal" | "specification" | "act" | "invoice";

export type IssuedDocument = { id: number, project_id: number, kind: DocKind, number: string, 
/**
 * RFC 3339, UTC.
 */
issued_at: string, lang: Lang, 
/**
 * The version of the specification (ТЗ) or the estimate (КП) it was made from.
 */
version: number | null, 
/**
 * Hex SHA-256 of the PDF file as written.
 */
sha256: string, path: string, 
/**
 * A specification exported before approval: watermarked «ПРОЕКТ», not issued.
 */
draft: boolean, 
/**
 * What the register calls it («Итоговый акт», «Счёт на оплату»): [`register_label`].
 * Ignored when a document is recorded; filled whenever one is read.
 */
label: Text, 
/**
 * What it was made from («v3» of a ТЗ or estimate, «этап 2» of an акт or счёт);
 * `None` for the final акт.
 */
made_from: Text | null, };

export type Side = "provider" | "client";

export type MissingRequisite = { side: Side, 
/**
 * The field's name in [`Requisites`] (`"inn"`, `"signatory_name"`…); `"name"` for
 * the legal or short name.
 */
field: string, label: Text, };

export type IssueCheck = { kind: DocKind, 
/**
 * False: exporting is refused, `message` says why.
 */
allowed: boolean, 
/**
 * Issued as a draft: watermarked «ПРОЕКТ» and recorded as a draft.
 */
draft: boolean, missing: Array<MissingRequisite>, 
/**
 * What the user reads beside the export button: the warning or the refusal;
 * `None` when there is nothing to say.
 */
message: Text | null, };

export type Priority = "must" | "should" | "could";

export type Requirement = { 
/**
 * Stable ID: ТР-4.2.3 / REQ-4.2.3, given when the requirement is created.
 */
id: string, text: string, priority: Priority, acceptance: string, 
/**
 * The estimate items (their stable keys) this requirement is priced in.
 */
estimate_items: Array<number>, };

export type SpecSection = { key: number, title: string, 
/**
 * Required by the template: must not be empty when the version is approved.
 */
required: boolean, 
/**
 * Text in a Markdown subset: paragraphs, **bold**, *italic*, lists, tables.
 */
body: string, requirements: Array<Requirement>, children: Array<SpecSection>, };

export type SpecContent = { lang: Lang, sections: Array<SpecSection>, };

export type OutlineEntry = { key: number, number: string, depth: number, title: string, required: boolean, empty: boolean, };

export type Template = "gost34_602" | "gost19_201" | "iso29148" | "freelancer";

export type TemplateInfo = { template: Template, name: Text, default_lang: Lang, 
/**
 * How many sections it has and how many of them are required.
 */
sections: number, required: number, };

export type SpecStatus = "draft" | "approved";

export type SpecVersion = { id: number, project_id: number, number: number, template: Template, status: SpecStatus, content: SpecContent, 
/**
 * Set on approval: SHA-256 of the canonical content.
 */
sha256: string, approved_at: string, approver: string, updated_at: string, 
/**
 * Numbers and emptiness of every section, computed here for the editor.
 */
outline: Array<OutlineEntry>, };

export type WordChange = { "kind": "same", "text": string } | { "kind": "added", "text": string } | { "kind": "removed", "text": string };

export type SectionState = { 
/**
 * The parent section's key; `None` at the top level.
 */
parent: number | null, position: number, 
/**
 * Its number in the version the state comes from.
 */
number: string, title: string, required: boolean, body: string, requirements: Array<Requirement>, };

export type RequirementChange = { "kind": "added", id: string, text: string, } | { "kind": "removed", id: string, text: string, } | { "kind": "changed", id: string, text: Array<WordChange>, acceptance: Array<WordChange>, priority: [Priority, Priority] | null, };

export type SectionChange = { "kind": "added", key: number, after: SectionState, } | { "kind": "removed", key: number, before: SectionState, } | { "kind": "changed", key: number, before: SectionState, after: SectionState, 
/**
 * Word-level changes of the title and the text, for people.
 */
title: Array<WordChange>, body: Array<WordChange>, requirements: Array<RequirementChange>, moved: boolean, };

export type SpecDiff = { lang: Lang | null, changes: Array<SectionChange>, };

export type SearchHit = { project_id: number, project_title: string, version_id: number, version: number, section_number: string, section_title: string, snippet: string, };

export type SearchPage = { hits: Array<SearchHit>, more: boolean, };

export type EmptySections = "not_specified" | "omit";

export type PageFace = "serif" | "serif_bold" | "serif_italic" | "sans" | "sans_bold" | "sans_italic" | "fallback" | "emoji";

export type TextRun = { x: number, y: number, face: PageFace, size: number, 
/**
 * 0.0 black … 1.0 white.
 */
gray: number, text: string, width: number, };

export type PageRule = { x1: number, y1: number, x2: number, y2: number, width: number, gray: number, };

export type PageBox = { x: number, y: number, w: number, h: number, gray: number, };

export type PageDisplay = { 
/**
 * 1-based.
 */
number: number, fills: Array<PageBox>, images: Array<PageBox>, rules: Array<PageRule>, texts: Array<TextRun>, };

export type PagesFocus = { section: number, offset: number, };

export type SectionPage = { key: number, page: number, };

export type PagesView = { width: number, height: number, count: number, focus: number | null, sections: Array<SectionPage>, pages: Array<PageDisplay>, };

export type Run = { text: string, bold: boolean, italic: boolean, code: boolean, };

export type ListItem = { 
/**
 * 0 for the outermost list, 1 for a list nested in one of its items, …
 */
level: number, 
/**
 * The number the author typed («3.» → 3); `None` for a bullet.
 */
number: number | null, 
/**
 * What is printed before the item: «3)» in Russian and "3." in English for a
 * numbered item (the author's number), a dash or a bullet by level otherwise.
 */
marker: string, runs: Array<Run>, };

export type Block = { "kind": "paragraph", runs: Array<Run>, } | { "kind": "list", items: Array<ListItem>, } | { "kind": "quote", paragraphs: Array<Array<Run>>, } | { "kind": "table", header: Array<Array<Run>>, rows: Array<Array<Array<Run>>>, };

export type ItemStatus = "todo" | "done" | "not_needed";

export type ChecklistItem = { id: number, title: string, status: ItemStatus, 
/**
 * The team member (of 1.6) responsible; `None` when nobody is named yet.
 */
owner: number | null, note: string, 
/**
 * Links or paths to where the thing is (a console, a repository, a runbook).
 */
links: Array<string>, 
/**
 * A credential item (accounts and access): `secret_location` says where the
 * secret lives — a vault entry or a file path, never the secret itself.
 */
credential: boolean, secret_location: string, };

export type TargetKind = "client_premises" | "cloud";

export type SwitchKind = "new_environment" | "module";

export type DeploymentPlan = { target: TargetKind, 
/**
 * Which servers, which cloud account, which module of the running product.
 */
description: string, 
/**
 * ISO date.
 */
planned_on: string, responsible: string, 
/**
 * A new environment, or a module into the running product (3.2).
 */
switch_kind: SwitchKind, checklist: Array<ChecklistItem>, };

export type DbArchive = { 
/**
 * What was archived ("PostgreSQL crm, all schemas").
 */
what: string, 
/**
 * Where the archive is kept (a path, a bucket).
 */
location: string, 
/**
 * ISO date or date and time of the archive.
 */
made_at: string, 
/**
 * Hex SHA-256 of the archive file, 64 digits, kept in lower case.
 */
sha256: string, };

export type SupportContact = { name: string, 
/**
 * Phone, e-mail, messenger.
 */
contact: string, };

export type SupportHandover = { team: Array<SupportContact>, 
/**
 * The documentation handed over (titles or paths).
 */
documents: Array<string>, 
/**
 * ISO dates.
 */
handed_over_on: string, warranty_until: string, };

export type PlannedStage = { 
/**
 * The stored row; 0 for a stage not stored yet (the new half of a split).
 */
id: number, 
/**
 * 1, 2, 3… in the order of the plan.
 */
number: number, title: string, 
/**
 * The modules or features the stage covers.
 */
features: Array<string>, 
/**
 * ISO dates; empty until set.
 */
planned_start: string, planned_end: string, 
/**
 * IDs of the approved version's requirements the stage delivers (ТР-4.2.3).
 */
requirements: Array<string>, 
/**
 * The price set by hand; `None` takes [`default_price`].
 */
price: Money | null, };

export type Exclusion = { requirement: string, reason: string, };

export type StagePlan = { stages: Array<PlannedStage>, excluded: Array<Exclusion>, };

export type Shares = { 
/**
 * The sum of every stage's price.
 */
sum: Money, 
/**
 * The accepted offer's total.
 */
offer: Money, 
/**
 * offer − sum: what is still to place (negative: placed too much).
 */
difference: Money, };

export type PlanCheck = { 
/**
 * `(stage number, why)` for missing, malformed or reversed dates.
 */
dates: Array<[number, Text]>, 
/**
 * `(stage number, ID)` for IDs that are not in the approved version.
 */
unknown: Array<[number, string]>, 
/**
 * Requirements placed more than once: the stage numbers (0 = excluded).
 */
twice: Array<[string, Array<number>]>, 
/**
 * Requirements of the version in no stage and not excluded.
 */
unassigned: Array<string>, 
/**
 * Excluded requirements without a reason.
 */
no_reason: Array<string>, 
/**
 * Each stage's price, in plan order (empty when it could not be computed).
 */
prices: Array<Money>, 
/**
 * `None` when there is no accepted offer to compare with.
 */
shares: Shares | null, 
/**
 * A price in another currency than the offer, or too large to add.
 */
money_error: boolean, };

export type Addendum = { 
/**
 * New requirements: to place into a stage or exclude.
 */
added: Array<string>, 
/**
 * Changed requirements with the stage that holds them (`None`: excluded or
 * nowhere) — to review, a changed text may change the price.
 */
changed: Array<[string, number | null]>, 
/**
 * Requirements gone from the version, with the stage that still lists them.
 */
removed: Array<[string, number | null]>, };

export type WorkEntry = { id: number, stage: number, 
/**
 * ISO date of the work.
 */
date: string, who: string, hours: string, 
/**
 * A branch or commit the work is in; may be empty.
 */
reference: string, note: string, };

export type Severity = "critical" | "major" | "minor" | "trivial";

export type BugStatus = "open" | "fixed" | "verified" | "wont_fix";

export type Bug = { id: number, 
/**
 * №1, №2… within the project.
 */
number: number, stage: number, title: string, steps: string, expected: string, actual: string, severity: Severity, 
/**
 * The requirement it breaks (ТР-4.2.3); may be empty.
 */
requirement: string, status: BugStatus, 
/**
 * Why it will not be fixed; required for that status.
 */
reason: string, };

export type Adjustment = { id: number, stage: number, 
/**
 * ISO date.
 */
date: string, what: string, who: string, 
/**
 * The bug (its number) the change answers; `None` when none.
 */
bug: number | null, };

export type RequirementCheck = { requirement: string, verified: boolean, note: string, };

export type Acceptance = { stage: number, checks: Array<RequirementCheck>, 
/**
 * A tag or a commit hash (see [`parse_code_ref`]).
 */
code_ref: string, 
/**
 * ISO date.
 */
accepted_on: string, accepted_by: string, };

export type StageRounds = { stage: number, 
/**
 * Times the stage was handed to testing.
 */
qa_rounds: number, 
/**
 * Times testers sent it back with bugs.
 */
bug_rounds: number, 
/**
 * Times DevOps handed a problem back to the developers.
 */
environment_rounds: number, 
/**
 * Times the manager sent it back with defects.
 */
defect_rounds: number, accepted: boolean, };

export type StageHours = { stage: number, estimated: string, logged: string, };

export type Progress = { 
/**
 * Per stage, then the project's total (stage 0).
 */
hours: Array<StageHours>, rounds: Array<StageRounds>, };

export type AppInfo = { lang: Lang, 
/**
 * The window's colour theme as stored (`system` follows the desktop).
 */
theme: Theme, version: string, data_dir: string, 
/**
 * The project to open first: the demo project on the very first run.
 */
start_project: number | null, };

export type AppError = { 
/**
 * One of `etap_domain::error::ERROR_CODES` (the TypeScript union `ErrorCode`).
 */
code: ErrorCode, message: string, };

export type Payment = { id: number, 
/**
 * ISO date the money arrived.
 */
paid_on: string, amount: Money, 
/**
 * "30 000,00 ₽" / "RUB 30,000.00"
 */
amount_text: Text, };

export type InvoicePayments = { 
/**
 * The register entry of the счёт.
 */
document_id: number, total: Money, paid: Money, total_text: Text, paid_text: Text, payments: Array<Payment>, 
/**
 * Paid in full: nothing more can be recorded against it.
 */
settled: boolean, };

export type Receivables = { accepted: Money, invoiced: Money, paid: Money, accepted_text: Text, invoiced_text: Text, paid_text: Text, invoices: Array<InvoicePayments>, 
/**
 * Stages 1..=this are accepted: their акт and счёт may be issued.
 */
accepted_stages: number, 
/**
 * The final акт may be issued now (3.3).
 */
final_act_allowed: boolean, };

export type Exported = { projects: number, documents: number, 
/**
 * The archive file's size.
 */
bytes: number, };

export type ImportedProject = { id: number, title: string, };

export type Imported = { 
/**
 * The projects added, under their new ids.
 */
projects: Array<ImportedProject>, 
/**
 * Clients of the archive that were already here (same ИНН): their projects were
 * attached to the client as it is here, whose card was left unchanged.
 */
clients_matched: Array<string>, 
/**
 * Issued documents added to the register, with their files.
 */
documents: number, 
/**
 * Demo projects of the archive left out: this database has its own demo, whose
 * documents carry the same numbers.
 */
demo_left_out: Array<string>, };

export type RegisterProblem = "missing" | "changed" | "unregistered";

export type RegisterFinding = { problem: RegisterProblem, 
/**
 * The document's number (none for an unregistered file).
 */
number: string | null, path: string, message: Text, };

export type BackupKind = "daily" | "migration" | "manual" | "before_restore";

export type BackupCopy = { 
/**
 * The file's name in the backups folder (what `etap restore` takes).
 */
file: string, kind: BackupKind, 
/**
 * When it was taken, RFC 3339 in UTC.
 */
taken_at: string, 
/**
 * Its size in bytes.
 */
size: number, 
/**
 * The schema version it holds.
 */
schema: number, };

export type Backups = { copies: Array<BackupCopy>, keep: number, 
/**
 * The backups folder.
 */
folder: string, 
/**
 * What a restore does not bring back ([`restore_note`]).
 */
note: Text, };

export type Restored = { 
/**
 * The copy the database now holds (its file name, or the path given).
 */
from: string, 
/**
 * The copy of the database as it was just before.
 */
before: BackupCopy, 
/**
 * What the restore did not bring back ([`restore_note`]).
 */
note: Text, };

export type FolderChanged = { 
/**
 * The folder copies now go to.
 */
folder: string, 
/**
 * The copies moved there from the previous folder.
 */
moved: number, 
/**
 * The copies that could not be moved and stay in the previous folder.
 */
left: number, 
/**
 * «Копии теперь сохраняются в …; перенесено копий: 3.»
 */
message: Text, };

export type RepoRef = { 
/**
 * What to put in the code reference: the tag's name or the commit's short hash.
 */
name: string, 
/**
 * The commit's short hash (for a tag, the commit it points at).
 */
commit: string, 
/**
 * The commit's date, ISO (YYYY-MM-DD).
 */
date: string, 
/**
 * The first line of the commit's message.
 */
summary: string, };

export type RepoRefs = { 
/**
 * The repository folder the project names; empty when it names none, and then
 * the code reference is checked by its form only.
 */
folder: string, 
/**
 * Tags, newest commit first.
 */
tags: Array<RepoRef>, 
/**
 * The newest [`RECENT_COMMITS`] commits reachable from HEAD, newest first.
 */
commits: Array<RepoRef>, 
/**
 * Why the named folder cannot be read now (moved, deleted, no longer a
 * repository); the folder is still named, so the form can show and change it.
 */
problem: Text | null, };

export type Workspaces = { 
/**
 * 1.1–1.6: always; what was prepared can always be read again.
 */
preparation: boolean, 
/**
 * 2.1–2.6: from step 2.1, and whenever the project has development stages.
 */
development: boolean, 
/**
 * 3.1–3.3: once the stage plan is confirmed (past 2.1 with stages), so the
 * deployment can be prepared while the stages are built.
 */
deployment: boolean, };

export type DeadlineKind = "offer_validity" | "stage_end" | "deployment";

export type Deadline = { kind: DeadlineKind, 
/**
 * `YYYY-MM-DD`.
 */
date: string, 
/**
 * The stage number for [`DeadlineKind::StageEnd`].
 */
stage: number | null, 
/**
 * «Срок действия КП» / "Offer valid until", «Конец этапа 2» / "Stage 2 ends".
 */
label: Text, 
/**
 * Days from today to the date: negative when it has passed.
 */
days_left: number, overdue: boolean, };

export type NextAction = { label: Text, blocked: Text | null, };

export type LoopCount = { kind: LoopKind, name: Text, count: number, };

export type DashboardRow = { project: ProjectSummary, phase: Phase, 
/**
 * "1.2"; none for a closed or cancelled project.
 */
step_number: string | null, step_name: Text, next_action: NextAction | null, next_deadline: Deadline | null, 
/**
 * Any open deadline has passed.
 */
overdue: boolean, loops: Array<LoopCount>, 
/**
 * Accepted, invoiced and paid amounts in words of the interface ("0,00 ₽").
 */
accepted: Text, invoiced: Text, paid: Text, 
/**
 * Every open deadline, earliest first (the "this week" view reads them).
 */
deadlines: Array<Deadline>, };

export type DashboardSort = "deadline" | "name" | "changed";

export type DashboardQuery = { 
/**
 * `finished` keeps closed and cancelled projects.
 */
phase: Phase | null, client_id: number | null, overdue_only: boolean, 
/**
 * Words the project's name or client must contain (case and ё ignored).
 */
text: string, sort: DashboardSort, 
/**
 * The first row to show (0: the top); rows come a page at a time.
 */
offset: number, 
/**
 * How many rows to show from `offset`; 0 means [`PAGE`]; at most [`MAX_PAGE`].
 */
limit: number, };

export type DueItem = { project_id: number, title: string, client_name: string, deadline: Deadline, };

export type ClientOption = { id: number, name: string, };

export type Dashboard = { 
/**
 * The page of rows the query kept, in its order, from `offset`.
 */
rows: Array<DashboardRow>, 
/**
 * The query's first row.
 */
offset: number, 
/**
 * How many projects pass the filters (the rows after this page: `matched` minus
 * `offset` minus the rows shown).
 */
matched: number, 
/**
 * How many projects there are in all (an empty filter result is not "no projects").
 */
total: number, 
/**
 * Clients that have projects, by name.
 */
clients: Array<ClientOption>, 
/**
 * Due within a week or overdue, across all projects (whatever the filters),
 * earliest first: the first [`WEEK_SHOWN`].
 */
week: Array<DueItem>, 
/**
 * How many items "this week" holds in all.
 */
week_total: number, 
/**
 * `YYYY-MM-DD` the deadlines were judged against.
 */
today: string, };

export type Reminder = { 
/**
 * Names the item (project, kind, stage, date): a notice is shown at most once a day
 * per key.
 */
key: string, project_id: number, title: Text, body: Text, };

export type Settings = { 
/**
 * The interface language; default: the system's locale.
 */
language: Lang, 
/**
 * Desktop notifications of deadlines (offers expiring, stages due); default: on.
 */
notifications: boolean, 
/**
 * The window's colour theme; default: as the system.
 */
theme: Theme, 
/**
 * How many database copies rotation keeps; default: [`backup::KEEP_DEFAULT`].
 */
backups_keep: number, 
/**
 * The folder the database copies go to, a full path; empty (the default):
 * `backups/` beside the database.
 */
backup_folder: string, };

export type NumberFormat = { kind: DocKind, 
/**
 * «КП-{проект}-{n}, по проекту» / "КП-{project}-{n}, per project".
 */
rule: Text, 
/**
 * The first number of the series: «КП-12-1», «А-2026-001».
 */
example: string, };

export type SettingsPage = { settings: Settings, 
/**
 * Where the database copies are kept now (the chosen folder, or the default).
 */
backup_folder: string, 
/**
 * `backups/` beside the database: where copies go when none is chosen.
 */
backup_folder_default: string, 
/**
 * The defaults new estimates start from (the provider profile's): «НДС 22 %».
 */
vat: Text, currency: string, 
/**
 * «2 500,00 ₽» / "RUB 2,500.00".
 */
hourly_rate: Text, numbering: Array<NumberFormat>, };

export type TimelineStage = { number: number, title: string, 
/**
 * `YYYY-MM-DD`, when planned.
 */
planned_start: string | null, planned_end: string | null, accepted_on: string | null, 
/**
 * Days from the axis start: the planned bar, and the day it was accepted.
 */
start_day: number | null, end_day: number | null, accepted_day: number | null, 
/**
 * Accepted after its planned end, or not accepted and its end has passed.
 */
late: boolean, };

export type TimelineMarker = { date: string, day: number, 
/**
 * «1.4 → 1.2 Клиент отказался».
 */
label: Text, to: Step, loop_kind: LoopKind | null, };

export type Timeline = { 
/**
 * The axis: from `start` to `start + days`, `YYYY-MM-DD`.
 */
start: string, days: number, today_day: number, stages: Array<TimelineStage>, markers: Array<TimelineMarker>, 
/**
 * The first day of each month on the axis, for the ticks: (day, `YYYY-MM-01`).
 */
months: Array<[number, string]>, };

/**
 * Every error code the core can answer with.
 */
export type ErrorCode = "accepted_by_missing" | "adjustment_what" | "amount_too_large" | "archive_dangling" | "archive_duplicate" | "archive_hash_mismatch" | "archive_incomplete" | "archive_invalid" | "archive_number_taken" | "archive_too_large" | "archive_unreadable" | "archive_unsafe_path" | "archive_version" | "backup_damaged" | "backup_folder_invalid" | "backup_folder_unwritable" | "backup_foreign" | "backup_missing" | "backup_too_new" | "backups_keep_invalid" | "bad_amount" | "bad_logo" | "blocking_bugs" | "bug_not_found" | "bug_requirement" | "bug_status" | "bug_title" | "checksum_invalid" | "code_ref_ambiguous" | "code_ref_invalid" | "code_ref_missing" | "code_ref_not_found" | "corrupt_history" | "database" | "database_busy" | "database_too_new" | "date_invalid" | "date_missing" | "db_archive_missing" | "deployment_plan_incomplete" | "deployment_plan_missing" | "document_changed" | "document_failed" | "empty" | "environment_incomplete" | "estimate_empty" | "estimate_frozen" | "estimate_zero" | "exclusion_reason" | "final_act_early" | "final_act_missing" | "hours_not_positive" | "hours_too_many" | "io" | "item_not_found" | "item_title" | "logo_unreadable" | "looks_like_secret" | "migration_failed" | "money_overflow" | "no_defects_marked" | "no_offer" | "no_open_bugs" | "no_rollback" | "no_stages" | "not_available" | "not_found" | "not_issuable" | "nothing_to_reopen" | "open_questions" | "overpayment" | "owner_unknown" | "payment_date" | "payment_not_positive" | "plan_confirmed" | "reason_required" | "ref_invalid" | "repository_invalid" | "requirement_twice" | "requirement_unknown" | "requirements_not_verified" | "requirements_unassigned" | "requirements_unchecked" | "secret_location_missing" | "shares_currency" | "shares_mismatch" | "spec_draft_open" | "spec_exists" | "spec_frozen" | "spec_incomplete" | "spec_not_approved" | "split_invalid" | "stage_dates" | "stage_frozen" | "stage_not_accepted" | "stage_not_found" | "stages_frozen" | "support_handover_incomplete" | "team_incomplete" | "too_long" | "unknown_code" | "unprintable_character" | "warranty_dates" | "who_missing" | "who_not_in_team";
