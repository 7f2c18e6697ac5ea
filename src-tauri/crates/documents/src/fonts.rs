//! The fonts every document is set in, compiled into the binary, and their metrics.
//!
//! Guarantees: widths come from the same font files that get embedded, so what the
//! layout measures is exactly what a viewer draws; no system font is ever consulted.
//! Every character a user can store prints: [`resolve`] draws it in the text's face,
//! else in the fallback faces (DejaVu Sans, cut to what the PT faces lack: Greek,
//! Arabic-Indic digits, arrows, maths, symbols, dingbats; Noto Emoji, monochrome),
//! else as a visible U+FFFD; invisible format characters (joiners, variation selectors, bidi
//! marks, controls from old data) are skipped, never drawn as an empty box.

use std::sync::OnceLock;

/// One of the embedded faces. Serif for running text, Sans for headings and tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "PageFace"))]
pub enum Face {
    Serif,
    SerifBold,
    SerifItalic,
    Sans,
    SansBold,
    SansItalic,
    /// Characters the PT faces lack (see [`resolve`]); never chosen for a span.
    Fallback,
    /// Emoji, in monochrome outlines (see [`resolve`]); never chosen for a span.
    Emoji,
}

impl Face {
    /// The faces text is set in (the fallback is not one: it only fills gaps).
    pub const ALL: [Face; 6] = [
        Face::Serif,
        Face::SerifBold,
        Face::SerifItalic,
        Face::Sans,
        Face::SansBold,
        Face::SansItalic,
    ];

