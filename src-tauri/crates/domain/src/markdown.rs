//! The Markdown subset a ТЗ section's text is written in, parsed once, here, into typed
//! blocks: the PDF and the window's preview both draw these blocks, so what the preview
//! shows is what the document prints.
//!
//! The subset: paragraphs separated by blank lines; `- ` / `* ` bullet lists and
//! `1. ` / `1) ` numbered lists, nested by indentation, each item keeping the number
//! its author typed; `> ` quotes; `| a | b |` tables whose first row is the header;
//! inline `**bold**`, `*italic*` and `` `code` ``; `\*` for a literal mark.
//!
//! Guarantees: parsing never fails and never drops text — a mark without its pair stays
//! as typed; nothing is interpreted as HTML (the blocks are data, drawn with plain
//! elements). Cases are pinned in `tests/markdown_fixtures.json`.

use serde::{Deserialize, Serialize};

use crate::text::Lang;

/// A run of text with its emphasis. `code` is an identifier, a path or a command,
/// printed without its backticks and never hyphenated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Run {
    pub text: String,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub italic: bool,
    #[serde(default)]
    pub code: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
}

/// One item of a list. Items of nested lists follow their parent item in one flat
/// sequence, each with its depth, so a renderer indents by `level` and never has to
/// walk a tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListItem {
    /// 0 for the outermost list, 1 for a list nested in one of its items, …
    pub level: u32,
    /// The number the author typed («3.» → 3); `None` for a bullet.
    pub number: Option<u32>,
    /// What is printed before the item: «3)» in Russian and "3." in English for a
    /// numbered item (the author's number), a dash or a bullet by level otherwise.
    pub marker: String,
    pub runs: Vec<Run>,
}

impl ListItem {
    fn marker(level: u32, number: Option<u32>, lang: Lang) -> String {
        match (number, lang) {
            (Some(n), Lang::Ru) => format!("{n})"),
            (Some(n), Lang::En) => format!("{n}."),
            // Russian lists take a dash (ГОСТ 2.105), English ones a bullet; nested
            // levels alternate, so a reader sees where a sublist starts.
            (None, Lang::Ru) => ["–", "•"][level as usize % 2].to_string(),
            (None, Lang::En) => ["•", "–"][level as usize % 2].to_string(),
        }
    }
}

/// One block of a section's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        runs: Vec<Run>,
    },
    /// Consecutive list items, nested ones included.
    List {
        items: Vec<ListItem>,
    },
    /// A quoted passage: its paragraphs.
    Quote {
        paragraphs: Vec<Vec<Run>>,
    },
    /// A table: the header row, then the body rows; every row has as many cells as
    /// the widest row (missing cells are empty).
    Table {
        header: Vec<Vec<Run>>,
        rows: Vec<Vec<Vec<Run>>>,
    },
}

/// Parses a section's text, written in `lang` (list markers follow its typography),
/// into blocks.
pub fn parse(text: &str, lang: Lang) -> Vec<Block> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        if trimmed.is_empty() {
            i += 1;
        } else if trimmed.starts_with('|') {
            let start = i;
            while i < lines.len() && lines[i].trim().starts_with('|') {
                i += 1;
            }
            out.push(table(&lines[start..i]));
        } else if trimmed.starts_with('>') {
            let start = i;
            while i < lines.len() && lines[i].trim().starts_with('>') {
                i += 1;
            }
            out.push(quote(&lines[start..i]));
        } else if list_marker(line).is_some() {
            let start = i;
            i += 1;
            // A list runs until a blank line followed by something that is not an item
            // (a blank line between items keeps one list), or a table or a quote.
            while i < lines.len() {
                let t = lines[i].trim();
                if t.is_empty() {
                    match lines[i..].iter().find(|l| !l.trim().is_empty()) {
                        Some(next) if list_marker(next).is_some() => i += 1,
                        _ => break,
                    }
                } else if t.starts_with('|') || t.starts_with('>') {
                    break;
                } else {
                    i += 1;
                }
            }
            out.push(list(&lines[start..i], lang));
        } else {
            let start = i;
            i += 1;
            while i < lines.len() {
                let t = lines[i].trim();
                // A bullet or a list starting at 1 may interrupt a paragraph, as in
                // CommonMark («Система должна:» then the items); «2015. год» may not.
                let interrupts = match list_marker(lines[i]) {
                    Some(m) => m.number.is_none_or(|n| n == 1),
                    None => t.starts_with('|') || t.starts_with('>'),
                };
                if t.is_empty() || interrupts {
                    break;
                }
                i += 1;
            }
            out.push(Block::Paragraph {
                runs: inline(&join(&lines[start..i])),
            });
        }
    }
    out
}

