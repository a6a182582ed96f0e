//! Charts parsed back as XML: positions must encode the data.

use super::timeline::{timeline, Lane, Marker, MarkerState, Row};
use crate::analysis::capacity::QuarterLoad;
use jiff::civil::{date, Date as Day};
use roxmltree::{Document, Node};

fn num(node: Node, attr: &str) -> f64 {
    node.attribute(attr)
        .unwrap_or_else(|| panic!("no {attr} on {node:?}"))
        .parse()
        .unwrap()
}

fn find<'a, 'i>(doc: &'a Document<'i>, pred: impl Fn(Node) -> bool) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.is_element() && pred(*n))
        .collect()
}

fn a11y(doc: &Document) {
    let svg = doc.root_element();
    let linked = svg.descendants().any(|n| n.has_tag_name("a"));
    assert_eq!(
        svg.attribute("role"),
        Some(if linked { "group" } else { "img" })
    );
    let kids: Vec<&str> = svg
        .children()
        .filter(|n| n.is_element())
        .take(2)
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(kids, vec!["title", "desc"]);
}

fn row(markers: Vec<Marker>) -> Lane {
    Lane {
        name: "platform".into(),
        rows: vec![Row {
            title: "Cloud platform".into(),
            url: "initiatives/cloud.html".into(),
            start: date(2026, 1, 1),
            end: date(2026, 12, 31),
            note: String::new(),
            markers,
        }],
    }
}

#[test]
fn a_milestone_sits_at_its_date_and_a_slip_arrow_starts_at_its_baseline() {
    let lane = row(vec![Marker {
        title: "Go-live".into(),
        url: "initiatives/cloud.html#m-go".into(),
        due: date(2026, 6, 30),
        state: MarkerState::Overdue,
        gate: true,
        baseline: Some(date(2026, 3, 31)),
    }]);
    let svg = timeline(&[lane], date(2026, 11, 25), 1, "T");
    let doc = Document::parse(&svg).unwrap();
    a11y(&doc);
    // The quarter grid says where days are.
    let grid: Vec<(Day, f64)> = find(&doc, |n| {
        n.has_attribute("data-date") && n.attribute("class") == Some("grid")
    })
    .into_iter()
    .map(|n| {
        (
            n.attribute("data-date").unwrap().parse::<Day>().unwrap(),
            num(n, "x1"),
        )
    })
    .collect();
    let x_of = |d: Day| {
        let (a, b) = (grid[0], grid[grid.len() - 1]);
        a.1 + (d - a.0).get_days() as f64 / (b.0 - a.0).get_days() as f64 * (b.1 - a.1)
    };
    assert!(grid.len() >= 4, "{grid:?}");
    let marker = find(&doc, |n| n.attribute("class") == Some("marker overdue"))[0];
    assert_eq!(marker.attribute("data-date"), Some("2026-06-30"));
    // Overdue is a square (shape, not only colour); a gate adds a diamond.
    let square = marker.children().find(|n| n.has_tag_name("rect")).unwrap();
    let cx = num(square, "x") + num(square, "width") / 2.0;
    assert!(
        (cx - x_of(date(2026, 6, 30))).abs() < 0.2,
        "{cx} vs {}",
        x_of(date(2026, 6, 30))
    );
    assert!(
        marker.children().any(|n| n.has_tag_name("polygon")),
        "gate diamond"
    );
    assert_eq!(
        marker.parent().unwrap().attribute("href"),
        Some("initiatives/cloud.html#m-go")
    );
    let slip = find(&doc, |n| n.attribute("class") == Some("slip"))[0];
    let ghost = slip.children().find(|n| n.has_tag_name("circle")).unwrap();
    assert!((num(ghost, "cx") - x_of(date(2026, 3, 31))).abs() < 0.2);
    let arrow = slip.children().find(|n| n.has_tag_name("line")).unwrap();
    assert!(
        num(arrow, "x2") > num(arrow, "x1"),
        "the arrow points later"
    );
    let today = find(&doc, |n| n.attribute("class") == Some("today"))[0];
    assert!((num(today, "x1") - x_of(date(2026, 11, 25))).abs() < 0.2);
    let bar = find(&doc, |n| n.attribute("class") == Some("bar"))[0];
    assert!((num(bar, "x") - x_of(date(2026, 1, 1))).abs() < 0.2);
    assert!((num(bar, "x") + num(bar, "width") - x_of(date(2026, 12, 31))).abs() < 0.2);
}

#[test]
fn every_state_has_its_own_shape() {
    let states = [
        MarkerState::Done,
        MarkerState::DoneLate,
        MarkerState::Overdue,
        MarkerState::Upcoming,
    ];
    let markers = states
        .iter()
        .enumerate()
        .map(|(i, s)| Marker {
            title: format!("m{i}"),
            url: "#".into(),
            due: date(2026, 2 + i as i8, 1),
            state: *s,
            gate: false,
            baseline: None,
        })
        .collect();
    let svg = timeline(&[row(markers)], date(2026, 11, 25), 1, "T");
    let doc = Document::parse(&svg).unwrap();
    let shape_of = |class: &str| {
        let m = find(&doc, |n| n.attribute("class") == Some(class))[0];
        let child = m.children().find(|n| n.is_element()).unwrap();
        (
            child.tag_name().name().to_string(),
            child.attribute("fill").unwrap_or("").to_string(),
        )
    };
    let shapes = [
        shape_of("marker done"),
        shape_of("marker done-late"),
        shape_of("marker overdue"),
        shape_of("marker upcoming"),
    ];
    let tags: std::collections::BTreeSet<(String, String)> = shapes.iter().cloned().collect();
    assert_eq!(tags.len(), 4, "{shapes:?}");
}

