//! The project archive's format and the one check every archive passes before anything
//! of it is written (docs/ARCHIVE.md describes the format for people).
//!
//! An archive is a set of named files: `manifest.json` (the format, its version and the
//! SHA-256 and size of every other file), `archive.json` (every record of the exported
//! projects, kind by kind, as [`KINDS`] lists them) and the issued PDFs under
//! `documents/`. This module knows the record kinds, their fields, types and
//! references, and refuses an archive that is not exactly what it claims — with a
//! [`Refusal`] whose message names what is wrong. It reads bytes it is given; the
//! container (zip) and the database are other layers' business.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::lifecycle::{ActionKind, Refusal, Step};

/// What `format` says in both JSON files.
pub const FORMAT: &str = "etap-archive";
/// The version this build writes and the only one it reads.
pub const VERSION: u32 = 1;
/// The manifest's file name.
pub const MANIFEST: &str = "manifest.json";
/// The records' file name.
pub const RECORDS: &str = "archive.json";
/// Where the issued documents lie inside the archive.
pub const DOCUMENTS_DIR: &str = "documents/";

/// The most files an archive may hold.
pub const MAX_FILES: usize = 10_000;
/// The largest single file (a PDF, or `archive.json`).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most an archive may unpack to in all.
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// The longest text field (bytes); a ТЗ version's content may be longer.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
/// The longest ТЗ version content (its JSON, bytes).
pub const MAX_CONTENT_BYTES: usize = 16 * 1024 * 1024;
/// The longest file name inside an archive.
pub const MAX_NAME_BYTES: usize = 200;

/// A field's type in `archive.json`.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// A whole number.
    Int,
    /// 0 or 1.
    Flag,
    /// A text of at most [`MAX_TEXT_BYTES`].
    Text,
    /// A text of at most [`MAX_CONTENT_BYTES`] (a ТЗ version's content).
    Long,
    /// One of the codes `accepts` knows (a step, an action, a document kind…).
    Code(fn(&str) -> bool),
    /// Bytes as lower-case hex (the provider's logo).
    Hex,
    /// The name of a file inside the archive (an issued document's PDF).
    File,
}

/// One field of a record kind.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    /// May be `null`.
    pub null: bool,
    /// The kind whose `id` this field holds (remapped on import, checked to exist).
    pub refs: Option<&'static str>,
}

/// Which project a record belongs to, so an export of some projects takes exactly
/// theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A client of an exported project.
    Client,
    /// The project whose id the field holds.
    Project(&'static str),
    /// The record the field points to (of the kind named) belongs to the project.
    Via(&'static str, &'static str),
    /// The provider profile: only in an archive of all data.
    Provider,
}

/// A record kind: a table of the database, field for field.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    pub name: &'static str,
    /// Has its own `id` that other records may point to (given anew on import).
    pub id: bool,
    /// The fields that identify a record within its kind (unique).
    pub key: &'static [&'static str],
    pub owner: Owner,
    pub fields: &'static [Field],
}

impl Kind {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

const fn f(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        null: false,
        refs: None,
    }
}
const fn opt(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        null: true,
        refs: None,
    }
}
const fn id() -> Field {
    f("id", Ty::Int)
}
const fn r(name: &'static str, kind: &'static str) -> Field {
    Field {
        name,
        ty: Ty::Int,
        null: false,
        refs: Some(kind),
    }
}
const fn ropt(name: &'static str, kind: &'static str) -> Field {
    Field {
        name,
        ty: Ty::Int,
        null: true,
        refs: Some(kind),
    }
}

fn step(c: &str) -> bool {
    Step::from_code(c).is_some()
}
fn action(c: &str) -> bool {
    ActionKind::from_code(c).is_some()
}
fn doc_kind(c: &str) -> bool {
    crate::entity::DocKind::from_code(c).is_some()
}
fn lang(c: &str) -> bool {
    crate::text::Lang::from_code(c).is_some()
}

use Ty::{Flag, Int, Text as T};

const REQUISITES: [Field; 14] = [
    f("legal_name", T),
    f("short_name", T),
    f("inn", T),
    f("kpp", T),
    f("ogrn", T),
    f("address", T),
    f("bank_name", T),
    f("bik", T),
    f("account", T),
    f("corr_account", T),
    f("signatory_name", T),
    f("signatory_position", T),
    f("email", T),
    f("phone", T),
];

