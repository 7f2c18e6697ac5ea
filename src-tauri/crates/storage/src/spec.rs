//! Storage of specification (ТЗ) versions and their full-text search.
//!
//! Guarantees:
//! - a draft version is editable; an approved one is frozen by the database itself
//!   (triggers refuse any UPDATE or DELETE of it), not only by the UI;
//! - approval records the SHA-256 of the canonical content, the date and the approver,
//!   and is refused while a required section is empty;
//! - a new version starts as a copy of the last approved one;
//! - every saved version is indexed for search; Russian and English words are found by
//!   their Snowball stem used as a prefix, so «заказов» finds «заказы».

use etap_domain::input::CleanText;
use etap_domain::spec::{
    diff, find_mut, next_req_id, numbered, Priority, Requirement, SearchHit, SpecContent, SpecDiff,
    SpecSection, SpecStatus, SpecVersion,
};
use etap_domain::spec_templates::Template;
use etap_domain::text::Lang;
use rusqlite::{params, Connection, OptionalExtension};
use rust_stemmers::{Algorithm, Stemmer};

use crate::{load_state, now, Result, StorageError, Store};

fn read_version(r: &rusqlite::Row) -> rusqlite::Result<SpecVersion> {
    let template: String = r.get(3)?;
    let status: String = r.get(4)?;
    let content: String = r.get(5)?;
    let bad = |col: usize, what: String| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, what.into())
    };
    let content: SpecContent = serde_json::from_str(&content).map_err(|e| bad(5, e.to_string()))?;
    Ok(SpecVersion {
        outline: etap_domain::spec::outline(&content),
        id: r.get(0)?,
        project_id: r.get(1)?,
        number: r.get(2)?,
        template: Template::from_code(&template)
            .ok_or_else(|| bad(3, format!("unknown template {template:?}")))?,
        status: if status == "approved" {
            SpecStatus::Approved
        } else {
            SpecStatus::Draft
        },
        content,
        sha256: r.get(6)?,
        approved_at: r.get(7)?,
        approver: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

const SELECT: &str = "SELECT id, project_id, number, template, status, content, sha256, \
    approved_at, approver, updated_at FROM spec_versions";

fn version(conn: &Connection, id: i64) -> Result<SpecVersion> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], read_version)
        .optional()?
        .ok_or(StorageError::NotFound {
            what: "spec_version",
            id,
        })
}

/// Re-indexes one version's sections for search.
fn index(tx: &Connection, version_id: i64, content: &SpecContent) -> Result<()> {
    tx.execute(
        "DELETE FROM spec_search WHERE version_id = ?1",
        [version_id],
    )?;
    for (number, s) in numbered(&content.sections) {
        let mut body = s.body.clone();
        for r in &s.requirements {
            body.push_str(&format!("\n{} {} {}", r.id, r.text, r.acceptance));
        }
        tx.execute(
            "INSERT INTO spec_search (title, body, version_id, section_key, section_number) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![s.title, body, version_id, s.key, number],
        )?;
    }
    Ok(())
}

/// Whether the project has an approved specification version.
pub fn has_approved(conn: &Connection, project_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM spec_versions WHERE project_id = ?1 AND status = 'approved')",
        [project_id],
        |r| r.get(0),
    )?)
}

/// Maps the freeze trigger's refusal to the error a person reads.
fn frozen(e: rusqlite::Error) -> StorageError {
    if e.to_string()
        .contains("approved specification versions are frozen")
    {
        StorageError::SpecFrozen
    } else {
        StorageError::Sqlite(e)
    }
}