    /// The face's TrueType file, inflated from the binary the first time it is asked
    /// for (PT Serif in a few milliseconds; a face a document never uses, the emoji
    /// one say, never is).
    pub fn bytes(self) -> &'static [u8] {
        static FILES: [OnceLock<Vec<u8>>; 8] = [const { OnceLock::new() }; 8];
        FILES[self.index()].get_or_init(|| inflate(self.compressed()))
    }

    /// The face as the binary keeps it: the `.ttf` beside it without its hinting and
    /// brotli-compressed ([`stored_form`]; `fonts/*.ttf.br`, 1.05 MB for the 3.55 MB of
    /// the eight files; made by `cargo run -p etap-documents --example compress_fonts`,
    /// and a test checks that each inflates to its `.ttf`'s stored form byte for byte).
    fn compressed(self) -> &'static [u8] {
        match self {
            Face::Serif => include_bytes!("../fonts/PTSerif-Regular.ttf.br"),
            Face::SerifBold => include_bytes!("../fonts/PTSerif-Bold.ttf.br"),
            Face::SerifItalic => include_bytes!("../fonts/PTSerif-Italic.ttf.br"),
            Face::Sans => include_bytes!("../fonts/PTSans-Regular.ttf.br"),
            Face::SansBold => include_bytes!("../fonts/PTSans-Bold.ttf.br"),
            Face::SansItalic => include_bytes!("../fonts/PTSans-Italic.ttf.br"),
            Face::Fallback => include_bytes!("../fonts/DejaVuSans-Fallback.ttf.br"),
            Face::Emoji => include_bytes!("../fonts/NotoEmoji-Regular.ttf.br"),
        }
    }

    /// The file name of the face's `.ttf` in `fonts/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Face::Serif => "PTSerif-Regular.ttf",
            Face::SerifBold => "PTSerif-Bold.ttf",
            Face::SerifItalic => "PTSerif-Italic.ttf",
            Face::Sans => "PTSans-Regular.ttf",
            Face::SansBold => "PTSans-Bold.ttf",
            Face::SansItalic => "PTSans-Italic.ttf",
            Face::Fallback => "DejaVuSans-Fallback.ttf",
            Face::Emoji => "NotoEmoji-Regular.ttf",
        }
    }

    /// The face whose `.ttf` is named `name` ([`Face::file_name`]), if any: the window
    /// is drawn in these same faces, asked for by file name (one copy of each in the
    /// binary, and the pages view set in exactly the letters the PDF embeds).
    pub fn by_file_name(name: &str) -> Option<Face> {
        Face::every().find(|f| f.file_name() == name)
    }

    /// Every face, the fallback ones included.
    pub fn every() -> impl Iterator<Item = Face> {
        Face::ALL.into_iter().chain([Face::Fallback, Face::Emoji])
    }

    /// The PostScript name the PDF's BaseFont carries (after the subset tag).
    pub fn postscript_name(self) -> &'static str {
        match self {
            Face::Serif => "PTSerif-Regular",
            Face::SerifBold => "PTSerif-Bold",
            Face::SerifItalic => "PTSerif-Italic",
            Face::Sans => "PTSans-Regular",
            Face::SansBold => "PTSans-Bold",
            Face::SansItalic => "PTSans-Italic",
            Face::Fallback => "DejaVuSans",
            Face::Emoji => "NotoEmoji-Regular",
        }
    }

    /// The bold face of the same family (italic has no bold here: upright bold is used).
    pub fn bold(self) -> Face {
        match self {
            Face::Serif | Face::SerifBold | Face::SerifItalic => Face::SerifBold,
            Face::Sans | Face::SansBold | Face::SansItalic => Face::SansBold,
            Face::Fallback | Face::Emoji => self,
        }
    }

    /// The italic face of the same family (bold stays bold: there is no bold italic).
    pub fn italic(self) -> Face {
        match self {
            Face::Serif | Face::SerifItalic => Face::SerifItalic,
            Face::Sans | Face::SansItalic => Face::SansItalic,
            Face::SerifBold | Face::SansBold | Face::Fallback | Face::Emoji => self,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn metrics(self) -> &'static Metrics {
        static CELLS: [OnceLock<Metrics>; 8] = [
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
        ];
        CELLS[self.index()].get_or_init(|| Metrics::load(self.bytes()))
    }

    /// Advance width of `c` in em (1.0 = the font size). Characters the font lacks
    /// measure as half an em; the PDF writer refuses them with a clear error.
    pub fn advance(self, c: char) -> f32 {
        self.metrics().advance(c)
    }

    /// Width of `text` at `size` points, kerning included (the PDF writer applies the
    /// same pairs, so measured and drawn widths agree).
    pub fn width(self, text: &str, size: f32) -> f32 {
        let m = self.metrics();
        let mut w = 0.0;
        let mut prev: Option<char> = None;
        for c in text.chars() {
            w += m.advance(c);
            if let Some(p) = prev {
                w += m.kern(p, c);
            }
            prev = Some(c);
        }
        w * size
    }

    /// Kerning between two characters in em (negative: closer). Pairs with a space
    /// are not kerned: spaces are measured and stretched separately.
    pub fn kern(self, left: char, right: char) -> f32 {
        self.metrics().kern(left, right)
    }

    pub fn has_glyph(self, c: char) -> bool {
        self.metrics().has(c)
    }

    /// The face the space after a word set in this face is drawn in: its own, but for
    /// the emoji face, whose space is as wide as an emoji.
    pub fn space_face(self) -> Face {
        match self {
            Face::Emoji => Face::Fallback,
            f => f,
        }
    }

    /// Ascender above the baseline, in em.
    pub fn ascent(self) -> f32 {
        self.metrics().ascent
    }
}

/// What stands for a character no embedded face can draw: visible, so nothing a user
/// typed silently disappears, and never a reason to refuse the document.
pub const REPLACEMENT: char = '\u{FFFD}';

/// True for a character that is never drawn: controls (stored before the domain
/// cleaned input, or a stray one), format characters such as joiners, bidi marks and
/// the soft hyphen, variation selectors, emoji modifiers and tags. They have no
/// visible form of their own; drawing them would print `.notdef` boxes.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
        | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        | '\u{1f3fb}'..='\u{1f3ff}'
        | '\u{e0000}'..='\u{e007f}' | '\u{e0100}'..='\u{e01ef}')
}