const fn client_fields() -> [Field; 17] {
    let mut out = [id(); 17];
    out[1] = f("name", T);
    out[2] = f("created_at", T);
    let mut i = 0;
    while i < 14 {
        out[3 + i] = REQUISITES[i];
        i += 1;
    }
    out
}
const CLIENT_FIELDS: [Field; 17] = client_fields();

const fn provider_fields() -> [Field; 23] {
    let mut out = [id(); 23];
    let mut i = 0;
    while i < 14 {
        out[1 + i] = REQUISITES[i];
        i += 1;
    }
    out[15] = opt("logo", Ty::Hex);
    out[16] = f("logo_mime", T);
    out[17] = f("vat_mode", T);
    out[18] = f("vat_rate", T);
    out[19] = f("vat_reason", T);
    out[20] = f("currency", T);
    out[21] = f("hourly_rate", T);
    out[22] = f("updated_at", T);
    out
}
const PROVIDER_FIELDS: [Field; 23] = provider_fields();

/// Every record kind, parents before the records that point to them: the order
/// records are written in on import.
pub const KINDS: &[Kind] = &[
    Kind {
        name: "provider",
        id: false,
        key: &["id"],
        owner: Owner::Provider,
        fields: &PROVIDER_FIELDS,
    },
    Kind {
        name: "clients",
        id: true,
        key: &["id"],
        owner: Owner::Client,
        fields: &CLIENT_FIELDS,
    },
    Kind {
        name: "projects",
        id: true,
        key: &["id"],
        owner: Owner::Project("id"),
        fields: &[
            id(),
            r("client_id", "clients"),
            f("title", T),
            f("step", Ty::Code(step)),
            f("round", Int),
            f("stage", Int),
            f("stages_total", Int),
            opt("cancelled_from", Ty::Code(step)),
            f("created_at", T),
            f("updated_at", T),
        ],
    },
    Kind {
        name: "transitions",
        id: true,
        key: &["id"],
        owner: Owner::Project("project_id"),
        fields: &[
            id(),
            r("project_id", "projects"),
            f("at", T),
            f("action", Ty::Code(action)),
            opt("stages", Int),
            f("from_step", Ty::Code(step)),
            f("to_step", Ty::Code(step)),
            f("round", Int),
            f("stage", Int),
            f("comment", T),
        ],
    },
    Kind {
        name: "stages",
        id: true,
        key: &["id"],
        owner: Owner::Project("project_id"),
        fields: &[
            id(),
            r("project_id", "projects"),
            f("number", Int),
            f("title", T),
            f("features", T),
            f("planned_start", T),
            f("planned_end", T),
            opt("price", T),
            f("frozen", Flag),
        ],
    },
    Kind {
        name: "requests",
        id: false,
        key: &["project_id"],
        owner: Owner::Project("project_id"),
        fields: &[
            r("project_id", "projects"),
            f("title", T),
            f("description", T),
            f("source", T),
            f("received_on", T),
            f("desired_deadline", T),
            f("attachments", T),
            f("updated_at", T),
        ],
    },
    Kind {
        name: "questions",
        id: true,
        key: &["id"],
        owner: Owner::Project("project_id"),
        fields: &[
            id(),
            r("project_id", "projects"),
            f("round", Int),
            f("text", T),
            f("answer", T),
            f("status", T),
            f("updated_at", T),
        ],
    },
    Kind {
        name: "round_notes",
        id: false,
        key: &["project_id", "round"],
        owner: Owner::Project("project_id"),
        fields: &[r("project_id", "projects"), f("round", Int), f("notes", T)],
    },
    Kind {
        name: "team_members",
        id: true,
        key: &["id"],
        owner: Owner::Project("project_id"),
        fields: &[
            id(),
            r("project_id", "projects"),
            f("name", T),
            f("contact", T),
            f("devops", Flag),
            f("developer", Flag),
            f("tester", Flag),
        ],
    },
    Kind {
        name: "handovers",
        id: false,
        key: &["project_id"],
        owner: Owner::Project("project_id"),
        fields: &[r("project_id", "projects"), f("date", T), f("note", T)],
    },
    Kind {
        name: "estimates",
        id: true,
        key: &["id"],
        owner: Owner::Project("project_id"),
        fields: &[
            id(),
            r("project_id", "projects"),
            f("version", Int),
            f("round", Int),
            f("estimated_by", T),
            f("discount_percent", T),
            f("vat_kind", T),
            f("vat_percent", T),
            f("vat_reason", T),
            f("currency", T),
            f("created_at", T),
            f("updated_at", T),
        ],
    },
    Kind {
        name: "estimate_items",
        id: true,
        key: &["id"],
        owner: Owner::Via("estimate_id", "estimates"),
        fields: &[
            id(),
            r("estimate_id", "estimates"),
            f("key", Int),
            f("position", Int),
            f("title", T),
            f("requirement", T),
            f("hours_kind", T),
            f("hours", T),
            f("optimistic", T),
            f("likely", T),
            f("pessimistic", T),
            f("rate", T),
        ],
    },
    Kind {
        name: "offers",
        id: true,
        key: &["id"],
        owner: Owner::Project("project_id"),
        fields: &[
            id(),
            r("project_id", "projects"),
            f("round", Int),
            r("estimate_id", "estimates"),
            f("price", T),
            f("currency", T),
            f("deadline", T),
            f("valid_until", T),
            f("answer", T),
            f("reason", T),
            f("created_at", T),
            opt("answered_at", T),
        ],
    },
    Kind {
        name: "issued_documents",
        id: true,
        key: &["id"],
        owner: Owner::Project("project_id"),
        fields: &[
            id(),
            r("project_id", "projects"),
            f("kind", Ty::Code(doc_kind)),
            f("number", T),
            f("issued_at", T),
            f("lang", Ty::Code(lang)),
            opt("version", Int),
            f("sha256", T),
            f("path", Ty::File),
            f("draft", Flag),
        ],
    },
    Kind {
        name: "document_amounts",
        id: false,
        key: &["document_id"],
        owner: Owner::Via("document_id", "issued_documents"),
        fields: &[
            r("document_id", "issued_documents"),
            f("amount", T),
            f("currency", T),
        ],
    },
    Kind {
        name: "payments",
        id: true,
        key: &["id"],
        owner: Owner::Via("document_id", "issued_documents"),
        fields: &[
            id(),
            r("document_id", "issued_documents"),
            f("paid_on", T),
            f("amount", T),
            f("recorded_at", T),
        ],
    },
    Kind {
        name: "spec_versions",
        id: true,
        key: &["id"],
        owner: Owner::Project("project_id"),
        fields: &[
            id(),
            r("project_id", "projects"),
            f("number", Int),
            f("template", T),
            f("status", T),
            f("content", Ty::Long),
            f("sha256", T),
            f("approved_at", T),
            f("approver", T),
            f("created_at", T),
            f("updated_at", T),
        ],
    },
    Kind {
        name: "spec_requirement_ids",
        id: false,
        key: &["project_id", "req_id"],
        owner: Owner::Project("project_id"),
        fields: &[r("project_id", "projects"), f("req_id", T)],
    },
    Kind {
        name: "stage_requirements",
        id: false,
        key: &["project_id", "req_id"],
        owner: Owner::Project("project_id"),
        fields: &[
            r("project_id", "projects"),
            f("req_id", T),
            ropt("stage_id", "stages"),
            f("reason", T),
        ],
    },
    Kind {
        name: "environment_items",
        id: true,
        key: &["id"],
        owner: Owner::Project("project_id"),
        fields: &[
            id(),
            r("project_id", "projects"),
            f("position", Int),
            f("title", T),
            f("status", T),
            ropt("owner", "team_members"),
            f("note", T),
            f("links", T),
            f("credential", Flag),
            f("secret_location", T),
        ],
    },
    Kind {
        name: "work_log",
        id: true,
        key: &["id"],
        owner: Owner::Via("stage_id", "stages"),
        fields: &[
            id(),
            r("stage_id", "stages"),
            f("date", T),
            f("who", T),
            f("hours", T),
            f("reference", T),
            f("note", T),
        ],
    },
    Kind {
        name: "bugs",
        id: true,
        key: &["id"],
        owner: Owner::Project("project_id"),
        fields: &[
            id(),
            r("project_id", "projects"),
            f("number", Int),
            r("stage_id", "stages"),
            f("title", T),
            f("steps", T),
            f("expected", T),
            f("actual", T),
            f("severity", T),
            f("requirement", T),
            f("status", T),
            f("reason", T),
        ],
    },
    Kind {
        name: "adjustments",
        id: true,
        key: &["id"],
        owner: Owner::Via("stage_id", "stages"),
        fields: &[
            id(),
            r("stage_id", "stages"),
            f("date", T),
            f("what", T),
            f("who", T),
            // The bug's number within the project, not a record id.
            opt("bug", Int),
        ],
    },
    Kind {
        name: "acceptances",
        id: false,
        key: &["stage_id"],
        owner: Owner::Via("stage_id", "stages"),
        fields: &[
            r("stage_id", "stages"),
            f("checks", T),
            f("code_ref", T),
            f("accepted_on", T),
            f("accepted_by", T),
        ],
    },
    Kind {
        name: "deployment_plans",
        id: false,
        key: &["project_id"],
        owner: Owner::Project("project_id"),
        fields: &[
            r("project_id", "projects"),
            f("target", T),
            f("description", T),
            f("planned_on", T),
            f("responsible", T),
            f("switch_kind", T),
            f("checklist", T),
        ],
    },
    Kind {
        name: "db_archives",
        id: true,
        key: &["id"],
        owner: Owner::Project("project_id"),
        fields: &[
            id(),
            r("project_id", "projects"),
            f("what", T),
            f("location", T),
            f("made_at", T),
            f("sha256", T),
            f("recorded_at", T),
            r("after_transition", "transitions"),
        ],
    },
    Kind {
        name: "support_handovers",
        id: false,
        key: &["project_id"],
        owner: Owner::Project("project_id"),
        fields: &[
            r("project_id", "projects"),
            f("team", T),
            f("documents", T),
            f("handed_over_on", T),
            f("warranty_until", T),
        ],
    },
];

