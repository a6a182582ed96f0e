//! Milestone due dates through the snapshots: baselines, slips, the moves
//! that make them and the decisions that cover them.

use super::*;
use thin_vec::ThinVec;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Baseline {
    pub day: Day,
    pub written: Sym,
    /// `baseline field`, `snapshot <name>` or `current`.
    pub source: Sym,
}

#[derive(Debug, Clone, Serialize)]
pub struct Slip {
    pub gid: Sym,
    pub initiative: Sym,
    pub baseline: Day,
    pub due: Day,
    /// Current due − baseline (negative: pulled in).
    pub days: i64,
    /// Beyond `slip-tolerance-days`: it needs an approved change request.
    pub needs_ack: bool,
    /// The approved change request that acknowledges it (the latest move's).
    pub acknowledged_by: Option<Sym>,
    /// The last snapshot that still showed a date other than the current
    /// one: the approval must come after it.
    pub last_old: Option<Sym>,
    /// Moves between snapshots that needed a decision of their own and have
    /// none: a later approval does not cover an earlier move.
    pub unacknowledged: Vec<UnapprovedMove>,
    /// A `baseline:` written since a snapshot with no approved change
    /// request to record the re-baseline (as written, and the snapshot the
    /// decision must come after): the slip counts from the history's
    /// baseline instead.
    #[serde(skip)]
    pub baseline_unapproved: Option<(Sym, Sym)>,
    /// The date the roadmap stands committed to: where the last move an
    /// approved change request covers put it (the baseline when none
    /// does). An unapproved move changes the plan, not the commitment, and
    /// neither do small moves that together went beyond the tolerance.
    #[serde(skip)]
    pub committed: Day,
    /// The baseline as written (`2027-Q1`), as the milestone's row says it.
    #[serde(skip)]
    pub baseline_written: Sym,
    /// The id it had before it was renamed (see [`renamed_from`]): its
    /// baseline is that milestone's.
    #[serde(skip)]
    pub renamed_from: Option<Sym>,
}

impl Slip {
    /// A finding: the slip needs a decision and some move of it has none.
    pub fn is_unacknowledged(&self) -> bool {
        self.needs_ack && (self.acknowledged_by.is_none() || !self.unacknowledged.is_empty())
    }

    /// When it is a finding, how many of its days no decision covers: the
    /// moves that have none (a move of 181 days, 90 of them approved, is
    /// 91 days unapproved). All of them when none was approved (small moves
    /// together beyond the tolerance need none each), and never more than
    /// the slip (a move pulled back in since).
    pub fn unapproved_days(&self) -> Option<i64> {
        self.is_unacknowledged().then(|| {
            let moved: i64 = self.unacknowledged.iter().map(|m| m.days).sum();
            // Some move approved: it stands committed off its baseline.
            if moved > 0 && self.committed != self.baseline {
                moved.min(self.days)
            } else {
                self.days
            }
        })
    }

    /// What health reads of it, once it is known to stand unapproved.
    pub fn unapproved(&self) -> schedule::UnapprovedSlip {
        schedule::UnapprovedSlip {
            gid: self.gid,
            days: self.days,
            unapproved_days: self.unapproved_days().unwrap_or(self.days),
            committed: self.committed,
        }
    }
}

