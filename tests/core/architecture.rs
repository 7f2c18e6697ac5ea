//! The layering ARCHITECTURE.md promises, checked on the real dependency graph: the
//! domain has no tauri, SQL or PDF in its tree; storage has no tauri.

use std::process::Command;

fn deps(package: &str) -> Vec<String> {
    tree(package, "normal,build")
        .into_iter()
        .filter_map(|p| p.split(' ').next().map(str::to_string))
        .collect()
}

/// The packages (`name vX.Y.Z`) of `package`'s tree along the `edges` kinds.
fn tree(package: &str, edges: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            package,
            "--all-features",
            "-e",
            edges,
        ])
        .args(["--prefix", "none", "--format", "{p}"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo tree");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?))
        })
        .collect()
}

/// The app links one D-Bus library: the notification, single-instance and opener
/// plugins and notify-rust agree on zbus (Cargo.lock keeps notify-rust at 4.18, whose
/// zbus is the plugins'; 4.19 would bring a second zbus, ~0.3 MB: BENCHMARKS.md,
/// binary size).
#[test]
fn one_dbus_library_is_linked() {
    let mut zbus: Vec<String> = tree("etap", "normal")
        .into_iter()
        .filter(|p| p.starts_with("zbus "))
        .collect();
    zbus.sort();
    zbus.dedup();
    assert_eq!(zbus.len(), 1, "more than one zbus is linked: {zbus:?}");
}

#[test]
fn the_domain_has_no_io_dependencies() {
    let d = deps("etap-domain");
    assert!(d.iter().any(|p| p == "serde"), "cargo tree answered: {d:?}");
    for banned in [
        "tauri",
        "rusqlite",
        "libsqlite3-sys",
        "printpdf",
        "tokio",
        "wry",
    ] {
        assert!(
            !d.iter().any(|p| p == banned),
            "etap-domain depends on {banned}"
        );
    }
}

#[test]
fn storage_knows_nothing_of_the_window() {
    let d = deps("etap-storage");
    assert!(d.iter().any(|p| p == "rusqlite"));
    for banned in ["tauri", "wry", "printpdf"] {
        assert!(
            !d.iter().any(|p| p == banned),
            "etap-storage depends on {banned}"
        );
    }
}

#[test]
fn the_export_service_knows_nothing_of_the_window() {
    let d = deps("etap-export");
    assert!(d.iter().any(|p| p == "printpdf") && d.iter().any(|p| p == "rusqlite"));
    for banned in ["tauri", "wry", "tokio"] {
        assert!(
            !d.iter().any(|p| p == banned),
            "etap-export depends on {banned}"
        );
    }
}

#[test]
fn a_second_launch_is_caught_by_the_single_instance_plugin_registered_first() {
    // The plugin must run before any other (its docs): a second launch then exits
    // before it opens the store or a window. tests/e2e/instance.test.mjs launches a
    // second copy beside the running window.
    let gui = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/gui.rs"),
    )
    .unwrap();
    let first = gui.find(".plugin(").expect("plugins are registered");
    assert!(
        gui[first..].starts_with(".plugin(tauri_plugin_single_instance::init("),
        "the first plugin is {}",
        &gui[first..first + 60]
    );
    let setup = gui.find(".setup(").expect("the setup");
    assert!(first < setup);
}
