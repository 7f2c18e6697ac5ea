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

/// Deflates every stream that allows it. Level 3 instead of lopdf's 9: a third of the
/// time for about 4 % more bytes (measured on the 20-page ТЗ: 21 ms/186 KB against
/// 32 ms/178 KB at level 6 and 17 ms/221 KB at level 1).
/// Streams whose bytes appear in `prepacked` take the deflated form found there.
///
/// (See `add_images` below for the pictures' streams, which arrive already encoded.)
fn compress(doc: &mut lopdf::Document, prepacked: &[(&[u8], Option<Vec<u8>>)]) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(st)
                if st.allows_compression && st.dict.get(b"Filter").is_err() =>
            {
                Some(st)
            }
            _ => None,
        })
        .filter_map(|st| {
            match prepacked
                .iter()
                .find(|(orig, _)| *orig == st.content.as_slice())
            {
                Some((_, Some(packed))) => {
                    set_deflated(st, packed.clone());
                    None
                }
                // Deflating did not pay: left as it is, as `deflate` would.
                Some((_, None)) => None,
                None => Some(st),
            }
        })
        .collect();
    // The fonts are most of the bytes: deal the streams, largest first, to as many
    // buckets as there are cores (the result does not depend on the split).
    streams.sort_by_key(|st| std::cmp::Reverse(st.content.len()));
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4);
    let mut buckets: Vec<(usize, Vec<&mut lopdf::Stream>)> =
        (0..workers).map(|_| (0, Vec::new())).collect();
    for st in streams {
        if let Some(b) = buckets.iter_mut().min_by_key(|b| b.0) {
            b.0 += st.content.len();
            b.1.push(st);
        }
    }
    std::thread::scope(|scope| {
        for (_, bucket) in buckets {
            scope.spawn(move || {
                for st in bucket {
                    deflate(st);
                }
            });
        }
    });
}

fn deflate(stream: &mut lopdf::Stream) {
    if let Some(packed) = pack(&stream.content) {
        set_deflated(stream, packed);
    }
}

/// `content` deflated, if that makes it smaller (by more than the filter entry costs).
/// One compressor per thread, reset between streams: setting one up (its window and
/// hash tables) cost as much as deflating a page.
pub(crate) fn pack(content: &[u8]) -> Option<Vec<u8>> {
    thread_local! {
        static ZLIB: std::cell::RefCell<flate2::Compress> =
            std::cell::RefCell::new(flate2::Compress::new(flate2::Compression::new(LEVEL), true));
    }
    ZLIB.with(|z| {
        let mut z = z.borrow_mut();
        z.reset();
        let mut packed = Vec::with_capacity(content.len() / 2 + 64);
        loop {
            let read = z.total_in() as usize;
            let status = z
                .compress_vec(&content[read..], &mut packed, flate2::FlushCompress::Finish)
                .ok()?;
            if status == flate2::Status::StreamEnd {
                break;
            }
            // Out of room: grow and go on (compress_vec never writes past capacity).
            packed.reserve(content.len() / 4 + 64);
        }
        (packed.len() + 19 < content.len()).then_some(packed)
    })
}

/// Deflate level: see [`compress`].
const LEVEL: u32 = 3;

fn set_deflated(stream: &mut lopdf::Stream, packed: Vec<u8>) {
    stream
        .dict
        .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
    stream.set_content(packed);
}

