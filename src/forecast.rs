//! Forecasts from the roadmap's own delivery history: honest dates instead
//! of hoped-for ones.
//!
//! The method, in one place:
//! 1. **History.** Every milestone is a record (work cancelled later was
//!    still delivered, or not, by its team; one left open when its work
//!    was cancelled is none: it will never be done; nor is one left open
//!    of work never committed to, proposed or in the backlog and not
//!    active: its dates are an idea's, not a team's promise): the
//!    date first promised (its baseline: the `baseline:` field, else the
//!    first snapshot that showed it, else its due date), the date it was
//!    done, and how often its due date moved between snapshots. A record
//!    counts for each team of its initiative (a done one for the teams its
//!    work had when a snapshot first showed it done: work moved to another
//!    team since leaves its deliveries with the team that made them), for
//!    its layer and for the whole roadmap.
//! 2. **Figures** of a group: of its done milestones, the share done by the
//!    date first promised, and the median (P50) and 85th percentile (P85)
//!    of their lateness in days (done − first promised, early counting as
//!    0, percentiles by nearest rank); of all its milestones, the share that
//!    moved at least once and the average number of moves. The lateness
//!    the forecasts use also counts the open milestones already past the
//!    date first promised, as at least that late (a Kaplan–Meier estimate,
//!    see `percentile_with_open`): on a synthetic history of 8 quarters
//!    (`examples/history.rs`) it brought the share of milestones done by
//!    their cautious date from 72–79 % to 78–84 %.
//! 3. **Forecast** of an open milestone: its current due date shifted by the
//!    P50 and the P85 lateness of the most specific group with at least
//!    `min_samples` done milestones: the team (of several, the one whose
//!    P85 is latest), else the layer, else the roadmap; none at all below
//!    the threshold everywhere. A milestone already overdue is shifted by
//!    what became of the group's milestones that got as late, when
//!    `min_samples` of them are done, else it starts over from today; it is
//!    never forecast earlier than today. A due date moved since it was
//!    first promised is shifted too, though the lateness counts moves: on
//!    the synthetic history (`examples/history.rs`, seeds 7, 11 and 23)
//!    shifting the date first promised instead took the share of
//!    milestones done by their cautious date from 84.0, 75.9 and 84.6 %
//!    to 82.7, 74.8 and 82.9 %: a milestone moved tends to be late again.
//! 4. **Dependencies.** A milestone cannot be forecast to finish before
//!    what it depends on: the later of its own forecast and its
//!    dependencies' (a milestone's forecast, or its done date; an
//!    initiative's end), taken along the `depends_on` graph. An edge that
//!    closes a cycle is not followed (cycles are findings of their own).
//! 5. **Calibration.** Each snapshot forecasts from the history up to it
//!    (`over`); `calibrate` says how those forecasts held by the working
//!    tree, so users see how far to trust them.

use crate::analysis::is_live;
use crate::base::Sym;
use crate::base::{HashMap, HashSet};
use crate::history::{ForecastDates, ForecastMove, Point};
use crate::model::{Initiative, Milestone, Roadmap};
use jiff::civil::Date as Day;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The delivery history of one group of milestones.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DeliveryHistory {
    /// Milestones of the group, done or not.
    pub milestones: usize,
    /// Done milestones: the sample the lateness figures are taken over.
    pub done: usize,
    /// Done by the date first promised.
    pub kept: usize,
    /// Lateness of the done milestones in days, P50 and P85.
    pub p50_days: Option<i64>,
    pub p85_days: Option<i64>,
    /// Open milestones already past the date first promised.
    pub open_late: usize,
    /// The lateness forecasts use, P50 and P85: the done milestones', with
    /// the open ones already late counted as at least that late (see
    /// `percentile_with_open`). Leaving them out would make a team that
    /// has not finished its late work look punctual.
    pub forecast_p50_days: Option<i64>,
    pub forecast_p85_days: Option<i64>,
    /// Milestones whose due date moved at least once between snapshots.
    pub moved: usize,
    /// Moves of all the group's milestones together.
    pub moves: usize,
    /// kept / done, moved / milestones, moves / milestones.
    pub promise_keeping: Option<f64>,
    pub moved_share: Option<f64>,
    pub average_moves: Option<f64>,
    /// (done date, lateness in days) of every done milestone, by date: what
    /// a chart of lateness over time is drawn from.
    #[serde(skip)]
    pub samples: Vec<(Day, i64)>,
    /// The done milestones' lateness, sorted.
    #[serde(skip)]
    lateness: Vec<i64>,
    /// How far each open milestone already late is past the date first
    /// promised, sorted: lateness known to be at least that.
    #[serde(skip)]
    open_lateness: Vec<i64>,
}

impl DeliveryHistory {
    fn of(records: &[&Record], today: Day) -> DeliveryHistory {
        let mut late: Vec<i64> = records.iter().filter_map(|r| r.lateness()).collect();
        late.sort_unstable();
        let mut open_late: Vec<i64> = records
            .iter()
            .filter(|r| r.done.is_none())
            .map(|r| crate::analysis::days_between(r.promised, today))
            .filter(|&d| d > 0)
            .collect();
        open_late.sort_unstable();
        let (milestones, done) = (records.len(), late.len());
        let kept = late.iter().filter(|&&d| d == 0).count();
        let moved = records.iter().filter(|r| r.moves > 0).count();
        let moves = records.iter().map(|r| r.moves).sum();
        let share = |part: usize, whole: usize| (whole > 0).then(|| part as f64 / whole as f64);
        let mut samples: Vec<(Day, i64)> = records
            .iter()
            .filter_map(|r| Some((r.done?, r.lateness()?)))
            .collect();
        samples.sort_unstable();
        DeliveryHistory {
            milestones,
            done,
            kept,
            p50_days: percentile(&late, 50),
            p85_days: percentile(&late, 85),
            open_late: open_late.len(),
            forecast_p50_days: percentile_with_open(&late, &open_late, 50),
            forecast_p85_days: percentile_with_open(&late, &open_late, 85),
            moved,
            moves,
            promise_keeping: share(kept, done),
            moved_share: share(moved, milestones),
            average_moves: share(moves, milestones),
            samples,
            lateness: late,
            open_lateness: open_late,
        }
    }

    /// The (P50, P85) days this history shifts a due date by. A milestone
    /// already `overdue` days late is shifted by what became of the
    /// group's milestones that got at least that late, when `min` of them
    /// are done; else by what it is already late plus the whole history's
    /// figures, as if it started over today.
    fn shift(&self, overdue: i64, min: usize) -> (i64, i64) {
        let whole = (
            self.forecast_p50_days.unwrap_or(0),
            self.forecast_p85_days.unwrap_or(0),
        );
        if overdue <= 0 {
            return whole;
        }
        let done = &self.lateness[self.lateness.partition_point(|&l| l < overdue)..];
        let open = &self.open_lateness[self.open_lateness.partition_point(|&l| l < overdue)..];
        if done.len() < min {
            return (overdue + whole.0, overdue + whole.1);
        }
        (
            percentile_with_open(done, open, 50).unwrap_or(overdue),
            percentile_with_open(done, open, 85).unwrap_or(overdue),
        )
    }
}

/// The `p`th percentile of sorted values by nearest rank: the smallest
/// value at least `p` % of the values are at or below.
pub fn percentile(sorted: &[i64], p: u32) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (sorted.len() * p as usize).div_ceil(100).max(1);
    Some(sorted[rank - 1])
}

/// The `p`th percentile of lateness from done milestones (`done`, exact)
/// and open ones already late (`open`, lateness at least that), by the
/// Kaplan–Meier estimate: without open ones, the nearest rank of `done`.
/// When the open ones leave it unreached, the nearest rank of all of them
/// as if the open ones were done today: a lower bound.
pub fn percentile_with_open(done: &[i64], open: &[i64], p: u32) -> Option<i64> {
    let mut all: Vec<(i64, bool)> = done
        .iter()
        .map(|&d| (d, true))
        .chain(open.iter().map(|&d| (d, false)))
        .collect();
    if done.is_empty() {
        return None;
    }
    // At a tie, the done ones first: an open one is still at risk then.
    all.sort_unstable_by_key(|&(d, is_done)| (d, !is_done));
    let target = 1.0 - f64::from(p) / 100.0;
    let mut at_risk = all.len() as f64;
    let mut surviving = 1.0f64;
    let mut k = 0;
    while k < all.len() {
        let (value, _) = all[k];
        let mut events = 0.0;
        let mut leaving = 0.0;
        while k < all.len() && all[k].0 == value {
            events += f64::from(u8::from(all[k].1));
            leaving += 1.0;
            k += 1;
        }
        surviving *= 1.0 - events / at_risk;
        at_risk -= leaving;
        if events > 0.0 && surviving <= target + 1e-9 {
            return Some(value);
        }
    }
    // Too much is still open to reach it: at least the percentile of all
    // of them with the open ones done today.
    let mut at_least: Vec<i64> = all.iter().map(|&(d, _)| d).collect();
    at_least.sort_unstable();
    percentile(&at_least, p)
}

