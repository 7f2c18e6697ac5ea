//! Shared state of the running app and the error the UI receives.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use etap_domain::appearance::Theme;
use etap_domain::Lang;
use etap_storage::{StorageError, Store};
use serde::Serialize;
use tokio::sync::Mutex;

/// The application identifier: the app-data folder is named after it.
pub const IDENTIFIER: &str = "app.etap.desktop";

/// Where the database lives: `--data-dir`, else `ETAP_DATA_DIR`, else the platform's
/// app-data folder (`~/.local/share/app.etap.desktop` on Linux, as Tauri names it).
pub fn data_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(dir) = flag {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os("ETAP_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(IDENTIFIER)
}

/// Whether the data folder was named by the user (`--data-dir` or `ETAP_DATA_DIR`)
/// rather than being the platform's default, which is created when missing.
pub fn data_dir_is_named(flag: Option<&Path>) -> bool {
    flag.is_some() || std::env::var_os("ETAP_DATA_DIR").is_some_and(|d| !d.is_empty())
}

/// The language of the system's locale: what a new user gets.
fn system_language() -> Lang {
    sys_locale::get_locale()
        .map(|l| Lang::from_locale(&l))
        .unwrap_or(Lang::En)
}

/// The interface language: the stored choice, else the system locale.
pub fn language(store: &Store) -> Lang {
    store
        .settings(system_language())
        .map(|s| s.language)
        .unwrap_or_else(|_| system_language())
}

/// The window's theme: the stored choice, else the domain's default.
pub fn theme(store: &Store) -> Theme {
    store
        .settings(system_language())
        .map(|s| s.theme)
        .unwrap_or_default()
}

/// The running app's state, managed by Tauri.
pub struct AppState {
    store: Mutex<Store>,
    english: AtomicBool,
    theme: std::sync::Mutex<Theme>,
    data_dir: PathBuf,
    start_project: Option<i64>,
}

impl AppState {
    /// `start_project`: the project the window opens on (the demo, on first run).
    pub fn new(store: Store, data_dir: PathBuf, start_project: Option<i64>) -> AppState {
        let english = language(&store) == Lang::En;
        let theme = std::sync::Mutex::new(theme(&store));
        AppState {
            store: Mutex::new(store),
            english: AtomicBool::new(english),
            theme,
            data_dir,
            start_project,
        }
    }

    pub fn lang(&self) -> Lang {
        if self.english.load(Ordering::Relaxed) {
            Lang::En
        } else {
            Lang::Ru
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Runs one library call on the store and maps its error for the UI.
    pub async fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> etap_storage::Result<T>,
    ) -> Result<T, AppError> {
        let lang = self.lang();
        let mut store = self.store.lock().await;
        f(&mut store).map_err(|e| AppError::from_storage(&e, lang))
    }

    /// Runs one export on the store, in the interface language, into the data folder's
    /// `documents/`, and maps its error for the UI.
    pub async fn export<T>(
        &self,
        f: impl FnOnce(&mut Store, Lang, &Path) -> crate::export::Result<T>,
    ) -> Result<T, AppError> {
        let lang = self.lang();
        let dir = crate::export::documents_dir(&self.data_dir);
        let mut store = self.store.lock().await;
        f(&mut store, lang, &dir).map_err(|e| {
            tracing::warn!(error = %e, "export failed");
            AppError {
                code: e.code().to_string(),
                message: e.message().get(lang).to_string(),
            }
        })
    }

    /// Stores the interface language and uses it for messages from now on.
    pub async fn set_language(&self, lang: Lang) -> Result<AppInfo, AppError> {
        self.with(|s| s.set_language(lang)).await?;
        self.english.store(lang == Lang::En, Ordering::Relaxed);
        Ok(self.info())
    }

    /// Restores the copy named `file` from the backups folder; the interface
    /// language follows the restored settings. The window reloads everything after.
    pub async fn restore_backup(
        &self,
        file: &str,
    ) -> Result<etap_domain::backup::Restored, AppError> {
        let restored = self.with(|s| s.restore_copy(file)).await?;
        let store = self.store.lock().await;
        self.english
            .store(language(&store) == Lang::En, Ordering::Relaxed);
        Ok(restored)
    }

    /// Stores the window's theme; the window redraws in it.
    pub async fn set_theme(&self, theme: Theme) -> Result<AppInfo, AppError> {
        self.with(|s| s.set_theme(theme)).await?;
        *self.theme.lock().unwrap_or_else(|e| e.into_inner()) = theme;
        Ok(self.info())
    }

    pub fn info(&self) -> AppInfo {
        AppInfo {
            lang: self.lang(),
            theme: *self.theme.lock().unwrap_or_else(|e| e.into_inner()),
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: self.data_dir.display().to_string(),
            start_project: self.start_project,
        }
    }
}

/// What the UI needs to know about the app itself.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AppInfo {
    pub lang: Lang,
    /// The window's colour theme as stored (`system` follows the desktop).
    pub theme: Theme,
    pub version: String,
    pub data_dir: String,
    /// The project to open first: the demo project on the very first run.
    pub start_project: Option<i64>,
}

/// The error every command returns: a stable `code` the UI branches on, and a
/// `message` in the interface language, for people.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AppError {
    /// One of `etap_domain::error::ERROR_CODES` (the TypeScript union `ErrorCode`).
    #[ts(type = "ErrorCode")]
    pub code: String,
    pub message: String,
}

impl AppError {
    pub fn from_storage(e: &StorageError, lang: Lang) -> AppError {
        if matches!(
            e,
            StorageError::Sqlite(_)
                | StorageError::Io { .. }
                | StorageError::Migration(_)
                | StorageError::UnknownCode(_)
        ) {
            tracing::error!(error = %e, "storage error");
        }
        AppError {
            code: e.code().to_string(),
            message: e.message().get(lang).to_string(),
        }
    }
}

/// When this process started: forced first thing in `main_entry`.
pub static STARTED: std::sync::LazyLock<std::time::Instant> =
    std::sync::LazyLock::new(std::time::Instant::now);

/// Milliseconds since this process started.
pub fn since_start_ms() -> u64 {
    STARTED.elapsed().as_millis() as u64
}

/// Logs that the window first drew `what` (the project list), with the milliseconds
/// since the process started, the wall clock, and the page's own marks as it measured
/// them from its start (navigation): when its script began to run, when it was
/// mounted, answered, rendered and painted (`page="script=84 mounted=97 … drawn=370"`).
/// The startup benchmark (`./dev.sh startup`) reads this line and the setup's two.
pub fn startup_mark(what: &str, marks: &[(String, u64)]) {
    let unix_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let page: Vec<String> = marks
        .iter()
        .map(|(name, ms)| format!("{name}={ms}"))
        .collect();
    tracing::info!(
        what,
        since_start_ms = since_start_ms(),
        unix_ms = unix_ms as u64,
        page = page.join(" ").as_str(),
        "first draw"
    );
}

/// The language for messages before the database is open: the system locale.
pub fn language_fallback() -> Lang {
    sys_locale::get_locale()
        .map(|l| Lang::from_locale(&l))
        .unwrap_or(Lang::En)
}
