//! What the record says against the working tree: records deleted,
//! completions dated back, cancellations, what still stands.

use super::*;

/// A live initiative of some snapshot that the working tree no longer has:
/// deleting its file took its milestones, slips and findings off every
/// page, and no change request can approve that (it can name only what
/// the roadmap has); closing it (`status: cancelled`) keeps it on record.
#[derive(Debug, Clone, Serialize)]
pub struct RemovedInitiative {
    pub id: String,
    pub title: String,
    /// Its file in that snapshot, relative to the content folder.
    pub rel: String,
    /// The last snapshot that had it, live.
    pub after: String,
    pub milestones: usize,
}

/// An outcome some snapshot pursued (not retired by its day) that the
/// working tree no longer has: deleting its file took it, its horizon and
/// the findings about its work off every page (work moved to an outcome
/// due later read as on time), and no change request can approve that;
/// retiring it (`retired:`) keeps it on record.
#[derive(Debug, Clone, Serialize)]
pub struct RemovedOutcome {
    pub id: String,
    pub title: String,
    /// Its file in that snapshot, relative to the content folder.
    pub rel: String,
    /// The last snapshot that had it.
    pub after: String,
    /// Its horizon there, as written.
    pub horizon: Option<String>,
    /// What that snapshot's live work serving it serves now, by id (the
    /// outcomes it was moved to).
    pub work_now_serves: Vec<String>,
}

/// An outcome some snapshot pursued that the working tree has retired
/// (`retired:` by its day), with no approved change request affecting it
/// decided on or after the last snapshot that pursued it.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeRetirement {
    pub id: String,
    /// Its `retired:`, as written.
    pub retired: String,
    /// The last snapshot that pursued it.
    pub after: String,
    /// Its horizon there, as written.
    pub horizon: Option<String>,
    /// The live initiatives serving it there.
    pub served_by: usize,
}

/// A KPI some snapshot reported figures for that the working tree no
/// longer has: deleting its file took those figures off every page, as a
/// restatement would, with nothing on record.
#[derive(Debug, Clone, Serialize)]
pub struct RemovedKpi {
    pub id: String,
    pub title: String,
    /// Its file in that snapshot, relative to the content folder.
    pub rel: String,
    /// The last snapshot that had it.
    pub after: String,
    /// The figures the snapshots reported (their period over by the
    /// snapshot's day), each counted once.
    pub reported: usize,
}

/// A RAID item open in the last snapshot that had it whose file the
/// working tree no longer has: deleting (or renaming) it took a threat off
/// the log, the heat map and the brief, with nothing on record.
#[derive(Debug, Clone, Serialize)]
pub struct RemovedRisk {
    pub id: String,
    pub title: String,
    /// Its file in that snapshot, relative to the content folder.
    pub rel: String,
    /// The last snapshot that had it (open, or closed unreviewed).
    pub after: String,
    /// risk, assumption, issue or decision.
    pub risk_type: String,
    /// Probability × impact there, when scored.
    pub exposure: Option<u8>,
    /// When `after` had it closed: the snapshots before that had it open
    /// and scored, with no review recorded since, oldest first.
    pub closed_unreviewed: Vec<super::RiskStood>,
}

/// A change request of a snapshot whose file the working tree no longer
/// has: the record of a decision gone, and what it approved with it (or a
/// request written since, under another id and dated back, taking its
/// place with nothing to say so).
#[derive(Debug, Clone, Serialize)]
pub struct RemovedChange {
    pub id: String,
    pub title: String,
    /// Its file in that snapshot, relative to the content folder.
    pub rel: String,
    /// The last snapshot that had it.
    pub after: String,
    /// Its status there.
    pub status: String,
}

/// A review a snapshot recorded as held (dated on or before its day)
/// whose file the working tree no longer has: the record of a meeting and
/// what it decided gone, or written again under another id with other
/// decisions (from trials: `review-rewritten` went around by renaming the
/// file).
#[derive(Debug, Clone, Serialize)]
pub struct RemovedReview {
    pub id: String,
    pub title: String,
    /// Its file in that snapshot, relative to the content folder.
    pub rel: String,
    /// The last snapshot that had it.
    pub after: String,
    /// The day it was held, as written there.
    pub date: String,
}

/// A milestone's `done:` dated earlier than a snapshot's record allows: a
/// snapshot showed it open and overdue after that day, or recorded it done
/// later. Back-dating turns a late delivery into an on-time one.
#[derive(Debug, Clone, Serialize)]
pub struct Backdated {
    pub gid: Sym,
    /// Its `done:` as written now.
    pub done: String,
    /// The snapshot whose record it contradicts, and that snapshot's day.
    pub after: String,
    pub as_of: String,
    /// What that snapshot recorded: its `done:` then, or null when it
    /// showed the milestone open and overdue.
    pub done_then: Option<String>,
    /// The earliest day the record lets it be done: `done_then`'s, else
    /// the snapshot's.
    #[serde(skip)]
    pub done_by_record: Day,
    /// The approved change request that accepts the date (then it is not
    /// a finding).
    #[serde(skip)]
    pub approved_by: Option<Sym>,
}

