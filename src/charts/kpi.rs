//! A KPI trend plot: the series, the target (a line or steps), the baseline,
//! which way is better, and markers on the dates milestones serving the
//! KPI's outcome were delivered.

use super::{day_number, finish_plotters, from_day_number};
use crate::base::date::iso;
use jiff::civil::Date as Day;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

pub struct Trend<'a> {
    pub title: &'a str,
    pub unit: &'a str,
    /// "up" or "down": which way is better.
    pub direction: &'a str,
    pub points: &'a [(Day, f64)],
    /// Stepped target: from each date on, the value.
    pub target_steps: &'a [(Day, f64)],
    pub target: Option<f64>,
    pub baseline: Option<f64>,
    /// (date, milestone title) of deliveries serving the KPI's outcome.
    pub deliveries: &'a [(Day, &'a str)],
    /// The month that opens fiscal Q1, for quarter ticks on long series.
    pub fiscal_start: u8,
    /// What the plot shows otherwise than the figures as written, in
    /// words for its description (a target drawn as a snapshot set it).
    pub note: Option<&'a str>,
    /// The first and the latest figure's dates as written (`2026-Q3`,
    /// not the day it begins), for its description; `None`: by their days.
    pub written: Option<(&'a str, &'a str)>,
}

pub const WIDTH: u32 = 760;
pub const HEIGHT: u32 = 300;
/// About 80 px per label on the plot: "2026-05" never touches its neighbour.
const MAX_X_LABELS: usize = 8;

const BLUE: RGBColor = RGBColor(0x1f, 0x5f, 0xa8);
const GREEN: RGBColor = RGBColor(0x1e, 0x7b, 0x3a);
const GREY: RGBColor = RGBColor(0x6b, 0x72, 0x80);
const PURPLE: RGBColor = RGBColor(0x6d, 0x28, 0xd9);

/// Day numbers mapped as plotters maps any `f64` range, with the ticks
/// given rather than plotters' own, which fall at even day intervals.
/// (Plotters' `with_key_points` would do, but on an `f64` range it loses
/// the label formatter, so `configure_mesh` does not compile.)
struct TimeAxis {
    days: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Ranged for TimeAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.days.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Only bold lines and labels: no light lines between month starts.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.days.range()
    }
}

fn nice(v: f64) -> String {
    super::n(v)
}

/// Any finite value is a KPI value, but plotters' ticks on a range near
/// `f64::MAX` loop for ever (its step turns NaN), and it maps a point far
/// off the axis past `i32`: values are drawn within ±1e15, far beyond any
/// KPI (the description keeps them as written).
pub(super) const FAR: f64 = 1e15;

pub fn trend(t: &Trend) -> String {
    let near = |v: f64| v.clamp(-FAR, FAR);
    let points: Vec<(Day, f64)> = t.points.iter().map(|&(d, v)| (d, near(v))).collect();
    let steps: Vec<(Day, f64)> = t.target_steps.iter().map(|&(d, v)| (d, near(v))).collect();
    let drawn = Trend {
        points: &points,
        target_steps: &steps,
        target: t.target.map(near),
        baseline: t.baseline.map(near),
        ..*t
    };
    plot_trend(&drawn, &describe(t, better(t)))
}

fn better(t: &Trend) -> &'static str {
    if t.direction == "down" {
        "lower is better"
    } else {
        "higher is better"
    }
}