/// One move of a milestone's due date that no approved change request
/// covers.
#[derive(Debug, Clone, Serialize)]
pub struct UnapprovedMove {
    pub from: Sym,
    pub to: Sym,
    /// The day `to` names.
    #[serde(skip)]
    pub to_day: Day,
    pub days: i64,
    /// The snapshot that last showed the old date (`None`: the move from a
    /// `baseline:` field, before any snapshot).
    pub after: Option<Sym>,
    /// The whole move, in days.
    #[serde(skip)]
    pub moved: i64,
    /// An approval for part of it (its `delay_days`, `approved_days`):
    /// `days` is what stands of the rest (less where it was partly taken
    /// back since).
    pub approved_by: Option<Sym>,
    pub approved_days: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Move {
    pub gid: Sym,
    pub from: Sym,
    pub to: Sym,
    /// Days later (negative: earlier). `i32` and the thin list below: at
    /// 10,000 initiatives with 8 snapshots, 200,000 of them live through
    /// the working tree's render (88 bytes each before, 56 now).
    pub days: i32,
    /// The approved change request matched to this move (see `moves_of`).
    pub acknowledged_by: Option<Sym>,
    /// Whether it needs a decision of its own (it is part of a slip beyond
    /// the tolerance): without `acknowledged_by`, it is unacknowledged.
    pub needs_ack: bool,
    /// The days of it the approval does not cover, beyond the tolerance:
    /// it states fewer `delay_days` than the move took (`None`: it covers
    /// it all, or there is none). Over several periods, on a row that needs
    /// a decision and has none: the days of it that stand unapproved, when
    /// other steps were approved and that is fewer than the whole.
    pub beyond_approval: Option<i32>,
    /// Over several periods, each request that approved a step of it,
    /// when more than one did (`acknowledged_by` names the latest): the
    /// sum took several decisions. With no `acknowledged_by` (a step
    /// stands unapproved), the requests that approved the other steps.
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub approved_by_steps: ThinVec<Sym>,
}

/// Days between two dates as a [`Move`] keeps them: every date a roadmap
/// can write is within `i32` days of every other.
pub(super) fn days_i32(days: i64) -> i32 {
    days.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

/// The approval matched to a move, whether the move needed one, and the
/// days of it the approvals matched to it leave uncovered.
/// The approval of one move: the request matched to it, whether the move
/// needed one, the days it leaves unapproved, and the requests decided
/// later that topped it up (the move took several decisions).
#[derive(Debug, Clone)]
pub(super) struct MoveAck {
    pub(super) by: Option<Sym>,
    pub(super) needs: bool,
    pub(super) short: Option<i64>,
    pub(super) more: Vec<Sym>,
}

/// A change of a milestone's due date: between two points in which it
/// appears (`older` indexes the points), or, with a `baseline:` field no
/// snapshot shows, from that baseline to the first date a snapshot saw
/// (`older` is `None`: it happened before the history began, and any
/// approval covers it).
struct DueMove {
    older: Option<usize>,
    /// The day of the point that first showed the new date: a decision
    /// dated by then was on record there (`None`: before the history).
    shown: Option<Day>,
    from: Day,
    to: Day,
    from_written: Sym,
    to_written: Sym,
    needs_decision: bool,
    acknowledged_by: Option<Sym>,
    /// The days `acknowledged_by` approves when it states fewer than the
    /// move took beyond the tolerance (its `delay_days`): the rest of the
    /// move has no approval.
    granted: Option<i64>,
    /// The requests decided later that topped up `acknowledged_by`'s days.
    more: Vec<Sym>,
}

impl DueMove {
    /// The latest date the decisions on it let the milestone stand at: its
    /// new date when approved in full, `from` plus the days granted when
    /// approved in part, `from` when not approved at all.
    fn approved_to(&self) -> Day {
        match (self.acknowledged_by, self.granted) {
            (Some(_), None) => self.to,
            (Some(_), Some(days)) => crate::analysis::add_days(self.from, days),
            (None, _) => self.from,
        }
    }

    /// Approved in full.
    fn approved(&self) -> bool {
        self.acknowledged_by.is_some() && self.granted.is_none()
    }
}

/// Each move of one milestone, with the change request that acknowledges
/// it. When the slip as a whole is beyond the tolerance, a move later by
/// more than the tolerance needs a decision of its own, taken after the
/// snapshot that last showed the old date; when none does but together they
/// do (moved a little at a time), the latest later move needs it. One
/// approval covers one move: matched from the latest move back, each taking
/// the earliest approval not yet taken that was decided late enough. An
/// earlier move accepts every approval a later one does, so any choice
/// covers as many moves as can be; the earliest keeps a move's approval
/// where it was once on record: a request approved later (another move, a
/// re-plan of the initiative) does not take the credit of a closed period.
/// `approvals`: those affecting the milestone or its initiative, the
/// `specific` first of them naming the milestone itself, each group
/// earliest decision first; `grant`, the days one approves of a move
/// (`None`: all).
fn moves_of(
    points: &[Point],
    (approvals, specific): (&[(Day, &str)], usize),
    grant: &dyn Fn(&str) -> Option<i64>,
    seen: &[Option<&crate::model::Milestone>],
    baseline_field: Option<&crate::base::date::Date>,
    total_days: i64,
    tolerance_days: i64,
) -> Vec<DueMove> {
    let present: Vec<(usize, &crate::model::Milestone)> = seen
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((i, (*m)?)))
        .collect();
    let mut moves = Vec::new();
    // A `baseline:` field re-baselines: moves before the date last stood at
    // it are history the baseline replaced; if no snapshot shows it, the
    // way from it to the first date seen is one move of its own.
    let mut from_index = 0;
    if let Some(b) = baseline_field {
        match present.iter().rposition(|(_, m)| m.due.day == b.day) {
            Some(k) => from_index = k,
            None => {
                if let Some((_, first)) = present.first().filter(|(_, m)| m.due.day != b.day) {
                    moves.push(DueMove {
                        older: None,
                        shown: None,
                        from: b.day,
                        to: first.due.day,
                        from_written: b.written.as_str().into(),
                        to_written: first.due.written.as_str().into(),
                        needs_decision: false,
                        acknowledged_by: None,
                        granted: None,
                        more: Vec::new(),
                    });
                }
            }
        }
    }
    for pair in present[from_index.min(present.len())..].windows(2) {
        let ((older, prev), (newer, m)) = (pair[0], pair[1]);
        if prev.due.day != m.due.day {
            moves.push(DueMove {
                older: Some(older),
                shown: Some(points[newer].today),
                from: prev.due.day,
                to: m.due.day,
                from_written: prev.due.written.as_str().into(),
                to_written: m.due.written.as_str().into(),
                needs_decision: false,
                acknowledged_by: None,
                granted: None,
                more: Vec::new(),
            });
        }
    }
    if total_days > tolerance_days {
        for mv in &mut moves {
            mv.needs_decision = days_between(mv.from, mv.to) > tolerance_days;
        }
        if !moves.iter().any(|m| m.needs_decision) {
            if let Some(latest) = moves.iter_mut().rev().find(|m| m.to > m.from) {
                latest.needs_decision = true;
            }
        }
    }
    let since = |mv: &DueMove| mv.older.map(|i| points[i].today);
    let covers = |day: Day, mv: &DueMove| since(mv).is_none_or(|s| day >= s);
    let days: Vec<Day> = approvals.iter().map(|(day, _)| *day).collect();
    let mut taken = vec![false; approvals.len()];
    let needing: Vec<(Option<Day>, Option<Day>)> = moves
        .iter()
        .filter(|m| m.needs_decision)
        .map(|m| (since(m), m.shown))
        .collect();
    // The requests naming the milestone are paired first, those of the
    // initiative with the moves they left.
    let mut paired: Vec<Option<usize>> = vec![None; needing.len()];
    for group in [0..specific, specific..approvals.len()] {
        let left: Vec<usize> = (0..needing.len())
            .filter(|&p| paired[p].is_none())
            .collect();
        let since: Vec<Option<Day>> = left.iter().map(|&p| needing[p].0).collect();
        let got = pair_approvals(&since, &days[group.clone()], &mut taken[group.clone()]);
        for (&p, k) in left.iter().zip(got) {
            paired[p] = k.map(|k| group.start + k);
        }
    }
    // One naming the milestone but decided after the move's period does
    // not take it from one on the initiative decided within it: the
    // quarter's own site showed that one approving the move, and the later
    // request tops it up where it approved less (the later one took the
    // move whole, the first approved nothing any more, and the period read
    // as if nothing had been decided by its end: from a trial).
    // A decision dated the snapshot's own day was on record there only
    // if the snapshot had it, and then it is dated the eve (see
    // `Approvals::of`): on record means before that day.
    let needing_moves: Vec<usize> = (0..moves.len())
        .filter(|&i| moves[i].needs_decision)
        .collect();
    for (p, &(since, shown)) in needing.iter().enumerate() {
        let (Some(k), Some(shown)) = (paired[p], shown) else {
            continue;
        };
        if k >= specific || days[k] < shown {
            continue;
        }
        let mv = &moves[needing_moves[p]];
        // Only where it approved part of the move, for the later request
        // to top up: one that approved it all leaves the milestone's own
        // request nothing, and that is what it was written for.
        let in_part = |j: usize| {
            grant(approvals[j].1).is_some_and(|g| days_between(mv.from, mv.to) - g > tolerance_days)
        };
        let on_record = (specific..approvals.len()).find(|&j| {
            !taken[j] && since.is_none_or(|s| days[j] >= s) && days[j] < shown && in_part(j)
        });
        if let Some(j) = on_record {
            (taken[k], taken[j]) = (false, true);
            paired[p] = Some(j);
        }
    }
    let mut primary: Vec<(usize, usize, usize)> = (0..moves.len())
        .filter(|&i| moves[i].needs_decision)
        .zip(paired)
        .filter_map(|(i, k)| Some((i, i, k?)))
        .collect();
    fit_amounts(
        &mut primary,
        &|j, i| covers(approvals[j].0, &moves[i]),
        &|i, j| {
            let rest =
                grant(approvals[j].1).map_or(0, |g| days_between(moves[i].from, moves[i].to) - g);
            if rest > tolerance_days {
                rest as f64
            } else {
                0.0
            }
        },
    );
    let chosen: HashMap<usize, usize> = primary.iter().map(|&(i, _, k)| (i, k)).collect();
    for (i, mv) in moves
        .iter_mut()
        .enumerate()
        .filter(|(_, m)| m.needs_decision)
    {
        let k = chosen.get(&i).copied();
        mv.acknowledged_by = k.map(|k| Sym::from(approvals[k].1));
        // Approved for fewer days than it took: the rest, beyond the
        // tolerance, still needs a decision; approvals no move took,
        // decided late enough, top it up (the decision on the rest,
        // recorded as a request of its own).
        let short = |granted: &Option<i64>| {
            granted.is_some_and(|g| days_between(mv.from, mv.to) - g > tolerance_days)
        };
        mv.granted = k.and_then(|k| grant(approvals[k].1));
        while k.is_some() && short(&mv.granted) {
            let Some(j) = (0..approvals.len()).find(|&j| !taken[j] && covers(approvals[j].0, mv))
            else {
                break;
            };
            taken[j] = true;
            mv.more.push(Sym::from(approvals[j].1));
            mv.granted = grant(approvals[j].1).and_then(|more| mv.granted.map(|g| g + more));
        }
        if !short(&mv.granted) {
            mv.granted = None;
        }
    }
    // A move later that needs no decision still names one that covers it,
    // if one is left: an approval stands for one move only. A move pulled
    // in is nobody's approval (a request listed "-39 days" among what it
    // approved).
    for mv in moves
        .iter_mut()
        .filter(|m| !m.needs_decision && m.to > m.from)
    {
        if let Some(k) = (0..approvals.len()).find(|&k| !taken[k] && covers(approvals[k].0, mv)) {
            taken[k] = true;
            mv.acknowledged_by = Some(Sym::from(approvals[k].1));
        }
    }
    moves
}

pub(super) fn milestones(r: &Roadmap) -> BTreeMap<&str, (&Initiative, &crate::model::Milestone)> {
    r.initiatives
        .iter()
        .flat_map(|i| {
            let i = &**i;
            i.milestones.iter().map(move |m| (m.gid.as_str(), (i, m)))
        })
        .collect()
}

/// The milestone of `then` (its initiative as the point before had it)
/// that `m`, first shown by `now` (its initiative as the next point has
/// it), continues under a new id: open there, gone from `now`, and the
/// only one titled as `m` is (case and spacing aside). Its dates are
/// `m`'s history: renamed, a milestone started a history of its own at its
/// new date, and a move of half a year read as a milestone removed and
/// one added, which any request affecting the work approves, one stating
/// no delay included (from a trial).
pub(super) fn renamed_from<'a>(
    then: &'a Initiative,
    now: &Initiative,
    m: &crate::model::Milestone,
) -> Option<&'a crate::model::Milestone> {
    let key = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let title = key(&m.title);
    let mut candidates = then.milestones.iter().filter(|o| {
        o.done.is_none() && !now.milestones.iter().any(|n| n.id == o.id) && key(&o.title) == title
    });
    let found = candidates.next()?;
    let alike_now = now
        .milestones
        .iter()
        .filter(|n| key(&n.title) == title && !then.milestones.iter().any(|o| o.id == n.id));
    (candidates.next().is_none() && alike_now.count() == 1).then_some(found)
}