/// Adds each picture as an image XObject (with its soft mask) and names it /Im1, /Im2,
/// … in the pages' resources. printpdf gives every page a resource dictionary by
/// reference, all of them the same one; a name a page does not use costs nothing.
fn add_images(
    doc: &mut lopdf::Document,
    images: &[std::sync::Arc<crate::image::Image>],
) -> Result<()> {
    use lopdf::Object;
    if images.is_empty() {
        return Ok(());
    }
    let mut named = Vec::with_capacity(images.len());
    for (k, image) in images.iter().enumerate() {
        let (mut stream, mask) = crate::image::xobject(&image.bytes)?;
        if let Some(mask) = mask {
            let mask_id = doc.add_object(Object::Stream(mask));
            stream.dict.set("SMask", Object::Reference(mask_id));
        }
        let id = doc.add_object(Object::Stream(stream));
        named.push((format!("Im{}", k + 1), id));
    }
    let pdf_err = |e: lopdf::Error| DocumentError::Pdf(e.to_string());
    let page_ids: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    for page in page_ids {
        let resources = doc
            .get_dictionary(page)
            .and_then(|p| p.get(b"Resources"))
            .and_then(Object::as_reference)
            .map_err(pdf_err)?;
        // The XObject dictionary: its own object (printpdf) or inside the resources.
        let xobjects = match doc
            .get_dictionary(resources)
            .map_err(pdf_err)?
            .get(b"XObject")
        {
            Ok(Object::Reference(r)) => doc.get_dictionary_mut(*r).map_err(pdf_err)?,
            _ => {
                let res = doc.get_dictionary_mut(resources).map_err(pdf_err)?;
                if !matches!(res.get(b"XObject"), Ok(Object::Dictionary(_))) {
                    res.set("XObject", lopdf::Dictionary::new());
                }
                res.get_mut(b"XObject")
                    .and_then(Object::as_dict_mut)
                    .map_err(pdf_err)?
            }
        };
        for (name, id) in &named {
            xobjects.set(name.as_bytes().to_vec(), Object::Reference(*id));
        }
    }
    Ok(())
}

/// Removes what printpdf writes into the document information that would misdescribe
/// the file: an empty `GTS_PDFXVersion` makes readers report a PDF/X subtype (a claim
/// of print-standard conformance the file does not meet), and empty keys are noise.
fn tidy_info(doc: &mut lopdf::Document) {
    let Some(id) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| o.as_reference().ok())
    else {
        return;
    };
    if let Ok(lopdf::Object::Dictionary(info)) = doc.get_object_mut(id) {
        info.remove(b"GTS_PDFXVersion");
        for key in [&b"Identifier"[..], b"Keywords", b"Trapped"] {
            let empty = match info.get(key) {
                Ok(lopdf::Object::String(s, _)) => s.is_empty(),
                _ => false,
            };
            if empty {
                info.remove(key);
            }
        }
    }
}

/// Replaces printpdf's random trailer /ID with one derived from the content, so the
/// same document always has the same bytes (the register keeps their SHA-256).
fn set_document_id(doc: &mut lopdf::Document) {
    let mut h1: u64 = 0xcbf2_9ce4_8422_2325;
    let mut h2: u64 = 0x6c62_272e_07bb_0142;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h1 ^= u64::from(*b);
            h1 = h1.wrapping_mul(0x0100_0000_01b3);
            h2 = (h2 ^ u64::from(*b))
                .wrapping_mul(0x0000_0100_0000_01b3)
                .rotate_left(5);
        }
    };
    for (id, object) in &doc.objects {
        feed(&id.0.to_le_bytes());
        if let lopdf::Object::Stream(stream) = object {
            feed(&stream.content);
        }
    }
    let hex = format!("{h1:016X}{h2:016X}").into_bytes();
    doc.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(hex.clone(), lopdf::StringFormat::Literal),
            lopdf::Object::String(hex, lopdf::StringFormat::Literal),
        ]),
    );
}

