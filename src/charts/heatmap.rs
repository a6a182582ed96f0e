//! The RAID log's probability × impact grid: a cell per pair of scores,
//! tinted by exposure, holding the number of open items scored there and
//! linking to the list of them.

use super::{colour, esc, n, open_linked};
use std::fmt::Write as _;

/// An occupied cell: its scores, its exposure level (`low`, `medium`,
/// `high`), its items' titles and where the list of them is.
pub struct HeatCell {
    pub probability: u8,
    pub impact: u8,
    pub level: &'static str,
    pub titles: Vec<String>,
    pub url: String,
}

const CELL_W: f64 = 88.0;
const CELL_H: f64 = 56.0;
const LEFT: f64 = 110.0;
const TOP: f64 = 14.0;
const WORDS: [&str; 5] = ["1", "2", "3", "4", "5"];

/// Light tints of the health colours: the count on them keeps its contrast.
fn tint(level: &str) -> &'static str {
    match level {
        "high" => "#f6d5d3",
        "medium" => "#fbeccf",
        _ => "#e3f1e6",
    }
}

/// The grid; `level_of(p, i)` gives each cell's exposure level, occupied
/// or not, so the bands show where they are before anything lands there.
pub fn heatmap(cells: &[HeatCell], level_of: impl Fn(u8, u8) -> &'static str) -> String {
    let w = LEFT + 5.0 * CELL_W + 20.0;
    let h = TOP + 5.0 * CELL_H + 62.0;
    let total: usize = cells.iter().map(|c| c.titles.len()).sum();
    let desc = format!(
        "{} on a grid of probability (rows, 5 at the top) by impact (columns, 5 on the right); each cell shows how many are scored there and links to them.",
        crate::words::count(total, "open item", "open items")
    );
    let mut s = open_linked(
        w,
        h,
        "heatmap",
        "Probability × impact of the open RAID items",
        &desc,
    );
    for p in 1..=5u8 {
        let y = TOP + f64::from(5 - p) * CELL_H;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" font-size="12" text-anchor="end" fill="{}">{}</text>"#,
            n(LEFT - 8.0),
            n(y + CELL_H / 2.0 + 4.0),
            colour::INK,
            WORDS[usize::from(p - 1)]
        );
        for i in 1..=5u8 {
            let x = LEFT + f64::from(i - 1) * CELL_W;
            let level = level_of(p, i);
            let _ = write!(
                s,
                r#"<rect class="cell {level}" data-probability="{p}" data-impact="{i}" x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="white" stroke-width="2"/>"#,
                n(x),
                n(y),
                n(CELL_W),
                n(CELL_H),
                tint(level)
            );
        }
    }
    for c in cells {
        let x = LEFT + f64::from(c.impact - 1) * CELL_W;
        let y = TOP + f64::from(5 - c.probability) * CELL_H;
        let _ = write!(
            s,
            r#"<a href="{}" class="cell-link" data-probability="{}" data-impact="{}" data-count="{}"><title>Probability {} × impact {} ({} exposure): {}</title><rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{}" stroke-width="1"/><text x="{}" y="{}" font-size="20" font-weight="700" text-anchor="middle" fill="{}">{}</text></a>"#,
            esc(&c.url),
            c.probability,
            c.impact,
            c.titles.len(),
            c.probability,
            c.impact,
            c.level,
            esc(&c.titles.join("; ")),
            n(x + 3.0),
            n(y + 3.0),
            n(CELL_W - 6.0),
            n(CELL_H - 6.0),
            colour::MUTED,
            n(x + CELL_W / 2.0),
            n(y + CELL_H / 2.0 + 7.0),
            colour::INK,
            c.titles.len()
        );
    }
    let axis_y = TOP + 5.0 * CELL_H;
    for i in 1..=5u8 {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="{}">{}</text>"#,
            n(LEFT + (f64::from(i) - 0.5) * CELL_W),
            n(axis_y + 16.0),
            colour::INK,
            WORDS[usize::from(i - 1)]
        );
    }
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="{}">Impact →</text><text x="14" y="{}" font-size="12" fill="{}" transform="rotate(-90 14 {})" text-anchor="middle">Probability →</text>"#,
        n(LEFT + 2.5 * CELL_W),
        n(axis_y + 34.0),
        colour::INK,
        n(TOP + 2.5 * CELL_H),
        colour::INK,
        n(TOP + 2.5 * CELL_H)
    );
    let legend_y = axis_y + 52.0;
    let mut lx = LEFT;
    for (level, label) in [
        ("low", "low exposure"),
        ("medium", "medium"),
        ("high", "high"),
    ] {
        let _ = write!(
            s,
            r#"<rect x="{}" y="{}" width="14" height="10" fill="{}" stroke="{}"/><text x="{}" y="{}" font-size="11" fill="{}">{label}</text>"#,
            n(lx),
            n(legend_y - 9.0),
            tint(level),
            colour::MUTED,
            n(lx + 20.0),
            n(legend_y),
            colour::INK
        );
        lx += 120.0;
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_occupied_cell_links_with_its_count_and_titles() {
        let cells = vec![HeatCell {
            probability: 4,
            impact: 5,
            level: "high",
            titles: vec!["A & B".into(), "C".into()],
            url: "#cell-4-5".into(),
        }];
        let svg = heatmap(&cells, |p, i| if p * i >= 15 { "high" } else { "low" });
        assert_eq!(svg.matches("<a ").count(), 1);
        assert!(svg.contains(r##"<a href="#cell-4-5" class="cell-link" data-probability="4" data-impact="5" data-count="2">"##));
        assert!(svg.contains("Probability 4 × impact 5 (high exposure): A &amp; B; C"));
        assert_eq!(svg.matches(r#"class="cell high""#).count(), 6);
        assert_eq!(svg.matches(r#"class="cell low""#).count(), 19);
    }
}