/// Work that takes its team's time whose start (its `start:`, else its
/// first milestone's due date, as the capacity reads it) is dated more
/// than a week before the day of a snapshot that had it starting after
/// that day, with no approved change request affecting its plan decided
/// since: the capacity spreads its effort over quarters that snapshot
/// recorded it had no part in, and the quarters to come read lighter (from
/// a trial: a planned initiative's start moved from 2027-Q1 to 2026-Q3
/// took its team from 148 % to 98 %, and the brief said no team was above
/// its capacity). The check says those whose start moved to an earlier
/// quarter (the capacity is read by quarter).
#[derive(Debug, Clone, Serialize)]
pub struct StartBackdated {
    pub id: String,
    /// Its start as written now (its `start:`, else its first milestone's
    /// due date).
    pub start: String,
    /// The latest snapshot that had it starting after its own day, that
    /// snapshot's day and the start it had there.
    pub after: String,
    pub as_of: String,
    pub start_then: String,
    #[serde(skip)]
    pub start_day: Day,
    #[serde(skip)]
    pub start_then_day: Day,
}

/// The working tree's initiatives whose start is dated back (see
/// [`StartBackdated`]).
pub(super) fn open_backdated_starts(
    points: &[Point],
    approvals: &Approvals,
) -> Vec<StartBackdated> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    let fiscal_start = current.roadmap.fiscal_year_start.max(1);
    // As the capacity reads a start (the field, else the first due date),
    // with the date as written.
    let start_of = |i: &Initiative| {
        let day = crate::analysis::schedule::dates(i).start?;
        let written = match &i.start {
            Some(d) => &d.written,
            None => &i.milestones.iter().find(|m| m.due.day == day)?.due.written,
        };
        Some((day, written.to_string()))
    };
    current
        .roadmap
        .initiatives
        .iter()
        .filter(|i| crate::analysis::capacity::takes_people(i) && !i.is_closed())
        .filter_map(|i| {
            let (start, written) = start_of(i)?;
            let id = i.meta.id.as_str();
            let dated_back = |k: usize, other_quarter: bool| {
                let p = &snapshots[k];
                let then = start_of(p.roadmap.initiative(id)?)?;
                // Starting after its day, or started on a day it recorded
                // and dated further back since (from a trial: work begun in
                // July, recorded so, moved to January: its effort spread
                // over two quarters more and the team's overload went).
                let back = then.0 > p.today || days_between(start, then.0) > RECORDED_LATE_DAYS;
                // Into an earlier quarter (what the check says) is looked
                // for first: a snapshot that recorded an earlier move
                // within the quarter must not hide one to the quarter
                // before (from a review).
                let quarter = |d: Day| crate::base::date::Quarter::of(d, fiscal_start);
                let moved = !other_quarter || quarter(start) < quarter(then.0);
                (back && moved && days_between(start, p.today) > RECORDED_LATE_DAYS)
                    .then_some((k, then))
            };
            let (k, (then, then_written)) = (0..snapshots.len())
                .rev()
                .find_map(|k| dated_back(k, true))
                .or_else(|| {
                    (0..snapshots.len())
                        .rev()
                        .find_map(|k| dated_back(k, false))
                })?;
            let p = &snapshots[k];
            if approvals.approving_plan(id, p.today).is_some() {
                return None;
            }
            Some(StartBackdated {
                id: id.to_string(),
                start: written,
                after: p.name.to_string(),
                as_of: crate::base::date::iso(p.today).to_string(),
                start_then: then_written,
                start_day: start,
                start_then_day: then,
            })
        })
        .collect()
}

/// An initiative committed in a snapshot (planned, active or on hold, and
/// serving an outcome) and cancelled since, or taken off every outcome
/// while still open, with no approved change request affecting it decided
/// on or after that snapshot: cancelling takes its open milestones off
/// every view of what is due, as deleting the file would, and a split into
/// a new initiative hides their slips. Taken off its outcomes, work is
/// backlog, which no list of what is due reads either (an overdue
/// milestone hid behind a hygiene note; from an auditor's trial).
#[derive(Debug, Clone, Serialize)]
pub struct Cancellation {
    pub id: String,
    /// Its status now: `cancelled`, or `proposed` or `on-hold` (work taken
    /// back from a commitment with its dates kept), or any other when it
    /// was taken off its outcomes (`untraced_from`).
    pub status: String,
    /// The last snapshot that had it committed (for work put on hold,
    /// planned or active).
    pub after: String,
    /// Its milestones open in that snapshot, by global id.
    pub open_milestones: Vec<String>,
    /// Not cancelled: taken off every outcome it served (`outcomes:`
    /// emptied), the outcomes that snapshot had it serve.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub untraced_from: Vec<String>,
    /// Each team's effort in that snapshot: put on hold or made proposed
    /// with no decision, the capacity counts it as committed still.
    #[serde(skip)]
    pub effort_then: Vec<(String, f64)>,
    /// Its status in that snapshot.
    #[serde(skip)]
    pub status_then: String,
}

impl Cancellation {
    /// Taken back with its plan kept (`proposed`, `on-hold`) from work
    /// the snapshot counted in its team's capacity (planned or active, not
    /// on hold): the capacity counts its effort until the decision is
    /// recorded.
    pub fn keeps_its_plan(&self) -> bool {
        self.untraced_from.is_empty()
            && self.status != "cancelled"
            && matches!(self.status_then.as_str(), "planned" | "active")
    }
}