/// The kind named `name`.
pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// One record: its fields by name, as `archive.json` holds them.
pub type Record = Map<String, Value>;

/// Every record of an archive, by kind.
pub type Records = BTreeMap<String, Vec<Record>>;

/// `archive.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub format: String,
    pub version: u32,
    /// The database schema version it was exported from (for people; not checked).
    pub schema: u32,
    /// When it was exported (RFC 3339).
    pub exported_at: String,
    /// `all` for every project and the provider profile, `projects` for some.
    pub scope: String,
    /// The projects among them that are the app's demo projects (their акты and счета
    /// are numbered apart, `numbering::Series::Demo`).
    #[serde(default)]
    pub demo_projects: Vec<i64>,
    pub records: Records,
}

/// One file as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    pub name: String,
    pub sha256: String,
    pub size: u64,
}

/// `manifest.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub files: Vec<ManifestFile>,
}

/// An archive that passed every check: its records and its documents by name.
#[derive(Debug, Clone)]
pub struct Archive {
    pub body: Body,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Archive {
    /// Leaves out the projects `skip` with every record that belongs to them, their
    /// documents' files, and the clients no other project of the archive has; answers
    /// the titles of the projects left out. (An archive's demo projects are left out
    /// when the database already has its own: their numbers would collide.)
    pub fn leave_out(&mut self, skip: &BTreeSet<i64>) -> Vec<String> {
        let records = &mut self.body.records;
        let mut titles = Vec::new();
        let mut gone: HashMap<&str, BTreeSet<i64>> = HashMap::new();
        for k in KINDS {
            let Some(rows) = records.get_mut(k.name) else {
                continue;
            };
            let file = k.fields.iter().find(|f| matches!(f.ty, Ty::File));
            rows.retain(|row| {
                let id_of = |col: &str| row.get(col).and_then(Value::as_i64).unwrap_or(-1);
                let out = match k.owner {
                    Owner::Project(col) => skip.contains(&id_of(col)),
                    Owner::Via(col, kind) => {
                        gone.get(kind).is_some_and(|s| s.contains(&id_of(col)))
                    }
                    Owner::Client | Owner::Provider => false,
                };
                if out {
                    if k.id {
                        gone.entry(k.name).or_default().insert(id_of("id"));
                    }
                    if k.name == "projects" {
                        titles.push(row["title"].as_str().unwrap_or_default().to_string());
                    }
                    if let Some(name) = file.and_then(|f| row[f.name].as_str()) {
                        self.files.remove(name);
                    }
                }
                !out
            });
        }
        let used: BTreeSet<i64> = records
            .get("projects")
            .into_iter()
            .flatten()
            .filter_map(|p| p["client_id"].as_i64())
            .collect();
        if let Some(clients) = records.get_mut("clients") {
            clients.retain(|c| c["id"].as_i64().is_some_and(|id| used.contains(&id)));
        }
        self.body.demo_projects.retain(|id| !skip.contains(id));
        titles
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Builds the two JSON files of an archive from its body and its documents: the
/// files to put in the container, `manifest.json` last.
pub fn assemble(body: &Body, documents: &BTreeMap<String, Vec<u8>>) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::with_capacity(documents.len() + 2);
    let json = serde_json::to_vec_pretty(body).expect("records are JSON values");
    out.push((RECORDS.to_string(), json));
    for (name, bytes) in documents {
        out.push((name.clone(), bytes.clone()));
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        version: VERSION,
        files: out
            .iter()
            .map(|(name, bytes)| ManifestFile {
                name: name.clone(),
                sha256: sha256_hex(bytes),
                size: bytes.len() as u64,
            })
            .collect(),
    };
    let manifest = serde_json::to_vec_pretty(&manifest).expect("manifest is JSON");
    out.push((MANIFEST.to_string(), manifest));
    out
}

/// The archive could not be read as an archive at all (not a zip, cut short).
pub fn unreadable(detail: &str) -> Refusal {
    Refusal::new(
        "archive_unreadable",
        format!("Файл не читается как архив Этапа (повреждён или обрезан): {detail}."),
        format!("The file cannot be read as an Etap archive (damaged or cut short): {detail}."),
    )
}

/// The archive unpacks to more than the limits allow.
pub fn too_large(what: &str) -> Refusal {
    Refusal::new(
        "archive_too_large",
        format!("Архив слишком велик: {what}."),
        format!("The archive is too large: {what}."),
    )
}

/// Whether `name` is a safe relative file name inside an archive: no absolute path,
/// drive, backslash, `.` or `..` part, control character or empty part.
pub fn check_name(name: &str) -> Result<(), Refusal> {
    let unsafe_name = || {
        Refusal::new(
            "archive_unsafe_path",
            format!("В архиве файл с недопустимым именем «{}»: имя должно быть относительным, без «..», без диска и обратной косой черты.", shown(name)),
            format!("The archive holds a file with an unsafe name “{}”: a name must be relative, without “..”, a drive or backslashes.", shown(name)),
        )
    };
    if name.is_empty()
        || name.len() > MAX_NAME_BYTES
        || name.starts_with('/')
        || name.contains('\\')
        || name.contains(':')
        || name.chars().any(char::is_control)
        || name
            .split('/')
            .any(|p| p.is_empty() || p == "." || p == "..")
    {
        return Err(unsafe_name());
    }
    Ok(())
}

/// A name as shown in a message: at most 80 characters, controls replaced.
fn shown(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(80)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}

fn invalid(place: &str, ru: &str, en: &str) -> Refusal {
    Refusal::new(
        "archive_invalid",
        format!("В архиве неверные данные: {place} — {ru}."),
        format!("The archive holds wrong data: {place} — {en}."),
    )
}

/// Checks a whole unpacked archive — names, manifest, hashes, version, every record's
/// fields and types, unique ids, references, documents — and answers it whole, or the
/// first thing wrong.
pub fn check(files: Vec<(String, Vec<u8>)>) -> Result<Archive, Refusal> {
    if files.len() > MAX_FILES {
        return Err(too_large(&format!("{} files", files.len())));
    }
    let mut by_name: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (name, bytes) in files {
        check_name(&name)?;
        if by_name.contains_key(&name) {
            return Err(Refusal::new(
                "archive_duplicate",
                format!("В архиве дважды файл «{}».", shown(&name)),
                format!("The archive holds the file “{}” twice.", shown(&name)),
            ));
        }
        by_name.insert(name, bytes);
    }
    let manifest = by_name.remove(MANIFEST).ok_or_else(|| {
        Refusal::new(
            "archive_unreadable",
            "В архиве нет manifest.json: это не архив Этапа или он неполон.",
            "The archive has no manifest.json: it is not an Etap archive or it is incomplete.",
        )
    })?;
    let manifest: Manifest = parse_json(MANIFEST, &manifest)?;
    check_format(MANIFEST, &manifest.format, manifest.version)?;
    let mut listed = BTreeSet::new();
    for file in &manifest.files {
        check_name(&file.name)?;
        if !listed.insert(file.name.as_str()) {
            return Err(Refusal::new(
                "archive_duplicate",
                format!(
                    "manifest.json дважды называет файл «{}».",
                    shown(&file.name)
                ),
                format!(
                    "manifest.json lists the file “{}” twice.",
                    shown(&file.name)
                ),
            ));
        }
        let Some(bytes) = by_name.get(&file.name) else {
            return Err(Refusal::new(
                "archive_dangling",
                format!(
                    "manifest.json называет файл «{}», которого в архиве нет.",
                    shown(&file.name)
                ),
                format!(
                    "manifest.json lists the file “{}”, which the archive does not hold.",
                    shown(&file.name)
                ),
            ));
        };
        if bytes.len() as u64 != file.size || sha256_hex(bytes) != file.sha256 {
            return Err(Refusal::new(
                "archive_hash_mismatch",
                format!("Файл «{}» изменён или повреждён: его SHA-256 не совпадает с manifest.json.", shown(&file.name)),
                format!("The file “{}” was changed or damaged: its SHA-256 does not match manifest.json.", shown(&file.name)),
            ));
        }
    }
    if let Some(extra) = by_name.keys().find(|n| !listed.contains(n.as_str())) {
        return Err(Refusal::new(
            "archive_dangling",
            format!("Файла «{}» нет в manifest.json: архив собран не Этапом или изменён.", shown(extra)),
            format!("The file “{}” is not in manifest.json: the archive was not made by Etap or was changed.", shown(extra)),
        ));
    }
    let json = by_name.remove(RECORDS).ok_or_else(|| {
        Refusal::new(
            "archive_unreadable",
            "В архиве нет archive.json с записями.",
            "The archive has no archive.json with its records.",
        )
    })?;
    let body: Body = parse_json(RECORDS, &json)?;
    check_format(RECORDS, &body.format, body.version)?;
    if body.scope != "all" && body.scope != "projects" {
        return Err(invalid(
            "archive.json: scope",
            "ожидается «all» или «projects»",
            "“all” or “projects” expected",
        ));
    }
    check_records(&body.records, &by_name)?;
    let projects: BTreeSet<i64> = body
        .records
        .get("projects")
        .into_iter()
        .flatten()
        .filter_map(|p| p["id"].as_i64())
        .collect();
    if let Some(id) = body.demo_projects.iter().find(|id| !projects.contains(id)) {
        return Err(Refusal::new(
            "archive_dangling",
            format!("archive.json называет демо-проектом проект с id {id}, которого в архиве нет."),
            format!("archive.json names the project with id {id} a demo project, which the archive does not hold."),
        ));
    }
    Ok(Archive {
        body,
        files: by_name,
    })
}

fn parse_json<T: serde::de::DeserializeOwned>(name: &str, bytes: &[u8]) -> Result<T, Refusal> {
    serde_json::from_slice(bytes).map_err(|e| {
        let what = if e.is_eof() {
            ("обрывается на полуслове", "is cut short")
        } else if e.is_syntax() {
            ("не является JSON", "is not JSON")
        } else {
            ("не того вида", "has the wrong shape")
        };
        invalid(
            &format!("{name} (line {}, column {})", e.line(), e.column()),
            &format!("{}: {}", what.0, shown(&e.to_string())),
            &format!("{}: {}", what.1, shown(&e.to_string())),
        )
    })
}

fn check_format(name: &str, format: &str, version: u32) -> Result<(), Refusal> {
    if format != FORMAT {
        return Err(Refusal::new(
            "archive_unreadable",
            format!("{name} не из архива Этапа (format «{}»).", shown(format)),
            format!(
                "{name} is not from an Etap archive (format “{}”).",
                shown(format)
            ),
        ));
    }
    if version != VERSION {
        return Err(Refusal::new(
            "archive_version",
            format!("Архив версии {version}, а эта версия Этапа читает только версию {VERSION}. Обновите Этап или выгрузите архив заново."),
            format!("The archive is version {version}; this version of Etap reads only version {VERSION}. Update Etap or export the archive again."),
        ));
    }
    Ok(())
}

fn check_records(records: &Records, files: &BTreeMap<String, Vec<u8>>) -> Result<(), Refusal> {
    if let Some(unknown) = records.keys().find(|k| kind(k).is_none()) {
        return Err(invalid(
            &format!("archive.json: records.{}", shown(unknown)),
            "такого вида записей нет",
            "no such kind of record",
        ));
    }
    // Ids of each kind, for references.
    let mut ids: HashMap<&str, BTreeSet<i64>> = HashMap::new();
    for k in KINDS {
        let rows = records.get(k.name).map(Vec::as_slice).unwrap_or(&[]);
        let mut keys = BTreeSet::new();
        for (i, row) in rows.iter().enumerate() {
            let place = format!("{}[{i}]", k.name);
            check_row(k, row, &place)?;
            let key: Vec<String> = k.key.iter().map(|c| row[*c].to_string()).collect();
            if !keys.insert(key.clone()) {
                return Err(Refusal::new(
                    "archive_duplicate",
                    format!("В архиве дважды запись {place} ({}).", key.join(", ")),
                    format!(
                        "The archive holds the record {place} ({}) twice.",
                        key.join(", ")
                    ),
                ));
            }
            if k.id {
                ids.entry(k.name)
                    .or_default()
                    .insert(row["id"].as_i64().unwrap_or_default());
            }
        }
    }
    let mut used_files = BTreeSet::new();
    for k in KINDS {
        for (i, row) in records.get(k.name).into_iter().flatten().enumerate() {
            for field in k.fields {
                let value = &row[field.name];
                if let (Some(target), Some(v)) = (field.refs, value.as_i64()) {
                    if !ids.get(target).is_some_and(|s| s.contains(&v)) {
                        return Err(Refusal::new(
                            "archive_dangling",
                            format!("Запись {}[{i}] ссылается на {target} с id {v}, которой в архиве нет.", k.name),
                            format!("The record {}[{i}] points to {target} with id {v}, which the archive does not hold.", k.name),
                        ));
                    }
                }
                if let (Ty::File, Some(name)) = (field.ty, value.as_str()) {
                    check_document(k, i, row, name, files, &mut used_files)?;
                }
            }
        }
    }
    if let Some(extra) = files.keys().find(|n| !used_files.contains(n.as_str())) {
        return Err(Refusal::new(
            "archive_dangling",
            format!(
                "Файл «{}» не принадлежит ни одному документу реестра.",
                shown(extra)
            ),
            format!(
                "The file “{}” belongs to no document of the register.",
                shown(extra)
            ),
        ));
    }
    Ok(())
}

fn check_document<'a>(
    k: &Kind,
    i: usize,
    row: &Record,
    name: &'a str,
    files: &BTreeMap<String, Vec<u8>>,
    used: &mut BTreeSet<&'a str>,
) -> Result<(), Refusal> {
    let place = format!("{}[{i}].{}", k.name, "path");
    check_name(name)?;
    if !name.starts_with(DOCUMENTS_DIR) {
        return Err(invalid(
            &place,
            "документ должен лежать в папке documents/",
            "a document must lie in the documents/ folder",
        ));
    }
    let Some(bytes) = files.get(name) else {
        return Err(Refusal::new(
            "archive_dangling",
            format!("Документа {place} («{}») нет в архиве.", shown(name)),
            format!(
                "The document {place} (“{}”) is not in the archive.",
                shown(name)
            ),
        ));
    };
    if !used.insert(name) {
        return Err(Refusal::new(
            "archive_duplicate",
            format!(
                "Два документа реестра ссылаются на один файл «{}».",
                shown(name)
            ),
            format!("Two register entries point to one file “{}”.", shown(name)),
        ));
    }
    let recorded = row.get("sha256").and_then(Value::as_str).unwrap_or("");
    if sha256_hex(bytes) != recorded {
        return Err(Refusal::new(
            "archive_hash_mismatch",
            format!("Файл «{}» не совпадает с реестром: его SHA-256 не тот, с которым документ выпущен.", shown(name)),
            format!("The file “{}” does not match the register: its SHA-256 is not the one it was issued with.", shown(name)),
        ));
    }
    Ok(())
}

fn check_row(k: &Kind, row: &Record, place: &str) -> Result<(), Refusal> {
    if let Some(unknown) = row.keys().find(|c| k.field(c).is_none()) {
        return Err(invalid(
            &format!("{place}.{}", shown(unknown)),
            "такого поля нет",
            "no such field",
        ));
    }
    for field in k.fields {
        let place = format!("{place}.{}", field.name);
        let Some(value) = row.get(field.name) else {
            return Err(invalid(&place, "поле отсутствует", "the field is missing"));
        };
        if value.is_null() {
            if field.null {
                continue;
            }
            return Err(invalid(
                &place,
                "пусто (null), а нужно значение",
                "null where a value is required",
            ));
        }
        let ok = match field.ty {
            Ty::Int => value.as_i64().is_some(),
            Ty::Flag => matches!(value.as_i64(), Some(0 | 1)),
            Ty::Text | Ty::Long | Ty::Hex | Ty::File | Ty::Code(_) => value.is_string(),
        };
        if !ok {
            let (ru, en) = match field.ty {
                Ty::Int => ("ожидается целое число", "a whole number expected"),
                Ty::Flag => ("ожидается 0 или 1", "0 or 1 expected"),
                _ => ("ожидается текст", "a text expected"),
            };
            return Err(invalid(&place, ru, en));
        }
        let Some(s) = value.as_str() else { continue };
        let max = match field.ty {
            Ty::Long => MAX_CONTENT_BYTES,
            Ty::Hex => 2 * crate::logo::MAX_LOGO_BYTES,
            _ => MAX_TEXT_BYTES,
        };
        if s.len() > max {
            return Err(too_large(&format!(
                "{place}: {} bytes, at most {max}",
                s.len()
            )));
        }
        match field.ty {
            Ty::Code(accepts) if !accepts(s) => {
                return Err(invalid(
                    &place,
                    &format!("неизвестный код «{}»", shown(s)),
                    &format!("unknown code “{}”", shown(s)),
                ))
            }
            Ty::Hex if s.len() % 2 != 0 || !s.bytes().all(|b| b.is_ascii_hexdigit()) => {
                return Err(invalid(
                    &place,
                    "ожидаются шестнадцатеричные байты",
                    "hex bytes expected",
                ))
            }
            _ => {}
        }
    }
    if k.name == "spec_versions" {
        let content = row["content"].as_str().unwrap_or("");
        if let Err(e) = serde_json::from_str::<crate::spec::SpecContent>(content) {
            return Err(invalid(
                &format!("{place}.content"),
                &format!("содержание ТЗ не читается: {}", shown(&e.to_string())),
                &format!("the ТЗ content cannot be read: {}", shown(&e.to_string())),
            ));
        }
    }
    if k.name == "issued_documents" || k.name == "db_archives" {
        let sha = row["sha256"].as_str().unwrap_or("");
        if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid(
                &format!("{place}.sha256"),
                "ожидаются 64 шестнадцатеричные цифры",
                "64 hex digits expected",
            ));
        }
    }
    Ok(())
}

