//! Forecasts from the delivery history, as a user meets them: a roadmap
//! kept in git over quarters, tagged each quarter, then built.

use crate::helpers::{git, Project};

fn book(today: &str, min: usize) -> String {
    format!("[book]\ntitle = \"Forecast\"\n\n[roadmap]\ntoday = \"{today}\"\nforecast-min-samples = {min}\n")
}

fn web(milestones: &str) -> String {
    format!("---\ntitle: Web shop\nowner: Ann\nstatus: active\nlayer: application\nteam: web\noutcomes: [grow]\nmilestones:\n{milestones}---\n")
}

/// A web team's roadmap over three quarters, each tagged, each with
/// `forecast-min-samples = min`: at Q2 two milestones done (on time, 10
/// days late) and c, d open; at Q3 c moved a month; now c done 41 days
/// after the date first promised and e added.
fn three_quarters(min: usize) -> Project {
    let p = Project::empty();
    p.write(
        "content/outcomes/grow.md",
        "---\ntitle: Grow\nowner: Ann\n---\n",
    )
    .write(
        "content/teams/web.md",
        "---\ntitle: Web team\ncapacity: 100\n---\n",
    );
    git(&p, "2026-06-30", &["init", "-q"]);
    // Q2: two done (on time, 10 days late), two open.
    p.write("book.toml", &book("2026-06-30", min));
    let done = "  - { id: a, title: A, due: 2026-03-31, done: 2026-03-31 }\n  - { id: b, title: B, due: 2026-05-31, done: 2026-06-10 }\n";
    p.write(
        "content/initiatives/shop.md",
        &web(&format!("{done}  - {{ id: c, title: C, due: 2026-09-30 }}\n  - {{ id: d, title: D, due: 2026-12-31 }}\n")),
    );
    git(&p, "2026-06-30", &["add", "-A"]);
    git(&p, "2026-06-30", &["commit", "-qm", "Q2"]);
    git(
        &p,
        "2026-06-30",
        &["tag", "-a", "roadmap/2026-Q2", "-m", "Q2"],
    );
    // Q3: c moved a month.
    p.write("book.toml", &book("2026-09-30", min));
    p.write(
        "content/initiatives/shop.md",
        &web(&format!("{done}  - {{ id: c, title: C, due: 2026-10-31 }}\n  - {{ id: d, title: D, due: 2026-12-31 }}\n")),
    );
    git(&p, "2026-09-30", &["add", "-A"]);
    git(&p, "2026-09-30", &["commit", "-qm", "Q3"]);
    git(
        &p,
        "2026-09-30",
        &["tag", "-a", "roadmap/2026-Q3", "-m", "Q3"],
    );
    // Now: c done 41 days after the date first promised; e added.
    p.write("book.toml", &book("2026-11-25", min));
    p.write(
        "content/initiatives/shop.md",
        &web(&format!("{done}  - {{ id: c, title: C, due: 2026-10-31, done: 2026-11-10 }}\n  - {{ id: d, title: D, due: 2026-12-31 }}\n  - {{ id: e, title: E, due: 2027-03-31 }}\n")),
    );
    git(&p, "2026-11-25", &["add", "-A"]);
    git(&p, "2026-11-25", &["commit", "-qm", "now"]);
    p
}

