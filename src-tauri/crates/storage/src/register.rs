//! The register of issued documents. Entries are only ever added: a document once
//! given to a client stays on record with its number and the SHA-256 of its file.

use etap_domain::entity::{DocKind, IssuedDocument};
use etap_domain::issue::{check_issue, IssueCheck};
use etap_domain::spec::SpecStatus;
use etap_domain::text::Lang;
use rusqlite::{params, Connection, OptionalExtension};

use crate::codes;
use crate::{load_state, now, Result, Store, Subject};

fn next_number(conn: &Connection, project_id: i64, kind: DocKind) -> Result<String> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) + 1 FROM issued_documents WHERE project_id = ?1 AND kind = ?2",
        params![project_id, kind.code()],
        |r| r.get(0),
    )?;
    Ok(format!("{}-{project_id}-{n}", kind.prefix()))
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
    pub fn next_document_number(&self, project_id: i64, kind: DocKind) -> Result<String> {
        load_state(&self.conn, project_id)?;
        next_number(&self.conn, project_id, kind)
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
        Ok(IssuedDocument {
            id,
            issued_at: at,
            ..doc
        })
    }

    /// One register entry.
    pub fn issued_document(&self, id: i64) -> Result<IssuedDocument> {
        let project_id: i64 = self
            .conn
            .query_row(
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
        let mut st = self.conn.prepare(
            "SELECT id, kind, number, issued_at, lang, version, sha256, path, draft \
             FROM issued_documents \
             WHERE project_id = ?1 ORDER BY id DESC",
        )?;
        let rows = st.query_map([project_id], |r| {
            Ok(IssuedDocument {
                id: r.get(0)?,
                project_id,
                kind: codes::code(r, 1, ("issued_documents", "kind"), DocKind::from_code)?,
                number: r.get(2)?,
                issued_at: r.get(3)?,
                lang: codes::code(r, 4, ("issued_documents", "lang"), Lang::from_code)?,
                version: r.get(5)?,
                sha256: r.get(6)?,
                path: r.get(7)?,
                draft: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
