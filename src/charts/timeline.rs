//! The milestone timeline: swimlanes, a bar per initiative from start to
//! end, milestone markers whose shape and colour tell their state, a quarter
//! grid labelled with fiscal quarters, a today line, and for milestones with
//! a baseline a ghost marker and a slip arrow (solid red when no approved
//! change request covers the slip, dashed grey otherwise). Every bar and
//! marker links to its page. A page with several charts draws them all on
//! one [`Axis`].

use super::{arrow_head, clip, colour, day_number, esc, n, open_arrow_head, open_linked};
use crate::base::date::{iso, Quarter};
use jiff::civil::Date as Day;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerState {
    Done,
    DoneLate,
    Overdue,
    Upcoming,
}

impl MarkerState {
    pub fn key(self) -> &'static str {
        match self {
            MarkerState::Done => "done",
            MarkerState::DoneLate => "done-late",
            MarkerState::Overdue => "overdue",
            MarkerState::Upcoming => "upcoming",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MarkerState::Done => "done on time",
            MarkerState::DoneLate => "done late",
            MarkerState::Overdue => "overdue",
            MarkerState::Upcoming => "upcoming",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Marker {
    pub title: String,
    pub url: String,
    pub due: Day,
    pub state: MarkerState,
    pub gate: bool,
    /// The committed date, when it differs from `due`: drawn as a ghost.
    pub baseline: Option<Day>,
    /// The move from `baseline` needs an approved change request and has
    /// none (`Slip::is_unacknowledged`): drawn stronger than an approved one.
    pub slip_unapproved: bool,
    /// How many days of that move no decision covers, when some of it is
    /// approved: the title says so (it said "+181 days, not approved" of a
    /// move 90 days of which were).
    pub unapproved_days: Option<i64>,
    /// The day it was done, if it is: the title says when (a marker "done
    /// late" said late, not when).
    pub done: Option<Day>,
    /// Days it was done late, as its page counts them: from the date it
    /// stands committed to when a move stands unapproved, not from `due`.
    pub late_days: Option<i64>,
    /// An open milestone's forecast, likely (P50) and cautious (P85): a
    /// whisker from the due date to the cautious one.
    pub forecast: Option<(Day, Day)>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub title: String,
    pub url: String,
    pub start: Day,
    pub end: Day,
    /// A short state shown after the title (e.g. "amber").
    pub note: String,
    pub markers: Vec<Marker>,
}

#[derive(Debug, Clone)]
pub struct Lane {
    pub name: String,
    pub rows: Vec<Row>,
}

const WIDTH: f64 = 1100.0;
const LABEL_W: f64 = 280.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 34.0;
const ROW_H: f64 = 24.0;
const LANE_H: f64 = 26.0;
/// Two legend rows: marker shapes, then baseline and the two slip arrows.
const LEGEND_H: f64 = 54.0;
/// Quarter labels ("2026-Q3", 11 px) need about this much room each.
const QUARTER_LABEL_W: f64 = 56.0;

/// The time axis shared by every timeline chart on a page: the same domain
/// and the same width mapping, so a date (and the today line) has the same
/// x in each chart and charts can be compared by eye down the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Axis {
    /// The first day of the first fiscal quarter shown.
    pub from: Day,
    /// The first day of the quarter after the last one shown.
    pub to: Day,
    pub today: Day,
    pub fiscal_start: u8,
}

impl Axis {
    /// Whole fiscal quarters around every bar, marker and baseline of
    /// `lanes`, and today.
    pub fn of(lanes: &[Lane], today: Day, fiscal_start: u8) -> Axis {
        let days = lanes.iter().flat_map(|l| l.rows.iter()).flat_map(|r| {
            let marks = r.markers.iter().flat_map(|m| {
                // A day done early draws nothing: only a late one widens.
                std::iter::once(m.due)
                    .chain(m.baseline)
                    .chain(m.done.filter(|d| *d > m.due))
                    .chain(m.forecast.map(|f| f.1))
            });
            [r.start, r.end].into_iter().chain(marks)
        });
        let (mut lo, mut hi) = (today, today);
        for d in days {
            lo = lo.min(d);
            hi = hi.max(d);
        }
        let from = Quarter::of(lo, fiscal_start)
            .bounds(fiscal_start)
            .map(|b| b.0)
            .unwrap_or(lo);
        let to = Quarter::of(hi, fiscal_start)
            .next()
            .bounds(fiscal_start)
            .map(|b| b.0)
            .unwrap_or(hi);
        Axis {
            from,
            to,
            today,
            fiscal_start,
        }
    }

