//! An initiative's money over time: the budget's planned cumulative spend,
//! what was actually spent, and what the milestones done are worth (the
//! budget times the share of milestones done), the three lines of earned
//! value that tell spend from progress.

use super::{colour, day_number, esc, n, open, time_ticks};
use jiff::civil::Date as Day;
use std::fmt::Write as _;

/// One line of the chart: cumulative amounts at days, in order.
pub struct Series {
    pub label: &'static str,
    /// `planned`, `actual` or `earned`: the class of its marks.
    pub key: &'static str,
    pub colour: &'static str,
    pub dashed: bool,
    /// Drawn as steps: the value holds until the next point.
    pub step: bool,
    pub points: Vec<(Day, f64)>,
}

/// A round step for about four grid lines up to `max`: 1, 2, 2.5 or 5
/// times a power of ten.
fn nice_step(max: f64) -> f64 {
    let raw = (max / 4.0).max(1.0);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
}

const W: f64 = 760.0;
const H: f64 = 300.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 64.0;

pub fn burn(series: &[Series], today: Day, fiscal_start: u8, currency: &str, desc: &str) -> String {
    let days = series.iter().flat_map(|s| s.points.iter().map(|(d, _)| *d));
    let (Some(lo), Some(hi)) = (days.clone().chain([today]).min(), days.chain([today]).max())
    else {
        return String::new();
    };
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().map(|(_, v)| *v))
        .fold(0.0_f64, f64::max);
    // Amounts are bounded when read; a sum beyond any axis draws nothing
    // rather than a grid without end.
    if !max.is_finite() || max > 1e15 {
        return String::new();
    }
    let step = nice_step(max);
    let top = (max / step).ceil().max(1.0) * step;
    let (x0, x1) = (day_number(lo), day_number(hi).max(day_number(lo) + 1.0));
    let x = |d: Day| LEFT + (day_number(d) - x0) / (x1 - x0) * (W - LEFT - RIGHT);
    let y = |v: f64| TOP + (1.0 - v / top) * (H - TOP - BOTTOM);
    let mut s = open(
        W,
        H,
        "budget",
        &format!("Budget and spend ({currency})"),
        desc,
    );
    let mut v = 0.0;
    while v <= top + step / 2.0 {
        let _ = write!(
            s,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/><text x="{}" y="{}" font-size="11" text-anchor="end" fill="{}">{}</text>"#,
            n(LEFT),
            n(y(v)),
            n(W - RIGHT),
            n(y(v)),
            colour::GRID,
            n(LEFT - 6.0),
            n(y(v) + 4.0),
            colour::MUTED,
            esc(&crate::words::money_short(v))
        );
        v += step;
    }
    for tick in time_ticks(lo, hi, fiscal_start, 8) {
        let tx = x(tick.day);
        let _ = write!(
            s,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>"#,
            n(tx),
            n(H - BOTTOM),
            n(tx),
            n(H - BOTTOM + 5.0),
            colour::MUTED
        );
        if let Some(label) = tick.label {
            let _ = write!(
                s,
                r#"<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>"#,
                n(tx),
                n(H - BOTTOM + 18.0),
                colour::MUTED,
                esc(&label)
            );
        }
    }
    let tx = x(today);
    let _ = write!(
        s,
        r#"<line class="today" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-dasharray="2 3"/><text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">today</text>"#,
        n(tx),
        n(TOP),
        n(tx),
        n(H - BOTTOM),
        colour::INK,
        n(tx),
        n(TOP - 4.0),
        colour::INK
    );
    for line in series {
        if line.points.is_empty() {
            continue;
        }
        let mut path: Vec<String> = Vec::new();
        for (k, (d, v)) in line.points.iter().enumerate() {
            if line.step && k > 0 {
                path.push(format!("{},{}", n(x(*d)), n(y(line.points[k - 1].1))));
            }
            path.push(format!("{},{}", n(x(*d)), n(y(*v))));
        }
        let _ = write!(
            s,
            r#"<polyline class="line {}" points="{}" fill="none" stroke="{}" stroke-width="2"{}/>"#,
            line.key,
            path.join(" "),
            line.colour,
            if line.dashed {
                r#" stroke-dasharray="6 4""#
            } else {
                ""
            }
        );
        for (d, v) in &line.points {
            let _ = write!(
                s,
                r#"<circle class="point {}" data-day="{}" data-value="{}" cx="{}" cy="{}" r="3" fill="{}"><title>{}: {} on {}</title></circle>"#,
                line.key,
                crate::base::date::iso(*d),
                n(*v),
                n(x(*d)),
                n(y(*v)),
                line.colour,
                line.label,
                esc(&crate::words::money(*v, currency)),
                crate::base::date::iso(*d)
            );
        }
    }
    let ly = H - 14.0;
    let mut lx = LEFT;
    for line in series {
        let _ = write!(
            s,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2"{}/><text x="{}" y="{}" font-size="11" fill="{}">{}</text>"#,
            n(lx),
            n(ly - 4.0),
            n(lx + 22.0),
            n(ly - 4.0),
            line.colour,
            if line.dashed {
                r#" stroke-dasharray="6 4""#
            } else {
                ""
            },
            n(lx + 28.0),
            n(ly),
            colour::INK,
            esc(line.label)
        );
        lx += 210.0;
    }
    s.push_str("</svg>");
    s
}
