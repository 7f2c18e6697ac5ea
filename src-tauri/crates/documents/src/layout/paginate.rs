//! Pagination: the slices of a flow placed on pages honouring their keep rules,
//! repeated table headers and forced breaks, and the page footers added after.

use super::slices::*;
use super::*;

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

pub(super) fn paginate(mut slices: Vec<Slice>, frame: f32) -> Laid {
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

pub(super) fn place(page: &mut Page, s: &Slice, y: f32) {
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
