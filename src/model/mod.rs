//! The typed roadmap: every kind of SPEC section 1, ids, resolved references
//! and backlinks. Built once by [`build::build`]; everything downstream reads
//! it and never changes it.

pub mod build;
mod capability;
mod change;
mod data_files;
mod initiative;
mod kpi;
mod outcome;
mod page;
mod read;
pub mod reference;
mod review;
mod risk;
mod team;

/// What a change request's `affects:` names besides milestones.
pub const CHANGE_AFFECTS: &[Kind] = &[Kind::Initiative, Kind::Kpi, Kind::Outcome, Kind::Team];
/// What a RAID item's `affects:` names besides milestones.
pub const RISK_AFFECTS: &[Kind] = &[Kind::Initiative, Kind::Outcome];

pub use risk::RISK_RELATION;

use crate::base::date::Date;
use crate::base::sym::Sym;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Outcome,
    Initiative,
    Kpi,
    Team,
    Capability,
    Change,
    Review,
    Risk,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Outcome,
        Kind::Initiative,
        Kind::Kpi,
        Kind::Team,
        Kind::Capability,
        Kind::Change,
        Kind::Review,
        Kind::Risk,
        Kind::Page,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Outcome => "outcome",
            Kind::Initiative => "initiative",
            Kind::Kpi => "kpi",
            Kind::Team => "team",
            Kind::Capability => "capability",
            Kind::Change => "change",
            Kind::Review => "review",
            Kind::Risk => "risk",
            Kind::Page => "page",
        }
    }

    /// The folder under `content/` and in the site.
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Outcome => "outcomes",
            Kind::Initiative => "initiatives",
            Kind::Kpi => "kpis",
            Kind::Team => "teams",
            Kind::Capability => "capabilities",
            Kind::Change => "changes",
            Kind::Review => "reviews",
            Kind::Risk => "risks",
            Kind::Page => "pages",
        }
    }

    pub fn plural_title(self) -> &'static str {
        match self {
            Kind::Outcome => "Outcomes",
            Kind::Initiative => "Initiatives",
            Kind::Kpi => "KPIs",
            Kind::Team => "Teams",
            Kind::Capability => "Capabilities",
            Kind::Change => "Change requests",
            Kind::Review => "Reviews",
            Kind::Risk => "RAID log",
            Kind::Page => "Pages",
        }
    }

    pub fn singular_title(self) -> &'static str {
        match self {
            Kind::Outcome => "Outcome",
            Kind::Initiative => "Initiative",
            Kind::Kpi => "KPI",
            Kind::Team => "Team",
            Kind::Capability => "Capability",
            Kind::Change => "Change request",
            Kind::Review => "Review",
            Kind::Risk => "RAID item",
            Kind::Page => "Page",
        }
    }

    pub fn from_dir(dir: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.dir() == dir && *k != Kind::Page)
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// What every document has.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub id: String,
    pub kind: Kind,
    pub title: String,
    /// Source path relative to the project root.
    pub path: String,
    /// Site path relative to the site root, e.g. `initiatives/erp-cloud.html`.
    pub url: String,
    #[serde(skip)]
    pub body: String,
    /// Source path relative to the content folder: where the body's
    /// relative links start from, the same in every version.
    #[serde(skip)]
    pub rel: String,
    /// The body's heading ids and links.
    #[serde(skip)]
    pub outline: crate::parse::markdown::Outline,
    /// Lines before the body in the source file.
    #[serde(skip)]
    pub body_offset: u32,
    /// Line of the `title` field (else 1), where document-level findings point.
    #[serde(skip)]
    pub line: u32,
    pub extra: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    #[serde(flatten)]
    pub meta: Meta,
    pub owner: String,
    pub category: Option<String>,
    pub horizon: Option<Date>,
    /// Where `horizon` is written, where horizon findings point.
    #[serde(skip)]
    pub horizon_span: Option<crate::diag::Span>,
    pub kpis: Vec<String>,
    pub description: Option<String>,
    /// No longer pursued from this date on: it stays on record, and no
    /// finding asks that work serve it or that its horizon hold.
    pub retired: Option<Date>,
    /// Where `retired:` is written, for a finding about it.
    #[serde(skip)]
    pub retired_span: Option<crate::diag::Span>,
}

impl Outcome {
    /// Whether it is retired by `day` (a date still ahead is not yet).
    pub fn retired_by(&self, day: jiff::civil::Date) -> bool {
        self.retired.as_ref().is_some_and(|d| d.day <= day)
    }
}

/// Person-days per team id, sorted by team. A vector, not a map: every
/// initiative of every version the history keeps has one, most of one
/// team, and a `BTreeMap`'s first node takes 370 bytes (33 MB at 10,000
/// initiatives with 8 snapshots, heaptrack).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Effort(Box<[(String, f64)]>);

