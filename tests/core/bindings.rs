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
