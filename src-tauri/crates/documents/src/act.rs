//! The acceptance certificate (акт сдачи-приёмки) as a PDF: number, date, city,
//! contract, parties, the table of delivered work with totals and VAT, the total in
//! words, the "no claims" statement, requisites and two signature blocks with «М. П.».
//!
//! Guarantees: every amount is computed with exact decimals and rounded once per line
//! and once for VAT (the domain's rule); the totals rows never start a page alone; the
//! requisites and signatures are kept together on one page.

use etap_domain::money::{Money, VatMode};
use etap_domain::text::Lang;

use crate::common::{self, tr, BODY, TABLE};
use crate::fonts::Face;
use crate::layout::{self, Align, Block, Cell, Column, Geometry, Para, ParaStyle, Span, Table};
use crate::model::{long_date, short_date, Act};
use crate::pdf;
use crate::Result;

/// Net total, VAT and gross total of an act.
#[derive(Debug, Clone, Copy)]
pub struct Totals {
    pub net: Money,
    pub vat: Money,
    pub gross: Money,
}

pub fn totals(act: &Act) -> Result<Totals> {
    let mut lines = Vec::with_capacity(act.items.len());
    for i in &act.items {
        lines.push(i.price.times(i.quantity)?);
    }
    let net = Money::sum(act.currency, &lines)?;
    let vat = act.vat.vat_on(net)?;
    let gross = net.checked_add(vat)?;
    Ok(Totals { net, vat, gross })
}

fn quantity(q: rust_decimal::Decimal, lang: Lang) -> String {
    let s = q.normalize().to_string();
    match lang {
        Lang::Ru => s.replace('.', ","),
        Lang::En => s,
    }
}

pub fn render(act: &Act) -> Result<Vec<u8>> {
    let geom = Geometry::a4();
    let blocks = blocks(act)?;
    let mut laid = layout::layout(&blocks, &geom);
    let lang = act.lang;
    layout::add_footers(&mut laid, &geom, |n, total| {
        (total > 1).then(|| common::page_label(lang, n, total))
    });
    pdf::write(&laid, &geom, &act.meta, &[])
}

