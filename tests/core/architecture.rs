//! The layering ARCHITECTURE.md promises, checked on the real dependency graph: the
//! domain has no tauri, SQL or PDF in its tree; storage has no tauri.

use std::process::Command;

fn deps(package: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            package,
            "--all-features",
            "-e",
            "normal,build",
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
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
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
