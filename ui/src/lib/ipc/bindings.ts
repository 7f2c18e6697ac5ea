// Generated from the Rust types by src-tauri/bindings.rs (ts-rs). Do not edit:
// run `ETAP_WRITE_BINDINGS=1 cargo test bindings` after changing a type.

export type Lang = "ru" | "en";

export type Text = { ru: string, en: string, };

export type Phase = "preparation" | "development" | "deployment" | "finished";

export type Step = "request" | "clarification" | "estimate" | "negotiation" | "specification" | "team_handover" | "stage_planning" | "environment" | "coding" | "testing" | "dev_ops_adjustment" | "stage_acceptance" | "deployment" | "switchover" | "support_handover" | "closed" | "cancelled";

export type LoopKind = "refusal" | "bugs" | "environment_issue" | "defects" | "rollback";

export type Action = { "kind": "start_clarification" } | { "kind": "request_estimate" } | { "kind": "send_offer" } | { "kind": "accept_offer" } | { "kind": "refuse_offer" } | { "kind": "approve_specification" } | { "kind": "hand_over_to_team" } | { "kind": "confirm_stage_plan", stages: number, } | { "kind": "environment_ready" } | { "kind": "submit_to_testing" } | { "kind": "report_bugs" } | { "kind": "pass_testing" } | { "kind": "hand_to_developers" } | { "kind": "finish_adjustments" } | { "kind": "report_defects" } | { "kind": "accept_stage" } | { "kind": "deploy" } | { "kind": "roll_back" } | { "kind": "switch_over" } | { "kind": "close" } | { "kind": "cancel" } | { "kind": "reopen" };

export type ActionKind = "start_clarification" | "request_estimate" | "send_offer" | "accept_offer" | "refuse_offer" | "approve_specification" | "hand_over_to_team" | "confirm_stage_plan" | "environment_ready" | "submit_to_testing" | "report_bugs" | "pass_testing" | "hand_to_developers" | "finish_adjustments" | "report_defects" | "accept_stage" | "deploy" | "roll_back" | "switch_over" | "close" | "cancel" | "reopen";

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
 * Stable code the UI may branch on.
 */
code: string, message: Text, };

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
history: Array<HistoryEntry>, stages: Array<Stage>, };

export type AppInfo = { lang: Lang, version: string, data_dir: string, 
/**
 * The project to open first: the demo project on the very first run.
 */
start_project: number | null, };

export type AppError = { code: string, message: string, };
