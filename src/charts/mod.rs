//! Charts as SVG text, produced at build time: no JavaScript, no fonts, so
//! they work from `file://`, in print and in the emailed brief. Plotters
//! draws the plots with axes (KPI trends, capacity, delivery metrics);
//! charts that need a link on every mark or a layout plotters has no
//! primitive for (the timeline, the dependency graph, maturity bars,
//! sparklines) are written with the same conventions by hand. Every chart
//! has `role="img"`, a `<title>` and a `<desc>`; pages put the same numbers
//! in a data table beside it. Same data, same bytes.

pub mod budget;
pub mod capacity;
pub mod delivery;
pub mod graph;
pub mod heatmap;
pub mod kpi;
pub mod maturity;
pub mod sparkline;
pub mod timeline;

use crate::base::date::Quarter;
use jiff::civil::Date as Day;
use std::fmt::Write as _;

/// Colours chosen for contrast on white; state is also told by shape or text.
pub mod colour {
    pub const INK: &str = "#1c2430";
    pub const MUTED: &str = "#5a6472";
    pub const GRID: &str = "#d9dee5";
    pub const GREEN: &str = "#1e7b3a";
    pub const AMBER: &str = "#8a5a00";
    pub const RED: &str = "#a8231f";
    pub const BLUE: &str = "#1f5fa8";
    pub const GREY: &str = "#6b7280";
    pub const BAR: &str = "#c9d8ea";
}

/// XML-escape text for element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            // Not characters XML allows: one made the Atom feed unreadable.
            '\u{FFFE}' | '\u{FFFF}' => {}
            // An embedding or override turns the text after it around on
            // a page, as pages show it (see `diag::bidi_override`): the
            // timeline's label read "der" for red (from a trial).
            '\u{202A}'..='\u{202E}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Coordinates and figures in the SVG: one decimal, stable bytes.
pub use crate::words::one_decimal as n;

/// Days since 1970-01-01, the x unit of every time axis.
pub fn day_number(d: Day) -> f64 {
    (d - jiff::civil::date(1970, 1, 1)).get_days() as f64
}

pub fn from_day_number(x: f64) -> Day {
    jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(x.round() as i64))
        .unwrap_or(jiff::civil::date(1970, 1, 1))
}

/// The first day of the month after `d`'s (the last day of 9999-12 when
/// there is none, so a hostile date cannot panic a chart).
pub fn next_month_start(d: Day) -> Day {
    d.first_of_month()
        .checked_add(jiff::Span::new().months(1))
        .unwrap_or_else(|_| d.last_of_month())
}

/// A labelled tick of a time axis. It always sits on the first day of the
/// month or fiscal quarter its label names: a tick a few days off, labelled
/// with a month, puts June's spike in May for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeTick {
    pub day: Day,
    /// None for a quarter whose label was left out so labels do not crowd
    /// (its grid line is still drawn).
    pub label: Option<String>,
}

/// Month starts within `lo..=hi`, labelled like the dates users write
/// (`2026-05`); fiscal quarter starts (`2026-Q1`) when more than `max`
/// months would crowd the axis.
pub fn time_ticks(lo: Day, hi: Day, fiscal_start: u8, max: usize) -> Vec<TimeTick> {
    let mut months = Vec::new();
    let mut m = lo.first_of_month();
    if m < lo {
        m = next_month_start(m);
    }
    while m <= hi && months.len() <= max {
        months.push(m);
        let next = next_month_start(m);
        if next <= m {
            break;
        }
        m = next;
    }
    if months.len() <= max {
        return months
            .into_iter()
            .map(|d| TimeTick {
                day: d,
                label: Some(format!("{:04}-{:02}", d.year(), d.month())),
            })
            .collect();
    }
    quarter_ticks(lo, hi, fiscal_start, max)
}

/// Fiscal quarter starts within `lo..=hi`, every one of them, with at most
/// about `max` labelled: every 2nd, every 4th (fiscal year starts) or whole
/// multiples of years, so the labelled quarters keep the same number.
pub fn quarter_ticks(lo: Day, hi: Day, fiscal_start: u8, max: usize) -> Vec<TimeTick> {
    let mut starts: Vec<(Quarter, Day)> = Vec::new();
    let mut q = Quarter::of(lo, fiscal_start);
    while let Some((start, _)) = q.bounds(fiscal_start) {
        if start > hi {
            break;
        }
        if start >= lo {
            starts.push((q, start));
        }
        q = q.next();
    }
    let max = max.max(1);
    let stride = match starts.len() {
        n if n <= max => 1,
        n if n <= 2 * max => 2,
        n => 4 * n.div_ceil(4 * max),
    } as i64;
    starts
        .into_iter()
        .map(|(q, day)| {
            let index = i64::from(q.year) * 4 + i64::from(q.q) - 1;
            TimeTick {
                day,
                label: (index.rem_euclid(stride) == 0).then(|| q.to_string()),
            }
        })
        .collect()
}

