//! Document export: gathers a project's data from the store, builds the document model,
//! renders the PDF, writes the file and records it in the register with its SHA-256.
//! The window's commands and the CLI both call these functions.

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate, Utc};
use etap_documents::model::{DocMeta, Party, Proposal, ProposalItem};
use etap_domain::entity::{DocKind, IssuedDocument};
use etap_domain::estimate::{Offer, OfferAnswer};
use etap_domain::party::Requisites;
use etap_domain::{Lang, Text};
use etap_storage::{StorageError, Store};
use sha2::{Digest, Sha256};

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Document(#[from] etap_documents::DocumentError),
    #[error("no offer to make a proposal from")]
    NoOffer,
    /// The domain refused to issue the document (an акт without requisites); the
    /// message lists what to fill in and where.
    #[error("the document may not be issued: {}", .0.en)]
    NotIssuable(Text),
    #[error("the file of document {0} no longer matches the register")]
    Changed(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

impl ExportError {
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Storage(e) => e.code(),
            ExportError::Document(etap_documents::DocumentError::MissingGlyph(_)) => {
                "unprintable_character"
            }
            ExportError::Document(etap_documents::DocumentError::Image(_)) => "logo_unreadable",
            ExportError::Document(_) => "document_failed",
            ExportError::NoOffer => "no_offer",
            ExportError::NotIssuable(_) => "not_issuable",
            ExportError::Changed(_) => "document_changed",
            ExportError::Io { .. } => "io",
        }
    }

    pub fn message(&self) -> Text {
        match self {
            ExportError::Storage(e) => e.message(),
            ExportError::Document(etap_documents::DocumentError::MissingGlyph(c)) => Text::new(
                format!("Символ «{c}» нельзя напечатать шрифтами документа — замените его в тексте."),
                format!("The character “{c}” cannot be printed with the document fonts — replace it in the text."),
            ),
            ExportError::Document(etap_documents::DocumentError::Image(why)) => Text::new(
                format!("Логотип из профиля не удаётся поместить в документ ({why}). Загрузите в «Мой профиль» PNG или JPEG не больше 4000 × 4000 точек или уберите логотип."),
                format!("The logo from your profile cannot be placed in the document ({why}). Upload a PNG or JPEG of at most 4000 × 4000 pixels under “My profile”, or remove the logo."),
            ),
            ExportError::Document(e) => Text::new(
                format!("Не удалось собрать PDF: {e}. Данные проекта не изменены."),
                format!("The PDF could not be made: {e}. The project's data is unchanged."),
            ),
            ExportError::NoOffer => Text::new(
                "Коммерческое предложение делается из предложения клиенту: сначала отправьте оценку (1.3 → 1.4).",
                "A commercial proposal is made from an offer: send the estimate first (1.3 → 1.4).",
            ),
            ExportError::NotIssuable(why) => why.clone(),
            ExportError::Changed(number) => Text::new(
                format!("Файл документа {number} изменён или удалён после выдачи: его SHA-256 не совпадает с реестром. Сформируйте документ заново."),
                format!("The file of document {number} was changed or deleted after it was issued: its SHA-256 does not match the register. Make the document again."),
            ),
            ExportError::Io { path, source } => Text::new(
                format!("Не удалось записать файл {path}: {source}."),
                format!("Could not write the file {path}: {source}."),
            ),
        }
    }
}

pub type Result<T> = std::result::Result<T, ExportError>;

/// Asks the domain whether the document may be issued now (before it takes a number);
/// a refusal becomes [`ExportError::NotIssuable`] with the domain's words.
fn may_issue(
    store: &Store,
    project_id: i64,
    kind: DocKind,
    spec_version: Option<i64>,
) -> Result<etap_domain::issue::IssueCheck> {
    let check = store.issue_check(project_id, kind, spec_version)?;
    if !check.allowed {
        return Err(ExportError::NotIssuable(check.message.unwrap_or_else(
            || {
                Text::new(
                    "Документ пока нельзя выпустить.",
                    "The document cannot be issued yet.",
                )
            },
        )));
    }
    Ok(check)
}

/// Where exported documents go: `documents/` in the data folder.
pub fn documents_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("documents")
}