/// How `c`, set in `face`, is drawn: the character and the face that has its glyph,
/// or `None` when it is not drawn at all ([`is_invisible`]). Total: a character no
/// face has comes back as [`REPLACEMENT`] in the fallback face.
pub fn resolve(c: char, face: Face) -> Option<(char, Face)> {
    // Printable ASCII and Cyrillic, which every text is mostly made of, first.
    let cp = c as u32;
    if ((0x20..0x7f).contains(&cp) || (0x400..0x500).contains(&cp)) && face.has_glyph(c) {
        return Some((c, face));
    }
    if is_invisible(c) {
        return None;
    }
    if face.has_glyph(c) {
        return Some((c, face));
    }
    // Pictographs beyond the BMP are emoji first (DejaVu's few are older designs).
    let order = if (c as u32) >= 0x1_F000 {
        [Face::Emoji, Face::Fallback]
    } else {
        [Face::Fallback, Face::Emoji]
    };
    order
        .into_iter()
        .find(|f| f.has_glyph(c))
        .map(|f| (c, f))
        .or(Some((REPLACEMENT, Face::Fallback)))
}

/// Widths per character, precomputed for Latin and Cyrillic (the hot path) and looked
/// up in the cmap for the rest.
struct Metrics {
    table: Vec<f32>,
    present: Vec<bool>,
    others: Vec<(char, f32)>,
    ascent: f32,
    upem: f32,
    face: Option<ttf_parser::Face<'static>>,
    /// Glyph ids of the tabulated characters (0 = none), for kerning lookups.
    gids: Vec<u16>,
    /// Kerning of tabulated character pairs, in em, read once from the `kern` table.
    pairs: KernMatrix,
}

/// Kerning of tabulated characters as a dense matrix over only the characters that
/// take part in some pair (a few hundred), so a lookup is two indexings and one read —
/// hashing and then per-letter binary searches both showed up in profiles.
struct KernMatrix {
    /// Row of each tabulated character as a left partner (0 = kerns with nothing).
    left: Vec<u16>,
    /// Column of each tabulated character as a right partner (0 = none).
    right: Vec<u16>,
    /// Number of columns, including the unused column 0.
    cols: usize,
    /// Row-major, row 0 and column 0 unused (all zero).
    values: Vec<f32>,
}

impl KernMatrix {
    fn get(&self, left: char, right: char) -> f32 {
        let (l, r) = (self.left[left as usize], self.right[right as usize]);
        if l == 0 || r == 0 {
            return 0.0;
        }
        self.values[usize::from(l) * self.cols + usize::from(r)]
    }
}

/// Code points below this are tabulated (Basic Latin … Cyrillic).
const TABLE: u32 = 0x500;

const MISSING: f32 = 0.5;

impl Metrics {
    fn load(bytes: &'static [u8]) -> Metrics {
        // The bytes are our own embedded fonts, checked by the test suite; a parse
        // failure would be a build defect, so it degrades to "every glyph missing",
        // which the PDF writer reports as an error instead of panicking.
        let face = ttf_parser::Face::parse(bytes, 0).ok();
        let upem = face
            .as_ref()
            .map(|f| f.units_per_em() as f32)
            .unwrap_or(1000.0);
        let adv = |c: char| -> Option<f32> {
            let f = face.as_ref()?;
            let gid = f.glyph_index(c)?;
            Some(f.glyph_hor_advance(gid)? as f32 / upem)
        };
        let mut table = vec![MISSING; TABLE as usize];
        let mut present = vec![false; TABLE as usize];
        let mut gids = vec![0u16; TABLE as usize];
        if let Some(f) = face.as_ref() {
            // One cmap lookup per code point, the advance read from its glyph.
            for cp in 0..TABLE {
                let Some(gid) = char::from_u32(cp).and_then(|c| f.glyph_index(c)) else {
                    continue;
                };
                gids[cp as usize] = gid.0;
                if let Some(a) = f.glyph_hor_advance(gid) {
                    table[cp as usize] = a as f32 / upem;
                    present[cp as usize] = true;
                }
            }
        }
        // Typographic characters the documents use outside the table.
        let mut others = Vec::new();
        for c in "\u{2010}\u{2011}\u{2013}\u{2014}\u{2018}\u{2019}\u{201C}\u{201D}\u{201E}\u{2026}\u{2116}\u{20BD}\u{20AC}\u{2022}\u{2212}\u{2122}\u{2009}\u{202F}".chars() {
            if let Some(w) = adv(c) {
                others.push((c, w));
            }
        }
        let ascent = face
            .as_ref()
            .map(|f| f.ascender() as f32 / upem)
            .unwrap_or(0.8);
        Metrics {
            table,
            present,
            others,
            ascent,
            pairs: kern_pairs(face.as_ref(), &gids, upem),
            upem,
            face,
            gids,
        }
    }

