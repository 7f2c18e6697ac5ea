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

use crate::money::{Currency, Money, MoneyError, VatMode};

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

#[cfg(test)]
mod tests {
    use super::*;

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
