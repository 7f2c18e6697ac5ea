//! Estimates (1.3) and negotiation offers (1.4).
//!
//! Guarantees:
//! - every amount is exact decimal [`Money`], rounded only by
//!   [`crate::money::round_to_minor`]: an item's amount is rate × expected hours
//!   multiplied exactly and rounded once (a rate keeps all its decimals); the
//!   discount is rounded once; VAT is computed on the discounted net;
//!   the total is net + VAT. The UI, the database and the PDF all show these figures
//!   from [`totals`], so they cannot disagree;
//! - three-point hours give the PERT expectation (O + 4M + P) / 6, kept to 0.01 h.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::draft::{figure, FieldError};
use crate::money::{Currency, Money, MoneyError, VatMode};
use crate::party::FieldWarning;
use crate::text::{Lang, Text};

/// Who made the estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Estimator {
    #[default]
    Manager,
    /// Handed to the development team (1.3: "or hands it to the developers").
    Team,
}

impl Estimator {
    pub fn code(self) -> &'static str {
        match self {
            Estimator::Manager => "manager",
            Estimator::Team => "team",
        }
    }

    pub fn from_code(code: &str) -> Option<Estimator> {
        [Estimator::Manager, Estimator::Team]
            .into_iter()
            .find(|e| e.code() == code)
    }
}

/// Hours of one work item: a single figure or a three-point estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Hours {
    Single {
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        #[serde(deserialize_with = "crate::decimal::lenient")]
        hours: Decimal,
    },
    ThreePoint {
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        #[serde(deserialize_with = "crate::decimal::lenient")]
        optimistic: Decimal,
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        #[serde(deserialize_with = "crate::decimal::lenient")]
        likely: Decimal,
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        #[serde(deserialize_with = "crate::decimal::lenient")]
        pessimistic: Decimal,
    },
}

impl Default for Hours {
    fn default() -> Self {
        Hours::Single {
            hours: Decimal::ZERO,
        }
    }
}

impl Hours {
    /// The hours the amount is computed from: the figure itself, or the PERT
    /// expectation (O + 4M + P) / 6 rounded half-up to 0.01 h.
    pub fn expected(&self) -> Decimal {
        match self {
            Hours::Single { hours } => *hours,
            Hours::ThreePoint {
                optimistic,
                likely,
                pessimistic,
            } => ((*optimistic + *likely * Decimal::from(4) + *pessimistic) / Decimal::from(6))
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        }
    }

    fn check(&self, index: usize) -> Option<FieldWarning> {
        let negative = match self {
            Hours::Single { hours } => hours.is_sign_negative(),
            Hours::ThreePoint {
                optimistic,
                likely,
                pessimistic,
            } => {
                if optimistic > likely || likely > pessimistic {
                    return Some(item_warning(
                        index,
                        "hours",
                        "Оценки должны идти по возрастанию: оптимистичная ≤ вероятная ≤ пессимистичная.",
                        "Estimates must grow: optimistic ≤ likely ≤ pessimistic.",
                    ));
                }
                optimistic.is_sign_negative()
            }
        };
        negative.then(|| {
            item_warning(
                index,
                "hours",
                "Часы не могут быть отрицательными.",
                "Hours cannot be negative.",
            )
        })
    }
}

fn item_warning(index: usize, field: &'static str, ru: &str, en: &str) -> FieldWarning {
    FieldWarning {
        field,
        message: Text::new(
            format!("Работа №{}: {ru}", index + 1),
            format!("Item {}: {en}", index + 1),
        ),
    }
}

/// One line of an estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EstimateItem {
    pub id: i64,
    /// Stable across versions (a copy keeps it), so a requirement can point at the work
    /// that prices it; 0 for an item not saved yet.
    pub key: u32,
    pub title: String,
    /// Optional reference to a requirement of the future specification (ТР-4.2.3).
    pub requirement: String,
    pub hours: Hours,
    /// Price of one hour in the estimate's currency.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    #[serde(deserialize_with = "crate::decimal::lenient")]
    pub rate: Decimal,
}

