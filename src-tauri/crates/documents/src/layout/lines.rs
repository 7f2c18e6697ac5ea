//! Line breaking: a paragraph cut into measured fragments (word pieces between break
//! opportunities), too-wide words split, and the total-fit choice of breaks for the
//! whole paragraph; a chosen line built into positioned runs.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Brk {
    /// Glued to the next fragment (same word).
    None,
    /// A space that may break.
    Space,
    /// A space that must not break (after «в», before «—»).
    Glue,
    /// Inside a word: breaking adds a hyphen.
    Hyphen,
    /// Inside a word: breaking adds nothing (after "/" or the hyphen of "сдачи-приёмки").
    Free,
    /// A forced line break ('\n').
    Forced,
}

/// A piece of a word between break opportunities. Its text is a byte range of the
/// paragraph's buffer (a `String` per fragment showed up in profiles), with its first
/// and last characters at hand for kerning across junctions.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frag {
    start: u32,
    end: u32,
    first: char,
    last: char,
    face: Face,
    width: f32,
    brk: Brk,
}

impl Frag {
    fn text<'a>(&self, buf: &'a str) -> &'a str {
        &buf[self.start as usize..self.end as usize]
    }
}

/// A laid-out line: runs of one face each, with x relative to the line start.
#[derive(Debug, Clone)]
pub(super) struct LineOut {
    pub(super) runs: Vec<(f32, Face, Vec<Piece>)>,
    pub(super) width: f32,
}

/// Words that must not end a line: one-letter prepositions and conjunctions, the
/// number signs, legal forms and address abbreviations (Russian typesetting rules).
const BIND_AFTER: &[&str] = &[
    "в",
    "к",
    "с",
    "и",
    "а",
    "о",
    "у",
    "я",
    "В",
    "К",
    "С",
    "И",
    "А",
    "О",
    "У",
    "Я",
    "№",
    "§",
    "a",
    "A",
    "I",
    "ООО",
    "АО",
    "ПАО",
    "ИП",
    "г.",
    "ул.",
    "д.",
    "ст.",
    "п.",
    "наб.",
    "пом.",
    "лит.",
    "No.",
    "тел.",
    "т.",
    "рис.",
    "табл.",
];

/// `char::is_alphabetic` with a fast path for the scripts the documents are written in
/// (the general lookup showed up in profiles).
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{0400}'..='\u{04FF}').contains(&c)
        || (!c.is_ascii() && c.is_alphabetic())
}

fn is_dash(word: &str) -> bool {
    matches!(word, "—" | "–" | "-")
}