/// PDF text string: UTF-16BE with a byte-order mark, so any title survives.
fn text_string(s: &str) -> lopdf::Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// Writes `outline` as a nested outline tree (ISO 32000-1, 12.3.3) in reading order,
/// each entry opening its page at the heading.
fn add_outline(doc: &mut lopdf::Document, outline: &[Bookmark], geom: &Geometry) -> Result<()> {
    use lopdf::{Dictionary, Object};
    if outline.is_empty() {
        return Ok(());
    }
    let pages = doc.get_pages();
    let root = doc.new_object_id();
    let ids: Vec<lopdf::ObjectId> = outline.iter().map(|_| doc.new_object_id()).collect();
    // Parent of each entry: the nearest earlier entry of a smaller level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(outline.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, b) in outline.iter().enumerate() {
        while stack.last().is_some_and(|&j| outline[j].level >= b.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..outline.len()).filter(|&i| parent[i] == p).collect()
    };
    let descendants = |i: usize| -> i64 {
        let mut n = 0;
        let mut k = i + 1;
        while k < outline.len() && outline[k].level > outline[i].level {
            n += 1;
            k += 1;
        }
        n
    };
    for (i, b) in outline.iter().enumerate() {
        let page = pages
            .get(&(b.page as u32))
            .copied()
            .ok_or_else(|| DocumentError::Pdf(format!("no page {} for a bookmark", b.page)))?;
        let siblings = children(parent[i]);
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let top = geom.height - geom.top - b.y + 6.0;
        let mut d = Dictionary::new();
        d.set("Title", text_string(&b.title));
        d.set(
            "Parent",
            Object::Reference(parent[i].map(|p| ids[p]).unwrap_or(root)),
        );
        d.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(page),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(top),
                Object::Null,
            ]),
        );
        if pos > 0 {
            d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
        }
        if let Some(&next) = siblings.get(pos + 1) {
            d.set("Next", Object::Reference(ids[next]));
        }
        let kids = children(Some(i));
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            d.set("First", Object::Reference(ids[first]));
            d.set("Last", Object::Reference(ids[last]));
            // Top-level entries open, deeper ones closed (negative count).
            let n = descendants(i);
            d.set("Count", if b.level == 1 { n } else { -n });
        }
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    let top = children(None);
    let mut r = Dictionary::new();
    r.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        r.set("First", Object::Reference(ids[first]));
        r.set("Last", Object::Reference(ids[last]));
    }
    let visible = top.len() as i64
        + top
            .iter()
            .map(|&i| children(Some(i)).len() as i64)
            .sum::<i64>();
    r.set("Count", visible);
    doc.objects.insert(root, Object::Dictionary(r));
    let catalog = doc
        .catalog_mut()
        .map_err(|e| DocumentError::Pdf(e.to_string()))?;
    catalog.set("Outlines", Object::Reference(root));
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    Ok(())
}

