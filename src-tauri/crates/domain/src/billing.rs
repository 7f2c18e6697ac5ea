//! The figures of the documents that charge a client for accepted work — a stage's акт
//! and счёт, and the final акт: how a stage's price is spread over its lines, and the
//! net, VAT and total, computed here once so that a document prints the figures the
//! app shows and never recomputes them.
//!
//! Rules:
//! - a stage's price is its amount **before VAT**, as an estimate's net; VAT is charged
//!   on top by [`VatMode::vat_on`] (the one VAT rule), rounded once on the total;
//! - when a stage's price differs from the sum of the estimate items its requirements
//!   link to (the price was edited), the price is spread over the lines in proportion
//!   to those amounts, kopeck-exact: the lines always add up to the price;
//! - the final акт adds up the stages' own figures (net, VAT, total) rather than
//!   charging VAT again on the sum, so it agrees kopeck for kopeck with the акты the
//!   client already signed.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::lifecycle::Refusal;
use crate::money::{Currency, Money, MoneyError, VatMode};
use crate::text::{Lang, Text};

/// Net, VAT and total of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub net: Money,
    pub vat: Money,
    pub gross: Money,
}

/// The totals of lines of `currency` under `vat`.
pub fn totals<'a>(
    currency: Currency,
    lines: impl IntoIterator<Item = &'a Money>,
    vat: &VatMode,
) -> Result<Totals, MoneyError> {
    let net = Money::sum(currency, lines)?;
    let vat = vat.vat_on(net)?;
    let gross = net.checked_add(vat)?;
    Ok(Totals { net, vat, gross })
}

/// The totals of a whole project: the sum of its stages' own totals.
pub fn sum_totals(currency: Currency, stages: &[Totals]) -> Result<Totals, MoneyError> {
    let net = Money::sum(currency, stages.iter().map(|t| &t.net))?;
    let vat = Money::sum(currency, stages.iter().map(|t| &t.vat))?;
    let gross = Money::sum(currency, stages.iter().map(|t| &t.gross))?;
    Ok(Totals { net, vat, gross })
}

fn minor(m: Money) -> Result<i128, MoneyError> {
    (m.amount() * Decimal::from(100))
        .trunc()
        .to_i128()
        .ok_or(MoneyError::Overflow)
}

/// `price` spread over lines in proportion to `weights` (the amounts of the estimate
/// items), by the largest remainder: every line a whole number of kopecks, the lines
/// adding up to `price` exactly, earlier lines taking a leftover kopeck first. With no
/// weight at all (nothing priced), the price is spread evenly.
pub fn allocate(price: Money, weights: &[Money]) -> Result<Vec<Money>, MoneyError> {
    if weights.is_empty() {
        return Ok(Vec::new());
    }
    for w in weights {
        if w.currency != price.currency {
            return Err(MoneyError::CurrencyMismatch(
                w.currency.code(),
                price.currency.code(),
            ));
        }
    }
    let total = minor(price)?;
    let mut w: Vec<i128> = weights
        .iter()
        .map(|m| minor(*m).map(|k| k.max(0)))
        .collect::<Result<_, _>>()?;
    if w.iter().all(|k| *k == 0) {
        w = vec![1; weights.len()];
    }
    let sum: i128 = w.iter().sum();
    let mut shares: Vec<(i128, i128)> = w
        .iter()
        .map(|k| {
            let p = total.checked_mul(*k).ok_or(MoneyError::Overflow)?;
            Ok((p.div_euclid(sum), p.rem_euclid(sum)))
        })
        .collect::<Result<_, MoneyError>>()?;
    let mut left = total - shares.iter().map(|s| s.0).sum::<i128>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|a, b| shares[*b].1.cmp(&shares[*a].1).then(a.cmp(b)));
    for i in order.into_iter().cycle() {
        if left <= 0 {
            break;
        }
        shares[i].0 += 1;
        left -= 1;
    }
    Ok(shares
        .into_iter()
        .map(|(k, _)| Money::new(Decimal::from_i128_with_scale(k, 2), price.currency))
        .collect())
}

