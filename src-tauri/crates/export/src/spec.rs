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
    use etap_documents::model::{Approval, ApprovalKind, Spec};
    let v = store.spec_version(version_id)?;
    let lang = v.content.lang;
    let project = store.project(v.project_id)?;
    let provider = store.provider()?.profile;
    let client = store.client_card(project.client_id)?;
    let contractor_name = contractor_name(&provider.requisites, lang);
    let customer = party(&client.client.name, &client.requisites, lang);
    let contractor = party(&contractor_name, &provider.requisites, lang);
    let mut sections = doc_sections(&empty.apply(&v.content.sections, lang), lang);
    if let Some(from) = changes_since {
        let old = store.spec_version(from)?;
        sections.push(change_list(
            &store.spec_diff(from, version_id)?,
            old.number,
            lang,
        ));
    }
    let date = NaiveDate::parse_from_str(v.approved_at.get(..10).unwrap_or(""), "%Y-%m-%d")
        .unwrap_or_else(|_| Utc::now().date_naive());
    // The title page names the project as the manager named it, as the register, the
    // window and the file do (issue 9: it showed the client's request title, 1.1, which
    // is the client's wording of one request, not the name of what is delivered).
    let what = project.title.trim().to_string();
    let spec_version = Some(version_id);
    issue(
        store,
        Request {
            project_id: v.project_id,
            kind: DocKind::Specification,
            lang,
            version: Some(v.number),
            date,
            spec_version,
            amount: None,
        },
        dir,
        move |number, draft| {
            let model = Spec {
                meta: DocMeta {
                    title: match lang {
                        Lang::Ru => format!("Техническое задание {number} — {}", project.title),
                        Lang::En => format!(
                            "Software requirements specification {number} — {}",
                            project.title
                        ),
                    },
                    author: contractor_name.clone(),
                    subject: project.title.clone(),
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
                version: v.number.to_string(),
                city: String::new(),
                date,
                approvals: vec![
                    Approval {
                        kind: ApprovalKind::Agree,
                        position: contractor.position.clone(),
                        organisation: contractor_name.clone(),
                        person: contractor.signatory.clone(),
                    },
                    Approval {
                        kind: ApprovalKind::Approve,
                        position: customer.position.clone(),
                        organisation: client.client.name.clone(),
                        person: customer.signatory.clone(),
                    },
                ],
                customer,
                contractor,
                sections,
                draft,
            };
            Ok(etap_documents::spec::render(&model)?)
        },
    )
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
