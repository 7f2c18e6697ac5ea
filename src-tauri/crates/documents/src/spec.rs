//! The technical specification (ТЗ) as a PDF: title page with the approval block,
//! table of contents, numbered sections, lists, requirement tables, page numbers and
//! bookmarks.
//!
//! Guarantees: section numbers come from the section tree; the table of contents shows
//! the page each heading actually landed on (the document is laid out until the page
//! numbers are stable); every section has a bookmark; the title page carries no page
//! number but counts in "N of M".

use etap_domain::text::Lang;

use crate::common::{self, tr, BODY, TABLE};
use crate::fonts::Face;
use crate::layout::{
    self, mm, Align, Block, Cell, Column, Geometry, Laid, Para, ParaStyle, Span, Table,
};
use crate::model::{long_date, ApprovalKind, Content, Inline, Requirement, Section, Spec};
use crate::pdf::{self, Bookmark};
use crate::Result;

/// A heading in reading order: its number, title and depth.
pub struct Heading {
    pub number: String,
    pub title: String,
    pub level: usize,
}

fn collect(sections: &[Section], prefix: &str, level: usize, out: &mut Vec<Heading>) {
    for (i, s) in sections.iter().enumerate() {
        let number = if prefix.is_empty() {
            format!("{}", i + 1)
        } else {
            format!("{prefix}.{}", i + 1)
        };
        out.push(Heading {
            number: number.clone(),
            title: s.title.clone(),
            level,
        });
        collect(&s.children, &number, level + 1, out);
    }
}

/// The ТЗ's pages exactly as printed — laid out, page numbers in the footers, a
/// draft watermarked — with its headings in reading order and the page geometry: what
/// [`render`] writes and the window's pages view draws (`crate::display`).
pub fn printed(spec: &Spec) -> (Laid, Vec<Heading>, Geometry) {
    let geom = Geometry::a4();
    let (mut laid, headings) = lay_out(spec, &geom);
    if spec.draft {
        common::watermark(&mut laid, &geom, tr(spec.lang, "ПРОЕКТ", "DRAFT"));
    }
    (laid, headings, geom)
}

/// The page (1-based) on which the `n`-th letter or digit of heading `index`'s
/// section text is printed (0: the heading's own page); `None` for a heading that was
/// not printed.
pub fn page_in_section(laid: &Laid, headings: &[Heading], index: usize, n: usize) -> Option<usize> {
    let h = headings.get(index)?;
    let (page, y) = laid.position_of(index)?;
    let own = crate::display::letters(&h.number) + crate::display::letters(&h.title);
    Some(crate::display::page_of_letter(laid, page, y, own + n))
}

/// Renders the ТЗ to PDF bytes.
pub fn render(spec: &Spec) -> Result<Vec<u8>> {
    let (laid, headings, geom) = printed(spec);
    let outline: Vec<Bookmark> = headings
        .iter()
        .enumerate()
        .filter(|(_, h)| h.level <= 3)
        .filter_map(|(i, h)| {
            laid.position_of(i).map(|(page, y)| Bookmark {
                title: format!("{} {}", h.number, h.title),
                level: h.level,
                page,
                y,
            })
        })
        .collect();
    pdf::write(&laid, &geom, &spec.meta, &outline)
}

/// Lays the ТЗ out. The front matter (title page and contents) is laid out apart
/// from the body: the contents' height does not depend on the page numbers (titles wrap
/// in a width that leaves room for any number), so the body is laid out once, and the
/// front matter a second time with the pages the headings landed on.
pub fn lay_out(spec: &Spec, geom: &Geometry) -> (Laid, Vec<Heading>) {
    let mut headings = Vec::new();
    collect(&spec.sections, "", 1, &mut headings);
    let placeholder = vec![0; headings.len()];
    let front_draft = layout::layout(&front(spec, &headings, &placeholder), geom);
    let offset = front_draft.pages.len();
    let mut body_blocks = Vec::new();
    let mut index = 0;
    sections(
        &spec.sections,
        spec.lang,
        &headings,
        &mut index,
        &mut body_blocks,
    );
    let body = layout::layout(&body_blocks, geom);
    let pages: Vec<usize> = (0..headings.len())
        .map(|i| body.page_of(i).map(|p| p + offset).unwrap_or(0))
        .collect();
    let mut front_final = layout::layout(&front(spec, &headings, &pages), geom);
    if front_final.pages.len() != offset {
        // Cannot happen with the invariant above; if it ever does, lay the whole
        // document out again with the numbers found rather than print wrong ones.
        let mut all = front(spec, &headings, &pages);
        all.extend(body_blocks);
        front_final = layout::layout(&all, geom);
        let lang = spec.lang;
        layout::add_footers(&mut front_final, geom, |n, total| {
            (n > 1).then(|| common::page_label(lang, n, total))
        });
        return (front_final, headings);
    }
    let mut laid = Laid {
        pages: front_final.pages,
        anchors: body
            .anchors
            .iter()
            .map(|(a, p, y)| (*a, p + offset, *y))
            .collect(),
    };
    laid.pages.extend(body.pages);
    let lang = spec.lang;
    layout::add_footers(&mut laid, geom, |n, total| {
        (n > 1).then(|| common::page_label(lang, n, total))
    });
    (laid, headings)
}

