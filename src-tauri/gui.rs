//! Opens the window: the store, the demo project on first run, logging to a file in
//! the app's log folder, and the command handlers.

use std::path::{Path, PathBuf};

use etap_storage::Store;
use tauri::Manager;

use crate::app::AppState;

/// Sends `tracing` output to `<log_dir>/etap.log`; the guard flushes it on exit.
fn init_logging(log_dir: &Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    std::fs::create_dir_all(log_dir).ok()?;
    let appender = tracing_appender::rolling::never(log_dir, "etap.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = tracing_subscriber::EnvFilter::try_from_env("ETAP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}

// Registers every command of `commands_list.rs` as a handler.
macro_rules! handlers {
    ($($c:ident),* $(,)?) => {
        tauri::generate_handler![$(crate::commands::$c),*]
    };
}

pub fn run(data_dir: PathBuf) -> i32 {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .setup(move |app| {
            // With an explicit data folder (tests, portable use) logs stay beside it.
            let log_dir = if std::env::var_os("ETAP_DATA_DIR").is_some()
                || !data_dir.starts_with(dirs::data_dir().unwrap_or_default())
            {
                data_dir.join("logs")
            } else {
                app.path().app_log_dir()?
            };
            if let Some(guard) = init_logging(&log_dir) {
                app.manage(guard);
            }
            tracing::info!(data_dir = %data_dir.display(), "starting Etap");
            let mut store = Store::open_dir(&data_dir)?;
            // The demo is a courtesy: if it cannot be made in full (say the documents
            // folder cannot be written), the window still opens on the user's data.
            let demo = match crate::export::demo::ensure_demo(&mut store, &data_dir) {
                Ok(demo) => demo,
                Err(e) => {
                    tracing::error!(error = %e, "the demo projects could not be made in full");
                    None
                }
            };
            if let Some(id) = demo {
                tracing::info!(project = id, "created the demo project");
            }
            app.manage(AppState::new(store, data_dir.clone(), demo));
            Ok(())
        })
        .invoke_handler(with_commands!(handlers))
        .run(tauri::generate_context!());
    match result {
        Ok(()) => 0,
        Err(e) => {
            tracing::error!(error = %e, "the app stopped with an error");
            eprintln!("Etap: {e}");
            1
        }
    }
}

/// Shows deadline reminders as desktop notifications in `lang`. A desktop without a
/// notification service only loses the notice (logged): the dashboard shows the same.
pub fn notify(
    app: &tauri::AppHandle,
    due: &[etap_domain::dashboard::Reminder],
    lang: etap_domain::Lang,
) {
    use tauri_plugin_notification::NotificationExt;
    for r in due {
        let shown = app
            .notification()
            .builder()
            .title(r.title.get(lang))
            .body(r.body.get(lang))
            .show();
        if let Err(e) = shown {
            tracing::warn!(error = %e, key = %r.key, "a deadline notice could not be shown");
        }
    }
}
