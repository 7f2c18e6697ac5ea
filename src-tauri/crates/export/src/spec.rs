//! The specification (ТЗ): a stored version as the document — its sections with the
//! Markdown subset parsed by the domain, requirements with priorities, the approval
//! block — with the «лист изменений» addendum since an earlier version when asked.
//! A version not approved goes out as a draft (the issue check says so).

use std::path::Path;

use chrono::{NaiveDate, Utc};
use etap_documents::model::DocMeta;
use etap_domain::entity::{DocKind, IssuedDocument};
use etap_domain::Lang;
use etap_storage::Store;

use etap_documents::display::{letters_before, PagesFocus, PagesView, SectionPage};

use crate::issue::{issue, Request};
use crate::parties::{contractor_name, party};
use crate::Result;

/// A specification body as document blocks: the Markdown subset parsed by the domain
/// (`etap_domain::markdown`, the one parser the preview uses too), block for block.
fn body_blocks(body: &str, lang: Lang) -> Vec<etap_documents::model::Content> {
    use etap_documents::model::{Content, Inline};
    use etap_domain::markdown::Block;
    etap_domain::markdown::parse(body, lang)
        .into_iter()
        .map(|b| match b {
            Block::Paragraph { runs } => Content::Styled(Inline(runs)),
            Block::List { items } => Content::List(items),
            Block::Quote { paragraphs } => {
                Content::Quote(paragraphs.into_iter().map(Inline).collect())
            }
            Block::Table { header, rows } => Content::Table(
                std::iter::once(header)
                    .chain(rows)
                    .map(|r| r.into_iter().map(Inline).collect())
                    .collect(),
            ),
        })
        .collect()
}

fn doc_sections(
    sections: &[etap_domain::spec::SpecSection],
    lang: Lang,
) -> Vec<etap_documents::model::Section> {
    use etap_documents::model::{Content, Priority as DocPriority, Requirement as DocRequirement};
    use etap_domain::spec::Priority;
    sections
        .iter()
        .map(|s| {
            let mut content = body_blocks(&s.body, lang);
            if !s.requirements.is_empty() {
                content.push(Content::Requirements(
                    s.requirements
                        .iter()
                        .map(|r| DocRequirement {
                            id: r.id.clone(),
                            text: r.text.clone(),
                            priority: match r.priority {
                                Priority::Must => DocPriority::Must,
                                Priority::Should => DocPriority::Should,
                                Priority::Could => DocPriority::Could,
                            },
                            acceptance: r.acceptance.clone(),
                        })
                        .collect(),
                ));
            }
            etap_documents::model::Section {
                title: s.title.clone(),
                content,
                children: doc_sections(&s.children, lang),
            }
        })
        .collect()
}

fn words(changes: &[etap_domain::spec::WordChange]) -> (String, String) {
    use etap_domain::spec::WordChange;
    let mut before = String::new();
    let mut after = String::new();
    for c in changes {
        match c {
            WordChange::Same(t) => {
                before.push_str(t);
                after.push_str(t);
            }
            WordChange::Removed(t) => before.push_str(t),
            WordChange::Added(t) => after.push_str(t),
        }
    }
    (before, after)
}