/// Initiatives live in the latest snapshot that had them and gone from the
/// working tree (not merely unreadable there).
pub(super) fn removed_live(points: &[Point]) -> Vec<RemovedInitiative> {
    let gone = last_seen_and_gone(
        points,
        crate::model::Kind::Initiative,
        |r| &r.initiatives,
        |i| &i.meta.id,
    );
    gone.into_iter()
        .filter(|(_, i)| !i.is_closed())
        .map(|(after, i)| RemovedInitiative {
            id: i.meta.id.clone(),
            title: i.meta.title.clone(),
            rel: i.meta.rel.clone(),
            after: after.to_string(),
            milestones: i.milestones.len(),
        })
        .collect()
}

/// The outcomes some snapshot pursued (the last one that had each, not
/// retired by its day) whose file the working tree no longer has.
pub(super) fn removed_outcomes(points: &[Point]) -> Vec<RemovedOutcome> {
    let Some(current) = points.last() else {
        return Vec::new();
    };
    let gone = last_seen_and_gone(
        points,
        crate::model::Kind::Outcome,
        |r| &r.outcomes,
        |o| &o.meta.id,
    );
    gone.into_iter()
        .filter_map(|(after, o)| {
            let p = points.iter().find(|p| p.name == after)?;
            if o.retired_by(p.today) {
                return None;
            }
            let id = o.meta.id.as_str();
            let mut work_now_serves: Vec<String> = live_serving(p.roadmap, id)
                .filter_map(|i| current.roadmap.initiative(&i.meta.id))
                .flat_map(|i| i.outcomes.iter().map(|o| o.to_string()))
                .filter(|o| o != id)
                .collect();
            work_now_serves.sort_unstable();
            work_now_serves.dedup();
            Some(RemovedOutcome {
                id: id.to_string(),
                title: o.meta.title.clone(),
                rel: o.meta.rel.clone(),
                after: after.to_string(),
                horizon: horizon_written(o),
                work_now_serves,
            })
        })
        .collect()
}

/// The working tree's outcomes retired by its day that a snapshot pursued
/// (not retired by its day), with no approved change request affecting
/// them decided on or after the last such snapshot: as for a KPI retired,
/// taking a snapshot since clears nothing.
pub(super) fn open_outcome_retirements(
    points: &[Point],
    approvals: &Approvals,
) -> Vec<OutcomeRetirement> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .outcomes
        .iter()
        .filter(|o| o.retired_by(current.today))
        .filter_map(|o| {
            let id = o.meta.id.as_str();
            let retired_on = |p: &Point| {
                let was = p.roadmap.outcome(id)?;
                Some(was.retired.as_ref().map(|d| d.day))
            };
            let (p, since) = retirement_record(snapshots, retired_on, o.retired.as_ref()?.day)?;
            if approvals.approving(id, since).is_some() {
                return None;
            }
            let was = p.roadmap.outcome(id)?;
            Some(OutcomeRetirement {
                id: id.to_string(),
                retired: o
                    .retired
                    .as_ref()
                    .map(|d| d.written.to_string())
                    .unwrap_or_default(),
                after: p.name.to_string(),
                horizon: horizon_written(was),
                served_by: live_serving(p.roadmap, id).count(),
            })
        })
        .collect()
}

/// A live initiative a snapshot had committed (planned, active or on hold)
/// serving an outcome that it no longer serves, the outcome still pursued, with no approved change request
/// affecting either decided since: moved onto an outcome due later, its
/// work left the horizon it was late for (from a trial: the data-centre
/// exit ran 184 days past its outcome's horizon, and nothing said so).
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeUnlinked {
    pub id: String,
    pub outcome: String,
    /// The last snapshot that had the link.
    pub after: String,
    /// The outcome's horizon there, as written.
    pub horizon: Option<String>,
}

/// The working tree's live initiatives taken off an outcome (see
/// [`OutcomeUnlinked`]). Work taken off every outcome is backlog, which
/// `unapproved-cancellation` judges.
pub(super) fn open_outcome_unlinks(
    points: &[Point],
    approvals: &Approvals,
) -> Vec<OutcomeUnlinked> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    let pursued = |id: &str| {
        current
            .roadmap
            .outcome(id)
            .is_some_and(|o| !o.retired_by(current.today))
    };
    let mut out = Vec::new();
    for i in current
        .roadmap
        .initiatives
        .iter()
        .filter(|i| crate::analysis::is_live(i))
    {
        let id = i.meta.id.as_str();
        let mut gone: Vec<&str> = Vec::new();
        // Committed in the snapshot: a proposal moved between outcomes is
        // planning, not a commitment taken back.
        let committed = |w: &&Initiative| was_committed(&w.status) && !w.is_backlog();
        for p in snapshots {
            let Some(was) = p.roadmap.initiative(id).filter(committed) else {
                continue;
            };
            for o in &was.outcomes {
                let o = o.as_str();
                if !i.outcomes.iter().any(|now| now == o) && pursued(o) && !gone.contains(&o) {
                    gone.push(o);
                }
            }
        }
        gone.sort_unstable();
        for outcome in gone {
            let Some(p) = snapshots.iter().rev().find(|p| {
                p.roadmap
                    .initiative(id)
                    .filter(committed)
                    .is_some_and(|was| was.outcomes.iter().any(|o| o == outcome))
            }) else {
                continue;
            };
            if approvals.approving(id, p.today).is_some()
                || approvals.approving(outcome, p.today).is_some()
            {
                continue;
            }
            out.push(OutcomeUnlinked {
                id: id.to_string(),
                outcome: outcome.to_string(),
                after: p.name.to_string(),
                horizon: p.roadmap.outcome(outcome).and_then(horizon_written),
            });
        }
    }
    out
}

