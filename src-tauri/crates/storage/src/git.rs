//! Reading the project's local git repository (gitoxide), read-only: the tags and the
//! newest commits the acceptance form offers, and whether a code reference exists.
//! Nothing here writes to the repository or reaches the network. What a folder may be
//! and what a manager reads when something is missing is the domain's
//! (`etap_domain::development::{repository_folder, not_a_repository, lookup_refusal}`).

use std::path::Path;

use etap_domain::development::{
    lookup_refusal, not_a_repository, CodeRef, Lookup, RepoRef, RepoRefs, RECENT_COMMITS,
};
use etap_domain::lifecycle::Refusal;
use gix::revision::walk::Sorting;
use gix::traverse::commit::simple::CommitTimeOrder;

/// Opens `folder` as a repository: the folder itself (its `.git`) or a bare one; never
/// a parent folder, so a project folder inside another repository is not mistaken for
/// it.
fn open(folder: &str) -> Result<gix::Repository, Refusal> {
    let path = Path::new(folder);
    if !path.is_dir() {
        return Err(not_a_repository(folder));
    }
    // Read-only use: no config from the environment or the user's files can change
    // what we read, and a repository owned by someone else is still readable.
    let options = gix::open::Options::isolated();
    gix::open_opts(path, options).map_err(|_| not_a_repository(folder))
}

/// Whether `folder` is a repository Etap can read.
pub fn check(folder: &str) -> Result<(), Refusal> {
    open(folder).map(|_| ())
}

/// The ISO date of a commit, in its own time zone (as `git log` shows it).
fn date(commit: &gix::Commit<'_>) -> String {
    commit
        .time()
        .ok()
        .and_then(|t| chrono::DateTime::from_timestamp(t.seconds + i64::from(t.offset), 0))
        .map(|d| d.date_naive().format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn describe(commit: &gix::Commit<'_>, name: Option<String>) -> RepoRef {
    let short = commit
        .short_id()
        .map(|p| p.to_string())
        .unwrap_or_else(|_| {
            let mut s = commit.id.to_string();
            s.truncate(7);
            s
        });
    let summary = commit
        .message()
        .map(|m| m.summary().to_string())
        .unwrap_or_default();
    RepoRef {
        name: name.unwrap_or_else(|| short.clone()),
        commit: short,
        date: date(commit),
        summary,
    }
}

/// The tags (newest commit first) and the newest commits from HEAD of `folder`.
pub fn refs(folder: &str) -> Result<RepoRefs, Refusal> {
    let repo = open(folder)?;
    let broken = |_| not_a_repository(folder);
    let mut tags: Vec<(i64, RepoRef)> = Vec::new();
    let platform = repo.references().map_err(broken)?;
    for r in platform.tags().map_err(|_| not_a_repository(folder))? {
        let Ok(mut r) = r else { continue };
        let name = r.name().shorten().to_string();
        // A tag on something other than a commit (a tree, a blob) cannot be code.
        let Ok(commit) = r.peel_to_commit() else {
            continue;
        };
        let seconds = commit.time().map(|t| t.seconds).unwrap_or(0);
        tags.push((seconds, describe(&commit, Some(name))));
    }
    tags.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    let mut commits = Vec::new();
    // A repository without commits yet has no HEAD commit: nothing to offer.
    if let Ok(head) = repo.head_commit() {
        let walk = head
            .ancestors()
            .sorting(Sorting::ByCommitTime(CommitTimeOrder::NewestFirst))
            .all()
            .map_err(|_| not_a_repository(folder))?;
        for info in walk.take(RECENT_COMMITS) {
            let Ok(info) = info else { break };
            if let Ok(commit) = info.object() {
                commits.push(describe(&commit, None));
            }
        }
    }
    Ok(RepoRefs {
        folder: folder.to_string(),
        tags: tags.into_iter().map(|(_, r)| r).collect(),
        commits,
        problem: None,
    })
}

/// Whether `code` names a tag or a commit of `folder`: `Ok(())` when it does, else
/// the domain's refusal (not a repository, not found, an ambiguous short hash).
pub fn find(folder: &str, code: &CodeRef) -> Result<(), Refusal> {
    let repo = open(folder)?;
    let found = match code {
        CodeRef::Tag(name) => match repo.try_find_reference(format!("refs/tags/{name}").as_str()) {
            Ok(Some(mut r)) => {
                if r.peel_to_commit().is_ok() {
                    Lookup::Found
                } else {
                    Lookup::NotFound
                }
            }
            _ => Lookup::NotFound,
        },
        CodeRef::Commit(hex) => match gix::hash::Prefix::from_hex(hex) {
            Err(_) => Lookup::NotFound,
            Ok(prefix) => match repo.objects.lookup_prefix(prefix, None) {
                Ok(Some(Ok(id))) => match repo.find_object(id) {
                    Ok(o) if o.kind == gix::object::Kind::Commit => Lookup::Found,
                    _ => Lookup::NotFound,
                },
                Ok(Some(Err(()))) => Lookup::Ambiguous,
                Ok(None) => Lookup::NotFound,
                Err(_) => return Err(not_a_repository(folder)),
            },
        },
    };
    match lookup_refusal(code, folder, found) {
        None => Ok(()),
        Some(r) => Err(r),
    }
}
