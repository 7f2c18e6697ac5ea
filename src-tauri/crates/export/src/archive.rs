//! The project archive as a file: a zip holding `archive.json`, the issued PDFs under
//! `documents/` and `manifest.json` (format: `etap_domain::archive`, docs/ARCHIVE.md).
//! Export takes the records from the store and each issued file after checking it still
//! matches the register; import unpacks within fixed limits, has the domain check every
//! name, hash and record, writes the documents to a folder of their own and the records
//! in one transaction — a refused archive writes nothing.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use etap_domain::archive::{
    self, too_large, unreadable, Archive, Body, Exported, Imported, Ty, DOCUMENTS_DIR, FORMAT,
    MAX_FILES, MAX_FILE_BYTES, MAX_TOTAL_BYTES, VERSION,
};
use etap_domain::Refusal;
use etap_storage::{Selection, Store};
use serde_json::Value;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use crate::{ExportError, Result};

/// The archive's bytes for the selection.
pub fn pack(store: &mut Store, sel: &Selection) -> Result<(Vec<u8>, Exported)> {
    let mut records = store.archive_records(sel)?;
    let mut documents = BTreeMap::new();
    let file_field = archive::kind("issued_documents")
        .and_then(|k| k.fields.iter().find(|f| matches!(f.ty, Ty::File)))
        .map(|f| f.name)
        .unwrap_or("path");
    for doc in records.get_mut("issued_documents").into_iter().flatten() {
        let number = doc["number"].as_str().unwrap_or_default().to_string();
        let path = doc[file_field].as_str().unwrap_or_default().to_string();
        let bytes = std::fs::read(&path).map_err(|_| ExportError::Changed(number.clone()))?;
        if archive::sha256_hex(&bytes) != doc["sha256"].as_str().unwrap_or_default() {
            return Err(ExportError::Changed(number));
        }
        let name = format!(
            "{DOCUMENTS_DIR}{}-{}.pdf",
            doc["id"],
            number
                .chars()
                .map(|c| if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                })
                .collect::<String>()
        );
        doc.insert(file_field.to_string(), Value::from(name.clone()));
        documents.insert(name, bytes);
    }
    let summary_projects = records.get("projects").map_or(0, Vec::len);
    let demo_projects = store
        .demo_projects()?
        .into_iter()
        .filter(|id| match sel {
            Selection::All => true,
            Selection::Projects(ids) => ids.contains(id),
        })
        .collect();
    let body = Body {
        format: FORMAT.into(),
        version: VERSION,
        schema: store.schema_version()? as u32,
        exported_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        scope: match sel {
            Selection::All => "all",
            Selection::Projects(_) => "projects",
        }
        .into(),
        demo_projects,
        records,
    };
    let files = archive::assemble(&body, &documents);
    let bytes = zip_files(&files)?;
    let summary = Exported {
        projects: summary_projects as u32,
        documents: documents.len() as u32,
        bytes: bytes.len() as u64,
    };
    Ok((bytes, summary))
}

/// A zip of `files`, in order: the JSON compressed, the PDFs stored as they are
/// (compressed already).
pub fn zip_files(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let io = |e: std::io::Error| ExportError::Io {
        path: "archive".into(),
        source: e,
    };
    for (name, bytes) in files {
        let method = if name.starts_with(DOCUMENTS_DIR) {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .large_file(bytes.len() as u64 >= u32::MAX as u64);
        zip.start_file(name.as_str(), options)
            .map_err(|e| io(std::io::Error::other(e)))?;
        zip.write_all(bytes).map_err(io)?;
    }
    Ok(zip
        .finish()
        .map_err(|e| io(std::io::Error::other(e)))?
        .into_inner())
}

/// Writes the archive of the selection to `dest` (atomically: a crash leaves no half
/// archive under its name).
pub fn export_archive(store: &mut Store, sel: &Selection, dest: &Path) -> Result<Exported> {
    let (bytes, summary) = pack(store, sel)?;
    let dir = dest.parent().unwrap_or_else(|| Path::new("."));
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "etap-archive.zip".into());
    crate::issue::write_atomically(dir, &name, &bytes)?;
    Ok(summary)
}

