//! Charts parsed back as XML: positions must encode the data.

use super::timeline::{timeline, Lane, Marker, MarkerState, Row};
use crate::analysis::capacity::QuarterLoad;
use crate::base::date::quarter_bounds;
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

/// (date, x) of each quarter line of a timeline: where days are.
fn quarter_grid(doc: &Document) -> Vec<(Day, f64)> {
    find(doc, |n| {
        n.has_attribute("data-date") && n.attribute("class") == Some("grid")
    })
    .into_iter()
    .map(|n| {
        (
            n.attribute("data-date").unwrap().parse::<Day>().unwrap(),
            num(n, "x1"),
        )
    })
    .collect()
}

/// The x of a day on the axis the quarter lines set.
fn x_on(grid: &[(Day, f64)], d: Day) -> f64 {
    let (a, b) = (grid[0], grid[grid.len() - 1]);
    a.1 + (d - a.0).get_days() as f64 / (b.0 - a.0).get_days() as f64 * (b.1 - a.1)
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
        slip_unapproved: true,
        unapproved_days: Some(91),
        done: None,
        late_days: None,
        forecast: None,
    }]);
    let svg = timeline(&[lane], date(2026, 11, 25), 1, "T");
    let doc = Document::parse(&svg).unwrap();
    a11y(&doc);
    // The quarter grid says where days are.
    let grid = quarter_grid(&doc);
    let x_of = |d: Day| x_on(&grid, d);
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
fn a_forecast_whisker_runs_from_the_due_date_to_the_cautious_forecast() {
    let mut open = marker("Go-live", date(2027, 1, 31), None, false);
    // The cautious date a quarter past the due one: the axis must stretch.
    open.forecast = Some((date(2027, 2, 10), date(2027, 5, 12)));
    // A forecast that does not pass the due date draws nothing.
    let mut on_time = marker("Pilot", date(2026, 12, 31), None, false);
    on_time.forecast = Some((date(2026, 12, 31), date(2026, 12, 31)));
    let svg = timeline(&[row(vec![open, on_time])], date(2026, 11, 25), 1, "T");
    let doc = Document::parse(&svg).unwrap();
    let grid = quarter_grid(&doc);
    let x_of = |d: Day| x_on(&grid, d);
    // The axis reaches the cautious date: it is inside the drawing.
    let width: f64 = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(x_of(date(2027, 5, 12)) < width - 10.0, "{grid:?}");
    let whiskers = find(&doc, |n| n.attribute("class") == Some("forecast"));
    assert_eq!(whiskers.len(), 1);
    let w = whiskers[0];
    assert_eq!(
        (w.attribute("data-p50"), w.attribute("data-p85")),
        (Some("2027-02-10"), Some("2027-05-12"))
    );
    let line = w.children().find(|n| n.has_tag_name("line")).unwrap();
    assert!((num(line, "x1") - x_of(date(2027, 1, 31))).abs() < 0.2);
    assert!((num(line, "x2") - x_of(date(2027, 5, 12))).abs() < 0.2);
    let dot = w.children().find(|n| n.has_tag_name("circle")).unwrap();
    assert!((num(dot, "cx") - x_of(date(2027, 2, 10))).abs() < 0.2);
    // Said in words too, for whoever cannot see the chart.
    assert!(svg.contains("due 2027-01-31, forecast 2027-02-10 likely, 2027-05-12 cautious"));
    assert!(
        svg.contains("forecast: likely • to cautious |"),
        "in the legend"
    );
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
            slip_unapproved: false,
            unapproved_days: None,
            done: None,
            late_days: None,
            forecast: None,
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
        deliveries: &[(date(2026, 2, 15), "Launch")],
        fiscal_start: 1,
        note: None,
        written: None,
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
        desc.contains("latest 17%")
            && desc.contains("target 25")
            && desc.contains("higher is better"),
        "{desc}"
    );
}

