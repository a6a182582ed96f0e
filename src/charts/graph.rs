//! The dependency graph, in layers: infrastructure first, then platform,
//! then the other layers; arrows run from a dependency to its dependent.
//! Conflicts, blocked links and cycles are drawn in their own colour and
//! dash, and named in each arrow's tooltip.

use super::{arrow_head, clip, colour, esc, n, open_linked};
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub struct Node {
    pub id: String,
    pub title: String,
    pub url: String,
    pub layer: String,
    /// Sort key of the layer column (infrastructure first).
    pub rank: (u8, String),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    Ok,
    Conflict,
    Blocked,
    Cycle,
}

pub struct Edge {
    /// The dependency (arrow tail).
    pub from: String,
    /// The dependent (arrow head).
    pub to: String,
    pub kind: EdgeKind,
    pub note: String,
}

const COL_W: f64 = 250.0;
const NODE_W: f64 = 200.0;
const NODE_H: f64 = 30.0;
const ROW_H: f64 = 42.0;
const TOP: f64 = 36.0;

pub fn graph(nodes: &[Node], edges: &[Edge], title: &str) -> String {
    let mut columns: BTreeMap<&(u8, String), Vec<&Node>> = BTreeMap::new();
    for node in nodes {
        columns.entry(&node.rank).or_default().push(node);
    }
    let mut pos: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    let mut layers = Vec::new();
    for (ci, (_, col)) in columns.iter_mut().enumerate() {
        col.sort_by(|a, b| a.id.cmp(&b.id));
        let x = 10.0 + ci as f64 * COL_W;
        layers.push((x, col.first().map(|n| n.layer.clone()).unwrap_or_default()));
        for (ri, node) in col.iter().enumerate() {
            pos.insert(node.id.as_str(), (x, TOP + ri as f64 * ROW_H));
        }
    }
    let rows = columns.values().map(Vec::len).max().unwrap_or(0);
    let width = (columns.len().max(1) as f64 * COL_W).max(400.0);
    let height = TOP + rows as f64 * ROW_H + 40.0;
    let count = |k: EdgeKind| edges.iter().filter(|e| e.kind == k).count();
    // An arrow joins two initiatives, whatever number of dependencies
    // between them and their milestones it stands for: counted as arrows,
    // its figures differ from the page's list of dependencies, so they say
    // what they count.
    let desc = format!(
        "{} in {} with {} between them, each drawn as the worst of its dependencies: {} in conflict, {} blocked, {} in cycles.",
        crate::words::count(nodes.len(), "initiative", "initiatives"),
        crate::words::count(columns.len(), "layer", "layers"),
        crate::words::count(edges.len(), "arrow", "arrows"),
        count(EdgeKind::Conflict),
        count(EdgeKind::Blocked),
        count(EdgeKind::Cycle)
    );
    let mut s = open_linked(width, height, "graph", title, &desc);
    for (x, layer) in &layers {
        let _ = write!(
            s,
            r#"<text x="{}" y="18" font-size="12" font-weight="bold" fill="{}">{}</text>"#,
            n(*x),
            colour::MUTED,
            esc(if layer.is_empty() { "no layer" } else { layer })
        );
    }
    for e in edges {
        let (Some(&(fx, fy)), Some(&(tx, ty))) = (pos.get(e.from.as_str()), pos.get(e.to.as_str()))
        else {
            continue;
        };
        let (x1, y1) = (fx + NODE_W, fy + NODE_H / 2.0);
        let (x2, y2) = (tx, ty + NODE_H / 2.0);
        let (stroke, dash, word) = match e.kind {
            EdgeKind::Ok => (colour::GREY, "", "ok"),
            EdgeKind::Conflict => (colour::AMBER, r#" stroke-dasharray="6 3""#, "conflict"),
            EdgeKind::Blocked => (colour::RED, r#" stroke-dasharray="2 3""#, "blocked"),
            EdgeKind::Cycle => (colour::RED, "", "cycle"),
        };
        let width = if e.kind == EdgeKind::Cycle { 2.5 } else { 1.5 };
        let (c1, c2) = (x1 + 50.0, x2 - 50.0);
        let _ = write!(
            s,
            r#"<g class="edge {word}" data-from="{}" data-to="{}"><title>{} → {}: {word}{}</title><path d="M{},{} C{},{} {},{} {},{}" fill="none" stroke="{stroke}" stroke-width="{}"{dash}/>{}</g>"#,
            esc(&e.from),
            esc(&e.to),
            esc(&e.from),
            esc(&e.to),
            if e.note.is_empty() {
                String::new()
            } else {
                format!(" ({})", esc(&e.note))
            },
            n(x1),
            n(y1),
            n(c1),
            n(y1),
            n(c2),
            n(y2),
            n(x2 - 2.0),
            n(y2),
            n(width),
            arrow_head(c2, y2, x2, y2, 7.0, stroke)
        );
    }
    for node in nodes {
        let Some(&(x, y)) = pos.get(node.id.as_str()) else {
            continue;
        };
        let _ = write!(
            s,
            r##"<a href="{}"><title>{} ({})</title><rect class="node" data-id="{}" x="{}" y="{}" width="{}" height="{}" rx="4" fill="#ffffff" stroke="{}"/><text x="{}" y="{}" font-size="11" fill="{}">{}</text></a>"##,
            esc(&node.url),
            esc(&node.title),
            esc(&node.layer),
            esc(&node.id),
            n(x),
            n(y),
            n(NODE_W),
            n(NODE_H),
            colour::INK,
            n(x + 6.0),
            n(y + 19.0),
            colour::INK,
            esc(&clip(&node.title, 32))
        );
    }
    let ly = height - 12.0;
    let mut lx = 10.0;
    for (stroke, dash, word) in [
        (colour::GREY, "", "depends on (arrow to the dependent)"),
        (colour::AMBER, r#" stroke-dasharray="6 3""#, "conflict"),
        (colour::RED, r#" stroke-dasharray="2 3""#, "blocked"),
        (colour::RED, r#" stroke-width="2.5""#, "cycle"),
    ] {
        let _ = write!(
            s,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}"{dash}/><text x="{}" y="{}" font-size="11" fill="{}">{word}</text>"#,
            n(lx),
            n(ly - 4.0),
            n(lx + 24.0),
            n(ly - 4.0),
            n(lx + 30.0),
            n(ly),
            colour::INK
        );
        lx += 40.0 + word.len() as f64 * 6.2;
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str) -> Node {
        Node {
            id: id.into(),
            title: id.into(),
            url: format!("{id}.html"),
            layer: "platform".into(),
            rank: (1, "platform".into()),
        }
    }

    #[test]
    fn the_description_counts_arrows_and_says_so() {
        let edge = |from: &str, to: &str, kind| Edge {
            from: from.into(),
            to: to.into(),
            kind,
            note: String::new(),
        };
        let svg = graph(
            &[node("a"), node("b"), node("c")],
            &[
                edge("a", "b", EdgeKind::Blocked),
                edge("b", "c", EdgeKind::Conflict),
            ],
            "Dependency graph",
        );
        assert!(
            svg.contains("3 initiatives in 1 layer with 2 arrows between them, each drawn as the worst of its dependencies: 1 in conflict, 1 blocked, 0 in cycles."),
            "{svg}"
        );
    }
}
