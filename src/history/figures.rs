//! Reported figures through the snapshots: KPI and spend figures
//! restated, flash figures replaced, KPIs retired, unlinked or loosened.

use super::*;

/// Which reported figures: a KPI's data or an initiative's spend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Series {
    Kpi,
    Spend,
}

impl Series {
    /// One of its figures as the pages and `roadbook diff` say it: a KPI's
    /// as written, spend as money.
    pub fn shown(self, value: f64, currency: &str) -> String {
        match self {
            Series::Kpi => crate::words::exact(value),
            Series::Spend => crate::words::money(value, currency),
        }
    }

    /// The figures of item `id` in `r`, when it has them (`None`: no such
    /// item).
    pub fn of<'r>(self, r: &'r Roadmap, id: &str) -> Option<&'r [crate::model::DataPoint]> {
        match self {
            Series::Kpi => r.kpi(id).map(|k| k.data.as_slice()),
            Series::Spend => r.initiative(id).map(|i| i.spend.as_slice()),
        }
    }

    /// Whether some figure of item `id` could not be read in `r` (the
    /// error is told).
    fn incomplete(self, r: &Roadmap, id: &str) -> bool {
        match self {
            Series::Kpi => r.kpi(id).is_some_and(|k| k.figures_incomplete),
            Series::Spend => r.initiative(id).is_some_and(|i| i.spend_incomplete),
        }
    }
}

/// A figure a version reported (a KPI's data point, or an initiative's
/// spend, whose period had ended by that version's day) that the next
/// version changed or took out: a quarter that went badly can be made to
/// look better by restating it, and a restatement is a decision like a
/// slip.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRevision {
    /// The KPI, or the initiative whose spend it is.
    pub id: String,
    pub series: Series,
    /// The data point's date, as written.
    pub date: String,
    pub from: f64,
    /// `None`: the figure was taken out.
    pub to: Option<f64>,
    /// The version that last showed `from`.
    pub after: String,
    /// Whether it needs a decision: not when it puts back the figure last
    /// reported or approved.
    pub needs_ack: bool,
    /// The approved change request affecting the KPI that covers it (one
    /// request, one period's restatement; in a period: null when none).
    pub acknowledged_by: Option<Sym>,
    /// Which data point: its day and how it was written (`2026-07` and
    /// `2026-07-01` are two figures).
    #[serde(skip)]
    pub key: FigureKey,
    /// In a period: spend taken out but carried in a coarser figure now
    /// (months written as their quarter for less than they held), that
    /// figure's date as written and amount. "Taken out" alone read as if
    /// the whole amount had gone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within: Option<Within>,
}

/// The coarser spend figure a figure taken out is carried in now.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Within {
    /// Its date as written (`2026-Q3`) and amount.
    pub date: Sym,
    pub amount: f64,
    /// Its period over by the period's end: a period still running is a
    /// flash whose amount may still change, as the finding says.
    pub over: bool,
}

/// A flash figure a snapshot showed (its month or quarter still running on
/// the snapshot's day, the day itself for a daily figure) that the period
/// replaced: free to change, no decision needed, but the brief sent that
/// day counted it (a September on target at a snapshot of 30 September,
/// off target once final, changed with nothing said).
#[derive(Debug, Clone, Serialize)]
pub struct FlashFigure {
    /// The KPI, or the initiative whose spend it is.
    pub id: String,
    pub series: Series,
    /// The data point's date, as written.
    pub date: String,
    /// The flash, and the figure now (`None`: taken out).
    pub from: f64,
    pub to: Option<f64>,
}

/// A KPI data point's day and precision.
pub type FigureKey = (Day, crate::base::date::Precision);

pub fn figure_key(d: &crate::base::date::Date) -> FigureKey {
    (d.day, d.precision)
}

/// Whether a data point's period was over by `today`: a figure for the
/// month or the quarter still running (or the day itself) is a flash that
/// the final one replaces, not a report to hold the roadmap to.
fn reported_by(d: &crate::base::date::Date, today: Day) -> bool {
    use crate::base::date::Precision;
    let ends = match d.precision {
        Precision::Day => Some(d.day),
        Precision::Month => Some(d.day.last_of_month()),
        Precision::Quarter => d
            .day
            .checked_add(jiff::Span::new().months(2))
            .ok()
            .map(|x| x.last_of_month()),
    };
    ends.is_some_and(|e| e < today)
}

/// A KPI measured at the start of a period and retired by its end, and the
/// approved change request that covers it, if any.
#[derive(Debug, Clone, Serialize)]
pub struct Retired {
    pub id: String,
    /// Its `retired:` date, as written.
    pub retired: String,
    pub acknowledged_by: Option<Sym>,
}

/// A KPI still measured that no longer measures an outcome it measured at
/// the start of a period (the link taken out of either file), and the
/// approved change request that covers it, if any.
#[derive(Debug, Clone, Serialize)]
pub struct Unlinked {
    pub kpi: String,
    pub outcome: String,
    pub acknowledged_by: Option<Sym>,
}

