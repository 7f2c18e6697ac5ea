//! 2.1: the stage plan made from the approved ТЗ version — assignment of every
//! requirement, prices and shares, dates, plan edits, addenda — and which stages are
//! frozen.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::*;
use crate::estimate::{totals, Estimate};
use crate::lifecycle::{ProjectState, Refusal, Step};
use crate::money::{Currency, Money, MoneyError};
use crate::spec::{numbered, Requirement, SpecContent};
use crate::text::{Lang, Text};

/// One development stage as planned at 2.1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedStage {
    /// The stored row; 0 for a stage not stored yet (the new half of a split).
    pub id: i64,
    /// 1, 2, 3… in the order of the plan.
    pub number: u32,
    pub title: String,
    /// The modules or features the stage covers.
    pub features: Vec<String>,
    /// ISO dates; empty until set.
    pub planned_start: String,
    pub planned_end: String,
    /// IDs of the approved version's requirements the stage delivers (ТР-4.2.3).
    pub requirements: Vec<String>,
    /// The price set by hand; `None` takes [`default_price`].
    pub price: Option<Money>,
}

/// A requirement left out of every stage on purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Exclusion {
    pub requirement: String,
    pub reason: String,
}

/// The stage plan of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StagePlan {
    pub stages: Vec<PlannedStage>,
    pub excluded: Vec<Exclusion>,
}

/// Every requirement of a version by ID, in reading order of the sections.
pub fn requirements(content: &SpecContent) -> Vec<&Requirement> {
    numbered(&content.sections)
        .into_iter()
        .flat_map(|(_, s)| s.requirements.iter())
        .collect()
}

/// The estimate items (stable keys) the stage's requirements link to, each once.
fn linked_items(stage: &PlannedStage, content: &SpecContent) -> BTreeSet<i64> {
    requirements(content)
        .into_iter()
        .filter(|r| stage.requirements.contains(&r.id))
        .flat_map(|r| r.estimate_items.iter().copied())
        .collect()
}

/// The stage's price by default: the exact sum of the amounts of the estimate items
/// its requirements link to, each item counted once (two requirements priced in the
/// same work do not double it).
pub fn default_price(
    stage: &PlannedStage,
    content: &SpecContent,
    estimate: &Estimate,
) -> Result<Money, MoneyError> {
    let keys = linked_items(stage, content);
    let t = totals(estimate)?;
    let amounts: Vec<Money> = estimate
        .items
        .iter()
        .zip(&t.items)
        .filter(|(i, _)| keys.contains(&i64::from(i.key)))
        .map(|(_, it)| it.amount)
        .collect();
    Money::sum(estimate.currency, amounts.iter())
}

/// The stage's price: set by hand, or [`default_price`].
pub fn stage_price(
    stage: &PlannedStage,
    content: &SpecContent,
    estimate: &Estimate,
) -> Result<Money, MoneyError> {
    match stage.price {
        Some(p) => Ok(p),
        None => default_price(stage, content, estimate),
    }
}

/// The hours estimated for a stage: the expected hours of the estimate items its
/// requirements link to, each item once.
pub fn estimated_hours(
    stage: &PlannedStage,
    content: &SpecContent,
    estimate: &Estimate,
) -> Decimal {
    let keys = linked_items(stage, content);
    estimate
        .items
        .iter()
        .filter(|i| keys.contains(&i64::from(i.key)))
        .map(|i| i.hours.expected())
        .sum()
}

/// The planned dates of a stage: both given, real dates, the end not before the start.
pub fn check_stage_dates(start: &str, end: &str) -> Result<(), Refusal> {
    let s = required_date(start, ("дату начала этапа", "stage's start date"))?;
    let e = required_date(end, ("дату окончания этапа", "stage's end date"))?;
    if e < s {
        return Err(Refusal::new(
            "stage_dates",
            format!(
                "Окончание этапа ({}) раньше его начала ({}): поправьте одну из дат.",
                e.format("%d.%m.%Y"),
                s.format("%d.%m.%Y")
            ),
            format!(
                "The stage ends ({}) before it starts ({}): correct one of the dates.",
                e.format("%Y-%m-%d"),
                s.format("%Y-%m-%d")
            ),
        ));
    }
    Ok(())
}

/// How the stages' shares compare with the accepted offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Shares {
    /// The sum of every stage's price.
    pub sum: Money,
    /// The accepted offer's total.
    pub offer: Money,
    /// offer − sum: what is still to place (negative: placed too much).
    pub difference: Money,
}