impl Effort {
    pub fn get(&self, team: &str) -> Option<&f64> {
        self.0
            .binary_search_by(|(t, _)| t.as_str().cmp(team))
            .ok()
            .map(|k| &self.0[k].1)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &f64)> {
        self.0.iter().map(|(t, d)| (t, d))
    }
}

impl From<BTreeMap<String, f64>> for Effort {
    fn from(map: BTreeMap<String, f64>) -> Effort {
        Effort(map.into_iter().collect())
    }
}

impl<'a> IntoIterator for &'a Effort {
    type Item = (&'a String, &'a f64);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, f64)>,
        fn(&'a (String, f64)) -> (&'a String, &'a f64),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(t, d)| (t, d))
    }
}

/// As the map it stands for: `{"team": days}`.
impl Serialize for Effort {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Initiative {
    #[serde(flatten)]
    pub meta: Meta,
    pub owner: Sym,
    pub outcomes: Vec<Sym>,
    /// Without `outcomes:`, the outcomes listed under a field that
    /// misspells it (`outcoms: [x]`): the outcome left unserved is told
    /// where it is listed (it was told only to list it).
    #[serde(skip)]
    pub outcomes_misspelt: Option<Box<Misspelt>>,
    pub status: Sym,
    pub health: Option<Sym>,
    /// Line of the `health` field, where health findings point.
    #[serde(skip)]
    pub health_line: Option<u32>,
    /// Where `end` is written, where date findings point.
    #[serde(skip)]
    pub end_span: Option<crate::diag::Span>,
    #[serde(skip)]
    pub layer_span: Option<crate::diag::Span>,
    pub layer: Option<Sym>,
    pub teams: Vec<Sym>,
    /// Person-days per team id.
    pub effort: Effort,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub depends_on: Vec<Sym>,
    pub capabilities: Vec<Sym>,
    pub priority: Option<i64>,
    pub sponsor: Option<Sym>,
    pub tags: Vec<Sym>,
    pub budget: Option<Budget>,
    /// A `budget` was written but could not be read (its error is
    /// reported): no budget rule concludes from its absence.
    #[serde(skip)]
    pub budget_unreadable: bool,
    /// A `start` or `end` was written but could not be read (its error is
    /// reported): the plan of its money over time falls back to other
    /// dates, so no budget rule concludes from it.
    #[serde(skip)]
    pub dates_unreadable: bool,
    /// What it spent, per period (the date is the period's first day).
    pub spend: Vec<DataPoint>,
    /// Where each amount of `spend` is written (`spend:` or the data
    /// file's row), for the findings about one of them; dropped from a
    /// version read for the history alone.
    #[serde(skip)]
    pub spend_at: Vec<FigureAt>,
    /// Where `spend` (else `spend_file`) is written.
    #[serde(skip)]
    pub spend_span: Option<crate::diag::Span>,
    pub spend_file: Option<String>,
    /// Some amount of `spend` or its file could not be read (the error is
    /// told): an amount missing is a typo, not a restatement to decide.
    #[serde(skip)]
    pub spend_incomplete: bool,
    pub milestones: Vec<Milestone>,
    /// Some milestone of the file could not be read (it was reported):
    /// history must not take its absence for a removal.
    #[serde(skip)]
    pub milestones_incomplete: bool,
    /// Global ids of the milestones that could not be read (reported with
    /// their file): references to them are not "unknown".
    #[serde(skip)]
    pub dropped_milestones: Vec<String>,
}

/// A list written under a misspelt field: the name written, its line,
/// the ids listed.
#[derive(Debug, Clone)]
pub struct Misspelt {
    pub name: String,
    pub line: u32,
    pub ids: Vec<Sym>,
}

impl Initiative {
    /// The milestone of its own that a mistyped or partial id means: the
    /// one whose id holds `wanted` (`cutover` of `test-cutover`), else the
    /// nearest. Shared by the check's suggestions and `roadbook new`.
    pub fn milestone_meant(&self, wanted: &str) -> Option<&str> {
        let ids = || self.milestones.iter().map(|m| m.id.as_str());
        let holding: Vec<&str> = ids().filter(|id| id.contains(wanted)).collect();
        match holding[..] {
            [only] if !wanted.is_empty() => Some(only),
            _ => crate::diag::closest(wanted, ids()),
        }
    }

    /// Done and cancelled work is not part of the live roadmap; neither is
    /// backlog (work that serves no outcome).
    pub fn is_backlog(&self) -> bool {
        self.outcomes.is_empty()
    }

