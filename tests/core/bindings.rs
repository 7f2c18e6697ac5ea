//! The committed TypeScript bindings must match the Rust types: a stale file fails
//! here, so the UI can never silently disagree with the core about a shape.

use std::path::Path;

#[test]
fn bindings_are_fresh() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(etap_app::bindings::PATH);
    let fresh = etap_app::bindings::generate();
    if std::env::var_os("ETAP_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write bindings");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `ETAP_WRITE_BINDINGS=1 cargo test bindings` and commit it",
        etap_app::bindings::PATH
    );
}

#[test]
fn bindings_declare_the_error_shape_the_ui_branches_on() {
    let b = etap_app::bindings::generate();
    assert!(
        b.contains("export type AppError = { code: string, message: string, }"),
        "{b}"
    );
    assert!(b.contains("\"refuse_offer\""));
}

/// The window may call exactly the commands the shell registers: its capability grants
/// the `etap-commands` set that build.rs writes from the one command list, and of the
/// plugins only the save dialog. A set that lists a command the shell no longer has, or
/// misses one, fails here.
#[test]
fn the_capability_grants_exactly_the_commands() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("capabilities/main-window.json")).unwrap(),
    )
    .unwrap();
    let set = std::fs::read_to_string(root.join("permissions/etap-commands.toml")).unwrap();
    let mut granted: Vec<String> = set
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"'))
        .filter_map(|l| l.strip_suffix("\","))
        .map(str::to_string)
        .collect();
    let mut expected: Vec<String> = etap_app::commands_list::COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    granted.sort();
    expected.sort();
    assert_eq!(granted, expected);
    let plugins: Vec<&str> = json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| *p != "etap-commands")
        .collect();
    assert_eq!(plugins, ["dialog:allow-save"]);
}