    fn advance(&self, c: char) -> f32 {
        let cp = c as u32;
        if cp < TABLE {
            return self.table[cp as usize];
        }
        self.others
            .iter()
            .find(|(o, _)| *o == c)
            .map(|(_, w)| *w)
            .or_else(|| self.lookup(c))
            .unwrap_or(MISSING)
    }

    fn kern(&self, left: char, right: char) -> f32 {
        if (left as u32) < TABLE && (right as u32) < TABLE {
            // Whitespace never enters the matrix, so spaces are not kerned here either.
            return self.pairs.get(left, right);
        }
        if left.is_whitespace() || right.is_whitespace() {
            return 0.0;
        }
        let Some(f) = self.face.as_ref() else {
            return 0.0;
        };
        let gid = |c: char| -> Option<ttf_parser::GlyphId> {
            match self.gids.get(c as usize) {
                Some(0) => None,
                Some(g) => Some(ttf_parser::GlyphId(*g)),
                None => f.glyph_index(c),
            }
        };
        let (Some(a), Some(b)) = (gid(left), gid(right)) else {
            return 0.0;
        };
        let Some(kern) = f.tables().kern else {
            return 0.0;
        };
        kern.subtables
            .into_iter()
            .filter(|t| t.horizontal && !t.variable && !t.has_cross_stream)
            .find_map(|t| t.glyphs_kerning(a, b))
            .map(|k| f32::from(k) / self.upem)
            .unwrap_or(0.0)
    }

    fn lookup(&self, c: char) -> Option<f32> {
        let f = self.face.as_ref()?;
        let gid = f.glyph_index(c)?;
        Some(f.glyph_hor_advance(gid)? as f32 / self.upem)
    }

    fn has(&self, c: char) -> bool {
        let cp = c as u32;
        if cp < TABLE {
            return self.present[cp as usize];
        }
        self.others.iter().any(|(o, _)| *o == c) || self.lookup(c).is_some()
    }
}

/// Every `kern` format-0 pair whose glyphs belong to tabulated characters.
fn kern_pairs(face: Option<&ttf_parser::Face<'static>>, gids: &[u16], upem: f32) -> KernMatrix {
    let rows = kern_rows(face, gids, upem);
    let mut left = vec![0u16; TABLE as usize];
    let mut right = vec![0u16; TABLE as usize];
    let mut cols = 1usize;
    let mut nrows = 1usize;
    for (cp, row) in rows.iter().enumerate() {
        if !row.is_empty() {
            left[cp] = nrows as u16;
            nrows += 1;
        }
        for (r, _) in row {
            if right[usize::from(*r)] == 0 {
                right[usize::from(*r)] = cols as u16;
                cols += 1;
            }
        }
    }
    let mut values = vec![0.0f32; nrows * cols];
    for (cp, row) in rows.iter().enumerate() {
        let l = usize::from(left[cp]);
        for (r, v) in row {
            values[l * cols + usize::from(right[usize::from(*r)])] = *v;
        }
    }
    KernMatrix {
        left,
        right,
        cols,
        values,
    }
}

