//! The register of issued documents. Entries are only ever added: a document once
//! given to a client stays on record with its number and the SHA-256 of its file
//! (only where the file lies can change, when its data folder moves:
//! [`Store::relocate_documents`]).
//!
//! Numbers follow the one rule of `etap_domain::numbering`; this module only gives it
//! the numbers already issued. [`Store::issue_document`] takes a number, has the file
//! written under it and records it in one IMMEDIATE transaction, so two exports never
//! get one number and a failed export leaves no gap.

use chrono::{Datelike, NaiveDate};
use etap_domain::entity::{register_label, DocKind, IssuedDocument};
use etap_domain::issue::{check_issue, IssueCheck};
use etap_domain::numbering;
use etap_domain::spec::SpecStatus;
use etap_domain::text::Lang;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::codes;
use crate::CachedRow as _;
use crate::{load_state, now, Result, StorageError, Store, Subject};

fn next_number(
    conn: &Connection,
    project_id: i64,
    kind: DocKind,
    date: NaiveDate,
) -> Result<String> {
    let series = numbering::series(kind, project_id, date.year(), is_demo(conn, project_id)?);
    let mut st = conn.prepare_cached("SELECT number FROM issued_documents WHERE kind = ?1")?;
    let issued = st
        .query_map([kind.code()], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(numbering::next_number(
        kind,
        series,
        issued.iter().map(String::as_str),
    ))
}

/// Whether `project_id` is a demo project the app created (its documents are numbered
/// apart, see [`numbering::Series::Demo`]).
fn is_demo(conn: &Connection, project_id: i64) -> Result<bool> {
    let ids: Option<String> = conn
        .row(
            "SELECT value FROM settings WHERE key = ?1",
            [crate::demo::DEMO_PROJECTS],
            |r| r.get(0),
        )
        .optional()?;
    Ok(ids
        .unwrap_or_default()
        .split(',')
        .any(|id| id.trim() == project_id.to_string()))
}

/// What an issued document is, before it has a number.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub project_id: i64,
    pub kind: DocKind,
    pub lang: Lang,
    /// The version of the specification or estimate it was made from.
    pub version: Option<u32>,
    /// The document's date: an акт's or счёт's number counts within its year.
    pub date: NaiveDate,
    /// A specification exported before approval (watermarked, not issued).
    pub draft: bool,
    /// What an акт or счёт charges (its total), kept beside the entry.
    pub amount: Option<etap_domain::money::Money>,
}

/// The file a document was written to, as [`Store::issue_document`] records it.
#[derive(Debug, Clone)]
pub struct WrittenFile {
    /// Hex SHA-256 of the bytes written.
    pub sha256: String,
    pub path: String,
}

impl Store {
    /// May a document of `kind` be issued for the project now (the domain's
    /// [`check_issue`] over the provider's and the client's requisites); for a
    /// specification, `spec_version` is the version to export (a draft is marked).
    pub fn issue_check(
        &self,
        project_id: i64,
        kind: DocKind,
        spec_version: Option<i64>,
    ) -> Result<IssueCheck> {
        let project = self.project(project_id)?;
        let provider = self.provider()?.profile.requisites;
        let client = self.client_card(project.client_id)?.requisites;
        let draft = match spec_version {
            Some(id) => self.spec_version(id)?.status != SpecStatus::Approved,
            None => false,
        };
        Ok(check_issue(kind, &provider, &client, draft))
    }

    /// The number the next document of `kind` for the project will get.
    /// (An акт or счёт dated today; [`Store::issue_document`] takes the number itself.)
    pub fn next_document_number(&self, project_id: i64, kind: DocKind) -> Result<String> {
        load_state(&self.conn, project_id)?;
        next_number(&self.conn, project_id, kind, crate::today())
    }

