//! The RAID log through the snapshots: items opened, closed, occurred,
//! re-scored or deleted.

use super::*;

/// How a RAID item moved within a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskChangeKind {
    /// New and open.
    Opened,
    /// Closed at the start, open again at the end.
    Reopened,
    Closed,
    /// A risk that happened (status `occurred`).
    Occurred,
    ExposureRose,
    ExposureFell,
    /// Open at both ends, its exposure the same, and something else of its
    /// row moved: its owner, type, status between open ones or mitigation
    /// (a committee's hand-over or change of plan, left out of the period
    /// it happened in, was only on the item's own page).
    Updated,
    /// Open at the start, its file gone at the end: out of the log with
    /// nothing settled (`removed-risk`). It was in the period's list of
    /// removed files alone, not its RAID table (from a PMO's trial).
    Deleted,
}

impl RiskChangeKind {
    pub fn words(self) -> &'static str {
        match self {
            RiskChangeKind::Opened => "opened",
            RiskChangeKind::Reopened => "reopened",
            RiskChangeKind::Closed => "closed",
            RiskChangeKind::Occurred => "occurred",
            RiskChangeKind::ExposureRose => "exposure rose",
            RiskChangeKind::ExposureFell => "exposure fell",
            RiskChangeKind::Updated => "updated",
            RiskChangeKind::Deleted => "deleted while open",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskChange {
    pub id: String,
    pub change: RiskChangeKind,
    /// Status and exposure (probability × impact) at each end; `None`
    /// where the item was not there or has no exposure.
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub from_exposure: Option<u8>,
    pub to_exposure: Option<u8>,
    /// Everything of its row that moved, in the log's words ("open →
    /// mitigating; owner now Ben; mitigation rewritten").
    pub moved: String,
    /// Its `type` at the end (risk, assumption, issue, decision): an
    /// assumption that occurred is no "risk occurred".
    #[serde(skip)]
    pub kind: Sym,
    /// As the log had it at the end (at the start, if deleted): its row
    /// names it when the item is gone from the roadmap since.
    #[serde(skip)]
    pub title: String,
}

/// A RAID item as one point of the history recorded it: what its row in
/// the log read that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RaidState {
    /// As written: a threat can be softened by its title alone ("Cut-over
    /// will slip" to "Cut-over timing to be confirmed").
    pub title: Sym,
    pub status: Sym,
    #[serde(rename = "risk_type")]
    pub kind: Sym,
    /// As counted: an issue or a risk that occurred is certain.
    pub likelihood: Option<u8>,
    pub impact: Option<u8>,
    pub exposure: Option<u8>,
    pub owner: Sym,
    pub reviewed: Option<Sym>,
    pub mitigation: Option<Sym>,
}

impl RaidState {
    pub(super) fn of(x: &crate::model::Risk) -> RaidState {
        RaidState {
            title: x.meta.title.as_str().into(),
            status: x.status.as_str().into(),
            kind: x.kind.as_str().into(),
            likelihood: x.likelihood(),
            impact: x.impact,
            exposure: x.exposure(),
            owner: x.owner.as_str().into(),
            reviewed: x.reviewed.as_ref().map(|d| d.written.as_str().into()),
            mitigation: x.mitigation.as_deref().map(Sym::from),
        }
    }

    pub fn is_open(&self) -> bool {
        &*self.status != "closed"
    }
}

/// Where a RAID item stood at one point of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RaidPoint {
    /// Not in that point's log (not raised yet, or removed).
    Absent,
    /// Its file was there but could not be read: nothing is known.
    Unread,
    Logged(RaidState),
}

impl RaidPoint {
    pub fn state(&self) -> Option<&RaidState> {
        match self {
            RaidPoint::Logged(s) => Some(s),
            _ => None,
        }
    }

