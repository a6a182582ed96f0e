//! Exports and the brief: each checked by a real parser or validator.

use crate::helpers::{example, Project};
use std::path::Path;

/// Keys in the same order everywhere (sorted, as a `serde_json::Value`
/// writes them), whichever part is written straight from a struct: a
/// consumer diffing two versions' exports sees only what changed.
#[test]
fn roadmap_json_lists_every_object_s_keys_in_sorted_order() {
    let (_keep, site) = example();
    let text = std::fs::read_to_string(site.join("roadmap.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(doc["history"]["diffs"][0]["moved"].is_array());
    // The pretty printer puts each member on its own line, and opens and
    // closes each non-empty object or list at a line's end or start.
    let mut open: Vec<Option<String>> = Vec::new();
    let mut members = 0;
    for (k, line) in text.lines().enumerate() {
        let line = line.trim_start();
        if line.starts_with('}') || line.starts_with(']') {
            open.pop();
        }
        if let Some(key) = member_key(line) {
            members += 1;
            let last = open.last_mut().expect("a member inside an object");
            if let Some(before) = last.as_deref() {
                assert!(
                    before < key,
                    "roadmap.json line {}: `{key}` after `{before}`",
                    k + 1
                );
            }
            *last = Some(key.to_string());
        }
        if line.ends_with('{') || line.ends_with('[') {
            open.push(None);
        }
    }
    assert!(open.is_empty());
    assert!(members > 1000, "{members} members");
}

/// `"key": …` → `key` (escapes left as written: none of roadbook's keys
/// has one).
fn member_key(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return rest[i + 1..].starts_with(": ").then(|| &rest[..i]),
            _ => {}
        }
    }
    None
}

/// The schema beside the site's roadmap.json, compiled.
fn site_schema(site: &std::path::Path) -> (boon::Schemas, boon::SchemaIndex) {
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("roadmap.schema.json")).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("file:///roadmap.schema.json", schema)
        .unwrap();
    let index = compiler
        .compile("file:///roadmap.schema.json", &mut schemas)
        .unwrap();
    (schemas, index)
}

/// The site's roadmap.json, checked against the schema beside it.
pub(crate) fn valid_roadmap_json(site: &std::path::Path) -> serde_json::Value {
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("roadmap.json")).unwrap()).unwrap();
    let (schemas, index) = site_schema(site);
    if let Err(e) = schemas.validate(&doc, index) {
        panic!("roadmap.json does not match its schema: {e:#}");
    }
    doc
}

