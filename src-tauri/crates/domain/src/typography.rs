//! Russian typographic conventions applied when a text is typeset — never to the text
//! as stored: the user's words stay as typed, the printed page follows the rules.
//!
//! - Quotes: «ёлочки» outside, „лапки“ inside («Модуль „Учёт заявок“»); straight
//!   `"…"` in a Russian paragraph become the same pair.
//! - No-break binding: the groups of a number («10 000 000»), a sign and its number
//!   («№ 5», «§ 4»), a standard's name and number («ГОСТ Р 34.10-2012»), a number and
//!   its unit sign («100 ₽», «20 %») are joined with no-break spaces, so none is split
//!   across lines. (A hyphen between digits, «34.10-2012», is kept as typed, so the
//!   PDF's text stays searchable; the layout never breaks there.)

use std::borrow::Cow;

const NBSP: char = '\u{a0}';

/// What one paragraph's typesetting carries from one run of text to the next (a quote
/// opened in plain text may close in bold).
#[derive(Debug, Clone, Copy, Default)]
pub struct Typesetting {
    /// Quotes open at this point.
    depth: u8,
    /// Whether straight quotes are made Russian ones (the paragraph is Russian).
    straight: bool,
}

impl Typesetting {
    /// The state at the start of a paragraph whose whole text is `paragraph` (straight
    /// quotes are converted only in Russian text: one with Cyrillic letters).
    pub fn for_paragraph<'a>(paragraph: impl IntoIterator<Item = &'a str>) -> Typesetting {
        Typesetting {
            depth: 0,
            straight: paragraph
                .into_iter()
                .any(|t| t.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))),
        }
    }
}

/// `text` as it is printed: quotes by nesting level, numbers and their signs bound
/// with no-break spaces. Borrowed when nothing applies.
pub fn typeset<'a>(text: &'a str, state: &mut Typesetting) -> Cow<'a, str> {
    // Most runs have none of this and are handed back as they are: a quote or sign, a
    // space beside a digit, a standard's name.
    let bytes = text.as_bytes();
    let digit_space = bytes.iter().enumerate().any(|(i, b)| {
        *b == b' '
            && ((i > 0 && bytes[i - 1].is_ascii_digit())
                || bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    });
    let needs = digit_space
        || text
            .chars()
            .any(|c| matches!(c, '«' | '»' | '№' | '§') || (c == '"' && state.straight))
        || ["ОСТ", "ISO", "IEC", "СНиП"]
            .iter()
            .any(|w| text.contains(w));
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    // Unchanged stretches are copied whole; only the special characters are looked at.
    let mut copied = 0;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let replacement = match c {
            '«' => {
                state.depth = state.depth.saturating_add(1);
                Some(if state.depth > 1 { '„' } else { '«' })
            }
            '»' => {
                let r = if state.depth > 1 { '“' } else { '»' };
                state.depth = state.depth.saturating_sub(1);
                Some(r)
            }
            '"' if state.straight => {
                let opens = prev.is_none_or(|p| p.is_whitespace() || "([{«„—–-/".contains(p))
                    && next.is_some_and(|n| !n.is_whitespace());
                if opens {
                    state.depth = state.depth.saturating_add(1);
                    Some(if state.depth > 1 { '„' } else { '«' })
                } else if state.depth > 0 {
                    let r = if state.depth > 1 { '“' } else { '»' };
                    state.depth -= 1;
                    Some(r)
                } else {
                    None
                }
            }
            ' ' if binds(text, i, prev, next) => Some(NBSP),
            _ => None,
        };
        if let Some(r) = replacement {
            if r != c {
                out.push_str(&text[copied..i]);
                out.push(r);
                copied = i + c.len_utf8();
            }
        }
        prev = Some(c);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Whether the space at byte `i` of `text`, between `prev` and `next`, joins them.
fn binds(text: &str, i: usize, prev: Option<char>, next: Option<char>) -> bool {
    let (Some(prev), Some(next)) = (prev, next) else {
        return false;
    };
    // «№ 5», «§ 4»: the sign never ends a line.
    if matches!(prev, '№' | '§') {
        return true;
    }
    // «100 ₽», «20 %».
    if prev.is_ascii_digit() && matches!(next, '₽' | '%' | '€' | '$' | '‰') {
        return true;
    }
    let word_before = text[..i].rsplit(char::is_whitespace).next().unwrap_or("");
    // «ГОСТ Р 34.10-2012», «ГОСТ 19.201-78», «ISO 9001»: the standard's name stays
    // with what follows.
    if matches!(
        word_before,
        "ГОСТ" | "ISO" | "IEC" | "ISO/IEC" | "ISO/IEC/IEEE" | "СНиП" | "ОСТ"
    ) {
        return true;
    }
    if word_before == "Р" && next.is_ascii_digit() {
        return true;
    }
    // Digit groups: «10 000 000» — a group of one to three digits followed by a group
    // of exactly three.
    if prev.is_ascii_digit() && next.is_ascii_digit() {
        let before = text.as_bytes()[..i]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let after = text.as_bytes()[i + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        return before <= 3 && after == 3;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> String {
        let mut st = Typesetting::for_paragraph([text]);
        typeset(text, &mut st).into_owned()
    }

    #[test]
    fn inner_quotes_are_lapki() {
        assert_eq!(ts("«Модуль «Учёт заявок»»"), "«Модуль „Учёт заявок“»");
        assert_eq!(
            ts("ООО «Ромашка» и «Модуль «Учёт» и «Склад»»."),
            "ООО «Ромашка» и «Модуль „Учёт“ и „Склад“»."
        );
        // Straight quotes in Russian text become the same pair.
        assert_eq!(
            ts("Кнопка \"Сохранить\" и \"Окно \"Отчёт\"\""),
            "Кнопка «Сохранить» и «Окно „Отчёт“»"
        );
        // English text keeps its straight quotes.
        assert_eq!(ts("The \"Save\" button"), "The \"Save\" button");
    }

    #[test]
    fn a_quote_opened_in_one_run_closes_in_the_next() {
        let mut st = Typesetting::for_paragraph(["«Модуль ", "«Учёт»", "»"]);
        let parts: Vec<String> = ["«Модуль ", "«Учёт»", "»"]
            .iter()
            .map(|t| typeset(t, &mut st).into_owned())
            .collect();
        assert_eq!(parts.concat(), "«Модуль „Учёт“»");
    }

    #[test]
    fn numbers_and_their_signs_are_bound() {
        assert_eq!(
            ts("Сумма 10 000 000 ₽"),
            "Сумма 10\u{a0}000\u{a0}000\u{a0}₽"
        );
        assert_eq!(
            ts("по ГОСТ Р 34.10-2012, § 4, № 5"),
            "по ГОСТ\u{a0}Р\u{a0}34.10-2012, §\u{a0}4, №\u{a0}5"
        );
        // Two numbers side by side that are not groups stay breakable.
        assert_eq!(ts("пункты 12 1234"), "пункты 12 1234");
        assert_eq!(ts("в 2027 году"), "в 2027 году");
        assert!(matches!(
            typeset("plain", &mut Typesetting::default()),
            Cow::Borrowed(_)
        ));
    }
}
