//! Fonts as they are embedded: a subset of only the glyphs used, its six-letter
//! subset tag derived from the content, and glyph ids looked up once per character.

use super::*;

/// A subset of `face` holding `.notdef` and the glyphs of `chars`, with a cmap.
pub(super) fn subset(face: Face, chars: &BTreeSet<char>) -> Result<Vec<u8>> {
    subset_font(face.bytes(), chars)
}

/// A subset of the TrueType font `bytes` holding `.notdef` and the glyphs of `chars`,
/// with a Unicode cmap (also how the fallback font file was cut, see `fonts`).
pub(crate) fn subset_font(bytes: &[u8], chars: &BTreeSet<char>) -> Result<Vec<u8>> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset as cut, CmapTarget, SubsetProfile};
    use allsorts::tag;

    let parsed =
        ttf_parser::Face::parse(bytes, 0).map_err(|e| DocumentError::Font(e.to_string()))?;
    let mut gids: Vec<u16> = vec![0];
    for c in chars {
        if let Some(g) = parsed.glyph_index(*c) {
            gids.push(g.0);
        }
    }
    gids.sort_unstable();
    gids.dedup();
    let scope = ReadScope::new(bytes);
    let data = scope
        .read::<FontData<'_>>()
        .map_err(|e| DocumentError::Subset(e.to_string()))?;
    let provider = data
        .table_provider(0)
        .map_err(|e| DocumentError::Subset(e.to_string()))?;
    // A Unicode cmap always: with the "smallest" one allsorts may pick Mac Roman for a
    // Latin-only document, and printpdf reads that as Unicode, drawing U+00A0 as .notdef.
    // The PDF profile without `name`: PT fonts carry their whole licence text there
    // (~10 KB a face), which a PDF reader never looks at; the licence ships with the
    // program instead. `cmap` stays: printpdf maps characters to glyphs through it.
    let tables = vec![
        tag::CMAP,
        tag::HEAD,
        tag::CVT,
        tag::FPGM,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::OS_2,
        tag::POST,
        tag::PREP,
    ];
    cut(
        &provider,
        &gids,
        &SubsetProfile::Custom(tables),
        CmapTarget::Unicode,
    )
    .map_err(|e| DocumentError::Subset(e.to_string()))
}

/// Six capital letters from a hash of the font and glyph set (ISO 32000-1, 9.6.4):
/// different subsets get different tags, the same subset always the same one.
pub(super) fn subset_tag(name: &str, chars: &BTreeSet<char>) -> String {
    // FNV-1a: tiny, stable across Rust versions (unlike DefaultHasher).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name
        .bytes()
        .chain(chars.iter().flat_map(|c| (*c as u32).to_le_bytes()))
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}

/// Glyph ids of one embedded subset, looked up once per character instead of once per
/// character drawn.
pub(super) struct Glyphs {
    /// By code point, for the Basic Multilingual Plane (0 = `.notdef`).
    pub(super) bmp: Vec<u16>,
    pub(super) rest: BTreeMap<char, u16>,
}

impl Glyphs {
    pub(super) fn new(font: &ParsedFont, chars: &BTreeSet<char>) -> Glyphs {
        let mut bmp = vec![0u16; 0x1_0000];
        let mut rest = BTreeMap::new();
        for c in chars {
            let gid = font.lookup_glyph_index(*c as u32).unwrap_or(0);
            match bmp.get_mut(*c as usize) {
                Some(g) => *g = gid,
                None => {
                    rest.insert(*c, gid);
                }
            }
        }
        Glyphs { bmp, rest }
    }

    pub(super) fn get(&self, c: char) -> u16 {
        match self.bmp.get(c as usize) {
            Some(g) => *g,
            None => self.rest.get(&c).copied().unwrap_or(0),
        }
    }
}
