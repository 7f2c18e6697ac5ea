//! The technical specification (ТЗ) as content: a tree of numbered sections with text
//! in a Markdown subset and requirements with stable IDs; its canonical form and
//! SHA-256 (what "approved" freezes); and the difference between two versions.
//!
//! Guarantees:
//! - section numbers come from the position in the tree only ([`numbered`]), so a move
//!   renumbers everything after it; requirement IDs are assigned once ([`next_req_id`])
//!   and never change nor return after a deletion, so a client's reference to ТР-4.2.3
//!   stays valid;
//! - [`SpecContent::sha256`] hashes a canonical JSON form: equal content, equal hash;
//! - [`diff`] lists every added, removed, changed and moved section and requirement,
//!   with word-level changes for people, and carries the new values, so
//!   [`apply`]`(a, diff(a, b)) == b` (property-tested).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::text::Lang;

/// A requirement's priority (MoSCoW without "won't").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    #[default]
    Must,
    Should,
    Could,
}

/// A numbered requirement with its acceptance criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Requirement {
    /// Stable ID: ТР-4.2.3 / REQ-4.2.3, given when the requirement is created.
    pub id: String,
    pub text: String,
    pub priority: Priority,
    pub acceptance: String,
    /// The estimate items (their stable keys) this requirement is priced in.
    pub estimate_items: Vec<i64>,
}

/// A section of the specification. `key` identifies it across versions and moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SpecSection {
    pub key: u32,
    pub title: String,
    /// Required by the template: must not be empty when the version is approved.
    pub required: bool,
    /// Text in a Markdown subset: paragraphs, **bold**, *italic*, lists, tables.
    pub body: String,
    pub requirements: Vec<Requirement>,
    pub children: Vec<SpecSection>,
}

impl SpecSection {
    pub fn is_empty(&self) -> bool {
        self.body.trim().is_empty()
            && self.requirements.is_empty()
            && self.children.iter().all(SpecSection::is_empty)
    }
}

/// The whole content of one specification version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SpecContent {
    pub lang: Lang,
    pub sections: Vec<SpecSection>,
}

impl SpecContent {
    /// The canonical form: JSON with the fields in declaration order, no spaces.
    pub fn canonical(&self) -> String {
        // Serialising plain structs, strings and numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Hex SHA-256 of the canonical form.
    pub fn sha256(&self) -> String {
        Sha256::digest(self.canonical().as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The IDs of every requirement in the content.
    pub fn requirement_ids(&self) -> BTreeSet<String> {
        numbered(&self.sections)
            .into_iter()
            .flat_map(|(_, s)| s.requirements.iter().map(|r| r.id.clone()))
            .collect()
    }

    /// The largest section key in use (new sections take the next one).
    pub fn max_key(&self) -> u32 {
        fn walk(s: &[SpecSection]) -> u32 {
            s.iter()
                .map(|x| x.key.max(walk(&x.children)))
                .max()
                .unwrap_or(0)
        }
        walk(&self.sections)
    }

    /// The required sections that are empty, with their numbers: what blocks approval.
    pub fn empty_required(&self) -> Vec<(String, String)> {
        numbered(&self.sections)
            .into_iter()
            .filter(|(_, s)| s.required && s.is_empty())
            .map(|(n, s)| (n, s.title.clone()))
            .collect()
    }
}

/// What the printed ТЗ does with a section that has nothing in it (no text, no
/// requirements, no subsection with either): the user picks it when exporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EmptySections {
    /// The heading with «Не предъявляются.» under it, as ГОСТ 34 documents say it;
    /// its empty subsections are not printed.
    #[default]
    NotSpecified,
    /// Left out of the document; the sections after it are numbered on.
    Omit,
}

impl EmptySections {
    /// The sentence printed under an empty section's heading.
    pub fn wording(lang: Lang) -> &'static str {
        match lang {
            Lang::Ru => "Не предъявляются.",
            Lang::En => "Not specified.",
        }
    }

    /// The sections as they are printed: empty ones with the wording, or left out.
    pub fn apply(self, sections: &[SpecSection], lang: Lang) -> Vec<SpecSection> {
        sections
            .iter()
            .filter(|s| self == EmptySections::NotSpecified || !s.is_empty())
            .map(|s| {
                if s.is_empty() {
                    SpecSection {
                        body: Self::wording(lang).to_string(),
                        children: Vec::new(),
                        ..s.clone()
                    }
                } else {
                    SpecSection {
                        children: self.apply(&s.children, lang),
                        ..s.clone()
                    }
                }
            })
            .collect()
    }
}

/// One line of a version's outline: what the editor shows beside each section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutlineEntry {
    pub key: u32,
    pub number: String,
    pub depth: u32,
    pub title: String,
    pub required: bool,
    pub empty: bool,
}