#[test]
fn forecasts_come_from_the_team_s_own_history_across_tagged_quarters() {
    let p = three_quarters(3);
    p.run(&["build"]).ok();

    let doc: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let f = &doc["forecasts"];
    let team = &f["teams"]["web"];
    // Late 0, 10 and 41 days (c against 2026-09-30, first promised in Q2).
    assert_eq!(team["done"], 3);
    assert_eq!(team["kept"], 1);
    assert_eq!(
        (team["p50_days"].as_i64(), team["p85_days"].as_i64()),
        (Some(10), Some(41))
    );
    // 1 of 5 milestones moved, once.
    assert_eq!(
        (team["moved"].as_u64(), team["moves"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(team["moved_share"].as_f64(), Some(0.2));
    let forecast = |gid: &str| {
        let m = &f["milestones"][gid];
        (
            m["p50"].as_str().unwrap().to_string(),
            m["p85"].as_str().unwrap().to_string(),
            m["basis"].clone(),
        )
    };
    let team_basis = serde_json::json!({ "kind": "team", "name": "web" });
    assert_eq!(
        forecast("shop/d"),
        ("2027-01-10".into(), "2027-02-10".into(), team_basis.clone())
    );
    assert_eq!(
        forecast("shop/e"),
        ("2027-04-10".into(), "2027-05-11".into(), team_basis)
    );
    assert!(
        f["milestones"].get("shop/c").is_none(),
        "done milestones get none"
    );

    // The initiative page says it beside the due date.
    let page = p.read("site/initiatives/shop.html");
    assert!(
        page.contains("forecast 2027-01-10 likely, 2027-02-10 cautious (+10 / +41 d, from team Web team&#39;s history)"),
        "{}",
        &page[page.find("id=\"m-d\"").unwrap()..][..600]
    );

    // The dashboard counts the likely late in words that fit one.
    let dash = p.read("site/index.html");
    assert!(
        dash.contains("<p>2 of the 2 milestones not yet due have a cautious forecast"),
        "{dash}"
    );
    let without_e = p
        .read("content/initiatives/shop.md")
        .replace("  - { id: e, title: E, due: 2027-03-31 }\n", "");
    p.write("content/initiatives/shop.md", &without_e);
    p.run(&["build"]).ok();
    let dash = p.read("site/index.html");
    assert!(
        dash.contains("<p>The one milestone not yet due has a cautious forecast (P85) past its due date, from its team's own delivery history, else its layer's"),
        "{dash}"
    );

    // Below the threshold, no forecast, said as such.
    p.write("book.toml", &book("2026-11-25", 4));
    p.run(&["build"]).ok();
    let doc: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    assert!(doc["forecasts"]["milestones"]["shop/d"].is_null());
    assert!(p
        .read("site/initiatives/shop.html")
        .contains("no forecast: fewer than 4 done milestones to learn from"));
}

/// A completion dated back before a snapshot's record of it counts in the
/// team's history on the day the record allows, as in the delivery
/// metrics: written earlier, it made the team look on time and its
/// forecasts hopeful.
#[test]
fn a_completion_dated_back_counts_in_the_team_s_history_as_recorded() {
    let p = three_quarters(3);
    // b was recorded done on 2026-06-10 (10 days late) at Q2; now it says
    // 2026-05-01, on time. Tagged as Q4 too: the archived version reads
    // its own history the same way.
    let shop = p
        .read("content/initiatives/shop.md")
        .replace("done: 2026-06-10", "done: 2026-05-01");
    p.write("content/initiatives/shop.md", &shop);
    git(&p, "2026-11-25", &["commit", "-qam", "b dated back"]);
    git(
        &p,
        "2026-11-25",
        &["tag", "-a", "roadmap/2026-Q4", "-m", "Q4"],
    );
    p.run(&["build"]).ok();
    let doc: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let team = &doc["forecasts"]["teams"]["web"];
    // Late 0, 10 (b, as Q2 recorded it) and 41 days: one promise kept.
    assert_eq!(team["kept"], 1, "{team}");
    assert_eq!(
        (team["p50_days"].as_i64(), team["p85_days"].as_i64()),
        (Some(10), Some(41))
    );
    let said = "forecast 2027-01-10 likely, 2027-02-10 cautious (+10 / +41 d, from team Web team&#39;s history)";
    for page in [
        "site/initiatives/shop.html",
        "site/v/2026-Q4/initiatives/shop.html",
    ] {
        let page = p.read(page);
        assert!(
            page.contains(said),
            "{}",
            &page[page.find("id=\"m-d\"").unwrap()..][..600]
        );
    }
    // The Q4 snapshot's own forecasts, which the diffs compare, too: d's
    // did not move from Q4 to now.
    let diff: serde_json::Value = serde_json::from_str(
        &p.run(&["diff", "--format", "json", "2026-Q4", "current"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(diff["forecasts"], serde_json::json!([]), "{diff}");
}

/// A forecast move read from the diff JSON: milestone, P85 from, P85 to,
/// days.
type Moved = (String, Option<String>, Option<String>, Option<i64>);

#[test]
fn the_diff_shows_how_forecasts_moved_as_each_quarter_made_them() {
    // Two done milestones are enough: every quarter forecasts.
    let p = three_quarters(2);
    p.run(&["build"]).ok();
    let diff = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["diff", "--format", "json"];
        all.extend(args);
        let out = p.run(&all).ok();
        serde_json::from_str(&out.stdout).unwrap()
    };
    let moved = |d: &serde_json::Value| -> Vec<Moved> {
        d["forecasts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["gid"].as_str().unwrap().to_string(),
                    f["from"]["p85"].as_str().map(String::from),
                    f["to"]["p85"].as_str().map(String::from),
                    f["days"].as_i64(),
                )
            })
            .collect()
    };
    // Q2 → Q3: web's history is 0 and 10 days late (P85 10) at both ends;
    // c moved a month, so its cautious date did too. d did not move.
    assert_eq!(
        moved(&diff(&["2026-Q2", "2026-Q3"])),
        [(
            "shop/c".into(),
            Some("2026-10-10".into()),
            Some("2026-11-10".into()),
            Some(31)
        )]
    );
    // Q3 → now: c, done 41 days late, makes web's P85 41: d's cautious
    // date goes from 2026-12-31 + 10 to + 41. c is done, e is new: neither
    // was open at both ends.
    let latest = vec![(
        "shop/d".to_string(),
        Some("2027-01-10".to_string()),
        Some("2027-02-10".to_string()),
        Some(31),
    )];
    assert_eq!(moved(&diff(&[])), latest);
    // Two snapshots apart, each end still forecasts from its own history.
    assert_eq!(moved(&diff(&["2026-Q2", "current"])), latest);
    let doc: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    assert_eq!(moved(&doc["history"]["diffs"][1]), latest);
    // The snapshots' own pair, made once with the snapshots.
    let first = moved(&doc["history"]["diffs"][0]);
    assert_eq!(first, moved(&diff(&["2026-Q2", "2026-Q3"])));
    assert_eq!(doc["history"]["diffs"].as_array().unwrap().len(), 2);
    // `serve` keeps the snapshots between builds and copies their pairs'
    // moves into each: a rebuild has both periods' moves as a build does.
    let options = roadbook::site::Options {
        reuse_snapshots: true,
        ..Default::default()
    };
    let env = roadbook::config::Environment::default;
    let periods = |loaded: &roadbook::site::Loaded| -> Vec<Vec<(String, Option<i64>)>> {
        let diffs = loaded.history.diffs.iter();
        diffs
            .map(|d| {
                d.forecasts
                    .iter()
                    .map(|f| (f.gid.to_string(), f.days))
                    .collect()
            })
            .collect()
    };
    let built = periods(
        &roadbook::site::Site::new(p.path(), env(), Default::default())
            .load()
            .expect("loads"),
    );
    assert_eq!(
        built,
        [
            [("shop/c".to_string(), Some(31))],
            [("shop/d".to_string(), Some(31))]
        ]
    );
    let mut site = roadbook::site::Site::new(p.path(), env(), options);
    assert_eq!(periods(&site.load().expect("loads")), built);
    site.only_content_changed();
    assert_eq!(periods(&site.load().expect("loads again")), built);

    // In words, on the diff page, and on the dashboard.
    let text = p.run(&["diff"]).ok().stdout;
    assert!(
        text.contains(
            "forecast shop/d: P85 2027-01-10 → 2027-02-10 (+31 days), P50 2026-12-31 → 2027-01-10"
        ),
        "{text}"
    );
    let page = p.read("site/history/2026-Q3--current.html");
    assert!(page.contains("<h2>Forecasts moved</h2>"), "{page}");
    assert!(
        page.contains(r#"<td class="date">2026-12-31</td><td class="date">2026-12-31 / 2027-01-10</td><td class="date">2027-01-10 / 2027-02-10</td><td class="num"><span class="badge health-amber">+31</span>"#),
        "{}",
        &page[page.find("Forecasts moved").unwrap()..][..1200]
    );
    assert!(p
        .read("site/index.html")
        .contains("1 cautious forecast later"));

    // How those forecasts held: Q2 gave c 2026-10-10 at worst, Q3 (after
    // the move) 2026-11-10; c was done 2026-11-10. d is not due yet.
    let held: Vec<(String, u64, u64, u64)> = doc["forecasts"]["calibration"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["snapshot"].as_str().unwrap().to_string(),
                c["checked"].as_u64().unwrap(),
                c["within_p85"].as_u64().unwrap(),
                c["within_p50"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        held,
        [("2026-Q2".into(), 1, 0, 0), ("2026-Q3".into(), 1, 1, 0)]
    );
    let metrics = p.read("site/metrics.html");
    assert!(
        metrics.contains(r#"<th scope="row">All snapshots</th><td class="num">2</td><td class="num">50%</td><td class="num">0%</td>"#),
        "{}",
        &metrics[metrics.find("How earlier forecasts held").unwrap()..]
    );

    // The archived Q3 pages show the forecast Q3 made, not today's.
    let q3 = p.read("site/v/2026-Q3/initiatives/shop.html");
    assert!(q3.contains("2027-01-10 cautious"), "{q3}");
    assert!(!q3.contains("2027-02-10 cautious"));

    // Taken as a snapshot, the working tree's site keeps how the earlier
    // forecasts held, as its own build said (an archived metrics page said
    // none could be checked yet).
    git(
        &p,
        "2026-11-25",
        &["tag", "-a", "roadmap/2026-Q4", "-m", "Q4"],
    );
    p.run(&["build"]).ok();
    let row = r#"<th scope="row">All snapshots</th><td class="num">2</td><td class="num">50%</td><td class="num">0%</td>"#;
    let archived = p.read("site/v/2026-Q4/metrics.html");
    assert!(
        archived.contains(row),
        "{}",
        &archived[archived.find("How earlier forecasts held").unwrap()..]
    );
    assert!(!archived.contains("No snapshot's forecasts can be checked yet"));
    // The first quarter had no earlier forecasts to check.
    assert!(p
        .read("site/v/2026-Q2/metrics.html")
        .contains("No snapshot's forecasts can be checked yet"));
}

#[test]
fn the_example_forecasts_from_two_teams_falls_back_for_others_and_flags_a_gate() {
    let (_keep, site) = crate::helpers::example();
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("roadmap.json")).unwrap()).unwrap();
    let f = &doc["forecasts"];
    let bases: std::collections::BTreeSet<String> = f["milestones"]
        .as_object()
        .unwrap()
        .values()
        .filter(|m| !m.is_null())
        .map(|m| {
            format!(
                "{}:{}",
                m["basis"]["kind"].as_str().unwrap(),
                m["basis"]["name"].as_str().unwrap_or("")
            )
        })
        .collect();
    let teams: Vec<&String> = bases.iter().filter(|b| b.starts_with("team:")).collect();
    assert!(
        teams.len() >= 2,
        "forecasts from at least two teams' own history: {bases:?}"
    );
    assert!(
        bases.iter().any(|b| !b.starts_with("team:")),
        "and a fallback for a team with too few: {bases:?}"
    );
    // The team page shows its history, the metrics page the method.
    let team = std::fs::read_to_string(site.join("teams/integration.html")).unwrap();
    assert!(team.contains("<h2 id=\"h-delivery\">Delivery history</h2>"));
    let history = &f["teams"]["integration"];
    let said = format!(
        "due date plus {} d (likely) and plus {} d (cautious)",
        history["forecast_p50_days"], history["forecast_p85_days"]
    );
    assert!(team.contains(&said), "integration's history: {said}");
    let metrics = std::fs::read_to_string(site.join("metrics.html")).unwrap();
    assert!(metrics.contains("How forecasts are made"));
    // A team with too few says where its milestones' forecasts come from:
    // another team of their initiative first (it said its layer's, for
    // work forecast from a co-delivering team's history).
    let few = std::fs::read_to_string(site.join("teams/data-platform.html")).unwrap();
    assert!(
        few.contains("take their forecast from another team of their initiative that has enough, else their layer&#39;s history"),
        "{few}"
    );
    // A gate whose cautious forecast is past its date is a finding.
    let gates: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["rule"] == "forecast-late" && d["message"].as_str().unwrap().starts_with("gate ")
        })
        .collect();
    assert!(!gates.is_empty(), "no gate flagged forecast-late");
    // An archived quarter's findings page has its own forecasts' findings,
    // as the build of its day did (they were left out of every version).
    let q3 = std::fs::read_to_string(site.join("v/2026-Q3/findings.html")).unwrap();
    assert!(q3.contains("<small>forecast-late</small>"), "{q3}");
}

#[test]
fn the_dashboard_lists_what_is_likely_late_and_not_what_is_already_overdue() {
    let (_keep, site) = crate::helpers::example();
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("roadmap.json")).unwrap()).unwrap();
    let today = doc["today"].as_str().unwrap();
    // Not yet due, cautious forecast past the due date.
    let expected = doc["forecasts"]["milestones"]
        .as_object()
        .unwrap()
        .values()
        .filter(|m| !m.is_null())
        .filter(|m| m["due"].as_str().unwrap() >= today && m["p85"].as_str() > m["due"].as_str())
        .count();
    assert!(expected > 0);
    let dash = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        dash.contains(&format!("{expected} of the ")),
        "likely-late count {expected}"
    );
    let section = &dash[dash.find("id=\"h-likely-late\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    // Overdue milestones are not in it: they are in the section above.
    assert!(!section.contains("300 warehouse terminals upgraded"));
    assert!(dash.find("id=\"h-overdue\"").unwrap() < dash.find("id=\"h-likely-late\"").unwrap());
    // The period's lists are cut on the dashboard, and it says so.
    assert!(
        dash.contains("Each list here shows its first 25"),
        "cut lists"
    );
    // Not every forecast is a team's: the lede says where each comes from.
    assert!(section.contains("the From column says which"), "{section}");
    // At most eight rows; when there are more, it says how many it shows
    // and where the others are.
    let shown = section.matches("<tr><td>").count();
    assert_eq!(shown, expected.min(8), "{section}");
    assert_eq!(
        section.contains(&format!(
            "The {shown} furthest past of {expected}; every milestone"
        )),
        expected > 8,
        "{section}"
    );
    // Furthest past its due date first.
    let (first, _, _) = doc["forecasts"]["milestones"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, m)| !m.is_null() && m["due"].as_str().unwrap() >= today)
        .map(|(gid, m)| {
            let day = |k: &str| m[k].as_str().unwrap().parse::<jiff::civil::Date>().unwrap();
            (
                gid.clone(),
                (day("p85") - day("due")).get_days(),
                day("due"),
            )
        })
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(b.0.cmp(&a.0)))
        .unwrap();
    let (initiative, milestone) = first.split_once('/').unwrap();
    assert!(
        section.contains(&format!("initiatives/{initiative}.html#m-{milestone}")),
        "{first} first: {section}"
    );
    // The brief says the count beside the overdue ones.
    let brief = std::fs::read_to_string(site.join("brief.html")).unwrap();
    assert!(brief.contains(&format!(
        "and {expected} not yet due at risk (P85 past due)"
    )));
    // And names the one furthest past, with how many more (the count
    // alone named none: from a trial).
    let named = &brief[brief.find("Not yet due, at risk: ").expect(&brief)..];
    let named = &named[..named.find("</p>").unwrap()];
    assert_eq!(named.matches("(cautious ").count(), 1, "{named}");
    assert_eq!(
        named.ends_with(&format!(" and {} more on the site.", expected - 1)),
        expected > 1,
        "{named}"
    );
}