    pub fn is_closed(&self) -> bool {
        self.status == "done" || self.status == "cancelled"
    }
}

/// A name in the `initiative` column of a spend file some initiative
/// reads (one finance export shared by several), and where its first row
/// is (the file's path as shown, and the cell).
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerName {
    pub initiative: String,
    pub path: String,
    pub span: crate::diag::Span,
    /// What its rows hold, summed by their currency's code (`None`: none
    /// written), with how many rows (an amount that is not a number counts
    /// as 0): when no initiative reads them, money no total counts.
    pub amounts: Vec<(Option<String>, f64, usize)>,
}

impl LedgerName {
    /// What its rows hold in `currency` (`[budget] currency`), and over
    /// how many rows: those with no currency written, and those in it
    /// under any of its names.
    pub fn in_currency(&self, currency: &str) -> (f64, usize) {
        self.split(currency, true)
            .fold((0.0, 0), |(a, n), (_, v, k)| (a + v, n + k))
    }

    /// What its rows hold in other currencies, each by its code.
    pub fn in_others(&self, currency: &str) -> impl Iterator<Item = (&str, f64, usize)> + '_ {
        self.split(currency, false)
            .map(|(c, v, k)| (c.unwrap_or_default(), v, k))
    }

    fn split<'a>(
        &'a self,
        currency: &str,
        ours: bool,
    ) -> impl Iterator<Item = (Option<&'a str>, f64, usize)> + 'a {
        let code = crate::words::currency_code(currency);
        self.amounts
            .iter()
            .filter(move |(theirs, _, _)| theirs.as_deref().is_none_or(|t| t == code) == ours)
            .map(|(c, v, k)| (c.as_deref(), *v, *k))
    }
}

/// What an initiative may spend: a total, or amounts per period.
#[derive(Debug, Clone, Serialize)]
pub struct Budget {
    /// The whole amount; for amounts per period, their sum.
    pub total: f64,
    /// Each period's first day and amount (a quarter, a month or a day,
    /// as written); empty for a total.
    pub periods: Vec<(Date, f64)>,
    /// Where `budget` is written, where budget findings point.
    #[serde(skip)]
    pub span: Option<crate::diag::Span>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    /// Local id, unique within the initiative.
    pub id: Sym,
    /// `<initiative>/<id>`.
    pub gid: Sym,
    pub initiative: Sym,
    pub title: Sym,
    pub due: Date,
    pub owner: Sym,
    pub criteria: Vec<Sym>,
    /// A criterion was the placeholder `roadbook new` writes (its finding
    /// is told; it is not counted as one).
    #[serde(skip)]
    pub criteria_placeholder: bool,
    pub done: Option<Date>,
    /// A `done:` whose period had not begun on the roadmap's day: set
    /// aside, and the milestone counted open (`done-in-the-future` says
    /// so). Counted done, a date a quarter ahead cleared its slip, its
    /// overdue finding and its initiative's red health.
    #[serde(skip)]
    pub done_ahead: Option<Date>,
    pub baseline: Option<Date>,
    pub gate: bool,
    pub depends_on: Vec<Sym>,
    /// Source line of the milestone's entry, for diagnostics.
    #[serde(skip)]
    pub line: u32,
    #[serde(skip)]
    pub col: u32,
    /// Where `due` and `done` are written, where date findings point.
    #[serde(skip)]
    pub due_span: Option<crate::diag::Span>,
    #[serde(skip)]
    pub done_span: Option<crate::diag::Span>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DataPoint {
    pub date: Date,
    pub value: f64,
    pub target: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Kpi {
    #[serde(flatten)]
    pub meta: Meta,
    /// business or delivery (`meta.kind` is the document kind).
    #[serde(rename = "kpi_kind")]
    pub kind: String,
    pub unit: Option<String>,
    pub direction: String,
    pub outcomes: Vec<String>,
    pub target: Option<f64>,
    /// Stepped target: from each date on, the value.
    pub targets: Vec<(Date, f64)>,
    pub baseline: Option<f64>,
    pub data: Vec<DataPoint>,
    pub data_file: Option<String>,
    /// No longer measured from this date on: its figures stay on record,
    /// and it neither counts among the KPIs of the day nor goes stale.
    pub retired: Option<Date>,
    /// Where `retired:` is written, for a finding about it.
    #[serde(skip)]
    pub retired_span: Option<crate::diag::Span>,
    /// Where the inline `data:` is written, for a finding about its
    /// figures.
    #[serde(skip)]
    pub data_span: Option<crate::diag::Span>,
    /// Its data file could not be read (the error is told): "no data"
    /// would be a second finding for one mistake.
    #[serde(skip)]
    pub data_unreadable: bool,
    /// Some figure of `data` or its file could not be read (the error is
    /// told): a figure missing is a typo, not a restatement to decide.
    #[serde(skip)]
    pub figures_incomplete: bool,
    /// A `target` or `targets` was written but could not be read (the
    /// error is told): "no target" would be a second finding.
    #[serde(skip)]
    pub target_unreadable: bool,
    /// Where each figure of `data` is written, for a finding about that
    /// figure (one dated ahead, one restated) to point at its line, not
    /// at the first line of `data:`.
    #[serde(skip)]
    pub figures_at: Vec<FigureAt>,
}

/// Where one of a KPI's figures is written: its line in `data:`, or its
/// row in the KPI's data file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FigureAt {
    pub day: jiff::civil::Date,
    pub precision: crate::base::date::Precision,
    pub in_data_file: bool,
    pub span: crate::diag::Span,
}

/// Where a RAID item's fields are written (see [`Risk::fields_at`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct RiskFieldsAt {
    pub reviewed: Option<crate::diag::Span>,
    pub status: Option<crate::diag::Span>,
    /// `probability`, else `impact`.
    pub scores: Option<crate::diag::Span>,
    pub affects: Option<crate::diag::Span>,
}