/// Hex to bytes (the logo); `None` for anything that is not even-length hex.
pub fn from_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Bytes to lower-case hex (the logo).
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What an export wrote, for the window and the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Exported {
    pub projects: u32,
    pub documents: u32,
    /// The archive file's size.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
}

/// What an import brought in, for the window and the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Imported {
    /// The projects added, under their new ids.
    pub projects: Vec<ImportedProject>,
    /// Clients of the archive that were already here (same ИНН): their projects were
    /// attached to the client as it is here, whose card was left unchanged.
    pub clients_matched: Vec<String>,
    /// Issued documents added to the register, with their files.
    pub documents: u32,
    /// Demo projects of the archive left out: this database has its own demo, whose
    /// documents carry the same numbers.
    pub demo_left_out: Vec<String>,
}

/// One imported project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportedProject {
    pub id: i64,
    pub title: String,
}

/// The register already holds a document of this kind and number: two documents
/// with one number would make the register lie, so the import is refused.
pub fn number_taken(number: &str) -> Refusal {
    Refusal::new(
        "archive_number_taken",
        format!("В реестре этой базы уже есть документ № {} — архив из этой же базы или из базы с той же нумерацией. Ничего не импортировано.", shown(number)),
        format!("This database's register already holds document No. {} — the archive comes from this database or one with the same numbering. Nothing was imported.", shown(number)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_names_are_safe() {
        for ok in [
            "archive.json",
            "documents/1-ТЗ-1-1.pdf",
            "documents/a/b.pdf",
        ] {
            assert!(check_name(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x.pdf",
            "documents/../../x.pdf",
            "documents/./x.pdf",
            "documents//x.pdf",
            "C:\\x.pdf",
            "c:x.pdf",
            "documents\\x.pdf",
            "documents/x\u{0}.pdf",
            "documents/",
        ] {
            let r = check_name(bad).unwrap_err();
            assert_eq!(r.code, "archive_unsafe_path", "{bad:?}");
        }
        assert!(check_name(&"a".repeat(MAX_NAME_BYTES + 1)).is_err());
    }

    #[test]
    fn every_reference_names_a_kind_with_ids_listed_before_it() {
        for (i, k) in KINDS.iter().enumerate() {
            for f in k.fields {
                if let Some(target) = f.refs {
                    let at = KINDS.iter().position(|t| t.name == target).unwrap();
                    assert!(at < i, "{}.{} → {target}", k.name, f.name);
                    assert!(KINDS[at].id, "{target} has ids");
                }
            }
            for key in k.key {
                assert!(k.field(key).is_some(), "{}: key {key}", k.name);
            }
        }
    }

    #[test]
    fn hex_round_trips_and_refuses_what_is_not_hex() {
        assert_eq!(
            from_hex(&to_hex(&[0, 1, 254, 255])).unwrap(),
            [0, 1, 254, 255]
        );
        assert!(from_hex("abc").is_none());
        assert!(from_hex("zz").is_none());
        assert!(from_hex("éé").is_none());
    }
}
