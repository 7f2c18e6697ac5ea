// The IPC commands the shell exposes; build.rs turns each into an `allow-…` permission
// and capabilities/default.json grants them to the main window.
pub const COMMANDS: &[&str] = &[
    "app_info",
    "set_language",
    "list_clients",
    "create_client",
    "list_projects",
    "create_project",
    "rename_project",
    "project_page",
    "advance",
    "add_stage",
];
