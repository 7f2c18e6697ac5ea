//! 2.3–2.5: the work log, bugs with their statuses and severities, and DevOps
//! adjustments.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::*;
use crate::lifecycle::Refusal;
use crate::preparation::TeamMember;
use crate::text::Text;

/// One entry of a stage's work log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkEntry {
    pub id: i64,
    pub stage: u32,
    /// ISO date of the work.
    pub date: String,
    pub who: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub hours: Decimal,
    /// A branch or commit the work is in; may be empty.
    pub reference: String,
    pub note: String,
}

/// The most hours one entry may hold: a day. More is a typo or several days in one.
pub const MAX_HOURS_PER_ENTRY: u32 = 24;

/// Checks a work log entry before it is stored.
pub fn check_work_entry(e: &WorkEntry, team: &[TeamMember]) -> Result<(), Refusal> {
    required_date(&e.date, ("дату работы", "date of the work"))?;
    if e.who.trim().is_empty() {
        return Err(Refusal::new(
            "who_missing",
            "Укажите, кто выполнял работу.",
            "Say who did the work.",
        ));
    }
    on_team(&e.who, team)?;
    if e.hours <= Decimal::ZERO {
        return Err(Refusal::new(
            "hours_not_positive",
            format!(
                "Часы должны быть больше нуля, а указано {}.",
                e.hours.normalize()
            ),
            format!(
                "Hours must be above zero; {} was given.",
                e.hours.normalize()
            ),
        ));
    }
    if e.hours > Decimal::from(MAX_HOURS_PER_ENTRY) {
        return Err(Refusal::new(
            "hours_too_many",
            format!(
                "{} ч в одной записи — больше суток. Запишите работу по дням, не более {MAX_HOURS_PER_ENTRY} ч в записи.",
                e.hours.normalize()
            ),
            format!(
                "{} h in one entry is more than a day. Log the work day by day, at most {MAX_HOURS_PER_ENTRY} h per entry.",
                e.hours.normalize()
            ),
        ));
    }
    check_branch_or_commit(&e.reference)
}

/// Who did the work (2.3) or changed the environment (2.5) is a member of the
/// project's team of 1.6, by name; entries stored before this rule keep their names.
pub fn on_team(who: &str, team: &[TeamMember]) -> Result<(), Refusal> {
    let who = who.trim();
    if team.iter().any(|m| m.name.trim() == who) {
        return Ok(());
    }
    let names: Vec<&str> = team.iter().map(|m| m.name.trim()).collect();
    Err(if names.is_empty() {
        Refusal::new(
            "who_not_in_team",
            format!("«{who}» нет в команде проекта, а команда пуста: добавьте людей на вкладке 1.6."),
            format!("“{who}” is not on the project's team, and the team is empty: add people on tab 1.6."),
        )
    } else {
        Refusal::new(
            "who_not_in_team",
            format!(
                "«{who}» нет в команде проекта. Выберите из команды ({}) или добавьте человека на вкладке 1.6.",
                names.join(", ")
            ),
            format!(
                "“{who}” is not on the project's team. Choose a team member ({}) or add the person on tab 1.6.",
                names.join(", ")
            ),
        )
    })
}

/// Hours logged for `stage`.
pub fn logged_hours(entries: &[WorkEntry], stage: u32) -> Decimal {
    entries
        .iter()
        .filter(|e| e.stage == stage)
        .map(|e| e.hours)
        .sum()
}

// ---- 2.4 bugs ----------------------------------------------------------------------

/// How bad a bug is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Critical,
    Major,
    #[default]
    Minor,
    Trivial,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::Major,
        Severity::Minor,
        Severity::Trivial,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Major => "major",
            Severity::Minor => "minor",
            Severity::Trivial => "trivial",
        }
    }

    pub fn from_code(code: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn name(self) -> Text {
        match self {
            Severity::Critical => Text::new("критический", "critical"),
            Severity::Major => Text::new("серьёзный", "major"),
            Severity::Minor => Text::new("незначительный", "minor"),
            Severity::Trivial => Text::new("мелкий", "trivial"),
        }
    }

    /// Whether an open bug of this severity keeps the stage in testing.
    pub fn blocks(self) -> bool {
        matches!(self, Severity::Critical | Severity::Major)
    }
}

/// Where a bug stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BugStatus {
    #[default]
    Open,
    Fixed,
    Verified,
    WontFix,
}

impl BugStatus {
    pub const ALL: [BugStatus; 4] = [
        BugStatus::Open,
        BugStatus::Fixed,
        BugStatus::Verified,
        BugStatus::WontFix,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BugStatus::Open => "open",
            BugStatus::Fixed => "fixed",
            BugStatus::Verified => "verified",
            BugStatus::WontFix => "wont_fix",
        }
    }

    pub fn from_code(code: &str) -> Option<BugStatus> {
        BugStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn name(self) -> Text {
        match self {
            BugStatus::Open => Text::new("открыт", "open"),
            BugStatus::Fixed => Text::new("исправлен", "fixed"),
            BugStatus::Verified => Text::new("проверен", "verified"),
            BugStatus::WontFix => Text::new("не будет исправлен", "won't fix"),
        }
    }

    /// The statuses a bug may move to: a developer fixes or declines an open bug, a
    /// tester verifies a fix or reopens it, and a verified or declined bug may be
    /// reopened when it shows up again. A bug is never verified without a fix.
    pub fn next(self) -> &'static [BugStatus] {
        match self {
            BugStatus::Open => &[BugStatus::Fixed, BugStatus::WontFix],
            BugStatus::Fixed => &[BugStatus::Verified, BugStatus::Open],
            BugStatus::Verified | BugStatus::WontFix => &[BugStatus::Open],
        }
    }
}

