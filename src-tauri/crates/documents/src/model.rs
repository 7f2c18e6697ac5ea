//! The typed models the documents are rendered from. Plain data: the app fills them
//! from its database, the samples from constants; nothing here does layout.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
pub use etap_domain::billing::Totals;
use etap_domain::money::{Currency, Money, VatMode};
use etap_domain::text::Lang;
use rust_decimal::Decimal;

/// Metadata written into the PDF's document information.
#[derive(Debug, Clone)]
pub struct DocMeta {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// Creation date stamped in the file; fixed in tests so output is reproducible.
    pub created: DateTime<Utc>,
}

/// A legal party with its requisites.
#[derive(Debug, Clone, Default)]
pub struct Party {
    /// Full name: «Общество с ограниченной ответственностью «Ромашка»».
    pub name: String,
    pub inn: String,
    /// Empty for individual entrepreneurs and self-employed.
    pub kpp: String,
    pub ogrn: String,
    pub address: String,
    /// Bank requisites as printed: "р/с …, БИК …, к/с …, банк".
    pub bank: String,
    pub signatory: String,
    pub position: String,
    /// «действующий на основании Устава».
    pub basis: String,
}

/// Who approves or agrees the ТЗ on its title page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalKind {
    /// «УТВЕРЖДАЮ» (the customer).
    Approve,
    /// «СОГЛАСОВАНО» (the contractor).
    Agree,
}

#[derive(Debug, Clone)]
pub struct Approval {
    pub kind: ApprovalKind,
    pub position: String,
    pub organisation: String,
    pub person: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    Must,
    Should,
    Could,
}

impl Priority {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Priority::Must, Lang::Ru) => "Обязательно",
            (Priority::Should, Lang::Ru) => "Желательно",
            (Priority::Could, Lang::Ru) => "Возможно",
            (Priority::Must, Lang::En) => "Must",
            (Priority::Should, Lang::En) => "Should",
            (Priority::Could, Lang::En) => "Could",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Requirement {
    pub id: String,
    pub text: String,
    pub priority: Priority,
    pub acceptance: String,
}

/// A run of text with its emphasis (bold, italic, code), inside an [`Inline`] text;
/// the ТЗ's Markdown is parsed into these by `etap_domain::markdown`.
pub use etap_domain::markdown::{ListItem, Run};

/// Text with emphasis, as runs: a paragraph, a list item or a table cell (bold wins
/// where both are set: the embedded fonts have no bold italic).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Inline(pub Vec<Run>);

impl Inline {
    /// The text without its emphasis.
    pub fn text(&self) -> String {
        self.0.iter().map(|r| r.text.as_str()).collect()
    }
}

impl From<&str> for Inline {
    fn from(text: &str) -> Inline {
        Inline(vec![Run::plain(text)])
    }
}

impl From<String> for Inline {
    fn from(text: String) -> Inline {
        Inline(vec![Run::plain(text)])
    }
}

/// One piece of a section's body.
#[derive(Debug, Clone)]
pub enum Content {
    Para(String),
    /// A paragraph with **bold** and *italic* runs.
    Styled(Inline),
    Bullets(Vec<Inline>),
    Numbered(Vec<Inline>),
    /// A list as its author typed it: items with their nesting level and their own
    /// numbers (a list starting at 3 prints 3).
    List(Vec<ListItem>),
    /// A quoted passage, paragraph by paragraph.
    Quote(Vec<Inline>),
    Requirements(Vec<Requirement>),
    /// A plain table; the first row is its header. Columns are as wide as their
    /// content asks.
    Table(Vec<Vec<Inline>>),
}

/// A numbered section; numbers ("3.2.1") come from the position in the tree.
#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
    pub content: Vec<Content>,
    pub children: Vec<Section>,
}

impl Section {
    pub fn new(title: impl Into<String>) -> Section {
        Section {
            title: title.into(),
            content: Vec::new(),
            children: Vec::new(),
        }
    }
}