pub fn blocks(act: &Act) -> Result<Vec<Block>> {
    let lang = act.lang;
    let t = totals(act)?;
    let mut out = Vec::new();
    out.push(common::centered(
        format!(
            "{}\u{a0}{}",
            tr(lang, "АКТ №", "ACCEPTANCE CERTIFICATE No."),
            act.number
        ),
        Face::SansBold,
        15.0,
        2.0,
    ));
    out.push(common::centered(
        tr(
            lang,
            "сдачи-приёмки выполненных работ (оказанных услуг)",
            "of work performed and services rendered",
        ),
        Face::Sans,
        11.5,
        2.0,
    ));
    out.push(common::centered(
        match lang {
            Lang::Ru => format!(
                "по договору №\u{a0}{} от {}",
                act.contract.number,
                short_date(act.contract.date)
            ),
            Lang::En => format!(
                "under contract No.\u{a0}{} of {}",
                act.contract.number,
                long_date(act.contract.date, lang)
            ),
        },
        Face::Sans,
        11.5,
        2.0,
    ));
    if let Some(stage) = &act.stage {
        out.push(common::centered(stage.clone(), Face::Sans, 11.5, 2.0));
    }
    let mut place = common::two_columns(
        vec![Span::new(act.city.clone(), Face::Serif)],
        vec![Span::new(long_date(act.date, lang), Face::Serif)],
        BODY,
    );
    place.columns[1].align = Align::Right;
    place.space_before = 12.0;
    place.space_after = 12.0;
    out.push(Block::Table(place));

    let c = &act.contractor;
    let k = &act.customer;
    out.push(common::body(match lang {
        Lang::Ru => format!(
            "{} (Исполнитель) и {} (Заказчик) составили настоящий акт о том, что Исполнитель выполнил, а Заказчик принял следующие работы:",
            c.name, k.name
        ),
        Lang::En => format!(
            "{} (the Contractor) and {} (the Customer) have drawn up this certificate confirming that the Contractor has performed and the Customer has accepted the following work:",
            c.name, k.name
        ),
    }));

    // The work table.
    let col = |share: f32, align: Align| Column { share, align };
    let mut table = Table::grid(
        vec![
            col(0.45, Align::Center),
            col(3.9, Align::Left),
            col(0.7, Align::Center),
            col(0.8, Align::Right),
            col(1.55, Align::Right),
            col(1.75, Align::Right),
        ],
        TABLE,
    );
    let h = |s: &str| Cell::text(s, Face::SansBold).align(Align::Center);
    table.header = Some(vec![
        h(tr(lang, "№", "No.")),
        h(tr(
            lang,
            "Наименование работ (услуг)",
            "Description of work (services)",
        )),
        h(tr(lang, "Ед.", "Unit")),
        h(tr(lang, "Кол-во", "Qty")),
        h(tr(lang, "Цена", "Price")),
        h(tr(lang, "Сумма", "Amount")),
    ]);
    for (i, item) in act.items.iter().enumerate() {
        let line = item.price.times(item.quantity)?;
        table.rows.push(vec![
            Cell::text((i + 1).to_string(), Face::Sans),
            Cell::text(item.name.clone(), Face::Sans),
            Cell::text(item.unit.clone(), Face::Sans),
            Cell::text(quantity(item.quantity, lang), Face::Sans),
            Cell::text(item.price.format(lang), Face::Sans),
            Cell::text(line.format(lang), Face::Sans),
        ]);
    }
    let total_row = |label: String, value: String| {
        vec![
            Cell::text(label, Face::SansBold)
                .colspan(5)
                .align(Align::Right),
            Cell::text(value, Face::SansBold),
        ]
    };
    table.rows.push(total_row(
        tr(lang, "Итого:", "Subtotal:").into(),
        t.net.format(lang),
    ));
    let vat_value = match &act.vat {
        VatMode::Rate { .. } => t.vat.format(lang),
        VatMode::Exempt { .. } => "—".to_string(),
    };
    table
        .rows
        .push(total_row(format!("{}:", act.vat.label(lang)), vat_value));
    table.rows.push(total_row(
        tr(lang, "Всего к оплате:", "Total due:").into(),
        t.gross.format(lang),
    ));
    table.keep_tail = 3;
    out.push(Block::Table(table));

    let words = t.gross.in_words(lang)?;
    let vat_words = match (&act.vat, lang) {
        (VatMode::Rate { .. }, Lang::Ru) => {
            format!(
                ", в том числе {} — {}",
                act.vat.label(lang),
                t.vat.format(lang)
            )
        }
        (VatMode::Rate { .. }, Lang::En) => {
            format!(
                ", including {} of {}",
                act.vat.label(lang),
                t.vat.format(lang)
            )
        }
        (VatMode::Exempt { reason }, Lang::Ru) => format!(". НДС не облагается: {reason}"),
        (VatMode::Exempt { reason }, Lang::En) => format!(". No VAT is charged: {reason}"),
    };
    let mut st = ParaStyle::body(BODY);
    st.space_before = 4.0;
    out.push(Block::Para(Para::new(
        vec![
            Span::new(
                match lang {
                    Lang::Ru => {
                        format!("Всего выполнено работ на сумму {}: ", t.gross.format(lang))
                    }
                    Lang::En => format!("Total work performed: {} (", t.gross.format(lang)),
                },
                Face::Serif,
            ),
            Span::new(
                match lang {
                    Lang::Ru => format!("{words}{vat_words}."),
                    Lang::En => format!("{words}){vat_words}."),
                },
                Face::SerifBold,
            ),
        ],
        st,
    )));
    out.push(common::body(tr(
        lang,
        "Вышеперечисленные работы выполнены полностью и в срок. Заказчик претензий по объёму, качеству и срокам выполнения работ не имеет.",
        "The work listed above has been performed in full and on time. The Customer has no claims regarding the scope, quality or timing of the work.",
    )));
    let counterparts = common::body(tr(
        lang,
        "Настоящий акт составлен в двух экземплярах, имеющих одинаковую юридическую силу, по одному для каждой из сторон.",
        "This certificate is made in two counterparts of equal legal force, one for each party.",
    ));

    // Requisites and signatures: one group, never split across pages, and never alone
    // on a page — the last sentence of the act goes with them.
    let contractor = tr(lang, "Исполнитель", "Contractor");
    let customer = tr(lang, "Заказчик", "Customer");
    let mut req = common::two_columns(
        common::party_spans(contractor, c, lang),
        common::party_spans(customer, k, lang),
        SMALL_REQ,
    );
    common::gutter(&mut req);
    req.space_before = 10.0;
    let mut sig = common::two_columns(Vec::new(), Vec::new(), BODY);
    sig.rows = common::signature_rows([contractor, customer], [c, k], lang, true);
    common::gutter(&mut sig);
    sig.space_before = 14.0;
    sig.hyphenate = false;
    out.push(Block::Group(vec![
        counterparts,
        common::heading(
            tr(
                lang,
                "Реквизиты и подписи сторон",
                "Details and signatures of the parties",
            ),
            3,
            None,
        ),
        Block::Table(req),
        Block::Table(sig),
    ]));
    Ok(out)
}

const SMALL_REQ: f32 = 9.0;