/// What a milestone's forecast was taken from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "lowercase")]
pub enum Basis {
    /// Shared: every forecast of a team's work names the same team, in
    /// each version's forecasts.
    Team(Arc<str>),
    Layer(Arc<str>),
    Roadmap,
}

impl Basis {
    /// "team `web`'s history", for messages.
    pub fn describe(&self) -> String {
        match self {
            Basis::Team(t) => format!("team `{t}`'s history"),
            Basis::Layer(l) => format!("the `{l}` layer's history"),
            Basis::Roadmap => "the whole roadmap's history".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    pub due: Day,
    /// The likely and the cautious date.
    pub p50: Day,
    pub p85: Day,
    /// Whose history shifted it, and by how many days (P50, P85).
    pub basis: Basis,
    pub shift_days: (i64, i64),
    /// The dependency that pushed the cautious date later than the
    /// milestone's own history would, if one did.
    pub pushed_by: Option<Sym>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Forecasts {
    /// The sample threshold the forecasts used.
    pub min_samples: usize,
    pub roadmap: DeliveryHistory,
    pub teams: BTreeMap<String, DeliveryHistory>,
    pub layers: BTreeMap<String, DeliveryHistory>,
    /// Every open milestone of live work: its forecast, or none when no
    /// group has enough history.
    pub milestones: BTreeMap<Sym, Option<Forecast>>,
    /// How the forecasts each earlier snapshot made held up by this point
    /// (the working tree's only; empty for an archived version).
    pub calibration: Vec<Calibration>,
}

/// How one snapshot's forecasts held up: of its forecast milestones whose
/// outcome is known now (done since, or still open past the cautious
/// date), how many were done by the cautious date, the likely date and the
/// due date of then.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Calibration {
    pub snapshot: String,
    pub checked: usize,
    pub within_p85: usize,
    pub within_p50: usize,
    pub within_due: usize,
}

impl Calibration {
    /// Every snapshot's counts together.
    pub fn total(all: &[Calibration]) -> Calibration {
        all.iter().fold(
            Calibration {
                snapshot: "all".into(),
                ..Default::default()
            },
            |mut t, c| {
                t.checked += c.checked;
                t.within_p85 += c.within_p85;
                t.within_p50 += c.within_p50;
                t.within_due += c.within_due;
                t
            },
        )
    }
}

/// How the forecasts of each earlier point (by name, oldest first) held up
/// against `now`, `earlier` being the outlooks `over` made for them. Only
/// their names are read of the earlier points: their models may be gone.
/// A milestone counts once its outcome is known: done by now (within a
/// date when done on or before it), or still open now and past the
/// cautious date (a miss of all three). Work cancelled or removed since
/// says nothing either way and is left out.
/// `renames`: every milestone renamed up to `now` (new id, old id, oldest
/// first): one forecast under its old id is checked against it.
pub fn calibrate(
    names: &[&str],
    now: &Point,
    earlier: &[Outlook],
    renames: &[(Sym, Sym)],
) -> Vec<Calibration> {
    let mut live: BTreeMap<&str, (&Milestone, bool)> = now
        .roadmap
        .initiatives
        .iter()
        .flat_map(|i| {
            let counts = i.status != "cancelled";
            i.milestones
                .iter()
                .map(move |m| (m.gid.as_str(), (m, counts)))
        })
        .collect();
    // Newest first, so an id renamed twice reaches the milestone now.
    for (new, old) in renames.iter().rev() {
        if let Some(&found) = live.get(new.as_str()) {
            live.entry(old.as_str()).or_insert(found);
        }
    }
    names
        .iter()
        .zip(earlier)
        .map(|(name, f)| {
            let mut c = Calibration {
                snapshot: name.to_string(),
                ..Default::default()
            };
            let forecasts = f.0.iter().map(|(gid, fc)| (gid.as_str(), fc));
            for (_, fc, &(m, counts)) in side_by_side(forecasts, live.iter().map(|(g, x)| (*g, x)))
            {
                let (Some(fc), true) = (fc, counts) else {
                    continue;
                };
                let done = match &m.done {
                    Some(d) => d.day,
                    None if now.today > fc.p85 => Day::MAX,
                    None => continue,
                };
                c.checked += 1;
                c.within_p85 += usize::from(done <= fc.p85);
                c.within_p50 += usize::from(done <= fc.p50);
                c.within_due += usize::from(done <= fc.due);
            }
            c
        })
        .collect()
}

/// The entries of `a` and `b` with the same key, both in key order, walked
/// side by side: no lookup per key (at 10,000 initiatives, every
/// milestone of every version).
fn side_by_side<'k, A, B>(
    mut a: impl Iterator<Item = (&'k str, A)>,
    b: impl Iterator<Item = (&'k str, B)>,
) -> impl Iterator<Item = (&'k str, A, B)> {
    let mut b = b.peekable();
    std::iter::from_fn(move || loop {
        let (key, x) = a.next()?;
        while b.next_if(|(k, _)| *k < key).is_some() {}
        if let Some((_, y)) = b.next_if(|(k, _)| *k == key) {
            return Some((key, x, y));
        }
    })
}

/// One milestone's record in the history.
struct Record {
    promised: Day,
    done: Option<Day>,
    moves: usize,
}

impl Record {
    fn lateness(&self) -> Option<i64> {
        self.done
            .map(|d| crate::analysis::days_between(self.promised, d).max(0))
    }
}

/// What the roadmaps seen so far (oldest first) say of each milestone
/// they showed: the date first promised and how often the due date moved.
/// Fed one roadmap at a time, or made again from the versions' [`Dues`].
#[derive(Debug, Default, Clone)]
pub struct Tracks<'a> {
    /// By milestone id, borrowed from the roadmaps or the interned ids of
    /// the dues: no string of its own.
    seen: HashMap<&'a str, Track>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Track {
    first: Day,
    last: Day,
    moves: usize,
    /// The teams of its work when a roadmap first showed it done (see
    /// [`teams_of`]): its delivery is their record. Counted for the
    /// initiative's teams now, work moved to another team took its
    /// deliveries into the new team's history and forecasts (from a trial).
    done_by: Option<Sym>,
}

/// An initiative's teams as one interned text, for [`Track::done_by`]:
/// ids have no NUL, so they split apart again.
fn teams_of(i: &Initiative) -> Sym {
    Sym::from(i.teams.join("\0").as_str())
}

/// The teams a delivery counts for: those of [`Track::done_by`], else
/// (none then: teams are often named later) the work's own.
fn delivered_by(done_by: Option<Sym>, i: &Initiative) -> Vec<&str> {
    let then: Vec<&str> = done_by
        .map(|teams| {
            teams
                .as_str()
                .split('\0')
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if then.is_empty() {
        i.teams.iter().map(|t| t.as_str()).collect()
    } else {
        then
    }
}

/// Every version's milestones with their due dates, oldest version first:
/// the tracks as of any version are made again from these when they are
/// needed ([`Dues::tracks`]), instead of being kept for each version.
/// Kept with the snapshots, whose models are let go once the history is
/// made: an archived version's forecasts are made again when it renders.
#[derive(Debug, Default)]
pub struct Dues {
    versions: Vec<Box<[(Sym, Day)]>>,
    /// The milestones each version shows renamed since the one before it
    /// (new id, old id; see [`crate::history::renames`]): a track goes on
    /// under the new id.
    renames: Vec<Box<[(Sym, Sym)]>>,
    /// Each milestone a version showed done: the first such version, and
    /// its work's teams there (see [`Track::done_by`]).
    first_done: HashMap<Sym, (usize, Sym)>,
}

impl Dues {
    pub fn of<'r>(roadmaps: impl IntoIterator<Item = &'r Roadmap>) -> Dues {
        let mut first_done = HashMap::default();
        let roadmaps: Vec<&Roadmap> = roadmaps.into_iter().collect();
        let renames = std::iter::once(Box::default())
            .chain(
                roadmaps
                    .windows(2)
                    .map(|pair| crate::history::renames(pair[0], pair[1]).into_boxed_slice()),
            )
            .take(roadmaps.len())
            .collect();
        let versions = roadmaps
            .into_iter()
            .enumerate()
            .map(|(k, r)| {
                let mut dues = Vec::new();
                for i in &r.initiatives {
                    for m in &i.milestones {
                        let gid = m.gid;
                        dues.push((gid, m.due.day));
                        if m.done.is_some() {
                            first_done.entry(gid).or_insert_with(|| (k, teams_of(i)));
                        }
                    }
                }
                dues.into_boxed_slice()
            })
            .collect();
        Dues {
            versions,
            renames,
            first_done,
        }
    }

    /// The milestones the `k`-th version shows renamed since the one
    /// before it (see `renames`).
    pub fn renames(&self, k: usize) -> &[(Sym, Sym)] {
        self.renames.get(k).map_or(&[], |r| &r[..])
    }

    /// Every milestone renamed up to the `k`-th version, oldest first.
    pub fn renames_through(&self, k: usize) -> Vec<(Sym, Sym)> {
        self.renames.iter().take(k + 1).flatten().copied().collect()
    }

    /// How many versions.
    pub fn len(&self) -> usize {
        self.versions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.versions.is_empty()
    }

    /// The tracks as of the first `n` versions: what seeing each of their
    /// roadmaps in turn gives.
    pub fn tracks(&self, n: usize) -> Tracks<'static> {
        let mut tracks = Tracks::default();
        for (k, version) in self.versions[..n.min(self.versions.len())]
            .iter()
            .enumerate()
        {
            tracks.rename(self.renames(k));
            for &(gid, due) in version.iter() {
                tracks.step(gid.as_str(), due);
            }
        }
        for (gid, &(k, teams)) in &self.first_done {
            if k < n {
                if let Some(track) = tracks.seen.get_mut(gid.as_str()) {
                    track.done_by = Some(teams);
                }
            }
        }
        tracks
    }
}

impl Track {
    fn new(due: Day) -> Track {
        Track {
            first: due,
            last: due,
            moves: 0,
            done_by: None,
        }
    }

    /// `m` of `i` seen: done, and not seen done before, it is the
    /// delivery of `i`'s teams now.
    fn done(&mut self, i: &Initiative, m: &Milestone) {
        if m.done.is_some() && self.done_by.is_none() {
            self.done_by = Some(teams_of(i));
        }
    }

    fn step(&mut self, due: Day) {
        if self.last != due {
            self.moves += 1;
            self.last = due;
        }
    }
}

impl<'a> Tracks<'a> {
    /// The next roadmap of the history.
    pub fn see(&mut self, r: &'a Roadmap) {
        for i in &r.initiatives {
            for m in &i.milestones {
                self.step(m.gid.as_str(), m.due.day).done(i, m);
            }
        }
    }

    /// Each milestone renamed (new id, old id) goes on with its old id's
    /// track: the rename wins over a track the new id had from a milestone
    /// removed before (from a review).
    fn rename(&mut self, renames: &[(Sym, Sym)]) {
        for (new, old) in renames {
            if let Some(track) = self.seen.remove(old.as_str()) {
                self.seen.insert(new.as_str(), track);
            }
        }
    }

    fn step(&mut self, gid: &'a str, due: Day) -> &mut Track {
        // A track is new at its first due date: stepping to it moves
        // nothing.
        let track = self.seen.entry(gid).or_insert(Track::new(due));
        track.step(due);
        track
    }

    /// `r`'s milestones' tracks after the history `before` ends with: what
    /// seeing `r` on top of it gives them, without copying the tracks of
    /// milestones `r` does not have.
    /// `renames`: the milestones `r` shows renamed since the roadmap
    /// `before` ends with (new id, old id).
    fn after(before: &Tracks, r: &'a Roadmap, renames: &[(Sym, Sym)]) -> Tracks<'a> {
        let mut tracks = Tracks::default();
        let old_id = |gid: &str| {
            renames
                .iter()
                .find(|(new, _)| new.as_str() == gid)
                .map(|(_, old)| old.as_str())
        };
        for i in &r.initiatives {
            for m in &i.milestones {
                let (gid, due) = (m.gid.as_str(), m.due.day);
                let before = old_id(gid)
                    .and_then(|old| before.seen.get(old))
                    .or_else(|| before.seen.get(gid))
                    .copied()
                    .unwrap_or(Track::new(due));
                let track = tracks.seen.entry(gid).or_insert(before);
                track.step(due);
                track.done(i, m);
            }
        }
        tracks
    }
}

/// Done milestones whose `done:` is dated before a snapshot that showed
/// them open, by id, with the earliest day the record allows (see
/// `history::Backdated`): a team's history counts them done then, as the
/// delivery metrics do, not on the day written.
/// And milestones written in once done, no promise of them on record
/// (see `history::History::unrecorded_done`): no team's record (a new
/// initiative of ten milestones done on time took a team's lateness to
/// none; from a trial).
#[derive(Debug, Default, Clone)]
pub struct DoneByRecord {
    pub no_earlier: BTreeMap<String, Day>,
    pub unrecorded: std::collections::BTreeSet<Sym>,
}

impl DoneByRecord {
    /// What a team's delivery record takes of a history's completions:
    /// those dated back counted done no earlier than the record allows,
    /// those written in once done not at all.
    pub fn of(judged: &impl crate::history::Judged) -> DoneByRecord {
        DoneByRecord {
            no_earlier: judged.done_no_earlier(),
            unrecorded: judged.unrecorded_done().clone(),
        }
    }
}

fn record(m: &Milestone, tracks: Option<&Tracks>, by_record: &DoneByRecord) -> Record {
    let track = tracks.and_then(|t| t.seen.get(m.gid.as_str()));
    Record {
        promised: m
            .baseline
            .as_ref()
            .map(|b| b.day)
            .or(track.map(|t| t.first))
            .unwrap_or(m.due.day),
        done: m.done.as_ref().map(|d| {
            by_record
                .no_earlier
                .get(m.gid.as_str())
                .map_or(d.day, |&then| then.max(d.day))
        }),
        moves: track.map_or(0, |t| t.moves),
    }
}

/// What the forecasts of each point of a history (oldest first) said, each
/// made from the history up to it and reduced to its [`Outlook`]: what
/// the diff between two snapshots and the calibration compare.
/// `min_samples` gives each point's own threshold, `by_record` what the
/// history up to it says of its completions dated back.
pub fn over(
    points: &[Point],
    min_samples: impl Fn(usize) -> usize + Sync,
    by_record: impl Fn(usize) -> DoneByRecord + Sync,
) -> Vec<Outlook> {
    use rayon::prelude::*;
    // The tracks in one pass over the points, copied for as many points
    // at a time as there are threads to forecast them: a copy kept for
    // every point was a map of every milestone per point, alive together.
    let width = rayon::current_num_threads().max(1);
    let mut tracks = Tracks::default();
    let mut out = Vec::with_capacity(points.len());
    for (c, chunk) in points.chunks(width).enumerate() {
        let as_of: Vec<Tracks> = chunk
            .iter()
            .enumerate()
            .map(|(j, p)| {
                if let Some(before) = (c * width + j).checked_sub(1).map(|k| points[k].roadmap) {
                    tracks.rename(&crate::history::renames(before, p.roadmap));
                }
                tracks.see(p.roadmap);
                tracks.clone()
            })
            .collect();
        out.par_extend(chunk.par_iter().zip(as_of).enumerate().map(|(j, (p, t))| {
            let k = c * width + j;
            forecast(p.roadmap, Some(&t), &by_record(k), p.today, min_samples(k)).outlook()
        }));
    }
    out
}

/// The forecasts `last` makes from its own roadmap on top of the history
/// `before` holds the tracks of: an archived version's (the tracks of the
/// versions before it) and the working tree's (those of every version).
/// `renames`: the milestones `last` shows renamed since the last version
/// of that history (new id, old id; see [`crate::history::renames`]).
pub fn after(
    before: &Tracks,
    last: &Point,
    renames: &[(Sym, Sym)],
    by_record: &DoneByRecord,
    min_samples: usize,
) -> Forecasts {
    let tracks = Tracks::after(before, last.roadmap, renames);
    forecast(
        last.roadmap,
        Some(&tracks),
        by_record,
        last.today,
        min_samples,
    )
}

/// The last point's forecasts from the history of all of them, walking
/// every point: what [`after`] is held to.
#[cfg(test)]
fn latest(points: &[Point], min_samples: usize) -> Forecasts {
    let Some(last) = points.last() else {
        return Forecasts::default();
    };
    let mut tracks = Tracks::default();
    for p in points {
        tracks.see(p.roadmap);
    }
    forecast(
        last.roadmap,
        Some(&tracks),
        &DoneByRecord::default(),
        last.today,
        min_samples,
    )
}

/// What a version's forecasts say of each open milestone: its due date,
/// likely and cautious dates (`None`: no group had enough history), by
/// milestone id in id order. What the periods' forecast moves and the
/// calibration read; an archived version's whole forecasts are made again
/// only when its pages are ([`after`]). At 10,000 initiatives a version's
/// forecasts were 4 MB and its outlook is 0.7 MB.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outlook(Box<[(Sym, Option<ForecastDates>)]>);

impl Forecasts {
    pub fn outlook(&self) -> Outlook {
        Outlook(
            self.milestones
                .iter()
                .map(|(gid, fc)| {
                    let dates = fc.as_ref().map(|f| ForecastDates {
                        due: f.due,
                        p50: f.p50,
                        p85: f.p85,
                    });
                    (*gid, dates)
                })
                .collect(),
        )
    }
}

/// The milestones open at both ends whose cautious (P85) forecast changed
/// from `from` to `to`, the largest slip first; a milestone that gained or
/// lost its forecast (the sample threshold crossed) comes after those.
/// `renames`: the milestones `to` shows renamed since `from` (new id, old
/// id): each one's forecast moved from its old id's (a renamed milestone's
/// cautious date jumped with no row: from a review).
pub fn moves(from: &Outlook, to: &Outlook, renames: &[(Sym, Sym)]) -> Vec<ForecastMove> {
    fn moved(
        gid: &str,
        was: Option<ForecastDates>,
        now: Option<ForecastDates>,
    ) -> Option<ForecastMove> {
        let days = match (&was, &now) {
            // The cautious date is the one plans are held to: a likely
            // date or a due date moving alone is left to the other lists
            // of the diff.
            (Some(a), Some(b)) if a.p85 == b.p85 => return None,
            (Some(a), Some(b)) => Some(crate::analysis::days_between(a.p85, b.p85)),
            (None, None) => return None,
            _ => None,
        };
        Some(ForecastMove {
            gid: gid.into(),
            from: was,
            to: now,
            days,
        })
    }
    let was_all = from.0.iter().map(|(gid, fc)| (gid.as_str(), fc));
    let now_all = to.0.iter().map(|(gid, fc)| (gid.as_str(), fc));
    let mut out: Vec<ForecastMove> = side_by_side(now_all, was_all)
        .filter_map(|(gid, now, was)| moved(gid, *was, *now))
        .collect();
    // Both outlooks are in id order.
    let find = |o: &Outlook, gid: &str| {
        o.0.binary_search_by(|(g, _)| g.as_str().cmp(gid))
            .ok()
            .map(|k| o.0[k].1)
    };
    for (new, old) in renames {
        if find(from, new.as_str()).is_some() {
            continue;
        }
        if let (Some(was), Some(now)) = (find(from, old.as_str()), find(to, new.as_str())) {
            out.extend(moved(new.as_str(), was, now));
        }
    }
    out.sort_by(|a, b| {
        (a.days.is_none(), std::cmp::Reverse(a.days), &a.gid).cmp(&(
            b.days.is_none(),
            std::cmp::Reverse(b.days),
            &b.gid,
        ))
    });
    // Kept for the period's page while the whole working tree renders;
    // collected from a filter, the vector had grown by doubling.
    out.shrink_to_fit();
    out
}

/// Forecast every open milestone of `r` from its delivery history, as the
/// module documentation says.
pub fn forecast(
    r: &Roadmap,
    history: Option<&Tracks>,
    by_record: &DoneByRecord,
    today: Day,
    min_samples: usize,
) -> Forecasts {
    let work: Vec<&Initiative> = r.initiatives.iter().map(|i| &**i).collect();
    // A milestone left open when its work was cancelled will never be
    // done: not a record (counted open and late, it grew later every day
    // and pushed its team's forecasts out; its team's sample read "5 of 11
    // done" with it in the 11).
    // Nor is one of work never committed to (proposed, or backlog serving
    // no outcome): three ideas' milestones left at old dates took a
    // team's cautious lateness from 148 to 274 days (from a team lead's
    // trial). Work on hold stays: a hold is declared at will, and its
    // open milestones are still the team's, undelivered; so does active
    // work serving no outcome yet (the capacity view counts its people on
    // it, and unlinking an outcome must not improve a team's record).
    let uncommitted =
        |i: &Initiative| i.status == "proposed" || (i.is_backlog() && i.status != "active");
    let recorded = |i: &Initiative, m: &Milestone| match m.done {
        Some(_) => !by_record.unrecorded.contains(m.gid.as_str()),
        None => !(i.status == "cancelled" || uncommitted(i)),
    };
    let records: BTreeMap<&str, Record> = work
        .iter()
        .flat_map(|i| i.milestones.iter().filter(|m| recorded(i, m)))
        .map(|m| (m.gid.as_str(), record(m, history, by_record)))
        .collect();
    let mut by_team: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
    let mut by_layer: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
    for i in &work {
        for m in i.milestones.iter().filter(|m| recorded(i, m)) {
            let rec = &records[m.gid.as_str()];
            let done_by = m
                .done
                .as_ref()
                .and(history)
                .and_then(|h| h.seen.get(m.gid.as_str()))
                .and_then(|t| t.done_by);
            for t in delivered_by(done_by, i) {
                by_team.entry(t).or_default().push(rec);
            }
            if let Some(l) = &i.layer {
                by_layer.entry(l).or_default().push(rec);
            }
        }
    }
    let all: Vec<&Record> = records.values().collect();
    let mut f = Forecasts {
        min_samples,
        roadmap: DeliveryHistory::of(&all, today),
        teams: by_team
            .iter()
            .map(|(t, recs)| (t.to_string(), DeliveryHistory::of(recs, today)))
            .collect(),
        layers: by_layer
            .iter()
            .map(|(l, recs)| (l.to_string(), DeliveryHistory::of(recs, today)))
            .collect(),
        milestones: BTreeMap::new(),
        calibration: Vec::new(),
    };
    let enough = |h: &DeliveryHistory| h.done >= min_samples.max(1);
    let names = |groups: &BTreeMap<String, DeliveryHistory>| -> BTreeMap<String, Arc<str>> {
        groups
            .keys()
            .map(|k| (k.clone(), Arc::from(k.as_str())))
            .collect()
    };
    let (team_names, layer_names) = (names(&f.teams), names(&f.layers));
    // The history each live initiative's open milestones are shifted by,
    // by the initiative's position; their own forecasts are made from it
    // as the walk along the dependencies reaches them. Two versions are
    // forecast at once while the snapshots are read: a map of every open
    // milestone's own forecast, one of the dependency graph and the ids
    // as strings were 44 MiB of the heap's peak there, 206.5 MiB at L + 8
    // (197.4 without them).
    let bases: Vec<Option<(&DeliveryHistory, Basis)>> = r
        .initiatives
        .iter()
        .map(|i| {
            if !is_live(i) {
                return None;
            }
            i.teams
                .iter()
                .filter_map(|t| {
                    f.teams
                        .get(t.as_str())
                        .filter(|h| enough(h))
                        .map(|h| (h, t.as_str()))
                })
                .max_by_key(|(h, t)| (h.forecast_p85_days, std::cmp::Reverse(*t)))
                .map(|(h, t)| (h, Basis::Team(Arc::clone(&team_names[t]))))
                .or_else(|| {
                    let l = i.layer.as_ref()?.as_str();
                    let h = f.layers.get(l).filter(|h| enough(h))?;
                    Some((h, Basis::Layer(Arc::clone(&layer_names[l]))))
                })
                .or_else(|| enough(&f.roadmap).then_some((&f.roadmap, Basis::Roadmap)))
        })
        .collect();
    let open_of_live = r
        .initiatives
        .iter()
        .filter(|i| is_live(i))
        .flat_map(|i| i.milestones.iter().filter(|m| m.done.is_none()));
    let mut milestones: Vec<(Sym, Option<Forecast>)> = Vec::with_capacity(open_of_live.count());
    let mut forecast_ids: Vec<Sym> = Vec::new();
    for (i, basis) in r.initiatives.iter().zip(&bases) {
        let open = i.milestones.iter().filter(|m| m.done.is_none());
        match basis {
            Some(_) if is_live(i) => forecast_ids.extend(open.map(|m| m.gid)),
            None if is_live(i) => milestones.extend(open.map(|m| (m.gid, None))),
            _ => {}
        }
    }
    // Then along the dependencies, each item once, in depth-first order
    // from the forecast milestones in id order (where a cycle is cut
    // depends on where the walk starts).
    forecast_ids.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
    forecast_ids.dedup();
    let mut walk = Walk {
        r,
        today,
        own: |i: usize, m: &Milestone| {
            let (h, basis) = bases[i].as_ref()?;
            let overdue = crate::analysis::days_between(m.due.day, today);
            let (p50, p85) = h.shift(overdue, min_samples.max(1));
            let at = |days: i64| {
                let day = m
                    .due
                    .day
                    .checked_add(jiff::Span::new().days(days))
                    .unwrap_or(m.due.day);
                day.max(today)
            };
            Some(Forecast {
                due: m.due.day,
                p50: at(p50),
                p85: at(p85),
                basis: basis.clone(),
                shift_days: (p50, p85),
                pushed_by: None,
            })
        },
        memo: HashMap::default(),
        on_path: HashSet::default(),
        out: &mut milestones,
    };
    for gid in forecast_ids {
        walk.finish(gid);
    }
    f.milestones = milestones.into_iter().collect();
    f
}

/// The walk along the dependencies that finishes the forecasts: each item
/// once, its finish remembered.
struct Walk<'r, 'o, Own> {
    r: &'r Roadmap,
    today: Day,
    /// A milestone's own forecast, from its initiative's history (by the
    /// initiative's position): `None` when it has none.
    own: Own,
    memo: HashMap<Sym, Option<(Day, Day)>>,
    /// The items the walk is inside of, to cut a cycle.
    on_path: HashSet<Sym>,
    /// Forecasts of milestones, written as they are finished.
    out: &'o mut Vec<(Sym, Option<Forecast>)>,
}

impl<Own: Fn(usize, &Milestone) -> Option<Forecast>> Walk<'_, '_, Own> {
    /// What an item waits for, in id order: an initiative its
    /// dependencies and its own milestones (it is finished only when they
    /// are), a milestone its dependencies.
    fn waits_for(&self, id: &str) -> Vec<Sym> {
        let mut deps = Vec::new();
        if let Some(i) = self.r.initiative(id) {
            deps.extend(i.depends_on.iter().copied());
            deps.extend(i.milestones.iter().map(|m| m.gid));
        }
        if let Some(m) = self.r.milestone(id) {
            deps.extend(m.depends_on.iter().copied());
        }
        deps.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
        deps.dedup();
        deps
    }

    /// The (P50, P85) finish of an item, milestone or initiative, after its
    /// dependencies; forecasts of milestones are written to `out` on the
    /// way. `None`: nothing to wait for (done, unknown, or without a
    /// forecast).
    fn finish(&mut self, id: Sym) -> Option<(Day, Day)> {
        if let Some(known) = self.memo.get(&id) {
            return *known;
        }
        if !self.on_path.insert(id) {
            // A cycle: the edge back is not followed.
            return None;
        }
        let mut latest: Option<(Day, Day)> = None;
        let mut pushed_by: Option<Sym> = None;
        for dep in self.waits_for(id.as_str()) {
            let Some((p50, p85)) = self.finish(dep) else {
                continue;
            };
            let (l50, l85) = latest.get_or_insert((p50, p85));
            *l50 = (*l50).max(p50);
            if p85 > *l85 || pushed_by.is_none() {
                *l85 = (*l85).max(p85);
                pushed_by = Some(dep);
            }
        }
        self.on_path.remove(&id);
        let today = self.today;
        let milestone = self.r.milestone_at(id.as_str()).map(|(i, k)| {
            let m = &self.r.initiatives[i].milestones[k];
            (m, m.done.is_none().then(|| (self.own)(i, m)).flatten())
        });
        let result = match milestone {
            Some((_, Some(mut fc))) => {
                if let Some((p50, p85)) = latest {
                    fc.p50 = fc.p50.max(p50);
                    if p85 > fc.p85 {
                        fc.p85 = p85;
                        fc.pushed_by = pushed_by;
                    }
                }
                let dates = Some((fc.p50, fc.p85));
                self.out.push((id, Some(fc)));
                dates
            }
            // A done milestone waits for nothing; an open one without a
            // forecast is taken at its due date.
            Some((m, None)) if m.done.is_some() => None,
            Some((m, None)) => {
                let due = m.due.day.max(today);
                Some(match latest {
                    Some((p50, p85)) => (due.max(p50), due.max(p85)),
                    None => (due, due),
                })
            }
            // An initiative finishes with the last of what it waits for.
            None => latest,
        };
        self.memo.insert(id, result);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Environment};
    use crate::model::build::build;
    use crate::source::SourceFile;
    use std::path::Path;

    fn roadmap(files: &[(&str, &str)]) -> Roadmap {
        let book = "[roadmap]\ntoday = \"2026-11-25\"\n";
        let config = Config::parse(Path::new("/p"), book, &Environment::default()).unwrap();
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(rel, text)| SourceFile::in_content(rel, text))
            .collect();
        let (r, diags) = build(&files, &config);
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        r
    }

    fn day(s: &str) -> Day {
        s.parse().unwrap()
    }

    /// What a version's forecast said of one milestone: its due date, P50
    /// and P85.
    fn one_said(gid: &str, [due, p50, p85]: [&str; 3]) -> Outlook {
        Outlook(Box::new([(
            Sym::new(gid),
            Some(ForecastDates {
                due: day(due),
                p50: day(p50),
                p85: day(p85),
            }),
        )]))
    }

    const TODAY: &str = "2026-11-25";

    /// web: done 0, 10 and 20 days late, two open (one overdue); ops: done
    /// 30 days late, one open; n1 (no team, no layer): open work, one
    /// milestone waiting for ops'.
    fn example() -> Roadmap {
        roadmap(&[
            ("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
            ("teams/web.md", "---\ntitle: Web\ncapacity: 100\n---\n"),
            ("teams/ops.md", "---\ntitle: Ops\ncapacity: 100\n---\n"),
            (
                "initiatives/w1.md",
                "---\ntitle: W\nowner: B\nstatus: active\nlayer: app\nteam: web\noutcomes: [o]\nmilestones:\n  - { id: a, title: A, due: 2026-01-31, done: 2026-01-31 }\n  - { id: b, title: B, due: 2026-02-28, done: 2026-03-10 }\n  - { id: c, title: C, due: 2026-03-31, done: 2026-04-20 }\n  - { id: d, title: D, due: 2026-12-31 }\n  - { id: e, title: E, due: 2026-10-31 }\n---\n",
            ),
            (
                "initiatives/o1.md",
                "---\ntitle: O1\nowner: B\nstatus: active\nlayer: app\nteam: ops\noutcomes: [o]\nmilestones:\n  - { id: f, title: F, due: 2026-05-31, done: 2026-06-30 }\n  - { id: g, title: G, due: 2027-03-31 }\n---\n",
            ),
            (
                "initiatives/n1.md",
                "---\ntitle: N1\nowner: B\nstatus: active\noutcomes: [o]\nmilestones:\n  - { id: h, title: H, due: 2027-06-30 }\n  - { id: k, title: K, due: 2026-12-01, depends_on: [o1/g] }\n  - { id: k2, title: K2, due: 2026-12-05, depends_on: [n1/k] }\n---\n",
            ),
        ])
    }

    /// Each point's whole forecasts, from the history up to it.
    fn every(points: &[Point], min_samples: usize) -> Vec<Forecasts> {
        let dues = Dues::of(points.iter().map(|p| p.roadmap));
        (0..points.len())
            .map(|k| {
                after(
                    &dues.tracks(k),
                    &points[k],
                    dues.renames(k),
                    &DoneByRecord::default(),
                    min_samples,
                )
            })
            .collect()
    }

    fn dates(f: &Forecasts, gid: &str) -> (String, String, Basis, Option<String>) {
        let fc = f.milestones[gid]
            .clone()
            .unwrap_or_else(|| panic!("{gid}: no forecast"));
        (
            fc.p50.to_string(),
            fc.p85.to_string(),
            fc.basis,
            fc.pushed_by.map(|d| d.to_string()),
        )
    }

    #[test]
    fn side_by_side_pairs_only_the_keys_both_have() {
        let a = [("a", 1), ("b", 2), ("d", 4), ("f", 6)];
        let b = [("b", 'b'), ("c", 'c'), ("d", 'd'), ("e", 'e'), ("g", 'g')];
        let both: Vec<(&str, i32, char)> =
            side_by_side(a.iter().copied(), b.iter().copied()).collect();
        assert_eq!(both, vec![("b", 2, 'b'), ("d", 4, 'd')]);
        assert_eq!(
            side_by_side(b.iter().copied(), a.iter().copied()).count(),
            2
        );
        let none: [(&str, char); 0] = [];
        assert_eq!(side_by_side(a.iter().copied(), none.into_iter()).count(), 0);
    }

    /// A milestone left open when its work was cancelled will never be
    /// done: it is no record of its team (counted open and late, it grew
    /// later every day and pushed the team's forecasts out). One done
    /// before the cancellation is. Nor is one of work never committed to.
    #[test]
    fn open_milestones_of_cancelled_work_are_no_record() {
        let with = |status: &str, outcomes: &str| {
            let r = roadmap(&[
                ("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
                ("teams/web.md", "---\ntitle: Web\ncapacity: 100\n---\n"),
                (
                    "initiatives/w1.md",
                    "---\ntitle: W\nowner: B\nstatus: active\nteam: web\noutcomes: [o]\nmilestones:\n  - { id: a, title: A, due: 2026-01-31, done: 2026-02-10 }\n---\n",
                ),
                (
                    "initiatives/x.md",
                    &format!("---\ntitle: X\nowner: B\nstatus: {status}\nteam: web\noutcomes: [{outcomes}]\nmilestones:\n  - {{ id: done, title: D, due: 2026-03-31, done: 2026-03-31 }}\n  - {{ id: open, title: O, due: 2026-04-30 }}\n---\n"),
                ),
            ]);
            let f = forecast(&r, None, &DoneByRecord::default(), day(TODAY), 1);
            let web = &f.teams["web"];
            (
                web.milestones,
                web.done,
                web.open_late,
                web.forecast_p85_days,
            )
        };
        assert_eq!(with("active", "o"), (3, 2, 1, Some(209)));
        assert_eq!(with("cancelled", "o"), (2, 2, 0, Some(10)));
        // Nor work never committed to: an idea, or backlog serving no
        // outcome. Work on hold is still the team's to deliver.
        assert_eq!(with("proposed", "o"), (2, 2, 0, Some(10)));
        assert_eq!(with("planned", ""), (2, 2, 0, Some(10)));
        assert_eq!(with("on-hold", "o"), (3, 2, 1, Some(209)));
        assert_eq!(with("active", ""), (3, 2, 1, Some(209)));
    }

    #[test]
    fn percentiles_are_by_nearest_rank() {
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[7], 85), Some(7));
        assert_eq!(percentile(&[0, 0, 5, 10, 20], 50), Some(5));
        assert_eq!(percentile(&[0, 0, 5, 10, 20], 85), Some(20));
        assert_eq!(percentile(&[0, 10, 20, 30], 50), Some(10));
        assert_eq!(percentile(&[0, 10, 20, 30], 85), Some(30));
    }

    #[test]
    fn each_group_s_delivery_history_is_counted_from_its_milestones() {
        let f = forecast(&example(), None, &DoneByRecord::default(), day(TODAY), 3);
        let web = &f.teams["web"];
        assert_eq!((web.milestones, web.done, web.kept), (5, 3, 1));
        assert_eq!((web.p50_days, web.p85_days), (Some(10), Some(20)));
        // With e, open 25 days past its date: 85 % of web's work is not
        // known to be done before 25 days.
        assert_eq!(web.open_late, 1);
        assert_eq!(
            (web.forecast_p50_days, web.forecast_p85_days),
            (Some(10), Some(25))
        );
        let samples: Vec<(String, i64)> = web
            .samples
            .iter()
            .map(|(d, l)| (d.to_string(), *l))
            .collect();
        assert_eq!(
            samples,
            [
                ("2026-01-31".into(), 0),
                ("2026-03-10".into(), 10),
                ("2026-04-20".into(), 20)
            ]
        );
        assert_eq!(web.promise_keeping, Some(1.0 / 3.0));
        // Without snapshots nothing was seen to move.
        assert_eq!((web.moved_share, web.average_moves), (Some(0.0), Some(0.0)));
        // The layer pools web and ops: done 0, 10, 20, 30 and e at 25 or
        // more. Kaplan–Meier: 4/5 left after 0, 3/5 after 10, 2/5 after
        // 20 (P50), 0 after 30 (P85).
        let app = &f.layers["app"];
        assert_eq!(
            (app.done, app.forecast_p50_days, app.forecast_p85_days),
            (4, Some(20), Some(30))
        );
        assert_eq!((app.p50_days, app.p85_days), (Some(10), Some(30)));
        assert_eq!((f.roadmap.milestones, f.roadmap.done), (10, 4));
    }

    #[test]
    fn a_forecast_falls_back_from_team_to_layer_to_roadmap() {
        let f = forecast(&example(), None, &DoneByRecord::default(), day(TODAY), 3);
        // web has 3 done: its own history, +10 and +25 days.
        assert_eq!(
            dates(&f, "w1/d"),
            (
                "2027-01-10".into(),
                "2027-01-25".into(),
                Basis::Team("web".into()),
                None
            )
        );
        // ops has 1: the layer's, +20 and +30.
        assert_eq!(
            dates(&f, "o1/g"),
            (
                "2027-04-20".into(),
                "2027-04-30".into(),
                Basis::Layer("app".into()),
                None
            )
        );
        // No team, no layer: the roadmap's.
        assert_eq!(
            dates(&f, "n1/h"),
            (
                "2027-07-20".into(),
                "2027-07-30".into(),
                Basis::Roadmap,
                None
            )
        );
        // Done milestones get none.
        assert!(!f.milestones.contains_key("w1/a"));
    }

    #[test]
    fn below_the_sample_threshold_everywhere_there_is_no_forecast() {
        let f = forecast(&example(), None, &DoneByRecord::default(), day(TODAY), 5);
        assert_eq!(f.min_samples, 5);
        assert_eq!(f.milestones.len(), 6);
        assert!(
            f.milestones.values().all(Option::is_none),
            "{:?}",
            f.milestones
        );
        // At 4 the roadmap (and the app layer) qualify, web no longer does.
        let f = forecast(&example(), None, &DoneByRecord::default(), day(TODAY), 4);
        assert_eq!(dates(&f, "w1/d").2, Basis::Layer("app".into()));
    }

    #[test]
    fn an_overdue_milestone_is_forecast_from_what_became_of_work_as_late() {
        let f = forecast(&example(), None, &DoneByRecord::default(), day(TODAY), 3);
        // e, due 10-31, is 25 days late; none of web's done work got that
        // late: it starts over today, +25 +10 and +25 +25 days.
        assert_eq!(dates(&f, "w1/e").0, "2026-12-05");
        assert_eq!(dates(&f, "w1/e").1, "2026-12-20");

        // Done 0, 0, 5, 40, 60 and 90 days late; q is 30 days late now.
        let late = [0, 0, 5, 40, 60, 90];
        let mut ms = String::new();
        for (n, days) in late.iter().enumerate() {
            let due = day("2026-01-31");
            let done = due.checked_add(jiff::Span::new().days(*days)).unwrap();
            ms.push_str(&format!(
                "  - {{ id: d{n}, title: D, due: {due}, done: {done} }}\n"
            ));
        }
        ms.push_str("  - { id: q, title: Q, due: 2026-10-26 }\n");
        let r = roadmap(&[
            ("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
            ("teams/web.md", "---\ntitle: Web\ncapacity: 100\n---\n"),
            (
                "initiatives/w.md",
                &format!("---\ntitle: W\nowner: B\nstatus: active\nteam: web\noutcomes: [o]\nmilestones:\n{ms}---\n"),
            ),
        ]);
        let f = forecast(&r, None, &DoneByRecord::default(), day(TODAY), 3);
        // Of the work that got 30 days late (40, 60, 90, and q itself at
        // 30 or more), half was done by 60 and all by 90.
        let q = f.milestones["w/q"].clone().unwrap();
        assert_eq!(q.shift_days, (60, 90));
        assert_eq!(
            (q.p50.to_string(), q.p85.to_string()),
            ("2026-12-25".into(), "2027-01-24".into())
        );
        // Below the threshold of such work, it starts over today with the
        // whole history: 5/7 left after 0, 4/7 after 5, q leaves at 30,
        // 8/21 after 40 (P50), 4/21 after 60, none after 90 (P85).
        let f = forecast(&r, None, &DoneByRecord::default(), day(TODAY), 4);
        assert_eq!(
            f.milestones["w/q"].clone().unwrap().shift_days,
            (30 + 40, 30 + 90)
        );
    }

    #[test]
    fn open_work_already_late_counts_as_at_least_that_late() {
        // Without open work: the nearest rank.
        assert_eq!(percentile_with_open(&[0, 10, 20, 30], &[], 50), Some(10));
        assert_eq!(percentile_with_open(&[0, 10, 20, 30], &[], 85), Some(30));
        // One open at 15: after 10, 3 of 5 remain at risk and 2 of those
        // finish at 20 and 30.
        assert_eq!(percentile_with_open(&[0, 10, 20, 30], &[15], 50), Some(20));
        // Open work beyond every done one: the estimate never reaches 85 %,
        // so at least the nearest rank with the open work done today.
        assert_eq!(percentile_with_open(&[0, 10], &[40, 50], 85), Some(50));
        assert_eq!(
            percentile_with_open(&[0, 10, 20, 30, 35, 38], &[40, 50, 60], 85),
            Some(50)
        );
        // A tie counts the done one first.
        assert_eq!(percentile_with_open(&[10], &[10], 50), Some(10));
        assert_eq!(percentile_with_open(&[], &[10], 50), None);
    }

    #[test]
    fn a_dependent_finishes_no_earlier_than_what_it_waits_for_along_the_chain() {
        let f = forecast(&example(), None, &DoneByRecord::default(), day(TODAY), 3);
        // k (due 12-01, own +20/+30) waits for o1/g (04-20 / 04-30).
        assert_eq!(
            dates(&f, "n1/k"),
            (
                "2027-04-20".into(),
                "2027-04-30".into(),
                Basis::Roadmap,
                Some("o1/g".into())
            )
        );
        // k2 waits for k, so for g too.
        assert_eq!(
            dates(&f, "n1/k2"),
            (
                "2027-04-20".into(),
                "2027-04-30".into(),
                Basis::Roadmap,
                Some("n1/k".into())
            )
        );
    }

    #[test]
    fn a_cycle_breaks_the_chain_instead_of_looping() {
        let files = [
            ("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
            (
                "initiatives/p.md",
                "---\ntitle: P\nowner: B\nstatus: active\noutcomes: [o]\nmilestones:\n  - { id: d1, title: D, due: 2026-01-31, done: 2026-02-10 }\n  - { id: x, title: X, due: 2027-01-31, depends_on: [q/y] }\n---\n",
            ),
            (
                "initiatives/q.md",
                "---\ntitle: Q\nowner: B\nstatus: active\noutcomes: [o]\nmilestones:\n  - { id: y, title: Y, due: 2027-03-31, depends_on: [p/x] }\n---\n",
            ),
        ];
        let r = roadmap(&files);
        let f = forecast(&r, None, &DoneByRecord::default(), day(TODAY), 1);
        // One done milestone, 10 days late: every open one +10.
        let x = dates(&f, "p/x");
        let y = dates(&f, "q/y");
        // Whichever is reached first sees the other without its cycle edge;
        // both stay finite, and y (the later) pushes x.
        assert_eq!(y.1, "2027-04-10");
        assert_eq!((x.1.as_str(), x.3.as_deref()), ("2027-04-10", Some("q/y")));
    }

    /// Points of 2026-Q2 and the working tree (today), as the history
    /// passes them.
    fn q2_and_now<'r>(q2: &'r Roadmap, now: &'r Roadmap) -> [Point<'r>; 2] {
        [
            Point {
                name: "2026-Q2",
                today: day("2026-06-30"),
                roadmap: q2,
            },
            Point {
                name: "current",
                today: day(TODAY),
                roadmap: now,
            },
        ]
    }

    /// The working tree of [`two_points`]: w's file.
    fn now_text() -> String {
        let start = "---\ntitle: W\nowner: B\nstatus: active\nteam: web\noutcomes: [o]\nmilestones:\n  - { id: a, title: A, due: 2026-01-31, done: 2026-01-31 }\n  - { id: b, title: B, due: 2026-02-28, done: 2026-03-10 }\n";
        format!("{start}  - {{ id: c, title: C, due: 2026-10-31, done: 2026-11-20 }}\n  - {{ id: d, title: D, due: 2026-12-31 }}\n  - {{ id: e, title: E, due: 2027-03-31 }}\n---\n")
    }

    /// web at 2026-Q2: done 0 and 10 days late, c open (due 09-30), e
    /// open. Now: c moved to 10-31 and was done 11-20 (51 days after the
    /// 09-30 first promised), d added.
    fn two_points() -> (Roadmap, Roadmap) {
        let start = "---\ntitle: W\nowner: B\nstatus: active\nteam: web\noutcomes: [o]\nmilestones:\n  - { id: a, title: A, due: 2026-01-31, done: 2026-01-31 }\n  - { id: b, title: B, due: 2026-02-28, done: 2026-03-10 }\n";
        let common = [
            ("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
            ("teams/web.md", "---\ntitle: Web\ncapacity: 100\n---\n"),
        ];
        let q2 = format!("{start}  - {{ id: c, title: C, due: 2026-09-30 }}\n  - {{ id: e, title: E, due: 2027-03-31 }}\n---\n");
        let now = now_text();
        let with = |w: &str| {
            let mut files = common.to_vec();
            files.push(("initiatives/w.md", w));
            roadmap(&files)
        };
        (with(&q2), with(&now))
    }

    #[test]
    fn each_point_forecasts_from_the_history_up_to_it_and_the_moves_compare_them() {
        let (q2, now) = two_points();
        let points = q2_and_now(&q2, &now);
        let all = every(&points, 2);
        // At Q2 web had [0, 10]: P50 0, P85 10.
        assert_eq!(dates(&all[0], "w/c").1, "2026-10-10");
        assert_eq!(dates(&all[0], "w/e").1, "2027-04-10");
        // Now c counts 51 days late against the date Q2 first showed, not
        // its moved due date: [0, 10, 51] gives P50 10, P85 51.
        let web = &all[1].teams["web"];
        assert_eq!(
            (web.p50_days, web.p85_days, web.moved, web.moves),
            (Some(10), Some(51), 1, 1)
        );
        assert_eq!(
            dates(&all[1], "w/e"),
            (
                "2027-04-10".into(),
                "2027-05-21".into(),
                Basis::Team("web".into()),
                None
            )
        );
        // Only e is open at both ends; c is done and d is new.
        let outlooks = over(&points, |_| 2, |_| DoneByRecord::default());
        assert_eq!(outlooks, [all[0].outlook(), all[1].outlook()]);
        let moved = moves(&outlooks[0], &outlooks[1], &[]);
        assert_eq!(moved.len(), 1, "{moved:?}");
        assert_eq!(moved[0].gid, "w/e");
        assert_eq!(moved[0].days, Some(41));
        assert_eq!(
            moved[0].from.as_ref().map(|d| d.p85.to_string()).as_deref(),
            Some("2027-04-10")
        );
        // Same history again: nothing moved.
        assert!(moves(&outlooks[1], &outlooks[1], &[]).is_empty());
    }

    /// Work moved from web to ops after Q2: what web delivered stays web's
    /// record (ops's forecasts read lateness ops never had); what was
    /// done since, and what is open, is ops's.
    #[test]
    fn deliveries_stay_with_the_team_that_made_them() {
        let (q2, _) = two_points();
        let text = now_text().replace("team: web", "team: ops");
        let moved = roadmap(&[
            ("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
            ("teams/web.md", "---\ntitle: Web\ncapacity: 100\n---\n"),
            ("teams/ops.md", "---\ntitle: Ops\ncapacity: 100\n---\n"),
            ("initiatives/w.md", &text),
        ]);
        let points = q2_and_now(&q2, &moved);
        let done = |f: &Forecasts, team: &str| f.teams.get(team).map(|h| h.done);
        // Made again from the dues, as an archived version's are, and
        // walked point by point: the same.
        for f in [&every(&points, 1)[1], &latest(&points, 1)] {
            assert_eq!(done(f, "web"), Some(2), "{:?}", f.teams);
            assert_eq!(done(f, "ops"), Some(1), "{:?}", f.teams);
            assert_eq!(f.teams["ops"].p85_days, Some(51));
        }
        // Done when the work had no team yet: its team now is the one.
        let q2_no_team = roadmap(&[
            ("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
            ("teams/web.md", "---\ntitle: Web\ncapacity: 100\n---\n"),
            ("teams/ops.md", "---\ntitle: Ops\ncapacity: 100\n---\n"),
            (
                "initiatives/w.md",
                &now_text()
                    .replace("team: web\n", "")
                    .replace(", done: 2026-11-20", ""),
            ),
        ]);
        let points = q2_and_now(&q2_no_team, &moved);
        for f in [&every(&points, 1)[1], &latest(&points, 1)] {
            assert_eq!(done(f, "ops"), Some(3), "{:?}", f.teams);
            assert_eq!(done(f, "web"), None, "{:?}", f.teams);
        }
    }

    #[test]
    fn crossing_the_sample_threshold_is_a_move_without_days() {
        let (q2, now) = two_points();
        let points = q2_and_now(&q2, &now);
        // Three done milestones are needed: Q2 had two.
        let all = every(&points, 3);
        assert_eq!(all[0].milestones["w/e"], None);
        let moved = moves(&all[0].outlook(), &all[1].outlook(), &[]);
        assert_eq!(moved.len(), 1);
        assert_eq!((moved[0].from.is_none(), moved[0].days), (true, None));
        assert_eq!(
            moved[0].to.as_ref().map(|d| d.p85.to_string()).as_deref(),
            Some("2027-05-21")
        );
    }

    /// A roadmap of one active initiative `w` of team `web` with
    /// `milestones` (YAML list items).
    fn web_initiative(milestones: &str) -> Roadmap {
        roadmap(&[
            ("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
            ("teams/web.md", "---\ntitle: Web\ncapacity: 100\n---\n"),
            (
                "initiatives/w.md",
                &format!("---\ntitle: W\nowner: B\nstatus: active\nteam: web\noutcomes: [o]\nmilestones:\n{milestones}---\n"),
            ),
        ])
    }

    #[test]
    fn tracks_made_again_from_the_dues_are_those_walking_the_versions_gives() {
        let at = web_initiative;
        let m = |id: &str, due: &str| format!("  - {{ id: {id}, title: T, due: {due} }}\n");
        // `a` moves and moves back, `b` is missing from the second version
        // and back in the third, `c` moves once at the end, `d` is new in the working tree.
        let versions = [
            at(&[
                m("a", "2026-03-31"),
                m("b", "2026-04-30"),
                m("c", "2026-05-31"),
            ]
            .concat()),
            at(&[m("a", "2026-04-30"), m("c", "2026-05-31")].concat()),
            at(&[
                m("a", "2026-03-31"),
                m("b", "2026-06-30"),
                m("c", "2026-05-31"),
            ]
            .concat()),
        ];
        let now = at(&[
            m("a", "2026-03-31"),
            m("b", "2026-06-30"),
            m("c", "2026-07-31"),
            m("d", "2026-08-31"),
        ]
        .concat());
        let points: Vec<Point> = versions
            .iter()
            .chain([&now])
            .map(|r| Point {
                name: "v",
                today: day("2026-01-01"),
                roadmap: r,
            })
            .collect();
        let mut walked = Tracks::default();
        for p in &points {
            walked.see(p.roadmap);
        }
        let mut extended = Dues::of(&versions).tracks(3);
        extended.see(&now);
        assert_eq!(extended.seen.len(), walked.seen.len());
        // The working tree's own on top of them: the same tracks.
        let mine = Tracks::after(&Dues::of(&versions).tracks(3), &now, &[]);
        assert_eq!(mine.seen, walked.seen);
        for gid in ["w/a", "w/b", "w/c", "w/d"] {
            assert_eq!(extended.seen.get(gid), walked.seen.get(gid), "{gid}");
        }
        let moves = |gid: &str| extended.seen[gid].moves;
        assert_eq!(
            (moves("w/a"), moves("w/b"), moves("w/c"), moves("w/d")),
            (2, 1, 1, 0)
        );
        assert_eq!(extended.seen["w/c"].first, day("2026-05-31"));
        // As of the second version, `a` has moved once and `b` not.
        let second = Dues::of(&versions).tracks(2);
        assert_eq!((second.seen["w/a"].moves, second.seen["w/b"].moves), (1, 0));
        // Each point's forecasts from the dues are those walking the
        // points up to it gives, and `over` keeps their outlooks.
        let dues = Dues::of(points.iter().map(|p| p.roadmap));
        let outlooks = over(&points, |_| 2, |_| DoneByRecord::default());
        for k in 0..points.len() {
            let made = after(
                &dues.tracks(k),
                &points[k],
                &[],
                &DoneByRecord::default(),
                2,
            );
            assert_eq!(made, latest(&points[..=k], 2), "point {k}");
            assert_eq!(made.outlook(), outlooks[k], "point {k}");
        }
    }

    /// A milestone renamed (a new id, its title kept) keeps its track: its
    /// first promise and its moves, whether the rename is between two
    /// versions or in the working tree, and a forecast made under its old
    /// id is checked against it (it started a track of its own at its new
    /// date, and a team's record lost the lateness: from a trial).
    #[test]
    fn a_renamed_milestone_keeps_its_track() {
        let at = web_initiative;
        let m = |id: &str, title: &str, due: &str| {
            format!("  - {{ id: {id}, title: {title}, due: {due} }}\n")
        };
        let versions = [
            at(&m("wave-2", "Wave 2", "2026-08-31")),
            at(&m("migration-wave-2", "Wave  2", "2026-10-31")),
        ];
        let track = |t: &Tracks, gid: &str| t.seen.get(gid).copied();
        let dues = Dues::of(&versions);
        assert_eq!(
            dues.renames(1),
            [(Sym::new("w/migration-wave-2"), Sym::new("w/wave-2"))]
        );
        let both = dues.tracks(2);
        let renamed = track(&both, "w/migration-wave-2").unwrap();
        assert_eq!(
            (renamed.first, renamed.last, renamed.moves),
            (day("2026-08-31"), day("2026-10-31"), 1)
        );
        assert_eq!(track(&both, "w/wave-2"), None);
        // Walking the points does the same.
        let points: Vec<Point> = versions
            .iter()
            .map(|r| Point {
                name: "v",
                today: day("2026-06-30"),
                roadmap: r,
            })
            .collect();
        let outlooks = over(&points, |_| 1, |_| DoneByRecord::default());
        for k in 0..2 {
            let made = after(
                &dues.tracks(k),
                &points[k],
                dues.renames(k),
                &DoneByRecord::default(),
                1,
            );
            assert_eq!(made.outlook(), outlooks[k], "point {k}");
        }
        // Renamed in the working tree, after the first version alone.
        let renames = crate::history::renames(&versions[0], &versions[1]);
        let mine = Tracks::after(&dues.tracks(1), &versions[1], &renames);
        assert_eq!(track(&mine, "w/migration-wave-2"), Some(renamed));
        let unaware = Tracks::after(&dues.tracks(1), &versions[1], &[]);
        assert_eq!(
            track(&unaware, "w/migration-wave-2").map(|t| t.first),
            Some(day("2026-10-31"))
        );
        // A forecast made under the old id is checked against the
        // milestone done under the new one.
        let done =
            at(&m("migration-wave-2", "Wave 2", "2026-10-31")
                .replace(" }", ", done: 2026-11-15 }"));
        let now = Point {
            name: "now",
            today: day("2026-12-31"),
            roadmap: &done,
        };
        let said = one_said("w/wave-2", ["2026-08-31", "2026-10-31", "2026-11-30"]);
        let checked = |renames: &[(Sym, Sym)]| {
            calibrate(&["q"], &now, std::slice::from_ref(&said), renames)[0].clone()
        };
        let c = checked(dues.renames(1));
        assert_eq!((c.checked, c.within_p85, c.within_p50), (1, 1, 0));
        assert_eq!(checked(&[]).checked, 0);
        // And its cautious date moved from the old id's to the new one's.
        let later = one_said(
            "w/migration-wave-2",
            ["2026-10-31", "2026-11-30", "2026-12-31"],
        );
        let moved = moves(&said, &later, dues.renames(1));
        assert_eq!(moved.len(), 1);
        assert_eq!(
            (moved[0].gid.as_str(), moved[0].days),
            ("w/migration-wave-2", Some(31))
        );
        assert!(moves(&said, &later, &[]).is_empty());
        // Renamed onto the id of a milestone removed before: the rename
        // wins over that one's stale track.
        let reused = [
            at(&[
                m("wave-2", "Wave 2", "2026-08-31"),
                m("b", "Old", "2026-01-31"),
            ]
            .concat()),
            at(&m("wave-2", "Wave 2", "2026-08-31")),
            at(&m("b", "Wave 2", "2026-10-31")),
        ];
        let dues = Dues::of(&reused);
        assert_eq!(dues.renames(2), [(Sym::new("w/b"), Sym::new("w/wave-2"))]);
        assert_eq!(
            track(&dues.tracks(3), "w/b").map(|t| t.first),
            Some(day("2026-08-31"))
        );
        let renames = crate::history::renames(&reused[1], &reused[2]);
        let mine = Tracks::after(&dues.tracks(2), &reused[2], &renames);
        assert_eq!(
            track(&mine, "w/b").map(|t| t.first),
            Some(day("2026-08-31"))
        );
        // Two of the title are no rename.
        let two = at(&[
            m("a", "Wave 2", "2026-10-31"),
            m("b", "Wave 2", "2026-11-30"),
        ]
        .concat());
        assert!(crate::history::renames(&versions[0], &two).is_empty());
    }

    #[test]
    fn calibration_counts_what_is_known_now_and_leaves_out_cancelled_work() {
        let w = |milestones: &str| {
            format!("---\ntitle: W\nowner: B\nstatus: active\nteam: web\noutcomes: [o]\nmilestones:\n  - {{ id: a, title: A, due: 2026-01-31, done: 2026-01-31 }}\n  - {{ id: b, title: B, due: 2026-02-28, done: 2026-03-10 }}\n{milestones}---\n")
        };
        let x = |status: &str| {
            format!("---\ntitle: X\nowner: B\nstatus: {status}\nteam: web\noutcomes: [o]\nmilestones:\n  - {{ id: g, title: G, due: 2026-07-31 }}\n---\n")
        };
        let at = |w_text: &str, x_status: &str| {
            roadmap(&[
                ("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
                ("teams/web.md", "---\ntitle: Web\ncapacity: 100\n---\n"),
                ("initiatives/w.md", w_text),
                ("initiatives/x.md", &x(x_status)),
            ])
        };
        // At Q2 (P50 +0, P85 +10): c due 09-30, f due 08-31, e due 2027.
        let q2 = at(
            &w("  - { id: c, title: C, due: 2026-09-30 }\n  - { id: f, title: F, due: 2026-08-31 }\n  - { id: e, title: E, due: 2027-03-31 }\n"),
            "active",
        );
        // Now: c done 10-05 (after P50 09-30, before P85 10-10); f still
        // open, past its 09-10 cautious date; e not yet known; g cancelled.
        let now = at(
            &w("  - { id: c, title: C, due: 2026-09-30, done: 2026-10-05 }\n  - { id: f, title: F, due: 2026-08-31 }\n  - { id: e, title: E, due: 2027-03-31 }\n"),
            "cancelled",
        );
        let points = q2_and_now(&q2, &now);
        let all = every(&points, 2);
        assert!(all[0].milestones["x/g"].is_some());
        // The last point's alone are what the whole history's end with,
        // from the points or from the dues of those before it.
        assert_eq!(latest(&points, 2), all[1]);
        assert_ne!(latest(&points[..1], 2), all[1]);
        let dues = Dues::of(points.iter().map(|p| p.roadmap));
        assert_eq!(
            after(
                &dues.tracks(1),
                &points[1],
                &[],
                &DoneByRecord::default(),
                2
            ),
            all[1]
        );
        let c = calibrate(
            &[points[0].name],
            &points[1],
            &over(&points, |_| 2, |_| DoneByRecord::default()),
            &[],
        );
        assert_eq!(
            c,
            [Calibration {
                snapshot: "2026-Q2".into(),
                checked: 2,
                within_p85: 1,
                within_p50: 0,
                within_due: 0,
            }]
        );
        assert_eq!(Calibration::total(&c).within_p85, 1);
    }
}
