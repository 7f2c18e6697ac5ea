//! Opens the window: the store, the demo project on first run, logging to a file in
//! the app's log folder, and the command handlers.

use std::path::{Path, PathBuf};

use etap_storage::Store;
use tauri::Manager;

use crate::app::AppState;
use crate::commands;

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

pub fn run(data_dir: PathBuf) -> i32 {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
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
            let demo = store.ensure_demo()?;
            if let Some(id) = demo {
                tracing::info!(project = id, "created the demo project");
            }
            app.manage(AppState::new(store, data_dir.clone(), demo));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::set_language,
            commands::list_clients,
            commands::create_client,
            commands::list_projects,
            commands::create_project,
            commands::rename_project,
            commands::project_page,
            commands::advance,
            commands::add_stage,
            commands::client_card,
            commands::save_client,
            commands::request,
            commands::save_request,
            commands::clarification,
            commands::add_question,
            commands::save_question,
            commands::delete_question,
            commands::save_round_notes,
            commands::team_card,
            commands::save_team_member,
            commands::remove_team_member,
            commands::save_handover,
            commands::provider,
            commands::save_provider,
            commands::set_provider_logo,
            commands::estimate_card,
            commands::save_estimate,
            commands::negotiation,
            commands::save_offer,
            commands::counter_offer,
            commands::export_proposal,
            commands::issued_documents,
            commands::issue_check,
            commands::spec_templates,
            commands::spec_versions,
            commands::create_spec,
            commands::save_spec,
            commands::add_spec_section,
            commands::add_requirement,
            commands::approve_spec,
            commands::new_spec_version,
            commands::spec_diff,
            commands::search_specs,
            commands::export_spec,
            commands::markdown_blocks,
            commands::copy_document,
            commands::stage_plan,
            commands::stage_plan_check,
            commands::save_planned_stage,
            commands::place_requirement,
            commands::reorder_stages,
            commands::split_stage,
            commands::plan_addendum,
            commands::environment,
            commands::save_environment_item,
            commands::work_log,
            commands::log_work,
            commands::bugs,
            commands::save_bug,
            commands::adjustments,
            commands::add_adjustment,
            commands::acceptance,
            commands::save_acceptance,
            commands::development_progress,
            commands::stage_default_prices,
        ])
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
