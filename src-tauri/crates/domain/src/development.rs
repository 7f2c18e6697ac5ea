//! Development, 2.1–2.6: the stage plan made from the approved ТЗ version, the
//! environment checklist, the work log, bugs, DevOps adjustments and the acceptance
//! of a stage with its code frozen.
//!
//! This module owns these rules; [`crate::lifecycle`]'s guards ask it and storage asks
//! it before it writes. It does no I/O.
//!
//! Guarantees:
//! - every requirement of the approved version is in exactly one stage or excluded
//!   with a reason before the plan can be confirmed ([`check_plan`]);
//! - a stage's price is by default the exact sum of the estimate items its
//!   requirements link to (each item once), and the stages' shares must add up to the
//!   accepted offer's total to the kopeck ([`PlanCheck::shares`]);
//! - a stage accepted at 2.6 is frozen: [`stage_editable`] is the one answer to
//!   "may this stage still change";
//! - nothing that looks like a secret is kept in the environment checklist
//!   ([`looks_like_secret`]): an item records only where a secret lives;
//! - every refusal names what is missing, in Russian and English.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::entity::HistoryEntry;
use crate::estimate::{totals, Estimate};
use crate::lifecycle::{effect, Action, ProjectState, Refusal, Step};
use crate::money::{Currency, Money, MoneyError};
use crate::preparation::TeamMember;
use crate::spec::{numbered, Requirement, SpecContent};
use crate::text::{Lang, Text};

// ---- shared small rules ------------------------------------------------------------

/// "a, b, c" of the items' texts in each language.
fn list(items: &[Text]) -> Text {
    let join = |pick: fn(&Text) -> &str| items.iter().map(pick).collect::<Vec<_>>().join(", ");
    Text::new(join(|t| &t.ru), join(|t| &t.en))
}

fn same(s: &str) -> Text {
    Text::new(s, s)
}

/// Parses an ISO date (YYYY-MM-DD) a user typed.
pub fn parse_date(value: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

/// A required date: present and a real calendar date.
fn required_date(value: &str, what: (&str, &str)) -> Result<chrono::NaiveDate, Refusal> {
    if value.trim().is_empty() {
        return Err(Refusal::new(
            "date_missing",
            format!("Укажите {}.", what.0),
            format!("Give the {}.", what.1),
        ));
    }
    parse_date(value).ok_or_else(|| {
        Refusal::new(
            "date_invalid",
            format!(
                "«{}» — не дата: {} пишется как ГГГГ-ММ-ДД.",
                value.trim(),
                what.0
            ),
            format!(
                "“{}” is not a date: write the {} as YYYY-MM-DD.",
                value.trim(),
                what.1
            ),
        )
    })
}

// ---- code references ---------------------------------------------------------------

/// What an accepted stage's code is frozen at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum CodeRef {
    /// A commit hash, 7–40 hexadecimal digits, kept in lower case.
    Commit(String),
    /// A tag name valid for git (`git check-ref-format`).
    Tag(String),
}

impl CodeRef {
    pub fn as_str(&self) -> &str {
        match self {
            CodeRef::Commit(s) | CodeRef::Tag(s) => s,
        }
    }
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit())
}

/// Why `name` is not a name git accepts for a tag or a branch, or `None`. The rules
/// are git's `check-ref-format` (gitoxide's implementation); a leading `-` is refused
/// too, as `git tag`/`git checkout` would read it as an option.
fn ref_name_problem(name: &str) -> Option<Text> {
    if name.starts_with('-') {
        return Some(Text::new(
            "имя не может начинаться с «-»",
            "the name cannot start with “-”",
        ));
    }
    use gix_validate::reference::name::Error as E;
    let err = gix_validate::reference::name_partial(name.into()).err()?;
    Some(match err {
        E::InvalidByte { .. } => Text::new(
            "в имени не может быть пробелов и символов ~ ^ : ? [ \\ и управляющих",
            "the name cannot hold spaces, control characters or any of ~ ^ : ? [ \\",
        ),
        E::Asterisk => Text::new("в имени не может быть «*»", "the name cannot hold “*”"),
        E::RepeatedDot => Text::new("в имени не может быть «..»", "the name cannot hold “..”"),
        E::ReflogPortion => Text::new("в имени не может быть «@{»", "the name cannot hold “@{”"),
        E::LockFileSuffix => Text::new(
            "имя не может оканчиваться на «.lock»",
            "the name cannot end with “.lock”",
        ),
        E::StartsWithDot | E::EndsWithDot => Text::new(
            "имя и его части не могут начинаться или оканчиваться точкой",
            "the name and its parts cannot start or end with a dot",
        ),
        E::StartsWithSlash | E::EndsWithSlash | E::RepeatedSlash => Text::new(
            "«/» не может стоять в начале, в конце или дважды подряд",
            "“/” cannot come first, last or twice in a row",
        ),
        _ => Text::new("git не примет такое имя", "git does not accept this name"),
    })
}

/// Reads the code reference an accepted stage is frozen at: 7–40 hexadecimal digits
/// are a commit hash, anything else must be a tag name git accepts.
pub fn parse_code_ref(value: &str) -> Result<CodeRef, Refusal> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Refusal::new(
            "code_ref_missing",
            "Укажите, на чём заморожен код: тег или хеш коммита (7–40 шестнадцатеричных цифр).",
            "Say what the code is frozen at: a tag or a commit hash (7–40 hexadecimal digits).",
        ));
    }
    if is_hex(v) && (7..=40).contains(&v.len()) {
        return Ok(CodeRef::Commit(v.to_ascii_lowercase()));
    }
    // All hex and longer than a hash: a pasted hash with a digit too many, not a tag.
    if is_hex(v) && v.len() > 40 {
        return Err(Refusal::new(
            "code_ref_invalid",
            format!(
                "«{v}» длиннее хеша коммита: в нём {} цифр, а бывает от 7 до 40.",
                v.len()
            ),
            format!(
                "“{v}” is longer than a commit hash: it has {} digits, a hash has 7 to 40.",
                v.len()
            ),
        ));
    }
    match ref_name_problem(v) {
        None => Ok(CodeRef::Tag(v.to_string())),
        Some(why) => Err(Refusal::new(
            "code_ref_invalid",
            format!(
                "«{v}» — не хеш коммита (7–40 шестнадцатеричных цифр) и не тег: {}.",
                why.ru
            ),
            format!(
                "“{v}” is neither a commit hash (7–40 hexadecimal digits) nor a tag: {}.",
                why.en
            ),
        )),
    }
}

/// A branch or commit a work log entry points at (optional): a hash or a ref name.
pub fn check_branch_or_commit(value: &str) -> Result<(), Refusal> {
    let v = value.trim();
    if v.is_empty() || (is_hex(v) && (7..=40).contains(&v.len())) {
        return Ok(());
    }
    match ref_name_problem(v) {
        None => Ok(()),
        Some(why) => Err(Refusal::new(
            "ref_invalid",
            format!("«{v}» — не ветка и не коммит git: {}.", why.ru),
            format!("“{v}” is not a git branch or commit: {}.", why.en),
        )),
    }
}

// ---- 2.1 the stage plan ------------------------------------------------------------