/// For each tabulated left character, its right partners sorted, deduplicated.
fn kern_rows(
    face: Option<&ttf_parser::Face<'static>>,
    gids: &[u16],
    upem: f32,
) -> Vec<Vec<(u16, f32)>> {
    let mut out: Vec<Vec<(u16, f32)>> = vec![Vec::new(); TABLE as usize];
    let Some(kern) = face.and_then(|f| f.tables().kern) else {
        return out;
    };
    // Glyph id → the tabulated characters drawn with it (indexed by glyph id: a hash
    // map here was most of loading a face).
    let mut chars_of: Vec<Vec<char>> = Vec::new();
    for (cp, g) in gids.iter().enumerate() {
        if *g != 0 {
            if let Some(c) = char::from_u32(cp as u32) {
                if !c.is_whitespace() {
                    let g = usize::from(*g);
                    if chars_of.len() <= g {
                        chars_of.resize(g + 1, Vec::new());
                    }
                    chars_of[g].push(c);
                }
            }
        }
    }
    for sub in kern.subtables {
        if !sub.horizontal || sub.variable || sub.has_cross_stream {
            continue;
        }
        let ttf_parser::kern::Format::Format0(table) = sub.format else {
            continue;
        };
        for pair in table.pairs {
            let (l, r) = ((pair.pair >> 16) as u16, (pair.pair & 0xFFFF) as u16);
            let (Some(ls), Some(rs)) = (
                chars_of.get(usize::from(l)).filter(|v| !v.is_empty()),
                chars_of.get(usize::from(r)).filter(|v| !v.is_empty()),
            ) else {
                continue;
            };
            for a in ls {
                for b in rs {
                    out[*a as usize].push((*b as u16, f32::from(pair.value) / upem));
                }
            }
        }
    }
    for row in &mut out {
        // A stable sort, then dedup keeps the first subtable's value for a pair, as
        // the table lookup would.
        row.sort_by_key(|(r, _)| *r);
        row.dedup_by_key(|(r, _)| *r);
    }
    out
}

/// What the binary keeps of a face's `.ttf` (before compression): the file without
/// its TrueType hinting, which is half the PT faces' bytes and is dropped from every
/// subset a PDF embeds anyway (`pdf`), so documents are the same either way; a font
/// the unhinter does not fully understand is kept whole.
pub fn stored_form(ttf: &[u8]) -> Vec<u8> {
    crate::unhint::unhint(ttf).unwrap_or_else(|| ttf.to_vec())
}