/// The «Лист изменений» addendum: what changed since version `from`, in words.
fn change_list(
    d: &etap_domain::spec::SpecDiff,
    from: u32,
    lang: Lang,
) -> etap_documents::model::Section {
    use etap_documents::model::{Content, Section};
    use etap_domain::spec::{RequirementChange, SectionChange};
    let mut items = Vec::new();
    for c in &d.changes {
        match c {
            SectionChange::Added { after, .. } => items.push(match lang {
                Lang::Ru => format!("Добавлен раздел {} «{}».", after.number, after.title),
                Lang::En => format!("Section {} “{}” added.", after.number, after.title),
            }),
            SectionChange::Removed { before, .. } => items.push(match lang {
                Lang::Ru => format!("Исключён раздел {} «{}».", before.number, before.title),
                Lang::En => format!("Section {} “{}” removed.", before.number, before.title),
            }),
            SectionChange::Changed {
                before,
                after,
                body,
                requirements,
                moved,
                ..
            } => {
                if before.title != after.title {
                    items.push(match lang {
                        Lang::Ru => format!(
                            "Раздел {} переименован: «{}» → «{}».",
                            after.number, before.title, after.title
                        ),
                        Lang::En => format!(
                            "Section {} renamed: “{}” → “{}”.",
                            after.number, before.title, after.title
                        ),
                    });
                }
                if *moved && before.number != after.number {
                    items.push(match lang {
                        Lang::Ru => format!(
                            "Раздел «{}» перенесён: {} → {}.",
                            after.title, before.number, after.number
                        ),
                        Lang::En => format!(
                            "Section “{}” moved: {} → {}.",
                            after.title, before.number, after.number
                        ),
                    });
                }
                if before.body != after.body {
                    let (_, new) = words(body);
                    items.push(match lang {
                        Lang::Ru => format!(
                            "Изменён текст раздела {} «{}»: {}",
                            after.number,
                            after.title,
                            new.trim()
                        ),
                        Lang::En => format!(
                            "Text of section {} “{}” changed: {}",
                            after.number,
                            after.title,
                            new.trim()
                        ),
                    });
                }
                for r in requirements {
                    items.push(match (r, lang) {
                        (RequirementChange::Added { id, text }, Lang::Ru) => {
                            format!("Добавлено требование {id}: «{text}».")
                        }
                        (RequirementChange::Added { id, text }, Lang::En) => {
                            format!("Requirement {id} added: “{text}”.")
                        }
                        (RequirementChange::Removed { id, text }, Lang::Ru) => {
                            format!("Исключено требование {id}: «{text}».")
                        }
                        (RequirementChange::Removed { id, text }, Lang::En) => {
                            format!("Requirement {id} removed: “{text}”.")
                        }
                        (RequirementChange::Changed { id, text, .. }, Lang::Ru) => {
                            let (old, new) = words(text);
                            format!(
                                "Изменено требование {id}: было «{}», стало «{}».",
                                old.trim(),
                                new.trim()
                            )
                        }
                        (RequirementChange::Changed { id, text, .. }, Lang::En) => {
                            let (old, new) = words(text);
                            format!(
                                "Requirement {id} changed: was “{}”, now “{}”.",
                                old.trim(),
                                new.trim()
                            )
                        }
                    });
                }
            }
        }
    }
    if items.is_empty() {
        items.push(match lang {
            Lang::Ru => "Изменений нет.".into(),
            Lang::En => "No changes.".into(),
        });
    }
    Section {
        title: match lang {
            Lang::Ru => format!("Лист изменений (дополнение к версии {from})"),
            Lang::En => format!("List of changes (addendum to version {from})"),
        },
        content: vec![Content::Numbered(
            items.into_iter().map(Into::into).collect(),
        )],
        children: vec![],
    }
}

/// Everything a ТЗ document is made of but its number and whether it is a draft:
/// gathered from the store once, for the PDF and for the pages view alike.
struct Source {
    lang: Lang,
    project_title: String,
    contractor_name: String,
    client_name: String,
    customer: etap_documents::Party,
    contractor: etap_documents::Party,
    sections: Vec<etap_documents::model::Section>,
    /// The key of each printed section in reading order (the headings' order); `None`
    /// for the «лист изменений», which is no stored section.
    keys: Vec<Option<u32>>,
    date: NaiveDate,
    version: u32,
}

fn keys_of(sections: &[etap_domain::spec::SpecSection], out: &mut Vec<Option<u32>>) {
    for s in sections {
        out.push(Some(s.key));
        keys_of(&s.children, out);
    }
}