    /// Issues a numbered document: inside one IMMEDIATE transaction, takes the next
    /// number of its series, lets `make` render the document under that number and
    /// write its file, and records it. When `make` fails, nothing is recorded and the
    /// number stays free: акты and счета are numbered without gaps. No other writer can
    /// take the same number meanwhile (the transaction holds the write lock).
    pub fn issue_document<E: From<StorageError>>(
        &mut self,
        new: NewDocument,
        make: impl FnOnce(&str) -> std::result::Result<WrittenFile, E>,
    ) -> std::result::Result<IssuedDocument, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StorageError::from)?;
        load_state(&tx, new.project_id)?;
        let number = next_number(&tx, new.project_id, new.kind, new.date)?;
        // Dropping the transaction on `?` rolls it back: the number was never taken.
        let file = make(&number)?;
        let at = now();
        tx.execute(
            "INSERT INTO issued_documents (project_id, kind, number, issued_at, lang, \
             version, sha256, path, draft) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                new.project_id,
                new.kind.code(),
                number,
                at,
                new.lang.code(),
                new.version,
                file.sha256,
                file.path,
                new.draft
            ],
        )
        .map_err(StorageError::from)?;
        let id = tx.last_insert_rowid();
        if let Some(m) = new.amount {
            tx.execute(
                "INSERT INTO document_amounts (document_id, amount, currency) VALUES (?1, ?2, ?3)",
                params![id, m.amount().to_string(), m.currency.code()],
            )
            .map_err(StorageError::from)?;
        }
        tx.commit().map_err(StorageError::from)?;
        let (label, made_from) = register_label(new.kind, new.version);
        Ok(IssuedDocument {
            id,
            project_id: new.project_id,
            kind: new.kind,
            number,
            issued_at: at,
            lang: new.lang,
            version: new.version,
            sha256: file.sha256,
            path: file.path,
            draft: new.draft,
            label,
            made_from,
        })
    }

    /// Records an issued document; its `number` comes from
    /// [`Store::next_document_number`], `id` and `issued_at` are set here.
    pub fn record_document(&mut self, doc: IssuedDocument) -> Result<IssuedDocument> {
        let at = now();
        let id = self.write(|tx| {
            load_state(tx, doc.project_id)?;
            tx.execute(
                "INSERT INTO issued_documents (project_id, kind, number, issued_at, lang, \
                 version, sha256, path, draft) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    doc.project_id,
                    doc.kind.code(),
                    doc.number,
                    at,
                    doc.lang.code(),
                    doc.version,
                    doc.sha256,
                    doc.path,
                    doc.draft
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        let (label, made_from) = register_label(doc.kind, doc.version);
        Ok(IssuedDocument {
            id,
            issued_at: at,
            label,
            made_from,
            ..doc
        })
    }

    /// One register entry.
    pub fn issued_document(&self, id: i64) -> Result<IssuedDocument> {
        let project_id: i64 = self
            .conn
            .row(
                "SELECT project_id FROM issued_documents WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(crate::StorageError::NotFound {
                what: Subject::Document,
                id,
            })?;
        self.issued_documents(project_id)?
            .into_iter()
            .find(|d| d.id == id)
            .ok_or(crate::StorageError::NotFound {
                what: Subject::Document,
                id,
            })
    }

    /// The project's issued documents, newest first.
    pub fn issued_documents(&self, project_id: i64) -> Result<Vec<IssuedDocument>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, kind, number, issued_at, lang, version, sha256, path, draft \
             FROM issued_documents \
             WHERE project_id = ?1 ORDER BY id DESC",
        )?;
        let rows = st.query_map([project_id], |r| {
            let kind = codes::code(r, 1, ("issued_documents", "kind"), DocKind::from_code)?;
            let version = r.get(5)?;
            let (label, made_from) = register_label(kind, version);
            Ok(IssuedDocument {
                id: r.get(0)?,
                project_id,
                kind,
                number: r.get(2)?,
                issued_at: r.get(3)?,
                lang: codes::code(r, 4, ("issued_documents", "lang"), Lang::from_code)?,
                version,
                sha256: r.get(6)?,
                path: r.get(7)?,
                draft: r.get(8)?,
                label,
                made_from,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every register entry's number, file and SHA-256, oldest first: what the check at
    /// start compares with the files on disk.
    pub fn register_files(&self) -> Result<Vec<(String, String, String)>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT number, path, sha256 FROM issued_documents ORDER BY id")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Points register entries at where their files are now — `(old path, new path)`
    /// pairs, in one transaction — after the data folder moved. Only the location
    /// changes: number, SHA-256 and everything else stay as issued.
    pub fn relocate_documents(&mut self, moves: &[(String, String)]) -> Result<usize> {
        self.write(|tx| {
            let mut st =
                tx.prepare_cached("UPDATE issued_documents SET path = ?2 WHERE path = ?1")?;
            let mut n = 0;
            for (old, new) in moves {
                n += st.execute(params![old, new])?;
            }
            Ok(n)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_projects() -> (Store, i64, i64) {
        let mut store = Store::open_in_memory().unwrap();
        let c = store.create_client("ООО «Северный ветер»").unwrap();
        let a = store.create_project(c.id, "Портал").unwrap().id;
        let b = store.create_project(c.id, "Интеграция").unwrap().id;
        (store, a, b)
    }

    fn new(project_id: i64, kind: DocKind, date: (i32, u32, u32)) -> NewDocument {
        NewDocument {
            project_id,
            kind,
            lang: Lang::Ru,
            version: None,
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            draft: false,
            amount: None,
        }
    }

    fn written(number: &str) -> std::result::Result<WrittenFile, StorageError> {
        Ok(WrittenFile {
            sha256: "0".repeat(64),
            path: format!("{number}.pdf"),
        })
    }

    #[test]
    fn a_failed_export_does_not_use_up_a_number() {
        let (mut store, a, b) = store_with_projects();
        let first = store
            .issue_document(new(a, DocKind::Act, (2026, 3, 1)), written)
            .unwrap();
        assert_eq!(first.number, "А-2026-001");
        // The render or the write fails under the next number: nothing is recorded …
        let mut offered = String::new();
        let failed = store.issue_document(new(b, DocKind::Act, (2026, 4, 1)), |n| {
            offered = n.to_string();
            Err::<WrittenFile, _>(StorageError::BadLogo)
        });
        assert!(failed.is_err());
        assert_eq!(offered, "А-2026-002");
        assert_eq!(store.issued_documents(b).unwrap().len(), 0);
        // … and the next export gets that number: no gap.
        let second = store
            .issue_document(new(b, DocKind::Act, (2026, 4, 2)), written)
            .unwrap();
        assert_eq!(second.number, "А-2026-002");
        assert_eq!(store.issued_documents(b).unwrap()[0].path, "А-2026-002.pdf");
    }

    #[test]
    fn the_database_refuses_a_number_given_twice_even_in_another_project() {
        let (mut store, a, b) = store_with_projects();
        let first = store
            .issue_document(new(a, DocKind::Act, (2026, 5, 1)), written)
            .unwrap();
        // A caller that bypasses the numbering (or a bug in it) cannot issue a second
        // А-2026-001: the register's UNIQUE (kind, number) refuses it.
        let dup = store.record_document(IssuedDocument {
            project_id: b,
            ..first.clone()
        });
        assert!(dup.is_err());
        assert_eq!(store.issued_documents(b).unwrap().len(), 0);
    }

    #[test]
    fn acts_and_invoices_count_per_year_across_projects_kps_per_project() {
        let (mut store, a, b) = store_with_projects();
        let mut issue = |p, kind, date| {
            store
                .issue_document(new(p, kind, date), written)
                .unwrap()
                .number
        };
        assert_eq!(issue(a, DocKind::Act, (2026, 1, 10)), "А-2026-001");
        assert_eq!(issue(b, DocKind::Act, (2026, 2, 10)), "А-2026-002");
        assert_eq!(issue(b, DocKind::Invoice, (2026, 2, 10)), "С-2026-001");
        assert_eq!(issue(a, DocKind::Act, (2027, 1, 9)), "А-2027-001");
        assert_eq!(issue(a, DocKind::Invoice, (2026, 12, 31)), "С-2026-002");
        assert_eq!(
            issue(a, DocKind::Proposal, (2026, 1, 1)),
            format!("КП-{a}-1")
        );
        assert_eq!(
            issue(b, DocKind::Proposal, (2026, 1, 1)),
            format!("КП-{b}-1")
        );
        assert_eq!(
            issue(a, DocKind::Proposal, (2026, 1, 1)),
            format!("КП-{a}-2")
        );
        assert_eq!(
            store.next_document_number(a, DocKind::Proposal).unwrap(),
            format!("КП-{a}-3")
        );
    }
}
