//! Storage of specification (ТЗ) versions and their full-text search.
//!
//! Guarantees:
//! - a draft version is editable; an approved one is frozen by the database itself
//!   (triggers refuse any UPDATE or DELETE of it), not only by the UI;
//! - approval records the SHA-256 of the canonical content, the date and the approver,
//!   and is refused while a required section is empty;
//! - a new version starts as a copy of the last approved one;
//! - every saved version is indexed for search; Russian and English words are found by
//!   their Snowball stem used as a prefix, so «заказов» finds «заказы»; the index and
//!   the query both use [`etap_domain::search`]'s normal form, so «учёт» finds «учет»
//!   and the other way round.

use std::collections::BTreeSet;

use etap_domain::input::CleanText;

use etap_domain::search::{self, normal_form, QueryTerm, QueryWord, WordKind};
use etap_domain::spec::{
    diff, find_mut, next_req_id, numbered, Priority, Requirement, SearchHit, SearchPage,
    SpecContent, SpecDiff, SpecSection, SpecStatus, SpecVersion,
};
use etap_domain::spec_templates::Template;
use etap_domain::text::Lang;
use rusqlite::{params, Connection, OptionalExtension};
use rust_stemmers::{Algorithm, Stemmer};

use crate::codes;
use crate::CachedRow as _;
use crate::{load_state, now, Result, StorageError, Store, Subject};

fn read_version(r: &rusqlite::Row) -> rusqlite::Result<SpecVersion> {
    let content: String = r.get(5)?;
    let content: SpecContent = serde_json::from_str(&content).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(SpecVersion {
        outline: etap_domain::spec::outline(&content),
        id: r.get(0)?,
        project_id: r.get(1)?,
        number: r.get(2)?,
        template: codes::code(r, 3, ("spec_versions", "template"), Template::from_code)?,
        status: codes::code(r, 4, ("spec_versions", "status"), |c| match c {
            "draft" => Some(SpecStatus::Draft),
            "approved" => Some(SpecStatus::Approved),
            _ => None,
        })?,
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
    conn.row(&format!("{SELECT} WHERE id = ?1"), [id], read_version)
        .optional()?
        .ok_or(StorageError::NotFound {
            what: Subject::SpecVersion,
            id,
        })
}

/// Re-indexes one version's sections for search: the text as written goes to
/// `spec_search_text`, its search normal form to the FTS5 index.
pub(crate) fn index(tx: &Connection, version_id: i64, content: &SpecContent) -> Result<()> {
    // An external-content index forgets a row only when told what it indexed for it.
    let old: Vec<(i64, String, String)> = tx
        .prepare_cached("SELECT id, title, body FROM spec_search_text WHERE version_id = ?1")?
        .query_map([version_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, title, body) in old {
        tx.execute(
            "INSERT INTO spec_search (spec_search, rowid, title, body) \
             VALUES ('delete', ?1, ?2, ?3)",
            params![id, normal_form(&title), normal_form(&body)],
        )?;
    }
    tx.execute(
        "DELETE FROM spec_search_text WHERE version_id = ?1",
        [version_id],
    )?;
    for (number, s) in numbered(&content.sections) {
        let mut body = s.body.clone();
        for r in &s.requirements {
            body.push_str(&format!("\n{} {} {}", r.id, r.text, r.acceptance));
        }
        tx.execute(
            "INSERT INTO spec_search_text (version_id, section_key, section_number, title, body) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![version_id, s.key, number, s.title, body],
        )?;
        tx.execute(
            "INSERT INTO spec_search (rowid, title, body) VALUES (?1, ?2, ?3)",
            params![
                tx.last_insert_rowid(),
                normal_form(&s.title),
                normal_form(&body)
            ],
        )?;
    }
    Ok(())
}

/// Migration 6's hook: indexes every saved version anew. It runs today's [`index`],
/// which writes the schema of migration 6; a later migration that changes these
/// tables must come with its own re-index.
pub(crate) fn reindex_all(tx: &rusqlite::Transaction) -> rusqlite_migration::HookResult {
    let versions: Vec<(i64, String)> = tx
        .prepare_cached("SELECT id, content FROM spec_versions")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, content) in versions {
        let content: SpecContent = serde_json::from_str(&content)
            .map_err(|e| rusqlite_migration::HookError::Hook(format!("spec_versions {id}: {e}")))?;
        index(tx, id, &content)
            .map_err(|e| rusqlite_migration::HookError::Hook(format!("spec_versions {id}: {e}")))?;
    }
    Ok(())
}

/// Migration 15's hook: the search index was made anew (with prefix indexes); every
/// section's text kept in `spec_search_text` goes into it in the search normal form.
pub(crate) fn index_text_anew(tx: &rusqlite::Transaction) -> rusqlite_migration::HookResult {
    let rows: Vec<(i64, String, String)> = tx
        .prepare_cached("SELECT id, title, body FROM spec_search_text")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut st =
        tx.prepare_cached("INSERT INTO spec_search (rowid, title, body) VALUES (?1, ?2, ?3)")?;
    for (id, title, body) in rows {
        st.execute(params![id, normal_form(&title), normal_form(&body)])?;
    }
    Ok(())
}

/// Records the requirement IDs of `content` as given in the project, for good.
fn record_requirement_ids(tx: &Connection, project_id: i64, content: &SpecContent) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT OR IGNORE INTO spec_requirement_ids (project_id, req_id) VALUES (?1, ?2)",
    )?;
    for id in content.requirement_ids() {
        st.execute(params![project_id, id])?;
    }
    Ok(())
}