/// A KPI measured at the end of a period that began measuring an outcome
/// the start had (the link written in either file, the KPI new or not).
#[derive(Debug, Clone, Serialize)]
pub struct Linked {
    pub kpi: String,
    pub outcome: String,
}

/// A KPI that a snapshot showed measuring an outcome and that no longer
/// does, both still in the roadmap, with no approved change request
/// affecting either decided on or after the last snapshot that showed
/// the link: the outcome's roll-up no longer counts it, so an off-target
/// KPI taken off reads as the outcome on track, as a retirement does.
#[derive(Debug, Clone, Serialize)]
pub struct KpiUnlinked {
    pub kpi: String,
    pub outcome: String,
    /// The last snapshot that showed the link.
    pub after: String,
    /// Where the KPI stood in that snapshot: its latest value, the target
    /// then in force and whether it met it.
    pub latest: Option<f64>,
    pub target: Option<f64>,
    pub on_target: Option<bool>,
}

/// A KPI retired since the last snapshot that showed it measured: it left
/// the dashboard, the brief and its outcomes' roll-ups, which can make an
/// off-target outcome read on track, so retiring it is a decision.
#[derive(Debug, Clone, Serialize)]
pub struct KpiRetirement {
    pub id: String,
    /// Its `retired:` date, as written.
    pub retired: String,
    /// The last snapshot that showed it measured.
    pub after: String,
    /// Where it stood in that snapshot: its latest value, the target then
    /// in force and whether it met it.
    pub latest: Option<f64>,
    pub target: Option<f64>,
    pub on_target: Option<bool>,
}

/// A KPI whose target in force today is looser than a snapshot set it for
/// today (lower where higher is better), with no approved change request
/// affecting it decided on or after the last snapshot that set it
/// tighter: a target moved to meet the figure reads as a KPI brought on
/// target, as a restated figure does.
#[derive(Debug, Clone, Serialize)]
pub struct TargetLoosened {
    pub id: String,
    /// The last snapshot that set a tighter target for today.
    pub after: String,
    /// The target for today, as that snapshot set it and as it is now.
    pub then: f64,
    pub now: f64,
    /// The day `then` was in force from in that snapshot.
    #[serde(skip)]
    pub since: Option<Day>,
    /// A step still ahead loosened (its date as written), not the target
    /// for today: `then` and `now` are the targets from that date on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<Sym>,
}

/// By initiative, the spend on record that restatements standing with
/// no approved change request took down: what the figures as reported
/// hold beyond the ones written now. A figure lowered counts what it
/// lost, one taken out all of it; figures taken into a coarser one
/// (months into their quarter) count what they held beyond it, the
/// coarser figure taken as new unless it was itself reported (then
/// its own lowering counts apart). Rewritten down with no decision,
/// spend cleared an overspend that the record still shows.
pub fn spend_restated_down(revisions: &[FigureRevision], r: &Roadmap) -> BTreeMap<String, f64> {
    let mut by_initiative: BTreeMap<&str, Vec<&FigureRevision>> = BTreeMap::new();
    for x in revisions.iter().filter(|x| x.series == Series::Spend) {
        by_initiative.entry(x.id.as_str()).or_default().push(x);
    }
    let mut out = BTreeMap::new();
    for (id, revised) in by_initiative {
        let Some(i) = r.initiative(id) else {
            continue;
        };
        let own: HashMap<FigureKey, f64> = revised.iter().map(|x| (x.key, x.from)).collect();
        let mut down = 0.0;
        // A coarser figure now → what its parts held, and its value.
        let mut wholes: BTreeMap<FigureKey, (f64, f64)> = BTreeMap::new();
        for x in &revised {
            let whole = x.to.is_none().then(|| {
                i.spend
                    .iter()
                    .find(|p| crate::base::date::lies_within(x.key, figure_key(&p.date)))
            });
            match whole.flatten() {
                Some(w) => {
                    wholes
                        .entry(figure_key(&w.date))
                        .or_insert((0.0, w.value))
                        .0 += x.from
                }
                None => down += (x.from - x.to.unwrap_or(0.0)).max(0.0),
            }
        }
        for (key, (parts, value)) in wholes {
            // Reported itself: its lowering is counted above, and what
            // it holds now was there before.
            let new = if own.contains_key(&key) { 0.0 } else { value };
            down += (parts - new).max(0.0);
        }
        if down > 0.0 {
            out.insert(id.to_string(), down);
        }
    }
    out
}

/// What the KPIs are judged by where a snapshot's record stands
/// unapproved: the target it set where one loosened since, and the
/// latest figure as reported where it was restated.
pub fn kpis_on_record(
    (loosened, turned): (&[TargetLoosened], &[DirectionTurned]),
    revisions: &[FigureRevision],
    r: &Roadmap,
    today: Day,
) -> crate::analysis::KpisOnRecord {
    crate::analysis::KpisOnRecord {
        turned: turned
            .iter()
            .map(|x| (x.id.clone(), x.from.clone()))
            .collect(),
        // A step still ahead is not the target today is judged by.
        loosened: loosened
            .iter()
            .filter(|x| x.step.is_none())
            .map(|x| {
                let target = crate::analysis::TargetOnRecord {
                    record: x.then,
                    written: x.now,
                    since: x.since,
                };
                (x.id.clone(), target)
            })
            .collect(),
        restated: kpi_figures_on_record(revisions, r, today),
    }
}

