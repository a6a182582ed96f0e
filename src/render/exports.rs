//! Machine-readable views of the same model the pages use.

use crate::analysis::Facts;
use crate::model::{ItemRef, Kind, Roadmap};
use serde::Serialize;
use serde_json::Value;

/// Whether a field starts like a spreadsheet formula. A plain number does
/// not: `-38630.14` must stay a number a spreadsheet can sum.
fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(s)
}

/// `-12`, `+3.5`: a sign, digits and at most one decimal point.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// RFC 4180: quote a field when it holds a quote, comma or line break. A
/// text starting like a spreadsheet formula gets a leading `'`, so opening
/// the file in Excel never runs a title as a formula.
pub fn csv_field(s: &str) -> String {
    let guarded;
    let s = if formula_like(s) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains(['"', ',', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One CSV record, each field as `csv_field` says, without a string per
/// field that needs no quoting (most of them, in the wide matrix CSVs).
pub(crate) fn csv_row<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (n, f) in fields.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        let f = f.as_ref();
        if formula_like(f) || f.contains(['"', ',', '\n', '\r']) {
            out.push_str(&csv_field(f));
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

/// Money per initiative as of today: one row per initiative with a budget
/// or spend, by id.
/// `approved`: the figure last approved of a budget raised since with no
/// approved change request (the history's judgement), by initiative.
pub fn budget_csv(
    r: &Roadmap,
    facts: &Facts,
    config: &crate::config::Config,
    approved: impl Fn(&str) -> Option<f64>,
) -> String {
    // A byte-order mark, as the matrix CSVs have: Excel reads accents right.
    let mut out = String::from('\u{feff}');
    csv_row(
        &mut out,
        &[
            "initiative_id",
            "initiative_title",
            "currency",
            "budget",
            "planned_to_date",
            "actual_to_date",
            "variance",
            "burn_share",
            "milestones_done_share",
            "overspent",
            "burn_ahead",
            // Appended, so a sheet reading the columns above by position
            // still reads them.
            "approved_budget",
            "spend_recorded",
            // A cancelled initiative's money is counted apart on the site:
            // a sheet summing the column would count it in.
            "status",
            // The day planned_to_date runs to (the books' cut-off, or the
            // end of the latest period with spend): a sheet compares plan
            // and actuals to the same day.
            "planned_to",
        ],
    );
    // Rounded first, then `+ 0.0`: a variance of nothing (or of less than
    // a cent below it) is `0.00`, never `-0.00`.
    let num = |v: Option<f64>| {
        v.map(|v| format!("{:.2}", (v * 100.0).round() / 100.0 + 0.0))
            .unwrap_or_default()
    };
    for i in &r.initiatives {
        let Some(s) = facts.budget.initiatives.get(&i.meta.id) else {
            continue;
        };
        csv_row(
            &mut out,
            &[
                i.meta.id.clone(),
                i.meta.title.clone(),
                config.budget.currency.clone(),
                num(Some(s.total)),
                num(s.planned_to_date),
                // Empty, as an unknown: no spend on record is not 0 spent.
                num(Some(s.actual_to_date).filter(|_| s.spend_recorded)),
                num(s.variance),
                num(s.burn),
                num(s.progress),
                s.overspent.to_string(),
                s.burn_ahead.to_string(),
                num(i
                    .budget
                    .is_some()
                    .then(|| approved(&i.meta.id).unwrap_or(s.total))),
                s.spend_recorded.to_string(),
                i.status.to_string(),
                crate::base::date::iso(s.as_of).to_string(),
            ],
        );
    }
    out
}

/// The RAID log, one row per item in the list page's order (open ones by
/// exposure first); several ids in a cell are separated by `;`.
pub fn risks_csv(
    r: &Roadmap,
    facts: &Facts,
    config: &crate::config::Config,
    history: Option<&crate::history::History>,
) -> String {
    let mut out = String::from('\u{feff}');
    csv_row(
        &mut out,
        &[
            "id",
            "title",
            "type",
            "status",
            "owner",
            "probability",
            "impact",
            "exposure",
            "exposure_level",
            "affects",
            "mitigation",
            "raised",
            "due",
            "occurred",
            "reviewed",
            "review_by",
            "next_review",
            "review_overdue_since",
            "decided_in",
            "last_snapshot",
            "moved_since_last_snapshot",
        ],
    );
    let last_snapshot = history
        .and_then(|h| h.raid.last_snapshot())
        .unwrap_or_default();
    let high = config.governance.risk_high_exposure;
    for x in r.risks_in_order() {
        let num = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
        let date =
            |d: &Option<crate::base::date::Date>| d.as_ref().map(|d| d.iso()).unwrap_or_default();
        let overdue = facts
            .risks
            .stale_for(&x.meta.id)
            .map(|s| crate::base::date::iso(s.due))
            .unwrap_or_default();
        csv_row(
            &mut out,
            &[
                x.meta.id.clone(),
                x.meta.title.clone(),
                x.kind.clone(),
                x.status.clone(),
                x.owner.clone(),
                num(x.likelihood()),
                num(x.impact),
                num(x.exposure()),
                x.exposure()
                    .map(|e| {
                        crate::analysis::risks::Exposure::of(e, high)
                            .as_str()
                            .to_string()
                    })
                    .unwrap_or_default(),
                x.affects.join(";"),
                x.mitigation.clone().unwrap_or_default(),
                date(&x.raised),
                date(&x.due),
                date(&x.occurred),
                date(&x.reviewed),
                date(&x.review_by),
                // As written, `review_by` is blank for an item reviewed on
                // the cadence; this is the day it is due either way.
                crate::analysis::risks::review_due(x, config)
                    .map(|(due, _)| crate::base::date::iso(due))
                    .unwrap_or_default(),
                overdue,
                x.decided_in.join(";"),
                last_snapshot.to_string(),
                history
                    .and_then(|h| h.raid.since(&x.meta.id))
                    .unwrap_or_default(),
            ],
        );
    }
    out
}

/// One row per initiative–outcome link, plus one per untraced initiative,
/// ordered by initiative id then outcome id.
pub fn traceability_csv(r: &Roadmap, facts: &Facts) -> String {
    // A byte-order mark, as every CSV of the site: Excel reads accents right.
    let mut out = String::from('\u{feff}');
    csv_row(
        &mut out,
        &[
            "initiative_id",
            "initiative_title",
            "initiative_owner",
            "status",
            "health",
            "outcome_id",
            "outcome_title",
            "outcome_owner",
            "outcome_category",
            "milestones_total",
            "milestones_done",
            "milestones_late",
            "computed_health",
        ],
    );
    for i in &r.initiatives {
        let p = facts.progress.get(&i.meta.id).copied().unwrap_or_default();
        let (total, done, late) = (p.total.to_string(), p.done.to_string(), p.late.to_string());
        let health = i.health.as_deref().unwrap_or("");
        // Done and cancelled work has none.
        let computed = facts
            .health
            .get(&i.meta.id)
            .map_or("", |c| c.health.as_str());
        let mut outcomes: Vec<&str> = i.outcomes.iter().map(|o| o.as_str()).collect();
        outcomes.sort();
        outcomes.dedup();
        // An untraced initiative still gets its row, with empty outcome columns.
        let linked: Vec<[&str; 4]> = outcomes
            .iter()
            .filter_map(|oid| match r.item_ref(oid) {
                Some(ItemRef {
                    kind: Kind::Outcome,
                    index,
                }) => {
                    let o = &r.outcomes[index];
                    Some([
                        o.meta.id.as_str(),
                        o.meta.title.as_str(),
                        o.owner.as_str(),
                        o.category.as_deref().unwrap_or(""),
                    ])
                }
                _ => None,
            })
            .collect();
        let rows = if outcomes.is_empty() {
            vec![[""; 4]]
        } else {
            linked
        };
        for [id, title, owner, category] in rows {
            csv_row(
                &mut out,
                &[
                    &i.meta.id,
                    &i.meta.title,
                    i.owner.as_str(),
                    i.status.as_str(),
                    health,
                    id,
                    title,
                    owner,
                    category,
                    &total,
                    &done,
                    &late,
                    computed,
                ],
            );
        }
    }
    out
}

/// `search-index.js`: what the search box looks through (ids, titles,
/// owners, tags), as a script so it loads from `file://`.
pub fn search_index(r: &Roadmap) -> String {
    let entries: Vec<serde_json::Value> = r
        .all_meta()
        .map(|m| {
            let (owner, tags) = match r.item_ref(&m.id) {
                Some(ItemRef { kind: Kind::Initiative, index }) => {
                    let i = &r.initiatives[index];
                    (i.owner.to_string(), i.tags.join(" "))
                }
                Some(ItemRef { kind: Kind::Outcome, index }) => (r.outcomes[index].owner.clone(), String::new()),
                Some(ItemRef { kind: Kind::Capability, index }) => (r.capabilities[index].owner.clone().unwrap_or_default(), String::new()),
                Some(ItemRef { kind: Kind::Team, index }) => (r.teams[index].lead.clone().unwrap_or_default(), String::new()),
                _ => (String::new(), String::new()),
            };
            serde_json::json!({ "t": m.title, "i": m.id, "u": m.url, "k": m.kind.name(), "o": owner, "g": tags })
        })
        .collect();
    // `</` cannot appear inside a script: escape the slash of any closing tag.
    let json = serde_json::to_string(&entries)
        .unwrap_or_else(|_| "[]".into())
        .replace("</", "<\\/");
    format!("window.ROADBOOK_INDEX = {json};\n")
}

/// The JSON Schema of `roadmap.json`, published beside it.
pub const ROADMAP_SCHEMA: &str = include_str!("roadmap.schema.json");

/// Bumped with every change to the format, fields added included: a reader
/// can tell what to expect (the README lists what each version added).
pub const SCHEMA_VERSION: u32 = 39;

// `roadmap.json` is serialized piece by piece: a `Value` tree of the whole
// document took several times the size of the JSON at 10,000 initiatives. Each piece
// still goes through a `Value`, which keeps its keys sorted, and the
// structs below list theirs in sorted order too (a test holds the whole
// file to it).
struct Sorted<T>(T);
impl<T: Serialize> Serialize for Sorted<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde_json::to_value(&self.0)
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }
}
struct Each<'a, T, F: Fn(&'a T) -> Value>(&'a [T], F);
impl<'a, T, F: Fn(&'a T) -> Value> Serialize for Each<'a, T, F> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(&self.1))
    }
}
fn value<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or_default()
}