    /// The x of a day, in the chart's viewBox.
    pub fn x(&self, d: Day) -> f64 {
        let (d0, d1) = (
            day_number(self.from),
            day_number(self.to).max(day_number(self.from) + 1.0),
        );
        LABEL_W + (day_number(d) - d0) / (d1 - d0) * (WIDTH - LABEL_W - RIGHT)
    }
}

/// The arrow from a baseline at `gx` to the due date at `mx`. An unapproved
/// slip is solid, red and heavier with a filled head; an approved one (or
/// one within tolerance) dashed and grey with an open head, so the two
/// differ in dash and head shape, not only in colour.
fn slip_arrow(gx: f64, mx: f64, y: f64, unapproved: bool) -> String {
    let dir = if mx > gx { 1.0 } else { -1.0 };
    let (x1, x2) = (gx + 5.0 * dir, mx - 6.0 * dir);
    if unapproved {
        format!(
            r#"<line class="slip-arrow" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2"/>{}"#,
            n(x1),
            n(y),
            n(x2),
            n(y),
            colour::RED,
            arrow_head(gx, y, mx - 2.0 * dir, y, 6.0, colour::RED)
        )
    } else {
        format!(
            r#"<line class="slip-arrow" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5" stroke-dasharray="4 3"/>{}"#,
            n(x1),
            n(y),
            n(x2),
            n(y),
            colour::GREY,
            open_arrow_head(gx, y, mx - 2.0 * dir, y, 6.0, colour::GREY)
        )
    }
}

fn approval(unapproved: bool) -> &'static str {
    if unapproved {
        "unapproved"
    } else {
        "approved"
    }
}

/// Draw the marker shape for a state (a gate adds a diamond outline).
fn shape(x: f64, y: f64, state: MarkerState, gate: bool) -> String {
    let r = 5.0;
    let mut s = match state {
        MarkerState::Done => format!(
            r#"<circle cx="{}" cy="{}" r="{}" fill="{}"/>"#,
            n(x),
            n(y),
            n(r),
            colour::GREEN
        ),
        MarkerState::DoneLate => format!(
            r#"<polygon points="{},{} {},{} {},{}" fill="{}"/>"#,
            n(x),
            n(y - r - 1.0),
            n(x + r + 1.0),
            n(y + r),
            n(x - r - 1.0),
            n(y + r),
            colour::AMBER
        ),
        MarkerState::Overdue => {
            format!(
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
                n(x - r),
                n(y - r),
                n(2.0 * r),
                n(2.0 * r),
                colour::RED
            )
        }
        MarkerState::Upcoming => format!(
            r##"<circle cx="{}" cy="{}" r="{}" fill="#ffffff" stroke="{}" stroke-width="2"/>"##,
            n(x),
            n(y),
            n(r - 0.5),
            colour::BLUE
        ),
    };
    if gate {
        let g = r + 4.0;
        let _ = write!(
            s,
            r#"<polygon points="{},{} {},{} {},{} {},{}" fill="none" stroke="{}" stroke-width="1.5"/>"#,
            n(x),
            n(y - g),
            n(x + g),
            n(y),
            n(x),
            n(y + g),
            n(x - g),
            n(y),
            colour::INK
        );
    }
    s
}

/// Render the lanes on an axis of their own (one chart alone on its page).
#[cfg(test)]
pub fn timeline(lanes: &[Lane], today: Day, fiscal_start: u8, title: &str) -> String {
    timeline_on(&Axis::of(lanes, today, fiscal_start), lanes, title)
}

