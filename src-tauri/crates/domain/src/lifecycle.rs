//! The seed's delivery lifecycle as one state machine.
//!
//! Steps keep the seed's numbering (1.1–1.6, 2.1–2.6, 3.1–3.3) plus the terminal
//! Closed and Cancelled. Development runs a per-stage cycle 2.3 → 2.4 → 2.5 → 2.6;
//! accepting a stage starts the next one at 2.3, and the last one leads to 3.1.
//! Every "GOTO" of the seed is an [`Action`] of its own with a [`LoopKind`], so it is
//! recorded and counted like any other transition.
//!
//! Guarantees:
//! - every transition goes through [`decide`], which checks the action is possible from
//!   the current step and its guard holds, and answers with the new state or a
//!   [`Refusal`] whose message a manager can read;
//! - [`effect`] is pure and total over the allowed pairs, so the state is rebuilt from
//!   the recorded actions alone by [`replay`].

use serde::{Deserialize, Serialize};

use crate::entity::HistoryEntry;
use crate::preparation::Role;
use crate::text::Text;

/// The three phases of the seed, plus the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Preparation,
    Development,
    Deployment,
    Finished,
}

impl Phase {
    pub const ALL: [Phase; 4] = [
        Phase::Preparation,
        Phase::Development,
        Phase::Deployment,
        Phase::Finished,
    ];

    pub fn name(self) -> Text {
        match self {
            Phase::Preparation => Text::new("1. Подготовительный этап", "1. Preparation"),
            Phase::Development => Text::new("2. Этап разработки", "2. Development"),
            Phase::Deployment => Text::new("3. Этап внедрения", "3. Deployment"),
            Phase::Finished => Text::new("Завершение", "Finish"),
        }
    }
}

/// A step of the lifecycle, numbered as in the seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 1.1 The client brings a request.
    Request,
    /// 1.2 The manager clarifies the requirements.
    Clarification,
    /// 1.3 The estimate of time and volume.
    Estimate,
    /// 1.4 Price and deadlines are agreed with the client.
    Negotiation,
    /// 1.5 The final ТЗ is written.
    Specification,
    /// 1.6 The ТЗ is handed to DevOps, developers and testers.
    TeamHandover,
    /// 2.1 The ТЗ is split into development stages.
    StagePlanning,
    /// 2.2 DevOps sets up the environment.
    Environment,
    /// 2.3 Developers write the current stage's code.
    Coding,
    /// 2.4 Testers check the stage.
    Testing,
    /// 2.5 DevOps adjusts VMs, containers and servers.
    DevOpsAdjustment,
    /// 2.6 The manager accepts the stage; the code is frozen.
    StageAcceptance,
    /// 3.1 The product is deployed on the client's hardware or in the cloud.
    Deployment,
    /// 3.2 Switch-over from the old environment to the new one.
    Switchover,
    /// 3.3 Handover to the support team.
    SupportHandover,
    /// The project is finished.
    Closed,
    /// The project was cancelled during preparation; it can be reopened.
    Cancelled,
}

impl Step {
    pub const ALL: [Step; 17] = [
        Step::Request,
        Step::Clarification,
        Step::Estimate,
        Step::Negotiation,
        Step::Specification,
        Step::TeamHandover,
        Step::StagePlanning,
        Step::Environment,
        Step::Coding,
        Step::Testing,
        Step::DevOpsAdjustment,
        Step::StageAcceptance,
        Step::Deployment,
        Step::Switchover,
        Step::SupportHandover,
        Step::Closed,
        Step::Cancelled,
    ];

    /// The seed's number ("1.4"); terminal steps have none.
    pub fn number(self) -> Option<&'static str> {
        Some(match self {
            Step::Request => "1.1",
            Step::Clarification => "1.2",
            Step::Estimate => "1.3",
            Step::Negotiation => "1.4",
            Step::Specification => "1.5",
            Step::TeamHandover => "1.6",
            Step::StagePlanning => "2.1",
            Step::Environment => "2.2",
            Step::Coding => "2.3",
            Step::Testing => "2.4",
            Step::DevOpsAdjustment => "2.5",
            Step::StageAcceptance => "2.6",
            Step::Deployment => "3.1",
            Step::Switchover => "3.2",
            Step::SupportHandover => "3.3",
            Step::Closed | Step::Cancelled => return None,
        })
    }

    pub fn phase(self) -> Phase {
        match self {
            Step::Request
            | Step::Clarification
            | Step::Estimate
            | Step::Negotiation
            | Step::Specification
            | Step::TeamHandover => Phase::Preparation,
            Step::StagePlanning
            | Step::Environment
            | Step::Coding
            | Step::Testing
            | Step::DevOpsAdjustment
            | Step::StageAcceptance => Phase::Development,
            Step::Deployment | Step::Switchover | Step::SupportHandover => Phase::Deployment,
            Step::Closed | Step::Cancelled => Phase::Finished,
        }
    }

    /// Steps repeated once per development stage.
    pub fn is_stage_step(self) -> bool {
        matches!(
            self,
            Step::Coding | Step::Testing | Step::DevOpsAdjustment | Step::StageAcceptance
        )
    }

    /// The stable code stored in the database and sent over IPC.
    pub fn code(self) -> &'static str {
        match self {
            Step::Request => "request",
            Step::Clarification => "clarification",
            Step::Estimate => "estimate",
            Step::Negotiation => "negotiation",
            Step::Specification => "specification",
            Step::TeamHandover => "team_handover",
            Step::StagePlanning => "stage_planning",
            Step::Environment => "environment",
            Step::Coding => "coding",
            Step::Testing => "testing",
            Step::DevOpsAdjustment => "dev_ops_adjustment",
            Step::StageAcceptance => "stage_acceptance",
            Step::Deployment => "deployment",
            Step::Switchover => "switchover",
            Step::SupportHandover => "support_handover",
            Step::Closed => "closed",
            Step::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn name(self) -> Text {
        let (ru, en) = match self {
            Step::Request => ("Запрос клиента", "Client request"),
            Step::Clarification => ("Уточнение требований", "Clarification"),
            Step::Estimate => ("Оценка", "Estimate"),
            Step::Negotiation => ("Согласование цены и сроков", "Price and deadline agreement"),
            Step::Specification => ("Окончательное ТЗ", "Final specification (ТЗ)"),
            Step::TeamHandover => ("Передача ТЗ команде", "Handover to the team"),
            Step::StagePlanning => ("Разбиение на этапы", "Splitting into stages"),
            Step::Environment => ("Организация среды", "Environment set-up"),
            Step::Coding => ("Разработка этапа", "Stage development"),
            Step::Testing => ("Тестирование этапа", "Stage testing"),
            Step::DevOpsAdjustment => ("Доработка среды DevOps", "DevOps adjustments"),
            Step::StageAcceptance => ("Приёмка этапа", "Stage acceptance"),
            Step::Deployment => ("Внедрение", "Deployment"),
            Step::Switchover => ("Переход на новую среду", "Switch-over"),
            Step::SupportHandover => ("Передача в поддержку", "Support handover"),
            Step::Closed => ("Проект закрыт", "Closed"),
            Step::Cancelled => ("Проект отменён", "Cancelled"),
        };
        Text::new(ru, en)
    }

    /// "1.4 Согласование цены и сроков" / "1.4 Price and deadline agreement".
    pub fn label(self) -> Text {
        let n = self.name();
        match self.number() {
            Some(num) => Text::new(format!("{num} {}", n.ru), format!("{num} {}", n.en)),
            None => n,
        }
    }
}