type List<'a, T> = Each<'a, T, fn(&'a T) -> Value>;
/// A map one entry's `Value` at a time, keys in their order.
struct EachEntry<'a, K, V>(&'a std::collections::BTreeMap<K, V>);
impl<K: Serialize, V: Serialize> Serialize for EachEntry<'_, K, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, Sorted(v))))
    }
}
// The forecasts piece by piece too: every open milestone's forecast at
// 10,000 initiatives made a `Value` tree of 27 MB, alive beside the
// working tree's largest pages.
#[derive(Serialize)]
struct ForecastsDoc<'a> {
    calibration: Sorted<&'a Vec<crate::forecast::Calibration>>,
    layers: EachEntry<'a, String, crate::forecast::DeliveryHistory>,
    milestones: EachEntry<'a, crate::base::Sym, Option<crate::forecast::Forecast>>,
    min_samples: usize,
    roadmap: Sorted<&'a crate::forecast::DeliveryHistory>,
    teams: EachEntry<'a, String, crate::forecast::DeliveryHistory>,
}
impl<'a> ForecastsDoc<'a> {
    fn of(f: &'a crate::forecast::Forecasts) -> Self {
        // Named, so a field added to `Forecasts` fails here until it is
        // written out.
        let crate::forecast::Forecasts {
            min_samples,
            roadmap,
            teams,
            layers,
            milestones,
            calibration,
        } = f;
        ForecastsDoc {
            calibration: Sorted(calibration),
            layers: EachEntry(layers),
            milestones: EachEntry(milestones),
            min_samples: *min_samples,
            roadmap: Sorted(roadmap),
            teams: EachEntry(teams),
        }
    }
}
// A period's lists one element at a time too: one diff at 10,000
// initiatives (20,000 moves) made a `Value` tree of 50 MB.
#[derive(Serialize)]
struct DiffDoc<'a> {
    added: &'a Vec<String>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    added_status: &'a std::collections::BTreeMap<String, String>,
    approved_later: List<'a, crate::history::ApprovedLater>,
    approves_earlier: List<'a, crate::history::ApprovesEarlier>,
    baselines: List<'a, crate::history::BaselineMove>,
    became_traced: &'a Vec<String>,
    became_untraced: &'a Vec<String>,
    budgets: List<'a, crate::history::BudgetMove>,
    capabilities: List<'a, crate::history::MaturityMove>,
    capacity: List<'a, crate::history::Change>,
    completed: List<'a, crate::history::Completed>,
    dates: List<'a, crate::history::DateMove>,
    directions: List<'a, crate::history::DirectionMove>,
    efforts: List<'a, crate::history::EffortMove>,
    flash: List<'a, crate::history::FlashFigure>,
    forecasts: List<'a, crate::history::ForecastMove>,
    from: &'a String,
    from_today: Value,
    health: List<'a, crate::history::Change>,
    horizons: List<'a, crate::history::HorizonMove>,
    kpis: List<'a, crate::history::KpiMove>,
    late_spend: List<'a, crate::history::LateSpend>,
    latent: List<'a, crate::history::Latent>,
    linked: List<'a, crate::history::Linked>,
    lost_last_live: &'a Vec<String>,
    moved: List<'a, crate::history::Move>,
    newly_overdue: List<'a, crate::history::NewlyOverdue>,
    ops_load: List<'a, crate::history::Change>,
    outcomes_retired: List<'a, crate::history::Retired>,
    owners: List<'a, crate::history::Change>,
    redated: List<'a, crate::history::Redated>,
    removed: &'a Vec<String>,
    removed_titles: &'a std::collections::BTreeMap<String, String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    renamed: &'a [crate::history::Renamed],
    requests: List<'a, crate::history::RequestEdit>,
    retired: List<'a, crate::history::Retired>,
    retitled: List<'a, crate::history::Change>,
    revisions: List<'a, crate::history::FigureRevision>,
    risks: List<'a, crate::history::RiskChange>,
    scope: List<'a, crate::history::ScopeChange>,
    serves: List<'a, crate::history::Change>,
    status: List<'a, crate::history::Change>,
    targets: List<'a, crate::history::TargetMove>,
    teams: List<'a, crate::history::Change>,
    to: &'a String,
    to_today: Value,
    unlinked: List<'a, crate::history::Unlinked>,
}
fn diff_doc(d: &crate::history::Diff) -> DiffDoc<'_> {
    // Every field named: one added to `Diff` must be added here.
    let crate::history::Diff {
        from,
        to,
        from_today,
        to_today,
        moved,
        renamed,
        added,
        added_status,
        removed,
        removed_titles,
        scope,
        latent,
        status,
        health,
        owners,
        teams,
        serves,
        retitled,
        capacity,
        ops_load,
        kpis,
        targets,
        baselines,
        capabilities,
        directions,
        efforts,
        horizons,
        revisions,
        flash,
        retired,
        outcomes_retired,
        unlinked,
        linked,
        completed,
        redated,
        newly_overdue,
        became_traced,
        became_untraced,
        untraced_committed: _,
        untraced_unapproved: _,
        lost_last_live,
        risks,
        budgets,
        late_spend,
        dates,
        forecasts,
        requests,
        approved_later,
        approves_earlier,
    } = d;
    DiffDoc {
        added,
        added_status,
        approved_later: Each(approved_later, value),
        approves_earlier: Each(approves_earlier, value),
        baselines: Each(baselines, value),
        became_traced,
        became_untraced,
        budgets: Each(budgets, value),
        capabilities: Each(capabilities, value),
        capacity: Each(capacity, value),
        completed: Each(completed, value),
        dates: Each(dates, value),
        directions: Each(directions, value),
        efforts: Each(efforts, value),
        flash: Each(flash, value),
        forecasts: Each(forecasts, value),
        from,
        from_today: value(from_today),
        health: Each(health, value),
        horizons: Each(horizons, value),
        kpis: Each(kpis, value),
        late_spend: Each(late_spend, value),
        latent: Each(latent, value),
        linked: Each(linked, value),
        lost_last_live,
        moved: Each(moved, value),
        newly_overdue: Each(newly_overdue, value),
        ops_load: Each(ops_load, value),
        outcomes_retired: Each(outcomes_retired, value),
        owners: Each(owners, value),
        redated: Each(redated, value),
        removed,
        removed_titles,
        renamed,
        requests: Each(requests, value),
        retired: Each(retired, value),
        revisions: Each(revisions, value),
        risks: Each(risks, value),
        retitled: Each(retitled, value),
        scope: Each(scope, value),
        serves: Each(serves, value),
        status: Each(status, value),
        targets: Each(targets, value),
        teams: Each(teams, value),
        to,
        to_today: value(to_today),
        unlinked: Each(unlinked, value),
    }
}
struct Diffs<'a>(&'a [crate::history::Diff]);
impl Serialize for Diffs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(diff_doc))
    }
}