/// Each KPI's latest figure as reported where it stands restated with no
/// approved change request (see [`crate::analysis::KpiStatus::latest_restated`]):
/// the latest figure by `today` rewritten, or one later than it taken out.
fn kpi_figures_on_record(
    revisions: &[FigureRevision],
    r: &Roadmap,
    today: Day,
) -> BTreeMap<String, crate::analysis::Restated> {
    let mut out: BTreeMap<String, (FigureKey, crate::analysis::Restated)> = BTreeMap::new();
    for x in revisions
        .iter()
        .filter(|x| x.series == Series::Kpi && x.needs_ack && x.acknowledged_by.is_none())
    {
        let Some(kpi) = r.kpi(&x.id) else { continue };
        let latest = crate::analysis::figures_by(kpi, today).last();
        let latest_now = match x.to {
            Some(_) => latest.is_some_and(|p| figure_key(&p.date) == x.key),
            // Taken out with none after it, or written again at a finer
            // date within its period (August's 85 rewritten as 92 for
            // 31 August read "on target").
            None => {
                x.key.0 <= today
                    && latest.is_none_or(|p| {
                        p.date.day < x.key.0
                            || crate::base::date::lies_within(figure_key(&p.date), x.key)
                    })
            }
        };
        if !latest_now || out.get(&x.id).is_some_and(|(key, _)| *key >= x.key) {
            continue;
        }
        let restated = crate::analysis::Restated {
            date: x.date.clone(),
            reported: x.from,
            written: x.to,
            point: crate::base::date::Date {
                day: x.key.0,
                written: Sym::new(&x.date),
                precision: x.key.1,
            },
        };
        out.insert(x.id.clone(), (x.key, restated));
    }
    out.into_iter().map(|(id, (_, r))| (id, r)).collect()
}

/// How each step of a KPI figure's history was judged: (the KPI, the
/// figure, the point the step leads to) → (whether it needed a decision,
/// the approval that covers it).
pub(super) type RevisionSteps = HashMap<(String, FigureKey, usize), (bool, Option<Sym>)>;

/// Every reported KPI figure of the working tree's KPIs followed across the
/// points: each change from the figure last reported or approved is judged
/// (an approved change request affecting the KPI, decided on or after the
/// version that last showed it; one request covers one point's
/// restatement, every figure it changed, as a slip's request covers one
/// move), and the changes that stand in the working tree.
pub(super) fn revision_trails(
    points: &[Point],
    approvals: &Approvals,
) -> (RevisionSteps, Vec<FigureRevision>) {
    let Some(current) = points.last() else {
        return Default::default();
    };
    // Each KPI, and each initiative's spend, on its own: at 1,000 KPIs of
    // monthly figures over 9 versions, 80 ms on one core.
    let kpis = current.roadmap.kpis.iter().map(|k| (&k.meta, Series::Kpi));
    let spend = current
        .roadmap
        .initiatives
        .iter()
        .map(|i| (&i.meta, Series::Spend));
    let items: Vec<(&crate::model::Meta, Series)> = kpis.chain(spend).collect();
    let per_item: Vec<(RevisionSteps, Vec<FigureRevision>)> = items
        .par_iter()
        .map(|(meta, series)| figure_trail(points, approvals, &meta.id, *series))
        .collect();
    let mut steps = RevisionSteps::default();
    let mut open = Vec::new();
    for (s, o) in per_item {
        steps.extend(s);
        open.extend(o);
    }
    (steps, open)
}

