//! Capability maturity: current level as a bar, target as a marker, on the
//! 1–5 scale.

use super::{clip, colour, esc, n, open_linked};
use std::fmt::Write as _;

pub struct Level {
    pub title: String,
    pub url: String,
    pub current: i64,
    pub target: i64,
}

const W: f64 = 760.0;
const LABEL_W: f64 = 260.0;
const ROW_H: f64 = 26.0;
const TOP: f64 = 28.0;

pub fn maturity(levels: &[Level], title: &str) -> String {
    let h = TOP + levels.len() as f64 * ROW_H + 30.0;
    let gaps = levels.iter().filter(|l| l.target > l.current).count();
    let desc = format!(
        "{} on a maturity scale of 1 to 5; {gaps} below {} target.",
        crate::words::count(levels.len(), "capability", "capabilities"),
        if gaps == 1 { "its" } else { "their" }
    );
    let mut s = open_linked(W, h, "maturity", title, &desc);
    let x = |v: f64| LABEL_W + v / 5.0 * (W - LABEL_W - 20.0);
    for level in 0..=5 {
        let lx = x(level as f64);
        let _ = write!(
            s,
            r#"<line class="grid" data-level="{level}" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/><text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{level}</text>"#,
            n(lx),
            n(TOP - 6.0),
            n(lx),
            n(h - 28.0),
            colour::GRID,
            n(lx),
            n(TOP - 10.0),
            colour::MUTED
        );
    }
    for (i, l) in levels.iter().enumerate() {
        let y = TOP + i as f64 * ROW_H;
        let mid = y + ROW_H / 2.0;
        let tx = x(l.target as f64);
        let _ = write!(
            s,
            r#"<a href="{}"><title>{}: maturity {} of 5, target {}</title><text x="6" y="{}" font-size="12" fill="{}">{}</text><rect class="current" data-value="{}" x="{}" y="{}" width="{}" height="12" fill="{}"/><polygon class="target" data-value="{}" points="{},{} {},{} {},{} {},{}" fill="{}"/></a>"#,
            esc(&l.url),
            esc(&l.title),
            l.current,
            l.target,
            n(mid + 4.0),
            colour::INK,
            esc(&clip(&l.title, 38)),
            l.current,
            n(x(0.0)),
            n(mid - 6.0),
            n(x(l.current as f64) - x(0.0)),
            if l.target > l.current {
                colour::AMBER
            } else {
                colour::GREEN
            },
            l.target,
            n(tx),
            n(mid - 8.0),
            n(tx + 6.0),
            n(mid),
            n(tx),
            n(mid + 8.0),
            n(tx - 6.0),
            n(mid),
            colour::INK
        );
    }
    let ly = h - 10.0;
    let _ = write!(
        s,
        r#"<rect x="{}" y="{}" width="14" height="10" fill="{}"/><text x="{}" y="{}" font-size="11" fill="{}">current (amber: below target)</text><polygon points="{},{} {},{} {},{} {},{}" fill="{}"/><text x="{}" y="{}" font-size="11" fill="{}">target</text></svg>"#,
        n(LABEL_W),
        n(ly - 9.0),
        colour::AMBER,
        n(LABEL_W + 20.0),
        n(ly),
        colour::INK,
        n(LABEL_W + 230.0),
        n(ly - 10.0),
        n(LABEL_W + 236.0),
        n(ly - 4.0),
        n(LABEL_W + 230.0),
        n(ly + 2.0),
        n(LABEL_W + 224.0),
        n(ly - 4.0),
        colour::INK,
        n(LABEL_W + 242.0),
        n(ly),
        colour::INK
    );
    s
}