/// The milestones `after` shows renamed since `before` (see
/// [`renamed_from`]): (new id, old id), global ids, in `after`'s order.
/// The forecasts follow a milestone's track under its new id with these
/// (it started a track of its own at its new date, and a team's record
/// lost the lateness the rename carried: from a trial).
pub fn renames(before: &Roadmap, after: &Roadmap) -> Vec<(Sym, Sym)> {
    let mut out = Vec::new();
    for now in &after.initiatives {
        let Some(then) = before.initiative(&now.meta.id) else {
            continue;
        };
        // Nearly always: every milestone kept its id.
        let new = |m: &&crate::model::Milestone| !then.milestones.iter().any(|o| o.id == m.id);
        if then.milestones_incomplete || now.milestones_incomplete {
            continue;
        }
        for m in now.milestones.iter().filter(new) {
            if let Some(old) = renamed_from(then, now, m) {
                out.push((m.gid, old.gid));
            }
        }
    }
    out
}

/// Whether `m` (of `init`, as each point has it in `seen`) is done and was
/// first written into the roadmap after it was done: no point showed it
/// open, and the snapshot just before the first that has it (the newest
/// snapshot, if only the working tree has it) is dated more than a week
/// after its `done:` (a completion recorded late) and had no such
/// milestone. No promise of it was ever on record, so it keeps none:
/// counted as kept, work written in once delivered raised the
/// promise-keeping rate on the brief with every line added (from a
/// trial). Not when that snapshot could not read the initiative whole, nor
/// when it had the milestone done that day under another initiative
/// (work moved or split after delivery).
pub(super) fn written_in_once_done(
    points: &[Point],
    seen: &[Option<&crate::model::Milestone>],
    init: &Initiative,
    m: &crate::model::Milestone,
) -> bool {
    let Some(done) = &m.done else {
        return false;
    };
    let first = seen
        .iter()
        .position(Option::is_some)
        .unwrap_or(points.len() - 1);
    if seen[first].is_some_and(|o| o.done.is_none()) || first == 0 {
        return false;
    }
    let before = &points[first - 1];
    let id = init.meta.id.as_str();
    let whole = |r: &Roadmap| {
        !r.unread_ids.contains(id) && r.initiative(id).is_none_or(|i| !i.milestones_incomplete)
    };
    if days_between(done.day, before.today) <= super::record::RECORDED_LATE_DAYS
        || !whole(before.roadmap)
    {
        return false;
    }
    // Moved or split since: the same milestone, done that day, elsewhere.
    let done_elsewhere = before.roadmap.initiatives.iter().any(|i| {
        i.milestones
            .iter()
            .any(|o| o.id == m.id && o.done.as_ref().is_some_and(|d| d.day == done.day))
    });
    !done_elsewhere
}