/// The seed's loops: each "GOTO" back to an earlier step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LoopKind {
    /// 1.4 → 1.2: the client refused the offer.
    Refusal,
    /// 2.4 → 2.3: testers found bugs.
    Bugs,
    /// 2.5 → 2.3: DevOps hands a code problem to the developers.
    EnvironmentIssue,
    /// 2.6 → 2.3: the manager found defects at acceptance.
    Defects,
    /// 3.2 → 3.1: a critical problem; back to the old environment.
    Rollback,
    /// 3.1 → 2.3: the problem is in the code; a fix stage goes through 2.3–2.6.
    FixStage,
}

impl LoopKind {
    pub const ALL: [LoopKind; 6] = [
        LoopKind::Refusal,
        LoopKind::Bugs,
        LoopKind::EnvironmentIssue,
        LoopKind::Defects,
        LoopKind::Rollback,
        LoopKind::FixStage,
    ];

    pub fn from_to(self) -> (Step, Step) {
        match self {
            LoopKind::Refusal => (Step::Negotiation, Step::Clarification),
            LoopKind::Bugs => (Step::Testing, Step::Coding),
            LoopKind::EnvironmentIssue => (Step::DevOpsAdjustment, Step::Coding),
            LoopKind::Defects => (Step::StageAcceptance, Step::Coding),
            LoopKind::Rollback => (Step::Switchover, Step::Deployment),
            LoopKind::FixStage => (Step::Deployment, Step::Coding),
        }
    }

    pub fn name(self) -> Text {
        match self {
            LoopKind::Refusal => Text::new("Отказ клиента", "Client refusal"),
            LoopKind::Bugs => Text::new("Найдены баги", "Bugs found"),
            LoopKind::EnvironmentIssue => Text::new(
                "Проблема среды передана разработчикам",
                "Environment problem handed to developers",
            ),
            LoopKind::Defects => Text::new("Недостатки при приёмке", "Defects at acceptance"),
            LoopKind::Rollback => {
                Text::new("Откат к старой среде", "Rollback to the old environment")
            }
            LoopKind::FixStage => Text::new(
                "Этап исправлений после отката",
                "Fix stage after a rollback",
            ),
        }
    }
}

/// Everything a user can do to move a project along the lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Action {
    /// 1.1 → 1.2
    StartClarification,
    /// 1.2 → 1.3
    RequestEstimate,
    /// 1.3 → 1.4
    SendOffer,
    /// 1.4 → 1.5
    AcceptOffer,
    /// 1.4 → 1.2, a new negotiation round (loop).
    RefuseOffer,
    /// 1.5 → 1.6
    ApproveSpecification,
    /// 1.6 → 2.1
    HandOverToTeam,
    /// 2.1 → 2.2 with the number of stages the ТЗ was split into.
    ConfirmStagePlan { stages: u32 },
    /// 2.2 → 2.3 of stage 1.
    EnvironmentReady,
    /// 2.3 → 2.4
    SubmitToTesting,
    /// 2.4 → 2.3 (loop).
    ReportBugs,
    /// 2.4 → 2.5
    PassTesting,
    /// 2.5 → 2.3 (loop).
    HandToDevelopers,
    /// 2.5 → 2.6
    FinishAdjustments,
    /// 2.6 → 2.3 (loop).
    ReportDefects,
    /// 2.6 → 2.3 of the next stage, or 3.1 after the last one.
    AcceptStage,
    /// 3.1 → 3.2
    Deploy,
    /// 3.2 → 3.1 (loop).
    RollBack,
    /// 3.1 → 2.3 of a new fix stage (loop): the problem that forced a rollback is in
    /// the code.
    StartFixStage,
    /// 3.2 → 3.3
    SwitchOver,
    /// 3.3 → Closed
    Close,
    /// 1.x → Cancelled
    Cancel,
    /// Cancelled → the step it was cancelled at.
    Reopen,
}

/// [`Action`] without its data: what a button in the UI stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    StartClarification,
    RequestEstimate,
    SendOffer,
    AcceptOffer,
    RefuseOffer,
    ApproveSpecification,
    HandOverToTeam,
    ConfirmStagePlan,
    EnvironmentReady,
    SubmitToTesting,
    ReportBugs,
    PassTesting,
    HandToDevelopers,
    FinishAdjustments,
    ReportDefects,
    AcceptStage,
    Deploy,
    RollBack,
    StartFixStage,
    SwitchOver,
    Close,
    Cancel,
    Reopen,
}

impl ActionKind {
    pub const ALL: [ActionKind; 23] = [
        ActionKind::StartClarification,
        ActionKind::RequestEstimate,
        ActionKind::SendOffer,
        ActionKind::AcceptOffer,
        ActionKind::RefuseOffer,
        ActionKind::ApproveSpecification,
        ActionKind::HandOverToTeam,
        ActionKind::ConfirmStagePlan,
        ActionKind::EnvironmentReady,
        ActionKind::SubmitToTesting,
        ActionKind::ReportBugs,
        ActionKind::PassTesting,
        ActionKind::HandToDevelopers,
        ActionKind::FinishAdjustments,
        ActionKind::ReportDefects,
        ActionKind::AcceptStage,
        ActionKind::Deploy,
        ActionKind::RollBack,
        ActionKind::StartFixStage,
        ActionKind::SwitchOver,
        ActionKind::Close,
        ActionKind::Cancel,
        ActionKind::Reopen,
    ];

    /// The step this action starts from; `None` for actions possible from several.
    fn source(self) -> Option<Step> {
        Some(match self {
            ActionKind::StartClarification => Step::Request,
            ActionKind::RequestEstimate => Step::Clarification,
            ActionKind::SendOffer => Step::Estimate,
            ActionKind::AcceptOffer | ActionKind::RefuseOffer => Step::Negotiation,
            ActionKind::ApproveSpecification => Step::Specification,
            ActionKind::HandOverToTeam => Step::TeamHandover,
            ActionKind::ConfirmStagePlan => Step::StagePlanning,
            ActionKind::EnvironmentReady => Step::Environment,
            ActionKind::SubmitToTesting => Step::Coding,
            ActionKind::ReportBugs | ActionKind::PassTesting => Step::Testing,
            ActionKind::HandToDevelopers | ActionKind::FinishAdjustments => Step::DevOpsAdjustment,
            ActionKind::ReportDefects | ActionKind::AcceptStage => Step::StageAcceptance,
            ActionKind::Deploy | ActionKind::StartFixStage => Step::Deployment,
            ActionKind::RollBack | ActionKind::SwitchOver => Step::Switchover,
            ActionKind::Close => Step::SupportHandover,
            ActionKind::Reopen => Step::Cancelled,
            ActionKind::Cancel => return None,
        })
    }

    /// Whether the action can be taken from `step` at all (guards aside).
    pub fn starts_from(self, step: Step) -> bool {
        match self {
            ActionKind::Cancel => step.phase() == Phase::Preparation,
            other => other.source() == Some(step),
        }
    }