impl Initiative {
    /// Where the amount of `spend` for a period is written (each period is
    /// given once).
    pub fn spend_figure_at(
        &self,
        period: (jiff::civil::Date, crate::base::date::Precision),
    ) -> Option<&FigureAt> {
        self.spend_at
            .iter()
            .find(|at| (at.day, at.precision) == period)
    }
}

impl Kpi {
    /// Where the `index`-th figure of `data`, written for `date`'s
    /// period, is written (two figures for one period are told apart by
    /// their place; a list changed since it was read, by the period).
    pub fn figure_at(&self, index: usize, date: &Date) -> Option<&FigureAt> {
        let of = |at: &&FigureAt| at.day == date.day && at.precision == date.precision;
        self.figures_at
            .get(index)
            .filter(of)
            .or_else(|| self.figures_at.iter().find(of))
    }

    /// Whether it is retired by `day` (a date still ahead is not yet).
    pub fn retired_by(&self, day: jiff::civil::Date) -> bool {
        self.retired.as_ref().is_some_and(|d| d.day <= day)
    }

    /// The target in force on `day`: the latest step at or before it, else
    /// the flat target. Before the first step of a stepped target there is
    /// none: a target set "from 2026-Q4" says nothing about 2025.
    pub fn target_at(&self, day: jiff::civil::Date) -> Option<f64> {
        self.targets
            .iter()
            .rev()
            .find(|(d, _)| d.day <= day)
            .map(|(_, v)| *v)
            .or(self.target)
    }
}