/// What a stage delivers, line by line, before it is priced: the requirement IDs and
/// title of the line, and the hours and rate of the estimate items it links to (zero
/// for a requirement no estimate item prices).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkLine {
    /// «ФТ-4.1, ФТ-4.2».
    pub code: String,
    pub title: String,
    pub hours: Decimal,
    /// Price of one hour, all its decimals kept.
    pub rate: Decimal,
}

/// What stage `stage` delivers as lines: one per estimate item its requirements link
/// to (each item once, in the estimate's order), coded with those requirements' IDs;
/// then one line per requirement of the stage that no estimate item prices (no hours).
/// Priced by [`stage_lines`] at the stage's price.
pub fn work_lines(
    stage: &crate::development::PlannedStage,
    content: &crate::spec::SpecContent,
    estimate: &crate::estimate::Estimate,
) -> Vec<WorkLine> {
    let reqs: Vec<&crate::spec::Requirement> = crate::development::requirements(content)
        .into_iter()
        .filter(|r| stage.requirements.contains(&r.id))
        .collect();
    let mut out: Vec<WorkLine> = estimate
        .items
        .iter()
        .filter_map(|item| {
            let codes: Vec<&str> = reqs
                .iter()
                .filter(|r| r.estimate_items.contains(&i64::from(item.key)))
                .map(|r| r.id.as_str())
                .collect();
            (!codes.is_empty()).then(|| WorkLine {
                code: codes.join(", "),
                title: item.title.clone(),
                hours: item.hours.expected(),
                rate: item.rate,
            })
        })
        .collect();
    let priced: Vec<i64> = estimate.items.iter().map(|i| i64::from(i.key)).collect();
    out.extend(
        reqs.iter()
            .filter(|r| !r.estimate_items.iter().any(|k| priced.contains(k)))
            .map(|r| WorkLine {
                code: r.id.clone(),
                title: r.text.clone(),
                hours: Decimal::ZERO,
                rate: Decimal::ZERO,
            }),
    );
    // A stage that delivers no requirement of the ТЗ (a setup or a training stage) is
    // still what the client pays for: one line, the stage itself, at its price.
    if out.is_empty() {
        out.push(WorkLine {
            code: String::new(),
            title: stage.title.clone(),
            hours: Decimal::ZERO,
            rate: Decimal::ZERO,
        });
    }
    out
}

/// A priced line of an акт or счёт: `price` × `quantity` is `amount`, to the kopeck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BilledLine {
    pub code: String,
    pub title: String,
    /// Hours at an hourly rate; otherwise one service (`quantity` 1) at its amount.
    pub per_hour: bool,
    pub quantity: Decimal,
    pub price: Money,
    pub amount: Money,
}

/// The lines of a stage charged at `price`. When the price is what the linked estimate
/// items add up to and every rate is whole kopecks, each line is its hours × rate; when
/// the price was edited (or a rate has more decimals than kopecks), each line is one
/// service at its share of the price ([`allocate`]) — so a printed price × quantity is
/// always the printed amount, and the lines always add up to the stage's price.
pub fn stage_lines(price: Money, work: &[WorkLine]) -> Result<Vec<BilledLine>, MoneyError> {
    let c = price.currency;
    let amounts = work
        .iter()
        .map(|w| Money::product(w.rate, w.hours, c))
        .collect::<Result<Vec<_>, _>>()?;
    let whole_kopecks = work
        .iter()
        .all(|w| crate::money::round_to_minor(w.rate) == w.rate);
    if whole_kopecks && Money::sum(c, &amounts)? == price {
        return Ok(work
            .iter()
            .zip(amounts)
            .map(|(w, amount)| BilledLine {
                code: w.code.clone(),
                title: w.title.clone(),
                per_hour: true,
                quantity: w.hours,
                price: Money::new(w.rate, c),
                amount,
            })
            .collect());
    }
    Ok(work
        .iter()
        .zip(allocate(price, &amounts)?)
        .map(|(w, amount)| BilledLine {
            code: w.code.clone(),
            title: w.title.clone(),
            per_hour: false,
            quantity: Decimal::ONE,
            price: amount,
            amount,
        })
        .collect())
}