/// Lines of one paragraph joined by spaces, each trimmed.
fn join(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

struct Marker {
    /// Column of the marker (a tab counts as four).
    indent: usize,
    number: Option<u32>,
    /// Byte offset of the item's text in the line.
    text: usize,
}

/// The list marker a line starts with, if any: `- `, `* `, `+ `, `12. `, `12) `.
fn list_marker(line: &str) -> Option<Marker> {
    let body = line.trim_start();
    let lead = &line[..line.len() - body.len()];
    let indent = lead.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
    let text_after = |marker_len: usize| -> Option<usize> {
        let rest = &body[marker_len..];
        let spaced = rest.starts_with([' ', '\t']);
        (spaced && !rest.trim().is_empty()).then(|| line.len() - rest.trim_start().len())
    };
    if body.starts_with(['-', '*', '+']) {
        return Some(Marker {
            indent,
            number: None,
            text: text_after(1)?,
        });
    }
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 9 || !body[digits..].starts_with(['.', ')']) {
        return None;
    }
    Some(Marker {
        indent,
        number: body[..digits].parse().ok(),
        text: text_after(digits + 1)?,
    })
}

fn list(lines: &[&str], lang: Lang) -> Block {
    let mut items: Vec<(ListItem, String)> = Vec::new();
    // Indentation columns of the open levels, outermost first.
    let mut open: Vec<usize> = Vec::new();
    for line in lines {
        if line.trim().is_empty() {
            continue;
        }
        let Some(m) = list_marker(line) else {
            // A continuation line belongs to the item above it.
            if let Some((_, text)) = items.last_mut() {
                text.push(' ');
                text.push_str(line.trim());
            }
            continue;
        };
        while open.last().is_some_and(|&col| col > m.indent) {
            open.pop();
        }
        // Deeper than the current level by at least two columns opens a new level;
        // a one-column wobble is a typing slip, not nesting.
        match open.last() {
            Some(&col) if m.indent >= col + 2 => open.push(m.indent),
            Some(_) => {}
            None => open.push(m.indent),
        }
        let level = open.len().saturating_sub(1) as u32;
        items.push((
            ListItem {
                level,
                number: m.number,
                marker: ListItem::marker(level, m.number, lang),
                runs: Vec::new(),
            },
            line[m.text..].trim().to_string(),
        ));
    }
    Block::List {
        items: items
            .into_iter()
            .map(|(mut item, text)| {
                item.runs = inline(&text);
                item
            })
            .collect(),
    }
}

fn quote(lines: &[&str]) -> Block {
    let mut paragraphs: Vec<Vec<&str>> = vec![Vec::new()];
    for line in lines {
        // «> > text»: a nested quote is printed as part of the one quote.
        let text = line.trim().trim_start_matches(['>', ' ']).trim();
        // A blank «>» line ends a paragraph; empty ones are dropped below.
        if text.is_empty() {
            paragraphs.push(Vec::new());
        } else if let Some(p) = paragraphs.last_mut() {
            p.push(text);
        }
    }
    Block::Quote {
        paragraphs: paragraphs
            .into_iter()
            .filter(|p| !p.is_empty())
            .map(|p| inline(&p.join(" ")))
            .collect(),
    }
}

/// Whether a table line is the `|---|:--:|` rule under the header.
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// A row's cells: the text between unescaped pipes, outer pipes dropped.
fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = match t.strip_suffix('|') {
        Some(s) if !s.ends_with('\\') => s,
        _ => t,
    };
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = t.char_indices().peekable();
    let mut in_code = false;
    while let Some((at, c)) = chars.next() {
        match c {
            // «\|» is a pipe inside a cell; the escape is consumed here.
            '\\' if chars.peek().map(|(_, c)| *c) == Some('|') => {
                chars.next();
                cur.push('|');
            }
            // A pipe inside a code span is text; a lone backtick opens nothing.
            '`' => {
                in_code = !in_code && t[at + 1..].contains('`');
                cur.push(c);
            }
            '|' if !in_code => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn table(lines: &[&str]) -> Block {
    let rows: Vec<Vec<Vec<Run>>> = lines
        .iter()
        .filter(|l| !is_rule(l))
        .map(|l| cells(l).iter().map(|c| inline(c.trim())).collect())
        .collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut rows = rows.into_iter().map(|mut r| {
        r.resize(width, Vec::new());
        r
    });
    let header = rows.next().unwrap_or_default();
    Block::Table {
        header,
        rows: rows.collect(),
    }
}

/// Inline text as runs: `` `code` `` (taken literally), `**bold**`, `*italic*`, and
/// `\*` for a literal mark. A mark opens only before a non-space and closes only after
/// one, so «2 * 3 = 6» stays as typed; a mark without its pair stays as typed too.
pub fn inline(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    spans(text, false, false, &mut out);
    out
}

fn push(out: &mut Vec<Run>, text: &str, bold: bool, italic: bool, code: bool) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = out.last_mut() {
        if (last.bold, last.italic, last.code) == (bold, italic, code) {
            last.text.push_str(text);
            return;
        }
    }
    out.push(Run {
        text: text.to_string(),
        bold,
        italic,
        code,
    });
}

fn spans(text: &str, bold: bool, italic: bool, out: &mut Vec<Run>) {
    let mut plain = String::new();
    let mut i = 0;
    let flush = |plain: &mut String, out: &mut Vec<Run>| {
        push(out, plain, bold, italic, false);
        plain.clear();
    };
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c == '\\' {
            if let Some(next) = rest[1..].chars().next().filter(char::is_ascii_punctuation) {
                plain.push(next);
                i += 1 + next.len_utf8();
                continue;
            }
        }
        if c == '`' {
            let ticks = rest.chars().take_while(|&c| c == '`').count();
            let after = &rest[ticks..];
            if let Some(end) = closing_ticks(after, ticks) {
                flush(&mut plain, out);
                let code = &after[..end];
                // One space inside each end is padding (`` ` `x` ` ``), as in CommonMark.
                let code = match code.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
                    Some(inner) if !inner.trim().is_empty() => inner,
                    _ => code,
                };
                push(out, code, bold, italic, true);
                i += ticks + end + ticks;
                continue;
            }
            // No closing run: the backticks are text.
            plain.push_str(&rest[..ticks]);
            i += ticks;
            continue;
        }
        if c == '*' {
            let mark = if rest.starts_with("**") { 2 } else { 1 };
            if let Some(end) = closing_mark(rest, mark) {
                flush(&mut plain, out);
                let inner = &rest[mark..end];
                spans(inner, bold || mark == 2, italic || mark == 1, out);
                i += end + mark;
                continue;
            }
            plain.push_str(&rest[..mark]);
            i += mark;
            continue;
        }
        plain.push(c);
        i += c.len_utf8();
    }
    flush(&mut plain, out);
}

