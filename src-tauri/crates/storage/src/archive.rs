//! Reads and writes the records of a project archive. The format, its record kinds and
//! every check belong to `etap_domain::archive`; this module takes the records of the
//! chosen projects out of the database kind by kind, and writes a checked archive's
//! records in one IMMEDIATE transaction under new ids.

use std::collections::{BTreeMap, HashMap};

use etap_domain::archive::{
    self, from_hex, to_hex, Archive, Imported, ImportedProject, Kind, Owner, Record, Records, Ty,
    KINDS,
};
use etap_domain::spec::SpecContent;
use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{params_from_iter, OptionalExtension, TransactionBehavior};
use serde_json::Value;

use crate::CachedRow as _;
use crate::{Result, StorageError, Store};

/// Which projects an archive holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every project, every client and the provider profile.
    All,
    /// These projects with their clients.
    Projects(Vec<i64>),
}

fn list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// The `WHERE` clause that takes the records of `kind` the selection holds.
fn filter(kind: &Kind, sel: &Selection) -> Option<String> {
    let Selection::Projects(ids) = sel else {
        return Some(String::new());
    };
    let ids = list(ids);
    Some(match kind.owner {
        Owner::Provider => return None,
        Owner::Client => {
            format!(" WHERE id IN (SELECT client_id FROM projects WHERE id IN ({ids}))")
        }
        Owner::Project(col) => format!(" WHERE {col} IN ({ids})"),
        Owner::Via(col, table) => {
            format!(" WHERE {col} IN (SELECT id FROM {table} WHERE project_id IN ({ids}))")
        }
    })
}

fn to_json(v: ValueRef) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::from(to_hex(b)),
    }
}

impl Store {
    /// The ids of the app's demo projects here.
    pub fn demo_projects(&self) -> Result<Vec<i64>> {
        Ok(self
            .setting(crate::demo::DEMO_PROJECTS)?
            .unwrap_or_default()
            .split(',')
            .filter_map(|id| id.trim().parse().ok())
            .collect())
    }

    /// Every record the selection holds, kind by kind, as `archive.json` carries them;
    /// an issued document's `path` is still the file on this machine (the export puts
    /// the file in the archive and names it there). Read in one transaction, so the
    /// records agree with each other.
    pub fn archive_records(&mut self, sel: &Selection) -> Result<Records> {
        if let Selection::Projects(ids) = sel {
            for id in ids {
                crate::load_state(&self.conn, *id)?;
            }
        }
        let tx = self.conn.transaction()?;
        let mut out = Records::new();
        for kind in KINDS {
            let Some(filter) = filter(kind, sel) else {
                continue;
            };
            let cols: Vec<&str> = kind.fields.iter().map(|f| f.name).collect();
            let sql = format!(
                "SELECT {} FROM {}{filter} ORDER BY {}",
                cols.join(", "),
                kind.name,
                kind.key.join(", ")
            );
            let mut st = tx.prepare_cached(&sql)?;
            let rows = st.query_map([], |r| {
                let mut rec = Record::new();
                for (i, c) in cols.iter().enumerate() {
                    rec.insert(c.to_string(), to_json(r.get_ref(i)?));
                }
                Ok(rec)
            })?;
            out.insert(
                kind.name.to_string(),
                rows.collect::<rusqlite::Result<_>>()?,
            );
        }
        Ok(out)
    }