fn load(quarter: &str, capacity: f64, ops: f64, committed: f64) -> QuarterLoad {
    QuarterLoad {
        quarter: quarter.into(),
        capacity,
        capacity_from: None,
        capacity_on_record: false,
        ops_load: ops,
        ops_days: capacity * ops,
        committed,
        remaining: capacity - capacity * ops - committed,
        utilisation: Some((capacity * ops + committed) / capacity),
        by_initiative: Vec::new(),
        past_end: Vec::new(),
        capacity_known: true,
        recorded_in: None,
        committed_now: None,
        last_day: None,
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

/// A date → x mapping recovered from two marks whose dates are known.
fn mapping(a: (Day, f64), b: (Day, f64)) -> impl Fn(Day) -> f64 {
    move |d: Day| a.1 + (d - a.0).get_days() as f64 / (b.0 - a.0).get_days() as f64 * (b.1 - a.1)
}

/// The first day a tick label names: `2026-05` or a fiscal `2026-Q1`.
fn labelled_day(label: &str, fiscal_start: u8) -> Option<Day> {
    let (y, rest) = label.split_once('-')?;
    let y: i16 = y.parse().ok()?;
    if let Some(q) = rest.strip_prefix('Q') {
        return Some(quarter_bounds(y, q.parse().ok()?, fiscal_start)?.0);
    }
    if rest.len() != 2 {
        return None;
    }
    Day::new(y, rest.parse().ok()?, 1).ok()
}

/// The x-axis labels plotters drew (centred text) that name a month or a
/// quarter, with the x they are centred on.
fn x_labels(doc: &Document, fiscal_start: u8) -> Vec<(String, Day, f64)> {
    find(doc, |n| {
        n.has_tag_name("text") && n.attribute("text-anchor") == Some("middle")
    })
    .into_iter()
    .filter_map(|n| {
        let t = n.text()?.trim().to_string();
        let d = labelled_day(&t, fiscal_start)?;
        Some((t, d, num(n, "x")))
    })
    .collect()
}

fn kpi_svg(points: &[(Day, f64)], fiscal_start: u8) -> String {
    super::kpi::trend(&super::kpi::Trend {
        title: "Share",
        unit: "%",
        direction: "up",
        points,
        target_steps: &[],
        target: Some(25.0),
        baseline: None,
        deliveries: &[],
        fiscal_start,
        note: None,
        written: None,
    })
}

#[test]
fn a_kpi_month_label_sits_on_the_first_of_its_month() {
    // Mid-month values over five months: the labels must still sit on the
    // month starts, not where the data (or an even day count) happens to be.
    let points = [
        (date(2026, 1, 17), 10.0),
        (date(2026, 3, 9), 20.0),
        (date(2026, 6, 23), 17.0),
    ];
    let svg = kpi_svg(&points, 1);
    let doc = Document::parse(&svg).unwrap();
    a11y(&doc);
    let dots: Vec<f64> = find(&doc, |n| {
        n.has_tag_name("circle") && n.attribute("r") == Some("3")
    })
    .into_iter()
    .map(|n| num(n, "cx"))
    .collect();
    assert_eq!(dots.len(), 3);
    let x_of = mapping((points[0].0, dots[0]), (points[2].0, dots[2]));
    let labels = x_labels(&doc, 1);
    assert!(labels.len() >= 2, "{svg}");
    for (label, day, x) in &labels {
        // Plotters rounds to whole pixels: one pixel is less than a day here.
        assert!(
            (x - x_of(*day)).abs() <= 1.5,
            "{label} drawn at {x}, but {day} is at {}",
            x_of(*day)
        );
    }
    // Every month, none skipped, none repeated.
    let names: Vec<&str> = labels.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(
        names,
        ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]
    );
    // The middle point confirms the mapping itself.
    assert!((dots[1] - x_of(points[1].0)).abs() <= 1.5);
}

#[test]
fn a_long_kpi_series_is_labelled_by_fiscal_quarter_at_the_quarter_start() {
    let points: Vec<(Day, f64)> = (0..10)
        .map(|i| {
            let d = date(2025, 2, 14)
                .checked_add(jiff::Span::new().days(i * 70))
                .unwrap();
            (d, i as f64)
        })
        .collect();
    let svg = kpi_svg(&points, 4);
    let doc = Document::parse(&svg).unwrap();
    let dots: Vec<f64> = find(&doc, |n| {
        n.has_tag_name("circle") && n.attribute("r") == Some("3")
    })
    .into_iter()
    .map(|n| num(n, "cx"))
    .collect();
    let x_of = mapping((points[0].0, dots[0]), (points[9].0, dots[9]));
    let labels = x_labels(&doc, 4);
    assert!(labels.len() >= 2, "{svg}");
    for (label, day, x) in &labels {
        assert!(
            (x - x_of(*day)).abs() <= 1.5,
            "{label} drawn at {x}, but {day} is at {}",
            x_of(*day)
        );
    }
    // Twenty months would crowd: quarters, not too many labels.
    assert!(labels.len() >= 4 && labels.len() <= 8, "{labels:?}");
    assert!(labels.iter().all(|l| l.0.contains("-Q")), "{labels:?}");
    // April fiscal year: 2025-Q2 opens on 1 July 2025.
    assert!(labels
        .iter()
        .any(|l| l.0 == "2025-Q2" && l.1 == date(2025, 7, 1)));
}

fn marker(title: &str, due: Day, baseline: Option<Day>, unapproved: bool) -> Marker {
    Marker {
        title: title.into(),
        url: "#".into(),
        due,
        state: MarkerState::Upcoming,
        gate: false,
        baseline,
        slip_unapproved: unapproved,
        unapproved_days: None,
        done: None,
        late_days: None,
        forecast: None,
    }
}

fn lane(name: &str, start: Day, end: Day, markers: Vec<Marker>) -> Lane {
    Lane {
        name: name.into(),
        rows: vec![Row {
            title: format!("{name} initiative"),
            url: "#".into(),
            start,
            end,
            note: String::new(),
            markers,
        }],
    }
}

fn today_x(doc: &Document) -> f64 {
    let today = find(doc, |n| n.attribute("class") == Some("today"));
    assert_eq!(today.len(), 1);
    num(today[0], "x1")
}

fn upcoming_x(doc: &Document, date: &str) -> f64 {
    let m = find(doc, |n| {
        n.attribute("class") == Some("marker upcoming") && n.attribute("data-date") == Some(date)
    });
    let circle = m[0].children().find(|n| n.has_tag_name("circle")).unwrap();
    num(circle, "cx")
}

#[test]
fn a_timeline_quarter_label_sits_on_its_fiscal_quarter_start() {
    let today = date(2026, 11, 25);
    let l = lane(
        "platform",
        date(2026, 2, 10),
        date(2027, 8, 20),
        vec![marker("Go-live", date(2027, 5, 14), None, false)],
    );
    let svg = timeline(&[l], today, 4, "T");
    let doc = Document::parse(&svg).unwrap();
    a11y(&doc);
    let x_of = mapping(
        (today, today_x(&doc)),
        (date(2027, 5, 14), upcoming_x(&doc, "2027-05-14")),
    );
    let labels = find(&doc, |n| n.attribute("class") == Some("tick-label"));
    assert!(labels.len() >= 5, "{svg}");
    for l in labels {
        let text = l.text().unwrap();
        let day = labelled_day(text, 4).unwrap();
        // The label starts just after its line.
        let line_x = num(l, "x") - 4.0;
        assert!(
            (line_x - x_of(day)).abs() < 0.3,
            "{text} at {line_x}, {day} at {}",
            x_of(day)
        );
    }
    // April fiscal year: Q1 of fiscal 2026 opens on 1 April 2026.
    assert!(svg.contains(">2026-Q1</text>"));
    for g in find(&doc, |n| n.attribute("class") == Some("grid")) {
        let day: Day = g.attribute("data-date").unwrap().parse().unwrap();
        assert!((num(g, "x1") - x_of(day)).abs() < 0.3, "grid line {day}");
    }
}

#[test]
fn every_timeline_chart_of_a_page_shares_one_axis() {
    // Lanes with very different spans, as a page of layers has.
    let today = date(2026, 11, 25);
    let lanes = vec![
        lane(
            "business",
            date(2026, 1, 5),
            date(2026, 12, 1),
            vec![marker("Pilot", date(2026, 9, 1), None, false)],
        ),
        lane(
            "application",
            date(2026, 10, 1),
            date(2028, 3, 31),
            vec![marker("Launch", date(2027, 6, 30), None, false)],
        ),
        lane(
            "technology",
            date(2025, 4, 1),
            date(2026, 6, 30),
            vec![marker(
                "Cutover",
                date(2026, 6, 1),
                Some(date(2025, 12, 1)),
                true,
            )],
        ),
    ];
    let charts = crate::render::charts::timeline_charts(&lanes, today, 1);
    assert_eq!(charts.len(), 3);
    let docs: Vec<Document> = charts.iter().map(|s| Document::parse(s).unwrap()).collect();
    let todays: Vec<f64> = docs.iter().map(today_x).collect();
    assert!(
        todays.iter().all(|x| (x - todays[0]).abs() < 1e-9),
        "today at {todays:?}"
    );
    // Not only today: the same date has the same x everywhere, and the
    // domain covers every lane.
    let grids: Vec<Vec<(String, String)>> = docs
        .iter()
        .map(|d| {
            find(d, |n| n.attribute("class") == Some("grid"))
                .into_iter()
                .map(|n| {
                    (
                        n.attribute("data-date").unwrap().to_string(),
                        n.attribute("x1").unwrap().to_string(),
                    )
                })
                .collect()
        })
        .collect();
    assert!(grids.iter().all(|g| *g == grids[0]), "{grids:?}");
    assert_eq!(grids[0].first().unwrap().0, "2025-04-01");
    assert_eq!(grids[0].last().unwrap().0, "2028-01-01");
    // A marker's x in its chart follows the shared mapping of another.
    let x_of = mapping(
        (today, todays[0]),
        (date(2026, 9, 1), upcoming_x(&docs[0], "2026-09-01")),
    );
    assert!((upcoming_x(&docs[1], "2027-06-30") - x_of(date(2027, 6, 30))).abs() < 0.3);
}

#[test]
fn unapproved_and_approved_slips_are_drawn_differently_and_explained() {
    let l = lane(
        "platform",
        date(2026, 1, 1),
        date(2026, 12, 31),
        vec![
            marker(
                "Unapproved",
                date(2026, 9, 30),
                Some(date(2026, 6, 30)),
                true,
            ),
            marker(
                "Approved",
                date(2026, 10, 30),
                Some(date(2026, 7, 31)),
                false,
            ),
        ],
    );
    let svg = timeline(&[l], date(2026, 11, 25), 1, "T");
    let doc = Document::parse(&svg).unwrap();
    a11y(&doc);
    // (line stroke, width, dash, head element, head fill) of a slip drawing.
    let look = |g: Node| {
        let line = g
            .children()
            .find(|n| n.attribute("class") == Some("slip-arrow"))
            .unwrap();
        let head = line.next_sibling_element().unwrap();
        (
            line.attribute("stroke").unwrap().to_string(),
            line.attribute("stroke-width").unwrap_or("1").to_string(),
            line.attribute("stroke-dasharray")
                .unwrap_or("none")
                .to_string(),
            head.tag_name().name().to_string(),
            head.attribute("fill").unwrap_or("").to_string(),
        )
    };
    let slip = |approval: &str| {
        let g = find(&doc, |n| {
            n.attribute("class") == Some("slip") && n.attribute("data-approval") == Some(approval)
        });
        assert_eq!(g.len(), 1, "{approval}");
        look(g[0])
    };
    let (unapproved, approved) = (slip("unapproved"), slip("approved"));
    // Not by colour alone: the dash pattern and the head shape differ too.
    assert_ne!(unapproved.0, approved.0);
    assert_ne!(unapproved.2, approved.2, "dash pattern");
    assert_ne!(unapproved.3, approved.3, "arrow head shape");
    assert_eq!(unapproved.2, "none", "the unapproved slip is the solid one");
    // The legend draws each the same way and says which is which.
    let legend = |approval: &str| {
        let g = find(&doc, |n| {
            n.attribute("class") == Some("legend-slip")
                && n.attribute("data-approval") == Some(approval)
        });
        assert_eq!(g.len(), 1, "{approval} in the legend");
        let text = g[0]
            .children()
            .find(|n| n.has_tag_name("text"))
            .and_then(|n| n.text())
            .unwrap()
            .to_string();
        (look(g[0]), text)
    };
    let (lu, tu) = legend("unapproved");
    let (la, ta) = legend("approved");
    assert_eq!(lu, unapproved);
    assert_eq!(la, approved);
    assert!(tu.contains("no approved change request"), "{tu}");
    assert!(
        ta.contains("approved") && !ta.contains("no approved"),
        "{ta}"
    );
    // The marker's own title says it too, for a reader without the picture.
    assert!(svg.contains("(+92 days, not approved)"), "{svg}");
}

#[test]
fn a_slip_partly_approved_says_how_much_is_not() {
    let mut m = marker("Half", date(2026, 9, 30), Some(date(2026, 3, 31)), true);
    m.unapproved_days = Some(92);
    let mut done = marker("Shipped", date(2026, 7, 31), None, false);
    done.done = Some(date(2026, 9, 15));
    let l = lane("L", date(2026, 1, 1), date(2026, 12, 31), vec![m, done]);
    let svg = timeline(&[l], date(2026, 11, 25), 1, "T");
    assert!(
        svg.contains("baseline 2026-03-31 (+183 days, 92 days of it not approved)"),
        "{svg}"
    );
    // Done: the title says when, not only that it was.
    assert!(
        svg.contains(", due 2026-07-31, done 2026-09-15</title>"),
        "{svg}"
    );
}

#[test]
fn a_milestone_done_late_draws_how_late_from_its_due_date_to_the_day_done() {
    let mut late = marker("Cut-over", date(2026, 3, 31), None, false);
    late.state = MarkerState::DoneLate;
    late.done = Some(date(2026, 8, 14));
    let mut early = marker("Pilot", date(2026, 6, 30), None, false);
    early.state = MarkerState::Done;
    early.done = Some(date(2026, 6, 2));
    let l = lane("L", date(2026, 1, 1), date(2026, 9, 30), vec![late, early]);
    let svg = timeline(&[l], date(2026, 11, 25), 1, "T");
    let doc = Document::parse(&svg).unwrap();
    let grid = quarter_grid(&doc);
    let x_of = |d: Day| x_on(&grid, d);
    let tails = find(&doc, |n| n.attribute("class") == Some("late"));
    assert_eq!(tails.len(), 1, "only the milestone done after its due date");
    assert_eq!(tails[0].attribute("data-due"), Some("2026-03-31"));
    assert_eq!(tails[0].attribute("data-done"), Some("2026-08-14"));
    let lines: Vec<Node> = tails[0]
        .children()
        .filter(|n| n.has_tag_name("line"))
        .collect();
    let (due_x, done_x) = (x_of(date(2026, 3, 31)), x_of(date(2026, 8, 14)));
    assert!(num(lines[0], "x1") > due_x && num(lines[0], "x1") < due_x + 8.0);
    assert!((num(lines[0], "x2") - done_x).abs() < 0.2, "{svg}");
    assert!(
        (num(lines[1], "x1") - done_x).abs() < 0.2,
        "the bar at the day done"
    );
    assert!(svg.contains(", due 2026-03-31, done 2026-08-14 (136 days after it)</title>"));
    assert!(svg.contains(", due 2026-06-30, done 2026-06-02</title>"));
    assert!(svg.contains("done late: due to done"));
}

/// Moved with no decision, then done: late by the date it stands committed
/// to, as its page says, whether or not it was done after its due date.
#[test]
fn a_milestone_moved_unapproved_then_done_is_late_by_its_committed_date() {
    let committed = date(2026, 8, 31);
    let mut after = marker("Prod", date(2026, 10, 31), Some(committed), true);
    (after.state, after.done, after.late_days) =
        (MarkerState::DoneLate, Some(date(2026, 11, 20)), Some(81));
    let mut before = marker("Pilot", date(2026, 10, 31), Some(committed), true);
    (before.state, before.done, before.late_days) =
        (MarkerState::DoneLate, Some(date(2026, 10, 20)), Some(50));
    let l = lane(
        "L",
        date(2026, 1, 1),
        date(2026, 12, 31),
        vec![after, before],
    );
    let svg = timeline(&[l], date(2026, 11, 25), 1, "T");
    assert!(
        svg.contains(", due 2026-10-31, done 2026-11-20 (81 days late), baseline 2026-08-31 (+61 days, not approved)"),
        "{svg}"
    );
    assert!(
        svg.contains(", due 2026-10-31, done 2026-10-20 (50 days late), baseline"),
        "{svg}"
    );
}

#[test]
fn a_few_days_late_still_draws_forward_and_a_day_done_early_does_not_widen_the_axis() {
    let mut late = marker("Cut-over", date(2026, 3, 31), None, false);
    late.state = MarkerState::DoneLate;
    late.done = Some(date(2026, 4, 2));
    let mut early = marker("Pilot", date(2026, 12, 31), None, false);
    early.state = MarkerState::Done;
    early.done = Some(date(2025, 4, 15));
    let l = lane("L", date(2026, 1, 1), date(2026, 12, 31), vec![late, early]);
    let axis = super::timeline::Axis::of(std::slice::from_ref(&l), date(2026, 11, 25), 1);
    assert_eq!(axis.from, date(2026, 1, 1));
    let svg = timeline(&[l], date(2026, 11, 25), 1, "T");
    let doc = Document::parse(&svg).unwrap();
    let tail = find(&doc, |n| n.attribute("class") == Some("late"))[0];
    let line = tail.children().find(|n| n.has_tag_name("line")).unwrap();
    assert!(num(line, "x2") > num(line, "x1"), "{svg}");
}

#[test]
fn the_axis_reaches_a_day_done_after_every_due_date() {
    let mut late = marker("Cut-over", date(2026, 3, 31), None, false);
    late.state = MarkerState::DoneLate;
    late.done = Some(date(2027, 2, 10));
    let l = lane("L", date(2026, 1, 1), date(2026, 3, 31), vec![late]);
    let axis = super::timeline::Axis::of(&[l], date(2026, 11, 25), 1);
    assert_eq!(axis.to, date(2027, 4, 1));
}
