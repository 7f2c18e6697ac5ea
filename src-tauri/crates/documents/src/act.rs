//! The acceptance certificate (акт сдачи-приёмки) as a PDF: number, date, city,
//! contract, parties, the table of delivered work with totals and VAT, the total in
//! words, the "no claims" statement, requisites and two signature blocks with «М. П.».
//!
//! A stage's акт also names the ТЗ version it delivers, the frozen code (tag or
//! commit) and the day the stage was accepted; each line may carry the requirement IDs
//! it delivers.
//!
//! Guarantees: the figures are the model's, computed by `etap_domain::billing` (exact
//! decimals, rounded once per line and once for VAT): nothing is recomputed here, so
//! the PDF prints what the app shows; the totals rows never start a page alone; the
//! requisites and signatures are kept together on one page.

use etap_domain::money::VatMode;
use etap_domain::text::Lang;

use crate::common::{self, tr, BODY, TABLE};
use crate::fonts::Face;
use crate::layout::{self, Align, Block, Cell, Column, Geometry, Para, ParaStyle, Span, Table};
use crate::model::{long_date, short_date, Act, ActItem, ContractRef, Party, SpecRef, Totals};
use crate::pdf;
use crate::Result;

pub(crate) fn quantity(q: rust_decimal::Decimal, lang: Lang) -> String {
    let s = q.normalize().to_string();
    match lang {
        Lang::Ru => s.replace('.', ","),
        Lang::En => s,
    }
}

pub fn render(act: &Act) -> Result<Vec<u8>> {
    paginate(&blocks(act)?, act.lang, &act.meta)
}

/// Lays out `blocks` on A4 with «Страница N из M» footers when there is more than one
/// page, and writes the PDF (shared by the акт, the счёт and the final акт).
pub(crate) fn paginate(
    blocks: &[Block],
    lang: Lang,
    meta: &crate::model::DocMeta,
) -> Result<Vec<u8>> {
    let geom = Geometry::a4();
    let mut laid = layout::layout(blocks, &geom);
    layout::add_footers(&mut laid, &geom, |n, total| {
        (total > 1).then(|| common::page_label(lang, n, total))
    });
    pdf::write(&laid, &geom, meta, &[])
}

/// «по договору № 14/2026 от 01.03.2026» and, when given, «и техническому заданию
/// ТЗ-2026-014, версия 1.2 от 14.04.2026» on a line of its own.
pub(crate) fn basis(contract: &ContractRef, spec: Option<&SpecRef>, lang: Lang) -> String {
    let mut out = match lang {
        Lang::Ru => format!(
            "по договору №\u{a0}{} от {}",
            contract.number,
            short_date(contract.date)
        ),
        Lang::En => format!(
            "under contract No.\u{a0}{} of {}",
            contract.number,
            long_date(contract.date, lang)
        ),
    };
    if let Some(s) = spec {
        out.push_str(&match lang {
            Lang::Ru => format!(
                "\nи техническому заданию {}, версия\u{a0}{} от {}",
                s.code,
                s.version,
                short_date(s.date)
            ),
            Lang::En => format!(
                "\nand specification {}, version\u{a0}{} of {}",
                s.code,
                s.version,
                long_date(s.date, lang)
            ),
        });
    }
    out
}

/// The city on the left and the date on the right, under the title.
pub(crate) fn place_and_date(city: &str, date: chrono::NaiveDate, lang: Lang) -> Block {
    let mut place = common::two_columns(
        vec![Span::new(city.to_string(), Face::Serif)],
        vec![Span::new(long_date(date, lang), Face::Serif)],
        BODY,
    );
    place.columns[1].align = Align::Right;
    place.space_before = 12.0;
    place.space_after = 12.0;
    Block::Table(place)
}