/// A RAID item at each point of the history, oldest first: its row as
/// that point recorded it, `null` when not in that log, `"unread"` when its
/// file there could not be read.
fn raid_trail(
    points: &[(String, jiff::civil::Date)],
    trail: &[crate::history::RaidPoint],
) -> Vec<Value> {
    use crate::history::RaidPoint;
    points
        .iter()
        .zip(trail)
        .map(|((name, day), at)| {
            let state = match at {
                RaidPoint::Absent => Value::Null,
                RaidPoint::Unread => Value::from("unread"),
                RaidPoint::Logged(s) => value(s),
            };
            serde_json::json!({ "point": name, "day": crate::base::date::iso(*day), "state": state })
        })
        .collect()
}

/// `roadmap.json`: the resolved model and the computed facts, in a stable
/// order (sorted maps, sorted documents), so it diffs cleanly.
#[allow(clippy::too_many_arguments)]
pub fn write_roadmap_json(
    w: &mut dyn std::io::Write,
    r: &Roadmap,
    facts: &Facts,
    config: &crate::config::Config,
    history: Option<&crate::history::History>,
    forecasts: &crate::forecast::Forecasts,
    grids: &crate::analysis::matrices::Grids,
    findings: &[crate::diag::Diagnostic],
) -> std::io::Result<()> {
    use crate::analysis::matrices::Grid;
    use serde_json::json;
    let initiative = |i: &std::sync::Arc<crate::model::Initiative>| {
        let mut v = value(&**i);
        let milestones: Vec<Value> = i
            .milestones
            .iter()
            .map(|m| {
                let mut mv = value(m);
                mv["state"] = value(&facts.milestones.get(m.gid.as_str()));
                if let Some(h) = history {
                    mv["baseline_resolved"] = value(&h.baselines.get(m.gid.as_str()));
                    mv["slip"] = value(&h.slip(m.gid.as_str()));
                }
                mv
            })
            .collect();
        v["milestones"] = json!(milestones);
        v["computed_health"] = value(&facts.health.get(&i.meta.id));
        v["progress"] = value(&facts.progress.get(&i.meta.id));
        v["dates"] = value(&facts.dates.get(&i.meta.id));
        v["live"] = json!(crate::analysis::is_live(i));
        v["budget_status"] = value(&facts.budget.initiatives.get(&i.meta.id));
        v
    };
    let outcome = |o: &crate::model::Outcome| {
        let mut v = value(o);
        v["rollup"] = value(&facts.outcomes.get(&o.meta.id));
        v
    };
    let risk = |x: &crate::model::Risk| {
        let mut v = value(x);
        // As counted (what `risks.csv` and the pages show): an issue or a
        // risk that occurred is certain, whatever `probability` says.
        v["likelihood"] = json!(x.likelihood());
        v["exposure"] = json!(x.exposure());
        v["review_overdue"] = json!(facts
            .risks
            .stale_for(&x.meta.id)
            .map(|s| crate::base::date::iso(s.due)));
        if let Some(h) = history {
            v["trail"] = json!(h
                .raid
                .trail(&x.meta.id)
                .map(|trail| raid_trail(&h.raid.points, trail)));
        }
        v
    };
    let kpi = |k: &std::sync::Arc<crate::model::Kpi>| {
        let mut v = value(&**k);
        v["status"] = value(&facts.kpis.get(&k.meta.id));
        v
    };
    #[derive(Serialize)]
    struct FactsDoc<'a> {
        budget: Sorted<&'a crate::analysis::budget::BudgetFacts>,
        capacity: Sorted<&'a Vec<crate::analysis::capacity::TeamLoad>>,
        committed_ends: &'a std::collections::BTreeMap<String, jiff::civil::Date>,
        cycles: Sorted<&'a Vec<Vec<String>>>,
        dependencies: Sorted<&'a crate::analysis::dependencies::DependencyFacts>,
        due_30: &'a Vec<String>,
        due_90: &'a Vec<String>,
        governance: Sorted<&'a crate::analysis::governance::GovernanceFacts>,
        matrices: Sorted<Matrices<'a>>,
        metrics: Sorted<&'a crate::analysis::metrics::Metrics>,
        overdue: &'a Vec<String>,
        risks: Sorted<&'a crate::analysis::risks::RiskFacts>,
        traceability: Sorted<&'a crate::analysis::traceability::Traceability>,
    }
    #[derive(Serialize)]
    struct Matrices<'a> {
        capabilities: &'a Grid,
        kpis: &'a Grid,
        outcomes_by_layer: &'a Grid,
        outcomes_by_team: &'a Grid,
    }
    #[derive(Serialize)]
    struct HistoryDoc<'a> {
        backdated_approvals: Sorted<&'a Vec<crate::history::BackdatedApproval>>,
        backdated_reviews: Sorted<&'a Vec<crate::history::BackdatedReview>>,
        budget_bridge: Sorted<&'a Vec<crate::history::BudgetStep>>,
        diffs: Diffs<'a>,
        lowered_risks: Sorted<&'a Vec<crate::history::RiskLowered>>,
        narrowed_risks: Sorted<&'a Vec<crate::history::RiskNarrowed>>,
        open_backdated: Sorted<&'a Vec<crate::history::Backdated>>,
        open_backdated_starts: Sorted<&'a Vec<crate::history::StartBackdated>>,
        open_baselines: Sorted<&'a Vec<crate::history::BaselineMoved>>,
        open_budget: Sorted<&'a Vec<crate::history::BudgetIncrease>>,
        open_cancellations: Sorted<&'a Vec<crate::history::Cancellation>>,
        open_capacity_rises: Sorted<&'a Vec<crate::history::CapacityRise>>,
        open_effort_cuts: Sorted<&'a Vec<crate::history::EffortCut>>,
        open_ends: Sorted<&'a Vec<crate::history::EndSlip>>,
        open_horizons: Sorted<&'a Vec<crate::history::HorizonLater>>,
        open_latent: List<'a, crate::history::Latent>,
        open_loosened: Sorted<&'a Vec<crate::history::TargetLoosened>>,
        open_outcome_retirements: Sorted<&'a Vec<crate::history::OutcomeRetirement>>,
        open_outcome_unlinks: Sorted<&'a Vec<crate::history::OutcomeUnlinked>>,
        open_rephasings: Sorted<&'a Vec<crate::history::BudgetRephase>>,
        open_retirements: Sorted<&'a Vec<crate::history::KpiRetirement>>,
        open_revisions: Sorted<&'a Vec<crate::history::FigureRevision>>,
        open_scope: List<'a, crate::history::ScopeChange>,
        open_turned: Sorted<&'a Vec<crate::history::DirectionTurned>>,
        open_unlinked: Sorted<&'a Vec<crate::history::KpiUnlinked>>,
        points: Sorted<&'a Vec<(String, jiff::civil::Date)>>,
        promise_keeping_rate: Value,
        removed_changes: Sorted<&'a Vec<crate::history::RemovedChange>>,
        removed_kpis: Sorted<&'a Vec<crate::history::RemovedKpi>>,
        removed_live: Sorted<&'a Vec<crate::history::RemovedInitiative>>,
        removed_outcomes: Sorted<&'a Vec<crate::history::RemovedOutcome>>,
        removed_reviews: Sorted<&'a Vec<crate::history::RemovedReview>>,
        removed_risks: Sorted<&'a Vec<crate::history::RemovedRisk>>,
        rewritten_approvals: Sorted<&'a Vec<crate::history::RewrittenApproval>>,
        rewritten_reviews: Sorted<&'a Vec<crate::history::RewrittenReview>>,
        slips: List<'a, crate::history::Slip>,
    }
    #[derive(Serialize)]
    struct Doc<
        'a,
        I: Serialize,
        K: Serialize,
        O: Serialize,
        T: Serialize,
        C: Serialize,
        X: Serialize,
        R: Serialize,
        A: Serialize,
        P: Serialize,
        D: Serialize,
    > {
        book: Sorted<&'a crate::config::Book>,
        capabilities: C,
        changes: X,
        facts: FactsDoc<'a>,
        findings: D,
        forecasts: ForecastsDoc<'a>,
        generator: String,
        history: Option<HistoryDoc<'a>>,
        initiatives: I,
        kpis: K,
        outcomes: O,
        pages: P,
        reviews: R,
        risks: A,
        schema_version: Value,
        teams: T,
        today: String,
    }
    let doc = Doc {
        book: Sorted(&config.book),
        capabilities: Each(&r.capabilities, value),
        changes: Each(&r.changes, value),
        facts: FactsDoc {
            capacity: Sorted(&facts.capacity),
            committed_ends: &facts.committed_ends,
            cycles: Sorted(&facts.cycles),
            dependencies: Sorted(&facts.dependencies),
            due_30: &facts.due_30,
            due_90: &facts.due_90,
            governance: Sorted(&facts.governance),
            matrices: Sorted(Matrices {
                outcomes_by_layer: &grids.by_layer,
                outcomes_by_team: &grids.by_team,
                capabilities: &grids.capabilities,
                kpis: &grids.kpis,
            }),
            metrics: Sorted(&facts.metrics),
            overdue: &facts.overdue,
            risks: Sorted(&facts.risks),
            budget: Sorted(&facts.budget),
            traceability: Sorted(&facts.traceability),
        },
        findings: Each(findings, value),
        forecasts: ForecastsDoc::of(forecasts),
        generator: format!("roadbook {}", env!("CARGO_PKG_VERSION")),
        // A list goes out one element's `Value` at a time: the history's
        // lists at 10,000 initiatives and 8 snapshots made a `Value` tree
        // of more than half a gigabyte.
        history: history.map(|h| HistoryDoc {
            backdated_approvals: Sorted(&h.backdated_approvals),
            backdated_reviews: Sorted(&h.backdated_reviews),
            budget_bridge: Sorted(&h.budget_bridge),
            diffs: Diffs(&h.diffs),
            points: Sorted(&h.points),
            promise_keeping_rate: json!(h.promise_keeping_rate()),
            slips: Each(&h.slips, value),
            open_scope: Each(&h.open_scope, value),
            open_latent: Each(&h.open_latent, value),
            open_backdated: Sorted(&h.open_backdated),
            open_backdated_starts: Sorted(&h.open_backdated_starts),
            open_budget: Sorted(&h.open_budget),
            open_cancellations: Sorted(&h.open_cancellations),
            open_ends: Sorted(&h.open_ends),
            open_effort_cuts: Sorted(&h.open_effort_cuts),
            open_capacity_rises: Sorted(&h.open_capacity_rises),
            open_horizons: Sorted(&h.open_horizons),
            lowered_risks: Sorted(&h.lowered_risks),
            narrowed_risks: Sorted(&h.narrowed_risks),
            open_turned: Sorted(&h.open_turned),
            open_baselines: Sorted(&h.open_baselines),
            removed_kpis: Sorted(&h.removed_kpis),
            removed_outcomes: Sorted(&h.removed_outcomes),
            rewritten_approvals: Sorted(&h.rewritten_approvals),
            rewritten_reviews: Sorted(&h.rewritten_reviews),
            removed_live: Sorted(&h.removed_live),
            removed_changes: Sorted(&h.removed_changes),
            removed_reviews: Sorted(&h.removed_reviews),
            removed_risks: Sorted(&h.removed_risks),
            open_rephasings: Sorted(&h.open_rephasings),
            open_retirements: Sorted(&h.open_retirements),
            open_outcome_retirements: Sorted(&h.open_outcome_retirements),
            open_outcome_unlinks: Sorted(&h.open_outcome_unlinks),
            open_loosened: Sorted(&h.open_loosened),
            open_revisions: Sorted(&h.open_revisions),
            open_unlinked: Sorted(&h.open_unlinked),
        }),
        initiatives: Each(&r.initiatives, initiative),
        kpis: Each(&r.kpis, kpi),
        outcomes: Each(&r.outcomes, outcome),
        pages: Each(&r.pages, value),
        reviews: Each(&r.reviews, value),
        risks: Each(&r.risks, risk),
        schema_version: json!(SCHEMA_VERSION),
        teams: Each(&r.teams, value),
        today: config.today.iso(),
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    w.write_all(b"\n")
}

