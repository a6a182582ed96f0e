//! Snapshots from real git repositories (annotated and lightweight tags,
//! dated commits) and frozen folders: versions, slips, acknowledgements,
//! scope changes, latent slips, and the commands around them.

use crate::helpers::{git, git_at, rule_messages, Project};

const OUTCOME: &str = "---\ntitle: O\nowner: A\n---\n";
const REVIEWS: [(&str, &str); 2] = [
    (
        "content/reviews/s.md",
        "---\ntitle: S\ndate: 2026-11-01\ntype: strategic\n---\n",
    ),
    (
        "content/reviews/op.md",
        "---\ntitle: Op\ndate: 2026-11-20\ntype: operational\n---\n",
    ),
];

fn book(today: &str) -> String {
    format!("[book]\ntitle = \"History\"\n[roadmap]\ntoday = \"{today}\"\n")
}

/// Commit the roadmap as it is, dated `day` with `today = day`, and tag it
/// `roadmap/<name>`: one quarter closed.
fn tag_quarter(p: &Project, day: &str, name: &str) {
    p.write("book.toml", &book(day));
    git(p, day, &["add", "-A"]);
    git(p, day, &["commit", "-qm", name]);
    git(p, day, &["tag", &format!("roadmap/{name}")]);
}

/// `net` with milestone `core` due `core_due`; `app` with milestone `live`
/// (due `live_due`) depending on `net/core`; extra criteria on `live`.
fn initiatives(
    p: &Project,
    core_due: &str,
    live_due: &str,
    live_criteria: &str,
    extra_milestone: bool,
) {
    p.write(
        "content/initiatives/net.md",
        &format!("---\ntitle: Network\nowner: N\noutcomes: [o]\nmilestones:\n  - id: core\n    title: Core switches\n    due: {core_due}\n    criteria: [x]\n---\n"),
    );
    let extra = if extra_milestone {
        "  - id: pilot\n    title: Pilot\n    due: 2027-02-15\n    criteria: [p]\n"
    } else {
        ""
    };
    p.write(
        "content/initiatives/app.md",
        &format!("---\ntitle: App\nowner: A\noutcomes: [o]\nmilestones:\n  - id: live\n    title: Live\n    due: {live_due}\n    depends_on: [net/core]\n    criteria: [{live_criteria}]\n{extra}---\n"),
    );
}

/// Q2 (annotated tag) → Q3 (lightweight tag) → now (working tree):
/// - net/core: 2026-09-30 → 2026-09-30 → 2026-12-15 (slip, unacknowledged);
/// - app/live: 2027-01-31 throughout (latent slip behind net/core);
/// - app gains milestone `pilot` and a criterion after Q3 (scope changes);
/// - between Q2 and Q3 net/core was 2026-08-31 → 2026-09-30, acknowledged
///   by the approved change `cr-net` dated 2026-07-15.
pub(crate) fn repo() -> Project {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    for (path, text) in REVIEWS {
        p.write(path, text);
    }
    git(&p, "2026-06-01", &["init", "-q"]);
    // Q2: no `today` in book.toml: the annotated tag's date orders it.
    p.write("book.toml", "[book]\ntitle = \"History\"\n");
    initiatives(&p, "2026-08-31", "2027-01-31", "x", false);
    git(&p, "2026-06-30", &["add", "-A"]);
    git(&p, "2026-06-30", &["commit", "-qm", "Q2"]);
    git(
        &p,
        "2026-06-30",
        &["tag", "-a", "roadmap/2026-Q2", "-m", "Q2 roadmap"],
    );
    // Q3: lightweight tag, `today` in book.toml.
    p.write("book.toml", &book("2026-09-30"));
    initiatives(&p, "2026-09-30", "2027-01-31", "x", false);
    p.write("content/changes/cr-net.md", "---\ntitle: Move core switches\ndate: 2026-07-15\nstatus: approved\naffects: [net/core]\n---\n");
    git(&p, "2026-09-30", &["add", "-A"]);
    git(&p, "2026-09-30", &["commit", "-qm", "Q3"]);
    git(&p, "2026-09-30", &["tag", "roadmap/2026-Q3"]);
    // Now.
    p.write("book.toml", &book("2026-11-25"));
    initiatives(&p, "2026-12-15", "2027-01-31", "x, y", true);
    git(&p, "2026-11-25", &["add", "-A"]);
    git(&p, "2026-11-25", &["commit", "-qm", "now"]);
    p
}

#[test]
fn tags_become_versions_with_a_switcher() {
    let p = repo();
    let status_before = git(&p, "2026-11-25", &["status", "--porcelain"]);
    let out = p.run(&["build"]).ok();
    assert!(out.stderr.contains("Built"), "{}", out.stderr);
    for page in [
        "v/2026-Q2/index.html",
        "v/2026-Q3/initiatives/net.html",
        "versions.html",
        "history/2026-Q2--2026-Q3.html",
        "history/2026-Q3--current.html",
    ] {
        assert!(p.path().join("site").join(page).is_file(), "{page}");
    }
    // The switcher on an item page lands on the same item in other versions.
    let page = p.read("site/initiatives/net.html");
    assert!(
        page.contains(r#"href="../v/2026-Q2/initiatives/net.html">2026-Q2</a>"#),
        "{page}"
    );
    assert!(page.contains(r#"href="../v/2026-Q3/initiatives/net.html">2026-Q3</a>"#));
    // An archived page names only what stays true when snapshots are added
    // (the working tree's front page, itself, the versions page); its
    // script fills in the rest from the root's versions.js.
    let page = p.read("site/v/2026-Q3/initiatives/net.html");
    assert!(
        page.contains(r#"href="../../../index.html">current</a>"#),
        "{page}"
    );
    assert!(page.contains(r#"href="../initiatives/net.html" aria-current="true">2026-Q3</a>"#));
    assert!(page.contains(r#"href="../../../versions.html">all versions</a>"#));
    assert!(page.contains(
        r#"data-page="initiatives/net.html" data-version="2026-Q3" data-site-root="../../../""#
    ));
    assert!(page.contains(r#"<script src="../../../versions.js" defer>"#));
    assert!(!page.contains("2026-Q2"), "no other version is baked in");
    assert!(page.contains("You are reading the archived roadmap"));
    // Inside a landmark, so screen readers can find it (axe: region).
    assert!(page.contains(r#"<aside class="archived" aria-label="Archived version">"#));
    let script = p.read("site/versions.js");
    let json = script
        .split_once("window.ROADBOOK_VERSIONS = ")
        .and_then(|(_, rest)| rest.trim_end().strip_suffix(';'))
        .expect("versions.js assigns one JSON object");
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let names: Vec<&str> = data["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["current", "2026-Q3", "2026-Q2"]);
    // Q2 has no change requests at all: its switcher entry for the Q3
    // change request falls back to its front page.
    let q2 = &data["versions"][2];
    assert_eq!(q2["prefix"], "v/2026-Q2/");
    assert_eq!(q2["today"], "2026-06-30");
    let absent: Vec<&str> = q2["absent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(absent.contains(&"changes/cr-net.html"), "{absent:?}");
    assert!(!absent.contains(&"initiatives/net.html"), "{absent:?}");
    assert_eq!(data["versions"][0]["absent"], serde_json::json!([]));
    // Archived pages link only inside the site, relatively.
    assert!(page.contains(r#"href="../../../static/style.css""#));
    // Q2 had no `today`: the annotated tag's date orders it.
    assert!(p.read("site/versions.html").contains("2026-06-30"));
    // Reading tags touched neither the working tree nor the index.
    let status_after = git(&p, "2026-11-25", &["status", "--porcelain"]);
    assert_eq!(
        status_before
            .lines()
            .filter(|l| !l.contains("site/"))
            .collect::<Vec<_>>(),
        status_after
            .lines()
            .filter(|l| !l.contains("site/"))
            .collect::<Vec<_>>()
    );
    assert!(p.read("content/initiatives/net.md").contains("2026-12-15"));
}

#[test]
fn diff_json_reports_slips_scope_and_latent_slips() {
    let p = repo();
    let out = p.run(&["diff", "--format", "json"]).ok();
    let d: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(d["from"], "2026-Q3");
    assert_eq!(d["to"], "current");
    let moved = &d["moved"][0];
    assert_eq!(moved["gid"], "net/core");
    assert_eq!(moved["days"], 76, "2026-09-30 → 2026-12-15");
    assert!(
        moved["acknowledged_by"].is_null(),
        "cr-net is dated before the Q3 snapshot"
    );
    let scope: Vec<(String, String)> = d["scope"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["gid"].as_str().unwrap().to_string(),
                s["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        scope,
        vec![
            ("app/live".to_string(), "criterion-added".to_string()),
            ("app/pilot".to_string(), "milestone-added".to_string())
        ]
    );
    assert_eq!(d["latent"][0]["dependent"], "app/live");
    assert_eq!(d["latent"][0]["dependency"], "net/core");
    assert_eq!(d["latent"][0]["days"], 76);

    let older = p
        .run(&["diff", "2026-Q2", "2026-Q3", "--format", "json"])
        .ok();
    let d: serde_json::Value = serde_json::from_str(&older.stdout).unwrap();
    assert_eq!(d["moved"][0]["days"], 30);
    assert_eq!(
        d["moved"][0]["acknowledged_by"], "cr-net",
        "approved 2026-07-15, after the Q2 snapshot"
    );

    let human = p.run(&["diff"]).ok();
    assert!(
        human
            .stdout
            .contains("net/core: 2026-09-30 → 2026-12-15 (+76 days, unapproved)"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("scope    app/pilot: milestone added, unapproved\n"),
        "{}",
        human.stdout
    );
    // Two versions that are not neighbours: compared from their models,
    // which `diff` keeps after the load.
    let across = p.run(&["diff", "2026-Q2", "--format", "json"]).ok();
    let d: serde_json::Value = serde_json::from_str(&across.stdout).unwrap();
    // The change request approved since: not every document of the
    // roadmap, as a model let go would make it.
    assert_eq!(
        d["added"],
        serde_json::json!(["cr-net"]),
        "{}",
        across.stdout
    );
    let moved: Vec<(String, i64)> = d["moved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["gid"].as_str().unwrap().to_string(),
                m["days"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(moved.contains(&("net/core".to_string(), 106)), "{moved:?}");
    assert_eq!(p.run(&["diff", "nope"]).code, 2);
    // A tag may be named as git knows it.
    let by_tag = p.run(&["diff", "roadmap/2026-Q2", "roadmap/2026-Q3"]).ok();
    assert!(
        by_tag.stdout.starts_with("2026-Q2 (2026-06-30) → 2026-Q3"),
        "{}",
        by_tag.stdout
    );
}

#[test]
fn findings_name_unacknowledged_slips_scope_changes_and_latent_slips() {
    let p = repo();
    let out = p.run(&["check", "--format", "json"]);
    let findings: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let find = |rule: &str| {
        findings
            .iter()
            .filter(|f| f["rule"] == rule)
            .collect::<Vec<_>>()
    };
    let slips = find("unacknowledged-slip");
    assert_eq!(slips.len(), 1, "{findings:#?}");
    assert_eq!(slips[0]["path"], "content/initiatives/net.md");
    // At the milestone's `due:`, the date that moved.
    assert_eq!(slips[0]["line"], 8);
    // Baseline: 2026-08-31 in the oldest snapshot; now 2026-12-15.
    assert!(
        slips[0]["message"]
            .as_str()
            .unwrap()
            .contains("slipped 106 days, from 2026-08-31 to 2026-12-15"),
        "{}",
        slips[0]["message"]
    );
    assert_eq!(find("unacknowledged-scope-change").len(), 2);
    let latent = find("latent-slip");
    assert_eq!(latent.len(), 1);
    assert_eq!(latent[0]["path"], "content/initiatives/app.md");
    // Acknowledging the slip with an approved change dated after Q3 clears it.
    p.write(
        "content/changes/cr-late.md",
        "---\ntitle: Late switches\ndate: 2026-10-10\nstatus: approved\naffects: [net]\n---\n",
    );
    let out = p.run(&["check", "--format", "json"]);
    assert!(
        !out.stdout.contains("unacknowledged-slip"),
        "{}",
        out.stdout
    );
    // The dependent's owner confirms its dates in an approved change
    // request: the latent slip is acknowledged, no longer a finding.
    assert!(out.stdout.contains("latent-slip"));
    p.write(
        "content/changes/cr-app.md",
        "---\ntitle: Live date holds\ndate: 2026-10-20\nstatus: approved\naffects: [app/live]\n---\n",
    );
    let out = p.run(&["check", "--format", "json"]);
    assert!(!out.stdout.contains("latent-slip"), "{}", out.stdout);
    let d: serde_json::Value = diff_json(&p, &[]);
    assert_eq!(d["latent"][0]["dependent"], "app/live");
    assert_eq!(d["latent"][0]["acknowledged_by"], "cr-app");
}

#[test]
fn each_move_needs_its_own_decision_taken_after_the_snapshot() {
    let p = repo();
    // Requested before the Q3 snapshot, decided after it: the decision is
    // what acknowledges the Q3 → now move.
    p.write(
        "content/changes/cr-late.md",
        "---\ntitle: Late switches\ndate: 2026-09-20\nstatus: approved\ndecided: 2026-10-05\ndecided_by: CIO\naffects: [net]\n---\n",
    );
    assert_eq!(slip_messages(&p), Vec::<String>::new());
    let d: serde_json::Value = diff_json(&p, &[]);
    assert_eq!(d["moved"][0]["acknowledged_by"], "cr-late");

    // Without cr-net the Q2 → Q3 move was never decided, and the later
    // decision does not cover it: the finding names that move.
    std::fs::remove_file(p.path().join("content/changes/cr-net.md")).unwrap();
    let found = slip_messages(&p);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("slipped 106 days, from 2026-08-31 to 2026-12-15; no approved change request for the move 2026-08-31 → 2026-09-30 (+30 days, after snapshot 2026-Q2)"),
        "{}",
        found[0]
    );
    let older: serde_json::Value = diff_json(&p, &["2026-Q2", "2026-Q3"]);
    assert!(
        older["moved"][0]["acknowledged_by"].is_null(),
        "cr-late is Q3 → now's decision: {older}"
    );
    // The initiative page says the slip is not fully acknowledged.
    p.run(&["build"]).ok();
    assert!(p
        .read("site/initiatives/net.html")
        .contains("unacknowledged"));

    // A second decision after the Q2 snapshot covers the first move.
    p.write(
        "content/changes/cr-early.md",
        "---\ntitle: Core switches a month later\ndate: 2026-07-01\nstatus: approved\naffects: [net/core]\n---\n",
    );
    assert_eq!(slip_messages(&p), Vec::<String>::new());
    // Now approved, the timeline draws the slip as the approved kind.
    p.run(&["build"]).ok();
    let timeline = p.read("site/timeline.html");
    assert!(
        timeline.contains(r#"data-due="2026-12-15" data-approval="approved""#),
        "{timeline}"
    );
}

#[test]
fn the_site_shows_history() {
    let p = repo();
    p.run(&["build"]).ok();
    let dash = p.read("site/index.html");
    assert!(dash.contains("The period: 2026-Q3 → now"));
    assert!(dash.contains("unacknowledged"));
    let net = p.read("site/initiatives/net.html");
    assert!(net.contains("Date history across snapshots"));
    assert!(net.contains("<td class=\"date\">2026-08-31</td><td class=\"date\">2026-09-30</td><td class=\"date\">2026-12-15</td>"), "{net}");
    assert!(net.contains("slipped +106 d, +76 d unacknowledged"));
    // The timeline draws the ghost at the baseline from the oldest snapshot.
    let timeline = p.read("site/timeline.html");
    assert!(
        timeline.contains(r#"class="slip" data-baseline="2026-08-31" data-due="2026-12-15""#),
        "{timeline}"
    );
    // No approved change request covers the Q3 → now move: the strong arrow.
    assert!(
        timeline.contains(r#"data-due="2026-12-15" data-approval="unapproved""#),
        "{timeline}"
    );
}

#[test]
fn a_broken_tag_is_reported_by_name_and_the_rest_builds() {
    let p = repo();
    p.write("content/outcomes/o.md", "---\ntitle: [broken\n---\n");
    git(&p, "2026-11-26", &["commit", "-qam", "broken"]);
    git(&p, "2026-11-26", &["tag", "roadmap/broken"]);
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-11-27", &["commit", "-qam", "fixed"]);
    let out = p.run(&["build", "--verbose"]).ok();
    assert!(
        out.stderr.contains(
            "roadmap/broken:content/outcomes/o.md:2:8: warning[RB0301]: in git tag roadmap/broken"
        ),
        "{}",
        out.stderr
    );
    assert!(p.path().join("site/v/2026-Q3/index.html").is_file());
    assert!(!p.path().join("site/v/broken").exists());
    // A published tag is not edited: listed in `ignore`, it stays out in
    // silence, and `check --deny-warnings` can pass again.
    assert!(
        out.stderr.contains("list it in `[snapshots] ignore`"),
        "{}",
        out.stderr
    );
    let config = p.read("book.toml");
    p.write(
        "book.toml",
        &format!("{config}[snapshots]\nignore = [\"roadmap/broken\"]\n"),
    );
    let out = p.run(&["check", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("\"snapshot\""), "{}", out.stdout);
    // The other versions are all there.
    p.run(&["diff", "2026-Q2", "2026-Q3"]).ok();
    // A series of broken drafts goes in one line; the real versions stay.
    p.write("content/outcomes/o.md", "---\ntitle: [broken\n---\n");
    git(&p, "2026-11-28", &["commit", "-qam", "broken again"]);
    git(&p, "2026-11-28", &["tag", "roadmap/draft-1"]);
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-11-29", &["commit", "-qam", "fixed again"]);
    p.write(
        "book.toml",
        &format!("{config}[snapshots]\nignore = [\"roadmap/draft-*\"]\n"),
    );
    let out = p.run(&["check", "--format", "json"]);
    let broken: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("\"snapshot\""))
        .collect();
    assert!(
        broken.len() == 1 && broken[0].contains("roadmap/broken"),
        "{}",
        out.stdout
    );
    p.write(
        "book.toml",
        &format!("{config}[snapshots]\nignore = [\"roadmap/draft-*\", \"roadmap/b?oken\"]\n"),
    );
    let out = p.run(&["check", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("\"snapshot\""), "{}", out.stdout);
    p.run(&["diff", "2026-Q2", "2026-Q3"]).ok();
}

/// `[snapshots] ignore` is for snapshots that cannot be read: naming a
/// quarter that reads fine took it out of the history with nothing said
/// (from an auditor's trial). It is left out, and said; allowed, silent.
#[test]
fn a_readable_quarter_left_out_by_ignore_is_said() {
    let p = repo();
    let config = p.read("book.toml");
    p.write(
        "book.toml",
        &format!("{config}[snapshots]\nignore = [\"roadmap/2026-Q2\"]\n"),
    );
    assert_eq!(
        rule_messages(&p, "snapshot-ignored"),
        ["git tag roadmap/2026-Q2 reads as a version of the roadmap (as of 2026-06-30), and `[snapshots] ignore` leaves it out: the site has no version 2026-Q2, and what changed up to it is measured from the snapshot before, as if it had never been recorded"]
    );
    let out = p.run(&["build"]).ok();
    assert!(out.stderr.contains("1 snapshot-ignored"), "{}", out.stderr);
    assert!(!p.path().join("site/v/2026-Q2").exists());
    assert!(p.path().join("site/v/2026-Q3/index.html").is_file());
    // Left out on purpose: allowed, it is silent.
    p.write(
        "book.toml",
        &format!(
            "{config}[snapshots]\nignore = [\"roadmap/2026-Q2\"]\n[lints]\nsnapshot-ignored = \"allow\"\n"
        ),
    );
    assert!(rule_messages(&p, "snapshot-ignored").is_empty());
}

/// A tag of a blob (a slip of `git tag`) is one unreadable version: the
/// others stay on the site, and the finding names the tag.
#[test]
fn a_tag_of_a_blob_leaves_only_itself_out() {
    let p = repo();
    let blob = git(&p, "2026-11-26", &["hash-object", "-w", "book.toml"]);
    git(&p, "2026-11-26", &["tag", "roadmap/zz-blob", blob.trim()]);
    let out = p.run(&["build"]).ok();
    assert!(p.path().join("site/v/2026-Q2/index.html").is_file());
    assert!(p.path().join("site/v/2026-Q3/index.html").is_file());
    let check = p.run(&["check", "--format", "json"]).stdout;
    let found: Vec<&str> = check
        .lines()
        .filter(|l| l.contains("\"snapshot\""))
        .collect();
    assert!(
        found.len() == 1
            && found[0].contains("cannot read git tag `roadmap/zz-blob`")
            && found[0].contains("this version is left out of the site"),
        "{check}\n{}",
        out.stderr
    );
    p.write(
        "book.toml",
        &format!(
            "{}[snapshots]\nignore = [\"roadmap/zz-*\"]\n",
            p.read("book.toml")
        ),
    );
    let check = p.run(&["check", "--format", "json"]).stdout;
    assert!(!check.contains("\"snapshot\""), "{check}");
}

/// A hidden file is skipped in the working tree, and so in a tag: the
/// snapshot `check` passed builds.
#[test]
fn a_hidden_file_is_skipped_in_a_tag_as_in_the_tree() {
    let p = repo();
    p.write(
        "content/initiatives/.draft.md",
        "---\ntitle: d\nowner: x\n---\n",
    );
    p.write("content/.notes/n.md", "---\ntitle: [broken\n---\n");
    git(&p, "2026-11-26", &["add", "-A"]);
    git(&p, "2026-11-26", &["commit", "-qm", "drafts"]);
    assert_eq!(p.run(&["check"]).code, 0);
    p.run(&["snapshot", "2026-Q4"]).ok();
    let out = p.run(&["build"]).ok();
    assert!(!out.stderr.contains("RB0301"), "{}", out.stderr);
    assert!(p.path().join("site/v/2026-Q4/index.html").is_file());
}

/// A removed milestone has no page: the dashboard and the brief name it by
/// its title as the snapshot had it, not by its bare id.
#[test]
fn a_removed_milestone_is_named_by_its_title() {
    let p = repo();
    p.write(
        "content/initiatives/app.md",
        "---\ntitle: App\nowner: A\noutcomes: [o]\nmilestones:\n  - id: pilot\n    title: Pilot\n    due: 2027-02-15\n    criteria: [p]\n---\n",
    );
    p.run(&["build"]).ok();
    for page in ["site/index.html", "site/brief.html"] {
        let html = p.read(page);
        assert!(html.contains("Live (app/live)"), "{page}: {html}");
    }
}

/// Deleting a live initiative's file is a decision finding: its slip and
/// scope changes left every page with it. Closed in a snapshot, or brought
/// back cancelled, it is none.
#[test]
fn a_deleted_live_initiative_is_a_finding() {
    let p = repo();
    let rules = |p: &Project| -> Vec<(String, String)> {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|f| f["rule"] == "removed-initiative")
            .map(|f| {
                (
                    f["path"].as_str().unwrap().to_string(),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(rules(&p), Vec::<(String, String)>::new());
    let app = p.read("content/initiatives/app.md");
    std::fs::remove_file(p.path().join("content/initiatives/app.md")).unwrap();
    assert_eq!(
        rules(&p),
        [(
            "content/initiatives/app.md".to_string(),
            "initiative `app` (“App”, 1 milestone) was live in snapshot 2026-Q3 and its file is gone: deleting it took it off every page, with no decision on record".to_string()
        )]
    );
    let out = p.run(&["build"]);
    assert!(out.stderr.contains("removed-initiative"), "{}", out.stderr);
    // The brief names it by the title the snapshot had: no page is left.
    let brief = p.read("site/brief.html");
    assert!(brief.contains("1 removed initiative (App)"), "{brief}");
    // So do the period's page and the diff.
    let period = p.read("site/history/2026-Q3--current.html");
    assert!(
        period.contains("Removed: App (<code>app</code>)"),
        "{period}"
    );
    let text = p.run(&["diff"]).ok().stdout;
    assert!(text.contains("removed  app (App)"), "{text}");
    // Tagged as the next quarter with the file still gone: that quarter's
    // own findings and brief count it, as a build of its tag does (they
    // said nothing of it: from an auditor's trial).
    tag_quarter(&p, "2026-12-31", "2026-Q4");
    p.run(&["build", "--quiet"]).ok();
    let findings = p.read("site/v/2026-Q4/findings.html");
    assert!(
        findings.contains("initiative <code>app</code> (“App”, 1 milestone) was live in snapshot 2026-Q3 and its file is gone"),
        "{findings}"
    );
    // Named there as that day's brief named it (it said "1 removed
    // initiative" alone: from a trial).
    let brief = p.read("site/v/2026-Q4/brief.html");
    assert!(
        brief.contains("Also needing a decision: 1 removed initiative (App)"),
        "{brief}"
    );
    // Its file there with another id: the id is gone, not the file (from
    // a trial: "its file is gone" of a file still there).
    p.write(
        "content/initiatives/app.md",
        &app.replace("title: App\n", "title: App\nid: app-renamed\n"),
    );
    assert_eq!(
        rules(&p),
        [(
            "content/initiatives/app.md".to_string(),
            "initiative `app` (“App”, 1 milestone) was live in snapshot 2026-Q3 and its id is gone (its file now reads as `app-renamed`): deleting it took it off every page, with no decision on record".to_string()
        )]
    );
    // Moved to another folder, where it reads as a page: its file is not
    // gone, and the message says where it is (from a trial).
    std::fs::remove_file(p.path().join("content/initiatives/app.md")).unwrap();
    p.write("content/archive/app.md", &app);
    assert_eq!(
        rules(&p),
        [(
            "content/initiatives/app.md".to_string(),
            "initiative `app` (“App”, 1 milestone) was live in snapshot 2026-Q3 and its file is gone from there (a file of its name is `content/archive/app.md` now, read as another item): deleting it took it off every page, with no decision on record".to_string()
        )]
    );
    std::fs::remove_file(p.path().join("content/archive/app.md")).unwrap();
    // There but unreadable: its error, and it is missing, not removed.
    p.write("content/initiatives/app.md", "---\ntitle: [App\n---\n");
    assert_eq!(rules(&p), Vec::<(String, String)>::new());
    // Back and cancelled: on record, no finding.
    p.write(
        "content/initiatives/app.md",
        &app.replace("owner: A\n", "owner: A\nstatus: cancelled\n"),
    );
    assert_eq!(rules(&p), Vec::<(String, String)>::new());
}

/// A quarter tagged by hand without the pattern's prefix is no version: said
/// once, with the tag to make; a release tag is none of the roadmap's.
#[test]
fn a_quarter_tagged_outside_the_pattern_is_named() {
    let p = repo();
    git(&p, "2026-11-26", &["tag", "2026-Q4"]);
    git(&p, "2026-11-26", &["tag", "v1.2.0"]);
    let snapshot_findings = |p: &Project| -> Vec<serde_json::Value> {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|f| f["rule"] == "snapshot")
            .collect()
    };
    let found = snapshot_findings(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0]["message"],
        "tag `2026-Q4` is not a version: versions are the tags matching `roadmap/*`"
    );
    let help = found[0]["help"].as_str().unwrap();
    assert!(
        help.contains("`git tag -a roadmap/2026-Q4 2026-Q4^{} -m \"Roadmap 2026-Q4\"`")
            && help.contains("`git tag -d 2026-Q4`"),
        "{help}"
    );
    // Tagged again as the help says: a version, and the old tag is no
    // longer named while it waits to be deleted.
    git(
        &p,
        "2026-11-26",
        &[
            "tag",
            "-a",
            "roadmap/2026-Q4",
            "2026-Q4^{}",
            "-m",
            "Roadmap 2026-Q4",
        ],
    );
    assert_eq!(snapshot_findings(&p), Vec::<serde_json::Value>::new());
    p.run(&["diff", "2026-Q4"]).ok();
    // `ignore` names tags in full: `2026-Q4` leaves the tag
    // `roadmap/2026-Q4` (version `2026-Q4`) in.
    p.write(
        "book.toml",
        &format!(
            "{}[snapshots]\nignore = [\"2026-Q4\"]\n",
            p.read("book.toml")
        ),
    );
    let out = p.run(&["check", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(snapshot_findings(&p), Vec::<serde_json::Value>::new());
    p.run(&["diff", "2026-Q4"]).ok();
    // A word match is suggested without the word twice.
    git(&p, "2026-11-27", &["tag", "roadmap-2027-Q1"]);
    let found = snapshot_findings(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    let help = found[0]["help"].as_str().unwrap();
    assert!(
        help.contains("`git tag -a roadmap/2027-Q1 roadmap-2027-Q1^{}"),
        "{help}"
    );
    // A pattern that pins part of the name (changed to this year's tags):
    // no tag under it stands for an older quarter, so the help widens it
    // (it suggested `roadmap/2027-2026-Q4`).
    git(&p, "2026-11-27", &["tag", "-d", "roadmap-2027-Q1"]);
    p.write(
        "book.toml",
        &p.read("book.toml")
            .replace("ignore = [\"2026-Q4\"]\n", "tags = \"roadmap/2027-*\"\n"),
    );
    let found = snapshot_findings(&p);
    let helps: Vec<&str> = found.iter().map(|f| f["help"].as_str().unwrap()).collect();
    assert!(
        !helps.is_empty()
            && helps.iter().all(|h| !h.contains("roadmap/2027-2026"))
            && helps.iter().any(|h| h.contains("`[snapshots] tags = \"roadmap/2027-*\"` pins the year, so no tag under it stands for 2026-Q")
                && h.contains("widen the pattern to `tags = \"roadmap/*\"`")),
        "{found:#?}"
    );
    // A quarter of the year it pins: retagged under it (found by a review:
    // widening would not have helped).
    git(&p, "2026-11-27", &["tag", "-d", "2026-Q4"]);
    git(&p, "2026-11-27", &["tag", "2027-Q2"]);
    let found = snapshot_findings(&p);
    let help = found[0]["help"].as_str().unwrap();
    assert!(
        help.contains("`git tag -a roadmap/2027-Q2 2027-Q2^{}"),
        "{found:#?}"
    );
}

#[test]
fn snapshot_refuses_a_dirty_tree_then_tags_with_a_summary() {
    let p = repo();
    p.write("content/outcomes/o.md", "---\ntitle: O2\nowner: A\n---\n");
    let out = p.run(&["snapshot", "2026-Q4"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("uncommitted changes (content/outcomes/o.md)"),
        "{}",
        out.stderr
    );
    git(&p, "2026-11-25", &["commit", "-qam", "o2"]);
    // What the tag does not archive may be uncommitted: the built site
    // (no .gitignore here) and a stray note.
    p.run(&["build"]).ok();
    p.write("notes.txt", "to do");
    // A theme error neither stops the snapshot nor counts in its summary:
    // the theme is not archived.
    p.write("themes/default/templates/item.html", "{% bogus %}");
    git(&p, "2026-11-25", &["add", "themes"]);
    git(&p, "2026-11-25", &["commit", "-qm", "theme"]);
    let all = p.run(&["check", "--format", "json"]).stdout.lines().count();
    let out = p.run(&["snapshot", "2026-Q4"]).ok();
    assert!(
        out.stderr
            .contains("Created the annotated tag roadmap/2026-Q4"),
        "{}",
        out.stderr
    );
    let message = git(
        &p,
        "2026-11-25",
        &["tag", "-l", "--format=%(contents)", "roadmap/2026-Q4"],
    );
    assert!(
        message.contains("Roadmap snapshot 2026-Q4 as of 2026-11-25"),
        "{message}"
    );
    assert!(message.contains("2 initiatives (2 live, 0 backlog)"));
    let counted = format!("; {} finding", all - 1);
    assert!(message.contains(&counted), "{counted}: {message}");
    assert_eq!(p.run(&["snapshot", "2026-Q4"]).code, 1, "the name is taken");
    // A `today` pinned in book.toml and not moved on would date the next
    // quarter's tag in the one before, for good, once that quarter has
    // begun (here 2027-01-05).
    let snapshot_on = |epoch: &str, name: &str| {
        let out = p
            .cmd(&["snapshot", name])
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stderr) = snapshot_on("1799107200", "2027-Q1");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("the snapshot would be dated 2026-11-25 (`today` in book.toml), before 2027-Q1 began on 2027-01-01: set `today`"),
        "{stderr}"
    );
    // A name that begins with the period is held to it as well (from a
    // trial: `2027-Q1-steering`, `2027-01` and `2027-01-04` were taken,
    // dated in November).
    for (name, period, began) in [
        ("2027-Q1-steering", "2027-Q1", "2027-01-01"),
        ("2027-01", "2027-01", "2027-01-01"),
        ("2027-01-04_board", "2027-01-04", "2027-01-04"),
    ] {
        let (code, stderr) = snapshot_on("1799107200", name);
        assert_eq!(code, Some(1), "{name}");
        assert!(
            stderr.contains(&format!("the snapshot would be dated 2026-11-25 (`today` in book.toml), before {period} began on {began}")),
            "{stderr}"
        );
    }
    p.write(
        "book.toml",
        &p.read("book.toml").replace("2026-11-25", "2026-12-20"),
    );
    git(&p, "2026-12-20", &["commit", "-qam", "december"]);
    let (code, stderr) = snapshot_on("1799107200", "2027-Q1");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains(
            "the snapshot would be dated 2026-12-20 (`today` in book.toml), before 2027-Q1 began"
        ),
        "{stderr}"
    );
    // An epoch that is not one cannot say whether the quarter began.
    let (code, stderr) = snapshot_on("soon", "2027-Q1");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("SOURCE_DATE_EPOCH `soon` is not a number of seconds"),
        "{stderr}"
    );
    // Before the quarter begins (2026-12-21), a snapshot named for it is
    // taken early on purpose, pinned or not, and is no finding.
    let (code, stderr) = snapshot_on("1797811200", "2027-Q1");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(rule_messages(&p, "snapshot-misdated").is_empty());
    p.run(&["snapshot", "2026-12"]).ok();
    // A later quarter's snapshot dated before an earlier quarter's would
    // be read before it (versions go by their days): refused.
    p.write(
        "book.toml",
        &p.read("book.toml").replace("2026-12-20", "2026-12-10"),
    );
    git(&p, "2026-12-20", &["commit", "-qam", "back"]);
    let (code, stderr) = snapshot_on("1797811200", "2027-Q2");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("the snapshot would be dated 2026-12-10, before snapshot 2027-Q1 (2026-12-20): versions are read in the order of their days"),
        "{stderr}"
    );
    p.write(
        "book.toml",
        &p.read("book.toml").replace("2026-12-10", "2026-12-20"),
    );
    git(&p, "2026-12-20", &["commit", "-qam", "forward"]);
    // On 2027-Q1's own day, before 2027-Q2 began: the quarter before's
    // roadmap again under the next quarter's name (a `today` left
    // pinned), refused as `snapshot-misdated` would say it.
    let (code, stderr) = snapshot_on("1797811200", "2027-Q2");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("the snapshot would be dated 2026-12-20, the day of snapshot 2027-Q1, before 2027-Q2 began (2027-04-01): it would record the roadmap of 2027-Q1 again as 2027-Q2's"),
        "{stderr}"
    );
    // Named as git lists the tag: the prefix is added for you.
    let out = p.run(&["snapshot", "roadmap/2027-Q1"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("did you mean `2027-Q1`? (the tag's prefix is added for you)"),
        "{}",
        out.stderr
    );
    // Another folder-like prefix is not the tag's: its slash is a dash.
    for (name, meant) in [("team/2027-Q1", "team-2027-Q1"), ("2027 Q1", "2027-Q1")] {
        let out = p.run(&["snapshot", name]);
        assert_eq!(out.code, 1);
        assert!(
            out.stderr.contains(&format!("did you mean `{meant}`?\n")),
            "{}",
            out.stderr
        );
    }
    // A name that is no period where every version is named for one: a
    // typo would be a tag for good (found by a trial: `roadbook snapshot
    // x` made one).
    let out = p.run(&["snapshot", "x"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("`x` does not begin with a quarter, a month or a day, and every version so far does (")
            && out.stderr.contains("did you mean `2026-Q4-2`? A snapshot is kept for good; to name it `x` all the same, pass --any-name"),
        "{}",
        out.stderr
    );
    let out = p.run(&["snapshot", "2027-Q"]);
    assert!(
        out.stderr.contains("does not begin with a quarter"),
        "{}",
        out.stderr
    );
    // The quarter meant, taken already, is said to be (it was suggested
    // as if free: from a trial).
    let out = p.run(&["snapshot", "Q4-2026"]);
    assert!(
        out.stderr.contains("did you mean `2026-Q4`? A version of that name exists already; a second snapshot of it would be `2026-Q4-2`. A snapshot is kept for good"),
        "{}",
        out.stderr
    );
    // Asked for, the name is no reason to refuse (this working tree is
    // refused for its day, as above).
    let out = p.run(&["snapshot", "x", "--any-name"]);
    assert!(
        !out.stderr.contains("does not begin with"),
        "{}",
        out.stderr
    );
    let out = p.run(&["snapshot", "2026-Q4-steering"]);
    assert!(
        !out.stderr.contains("does not begin with"),
        "{}",
        out.stderr
    );
}

/// A pattern that does not take every name after its prefix (`q?-*`):
/// `snapshot` refuses a tag no build would read, instead of creating it.
#[test]
fn snapshot_refuses_a_tag_its_own_pattern_would_not_read() {
    let p = repo();
    p.write(
        "book.toml",
        &(p.read("book.toml") + "\n[snapshots]\ntags = \"q?-*\"\n"),
    );
    git(&p, "2026-11-25", &["commit", "-qam", "pattern"]);
    let out = p.run(&["snapshot", "2026-Q4"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("the tag `q2026-Q4` would not match `[snapshots] tags = \"q?-*\"`"),
        "{}",
        out.stderr
    );
    assert!(!git(&p, "2026-11-25", &["tag"]).contains("q2026-Q4"));
}

/// `current` is the working tree's name in `roadbook diff` and the history:
/// a snapshot under it would stand in for the working tree and hide every
/// edit since.
#[test]
fn no_snapshot_may_be_named_current() {
    let p = repo();
    for name in ["current", "Current"] {
        let out = p.run(&["snapshot", name, "--dir"]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(
            out.stderr.contains("names the working tree"),
            "{}",
            out.stderr
        );
    }
    assert!(!p.path().join("snapshots/current").exists());
    // Made by hand, a folder or a tag under that name is left out, said.
    p.write("snapshots/current/book.toml", &p.read("book.toml"));
    p.write(
        "snapshots/current/content/outcomes/o.md",
        "---\ntitle: O\nowner: A\n---\n",
    );
    git(&p, "2026-11-25", &["tag", "roadmap/current"]);
    let out = p.run(&["check"]);
    assert!(
        out.stderr
            .contains("folder snapshots/current/ is left out: `current` names the working tree"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("git tag roadmap/current is left out: `current` names the working tree"),
        "{}",
        out.stderr
    );
    let text = p.run(&["diff", "2026-Q3"]).stdout;
    assert!(!text.contains("current → current"), "{text}");
}

/// A quarter's tag moved onto a commit of its own (the quarter re-made
/// with better dates) reads as the quarter it never was: a finding. A tag
/// on a branch not merged yet (a pull request's preview) is not one.
#[test]
fn a_tag_moved_off_the_history_is_a_finding() {
    let p = repo();
    let off = |p: &Project| -> Vec<String> {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|f| f["rule"] == "snapshot-off-history")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(off(&p).is_empty());
    // Q3 re-made with the later dates and tagged over.
    git(
        &p,
        "2026-11-25",
        &["checkout", "-q", "--detach", "roadmap/2026-Q3"],
    );
    initiatives(&p, "2026-12-15", "2027-01-31", "x", false);
    git(&p, "2026-11-25", &["commit", "-qam", "Q3 again"]);
    git(&p, "2026-11-25", &["tag", "-f", "roadmap/2026-Q3"]);
    git(&p, "2026-11-25", &["checkout", "-q", "-"]);
    assert_eq!(
        off(&p),
        ["git tag `roadmap/2026-Q3` points at a commit no branch reaches: the quarter it archives is not the roadmap this one grew from (a tag moved onto a rewritten commit reads as the quarter it never was)"]
    );
    // Kept on a branch of its own (not merged): reached, not flagged.
    git(
        &p,
        "2026-11-25",
        &["branch", "q3-remake", "roadmap/2026-Q3"],
    );
    assert!(off(&p).is_empty(), "{:?}", off(&p));

    // A merge request's pipeline clones its own branch and fetches the
    // tags: the commits later quarters were tagged on are not there, and
    // nothing can be judged (they must not all read as moved).
    let p = repo();
    git(&p, "2026-11-25", &["branch", "feature", "roadmap/2026-Q2"]);
    let clone = Project::empty();
    let src = p.path().to_string_lossy().into_owned();
    git(
        &clone,
        "2026-11-25",
        &[
            "clone",
            "-q",
            "--single-branch",
            "--branch",
            "feature",
            "--no-tags",
            &src,
            ".",
        ],
    );
    git(&clone, "2026-11-25", &["fetch", "-q", "--tags"]);
    assert!(!git(&clone, "2026-11-25", &["tag"]).is_empty());
    assert!(off(&clone).is_empty(), "{:?}", off(&clone));
}

#[test]
fn diff_without_git_or_snapshots_names_the_folder_snapshot() {
    let p = Project::fixture("valid");
    let out = p.run(&["diff"]);
    // The project's state, not a wrong command line (that is 2).
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("or `roadbook snapshot NAME --dir` (a folder, without git)"),
        "{}",
        out.stderr
    );
}

#[test]
fn snapshot_refuses_errors_and_writes_frozen_folders() {
    let p = Project::fixture("valid");
    p.write("content/outcomes/bad.md", "---\ntitle: B\n---\n");
    let out = p.run(&["snapshot", "q4", "--dir"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("error[RB0204]"), "{}", out.stderr);
    std::fs::remove_file(p.path().join("content/outcomes/bad.md")).unwrap();
    p.write("book.toml", "[book]\ntitle = \"Acme\"\n");
    // The theme is not archived (each build draws every version with its
    // own): a template error is no reason to refuse the roadmap's snapshot.
    p.write("themes/default/templates/item.html", "{% bogus %}");
    let out = p
        .cmd(&["snapshot", "q4", "--dir"])
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_file(p.path().join("themes/default/templates/item.html")).unwrap();
    let frozen = p.read("snapshots/q4/book.toml");
    assert!(
        frozen.contains("[roadmap]\ntoday = \"2026-11-26\""),
        "{frozen}"
    );
    assert_eq!(
        p.read("snapshots/q4/content/outcomes/grow-online.md"),
        p.read("content/outcomes/grow-online.md")
    );
    let out = p
        .cmd(&["build"])
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(p.path().join("site/v/q4/index.html").is_file());
    // The only snapshot breaks: `diff` says why it is missing, not that
    // there is none.
    p.write(
        "snapshots/q4/content/outcomes/grow-online.md",
        "---\ntitle: [oops\n---\n",
    );
    let out = p.run(&["diff"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("snapshots/q4/content/outcomes/grow-online.md:2:")
            && out
                .stderr
                .contains("a snapshot was left out because of the problem above"),
        "{}",
        out.stderr
    );
}

#[test]
fn without_git_everything_else_works_and_shallow_clones_warn() {
    let p = Project::fixture("valid");
    p.run(&["build"]).ok();
    assert!(!p.path().join("site/versions.html").exists());
    // A shallow clone of a repository with tags.
    let origin = repo();
    let clone = Project::empty();
    let url = format!("file://{}", origin.path().display());
    let ok = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url, "c"])
        .current_dir(clone.path())
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let mut cmd = assert_cmd::Command::cargo_bin("roadbook").unwrap();
    let out = cmd
        .current_dir(clone.path().join("c"))
        .args(["build", "--verbose"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning[RB0302]: this is a shallow clone"),
        "{stderr}"
    );
    assert!(stderr.contains("git fetch --unshallow --tags"));
}

/// Found by a trial: in a shallow clone, the quarter the newest snapshot
/// follows was not fetched, and `snapshot-gone` said its tag was gone, a
/// decision, with a fix that cannot work there. Missing from a shallow
/// clone is `missing-history`'s.
#[test]
fn a_shallow_clone_judges_no_followed_tag_gone() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-30", &["init", "-q"]);
    for (today, name) in [("2026-06-30", "2026-Q2"), ("2026-09-30", "2026-Q3")] {
        p.write("book.toml", &book(today)).write(
            "content/initiatives/i.md",
            &format!("---\ntitle: I {name}\nowner: A\noutcomes: [o]\n---\n"),
        );
        git(&p, today, &["add", "-A"]);
        git(&p, today, &["commit", "-qm", name]);
        assert_eq!(p.run(&["snapshot", name]).code, 0);
    }
    let clone = Project::empty();
    let url = format!("file://{}", p.path().display());
    assert!(std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url, "c"])
        .current_dir(clone.path())
        .status()
        .unwrap()
        .success());
    let out = assert_cmd::Command::cargo_bin("roadbook")
        .unwrap()
        .current_dir(clone.path().join("c"))
        .args(["check"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning[RB0302]"), "{stderr}");
    assert!(!stderr.contains("RB0318"), "{stderr}");
    // In the repository itself, a deleted tag is still said, with a fix
    // that does not stop in an editor for the tag's message.
    git(&p, "2026-09-30", &["tag", "-d", "roadmap/2026-Q2"]);
    let said = p.run(&["check"]).stderr;
    assert!(
        said.contains("RB0318") && said.contains(" -m \"Roadmap snapshot 2026-Q2\"`"),
        "{said}"
    );
}

#[test]
fn unchanged_archived_versions_are_carried_over_not_rendered_again() {
    use std::os::unix::fs::MetadataExt;
    let p = repo();
    p.run(&["build"]).ok();
    let page = p.path().join("site/v/2026-Q2/initiatives/net.html");
    let inode = std::fs::metadata(&page).unwrap().ino();
    assert!(p.path().join("site/v/2026-Q2/.roadbook-version").is_file());
    // The working tree changes, the snapshots do not.
    let text = p
        .read("content/initiatives/app.md")
        .replace("title: App", "title: App renamed");
    p.write("content/initiatives/app.md", &text);
    p.run(&["build"]).ok();
    assert_eq!(
        std::fs::metadata(&page).unwrap().ino(),
        inode,
        "the archived page is the same file"
    );
    assert!(p.read("site/initiatives/app.html").contains("App renamed"));
    // A new snapshot is rendered; the older ones are not, since no page of
    // theirs lists the versions.
    git(&p, "2026-12-01", &["add", "-A"]);
    git(&p, "2026-12-01", &["commit", "-qm", "Q4"]);
    git(&p, "2026-12-01", &["tag", "roadmap/2026-Q4"]);
    let out = p.run(&["build"]).ok();
    assert!(out.stderr.contains("Built"), "{}", out.stderr);
    assert_eq!(
        std::fs::metadata(&page).unwrap().ino(),
        inode,
        "adding a snapshot left the older archived page alone"
    );
    assert!(p
        .read("site/v/2026-Q4/initiatives/app.html")
        .contains("App renamed"));
    assert!(p.read("site/versions.js").contains(r#""name":"2026-Q4""#));
    assert!(p
        .read("site/initiatives/net.html")
        .contains(r#"href="../v/2026-Q4/initiatives/net.html">2026-Q4</a>"#));
    // A theme change renders every version again.
    let stamp = p.read("site/v/2026-Q2/.roadbook-version");
    p.write(
        "themes/default/templates/item.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ title }}</h1>{% endblock content %}",
    );
    p.run(&["build"]).ok();
    assert_ne!(p.read("site/v/2026-Q2/.roadbook-version"), stamp);
    assert_ne!(std::fs::metadata(&page).unwrap().ino(), inode);
    assert!(!p
        .read("site/v/2026-Q2/initiatives/net.html")
        .contains("Date history"));
}

/// A project whose milestone `net/core` is due `dues[i]` in frozen snapshot
/// `names[i]` (dated `todays[i]`), then `now_due` in the working tree with
/// `extra` added to the milestone (a `baseline:` line, say).
fn frozen(
    versions: &[(&str, &str, Option<&str>)],
    now_due: &str,
    extra: &str,
    book_extra: &str,
) -> Project {
    let p = Project::empty();
    let initiative = |due: Option<&str>, extra: &str| {
        let milestone = due.map_or(String::new(), |d| {
            format!("milestones:\n  - id: core\n    title: Core switches\n    due: {d}\n    criteria: [x]\n{extra}")
        });
        format!("---\ntitle: Network\nowner: N\noutcomes: [o]\n{milestone}---\n")
    };
    for (name, today, due) in versions {
        p.write(
            &format!("snapshots/{name}/book.toml"),
            &format!("[book]\ntitle = \"History\"\n[roadmap]\ntoday = \"{today}\"\n"),
        );
        p.write(&format!("snapshots/{name}/content/outcomes/o.md"), OUTCOME);
        p.write(
            &format!("snapshots/{name}/content/initiatives/net.md"),
            &initiative(*due, ""),
        );
    }
    p.write("book.toml", &(book("2026-11-25") + book_extra));
    p.write("content/outcomes/o.md", OUTCOME);
    for (path, text) in REVIEWS {
        p.write(path, text);
    }
    p.write(
        "content/initiatives/net.md",
        &initiative(Some(now_due), extra),
    );
    p
}

/// `roadbook diff VERSIONS --format json`, parsed.
fn diff_json(p: &Project, versions: &[&str]) -> serde_json::Value {
    let args: Vec<&str> = ["diff"]
        .into_iter()
        .chain(versions.iter().copied())
        .chain(["--format", "json"])
        .collect();
    serde_json::from_str(&p.run(&args).ok().stdout).unwrap()
}

/// `check`'s unacknowledged-slip findings, whole (message, help, place).
fn slip_findings(p: &Project) -> Vec<serde_json::Value> {
    p.run(&["check", "--format", "json"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["rule"] == "unacknowledged-slip")
        .collect()
}

fn slip_messages(p: &Project) -> Vec<String> {
    slip_findings(p)
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

const CR_AFTER_Q3: &str =
    "---\ntitle: Later switches\ndate: 2026-10-10\nstatus: approved\naffects: [net]\n---\n";

#[test]
fn a_baseline_field_re_baselines_the_moves_before_it() {
    // Q2 08-31 → Q3 09-30 (nobody decided) → now 12-15, re-baselined at
    // 09-30 and the move after Q3 approved: nothing is unacknowledged.
    let p = frozen(
        &[
            ("q2", "2026-06-30", Some("2026-08-31")),
            ("q3", "2026-09-30", Some("2026-09-30")),
        ],
        "2026-12-15",
        "    baseline: 2026-09-30\n",
        "",
    );
    p.write("content/changes/cr.md", CR_AFTER_Q3);
    assert_eq!(slip_messages(&p), Vec::<String>::new());
    // Without the decision, the re-baseline is no decision either: written
    // since Q3, it would have wiped the move Q2 → Q3 out of every page.
    std::fs::remove_file(p.path().join("content/changes/cr.md")).unwrap();
    let found = slip_findings(&p);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0]["message"],
        "milestone `net/core` slipped 106 days, from 2026-08-31 to 2026-12-15; no approved change request for the moves 2026-08-31 → 2026-09-30 (+30 days, after snapshot q2), 2026-09-30 → 2026-12-15 (+76 days, after snapshot q3)"
    );
    assert!(
        found[0]["help"]
            .as_str()
            .unwrap()
            .starts_with("its `baseline: 2026-09-30` counts once a change request records the re-baseline, decided after snapshot q3; "),
        "{}",
        found[0]["help"]
    );
    // Written as early as the history's own, it hides nothing: no decision
    // needed, and the slip stays whole.
    let net = p.read("content/initiatives/net.md");
    p.write(
        "content/initiatives/net.md",
        &net.replace("baseline: 2026-09-30", "baseline: 2026-08-31"),
    );
    let found = slip_messages(&p);
    assert!(
        found.len() == 1 && found[0].contains("slipped 106 days, from 2026-08-31"),
        "{found:?}"
    );
}

/// Two requests that could each cover either move are paired with the
/// moves in the order both happened: the earlier request the earlier move,
/// on every page alike.
#[test]
fn approvals_pair_with_moves_in_order() {
    let p = frozen(
        &[
            ("q2", "2026-06-30", Some("2026-08-31")),
            ("q3", "2026-09-30", Some("2026-09-30")),
        ],
        "2026-12-15",
        "",
        "",
    );
    p.write(
        "content/changes/cr-a.md",
        "---\ntitle: Core to end of September\ndate: 2026-10-05\nstatus: approved\naffects: [net/core]\n---\n",
    );
    p.write(
        "content/changes/cr-b.md",
        "---\ntitle: Core to mid-December\ndate: 2026-10-20\nstatus: approved\naffects: [net/core]\n---\n",
    );
    assert_eq!(slip_messages(&p), Vec::<String>::new());
    assert_eq!(
        diff_json(&p, &["q2", "q3"])["moved"][0]["acknowledged_by"],
        "cr-a"
    );
    assert_eq!(
        diff_json(&p, &["q3", "current"])["moved"][0]["acknowledged_by"],
        "cr-b"
    );
    p.run(&["build"]).ok();
    let page = p.read("site/initiatives/net.html");
    assert!(
        page.contains(r#"acknowledged by <a href="../changes/cr-b.html">Core to mid-December</a>"#),
        "{page}"
    );
}

/// A completion against a due that moved says the date first promised, in
/// `diff`, in roadmap.json and on the period's page; the move unapproved,
/// it is late against that date, not on time for the moved one.
#[test]
fn done_on_time_for_a_moved_date_names_the_first_promise() {
    let p = frozen(
        &[("q2", "2026-06-30", Some("2026-08-31"))],
        "2026-10-31",
        "    done: 2026-10-20\n",
        "",
    );
    let out = p.run(&["diff", "q2", "current"]).stdout;
    assert!(
        out.contains(
            "done     net/core: 2026-10-20 (due 2026-10-31, 50 days late for 2026-08-31, the date committed)"
        ),
        "{out}"
    );
    let completed = &diff_json(&p, &["q2", "current"])["completed"][0];
    assert_eq!(
        (&completed["committed"], &completed["first_promised"]),
        (&serde_json::json!("2026-08-31"), &serde_json::Value::Null)
    );
    p.run(&["build"]).ok();
    let period = p.read("site/history/q2--current.html");
    assert!(
        period.contains("50 d late</span> <small>for 2026-08-31, the date committed</small>")
            && !period.contains("first promised"),
        "{period}"
    );
    // The move approved: on time for the date approved, and the first
    // promise named beside it.
    p.write(
        "content/changes/cr.md",
        "---\ntitle: Later\ndate: 2026-07-15\nstatus: approved\ndecided_by: Board\naffects: [net/core]\n---\n",
    );
    // Late against the first promise all the same, as the promise-keeping
    // rate counts it: "on time" alone read as a promise kept beside a rate
    // that counted it broken.
    let out = p.run(&["diff", "q2", "current"]).stdout;
    assert!(
        out.contains(
            "done     net/core: 2026-10-20 (due 2026-10-31, on time for the moved date; first promised 2026-08-31, done 50 days after it (not counted as a promise kept))"
        ),
        "{out}"
    );
    assert_eq!(
        diff_json(&p, &["q2", "current"])["completed"][0]["after_promise"],
        50
    );
    p.run(&["build"]).ok();
    let period = p.read("site/history/q2--current.html");
    assert!(
        period.contains("on time for the moved date</span> <small>(first promised 2026-08-31: done 50 d after it, not counted as a promise kept)</small>"),
        "{period}"
    );
    assert!(
        p.read("site/metrics.html")
            .contains("promise-keeping rate: done by the date first promised (0 of 1;"),
        "the rate counts the same completion broken"
    );
    // So does the period's line leadership reads (found by a review).
    assert!(
        period.contains("1 completed (1 on time, 1 of them only for a moved date)"),
        "{period}"
    );
    // Done by the first promise: on time for both, and counted kept.
    let page = p.read("content/initiatives/net.md");
    p.write(
        "content/initiatives/net.md",
        &page.replace("done: 2026-10-20", "done: 2026-08-20"),
    );
    let out = p.run(&["diff", "q2", "current"]).stdout;
    assert!(
        out.contains("(due 2026-10-31, on time; first promised 2026-08-31)"),
        "{out}"
    );
    p.run(&["build"]).ok();
    assert!(p
        .read("site/history/q2--current.html")
        .contains("on time</span> <small>(first promised 2026-08-31)</small>"));
    assert!(p
        .read("site/metrics.html")
        .contains("promise-keeping rate: done by the date first promised (1 of 1;"));
}

/// A move approved when it happened keeps its approval: a request decided
/// later (here a re-plan of the whole initiative) does not take the credit
/// of a closed period, on the period's page or in `diff`.
#[test]
fn a_later_request_does_not_take_over_an_approval_on_record() {
    let p = frozen(
        &[
            ("q2", "2026-06-30", Some("2026-08-31")),
            ("q3", "2026-09-30", Some("2026-10-31")),
        ],
        "2026-10-31",
        "",
        "",
    );
    p.write(
        "content/changes/move-core.md",
        "---\ntitle: Core to October\ndate: 2026-07-10\nstatus: approved\naffects: [net/core]\n---\n",
    );
    let moved = |p: &Project| diff_json(p, &["q2", "q3"])["moved"][0]["acknowledged_by"].clone();
    assert_eq!(moved(&p), "move-core");
    p.write(
        "content/changes/replan.md",
        "---\ntitle: Network re-planned\ndate: 2026-11-20\nstatus: approved\naffects: [net]\n---\n",
    );
    assert_eq!(moved(&p), "move-core");
    p.run(&["build"]).ok();
    let period = p.read("site/history/q2--q3.html");
    assert!(
        period.contains("move-core.html") && !period.contains("replan.html"),
        "{period}"
    );
}

/// Found by a review: a re-plan of the whole initiative decided before the
/// milestone's own request took the milestone's move, and the request
/// written for it said on its page that nothing was matched to it.
#[test]
fn a_request_naming_the_milestone_approves_its_move_before_one_of_the_initiative() {
    let p = frozen(
        &[
            ("q2", "2026-06-30", Some("2026-08-31")),
            ("q3", "2026-09-30", Some("2026-10-31")),
        ],
        "2026-10-31",
        "",
        "",
    );
    p.write(
        "content/changes/replan.md",
        "---\ntitle: Network re-planned\ndate: 2026-07-05\nstatus: approved\naffects: [net]\n---\n",
    );
    p.write(
        "content/changes/move-core.md",
        "---\ntitle: Core to October\ndate: 2026-07-10\nstatus: approved\naffects: [net/core]\n---\n",
    );
    let moved = diff_json(&p, &["q2", "q3"])["moved"][0].clone();
    assert_eq!(moved["acknowledged_by"], "move-core", "{moved}");
    p.run(&["build"]).ok();
    let own = p.read("site/changes/move-core.html");
    assert!(
        own.contains("due moved 2026-08-31 → 2026-10-31") && !own.contains("is matched to it"),
        "{own}"
    );
    // The re-plan, decided earlier, still approves the move where the
    // milestone's own request is not late enough for it.
    p.write(
        "content/changes/move-core.md",
        "---\ntitle: Core to October\ndate: 2026-06-20\nstatus: approved\naffects: [net/core]\n---\n",
    );
    let moved = diff_json(&p, &["q2", "q3"])["moved"][0].clone();
    assert_eq!(moved["acknowledged_by"], "replan", "{moved}");
}

/// A slip approved in part: its row says how much stands unapproved, and
/// that the request approves the rest (not the whole slip).
#[test]
fn a_slip_approved_in_part_names_the_request_for_the_rest() {
    let p = frozen(
        &[("q2", "2026-06-30", Some("2026-08-31"))],
        "2026-10-31",
        "",
        "",
    );
    p.write(
        "content/changes/c1.md",
        &approved("c1", "2026-07-10", "net/core", "delay_days: 30\n"),
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/initiatives/net.html");
    assert!(
        page.contains("slipped +61 d, +31 d unacknowledged</span> <small>the rest acknowledged by <a href=\"../changes/c1.html\">"),
        "{page}"
    );
    // The timeline's list says the same (it read "+61 d, unapproved").
    let timeline = p.read("site/timeline.html");
    assert!(
        timeline.contains("slipped +61 d, +31 d unapproved"),
        "{timeline}"
    );
    // Topped up by a later request: both are named (the row named the
    // request of 30 days alone for the move of 61).
    p.write(
        "content/changes/c2.md",
        &approved("c2", "2026-10-05", "net/core", "delay_days: 31\n"),
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/initiatives/net.html");
    assert!(
        page.contains("slipped +61 d</span> <small>acknowledged by <a href=\"../changes/c1.html\">c1</a> and <a href=\"../changes/c2.html\">c2</a></small>"),
        "{page}"
    );
    std::fs::remove_file(p.path().join("content/changes/c2.md")).unwrap();
    // Approved whole: no "rest".
    p.write(
        "content/changes/c1.md",
        &approved("c1", "2026-07-10", "net/core", "delay_days: 61\n"),
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/initiatives/net.html");
    assert!(
        page.contains(
            "slipped +61 d</span> <small>acknowledged by <a href=\"../changes/c1.html\">"
        ),
        "{page}"
    );
}

/// Found by a trial: a move approved in part within its period by a request
/// on the initiative, the rest approved after the period by one naming the
/// milestone. The milestone's request, preferred as the more specific, took
/// the whole move: the period and the initiative named it alone, the first
/// request approved nothing any more, and the period read as if nothing had
/// been decided by its end, where the quarter's own site showed 30 days
/// approved.
#[test]
fn a_move_approved_in_part_in_its_period_and_the_rest_later_names_both() {
    let p = frozen(
        &[
            ("q2", "2026-06-30", Some("2026-08-31")),
            ("q3", "2026-09-30", Some("2026-10-31")),
        ],
        "2026-10-31",
        "",
        "",
    );
    p.write(
        "content/changes/part.md",
        &approved("part", "2026-07-10", "net", "delay_days: 30\n"),
    );
    p.write(
        "content/changes/rest.md",
        &approved("rest", "2026-10-05", "net/core", ""),
    );
    let moved = diff_json(&p, &["q2", "q3"])["moved"][0].clone();
    assert_eq!(moved["acknowledged_by"], "part", "{moved}");
    assert_eq!(
        moved["approved_by_steps"],
        serde_json::json!(["part", "rest"]),
        "{moved}"
    );
    assert!(moved["beyond_approval"].is_null(), "{moved}");
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/initiatives/net.html");
    assert!(
        page.contains("slipped +61 d</span> <small>acknowledged by <a href=\"../changes/part.html\">part</a> and <a href=\"../changes/rest.html\">rest</a></small>"),
        "{page}"
    );
    let request = p.read("site/changes/part.html");
    assert!(
        request.contains("due moved 2026-08-31 → 2026-10-31")
            && !request.contains("is matched to it"),
        "{request}"
    );
    // An end that moved with the milestone names both too (it named the
    // first alone).
    let with_end = |due: &str| {
        format!("---\ntitle: Network\nowner: N\noutcomes: [o]\nend: {due}\nmilestones:\n  - id: core\n    title: Core switches\n    due: {due}\n    criteria: [x]\n---\n")
    };
    for (file, due) in [
        ("snapshots/q2/content/initiatives/net.md", "2026-08-31"),
        ("snapshots/q3/content/initiatives/net.md", "2026-10-31"),
        ("content/initiatives/net.md", "2026-10-31"),
    ] {
        p.write(file, &with_end(due));
    }
    let end = diff_json(&p, &["q2", "q3"])["dates"][0].clone();
    assert_eq!(end["field"], "end", "{end}");
    assert_eq!(end["acknowledged_by"], "part", "{end}");
    assert_eq!(
        end["approved_by_steps"],
        serde_json::json!(["part", "rest"]),
        "{end}"
    );
    // One on the initiative approving the whole move leaves the
    // milestone's own request, decided later, its move: the swap is for a
    // request on record that approved part of it.
    p.write(
        "content/changes/part.md",
        &approved("part", "2026-07-10", "net", ""),
    );
    let moved = diff_json(&p, &["q2", "q3"])["moved"][0].clone();
    assert_eq!(moved["acknowledged_by"], "rest", "{moved}");
    p.write(
        "content/changes/part.md",
        &approved("part", "2026-07-10", "net", "delay_days: 30\n"),
    );
    // Both on record by the period's end, the milestone's own request
    // still goes first.
    p.write(
        "content/changes/rest.md",
        &approved("rest", "2026-07-20", "net/core", ""),
    );
    let moved = diff_json(&p, &["q2", "q3"])["moved"][0].clone();
    assert_eq!(moved["acknowledged_by"], "rest", "{moved}");
}

/// Found by a trial: a move nobody approved, then a small approval of the
/// next one. The days granted count from the date committed before them,
/// not from the date the unapproved move put it at: a request of one day
/// made that date the commitment, and the brief, the overdue list and the
/// health read the slip as 44 days where 105 stood unapproved.
#[test]
fn a_small_approval_after_an_unapproved_move_commits_only_its_days() {
    let p = frozen(
        &[
            ("q1", "2026-03-31", Some("2026-03-31")),
            ("q2", "2026-06-30", Some("2026-05-31")),
        ],
        "2026-07-15",
        "",
        "",
    );
    p.write(
        "content/changes/small.md",
        &approved("small", "2026-07-01", "net/core", "delay_days: 1\n"),
    );
    let said = rule_messages(&p, "unacknowledged-slip");
    assert_eq!(said.len(), 1, "{said:?}");
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/initiatives/net.html");
    assert!(
        page.contains("slipped +106 d, +105 d unacknowledged"),
        "{page}"
    );
    // The brief counts the same 105 days, from the date committed: the
    // baseline and the one day approved.
    let brief = p.read("site/brief.html");
    assert!(
        brief.contains("2026-04-01 → 2026-07-15") && !brief.contains("2026-06-01 → 2026-07-15"),
        "{brief}"
    );
    let overdue = rule_messages(&p, "overdue-milestone");
    assert!(
        overdue.len() == 1 && overdue[0].contains("2026-04-01"),
        "{overdue:?}"
    );
    // The trace's CSV names the date it is overdue from (found by a trial:
    // a due months ahead read "overdue" in a spreadsheet, unexplained).
    let trace = p.read("site/trace.csv");
    assert!(
        trace
            .lines()
            .next()
            .unwrap()
            .ends_with(",state,owner,committed")
            && trace.contains(",2026-07-15,,overdue,N,2026-04-01\r\n"),
        "{trace}"
    );
}

/// A snapshot that had a `baseline:` keeps it in force: moving it later,
/// or deleting it, with no decision does not shrink the slip.
#[test]
fn a_baseline_a_snapshot_had_stays_until_a_decision_moves_it() {
    let p = frozen(
        &[("q2", "2026-06-30", Some("2026-09-30"))],
        "2026-09-30",
        "    baseline: 2026-09-30\n",
        "",
    );
    p.write(
        "snapshots/q2/content/initiatives/net.md",
        "---\ntitle: Network\nowner: N\noutcomes: [o]\nmilestones:\n  - id: core\n    title: Core switches\n    due: 2026-09-30\n    baseline: 2026-06-30\n    criteria: [x]\n---\n",
    );
    let found = slip_messages(&p);
    assert!(
        found.len() == 1 && found[0].contains("slipped 92 days, from 2026-06-30 to 2026-09-30"),
        "{found:?}"
    );
    let net = p.read("content/initiatives/net.md");
    p.write(
        "content/initiatives/net.md",
        &net.replace("    baseline: 2026-09-30\n", ""),
    );
    let found = slip_findings(&p);
    assert!(
        found.len() == 1
            && found[0]["message"]
                .as_str()
                .unwrap()
                .contains("slipped 92 days, from 2026-06-30")
            && found[0]["help"]
                .as_str()
                .unwrap()
                .starts_with("removing its `baseline:` counts once"),
        "{found:?}"
    );
    // Decided after the snapshot, the move of the baseline counts.
    p.write("content/initiatives/net.md", &net);
    p.write(
        "content/changes/rebase.md",
        "---\ntitle: New plan for the core switches\ndate: 2026-07-10\nstatus: approved\naffects: [net]\n---\n",
    );
    assert_eq!(slip_messages(&p), Vec::<String>::new());
}

#[test]
fn a_baseline_before_every_snapshot_is_one_move_any_decision_covers() {
    // Baseline 01-31; the first snapshot already shows 06-30 (decided
    // 03-01, before any snapshot); now pulled in to 05-31.
    let p = frozen(
        &[("q2", "2026-06-30", Some("2026-06-30"))],
        "2026-05-31",
        "    baseline: 2026-01-31\n",
        "",
    );
    p.write(
        "content/changes/cr.md",
        "---\ntitle: Core switches in summer\ndate: 2026-03-01\nstatus: approved\naffects: [net/core]\n---\n",
    );
    assert_eq!(slip_messages(&p), Vec::<String>::new());
    std::fs::remove_file(p.path().join("content/changes/cr.md")).unwrap();
    let found = slip_messages(&p);
    assert!(
        found.len() == 1
            && found[0].contains("2026-01-31 → 2026-06-30 (+150 days, from its baseline)"),
        "{found:?}"
    );
}

#[test]
fn small_moves_that_add_up_need_a_decision_everywhere_alike() {
    // Tolerance 14: +10 then +10 days. The slip (20) needs a decision; the
    // latest move is the one to decide, in the check, the diff and its page.
    let p = frozen(
        &[
            ("q2", "2026-06-30", Some("2026-10-01")),
            ("q3", "2026-09-30", Some("2026-10-11")),
        ],
        "2026-10-21",
        "",
        "[governance]\nslip-tolerance-days = 14\n",
    );
    let found = slip_messages(&p);
    assert!(
        found.len() == 1
            && found[0].contains("2026-10-11 → 2026-10-21 (+10 days, after snapshot q3)"),
        "{found:?}"
    );
    let d: serde_json::Value = diff_json(&p, &[]);
    assert_eq!(d["moved"][0]["needs_ack"], true);
    let older: serde_json::Value = diff_json(&p, &["q2", "q3"]);
    assert_eq!(older["moved"][0]["needs_ack"], false, "{older}");
    assert!(p
        .run(&["diff"])
        .ok()
        .stdout
        .contains("(+10 days, unapproved)"));
    p.run(&["build"]).ok();
    let page = p.read("site/history/q3--current.html");
    assert!(page.contains("unacknowledged"), "the diff page agrees");
    // One approval covers one move: the page of the older pair does not
    // name it once the newer move took it.
    p.write("content/changes/cr.md", CR_AFTER_Q3);
    assert_eq!(slip_messages(&p), Vec::<String>::new());
    let older: serde_json::Value = diff_json(&p, &["q2", "q3"]);
    assert!(older["moved"][0]["acknowledged_by"].is_null(), "{older}");
}

#[test]
fn a_milestone_missing_from_a_snapshot_between_keeps_its_moves() {
    // Q2 has it (08-31), Q3 does not, now 12-15: the move is judged from Q2.
    let p = frozen(
        &[
            ("q2", "2026-06-30", Some("2026-08-31")),
            ("q3", "2026-09-30", None),
        ],
        "2026-12-15",
        "",
        "",
    );
    let found = slip_messages(&p);
    assert!(
        found.len() == 1
            && found[0].contains("2026-08-31 → 2026-12-15 (+106 days, after snapshot q2)"),
        "{found:?}"
    );
}

/// `title = 2026` in book.toml is a number written where text belongs: an
/// error with the quoted form. A published tag made that way by an older
/// roadbook still reads (a tag is not edited), and `[snapshots] tags` that
/// git would take as a character set is refused.
#[test]
fn text_written_as_a_number_in_book_toml_is_an_error_but_not_in_a_published_tag() {
    let p = repo();
    let numbered = book("2026-11-25").replace("title = \"History\"", "title = 2026");
    p.write("book.toml", &numbered);
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("book.toml:2:9: error[RB0004]: `title` must be text, found an integer")
            && out
                .stderr
                .contains("help: TOML text is written in quotes: `title = \"2026\"`"),
        "{}",
        out.stderr
    );
    git(&p, "2026-11-25", &["commit", "-qam", "numbered title"]);
    git(&p, "2026-11-25", &["tag", "roadmap/2026-Q4"]);
    p.write("book.toml", &book("2026-11-25"));
    let out = p.run(&["check", "--format", "json"]);
    assert!(!out.stdout.contains("2026-Q4"), "{}", out.stdout);
    p.run(&["build"]).ok();
    assert!(p
        .read("site/v/2026-Q4/index.html")
        .contains("<title>2026 — dashboard</title>"));
    p.write(
        "book.toml",
        &format!("{}[snapshots]\ntags = \"roadmap/[\"\n", book("2026-11-25")),
    );
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("book.toml:6:9: error[RB0001]: `tags` may hold only `*` and `?` as wildcards; `[` is neither"),
        "{}",
        out.stderr
    );
}

/// A `today` pinned before the newest snapshot's day makes the brief read
/// nothing overdue that a snapshot showed overdue: a finding; so does the
/// clock before a snapshot dated ahead of its day. SOURCE_DATE_EPOCH is not
/// judged (a commit's time comes before the tag made on it), nor is a day
/// short (a tag dated in another zone).
#[test]
fn a_today_pinned_before_the_newest_snapshot_is_a_finding() {
    let p = repo();
    let before = |p: &Project, epoch: Option<&str>| -> usize {
        let mut cmd = p.cmd(&["check", "--format", "json"]);
        if let Some(e) = epoch {
            cmd.env("SOURCE_DATE_EPOCH", e);
        }
        String::from_utf8_lossy(&cmd.output().unwrap().stdout)
            .lines()
            .filter(|l| l.contains("\"today-before-snapshot\""))
            .count()
    };
    assert_eq!(before(&p, None), 0);
    p.write("book.toml", &book("2026-09-01"));
    assert_eq!(before(&p, None), 1);
    // One day short: a tag made the next morning elsewhere.
    p.write("book.toml", &book("2026-09-29"));
    assert_eq!(before(&p, None), 0);
    // Not pinned: 2026-09-01 from SOURCE_DATE_EPOCH says nothing.
    p.write("book.toml", "[book]\ntitle = \"History\"\n");
    assert_eq!(before(&p, Some("1788220800")), 0);
    assert_eq!(before(&p, None), 0);
    // A snapshot dated ahead of the real date (its `today` pinned in the
    // future when it was taken): the clock is judged against it.
    p.write("book.toml", &book("2199-12-31"));
    git(&p, "2026-11-25", &["commit", "-qam", "ahead"]);
    git(&p, "2026-11-25", &["tag", "roadmap/2199-Q4"]);
    p.write("book.toml", "[book]\ntitle = \"History\"\n");
    assert_eq!(before(&p, None), 1);
    let out = p.run(&["check"]);
    assert!(
        out.stderr
            .contains("snapshot 2199-Q4 stands for 2199-12-31")
            && out
                .stderr
                .contains("(delete its tag `roadmap/2199-Q4` first)"),
        "{}",
        out.stderr
    );
    assert_eq!(before(&p, Some("1788220800")), 0);
}

/// A quarter's site taken after a completion was dated back counts it as
/// that quarter's record allows: late to the snapshot that showed it open,
/// in its delivery rate and on its milestone's row, as the working tree's.
#[test]
fn an_archived_quarter_counts_a_backdated_completion_late() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let wifi = |done: &str| {
        format!("---\ntitle: Wi-Fi\nowner: N\noutcomes: [o]\nmilestones:\n  - id: upgraded\n    title: Upgraded\n    due: 2026-07-31\n{done}    criteria: [x]\n---\n")
    };
    for (day, done, name) in [
        ("2026-06-30", "", "2026-Q2"),
        ("2026-09-30", "", "2026-Q3"),
        ("2026-12-31", "    done: 2026-07-20\n", "2026-Q4"),
    ] {
        p.write("content/initiatives/wifi.md", &wifi(done));
        tag_quarter(&p, day, name);
    }
    p.write("book.toml", &book("2027-01-15"));
    p.run(&["build", "--quiet"]).ok();
    for dashboard in ["site/index.html", "site/v/2026-Q4/index.html"] {
        let html = p.read(dashboard);
        assert!(
            html.contains("milestones done on time (0 of 1 due so far;"),
            "{dashboard}: {html}"
        );
    }
    let row = p.read("site/v/2026-Q4/initiatives/wifi.html");
    assert!(
        row.contains("Done 61 d late at least: snapshot 2026-Q3 showed it open</span>"),
        "{row}"
    );
    // The traceability export reads the same state.
    let trace = p.read("site/trace.csv");
    assert!(
        trace.contains(",2026-07-31,2026-07-20,done-late,N"),
        "{trace}"
    );
    // Its findings, as the build of its day found them (the quarter's
    // findings page and brief left the back-dating out).
    let findings = p.read("site/v/2026-Q4/findings.html");
    assert!(
        findings.contains(
            "is done on 2026-07-20, but snapshot 2026-Q3 (2026-09-30) showed it open and overdue"
        ),
        "{findings}"
    );
    let brief = p.read("site/v/2026-Q4/brief.html");
    assert!(brief.contains("1 completion dated back"), "{brief}");
    // Promises kept, as the quarter's own build counted them: the
    // completion dated back kept none (the archived brief and metrics
    // page counted no promise at all).
    for brief in ["site/brief.html", "site/v/2026-Q4/brief.html"] {
        let html = p.read(brief);
        assert!(
            html.contains(
                "Promises kept: 0% of the milestones done (0 of 1 by the date first promised"
            ),
            "{brief}: {html}"
        );
    }
    let metrics = p.read("site/v/2026-Q4/metrics.html");
    assert!(
        metrics.contains(r#"promise-keeping rate: done by the date first promised (0 of 1; <a href="../../versions.html">versions</a>)"#),
        "{metrics}"
    );
    // The first snapshot had nothing before it: nothing counted.
    assert!(!p
        .read("site/v/2026-Q2/brief.html")
        .contains("Promises kept"));
    // The quarter before it knew nothing of it: open and overdue.
    let q3 = p.read("site/v/2026-Q3/index.html");
    assert!(q3.contains("(0 of 1 due so far;"), "{q3}");
}

/// A completion dated back before a quarter that reported the milestone
/// open and overdue (or done later) turns a late delivery into an on-time
/// one: a finding, unless it is within a week (recorded late) or a change
/// request since confirms it.
/// A completion dated back before a snapshot that showed the milestone
/// open past the date promised up to it is a finding, though that snapshot
/// had its due moved out (with no decision) or was taken on its very day:
/// judged by the due date as it then stood, `done:` dated back wiped the
/// slip and kept the promise (from a CIO's trial).
#[test]
fn a_completion_dated_back_before_a_moved_due_is_a_finding() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-03-01", &["init", "-q"]);
    let cutover = |test_due: &str, test_done: &str, pilot_done: &str| {
        format!("---\ntitle: Cut-over\nowner: N\noutcomes: [o]\nmilestones:\n  - id: test\n    title: Test cut-over\n    due: {test_due}\n{test_done}    criteria: [x]\n  - id: pilot\n    title: Pilot\n    due: 2026-04-15\n{pilot_done}    criteria: [x]\n---\n")
    };
    // Moved with a decision before that snapshot, and done (as recorded
    // late, honestly) after the date first promised: nothing is claimed
    // that the record denies.
    let moved = |due: &str, done: &str| {
        format!("---\ntitle: Moved\nowner: N\noutcomes: [o]\nmilestones:\n  - id: m\n    title: M\n    due: {due}\n{done}    criteria: [x]\n---\n")
    };
    p.write(
        "content/changes/move.md",
        "---\ntitle: Move M\ndate: 2026-03-10\nstatus: approved\ndecided: 2026-03-20\naffects: [moved/m]\n---\n",
    );
    for (today, due, tag) in [
        ("2026-03-01", "2026-03-31", "roadmap/2026-03"),
        // The test's due moved out with no decision before the snapshot
        // of 2026-04-15, which shows it open (not overdue by its new
        // date); the pilot open on its very day.
        ("2026-04-15", "2026-05-31", "roadmap/2026-04"),
    ] {
        p.write("book.toml", &book(today));
        p.write("content/initiatives/cut.md", &cutover(due, "", ""));
        p.write("content/initiatives/moved.md", &moved(due, ""));
        git(&p, today, &["add", "-A"]);
        git(&p, today, &["commit", "-qm", tag]);
        git(&p, today, &["tag", tag]);
    }
    // Now both "done" well before that snapshot.
    p.write("book.toml", &book("2026-06-30"));
    p.write(
        "content/initiatives/cut.md",
        &cutover(
            "2026-05-31",
            "    done: 2026-03-25\n",
            "    done: 2026-04-01\n",
        ),
    );
    p.write(
        "content/initiatives/moved.md",
        &moved("2026-05-31", "    done: 2026-04-05\n"),
    );
    let found: Vec<String> = p
        .run(&["check", "--format", "json"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["rule"] == "backdated-done")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found
            .iter()
            .any(|m| m.contains("`cut/test` is done on 2026-03-25")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.contains("`cut/pilot` is done on 2026-04-01")),
        "{found:?}"
    );
}

/// Milestones written into the roadmap once they were done, dated before
/// a quarter that did not have them, keep no promise: none was on record
/// (from a trial: two lines of work already delivered, added after Q2,
/// took the brief's rate from 50 % to 75 %). Work added and delivered
/// within the period since still counts.
#[test]
fn work_written_in_once_done_keeps_no_promise() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let milestone = |id: &str, due: &str, done: &str| {
        format!(
            "  - id: {id}\n    title: {id}\n    due: {due}\n    done: {done}\n    criteria: [x]\n"
        )
    };
    let crm =
        |ms: &str| format!("---\ntitle: CRM\nowner: N\noutcomes: [o]\nmilestones:\n{ms}---\n");
    let late = milestone("migrated", "2026-05-01", "2026-06-10");
    let moved = milestone("cutover", "2026-05-31", "2026-05-10");
    p.write("book.toml", &book("2026-06-30"));
    p.write("content/initiatives/crm.md", &crm(&late));
    p.write(
        "content/initiatives/erp.md",
        &crm(&moved).replace("title: CRM", "title: ERP"),
    );
    git(&p, "2026-06-30", &["add", "-A"]);
    git(&p, "2026-06-30", &["commit", "-qm", "Q2"]);
    git(&p, "2026-06-30", &["tag", "roadmap/2026-Q2"]);
    p.write("book.toml", &book("2026-11-25"));
    let padded = format!(
        "{late}{}{}{}{moved}",
        milestone("licences", "2026-05-01", "2026-04-20"),
        milestone("training", "2026-06-15", "2026-06-01"),
        milestone("reports", "2026-10-15", "2026-10-10"),
    );
    p.write("content/initiatives/crm.md", &crm(&padded));
    // `cutover`, done in May, moved from `erp` since: a delivery on record.
    std::fs::remove_file(p.path().join("content/initiatives/erp.md")).unwrap();
    p.run(&["build", "--quiet"]).ok();
    // `migrated` late, `reports` added and done in the period on time,
    // `cutover` kept: `licences` and `training` were done before Q2,
    // which had neither.
    let brief = p.read("site/brief.html");
    assert!(
        brief.contains(
            "Promises kept: 67% of the milestones done (2 of 3 by the date first promised"
        ),
        "{brief}"
    );
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(json["history"]["promise_keeping_rate"], 2.0 / 3.0);
    // A week's grace for a completion recorded late, as elsewhere: done
    // 2026-06-25, five days before Q2 was taken, it counts; done
    // 2026-06-20, it does not.
    for (done, said) in [
        ("2026-06-25", "50% of the milestones done (1 of 2"),
        ("2026-06-20", "0% of the milestones done (0 of 1"),
    ] {
        let padded = format!("{late}{}", milestone("training", "2026-06-30", done));
        p.write("content/initiatives/crm.md", &crm(&padded));
        p.run(&["build", "--quiet"]).ok();
        let brief = p.read("site/brief.html");
        assert!(
            brief.contains(&format!("Promises kept: {said} by the date first promised")),
            "{done}: {brief}"
        );
    }
}

/// A milestone renamed (a new id, its title kept) carries its dates with
/// it: moved half a year as it was renamed, it slipped, and a request
/// affecting the work that approves no delay approves none of it (from a
/// trial: the move read as a milestone removed and one added, "approved
/// by rename", and the brief said 0 unapproved slips). Two milestones of
/// one title are no rename, nor is a done one replaced.
#[test]
fn a_milestone_renamed_as_it_moved_still_slipped() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    p.write("book.toml", &book("2026-09-30"));
    p.write(
        "content/initiatives/erp.md",
        &erp(&milestone("cutover", "Test cut-over", "2027-03-31")),
    );
    git(&p, "2026-09-30", &["add", "-A"]);
    git(&p, "2026-09-30", &["commit", "-qm", "Q3"]);
    git(&p, "2026-09-30", &["tag", "roadmap/2026-Q3"]);
    p.write("book.toml", &book("2026-11-25"));
    p.write(
        "content/initiatives/erp.md",
        &erp(&milestone(
            "cutover-rehearsal",
            "Test  cut-over",
            "2027-09-30",
        )),
    );
    p.write(
        "content/changes/rename.md",
        &approved("rename", "2026-10-15", "erp", "delay_days: 0\n"),
    );
    assert_eq!(
        slip_messages(&p),
        ["milestone `erp/cutover-rehearsal` (renamed from `cutover`) slipped 183 days, from 2027-03-31 to 2027-09-30; `rename` approves 0 days of the move 2027-03-31 → 2027-09-30 (+183 days, after snapshot 2026-Q3): 183 days of it with no approved change request"]
    );
    p.run(&["build", "--quiet"]).ok();
    assert!(p.read("site/brief.html").contains("Unapproved slips (1)"));
    // The period shows the move, under the new id, and no milestone
    // removed or added: it read as two scope changes, the move in neither
    // the period's table nor `diff` (from a trial).
    let diff = p.run(&["diff"]).stdout;
    assert!(
        diff.contains("  moved    erp/cutover-rehearsal (renamed from erp/cutover): 2027-03-31 → 2027-09-30 (+183 days"),
        "{diff}"
    );
    assert!(!diff.contains("scope"), "{diff}");
    let period = p.read("site/history/2026-Q3--current.html");
    assert!(
        period.contains("(renamed from <code>erp/cutover</code>)"),
        "{period}"
    );
    assert!(period.contains("<h2>Milestones renamed</h2>"), "{period}");
    assert!(!period.contains("<h2>Scope changes</h2>"), "{period}");
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    let last = json["history"]["diffs"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last["renamed"],
        serde_json::json!([{"gid": "erp/cutover-rehearsal", "from": "erp/cutover"}])
    );
    assert_eq!(last["moved"][0]["gid"], "erp/cutover-rehearsal");
    // Two new milestones of that title: which one it became is not known.
    p.write(
        "content/initiatives/erp.md",
        &erp(&format!(
            "{}{}",
            milestone("cutover-rehearsal", "Test cut-over", "2027-09-30"),
            milestone("cutover-2", "Test cut-over", "2027-10-31")
        )),
    );
    assert_eq!(slip_messages(&p), Vec::<String>::new());
}

/// A rename is followed as the period saw it: renamed while it moved,
/// then retitled, or renamed again, the slip is still the whole move from
/// the first promise (the slips judged the rename by today's title and
/// followed one step only, while the periods showed the move: from a
/// review).
#[test]
fn a_rename_retitled_or_renamed_again_since_still_slipped() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let quarter = |today: &str, tag: &str, ms: String| {
        p.write("book.toml", &book(today));
        p.write("content/initiatives/erp.md", &erp(&ms));
        git(&p, today, &["add", "-A"]);
        git(&p, today, &["commit", "-qm", tag]);
        git(&p, today, &["tag", &format!("roadmap/{tag}")]);
    };
    quarter(
        "2026-06-30",
        "2026-Q2",
        milestone("a", "Launch", "2027-03-31"),
    );
    quarter(
        "2026-09-30",
        "2026-Q3",
        milestone("b", "Launch", "2027-05-31"),
    );
    p.write("book.toml", &book("2026-11-25"));
    // Its last id before this one is named.
    for (id, title, was) in [("b", "Launch to all", "a"), ("c", "Launch", "b")] {
        p.write(
            "content/initiatives/erp.md",
            &erp(&milestone(id, title, "2027-05-31")),
        );
        assert_eq!(
            slip_messages(&p),
            [format!("milestone `erp/{id}` (renamed from `{was}`) slipped 61 days, from 2027-03-31 to 2027-05-31; no approved change request for the move 2027-03-31 → 2027-05-31 (+61 days, after snapshot 2026-Q2)")],
            "{id}"
        );
    }
}

/// A change request is the record of a decision: it keeps naming a
/// milestone removed since a snapshot had it, and that stops no build (an
/// `unknown-reference` error did, approved or rejected, and its "did you
/// mean" pointed the approval at another milestone: from a trial). The
/// removal is judged on its own; an id no snapshot had is still an error.
#[test]
fn a_request_naming_a_milestone_removed_since_a_snapshot_stops_no_build() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    p.write("book.toml", &book("2026-09-30"));
    p.write(
        "content/initiatives/erp.md",
        &erp(&format!(
            "{}{}",
            milestone("cutover", "Cut-over", "2027-03-31"),
            milestone("training", "Training", "2027-01-31")
        )),
    );
    // Known by its `id:` (CR-0012's was forgiven only by its file's name:
    // from a review), by its file's name, and by either (CR-0013, below).
    p.write(
        "content/changes/cr-0012.md",
        &approved(
            "delay",
            "2026-09-01",
            "erp/training",
            "id: delay-training\ndelay_days: 0\n",
        ),
    );
    p.write(
        "content/changes/moved.md",
        "---\ntitle: moved\ndate: 2026-09-02\nstatus: rejected\naffects: [erp/training]\ndecided_by: Board\n---\n",
    );
    p.write(
        "content/changes/cr-0013.md",
        &approved("again", "2026-09-03", "erp/training", ""),
    );
    git(&p, "2026-09-30", &["add", "-A"]);
    git(&p, "2026-09-30", &["commit", "-qm", "Q3"]);
    git(&p, "2026-09-30", &["tag", "roadmap/2026-Q3"]);
    p.write("book.toml", &book("2026-11-25"));
    p.write(
        "content/initiatives/erp.md",
        &erp(&milestone("cutover", "Cut-over", "2027-03-31")),
    );
    // Given an `id:` since: the snapshot knew it by its file's name.
    p.write(
        "content/changes/cr-0013.md",
        &approved(
            "again",
            "2026-09-03",
            "erp/training",
            "id: training-again\n",
        ),
    );
    p.write(
        "content/changes/typo.md",
        &approved("typo", "2026-10-01", "erp/trainig", ""),
    );
    let unknown = |p: &Project| crate::helpers::rule_messages(p, "unknown-reference");
    assert_eq!(
        unknown(&p),
        ["unknown initiative, kpi, outcome, team or milestone `erp/trainig` in `affects`"]
    );
    std::fs::remove_file(p.path().join("content/changes/typo.md")).unwrap();
    assert_eq!(unknown(&p), Vec::<String>::new());
    // A request written since that names it is told it was removed, not
    // offered another milestone (from a review).
    p.write(
        "content/changes/later.md",
        &approved("later", "2026-10-01", "erp/training", "delay_days: 30\n"),
    );
    let out = p.run(&["check"]);
    assert!(
        out.stderr.contains("= help: `erp/training` was removed after snapshot 2026-Q3: a request written since names what the roadmap has, such as its initiative `erp`"),
        "{}",
        out.stderr
    );
    // Its initiative renamed since too: not offered (it led into the same
    // error: from a trial).
    let erp_text = p.read("content/initiatives/erp.md");
    std::fs::remove_file(p.path().join("content/initiatives/erp.md")).unwrap();
    p.write("content/initiatives/erp-next.md", &erp_text);
    let out = p.run(&["check"]);
    assert!(
        out.stderr.contains("= help: `erp/training` was removed after snapshot 2026-Q3: a request written since names what the roadmap has\n"),
        "{}",
        out.stderr
    );
    std::fs::remove_file(p.path().join("content/initiatives/erp-next.md")).unwrap();
    p.write("content/initiatives/erp.md", &erp_text);
    std::fs::remove_file(p.path().join("content/changes/later.md")).unwrap();
    let out = p.run(&["build", "--quiet"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(p.path().join("site/index.html").is_file());
    assert_eq!(
        crate::helpers::rule_messages(&p, "unacknowledged-scope-change"),
        ["milestone `erp/training` was removed after snapshot 2026-Q3, with no approved change request"]
    );
    // Without the snapshots, nothing tells the id from a mistake.
    let out = p.run(&["build", "--no-snapshots", "-d", "alone"]);
    assert!(
        out.stderr.contains("`erp/training` in `affects`"),
        "{}",
        out.stderr
    );
}

/// A rename keeps the decisions of the milestone's old id: a request that
/// approved the move under it still does, and naming the milestone by its
/// new id in that request approves nothing more (it read as a slip with no
/// decision, and the request as rewritten, from a review). A milestone done
/// and then replaced by a new one of its title is no rename, nor is one
/// whose old id went quarters before.
#[test]
fn a_rename_keeps_its_approvals_and_a_done_milestone_replaced_is_none() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let milestone = |id: &str, title: &str, due: &str, done: &str| {
        format!("  - id: {id}\n    title: {title}\n    due: {due}\n{done}    criteria: [x]\n")
    };
    let quarter = |today: &str, tag: &str| {
        git(&p, today, &["add", "-A"]);
        git(&p, today, &["commit", "-qm", tag]);
        git(&p, today, &["tag", &format!("roadmap/{tag}")]);
    };
    p.write("book.toml", &book("2026-06-30"));
    p.write(
        "content/initiatives/erp.md",
        &erp(&format!(
            "{}{}",
            milestone("cutover", "Test cut-over", "2027-03-31", ""),
            milestone("rel-1", "Release", "2026-09-30", "")
        )),
    );
    quarter("2026-06-30", "2026-Q2");
    p.write("book.toml", &book("2026-09-30"));
    p.write(
        "content/initiatives/erp.md",
        &erp(&format!(
            "{}{}",
            milestone("cutover", "Test cut-over", "2027-09-30", ""),
            milestone("rel-1", "Release", "2026-09-30", "    done: 2026-09-25\n")
        )),
    );
    p.write(
        "content/changes/delay.md",
        &approved("delay", "2026-07-10", "erp/cutover", "delay_days: 183\n"),
    );
    quarter("2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-11-25"));
    p.write(
        "content/initiatives/erp.md",
        &erp(&format!(
            "{}{}",
            milestone("cutover-rehearsal", "Test cut-over", "2027-09-30", ""),
            milestone("rel-2", "Release", "2027-03-31", "")
        )),
    );
    p.write(
        "content/changes/delay.md",
        &approved(
            "delay",
            "2026-07-10",
            "erp/cutover-rehearsal",
            "delay_days: 183\n",
        ),
    );
    let out = p.run(&["check", "--format", "json"]).stdout;
    let rules: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["weight"] == "decision")
        .map(|f| format!("{}: {}", f["rule"].as_str().unwrap(), f["message"]))
        .collect();
    // The scope changes of the rename and of the release replaced are
    // asked about as before; no slip and no rewritten approval.
    assert!(
        rules
            .iter()
            .any(|r| r.starts_with("unacknowledged-scope-change"))
            && rules
                .iter()
                .all(|r| !r.starts_with("unacknowledged-slip")
                    && !r.starts_with("approval-rewritten")),
        "{rules:#?}"
    );
}

/// An initiative's file turned into a page (`kind: page`) is gone as an
/// initiative: the period counts it removed, as `check` says it is (the
/// period said nothing, the brief "0 removed").
#[test]
fn an_initiative_turned_into_a_page_is_removed_in_its_period() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let net = "---\ntitle: Net\nowner: N\noutcomes: [o]\nmilestones:\n  - id: core\n    title: Core\n    due: 2027-03-31\n    criteria: [x]\n---\n";
    p.write("book.toml", &book("2026-09-30"));
    p.write("content/initiatives/net.md", net);
    git(&p, "2026-09-30", &["add", "-A"]);
    git(&p, "2026-09-30", &["commit", "-qm", "Q3"]);
    git(&p, "2026-09-30", &["tag", "roadmap/2026-Q3"]);
    p.write("book.toml", &book("2026-11-25"));
    p.write(
        "content/initiatives/net.md",
        &net.replacen("---\n", "---\nkind: page\n", 1),
    );
    assert!(p.run(&["check"]).stderr.contains("removed-initiative"));
    let json: serde_json::Value =
        serde_json::from_str(&p.run(&["diff", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(json["removed"], serde_json::json!(["net"]), "{json:#}");
    assert_eq!(json["added"], serde_json::json!(["net"]), "{json:#}");
}

/// Planned work of 600 person-days for team `erp` (100 a quarter),
/// ending 2027-Q2, starting `start`.
fn reporting(start: &str) -> String {
    format!("---\ntitle: Reporting\nowner: N\nstatus: planned\noutcomes: [o]\nteam: erp\neffort: 600\nstart: {start}\nend: 2027-Q2\nmilestones:\n  - id: live\n    title: Live\n    due: 2027-Q2\n    criteria: [x]\n---\n")
}

/// A repository whose snapshot `tag`, taken on `day`, has
/// `initiatives/reporting.md` as `then`, and whose working tree, on
/// `today`, has it as `now`.
fn reporting_moved(day: &str, tag: &str, then: &str, today: &str, now: &str) -> Project {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME).write(
        "content/teams/erp.md",
        "---\ntitle: ERP\ncapacity: 100\n---\n",
    );
    git(&p, "2026-06-01", &["init", "-q"]);
    p.write("book.toml", &book(day));
    p.write("content/initiatives/reporting.md", then);
    git(&p, day, &["add", "-A"]);
    git(&p, day, &["commit", "-qm", tag]);
    git(&p, day, &["tag", &format!("roadmap/{tag}")]);
    p.write("book.toml", &book(today));
    p.write("content/initiatives/reporting.md", now);
    p
}

/// A planned initiative's start moved back before the quarter that had it
/// starting later spreads its effort over quarters already over, and its
/// team's overload reads gone: a decision, said on the brief, until a
/// request affecting the work records it (from a trial: a team at 148 %
/// read within its capacity).
#[test]
fn a_start_dated_back_before_the_record_is_a_finding() {
    let p = reporting_moved(
        "2026-12-31",
        "2026-Q4",
        &reporting("2027-Q1"),
        "2027-01-15",
        &reporting("2026-Q3"),
    );
    let found = |p: &Project| rule_messages(p, "backdated-start");
    assert_eq!(
        found(&p),
        ["initiative `reporting` starts 2026-Q3, but snapshot 2026-Q4 (2026-12-31) had it starting 2027-Q1: a start dated before the record of it spreads its effort over quarters that snapshot showed it had no part in, and the quarters to come read lighter"]
    );
    p.run(&["build", "--quiet"]).ok();
    let brief = p.read("site/brief.html");
    assert!(brief.contains("1 start dated back"), "{brief}");
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        json["history"]["open_backdated_starts"],
        serde_json::json!([{ "id": "reporting", "start": "2026-Q3", "after": "2026-Q4", "as_of": "2026-12-31", "start_then": "2027-Q1" }])
    );
    // Until it is decided, the capacity spreads the effort from the start
    // on record, as the quarter's own site did: 300 % in 2027-Q1 and Q2.
    let on_record = vec![
        ("2027-Q1".to_string(), 300.0),
        ("2027-Q2".to_string(), 300.0),
    ];
    assert_eq!(crate::helpers::committed_by_quarter(&json), on_record);
    // A request stating only money records no plan; one on the work
    // decided since does: nothing to ask.
    p.write(
        "content/changes/started.md",
        &approved(
            "started",
            "2027-01-10",
            "reporting",
            "budget_increase: 500\n",
        ),
    );
    assert_eq!(found(&p).len(), 1);
    p.write(
        "content/changes/started.md",
        &approved("started", "2027-01-10", "reporting", ""),
    );
    assert_eq!(found(&p), Vec::<String>::new());
    // Decided, the start as written stands: four quarters of 150.
    p.run(&["build", "--quiet"]).ok();
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        crate::helpers::committed_by_quarter(&json),
        ["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"].map(|q| (q.to_string(), 150.0))
    );
    std::fs::remove_file(p.path().join("content/changes/started.md")).unwrap();
    // A start moved later, or within a week of the record, or within the
    // quarter it had (the capacity reads quarters), asks nothing.
    for start in ["2027-Q2", "2026-12-28", "2027-01"] {
        p.write("content/initiatives/reporting.md", &reporting(start));
        assert_eq!(found(&p), Vec::<String>::new(), "{start}");
    }
    // With no `start:` in the quarter's record, its first due date was its
    // start (2027-Q2): written in since, dated back, it is asked about.
    let p = reporting_moved(
        "2026-12-31",
        "2026-Q4",
        &reporting("2027-Q1").replace("start: 2027-Q1\n", ""),
        "2027-01-15",
        &reporting("2026-Q3"),
    );
    assert_eq!(
        found(&p),
        ["initiative `reporting` starts 2026-Q3, but snapshot 2026-Q4 (2026-12-31) had it starting 2027-Q2: a start dated before the record of it spreads its effort over quarters that snapshot showed it had no part in, and the quarters to come read lighter"]
    );
    // On hold, it takes nobody's time.
    p.write(
        "content/initiatives/reporting.md",
        &reporting("2026-Q3").replace("status: planned", "status: on-hold"),
    );
    assert_eq!(found(&p), Vec::<String>::new());
}

/// A start dated back within the quarter the snapshot had it start in
/// changes nothing the capacity reads (it reads quarters): no finding,
/// though `roadmap.json` lists the start as dated back.
#[test]
fn a_start_dated_back_within_its_quarter_asks_nothing() {
    let p = reporting_moved(
        "2026-11-15",
        "board",
        &reporting("2026-12"),
        "2026-11-25",
        &reporting("2026-Q4"),
    );
    assert_eq!(rule_messages(&p, "backdated-start"), Vec::<String>::new());
    p.run(&["build", "--quiet"]).ok();
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        json["history"]["open_backdated_starts"][0]["start_then"],
        "2026-12"
    );
    // Into the quarter before: asked about.
    p.write("content/initiatives/reporting.md", &reporting("2026-Q3"));
    assert_eq!(rule_messages(&p, "backdated-start").len(), 1);
}

#[test]
fn a_completion_dated_back_before_the_record_is_a_finding() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let wifi = |done: &str| {
        format!("---\ntitle: Wi-Fi\nowner: N\noutcomes: [o]\nmilestones:\n  - id: upgraded\n    title: Upgraded\n    due: 2026-07-31\n{done}    criteria: [x]\n---\n")
    };
    for (today, done, tag) in [
        ("2026-06-30", "", "roadmap/2026-Q2"),
        ("2026-09-30", "", "roadmap/2026-Q3"),
    ] {
        p.write("book.toml", &book(today));
        p.write("content/initiatives/wifi.md", &wifi(done));
        git(&p, today, &["add", "-A"]);
        git(&p, today, &["commit", "-qm", tag]);
        git(&p, today, &["tag", tag]);
    }
    p.write("book.toml", &book("2026-11-25"));
    let backdated = |p: &Project| -> Vec<String> {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|f| f["rule"] == "backdated-done")
            .map(|f| format!("{}: {}", f["line"], f["message"].as_str().unwrap()))
            .collect()
    };
    // Overdue and open at Q3; now "done" before its due date.
    p.write(
        "content/initiatives/wifi.md",
        &wifi("    done: 2026-07-20\n"),
    );
    assert_eq!(
        backdated(&p),
        ["9: milestone `wifi/upgraded` is done on 2026-07-20, but snapshot 2026-Q3 (2026-09-30) showed it open and overdue: a completion dated before the record of it"]
    );
    // Its period reads it late, to the snapshot that showed it open at
    // least (it read "on time"), and it keeps no promise.
    let text = p.run(&["diff", "2026-Q3"]).ok().stdout;
    assert!(
        text.contains("  done     wifi/upgraded: 2026-07-20 (due 2026-07-31, 61 days late at least: snapshot 2026-Q3 showed it open and overdue)\n"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let brief = p.read("site/brief.html");
    assert!(brief.contains("Promises kept: 0%"), "{brief}");
    // The decision asked for names the milestone, in words.
    assert!(
        brief.contains("Also needing a decision: 1 completion dated back (Upgraded)"),
        "{brief}"
    );
    // The delivery rate and the milestone's row read it late too (the
    // dashboard counted it done on time beside the period's late row).
    let dashboard = p.read("site/index.html");
    assert!(
        dashboard.contains("milestones done on time (0 of 1 due so far;"),
        "{dashboard}"
    );
    assert!(
        brief.contains("done on time (0 of 1 due so far)"),
        "{brief}"
    );
    let page = p.read("site/initiatives/wifi.html");
    assert!(
        page.contains("Done 61 d late at least: snapshot 2026-Q3 showed it open</span>"),
        "{page}"
    );
    let metrics = p.read("site/metrics.html");
    assert!(
        metrics.contains(
            "on-time completion 0% (0 of 1 due so far), lateness of late milestones median 61 d"
        ),
        "{metrics}"
    );
    // Recorded within the week before the snapshot: late paperwork.
    p.write(
        "content/initiatives/wifi.md",
        &wifi("    done: 2026-09-25\n"),
    );
    assert!(backdated(&p).is_empty());
    // A later snapshot recorded it done in October: moved back to July.
    let oct = |p: &Project, done: &str| {
        p.write("snapshots/oct/book.toml", &book("2026-10-31"))
            .write("snapshots/oct/content/outcomes/o.md", OUTCOME)
            .write(
                "snapshots/oct/content/initiatives/wifi.md",
                &wifi(&format!("    done: {done}\n")),
            );
    };
    oct(&p, "2026-10-15");
    p.write(
        "content/initiatives/wifi.md",
        &wifi("    done: 2026-07-20\n"),
    );
    assert_eq!(
        backdated(&p),
        ["9: milestone `wifi/upgraded` is done on 2026-07-20, but snapshot oct (2026-10-31) recorded it done on 2026-10-15: a completion dated before the record of it"]
    );
    // Counted done on the day on record, as that snapshot's site had it,
    // and no promise kept.
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/initiatives/wifi.html");
    assert!(
        page.contains("Done 76 d late, done as snapshot oct recorded it</span>"),
        "{page}"
    );
    assert!(p
        .read("site/index.html")
        .contains("milestones done on time (0 of 1 due so far;"),);
    let brief = p.read("site/brief.html");
    assert!(brief.contains("Promises kept: 0%"), "{brief}");
    // Over several quarters, as the quarter it was done in recorded it
    // (the two ends alone read "2026-07-20, on time").
    let text = p.run(&["diff", "2026-Q2", "current"]).ok().stdout;
    assert!(
        text.contains("  done     wifi/upgraded: 2026-10-15 (due 2026-07-31, 76 days late)\n"),
        "{text}"
    );
    // The period it was dated back in says so, on its page, in its line
    // and in the diff.
    let text = p.run(&["diff", "oct", "current"]).ok().stdout;
    assert!(
        text.contains("  redated  wifi/upgraded: done 2026-10-15 → 2026-07-20 (87 days earlier)\n"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(
        &p.run(&["diff", "oct", "current", "--format", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(
        json["redated"],
        serde_json::json!([{ "gid": "wifi/upgraded", "from": "2026-10-15", "to": "2026-07-20", "days": -87 }])
    );
    let period = p.read("site/history/oct--current.html");
    assert!(
        period.contains("1 completion dated again")
            && period.contains(r#"<span class="badge health-red">87 d earlier</span>"#),
        "{period}"
    );
    // The record that allows the latest day counts: October recorded it
    // done in September (dated back itself), September's end showed it
    // open.
    oct(&p, "2026-09-15");
    assert_eq!(
        backdated(&p),
        ["9: milestone `wifi/upgraded` is done on 2026-07-20, but snapshot 2026-Q3 (2026-09-30) showed it open and overdue: a completion dated before the record of it"]
    );
    std::fs::remove_dir_all(p.path().join("snapshots")).unwrap();
    p.write(
        "content/initiatives/wifi.md",
        &wifi("    done: 2026-07-20\n"),
    );
    // A request on the initiative confirms no milestone's day, nor one
    // stating only money (either wiped the finding and counted the
    // completion on time: from an auditor's trial).
    let finding = "9: milestone `wifi/upgraded` is done on 2026-07-20, but snapshot 2026-Q3 (2026-09-30) showed it open and overdue: a completion dated before the record of it";
    for affects in ["wifi", "wifi/upgraded"] {
        p.write(
            "content/changes/money.md",
            &format!("---\ntitle: More money\ndate: 2026-10-02\nstatus: approved\naffects: [{affects}]\nbudget_increase: 1000\ndecided_by: CFO\n---\n"),
        );
        assert_eq!(backdated(&p), [finding], "{affects}");
    }
    p.write(
        "content/changes/money.md",
        "---\ntitle: Later\ndate: 2026-10-02\nstatus: approved\naffects: [wifi]\ndecided_by: CIO\n---\n",
    );
    assert_eq!(backdated(&p), [finding]);
    p.run(&["build", "--quiet"]).ok();
    assert!(p
        .read("site/index.html")
        .contains("milestones done on time (0 of 1 due so far;"));
    std::fs::remove_file(p.path().join("content/changes/money.md")).unwrap();
    // Confirmed by a request decided since the snapshot.
    p.write(
        "content/changes/wifi-done.md",
        "---\ntitle: Wi-Fi was live in July\ndate: 2026-10-02\nstatus: approved\naffects: [wifi/upgraded]\ndecided_by: CIO\n---\n",
    );
    assert!(backdated(&p).is_empty());
    // The period's row says why the date stands, and the request what it
    // approved (its page said nothing was matched to it).
    let text = p.run(&["diff", "2026-Q3"]).ok().stdout;
    assert!(
        text.contains("  done     wifi/upgraded: 2026-07-20 (due 2026-07-31, on time; dated earlier than snapshot 2026-Q3, which showed it open and overdue; the date accepted by wifi-done)\n"),
        "{text}"
    );
    // Over several quarters too (the year's diff read a plain "on time").
    let text = p.run(&["diff", "2026-Q2", "current"]).ok().stdout;
    assert!(
        text.contains("on time; dated earlier than snapshot 2026-Q3, which showed it open and overdue; the date accepted by wifi-done)\n"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let request = p.read("site/changes/wifi-done.html");
    assert!(
        request.contains(
            "done 2026-07-20, dated earlier than snapshot 2026-Q3, which showed it open and overdue"
        ) && !request.contains("is matched to it"),
        "{request}"
    );
    let period = p.read("site/history/2026-Q3--current.html");
    assert!(
        period.contains("(dated earlier than 2026-Q3, which showed it open and overdue; the date accepted by <a href=\"../changes/wifi-done.html\">"),
        "{period}"
    );
    // Re-dated earlier than a snapshot recorded it, the date accepted.
    oct(&p, "2026-10-15");
    p.write(
        "content/changes/wifi-done.md",
        "---\ntitle: Wi-Fi was live in July\ndate: 2026-11-02\nstatus: approved\naffects: [wifi/upgraded]\ndecided_by: CIO\n---\n",
    );
    assert!(backdated(&p).is_empty());
    let json = diff_json(&p, &["oct", "current"]);
    assert_eq!(
        json["redated"][0]["dated_back"],
        serde_json::json!({ "approved_by": "wifi-done", "after": "oct" })
    );
    p.run(&["build", "--quiet"]).ok();
    let doc = crate::exports::valid_roadmap_json(&p.path().join("site"));
    let redated = doc["history"]["diffs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["redated"].as_array().unwrap())
        .find(|x| x["gid"] == "wifi/upgraded")
        .unwrap();
    assert_eq!(redated["dated_back"]["approved_by"], "wifi-done");
    let request = p.read("site/changes/wifi-done.html");
    assert!(
        request
            .contains("done dated 2026-10-15 → 2026-07-20, earlier than snapshot oct recorded it"),
        "{request}"
    );
    let text = p.run(&["diff", "oct", "current"]).ok().stdout;
    assert!(
        text.contains("  redated  wifi/upgraded: done 2026-10-15 → 2026-07-20 (87 days earlier), earlier than snapshot oct recorded it; the date accepted by wifi-done\n"),
        "{text}"
    );
    let period = p.read("site/history/oct--current.html");
    assert!(
        period
            .contains("(earlier than oct recorded it; the date accepted by <a href=\"../changes/wifi-done.html\">"),
        "{period}"
    );
}

/// git missing, or refusing the repository, must not read as "no
/// snapshots": the site would lose every archived version and the slips
/// with them, and say "No findings".
#[test]
fn a_repository_git_cannot_read_stops_the_build() {
    let p = repo();
    p.run(&["build"]).ok();
    let before = p.tree("site");
    // No git on PATH.
    let empty = tempfile::tempdir().unwrap();
    let out = p
        .cmd(&["build"])
        .env("PATH", empty.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[RB0306]: git is not installed (or not on PATH)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`roadbook build --no-snapshots`"),
        "{stderr}"
    );
    assert_eq!(
        p.tree("site"),
        before,
        "the previous site is left as it was"
    );
    // Asked for the working tree alone, it builds.
    let out = p
        .cmd(&["build", "--no-snapshots", "-d", "alone"])
        .env("PATH", empty.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // And says what it left out, not to be published as the roadmap (from
    // a PMO's trial: the money and the findings changed with no word).
    assert!(
        stderr.contains(
            "note: built with --no-snapshots: the site has no archived versions and no history"
        ) && stderr.contains("do not publish it as the roadmap"),
        "{stderr}"
    );
    // The checkout another user's (a CI container's): git refuses it, and
    // every command says so (git's own switch stands in for the owner).
    let refused = |args: &[&str]| {
        let out = p
            .cmd(args)
            .env("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    for args in [
        &["check"][..],
        &["build"],
        &["diff"],
        &["snapshot", "2026-Q4"],
    ] {
        let (code, stderr) = refused(args);
        assert_eq!(code, Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("git refuses the repository: detected dubious ownership"),
            "{args:?}: {stderr}"
        );
    }
    let (_, stderr) = refused(&["check"]);
    assert!(
        stderr.contains("git config --global --add safe.directory"),
        "{stderr}"
    );
    assert_eq!(p.tree("site"), before);
    // Not in a repository, whatever lies above: a stray `.git` folder, or
    // a repository above that GIT_CEILING_DIRECTORIES stops at (a home
    // folder kept in git).
    std::fs::rename(p.path().join(".git"), p.path().join("git-elsewhere")).unwrap();
    let above = tempfile::tempdir().unwrap();
    let project = above.path().join("roadmap");
    crate::helpers::copy_dir(p.path(), &project);
    std::fs::create_dir(above.path().join(".git")).unwrap();
    let check = |env: Option<(&str, &std::path::Path)>| {
        let mut c = assert_cmd::Command::cargo_bin("roadbook").unwrap();
        c.current_dir(&project)
            .env_remove("SOURCE_DATE_EPOCH")
            .arg("check");
        if let Some((k, v)) = env {
            c.env(k, v);
        }
        c.output().unwrap()
    };
    let out = check(None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir(above.path().join(".git")).unwrap();
    let made = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(above.path())
        .status()
        .unwrap();
    assert!(made.success());
    let out = check(Some(("GIT_CEILING_DIRECTORIES", above.path())));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A snapshot refused for its day says what mends it: the setting where
/// book.toml sets `today`, else the name or the day it is taken on (from a
/// trial: "remove it" said of a `today` book.toml did not set).
#[test]
fn a_snapshot_refused_for_its_day_says_what_mends_it() {
    let p = repo();
    p.write("book.toml", "[book]\ntitle = \"History\"\n");
    git(&p, "2026-11-25", &["commit", "-qam", "no today"]);
    // The day 2026-Q3 was taken, by the commit's clock.
    let out = p
        .cmd(&["snapshot", "2026-Q4"])
        .env("SOURCE_DATE_EPOCH", "1790769600")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the snapshot would be dated 2026-09-30, the day of snapshot 2026-Q3, before 2026-Q4 began (2026-10-01): it would record the roadmap of 2026-Q3 again as 2026-Q4's; today is 2026-09-30 (SOURCE_DATE_EPOCH): take 2026-Q4's snapshot once 2026-Q4 has begun"),
        "{stderr}"
    );
    assert!(!stderr.contains("remove it"), "{stderr}");
}

/// [`repo`], with a KPI reading a data file that `.gitignore` keeps out of
/// git, all committed.
fn repo_with_an_ignored_data_file() -> Project {
    let p = repo();
    p.write("content/data/x.csv", "date,value\n2026-10,4\n");
    p.write(
        "content/kpis/k.md",
        "---\ntitle: K\nunit: n\ndirection: up\noutcome: o\ndata_file: data/x.csv\n---\n",
    );
    p.write(".gitignore", "*.csv\nsite/\n");
    git(&p, "2026-11-25", &["add", "-A"]);
    git(&p, "2026-11-25", &["commit", "-qm", "kpi"]);
    p
}

/// A file the build reads that git ignores would be missing from the tag:
/// the quarter archived without it, and a clone unable to build it.
#[test]
fn snapshot_refuses_files_git_ignores() {
    let p = repo_with_an_ignored_data_file();
    let out = p.run(&["snapshot", "2026-Q4"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("git ignores 1 file the roadmap is built from (content/data/x.csv)"),
        "{}",
        out.stderr
    );
    assert!(git(&p, "2026-11-25", &["tag"])
        .lines()
        .all(|t| !t.contains("2026-Q4")));
    // Unignored and committed, the tag holds it.
    p.write(".gitignore", "site/\n");
    git(&p, "2026-11-25", &["add", "-A"]);
    git(&p, "2026-11-25", &["commit", "-qm", "unignore"]);
    p.run(&["snapshot", "2026-Q4"]).ok();
    let files = git(
        &p,
        "2026-11-25",
        &["ls-tree", "-r", "--name-only", "roadmap/2026-Q4"],
    );
    assert!(files.contains("content/data/x.csv"), "{files}");
}

/// Every reason a snapshot is refused, said in one run: a new user's trial
/// met them one run at a time, each fixed before the next was told.
#[test]
fn snapshot_refusals_come_all_at_once() {
    let p = repo_with_an_ignored_data_file();
    // An error in the roadmap, uncommitted, and a name already taken.
    p.write("content/outcomes/o2.md", "---\ntitel: O2\nowner: A\n---\n");
    let tags = || git(&p, "2026-11-25", &["tag"]);
    let before = tags();
    let out = p.run(&["snapshot", "2026-Q3"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let reasons = [
        "the roadmap has 1 error: fix it before archiving it",
        "a version named `2026-Q3` already exists",
        "the roadmap has uncommitted changes (content/outcomes/o2.md)",
        "git ignores 1 file the roadmap is built from (content/data/x.csv)",
        "no snapshot taken, for the 4 reasons above",
    ];
    for reason in reasons {
        assert!(out.stderr.contains(reason), "{reason}: {}", out.stderr);
    }
    // The error itself, with its place, above the reasons.
    let at = out.stderr.find("content/outcomes/o2.md:2:1: error[RB0005]");
    assert!(
        at.is_some_and(|at| at < out.stderr.find(reasons[0]).unwrap()),
        "{}",
        out.stderr
    );
    assert_eq!(tags(), before, "no tag made or moved");
    // An invalid name, with the other reasons: the name is not checked
    // against the versions or the calendar, the rest is said beside it.
    let out = p.run(&["snapshot", "2026 Q4"]);
    assert_eq!(out.code, 1);
    for reason in [
        "`2026 Q4` cannot name a version: use letters, digits, `-`, `_` and `.`; did you mean `2026-Q4`?",
        "the roadmap has uncommitted changes (content/outcomes/o2.md)",
        "no snapshot taken, for the 4 reasons above",
    ] {
        assert!(out.stderr.contains(reason), "{reason}: {}", out.stderr);
    }
    assert_eq!(tags(), before);
    // One reason alone is said alone.
    p.write("content/outcomes/o2.md", "---\ntitle: O2\nowner: A\n---\n");
    p.write(".gitignore", "site/\n");
    git(&p, "2026-11-25", &["add", "-A"]);
    git(&p, "2026-11-25", &["commit", "-qm", "fixed"]);
    let out = p.run(&["snapshot", "2026-Q3"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("a version named `2026-Q3` already exists")
            && !out.stderr.contains("reasons above"),
        "{}",
        out.stderr
    );
    p.run(&["snapshot", "2026-Q4"]).ok();
}

/// Two snapshots whose names differ only in case would be one folder of
/// the site: the second is refused when it is taken, not dropped later.
#[test]
fn snapshot_refuses_a_name_differing_only_in_case() {
    let p = repo();
    let out = p.run(&["snapshot", "2026-q3"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "a version named `2026-Q3` already exists, and `2026-q3` differs from it only in case"
        ),
        "{}",
        out.stderr
    );
    let out = p.run(&["snapshot", "2026-q3", "--dir"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!p.path().join("snapshots/2026-q3").exists());
}

/// A shallow clone with its tags fetched (`--depth 1`, then the tags) has
/// cut the history between the quarters and HEAD: no quarter is said to
/// have been moved off the history (a false decision), and the quarters
/// left out are named, with how to fetch them. They stay out: a branch
/// forked before a quarter (a merge request's pipeline) must not be judged
/// against it, and a shallow clone cannot tell.
#[test]
fn a_shallow_clone_names_the_quarters_it_leaves_out() {
    let p = repo();
    let clone = Project::empty();
    let source = format!("file://{}", p.path().display());
    git(
        &clone,
        "2026-11-25",
        &["clone", "-q", "--depth", "1", &source, "."],
    );
    git(
        &clone,
        "2026-11-25",
        &[
            "fetch",
            "-q",
            "--depth",
            "1",
            "origin",
            "refs/tags/*:refs/tags/*",
        ],
    );
    let found: Vec<serde_json::Value> = clone
        .run(&["check", "--format", "json"])
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let rules: Vec<&str> = found.iter().filter_map(|f| f["rule"].as_str()).collect();
    assert!(!rules.contains(&"snapshot-off-history"), "{rules:?}");
    let missing = found
        .iter()
        .find(|f| f["rule"] == "missing-history")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(
        missing["message"],
        "this is a shallow clone: the snapshot tags roadmap/2026-Q2, roadmap/2026-Q3 are left out (the commits are not in its history), and with them every slip and restatement since"
    );
    assert!(missing["help"]
        .as_str()
        .unwrap()
        .contains("git fetch --unshallow --tags"));
}

/// A version compared with itself (`diff current`) is a wrong command
/// line, not "no changes", which reads as nothing moved since the quarter.
#[test]
fn diff_of_a_version_with_itself_is_refused() {
    let p = repo();
    let out = p.run(&["diff", "current"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("`current` compared with itself has nothing to show: `roadbook diff 2026-Q3` compares the newest snapshot with the working tree"),
        "{}",
        out.stderr
    );
    assert!(!out.stdout.contains("no changes"), "{}", out.stdout);
    let out = p.run(&["diff", "2026-Q2", "roadmap/2026-Q2"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    // Newer first (from a trial: forty lines of moves read backwards,
    // exit 0): refused, with the order that reads.
    for (newer, older) in [("2026-Q3", "2026-Q2"), ("current", "2026-Q2")] {
        let out = p.run(&["diff", newer, older]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(
            out.stderr.contains(&format!(
                "`{newer}` is newer than `{older}`: a diff reads from the older version to the newer; run `roadbook diff {older} {newer}`"
            )),
            "{}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{}", out.stdout);
    }
    // Two versions still compare.
    assert!(p
        .run(&["diff", "2026-Q2", "2026-Q3"])
        .ok()
        .stdout
        .contains("2026-Q2"));
}

/// A change request decided on a snapshot's own day (`roadbook new change`
/// dates it on the day the quarter is closed) and on record in that
/// snapshot covers the move it was made for: it cannot also take the
/// credit of a later move, which left the first move "unapproved" and the
/// later one "acknowledged" by a request nobody made for it.
#[test]
fn a_request_decided_on_a_snapshot_s_day_keeps_its_own_move() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-12-31", &["init", "-q"]);
    let quarter = |today: &str, due: &str| {
        p.write("book.toml", &book(today));
        p.write(
            "content/initiatives/erp.md",
            &format!("---\ntitle: ERP\nowner: E\noutcomes: [o]\nmilestones:\n  - id: cutover\n    title: Cut-over\n    due: {due}\n    criteria: [x]\n---\n"),
        );
    };
    quarter("2026-12-31", "2027-Q1");
    git(&p, "2026-12-31", &["add", "-A"]);
    git(&p, "2026-12-31", &["commit", "-qm", "Q4"]);
    git(&p, "2026-12-31", &["tag", "roadmap/2026-Q4"]);
    // Q1: the cut-over moves a quarter, approved the same day.
    quarter("2027-03-31", "2027-Q2");
    p.write("content/changes/move-1.md", "---\ntitle: Move the cut-over\ndate: 2027-03-31\nstatus: approved\naffects: [erp/cutover]\ndecided_by: Steering committee\n---\n");
    git(&p, "2027-03-31", &["add", "-A"]);
    git(&p, "2027-03-31", &["commit", "-qm", "Q1"]);
    git(&p, "2027-03-31", &["tag", "roadmap/2027-Q1"]);
    let period = |from: &str, to: &str| -> serde_json::Value {
        serde_json::from_str(&p.run(&["diff", from, to, "--format", "json"]).ok().stdout).unwrap()
    };
    let q1 = period("2026-Q4", "2027-Q1");
    assert_eq!(q1["moved"][0]["acknowledged_by"], "move-1", "{q1:#}");
    // Q2: it moves again, with no request.
    quarter("2027-06-30", "2027-Q3");
    let out = p.run(&["check"]);
    assert!(
        out.stderr
            .contains("no approved change request for the move 2027-Q2 → 2027-Q3"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("2027-Q1 → 2027-Q2"), "{}", out.stderr);
    assert_eq!(
        period("2026-Q4", "2027-Q1")["moved"][0]["acknowledged_by"],
        "move-1"
    );
    let now = period("2027-Q1", "current");
    assert!(now["moved"][0]["acknowledged_by"].is_null(), "{now:#}");
}

/// Cancelling committed work is a decision: with no approved request its
/// open milestones left every list of what is due unseen (work split into
/// a new initiative took its slips with it).
#[test]
fn a_cancellation_with_no_approved_request_is_a_finding() {
    let p = repo();
    let app = p.read("content/initiatives/app.md");
    p.write(
        "content/initiatives/app.md",
        &app.replacen("owner: A\n", "owner: A\nstatus: cancelled\n", 1),
    );
    let cancelled = |p: &Project| -> Vec<String> {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|f| f["rule"] == "unapproved-cancellation")
            .map(|f| f["message"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        cancelled(&p),
        ["initiative `app` is cancelled with no approved change request; snapshot 2026-Q3 showed it committed, with 1 milestone open (app/live)"]
    );
    p.run(&["build", "--quiet"]).ok();
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    assert_eq!(json["history"]["open_cancellations"][0]["id"], "app");
    // The period's one line, which the brief gives leadership, names it,
    // and says nobody approved it (it read as an approved one); so do the
    // period's row and `roadbook diff`.
    let brief = p.read("site/brief.html");
    assert!(
        brief.contains(", 1 initiative cancelled (1 unapproved), "),
        "{brief}"
    );
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  status   app: planned → cancelled, unapproved\n"),
        "{text}"
    );
    let period = p.read("site/history/2026-Q3--current.html");
    assert!(
        period.contains(r#"<span class="badge status-cancelled">cancelled</span> <span class="badge health-red">unapproved</span>"#),
        "{period}"
    );
    // Decided before the snapshot: covers nothing since; after it: settled.
    p.write("content/changes/early.md", "---\ntitle: E\ndate: 2026-09-01\nstatus: approved\naffects: [app]\ndecided_by: Board\n---\n");
    assert_eq!(cancelled(&p).len(), 1);
    p.write("content/changes/stop-app.md", "---\ntitle: Stop the app\ndate: 2026-10-20\nstatus: approved\naffects: [app]\ndecided_by: Board\n---\n");
    assert!(cancelled(&p).is_empty());
    // The period's row names the decision, as the request's page does (an
    // approved cancellation read as an unapproved one, and the request
    // said nothing was matched to it).
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  status   app: planned → cancelled, approved by stop-app\n"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let request = p.read("site/changes/stop-app.html");
    assert!(
        request.contains("cancelled (status planned → cancelled)")
            && !request.contains("is matched to it"),
        "{request}"
    );
    let early = p.read("site/changes/early.html");
    assert!(!early.contains("cancelled (status"), "{early}");
    // Found by a new user's year: a snapshot taken with it cancelled and
    // no decision cleared the finding.
    std::fs::remove_file(p.path().join("content/changes/stop-app.md")).unwrap();
    tag_quarter(&p, "2026-12-31", "2026-Q4");
    assert_eq!(
        cancelled(&p),
        ["initiative `app` is cancelled with no approved change request; snapshot 2026-Q3 showed it committed, with 1 milestone open (app/live)"]
    );
}

/// Work taken off every outcome it served, still open, is backlog: no list
/// of what is due reads it, and its overdue milestone hid behind the
/// hygiene note `untraced-initiative` (from an auditor's trial). Judged as
/// a cancellation: a decision, cleared by an approved request or by
/// putting its outcomes back.
#[test]
fn work_taken_off_every_outcome_is_judged_as_a_cancellation() {
    let p = Project::empty();
    let app = |outcomes: &str| {
        format!("---\ntitle: App\nowner: A\nstatus: active\n{outcomes}milestones:\n  - {{ id: live, title: Live, due: 2026-10-31, criteria: [x] }}\n---\n")
    };
    for (at, today) in [("snapshots/S1/", "2026-09-30"), ("", "2026-11-25")] {
        p.write(&format!("{at}book.toml"), &book(today))
            .write(&format!("{at}content/outcomes/o.md"), OUTCOME)
            .write(
                &format!("{at}content/initiatives/app.md"),
                &app("outcomes: [o]\n"),
            );
    }
    assert_eq!(rule_messages(&p, "overdue-milestone").len(), 1);
    p.write("content/initiatives/app.md", &app(""));
    assert_eq!(
        rule_messages(&p, "unapproved-cancellation"),
        ["initiative `app` serves no outcome any more (it served `o`): as backlog its work left every list of what is due, with no approved change request; snapshot S1 showed it committed, with 1 milestone open (app/live)"]
    );
    let out = p.run(&["check", "--format", "json"]).stdout;
    let finding: serde_json::Value = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|f| f["rule"] == "unapproved-cancellation")
        .unwrap();
    assert!(
        finding["help"]
            .as_str()
            .unwrap()
            .ends_with("else put back `outcomes: [o]`"),
        "{finding}"
    );
    p.run(&["build", "--quiet"]).ok();
    let doc = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        doc["history"]["open_cancellations"][0]["untraced_from"],
        serde_json::json!(["o"])
    );
    // Its period says so, with the verdict (from a review).
    let period = p.read("site/history/S1--current.html");
    assert!(
        period.contains("1 initiative taken off every outcome (1 unapproved)")
            && period.contains("<span class=\"badge health-red\">unapproved</span> Committed work taken off its outcomes"),
        "{period}"
    );
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("untraced app: serves no outcome any more (backlog), unapproved"),
        "{text}"
    );
    // Taken off, a snapshot taken, then cancelled: still the decision
    // nobody took since S1 (from a review).
    p.write("snapshots/S2/book.toml", &book("2026-10-31"))
        .write("snapshots/S2/content/outcomes/o.md", OUTCOME)
        .write("snapshots/S2/content/initiatives/app.md", &app(""));
    p.write(
        "content/initiatives/app.md",
        &app("").replace("status: active", "status: cancelled"),
    );
    assert_eq!(
        rule_messages(&p, "unapproved-cancellation"),
        ["initiative `app` is cancelled with no approved change request; snapshot S1 showed it committed, with 1 milestone open (app/live)"]
    );
    std::fs::remove_dir_all(p.path().join("snapshots/S2")).unwrap();
    p.write("content/initiatives/app.md", &app(""));
    // Decided: backlog it is.
    p.write(
        "content/changes/park.md",
        "---\ntitle: Park the app\ndate: 2026-10-20\nstatus: approved\naffects: [app]\ndecided_by: Board\n---\n",
    );
    assert!(rule_messages(&p, "unapproved-cancellation").is_empty());
    // Never traced in any snapshot: backlog from the start, nothing to
    // decide.
    std::fs::remove_file(p.path().join("content/changes/park.md")).unwrap();
    p.write("snapshots/S1/content/initiatives/app.md", &app(""));
    assert!(rule_messages(&p, "unapproved-cancellation").is_empty());
}

/// A milestone new to the period and done before the period began (work
/// split into a new initiative, a milestone renamed) was delivered in an
/// earlier period: not "completed" in this one. One done since is.
#[test]
fn a_milestone_done_before_the_period_is_not_completed_in_it() {
    let p = repo();
    p.write(
        "content/initiatives/split.md",
        "---\ntitle: Split off\nowner: S\noutcomes: [o]\nmilestones:\n  - id: old\n    title: Delivered in Q2\n    due: 2026-06-30\n    done: 2026-06-20\n    criteria: [x]\n  - id: new\n    title: Delivered since\n    due: 2026-10-31\n    done: 2026-10-15\n    criteria: [x]\n---\n",
    );
    let period: serde_json::Value =
        serde_json::from_str(&p.run(&["diff", "--format", "json"]).ok().stdout).unwrap();
    let completed: Vec<&str> = period["completed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["gid"].as_str())
        .collect();
    assert_eq!(completed, ["split/new"], "{period:#}");
}

/// A milestone's id renamed, its title and dates kept, is followed: the
/// period lists it as renamed, with no scope change to approve (it read as
/// one removed and one added, two findings to approve or undo, and a
/// request naming the new id cleared only the "added": from a trial).
#[test]
fn a_renamed_milestone_id_is_followed_not_removed_and_added() {
    let p = repo();
    let net = p.read("content/initiatives/net.md");
    p.write(
        "content/initiatives/net.md",
        &net.replace("id: core\n", "id: core-switches\n"),
    );
    let scope: Vec<String> = p
        .run(&["check", "--format", "json"])
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|f| f["rule"] == "unacknowledged-scope-change")
        .map(|f| f["message"].as_str().unwrap_or_default().to_string())
        .filter(|m| m.contains("net/"))
        .collect();
    assert!(scope.is_empty(), "{scope:?}");
    let diff = p.run(&["diff"]).stdout;
    assert!(
        diff.contains("  moved    net/core-switches (renamed from net/core): 2026-09-30 → 2026-12-15 (+76 days, unapproved)"),
        "{diff}"
    );
    assert!(!diff.contains("scope    net/"), "{diff}");
}

/// An archived version's health is judged with the history up to it, as
/// the site of its day judged it: a date moved without a decision between
/// two quarters made the later quarter's own site red (its committed date
/// long past), and a request approved after that quarter does not turn
/// its archived pages green again.
#[test]
fn an_archived_version_reads_its_unapproved_slips_as_its_day_did() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let app = |due: &str| {
        format!("---\ntitle: App\nowner: A\nhealth: green\noutcomes: [o]\nmilestones:\n  - id: live\n    title: Live\n    due: {due}\n    criteria: [x]\n---\n")
    };
    p.write("content/initiatives/app.md", &app("2026-07-31"));
    tag_quarter(&p, "2026-06-30", "2026-Q2");
    // Moved on by three months, nobody asked: on 2026-09-30 the date
    // committed (2026-07-31) is 61 days past.
    p.write("content/initiatives/app.md", &app("2026-12-31"));
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    // Approved since: the working tree stands committed to the new date.
    p.write(
        "content/changes/cr-app.md",
        "---\ntitle: Re-plan the app\ndate: 2026-10-15\nstatus: approved\naffects: [app/live]\n---\n",
    );
    p.write("book.toml", &book("2026-11-25"));
    p.run(&["build", "--quiet"]).ok();
    let q3 = p.read("site/v/2026-Q3/initiatives/app.html");
    let computed = "<dt>Computed health</dt><dd><span class=\"badge health-red\">red</span>";
    assert!(q3.contains(computed), "{q3}");
    assert!(
        q3.contains("is 61 days past the date committed (2026-07-31): its move to 2026-12-31 has no approved change request as of 2026-09-30"),
        "{q3}"
    );
    let findings = p.read("site/v/2026-Q3/findings.html");
    assert!(
        findings.contains("<code>app</code> reports green but its computed health is red"),
        "{findings}"
    );
    // Overdue against the date committed, where the delivery metrics count
    // it overdue: its row, the dashboard's list and tile (it read "Due in
    // 92 d" there, and was counted due within three months).
    let overdue = "61 d past the date committed</span>";
    assert!(q3.contains(overdue), "{q3}");
    assert!(!q3.contains("d past the date committed</small>"), "{q3}");
    let dash = p.read("site/v/2026-Q3/index.html");
    assert!(
        dash.contains(
            r#"<span class="tile-value">1</span><span class="tile-label">milestone overdue</span>"#
        ),
        "{dash}"
    );
    assert!(dash.contains(overdue), "{dash}");
    assert!(
        dash.contains(r#"<span class="tile-value">0 / 0</span>"#),
        "{dash}"
    );
    let metrics = p.read("site/v/2026-Q3/metrics.html");
    assert!(
        metrics.contains(r#"<th scope="row">2026-Q3</th><td class="num">1</td><td class="num">0</td><td class="num">0</td><td class="num">1</td>"#),
        "{metrics}"
    );
    assert!(p
        .read("site/v/2026-Q3/brief.html")
        .contains("Overdue milestones (1)"));
    // And wherever a state is read: the progress, the timeline.
    assert!(
        q3.contains("0 of 1 milestone done, 1 late (done late or overdue)"),
        "{q3}"
    );
    let timeline = p.read("site/v/2026-Q3/timeline.html");
    assert!(
        timeline.contains("Live: overdue, due 2026-12-31"),
        "{timeline}"
    );
    // The working tree: approved, on plan.
    let now = p.read("site/initiatives/app.html");
    assert!(!now.contains("past the date committed"), "{now}");
    assert!(!now.contains(computed), "{now}");
    assert!(!p
        .read("site/findings.html")
        .contains("<code>app</code> reports green"));
    // The first quarter had no history before it.
    assert!(!p
        .read("site/v/2026-Q2/initiatives/app.html")
        .contains("past the date committed"));
}

/// A done milestone's due date moved later with no decision (after it was
/// done, to turn 73 days late into 12) is judged against the date it
/// stands committed to: its state, its initiative's progress and the
/// delivery metrics; the unapproved slips say it is done. Approved, the
/// new date stands.
#[test]
fn a_due_moved_on_a_done_milestone_without_a_decision_does_not_shorten_its_lateness() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let net = |due: &str| {
        format!("---\ntitle: Network\nowner: N\noutcomes: [o]\nmilestones:\n  - id: wave\n    title: Wave 1\n    due: {due}\n    done: 2026-06-12\n    criteria: [x]\n---\n")
    };
    p.write("content/initiatives/net.md", &net("2026-03-31"));
    tag_quarter(&p, "2026-06-30", "2026-Q2");
    p.write("book.toml", &book("2026-11-25"));
    p.write("content/initiatives/net.md", &net("2026-05"));
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/initiatives/net.html");
    assert!(page.contains("Done 73 d late"), "{page}");
    assert!(!page.contains("Done 12 d late"), "{page}");
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let metrics = &json["facts"]["metrics"];
    assert_eq!(metrics["lateness"]["max_days"], 73, "{metrics}");
    // Counted in the quarter of the date committed, 2026-Q1.
    assert_eq!(metrics["per_quarter"][0]["quarter"], "2026-Q1", "{metrics}");
    let brief = p.read("site/brief.html");
    assert!(
        brief
            .contains("2026-03-31 → 2026-05-31 <small class=\"then-done\">done 2026-06-12</small>"),
        "{brief}"
    );
    // The metrics page says so where it defines the rate.
    assert!(p
        .read("site/metrics.html")
        .contains("with no approved change request counts from the date it stands committed to"));
    // Approved since: the plan and the commitment are the new date.
    p.write(
        "content/changes/cr.md",
        "---\ntitle: Re-plan wave 1\ndate: 2026-07-10\nstatus: approved\naffects: [net/wave]\n---\n",
    );
    p.run(&["build", "--quiet"]).ok();
    assert!(p
        .read("site/initiatives/net.html")
        .contains("Done 12 d late"));
}

/// An open milestone moved with no decision is overdue from the date it
/// stands committed to: "Overdue by 25 d" read as a small delay for a
/// promise broken 86 days ago, beside "86 d past the date committed", and
/// the finding counted from the date moved to.
#[test]
fn a_milestone_moved_without_a_decision_says_how_long_its_commitment_is_past() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let app = |due: &str| {
        format!("---\ntitle: App\nowner: A\noutcomes: [o]\nmilestones:\n  - id: live\n    title: Live\n    due: {due}\n    criteria: [x]\n---\n")
    };
    p.write("content/initiatives/app.md", &app("2026-08-31"));
    tag_quarter(&p, "2026-06-30", "2026-Q2");
    p.write("book.toml", &book("2026-11-25"));
    p.write("content/initiatives/app.md", &app("2026-10-31"));
    // Work waiting for it, whose page and finding say how long it waits.
    p.write(
        "content/initiatives/web.md",
        "---\ntitle: Web\nowner: W\noutcomes: [o]\nmilestones:\n  - id: shop\n    title: Shop\n    due: 2027-06-30\n    depends_on: [app/live]\n    criteria: [x]\n---\n",
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/initiatives/app.html");
    assert!(
        page.contains(r#"<span class="badge ms-overdue">86 d past the date committed</span>"#)
            && !page.contains("Overdue by 25 d"),
        "{page}"
    );
    // The initiative's facts count from the same date (they read "25 days
    // overdue" beside the row's 86, and the dependencies the same).
    let overdue_fact = "Live (due 2026-10-31, 86 days past the date committed, 2026-08-31)";
    assert!(page.contains(overdue_fact), "{page}");
    // The period's line says the move stands unapproved (it read "1
    // milestone moved (1 later)", as a plan kept would).
    assert!(
        p.read("site/brief.html")
            .contains("1 milestone moved (1 later, 1 unapproved)"),
        "the brief's period line"
    );
    let blocked = ["`web/shop` is blocked: app/live is overdue by 86 d"];
    assert_eq!(rule_messages(&p, "blocked-dependency"), blocked);
    assert!(
        p.read("site/dependencies.html")
            .contains("app/live is overdue by 86 d"),
        "the dependencies page"
    );
    let calendar = p.read("site/milestones.ics").replace("\r\n ", "");
    assert!(
        calendar.contains("DESCRIPTION:Overdue by 86 d. Initiative: App. Owner: A. Due 2026-10-31 (committed for 2026-08-31\\, moved with no approved change request)."),
        "{calendar}"
    );
    assert_eq!(
        rule_messages(&p, "overdue-milestone"),
        ["milestone `app/live` stands committed to 2026-08-31 (moved to 2026-10-31 with no approved change request) and is 86 days overdue"]
    );
    // The period's overdue row counts from it too.
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  overdue  app/live: due 2026-10-31 (committed 2026-08-31, moved with no approved change request), 86 days overdue\n"),
        "{text}"
    );
    // Its initiative's health says it once, from the date committed.
    assert!(
        !page.contains("is 25 days overdue") && page.contains("is 86 days past the date committed"),
        "{page}"
    );
    // Not due yet by the date moved to: overdue all the same, and a
    // finding (there was none).
    p.write("content/initiatives/app.md", &app("2027-01-31"));
    assert_eq!(
        rule_messages(&p, "overdue-milestone"),
        ["milestone `app/live` stands committed to 2026-08-31 (moved to 2027-01-31 with no approved change request) and is 86 days overdue"]
    );
    // Overdue on its initiative's page too, not "next", and what waits
    // for it is blocked.
    assert_eq!(rule_messages(&p, "blocked-dependency"), blocked);
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/initiatives/app.html");
    assert!(
        page.contains("Live (due 2027-01-31, 86 days past the date committed, 2026-08-31)")
            && !page.contains("Next milestone"),
        "{page}"
    );
    // So says the page's description, as search results and link previews
    // show it (it read "next due 2027-01-31").
    assert!(
        page.contains("0 of 1 milestone done, 1 milestone overdue\"") && !page.contains("next due"),
        "{page}"
    );
    // The period it passed in lists it newly overdue (it was in none).
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  overdue  app/live: due 2027-01-31 (committed 2026-08-31, moved with no approved change request), 86 days overdue\n"),
        "{text}"
    );
    p.write("content/initiatives/app.md", &app("2026-10-31"));
    // Approved: the new date is the commitment, and nothing more is said.
    p.write(
        "content/changes/cr.md",
        "---\ntitle: Re-plan\ndate: 2026-07-10\nstatus: approved\naffects: [app/live]\n---\n",
    );
    p.run(&["build", "--quiet"]).ok();
    assert!(!p
        .read("site/initiatives/app.html")
        .contains("past the date committed"));
}

/// A request dated a snapshot's own day and on record in it counts as
/// decided the eve of that day (no move after the snapshot is covered),
/// but every page and export shows the day it was decided as written.
#[test]
fn an_approval_dated_a_snapshots_day_shows_that_day() {
    let p = quarters(
        &[
            ("2026-03-31", "2026-06-30", "2027-06-30"),
            ("2026-06-30", "2026-09-30", "2027-06-30"),
            ("2026-09-30", "2026-09-30", "2027-06-30"),
        ],
        ("2026-09-30", "2027-06-30"),
        &[(2, "late", &approved("late", "2026-09-30", "net/a", ""))],
        "",
    );
    let json = diff_json(&p, &["S0", "S1"]);
    assert_eq!(
        json["approved_later"],
        serde_json::json!([{ "id": "late", "decided": "2026-09-30" }])
    );
    let text = p.run(&["diff", "S0", "S1"]).ok().stdout;
    assert!(
        text.contains("late was decided 2026-09-30, after S1"),
        "{text}"
    );
}

/// A move approved after the period it was made in says so: the period's
/// page, `roadbook diff` and its JSON read "approved by cr" as if the
/// quarter had closed with it approved, and the period the request was
/// decided in showed nothing it approved.
#[test]
fn an_approval_decided_after_its_period_says_so() {
    let p = quarters(
        &[
            ("2026-03-31", "2026-06-30", "2027-06-30"),
            ("2026-09-30", "2026-12-31", "2027-06-30"),
        ],
        ("2026-12-31", "2027-06-30"),
        &[(2, "late", &approved("late", "2026-10-15", "net/a", ""))],
        "",
    );
    let text = p.run(&["diff", "S0", "S1"]).ok().stdout;
    assert!(
        text.contains("approved by late")
            && text.contains("  later    late was decided 2026-10-15, after S1: what it approves above stood unapproved when S1 was taken\n"),
        "{text}"
    );
    let json = diff_json(&p, &["S0", "S1"]);
    assert_eq!(
        json["approved_later"],
        serde_json::json!([{ "id": "late", "decided": "2026-10-15" }])
    );
    // The span over both periods ends after it: nothing to say.
    assert_eq!(
        diff_json(&p, &["S0", "current"])["approved_later"],
        serde_json::json!([])
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/history/S0--S1.html");
    assert!(
        page.contains("(decided 2026-10-15) was decided after S1 (2026-09-30): what it approves below stood unapproved when S1 was taken."),
        "{page}"
    );
    // The versions page counts it covered, and says it was decided after
    // (from a trial: its caption said "covered at its end", and the row
    // read 0 where the brief of S1 listed the slip).
    let versions = p.read("site/versions.html");
    assert!(
        versions.contains(">S1</a> <small>2026-09-30</small></td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0 <small>(1 request decided after S1)</small></td>"),
        "{versions}"
    );
    assert!(
        versions.contains("that no approved change request covers, decided by then or since"),
        "{versions}"
    );
    // The period it was decided in says what it approved before it.
    assert_eq!(
        diff_json(&p, &["S1", "current"])["approves_earlier"],
        serde_json::json!([{ "id": "late", "decided": "2026-10-15", "periods": [{ "from": "S0", "to": "S1" }] }])
    );
    assert_eq!(
        diff_json(&p, &["S0", "S1"])["approves_earlier"],
        serde_json::json!([])
    );
    let text = p.run(&["diff", "S1"]).ok().stdout;
    assert!(
        text.contains("  earlier  late was decided 2026-10-15, in this period: it approves what stood unapproved at the end of S0 → S1\n"),
        "{text}"
    );
    let now = p.read("site/history/S1--current.html");
    assert!(
        now.contains(r#"(decided 2026-10-15) approves what stood unapproved at the end of <a href="../history/S0--S1.html">S0 → S1</a>: decided in this period"#),
        "{now}"
    );
    assert!(
        now.contains("1 request approving changes of earlier periods"),
        "{now}"
    );
    // The feed's entry for the period is rewritten by it, and says it was
    // updated that day (feed readers kept the old summary).
    let feed = p.read("site/changes.xml");
    let entry = feed
        .split("<entry>")
        .find(|e| e.contains(":diff:S0--S1<"))
        .unwrap();
    assert!(
        entry.contains("<updated>2026-10-15T00:00:00Z</updated>"),
        "{entry}"
    );
}

/// A milestone moved with no decision is due soon by the date it stands
/// committed to: moved out past three months, a promise due next month
/// left the dashboard's "Due within three months" and its counts, as if
/// nothing were due.
#[test]
fn a_milestone_moved_without_a_decision_is_due_soon_by_its_commitment() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let app = |live: &str| {
        format!("---\ntitle: App\nowner: A\noutcomes: [o]\nmilestones:\n  - id: live\n    title: Live\n    due: {live}\n    criteria: [x]\n  - id: pilot\n    title: Pilot\n    due: 2027-01-31\n    criteria: [x]\n---\n")
    };
    p.write("content/initiatives/app.md", &app("2026-12-15"));
    tag_quarter(&p, "2026-06-30", "2026-Q2");
    p.write("book.toml", &book("2026-11-25"));
    p.write("content/initiatives/app.md", &app("2027-06-30"));
    p.run(&["build", "--quiet"]).ok();
    let index = p.read("site/index.html");
    let soon = index.split("id=\"h-upcoming\"").nth(1).unwrap();
    let soon = soon.split("</section>").next().unwrap();
    // Listed, first (its date committed comes before the pilot's), and
    // said to be due by that date.
    let (live, pilot) = (soon.find(">Live</a>"), soon.find(">Pilot</a>"));
    assert!(live.is_some() && live < pilot, "{soon}");
    assert!(
        soon.contains(
            r#"<span class="badge ms-upcoming">Due in 20 d (committed for 2026-12-15)</span>"#
        ),
        "{soon}"
    );
    assert!(
        index.contains(r#"<span class="tile-value">1 / 2</span>"#),
        "{index}"
    );
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let facts = &json["facts"];
    assert_eq!(facts["due_30"], serde_json::json!(["app/live"]), "{facts}");
    assert_eq!(
        facts["due_90"],
        serde_json::json!(["app/live", "app/pilot"]),
        "{facts}"
    );
    // Approved, the new date is the commitment: not due soon.
    p.write(
        "content/changes/cr.md",
        "---\ntitle: Re-plan\ndate: 2026-07-10\nstatus: approved\naffects: [app/live]\n---\n",
    );
    p.run(&["build", "--quiet"]).ok();
    let index = p.read("site/index.html");
    assert!(
        index.contains(r#"<span class="tile-value">0 / 1</span>"#)
            && !index.contains("(committed for"),
        "{index}"
    );
}

/// A milestone moved with no decision is newly overdue in the period the
/// date it stands committed to passed in, and not again in the period the
/// date it moved to passed in.
#[test]
fn a_milestone_moved_without_a_decision_is_newly_overdue_once() {
    let p = quarters(
        &[
            ("2026-03-31", "2026-06-30", "2027-06-30"),
            ("2026-09-30", "2026-10-31", "2027-06-30"),
        ],
        ("2026-10-31", "2027-06-30"),
        &[],
        "",
    );
    let overdue = |from: &str, to: &str| -> Vec<String> {
        p.run(&["diff", from, to])
            .ok()
            .stdout
            .lines()
            .filter(|l| l.starts_with("  overdue  "))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        overdue("S0", "S1"),
        ["  overdue  net/a: due 2026-10-31 (committed 2026-06-30, moved with no approved change request), 92 days overdue"]
    );
    assert_eq!(overdue("S1", "current"), Vec::<String>::new());
}

/// An initiative's page lists what the check says of its file, decisions
/// first: its end moved out with no decision was on the findings page
/// only, while the page itself read green.
#[test]
fn an_initiative_page_lists_the_findings_about_it() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let idm = |end: &str| {
        format!("---\ntitle: Identity\nowner: A\nhealth: green\noutcomes: [o]\nend: {end}\nmilestones:\n  - id: mfa\n    title: MFA\n    due: 2027-03-31\n    criteria: [x]\n---\n")
    };
    p.write("content/initiatives/idm.md", &idm("2027-06"));
    tag_quarter(&p, "2026-06-30", "2026-Q2");
    p.write("book.toml", &book("2026-11-25"));
    p.write("content/initiatives/idm.md", &idm("2027-09"));
    p.write("content/about.md", "---\ntitle: About\n---\nHow we plan.\n");
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/initiatives/idm.html");
    let section = &page[page
        .find("<h2 id=\"h-findings\">")
        .expect("a findings section")..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(
        section.contains("<span class=\"badge level-warning\">needs a decision</span>")
            && section.contains("<code>unacknowledged-end-move</code>"),
        "{section}"
    );
    // An item the check says nothing of has no such section.
    assert!(!p.read("site/pages/about.html").contains("h-findings"));
}

/// Moved with no decision, then done in the same period: the period says
/// late against the date committed, as the milestone's page does.
#[test]
fn a_milestone_moved_then_done_in_a_period_is_late_in_that_period() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let app = |milestone: &str| {
        format!("---\ntitle: App\nowner: A\noutcomes: [o]\nmilestones:\n  - id: m\n    title: M\n{milestone}    criteria: [x]\n---\n")
    };
    p.write("content/initiatives/app.md", &app("    due: 2026-06-30\n"));
    tag_quarter(&p, "2026-06-15", "2026-Q2");
    p.write("book.toml", &book("2026-09-20"));
    p.write(
        "content/initiatives/app.md",
        &app("    due: 2026-08-31\n    done: 2026-08-20\n"),
    );
    let diff: serde_json::Value =
        serde_json::from_str(&p.run(&["diff", "2026-Q2", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(diff["completed"][0]["days_late"], 51, "{diff:#}");
    assert_eq!(diff["completed"][0]["committed"], "2026-06-30", "{diff:#}");
    // Said against the date it counts from: "51 days late" beside a due
    // of 2026-08-31 and a done of 2026-08-20 read as a sum gone wrong.
    let text = p.run(&["diff", "2026-Q2"]).ok().stdout;
    assert!(
        text.contains("  done     app/m: 2026-08-20 (due 2026-08-31, 51 days late for 2026-06-30, the date committed)\n"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    assert!(p
        .read("site/history/2026-Q2--current.html")
        .contains("51 d late</span> <small>for 2026-06-30, the date committed</small>"));
    assert!(p
        .read("site/initiatives/app.html")
        .contains("Done 51 d late"));
    assert!(p
        .read("site/index.html")
        .contains("1 completed (0 on time)"));
}

/// `app` depends on the whole of `net`. Net's first milestone slips in one
/// quarter, its second in the next: `roadbook diff` over both quarters
/// names both latent slips, as the findings do (it named the larger one).
#[test]
fn a_diff_over_several_quarters_names_each_latent_slip_the_findings_name() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", "---\ntitle: O\nowner: A\n---\n");
    p.write(
        "content/initiatives/app.md",
        "---\ntitle: App\nowner: P\noutcomes: [o]\nstart: 2026-01-01\nend: 2027-06-30\ndepends_on: [net]\nmilestones:\n  - id: live\n    title: Live\n    due: 2027-05-31\n    criteria: [z]\n---\n",
    );
    let version = |today: &str, a: &str, b: &str| {
        p.write(
            "book.toml",
            &format!("[book]\ntitle = \"Latent\"\n[roadmap]\ntoday = \"{today}\"\n"),
        );
        p.write(
            "content/initiatives/net.md",
            &format!("---\ntitle: Net\nowner: N\noutcomes: [o]\nstart: 2026-01-01\nend: 2027-06-30\nmilestones:\n  - id: a\n    title: A\n    due: {a}\n    criteria: [x]\n  - id: b\n    title: B\n    due: {b}\n    criteria: [y]\n---\n"),
        );
    };
    git(&p, "2026-06-01", &["init", "-q"]);
    for (today, a, b, tag) in [
        ("2026-06-30", "2026-09-30", "2026-12-31", "roadmap/2026-Q2"),
        ("2026-09-30", "2026-11-30", "2026-12-31", "roadmap/2026-Q3"),
    ] {
        version(today, a, b);
        git(&p, today, &["add", "-A"]);
        git(&p, today, &["commit", "-qm", tag]);
        git(&p, today, &["tag", tag]);
    }
    version("2026-11-25", "2026-11-30", "2027-01-31");
    let out = p.run(&["check", "--format", "json"]).stdout;
    let mut found: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["rule"] == "latent-slip")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            "`app` depends on `net/a`, which slipped 61 days after snapshot 2026-Q2, but its own dates did not move",
            "`app` depends on `net/b`, which slipped 31 days after snapshot 2026-Q3, but its own dates did not move",
        ]
    );
    let d: serde_json::Value = serde_json::from_str(
        &p.run(&["diff", "2026-Q2", "current", "--format", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    let rows: Vec<(String, String, i64)> = d["latent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["dependent"].as_str().unwrap().to_string(),
                l["dependency"].as_str().unwrap().to_string(),
                l["days"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("app".to_string(), "net/a".to_string(), 61),
            ("app".to_string(), "net/b".to_string(), 31),
        ]
    );
    let text = p.run(&["diff", "2026-Q2", "current"]).ok().stdout;
    assert_eq!(
        text.matches("  latent   app depends on net/").count(),
        2,
        "{text}"
    );
    // A request on `app` stating only money confirms none of its dates;
    // one stating days does.
    let latent = |p: &Project| {
        p.run(&["check", "--format", "json"])
            .stdout
            .matches("\"rule\":\"latent-slip\"")
            .count()
    };
    p.write(
        "content/changes/money.md",
        "---\ntitle: Money\ndate: 2026-11-01\nstatus: approved\ndecided_by: Board\naffects: [app]\nbudget_increase: 1000\n---\n",
    );
    assert_eq!(latent(&p), 2);
    p.write(
        "content/changes/money.md",
        "---\ntitle: Money\ndate: 2026-11-01\nstatus: approved\ndecided_by: Board\naffects: [app]\ndelay_days: 0\n---\n",
    );
    assert_eq!(latent(&p), 0);
}

/// Moved with approval, then out again with none, then back to the date
/// approved: nothing stands (it stayed an unapproved slip for good). Back
/// only part of the way, the unapproved move still stands.
#[test]
fn a_move_nobody_approved_taken_back_to_the_approved_date_is_no_finding() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    let version = |today: &str, due: &str| {
        p.write("book.toml", &book(today));
        p.write(
            "content/initiatives/net.md",
            &format!("---\ntitle: Net\nowner: N\noutcomes: [o]\nstart: 2026-01-01\nend: 2027-06-30\nmilestones:\n  - id: a\n    title: A\n    due: {due}\n    criteria: [x]\n---\n"),
        );
    };
    git(&p, "2026-03-01", &["init", "-q"]);
    for (today, due, tag) in [
        ("2026-03-31", "2026-09-30", "roadmap/2026-Q1"),
        ("2026-06-30", "2026-12-31", "roadmap/2026-Q2"),
        ("2026-09-30", "2027-03-31", "roadmap/2026-Q3"),
    ] {
        version(today, due);
        if tag.ends_with("Q2") {
            p.write(
                "content/changes/cr1.md",
                "---\ntitle: Move A\ndate: 2026-05-01\nstatus: approved\naffects: [net/a]\n---\n",
            );
        }
        git(&p, today, &["add", "-A"]);
        git(&p, today, &["commit", "-qm", tag]);
        git(&p, today, &["tag", tag]);
    }
    let slips = |p: &Project| -> Vec<String> {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|f| f["rule"] == "unacknowledged-slip")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    // Out with no decision: it stands.
    version("2026-11-25", "2027-03-31");
    assert_eq!(slips(&p).len(), 1);
    // Back to the approved date: nothing stands, and the slip reads as
    // approved by the request that approved that date.
    version("2026-11-25", "2026-12-31");
    assert_eq!(slips(&p), Vec::<String>::new());
    p.run(&["build", "--quiet"]).ok();
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let slip = &json["history"]["slips"][0];
    assert_eq!(slip["gid"], "net/a");
    assert_eq!(slip["acknowledged_by"], "cr1");
    // Over the three quarters at once, `roadbook diff` says the same: the
    // move is approved, the excursion between taken back.
    let text = p.run(&["diff", "2026-Q1", "current"]).ok().stdout;
    assert!(
        text.contains("moved    net/a: 2026-09-30 → 2026-12-31 (+92 days, approved by cr1)"),
        "{text}"
    );
    // Back to within the tolerance of the approved date: taken back too.
    version("2026-11-25", "2027-01-05");
    assert_eq!(slips(&p).len(), 1, "no tolerance: 5 days stand");
    p.write(
        "book.toml",
        &format!(
            "{}[governance]\nslip-tolerance-days = 7\n",
            book("2026-11-25")
        ),
    );
    assert_eq!(slips(&p), Vec::<String>::new());
    // Back only part of the way: the move out still has no decision.
    version("2026-11-25", "2027-02-28");
    assert_eq!(
        slips(&p),
        ["milestone `net/a` slipped 151 days, from 2026-09-30 to 2027-02-28; no approved change request for the move 2026-12-31 → 2027-03-31 (+90 days, after snapshot 2026-Q2)"]
    );
}

/// A request that states `delay_days` approves a move up to that many days
/// later: the rest of a longer move stands, named with the request.
#[test]
fn a_request_approves_a_move_up_to_the_days_it_states() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    let version = |today: &str, due: &str, end: &str| {
        p.write("book.toml", &book(today));
        p.write(
            "content/initiatives/net.md",
            &format!("---\ntitle: Net\nowner: N\noutcomes: [o]\nstart: 2026-01-01\nend: {end}\nmilestones:\n  - id: a\n    title: A\n    due: {due}\n    criteria: [x]\n---\n"),
        );
    };
    let cr = |id: &str, affects: &str, days: u32| {
        p.write(
            &format!("content/changes/{id}.md"),
            &format!("---\ntitle: Later\ndate: 2026-05-01\nstatus: approved\naffects: [{affects}]\ndelay_days: {days}\n---\n"),
        );
    };
    git(&p, "2026-03-01", &["init", "-q"]);
    version("2026-03-31", "2026-09-30", "2027-06-30");
    git(&p, "2026-03-31", &["add", "-A"]);
    git(&p, "2026-03-31", &["commit", "-qm", "q1"]);
    git(&p, "2026-03-31", &["tag", "roadmap/2026-Q1"]);
    // Moved 91 days, approved for 30.
    version("2026-06-30", "2026-12-30", "2027-06-30");
    cr("cr1", "net/a", 30);
    let findings = |p: &Project, rule: &str| -> Vec<serde_json::Value> {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|f| f["rule"] == rule)
            .collect()
    };
    let slips = findings(&p, "unacknowledged-slip");
    assert_eq!(slips.len(), 1);
    assert_eq!(
        slips[0]["message"],
        "milestone `net/a` slipped 91 days, from 2026-09-30 to 2026-12-30; `cr1` approves 30 days of the move 2026-09-30 → 2026-12-30 (+91 days, after snapshot 2026-Q1): 61 days of it with no approved change request"
    );
    let help = slips[0]["help"].as_str().unwrap();
    assert!(
        help.contains("--delay-days DAYS`, or bring the date back to 2026-10-30 at the latest"),
        "{help}"
    );
    // Delivered since, its date is no longer to bring back: a decision is
    // all that is left (from a trial).
    let net = p.read("content/initiatives/net.md");
    p.write("book.toml", &book("2026-11-30"));
    p.write(
        "content/initiatives/net.md",
        &net.replace(
            "    criteria: [x]\n",
            "    done: 2026-11-20\n    criteria: [x]\n",
        ),
    );
    let slips = findings(&p, "unacknowledged-slip");
    let help = slips[0]["help"].as_str().unwrap();
    assert!(
        help.ends_with("--delay-days DAYS`") && !help.contains("bring the date back"),
        "{help}"
    );
    p.write("book.toml", &book("2026-06-30"));
    p.write("content/initiatives/net.md", &net);
    let d: serde_json::Value =
        serde_json::from_str(&p.run(&["diff", "2026-Q1", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(d["moved"][0]["acknowledged_by"], "cr1");
    assert_eq!(d["moved"][0]["beyond_approval"], 61);
    let text = p.run(&["diff", "2026-Q1"]).ok().stdout;
    assert!(
        text.contains("approved by cr1 for less: 61 days of it unapproved"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let timeline = p.read("site/timeline.html");
    assert!(
        timeline.contains("(+91 days, 61 days of it not approved)"),
        "{timeline}"
    );
    // The computed health's reason says how much of it is unapproved.
    let page = p.read("site/initiatives/net.html");
    assert!(
        page.contains("milestone “A” slipped 91 days, 61 of them with no approved change request"),
        "{page}"
    );
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let moved = &json["history"]["slips"][0]["unacknowledged"][0];
    assert_eq!(
        (
            &moved["approved_by"],
            &moved["approved_days"],
            &moved["days"]
        ),
        (
            &serde_json::json!("cr1"),
            &serde_json::json!(30),
            &serde_json::json!(61)
        )
    );
    assert!(p
        .read("site/governance.html")
        .contains("<small>dates up to 30 days later</small>"));
    // The rest recorded as a request of its own, as the help says: it
    // tops the first up.
    cr("cr-rest", "net/a", 61);
    assert!(findings(&p, "unacknowledged-slip").is_empty());
    let d: serde_json::Value =
        serde_json::from_str(&p.run(&["diff", "2026-Q1", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(d["moved"][0]["beyond_approval"], serde_json::Value::Null);
    std::fs::remove_file(p.path().join("content/changes/cr-rest.md")).unwrap();
    // Back within what was approved: nothing stands.
    version("2026-06-30", "2026-10-30", "2027-06-30");
    assert!(findings(&p, "unacknowledged-slip").is_empty());
    // Approved for all of it: nothing stands either.
    version("2026-06-30", "2026-12-30", "2027-06-30");
    cr("cr1", "net/a", 91);
    assert!(findings(&p, "unacknowledged-slip").is_empty());

    // The initiative's end: 92 days later, approved for 30.
    std::fs::remove_file(p.path().join("content/changes/cr1.md")).unwrap();
    version("2026-06-30", "2026-09-30", "2027-09-30");
    cr("cr-end", "net", 30);
    let ends = findings(&p, "unacknowledged-end-move");
    assert_eq!(ends.len(), 1, "{ends:#?}");
    assert_eq!(
        ends[0]["message"],
        "initiative `net` ends 2027-09-30 instead of 2027-06-30 (+92 days) after snapshot 2026-Q1, 62 days of it with no approved change request"
    );
    assert!(ends[0]["help"].as_str().unwrap().starts_with(
        "`cr-end` approves fewer days than the move (its `delay_days`, as on record)"
    ));
    let d: serde_json::Value =
        serde_json::from_str(&p.run(&["diff", "2026-Q1", "--format", "json"]).ok().stdout).unwrap();
    let end = d["dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["field"] == "end")
        .unwrap();
    assert_eq!(
        (&end["acknowledged_by"], &end["beyond_approval"]),
        (&serde_json::json!("cr-end"), &serde_json::json!(62))
    );

    // As `roadbook new` writes it.
    p.run(&[
        "new",
        "change",
        "cr-more",
        "--affects",
        "net",
        "--decided-by",
        "Board",
        "--delay-days",
        "62",
    ])
    .ok();
    assert!(p
        .read("content/changes/cr-more.md")
        .contains("\ndelay_days: 62\n"));
    let refused = p.run(&["new", "risk", "r", "--delay-days", "5"]);
    assert!(refused
        .stderr
        .contains("--delay-days is for change requests"));
    // Not a number of days: said where it is written.
    cr("cr-end", "net", 30);
    p.write(
        "content/changes/cr-end.md",
        "---\ntitle: Later\ndate: 2026-05-01\nstatus: approved\naffects: [net]\ndelay_days: 6 weeks\n---\n",
    );
    let invalid: Vec<serde_json::Value> = p
        .run(&["check", "--format", "json"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["path"] == "content/changes/cr-end.md" && f["line"] == 6)
        .collect();
    assert_eq!(invalid.len(), 1, "{invalid:#?}");
}

/// Moved out with no decision, taken back in a later quarter, then moved
/// out again with an approval: the first excursion stands no more.
#[test]
fn a_move_taken_back_and_made_again_with_approval_is_approved() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    let version = |today: &str, due: &str| {
        p.write("book.toml", &book(today));
        p.write(
            "content/initiatives/net.md",
            &format!("---\ntitle: Net\nowner: N\noutcomes: [o]\nstart: 2026-01-01\nend: 2027-06-30\nmilestones:\n  - id: a\n    title: A\n    due: {due}\n    criteria: [x]\n---\n"),
        );
    };
    git(&p, "2026-03-01", &["init", "-q"]);
    for (today, due, tag) in [
        ("2026-03-31", "2026-09-30", "roadmap/2026-Q1"),
        ("2026-06-30", "2026-12-31", "roadmap/2026-Q2"),
        ("2026-08-15", "2026-09-30", "roadmap/2026-Q2b"),
    ] {
        version(today, due);
        git(&p, today, &["add", "-A"]);
        git(&p, today, &["commit", "-qm", tag]);
        git(&p, today, &["tag", tag]);
    }
    version("2026-11-25", "2026-12-31");
    p.write(
        "content/changes/cr2.md",
        "---\ntitle: Later after all\ndate: 2026-09-01\nstatus: approved\naffects: [net/a]\n---\n",
    );
    let out = p.run(&["check", "--format", "json"]).stdout;
    assert!(!out.contains("unacknowledged-slip"), "{out}");
}

/// A dependent moved early in the span, then kept its dates while its
/// dependency slipped: the diff over the whole span names the latent slip
/// the findings name.
#[test]
fn a_diff_over_several_quarters_names_a_latent_slip_after_its_dependent_moved() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    let version = |today: &str, live: &str, b: &str| {
        p.write("book.toml", &book(today));
        p.write(
            "content/initiatives/app.md",
            &format!("---\ntitle: App\nowner: P\noutcomes: [o]\nstart: 2026-01-01\nend: 2027-06-30\nmilestones:\n  - id: live\n    title: Live\n    due: {live}\n    depends_on: [net/b]\n    criteria: [z]\n---\n"),
        );
        p.write(
            "content/initiatives/net.md",
            &format!("---\ntitle: Net\nowner: N\noutcomes: [o]\nstart: 2026-01-01\nend: 2027-06-30\nmilestones:\n  - id: b\n    title: B\n    due: {b}\n    criteria: [y]\n---\n"),
        );
    };
    git(&p, "2026-06-01", &["init", "-q"]);
    for (today, live, b, tag) in [
        ("2026-06-30", "2027-03-31", "2026-12-31", "roadmap/2026-Q2"),
        ("2026-09-30", "2027-04-30", "2026-12-31", "roadmap/2026-Q3"),
    ] {
        version(today, live, b);
        git(&p, today, &["add", "-A"]);
        git(&p, today, &["commit", "-qm", tag]);
        git(&p, today, &["tag", tag]);
    }
    version("2026-11-25", "2027-04-30", "2027-02-28");
    let out = p.run(&["check", "--format", "json"]).stdout;
    assert!(out.contains("\"rule\":\"latent-slip\""), "{out}");
    let d: serde_json::Value = serde_json::from_str(
        &p.run(&["diff", "2026-Q2", "current", "--format", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(d["latent"][0]["dependent"], "app/live", "{d}");
    assert_eq!(d["latent"][0]["dependency"], "net/b");
    assert_eq!(d["latent"][0]["days"], 59);
}

/// One initiative `net` (milestone `a`, its `end`) through tagged quarters,
/// then the working tree; `changes` are written before the first commit
/// they are listed at (index into `quarters`, or `quarters.len()` for the
/// working tree).
fn quarters(
    quarters: &[(&str, &str, &str)],
    now: (&str, &str),
    changes: &[(usize, &str, &str)],
    governance: &str,
) -> Project {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    let version = |today: &str, due: &str, end: &str| {
        p.write("book.toml", &format!("{}{governance}", book(today)));
        p.write(
            "content/initiatives/net.md",
            &format!("---\ntitle: Net\nowner: N\noutcomes: [o]\nstart: 2026-01-01\nend: {end}\nmilestones:\n  - id: a\n    title: A\n    due: {due}\n    criteria: [x]\n---\n"),
        );
    };
    let write_changes = |at: usize| {
        // A change request's id, or another file's path.
        for (_, id, text) in changes.iter().filter(|c| c.0 == at) {
            if id.contains('/') {
                p.write(id, text);
            } else {
                p.write(&format!("content/changes/{id}.md"), text);
            }
        }
    };
    git(&p, "2026-01-01", &["init", "-q"]);
    for (k, (today, due, end)) in quarters.iter().enumerate() {
        version(today, due, end);
        write_changes(k);
        git(&p, today, &["add", "-A"]);
        git(&p, today, &["commit", "-qm", today]);
        git(&p, today, &["tag", &format!("roadmap/S{k}")]);
    }
    version("2026-11-25", now.0, now.1);
    write_changes(quarters.len());
    p
}

/// A repository on `main` with quarter 2026-Q2 tagged (annotated, `today`
/// pinned), then July's commit moving the core switches a month later
/// with nothing decided, `today` still Q2's: the project, Q2's commit and
/// July's.
fn q2_then_a_slip() -> (Project, String, String) {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q", "-b", "main"]);
    p.write("book.toml", &book("2026-06-30"));
    initiatives(&p, "2026-08-31", "2027-01-31", "x", false);
    git(&p, "2026-06-30", &["add", "-A"]);
    git(&p, "2026-06-30", &["commit", "-qm", "Q2"]);
    git(
        &p,
        "2026-06-30",
        &["tag", "-a", "roadmap/2026-Q2", "-m", "Q2"],
    );
    let published = commit_of(&p, "HEAD");
    initiatives(&p, "2026-09-30", "2027-01-31", "x", false);
    git(&p, "2026-07-20", &["commit", "-qam", "core switches later"]);
    let later = commit_of(&p, "HEAD");
    (p, published, later)
}

/// The full id of the commit `rev` names.
fn commit_of(p: &Project, rev: &str) -> String {
    git(p, "2026-11-25", &["rev-parse", rev]).trim().to_string()
}

/// The initiative the rename tests move, with these milestones.
fn erp(milestones: &str) -> String {
    format!("---\ntitle: ERP\nowner: N\noutcomes: [o]\nmilestones:\n{milestones}---\n")
}

fn milestone(id: &str, title: &str, due: &str) -> String {
    format!("  - id: {id}\n    title: {title}\n    due: {due}\n    criteria: [x]\n")
}

fn approved(id: &str, decided: &str, affects: &str, extra: &str) -> String {
    format!("---\ntitle: {id}\ndate: {decided}\nstatus: approved\naffects: [{affects}]\ndecided_by: Board\n{extra}---\n")
}

/// Found by a review: `roadbook diff` over several quarters judged a step
/// taken back only by the end of the span, and a move approved in part
/// then taken back lost its approval or overstated what stood.
#[test]
fn moves_taken_back_read_the_same_in_check_and_in_a_diff_over_the_span() {
    // Out with none, back, out again approved: nothing stands anywhere.
    let p = quarters(
        &[
            ("2026-03-31", "2026-12-31", "2027-06-30"),
            ("2026-06-30", "2027-03-31", "2027-06-30"),
            ("2026-09-30", "2026-12-31", "2027-06-30"),
        ],
        ("2027-03-31", "2027-06-30"),
        &[(3, "cr1", &approved("cr1", "2026-10-10", "net/a", ""))],
        "",
    );
    assert_eq!(
        rule_messages(&p, "unacknowledged-slip"),
        Vec::<String>::new()
    );
    let text = p.run(&["diff", "S0", "current"]).ok().stdout;
    assert!(
        text.contains("moved    net/a: 2026-12-31 → 2027-03-31 (+90 days, approved by cr1)"),
        "{text}"
    );
    // 92 days approved for 30, then back to the date approved: approved.
    let p2 = quarters(
        &[
            ("2026-03-31", "2026-06-01", "2027-06-30"),
            ("2026-06-30", "2026-09-01", "2027-06-30"),
        ],
        ("2026-07-01", "2027-06-30"),
        &[(
            1,
            "cr1",
            &approved("cr1", "2026-04-10", "net/a", "delay_days: 30\n"),
        )],
        "",
    );
    assert_eq!(
        rule_messages(&p2, "unacknowledged-slip"),
        Vec::<String>::new()
    );
    // Back only to 2026-08-01: 31 days stand, in check and in the diff.
    let p3 = quarters(
        &[
            ("2026-03-31", "2026-06-01", "2027-06-30"),
            ("2026-06-30", "2026-09-01", "2027-06-30"),
        ],
        ("2026-08-01", "2027-06-30"),
        &[(
            1,
            "cr1",
            &approved("cr1", "2026-04-10", "net/a", "delay_days: 30\n"),
        )],
        "",
    );
    let slips = rule_messages(&p3, "unacknowledged-slip");
    assert_eq!(slips.len(), 1);
    assert!(
        slips[0].ends_with("`cr1` approves 30 days of the move 2026-06-01 → 2026-09-01 (+92 days, after snapshot S0): 31 days of it with no approved change request"),
        "{slips:?}"
    );
    let d: serde_json::Value = serde_json::from_str(
        &p3.run(&["diff", "S0", "current", "--format", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(d["moved"][0]["beyond_approval"], 31, "{d}");
    // An end moved out with none and back within the tolerance.
    let p4 = quarters(
        &[
            ("2026-03-31", "2026-06-01", "2026-12-01"),
            ("2026-06-30", "2026-06-01", "2027-03-01"),
        ],
        ("2026-06-01", "2026-12-10"),
        &[],
        "[governance]\nslip-tolerance-days = 14\n",
    );
    assert_eq!(
        rule_messages(&p4, "unacknowledged-end-move"),
        Vec::<String>::new()
    );
    let text = p4.run(&["diff", "S0", "current"]).ok().stdout;
    assert!(!text.contains("unapproved"), "{text}");
}

/// From a new user's routine: a request's amount raised after its approval
/// changed nothing, and `roadbook diff` said "no changes". A decision is
/// what the snapshot that first held it recorded: its amounts, what it
/// affects, its day; an edit of any of them is shown and named.
#[test]
fn an_approval_rewritten_after_a_snapshot_approves_what_was_recorded_and_is_shown() {
    const OTHER: (&str, &str) = (
        "content/initiatives/other.md",
        "---\ntitle: Other\nowner: N\noutcomes: [o]\n---\n",
    );
    // Moved 92 days, approved for 30 in S1.
    let moved = [
        ("2026-03-31", "2026-06-01", "2027-06-30"),
        ("2026-06-30", "2026-09-01", "2027-06-30"),
    ];
    let p = quarters(
        &moved,
        ("2026-09-01", "2027-06-30"),
        &[(
            1,
            "cr1",
            &approved("cr1", "2026-04-10", "net/a", "delay_days: 30\n"),
        )],
        "",
    );
    let before = rule_messages(&p, "unacknowledged-slip");
    assert_eq!(before.len(), 1, "{before:?}");
    assert!(
        before[0].contains("62 days of it with no approved change request"),
        "{before:?}"
    );
    assert_eq!(
        rule_messages(&p, "approval-rewritten"),
        Vec::<String>::new()
    );
    assert!(!p
        .run(&["diff", "S1", "current"])
        .ok()
        .stdout
        .contains("  request  "));
    // Raised to the whole move after S1 recorded it: the slip stands, and
    // both the check and the diff say why.
    p.write(
        "content/changes/cr1.md",
        &approved("cr1", "2026-04-10", "net/a", "delay_days: 92\n"),
    );
    assert_eq!(rule_messages(&p, "unacknowledged-slip"), before);
    assert_eq!(
        rule_messages(&p, "approval-rewritten"),
        ["change request `cr1` was approved in snapshot S1 (2026-06-30) and rewritten since: `delay_days` 92 days, where it approved 30 days; it approves what was recorded then"]
    );
    let text = p.run(&["diff", "S1", "current"]).ok().stdout;
    assert!(
        text.contains("  request  cr1: delay_days 30 → 92 (edited after its approval)\n"),
        "{text}"
    );
    // Over the span it was added and rewritten in too (the year's diff
    // read "status none → approved" and nothing more).
    let text = p.run(&["diff", "S0", "current"]).ok().stdout;
    assert!(
        text.contains("  request  cr1: delay_days 30 → 92 (edited after its approval)\n"),
        "{text}"
    );
    let d: serde_json::Value =
        serde_json::from_str(&p.run(&["diff", "S1", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(
        d["requests"],
        serde_json::json!([{"id": "cr1", "field": "delay_days", "from": "30", "to": "92", "after_approval": true}])
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/history/S1--current.html");
    assert!(
        page.contains("<h2>Change requests decided or edited</h2>"),
        "{page}"
    );
    assert!(
        page.contains("delay_days <span class=\"badge health-amber\">edited after approval</span></td><td>30</td><td>92</td>"),
        "{page}"
    );
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    assert_eq!(
        json["history"]["rewritten_approvals"][0]["delay_days"],
        serde_json::json!({"then": 30, "now": 92})
    );
    // The governance page reads it as recorded, and says it was rewritten
    // (it listed "dates up to 92 days later" as a genuine approval).
    let governance = p.read("site/governance.html");
    assert!(
        governance.contains("rewritten since S1</span>")
            && governance.contains("dates up to 30 days later")
            && !governance.contains("dates up to 92 days later"),
        "{governance}"
    );
    let request = p.read("site/changes/cr1.html");
    assert!(
        request.contains("30 days as approved in S1 (92 days written since)"),
        "{request}"
    );
    assert!(p.read("site/changes.xml").contains(
        "Rewritten since snapshot S1 recorded it approved: it approves what was recorded then."
    ));

    // A quarter taken with it rewritten says so on its own findings page.
    tag_quarter(&p, "2026-11-20", "S2");
    p.write("book.toml", &book("2026-11-25"));
    p.run(&["build", "--quiet"]).ok();
    let findings = p.read("site/v/S2/findings.html");
    assert!(
        findings.contains("was approved in snapshot S1 (2026-06-30) and rewritten since"),
        "{findings}"
    );

    // An item added to `affects` since: it approves nothing of that item.
    let p = quarters(
        &moved,
        ("2026-09-01", "2027-06-30"),
        &[
            (1, OTHER.0, OTHER.1),
            (1, "cr1", &approved("cr1", "2026-04-10", "other", "")),
            (2, "cr1", &approved("cr1", "2026-04-10", "other, net/a", "")),
        ],
        "",
    );
    assert_eq!(rule_messages(&p, "unacknowledged-slip").len(), 1);
    assert_eq!(
        rule_messages(&p, "approval-rewritten"),
        ["change request `cr1` was approved in snapshot S1 (2026-06-30) and rewritten since: `affects` names `net/a`, which it did not affect then; it approves what was recorded then"]
    );
    // Written so in S1 (which approved it), it approves the move.
    let p = quarters(
        &moved,
        ("2026-09-01", "2027-06-30"),
        &[
            (1, OTHER.0, OTHER.1),
            (1, "cr1", &approved("cr1", "2026-04-10", "other, net/a", "")),
        ],
        "",
    );
    assert_eq!(
        rule_messages(&p, "unacknowledged-slip"),
        Vec::<String>::new()
    );

    // Decided before S0 as recorded (so it covers no move after S0), dated
    // again into the period since.
    let p = quarters(
        &moved,
        ("2026-09-01", "2027-06-30"),
        &[
            (1, "cr1", &approved("cr1", "2026-03-01", "net/a", "")),
            (2, "cr1", &approved("cr1", "2026-04-10", "net/a", "")),
        ],
        "",
    );
    assert_eq!(rule_messages(&p, "unacknowledged-slip").len(), 1);
    assert_eq!(
        rule_messages(&p, "approval-rewritten"),
        ["change request `cr1` was approved in snapshot S1 (2026-06-30) and rewritten since: decided 2026-04-10, where it was decided 2026-03-01; it approves what was recorded then"]
    );
    p.run(&["build", "--quiet"]).ok();
    let request = p.read("site/changes/cr1.html");
    assert!(
        request.contains("2026-03-01 as approved in S1 (2026-04-10 written since)"),
        "{request}"
    );
    let governance = p.read("site/governance.html");
    assert!(
        governance.contains("2026-03-01 by Board") && !governance.contains("2026-04-10 by"),
        "{governance}"
    );
    assert!(p
        .run(&["diff", "S1", "current"])
        .ok()
        .stdout
        .contains("  request  cr1: date 2026-03-01 → 2026-04-10 (edited after its approval)\n"));

    // Lowered in a later snapshot (a correction), then put back: the
    // lower stands.
    let p = quarters(
        &[
            moved[0],
            moved[1],
            ("2026-09-30", "2026-09-01", "2027-06-30"),
        ],
        ("2026-09-01", "2027-06-30"),
        &[
            (
                1,
                "cr1",
                &approved("cr1", "2026-04-10", "net/a", "delay_days: 30\n"),
            ),
            (
                2,
                "cr1",
                &approved("cr1", "2026-04-10", "net/a", "delay_days: 10\n"),
            ),
            (
                3,
                "cr1",
                &approved("cr1", "2026-04-10", "net/a", "delay_days: 30\n"),
            ),
        ],
        "",
    );
    let slips = rule_messages(&p, "unacknowledged-slip");
    assert!(
        slips[0].contains("82 days of it with no approved change request"),
        "{slips:?}"
    );
    assert_eq!(
        rule_messages(&p, "approval-rewritten"),
        ["change request `cr1` was approved in snapshot S1 (2026-06-30) and rewritten since: `delay_days` 30 days, where it approved 10 days (as snapshot S2 recorded it); it approves what was recorded then"]
    );

    // Found by a review: money written into a request that approved only
    // days, and an initiative named where it named one of its milestones.
    let p = quarters(
        &moved,
        ("2026-09-01", "2027-06-30"),
        &[
            (
                1,
                "cr1",
                &approved("cr1", "2026-04-10", "net/a", "delay_days: 30\n"),
            ),
            (
                2,
                "cr1",
                &approved(
                    "cr1",
                    "2026-04-10",
                    "net",
                    "delay_days: 30\nbudget_increase: 5000\n",
                ),
            ),
        ],
        "",
    );
    // Its 30 days still approved of the move (the milestone it named is
    // the initiative's), the rest standing.
    let slips = rule_messages(&p, "unacknowledged-slip");
    assert!(
        slips[0].contains("62 days of it with no approved change request"),
        "{slips:?}"
    );
    assert_eq!(
        rule_messages(&p, "approval-rewritten"),
        ["change request `cr1` was approved in snapshot S1 (2026-06-30) and rewritten since: `budget_increase` EUR 5,000, where it approved no money (it stated only `delay_days`); `affects` names `net`, which it did not affect then; it approves what was recorded then"]
    );
    p.run(&["build", "--quiet"]).ok();
    assert!(p
        .read("site/changes/cr1.html")
        .contains("none as approved in S1 (EUR 5,000 written since)"));
    // A milestone added where its initiative was named approves nothing
    // more: no finding.
    let p = quarters(
        &moved,
        ("2026-09-01", "2027-06-30"),
        &[
            (1, "cr1", &approved("cr1", "2026-04-10", "net", "")),
            (2, "cr1", &approved("cr1", "2026-04-10", "net, net/a", "")),
        ],
        "",
    );
    assert_eq!(
        rule_messages(&p, "approval-rewritten"),
        Vec::<String>::new()
    );
    assert_eq!(
        rule_messages(&p, "unacknowledged-slip"),
        Vec::<String>::new()
    );

    // Found by a review: a `budget_increase` taken out beside its
    // `delay_days` approves no money, before the next snapshot records it
    // as after (it read as any rise until then), and is no rewrite.
    let p = quarters(
        &moved,
        ("2026-09-01", "2027-06-30"),
        &[
            (
                1,
                "cr1",
                &approved(
                    "cr1",
                    "2026-04-10",
                    "net/a",
                    "delay_days: 30\nbudget_increase: 100\n",
                ),
            ),
            (
                2,
                "cr1",
                &approved("cr1", "2026-04-10", "net/a", "delay_days: 30\n"),
            ),
        ],
        "",
    );
    assert_eq!(
        rule_messages(&p, "approval-rewritten"),
        Vec::<String>::new()
    );
    // Narrowed to the milestone in a later snapshot, then widened back:
    // said as that snapshot recorded it.
    let p = quarters(
        &[
            moved[0],
            moved[1],
            ("2026-09-30", "2026-09-01", "2027-06-30"),
        ],
        ("2026-09-01", "2027-06-30"),
        &[
            (1, "cr1", &approved("cr1", "2026-04-10", "net", "")),
            (2, "cr1", &approved("cr1", "2026-04-10", "net/a", "")),
            (3, "cr1", &approved("cr1", "2026-04-10", "net", "")),
        ],
        "",
    );
    assert_eq!(
        rule_messages(&p, "approval-rewritten"),
        ["change request `cr1` was approved in snapshot S1 (2026-06-30) and rewritten since: `affects` names `net`, which it did not affect then (as snapshot S2 recorded it); it approves what was recorded then"]
    );
    // Proposed in S1, approved since as decided before S1: it counts as
    // decided on S1's day, and says so.
    let p = quarters(
        &moved,
        ("2026-09-01", "2027-06-30"),
        &[
            (
                1,
                "cr1",
                &approved("cr1", "2026-04-10", "net/a", "").replace("approved", "proposed"),
            ),
            (2, "cr1", &approved("cr1", "2026-04-10", "net/a", "")),
        ],
        "",
    );
    assert_eq!(
        rule_messages(&p, "backdated-approval"),
        ["change request `cr1` is approved, decided 2026-04-10, but snapshot S1 (2026-06-30) had it proposed: it counts as decided on 2026-06-30"]
    );

    // A decision taken in the period is a row too, and no finding.
    let p = quarters(
        &moved,
        ("2026-09-01", "2027-06-30"),
        &[
            (
                1,
                "cr1",
                &approved("cr1", "2026-04-10", "net/a", "").replace("approved", "proposed"),
            ),
            (2, "cr1", &approved("cr1", "2026-04-10", "net/a", "")),
        ],
        "",
    );
    assert_eq!(
        rule_messages(&p, "approval-rewritten"),
        Vec::<String>::new()
    );
    let text = p.run(&["diff", "S1", "current"]).ok().stdout;
    assert!(
        text.contains("  request  cr1: status proposed → approved\n"),
        "{text}"
    );
    // So is one written and decided within the period; its money carries
    // the currency.
    let p = quarters(
        &moved,
        ("2026-09-01", "2027-06-30"),
        &[(
            2,
            "cr2",
            &approved("cr2", "2026-08-10", "net", "budget_increase: 5000\n"),
        )],
        "",
    );
    let text = p.run(&["diff", "S1", "current"]).ok().stdout;
    assert!(
        text.contains("  request  cr2: approved (written and decided in the period)\n"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/S1--current.html");
    assert!(
        period.contains("<td>status</td><td>new in the period</td><td>approved</td>"),
        "{period}"
    );
    // A `date:` that `decided:` overrides is no part of the decision.
    let decided = |date: &str| {
        format!("---\ntitle: cr1\ndate: {date}\nstatus: approved\ndecided: 2026-04-10\naffects: [net/a]\ndecided_by: Board\nbudget_increase: 100\n---\n")
    };
    let p = quarters(
        &moved,
        ("2026-09-01", "2027-06-30"),
        &[
            (1, "cr1", &decided("2026-04-01")),
            (2, "cr1", &decided("2026-04-02").replace("100", "200")),
        ],
        "",
    );
    let text = p.run(&["diff", "S1", "current"]).ok().stdout;
    assert!(
        text.contains("  request  cr1: date 2026-04-01 → 2026-04-02\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  request  cr1: budget_increase EUR 100 → EUR 200 (edited after its approval)\n"
        ),
        "{text}"
    );
}

/// A request's page says what the history credits it for: a request
/// affecting an initiative approves a move of its milestone and of its
/// end, each here only in part (its `delay_days`), and nothing said so.
#[test]
fn a_request_s_page_lists_what_it_approves() {
    let p = quarters(
        &[
            ("2026-03-31", "2026-06-01", "2027-06-30"),
            ("2026-06-30", "2026-09-01", "2027-09-30"),
        ],
        ("2026-09-01", "2027-09-30"),
        &[
            (
                1,
                "cr1",
                &approved("cr1", "2026-04-10", "net", "delay_days: 30\n"),
            ),
            // Decided before S0: it covers no move after it.
            (1, "cr2", &approved("cr2", "2026-03-01", "net/a", "")),
        ],
        "",
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/changes/cr1.html");
    for row in [
        "<td><a href=\"../history/S0--S1.html\">S0 → S1</a></td><td><a href=\"../initiatives/net.html#m-a\">A</a></td><td>due moved 2026-06-01 → 2026-09-01 (+92 days), 62 days of it beyond what it approves</td>",
        "<td><a href=\"../history/S0--S1.html\">S0 → S1</a></td><td><a href=\"../initiatives/net.html\">Net</a></td><td>end moved 2027-06-30 → 2027-09-30 (+92 days), 62 days of it beyond what it approves</td>",
    ] {
        assert!(page.contains(row), "{row}\n{page}");
    }
    // Approved, matched to nothing: said, not left blank.
    assert!(p
        .read("site/changes/cr2.html")
        .contains("Nothing that changed between the snapshots"));
}

/// Two moves of one milestone (+30 after S0, +90 after S1) and requests
/// of 90 and then 30 days decided after S1, either able to approve either:
/// fitted by their days, no part stands (in order, the 90 went to the +30
/// and 60 days stood).
#[test]
fn requests_go_to_the_moves_their_days_fit() {
    let p = quarters(
        &[
            ("2026-03-31", "2026-06-01", "2027-06-30"),
            ("2026-06-30", "2026-07-01", "2027-06-30"),
        ],
        ("2026-09-29", "2027-06-30"),
        &[
            (
                2,
                "cr-a",
                &approved("cr-a", "2026-07-05", "net/a", "delay_days: 90\n"),
            ),
            (
                2,
                "cr-b",
                &approved("cr-b", "2026-07-10", "net/a", "delay_days: 30\n"),
            ),
        ],
        "",
    );
    assert_eq!(
        rule_messages(&p, "unacknowledged-slip"),
        Vec::<String>::new()
    );
    let text = p.run(&["diff", "S0", "current"]).ok().stdout;
    assert!(
        text.contains("net/a: 2026-06-01 → 2026-09-29 (+120 days"),
        "{text}"
    );
    let d: serde_json::Value =
        serde_json::from_str(&p.run(&["diff", "S0", "S1", "--format", "json"]).ok().stdout)
            .unwrap();
    assert_eq!(d["moved"][0]["acknowledged_by"], "cr-b");
}

/// Moved out with no decision, then done by the date it moved from: the
/// move hid nothing, and no unapproved slip stands (it stood, on the
/// dashboard too); done later than that, the move stands.
#[test]
fn a_move_made_unneeded_by_the_work_done_in_time_stands_no_more() {
    let moved = [
        ("2026-03-31", "2026-06-01", "2027-06-30"),
        ("2026-06-30", "2026-09-01", "2027-06-30"),
    ];
    let p = quarters(&moved, ("2026-09-01", "2027-06-30"), &[], "");
    assert_eq!(rule_messages(&p, "unacknowledged-slip").len(), 1);
    p.run(&["build", "--quiet"]).ok();
    assert!(p.read("site/index.html").contains("Unapproved slips (1)"));
    let p = quarters(
        &moved,
        ("2026-09-01\n    done: 2026-05-29", "2027-06-30"),
        &[],
        "",
    );
    assert_eq!(
        rule_messages(&p, "unacknowledged-slip"),
        Vec::<String>::new()
    );
    let p = quarters(
        &moved,
        ("2026-09-01\n    done: 2026-06-11", "2027-06-30"),
        &[],
        "",
    );
    let slips = rule_messages(&p, "unacknowledged-slip");
    assert_eq!(slips.len(), 1, "{slips:?}");
    // Done on time: a done milestone reads no slip on the dashboard.
    let p = quarters(
        &moved,
        ("2026-09-01\n    done: 2026-05-29", "2027-06-30"),
        &[],
        "",
    );
    p.run(&["build", "--quiet"]).ok();
    assert!(!p.read("site/index.html").contains("Unapproved slips"));
}

/// A milestone added since a snapshot is approved by a request affecting
/// its initiative that states an amount of either kind ("add the training
/// milestone, EUR 100,000"): a change of scope is no amount to hold a
/// request to. The amount still holds the money, not the scope.
#[test]
fn a_request_stating_an_amount_approves_a_scope_change_of_what_it_affects() {
    let p = quarters(
        &[("2026-09-30", "2026-12-31", "2027-06-30")],
        ("2026-12-31", "2027-06-30"),
        &[],
        "",
    );
    p.write(
        "content/initiatives/net.md",
        "---\ntitle: Net\nowner: N\noutcomes: [o]\nstart: 2026-01-01\nend: 2027-06-30\nmilestones:\n  - id: a\n    title: A\n    due: 2026-12-31\n    criteria: [x]\n  - id: training\n    title: Training\n    due: 2027-03-31\n    criteria: [x]\n---\n",
    );
    assert_eq!(rule_messages(&p, "unacknowledged-scope-change").len(), 1);
    for extra in ["budget_increase: 100000\n", "delay_days: 30\n", ""] {
        p.write(
            "content/changes/cr.md",
            &approved("cr", "2026-10-15", "net", extra),
        );
        assert_eq!(
            rule_messages(&p, "unacknowledged-scope-change"),
            Vec::<String>::new(),
            "{extra}"
        );
    }
    // Decided before the snapshot that had the initiative as it was, it
    // approved an earlier change, not this one.
    p.write(
        "content/changes/cr.md",
        &approved("cr", "2026-09-15", "net", "budget_increase: 100000\n"),
    );
    assert_eq!(rule_messages(&p, "unacknowledged-scope-change").len(), 1);
}

/// A KPI's target loosened is in its period: the diff, the period page
/// and the period's line, with the request that approved it or the lack
/// of one (the history said "no changes", from a CIO's trial).
#[test]
fn a_kpi_target_loosened_is_in_its_period() {
    let p = Project::empty();
    let kpi = |target: &str| {
        format!("---\ntitle: Major incidents\noutcome: o\ndirection: down\ntarget: {target}\ndata: [[2026-01, 6], [2026-05, 5]]\n---\n")
    };
    for (at, today, target) in [
        ("snapshots/S1/", "2026-06-30", "3"),
        ("", "2026-09-30", "4"),
    ] {
        p.write(&format!("{at}book.toml"), &book(today))
            .write(
                &format!("{at}content/outcomes/o.md"),
                "---\ntitle: O\nowner: A\nkpis: [incidents]\n---\n",
            )
            .write(&format!("{at}content/kpis/incidents.md"), &kpi(target));
    }
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  target   incidents: 3 → 4 (loosened), unapproved\n"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/S1--current.html");
    assert!(
        period.contains(r#"<td class="num">3</td><td class="num">4</td><td><span class="badge health-red">loosened, unapproved</span>"#),
        "{period}"
    );
    assert!(
        p.read("site/brief.html")
            .contains("1 KPI target loosened (1 unapproved)"),
        "the period's line"
    );
    // Judged by the target on record until approved: 5 incidents against
    // 3 is off target, on its page, in the outcome's roll-up and in the
    // export (5 against the 4 written since read "off target" too, but a
    // target of 6 read on target everywhere).
    p.write("content/kpis/incidents.md", &kpi("6"));
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/kpis/incidents.html");
    assert!(page.contains("— off target"), "{page}");
    assert!(
        page.contains(
            "3, the target a snapshot set (6 written since with no approved change request)"
        ),
        "{page}"
    );
    // Its data table shows it too, as the chart beside it draws it.
    assert!(
        page.contains(r#"<td>2026-05</td><td class="num">5</td><td class="num">3</td>"#),
        "{page}"
    );
    // Its chart draws that target (the line sat at 6 under "Judged by 3").
    assert!(
        page.contains("; target 3; ")
            && page.contains("The target drawn is 3, as a snapshot set it (6 written since with no approved change request).</desc>"),
        "{page}"
    );
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let status = &json["kpis"][0]["status"];
    assert_eq!(status["on_target"], false, "{status}");
    assert_eq!(status["target"], 3.0, "{status}");
    assert_eq!(status["target_written"], 6.0, "{status}");
    let rollup = &json["outcomes"][0]["rollup"];
    assert_eq!(
        rollup["kpis"],
        serde_json::json!([["incidents", false]]),
        "{rollup}"
    );
    // Approved since the snapshot: said so. Tightened: no decision.
    p.write(
        "content/changes/reset.md",
        "---\ntitle: Reset the target\ndate: 2026-07-10\nstatus: approved\naffects: [incidents]\ndecided_by: Board\n---\n",
    );
    p.write("content/kpis/incidents.md", &kpi("4"));
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  target   incidents: 3 → 4 (loosened), approved by reset\n"),
        "{text}"
    );
    // Approved, the target written is the one judged by.
    p.write("content/kpis/incidents.md", &kpi("6"));
    p.run(&["build", "--quiet"]).ok();
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    assert_eq!(json["kpis"][0]["status"]["on_target"], true);
    assert_eq!(
        json["kpis"][0]["status"]["target_written"],
        serde_json::Value::Null
    );
    p.write("content/kpis/incidents.md", &kpi("2"));
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  target   incidents: 3 → 2 (tightened)\n"),
        "{text}"
    );
    // Approved after the quarter it was loosened in: approved later, as a
    // slip is (it read "approved by" alone; from a trial).
    for (at, today) in [("snapshots/S2/", "2026-09-30"), ("", "2026-11-25")] {
        p.write(&format!("{at}book.toml"), &book(today))
            .write(
                &format!("{at}content/outcomes/o.md"),
                "---\ntitle: O\nowner: A\nkpis: [incidents]\n---\n",
            )
            .write(&format!("{at}content/kpis/incidents.md"), &kpi("4"));
    }
    p.write(
        "content/changes/reset.md",
        "---\ntitle: Reset the target\ndate: 2026-10-05\nstatus: approved\ndecided: 2026-10-10\naffects: [incidents]\ndecided_by: Board\n---\n",
    );
    let text = p.run(&["diff", "S1", "S2"]).ok().stdout;
    assert!(
        text.contains("  target   incidents: 3 → 4 (loosened), approved by reset\n")
            && text.contains("  later    reset was decided 2026-10-10, after S2"),
        "{text}"
    );
    // The request's page lists what it approved (it listed nothing).
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/changes/reset.html");
    assert!(page.contains("target 3 → 4 (loosened)"), "{page}");
}

/// Found by a trial: a step of `targets:` still ahead, loosened, was in
/// no period (each compared the target for its end alone), and by the
/// time the step was in force the period it was edited in had closed.
/// It is in the period it was edited in, with the step's date; so are a
/// step added ahead and one taken out.
#[test]
fn a_kpi_target_step_ahead_loosened_is_in_its_period() {
    let p = Project::empty();
    let kpi = |targets: &str| {
        format!("---\ntitle: Order cycle time\noutcome: o\ndirection: down\nbaseline: 41\ntargets: {{ {targets} }}\ndata: [[2026-05, 40]]\n---\n")
    };
    for (at, today, targets) in [
        ("snapshots/S1/", "2026-06-30", "2026-Q2: 38, 2027-Q2: 32"),
        ("", "2026-09-30", "2026-Q2: 38, 2027-Q2: 35"),
    ] {
        p.write(&format!("{at}book.toml"), &book(today))
            .write(
                &format!("{at}content/outcomes/o.md"),
                "---\ntitle: O\nowner: A\nkpis: [cycle]\n---\n",
            )
            .write(&format!("{at}content/kpis/cycle.md"), &kpi(targets));
    }
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  target   cycle from 2027-Q2: 32 → 35 (loosened), unapproved\n"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/S1--current.html");
    assert!(
        period.contains(r#"Order cycle time</a> <small>from 2027-Q2</small></td><td class="num">32</td><td class="num">35</td><td><span class="badge health-red">loosened, unapproved</span>"#),
        "{period}"
    );
    assert!(
        p.read("site/brief.html")
            .contains("1 KPI target loosened (1 unapproved)"),
        "the period's line"
    );
    // A decision to take now, not once the step is in force; today's
    // target is still the one judged by.
    assert_eq!(
        rule_messages(&p, "kpi-target-loosened"),
        ["the target of KPI `cycle` from 2027-Q2 on is 35 (lower is better), where snapshot S1 set 32: loosened with no approved change request"]
    );
    // Checked against its schema: the new fields are in it.
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(json["kpis"][0]["status"]["target"], 38.0);
    assert_eq!(json["history"]["open_loosened"][0]["step"], "2027-Q2");
    p.write(
        "content/changes/looser.md",
        &approved("looser", "2026-07-10", "cycle", ""),
    );
    assert!(rule_messages(&p, "kpi-target-loosened").is_empty());
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  target   cycle from 2027-Q2: 32 → 35 (loosened), approved by looser\n"),
        "{text}"
    );
    std::fs::remove_file(p.path().join("content/changes/looser.md")).unwrap();
    // A snapshot taken since, holding the step as loosened, clears
    // nothing (found by a review).
    p.write("snapshots/S2/book.toml", &book("2026-09-30"))
        .write(
            "snapshots/S2/content/outcomes/o.md",
            "---\ntitle: O\nowner: A\nkpis: [cycle]\n---\n",
        )
        .write(
            "snapshots/S2/content/kpis/cycle.md",
            &kpi("2026-Q2: 38, 2027-Q2: 35"),
        )
        .write("book.toml", &book("2026-10-15"));
    assert_eq!(
        rule_messages(&p, "kpi-target-loosened"),
        ["the target of KPI `cycle` from 2027-Q2 on is 35 (lower is better), where snapshot S1 set 32: loosened with no approved change request"]
    );
    std::fs::remove_dir_all(p.path().join("snapshots/S2")).unwrap();
    p.write("book.toml", &book("2026-09-30"));
    // A step ahead taken out: the target from its date on is the one
    // before it, looser. A step added ahead, tighter: no decision.
    p.write("content/kpis/cycle.md", &kpi("2026-Q2: 38"));
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  target   cycle from 2027-Q2: 32 → 38 (loosened), unapproved\n"),
        "{text}"
    );
    assert_eq!(rule_messages(&p, "kpi-target-loosened").len(), 1);
    p.write(
        "content/kpis/cycle.md",
        &kpi("2026-Q2: 38, 2027-Q2: 32, 2027-Q4: 30"),
    );
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  target   cycle from 2027-Q4: 32 → 30 (tightened)\n")
            && !text.contains("loosened"),
        "{text}"
    );
    assert!(rule_messages(&p, "kpi-target-loosened").is_empty());
}

/// Found by a trial: a KPI's baseline rewritten was in no period, no diff
/// and no finding, while its page and chart measured the same figures
/// from the new start. Moved in its favour it is a decision; the other
/// way, or set where there was none, it is only shown.
#[test]
fn a_kpi_baseline_moved_in_its_favour_needs_a_decision() {
    let p = Project::empty();
    let kpi = |baseline: &str| {
        format!("---\ntitle: Order cycle time\noutcome: o\ndirection: down\nunit: days\n{baseline}target: 30\ndata: [[2026-05, 34]]\n---\n")
    };
    for (at, today, baseline) in [
        ("snapshots/S1/", "2026-06-30", "baseline: 41\n"),
        ("", "2026-09-30", "baseline: 45\n"),
    ] {
        p.write(&format!("{at}book.toml"), &book(today))
            .write(
                &format!("{at}content/outcomes/o.md"),
                "---\ntitle: O\nowner: A\nkpis: [cycle]\n---\n",
            )
            .write(&format!("{at}content/kpis/cycle.md"), &kpi(baseline));
    }
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  baseline cycle: 41 → 45 (in its favour), unapproved\n"),
        "{text}"
    );
    assert_eq!(
        rule_messages(&p, "kpi-baseline-moved"),
        ["the baseline of KPI `cycle` is 45 days (lower is better), where snapshot S1 set 41 days: its progress reads better from a baseline moved with no approved change request"]
    );
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/S1--current.html");
    assert!(
        period.contains(r#"Order cycle time</a></td><td class="num">41</td><td class="num">45</td><td><span class="badge health-red">in its favour, unapproved</span>"#),
        "{period}"
    );
    assert!(
        p.read("site/brief.html")
            .contains("1 KPI baseline moved in its favour (1 unapproved)"),
        "the period's line"
    );
    let page = p.read("site/kpis/cycle.html");
    assert!(
        page.contains(
            "45 days (41 days on record in snapshot S1; moved with no approved change request)"
        ),
        "{page}"
    );
    // Checked against its schema: the new fields are in it.
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        json["history"]["open_baselines"],
        serde_json::json!([{"id": "cycle", "after": "S1", "from": 41.0, "to": 45.0}])
    );
    // Taken out: the start is gone, the same decision.
    p.write("content/kpis/cycle.md", &kpi(""));
    assert_eq!(
        rule_messages(&p, "kpi-baseline-moved"),
        ["KPI `cycle` has no baseline, where snapshot S1 set 41 days: its progress reads better from a baseline moved with no approved change request"]
    );
    // Approved since the snapshot: said so, no finding.
    p.write("content/kpis/cycle.md", &kpi("baseline: 45\n"));
    p.write(
        "content/changes/restated.md",
        &approved("restated", "2026-07-10", "cycle", ""),
    );
    assert!(rule_messages(&p, "kpi-baseline-moved").is_empty());
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  baseline cycle: 41 → 45 (in its favour), approved by restated\n"),
        "{text}"
    );
    std::fs::remove_file(p.path().join("content/changes/restated.md")).unwrap();
    // Moved against it: shown, no decision needed.
    p.write("content/kpis/cycle.md", &kpi("baseline: 38\n"));
    assert!(rule_messages(&p, "kpi-baseline-moved").is_empty());
    let text = p.run(&["diff"]).ok().stdout;
    assert!(text.contains("  baseline cycle: 41 → 38\n"), "{text}");
    // An archived quarter that moved it shows it on its own KPI page, as
    // its findings do (found by a review).
    p.write("snapshots/S2/book.toml", &book("2026-09-30"))
        .write(
            "snapshots/S2/content/outcomes/o.md",
            "---\ntitle: O\nowner: A\nkpis: [cycle]\n---\n",
        )
        .write("snapshots/S2/content/kpis/cycle.md", &kpi("baseline: 45\n"))
        .write("book.toml", &book("2026-10-15"));
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/v/S2/kpis/cycle.html");
    assert!(
        page.contains(
            "45 days (41 days on record in snapshot S1; moved with no approved change request)"
        ),
        "{page}"
    );
}

/// Found by a trial: a capability's maturity going backwards, or its
/// target lowered, was in no period and no diff (its page showed today's
/// figures alone).
#[test]
fn a_capability_maturity_change_is_in_its_period() {
    let p = Project::empty();
    let capability = |current: u8, target: u8| {
        format!("---\ntitle: Integration\ncurrent: {current}\ntarget: {target}\n---\n")
    };
    for (at, today, current, target) in [
        ("snapshots/S1/", "2026-06-30", 3, 4),
        ("", "2026-09-30", 2, 3),
    ] {
        p.write(&format!("{at}book.toml"), &book(today))
            .write(&format!("{at}content/outcomes/o.md"), OUTCOME)
            .write(
                &format!("{at}content/capabilities/integration.md"),
                &capability(current, target),
            );
    }
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  maturity integration: current 3 → 2, target 4 → 3 (gone backwards, target lowered)\n"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/S1--current.html");
    assert!(
        period.contains(r#"Integration</a></td><td class="num">3 → 2</td><td class="num">4 → 3</td><td><span class="badge health-red">gone backwards</span> <span class="badge health-amber">target lowered</span></td>"#),
        "{period}"
    );
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        json["history"]["diffs"][0]["capabilities"],
        serde_json::json!([{"id": "integration", "current_from": 3, "current_to": 2, "target_from": 4, "target_to": 3}])
    );
    // Raised: said, with nothing to flag.
    p.write("content/capabilities/integration.md", &capability(4, 4));
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  maturity integration: current 3 → 4, target 4\n"),
        "{text}"
    );
}

/// A target loosened in a data file's own target column, or where every
/// step of `targets:` is still ahead, is drawn and tabled as the one on
/// record, as the status judges it: the table kept the column's looser
/// target, and the chart, whose description said it drew the target on
/// record, drew only the steps ahead.
#[test]
fn a_kpi_target_loosened_is_the_one_drawn_and_tabled() {
    let p = Project::empty();
    for (at, today, last_target) in [
        ("snapshots/S1/", "2026-06-30", "3"),
        ("", "2026-09-30", "6"),
    ] {
        p.write(&format!("{at}book.toml"), &book(today))
            .write(
                &format!("{at}content/outcomes/o.md"),
                "---\ntitle: O\nowner: A\nkpis: [incidents]\n---\n",
            )
            .write(
                &format!("{at}content/kpis/incidents.md"),
                "---\ntitle: Major incidents\noutcome: o\ndirection: down\ndata_file: data/incidents.csv\n---\n",
            )
            .write(
                &format!("{at}content/data/incidents.csv"),
                &format!("date,value,target\n2026-01,6,3\n2026-05,5,{last_target}\n"),
            );
    }
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/kpis/incidents.html");
    assert!(
        page.contains(
            "3, the target a snapshot set (6 written since with no approved change request)"
        ),
        "{page}"
    );
    assert!(
        page.contains(r#"<td>2026-05</td><td class="num">5</td><td class="num">3</td>"#),
        "{page}"
    );
    assert!(page.contains("; target 3; "), "{page}");
    // Taken out with its row, the target a snapshot set is the one from
    // that row's day on; the rows before it keep theirs (every row read
    // the target on record, and the chart drew it from January).
    p.write(
        "snapshots/S1/content/data/incidents.csv",
        "date,value,target\n2026-01,6,5\n2026-03,6,5\n2026-05,5,3\n",
    );
    p.write(
        "content/data/incidents.csv",
        "date,value,target\n2026-01,6,5\n2026-03,6,5\n",
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/kpis/incidents.html");
    assert!(
        page.contains(
            "3, the target a snapshot set (5 written since with no approved change request)"
        ) && page.contains(r#"<td>2026-03</td><td class="num">6</td><td class="num">5</td>"#)
            && page.contains("; target stepped from 5, reaching 3; "),
        "{page}"
    );

    // Every step ahead: `target:` is in force, and loosened.
    p.write(
        "content/data/incidents.csv",
        "date,value,target\n2026-01,6,\n2026-05,5,\n",
    );
    p.write(
        "snapshots/S1/content/data/incidents.csv",
        "date,value,target\n2026-01,6,\n2026-05,5,\n",
    );
    let kpi = |target: &str| {
        format!("---\ntitle: Major incidents\noutcome: o\ndirection: down\ntarget: {target}\ntargets: {{ 2027-Q2: 2 }}\ndata_file: data/incidents.csv\n---\n")
    };
    p.write("snapshots/S1/content/kpis/incidents.md", &kpi("3"));
    p.write("content/kpis/incidents.md", &kpi("6"));
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/kpis/incidents.html");
    assert!(
        page.contains(
            "3, the target a snapshot set (6 written since with no approved change request)"
        ),
        "{page}"
    );
    assert!(
        page.contains(r#"<td>2026-05</td><td class="num">5</td><td class="num">3</td>"#),
        "{page}"
    );
    assert!(
        page.contains("; target stepped from 3, reaching 2; ")
            && page.contains("The target drawn is 3, as a snapshot set it"),
        "{page}"
    );
}

/// An outcome's horizon moved later is in its period, with the request
/// that approved it or the lack of one: moved, it switched
/// `outcome-horizon-missed` off and nothing said so (from a CIO's trial).
#[test]
fn an_outcome_horizon_moved_later_is_in_its_period() {
    let p = Project::empty();
    for (at, today, horizon) in [
        ("snapshots/S1/", "2026-06-30", "2027-Q3"),
        ("", "2026-09-30", "2027-Q4"),
    ] {
        p.write(&format!("{at}book.toml"), &book(today)).write(
            &format!("{at}content/outcomes/o.md"),
            &format!("---\ntitle: Fewer outages\nowner: A\nhorizon: {horizon}\n---\n"),
        );
    }
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  horizon  o: 2027-Q3 → 2027-Q4 (+92 days), unapproved\n"),
        "{text}"
    );
    assert_eq!(
        rule_messages(&p, "unapproved-horizon-move"),
        ["the horizon of outcome `o` is 2027-Q4 instead of 2027-Q3 (+92 days) after snapshot S1, with no approved change request: leadership waits longer for it, and work planned past the old horizon no longer says so"]
    );
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/S1--current.html");
    assert!(
        period.contains(r#"<td class="date">2027-Q3</td><td class="date">2027-Q4</td><td><span class="badge health-red">+92 days, unapproved</span>"#),
        "{period}"
    );
    assert!(
        p.read("site/brief.html")
            .contains("1 outcome horizon moved later (1 unapproved)"),
        "the period's line"
    );
    p.write(
        "content/changes/extend.md",
        "---\ntitle: Extend\ndate: 2026-07-10\nstatus: approved\naffects: [o]\ndecided_by: Board\n---\n",
    );
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  horizon  o: 2027-Q3 → 2027-Q4 (+92 days), approved by extend\n"),
        "{text}"
    );
    assert!(rule_messages(&p, "unapproved-horizon-move").is_empty());
    // Taken out, the outcome is never late: a move later like any other.
    std::fs::remove_file(p.path().join("content/changes/extend.md")).unwrap();
    p.write(
        "content/outcomes/o.md",
        "---\ntitle: Fewer outages\nowner: A\n---\n",
    );
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  horizon  o: 2027-Q3 → none, unapproved\n"),
        "{text}"
    );
    assert_eq!(
        rule_messages(&p, "unapproved-horizon-move"),
        ["the horizon of outcome `o` was taken out (it was 2027-Q3) after snapshot S1, with no approved change request: leadership waits longer for it, and work planned past the old horizon no longer says so"]
    );
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/S1--current.html");
    assert!(
        period.contains(r#"<td class="date">2027-Q3</td><td class="date">—</td><td><span class="badge health-red">taken out, unapproved</span>"#),
        "{period}"
    );
    assert!(
        p.read("site/brief.html")
            .contains("1 outcome horizon moved later (1 unapproved)"),
        "the period's line"
    );
    // Found by a trial: the next quarter's snapshot, holding the later
    // horizon, cleared the finding. Taking a snapshot clears nothing.
    p.write(
        "content/outcomes/o.md",
        "---\ntitle: Fewer outages\nowner: A\nhorizon: 2027-Q4\n---\n",
    );
    p.write("snapshots/S2/book.toml", &book("2026-09-30"))
        .write(
            "snapshots/S2/content/outcomes/o.md",
            "---\ntitle: Fewer outages\nowner: A\nhorizon: 2027-Q4\n---\n",
        );
    p.write("book.toml", &book("2026-10-15"));
    assert_eq!(
        rule_messages(&p, "unapproved-horizon-move"),
        ["the horizon of outcome `o` is 2027-Q4 instead of 2027-Q3 (+92 days) after snapshot S1, with no approved change request: leadership waits longer for it, and work planned past the old horizon no longer says so"]
    );
}

/// A KPI turned around reads its figures the other way: 18 against a
/// target of 80 is off target going up and on target going down, with
/// nothing measured differently (from an auditor's trial).
#[test]
fn a_kpi_turned_around_needs_an_approved_change_request() {
    let p = Project::empty();
    for (at, today, direction) in [
        ("snapshots/S1/", "2026-09-30", "up"),
        ("", "2026-11-25", "down"),
    ] {
        p.write(&format!("{at}book.toml"), &book(today))
            .write(&format!("{at}content/outcomes/o.md"), OUTCOME)
            .write(
                &format!("{at}content/kpis/adoption.md"),
                &format!("---\ntitle: Adoption\noutcome: o\ntarget: 80\ndirection: {direction}\ndata: [[2026-09, 18]]\n---\n"),
            );
    }
    assert_eq!(
        rule_messages(&p, "kpi-direction-changed"),
        ["KPI `adoption` reads lower is better where snapshot S1 read it higher is better, with no approved change request: its figures and target now read the other way"]
    );
    // Said where the period is read, not in the finding alone (from a
    // review): `roadbook diff`, the period's page and its line, and
    // roadmap.json.
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("direction adoption: up → down (turned around), unapproved"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let unapproved_column = |p: &Project| {
        let versions = p.read("site/versions.html");
        let row = versions
            .split("<tr>")
            .find(|r| r.contains("history/S1--current.html"))
            .and_then(|r| r.split("</tr>").next())
            .unwrap_or_default()
            .to_string();
        row.rsplit("<td class=\"num\">")
            .next()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        unapproved_column(&p),
        "<span class=\"badge health-red\">1</span></td>"
    );
    let period = p.read("site/history/S1--current.html");
    assert!(
        period.contains("1 KPI turned around (1 unapproved)")
            && period.contains("<td>higher is better</td><td>lower is better</td><td><span class=\"badge health-red\">unapproved</span>"),
        "{period}"
    );
    let doc = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(doc["history"]["open_turned"][0]["after"], "S1");
    // Until approved, read the way S1 read it: 18 against 80, higher is
    // better, is off target (the brief said "On target"), its outcome
    // with it.
    let status = &doc["kpis"][0]["status"];
    assert_eq!(
        (&status["on_target"], &status["direction_written"]),
        (&serde_json::json!(false), &serde_json::json!("down")),
        "{status}"
    );
    let brief = p.read("site/brief.html");
    assert!(!brief.contains("On target"), "{brief}");
    let page = p.read("site/kpis/adoption.html");
    assert!(
        page.contains("higher is better, as a snapshot read it (lower is better written since with no approved change request)"),
        "{page}"
    );
    let moved = &doc["history"]["diffs"][0]["directions"][0];
    assert_eq!(
        (&moved["from"], &moved["to"]),
        (&"up".into(), &"down".into())
    );
    assert!(moved.get("acknowledged_by").is_none(), "{moved}");
    p.write(
        "content/changes/fix.md",
        "---\ntitle: Adoption was set up the wrong way round\ndate: 2026-10-10\nstatus: approved\naffects: [adoption]\ndecided_by: Board\n---\n",
    );
    assert!(rule_messages(&p, "kpi-direction-changed").is_empty());
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("direction adoption: up → down (turned around), approved by fix"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/S1--current.html");
    assert!(
        period.contains("1 KPI turned around,")
            && period.contains("approved by <a href=\"../changes/fix.html\">"),
        "{period}"
    ); // Approved, it reads the way it is written.
    assert_eq!(unapproved_column(&p), "0</td>");
    let doc = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(doc["kpis"][0]["status"]["on_target"], true);
}

/// A KPI turned around with no decision, then retired: the retirement
/// says how the snapshot stood the way it was judged then, not the way
/// it was written ("18 against 80, on target" for a KPI whose pages read
/// it off target).
#[test]
fn a_kpi_turned_around_then_retired_is_judged_as_it_was_read() {
    let p = Project::empty();
    for (at, today, direction, retired) in [
        ("snapshots/S0/", "2026-06-30", "up", ""),
        ("snapshots/S1/", "2026-09-30", "down", ""),
        ("", "2026-11-25", "down", "retired: 2026-10\n"),
    ] {
        p.write(&format!("{at}book.toml"), &book(today))
            .write(&format!("{at}content/outcomes/o.md"), OUTCOME)
            .write(
                &format!("{at}content/kpis/adoption.md"),
                &format!("---\ntitle: Adoption\noutcome: o\ntarget: 80\ndirection: {direction}\n{retired}data: [[2026-06, 18]]\n---\n"),
            );
    }
    let retired = rule_messages(&p, "unapproved-kpi-retirement");
    assert_eq!(retired.len(), 1, "{retired:?}");
    assert!(
        retired[0].ends_with("snapshot S1 showed it measured (18 against 80, off target)"),
        "{retired:?}"
    );
    // Approved when it was turned around, S1 read it as written.
    p.write(
        "content/changes/fix.md",
        "---\ntitle: Adoption was set up the wrong way round\ndate: 2026-07-10\nstatus: approved\naffects: [adoption]\ndecided_by: Board\n---\n",
    )
    .write(
        "snapshots/S1/content/changes/fix.md",
        "---\ntitle: Adoption was set up the wrong way round\ndate: 2026-07-10\nstatus: approved\naffects: [adoption]\ndecided_by: Board\n---\n",
    );
    let retired = rule_messages(&p, "unapproved-kpi-retirement");
    assert!(
        retired.len() == 1 && retired[0].ends_with("(18 against 80, on target)"),
        "{retired:?}"
    );
}

/// A gate taken off a milestone is a scope change: the work past it no
/// longer waits for it, and a high risk affecting it no longer holds the
/// initiative's health (it read green where it read amber, and `roadbook
/// diff` said "no changes"; from an auditor's trial). Put back, nothing.
#[test]
fn a_gate_taken_off_is_a_scope_change() {
    let p = Project::empty();
    let net = |gate: &str| {
        format!("---\ntitle: Net\nowner: N\noutcomes: [o]\nstart: 2026-01-01\nend: 2027-06-30\nmilestones:\n  - id: a\n    title: A\n    due: 2026-12-31\n{gate}    criteria: [x]\n---\n")
    };
    for (at, today) in [("snapshots/S0/", "2026-09-30"), ("", "2026-11-25")] {
        p.write(&format!("{at}book.toml"), &book(today))
            .write(&format!("{at}content/outcomes/o.md"), OUTCOME)
            .write(
                &format!("{at}content/initiatives/net.md"),
                &net("    gate: true\n"),
            );
    }
    assert!(rule_messages(&p, "unacknowledged-scope-change").is_empty());
    p.write("content/initiatives/net.md", &net(""));
    assert_eq!(
        rule_messages(&p, "unacknowledged-scope-change"),
        ["milestone `net/a` is no longer a gate after snapshot S0, with no approved change request"]
    );
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("scope    net/a: gate removed, unapproved"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let doc = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert!(
        doc["history"]["open_scope"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["kind"] == "gate-removed" && s["gid"] == "net/a"),
        "{}",
        doc["history"]["open_scope"]
    );
    p.write("content/initiatives/net.md", &net("    gate: true\n"));
    assert!(rule_messages(&p, "unacknowledged-scope-change").is_empty());
}

/// A dependency taken out of a milestone is a scope change: the conflict
/// and the latent slip it made went with it and nothing said so (from an
/// auditor's trial). An item deleted takes its dependents' links with it:
/// the deletion is the finding, not each link.
#[test]
fn a_dependency_taken_out_is_a_scope_change() {
    let p = Project::empty();
    // The initiative's own `depends_on` as well as its milestone's.
    let app = |depends: &str| {
        let on = if depends.is_empty() {
            ""
        } else {
            "depends_on: [net]\n"
        };
        format!("---\ntitle: App\nowner: N\noutcomes: [o]\nstart: 2026-01-01\nend: 2027-06-30\n{on}milestones:\n  - id: live\n    title: Live\n    due: 2027-03-31\n{depends}    criteria: [x]\n---\n")
    };
    let net = "---\ntitle: Net\nowner: N\noutcomes: [o]\nstart: 2026-01-01\nend: 2027-06-30\nmilestones:\n  - { id: core, title: Core, due: 2027-01-31, criteria: [x] }\n---\n";
    for (at, today) in [("snapshots/S0/", "2026-09-30"), ("", "2026-11-25")] {
        p.write(&format!("{at}book.toml"), &book(today))
            .write(&format!("{at}content/outcomes/o.md"), OUTCOME)
            .write(&format!("{at}content/initiatives/net.md"), net)
            .write(
                &format!("{at}content/initiatives/app.md"),
                &app("    depends_on: [net/core]\n"),
            );
    }
    assert!(rule_messages(&p, "unacknowledged-scope-change").is_empty());
    p.write("content/initiatives/app.md", &app(""));
    assert_eq!(
        rule_messages(&p, "unacknowledged-scope-change"),
        [
            "initiative `app` no longer depends on `net` after snapshot S0, with no approved change request",
            "milestone `app/live` no longer depends on `net/core` after snapshot S0, with no approved change request"
        ]
    );
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("scope    app/live: dependency removed: net/core, unapproved")
            && text.contains("scope    app: dependency removed: net, unapproved"),
        "{text}"
    );
    // On the period's page, the initiative's own change is not listed as
    // a milestone named like the initiative.
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/S0--current.html");
    assert!(
        period.contains("<tr><td>the initiative itself</td><td><a href=\"../initiatives/app.html\">App</a></td><td>dependency removed: net</td>"),
        "{period}"
    );
    // Narrowed to the milestone it needs (the initiative's `net` left, its
    // milestone still waiting for `net/core`): still a dependency.
    p.write(
        "content/initiatives/app.md",
        &app("    depends_on: [net/core]\n").replace("depends_on: [net]\n", ""),
    );
    assert!(rule_messages(&p, "unacknowledged-scope-change").is_empty());
    p.write("content/initiatives/app.md", &app(""));
    // Net deleted as well: `removed-initiative`, and no finding per link.
    std::fs::remove_file(p.path().join("content/initiatives/net.md")).unwrap();
    assert!(rule_messages(&p, "unacknowledged-scope-change").is_empty());
    assert_eq!(rule_messages(&p, "removed-initiative").len(), 1);
}

/// An initiative marked done with a milestone still open: the finding asks
/// for the milestone's `done:`, and writing it is no completion dated back
/// (the snapshot that showed it open had it on no list of what was due).
#[test]
fn done_work_with_an_open_milestone_asks_for_its_date_and_nothing_more() {
    let p = Project::empty();
    let net = |done: &str| {
        format!("---\ntitle: Net\nowner: N\nstatus: done\noutcomes: [o]\nstart: 2026-01-01\nend: 2026-06-30\nmilestones:\n  - {{ id: close, title: Close, due: 2026-05-31{done}, criteria: [x] }}\n---\n")
    };
    for (at, today) in [("snapshots/S1/", "2026-06-30"), ("", "2026-11-25")] {
        p.write(&format!("{at}book.toml"), &book(today))
            .write(&format!("{at}content/outcomes/o.md"), OUTCOME)
            .write(&format!("{at}content/initiatives/net.md"), &net(""));
    }
    assert_eq!(
        rule_messages(&p, "done-with-open-milestones"),
        ["initiative `net` is `status: done` with 1 milestone open: `net/close` (due 2026-05-31), 1 of them overdue; done work is on no list of what is due"]
    );
    p.write("content/initiatives/net.md", &net(", done: 2026-05-30"));
    assert_eq!(
        (
            rule_messages(&p, "done-with-open-milestones"),
            rule_messages(&p, "backdated-done")
        ),
        (Vec::<String>::new(), Vec::<String>::new())
    );
}

/// A criterion taken away lowers the bar: a scope change, like one added,
/// and a reworded one is one removed and one added (it read as extra scope
/// alone, "under 12 hours" for "under 8 hours"; from a CIO's trial).
/// Put back, there is nothing to decide.
#[test]
fn a_criterion_removed_or_reworded_is_a_scope_change() {
    let p = quarters(
        &[("2026-09-30", "2026-12-31", "2027-06-30")],
        ("2026-12-31", "2027-06-30"),
        &[],
        "",
    );
    let net = |criteria: &str| {
        format!("---\ntitle: Net\nowner: N\noutcomes: [o]\nstart: 2026-01-01\nend: 2027-06-30\nmilestones:\n  - id: a\n    title: A\n    due: 2026-12-31\n    criteria: [{criteria}]\n---\n")
    };
    p.write("content/initiatives/net.md", &net("x, y"));
    assert_eq!(rule_messages(&p, "unacknowledged-scope-change").len(), 1);
    // The snapshot had "x" alone; now it reads "z", reworded.
    p.write("content/initiatives/net.md", &net("z"));
    assert_eq!(
        rule_messages(&p, "unacknowledged-scope-change"),
        [
            "milestone `net/a` gained the criterion “z” after snapshot S0, with no approved change request",
            "milestone `net/a` lost the criterion “x” after snapshot S0, with no approved change request",
        ]
    );
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("scope    net/a: criterion removed: x, unapproved"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/S0--current.html");
    assert!(period.contains("criterion removed: “x”"), "{period}");
    // Taken away only, then put back: nothing.
    p.write("content/initiatives/net.md", &net(""));
    assert_eq!(rule_messages(&p, "unacknowledged-scope-change").len(), 1);
    p.write("content/initiatives/net.md", &net("x"));
    assert!(rule_messages(&p, "unacknowledged-scope-change").is_empty());
}

/// Over several quarters, a move approved for one step and not the next
/// says what stands unapproved and who approved the rest (the row said
/// "unapproved" whole: 90 days, 30 of them approved).
#[test]
fn a_diff_over_several_quarters_says_what_of_a_partly_approved_move_stands() {
    let p = quarters(
        &[
            ("2026-06-30", "2026-12-31", "2027-06-30"),
            ("2026-09-30", "2027-01-30", "2027-06-30"),
        ],
        ("2027-03-31", "2027-06-30"),
        &[(1, "cr1", &approved("cr1", "2026-07-10", "net/a", ""))],
        "",
    );
    let text = p.run(&["diff", "S0", "current"]).ok().stdout;
    assert!(
        text.contains("  moved    net/a: 2026-12-31 → 2027-03-31 (+90 days, unapproved: 60 days of it; the rest approved by cr1)\n"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(
        &p.run(&["diff", "S0", "current", "--format", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    let row = &json["moved"][0];
    assert_eq!(
        (
            &row["acknowledged_by"],
            &row["beyond_approval"],
            &row["approved_by_steps"]
        ),
        (
            &serde_json::Value::Null,
            &serde_json::json!(60),
            &serde_json::json!(["cr1"])
        ),
        "{json}"
    );
    // Nothing approved: unapproved whole, as before.
    std::fs::remove_file(p.path().join("content/changes/cr1.md")).unwrap();
    let text = p.run(&["diff", "S1", "current"]).ok().stdout;
    assert!(
        text.contains("  moved    net/a: 2027-01-30 → 2027-03-31 (+60 days, unapproved)\n"),
        "{text}"
    );
}

/// An open milestone moved out with no decision counts due from the date
/// it stands committed to, as the on-time rate's definition says: past
/// that date it is overdue (it was not counted due at all).
#[test]
fn an_open_milestone_moved_with_no_decision_counts_due_from_the_date_committed() {
    let p = quarters(
        &[("2026-06-30", "2026-08-31", "2027-06-30")],
        ("2027-01-31", "2027-06-30"),
        &[],
        "",
    );
    p.run(&["build", "--quiet"]).ok();
    let dashboard = p.read("site/index.html");
    assert!(
        dashboard.contains("milestones done on time (0 of 1 due so far;"),
        "{dashboard}"
    );
    let metrics = p.read("site/metrics.html");
    assert!(
        metrics.contains(r#"<th scope="row">2026-Q3</th><td class="num">1</td><td class="num">0</td><td class="num">0</td><td class="num">1</td>"#),
        "{metrics}"
    );
    // Approved, it is due when it is due now.
    p.write(
        "content/changes/cr.md",
        &approved("cr", "2026-07-10", "net/a", ""),
    );
    p.run(&["build", "--quiet"]).ok();
    assert!(p
        .read("site/index.html")
        .contains("milestones done on time (0 of 0 due so far;"));
}

/// Found by a chief of staff's year: a move approved for fewer days than it
/// took, topped up by a request decided later (one meant for another
/// milestone of the initiative), read as approved by the first alone; the
/// second request's days were spent unnamed. Both are named, as a rise's.
#[test]
fn a_move_topped_up_by_a_later_request_names_both() {
    let p = quarters(
        &[
            ("2026-06-30", "2026-09-30", "2027-06-30"),
            ("2026-09-30", "2026-11-15", "2027-06-30"),
        ],
        ("2026-11-15", "2027-06-30"),
        &[
            (
                1,
                "cr1",
                &approved("cr1", "2026-07-15", "net/a", "delay_days: 30\n"),
            ),
            (
                1,
                "cr2",
                &approved("cr2", "2026-08-01", "net", "delay_days: 30\n"),
            ),
        ],
        "",
    );
    let text = p.run(&["diff", "S0", "S1"]).ok().stdout;
    assert!(
        text.contains(
            "moved    net/a: 2026-09-30 → 2026-11-15 (+46 days, approved by cr1 and cr2)"
        ),
        "{text}"
    );
    assert!(rule_messages(&p, "unacknowledged-slip").is_empty());
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/S0--S1.html");
    assert!(
        period.contains(r#"<a href="../changes/cr1.html">cr1</a> and <a href="../changes/cr2.html">cr2</a></td>"#),
        "{period}"
    );
    let cr2 = p.read("site/changes/cr2.html");
    assert!(cr2.contains("together with cr1"), "{cr2}");
}

/// A scope change is credited to a request decided by the end of its
/// period before one decided later: a later request on the milestone took
/// the credit from the initiative's, and the period read "approved later"
/// where the quarter's own site had it approved (from an auditor's trial).
#[test]
fn a_scope_change_goes_to_the_request_of_its_period() {
    let two = "---\ntitle: Net\nowner: N\noutcomes: [o]\nstart: 2026-01-01\nend: 2027-06-30\nmilestones:\n  - id: a\n    title: A\n    due: 2026-12-31\n    criteria: [x, y]\n---\n";
    let p = quarters(
        &[
            ("2026-06-30", "2026-12-31", "2027-06-30"),
            ("2026-09-30", "2026-12-31", "2027-06-30"),
        ],
        ("2026-12-31", "2027-06-30"),
        &[
            (0, "content/initiatives/net.md", two),
            (
                1,
                "cut",
                &approved("cut", "2026-09-15", "net", "budget_increase: 1000\n"),
            ),
            (2, "later", &approved("later", "2026-10-10", "net/a", "")),
        ],
        "",
    );
    let credited = |p: &Project| {
        let json: serde_json::Value =
            serde_json::from_str(&p.run(&["diff", "S0", "S1", "--format", "json"]).ok().stdout)
                .unwrap();
        assert_eq!(json["scope"][0]["kind"], "criterion-removed", "{json}");
        (
            json["scope"][0]["acknowledged_by"].clone(),
            json["approved_later"].clone(),
        )
    };
    assert_eq!(
        credited(&p),
        (serde_json::json!("cut"), serde_json::json!([]))
    );
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/S0--S1.html");
    assert!(period.contains(", 1 scope change, "), "{period}");
    std::fs::remove_file(p.path().join("content/changes/cut.md")).unwrap();
    assert_eq!(
        credited(&p),
        (
            serde_json::json!("later"),
            serde_json::json!([{ "id": "later", "decided": "2026-10-10" }])
        )
    );
    std::fs::remove_file(p.path().join("content/changes/later.md")).unwrap();
    assert_eq!(credited(&p).0, serde_json::Value::Null);
    // The period's line counts it unapproved.
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/S0--S1.html");
    assert!(
        period.contains(", 1 scope change (1 unapproved), "),
        "{period}"
    );
}

/// A milestone pulled in had nothing to approve: no request is credited
/// with it, in the period or on the request's page (one affecting the
/// milestone listed "due moved 2027-Q1 → 2027-02-20 (-39 days)" among
/// what it approved; from an auditor's trial).
#[test]
fn a_milestone_pulled_in_is_no_request_s_approval() {
    let p = quarters(
        &[("2026-06-30", "2026-12-31", "2027-06-30")],
        ("2026-11-30", "2027-06-30"),
        &[(1, "cr", &approved("cr", "2026-07-10", "net/a", ""))],
        "",
    );
    let json: serde_json::Value =
        serde_json::from_str(&p.run(&["diff", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(json["moved"][0]["days"], -31, "{json}");
    assert_eq!(json["moved"][0]["acknowledged_by"], serde_json::Value::Null);
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  moved    net/a: 2026-12-31 → 2026-11-30 (-31 days)\n"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let request = p.read("site/changes/cr.html");
    assert!(!request.contains("-31 days"), "{request}");
}

/// A team's capacity is judged by the end its work stands committed to:
/// an end moved out with no decision spread the effort over the later
/// quarters, and a team the quarter's own site said was at 240 % read
/// fine on the dashboard (an auditor's trial).
#[test]
fn capacity_counts_work_to_its_end_committed() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME)
        .write("content/teams/t.md", "---\ntitle: T\ncapacity: 100\n---\n");
    let big = |end: &str| {
        format!("---\ntitle: Big\nowner: A\nstatus: planned\noutcomes: [o]\nteam: t\neffort: 240\nstart: 2027-01-01\nend: {end}\nmilestones:\n  - {{ id: m, title: M, due: 2027-03-31, criteria: [x] }}\n---\n")
    };
    p.write("content/initiatives/big.md", &big("2027-03-31"));
    git(&p, "2026-09-01", &["init", "-q"]);
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-11-25"));
    p.write("content/initiatives/big.md", &big("2027-09-30"));
    let over = rule_messages(&p, "overcommitted-team");
    assert!(
        over.len() == 1 && over[0].contains("2027-Q1") && over[0].contains("240"),
        "{over:?}"
    );
    assert!(
        over[0].ends_with("(counting `big` to 2027-03-31, the end it stands committed to)"),
        "{over:?}"
    );
    p.run(&["build", "--quiet"]).ok();
    assert!(
        p.read("site/teams/t.html")
            .contains("240, to its end committed, 2027-03-31</small>"),
        "the team's quarters say why"
    );
    assert!(
        p.read("site/capacity.html")
            .contains("counts to the end it stands committed to."),
        "the capacity page says how it counts"
    );
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let quarters = json["facts"]["capacity"][0]["quarters"].as_array().unwrap();
    let q1 = quarters
        .iter()
        .find(|q| q["quarter"] == "2027-Q1")
        .unwrap_or_else(|| panic!("{quarters:?}"));
    assert_eq!(q1["committed"], 240.0, "{q1}");
    assert_eq!(
        json["facts"]["committed_ends"],
        serde_json::json!({ "big": "2027-03-31" })
    );
    // Approved, the later end is the plan the team is judged by.
    p.write(
        "content/changes/cr.md",
        "---\ntitle: Spread Big\ndate: 2026-10-10\nstatus: approved\naffects: [big]\n---\n",
    );
    assert_eq!(
        rule_messages(&p, "overcommitted-team"),
        Vec::<String>::new()
    );
}

/// An end taken out, or an end its milestones make, stands committed as a
/// written one does: `end:` deleted with the milestones moved out read as
/// no end move at all, and the team as never overcommitted.
#[test]
fn an_end_taken_out_or_made_by_milestones_stands_committed() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME)
        .write("content/teams/t.md", "---\ntitle: T\ncapacity: 100\n---\n")
        .write("content/teams/u.md", "---\ntitle: U\ncapacity: 100\n---\n")
        .write("content/teams/w.md", "---\ntitle: W\ncapacity: 100\n---\n");
    let work = |id: &str, team: &str, end: &str, due: &str| {
        format!("---\ntitle: {id}\nowner: A\nstatus: planned\noutcomes: [o]\nteam: {team}\neffort: 240\nstart: 2027-01-01\n{end}milestones:\n  - {{ id: m, title: M, due: {due}, criteria: [x] }}\n---\n")
    };
    p.write(
        "content/initiatives/big.md",
        &work("big", "t", "end: 2027-03-31\n", "2027-03-31"),
    );
    p.write(
        "content/initiatives/made.md",
        &work("made", "u", "", "2027-03-31"),
    );
    p.write(
        "content/initiatives/put.md",
        &work("put", "w", "", "2027-03-31"),
    );
    git(&p, "2026-09-01", &["init", "-q"]);
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-11-25"));
    p.write(
        "content/initiatives/big.md",
        &work("big", "t", "", "2027-09-30"),
    );
    p.write(
        "content/initiatives/made.md",
        &work("made", "u", "", "2027-09-30"),
    );
    // An end written where none was, later than its milestones made.
    p.write(
        "content/initiatives/put.md",
        &work("put", "w", "end: 2027-09-30\n", "2027-03-31"),
    );
    assert_eq!(
        rule_messages(&p, "unacknowledged-end-move"),
        [
            "initiative `big` ends 2027-09-30 with its milestones (`end:` taken out) instead of 2027-03-31 (+183 days) after snapshot 2026-Q3, with no approved change request",
            "initiative `put` ends 2027-09-30 (`end:` written) instead of 2027-03-31, the end its milestones made (+183 days) after snapshot 2026-Q3, with no approved change request",
        ]
    );
    let over = rule_messages(&p, "overcommitted-team");
    assert!(
        over.len() == 3
            && over[0].contains("`big` to 2027-03-31")
            && over[1].contains("`made` to 2027-03-31")
            && over[2].contains("`put` to 2027-03-31"),
        "{over:?}"
    );
    // The period says the same of each end: moved, and unapproved (it read
    // "2027-03-31 → none" with no verdict).
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  end      big: 2027-03-31 → none (+183 days), unapproved\n")
            && text.contains("  end      put: none → 2027-09-30 (+183 days), unapproved\n"),
        "{text}"
    );
    // A request naming the milestone that now makes the end approves the
    // end for the days it states, the rest standing (from a review).
    p.write(
        "content/changes/move-m.md",
        "---\ntitle: Move big's milestone\ndate: 2026-10-10\nstatus: approved\naffects: [big/m]\ndecided_by: Board\ndelay_days: 30\n---\n",
    );
    assert_eq!(
        rule_messages(&p, "unacknowledged-end-move")[0],
        "initiative `big` ends 2027-09-30 with its milestones (`end:` taken out) instead of 2027-03-31 (+183 days) after snapshot 2026-Q3, 153 days of it with no approved change request"
    );
    // With no amount it approves the whole move.
    p.write(
        "content/changes/move-m.md",
        "---\ntitle: Move big's milestone\ndate: 2026-10-10\nstatus: approved\naffects: [big/m]\ndecided_by: Board\n---\n",
    );
    assert_eq!(
        rule_messages(&p, "unacknowledged-end-move"),
        ["initiative `put` ends 2027-09-30 (`end:` written) instead of 2027-03-31, the end its milestones made (+183 days) after snapshot 2026-Q3, with no approved change request"]
    );
    let (slips, over) = (
        rule_messages(&p, "unacknowledged-slip"),
        rule_messages(&p, "overcommitted-team"),
    );
    assert!(
        !slips.iter().any(|m| m.contains("`big/m`")) && !over.iter().any(|m| m.contains("`big`")),
        "{slips:?} {over:?}"
    );
}

/// A quarter recorded after a later one: `roadbook snapshot` refuses a
/// snapshot dated before one already taken, and a tag made by hand that
/// way is a finding (the slip made between them read as a move pulled in,
/// and nothing needed a decision; from an auditor's trial).
#[test]
fn a_snapshot_dated_before_one_taken_already_is_refused_or_found() {
    let p = Project::empty();
    let net = |due: &str| {
        format!("---\ntitle: Net\nowner: N\noutcomes: [o]\nstart: 2026-01-01\nend: 2027-12-31\nmilestones:\n  - {{ id: core, title: Core, due: {due}, criteria: [x] }}\n---\n")
    };
    p.write("content/outcomes/o.md", OUTCOME)
        .write("content/initiatives/net.md", &net("2027-03-31"))
        .write("book.toml", &book("2026-09-30"));
    git(&p, "2026-09-01", &["init", "-q"]);
    git(&p, "2026-09-30", &["add", "-A"]);
    git(&p, "2026-09-30", &["commit", "-qm", "september"]);
    let september = git(&p, "2026-09-30", &["rev-parse", "HEAD"]);
    tag_quarter(&p, "2026-12-31", "2026-Q4");
    // Set back to September, the slip recorded as that quarter's.
    p.write("book.toml", &book("2026-09-30"))
        .write("content/initiatives/net.md", &net("2027-06-30"));
    git(&p, "2027-01-05", &["commit", "-qam", "q3 again"]);
    let out = p.run(&["snapshot", "2026-Q3"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("the snapshot would be dated 2026-09-30, before snapshot 2026-Q4 (2026-12-31), which was taken already"),
        "{}",
        out.stderr
    );
    assert_eq!(
        p.run(&["snapshot", "2026-Q3", "--dir"]).code,
        1,
        "nor as a folder"
    );
    // Tagged by hand: found.
    git(&p, "2027-01-05", &["tag", "roadmap/2026-Q3"]);
    p.write("book.toml", &book("2027-01-20"));
    git(&p, "2027-01-20", &["commit", "-qam", "now"]);
    assert_eq!(
        rule_messages(&p, "snapshot-out-of-order"),
        ["snapshot 2026-Q3 is dated 2026-09-30, before snapshot 2026-Q4 (2026-12-31), but its tag `roadmap/2026-Q3` is on a commit made after `roadmap/2026-Q4`'s: the roadmap of a later day reads as the earlier quarter's, and what changed between them reads the wrong way round"]
    );
    // Tagged where the quarter was really taken (September's commit, its
    // `today` 2026-09-30), in order: nothing.
    git(&p, "2027-01-20", &["tag", "-d", "roadmap/2026-Q3"]);
    git(
        &p,
        "2027-01-20",
        &["tag", "roadmap/2026-Q3", september.trim()],
    );
    assert!(rule_messages(&p, "snapshot-out-of-order").is_empty());
    let versions = p.run(&["check", "--format", "json"]).stdout;
    assert!(!versions.contains("RB0301"), "both tags read: {versions}");
}

/// Work with no `end:` whose last milestone is replaced by a later one with
/// no decision counts to the end it had before, as an end moved out does:
/// the scope change was found, but the effort spread over the later
/// quarters and the team read fine.
#[test]
fn a_last_milestone_replaced_by_a_later_one_leaves_the_end_committed() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME)
        .write("content/teams/t.md", "---\ntitle: T\ncapacity: 100\n---\n");
    let rep = |last: &str| {
        format!("---\ntitle: Rep\nowner: A\nstatus: active\noutcomes: [o]\nteam: t\neffort: 200\nstart: 2026-10-01\nmilestones:\n  - {{ id: a, title: A, due: 2026-11-30, criteria: [x] }}\n  - {last}\n---\n")
    };
    p.write(
        "content/initiatives/rep.md",
        &rep("{ id: fin, title: Fin, due: 2026-12-31, criteria: [x] }"),
    );
    git(&p, "2026-09-01", &["init", "-q"]);
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-11-25"));
    p.write(
        "content/initiatives/rep.md",
        &rep("{ id: fin2, title: Fin for real, due: 2027-06-30, criteria: [x] }"),
    );
    assert_eq!(rule_messages(&p, "unacknowledged-scope-change").len(), 2);
    let over = rule_messages(&p, "overcommitted-team");
    assert!(
        over.len() == 1
            && over[0].contains("2026-Q4")
            && over[0].contains("200")
            && over[0].ends_with("(counting `rep` to 2026-12-31, the end it stands committed to)"),
        "{over:?}"
    );
    p.run(&["build", "--quiet"]).ok();
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    assert_eq!(
        json["facts"]["committed_ends"],
        serde_json::json!({ "rep": "2026-12-31" })
    );
    // A milestone added within the end it had moves nothing.
    p.write(
        "content/initiatives/rep.md",
        &rep("{ id: fin, title: Fin, due: 2026-12-31, criteria: [x] }\n  - { id: mid, title: Mid, due: 2026-12-15, criteria: [x] }"),
    );
    p.run(&["build", "--quiet"]).ok();
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    assert_eq!(json["facts"]["committed_ends"], serde_json::json!({}));
    // Approved, the later milestone is the plan the team is judged by.
    p.write(
        "content/initiatives/rep.md",
        &rep("{ id: fin2, title: Fin for real, due: 2027-06-30, criteria: [x] }"),
    );
    p.write(
        "content/changes/cr.md",
        "---\ntitle: Replan Rep\ndate: 2026-10-10\nstatus: approved\naffects: [rep]\n---\n",
    );
    assert_eq!(
        (
            rule_messages(&p, "unacknowledged-scope-change"),
            rule_messages(&p, "overcommitted-team")
        ),
        (Vec::<String>::new(), Vec::<String>::new())
    );
}

/// Work with no `end:` whose last milestone moved out with no decision and
/// was then done counts to the date it stood committed to, as work whose
/// written end moved does: the quarter it was planned in read 67 % with
/// "plan now" beside the 200 % its snapshot recorded.
#[test]
fn work_done_after_an_unapproved_move_counts_to_the_date_committed() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME)
        .write("content/teams/t.md", "---\ntitle: T\ncapacity: 100\n---\n");
    let ed = |due: &str, done: &str| {
        format!("---\ntitle: Ed\nowner: A\nstatus: active\noutcomes: [o]\nteam: t\neffort: 200\nstart: 2026-07-01\nmilestones:\n  - {{ id: fin, title: Fin, due: {due}{done}, criteria: [x] }}\n---\n")
    };
    p.write("content/initiatives/ed.md", &ed("2026-09-30", ""));
    git(&p, "2026-06-01", &["init", "-q"]);
    tag_quarter(&p, "2026-06-30", "2026-Q2");
    p.write("content/initiatives/ed.md", &ed("2027-03-31", ""));
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-11-25"));
    p.write(
        "content/initiatives/ed.md",
        &ed("2027-03-31", ", done: 2026-11-10"),
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/teams/t.html");
    let row = |quarter: &str| crate::helpers::quarter_row(&page, quarter);
    let q3 = row("2026-Q3");
    assert!(
        q3.contains("200% over")
            && !q3.contains("plan now")
            && q3.contains("to its end committed, 2026-09-30"),
        "{q3}"
    );
}

/// A quarter a snapshot closed keeps the load its own site counted, to the
/// end the work stood committed to: the working tree read it as 100 %
/// "as snapshot 2026-Q3 recorded it" beside the archived quarter's 200 %.
#[test]
fn a_closed_quarter_keeps_the_load_counted_to_the_end_committed() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME)
        .write("content/teams/t.md", "---\ntitle: T\ncapacity: 100\n---\n");
    let x = |end: &str| {
        format!("---\ntitle: X\nowner: A\nstatus: active\noutcomes: [o]\nteam: t\neffort: 200\nstart: 2026-07-01\nend: {end}\nmilestones:\n  - {{ id: m, title: M, due: 2026-09-30, criteria: [x] }}\n---\n")
    };
    p.write("content/initiatives/x.md", &x("2026-09-30"));
    git(&p, "2026-06-01", &["init", "-q"]);
    tag_quarter(&p, "2026-06-30", "2026-Q2");
    p.write("content/initiatives/x.md", &x("2026-12-31"));
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-10-15"));
    p.run(&["build", "--quiet"]).ok();
    let q3 = |page: &str| crate::helpers::quarter_row(page, "2026-Q3");
    let archived = q3(&p.read("site/v/2026-Q3/teams/t.html"));
    let now = q3(&p.read("site/teams/t.html"));
    assert!(archived.contains("200% over"), "{archived}");
    assert!(
        now.contains("as snapshot 2026-Q3 recorded it") && now.contains("200% over"),
        "{now}"
    );
    assert!(!now.contains("plan now"), "{now}");
}

/// Over a span of periods, a milestone earlier at its end than at its
/// start needs no decision either: moved out with an approval, then
/// pulled in before where it began, the span read "approved by cr".
#[test]
fn a_milestone_earlier_over_a_span_is_no_request_s_approval() {
    let p = quarters(
        &[
            ("2026-03-31", "2026-12-31", "2027-06-30"),
            ("2026-06-30", "2027-03-31", "2027-06-30"),
        ],
        ("2026-11-30", "2027-06-30"),
        &[
            (1, "cr", &approved("cr", "2026-04-10", "net/a", "")),
            (2, "later", &approved("later", "2026-08-10", "net/a", "")),
        ],
        "",
    );
    let json: serde_json::Value = serde_json::from_str(
        &p.run(&["diff", "S0", "current", "--format", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    let moved = &json["moved"][0];
    assert_eq!(moved["days"], -31, "{json}");
    assert_eq!(moved["acknowledged_by"], serde_json::Value::Null, "{json}");
    assert_eq!(moved["needs_ack"], false, "{json}");
    let text = p.run(&["diff", "S0", "current"]).ok().stdout;
    assert!(
        text.contains("  moved    net/a: 2026-12-31 → 2026-11-30 (-31 days)\n"),
        "{text}"
    );
    // Each period as before: the move out approved by its request, the
    // pull-in nobody's.
    let first = diff_json(&p, &["S0", "S1"]);
    assert_eq!(first["moved"][0]["acknowledged_by"], "cr", "{first}");
    let second = diff_json(&p, &["S1", "current"]);
    assert_eq!(
        second["moved"][0]["acknowledged_by"],
        serde_json::Value::Null,
        "{second}"
    );
}

/// Effort cut on committed work with no decision: an overcommitted team
/// read fine and the period said "Nothing changed" (from an auditor's
/// trial). The cut is a finding, a row of its period and of `roadbook
/// diff`, and the capacity counts the effort on record until a change
/// request approves it (one stating only money does not); a second cut is
/// measured from the first snapshot's effort, and work moved between teams
/// keeps its total (from a review).
#[test]
fn an_effort_cut_with_no_decision_leaves_the_capacity_on_record() {
    let p = Project::empty();
    let app = |effort: &str| {
        format!("---\ntitle: App\nowner: A\nstatus: active\noutcomes: [o]\nteam: t\neffort: {effort}\nstart: 2026-01-01\nend: 2027-12-31\nmilestones:\n  - {{ id: live, title: Live, due: 2027-12-31, criteria: [x] }}\n---\n")
    };
    for (at, today) in [("snapshots/S1/", "2026-09-30"), ("", "2026-11-25")] {
        p.write(&format!("{at}book.toml"), &book(today))
            .write(&format!("{at}content/outcomes/o.md"), OUTCOME)
            .write(
                &format!("{at}content/teams/t.md"),
                "---\ntitle: T\ncapacity: 100\n---\n",
            )
            .write(
                &format!("{at}content/teams/u.md"),
                "---\ntitle: U\ncapacity: 100\n---\n",
            )
            .write(
                &format!("{at}content/initiatives/app.md"),
                &app("{ t: 900 }"),
            );
    }
    // 900 over 8 quarters: 112.5 a quarter against 100.
    let over = rule_messages(&p, "overcommitted-team");
    assert_eq!(over.len(), 5, "{over:?}");
    p.write("content/initiatives/app.md", &app("{ t: 600 }"));
    assert_eq!(
        rule_messages(&p, "unapproved-effort-cut"),
        ["the effort of initiative `app` is 600 person-days where snapshot S1 set 900 person-days, with no approved change request: the capacity counts 900 for `t` until it is approved"]
    );
    let over = rule_messages(&p, "overcommitted-team");
    assert!(
        over.len() == 5
            && over[0].contains("committed 112.5 person-days")
            && over[0].ends_with("(counting `app` at 900 person-days, the effort on record)"),
        "{over:?}"
    );
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("effort   app: 900 → 600 (cut), unapproved"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    // The versions page counts it, where its moved, later, scope and
    // latent columns all read 0.
    let versions = p.read("site/versions.html");
    assert!(
        versions.contains("<td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\"><span class=\"badge health-red\">1</span></td></tr>"),
        "{versions}"
    );
    let period = p.read("site/history/S1--current.html");
    assert!(
        period.contains("1 effort cut (1 unapproved)")
            && period.contains("<td class=\"num\">900</td><td class=\"num\">600</td><td><span class=\"badge health-red\">cut, unapproved</span>"),
        "{period}"
    );
    let doc = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        doc["history"]["open_effort_cuts"],
        serde_json::json!([{ "id": "app", "after": "S1", "from": 900.0, "to": 600.0, "on_record": [["t", 900.0]] }])
    );
    let committed = |doc: &serde_json::Value, quarter: &str| {
        doc["facts"]["capacity"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["team"] == "t")
            .and_then(|t| {
                t["quarters"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|q| q["quarter"] == quarter)
            })
            .map(|q| q["committed"].as_f64().unwrap())
    };
    assert_eq!(committed(&doc, "2027-Q1"), Some(112.5));
    let team = p.read("site/teams/t.html");
    assert!(
        team.contains("112.5, at the effort on record, 900 in all</small>"),
        "{team}"
    );
    // Moved to team U, or spread over both, the total kept: no cut, and
    // the period says where the work went.
    p.write("content/initiatives/app.md", &app("{ t: 450, u: 450 }"));
    assert!(rule_messages(&p, "unapproved-effort-cut").is_empty());
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("effort   app: 900 → 900 (t 900 → t 450, u 450)\n"),
        "{text}"
    );
    // A budget increase approves no effort.
    p.write("content/initiatives/app.md", &app("{ t: 600 }"));
    p.write(
        "content/changes/money.md",
        "---\ntitle: More money\ndate: 2026-10-10\nstatus: approved\naffects: [app]\nbudget_increase: 5000\ndecided_by: Board\n---\n",
    );
    assert_eq!(rule_messages(&p, "unapproved-effort-cut").len(), 1);
    std::fs::remove_file(p.path().join("content/changes/money.md")).unwrap();
    // A second snapshot with the cut, and a day more cut since: measured
    // from S1's 900, not from S2's 600.
    p.write("snapshots/S2/book.toml", &book("2026-10-31"))
        .write("snapshots/S2/content/outcomes/o.md", OUTCOME)
        .write(
            "snapshots/S2/content/teams/t.md",
            "---\ntitle: T\ncapacity: 100\n---\n",
        )
        .write(
            "snapshots/S2/content/teams/u.md",
            "---\ntitle: U\ncapacity: 100\n---\n",
        )
        .write(
            "snapshots/S2/content/initiatives/app.md",
            &app("{ t: 600 }"),
        );
    p.write("content/initiatives/app.md", &app("{ t: 599 }"));
    assert_eq!(
        rule_messages(&p, "unapproved-effort-cut"),
        ["the effort of initiative `app` is 599 person-days where snapshot S1 set 900 person-days, with no approved change request: the capacity counts 900 for `t` until it is approved"]
    );
    std::fs::remove_dir_all(p.path().join("snapshots/S2")).unwrap();
    // Approved, the plan now is what the team is judged by.
    p.write("content/initiatives/app.md", &app("{ t: 600 }"));
    p.write(
        "content/changes/cut.md",
        "---\ntitle: App re-estimated\ndate: 2026-10-10\nstatus: approved\naffects: [app]\ndecided_by: Board\n---\n",
    );
    assert_eq!(
        (
            rule_messages(&p, "unapproved-effort-cut"),
            rule_messages(&p, "overcommitted-team")
        ),
        (Vec::<String>::new(), Vec::<String>::new())
    );
    p.run(&["build", "--quiet"]).ok();
    let doc = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(committed(&doc, "2027-Q1"), Some(75.0));
    let period = p.read("site/history/S1--current.html");
    assert!(
        period.contains("cut, approved by <a href=\"../changes/cut.html\">"),
        "{period}"
    );
    // An estimate cut before the work was committed cut no team's plan.
    std::fs::remove_file(p.path().join("content/changes/cut.md")).unwrap();
    p.write(
        "snapshots/S1/content/initiatives/app.md",
        &app("{ t: 900 }").replace("status: active", "status: proposed"),
    );
    assert!(rule_messages(&p, "unapproved-effort-cut").is_empty());
}

/// A quarter published, then rewritten: its tag moved onto a later commit
/// of the main line that had the slip of its quarter already made good
/// (`today` left pinned, so it still reads as of its day). Git keeps no
/// history of a tag and no other rule sees it: the site's own record of
/// what it published does, on every build until the tag is put back.
#[test]
fn a_published_quarter_rewritten_or_deleted_is_said_on_every_build() {
    let (p, published, later) = q2_then_a_slip();
    p.write("book.toml", &book("2026-09-30"));
    git(&p, "2026-09-30", &["commit", "-qam", "Q3"]);
    git(&p, "2026-09-30", &["tag", "roadmap/2026-Q3"]);
    p.write("book.toml", &book("2026-11-25"));
    git(&p, "2026-11-25", &["commit", "-qam", "now"]);
    let slips = |p: &Project| rule_messages(p, "unacknowledged-slip").len();
    p.run(&["build"]).ok();
    assert_eq!(slips(&p), 1, "Q2 to Q3 moved the core switches");
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());
    let record = p.read("site/.roadbook-published");
    assert!(
        record.contains(&format!(
            "2026-Q2\t2026-11-25\ttag\troadmap/2026-Q2\t{published}\t2026-06-30\t"
        )),
        "{record}"
    );

    // October: Q2 re-made on July's commit, its slip gone.
    git(
        &p,
        "2026-10-05",
        &["tag", "-f", "-a", "roadmap/2026-Q2", &later, "-m", "Q2"],
    );
    assert_eq!(slips(&p), 0, "the rewrite hides the slip");
    let said = [format!(
        "snapshot 2026-Q2 has changed since this site first published it (read from git tag `roadmap/2026-Q2` on commit {}, as of 2026-06-30, in its build of 2026-11-25), and is now read from git tag `roadmap/2026-Q2` on commit {}: its roadmap reads otherwise; the quarter leadership was shown is not the one its slips are measured from",
        &published[..12],
        &later[..12]
    )];
    assert_eq!(rule_messages(&p, "snapshot-rewritten"), said);
    for rule in ["snapshot-off-history", "snapshot-out-of-order", "snapshot"] {
        assert!(rule_messages(&p, rule).is_empty(), "{rule}");
    }
    // Said by the build, and again by the next: the record keeps the
    // quarter as first published.
    for _ in 0..2 {
        let out = p.run(&["build"]).ok();
        assert!(
            out.stderr.contains("1 snapshot-rewritten"),
            "{}",
            out.stderr
        );
    }
    assert_eq!(p.read("site/.roadbook-published"), record);
    // Where leadership reads the versions, too.
    let alert = r#"<p class="alert"><span class="badge health-red">rewritten</span> snapshot 2026-Q2 has changed"#;
    assert!(p.read("site/versions.html").contains(alert));
    let json = p.run(&["check", "--format", "json"]).stdout;
    assert!(
        json.contains(&format!(
            "GIT_COMMITTER_DATE=\\\"1782820800 +0000\\\" git tag -f -a roadmap/2026-Q2 {published} -m"
        )),
        "the help puts the tag back: {json}"
    );

    // Put back, it is silent and the slip shows again.
    git(
        &p,
        "2026-10-06",
        &["tag", "-f", "-a", "roadmap/2026-Q2", &published, "-m", "Q2"],
    );
    // Tagged again on another day: the quarter stands for the same day
    // (`today` pinned), so it is the quarter published.
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());
    assert_eq!(slips(&p), 1);
    p.run(&["build"]).ok();
    assert!(!p.read("site/versions.html").contains(alert));

    // Renamed, the same quarter under another name: not gone.
    git(
        &p,
        "2026-10-07",
        &["tag", "roadmap/2026-Q2-plan", &published],
    );
    git(&p, "2026-10-07", &["tag", "-d", "roadmap/2026-Q2"]);
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());
    // Deleted: gone from the history.
    git(&p, "2026-10-07", &["tag", "-d", "roadmap/2026-Q2-plan"]);
    assert_eq!(
        rule_messages(&p, "snapshot-rewritten"),
        [format!(
            "snapshot 2026-Q2, which this site first published (read from git tag `roadmap/2026-Q2` on commit {}, as of 2026-06-30, in its build of 2026-11-25), is gone from the history: its tag was deleted or renamed, so the history reads as if that quarter had never been recorded",
            &published[..12]
        )]
    );
    // Allowed, it is silent; the record still holds the quarter.
    p.write(
        "book.toml",
        &format!(
            "{}[lints]\nsnapshot-rewritten = \"allow\"\n",
            book("2026-11-25")
        ),
    );
    p.run(&["build"]).ok();
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());
    assert!(p.read("site/.roadbook-published").contains(&published));
}

/// The link sent to leadership is to the quarter's own pages: while the
/// quarter stands rewritten they say so (its banner, its brief), where they
/// said the quarter does not change; put back, or the rewrite recorded on
/// purpose, they are rendered again without it.
#[test]
fn a_rewritten_quarter_says_so_on_its_own_pages() {
    let (p, published, later) = q2_then_a_slip();
    p.write("book.toml", &book("2026-11-25"));
    git(&p, "2026-11-25", &["commit", "-qam", "now"]);
    p.run(&["build"]).ok();
    let pages = ["site/v/2026-Q2/index.html", "site/v/2026-Q2/brief.html"];
    let banner = "as it stood on 2026-06-30. It does not change.</p>";
    assert!(p.read(pages[0]).contains(banner));
    let said = |page: &str| {
        let text = p.read(page);
        text.contains("rewritten</span>") || text.contains("<strong>Rewritten.</strong>")
    };
    assert!(!pages.iter().any(|page| said(page)));

    git(
        &p,
        "2026-10-05",
        &["tag", "-f", "-a", "roadmap/2026-Q2", &later, "-m", "Q2"],
    );
    p.run(&["build"]).ok();
    let index = p.read(pages[0]);
    let change = format!(
        "Changed since this site first published it, in its build of 2026-11-25: its roadmap reads otherwise (first read from commit {}, now from commit {})",
        &published[..12],
        &later[..12]
    );
    assert!(
        index.contains(&format!(
            r#"<p class="alert"><span class="badge health-red">rewritten</span> {change}. These pages show the quarter as it reads now, not as it was published.</p>"#
        )),
        "{index}"
    );
    assert!(!index.contains("It does not change."));
    let brief = p.read(pages[1]);
    assert!(
        brief.contains(&format!(
            r#"<p class="note rewritten"><strong>Rewritten.</strong> {change}. This brief shows the quarter as it reads now, not as it was published.</p>"#
        )),
        "{brief}"
    );

    // Rewritten on purpose: approved in book.toml as the finding says, in
    // the repository (CI cannot edit the record). No finding; its pages
    // are rendered again (their content the same as the build before)
    // and say the change was approved, as the versions page does: an
    // approval leaves the change in sight. The record keeps the quarter
    // as first published.
    let record = p.read("site/.roadbook-published");
    let said_before = rule_messages(&p, "snapshot-rewritten")[0].clone();
    let json = p.run(&["check", "--format", "json"]).stdout;
    let approval = format!(
        "approved-rewrites = [\\\"2026-Q2@{} CHANGE\\\"]",
        &later[..12]
    );
    assert!(json.contains(&approval), "{json}");
    let approve = |reading: &str| {
        p.write(
            "book.toml",
            &format!(
                "{}[snapshots]\napproved-rewrites = [\"2026-Q2@{reading} cr-fix\"]\n",
                book("2026-11-25")
            ),
        );
    };
    // The line names the request that approved it: one that approved
    // nothing approves nothing, and is said.
    approve(&later[..12]);
    let mut said = rule_messages(&p, "snapshot-rewritten");
    said.sort();
    assert_eq!(
        said,
        [
            "`approved-rewrites` approves `2026-Q2@".to_string()
                + &later[..12]
                + " cr-fix` by change request `cr-fix`, which is no approved change request: it approves nothing",
            said_before
        ]
    );
    p.write(
        "content/changes/cr-fix.md",
        &approved("cr-fix", "2026-10-10", "net", ""),
    );
    let out = p.run(&["build"]).ok();
    assert!(!out.stderr.contains("snapshot-rewritten"), "{}", out.stderr);
    let index = p.read(pages[0]);
    assert!(
        index.contains(&format!(
            "{change}; the change was approved in change request cr-fix. These pages show the quarter as it reads now"
        )),
        "{index}"
    );
    let versions = p.read("site/versions.html");
    assert!(
        versions.contains(&format!(
            r#"<p class="note"><span class="badge health-amber">approved change</span> 2026-Q2: {change}; the change was approved in change request cr-fix.</p>"#
        )) && !versions.contains(r#"<p class="alert">"#),
        "{versions}"
    );
    assert_eq!(p.read("site/.roadbook-published"), record);
    // Another commit, or a reading too short to name one, approves nothing.
    approve(&published[..12]);
    assert_eq!(rule_messages(&p, "snapshot-rewritten").len(), 1);
    approve(&later[..4]);
    let out = p.run(&["check"]);
    assert!(
        out.stderr
            .contains("`approved-rewrites` names a snapshot, how it reads now and the change request that approved it, found `2026-Q2@"),
        "{}",
        out.stderr
    );
    approve(&later[..12]);

    // Moved on again: that reading was approved, not this one.
    git(
        &p,
        "2026-10-06",
        &["tag", "-f", "-a", "roadmap/2026-Q2", &published, "-m", "Q2"],
    );
    p.run(&["build"]).ok();
    assert!(p.read(pages[0]).contains(banner), "back as published");
    git(
        &p,
        "2026-11-25",
        &["commit", "--allow-empty", "-qm", "later"],
    );
    let latest = commit_of(&p, "HEAD");
    git(
        &p,
        "2026-11-25",
        &["tag", "-f", "-a", "roadmap/2026-Q2", &latest, "-m", "Q2"],
    );
    p.run(&["build"]).ok();
    assert!(p.read(pages[0]).contains("rewritten</span> Changed since"));
}

/// A quarter published and then left out (in `[snapshots] ignore` with its
/// rule allowed, or its tag moved off every branch), or a quarter put in
/// before one published: each is said, whatever other rule was allowed,
/// until approved in book.toml; the quarters after it say on their pages
/// that they are judged against a history changed since.
#[test]
fn a_published_quarter_left_out_or_one_put_in_before_it_is_said() {
    let (p, _, later) = q2_then_a_slip();
    p.write("book.toml", &book("2026-09-30"));
    git(&p, "2026-09-30", &["commit", "-qam", "Q3"]);
    git(
        &p,
        "2026-09-30",
        &["tag", "-a", "roadmap/2026-Q3", "-m", "Q3"],
    );
    let now = |extra: &str| {
        p.write("book.toml", &format!("{}{extra}", book("2026-11-25")));
    };
    now("");
    git(&p, "2026-11-25", &["commit", "-qam", "now"]);
    p.run(&["build"]).ok();
    let slips = |p: &Project| rule_messages(p, "unacknowledged-slip").len();
    assert_eq!(slips(&p), 1);
    let q3 = "site/v/2026-Q3/index.html";
    assert!(p.read(q3).contains("It does not change."));

    // Q2 left out, its rule allowed: said all the same.
    now("[snapshots]\nignore = [\"roadmap/2026-Q2\"]\n[lints]\nsnapshot-ignored = \"allow\"\n");
    assert_eq!(slips(&p), 0, "the history starts at Q3");
    let said = rule_messages(&p, "snapshot-rewritten");
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with("snapshot 2026-Q2, which this site first published")
            && said[0].contains("is gone from the history: it is there but left out of the history (in `[snapshots] ignore`"),
        "{}",
        said[0]
    );
    // Q3's pages, judged against a history without Q2, say so.
    p.run(&["build"]).ok();
    let page = p.read(q3);
    assert!(
        page.contains("It is judged against the quarters before it as they read now, and one changed since this site published it: 2026-Q2 (gone). These pages show the quarter as it reads now")
            && !page.contains("It does not change."),
        "{page}"
    );
    // Its dashboard's alert reads as a sentence of its own, and links the
    // site's versions page (found by a trial: "The roadmap Changed since
    // …", and a link to `v/2026-Q3/versions.html`, which is no page).
    assert!(
        page.contains(r#"history changed</span> It is judged against the quarters before it"#)
            && page.contains(r#"<a href="../../versions.html">versions</a>"#)
            && !page.contains(r#"href="versions.html""#),
        "{page}"
    );
    // So do the working tree's dashboard and brief, judged against them
    // all (found by a trial: a quarter deleted cleared slips from the
    // brief, said in small print).
    for page in ["site/index.html", "site/brief.html"] {
        let text = p.read(page);
        assert!(
            text.contains("The roadmap is now judged against the quarters before it as they read now, and one changed since this site published it: 2026-Q2 (gone). What stood unapproved against the quarter as published may read otherwise here"),
            "{page}: {text}"
        );
    }
    // Approved in book.toml: silent, and Q3's pages no longer say it.
    now("[snapshots]\nignore = [\"roadmap/2026-Q2\"]\napproved-rewrites = [\"2026-Q2@deleted cr-drop\"]\n[lints]\nsnapshot-ignored = \"allow\"\n");
    p.write(
        "content/changes/cr-drop.md",
        &approved("cr-drop", "2026-11-20", "net", ""),
    );
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());
    p.run(&["build"]).ok();
    assert!(p.read(q3).contains("It does not change."));
    let versions = p.read("site/versions.html");
    assert!(
        versions.contains("approved change</span> 2026-Q2: Taken out of the history since this site first published it (read from git tag roadmap/2026-Q2 on commit")
            && versions.contains("the deletion was approved in change request cr-drop."),
        "{versions}"
    );

    // A quarter put in before Q3, on July's commit (the slip made already):
    // the Q2 → Q3 slip would read as no slip.
    now("");
    git(&p, "2026-11-26", &["tag", "roadmap/2026-Q2-late", &later]);
    let said = rule_messages(&p, "snapshot-rewritten");
    assert_eq!(
        said,
        [format!(
            "snapshot 2026-Q2-late (as of 2026-06-30, read from git tag `roadmap/2026-Q2-late` on commit {}) was added to the history after this site published snapshot 2026-Q3 (as of 2026-09-30): a quarter put in before one already published changes how that one and every later one are judged, the slips measured from it",
            &later[..12]
        )]
    );
    p.run(&["build"]).ok();
    assert!(p.read(q3).contains("2026-Q2-late (added since)"));
    git(&p, "2026-11-26", &["tag", "-d", "roadmap/2026-Q2-late"]);

    // Q3's tag moved onto a commit no branch reaches, the rule that says
    // so allowed: the published quarter is gone from the history, said.
    git(&p, "2026-11-26", &["checkout", "-q", "--detach"]);
    git(
        &p,
        "2026-11-26",
        &["commit", "-q", "--allow-empty", "-m", "off"],
    );
    git(
        &p,
        "2026-11-26",
        &["tag", "-f", "-a", "roadmap/2026-Q3", "-m", "Q3"],
    );
    git(&p, "2026-11-26", &["checkout", "-q", "main"]);
    now("[lints]\nsnapshot-off-history = \"allow\"\n");
    let said = rule_messages(&p, "snapshot-rewritten");
    assert!(
        said.iter().any(|m| m.starts_with("snapshot 2026-Q3")),
        "{said:?}"
    );
}

/// Found by a trial: a quarter's tag made by hand on the quarter before's
/// commit was read as that quarter with nothing said; moved onto the
/// right commit once published, the finding on the move told the user to
/// put it back on the wrong one.
#[test]
fn a_quarter_tagged_on_the_quarter_befores_commit_is_said() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2027-03-01", &["init", "-q", "-b", "main"]);
    p.write("book.toml", &book("2027-03-31"));
    initiatives(&p, "2027-05-31", "2027-09-30", "x", false);
    git(&p, "2027-03-31", &["add", "-A"]);
    git(&p, "2027-03-31", &["commit", "-qm", "Q1"]);
    git(
        &p,
        "2027-03-31",
        &["tag", "-a", "roadmap/2027-Q1", "-m", "Q1"],
    );
    let q1 = commit_of(&p, "HEAD");
    p.write("book.toml", &book("2027-06-30"));
    initiatives(&p, "2027-07-31", "2027-09-30", "x", false);
    git(&p, "2027-06-30", &["commit", "-qam", "Q2"]);
    let q2 = commit_of(&p, "HEAD");
    // By hand, on the wrong commit.
    git(&p, "2027-06-30", &["tag", "roadmap/2027-Q2", &q1]);
    p.write("book.toml", &book("2027-07-10"));
    let said = rule_messages(&p, "snapshot-misdated");
    assert_eq!(
        said,
        [format!(
            "snapshot 2027-Q2 is dated 2027-03-31, before 2027-Q2 began (2027-04-01): read from git tag `roadmap/2027-Q2` on commit {}, it records the roadmap of an earlier day as that quarter's, and every slip, cut and restatement since is measured from it",
            &q1[..12]
        )]
    );
    p.run(&["build", "--quiet"]).ok();
    // Put on the right commit after it was published: the move is the
    // fix, and the help says to approve it, not to undo it.
    git(
        &p,
        "2027-07-10",
        &["tag", "-f", "-a", "roadmap/2027-Q2", &q2, "-m", "Q2"],
    );
    assert!(rule_messages(&p, "snapshot-misdated").is_empty());
    let out = p.run(&["check", "--format", "json"]).stdout;
    let rewritten: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["rule"] == "snapshot-rewritten")
        .collect();
    assert_eq!(rewritten.len(), 1, "{out}");
    let help = rewritten[0]["help"].as_str().unwrap();
    assert!(
        help.starts_with("the quarter as published was dated 2027-03-31, before 2027-Q2 began (2027-04-01): its tag was on the wrong commit, and the move is the fix; record why in an approved change request")
            && help.contains(&format!("approved-rewrites = [\"2027-Q2@{} CHANGE\"]", &q2[..12]))
            && !help.contains("git tag -f"),
        "{help}"
    );
}

/// The address of a quarter sent to leadership stays an answer once the
/// quarter is gone: its front page and its brief say what it was, why it
/// went, who approved that, or the name it is archived under now.
#[test]
fn a_gone_quarters_address_says_where_it_went() {
    let (p, published, _) = q2_then_a_slip();
    p.write("book.toml", &book("2026-11-25"));
    git(&p, "2026-11-25", &["commit", "-qam", "now"]);
    p.run(&["build"]).ok();
    let (front, brief) = ("site/v/2026-Q2/index.html", "site/v/2026-Q2/brief.html");
    assert!(p
        .read(front)
        .contains("You are reading the archived roadmap"));

    git(&p, "2026-11-26", &["tag", "-d", "roadmap/2026-Q2"]);
    p.run(&["build"]).ok();
    for page in [front, brief] {
        let text = p.read(page);
        assert!(
            text.contains("<h1>Snapshot 2026-Q2 is no longer in this site</h1>")
                && text.contains(&format!(
                    "gone</span> This address held snapshot 2026-Q2, as this site first published it (read from git tag roadmap/2026-Q2 on commit {}, as of 2026-06-30, in its build of 2026-11-25); its tag was deleted or renamed since. No approved change request records why",
                    &published[..12]
                ))
                && text.contains(r#"<a href="../../versions.html">Every version this site archives</a>"#),
            "{page}: {text}"
        );
    }

    // Its deletion approved: the request is named, and linked.
    p.write(
        "book.toml",
        &format!(
            "{}[snapshots]\napproved-rewrites = [\"2026-Q2@deleted cr-drop\"]\n",
            book("2026-11-25")
        ),
    );
    p.write(
        "content/changes/cr-drop.md",
        &approved("cr-drop", "2026-11-20", "net", ""),
    );
    p.run(&["build"]).ok();
    let text = p.read(front);
    assert!(
        text.contains("taken out</span>")
            && text.contains(r#"The deletion was approved in change request <a href="../../changes/cr-drop.html">cr-drop</a>."#)
            && !text.contains("No approved change request"),
        "{text}"
    );

    // Tagged again under another name: the same quarter, renamed; each
    // address leads to the same page of its new one.
    git(
        &p,
        "2026-11-26",
        &["tag", "-a", "roadmap/2026-Q2b", "-m", "Q2", &published],
    );
    // Every build, not the first alone (found by a review: the record
    // followed the rename and forgot the old name).
    p.run(&["build"]).ok();
    p.run(&["build"]).ok();
    assert!(p.read(front).contains(r#"renamed</span>"#));
    assert!(p.read(front).contains(
        r#"archived now as <a href="../../v/2026-Q2b/index.html">snapshot 2026-Q2b</a>"#
    ));
    assert!(p
        .read(brief)
        .contains(r#"<a href="../../v/2026-Q2b/brief.html">snapshot 2026-Q2b</a>"#));

    // Put back: the quarter itself again.
    git(&p, "2026-11-26", &["tag", "-d", "roadmap/2026-Q2b"]);
    git(
        &p,
        "2026-11-26",
        &["tag", "-a", "roadmap/2026-Q2", "-m", "Q2", &published],
    );
    p.run(&["build"]).ok();
    assert!(p
        .read(front)
        .contains("You are reading the archived roadmap"));
}

/// A snapshot folder can be edited by anyone: edited after the site
/// published it, it is said; a build into another folder, with no record,
/// has nothing to hold it to.
#[test]
fn a_published_snapshot_folder_edited_is_said() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    p.write("book.toml", &book("2026-11-25"));
    initiatives(&p, "2026-12-15", "2027-01-31", "x", false);
    p.write("snapshots/2026-Q3/book.toml", &book("2026-09-30"));
    p.write("snapshots/2026-Q3/content/outcomes/o.md", OUTCOME);
    p.write(
        "snapshots/2026-Q3/content/initiatives/net.md",
        "---\ntitle: Network\nowner: N\noutcomes: [o]\nmilestones:\n  - id: core\n    title: Core switches\n    due: 2026-09-30\n    criteria: [x]\n---\n",
    );
    p.run(&["build"]).ok();
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());
    p.write(
        "snapshots/2026-Q3/content/initiatives/net.md",
        "---\ntitle: Network\nowner: N\noutcomes: [o]\nmilestones:\n  - id: core\n    title: Core switches\n    due: 2026-12-15\n    criteria: [x]\n---\n",
    );
    assert_eq!(
        rule_messages(&p, "snapshot-rewritten"),
        ["snapshot 2026-Q3 has changed since this site first published it (read from folder snapshots/2026-Q3/, as of 2026-09-30, in its build of 2026-11-25): its roadmap reads otherwise; the quarter leadership was shown is not the one its slips are measured from"]
    );
    let out = p.run(&["build", "-d", "elsewhere"]).ok();
    assert!(!out.stderr.contains("snapshot-rewritten"), "{}", out.stderr);
    // Nothing to hold it to there, and that is said.
    assert!(
        out.stderr.contains(
            "note: started elsewhere/.roadbook-published: the record of the snapshots as published, with the 1 archived version as it reads now"
        ),
        "{}",
        out.stderr
    );
    // `check -d` holds the snapshots to that folder's record: put back as
    // `site` published it, the folder differs from what `elsewhere` did.
    p.write(
        "snapshots/2026-Q3/content/initiatives/net.md",
        "---\ntitle: Network\nowner: N\noutcomes: [o]\nmilestones:\n  - id: core\n    title: Core switches\n    due: 2026-09-30\n    criteria: [x]\n---\n",
    );
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());
    let typo = p.run(&["check", "-d", "elsewher"]).ok();
    assert!(
        typo.stderr
            .contains("note: no build folder at elsewher, so no record"),
        "{}",
        typo.stderr
    );
    let elsewhere = p
        .run(&["check", "-d", "elsewhere", "--format", "json"])
        .ok();
    assert!(
        elsewhere.stdout.contains("\"rule\":\"snapshot-rewritten\""),
        "{}",
        elsewhere.stdout
    );
}

/// Found by a review of the record: a tag without `today` in its book.toml
/// stands for the day it was tagged, so made again today it is another
/// quarter; the command the finding gives dates it back. A tag pattern
/// changed drops the quarters it no longer matches; a clone of no tags
/// judges none gone.
#[test]
fn a_published_tag_re_dated_is_said_and_put_back_as_the_finding_says() {
    let p = repo();
    let q2 = commit_of(&p, "roadmap/2026-Q2^{commit}");
    p.run(&["build"]).ok();
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());
    // Re-made on its own commit in October, with no `today` to hold it.
    git(
        &p,
        "2026-10-05",
        &["tag", "-f", "-a", "roadmap/2026-Q2", &q2, "-m", "Q2"],
    );
    let said = rule_messages(&p, "snapshot-rewritten");
    assert!(
        said.len() == 1 && said[0].contains("it stands for 2026-10-05, not 2026-06-30"),
        "{said:?}"
    );
    // As the help says: dated as it was (the test's git sets the date the
    // way GIT_COMMITTER_DATE does).
    git(
        &p,
        "2026-06-30",
        &[
            "tag",
            "-f",
            "-a",
            "roadmap/2026-Q2",
            &q2,
            "-m",
            "Roadmap snapshot 2026-Q2",
        ],
    );
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());

    // The tag pattern changed: both quarters leave the history.
    let config = p.read("book.toml");
    p.write(
        "book.toml",
        &format!("{config}[snapshots]\ntags = \"quarter/*\"\n"),
    );
    let gone = rule_messages(&p, "snapshot-rewritten");
    assert!(
        gone.len() == 2
            && gone
                .iter()
                .all(|m| m.contains("its tag no longer matches `[snapshots] tags`")),
        "{gone:?}"
    );
    p.write("book.toml", &config);

    // A clone that fetched no tags: `missing-history` says it, once.
    let clone = Project::empty();
    let from = p.path().display().to_string();
    let to = clone.path().display().to_string();
    git(
        &clone,
        "2026-11-25",
        &["clone", "-q", "--no-tags", &from, &to],
    );
    clone.write(
        "site/.roadbook-published",
        &p.read("site/.roadbook-published"),
    );
    assert!(!rule_messages(&clone, "missing-history").is_empty());
    assert!(rule_messages(&clone, "snapshot-rewritten").is_empty());
}

/// A snapshot folder not committed yet is a draft: fixing it before the
/// commit is no rewrite. Committed, it is recorded with the commit, which
/// the finding then puts back.
#[test]
fn a_snapshot_folder_is_published_once_committed() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    p.write("book.toml", &book("2026-11-25"));
    initiatives(&p, "2026-12-15", "2027-01-31", "x", false);
    git(&p, "2026-11-25", &["init", "-q"]);
    git(&p, "2026-11-25", &["add", "-A"]);
    git(&p, "2026-11-25", &["commit", "-qm", "now"]);
    let net = |due: &str| {
        format!("---\ntitle: Network\nowner: N\noutcomes: [o]\nmilestones:\n  - id: core\n    title: Core switches\n    due: {due}\n    criteria: [x]\n---\n")
    };
    p.write("snapshots/2026-Q3/book.toml", &book("2026-09-30"));
    p.write("snapshots/2026-Q3/content/outcomes/o.md", OUTCOME);
    p.write(
        "snapshots/2026-Q3/content/initiatives/net.md",
        &net("2026-09-03"),
    );
    p.run(&["build"]).ok();
    assert!(
        !p.path().join("site/.roadbook-published").exists(),
        "a draft"
    );
    p.write(
        "snapshots/2026-Q3/content/initiatives/net.md",
        &net("2026-09-30"),
    );
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());
    git(&p, "2026-11-26", &["add", "-A"]);
    git(&p, "2026-11-26", &["commit", "-qm", "Q3 kept"]);
    let head = commit_of(&p, "HEAD");
    p.run(&["build"]).ok();
    assert!(
        p.read("site/.roadbook-published")
            .contains(&format!("folder\tsnapshots/2026-Q3\t{head}\t2026-09-30\t")),
        "{}",
        p.read("site/.roadbook-published")
    );
    p.write(
        "snapshots/2026-Q3/content/initiatives/net.md",
        &net("2026-12-15"),
    );
    let json = p.run(&["check", "--format", "json"]).stdout;
    assert!(
        json.contains(&format!(
            "rm -r snapshots/2026-Q3 && git checkout {head} -- snapshots/2026-Q3"
        )),
        "{json}"
    );
    git(
        &p,
        "2026-11-27",
        &["checkout", &head, "--", "snapshots/2026-Q3"],
    );
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());
}

/// Found by a user's trial: two snapshots of one day read in the order
/// their tags were made, so the one made second, made again before the
/// first, reads as the older and a move approved between them as made the
/// other way. The command the finding gives makes it at the moment it was.
/// And a quarter renamed keeps its first publication under its new name:
/// deleted later, it is said once, by the name it has.
#[test]
fn two_snapshots_of_a_day_keep_their_order_and_a_rename_its_record() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    p.write("book.toml", "[book]\ntitle = \"History\"\n");
    initiatives(&p, "2026-12-15", "2027-01-31", "x", false);
    git(&p, "2026-12-31", &["add", "-A"]);
    git_at(&p, "2026-12-31T09:00:00Z", &["commit", "-qm", "plan"]);
    git_at(
        &p,
        "2026-12-31T09:00:00Z",
        &["tag", "-a", "roadmap/2026-Q4-plan", "-m", "plan"],
    );
    let plan = commit_of(&p, "HEAD");
    initiatives(&p, "2027-03-15", "2027-01-31", "x", false);
    git_at(&p, "2026-12-31T15:00:00Z", &["commit", "-qam", "steering"]);
    git_at(
        &p,
        "2026-12-31T15:00:00Z",
        &["tag", "-a", "roadmap/2026-Q4-steering", "-m", "steering"],
    );
    let steering = commit_of(&p, "HEAD");
    p.write("book.toml", &book("2027-01-15"));
    git(&p, "2027-01-15", &["commit", "-qam", "now"]);
    p.run(&["build"]).ok();
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());
    // Made again the same day, before the plan.
    git_at(
        &p,
        "2026-12-31T08:00:00Z",
        &[
            "tag",
            "-f",
            "-a",
            "roadmap/2026-Q4-steering",
            &steering,
            "-m",
            "steering",
        ],
    );
    let said = rule_messages(&p, "snapshot-rewritten");
    assert_eq!(
        said,
        [format!("snapshot 2026-Q4-steering has changed since this site first published it (read from git tag `roadmap/2026-Q4-steering` on commit {}, as of 2026-12-31, in its build of 2027-01-15): its tag was made again (2026-12-31T08:00:00Z, first 2026-12-31T15:00:00Z), and of two snapshots of one day the one made first reads as the older; the quarter leadership was shown is not the one its slips are measured from", &steering[..12])]
    );
    git_at(
        &p,
        "2026-12-31T15:00:00Z",
        &[
            "tag",
            "-f",
            "-a",
            "roadmap/2026-Q4-steering",
            &steering,
            "-m",
            "steering",
        ],
    );
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());

    // Renamed, then built: the record follows the name, and keeps the old
    // one's line, marked, for the page at its address.
    git(&p, "2027-01-16", &["tag", "roadmap/2026-Q4-first", &plan]);
    git(&p, "2027-01-16", &["tag", "-d", "roadmap/2026-Q4-plan"]);
    p.run(&["build"]).ok();
    let record = p.read("site/.roadbook-published");
    assert!(
        record.contains(&format!(
            "2026-Q4-first\t2027-01-15\ttag\troadmap/2026-Q4-first\t{plan}\t"
        )) && record.contains("\t2026-Q4-first\n")
            && record.lines().any(|l| l.starts_with("2026-Q4-plan\t")),
        "{record}"
    );
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());
    p.run(&["build"]).ok();
    assert!(p.read("site/v/2026-Q4-plan/index.html").contains(
        r#"archived now as <a href="../../v/2026-Q4-first/index.html">snapshot 2026-Q4-first</a>"#
    ));
    // Deleted under its new name: said once, under that name.
    git(&p, "2027-01-16", &["tag", "-d", "roadmap/2026-Q4-first"]);
    let gone = rule_messages(&p, "snapshot-rewritten");
    assert!(
        gone.len() == 1 && gone[0].starts_with("snapshot 2026-Q4-first, which"),
        "{gone:?}"
    );
}

/// Found by a review: a snapshot folder without `today` reads as of the
/// working tree's day, which moves on with the clock; that is no rewrite.
#[test]
fn a_published_folder_without_a_day_of_its_own_is_not_rewritten_by_the_clock() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    p.write("book.toml", &book("2026-11-25"));
    initiatives(&p, "2026-12-15", "2027-01-31", "x", false);
    p.write(
        "snapshots/2026-Q3/book.toml",
        "[book]\ntitle = \"History\"\n",
    );
    p.write("snapshots/2026-Q3/content/outcomes/o.md", OUTCOME);
    p.run(&["build"]).ok();
    assert!(p
        .read("site/.roadbook-published")
        .contains("2026-Q3\t2026-11-25\tfolder\tsnapshots/2026-Q3\t-\t-\t"));
    p.write("book.toml", &book("2026-11-26"));
    assert!(rule_messages(&p, "snapshot-rewritten").is_empty());
}

#[test]
fn an_end_moved_on_work_cancelled_or_done_by_its_committed_end_asks_no_decision() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME)
        .write("content/teams/t.md", "---\ntitle: T\ncapacity: 100\n---\n");
    let work = |id: &str, status: &str, end: &str, due: &str, done: &str| {
        let team = if id == "early" {
            "team: t\neffort: 240\nstart: 2026-10-01\n"
        } else {
            ""
        };
        format!("---\ntitle: {id}\nowner: A\nstatus: {status}\noutcomes: [o]\n{team}end: {end}\nmilestones:\n  - {{ id: m, title: M, due: {due}, owner: A, criteria: [x]{done} }}\n---\n")
    };
    p.write(
        "content/initiatives/early.md",
        &work("early", "active", "2026-11-15", "2026-11-15", ""),
    );
    for id in ["late", "dropped", "still", "part"] {
        p.write(
            &format!("content/initiatives/{id}.md"),
            &work(id, "active", "2026-10-31", "2026-10-31", ""),
        );
    }
    git(&p, "2026-09-01", &["init", "-q"]);
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-11-25"));
    // Done by the end it moved from: the later end hid nothing.
    p.write(
        "content/initiatives/early.md",
        &work(
            "early",
            "done",
            "2027-03-31",
            "2026-11-15",
            ", done: 2026-11-10",
        ),
    );
    // Done after it: the later end made late work read as on time.
    p.write(
        "content/initiatives/late.md",
        &work(
            "late",
            "done",
            "2026-12-31",
            "2026-10-31",
            ", done: 2026-11-20",
        ),
    );
    // Done within the days a request approved of the move.
    p.write(
        "content/initiatives/part.md",
        &work(
            "part",
            "done",
            "2026-12-31",
            "2026-10-31",
            ", done: 2026-11-20",
        ),
    )
    .write(
        "content/changes/part-later.md",
        &approved("part-later", "2026-10-05", "part", "delay_days: 30\n"),
    );
    p.write(
        "content/initiatives/dropped.md",
        &work("dropped", "cancelled", "2027-03-31", "2026-10-31", ""),
    );
    p.write(
        "content/initiatives/still.md",
        &work("still", "active", "2026-12-31", "2026-10-31", ""),
    );
    let ends = rule_messages(&p, "unacknowledged-end-move");
    assert_eq!(
        ends,
        [
            "initiative `late` ends 2026-12-31 instead of 2026-10-31 (+61 days) after snapshot 2026-Q3, with no approved change request",
            "initiative `still` ends 2026-12-31 instead of 2026-10-31 (+61 days) after snapshot 2026-Q3, with no approved change request",
        ],
        "{ends:?}"
    );
    // The brief counts what the check says.
    p.run(&["build"]).ok();
    assert!(p
        .read("site/brief.html")
        .contains("2 initiatives ending later unapproved"));
    // Still a later end nobody approved for the capacity: `early`'s effort
    // is spread to the end committed (2026-Q4 alone), not to the later one
    // (half of it in 2027-Q1, a quarter after it was done).
    let row = crate::helpers::quarter_row(&p.read("site/teams/t.html"), "2026-Q4");
    assert!(row.contains("<td class=\"num\">240"), "{row}");
}

/// From a trial: an outcome about to be missed was deleted and its work
/// relinked to an outcome due later. The brief said nothing; the work
/// read as on time. Now the deletion is `removed-outcome`, naming where
/// the work went; retiring the outcome with an approved request settles
/// it, and a retirement with none is `unapproved-outcome-retirement`.
#[test]
fn an_outcome_deleted_or_retired_is_a_decision_to_record() {
    let p = Project::empty();
    git(&p, "2026-06-01", &["init", "-q"]);
    let outcome = |title: &str, horizon: &str, extra: &str| {
        format!("---\ntitle: {title}\nowner: A\nhorizon: {horizon}\n{extra}---\n")
    };
    let ledger = |outcome: &str| {
        format!("---\ntitle: Ledger\nowner: B\noutcomes: [{outcome}]\nmilestones:\n  - id: live\n    title: Live\n    due: 2027-Q2\n    criteria: [x]\n---\n")
    };
    p.write(
        "content/outcomes/close.md",
        &outcome("Close faster", "2027-Q1", ""),
    );
    p.write(
        "content/outcomes/later.md",
        &outcome("Later", "2027-Q4", ""),
    );
    p.write("content/initiatives/other.md", "---\ntitle: Other\nowner: C\noutcomes: [later]\nmilestones:\n  - id: done\n    title: Done\n    due: 2027-Q3\n    criteria: [x]\n---\n");
    p.write("content/initiatives/ledger.md", &ledger("close"));
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-11-25"));
    // Planned past its horizon: said, as the snapshot said it.
    assert_eq!(rule_messages(&p, "outcome-horizon-missed").len(), 1);

    // The trick: the outcome deleted, its work moved to one due later.
    std::fs::remove_file(p.path().join("content/outcomes/close.md")).unwrap();
    p.write("content/initiatives/ledger.md", &ledger("later"));
    assert_eq!(
        rule_messages(&p, "outcome-horizon-missed"),
        Vec::<String>::new()
    );
    assert_eq!(
        rule_messages(&p, "removed-outcome"),
        ["outcome `close` (“Close faster”, due by 2027-Q1) was pursued in snapshot 2026-Q3 and its file is gone; the work that served it now serves `later`: deleting it took it and its horizon off every page, with no decision on record"]
    );
    p.run(&["build", "--quiet"]).ok();
    let brief = p.read("site/brief.html");
    assert!(brief.contains("1 outcome deleted"), "{brief}");
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        json["history"]["removed_outcomes"],
        serde_json::json!([{ "id": "close", "title": "Close faster", "rel": "outcomes/close.md", "after": "2026-Q3", "horizon": "2027-Q1", "work_now_serves": ["later"] }])
    );

    // The outcome kept, its work moved to one due later: asked about too.
    p.write(
        "content/outcomes/close.md",
        &outcome("Close faster", "2027-Q1", ""),
    );
    assert_eq!(rule_messages(&p, "removed-outcome"), Vec::<String>::new());
    assert_eq!(
        rule_messages(&p, "unapproved-outcome-unlink"),
        ["initiative `ledger` no longer serves outcome `close`, due by 2027-Q1, with no approved change request; snapshot 2026-Q3 had it serving it (it serves `later` now): the outcome's horizon no longer judges its work"]
    );
    // What the period shows of the move: `roadbook diff`, the period page
    // and `roadmap.json` name the outcomes before and after.
    let text = p.run(&["diff", "2026-Q3"]).ok().stdout;
    assert!(
        text.contains("  serves   ledger: close → later, unapproved\n"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        json["history"]["diffs"][0]["serves"],
        serde_json::json!([{ "id": "ledger", "from": "close", "to": "later" }])
    );
    let period = p.read("site/history/2026-Q3--current.html");
    assert!(
        period.contains("</a></td><td>outcomes served</td><td>close</td><td>later <span class=\"badge health-red\">unapproved</span></td>"),
        "{period}"
    );
    p.write(
        "content/changes/move.md",
        &approved("move", "2026-10-20", "ledger", ""),
    );
    assert_eq!(
        rule_messages(&p, "unapproved-outcome-unlink"),
        Vec::<String>::new()
    );
    // The period row names the request, and the request's page the move.
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/2026-Q3--current.html");
    assert!(
        period.contains(
            "<td>outcomes served</td><td>close</td><td>later <small>approved by <a href="
        ),
        "{period}"
    );
    let request = p.read("site/changes/move.html");
    assert!(
        request.contains("outcomes served close → later"),
        "{request}"
    );
    std::fs::remove_file(p.path().join("content/changes/move.md")).unwrap();
    // Retired instead, with no decision on record: asked about.
    p.write(
        "content/outcomes/close.md",
        &outcome("Close faster", "2027-Q1", "retired: 2026-11\n"),
    );
    assert_eq!(rule_messages(&p, "removed-outcome"), Vec::<String>::new());
    assert_eq!(
        rule_messages(&p, "unapproved-outcome-retirement"),
        ["outcome `close` is retired from 2026-11 with no approved change request; snapshot 2026-Q3 pursued it, due by 2027-Q1, with 1 live initiative serving it"]
    );
    // The period says so, as it says a KPI retired.
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  retired  outcome close from 2026-11, unapproved\n"),
        "{text}"
    );
    // A request decided before the snapshot does not cover it; one since
    // does. Retired, it asks for no work, KPI or horizon.
    p.write(
        "content/changes/drop.md",
        &approved("drop", "2026-09-01", "close", ""),
    );
    assert_eq!(rule_messages(&p, "unapproved-outcome-retirement").len(), 1);
    p.write(
        "content/changes/drop.md",
        &approved("drop", "2026-10-15", "close", ""),
    );
    for rule in [
        "unapproved-outcome-retirement",
        "unserved-outcome",
        "outcome-without-kpi",
        "removed-outcome",
    ] {
        let found: Vec<String> = rule_messages(&p, rule)
            .into_iter()
            .filter(|m| m.contains("`close`"))
            .collect();
        assert_eq!(found, Vec::<String>::new(), "{rule}");
    }
    p.run(&["build", "--quiet"]).ok();
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    let close = json["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "close")
        .unwrap();
    assert_eq!(close["rollup"]["state"], "retired");
    assert_eq!(
        close["rollup"]["reasons"],
        serde_json::json!(["retired from 2026-11: no longer pursued"])
    );
    assert_eq!(
        json["history"]["open_outcome_retirements"],
        serde_json::json!([])
    );
    assert_eq!(
        json["history"]["diffs"][0]["outcomes_retired"],
        serde_json::json!([{ "id": "close", "retired": "2026-11", "acknowledged_by": "drop" }])
    );
    let request = p.read("site/changes/drop.html");
    assert!(request.contains("retired from 2026-11"), "{request}");
    // The brief's table of outcomes leaves it out; its page says it.
    let brief = p.read("site/brief.html");
    assert!(!brief.contains("Close faster"), "{brief}");
    let page = p.read("site/outcomes/close.html");
    assert!(page.contains("retired from 2026-11"), "{page}");
    // Before its date, it is pursued: the horizon stands.
    p.write(
        "content/outcomes/close.md",
        &outcome("Close faster", "2027-Q1", "retired: 2027-01\n"),
    );
    p.write("content/initiatives/ledger.md", &ledger("close"));
    assert_eq!(rule_messages(&p, "outcome-horizon-missed").len(), 1);
}

/// From a trial: work taken back from a commitment with its dates kept
/// (put on hold, or back to `proposed`) left its team's capacity with no
/// word (a team at 148 % read within it), and passing through `proposed`
/// on the way to `cancelled`, a snapshot taken between, avoided
/// `unapproved-cancellation`. Each is a decision until a request records
/// it, and until then the capacity counts the work as the record has it.
#[test]
fn work_put_on_hold_or_made_proposed_is_a_decision_and_stays_in_the_capacity() {
    let with_status = |status: &str| reporting("2027-Q1").replace("status: planned", status);
    let p = reporting_moved(
        "2026-12-31",
        "2026-Q4",
        &with_status("status: active"),
        "2027-01-15",
        &with_status("status: on-hold"),
    );
    let found = |p: &Project| rule_messages(p, "unapproved-cancellation");
    assert_eq!(
        found(&p),
        ["initiative `reporting` is put on hold with no approved change request; snapshot 2026-Q4 showed it committed, with 1 milestone open (reporting/live)"]
    );
    let committed = |p: &Project| -> f64 {
        p.run(&["build", "--quiet"]).ok();
        let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
        json["facts"]["capacity"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|team| team["quarters"].as_array().unwrap())
            .map(|q| q["committed"].as_f64().unwrap())
            .sum()
    };
    // 600 person-days, counted as the snapshot committed them.
    assert_eq!(committed(&p), 600.0);
    // The period says so, as it says a cancellation.
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  status   reporting: active → on-hold, unapproved\n"),
        "{text}"
    );
    let brief = p.read("site/brief.html");
    assert!(
        brief.contains("Also needing a decision: 1 unapproved cancellation or hold (Reporting).")
            && brief.contains("1 initiative put on hold or made proposed (1 unapproved)"),
        "{brief}"
    );
    // Recorded, the hold stands and the work leaves the capacity.
    p.write(
        "content/changes/pause.md",
        &approved("pause", "2027-01-10", "reporting", ""),
    );
    assert_eq!(found(&p), Vec::<String>::new());
    assert_eq!(committed(&p), 0.0);
    std::fs::remove_file(p.path().join("content/changes/pause.md")).unwrap();

    // Back to proposed, a snapshot taken, then cancelled: judged against
    // the snapshot that had it committed.
    p.write(
        "content/initiatives/reporting.md",
        &with_status("status: proposed"),
    );
    assert_eq!(
        found(&p),
        ["initiative `reporting` is back to proposed with no approved change request; snapshot 2026-Q4 showed it committed, with 1 milestone open (reporting/live)"]
    );
    // Never committed: proposed in the snapshot, cancelled since.
    p.write(
        "content/initiatives/other.md",
        &with_status("status: proposed").replace("Reporting", "Other"),
    );
    p.write("book.toml", &book("2027-03-31"));
    git(&p, "2027-03-31", &["add", "-A"]);
    git(&p, "2027-03-31", &["commit", "-qm", "2027-Q1"]);
    git(&p, "2027-03-31", &["tag", "roadmap/2027-Q1"]);
    p.write("book.toml", &book("2027-04-20"));
    p.write(
        "content/initiatives/reporting.md",
        &with_status("status: cancelled"),
    );
    assert_eq!(
        found(&p),
        ["initiative `reporting` is cancelled with no approved change request; snapshot 2026-Q4 showed it committed, with 1 milestone open (reporting/live)"]
    );
    // The period's row says so too (it read as proposed work dropped).
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  status   reporting: proposed → cancelled, unapproved\n"),
        "{text}"
    );
    // Proposed work never committed asks nothing when cancelled.
    p.write(
        "content/initiatives/other.md",
        &with_status("status: cancelled").replace("Reporting", "Other"),
    );
    assert_eq!(found(&p).len(), 1);
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains("  status   other: proposed → cancelled\n"),
        "{text}"
    );
}

/// From a trial: `tags = "roadmap/2027-Q2*"` left the tag
/// `roadmap/2027-Q2` out as a version of no name, "its name `` is not
/// usable in a path or is taken", with no word of why.
#[test]
fn a_tag_pattern_matching_a_whole_tag_names_the_empty_name_it_leaves() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    tag_quarter(&p, "2026-12-31", "2026-Q4");
    p.write(
        "book.toml",
        &(book("2027-01-15") + "[snapshots]\ntags = \"roadmap/2026-Q4*\"\n"),
    );
    let found: Vec<serde_json::Value> = p
        .run(&["check", "--format", "json"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["rule"] == "snapshot")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0]["message"],
        "git tag roadmap/2026-Q4 is left out: its name is empty: a version is named by what the `*` of `[snapshots] tags = \"roadmap/2026-Q4*\"` matches, and here it matches nothing"
    );
    assert!(found[0]["help"].as_str().unwrap().contains("`roadmap/*`"));
}

/// From a trial: a team's capacity raised on paper (300 → 600, ops load
/// 35 % → 10 %), or its work moved onto a team written since with room to
/// spare, took a team at 148 % within its capacity with no word. Each is a
/// decision, and until it is recorded the capacity counts the record.
#[test]
fn capacity_raised_on_paper_is_a_decision_and_the_capacity_counts_the_record() {
    let active = reporting("2027-Q1").replace("status: planned", "status: active");
    let p = reporting_moved("2026-12-31", "2026-Q4", &active, "2027-01-15", &active);
    let found = |p: &Project| rule_messages(p, "unapproved-capacity-rise");
    let first_quarter = |p: &Project| -> (f64, f64) {
        p.run(&["build", "--quiet"]).ok();
        let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
        let erp = json["facts"]["capacity"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["team"] == "erp")
            .unwrap()
            .clone();
        let q1 = erp["quarters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["quarter"] == "2027-Q1")
            .unwrap()
            .clone();
        (
            q1["capacity"].as_f64().unwrap(),
            q1["committed"].as_f64().unwrap(),
        )
    };
    assert_eq!(found(&p), Vec::<String>::new());
    assert_eq!(first_quarter(&p), (100.0, 300.0));
    // Raised with no decision: said, and counted as on record.
    p.write(
        "content/teams/erp.md",
        "---\ntitle: ERP\ncapacity: 400\n---\n",
    );
    assert_eq!(
        found(&p),
        ["team `erp` has 400 person-days free of operations in 2027-Q1, where snapshot 2026-Q4 had 100, with no approved change request: the load it carries reads lighter than the record with nothing delivered or cut"]
    );
    assert_eq!(first_quarter(&p), (100.0, 300.0));
    let page = crate::helpers::quarter_row(&p.read("site/capacity.html"), "2027-Q1");
    assert!(page.contains("100 <small title=\"raised since a snapshot with no decision: counted as that snapshot had it\">(on record)</small>"), "{page}");
    // Recorded, the capacity written stands.
    p.write(
        "content/changes/hire.md",
        &approved("hire", "2027-01-10", "erp", ""),
    );
    assert_eq!(found(&p), Vec::<String>::new());
    assert_eq!(first_quarter(&p), (400.0, 300.0));
    std::fs::remove_file(p.path().join("content/changes/hire.md")).unwrap();
    p.write(
        "content/teams/erp.md",
        "---\ntitle: ERP\ncapacity: 100\n---\n",
    );

    // The work moved onto a team written since, with room to spare.
    p.write(
        "content/teams/paper.md",
        "---\ntitle: Paper\ncapacity: 2000\n---\n",
    );
    p.write(
        "content/initiatives/reporting.md",
        &active.replace("team: erp", "team: paper"),
    );
    assert_eq!(
        found(&p),
        ["team `paper` is new since snapshot 2026-Q4 and takes committed work the snapshot had on other teams (`reporting`), with no approved change request: its load left the teams that carry it on record"]
    );
    assert_eq!(first_quarter(&p), (100.0, 300.0));
    // A figure the snapshot only carried over from the last quarter it
    // planned is no plan for the quarters after, unless the snapshot
    // showed the team overcommitted there (see
    // `a_carried_capacity_figure_is_on_record_where_it_was_overcommitted`).
    p.write("content/initiatives/reporting.md", &active);
    std::fs::remove_file(p.path().join("content/teams/paper.md")).unwrap();
    p.write(
        "content/teams/erp.md",
        "---\ntitle: ERP\ncapacity: { 2026-Q3: 100, 2026-Q4: 80 }\n---\n",
    );
    git(&p, "2027-01-05", &["add", "-A"]);
    git(&p, "2027-01-05", &["commit", "-qm", "dip"]);
    p.write("book.toml", &book("2027-01-05"));
    git(&p, "2027-01-05", &["add", "-A"]);
    git(&p, "2027-01-05", &["commit", "-qm", "2027-01"]);
    git(&p, "2027-01-05", &["tag", "roadmap/2027-01-05"]);
    p.write("book.toml", &book("2027-01-15"));
    p.write(
        "content/teams/erp.md",
        "---\ntitle: ERP\ncapacity: { 2026-Q3: 100, 2026-Q4: 80, 2027-Q1: 100 }\n---\n",
    );
    // (Overcommitted there, the 80 carried is on record; but measured
    // from the oldest snapshot with no decision since that planned the
    // quarter, 2026-Q4 with 100 for every quarter, 100 is no rise.)
    assert_eq!(found(&p), Vec::<String>::new());
    p.write(
        "content/teams/erp.md",
        "---\ntitle: ERP\ncapacity: 100\n---\n",
    );
    // A new team for new work asks nothing (the build reads it whole).
    p.write("content/initiatives/reporting.md", &active);
    p.write(
        "content/teams/paper.md",
        "---\ntitle: Paper\ncapacity: 2000\n---\n",
    );
    p.write(
        "content/initiatives/fresh.md",
        &active
            .replace("team: erp", "team: paper")
            .replace("Reporting", "Fresh"),
    );
    assert_eq!(found(&p), Vec::<String>::new());
    p.run(&["check"]).ok();
    // Nor does a rise in quarters the team has no work in: a hiring plan
    // for next year.
    p.write(
        "content/teams/erp.md",
        "---\ntitle: ERP\ncapacity: { 2026-Q1: 100, 2028-Q1: 400 }\n---\n",
    );
    assert_eq!(found(&p), Vec::<String>::new());
    p.run(&["check"]).ok();
    p.write(
        "content/teams/erp.md",
        "---\ntitle: ERP\ncapacity: 100\n---\n",
    );
    // Work moved onto the new team, then a snapshot taken with both:
    // judged against the snapshot before the team, still.
    p.write(
        "content/initiatives/reporting.md",
        &active.replace("team: erp", "team: paper"),
    );
    p.write("book.toml", &book("2027-01-20"));
    git(&p, "2027-01-20", &["add", "-A"]);
    git(&p, "2027-01-20", &["commit", "-qm", "moved"]);
    git(&p, "2027-01-20", &["tag", "roadmap/2027-01-20"]);
    p.write("book.toml", &book("2027-01-25"));
    assert_eq!(
        found(&p),
        ["team `paper` is new since snapshot 2027-01-05 and takes committed work the snapshot had on other teams (`reporting`), with no approved change request: its load left the teams that carry it on record"]
    );
    assert_eq!(first_quarter(&p), (100.0, 300.0));
    // A dip recorded in a snapshot (planned leave), the capacity back to
    // what the snapshots before it had: no rise, as a milestone moved back
    // to the date first promised is no slip.
    p.write("content/initiatives/reporting.md", &active);
    p.write(
        "content/teams/erp.md",
        "---\ntitle: ERP\ncapacity: 60\n---\n",
    );
    p.write("book.toml", &book("2027-01-22"));
    git(&p, "2027-01-22", &["add", "-A"]);
    git(&p, "2027-01-22", &["commit", "-qm", "leave"]);
    git(&p, "2027-01-22", &["tag", "roadmap/2027-01-22"]);
    p.write("book.toml", &book("2027-01-25"));
    p.write(
        "content/teams/erp.md",
        "---\ntitle: ERP\ncapacity: 100\n---\n",
    );
    let erp = |p: &Project| -> Vec<String> {
        found(p)
            .into_iter()
            .filter(|m| m.starts_with("team `erp`"))
            .collect()
    };
    assert_eq!(erp(&p), Vec::<String>::new());
    p.write(
        "content/teams/erp.md",
        "---\ntitle: ERP\ncapacity: 120\n---\n",
    );
    assert_eq!(
        erp(&p),
        ["team `erp` has 120 person-days free of operations in 2027-Q1, where snapshot 2026-Q4 had 100, with no approved change request: the load it carries reads lighter than the record with nothing delivered or cut"]
    );
}

/// Found by a review: an outcome's retirement written ahead, with the
/// request approving it decided before the snapshot that recorded both,
/// read as unapproved the day it came into force.
#[test]
fn a_retirement_recorded_ahead_with_its_approval_asks_nothing() {
    let p = Project::empty();
    git(&p, "2026-06-01", &["init", "-q"]);
    p.write(
        "content/outcomes/close.md",
        "---\ntitle: Close\nowner: A\nretired: 2027-01\n---\n",
    );
    p.write(
        "content/changes/drop.md",
        &approved("drop", "2026-09-01", "close", ""),
    );
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2027-02-01"));
    let found = |p: &Project| rule_messages(p, "unapproved-outcome-retirement");
    assert_eq!(found(&p), Vec::<String>::new());
    // With no request at all, it is asked about.
    std::fs::remove_file(p.path().join("content/changes/drop.md")).unwrap();
    assert_eq!(
        found(&p),
        ["outcome `close` is retired from 2027-01 with no approved change request; snapshot 2026-Q3 pursued it, with 0 live initiatives serving it"]
    );
}

/// From a trial: a review the snapshot had, dated again three months
/// later, read as recent, and `review-cadence` went quiet.
#[test]
fn a_review_dated_again_is_a_finding() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let review = |date: &str| format!("---\ntitle: Steering\ndate: {date}\ntype: strategic\n---\n");
    p.write("content/reviews/steering.md", &review("2026-10-26"));
    tag_quarter(&p, "2026-12-01", "2026-Q4");
    p.write("book.toml", &book("2027-03-10"));
    let found = |p: &Project| rule_messages(p, "backdated-review");
    assert_eq!(found(&p), Vec::<String>::new());
    let strategic_late = |p: &Project| {
        rule_messages(p, "review-cadence")
            .iter()
            .any(|m| m.contains("strategic"))
    };
    assert!(strategic_late(&p));
    p.write("content/reviews/steering.md", &review("2027-01-20"));
    assert!(!strategic_late(&p));
    assert_eq!(
        found(&p),
        ["review `steering` is dated 2027-01-20, but snapshot 2026-Q4 (2026-12-01) had it dated 2026-10-26: a review dated other than the record of it reads as held when it was not"]
    );
    // A correction within the week is none.
    p.write("content/reviews/steering.md", &review("2026-10-30"));
    assert_eq!(found(&p), Vec::<String>::new());
    // Taken into the next snapshot re-dated: that quarter's own site says
    // so, as its build did on the day (archived versions judged it not).
    p.write("content/reviews/steering.md", &review("2027-01-20"));
    tag_quarter(&p, "2027-03-01", "2027-Q1");
    p.write("book.toml", &book("2027-03-10"));
    p.run(&["build", "--quiet"]).ok();
    let archived = p.read("site/v/2027-Q1/findings.html");
    assert!(
        archived.contains("review <code>steering</code> is dated 2027-01-20, but snapshot 2026-Q4 (2026-12-01) had it dated 2026-10-26"),
        "{archived}"
    );
    assert!(!p
        .read("site/v/2026-Q4/findings.html")
        .contains("review <code>steering</code> is dated"));
}

/// A proposal moved between outcomes is planning: only work a snapshot
/// had committed is asked about when it leaves an outcome.
#[test]
fn a_proposal_moved_between_outcomes_asks_nothing() {
    let p = Project::empty();
    git(&p, "2026-06-01", &["init", "-q"]);
    for (id, horizon) in [("a", "2027-Q1"), ("b", "2027-Q4")] {
        p.write(
            &format!("content/outcomes/{id}.md"),
            &format!("---\ntitle: {id}\nowner: A\nhorizon: {horizon}\n---\n"),
        );
    }
    let idea = |status: &str, outcome: &str| {
        format!("---\ntitle: Idea\nowner: B\nstatus: {status}\noutcomes: [{outcome}]\n---\n")
    };
    p.write("content/initiatives/idea.md", &idea("proposed", "a"));
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-11-25"));
    p.write("content/initiatives/idea.md", &idea("proposed", "b"));
    assert_eq!(
        rule_messages(&p, "unapproved-outcome-unlink"),
        Vec::<String>::new()
    );
    // Committed in the snapshot, it is.
    p.write("content/initiatives/idea.md", &idea("planned", "a"));
    tag_quarter(&p, "2026-10-31", "2026-10");
    p.write("book.toml", &book("2026-11-25"));
    p.write("content/initiatives/idea.md", &idea("planned", "b"));
    assert_eq!(rule_messages(&p, "unapproved-outcome-unlink").len(), 1);
}

/// From a trial: a new initiative written in after the quarter, its
/// milestones done on time months before the snapshot that did not have
/// it, raised the delivery rate from 0 % to 80 % and took its team's
/// lateness to none. No promise of them was on record: the rate, the
/// promises and the team's record leave them out alike, in the working
/// tree and in the archived version that first has them.
#[test]
fn work_written_in_once_done_raises_no_delivery_rate() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    p.write("content/teams/t.md", "---\ntitle: T\ncapacity: 100\n---\n");
    git(&p, "2026-06-01", &["init", "-q"]);
    p.write("content/initiatives/real.md", "---\ntitle: Real\nowner: A\noutcomes: [o]\nteam: t\nstatus: done\nstart: 2026-06-01\nmilestones:\n  - id: late\n    title: Late\n    due: 2026-08-31\n    done: 2026-09-20\n    criteria: [x]\n---\n");
    let real_too = |status: &str| {
        format!("---\ntitle: Real too\nowner: A\noutcomes: [o]\nteam: t\nstatus: {status}\nstart: 2026-06-01\nend: 2026-10-31\n---\n")
    };
    p.write("content/initiatives/real-too.md", &real_too("active"));
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-11-25"));
    // Done in days, it would take the average cycle time down too.
    let mut padding =
        String::from("---\ntitle: Quick wins\nowner: A\noutcomes: [o]\nteam: t\nstatus: done\nstart: 2026-07-10\nmilestones:\n");
    for (n, day) in ["2026-07-15", "2026-08-14", "2026-09-01", "2026-09-15"]
        .iter()
        .enumerate()
    {
        padding.push_str(&format!("  - id: w{n}\n    title: Win {n}\n    due: {day}\n    done: {day}\n    criteria: [x]\n"));
    }
    padding.push_str("---\n");
    p.write("content/initiatives/quick-wins.md", &padding);
    // So would one of no milestones, done by its end (from a review).
    p.write("content/initiatives/tidy-up.md", "---\ntitle: Tidy-up\nowner: A\noutcomes: [o]\nteam: t\nstatus: done\nstart: 2026-07-01\nend: 2026-07-31\n---\n");
    // Done where the snapshot had it under way, it counts.
    p.write("content/initiatives/real-too.md", &real_too("done"));
    p.run(&["build", "--quiet"]).ok();
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    let metrics = &json["facts"]["metrics"];
    assert_eq!(metrics["due"], 1, "{metrics}");
    assert_eq!(metrics["on_time"], 0, "{metrics}");
    assert_eq!(
        metrics["cycle_times"],
        serde_json::json!([["real", 111], ["real-too", 152]]),
        "{metrics}"
    );
    assert!(p
        .read("site/metrics.html")
        .contains("milestones done on time (0 of 1 due so far)"));
    let team = &json["forecasts"]["teams"]["t"];
    assert_eq!(team["done"], 1, "{team}");
    assert_eq!(team["kept"], 0, "{team}");
    // Taken into the next snapshot, that quarter's own site says the same.
    tag_quarter(&p, "2026-11-25", "2026-Q4");
    p.write("book.toml", &book("2026-11-26"));
    p.run(&["build", "--quiet"]).ok();
    let archived = p.read("site/v/2026-Q4/metrics.html");
    assert!(
        archived.contains("milestones done on time (0 of 1 due so far)"),
        "{archived}"
    );
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(json["facts"]["metrics"]["due"], 1);
}

/// From a trial: "Cut order cycle time by 30 %" made "by 5 %", a goal
/// narrowed to "pilot warehouse only" in a milestone's title: no row of the
/// period said so. Now every title changed is a row of the period, of
/// `roadbook diff` and of `roadmap.json`.
#[test]
fn a_title_reworded_is_a_row_of_the_period() {
    let p = Project::empty();
    let outcome = |title: &str| format!("---\ntitle: {title}\nowner: A\n---\n");
    let work = |milestone: &str| {
        format!("---\ntitle: Ledger\nowner: B\noutcomes: [o]\nmilestones:\n  - id: live\n    title: {milestone}\n    due: 2027-Q2\n    criteria: [x]\n---\n")
    };
    p.write("content/outcomes/o.md", &outcome("Cut cycle time by 30 %"));
    p.write("content/initiatives/ledger.md", &work("Go-live"));
    git(&p, "2026-06-01", &["init", "-q"]);
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-11-25"));
    p.write("content/outcomes/o.md", &outcome("Cut cycle time by 5 %"));
    p.write(
        "content/initiatives/ledger.md",
        &work("Go-live (pilot warehouse only)"),
    );
    let text = p.run(&["diff", "2026-Q3"]).ok().stdout;
    assert!(
        text.contains("  title    ledger/live: Go-live → Go-live (pilot warehouse only)\n"),
        "{text}"
    );
    assert!(
        text.contains("  title    o: Cut cycle time by 30 % → Cut cycle time by 5 %\n"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/2026-Q3--current.html");
    assert!(
        period.contains(
            "</a></td><td>title</td><td>Cut cycle time by 30 %</td><td>Cut cycle time by 5 %</td>"
        ),
        "{period}"
    );
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    assert_eq!(
        json["history"]["diffs"][0]["retitled"],
        serde_json::json!([
            { "id": "ledger/live", "from": "Go-live", "to": "Go-live (pilot warehouse only)" },
            { "id": "o", "from": "Cut cycle time by 30 %", "to": "Cut cycle time by 5 %" }
        ])
    );
}

/// From a trial: a steering review's decisions rewritten after the
/// quarter's snapshot ("Q4 milestones may move at the PMO's discretion"),
/// the CEO added to its attendees; an operational review made strategic.
/// Each is `review-rewritten`, judged against the newest snapshot that had
/// the review; spacing alone is no rewrite.
#[test]
fn a_review_rewritten_after_its_snapshot_is_a_finding() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let review = |kind: &str, attendees: &str, decisions: &str| {
        format!("---\ntitle: Steering\ndate: 2026-09-20\ntype: {kind}\nattendees: [{attendees}]\ndecisions: [{decisions}]\n---\n")
    };
    p.write(
        "content/reviews/steering.md",
        &review("strategic", "CIO", "Keep the Q4 dates"),
    );
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-11-25"));
    let found = |p: &Project| rule_messages(p, "review-rewritten");
    p.write(
        "content/reviews/steering.md",
        &review(
            "strategic",
            "CIO,   CEO",
            "Q4 milestones may move at the PMO's discretion",
        ),
    );
    assert_eq!(
        found(&p),
        ["review `steering` has other decisions and attendees than snapshot 2026-Q3 (2026-09-30) recorded: the record of a meeting rewritten after it reads as what was decided there"]
    );
    p.write(
        "content/reviews/steering.md",
        &review("operational", "CIO", "Keep  the Q4 dates"),
    );
    assert_eq!(
        found(&p),
        ["review `steering` has other type than snapshot 2026-Q3 (2026-09-30) recorded: the record of a meeting rewritten after it reads as what was decided there"]
    );
    p.write(
        "content/reviews/steering.md",
        &review("strategic", "CIO", "Keep  the Q4 dates"),
    );
    assert_eq!(found(&p), Vec::<String>::new());
    // A typo put right, attendees in another order: the same record.
    p.write(
        "content/reviews/steering.md",
        &review("strategic", "CIO", "Keep the Q4 dtaes"),
    );
    tag_quarter(&p, "2026-10-31", "2026-10");
    p.write("book.toml", &book("2026-11-25"));
    p.write(
        "content/reviews/steering.md",
        &review("strategic", "CFO, CIO", "Keep the Q4 dates"),
    );
    assert_eq!(
        found(&p),
        ["review `steering` has other attendees than snapshot 2026-Q3 (2026-09-30) recorded: the record of a meeting rewritten after it reads as what was decided there"]
    );
    // Judged from the first snapshot that had it held: the later snapshot
    // that took the rewrite clears nothing.
    p.write(
        "content/reviews/steering.md",
        &review("strategic", "CIO", "Q4 may move"),
    );
    tag_quarter(&p, "2026-11-20", "2026-11");
    p.write("book.toml", &book("2026-11-25"));
    assert_eq!(found(&p).len(), 1);
    // Written ahead of its meeting, filled in after it: no rewrite.
    p.write(
        "content/reviews/next.md",
        "---\ntitle: Next\ndate: 2026-12-10\ntype: strategic\n---\n",
    );
    tag_quarter(&p, "2026-11-21", "2026-11b");
    p.write("book.toml", &book("2026-12-15"));
    p.write(
        "content/reviews/next.md",
        "---\ntitle: Next\ndate: 2026-12-10\ntype: strategic\nattendees: [CIO]\ndecisions: [Go]\n---\n",
    );
    assert!(
        found(&p).iter().all(|m| !m.contains("`next`")),
        "{:?}",
        found(&p)
    );
    // Renamed, its decisions rewritten: the review the snapshots recorded
    // is gone, and said so.
    std::fs::remove_file(p.path().join("content/reviews/steering.md")).unwrap();
    p.write(
        "content/reviews/steering-sept.md",
        &review("strategic", "CIO, CEO", "Q4 milestones may move"),
    );
    assert_eq!(
        rule_messages(&p, "removed-review"),
        ["review `steering` (“Steering”, held 2026-09-20) was in snapshot 2026-11b and its file is gone: the record of the meeting and what it decided left the site"]
    );
}

/// `snapshot-dropped`, from a review: an `ignore` wildcard beside the
/// pattern changed is `snapshot-ignored`; a quarter tagged again under the
/// new pattern is read, and its old tag drops nothing; a tag the same
/// pattern never read (a `/` past the `*`) is no change of pattern.
#[test]
fn a_tag_pattern_changed_is_judged_by_each_tag_s_own_book() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    let with = |extra: &str| format!("{}[snapshots]\n{extra}", book("2026-11-25"));
    let rules = |p: &Project| -> Vec<String> {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|f| f["rule"].as_str().unwrap().starts_with("snapshot"))
            .map(|f| {
                format!(
                    "{}: {}",
                    f["rule"].as_str().unwrap(),
                    f["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    p.write("book.toml", &with("tags = \"roadmap/20??-Q4\"\n"));
    let found = rules(&p);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("snapshot-dropped: tag `roadmap/2026-Q3` is a snapshot by its own book.toml (`[snapshots] tags = \"roadmap/*\"`)"), "{found:?}");
    // With the tag left out by `ignore` as well: said all the same.
    p.write(
        "book.toml",
        &with("tags = \"roadmap/20??-Q4\"\nignore = [\"roadmap/*\"]\n"),
    );
    let found = rules(&p);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(
            "snapshot-ignored: tag `roadmap/2026-Q3` is a snapshot by its own book.toml"
        ),
        "{found:?}"
    );
    // Tagged again under the new pattern: read, and the old tag is no
    // dropped quarter.
    p.write("book.toml", &with("tags = \"plan/*\"\n"));
    git(
        &p,
        "2026-09-30",
        &[
            "tag",
            "-a",
            "plan/2026-Q3",
            "roadmap/2026-Q3^{}",
            "-m",
            "Q3",
        ],
    );
    assert_eq!(rules(&p), Vec::<String>::new());
    // A tag `*` never read under the same pattern: nothing changed.
    p.write("book.toml", &book("2026-11-25"));
    git(&p, "2026-09-30", &["tag", "-d", "plan/2026-Q3"]);
    git(
        &p,
        "2026-09-30",
        &[
            "tag",
            "-a",
            "roadmap/2026/Q2",
            "roadmap/2026-Q3^{}",
            "-m",
            "Q2",
        ],
    );
    let found = rules(&p);
    assert!(
        found.iter().all(|f| !f.starts_with("snapshot-dropped")),
        "{found:?}"
    );
}

/// From a trial: the history squashed onto a new branch (`git checkout
/// --orphan`, `main` deleted) left the quarter's tag reached by nothing,
/// and the build read no version with no word said. A repository with no
/// remote is no clone of one branch: `snapshot-off-history` says it.
#[test]
fn a_history_squashed_onto_another_branch_is_said() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q", "-b", "main"]);
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-11-25"));
    git(&p, "2026-11-25", &["checkout", "-q", "--orphan", "clean"]);
    git(&p, "2026-11-25", &["add", "-A"]);
    git(&p, "2026-11-25", &["commit", "-qm", "Clean history"]);
    git(&p, "2026-11-25", &["branch", "-D", "main"]);
    let found = rule_messages(&p, "snapshot-off-history");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("roadmap/2026-Q3"), "{found:?}");
}

/// From a trial: work a snapshot recorded as begun in July, its start
/// moved to January since, spread its effort over two quarters more, and
/// its team's overload went; the rule asked only about starts a snapshot
/// had after its own day. A start it recorded, dated further back by more
/// than a week, is dated back too.
#[test]
fn the_start_of_work_under_way_dated_back_is_a_finding() {
    let p = reporting_moved(
        "2026-09-30",
        "2026-Q3",
        &reporting("2026-07-01"),
        "2026-12-31",
        &reporting("2026-01-01"),
    );
    let found = |p: &Project| rule_messages(p, "backdated-start");
    assert_eq!(
        found(&p),
        ["initiative `reporting` starts 2026-01-01, but snapshot 2026-Q3 (2026-09-30) had it starting 2026-07-01: a start dated before the record of it spreads its effort over quarters that snapshot showed it had no part in, and the quarters to come read lighter"]
    );
    // Within a week of the start on record: a correction.
    p.write("content/initiatives/reporting.md", &reporting("2026-06-26"));
    assert_eq!(found(&p), Vec::<String>::new());

    // From a review: dated back into an earlier quarter with no decision,
    // a snapshot taken, then back a little further within that quarter:
    // the newer snapshot must not hide the move the older one recorded.
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME).write(
        "content/teams/erp.md",
        "---\ntitle: ERP\ncapacity: 100\n---\n",
    );
    git(&p, "2026-01-01", &["init", "-q"]);
    p.write("content/initiatives/reporting.md", &reporting("2026-07-01"));
    tag_quarter(&p, "2026-03-31", "2026-Q1");
    p.write("content/initiatives/reporting.md", &reporting("2026-03-20"));
    tag_quarter(&p, "2026-06-30", "2026-Q2");
    p.write("book.toml", &book("2026-07-15"));
    p.write("content/initiatives/reporting.md", &reporting("2026-03-01"));
    assert_eq!(
        found(&p),
        ["initiative `reporting` starts 2026-03-01, but snapshot 2026-Q1 (2026-03-31) had it starting 2026-07-01: a start dated before the record of it spreads its effort over quarters that snapshot showed it had no part in, and the quarters to come read lighter"]
    );
}

/// From a trial: "must not move beyond November" made "must now move
/// beyond November" is one letter, within the tolerance for a typo, and
/// the opposite decision. A negation or a figure changed is a rewrite,
/// however few the letters; a typo put right is still none.
#[test]
fn a_decision_turned_around_by_one_letter_is_a_rewrite() {
    let p = Project::empty();
    p.write("content/outcomes/o.md", OUTCOME);
    git(&p, "2026-06-01", &["init", "-q"]);
    let review = |decision: &str| {
        format!("---\ntitle: Steering\ndate: 2026-09-20\ntype: strategic\nattendees: [CIO]\ndecisions: [{decision}]\n---\n")
    };
    p.write(
        "content/reviews/steering.md",
        &review("The cut-over must not move beyond November; budget capped at 30 %"),
    );
    tag_quarter(&p, "2026-09-30", "2026-Q3");
    p.write("book.toml", &book("2026-11-25"));
    let found = |p: &Project| rule_messages(p, "review-rewritten");
    for rewritten in [
        "The cut-over must now move beyond November; budget capped at 30 %",
        "The cut-over must not move beyond November; budget capped at 80 %",
        "The cut-over must move beyond November; budget capped at 30 %",
    ] {
        p.write("content/reviews/steering.md", &review(rewritten));
        assert_eq!(found(&p).len(), 1, "{rewritten}");
    }
    p.write(
        "content/reviews/steering.md",
        &review("The cut-over must not move beyond Novmeber; budget capped at 30 %"),
    );
    assert_eq!(found(&p), Vec::<String>::new());
}

/// From a trial: a capacity map ending in 2026-Q4 carried its figure into
/// 2027-Q1, where the snapshot showed the team at 113 %; `2027-Q1: 420`
/// added with nobody hired took the overload off the brief. A carried
/// figure is on record where the snapshot showed the team overcommitted;
/// where it showed room, next year's figure is planning.
#[test]
fn a_carried_capacity_figure_is_on_record_where_it_was_overcommitted() {
    let found = |p: &Project| rule_messages(p, "unapproved-capacity-rise");
    let repo = |effort: u32| {
        let work = reporting("2027-Q1")
            .replace("status: planned", "status: active")
            .replace("effort: 600", &format!("effort: {effort}"));
        let p = Project::empty();
        p.write("content/outcomes/o.md", OUTCOME)
            .write(
                "content/teams/erp.md",
                "---\ntitle: ERP\ncapacity: { 2026-Q3: 300, 2026-Q4: 260 }\n---\n",
            )
            .write("content/initiatives/reporting.md", &work);
        git(&p, "2026-06-01", &["init", "-q"]);
        tag_quarter(&p, "2026-12-31", "2026-Q4");
        p.write("book.toml", &book("2027-01-15"));
        p.write(
            "content/teams/erp.md",
            "---\ntitle: ERP\ncapacity: { 2026-Q3: 300, 2026-Q4: 260, 2027-Q1: 420 }\n---\n",
        );
        p
    };
    // 300 a quarter against 260 carried: the snapshot showed 115 %.
    assert_eq!(
        found(&repo(600)),
        ["team `erp` has 420 person-days free of operations in 2027-Q1, where snapshot 2026-Q4 had 260, with no approved change request: the load it carries reads lighter than the record with nothing delivered or cut"]
    );
    // 60 a quarter: the snapshot showed room, and next year's figure is
    // planning.
    assert_eq!(found(&repo(120)), Vec::<String>::new());
}

/// An initiative added and cancelled between the two versions compared
/// (a range of quarters, or inside one) says so beside "added": it read
/// as added, nothing more (from a trial).
#[test]
fn an_initiative_added_and_cancelled_since_reads_as_such_in_the_diff() {
    let p = repo();
    p.write(
        "content/initiatives/crm.md",
        "---\ntitle: CRM\nowner: C\nstatus: cancelled\n---\n",
    );
    let human = p.run(&["diff", "2026-Q2"]).ok();
    assert!(
        human.stdout.contains("  added    crm (cancelled by now)\n"),
        "{}",
        human.stdout
    );
    let json = p.run(&["diff", "2026-Q2", "--format", "json"]).ok();
    let d: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(d["added_status"], serde_json::json!({"crm": "cancelled"}));
    // And on the site's page of the period it was added in.
    p.run(&["build", "-q"]).ok();
    let pages: Vec<String> = p
        .tree("site/history")
        .into_keys()
        .filter(|f| f.ends_with(".html"))
        .map(|f| p.read(&format!("site/history/{f}")))
        .filter(|page| page.contains("initiatives/crm.html"))
        .collect();
    assert!(
        pages.len() == 1 && pages[0].contains(">CRM</a> (cancelled by the period’s end)"),
        "{pages:?}"
    );
    // Under way, it is added alone.
    p.write(
        "content/initiatives/crm.md",
        "---\ntitle: CRM\nowner: C\nstatus: active\n---\n",
    );
    let human = p.run(&["diff", "2026-Q2"]).ok();
    assert!(
        human.stdout.contains("  added    crm\n"),
        "{}",
        human.stdout
    );
    let json = p.run(&["diff", "2026-Q2", "--format", "json"]).ok();
    assert!(!json.stdout.contains("added_status"), "{}", json.stdout);
}