/// Cuts spans into fragments with break opportunities; their text goes to `buf`.
pub(super) fn fragments(spans: &[Span], size: f32, hyphenate: bool, buf: &mut String) -> Vec<Frag> {
    // Words as runs of (char, face) in one buffer (a vector per word showed up in
    // profiles), separated by whitespace; '\n' forces a break.
    let mut flat: Vec<(char, Face)> = Vec::new();
    // Which of `flat` belong to inline code (rare: empty unless some span is code).
    let mut code_at: Vec<bool> = Vec::new();
    let mut words: Vec<(std::ops::Range<usize>, Brk)> = Vec::new();
    let mut cur = 0;
    // Typographic conventions (quotes by level, no-break binding of numbers) are the
    // domain's rule, applied here so stored text stays as typed.
    let mut typo = Typesetting::for_paragraph(spans.iter().map(|s| s.text.as_str()));
    for span in spans {
        // Code is printed as typed: `"key"` must not become «key».
        let text = if span.code {
            std::borrow::Cow::Borrowed(span.text.as_str())
        } else {
            typeset(&span.text, &mut typo)
        };
        for c in text.chars() {
            if c == '\n' {
                if flat.len() > cur {
                    words.push((cur..flat.len(), Brk::Forced));
                    cur = flat.len();
                } else if let Some(last) = words.last_mut() {
                    last.1 = Brk::Forced;
                }
            } else if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
                if flat.len() > cur {
                    words.push((cur..flat.len(), Brk::Space));
                    cur = flat.len();
                }
            } else if let Some(drawn) = crate::fonts::resolve(c, span.face) {
                // Per character: a glyph the span's face lacks comes from the fallback
                // face (a face change splits the fragment); invisible ones are skipped.
                if span.code {
                    code_at.resize(flat.len(), false);
                    code_at.push(true);
                }
                flat.push(drawn);
            }
        }
    }
    if !code_at.is_empty() {
        code_at.resize(flat.len(), false);
    }
    if flat.len() > cur {
        words.push((cur..flat.len(), Brk::Space));
    }
    // Typographic binding: a dash never starts a line, a one-letter word never ends one.
    // (One text buffer for all the words: a string per word showed up in profiles; the
    // bound words are at most five letters, so longer words are not even assembled.)
    let mut text = String::new();
    for i in 0..words.len() {
        if words[i].0.len() > 5 {
            continue;
        }
        text.clear();
        text.extend(flat[words[i].0.clone()].iter().map(|(c, _)| *c));
        if i > 0 && is_dash(&text) && words[i - 1].1 == Brk::Space {
            words[i - 1].1 = Brk::Glue;
        }
        if BIND_AFTER.contains(&text.as_str()) && words[i].1 == Brk::Space && i + 1 < words.len() {
            words[i].1 = Brk::Glue;
        }
    }

    let mut out = Vec::with_capacity(words.len() * 2);
    // Buffers reused from word to word.
    let mut inner: Vec<(usize, Brk)> = Vec::new();
    let mut chars: Vec<char> = Vec::new();
    let mut part = String::new();
    for (range, end_brk) in words {
        let code = code_at
            .get(range.clone())
            .is_some_and(|c| c.contains(&true));
        let word = &flat[range];
        // Break opportunities inside the word, as char indices: (index after which, kind).
        inner.clear();
        chars.clear();
        chars.extend(word.iter().map(|(c, _)| *c));
        let n = chars.len();
        let long = n > 16;
        for i in 0..n.saturating_sub(1) {
            let (c, next) = (chars[i], chars[i + 1]);
            // (Not between digits: «34.10-2012», «1-5» stay whole.)
            let compound_hyphen = c == '-'
                && i >= 2
                && chars[i - 1].is_alphanumeric()
                && next.is_alphanumeric()
                && !(chars[i - 1].is_ascii_digit() && next.is_ascii_digit())
                && n - i > 3;
            // (Not inside a number: «34.10» of a bound «ГОСТ Р 34.10-2012» stays whole.)
            let url_break = long
                && matches!(c, '/' | '_' | '?' | '&' | '=' | '.' | '#' | ',')
                && !(matches!(c, '.' | ',')
                    && i > 0
                    && chars[i - 1].is_ascii_digit()
                    && next.is_ascii_digit())
                && !matches!(next, '/' | '_' | '?' | '&' | '=' | '.' | '#');
            // Code breaks after its separators only, whatever its length.
            let code_break =
                code && matches!(c, '_' | '.' | '/' | '-') && next.is_alphanumeric() && i >= 1;
            if code {
                if code_break {
                    inner.push((i, Brk::Free));
                }
            } else if compound_hyphen || (url_break && i >= 3) {
                inner.push((i, Brk::Free));
            }
        }
        // URLs, e-mails and identifiers are broken at their punctuation, never
        // hyphenated: a hyphen inside a URL changes the address.
        let technical = chars
            .iter()
            .take(n.saturating_sub(1))
            .any(|c| matches!(c, '/' | '_' | '@' | '=' | '&' | '\\' | ':'))
            && n > 8;
        if hyphenate && !technical && !code {
            // Hyphenate each letter-run (parts of compounds separately).
            let mut start = 0;
            while start < n {
                while start < n && !is_letter(chars[start]) {
                    start += 1;
                }
                let mut end = start;
                while end < n && is_letter(chars[end]) {
                    end += 1;
                }
                // Words under five letters are never hyphenated.
                if end >= start + 5 {
                    part.clear();
                    part.extend(&chars[start..end]);
                    // Skip words with capitals inside (abbreviations, identifiers).
                    let inner_caps = part.chars().skip(1).any(|c| c.is_uppercase());
                    if !inner_caps {
                        hyphen::with_breaks(&part, |breaks| {
                            for &b in breaks {
                                let ci = part[..b].chars().count();
                                inner.push((start + ci - 1, Brk::Hyphen));
                            }
                        });
                    }
                }
                start = end;
            }
        }
        inner.sort_by_key(|(i, _)| *i);
        inner.dedup_by_key(|(i, _)| *i);
        // Split at break opportunities and at face changes.
        let mut piece = buf.len();
        let mut piece_face = word.first().map(|(_, f)| *f).unwrap_or(Face::Serif);
        let mut k = 0;
        for (i, (c, face)) in word.iter().enumerate() {
            if *face != piece_face && buf.len() > piece {
                out.push(frag(buf, piece, piece_face, size, Brk::None));
                piece = buf.len();
            }
            piece_face = *face;
            buf.push(*c);
            while k < inner.len() && inner[k].0 < i {
                k += 1;
            }
            if k < inner.len() && inner[k].0 == i && i + 1 < n {
                out.push(frag(buf, piece, piece_face, size, inner[k].1));
                piece = buf.len();
            }
        }
        if buf.len() > piece {
            out.push(frag(buf, piece, piece_face, size, end_brk));
        } else if let Some(last) = out.last_mut() {
            last.brk = end_brk;
        }
    }
    out
}