/// One version of the estimate; a new negotiation round starts a new version copied
/// from the last one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Estimate {
    pub id: i64,
    /// Version number within the project, from 1.
    pub version: u32,
    /// Negotiation round it was made for.
    pub round: u32,
    pub estimated_by: Estimator,
    /// Discount in percent of the subtotal.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    #[serde(deserialize_with = "crate::decimal::lenient")]
    pub discount_percent: Decimal,
    pub vat: VatMode,
    pub currency: Currency,
    pub items: Vec<EstimateItem>,
}

/// The figures of one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemTotal {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub hours: Decimal,
    pub amount: Money,
    /// "12 000,00 ₽" / "RUB 12,000.00"
    pub amount_text: Text,
}

/// Every figure of an estimate, computed once here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EstimateTotals {
    pub items: Vec<ItemTotal>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub hours: Decimal,
    pub subtotal: Money,
    pub discount: Money,
    pub net: Money,
    pub vat: Money,
    pub total: Money,
    /// Formatted figures in both languages, for the UI and documents.
    pub subtotal_text: Text,
    pub discount_text: Text,
    pub net_text: Text,
    pub vat_text: Text,
    pub total_text: Text,
    /// "НДС 20 %" / "Без НДС"
    pub vat_label: Text,
}

fn both(m: &Money) -> Text {
    Text::new(m.format(Lang::Ru), m.format(Lang::En))
}

/// The estimate's figures. Errors only on amounts too large to represent.
pub fn totals(e: &Estimate) -> Result<EstimateTotals, MoneyError> {
    let items: Vec<ItemTotal> = e
        .items
        .iter()
        .map(|i| {
            let hours = i.hours.expected();
            let amount = Money::product(i.rate, hours, e.currency)?;
            Ok(ItemTotal {
                hours,
                amount_text: both(&amount),
                amount,
            })
        })
        .collect::<Result<_, MoneyError>>()?;
    let hours = items.iter().map(|i| i.hours).sum();
    let subtotal = Money::sum(e.currency, items.iter().map(|i| &i.amount))?;
    let discount = subtotal.times(e.discount_percent / Decimal::from(100))?;
    let net = Money::new(subtotal.amount() - discount.amount(), e.currency);
    let vat = e.vat.vat_on(net)?;
    let total = net.checked_add(vat)?;
    Ok(EstimateTotals {
        items,
        hours,
        subtotal_text: both(&subtotal),
        discount_text: both(&discount),
        net_text: both(&net),
        vat_text: both(&vat),
        total_text: both(&total),
        vat_label: Text::new(e.vat.label(Lang::Ru), e.vat.label(Lang::En)),
        subtotal,
        discount,
        net,
        vat,
        total,
    })
}

impl Estimate {
    /// Warnings that do not block saving: empty titles, negative figures, odd
    /// three-point order, a discount outside 0–100 %.
    pub fn check(&self) -> Vec<FieldWarning> {
        let mut w = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            if item.title.trim().is_empty() {
                w.push(item_warning(
                    i,
                    "title",
                    "укажите название работы.",
                    "give the work item a title.",
                ));
            }
            if let Some(h) = item.hours.check(i) {
                w.push(h);
            }
            if item.rate.is_sign_negative() {
                w.push(item_warning(
                    i,
                    "rate",
                    "ставка не может быть отрицательной.",
                    "the rate cannot be negative.",
                ));
            }
        }
        if self.discount_percent.is_sign_negative() || self.discount_percent > Decimal::from(100) {
            w.push(FieldWarning {
                field: "discount_percent",
                message: Text::new(
                    "Скидка должна быть от 0 до 100 %.",
                    "The discount must be between 0 and 100%.",
                ),
            });
        }
        if let VatMode::Exempt { reason } = &self.vat {
            if reason.trim().is_empty() {
                w.push(FieldWarning {
                    field: "vat",
                    message: Text::new(
                        "Укажите основание «Без НДС» — оно печатается в документах.",
                        "Give the reason for “No VAT” — documents print it.",
                    ),
                });
            }
        }
        w
    }
}