/// The done initiatives of the last of `points` with no milestones that
/// were first written into the roadmap after they were done, as
/// [`written_in_once_done`] tells of a milestone, by their end: a quick
/// one made up lowered the average cycle time on the metrics page (from
/// a review: the rule for milestones left these out).
pub(super) fn initiatives_written_in_done(points: &[Point]) -> Vec<Sym> {
    let Some(current) = points.last() else {
        return Vec::new();
    };
    current
        .roadmap
        .initiatives
        .iter()
        .filter(|i| i.status == "done" && i.milestones.is_empty() && !i.is_backlog())
        .filter(|i| {
            let id = i.meta.id.as_str();
            let Some(end) = &i.end else {
                return false;
            };
            let first = points
                .iter()
                .position(|p| p.roadmap.initiative(id).is_some())
                .unwrap_or(points.len() - 1);
            let open_then = points[first]
                .roadmap
                .initiative(id)
                .is_some_and(|then| then.status != "done");
            if open_then || first == 0 {
                return false;
            }
            let before = &points[first - 1];
            days_between(end.day, before.today) > super::record::RECORDED_LATE_DAYS
                && !before.roadmap.unread_ids.contains(id)
        })
        .map(|i| Sym::from(i.meta.id.as_str()))
        .collect()
}

/// What the history says of one milestone of the working tree.
pub(super) struct MilestoneHistory {
    /// The model's own (interned once, not again for every map the
    /// history keys by it).
    pub(super) gid: Sym,
    /// Its due date as each point wrote it.
    pub(super) dates: DateTrail,
    pub(super) baseline: Baseline,
    /// Done, and whether by the date first promised.
    pub(super) kept: Option<bool>,
    /// Done, and written in once done (see [`written_in_once_done`]): no
    /// promise of it was on record, so no delivery measure counts it.
    pub(super) unrecorded: bool,
    /// The approval of each move out of an older point, and whether the
    /// move needed one.
    pub(super) acks: Vec<(usize, MoveAck)>,
    /// Boxed: most milestones have none, and each history is held, 40,000
    /// of them at 10,000 initiatives, while the history is made.
    pub(super) slip: Option<Box<Slip>>,
}

