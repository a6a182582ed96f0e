//! From the model and its facts to chart inputs, and the charts' SVG for
//! pages. Links inside charts are made relative to the page (`root`).

use crate::analysis::{self, Facts, MilestoneState};
use crate::charts::{self, graph, maturity, timeline};
use crate::model::{Initiative, Kpi, Roadmap};
use jiff::civil::Date as Day;
use std::collections::{BTreeMap, BTreeSet};

fn marker_state(s: MilestoneState) -> timeline::MarkerState {
    match s {
        MilestoneState::DoneOnTime => timeline::MarkerState::Done,
        MilestoneState::DoneLate { .. } => timeline::MarkerState::DoneLate,
        MilestoneState::Overdue { .. } => timeline::MarkerState::Overdue,
        // Cancelled work is not drawn on the timelines; if it were, it
        // would owe nothing, as an upcoming one does not yet.
        MilestoneState::Upcoming { .. } | MilestoneState::Cancelled => {
            timeline::MarkerState::Upcoming
        }
    }
}

/// What the timeline reads of a milestone's history, by its global id: the
/// baseline history found (a `baseline:` field or the date first promised
/// in the oldest snapshot) and, when its move stands unapproved, how many
/// days of it no decision covers (only history knows whether a change
/// request covers it).
pub type SlipMarks<'a> = &'a dyn Fn(&str) -> (Option<Day>, Option<i64>);

fn row(
    i: &Initiative,
    facts: &Facts,
    judged: SlipMarks,
    forecasts: &crate::forecast::Forecasts,
    root: &str,
) -> Option<timeline::Row> {
    let d = facts.dates.get(&i.meta.id)?;
    let (start, end) = (d.start?, d.end?);
    let markers = i
        .milestones
        .iter()
        .map(|m| {
            let (baseline, unapproved_days) = judged(m.gid.as_str());
            timeline::Marker {
                title: m.title.to_string(),
                url: format!("{root}{}#m-{}", i.meta.url, m.id),
                due: m.due.day,
                state: marker_state(
                    facts
                        .milestones
                        .get(m.gid.as_str())
                        .copied()
                        .unwrap_or(MilestoneState::Upcoming { days: 0 }),
                ),
                gate: m.gate,
                baseline: baseline.or(m.baseline.as_ref().map(|b| b.day)),
                slip_unapproved: unapproved_days.is_some(),
                unapproved_days,
                done: m.done.as_ref().map(|d| d.day),
                late_days: match facts.milestones.get(m.gid.as_str()) {
                    Some(MilestoneState::DoneLate { days }) => Some(*days),
                    _ => None,
                },
                forecast: forecasts
                    .milestones
                    .get(m.gid.as_str())
                    .and_then(Option::as_ref)
                    .map(|f| (f.p50, f.p85)),
            }
        })
        .collect();
    let note = facts
        .health
        .get(&i.meta.id)
        .map(|c| c.health.as_str().to_string())
        .unwrap_or_default();
    Some(timeline::Row {
        title: i.meta.title.clone(),
        url: format!("{root}{}", i.meta.url),
        start,
        end,
        note,
        markers,
    })
}

/// Live initiatives grouped by `key` (layer or team), each group one lane.
pub fn lanes(
    r: &Roadmap,
    facts: &Facts,
    judged: SlipMarks,
    forecasts: &crate::forecast::Forecasts,
    root: &str,
    by_team: bool,
) -> Vec<timeline::Lane> {
    let mut groups: BTreeMap<(u8, String), Vec<timeline::Row>> = BTreeMap::new();
    let mut live: Vec<&Initiative> = r
        .initiatives
        .iter()
        .map(|i| &**i)
        .filter(|i| analysis::is_live(i))
        .collect();
    // Each key computed once (the start is a lookup); ids are unique, so
    // no two keys tie.
    live.sort_by_cached_key(|i| {
        (
            facts.dates.get(&i.meta.id).and_then(|d| d.start),
            i.meta.id.as_str(),
        )
    });
    for i in live {
        let Some(row) = row(i, facts, judged, forecasts, root) else {
            continue;
        };
        if by_team {
            let teams: Vec<String> = if i.teams.is_empty() {
                vec![String::new()]
            } else {
                i.teams.iter().map(|t| t.to_string()).collect()
            };
            for t in teams {
                let name = r
                    .get(&t)
                    .map(|m| m.title.clone())
                    .unwrap_or_else(|| "no team".into());
                groups.entry((0, name)).or_default().push(row.clone());
            }
        } else {
            let rank = analysis::dependencies::layer_rank(i.layer.as_deref());
            let name = i.layer.map_or_else(|| "no layer".into(), |l| l.to_string());
            groups.entry((rank.0, name)).or_default().push(row);
        }
    }
    groups
        .into_iter()
        .map(|((_, name), rows)| timeline::Lane { name, rows })
        .collect()
}

