//! Our layout engine: blocks of styled text, lists and tables in, pages of positioned
//! boxes out. Nothing here knows about PDF; [`crate::pdf`] turns the boxes into ops.
//!
//! How it works: a paragraph is cut into fragments (word pieces between break
//! opportunities: spaces, hyphenation points, the hyphen of a compound word, the
//! slashes of a URL) measured with the real font; a total-fit dynamic programme
//! (Knuth–Plass style demerits, without shrink) chooses the breaks for the whole
//! paragraph at once; justified lines get their slack spread over the spaces. Every
//! block becomes a list of unbreakable *slices* (a line, a table row) with
//! keep-with-next flags; the paginator places slices on pages honouring those flags.
//!
//! Guarantees:
//! - no fragment is wider than its line: a word that cannot fit is broken at natural
//!   points, and failing those between letters, so nothing crosses the margin; a table
//!   cell whose longest word (an amount) is up to 20 % too wide is set smaller instead;
//!   a table row taller than a page continues on the next one, so nothing runs past
//!   the bottom margin either;
//! - measured widths include the fonts' kerning, exactly as the PDF writer applies it;
//!   consecutive hyphenated lines and one-letter words at a line end are penalised;
//! - a heading is kept with the first two lines of what follows; paragraphs leave no
//!   single orphan or widow line; a table's header is repeated at the top of every
//!   page it continues on; rows marked as a tail (totals) never start a page alone;
//!   groups (signature blocks) are never split unless taller than a page;
//! - the result is a pure function of the input: no clock, no randomness.

use std::sync::Arc;

use crate::fonts::Face;
use crate::hyphen;
use etap_domain::typography::{typeset, Typesetting};

pub const PT_PER_MM: f32 = 72.0 / 25.4;

pub fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// The page and its margins, in points.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Geometry {
    /// A4 with the margins of Russian business documents (ГОСТ Р 7.0.97: left 20–30 mm,
    /// right at least 10 mm); 25/15 leaves room for binding and looks balanced.
    pub fn a4() -> Geometry {
        Geometry {
            width: mm(210.0),
            height: mm(297.0),
            left: mm(25.0),
            right: mm(15.0),
            top: mm(20.0),
            bottom: mm(22.0),
        }
    }

    pub fn text_width(&self) -> f32 {
        self.width - self.left - self.right
    }

    pub fn text_height(&self) -> f32 {
        self.height - self.top - self.bottom
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
    Justify,
}

/// A run of text in one face.
#[derive(Debug, Clone)]
pub struct Span {
    pub text: String,
    pub face: Face,
    /// Inline code (an identifier, a path): never hyphenated, broken only after
    /// `_`, `.`, `/` or `-`, where a reader sees it was cut and not misspelt.
    pub code: bool,
}

impl Span {
    pub fn new(text: impl Into<String>, face: Face) -> Span {
        Span {
            text: text.into(),
            face,
            code: false,
        }
    }

    /// Inline code in `face`.
    pub fn code(text: impl Into<String>, face: Face) -> Span {
        Span {
            code: true,
            ..Span::new(text, face)
        }
    }
}

#[derive(Debug, Clone)]
pub struct ParaStyle {
    pub size: f32,
    /// Line height as a multiple of the size.
    pub leading: f32,
    pub align: Align,
    pub first_indent: f32,
    pub left_indent: f32,
    pub right_indent: f32,
    pub space_before: f32,
    pub space_after: f32,
    /// 0.0 black … 1.0 white.
    pub gray: f32,
    pub hyphenate: bool,
}

