//! Laid-out pages as a display list for the window's pages view: what the PDF writer
//! draws, page by page, in page coordinates a browser can draw as SVG.
//!
//! Guarantees: a display list is made from the very [`Laid`] pages the PDF is written
//! from (no second layout), so its line breaks, hyphens, page breaks, repeated table
//! headers, page numbers and watermark are the PDF's; every text run carries the width
//! the engine measured for it (kerning included), so a view that pins each run to that
//! width ends every line where the PDF does, whatever font rasteriser draws it.

use serde::Serialize;

use crate::fonts::Face;
use crate::layout::{Draw, Geometry, Laid, Piece};

/// A run of text on a page: drawn at `x` with its baseline at `y`, `width` points
/// wide (the engine's measured advance).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TextRun {
    pub x: f32,
    pub y: f32,
    pub face: Face,
    pub size: f32,
    /// 0.0 black … 1.0 white.
    pub gray: f32,
    pub text: String,
    pub width: f32,
}

/// A straight line (table borders, rules).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PageRule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub width: f32,
    pub gray: f32,
}

/// A rectangle: a filled one (a table header's shading, a QR module) or the box a
/// picture occupies.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PageBox {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub gray: f32,
}

/// One page as drawn: coordinates in points from the page's top-left corner, `y`
/// growing downwards.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PageDisplay {
    /// 1-based.
    pub number: usize,
    pub fills: Vec<PageBox>,
    pub images: Vec<PageBox>,
    pub rules: Vec<PageRule>,
    pub texts: Vec<TextRun>,
}

/// Page `number` (1-based) of `laid` as a display list; `None` past the last page.
pub fn page(laid: &Laid, geom: &Geometry, number: usize) -> Option<PageDisplay> {
    let page = laid.pages.get(number.checked_sub(1)?)?;
    let (dx, dy) = (geom.left, geom.top);
    let mut out = PageDisplay {
        number,
        fills: Vec::new(),
        images: Vec::new(),
        rules: Vec::new(),
        texts: Vec::new(),
    };
    for d in &page.draws {
        match d {
            Draw::Text {
                x,
                y,
                face,
                size,
                gray,
                pieces,
            } => {
                let mut at = *x;
                for p in pieces {
                    match p {
                        Piece::Gap(g) => at += g,
                        Piece::Text(t) => {
                            let width = face.width(t, *size);
                            if !t.is_empty() {
                                out.texts.push(TextRun {
                                    x: at + dx,
                                    y: y + dy,
                                    face: *face,
                                    size: *size,
                                    gray: *gray,
                                    text: t.clone(),
                                    width,
                                });
                            }
                            at += width;
                        }
                    }
                }
            }
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                gray,
            } => out.rules.push(PageRule {
                x1: x1 + dx,
                y1: y1 + dy,
                x2: x2 + dx,
                y2: y2 + dy,
                width: *width,
                gray: *gray,
            }),
            Draw::Fill { x, y, w, h, gray } => out.fills.push(PageBox {
                x: x + dx,
                y: y + dy,
                w: *w,
                h: *h,
                gray: *gray,
            }),
            Draw::Image { x, y, w, h, .. } => out.images.push(PageBox {
                x: x + dx,
                y: y + dy,
                w: *w,
                h: *h,
                gray: 0.85,
            }),
        }
    }
    Some(out)
}

/// Letters and digits: what is counted to find where a place in a text was printed
/// (markup, spaces and the hyphens line breaking adds are not letters).
pub fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

/// The page (1-based) on which the `n`-th letter or digit printed after the point
/// (`page`, `y` within the text frame) stands — the last page when the text ends
/// before. Counted in the order the engine drew: lines top to bottom, table cells
/// left to right.
pub fn page_of_letter(laid: &Laid, page: usize, y: f32, n: usize) -> usize {
    let mut left = n;
    let first = page.max(1);
    for (i, p) in laid.pages.iter().enumerate().skip(first - 1) {
        for d in &p.draws {
            let Draw::Text {
                y: baseline,
                pieces,
                ..
            } = d
            else {
                continue;
            };
            if i + 1 == first && *baseline < y {
                continue;
            }
            for piece in pieces {
                if let Piece::Text(t) = piece {
                    let k = letters(t);
                    if k >= left && left > 0 {
                        return i + 1;
                    }
                    left -= k.min(left);
                }
            }
        }
        if left == 0 {
            return i + 1;
        }
    }
    laid.pages.len().max(1)
}

/// Where the cursor is in the document being typed: a section (by its key) and the
/// cursor's offset in that section's text, in UTF-16 code units as a text field counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PagesFocus {
    pub section: u32,
    pub offset: u32,
}

/// The page a section's heading landed on (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionPage {
    pub key: u32,
    pub page: usize,
}

/// What the pages view asked for: the page size in points, how many pages there are,
/// the page under the cursor, where each section starts, and the pages asked for
/// (the one under the cursor first) drawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PagesView {
    pub width: f32,
    pub height: f32,
    pub count: usize,
    pub focus: Option<usize>,
    pub sections: Vec<SectionPage>,
    pub pages: Vec<PageDisplay>,
}

/// The letters and digits of `text` before its UTF-16 offset `offset` (a text
/// field's cursor position).
pub fn letters_before(text: &str, offset: u32) -> usize {
    let mut units = 0u32;
    let mut n = 0;
    for c in text.chars() {
        if units >= offset {
            break;
        }
        units += c.len_utf16() as u32;
        if c.is_alphanumeric() {
            n += 1;
        }
    }
    n
}

/// The view of `laid`: `wanted` pages (1-based; the focus page, when known, first,
/// each page once, pages past the end left out).
pub fn view(
    laid: &Laid,
    geom: &Geometry,
    focus: Option<usize>,
    sections: Vec<SectionPage>,
    wanted: &[usize],
) -> PagesView {
    let mut order: Vec<usize> = focus.into_iter().collect();
    for &p in wanted {
        if !order.contains(&p) {
            order.push(p);
        }
    }
    PagesView {
        width: geom.width,
        height: geom.height,
        count: laid.pages.len(),
        focus,
        sections,
        pages: order
            .into_iter()
            .filter_map(|n| page(laid, geom, n))
            .collect(),
    }
}