/// [`revision_trails`] for one KPI. Each figure's changes are paired with
/// the approvals as a milestone's moves are ([`pair_approvals`]: the
/// latest change first, one request each, decided on or after the version
/// before the change); one request covers the figures changed at the same
/// version. Then the figure is followed: a change back to the figure
/// accepted (reported, or approved since) needs nothing, an approved one
/// is accepted, any other stands until one of those.
fn figure_trail(
    points: &[Point],
    approvals: &Approvals,
    id: &str,
    series: Series,
) -> (RevisionSteps, Vec<FigureRevision>) {
    /// One figure across the points that have the item, from the first that
    /// reported it: (point, value there).
    struct Trail<'a> {
        written: &'a str,
        values: Vec<(usize, Option<f64>)>,
    }
    // A figure the working tree cannot read is an error of its own, not a
    // restatement: judged, a typo in an amount read as a decision to make.
    if points
        .last()
        .is_some_and(|p| series.incomplete(p.roadmap, id))
    {
        return Default::default();
    }
    let mut trails: BTreeMap<FigureKey, Trail> = BTreeMap::new();
    let mut last: Option<usize> = None;
    // Point → the spend figures it carries in a coarser one.
    let mut regrouped: HashMap<usize, HashSet<FigureKey>> = HashMap::default();
    for (k, p) in points.iter().enumerate() {
        let Some(data) = series.of(p.roadmap, id) else {
            continue;
        };
        if let (Series::Spend, Some(before)) = (series, last) {
            let was = series.of(points[before].roadmap, id).unwrap_or_default();
            let moved = regrouped_spend(was, points[before].today, data, p.today);
            if !moved.is_empty() {
                regrouped.insert(k, moved);
            }
        }
        last = Some(k);
        let now: HashMap<FigureKey, f64> = data
            .iter()
            .map(|d| (figure_key(&d.date), d.value))
            .collect();
        for d in data.iter().filter(|d| reported_by(&d.date, p.today)) {
            trails.entry(figure_key(&d.date)).or_insert(Trail {
                written: d.date.written.as_str(),
                values: Vec::new(),
            });
        }
        for (key, t) in trails.iter_mut() {
            t.values.push((k, now.get(key).copied()));
        }
    }
    // Every change of every figure, by the point it happened at: the
    // request paired with a point covers all the figures changed there.
    let mut changed_at: BTreeSet<usize> = BTreeSet::new();
    let moved_into_whole = |key: &FigureKey, k: usize, value: Option<f64>| {
        value.is_none() && regrouped.get(&k).is_some_and(|r| r.contains(key))
    };
    for (key, t) in &trails {
        for w in t.values.windows(2) {
            if w[0].1 != w[1].1 && !moved_into_whole(key, w[1].0, w[1].1) {
                changed_at.insert(w[1].0);
            }
        }
    }
    let changed_at: Vec<usize> = changed_at.into_iter().collect();
    let candidates: Vec<(Day, &str)> = approvals
        .affecting(id, id)
        .into_iter()
        .filter(|(_, c)| approvals.approves_restatement(c))
        .collect();
    let days: Vec<Day> = candidates.iter().map(|(d, _)| *d).collect();
    let since: Vec<Option<Day>> = changed_at
        .iter()
        .map(|&k| {
            // The version before the change: the last that showed the
            // figure as it was.
            let before = points[..k]
                .iter()
                .rposition(|p| series.of(p.roadmap, id).is_some());
            before.map(|b| points[b].today)
        })
        .collect();
    let mut taken = vec![false; days.len()];
    let paired = pair_approvals(&since, &days, &mut taken);
    let approval_at: HashMap<usize, Sym> = changed_at
        .iter()
        .zip(paired)
        .filter_map(|(&k, j)| Some((k, Sym::from(candidates[j?].1))))
        .collect();

    let mut steps = RevisionSteps::default();
    let mut open = Vec::new();
    for (key, t) in &trails {
        let Some(&(first, Some(reported))) = t.values.first() else {
            continue;
        };
        // The figure accepted and the last point that showed it; the last
        // figure reported and where (for one put back after an approved
        // removal); a change that stands: from what, after which point.
        let (mut accepted, mut shown) = (Some(reported), first);
        let (mut reported, mut reported_at) = (reported, first);
        let mut pending: Option<(f64, usize)> = None;
        for w in t.values.windows(2) {
            let (k, value) = w[1];
            // Taken out with approval and back as it was reported: as good
            // as never taken out.
            let restored = accepted.is_none() && value == Some(reported);
            // More spent than reported (a late invoice) hides nothing: it
            // is taken as the amount on record.
            let rose =
                series == Series::Spend && matches!((accepted, value), (Some(a), Some(v)) if v > a);
            if value == accepted || restored || rose {
                if w[0].1 != value && !rose {
                    // Put back as it stood: nothing to decide.
                    steps.insert((id.to_string(), *key, k), (false, None));
                }
                (accepted, shown, pending) = (value, k, None);
                if let Some(v) = value {
                    (reported, reported_at) = (v, k);
                }
                continue;
            }
            if w[0].1 == value {
                continue;
            }
            // Carried in a coarser figure: on record there, where a
            // lowering is a revision of its own. One already lowered
            // stands as it was.
            if moved_into_whole(key, k, value) && pending.is_none() {
                (accepted, shown) = (None, k);
                continue;
            }
            if let Some(cr) = approval_at.get(&k) {
                steps.insert((id.to_string(), *key, k), (true, Some(*cr)));
                (accepted, shown, pending) = (value, k, None);
                if let Some(v) = value {
                    (reported, reported_at) = (v, k);
                }
                continue;
            }
            steps.insert((id.to_string(), *key, k), (true, None));
            if pending.is_none() {
                pending = match accepted {
                    Some(from) => Some((from, shown)),
                    // Taken out with approval, back with another figure.
                    None => Some((reported, reported_at)),
                };
            }
        }
        if last != Some(points.len() - 1) {
            continue;
        }
        if let Some((from, after)) = pending {
            open.push(FigureRevision {
                id: id.to_string(),
                series,
                date: t.written.to_string(),
                from,
                to: t.values.last().and_then(|(_, v)| *v),
                after: points[after].name.to_string(),
                needs_ack: true,
                acknowledged_by: None,
                key: *key,
                within: None,
            });
        }
    }
    (steps, open)
}

