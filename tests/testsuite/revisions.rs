//! KPI figures restated between quarters, judged across real git-tagged
//! snapshots: a reported figure changed or taken out is a decision, like a
//! slip.

use crate::helpers::{git, Project};

fn kpi(data: &str) -> String {
    format!("---\ntitle: Customer NPS\nkind: business\ndirection: up\noutcome: o\ntarget: 50\ndata:\n{data}---\n")
}

fn findings(p: &Project) -> Vec<serde_json::Value> {
    p.run(&["check", "--format", "json"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|f: &serde_json::Value| f["rule"] == "kpi-revised")
        .collect()
}

fn diff(p: &Project, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["diff"];
    all.extend(args);
    all.extend(["--format", "json"]);
    serde_json::from_str(&p.run(&all).ok().stdout).unwrap()
}

/// Q2 → Q3 → now, from real tags. Q2 reports 40 for March and 42 for May;
/// its 44 for June, the month it was taken on the last day of, is a flash
/// figure. Q3 restates May as 38, gives June's final 45 and reports 47 for
/// August; the working tree takes March out.
fn repo() -> Project {
    let p = Project::empty();
    p.write("content/outcomes/o.md", "---\ntitle: O\nowner: A\n---\n");
    git(&p, "2026-06-01", &["init", "-q"]);
    for (today, data, tag) in [
        (
            "2026-06-30",
            "  - [2026-03, 40]\n  - [2026-05, 42]\n  - [2026-06, 44]\n",
            "roadmap/2026-Q2",
        ),
        (
            "2026-09-30",
            "  - [2026-03, 40]\n  - [2026-05, 38]\n  - [2026-06, 45]\n  - [2026-08, 47]\n",
            "roadmap/2026-Q3",
        ),
    ] {
        p.write(
            "book.toml",
            &format!("[book]\ntitle = \"Figures\"\n[roadmap]\ntoday = \"{today}\"\n"),
        );
        p.write("content/kpis/nps.md", &kpi(data));
        git(&p, today, &["add", "-A"]);
        git(&p, today, &["commit", "-qm", tag]);
        git(&p, today, &["tag", tag]);
    }
    p.write(
        "book.toml",
        "[book]\ntitle = \"Figures\"\n[roadmap]\ntoday = \"2026-11-25\"\n",
    );
    p.write(
        "content/kpis/nps.md",
        &kpi("  - [2026-05, 38]\n  - [2026-06, 45]\n  - [2026-08, 47]\n"),
    );
    git(&p, "2026-11-25", &["commit", "-qam", "now"]);
    p
}

/// The finding points at the first restated figure still written, not at
/// the first figure: March and May taken out, June's as reported, August's
/// (line 9) restated.
#[test]
fn a_restated_figure_is_pointed_at_where_it_is_written() {
    let p = repo();
    p.write(
        "content/kpis/nps.md",
        &kpi("  - [2026-06, 45]\n  - [2026-08, 46]\n"),
    );
    let found = findings(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (&found[0]["line"], &found[0]["col"]),
        (&9.into(), &15.into())
    );
}

#[test]
fn a_restated_figure_is_a_finding_until_a_change_request_approves_it() {
    let p = repo();
    let found = findings(&p);
    assert_eq!(found.len(), 1, "one finding for the KPI: {found:#?}");
    assert_eq!(found[0]["path"], "content/kpis/nps.md");
    // At the first figure changed that is still written, May's value
    // (8:15), not at the start of `data:`'s list (8:3).
    assert_eq!(
        (&found[0]["line"], &found[0]["col"]),
        (&8.into(), &15.into())
    );
    assert_eq!(
        found[0]["message"],
        "KPI `nps`: 2 reported figures changed with no approved change request: \
         2026-03 was 40 in snapshot 2026-Q3, now gone; \
         2026-05 was 42 in snapshot 2026-Q2, now 38"
    );
    assert!(
        found[0]["help"]
            .as_str()
            .unwrap()
            .contains("roadbook new change ID --affects nps --decided-by NAME"),
        "{found:#?}"
    );

    // Each period lists its own revisions; June's flash figure replaced by
    // the final one is none.
    assert_eq!(
        diff(&p, &["2026-Q2", "2026-Q3"])["revisions"],
        serde_json::json!([{ "id": "nps", "series": "kpi", "date": "2026-05", "from": 42.0, "to": 38.0, "after": "2026-Q2", "needs_ack": true, "acknowledged_by": null }])
    );
    assert_eq!(
        diff(&p, &["2026-Q3"])["revisions"],
        serde_json::json!([{ "id": "nps", "series": "kpi", "date": "2026-03", "from": 40.0, "to": null, "after": "2026-Q3", "needs_ack": true, "acknowledged_by": null }])
    );
    let text = p.run(&["diff", "2026-Q2", "2026-Q3"]).ok().stdout;
    assert!(
        text.contains("revised  nps for 2026-05: reported 42, now 38, unapproved"),
        "{text}"
    );

    // The KPI's own page says what was published before.
    p.run(&["build"]).ok();
    let kpi_page = p.read("site/kpis/nps.html");
    assert!(
        kpi_page.contains(r#"<span class="badge health-red">2 reported figures changed after a snapshot showed them; 2 unapproved</span>"#),
        "{kpi_page}"
    );
    assert!(
        kpi_page.contains(r#"<td>2026-05</td><td class="num">38</td><td class="num">50</td><td>42 in 2026-Q2, <span class="badge health-red">revised unapproved</span></td>"#),
        "{kpi_page}"
    );
    assert!(
        kpi_page.contains(r#"<td>2026-03</td><td class="num">taken out</td><td class="num">—</td><td>40 in 2026-Q3, "#),
        "{kpi_page}"
    );
    // In date order: the row taken out stands where it was.
    assert!(kpi_page.find("<td>2026-03</td>") < kpi_page.find("<td>2026-05</td>"));
    // The period's one line counts the restatement.
    let period = p.read("site/history/2026-Q2--2026-Q3.html");
    assert!(
        period.contains(", 1 KPI figure restated (1 unapproved), "),
        "{period}"
    );

    // An approval decided before the snapshot that showed the figure
    // approves nothing of what came after it.
    p.write(
        "content/changes/cr-early.md",
        "---\ntitle: Early\ndate: 2026-05-01\nstatus: approved\naffects: [nps]\n---\n",
    );
    assert_eq!(findings(&p).len(), 1);

    // One decided after Q3 approves one restatement, the latest (as with
    // a slip's moves): March, taken out since Q3. May's, made in Q3, needs
    // its own.
    p.write(
        "content/changes/cr-restate.md",
        "---\ntitle: March dropped from the series\ndate: 2026-10-01\nstatus: approved\naffects: [nps]\n---\n",
    );
    let found = findings(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("1 reported figure changed with no approved change request: 2026-05 was 42 in snapshot 2026-Q2, now 38"),
        "{found:#?}"
    );
    p.write(
        "content/changes/cr-may.md",
        "---\ntitle: NPS survey restated\ndate: 2026-07-20\nstatus: approved\naffects: [nps]\n---\n",
    );
    assert_eq!(findings(&p), Vec::<serde_json::Value>::new());
    p.run(&["build"]).ok();
    let page = p.read("site/history/2026-Q2--2026-Q3.html");
    assert!(page.contains("<h2>KPI figures revised</h2>"), "{page}");
    assert!(
        page.contains(r#"href="../changes/cr-may.html">NPS survey restated</a>"#),
        "{page}"
    );
    let kpi_page = p.read("site/kpis/nps.html");
    assert!(
        kpi_page.contains(
            "2 reported figures changed after a snapshot showed them; none stands unapproved"
        ),
        "{kpi_page}"
    );
    assert!(
        kpi_page.contains(r#"42 in 2026-Q2, restated by <a href="../changes/cr-may.html">"#),
        "{kpi_page}"
    );
    assert!(
        kpi_page.contains(r#"40 in 2026-Q3, restated by <a href="../changes/cr-restate.html">"#),
        "{kpi_page}"
    );
}

#[test]
fn a_figure_put_back_as_reported_needs_no_approval() {
    let p = repo();
    p.write(
        "content/kpis/nps.md",
        &kpi("  - [2026-03, 40]\n  - [2026-05, 42]\n  - [2026-06, 45]\n  - [2026-08, 47]\n"),
    );
    assert_eq!(findings(&p), Vec::<serde_json::Value>::new());
    // The period that restated it still shows it happened; the one that
    // put it back needed nothing.
    assert_eq!(
        diff(&p, &["2026-Q2", "2026-Q3"])["revisions"][0]["date"],
        "2026-05"
    );
    assert_eq!(
        diff(&p, &["2026-Q3"])["revisions"],
        serde_json::json!([{ "id": "nps", "series": "kpi", "date": "2026-05", "from": 38.0, "to": 42.0, "after": "2026-Q3", "needs_ack": false, "acknowledged_by": null }])
    );
    p.run(&["build"]).ok();
    let page = p.read("site/history/2026-Q3--current.html");
    assert!(page.contains("none needed: put back as it stood"), "{page}");
    let kpi_page = p.read("site/kpis/nps.html");
    assert!(!kpi_page.contains("badge health-red"), "{kpi_page}");
    assert!(
        kpi_page.contains(
            "42 in 2026-Q2, revised unapproved then; 38 in 2026-Q3, put back as it stood"
        ),
        "{kpi_page}"
    );
}

#[test]
fn a_figure_revised_in_its_data_file_points_at_the_file() {
    let p = repo();
    p.write(
        "content/kpis/nps.md",
        "---\ntitle: Customer NPS\nkind: business\ndirection: up\noutcome: o\ntarget: 50\ndata_file: ./data/nps.csv\n---\n",
    );
    p.write(
        "content/data/nps.csv",
        "date,value\n2026-03,40\n2026-05,42\n2026-06,45\n2026-08,46\n",
    );
    let found = findings(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["path"], "content/data/nps.csv");
    assert_eq!(
        found[0]["message"],
        "KPI `nps`: 1 reported figure changed with no approved change request: \
         2026-08 was 47 in snapshot 2026-Q3, now 46"
    );
    // The dashboard names the KPI the data file belongs to, and so does
    // the brief (without a link: it is read away from the site).
    p.run(&["build"]).ok();
    let dashboard = p.read("site/index.html");
    assert!(
        dashboard
            .contains(r#"1 KPI restated unapproved (<a href="kpis/nps.html">Customer NPS</a>)"#),
        "{dashboard}"
    );
    let brief = p.read("site/brief.html");
    assert!(
        brief.contains("1 KPI restated unapproved (Customer NPS)"),
        "{brief}"
    );
}

/// May restated 42 → 38 in Q3 with approval (decided in July, after Q2),
/// then 38 → 36 now: July's request does not cover the second restatement,
/// and a diff over both periods does not call the whole approved.
#[test]
fn an_approval_covers_the_revisions_before_it_not_a_later_one() {
    let p = repo();
    p.write(
        "content/changes/cr-july.md",
        "---\ntitle: May restated\ndate: 2026-07-10\nstatus: approved\naffects: [nps]\ndecided: 2026-07-15\n---\n",
    );
    p.write(
        "content/kpis/nps.md",
        &kpi("  - [2026-03, 40]\n  - [2026-05, 36]\n  - [2026-06, 45]\n  - [2026-08, 47]\n"),
    );
    let found = findings(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0]["message"],
        "KPI `nps`: 1 reported figure changed with no approved change request: \
         2026-05 was 38 in snapshot 2026-Q3, now 36"
    );
    assert_eq!(
        diff(&p, &["2026-Q2", "2026-Q3"])["revisions"][0]["acknowledged_by"],
        "cr-july"
    );
    let both = diff(&p, &["2026-Q2", "current"]);
    assert_eq!(
        both["revisions"],
        serde_json::json!([{ "id": "nps", "series": "kpi", "date": "2026-05", "from": 42.0, "to": 36.0, "after": "2026-Q2", "needs_ack": true, "acknowledged_by": null }])
    );
}

/// `2026-07`, `2026-Q3` and `2026-07-01` begin on one day: the month and
/// the day lie within the quarter, so only the quarter's figure counts
/// (`figure-within-period`), in each version alike, and none is a revision
/// of another; a change in the second decimal is told with it.
#[test]
fn figures_within_another_period_are_no_revision_and_every_decimal_counts() {
    let data = "  - [2026-07, 90]\n  - [2026-Q3, 92]\n  - [2026-07-01, 91]\n";
    let p = versions(
        &[("q3", "2026-11-05", &format!("{data}  - [2026-10, 93.21]\n"))],
        &format!("{data}  - [2026-10, 93.24]\n"),
        &[],
    );
    let found = findings(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0]["message"],
        "KPI `nps`: 1 reported figure changed with no approved change request: \
         2026-10 was 93.21 in snapshot q3, now 93.24"
    );
    assert_eq!(diff(&p, &["q3"])["revisions"].as_array().unwrap().len(), 1);
    let out = p.run(&["check"]).stderr;
    assert!(
        out.contains("has a figure for 2026-07 (90) within its figure for 2026-Q3 (92")
            && out.contains("has a figure for 2026-07-01 (91) within its figure for 2026-Q3 (92"),
        "{out}"
    );
}

/// Frozen snapshots (name, day, the KPI's data) and the working tree's data
/// (as of 2026-11-25), with these approved change requests on `nps`
/// (id, decided).
fn versions(snapshots: &[(&str, &str, &str)], now: &str, approvals: &[(&str, &str)]) -> Project {
    let p = Project::empty();
    let all = snapshots
        .iter()
        .map(|(name, today, data)| (format!("snapshots/{name}/"), *today, *data))
        .chain([(String::new(), "2026-11-25", now)]);
    for (dir, today, data) in all {
        p.write(
            &format!("{dir}book.toml"),
            &format!("[book]\ntitle = \"Figures\"\n[roadmap]\ntoday = \"{today}\"\n"),
        );
        p.write(
            &format!("{dir}content/outcomes/o.md"),
            "---\ntitle: O\nowner: A\n---\n",
        );
        p.write(&format!("{dir}content/kpis/nps.md"), &kpi(data));
    }
    for (id, decided) in approvals {
        p.write(
            &format!("content/changes/{id}.md"),
            &format!("---\ntitle: {id}\ndate: {decided}\nstatus: approved\naffects: [nps]\n---\n"),
        );
    }
    p
}

/// Restated in s2, put back in s3, restated again now with a request
/// decided after s3: the request is the latest restatement's, nothing
/// stands, and the put back needed nothing.
#[test]
fn a_request_goes_to_the_latest_restatement() {
    let march = |v: u32| format!("  - [2026-03, {v}]\n");
    let p = versions(
        &[
            ("s1", "2026-07-15", &march(10)),
            ("s2", "2026-08-15", &march(20)),
            ("s3", "2026-10-15", &march(10)),
        ],
        &march(30),
        &[("cr-x", "2026-10-20")],
    );
    assert_eq!(findings(&p), Vec::<serde_json::Value>::new());
    assert_eq!(diff(&p, &["s3"])["revisions"][0]["acknowledged_by"], "cr-x");
    assert_eq!(diff(&p, &["s2", "s3"])["revisions"][0]["needs_ack"], false);
    assert_eq!(
        diff(&p, &["s1", "s2"])["revisions"][0]["acknowledged_by"],
        serde_json::Value::Null
    );
}

/// Taken out with approval in s2, back with another figure now: that is a
/// restatement of the figure s1 reported.
#[test]
fn a_figure_taken_out_with_approval_and_back_changed_is_a_restatement() {
    let p = versions(
        &[
            ("s1", "2026-07-15", "  - [2026-03, 10]\n  - [2026-04, 5]\n"),
            ("s2", "2026-08-15", "  - [2026-04, 5]\n"),
        ],
        "  - [2026-03, 12]\n  - [2026-04, 5]\n",
        &[("cr-x", "2026-07-20")],
    );
    let found = findings(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0]["message"],
        "KPI `nps`: 1 reported figure changed with no approved change request: \
         2026-03 was 10 in snapshot s1, now 12"
    );
    // Put back as reported instead: nothing to decide.
    p.write(
        "content/kpis/nps.md",
        &kpi("  - [2026-03, 10]\n  - [2026-04, 5]\n"),
    );
    assert_eq!(findings(&p), Vec::<serde_json::Value>::new());
}

/// September was a flash figure in s1 (taken mid-month), reported in s2,
/// restated now: a diff from s1 shows the restatement its steps made.
#[test]
fn a_diff_over_several_periods_shows_what_its_steps_restated() {
    let p = versions(
        &[
            ("s1", "2026-09-15", "  - [2026-09, 10]\n"),
            ("s2", "2026-10-15", "  - [2026-09, 50]\n"),
        ],
        "  - [2026-09, 60]\n",
        &[],
    );
    assert_eq!(findings(&p).len(), 1);
    assert_eq!(
        diff(&p, &["s1", "current"])["revisions"],
        serde_json::json!([{ "id": "nps", "series": "kpi", "date": "2026-09", "from": 50.0, "to": 60.0, "after": "s2", "needs_ack": true, "acknowledged_by": null }])
    );
}

fn removed(p: &Project) -> Vec<serde_json::Value> {
    p.run(&["check", "--format", "json"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|f: &serde_json::Value| f["rule"] == "removed-kpi")
        .collect()
}

/// A KPI deleted after a snapshot reported its figures took them off
/// every page: a decision, as restating them all would be.
#[test]
fn a_kpi_deleted_after_its_figures_were_reported_is_a_finding() {
    let p = repo();
    std::fs::remove_file(p.path().join("content/kpis/nps.md")).unwrap();
    git(&p, "2026-11-25", &["commit", "-qam", "drop the KPI"]);
    let found = removed(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["path"], "content/kpis/nps.md");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(
        found[0]["message"],
        "KPI `nps` (“Customer NPS”, last in snapshot 2026-Q3) had 4 figures reported and its file \
         is gone: deleting the file took them off every page, with no decision on record"
    );
    // The build goes on, and the model says the same for other tools.
    p.run(&["build", "--quiet"]).ok();
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let gone = &json["history"]["removed_kpis"];
    assert_eq!(gone.as_array().unwrap().len(), 1, "{gone}");
    assert_eq!(gone[0]["id"], "nps");
    assert_eq!(gone[0]["after"], "2026-Q3");
    assert_eq!(gone[0]["reported"], 4);
    // Leadership reads which, by the title it had: no page is left.
    assert!(p.read("site/brief.html").contains(
        "Also needing a decision: 1 KPI deleted after its figures were reported (Customer NPS)."
    ));
    // Put back, it is no finding.
    p.write(
        "content/kpis/nps.md",
        &kpi("  - [2026-03, 40]\n  - [2026-05, 38]\n  - [2026-06, 45]\n  - [2026-08, 47]\n"),
    );
    assert!(removed(&p).is_empty());
}

/// What no snapshot reported was not taken off the record: a KPI whose
/// only figure was its snapshot's own month (a flash figure) may go; one
/// whose file cannot be read now is missing, not removed, and its read
/// error says so.
#[test]
fn a_kpi_that_reported_nothing_or_cannot_be_read_is_not_removed() {
    let p = versions(&[("q2", "2026-06-30", "  - [2026-06, 44]\n")], "", &[]);
    std::fs::remove_file(p.path().join("content/kpis/nps.md")).unwrap();
    assert!(removed(&p).is_empty(), "{:#?}", removed(&p));
    let p = versions(&[("q2", "2026-06-30", "  - [2026-05, 44]\n")], "", &[]);
    assert!(removed(&p).is_empty(), "kept: {:#?}", removed(&p));
    std::fs::remove_file(p.path().join("content/kpis/nps.md")).unwrap();
    assert_eq!(removed(&p).len(), 1, "deleted");
    p.write("content/kpis/nps.md", "---\ntitle: [unclosed\n---\n");
    assert!(removed(&p).is_empty(), "unreadable: {:#?}", removed(&p));
}

/// Figures taken out in one quarter and the file deleted in the next: what
/// the earlier snapshot reported still counts, though the last snapshot
/// that had the KPI reported nothing.
#[test]
fn a_kpi_emptied_before_its_file_was_deleted_is_still_removed() {
    let p = versions(
        &[
            ("s1", "2026-06-30", "  - [2026-03, 40]\n  - [2026-05, 42]\n"),
            ("s2", "2026-09-30", "  - [2026-09, 47]\n"),
        ],
        "",
        &[],
    );
    std::fs::remove_file(p.path().join("content/kpis/nps.md")).unwrap();
    let found = removed(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("last in snapshot s2) had 2 figures reported"),
        "{}",
        found[0]["message"]
    );
}

fn rules(p: &Project) -> Vec<String> {
    p.run(&["check", "--format", "json"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["rule"].to_string())
        .map(|r| r.trim_matches('"').to_string())
        .collect()
}

/// A KPI no longer measured is retired, not deleted: its figures stay on
/// its page and in the history, a restated one is still a finding, and from
/// its date on it is neither stale nor among the KPIs of the day.
#[test]
fn a_retired_kpi_keeps_its_figures_and_leaves_the_kpis_of_the_day() {
    let reported = "  - [2026-03, 40]\n  - [2026-05, 42]\n";
    let p = versions(&[("q2", "2026-06-30", reported)], reported, &[]);
    let with = |retired: &str, data: &str| {
        kpi(data).replace("target: 50\n", &format!("target: 50\n{retired}"))
    };
    // Last measured in May and never since: stale, and on the brief.
    assert!(
        rules(&p).contains(&"stale-kpi".to_string()),
        "{:?}",
        rules(&p)
    );
    p.run(&["build", "--quiet"]).ok();
    let brief = p.read("site/brief.html");
    assert!(brief.contains("<strong>Customer NPS</strong>") && brief.contains("0 of 1 on target"));

    p.write("content/kpis/nps.md", &with("retired: 2026-10\n", reported));
    // Live work serves the outcome, so its roll-up gives its reasons.
    p.write(
        "content/initiatives/w.md",
        "---\ntitle: Work\nowner: A\noutcomes: [o]\nstart: 2026-Q3\nend: 2027-Q2\n---\n",
    );
    let found = rules(&p);
    assert!(!found.contains(&"stale-kpi".to_string()), "{found:?}");
    assert!(!found.contains(&"removed-kpi".to_string()), "{found:?}");
    // Its outcome is measured by nothing live any more, and says why.
    let outcome = p.run(&["check", "--format", "json"]).stdout;
    assert!(
        outcome.contains("no live KPI measures outcome `o`: `nps` retired"),
        "{outcome}"
    );
    p.run(&["build", "--quiet"]).ok();
    let brief = p.read("site/brief.html");
    assert!(
        !brief.contains("<strong>Customer NPS</strong>"),
        "the brief's KPIs: {brief}"
    );
    assert!(!brief.contains("of 1 on target"), "counted: {brief}");
    assert!(brief.contains("<strong>KPIs.</strong> None is measured now."));
    let page = p.read("site/kpis/nps.html");
    assert!(
        page.contains("2026-10: no longer measured; the figures it reported stay on record"),
        "{page}"
    );
    assert!(
        page.contains("42") && page.contains("40"),
        "its figures stay"
    );
    assert!(
        page.contains("— retired"),
        "the latest figure judges nothing now"
    );
    assert!(page.contains("Measured outcomes"), "in the past tense");
    // Listed where it measured, said retired, counted nowhere.
    let o = p.read("site/outcomes/o.html");
    assert!(o.contains("Customer NPS (retired 2026-10)"), "{o}");
    assert!(
        o.contains("no live KPI measures it (“Customer NPS” retired)"),
        "{o}"
    );
    let grid = p.read("site/kpi-matrix.html");
    assert!(grid.contains("retired"), "{grid}");
    assert!(grid.contains("1 measured by no KPI"), "{grid}");
    assert!(p.read("site/kpi-matrix.csv").contains("retired"));
    // The list of KPIs gives the ones measured now first, each row with
    // its own KPI's figures.
    p.write(
        "content/kpis/zzz.md",
        "---\ntitle: Zeta\noutcome: o\ntarget: 1\ndata: [[2026-10, 1]]\n---\n",
    );
    p.run(&["build", "--quiet"]).ok();
    let list = p.read("site/kpis/index.html");
    let row = |href: &str| {
        let at = list.find(href).unwrap();
        list[at..list[at..].find("</tr>").unwrap() + at].to_string()
    };
    assert!(list.find("zzz.html") < list.find("nps.html"), "{list}");
    assert!(row("zzz.html").contains("on target"), "{}", row("zzz.html"));
    assert!(row("nps.html").contains("retired"), "{}", row("nps.html"));
    std::fs::remove_file(p.path().join("content/kpis/zzz.md")).unwrap();
    p.run(&["build", "--quiet"]).ok();
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    assert_eq!(json["kpis"][0]["retired"], "2026-10");
    assert_eq!(json["kpis"][0]["status"]["retired"], true);

    // Restating what it reported is still a decision.
    p.write(
        "content/kpis/nps.md",
        &with(
            "retired: 2026-10\n",
            "  - [2026-03, 40]\n  - [2026-05, 41]\n",
        ),
    );
    assert_eq!(findings(&p).len(), 1, "kpi-revised on a retired KPI");

    // A date still ahead is not yet in force.
    p.write("content/kpis/nps.md", &with("retired: 2027-01\n", reported));
    assert!(rules(&p).contains(&"stale-kpi".to_string()));
    p.run(&["build", "--quiet"]).ok();
    assert!(p.read("site/kpis/nps.html").contains("from 2027-01"));
}

fn retirements(p: &Project) -> Vec<String> {
    p.run(&["check", "--format", "json"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["rule"] == "unapproved-kpi-retirement")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

/// Retiring a KPI a snapshot showed measured takes it off the dashboard and
/// its outcomes' roll-ups: a decision, approved by a change request decided
/// after the last snapshot that showed it measured. A snapshot taken since
/// with the KPI already retired clears nothing.
#[test]
fn retiring_a_measured_kpi_needs_an_approved_change_request() {
    let reported = "  - [2026-03, 40]\n  - [2026-05, 42]\n";
    let p = versions(
        &[
            ("q2", "2026-06-30", reported),
            ("q3", "2026-09-30", reported),
        ],
        reported,
        &[],
    );
    let retired = |data: &str| kpi(data).replace("target: 50\n", "target: 50\nretired: 2026-09\n");
    assert!(retirements(&p).is_empty());
    p.write("content/kpis/nps.md", &retired(reported));
    assert_eq!(
        retirements(&p),
        [
            "KPI `nps` is retired from 2026-09 with no approved change request; \
          snapshot q3 showed it measured (42 against 50, off target)"
        ]
    );
    // Retired already in q3 (its day is past 2026-09): q2 is the last that
    // showed it measured, and the question stands.
    p.write("snapshots/q3/content/kpis/nps.md", &retired(reported));
    assert_eq!(
        retirements(&p),
        [
            "KPI `nps` is retired from 2026-09 with no approved change request; \
          snapshot q2 showed it measured (42 against 50, off target)"
        ]
    );
    // Decided before q2: it approves nothing later.
    let cr = |decided: &str| {
        format!("---\ntitle: Retire NPS\ndate: {decided}\nstatus: approved\naffects: [nps]\n---\n")
    };
    p.write("content/changes/retire-nps.md", &cr("2026-06-01"));
    assert_eq!(retirements(&p).len(), 1);
    // The period it happened in says so, wherever the diff is read.
    let text = p.run(&["diff", "q2", "q3"]).ok().stdout;
    assert!(
        text.contains("retired  nps from 2026-09, unapproved"),
        "{text}"
    );
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/q2--q3.html");
    assert!(period.contains("KPIs retired"), "{period}");
    assert!(period.contains("unapproved retirement"), "{period}");
    // The period's one line (its page, the dashboard, the brief, the feed)
    // counts it, as it counts slips.
    let feed = p.read("site/changes.xml");
    assert!(feed.contains(", 1 KPI retired (1 unapproved), "), "{feed}");
    p.write("content/changes/retire-nps.md", &cr("2026-07-02"));
    assert!(retirements(&p).is_empty(), "{:?}", retirements(&p));
    p.run(&["build", "--quiet"]).ok();
    let feed = p.read("site/changes.xml");
    assert!(feed.contains(", 1 KPI retired, "), "{feed}");
    assert_eq!(
        diff(&p, &["q2", "q3"])["retired"][0]["acknowledged_by"],
        "retire-nps"
    );
    // The model says the same for other tools.
    p.write("content/changes/retire-nps.md", &cr("2026-06-01"));
    p.run(&["build", "--quiet"]).ok();
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let open = &json["history"]["open_retirements"];
    assert_eq!(open[0]["id"], "nps");
    assert_eq!(open[0]["after"], "q2");
    assert_eq!(open[0]["on_target"], false);
}

/// A KPI taken off the outcome it measured leaves that outcome's roll-up
/// while it stays measured: an off-target KPI unlinked made the outcome
/// read on track with nothing said. A decision, as a retirement is,
/// approved by a change request affecting the KPI or the outcome decided
/// after the last snapshot that showed the link.
#[test]
fn taking_a_measured_kpi_off_its_outcome_needs_an_approved_change_request() {
    let reported = "  - [2026-03, 40]\n  - [2026-05, 42]\n";
    let p = versions(
        &[
            ("q2", "2026-06-30", reported),
            ("q3", "2026-09-30", reported),
        ],
        reported,
        &[],
    );
    assert!(retirements(&p).is_empty());
    p.write(
        "content/kpis/nps.md",
        &kpi(reported).replace("outcome: o\n", ""),
    );
    let said = "KPI `nps` no longer measures outcome `o`, with no approved change request; \
                snapshot q3 showed it measuring it (42 against 50, off target)";
    assert_eq!(retirements(&p), [said]);
    // The period it happened in says so, wherever the diff is read.
    let text = p.run(&["diff", "q3"]).ok().stdout;
    assert!(
        text.contains("  unlinked nps no longer measures o, unapproved\n"),
        "{text}"
    );
    assert!(diff(&p, &["q2", "q3"])["unlinked"]
        .as_array()
        .unwrap()
        .is_empty());
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/q3--current.html");
    assert!(
        period.contains("<h2>KPIs taken off outcomes</h2>"),
        "{period}"
    );
    assert!(
        period.contains("1 KPI taken off an outcome (1 unapproved)"),
        "{period}"
    );
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let open = &json["history"]["open_unlinked"];
    assert_eq!(open[0]["kpi"], "nps");
    assert_eq!(open[0]["outcome"], "o");
    assert_eq!(open[0]["after"], "q3");
    assert_eq!(open[0]["on_target"], false);
    // The outcome's page says what it lost.
    let outcome = p.read("site/outcomes/o.html");
    assert!(
        outcome.contains("Customer NPS (measured it in snapshot q3, off target then): no approved change request; the roll-up no longer counts it"),
        "{outcome}"
    );
    // Swapped for a flattering one: the new link is in the period too,
    // with no decision asked of it.
    p.write(
        "content/kpis/csat.md",
        "---\ntitle: CSAT\noutcome: o\ntarget: 4\ndata: [[2026-09, 4.5]]\n---\n",
    );
    let text = p.run(&["diff", "q3"]).ok().stdout;
    assert!(text.contains("  linked   csat now measures o\n"), "{text}");
    assert_eq!(
        diff(&p, &["q3"])["linked"],
        serde_json::json!([{ "kpi": "csat", "outcome": "o" }])
    );
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/q3--current.html");
    assert!(
        period.contains("<h2>KPIs added to outcomes</h2>")
            && period
                .contains("1 KPI taken off an outcome (1 unapproved), 1 KPI added to an outcome"),
        "{period}"
    );
    std::fs::remove_file(p.path().join("content/kpis/csat.md")).unwrap();
    assert!(diff(&p, &["q3"])["linked"].as_array().unwrap().is_empty());
    // The link written on the outcome's side instead is the same link.
    p.write(
        "content/outcomes/o.md",
        "---\ntitle: O\nowner: A\nkpis: [nps]\n---\n",
    );
    assert!(retirements(&p).is_empty(), "{:?}", retirements(&p));
    p.write("content/outcomes/o.md", "---\ntitle: O\nowner: A\n---\n");
    // A request on the outcome decided before q3 approves nothing later;
    // one decided after it does.
    let cr = |decided: &str| {
        format!("---\ntitle: Measure O by churn\ndate: {decided}\nstatus: approved\naffects: [o]\n---\n")
    };
    p.write("content/changes/churn.md", &cr("2026-09-01"));
    assert_eq!(retirements(&p), [said]);
    p.write("content/changes/churn.md", &cr("2026-10-01"));
    assert!(retirements(&p).is_empty(), "{:?}", retirements(&p));
    assert_eq!(diff(&p, &["q3"])["unlinked"][0]["acknowledged_by"], "churn");
    // Where q3 stood is said as q3's own site judged it: its target
    // loosened to 40 with no decision, it read off target against 50 (the
    // finding and the outcome said "on target then": from an auditor's
    // trial).
    std::fs::remove_file(p.path().join("content/changes/churn.md")).unwrap();
    p.write(
        "snapshots/q3/content/kpis/nps.md",
        &kpi(reported).replace("target: 50", "target: 40"),
    );
    p.write(
        "content/kpis/nps.md",
        &kpi(reported)
            .replace("outcome: o\n", "")
            .replace("target: 50", "target: 40"),
    );
    let unlinked: Vec<String> = retirements(&p)
        .into_iter()
        .filter(|m| m.contains("no longer measures"))
        .collect();
    assert_eq!(unlinked, [said]);
    p.run(&["build", "--quiet"]).ok();
    let q3 = p.read("site/v/q3/kpis/nps.html");
    assert!(q3.contains("off target"), "{q3}");
    // The outcome itself gone is no KPI taken off it.
    std::fs::remove_file(p.path().join("content/outcomes/o.md")).unwrap();
    assert!(retirements(&p).is_empty(), "{:?}", retirements(&p));
}

/// The latest figure restated with no decision is judged as reported, as
/// a loosened target is judged by the one a snapshot set: August's 47,
/// off target, rewritten as 52 read "on target" on the KPI's page, its
/// outcome and the dashboard, with only the finding to say otherwise
/// (from an auditor's trial).
#[test]
fn the_latest_figure_restated_is_judged_as_reported() {
    let p = repo();
    let now = |data: &str| {
        p.write("content/kpis/nps.md", &kpi(data));
        p.run(&["build", "--quiet"]).ok();
        let doc = crate::exports::valid_roadmap_json(&p.path().join("site"));
        let kpi = doc["kpis"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["id"] == "nps");
        (kpi.unwrap()["status"].clone(), p.read("site/kpis/nps.html"))
    };
    let (status, page) = now("  - [2026-05, 38]\n  - [2026-06, 45]\n  - [2026-08, 52]\n");
    assert_eq!(status["latest"], 47.0, "{status}");
    assert_eq!(status["on_target"], false, "{status}");
    assert_eq!(
        status["latest_restated"],
        serde_json::json!({ "date": "2026-08", "reported": 47.0, "written": 52.0 })
    );
    assert!(
        page.contains("47 (2026-08) — off target")
            && page.contains("47 for 2026-08, the figure a snapshot reported (52 written since with no approved change request)"),
        "{page}"
    );
    assert!(
        page.contains(
            "The figures drawn are as written; 52 for 2026-08 is judged as reported (47).</desc>"
        ),
        "{page}"
    );
    assert!(
        p.read("site/outcomes/o.html").contains("0 of 1"),
        "the outcome counts it off target"
    );
    // The period's KPI movement does not read 47 → 52 as progress.
    let movement =
        "52 <span class=\"badge health-red\">restated, unapproved: judged as reported, 47</span>";
    let period = p.read("site/history/2026-Q3--current.html");
    assert!(period.contains(movement), "{period}");
    let text = p.run(&["diff", "2026-Q3", "current"]).ok().stdout;
    assert!(
        text.contains("kpi      nps: 47 → 52 (restated, unapproved: judged as reported, 47)"),
        "{text}"
    );
    // A new October of 52 beside August restated: the movement is
    // October's, which is no restatement.
    let (_, _) =
        now("  - [2026-05, 38]\n  - [2026-06, 45]\n  - [2026-08, 52]\n  - [2026-10, 52]\n");
    let period = p.read("site/history/2026-Q3--current.html");
    assert!(
        period.contains("<td class=\"num\">52</td>")
            && !period.contains("restated, unapproved: judged"),
        "{period}"
    );
    // Retired as well: it judges nothing, but the figure it shows is
    // still the one reported (retiring it showed the 52).
    p.write(
        "content/kpis/nps.md",
        &kpi("  - [2026-05, 38]\n  - [2026-06, 45]\n  - [2026-08, 52]\n")
            .replace("target: 50\n", "target: 50\nretired: 2026-10\n"),
    );
    p.run(&["build", "--quiet"]).ok();
    let doc = crate::exports::valid_roadmap_json(&p.path().join("site"));
    let status = &doc["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "nps")
        .unwrap()["status"];
    assert_eq!(
        (&status["latest"], &status["retired"]),
        (&serde_json::json!(47.0), &serde_json::json!(true)),
        "{status}"
    );
    assert!(
        p.read("site/kpis/nps.html")
            .contains("47 (2026-08) — retired"),
        "the retired KPI's page"
    );
    // Taken out, June's 45 the latest left: judged by August as reported.
    let (status, page) = now("  - [2026-05, 38]\n  - [2026-06, 45]\n");
    assert_eq!(status["latest"], 47.0, "{status}");
    // Written again for 31 August: August's as reported still stands in.
    let (status, _) = now("  - [2026-05, 38]\n  - [2026-06, 45]\n  - [2026-08-31, 52]\n");
    assert_eq!(
        (&status["latest"], &status["on_target"]),
        (&serde_json::json!(47.0), &serde_json::json!(false)),
        "{status}"
    );
    let (status, _) = now("  - [2026-05, 38]\n  - [2026-06, 45]\n");
    // Read from August, as reported: not stale (read from June, it said
    // 177 days without a figure), and no finding says otherwise.
    assert!(status["stale"].is_null(), "{status}");
    let checked = p.run(&["check", "--format", "json"]).stdout;
    assert!(!checked.contains("\"rule\":\"stale-kpi\""), "{checked}");
    assert!(
        page.contains("47 for 2026-08, the figure a snapshot reported (taken out since with no approved change request)"),
        "{page}"
    );
    // Approved: the figure written stands.
    p.write(
        "content/changes/cr.md",
        "---\ntitle: August restated\ndate: 2026-10-01\nstatus: approved\naffects: [nps]\n---\n",
    );
    let (status, page) = now("  - [2026-05, 38]\n  - [2026-06, 45]\n  - [2026-08, 52]\n");
    assert_eq!(status["latest"], 52.0, "{status}");
    assert_eq!(status["on_target"], true, "{status}");
    assert!(status["latest_restated"].is_null(), "{status}");
    assert!(!page.contains("Judged as reported"), "{page}");
    let period = p.read("site/history/2026-Q3--current.html");
    assert!(
        !period.contains("restated, unapproved") && period.contains("<td class=\"num\">52</td>"),
        "{period}"
    );
}

/// A flash figure replaced needs no decision, but the brief sent the day
/// of the snapshot counted it: the period lists it (June's 44 at a
/// snapshot of 30 June, 45 once final), in its diff, its JSON and on its
/// page, and no finding fires.
#[test]
fn a_flash_figure_replaced_is_listed_in_its_period() {
    let p = repo();
    assert_eq!(
        diff(&p, &["2026-Q2", "2026-Q3"])["flash"],
        serde_json::json!([{ "id": "nps", "series": "kpi", "date": "2026-06", "from": 44.0, "to": 45.0 }])
    );
    let text = p.run(&["diff", "2026-Q2", "2026-Q3"]).ok().stdout;
    assert!(
        text.contains("  flash    nps for 2026-06: 44 when 2026-Q2 was taken, now 45\n"),
        "{text}"
    );
    assert!(!findings(&p)
        .iter()
        .any(|f| f["message"].as_str().unwrap().contains("2026-06")));
    p.run(&["build", "--quiet"]).ok();
    let period = p.read("site/history/2026-Q2--2026-Q3.html");
    assert!(
        period.contains("<h2>Flash figures replaced</h2>")
            && period.contains(", 1 flash figure replaced")
            && period.contains(
                r#"<td class="date">2026-06</td><td class="num">44</td><td class="num">45</td>"#
            ),
        "{period}"
    );
    // Nothing flash in Q3 (its September not yet written): no rows.
    assert_eq!(diff(&p, &["2026-Q3"])["flash"], serde_json::json!([]));

    // Reported final at Q3 and rewritten since: from Q2 on, the revision a
    // decision is asked of, not also Q2's flash replaced.
    p.write(
        "content/kpis/nps.md",
        &kpi("  - [2026-05, 38]\n  - [2026-06, 46]\n  - [2026-08, 47]\n"),
    );
    let span = diff(&p, &["2026-Q2"]);
    assert_eq!(span["flash"], serde_json::json!([]), "{span}");
    assert!(
        span["revisions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["date"] == "2026-06" && r["from"] == 45.0 && r["to"] == 46.0),
        "{span}"
    );
}

/// A figure for a day of a month a quarter reported, added after the
/// quarter's snapshot, does not become the KPI's latest: the month's
/// figure stands and the day's is said (from a trial: August reported at
/// 47 against 50, then `[2026-08-31, 52]` added, and the brief read "on
/// target" with nothing waiting for a decision).
#[test]
fn a_figure_within_a_reported_period_does_not_turn_the_kpi_green() {
    let p = repo();
    p.write(
        "content/kpis/nps.md",
        &kpi("  - [2026-03, 40]\n  - [2026-05, 38]\n  - [2026-06, 45]\n  - [2026-08, 47]\n  - [2026-08-31, 52]\n"),
    );
    let out = p.run(&["check"]).stderr;
    assert!(
        out.contains("content/kpis/nps.md:12:18: warning[RB0269]: KPI `nps` has a figure for 2026-08-31 (52) within its figure for 2026-08 (47, at line 11): two figures for one stretch of time, and the narrower would read as the latest; only the figure for 2026-08 is counted"),
        "{out}"
    );
    p.run(&["build", "--quiet"]).ok();
    let brief = p.read("site/brief.html");
    assert!(brief.contains("0 of 1 on target"), "{brief}");
    let json = crate::exports::valid_roadmap_json(&p.path().join("site"));
    let nps = json["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "nps")
        .unwrap();
    assert_eq!(nps["status"]["latest"], 47.0);
}