// ---- payments ------------------------------------------------------------------------

/// A payment received against a счёт.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Payment {
    pub id: i64,
    /// ISO date the money arrived.
    pub paid_on: String,
    pub amount: Money,
    /// "30 000,00 ₽" / "RUB 30,000.00"
    pub amount_text: Text,
}

/// A счёт with what it charges and what has been paid against it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoicePayments {
    /// The register entry of the счёт.
    pub document_id: i64,
    pub total: Money,
    pub paid: Money,
    pub total_text: Text,
    pub paid_text: Text,
    pub payments: Vec<Payment>,
    /// Paid in full: nothing more can be recorded against it.
    pub settled: bool,
}

/// What a project has earned, charged and received: the amounts of its stage акты,
/// of its счета, and of the payments against them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Receivables {
    pub accepted: Money,
    pub invoiced: Money,
    pub paid: Money,
    pub accepted_text: Text,
    pub invoiced_text: Text,
    pub paid_text: Text,
    pub invoices: Vec<InvoicePayments>,
    /// Stages 1..=this are accepted: their акт and счёт may be issued.
    pub accepted_stages: u32,
    /// The final акт may be issued now (3.3).
    pub final_act_allowed: bool,
}

fn both(m: &Money) -> Text {
    Text::new(m.format(Lang::Ru), m.format(Lang::En))
}

/// A payment with its amount in words.
pub fn payment(id: i64, paid_on: String, amount: Money) -> Payment {
    Payment {
        id,
        paid_on,
        amount_text: both(&amount),
        amount,
    }
}

/// A счёт of `total` with its `payments`, the paid sum added up.
pub fn invoice_payments(
    document_id: i64,
    total: Money,
    payments: Vec<Payment>,
) -> Result<InvoicePayments, MoneyError> {
    let paid = Money::sum(total.currency, payments.iter().map(|p| &p.amount))?;
    Ok(InvoicePayments {
        settled: paid.amount() >= total.amount(),
        document_id,
        total_text: both(&total),
        paid_text: both(&paid),
        total,
        paid,
        payments,
    })
}

/// The project's amounts: `acts` are the totals of its stage акты.
pub fn receivables(
    state: &crate::lifecycle::ProjectState,
    currency: Currency,
    acts: &[Money],
    invoices: Vec<InvoicePayments>,
) -> Result<Receivables, MoneyError> {
    let accepted = Money::sum(currency, acts)?;
    let invoiced = Money::sum(currency, invoices.iter().map(|i| &i.total))?;
    let paid = Money::sum(currency, invoices.iter().map(|i| &i.paid))?;
    Ok(Receivables {
        accepted_text: both(&accepted),
        invoiced_text: both(&invoiced),
        paid_text: both(&paid),
        accepted,
        invoiced,
        paid,
        invoices,
        accepted_stages: crate::development::accepted_stages(state),
        final_act_allowed: crate::issue::check_billing(None, state).is_ok(),
    })
}