/// The estimate as the form holds it: every figure as typed, so one that is not a
/// number does not stop the rest from being saved (see [`crate::draft`]). It has the
/// shape of [`Estimate`]; fields the core owns (version, round, item ids) are not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EstimateDraft {
    pub id: i64,
    pub estimated_by: Estimator,
    pub discount_percent: String,
    pub vat: VatDraft,
    pub currency: Currency,
    pub items: Vec<ItemDraft>,
}

/// [`VatMode`] as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VatDraft {
    Rate { percent: String },
    Exempt { reason: String },
}

impl VatDraft {
    /// The mode as a form would hold it.
    pub fn of(vat: &VatMode) -> VatDraft {
        match vat {
            VatMode::Rate { percent } => VatDraft::Rate {
                percent: percent.to_string(),
            },
            VatMode::Exempt { reason } => VatDraft::Exempt {
                reason: reason.clone(),
            },
        }
    }
}

/// [`EstimateItem`] as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemDraft {
    /// The item's stable key; 0 for an item not saved yet.
    pub key: u32,
    pub title: String,
    pub requirement: String,
    pub hours: HoursDraft,
    pub rate: String,
}

/// [`Hours`] as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HoursDraft {
    Single {
        hours: String,
    },
    ThreePoint {
        optimistic: String,
        likely: String,
        pessimistic: String,
    },
}

impl Estimate {
    /// The estimate as a form would hold it (figures written out).
    pub fn draft(&self) -> EstimateDraft {
        EstimateDraft {
            id: self.id,
            estimated_by: self.estimated_by,
            discount_percent: self.discount_percent.to_string(),
            vat: VatDraft::of(&self.vat),
            currency: self.currency,
            items: self
                .items
                .iter()
                .map(|i| ItemDraft {
                    key: i.key,
                    title: i.title.clone(),
                    requirement: i.requirement.clone(),
                    hours: match &i.hours {
                        Hours::Single { hours } => HoursDraft::Single {
                            hours: hours.to_string(),
                        },
                        Hours::ThreePoint {
                            optimistic,
                            likely,
                            pessimistic,
                        } => HoursDraft::ThreePoint {
                            optimistic: optimistic.to_string(),
                            likely: likely.to_string(),
                            pessimistic: pessimistic.to_string(),
                        },
                    },
                    rate: i.rate.to_string(),
                })
                .collect(),
        }
    }
}