/// For an item retired now from `retired_now`, the last snapshot that
/// pursued it (not retired by its day), and the day a decision must come
/// on or after: that of the last snapshot that pursued it with no
/// retirement from `retired_now` or earlier on record. A retirement
/// written ahead was on record in a snapshot that had it: a request
/// decided before that snapshot covers it (one flagged the day it came
/// into force, approved all along; from a review). None: no snapshot
/// pursued it. `retired_on(p)`: the item's `retired:` day in point `p`
/// (None: `p` does not have it).
pub(super) fn retirement_record<'p, 'r>(
    snapshots: &'p [Point<'r>],
    retired_on: impl Fn(&Point<'r>) -> Option<Option<Day>>,
    retired_now: Day,
) -> Option<(&'p Point<'r>, Day)> {
    let pursued =
        |p: &&Point<'r>| retired_on(p).is_some_and(|then| then.is_none_or(|d| d > p.today));
    let last = snapshots.iter().rev().find(pursued)?;
    let since = snapshots
        .iter()
        .rev()
        .filter(pursued)
        .find(|p| retired_on(p).flatten().is_none_or(|d| d > retired_now))
        .map_or(Day::MIN, |p| p.today);
    Some((last, since))
}

fn live_serving<'r>(
    r: &'r Roadmap,
    outcome: &'r str,
) -> impl Iterator<Item = &'r crate::model::Initiative> {
    r.initiatives
        .iter()
        .map(|i| &**i)
        .filter(move |i| crate::analysis::is_live(i) && i.outcomes.iter().any(|o| o == outcome))
}

fn horizon_written(o: &crate::model::Outcome) -> Option<String> {
    o.horizon.as_ref().map(|h| h.written.to_string())
}

/// The items of `kind` (listed by `items`) a snapshot had and the working
/// tree has not (not merely unreadable there), each as the last snapshot
/// that had it shows it, by id. Empty while a document of `kind` cannot
/// be read: it is missing, not removed.
pub(super) fn last_seen_and_gone<'p, T>(
    points: &'p [Point<'p>],
    kind: crate::model::Kind,
    items: impl Fn(&'p Roadmap) -> &'p [T],
    id_of: impl Fn(&'p T) -> &'p str,
) -> Vec<(&'p str, &'p T)> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    if !current.roadmap.all_read(kind) {
        return Vec::new();
    }
    let mut last_seen: BTreeMap<&str, (&str, &T)> = BTreeMap::new();
    for p in snapshots {
        for x in items(p.roadmap) {
            last_seen.insert(id_of(x), (p.name, x));
        }
    }
    let here = |id: &str| {
        current.roadmap.item_ref(id).is_some_and(|r| r.kind == kind)
            || current.roadmap.unread_ids.contains(id)
    };
    last_seen
        .into_iter()
        .filter(|(id, _)| !here(id))
        .map(|(_, seen)| seen)
        .collect()
}

/// A review dated more than [`RECORDED_LATE_DAYS`] before a snapshot that
/// did not have it (its file written since), or dated more than that away
/// from the date a snapshot had: a review written up after the record and
/// dated back, or one the record has dated again, reads as held when it
/// was not, and the cadence the snapshot showed missed reads met (from
/// trials: two reviews dated three weeks back took both `review-cadence`
/// findings off the site; one moved three months later did the same).
#[derive(Debug, Clone, Serialize)]
pub struct BackdatedReview {
    pub id: String,
    /// Its `date:` as written.
    pub date: String,
    /// The latest snapshot that shows it was not held then, and its day.
    pub after: String,
    pub as_of: String,
    /// Its date in that snapshot, when it had the review.
    pub date_then: Option<String>,
}

/// The working tree's reviews dated before the record of them (see
/// [`BackdatedReview`]).
pub(super) fn backdated_reviews(points: &[Point]) -> Vec<BackdatedReview> {
    let Some((current, before)) = points.split_last() else {
        return Vec::new();
    };
    let late = |from: Day, to: Day| days_between(from, to) > RECORDED_LATE_DAYS;
    current
        .roadmap
        .reviews
        .iter()
        .filter_map(|review| {
            let day = review.date.day;
            let (p, then) = before.iter().rev().find_map(|p| {
                if !p.roadmap.all_read(crate::model::Kind::Review) {
                    return None;
                }
                match p.roadmap.review(&review.meta.id) {
                    None => late(day, p.today).then_some((p, None)),
                    // Dated again either way: moved later, a review the
                    // record has reads as recent, and the cadence it
                    // missed as met (from a trial).
                    Some(was) => {
                        let moved = days_between(day, was.date.day).abs();
                        (moved > RECORDED_LATE_DAYS).then_some((p, Some(&was.date)))
                    }
                }
            })?;
            Some(BackdatedReview {
                id: review.meta.id.clone(),
                date: review.date.written.to_string(),
                after: p.name.to_string(),
                as_of: crate::base::date::iso(p.today),
                date_then: then.map(|d| d.written.to_string()),
            })
        })
        .collect()
}

/// A review a snapshot recorded whose decisions, attendees or type the
/// working tree has otherwise: the record of a meeting rewritten after it
/// (from a trial: "Accepted that Q4 milestones may move at the PMO's
/// discretion" written into a steering review after the quarter's
/// snapshot, the CEO added to its attendees; an operational review made
/// strategic meets the strategic cadence). Judged against the first
/// snapshot that had it held: a decision taken since is a review of its
/// own.
#[derive(Debug, Clone, Serialize)]
pub struct RewrittenReview {
    pub id: String,
    /// The first snapshot that had it held, and its day.
    pub after: String,
    pub as_of: String,
    /// What differs: `decisions`, `attendees`, `type`.
    pub fields: Vec<&'static str>,
}