/// Everything that keeps a plan from being confirmed, found at once so the screen can
/// show all of it; [`plan_refusal`] turns the first kind into the guard's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanCheck {
    /// `(stage number, why)` for missing, malformed or reversed dates.
    pub dates: Vec<(u32, Text)>,
    /// `(stage number, ID)` for IDs that are not in the approved version.
    pub unknown: Vec<(u32, String)>,
    /// Requirements placed more than once: the stage numbers (0 = excluded).
    pub twice: Vec<(String, Vec<u32>)>,
    /// Requirements of the version in no stage and not excluded.
    pub unassigned: Vec<String>,
    /// Excluded requirements without a reason.
    pub no_reason: Vec<String>,
    /// Each stage's price, in plan order (empty when it could not be computed).
    pub prices: Vec<Money>,
    /// `None` when there is no accepted offer to compare with.
    pub shares: Option<Shares>,
    /// A price in another currency than the offer, or too large to add.
    pub money_error: bool,
}

/// Checks a plan against the approved version, the estimate its prices come from,
/// and the accepted offer's total.
pub fn check_plan(
    plan: &StagePlan,
    content: &SpecContent,
    estimate: Option<&Estimate>,
    offer_total: Option<Money>,
) -> PlanCheck {
    let mut c = PlanCheck::default();
    for s in &plan.stages {
        if let Err(r) = check_stage_dates(&s.planned_start, &s.planned_end) {
            c.dates.push((s.number, r.message));
        }
    }
    let ids: Vec<String> = requirements(content)
        .into_iter()
        .map(|r| r.id.clone())
        .collect();
    let mut places: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for s in &plan.stages {
        for r in &s.requirements {
            if !ids.contains(r) {
                c.unknown.push((s.number, r.clone()));
            }
            places.entry(r).or_default().push(s.number);
        }
    }
    for x in &plan.excluded {
        places.entry(&x.requirement).or_default().push(0);
        if x.reason.trim().is_empty() {
            c.no_reason.push(x.requirement.clone());
        }
    }
    for id in &ids {
        match places.get(id.as_str()) {
            None => c.unassigned.push(id.clone()),
            Some(at) if at.len() > 1 => c.twice.push((id.clone(), at.clone())),
            Some(_) => {}
        }
    }
    let currency = offer_total
        .map(|o| o.currency)
        .or(estimate.map(|e| e.currency))
        .unwrap_or(Currency::Rub);
    let prices: Result<Vec<Money>, MoneyError> = plan
        .stages
        .iter()
        .map(|s| match (s.price, estimate) {
            (Some(p), _) => Ok(p),
            (None, Some(e)) => default_price(s, content, e),
            (None, None) => Ok(Money::zero(currency)),
        })
        .collect();
    match prices {
        Ok(p) => c.prices = p,
        Err(_) => c.money_error = true,
    }
    if let (Some(offer), false) = (offer_total, c.money_error) {
        match Money::sum(offer.currency, c.prices.iter()) {
            Ok(sum) => {
                c.shares = Some(Shares {
                    sum,
                    offer,
                    difference: Money::new(offer.amount() - sum.amount(), offer.currency),
                })
            }
            Err(_) => c.money_error = true,
        }
    }
    c
}

impl PlanCheck {
    /// Whether nothing keeps the plan from being confirmed.
    pub fn is_ok(&self) -> bool {
        plan_refusal(self).is_none()
    }
}

