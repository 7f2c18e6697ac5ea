//! IPC commands: each takes the state, calls one library function and maps the error.
//! No SQL and no business rule lives here.

use etap_domain::entity::{Client, ProjectPage, ProjectSummary};
use etap_domain::{ActionKind, Lang};
use tauri::State;

use crate::app::{AppError, AppInfo, AppState};

type Res<T> = Result<T, AppError>;

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Res<AppInfo> {
    Ok(state.info())
}

#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, lang: Lang) -> Res<AppInfo> {
    state.set_language(lang).await
}

#[tauri::command]
pub async fn list_clients(state: State<'_, AppState>) -> Res<Vec<Client>> {
    state.with(|s| s.clients()).await
}

#[tauri::command]
pub async fn create_client(state: State<'_, AppState>, name: String) -> Res<Client> {
    state.with(|s| s.create_client(&name)).await
}

#[tauri::command]
pub async fn list_projects(state: State<'_, AppState>) -> Res<Vec<ProjectSummary>> {
    state.with(|s| s.projects()).await
}

#[tauri::command]
pub async fn create_project(
    state: State<'_, AppState>,
    client_id: i64,
    title: String,
) -> Res<ProjectSummary> {
    state.with(|s| s.create_project(client_id, &title)).await
}

#[tauri::command]
pub async fn rename_project(
    state: State<'_, AppState>,
    id: i64,
    title: String,
) -> Res<ProjectSummary> {
    state.with(|s| s.rename_project(id, &title)).await
}

#[tauri::command]
pub async fn project_page(state: State<'_, AppState>, id: i64) -> Res<ProjectPage> {
    state.with(|s| s.project_page(id)).await
}

#[tauri::command]
pub async fn advance(
    state: State<'_, AppState>,
    id: i64,
    action: ActionKind,
    comment: String,
) -> Res<ProjectPage> {
    state.with(|s| s.advance_page(id, action, &comment)).await
}

#[tauri::command]
pub async fn add_stage(state: State<'_, AppState>, id: i64, title: String) -> Res<ProjectPage> {
    state.with(|s| s.add_stage_page(id, &title)).await
}