/// Two lines a letter or two apart that still say the same: the same
/// figures and the same negations. "must not move" made "must now move"
/// is one letter and the opposite decision; "30 %" made "80 %" another
/// figure (from a trial).
fn same_sense(a: &str, b: &str) -> bool {
    // `30,000` is `30000`: separators between digits are no figure.
    let figures = |s: &str| -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        let mut out = Vec::new();
        let mut run = String::new();
        for (k, c) in chars.iter().enumerate() {
            let between = matches!(c, ',' | '\'' | '’' | '\u{a0}' | '\u{202f}')
                && k > 0
                && chars[k - 1].is_ascii_digit()
                && chars.get(k + 1).is_some_and(char::is_ascii_digit);
            if c.is_ascii_digit() {
                run.push(*c);
            } else if !between && !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            out.push(run);
        }
        out
    };
    // How many times it says "not", however written: `can not`, `cannot`,
    // `can't`, `can’t` and `cant` are one.
    let negations = |s: &str| -> usize {
        s.to_lowercase()
            .replace('’', "'")
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| {
                matches!(
                    *w,
                    "not"
                        | "no"
                        | "never"
                        | "none"
                        | "nor"
                        | "neither"
                        | "cannot"
                        | "without"
                        | "nothing"
                        | "nobody"
                        | "dont"
                        | "cant"
                        | "wont"
                        | "doesnt"
                        | "didnt"
                        | "isnt"
                        | "arent"
                        | "wasnt"
                        | "werent"
                        | "shouldnt"
                        | "mustnt"
                        | "wouldnt"
                        | "couldnt"
                        | "hasnt"
                        | "havent"
                ) || w.ends_with("n't")
            })
            .count()
    };
    figures(a) == figures(b) && negations(a) == negations(b)
}

/// The working tree's reviews rewritten since a snapshot recorded them
/// (see [`RewrittenReview`]), each against the first snapshot that had it
/// on or after the day it was held: a review written ahead of its meeting
/// is filled in after it, and a snapshot taken since records nothing (it
/// cleared the finding). A typo put right (two letters at most in a line,
/// attendees in another order) is the same record (from a review).
pub(super) fn rewritten_reviews(points: &[Point]) -> Vec<RewrittenReview> {
    let Some((current, before)) = points.split_last() else {
        return Vec::new();
    };
    let line = |l: &String| l.split_whitespace().collect::<Vec<_>>().join(" ");
    let same_lines = |a: Vec<String>, b: Vec<String>| {
        a.len() == b.len()
            && a.iter()
                .zip(&b)
                .all(|(x, y)| strsim::osa_distance(x, y) <= 2 && same_sense(x, y))
    };
    let same = |a: &[String], b: &[String], in_order: bool| {
        let (mut a, mut b): (Vec<String>, Vec<String>) =
            (a.iter().map(line).collect(), b.iter().map(line).collect());
        if !in_order {
            a.sort();
            b.sort();
        }
        same_lines(a, b)
    };
    current
        .roadmap
        .reviews
        .iter()
        .filter_map(|review| {
            let (p, was) = before.iter().find_map(|p| {
                let was = p.roadmap.review(&review.meta.id)?;
                (was.date.day <= p.today).then_some((p, was))
            })?;
            let mut fields = Vec::new();
            if !same(&was.decisions, &review.decisions, true) {
                fields.push("decisions");
            }
            if !same(&was.attendees, &review.attendees, false) {
                fields.push("attendees");
            }
            if !was.kind_unread && !review.kind_unread && was.kind != review.kind {
                fields.push("type");
            }
            (!fields.is_empty()).then(|| RewrittenReview {
                id: review.meta.id.clone(),
                after: p.name.to_string(),
                as_of: crate::base::date::iso(p.today),
                fields,
            })
        })
        .collect()
}

/// Days a completion may be recorded late, dated before a snapshot that
/// did not have it yet, without question: a team updating the file the
/// week after.
pub(super) const RECORDED_LATE_DAYS: i64 = 7;

/// The working tree's done milestones whose `done:` falls more than
/// [`RECORDED_LATE_DAYS`] before the day of the latest snapshot that showed
/// them open and due (by the earliest due date a snapshot up to it
/// showed), or before the `done:` a snapshot recorded, with
/// no approved change request affecting them (or their initiative) decided
/// on or after that snapshot's day.
pub(super) fn open_backdated(points: &[Point], approvals: &Approvals) -> Vec<Backdated> {
    let mut all = backdated(points, approvals);
    all.retain(|b| b.approved_by.is_none());
    all
}

