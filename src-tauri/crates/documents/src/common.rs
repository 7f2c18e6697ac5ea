//! The house typography shared by all documents: sizes, spacing, lists, party
//! requisites and signature blocks, so the ТЗ, the акт and the КП look like one family.

use etap_domain::text::Lang;

use crate::fonts::Face;
use crate::layout::{mm, Align, Block, Borders, Cell, Column, Para, ParaStyle, Span, Table};
use crate::model::{Inline, ListItem, Party, Run};

pub const BODY: f32 = 11.0;
pub const TABLE: f32 = 9.5;

pub fn tr(lang: Lang, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// A justified body paragraph with the Russian first-line indent.
pub fn body(text: impl Into<String>) -> Block {
    let mut st = ParaStyle::body(BODY);
    st.first_indent = mm(10.0);
    Block::Para(Para::new(vec![Span::new(text, Face::Serif)], st))
}

/// A body paragraph made of runs with their own faces.
pub fn body_spans(spans: Vec<Span>) -> Block {
    let mut st = ParaStyle::body(BODY);
    st.first_indent = mm(10.0);
    Block::Para(Para::new(spans, st))
}

/// Marks every page with `word` in large light-grey capitals across the middle of the
/// page, under the text (drawn first), so a draft is never taken for an issued document.
pub fn watermark(laid: &mut crate::layout::Laid, geom: &crate::layout::Geometry, word: &str) {
    use crate::layout::{Draw, Piece};
    let size = 96.0;
    let face = Face::SansBold;
    let w = face.width(word, size);
    for page in &mut laid.pages {
        page.draws.insert(
            0,
            Draw::Text {
                x: (geom.text_width() - w) / 2.0,
                y: geom.text_height() / 2.0 + size * 0.35,
                face,
                size,
                gray: 0.88,
                pieces: vec![Piece::Text(word.to_string())],
            },
        );
    }
}

pub fn centered(text: impl Into<String>, face: Face, size: f32, space_after: f32) -> Block {
    let mut st = ParaStyle::body(size);
    st.align = Align::Center;
    st.hyphenate = false;
    st.space_after = space_after;
    st.leading = 1.25;
    Block::Para(Para::new(vec![Span::new(text, face)], st))
}

/// A heading: sans bold, kept with what follows.
pub fn heading(text: impl Into<String>, level: usize, anchor: Option<usize>) -> Block {
    let (size, before, after) = match level {
        1 => (13.5, 18.0, 8.0),
        2 => (11.5, 12.0, 5.0),
        _ => (10.5, 9.0, 4.0),
    };
    let mut st = ParaStyle::body(size);
    st.align = Align::Left;
    st.hyphenate = false;
    st.space_before = before;
    st.space_after = after;
    st.leading = 1.2;
    let mut p = Para::new(vec![Span::new(text, Face::SansBold)], st);
    p.keep_with_next = true;
    p.anchor = anchor;
    Block::Para(p)
}

/// A list item with a hanging marker.
pub fn list_item(marker: impl Into<String>, spans: Vec<Span>, last: bool) -> Block {
    nested_item(marker, spans, last, 0)
}

/// A list item at nesting `level` (0 = outermost): each level is indented by 8 mm more.
fn nested_item(marker: impl Into<String>, spans: Vec<Span>, last: bool, level: u32) -> Block {
    let mut st = ParaStyle::body(BODY);
    st.left_indent = mm(17.0 + 8.0 * level.min(6) as f32);
    st.space_after = if last { BODY * 0.45 } else { BODY * 0.2 };
    let mut p = Para::new(spans, st);
    p.marker = Some(Span::new(marker, Face::Serif));
    Block::Para(p)
}

/// Runs as spans of `face`'s family: bold runs in its bold, italic ones in its italic;
/// code in the sans face (set apart from serif text; no monospace font is embedded),
/// without its backticks and never hyphenated.
pub fn run_spans(runs: &[Run], face: Face) -> Vec<Span> {
    runs.iter()
        .map(|r| {
            let face = if r.code { Face::Sans } else { face };
            let face = match (r.bold, r.italic) {
                (true, _) => face.bold(),
                (false, true) => face.italic(),
                (false, false) => face,
            };
            if r.code {
                Span::code(r.text.clone(), face)
            } else {
                Span::new(r.text.clone(), face)
            }
        })
        .collect()
}

/// A list as its author typed it: nested items indented by level, each with the
/// marker the domain gave it (the author's own numbers).
pub fn list(items: &[ListItem]) -> Vec<Block> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            nested_item(
                item.marker.clone(),
                run_spans(&item.runs, Face::Serif),
                i + 1 == n,
                item.level,
            )
        })
        .collect()
}

/// A quoted passage: indented on both sides, in italic (emphasis inside stays).
pub fn quote(paragraphs: &[Inline]) -> Vec<Block> {
    paragraphs
        .iter()
        .map(|p| {
            let mut st = ParaStyle::body(BODY);
            st.left_indent = mm(12.0);
            st.right_indent = mm(8.0);
            let spans =
                p.0.iter()
                    .map(|r| Run {
                        italic: !r.bold && !r.code,
                        ..r.clone()
                    })
                    .collect::<Vec<_>>();
            Block::Para(Para::new(run_spans(&spans, Face::Serif), st))
        })
        .collect()
}

/// List items set in the body face, each keeping its emphasis.
pub fn item_spans(items: &[Inline]) -> Vec<Vec<Span>> {
    items.iter().map(|i| run_spans(&i.0, Face::Serif)).collect()
}