/// A subset of `face` holding `.notdef` and the glyphs of `chars`, with a cmap.
fn subset(face: Face, chars: &BTreeSet<char>) -> Result<Vec<u8>> {
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
fn subset_tag(name: &str, chars: &BTreeSet<char>) -> String {
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
struct Glyphs {
    /// By code point, for the Basic Multilingual Plane (0 = `.notdef`).
    bmp: Vec<u16>,
    rest: BTreeMap<char, u16>,
}

impl Glyphs {
    fn new(font: &ParsedFont, chars: &BTreeSet<char>) -> Glyphs {
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

    fn get(&self, c: char) -> u16 {
        match self.bmp.get(c as usize) {
            Some(g) => *g,
            None => self.rest.get(&c).copied().unwrap_or(0),
        }
    }
}

/// A page's content stream, written straight into one buffer: `g`/`re f` fills,
/// `G w` and `m l … S` rules, one `BT … ET` text object with `Tf`, `Tm` and `Tj`/`TJ`
/// of two-byte glyph ids (Identity-H) in literal strings.
///
/// Fills first, then lines, then all text in one text object, so text is on top and
/// no path operator appears inside BT/ET. Text is kerned with exactly the pairs
/// [`Face::width`] measured.
fn page_content(
    page: &crate::layout::Page,
    geom: &Geometry,
    glyphs: &BTreeMap<Face, Glyphs>,
    images: &[std::sync::Arc<crate::image::Image>],
) -> Vec<u8> {
    let x_of = |x: f32| geom.left + x;
    let y_of = |y: f32| geom.height - geom.top - y;
    // Operators are separated by newlines; numbers are written with at most two
    // decimals (1/100 pt: far below what a viewer or printer resolves) — formatting
    // shortest-round-trip floats was a tenth of the render.
    let mut w = Ops(Vec::with_capacity(16 * 1024));
    // Consecutive fills of one grey are one path filled once: rectangles that touch
    // (a QR code's modules, row above row) are then one shape to the rasteriser, with
    // no anti-aliased hairline seam between them — a seam a phone's decoder can trip on.
    let mut open: Option<f32> = None;
    for d in &page.draws {
        if let Draw::Fill {
            x,
            y,
            w: fw,
            h,
            gray: g,
        } = d
        {
            if open != Some(*g) {
                if open.is_some() {
                    w.op(&[], "f");
                }
                w.op(&[*g], "g");
                open = Some(*g);
            }
            w.op(&[x_of(*x), y_of(*y + *h), *fw, *h], "re");
        }
    }
    if open.is_some() {
        w.op(&[], "f");
    }
    for d in &page.draws {
        if let Draw::Image {
            x,
            y,
            w: iw,
            h,
            image,
        } = d
        {
            let Some(k) = images.iter().position(|i| i == image) else {
                continue;
            };
            // The unit square scaled to the picture's box, its bottom-left corner placed.
            w.op(&[], "q");
            w.op(&[*iw, 0.0, 0.0, *h, x_of(*x), y_of(*y + *h)], "cm");
            w.sep();
            w.0.extend_from_slice(format!("/Im{} Do", k + 1).as_bytes());
            w.op(&[], "Q");
        }
    }
    // Rules, as few paths as their stroke settings allow; a rule drawn twice (cells
    // sharing a border, a row's bottom and the next row's top) is drawn once.
    let mut stroke: Option<(f32, f32)> = None;
    let mut seen: std::collections::HashSet<[i64; 4]> = std::collections::HashSet::new();
    let mut open_path = false;
    for d in &page.draws {
        if let Draw::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            gray: g,
        } = d
        {
            let (a, b) = ((x_of(*x1), y_of(*y1)), (x_of(*x2), y_of(*y2)));
            // Compared as written (hundredths of a point), either direction.
            let key = |p: (f32, f32)| (hundredths(p.0), hundredths(p.1));
            let (ka, kb) = (key(a), key(b));
            let (lo, hi) = if ka <= kb { (ka, kb) } else { (kb, ka) };
            if stroke != Some((*width, *g)) {
                if open_path {
                    w.op(&[], "S");
                    open_path = false;
                }
                w.op(&[*g], "G");
                w.op(&[*width], "w");
                stroke = Some((*width, *g));
                seen.clear();
            }
            if !seen.insert([lo.0, lo.1, hi.0, hi.1]) {
                continue;
            }
            w.op(&[a.0, a.1], "m");
            w.op(&[b.0, b.1], "l");
            open_path = true;
        }
    }
    if open_path {
        w.op(&[], "S");
    }
    let mut in_text = false;
    let mut font: Option<(Face, f32)> = None;
    let mut fill: Option<f32> = None;
    let mut items: Vec<Item> = Vec::new();
    for d in &page.draws {
        let Draw::Text {
            x,
            y,
            face,
            size,
            gray: g,
            pieces,
        } = d
        else {
            continue;
        };
        let Some(gids) = glyphs.get(face) else {
            continue;
        };
        if !in_text {
            w.op(&[], "BT");
            in_text = true;
        }
        if fill != Some(*g) {
            w.op(&[*g], "g");
            fill = Some(*g);
        }
        if font != Some((*face, *size)) {
            w.sep();
            w.0.extend_from_slice(b"/F");
            w.int(*face as i64 + 1);
            w.0.push(b' ');
            w.num(*size);
            w.0.extend_from_slice(b" Tf");
            font = Some((*face, *size));
        }
        w.op(&[1.0, 0.0, 0.0, 1.0, x_of(*x), y_of(*y)], "Tm");
        items.clear();
        for (k, p) in pieces.iter().enumerate() {
            match p {
                Piece::Text(t) => kerned(*face, k, t, &mut items),
                // TJ offsets are in thousandths of an em, positive moves left.
                Piece::Gap(gap) => items.push(Item::Offset(-gap / size * 1000.0)),
            }
        }
        if items.is_empty() {
            continue;
        }
        w.sep();
        let single = items.len() == 1 && matches!(items[0], Item::Text(..));
        if !single {
            w.0.push(b'[');
        }
        for (i, item) in items.iter().enumerate() {
            match item {
                Item::Text(k, a, b) => {
                    let text = match &pieces[*k] {
                        Piece::Text(t) => &t[*a..*b],
                        Piece::Gap(_) => "",
                    };
                    // Two bytes per glyph id (Identity-H) in a literal string; the
                    // delimiters, the backslash and line ends escaped.
                    w.0.push(b'(');
                    for c in text.chars() {
                        let gid = gids.get(c);
                        for byte in gid.to_be_bytes() {
                            match byte {
                                b'(' | b')' | b'\\' => w.0.extend_from_slice(&[b'\\', byte]),
                                b'\r' => w.0.extend_from_slice(b"\\r"),
                                b'\n' => w.0.extend_from_slice(b"\\n"),
                                _ => w.0.push(byte),
                            }
                        }
                    }
                    w.0.push(b')');
                }
                Item::Offset(o) => {
                    if i > 0 {
                        w.0.push(b' ');
                    }
                    w.num(*o);
                }
            }
        }
        w.0.extend_from_slice(if single { b" Tj" } else { b"] TJ" });
    }
    if in_text {
        w.op(&[], "ET");
    }
    w.0
}

/// `v` in hundredths, rounded: how [`Ops::num`] writes it.
fn hundredths(v: f32) -> i64 {
    (f64::from(v) * 100.0).round() as i64
}

/// A content stream being written.
struct Ops(Vec<u8>);

impl Ops {
    /// The newline between operators.
    fn sep(&mut self) {
        if !self.0.is_empty() {
            self.0.push(b'\n');
        }
    }

    /// `operands… operator` on a line of its own.
    fn op(&mut self, operands: &[f32], operator: &str) {
        self.sep();
        for v in operands {
            self.num(*v);
            self.0.push(b' ');
        }
        self.0.extend_from_slice(operator.as_bytes());
    }

    /// `v` rounded to two decimals, without trailing zeros ("12.5", "-3", "0.35").
    /// Hand-written: a fixed-point integer and its digits (no crate writes PDF reals
    /// this way, and `{:.2}` keeps the zeros and is as slow as the shortest form).
    fn num(&mut self, v: f32) {
        let hundredths = hundredths(v);
        if hundredths < 0 {
            self.0.push(b'-');
        }
        let h = hundredths.unsigned_abs();
        self.int((h / 100) as i64);
        let frac = h % 100;
        if frac != 0 {
            self.0.push(b'.');
            self.0.push(b'0' + (frac / 10) as u8);
            if !frac.is_multiple_of(10) {
                self.0.push(b'0' + (frac % 10) as u8);
            }
        }
    }

    fn int(&mut self, v: i64) {
        if v < 0 {
            self.0.push(b'-');
        }
        let mut digits = [0u8; 20];
        let mut n = v.unsigned_abs();
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.0.extend_from_slice(&digits[i..]);
    }
}

/// One element of a TJ array: a run of text (piece index and byte range) or an
/// offset in thousandths of an em.
enum Item {
    Text(usize, usize, usize),
    Offset(f32),
}

/// `text` (piece `k`) as TJ items with the font's kerning between letters, exactly
/// the pairs [`Face::width`] measured.
fn kerned(face: Face, k: usize, text: &str, items: &mut Vec<Item>) {
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if let Some(p) = prev {
            let kern = face.kern(p, c);
            if kern != 0.0 {
                items.push(Item::Text(k, start, i));
                items.push(Item::Offset(-kern * 1000.0));
                start = i;
            }
        }
        prev = Some(c);
    }
    if start < text.len() {
        items.push(Item::Text(k, start, text.len()));
    }
}

#[cfg(test)]
mod tests {
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