/// The working tree's done milestones dated back as [`open_backdated`]
/// says, with the approved change request that accepts the date, if any.
pub(super) fn backdated(points: &[Point], approvals: &Approvals) -> Vec<Backdated> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in &current.roadmap.initiatives {
        if i.milestones.iter().all(|m| m.done.is_none()) {
            continue;
        }
        // The initiative in each snapshot, looked up once: its milestones
        // are found in its own short list (a lookup by id for every
        // milestone of every snapshot, made again for every archived
        // version, was 3 % of a build at 10,000 initiatives).
        let then: Vec<(&Point, &Initiative)> = snapshots
            .iter()
            .rev()
            .filter_map(|p| Some((p, p.roadmap.initiative(&i.meta.id)?)))
            .collect();
        for (k, m) in i.milestones.iter().enumerate() {
            let Some(done) = &m.done else { continue };
            // The earliest due date a snapshot up to each one showed
            // (`then` runs latest first): the date promised by then.
            let mut promised: Vec<Option<Day>> = then
                .iter()
                .rev()
                .scan(None, |earliest: &mut Option<Day>, &(_, init)| {
                    if let Some(was) = seen_in(init, k, &m.gid) {
                        *earliest = Some(earliest.map_or(was.due.day, |e| e.min(was.due.day)));
                    }
                    Some(*earliest)
                })
                .collect();
            promised.reverse();
            // The record that allows the latest day (the latest snapshot
            // of those that allow it): a snapshot that showed it open in
            // June outweighs a later one that recorded it done in May.
            let contradicted = then
                .iter()
                .zip(&promised)
                .filter_map(|(&(p, init), promised)| {
                    let was = seen_in(init, k, &m.gid)?;
                    let then = match &was.done {
                        Some(d) => d.day,
                        // Open under work closed then: on no list of what
                        // was due, so no record of it open and overdue (its
                        // `done:` written now is what `done-with-open-
                        // milestones` asks for).
                        None if init.is_closed() => return None,
                        // Open then: a record once overdue on its day,
                        // or once due by the date promised up to it when
                        // `done:` now claims that date was kept. Judged by
                        // its due date as it then stood only, a due moved
                        // out (with no decision) before the snapshot, or
                        // one open on its very day, let a `done:` dated
                        // back before it wipe the slip (from a CIO's
                        // trial).
                        None if was.due.day < p.today => p.today,
                        None if promised.is_some_and(|d| d <= p.today && done.day <= d) => p.today,
                        None => return None,
                    };
                    (days_between(done.day, then) > RECORDED_LATE_DAYS).then_some((then, p, was))
                })
                .reduce(|latest, x| if x.0 > latest.0 { x } else { latest });
            let Some((then, p, was)) = contradicted else {
                continue;
            };
            let approved_by = approvals.confirming_done(&m.gid, p.today);
            out.push(Backdated {
                gid: m.gid,
                done: done.written.to_string(),
                after: p.name.to_string(),
                as_of: crate::base::date::iso(p.today),
                done_then: was.done.as_ref().map(|d| d.written.to_string()),
                done_by_record: then,
                approved_by,
            });
        }
    }
    out
}

/// Milestone `gid` in an initiative as a version had it, looked for at
/// index `k` first (where the working tree has it).
fn seen_in<'i>(init: &'i Initiative, k: usize, gid: &str) -> Option<&'i crate::model::Milestone> {
    init.milestones
        .get(k)
        .filter(|x| x.gid == gid)
        .or_else(|| init.milestones.iter().find(|x| x.gid == gid))
}

/// A completion dated back before a snapshot's record of it
/// (`backdated-done`, standing) was not done by the day written: it keeps
/// no promise the recorded day broke (it counted as kept), and when the
/// snapshot showed it open and overdue, its period's row counts it late to
/// that day at least (it read "on time"). (Recorded done on a later day,
/// the row of the period it was done in is that snapshot's own.)
pub(super) fn late_by_the_record(h: &mut History, points: &[Point]) {
    for b in &h.open_backdated {
        let open_on = b.done_by_record;
        if b.done_then.is_none() {
            let promised = h.baselines.get(&b.gid).map(|base| base.day);
            for c in h
                .diffs
                .iter_mut()
                .flat_map(|d| d.completed.iter_mut())
                .filter(|c| c.gid == b.gid)
            {
                let late = days_between(c.due_day, open_on);
                if late > c.days_late {
                    c.days_late = late;
                    c.open_on = Some(Sym::from(b.after.as_str()));
                }
                // Late against the date first promised by the record too.
                if let Some(base) = promised.filter(|_| c.first_promised.is_some()) {
                    let after = days_between(base, open_on);
                    if after > c.after_promise.unwrap_or(0) {
                        c.after_promise = Some(after);
                    }
                }
            }
        }
        // Counted kept (done by its baseline, as promises count) while the
        // record after the baseline had it open, or done later.
        let counted_kept = points.last().is_some_and(|p| {
            h.baselines
                .get(&b.gid)
                .is_some_and(|base| counted_kept_against_the_record(p.roadmap, b, base.day))
        });
        if counted_kept && h.promises.0 > 0 {
            h.promises.0 -= 1;
        }
    }
}

/// Whether the completion `b`, dated back, counts as a promise kept (done
/// by `base`, the date first promised, as promises count, of work that
/// counts) while the record after that date had it open or done later.
pub(super) fn counted_kept_against_the_record(r: &Roadmap, b: &Backdated, base: Day) -> bool {
    let Some((i, m)) = r.milestone_at(&b.gid) else {
        return false;
    };
    let init = &r.initiatives[i];
    let done = init.milestones[m].done.as_ref();
    !init.is_backlog() && done.is_some_and(|d| d.day <= base) && b.done_by_record > base
}