/// The table of work: №, description (requirement IDs in bold before it), unit,
/// quantity, price, amount; then the subtotal, VAT (or «Без НДС» with a dash) and the
/// total due — the model's figures, never recomputed.
pub(crate) fn work_table(
    items: &[ActItem],
    vat: &VatMode,
    t: &Totals,
    lang: Lang,
    total_label: (&'static str, &'static str),
) -> Table {
    let col = |share: f32, align: Align| Column { share, align };
    let mut table = Table::grid(
        vec![
            col(0.45, Align::Center),
            col(4.5, Align::Left),
            col(0.6, Align::Center),
            col(0.75, Align::Right),
            col(1.4, Align::Right),
            col(1.6, Align::Right),
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
    for (i, item) in items.iter().enumerate() {
        let mut name = Vec::new();
        if !item.code.is_empty() {
            name.push(Span::new(format!("{}. ", item.code), Face::SansBold));
        }
        name.push(Span::new(item.name.clone(), Face::Sans));
        table.rows.push(vec![
            Cell::text((i + 1).to_string(), Face::Sans),
            Cell::spans(name),
            Cell::text(item.unit.clone(), Face::Sans),
            Cell::text(quantity(item.quantity, lang), Face::Sans),
            Cell::text(item.price.format(lang), Face::Sans),
            Cell::text(item.amount.format(lang), Face::Sans),
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
    let vat_value = match vat {
        VatMode::Rate { .. } => t.vat.format(lang),
        VatMode::Exempt { .. } => "—".to_string(),
    };
    table
        .rows
        .push(total_row(format!("{}:", vat.label(lang)), vat_value));
    table.rows.push(total_row(
        tr(lang, total_label.0, total_label.1).into(),
        t.gross.format(lang),
    ));
    table.keep_tail = 3;
    table
}

/// «…, в том числе НДС 20 % — 185 750,00 ₽» or «. НДС не облагается: <reason>» after
/// the total in words.
pub(crate) fn vat_clause(vat: &VatMode, t: &Totals, lang: Lang) -> String {
    match (vat, lang) {
        (VatMode::Rate { .. }, Lang::Ru) => {
            format!(", в том числе {} — {}", vat.label(lang), t.vat.format(lang))
        }
        (VatMode::Rate { .. }, Lang::En) => {
            format!(", including {} of {}", vat.label(lang), t.vat.format(lang))
        }
        (VatMode::Exempt { reason }, Lang::Ru) => format!(". НДС не облагается: {reason}"),
        (VatMode::Exempt { reason }, Lang::En) => format!(". No VAT is charged: {reason}"),
    }
}

/// The last sentence, the requisites of both parties and their signature blocks with
/// «М. П.»: one group, never split across pages.
/// The sentence a charging document closes its table with: «<lead> 1 114 500,00 ₽:
/// **Один миллион … 00 копеек, в том числе НДС 20 % — …**» — `lead` is its opening words
/// in Russian and English, before the figure. The figures are the model's.
pub(crate) fn total_in_words(
    lead: (String, String),
    vat: &VatMode,
    t: &Totals,
    lang: Lang,
) -> Result<Block> {
    let words = t.gross.in_words(lang)?;
    let vat_words = vat_clause(vat, t, lang);
    let mut st = ParaStyle::body(BODY);
    st.space_before = 4.0;
    let (opening, closing) = match lang {
        Lang::Ru => (
            format!("{} {}: ", lead.0, t.gross.format(lang)),
            format!("{words}{vat_words}."),
        ),
        Lang::En => (
            format!("{} {} (", lead.1, t.gross.format(lang)),
            format!("{words}){vat_words}."),
        ),
    };
    Ok(Block::Para(Para::new(
        vec![
            Span::new(opening, Face::Serif),
            Span::new(closing, Face::SerifBold),
        ],
        st,
    )))
}

/// «Настоящий акт составлен в двух экземплярах…»: the last sentence of every акт.
pub(crate) fn counterparts(lang: Lang) -> Block {
    common::body(tr(
        lang,
        "Настоящий акт составлен в двух экземплярах, имеющих одинаковую юридическую силу, по одному для каждой из сторон.",
        "This certificate is made in two counterparts of equal legal force, one for each party.",
    ))
}

pub(crate) fn sign_off(last: Block, contractor: &Party, customer: &Party, lang: Lang) -> Block {
    let (c, k) = (contractor, customer);
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
    Block::Group(vec![
        last,
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
    ])
}

pub fn blocks(act: &Act) -> Result<Vec<Block>> {
    let lang = act.lang;
    let t = &act.totals;
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
        basis(&act.contract, act.spec.as_ref(), lang),
        Face::Sans,
        11.5,
        2.0,
    ));
    if let Some(stage) = &act.stage {
        out.push(common::centered(stage.clone(), Face::Sans, 11.5, 2.0));
    }
    out.push(place_and_date(&act.city, act.date, lang));

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
    out.push(Block::Table(work_table(
        &act.items,
        &act.vat,
        t,
        lang,
        ("Всего к оплате:", "Total due:"),
    )));

    out.push(total_in_words(
        (
            "Всего выполнено работ на сумму".into(),
            "Total work performed:".into(),
        ),
        &act.vat,
        t,
        lang,
    )?);
    if let Some(p) = frozen_code(act) {
        out.push(p);
    }
    out.push(common::body(tr(
        lang,
        "Вышеперечисленные работы выполнены полностью и в срок. Заказчик претензий по объёму, качеству и срокам выполнения работ не имеет.",
        "The work listed above has been performed in full and on time. The Customer has no claims regarding the scope, quality or timing of the work.",
    )));
    let counterparts = counterparts(lang);
    // Requisites and signatures: one group, never split across pages, and never alone
    // on a page — the last sentence of the act goes with them.
    out.push(sign_off(counterparts, c, k, lang));
    Ok(out)
}

/// «Результат работ передан в виде исходного кода, зафиксированного в репозитории:
/// v1.4.0. Этап принят Заказчиком 26.11.2026.»
fn frozen_code(act: &Act) -> Option<Block> {
    let lang = act.lang;
    let mut spans = Vec::new();
    if let Some(code) = act.code_ref.as_deref().filter(|c| !c.trim().is_empty()) {
        spans.push(Span::new(
            tr(
                lang,
                "Исходный код результата зафиксирован в репозитории: ",
                "The source code delivered is frozen in the repository at ",
            ),
            Face::Serif,
        ));
        spans.push(Span::code(code.trim().to_string(), Face::SerifBold));
        spans.push(Span::new(". ", Face::Serif));
    }
    if let Some(d) = act.accepted_on {
        spans.push(Span::new(
            match lang {
                Lang::Ru => format!("Этап принят Заказчиком {}.", short_date(d)),
                Lang::En => format!(
                    "The stage was accepted by the Customer on {}.",
                    long_date(d, lang)
                ),
            },
            Face::Serif,
        ));
    }
    // Ragged right: a 40-digit hash cannot be broken, and justifying the line before it
    // would stretch the words apart.
    let mut st = ParaStyle::body(BODY);
    st.first_indent = layout::mm(10.0);
    st.align = Align::Left;
    (!spans.is_empty()).then(|| Block::Para(Para::new(spans, st)))
}

const SMALL_REQ: f32 = 9.0;