    pub fn loop_kind(self) -> Option<LoopKind> {
        match self {
            ActionKind::RefuseOffer => Some(LoopKind::Refusal),
            ActionKind::ReportBugs => Some(LoopKind::Bugs),
            ActionKind::HandToDevelopers => Some(LoopKind::EnvironmentIssue),
            ActionKind::ReportDefects => Some(LoopKind::Defects),
            ActionKind::RollBack => Some(LoopKind::Rollback),
            ActionKind::StartFixStage => Some(LoopKind::FixStage),
            _ => None,
        }
    }

    /// Loops and cancellation must say why: the reason is what a manager reads
    /// later in the history.
    pub fn needs_comment(self) -> bool {
        self.loop_kind().is_some() || self == ActionKind::Cancel
    }

    pub fn code(self) -> &'static str {
        match self {
            ActionKind::StartClarification => "start_clarification",
            ActionKind::RequestEstimate => "request_estimate",
            ActionKind::SendOffer => "send_offer",
            ActionKind::AcceptOffer => "accept_offer",
            ActionKind::RefuseOffer => "refuse_offer",
            ActionKind::ApproveSpecification => "approve_specification",
            ActionKind::HandOverToTeam => "hand_over_to_team",
            ActionKind::ConfirmStagePlan => "confirm_stage_plan",
            ActionKind::EnvironmentReady => "environment_ready",
            ActionKind::SubmitToTesting => "submit_to_testing",
            ActionKind::ReportBugs => "report_bugs",
            ActionKind::PassTesting => "pass_testing",
            ActionKind::HandToDevelopers => "hand_to_developers",
            ActionKind::FinishAdjustments => "finish_adjustments",
            ActionKind::ReportDefects => "report_defects",
            ActionKind::AcceptStage => "accept_stage",
            ActionKind::Deploy => "deploy",
            ActionKind::RollBack => "roll_back",
            ActionKind::StartFixStage => "start_fix_stage",
            ActionKind::SwitchOver => "switch_over",
            ActionKind::Close => "close",
            ActionKind::Cancel => "cancel",
            ActionKind::Reopen => "reopen",
        }
    }

    pub fn from_code(code: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> Text {
        let (ru, en) = match self {
            ActionKind::StartClarification => ("Начать уточнение", "Start clarification"),
            ActionKind::RequestEstimate => ("Перейти к оценке", "Go to the estimate"),
            ActionKind::SendOffer => ("Отправить предложение", "Send the offer"),
            ActionKind::AcceptOffer => ("Клиент согласился", "Client accepted"),
            ActionKind::RefuseOffer => ("Клиент отказался", "Client refused"),
            ActionKind::ApproveSpecification => ("ТЗ утверждено", "Specification approved"),
            ActionKind::HandOverToTeam => ("Передать ТЗ команде", "Hand over to the team"),
            ActionKind::ConfirmStagePlan => ("Этапы определены", "Stages planned"),
            ActionKind::EnvironmentReady => ("Среда готова", "Environment ready"),
            ActionKind::SubmitToTesting => ("Передать в тестирование", "Submit to testing"),
            ActionKind::ReportBugs => ("Найдены баги", "Bugs found"),
            ActionKind::PassTesting => ("Тестирование пройдено", "Testing passed"),
            ActionKind::HandToDevelopers => ("Вернуть разработчикам", "Hand to developers"),
            ActionKind::FinishAdjustments => ("Среда доработана", "Adjustments done"),
            ActionKind::ReportDefects => ("Найдены недостатки", "Defects found"),
            ActionKind::AcceptStage => ("Принять этап", "Accept the stage"),
            ActionKind::Deploy => ("Развернуть у клиента", "Deploy"),
            ActionKind::RollBack => ("Откатить", "Roll back"),
            ActionKind::StartFixStage => ("Открыть этап исправлений", "Start a fix stage"),
            ActionKind::SwitchOver => ("Переход выполнен", "Switch-over done"),
            ActionKind::Close => ("Закрыть проект", "Close the project"),
            ActionKind::Cancel => ("Отменить проект", "Cancel the project"),
            ActionKind::Reopen => ("Возобновить проект", "Reopen the project"),
        };
        Text::new(ru, en)
    }
}

impl Action {
    pub fn kind(self) -> ActionKind {
        match self {
            Action::StartClarification => ActionKind::StartClarification,
            Action::RequestEstimate => ActionKind::RequestEstimate,
            Action::SendOffer => ActionKind::SendOffer,
            Action::AcceptOffer => ActionKind::AcceptOffer,
            Action::RefuseOffer => ActionKind::RefuseOffer,
            Action::ApproveSpecification => ActionKind::ApproveSpecification,
            Action::HandOverToTeam => ActionKind::HandOverToTeam,
            Action::ConfirmStagePlan { .. } => ActionKind::ConfirmStagePlan,
            Action::EnvironmentReady => ActionKind::EnvironmentReady,
            Action::SubmitToTesting => ActionKind::SubmitToTesting,
            Action::ReportBugs => ActionKind::ReportBugs,
            Action::PassTesting => ActionKind::PassTesting,
            Action::HandToDevelopers => ActionKind::HandToDevelopers,
            Action::FinishAdjustments => ActionKind::FinishAdjustments,
            Action::ReportDefects => ActionKind::ReportDefects,
            Action::AcceptStage => ActionKind::AcceptStage,
            Action::Deploy => ActionKind::Deploy,
            Action::RollBack => ActionKind::RollBack,
            Action::StartFixStage => ActionKind::StartFixStage,
            Action::SwitchOver => ActionKind::SwitchOver,
            Action::Close => ActionKind::Close,
            Action::Cancel => ActionKind::Cancel,
            Action::Reopen => ActionKind::Reopen,
        }
    }

    /// Builds the action for a button: the data an action carries comes from the
    /// facts the storage gathered (for example how many stages are planned).
    pub fn from_kind(kind: ActionKind, facts: &Facts) -> Action {
        match kind {
            ActionKind::StartClarification => Action::StartClarification,
            ActionKind::RequestEstimate => Action::RequestEstimate,
            ActionKind::SendOffer => Action::SendOffer,
            ActionKind::AcceptOffer => Action::AcceptOffer,
            ActionKind::RefuseOffer => Action::RefuseOffer,
            ActionKind::ApproveSpecification => Action::ApproveSpecification,
            ActionKind::HandOverToTeam => Action::HandOverToTeam,
            ActionKind::ConfirmStagePlan => Action::ConfirmStagePlan {
                stages: facts.planned_stages,
            },
            ActionKind::EnvironmentReady => Action::EnvironmentReady,
            ActionKind::SubmitToTesting => Action::SubmitToTesting,
            ActionKind::ReportBugs => Action::ReportBugs,
            ActionKind::PassTesting => Action::PassTesting,
            ActionKind::HandToDevelopers => Action::HandToDevelopers,
            ActionKind::FinishAdjustments => Action::FinishAdjustments,
            ActionKind::ReportDefects => Action::ReportDefects,
            ActionKind::AcceptStage => Action::AcceptStage,
            ActionKind::Deploy => Action::Deploy,
            ActionKind::RollBack => Action::RollBack,
            ActionKind::StartFixStage => Action::StartFixStage,
            ActionKind::SwitchOver => Action::SwitchOver,
            ActionKind::Close => Action::Close,
            ActionKind::Cancel => Action::Cancel,
            ActionKind::Reopen => Action::Reopen,
        }
    }
}