impl ParaStyle {
    pub fn body(size: f32) -> ParaStyle {
        ParaStyle {
            size,
            leading: 1.32,
            align: Align::Justify,
            first_indent: 0.0,
            left_indent: 0.0,
            right_indent: 0.0,
            space_before: 0.0,
            space_after: size * 0.45,
            gray: 0.0,
            hyphenate: true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Para {
    pub spans: Vec<Span>,
    pub style: ParaStyle,
    /// A list marker hung to the left of the first line, inside the left indent.
    pub marker: Option<Span>,
    pub keep_with_next: bool,
    pub keep_together: bool,
    /// Index of a heading/TOC anchor whose page number is wanted.
    pub anchor: Option<usize>,
    /// A table-of-contents page reference: dot leaders then this text, flush right.
    pub leader: Option<String>,
}

impl Para {
    pub fn new(spans: Vec<Span>, style: ParaStyle) -> Para {
        Para {
            spans,
            style,
            marker: None,
            keep_with_next: false,
            keep_together: false,
            anchor: None,
            leader: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Borders {
    /// Every cell boxed.
    Grid,
    /// No lines at all (layout tables: parties, signatures).
    None,
}

#[derive(Debug, Clone)]
pub struct Column {
    /// Share of the table width; shares are normalised.
    pub share: f32,
    pub align: Align,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub spans: Vec<Span>,
    pub align: Option<Align>,
    /// How many columns the cell covers (at least 1).
    pub colspan: usize,
}

impl Cell {
    pub fn text(text: impl Into<String>, face: Face) -> Cell {
        Cell {
            spans: vec![Span::new(text, face)],
            align: None,
            colspan: 1,
        }
    }

    pub fn spans(spans: Vec<Span>) -> Cell {
        Cell {
            spans,
            align: None,
            colspan: 1,
        }
    }

    pub fn align(mut self, align: Align) -> Cell {
        self.align = Some(align);
        self
    }

    pub fn colspan(mut self, n: usize) -> Cell {
        self.colspan = n.max(1);
        self
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub header: Option<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
    pub size: f32,
    pub leading: f32,
    pub borders: Borders,
    /// Fill of the header row (gray level), if any.
    pub header_fill: Option<f32>,
    pub pad_x: f32,
    pub pad_y: f32,
    /// The last `keep_tail` rows (totals) stay with the row before them.
    pub keep_tail: usize,
    pub keep_together: bool,
    pub space_before: f32,
    pub space_after: f32,
    pub hyphenate: bool,
    /// Size the columns by their content (a user's Markdown table) instead of by
    /// their shares: see [`content_widths`].
    pub auto_width: bool,
}

impl Table {
    pub fn grid(columns: Vec<Column>, size: f32) -> Table {
        Table {
            columns,
            header: None,
            rows: Vec::new(),
            size,
            leading: 1.25,
            borders: Borders::Grid,
            header_fill: Some(0.92),
            pad_x: 4.0,
            pad_y: 3.2,
            keep_tail: 0,
            keep_together: false,
            space_before: 4.0,
            space_after: 8.0,
            hyphenate: true,
            auto_width: false,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Para(Para),
    Table(Table),
    /// Kept on one page (unless taller than a page).
    Group(Vec<Block>),
    Space(f32),
    /// A horizontal line across the text width.
    Rule {
        thickness: f32,
        gray: f32,
    },
    /// A picture of the given size in points (a logo), aligned in the text width.
    Image {
        image: Arc<crate::image::Image>,
        width: f32,
        height: f32,
        align: Align,
    },
    /// Vector shapes in a box of the given size, aligned in the text width: filled
    /// black rectangles `[x, y, w, h]` from the box's top-left (a QR code's modules).
    Shapes {
        rects: Arc<Vec<[f32; 4]>>,
        width: f32,
        height: f32,
        align: Align,
    },
    /// Blocks in a column on the left and one block (a QR code) on the right, `width`
    /// points wide with `gap` before it, top-aligned; kept whole on one page.
    Beside {
        left: Vec<Block>,
        right: Box<Block>,
        width: f32,
        gap: f32,
    },
    PageBreak,
}

/// Something to draw; coordinates in points from the top-left of the text frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    Text {
        x: f32,
        /// Baseline.
        y: f32,
        face: Face,
        size: f32,
        gray: f32,
        pieces: Vec<Piece>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        gray: f32,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
    },
    /// A picture; (x, y) is its top-left corner.
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: Arc<crate::image::Image>,
    },
}

impl Draw {
    fn shift(&mut self, dy: f32) {
        match self {
            Draw::Text { y, .. } => *y += dy,
            Draw::Line { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
            Draw::Fill { y, .. } | Draw::Image { y, .. } => *y += dy,
        }
    }

    fn shift_x(&mut self, dx: f32) {
        match self {
            Draw::Text { x, .. } | Draw::Fill { x, .. } | Draw::Image { x, .. } => *x += dx,
            Draw::Line { x1, x2, .. } => {
                *x1 += dx;
                *x2 += dx;
            }
        }
    }

    fn shifted(&self, dy: f32) -> Draw {
        let mut d = self.clone();
        d.shift(dy);
        d
    }

    /// The right edge of what this draws (text: its advance), for overflow checks.
    pub fn right_edge(&self) -> f32 {
        match self {
            Draw::Text {
                x,
                face,
                size,
                pieces,
                ..
            } => {
                x + pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Text(t) => face.width(t, *size),
                        Piece::Gap(g) => *g,
                    })
                    .sum::<f32>()
            }
            Draw::Line { x1, x2, .. } => x1.max(*x2),
            Draw::Fill { x, w, .. } | Draw::Image { x, w, .. } => x + w,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    /// Extra horizontal space in points (justification).
    Gap(f32),
}

/// One laid-out page: draws relative to the text frame.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub draws: Vec<Draw>,
}

/// An unbreakable horizontal strip of a block.
#[derive(Debug, Clone)]
struct Slice {
    height: f32,
    space_before: f32,
    keep_with_next: bool,
    draws: Vec<Draw>,
    anchor: Option<usize>,
    /// For a table body row: the header to repeat when the row starts a page.
    header: Option<Arc<Slice>>,
    page_break: bool,
}

impl Slice {
    fn new(height: f32) -> Slice {
        Slice {
            height,
            space_before: 0.0,
            keep_with_next: false,
            draws: Vec::new(),
            anchor: None,
            header: None,
            page_break: false,
        }
    }
}

// ---------------------------------------------------------------------------------
// Line breaking

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
struct Frag {
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
struct LineOut {
    runs: Vec<(f32, Face, Vec<Piece>)>,
    width: f32,
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
fn fragments(spans: &[Span], size: f32, hyphenate: bool, buf: &mut String) -> Vec<Frag> {
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
fn break_lines(
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

// ---------------------------------------------------------------------------------
// Blocks into slices

fn baseline(size: f32, line_height: f32) -> f32 {
    // Centre the em box in the line, then drop to the baseline (PT fonts: ~0.8 em).
    (line_height - size) / 2.0 + size * 0.8
}

fn line_x(align: Align, avail: f32, line_width: f32) -> f32 {
    match align {
        Align::Right => (avail - line_width).max(0.0),
        Align::Center => ((avail - line_width) / 2.0).max(0.0),
        _ => 0.0,
    }
}

fn para_slices(p: &Para, width: f32) -> Vec<Slice> {
    let st = &p.style;
    let lh = st.size * st.leading;
    let leader_w = p.leader.as_ref().map(|_| mm(12.0)).unwrap_or(0.0);
    let avail = width - st.left_indent - st.right_indent - leader_w;
    let first = avail - st.first_indent;
    let lines = break_lines(&p.spans, st.size, first, avail, st.align, st.hyphenate);
    let n = lines.len();
    let mut slices = Vec::with_capacity(n.max(1));
    for (i, mut line) in lines.into_iter().enumerate() {
        let mut s = Slice::new(lh);
        let indent = st.left_indent + if i == 0 { st.first_indent } else { 0.0 };
        let this_avail = if i == 0 { first } else { avail };
        let x0 = indent + line_x(st.align, this_avail, line.width);
        let y = baseline(st.size, lh);
        s.draws.reserve(line.runs.len() + 1);
        // The runs move into the draws (the line keeps its width for the leader).
        for (rx, face, pieces) in std::mem::take(&mut line.runs) {
            s.draws.push(Draw::Text {
                x: x0 + rx,
                y,
                face,
                size: st.size,
                gray: st.gray,
                pieces,
            });
        }
        if i == 0 {
            if let Some(m) = &p.marker {
                let mw = m.face.width(&m.text, st.size);
                let gap = st.size * 0.5;
                s.draws.push(Draw::Text {
                    x: (st.left_indent - mw - gap).max(0.0),
                    y,
                    face: m.face,
                    size: st.size,
                    gray: st.gray,
                    pieces: vec![Piece::Text(m.text.clone())],
                });
            }
        }
        if i + 1 == n {
            if let Some(num) = &p.leader {
                leader_draws(&mut s, p, &line, x0, y, width, num);
            }
        }
        slices.push(s);
    }
    if slices.is_empty() {
        slices.push(Slice::new(lh));
    }
    // Orphans and widows: keep short paragraphs whole, else the first two and the last
    // two lines together.
    let n = slices.len();
    if p.keep_together || n <= 3 {
        for s in slices.iter_mut().take(n - 1) {
            s.keep_with_next = true;
        }
    } else {
        slices[0].keep_with_next = true;
        slices[n - 2].keep_with_next = true;
    }
    if p.keep_with_next {
        for s in slices.iter_mut() {
            s.keep_with_next = true;
        }
    }
    slices[0].space_before = st.space_before;
    slices[0].anchor = p.anchor;
    slices
}

/// Dot leaders from the end of the last line to the page number, dots on a fixed grid
/// so the columns of dots line up from entry to entry, as in a typeset book.
fn leader_draws(s: &mut Slice, p: &Para, line: &LineOut, x0: f32, y: f32, width: f32, num: &str) {
    let size = p.style.size;
    let face = p.spans.first().map(|sp| sp.face).unwrap_or(Face::Serif);
    let num_face = Face::Serif;
    let num_w = num_face.width(num, size);
    let num_x = width - num_w;
    s.draws.push(Draw::Text {
        x: num_x,
        y,
        face: num_face,
        size,
        gray: p.style.gray,
        pieces: vec![Piece::Text(num.to_string())],
    });
    let step = size * 0.55;
    let dot_w = face.width(".", size);
    let start = x0 + line.width + size * 0.2;
    let end = num_x - size * 0.4;
    let mut first = (start / step).ceil() * step;
    if first < start {
        first += step;
    }
    let count = ((end - dot_w - first) / step).floor();
    if count < 1.0 {
        return;
    }
    let count = count as usize + 1;
    let mut pieces = Vec::with_capacity(count * 2);
    for i in 0..count {
        if i > 0 {
            pieces.push(Piece::Gap(step - dot_w));
        }
        pieces.push(Piece::Text(".".to_string()));
    }
    s.draws.push(Draw::Text {
        x: first,
        y,
        face,
        size,
        gray: 0.35,
        pieces,
    });
}

/// The size at which the widest unbreakable word of a cell (an amount, a short code)
/// fits its width: shrinking by up to 20 % reads better than breaking "1 114 500,00 ₽"
/// in two. Longer things (URLs) are left to the line breaker.
fn fitting_size(spans: &[Span], size: f32, width: f32) -> f32 {
    let mut widest: f32 = 0.0;
    for span in spans {
        for word in span.text.split([' ', '\n', '\t']) {
            widest = widest.max(span.face.width(word, size));
        }
    }
    if widest <= width {
        return size;
    }
    let scaled = (size * width / widest * 10.0).floor() / 10.0;
    if scaled >= size * 0.8 {
        scaled
    } else {
        size
    }
}

/// Column widths from the content, as browsers' automatic table layout and LaTeX's
/// tabularx do: each column needs at least its longest word (min-content) and would
/// like its longest line unbroken (max-content). When everything fits unbroken, the
/// spare width goes to the columns in proportion to their content; otherwise each
/// column gets its minimum plus a share of the rest in proportion to how much it
/// would still grow — so an ID column stays narrow and the text column takes the page.
/// Cells spanning several columns are left out of the measure.
fn content_widths(t: &Table, width: f32) -> Vec<f32> {
    let n = t.columns.len();
    let pad = 2.0 * t.pad_x;
    let mut min = vec![pad + t.size; n];
    let mut max = vec![pad + t.size; n];
    for row in t.header.iter().chain(&t.rows) {
        let mut col = 0;
        for cell in row {
            if col >= n {
                break;
            }
            if cell.colspan <= 1 {
                let mut line = 0.0f32;
                let mut widest_line = 0.0f32;
                let mut widest_word = 0.0f32;
                for span in &cell.spans {
                    for (i, piece) in span.text.split('\n').enumerate() {
                        if i > 0 {
                            widest_line = widest_line.max(line);
                            line = 0.0;
                        }
                        line += span.face.width(piece, t.size);
                        for word in piece.split([' ', '\t']) {
                            widest_word = widest_word.max(span.face.width(word, t.size));
                        }
                    }
                }
                widest_line = widest_line.max(line);
                min[col] = min[col].max(widest_word + pad);
                max[col] = max[col].max(widest_line + pad);
            }
            col += cell.colspan.max(1);
        }
    }
    let (sum_min, sum_max) = (min.iter().sum::<f32>(), max.iter().sum::<f32>());
    if sum_max <= width {
        return max.iter().map(|m| m / sum_max * width).collect();
    }
    if sum_min >= width {
        // Even single words do not fit: shrink in proportion (long words get split).
        return min.iter().map(|m| m / sum_min * width).collect();
    }
    let spare = width - sum_min;
    let growth = (sum_max - sum_min).max(0.0001);
    min.iter()
        .zip(&max)
        .map(|(lo, hi)| lo + (hi - lo) / growth * spare)
        .collect()
}

/// A table as slices: the header (repeated on continuation pages) and one slice per
/// row — or several, when a row is taller than `max_row` (a page less the header): its
/// cells' lines then flow on, so no text ever runs past the bottom margin.
fn table_slices(t: &Table, width: f32, frame: f32) -> Vec<Slice> {
    let total_share: f32 = t.columns.iter().map(|c| c.share).sum::<f32>().max(0.0001);
    let widths: Vec<f32> = if t.auto_width {
        content_widths(t, width)
    } else {
        t.columns
            .iter()
            .map(|c| c.share / total_share * width)
            .collect()
    };
    let mut xs = vec![0.0];
    for w in &widths {
        let last = xs.last().copied().unwrap_or(0.0);
        xs.push(last + w);
    }
    let row = |cells: &[Cell], fill: Option<f32>, max_row: f32| -> Vec<Slice> {
        let mut col = 0;
        let mut laid = Vec::new();
        for cell in cells {
            let span = cell
                .colspan
                .max(1)
                .min(t.columns.len().saturating_sub(col).max(1));
            let end = (col + span).min(t.columns.len());
            if col >= end {
                break;
            }
            let x = xs[col];
            let w = xs[end] - xs[col];
            let align = cell.align.unwrap_or(t.columns[col].align);
            let inner = (w - 2.0 * t.pad_x).max(t.size);
            let size = fitting_size(&cell.spans, t.size, inner);
            let lines = break_lines(&cell.spans, size, inner, inner, align, t.hyphenate);
            laid.push((x, w, align, inner, lines, size));
            col = end;
        }
        // Each cell's lines flow into chunks of at most `avail` points.
        let avail = (max_row - 2.0 * t.pad_y).max(t.size * t.leading);
        let mut placed: Vec<Vec<(usize, f32)>> = Vec::with_capacity(laid.len());
        let mut chunk_heights: Vec<f32> = vec![0.0];
        for (_, _, _, _, lines, size) in &laid {
            let clh = size * t.leading;
            let (mut chunk, mut y) = (0usize, 0.0f32);
            let mut pos = Vec::with_capacity(lines.len());
            for _ in lines {
                if y + clh > avail + 0.01 && y > 0.0 {
                    chunk += 1;
                    y = 0.0;
                }
                pos.push((chunk, y));
                y += clh;
                if chunk_heights.len() <= chunk {
                    chunk_heights.resize(chunk + 1, 0.0);
                }
                chunk_heights[chunk] = chunk_heights[chunk].max(y);
            }
            placed.push(pos);
        }
        let mut slices = Vec::with_capacity(chunk_heights.len());
        for (k, content) in chunk_heights.iter().enumerate() {
            let h = content + 2.0 * t.pad_y;
            let mut s = Slice::new(h);
            if let Some(g) = fill {
                s.draws.push(Draw::Fill {
                    x: 0.0,
                    y: 0.0,
                    w: width,
                    h,
                    gray: g,
                });
            }
            for ((x, w, align, inner, lines, size), pos) in laid.iter_mut().zip(&placed) {
                let clh = *size * t.leading;
                for (line, (chunk, ly)) in lines.iter_mut().zip(pos) {
                    if *chunk != k {
                        continue;
                    }
                    let x0 = *x + t.pad_x + line_x(*align, *inner, line.width);
                    let y = t.pad_y + ly + baseline(*size, clh);
                    // Each line belongs to one chunk: its runs move into the draws.
                    for (rx, face, pieces) in std::mem::take(&mut line.runs) {
                        s.draws.push(Draw::Text {
                            x: x0 + rx,
                            y,
                            face,
                            size: *size,
                            gray: 0.0,
                            pieces,
                        });
                    }
                }
                if t.borders == Borders::Grid {
                    for xv in [*x, *x + *w] {
                        s.draws.push(Draw::Line {
                            x1: xv,
                            y1: 0.0,
                            x2: xv,
                            y2: h,
                            width: 0.5,
                            gray: 0.3,
                        });
                    }
                }
            }
            if t.borders == Borders::Grid {
                for yv in [0.0, h] {
                    s.draws.push(Draw::Line {
                        x1: 0.0,
                        y1: yv,
                        x2: width,
                        y2: yv,
                        width: 0.5,
                        gray: 0.3,
                    });
                }
            }
            slices.push(s);
        }
        slices
    };
    let header = t.header.as_ref().and_then(|h| {
        // A header is a line or two; should one ever exceed a page, its first part
        // is what repeats.
        let mut s = row(h, t.header_fill, frame).into_iter().next()?;
        s.keep_with_next = true;
        Some(Arc::new(s))
    });
    let max_row = frame - header.as_ref().map(|h| h.height).unwrap_or(0.0);
    let mut out = Vec::new();
    if let Some(h) = &header {
        let mut first = (**h).clone();
        first.space_before = t.space_before;
        out.push(first);
    }
    let n = t.rows.len();
    for (i, cells) in t.rows.iter().enumerate() {
        let mut parts = row(cells, None, max_row);
        for p in parts.iter_mut() {
            p.header = header.clone();
        }
        if let Some(first) = parts.first_mut() {
            if i == 0 && header.is_none() {
                first.space_before = t.space_before;
            }
        }
        if let Some(last) = parts.last_mut() {
            // The row before the tail, and the tail rows themselves, stay together.
            if t.keep_tail > 0 && i + 1 + t.keep_tail >= n && i + 1 < n {
                last.keep_with_next = true;
            }
            if t.keep_together && i + 1 < n {
                last.keep_with_next = true;
            }
        }
        out.extend(parts);
    }
    out
}

fn block_slices(block: &Block, width: f32, frame: f32, out: &mut Vec<Slice>) {
    match block {
        Block::Para(p) => out.extend(para_slices(p, width)),
        Block::Table(t) => out.extend(table_slices(t, width, frame)),
        Block::Group(blocks) => {
            let start = out.len();
            let mut prev_after = 0.0f32;
            for b in blocks {
                let first = out.len();
                block_slices(b, width, frame, out);
                // The same spacing rule as between top-level blocks.
                if let Some(s) = out.get_mut(first) {
                    s.space_before = s.space_before.max(prev_after);
                }
                prev_after = space_after(b);
            }
            let end = out.len();
            if end > start + 1 {
                for s in &mut out[start..end - 1] {
                    s.keep_with_next = true;
                }
            }
        }
        Block::Space(h) => {
            let mut s = Slice::new(0.0);
            s.space_before = *h;
            s.keep_with_next = true;
            out.push(s);
        }
        Block::Rule { thickness, gray } => {
            let mut s = Slice::new(thickness + 4.0);
            s.draws.push(Draw::Line {
                x1: 0.0,
                y1: 2.0,
                x2: width,
                y2: 2.0,
                width: *thickness,
                gray: *gray,
            });
            out.push(s);
        }
        Block::Image {
            image,
            width: w,
            height: h,
            align,
        } => {
            let mut s = Slice::new(*h);
            s.draws.push(Draw::Image {
                x: line_x(*align, width, *w),
                y: 0.0,
                w: *w,
                h: *h,
                image: image.clone(),
            });
            s.keep_with_next = true;
            out.push(s);
        }
        Block::Shapes {
            rects,
            width: w,
            height: h,
            align,
        } => {
            let mut s = Slice::new(*h);
            let x0 = line_x(*align, width, *w);
            s.draws
                .extend(rects.iter().map(|[x, y, rw, rh]| Draw::Fill {
                    x: x0 + x,
                    y: *y,
                    w: *rw,
                    h: *rh,
                    gray: 0.0,
                }));
            s.keep_with_next = true;
            out.push(s);
        }
        Block::Beside {
            left,
            right,
            width: rw,
            gap,
        } => {
            let lw = (width - rw - gap).max(width * 0.3);
            let mut ls = Vec::new();
            for b in left {
                block_slices(b, lw, frame, &mut ls);
            }
            let mut rs = Vec::new();
            block_slices(right, *rw, frame, &mut rs);
            let mut s = Slice::new(0.0);
            s.space_before = ls.first().map(|f| f.space_before).unwrap_or(0.0);
            // Each side's slices stacked as the page would stack them, then side by side.
            let mut stack = |slices: Vec<Slice>, dx: f32| {
                let mut y = 0.0;
                for (i, sl) in slices.into_iter().enumerate() {
                    if i > 0 {
                        y += sl.space_before;
                    }
                    for mut d in sl.draws {
                        d.shift(y);
                        d.shift_x(dx);
                        s.draws.push(d);
                    }
                    y += sl.height;
                }
                y
            };
            let hl = stack(ls, 0.0);
            let hr = stack(rs, width - rw);
            s.height = hl.max(hr);
            out.push(s);
        }
        Block::PageBreak => {
            let mut s = Slice::new(0.0);
            s.page_break = true;
            out.push(s);
        }
    }
}

fn space_after(block: &Block) -> f32 {
    match block {
        Block::Para(p) => p.style.space_after,
        Block::Table(t) => t.space_after,
        Block::Group(bs) => bs.last().map(space_after).unwrap_or(0.0),
        _ => 0.0,
    }
}

/// The result of laying out a flow: pages and where each anchor landed (1-based page).
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub pages: Vec<Page>,
    /// (anchor, 1-based page, y of the slice top within the text frame).
    pub anchors: Vec<(usize, usize, f32)>,
}

impl Laid {
    pub fn page_of(&self, anchor: usize) -> Option<usize> {
        self.anchors
            .iter()
            .find(|(a, _, _)| *a == anchor)
            .map(|(_, p, _)| *p)
    }

    /// Where an anchor landed: 1-based page and y within the text frame.
    pub fn position_of(&self, anchor: usize) -> Option<(usize, f32)> {
        self.anchors
            .iter()
            .find(|(a, _, _)| *a == anchor)
            .map(|(_, p, y)| (*p, *y))
    }
}

/// Lays blocks out on pages of `geom`.
pub fn layout(blocks: &[Block], geom: &Geometry) -> Laid {
    let width = geom.text_width();
    let frame = geom.text_height();
    let mut slices = Vec::new();
    let mut prev_after = 0.0f32;
    for (b, own) in blocks.iter().zip(blocks_slices(blocks, width, frame)) {
        let start = slices.len();
        slices.extend(own);
        if let Some(first) = slices.get_mut(start) {
            first.space_before = first.space_before.max(prev_after);
        }
        prev_after = space_after(b);
    }
    paginate(slices, frame)
}

/// Text bytes under a block: the measure by which the work is shared out.
fn weight(block: &Block) -> usize {
    let spans = |s: &[Span]| s.iter().map(|s| s.text.len()).sum::<usize>();
    match block {
        Block::Para(p) => spans(&p.spans) + 16,
        Block::Table(t) => t
            .header
            .iter()
            .chain(&t.rows)
            .flatten()
            .map(|c| spans(&c.spans) + 16)
            .sum(),
        Block::Group(bs) | Block::Beside { left: bs, .. } => bs.iter().map(weight).sum(),
        _ => 1,
    }
}

/// Each block's slices, in order. The blocks are independent until pagination, so on
/// a long flow two threads take blocks from a shared counter until none is left (line
/// breaking is most of the layout's time, and tables cost more per letter than
/// paragraphs, so a split fixed in advance left one thread idle); the result does
/// not depend on which thread laid out which block.
fn blocks_slices(blocks: &[Block], width: f32, frame: f32) -> Vec<Vec<Slice>> {
    let lay = |b: &Block| -> Vec<Slice> {
        let mut out = Vec::new();
        block_slices(b, width, frame, &mut out);
        out
    };
    let total: usize = blocks.iter().map(weight).sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Below ~20 KB of text a thread costs more than it saves.
    if cores < 2 || total < 20_000 {
        return blocks.iter().map(lay).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let take = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(b) = blocks.get(i) else {
                break;
            };
            done.push((i, lay(b)));
        }
        done
    };
    let mut out: Vec<Option<Vec<Slice>>> = (0..blocks.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let helper = scope.spawn(take);
        for (i, slices) in take() {
            out[i] = Some(slices);
        }
        // The helper only runs the same code as this thread; should it ever panic,
        // its blocks are laid out below so the error surfaces the usual way.
        for (i, slices) in helper.join().unwrap_or_default() {
            out[i] = Some(slices);
        }
    });
    out.into_iter()
        .zip(blocks)
        .map(|(s, b)| s.unwrap_or_else(|| lay(b)))
        .collect()
}

fn paginate(mut slices: Vec<Slice>, frame: f32) -> Laid {
    let mut laid = Laid::default();
    let mut page = Page::default();
    let mut y = 0.0f32;
    let mut empty = true;
    let n = slices.len();
    let mut i = 0;
    while i < n {
        let s = &slices[i];
        if s.page_break {
            if !empty {
                laid.pages.push(std::mem::take(&mut page));
                y = 0.0;
                empty = true;
            }
            i += 1;
            continue;
        }
        // Height of the chain this slice must stay with.
        let chain_height = |from: usize, at_top: bool| -> f32 {
            let mut h = 0.0;
            let mut j = from;
            loop {
                let sj = &slices[j];
                if !(at_top && j == from) {
                    h += sj.space_before;
                }
                if at_top && j == from {
                    if let Some(hd) = &sj.header {
                        h += hd.height;
                    }
                }
                h += sj.height;
                if !sj.keep_with_next || j + 1 >= n || slices[j + 1].page_break {
                    break;
                }
                j += 1;
            }
            h
        };
        if !empty {
            let need = chain_height(i, false);
            let fits_empty = chain_height(i, true) <= frame;
            let alone = s.space_before + s.height;
            if (y + need > frame && fits_empty) || y + alone > frame {
                laid.pages.push(std::mem::take(&mut page));
                y = 0.0;
                empty = true;
            }
        }
        if empty {
            if let Some(hd) = &s.header {
                place(&mut page, hd, y);
                y += hd.height;
            }
        } else {
            y += s.space_before;
        }
        let (anchor, height) = (s.anchor, s.height);
        // Each slice is placed once: move its draws instead of copying them.
        let draws = std::mem::take(&mut slices[i].draws);
        page.draws.extend(draws.into_iter().map(|mut d| {
            d.shift(y);
            d
        }));
        if let Some(a) = anchor {
            laid.anchors.push((a, laid.pages.len() + 1, y));
        }
        y += height;
        empty = false;
        i += 1;
    }
    if !empty || laid.pages.is_empty() {
        laid.pages.push(page);
    }
    laid
}

fn place(page: &mut Page, s: &Slice, y: f32) {
    page.draws.extend(s.draws.iter().map(|d| d.shifted(y)));
}

/// Adds a running footer (e.g. "Страница 3 из 20") under the text frame of every page
/// for which `text(page, total)` gives one.
pub fn add_footers(
    laid: &mut Laid,
    geom: &Geometry,
    text: impl Fn(usize, usize) -> Option<String>,
) {
    let total = laid.pages.len();
    let size = 8.5;
    let y = geom.text_height() + mm(10.0);
    for (i, page) in laid.pages.iter_mut().enumerate() {
        if let Some(t) = text(i + 1, total) {
            let w = Face::Sans.width(&t, size);
            page.draws.push(Draw::Text {
                x: geom.text_width() - w,
                y,
                face: Face::Sans,
                size,
                gray: 0.35,
                pieces: vec![Piece::Text(t)],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(laid: &Laid) -> String {
        let mut out = String::new();
        for p in &laid.pages {
            for d in &p.draws {
                if let Draw::Text { pieces, .. } = d {
                    for piece in pieces {
                        if let Piece::Text(t) = piece {
                            out.push_str(t);
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn long_unbreakable_strings_stay_inside_the_frame() {
        let geom = Geometry::a4();
        let url = "https://example.com/very/long/path/with_many_segments/and?query=parameters&that=never_end_anywhere_soon/1234567890";
        let ident = "ОченьДлинныйИдентификаторБезПробеловКоторыйНеПомещаетсяВСтрокуНиПриКакихУсловияхВообще";
        let p = Para::new(
            vec![Span::new(format!("См. {url} и {ident}."), Face::Serif)],
            ParaStyle::body(11.0),
        );
        let mut t = Table::grid(
            vec![
                Column {
                    share: 1.0,
                    align: Align::Left,
                },
                Column {
                    share: 4.0,
                    align: Align::Left,
                },
            ],
            9.5,
        );
        t.rows.push(vec![
            Cell::text(ident, Face::Sans),
            Cell::text(url, Face::Sans),
        ]);
        let laid = layout(&[Block::Para(p), Block::Table(t)], &geom);
        for page in &laid.pages {
            for d in &page.draws {
                assert!(d.right_edge() <= geom.text_width() + 0.01, "{d:?}");
            }
        }
        assert!(texts(&laid).contains("example.com"));
    }

    #[test]
    fn justified_lines_fill_the_width() {
        let geom = Geometry::a4();
        let text = "Система должна обеспечивать автоматизированное формирование отчётов о ходе выполнения работ по каждому этапу проекта, с возможностью выгрузки в форматы PDF и XLSX. ".repeat(4);
        let laid = layout(
            &[Block::Para(Para::new(
                vec![Span::new(text, Face::Serif)],
                ParaStyle::body(11.0),
            ))],
            &geom,
        );
        let edges: Vec<f32> = laid.pages[0].draws.iter().map(|d| d.right_edge()).collect();
        let full = edges
            .iter()
            .filter(|e| (geom.text_width() - **e).abs() < 0.5)
            .count();
        assert!(full >= edges.len() - 1, "{edges:?}");
    }

    #[test]
    fn a_heading_never_ends_a_page() {
        let geom = Geometry::a4();
        let mut blocks = Vec::new();
        let body = "Текст раздела, который занимает несколько строк и нужен только для того, чтобы заполнить страницу до самого низа. ".repeat(3);
        for k in 0..40 {
            let mut h = Para::new(
                vec![Span::new(format!("{k}. Заголовок"), Face::SansBold)],
                ParaStyle::body(13.0),
            );
            h.keep_with_next = true;
            h.anchor = Some(k);
            blocks.push(Block::Para(h));
            blocks.push(Block::Para(Para::new(
                vec![Span::new(body.clone(), Face::Serif)],
                ParaStyle::body(11.0),
            )));
        }
        let laid = layout(&blocks, &geom);
        assert!(laid.pages.len() > 3);
        for page in &laid.pages {
            let last = page
                .draws
                .iter()
                .filter_map(|d| match d {
                    Draw::Text { face, y, .. } => Some((*face, *y)),
                    _ => None,
                })
                .max_by(|a, b| a.1.total_cmp(&b.1));
            assert_ne!(last.map(|l| l.0), Some(Face::SansBold));
        }
    }
}