    /// What moved from the last of `before` to `now` (see [`raid_moved`]),
    /// "no change" when nothing did; `None` when the last of `before`
    /// could not read it. Not logged there but in a point before it: back
    /// in the log (a file deleted, then restored), not newly raised.
    pub fn moved_since(before: &[RaidPoint], now: &RaidState) -> Option<String> {
        let (was, earlier) = before.split_last()?;
        if *was == RaidPoint::Unread {
            return None;
        }
        let moved = match earlier.iter().rev().find_map(RaidPoint::state) {
            Some(logged) if *was == RaidPoint::Absent => {
                let then = RaidPoint::Logged(logged.clone());
                let rest = raid_moved(&then, now).map_or(String::new(), |m| format!("; {m}"));
                Some(format!("back in the log{rest}"))
            }
            _ => raid_moved(was, now),
        };
        Some(moved.unwrap_or_else(|| "no change".into()))
    }
}

/// Each RAID item of the last point, as every point recorded it (oldest
/// first): the log's own history, which the steering committee reads item
/// by item (when it opened, how its exposure moved, who owned it, when it
/// was last reviewed).
#[derive(Debug, Clone, Default)]
pub struct RaidLog {
    /// The points, oldest first; the last is the version read.
    pub points: Vec<(String, Day)>,
    trails: BTreeMap<Sym, Vec<RaidPoint>>,
}

impl RaidLog {
    pub(super) fn of(points: &[Point]) -> RaidLog {
        let names = points
            .iter()
            .map(|p| (p.name.to_string(), p.today))
            .collect();
        let Some((current, before)) = points.split_last() else {
            return RaidLog::default();
        };
        let logs: Vec<HashMap<&str, &crate::model::Risk>> = before
            .iter()
            .map(|p| {
                p.roadmap
                    .risks
                    .iter()
                    .map(|x| (x.meta.id.as_str(), x))
                    .collect()
            })
            .collect();
        let trails = current
            .roadmap
            .risks
            .iter()
            .map(|now| {
                let id = now.meta.id.as_str();
                let trail = before
                    .iter()
                    .zip(&logs)
                    .map(|(p, log)| match log.get(id) {
                        Some(x) => RaidPoint::Logged(RaidState::of(x)),
                        None if p.roadmap.unread_ids.contains(id) => RaidPoint::Unread,
                        None => RaidPoint::Absent,
                    })
                    .chain(std::iter::once(RaidPoint::Logged(RaidState::of(now))))
                    .collect();
                (Sym::from(id), trail)
            })
            .collect();
        RaidLog {
            points: names,
            trails,
        }
    }

    /// A RAID item of the version read, at every point (see `points`).
    pub fn trail(&self, id: &str) -> Option<&[RaidPoint]> {
        self.trails.get(id).map(Vec::as_slice)
    }

    /// The point the version read is compared with: the last snapshot
    /// before its day. One taken on the very day read is the version
    /// itself: the quarter's snapshot is taken, then presented (compared
    /// with it, every row of the log read "no change" in the meeting).
    fn baseline(&self) -> Option<usize> {
        let (_, today) = self.points.last()?;
        (0..self.points.len() - 1)
            .rev()
            .find(|&k| self.points[k].1 < *today)
    }

    /// The name of the snapshot the version read is compared with (see
    /// `baseline`).
    pub fn last_snapshot(&self) -> Option<&str> {
        Some(self.points[self.baseline()?].0.as_str())
    }

    /// Whether the point before the last is a snapshot taken on the day
    /// read: the version itself, as the trail shows it once.
    pub fn taken_today(&self) -> bool {
        matches!(self.points.as_slice(), [.., (_, a), (_, b)] if a == b)
    }

    /// What moved in a RAID item since the last snapshot ("no change" when
    /// nothing its row shows did): `None` when it is not in the log read,
    /// or when that snapshot could not read it.
    pub fn since(&self, id: &str) -> Option<String> {
        let trail = self.trail(id)?;
        let k = self.baseline()?;
        RaidPoint::moved_since(&trail[..=k], trail.last()?.state()?)
    }
}