/// The technical specification (ТЗ).
#[derive(Debug, Clone)]
pub struct Spec {
    pub meta: DocMeta,
    pub lang: Lang,
    /// «Техническое задание» / "Software Requirements Specification".
    pub kind: String,
    /// What is being built: «на разработку системы учёта заявок …».
    pub title: String,
    /// Document code, e.g. «ТЗ-2026-014».
    pub code: String,
    pub version: String,
    pub city: String,
    pub date: NaiveDate,
    pub customer: Party,
    pub contractor: Party,
    pub approvals: Vec<Approval>,
    pub sections: Vec<Section>,
    /// A version not yet approved: every page carries a «ПРОЕКТ»/«DRAFT» watermark.
    pub draft: bool,
}

/// A reference to the contract an act or proposal belongs to.
#[derive(Debug, Clone)]
pub struct ContractRef {
    pub number: String,
    pub date: NaiveDate,
}

/// One line of an акт or a счёт.
#[derive(Debug, Clone)]
pub struct ActItem {
    /// The requirement ID(s) the line delivers («ФТ-4.1, ФТ-4.2»); empty for none.
    pub code: String,
    pub name: String,
    pub unit: String,
    pub quantity: Decimal,
    pub price: Money,
    /// The line's amount as `etap_domain::billing` gave it (price × quantity, or the
    /// line's share of an edited stage price): printed as it is.
    pub amount: Money,
}

impl ActItem {
    /// A line as `etap_domain::billing::stage_lines` priced it, its unit in `lang`:
    /// hours («ч») at the rate, or one service («усл.») at its share of the price.
    pub fn from_billed(line: &etap_domain::billing::BilledLine, lang: Lang) -> ActItem {
        let unit = match (line.per_hour, lang) {
            (true, Lang::Ru) => "ч",
            (true, Lang::En) => "h",
            (false, Lang::Ru) => "усл.",
            (false, Lang::En) => "svc",
        };
        ActItem {
            code: line.code.clone(),
            name: line.title.clone(),
            unit: unit.into(),
            quantity: line.quantity,
            price: line.price,
            amount: line.amount,
        }
    }
}

/// The specification (ТЗ) version the work was done under.
#[derive(Debug, Clone)]
pub struct SpecRef {
    /// «ТЗ-2026-014».
    pub code: String,
    /// «1.2».
    pub version: String,
    /// The date the version was approved.
    pub date: NaiveDate,
}

/// The acceptance certificate (акт сдачи-приёмки) of a stage.
#[derive(Debug, Clone)]
pub struct Act {
    pub meta: DocMeta,
    pub lang: Lang,
    pub number: String,
    pub date: NaiveDate,
    pub city: String,
    pub contract: ContractRef,
    /// The ТЗ version the stage delivers.
    pub spec: Option<SpecRef>,
    /// «Этап 2. Личный кабинет клиента».
    pub stage: Option<String>,
    pub contractor: Party,
    pub customer: Party,
    pub items: Vec<ActItem>,
    pub currency: Currency,
    pub vat: VatMode,
    /// Net, VAT and total as `etap_domain::billing::totals` computed them.
    pub totals: Totals,
    /// The frozen code: a tag or a commit hash.
    pub code_ref: Option<String>,
    /// The day the manager accepted the stage (2.6).
    pub accepted_on: Option<NaiveDate>,
}

/// Where a счёт is paid to: the provider's bank requisites.
#[derive(Debug, Clone, Default)]
pub struct BankAccount {
    pub bank_name: String,
    /// БИК.
    pub bik: String,
    /// Корреспондентский счёт.
    pub corr_account: String,
    /// Расчётный счёт.
    pub account: String,
}