/// Render the lanes on `axis`, which must cover them (see [`Axis::of`]).
pub fn timeline_on(axis: &Axis, lanes: &[Lane], title: &str) -> String {
    let today = axis.today;
    let x = |d: Day| axis.x(d);

    let rows: usize = lanes.iter().map(|l| l.rows.len()).sum();
    let height = TOP + lanes.len() as f64 * LANE_H + rows as f64 * ROW_H + LEGEND_H + 10.0;
    let markers: usize = lanes
        .iter()
        .flat_map(|l| &l.rows)
        .map(|r| r.markers.len())
        .sum();
    let desc = format!(
        "{} in {} with {}, from {} to {}; today is {}.",
        crate::words::count(rows, "initiative", "initiatives"),
        crate::words::count(lanes.len(), "lane", "lanes"),
        crate::words::count(markers, "milestone", "milestones"),
        iso(axis.from),
        iso(axis.to),
        iso(today)
    );
    let mut s = open_linked(WIDTH, height, "timeline", title, &desc);
    let bottom = height - LEGEND_H;

    quarter_grid(&mut s, axis, bottom);
    draw_lanes(&mut s, axis, lanes);
    // Today line.
    let tx = x(today);
    let _ = write!(
        s,
        r#"<line class="today" data-date="{}" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5" stroke-dasharray="4 3"/><text x="{}" y="{}" font-size="11" fill="{}">today</text>"#,
        iso(today),
        n(tx),
        n(TOP - 12.0),
        n(tx),
        n(bottom),
        colour::RED,
        n(tx + 3.0),
        n(TOP - 3.0),
        colour::RED
    );

    legend(&mut s, bottom);
    s.push_str("</svg>");
    s
}

/// A line at the first day of every fiscal quarter, its label just after
/// it; on long spans only every 2nd or 4th is labelled.
fn quarter_grid(s: &mut String, axis: &Axis, bottom: f64) {
    let x = |d: Day| axis.x(d);
    let last = axis
        .to
        .checked_sub(jiff::Span::new().days(1))
        .unwrap_or(axis.to);
    let max_labels = ((WIDTH - LABEL_W - RIGHT) / QUARTER_LABEL_W) as usize;
    for tick in super::quarter_ticks(axis.from, last, axis.fiscal_start, max_labels) {
        let qx = x(tick.day);
        let _ = write!(
            s,
            r#"<line class="grid" data-date="{}" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>"#,
            iso(tick.day),
            n(qx),
            n(TOP - 12.0),
            n(qx),
            n(bottom),
            colour::GRID,
        );
        if let Some(label) = tick.label {
            let _ = write!(
                s,
                r#"<text class="tick-label" x="{}" y="{}" font-size="11" fill="{}">{}</text>"#,
                n(qx + 4.0),
                n(TOP - 16.0),
                colour::MUTED,
                esc(&label)
            );
        }
    }
}

/// Each lane's heading, then a row per initiative: its bar and its
/// milestones.
fn draw_lanes(s: &mut String, axis: &Axis, lanes: &[Lane]) {
    let x = |d: Day| axis.x(d);
    let mut y = TOP;
    for lane in lanes {
        let _ = write!(
            s,
            r##"<rect x="0" y="{}" width="{}" height="{}" fill="#eef2f7"/><text x="6" y="{}" font-size="12" font-weight="bold" fill="{}">{}</text>"##,
            n(y),
            n(WIDTH),
            n(LANE_H - 4.0),
            n(y + 15.0),
            colour::INK,
            esc(&lane.name)
        );
        y += LANE_H;
        for row in &lane.rows {
            let mid = y + ROW_H / 2.0;
            let label = if row.note.is_empty() {
                clip(&row.title, 40)
            } else {
                format!("{} · {}", clip(&row.title, 34), row.note)
            };
            let (bx0, bx1) = (
                x(row.start),
                x(row.end.max(row.start)).max(x(row.start) + 2.0),
            );
            let _ = write!(
                s,
                r#"<a href="{url}"><title>{t}: {} to {}</title><text x="6" y="{}" font-size="12" fill="{}">{}</text><rect class="bar" data-start="{}" data-end="{}" x="{}" y="{}" width="{}" height="10" rx="3" fill="{}"/></a>"#,
                iso(row.start),
                iso(row.end),
                n(mid + 4.0),
                colour::INK,
                esc(&label),
                iso(row.start),
                iso(row.end),
                n(bx0),
                n(mid - 5.0),
                n(bx1 - bx0),
                colour::BAR,
                url = esc(&row.url),
                t = esc(&row.title),
            );
            for m in &row.markers {
                marker(s, m, mid, axis);
            }
            y += ROW_H;
        }
    }
}

