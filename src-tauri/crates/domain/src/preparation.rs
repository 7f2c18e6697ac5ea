//! The preparation phase's records: the client's request (1.1), clarification
//! questions (1.2) and the team the specification is handed to (1.6).
//! Estimates and offers (1.3–1.4) live in [`crate::estimate`].

use serde::{Deserialize, Serialize};

use crate::party::FieldWarning;
use crate::text::Text;

/// How a request reached the manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RequestSource {
    #[default]
    Mail,
    Call,
    Meeting,
    Other,
}

impl RequestSource {
    pub const ALL: [RequestSource; 4] = [
        RequestSource::Mail,
        RequestSource::Call,
        RequestSource::Meeting,
        RequestSource::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestSource::Mail => "mail",
            RequestSource::Call => "call",
            RequestSource::Meeting => "meeting",
            RequestSource::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<RequestSource> {
        RequestSource::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Step 1.1: what the client asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Request {
    pub title: String,
    pub description: String,
    pub source: RequestSource,
    /// ISO date (YYYY-MM-DD) the request came in; empty when unknown.
    pub received_on: String,
    /// ISO date the client would like it done by; empty when not said.
    pub desired_deadline: String,
    /// References to files (paths or links); the files themselves stay where they are.
    pub attachments: Vec<String>,
}

/// The first year a date in a project record is believable in: this app carries
/// current client work, so an earlier year is almost surely a typo (1900, 0202).
pub const PLAUSIBLE_FROM_YEAR: i32 = 2000;
/// How many years ahead of today a date is believable: no request, offer or handover
/// is planned further ahead (9999 is a placeholder or a slip of the keyboard).
pub const PLAUSIBLE_YEARS_AHEAD: u32 = 20;

/// Checks an ISO date field: empty is allowed (a draft), otherwise it must be a real
/// calendar date, and one between 1 January [`PLAUSIBLE_FROM_YEAR`] and
/// [`PLAUSIBLE_YEARS_AHEAD`] years after `today`. Each is a warning beside the saved
/// record, never a refusal: a draft is never lost to validation.
pub fn check_date(
    field: &'static str,
    value: &str,
    today: chrono::NaiveDate,
) -> Option<crate::party::FieldWarning> {
    use chrono::Datelike;
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let warning = |ru: String, en: String| {
        Some(crate::party::FieldWarning {
            field,
            message: Text::new(ru, en),
        })
    };
    let Ok(date) = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") else {
        return warning(
            // The window shows dates as 31.05.2027 / 31/05/2027.
            "Дата должна быть настоящей датой, например 31.05.2027.".into(),
            "The date must be a real date, e.g. 31/05/2027.".into(),
        );
    };
    let shown = date.format("%d.%m.%Y");
    if date.year() < PLAUSIBLE_FROM_YEAR {
        return warning(
            format!("Дата {shown} раньше {PLAUSIBLE_FROM_YEAR} года — проверьте год."),
            format!(
                "The date {} is before {PLAUSIBLE_FROM_YEAR} — check the year.",
                date.format("%Y-%m-%d")
            ),
        );
    }
    let horizon = today
        .checked_add_months(chrono::Months::new(12 * PLAUSIBLE_YEARS_AHEAD))
        .unwrap_or(chrono::NaiveDate::MAX);
    if date > horizon {
        return warning(
            format!("Дата {shown} позже, чем через {PLAUSIBLE_YEARS_AHEAD} лет, — проверьте год."),
            format!(
                "The date {} is more than {PLAUSIBLE_YEARS_AHEAD} years ahead — check the year.",
                date.format("%Y-%m-%d")
            ),
        );
    }
    None
}

impl Request {
    /// Warnings about the request's dates, as of `today`.
    pub fn check(&self, today: chrono::NaiveDate) -> Vec<crate::party::FieldWarning> {
        let mut w: Vec<_> = [
            check_date("received_on", &self.received_on, today),
            check_date("desired_deadline", &self.desired_deadline, today),
        ]
        .into_iter()
        .flatten()
        .collect();
        if let (Ok(a), Ok(b)) = (
            chrono::NaiveDate::parse_from_str(self.received_on.trim(), "%Y-%m-%d"),
            chrono::NaiveDate::parse_from_str(self.desired_deadline.trim(), "%Y-%m-%d"),
        ) {
            if b < a {
                w.push(crate::party::FieldWarning {
                    field: "desired_deadline",
                    message: Text::new(
                        "Желаемый срок раньше даты запроса.",
                        "The desired deadline is before the request date.",
                    ),
                });
            }
        }
        w
    }
}

/// Where a clarification question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum QuestionStatus {
    Open,
    Answered,
    /// Put off on purpose: does not block the estimate.
    Deferred,
}

impl QuestionStatus {
    pub fn code(self) -> &'static str {
        match self {
            QuestionStatus::Open => "open",
            QuestionStatus::Answered => "answered",
            QuestionStatus::Deferred => "deferred",
        }
    }