fn party(name: &str, r: &Requisites, lang: Lang) -> Party {
    let mut bank = Vec::new();
    if !r.account.is_empty() {
        bank.push(match lang {
            Lang::Ru => format!("р/с {}", r.account),
            Lang::En => format!("account {}", r.account),
        });
    }
    if !r.bank_name.is_empty() {
        bank.push(r.bank_name.clone());
    }
    if !r.bik.is_empty() {
        bank.push(match lang {
            Lang::Ru => format!("БИК {}", r.bik),
            Lang::En => format!("BIK {}", r.bik),
        });
    }
    if !r.corr_account.is_empty() {
        bank.push(match lang {
            Lang::Ru => format!("к/с {}", r.corr_account),
            Lang::En => format!("corr. account {}", r.corr_account),
        });
    }
    let pick = |a: &str, b: &str| {
        if !a.trim().is_empty() {
            a.to_string()
        } else {
            b.to_string()
        }
    };
    Party {
        name: pick(&r.legal_name, &pick(&r.short_name, name)),
        inn: r.inn.clone(),
        kpp: r.kpp.clone(),
        ogrn: r.ogrn.clone(),
        address: r.address.clone(),
        bank: bank.join(", "),
        signatory: r.signatory_name.clone(),
        position: r.signatory_position.clone(),
        basis: String::new(),
    }
}

fn date_or(text: &str, fallback: NaiveDate) -> NaiveDate {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").unwrap_or(fallback)
}

/// The offer a proposal is made from: the one awaiting an answer, else the last one.
fn current_offer(offers: &[Offer]) -> Option<&Offer> {
    offers
        .iter()
        .rev()
        .find(|o| o.answer == OfferAnswer::Pending)
        .or_else(|| offers.last())
}

/// The commercial proposal model of the project's current offer.
pub fn proposal_model(
    store: &Store,
    project_id: i64,
    lang: Lang,
    number: &str,
) -> Result<Proposal> {
    let project = store.project(project_id)?;
    let negotiation = store.negotiation(project_id)?;
    let offer = current_offer(&negotiation.offers).ok_or(ExportError::NoOffer)?;
    let card = store.estimate_card(project_id)?;
    let estimate = card
        .versions
        .into_iter()
        .find(|v| v.estimate.id == offer.estimate_id)
        .ok_or(ExportError::NoOffer)?;
    let provider = store.provider()?.profile;
    let client = store.client_card(project.client_id)?;
    let request = store.request(project_id)?.request;
    let today = Utc::now().date_naive();
    let e = &estimate.estimate;
    let items = e
        .items
        .iter()
        .zip(&estimate.totals.items)
        .map(|(item, total)| ProposalItem {
            name: item.title.clone(),
            hours: total.hours,
            rate: item.rate,
            amount: total.amount,
        })
        .collect();
    let contractor_name = if provider.requisites.short_name.is_empty() {
        match lang {
            Lang::Ru => "Исполнитель",
            Lang::En => "Contractor",
        }
    } else {
        provider.requisites.short_name.as_str()
    };
    let what = if request.title.trim().is_empty() {
        project.title.clone()
    } else {
        request.title.trim().to_string()
    };
    let intro = match lang {
        Lang::Ru => format!(
            "Предлагаем выполнить работы по проекту «{}»: {}. Стоимость и состав работ приведены ниже.",
            project.title, what
        ),
        Lang::En => format!(
            "We propose to carry out the project “{}”: {}. The scope and cost are below.",
            project.title, what
        ),
    };
    let timeline = match (offer.deadline.trim().is_empty(), lang) {
        (true, Lang::Ru) => "Срок выполнения согласуется при подписании договора.".to_string(),
        (true, Lang::En) => "The deadline is agreed when the contract is signed.".to_string(),
        (false, l) => {
            let d = etap_documents::model::long_date(date_or(&offer.deadline, today), l);
            match l {
                // The long Russian date already ends with «г.».
                Lang::Ru => format!("Работы будут выполнены до {d}"),
                Lang::En => format!("The work will be completed by {d}."),
            }
        }
    };
    let terms = match lang {
        Lang::Ru => vec![
            "Цена включает работы, перечисленные в таблице; изменения объёма оцениваются отдельно."
                .to_string(),
            "Работы принимаются поэтапно по актам сдачи-приёмки.".to_string(),
        ],
        Lang::En => vec![
            "The price covers the work items listed above; changes of scope are estimated separately."
                .to_string(),
            "The work is accepted stage by stage under acceptance certificates.".to_string(),
        ],
    };
    Ok(Proposal {
        meta: DocMeta {
            title: match lang {
                Lang::Ru => format!("Коммерческое предложение {number} — {}", project.title),
                Lang::En => format!("Commercial proposal {number} — {}", project.title),
            },
            author: contractor_name.to_string(),
            subject: project.title.clone(),
            created: Utc::now(),
        },
        lang,
        number: number.to_string(),
        date: today,
        valid_until: date_or(&offer.valid_until, today + Duration::days(14)),
        contractor: party(contractor_name, &provider.requisites, lang),
        customer: party(&client.client.name, &client.requisites, lang),
        project: project.title.clone(),
        intro,
        items,
        discount_percent: e.discount_percent,
        currency: e.currency,
        vat: e.vat.clone(),
        timeline,
        terms,
        logo: store
            .provider_logo()?
            .map(|(bytes, _)| etap_documents::image::Image { bytes }),
    })
}