/// What moved in a RAID item between two points, in the words of the log's
/// pages ("exposure rose 8 → 12; open → mitigating"); `None` when nothing
/// its row shows moved, or when the earlier point could not read it.
pub(super) fn raid_moved(was: &RaidPoint, now: &RaidState) -> Option<String> {
    let was = match was {
        RaidPoint::Unread => return None,
        RaidPoint::Absent if now.is_open() => return Some("opened".into()),
        RaidPoint::Absent => return Some("raised and closed".into()),
        RaidPoint::Logged(w) => w,
    };
    let mut said = Vec::new();
    match (was.is_open(), now.is_open()) {
        (false, true) => said.push("reopened".to_string()),
        (true, false) => said.push("closed".to_string()),
        _ if was.status != now.status => {
            said.push(format!("{} → {}", was.status, now.status));
        }
        _ => {}
    }
    match (was.exposure, now.exposure) {
        (Some(a), Some(b)) if b > a => said.push(format!("exposure rose {a} → {b}")),
        (Some(a), Some(b)) if b < a => said.push(format!("exposure fell {a} → {b}")),
        (None, Some(b)) => said.push(format!("exposure scored {b}")),
        (Some(a), None) => said.push(format!("exposure {a} no longer scored")),
        _ => {}
    }
    if was.kind != now.kind {
        said.push(format!("{} → {}", was.kind, now.kind));
    }
    if was.owner != now.owner {
        said.push(format!("owner now {}", now.owner));
    }
    if was.title != now.title {
        said.push(format!("retitled (was “{}”)", was.title));
    }
    if was.mitigation != now.mitigation {
        said.push(
            match now.mitigation {
                None => "mitigation taken out",
                Some(_) if was.mitigation.is_none() => "mitigation added",
                Some(_) => "mitigation rewritten",
            }
            .to_string(),
        );
    }
    // A review recorded is news: its owner looked at it again. Left out,
    // an item reviewed every quarter read "no change", the words the
    // quarterly routine gives an item nobody looks at (from a trial). With
    // something else moved, the period's row names the review that moved
    // it ("at the review of").
    if said.is_empty() && was.reviewed != now.reviewed {
        said.push(match &now.reviewed {
            Some(day) => format!("reviewed {day}"),
            None => "review date taken out".to_string(),
        });
    }
    (!said.is_empty()).then(|| said.join("; "))
}

/// A RAID item scored lower now than snapshots had it open, or closed
/// since, with no review recorded since: the check says it when one of
/// them had it at high exposure and it is not now. Re-scored or closed,
/// it left the brief's largest risks and `risk-without-mitigation` with
/// nobody on record saying why (from trials).
#[derive(Debug, Clone, Serialize)]
pub struct RiskLowered {
    pub id: String,
    /// Its exposure now; `None`: its scores taken out, or closed.
    pub to: Option<u8>,
    /// Closed now: whatever its scores say, it counts for nothing.
    pub closed: bool,
    /// The snapshots that had it open and scored higher, with no review
    /// recorded since, oldest first.
    pub stood: Vec<RiskStood>,
}

/// A snapshot's score of a [`RiskLowered`].
#[derive(Debug, Clone, Serialize)]
pub struct RiskStood {
    pub after: String,
    pub exposure: u8,
}

/// The working tree's open RAID items scored lower than snapshots had them
/// with no review recorded since (see [`RiskLowered`]). A review is
/// recorded since a snapshot when `reviewed:` is on or after its day and
/// later than the review it showed: a review held the day a quarter was
/// taken, and kept as it was, does not also cover the re-scoring after.
pub(super) fn lowered_risks(points: &[Point]) -> Vec<RiskLowered> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    current
        .roadmap
        .risks
        .iter()
        .filter_map(|x| {
            let stood = stood_higher_unreviewed(x, snapshots);
            (!stood.is_empty()).then(|| RiskLowered {
                id: x.meta.id.clone(),
                to: x.exposure().filter(|_| x.is_open()),
                closed: !x.is_open(),
                stood,
            })
        })
        .collect()
}

/// The points of `earlier` that had `x` open and scored higher than it is
/// now (closed, it weighs nothing, however it is still scored), with no
/// review recorded since, oldest first.
fn stood_higher_unreviewed(x: &crate::model::Risk, earlier: &[Point]) -> Vec<RiskStood> {
    let now = x.exposure().filter(|_| x.is_open());
    let reviewed_since = reviewed_since(x, earlier);
    earlier
        .iter()
        .filter_map(|p| {
            let was = p.roadmap.risk(&x.meta.id).filter(|was| was.is_open())?;
            let exposure = was.exposure().filter(|&e| now.is_none_or(|now| e > now))?;
            (!reviewed_since(p, was)).then(|| RiskStood {
                after: p.name.to_string(),
                exposure,
            })
        })
        .collect()
}

