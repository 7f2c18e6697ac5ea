//! Etap's documents — the technical specification (ТЗ), the acceptance certificate
//! (акт сдачи-приёмки) of a stage and the final one, the invoice (счёт на оплату) with
//! its payment QR code, and the commercial proposal (КП) — as PDF files that look
//! typeset, in Russian and English.
//!
//! The pipeline is: a typed model ([`model`]) → blocks of styled text, lists, tables
//! and vector shapes (`spec`, `act`, `final_act`, `invoice` with [`qr`], `proposal`) →
//! our own layout engine ([`layout`]: real glyph widths, hyphenation, total-fit line
//! breaking, justification, pagination with keep rules) → positioned boxes → PDF ops
//! through printpdf's low-level API with fonts subset by allsorts ([`pdf`]).
//!
//! Guarantees:
//! - fonts are compiled in (PT Serif, PT Sans, and DejaVu Sans and Noto Emoji for what
//!   PT lacks); every character a user can store prints (U+FFFD as the last resort),
//!   a document never depends on the machine's fonts, and each PDF embeds only the glyphs it uses, with a standard
//!   subset tag and a Unicode map, so its text is searchable and copyable;
//! - no text is drawn outside its box: words too long for a line are broken at
//!   natural points (after `/`, `-`, `_`, `.`) or, as a last resort, between letters;
//! - a heading never ends a page, a table's header is repeated on every page it
//!   continues on, a total row never starts a page alone, signature blocks stay whole;
//! - layout is deterministic: the same model and date give the same pages.

pub mod act;
mod common;
pub mod display;
pub mod final_act;
pub mod fonts;
pub mod hyphen;
pub mod image;
pub mod invoice;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod proposal;
pub mod qr;
pub mod samples;
pub mod spec;
mod unhint;

pub use model::{
    Act, ActItem, Approval, BankAccount, DocMeta, FinalAct, FinalActStage, Invoice, Party,
    Proposal, ProposalItem, Spec, SpecRef,
};

/// The documents crate's error.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// A character drawn in a face that lacks it: a defect of the layout's font
    /// choice (`fonts::resolve` gives every character a face that has it).
    #[error("the character {0:?} cannot be printed with the document fonts")]
    MissingGlyph(char),
    #[error("font subsetting failed: {0}")]
    Subset(String),
    #[error("the embedded font could not be read: {0}")]
    Font(String),
    #[error("the PDF could not be assembled: {0}")]
    Pdf(String),
    /// The logo is not a PNG or JPEG this engine can place.
    #[error("the image cannot be placed: {0}")]
    Image(String),
    /// The model contradicts itself (a payment QR code made for another sum).
    #[error("the document's figures disagree: {0}")]
    Inconsistent(String),
    #[error(transparent)]
    Money(#[from] etap_domain::money::MoneyError),
    #[error("writing {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

pub type Result<T> = std::result::Result<T, DocumentError>;
