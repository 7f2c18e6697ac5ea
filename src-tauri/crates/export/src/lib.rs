//! Document export as a service: each document is composed from the stored records in
//! its own module (`proposal`, `spec`, `act`, `invoice`, `final_act`) and issued through
//! one path ([`issue`]: may it be issued → number → render → atomic write → register,
//! with its SHA-256). The window's commands and the CLI call these functions and do
//! nothing else; the store cannot render, the documents crate cannot read the store,
//! so composition lives here, between them.

use std::path::{Path, PathBuf};

use etap_domain::entity::IssuedDocument;
use etap_domain::Text;
use etap_storage::{StorageError, Store};
use sha2::{Digest, Sha256};

pub mod act;
pub mod archive;
pub mod check;
pub mod demo;
pub mod final_act;
pub mod gen;
pub mod invoice;
pub mod issue;
mod parties;
pub mod proposal;
pub mod spec;
mod stage;

pub use act::export_act;
pub use check::check_register;
pub use final_act::export_final_act;
pub use invoice::export_invoice;
pub use proposal::{export_proposal, proposal_model};
pub use spec::{export_spec, lay_out_pages, pages_input, spec_pages, PagesInput, PagesRequest};

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
    /// A figure of the document overflowed or mixed currencies (the domain's money
    /// rules refused it).
    #[error(transparent)]
    Money(#[from] etap_domain::money::MoneyError),
    #[error("the file of document {0} no longer matches the register")]
    Changed(String),
    /// A project archive was refused (`etap_domain::archive::check`): the refusal
    /// names what is wrong.
    #[error("archive refused: {}", .0.message.en)]
    Archive(etap_domain::Refusal),
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
            ExportError::Money(_) => "money_overflow",
            ExportError::Changed(_) => "document_changed",
            ExportError::Archive(r) => r.code,
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
            ExportError::Money(e) => Text::new(
                format!("Суммы документа не удаётся посчитать ({e}): проверьте цены этапов и ставки."),
                format!("The document's amounts cannot be computed ({e}): check the stage prices and rates."),
            ),
            ExportError::Changed(number) => Text::new(
                format!("Файл документа {number} изменён или удалён после выдачи: его SHA-256 не совпадает с реестром. Сформируйте документ заново."),
                format!("The file of document {number} was changed or deleted after it was issued: its SHA-256 does not match the register. Make the document again."),
            ),
            ExportError::Archive(r) => r.message.clone(),
            ExportError::Io { path, source } => Text::new(
                format!("Не удалось записать файл {path}: {source}."),
                format!("Could not write the file {path}: {source}."),
            ),
        }
    }
}

pub type Result<T> = std::result::Result<T, ExportError>;

/// Where exported documents go: `documents/` in the data folder.
pub fn documents_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("documents")
}

/// The register names each file where it was issued. When the data folder has been
/// moved or copied (another machine, another user name, a second copy), those paths
/// lie outside this folder — gone, or the other copy's files — while this folder's
/// `documents/` holds the same files under the same names: every entry that does not
/// lie here and whose namesake is here is pointed at it, so the register check,
/// "Open", "Save as…" and the archive use this folder's own files (their SHA-256 is
/// still checked on every use). Called on opening a data folder; the first entry
/// decides whether to look further, so a folder that stayed put costs two `realpath`s.
/// Returns how many entries now point into `documents_dir`.
pub fn follow_moved_documents(store: &mut Store, documents_dir: &Path) -> Result<usize> {
    let here = check::key(documents_dir);
    let lies_here = |path: &str| Path::new(path).parent().map(check::key).as_ref() == Some(&here);
    let files = store.register_files()?;
    match files.first() {
        Some((_, first, _)) if !lies_here(first) => {}
        _ => return Ok(0),
    }
    let moves: Vec<(String, String)> = files
        .into_iter()
        .filter(|(_, path, _)| !lies_here(path))
        .filter_map(|(_, path, _)| {
            let namesake = documents_dir.join(Path::new(&path).file_name()?);
            namesake
                .is_file()
                .then(|| (path, namesake.display().to_string()))
        })
        .collect();
    if moves.is_empty() {
        return Ok(0);
    }
    Ok(store.relocate_documents(&moves)?)
}

/// Copies an issued document's file to `dest` (the user's "Save as…"), after checking
/// it is still byte for byte what the register recorded.
pub fn copy_document(store: &mut Store, id: i64, dest: &Path) -> Result<IssuedDocument> {
    let (doc, bytes) = read_intact(store, id)?;
    let dir = dest.parent().unwrap_or_else(|| Path::new("."));
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| issue::file_name(&doc.number));
    issue::write_atomically(dir, &name, &bytes)?;
    Ok(doc)
}

/// The issued document `id` if its file is still what the register recorded (to open
/// it in the system viewer or show it in its folder); a file changed or gone since it
/// was issued is refused, as for "Save as…".
pub fn intact_document(store: &Store, id: i64) -> Result<IssuedDocument> {
    Ok(read_intact(store, id)?.0)
}

fn read_intact(store: &Store, id: i64) -> Result<(IssuedDocument, Vec<u8>)> {
    let doc = store.issued_document(id)?;
    let bytes = std::fs::read(&doc.path).map_err(|_| ExportError::Changed(doc.number.clone()))?;
    if issue::hex(&Sha256::digest(&bytes)) != doc.sha256 {
        return Err(ExportError::Changed(doc.number));
    }
    Ok((doc, bytes))
}