/// One milestone on a row whose middle is `mid`: its shape, and a
/// ghost with an arrow when it moved off its baseline.
fn marker(s: &mut String, m: &Marker, mid: f64, axis: &Axis) {
    let x = |d: Day| axis.x(d);
    let mx = x(m.due);
    if let Some(b) = m.baseline.filter(|b| *b != m.due) {
        let gx = x(b);
        let _ = write!(
            s,
            r#"<g class="slip" data-baseline="{}" data-due="{}" data-approval="{}"><circle cx="{}" cy="{}" r="4.5" fill="none" stroke="{}" stroke-dasharray="2 2"/>{}</g>"#,
            iso(b),
            iso(m.due),
            approval(m.slip_unapproved),
            n(gx),
            n(mid),
            colour::GREY,
            slip_arrow(gx, mx, mid - 8.0, m.slip_unapproved)
        );
    }
    if let Some((p50, p85)) = m.forecast.filter(|f| f.1 > m.due) {
        let (x50, x85, y) = (x(p50.max(m.due)), x(p85), mid + 7.0);
        let _ = write!(
            s,
            r#"<g class="forecast" data-p50="{}" data-p85="{}">{}</g>"#,
            iso(p50),
            iso(p85),
            whisker(mx, x50, x85, y)
        );
    }
    let late = m
        .done
        .filter(|d| m.state == MarkerState::DoneLate && *d > m.due);
    if let Some(done) = late {
        let _ = write!(
            s,
            r#"<g class="late" data-due="{}" data-done="{}">{}</g>"#,
            iso(m.due),
            iso(done),
            // A few days late is shorter than the marker is wide: the
            // line still runs forward, its bar past the marker's edge.
            late_tail(mx, x(done).max(mx + 10.0), mid)
        );
    }
    let forecast = m
        .forecast
        .map(|(p50, p85)| format!(", forecast {} likely, {} cautious", iso(p50), iso(p85)))
        .unwrap_or_default();
    let slip = m
        .baseline
        .filter(|b| *b != m.due)
        .map(|b| {
            let days = i64::from((m.due - b).get_days());
            let sign = if days > 0 { "+" } else { "" };
            let approval = match m.unapproved_days {
                Some(part) if m.slip_unapproved && part != days => {
                    format!(", {} of it not approved", crate::words::days(part))
                }
                _ if m.slip_unapproved => ", not approved".to_string(),
                _ => String::new(),
            };
            format!(
                ", baseline {} ({sign}{}{approval})",
                iso(b),
                crate::words::days(days),
            )
        })
        .unwrap_or_default();
    let _ = write!(
        s,
        r#"<a href="{}"><title>{}: {}{}, due {}{}{}{}</title><g class="marker {}" data-date="{}">{}</g></a>"#,
        esc(&m.url),
        esc(&m.title),
        m.state.label(),
        if m.gate { " (gate)" } else { "" },
        iso(m.due),
        m.done
            .map(|d| done_title(m, d, late.is_some()))
            .unwrap_or_default(),
        slip,
        forecast,
        m.state.key(),
        iso(m.due),
        shape(mx, mid, m.state, m.gate)
    );
}

/// When a milestone done was done, and how late: after its due date, or
/// the days its page and the period count when they differ (a move
/// unapproved counts from the date committed, a done date written back
/// from the record; from a trial: "20 days after it" on the timeline,
/// "Done 81 d late" on its page).
fn done_title(m: &Marker, done: Day, after_due: bool) -> String {
    let past_due = i64::from((done - m.due).get_days());
    match m.late_days.filter(|&days| days > 0 && days != past_due) {
        Some(days) => format!(", done {} ({} late)", iso(done), crate::words::days(days)),
        None if after_due => format!(
            ", done {} ({} after it)",
            iso(done),
            crate::words::days(past_due)
        ),
        None => format!(", done {}", iso(done)),
    }
}