/// A bug found while testing a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Bug {
    pub id: i64,
    /// №1, №2… within the project.
    pub number: u32,
    pub stage: u32,
    pub title: String,
    pub steps: String,
    pub expected: String,
    pub actual: String,
    pub severity: Severity,
    /// The requirement it breaks (ТР-4.2.3); may be empty.
    pub requirement: String,
    pub status: BugStatus,
    /// Why it will not be fixed; required for that status.
    pub reason: String,
}

impl Bug {
    /// "№3 «Вход падает» (критический)".
    fn label(&self) -> Text {
        let sev = self.severity.name();
        Text::new(
            format!("№{} «{}» ({})", self.number, self.title.trim(), sev.ru),
            format!("#{} “{}” ({})", self.number, self.title.trim(), sev.en),
        )
    }
}

/// Checks a bug before it is stored: a title, a reason for "won't fix", and a linked
/// requirement that is one of the stage's.
pub fn check_bug(bug: &Bug, stage_requirements: &[String]) -> Result<(), Refusal> {
    if bug.title.trim().is_empty() {
        return Err(Refusal::new(
            "bug_title",
            "Назовите баг: по названию его найдут в списке и в истории.",
            "Give the bug a title: it is how it is found in the list and the history.",
        ));
    }
    if bug.status == BugStatus::WontFix && bug.reason.trim().is_empty() {
        return Err(wont_fix_reason());
    }
    let r = bug.requirement.trim();
    if !r.is_empty() && !stage_requirements.iter().any(|s| s == r) {
        return Err(Refusal::new(
            "bug_requirement",
            format!("Требования {r} нет в этом этапе: выберите одно из его требований."),
            format!("Requirement {r} is not in this stage: pick one of its requirements."),
        ));
    }
    Ok(())
}

fn wont_fix_reason() -> Refusal {
    Refusal::new(
        "reason_required",
        "Укажите, почему баг не будет исправлен.",
        "Say why the bug will not be fixed.",
    )
}

/// The bug with its status changed to `to`, if that move is allowed.
pub fn change_status(bug: &Bug, to: BugStatus, reason: &str) -> Result<Bug, Refusal> {
    if !bug.status.next().contains(&to) {
        let (a, b) = (bug.status.name(), to.name());
        return Err(Refusal::new(
            "bug_status",
            format!(
                "Баг №{} нельзя перевести из «{}» в «{}».",
                bug.number, a.ru, b.ru
            ),
            format!(
                "Bug #{} cannot go from “{}” to “{}”.",
                bug.number, a.en, b.en
            ),
        ));
    }
    if to == BugStatus::WontFix && reason.trim().is_empty() {
        return Err(wont_fix_reason());
    }
    Ok(Bug {
        status: to,
        reason: if to == BugStatus::WontFix {
            reason.trim().to_string()
        } else {
            bug.reason.clone()
        },
        ..bug.clone()
    })
}

/// The guard of 2.4 → 2.3: the loop is backed by the bugs recorded for the stage.
pub fn report_bugs_refusal(bugs: &[Bug], stage: u32) -> Option<Refusal> {
    (!bugs
        .iter()
        .any(|b| b.stage == stage && b.status == BugStatus::Open))
    .then(|| {
        Refusal::new(
            "no_open_bugs",
            "Нет открытых багов этого этапа: запишите найденные на вкладке «2.4», чтобы разработчики знали, что исправлять.",
            "This stage has no open bugs: record the ones found on the “2.4” tab so the developers know what to fix.",
        )
    })
}

/// The guard of 2.4 → 2.5: no open critical or major bug of the stage; names them.
pub fn testing_refusal(bugs: &[Bug], stage: u32) -> Option<Refusal> {
    let blocking: Vec<Text> = bugs
        .iter()
        .filter(|b| b.stage == stage && b.status == BugStatus::Open && b.severity.blocks())
        .map(Bug::label)
        .collect();
    if blocking.is_empty() {
        return None;
    }
    let l = list(&blocking);
    Some(Refusal::new(
        "blocking_bugs",
        format!(
            "Этап не может пройти тестирование, пока открыты критические и серьёзные баги: {}.",
            l.ru
        ),
        format!(
            "The stage cannot pass testing while critical or major bugs are open: {}.",
            l.en
        ),
    ))
}

// ---- 2.5 DevOps adjustments --------------------------------------------------------

/// One change DevOps made to the environment during a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Adjustment {
    pub id: i64,
    pub stage: u32,
    /// ISO date.
    pub date: String,
    pub what: String,
    pub who: String,
    /// The bug (its number) the change answers; `None` when none.
    pub bug: Option<u32>,
}

/// Checks an adjustment before it is stored.
pub fn check_adjustment(a: &Adjustment, bugs: &[Bug], team: &[TeamMember]) -> Result<(), Refusal> {
    if a.what.trim().is_empty() {
        return Err(Refusal::new(
            "adjustment_what",
            "Опишите, что изменено в среде.",
            "Describe what was changed in the environment.",
        ));
    }
    if a.who.trim().is_empty() {
        return Err(Refusal::new(
            "who_missing",
            "Укажите, кто внёс изменение.",
            "Say who made the change.",
        ));
    }
    on_team(&a.who, team)?;
    if !a.date.trim().is_empty() {
        required_date(&a.date, ("дату изменения", "date of the change"))?;
    }
    if let Some(n) = a.bug {
        if !bugs.iter().any(|b| b.number == n) {
            return Err(Refusal::new(
                "bug_not_found",
                format!("Бага №{n} нет в проекте."),
                format!("The project has no bug #{n}."),
            ));
        }
    }
    Ok(())
}