/// The document's parts for version `v` with `content` as its text: the stored content
/// for the PDF, the text being typed for the pages view.
fn source(
    store: &Store,
    v: &etap_domain::spec::SpecVersion,
    content: &etap_domain::spec::SpecContent,
    changes_since: Option<i64>,
    empty: etap_domain::spec::EmptySections,
) -> Result<Source> {
    let lang = content.lang;
    let project = store.project(v.project_id)?;
    let provider = store.provider()?.profile;
    let client = store.client_card(project.client_id)?;
    let contractor_name = contractor_name(&provider.requisites, lang);
    let customer = party(&client.client.name, &client.requisites, lang);
    let contractor = party(&contractor_name, &provider.requisites, lang);
    let printed = empty.apply(&content.sections, lang);
    let mut keys = Vec::new();
    keys_of(&printed, &mut keys);
    let mut sections = doc_sections(&printed, lang);
    if let Some(from) = changes_since {
        let old = store.spec_version(from)?;
        sections.push(change_list(
            &etap_domain::spec::diff(&old.content, content),
            old.number,
            lang,
        ));
        keys.push(None);
    }
    let date = NaiveDate::parse_from_str(v.approved_at.get(..10).unwrap_or(""), "%Y-%m-%d")
        .unwrap_or_else(|_| Utc::now().date_naive());
    Ok(Source {
        lang,
        // The title page names the project as the manager named it, as the register,
        // the window and the file do (issue 9: it showed the client's request title,
        // 1.1, which is the client's wording of one request, not the name of what is
        // delivered).
        project_title: project.title.trim().to_string(),
        contractor_name,
        client_name: client.client.name,
        customer,
        contractor,
        sections,
        keys,
        date,
        version: v.number,
    })
}

impl Source {
    /// The ТЗ model under `number`, watermarked when `draft`.
    fn model(self, number: &str, draft: bool) -> etap_documents::Spec {
        use etap_documents::model::{Approval, ApprovalKind, Spec};
        let lang = self.lang;
        let what = &self.project_title;
        Spec {
            meta: DocMeta {
                title: match lang {
                    Lang::Ru => format!("Техническое задание {number} — {what}"),
                    Lang::En => {
                        format!("Software requirements specification {number} — {what}")
                    }
                },
                author: self.contractor_name.clone(),
                subject: what.clone(),
                created: Utc::now(),
            },
            lang,
            kind: match lang {
                Lang::Ru => "Техническое задание".into(),
                Lang::En => "Software Requirements Specification".into(),
            },
            title: match lang {
                Lang::Ru => format!("на разработку: {what}"),
                Lang::En => format!("for: {what}"),
            },
            code: number.to_string(),
            version: self.version.to_string(),
            city: String::new(),
            date: self.date,
            approvals: vec![
                Approval {
                    kind: ApprovalKind::Agree,
                    position: self.contractor.position.clone(),
                    organisation: self.contractor_name.clone(),
                    person: self.contractor.signatory.clone(),
                },
                Approval {
                    kind: ApprovalKind::Approve,
                    position: self.customer.position.clone(),
                    organisation: self.client_name.clone(),
                    person: self.customer.signatory.clone(),
                },
            ],
            customer: self.customer,
            contractor: self.contractor,
            sections: self.sections,
            draft,
        }
    }
}

/// Renders a specification version as the ТЗ PDF — with the list of changes since
/// version `changes_since` when given, empty sections as `empty` says — into `dir`,
/// and records it in the register.
pub fn export_spec(
    store: &mut Store,
    version_id: i64,
    changes_since: Option<i64>,
    empty: etap_domain::spec::EmptySections,
    dir: &Path,
) -> Result<IssuedDocument> {
    let v = store.spec_version(version_id)?;
    let src = source(store, &v, &v.content, changes_since, empty)?;
    issue(
        store,
        Request {
            project_id: v.project_id,
            kind: DocKind::Specification,
            lang: src.lang,
            version: Some(v.number),
            date: src.date,
            spec_version: Some(version_id),
            amount: None,
        },
        dir,
        move |number, draft| Ok(etap_documents::spec::render(&src.model(number, draft))?),
    )
}