/// The numbered outline of a content, depth-first.
pub fn outline(content: &SpecContent) -> Vec<OutlineEntry> {
    numbered(&content.sections)
        .into_iter()
        .map(|(number, s)| OutlineEntry {
            key: s.key,
            depth: number.matches('.').count() as u32,
            number,
            title: s.title.clone(),
            required: s.required,
            empty: s.is_empty(),
        })
        .collect()
}

/// The section with `key`, anywhere in the tree.
pub fn find_mut(sections: &mut [SpecSection], key: u32) -> Option<&mut SpecSection> {
    for s in sections {
        if s.key == key {
            return Some(s);
        }
        if let Some(found) = find_mut(&mut s.children, key) {
            return Some(found);
        }
    }
    None
}

/// Every section depth-first with its number: "1", "1.1", "1.2", "2"…
pub fn numbered(sections: &[SpecSection]) -> Vec<(String, &SpecSection)> {
    fn walk<'a>(prefix: &str, s: &'a [SpecSection], out: &mut Vec<(String, &'a SpecSection)>) {
        for (i, sec) in s.iter().enumerate() {
            let n = if prefix.is_empty() {
                format!("{}", i + 1)
            } else {
                format!("{prefix}.{}", i + 1)
            };
            out.push((n.clone(), sec));
            walk(&n, &sec.children, out);
        }
    }
    let mut out = Vec::new();
    walk("", sections, &mut out);
    out
}

/// The ID for a new requirement in the section numbered `number`: the next
/// ТР-`number`.N (REQ- in English) that is neither in `content` nor in `issued` — every
/// ID ever given in any version of the project's specification (storage keeps that
/// set), so an ID deleted from a draft is never handed to another requirement.
pub fn next_req_id(content: &SpecContent, number: &str, issued: &BTreeSet<String>) -> String {
    let prefix = match content.lang {
        Lang::Ru => "ТР",
        Lang::En => "REQ",
    };
    let taken = content.requirement_ids();
    (1..)
        .map(|n| format!("{prefix}-{number}.{n}"))
        .find(|id| !taken.contains(id) && !issued.contains(id))
        .unwrap_or_default()
}

/// One word-level piece of a changed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum WordChange {
    Same(String),
    Added(String),
    Removed(String),
}

/// Word-level differences between two texts (whitespace kept with the words).
pub fn word_diff(before: &str, after: &str) -> Vec<WordChange> {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_unicode_words(before, after);
    let mut out: Vec<WordChange> = Vec::new();
    for change in diff.iter_all_changes() {
        let piece = change.value().to_string();
        let next = match change.tag() {
            similar::ChangeTag::Equal => WordChange::Same(piece),
            similar::ChangeTag::Insert => WordChange::Added(piece),
            similar::ChangeTag::Delete => WordChange::Removed(piece),
        };
        match (out.last_mut(), next) {
            (Some(WordChange::Same(a)), WordChange::Same(b))
            | (Some(WordChange::Added(a)), WordChange::Added(b))
            | (Some(WordChange::Removed(a)), WordChange::Removed(b)) => a.push_str(&b),
            (_, n) => out.push(n),
        }
    }
    out
}