#[test]
fn a_late_forecast_says_when_the_team_is_also_overcommitted_then() {
    let p = Project::empty();
    p.write("book.toml", &book("2026-11-25", 1))
        .write("content/outcomes/grow.md", "---\ntitle: Grow\nowner: Ann\n---\n")
        .write("content/teams/web.md", "---\ntitle: Web team\ncapacity: 20\n---\n")
        // 200 person-days over 2027-Q1 against a capacity of 20.
        .write(
            "content/initiatives/shop.md",
            "---\ntitle: Web shop\nowner: Ann\nstatus: active\nteam: web\neffort: 200\nstart: 2027-01\nend: 2027-03\noutcomes: [grow]\nmilestones:\n  - { id: a, title: A, due: 2026-03-31, done: 2026-04-30 }\n  - { id: go, title: Go, due: 2027-02-15, gate: true }\n---\n",
        );
    let out = p.run(&["check", "--format", "json"]);
    let late: Vec<String> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["rule"] == "forecast-late")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert!(
        late.iter().any(|m| m.starts_with(
            "gate `shop/go` is due 2027-02-15, but its cautious forecast (P85) is 2027-03-17, 30 days later"
        ) && m.ends_with("; team `web` is also overcommitted in 2027-Q1")),
        "{late:#?}\n{}",
        out.stdout
    );
}

