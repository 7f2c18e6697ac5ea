//! Blocks into slices: paragraphs, tables, lists and groups become unbreakable
//! strips with their draws and keep-with-next flags, ready for the paginator.

use super::lines::*;
use super::*;

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
pub(super) fn content_widths(t: &Table, width: f32) -> Vec<f32> {
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

pub(super) fn block_slices(block: &Block, width: f32, frame: f32, out: &mut Vec<Slice>) {
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

pub(super) fn space_after(block: &Block) -> f32 {
    match block {
        Block::Para(p) => p.style.space_after,
        Block::Table(t) => t.space_after,
        Block::Group(bs) => bs.last().map(space_after).unwrap_or(0.0),
        _ => 0.0,
    }
}
