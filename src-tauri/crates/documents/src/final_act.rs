//! The final acceptance certificate (итоговый акт) of a whole project, issued at 3.3:
//! every stage with its акт (number and date) and amount, the totals with VAT or «Без
//! НДС», the total in words, the statement that the contract's work is done, the
//! requisites and signatures.
//!
//! Guarantees: every figure is the model's — each stage's as its own акт printed it,
//! the totals their sum (`etap_domain::billing::sum_totals`) — so the final акт agrees
//! with the stage акты to the kopeck; the totals rows never start a page alone; the
//! signatures stay with the last sentence.

use etap_domain::money::VatMode;
use etap_domain::text::Lang;

use crate::act::{basis, counterparts, paginate, place_and_date, sign_off, total_in_words};
use crate::common::{self, tr, TABLE};
use crate::fonts::Face;
use crate::layout::{Align, Block, Cell, Column, Table};
use crate::model::{short_date, FinalAct};
use crate::Result;

pub fn render(act: &FinalAct) -> Result<Vec<u8>> {
    paginate(&blocks(act)?, act.lang, &act.meta)
}

fn stages_table(act: &FinalAct) -> Table {
    let lang = act.lang;
    let t = &act.totals;
    let col = |share: f32, align: Align| Column { share, align };
    let mut table = Table::grid(
        vec![
            col(0.45, Align::Center),
            col(3.9, Align::Left),
            col(2.6, Align::Left),
            col(1.8, Align::Right),
        ],
        TABLE,
    );
    let h = |s: &str| Cell::text(s, Face::SansBold).align(Align::Center);
    let net_head = match act.vat {
        VatMode::Rate { .. } => tr(lang, "Сумма без НДС", "Amount before VAT"),
        VatMode::Exempt { .. } => tr(lang, "Сумма", "Amount"),
    };
    table.header = Some(vec![
        h(tr(lang, "№", "No.")),
        h(tr(lang, "Этап", "Stage")),
        h(tr(lang, "Акт сдачи-приёмки", "Acceptance certificate")),
        h(net_head),
    ]);
    for (i, s) in act.stages.iter().enumerate() {
        table.rows.push(vec![
            Cell::text((i + 1).to_string(), Face::Sans),
            Cell::text(s.title.clone(), Face::Sans),
            Cell::text(
                match lang {
                    Lang::Ru => {
                        format!("№\u{a0}{} от\u{a0}{}", s.act_number, short_date(s.act_date))
                    }
                    Lang::En => format!(
                        "No.\u{a0}{} of\u{a0}{}",
                        s.act_number,
                        short_date(s.act_date)
                    ),
                },
                Face::Sans,
            ),
            Cell::text(s.totals.net.format(lang), Face::Sans),
        ]);
    }
    let total_row = |label: String, value: String| {
        vec![
            Cell::text(label, Face::SansBold)
                .colspan(3)
                .align(Align::Right),
            Cell::text(value, Face::SansBold),
        ]
    };
    table.rows.push(total_row(
        tr(lang, "Итого:", "Subtotal:").into(),
        t.net.format(lang),
    ));
    let vat_value = match act.vat {
        VatMode::Rate { .. } => t.vat.format(lang),
        VatMode::Exempt { .. } => "—".to_string(),
    };
    table
        .rows
        .push(total_row(format!("{}:", act.vat.label(lang)), vat_value));
    table.rows.push(total_row(
        tr(lang, "Всего по договору:", "Contract total:").into(),
        t.gross.format(lang),
    ));
    table.keep_tail = 3;
    table
}

pub fn blocks(act: &FinalAct) -> Result<Vec<Block>> {
    let lang = act.lang;
    let t = &act.totals;
    let mut out = vec![common::centered(
        format!(
            "{}\u{a0}{}",
            tr(lang, "ИТОГОВЫЙ АКТ №", "FINAL ACCEPTANCE CERTIFICATE No."),
            act.number
        ),
        Face::SansBold,
        15.0,
        2.0,
    )];
    out.push(common::centered(
        tr(
            lang,
            "сдачи-приёмки работ по договору в целом",
            "of the work under the contract as a whole",
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
    out.push(common::centered(act.project.clone(), Face::Sans, 11.5, 2.0));
    out.push(place_and_date(&act.city, act.date, lang));
    let (c, k) = (&act.contractor, &act.customer);
    out.push(common::body(match lang {
        Lang::Ru => format!(
            "{} (Исполнитель) и {} (Заказчик) составили настоящий акт о том, что работы по договору выполнены Исполнителем и приняты Заказчиком полностью, по этапам, каждый из которых принят по своему акту сдачи-приёмки:",
            c.name, k.name
        ),
        Lang::En => format!(
            "{} (the Contractor) and {} (the Customer) have drawn up this certificate confirming that the work under the contract has been performed by the Contractor and accepted by the Customer in full, stage by stage, each stage under its own acceptance certificate:",
            c.name, k.name
        ),
    }));
    out.push(Block::Table(stages_table(act)));
    out.push(total_in_words(
        (
            "Общая стоимость работ по договору составляет".into(),
            "The total price of the work under the contract is".into(),
        ),
        &act.vat,
        t,
        lang,
    )?);
    out.push(common::body(tr(
        lang,
        "Обязательства Исполнителя по договору выполнены в полном объёме. Стороны претензий друг к другу по объёму, качеству и срокам выполнения работ не имеют.",
        "The Contractor's obligations under the contract have been fulfilled in full. The parties have no claims against each other regarding the scope, quality or timing of the work.",
    )));
    let counterparts = counterparts(lang);
    out.push(sign_off(counterparts, c, k, lang));
    Ok(out)
}
