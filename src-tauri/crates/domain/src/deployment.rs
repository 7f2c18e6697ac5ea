//! Deployment, 3.1–3.3: where and when the product is deployed, the switchover with
//! its database archive, rollbacks and fix stages, and the handover to support.
//!
//! This module owns these rules; [`crate::lifecycle`]'s guards ask it. No I/O.
//!
//! Guarantees:
//! - no switchover is recorded without a database archive made for it, whose SHA-256
//!   is 64 hexadecimal digits ([`check_archive`], [`switchover_refusal`]);
//! - a rollback is counted like every loop; [`attempts`] reads deployments, rollbacks
//!   and fix stages back from the recorded actions;
//! - the project closes only after the support handover names the team with contacts,
//!   the documents handed over and a warranty end after the handover date, and after
//!   the final акт is issued ([`close_refusal`]).

use serde::{Deserialize, Serialize};

use crate::development::{parse_date, ChecklistItem};
use crate::lifecycle::{Action, Refusal};
use crate::text::Text;

/// Where the product goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// The client's own hardware.
    #[default]
    ClientPremises,
    Cloud,
}

impl TargetKind {
    pub fn code(self) -> &'static str {
        match self {
            TargetKind::ClientPremises => "client_premises",
            TargetKind::Cloud => "cloud",
        }
    }

    pub fn from_code(code: &str) -> Option<TargetKind> {
        [TargetKind::ClientPremises, TargetKind::Cloud]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// The deployment plan of 3.1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeploymentPlan {
    pub target: TargetKind,
    /// Which servers, which cloud account, which module of the running product.
    pub description: String,
    /// ISO date.
    pub planned_on: String,
    pub responsible: String,
    /// A new environment, or a module into the running product (3.2).
    pub switch_kind: SwitchKind,
    pub checklist: Vec<ChecklistItem>,
}

/// The guard of 3.1 → 3.2: a described target, a date, a responsible person, and every
/// step of the plan done or not needed.
pub fn deploy_refusal(plan: Option<&DeploymentPlan>) -> Option<Refusal> {
    let Some(p) = plan else {
        return Some(Refusal::new(
            "deployment_plan_missing",
            "Составьте план внедрения: куда, когда, кто отвечает.",
            "Make the deployment plan: where, when, who is responsible.",
        ));
    };
    let mut missing: Vec<(&str, &str)> = Vec::new();
    if p.description.trim().is_empty() {
        missing.push(("описание площадки", "description of the target"));
    }
    if parse_date(&p.planned_on).is_none() {
        missing.push((
            "дата внедрения (ГГГГ-ММ-ДД)",
            "deployment date (YYYY-MM-DD)",
        ));
    }
    if p.responsible.trim().is_empty() {
        missing.push(("ответственный", "responsible person"));
    }
    if !missing.is_empty() {
        let ru: Vec<&str> = missing.iter().map(|m| m.0).collect();
        let en: Vec<&str> = missing.iter().map(|m| m.1).collect();
        return Some(Refusal::new(
            "deployment_plan_incomplete",
            format!("В плане внедрения не хватает: {}.", ru.join(", ")),
            format!("The deployment plan lacks: {}.", en.join(", ")),
        ));
    }
    let open: Vec<&str> = p
        .checklist
        .iter()
        .filter(|i| !i.status.settled())
        .map(|i| i.title.as_str())
        .collect();
    (!open.is_empty()).then(|| {
        Refusal::new(
            "deployment_plan_incomplete",
            format!(
                "Не выполнены шаги плана внедрения: {}. Отметьте каждый как выполненный или ненужный.",
                open.join(", ")
            ),
            format!(
                "Deployment plan steps to do: {}. Mark each done or not needed.",
                open.join(", ")
            ),
        )
    })
}

/// A database archive made before a switchover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DbArchive {
    /// What was archived ("PostgreSQL crm, all schemas").
    pub what: String,
    /// Where the archive is kept (a path, a bucket).
    pub location: String,
    /// ISO date or date and time of the archive.
    pub made_at: String,
    /// Hex SHA-256 of the archive file, 64 digits, kept in lower case.
    pub sha256: String,
}