/// A forecast pushed later by what the milestone waits for says how far
/// its dates are past its due, beside them: the history's own shift
/// ("+41 d") read beside a date two months later says the wrong thing.
/// So does the finding, counting from the end or gate it is late for.
#[test]
fn a_pushed_forecast_says_how_far_past_its_due_it_is() {
    let p = three_quarters(3);
    p.write(
        "content/initiatives/shop.md",
        &web("  - { id: a, title: A, due: 2026-03-31, done: 2026-03-31 }\n  - { id: b, title: B, due: 2026-05-31, done: 2026-06-10 }\n  - { id: c, title: C, due: 2026-10-31, done: 2026-11-10 }\n  - { id: d, title: D, due: 2026-12-31 }\n  - { id: f, title: F, due: 2026-12-15, gate: true, depends_on: [shop/d] }\n"),
    );
    p.run(&["build", "--quiet"]).ok();
    let doc: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let f = &doc["forecasts"]["milestones"]["shop/f"];
    assert_eq!(f["pushed_by"], "shop/d", "{f}");
    let day = |s: &serde_json::Value| s.as_str().unwrap().parse::<jiff::civil::Date>().unwrap();
    let due = jiff::civil::date(2026, 12, 15);
    let past = |d: jiff::civil::Date| i64::from((d - due).get_days());
    let (p50, p85) = (past(day(&f["p50"])), past(day(&f["p85"])));
    assert!(p85 > f["shift_days"][1].as_i64().unwrap(), "{f}");
    let page = p.read("site/initiatives/shop.html");
    assert!(
        page.contains(&format!(
            "cautious (+{p50} / +{p85} d, from team Web team&#39;s history; waits for"
        )),
        "{}",
        &page[page.find("id=\"m-f\"").unwrap()..][..900]
    );
    // The dashboard's From says it too: the date is not its team's
    // history's alone.
    let dash = p.read("site/index.html");
    assert!(
        dash.contains("<td>team Web team&#39;s history, waiting for D (Web shop)</td>"),
        "{}",
        &dash[dash.find("h-likely-late").unwrap()..]
    );
    let out = p.run(&["check", "--format", "json"]);
    assert!(
        out.stdout.contains(&format!(
            "gate `shop/f` is due 2026-12-15, but its cautious forecast (P85) is {}, {p85} days later, from team `web`'s history",
            f["p85"].as_str().unwrap()
        )),
        "{}",
        out.stdout
    );
}

