//! Governance: review cadence against `[governance]`, and change requests
//! left undecided.

use super::days_between;
use crate::config::Config;
use crate::model::Roadmap;
use jiff::civil::Date as Day;
use serde::Serialize;

/// A proposed change older than this is a finding.
pub const PENDING_CHANGE_DAYS: i64 = 30;

#[derive(Debug, Clone, Serialize)]
pub struct Cadence {
    pub kind: &'static str,
    pub required_days: i64,
    /// Latest review of this kind on or before today: (id, date).
    pub last: Option<(String, Day)>,
    pub days_since: Option<i64>,
    pub lapsed: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct GovernanceFacts {
    pub cadence: Vec<Cadence>,
    /// Proposed change requests older than [`PENDING_CHANGE_DAYS`]: (id, days).
    pub stale_changes: Vec<(String, i64)>,
}

pub fn analyse(r: &Roadmap, config: &Config) -> GovernanceFacts {
    let today: Day = config.today.day;
    let g = &config.governance;
    let cadence = [
        ("strategic", g.strategic_review_days),
        ("operational", g.operational_review_days),
    ]
    .into_iter()
    .map(|(kind, required_days)| {
        let last = r
            .reviews
            .iter()
            .filter(|v| v.kind == kind && v.date.day <= today)
            .max_by(|a, b| a.date.cmp(&b.date).then(b.meta.id.cmp(&a.meta.id)))
            .map(|v| (v.meta.id.clone(), v.date.day));
        let days_since = last.as_ref().map(|(_, d)| days_between(*d, today));
        Cadence {
            kind,
            required_days,
            lapsed: days_since.is_none_or(|d| d > required_days),
            last,
            days_since,
        }
    })
    .collect();
    let stale_changes = r
        .changes
        .iter()
        .filter(|c| c.waits(today))
        .map(|c| (c.meta.id.clone(), days_between(c.date.day, today)))
        .filter(|(_, days)| *days > PENDING_CHANGE_DAYS)
        .collect();
    GovernanceFacts {
        cadence,
        stale_changes,
    }
}
