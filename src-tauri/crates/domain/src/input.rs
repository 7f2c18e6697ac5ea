//! What text a user may store: the one rule every save path applies before a word
//! reaches the database.
//!
//! Guarantees: after [`clean`], a text holds no control character but the line break
//! (a tab became a space; `\r\n` and a lone `\r` became `\n`), and no bidirectional
//! embedding, override or isolate control. Everything else a user can type is kept as
//! typed — letters of any script, digits of any system, symbols, emoji and their
//! joiners — and the documents crate must print it (its fallback font and its
//! per-character lookup are the other half of this promise).
//!
//! Why removed rather than refused: these characters are invisible. They arrive with a
//! paste from a terminal, a chat or a word processor, a user cannot see them to delete
//! them, and refusing the whole field would leave the visible text unsaved — worse than
//! dropping what nobody sees. Bidi controls are dropped because the documents are laid
//! out left to right and do not implement the bidi algorithm: an override would only
//! scramble what follows it in a viewer that does.

use std::borrow::Cow;

/// True for a character no stored text may hold (see the module doc).
pub fn is_removed(c: char) -> bool {
    match c {
        '\n' | '\t' | '\r' => false,
        // C0 controls and DEL, C1 controls.
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidi marks, embeddings, overrides and isolates (LRM/RLM/ALM included: they
        // only steer the bidi algorithm the documents do not run).
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// `text` as it may be stored: controls other than the line break removed, a tab
/// made a space, every line break a `\n`, bidi controls removed. Borrowed when there
/// was nothing to change (the common case costs one scan).
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c == '\t' || c == '\r' || is_removed(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' => out.push(' '),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            c if is_removed(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`clean`] into an owned string.
pub fn cleaned(text: &str) -> String {
    clean(text).into_owned()
}

/// Cleans a string in place (no allocation when nothing changes).
pub fn clean_in_place(text: &mut String) {
    if let Cow::Owned(s) = clean(text) {
        *text = s;
    }
}

/// The longest folder path a setting keeps.
pub const PATH_MAX: usize = 4096;

/// Why a typed folder cannot be kept ([`folder_path`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathProblem {
    /// Longer than [`PATH_MAX`] or holding a control character: no folder has it.
    Unusable,
    /// Relative: the app has no "current folder" a manager could mean.
    NotAbsolute,
}

/// A folder as a user typed it, when it may be kept: trimmed, at most [`PATH_MAX`]
/// characters, no control character, absolute (`/home/anna/x`, `C:\\x`,
/// `\\\\server\\x`). An empty text is `Ok("")`: the caller's default.
pub fn folder_path(value: &str) -> Result<&str, PathProblem> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(v);
    }
    if v.chars().count() > PATH_MAX || v.chars().any(char::is_control) {
        return Err(PathProblem::Unusable);
    }
    let absolute = v.starts_with('/')
        || v.starts_with("\\\\")
        || (v.len() > 2 && v.as_bytes()[1] == b':' && matches!(v.as_bytes()[2], b'\\' | b'/'));
    if absolute {
        Ok(v)
    } else {
        Err(PathProblem::NotAbsolute)
    }
}

/// A record whose every user-typed text is passed through [`clean`] before it is
/// stored. Storage calls it on each record it saves; a new record type with text
/// fields implements it (the list of fields is the one place to keep current).
pub trait CleanText {
    fn clean_text(&mut self);

    /// A cleaned copy (storage gets records by reference).
    fn cleaned(&self) -> Self
    where
        Self: Clone,
    {
        let mut copy = self.clone();
        copy.clean_text();
        copy
    }
}

macro_rules! clean_fields {
    ($ty:ty: $($field:ident),*) => {
        impl CleanText for $ty {
            fn clean_text(&mut self) {
                $(clean_in_place(&mut self.$field);)*
            }
        }
    };
}

clean_fields!(crate::party::Requisites:
    legal_name, short_name, inn, kpp, ogrn, address, bank_name, bik, account,
    corr_account, signatory_name, signatory_position, email, phone);

impl CleanText for crate::party::ProviderProfile {
    fn clean_text(&mut self) {
        self.requisites.clean_text();
        self.vat.clean_text();
    }
}

impl CleanText for crate::money::VatMode {
    fn clean_text(&mut self) {
        if let crate::money::VatMode::Exempt { reason } = self {
            clean_in_place(reason);
        }
    }
}

impl CleanText for crate::preparation::Request {
    fn clean_text(&mut self) {
        clean_in_place(&mut self.title);
        clean_in_place(&mut self.description);
        clean_in_place(&mut self.received_on);
        clean_in_place(&mut self.desired_deadline);
        self.attachments.iter_mut().for_each(clean_in_place);
    }
}

clean_fields!(crate::preparation::TeamMember: name, contact);
clean_fields!(crate::preparation::Handover: date, note);
clean_fields!(crate::estimate::EstimateItem: title, requirement);

impl CleanText for crate::estimate::Estimate {
    fn clean_text(&mut self) {
        self.vat.clean_text();
        self.items.iter_mut().for_each(CleanText::clean_text);
    }
}

clean_fields!(crate::spec::Requirement: id, text, acceptance);

impl CleanText for crate::spec::SpecSection {
    fn clean_text(&mut self) {
        clean_in_place(&mut self.title);
        clean_in_place(&mut self.body);
        self.requirements.iter_mut().for_each(CleanText::clean_text);
        self.children.iter_mut().for_each(CleanText::clean_text);
    }
}

impl CleanText for crate::spec::SpecContent {
    fn clean_text(&mut self) {
        self.sections.iter_mut().for_each(CleanText::clean_text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_controls_go_and_everything_visible_stays() {
        let hostile = "a\u{7}b\u{1b}[31m\tc\r\nd\re\u{85}f\u{202e}gh\u{2066}i\u{2069}\u{200f}";
        assert_eq!(clean(hostile), "ab[31m c\nd\nefghi");
        // Emoji with joiners and variation selectors, Greek, Arabic-Indic digits,
        // maths and arrows are what a user typed: kept to the byte.
        let visible = "👩\u{200d}💻 ❤\u{fe0f} αβγ ٠١٢٣ ∑∞≠ → «ё» №\u{a0}5\n";
        assert_eq!(clean(visible), visible);
        assert!(matches!(clean(visible), Cow::Borrowed(_)));
    }

    #[test]
    fn records_are_cleaned_in_every_text_field() {
        let mut r = crate::preparation::Request {
            title: "Учёт\u{7}".into(),
            description: "x\u{202d}y".into(),
            attachments: vec!["f\u{0}.pdf".into()],
            ..Default::default()
        };
        r.clean_text();
        assert_eq!(r.title, "Учёт");
        assert_eq!(r.description, "xy");
        assert_eq!(r.attachments, vec!["f.pdf".to_string()]);
    }
}