/// Title page and table of contents, ending with a page break.
fn front(spec: &Spec, headings: &[Heading], pages: &[usize]) -> Vec<Block> {
    let lang = spec.lang;
    let mut out = title_page(spec);
    out.push(Block::PageBreak);

    // Table of contents.
    out.push(common::centered(
        tr(lang, "Содержание", "Contents"),
        Face::SansBold,
        13.5,
        14.0,
    ));
    for (i, h) in headings.iter().enumerate().filter(|(_, h)| h.level <= 2) {
        let mut st = ParaStyle::body(BODY);
        st.align = Align::Left;
        st.hyphenate = false;
        st.left_indent = mm(if h.level == 1 { 8.0 } else { 18.0 });
        st.space_before = if h.level == 1 { 5.0 } else { 0.0 };
        st.space_after = 1.5;
        let face = if h.level == 1 {
            Face::SerifBold
        } else {
            Face::Serif
        };
        let mut p = Para::new(vec![Span::new(h.title.clone(), face)], st);
        p.marker = Some(Span::new(h.number.clone(), face));
        let page = pages.get(i).copied().unwrap_or(0);
        p.leader = Some(if page == 0 {
            "00".into()
        } else {
            page.to_string()
        });
        out.push(Block::Para(p));
    }
    out.push(Block::PageBreak);
    out
}

fn sections(
    list: &[Section],
    lang: Lang,
    headings: &[Heading],
    index: &mut usize,
    out: &mut Vec<Block>,
) {
    for s in list {
        let i = *index;
        *index += 1;
        if let Some(h) = headings.get(i) {
            out.push(common::heading(
                format!("{}\u{a0}\u{a0}{}", h.number, h.title),
                h.level,
                Some(i),
            ));
        }
        for c in &s.content {
            match c {
                Content::Para(t) => out.push(common::body(t.clone())),
                Content::Styled(text) => {
                    out.push(common::body_spans(common::run_spans(&text.0, Face::Serif)))
                }
                Content::Bullets(items) => {
                    out.extend(common::bullets(common::item_spans(items), lang))
                }
                Content::Numbered(items) => {
                    out.extend(common::numbered(common::item_spans(items), lang))
                }
                Content::List(items) => out.extend(common::list(items)),
                Content::Quote(paragraphs) => out.extend(common::quote(paragraphs)),
                Content::Requirements(reqs) => out.push(Block::Table(requirements(reqs, lang))),
                Content::Table(rows) => {
                    if let Some(t) = plain_table(rows) {
                        out.push(Block::Table(t));
                    }
                }
            }
        }
        sections(&s.children, lang, headings, index, out);
    }
}

/// A table typed by the user: columns as wide as their content asks, the first row as
/// the repeated header; cells keep their emphasis (in the header everything is bold
/// already).
fn plain_table(rows: &[Vec<Inline>]) -> Option<Table> {
    let (head, body) = rows.split_first()?;
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let cols = (0..width)
        .map(|_| Column {
            share: 1.0,
            align: Align::Left,
        })
        .collect();
    let mut t = Table::grid(cols, TABLE);
    let cell = |row: &[Inline], i: usize, face: Face| {
        Cell::spans(common::run_spans(
            row.get(i).map(|c| c.0.as_slice()).unwrap_or_default(),
            face,
        ))
    };
    t.header = Some((0..width).map(|i| cell(head, i, Face::SansBold)).collect());
    for r in body {
        t.rows
            .push((0..width).map(|i| cell(r, i, Face::Sans)).collect());
    }
    t.keep_tail = 1;
    t.auto_width = true;
    Some(t)
}