impl EstimateDraft {
    /// The estimate to store: every figure that reads as a number is taken; one that
    /// does not keeps the value `stored` had for it (the same item by key, zero for a
    /// new item) and comes back as a [`FieldError`]. A rate so large that the item's
    /// amount cannot be computed is refused the same way.
    pub fn read(&self, stored: &Estimate) -> (Estimate, Vec<FieldError>) {
        let mut errors = Vec::new();
        let discount_percent = figure(
            &self.discount_percent,
            stored.discount_percent,
            None,
            "discount_percent",
            ("Скидка, %", "Discount, %"),
            &mut errors,
        );
        let vat = match &self.vat {
            VatDraft::Exempt { reason } => VatMode::Exempt {
                reason: reason.clone(),
            },
            VatDraft::Rate { percent } => {
                let was = match stored.vat {
                    VatMode::Rate { percent } => percent,
                    VatMode::Exempt { .. } => Decimal::ZERO,
                };
                VatMode::Rate {
                    percent: figure(
                        percent,
                        was,
                        None,
                        "vat_percent",
                        ("НДС, %", "VAT, %"),
                        &mut errors,
                    ),
                }
            }
        };
        let items = self
            .items
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let row = Some(i as u32);
                let before = stored.items.iter().find(|s| d.key != 0 && s.key == d.key);
                let old = |pick: fn(&Hours) -> Option<Decimal>| {
                    before.and_then(|b| pick(&b.hours)).unwrap_or_default()
                };
                let mut hour =
                    |text: &str, was: Decimal, field: &'static str, label: (&str, &str)| {
                        figure(text, was, row, field, label, &mut errors)
                    };
                let hours = match &d.hours {
                    HoursDraft::Single { hours } => Hours::Single {
                        hours: hour(
                            hours,
                            old(|h| Some(h.expected())),
                            "hours",
                            ("Часы", "Hours"),
                        ),
                    },
                    HoursDraft::ThreePoint {
                        optimistic,
                        likely,
                        pessimistic,
                    } => Hours::ThreePoint {
                        optimistic: hour(
                            optimistic,
                            old(|h| match h {
                                Hours::ThreePoint { optimistic, .. } => Some(*optimistic),
                                Hours::Single { hours } => Some(*hours),
                            }),
                            "optimistic",
                            ("Оптимистично", "Optimistic"),
                        ),
                        likely: hour(
                            likely,
                            old(|h| match h {
                                Hours::ThreePoint { likely, .. } => Some(*likely),
                                Hours::Single { hours } => Some(*hours),
                            }),
                            "likely",
                            ("Вероятно", "Likely"),
                        ),
                        pessimistic: hour(
                            pessimistic,
                            old(|h| match h {
                                Hours::ThreePoint { pessimistic, .. } => Some(*pessimistic),
                                Hours::Single { hours } => Some(*hours),
                            }),
                            "pessimistic",
                            ("Пессимистично", "Pessimistic"),
                        ),
                    },
                };
                let old_rate = before.map(|b| b.rate).unwrap_or_default();
                let mut rate = figure(
                    &d.rate,
                    old_rate,
                    row,
                    "rate",
                    ("Ставка", "Rate"),
                    &mut errors,
                );
                if Money::new(rate, stored.currency)
                    .times(hours.expected())
                    .is_err()
                {
                    errors.push(FieldError {
                        row,
                        field: "rate",
                        message: Text::new(
                            format!(
                                "Работа №{}: сумма по ставке «{}» слишком велика. Поле не \
                                 сохранено, исправьте его.",
                                i + 1,
                                d.rate.trim()
                            ),
                            format!(
                                "Item {}: the amount at the rate “{}” is too large. This \
                                 field is not saved; correct it.",
                                i + 1,
                                d.rate.trim()
                            ),
                        ),
                    });
                    rate = if Money::new(old_rate, stored.currency)
                        .times(hours.expected())
                        .is_ok()
                    {
                        old_rate
                    } else {
                        Decimal::ZERO
                    };
                }
                EstimateItem {
                    id: before.map_or(0, |b| b.id),
                    key: d.key,
                    title: d.title.clone(),
                    requirement: d.requirement.clone(),
                    hours,
                    rate,
                }
            })
            .collect();
        let estimate = Estimate {
            id: stored.id,
            version: stored.version,
            round: stored.round,
            estimated_by: self.estimated_by,
            discount_percent,
            vat,
            currency: self.currency,
            items,
        };
        (estimate, errors)
    }
}

/// The client's answer to an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OfferAnswer {
    Pending,
    Accepted,
    Refused,
    /// The client named another price or deadline; that became the next offer.
    Countered,
}

impl OfferAnswer {
    pub fn code(self) -> &'static str {
        match self {
            OfferAnswer::Pending => "pending",
            OfferAnswer::Accepted => "accepted",
            OfferAnswer::Refused => "refused",
            OfferAnswer::Countered => "countered",
        }
    }

    pub fn from_code(code: &str) -> Option<OfferAnswer> {
        [
            OfferAnswer::Pending,
            OfferAnswer::Accepted,
            OfferAnswer::Refused,
            OfferAnswer::Countered,
        ]
        .into_iter()
        .find(|a| a.code() == code)
    }
}

/// An offer made to the client at 1.4.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Offer {
    pub id: i64,
    pub round: u32,
    pub estimate_id: i64,
    pub estimate_version: u32,
    pub price: Money,
    /// ISO date the work would be done by; empty when not set yet.
    pub deadline: String,
    /// ISO date until which the offer stands.
    pub valid_until: String,
    pub answer: OfferAnswer,
    /// Why the client refused, or what they said with a counter-offer.
    pub reason: String,
    pub created_at: String,
    /// "480 000,00 ₽" / "RUB 480,000.00"
    pub price_text: Text,
}