/// The working tree's KPIs in force whose target for today is looser than
/// a snapshot set it, with no approval since the last snapshot that set
/// it tighter (taking a snapshot since clears nothing). A snapshot's
/// target for today is what its KPI would read as its target today: its
/// steps read at today's date, else its data file's latest target.
pub(super) fn open_loosened(points: &[Point], approvals: &Approvals) -> Vec<TargetLoosened> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .kpis
        .iter()
        .filter(|k| !k.retired_by(current.today))
        .flat_map(|k| {
            loosened(k, current.today, snapshots, approvals)
                .into_iter()
                .chain(loosened_ahead(k, current.today, snapshots, approvals))
        })
        .collect()
}

/// The steps of `targets:` still ahead of `today` that read looser from
/// their date on than the last snapshot that had the KPI set them (a step
/// changed, taken out, or one added looser than the one before it), with
/// no approval since that snapshot: said when edited, not a quarter later
/// when the step comes into force.
fn loosened_ahead(
    k: &crate::model::Kpi,
    today: Day,
    snapshots: &[Point],
    approvals: &Approvals,
) -> Vec<TargetLoosened> {
    let id = k.meta.id.as_str();
    // Every step date ahead any snapshot or the working tree sets.
    let kpis = snapshots.iter().filter_map(|p| p.roadmap.kpi(id));
    steps_ahead(kpis.chain([k]), today)
        .into_iter()
        .filter_map(|date| {
            let now = k.target_at(date.day)?;
            // The last snapshot that set it tighter from that date on:
            // taking a snapshot since clears nothing. Turned around, the
            // figures mean something else.
            let (p, then) = snapshots.iter().rev().find_map(|p| {
                let was = p.roadmap.kpi(id).filter(|w| w.direction == k.direction)?;
                let then = was.target_at(date.day)?;
                reads_better(&k.direction, then, now).then_some((p, then))
            })?;
            approvals
                .approving(id, p.today)
                .is_none()
                .then(|| TargetLoosened {
                    id: id.to_string(),
                    after: p.name.to_string(),
                    then,
                    now,
                    since: None,
                    step: Some(date.written),
                })
        })
        .collect()
}

/// A KPI's baseline moved since a snapshot so that its progress reads
/// better (higher where lower is better, lower where higher is, or taken
/// out), with no approved change request affecting it decided on or after
/// the last snapshot that set it otherwise: the chart and the page measure
/// the same figures from a better start (a cut from 45 to 32 reads 28 %
/// where the cut from 41 on record was 22 %).
#[derive(Debug, Clone, Serialize)]
pub struct BaselineMoved {
    pub id: String,
    /// The last snapshot whose baseline it moved from, and its baseline
    /// there and now (`to` null: taken out).
    pub after: String,
    pub from: f64,
    pub to: Option<f64>,
}

/// Whether a figure a KPI is read against (its target, its baseline),
/// moved from `then` to `now`, makes it read better by its direction
/// (`down`: lower is better): a target loosened, a baseline moved so that
/// the same figures show more progress.
pub(super) fn reads_better(direction: &str, then: f64, now: f64) -> bool {
    if direction == "down" {
        now > then
    } else {
        now < then
    }
}

/// Whether a baseline moved from `from` to `to` makes a KPI's progress
/// read better, by its direction; taken out, there is no start to read it
/// against.
pub fn baseline_flatters(direction: &str, from: f64, to: Option<f64>) -> bool {
    to.is_none_or(|to| reads_better(direction, from, to))
}

/// The dates of `kpis`' steps of `targets:` still ahead of `today`, each
/// once, soonest first.
pub(super) fn steps_ahead<'k>(
    kpis: impl IntoIterator<Item = &'k crate::model::Kpi>,
    today: Day,
) -> Vec<&'k crate::base::date::Date> {
    let mut ahead: Vec<&crate::base::date::Date> = kpis
        .into_iter()
        .flat_map(|k| &k.targets)
        .map(|(date, _)| date)
        .filter(|date| date.day > today)
        .collect();
    ahead.sort_by_key(|date| date.day);
    ahead.dedup_by_key(|date| date.day);
    ahead
}

/// The working tree's KPIs in force whose baseline moved since a snapshot
/// so that their progress reads better, with no approved change request
/// since (taking a snapshot since clears nothing).
pub(super) fn open_baselines(points: &[Point], approvals: &Approvals) -> Vec<BaselineMoved> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .kpis
        .iter()
        .filter(|k| !k.retired_by(current.today))
        .filter_map(|k| {
            let id = k.meta.id.as_str();
            // Turned around, the figures mean something else: not a
            // baseline moved.
            let (p, from) = snapshots.iter().rev().find_map(|p| {
                let was = p.roadmap.kpi(id).filter(|w| w.direction == k.direction)?;
                let from = was.baseline?;
                baseline_flatters(&k.direction, from, k.baseline).then_some((p, from))
            })?;
            approvals
                .approving(id, p.today)
                .is_none()
                .then(|| BaselineMoved {
                    id: id.to_string(),
                    after: p.name.to_string(),
                    from,
                    to: k.baseline,
                })
        })
        .collect()
}

