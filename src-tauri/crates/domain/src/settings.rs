//! The user's settings: one struct, the key each value is stored under and its
//! default, in one place. Storage keeps them in the `settings` table (key → text);
//! [`Settings::read`] is the only reader, so a missing or unreadable value always
//! takes the default written here.
//!
//! What the settings page shows and where each setting is owned:
//! - `language` — the interface language ([`LANGUAGE`]); default: the system's locale;
//! - `notifications` — desktop notices of deadlines ([`NOTIFICATIONS`]); default: on;
//! - the colour theme (light / dark / as the system) is owned by
//!   [`crate::appearance`] (key `theme`, default: as the system) and switched in the
//!   window's header, the menu or the palette; it is not yet a field here;
//! - how many database copies are kept is owned by [`crate::backup`] (key
//!   `backups_keep`, default 10) and set on the backups page; not yet a field here
//!   either — folding both into this struct and page is open work (issue 13);
//! - the default currency, VAT and hourly rate new estimates start from are the
//!   provider profile's ([`crate::party::ProviderProfile`]): one owner, the page shows
//!   them and links to the profile;
//! - document numbering formats are fixed by [`crate::numbering`] (accounting numbers
//!   without gaps): the page shows them, they are not editable.

use serde::{Deserialize, Serialize};

use crate::entity::DocKind;
use crate::numbering;
use crate::text::{Lang, Text};

/// Settings key of the interface language (`ru` / `en`).
pub const LANGUAGE: &str = "language";
/// Settings key of desktop notifications (`on` / `off`).
pub const NOTIFICATIONS: &str = "notifications";

/// The user's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settings {
    /// The interface language; default: the system's locale.
    pub language: Lang,
    /// Desktop notifications of deadlines (offers expiring, stages due); default: on.
    pub notifications: bool,
}

impl Settings {
    /// Notifications are on until the user turns them off.
    pub const DEFAULT_NOTIFICATIONS: bool = true;

    /// The settings from the stored values (`stored(key)`); anything missing or
    /// unreadable takes its default (`system`: the language of the system's locale).
    pub fn read(stored: impl Fn(&str) -> Option<String>, system: Lang) -> Settings {
        Settings {
            language: stored(LANGUAGE)
                .and_then(|c| Lang::from_code(&c))
                .unwrap_or(system),
            notifications: match stored(NOTIFICATIONS).as_deref() {
                Some("on") => true,
                Some("off") => false,
                _ => Self::DEFAULT_NOTIFICATIONS,
            },
        }
    }

    /// The values to store, key by key.
    pub fn stored(&self) -> [(&'static str, &'static str); 2] {
        [
            (LANGUAGE, self.language.code()),
            (NOTIFICATIONS, if self.notifications { "on" } else { "off" }),
        ]
    }
}

/// How one kind of document is numbered, with an example.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NumberFormat {
    pub kind: DocKind,
    /// «КП-{проект}-{n}, по проекту» / "КП-{project}-{n}, per project".
    pub rule: Text,
    /// The first number of the series: «КП-12-1», «А-2026-001».
    pub example: String,
}

/// The numbering formats of every kind of document, examples for project 12 in `year`.
pub fn number_formats(year: i32) -> Vec<NumberFormat> {
    [
        DocKind::Proposal,
        DocKind::Specification,
        DocKind::Act,
        DocKind::Invoice,
    ]
    .into_iter()
    .map(|kind| {
        let p = kind.prefix();
        let rule = match kind {
            DocKind::Proposal | DocKind::Specification => Text::new(
                format!("{p}-{{проект}}-{{n}}: по проекту"),
                format!("{p}-{{project}}-{{n}}: per project"),
            ),
            DocKind::Act | DocKind::Invoice => Text::new(
                format!("{p}-{{год}}-{{nnn}}: по году, без пропусков"),
                format!("{p}-{{year}}-{{nnn}}: per year, without gaps"),
            ),
        };
        NumberFormat {
            kind,
            rule,
            example: numbering::next_number(kind, numbering::series(kind, 12, year, false), []),
        }
    })
    .collect()
}

/// What the settings page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SettingsPage {
    pub settings: Settings,
    /// The defaults new estimates start from (the provider profile's): «НДС 22 %».
    pub vat: Text,
    pub currency: String,
    /// «2 500,00 ₽» / "RUB 2,500.00".
    pub hourly_rate: Text,
    pub numbering: Vec<NumberFormat>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_stored_means_the_defaults() {
        let s = Settings::read(|_| None, Lang::En);
        assert_eq!(
            s,
            Settings {
                language: Lang::En,
                notifications: true
            }
        );
    }

    #[test]
    fn stored_values_read_back_and_garbage_takes_the_default() {
        let off = Settings {
            language: Lang::Ru,
            notifications: false,
        };
        let kept = off.stored();
        let back = Settings::read(
            |k| {
                kept.iter()
                    .find(|(key, _)| *key == k)
                    .map(|(_, v)| v.to_string())
            },
            Lang::En,
        );
        assert_eq!(back, off);
        let garbage = Settings::read(|_| Some("??".into()), Lang::Ru);
        assert_eq!(garbage, Settings::read(|_| None, Lang::Ru));
    }

    #[test]
    fn numbering_formats_show_the_numbers_the_register_will_give() {
        let f = number_formats(2026);
        let examples: Vec<&str> = f.iter().map(|n| n.example.as_str()).collect();
        assert_eq!(examples, ["КП-12-1", "ТЗ-12-1", "А-2026-001", "С-2026-001"]);
        assert!(f[2].rule.en.contains("without gaps"));
    }
}
