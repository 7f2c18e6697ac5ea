//! 2.6: the acceptance of a stage — each requirement verified or not, the code
//! reference, the date and who accepted.

use serde::{Deserialize, Serialize};

use super::*;
use crate::lifecycle::Refusal;

/// The manager's verdict on one requirement of the stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequirementCheck {
    pub requirement: String,
    pub verified: bool,
    pub note: String,
}

/// The acceptance of a stage (2.6) as the manager fills it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Acceptance {
    pub stage: u32,
    pub checks: Vec<RequirementCheck>,
    /// A tag or a commit hash (see [`parse_code_ref`]).
    pub code_ref: String,
    /// ISO date.
    pub accepted_on: String,
    pub accepted_by: String,
}

/// What an acceptance lacks, found at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AcceptanceCheck {
    /// Requirements of the stage not marked at all.
    pub unchecked: Vec<String>,
    /// Requirements marked not verified, with the manager's note: the defects.
    pub defects: Vec<(String, String)>,
    /// Why the code reference, the date or the name does not do, in that order.
    pub record: Option<Refusal>,
}

/// Checks the acceptance of a stage delivering `stage_requirements`.
pub fn check_acceptance(stage_requirements: &[String], a: &Acceptance) -> AcceptanceCheck {
    let mut c = AcceptanceCheck::default();
    for r in stage_requirements {
        match a.checks.iter().find(|x| &x.requirement == r) {
            None => c.unchecked.push(r.clone()),
            Some(x) if !x.verified => c.defects.push((r.clone(), x.note.trim().to_string())),
            Some(_) => {}
        }
    }
    c.record = parse_code_ref(&a.code_ref)
        .and_then(|_| required_date(&a.accepted_on, ("дату приёмки", "acceptance date")))
        .and_then(|_| {
            if a.accepted_by.trim().is_empty() {
                Err(Refusal::new(
                    "accepted_by_missing",
                    "Укажите, кто принял этап.",
                    "Say who accepted the stage.",
                ))
            } else {
                Ok(())
            }
        })
        .err();
    c
}

/// The guard of 2.6 → next: every requirement verified, the code reference valid, the
/// date and the person given.
pub fn acceptance_refusal(c: &AcceptanceCheck) -> Option<Refusal> {
    if !c.unchecked.is_empty() {
        let l = c.unchecked.join(", ");
        return Some(Refusal::new(
            "requirements_unchecked",
            format!("Отметьте, принято ли каждое требование этапа: не отмечены {l}."),
            format!("Mark whether each requirement of the stage is accepted: {l} are not marked."),
        ));
    }
    if !c.defects.is_empty() {
        let l: Vec<&str> = c.defects.iter().map(|(r, _)| r.as_str()).collect();
        return Some(Refusal::new(
            "requirements_not_verified",
            format!(
                "Не приняты требования: {}. Верните этап на доработку («Найдены недостатки») или отметьте их принятыми.",
                l.join(", ")
            ),
            format!(
                "Requirements not accepted: {}. Send the stage back (“Defects found”) or mark them accepted.",
                l.join(", ")
            ),
        ));
    }
    c.record.clone()
}

/// The guard of 2.6 → 2.3 (defects): the list of requirements not accepted.
pub fn defects_refusal(c: &AcceptanceCheck) -> Option<Refusal> {
    c.defects.is_empty().then(|| {
        Refusal::new(
            "no_defects_marked",
            "Отметьте непринятые требования с примечанием: этот список получат разработчики.",
            "Mark the requirements not accepted, with a note: the developers get this list.",
        )
    })
}