/// Whether `x`'s review now was recorded since point `p` (which had it as
/// `was`): on or after its day and later than the review it showed. A
/// review dated before a snapshot that showed an older one (or none) was
/// written in since, dated back: it covers nothing (from a trial: it
/// cleared the finding with no review held).
fn reviewed_since<'a>(
    x: &'a crate::model::Risk,
    earlier: &'a [Point],
) -> impl Fn(&Point, &crate::model::Risk) -> bool + 'a {
    let id = x.meta.id.as_str();
    let reviewed = x.reviewed.as_ref().map(|d| d.day).filter(|&r| {
        !earlier.iter().any(|q| {
            q.today > r
                && q.roadmap
                    .risk(id)
                    .is_some_and(|w| w.reviewed.as_ref().is_none_or(|then| then.day < r))
        })
    });
    move |p: &Point, was: &crate::model::Risk| {
        let then = was.reviewed.as_ref().map(|d| d.day);
        reviewed.is_some_and(|r| r >= p.today && then.is_none_or(|then| r > then))
    }
}

/// An open RAID item that no longer affects work (or an outcome) a
/// snapshot had it affect, that work still open, with no review recorded
/// since: moved off a gate due soon onto an outcome, its threat left the
/// work it hangs over, and the work read at risk no more (from a trial:
/// the brief's outcome at risk went, and the diff said "no changes").
#[derive(Debug, Clone, Serialize)]
pub struct RiskNarrowed {
    pub id: String,
    /// The snapshots that had it open, scored and affecting what it no
    /// longer does, oldest first.
    pub stood: Vec<RiskReach>,
}

/// A snapshot's reach of a [`RiskNarrowed`].
#[derive(Debug, Clone, Serialize)]
pub struct RiskReach {
    pub after: String,
    pub exposure: u8,
    /// What it affected there and does not now.
    pub dropped: Vec<String>,
}

/// Whether `affects` still reaches `id`: it, or the initiative of the
/// milestone it is (a risk widened from a gate to its initiative still
/// hangs over the gate).
fn covers(affects: &[String], id: &str) -> bool {
    affects.iter().any(|a| a == id)
        || id
            .split_once('/')
            .is_some_and(|(initiative, _)| affects.iter().any(|a| a == initiative))
}

/// The working tree's open RAID items that affect less than snapshots had
/// them affect, with no review recorded since (see [`RiskNarrowed`]).
pub(super) fn narrowed_risks(points: &[Point]) -> Vec<RiskNarrowed> {
    let Some((current, snapshots)) = points.split_last() else {
        return Vec::new();
    };
    let r = current.roadmap;
    // Still to deliver: a link to work done, cancelled or retired is no
    // threat taken off anything.
    let open = |id: &str| {
        r.milestone(id).is_some_and(|m| m.done.is_none())
            || r.initiative(id).is_some_and(|i| !i.is_closed())
            || r.outcome(id).is_some_and(|o| !o.retired_by(current.today))
    };
    r.risks
        .iter()
        .filter(|x| x.is_open())
        .filter_map(|x| {
            let reviewed_since = reviewed_since(x, snapshots);
            let stood: Vec<RiskReach> = snapshots
                .iter()
                .filter_map(|p| {
                    let was = p.roadmap.risk(&x.meta.id).filter(|was| was.is_open())?;
                    let exposure = was.exposure()?;
                    let dropped: Vec<String> = was
                        .affects
                        .iter()
                        .filter(|a| !covers(&x.affects, a) && open(a))
                        .cloned()
                        .collect();
                    (!dropped.is_empty() && !reviewed_since(p, was)).then(|| RiskReach {
                        after: p.name.to_string(),
                        exposure,
                        dropped,
                    })
                })
                .collect();
            (!stood.is_empty()).then(|| RiskNarrowed {
                id: x.meta.id.clone(),
                stood,
            })
        })
        .collect()
}

