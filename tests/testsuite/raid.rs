//! The RAID log: its pages, heat map and exports on the bundled example,
//! and its movement through real git-tagged snapshots.

use crate::helpers::{example, git, Project};
use std::collections::BTreeMap;

/// `(probability, impact) → ids` of the heat map's cells on the example's
/// risks page, as the SVG's links and the table they land on say them.
fn heat_cells(page: &str) -> BTreeMap<(u8, u8), (usize, Vec<String>)> {
    let mut cells = BTreeMap::new();
    for link in page.split("<a href=\"#cell-").skip(1) {
        let anchor: String = link.chars().take_while(|c| *c != '"').collect();
        let (p, i) = anchor.split_once('-').unwrap();
        let count: usize = link
            .split_once(r#"data-count=""#)
            .unwrap()
            .1
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        // The link lands on the table row of that cell.
        let row_start = page
            .find(&format!(r#"<tr id="cell-{anchor}">"#))
            .unwrap_or_else(|| panic!("no row for cell {anchor}"));
        let row = &page[row_start..row_start + page[row_start..].find("</tr>").unwrap()];
        let ids: Vec<String> = row
            .split(r#"<a href="../risks/"#)
            .skip(1)
            .map(|s| s.split(".html").next().unwrap().to_string())
            .collect();
        cells.insert((p.parse().unwrap(), i.parse().unwrap()), (count, ids));
    }
    cells
}

#[test]
fn the_heat_map_holds_each_open_item_in_its_cell_and_links_to_it() {
    let (_keep, site) = example();
    let page = std::fs::read_to_string(site.join("risks/index.html")).unwrap();
    let cells = heat_cells(&page);
    let expect = |ids: &[&str]| (ids.len(), ids.iter().map(|s| s.to_string()).collect());
    // Worked out from content/risks/: an issue or an occurred risk counts
    // as probability 5; closed items and decisions are not on the map.
    let want: BTreeMap<(u8, u8), (usize, Vec<String>)> = [
        ((5, 4), expect(&["wave-2-late"])),
        (
            (5, 3),
            expect(&["edi-partner-certificates", "voice-picking-works-council"]),
        ),
        ((4, 5), expect(&["s4-cutover-data-quality"])),
        ((4, 4), expect(&["ar-shortlist-bank-data"])),
        ((3, 5), expect(&["nis2-audit-readiness-capacity"])),
        ((3, 4), expect(&["colo-notice-deadline"])),
        ((2, 4), expect(&["wms-vendor-support"])),
    ]
    .into_iter()
    .collect();
    assert_eq!(cells, want);
    // Its table lists the worst first: by exposure, then by impact.
    let order: Vec<&str> = page
        .match_indices(r#"<tr id="cell-"#)
        .map(|(at, _)| &page[at + 13..at + 16])
        .collect();
    assert_eq!(order, ["4-5", "5-4", "4-4", "3-5", "5-3", "3-4", "2-4"]);
    // Each item's link reaches its page.
    for (_, ids) in cells.values() {
        for id in ids {
            assert!(site.join(format!("risks/{id}.html")).is_file(), "{id}");
        }
    }
    // The 25 cells are tinted by exposure: 15 and above is high.
    assert_eq!(page.matches(r#"class="cell high""#).count(), 6);
    assert!(page.contains(r#"<rect class="cell high" data-probability="5" data-impact="3""#));
    assert!(page.contains(r#"<rect class="cell medium" data-probability="3" data-impact="4""#));
    // The list offers drop-down filters on type, status and owner.
    assert!(page.contains(r#"data-filters="0 1 4""#));
    // What an item affects is named by title and linked (the column held
    // bare ids: `erp-s4-migration/finance-go-live, order-to-cash-efficiency`).
    assert!(
        page.contains(r#"<td><a href="../initiatives/erp-s4-migration.html#m-finance-go-live">Finance and sales go-live</a>, <a href="../outcomes/order-to-cash-efficiency.html">Cut order-to-cash cycle time by 30 %</a></td>"#),
        "{page}"
    );
    // And so does the change requests' list.
    let changes = std::fs::read_to_string(site.join("changes/index.html")).unwrap();
    assert!(changes.contains(r#"<td><a href="../initiatives/rpa-order-entry.html">Robotic process automation for e-mailed and faxed orders</a></td>"#));
    // The wave-2 risk occurred: an issue now, and counted as one (the
    // dashboard said "5 risks, 2 issues"), said beside the counts (its row
    // reads "risk", and "0 risks, 1 issue" stood above one).
    let dashboard = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        dashboard.contains("(4 risks, 1 assumption, 3 issues, 0 decisions; the issues include 1 risk that occurred)"),
        "{dashboard}"
    );
}

#[test]
fn initiative_and_outcome_pages_list_the_open_items_that_threaten_them() {
    let (_keep, site) = example();
    let read = |p: &str| std::fs::read_to_string(site.join(p)).unwrap();
    let section = |page: &str| -> Vec<String> {
        let Some(start) = page.find(r#"<h2 id="h-risks">"#) else {
            return Vec::new();
        };
        let end = start + page[start..].find("</section>").unwrap();
        page[start..end]
            .split(r#"<a href="../risks/"#)
            .skip(1)
            .map(|s| s.split(".html").next().unwrap().to_string())
            .collect()
    };
    // A risk that occurred is counted with the issues, and its row says so.
    assert!(read("initiatives/voice-picking-pilot.html")
        .contains("Works council blocks pick-rate data until a company agreement exists</a></th><td>risk (occurred)</td>"));
    // Through its milestone; the decision on it is closed, so not listed.
    assert_eq!(
        section(&read("initiatives/erp-s4-migration.html")),
        ["s4-cutover-data-quality"]
    );
    // An outcome: directly, and through the work serving it, highest
    // exposure first.
    let o2c = section(&read("outcomes/order-to-cash-efficiency.html"));
    assert_eq!(o2c[0], "s4-cutover-data-quality");
    assert!(
        o2c.contains(&"ar-shortlist-bank-data".to_string()),
        "{o2c:?}"
    );
    // A closed risk leaves no section, only its backlink.
    let lakehouse = read("initiatives/lakehouse-migration.html");
    assert!(section(&lakehouse).is_empty());
    assert!(lakehouse.contains(r#"href="../risks/lakehouse-skills.html""#));
    // The gate risk makes the shortlist's initiative amber, and says why.
    let ar = read("initiatives/cash-application-automation.html");
    assert!(ar.contains("threatens gate “Solution shortlist approved”, due in 23 days"));
    // A decision shows on the change request and the review that made it.
    for page in [
        "changes/cr-2026-06-erp-go-live-january.html",
        "reviews/strategic-review-2026-06.html",
    ] {
        let html = read(page);
        let made = &html[html
            .find("<h3>Decisions it made</h3>")
            .unwrap_or_else(|| panic!("{page}"))..];
        assert!(
            made.starts_with("<h3>Decisions it made</h3>\n<ul><li><a href=\"../risks/erp-go-live-january.html\">"),
            "{page}"
        );
    }
    // The dashboard lists the highest exposures.
    let dash = read("index.html");
    assert!(dash.contains(r#"<h2 id="h-risks">Risks and issues</h2>"#));
    assert!(
        dash.contains("8 open in the"),
        "{}",
        &dash[dash.find("h-risks").unwrap()..][..400]
    );
}

#[test]
fn risks_csv_lists_the_log_highest_exposure_first() {
    let (_keep, site) = example();
    let mut reader = csv::Reader::from_path(site.join("risks.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10);
    let ids: Vec<&str> = rows.iter().map(|r| &r[col("id")]).collect();
    assert_eq!(&ids[..2], ["s4-cutover-data-quality", "wave-2-late"]);
    assert_eq!(
        ids[ids.len() - 2..],
        ["lakehouse-skills", "erp-go-live-january"]
    );
    let colo = rows
        .iter()
        .find(|r| &r[col("id")] == "colo-notice-deadline")
        .unwrap();
    assert_eq!(&colo[col("exposure")], "12");
    assert_eq!(&colo[col("exposure_level")], "medium");
    assert_eq!(&colo[col("review_overdue_since")], "2026-10-31");
    let decision = rows
        .iter()
        .find(|r| &r[col("id")] == "erp-go-live-january")
        .unwrap();
    assert_eq!(
        &decision[col("decided_in")],
        "cr-2026-06-erp-go-live-january;strategic-review-2026-06"
    );
}

const OUTCOME: &str = "---\ntitle: O\nowner: A\n---\n";

fn risk(id: &str, fields: &str) -> (String, String) {
    (
        format!("content/risks/{id}.md"),
        format!("---\ntitle: Risk {id}\nowner: R\naffects: [i]\nmitigation: M\n{fields}---\n"),
    )
}

/// A repository tagged at Q3, then edited: `up`'s exposure rises, `gone`
/// closes, `back` reopens, `new` is logged, `brief` is raised and closed
/// within the period, and `same` does not move.
fn raid_repo() -> Project {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME).write(
        "content/initiatives/i.md",
        "---\ntitle: I\nowner: B\noutcomes: [o]\n---\n",
    );
    git(&p, "2026-09-01", &["init", "-q"]);
    p.write(
        "book.toml",
        "[book]\ntitle = \"RAID\"\n[roadmap]\ntoday = \"2026-09-30\"\n",
    );
    for (path, text) in [
        risk("up", "probability: 2\nimpact: 3\n"),
        risk("gone", "probability: 3\nimpact: 3\n"),
        risk("back", "probability: 2\nimpact: 2\nstatus: closed\n"),
        risk("same", "probability: 1\nimpact: 5\n"),
    ] {
        p.write(&path, &text);
    }
    git(&p, "2026-09-30", &["add", "-A"]);
    git(&p, "2026-09-30", &["commit", "-qm", "Q3"]);
    git(&p, "2026-09-30", &["tag", "roadmap/2026-Q3"]);
    p.write(
        "book.toml",
        "[book]\ntitle = \"RAID\"\n[roadmap]\ntoday = \"2026-11-25\"\n",
    );
    for (path, text) in [
        risk("up", "probability: 4\nimpact: 4\n"),
        risk("gone", "probability: 3\nimpact: 3\nstatus: closed\n"),
        risk("back", "probability: 2\nimpact: 2\nstatus: open\n"),
        risk("new", "type: issue\nimpact: 2\n"),
        risk("brief", "probability: 3\nimpact: 5\nstatus: closed\n"),
    ] {
        p.write(&path, &text);
    }
    git(&p, "2026-11-25", &["add", "-A"]);
    git(&p, "2026-11-25", &["commit", "-qm", "now"]);
    p
}

#[test]
fn the_raid_log_moves_through_git_tagged_snapshots() {
    let p = raid_repo();
    let out = p.run(&["diff", "2026-Q3", "--format", "json"]).ok();
    let diff: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let changes: Vec<(String, String, String, String)> = diff["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            let s = |k: &str| match &x[k] {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => "-".into(),
                v => v.to_string(),
            };
            (
                s("id"),
                s("change"),
                format!("{}→{}", s("from_status"), s("to_status")),
                format!("{}→{}", s("from_exposure"), s("to_exposure")),
            )
        })
        .collect();
    let row = |a: &str, b: &str, c: &str, d: &str| {
        (a.to_string(), b.to_string(), c.to_string(), d.to_string())
    };
    assert_eq!(
        changes,
        [
            // Closed at the start: reopened, not new.
            row("back", "reopened", "closed→open", "4→4"),
            // Raised and closed between the snapshots: said, not lost.
            row("brief", "closed", "-→closed", "-→15"),
            row("gone", "closed", "open→closed", "9→9"),
            row("new", "opened", "-→open", "-→10"),
            row("up", "exposure-rose", "open→open", "6→16"),
        ]
    );
    // The text form says the same, and the diff page shows it.
    let text = p.run(&["diff", "2026-Q3"]).ok().stdout;
    assert!(
        text.contains("risk     up: exposure rose (status open, exposure 6 → 16)"),
        "{text}"
    );
    p.run(&["build"]).ok();
    let page = p.read("site/history/2026-Q3--current.html");
    assert!(page.contains("<h2>RAID log</h2>"));
    assert!(page.contains(r#"<span class="badge health-amber">exposure rose</span></td><td>open</td><td class="num">6 → 16</td>"#));
    // An exposure that did not move is one figure, not "9 → 9".
    assert!(
        text.contains("risk     gone: closed (status open → closed, exposure 9)"),
        "{text}"
    );
    assert!(
        page.contains(r#"</td><td>open → closed</td><td class="num">9</td>"#),
        "{page}"
    );
    // The period's one line, which the brief and the dashboard give
    // leadership, names it too.
    assert!(
        page.contains(", 1 RAID item opened, 1 RAID item reopened, 2 RAID items closed, exposure rose on 1 RAID item, "),
        "{page}"
    );
    assert!(p
        .read("site/brief.html")
        .contains(", 1 RAID item opened, 1 RAID item reopened, 2 RAID items closed, exposure rose on 1 RAID item, "));
    // The snapshot itself renders its own RAID log, as it was.
    let archived = p.read("site/v/2026-Q3/risks/index.html");
    assert!(archived.contains("4 RAID items (3 open)"), "{archived}");
    // Rated down is news too: the line says it (a high risk scored lower
    // left the brief's high exposures with nothing said).
    let (path, text) = risk("same", "probability: 1\nimpact: 3\n");
    p.write(&path, &text);
    p.run(&["build", "--quiet"]).ok();
    assert!(
        p.read("site/brief.html")
            .contains("exposure rose on 1 RAID item, exposure fell on 1 RAID item, "),
        "the period's line"
    );
}

#[test]
fn an_issue_on_an_outcome_is_answered_by_a_change_to_the_work_serving_it() {
    let p = Project::empty();
    p.write("book.toml", "[book]\ntitle = \"RAID\"\n[roadmap]\ntoday = \"2026-11-25\"\n")
        .write("content/outcomes/o.md", OUTCOME)
        .write("content/initiatives/i.md", "---\ntitle: I\nowner: B\noutcomes: [o]\nstatus: active\n---\n")
        .write(
            "content/risks/r.md",
            "---\ntitle: R\nowner: A\ntype: issue\nimpact: 3\nmitigation: M\naffects: [o]\noccurred: 2026-10-01\n---\n",
        );
    let fired = |p: &Project| -> Vec<serde_json::Value> {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|f| f["rule"] == "occurred-risk-open")
            .collect()
    };
    let found = fired(&p);
    assert_eq!(found.len(), 1);
    // The help names work a change request can affect, not the outcome.
    assert_eq!(
        found[0]["help"],
        "record the response in a change request: `roadbook new change ID --affects i`"
    );
    // Rejected, a request is no response (from a trial).
    p.write(
        "content/changes/cr.md",
        "---\ntitle: C\ndate: 2026-10-10\nstatus: rejected\ndecided_by: Board\naffects: [i]\n---\n",
    );
    assert_eq!(fired(&p).len(), 1);
    p.write(
        "content/changes/cr.md",
        "---\ntitle: C\ndate: 2026-10-10\nstatus: proposed\naffects: [i]\n---\n",
    );
    assert!(fired(&p).is_empty());
}

/// A risk that hit a milestone delivered since asks for no change
/// request: no plan carries on past it.
#[test]
fn an_occurred_risk_on_delivered_work_asks_for_nothing() {
    let p = Project::empty();
    let initiative = |done: &str| {
        format!("---\ntitle: I\nowner: B\noutcomes: [o]\nstatus: active\nmilestones:\n  - {{ id: cut, title: Cut-over, due: 2026-12-31, criteria: [x]{done} }}\n  - {{ id: later, title: Later, due: 2027-06-30, criteria: [x] }}\n---\n")
    };
    p.write("book.toml", "[book]\ntitle = \"RAID\"\n[roadmap]\ntoday = \"2026-11-25\"\n")
        .write("content/outcomes/o.md", OUTCOME)
        .write("content/initiatives/i.md", &initiative(""))
        .write(
            "content/risks/r.md",
            "---\ntitle: R\nowner: A\nstatus: occurred\nprobability: 3\nimpact: 3\nmitigation: M\naffects: [i/cut]\noccurred: 2026-10-01\n---\n",
        );
    let fired = |p: &Project| {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .filter(|l| l.contains(r#""rule":"occurred-risk-open""#))
            .count()
    };
    assert_eq!(fired(&p), 1);
    p.write(
        "content/initiatives/i.md",
        &initiative(", done: 2026-11-20"),
    );
    assert_eq!(fired(&p), 0);
}

#[test]
fn a_risk_logged_as_occurred_and_one_whose_exposure_fell_are_said_so() {
    let p = raid_repo();
    p.write(
        "content/risks/same.md",
        &risk("same", "probability: 1\nimpact: 3\n").1,
    )
    .write(
        "content/risks/hit.md",
        &risk("hit", "probability: 2\nimpact: 3\nstatus: occurred\n").1,
    )
    .write(
        "content/risks/wrong.md",
        &risk(
            "wrong",
            "type: assumption\nprobability: 2\nimpact: 3\nstatus: occurred\n",
        )
        .1,
    );
    let out = p.run(&["diff", "2026-Q3", "--format", "json"]).ok();
    let diff: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let change = |id: &str| -> (String, serde_json::Value, serde_json::Value) {
        let x = diff["risks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == id)
            .unwrap_or_else(|| panic!("no change for {id}: {diff:#}"));
        (
            x["change"].as_str().unwrap().to_string(),
            x["from_exposure"].clone(),
            x["to_exposure"].clone(),
        )
    };
    assert_eq!(change("same"), ("exposure-fell".into(), 5.into(), 3.into()));
    // The text says the status and exposure once (found by a trial: "open
    // → occurred; exposure rose 16 → 20" repeated them after the line's
    // own figures).
    let text = p.run(&["diff", "2026-Q3"]).ok().stdout;
    assert!(
        text.contains("risk     same: exposure fell (status open, exposure 5 → 3): lowered with no review recorded\n")
            && text
                .contains("risk     hit: occurred (status none → occurred, exposure none → 15)\n"),
        "{text}"
    );
    // New, and it already happened: certain, 5 × 3.
    assert_eq!(
        change("hit"),
        ("occurred".into(), serde_json::Value::Null, 15.into())
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/history/2026-Q3--current.html");
    // An assumption that occurred is no "risk occurred".
    assert!(
        page.contains(", 1 risk occurred, 1 other RAID item occurred, "),
        "{page}"
    );
    // roadmap.json counts it as the pages and risks.csv do: certain.
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let hit = json["risks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "hit")
        .unwrap();
    assert_eq!(
        (&hit["probability"], &hit["likelihood"], &hit["exposure"]),
        (&2.into(), &5.into(), &15.into())
    );
    assert!(p
        .read("site/risks.csv")
        .contains("hit,Risk hit,risk,occurred,R,5,3,15,"));
}

/// An item reviewed without a `review_by` is next due `risk-review-days`
/// after that review: shown on its page and in the log before it is late,
/// where it used to appear only once overdue.
#[test]
fn the_next_review_shows_before_it_is_late() {
    let p = Project::empty();
    p.write(
        "book.toml",
        "[book]\ntitle = \"Raid\"\n[roadmap]\ntoday = \"2026-11-25\"\n",
    )
    .write("content/outcomes/o.md", OUTCOME)
    .write(
        "content/initiatives/i.md",
        "---\ntitle: I\nowner: B\noutcomes: [o]\n---\n",
    );
    let (path, text) = risk("r", "probability: 2\nimpact: 2\nreviewed: 2026-11-02\n");
    p.write(&path, &text);
    p.run(&["build"]).ok();
    // 31 days (the default) after 2026-11-02.
    let page = p.read("site/risks/r.html");
    assert!(
        page.contains("2026-12-03 (31 days after its last review)"),
        "{page}"
    );
    assert!(p.read("site/risks/index.html").contains("2026-12-03"));
    // The log's CSV keeps `review_by` as written and gives the day due.
    let mut reader = csv::Reader::from_path(p.path().join("site/risks.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(
        (&row[col("review_by")], &row[col("next_review")]),
        ("", "2026-12-03")
    );
    // Closed, it is reviewed no more, and its exposure is what it was
    // scored at, not a live threat's colour.
    let (path, text) = risk(
        "r",
        "probability: 5\nimpact: 4\nreviewed: 2026-11-02\nreview_by: 2026-12-01\nstatus: closed\n",
    );
    p.write(&path, &text);
    p.run(&["build"]).ok();
    let page = p.read("site/risks/r.html");
    assert!(
        !page.contains("Review by") && !page.contains("2026-12-01"),
        "{page}"
    );
    assert!(
        page.contains(r#"<span class="badge exposure-closed">20 high (5 × 4)</span>"#),
        "{page}"
    );
    // Listed among what the initiative is linked to, it says it is closed.
    let initiative = p.read("site/initiatives/i.html");
    assert!(
        initiative.contains(">Risk r</a> <small>(closed)</small>"),
        "{initiative}"
    );
    let log = p.read("site/risks/index.html");
    assert!(
        !log.contains("2026-12-01")
            && log.contains(r#"<span class="badge exposure-closed">20 high</span>"#),
        "{log}"
    );
}

/// Deleting or renaming a RAID item a tagged snapshot showed open takes the
/// threat off the log, the heat map and the brief: a finding, named by the
/// title it had. One closed in the snapshot was settled on record.
#[test]
fn a_risk_deleted_or_renamed_after_a_snapshot_showed_it_open_is_a_finding() {
    let p = raid_repo();
    let removed = |p: &Project| -> Vec<String> {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|f| f["rule"] == "removed-risk")
            .map(|f| {
                format!(
                    "{}: {}",
                    f["path"].as_str().unwrap(),
                    f["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert!(removed(&p).is_empty());
    // `same` deleted; `up` renamed and rescored; `back`, closed at Q3,
    // deleted.
    let up = p.read("content/risks/up.md");
    std::fs::remove_file(p.path().join("content/risks/same.md")).unwrap();
    std::fs::remove_file(p.path().join("content/risks/up.md")).unwrap();
    std::fs::remove_file(p.path().join("content/risks/back.md")).unwrap();
    p.write(
        "content/risks/up-renamed.md",
        &up.replace("probability: 4", "probability: 1"),
    );
    assert_eq!(
        removed(&p),
        [
            "content/risks/same.md: risk `same` (“Risk same”, exposure 5) was open in snapshot 2026-Q3 and its file is gone: deleting it took it off the RAID log, the heat map and the brief, with no decision on record",
            "content/risks/up.md: risk `up` (“Risk up”, exposure 6) was open in snapshot 2026-Q3 and its file is gone: deleting it took it off the RAID log, the heat map and the brief, with no decision on record",
        ]
    );
    // A typo in another risk's `affects` is an error of its own, and hides
    // neither (every risk file was read: from a trial, it hid the one
    // deleted until the typo was fixed).
    let up_renamed = p.read("content/risks/up-renamed.md");
    p.write(
        "content/risks/up-renamed.md",
        &up_renamed.replace("affects: [i]", "affects: [i, nowhere]"),
    );
    assert_eq!(removed(&p).len(), 2, "{:?}", removed(&p));
    p.write("content/risks/up-renamed.md", &up_renamed);
    // Leadership's page names them by the title they had.
    p.run(&["build", "--quiet"]).ok();
    let dashboard = p.read("site/index.html");
    assert!(dashboard.contains("Risk same"), "{dashboard}");
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    assert_eq!(json["history"]["removed_risks"][1]["id"], "up");
    assert_eq!(json["history"]["removed_risks"][1]["exposure"], 6);
    // Brought back and closed: settled on record.
    p.write(
        "content/risks/same.md",
        &risk("same", "probability: 1\nimpact: 5\nstatus: closed\n").1,
    )
    .write(
        "content/risks/up.md",
        &risk("up", "probability: 2\nimpact: 3\nstatus: closed\n").1,
    );
    assert!(removed(&p).is_empty(), "{:?}", removed(&p));
}

/// Found by a trial: a RAID item deleted after a snapshot, then restored
/// closed in the next period, read in `diff` and on the period's page as
/// raised and closed in it, new to the log, where the log's own page said
/// it was back: the period tells it from the last snapshot that had it.
#[test]
fn a_raid_item_restored_is_back_in_the_log_not_new() {
    let p = raid_repo();
    std::fs::remove_file(p.path().join("content/risks/same.md")).unwrap();
    p.write(
        "book.toml",
        "[book]\ntitle = \"RAID\"\n[roadmap]\ntoday = \"2026-12-31\"\n",
    );
    git(&p, "2026-12-31", &["add", "-A"]);
    git(&p, "2026-12-31", &["commit", "-qm", "Q4"]);
    git(&p, "2026-12-31", &["tag", "roadmap/2026-Q4"]);
    let (path, text) = risk("same", "probability: 1\nimpact: 5\nstatus: closed\n");
    p.write(&path, &text).write(
        "book.toml",
        "[book]\ntitle = \"RAID\"\n[roadmap]\ntoday = \"2027-01-15\"\n",
    );
    let text = p.run(&["diff", "2026-Q4"]).ok().stdout;
    assert!(
        text.contains(
            "risk     same: closed (status open → closed, exposure 5): back in the log; with no review recorded\n"
        ) && !text.contains("added    same"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&p.run(&["diff", "2026-Q4", "--format", "json"]).ok().stdout).unwrap();
    let row = &json["risks"][0];
    assert_eq!(
        (&row["id"], &row["from_status"], &row["moved"]),
        (
            &serde_json::json!("same"),
            &serde_json::json!("open"),
            &serde_json::json!("back in the log; closed with no review recorded")
        ),
        "{row}"
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/history/2026-Q4--current.html");
    assert!(
        page.contains("back in the log; closed with no review recorded"),
        "{page}"
    );
    // Restored as it was: still a row of the period, back in the log.
    let (path, text) = risk("same", "probability: 1\nimpact: 5\n");
    p.write(&path, &text);
    let text = p.run(&["diff", "2026-Q4"]).ok().stdout;
    assert!(
        text.contains("risk     same: updated (status open, exposure 5): back in the log\n"),
        "{text}"
    );
}

/// An item page's "Through the snapshots" section, up to its table's end.
fn trail_section(page: &str) -> &str {
    let section = &page[page
        .find(r#"<h2 id="h-raid-trail">"#)
        .expect("a trail section")..];
    &section[..section.find("</table>").unwrap()]
}

/// The steering committee's question of one RAID item over a year: when it
/// was logged, how its exposure moved, who owned it and when it was last
/// reviewed, quarter by quarter. Two tagged quarters and the working tree:
/// `watched` is logged in Q2, rescored, handed over and set to mitigating
/// by Q3, closed now; `steady` is handed over in Q3 and only retitled
/// since; `fresh` is new since Q3.
#[test]
fn a_raid_items_page_shows_its_row_in_every_quarter_and_what_moved() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME).write(
        "content/initiatives/i.md",
        "---\ntitle: I\nowner: B\noutcomes: [o]\n---\n",
    );
    git(&p, "2026-06-01", &["init", "-q"]);
    let watched = |owner: &str, rest: &str| {
        format!("---\ntitle: Watched\nowner: {owner}\naffects: [i]\n{rest}---\n")
    };
    let quarter = |today: &str, tag: Option<&str>, files: &[(&str, String)]| {
        p.write(
            "book.toml",
            &format!("[book]\ntitle = \"RAID\"\n[roadmap]\ntoday = \"{today}\"\n"),
        );
        for (path, text) in files {
            p.write(path, text);
        }
        git(&p, today, &["add", "-A"]);
        git(&p, today, &["commit", "-qm", today]);
        if let Some(tag) = tag {
            git(&p, today, &["tag", &format!("roadmap/{tag}")]);
        }
    };
    let (steady, steady_text) = risk("steady", "probability: 2\nimpact: 2\n");
    quarter(
        "2026-06-30",
        Some("2026-Q2"),
        &[
            (
                "content/risks/watched.md",
                watched(
                    "Ana",
                    "probability: 2\nimpact: 3\nmitigation: Watch it.\nreviewed: 2026-06-10\n",
                ),
            ),
            (steady.as_str(), steady_text.clone()),
        ],
    );
    quarter(
        "2026-09-30",
        Some("2026-Q3"),
        &[
            (
                "content/risks/watched.md",
                watched("Ben", "probability: 3\nimpact: 4\nstatus: mitigating\nmitigation: Watch it.\nreviewed: 2026-09-12\n"),
            ),
            // Handed over, nothing else: the period says so too.
            (steady.as_str(), steady_text.replace("owner: R", "owner: Cleo")),
        ],
    );
    quarter(
        "2026-11-25",
        None,
        &[
            (
                "content/risks/watched.md",
                watched("Ben", "probability: 1\nimpact: 4\nstatus: closed\nmitigation: Second supplier signed.\nreviewed: 2026-11-20\n"),
            ),
            // Scored in quotes: the number it says.
            ("content/risks/fresh.md", risk("fresh", "probability: \"4\"\nimpact: 4\n").1),
            // Softened by its title alone: the log says what it was.
            (
                steady.as_str(),
                steady_text
                    .replace("owner: R", "owner: Cleo")
                    .replace("title: Risk steady", "title: A mild risk"),
            ),
        ],
    );
    p.run(&["build", "--quiet"]).ok();

    // The period's RAID table and `roadbook diff` say all that moved, a
    // hand-over too.
    let period = p.read("site/history/2026-Q2--2026-Q3.html");
    assert!(
        period.contains(
            r#"updated</span></td><td>open</td><td class="num">4</td><td>owner now Cleo</td>"#
        ),
        "{period}"
    );
    assert!(
        period.contains("<td>open → mitigating; exposure rose 6 → 12; owner now Ben</td>"),
        "{period}"
    );
    let text = p.run(&["diff", "2026-Q2", "2026-Q3"]).ok().stdout;
    assert!(
        text.contains("risk     steady: updated (status open, exposure 4): owner now Cleo"),
        "{text}"
    );

    // The item's page: its row in each quarter from the first that logged
    // it, each snapshot's linked to its page in that snapshot's site.
    let page = p.read("site/risks/watched.html");
    let section = trail_section(&page);
    let rows: Vec<String> = section
        .split("<tr>")
        .skip(2)
        .map(|row| {
            // Each cell's text, its tags taken out.
            row.replace("</th>", "</td>")
                .split("</td>")
                .map(|cell| {
                    let mut text = String::new();
                    let mut in_tag = false;
                    for c in cell.chars() {
                        match c {
                            '<' => in_tag = true,
                            '>' => in_tag = false,
                            c if !in_tag => text.push(c),
                            _ => {}
                        }
                    }
                    text.trim().to_string()
                })
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    assert_eq!(
        rows,
        [
            "2026-Q2 2026-06-30 | open | 2 × 3 | 6 medium | Ana | 2026-06-10 | first logged",
            "2026-Q3 2026-09-30 | mitigating | 3 × 4 | 12 medium | Ben | 2026-09-12 | open → mitigating; exposure rose 6 → 12; owner now Ben",
            "current 2026-11-25 | closed | 1 × 4 | 4 low | Ben | 2026-11-20 | closed; exposure fell 12 → 4; mitigation rewritten",
        ],
        "{section}"
    );
    assert!(
        section.contains(r#"<a href="../v/2026-Q2/risks/watched.html">2026-Q2</a>"#),
        "{section}"
    );
    assert!(
        section.contains(r#"<a href="../v/2026-Q3/risks/watched.html">2026-Q3</a>"#),
        "{section}"
    );
    // And in one line among its facts.
    assert!(
        page.contains(
            "<dt>Since 2026-Q3</dt><dd>closed; exposure fell 12 → 4; mitigation rewritten</dd>"
        ),
        "{page}"
    );
    // A quarter's own site tells the item as that quarter read it: its
    // rows up to it, and what moved since the quarter before.
    let archived = p.read("site/v/2026-Q3/risks/watched.html");
    assert!(
        archived.contains(r#"<a href="../../../v/2026-Q2/risks/watched.html">2026-Q2</a>"#),
        "{archived}"
    );
    assert!(
        archived.contains(
            "<dt>Since 2026-Q2</dt><dd>open → mitigating; exposure rose 6 → 12; owner now Ben</dd>"
        ),
        "{archived}"
    );
    assert!(!archived.contains("closed; exposure fell"), "{archived}");
    assert!(p.path().join("site/v/2026-Q2/risks/watched.html").is_file());
    assert!(p
        .read("site/v/2026-Q3/risks/index.html")
        .contains(r#"<th scope="col">Since 2026-Q2</th>"#));
    // New since the last snapshot: no table of one row, the fact says it.
    let fresh = p.read("site/risks/fresh.html");
    assert!(!fresh.contains("h-raid-trail"), "{fresh}");
    assert!(
        fresh.contains("<dt>Since 2026-Q3</dt><dd>opened</dd>"),
        "{fresh}"
    );
    let steady_page = p.read("site/risks/steady.html");
    assert!(
        steady_page.contains("<dt>Since 2026-Q3</dt><dd>retitled (was “Risk steady”)</dd>"),
        "{steady_page}"
    );

    // The log lists what moved, row by row, and so does its CSV.
    let log = p.read("site/risks/index.html");
    assert!(
        log.contains(r#"<th scope="col">Since 2026-Q3</th>"#),
        "{log}"
    );
    let mut reader = csv::Reader::from_path(p.path().join("site/risks.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let moved: BTreeMap<String, (String, String)> = reader
        .records()
        .map(Result::unwrap)
        .map(|r| {
            (
                r[col("id")].to_string(),
                (
                    r[col("last_snapshot")].to_string(),
                    r[col("moved_since_last_snapshot")].to_string(),
                ),
            )
        })
        .collect();
    let at = |s: &str| ("2026-Q3".to_string(), s.to_string());
    assert_eq!(
        moved["watched"],
        at("closed; exposure fell 12 → 4; mitigation rewritten")
    );
    assert_eq!(moved["fresh"], at("opened"));
    assert_eq!(moved["steady"], at("retitled (was “Risk steady”)"));
    for id in ["watched", "fresh", "steady"] {
        assert!(
            log.contains(&format!("<td>{}</td>", moved[id].1)),
            "{id}: {log}"
        );
    }

    // roadmap.json keeps the whole trail, one entry per point.
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let trail = |id: &str| -> Vec<serde_json::Value> {
        json["risks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == id)
            .unwrap()["trail"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| match &t["state"] {
                serde_json::Value::Object(s) => {
                    serde_json::json!([t["point"], s["status"], s["exposure"], s["owner"]])
                }
                other => serde_json::json!([t["point"], other]),
            })
            .collect()
    };
    assert_eq!(
        trail("watched"),
        [
            serde_json::json!(["2026-Q2", "open", 6, "Ana"]),
            serde_json::json!(["2026-Q3", "mitigating", 12, "Ben"]),
            serde_json::json!(["current", "closed", 4, "Ben"]),
        ]
    );
    assert_eq!(
        trail("fresh"),
        [
            serde_json::json!(["2026-Q2", null]),
            serde_json::json!(["2026-Q3", null]),
            serde_json::json!(["current", "open", 16, "R"]),
        ]
    );

    // The quarter's snapshot is taken, then presented: compared with
    // itself, every row would read "no change" in the meeting. A snapshot
    // of the very day read is the version itself: the log still says what
    // moved since the quarter before, and the item's rows show it once.
    git(&p, "2026-11-25", &["tag", "roadmap/2026-Q4"]);
    p.run(&["build", "--quiet"]).ok();
    let log = p.read("site/risks/index.html");
    assert!(
        log.contains(r#"<th scope="col">Since 2026-Q3</th>"#),
        "{log}"
    );
    assert!(
        log.contains("<td>closed; exposure fell 12 → 4; mitigation rewritten</td>"),
        "{log}"
    );
    let page = p.read("site/risks/watched.html");
    assert!(
        page.contains(
            "<dt>Since 2026-Q3</dt><dd>closed; exposure fell 12 → 4; mitigation rewritten</dd>"
        ),
        "{page}"
    );
    let section = trail_section(&page);
    assert_eq!(
        section.matches("<tr><th scope=\"row\">").count(),
        3,
        "{section}"
    );
    assert!(
        section.contains(r#"<a href="../v/2026-Q4/risks/watched.html">2026-Q4</a>"#),
        "{section}"
    );
    assert!(!section.contains(">current <"), "{section}");
}

/// A repository whose RAID item `cutover` was tagged at each quarter
/// (its day, name and fields), then stands as `now` (a day, its fields)
/// in the working tree.
fn cutover_through(quarters: &[(&str, &str, &str)], now: (&str, &str)) -> Project {
    let p = Project::empty();
    let book = |today: &str| format!("[book]\ntitle = \"RAID\"\n[roadmap]\ntoday = \"{today}\"\n");
    let at = |today: &str, fields: &str| {
        let (path, text) = risk("cutover", fields);
        p.write(&path, &text).write("book.toml", &book(today));
    };
    p.write("content/outcomes/o.md", OUTCOME).write(
        "content/initiatives/i.md",
        "---\ntitle: I\nowner: B\noutcomes: [o]\n---\n",
    );
    git(&p, "2026-01-01", &["init", "-q"]);
    for &(day, name, fields) in quarters {
        at(day, fields);
        git(&p, day, &["add", "-A"]);
        git(&p, day, &["commit", "-qm", name]);
        git(&p, day, &["tag", &format!("roadmap/{name}")]);
    }
    at(now.0, now.1);
    p
}

/// Found by a trial: an item its owner reviewed again read "no change" in
/// the log, the words the routine gives an item nobody looks at. The log
/// says "reviewed" and the day; the period's table and `diff` still list
/// only what changed (a review alone would fill them every quarter).
#[test]
fn a_raid_item_reviewed_again_says_so_in_the_log_not_in_the_period() {
    let fields = |reviewed: &str| format!("probability: 2\nimpact: 3\nreviewed: {reviewed}\n");
    let p = cutover_through(
        &[("2026-06-30", "2026-Q2", &fields("2026-06-01"))],
        ("2026-11-25", &fields("2026-09-20")),
    );
    p.run(&["build", "--quiet"]).ok();
    let csv = p.read("site/risks.csv");
    assert!(csv.contains(",2026-Q2,reviewed 2026-09-20"), "{csv}");
    let text = p.run(&["diff"]).ok().stdout;
    assert!(!text.contains("cutover"), "{text}");
    let period = p.read("site/history/2026-Q2--current.html");
    assert!(!period.contains("risks/cutover.html"), "{period}");
}

/// Found by a trial: a risk lowered or closed with no review was pointed
/// at its `review_by:`, where the fix is to record `reviewed:`. The finding
/// points at `reviewed:` when it is written, else at what was lowered:
/// `status:` for one closed, the scores for one re-scored.
#[test]
fn a_risk_lowered_unreviewed_points_at_the_review_to_record_or_what_was_lowered() {
    let place = |now: &str| -> (u64, u64) {
        let p = cutover_through(
            &[(
                "2026-06-30",
                "2026-Q2",
                "probability: 4\nimpact: 5\nreviewed: 2026-06-01\nreview_by: 2026-12-31\n",
            )],
            ("2026-11-25", now),
        );
        let out = p.run(&["check", "--format", "json"]).stdout;
        let found: Vec<serde_json::Value> = out
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|d| d["rule"] == "risk-lowered-unreviewed")
            .collect();
        assert_eq!(found.len(), 1, "{out}");
        (
            found[0]["line"].as_u64().unwrap(),
            found[0]["col"].as_u64().unwrap_or(0),
        )
    };
    // Lines 2-5 are title, owner, affects and mitigation (see `risk`).
    assert_eq!(
        place("probability: 4\nimpact: 5\nreview_by: 2026-12-31\nreviewed: 2026-06-01\nstatus: closed\n").0,
        9,
        "`reviewed:`, not `review_by:` (line 8)"
    );
    assert_eq!(
        place("probability: 4\nimpact: 5\nreview_by: 2026-12-31\nstatus: closed\n").0,
        9,
        "`status:`"
    );
    assert_eq!(
        place("review_by: 2026-12-31\nprobability: 1\nimpact: 5\n").0,
        7,
        "`probability:`"
    );
}

/// A risk re-scored from high exposure to low with no review on record,
/// over three quarters: said until a review after the snapshot that had it
/// high is recorded, whatever snapshots are taken meanwhile, on the
/// working tree's findings and brief and on the quarter's own pages as of
/// its day (found by a trial: lowering a score took an item off the
/// brief's largest risks with nothing said).
#[test]
fn a_risk_lowered_from_high_with_no_review_is_said_until_one_is_recorded() {
    // Lowered to 2 × 3 in Q3, reviewed before Q2 was taken.
    let p = cutover_through(
        &[
            (
                "2026-06-30",
                "2026-Q2",
                "probability: 4\nimpact: 5\nreviewed: 2026-06-01\n",
            ),
            (
                "2026-09-30",
                "2026-Q3",
                "probability: 2\nimpact: 3\nreviewed: 2026-06-01\n",
            ),
        ],
        (
            "2026-11-25",
            "probability: 2\nimpact: 3\nreviewed: 2026-06-01\n",
        ),
    );
    let found = |p: &Project| -> Vec<String> {
        let out = p.run(&["check", "--format", "json"]).stdout;
        out.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|d| d["rule"] == "risk-lowered-unreviewed")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        found(&p),
        ["risk `cutover` stood at high exposure 20 in snapshot 2026-Q2 and is 6 now, with no review recorded since: it left the brief's largest risks with nobody on record saying why"]
    );
    p.run(&["build", "--quiet"]).ok();
    let brief = p.read("site/brief.html");
    assert!(
        brief.contains("1 risk lowered or closed unreviewed (Risk cutover)"),
        "{brief}"
    );
    // Its period says so on the row (it read "exposure fell" alone).
    let text = p.run(&["diff", "2026-Q2", "2026-Q3"]).ok().stdout;
    assert!(
        text.contains(
            "exposure fell (status open, exposure 20 → 6): lowered with no review recorded"
        ),
        "{text}"
    );
    let period = p.read("site/history/2026-Q2--2026-Q3.html");
    assert!(
        period.contains("lowered with no review recorded"),
        "{period}"
    );
    // The quarter it was lowered in said so on its own pages, as of its day.
    let q3 = p.read("site/v/2026-Q3/findings.html");
    assert!(
        q3.contains(
            "risk <code>cutover</code> stood at high exposure 20 in snapshot 2026-Q2 and is 6 now"
        ),
        "{q3}"
    );
    assert!(!p
        .read("site/v/2026-Q2/findings.html")
        .contains("risk-lowered-unreviewed"));
    // Scores taken out hide it as well.
    let (path, text) = risk("cutover", "reviewed: 2026-06-01\n");
    p.write(&path, &text);
    assert_eq!(found(&p).len(), 1);
    assert!(
        found(&p)[0].contains("and is unscored now"),
        "{:?}",
        found(&p)
    );
    // Lowered within high exposure, or not below where it stood: nothing.
    let (path, text) = risk(
        "cutover",
        "probability: 4\nimpact: 4\nreviewed: 2026-06-01\n",
    );
    p.write(&path, &text);
    assert!(found(&p).is_empty());
    // A review recorded since settles it (dated after the quarter that
    // showed the old one: one dated before it was written in since).
    let (path, text) = risk(
        "cutover",
        "probability: 2\nimpact: 3\nreviewed: 2026-10-05\n",
    );
    p.write(&path, &text);
    assert!(found(&p).is_empty());
    p.run(&["build", "--quiet"]).ok();
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(json["history"]["lowered_risks"], serde_json::json!([]));
    let (path, text) = risk(
        "cutover",
        "probability: 2\nimpact: 3\nreviewed: 2026-06-01\n",
    );
    p.write(&path, &text);
    p.run(&["build", "--quiet"]).ok();
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        json["history"]["lowered_risks"],
        serde_json::json!([{ "id": "cutover", "to": 6, "closed": false, "stood": [{ "after": "2026-Q2", "exposure": 20 }] }])
    );
}

/// Closing an item that stood at high exposure takes it off the brief's
/// largest risks as surely as scoring it lower: with no review recorded
/// since, the check, the brief, the period's row and roadmap.json say so
/// (from a trial: a closed item asked nothing).
#[test]
fn a_risk_closed_from_high_with_no_review_is_said_until_one_is_recorded() {
    let p = cutover_through(
        &[(
            "2026-06-30",
            "2026-Q2",
            "probability: 4\nimpact: 5\nreviewed: 2026-06-01\n",
        )],
        (
            "2026-09-15",
            "status: closed\nprobability: 4\nimpact: 5\nreviewed: 2026-06-01\n",
        ),
    );
    let out = p.run(&["check"]).stderr;
    assert!(
        out.contains("risk `cutover` stood at high exposure 20 in snapshot 2026-Q2 and is closed now, with no review recorded since")
            && out.contains("if a review closed it, record it: `reviewed:` the day it was held (after snapshot 2026-Q2)")
            && out.contains("else reopen it (`status: open`)"),
        "{out}"
    );
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("closed (status open → closed, exposure 20): with no review recorded\n"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    assert!(p
        .read("site/brief.html")
        .contains("1 risk lowered or closed unreviewed (Risk cutover)"));
    assert!(p
        .read("site/history/2026-Q2--current.html")
        .contains("closed with no review recorded"));
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        json["history"]["lowered_risks"],
        serde_json::json!([{ "id": "cutover", "to": null, "closed": true, "stood": [{ "after": "2026-Q2", "exposure": 20 }] }])
    );
    // Closed at a review held since: nothing to ask, and the row says when.
    let (path, text) = risk(
        "cutover",
        "status: closed\nprobability: 4\nimpact: 5\nreviewed: 2026-07-20\n",
    );
    p.write(&path, &text);
    assert!(!p.run(&["check"]).stderr.contains("risk-lowered-unreviewed"));
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("exposure 20): at the review of 2026-07-20\n")
            && !text.contains("no review recorded"),
        "{text}"
    );
    // Closed below high exposure: the period says it, the check does not.
    let p = cutover_through(
        &[(
            "2026-06-30",
            "2026-Q2",
            "probability: 2\nimpact: 3\nreviewed: 2026-06-01\n",
        )],
        (
            "2026-09-15",
            "status: closed\nprobability: 2\nimpact: 3\nreviewed: 2026-06-01\n",
        ),
    );
    assert!(!p.run(&["check"]).stderr.contains("risk-lowered-unreviewed"));
    assert!(p
        .run(&["diff"])
        .ok()
        .stdout
        .contains("exposure 6): with no review recorded\n"));
}

/// A risk closed from high exposure with no review, a quarter taken with
/// it so, then its file deleted: the close is still asked about, as
/// `removed-risk` (it was asked nothing: only an item open in the last
/// snapshot counted as removed, and the close alone is judged only while
/// the file is there). Closed at a review, or closed from low exposure,
/// then deleted: settled on record, nothing asked.
#[test]
fn a_risk_closed_unreviewed_then_deleted_is_still_asked_about() {
    let closed_in_q3 = |q2: &str, q3: &str| {
        let p = cutover_through(
            &[("2026-06-30", "2026-Q2", q2), ("2026-09-30", "2026-Q3", q3)],
            ("2026-11-25", q3),
        );
        std::fs::remove_file(p.path().join("content/risks/cutover.md")).unwrap();
        p
    };
    let removed = |p: &Project| -> Vec<String> {
        let out = p.run(&["check", "--format", "json"]).stdout;
        out.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|d| d["rule"] == "removed-risk")
            .map(|d| {
                format!(
                    "{}: {}",
                    d["message"].as_str().unwrap(),
                    d["help"].as_str().unwrap()
                )
            })
            .collect()
    };
    let p = closed_in_q3(
        "probability: 4\nimpact: 5\nreviewed: 2026-06-01\n",
        "status: closed\nprobability: 4\nimpact: 5\nreviewed: 2026-06-01\n",
    );
    assert_eq!(
        removed(&p),
        ["risk `cutover` (“Risk cutover”) stood at high exposure 20 in snapshot 2026-Q2, was closed in snapshot 2026-Q3 with no review recorded, and its file is gone: nobody is on record saying why it was settled: bring the file back as snapshot 2026-Q3 has it and record the review that closed it (`reviewed:` the day it was held, after snapshot 2026-Q2; why in `mitigation:`), or reopen it; if it was renamed, keep the id `cutover`"]
    );
    p.run(&["build", "--quiet"]).ok();
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        json["history"]["removed_risks"][0]["closed_unreviewed"],
        serde_json::json!([{ "after": "2026-Q2", "exposure": 20 }])
    );
    // Closed at a review held after Q2: settled on record.
    let p = closed_in_q3(
        "probability: 4\nimpact: 5\nreviewed: 2026-06-01\n",
        "status: closed\nprobability: 4\nimpact: 5\nreviewed: 2026-08-20\n",
    );
    assert_eq!(removed(&p), Vec::<String>::new());
    // Closed from low exposure: nothing left the brief's largest risks.
    let p = closed_in_q3(
        "probability: 2\nimpact: 3\nreviewed: 2026-06-01\n",
        "status: closed\nprobability: 2\nimpact: 3\nreviewed: 2026-06-01\n",
    );
    assert_eq!(removed(&p), Vec::<String>::new());
    p.run(&["build", "--quiet"]).ok();
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        json["history"]["removed_risks"][0]["closed_unreviewed"][0]["exposure"],
        6
    );
}

/// A review held the day a quarter was taken, kept as it was, covers
/// nothing re-scored after; of two quarters that had it high, the later
/// is the one to review after (from a review).
#[test]
fn a_review_on_the_snapshots_day_does_not_cover_a_later_rescoring() {
    let p = cutover_through(
        &[
            (
                "2026-03-31",
                "2026-Q1",
                "probability: 4\nimpact: 5\nreviewed: 2026-03-31\n",
            ),
            (
                "2026-06-30",
                "2026-Q2",
                "probability: 4\nimpact: 4\nreviewed: 2026-06-30\n",
            ),
        ],
        (
            "2026-08-15",
            "probability: 2\nimpact: 3\nreviewed: 2026-06-30\n",
        ),
    );
    let out = p.run(&["check"]).stderr;
    assert!(
        out.contains("risk `cutover` stood at high exposure 16 in snapshot 2026-Q2 and is 6 now, with no review recorded since")
            && out.contains("`reviewed:` the day it was held (after snapshot 2026-Q2)"),
        "{out}"
    );
    let (path, text) = risk(
        "cutover",
        "probability: 2\nimpact: 3\nreviewed: 2026-07-10\n",
    );
    p.write(&path, &text);
    assert!(!p.run(&["check"]).stderr.contains("risk-lowered-unreviewed"));
}

/// A review dated back before the quarter it re-scores covers nothing in
/// the period either: its row and the brief agree (from a review).
#[test]
fn a_review_dated_before_the_period_leaves_the_row_unreviewed() {
    let p = cutover_through(
        &[(
            "2026-06-30",
            "2026-Q2",
            "probability: 4\nimpact: 4\nreviewed: 2026-01-10\n",
        )],
        (
            "2026-09-15",
            "probability: 2\nimpact: 3\nreviewed: 2026-05-01\n",
        ),
    );
    let text = p.run(&["diff"]).ok().stdout;
    assert!(text.contains("lowered with no review recorded"), "{text}");
    assert!(p
        .run(&["check"])
        .stderr
        .contains("stood at high exposure 16 in snapshot 2026-Q2 and is 6 now"));
    // Reviewed within the period: neither says it.
    let (path, text) = risk(
        "cutover",
        "probability: 2\nimpact: 3\nreviewed: 2026-07-20\n",
    );
    p.write(&path, &text);
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        !text.contains("no review recorded")
            && text.contains("exposure 16 → 6): lowered at the review of 2026-07-20\n"),
        "{text}"
    );
    assert!(!p.run(&["check"]).stderr.contains("risk-lowered-unreviewed"));
}

/// A review written in after a quarter was taken, dated before it, covers
/// nothing: that quarter recorded an older review (from a trial: the
/// backdated date cleared the finding and the brief).
#[test]
fn a_review_dated_back_before_a_quarter_that_showed_none_covers_nothing() {
    let p = cutover_through(
        &[
            (
                "2026-03-31",
                "2026-Q1",
                "probability: 4\nimpact: 5\nreviewed: 2026-03-31\n",
            ),
            (
                "2026-06-30",
                "2026-Q2",
                "probability: 2\nimpact: 3\nreviewed: 2026-03-31\n",
            ),
        ],
        (
            "2026-08-15",
            "probability: 2\nimpact: 3\nreviewed: 2026-05-01\n",
        ),
    );
    let out = p.run(&["check"]).stderr;
    assert!(
        out.contains("risk `cutover` stood at high exposure 20 in snapshot 2026-Q1 and is 6 now"),
        "{out}"
    );
    // Dated after the quarter that showed the old one: a review since.
    let (path, text) = risk(
        "cutover",
        "probability: 2\nimpact: 3\nreviewed: 2026-07-05\n",
    );
    p.write(&path, &text);
    assert!(!p.run(&["check"]).stderr.contains("risk-lowered-unreviewed"));
}

/// A log whose D is dependencies keeps them as such: scored as a risk is,
/// on the heat map, and counted on the dashboard (from a PMO's trial:
/// `type: dependency` was refused, the log's D being decisions alone).
#[test]
fn a_dependency_is_a_type_of_the_log() {
    let p = Project::empty();
    p.write(
        "book.toml",
        "[book]\ntitle = \"RAID\"\n[roadmap]\ntoday = \"2026-11-25\"\n",
    )
    .write("content/outcomes/o.md", OUTCOME)
    .write(
        "content/initiatives/i.md",
        "---\ntitle: I\nowner: B\noutcomes: [o]\n---\n",
    );
    let (path, text) = risk(
        "vendor-api",
        "type: dependency\nprobability: 4\nimpact: 4\n",
    );
    p.write(&path, &text);
    let check = p.run(&["check"]);
    assert!(
        !check.stderr.contains("unknown risk type"),
        "{}",
        check.stderr
    );
    p.run(&["build", "--quiet"]).ok();
    let dashboard = p.read("site/index.html");
    assert!(
        dashboard.contains("(0 risks, 0 assumptions, 0 issues, 0 decisions, 1 dependency)")
            && dashboard.contains("1 of high exposure"),
        "{dashboard}"
    );
    let page = p.read("site/risks/index.html");
    assert!(heat_cells(&page)[&(4, 4)].1 == ["vendor-api"], "{page}");
    // With none, the four letters most logs read.
    let (path, text) = risk("vendor-api", "probability: 4\nimpact: 4\n");
    p.write(&path, &text);
    p.run(&["build", "--quiet"]).ok();
    let dashboard = p.read("site/index.html");
    assert!(
        dashboard.contains("(1 risk, 0 assumptions, 0 issues, 0 decisions)"),
        "{dashboard}"
    );
}

/// An open item deleted is in its period's RAID table, counted in the
/// period's line and in `roadbook diff`, and the rows of earlier periods
/// still name it (from a PMO's trial: it was in the list of removed files
/// alone, and an older period's row showed its bare id).
#[test]
fn an_open_item_deleted_is_in_its_periods_raid_table() {
    let p = Project::empty();
    let at = |dir: &str, today: &str, doomed: Option<&str>| {
        p.write(
            &format!("{dir}book.toml"),
            &format!("[book]\ntitle = \"RAID\"\n[roadmap]\ntoday = \"{today}\"\n"),
        )
        .write(&format!("{dir}content/outcomes/o.md"), OUTCOME)
        .write(
            &format!("{dir}content/initiatives/i.md"),
            "---\ntitle: I\nowner: B\noutcomes: [o]\n---\n",
        );
        if let Some(scores) = doomed {
            let (path, text) = risk("doomed", scores);
            p.write(&format!("{dir}{path}"), &text);
        }
    };
    at(
        "snapshots/S1/",
        "2026-06-30",
        Some("probability: 2\nimpact: 3\n"),
    );
    at(
        "snapshots/S2/",
        "2026-09-30",
        Some("probability: 4\nimpact: 4\n"),
    );
    at("", "2026-11-25", None);
    p.run(&["build", "--quiet"]).ok();
    let now = p.read("site/history/S2--current.html");
    assert!(
        now.contains("1 open RAID item deleted")
            && now.contains("Risk doomed")
            && now.contains(r#"<span class="badge health-red">deleted while open</span>"#),
        "{now}"
    );
    // The period before names it as the log did, not by its id.
    let before = p.read("site/history/S1--S2.html");
    assert!(
        before.contains("Risk doomed") && before.contains("exposure rose"),
        "{before}"
    );
    let text = p.run(&["diff"]).ok().stdout;
    assert!(text.contains("deleted while open"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&p.run(&["diff", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(
        (
            &json["risks"][0]["id"],
            &json["risks"][0]["change"],
            &json["risks"][0]["from_exposure"]
        ),
        (
            &serde_json::json!("doomed"),
            &serde_json::json!("deleted"),
            &serde_json::json!(16)
        ),
        "{json}"
    );
}

/// From a trial: a risk at high exposure on a gate moved onto the outcome
/// (`affects` changed, scores kept) took its threat off the work, and the
/// brief's outcome at risk with it, with no finding ("no changes" in the
/// diff). Said as a risk lowered, until a review is recorded.
#[test]
fn a_high_risk_moved_off_the_work_it_threatens_is_said_until_reviewed() {
    let p = cutover_through(
        &[("2026-06-30", "2026-Q2", "probability: 4\nimpact: 5\n")],
        ("2026-07-10", "probability: 4\nimpact: 5\n"),
    );
    let moved = |fields: &str| {
        format!("---\ntitle: Risk cutover\nowner: R\nmitigation: M\nprobability: 4\nimpact: 5\n{fields}---\n")
    };
    p.write("content/risks/cutover.md", &moved("affects: [o]\n"));
    let found = |p: &Project| crate::helpers::rule_messages(p, "risk-lowered-unreviewed");
    assert_eq!(
        found(&p),
        ["risk `cutover` stood at high exposure 20 over `i` in snapshot 2026-Q2 and no longer affects it, with no review recorded since: the threat left the work it hangs over with nobody on record saying why"]
    );
    p.run(&["build", "--quiet"]).ok();
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        json["history"]["narrowed_risks"],
        serde_json::json!([{ "id": "cutover", "stood": [{ "after": "2026-Q2", "exposure": 20, "dropped": ["i"] }] }])
    );
    // A review recorded since settles it; a link widened asks nothing.
    p.write(
        "content/risks/cutover.md",
        &moved("affects: [o]\nreviewed: 2026-07-05\n"),
    );
    assert_eq!(found(&p), Vec::<String>::new());
    p.write("content/risks/cutover.md", &moved("affects: [i, o]\n"));
    assert_eq!(found(&p), Vec::<String>::new());
}