/// Byte offset in `s` of a run of exactly `n` backticks.
fn closing_ticks(s: &str, n: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if run == n {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// Where the mark of `mark` asterisks opening `s` closes: the next such mark after a
/// non-space, skipping code spans and escapes; `None` if the opener is followed by a
/// space or nothing closes it.
fn closing_mark(s: &str, mark: usize) -> Option<usize> {
    let after = s[mark..].chars().next()?;
    if after.is_whitespace() || after == '*' && mark == 2 {
        return None;
    }
    let bytes = s.as_bytes();
    let mut i = mark;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                match closing_ticks(&s[i + run..], run) {
                    Some(end) => i += run + end + run,
                    None => i += run,
                }
            }
            b'*' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'*').count();
                let before = s[..i].chars().next_back().unwrap_or(' ');
                // A single mark closes at a single `*`; a double one at `**` (the first
                // two of a longer run, so «***x***» still pairs).
                let fits = if mark == 1 {
                    run == 1 || run >= 3
                } else {
                    run >= 2
                };
                if fits && !before.is_whitespace() && i > mark {
                    return Some(i);
                }
                i += run;
            }
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures() {
        #[derive(Deserialize)]
        struct Case {
            name: String,
            #[serde(default)]
            lang: Lang,
            markdown: String,
            blocks: Vec<Block>,
        }
        let cases: Vec<Case> =
            serde_json::from_str(include_str!("../tests/markdown_fixtures.json"))
                .expect("markdown_fixtures.json is valid");
        assert!(cases.len() >= 10);
        let mut failed = Vec::new();
        for case in &cases {
            let got = parse(&case.markdown, case.lang);
            if got != case.blocks {
                failed.push(format!(
                    "{}:\n  want {}\n  got  {}",
                    case.name,
                    serde_json::to_string(&case.blocks).unwrap_or_default(),
                    serde_json::to_string(&got).unwrap_or_default()
                ));
            }
        }
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }

    #[test]
    fn no_text_is_lost_whatever_is_typed() {
        // Every non-mark character typed comes back in some run.
        for text in [
            "** * ` `` \\ | > - 1.",
            "*a **b* c**",
            "`unclosed and *half",
            "| a | b\n|---\n| `x|y` | \\| |",
            "    - deep\n- shallow\n        - deeper",
        ] {
            let blocks = parse(text, Lang::Ru);
            let mut seen = String::new();
            for b in &blocks {
                let mut add = |runs: &[Run]| runs.iter().for_each(|r| seen.push_str(&r.text));
                match b {
                    Block::Paragraph { runs } => add(runs),
                    Block::List { items } => items.iter().for_each(|i| add(&i.runs)),
                    Block::Quote { paragraphs } => paragraphs.iter().for_each(|p| add(p)),
                    Block::Table { header, rows } => {
                        header.iter().for_each(|c| add(c));
                        rows.iter().flatten().for_each(|c| add(c));
                    }
                }
            }
            for c in text.chars().filter(|c| c.is_alphanumeric()) {
                assert!(seen.contains(c), "{text:?} lost {c:?}: {seen:?}");
            }
        }
    }
}
