//! Settings: one value per key. The user's settings are read and written only as the
//! domain's [`Settings`] (its keys, defaults and stored forms); other keys hold the
//! app's own marks (the demo flags, the reminders shown today).

use etap_domain::settings::{self, Settings, SettingsPage};
use rusqlite::{params, OptionalExtension};

use crate::CachedRow as _;
use crate::{Result, Store};

impl Store {
    /// The user's settings; missing values take the domain's defaults (`system`: the
    /// language of the system's locale).
    pub fn settings(&self, system: etap_domain::Lang) -> Result<Settings> {
        let mut stored = Vec::new();
        for key in settings::KEYS {
            if let Some(v) = self.setting(key)? {
                stored.push((key, v));
            }
        }
        Ok(Settings::read(
            |k| {
                stored
                    .iter()
                    .find(|(key, _)| *key == k)
                    .map(|(_, v)| v.clone())
            },
            system,
        ))
    }

    /// Turns desktop notifications of deadlines on or off.
    pub fn set_notifications(&mut self, on: bool) -> Result<()> {
        let mut s = self.settings(etap_domain::Lang::Ru)?;
        s.notifications = on;
        self.store_setting(&s, settings::NOTIFICATIONS)
    }

    /// Stores the interface language.
    pub fn set_language(&mut self, lang: etap_domain::Lang) -> Result<()> {
        let mut s = self.settings(lang)?;
        s.language = lang;
        self.store_setting(&s, settings::LANGUAGE)
    }

    /// Stores the window's colour theme.
    pub fn set_theme(&mut self, theme: etap_domain::appearance::Theme) -> Result<()> {
        let mut s = self.settings(etap_domain::Lang::Ru)?;
        s.theme = theme;
        self.store_setting(&s, settings::THEME)
    }

    /// Writes the one value of `s` stored under `key`, as the domain writes it.
    pub(crate) fn store_setting(&mut self, s: &Settings, key: &str) -> Result<()> {
        match s.value(key) {
            Some(value) => self.set_setting(key, &value),
            None => Ok(()),
        }
    }

    /// What the settings page shows: the settings, the provider profile's estimate
    /// defaults and the numbering formats.
    pub fn settings_page(&self, system: etap_domain::Lang) -> Result<SettingsPage> {
        let (vat, currency, rate) = crate::provider::defaults(&self.conn)?;
        let both = |f: &dyn Fn(etap_domain::Lang) -> String| {
            etap_domain::Text::new(f(etap_domain::Lang::Ru), f(etap_domain::Lang::En))
        };
        Ok(SettingsPage {
            settings: self.settings(system)?,
            backup_folder: self
                .backups_dir()?
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
            backup_folder_default: self
                .default_backups_dir()
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
            vat: both(&|l| vat.label(l)),
            currency: currency.code().to_string(),
            hourly_rate: both(&|l| etap_domain::money::format_unit_price(rate, currency, l)),
            numbering: settings::number_formats(chrono::Datelike::year(&crate::today())),
        })
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) \
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            Ok(())
        })
    }
}