/// A KPI turned around since a snapshot (`direction: up` made `down`, or
/// back), with no approved change request affecting it decided on or after
/// that snapshot: the same figures and target then read the other way, an
/// off-target KPI on target with nothing measured differently.
#[derive(Debug, Clone, Serialize)]
pub struct DirectionTurned {
    pub id: String,
    /// The last snapshot that had it, and its direction there and now.
    pub after: String,
    pub from: String,
    pub to: String,
}

/// The working tree's KPIs (the last point) turned around since the last
/// snapshot that had them, with no approved change request since.
pub(super) fn open_turned(points: &[Point], approvals: &Approvals) -> Vec<DirectionTurned> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .kpis
        .iter()
        .filter_map(|k| turned(k, snapshots, approvals))
        .collect()
}

/// [`open_turned`] for one KPI, of a point after `snapshots`.
fn turned(
    k: &crate::model::Kpi,
    snapshots: &[Point],
    approvals: &Approvals,
) -> Option<DirectionTurned> {
    let id = k.meta.id.as_str();
    let (p, was) = snapshots
        .iter()
        .rev()
        .find_map(|p| Some((p, p.roadmap.kpi(id)?)))?;
    let turned = was.direction != k.direction;
    (turned && approvals.approving(id, p.today).is_none()).then(|| DirectionTurned {
        id: id.to_string(),
        after: p.name.to_string(),
        from: was.direction.clone(),
        to: k.direction.clone(),
    })
}

/// [`open_loosened`] for one KPI of the point dated `today`, `snapshots`
/// the points before it.
fn loosened(
    k: &crate::model::Kpi,
    today: Day,
    snapshots: &[Point],
    approvals: &Approvals,
) -> Option<TargetLoosened> {
    let target_of = |k: &crate::model::Kpi| crate::analysis::kpi_status(k, today).target;
    let id = k.meta.id.as_str();
    let now = target_of(k)?;
    // Turned around (`direction` changed), the figures mean something
    // else: not a target loosened.
    let (p, was, then) = snapshots.iter().rev().find_map(|p| {
        let was = p.roadmap.kpi(id).filter(|w| w.direction == k.direction)?;
        let then = target_of(was)?;
        reads_better(&k.direction, then, now).then_some((p, was, then))
    })?;
    if approvals.approving(id, p.today).is_some() {
        return None;
    }
    // The step of the snapshot's in force today.
    let since = crate::analysis::target_steps(was)
        .iter()
        .rev()
        .find(|(d, _)| *d <= today)
        .map(|(d, _)| *d);
    Some(TargetLoosened {
        id: id.to_string(),
        after: p.name.to_string(),
        then,
        now,
        since,
        step: None,
    })
}

/// A KPI as the site of snapshot `p` (one of `points`) judged it: by the
/// target on record where one loosened with no decision by its day, and
/// by the figure reported where its latest was restated (by its own
/// dates, a KPI taken off its outcome read "on target then" where that
/// quarter's site said off target).
fn status_then(points: &[Point], p: &Point, was: &crate::model::Kpi) -> crate::analysis::KpiStatus {
    let Some(k) = points.iter().position(|q| q.name == p.name) else {
        return crate::analysis::kpi_status(was, p.today);
    };
    let upto = &points[..=k];
    let approvals = Approvals::of(upto);
    let id = was.meta.id.as_str();
    // Turned around with no decision before that snapshot: it read the
    // way the snapshot before read it, as its own pages did (18 against a
    // target of 80 read "on target" written the other way round).
    let turned: Vec<DirectionTurned> = turned(was, &points[..k], &approvals).into_iter().collect();
    let as_recorded = turned.first().map(|t| crate::model::Kpi {
        direction: t.from.clone(),
        ..was.clone()
    });
    let judged_as = as_recorded.as_ref().unwrap_or(was);
    let status = crate::analysis::kpi_status(judged_as, p.today);
    // This KPI's alone: a version with many KPIs taken off walked every
    // KPI's and every initiative's figures for each. As in the working
    // tree, a KPI turned around has no target loosened.
    let loosened: Vec<TargetLoosened> = (!was.retired_by(p.today))
        .then(|| loosened(was, p.today, &points[..k], &approvals))
        .flatten()
        .into_iter()
        .collect();
    let revisions = figure_trail(upto, &approvals, id, Series::Kpi).1;
    let on_record = kpis_on_record((&loosened, &turned), &revisions, p.roadmap, p.today);
    let mut status = match on_record.restated.get(id) {
        Some(restated) => status.judged_as_reported(judged_as, restated, p.today),
        None => status,
    };
    if let Some(&target) = on_record.loosened.get(id) {
        status = status.on_record(judged_as, target);
    }
    status
}