/// What the offer fields the user edits look like, as of `today`.
pub fn check_offer(
    deadline: &str,
    valid_until: &str,
    today: chrono::NaiveDate,
) -> Vec<FieldWarning> {
    [
        crate::preparation::check_date("deadline", deadline, today),
        crate::preparation::check_date("valid_until", valid_until, today),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// An estimate version with its figures and warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EstimateView {
    pub estimate: Estimate,
    pub totals: EstimateTotals,
    pub warnings: Vec<FieldWarning>,
}

/// What step 1.3 shows: the current version (editable at 1.3 only) and all versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EstimateCard {
    pub current: Option<EstimateView>,
    /// The provider's hourly rate: new items start with it.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub default_rate: Decimal,
    pub editable: bool,
    pub versions: Vec<EstimateView>,
    /// What the last save could not keep (figures that are not numbers); empty when
    /// the card is only read.
    pub refused: Vec<FieldError>,
}

/// What step 1.4 shows: every offer of every round, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Negotiation {
    pub offers: Vec<Offer>,
    /// The offer awaiting the client's answer, if any.
    pub pending: Option<i64>,
    pub warnings: Vec<FieldWarning>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn item(title: &str, hours: Hours, rate: &str) -> EstimateItem {
        EstimateItem {
            id: 0,
            key: 0,
            title: title.into(),
            requirement: String::new(),
            hours,
            rate: d(rate),
        }
    }

    #[test]
    fn pert_expectation_is_kept_to_a_hundredth_of_an_hour() {
        let h = Hours::ThreePoint {
            optimistic: d("2"),
            likely: d("4"),
            pessimistic: d("9"),
        };
        // (2 + 16 + 9) / 6 = 4.5
        assert_eq!(h.expected(), d("4.5"));
        let h = Hours::ThreePoint {
            optimistic: d("1"),
            likely: d("1"),
            pessimistic: d("2"),
        };
        // 7 / 6 = 1.1666… → 1.17
        assert_eq!(h.expected(), d("1.17"));
    }

    #[test]
    fn totals_round_once_per_figure_and_add_vat_on_the_discounted_net() {
        let e = Estimate {
            id: 1,
            version: 1,
            round: 1,
            estimated_by: Estimator::Manager,
            discount_percent: d("5"),
            vat: VatMode::Rate { percent: d("20") },
            currency: Currency::Rub,
            items: vec![
                item("Дизайн", Hours::Single { hours: d("10") }, "2500"),
                item(
                    "Бэкенд",
                    Hours::ThreePoint {
                        optimistic: d("1"),
                        likely: d("1"),
                        pessimistic: d("2"),
                    },
                    "3333.33",
                ),
            ],
        };
        let t = totals(&e).unwrap();
        // 3333.33 × 1.17 = 3899.9961 → 3900.00
        assert_eq!(t.items[1].amount.amount(), d("3900.00"));
        assert_eq!(t.subtotal.amount(), d("28900.00"));
        assert_eq!(t.discount.amount(), d("1445.00"));
        assert_eq!(t.net.amount(), d("27455.00"));
        assert_eq!(t.vat.amount(), d("5491.00"));
        assert_eq!(t.total.amount(), d("32946.00"));
        assert_eq!(t.total_text.ru, "32\u{a0}946,00\u{a0}₽");
        assert_eq!(t.hours, d("11.17"));
    }

    /// Issue 9: the rate was rounded to kopecks before it was multiplied.
    #[test]
    fn a_rate_with_more_than_two_decimals_is_multiplied_exactly_then_rounded_once() {
        let e = |rate: &str| Estimate {
            id: 1,
            version: 1,
            round: 1,
            estimated_by: Estimator::Manager,
            discount_percent: d("0"),
            vat: VatMode::Exempt {
                reason: "УСН".into(),
            },
            currency: Currency::Rub,
            items: vec![item("Работа", Hours::Single { hours: d("10") }, rate)],
        };
        let t = totals(&e("12345.678")).unwrap();
        assert_eq!(t.items[0].amount.amount(), d("123456.78"));
        assert_eq!(t.total_text.ru, "123\u{a0}456,78\u{a0}₽");
        let t = totals(&e("0.001")).unwrap();
        assert_eq!(t.items[0].amount.amount(), d("0.01"));
        assert_eq!(t.total.amount(), d("0.01"));
    }

    /// Issue 9: «1e309» in one item's hours held back a title edit in another item
    /// while the window said «Сохранено». Every valid field is kept; the bad one keeps
    /// its stored value and is named.
    #[test]
    fn a_figure_that_is_not_a_number_does_not_hold_back_the_rest() {
        let stored = Estimate {
            id: 7,
            version: 2,
            round: 1,
            estimated_by: Estimator::Manager,
            discount_percent: d("0"),
            vat: VatMode::Rate { percent: d("20") },
            currency: Currency::Rub,
            items: vec![
                EstimateItem {
                    key: 1,
                    ..item("Дизайн", Hours::Single { hours: d("10") }, "2500")
                },
                EstimateItem {
                    key: 2,
                    ..item("Бэкенд", Hours::Single { hours: d("4") }, "3000")
                },
            ],
        };
        let draft = EstimateDraft {
            id: 7,
            estimated_by: Estimator::Team,
            discount_percent: "5".into(),
            vat: VatDraft::Rate {
                percent: "abc".into(),
            },
            currency: Currency::Rub,
            items: vec![
                ItemDraft {
                    key: 1,
                    title: "Дизайн".into(),
                    requirement: String::new(),
                    hours: HoursDraft::Single {
                        hours: "1e309".into(),
                    },
                    rate: "2 500".into(),
                },
                ItemDraft {
                    key: 2,
                    title: "Бэкенд и API".into(),
                    requirement: String::new(),
                    hours: HoursDraft::Single {
                        hours: "-30".into(),
                    },
                    rate: "9999999999999999999999999999".into(),
                },
                ItemDraft {
                    key: 0,
                    title: "Новая".into(),
                    requirement: String::new(),
                    hours: HoursDraft::ThreePoint {
                        optimistic: "1".into(),
                        likely: "x".into(),
                        pessimistic: "3,5".into(),
                    },
                    rate: "".into(),
                },
            ],
        };
        let (e, errors) = draft.read(&stored);
        assert_eq!((e.id, e.version, e.estimated_by), (7, 2, Estimator::Team));
        assert_eq!(e.discount_percent, d("5"));
        assert_eq!(e.vat, VatMode::Rate { percent: d("20") });
        assert_eq!(e.items[0].hours, Hours::Single { hours: d("10") });
        assert_eq!(e.items[1].title, "Бэкенд и API");
        // A negative figure is a number: kept, and warned about by `check`.
        assert_eq!(e.items[1].hours, Hours::Single { hours: d("-30") });
        assert_eq!(e.items[1].rate, d("3000"));
        assert_eq!(
            e.items[2].hours,
            Hours::ThreePoint {
                optimistic: d("1"),
                likely: d("0"),
                pessimistic: d("3.5")
            }
        );
        let fields: Vec<(Option<u32>, &str)> = errors.iter().map(|f| (f.row, f.field)).collect();
        assert_eq!(
            fields,
            [
                (None, "vat_percent"),
                (Some(0), "hours"),
                (Some(1), "rate"),
                (Some(2), "likely")
            ]
        );
        assert!(totals(&e).is_ok());
    }

    #[test]
    fn exempt_estimates_need_a_reason_and_odd_figures_warn() {
        let e = Estimate {
            id: 1,
            version: 1,
            round: 1,
            estimated_by: Estimator::Team,
            discount_percent: d("120"),
            vat: VatMode::Exempt { reason: " ".into() },
            currency: Currency::Rub,
            items: vec![item(
                "",
                Hours::ThreePoint {
                    optimistic: d("5"),
                    likely: d("3"),
                    pessimistic: d("9"),
                },
                "-1",
            )],
        };
        let fields: Vec<&str> = e.check().iter().map(|w| w.field).collect();
        assert_eq!(
            fields,
            ["title", "hours", "rate", "discount_percent", "vat"]
        );
        assert_eq!(totals(&e).unwrap().vat.amount(), Decimal::ZERO);
    }
}