/// Renders the project's commercial proposal into `dir`, records it in the register
/// and answers with the register entry (its path and SHA-256).
pub fn export_proposal(
    store: &mut Store,
    project_id: i64,
    lang: Lang,
    dir: &Path,
) -> Result<IssuedDocument> {
    may_issue(store, project_id, DocKind::Proposal, None)?;
    let number = store.next_document_number(project_id, DocKind::Proposal)?;
    let model = proposal_model(store, project_id, lang, &number)?;
    let estimate_version = current_offer(&store.negotiation(project_id)?.offers)
        .map(|o| o.estimate_version)
        .ok_or(ExportError::NoOffer)?;
    let bytes = etap_documents::proposal::render(&model)?;
    let path = write_atomically(dir, &format!("{number}.pdf"), &bytes)?;
    Ok(store.record_document(IssuedDocument {
        id: 0,
        project_id,
        kind: DocKind::Proposal,
        number,
        issued_at: String::new(),
        lang,
        version: Some(estimate_version),
        sha256: hex(&Sha256::digest(&bytes)),
        path: path.display().to_string(),
        draft: false,
    })?)
}

/// Writes beside the target and renames, so a crash never leaves half a PDF under
/// the document's name.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let io = |path: &Path, source| ExportError::Io {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, bytes).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io(&path, e))?;
    Ok(path)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

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
    let check = may_issue(
        store,
        v.project_id,
        DocKind::Specification,
        Some(version_id),
    )?;
    let number = store.next_document_number(v.project_id, DocKind::Specification)?;
    let contractor_name = if provider.requisites.short_name.is_empty() {
        match lang {
            Lang::Ru => "Исполнитель".to_string(),
            Lang::En => "Contractor".to_string(),
        }
    } else {
        provider.requisites.short_name.clone()
    };
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
        code: number.clone(),
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
        draft: check.draft,
    };
    let bytes = etap_documents::spec::render(&model)?;
    let path = write_atomically(dir, &format!("{number}.pdf"), &bytes)?;
    Ok(store.record_document(IssuedDocument {
        id: 0,
        project_id: v.project_id,
        kind: DocKind::Specification,
        number,
        issued_at: String::new(),
        lang,
        version: Some(v.number),
        sha256: hex(&Sha256::digest(&bytes)),
        path: path.display().to_string(),
        draft: check.draft,
    })?)
}

/// Copies an issued document's file to `dest` (the user's "Save as…"), after checking
/// it is still byte for byte what the register recorded.
pub fn copy_document(store: &mut Store, id: i64, dest: &Path) -> Result<IssuedDocument> {
    let doc = store.issued_document(id)?;
    let bytes = std::fs::read(&doc.path).map_err(|_| ExportError::Changed(doc.number.clone()))?;
    if hex(&Sha256::digest(&bytes)) != doc.sha256 {
        return Err(ExportError::Changed(doc.number));
    }
    let dir = dest.parent().unwrap_or_else(|| Path::new("."));
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| format!("{}.pdf", doc.number));
    write_atomically(dir, &name, &bytes)?;
    Ok(doc)
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