/// A per-quarter quantity with a default (`capacity: 360` or a map).
#[derive(Debug, Clone, Serialize, Default)]
pub struct PerQuarter {
    pub default: Option<f64>,
    pub by_quarter: Vec<(Date, f64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Team {
    #[serde(flatten)]
    pub meta: Meta,
    pub capacity: PerQuarter,
    pub ops_load: PerQuarter,
    pub lead: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Capability {
    #[serde(flatten)]
    pub meta: Meta,
    pub current: i64,
    pub target: i64,
    pub owner: Option<String>,
    pub area: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    #[serde(flatten)]
    pub meta: Meta,
    pub date: Date,
    pub status: String,
    /// `status` was missing or not one of the three (its finding is
    /// told): read as proposed, but not "waiting for a decision".
    #[serde(skip)]
    pub status_unread: bool,
    pub affects: Vec<String>,
    pub requested_by: Option<String>,
    pub decided_by: Option<String>,
    /// Who answers for everything it affects (its initiatives' owners, an
    /// outcome's), when they are one and no `requested_by` names anyone:
    /// the one asking, as far as the record tells (from a trial: a
    /// request with no requester, decided by the owner of the work it
    /// re-planned, approved her own slip).
    #[serde(skip)]
    pub answerable: Option<String>,
    /// [`Change::self_approved`], worked out once when the roadmap is
    /// read: the history asks it of every request in every version.
    #[serde(skip)]
    pub requester_decided: bool,
    pub decided: Option<Date>,
    /// What it adds to each affected initiative's budget; `None`: it
    /// approves any rise (a request that states no amount).
    pub budget_increase: Option<f64>,
    /// How many days later it lets each affected date move; `None`: any
    /// move.
    pub delay_days: Option<i64>,
    /// The book.toml thresholds it raises and the rules it turns off.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<String>,
}

impl Change {
    /// Still waiting for a decision on `today`: proposed, or approved with
    /// a decision dated after it (a decision not taken yet approves
    /// nothing, and marking it approved ahead took it off every list of
    /// what waits, its staleness finding too).
    pub fn waits(&self, today: jiff::civil::Date) -> bool {
        match self.status.as_str() {
            "proposed" => !self.status_unread,
            "approved" => self.decision_begins() > today,
            _ => false,
        }
    }

    /// When its decision took effect: the first day of the period its
    /// `decided:` (else `date:`) names.
    pub fn decision_begins(&self) -> jiff::civil::Date {
        // `decided:` is read to the end of its period, `date:` to its start.
        self.decided.as_ref().map_or(self.date.day, |d| d.begins())
    }

    /// Decided by the one who requested it, or, with no requester named,
    /// by the one who answers for what it affects: however the names are
    /// written ([`crate::base::person::same`]: "P. Nair" is "Nair, Priya"
    /// is "priya.nair@acme.com"). The placeholder `roadbook new` writes
    /// names nobody, so it is nobody's self-approval (the placeholder rule
    /// says so).
    pub fn self_approved(&self) -> bool {
        self.requester_decided
    }

    /// What [`Change::self_approved`] reads, worked out from the names.
    pub fn decided_by_requester(&self) -> bool {
        if !self.names_decider() {
            return false;
        }
        let asked = self
            .requested_by
            .as_ref()
            .filter(|r| names_someone(r))
            .or(self.answerable.as_ref());
        let (Some(asked), Some(decided)) = (asked, &self.decided_by) else {
            return false;
        };
        let placeholder = crate::base::fields::PERSON_PLACEHOLDER;
        asked.trim() != placeholder
            && decided.trim() != placeholder
            && crate::base::person::same(asked, decided)
    }

    /// Approved by someone other than the one who asked: what approves a
    /// move, a rise, a restatement, a setting or a rewritten snapshot. An
    /// approval by the requester alone approves nothing (from a trial: a
    /// re-plan "requested by PMO, decided by PMO" cleared six slips and
    /// the brief read "0 unapproved slips"); `self-approved-change` says
    /// so.
    pub fn approves(&self) -> bool {
        self.status == "approved" && !self.self_approved()
    }

    /// `decided_by` names someone: not empty, and not a stand-in (`TBC`,
    /// `n/a`, `-`), which approved with no finding (from a trial).
    pub fn names_decider(&self) -> bool {
        self.decided_by.as_deref().is_some_and(names_someone)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Review {
    #[serde(flatten)]
    pub meta: Meta,
    pub date: Date,
    #[serde(skip)]
    pub date_span: Option<crate::diag::Span>,
    /// strategic or operational (`meta.kind` is the document kind).
    #[serde(rename = "review_kind")]
    pub kind: String,
    /// `type` was missing or unknown (its finding is told): read as
    /// operational, so no cadence can be judged from it.
    #[serde(skip)]
    pub kind_unread: bool,
    pub attendees: Vec<String>,
    pub decisions: Vec<String>,
}

/// An entry of the RAID log: a risk, an assumption, an issue or a decision.
#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    #[serde(flatten)]
    pub meta: Meta,
    pub owner: String,
    /// risk, assumption, issue, decision or dependency (`meta.kind` is the
    /// document kind).
    #[serde(rename = "risk_type")]
    pub kind: String,
    pub status: String,
    /// 1–5.
    pub probability: Option<u8>,
    /// 1–5.
    pub impact: Option<u8>,
    pub affects: Vec<String>,
    pub mitigation: Option<String>,
    pub raised: Option<Date>,
    pub due: Option<Date>,
    pub occurred: Option<Date>,
    pub reviewed: Option<Date>,
    pub review_by: Option<Date>,
    /// The `review_by` field, else `reviewed` or `raised`: where a late
    /// review is pointed at.
    #[serde(skip)]
    pub review_span: Option<crate::diag::Span>,
    /// Where its fields are written, for a lowering with no review on
    /// record: the review to record, else what was lowered.
    #[serde(skip)]
    pub fields_at: RiskFieldsAt,
    pub decided_in: Vec<String>,
}

impl Risk {
    /// Closed items threaten nothing any more.
    pub fn is_open(&self) -> bool {
        self.status != "closed"
    }

    /// Whether it has happened: an issue, or a risk that occurred.
    pub fn has_happened(&self) -> bool {
        self.kind == "issue" || self.status == "occurred"
    }

    /// Probability as scored; what has happened is certain (5, whatever
    /// was scored before).
    pub fn likelihood(&self) -> Option<u8> {
        if self.has_happened() {
            Some(5)
        } else {
            self.probability
        }
    }

    /// Probability × impact, 1–25; `None` when either is unknown or for a
    /// decision (it threatens nothing by itself).
    pub fn exposure(&self) -> Option<u8> {
        if self.kind == "decision" {
            return None;
        }
        Some(self.likelihood()? * self.impact?)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    #[serde(flatten)]
    pub meta: Meta,
    pub description: Option<String>,
    pub order: Option<i64>,
}

/// A data file (CSV) under `content/`, kept for KPIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemRef {
    pub kind: Kind,
    pub index: usize,
}

/// "served by", "depends on me", ...: who points at an item, and how.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Backlink {
    pub relation: &'static str,
    pub from: String,
}

#[derive(Debug, Default)]
pub struct Roadmap {
    /// `[roadmap] fiscal-year-start` of the book it was read with: the
    /// quarters its per-quarter figures fall in (0 in a roadmap made by
    /// hand: read as 1, January).
    pub fiscal_year_start: u8,
    pub outcomes: Vec<Outcome>,
    /// Shared, not owned: archived versions read for the history hold
    /// the same initiative (one allocation) wherever its file did not
    /// change between them.
    pub initiatives: Vec<std::sync::Arc<Initiative>>,
    pub kpis: Vec<std::sync::Arc<Kpi>>,
    pub teams: Vec<Team>,
    pub capabilities: Vec<Capability>,
    pub changes: Vec<Change>,
    pub reviews: Vec<Review>,
    pub risks: Vec<Risk>,
    pub pages: Vec<Page>,
    /// Every document and milestone by id (see [`Roadmap::item_ref`],
    /// [`Roadmap::milestone_at`]).
    pub ids: Ids,
    /// Item id (document or milestone) → who points at it.
    pub backlinks: HashMap<String, Vec<Backlink>>,
    /// Kinds of which some document could not be read or was dropped as
    /// a duplicate (its errors are reported; a document outside the kinds'
    /// folders counts for all): what is missing must not be taken for
    /// absent.
    pub unreadable: Vec<Kind>,
    /// Kinds of which some document names an item that does not exist:
    /// what it meant to link looks unlinked until it is fixed. Every
    /// document was read: an item a snapshot had and this has not is gone
    /// (one typo in a risk's `affects` hid a risk deleted: from a trial).
    pub unlinked: Vec<Kind>,
    /// Ids of documents that could not be read: absent from this version
    /// without having been removed.
    pub unread_ids: std::collections::BTreeSet<String>,
    /// Each name in the `initiative` column of a spend file some
    /// initiative reads that no initiative counts (the roadmap has none of
    /// that id, or that one reads another file), file by file: money no
    /// total counts.
    pub unmatched_spend: Vec<LedgerName>,
    /// Where each `depends_on` entry is written: (dependent, dependency) →
    /// (file, span). Findings about a dependency point at the entry.
    pub dependency_spans: HashMap<(String, String), (String, crate::diag::Span)>,
    /// Data files (CSV under the content folder) that a body may link to,
    /// by path relative to the content folder: the site carries them under
    /// `files/`, so the link works there as it does on the git host.
    pub linked_files: std::collections::BTreeMap<String, Vec<u8>>,
}

impl Meta {
    /// Drop what only the item's own page and findings read: its body, the
    /// body's outline, the fields roadbook does not know, and its source
    /// path (one lean item stands for the same file in every version that
    /// has it unchanged, wherever that version's files sit).
    pub fn keep_for_history(&mut self) {
        self.body = String::new();
        self.path = String::new();
        self.outline = Default::default();
        self.extra = serde_json::Value::Null;
    }
}

impl Roadmap {
    /// Keep what the history and the version switcher read of an archived
    /// version (items, dates, states, links between them, page paths) and
    /// drop what only its pages read: bodies and the data files they link
    /// to. A version is read whole again when it is rendered.
    pub fn keep_for_history(&mut self) {
        macro_rules! each {
            ($($list:ident),*) => {$(
                self.$list.iter_mut().for_each(|x| x.meta.keep_for_history());
            )*};
        }
        each!(
            outcomes,
            teams,
            capabilities,
            changes,
            reviews,
            risks,
            pages
        );
        // One shared with another version was made lean when it was read
        // (see `build::ParseCache`); copying it to slim it would undo the
        // sharing.
        for i in &mut self.initiatives {
            if let Some(i) = std::sync::Arc::get_mut(i) {
                i.meta.keep_for_history();
                i.spend_at = Vec::new();
            }
        }
        for k in &mut self.kpis {
            if let Some(k) = std::sync::Arc::get_mut(k) {
                k.meta.keep_for_history();
                k.figures_at = Vec::new();
            }
        }
        self.linked_files = Default::default();
        // The history reads links between items from the items themselves.
        self.backlinks = Default::default();
        self.dependency_spans = Default::default();
    }
}

impl Roadmap {
    /// The RAID log as leadership reads it: open items first, highest
    /// exposure first, then closed ones; by id within each.
    pub fn risks_in_order(&self) -> Vec<&Risk> {
        let mut all: Vec<&Risk> = self.risks.iter().collect();
        all.sort_by(|a, b| {
            b.is_open()
                .cmp(&a.is_open())
                .then_with(|| b.exposure().cmp(&a.exposure()))
                .then_with(|| a.meta.id.cmp(&b.meta.id))
        });
        all
    }

    /// Whether every document of `kind` was read and every link it
    /// makes leads somewhere: what they do not say can be concluded from.
    pub fn complete(&self, kind: Kind) -> bool {
        self.all_read(kind) && !self.unlinked.contains(&kind)
    }

    /// Whether every document of `kind` was read: an item missing is gone.
    pub fn all_read(&self, kind: Kind) -> bool {
        !self.unreadable.contains(&kind)
    }
}

/// Every document and milestone of a roadmap by id. The tables hold
/// positions only and compare ids where the items keep them: a copy of
/// every id per version (two maps of `String`s) was about 4 MB at 10,000
/// initiatives, 36 MB with the 8 snapshots a history reads.
#[derive(Debug, Default)]
pub struct Ids {
    /// Randomly seeded, as `HashMap`'s: ids come from the user's files.
    state: ahash::RandomState,
    items: hashbrown::HashTable<ItemRef>,
    /// (initiative, milestone) positions.
    milestones: hashbrown::HashTable<(u32, u32)>,
}

impl Ids {
    fn hash(&self, id: &str) -> u64 {
        self.state.hash_one(id)
    }

    /// Index every document and milestone of `r`; of two with one id, the
    /// later one is found (as inserting into a map kept it).
    pub fn of(r: &Roadmap) -> Ids {
        let state = ahash::RandomState::new();
        let mut items = hashbrown::HashTable::with_capacity(r.all_meta().count());
        for kind in Kind::ALL {
            for index in 0..r.count(kind) {
                let item = ItemRef { kind, index };
                let id = r.meta(item).id.as_str();
                put_last(
                    &mut items,
                    state.hash_one(id),
                    item,
                    |&x| r.meta(x).id == id,
                    |&x| state.hash_one(r.meta(x).id.as_str()),
                );
            }
        }
        let gid_at = |&(i, m): &(u32, u32)| {
            r.initiatives[i as usize].milestones[m as usize]
                .gid
                .as_str()
        };
        let total = r.initiatives.iter().map(|i| i.milestones.len()).sum();
        let mut milestones = hashbrown::HashTable::with_capacity(total);
        for (i, init) in r.initiatives.iter().enumerate() {
            for (m, ms) in init.milestones.iter().enumerate() {
                put_last(
                    &mut milestones,
                    state.hash_one(ms.gid.as_str()),
                    (narrow(i), narrow(m)),
                    |x| gid_at(x) == ms.gid,
                    |x| state.hash_one(gid_at(x)),
                );
            }
        }
        Ids {
            state,
            items,
            milestones,
        }
    }
}

/// `value` into `table` under `hash`, in place of the entry `same` finds.
fn put_last<T>(
    table: &mut hashbrown::HashTable<T>,
    hash: u64,
    value: T,
    same: impl FnMut(&T) -> bool,
    rehash: impl Fn(&T) -> u64,
) {
    match table.entry(hash, same, rehash) {
        hashbrown::hash_table::Entry::Occupied(mut at) => *at.get_mut() = value,
        hashbrown::hash_table::Entry::Vacant(at) => {
            at.insert(value);
        }
    }
}

/// A position in a list as the tables keep it: no list of a roadmap held
/// in memory comes near four billion items.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2^32 items")
}

impl Roadmap {
    /// How many documents of `kind` there are.
    fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Outcome => self.outcomes.len(),
            Kind::Initiative => self.initiatives.len(),
            Kind::Kpi => self.kpis.len(),
            Kind::Team => self.teams.len(),
            Kind::Capability => self.capabilities.len(),
            Kind::Change => self.changes.len(),
            Kind::Review => self.reviews.len(),
            Kind::Risk => self.risks.len(),
            Kind::Page => self.pages.len(),
        }
    }