/// The fragment of `buf` from byte `start` to its end.
fn frag(buf: &str, start: usize, face: Face, size: f32, brk: Brk) -> Frag {
    let text = &buf[start..];
    Frag {
        start: start as u32,
        end: buf.len() as u32,
        first: text.chars().next().unwrap_or(' '),
        last: text.chars().next_back().unwrap_or(' '),
        face,
        width: face.width(text, size),
        brk,
    }
}

/// Breaks fragments wider than `max` between letters so that each piece fits.
fn split_too_wide(frags: Vec<Frag>, buf: &str, max: f32, size: f32) -> Vec<Frag> {
    // Almost every paragraph has none: then the fragments stay as they are.
    let too_wide = |f: &Frag| f.width + f.face.width("-", size) > max;
    if !frags.iter().any(too_wide) {
        return frags;
    }
    let mut out = Vec::with_capacity(frags.len() + 8);
    for f in frags {
        // Leave room for a hyphen that may be added at the end of the line.
        let hyphen = f.face.width("-", size);
        if f.width + hyphen <= max {
            out.push(f);
            continue;
        }
        let mut piece: Option<Frag> = None;
        for (i, c) in f.text(buf).char_indices() {
            let at = f.start + i as u32;
            let cw = f.face.advance(c) * size;
            if let Some(p) = piece.as_mut() {
                if p.width + cw > max - hyphen {
                    out.push(Frag {
                        brk: Brk::Free,
                        ..*p
                    });
                    piece = None;
                }
            }
            let p = piece.get_or_insert(Frag {
                start: at,
                end: at,
                first: c,
                last: c,
                width: 0.0,
                ..f
            });
            p.end = at + c.len_utf8() as u32;
            p.last = c;
            p.width += cw;
        }
        if let Some(p) = piece {
            out.push(Frag { brk: f.brk, ..p });
        }
    }
    out
}

fn is_space(b: Brk) -> bool {
    matches!(b, Brk::Space | Brk::Glue)
}

/// Glue breaks too, at a prohibitive penalty: binding «в» to its word is a preference,
/// never a reason to overflow the margin.
fn can_break(b: Brk) -> bool {
    matches!(b, Brk::Space | Brk::Hyphen | Brk::Free | Brk::Glue)
}

