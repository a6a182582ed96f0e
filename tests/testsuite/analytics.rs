//! The example roadmap's deliberate problems are found and shown.

use crate::helpers::Project;
use std::path::Path;

#[test]
fn example_problems_are_found_and_shown() {
    let out = Project::empty();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .to_string_lossy()
        .into_owned();
    let check = out.run(&["--root", &root, "check", "--format", "json"]);
    let findings: Vec<serde_json::Value> = check
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let has = |rule: &str, path: &str| {
        findings
            .iter()
            .any(|f| f["rule"] == rule && f["path"] == path)
    };
    assert!(has(
        "overdue-milestone",
        "content/initiatives/windows-11-rollout.md"
    ));
    assert!(has("overcommitted-team", "content/teams/data-platform.md"));
    assert!(has("watermelon", "content/initiatives/customer-360.md"));
    assert!(has(
        "untraced-initiative",
        "content/initiatives/intranet-cms-migration.md"
    ));
    assert!(has(
        "review-cadence",
        "content/reviews/operational-review-2026-10.md"
    ));
    assert!(has(
        "stale-change-request",
        "content/changes/cr-2026-10-colo-extension.md"
    ));
    assert!(
        findings.iter().all(|f| f["severity"] == "warning"),
        "the example builds: no errors"
    );

    let dest = out.path().join("site");
    out.run(&["--root", &root, "build", "-d", dest.to_str().unwrap()])
        .ok();
    let read = |p: &str| std::fs::read_to_string(dest.join(p)).unwrap();
    let dash = read("index.html");
    assert!(dash.contains("Watermelons: reported green, computed red"));
    assert!(dash.contains(r#"href="initiatives/customer-360.html">Customer 360"#));
    assert!(
        dash.contains("2026-Q4 (127%), 2027-Q1 (127%)"),
        "overcommitted quarters with figures"
    );
    assert!(dash.contains("Overdue by 239 d"));
    let capacity = read("capacity.html");
    assert!(capacity.contains("<strong>127%</strong>"));
    let c360 = read("initiatives/customer-360.html");
    assert!(c360.contains("watermelon"));
    assert!(
        c360.contains(r#"<span class="badge health-green">green</span>"#)
            && c360.contains(r#"<span class="badge health-red">red</span>"#),
        "reported and computed side by side"
    );
    let gov = read("governance.html");
    assert!(gov.contains("waiting 51 days"));
    assert!(gov.contains("lapsed"));
    let metrics = read("metrics.html");
    assert!(metrics.contains("How health is computed"));
}

/// A team of no capacity with work committed is overcommitted (its
/// utilisation has no number, which used to read as "never above
/// capacity"); a capacity map with no quarter is refused, not read as 0.
#[test]
fn a_team_of_no_capacity_with_work_is_overcommitted() {
    let p = Project::empty();
    p.run(&["init"]).ok();
    let book = p.read("book.toml").replace("# today = ", "today = ");
    p.write("book.toml", &book);
    let team = p.read("content/teams/erp.md");
    let line = team.lines().find(|l| l.starts_with("capacity:")).unwrap();
    p.write("content/teams/erp.md", &team.replace(line, "capacity: 0"));
    let check = p.run(&["check"]);
    assert!(
        check.stderr.contains(
            "team `erp` in 2026-Q4 has no capacity (capacity 0) and 40 person-days committed"
        ),
        "{}",
        check.stderr
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/teams/erp.html");
    assert!(page.contains("above capacity in 2026-Q2"), "{page}");
    assert!(!page.contains("never above capacity"), "{page}");
    assert!(p.read("site/index.html").contains("2026-Q4 (no capacity)"));
    // A capacity that cannot be read is no figure, not 0: one finding.
    for unread in ["capacity: {}", "capacity: lots", "capacity: -5", ""] {
        p.write("content/teams/erp.md", &team.replace(line, unread));
        let check = p.run(&["check"]);
        assert_eq!(check.code, 1, "{unread}: {}", check.stderr);
        assert!(
            !check.stderr.contains("RB0214"),
            "{unread}: {}",
            check.stderr
        );
    }
    p.write("content/teams/erp.md", &team.replace(line, "capacity: {}"));
    let check = p.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("error[RB0004]: `capacity` is an empty map: it gives no quarter a value"),
        "{}",
        check.stderr
    );
}

/// Work cancelled after it delivered took the team's people up to its last
/// milestone done, as done work does: dropped, the quarters it ran in read
/// lighter than they were ("plan now 30" beside a snapshot's 180). Spend
/// booked after that milestone is the team still on it, up to the last
/// quarter booked. Work cancelled before delivering or spending anything
/// takes none.
#[test]
fn cancelled_work_takes_its_team_up_to_its_last_milestone_done() {
    let p = Project::empty();
    p.write("book.toml", "[book]\ntitle = \"C\"\n[roadmap]\ntoday = \"2026-11-25\"\n")
        .write("content/outcomes/o.md", "---\ntitle: O\nowner: A\n---\n")
        .write("content/teams/t.md", "---\ntitle: T\ncapacity: 100\n---\n")
        .write(
            "content/initiatives/rpa.md",
            "---\ntitle: RPA\nowner: A\nstatus: cancelled\noutcomes: [o]\nteam: t\neffort: 80\nstart: 2026-01-01\nend: 2026-12-31\nmilestones:\n  - { id: pilot, title: Pilot, due: 2026-05-31, done: 2026-05-20, criteria: [x] }\n  - { id: roll, title: Roll-out, due: 2026-12-31, criteria: [x] }\n---\n",
        )
        .write(
            "content/initiatives/never.md",
            "---\ntitle: Never\nowner: A\nstatus: cancelled\noutcomes: [o]\nteam: t\neffort: 400\nstart: 2026-01-01\nend: 2026-12-31\nmilestones:\n  - { id: m, title: M, due: 2026-12-31, criteria: [x] }\n---\n",
        );
    // The team's committed days per quarter, as roadmap.json gives them.
    let committed = |p: &Project| -> Vec<(String, f64)> {
        p.run(&["build", "--quiet"]).ok();
        let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
        crate::helpers::committed_by_quarter(&json)
    };
    // 20 a quarter (80 over four), up to the quarter of its pilot.
    assert_eq!(
        committed(&p),
        [("2026-Q1".to_string(), 20.0), ("2026-Q2".to_string(), 20.0)],
    );
    let page = p.read("site/teams/t.html");
    assert!(
        page.contains(
            r#"<a href="../initiatives/rpa.html">RPA</a> <small>20, since cancelled</small>"#
        ),
        "{page}"
    );
    // Money booked after the pilot: the team stayed on it to the last
    // quarter spent in; and work that spent before it was cancelled took
    // its people while it spent, though it delivered nothing.
    p.write(
        "content/initiatives/rpa.md",
        &p.read("content/initiatives/rpa.md").replace(
            "effort: 80\n",
            "effort: 80\nspend: { 2026-Q1: 5000, 2026-08: 3000 }\n",
        ),
    )
    .write(
        "content/initiatives/never.md",
        &p.read("content/initiatives/never.md")
            .replace("effort: 400\n", "effort: 400\nspend: { 2026-02: 1000 }\n"),
    );
    assert_eq!(
        committed(&p),
        [
            ("2026-Q1".to_string(), 120.0),
            ("2026-Q2".to_string(), 20.0),
            ("2026-Q3".to_string(), 20.0)
        ],
    );
}

/// Waiting for one milestone of a red initiative is not waiting for its
/// late one: the dependent was painted red for a milestone it does not
/// wait for. Waiting for the whole initiative still is.
#[test]
fn a_milestone_dependency_takes_no_red_from_its_initiative_s_other_milestones() {
    let p = Project::empty();
    p.write("book.toml", "[book]\ntitle = \"C\"\n[roadmap]\ntoday = \"2026-11-25\"\n")
        .write("content/outcomes/o.md", "---\ntitle: O\nowner: A\n---\n")
        .write(
            "content/initiatives/dc.md",
            "---\ntitle: DC\nowner: A\nstatus: active\noutcomes: [o]\nmilestones:\n  - { id: wave1, title: Wave 1, due: 2026-08-31, criteria: [x] }\n  - { id: wave2, title: Wave 2, due: 2027-03-31, criteria: [x] }\n---\n",
        );
    let erp = |depends: &str| {
        format!("---\ntitle: ERP\nowner: A\nstatus: active\noutcomes: [o]\nhealth: green\ndepends_on: [{depends}]\nmilestones:\n  - {{ id: live, title: Live, due: 2027-06-30, criteria: [x] }}\n---\n")
    };
    let computed = |p: &Project| -> String {
        let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
        let h = &json["initiatives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "erp")
            .unwrap()["computed_health"];
        h["health"].as_str().unwrap_or("none").to_string()
    };
    p.write("content/initiatives/erp.md", &erp("dc/wave2"));
    p.run(&["build", "--quiet"]).ok();
    assert_eq!(computed(&p), "green");
    p.write("content/initiatives/erp.md", &erp("dc"));
    p.run(&["build", "--quiet"]).ok();
    assert_eq!(computed(&p), "red");
}

/// A team's page says which of its initiatives are closed: "Assigned
/// initiatives" listed one cancelled in the spring as if it still took the
/// team's people.
#[test]
fn a_team_page_marks_its_closed_initiatives() {
    let p = Project::empty();
    let initiative = |status: &str| {
        format!("---\ntitle: {status}\nowner: A\nstatus: {status}\noutcomes: [o]\nteam: t\nstart: 2026-01-01\nend: 2026-12-31\nmilestones:\n  - {{ id: m, title: M, due: 2026-12-31, criteria: [x] }}\n---\n")
    };
    p.write(
        "book.toml",
        "[book]\ntitle = \"C\"\n[roadmap]\ntoday = \"2026-11-25\"\n",
    )
    .write("content/outcomes/o.md", "---\ntitle: O\nowner: A\n---\n")
    .write("content/teams/t.md", "---\ntitle: T\ncapacity: 100\n---\n")
    .write("content/initiatives/live.md", &initiative("active"))
    .write("content/initiatives/stopped.md", &initiative("cancelled"));
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/teams/t.html");
    assert!(
        page.contains(
            r#"<a href="../initiatives/stopped.html">cancelled</a> <small>(cancelled)</small>"#
        ) && page.contains(r#"<a href="../initiatives/live.html">active</a></li>"#),
        "{page}"
    );
}

/// Work still active past its end counts up to this quarter, and its row
/// says the next quarters count it only once its end is moved (the next
/// quarter's room jumped with nothing said); the page counts teams
/// overcommitted from this quarter on, as the dashboard does, and those
/// over only in a past quarter apart.
#[test]
fn work_past_its_end_says_where_it_stops_being_counted() {
    let p = Project::empty();
    p.write(
        "book.toml",
        "[book]\ntitle = \"C\"\n[roadmap]\ntoday = \"2026-11-25\"\n",
    )
    .write("content/outcomes/o.md", "---\ntitle: O\nowner: A\n---\n")
    .write("content/teams/t.md", "---\ntitle: T\ncapacity: 100\n---\n")
    .write("content/teams/u.md", "---\ntitle: U\ncapacity: 100\n---\n")
    .write(
        "content/initiatives/late.md",
        "---\ntitle: Late\nowner: A\nstatus: active\noutcomes: [o]\nteam: t\neffort: 80\nstart: 2026-01-01\nend: 2026-06-30\nmilestones:\n  - { id: m, title: M, due: 2026-06-30, criteria: [x] }\n---\n",
    )
    .write(
        "content/initiatives/next.md",
        "---\ntitle: Next\nowner: A\nstatus: planned\noutcomes: [o]\nteam: t\neffort: 60\nstart: 2026-10-01\nend: 2027-03-31\nmilestones:\n  - { id: m, title: M, due: 2027-03-31, criteria: [x] }\n---\n",
    )
    .write(
        "content/initiatives/over.md",
        "---\ntitle: Over\nowner: A\nstatus: done\noutcomes: [o]\nteam: t\neffort: 20\nstart: 2026-01-01\nend: 2026-03-31\nmilestones:\n  - { id: m, title: M, due: 2026-03-31, done: 2026-08-10, criteria: [x] }\n---\n",
    )
    .write(
        "content/initiatives/crunch.md",
        "---\ntitle: Crunch\nowner: A\nstatus: done\noutcomes: [o]\nteam: u\neffort: 150\nstart: 2026-04-01\nend: 2026-06-30\nmilestones:\n  - { id: m, title: M, due: 2026-06-30, done: 2026-06-30, criteria: [x] }\n---\n",
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/teams/t.html");
    let row = |quarter: &str| crate::helpers::quarter_row(&page, quarter);
    assert!(
        row("2026-Q3").contains("<small>40, past its end</small>"),
        "{}",
        row("2026-Q3")
    );
    assert!(
        row("2026-Q4").contains(
            "<small>40, past its end: later quarters count it once its end is moved</small>"
        ),
        "{}",
        row("2026-Q4")
    );
    assert!(!row("2027-Q1").contains("Late"), "{}", row("2027-Q1"));
    // Done work that overran is counted to the day it was done, and no
    // later quarter waits for it: no such note.
    let q3 = row("2026-Q3");
    let over = q3
        .split("Over</a> <small>")
        .nth(1)
        .and_then(|rest| rest.split("</small>").next())
        .unwrap_or_else(|| panic!("{q3}"));
    assert!(
        over.ends_with("past its end") && !over.contains("later quarters"),
        "{q3}"
    );
    let capacity = p.read("site/capacity.html");
    assert!(
        capacity.contains(
            "0 of 2 teams overcommitted this quarter or later, 1 more in a past quarter only"
        ),
        "{capacity}"
    );
}

/// A past quarter's load does not depend on the day the site is built:
/// done work counted over the last year only made 2025-Q1 read 78 % at the
/// year's close and 50 % three weeks later, from the same content.
#[test]
fn a_past_quarter_s_capacity_stays_as_the_day_moves_on() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", "---\ntitle: O\nowner: A\n---\n")
        .write(
            "content/teams/t.md",
            "---\ntitle: T\ncapacity: 100\n---\n",
        )
        .write(
            "content/initiatives/done.md",
            "---\ntitle: Done\nowner: A\nstatus: done\noutcomes: [o]\nteam: t\neffort: { t: 80 }\nstart: 2025-01-01\nend: 2025-06-30\nmilestones:\n  - { id: m, title: M, due: 2025-06-30, done: 2025-06-15, criteria: [x] }\n---\n",
        )
        .write(
            "content/initiatives/long.md",
            "---\ntitle: Long\nowner: A\nstatus: active\noutcomes: [o]\nteam: t\neffort: { t: 160 }\nstart: 2025-01-01\nend: 2026-12-31\nmilestones:\n  - { id: m, title: M, due: 2026-12-31, criteria: [x] }\n---\n",
        );
    let committed_in_q1 = |today: &str| {
        p.write(
            "book.toml",
            &format!("[book]\ntitle = \"C\"\n[roadmap]\ntoday = \"{today}\"\n"),
        );
        p.run(&["build", "--quiet"]).ok();
        let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
        json["facts"]["capacity"][0]["quarters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["quarter"] == "2025-Q1")
            .map(|q| q["committed"].as_f64().unwrap())
    };
    // 40 of Done's 80 (two quarters), 20 of Long's 160 (eight).
    assert_eq!(committed_in_q1("2025-12-31"), Some(60.0));
    assert_eq!(committed_in_q1("2026-01-20"), Some(60.0));
}

/// Done work that overran its end takes the quarter it was done in up to
/// the day it was done, not a whole quarter's share: done on 28 January,
/// it made the team overcommitted in a quarter the work had left.
#[test]
fn done_work_that_overran_takes_its_last_quarter_up_to_the_day_it_was_done() {
    let p = Project::empty();
    p.write(
        "book.toml",
        "[book]\ntitle = \"C\"\n[roadmap]\ntoday = \"2026-02-15\"\n",
    )
    .write("content/outcomes/o.md", "---\ntitle: O\nowner: A\n---\n")
    .write("content/teams/t.md", "---\ntitle: T\ncapacity: 100\n---\n")
    .write(
        "content/initiatives/pci.md",
        "---\ntitle: PCI\nowner: A\nstatus: done\noutcomes: [o]\nteam: t\neffort: { t: 200 }\nstart: 2025-07-01\nend: 2025-12-31\nmilestones:\n  - { id: m, title: M, due: 2025-12-31, done: 2026-01-28, criteria: [x] }\n---\n",
    );
    p.run(&["build", "--quiet"]).ok();
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let q1 = json["facts"]["capacity"][0]["quarters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["quarter"] == "2026-Q1")
        .map(|q| q["committed"].as_f64().unwrap())
        .unwrap();
    // 100 a quarter, 28 of Q1's 90 days.
    assert!((q1 - 100.0 * 28.0 / 90.0).abs() < 1e-9, "{q1}");
    assert!(!p.run(&["check"]).stderr.contains("overcommitted-team"));
}