/// Every milestone of the last of `points` through the history, in order,
/// each as `keep` makes it of its history (made on every core, so `keep`
/// keeps what the caller needs and no more of them is held); `None` where
/// `wanted` left it out (gathered again without them, they were a second
/// copy of them all at the peak).
/// `wanted` leaves out, before any work, milestones the caller has no use
/// for (as each point has it, and as the last one has it).
pub(super) fn milestone_histories<'p, T: Send>(
    points: &[Point<'p>],
    approvals: &Approvals,
    tolerance_days: i64,
    wanted: impl Fn(&[Option<&crate::model::Milestone>], &Initiative, &crate::model::Milestone) -> bool
        + Sync,
    keep: impl Fn(MilestoneHistory) -> T + Sync,
) -> Vec<Option<T>> {
    let Some(current) = points.last() else {
        return Vec::new();
    };
    // Each milestone's own history stands alone: all of them at once, then
    // gathered in order. Each initiative is looked up once per point and
    // its milestones found in it: looking every milestone up in every
    // point's map, memory-bound, was most of the milestones' histories at
    // 10,000 initiatives.
    let at_points: HashMap<&str, Vec<Option<&Initiative>>> = current
        .roadmap
        .initiatives
        .par_iter()
        .map(|i| {
            let id = i.meta.id.as_str();
            (
                id,
                points.iter().map(|p| p.roadmap.initiative(id)).collect(),
            )
        })
        .collect();
    let now: Vec<(&str, (&Initiative, &crate::model::Milestone))> =
        milestones(current.roadmap).into_iter().collect();
    let sources = BaselineSources::of(points);
    // Into a list of the milestones' length, each written in its place:
    // gathered as they came (rayon's `filter_map`), each core's list grew
    // by doubling and all were then copied into one, about three times
    // the histories' size at once at the peak of making the history.
    now.par_iter()
        .map(|&(_, (init, m))| {
            let at = &at_points[init.meta.id.as_str()];
            let by_id = |id: &str| -> Vec<Option<&crate::model::Milestone>> {
                at.iter()
                    .map(|i| i.and_then(|i| i.milestones.iter().find(|o| o.id == id)))
                    .collect()
            };
            let mut seen = by_id(&m.id);
            // Renamed where it first shows: the point before had it under
            // its old id, which it carries back through the points before;
            // and renamed again before that, as often as it was. Judged
            // by the milestone as that point had it, as the periods judge
            // each pair (retitled since, its rename went unfollowed here
            // while its period showed the move: from a review).
            while let Some(first) = seen.iter().position(Option::is_some).filter(|&k| k > 0) {
                let (then, now, there) = (at[first - 1], at[first], seen[first]);
                let old = then
                    .zip(now)
                    .zip(there)
                    .and_then(|((then, now), there)| renamed_from(then, now, there))
                    .filter(|old| !init.milestones.iter().any(|n| n.id == old.id));
                let Some(old) = old else {
                    break;
                };
                let before = by_id(&old.id);
                seen[..first].copy_from_slice(&before[..first]);
            }
            if !wanted(&seen, init, m) {
                return None;
            }
            Some(keep(milestone_history(
                points,
                &sources,
                approvals,
                &seen,
                init,
                m,
                tolerance_days,
            )))
        })
        .collect::<Vec<Option<T>>>()
}