/// Breaks one segment (no forced breaks inside) into lines by total fit.
/// Returns (start, end_inclusive) frag ranges.
fn break_segment(
    frags: &[Frag],
    first_width: f32,
    width: f32,
    size: f32,
    align: Align,
) -> Vec<(usize, usize)> {
    let n = frags.len();
    if n == 0 {
        return Vec::new();
    }
    // What the inner loop reads, laid out flat and computed once per fragment: the
    // space after it (0 if none), the hyphen a line ending there adds, whether a line
    // may start there, and the penalty for ending a line there (the inner loop runs a
    // line's worth of fragments for every break opportunity).
    let mut space_w = Vec::with_capacity(n);
    let mut hyphen_at = Vec::with_capacity(n);
    let mut may_start = Vec::with_capacity(n);
    let mut after_hyphen = Vec::with_capacity(n);
    for (i, f) in frags.iter().enumerate() {
        space_w.push(if is_space(f.brk) {
            f.face.space_face().advance(' ') * size
        } else {
            0.0
        });
        hyphen_at.push(if f.brk == Brk::Hyphen {
            f.face.width("-", size)
        } else {
            0.0
        });
        may_start.push(i == 0 || can_break(frags[i - 1].brk));
        after_hyphen.push(i > 0 && frags[i - 1].brk == Brk::Hyphen);
    }
    // best[j] = (demerits, start of the line ending at fragment j-1), j = 0..=n
    let mut best: Vec<(f64, usize)> = vec![(f64::INFINITY, 0); n + 1];
    best[0] = (0.0, 0);
    for end in 0..n {
        let last = end == n - 1;
        let brk = frags[end].brk;
        if !last && !can_break(brk) {
            continue;
        }
        let hyphen = if !last { hyphen_at[end] } else { 0.0 };
        let penalty: f64 = if last {
            0.0
        } else {
            match brk {
                Brk::Hyphen if align == Align::Justify => 50.0,
                Brk::Hyphen => 150.0,
                Brk::Free => 30.0,
                Brk::Glue => 10_000.0,
                _ => 0.0,
            }
        };
        let penalty_sq = penalty * penalty;
        let ends_hyphen = !last && brk == Brk::Hyphen;
        // Walk starts backwards while the line still fits.
        let mut natural = 0.0f32;
        let mut spaces = 0usize;
        let mut stretchable = 0.0f32;
        let mut s = end + 1;
        while s > 0 {
            s -= 1;
            natural += frags[s].width;
            if s < end && space_w[s] != 0.0 {
                natural += space_w[s];
                spaces += 1;
                stretchable += space_w[s];
            }
            let line_width = if s == 0 { first_width } else { width };
            let total = natural + hyphen;
            if total > line_width + 0.01 {
                // Even a single fragment that does not fit must be taken (it was
                // pre-split to fit, so this only happens through rounding).
                if s == end && may_start[s] && best[s].0.is_finite() {
                    let d = best[s].0 + 1.0e7;
                    if d < best[end + 1].0 {
                        best[end + 1] = (d, s);
                    }
                }
                break;
            }
            if !may_start[s] || !best[s].0.is_finite() {
                continue;
            }
            let slack = line_width - total;
            let badness = if last {
                // The last line is ragged; a very short one is mildly penalised.
                if total < line_width * 0.12 && s > 0 {
                    300.0
                } else {
                    0.0
                }
            } else {
                let ratio = match align {
                    Align::Justify if spaces > 0 => slack / stretchable,
                    Align::Justify => slack / (line_width * 0.05),
                    _ => slack / (line_width * 0.35),
                };
                (100.0 * (ratio as f64).powi(3)).min(10_000.0)
            };
            // Two hyphenated lines in a row cost extra (TeX's \doublehyphendemerits):
            // a ladder of hyphens at the right edge is what readers notice first.
            let ladder = if ends_hyphen && after_hyphen[s] {
                10_000.0
            } else {
                0.0
            };
            let d = best[s].0 + (10.0 + badness).powi(2) + penalty_sq + ladder;
            if d < best[end + 1].0 {
                best[end + 1] = (d, s);
            }
        }
    }
    // Walk back from the end.
    let mut lines = Vec::new();
    let mut j = n;
    while j > 0 {
        let s = best[j].1;
        lines.push((s, j - 1));
        if s >= j {
            break;
        }
        j = s;
    }
    lines.reverse();
    lines
}

