//! Laid-out pages into PDF bytes with printpdf's low-level ops.
//!
//! Guarantees:
//! - every font is embedded as a subset of only the glyphs the document uses (cut by
//!   allsorts after layout, hinting bytecode removed by the `unhint` module), named with
//!   the standard six-capital-letter subset tag, with a ToUnicode map, so `pdffonts`
//!   says "emb yes sub yes uni yes" and text copies out;
//! - the outline is a real tree in reading order, each entry opening its heading;
//! - the layout has already picked, per character, a face that draws it
//!   (`fonts::resolve`); a character that still lacks a glyph here is a defect of
//!   that choice and is reported as [`DocumentError::MissingGlyph`], never printed as
//!   an empty box;
//! - the output is deterministic for the same pages and metadata (resource names and
//!   subset tags are derived from the content, not random).
//!
//! `write` builds the document; the page content streams (`content`), the embedded
//! font subsets (`fonts_embed`) and the finishing passes (`finish`) are one module each.

mod content;
mod finish;
mod fonts_embed;

use content::page_content;
use finish::{add_images, add_outline, compress, set_deflated, set_document_id, tidy_info};
use fonts_embed::{subset, subset_tag, Glyphs};

pub(crate) use finish::pack;
// The tool in `fonts`'s tests that cuts the fallback font uses the same subsetter.
#[cfg(test)]
pub(crate) use fonts_embed::subset_font;

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    DateTime, FontId, Mm, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Pt, TextItem,
};

use crate::fonts::Face;
use crate::layout::{Draw, Geometry, Laid, Piece};
use crate::model::DocMeta;
use crate::{DocumentError, Result};

/// One outline (bookmark) entry, in reading order.
#[derive(Debug, Clone)]
pub struct Bookmark {
    pub title: String,
    /// 1 for a top-level entry, 2 for its children, …
    pub level: usize,
    /// 1-based page.
    pub page: usize,
    /// Top of the heading within the text frame, in points from its top.
    pub y: f32,
}