/// One development stage as planned at 2.1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedStage {
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
        let lines: Vec<Text> = c
            .dates
            .iter()
            .map(|(n, why)| {
                Text::new(
                    format!("этап {n}: {}", why.ru),
                    format!("stage {n}: {}", why.en),
                )
            })
            .collect();
        let l = list(&lines);
        return Some(Refusal::new(
            "stage_dates",
            format!("Даты этапов не в порядке — {}", l.ru),
            format!("The stages' dates are not in order — {}", l.en),
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

/// Moves the stage at number `from` to number `to`; the stages are renumbered in
/// their new order. Accepted stages keep their place.
pub fn reorder(
    plan: &StagePlan,
    from: u32,
    to: u32,
    state: &ProjectState,
) -> Result<StagePlan, Refusal> {
    let n = plan.stages.len() as u32;
    for k in [from, to] {
        if k == 0 || k > n {
            return Err(no_stage(k));
        }
        stage_editable(k, state)?;
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
/// default prices again, as a price set by hand was for the whole.
pub fn split(
    plan: &StagePlan,
    number: u32,
    moved: &[String],
    title: &str,
    state: &ProjectState,
) -> Result<StagePlan, Refusal> {
    stage_editable(number, state)?;
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

// ---- 2.2 the environment -----------------------------------------------------------

/// Where a checklist item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    #[default]
    Todo,
    Done,
    NotNeeded,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 3] = [ItemStatus::Todo, ItemStatus::Done, ItemStatus::NotNeeded];

    pub fn code(self) -> &'static str {
        match self {
            ItemStatus::Todo => "todo",
            ItemStatus::Done => "done",
            ItemStatus::NotNeeded => "not_needed",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemStatus> {
        ItemStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the item no longer holds anything up.
    pub fn settled(self) -> bool {
        self != ItemStatus::Todo
    }
}

/// One line of a checklist (the environment at 2.2, the deployment plan at 3.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChecklistItem {
    pub id: i64,
    pub title: String,
    pub status: ItemStatus,
    /// The team member (of 1.6) responsible; `None` when nobody is named yet.
    pub owner: Option<i64>,
    pub note: String,
    /// Links or paths to where the thing is (a console, a repository, a runbook).
    pub links: Vec<String>,
    /// A credential item (accounts and access): `secret_location` says where the
    /// secret lives — a vault entry or a file path, never the secret itself.
    pub credential: bool,
    pub secret_location: String,
}

/// The seed's DevOps list (2.2): what every project's environment needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EnvArea {
    Infrastructure,
    Communication,
    Accounts,
    Platform,
    TestMachines,
    Repositories,
    Database,
    BackupVms,
    BackupDatabase,
    BackupCode,
}

impl EnvArea {
    pub const ALL: [EnvArea; 10] = [
        EnvArea::Infrastructure,
        EnvArea::Communication,
        EnvArea::Accounts,
        EnvArea::Platform,
        EnvArea::TestMachines,
        EnvArea::Repositories,
        EnvArea::Database,
        EnvArea::BackupVms,
        EnvArea::BackupDatabase,
        EnvArea::BackupCode,
    ];

    pub fn name(self) -> Text {
        let (ru, en) = match self {
            EnvArea::Infrastructure => (
                "Инфраструктура (облако или своя)",
                "Infrastructure (cloud or in-house)",
            ),
            EnvArea::Communication => ("Каналы связи команды", "Team communication channels"),
            EnvArea::Accounts => ("Учётные записи и доступы", "Accounts and access"),
            EnvArea::Platform => ("Платформа разработки", "Development platform"),
            EnvArea::TestMachines => (
                "Виртуальные машины и контейнеры для тестирования",
                "VMs and containers for testing",
            ),
            EnvArea::Repositories => ("Репозитории", "Repositories"),
            EnvArea::Database => ("База данных", "Database"),
            EnvArea::BackupVms => ("Резервное копирование ВМ", "Backups of VMs"),
            EnvArea::BackupDatabase => ("Резервное копирование БД", "Backups of the database"),
            EnvArea::BackupCode => ("Резервное копирование кода", "Backups of the code"),
        };
        Text::new(ru, en)
    }
}

/// The checklist a new project's environment starts with: the seed's list, with
/// accounts and access as one credential item per team member.
pub fn default_environment(team: &[TeamMember], lang: Lang) -> Vec<ChecklistItem> {
    let mut out = Vec::new();
    for area in EnvArea::ALL {
        if area == EnvArea::Accounts {
            for m in team {
                out.push(ChecklistItem {
                    title: format!("{}: {}", area.name().get(lang), m.name),
                    owner: team.iter().find(|t| t.devops).map(|t| t.id),
                    credential: true,
                    ..ChecklistItem::default()
                });
            }
            if !team.is_empty() {
                continue;
            }
        }
        out.push(ChecklistItem {
            title: area.name().get(lang).to_string(),
            owner: team.iter().find(|t| t.devops).map(|t| t.id),
            credential: area == EnvArea::Accounts,
            ..ChecklistItem::default()
        });
    }
    out
}

/// Words that, followed by `=` or a `:` with no space, introduce a secret's value
/// (`password=…`, `token:…` in .env files, connection strings, configs).
const SECRET_KEYS: [&str; 12] = [
    "password",
    "passwd",
    "pwd",
    "pass",
    "secret",
    "token",
    "api_key",
    "apikey",
    "access_key",
    "private_key",
    "пароль",
    "токен",
];

/// Prefixes of well-known credential formats: GitHub and GitLab tokens, Slack
/// tokens, AWS access key IDs, Google API keys, OpenAI-style keys.
const SECRET_PREFIXES: [&str; 10] = [
    "ghp_",
    "gho_",
    "ghs_",
    "github_pat_",
    "glpat-",
    "xoxb-",
    "xoxp-",
    "AKIA",
    "AIza",
    "sk-",
];

/// Bits of Shannon entropy per character of `s`.
fn entropy(s: &str) -> f64 {
    let mut counts: BTreeMap<char, usize> = BTreeMap::new();
    for c in s.chars() {
        *counts.entry(c).or_default() += 1;
    }
    let n = s.chars().count() as f64;
    counts
        .values()
        .map(|&k| {
            let p = k as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// The longest run of lower-case ASCII letters: words have long ones ("Project"),
/// generated keys rarely more than a few.
fn longest_lowercase_run(s: &str) -> usize {
    s.split(|c: char| !c.is_ascii_lowercase())
        .map(str::len)
        .max()
        .unwrap_or(0)
}

/// Whether `value` looks like a secret rather than a place where one lives.
///
/// The heuristic, from the cheapest sign to the vaguest; each catches a secret pasted
/// by mistake while a location ("vault: kv/prod/db", "~/.ssh/id_ed25519", "1Password,
/// запись «Prod DB»") passes:
/// 1. a private key in PEM (`-----BEGIN … PRIVATE KEY-----`) or a known credential
///    format by its prefix (`ghp_…`, `AKIA…`, `xoxb-…`);
/// 2. a URL with a password in it (`scheme://user:password@host`);
/// 3. an assignment to a secret-sounding key: `password=…`, `token:…` (a colon
///    directly followed by the value — "пароль: в KeePass" is a sentence, not a value);
/// 4. a JSON Web Token: three base64url parts joined by dots, starting with `eyJ`;
/// 5. a long random-looking word: 20+ characters of letters, digits and `+/=_-`, with
///    lower case, upper case and digits all present, over 3.5 bits of entropy per
///    character and no run of more than five lower-case letters — what generated
///    passwords and keys look like, and what paths and names made of words do not.
pub fn looks_like_secret(value: &str) -> bool {
    let v = value.trim();
    if v.contains("-----BEGIN") && v.contains("PRIVATE KEY") {
        return true;
    }
    for word in v.split_whitespace() {
        let w = word.trim_matches(|c: char| "\"'«»()[]{},;".contains(c));
        if SECRET_PREFIXES
            .iter()
            .any(|p| w.starts_with(p) && w.len() > p.len() + 8)
        {
            return true;
        }
        if let Some((_, rest)) = w.split_once("://") {
            if let Some((auth, _)) = rest.split_once('@') {
                if auth.split_once(':').is_some_and(|(_, pw)| !pw.is_empty()) {
                    return true;
                }
            }
        }
        let lower = w.to_lowercase();
        for key in SECRET_KEYS {
            for sep in ['=', ':'] {
                let pat = format!("{key}{sep}");
                if let Some(pos) = lower.find(&pat) {
                    let after = &lower[pos + pat.len()..];
                    // "pwd=" in a longer word ("cwd=") is not the key.
                    let starts_word = lower[..pos]
                        .chars()
                        .last()
                        .is_none_or(|c| !c.is_alphanumeric());
                    if starts_word && !after.is_empty() {
                        return true;
                    }
                }
            }
        }
        let parts: Vec<&str> = w.split('.').collect();
        if w.starts_with("eyJ") && parts.len() == 3 && parts.iter().all(|p| p.len() >= 4) {
            return true;
        }
        let charset = w
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+/=_-".contains(c));
        if charset
            && w.len() >= 20
            && w.chars().any(|c| c.is_ascii_lowercase())
            && w.chars().any(|c| c.is_ascii_uppercase())
            && w.chars().any(|c| c.is_ascii_digit())
            && entropy(w) > 3.5
            && longest_lowercase_run(w) <= 5
        {
            return true;
        }
    }
    false
}

/// Checks an item before it is stored: a title, an owner from the team, and no
/// text that looks like a secret (in any item: a note is as easily pasted into).
pub fn check_item(item: &ChecklistItem, team: &[TeamMember]) -> Result<(), Refusal> {
    if item.title.trim().is_empty() {
        return Err(Refusal::new(
            "item_title",
            "Назовите пункт списка.",
            "Give the checklist item a title.",
        ));
    }
    if let Some(o) = item.owner {
        if !team.iter().any(|m| m.id == o) {
            return Err(Refusal::new(
                "owner_unknown",
                "Ответственный должен быть из команды проекта (вкладка 1.6).",
                "The owner must be a member of the project's team (tab 1.6).",
            ));
        }
    }
    let fields = [
        (
            "место хранения секрета",
            "secret's location",
            &item.secret_location,
        ),
        ("примечание", "note", &item.note),
    ];
    for (ru, en, value) in fields {
        if looks_like_secret(value) {
            return Err(secret_refusal(ru, en));
        }
    }
    if item.links.iter().any(|l| looks_like_secret(l)) {
        return Err(secret_refusal("ссылки", "links"));
    }
    if item.credential && item.status == ItemStatus::Done && item.secret_location.trim().is_empty()
    {
        return Err(Refusal::new(
            "secret_location_missing",
            "Укажите, где хранится секрет (запись в хранилище паролей, путь к файлу) — сам секрет не вводите.",
            "Say where the secret lives (a password vault entry, a file path) — not the secret itself.",
        ));
    }
    Ok(())
}

fn secret_refusal(ru: &str, en: &str) -> Refusal {
    Refusal::new(
        "looks_like_secret",
        format!(
            "Поле «{ru}» похоже на сам пароль или ключ. Etap не хранит секреты: укажите только, где он лежит (запись в хранилище паролей, путь к файлу)."
        ),
        format!(
            "The {en} looks like a password or key itself. Etap keeps no secrets: say only where it lives (a password vault entry, a file path)."
        ),
    )
}

/// The guard of 2.2 → 2.3: every item done or not needed; names the rest.
pub fn environment_refusal(items: &[ChecklistItem]) -> Option<Refusal> {
    let open: Vec<Text> = items
        .iter()
        .filter(|i| !i.status.settled())
        .map(|i| same(&i.title))
        .collect();
    if open.is_empty() {
        return None;
    }
    let l = list(&open);
    Some(Refusal::new(
        "environment_incomplete",
        format!(
            "Среда не готова — не выполнены пункты: {}. Отметьте каждый как выполненный или ненужный.",
            l.ru
        ),
        format!(
            "The environment is not ready — items to do: {}. Mark each done or not needed.",
            l.en
        ),
    ))
}

// ---- 2.3 the work log --------------------------------------------------------------

/// One entry of a stage's work log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkEntry {
    pub id: i64,
    pub stage: u32,
    /// ISO date of the work.
    pub date: String,
    pub who: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub hours: Decimal,
    /// A branch or commit the work is in; may be empty.
    pub reference: String,
    pub note: String,
}

/// The most hours one entry may hold: a day. More is a typo or several days in one.
pub const MAX_HOURS_PER_ENTRY: u32 = 24;

/// Checks a work log entry before it is stored.
pub fn check_work_entry(e: &WorkEntry) -> Result<(), Refusal> {
    required_date(&e.date, ("дату работы", "date of the work"))?;
    if e.who.trim().is_empty() {
        return Err(Refusal::new(
            "who_missing",
            "Укажите, кто выполнял работу.",
            "Say who did the work.",
        ));
    }
    if e.hours <= Decimal::ZERO {
        return Err(Refusal::new(
            "hours_not_positive",
            format!(
                "Часы должны быть больше нуля, а указано {}.",
                e.hours.normalize()
            ),
            format!(
                "Hours must be above zero; {} was given.",
                e.hours.normalize()
            ),
        ));
    }
    if e.hours > Decimal::from(MAX_HOURS_PER_ENTRY) {
        return Err(Refusal::new(
            "hours_too_many",
            format!(
                "{} ч в одной записи — больше суток. Запишите работу по дням, не более {MAX_HOURS_PER_ENTRY} ч в записи.",
                e.hours.normalize()
            ),
            format!(
                "{} h in one entry is more than a day. Log the work day by day, at most {MAX_HOURS_PER_ENTRY} h per entry.",
                e.hours.normalize()
            ),
        ));
    }
    check_branch_or_commit(&e.reference)
}

/// Hours logged for `stage`.
pub fn logged_hours(entries: &[WorkEntry], stage: u32) -> Decimal {
    entries
        .iter()
        .filter(|e| e.stage == stage)
        .map(|e| e.hours)
        .sum()
}

// ---- 2.4 bugs ----------------------------------------------------------------------

/// How bad a bug is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Critical,
    Major,
    #[default]
    Minor,
    Trivial,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::Major,
        Severity::Minor,
        Severity::Trivial,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Major => "major",
            Severity::Minor => "minor",
            Severity::Trivial => "trivial",
        }
    }

    pub fn from_code(code: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn name(self) -> Text {
        match self {
            Severity::Critical => Text::new("критический", "critical"),
            Severity::Major => Text::new("серьёзный", "major"),
            Severity::Minor => Text::new("незначительный", "minor"),
            Severity::Trivial => Text::new("мелкий", "trivial"),
        }
    }

    /// Whether an open bug of this severity keeps the stage in testing.
    pub fn blocks(self) -> bool {
        matches!(self, Severity::Critical | Severity::Major)
    }
}

/// Where a bug stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BugStatus {
    #[default]
    Open,
    Fixed,
    Verified,
    WontFix,
}

impl BugStatus {
    pub const ALL: [BugStatus; 4] = [
        BugStatus::Open,
        BugStatus::Fixed,
        BugStatus::Verified,
        BugStatus::WontFix,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BugStatus::Open => "open",
            BugStatus::Fixed => "fixed",
            BugStatus::Verified => "verified",
            BugStatus::WontFix => "wont_fix",
        }
    }

    pub fn from_code(code: &str) -> Option<BugStatus> {
        BugStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn name(self) -> Text {
        match self {
            BugStatus::Open => Text::new("открыт", "open"),
            BugStatus::Fixed => Text::new("исправлен", "fixed"),
            BugStatus::Verified => Text::new("проверен", "verified"),
            BugStatus::WontFix => Text::new("не будет исправлен", "won't fix"),
        }
    }

    /// The statuses a bug may move to: a developer fixes or declines an open bug, a
    /// tester verifies a fix or reopens it, and a verified or declined bug may be
    /// reopened when it shows up again. A bug is never verified without a fix.
    pub fn next(self) -> &'static [BugStatus] {
        match self {
            BugStatus::Open => &[BugStatus::Fixed, BugStatus::WontFix],
            BugStatus::Fixed => &[BugStatus::Verified, BugStatus::Open],
            BugStatus::Verified | BugStatus::WontFix => &[BugStatus::Open],
        }
    }
}

/// A bug found while testing a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Bug {
    pub id: i64,
    /// №1, №2… within the project.
    pub number: u32,
    pub stage: u32,
    pub title: String,
    pub steps: String,
    pub expected: String,
    pub actual: String,
    pub severity: Severity,
    /// The requirement it breaks (ТР-4.2.3); may be empty.
    pub requirement: String,
    pub status: BugStatus,
    /// Why it will not be fixed; required for that status.
    pub reason: String,
}