/// The FTS5 query for what a person typed: each word by its stem, as a prefix, all
/// words required.
pub(crate) fn fts_query(typed: &str) -> String {
    let ru = Stemmer::create(Algorithm::Russian);
    let en = Stemmer::create(Algorithm::English);
    typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase().replace('ё', "е");
            let cyrillic = lower.chars().any(|c| ('а'..='я').contains(&c));
            let stem = if cyrillic {
                ru.stem(&lower).into_owned()
            } else {
                en.stem(&lower).into_owned()
            };
            // Quotes keep FTS5 syntax characters literal.
            format!("\"{}\"*", stem.replace('"', ""))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Store {
    /// Starts the project's specification from a template: version 1, a draft.
    pub fn create_spec(
        &mut self,
        project_id: i64,
        template: Template,
        lang: Lang,
    ) -> Result<SpecVersion> {
        let at = now();
        let content = template.skeleton(lang);
        let id = self.write(|tx| {
            load_state(tx, project_id)?;
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM spec_versions WHERE project_id = ?1)",
                [project_id],
                |r| r.get(0),
            )?;
            if exists {
                return Err(StorageError::SpecExists);
            }
            tx.execute(
                "INSERT INTO spec_versions (project_id, number, template, status, content, \
                 created_at, updated_at) VALUES (?1, 1, ?2, 'draft', ?3, ?4, ?4)",
                params![project_id, template.code(), content.canonical(), at],
            )?;
            let id = tx.last_insert_rowid();
            index(tx, id, &content)?;
            Ok(id)
        })?;
        version(&self.conn, id)
    }

    /// All versions of the project's specification, oldest first.
    pub fn spec_versions(&self, project_id: i64) -> Result<Vec<SpecVersion>> {
        let mut st = self
            .conn
            .prepare(&format!("{SELECT} WHERE project_id = ?1 ORDER BY number"))?;
        let rows = st.query_map([project_id], read_version)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn spec_version(&self, id: i64) -> Result<SpecVersion> {
        version(&self.conn, id)
    }

    /// Saves a draft's content. An approved version is refused by the database.
    pub fn save_spec(&mut self, version_id: i64, content: &SpecContent) -> Result<SpecVersion> {
        let content = &content.cleaned();
        let at = now();
        self.write(|tx| {
            let n = tx
                .execute(
                    "UPDATE spec_versions SET content = ?2, updated_at = ?3 WHERE id = ?1",
                    params![version_id, content.canonical(), at],
                )
                .map_err(frozen)?;
            if n == 0 {
                return Err(StorageError::NotFound {
                    what: "spec_version",
                    id: version_id,
                });
            }
            index(tx, version_id, content)
        })?;
        version(&self.conn, version_id)
    }

    /// Freezes a draft: records its SHA-256, the date and who approved it. Refused while
    /// a required section is empty.
    pub fn approve_spec(&mut self, version_id: i64, approver: &str) -> Result<SpecVersion> {
        let approver = etap_domain::error::clean_name("approver", approver)?;
        let at = now();
        self.write(|tx| {
            let v = version(tx, version_id)?;
            if v.status == SpecStatus::Approved {
                return Err(StorageError::SpecFrozen);
            }
            let empty = v.content.empty_required();
            if !empty.is_empty() {
                return Err(StorageError::SpecIncomplete(empty));
            }
            tx.execute(
                "UPDATE spec_versions SET status = 'approved', sha256 = ?2, approved_at = ?3, \
                 approver = ?4, updated_at = ?3 WHERE id = ?1",
                params![version_id, v.content.sha256(), at, approver],
            )?;
            Ok(())
        })?;
        version(&self.conn, version_id)
    }

    /// Starts the next version as a copy of the last approved one.
    pub fn new_spec_version(&mut self, project_id: i64) -> Result<SpecVersion> {
        let at = now();
        let id = self.write(|tx| {
            let last: Option<SpecVersion> = tx
                .query_row(
                    &format!("{SELECT} WHERE project_id = ?1 ORDER BY number DESC LIMIT 1"),
                    [project_id],
                    read_version,
                )
                .optional()?;
            let last = match last {
                Some(v) if v.status == SpecStatus::Approved => v,
                Some(_) => return Err(StorageError::SpecDraftOpen),
                None => {
                    return Err(StorageError::NotFound {
                        what: "spec_version",
                        id: project_id,
                    })
                }
            };
            tx.execute(
                "INSERT INTO spec_versions (project_id, number, template, status, content, \
                 created_at, updated_at) VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?5)",
                params![
                    project_id,
                    last.number + 1,
                    last.template.code(),
                    last.content.canonical(),
                    at
                ],
            )?;
            let id = tx.last_insert_rowid();
            index(tx, id, &last.content)?;
            Ok(id)
        })?;
        version(&self.conn, id)
    }

    /// Adds a section under `parent` (at the top level when `None`), last, with the next
    /// free key.
    pub fn add_spec_section(
        &mut self,
        version_id: i64,
        parent: Option<u32>,
    ) -> Result<SpecVersion> {
        let mut content = version(&self.conn, version_id)?.content;
        let section = SpecSection {
            key: content.max_key() + 1,
            title: match content.lang {
                Lang::Ru => "Новый раздел".into(),
                Lang::En => "New section".into(),
            },
            required: false,
            body: String::new(),
            requirements: vec![],
            children: vec![],
        };
        match parent {
            None => content.sections.push(section),
            Some(key) => find_mut(&mut content.sections, key)
                .ok_or(StorageError::NotFound {
                    what: "spec_section",
                    id: i64::from(key),
                })?
                .children
                .push(section),
        }
        self.save_spec(version_id, &content)
    }

    /// Adds a requirement to a section with the next free stable ID (ТР-4.2.N).
    pub fn add_requirement(&mut self, version_id: i64, section: u32) -> Result<SpecVersion> {
        let mut content = version(&self.conn, version_id)?.content;
        let number = numbered(&content.sections)
            .into_iter()
            .find(|(_, s)| s.key == section)
            .map(|(n, _)| n)
            .ok_or(StorageError::NotFound {
                what: "spec_section",
                id: i64::from(section),
            })?;
        let id = next_req_id(&content, &number);
        if let Some(s) = find_mut(&mut content.sections, section) {
            s.requirements.push(Requirement {
                id,
                text: String::new(),
                priority: Priority::Must,
                acceptance: String::new(),
                estimate_items: vec![],
            });
        }
        self.save_spec(version_id, &content)
    }

    /// What changed from version `a` to version `b`.
    pub fn spec_diff(&self, a: i64, b: i64) -> Result<SpecDiff> {
        Ok(diff(
            &version(&self.conn, a)?.content,
            &version(&self.conn, b)?.content,
        ))
    }

    /// The baseline the search benchmark compares with: a `LIKE` scan of every saved
    /// version's content for the first word as typed (no stemming, no ranking).
    #[doc(hidden)]
    pub fn like_scan_for_bench(&self, typed: &str) -> Result<usize> {
        let word = typed.split_whitespace().next().unwrap_or("");
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM spec_versions WHERE content LIKE '%' || ?1 || '%'",
            [word],
            |r| r.get(0),
        )?)
    }

    /// Full-text search across every specification of every project, best first.
    pub fn search_specs(&self, typed: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let q = fts_query(typed);
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let mut st = self.conn.prepare(
            "SELECT v.project_id, p.title, v.id, v.number, s.section_number, s.title, \
             snippet(spec_search, -1, '[', ']', '…', 12) \
             FROM spec_search s \
             JOIN spec_versions v ON v.id = s.version_id \
             JOIN projects p ON p.id = v.project_id \
             WHERE spec_search MATCH ?1 ORDER BY rank LIMIT ?2",
        )?;
        let rows = st.query_map(params![q, limit], |r| {
            Ok(SearchHit {
                project_id: r.get(0)?,
                project_title: r.get(1)?,
                version_id: r.get(2)?,
                version: r.get(3)?,
                section_number: r.get(4)?,
                section_title: r.get(5)?,
                snippet: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