/// Where a project stands. Stored as the project's current state and rebuilt from the
/// history by [`replay`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectState {
    pub step: Step,
    /// Negotiation round, from 1; a refusal at 1.4 starts the next one.
    pub round: u32,
    /// Current development stage, from 1; 0 before development starts.
    pub stage: u32,
    /// How many stages the ТЗ was split into at 2.1; 0 before that.
    pub stages_total: u32,
    /// The step a cancelled project returns to when reopened.
    pub cancelled_from: Option<Step>,
}

impl ProjectState {
    /// A new project: a request has come in.
    pub const fn initial() -> ProjectState {
        ProjectState {
            step: Step::Request,
            round: 1,
            stage: 0,
            stages_total: 0,
            cancelled_from: None,
        }
    }

    /// The invariants every reachable state holds; property tests check them.
    pub fn is_consistent(&self) -> bool {
        let round_ok = self.round >= 1;
        let stage_ok = match self.step.phase() {
            Phase::Preparation => self.stage == 0 && self.stages_total == 0,
            Phase::Development => {
                if self.step.is_stage_step() {
                    self.stage >= 1 && self.stage <= self.stages_total
                } else if self.step == Step::Environment {
                    self.stage == 0 && self.stages_total >= 1
                } else {
                    self.stage == 0 && self.stages_total == 0
                }
            }
            Phase::Deployment => self.stages_total >= 1 && self.stage == self.stages_total,
            Phase::Finished => true,
        };
        let cancel_ok = match self.step {
            Step::Cancelled => self
                .cancelled_from
                .is_some_and(|s| s.phase() == Phase::Preparation),
            _ => self.cancelled_from.is_none(),
        };
        round_ok && stage_ok && cancel_ok
    }
}

/// What the guards need to know about a project beyond its state, gathered by
/// storage. Later features (estimates, specification versions, bugs) add fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Development stages defined at 2.1.
    pub planned_stages: u32,
    /// Clarification questions still open (deferred ones do not count).
    pub open_questions: u32,
    /// Roles at 1.6 that nobody in the team holds yet.
    pub missing_roles: Vec<Role>,
    /// Work items in the latest estimate version.
    pub estimate_items: u32,
    /// Whether the latest estimate's total is above zero.
    pub estimate_total_positive: bool,
    /// Whether an offer awaits the client's answer.
    pub pending_offer: bool,
    /// Whether a specification version is approved (its required sections filled).
    pub approved_spec: bool,
    /// Whether the project came back to 3.1 by a rollback: a fix stage answers one.
    pub after_rollback: bool,
    /// The records of 2.1–3.3 the development and deployment guards read (storage
    /// always gathers them). `None` checks only that stages are planned and that
    /// loops say why, as the domain's own walks over states alone do.
    pub delivery: Option<DeliveryFacts>,
}

/// The development and deployment records the guards of 2.1–3.3 read, gathered by
/// storage; the rules themselves live in [`crate::development`] and
/// [`crate::deployment`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryFacts {
    /// 2.1 → 2.2: the plan checked by [`crate::development::check_plan`].
    pub plan: crate::development::PlanCheck,
    /// 2.2 → 2.3: the environment checklist.
    pub environment: Vec<crate::development::ChecklistItem>,
    /// 2.4: the project's bugs; the guards look at the current stage's.
    pub bugs: Vec<crate::development::Bug>,
    /// 2.6: the current stage's acceptance, checked by
    /// [`crate::development::check_acceptance`].
    pub acceptance: crate::development::AcceptanceCheck,
    /// 3.1 → 3.2
    pub deployment_plan: Option<crate::deployment::DeploymentPlan>,
    /// 3.2 → 3.3: the database archive made for the current switchover attempt.
    pub archive: Option<crate::deployment::DbArchive>,
    /// 3.3 → Closed
    pub support: Option<crate::deployment::SupportHandover>,
    pub final_act_issued: bool,
}

/// Why an action cannot be taken now, in words a manager can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Refusal {
    /// Stable code the UI may branch on, one of [`crate::error::ERROR_CODES`].
    #[cfg_attr(feature = "ts", ts(type = "ErrorCode"))]
    pub code: &'static str,
    pub message: Text,
}

impl Refusal {
    pub(crate) fn new(code: &'static str, ru: impl Into<String>, en: impl Into<String>) -> Refusal {
        Refusal {
            code,
            message: Text::new(ru, en),
        }
    }
}

/// A record of a project whose editing depends on where the project stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// The latest estimate version: worked on at 1.3 only; an offer sent stays as sent.
    Estimate,
    /// The project page's list of stages (its titles): at 2.1 only.
    StageList,
    /// Stage `n` of the 2.1 plan: until it is accepted (see
    /// [`crate::development::stage_editable`]).
    PlannedStage(u32),
}

/// May `record` be edited now? The one answer storage enforces and the page shows:
/// Why an estimate version cannot be changed: it is not step 1.3, or it is not the
/// latest version (what the client was sent stays as sent).
pub fn estimate_frozen() -> Refusal {
    Refusal::new(
        "estimate_frozen",
        "Оценку можно менять только на шаге 1.3: отправленное клиенту предложение не меняется. Новая версия оценки появится в следующем раунде.",
        "The estimate can only be changed at step 1.3: an offer sent to the client stays as sent. The next round starts a new version.",
    )
}

/// `Err` carries the words the user sees when an edit is refused.
pub fn editable(state: &ProjectState, record: Record) -> Result<(), Refusal> {
    match record {
        Record::Estimate if state.step == Step::Estimate => Ok(()),
        Record::Estimate => Err(estimate_frozen()),
        Record::StageList if state.step == Step::StagePlanning => Ok(()),
        Record::StageList => Err(Refusal::new(
            "stages_frozen",
            "Этапы разработки задаются на шаге 2.1 «Разбиение на этапы».",
            "Development stages are defined at step 2.1 “Splitting into stages”.",
        )),
        Record::PlannedStage(n) => crate::development::stage_editable(n, state),
    }
}

/// Which phase workspaces the project page shows (their tabs and the steps the map
/// lets one open).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Workspaces {
    /// 1.1–1.6: always; what was prepared can always be read again.
    pub preparation: bool,
    /// 2.1–2.6: from step 2.1, and whenever the project has development stages.
    pub development: bool,
    /// 3.1–3.3: once the stage plan is confirmed (past 2.1 with stages), so the
    /// deployment can be prepared while the stages are built.
    pub deployment: bool,
}

/// The one answer to "which workspaces does the project page offer" for a project at
/// `state` with `stages` development stages.
pub fn workspaces(state: &ProjectState, stages: usize) -> Workspaces {
    let planned = stages > 0 && state.step.phase() != Phase::Preparation;
    Workspaces {
        preparation: true,
        development: state.step == Step::StagePlanning || stages > 0,
        deployment: planned && state.step != Step::StagePlanning,
    }
}