/// One chart per lane, all on the axis of the whole page: each lane's own
/// span would give each chart its own scale, and the today line would jump
/// from chart to chart.
#[cfg(test)]
pub fn timeline_charts(lanes: &[timeline::Lane], today: Day, fiscal_start: u8) -> Vec<String> {
    let axis = timeline::Axis::of(lanes, today, fiscal_start);
    lanes
        .iter()
        .map(|lane| timeline_chart(&axis, lane))
        .collect()
}

/// One lane's chart on the axis all of a page's lanes share.
pub fn timeline_chart(axis: &timeline::Axis, lane: &timeline::Lane) -> String {
    let title = format!("Milestone timeline: {}", lane.name);
    timeline::timeline_on(axis, std::slice::from_ref(lane), &title)
}

/// Milestones delivered by initiatives serving any of the KPI's outcomes.
pub fn deliveries<'r>(r: &'r Roadmap, kpi: &Kpi) -> Vec<(Day, &'r str)> {
    let mut out: BTreeSet<(Day, &str)> = BTreeSet::new();
    // Through the outcomes' backlinks, not a scan of every initiative per
    // KPI (that was quadratic: 10 million checks at 10,000 initiatives).
    let serving = kpi.outcomes.iter().flat_map(|o| {
        r.backlinks_of(o)
            .iter()
            .filter(|b| b.relation == "Served by")
            .filter_map(|b| r.initiative(&b.from))
    });
    for i in serving {
        for m in &i.milestones {
            if let Some(done) = &m.done {
                out.insert((done.day, m.title.as_str()));
            }
        }
    }
    out.into_iter().collect()
}

/// `steps` with the target on record drawn where the one written since
/// stands: from `since` (the day it was in force from in the snapshot
/// that set it; `None`, from the first figure, `first` day), every step
/// written as `written` drawn at `record`; the steps before `since` as
/// written. Steps still ahead that differ stay. No steps, none.
fn drawn_on_record(
    steps: &[(Day, f64)],
    written: f64,
    record: f64,
    since: Option<Day>,
    first: impl Fn() -> Day,
) -> Vec<(Day, f64)> {
    if steps.is_empty() {
        return Vec::new();
    }
    let from = since.unwrap_or_else(|| first().min(steps[0].0));
    let mut drawn: Vec<(Day, f64)> = steps
        .iter()
        .map(|&(d, v)| (d, if d >= from && v == written { record } else { v }))
        .collect();
    // In force at `from`: a step of its own unless one starts there. Before
    // every step the target is `target:`, which steps are drawn without
    // (with every step still ahead the chart showed none at all).
    let at = drawn.partition_point(|(d, _)| *d <= from);
    let in_force = at.checked_sub(1).map(|k| drawn[k]);
    if in_force.is_none_or(|(d, v)| v != record && d != from) {
        drawn.insert(at, (from, record));
    }
    drawn.dedup_by(|later, earlier| later.1 == earlier.1);
    drawn
}

/// `status`: what the KPI is judged by, which the plot draws where it is
/// the record against the figures as written (a target loosened with no
/// decision: the page said "judged by 3" above a line drawn at 4).
pub fn kpi_chart(
    r: &Roadmap,
    kpi: &Kpi,
    fiscal_start: u8,
    status: &crate::analysis::KpiStatus,
    today: Day,
) -> String {
    let points: Vec<(Day, f64)> = kpi.data.iter().map(|p| (p.date.day, p.value)).collect();
    let mut steps = crate::analysis::target_steps(kpi);
    let mut target = kpi.target;
    let mut notes = Vec::new();
    let unit = kpi.unit.as_deref().unwrap_or("");
    let shown = |v: f64| crate::words::with_unit(&super::context::figure(v), unit);
    if let (Some(written), Some(record)) = (status.target_written, status.target) {
        steps = drawn_on_record(&steps, written, record, status.record_since, || {
            kpi.data.first().map_or(today, |p| p.date.day.min(today))
        });
        if steps.is_empty() {
            target = Some(record);
        }
        notes.push(format!(
            "The target drawn is {}, as a snapshot set it ({} written since with no approved change request).",
            shown(record),
            shown(written)
        ));
    }
    if let Some(restated) = &status.latest_restated {
        notes.push(format!(
            "The figures drawn are as written; {} for {} is judged as reported ({}).",
            restated
                .written
                .map_or_else(|| "the figure taken out".to_string(), shown),
            restated.date,
            shown(restated.reported)
        ));
    }
    let note = notes.join(" ");
    let deliveries = deliveries(r, kpi);
    charts::kpi::trend(&charts::kpi::Trend {
        title: &kpi.meta.title,
        unit: kpi.unit.as_deref().unwrap_or(""),
        direction: &kpi.direction,
        points: &points,
        target_steps: &steps,
        target,
        baseline: kpi.baseline,
        deliveries: &deliveries,
        fiscal_start,
        note: (!note.is_empty()).then_some(note.as_str()),
        written: kpi
            .data
            .first()
            .zip(kpi.data.last())
            .map(|(first, last)| (first.date.written.as_str(), last.date.written.as_str())),
    })
}