/// RAID items gone from the working tree (not merely unreadable there)
/// that the latest snapshot that had them showed open, or closed with no
/// review recorded since an earlier snapshot had them open and scored:
/// closed on record with nobody saying why, then deleted, nothing would
/// have been asked (the close alone is `risk-lowered-unreviewed`). One
/// closed at a review was settled on record before it went.
pub(super) fn removed_risks(points: &[Point]) -> Vec<RemovedRisk> {
    let gone = last_seen_and_gone(
        points,
        crate::model::Kind::Risk,
        |r| &r.risks,
        |x| &x.meta.id,
    );
    gone.into_iter()
        .filter_map(|(after, x)| {
            let closed_unreviewed = if x.is_open() {
                Vec::new()
            } else {
                let seen_at = points.iter().position(|p| p.name == after)?;
                let stood = stood_higher_unreviewed(x, &points[..seen_at]);
                if stood.is_empty() {
                    return None;
                }
                stood
            };
            Some(RemovedRisk {
                id: x.meta.id.clone(),
                title: x.meta.title.clone(),
                rel: x.meta.rel.clone(),
                after: after.to_string(),
                risk_type: x.kind.clone(),
                exposure: x.exposure(),
                closed_unreviewed,
            })
        })
        .collect()
}

/// RAID items that opened, closed or occurred between two roadmaps, and
/// open ones whose exposure moved. One removed from the log is in
/// `removed` like any item.
pub(super) fn risk_changes(a: &Roadmap, b: &Roadmap, since: Day) -> Vec<RiskChange> {
    let before: BTreeMap<&str, &crate::model::Risk> =
        a.risks.iter().map(|x| (x.meta.id.as_str(), x)).collect();
    let mut out = Vec::new();
    for now in &b.risks {
        let was = before.get(now.meta.id.as_str()).copied();
        if was.is_none() && a.unread_ids.contains(&now.meta.id) {
            continue;
        }
        out.extend(change_of(was, now, false, since));
    }
    // Open, then gone: its row says so, where the log's changes are read.
    let kept: BTreeSet<&str> = b.risks.iter().map(|x| x.meta.id.as_str()).collect();
    for was in a.risks.iter().filter(|x| x.is_open()) {
        let id = was.meta.id.as_str();
        if kept.contains(id) || b.unread_ids.contains(id) {
            continue;
        }
        out.push(RiskChange {
            id: id.to_string(),
            change: RiskChangeKind::Deleted,
            from_status: Some(was.status.clone()),
            to_status: None,
            from_exposure: was.exposure(),
            to_exposure: None,
            moved: "its file deleted, nothing settled".to_string(),
            kind: was.kind.as_str().into(),
            title: was.meta.title.clone(),
        });
    }
    out
}