/// May `amount`, received on `paid_on`, be recorded against the счёт `invoice`: a
/// real date, more than zero, and no more than what is still unpaid — part payments
/// add up, an overpayment is refused naming what is left to pay.
pub fn check_payment(
    invoice: &InvoicePayments,
    number: &str,
    paid_on: &str,
    amount: Money,
) -> Result<(), Refusal> {
    if crate::development::parse_date(paid_on).is_none() {
        return Err(Refusal::new(
            "payment_date",
            "Укажите дату оплаты (ГГГГ-ММ-ДД).",
            "Enter the payment date (YYYY-MM-DD).",
        ));
    }
    if amount.amount() <= Decimal::ZERO {
        return Err(Refusal::new(
            "payment_not_positive",
            "Сумма оплаты должна быть больше нуля.",
            "The amount paid must be more than zero.",
        ));
    }
    let left = Money::new(
        invoice.total.amount() - invoice.paid.amount(),
        invoice.total.currency,
    );
    if amount.currency != invoice.total.currency || amount.amount() > left.amount() {
        return Err(Refusal::new(
            "overpayment",
            format!(
                "По счёту № {number} осталось оплатить {}: сумма {} больше. Проверьте сумму — переплата не записывается.",
                left.format(Lang::Ru),
                amount.format(Lang::Ru)
            ),
            format!(
                "Invoice No. {number} has {} left to pay: {} is more. Check the amount — an overpayment is not recorded.",
                left.format(Lang::En),
                amount.format(Lang::En)
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stage without requirements printed an акт with no lines and 0,00 ₽ although
    /// its price was 200 000 ₽ (found by the full walk through the window).
    #[test]
    fn a_stage_without_requirements_is_billed_as_one_line_at_its_price() {
        let price = Money::parse("200000", Currency::Rub).unwrap();
        let stage = crate::development::PlannedStage {
            title: "Обучение и сопровождение запуска".into(),
            price: Some(price),
            ..Default::default()
        };
        let estimate = crate::estimate::Estimate {
            id: 1,
            version: 1,
            round: 1,
            estimated_by: crate::estimate::Estimator::Manager,
            discount_percent: Decimal::ZERO,
            vat: crate::money::VatMode::Rate {
                percent: Decimal::from(20),
            },
            currency: Currency::Rub,
            items: Vec::new(),
        };
        let work = work_lines(&stage, &crate::spec::SpecContent::default(), &estimate);
        let lines = stage_lines(price, &work).unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].title, "Обучение и сопровождение запуска");
        assert_eq!(lines[0].amount, price);
    }

    #[test]
    fn part_payments_add_up_and_an_overpayment_is_refused_naming_what_is_left() {
        let rub = |s: &str| Money::parse(s, Currency::Rub).unwrap();
        let inv = invoice_payments(
            7,
            rub("30000"),
            vec![payment(1, "2026-12-01".into(), rub("10000"))],
        )
        .unwrap();
        assert_eq!(inv.paid, rub("10000"));
        assert!(!inv.settled);
        let full = invoice_payments(
            8,
            rub("30000"),
            vec![
                payment(1, "2026-12-01".into(), rub("10000")),
                payment(2, "2026-12-02".into(), rub("20000.00")),
            ],
        )
        .unwrap();
        assert!(full.settled, "30 000 paid of 30 000");
        assert!(check_payment(&inv, "С-2026-001", "2026-12-05", rub("20000")).is_ok());
        let r = check_payment(&inv, "С-2026-001", "2026-12-05", rub("20000.01")).unwrap_err();
        assert_eq!(r.code, "overpayment");
        assert!(
            r.message.ru.contains("осталось оплатить 20\u{a0}000,00"),
            "{}",
            r.message.ru
        );
        assert_eq!(
            check_payment(&inv, "С-1", "2026-12-05", rub("0"))
                .unwrap_err()
                .code,
            "payment_not_positive"
        );
        assert_eq!(
            check_payment(&inv, "С-1", "вчера", rub("1"))
                .unwrap_err()
                .code,
            "payment_date"
        );
        let r = receivables(
            &crate::lifecycle::ProjectState::initial(),
            Currency::Rub,
            &[rub("30000"), rub("5000")],
            vec![inv],
        )
        .unwrap();
        assert_eq!(
            (r.accepted, r.invoiced, r.paid),
            (rub("35000"), rub("30000"), rub("10000"))
        );
    }

    fn rub(s: &str) -> Money {
        Money::parse(s, Currency::Rub).unwrap()
    }

    #[test]
    fn an_edited_price_is_spread_in_proportion_and_adds_up_to_the_kopeck() {
        let lines = allocate(rub("100000"), &[rub("10000"), rub("10000"), rub("10000")]).unwrap();
        assert_eq!(
            lines,
            vec![rub("33333.34"), rub("33333.33"), rub("33333.33")]
        );
        let lines = allocate(rub("150000"), &[rub("50000"), rub("150000")]).unwrap();
        assert_eq!(lines, vec![rub("37500"), rub("112500")]);
        // The price as the items add it up: the lines are the items.
        let items = [rub("224000"), rub("420000"), rub("127750")];
        assert_eq!(allocate(rub("771750"), &items).unwrap(), items.to_vec());
    }

    fn work(code: &str, hours: i64, rate: &str) -> WorkLine {
        WorkLine {
            code: code.into(),
            title: format!("Работы по {code}"),
            hours: Decimal::from(hours),
            rate: rate.parse().unwrap(),
        }
    }

    #[test]
    fn stage_lines_are_hours_at_the_rate_or_services_at_their_share_of_an_edited_price() {
        let items = [work("ФТ-1", 64, "3500"), work("ФТ-2", 10, "2800")];
        // The price the items add up to: hours × rate.
        let lines = stage_lines(rub("252000"), &items).unwrap();
        assert!(lines.iter().all(|l| l.per_hour));
        assert_eq!(lines[0].quantity, Decimal::from(64));
        assert_eq!(lines[0].price, rub("3500"));
        assert_eq!(lines[1].amount, rub("28000"));
        // An edited price: one service each, price = amount, adding up to the price.
        let lines = stage_lines(rub("250000"), &items).unwrap();
        assert!(lines
            .iter()
            .all(|l| !l.per_hour && l.quantity == Decimal::ONE));
        assert!(lines.iter().all(|l| l.price == l.amount));
        let sum = Money::sum(Currency::Rub, lines.iter().map(|l| &l.amount)).unwrap();
        assert_eq!(sum, rub("250000"));
        assert_eq!(lines[0].amount, rub("222222.22"));
        // A rate finer than kopecks cannot be printed as a price that multiplies out.
        let fine = [work("ФТ-3", 10, "12345.678")];
        let lines = stage_lines(rub("123456.78"), &fine).unwrap();
        assert!(!lines[0].per_hour);
        assert_eq!(lines[0].amount, rub("123456.78"));
        // Requirements no estimate item prices share the price evenly.
        let bare = [work("ФТ-4", 0, "0"), work("ФТ-5", 0, "0")];
        let lines = stage_lines(rub("100"), &bare).unwrap();
        assert_eq!((lines[0].amount, lines[1].amount), (rub("50"), rub("50")));
    }

    #[test]
    fn nothing_priced_spreads_evenly_and_nothing_listed_gives_no_lines() {
        let lines = allocate(rub("0.05"), &[Money::zero(Currency::Rub); 3]).unwrap();
        assert_eq!(lines, vec![rub("0.02"), rub("0.02"), rub("0.01")]);
        assert!(allocate(rub("1"), &[]).unwrap().is_empty());
        let usd = Money::parse("1", Currency::Usd).unwrap();
        assert!(allocate(rub("1"), &[usd]).is_err());
    }

    #[test]
    fn vat_is_charged_once_on_the_net_and_the_final_totals_add_the_stages_up() {
        let vat = VatMode::Rate {
            percent: Decimal::from(20),
        };
        let a = totals(Currency::Rub, &[rub("0.03"), rub("0.04")], &vat).unwrap();
        assert_eq!(
            (a.net, a.vat, a.gross),
            (rub("0.07"), rub("0.01"), rub("0.08"))
        );
        let b = totals(Currency::Rub, &[rub("0.07")], &vat).unwrap();
        let all = sum_totals(Currency::Rub, &[a, b]).unwrap();
        // 20 % of 0,14 would be 0,03; the stages charged 0,01 each.
        assert_eq!(
            (all.net, all.vat, all.gross),
            (rub("0.14"), rub("0.02"), rub("0.16"))
        );
        let exempt = VatMode::Exempt {
            reason: "УСН".into(),
        };
        let e = totals(Currency::Rub, &[rub("10")], &exempt).unwrap();
        assert_eq!((e.vat, e.gross), (Money::zero(Currency::Rub), rub("10")));
    }
}