/// The figures measured by `today` (one dated ahead is no latest value).
pub fn sparkline(kpi: &Kpi, target: Option<f64>, today: Day) -> String {
    let figures = crate::analysis::figures_by(kpi, today);
    let points: Vec<(Day, f64)> = figures.iter().map(|p| (p.date.day, p.value)).collect();
    // When, as written, as the KPI's table and chart say it: a quarter's
    // figure read "on 2026-07-01" (from a trial), where they say 2026-Q3.
    let when = |d: &crate::base::date::Date| match d.precision {
        crate::base::date::Precision::Day => format!("on {}", d.written),
        _ => format!("for {}", d.written),
    };
    let desc = format!(
        "{} points{}",
        points.len(),
        figures
            .last()
            .map(|p| format!(
                ", latest {} {}",
                crate::words::grouped_number(&charts::n(p.value)),
                when(&p.date)
            ))
            .unwrap_or_default()
    );
    charts::sparkline::sparkline(
        &points,
        target,
        &format!("Trend of {}", kpi.meta.title),
        &desc,
    )
}

pub fn maturity_chart(r: &Roadmap, root: &str) -> String {
    let levels: Vec<maturity::Level> = r
        .capabilities
        .iter()
        .map(|c| maturity::Level {
            title: c.meta.title.clone(),
            url: format!("{root}{}", c.meta.url),
            current: c.current,
            target: c.target,
        })
        .collect();
    maturity::maturity(&levels, "Capability maturity: current and target")
}

pub fn dependency_graph(r: &Roadmap, facts: &Facts, root: &str) -> String {
    let owner = |id: &str| -> Option<String> {
        r.initiative(id)
            .map(|i| i.meta.id.clone())
            .or_else(|| r.milestone(id).map(|m| m.initiative.to_string()))
    };
    let in_cycle: BTreeSet<(String, String)> = facts
        .cycles
        .iter()
        .flat_map(|c| {
            c.windows(2)
                .filter_map(|w| Some((owner(&w[0])?, owner(&w[1])?)))
        })
        .collect();
    let mut edges: BTreeMap<(String, String), (graph::EdgeKind, String)> = BTreeMap::new();
    for l in &facts.dependencies.links {
        let (Some(dependent), Some(dependency)) = (owner(&l.from), owner(&l.to)) else {
            continue;
        };
        if dependent == dependency {
            continue;
        }
        let (kind, note) = if in_cycle.contains(&(dependent.clone(), dependency.clone())) {
            (graph::EdgeKind::Cycle, "part of a cycle".to_string())
        } else if let Some(b) = &l.blocked {
            (graph::EdgeKind::Blocked, b.clone())
        } else if let Some(days) = l.conflict_days {
            (
                graph::EdgeKind::Conflict,
                format!("ends {} after it is needed", crate::words::days(days)),
            )
        } else {
            (graph::EdgeKind::Ok, String::new())
        };
        let key = (dependency, dependent);
        let worse = |a: graph::EdgeKind| match a {
            graph::EdgeKind::Cycle => 3,
            graph::EdgeKind::Blocked => 2,
            graph::EdgeKind::Conflict => 1,
            graph::EdgeKind::Ok => 0,
        };
        let keep = edges.get(&key).is_none_or(|(k, _)| worse(kind) > worse(*k));
        if keep {
            edges.insert(key, (kind, note));
        }
    }
    let ids: BTreeSet<&String> = edges.keys().flat_map(|(a, b)| [a, b]).collect();
    let nodes: Vec<graph::Node> = ids
        .into_iter()
        .filter_map(|id| r.initiative(id))
        .map(|i| graph::Node {
            id: i.meta.id.clone(),
            title: i.meta.title.clone(),
            url: format!("{root}{}", i.meta.url),
            layer: i.layer.map(|l| l.to_string()).unwrap_or_default(),
            rank: analysis::dependencies::layer_rank(i.layer.as_deref()),
        })
        .collect();
    let edges: Vec<graph::Edge> = edges
        .into_iter()
        .map(|((from, to), (kind, note))| graph::Edge {
            from,
            to,
            kind,
            note,
        })
        .collect();
    graph::graph(&nodes, &edges, "Dependency graph by layer")
}