/// A section as the diff carries it: its place in the tree and its own fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionState {
    /// The parent section's key; `None` at the top level.
    pub parent: Option<u32>,
    pub position: u32,
    /// Its number in the version the state comes from.
    pub number: String,
    pub title: String,
    pub required: bool,
    pub body: String,
    pub requirements: Vec<Requirement>,
}

/// What happened to one section between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SectionChange {
    Added {
        key: u32,
        after: SectionState,
    },
    Removed {
        key: u32,
        before: SectionState,
    },
    Changed {
        key: u32,
        before: SectionState,
        after: SectionState,
        /// Word-level changes of the title and the text, for people.
        title: Vec<WordChange>,
        body: Vec<WordChange>,
        requirements: Vec<RequirementChange>,
        moved: bool,
    },
}

/// What happened to one requirement inside a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RequirementChange {
    Added {
        id: String,
        text: String,
    },
    Removed {
        id: String,
        text: String,
    },
    Changed {
        id: String,
        text: Vec<WordChange>,
        acceptance: Vec<WordChange>,
        priority: Option<(Priority, Priority)>,
    },
}

/// The difference between two versions, section by section, in the order of the
/// newer version (removed sections last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SpecDiff {
    pub lang: Option<Lang>,
    pub changes: Vec<SectionChange>,
}

impl SpecDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.lang.is_none()
    }
}

fn flatten(content: &SpecContent) -> BTreeMap<u32, SectionState> {
    fn walk(
        parent: Option<u32>,
        prefix: &str,
        s: &[SpecSection],
        out: &mut BTreeMap<u32, SectionState>,
    ) {
        for (i, sec) in s.iter().enumerate() {
            let number = if prefix.is_empty() {
                format!("{}", i + 1)
            } else {
                format!("{prefix}.{}", i + 1)
            };
            out.insert(
                sec.key,
                SectionState {
                    parent,
                    position: i as u32,
                    number: number.clone(),
                    title: sec.title.clone(),
                    required: sec.required,
                    body: sec.body.clone(),
                    requirements: sec.requirements.clone(),
                },
            );
            walk(Some(sec.key), &number, &sec.children, out);
        }
    }
    let mut out = BTreeMap::new();
    walk(None, "", &content.sections, &mut out);
    out
}

fn requirement_changes(before: &[Requirement], after: &[Requirement]) -> Vec<RequirementChange> {
    let mut out = Vec::new();
    for a in after {
        match before.iter().find(|b| b.id == a.id) {
            None => out.push(RequirementChange::Added {
                id: a.id.clone(),
                text: a.text.clone(),
            }),
            Some(b) if b != a => out.push(RequirementChange::Changed {
                id: a.id.clone(),
                text: word_diff(&b.text, &a.text),
                acceptance: word_diff(&b.acceptance, &a.acceptance),
                priority: (b.priority != a.priority).then_some((b.priority, a.priority)),
            }),
            Some(_) => {}
        }
    }
    for b in before {
        if !after.iter().any(|a| a.id == b.id) {
            out.push(RequirementChange::Removed {
                id: b.id.clone(),
                text: b.text.clone(),
            });
        }
    }
    out
}

/// What changed from `a` to `b`.
pub fn diff(a: &SpecContent, b: &SpecContent) -> SpecDiff {
    let fa = flatten(a);
    let fb = flatten(b);
    let mut changes = Vec::new();
    // In the newer version's reading order.
    for (number, sec) in numbered(&b.sections) {
        let _ = number;
        let after = &fb[&sec.key];
        match fa.get(&sec.key) {
            None => changes.push(SectionChange::Added {
                key: sec.key,
                after: after.clone(),
            }),
            Some(before) => {
                let moved = before.parent != after.parent || before.position != after.position;
                let same_fields = before.title == after.title
                    && before.required == after.required
                    && before.body == after.body
                    && before.requirements == after.requirements;
                if !same_fields || moved {
                    changes.push(SectionChange::Changed {
                        key: sec.key,
                        before: before.clone(),
                        after: after.clone(),
                        title: word_diff(&before.title, &after.title),
                        body: word_diff(&before.body, &after.body),
                        requirements: requirement_changes(
                            &before.requirements,
                            &after.requirements,
                        ),
                        moved,
                    });
                }
            }
        }
    }
    for (key, before) in &fa {
        if !fb.contains_key(key) {
            changes.push(SectionChange::Removed {
                key: *key,
                before: before.clone(),
            });
        }
    }
    SpecDiff {
        lang: (a.lang != b.lang).then_some(b.lang),
        changes,
    }
}