/// The guard of an action, apart from its comment: `Ok` when the data the step
/// needs is there.
fn guard(state: &ProjectState, kind: ActionKind, facts: &Facts) -> Result<(), Refusal> {
    basic_guard(state, kind, facts)?;
    match &facts.delivery {
        Some(d) => delivery_guard(state, kind, d).map_or(Ok(()), Err),
        None => Ok(()),
    }
}

/// The guards of 2.1–3.3 over the delivery records: each rule is asked of its owner.
fn delivery_guard(state: &ProjectState, kind: ActionKind, d: &DeliveryFacts) -> Option<Refusal> {
    use crate::{deployment, development};
    match kind {
        ActionKind::ConfirmStagePlan => development::plan_refusal(&d.plan),
        ActionKind::EnvironmentReady => development::environment_refusal(&d.environment),
        ActionKind::ReportBugs => development::report_bugs_refusal(&d.bugs, state.stage),
        ActionKind::PassTesting => development::testing_refusal(&d.bugs, state.stage),
        ActionKind::ReportDefects => development::defects_refusal(&d.acceptance),
        ActionKind::AcceptStage => development::acceptance_refusal(&d.acceptance),
        ActionKind::Deploy => deployment::deploy_refusal(d.deployment_plan.as_ref()),
        ActionKind::SwitchOver => deployment::switchover_refusal(d.archive.as_ref()),
        ActionKind::Close => deployment::close_refusal(d.support.as_ref(), d.final_act_issued),
        _ => None,
    }
}

/// Which delivery records the guards of the actions starting at a step read
/// ([`delivery_guard`], just above, reads nothing else): storage gathers those and
/// leaves the rest default, so the options of a project at 2.4 do not read its stage
/// plan and ТЗ, nor those at 1.2 any delivery record at all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryNeeds {
    /// [`DeliveryFacts::plan`] (2.1).
    pub plan: bool,
    /// [`DeliveryFacts::environment`] (2.2).
    pub environment: bool,
    /// [`DeliveryFacts::bugs`] (2.4).
    pub bugs: bool,
    /// [`DeliveryFacts::acceptance`] (2.6).
    pub acceptance: bool,
    /// The deployment plan, archive, handover and final акт (3.1–3.3).
    pub deployment: bool,
}

impl DeliveryNeeds {
    /// Every record: for readers that show them all (the delivery workspaces).
    pub const ALL: DeliveryNeeds = DeliveryNeeds {
        plan: true,
        environment: true,
        bugs: true,
        acceptance: true,
        deployment: true,
    };

    /// What the guards of the actions that start at `state` read.
    pub fn at(state: &ProjectState) -> DeliveryNeeds {
        let mut n = DeliveryNeeds::default();
        for kind in ActionKind::ALL
            .into_iter()
            .filter(|k| k.starts_from(state.step))
        {
            match kind {
                ActionKind::ConfirmStagePlan => n.plan = true,
                ActionKind::EnvironmentReady => n.environment = true,
                ActionKind::ReportBugs | ActionKind::PassTesting => n.bugs = true,
                ActionKind::ReportDefects | ActionKind::AcceptStage => n.acceptance = true,
                ActionKind::Deploy | ActionKind::SwitchOver | ActionKind::Close => {
                    n.deployment = true
                }
                _ => {}
            }
        }
        n
    }
}