/// What the pages view asks for: the version being edited with its text as typed
/// (saved or not), the export's options, where the cursor is and the pages shown.
#[derive(Debug, Clone)]
pub struct PagesRequest {
    pub version_id: i64,
    pub content: etap_domain::spec::SpecContent,
    pub changes_since: Option<i64>,
    pub empty: etap_domain::spec::EmptySections,
    pub focus: Option<PagesFocus>,
    /// 1-based page numbers the view shows.
    pub pages: Vec<usize>,
}

/// The ТЗ's pages as [`export_spec`] would print them now — the same model (under the
/// number the export would take, watermarked as it would be) from the text being
/// typed, the same layout — for the pages view: the page under the cursor and the
/// pages asked for as display lists, and the page each section starts on.
pub fn spec_pages(store: &Store, req: PagesRequest) -> Result<PagesView> {
    Ok(lay_out_pages(pages_input(store, req)?))
}

/// What the pages view lays out, read from the store: the document's model and the
/// request. [`lay_out_pages`] needs no store, so the window lays the pages out after
/// the store is free again (a save typed meanwhile does not wait for a layout).
pub struct PagesInput {
    spec: etap_documents::Spec,
    keys: Vec<Option<u32>>,
    req: PagesRequest,
}

/// The store's part of [`spec_pages`].
pub fn pages_input(store: &Store, req: PagesRequest) -> Result<PagesInput> {
    use etap_domain::input::CleanText;
    let v = store.spec_version(req.version_id)?;
    // What a save would store; the cursor counts in the text as typed.
    let content = req.content.cleaned();
    let src = source(store, &v, &content, req.changes_since, req.empty)?;
    let keys = src.keys.clone();
    let number = store.next_document_number(v.project_id, DocKind::Specification)?;
    let draft = store
        .issue_check(v.project_id, DocKind::Specification, Some(v.id))?
        .draft;
    Ok(PagesInput {
        spec: src.model(&number, draft),
        keys,
        req,
    })
}

/// The layout's part of [`spec_pages`]: no store.
pub fn lay_out_pages(input: PagesInput) -> PagesView {
    let PagesInput { spec, keys, req } = input;
    let (laid, headings, geom) = etap_documents::spec::printed(&spec);
    let sections: Vec<SectionPage> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| {
            Some(SectionPage {
                key: (*k)?,
                page: laid.page_of(i)?,
            })
        })
        .collect();
    let focus = req.focus.and_then(|f| {
        let index = keys.iter().position(|k| *k == Some(f.section))?;
        let body = find(&req.content.sections, f.section).map_or("", |s| s.body.as_str());
        etap_documents::spec::page_in_section(
            &laid,
            &headings,
            index,
            letters_before(body, f.offset),
        )
    });
    etap_documents::display::view(&laid, &geom, focus, sections, &req.pages)
}

fn find(
    sections: &[etap_domain::spec::SpecSection],
    key: u32,
) -> Option<&etap_domain::spec::SpecSection> {
    sections.iter().find_map(|s| {
        if s.key == key {
            Some(s)
        } else {
            find(&s.children, key)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::body_blocks;
    use etap_documents::model::{Content, Inline, Run};
    use etap_domain::Lang;

    #[test]
    fn every_kind_of_parsed_block_reaches_the_document() {
        let blocks = body_blocks(
            "Абзац\n\n- пункт\n  - вложенный\n\n> цитата\n\n| A | B |\n|---|---|\n| `x` | 2 |",
            Lang::Ru,
        );
        let [Content::Styled(_), Content::List(items), Content::Quote(_), Content::Table(rows)] =
            &blocks[..]
        else {
            panic!("{blocks:?}")
        };
        assert_eq!(items[1].level, 1);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[1][0],
            Inline(vec![Run {
                code: true,
                ..Run::plain("x")
            }])
        );
    }
}
