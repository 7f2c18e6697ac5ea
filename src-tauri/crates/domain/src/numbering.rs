//! Document numbers: the one rule for what number the next issued document gets.
//!
//! - A КП and a ТЗ are numbered within their project: `КП-12-3` is the third КП of
//!   project 12.
//! - Акты and счета are accounting documents: numbered per provider (the database's one
//!   provider profile) per calendar year, without gaps — `А-2026-007`, `С-2026-007`,
//!   the year of the document's date and its sequence number of at least three digits.
//!
//! The storage layer passes the numbers already issued and takes the next one inside
//! the transaction that records the document, after its file was written, so a failed
//! export never uses up a number (`etap_storage::Store::issue_document`).

use crate::entity::DocKind;

/// How a kind of document counts its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// Within one project: `КП-12-3`.
    Project(i64),
    /// Within one calendar year, across projects: `А-2026-007`.
    Year(i32),
    /// The documents of a demo project, within that project: `А-ДЕМО-5-1`. They are
    /// examples, not accounting documents, so they never take a number of the year's
    /// series — a user's first real акт of the year is still `А-2026-001`.
    Demo(i64),
}

/// The series a document of `kind` for `project_id`, dated in `year`, belongs to;
/// `demo` when the project is one of the demo projects the app creates on first run.
pub fn series(kind: DocKind, project_id: i64, year: i32, demo: bool) -> Series {
    match kind {
        DocKind::Proposal | DocKind::Specification => Series::Project(project_id),
        DocKind::Act | DocKind::Invoice if demo => Series::Demo(project_id),
        DocKind::Act | DocKind::Invoice => Series::Year(year),
    }
}

/// The number the next document of `kind` in `series` gets, given the numbers of that
/// kind already issued (of any series: those of other years or projects are ignored).
pub fn next_number<'a>(
    kind: DocKind,
    series: Series,
    issued: impl IntoIterator<Item = &'a str>,
) -> String {
    let stem = match series {
        Series::Project(p) => format!("{}-{p}-", kind.prefix()),
        Series::Year(y) => format!("{}-{y}-", kind.prefix()),
        Series::Demo(p) => format!("{}-ДЕМО-{p}-", kind.prefix()),
    };
    // The highest sequence number in the series, not the count: equal while the
    // register has no gaps, and never a duplicate if it ever had one.
    let last = issued
        .into_iter()
        .filter_map(|n| n.strip_prefix(&stem))
        .filter_map(|seq| seq.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    match series {
        Series::Project(_) | Series::Demo(_) => format!("{stem}{}", last + 1),
        Series::Year(_) => format!("{stem}{:03}", last + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The delivered demo project's акты took А-2026-001…003, so a user's first real акт
    /// was А-2026-004: a demo's documents are numbered apart.
    #[test]
    fn a_demo_projects_acts_leave_the_years_series_untouched() {
        let demo = next_number(DocKind::Act, series(DocKind::Act, 2, 2026, true), []);
        assert_eq!(demo, "А-ДЕМО-2-1");
        let issued = [demo.as_str(), "А-ДЕМО-2-2"];
        assert_eq!(
            next_number(DocKind::Act, series(DocKind::Act, 2, 2026, true), issued),
            "А-ДЕМО-2-3"
        );
        assert_eq!(
            next_number(DocKind::Act, series(DocKind::Act, 7, 2026, false), issued),
            "А-2026-001"
        );
    }

    #[test]
    fn acts_and_invoices_count_per_year_across_projects_each_in_its_own_series() {
        let issued = [
            "А-2026-001",
            "А-2026-002",
            "А-2025-014",
            "С-2026-009",
            "КП-3-1",
        ];
        let next = |kind, year| next_number(kind, series(kind, 3, year, false), issued);
        assert_eq!(next(DocKind::Act, 2026), "А-2026-003");
        assert_eq!(next(DocKind::Act, 2025), "А-2025-015");
        assert_eq!(next(DocKind::Act, 2027), "А-2027-001");
        assert_eq!(next(DocKind::Invoice, 2026), "С-2026-010");
        assert_eq!(
            next_number(DocKind::Invoice, Series::Year(2026), ["С-2026-999"]),
            "С-2026-1000"
        );
    }

    #[test]
    fn proposals_and_specifications_keep_counting_within_their_project() {
        let issued = ["КП-3-1", "КП-3-2", "КП-4-1", "ТЗ-3-1"];
        let next = |kind, project| next_number(kind, series(kind, project, 2026, false), issued);
        assert_eq!(next(DocKind::Proposal, 3), "КП-3-3");
        assert_eq!(next(DocKind::Proposal, 4), "КП-4-2");
        assert_eq!(next(DocKind::Specification, 3), "ТЗ-3-2");
        assert_eq!(next(DocKind::Specification, 5), "ТЗ-5-1");
    }
}
