//! Development, 2.1–2.6: the stage plan made from the approved ТЗ version, the
//! environment checklist, the work log, bugs, DevOps adjustments and the acceptance
//! of a stage with its code frozen.
//!
//! This module owns these rules; [`crate::lifecycle`]'s guards ask it and storage asks
//! it before it writes. It does no I/O.
//!
//! Guarantees:
//! - every requirement of the approved version is in exactly one stage or excluded
//!   with a reason before the plan can be confirmed ([`check_plan`]);
//! - a stage's price is by default the exact sum of the estimate items its
//!   requirements link to (each item once), and the stages' shares must add up to the
//!   accepted offer's total to the kopeck ([`PlanCheck::shares`]);
//! - a stage accepted at 2.6 is frozen: [`stage_editable`] is the one answer to
//!   "may this stage still change";
//! - nothing that looks like a secret is kept in the environment checklist
//!   ([`looks_like_secret`]): an item records only where a secret lives;
//! - every refusal names what is missing, in Russian and English.

mod acceptance;
mod code_ref;
mod cycle;
mod environment;
mod plan;
mod progress;
mod repository;
#[cfg(test)]
mod tests;

pub use acceptance::*;
pub use code_ref::*;
pub use cycle::*;
pub use environment::*;
pub use plan::*;
pub use progress::*;
pub use repository::*;

use crate::lifecycle::Refusal;
use crate::text::Text;

/// "a, b, c" of the items' texts in each language.
fn list(items: &[Text]) -> Text {
    let join = |pick: fn(&Text) -> &str| items.iter().map(pick).collect::<Vec<_>>().join(", ");
    Text::new(join(|t| &t.ru), join(|t| &t.en))
}

fn same(s: &str) -> Text {
    Text::new(s, s)
}

/// Parses an ISO date (YYYY-MM-DD) a user typed.
pub fn parse_date(value: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

/// A required date: present and a real calendar date.
fn required_date(value: &str, what: (&str, &str)) -> Result<chrono::NaiveDate, Refusal> {
    if value.trim().is_empty() {
        return Err(Refusal::new(
            "date_missing",
            format!("Укажите {}.", what.0),
            format!("Give the {}.", what.1),
        ));
    }
    parse_date(value).ok_or_else(|| {
        Refusal::new(
            "date_invalid",
            format!(
                "«{}» — не дата: {} пишется как ГГГГ-ММ-ДД.",
                value.trim(),
                what.0
            ),
            format!(
                "“{}” is not a date: write the {} as YYYY-MM-DD.",
                value.trim(),
                what.1
            ),
        )
    })
}
