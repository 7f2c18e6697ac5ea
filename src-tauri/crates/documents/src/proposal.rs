//! The commercial proposal (КП) made from an estimate: who offers what to whom, the
//! work items with hours, rates and amounts, the totals with VAT, the timeline, the
//! terms and the date the offer is valid until.
//!
//! Guarantees: amounts are exact decimals rounded once per line and once for VAT; the
//! totals never start a page alone; the signature stays with the validity line.

use etap_domain::money::{format_unit_price, VatMode};
use etap_domain::text::Lang;
use rust_decimal::Decimal;

use crate::common::{self, tr, BODY, TABLE};
use crate::fonts::Face;
use crate::layout::{self, Align, Block, Cell, Column, Geometry, Para, ParaStyle, Span, Table};
use crate::model::{long_date, Proposal};
use crate::pdf;
use crate::Result;

pub fn render(p: &Proposal) -> Result<Vec<u8>> {
    let geom = Geometry::a4();
    let blocks = blocks(p)?;
    let mut laid = layout::layout(&blocks, &geom);
    let lang = p.lang;
    layout::add_footers(&mut laid, &geom, |n, total| {
        (total > 1).then(|| common::page_label(lang, n, total))
    });
    pdf::write(&laid, &geom, &p.meta, &[])
}

/// The logo's printed size: its proportions kept, within 45 × 16 mm (a letterhead
/// mark, not a banner), never enlarged past 150 dpi so a small file stays sharp.
fn logo_box((px_w, px_h): (u32, u32)) -> (f32, f32) {
    let (max_w, max_h) = (layout::mm(45.0), layout::mm(16.0));
    let at_150_dpi = |px: u32| px as f32 * 72.0 / 150.0;
    let (w, h) = (at_150_dpi(px_w), at_150_dpi(px_h));
    let scale = (max_w / w).min(max_h / h).min(1.0);
    (w * scale, h * scale)
}

fn hours(h: Decimal, lang: Lang) -> String {
    let s = h.normalize().to_string();
    match lang {
        Lang::Ru => s.replace('.', ","),
        Lang::En => s,
    }
}