/// Whether `value` is a SHA-256 written in hex: 64 hexadecimal digits. Answers the
/// digits in lower case, as `sha256sum` prints them.
pub fn parse_sha256(value: &str) -> Result<String, Refusal> {
    let v = value.trim();
    if v.len() == 64 && v.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(v.to_ascii_lowercase());
    }
    let digits = v.chars().count();
    Err(Refusal::new(
        "checksum_invalid",
        format!(
            "Контрольная сумма SHA-256 — это 64 шестнадцатеричные цифры (0–9, a–f), как её печатает sha256sum; введено символов: {digits}."
        ),
        format!(
            "A SHA-256 checksum is 64 hexadecimal digits (0–9, a–f), as sha256sum prints it; {digits} characters were given."
        ),
    ))
}

/// Checks an archive record before it is stored; answers it with the checksum
/// normalised.
pub fn check_archive(a: &DbArchive) -> Result<DbArchive, Refusal> {
    let mut missing: Vec<(&str, &str)> = Vec::new();
    if a.what.trim().is_empty() {
        missing.push(("что заархивировано", "what was archived"));
    }
    if a.location.trim().is_empty() {
        missing.push(("где лежит архив", "where the archive is"));
    }
    let date = a.made_at.trim().get(..10).unwrap_or_default();
    if parse_date(date).is_none() {
        missing.push(("когда сделан (ГГГГ-ММ-ДД)", "when it was made (YYYY-MM-DD)"));
    }
    if !missing.is_empty() {
        let ru: Vec<&str> = missing.iter().map(|m| m.0).collect();
        let en: Vec<&str> = missing.iter().map(|m| m.1).collect();
        return Err(Refusal::new(
            "archive_incomplete",
            format!("В записи об архиве БД не хватает: {}.", ru.join(", ")),
            format!("The database archive record lacks: {}.", en.join(", ")),
        ));
    }
    Ok(DbArchive {
        sha256: parse_sha256(&a.sha256)?,
        ..a.clone()
    })
}

/// The guard of 3.2 → 3.3 (and of recording any switchover): the database archive
/// made for this attempt.
pub fn switchover_refusal(archive: Option<&DbArchive>) -> Option<Refusal> {
    match archive {
        None => Some(Refusal::new(
            "db_archive_missing",
            "Перед переходом заархивируйте базу данных и запишите архив: что, где, когда и его SHA-256.",
            "Archive the database before the switchover and record it: what, where, when and its SHA-256.",
        )),
        Some(a) => check_archive(a).err(),
    }
}

/// How the new version goes live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SwitchKind {
    /// A new environment replaces the old one.
    #[default]
    NewEnvironment,
    /// A module integrated into the running product.
    Module,
}

/// How a switchover ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// Live: on to 3.3.
    Success,
    /// A critical problem: back to the old environment.
    Rollback { reason: String },
}

impl SwitchKind {
    pub fn code(self) -> &'static str {
        match self {
            SwitchKind::NewEnvironment => "new_environment",
            SwitchKind::Module => "module",
        }
    }

    pub fn from_code(code: &str) -> Option<SwitchKind> {
        [SwitchKind::NewEnvironment, SwitchKind::Module]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

impl Outcome {
    /// The lifecycle action the outcome is recorded as.
    pub fn action(&self) -> Action {
        match self {
            Outcome::Success => Action::SwitchOver,
            Outcome::Rollback { .. } => Action::RollBack,
        }
    }
}

/// Checks an outcome before it is recorded: a rollback says why.
pub fn check_outcome(o: &Outcome) -> Result<(), Refusal> {
    match o {
        Outcome::Rollback { reason } if reason.trim().is_empty() => Err(Refusal::new(
            "reason_required",
            "Опишите критическую проблему, из-за которой нужен откат.",
            "Describe the critical problem that forces the rollback.",
        )),
        _ => Ok(()),
    }
}

/// Deployments, rollbacks and fix stages, read from the recorded actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attempts {
    pub deployments: u32,
    pub rollbacks: u32,
    pub fix_stages: u32,
    pub switched_over: bool,
}