impl Bug {
    /// "№3 «Вход падает» (критический)".
    fn label(&self) -> Text {
        let sev = self.severity.name();
        Text::new(
            format!("№{} «{}» ({})", self.number, self.title.trim(), sev.ru),
            format!("#{} “{}” ({})", self.number, self.title.trim(), sev.en),
        )
    }
}

/// Checks a bug before it is stored: a title, a reason for "won't fix", and a linked
/// requirement that is one of the stage's.
pub fn check_bug(bug: &Bug, stage_requirements: &[String]) -> Result<(), Refusal> {
    if bug.title.trim().is_empty() {
        return Err(Refusal::new(
            "bug_title",
            "Назовите баг: по названию его найдут в списке и в истории.",
            "Give the bug a title: it is how it is found in the list and the history.",
        ));
    }
    if bug.status == BugStatus::WontFix && bug.reason.trim().is_empty() {
        return Err(wont_fix_reason());
    }
    let r = bug.requirement.trim();
    if !r.is_empty() && !stage_requirements.iter().any(|s| s == r) {
        return Err(Refusal::new(
            "bug_requirement",
            format!("Требования {r} нет в этом этапе: выберите одно из его требований."),
            format!("Requirement {r} is not in this stage: pick one of its requirements."),
        ));
    }
    Ok(())
}