/// A period's overdue rows judge a milestone moved with no decision by the
/// date it stands committed to, as its own row and the findings do: it is
/// newly overdue in the period that date passed in (moved out before, it
/// was in none, and the dashboard counted it overdue), counted from that
/// date, and not again in a later period its moved date passed in.
pub(super) fn overdue_from_committed(h: &mut History, points: &[Point]) {
    if points.is_empty() {
        return;
    }
    // Every such milestone, whether done since or not: a period closed by a
    // snapshot says what stood at its end (from a trial: a milestone done
    // in a later quarter left the newly overdue of the quarter it passed
    // its committed date in, which the archived dashboard still counted).
    let committed: HashMap<Sym, Day> = h
        .slips
        .iter()
        .filter(|s| s.is_unacknowledged() && s.committed < s.due)
        .map(|s| (s.gid, s.committed))
        .collect();
    if committed.is_empty() {
        return;
    }
    let mut by_gid: Vec<(&Sym, &Day)> = committed.iter().collect();
    by_gid.sort();
    for (d, to) in h.diffs.iter_mut().zip(&points[1..]) {
        // Overdue by the date committed at the period's start: not new.
        d.newly_overdue
            .retain(|o| committed.get(&o.gid).is_none_or(|&day| day >= d.from_today));
        for o in &mut d.newly_overdue {
            if let Some(&day) = committed.get(&o.gid) {
                o.days = days_between(day, d.to_today);
                o.committed = Some(Sym::from(crate::base::date::iso(day).as_str()));
                o.committed_day = Some(day);
            }
        }
        for &(&gid, &day) in &by_gid {
            let passed_in = d.from_today <= day && day < d.to_today;
            if !passed_in || d.newly_overdue.iter().any(|o| o.gid == gid) {
                continue;
            }
            // Open, of live work, at the period's end, as its version
            // recorded it.
            let open = to.roadmap.milestone(&gid).filter(|m| {
                m.done.is_none()
                    && to
                        .roadmap
                        .initiative(m.initiative.as_str())
                        .is_some_and(crate::analysis::is_live)
            });
            let Some(m) = open else {
                continue;
            };
            d.newly_overdue.push(NewlyOverdue {
                gid,
                due: Sym::from(m.due.written.as_str()),
                days: days_between(day, d.to_today),
                committed: Some(Sym::from(crate::base::date::iso(day).as_str())),
                committed_day: Some(day),
            });
        }
    }
}

/// Completions dated back before a snapshot's record of them, the date
/// accepted by an approved change request: the period's row that shows
/// the date (done in it after the snapshot showed it open and overdue, or
/// re-dated earlier in it) names the request.
pub(super) fn accepted_datings(h: &mut History, accepted: &[Backdated]) {
    for b in accepted {
        let Some(by) = b.approved_by else { continue };
        let dated_back = Some(DatedBack {
            approved_by: by,
            after: Sym::from(b.after.as_str()),
        });
        for d in &mut h.diffs {
            if b.done_then.is_none() {
                for c in d.completed.iter_mut().filter(|c| c.gid == b.gid) {
                    c.dated_back = dated_back.clone();
                }
            }
            for x in d
                .redated
                .iter_mut()
                .filter(|x| x.gid == b.gid && x.days.is_some_and(|n| n < 0))
            {
                x.dated_back = dated_back.clone();
            }
        }
    }
}

/// Change requests, decided or waiting, whose file is gone since the last
/// snapshot that had them.
pub(super) fn removed_changes(points: &[Point]) -> Vec<RemovedChange> {
    last_seen_and_gone(
        points,
        crate::model::Kind::Change,
        |r| &r.changes,
        |c| &c.meta.id,
    )
    .into_iter()
    .map(|(after, c)| RemovedChange {
        id: c.meta.id.clone(),
        title: c.meta.title.clone(),
        rel: c.meta.rel.clone(),
        after: after.to_string(),
        status: c.status.clone(),
    })
    .collect()
}

/// The reviews a snapshot recorded as held whose file is gone (see
/// [`RemovedReview`]).
pub(super) fn removed_reviews(points: &[Point]) -> Vec<RemovedReview> {
    let days: BTreeMap<&str, Day> = points.iter().map(|p| (p.name, p.today)).collect();
    last_seen_and_gone(
        points,
        crate::model::Kind::Review,
        |r| &r.reviews,
        |x| &x.meta.id,
    )
    .into_iter()
    .filter(|(after, x)| days.get(after).is_some_and(|&day| x.date.day <= day))
    .map(|(after, x)| RemovedReview {
        id: x.meta.id.clone(),
        title: x.meta.title.clone(),
        rel: x.meta.rel.clone(),
        after: after.to_string(),
        date: x.date.written.to_string(),
    })
    .collect()
}