/// Plain list items set in the body face.
pub fn plain_items(items: &[String]) -> Vec<Vec<Span>> {
    items
        .iter()
        .map(|t| vec![Span::new(t.clone(), Face::Serif)])
        .collect()
}

pub fn bullets(items: Vec<Vec<Span>>, lang: Lang) -> Vec<Block> {
    // Russian typography marks unordered lists with a dash (ГОСТ 2.105), English with
    // a bullet.
    let marker = tr(lang, "–", "•");
    let n = items.len();
    items
        .into_iter()
        .enumerate()
        .map(|(i, spans)| list_item(marker, spans, i + 1 == n))
        .collect()
}

pub fn numbered(items: Vec<Vec<Span>>, lang: Lang) -> Vec<Block> {
    let n = items.len();
    items
        .into_iter()
        .enumerate()
        .map(|(i, spans)| {
            let marker = match lang {
                Lang::Ru => format!("{})", i + 1),
                Lang::En => format!("{}.", i + 1),
            };
            list_item(marker, spans, i + 1 == n)
        })
        .collect()
}

/// A borderless two-column layout table (parties side by side, signatures).
pub fn two_columns(left: Vec<Span>, right: Vec<Span>, size: f32) -> Table {
    let mut t = Table::grid(
        vec![
            Column {
                share: 1.0,
                align: Align::Left,
            },
            Column {
                share: 1.0,
                align: Align::Left,
            },
        ],
        size,
    );
    t.borders = Borders::None;
    t.header_fill = None;
    t.pad_x = 0.0;
    t.pad_y = 0.0;
    t.hyphenate = true;
    t.keep_together = true;
    t.leading = 1.3;
    // The gutter between the columns: pad the right edge of the left cell.
    t.rows.push(vec![Cell::spans(left), Cell::spans(right)]);
    t.columns[0].share = 1.0;
    t
}

/// A party's requisites as spans: bold role and name, then the requisites.
pub fn party_spans(role: &str, p: &Party, lang: Lang) -> Vec<Span> {
    let mut lines = Vec::new();
    if !p.inn.is_empty() {
        let mut s = format!("{}\u{a0}{}", tr(lang, "ИНН", "INN (TIN)"), p.inn);
        if !p.kpp.is_empty() {
            s.push_str(&format!(", {}\u{a0}{}", tr(lang, "КПП", "KPP"), p.kpp));
        }
        lines.push(s);
    }
    if !p.ogrn.is_empty() {
        lines.push(format!("{}\u{a0}{}", tr(lang, "ОГРН", "OGRN"), p.ogrn));
    }
    if !p.address.is_empty() {
        lines.push(format!("{}: {}", tr(lang, "Адрес", "Address"), p.address));
    }
    if !p.bank.is_empty() {
        lines.push(p.bank.clone());
    }
    vec![
        Span::new(format!("{role}\n"), Face::SerifBold),
        Span::new(format!("{}\n", p.name), Face::SerifBold),
        Span::new(lines.join("\n"), Face::Serif),
    ]
}

/// The signature rows for two parties side by side: role, position and organisation;
/// then the lines to sign on (on one baseline even when a position wraps); then «М. П.».
pub fn signature_rows(
    roles: [&str; 2],
    parties: [&Party; 2],
    lang: Lang,
    stamp: bool,
) -> Vec<Vec<Cell>> {
    let head = |role: &str, p: &Party| {
        Cell::spans(vec![
            Span::new(format!("{role}\n"), Face::SerifBold),
            Span::new(format!("{}\n{}", p.position, p.name), Face::Serif),
        ])
    };
    let line = |p: &Party| {
        Cell::text(
            format!(
                "\n_________________\u{a0}/\u{a0}{}\u{a0}/",
                initials(&p.signatory)
            ),
            Face::Serif,
        )
    };
    let mut rows = vec![
        vec![head(roles[0], parties[0]), head(roles[1], parties[1])],
        vec![line(parties[0]), line(parties[1])],
    ];
    if stamp {
        let mp = || Cell::text(format!("\n{}", tr(lang, "М.\u{a0}П.", "Seal")), Face::Serif);
        rows.push(vec![mp(), mp()]);
    }
    rows
}

/// «Иванов Иван Иванович» → «И.\u{a0}И.\u{a0}Иванов» (the form signatures use).
pub fn initials(full: &str) -> String {
    let parts: Vec<&str> = full.split_whitespace().collect();
    match parts.as_slice() {
        [surname, name, patronymic] => format!(
            "{}.\u{a0}{}.\u{a0}{}",
            first_char(name),
            first_char(patronymic),
            surname
        ),
        [name, surname] => format!("{}.\u{a0}{}", first_char(name), surname),
        _ => full.to_string(),
    }
}

fn first_char(s: &str) -> String {
    s.chars().next().map(String::from).unwrap_or_default()
}

/// "Страница 3 из 20" / "Page 3 of 20".
pub fn page_label(lang: Lang, n: usize, total: usize) -> String {
    match lang {
        Lang::Ru => format!("Страница {n} из {total}"),
        Lang::En => format!("Page {n} of {total}"),
    }
}

/// Adds a gutter column between the two halves of a layout table.
pub fn gutter(t: &mut Table) {
    t.columns.insert(
        1,
        Column {
            share: 0.08,
            align: Align::Left,
        },
    );
    for row in &mut t.rows {
        row.insert(1, Cell::text("", Face::Serif));
    }
}