fn wont_fix_reason() -> Refusal {
    Refusal::new(
        "reason_required",
        "Укажите, почему баг не будет исправлен.",
        "Say why the bug will not be fixed.",
    )
}

/// The bug with its status changed to `to`, if that move is allowed.
pub fn change_status(bug: &Bug, to: BugStatus, reason: &str) -> Result<Bug, Refusal> {
    if !bug.status.next().contains(&to) {
        let (a, b) = (bug.status.name(), to.name());
        return Err(Refusal::new(
            "bug_status",
            format!(
                "Баг №{} нельзя перевести из «{}» в «{}».",
                bug.number, a.ru, b.ru
            ),
            format!(
                "Bug #{} cannot go from “{}” to “{}”.",
                bug.number, a.en, b.en
            ),
        ));
    }
    if to == BugStatus::WontFix && reason.trim().is_empty() {
        return Err(wont_fix_reason());
    }
    Ok(Bug {
        status: to,
        reason: if to == BugStatus::WontFix {
            reason.trim().to_string()
        } else {
            bug.reason.clone()
        },
        ..bug.clone()
    })
}

/// The guard of 2.4 → 2.3: the loop is backed by the bugs recorded for the stage.
pub fn report_bugs_refusal(bugs: &[Bug], stage: u32) -> Option<Refusal> {
    (!bugs
        .iter()
        .any(|b| b.stage == stage && b.status == BugStatus::Open))
    .then(|| {
        Refusal::new(
            "no_open_bugs",
            "Нет открытых багов этого этапа: запишите найденные на вкладке «2.4», чтобы разработчики знали, что исправлять.",
            "This stage has no open bugs: record the ones found on the “2.4” tab so the developers know what to fix.",
        )
    })
}

/// The guard of 2.4 → 2.5: no open critical or major bug of the stage; names them.
pub fn testing_refusal(bugs: &[Bug], stage: u32) -> Option<Refusal> {
    let blocking: Vec<Text> = bugs
        .iter()
        .filter(|b| b.stage == stage && b.status == BugStatus::Open && b.severity.blocks())
        .map(Bug::label)
        .collect();
    if blocking.is_empty() {
        return None;
    }
    let l = list(&blocking);
    Some(Refusal::new(
        "blocking_bugs",
        format!(
            "Этап не может пройти тестирование, пока открыты критические и серьёзные баги: {}.",
            l.ru
        ),
        format!(
            "The stage cannot pass testing while critical or major bugs are open: {}.",
            l.en
        ),
    ))
}

// ---- 2.5 DevOps adjustments --------------------------------------------------------

/// One change DevOps made to the environment during a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Adjustment {
    pub id: i64,
    pub stage: u32,
    /// ISO date.
    pub date: String,
    pub what: String,
    pub who: String,
    /// The bug (its number) the change answers; `None` when none.
    pub bug: Option<u32>,
}

/// Checks an adjustment before it is stored.
pub fn check_adjustment(a: &Adjustment, bugs: &[Bug]) -> Result<(), Refusal> {
    if a.what.trim().is_empty() {
        return Err(Refusal::new(
            "adjustment_what",
            "Опишите, что изменено в среде.",
            "Describe what was changed in the environment.",
        ));
    }
    if a.who.trim().is_empty() {
        return Err(Refusal::new(
            "who_missing",
            "Укажите, кто внёс изменение.",
            "Say who made the change.",
        ));
    }
    if !a.date.trim().is_empty() {
        required_date(&a.date, ("дату изменения", "date of the change"))?;
    }
    if let Some(n) = a.bug {
        if !bugs.iter().any(|b| b.number == n) {
            return Err(Refusal::new(
                "bug_not_found",
                format!("Бага №{n} нет в проекте."),
                format!("The project has no bug #{n}."),
            ));
        }
    }
    Ok(())
}

// ---- 2.6 acceptance ----------------------------------------------------------------

/// The manager's verdict on one requirement of the stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequirementCheck {
    pub requirement: String,
    pub verified: bool,
    pub note: String,
}

/// The acceptance of a stage (2.6) as the manager fills it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Acceptance {
    pub stage: u32,
    pub checks: Vec<RequirementCheck>,
    /// A tag or a commit hash (see [`parse_code_ref`]).
    pub code_ref: String,
    /// ISO date.
    pub accepted_on: String,
    pub accepted_by: String,
}

/// What an acceptance lacks, found at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AcceptanceCheck {
    /// Requirements of the stage not marked at all.
    pub unchecked: Vec<String>,
    /// Requirements marked not verified, with the manager's note: the defects.
    pub defects: Vec<(String, String)>,
    /// Why the code reference, the date or the name does not do, in that order.
    pub record: Option<Refusal>,
}

/// Checks the acceptance of a stage delivering `stage_requirements`.
pub fn check_acceptance(stage_requirements: &[String], a: &Acceptance) -> AcceptanceCheck {
    let mut c = AcceptanceCheck::default();
    for r in stage_requirements {
        match a.checks.iter().find(|x| &x.requirement == r) {
            None => c.unchecked.push(r.clone()),
            Some(x) if !x.verified => c.defects.push((r.clone(), x.note.trim().to_string())),
            Some(_) => {}
        }
    }
    c.record = parse_code_ref(&a.code_ref)
        .and_then(|_| required_date(&a.accepted_on, ("дату приёмки", "acceptance date")))
        .and_then(|_| {
            if a.accepted_by.trim().is_empty() {
                Err(Refusal::new(
                    "accepted_by_missing",
                    "Укажите, кто принял этап.",
                    "Say who accepted the stage.",
                ))
            } else {
                Ok(())
            }
        })
        .err();
    c
}