/// The working tree's initiatives taken back from a commitment: cancelled,
/// open and serving no outcome, back to `proposed`, or put on hold where a
/// snapshot had them planned or active; each judged against the last
/// snapshot that had it committed (so), with no approved change request
/// affecting it decided on or after it (as for a KPI retired: a snapshot
/// since clears nothing).
pub(super) fn open_cancellations(points: &[Point], approvals: &Approvals) -> Vec<Cancellation> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .initiatives
        .iter()
        .filter_map(|i| {
            let id = i.meta.id.as_str();
            let untraced = i.is_backlog() && !i.is_closed();
            // What it had to be in a snapshot for its status now to be a
            // commitment taken back.
            let committed_then: fn(&str) -> bool = match i.status.as_str() {
                _ if untraced => was_committed,
                "cancelled" | "proposed" => was_committed,
                "on-hold" => |s| matches!(s, "planned" | "active"),
                _ => return None,
            };
            // The last snapshot that had it committed: one that has it
            // otherwise since recorded the change, not a decision (a
            // snapshot taken cleared the finding; taken off its outcomes,
            // snapshot, then cancelled, it read as backlog cancelled, from
            // a review; and made `proposed`, snapshot, then cancelled, it
            // read as proposed work cancelled, from a trial).
            let (p, was) = snapshots
                .iter()
                .rev()
                .filter_map(|p| Some((p, p.roadmap.initiative(id)?)))
                .find(|(_, was)| committed_then(&was.status) && !was.is_backlog())?;
            if approvals.approving(id, p.today).is_some() {
                return None;
            }
            Some(Cancellation {
                id: id.to_string(),
                status: i.status.to_string(),
                after: p.name.to_string(),
                open_milestones: was
                    .milestones
                    .iter()
                    .filter(|m| m.done.is_none())
                    .map(|m| m.gid.to_string())
                    .collect(),
                untraced_from: if untraced {
                    was.outcomes.iter().map(|o| o.to_string()).collect()
                } else {
                    Vec::new()
                },
                effort_then: was.effort.iter().map(|(t, d)| (t.clone(), *d)).collect(),
                status_then: was.status.to_string(),
            })
        })
        .collect()
}

/// Each period's rows that take a decision name the approved change
/// request that covers them (affecting the item, decided on or after the
/// period's start), as a retired KPI's row does: cancellations of
/// committed work (an approved cancellation and one nobody decided read
/// alike, and the request's page said nothing was matched to it),
/// loosened KPI targets, KPIs turned around, efforts cut and outcome
/// horizons moved later.
pub(super) fn period_approvals(h: &mut History, points: &[Point], approvals: &Approvals) {
    for d in &mut h.diffs {
        let Some(start) = points.iter().find(|p| p.name == d.from) else {
            continue;
        };
        let approving = |id: &str| approvals.approving(id, start.today);
        let before = &points[..points.iter().position(|p| p.name == d.from).unwrap_or(0)];
        // A team's capacity changed: the request that approved it named
        // (from a trial: the rise `unapproved-capacity-rise` asked a
        // decision for read as if none had been taken).
        for c in d.capacity.iter_mut() {
            c.acknowledged_by = approvals.approving_plan(&c.id, start.today);
        }
        for c in d.status.iter_mut() {
            if c.takes_back() {
                c.acknowledged_by = approving(&c.id);
            } else if c.to == "cancelled" {
                // Made proposed in an earlier period, cancelled in this
                // one: the commitment it takes back is that snapshot's, as
                // `unapproved-cancellation` judges it (the row read as
                // proposed work dropped, from a review).
                let committed = before.iter().rev().find(|p| {
                    p.roadmap
                        .initiative(&c.id)
                        .is_some_and(|i| was_committed(&i.status) && !i.is_backlog())
                });
                if let Some(p) = committed {
                    c.committed_before = true;
                    c.acknowledged_by = approvals.approving(&c.id, p.today);
                }
            }
        }
        for t in d.targets.iter_mut().filter(|t| t.loosened) {
            t.acknowledged_by = approving(&t.id);
        }
        for h in d.horizons.iter_mut().filter(|h| h.later()) {
            h.acknowledged_by = approving(&h.id);
        }
        for t in d.directions.iter_mut() {
            t.acknowledged_by = approving(&t.id);
        }
        for b in d.baselines.iter_mut().filter(|b| b.flatters) {
            b.acknowledged_by = approving(&b.id);
        }
        let committed: Vec<&String> = d
            .became_untraced
            .iter()
            .filter(|id| {
                start
                    .roadmap
                    .initiative(id)
                    .is_some_and(|i| was_committed(&i.status))
            })
            .collect();
        d.untraced_committed = committed.len();
        d.untraced_unapproved = committed
            .into_iter()
            .filter(|id| approving(id).is_none())
            .cloned()
            .collect();
        for x in d.efforts.iter_mut().filter(|x| x.cut) {
            x.acknowledged_by = approvals.approving_plan(&x.id, start.today);
        }
        // Committed work taken off an outcome: approved by a request
        // affecting it or an outcome it left, as `unapproved-outcome-unlink`
        // judges it.
        for c in d.serves.iter_mut() {
            let committed = start
                .roadmap
                .initiative(&c.id)
                .is_some_and(|i| was_committed(&i.status) && !i.is_backlog());
            if !committed {
                continue;
            }
            let now: Vec<&str> = c.to.split(", ").collect();
            let mut left = c
                .from
                .split(", ")
                .filter(|o| *o != "none" && !now.contains(o))
                .peekable();
            // Marked so the row can say "unapproved" while it stands.
            c.committed_before = left.peek().is_some();
            c.acknowledged_by = approving(&c.id).or_else(|| left.find_map(approving));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::same_sense;

    #[test]
    fn a_typo_put_right_says_the_same() {
        for (a, b) in [
            ("Keep the Q4 dtaes", "Keep the Q4 dates"),
            ("We can not move it", "We cannot move it"),
            ("We dont move it", "We don't move it"),
            ("We don't move it", "We don’t move it"),
            ("Capped at 30000", "Capped at 30,000"),
        ] {
            assert!(same_sense(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn a_negation_or_a_figure_changed_says_otherwise() {
        for (a, b) in [
            ("It must not move", "It must now move"),
            ("Capped at 30 %", "Capped at 80 %"),
            ("No new scope", "Ne new scope"),
        ] {
            assert!(!same_sense(a, b), "{a} / {b}");
        }
    }
}
