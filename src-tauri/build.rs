// Generates the app's permissions from its one command list (`commands_list.rs`): an
// `allow-…` permission per command (tauri-build) and the `etap-commands` set of all of
// them, which capabilities/main-window.json grants — so the window may call exactly the
// commands the shell registers, and adding one touches one list.
fn main() {
    println!("cargo:rerun-if-changed=src-tauri/commands_list.rs");
    write_if_changed(
        std::path::Path::new("permissions/etap-commands.toml"),
        &command_set(etap_commands::COMMANDS),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(etap_commands::COMMANDS)),
    )
    .expect("tauri build step");
}

/// The permission set granting every command, as TOML.
fn command_set(commands: &[&str]) -> String {
    let mut s = String::from(
        "# Written by build.rs from src-tauri/commands_list.rs; do not edit.\n\n\
         [[set]]\n\
         identifier = \"etap-commands\"\n\
         description = \"Every command Etap's shell registers, and nothing else.\"\n\
         permissions = [\n",
    );
    for c in commands {
        s.push_str(&format!("  \"allow-{}\",\n", c.replace('_', "-")));
    }
    s.push_str("]\n");
    s
}

/// Writes only a changed file, so an unchanged list does not rebuild anything.
fn write_if_changed(path: &std::path::Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).expect("write the command permission set");
    }
}

mod etap_commands {
    include!("commands_list.rs");
}
