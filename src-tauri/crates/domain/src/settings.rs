//! The user's settings: one struct, the key each value is stored under and its
//! default, in one place. Storage keeps them in the `settings` table (key → text);
//! [`Settings::read`] is the only reader, so a missing or unreadable value always
//! takes the default written here ([`Settings::defaults`]).
//!
//! | key | field | default | set on |
//! |---|---|---|---|
//! | `language` ([`LANGUAGE`]) | interface language | the system's locale | settings, header |
//! | `notifications` ([`NOTIFICATIONS`]) | desktop notices of deadlines | on | settings |
//! | `theme` ([`THEME`]) | light / dark / as the system ([`Theme`]) | as the system | settings, header, menu, palette |
//! | `backups_keep` ([`BACKUPS_KEEP`]) | database copies kept | [`backup::KEEP_DEFAULT`] (1–[`backup::KEEP_MAX`]) | settings, backups page |
//! | `backup_folder` ([`BACKUP_FOLDER`]) | where the copies go | empty: `backups/` beside the database | settings, CLI `backup-folder` |
//!
//! Shown on the settings page but owned elsewhere, so each has one owner:
//! - the default currency, VAT and hourly rate new estimates start from are the
//!   provider profile's ([`crate::party::ProviderProfile`]): the page shows them and
//!   links to the profile;
//! - document numbering formats are fixed by [`crate::numbering`] (accounting numbers
//!   without gaps): the page shows them, they are not editable.

use serde::{Deserialize, Serialize};

use crate::appearance::Theme;
use crate::backup;
use crate::entity::DocKind;
use crate::numbering;
use crate::text::{Lang, Text};

/// Settings key of the interface language (`ru` / `en`).
pub const LANGUAGE: &str = "language";
/// Settings key of desktop notifications (`on` / `off`).
pub const NOTIFICATIONS: &str = "notifications";
/// Settings key of the window's colour theme (`system` / `light` / `dark`).
pub const THEME: &str = "theme";
/// Settings key of how many database copies rotation keeps (`1`–`100`).
pub const BACKUPS_KEEP: &str = "backups_keep";
/// Settings key of the folder the database copies go to (a full path; empty or
/// missing: `backups/` beside the database).
pub const BACKUP_FOLDER: &str = "backup_folder";
/// Every key the settings are stored under.
pub const KEYS: [&str; 5] = [LANGUAGE, NOTIFICATIONS, THEME, BACKUPS_KEEP, BACKUP_FOLDER];

/// The user's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settings {
    /// The interface language; default: the system's locale.
    pub language: Lang,
    /// Desktop notifications of deadlines (offers expiring, stages due); default: on.
    pub notifications: bool,
    /// The window's colour theme; default: as the system.
    pub theme: Theme,
    /// How many database copies rotation keeps; default: [`backup::KEEP_DEFAULT`].
    pub backups_keep: u32,
    /// The folder the database copies go to, a full path; empty (the default):
    /// `backups/` beside the database.
    pub backup_folder: String,
}

impl Settings {
    /// Notifications are on until the user turns them off.
    pub const DEFAULT_NOTIFICATIONS: bool = true;

    /// What a new user has (`system`: the language of the system's locale).
    pub fn defaults(system: Lang) -> Settings {
        Settings {
            language: system,
            notifications: Self::DEFAULT_NOTIFICATIONS,
            theme: Theme::default(),
            backups_keep: backup::KEEP_DEFAULT,
            backup_folder: String::new(),
        }
    }

    /// The settings from the stored values (`stored(key)`); anything missing or
    /// unreadable (say, written by a newer version) takes its default.
    pub fn read(stored: impl Fn(&str) -> Option<String>, system: Lang) -> Settings {
        let d = Settings::defaults(system);
        Settings {
            language: stored(LANGUAGE)
                .and_then(|c| Lang::from_code(&c))
                .unwrap_or(d.language),
            notifications: match stored(NOTIFICATIONS).as_deref() {
                Some("on") => true,
                Some("off") => false,
                _ => d.notifications,
            },
            theme: stored(THEME)
                .and_then(|c| Theme::from_code(&c))
                .unwrap_or(d.theme),
            backups_keep: stored(BACKUPS_KEEP)
                .and_then(|v| backup::keep_from_text(&v))
                .unwrap_or(d.backups_keep),
            backup_folder: stored(BACKUP_FOLDER)
                .map(|v| backup::folder_from_text(&v))
                .unwrap_or(d.backup_folder),
        }
    }

    /// The values to store, key by key (the order of [`KEYS`]).
    pub fn stored(&self) -> [(&'static str, String); 5] {
        [
            (LANGUAGE, self.language.code().to_string()),
            (
                NOTIFICATIONS,
                if self.notifications { "on" } else { "off" }.to_string(),
            ),
            (THEME, self.theme.code().to_string()),
            (BACKUPS_KEEP, self.backups_keep.to_string()),
            (BACKUP_FOLDER, self.backup_folder.clone()),
        ]
    }

    /// The one stored value under `key`, as [`Settings::stored`] writes it.
    pub fn value(&self, key: &str) -> Option<String> {
        self.stored()
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
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
    /// Where the database copies are kept now (the chosen folder, or the default).
    pub backup_folder: String,
    /// `backups/` beside the database: where copies go when none is chosen.
    pub backup_folder_default: String,
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
                notifications: true,
                theme: Theme::System,
                backups_keep: 10,
                backup_folder: String::new(),
            }
        );
    }

    #[test]
    fn stored_values_read_back_and_garbage_takes_the_default() {
        let chosen = Settings {
            language: Lang::Ru,
            notifications: false,
            theme: Theme::Dark,
            backups_keep: 3,
            backup_folder: "/mnt/usb/etap".into(),
        };
        assert_eq!(
            chosen.stored().map(|(k, _)| k),
            KEYS,
            "every field is stored"
        );
        let back = Settings::read(|k| chosen.value(k), Lang::En);
        assert_eq!(back, chosen);
        let garbage = Settings::read(|_| Some("??".into()), Lang::Ru);
        assert_eq!(garbage, Settings::defaults(Lang::Ru));
        // A copy count out of range (only the backups rule writes it) is the default.
        let zero = Settings::read(|k| (k == BACKUPS_KEEP).then(|| "0".into()), Lang::Ru);
        assert_eq!(zero.backups_keep, backup::KEEP_DEFAULT);
        // So is a folder that is not a full path.
        let relative = Settings::read(|k| (k == BACKUP_FOLDER).then(|| "copies".into()), Lang::Ru);
        assert_eq!(relative.backup_folder, "");
    }

    #[test]
    fn numbering_formats_show_the_numbers_the_register_will_give() {
        let f = number_formats(2026);
        let examples: Vec<&str> = f.iter().map(|n| n.example.as_str()).collect();
        assert_eq!(examples, ["КП-12-1", "ТЗ-12-1", "А-2026-001", "С-2026-001"]);
        assert!(f[2].rule.en.contains("without gaps"));
    }
}