fn plot_trend(t: &Trend, desc: &str) -> String {
    let (x0, x1, ticks) = time_axis(t);
    let (y0, y1) = value_axis(t);
    let better = better(t);

    // Room for half of a label centred on the last tick.
    // Plotters' own key points fall at even day intervals; these
    // are month or quarter starts, so each label sits on its date.
    let drawn = super::plot(
        (WIDTH, HEIGHT),
        26,
        TimeAxis {
            days: (x0..x1).into(),
            ticks: ticks.iter().map(|(x, _)| *x).collect(),
        },
        y0..y1,
        |chart| {
            let x_fmt = |x: &f64| {
                ticks
                    .iter()
                    .find(|(tx, _)| (tx - x).abs() < 0.5)
                    .map(|(_, label)| label.clone())
                    .unwrap_or_default()
            };
            let y_fmt = |y: &f64| nice(*y);
            let _ = chart
                .configure_mesh()
                .y_labels(6)
                .x_label_formatter(&x_fmt)
                .y_label_formatter(&y_fmt)
                .max_light_lines(0)
                .bold_line_style(super::GRID)
                .y_desc(format!("{} ({better})", t.unit))
                .label_style(("sans-serif", 12))
                .axis_desc_style(("sans-serif", 12))
                .draw();

            for (d, _) in t.deliveries {
                let x = day_number(*d);
                let _ = chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x, y0), (x, y1)],
                    PURPLE.mix(0.35).stroke_width(1),
                )));
            }
            if !t.deliveries.is_empty() {
                let _ = chart
                    .draw_series(t.deliveries.iter().map(|(d, _)| {
                        TriangleMarker::new((day_number(*d), y0), 5, PURPLE.filled())
                    }))
                    .map(|s| {
                        s.label("milestone delivered")
                            .legend(|(x, y)| TriangleMarker::new((x + 8, y), 5, PURPLE.filled()))
                    });
            }
            if let Some(b) = t.baseline {
                let _ = chart
                    .draw_series(DashedLineSeries::new(
                        vec![(x0, b), (x1, b)],
                        4,
                        4,
                        GREY.stroke_width(1),
                    ))
                    .map(|s| {
                        s.label("baseline")
                            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], GREY))
                    });
            }
            let mut steps: Vec<(f64, f64)> = Vec::new();
            if !t.target_steps.is_empty() {
                for (i, (d, v)) in t.target_steps.iter().enumerate() {
                    let start = day_number(*d).max(x0);
                    let end = t
                        .target_steps
                        .get(i + 1)
                        .map(|(n, _)| day_number(*n))
                        .unwrap_or(x1);
                    steps.push((start, *v));
                    steps.push((end, *v));
                }
            } else if let Some(v) = t.target {
                steps = vec![(x0, v), (x1, v)];
            }
            if !steps.is_empty() {
                let _ = chart
                    .draw_series(LineSeries::new(steps, GREEN.stroke_width(2)))
                    .map(|s| {
                        s.label("target").legend(|(x, y)| {
                            PathElement::new(vec![(x, y), (x + 16, y)], GREEN.stroke_width(2))
                        })
                    });
            }
            let series: Vec<(f64, f64)> =
                t.points.iter().map(|(d, v)| (day_number(*d), *v)).collect();
            let _ = chart
                .draw_series(LineSeries::new(series.clone(), BLUE.stroke_width(2)))
                .map(|s| {
                    s.label(t.title).legend(|(x, y)| {
                        PathElement::new(vec![(x, y), (x + 16, y)], BLUE.stroke_width(2))
                    })
                });
            let _ = chart.draw_series(series.iter().map(|p| Circle::new(*p, 3, BLUE.filled())));
            super::legend(chart);
        },
    );
    let Some(svg) = drawn else {
        return super::empty(WIDTH, HEIGHT, "kpi", t.title, desc);
    };
    finish_plotters(&svg, "kpi", t.title, desc)
}

/// The time axis: from a month start to a month start around every date
/// the chart shows, with its labelled ticks.
fn time_axis(t: &Trend) -> (f64, f64, Vec<(f64, String)>) {
    let mut days: Vec<Day> = t.points.iter().map(|(d, _)| *d).collect();
    days.extend(t.target_steps.iter().map(|(d, _)| *d));
    days.extend(t.deliveries.iter().map(|(d, _)| *d));
    // The domain runs from a month start to a month start, so at least two
    // ticks fall inside it at their exact dates.
    let (first, last) = match (days.iter().min(), days.iter().max()) {
        (Some(lo), Some(hi)) => {
            // A step that starts on the last date still needs room to be seen.
            let tail = if t.target_steps.is_empty() { 0 } else { 75 };
            let end = hi.checked_add(jiff::Span::new().days(tail)).unwrap_or(*hi);
            let end = if end.day() == 1 {
                end
            } else {
                super::next_month_start(end)
            };
            let start = lo.first_of_month();
            (start, end.max(super::next_month_start(start)))
        }
        _ => (from_day_number(0.0), from_day_number(31.0)),
    };
    let (x0, x1) = (
        day_number(first),
        day_number(last).max(day_number(first) + 1.0),
    );
    let ticks: Vec<(f64, String)> = if days.is_empty() {
        Vec::new()
    } else {
        super::time_ticks(first, last, t.fiscal_start, MAX_X_LABELS)
            .into_iter()
            .filter_map(|tick| Some((day_number(tick.day), tick.label?)))
            .collect()
    };
    (x0, x1, ticks)
}