/// The invoice (счёт на оплату) of an accepted stage.
#[derive(Debug, Clone)]
pub struct Invoice {
    pub meta: DocMeta,
    pub lang: Lang,
    pub number: String,
    pub date: NaiveDate,
    /// The provider, who is paid.
    pub payee: Party,
    pub bank: BankAccount,
    pub payer: Party,
    pub contract: ContractRef,
    /// The акт the счёт is for: its number and date.
    pub act: Option<(String, NaiveDate)>,
    pub stage: Option<String>,
    pub items: Vec<ActItem>,
    pub currency: Currency,
    pub vat: VatMode,
    pub totals: Totals,
    /// «Оплата по счёту № С-2026-007 от 26.11.2026 за этап 2 по договору № 14/2026.
    /// НДС не облагается.»
    pub purpose: String,
    pub pay_by: Option<NaiveDate>,
    /// The ГОСТ Р 56042-2014 payment text (`etap_domain::payment_qr`); printed as a
    /// QR code. None for an invoice not in roubles.
    pub payment_qr: Option<String>,
}

/// One stage on the final акт.
#[derive(Debug, Clone)]
pub struct FinalActStage {
    /// «Этап 1. Ядро и хранение данных».
    pub title: String,
    /// The stage's акт: number and date.
    pub act_number: String,
    pub act_date: NaiveDate,
    /// The stage's figures, as its акт printed them.
    pub totals: Totals,
}

/// The final acceptance certificate of a whole project (3.3): every stage with its
/// amount and акт, and the totals.
#[derive(Debug, Clone)]
pub struct FinalAct {
    pub meta: DocMeta,
    pub lang: Lang,
    pub number: String,
    pub date: NaiveDate,
    pub city: String,
    pub contract: ContractRef,
    pub spec: Option<SpecRef>,
    /// What was built: «Личный кабинет клиента и интеграция с 1С».
    pub project: String,
    pub contractor: Party,
    pub customer: Party,
    pub stages: Vec<FinalActStage>,
    pub currency: Currency,
    pub vat: VatMode,
    /// The sum of the stages' totals (`etap_domain::billing::sum_totals`).
    pub totals: Totals,
}

#[derive(Debug, Clone)]
pub struct ProposalItem {
    pub name: String,
    pub hours: Decimal,
    /// The hourly rate as entered, all its decimals kept (it is not money to pay).
    pub rate: Decimal,
    /// Rate × hours as `etap_domain::estimate::totals` computed it: the PDF prints the
    /// figure the app shows.
    pub amount: Money,
}

/// The figures under a proposal's table, as `etap_domain::estimate::totals` computed
/// them: the renderer prints them and never recomputes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProposalTotals {
    pub hours: Decimal,
    pub subtotal: Money,
    pub discount: Money,
    pub net: Money,
    pub vat: Money,
    pub total: Money,
}

impl From<&etap_domain::estimate::EstimateTotals> for ProposalTotals {
    fn from(t: &etap_domain::estimate::EstimateTotals) -> ProposalTotals {
        ProposalTotals {
            hours: t.hours,
            subtotal: t.subtotal,
            discount: t.discount,
            net: t.net,
            vat: t.vat,
            total: t.total,
        }
    }
}

/// The commercial proposal (КП) made from an estimate.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub meta: DocMeta,
    pub lang: Lang,
    pub number: String,
    pub date: NaiveDate,
    pub valid_until: NaiveDate,
    pub contractor: Party,
    pub customer: Party,
    pub project: String,
    pub intro: String,
    pub items: Vec<ProposalItem>,
    /// Discount in percent of the work total (0 for none), as the estimate states it.
    pub discount_percent: Decimal,
    /// The estimate's figures: the PDF and the app show one total.
    pub totals: ProposalTotals,
    pub currency: Currency,
    pub vat: VatMode,
    pub timeline: String,
    pub terms: Vec<String>,
    /// The contractor's logo (PNG or JPEG) for the letterhead, if there is one.
    pub logo: Option<crate::image::Image>,
}

const RU_MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// «26 ноября 2026 г.» / "26 November 2026" (day and month joined by NO-BREAK SPACE).
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    let m = d.month0() as usize;
    match lang {
        Lang::Ru => format!(
            "{}\u{a0}{} {}\u{a0}г.",
            d.day(),
            RU_MONTHS_GENITIVE[m % 12],
            d.year()
        ),
        Lang::En => format!("{}\u{a0}{} {}", d.day(), EN_MONTHS[m % 12], d.year()),
    }
}

/// «26.11.2026».
pub fn short_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}
