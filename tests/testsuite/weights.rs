//! Findings by weight: what needs a decision comes before delivery risks,
//! and those before hygiene, in `check`, its JSON, build's closing line
//! and the findings page. The `weights` fixture is built so that sorting
//! by path would give the opposite order: the watermelon's file sorts last,
//! the hygiene note's first.

use crate::helpers::Project;

/// Where each needle first appears in `haystack`, asserting they appear
/// in the order given.
fn assert_in_order(haystack: &str, needles: &[&str]) {
    let at: Vec<usize> = needles
        .iter()
        .map(|n| {
            haystack
                .find(n)
                .unwrap_or_else(|| panic!("`{n}` missing from:\n{haystack}"))
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "not in the order {needles:?} (at {at:?}):\n{haystack}"
    );
}

#[test]
fn check_puts_what_needs_a_decision_first_whatever_the_paths() {
    let p = Project::fixture("weights");
    let out = p.run(&["check"]).ok();
    assert_eq!(
        out.heads(),
        vec![
            "content/initiatives/z-green.md:8:1: warning[RB0213]",
            "content/initiatives/z-green.md:10:5: warning[RB0212]",
            "content/changes/cr.md:2:1: warning[RB0218]",
            "content/initiatives/a-tidy.md:9:5: warning[RB0205]",
        ]
    );
    assert_in_order(
        &out.stderr,
        &[
            "=== 2 findings need a decision ===",
            "warning[RB0213]",
            "=== 1 delivery risk ===",
            "warning[RB0218]",
            "=== 1 hygiene note ===",
            "warning[RB0205]",
        ],
    );
    assert!(
        out.stderr.ends_with(
            "\n2 findings need a decision: 1 watermelon, 1 overdue-milestone; 2 other warnings\n"
        ),
        "{}",
        out.stderr
    );
    // Quiet prints the errors alone: no headings, no summary.
    let quiet = p.run(&["check", "--quiet"]).ok();
    assert_eq!(quiet.stderr, "");
}

#[test]
fn errors_come_before_every_weight_and_are_counted_per_rule() {
    let p = Project::fixture("weights");
    // A denied hygiene rule is an error: shown first, though its weight is
    // the lowest.
    let toml = p.read("book.toml") + "\n[lints]\nmissing-criteria = \"deny\"\n";
    p.write("book.toml", &toml);
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.heads()[0],
        "content/initiatives/a-tidy.md:9:5: error[RB0205]"
    );
    assert_in_order(
        &out.stderr,
        &[
            "=== 1 error stops the build ===",
            "=== 2 findings need a decision ===",
            "=== 1 delivery risk ===",
        ],
    );
    assert!(!out.stderr.contains("hygiene note"), "{}", out.stderr);
    assert!(out.stderr.ends_with(
        "\n1 error: 1 missing-criteria; 2 findings need a decision: 1 watermelon, 1 overdue-milestone; 1 other warning\n"
    ), "{}", out.stderr);
}

#[test]
fn json_lines_carry_the_weight_in_the_same_order() {
    let p = Project::fixture("weights");
    let out = p.run(&["check", "--format", "json"]).ok();
    let lines: Vec<serde_json::Map<String, serde_json::Value>> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let pairs: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l["rule"].as_str().unwrap(), l["weight"].as_str().unwrap()))
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("watermelon", "decision"),
            ("overdue-milestone", "decision"),
            ("stale-change-request", "risk"),
            ("missing-criteria", "hygiene"),
        ]
    );
    // Every line has the same keys (serde_json's map sorts them).
    for l in &lines {
        let keys: Vec<&str> = l.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["code", "col", "help", "line", "message", "path", "rule", "severity", "weight"]
        );
    }
}

#[test]
fn a_finding_without_a_line_still_has_every_key() {
    let p = Project::fixture("weights");
    // No strategic review at all: a finding about the project, on no line.
    std::fs::remove_file(p.path().join("content/reviews/s.md")).unwrap();
    let out = p.run(&["check", "--format", "json"]).ok();
    let cadence: serde_json::Value = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|l| l["rule"] == "review-cadence")
        .expect(&out.stdout);
    assert_eq!(cadence["weight"], "risk");
    let obj = cadence.as_object().unwrap();
    assert!(obj["line"].is_null() && obj["col"].is_null(), "{obj:?}");
}

#[test]
fn build_ends_with_the_counts_that_need_a_decision() {
    let p = Project::fixture("weights");
    let out = p.run(&["build"]).ok();
    let last = out.stderr.lines().last().unwrap_or_default();
    assert!(last.starts_with("Built "), "{}", out.stderr);
    assert!(
        last.ends_with("; 2 findings need a decision: 1 watermelon, 1 overdue-milestone; 2 other warnings (see them with `roadbook check`)"),
        "{last}"
    );
    // Without --verbose the warnings themselves are not printed.
    assert!(out.heads().is_empty(), "{}", out.stderr);
    let quiet = p.run(&["build", "--quiet"]).ok();
    assert_eq!(quiet.stderr, "");
    // --verbose prints them grouped, most important first.
    let verbose = p.run(&["build", "--verbose"]).ok();
    assert_in_order(
        &verbose.stderr,
        &[
            "=== 2 findings need a decision ===",
            "warning[RB0213]",
            "=== 1 hygiene note ===",
            "warning[RB0205]",
            "Built ",
        ],
    );
}

#[test]
fn the_findings_page_groups_by_weight_with_a_count_each() {
    let p = Project::fixture("weights");
    p.run(&["build"]).ok();
    let html = p.read("site/findings.html");
    assert_in_order(
        &html,
        &[
            r#"<h2 id="f-decision">2 findings need a decision</h2>"#,
            "<code>RB0213</code>",
            "<code>RB0212</code>",
            r#"<h2 id="f-risk">1 delivery risk</h2>"#,
            "<code>RB0218</code>",
            r#"<h2 id="f-hygiene">1 hygiene note</h2>"#,
            "<code>RB0205</code>",
        ],
    );
    // Each finding is listed once, under its own group.
    assert_eq!(html.matches("<code>RB0213</code>").count(), 1);
    assert!(!html.contains(r#"id="f-error""#));
    // The dashboard's rule counts follow the same order.
    let index = p.read("site/index.html");
    assert_in_order(
        &index,
        &[
            "<code>watermelon</code>",
            "<code>overdue-milestone</code>",
            "<code>stale-change-request</code>",
            "<code>missing-criteria</code>",
        ],
    );
}