    pub fn from_code(code: &str) -> Option<QuestionStatus> {
        [
            QuestionStatus::Open,
            QuestionStatus::Answered,
            QuestionStatus::Deferred,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// A question asked to the client at 1.2, kept per negotiation round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Question {
    pub id: i64,
    /// The negotiation round it was asked in.
    pub round: u32,
    pub text: String,
    pub answer: String,
    pub status: QuestionStatus,
}

/// Free notes of one clarification round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoundNotes {
    pub round: u32,
    pub notes: String,
}

/// The roles the specification is handed to at 1.6. A freelancer holds all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    DevOps,
    Developer,
    Tester,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::DevOps, Role::Developer, Role::Tester];

    pub fn name(self) -> Text {
        match self {
            Role::DevOps => Text::new("DevOps", "DevOps"),
            Role::Developer => Text::new("разработчик", "developer"),
            Role::Tester => Text::new("тестировщик", "tester"),
        }
    }
}

/// A member of the delivery team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeamMember {
    pub id: i64,
    pub name: String,
    pub contact: String,
    pub devops: bool,
    pub developer: bool,
    pub tester: bool,
}

impl TeamMember {
    pub fn has(&self, role: Role) -> bool {
        match role {
            Role::DevOps => self.devops,
            Role::Developer => self.developer,
            Role::Tester => self.tester,
        }
    }
}

/// The handover of the specification to the team (1.6).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Handover {
    /// ISO date; empty until set.
    pub date: String,
    pub note: String,
}

/// The roles nobody in `team` holds.
pub fn missing_roles(team: &[TeamMember]) -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|r| !team.iter().any(|m| m.has(*r)))
        .collect()
}

/// The request of a project with its warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestCard {
    pub request: Request,
    pub warnings: Vec<FieldWarning>,
}

/// What the clarification step shows: every round's questions and notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Clarification {
    /// The current negotiation round: new questions are asked in it.
    pub round: u32,
    pub questions: Vec<Question>,
    pub notes: Vec<RoundNotes>,
    /// What the last save of a question could not keep (an emptied question: its
    /// answer and status are stored); empty when the card is only read.
    pub refused: Vec<crate::draft::FieldError>,
}

/// The team of a project and the handover record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeamCard {
    pub members: Vec<TeamMember>,
    pub handover: Handover,
    pub warnings: Vec<FieldWarning>,
    /// What the last save of a member could not keep (an emptied or too long name:
    /// the rest of the row is stored); empty when the card is only read.
    pub refused: Vec<crate::draft::FieldError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_freelancer_holds_every_role() {
        let me = TeamMember {
            id: 1,
            name: "Анна".into(),
            contact: "anna@example.ru".into(),
            devops: true,
            developer: true,
            tester: true,
        };
        assert!(missing_roles(std::slice::from_ref(&me)).is_empty());
        let dev = TeamMember {
            devops: false,
            tester: false,
            ..me
        };
        assert_eq!(missing_roles(&[dev]), [Role::DevOps, Role::Tester]);
    }

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    /// Issue 9: dates in 1900 or 9999 were taken without a word.
    #[test]
    fn implausible_years_are_warned_about() {
        let warned = |d: &str| check_date("date", d, today()).map(|w| w.message.ru);
        for ok in ["2000-01-01", "2026-11-30", "2046-11-30"] {
            assert_eq!(warned(ok), None, "{ok}");
        }
        let w = warned("1900-05-01").unwrap();
        assert!(w.contains("01.05.1900") && w.contains("2000"), "{w}");
        let w = warned("9999-12-31").unwrap();
        assert!(w.contains("31.12.9999") && w.contains("20 лет"), "{w}");
        assert!(warned("2046-12-01").is_some());
        assert!(warned("1999-12-31").is_some());
        let r = Request {
            received_on: "1900-01-01".into(),
            desired_deadline: "9999-01-01".into(),
            ..Request::default()
        };
        let fields: Vec<&str> = r.check(today()).iter().map(|w| w.field).collect();
        assert_eq!(fields, ["received_on", "desired_deadline"]);
    }

    #[test]
    fn request_dates_are_checked_but_may_be_empty() {
        assert!(Request::default().check(today()).is_empty());
        let r = Request {
            received_on: "2026-11-20".into(),
            desired_deadline: "2026-02-30".into(),
            ..Request::default()
        };
        assert_eq!(r.check(today())[0].field, "desired_deadline");
        let r = Request {
            received_on: "2026-11-20".into(),
            desired_deadline: "2026-11-01".into(),
            ..Request::default()
        };
        assert!(r.check(today())[0]
            .message
            .en
            .contains("before the request date"));
    }

    /// Issue 9: dates in 1900 or 9999 were taken without a word.
    #[test]
    fn a_year_far_from_now_is_warned_about() {
        for (date, year) in [("1900-01-01", "1900"), ("9999-12-31", "9999")] {
            let w = check_date("deadline", date, today()).expect("warned");
            assert_eq!(w.field, "deadline");
            assert!(
                w.message.ru.contains("проверьте год"),
                "{year}: {}",
                w.message.ru
            );
        }
        assert!(check_date("deadline", "2027-05-31", today()).is_none());
        let w = check_date("deadline", "31.02.2027", today()).unwrap();
        assert!(w.message.ru.contains("например 31.05.2027"));
    }
}