/// Shorten a label to `max` characters, with an ellipsis.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The opening of a hand-written chart, with its accessible name.
pub fn open(width: f64, height: f64, class: &str, title: &str, desc: &str) -> String {
    open_with_role(width, height, class, title, desc, "img")
}

/// A chart whose marks are links: `role="img"` would hide them from
/// assistive technology (an image has no interactive children), so it is a
/// labelled group whose links each carry their own title.
pub fn open_linked(width: f64, height: f64, class: &str, title: &str, desc: &str) -> String {
    open_with_role(width, height, class, title, desc, "group")
}

fn open_with_role(
    width: f64,
    height: f64,
    class: &str,
    title: &str,
    desc: &str,
    role: &str,
) -> String {
    let mut s = String::new();
    let label = if role == "img" {
        String::new()
    } else {
        format!(r#" aria-label="{}""#, esc(title))
    };
    let _ = write!(
        s,
        r#"<svg class="chart {class}" viewBox="0 0 {} {}" role="{role}"{label} xmlns="http://www.w3.org/2000/svg"><title>{}</title><desc>{}</desc>"#,
        n(width),
        n(height),
        esc(title),
        esc(desc)
    );
    s
}

/// An accessible chart with nothing drawn: what a plot falls back to when
/// plotters cannot lay out its axes.
pub fn empty(width: u32, height: u32, class: &str, title: &str, desc: &str) -> String {
    format!(
        "{}</svg>",
        open(f64::from(width), f64::from(height), class, title, desc)
    )
}

/// Make plotters' output accessible and responsive: its fixed size becomes
/// a viewBox, and a title and description come first.
pub fn finish_plotters(svg: &str, class: &str, title: &str, desc: &str) -> String {
    let Some(end) = svg.find('>') else {
        return svg.to_string();
    };
    let head = &svg[..end];
    let view = head
        .split("viewBox=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("0 0 600 300")
        .to_string();
    let mut out = format!(
        r#"<svg class="chart {class}" viewBox="{view}" role="img" xmlns="http://www.w3.org/2000/svg"><title>{}</title><desc>{}</desc>"#,
        esc(title),
        esc(desc)
    );
    out.push_str(svg[end + 1..].trim_start_matches('\n'));
    out
}

/// The frame every plotters chart shares: a white canvas of `size`, the
/// same margins (`margin_right` widens the right one for a label centred on
/// the last tick) and label areas, on axes `x` and `y`. `draw` adds the
/// mesh and the series; the SVG text comes back, or `None` when plotters
/// cannot lay the axes out (the caller draws its empty chart).
pub fn plot<X, Y>(
    size: (u32, u32),
    margin_right: u32,
    x: X,
    y: Y,
    draw: impl FnOnce(&mut Chart<'_, X::CoordDescType, Y::CoordDescType>),
) -> Option<String>
where
    X: plotters::coord::ranged1d::AsRangedCoord,
    Y: plotters::coord::ranged1d::AsRangedCoord,
{
    use plotters::prelude::*;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let _ = root.fill(&WHITE);
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_right(margin_right)
            .x_label_area_size(28)
            .y_label_area_size(52)
            .build_cartesian_2d(x, y)
            .ok()?;
        draw(&mut chart);
        let _ = root.present();
    }
    Some(svg)
}

/// The key of a plotters chart's series: upper right, on a veil of white
/// so it stays readable over the data.
pub fn legend<X, Y>(chart: &mut Chart<'_, X, Y>)
where
    X: plotters::coord::ranged1d::Ranged,
    Y: plotters::coord::ranged1d::Ranged,
{
    use plotters::prelude::*;
    let _ = chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(0xd9, 0xde, 0xe5))
        .label_font(("sans-serif", 11))
        .draw();
}

/// A plotters chart on the SVG backend, as [`plot`] hands it to its caller.
pub type Chart<'a, X, Y> = plotters::chart::ChartContext<
    'a,
    plotters::backend::SVGBackend<'a>,
    plotters::coord::cartesian::Cartesian2d<X, Y>,
>;

/// The light grid lines of every plotters chart's mesh.
pub const GRID: plotters::style::RGBColor = plotters::style::RGBColor(0xe5, 0xe9, 0xef);

/// Axis labels for categories drawn at x = i + 0.5 (quarters under bars):
/// the label at each bar's centre, nothing at the other ticks.
pub fn category_label(labels: &[String]) -> impl Fn(&f64) -> String + '_ {
    move |x: &f64| {
        let i = (*x - 0.5).round();
        if (x - 0.5 - i).abs() < 1e-6 && i >= 0.0 {
            labels.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }
}

/// A small filled triangle pointing from (x1, y1) towards (x2, y2), drawn
/// as a polygon so no `<marker>` id can clash between charts on a page.
pub fn arrow_head(x1: f64, y1: f64, x2: f64, y2: f64, size: f64, fill: &str) -> String {
    let [tip, left, right] = head_points(x1, y1, x2, y2, size);
    format!(
        r#"<polygon points="{} {} {}" fill="{fill}"/>"#,
        tip, left, right
    )
}

/// The tip and the two back corners (`x,y` each) of an arrow head of
/// `size` at (x2, y2), pointing away from (x1, y1).
fn head_points(x1: f64, y1: f64, x2: f64, y2: f64, size: f64) -> [String; 3] {
    let (dx, dy) = (x2 - x1, y2 - y1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    let (bx, by) = (x2 - ux * size, y2 - uy * size);
    let (px, py) = (-uy * size * 0.5, ux * size * 0.5);
    let at = |x: f64, y: f64| format!("{},{}", n(x), n(y));
    [at(x2, y2), at(bx + px, by + py), at(bx - px, by - py)]
}

/// An open chevron pointing from (x1, y1) towards (x2, y2): the arrow head
/// of a slip that was approved, told apart from the filled one of an
/// unapproved slip by shape as well as colour.
pub fn open_arrow_head(x1: f64, y1: f64, x2: f64, y2: f64, size: f64, stroke: &str) -> String {
    let [tip, left, right] = head_points(x1, y1, x2, y2, size);
    format!(
        r#"<polyline points="{left} {tip} {right}" fill="none" stroke="{stroke}" stroke-width="1.5"/>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_escaping_are_stable() {
        assert_eq!(n(12.04), "12");
        assert_eq!(n(12.06), "12.1");
        assert_eq!(n(-0.01), "0");
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        // XML has no U+FFFE or U+FFFF, nor control characters but tab and
        // newline: a feed with one could not be read.
        assert_eq!(esc("A\u{FFFE}B\u{FFFF}C\u{1}D\tE"), "ABCD\tE");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(
            from_day_number(day_number(jiff::civil::date(2026, 6, 30))),
            jiff::civil::date(2026, 6, 30)
        );
    }

    #[test]
    fn ticks_fall_on_month_or_fiscal_quarter_starts() {
        use jiff::civil::date;
        let t = time_ticks(date(2026, 1, 10), date(2026, 4, 1), 1, 8);
        let got: Vec<(Day, Option<&str>)> = t.iter().map(|t| (t.day, t.label.as_deref())).collect();
        assert_eq!(
            got,
            vec![
                (date(2026, 2, 1), Some("2026-02")),
                (date(2026, 3, 1), Some("2026-03")),
                (date(2026, 4, 1), Some("2026-04")),
            ]
        );
        // Two years of months would crowd: April fiscal quarters instead.
        let t = time_ticks(date(2026, 1, 1), date(2027, 12, 31), 4, 8);
        assert_eq!(t[0].day, date(2026, 1, 1));
        assert_eq!(t[0].label.as_deref(), Some("2025-Q4"));
        assert_eq!(t[1].day, date(2026, 4, 1));
        assert_eq!(t[1].label.as_deref(), Some("2026-Q1"));
        // Ten years: some quarters unlabelled, at most about 8 labels, the
        // labelled ones all fiscal Q1.
        let t = quarter_ticks(date(2020, 1, 1), date(2029, 12, 31), 1, 8);
        assert_eq!(t.len(), 40);
        let labelled: Vec<&str> = t.iter().filter_map(|t| t.label.as_deref()).collect();
        assert!(labelled.len() <= 8 && labelled.len() >= 4, "{labelled:?}");
        assert!(labelled.iter().all(|l| l.ends_with("-Q1")), "{labelled:?}");
    }

    #[test]
    fn plotters_output_gets_a_title_and_a_viewbox() {
        let svg = "<svg width=\"400\" height=\"200\" viewBox=\"0 0 400 200\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect/></svg>";
        let out = finish_plotters(svg, "kpi", "T <1>", "D");
        assert!(out.starts_with("<svg class=\"chart kpi\" viewBox=\"0 0 400 200\" role=\"img\""));
        assert!(out.contains("<title>T &lt;1&gt;</title><desc>D</desc><rect/>"));
    }
}

#[cfg(test)]
mod positions;
