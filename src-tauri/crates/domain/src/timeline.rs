//! A project's timeline: its development stages on a time axis, planned against
//! actual (the day each was accepted), with the lifecycle history as markers. Every
//! position is given as a day offset from the axis start, so the window only scales
//! days to pixels.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::entity::HistoryEntry;
use crate::lifecycle::{LoopKind, Step};
use crate::text::Text;

/// A stage as storage read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageDates {
    pub number: u32,
    pub title: String,
    pub planned_start: String,
    pub planned_end: String,
    /// The acceptance date of a stage accepted at 2.6.
    pub accepted_on: Option<String>,
}

/// One stage bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimelineStage {
    pub number: u32,
    pub title: String,
    /// `YYYY-MM-DD`, when planned.
    pub planned_start: Option<String>,
    pub planned_end: Option<String>,
    pub accepted_on: Option<String>,
    /// Days from the axis start: the planned bar, and the day it was accepted.
    pub start_day: Option<i64>,
    pub end_day: Option<i64>,
    pub accepted_day: Option<i64>,
    /// Accepted after its planned end, or not accepted and its end has passed.
    pub late: bool,
}

/// One transition of the history on the axis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimelineMarker {
    pub date: String,
    pub day: i64,
    /// «1.4 → 1.2 Клиент отказался».
    pub label: Text,
    pub to: Step,
    pub loop_kind: Option<LoopKind>,
}

/// The timeline of one project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Timeline {
    /// The axis: from `start` to `start + days`, `YYYY-MM-DD`.
    pub start: String,
    pub days: i64,
    pub today_day: i64,
    pub stages: Vec<TimelineStage>,
    pub markers: Vec<TimelineMarker>,
    /// The first day of each month on the axis, for the ticks: (day, `YYYY-MM-01`).
    pub months: Vec<(i64, String)>,
}

fn parse(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// The day of an RFC 3339 time (the history's), or of a plain date.
fn day_of(at: &str) -> Option<NaiveDate> {
    at.get(..10).and_then(parse)
}

/// Builds the timeline (`history` oldest first).
pub fn timeline(stages: &[StageDates], history: &[HistoryEntry], today: NaiveDate) -> Timeline {
    let mut dates: Vec<NaiveDate> = vec![today];
    for s in stages {
        dates.extend(
            [
                parse(&s.planned_start),
                parse(&s.planned_end),
                s.accepted_on.as_deref().and_then(parse),
            ]
            .into_iter()
            .flatten(),
        );
    }
    dates.extend(history.iter().filter_map(|h| day_of(&h.at)));
    let start = *dates.iter().min().unwrap_or(&today);
    let end = *dates.iter().max().unwrap_or(&today);
    let day = |d: NaiveDate| (d - start).num_days();
    let stages = stages
        .iter()
        .map(|s| {
            let (ps, pe) = (parse(&s.planned_start), parse(&s.planned_end));
            let acc = s.accepted_on.as_deref().and_then(parse);
            let late = match (pe, acc) {
                (Some(e), Some(a)) => a > e,
                (Some(e), None) => today > e,
                _ => false,
            };
            TimelineStage {
                number: s.number,
                title: s.title.clone(),
                planned_start: ps.map(|d| d.to_string()),
                planned_end: pe.map(|d| d.to_string()),
                accepted_on: acc.map(|d| d.to_string()),
                start_day: ps.map(day),
                end_day: pe.map(day),
                accepted_day: acc.map(day),
                late,
            }
        })
        .collect();
    let markers = history
        .iter()
        .filter_map(|h| {
            let d = day_of(&h.at)?;
            let arrow = format!(
                "{} → {}",
                h.from.number().unwrap_or("—"),
                h.to.number().unwrap_or("—")
            );
            let label = h.action.kind().label();
            Some(TimelineMarker {
                date: d.to_string(),
                day: day(d),
                label: Text::new(
                    format!("{arrow} {}", label.ru),
                    format!("{arrow} {}", label.en),
                ),
                to: h.to,
                loop_kind: h.action.kind().loop_kind(),
            })
        })
        .collect();
    let mut months = Vec::new();
    let mut m = start.with_day(1).unwrap_or(start);
    while m <= end {
        if m >= start {
            months.push((day(m), m.to_string()));
        }
        match m.checked_add_months(chrono::Months::new(1)) {
            Some(next) => m = next,
            None => break,
        }
    }
    Timeline {
        start: start.to_string(),
        days: day(end).max(1),
        today_day: day(today),
        stages,
        markers,
        months,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::Action;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    fn entry(at: &str, action: Action, from: Step, to: Step) -> HistoryEntry {
        HistoryEntry {
            id: 1,
            at: at.into(),
            action,
            from,
            to,
            round: 1,
            stage: 0,
            comment: String::new(),
        }
    }

    fn stage(n: u32, start: &str, end: &str, accepted: Option<&str>) -> StageDates {
        StageDates {
            number: n,
            title: format!("Этап {n}"),
            planned_start: start.into(),
            planned_end: end.into(),
            accepted_on: accepted.map(str::to_string),
        }
    }

    #[test]
    fn stages_are_placed_in_days_from_the_first_date_with_planned_against_actual() {
        let history = [
            entry(
                "2026-10-01T09:00:00Z",
                Action::StartClarification,
                Step::Request,
                Step::Clarification,
            ),
            entry(
                "2026-10-05T09:00:00Z",
                Action::RefuseOffer,
                Step::Negotiation,
                Step::Clarification,
            ),
        ];
        let stages = [
            stage(1, "2026-10-10", "2026-10-20", Some("2026-10-25")),
            stage(2, "2026-10-21", "2026-11-10", None),
        ];
        let t = timeline(&stages, &history, d("2026-11-15"));
        assert_eq!(t.start, "2026-10-01");
        assert_eq!(t.days, 45);
        assert_eq!(t.today_day, 45);
        let s1 = &t.stages[0];
        assert_eq!(
            (s1.start_day, s1.end_day, s1.accepted_day),
            (Some(9), Some(19), Some(24))
        );
        assert!(s1.late, "accepted five days after its planned end");
        assert!(t.stages[1].late, "not accepted and its end has passed");
        assert_eq!(t.markers.len(), 2);
        assert_eq!(t.markers[1].day, 4);
        assert_eq!(t.markers[1].loop_kind, Some(LoopKind::Refusal));
        assert!(t.markers[1].label.ru.starts_with("1.4 → 1.2"));
        let months: Vec<&str> = t.months.iter().map(|m| m.1.as_str()).collect();
        assert_eq!(months, ["2026-10-01", "2026-11-01"]);
    }

    #[test]
    fn a_stage_accepted_on_time_or_without_dates_is_not_late() {
        let stages = [
            stage(1, "2026-10-10", "2026-10-20", Some("2026-10-20")),
            stage(2, "", "", None),
        ];
        let t = timeline(&stages, &[], d("2026-12-01"));
        assert!(!t.stages[0].late);
        assert!(!t.stages[1].late);
        assert_eq!(t.stages[1].start_day, None);
    }
}