/// The working tree's KPIs retired by its day that a snapshot showed
/// measured (not yet retired by its day), with no approved change request
/// affecting them decided on or after the last such snapshot: as with
/// budgets, taking a snapshot since clears nothing.
pub(super) fn open_retirements(points: &[Point], approvals: &Approvals) -> Vec<KpiRetirement> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .kpis
        .iter()
        .filter(|k| k.retired_by(current.today))
        .filter_map(|k| {
            let id = k.meta.id.as_str();
            let retired_on = |p: &Point| {
                let was = p.roadmap.kpi(id)?;
                Some(was.retired.as_ref().map(|d| d.day))
            };
            let (p, since) = retirement_record(snapshots, retired_on, k.retired.as_ref()?.day)?;
            if approvals.approving(id, since).is_some() {
                return None;
            }
            let was = p.roadmap.kpi(id)?;
            let status = status_then(points, p, was);
            Some(KpiRetirement {
                id: id.to_string(),
                retired: k
                    .retired
                    .as_ref()
                    .map(|d| d.written.to_string())
                    .unwrap_or_default(),
                after: p.name.to_string(),
                latest: status.latest,
                target: status.target,
                on_target: status.on_target,
            })
        })
        .collect()
}

/// The working tree's KPIs, measured today, that a snapshot showed
/// measuring an outcome the working tree still has and they no longer
/// measure, with no approved change request affecting the KPI or the
/// outcome decided on or after the last snapshot that showed the link.
pub(super) fn open_unlinked(points: &[Point], approvals: &Approvals) -> Vec<KpiUnlinked> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for k in current
        .roadmap
        .kpis
        .iter()
        .filter(|k| !k.retired_by(current.today))
    {
        let id = k.meta.id.as_str();
        let gone: BTreeSet<&str> = snapshots
            .iter()
            .filter_map(|p| p.roadmap.kpi(id).filter(|was| !was.retired_by(p.today)))
            .flat_map(|was| was.outcomes.iter().map(String::as_str))
            .filter(|o| !k.outcomes.iter().any(|now| now == o))
            .filter(|o| is_outcome(current.roadmap, o))
            .collect();
        for outcome in gone {
            let Some((p, was)) = snapshots.iter().rev().find_map(|p| {
                let was = p.roadmap.kpi(id)?;
                (!was.retired_by(p.today) && was.outcomes.iter().any(|o| o == outcome))
                    .then_some((p, was))
            }) else {
                continue;
            };
            if approvals.approving(id, p.today).is_some()
                || approvals.approving(outcome, p.today).is_some()
            {
                continue;
            }
            let status = status_then(points, p, was);
            out.push(KpiUnlinked {
                kpi: id.to_string(),
                outcome: outcome.to_string(),
                after: p.name.to_string(),
                latest: status.latest,
                target: status.target,
                on_target: status.on_target,
            });
        }
    }
    out
}

/// KPIs that some snapshot reported figures for and that are gone from the
/// working tree (not merely unreadable there). Every snapshot counts, not
/// only the last one that had the KPI: taking its figures out first and the
/// file next would otherwise leave nothing on record. One that never
/// reported a figure took nothing off the record.
pub(super) fn removed_kpis(points: &[Point]) -> Vec<RemovedKpi> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    if !current.roadmap.all_read(crate::model::Kind::Kpi) {
        return Vec::new();
    }
    // id → (the last snapshot that had it, its KPI there, every figure any
    // snapshot reported).
    type Seen<'p> = (&'p Point<'p>, &'p crate::model::Kpi, HashSet<FigureKey>);
    let mut seen: BTreeMap<&str, Seen> = BTreeMap::new();
    for p in snapshots {
        for k in &p.roadmap.kpis {
            let id = k.meta.id.as_str();
            if current.roadmap.kpi(id).is_some() || current.roadmap.unread_ids.contains(id) {
                continue;
            }
            let entry = seen
                .entry(id)
                .or_insert_with(|| (p, &**k, HashSet::default()));
            entry.0 = p;
            entry.1 = k;
            entry.2.extend(
                k.data
                    .iter()
                    .filter(|d| reported_by(&d.date, p.today))
                    .map(|d| figure_key(&d.date)),
            );
        }
    }
    seen.into_iter()
        .filter(|(_, (_, _, reported))| !reported.is_empty())
        .map(|(id, (p, k, reported))| RemovedKpi {
            id: id.to_string(),
            title: k.meta.title.clone(),
            rel: k.meta.rel.clone(),
            after: p.name.to_string(),
            reported: reported.len(),
        })
        .collect()
}

/// More spend on record in `now` than in `was` for the periods over by
/// `reported_on` (see [`LateSpend`]). Summed, so months written again as
/// their quarter are no spend recorded late.
pub(super) fn late_spend(
    id: &str,
    was: &[crate::model::DataPoint],
    now: &[crate::model::DataPoint],
    reported_on: Day,
) -> Option<LateSpend> {
    let closed = |points: &[crate::model::DataPoint]| -> f64 {
        points
            .iter()
            .filter(|p| reported_by(&p.date, reported_on))
            .map(|p| p.value)
            .sum()
    };
    // `+ 0.0`: nothing on record sums to -0.0, which a script reads as such.
    let (before, after) = (closed(was) + 0.0, closed(now) + 0.0);
    // Amounts summed in another order differ in the last bits.
    if after <= before + 1e-9 * before.abs().max(1.0) {
        return None;
    }
    let old: HashMap<FigureKey, f64> = was.iter().map(|p| (figure_key(&p.date), p.value)).collect();
    let periods = now
        .iter()
        .filter(|p| reported_by(&p.date, reported_on))
        .filter(|p| old.get(&figure_key(&p.date)).is_none_or(|v| p.value > *v))
        .map(|p| p.date.written.to_string())
        .collect();
    Some(LateSpend {
        id: id.to_string(),
        periods,
        was: before,
        now: after,
    })
}

