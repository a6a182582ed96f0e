//! A word-sized trend for dashboard tiles: the series, the target as a
//! dashed line, the latest point marked.

use super::{colour, day_number, n, open};
use jiff::civil::Date as Day;
use std::fmt::Write as _;

const W: f64 = 140.0;
const H: f64 = 32.0;
const PAD: f64 = 3.0;

pub fn sparkline(points: &[(Day, f64)], target: Option<f64>, title: &str, desc: &str) -> String {
    let mut s = open(W, H, "sparkline", title, desc);
    if points.is_empty() {
        s.push_str("</svg>");
        return s;
    }
    // Drawn within the bounds the KPI chart keeps: `hi - lo` of values
    // near `f64::MAX` is infinite, and every coordinate would be NaN.
    let near = |v: f64| v.clamp(-super::kpi::FAR, super::kpi::FAR);
    let target = target.map(near);
    let (mut lo, mut hi) = points
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), (_, v)| {
            (lo.min(near(*v)), hi.max(near(*v)))
        });
    if let Some(t) = target {
        lo = lo.min(t);
        hi = hi.max(t);
    }
    if hi - lo < 1e-9 {
        hi += 1.0;
        lo -= 1.0;
    }
    let d0 = day_number(points[0].0);
    let d1 = day_number(points[points.len() - 1].0).max(d0 + 1.0);
    let x = |d: Day| PAD + (day_number(d) - d0) / (d1 - d0) * (W - 2.0 * PAD);
    let y = |v: f64| H - PAD - (v - lo) / (hi - lo) * (H - 2.0 * PAD);
    if let Some(t) = target {
        let _ = write!(
            s,
            r#"<line class="target" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-dasharray="3 2"/>"#,
            n(PAD),
            n(y(t)),
            n(W - PAD),
            n(y(t)),
            colour::GREY
        );
    }
    let pts: Vec<String> = points
        .iter()
        .map(|(d, v)| format!("{},{}", n(x(*d)), n(y(near(*v)))))
        .collect();
    let _ = write!(
        s,
        r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="1.5"/>"#,
        pts.join(" "),
        colour::BLUE
    );
    let (ld, lv) = points[points.len() - 1];
    let _ = write!(
        s,
        r#"<circle cx="{}" cy="{}" r="2.5" fill="{}"/></svg>"#,
        n(x(ld)),
        n(y(near(lv))),
        colour::BLUE
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn values_at_the_ends_of_f64_draw_finite_coordinates() {
        let points = [(date(2026, 1, 1), 1e308), (date(2026, 3, 1), -1.7e308)];
        let svg = sparkline(&points, Some(1e300), "k", "d");
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        assert!(svg.contains("<polyline"), "{svg}");
    }
}