    /// Where the document `id` is.
    pub fn item_ref(&self, id: &str) -> Option<ItemRef> {
        let hash = self.ids.hash(id);
        self.ids
            .items
            .find(hash, |&x| self.meta(x).id == id)
            .copied()
    }

    /// Whether a document has this id.
    pub fn has_id(&self, id: &str) -> bool {
        self.item_ref(id).is_some()
    }

    /// Every document's id and position, in no particular order.
    pub fn ids(&self) -> impl Iterator<Item = (&str, ItemRef)> {
        self.ids
            .items
            .iter()
            .map(|&x| (self.meta(x).id.as_str(), x))
    }

    /// Where the milestone `gid` is: (initiative, milestone) positions.
    pub fn milestone_at(&self, gid: &str) -> Option<(usize, usize)> {
        let hash = self.ids.hash(gid);
        self.ids
            .milestones
            .find(hash, |&(i, m)| {
                self.initiatives[i as usize].milestones[m as usize].gid == gid
            })
            .map(|&(i, m)| (i as usize, m as usize))
    }

    /// Every milestone's global id that [`Roadmap::milestone_at`] finds,
    /// in no particular order.
    pub fn milestone_gids(&self) -> impl Iterator<Item = &str> {
        self.ids.milestones.iter().map(|&(i, m)| {
            self.initiatives[i as usize].milestones[m as usize]
                .gid
                .as_str()
        })
    }