/// Writes `laid` as a PDF.
pub fn write(
    laid: &Laid,
    geom: &Geometry,
    meta: &DocMeta,
    outline: &[Bookmark],
) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(&meta.title);

    // Which characters each face draws, each stamped with its last use in reading
    // order (a stamp per Basic Multilingual Plane character and face: a tree insert per
    // character showed up in profiles). The order matters where two characters share
    // a glyph (space and no-break space): the later one names it in the ToUnicode map,
    // as when printpdf scanned the whole text itself.
    let mut seen: BTreeMap<Face, (Vec<u32>, BTreeMap<char, u32>)> = BTreeMap::new();
    let mut stamp: u32 = 0;
    for page in &laid.pages {
        for d in &page.draws {
            if let Draw::Text { face, pieces, .. } = d {
                let (flags, rest) = seen
                    .entry(*face)
                    .or_insert_with(|| (vec![0; 0x1_0000], BTreeMap::new()));
                for p in pieces {
                    if let Piece::Text(t) = p {
                        for c in t.chars() {
                            stamp += 1;
                            match flags.get_mut(c as usize) {
                                Some(f) => *f = stamp,
                                None => {
                                    rest.insert(c, stamp);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    // Per face: the characters (for the subset) and the same in order of last use.
    let used: BTreeMap<Face, (BTreeSet<char>, Vec<char>)> = seen
        .into_iter()
        .map(|(face, (flags, rest))| {
            let mut stamped: Vec<(u32, char)> = rest.into_iter().map(|(c, t)| (t, c)).collect();
            stamped.extend(
                flags
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| **t != 0)
                    .filter_map(|(cp, t)| char::from_u32(cp as u32).map(|c| (*t, c))),
            );
            stamped.sort_unstable();
            let set = stamped.iter().map(|(_, c)| *c).collect();
            let order = stamped.into_iter().map(|(_, c)| c).collect();
            (face, (set, order))
        })
        .collect();
    let mut ids: BTreeMap<Face, FontId> = BTreeMap::new();
    let mut glyphs: BTreeMap<Face, Glyphs> = BTreeMap::new();
    // The font programs as embedded, to be deflated ahead (see below).
    let mut programs: Vec<Vec<u8>> = Vec::new();
    for (face, (chars, _)) in &used {
        for c in chars {
            if !face.has_glyph(*c) {
                return Err(DocumentError::MissingGlyph(*c));
            }
        }
        let bytes = subset(*face, chars)?;
        // Half of a PT subset is hinting bytecode no PDF viewer needs.
        let bytes = crate::unhint::unhint(&bytes).unwrap_or(bytes);
        programs.push(bytes.clone());
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| DocumentError::Font(format!("{face:?} subset does not parse")))?;
        parsed.font_name = Some(format!(
            "{}+{}",
            subset_tag(face.postscript_name(), chars),
            face.postscript_name()
        ));
        glyphs.insert(*face, Glyphs::new(&parsed, chars));
        let id = FontId(format!("F{}", *face as usize + 1));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(parsed));
        ids.insert(*face, id);
    }

    // The pictures, each once however many pages show it, named /Im1, /Im2, …
    let mut images: Vec<std::sync::Arc<crate::image::Image>> = Vec::new();
    for d in laid.pages.iter().flat_map(|p| &p.draws) {
        if let Draw::Image { image, .. } = d {
            // (`Arc`'s equality looks at the pointer before the bytes.)
            if !images.contains(image) {
                images.push(image.clone());
            }
        }
    }
    // The content streams are written and deflated on two threads: a helper first
    // deflates the font programs, then both take pages from a shared counter until
    // none is left; `compress` later recognises the fonts' streams by their bytes.
    // Same bytes, same level: the file is the same as deflating everything here.
    let n_pages = laid.pages.len();
    let next_page = std::sync::atomic::AtomicUsize::new(0);
    type Packed = (Vec<u8>, Option<Vec<u8>>);
    let take_pages = || {
        let mut done: Vec<(usize, Packed)> = Vec::new();
        loop {
            let i = next_page.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(page) = laid.pages.get(i) else {
                break;
            };
            let content = page_content(page, geom, &glyphs, &images);
            let packed = pack(&content);
            done.push((i, (content, packed)));
        }
        done
    };
    let (fonts_packed, contents) = std::thread::scope(|scope| {
        let helper = scope.spawn(|| {
            let fonts = programs.iter().map(|p| pack(p)).collect::<Vec<_>>();
            (fonts, take_pages())
        });
        let mine = take_pages();
        let (fonts, theirs) = helper.join().unwrap_or_else(|_| {
            // The helper cannot panic short of a bug; its share is redone here.
            (programs.iter().map(|p| pack(p)).collect(), Vec::new())
        });
        let mut contents: Vec<Option<Packed>> = (0..n_pages).map(|_| None).collect();
        for (i, packed) in mine.into_iter().chain(theirs) {
            contents[i] = Some(packed);
        }
        let contents: Vec<Packed> = contents
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                c.unwrap_or_else(|| {
                    let content = page_content(&laid.pages[i], geom, &glyphs, &images);
                    let packed = pack(&content);
                    (content, packed)
                })
            })
            .collect();
        (fonts, contents)
    });
    let prepacked: Vec<(&[u8], Option<Vec<u8>>)> = programs
        .iter()
        .map(Vec::as_slice)
        .zip(fonts_packed)
        .collect();

    // The pages go to printpdf empty but for one text object on the first that shows
    // every character each face uses, in order of last use: from it printpdf builds the
    // fonts' widths and ToUnicode maps exactly as from the whole text. The content
    // streams are written by `page_content` below and put in afterwards — translating
    // every op through printpdf and lopdf objects was a third of the render time.
    let mut pages = Vec::with_capacity(laid.pages.len());
    for i in 0..laid.pages.len() {
        let mut ops = Vec::new();
        if i == 0 {
            ops.push(Op::StartTextSection);
            for (face, (_, order)) in &used {
                if let Some(id) = ids.get(face) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(10.0),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::Text(order.iter().collect())],
                    });
                }
            }
            ops.push(Op::EndTextSection);
        }
        pages.push(PdfPage::new(
            Mm(geom.width / crate::layout::PT_PER_MM),
            Mm(geom.height / crate::layout::PT_PER_MM),
            ops,
        ));
    }
    doc.with_pages(pages);

    let info = &mut doc.metadata.info;
    info.document_title = meta.title.clone();
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = "Etap".to_string();
    info.producer = "Etap documents (printpdf)".to_string();
    let stamp = DateTime::from_unix_timestamp(meta.created.timestamp())
        .map_err(|e| DocumentError::Pdf(format!("creation date: {e}")))?;
    info.creation_date = stamp;
    info.modification_date = stamp;
    info.metadata_date = stamp;

    let mut warnings = Vec::new();
    let opts = PdfSaveOptions {
        // Our fonts are already subset; printpdf's own subsetter is a no-op without
        // its text_layout feature anyway.
        subset_fonts: false,
        ..PdfSaveOptions::default()
    };
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    if page_ids.len() != laid.pages.len() {
        return Err(DocumentError::Pdf(format!(
            "{} pages written for {} laid out",
            page_ids.len(),
            laid.pages.len()
        )));
    }
    for ((content, packed), id) in contents.into_iter().zip(page_ids) {
        let contents = lo
            .get_dictionary(id)
            .and_then(|d| d.get(b"Contents"))
            .and_then(lopdf::Object::as_reference)
            .map_err(|e| DocumentError::Pdf(e.to_string()))?;
        match lo.get_object_mut(contents) {
            Ok(lopdf::Object::Stream(st)) => match packed {
                Some(packed) => set_deflated(st, packed),
                None => st.set_content(content),
            },
            _ => return Err(DocumentError::Pdf("a page without a content stream".into())),
        }
    }
    add_images(&mut lo, &images)?;
    add_outline(&mut lo, outline, geom)?;
    compress(&mut lo, &prepacked);
    tidy_info(&mut lo);
    set_document_id(&mut lo);
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| DocumentError::Pdf(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::content::*;
    use super::fonts_embed::*;
    use super::*;
    use crate::layout::Page;

    fn line(x1: f32, y1: f32, x2: f32, y2: f32) -> Draw {
        Draw::Line {
            x1,
            y1,
            x2,
            y2,
            width: 0.5,
            gray: 0.3,
        }
    }

    #[test]
    fn numbers_are_written_with_two_decimals_at_most() {
        let mut w = Ops(Vec::new());
        for v in [12.5, -3.0, 0.35, 0.004, -0.004, 1234.5678, 99.999] {
            w.num(v);
            w.0.push(b' ');
        }
        assert_eq!(
            String::from_utf8(w.0).unwrap(),
            "12.5 -3 0.35 0 0 1234.57 100 "
        );
    }

    #[test]
    fn a_rule_shared_by_two_cells_is_drawn_once_in_one_path() {
        let page = Page {
            draws: vec![
                line(0.0, 0.0, 0.0, 10.0),
                line(0.0, 10.0, 0.0, 0.0),
                line(0.0, 10.0, 50.0, 10.0),
                line(0.0, 10.0, 50.0, 10.0),
                line(50.0, 0.0, 50.0, 10.0),
            ],
        };
        let out = page_content(&page, &Geometry::a4(), &BTreeMap::new(), &[]);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches(" m\n").count(), 3, "{text}");
        assert_eq!(text.matches("\nS").count(), 1, "{text}");
    }

    fn fill(y: f32, gray: f32) -> Draw {
        Draw::Fill {
            x: 0.0,
            y,
            w: 10.0,
            h: 2.0,
            gray,
        }
    }

    #[test]
    fn touching_fills_of_one_grey_are_one_path_filled_once() {
        // A QR code's rows touch: filled one by one, each edge was anti-aliased on its
        // own and a light seam showed between the rows.
        let page = Page {
            draws: vec![
                fill(0.0, 0.0),
                fill(2.0, 0.0),
                fill(4.0, 0.0),
                fill(10.0, 0.9),
                fill(20.0, 0.0),
            ],
        };
        let out = page_content(&page, &Geometry::a4(), &BTreeMap::new(), &[]);
        let text = String::from_utf8(out).unwrap();
        let ops: Vec<&str> = text.lines().collect();
        assert_eq!(
            ops.iter().filter(|l| l.ends_with(" re")).count(),
            5,
            "{text}"
        );
        assert_eq!(ops.iter().filter(|l| **l == "f").count(), 3, "{text}");
        assert_eq!(
            ops.iter().filter(|l| l.ends_with(" g")).count(),
            3,
            "{text}"
        );
    }

    #[test]
    fn glyph_strings_escape_delimiters_and_line_ends() {
        // Glyph ids whose bytes are '(' ')' '\\' CR LF must not end or bend the string.
        let mut bmp = vec![0u16; 0x1_0000];
        for (c, gid) in [
            ('a', 0x28),
            ('b', 0x29),
            ('c', 0x5C),
            ('d', 0x0D),
            ('e', 0x0A),
        ] {
            bmp[c as usize] = gid;
        }
        let glyphs = BTreeMap::from([(
            Face::Serif,
            Glyphs {
                bmp,
                rest: BTreeMap::new(),
            },
        )]);
        let page = Page {
            draws: vec![Draw::Text {
                x: 0.0,
                y: 0.0,
                face: Face::Serif,
                size: 10.0,
                gray: 0.0,
                pieces: vec![Piece::Text("abcde".into())],
            }],
        };
        let out = page_content(&page, &Geometry::a4(), &glyphs, &[]);
        let start = out.windows(2).position(|w| w == b"\n(").unwrap() + 1;
        let end = out.windows(3).position(|w| w == b" Tj").unwrap();
        assert_eq!(
            &out[start..end],
            b"(\x00\\(\x00\\)\x00\\\\\x00\\r\x00\\n)".as_slice()
        );
    }
}
