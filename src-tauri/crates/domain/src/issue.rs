//! May this document be issued now, and what does it lack: the one rule the export
//! path asks before a document is numbered, and the answer the window shows beside
//! the export button before the user presses it.
//!
//! - A commercial proposal (КП) may go out with requisites missing — it is an offer,
//!   often to a prospect — but the user is told which, and where to fill them in.
//! - An acceptance certificate (акт) — and an invoice, when it comes — is a
//!   legal and accounting document: with a requisite missing it is refused, listing
//!   what to fill in and where. A placeholder («Исполнитель: Исполнитель») is never
//!   printed on it.
//! - A specification (ТЗ) version that is not approved may be exported only as a
//!   draft: every page carries a «ПРОЕКТ»/«DRAFT» watermark and the register records
//!   the entry as a draft, so a draft is never mistaken for an issued ТЗ.
//! - A stage's акт and счёт charge for accepted work: they are issued only for a stage
//!   accepted at 2.6; the final акт only once every stage is accepted and the project
//!   is being handed over to support (3.3) or closed ([`check_billing`]).

use serde::Serialize;

use crate::development::accepted_stages;
use crate::entity::DocKind;
use crate::lifecycle::{ProjectState, Refusal, Step};
use crate::party::Requisites;
use crate::text::Text;

/// Whose requisites a missing field belongs to, which says where to fill it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The user's own profile («Мой профиль»).
    Provider,
    /// The client's card.
    Client,
}

/// One requisite a document would print empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MissingRequisite {
    pub side: Side,
    /// The field's name in [`Requisites`] (`"inn"`, `"signatory_name"`…); `"name"` for
    /// the legal or short name.
    pub field: &'static str,
    pub label: Text,
}

/// The answer to "may this document be issued now".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssueCheck {
    pub kind: DocKind,
    /// False: exporting is refused, `message` says why.
    pub allowed: bool,
    /// Issued as a draft: watermarked «ПРОЕКТ» and recorded as a draft.
    pub draft: bool,
    pub missing: Vec<MissingRequisite>,
    /// What the user reads beside the export button: the warning or the refusal;
    /// `None` when there is nothing to say.
    pub message: Option<Text>,
}

/// Which requisites each document prints, per side.
fn required(kind: DocKind) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        DocKind::Proposal => (&["name", "inn", "signatory_name", "contact"], &[]),
        DocKind::Specification => (&["name", "signatory_name"], &["signatory_name"]),
        DocKind::Act => (
            &[
                "name",
                "inn",
                "address",
                "account",
                "bank_name",
                "bik",
                "signatory_name",
            ],
            &["name", "inn", "address", "signatory_name"],
        ),
        // A счёт is paid from its bank requisites and its payment QR code
        // (ГОСТ Р 56042-2014), whose required fields are the payee's name, account,
        // bank, БИК and correspondent account; ИНН and КПП name the payee to the bank.
        DocKind::Invoice => (
            &[
                "name",
                "inn",
                "kpp",
                "account",
                "bank_name",
                "bik",
                "corr_account",
            ],
            &["name", "inn"],
        ),
    }
}

fn label(field: &str) -> Text {
    match field {
        "name" => Text::new("наименование", "name"),
        "inn" => Text::new("ИНН", "INN"),
        "address" => Text::new("адрес", "address"),
        "account" => Text::new("расчётный счёт", "bank account"),
        "bank_name" => Text::new("банк", "bank"),
        "bik" => Text::new("БИК", "BIK"),
        "corr_account" => Text::new("корр. счёт", "correspondent account"),
        "kpp" => Text::new("КПП", "KPP"),
        "signatory_name" => Text::new("подписант", "signatory"),
        "contact" => Text::new("e-mail или телефон", "e-mail or phone"),
        other => Text::new(other, other),
    }
}

