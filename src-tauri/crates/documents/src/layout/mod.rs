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
//!
//! The steps live one per module: `lines` (line breaking), `slices` (blocks into
//! slices), `paginate` (slices onto pages, footers); this module holds the block,
//! draw and page types they share.

mod lines;
mod paginate;
mod slices;

pub use paginate::{add_footers, layout, Laid};

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

#[cfg(test)]
mod tests {
    use super::paginate::*;
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
