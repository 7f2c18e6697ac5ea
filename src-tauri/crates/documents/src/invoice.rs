//! The invoice (счёт на оплату) of an accepted stage, in the form Russian accountants
//! expect: the payee's bank requisites in a box at the top (bank, БИК, корр. счёт,
//! ИНН/КПП, recipient, расчётный счёт), the title with number and date, payee, payer
//! and basis, the table of work with the total, VAT or «Без НДС», the total in words,
//! the payment purpose, the ГОСТ Р 56042-2014 payment QR code, and the signature.
//!
//! Guarantees: the figures are the model's (`etap_domain::billing`), never recomputed;
//! the QR code encodes exactly the model's payment text (made by
//! `etap_domain::payment_qr`) and is drawn as vector rectangles ([`crate::qr`]); the
//! purpose, the QR code and the signature stay together on one page.

use etap_domain::text::Lang;

use crate::act::{paginate, total_in_words, work_table};
use crate::common::{self, tr, BODY, TABLE};
use crate::fonts::Face;
use crate::layout::{mm, Align, Block, Borders, Cell, Column, Para, ParaStyle, Span, Table};
use crate::model::{long_date, short_date, Invoice, Party};
use crate::Result;

pub fn render(inv: &Invoice) -> Result<Vec<u8>> {
    paginate(&blocks(inv)?, inv.lang, &inv.meta)
}

/// The bank box: bank and its БИК / корр. счёт; ИНН, КПП and the recipient with the
/// расчётный счёт.
fn bank_box(inv: &Invoice) -> Table {
    let lang = inv.lang;
    let b = &inv.bank;
    let p = &inv.payee;
    let col = |share: f32| Column {
        share,
        align: Align::Left,
    };
    let mut t = Table::grid(vec![col(2.4), col(2.4), col(0.9), col(2.6)], TABLE);
    t.header_fill = None;
    let label = |s: &str| Span::new(format!("{s}\n"), Face::Sans);
    let value = |s: &str| Span::new(s.to_string(), Face::SansBold);
    t.rows.push(vec![
        Cell::spans(vec![
            label(tr(lang, "Банк получателя", "Payee's bank")),
            value(&b.bank_name),
        ])
        .colspan(2),
        Cell::text(
            format!(
                "{}\n{}",
                tr(lang, "БИК", "BIC"),
                tr(lang, "Сч.\u{a0}№", "Corr. acc.")
            ),
            Face::Sans,
        ),
        Cell::text(format!("{}\n{}", b.bik, b.corr_account), Face::SansBold),
    ]);
    let mut tax = format!("{}\u{a0}{}", tr(lang, "ИНН", "INN"), p.inn);
    if !p.kpp.is_empty() {
        tax.push_str(&format!("   {}\u{a0}{}", tr(lang, "КПП", "KPP"), p.kpp));
    }
    t.rows.push(vec![
        Cell::spans(vec![
            Span::new(format!("{tax}\n"), Face::Sans),
            label(tr(lang, "Получатель", "Payee")),
            value(&p.name),
        ])
        .colspan(2),
        Cell::text(tr(lang, "Сч.\u{a0}№", "Account"), Face::Sans),
        Cell::text(b.account.clone(), Face::SansBold),
    ]);
    t.keep_together = true;
    t.space_after = 14.0;
    t
}

/// A label column and a value column, without borders: «Исполнитель: …».
fn labelled(rows: Vec<(&str, Vec<Span>)>) -> Table {
    let mut t = Table::grid(
        vec![
            Column {
                share: 1.25,
                align: Align::Left,
            },
            Column {
                share: 6.0,
                align: Align::Left,
            },
        ],
        10.0,
    );
    t.borders = Borders::None;
    t.header_fill = None;
    t.pad_x = 0.0;
    t.pad_y = 2.0;
    t.leading = 1.3;
    t.rows = rows
        .into_iter()
        .map(|(l, v)| vec![Cell::text(l, Face::Serif), Cell::spans(v)])
        .collect();
    t
}

/// «ООО «Этап Софт», ИНН 7701234567, КПП 770101001, 125009, г. Москва, …».
fn party_line(p: &Party, lang: Lang) -> Vec<Span> {
    let mut rest = Vec::new();
    if !p.inn.is_empty() {
        rest.push(format!("{}\u{a0}{}", tr(lang, "ИНН", "INN"), p.inn));
    }
    if !p.kpp.is_empty() {
        rest.push(format!("{}\u{a0}{}", tr(lang, "КПП", "KPP"), p.kpp));
    }
    if !p.address.is_empty() {
        rest.push(p.address.clone());
    }
    let mut out = vec![Span::new(p.name.clone(), Face::SerifBold)];
    if !rest.is_empty() {
        out.push(Span::new(format!(", {}", rest.join(", ")), Face::Serif));
    }
    out
}