/// iCalendar text: escape `\`, `;`, `,` and line breaks (RFC 5545 3.3.11).
pub fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Fold a content line at 75 octets, never inside a UTF-8 character
/// (RFC 5545 3.1), and end it with CRLF.
pub fn ics_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn ics_date(d: jiff::civil::Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// `milestones.ics`: one all-day event per milestone on its due date (its
/// done date once done), with stable UIDs, for calendar subscriptions.
/// Written an event at a time: at 10,000 initiatives the calendar is 20 MB,
/// and held whole it grew to 34 MB beside the working tree's largest pages.
pub fn write_milestones_ics(
    w: &mut dyn std::io::Write,
    r: &Roadmap,
    facts: &Facts,
    config: &crate::config::Config,
) -> std::io::Result<()> {
    let mut out = String::new();
    let domain = format!("{}.roadbook", crate::render::slug_of(&config.book.title));
    let stamp = format!("{}T000000Z", ics_date(config.today.day));
    let base = config.build.base_url.trim_end_matches('/');
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!(
            "PRODID:-//roadbook//roadbook {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!(
            "X-WR-CALNAME:{}",
            ics_text(&format!("{} milestones", config.book.title))
        ),
    ] {
        ics_line(&mut out, &line);
    }
    for i in &r.initiatives {
        for m in &i.milestones {
            let day = m.done.as_ref().map_or(m.due.day, |d| d.day);
            let next = day.checked_add(jiff::Span::new().days(1)).unwrap_or(day);
            let judged = facts.milestones.get(m.gid.as_str()).copied();
            let state = judged.map(|s| s.label()).unwrap_or_default();
            let gate = if m.gate { "[gate] " } else { "" };
            // Overdue from the date committed: the event sits on the date
            // moved to, and "Overdue by 89 d" on 16 October read wrong.
            let committed = match facts.past_committed.get(m.gid.as_str()) {
                Some(day) => format!(
                    " (committed for {}, moved with no approved change request)",
                    crate::base::date::iso(*day)
                ),
                None => String::new(),
            };
            let mut desc = format!(
                "{state}. Initiative: {}. Owner: {}. Due {}{committed}.",
                i.meta.title, m.owner, m.due.written
            );
            if !m.criteria.is_empty() {
                desc.push_str("\nCriteria:");
                for c in &m.criteria {
                    desc.push_str(&format!("\n- {c}"));
                }
            }
            ics_line(&mut out, "BEGIN:VEVENT");
            ics_line(
                &mut out,
                &format!("UID:{}@{domain}", m.gid.replace('/', ".")),
            );
            ics_line(&mut out, &format!("DTSTAMP:{stamp}"));
            ics_line(&mut out, &format!("DTSTART;VALUE=DATE:{}", ics_date(day)));
            ics_line(&mut out, &format!("DTEND;VALUE=DATE:{}", ics_date(next)));
            ics_line(
                &mut out,
                &format!(
                    "SUMMARY:{}",
                    ics_text(&format!("{gate}{} — {}", m.title, i.meta.title))
                ),
            );
            ics_line(&mut out, &format!("DESCRIPTION:{}", ics_text(&desc)));
            ics_line(&mut out, &format!("CATEGORIES:{}", ics_text(&state)));
            if !base.is_empty() {
                ics_line(&mut out, &format!("URL:{base}/{}#m-{}", i.meta.url, m.id));
            }
            // A calendar shows a cancelled event as such (RFC 5545).
            if judged == Some(crate::analysis::MilestoneState::Cancelled) {
                ics_line(&mut out, "STATUS:CANCELLED");
            }
            ics_line(&mut out, "TRANSP:TRANSPARENT");
            ics_line(&mut out, "END:VEVENT");
            w.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    ics_line(&mut out, "END:VCALENDAR");
    w.write_all(out.as_bytes())
}

fn xml(s: &str) -> String {
    crate::charts::esc(s)
}

/// `changes.xml`: an Atom feed of change requests and snapshot diffs.
pub fn changes_atom(
    r: &Roadmap,
    config: &crate::config::Config,
    history: Option<&crate::history::History>,
) -> String {
    let slug = crate::render::slug_of(&config.book.title);
    let base = config.build.base_url.trim_end_matches('/');
    let href = |path: &str| {
        if base.is_empty() {
            path.to_string()
        } else {
            format!("{base}/{path}")
        }
    };
    let time = |d: jiff::civil::Date| format!("{}T00:00:00Z", crate::base::date::iso(d));
    let mut entries: Vec<(jiff::civil::Date, String)> = Vec::new();
    for c in &r.changes {
        let updated = c
            .decided
            .as_ref()
            .map_or(c.date.day, |d| d.day.max(c.date.day));
        let mut summary = format!(
            "{}: {}. Affects {}.",
            c.status,
            c.meta.title,
            c.affects.join(", ")
        );
        // Rewritten since a snapshot recorded it approved: its dates and
        // amounts here are not what it approves.
        if let Some(x) = history.and_then(|h| {
            h.rewritten_approvals
                .iter()
                .find(|x| x.id.as_str() == c.meta.id)
        }) {
            summary.push_str(&format!(
                " Rewritten since snapshot {} recorded it approved: it approves what was recorded then.",
                x.lowered_in.as_deref().unwrap_or(&x.after)
            ));
        }
        entries.push((
            updated,
            format!(
                "<entry><id>urn:roadbook:{slug}:change:{}</id><title>{}</title><updated>{}</updated><link rel=\"alternate\" href=\"{}\"/><category term=\"{}\"/><summary>{}</summary></entry>",
                xml(&c.meta.id),
                xml(&format!("Change request ({}): {}", c.status, c.meta.title)),
                time(updated),
                xml(&href(&c.meta.url)),
                xml(&c.status),
                xml(&summary)
            ),
        ));
    }
    if let Some(h) = history {
        for d in &h.diffs {
            let summary = format!("{}.", d.sentence());
            // A request decided after the period rewrites its summary (a
            // slip now approved): the entry is updated that day, or feed
            // readers keep the old text.
            let updated = d
                .approved_later
                .iter()
                .filter_map(|a| a.decided.parse::<jiff::civil::Date>().ok())
                .fold(d.to_today, Ord::max);
            entries.push((
                updated,
                format!(
                    "<entry><id>urn:roadbook:{slug}:diff:{}</id><title>{}</title><updated>{}</updated><link rel=\"alternate\" href=\"{}\"/><category term=\"snapshot-diff\"/><summary>{}</summary></entry>",
                    xml(&d.slug()),
                    xml(&format!("Changes from {} to {}", d.from, d.to)),
                    time(updated),
                    xml(&href(&format!("history/{}.html", d.slug()))),
                    xml(&summary)
                ),
            ));
        }
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let updated = entries.first().map(|(d, _)| *d).unwrap_or(config.today.day);
    let author = if config.book.organization.is_empty() {
        config.book.title.clone()
    } else {
        config.book.organization.clone()
    };
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">",
    );
    out.push_str(&format!(
        "<id>urn:roadbook:{slug}</id><title>{}</title><updated>{}</updated><author><name>{}</name></author><generator>roadbook</generator><link rel=\"alternate\" href=\"{}\"/>",
        xml(&format!("{}: changes", config.book.title)),
        time(updated),
        xml(&author),
        xml(&href("governance.html"))
    ));
    if !base.is_empty() {
        out.push_str(&format!(
            "<link rel=\"self\" href=\"{}\"/>",
            xml(&href("changes.xml"))
        ));
    }
    for (_, e) in entries {
        out.push_str(&e);
    }
    out.push_str("</feed>\n");
    out
}

/// The versions of the site, for the switcher on archived pages: each
/// version's name, folder and day, and the pages it lacks among all the
/// versions' pages (usually few), so a link lands on the same item when
/// that version has it and on its front page otherwise.
pub fn versions_js(all: &[super::VersionEntry]) -> String {
    let union: std::collections::BTreeSet<&str> = all.iter().flat_map(|v| v.pages.iter()).collect();
    let versions: Vec<serde_json::Value> = all
        .iter()
        .map(|v| {
            let absent: Vec<&&str> = union.iter().filter(|p| !v.pages.contains(p)).collect();
            serde_json::json!({ "name": v.name, "prefix": v.prefix, "today": v.today, "absent": absent })
        })
        .collect();
    format!(
        "// roadbook: the versions of this site, for the switcher on archived pages.\nwindow.ROADBOOK_VERSIONS = {};\n",
        serde_json::json!({ "versions": versions })
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@cmd"), "'@cmd");
        // Numbers stay numbers a spreadsheet sums; text that only starts
        // like one is still guarded.
        assert_eq!(csv_field("-38630.14"), "-38630.14");
        assert_eq!(csv_field("+3"), "+3");
        assert_eq!(csv_field("-1-1"), "'-1-1");
        assert_eq!(csv_field("-"), "'-");
        assert_eq!(csv_field("-1."), "'-1.");
        assert_eq!(csv_field("-.5"), "'-.5");
    }
}