/// A brotli stream compiled into the binary, inflated. The decoder is the one the PDF
/// subsetter already links (allsorts reads WOFF2 with it).
fn inflate(compressed: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(compressed.len() * 3);
    // The streams are checked by the `compressed_faces_are_the_ttf_files` test: one
    // that does not inflate is a build that was never tested.
    brotli_decompressor::BrotliDecompress(&mut &compressed[..], &mut out)
        .expect("an embedded font stream inflates");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_faces_are_the_ttf_files() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        for face in Face::every() {
            let ttf = std::fs::read(dir.join(face.file_name())).unwrap();
            assert!(
                face.bytes() == stored_form(&ttf).as_slice(),
                "fonts/{}.br is not fonts/{}: run `cargo run -p etap-documents --example compress_fonts`",
                face.file_name(),
                face.file_name()
            );
            assert!(face.compressed().len() < ttf.len() * 2 / 3, "{face:?}");
        }
    }

    #[test]
    fn each_face_is_found_by_its_file_name_and_nothing_else_is() {
        for face in Face::every() {
            assert_eq!(Face::by_file_name(face.file_name()), Some(face));
        }
        for name in [
            "",
            "PTSans-Regular",
            "../fonts/PTSans-Regular.ttf",
            "ptsans-regular.ttf",
            "x.ttf.br",
        ] {
            assert_eq!(Face::by_file_name(name), None, "{name}");
        }
    }

    /// Cuts the fallback fonts from their sources: `fonts/DejaVuSans-Fallback.ttf` from
    /// DejaVu Sans (Debian's `fonts-dejavu-core`, `DejaVuSans.ttf`) and
    /// `fonts/NotoEmoji-Regular.ttf` from Noto Emoji (npm `@expo-google-fonts/noto-emoji`,
    /// `400Regular/NotoEmoji_400Regular.ttf`): the characters some PT face lacks (and
    /// U+FFFD), without hinting. Run as `ETAP_WRITE_FALLBACK=DejaVuSans.ttf
    /// ETAP_WRITE_EMOJI=NotoEmoji_400Regular.ttf cargo test -p etap-documents write_fallback
    /// -- --ignored`. A tool, not a check: ignored, so no run counts it as passed.
    #[test]
    #[ignore = "a tool that regenerates fonts/*-Fallback.ttf from their sources"]
    fn write_fallback_fonts() {
        for (var, name) in [
            ("ETAP_WRITE_FALLBACK", "DejaVuSans-Fallback.ttf"),
            ("ETAP_WRITE_EMOJI", "NotoEmoji-Regular.ttf"),
        ] {
            let Ok(source) = std::env::var(var) else {
                continue;
            };
            let bytes = std::fs::read(&source).unwrap();
            let full = ttf_parser::Face::parse(&bytes, 0).unwrap();
            let mut wanted = std::collections::BTreeSet::new();
            for cp in 0x20..0x11_0000u32 {
                let Some(c) = char::from_u32(cp) else {
                    continue;
                };
                if full.glyph_index(c).is_none() || is_invisible(c) {
                    continue;
                }
                // The layout ends a run with the space (or line-end hyphen) in the
                // run's own face, so a fallback face needs them too.
                let joins = matches!(c, ' ' | '\u{a0}' | '-');
                if joins || c == REPLACEMENT || Face::ALL.iter().any(|f| !f.has_glyph(c)) {
                    wanted.insert(c);
                }
            }
            let cut = crate::pdf::subset_font(&bytes, &wanted).unwrap();
            let cut = crate::unhint::unhint(&cut).unwrap_or(cut);
            let out = format!("{}/fonts/{name}", env!("CARGO_MANIFEST_DIR"));
            std::fs::write(out, &cut).unwrap();
            eprintln!("{name}: {} characters, {} bytes", wanted.len(), cut.len());
        }
    }

    #[test]
    fn what_the_pt_faces_lack_comes_from_the_fallback() {
        // Greek, Arabic-Indic digits, arrows, maths, symbols, an emoticon.
        for c in "αβγΩ٠١٢٣→⇒∑∞≠≤√★✓☺😀👩💻🎉\u{FFFD}".chars() {
            let (drawn, face) = resolve(c, Face::Serif).unwrap();
            assert_eq!(drawn, c);
            assert!(face.has_glyph(c), "{c:?}");
        }
        assert_eq!(resolve('α', Face::Serif), Some(('α', Face::Fallback)));
        assert_eq!(resolve('٣', Face::SansBold), Some(('٣', Face::Fallback)));
        assert_eq!(resolve('🎉', Face::Serif), Some(('🎉', Face::Emoji)));
        // What PT has stays in PT.
        assert_eq!(resolve('ё', Face::SansBold), Some(('ё', Face::SansBold)));
        // Joiners, variation selectors, bidi controls and controls are not drawn.
        for c in "\u{200D}\u{200C}\u{FE0F}\u{202E}\u{2066}\u{7}\u{1b}\u{ad}".chars() {
            assert_eq!(resolve(c, Face::Serif), None, "{c:?}");
        }
        // A code point no face has prints as a visible substitute.
        assert_eq!(
            resolve('\u{10FFFD}', Face::Serif),
            Some((REPLACEMENT, Face::Fallback))
        );
    }

    #[test]
    fn every_face_has_cyrillic_and_the_typographic_signs() {
        for face in Face::ALL {
            for c in "ЁёЙй«»№—–₽€ \u{a0}…".chars() {
                assert!(face.has_glyph(c), "{face:?} lacks {c:?}");
            }
            assert!(face.width("Ш", 10.0) > face.width("i", 10.0));
        }
        // The PT fonts carry kerning: «ТА» is tighter than its letters apart.
        let pair = Face::Serif.width("ТА", 10.0);
        let apart = Face::Serif.width("Т", 10.0) + Face::Serif.width("А", 10.0);
        assert!(pair < apart, "{pair} vs {apart}");
        for face in Face::ALL {
            assert_eq!(face.kern('Т', ' '), 0.0);
        }
    }
}