fn is_filled(r: &Requisites, field: &str) -> bool {
    let f = |s: &str| !s.trim().is_empty();
    match field {
        "name" => f(&r.legal_name) || f(&r.short_name),
        "inn" => f(&r.inn),
        "address" => f(&r.address),
        "account" => f(&r.account),
        "bank_name" => f(&r.bank_name),
        "bik" => f(&r.bik),
        "corr_account" => f(&r.corr_account),
        // Only an organisation (a 10-digit ИНН) has a КПП; an ИП has none.
        "kpp" => r.inn.trim().chars().count() != 10 || f(&r.kpp),
        "signatory_name" => f(&r.signatory_name),
        "contact" => f(&r.email) || f(&r.phone),
        _ => true,
    }
}

fn missing(side: Side, fields: &[&'static str], r: &Requisites) -> Vec<MissingRequisite> {
    fields
        .iter()
        .filter(|f| !is_filled(r, f))
        .map(|f| MissingRequisite {
            side,
            field: f,
            label: label(f),
        })
        .collect()
}

/// "Исполнитель (Мой профиль): ИНН, подписант; заказчик (карточка клиента): адрес".
fn listing(missing: &[MissingRequisite]) -> Text {
    let mut ru = Vec::new();
    let mut en = Vec::new();
    for (side, ru_where, en_where) in [
        (
            Side::Provider,
            "исполнитель — «Мой профиль»",
            "contractor — “My profile”",
        ),
        (
            Side::Client,
            "заказчик — карточка клиента",
            "customer — the client's card",
        ),
    ] {
        let of: Vec<&MissingRequisite> = missing.iter().filter(|m| m.side == side).collect();
        if of.is_empty() {
            continue;
        }
        let list = |pick: fn(&Text) -> &str| {
            of.iter()
                .map(|m| pick(&m.label))
                .collect::<Vec<_>>()
                .join(", ")
        };
        ru.push(format!("{ru_where}: {}", list(|t| &t.ru)));
        en.push(format!("{en_where}: {}", list(|t| &t.en)));
    }
    Text::new(ru.join("; "), en.join("; "))
}

/// May a document of `kind` be issued with these parties' requisites; `draft` is
/// whether the specification version is not yet approved (false for other kinds).
pub fn check_issue(
    kind: DocKind,
    provider: &Requisites,
    client: &Requisites,
    draft: bool,
) -> IssueCheck {
    let (p, c) = required(kind);
    let mut lacking = missing(Side::Provider, p, provider);
    lacking.extend(missing(Side::Client, c, client));
    let draft = draft && kind == DocKind::Specification;
    let mut ru = Vec::new();
    let mut en = Vec::new();
    let allowed = match kind {
        DocKind::Act if !lacking.is_empty() => {
            let l = listing(&lacking);
            ru.push(format!(
                "Акт нельзя выпустить без реквизитов сторон. Заполните: {}.",
                l.ru
            ));
            en.push(format!(
                "The certificate cannot be issued without the parties' requisites. Fill in: {}.",
                l.en
            ));
            false
        }
        DocKind::Invoice if !lacking.is_empty() => {
            let l = listing(&lacking);
            ru.push(format!(
                "Счёт нельзя выпустить без реквизитов: по нему платят. Заполните: {}.",
                l.ru
            ));
            en.push(format!(
                "The invoice cannot be issued without the requisites it is paid by. Fill in: {}.",
                l.en
            ));
            false
        }
        _ => {
            if !lacking.is_empty() {
                let l = listing(&lacking);
                ru.push(format!(
                    "В документе останутся пустые реквизиты ({}). Его можно выпустить и так, но лучше сначала заполнить их.",
                    l.ru
                ));
                en.push(format!(
                    "The document will have empty requisites ({}). It can be issued as it is, but better fill them in first.",
                    l.en
                ));
            }
            true
        }
    };
    if draft {
        ru.push("Версия ТЗ не утверждена: PDF выйдет с отметкой «ПРОЕКТ» на каждой странице и будет записан в реестр как проект.".to_string());
        en.push("This ТЗ version is not approved: the PDF will carry a “DRAFT” mark on every page and be recorded in the register as a draft.".to_string());
    }
    IssueCheck {
        kind,
        allowed,
        draft,
        missing: lacking,
        message: (!ru.is_empty()).then(|| Text::new(ru.join(" "), en.join(" "))),
    }
}

/// May the акт or счёт of stage `stage` — or, with `None`, the final акт — be issued in
/// this state: a stage is charged once it is accepted (2.6), the whole project at 3.3.
pub fn check_billing(stage: Option<u32>, state: &ProjectState) -> Result<(), Refusal> {
    match stage {
        Some(n) if n == 0 || n > state.stages_total.max(accepted_stages(state)) => {
            Err(Refusal::new(
                "stage_not_found",
                format!("В плане нет этапа {n}."),
                format!("The plan has no stage {n}."),
            ))
        }
        Some(n) if n > accepted_stages(state) => Err(Refusal::new(
            "stage_not_accepted",
            format!(
                "Этап {n} ещё не принят: акт и счёт выставляются за этап, принятый на шаге 2.6 «Приёмка этапа»."
            ),
            format!(
                "Stage {n} is not accepted yet: the certificate and the invoice are issued for a stage accepted at step 2.6 “Stage acceptance”."
            ),
        )),
        Some(_) => Ok(()),
        None if matches!(state.step, Step::SupportHandover | Step::Closed) => Ok(()),
        None => Err(Refusal::new(
            "final_act_early",
            "Итоговый акт выпускается, когда все этапы приняты и проект передаётся в сопровождение (шаг 3.3).",
            "The final certificate is issued once every stage is accepted and the project is handed over to support (step 3.3).",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_is_charged_once_accepted_and_the_project_at_handover() {
        let at = |step, stage| ProjectState {
            step,
            stage,
            stages_total: 2,
            ..ProjectState::initial()
        };
        // At 2.3 of stage 2: stage 1 is accepted, stage 2 is not.
        assert!(check_billing(Some(1), &at(Step::Coding, 2)).is_ok());
        let r = check_billing(Some(2), &at(Step::Coding, 2)).unwrap_err();
        assert_eq!(r.code, "stage_not_accepted");
        assert!(r.message.ru.contains("Этап 2 ещё не принят"));
        assert_eq!(
            check_billing(Some(3), &at(Step::Coding, 2))
                .unwrap_err()
                .code,
            "stage_not_found"
        );
        assert_eq!(
            check_billing(None, &at(Step::Switchover, 2))
                .unwrap_err()
                .code,
            "final_act_early"
        );
        assert!(check_billing(None, &at(Step::SupportHandover, 2)).is_ok());
        assert!(check_billing(Some(2), &at(Step::SupportHandover, 2)).is_ok());
    }

    fn full() -> Requisites {
        Requisites {
            legal_name: "ООО «Ромашка»".into(),
            inn: "7707083893".into(),
            address: "Москва".into(),
            account: "40702810900000000001".into(),
            bank_name: "Банк".into(),
            bik: "044525225".into(),
            signatory_name: "Иванов И. И.".into(),
            email: "a@b.ru".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_proposal_goes_out_with_a_warning_naming_what_is_missing_and_where() {
        let c = check_issue(DocKind::Proposal, &Requisites::default(), &full(), false);
        assert!(c.allowed);
        let m = c.message.unwrap();
        assert!(
            m.ru.contains("ИНН") && m.ru.contains("подписант"),
            "{}",
            m.ru
        );
        assert!(m.ru.contains("«Мой профиль»"), "{}", m.ru);
        assert!(m.en.contains("My profile"), "{}", m.en);
        let ok = check_issue(DocKind::Proposal, &full(), &Requisites::default(), false);
        assert!(ok.allowed && ok.message.is_none() && ok.missing.is_empty());
    }

    #[test]
    fn an_act_is_refused_listing_both_sides() {
        let c = check_issue(
            DocKind::Act,
            &Requisites::default(),
            &Requisites::default(),
            false,
        );
        assert!(!c.allowed);
        let m = c.message.unwrap();
        assert!(m.ru.starts_with("Акт нельзя выпустить"), "{}", m.ru);
        assert!(
            m.ru.contains("расчётный счёт") && m.ru.contains("карточка клиента"),
            "{}",
            m.ru
        );
        assert!(c
            .missing
            .iter()
            .any(|m| m.side == Side::Client && m.field == "inn"));
        assert!(check_issue(DocKind::Act, &full(), &full(), false).allowed);
    }

    /// A счёт is paid by its bank requisites and QR code: without them it is refused;
    /// an organisation's КПП is asked for, an ИП (12-digit ИНН) has none.
    #[test]
    fn an_invoice_is_refused_without_the_requisites_it_is_paid_by() {
        let c = check_issue(DocKind::Invoice, &full(), &full(), false);
        assert!(!c.allowed);
        let fields: Vec<&str> = c.missing.iter().map(|m| m.field).collect();
        assert_eq!(fields, ["kpp", "corr_account"]);
        assert!(c.message.unwrap().ru.contains("корр. счёт"));
        let provider = Requisites {
            kpp: "770701001".into(),
            corr_account: "30101810400000000225".into(),
            ..full()
        };
        assert!(check_issue(DocKind::Invoice, &provider, &full(), false).allowed);
        let sole_trader = Requisites {
            inn: "500100732259".into(),
            corr_account: "30101810400000000225".into(),
            ..full()
        };
        assert!(check_issue(DocKind::Invoice, &sole_trader, &full(), false).allowed);
    }

    #[test]
    fn a_draft_specification_is_marked_as_a_draft() {
        let c = check_issue(DocKind::Specification, &full(), &full(), true);
        assert!(c.allowed && c.draft);
        assert!(c.message.unwrap().ru.contains("«ПРОЕКТ»"));
        let approved = check_issue(DocKind::Specification, &full(), &full(), false);
        assert!(!approved.draft && approved.message.is_none());
        // Only a specification has drafts.
        assert!(!check_issue(DocKind::Proposal, &full(), &full(), true).draft);
    }
}

/// What the check at start found wrong between the register and the documents folder
/// (after a crash, a full disk or a hand in the folder): never left silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RegisterProblem {
    /// A register entry whose file is gone.
    Missing,
    /// A register entry whose file is not the one issued (its SHA-256 differs).
    Changed,
    /// A file in the documents folder that no register entry names: a write that was
    /// interrupted before it was recorded, or a file put there by hand.
    Unregistered,
}

/// One finding of the check at start, with the words a manager reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterFinding {
    pub problem: RegisterProblem,
    /// The document's number (none for an unregistered file).
    pub number: Option<String>,
    pub path: String,
    pub message: Text,
}

impl RegisterFinding {
    pub fn new(problem: RegisterProblem, number: Option<&str>, path: &str) -> RegisterFinding {
        let n = number.unwrap_or_default();
        let message = match problem {
            RegisterProblem::Missing => Text::new(
                format!("Файла документа {n} нет на месте ({path}). Запись в реестре осталась; восстановите файл из резервной копии или выпустите документ заново."),
                format!("The file of document {n} is gone ({path}). The register entry stays; restore the file from a backup or issue the document again."),
            ),
            RegisterProblem::Changed => Text::new(
                format!("Файл документа {n} изменён после выдачи: его SHA-256 не совпадает с реестром ({path}). Восстановите файл из резервной копии."),
                format!("The file of document {n} was changed after it was issued: its SHA-256 does not match the register ({path}). Restore the file from a backup."),
            ),
            RegisterProblem::Unregistered => Text::new(
                format!("Файл {path} лежит в папке документов, но в реестре его нет: запись прервалась до регистрации или файл положен вручную. Документ не выпущен; файл можно удалить."),
                format!("The file {path} is in the documents folder but not in the register: a write was interrupted before it was recorded, or the file was put there by hand. No document was issued; the file may be deleted."),
            ),
        };
        RegisterFinding {
            problem,
            number: number.map(str::to_string),
            path: path.to_string(),
            message,
        }
    }
}
