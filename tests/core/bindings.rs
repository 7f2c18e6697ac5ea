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
        b.contains("export type AppError = { \n/**\n * One of `etap_domain::error::ERROR_CODES` (the TypeScript union `ErrorCode`).\n */\ncode: ErrorCode, message: string, }"),
        "{b}"
    );
    assert!(b.contains("\"refuse_offer\""));
    assert!(b.contains("export type ErrorCode = \"accepted_by_missing\" | "));
    assert!(b.contains(" | \"too_long\" | "));
}

/// Every error code a source file can produce — the first argument of each
/// `Refusal::new`, the `code` of each `Refusal { .. }`, each literal of an error's
/// `fn code(&self)` — is in `ERROR_CODES`, so the UI's `ErrorCode` type knows it. A
/// code given any other way (a variable) fails here too, as it could not be checked.
#[test]
fn every_error_code_the_core_produces_is_in_the_typed_list() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri");
    let mut files = Vec::new();
    collect(&root, &mut files);
    assert!(files.len() > 20, "{files:?}");
    let known = etap_domain::error::ERROR_CODES;
    let mut missing = Vec::new();
    let mut seen = 0;
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        for (at, code) in produced(&src) {
            seen += 1;
            match code {
                Some(c) if known.contains(&c.as_str()) => {}
                Some(c) => missing.push(format!("{}: {c}", f.display())),
                None => missing.push(format!(
                    "{}: a code that is not a literal at {at}",
                    f.display()
                )),
            }
        }
    }
    assert!(seen > 80, "the scan found only {seen} codes");
    assert!(missing.is_empty(), "add to ERROR_CODES: {missing:#?}");
    let mut sorted = known.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), known.len(), "ERROR_CODES lists a code twice");
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.is_dir() && name != "target" && name != "gen" {
            collect(&p, out);
        } else if name.ends_with(".rs") {
            out.push(p);
        }
    }
}

/// Each code site in `src`: its byte offset and the literal, `None` when not a literal.
fn produced(src: &str) -> Vec<(usize, Option<String>)> {
    let mut out = Vec::new();
    for (at, _) in src.match_indices("Refusal::new(") {
        if src[..at].ends_with("fn ") {
            continue;
        }
        out.push((at, literal(&src[at + "Refusal::new(".len()..])));
    }
    for (at, _) in src.match_indices("Refusal {") {
        let rest = src[at + "Refusal {".len()..].trim_start();
        if let Some(rest) = rest.strip_prefix("code:") {
            let rest = rest.trim_start();
            // A domain error turned into a refusal keeps that error's code, which
            // `fn code(&self)` below covers.
            if !rest.starts_with("e.code()") {
                out.push((at, literal(rest)));
            }
        }
    }
    let head = "fn code(&self) -> &'static str {";
    for (at, _) in src.match_indices(head) {
        let body = &src[at + head.len()..];
        let body = &body[..body.find("\n    }").unwrap_or(body.len())];
        let mut rest = body;
        while let Some(i) = rest.find('"') {
            let lit = literal(&rest[i..]);
            out.push((at, lit.clone()));
            rest = &rest[i + 2 + lit.map_or(0, |l| l.len())..];
        }
    }
    out
}

/// The string literal `s` starts with (after whitespace), if it is one.
fn literal(s: &str) -> Option<String> {
    let s = s.trim_start().strip_prefix('"')?;
    Some(s[..s.find('"')?].to_string())
}

/// The window may call exactly the commands the shell registers: its capability grants
/// the `etap-commands` set that build.rs writes from the one command list, and of the
/// plugins only the save dialog and the open dialog (an archive to import). A set that lists a command the shell no longer has, or
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
    // The save and open dialogs, and listening to the app menu's events; the opener's own
    // commands are not granted (documents are opened by Etap's commands, from Rust).
    assert_eq!(
        plugins,
        [
            "dialog:allow-save",
            "dialog:allow-open",
            "core:event:allow-listen",
            "core:event:allow-unlisten"
        ]
    );
}

/// Every item of the app menu reaches something in the window: the UI's menu handler
/// (`ui/src/lib/keyboard/menu.ts`) names each id the shell emits, and no other.
#[test]
fn every_menu_item_is_handled_by_the_window() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ui = std::fs::read_to_string(root.join("ui/src/lib/keyboard/menu.ts")).unwrap();
    let handled: Vec<String> = ui
        .lines()
        .filter_map(|l| l.trim().strip_prefix('\''))
        .filter_map(|l| l.split_once("':").map(|(id, _)| id.to_string()))
        .collect();
    let mut ids: Vec<&str> = etap_app::native::MENU
        .iter()
        .flat_map(|(_, items)| items.iter().map(|i| i.id))
        .collect();
    ids.sort();
    let mut handled_sorted = handled.clone();
    handled_sorted.sort();
    assert_eq!(handled_sorted, ids);
    let mut keys: Vec<&str> = etap_app::native::MENU
        .iter()
        .flat_map(|(_, items)| items.iter().filter_map(|i| i.accelerator))
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "one shortcut per menu item");
}

/// The window's fonts come from the core (`font://localhost/<file>`): each face the
/// stylesheet names is answered with the documents' own TrueType file, readable from
/// any origin (fonts are fetched with CORS); a name that is not a face is 404, a path
/// that climbs out included.
#[test]
fn the_window_fonts_are_the_documents_faces() {
    let css = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/app.css"))
        .expect("ui/src/app.css");
    let asked: Vec<&str> = css
        .split("url('font://localhost/")
        .skip(1)
        .map(|rest| rest.split('\'').next().unwrap_or_default())
        .collect();
    assert_eq!(
        asked.len(),
        8,
        "the six PT faces and the two fallback faces: {asked:?}"
    );
    for file in asked {
        let face = etap_documents::fonts::Face::by_file_name(file).unwrap_or_else(|| {
            panic!("app.css asks for {file}, which is no face of the documents")
        });
        let answer = etap_app::native::font_response(&format!("/{file}"));
        assert_eq!(answer.status(), 200, "{file}");
        assert_eq!(answer.headers()["content-type"], "font/ttf");
        assert_eq!(answer.headers()["access-control-allow-origin"], "*");
        assert_eq!(answer.body().as_slice(), face.bytes(), "{file}");
        assert_eq!(
            &answer.body()[..4],
            &[0, 1, 0, 0],
            "{file} is a TrueType file"
        );
    }
    for path in [
        "/",
        "/PTSans-Regular",
        "/../fonts/PTSans-Regular.ttf",
        "/PTSans-Regular.ttf.br",
        "/app.css",
    ] {
        assert_eq!(
            etap_app::native::font_response(path).status(),
            404,
            "{path}"
        );
    }
}