/// Every requirement ID ever given in the project's specification.
fn issued_requirement_ids(conn: &Connection, project_id: i64) -> Result<BTreeSet<String>> {
    let mut st =
        conn.prepare_cached("SELECT req_id FROM spec_requirement_ids WHERE project_id = ?1")?;
    let ids = st.query_map([project_id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Migration 7's hook: records the requirement IDs of every saved version.
pub(crate) fn record_all_requirement_ids(
    tx: &rusqlite::Transaction,
) -> rusqlite_migration::HookResult {
    let versions: Vec<(i64, i64, String)> = tx
        .prepare_cached("SELECT id, project_id, content FROM spec_versions")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, project_id, content) in versions {
        let hook =
            |e: String| rusqlite_migration::HookError::Hook(format!("spec_versions {id}: {e}"));
        let content: SpecContent =
            serde_json::from_str(&content).map_err(|e| hook(e.to_string()))?;
        record_requirement_ids(tx, project_id, &content).map_err(|e| hook(e.to_string()))?;
    }
    Ok(())
}

/// Whether the project has an approved specification version.
pub fn has_approved(conn: &Connection, project_id: i64) -> Result<bool> {
    Ok(conn.row(
        "SELECT EXISTS (SELECT 1 FROM spec_versions WHERE project_id = ?1 AND status = 'approved')",
        [project_id],
        |r| r.get(0),
    )?)
}

/// How many matching sections are ranked together: the newest this many first, then
/// the next; the first page of any search costs at most one such batch.
pub const RANKED: usize = 500;

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

/// The FTS5 query for the terms of a typed query: a word with letters by its stem, as
/// a prefix; a number as itself; the words of one typed piece as a phrase; all terms
/// required. Words hold only letters and digits, and each is quoted, so nothing typed
/// can act as FTS5 syntax.
pub(crate) fn fts_query(terms: &[QueryTerm]) -> String {
    let ru = Stemmer::create(Algorithm::Russian);
    let en = Stemmer::create(Algorithm::English);
    let word = |w: &QueryWord| match w.kind {
        WordKind::Number => format!("\"{}\"", w.text),
        WordKind::Letters => {
            let cyrillic = w.text.chars().any(|c| ('а'..='я').contains(&c));
            let stem = if cyrillic {
                ru.stem(&w.text)
            } else {
                en.stem(&w.text)
            };
            format!("\"{}\"*", stem.replace('"', ""))
        }
    };
    terms
        .iter()
        .map(|t| t.words.iter().map(word).collect::<Vec<_>>().join(" + "))
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
            let exists: bool = tx.row(
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
            .prepare_cached(&format!("{SELECT} WHERE project_id = ?1 ORDER BY number"))?;
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
                    what: Subject::SpecVersion,
                    id: version_id,
                });
            }
            let project_id: i64 = tx.row(
                "SELECT project_id FROM spec_versions WHERE id = ?1",
                [version_id],
                |r| r.get(0),
            )?;
            record_requirement_ids(tx, project_id, content)?;
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
                .row(
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
                        what: Subject::Specification,
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
                    what: Subject::SpecSection,
                    id: i64::from(key),
                })?
                .children
                .push(section),
        }
        self.save_spec(version_id, &content)
    }

    /// Adds a requirement to a section with the next stable ID (ТР-4.2.N) never given
    /// before in the project.
    pub fn add_requirement(&mut self, version_id: i64, section: u32) -> Result<SpecVersion> {
        let v = version(&self.conn, version_id)?;
        let issued = issued_requirement_ids(&self.conn, v.project_id)?;
        let mut content = v.content;
        let number = numbered(&content.sections)
            .into_iter()
            .find(|(_, s)| s.key == section)
            .map(|(n, _)| n)
            .ok_or(StorageError::NotFound {
                what: Subject::SpecSection,
                id: i64::from(section),
            })?;
        let id = next_req_id(&content, &number, &issued);
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
        Ok(self.conn.row(
            "SELECT COUNT(*) FROM spec_versions WHERE content LIKE '%' || ?1 || '%'",
            [word],
            |r| r.get(0),
        )?)
    }

    /// Full-text search across every specification of every project, best first: the
    /// first `limit` hits ([`Store::search_page`] from the start).
    pub fn search_specs(&self, typed: &str, limit: u32) -> Result<Vec<SearchHit>> {
        Ok(self.search_page(typed, 0, limit)?.hits)
    }

    /// One page of search hits, best first: `limit` from `offset`. The index hands the
    /// matching sections newest first, [`RANKED`] at a time; each such batch is ranked
    /// (bm25) and only the hits shown are read whole and get a snippet — so a word found
    /// in thousands of sections costs one batch, not all of them.
    pub fn search_page(&self, typed: &str, offset: u32, limit: u32) -> Result<SearchPage> {
        let limit = limit.min(crate::MAX_PAGE);
        let terms = search::query(typed);
        if terms.is_empty() || limit == 0 {
            return Ok(SearchPage {
                hits: Vec::new(),
                more: false,
            });
        }
        let fts = fts_query(&terms);
        // A piece typed with punctuation («-1») is checked literally after the index
        // found its words.
        let literal = terms.iter().any(|t| t.literal.is_some());
        let wanted = offset as usize + limit as usize + 1;
        let mut batch = self.conn.prepare_cached(
            "SELECT rowid, rank FROM spec_search WHERE spec_search MATCH ?1 AND rowid < ?2 \
             ORDER BY rowid DESC LIMIT ?3",
        )?;
        let mut body_of = self
            .conn
            .prepare_cached("SELECT title, body FROM spec_search_text WHERE id = ?1")?;
        let mut rowids: Vec<i64> = Vec::new();
        let mut below = i64::MAX;
        while rowids.len() < wanted {
            let mut got: Vec<(i64, f64)> = batch
                .query_map(params![fts, below, RANKED as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let Some(last) = got.last() else { break };
            below = last.0;
            let full = got.len() == RANKED;
            got.sort_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            for (rowid, _) in got {
                if literal {
                    let (title, body): (String, String) =
                        body_of.query_row([rowid], |r| Ok((r.get(0)?, r.get(1)?)))?;
                    let text = format!("{title}\n{body}");
                    if !terms.iter().all(|t| search::contains_literal(&text, t)) {
                        continue;
                    }
                }
                rowids.push(rowid);
            }
            if !full {
                break;
            }
        }
        let more = rowids.len() >= wanted;
        let shown: Vec<i64> = rowids
            .into_iter()
            .skip(offset as usize)
            .take(limit as usize)
            .collect();
        let (Some(&low), Some(&high)) = (shown.iter().min(), shown.iter().max()) else {
            return Ok(SearchPage {
                hits: Vec::new(),
                more,
            });
        };
        // The snippets of the shown hits in one pass of the index over their rowid range
        // (one MATCH per hit would merge a prefix's postings once per hit); `+rowid`
        // keeps the list a filter, so only the shown rows are read and snipped.
        let list = shown
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT spec_search.rowid, v.project_id, p.title, v.id, v.number, t.section_number, \
             t.title, snippet(spec_search, -1, '[', ']', '…', 12) \
             FROM spec_search \
             JOIN spec_search_text t ON t.id = spec_search.rowid \
             JOIN spec_versions v ON v.id = t.version_id \
             JOIN projects p ON p.id = v.project_id \
             WHERE spec_search MATCH ?1 AND spec_search.rowid BETWEEN ?2 AND ?3 \
             AND +spec_search.rowid IN ({list})"
        ))?;
        let mut found: std::collections::HashMap<i64, SearchHit> = st
            .query_map(params![fts, low, high], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    SearchHit {
                        project_id: r.get(1)?,
                        project_title: r.get(2)?,
                        version_id: r.get(3)?,
                        version: r.get(4)?,
                        section_number: r.get(5)?,
                        section_title: r.get(6)?,
                        snippet: r.get(7)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let hits = shown.iter().filter_map(|id| found.remove(id)).collect();
        Ok(SearchPage { hits, more })
    }
}