/// Applies a diff made by [`diff`] to the version it was made from.
pub fn apply(a: &SpecContent, d: &SpecDiff) -> SpecContent {
    let mut flat = flatten(a);
    for c in &d.changes {
        match c {
            SectionChange::Added { key, after } | SectionChange::Changed { key, after, .. } => {
                flat.insert(*key, after.clone());
            }
            SectionChange::Removed { key, .. } => {
                flat.remove(key);
            }
        }
    }
    fn build(parent: Option<u32>, flat: &BTreeMap<u32, SectionState>) -> Vec<SpecSection> {
        let mut kids: Vec<(u32, &SectionState)> = flat
            .iter()
            .filter(|(_, s)| s.parent == parent)
            .map(|(k, s)| (*k, s))
            .collect();
        kids.sort_by_key(|(k, s)| (s.position, *k));
        kids.into_iter()
            .map(|(key, s)| SpecSection {
                key,
                title: s.title.clone(),
                required: s.required,
                body: s.body.clone(),
                requirements: s.requirements.clone(),
                children: build(Some(key), flat),
            })
            .collect()
    }
    SpecContent {
        lang: d.lang.unwrap_or(a.lang),
        sections: build(None, &flat),
    }
}

/// Whether a version can still be edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SpecStatus {
    Draft,
    Approved,
}

/// One version of a project's specification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SpecVersion {
    pub id: i64,
    pub project_id: i64,
    pub number: u32,
    pub template: crate::spec_templates::Template,
    pub status: SpecStatus,
    pub content: SpecContent,
    /// Set on approval: SHA-256 of the canonical content.
    pub sha256: String,
    pub approved_at: String,
    pub approver: String,
    pub updated_at: String,
    /// Numbers and emptiness of every section, computed here for the editor.
    pub outline: Vec<OutlineEntry>,
}

/// One search result, with the matched words marked by `[` and `]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    pub project_id: i64,
    pub project_title: String,
    pub version_id: i64,
    pub version: u32,
    pub section_number: String,
    pub section_title: String,
    pub snippet: String,
}

/// One page of search results, best first: ranking and snippets are made only for
/// what is shown; `more` says a further page exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    pub more: bool,
}

#[cfg(test)]
mod tests {

    #[test]
    fn empty_sections_print_as_not_specified_or_are_left_out() {
        let sec = |key, title: &str, body: &str, children| SpecSection {
            key,
            title: title.into(),
            required: false,
            body: body.into(),
            requirements: vec![],
            children,
        };
        let tree = vec![
            sec(1, "Общие сведения", "Текст.", vec![]),
            sec(
                2,
                "Требования",
                "",
                vec![
                    sec(3, "К надёжности", "", vec![]),
                    sec(4, "К защите", "Да.", vec![]),
                ],
            ),
            sec(5, "Пусто", "", vec![sec(6, "Пусто внутри", " ", vec![])]),
        ];
        let noted = EmptySections::NotSpecified.apply(&tree, Lang::Ru);
        assert_eq!(noted.len(), 3);
        assert_eq!(
            noted[1].body, "",
            "a heading over filled subsections stays bare"
        );
        assert_eq!(noted[1].children[0].body, "Не предъявляются.");
        assert_eq!(noted[1].children[1].body, "Да.");
        assert_eq!(noted[2].body, "Не предъявляются.");
        assert!(noted[2].children.is_empty());
        let omitted = EmptySections::Omit.apply(&tree, Lang::En);
        let titles: Vec<_> = numbered(&omitted)
            .into_iter()
            .map(|(n, s)| format!("{n} {}", s.title))
            .collect();
        assert_eq!(titles, ["1 Общие сведения", "2 Требования", "2.1 К защите"]);
    }