/// How a RAID item moved from `was` (`None`: not in the log) to `now`;
/// `back`: `was` is from a point before the period, the item deleted
/// since and restored in it.
fn change_of(
    was: Option<&crate::model::Risk>,
    now: &crate::model::Risk,
    back: bool,
    since: Day,
) -> Option<RiskChange> {
    let occurred = now.status == "occurred" && was.is_none_or(|w| w.status != "occurred");
    let then = match was {
        Some(w) => RaidPoint::Logged(RaidState::of(w)),
        None => RaidPoint::Absent,
    };
    // A review alone is the log's news ("reviewed" in its column), not a
    // change of the period: every item its owner looks at each quarter
    // would fill the period's table and no period would read quiet.
    let mut now_state = RaidState::of(now);
    if let RaidPoint::Logged(w) = &then {
        now_state.reviewed = w.reviewed;
    }
    let moved = raid_moved(&then, &now_state);
    let change = match was {
        _ if occurred => Some(RiskChangeKind::Occurred),
        None if now.is_open() => Some(RiskChangeKind::Opened),
        // Raised and closed within the period: a quarter's risk the
        // log would otherwise show only as a new file.
        None => Some(RiskChangeKind::Closed),
        Some(w) if !w.is_open() && now.is_open() => Some(RiskChangeKind::Reopened),
        Some(w) if w.is_open() && !now.is_open() => Some(RiskChangeKind::Closed),
        Some(w) if now.is_open() => match (w.exposure(), now.exposure()) {
            (Some(x), Some(y)) if y > x => Some(RiskChangeKind::ExposureRose),
            (Some(x), Some(y)) if y < x => Some(RiskChangeKind::ExposureFell),
            _ => moved.as_ref().map(|_| RiskChangeKind::Updated),
        },
        Some(_) => None,
    };
    // Back in the log is a change of the period however little moved.
    let change = change.or(back.then_some(RiskChangeKind::Updated))?;
    let mut moved = match (back, moved) {
        (true, Some(m)) => format!("back in the log; {m}"),
        (true, None) => "back in the log".to_string(),
        (false, m) => m.unwrap_or_default(),
    };
    // Scored lower with no review recorded in the period: the brief's
    // largest risks lose it with nobody on record saying why, and the row
    // said only "exposure fell" (from a trial; see `lowered_risks`).
    // Reviewed since: on or after the period's start, and later than the
    // review the start showed (as `lowered_risks` judges it).
    let day = |x: &crate::model::Risk| x.reviewed.as_ref().map(|d| d.day);
    let reviewed_since = |w: &crate::model::Risk| {
        day(now).is_some_and(|r| r >= since && day(w).is_none_or(|then| r > then))
    };
    // Either way the row says which: reviewed, the review's day. Closed
    // too: it leaves the largest risks as surely (from a trial).
    let done = match change {
        RiskChangeKind::ExposureFell => Some("lowered"),
        RiskChangeKind::Closed => Some("closed"),
        _ => None,
    };
    if let (Some(done), Some(w)) = (done, was) {
        let said = match now.reviewed.as_ref().filter(|_| reviewed_since(w)) {
            Some(r) => format!("{done} at the review of {}", r.written),
            None => format!("{done} with no review recorded"),
        };
        // "closed" said once: the word the row opens with (after "back in
        // the log"), told in full. Nothing else is touched: a title quoted
        // in the row may hold anything.
        let back = if moved.starts_with("back in the log") {
            "back in the log; "
        } else {
            ""
        };
        let closing = moved
            .strip_prefix(back)
            .and_then(|rest| rest.strip_prefix("closed"))
            .filter(|after| after.is_empty() || after.starts_with("; "));
        moved = match closing {
            Some(after) => format!("{back}{said}{after}"),
            None if moved.is_empty() => said,
            None => format!("{moved}; {said}"),
        };
    }
    Some(RiskChange {
        id: now.meta.id.clone(),
        change,
        from_status: was.map(|w| w.status.clone()),
        to_status: Some(now.status.clone()),
        from_exposure: was.and_then(|w| w.exposure()),
        to_exposure: now.exposure(),
        moved,
        kind: now.kind.as_str().into(),
        title: now.meta.title.clone(),
    })
}

/// A RAID item a period's start did not have but an earlier point logged
/// (its file deleted after a snapshot, then restored) is back in the log,
/// not newly raised: its row is told from the last point that had it, as
/// the log's own page tells it ("raised and closed" hid that it was in
/// the log all along and closed while out of sight).
pub(super) fn raid_returns(diffs: &mut [super::Diff], points: &[Point]) {
    for d in diffs.iter_mut() {
        let Some(start) = points.iter().position(|p| p.name == d.from) else {
            continue;
        };
        let Some(end) = points.iter().find(|p| p.name == d.to) else {
            continue;
        };
        let mut back = Vec::new();
        for x in d.risks.iter_mut().filter(|x| x.from_status.is_none()) {
            let earlier = points[..start]
                .iter()
                .rev()
                .find_map(|p| p.roadmap.risk(&x.id));
            let now = end.roadmap.risk(&x.id);
            if let Some(change) = earlier
                .zip(now)
                .and_then(|(was, now)| change_of(Some(was), now, true, d.from_today))
            {
                *x = change;
                back.push(x.id.clone());
            }
        }
        // Back, not added: the period's list of new items leaves it out.
        if !back.is_empty() {
            d.added.retain(|id| !back.contains(id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn a_risk_widened_from_a_milestone_to_its_initiative_still_covers_it() {
        let initiative = ["crm".to_string()];
        assert!(covers(&initiative, "crm/go-live"));
        assert!(covers(&initiative, "crm"));
        assert!(!covers(&initiative, "erp/go-live"));
        // Narrowed from the initiative to one of its milestones: the rest
        // of it is no longer covered.
        assert!(!covers(&["crm/go-live".to_string()], "crm"));
    }
}