/// Where a baseline comes from, as its `source` names it: made once per
/// history, not once per milestone (a text formatted and interned 40,000
/// times in every `serve` rebuild at 10,000 initiatives).
struct BaselineSources {
    field: Sym,
    current: Sym,
    /// Each snapshot's, oldest first.
    snapshots: Vec<Sym>,
}

impl BaselineSources {
    fn of(points: &[Point]) -> BaselineSources {
        let snapshots = &points[..points.len().saturating_sub(1)];
        BaselineSources {
            field: Sym::new("baseline field"),
            current: Sym::new("current"),
            snapshots: snapshots
                .iter()
                .map(|p| Sym::new(&format!("snapshot {}", p.name)))
                .collect(),
        }
    }
}

/// One milestone of the working tree through the history. `seen`: the
/// milestone as each point has it.
fn milestone_history(
    points: &[Point],
    sources: &BaselineSources,
    approvals: &Approvals,
    seen: &[Option<&crate::model::Milestone>],
    init: &Initiative,
    m: &crate::model::Milestone,
    tolerance_days: i64,
) -> MilestoneHistory {
    let gid = m.gid.as_str();
    let snapshots = &points[..points.len() - 1];
    let dates = DateTrail::of(seen.iter().map(|m| m.map(|m| m.due.written.as_str())));
    // A `baseline:` re-baselines only as a decision: written, changed or
    // removed since a snapshot, it counts once an approved change request
    // affecting the milestone or its initiative is decided after that
    // snapshot, when it makes the baseline later (only a later baseline
    // hides anything). Until then the baseline that snapshot had stays in
    // force: its field, else the history's own (the oldest due seen).
    // Otherwise one line would wipe a slip out of every page.
    let baseline_day = |m: &crate::model::Milestone| m.baseline.as_ref().map(|b| b.day);
    let changed_after = snapshots.iter().zip(seen).rev().find_map(|(p, old)| {
        old.filter(|old| baseline_day(old) != baseline_day(m))
            .map(|old| (p, old))
    });
    let first_seen = seen
        .iter()
        .flatten()
        .next()
        .map_or(m.due.day, |old| old.due.day);
    let in_force = |b: Option<&crate::base::date::Date>| b.map_or(first_seen, |b| b.day);
    let baseline_unapproved = match changed_after {
        Some((after, old))
            if in_force(m.baseline.as_ref()) > in_force(old.baseline.as_ref())
                && approvals
                    .acknowledging(gid, &init.meta.id, Some(after.today))
                    .is_none() =>
        {
            let written = m
                .baseline
                .as_ref()
                .map_or_else(|| "(removed)".to_string(), |b| b.written.to_string());
            Some((
                Sym::from(written.as_str()),
                Sym::from(after.name),
                old.baseline.as_ref(),
            ))
        }
        _ => None,
    };
    let baseline_field = match &baseline_unapproved {
        Some((_, _, prior)) => *prior,
        None => m.baseline.as_ref(),
    };
    let baseline_unapproved = baseline_unapproved.map(|(written, after, _)| (written, after));
    let (day, written, source) = match baseline_field {
        Some(b) => (b.day, b.written, sources.field),
        None => match seen[..snapshots.len()]
            .iter()
            .zip(&sources.snapshots)
            .find_map(|(old, &source)| old.map(|old| (old, source)))
        {
            Some((old, source)) => (old.due.day, old.due.written, source),
            None => (m.due.day, m.due.written, sources.current),
        },
    };
    let baseline = Baseline {
        day,
        written,
        source,
    };
    // Promise keeping: done by the date first promised. Of the work the
    // delivery metrics count (not backlog; of cancelled work, what it
    // delivered), so the rate and "done on time" beside it are of one set
    // of milestones. Only milestones done are counted here.
    let unrecorded = !init.is_backlog() && written_in_once_done(points, seen, init, m);
    let counted = !init.is_backlog() && !unrecorded;
    let kept = m
        .done
        .as_ref()
        .filter(|_| counted)
        .map(|done| done.day <= day);
    let days = days_between(day, m.due.day);
    // Renamed: a request that named it under an old id names it still
    // (its `affects` kept as recorded, it could name no other).
    let old_gids: BTreeSet<String> = seen
        .iter()
        .flatten()
        .filter(|o| o.id != m.id)
        .map(|o| format!("{}/{}", init.meta.id, o.id))
        .collect();
    // (No list made for the milestones never renamed: most of them.)
    let all: Vec<&str>;
    let gids: &[&str] = if old_gids.is_empty() {
        std::slice::from_ref(&gid)
    } else {
        all = std::iter::once(gid)
            .chain(old_gids.iter().map(String::as_str))
            .collect();
        &all
    };
    let affecting: Vec<(Day, &str)> = approvals
        .affecting_any(gids, &init.meta.id)
        .into_iter()
        .filter(|(_, c)| approvals.applies(c, false))
        .collect();
    let names = |c: &str| gids.iter().any(|g| approvals.names(g, c));
    let specific = affecting.iter().take_while(|(_, c)| names(c)).count();
    let moves = moves_of(
        points,
        (&affecting, specific),
        &|change| approvals.delay_grant(change),
        seen,
        baseline_field,
        days,
        tolerance_days,
    );
    // Held until the periods are annotated: sized to what it holds (most
    // have one move, and a list grown from nothing has room for four).
    let mut acks: Vec<(usize, MoveAck)> = moves
        .iter()
        .filter_map(|mv| {
            let ack = MoveAck {
                by: mv.acknowledged_by,
                needs: mv.needs_decision,
                short: mv.granted.map(|g| days_between(mv.from, mv.to) - g),
                more: mv.more.clone(),
            };
            Some((mv.older?, ack))
        })
        .collect();
    acks.shrink_to_fit();
    let slip = (m.due.day != day).then(|| {
        let last_old = snapshots
            .iter()
            .zip(seen)
            .rev()
            .find(|(_, old)| old.is_some_and(|old| old.due.day != m.due.day))
            .map(|(p, _)| Sym::from(p.name));
        // A move nobody approved, taken back since (a later date, or the
        // date now, at or before the one it moved from, or within the days
        // approved of it, give or take the tolerance), hides nothing: the
        // plan went back where it was approved. It stood as a finding for
        // good.
        // The earliest date the milestone stood at after move `i`.
        let lowest_after = |i: usize| {
            moves[i + 1..]
                .iter()
                .map(|later| later.to)
                .fold(m.due.day, Day::min)
        };
        // A move the work made unneeded (done by the date it moved from,
        // or within what was approved of it) hides nothing either.
        let done_by = |date: Day| {
            m.done
                .as_ref()
                .is_some_and(|d| days_between(date, d.day) <= tolerance_days)
        };
        let taken_back = |i: usize, mv: &DueMove| {
            let lowest = lowest_after(i);
            (lowest < mv.to && days_between(mv.approved_to(), lowest) <= tolerance_days)
                || done_by(mv.approved_to())
        };
        // A move approved in part and taken back within what was approved
        // keeps its approval: it stands approved.
        let needing_at: Vec<(usize, &DueMove)> = moves
            .iter()
            .enumerate()
            .filter(|(_, mv)| mv.needs_decision)
            .filter(|&(i, mv)| mv.acknowledged_by.is_some() || !taken_back(i, mv))
            .collect();
        let needing: Vec<&DueMove> = needing_at.iter().map(|&(_, mv)| mv).collect();
        let acknowledged_by = match needing.last() {
            Some(latest) => latest.acknowledged_by,
            // No snapshot saw it move (a `baseline:` field): any
            // approval affecting it.
            None if moves.is_empty() => approvals.acknowledging(gid, &init.meta.id, None),
            None => moves.iter().rev().find_map(|m| m.acknowledged_by),
        };
        // Where the decisions put it, one after the other: a move approved
        // in full commits to its new date; one approved in part adds the
        // days granted to the date committed before it (or to the date it
        // moved from, when that is earlier), not to a date an unapproved
        // move put it at, which committed nothing (a request of one day
        // made a move of 61 days nobody approved the date committed).
        let committed = moves.iter().fold(day, |committed, mv| {
            match (mv.acknowledged_by, mv.granted) {
                (Some(_), None) => mv.to,
                (Some(_), Some(days)) => crate::analysis::add_days(committed.min(mv.from), days),
                (None, _) => committed,
            }
        });
        // What stands of each: from where it was approved to, or from, to
        // the earliest date since (a move partly taken back).
        let mut unacknowledged: Vec<UnapprovedMove> = needing_at
            .iter()
            .filter(|&&(i, mv)| !mv.approved() && !taken_back(i, mv))
            .map(|&(i, mv)| UnapprovedMove {
                from: mv.from_written,
                to: mv.to_written,
                to_day: mv.to,
                days: days_between(mv.approved_to(), lowest_after(i).min(mv.to)),
                moved: days_between(mv.from, mv.to),
                after: mv.older.map(|i| Sym::from(points[i].name)),
                approved_by: mv.acknowledged_by,
                approved_days: mv.granted.unwrap_or(0),
            })
            .collect();
        // Collected from a filter, room for four: most slips have one
        // move, and every archived version keeps its unapproved slips for
        // the whole build (at 10,000 initiatives with 8 snapshots, 124,000
        // of them, 12 MB of spare room).
        unacknowledged.shrink_to_fit();
        Slip {
            gid: m.gid,
            initiative: init.meta.id.as_str().into(),
            baseline: day,
            due: m.due.day,
            days,
            // Done by its baseline, it slipped in name only.
            needs_ack: days > tolerance_days && !done_by(day),
            acknowledged_by,
            last_old,
            unacknowledged,
            baseline_unapproved,
            committed,
            baseline_written: written,
            renamed_from: seen
                .iter()
                .flatten()
                .rev()
                .find(|o| o.id != m.id)
                .map(|o| o.id),
        }
    });
    MilestoneHistory {
        gid: m.gid,
        dates,
        baseline,
        kept,
        unrecorded,
        acks,
        slip: slip.map(Box::new),
    }
}
