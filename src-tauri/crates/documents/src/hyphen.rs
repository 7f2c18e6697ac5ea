//! Where a word may be hyphenated, in Russian and English (Knuth–Liang patterns from
//! TeX's hyph-utf8, via the `hyphenation` crate; only these two languages embedded).
//!
//! Guarantees: the language of each word is decided by its letters (Cyrillic → Russian
//! patterns, Latin → US English), so mixed-language text hyphenates correctly; a word
//! is never split closer than two letters to either end; if the patterns cannot be
//! loaded words are simply not hyphenated.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use hyphenation::{Hyphenator, Language, Load, Standard};

static RU: &[u8] = include_bytes!("../patterns/ru.standard.bincode");
static EN: &[u8] = include_bytes!("../patterns/en-us.standard.bincode");

fn dictionary(lang: Language) -> Option<&'static Standard> {
    static RU_DICT: OnceLock<Option<Standard>> = OnceLock::new();
    static EN_DICT: OnceLock<Option<Standard>> = OnceLock::new();
    let (cell, bytes) = match lang {
        Language::Russian => (&RU_DICT, RU),
        _ => (&EN_DICT, EN),
    };
    cell.get_or_init(|| {
        let mut reader = bytes;
        Standard::from_reader(lang, &mut reader).ok()
    })
    .as_ref()
}

/// Whether both pattern sets load (checked by a test: a broken file must not ship).
pub fn patterns_load() -> bool {
    dictionary(Language::Russian).is_some() && dictionary(Language::EnglishUS).is_some()
}

/// Words repeat a lot in a document and the layout runs twice (for the table of
/// contents); looking a word up costs ~8 µs, a cache hit ~50 ns. One cache for the
/// process (not per thread): the layout breaks paragraphs on two threads.
static CACHE: std::sync::LazyLock<Mutex<HashMap<String, Vec<usize>>>> =
    std::sync::LazyLock::new(|| Mutex::new(HashMap::new()));

/// The most words remembered per thread before the cache starts over.
const CACHE_LIMIT: usize = 50_000;

/// Byte offsets inside `word` (letters only, no punctuation) where a hyphen may go.
pub fn breaks(word: &str) -> Vec<usize> {
    with_breaks(word, <[usize]>::to_vec)
}

/// Calls `f` with the byte offsets [`breaks`] returns, without copying them out of
/// the cache (the layout asks for every word of every paragraph).
pub fn with_breaks<R>(word: &str, f: impl FnOnce(&[usize]) -> R) -> R {
    if word.chars().nth(4).is_none() {
        return f(&[]);
    }
    // A poisoned lock only means another thread panicked mid-insert of a plain map.
    let lock = || CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(hit) = lock().get(word) {
        return f(hit);
    }
    let found = compute(word);
    let r = f(&found);
    let mut c = lock();
    if c.len() >= CACHE_LIMIT {
        c.clear();
    }
    c.insert(word.to_string(), found);
    r
}

fn compute(word: &str) -> Vec<usize> {
    // Callers pass letter runs; words under five letters are never hyphenated.
    if word.chars().nth(4).is_none() {
        return Vec::new();
    }
    let cyrillic = word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    let lang = if cyrillic {
        Language::Russian
    } else {
        Language::EnglishUS
    };
    let Some(dict) = dictionary(lang) else {
        return Vec::new();
    };
    // The patterns are lower-case; offsets are the same for the case-folded word as
    // long as lowering does not change byte lengths, which holds for ru/en letters.
    let lower = word.to_lowercase();
    if lower.len() != word.len() {
        return Vec::new();
    }
    let mut out: Vec<usize> = dict.hyphenate(&lower).breaks;
    // Two letters at least on each side, whatever the patterns' own minima.
    out.retain(|&b| {
        word.get(..b)
            .map(|s| s.chars().count() >= 2)
            .unwrap_or(false)
            && word
                .get(b..)
                .map(|s| s.chars().count() >= 2)
                .unwrap_or(false)
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(word: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for b in breaks(word) {
            out.push_str(&word[last..b]);
            out.push('-');
            last = b;
        }
        out.push_str(&word[last..]);
        out
    }

    #[test]
    fn russian_and_english_words_hyphenate() {
        assert!(patterns_load());
        let ru = split("автоматизированной");
        assert!(ru.contains('-'), "{ru}");
        assert_eq!(ru.replace('-', ""), "автоматизированной");
        let en = split("documentation");
        assert!(en.contains('-'), "{en}");
        assert!(breaks("дом").is_empty());
    }
}