/// The guard of 2.6 → next: every requirement verified, the code reference valid, the
/// date and the person given.
pub fn acceptance_refusal(c: &AcceptanceCheck) -> Option<Refusal> {
    if !c.unchecked.is_empty() {
        let l = c.unchecked.join(", ");
        return Some(Refusal::new(
            "requirements_unchecked",
            format!("Отметьте, принято ли каждое требование этапа: не отмечены {l}."),
            format!("Mark whether each requirement of the stage is accepted: {l} are not marked."),
        ));
    }
    if !c.defects.is_empty() {
        let l: Vec<&str> = c.defects.iter().map(|(r, _)| r.as_str()).collect();
        return Some(Refusal::new(
            "requirements_not_verified",
            format!(
                "Не приняты требования: {}. Верните этап на доработку («Найдены недостатки») или отметьте их принятыми.",
                l.join(", ")
            ),
            format!(
                "Requirements not accepted: {}. Send the stage back (“Defects found”) or mark them accepted.",
                l.join(", ")
            ),
        ));
    }
    c.record.clone()
}

/// The guard of 2.6 → 2.3 (defects): the list of requirements not accepted.
pub fn defects_refusal(c: &AcceptanceCheck) -> Option<Refusal> {
    c.defects.is_empty().then(|| {
        Refusal::new(
            "no_defects_marked",
            "Отметьте непринятые требования с примечанием: этот список получат разработчики.",
            "Mark the requirements not accepted, with a note: the developers get this list.",
        )
    })
}

// ---- rounds and hours --------------------------------------------------------------

/// How often a stage went through each loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageRounds {
    pub stage: u32,
    /// Times the stage was handed to testing.
    pub qa_rounds: u32,
    /// Times testers sent it back with bugs.
    pub bug_rounds: u32,
    /// Times DevOps handed a problem back to the developers.
    pub environment_rounds: u32,
    /// Times the manager sent it back with defects.
    pub defect_rounds: u32,
    pub accepted: bool,
}

/// The rounds of every stage, from the recorded actions (in order).
pub fn rounds(actions: &[Action]) -> Vec<StageRounds> {
    let mut out: BTreeMap<u32, StageRounds> = BTreeMap::new();
    let mut state = ProjectState::initial();
    for a in actions {
        let stage = state.stage;
        let r = out.entry(stage).or_insert(StageRounds {
            stage,
            ..StageRounds::default()
        });
        match a {
            Action::SubmitToTesting => r.qa_rounds += 1,
            Action::ReportBugs => r.bug_rounds += 1,
            Action::HandToDevelopers => r.environment_rounds += 1,
            Action::ReportDefects => r.defect_rounds += 1,
            Action::AcceptStage => r.accepted = true,
            _ => {}
        }
        match effect(&state, *a) {
            Some(s) => state = s,
            None => break,
        }
    }
    out.into_values().filter(|r| r.stage >= 1).collect()
}

/// [`rounds`] from the history a project page shows.
pub fn rounds_of(history: &[HistoryEntry]) -> Vec<StageRounds> {
    let actions: Vec<Action> = history.iter().map(|h| h.action).collect();
    rounds(&actions)
}

/// Estimated against logged hours of one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageHours {
    pub stage: u32,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub estimated: Decimal,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub logged: Decimal,
}