    /// Writes a checked archive's records in one IMMEDIATE transaction: new ids for
    /// every record, references remapped, document numbers and dates kept as issued;
    /// `files` names where each of its documents was written (the register's path).
    /// A client whose ИНН is already here is not added: the projects are attached to
    /// the client as it is here. A document number the register already holds refuses
    /// the whole import; nothing is written.
    pub fn import_records(
        &mut self,
        archive: &Archive,
        files: &BTreeMap<String, String>,
    ) -> Result<Imported> {
        let records = &archive.body.records;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for doc in records.get("issued_documents").into_iter().flatten() {
            let taken: bool = tx.row(
                "SELECT EXISTS (SELECT 1 FROM issued_documents WHERE kind = ?1 AND number = ?2)",
                [str_of(doc, "kind"), str_of(doc, "number")],
                |r| r.get(0),
            )?;
            if taken {
                return Err(StorageError::refused(archive::number_taken(&str_of(
                    doc, "number",
                ))));
            }
        }
        // Old id → new id, per kind.
        let mut ids: HashMap<&str, HashMap<i64, i64>> = HashMap::new();
        let mut report = Imported {
            projects: Vec::new(),
            clients_matched: Vec::new(),
            documents: 0,
            demo_left_out: Vec::new(),
        };
        let mut frozen = Vec::new();
        let mut specs = Vec::new();
        for kind in KINDS {
            for (i, rec) in records.get(kind.name).into_iter().flatten().enumerate() {
                if kind.name == "provider" {
                    let have: bool =
                        tx.row("SELECT EXISTS (SELECT 1 FROM provider)", [], |r| r.get(0))?;
                    if have {
                        continue;
                    }
                }
                if kind.name == "clients" {
                    let inn = str_of(rec, "inn");
                    let existing: Option<i64> = if inn.trim().is_empty() {
                        None
                    } else {
                        tx.row(
                            "SELECT id FROM clients WHERE inn = ?1 ORDER BY id LIMIT 1",
                            [inn.trim()],
                            |r| r.get(0),
                        )
                        .optional()?
                    };
                    if let Some(id) = existing {
                        ids.entry("clients")
                            .or_default()
                            .insert(int_of(rec, "id"), id);
                        report.clients_matched.push(str_of(rec, "name"));
                        continue;
                    }
                }
                let mut cols = Vec::new();
                let mut values = Vec::new();
                for field in kind.fields {
                    if kind.id && field.name == "id" {
                        continue;
                    }
                    let v = &rec[field.name];
                    let value = match (field.refs, field.ty) {
                        (Some(target), _) if !v.is_null() => {
                            let old = v.as_i64().unwrap_or_default();
                            Sql::Integer(*ids.get(target).and_then(|m| m.get(&old)).ok_or_else(
                                || StorageError::Migration(format!("{target} {old} not imported")),
                            )?)
                        }
                        (_, Ty::File) => {
                            let name = v.as_str().unwrap_or_default();
                            Sql::Text(files.get(name).cloned().ok_or_else(|| {
                                StorageError::Migration(format!("{name} not written"))
                            })?)
                        }
                        (_, Ty::Hex) if v.is_string() => {
                            Sql::Blob(from_hex(v.as_str().unwrap_or_default()).unwrap_or_default())
                        }
                        // An accepted stage is frozen once its records are in.
                        (_, Ty::Flag) if kind.name == "stages" && field.name == "frozen" => {
                            Sql::Integer(0)
                        }
                        _ => match v {
                            Value::Null => Sql::Null,
                            Value::Number(n) => Sql::Integer(n.as_i64().unwrap_or_default()),
                            Value::String(s) => Sql::Text(s.clone()),
                            other => Sql::Text(other.to_string()),
                        },
                    };
                    cols.push(field.name);
                    values.push(value);
                }
                let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
                tx.execute(
                    &format!(
                        "INSERT INTO {} ({}) VALUES ({})",
                        kind.name,
                        cols.join(", "),
                        marks.join(", ")
                    ),
                    params_from_iter(values),
                )
                .map_err(|e| refused_record(kind, i, &e))?;
                if !kind.id {
                    continue;
                }
                let new = tx.last_insert_rowid();
                ids.entry(kind.name)
                    .or_default()
                    .insert(int_of(rec, "id"), new);
                match kind.name {
                    "projects" => report.projects.push(ImportedProject {
                        id: new,
                        title: str_of(rec, "title"),
                    }),
                    "stages" if int_of(rec, "frozen") == 1 => frozen.push(new),
                    "issued_documents" => report.documents += 1,
                    "spec_versions" => specs.push((new, str_of(rec, "content"))),
                    _ => {}
                }
            }
        }
        // The archive's demo projects stay demo projects here (numbered apart).
        let demo: Vec<String> = archive
            .body
            .demo_projects
            .iter()
            .filter_map(|old| ids.get("projects").and_then(|m| m.get(old)))
            .map(i64::to_string)
            .collect();
        if !demo.is_empty() {
            let key = crate::demo::DEMO_PROJECTS;
            let have: Option<String> = tx
                .row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?;
            let all: Vec<String> = have
                .into_iter()
                .filter(|v| !v.trim().is_empty())
                .chain([demo.join(",")])
                .collect();
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, &all.join(",")],
            )?;
        }
        for id in frozen {
            tx.execute("UPDATE stages SET frozen = 1 WHERE id = ?1", [id])?;
        }
        for (id, content) in specs {
            let content: SpecContent = serde_json::from_str(&content)
                .map_err(|e| StorageError::Migration(format!("spec_versions {id}: {e}")))?;
            crate::spec::index(&tx, id, &content)?;
        }
        tx.commit()?;
        Ok(report)
    }
}

/// A record the database refused (a CHECK the domain's check does not repeat): the
/// whole import is rolled back and the message names the record.
fn refused_record(kind: &Kind, i: usize, e: &rusqlite::Error) -> StorageError {
    StorageError::refused(etap_domain::Refusal {
        code: "archive_invalid",
        message: etap_domain::Text::new(
            format!("В архиве неверные данные: запись {}[{i}] не принята базой ({e}). Ничего не импортировано.", kind.name),
            format!("The archive holds wrong data: the record {}[{i}] was refused by the database ({e}). Nothing was imported.", kind.name),
        ),
    })
}

fn str_of(rec: &Record, field: &str) -> String {
    rec.get(field)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn int_of(rec: &Record, field: &str) -> i64 {
    rec.get(field).and_then(Value::as_i64).unwrap_or_default()
}