/// The spend figures `was` reported (their period over by `reported_on`)
/// that `now` no longer has one by one but carries in a coarser figure for
/// a period over by `today`, at least their sum (two months written as
/// their quarter once the books close): the money is still on record,
/// nothing was lowered. A coarser figure for a period still running is a
/// flash that may change freely, so it holds nothing the months reported.
pub(super) fn regrouped_spend(
    was: &[crate::model::DataPoint],
    reported_on: Day,
    now: &[crate::model::DataPoint],
    today: Day,
) -> HashSet<FigureKey> {
    let kept: HashSet<FigureKey> = now.iter().map(|p| figure_key(&p.date)).collect();
    let mut regrouped = HashSet::default();
    for whole in now.iter().filter(|p| reported_by(&p.date, today)) {
        let parts: Vec<&crate::model::DataPoint> = was
            .iter()
            .filter(|p| {
                crate::base::date::lies_within(figure_key(&p.date), figure_key(&whole.date))
                    && reported_by(&p.date, reported_on)
                    && !kept.contains(&figure_key(&p.date))
            })
            .collect();
        if parts.is_empty() {
            continue;
        }
        let before = was
            .iter()
            .find(|p| figure_key(&p.date) == figure_key(&whole.date))
            .map_or(0.0, |p| p.value);
        let sum = before + parts.iter().map(|p| p.value).sum::<f64>();
        // Amounts summed in another order differ in the last bits.
        if whole.value >= sum - 1e-9 * sum.abs().max(1.0) {
            regrouped.extend(parts.iter().map(|p| figure_key(&p.date)));
        }
    }
    regrouped
}

/// The figures of `id` that `a` reported (their period over by its day)
/// and that `now` has changed or taken out.
pub(super) fn revised(
    d: &mut Diff,
    a: &Point,
    id: &str,
    series: Series,
    was: &[crate::model::DataPoint],
    now: &[crate::model::DataPoint],
    regrouped: Option<&HashSet<FigureKey>>,
) {
    let now_by_key: HashMap<FigureKey, f64> =
        now.iter().map(|p| (figure_key(&p.date), p.value)).collect();
    // Its flash figures (the period begun by its day, not over) replaced.
    // Spend only hides overspend by going down, and a month's flash
    // written into its quarter is still on record.
    for was in was
        .iter()
        .filter(|p| p.date.day <= a.today && !reported_by(&p.date, a.today))
    {
        let key = figure_key(&was.date);
        let now = now_by_key.get(&key).copied();
        let kept_as_spend = series == Series::Spend
            && match now {
                Some(v) => v >= was.value,
                None => now_by_key
                    .keys()
                    .any(|&whole| whole != key && crate::base::date::lies_within(key, whole)),
            };
        if now != Some(was.value) && !kept_as_spend {
            d.flash.push(FlashFigure {
                id: id.to_string(),
                series,
                date: was.date.written.to_string(),
                from: was.value,
                to: now,
            });
        }
    }
    let reported = was.iter().filter(|p| reported_by(&p.date, a.today));
    if reported.clone().next().is_none() {
        return;
    }
    // Where spend taken out may be carried now (KPI figures are not).
    let now_whole: Vec<(FigureKey, &crate::model::DataPoint)> = match series {
        Series::Spend => now.iter().map(|p| (figure_key(&p.date), p)).collect(),
        Series::Kpi => Vec::new(),
    };
    for was in reported {
        let key = figure_key(&was.date);
        let now = now_by_key.get(&key).copied();
        // Spend only hides overspend by going down (or away).
        let rose = series == Series::Spend && now.is_some_and(|v| v > was.value);
        let moved_into_whole = regrouped.is_some_and(|r| r.contains(&key));
        if now != Some(was.value) && !rose && !moved_into_whole {
            let within = now
                .is_none()
                .then(|| {
                    now_whole.iter().find(|(whole, _)| {
                        *whole != key && crate::base::date::lies_within(key, *whole)
                    })
                })
                .flatten()
                .map(|(_, p)| Within {
                    date: p.date.written,
                    amount: p.value,
                    over: crate::base::date::period_end(&p.date) <= d.to_today,
                });
            d.revisions.push(FigureRevision {
                id: id.to_string(),
                series,
                date: was.date.written.to_string(),
                from: was.value,
                to: now,
                after: a.name.to_string(),
                needs_ack: true,
                acknowledged_by: None,
                key,
                within,
            });
        }
    }
}