/// The guard of 2.1 → 2.2 over a checked plan: the first kind of problem, naming every
/// stage or requirement it concerns.
pub fn plan_refusal(c: &PlanCheck) -> Option<Refusal> {
    if !c.dates.is_empty() {
        // Each stage's reason as a clause of one sentence: "этап 2: укажите …; этап 3: …".
        let clause = |t: &str| {
            let t = t.trim().trim_end_matches('.');
            let mut cs = t.chars();
            cs.next()
                .map(|f| f.to_lowercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        };
        let join = |pick: fn(&Text) -> &str, word: &str| {
            c.dates
                .iter()
                .map(|(n, why)| format!("{word} {n}: {}", clause(pick(why))))
                .collect::<Vec<_>>()
                .join("; ")
        };
        return Some(Refusal::new(
            "stage_dates",
            format!("Даты этапов не в порядке — {}.", join(|t| &t.ru, "этап")),
            format!(
                "The stages' dates are not in order — {}.",
                join(|t| &t.en, "stage")
            ),
        ));
    }
    if !c.unknown.is_empty() {
        let l: Vec<String> = c
            .unknown
            .iter()
            .map(|(n, id)| format!("{id} ({n})"))
            .collect();
        return Some(Refusal::new(
            "requirement_unknown",
            format!(
                "В утверждённой версии ТЗ нет требований: {} — уберите их из этапов (в скобках номер этапа).",
                l.join(", ")
            ),
            format!(
                "The approved specification has no requirements {} — take them out of the stages (stage number in brackets).",
                l.join(", ")
            ),
        ));
    }
    if !c.twice.is_empty() {
        let l: Vec<String> = c
            .twice
            .iter()
            .map(|(id, at)| {
                let at: Vec<String> = at
                    .iter()
                    .map(|n| {
                        if *n == 0 {
                            "—".to_string()
                        } else {
                            n.to_string()
                        }
                    })
                    .collect();
                format!("{id} ({})", at.join(", "))
            })
            .collect();
        return Some(Refusal::new(
            "requirement_twice",
            format!(
                "Требование должно входить ровно в один этап: {} (в скобках этапы, «—» — исключено).",
                l.join("; ")
            ),
            format!(
                "A requirement belongs to exactly one stage: {} (stages in brackets, “—” is excluded).",
                l.join("; ")
            ),
        ));
    }
    if !c.unassigned.is_empty() {
        let l = c.unassigned.join(", ");
        return Some(Refusal::new(
            "requirements_unassigned",
            format!(
                "Требования не распределены по этапам: {l}. Включите каждое в этап или исключите с причиной."
            ),
            format!(
                "Requirements in no stage: {l}. Put each into a stage or exclude it with a reason."
            ),
        ));
    }
    if !c.no_reason.is_empty() {
        let l = c.no_reason.join(", ");
        return Some(Refusal::new(
            "exclusion_reason",
            format!("Укажите, почему исключены требования: {l}."),
            format!("Say why these requirements are excluded: {l}."),
        ));
    }
    if c.money_error {
        return Some(Refusal::new(
            "shares_currency",
            "Цены этапов не складываются: проверьте, что все они в валюте принятого предложения.",
            "The stages' prices cannot be added up: check they are all in the accepted offer's currency.",
        ));
    }
    if let Some(s) = &c.shares {
        if s.difference.amount() != Decimal::ZERO {
            let diff = Money::new(s.difference.amount().abs(), s.difference.currency);
            let (ru, en) = if s.difference.amount() > Decimal::ZERO {
                ("не хватает", "short by")
            } else {
                ("лишние", "over by")
            };
            return Some(Refusal::new(
                "shares_mismatch",
                format!(
                    "Сумма цен этапов {} не равна итогу принятого предложения {}: {ru} {}.",
                    s.sum.format(Lang::Ru),
                    s.offer.format(Lang::Ru),
                    diff.format(Lang::Ru)
                ),
                format!(
                    "The stages' prices add up to {}, the accepted offer's total is {}: {en} {}.",
                    s.sum.format(Lang::En),
                    s.offer.format(Lang::En),
                    diff.format(Lang::En)
                ),
            ));
        }
    }
    None
}

fn renumber(plan: &mut StagePlan) {
    for (i, s) in plan.stages.iter_mut().enumerate() {
        s.number = i as u32 + 1;
    }
}

fn frozen_refusal(number: u32) -> Refusal {
    Refusal::new(
        "stage_frozen",
        format!("Этап {number} принят, его код заморожен: изменить его нельзя."),
        format!("Stage {number} is accepted and its code frozen: it cannot be changed."),
    )
}

fn no_stage(number: u32) -> Refusal {
    Refusal::new(
        "stage_not_found",
        format!("В плане нет этапа {number}."),
        format!("The plan has no stage {number}."),
    )
}

/// Whether stage `number` may still change. Stages are accepted in order, so the
/// first [`accepted_stages`] of them are frozen; storage asks this before every write
/// to a stage and its records.
pub fn stage_editable(number: u32, state: &ProjectState) -> Result<(), Refusal> {
    if number >= 1 && number <= accepted_stages(state) {
        Err(frozen_refusal(number))
    } else {
        Ok(())
    }
}

/// How many stages the manager has accepted (and so frozen) in this state.
pub fn accepted_stages(state: &ProjectState) -> u32 {
    match state.step {
        s if s.is_stage_step() => state.stage.saturating_sub(1),
        Step::Deployment | Step::Switchover | Step::SupportHandover | Step::Closed => {
            state.stages_total
        }
        _ => 0,
    }
}

/// Whether the plan's shape (order, number of stages) may still change: only at 2.1.
/// Once confirmed, the lifecycle counts the stages and runs them in order, so a stage
/// moved or added later would no longer be the one the history speaks of.
pub fn plan_open(state: &ProjectState) -> Result<(), Refusal> {
    if state.step == Step::StagePlanning {
        return Ok(());
    }
    Err(Refusal::new(
        "plan_confirmed",
        "Порядок и число этапов меняются только на шаге 2.1 «Разбиение на этапы», до утверждения плана.",
        "The order and number of stages change only at step 2.1 “Splitting into stages”, before the plan is confirmed.",
    ))
}

/// Moves the stage at number `from` to number `to`; the stages are renumbered in
/// their new order. Only at 2.1 ([`plan_open`]).
pub fn reorder(
    plan: &StagePlan,
    from: u32,
    to: u32,
    state: &ProjectState,
) -> Result<StagePlan, Refusal> {
    plan_open(state)?;
    let n = plan.stages.len() as u32;
    for k in [from, to] {
        if k == 0 || k > n {
            return Err(no_stage(k));
        }
    }
    let mut p = plan.clone();
    let s = p.stages.remove(from as usize - 1);
    p.stages.insert(to as usize - 1, s);
    renumber(&mut p);
    Ok(p)
}

/// Gives stage `number` a new title (trimmed, not empty, not overlong).
pub fn rename(
    plan: &StagePlan,
    number: u32,
    title: &str,
    state: &ProjectState,
) -> Result<StagePlan, Refusal> {
    stage_editable(number, state)?;
    let title = crate::error::clean_name("stage_title", title).map_err(|e| Refusal {
        code: e.code(),
        message: e.message(),
    })?;
    let mut p = plan.clone();
    let s = p
        .stages
        .get_mut(number as usize - 1)
        .filter(|_| number >= 1)
        .ok_or_else(|| no_stage(number))?;
    s.title = title;
    Ok(p)
}

/// Splits stage `number`: the requirements in `moved` go to a new stage titled
/// `title` right after it, with the same dates and features. Both stages take their
/// default prices again, as a price set by hand was for the whole. Only at 2.1.
pub fn split(
    plan: &StagePlan,
    number: u32,
    moved: &[String],
    title: &str,
    state: &ProjectState,
) -> Result<StagePlan, Refusal> {
    plan_open(state)?;
    let title = crate::error::clean_name("stage_title", title).map_err(|e| Refusal {
        code: e.code(),
        message: e.message(),
    })?;
    if number == 0 || number as usize > plan.stages.len() {
        return Err(no_stage(number));
    }
    let mut p = plan.clone();
    let idx = number as usize - 1;
    let old = &mut p.stages[idx];
    let foreign: Vec<&String> = moved
        .iter()
        .filter(|r| !old.requirements.contains(r))
        .collect();
    if !foreign.is_empty() || moved.is_empty() || moved.len() == old.requirements.len() {
        return Err(Refusal::new(
            "split_invalid",
            format!(
                "Чтобы разделить этап {number}, выберите часть его требований (не все и не ни одного)."
            ),
            format!(
                "To split stage {number}, pick some of its requirements (not all, not none)."
            ),
        ));
    }
    old.requirements.retain(|r| !moved.contains(r));
    old.price = None;
    let new = PlannedStage {
        id: 0,
        number: 0,
        title,
        features: old.features.clone(),
        planned_start: old.planned_start.clone(),
        planned_end: old.planned_end.clone(),
        requirements: moved.to_vec(),
        price: None,
    };
    p.stages.insert(idx + 1, new);
    renumber(&mut p);
    Ok(p)
}

/// What a new approved version (an addendum) asks of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Addendum {
    /// New requirements: to place into a stage or exclude.
    pub added: Vec<String>,
    /// Changed requirements with the stage that holds them (`None`: excluded or
    /// nowhere) — to review, a changed text may change the price.
    pub changed: Vec<(String, Option<u32>)>,
    /// Requirements gone from the version, with the stage that still lists them.
    pub removed: Vec<(String, Option<u32>)>,
}