/// A gate or an end moved later with no decision is forecast against the
/// date it stands committed to: moved out past its cautious forecast, a
/// late gate's finding went away, and only the slip said anything.
#[test]
fn a_late_forecast_is_judged_against_the_date_committed() {
    let p = three_quarters(1);
    let shop = |gate: &str, end: &str| {
        web(&format!("  - {{ id: a, title: A, due: 2026-03-31, done: 2026-03-31 }}\n  - {{ id: b, title: B, due: 2026-05-31, done: 2026-06-10 }}\n  - {{ id: c, title: C, due: 2026-10-31, done: 2026-11-10 }}\n  - {{ id: g, title: G, due: {gate}, gate: true }}\n"))
            .replace("status: active\n", &format!("status: active\nstart: 2026-01-01\nend: {end}\n"))
    };
    // The same work with no `end:`: its end is its milestones'.
    let bare = |gate: &str| shop(gate, "none").replace("end: none\n", "");
    p.write(
        "content/initiatives/shop.md",
        &shop("2027-01-31", "2027-01-31"),
    )
    .write("content/initiatives/bare.md", &bare("2027-01-31"));
    git(&p, "2026-11-25", &["add", "-A"]);
    git(&p, "2026-11-25", &["commit", "-qm", "Q4"]);
    git(
        &p,
        "2026-11-25",
        &["tag", "-a", "roadmap/2026-Q4", "-m", "Q4"],
    );
    p.write("book.toml", &book("2026-11-30", 1));
    p.write(
        "content/initiatives/shop.md",
        &shop("2027-09-30", "2027-09-30"),
    )
    .write("content/initiatives/bare.md", &bare("2027-09-30"));
    let late: Vec<String> = p
        .run(&["check", "--format", "json"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["rule"] == "forecast-late")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert!(
        late.iter().any(|m| m.starts_with(
            "gate `shop/g` stands committed to 2027-01-31 (moved to 2027-09-30 with no approved change request), but its cautious forecast (P85) is "
        )),
        "{late:#?}"
    );
    assert!(
        late.iter().any(|m| m.starts_with(
            "initiative `shop` stands committed to end 2027-01-31 (moved to 2027-09-30 with no approved change request), but "
        )),
        "{late:#?}"
    );
    // Judged where only its milestones make the end (from a review).
    assert!(
        late.iter().any(|m| m.starts_with(
            "initiative `bare` stands committed to end 2027-01-31 (it now ends 2027-09-30 with its milestones, later with no approved change request), but `bare/g`'s cautious forecast (P85) is "
        )),
        "{late:#?}"
    );
}