/// Lays out a paragraph's text into lines.
pub(super) fn break_lines(
    spans: &[Span],
    size: f32,
    first_width: f32,
    width: f32,
    align: Align,
    hyphenate: bool,
) -> Vec<LineOut> {
    let mut buf = String::new();
    let frags = fragments(spans, size, hyphenate, &mut buf);
    let frags = split_too_wide(frags, &buf, first_width.min(width).max(size), size);
    let mut out = Vec::new();
    let mut seg_start = 0;
    let n = frags.len();
    for i in 0..n {
        if frags[i].brk == Brk::Forced || i == n - 1 {
            let seg = &frags[seg_start..=i];
            let fw = if seg_start == 0 { first_width } else { width };
            for (a, b) in break_segment(seg, fw, width, size, align) {
                let last_of_seg = b == seg.len() - 1;
                let line_width = if seg_start == 0 && a == 0 {
                    first_width
                } else {
                    width
                };
                out.push(build_line(
                    &seg[a..=b],
                    &buf,
                    size,
                    line_width,
                    align,
                    last_of_seg,
                ));
            }
            seg_start = i + 1;
        }
    }
    out
}

fn build_line(
    frags: &[Frag],
    buf: &str,
    size: f32,
    width: f32,
    align: Align,
    last: bool,
) -> LineOut {
    let n = frags.len();
    let hyphen = !last && frags.last().map(|f| f.brk == Brk::Hyphen).unwrap_or(false);
    // Kerning across a junction of two glued fragments of one face (they are drawn
    // as one string, so the writer kerns the pair).
    let junction = |i: usize| -> f32 {
        if i == 0 || is_space(frags[i - 1].brk) || frags[i - 1].face != frags[i].face {
            return 0.0;
        }
        frags[i].face.kern(frags[i - 1].last, frags[i].first) * size
    };
    let mut natural = 0.0;
    let mut spaces = 0;
    for (i, f) in frags.iter().enumerate() {
        natural += f.width + junction(i);
        if i + 1 < n && is_space(f.brk) {
            natural += f.face.space_face().advance(' ') * size;
            spaces += 1;
        }
    }
    // The hyphen added at the line end, kerned against the last letter.
    let hyphen_w = |f: &Frag| -> f32 { f.face.width("-", size) + f.face.kern(f.last, '-') * size };
    if hyphen {
        natural += hyphen_w(&frags[n - 1]);
    }
    let extra = if align == Align::Justify && !last && spaces > 0 {
        ((width - natural) / spaces as f32).max(0.0)
    } else {
        0.0
    };
    let mut runs: Vec<(f32, Face, Vec<Piece>)> = Vec::new();
    let mut x = 0.0;
    for (i, f) in frags.iter().enumerate() {
        let new_run = runs.last().map(|r| r.1 != f.face).unwrap_or(true);
        if new_run {
            runs.push((x, f.face, Vec::new()));
        }
        if !new_run {
            x += junction(i);
        }
        x += f.width;
        let hyphened = i + 1 == n && hyphen;
        if hyphened {
            x += hyphen_w(f);
        }
        let spaced = i + 1 < n && is_space(f.brk);
        // A space in another face than the word's (see `Face::space_face`) is a run
        // of its own.
        let space_run = spaced && f.face.space_face() != f.face;
        if spaced {
            x += f.face.space_face().advance(' ') * size;
        }
        if let Some(run) = runs.last_mut() {
            // The fragment's text (plus the hyphen or space) appended in place.
            if !matches!(run.2.last(), Some(Piece::Text(_))) {
                // Room for the rest of the line's text, so the string grows once.
                let rest = frags[n - 1].end.saturating_sub(f.start) as usize + 8;
                run.2.push(Piece::Text(String::with_capacity(rest)));
            }
            if let Some(Piece::Text(t)) = run.2.last_mut() {
                t.push_str(f.text(buf));
                if hyphened {
                    t.push('-');
                }
                if spaced && !space_run {
                    t.push(' ');
                }
            }
            if space_run {
                let face = f.face.space_face();
                let at = x - face.advance(' ') * size;
                runs.push((at, face, vec![Piece::Text(" ".into())]));
            }
            if let Some(run) = runs.last_mut() {
                if spaced && extra > 0.0 {
                    run.2.push(Piece::Gap(extra));
                    x += extra;
                }
            }
        }
    }
    LineOut { runs, width: x }
}