pub fn blocks(inv: &Invoice) -> Result<Vec<Block>> {
    let lang = inv.lang;
    let t = &inv.totals;
    let mut out = vec![Block::Table(bank_box(inv))];

    let mut title = ParaStyle::body(15.0);
    title.align = Align::Left;
    title.hyphenate = false;
    title.leading = 1.25;
    title.space_after = 4.0;
    out.push(Block::Para(Para::new(
        vec![Span::new(
            match lang {
                Lang::Ru => format!(
                    "Счёт на оплату №\u{a0}{} от {}",
                    inv.number,
                    long_date(inv.date, lang)
                ),
                Lang::En => format!(
                    "Invoice No.\u{a0}{} of {}",
                    inv.number,
                    long_date(inv.date, lang)
                ),
            },
            Face::SansBold,
        )],
        title,
    )));
    out.push(Block::Rule {
        thickness: 1.2,
        gray: 0.0,
    });

    let mut basis = match lang {
        Lang::Ru => format!(
            "Договор №\u{a0}{} от {}",
            inv.contract.number,
            short_date(inv.contract.date)
        ),
        Lang::En => format!(
            "Contract No.\u{a0}{} of {}",
            inv.contract.number,
            long_date(inv.contract.date, lang)
        ),
    };
    if let Some((number, date)) = &inv.act {
        basis.push_str(&match lang {
            Lang::Ru => format!(
                "; акт сдачи-приёмки №\u{a0}{number} от {}",
                short_date(*date)
            ),
            Lang::En => format!(
                "; acceptance certificate No.\u{a0}{number} of {}",
                long_date(*date, lang)
            ),
        });
    }
    if let Some(stage) = &inv.stage {
        basis.push_str(&format!(" ({stage})"));
    }
    let mut parties = labelled(vec![
        (
            tr(lang, "Исполнитель:", "Payee:"),
            party_line(&inv.payee, lang),
        ),
        (
            tr(lang, "Заказчик:", "Payer:"),
            party_line(&inv.payer, lang),
        ),
        (
            tr(lang, "Основание:", "Basis:"),
            vec![Span::new(basis, Face::Serif)],
        ),
    ]);
    parties.space_before = 8.0;
    parties.space_after = 10.0;
    out.push(Block::Table(parties));

    out.push(Block::Table(work_table(
        &inv.items,
        &inv.vat,
        t,
        lang,
        ("Всего к оплате:", "Total due:"),
    )));

    let count = inv.items.len();
    out.push(total_in_words(
        (
            format!("Всего наименований {count}, на сумму"),
            format!("{count} item{}, total", if count == 1 { "" } else { "s" }),
        ),
        &inv.vat,
        t,
        lang,
    )?);

    // Purpose, pay-by date and QR code beside them, and the signature: one group on
    // one page.
    let mut closing = Vec::new();
    // Ragged right: the purpose is often in another language than the page, and a
    // justified line of long numbers stretches its spaces.
    let mut purpose = ParaStyle::body(BODY);
    purpose.align = Align::Left;
    purpose.space_before = 8.0;
    closing.push(Block::Para(Para::new(
        vec![
            Span::new(
                format!("{} ", tr(lang, "Назначение платежа:", "Payment purpose:")),
                Face::SerifBold,
            ),
            Span::new(inv.purpose.clone(), Face::Serif),
        ],
        purpose,
    )));
    if let Some(d) = inv.pay_by {
        let mut st = ParaStyle::body(BODY);
        st.align = Align::Left;
        closing.push(Block::Para(Para::new(
            vec![
                Span::new(
                    format!("{} ", tr(lang, "Оплатить до", "Please pay by")),
                    Face::Serif,
                ),
                Span::new(
                    match lang {
                        Lang::Ru => long_date(d, lang),
                        Lang::En => format!("{}.", long_date(d, lang)),
                    },
                    Face::SerifBold,
                ),
            ],
            st,
        )));
    }
    if let Some(text) = &inv.payment_qr {
        // The code is paid as it is scanned: it must ask for the total printed here.
        let kopecks = (inv.totals.gross.amount() * rust_decimal::Decimal::from(100)).trunc();
        if !text.contains(&format!("|Sum={kopecks}|"))
            && !text.ends_with(&format!("|Sum={kopecks}"))
        {
            return Err(crate::DocumentError::Inconsistent(format!(
                "the payment QR code does not ask for the invoice total {}",
                inv.totals.gross.format(Lang::En)
            )));
        }
        let mut cap = ParaStyle::body(8.5);
        cap.align = Align::Left;
        cap.space_before = 6.0;
        closing.push(Block::Para(Para::new(
            vec![Span::new(
                tr(
                    lang,
                    "Для оплаты отсканируйте QR-код в приложении банка: в нём реквизиты получателя, сумма и назначение платежа (ГОСТ Р 56042-2014).",
                    "To pay, scan the QR code in a Russian banking app: it holds the payee's details, the amount and the purpose (GOST R 56042-2014).",
                ),
                Face::Sans,
            )],
            cap,
        )));
        // The code to the right of the purpose it pays, as banks print it.
        let qr = crate::qr::block(text, QR_MODULE, Align::Left)?;
        let width = match &qr {
            Block::Shapes { width, .. } => *width,
            _ => 0.0,
        };
        let left = std::mem::take(&mut closing);
        closing.push(Block::Beside {
            left,
            right: Box::new(qr),
            width,
            gap: mm(8.0),
        });
    }
    let p = &inv.payee;
    let mut sign = common::two_columns(
        vec![Span::new(
            format!("{}\n{}", p.position, p.name),
            Face::Serif,
        )],
        vec![Span::new(
            format!(
                "\n_________________\u{a0}/\u{a0}{}\u{a0}/",
                common::initials(&p.signatory)
            ),
            Face::Serif,
        )],
        BODY,
    );
    sign.columns[1].align = Align::Right;
    sign.space_before = 14.0;
    sign.hyphenate = false;
    closing.push(Block::Table(sign));
    out.push(Block::Group(closing));
    Ok(out)
}

/// The QR code's module: 0.5 mm, within what phone cameras read at arm's length and
/// printers reproduce (a typical payment string makes a code of about 43 mm). 1.44 pt is
/// a whole number of pixels at 100, 150, 200 and 300 dpi.
const QR_MODULE: f32 = 1.44;
