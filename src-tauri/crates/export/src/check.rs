//! The check at start: every register entry's file is there and still the one issued
//! (SHA-256), and every file in the documents folder is in the register. A crash
//! between writing a file and recording it (or a hand in the folder) is found and
//! reported on the next start — the window shows it as a notice, the CLI prints it —
//! never left silently inconsistent. The check changes nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use etap_domain::archive::sha256_hex;
use etap_domain::issue::{RegisterFinding, RegisterProblem};
use etap_storage::Store;

use crate::Result;

/// One spelling of a path for comparing (symlinks and `..` resolved where it exists).
pub(crate) fn key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// What is wrong between the register and `documents_dir`; empty when they agree.
pub fn check_register(store: &Store, documents_dir: &Path) -> Result<Vec<RegisterFinding>> {
    let mut findings = Vec::new();
    let mut known = HashSet::new();
    for (number, path, sha256) in store.register_files()? {
        let file = Path::new(&path);
        known.insert(key(file));
        match std::fs::read(file) {
            Err(_) => findings.push(RegisterFinding::new(
                RegisterProblem::Missing,
                Some(&number),
                &path,
            )),
            Ok(bytes) if sha256_hex(&bytes) != sha256 => findings.push(RegisterFinding::new(
                RegisterProblem::Changed,
                Some(&number),
                &path,
            )),
            Ok(_) => {}
        }
    }
    let mut files = Vec::new();
    walk(documents_dir, &mut files);
    files.sort();
    for file in files {
        if !known.contains(&key(&file)) {
            findings.push(RegisterFinding::new(
                RegisterProblem::Unregistered,
                None,
                &file.display().to_string(),
            ));
        }
    }
    Ok(findings)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(&p, out),
            Ok(t) if t.is_file() => out.push(p),
            _ => {}
        }
    }
}