fn requirements(reqs: &[Requirement], lang: Lang) -> Table {
    let col = |share: f32, align: Align| Column { share, align };
    let mut t = Table::grid(
        vec![
            col(0.9, Align::Left),
            col(3.6, Align::Left),
            col(1.25, Align::Left),
            col(3.0, Align::Left),
        ],
        TABLE,
    );
    let h = |s: &str| Cell::text(s, Face::SansBold);
    t.header = Some(vec![
        h(tr(lang, "ID", "ID")),
        h(tr(lang, "Требование", "Requirement")),
        h(tr(lang, "Приоритет", "Priority")),
        h(tr(lang, "Критерий приёмки", "Acceptance criterion")),
    ]);
    for r in reqs {
        t.rows.push(vec![
            Cell::text(r.id.clone(), Face::SansBold),
            Cell::text(r.text.clone(), Face::Sans),
            Cell::text(r.priority.label(lang), Face::Sans),
            Cell::text(r.acceptance.clone(), Face::Sans),
        ]);
    }
    // A table's last row does not go to the next page alone.
    t.keep_tail = 1;
    t
}

fn title_page(spec: &Spec) -> Vec<Block> {
    let lang = spec.lang;
    let mut out = Vec::new();
    out.push(common::centered(
        spec.customer.name.clone(),
        Face::Sans,
        10.0,
        0.0,
    ));
    out.push(Block::Rule {
        thickness: 0.6,
        gray: 0.4,
    });
    out.push(Block::Space(mm(14.0)));

    // Approval block: «СОГЛАСОВАНО» left (contractor), «УТВЕРЖДАЮ» right (customer).
    let block_for = |kind: ApprovalKind| -> Vec<Span> {
        let Some(a) = spec.approvals.iter().find(|a| a.kind == kind) else {
            return Vec::new();
        };
        let word = match kind {
            ApprovalKind::Approve => tr(lang, "УТВЕРЖДАЮ", "APPROVED BY"),
            ApprovalKind::Agree => tr(lang, "СОГЛАСОВАНО", "AGREED BY"),
        };
        vec![
            Span::new(format!("{word}\n"), Face::SansBold),
            Span::new(
                format!(
                    "{}\n{}\n\n_______________\u{a0}{}\n{}",
                    a.position,
                    a.organisation,
                    common::initials(&a.person),
                    match lang {
                        Lang::Ru =>
                            format!("«___»\u{a0}____________ {}\u{a0}г.", spec.date.format("%Y")),
                        Lang::En => "Date: ____________".to_string(),
                    }
                ),
                Face::Serif,
            ),
        ]
    };
    let mut approvals = common::two_columns(
        block_for(ApprovalKind::Agree),
        block_for(ApprovalKind::Approve),
        10.5,
    );
    approvals.columns[0].share = 1.0;
    approvals.columns.insert(
        1,
        Column {
            share: 0.25,
            align: Align::Left,
        },
    );
    if let Some(row) = approvals.rows.first_mut() {
        row.insert(1, Cell::text("", Face::Serif));
    }
    approvals.hyphenate = false;
    out.push(Block::Table(approvals));
    out.push(Block::Space(mm(55.0)));

    out.push(common::centered(
        spec.kind.to_uppercase(),
        Face::SansBold,
        22.0,
        10.0,
    ));
    out.push(common::centered(
        spec.title.clone(),
        Face::Serif,
        15.0,
        16.0,
    ));
    out.push(common::centered(
        format!(
            "{}\u{a0}· {} {}",
            spec.code,
            tr(lang, "версия", "version"),
            spec.version
        ),
        Face::Sans,
        10.5,
        4.0,
    ));
    let mut parties = ParaStyle::body(10.5);
    parties.align = Align::Center;
    parties.hyphenate = false;
    parties.space_before = mm(12.0);
    parties.leading = 1.45;
    out.push(Block::Para(Para::new(
        vec![
            Span::new(
                format!("{}: ", tr(lang, "Заказчик", "Customer")),
                Face::SansBold,
            ),
            Span::new(format!("{}\n", spec.customer.name), Face::Sans),
            Span::new(
                format!("{}: ", tr(lang, "Исполнитель", "Contractor")),
                Face::SansBold,
            ),
            Span::new(spec.contractor.name.clone(), Face::Sans),
        ],
        parties,
    )));
    out.push(Block::Space(mm(40.0)));
    out.push(common::centered(
        if spec.city.trim().is_empty() {
            long_date(spec.date, lang)
        } else {
            format!("{} · {}", spec.city, long_date(spec.date, lang))
        },
        Face::Sans,
        10.5,
        0.0,
    ));
    out
}