/// The guards that read counts only (preparation, and the number of stages).
fn basic_guard(state: &ProjectState, kind: ActionKind, facts: &Facts) -> Result<(), Refusal> {
    match kind {
        ActionKind::RequestEstimate if facts.open_questions > 0 => Err(Refusal::new(
            "open_questions",
            format!(
                "Остались открытые вопросы ({}): получите ответы или отложите их.",
                facts.open_questions
            ),
            format!(
                "Open questions remain ({}): get the answers or defer them.",
                facts.open_questions
            ),
        )),
        ActionKind::SendOffer if facts.estimate_items == 0 => Err(Refusal::new(
            "estimate_empty",
            "В оценке нет ни одной работы: добавьте хотя бы одну.",
            "The estimate has no items: add at least one.",
        )),
        ActionKind::SendOffer if !facts.estimate_total_positive => Err(Refusal::new(
            "estimate_zero",
            "Итог оценки равен нулю: укажите часы и ставки.",
            "The estimate's total is zero: fill in the hours and rates.",
        )),
        ActionKind::AcceptOffer | ActionKind::RefuseOffer if !facts.pending_offer => {
            Err(Refusal::new(
                "no_offer",
                "Нет предложения, ожидающего ответа клиента.",
                "No offer is waiting for the client's answer.",
            ))
        }
        ActionKind::ApproveSpecification if !facts.approved_spec => Err(Refusal::new(
            "spec_not_approved",
            "Нет утверждённой версии ТЗ: заполните обязательные разделы и утвердите версию на вкладке «1.5 ТЗ».",
            "No approved specification version: fill in the required sections and approve a version on the “1.5 Specification” tab.",
        )),
        ActionKind::HandOverToTeam if !facts.missing_roles.is_empty() => {
            let names = |pick: fn(&Text) -> &str| {
                facts
                    .missing_roles
                    .iter()
                    .map(|r| pick(&r.name()).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            Err(Refusal::new(
                "team_incomplete",
                format!("В команде нет исполнителя для ролей: {}.", names(|t| &t.ru)),
                format!(
                    "Nobody in the team holds these roles: {}.",
                    names(|t| &t.en)
                ),
            ))
        }
        ActionKind::ConfirmStagePlan if facts.planned_stages == 0 => Err(Refusal::new(
            "no_stages",
            "ТЗ ещё не разбито на этапы: добавьте хотя бы один этап разработки.",
            "The specification is not split into stages yet: add at least one development stage.",
        )),
        ActionKind::StartFixStage if !facts.after_rollback => Err(Refusal::new(
            "no_rollback",
            "Этап исправлений открывается после отката: он исправляет в коде проблему, из-за которой откатились.",
            "A fix stage follows a rollback: it corrects in the code the problem that forced it.",
        )),
        ActionKind::Reopen if state.cancelled_from.is_none() => Err(Refusal::new(
            "nothing_to_reopen",
            "Неизвестно, с какого шага проект был отменён.",
            "It is not known at which step the project was cancelled.",
        )),
        _ => Ok(()),
    }
}

/// The comment a manager must give for loops and cancellation.
fn comment_refusal(kind: ActionKind) -> Refusal {
    match kind {
        ActionKind::RefuseOffer => Refusal::new(
            "reason_required",
            "Укажите причину отказа клиента — она понадобится в следующем раунде.",
            "Give the client's reason for refusing — the next round will need it.",
        ),
        ActionKind::ReportBugs => Refusal::new(
            "reason_required",
            "Опишите найденные баги, чтобы разработчики знали, что исправлять.",
            "Describe the bugs found so the developers know what to fix.",
        ),
        ActionKind::HandToDevelopers => Refusal::new(
            "reason_required",
            "Опишите проблему, которую передаёте разработчикам.",
            "Describe the problem you hand to the developers.",
        ),
        ActionKind::ReportDefects => Refusal::new(
            "reason_required",
            "Опишите недостатки, найденные при приёмке.",
            "Describe the defects found at acceptance.",
        ),
        ActionKind::RollBack => Refusal::new(
            "reason_required",
            "Опишите критическую проблему, из-за которой нужен откат.",
            "Describe the critical problem that forces the rollback.",
        ),
        ActionKind::StartFixStage => Refusal::new(
            "reason_required",
            "Опишите, что нужно исправить в коде на этапе исправлений.",
            "Describe what the fix stage must correct in the code.",
        ),
        _ => Refusal::new(
            "reason_required",
            "Укажите причину отмены проекта.",
            "Give the reason for cancelling the project.",
        ),
    }
}

fn not_available(state: &ProjectState, kind: ActionKind) -> Refusal {
    let step = state.step.label();
    let act = kind.label();
    Refusal::new(
        "not_available",
        format!("«{}» невозможно на шаге «{}».", act.ru, step.ru),
        format!("“{}” is not possible at step “{}”.", act.en, step.en),
    )
}

/// The state after `action`, without checking guards. `None` when the action is not
/// possible from the state's step. Pure: [`replay`] relies on it.
pub fn effect(state: &ProjectState, action: Action) -> Option<ProjectState> {
    if !action.kind().starts_from(state.step) {
        return None;
    }
    let mut next = *state;
    let goto = |next: &mut ProjectState, step: Step| next.step = step;
    match action {
        Action::StartClarification => goto(&mut next, Step::Clarification),
        Action::RequestEstimate => goto(&mut next, Step::Estimate),
        Action::SendOffer => goto(&mut next, Step::Negotiation),
        Action::AcceptOffer => goto(&mut next, Step::Specification),
        Action::RefuseOffer => {
            next.round += 1;
            goto(&mut next, Step::Clarification);
        }
        Action::ApproveSpecification => goto(&mut next, Step::TeamHandover),
        Action::HandOverToTeam => goto(&mut next, Step::StagePlanning),
        Action::ConfirmStagePlan { stages } => {
            if stages == 0 {
                return None;
            }
            next.stages_total = stages;
            goto(&mut next, Step::Environment);
        }
        Action::EnvironmentReady => {
            next.stage = 1;
            goto(&mut next, Step::Coding);
        }
        Action::SubmitToTesting => goto(&mut next, Step::Testing),
        Action::ReportBugs | Action::HandToDevelopers | Action::ReportDefects => {
            goto(&mut next, Step::Coding)
        }
        Action::PassTesting => goto(&mut next, Step::DevOpsAdjustment),
        Action::FinishAdjustments => goto(&mut next, Step::StageAcceptance),
        Action::AcceptStage => {
            if next.stage < next.stages_total {
                next.stage += 1;
                goto(&mut next, Step::Coding);
            } else {
                goto(&mut next, Step::Deployment);
            }
        }
        Action::Deploy => goto(&mut next, Step::Switchover),
        Action::RollBack => goto(&mut next, Step::Deployment),
        Action::StartFixStage => {
            next.stages_total += 1;
            next.stage = next.stages_total;
            goto(&mut next, Step::Coding);
        }
        Action::SwitchOver => goto(&mut next, Step::SupportHandover),
        Action::Close => goto(&mut next, Step::Closed),
        Action::Cancel => {
            next.cancelled_from = Some(state.step);
            goto(&mut next, Step::Cancelled);
        }
        Action::Reopen => {
            let back = state.cancelled_from?;
            next.cancelled_from = None;
            goto(&mut next, back);
        }
    }
    Some(next)
}

/// The one gate every transition passes: checks the action is possible from the
/// current step, its guard, and its comment, and answers with the new state.
pub fn decide(
    state: &ProjectState,
    action: Action,
    comment: &str,
    facts: &Facts,
) -> Result<ProjectState, Refusal> {
    let kind = action.kind();
    if !kind.starts_from(state.step) {
        return Err(not_available(state, kind));
    }
    guard(state, kind, facts)?;
    if kind.needs_comment() && comment.trim().is_empty() {
        return Err(comment_refusal(kind));
    }
    effect(state, action).ok_or_else(|| not_available(state, kind))
}

/// Rebuilds a project's state from its recorded actions. `None` if the history holds
/// an action that was not possible where it stands (a corrupted history).
pub fn replay<'a>(actions: impl IntoIterator<Item = &'a Action>) -> Option<ProjectState> {
    actions
        .into_iter()
        .try_fold(ProjectState::initial(), |s, a| effect(&s, *a))
}

/// One action a user may take now, or see blocked with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionOption {
    pub kind: ActionKind,
    pub label: Text,
    pub target: Step,
    pub loop_kind: Option<LoopKind>,
    pub needs_comment: bool,
    /// `Some` when the guard does not hold yet: the button is shown disabled with it.
    pub blocked: Option<Refusal>,
}

/// The actions possible from the current step, each with its guard's verdict.
/// Whether any action can be taken from `state` at all (guards aside): a closed or
/// cancelled project has none, so its guards' facts need not be read.
pub fn has_options(state: &ProjectState) -> bool {
    ActionKind::ALL
        .into_iter()
        .any(|k| k.starts_from(state.step))
}

pub fn options(state: &ProjectState, facts: &Facts) -> Vec<ActionOption> {
    ActionKind::ALL
        .into_iter()
        .filter(|k| k.starts_from(state.step))
        .map(|kind| {
            let blocked = guard(state, kind, facts).err();
            // The target shown on the button: for a guarded action use the data it
            // would carry once the guard holds.
            // (`from_kind` reads the number of stages only: nothing else is cloned.)
            let probe = Facts {
                planned_stages: facts.planned_stages.max(1),
                ..Facts::default()
            };
            let target = effect(state, Action::from_kind(kind, &probe))
                .map(|s| s.step)
                .unwrap_or(state.step);
            ActionOption {
                kind,
                label: kind.label(),
                target,
                loop_kind: kind.loop_kind(),
                needs_comment: kind.needs_comment(),
                blocked,
            }
        })
        .collect()
}

/// One step on the lifecycle map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MapStep {
    pub step: Step,
    pub number: Option<String>,
    pub name: Text,
    pub current: bool,
    /// How many times the project entered this step.
    pub visits: u32,
}

/// One phase column of the map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MapPhase {
    pub phase: Phase,
    pub name: Text,
    pub steps: Vec<MapStep>,
}

/// How many times a loop was taken, in all and per development stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MapLoop {
    pub kind: LoopKind,
    pub name: Text,
    pub from: Step,
    pub to: Step,
    /// "1.4 → 1.2"
    pub arrow: String,
    pub count: u32,
    /// `(stage, count)` for loops inside the development cycle.
    pub per_stage: Vec<(u32, u32)>,
}

/// Everything the project page shows about the lifecycle, decided here so the UI only
/// draws it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LifecycleMap {
    pub state: ProjectState,
    pub current: Text,
    pub phases: Vec<MapPhase>,
    pub loops: Vec<MapLoop>,
    pub options: Vec<ActionOption>,
}

