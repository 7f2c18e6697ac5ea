//! What full-text search compares: the search normal form of text, and what a typed
//! query means. Storage indexes text and builds its FTS5 query from these, so the
//! index and the query can never fold a letter differently.
//!
//! Guarantees:
//! - [`normal_form`] folds ё to е (and Ё to Е), as Russian readers do: «учёт», «учет»,
//!   «Пётр» and «Петр» are the same word to search. It maps every character to one
//!   character of the same UTF-8 length, so byte offsets into the folded text are byte
//!   offsets into the original (the index stores the folded text, snippets are cut
//!   from the original);
//! - [`query`] never lets typed text act as query syntax: it yields only words (letters
//!   and digits), plus, for a piece typed with punctuation inside or in front («-1»,
//!   «ТР-4.2», «C++»), that piece literally, which a hit must contain — so «-1» does
//!   not find every bare «1».

/// The text as search compares it (see the module doc): ё → е, Ё → Е, nothing else.
pub fn normal_form(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ё' => 'е',
            'Ё' => 'Е',
            c => c,
        })
        .collect()
}

/// What a word of the query is made of: it decides how it is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// Contains a letter: matched by its stem, as a prefix («заказов» finds «заказы»).
    Letters,
    /// Digits only: matched as the whole number («1» does not find «10»).
    Number,
}

/// One word of a query, lower-case, in the search normal form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    pub text: String,
    pub kind: WordKind,
}

/// One piece of the query as typed between spaces: its words must stand together in
/// a hit, and if it was typed with punctuation, the hit must contain it literally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    pub words: Vec<QueryWord>,
    /// The piece as typed (lower-case, normal form) when it holds more than words.
    pub literal: Option<String>,
}

/// Opening marks stripped from the front of a typed piece: quoting a word is not a
/// request to find the quote.
const OPENING: &[char] = &['«', '"', '\'', '„', '“', '‘', '(', '[', '{'];
/// Marks stripped from the end: closing quotes and sentence punctuation.
const CLOSING: &[char] = &[
    '»', '"', '\'', '“', '”', '’', ')', ']', '}', '.', ',', ';', ':', '!', '?', '…',
];

/// The terms of a typed query, all of which a hit must match; empty when nothing
/// searchable was typed.
pub fn query(typed: &str) -> Vec<QueryTerm> {
    typed
        .split_whitespace()
        .filter_map(|piece| {
            let piece = piece
                .trim_start_matches(OPENING)
                .trim_end_matches(CLOSING)
                .to_lowercase();
            let piece = normal_form(&piece);
            let words: Vec<QueryWord> = piece
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| QueryWord {
                    text: w.to_string(),
                    kind: if w.chars().all(|c| c.is_numeric()) {
                        WordKind::Number
                    } else {
                        WordKind::Letters
                    },
                })
                .collect();
            if words.is_empty() {
                return None;
            }
            let literal = piece.chars().any(|c| !c.is_alphanumeric()).then_some(piece);
            Some(QueryTerm { words, literal })
        })
        .collect()
}

/// Whether `text` contains the term's literal piece (true when it has none), compared
/// in the search normal form, ignoring case.
pub fn contains_literal(text: &str, term: &QueryTerm) -> bool {
    match &term.literal {
        None => true,
        Some(l) => normal_form(&text.to_lowercase()).contains(l.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yo_folds_to_ye_in_both_cases_and_keeps_byte_offsets() {
        let text = "Ёлкин Пётр: учёт";
        assert_eq!(normal_form(text), "Елкин Петр: учет");
        assert_eq!(normal_form(text).len(), text.len());
        for c in ['ё', 'Ё'] {
            let s = c.to_string();
            assert_eq!(normal_form(&s).len(), s.len());
        }
    }

    #[test]
    fn a_query_is_words_and_never_syntax() {
        let q = query("Учёт «заказов», -1 ТР-4.2 NEAR(a b) \"*");
        let words: Vec<Vec<&str>> = q
            .iter()
            .map(|t| t.words.iter().map(|w| w.text.as_str()).collect())
            .collect();
        assert_eq!(
            words,
            [
                vec!["учет"],
                vec!["заказов"],
                vec!["1"],
                vec!["тр", "4", "2"],
                vec!["near", "a"],
                vec!["b"]
            ]
        );
        assert_eq!(q[0].literal, None, "quotes and commas are not searched for");
        assert_eq!(q[1].literal, None);
        assert_eq!(q[2].literal.as_deref(), Some("-1"));
        assert_eq!(q[2].words[0].kind, WordKind::Number);
        assert_eq!(q[3].literal.as_deref(), Some("тр-4.2"));
        assert!(query("  \" * ").is_empty());
    }

    #[test]
    fn a_literal_is_found_whatever_the_case_and_the_yo() {
        let t = &query("Ёж-1")[0];
        assert!(contains_literal("Требование ЕЖ-1 выполнено", t));
        assert!(!contains_literal("Требование ЕЖ 1 выполнено", t));
        assert!(contains_literal("anything", &query("слово")[0]));
    }
}
