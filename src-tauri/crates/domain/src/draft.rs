//! What a form sends as the user typed it, and what of it could not be kept.
//!
//! A form saves as it is typed, so one mistyped figure must not hold back everything
//! else on the screen: every valid field is stored, a field that cannot be read keeps
//! its stored value, and the save answers with a [`FieldError`] for it. The UI keeps
//! the typed text on screen beside that error and never says "saved" for it.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::text::Text;

/// One field a save could not keep, in words a manager understands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldError {
    /// The row (0-based, in the order the form sent them) for a field of a list row;
    /// `null` for a field of the form itself.
    pub row: Option<u32>,
    /// The field's name as the form sends it (`"hours"`, `"rate"`, `"discount_percent"`…).
    pub field: &'static str,
    pub message: Text,
}

/// Reads a typed figure ("1 234,5", "12.5"); when it is not a number, the `fallback`
/// (what was stored before) is kept and the error says which field and why.
/// `label` names the field for people, in both languages; `row`, when given, is an
/// estimate item's index and the message names it «Работа №N».
pub fn figure(
    text: &str,
    fallback: Decimal,
    row: Option<u32>,
    field: &'static str,
    label: (&str, &str),
    errors: &mut Vec<FieldError>,
) -> Decimal {
    match crate::decimal::parse(text) {
        Some(d) => d,
        None => {
            errors.push(not_a_number(text, row, field, label));
            fallback
        }
    }
}

fn not_a_number(
    text: &str,
    row: Option<u32>,
    field: &'static str,
    label: (&str, &str),
) -> FieldError {
    let shown: String = text.trim().chars().take(40).collect();
    let (ru_at, en_at) = match row {
        Some(r) => (
            format!("Работа №{}, «{}»", r + 1, label.0),
            format!("Item {}, “{}”", r + 1, label.1),
        ),
        None => (format!("«{}»", label.0), format!("“{}”", label.1)),
    };
    FieldError {
        row,
        field,
        message: Text::new(
            format!(
                "{ru_at}: «{shown}» — не число (пример: 1 250,5). Поле не сохранено, \
                 исправьте его."
            ),
            format!(
                "{en_at}: “{shown}” is not a number (e.g. 1,250.5). This field is not \
                 saved; correct it."
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_that_is_not_a_number_keeps_the_stored_value_and_names_the_field() {
        let mut errors = Vec::new();
        let kept = figure(
            "1e309",
            Decimal::from(8),
            Some(1),
            "hours",
            ("Часы", "Hours"),
            &mut errors,
        );
        assert_eq!(kept, Decimal::from(8));
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].row, errors[0].field), (Some(1), "hours"));
        assert!(errors[0]
            .message
            .ru
            .starts_with("Работа №2, «Часы»: «1e309» — не число"));
        let read = figure(
            "12,5",
            Decimal::ZERO,
            None,
            "rate",
            ("Ставка", "Rate"),
            &mut errors,
        );
        assert_eq!(read, Decimal::new(125, 1));
        assert_eq!(errors.len(), 1);
    }
}