impl LifecycleMap {
    pub fn build(state: &ProjectState, history: &[HistoryEntry], facts: &Facts) -> LifecycleMap {
        let visits = |step: Step| -> u32 {
            let entered = history.iter().filter(|h| h.to == step).count() as u32;
            entered + u32::from(step == Step::Request)
        };
        let phases = Phase::ALL
            .into_iter()
            .map(|phase| MapPhase {
                phase,
                name: phase.name(),
                steps: Step::ALL
                    .into_iter()
                    .filter(|s| s.phase() == phase)
                    .map(|step| MapStep {
                        step,
                        number: step.number().map(str::to_string),
                        name: step.name(),
                        current: step == state.step,
                        visits: visits(step),
                    })
                    .collect(),
            })
            .collect();
        let loops = LoopKind::ALL
            .into_iter()
            .map(|kind| {
                let taken: Vec<&HistoryEntry> = history
                    .iter()
                    .filter(|h| h.action.kind().loop_kind() == Some(kind))
                    .collect();
                let mut per_stage: Vec<(u32, u32)> = Vec::new();
                if matches!(
                    kind,
                    LoopKind::Bugs | LoopKind::EnvironmentIssue | LoopKind::Defects
                ) {
                    for h in &taken {
                        match per_stage.iter_mut().find(|(s, _)| *s == h.stage) {
                            Some((_, n)) => *n += 1,
                            None => per_stage.push((h.stage, 1)),
                        }
                    }
                }
                let (from, to) = kind.from_to();
                MapLoop {
                    kind,
                    name: kind.name(),
                    from,
                    to,
                    arrow: format!(
                        "{} → {}",
                        from.number().unwrap_or_default(),
                        to.number().unwrap_or_default()
                    ),
                    count: taken.len() as u32,
                    per_stage,
                }
            })
            .collect();
        LifecycleMap {
            state: *state,
            current: state.step.label(),
            phases,
            loops,
            options: options(state, facts),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn go(state: ProjectState, action: Action, comment: &str) -> ProjectState {
        decide(
            &state,
            action,
            comment,
            &Facts {
                planned_stages: 2,
                estimate_items: 1,
                estimate_total_positive: true,
                pending_offer: true,
                approved_spec: true,
                ..Facts::default()
            },
        )
        .expect("allowed")
    }

    #[test]
    fn refusal_loops_back_to_clarification_with_the_next_round() {
        let mut s = ProjectState::initial();
        for a in [
            Action::StartClarification,
            Action::RequestEstimate,
            Action::SendOffer,
        ] {
            s = go(s, a, "");
        }
        assert_eq!(s.step, Step::Negotiation);
        let offered = Facts {
            pending_offer: true,
            ..Facts::default()
        };
        let r = decide(&s, Action::RefuseOffer, "  ", &offered).unwrap_err();
        assert_eq!(r.code, "reason_required");
        assert!(r.message.ru.contains("причину отказа"));
        s = go(s, Action::RefuseOffer, "Дорого");
        assert_eq!((s.step, s.round), (Step::Clarification, 2));
    }

    #[test]
    fn stages_run_one_after_another_and_the_last_leads_to_deployment() {
        let mut s = ProjectState {
            step: Step::StagePlanning,
            ..ProjectState::initial()
        };
        let blocked = decide(
            &s,
            Action::ConfirmStagePlan { stages: 0 },
            "",
            &Facts::default(),
        )
        .unwrap_err();
        assert_eq!(blocked.code, "no_stages");
        s = go(s, Action::ConfirmStagePlan { stages: 2 }, "");
        s = go(s, Action::EnvironmentReady, "");
        assert_eq!((s.step, s.stage), (Step::Coding, 1));
        for a in [
            Action::SubmitToTesting,
            Action::PassTesting,
            Action::FinishAdjustments,
            Action::AcceptStage,
        ] {
            s = go(s, a, "");
        }
        assert_eq!((s.step, s.stage), (Step::Coding, 2));
        for a in [
            Action::SubmitToTesting,
            Action::PassTesting,
            Action::FinishAdjustments,
            Action::AcceptStage,
        ] {
            s = go(s, a, "");
        }
        assert_eq!((s.step, s.stage), (Step::Deployment, 2));
    }

    #[test]
    fn an_answer_needs_an_offer_awaiting_it() {
        let s = ProjectState {
            step: Step::Negotiation,
            ..ProjectState::initial()
        };
        for a in [Action::AcceptOffer, Action::RefuseOffer] {
            let r = decide(&s, a, "причина", &Facts::default()).unwrap_err();
            assert_eq!(r.code, "no_offer");
            assert_eq!(r.message.en, "No offer is waiting for the client's answer.");
        }
    }

    #[test]
    fn an_action_from_the_wrong_step_names_both() {
        let r = decide(
            &ProjectState::initial(),
            Action::Deploy,
            "",
            &Facts::default(),
        )
        .unwrap_err();
        assert_eq!(r.code, "not_available");
        assert!(
            r.message.ru.contains("1.1 Запрос клиента"),
            "{}",
            r.message.ru
        );
    }

    #[test]
    fn cancel_only_in_preparation_and_reopen_returns_there() {
        let s = go(ProjectState::initial(), Action::StartClarification, "");
        let c = go(s, Action::Cancel, "Клиент пропал");
        assert_eq!(c.step, Step::Cancelled);
        let back = go(c, Action::Reopen, "");
        assert_eq!(back, s);
        let dev = ProjectState {
            step: Step::Coding,
            stage: 1,
            stages_total: 1,
            ..ProjectState::initial()
        };
        assert_eq!(
            decide(&dev, Action::Cancel, "x", &Facts::default())
                .unwrap_err()
                .code,
            "not_available"
        );
    }

    #[test]
    fn options_show_the_blocked_guard_reason() {
        let s = ProjectState {
            step: Step::StagePlanning,
            ..ProjectState::initial()
        };
        let opts = options(&s, &Facts::default());
        let plan = opts
            .iter()
            .find(|o| o.kind == ActionKind::ConfirmStagePlan)
            .expect("offered");
        assert_eq!(plan.target, Step::Environment);
        assert_eq!(plan.blocked.as_ref().map(|r| r.code), Some("no_stages"));
    }

    fn delivery(d: DeliveryFacts) -> Facts {
        Facts {
            planned_stages: 2,
            delivery: Some(d),
            ..Facts::default()
        }
    }

    fn at(step: Step, stage: u32, total: u32) -> ProjectState {
        ProjectState {
            step,
            stage,
            stages_total: total,
            ..ProjectState::initial()
        }
    }

    #[test]
    fn development_guards_name_what_is_missing() {
        use crate::development::{AcceptanceCheck, Bug, BugStatus, PlanCheck, Severity};
        let plan = PlanCheck {
            unassigned: vec!["ТР-4.1".into(), "ТР-4.2".into()],
            ..PlanCheck::default()
        };
        let r = decide(
            &at(Step::StagePlanning, 0, 0),
            Action::ConfirmStagePlan { stages: 2 },
            "",
            &delivery(DeliveryFacts {
                plan,
                ..DeliveryFacts::default()
            }),
        )
        .unwrap_err();
        assert_eq!(r.code, "requirements_unassigned");
        assert!(r.message.ru.contains("ТР-4.1, ТР-4.2"));

        let bugs = vec![Bug {
            number: 3,
            stage: 2,
            title: "Не входит".into(),
            severity: Severity::Critical,
            status: BugStatus::Open,
            ..Bug::default()
        }];
        let facts = delivery(DeliveryFacts {
            bugs,
            ..DeliveryFacts::default()
        });
        let r = decide(&at(Step::Testing, 2, 2), Action::PassTesting, "", &facts).unwrap_err();
        assert_eq!(r.code, "blocking_bugs");
        assert!(r.message.ru.contains("№3 «Не входит» (критический)"));
        // The bug is stage 2's: stage 1 passes, and reporting bugs needs one open.
        assert!(decide(&at(Step::Testing, 1, 2), Action::PassTesting, "", &facts).is_ok());
        assert_eq!(
            decide(&at(Step::Testing, 1, 2), Action::ReportBugs, "баги", &facts)
                .unwrap_err()
                .code,
            "no_open_bugs"
        );
        let back = decide(&at(Step::Testing, 2, 2), Action::ReportBugs, "баги", &facts).unwrap();
        assert_eq!((back.step, back.stage), (Step::Coding, 2));

        let bad_ref = delivery(DeliveryFacts {
            acceptance: AcceptanceCheck {
                record: crate::development::parse_code_ref("v1..0").err(),
                ..AcceptanceCheck::default()
            },
            ..DeliveryFacts::default()
        });
        let r = decide(
            &at(Step::StageAcceptance, 1, 2),
            Action::AcceptStage,
            "",
            &bad_ref,
        )
        .unwrap_err();
        assert_eq!(r.code, "code_ref_invalid");
        assert_eq!(
            decide(
                &at(Step::StageAcceptance, 1, 2),
                Action::ReportDefects,
                "x",
                &bad_ref
            )
            .unwrap_err()
            .code,
            "no_defects_marked"
        );
        // Without delivery records (stage titles only), the old guards alone apply.
        let titles_only = Facts {
            planned_stages: 2,
            ..Facts::default()
        };
        assert!(decide(
            &at(Step::Testing, 2, 2),
            Action::PassTesting,
            "",
            &titles_only
        )
        .is_ok());
    }

    #[test]
    fn deployment_guards_name_what_is_missing() {
        let facts = delivery(DeliveryFacts::default());
        let r = decide(&at(Step::Deployment, 2, 2), Action::Deploy, "", &facts).unwrap_err();
        assert_eq!(r.code, "deployment_plan_missing");
        let r = decide(&at(Step::Switchover, 2, 2), Action::SwitchOver, "", &facts).unwrap_err();
        assert_eq!(r.code, "db_archive_missing");
        // A rollback needs no archive, only its reason.
        assert!(decide(
            &at(Step::Switchover, 2, 2),
            Action::RollBack,
            "БД упала",
            &facts
        )
        .is_ok());
        let r = decide(&at(Step::SupportHandover, 2, 2), Action::Close, "", &facts).unwrap_err();
        assert_eq!(r.code, "support_handover_incomplete");
    }

    #[test]
    fn a_fix_stage_runs_through_development_and_returns_to_deployment() {
        let s = at(Step::Deployment, 2, 2);
        let r = decide(&s, Action::StartFixStage, "Ошибка", &Facts::default()).unwrap_err();
        assert_eq!(r.code, "no_rollback");
        let rolled_back = Facts {
            after_rollback: true,
            ..Facts::default()
        };
        let r = decide(&s, Action::StartFixStage, " ", &rolled_back).unwrap_err();
        assert_eq!(r.code, "reason_required");
        let mut s = decide(
            &s,
            Action::StartFixStage,
            "Ошибка миграции в коде",
            &rolled_back,
        )
        .unwrap();
        assert_eq!((s.step, s.stage, s.stages_total), (Step::Coding, 3, 3));
        assert!(s.is_consistent());
        for a in [
            Action::SubmitToTesting,
            Action::PassTesting,
            Action::FinishAdjustments,
            Action::AcceptStage,
        ] {
            s = go(s, a, "");
        }
        assert_eq!((s.step, s.stage, s.stages_total), (Step::Deployment, 3, 3));
        assert_eq!(crate::development::accepted_stages(&s), 3);
    }

    #[test]
    fn every_step_and_action_code_round_trips() {
        for s in Step::ALL {
            assert_eq!(Step::from_code(s.code()), Some(s));
        }
        for a in ActionKind::ALL {
            assert_eq!(ActionKind::from_code(a.code()), Some(a));
        }
    }

    #[test]
    fn every_loop_is_an_action_from_its_step_to_its_target() {
        for kind in LoopKind::ALL {
            let action = ActionKind::ALL
                .into_iter()
                .find(|a| a.loop_kind() == Some(kind))
                .expect("each loop has an action");
            let (from, to) = kind.from_to();
            assert!(action.starts_from(from));
            let state = ProjectState {
                step: from,
                stage: if from.phase() == Phase::Preparation {
                    0
                } else {
                    1
                },
                stages_total: if from.phase() == Phase::Preparation {
                    0
                } else {
                    1
                },
                ..ProjectState::initial()
            };
            let next = effect(&state, Action::from_kind(action, &Facts::default())).unwrap();
            assert_eq!(next.step, to);
        }
    }

    #[test]
    fn each_record_is_editable_only_where_the_lifecycle_allows() {
        let at = |step: Step, stage: u32| ProjectState {
            step,
            stage,
            stages_total: 2,
            ..ProjectState::initial()
        };
        let code = |s: &ProjectState, r: Record| editable(s, r).err().map(|r| r.code);
        // The estimate: at 1.3 only.
        assert_eq!(code(&at(Step::Estimate, 0), Record::Estimate), None);
        assert_eq!(
            code(&at(Step::Negotiation, 0), Record::Estimate),
            Some("estimate_frozen")
        );
        assert_eq!(
            code(&at(Step::Clarification, 0), Record::Estimate),
            Some("estimate_frozen")
        );
        // The page's stage list: at 2.1 only.
        assert_eq!(code(&at(Step::StagePlanning, 0), Record::StageList), None);
        assert_eq!(
            code(&at(Step::Estimate, 0), Record::StageList),
            Some("stages_frozen")
        );
        assert_eq!(
            code(&at(Step::Environment, 1), Record::StageList),
            Some("stages_frozen")
        );
        // A planned stage: until it is accepted.
        assert_eq!(
            code(&at(Step::StagePlanning, 0), Record::PlannedStage(1)),
            None
        );
        assert_eq!(
            code(&at(Step::Coding, 2), Record::PlannedStage(1)),
            Some("stage_frozen")
        );
        assert_eq!(code(&at(Step::Coding, 2), Record::PlannedStage(2)), None);
    }

    #[test]
    fn the_page_offers_development_from_2_1_and_deployment_once_the_plan_is_confirmed() {
        let w = |step, stages| {
            let x = workspaces(&at(step, 0, 0), stages);
            (x.preparation, x.development, x.deployment)
        };
        assert_eq!(w(Step::Estimate, 0), (true, false, false));
        assert_eq!(w(Step::StagePlanning, 0), (true, true, false));
        assert_eq!(w(Step::StagePlanning, 2), (true, true, false));
        assert_eq!(w(Step::Environment, 2), (true, true, true));
        assert_eq!(w(Step::Switchover, 2), (true, true, true));
        assert_eq!(w(Step::Closed, 2), (true, true, true));
        // Cancelled in preparation: nothing of development to show.
        assert_eq!(w(Step::Cancelled, 0), (true, false, false));
    }
}