/// Counts the deployment attempts of a project from its actions.
pub fn attempts(actions: &[Action]) -> Attempts {
    let mut a = Attempts::default();
    for x in actions {
        match x {
            Action::Deploy => a.deployments += 1,
            Action::RollBack => a.rollbacks += 1,
            Action::StartFixStage => a.fix_stages += 1,
            Action::SwitchOver => a.switched_over = true,
            _ => {}
        }
    }
    a
}

/// Someone on the support team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupportContact {
    pub name: String,
    /// Phone, e-mail, messenger.
    pub contact: String,
}

/// The handover to support (3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupportHandover {
    pub team: Vec<SupportContact>,
    /// The documentation handed over (titles or paths).
    pub documents: Vec<String>,
    /// ISO dates.
    pub handed_over_on: String,
    pub warranty_until: String,
}

/// What the support handover lacks, or `None`.
pub fn check_support(h: &SupportHandover) -> Option<Refusal> {
    let mut missing: Vec<Text> = Vec::new();
    if h.team.is_empty() {
        missing.push(Text::new("команда поддержки", "the support team"));
    }
    for m in &h.team {
        if m.name.trim().is_empty() || m.contact.trim().is_empty() {
            missing.push(Text::new(
                "имя и контакт каждого в поддержке",
                "a name and contact for everyone in support",
            ));
            break;
        }
    }
    if h.documents.iter().all(|d| d.trim().is_empty()) {
        missing.push(Text::new(
            "список переданной документации",
            "the list of documentation handed over",
        ));
    }
    let handed = parse_date(&h.handed_over_on);
    if handed.is_none() {
        missing.push(Text::new(
            "дата передачи (ГГГГ-ММ-ДД)",
            "the handover date (YYYY-MM-DD)",
        ));
    }
    match (handed, parse_date(&h.warranty_until)) {
        (_, None) => missing.push(Text::new(
            "дата окончания гарантии (ГГГГ-ММ-ДД)",
            "the warranty end date (YYYY-MM-DD)",
        )),
        (Some(from), Some(until)) if until <= from => {
            return Some(Refusal::new(
                "warranty_dates",
                format!(
                    "Гарантия должна заканчиваться после передачи в поддержку ({}), а указано {}.",
                    from.format("%d.%m.%Y"),
                    until.format("%d.%m.%Y")
                ),
                format!(
                    "The warranty must end after the handover ({}); {} was given.",
                    from.format("%Y-%m-%d"),
                    until.format("%Y-%m-%d")
                ),
            ))
        }
        _ => {}
    }
    if missing.is_empty() {
        return None;
    }
    let ru: Vec<&str> = missing.iter().map(|t| t.ru.as_str()).collect();
    let en: Vec<&str> = missing.iter().map(|t| t.en.as_str()).collect();
    Some(Refusal::new(
        "support_handover_incomplete",
        format!("В передаче в поддержку не хватает: {}.", ru.join(", ")),
        format!("The support handover lacks: {}.", en.join(", ")),
    ))
}

