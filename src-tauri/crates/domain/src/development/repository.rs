//! The project's local git repository, as the rules see it: what folder may be named,
//! what the acceptance form offers from it (tags and recent commits) and what a
//! manager reads when the folder is not a repository or the code reference is not in
//! it. Reading the repository is storage's (`etap_storage::git`); this module only
//! judges what it found.

use serde::{Deserialize, Serialize};

use super::*;
use crate::input::PathProblem;
use crate::lifecycle::Refusal;

/// How many of the newest commits the acceptance form offers.
pub const RECENT_COMMITS: usize = 30;

/// One tag or commit the acceptance form offers as the code reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RepoRef {
    /// What to put in the code reference: the tag's name or the commit's short hash.
    pub name: String,
    /// The commit's short hash (for a tag, the commit it points at).
    pub commit: String,
    /// The commit's date, ISO (YYYY-MM-DD).
    pub date: String,
    /// The first line of the commit's message.
    pub summary: String,
}

/// What the project's repository offers: its tags and its newest commits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RepoRefs {
    /// The repository folder the project names; empty when it names none, and then
    /// the code reference is checked by its form only.
    pub folder: String,
    /// Tags, newest commit first.
    pub tags: Vec<RepoRef>,
    /// The newest [`RECENT_COMMITS`] commits reachable from HEAD, newest first.
    pub commits: Vec<RepoRef>,
    /// Why the named folder cannot be read now (moved, deleted, no longer a
    /// repository); the folder is still named, so the form can show and change it.
    pub problem: Option<crate::text::Text>,
}

/// What looking a code reference up in the repository found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found,
    NotFound,
    /// A short hash that starts more than one object.
    Ambiguous,
}

/// The folder a user typed, as it is kept: trimmed; empty names no repository. A
/// folder that is not an absolute path is refused (the app has no "current folder" a
/// manager could mean).
pub fn repository_folder(value: &str) -> Result<String, Refusal> {
    match crate::input::folder_path(value) {
        Ok(v) => Ok(v.to_string()),
        Err(PathProblem::Unusable) => Err(not_a_repository(value.trim())),
        Err(PathProblem::NotAbsolute) => {
            let v = value.trim();
            Err(Refusal::new(
                "repository_invalid",
                format!("Укажите полный путь к папке репозитория (например, /home/anna/projects/site), а не «{v}»."),
                format!("Give the full path of the repository folder (for example /home/anna/projects/site), not “{v}”."),
            ))
        }
    }
}

/// The folder is not (or no longer) a git repository Etap can read.
pub fn not_a_repository(folder: &str) -> Refusal {
    Refusal::new(
        "repository_invalid",
        format!(
            "Папка «{folder}» — не git-репозиторий (или недоступна). Укажите папку, в которой лежит .git, или очистите поле: тогда ссылка на код проверяется только по форме."
        ),
        format!(
            "The folder “{folder}” is not a git repository (or cannot be read). Name the folder that holds .git, or clear the field: then the code reference is checked by its form only."
        ),
    )
}

/// What a manager reads when the code reference is not in the project's repository;
/// `None` when it is there.
pub fn lookup_refusal(code: &CodeRef, folder: &str, found: Lookup) -> Option<Refusal> {
    let v = code.as_str();
    match found {
        Lookup::Found => None,
        Lookup::NotFound => Some(match code {
            CodeRef::Commit(_) => Refusal::new(
                "code_ref_not_found",
                format!("В репозитории «{folder}» нет коммита {v}. Выберите коммит или тег из списка или проверьте хеш."),
                format!("The repository “{folder}” has no commit {v}. Pick a commit or tag from the list, or check the hash."),
            ),
            CodeRef::Tag(_) => Refusal::new(
                "code_ref_not_found",
                format!("В репозитории «{folder}» нет тега «{v}». Выберите тег или коммит из списка или сначала поставьте тег (git tag {v})."),
                format!("The repository “{folder}” has no tag “{v}”. Pick a tag or commit from the list, or tag the code first (git tag {v})."),
            ),
        }),
        Lookup::Ambiguous => Some(Refusal::new(
            "code_ref_ambiguous",
            format!("В репозитории «{folder}» несколько объектов начинаются с {v}: допишите хеш (ещё несколько цифр)."),
            format!("Several objects in the repository “{folder}” start with {v}: type more digits of the hash."),
        )),
    }
}
