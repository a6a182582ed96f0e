//! The traceability page, the backlog and the CSV export.

use crate::helpers::{example, Project};
use std::path::Path;

#[test]
fn example_shows_its_untraced_initiative_in_the_backlog() {
    let (_keep, site) = example();
    let html = std::fs::read_to_string(site.join("traceability.html")).unwrap();
    let backlog = &html[html.find(r#"id="backlog""#).expect("backlog section")..];
    assert!(
        backlog.contains(r#"<tr id="b-intranet-cms-migration">"#),
        "untraced initiative listed in the backlog"
    );
    assert!(backlog.contains("names no business outcome"));
    // Outcomes with their KPIs and the untraced capability gap are there too.
    assert!(html.contains(r#"id="o-pricing-margin""#));
    assert!(html.contains("no live initiative"));
    assert!(html.contains("it-financial-management") || html.contains("IT financial management"));
    assert!(html.contains(r#"href="traceability.csv""#));
    // The initiative page points back into the matrix.
    let page =
        std::fs::read_to_string(site.join("initiatives/intranet-cms-migration.html")).unwrap();
    assert!(page.contains(r#"href="../traceability.html#b-intranet-cms-migration""#));
}

#[test]
fn example_csv_parses_with_one_row_per_link_plus_backlog() {
    let (_keep, site) = example();
    let bytes = std::fs::read(site.join("traceability.csv")).unwrap();
    // A byte-order mark first, as every CSV of the site, for Excel.
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).expect("a BOM");
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.len(), 13);
    assert_eq!(&headers[12], "computed_health");
    assert_eq!(&headers[0], "initiative_id");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    // Count links from the content itself.
    let mut expected = 0;
    let mut untraced = 0;
    for entry in
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/initiatives"))
            .unwrap()
    {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let line = text.lines().find(|l| l.starts_with("outcomes:"));
        match line {
            Some(l) => expected += l.matches(',').count() + 1,
            None => untraced += 1,
        }
    }
    assert_eq!(rows.len(), expected + untraced);
    let backlog: Vec<_> = rows.iter().filter(|r| r[5].is_empty()).collect();
    assert_eq!(backlog.len(), untraced);
    assert_eq!(&backlog[0][0], "intranet-cms-migration");
    // Deterministic order: by initiative id, then outcome id.
    let keys: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r[0].to_string(), r[5].to_string()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // Reported green, computed red: the watermelon shows in both columns.
    let c360 = rows.iter().find(|r| &r[0] == "customer-360").unwrap();
    assert_eq!((&c360[4], &c360[12]), ("green", "red"));
}

#[test]
fn backlog_never_counts_as_live_work() {
    let p = Project::fixture("valid");
    p.write(
        "content/initiatives/pet.md",
        "---\ntitle: Pet project\nowner: Z\nstatus: active\nteam: web\nmilestones:\n  - id: late\n    title: Very late\n    due: 2026-01-31\n    criteria: [x]\n---\n",
    );
    p.run(&["build"]).ok();
    let dash = p.read("site/index.html");
    assert!(
        !dash.contains("Very late"),
        "backlog milestones are not roadmap promises"
    );
    assert!(
        dash.contains("2 live initiatives"),
        "the backlog initiative is not live"
    );
    let trace = p.read("site/traceability.html");
    assert!(trace.contains(r#"<tr id="b-pet">"#));
    assert!(trace.contains("2 of 3 initiatives traced"));
}

#[test]
fn csv_quotes_fields_per_rfc_4180() {
    let p = Project::fixture("valid");
    p.write(
        "content/outcomes/grow-online.md",
        "---\ntitle: Grow \"online\", fast\nowner: Ada\n---\n",
    );
    p.run(&["build"]).ok();
    let csv = p.read("site/traceability.csv");
    assert!(csv.contains(",\"Grow \"\"online\"\", fast\",Ada,"), "{csv}");
    assert!(csv.ends_with("\r\n"));
}