/// Value → y from the axis labels plotters drew (right-aligned numbers).
fn y_axis(doc: &Document) -> Vec<(f64, f64)> {
    find(doc, |n| {
        n.has_tag_name("text") && n.attribute("text-anchor") == Some("end")
    })
    .into_iter()
    .filter_map(|n| {
        Some((
            n.text()?.trim().trim_end_matches('%').parse::<f64>().ok()?,
            num(n, "y"),
        ))
    })
    .collect()
}

fn y_for(axis: &[(f64, f64)], v: f64) -> f64 {
    let (a, b) = (axis[0], axis[axis.len() - 1]);
    a.1 + (v - a.0) / (b.0 - a.0) * (b.1 - a.1)
}

#[test]
fn a_kpi_point_sits_at_its_value() {
    let points = [
        (date(2026, 1, 1), 10.0),
        (date(2026, 2, 1), 20.0),
        (date(2026, 3, 1), 17.0),
    ];
    let svg = super::kpi::trend(&super::kpi::Trend {
        title: "Share",
        unit: "%",
        direction: "up",
        points: &points,
        target_steps: &[],
        target: Some(25.0),
        baseline: Some(8.0),
        deliveries: &[(date(2026, 2, 15), "Launch".into())],
    });
    let doc = Document::parse(&svg).unwrap();
    a11y(&doc);
    let axis = y_axis(&doc);
    assert!(axis.len() >= 3, "{axis:?}");
    let dots: Vec<(f64, f64)> = find(&doc, |n| {
        n.has_tag_name("circle") && n.attribute("r") == Some("3")
    })
    .into_iter()
    .map(|n| (num(n, "cx"), num(n, "cy")))
    .collect();
    assert_eq!(dots.len(), 3);
    for ((_, v), (_, cy)) in points.iter().zip(&dots) {
        assert!(
            (cy - y_for(&axis, *v)).abs() <= 1.5,
            "value {v}: cy {cy}, axis says {}",
            y_for(&axis, *v)
        );
    }
    // Later points are further right; the description says what the chart shows.
    assert!(dots[0].0 < dots[1].0 && dots[1].0 < dots[2].0);
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .unwrap()
        .text()
        .unwrap();
    assert!(
        desc.contains("latest 17 %")
            && desc.contains("target 25")
            && desc.contains("higher is better"),
        "{desc}"
    );
}

fn load(quarter: &str, capacity: f64, ops: f64, committed: f64) -> QuarterLoad {
    QuarterLoad {
        quarter: quarter.into(),
        capacity,
        ops_load: ops,
        ops_days: capacity * ops,
        committed,
        remaining: capacity - capacity * ops - committed,
        utilisation: Some((capacity * ops + committed) / capacity),
        by_initiative: Vec::new(),
    }
}

#[test]
fn a_110_percent_quarter_crosses_the_capacity_line() {
    let quarters = [
        load("2026-Q3", 100.0, 0.3, 60.0),
        load("2026-Q4", 100.0, 0.3, 80.0),
    ];
    let svg = super::capacity::capacity("Data", &quarters);
    let doc = Document::parse(&svg).unwrap();
    a11y(&doc);
    let axis = y_axis(&doc);
    // Committed bars are the blue rectangles, one per quarter, left to right.
    let mut bars: Vec<(f64, f64)> = find(&doc, |n| {
        n.has_tag_name("rect") && n.attribute("fill") == Some("#1F5FA8") && num(n, "width") > 20.0
    })
    .into_iter()
    .map(|n| (num(n, "x"), num(n, "y")))
    .collect();
    bars.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert_eq!(bars.len(), 2, "{svg}");
    let capacity_y = y_for(&axis, 100.0);
    assert!(bars[0].1 > capacity_y + 5.0, "90 % stays under the line");
    assert!(bars[1].1 < capacity_y - 5.0, "110 % crosses it");
    assert!((bars[1].1 - y_for(&axis, 110.0)).abs() <= 1.5);
    assert!(
        svg.contains(">\n110%\n<") || svg.contains(">110%<"),
        "the overcommitted quarter is labelled"
    );
}

#[test]
fn same_data_same_bytes() {
    let a = super::maturity::maturity(
        &[super::maturity::Level {
            title: "X".into(),
            url: "x.html".into(),
            current: 2,
            target: 4,
        }],
        "M",
    );
    let b = super::maturity::maturity(
        &[super::maturity::Level {
            title: "X".into(),
            url: "x.html".into(),
            current: 2,
            target: 4,
        }],
        "M",
    );
    assert_eq!(a, b);
    let doc = Document::parse(&a).unwrap();
    a11y(&doc);
    let level = |v: &str| {
        num(
            find(&doc, |n| n.attribute("data-level") == Some(v))[0],
            "x1",
        )
    };
    let bar = find(&doc, |n| n.attribute("class") == Some("current"))[0];
    assert!((num(bar, "x") + num(bar, "width") - level("2")).abs() < 0.2);
}