/// The guard of 3.3 → Closed: the handover complete, then the final акт issued.
pub fn close_refusal(h: Option<&SupportHandover>, final_act_issued: bool) -> Option<Refusal> {
    let h = h.cloned().unwrap_or_default();
    check_support(&h).or_else(|| {
        (!final_act_issued).then(|| {
            Refusal::new(
                "final_act_missing",
                "Выпустите итоговый акт сдачи-приёмки по проекту — после него проект закрывается.",
                "Issue the project's final acceptance certificate (акт) — the project closes after it.",
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::development::ItemStatus;

    const SHA: &str = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    fn archive() -> DbArchive {
        DbArchive {
            what: "PostgreSQL crm".into(),
            location: "/backups/crm-2026-12-20.dump".into(),
            made_at: "2026-12-20T21:00".into(),
            sha256: SHA.into(),
        }
    }

    #[test]
    fn a_switchover_needs_an_archive_with_a_real_checksum() {
        let r = switchover_refusal(None).unwrap();
        assert_eq!(r.code, "db_archive_missing");
        assert!(r.message.ru.contains("SHA-256"));
        assert!(switchover_refusal(Some(&archive())).is_none());
        assert_eq!(
            check_archive(&archive()).unwrap().sha256,
            SHA.to_lowercase()
        );
        for bad in [
            "",
            "abc",
            &SHA[1..],
            &format!("{SHA}0"),
            &SHA.replace('F', "g"),
        ] {
            let a = DbArchive {
                sha256: bad.to_string(),
                ..archive()
            };
            let r = switchover_refusal(Some(&a)).unwrap();
            assert_eq!(r.code, "checksum_invalid", "{bad}");
            assert!(r.message.ru.contains("64 шестнадцатеричные цифры"));
        }
        let a = DbArchive {
            location: " ".into(),
            made_at: "вчера".into(),
            ..archive()
        };
        let r = check_archive(&a).unwrap_err();
        assert_eq!(r.code, "archive_incomplete");
        assert!(
            r.message.ru.contains("где лежит архив, когда сделан"),
            "{}",
            r.message.ru
        );
    }

    #[test]
    fn deployment_needs_target_date_responsible_and_a_settled_plan() {
        assert_eq!(
            deploy_refusal(None).unwrap().code,
            "deployment_plan_missing"
        );
        let mut p = DeploymentPlan {
            target: TargetKind::Cloud,
            description: String::new(),
            planned_on: "2026-12-25".into(),
            responsible: String::new(),
            switch_kind: SwitchKind::Module,
            checklist: vec![ChecklistItem {
                title: "Перенести DNS".into(),
                ..ChecklistItem::default()
            }],
        };
        let r = deploy_refusal(Some(&p)).unwrap();
        assert!(
            r.message.ru.contains("описание площадки, ответственный"),
            "{}",
            r.message.ru
        );
        p.description = "Yandex Cloud, каталог prod".into();
        p.responsible = "Анна".into();
        let r = deploy_refusal(Some(&p)).unwrap();
        assert!(r.message.ru.contains("Перенести DNS"), "{}", r.message.ru);
        p.checklist[0].status = ItemStatus::Done;
        assert!(deploy_refusal(Some(&p)).is_none());
    }

    #[test]
    fn a_rollback_says_why_and_outcomes_are_lifecycle_actions() {
        assert_eq!(
            check_outcome(&Outcome::Rollback { reason: " ".into() })
                .unwrap_err()
                .code,
            "reason_required"
        );
        assert_eq!(Outcome::Success.action(), Action::SwitchOver);
        let a = attempts(&[
            Action::Deploy,
            Action::RollBack,
            Action::StartFixStage,
            Action::Deploy,
            Action::RollBack,
            Action::Deploy,
            Action::SwitchOver,
        ]);
        assert_eq!(
            a,
            Attempts {
                deployments: 3,
                rollbacks: 2,
                fix_stages: 1,
                switched_over: true
            }
        );
    }

    #[test]
    fn closing_needs_a_full_handover_a_later_warranty_and_the_final_act() {
        let mut h = SupportHandover {
            team: vec![SupportContact {
                name: "Поддержка ООО «Ромашка»".into(),
                contact: "support@romashka.ru".into(),
            }],
            documents: vec!["Руководство администратора".into()],
            handed_over_on: "2026-12-28".into(),
            warranty_until: "2026-12-01".into(),
        };
        let r = close_refusal(Some(&h), true).unwrap();
        assert_eq!(r.code, "warranty_dates");
        assert!(r.message.ru.contains("28.12.2026") && r.message.ru.contains("01.12.2026"));
        h.warranty_until = "2027-06-28".into();
        assert_eq!(
            close_refusal(Some(&h), false).unwrap().code,
            "final_act_missing"
        );
        assert!(close_refusal(Some(&h), true).is_none());
        let r = close_refusal(None, true).unwrap();
        assert_eq!(r.code, "support_handover_incomplete");
        assert!(
            r.message.en.contains("the support team"),
            "{}",
            r.message.en
        );
        h.team[0].contact = String::new();
        h.documents = vec![" ".into()];
        let r = check_support(&h).unwrap();
        assert!(r.message.ru.contains("имя и контакт") && r.message.ru.contains("документации"));
    }
}