impl Addendum {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// The requirements an addendum added, changed or removed, and where they stand in
/// the plan. Requirements are compared by their stable ID across the whole document
/// (not section by section as [`crate::spec::diff`] does), so a requirement that only
/// moved to another section is not reported as removed and added.
pub fn addendum(plan: &StagePlan, old: &SpecContent, new: &SpecContent) -> Addendum {
    let by_id = |c: &SpecContent| -> BTreeMap<String, Requirement> {
        requirements(c)
            .into_iter()
            .map(|r| (r.id.clone(), r.clone()))
            .collect()
    };
    let (a, b) = (by_id(old), by_id(new));
    let stage_of = |id: &str| {
        plan.stages
            .iter()
            .find(|s| s.requirements.iter().any(|r| r == id))
            .map(|s| s.number)
    };
    let order: Vec<String> = requirements(new)
        .into_iter()
        .map(|r| r.id.clone())
        .collect();
    let mut d = Addendum::default();
    for id in &order {
        match a.get(id) {
            None => d.added.push(id.clone()),
            Some(before) if before != &b[id] => d.changed.push((id.clone(), stage_of(id))),
            Some(_) => {}
        }
    }
    for id in a.keys() {
        if !b.contains_key(id) {
            d.removed.push((id.clone(), stage_of(id)));
        }
    }
    d
}
