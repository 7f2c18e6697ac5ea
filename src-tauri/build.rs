// Generates the app's permission set from its command list, so capabilities/ grants
// exactly the commands the UI calls and nothing else.
fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(etap_commands::COMMANDS)),
    )
    .expect("tauri build step");
}

mod etap_commands {
    include!("commands_list.rs");
}