/// Estimated and logged hours per stage, and for the project (stage 0).
pub fn hours(
    plan: &StagePlan,
    content: &SpecContent,
    estimate: &Estimate,
    log: &[WorkEntry],
) -> Vec<StageHours> {
    let mut v: Vec<StageHours> = plan
        .stages
        .iter()
        .map(|s| StageHours {
            stage: s.number,
            estimated: estimated_hours(s, content, estimate),
            logged: logged_hours(log, s.number),
        })
        .collect();
    let total = StageHours {
        stage: 0,
        estimated: v.iter().map(|h| h.estimated).sum(),
        logged: log.iter().map(|e| e.hours).sum(),
    };
    v.push(total);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate::{EstimateItem, Estimator, Hours};
    use crate::money::VatMode;
    use crate::spec::{Priority, SpecSection};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn req(id: &str, items: &[i64]) -> Requirement {
        Requirement {
            id: id.into(),
            text: format!("Текст {id}"),
            priority: Priority::Must,
            acceptance: String::new(),
            estimate_items: items.to_vec(),
        }
    }

    fn content(reqs: Vec<Requirement>) -> SpecContent {
        SpecContent {
            lang: Lang::Ru,
            sections: vec![SpecSection {
                key: 1,
                title: "Требования".into(),
                required: false,
                body: String::new(),
                requirements: reqs,
                children: vec![],
            }],
        }
    }

    fn estimate() -> Estimate {
        let item = |key: u32, hours: &str, rate: &str| EstimateItem {
            id: key as i64,
            key,
            title: format!("Работа {key}"),
            requirement: String::new(),
            hours: Hours::Single { hours: d(hours) },
            rate: d(rate),
        };
        Estimate {
            id: 1,
            version: 1,
            round: 1,
            estimated_by: Estimator::Manager,
            discount_percent: d("0"),
            vat: VatMode::Exempt {
                reason: "УСН".into(),
            },
            currency: Currency::Rub,
            // 10 × 3 333,333 = 33 333,33; 5 × 2 000 = 10 000; 1 × 0,005 = 0,01 (rounded once)
            items: vec![
                item(1, "10", "3333.333"),
                item(2, "5", "2000"),
                item(3, "1", "0.005"),
            ],
        }
    }

    fn stage(number: u32, reqs: &[&str]) -> PlannedStage {
        PlannedStage {
            number,
            title: format!("Этап {number}"),
            features: vec![],
            planned_start: "2026-12-01".into(),
            planned_end: "2026-12-20".into(),
            requirements: reqs.iter().map(|s| s.to_string()).collect(),
            price: None,
        }
    }

    fn rub(s: &str) -> Money {
        Money::new(d(s), Currency::Rub)
    }

    fn dev_state(step: Step, stage: u32, total: u32) -> ProjectState {
        ProjectState {
            step,
            stage,
            stages_total: total,
            ..ProjectState::initial()
        }
    }

    #[test]
    fn the_guard_names_requirements_in_no_stage() {
        let c = content(vec![
            req("ТР-1.1", &[1]),
            req("ТР-1.2", &[2]),
            req("ТР-1.3", &[]),
        ]);
        let plan = StagePlan {
            stages: vec![stage(1, &["ТР-1.1"])],
            excluded: vec![],
        };
        let r = plan_refusal(&check_plan(&plan, &c, Some(&estimate()), None)).unwrap();
        assert_eq!(r.code, "requirements_unassigned");
        assert!(r.message.ru.contains("ТР-1.2, ТР-1.3"), "{}", r.message.ru);
        assert!(r.message.en.contains("ТР-1.2, ТР-1.3"));

        let plan = StagePlan {
            stages: vec![stage(1, &["ТР-1.1", "ТР-1.2"])],
            excluded: vec![Exclusion {
                requirement: "ТР-1.3".into(),
                reason: " ".into(),
            }],
        };
        let r = plan_refusal(&check_plan(&plan, &c, Some(&estimate()), None)).unwrap();
        assert_eq!(r.code, "exclusion_reason");
        assert!(r.message.ru.contains("ТР-1.3"));
    }

    #[test]
    fn a_requirement_in_two_stages_or_unknown_is_named() {
        let c = content(vec![req("ТР-1.1", &[1]), req("ТР-1.2", &[2])]);
        let plan = StagePlan {
            stages: vec![stage(1, &["ТР-1.1", "ТР-1.2"]), stage(2, &["ТР-1.2"])],
            excluded: vec![],
        };
        let r = plan_refusal(&check_plan(&plan, &c, None, None)).unwrap();
        assert_eq!(r.code, "requirement_twice");
        assert!(r.message.ru.contains("ТР-1.2 (1, 2)"), "{}", r.message.ru);
        let plan = StagePlan {
            stages: vec![stage(1, &["ТР-1.1", "ТР-1.2", "ТР-9.9"])],
            excluded: vec![],
        };
        let r = plan_refusal(&check_plan(&plan, &c, None, None)).unwrap();
        assert_eq!(r.code, "requirement_unknown");
        assert!(r.message.en.contains("ТР-9.9 (1)"));
    }

    #[test]
    fn a_stage_price_is_the_exact_sum_of_its_items_each_once() {
        // Two requirements priced in the same item 1 count it once.
        let c = content(vec![
            req("ТР-1.1", &[1]),
            req("ТР-1.2", &[1, 3]),
            req("ТР-1.3", &[2]),
        ]);
        let e = estimate();
        let s1 = stage(1, &["ТР-1.1", "ТР-1.2"]);
        assert_eq!(default_price(&s1, &c, &e).unwrap(), rub("33333.34"));
        assert_eq!(estimated_hours(&s1, &c, &e), d("11"));
        let manual = PlannedStage {
            price: Some(rub("5")),
            ..s1.clone()
        };
        assert_eq!(stage_price(&manual, &c, &e).unwrap(), rub("5"));
    }

    #[test]
    fn shares_must_add_up_to_the_offer_to_the_kopeck() {
        let c = content(vec![req("ТР-1.1", &[1, 3]), req("ТР-1.2", &[2])]);
        let e = estimate();
        let plan = StagePlan {
            stages: vec![stage(1, &["ТР-1.1"]), stage(2, &["ТР-1.2"])],
            excluded: vec![],
        };
        // 33 333,34 + 10 000,00 = 43 333,34
        assert!(check_plan(&plan, &c, Some(&e), Some(rub("43333.34"))).is_ok());
        let r = plan_refusal(&check_plan(&plan, &c, Some(&e), Some(rub("43333.35")))).unwrap();
        assert_eq!(r.code, "shares_mismatch");
        assert!(
            r.message.ru.contains("не хватает 0,01\u{a0}₽"),
            "{}",
            r.message.ru
        );
        assert!(
            r.message.en.contains("short by RUB") && r.message.en.ends_with("0.01."),
            "{}",
            r.message.en
        );
        let mut over = plan.clone();
        over.stages[1].price = Some(rub("20000"));
        let r = plan_refusal(&check_plan(&over, &c, Some(&e), Some(rub("43333.34")))).unwrap();
        assert!(
            r.message.ru.contains("лишние 10\u{a0}000,00\u{a0}₽"),
            "{}",
            r.message.ru
        );
    }

    #[test]
    fn an_end_before_the_start_is_refused_with_both_dates() {
        let r = check_stage_dates("2026-12-10", "2026-12-01").unwrap_err();
        assert_eq!(r.code, "stage_dates");
        assert!(r.message.ru.contains("01.12.2026") && r.message.ru.contains("10.12.2026"));
        assert!(check_stage_dates("2026-12-10", "2026-12-10").is_ok());
        assert_eq!(
            check_stage_dates("", "2026-12-10").unwrap_err().code,
            "date_missing"
        );
        assert_eq!(
            check_stage_dates("2026-02-30", "2026-12-10")
                .unwrap_err()
                .code,
            "date_invalid"
        );
        let c = content(vec![req("ТР-1.1", &[])]);
        let mut s = stage(2, &["ТР-1.1"]);
        s.planned_end = "2026-11-01".into();
        let plan = StagePlan {
            stages: vec![s],
            excluded: vec![],
        };
        let r = plan_refusal(&check_plan(&plan, &c, None, None)).unwrap();
        assert!(r.message.ru.contains("этап 2"), "{}", r.message.ru);
    }

    #[test]
    fn reorder_rename_and_split_renumber_and_spare_accepted_stages() {
        let plan = StagePlan {
            stages: vec![
                stage(1, &["ТР-1.1"]),
                stage(2, &["ТР-1.2", "ТР-1.3"]),
                stage(3, &[]),
            ],
            excluded: vec![],
        };
        let planning = dev_state(Step::StagePlanning, 0, 0);
        let p = reorder(&plan, 3, 1, &planning).unwrap();
        let titles: Vec<(u32, &str)> = p
            .stages
            .iter()
            .map(|s| (s.number, s.title.as_str()))
            .collect();
        assert_eq!(titles, [(1, "Этап 3"), (2, "Этап 1"), (3, "Этап 2")]);
        let p = rename(&plan, 2, "  Оплата  ", &planning).unwrap();
        assert_eq!(p.stages[1].title, "Оплата");
        assert_eq!(rename(&plan, 2, " ", &planning).unwrap_err().code, "empty");
        let mut priced = plan.clone();
        priced.stages[1].price = Some(rub("100"));
        let p = split(&priced, 2, &["ТР-1.3".into()], "Отчёты", &planning).unwrap();
        assert_eq!(p.stages.len(), 4);
        assert_eq!(p.stages[1].requirements, ["ТР-1.2"]);
        assert_eq!(p.stages[2].requirements, ["ТР-1.3"]);
        assert_eq!((p.stages[2].number, p.stages[3].number), (3, 4));
        assert_eq!(p.stages[1].price, None);
        assert_eq!(
            split(
                &plan,
                2,
                &["ТР-1.2".into(), "ТР-1.3".into()],
                "Всё",
                &planning
            )
            .unwrap_err()
            .code,
            "split_invalid"
        );
        // Stage 1 accepted, stage 2 in development: stage 1 cannot move or change.
        let in_stage_2 = dev_state(Step::Coding, 2, 3);
        assert_eq!(
            reorder(&plan, 1, 3, &in_stage_2).unwrap_err().code,
            "stage_frozen"
        );
        assert_eq!(
            reorder(&plan, 3, 1, &in_stage_2).unwrap_err().code,
            "stage_frozen"
        );
        assert!(reorder(&plan, 3, 2, &in_stage_2).is_ok());
        let r = rename(&plan, 1, "Новое", &in_stage_2).unwrap_err();
        assert!(r.message.ru.contains("Этап 1 принят"));
        assert_eq!(
            reorder(&plan, 4, 1, &planning).unwrap_err().code,
            "stage_not_found"
        );
    }

    #[test]
    fn accepted_stages_are_frozen_and_the_rest_editable() {
        assert_eq!(accepted_stages(&dev_state(Step::StagePlanning, 0, 0)), 0);
        assert_eq!(accepted_stages(&dev_state(Step::Coding, 1, 2)), 0);
        assert_eq!(accepted_stages(&dev_state(Step::StageAcceptance, 2, 2)), 1);
        assert_eq!(accepted_stages(&dev_state(Step::Deployment, 2, 2)), 2);
        assert_eq!(accepted_stages(&dev_state(Step::Closed, 3, 3)), 3);
        let s = dev_state(Step::Testing, 2, 2);
        assert_eq!(stage_editable(1, &s).unwrap_err().code, "stage_frozen");
        assert!(stage_editable(2, &s).is_ok());
    }

    #[test]
    fn an_addendum_names_what_to_place() {
        let old = content(vec![req("ТР-1.1", &[1]), req("ТР-1.2", &[2])]);
        let mut changed = req("ТР-1.2", &[2]);
        changed.text = "Новый текст".into();
        let mut new = content(vec![changed, req("ТР-1.3", &[])]);
        // ТР-1.1 is not removed when it only moved to another section.
        new.sections.push(SpecSection {
            key: 2,
            title: "Ещё".into(),
            required: false,
            body: String::new(),
            requirements: vec![req("ТР-1.1", &[1])],
            children: vec![],
        });
        new.sections[0].requirements.retain(|r| r.id != "ТР-1.1");
        let plan = StagePlan {
            stages: vec![stage(1, &["ТР-1.1"]), stage(2, &["ТР-1.2"])],
            excluded: vec![],
        };
        let a = addendum(&plan, &old, &new);
        assert_eq!(a.added, ["ТР-1.3"]);
        assert_eq!(a.changed, [("ТР-1.2".to_string(), Some(2))]);
        assert!(a.removed.is_empty());
        let gone = content(vec![req("ТР-1.2", &[2])]);
        let a = addendum(&plan, &old, &gone);
        assert_eq!(a.removed, [("ТР-1.1".to_string(), Some(1))]);
        assert!(addendum(&plan, &old, &old).is_empty());
    }

    #[test]
    fn code_references_are_hashes_or_git_tags() {
        assert_eq!(
            parse_code_ref(" A1B2C3D ").unwrap(),
            CodeRef::Commit("a1b2c3d".into())
        );
        assert_eq!(
            parse_code_ref(&"f".repeat(40)).unwrap(),
            CodeRef::Commit("f".repeat(40))
        );
        assert_eq!(
            parse_code_ref("v1.2.0").unwrap(),
            CodeRef::Tag("v1.2.0".into())
        );
        assert_eq!(
            parse_code_ref("release/этап-1").unwrap(),
            CodeRef::Tag("release/этап-1".into())
        );
        // Short hex is a (strange but valid) tag name, not a hash.
        assert_eq!(parse_code_ref("abc").unwrap(), CodeRef::Tag("abc".into()));
        let r = parse_code_ref(&"a".repeat(41)).unwrap_err();
        assert!(r.message.ru.contains("41 цифр"), "{}", r.message.ru);
        for bad in [
            "v1..2", "v1 2", "tag~1", "x.lock", "-v1", "/v1", "v1/", "a@{1}", "v1.", ".v1", "a:b",
            "a*b",
        ] {
            let r = parse_code_ref(bad).unwrap_err();
            assert_eq!(r.code, "code_ref_invalid", "{bad}");
            assert!(
                r.message.ru.contains("не хеш коммита"),
                "{bad}: {}",
                r.message.ru
            );
        }
        assert_eq!(parse_code_ref("  ").unwrap_err().code, "code_ref_missing");
        assert!(parse_code_ref("v1 2")
            .unwrap_err()
            .message
            .en
            .contains("spaces"));
    }

    #[test]
    fn secrets_are_refused_and_locations_pass() {
        for secret in [
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            "AKIAIOSFODNN7EXAMPLE",
            "password=hunter22",
            "DB_PASSWORD=Sup3rS3cret",
            "пароль:qwerty123",
            "postgres://app:s3cret@db.local/app",
            "Server=db;User Id=sa;Pwd=Xy12345;",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "-----BEGIN OPENSSH PRIVATE KEY-----",
            "токен: xoxb-123456789012-abcdefghijk",
        ] {
            assert!(looks_like_secret(secret), "{secret}");
        }
        for place in [
            "",
            "Vault: kv/prod/db",
            "~/.ssh/id_ed25519",
            "1Password, запись «Prod DB»",
            "пароль: в KeePass, группа «Клиент»",
            "op://Private/Prod DB/password",
            "https://vault.example.ru/ui/vault/secrets/kv/show/prod",
            "C:\\Users\\anna\\keys\\deploy.kdbx",
            "Доступ выдан всем разработчикам до 2026-12-31",
            "ExtraordinarilyLongProjectName2026",
        ] {
            assert!(!looks_like_secret(place), "{place}");
        }
        let item = ChecklistItem {
            title: "Доступы: Анна".into(),
            credential: true,
            secret_location: "password=hunter22".into(),
            ..ChecklistItem::default()
        };
        let r = check_item(&item, &[]).unwrap_err();
        assert_eq!(r.code, "looks_like_secret");
        assert!(r.message.ru.contains("не хранит секреты"));
        let done_without_place = ChecklistItem {
            secret_location: String::new(),
            status: ItemStatus::Done,
            ..item
        };
        assert_eq!(
            check_item(&done_without_place, &[]).unwrap_err().code,
            "secret_location_missing"
        );
    }

    fn member(id: i64, name: &str, devops: bool) -> TeamMember {
        TeamMember {
            id,
            name: name.into(),
            contact: String::new(),
            devops,
            developer: true,
            tester: true,
        }
    }

    #[test]
    fn the_environment_starts_from_the_seed_list_and_blocks_until_settled() {
        let team = [member(1, "Анна", true), member(2, "Борис", false)];
        let items = default_environment(&team, Lang::Ru);
        let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
        assert!(titles.contains(&"Учётные записи и доступы: Анна"));
        assert!(titles.contains(&"Учётные записи и доступы: Борис"));
        assert!(titles.contains(&"Резервное копирование БД"));
        assert_eq!(items.len(), EnvArea::ALL.len() - 1 + team.len());
        assert!(items.iter().all(|i| i.owner == Some(1)));
        assert_eq!(items.iter().filter(|i| i.credential).count(), 2);
        let mut items = items;
        for i in items.iter_mut() {
            i.status = ItemStatus::Done;
        }
        items[6].status = ItemStatus::NotNeeded;
        assert!(environment_refusal(&items).is_none());
        items[1].status = ItemStatus::Todo;
        let r = environment_refusal(&items).unwrap();
        assert_eq!(r.code, "environment_incomplete");
        assert!(
            r.message.ru.contains("Каналы связи команды"),
            "{}",
            r.message.ru
        );
        let en = default_environment(&[], Lang::En);
        assert_eq!(en.len(), EnvArea::ALL.len());
        assert!(en
            .iter()
            .any(|i| i.title == "Accounts and access" && i.credential));
        let stranger = ChecklistItem {
            title: "БД".into(),
            owner: Some(9),
            ..ChecklistItem::default()
        };
        assert_eq!(
            check_item(&stranger, &team).unwrap_err().code,
            "owner_unknown"
        );
    }

    #[test]
    fn work_log_hours_are_above_zero_and_at_most_a_day() {
        let e = WorkEntry {
            stage: 1,
            date: "2026-12-02".into(),
            who: "Анна".into(),
            hours: d("7.5"),
            reference: "feature/login".into(),
            ..WorkEntry::default()
        };
        assert!(check_work_entry(&e).is_ok());
        let r = check_work_entry(&WorkEntry {
            hours: d("-3"),
            ..e.clone()
        })
        .unwrap_err();
        assert_eq!(r.code, "hours_not_positive");
        assert!(r.message.ru.contains("-3"), "{}", r.message.ru);
        assert_eq!(
            check_work_entry(&WorkEntry {
                hours: d("0"),
                ..e.clone()
            })
            .unwrap_err()
            .code,
            "hours_not_positive"
        );
        let r = check_work_entry(&WorkEntry {
            hours: d("240"),
            ..e.clone()
        })
        .unwrap_err();
        assert_eq!(r.code, "hours_too_many");
        assert!(r.message.ru.contains("240 ч") && r.message.ru.contains("24 ч"));
        assert!(check_work_entry(&WorkEntry {
            hours: d("24"),
            ..e.clone()
        })
        .is_ok());
        assert_eq!(
            check_work_entry(&WorkEntry {
                who: " ".into(),
                ..e.clone()
            })
            .unwrap_err()
            .code,
            "who_missing"
        );
        assert_eq!(
            check_work_entry(&WorkEntry {
                date: "02.12.2026".into(),
                ..e.clone()
            })
            .unwrap_err()
            .code,
            "date_invalid"
        );
        assert_eq!(
            check_work_entry(&WorkEntry {
                reference: "my branch".into(),
                ..e.clone()
            })
            .unwrap_err()
            .code,
            "ref_invalid"
        );
        let log = [
            e.clone(),
            WorkEntry {
                stage: 2,
                ..e.clone()
            },
            e,
        ];
        assert_eq!(logged_hours(&log, 1), d("15"));
    }

    fn bug(number: u32, severity: Severity, status: BugStatus) -> Bug {
        Bug {
            number,
            stage: 1,
            title: format!("Баг {number}"),
            severity,
            status,
            ..Bug::default()
        }
    }

    #[test]
    fn open_critical_and_major_bugs_keep_the_stage_in_testing() {
        let bugs = [
            bug(1, Severity::Critical, BugStatus::Open),
            bug(2, Severity::Major, BugStatus::Fixed),
            bug(3, Severity::Minor, BugStatus::Open),
            bug(4, Severity::Major, BugStatus::Open),
        ];
        let r = testing_refusal(&bugs, 1).unwrap();
        assert_eq!(r.code, "blocking_bugs");
        assert!(
            r.message
                .ru
                .contains("№1 «Баг 1» (критический), №4 «Баг 4» (серьёзный)"),
            "{}",
            r.message.ru
        );
        assert!(testing_refusal(&bugs, 2).is_none());
        assert!(testing_refusal(&bugs[1..3], 1).is_none());
        assert!(report_bugs_refusal(&bugs, 1).is_none());
        assert_eq!(report_bugs_refusal(&bugs, 2).unwrap().code, "no_open_bugs");
    }

    #[test]
    fn bugs_need_a_title_and_move_only_along_allowed_statuses() {
        let b = bug(7, Severity::Major, BugStatus::Open);
        assert!(check_bug(&b, &[]).is_ok());
        assert_eq!(
            check_bug(
                &Bug {
                    title: "  ".into(),
                    ..b.clone()
                },
                &[]
            )
            .unwrap_err()
            .code,
            "bug_title"
        );
        assert_eq!(
            check_bug(
                &Bug {
                    requirement: "ТР-9".into(),
                    ..b.clone()
                },
                &["ТР-1".into()]
            )
            .unwrap_err()
            .code,
            "bug_requirement"
        );
        let r = change_status(&b, BugStatus::Verified, "").unwrap_err();
        assert_eq!(r.code, "bug_status");
        assert!(
            r.message.ru.contains("из «открыт» в «проверен»"),
            "{}",
            r.message.ru
        );
        assert_eq!(
            change_status(&b, BugStatus::WontFix, " ").unwrap_err().code,
            "reason_required"
        );
        let w = change_status(&b, BugStatus::WontFix, " Так задумано ").unwrap();
        assert_eq!(
            (w.status, w.reason.as_str()),
            (BugStatus::WontFix, "Так задумано")
        );
        let f = change_status(&b, BugStatus::Fixed, "").unwrap();
        let v = change_status(&f, BugStatus::Verified, "").unwrap();
        assert_eq!(
            change_status(&v, BugStatus::Open, "").unwrap().status,
            BugStatus::Open
        );
        assert!(change_status(&v, BugStatus::Fixed, "").is_err());
        assert_eq!(
            check_bug(
                &Bug {
                    status: BugStatus::WontFix,
                    ..b
                },
                &[]
            )
            .unwrap_err()
            .code,
            "reason_required"
        );
    }

    #[test]
    fn adjustments_say_what_who_and_which_bug() {
        let a = Adjustment {
            stage: 1,
            what: "Добавлена память ВМ".into(),
            who: "Анна".into(),
            bug: Some(1),
            ..Adjustment::default()
        };
        let bugs = [bug(1, Severity::Major, BugStatus::Open)];
        assert!(check_adjustment(&a, &bugs).is_ok());
        assert_eq!(check_adjustment(&a, &[]).unwrap_err().code, "bug_not_found");
        assert_eq!(
            check_adjustment(
                &Adjustment {
                    what: "".into(),
                    ..a.clone()
                },
                &bugs
            )
            .unwrap_err()
            .code,
            "adjustment_what"
        );
    }

    #[test]
    fn acceptance_needs_every_requirement_verified_and_a_valid_code_reference() {
        let reqs = vec!["ТР-1.1".to_string(), "ТР-1.2".to_string()];
        let mut a = Acceptance {
            stage: 1,
            checks: vec![RequirementCheck {
                requirement: "ТР-1.1".into(),
                verified: true,
                note: String::new(),
            }],
            code_ref: "v1.0".into(),
            accepted_on: "2026-12-20".into(),
            accepted_by: "Мария".into(),
        };
        let r = acceptance_refusal(&check_acceptance(&reqs, &a)).unwrap();
        assert_eq!(r.code, "requirements_unchecked");
        assert!(r.message.ru.contains("ТР-1.2"));
        assert_eq!(
            defects_refusal(&check_acceptance(&reqs, &a)).unwrap().code,
            "no_defects_marked"
        );
        a.checks.push(RequirementCheck {
            requirement: "ТР-1.2".into(),
            verified: false,
            note: "Нет экспорта".into(),
        });
        let c = check_acceptance(&reqs, &a);
        assert_eq!(
            c.defects,
            [("ТР-1.2".to_string(), "Нет экспорта".to_string())]
        );
        assert!(defects_refusal(&c).is_none());
        assert_eq!(
            acceptance_refusal(&c).unwrap().code,
            "requirements_not_verified"
        );
        a.checks[1].verified = true;
        assert!(acceptance_refusal(&check_acceptance(&reqs, &a)).is_none());
        a.code_ref = "zz12 34".into();
        assert_eq!(
            acceptance_refusal(&check_acceptance(&reqs, &a))
                .unwrap()
                .code,
            "code_ref_invalid"
        );
        a.code_ref = "0123abc".into();
        a.accepted_by = " ".into();
        assert_eq!(
            acceptance_refusal(&check_acceptance(&reqs, &a))
                .unwrap()
                .code,
            "accepted_by_missing"
        );
    }

    #[test]
    fn rounds_count_each_loop_per_stage() {
        use Action::*;
        let actions = [
            StartClarification,
            RequestEstimate,
            SendOffer,
            AcceptOffer,
            ApproveSpecification,
            HandOverToTeam,
            ConfirmStagePlan { stages: 2 },
            EnvironmentReady,
            SubmitToTesting,
            ReportBugs,
            SubmitToTesting,
            PassTesting,
            FinishAdjustments,
            ReportDefects,
            SubmitToTesting,
            PassTesting,
            FinishAdjustments,
            AcceptStage,
            SubmitToTesting,
            PassTesting,
            HandToDevelopers,
        ];
        let r = rounds(&actions);
        assert_eq!(
            r,
            [
                StageRounds {
                    stage: 1,
                    qa_rounds: 3,
                    bug_rounds: 1,
                    environment_rounds: 0,
                    defect_rounds: 1,
                    accepted: true
                },
                StageRounds {
                    stage: 2,
                    qa_rounds: 1,
                    bug_rounds: 0,
                    environment_rounds: 1,
                    defect_rounds: 0,
                    accepted: false
                }
            ]
        );
    }
}