    pub fn meta(&self, r: ItemRef) -> &Meta {
        match r.kind {
            Kind::Outcome => &self.outcomes[r.index].meta,
            Kind::Initiative => &self.initiatives[r.index].meta,
            Kind::Kpi => &self.kpis[r.index].meta,
            Kind::Team => &self.teams[r.index].meta,
            Kind::Capability => &self.capabilities[r.index].meta,
            Kind::Change => &self.changes[r.index].meta,
            Kind::Review => &self.reviews[r.index].meta,
            Kind::Risk => &self.risks[r.index].meta,
            Kind::Page => &self.pages[r.index].meta,
        }
    }

    /// Every document's meta, grouped by kind in the order of [`Kind::ALL`].
    pub fn all_meta(&self) -> impl Iterator<Item = &Meta> {
        self.outcomes
            .iter()
            .map(|x| &x.meta)
            .chain(self.initiatives.iter().map(|x| &x.meta))
            .chain(self.kpis.iter().map(|x| &x.meta))
            .chain(self.teams.iter().map(|x| &x.meta))
            .chain(self.capabilities.iter().map(|x| &x.meta))
            .chain(self.changes.iter().map(|x| &x.meta))
            .chain(self.reviews.iter().map(|x| &x.meta))
            .chain(self.risks.iter().map(|x| &x.meta))
            .chain(self.pages.iter().map(|x| &x.meta))
    }

