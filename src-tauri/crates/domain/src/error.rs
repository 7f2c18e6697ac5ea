//! The domain's error: every variant has a stable code the UI branches on and a
//! message a manager can act on, in both languages.

use crate::lifecycle::Refusal;
use crate::text::Text;

pub type Result<T> = std::result::Result<T, DomainError>;

/// Every error code that reaches the UI, from any layer (domain refusals, storage,
/// export). The bindings turn it into the TypeScript union `ErrorCode`, so a typo in a
/// comparison such as `e.code === 'too_long'` fails the UI's type check.
/// `tests/core/bindings.rs` reads the sources and fails when a code any error can
/// produce is missing here: a new code cannot be forgotten.
pub const ERROR_CODES: &[&str] = &[
    "accepted_by_missing",
    "adjustment_what",
    "amount_too_large",
    "archive_dangling",
    "archive_duplicate",
    "archive_hash_mismatch",
    "archive_incomplete",
    "archive_invalid",
    "archive_number_taken",
    "archive_too_large",
    "archive_unreadable",
    "archive_unsafe_path",
    "archive_version",
    "backup_damaged",
    "backup_folder_invalid",
    "backup_folder_unwritable",
    "backup_foreign",
    "backup_missing",
    "backup_too_new",
    "backups_keep_invalid",
    "bad_amount",
    "bad_logo",
    "blocking_bugs",
    "bug_not_found",
    "bug_requirement",
    "bug_status",
    "bug_title",
    "checksum_invalid",
    "code_ref_ambiguous",
    "code_ref_invalid",
    "code_ref_missing",
    "code_ref_not_found",
    "corrupt_history",
    "database",
    "database_busy",
    "database_too_new",
    "date_invalid",
    "date_missing",
    "db_archive_missing",
    "deployment_plan_incomplete",
    "deployment_plan_missing",
    "document_changed",
    "document_failed",
    "empty",
    "environment_incomplete",
    "estimate_empty",
    "estimate_frozen",
    "estimate_zero",
    "exclusion_reason",
    "final_act_early",
    "final_act_missing",
    "hours_not_positive",
    "hours_too_many",
    "io",
    "item_not_found",
    "item_title",
    "logo_unreadable",
    "looks_like_secret",
    "migration_failed",
    "money_overflow",
    "no_defects_marked",
    "no_offer",
    "no_open_bugs",
    "no_rollback",
    "no_stages",
    "not_available",
    "not_found",
    "not_issuable",
    "nothing_to_reopen",
    "open_questions",
    "overpayment",
    "owner_unknown",
    "payment_date",
    "payment_not_positive",
    "plan_confirmed",
    "reason_required",
    "ref_invalid",
    "repository_invalid",
    "requirement_twice",
    "requirement_unknown",
    "requirements_not_verified",
    "requirements_unassigned",
    "requirements_unchecked",
    "secret_location_missing",
    "shares_currency",
    "shares_mismatch",
    "spec_draft_open",
    "spec_exists",
    "spec_frozen",
    "spec_incomplete",
    "spec_not_approved",
    "split_invalid",
    "stage_dates",
    "stage_frozen",
    "stage_not_accepted",
    "stage_not_found",
    "stages_frozen",
    "support_handover_incomplete",
    "team_incomplete",
    "too_long",
    "unknown_code",
    "unprintable_character",
    "warranty_dates",
    "who_missing",
    "who_not_in_team",
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("{field} is empty")]
    Empty { field: &'static str },
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("{}", .0.message.en)]
    Refused(Refusal),
}

impl DomainError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::Empty { .. } => "empty",
            DomainError::TooLong { .. } => "too_long",
            DomainError::Refused(r) => r.code,
        }
    }

    /// What happened and what to do, in both languages.
    pub fn message(&self) -> Text {
        match self {
            DomainError::Empty { field } => {
                let (ru, en) = field_names(field);
                Text::new(
                    format!("Заполните поле «{ru}»: оно не может быть пустым."),
                    format!("Fill in the {en}: it cannot be empty."),
                )
            }
            DomainError::TooLong { field, max } => {
                let (ru, en) = field_names(field);
                Text::new(
                    format!("Поле «{ru}» длиннее {max} символов — сократите его."),
                    format!("The {en} is longer than {max} characters — shorten it."),
                )
            }
            DomainError::Refused(r) => r.message.clone(),
        }
    }
}

fn field_names(field: &str) -> (&'static str, &'static str) {
    match field {
        "client_name" => ("Название клиента", "client name"),
        "project_title" => ("Название проекта", "project title"),
        "stage_title" => ("Название этапа", "stage title"),
        "question" => ("Вопрос", "question"),
        "approver" => ("Кто утверждает", "approver"),
        "member_name" => ("Имя участника команды", "team member's name"),
        "item_title" => ("Название работы", "work item title"),
        "comment" => ("Комментарий", "comment"),
        _ => ("Значение", "value"),
    }
}

/// The longest name or title the app accepts; longer ones are almost always a paste
/// gone wrong and would break every list and document layout.
pub const MAX_NAME: usize = 200;

/// Trims a name and checks it is neither empty nor overlong.
pub fn clean_name(field: &'static str, value: &str) -> Result<String> {
    let v = crate::input::clean(value);
    let v = v.trim();
    if v.is_empty() {
        return Err(DomainError::Empty { field });
    }
    if v.chars().count() > MAX_NAME {
        return Err(DomainError::TooLong {
            field,
            max: MAX_NAME,
        });
    }
    Ok(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(
            clean_name("client_name", "  ООО «Ромашка» ").unwrap(),
            "ООО «Ромашка»"
        );
        let e = clean_name("client_name", "   ").unwrap_err();
        assert_eq!(e.code(), "empty");
        assert!(e.message().ru.contains("Название клиента"));
        let long = "я".repeat(MAX_NAME + 1);
        assert_eq!(
            clean_name("project_title", &long).unwrap_err().code(),
            "too_long"
        );
    }
}