/// An initiative's planned, actual and earned spend over time; `None`
/// without a budget.
pub fn budget_chart(
    i: &Initiative,
    facts: &Facts,
    config: &crate::config::Config,
) -> Option<String> {
    use crate::charts::budget::{burn, Series};
    // Drawn as it is judged: by the budget last approved, where a rise
    // since stands unapproved.
    let approved = facts.budget.approved_plans.get(&i.meta.id);
    let budget = approved.or(i.budget.as_ref())?;
    let status = facts.budget.initiatives.get(&i.meta.id)?;
    let today = config.today.day;
    let dates = facts.dates.get(&i.meta.id);
    let mut planned: Vec<(Day, f64)> = Vec::new();
    if budget.periods.is_empty() {
        // A total with no dates has no line over time; spend and progress
        // still do.
        if let Some((start, end)) = dates.and_then(|d| Some((d.start?, d.end?))) {
            // To the end it stands committed to, as the plan to date is
            // worked out (the line ran to an end moved with no decision).
            let end = facts
                .committed_ends
                .get(&i.meta.id)
                .map_or(end, |&committed| end.min(committed));
            planned.push((start, 0.0));
            planned.push((end, budget.total));
        }
    } else {
        let mut sum = 0.0;
        for (d, amount) in &budget.periods {
            if planned.last().is_none_or(|(last, _)| *last < d.day) {
                planned.push((d.day, sum));
            }
            sum += amount;
            let end = crate::base::date::period_end(d);
            planned.push((end.yesterday().unwrap_or(end), sum));
        }
    }
    let mut actual: Vec<(Day, f64)> = Vec::new();
    let mut sum = 0.0;
    for p in i.spend.iter().filter(|p| p.date.day <= today) {
        if actual.is_empty() {
            actual.push((p.date.day, 0.0));
        }
        sum += p.value;
        let end = crate::base::date::period_end(&p.date);
        actual.push((end.yesterday().unwrap_or(end).min(today), sum));
    }
    // What the milestones done are worth: the budget times their share.
    let total_ms = i.milestones.len();
    let mut done: Vec<Day> = i
        .milestones
        .iter()
        .filter_map(|m| m.done.as_ref().map(|d| d.day))
        .filter(|d| *d <= today)
        .collect();
    done.sort();
    let mut earned: Vec<(Day, f64)> = Vec::new();
    if total_ms > 0 {
        let first = planned
            .first()
            .or(actual.first())
            .map(|(d, _)| *d)
            .unwrap_or(today);
        earned.push((first.min(done.first().copied().unwrap_or(first)), 0.0));
        for (k, d) in done.iter().enumerate() {
            earned.push((*d, budget.total * (k + 1) as f64 / total_ms as f64));
        }
        if earned.last().is_some_and(|(d, _)| *d < today) {
            let last = earned.last().map_or(0.0, |(_, v)| *v);
            earned.push((today, last));
        }
    }
    let money = |v: f64| crate::words::money(v, &config.budget.currency);
    let desc = format!(
        "Budget {}; planned to date {}; spent by today {}; milestones done {} of {}, worth {}.",
        match approved {
            // The rest of the rise named, not all of it: part of it may
            // have been approved since.
            Some(a) => format!(
                "{} approved ({} written, {} of it with no approved change request)",
                money(a.total),
                money(status.total),
                money(status.total - a.total)
            ),
            None => money(budget.total),
        },
        status
            .planned_to_date
            .map(money)
            .unwrap_or_else(|| "unknown".into()),
        if status.spend_recorded {
            // The line is the spend as written: the total reported, which
            // the page counts, said beside it.
            match status.restated {
                Some(down) => format!(
                    "{} as reported ({} as written since, which the line shows)",
                    money(status.actual_to_date),
                    money(status.actual_to_date - down)
                ),
                None => money(status.actual_to_date),
            }
        } else {
            "none recorded".into()
        },
        done.len(),
        total_ms,
        money(if total_ms > 0 {
            budget.total * done.len() as f64 / total_ms as f64
        } else {
            0.0
        })
    );
    Some(burn(
        &[
            Series {
                label: if approved.is_some() {
                    "planned (approved budget)"
                } else {
                    "planned (budget)"
                },
                key: "planned",
                colour: charts::colour::BLUE,
                dashed: true,
                step: false,
                points: planned,
            },
            Series {
                label: "actual spend",
                key: "actual",
                colour: charts::colour::RED,
                dashed: false,
                step: false,
                points: actual,
            },
            Series {
                label: "earned (milestones done)",
                key: "earned",
                colour: charts::colour::GREEN,
                dashed: false,
                step: true,
                points: earned,
            },
        ],
        today,
        config.roadmap.fiscal_year_start,
        &config.budget.currency,
        &desc,
    ))
}