/// How late a milestone was done: a solid amber line from its marker at the
/// due date to the day it was done, closed by a bar there. Without it a
/// marker "done late" sat at its due date and said nothing of how late.
fn late_tail(from: f64, done: f64, y: f64) -> String {
    format!(
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2"/><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2"/>"#,
        n(from + 6.0),
        n(y),
        n(done),
        n(y),
        colour::AMBER,
        n(done),
        n(y - 5.0),
        n(done),
        n(y + 5.0),
        colour::AMBER
    )
}

/// A forecast whisker: a line from the due date to the cautious date, a
/// dot at the likely one, a tick at the cautious end.
fn whisker(from: f64, p50: f64, p85: f64, y: f64) -> String {
    format!(
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5"/><circle cx="{}" cy="{}" r="2" fill="{}"/><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5"/>"#,
        n(from),
        n(y),
        n(p85),
        n(y),
        colour::GREY,
        n(p50),
        n(y),
        colour::GREY,
        n(p85),
        n(y - 4.0),
        n(p85),
        n(y + 4.0),
        colour::GREY
    )
}

/// Every shape with its word, then what a ghost, each kind of slip arrow
/// and a forecast whisker mean.
fn legend(s: &mut String, bottom: f64) {
    let ly = bottom + 20.0;
    let mut lx = 10.0;
    for (state, gate, word) in [
        (MarkerState::Done, false, "done on time"),
        (MarkerState::DoneLate, false, "done late"),
        (MarkerState::Overdue, false, "overdue"),
        (MarkerState::Upcoming, false, "upcoming"),
        (MarkerState::Upcoming, true, "gate (go/no-go)"),
    ] {
        let _ = write!(
            s,
            r#"{}<text x="{}" y="{}" font-size="11" fill="{}">{word}</text>"#,
            shape(lx + 6.0, ly - 4.0, state, gate),
            // A gate's diamond reaches 4 px further than the other shapes.
            n(lx + if gate { 20.0 } else { 16.0 }),
            n(ly),
            colour::INK
        );
        lx += 24.0 + word.len() as f64 * 6.5;
    }
    let word = "done late: due to done";
    let _ = write!(
        s,
        r#"<g class="legend-late">{}{}<text x="{}" y="{}" font-size="11" fill="{}">{word}</text></g>"#,
        shape(lx + 6.0, ly - 4.0, MarkerState::DoneLate, false),
        late_tail(lx + 6.0, lx + 40.0, ly - 4.0),
        n(lx + 46.0),
        n(ly),
        colour::INK
    );
    // Second row: what a ghost and each kind of slip arrow mean.
    let ly = ly + 20.0;
    let _ = write!(
        s,
        r#"<circle cx="16" cy="{}" r="4.5" fill="none" stroke="{}" stroke-dasharray="2 2"/><text x="26" y="{}" font-size="11" fill="{}">baseline (date first committed)</text>"#,
        n(ly - 4.0),
        colour::GREY,
        n(ly),
        colour::INK
    );
    let mut lx = 230.0;
    for (unapproved, word) in [
        (true, "slip with no approved change request"),
        (false, "slip approved, or within tolerance"),
    ] {
        let _ = write!(
            s,
            r#"<g class="legend-slip" data-approval="{}">{}<text x="{}" y="{}" font-size="11" fill="{}">{word}</text></g>"#,
            approval(unapproved),
            slip_arrow(lx - 5.0, lx + 34.0, ly - 4.0, unapproved),
            n(lx + 40.0),
            n(ly),
            colour::INK
        );
        lx += 60.0 + word.len() as f64 * 6.5;
    }
    let _ = write!(
        s,
        r#"<g class="legend-forecast">{}<text x="{}" y="{}" font-size="11" fill="{}">forecast: likely • to cautious |</text></g>"#,
        whisker(lx - 5.0, lx + 12.0, lx + 30.0, ly - 4.0),
        n(lx + 36.0),
        n(ly),
        colour::INK
    );
}