    pub fn get(&self, id: &str) -> Option<&Meta> {
        self.item_ref(id).map(|r| self.meta(r))
    }

    pub fn milestone(&self, gid: &str) -> Option<&Milestone> {
        self.milestone_at(gid)
            .map(|(i, m)| &self.initiatives[i].milestones[m])
    }

    pub fn initiative(&self, id: &str) -> Option<&Initiative> {
        match self.item_ref(id) {
            Some(ItemRef {
                kind: Kind::Initiative,
                index,
            }) => Some(&self.initiatives[index]),
            _ => None,
        }
    }

    pub fn change(&self, id: &str) -> Option<&Change> {
        match self.item_ref(id) {
            Some(ItemRef {
                kind: Kind::Change,
                index,
            }) => Some(&self.changes[index]),
            _ => None,
        }
    }

    pub fn risk(&self, id: &str) -> Option<&Risk> {
        match self.item_ref(id) {
            Some(ItemRef {
                kind: Kind::Risk,
                index,
            }) => Some(&self.risks[index]),
            _ => None,
        }
    }

    pub fn review(&self, id: &str) -> Option<&Review> {
        match self.item_ref(id) {
            Some(ItemRef {
                kind: Kind::Review,
                index,
            }) => Some(&self.reviews[index]),
            _ => None,
        }
    }

    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        match self.item_ref(id) {
            Some(ItemRef {
                kind: Kind::Outcome,
                index,
            }) => Some(&self.outcomes[index]),
            _ => None,
        }
    }

    pub fn team(&self, id: &str) -> Option<&Team> {
        match self.item_ref(id) {
            Some(ItemRef {
                kind: Kind::Team,
                index,
            }) => Some(&self.teams[index]),
            _ => None,
        }
    }

    pub fn kpi(&self, id: &str) -> Option<&Kpi> {
        match self.item_ref(id) {
            Some(ItemRef {
                kind: Kind::Kpi,
                index,
            }) => Some(&self.kpis[index]),
            _ => None,
        }
    }

    pub fn backlinks_of(&self, id: &str) -> &[Backlink] {
        self.backlinks.get(id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Title and site path of any id (document or milestone).
    pub fn link_target(&self, id: &str) -> Option<(String, String)> {
        if let Some(m) = self.get(id) {
            return Some((m.title.clone(), m.url.clone()));
        }
        let ms = self.milestone(id)?;
        let init = self.initiative(&ms.initiative)?;
        Some((
            ms.title.to_string(),
            format!("{}#m-{}", init.meta.url, ms.id),
        ))
    }
}

/// A field meant to name a person or a body names someone: not empty, not
/// the placeholder `roadbook new` writes, and not a stand-in (`TBC`, `n/a`,
/// `-`).
pub fn names_someone(text: &str) -> bool {
    if text.trim() == crate::base::fields::PERSON_PLACEHOLDER {
        return false;
    }
    let letters: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    !letters.is_empty()
        && !matches!(
            letters.as_str(),
            "tbc"
                | "tbd"
                | "tba"
                | "na"
                | "none"
                | "nobody"
                | "unknown"
                | "pending"
                | "todo"
                | "xxx"
                | "tk"
        )
}
