//! Page content streams: fills, rules and one kerned text object per page, written
//! straight into a buffer with at most two decimals per number.

use super::*;

/// A page's content stream, written straight into one buffer: `g`/`re f` fills,
/// `G w` and `m l … S` rules, one `BT … ET` text object with `Tf`, `Tm` and `Tj`/`TJ`
/// of two-byte glyph ids (Identity-H) in literal strings.
///
/// Fills first, then lines, then all text in one text object, so text is on top and
/// no path operator appears inside BT/ET. Text is kerned with exactly the pairs
/// [`Face::width`] measured.
pub(super) fn page_content(
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
pub(super) struct Ops(pub(super) Vec<u8>);

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
    pub(super) fn num(&mut self, v: f32) {
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
