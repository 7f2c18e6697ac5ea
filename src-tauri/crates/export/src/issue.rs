//! The one issue path every document takes: ask the domain whether it may be issued
//! ([`etap_domain::issue::check_issue`], through the store), then — inside the store's
//! one transaction ([`Store::issue_document`]) — take the next number, render under it,
//! write the file atomically and record it in the register with its SHA-256. A refusal
//! or a failed render leaves no number used and no entry.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use etap_domain::entity::{DocKind, IssuedDocument};
use etap_domain::issue::IssueCheck;
use etap_domain::{Lang, Text};
use etap_storage::{NewDocument, Store, WrittenFile};
use sha2::{Digest, Sha256};

use crate::{ExportError, Result};

/// What is being issued, before it has a number.
#[derive(Debug, Clone)]
pub struct Request {
    pub project_id: i64,
    pub kind: DocKind,
    pub lang: Lang,
    /// The version of the specification or estimate it is made from, as recorded.
    pub version: Option<u32>,
    /// The document's date (акты and счета count within its year).
    pub date: NaiveDate,
    /// The stored ТЗ version for a specification (decides draft or issued).
    pub spec_version: Option<i64>,
    /// What an акт or счёт charges (its total), recorded beside the entry.
    pub amount: Option<etap_domain::money::Money>,
}

/// Asks the domain whether the document may be issued now (before it takes a number);
/// a refusal becomes [`ExportError::NotIssuable`] with the domain's words.
pub fn may_issue(
    store: &Store,
    project_id: i64,
    kind: DocKind,
    spec_version: Option<i64>,
) -> Result<IssueCheck> {
    let check = store.issue_check(project_id, kind, spec_version)?;
    if !check.allowed {
        return Err(ExportError::NotIssuable(check.message.unwrap_or_else(
            || {
                Text::new(
                    "Документ пока нельзя выпустить.",
                    "The document cannot be issued yet.",
                )
            },
        )));
    }
    Ok(check)
}

/// Issues a document: `render` gets the number and whether it is a draft and answers
/// the PDF's bytes; the file goes to `dir` under the number.
pub fn issue(
    store: &mut Store,
    req: Request,
    dir: &Path,
    render: impl FnOnce(&str, bool) -> Result<Vec<u8>>,
) -> Result<IssuedDocument> {
    let check = may_issue(store, req.project_id, req.kind, req.spec_version)?;
    let draft = check.draft;
    store.issue_document(
        NewDocument {
            project_id: req.project_id,
            kind: req.kind,
            lang: req.lang,
            version: req.version,
            date: req.date,
            draft,
            amount: req.amount,
        },
        |number| {
            let bytes = render(number, draft)?;
            let path = write_atomically(dir, &file_name(number), &bytes)?;
            Ok(WrittenFile {
                sha256: hex(&Sha256::digest(&bytes)),
                path: path.display().to_string(),
            })
        },
    )
}

/// The one place an issued document's file name is made: its number (never a
/// project's or client's name) with `.pdf`. The number comes from
/// `etap_domain::numbering`, yet the name is made safe on its own: only letters,
/// digits, `-` and `_` are kept (anything else, a `/`, `\` or `..` included, becomes
/// `_`), so the file always lands in the documents folder, and a name Windows reserves
/// for a device (`con`, `nul`, `com1` …) gets a leading `_`.
pub fn file_name(number: &str) -> String {
    let mut stem: String = number
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(120)
        .collect();
    if stem.trim_matches('_').is_empty() {
        stem = "document".into();
    }
    const DEVICES: [&str; 4] = ["con", "prn", "aux", "nul"];
    let lower = stem.to_lowercase();
    let device = DEVICES.contains(&lower.as_str())
        || ((lower.starts_with("com") || lower.starts_with("lpt"))
            && lower.len() == 4
            && lower.as_bytes()[3].is_ascii_digit());
    if device {
        stem.insert(0, '_');
    }
    format!("{stem}.pdf")
}

/// Writes beside the target and renames, so a crash never leaves half a PDF under
/// the document's name.
pub(crate) fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let io = |path: &Path, source| ExportError::Io {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, bytes).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io(&path, e))?;
    Ok(path)
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn a_file_name_stays_in_its_folder_and_is_no_device() {
        assert_eq!(file_name("А-2026-007"), "А-2026-007.pdf");
        assert_eq!(file_name("КП-12-003"), "КП-12-003.pdf");
        assert_eq!(file_name("../../x"), "______x.pdf");
        assert_eq!(file_name("a/b\\c"), "a_b_c.pdf");
        assert_eq!(file_name("con"), "_con.pdf");
        assert_eq!(file_name("LPT1"), "_LPT1.pdf");
        assert_eq!(file_name("com12"), "com12.pdf");
        assert_eq!(file_name(""), "document.pdf");
        assert_eq!(file_name(".."), "document.pdf");
        assert_eq!(file_name("a\u{0}b\u{202e}c"), "a_b_c.pdf");
    }
}
