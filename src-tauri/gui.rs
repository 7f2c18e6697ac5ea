//! Opens the window: one instance (a second launch focuses the running window), the
//! store with the day's backup, the demo project on first run, logging to a file in
//! the app's log folder, the app menu, the window's remembered size and place, and
//! the command handlers.

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

/// Brings the running window to the front, out of the taskbar if minimised.
fn focus_main(app: &tauri::AppHandle) {
    tracing::info!("a second launch: focusing the running window");
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

pub fn run(data_dir: PathBuf) -> i32 {
    let result = tauri::Builder::default()
        // First of all plugins, as the plugin asks: a second launch is detected before
        // anything else runs, focuses this window and exits (two windows on one
        // database would each show data the other changes under it).
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            focus_main(app)
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .on_menu_event(crate::native::on_menu_event)
        .plugin(tauri_plugin_notification::init())
        // The window's fonts: the documents' faces, inflated off the window's thread.
        .register_asynchronous_uri_scheme_protocol(
            crate::native::FONT_SCHEME,
            |_ctx, request, responder| {
                let path = request.uri().path().to_owned();
                tauri::async_runtime::spawn_blocking(move || {
                    responder.respond(crate::native::font_response(&path))
                });
            },
        )
        .setup(move |app| {
            let setup_started = crate::app::since_start_ms();
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
            tracing::info!(data_dir = %data_dir.display(), since_start_ms = setup_started, "starting Etap");
            let mut store = Store::open_dir(&data_dir)?;
            // A data folder moved or copied since its documents were issued: the register follows
            // its own files (a glance when it stayed put); a failure is logged, and the
            // register check after the first draw says what it finds.
            let documents = crate::export::documents_dir(&data_dir);
            match crate::export::follow_moved_documents(&mut store, &documents) {
                Ok(0) => {}
                Ok(n) => tracing::info!(documents = n, "the data folder was moved or copied: the register follows its own documents"),
                Err(e) => tracing::error!(error = %e, "the register could not follow a moved data folder"),
            }
            // The day's first start keeps a copy; a copy that cannot be written (a full
            // disk) is logged and does not keep the window from opening.
            match store.daily_backup() {
                Ok(Some(copy)) => tracing::info!(backup = %copy.file, "took the daily backup"),
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "the daily backup could not be written"),
            }
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
            let state = AppState::new(store, data_dir.clone(), demo);
            app.set_menu(crate::native::menu(app.handle(), state.lang())?)?;
            app.manage(state);
            tracing::info!(since_start_ms = crate::app::since_start_ms(), "setup done");
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