/// The files of a zip, within the limits of [`archive`]; anything that is not a
/// readable zip is refused, never a panic.
pub fn unpack(bytes: &[u8]) -> std::result::Result<Vec<(String, Vec<u8>)>, Refusal> {
    if bytes.len() as u64 > MAX_TOTAL_BYTES {
        return Err(too_large(&format!("{} bytes", bytes.len())));
    }
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e.to_string()))?;
    if zip.len() > MAX_FILES {
        return Err(too_large(&format!("{} files", zip.len())));
    }
    let mut out = Vec::with_capacity(zip.len());
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(|e| unreadable(&e.to_string()))?;
        if file.is_dir() {
            archive::check_name(file.name().trim_end_matches('/'))?;
            continue;
        }
        let name = file.name().to_string();
        if file.size() > MAX_FILE_BYTES {
            return Err(too_large(&format!("{name}: {} bytes", file.size())));
        }
        let mut content = Vec::new();
        // Read at most one byte past the limit: a size the header understated is
        // caught here, not after memory ran out.
        (&mut file)
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut content)
            .map_err(|e| unreadable(&format!("{name}: {e}")))?;
        if content.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(&format!(
                "{name}: more than {MAX_FILE_BYTES} bytes"
            )));
        }
        total += content.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(too_large(&format!(
                "more than {MAX_TOTAL_BYTES} bytes unpacked"
            )));
        }
        out.push((name, content));
    }
    Ok(out)
}

/// Unpacks and checks an archive: the whole of it, or the first thing wrong.
pub fn read(bytes: &[u8]) -> std::result::Result<Archive, Refusal> {
    archive::check(unpack(bytes)?)
}

/// Imports the archive at `file` into the store: checked whole first, then its
/// documents written to a new folder under `documents_dir` and its records in one
/// transaction. When anything is refused, nothing stays written.
pub fn import_archive(store: &mut Store, file: &Path, documents_dir: &Path) -> Result<Imported> {
    let io = |path: &Path, source| ExportError::Io {
        path: path.display().to_string(),
        source,
    };
    let len = std::fs::metadata(file).map_err(|e| io(file, e))?.len();
    if len > MAX_TOTAL_BYTES {
        return Err(ExportError::Archive(too_large(&format!("{len} bytes"))));
    }
    let bytes = std::fs::read(file).map_err(|e| io(file, e))?;
    let mut archive = read(&bytes).map_err(ExportError::Archive)?;
    // A database that has its own demo keeps it; the archive's demo projects, whose
    // documents carry the same demo numbers, are left out (and said so).
    let demo_left_out = if store.demo_projects()?.is_empty() {
        Vec::new()
    } else {
        let skip = archive.body.demo_projects.iter().copied().collect();
        archive.leave_out(&skip)
    };
    let dir = fresh_dir(documents_dir);
    let mut written = BTreeMap::new();
    let result = (|| {
        for (name, content) in &archive.files {
            let rel = name.strip_prefix(DOCUMENTS_DIR).unwrap_or(name);
            let dest = dir.join(rel);
            let parent = dest.parent().unwrap_or(&dir).to_path_buf();
            let file_name = dest
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let path = crate::issue::write_atomically(&parent, &file_name, content)?;
            written.insert(name.clone(), path.display().to_string());
        }
        Ok(store.import_records(&archive, &written)?)
    })()
    .map(|imported| Imported {
        demo_left_out,
        ..imported
    });
    if result.is_err() {
        // Nothing of a refused import stays: its files go with it.
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

/// A folder of its own for an import's documents, so they never replace a file of
/// this database's register.
fn fresh_dir(documents_dir: &Path) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let mut dir = documents_dir.join(format!("import-{stamp}"));
    let mut n = 2;
    while dir.exists() {
        dir = documents_dir.join(format!("import-{stamp}-{n}"));
        n += 1;
    }
    dir
}
