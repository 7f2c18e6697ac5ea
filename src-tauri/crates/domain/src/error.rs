//! The domain's error: every variant has a stable code the UI branches on and a
//! message a manager can act on, in both languages.

use crate::lifecycle::Refusal;
use crate::text::Text;

pub type Result<T> = std::result::Result<T, DomainError>;

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