pub fn blocks(p: &Proposal) -> Result<Vec<Block>> {
    let lang = p.lang;
    let mut out = Vec::new();
    // Letterhead: the logo if there is one, the contractor's name and requisites in
    // small sans, a rule under them.
    if let Some(logo) = &p.logo {
        let (w, h) = logo_box(crate::image::size(&logo.bytes)?);
        out.push(Block::Image {
            image: std::sync::Arc::new(logo.clone()),
            width: w,
            height: h,
            align: Align::Left,
        });
        out.push(Block::Space(4.0));
    }
    let c = &p.contractor;
    let mut head = ParaStyle::body(9.0);
    head.align = Align::Left;
    head.hyphenate = false;
    head.space_after = 2.0;
    // Only what is filled in: a draft profile must not print empty labels.
    let mut parts = Vec::new();
    if !c.inn.is_empty() {
        parts.push(format!("{}\u{a0}{}", tr(lang, "ИНН", "INN"), c.inn));
    }
    if !c.kpp.is_empty() {
        parts.push(format!("{}\u{a0}{}", tr(lang, "КПП", "KPP"), c.kpp));
    }
    if !c.address.is_empty() {
        parts.push(c.address.clone());
    }
    let req = parts.join(" · ");
    out.push(Block::Para(Para::new(
        vec![
            Span::new(format!("{}\n", c.name), Face::SansBold),
            Span::new(req, Face::Sans),
        ],
        head,
    )));
    out.push(Block::Rule {
        thickness: 0.8,
        gray: 0.2,
    });
    let mut to = common::two_columns(
        vec![Span::new(
            format!(
                "{}\u{a0}{} {} {}",
                tr(lang, "Исх. №", "Ref. No."),
                p.number,
                tr(lang, "от", "of"),
                long_date(p.date, lang)
            ),
            Face::Serif,
        )],
        vec![
            Span::new(format!("{}\n", tr(lang, "Кому:", "To:")), Face::SerifBold),
            Span::new(
                format!("{}\n{}", p.customer.name, p.customer.signatory),
                Face::Serif,
            ),
        ],
        10.5,
    );
    to.space_before = 8.0;
    to.space_after = 12.0;
    out.push(Block::Table(to));

    out.push(common::centered(
        tr(lang, "КОММЕРЧЕСКОЕ ПРЕДЛОЖЕНИЕ", "COMMERCIAL PROPOSAL"),
        Face::SansBold,
        15.0,
        3.0,
    ));
    out.push(common::centered(p.project.clone(), Face::Sans, 11.5, 8.0));
    out.push(common::body(p.intro.clone()));

    out.push(common::heading(
        tr(lang, "Состав и стоимость работ", "Scope and cost"),
        2,
        None,
    ));
    let col = |share: f32, align: Align| Column { share, align };
    let mut table = Table::grid(
        vec![
            col(0.45, Align::Center),
            col(4.4, Align::Left),
            col(0.9, Align::Right),
            col(1.4, Align::Right),
            col(1.6, Align::Right),
        ],
        TABLE,
    );
    let h = |s: &str| Cell::text(s, Face::SansBold).align(Align::Center);
    table.header = Some(vec![
        h(tr(lang, "№", "No.")),
        h(tr(lang, "Работы", "Work item")),
        h(tr(lang, "Часы", "Hours")),
        h(tr(lang, "Ставка, в час", "Rate per hour")),
        h(tr(lang, "Сумма", "Amount")),
    ]);
    for (i, item) in p.items.iter().enumerate() {
        table.rows.push(vec![
            Cell::text((i + 1).to_string(), Face::Sans),
            Cell::text(item.name.clone(), Face::Sans),
            Cell::text(hours(item.hours, lang), Face::Sans),
            Cell::text(format_unit_price(item.rate, p.currency, lang), Face::Sans),
            Cell::text(item.amount.format(lang), Face::Sans),
        ]);
    }
    // The estimate's own figures (`etap_domain::estimate::totals`), never recomputed.
    let t = &p.totals;
    let (subtotal, discount, net, vat, gross) = (t.subtotal, t.discount, t.net, t.vat, t.total);
    let bold = |s: String| Cell::text(s, Face::SansBold);
    table.rows.push(vec![
        bold(tr(lang, "Итого", "Subtotal").into())
            .colspan(2)
            .align(Align::Right),
        bold(hours(t.hours, lang)),
        Cell::text("", Face::Sans),
        bold(subtotal.format(lang)),
    ]);
    let discounted = !discount.amount().is_zero();
    if discounted {
        let pct = p.discount_percent.normalize().to_string();
        let pct = match lang {
            Lang::Ru => pct.replace('.', ","),
            Lang::En => pct,
        };
        table.rows.push(vec![
            bold(match lang {
                Lang::Ru => format!("Скидка {pct}\u{a0}%"),
                Lang::En => format!("Discount {pct}%"),
            })
            .colspan(4)
            .align(Align::Right),
            bold(format!("−{}", discount.format(lang))),
        ]);
        table.rows.push(vec![
            bold(tr(lang, "Итого со скидкой", "Total after discount").into())
                .colspan(4)
                .align(Align::Right),
            bold(net.format(lang)),
        ]);
    }
    table.rows.push(vec![
        bold(p.vat.label(lang)).colspan(4).align(Align::Right),
        bold(match p.vat {
            VatMode::Rate { .. } => vat.format(lang),
            VatMode::Exempt { .. } => "—".into(),
        }),
    ]);
    table.rows.push(vec![
        bold(tr(lang, "Всего", "Total").into())
            .colspan(4)
            .align(Align::Right),
        bold(gross.format(lang)),
    ]);
    table.keep_tail = if discounted { 5 } else { 3 };
    out.push(Block::Table(table));
    let mut st = ParaStyle::body(BODY);
    st.space_before = 2.0;
    out.push(Block::Para(Para::new(
        vec![
            Span::new(
                format!("{} ", tr(lang, "Сумма прописью:", "In words:")),
                Face::Serif,
            ),
            Span::new(gross.in_words(lang)?, Face::SerifItalic),
            Span::new(
                match &p.vat {
                    VatMode::Exempt { reason } => format!(". {reason}"),
                    VatMode::Rate { .. } => ".".into(),
                },
                Face::Serif,
            ),
        ],
        st,
    )));

    out.push(common::heading(tr(lang, "Сроки", "Timeline"), 2, None));
    out.push(common::body(p.timeline.clone()));
    // The terms, the validity date and the signature form one group: a signature
    // never stands alone on the last page.
    let mut closing = vec![common::heading(tr(lang, "Условия", "Terms"), 2, None)];
    closing.extend(common::numbered(common::plain_items(&p.terms), lang));

    let mut valid = ParaStyle::body(BODY);
    valid.space_before = 6.0;
    let validity = Block::Para(Para::new(
        vec![
            Span::new(
                format!(
                    "{} ",
                    tr(
                        lang,
                        "Предложение действительно до",
                        "This offer is valid until"
                    )
                ),
                Face::Serif,
            ),
            Span::new(
                match lang {
                    // «26 декабря 2026 г.» already ends with a full stop.
                    Lang::Ru => long_date(p.valid_until, lang),
                    Lang::En => format!("{}.", long_date(p.valid_until, lang)),
                },
                Face::SerifBold,
            ),
        ],
        valid,
    ));
    let mut sign = common::two_columns(
        vec![Span::new(
            // The organisation heads the letter; the signature names the person.
            format!("{}\n{}", c.position, c.signatory),
            Face::Serif,
        )],
        vec![Span::new(
            format!(
                "\n_________________\u{a0}/\u{a0}{}\u{a0}/",
                common::initials(&c.signatory)
            ),
            Face::Serif,
        )],
        BODY,
    );
    sign.columns[1].align = Align::Right;
    sign.space_before = 10.0;
    closing.push(validity);
    closing.push(Block::Table(sign));
    out.push(Block::Group(closing));
    Ok(out)
}