/// The value axis, padded, with headroom for the legend.
fn value_axis(t: &Trend) -> (f64, f64) {
    let mut values: Vec<f64> = t.points.iter().map(|(_, v)| *v).collect();
    values.extend(t.target_steps.iter().map(|(_, v)| *v));
    values.extend(t.target);
    values.extend(t.baseline);
    let lo = values.iter().copied().fold(f64::MAX, f64::min);
    let hi = values.iter().copied().fold(f64::MIN, f64::max);
    let (lo, hi) = if values.is_empty() {
        (0.0, 1.0)
    } else {
        (lo, hi)
    };
    let pad = ((hi - lo) * 0.12).max(hi.abs() * 0.02).max(0.5);
    // Headroom above the data holds the legend, so it never covers a point.
    (lo - pad, hi + pad + (hi - lo + pad) * 0.45)
}

/// What the chart shows, in words, for its `<desc>`.
fn describe(t: &Trend, better: &str) -> String {
    // Read out as the page prints figures: thousands grouped.
    let nice = |v: f64| crate::words::grouped_number(&nice(v));
    let latest = t.points.last();
    format!(
        "{} from {} to {}; latest {}; target {}; baseline {}; {better}; {} marked.{}",
        crate::words::count(t.points.len(), "data point", "data points"),
        t.written.map_or_else(
            || t.points.first().map(|p| iso(p.0)).unwrap_or_default(),
            |w| w.0.to_string()
        ),
        t.written.map_or_else(
            || latest.map(|p| iso(p.0)).unwrap_or_default(),
            |w| w.1.to_string()
        ),
        latest
            .map(|p| crate::words::with_unit(&nice(p.1), t.unit))
            .unwrap_or_else(|| "none".into()),
        match (t.target, t.target_steps.first(), t.target_steps.last()) {
            (_, Some((_, from)), Some((_, to))) if from != to => {
                format!("stepped from {}, reaching {}", nice(*from), nice(*to))
            }
            // One value throughout (a data file's target column that never
            // changes): no step to speak of.
            (_, _, Some((_, v))) if t.target_steps.iter().all(|(_, x)| x == v) => nice(*v),
            (_, _, Some((_, v))) => format!("stepped, reaching {}", nice(*v)),
            (Some(v), _, None) => nice(v),
            _ => "none".into(),
        },
        t.baseline.map(nice).unwrap_or_else(|| "none".into()),
        crate::words::count(t.deliveries.len(), "delivery", "deliveries"),
        t.note.map(|n| format!(" {n}")).unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Values at the ends of `f64` (read from a data file as written) once
    /// made an infinite axis that plotters walked for ever.
    #[test]
    fn values_at_the_ends_of_f64_draw_a_finite_chart() {
        let points = [(date(2026, 1, 1), 1e308), (date(2026, 3, 1), -1.7e308)];
        let t = Trend {
            title: "k",
            unit: "",
            direction: "up",
            points: &points,
            target_steps: &[],
            target: Some(1e300),
            baseline: Some(-1e308),
            deliveries: &[],
            fiscal_start: 1,
            note: None,
            written: None,
        };
        let svg = trend(&t);
        assert!(svg.contains("<svg"));
        assert!(
            svg.contains("latest -1.7e308; target 1e300; baseline -1e308"),
            "{svg}"
        );
    }
}