#[test]
fn roadmap_json_validates_against_its_published_schema() {
    let (_keep, site) = example();
    let doc = valid_roadmap_json(&site);
    let (schemas, index) = site_schema(&site);
    assert_eq!(doc["schema_version"], 39);
    // No negative zero (a quarter with no work committed read -0.0).
    let text = std::fs::read_to_string(site.join("roadmap.json")).unwrap();
    let negative_zero = text
        .match_indices("-0.0")
        .any(|(at, _)| !text[at + 4..].starts_with(|c: char| c.is_ascii_digit()));
    assert!(!negative_zero, "-0.0 in roadmap.json");
    // The grids are there, flagging what the traceability facts flag.
    let grid = &doc["facts"]["matrices"]["outcomes_by_layer"];
    let flagged: Vec<&str> = grid["columns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["flag"] == "no live initiative")
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let unserved: Vec<&str> = doc["facts"]["traceability"]["unserved_outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect();
    assert!(!flagged.is_empty());
    assert_eq!(flagged, unserved);
    let c360 = doc["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "customer-360")
        .unwrap();
    assert_eq!(c360["health"], "green");
    assert_eq!(c360["computed_health"]["health"], "red");
    assert!(doc["history"]["slips"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["gid"] == "core-network-refresh/warehouses-cut-over" && s["days"] == 31));
    // The RAID log and the money are there, with what roadbook computed.
    let item = |list: &str, id: &str| -> serde_json::Value {
        doc[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == id)
            .unwrap_or_else(|| panic!("{list} has no {id}"))
            .clone()
    };
    assert_eq!(doc["risks"].as_array().unwrap().len(), 10);
    let colo = item("risks", "colo-notice-deadline");
    assert_eq!(
        (colo["exposure"].clone(), colo["review_overdue"].clone()),
        (serde_json::json!(12), serde_json::json!("2026-10-31"))
    );
    assert_eq!(
        item("risks", "wave-2-late")["exposure"],
        20,
        "an issue is certain: 5 × 4"
    );
    let erp = item("initiatives", "erp-s4-migration");
    assert_eq!(erp["budget"]["total"], 2_500_000.0);
    assert_eq!(erp["budget_status"]["actual_to_date"], 1_895_000.0);
    assert_eq!(erp["budget_status"]["burn_ahead"], true);
    assert_eq!(doc["facts"]["budget"]["roadmap"]["total"], 7_580_000.0);
    assert_eq!(doc["facts"]["budget"]["roadmap"]["initiatives"], 7);
    let period = doc["history"]["diffs"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert!(period["budgets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["id"] == "lakehouse-migration" && b["acknowledged_by"].is_null()));
    assert_eq!(
        doc["history"]["open_budget"][0]["id"],
        "lakehouse-migration"
    );
    // A document that breaks the contract is rejected: the test can fail.
    let mut broken = doc.clone();
    broken["initiatives"][0]["status"] = serde_json::json!("someday");
    assert!(schemas.validate(&broken, index).is_err());
    let mut broken = doc.clone();
    broken["risks"][0]["exposure"] = serde_json::json!(30);
    assert!(
        schemas.validate(&broken, index).is_err(),
        "exposure is at most 25"
    );
    let mut broken = doc.clone();
    broken["facts"]["budget"]["roadmap"]["spent"] = serde_json::json!(1);
    assert!(
        schemas.validate(&broken, index).is_err(),
        "no unknown roll-up field"
    );
}

#[test]
fn milestones_ics_parses_with_an_icalendar_parser() {
    let (_keep, site) = example();
    let bytes = std::fs::read(site.join("milestones.ics")).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.lines().all(|l| l.len() <= 76),
        "lines are folded at 75 octets"
    );
    assert!(text.contains("\r\n"));
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(bytes.as_slice()));
    let cal = calendars
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    assert!(calendars.next().is_none());
    let total: usize =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/initiatives"))
            .unwrap()
            .map(|e| {
                std::fs::read_to_string(e.unwrap().path())
                    .unwrap()
                    .matches("\n  - id: ")
                    .count()
            })
            .sum();
    assert_eq!(cal.events.len(), total);
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    let uids: std::collections::BTreeSet<String> =
        cal.events.iter().map(|e| prop(e, "UID")).collect();
    assert_eq!(uids.len(), total, "UIDs are unique");
    let go_live = cal
        .events
        .iter()
        .find(|e| prop(e, "UID").starts_with("erp-s4-migration.finance-go-live@"))
        .unwrap();
    assert_eq!(prop(go_live, "DTSTART"), "20270104");
    assert!(go_live.properties.iter().any(|p| p.name == "DTSTART"
        && p.params.as_ref().is_some_and(|ps| ps
            .iter()
            .any(|(k, v)| k == "VALUE" && v == &vec!["DATE".to_string()]))));
    assert!(prop(go_live, "SUMMARY").starts_with("[gate] Finance and sales go-live"));
}

#[test]
fn changes_xml_is_a_valid_atom_feed() {
    let (_keep, site) = example();
    let text = std::fs::read_to_string(site.join("changes.xml")).unwrap();
    let feed: atom_syndication::Feed = text.parse().expect("valid Atom");
    assert!(feed.id().starts_with("urn:roadbook:"));
    let changes = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/changes"))
        .unwrap()
        .count();
    // Change requests and the two snapshot diffs.
    assert_eq!(feed.entries().len(), changes + 2);
    for e in feed.entries() {
        assert!(!e.id().is_empty());
        assert!(!e.links().is_empty());
    }
    let ids: std::collections::BTreeSet<&str> = feed.entries().iter().map(|e| e.id()).collect();
    assert_eq!(ids.len(), feed.entries().len());
    assert!(ids.contains("urn:roadbook:northwind-it-roadmap:diff:2026-Q3--current"));
}

/// Every URL-bearing attribute of an HTML text.
fn references(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\"", "srcset=\"", "url(", "@import"] {
        for part in html.split(attr).skip(1) {
            out.push(part.split(['"', ')']).next().unwrap_or("").to_string());
        }
    }
    out
}

#[test]
fn the_brief_is_self_contained() {
    let (_keep, site) = example();
    let html = std::fs::read_to_string(site.join("brief.html")).unwrap();
    assert!(html.len() < 1_000_000, "{} bytes", html.len());
    let refs = references(&html);
    assert!(!refs.is_empty());
    for r in &refs {
        assert!(r.starts_with('#'), "the brief refers to another file: {r}");
    }
    assert!(!html.contains("<script"));
    assert!(html.contains("<style>"));
    assert!(
        html.contains("<svg class=\"chart sparkline\""),
        "KPI sparklines inline"
    );
    assert!(html.contains("Watermelons"));
    assert!(html.contains("The period: 2026-Q3 → now"));
    assert!(html.contains("Data &amp; Analytics Platform is overcommitted in"));
}

#[test]
fn with_a_base_url_the_brief_links_back_to_the_site_only() {
    let p = Project::fixture("valid");
    p.run(&["build", "--base-url", "https://pmo.example/roadmap/"])
        .ok();
    let html = p.read("site/brief.html");
    for r in references(&html) {
        assert!(
            r.starts_with('#') || r.starts_with("https://pmo.example/roadmap/"),
            "{r}"
        );
    }
    assert!(html.contains("https://pmo.example/roadmap/initiatives/shop.html#m-beta"));
}