    use super::*;

    pub(crate) fn section(key: u32, title: &str, children: Vec<SpecSection>) -> SpecSection {
        SpecSection {
            key,
            title: title.into(),
            required: false,
            body: String::new(),
            requirements: vec![],
            children,
        }
    }

    #[test]
    fn numbers_follow_the_tree_and_change_after_a_move() {
        let mut c = SpecContent {
            lang: Lang::Ru,
            sections: vec![
                section(1, "Общие сведения", vec![]),
                section(
                    2,
                    "Требования",
                    vec![
                        section(3, "Функции", vec![]),
                        section(4, "Надёжность", vec![]),
                    ],
                ),
            ],
        };
        let n: Vec<String> = numbered(&c.sections).into_iter().map(|(n, _)| n).collect();
        assert_eq!(n, ["1", "2", "2.1", "2.2"]);
        // Move "Надёжность" to the top level, first.
        let moved = c.sections[1].children.remove(1);
        c.sections.insert(0, moved);
        let n: Vec<(String, u32)> = numbered(&c.sections)
            .into_iter()
            .map(|(n, s)| (n, s.key))
            .collect();
        assert_eq!(
            n,
            [
                ("1".into(), 4),
                ("2".into(), 1),
                ("3".into(), 2),
                ("3.1".into(), 3)
            ]
        );
    }

    #[test]
    fn requirement_ids_are_not_reused() {
        let mut c = SpecContent {
            lang: Lang::Ru,
            sections: vec![section(1, "Функции", vec![])],
        };
        let none = BTreeSet::new();
        let id = next_req_id(&c, "4.2", &none);
        assert_eq!(id, "ТР-4.2.1");
        c.sections[0].requirements.push(Requirement {
            id,
            text: "Вход по телефону".into(),
            priority: Priority::Must,
            acceptance: "СМС приходит за 30 с".into(),
            estimate_items: vec![],
        });
        assert_eq!(next_req_id(&c, "4.2", &none), "ТР-4.2.2");
        // Issue 10: ТР-4.2.2 was given once and deleted; it is not given again.
        let issued = BTreeSet::from(["ТР-4.2.1".to_string(), "ТР-4.2.2".to_string()]);
        assert_eq!(next_req_id(&c, "4.2", &issued), "ТР-4.2.3");
        c.lang = Lang::En;
        assert_eq!(next_req_id(&c, "1", &none), "REQ-1.1");
    }

    #[test]
    fn the_hash_is_of_the_content_only() {
        let a = SpecContent {
            lang: Lang::Ru,
            sections: vec![section(1, "Общие сведения", vec![])],
        };
        let mut b = a.clone();
        assert_eq!(a.sha256(), b.sha256());
        b.sections[0].body = "Текст".into();
        assert_ne!(a.sha256(), b.sha256());
        assert_eq!(a.sha256().len(), 64);
    }

    #[test]
    fn word_diff_marks_only_the_changed_words() {
        let d = word_diff(
            "Система хранит заказы 3 года",
            "Система хранит заказы 5 лет",
        );
        assert_eq!(
            d,
            [
                WordChange::Same("Система хранит заказы ".into()),
                WordChange::Removed("3".into()),
                WordChange::Added("5".into()),
                WordChange::Same(" ".into()),
                WordChange::Removed("года".into()),
                WordChange::Added("лет".into()),
            ]
        );
    }

    #[test]
    fn empty_required_sections_are_named_with_their_numbers() {
        let mut s = section(2, "Цели", vec![]);
        s.required = true;
        let c = SpecContent {
            lang: Lang::Ru,
            sections: vec![section(1, "Общие", vec![]), s],
        };
        assert_eq!(c.empty_required(), [("2".to_string(), "Цели".to_string())]);
    }
}
