//! Page-level tests through the library: the site is loaded and rendered in
//! memory with `roadbook::site::Site` (nothing is written), and each page
//! family is checked against what the loaded roadmap and its facts say.

use crate::helpers::{tree, Project};
use roadbook::config::Environment;
use roadbook::site::{Loaded, Options, Site};
use std::collections::BTreeMap;

type Files = BTreeMap<String, Vec<u8>>;

/// Load and render `p` in memory; the project folder must be left as it
/// was (no `site/`, no stamps).
fn render(p: &Project) -> (Loaded, Files) {
    let before = tree(p.path());
    let mut site = Site::new(p.path(), Environment::default(), Options::default());
    let mut loaded = match site.load() {
        Ok(l) => l,
        Err(d) => panic!("the fixture does not load: {d:?}"),
    };
    let files = site.render(&mut loaded).expect("renders");
    assert_eq!(
        loaded.config.today.iso(),
        "2026-11-25",
        "the fixtures pin `today` in book.toml"
    );
    assert_eq!(
        tree(p.path()).keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "rendering in memory wrote into the project"
    );
    (loaded, files)
}

fn page<'f>(files: &'f Files, path: &str) -> &'f str {
    let bytes = files.get(path).unwrap_or_else(|| {
        panic!(
            "no {path} among {:?}",
            files
                .keys()
                .filter(|k| k.ends_with(".html"))
                .collect::<Vec<_>>()
        )
    });
    std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `<main>` of a page: what the page itself says, navigation aside.
fn main_of<'f>(files: &'f Files, path: &str) -> &'f str {
    let html = page(files, path);
    let start = html
        .find("<main")
        .unwrap_or_else(|| panic!("{path} has no <main>"));
    let end = html[start..]
        .find("</main>")
        .map(|e| start + e)
        .unwrap_or_else(|| panic!("{path}: <main> is not closed"));
    &html[start..end]
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[test]
fn item_pages_show_each_initiative_with_its_outcomes_and_milestones() {
    let p = Project::fixture("valid");
    let (loaded, files) = render(&p);
    let r = &loaded.roadmap;
    assert_eq!(r.initiatives.len(), 2);
    for i in &r.initiatives {
        let html = main_of(&files, &i.meta.url);
        assert!(
            html.contains(&format!("<h1>{}</h1>", i.meta.title)),
            "{}: {html}",
            i.meta.url
        );
        assert!(
            html.contains(&format!("<dd>{}</dd>", i.owner)),
            "{}",
            i.meta.url
        );
        assert!(!i.outcomes.is_empty());
        for o in &i.outcomes {
            let outcome = r.get(o).expect("outcome resolves");
            let link = format!(r#"<a href="../{}">{}</a>"#, outcome.url, outcome.title);
            assert!(html.contains(&link), "{} lacks {link}", i.meta.url);
        }
        for m in &i.milestones {
            let row = format!(r#"<tr id="m-{}"><th scope="row">{}"#, m.id, m.title);
            assert!(html.contains(&row), "{} lacks {row}", i.meta.url);
            for c in &m.criteria {
                assert!(html.contains(&format!("<li>{c}</li>")), "{c}");
            }
        }
    }
    // The shop's overdue milestone is named with its days overdue, as the
    // facts count them.
    let shop = main_of(&files, "initiatives/shop.html");
    assert!(loaded.facts.overdue.contains(&"shop/beta".to_string()));
    assert!(
        shop.contains(r##"<a href="#m-beta">Beta live (due 2026-10-31, 25 days overdue)</a>"##),
        "{shop}"
    );
    // Raw HTML of the body is sanitised on the page.
    assert!(!shop.contains("<script"), "{shop}");
    assert!(!shop.contains("onclick"), "{shop}");
    assert!(!shop.contains("javascript:"), "{shop}");
    // Every document of every kind has its page.
    for m in r.all_meta() {
        let html = main_of(&files, &m.url);
        assert!(html.contains(&m.title), "{} lacks its title", m.url);
    }
}

#[test]
fn list_pages_list_every_item_of_their_kind() {
    let p = Project::fixture("valid");
    let (loaded, files) = render(&p);
    let mut by_dir: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for m in loaded.roadmap.all_meta() {
        by_dir.entry(m.kind.dir()).or_default().push(&m.url);
    }
    // The fixture has every kind, free pages included.
    assert_eq!(
        by_dir.keys().copied().collect::<Vec<_>>(),
        vec![
            "capabilities",
            "changes",
            "initiatives",
            "kpis",
            "outcomes",
            "pages",
            "reviews",
            "teams"
        ]
    );
    for (dir, urls) in &by_dir {
        let list = format!("{dir}/index.html");
        let html = main_of(&files, &list);
        for url in urls {
            assert!(
                html.contains(&format!(r#"href="../{url}""#)),
                "{list} does not link {url}"
            );
        }
    }
    // The initiatives' list says how many there are and lists each id.
    let list = main_of(&files, "initiatives/index.html");
    let n = loaded.roadmap.initiatives.len();
    assert!(
        list.contains(&format!("{n} initiatives in Acme Roadmap.")),
        "{list}"
    );
    assert_eq!(list.matches("<tr><th scope=\"row\">").count(), n, "{list}");
}

/// The dashboard's tiles say what the facts and the findings say.
fn assert_dashboard_matches(loaded: &Loaded, files: &Files) {
    let html = main_of(files, "index.html");
    let (r, f) = (&loaded.roadmap, &loaded.facts);
    let tile = |value: String, label: &str| {
        let want =
            format!(r#"<span class="tile-value">{value}</span><span class="tile-label">{label}"#);
        assert!(html.contains(&want), "no tile {want}\n{html}");
    };
    tile(
        f.live_initiatives.to_string(),
        &format!(
            "live initiative{} ({} in all, {} in backlog)",
            plural(f.live_initiatives),
            r.initiatives.len(),
            f.backlog.len()
        ),
    );
    tile(
        f.overdue.len().to_string(),
        &format!("milestone{} overdue", plural(f.overdue.len())),
    );
    tile(
        f.watermelons(r).count().to_string(),
        "watermelons: reported green, computed red",
    );
    let unapproved = loaded.history.unapproved_slips().len();
    tile(
        unapproved.to_string(),
        &format!(
            r##"<a href="#h-decide">unapproved slip{}</a>"##,
            plural(unapproved)
        ),
    );
    let served = &f.traceability.outcomes_served;
    assert_eq!(served.whole, r.outcomes.len());
    assert_eq!(
        served.part,
        r.outcomes.len() - f.traceability.unserved_outcomes.len()
    );
    tile(
        format!("{} / {}", served.part, served.whole),
        "outcomes served by live or delivered work",
    );
    let (errors, warnings) = (loaded.errors(), loaded.warnings());
    assert_eq!(errors + warnings, loaded.diagnostics.len());
    tile(
        loaded.diagnostics.len().to_string(),
        &format!(
            r#"<a href="findings.html">check findings</a> ({errors} error{}, {warnings} warning{})"#,
            plural(errors),
            plural(warnings)
        ),
    );
    // Every overdue milestone is in the dashboard's table.
    for gid in &f.overdue {
        let (init, id) = gid.split_once('/').unwrap();
        let url = format!("{}#m-{id}", r.initiative(init).unwrap().meta.url);
        assert!(html.contains(&format!(r#"<a href="{url}">"#)), "{url}");
    }
}

#[test]
fn dashboard_counts_match_the_facts() {
    for fixture in ["valid", "weights"] {
        let p = Project::fixture(fixture);
        let (loaded, files) = render(&p);
        assert_dashboard_matches(&loaded, &files);
    }
    // The weights fixture has a watermelon: the tile must not say 0.
    let p = Project::fixture("weights");
    let (loaded, files) = render(&p);
    assert_eq!(loaded.facts.watermelons(&loaded.roadmap).count(), 1);
    let html = main_of(&files, "index.html");
    assert!(html.contains(
        r#"<li class="tile tile-alert"><span class="tile-value">1</span><span class="tile-label">watermelons"#
    ));
}

#[test]
fn traceability_page_links_every_outcome_and_the_work_serving_it() {
    let p = Project::fixture("valid");
    let (loaded, files) = render(&p);
    let r = &loaded.roadmap;
    let html = main_of(&files, "traceability.html");
    assert!(!r.outcomes.is_empty());
    for o in &r.outcomes {
        assert!(
            html.contains(&format!(r#"<details id="o-{}" class="trace""#, o.meta.id)),
            "{}",
            o.meta.id
        );
        assert!(html.contains(&format!(r#"<a href="{}">Open the outcome</a>"#, o.meta.url)));
        for i in r
            .initiatives
            .iter()
            .filter(|i| i.outcomes.iter().any(|x| *x == o.meta.id))
        {
            assert!(
                html.contains(&format!(
                    r#"<td><a href="{}">{}</a></td>"#,
                    i.meta.url, i.meta.title
                )),
                "{} under {}",
                i.meta.id,
                o.meta.id
            );
        }
    }
    let t = &loaded.facts.traceability;
    assert!(t.backlog.is_empty() && t.unserved_outcomes.is_empty());
    assert!(html.contains("<p>Every initiative serves an outcome.</p>"));
    assert!(html.contains("<p>Every outcome is served by live work or has its work delivered.</p>"));
    // The matrix as CSV: a header and one row per initiative–outcome link.
    let csv = page(&files, "traceability.csv");
    let links: usize = r.initiatives.iter().map(|i| i.outcomes.len()).sum();
    assert_eq!(csv.lines().count(), 1 + links, "{csv}");
    for i in &r.initiatives {
        for o in &i.outcomes {
            assert!(
                csv.lines()
                    .any(|l| l.starts_with(&format!("{},", i.meta.id)) && l.contains(o.as_str())),
                "{} → {o}: {csv}",
                i.meta.id
            );
        }
    }
}

#[test]
fn findings_page_lists_every_finding_in_the_checks_order() {
    let p = Project::fixture("weights");
    let (loaded, files) = render(&p);
    let rules: Vec<&str> = loaded.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(
        rules,
        vec![
            "watermelon",
            "overdue-milestone",
            "stale-change-request",
            "missing-criteria"
        ]
    );
    let html = main_of(&files, "findings.html");
    assert!(
        html.contains(&format!(
            "{} errors and {} warning{} from the roadmap check",
            loaded.errors(),
            loaded.warnings(),
            plural(loaded.warnings())
        )),
        "{html}"
    );
    let mut from = 0;
    for d in &loaded.diagnostics {
        let cell = format!("<code>{}</code><br><small>{}</small>", d.code, d.rule);
        let at = html[from..]
            .find(&cell)
            .unwrap_or_else(|| panic!("{cell} missing or out of order\n{html}"));
        from += at;
        let row_end = from + html[from..].find("</tr>").unwrap();
        let row = &html[from..row_end];
        // The page sets each `span` of the message as code.
        let message = d
            .message
            .split('`')
            .enumerate()
            .map(|(k, part)| match k % 2 {
                1 => format!("<code>{part}</code>"),
                _ => part.to_string(),
            })
            .collect::<String>();
        assert!(row.contains(&message), "{row}\nlacks {message}");
        let span = d.span.expect("every finding here has a span");
        let location = format!("<code>{}:{}:{}</code>", d.path, span.line, span.col);
        assert!(row.contains(&location), "{row}\nlacks {location}");
        from = row_end;
    }
    // The same findings in roadmap.json.
    let json: serde_json::Value =
        serde_json::from_slice(&files["roadmap.json"]).expect("roadmap.json parses");
    let in_json: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(in_json, rules);
}

/// The `valid` fixture with `n` initiatives more, each with a milestone of
/// no criteria: a group of findings longer than the runs of rows the
/// findings page is written in.
fn with_many_findings(n: usize) -> Project {
    let p = Project::fixture("valid");
    for k in 0..n {
        p.write(
            &format!("content/initiatives/bulk-{k:03}.md"),
            &format!(
                "---\ntitle: Bulk {k}\nowner: Ada L.\noutcomes: [grow-online]\nstatus: active\nhealth: green\nlayer: application\nteam: web\nstart: 2026-Q1\nend: 2027-Q2\nmilestones:\n  - id: m\n    title: Step {k}\n    due: 2027-03-31\n---\n"
            ),
        );
    }
    p
}

/// Each finding's row, in the check's order, each once.
fn assert_rows_in_order(html: &str, loaded: &Loaded) {
    assert_eq!(
        html.matches("<tr><td>").count(),
        loaded.diagnostics.len(),
        "one row per finding"
    );
    let mut from = 0;
    for d in &loaded.diagnostics {
        let span = d
            .span
            .map_or(String::new(), |s| format!(":{}:{}", s.line, s.col));
        let cell = format!(
            "<code>{}</code><br><small>{}</small></td><td>",
            d.code, d.rule
        );
        let location = format!("<small><code>{}{span}</code></small>", d.path);
        let at = html[from..]
            .find(&cell)
            .unwrap_or_else(|| panic!("{cell} ({location}) missing or out of order"));
        from += at;
        let row_end = from + html[from..].find("</tr>").unwrap();
        assert!(
            html[from..row_end].contains(&location),
            "{}\nlacks {location}",
            &html[from..row_end]
        );
        from = row_end;
    }
}

#[test]
fn a_long_group_of_findings_lists_every_one_in_order() {
    let p = with_many_findings(600);
    let (loaded, files) = render(&p);
    let criteria = loaded
        .diagnostics
        .iter()
        .filter(|d| d.rule == "missing-criteria")
        .count();
    assert!(criteria >= 600, "{criteria} missing-criteria findings");
    assert_rows_in_order(main_of(&files, "findings.html"), &loaded);
}

/// A built-in page template and the row its rows template writes, each
/// time through its loop (`each`): what the page printed in place of its
/// rows before they were written a run at a time.
fn page_and_row(page: &str, rows: &str, each: &str) -> (String, String) {
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let page = std::fs::read_to_string(theme.join(page)).unwrap();
    let rows = std::fs::read_to_string(theme.join(rows)).unwrap();
    let row = &rows[rows.find(each).unwrap() + each.len()..rows.find("{% endfor -%}").unwrap()];
    (page, row.to_string())
}

#[test]
fn a_theme_s_findings_page_that_reads_every_row_as_a_value_still_gets_them() {
    // The built-in findings.html of before rows were written a run at a
    // time: every group's rows in `findings`, and all of them in one list.
    let (page, row) = page_and_row(
        "findings.html",
        "finding-rows.html",
        "{% for f in findings %}",
    );
    let before = page.replace(
        "{{ g.rows | safe }}",
        &format!("{{% for f in g.findings %}}{row}{{% endfor %}}"),
    );
    assert_ne!(
        before, page,
        "the built-in findings.html prints each group's rows"
    );
    let p = with_many_findings(300);
    let (_, built_in) = render(&p);
    p.write(
        "themes/default/templates/findings.html",
        &before.replace(
            "</section>\n{% endfor %}",
            "</section>\n{% endfor %}<p id=\"all\">{{ findings | length }} in all</p>",
        ),
    );
    let (loaded, files) = render(&p);
    let html = main_of(&files, "findings.html");
    assert_rows_in_order(html, &loaded);
    assert!(html.contains(&format!(
        "<p id=\"all\">{} in all</p>",
        loaded.diagnostics.len()
    )));
    // Rows and all, the page the built-in theme writes.
    assert_eq!(
        html.replace(
            &format!("<p id=\"all\">{} in all</p>", loaded.diagnostics.len()),
            ""
        ),
        main_of(&built_in, "findings.html")
    );
}

#[test]
fn whole_roadmap_pages_carry_their_charts_and_tables() {
    let p = Project::fixture("valid");
    let (loaded, files) = render(&p);
    let (r, f) = (&loaded.roadmap, &loaded.facts);

    // Timeline: a lane (an SVG chart) per layer, linking its initiatives;
    // by team: a lane per team.
    let html = main_of(&files, "timeline.html");
    let layers: std::collections::BTreeSet<&str> = r
        .initiatives
        .iter()
        .filter_map(|i| i.layer.as_deref())
        .collect();
    assert_eq!(
        html.matches(r#"<svg class="chart timeline""#).count(),
        layers.len()
    );
    for layer in &layers {
        assert!(html.contains(&format!(r#"aria-label="Milestone timeline: {layer}""#)));
    }
    for i in &r.initiatives {
        assert!(html.contains(&format!(r#"<a href="{}">"#, i.meta.url)));
        for m in &i.milestones {
            assert!(html.contains(&format!(r#"<a href="{}#m-{}">"#, i.meta.url, m.id)));
        }
    }
    let html = main_of(&files, "timeline-by-team.html");
    for t in &r.teams {
        assert!(
            html.contains(&format!(
                r#"aria-label="Milestone timeline: {}""#,
                t.meta.title
            )),
            "{html}"
        );
    }

    // Capacity: the heat table's row of each team is its utilisation per
    // quarter, and each team has its chart.
    let html = main_of(&files, "capacity.html");
    assert!(html.contains(r#"<table class="heat">"#));
    assert!(!f.capacity.is_empty());
    for load in &f.capacity {
        let team = r.get(&load.team).unwrap();
        let cells: String = load
            .quarters
            .iter()
            .map(|q| {
                format!(
                    r#"<td class="num">{}%</td>"#,
                    (q.utilisation.unwrap() * 100.0).round()
                )
            })
            .collect();
        let row = format!(
            r##"<tr><th scope="row"><a href="#t-{}">{}</a></th>{cells}</tr>"##,
            load.team, team.title
        );
        assert!(html.contains(&row), "no {row}\n{html}");
        assert!(html.contains(&format!(
            r#"<svg class="chart capacity" viewBox="0 0 760 280" role="img" xmlns="http://www.w3.org/2000/svg"><title>Capacity of {}</title>"#,
            team.title
        )));
    }

    // Dependencies: the graph, and a row per `depends_on` entry.
    let html = main_of(&files, "dependencies.html");
    assert!(html.contains(r#"<svg class="chart graph""#));
    let mut deps = 0;
    for i in &r.initiatives {
        for m in &i.milestones {
            for dep in &m.depends_on {
                deps += 1;
                let (dep_init, dep_ms) = dep.split_once('/').unwrap();
                let target = r.initiative(dep_init).unwrap();
                let row = format!(
                    r#"<tr><td><a href="{}#m-{}">{}</a></td>"#,
                    i.meta.url, m.id, m.title
                );
                assert!(html.contains(&row), "no {row}");
                assert!(html.contains(&format!(r#"<a href="{}#m-{dep_ms}">"#, target.meta.url)));
            }
        }
    }
    assert_eq!(deps, 1, "the fixture has one dependency");
    assert_eq!(f.dependencies.links.len(), deps);

    // Governance: every review and change request is linked.
    let html = main_of(&files, "governance.html");
    assert!(!r.reviews.is_empty() && !r.changes.is_empty());
    for m in r
        .reviews
        .iter()
        .map(|x| &x.meta)
        .chain(r.changes.iter().map(|x| &x.meta))
    {
        assert!(html.contains(&format!(r#"href="{}""#, m.url)), "{}", m.url);
    }

    // Metrics: the on-time chart's description has every quarter's rate.
    let html = main_of(&files, "metrics.html");
    assert!(html.contains(r#"<svg class="chart delivery""#));
    assert!(html.contains(r#"<h2 id="health-rules">"#));
    let rated: Vec<String> = f
        .metrics
        .per_quarter
        .iter()
        .filter_map(|q| {
            q.on_time_rate
                .map(|rate| format!("{}: {}%", q.quarter, (rate * 100.0).round()))
        })
        .collect();
    assert!(!rated.is_empty());
    assert!(
        html.contains(&format!(
            "On-time completion rate per quarter. {}.",
            rated.join("; ")
        )),
        "{rated:?}\n{html}"
    );
}

#[test]
fn the_brief_names_what_needs_a_decision() {
    let p = Project::fixture("weights");
    let (loaded, files) = render(&p);
    let (r, f) = (&loaded.roadmap, &loaded.facts);
    let html = main_of(&files, "brief.html");
    let melons: Vec<&str> = f.watermelons(r).map(|i| i.meta.title.as_str()).collect();
    assert_eq!(melons, vec!["A watermelon"]);
    assert!(html.contains(&format!(
        "<h3>Watermelons: reported green, computed red ({})</h3>",
        melons.len()
    )));
    for title in &melons {
        assert!(html.contains(&format!("<li>{title}: ")), "{title}");
    }
    assert!(html.contains(&format!(
        "<h3>Overdue milestones ({})</h3>",
        f.overdue.len()
    )));
    assert!(
        html.contains(&format!(
            "<strong>Check findings:</strong> {} errors, {} warnings",
            loaded.errors(),
            loaded.warnings()
        )),
        "{html}"
    );
    // Without snapshots there is no versions page and no archived site.
    assert!(!files.contains_key("versions.html"));
    assert!(!files.keys().any(|k| k.starts_with("v/")));
}

/// The brief shows the first few outcomes at risk: those off track (or not
/// served) come first, so none of them hides in "And N more".
#[test]
fn the_brief_shows_outcomes_off_track_before_those_at_risk() {
    let (_p, site) = crate::helpers::example();
    // Each row gives its first reason and says how many more its page has
    // (the brief gave one and dropped the rest unsaid).
    let brief = std::fs::read_to_string(site.join("brief.html")).unwrap();
    assert!(
        brief.contains("(latest: 2027-09-30); 3 more reasons on the site</li>"),
        "{brief}"
    );
    for page in ["brief.html", "index.html"] {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        let block = html
            .split("Outcomes at risk (")
            .nth(1)
            .and_then(|b| b.split("</ul>").next())
            .unwrap_or_else(|| panic!("{page} has no outcomes at risk"));
        let states: Vec<&str> = block
            .split("data-rollup=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        let milder = states.iter().position(|s| *s == "at-risk");
        assert!(
            milder.is_some_and(|m| m > 0
                && states[m..].iter().all(|s| *s == "at-risk")
                && states[..m]
                    .iter()
                    .all(|s| *s == "off-track" || *s == "unserved")),
            "{page}: {states:?}"
        );
    }
}

#[test]
fn exports_describe_the_same_roadmap() {
    let p = Project::fixture("valid");
    let (loaded, files) = render(&p);
    let r = &loaded.roadmap;
    let json: serde_json::Value =
        serde_json::from_slice(&files["roadmap.json"]).expect("roadmap.json parses");
    assert_eq!(json["schema_version"], 39);
    assert_eq!(json["today"], "2026-11-25");
    let ids = |key: &str| -> Vec<String> {
        json[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} is not a list"))
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    let want: Vec<String> = r.initiatives.iter().map(|i| i.meta.id.clone()).collect();
    assert_eq!(ids("initiatives"), want);
    let want: Vec<String> = r.outcomes.iter().map(|i| i.meta.id.clone()).collect();
    assert_eq!(ids("outcomes"), want);
    // Each initiative's milestones, by id.
    for (i, ji) in r
        .initiatives
        .iter()
        .zip(json["initiatives"].as_array().unwrap())
    {
        let ms: Vec<&str> = ji["milestones"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = i.milestones.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ms, want, "{}", i.meta.id);
    }
    // The schema published beside it is JSON, pins the same version and
    // requires only keys the export has.
    let schema: serde_json::Value =
        serde_json::from_slice(&files["roadmap.schema.json"]).expect("schema parses");
    assert_eq!(
        schema["properties"]["schema_version"]["const"],
        json["schema_version"]
    );
    // Its description names the version too, as people read it.
    let described = format!("(schema_version {})", json["schema_version"]);
    assert!(
        schema["description"]
            .as_str()
            .is_some_and(|d| d.contains(&described)),
        "{}",
        schema["description"]
    );
    let required = schema["required"]
        .as_array()
        .expect("the schema lists required keys");
    assert!(required.len() > 10);
    for key in required {
        let key = key.as_str().unwrap();
        assert!(json.get(key).is_some(), "roadmap.json lacks `{key}`");
    }
    // One calendar event per milestone, each with a stable UID.
    let ics = page(&files, "milestones.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        loaded.facts.milestones_total
    );
    for i in &r.initiatives {
        for m in &i.milestones {
            assert!(
                ics.contains(&format!("UID:{}.{}@acme-roadmap.roadbook", i.meta.id, m.id)),
                "{}",
                m.gid
            );
        }
    }
    // The change feed has an entry per change request.
    let atom = page(&files, "changes.xml");
    for c in &r.changes {
        assert!(atom.contains(&format!(
            "<id>urn:roadbook:acme-roadmap:change:{}</id>",
            c.meta.id
        )));
    }
    // The search index knows every page.
    let search = page(&files, "search-index.js");
    for m in r.all_meta() {
        assert!(search.contains(&m.url), "{}", m.url);
    }
}

/// The valid fixture with a frozen snapshot `snapshots/2026-Q3/` as of
/// 2026-09-30, in which `shop/beta` was due 2026-09-30 (it is due
/// 2026-10-31 now, with no change request: an unacknowledged slip).
fn with_snapshot() -> Project {
    let p = Project::fixture("valid");
    let src = p.path().join("content");
    let dst = p.path().join("snapshots/2026-Q3/content");
    crate::helpers::copy_dir(&src, &dst);
    let book = p.read("book.toml").replace("2026-11-25", "2026-09-30");
    p.write("snapshots/2026-Q3/book.toml", &book);
    let shop = p.read("content/initiatives/shop.md");
    assert!(shop.contains("due: 2026-10-31"));
    p.write(
        "snapshots/2026-Q3/content/initiatives/shop.md",
        &shop.replace("due: 2026-10-31", "due: 2026-09-30"),
    );
    p
}

/// A period with long lists: `n` initiatives more in the snapshot and the
/// working tree, every other one's milestone moved a month later since,
/// the others done.
fn with_long_period(n: usize) -> Project {
    let p = with_snapshot();
    for k in 0..n {
        let file = |due: &str, done: &str| {
            format!(
                "---\ntitle: Bulk {k}\nowner: Ada L.\noutcomes: [grow-online]\nstatus: active\nhealth: green\nlayer: application\nteam: web\nstart: 2026-Q1\nend: 2027-Q2\nmilestones:\n  - id: m\n    title: Step {k}\n    due: {due}\n{done}    criteria: [Done]\n---\n"
            )
        };
        let rel = format!("content/initiatives/bulk-{k:03}.md");
        p.write(&format!("snapshots/2026-Q3/{rel}"), &file("2027-03-31", ""));
        if k % 2 == 0 {
            p.write(&rel, &file("2027-04-30", ""));
        } else {
            p.write(&rel, &file("2027-03-31", "    done: 2026-10-15\n"));
        }
    }
    p
}

#[test]
fn a_period_s_long_lists_keep_every_row_in_order() {
    let p = with_long_period(600);
    let (loaded, built_in) = render(&p);
    let period = loaded.history.period().expect("a period");
    assert!(period.moved.len() > 300 && period.completed.len() >= 300);
    let page = "history/2026-Q3--current.html";
    let html = main_of(&built_in, page);
    let moved = &html[html.find("<h2>Milestones moved</h2>").unwrap()..];
    let moved = &moved[..moved.find("</table>").unwrap()];
    assert_eq!(moved.matches("<tr><td>").count(), period.moved.len());
    for k in (0..600).step_by(2) {
        assert_eq!(
            moved.matches(&format!("bulk-{k:03}.html")).count(),
            1,
            "bulk-{k:03}"
        );
    }
    // The built-in diff-body.html of before its long lists were written a
    // run at a time: every row a value. Rows and all, the same pages.
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let mut body = std::fs::read_to_string(theme.join("diff-body.html")).unwrap();
    let rows = std::fs::read_to_string(theme.join("period-rows.html")).unwrap();
    for list in ["moved", "completed", "newly_overdue", "forecasts", "dates"] {
        let at = rows.find(&format!("list == \"{list}\" -%}}\n")).unwrap();
        let each = &rows[at..][rows[at..].find("{% for ").unwrap()..];
        let (head, row) = each.split_once(" in rows %}").unwrap();
        let row = &row[..row.find("{% endfor %}\n").unwrap()];
        let placeholder = format!("{{{{ diff.rows.{list} | safe }}}}");
        assert!(body.contains(&placeholder), "{placeholder}");
        body = body.replace(
            &placeholder,
            &format!("{head} in diff.{list} %}}{row}{{% endfor %}}"),
        );
    }
    p.write("themes/default/templates/diff-body.html", &body);
    let (_, before) = render(&p);
    for path in [page, "index.html", "v/2026-Q3/index.html"] {
        assert_eq!(main_of(&before, path), main_of(&built_in, path), "{path}");
    }
}

/// Writing lets go of each model as soon as its pages are made; what is
/// written is still what rendering in memory gives, and a site that keeps
/// its snapshots between builds (`serve`) still has them, history and all,
/// for the next build.
#[test]
fn a_written_site_is_the_rendered_one_and_kept_snapshots_survive_it() {
    let p = with_snapshot();
    let (_, rendered) = render(&p);
    let rendered: Files = rendered
        .into_iter()
        .filter(|(path, _)| !path.ends_with(".roadbook-version"))
        .collect();
    let written = |options: Options, builds: usize| {
        let mut site = Site::new(p.path(), Environment::default(), options);
        let out = tempfile::tempdir().unwrap();
        for _ in 0..builds {
            let mut loaded = site.load().expect("loads");
            assert_eq!(loaded.history.unapproved_slips().len(), 1);
            let dest = site
                .destination(&loaded.config, Some(out.path().join("site")))
                .unwrap();
            // Nothing carried over: the archived version renders each time.
            let _ = std::fs::remove_dir_all(out.path().join("site"));
            site.write(&mut loaded, &dest).expect("writes");
            assert!(
                loaded.roadmap.initiatives.is_empty(),
                "the model was let go"
            );
            assert!(loaded.diagnostics.is_empty(), "the findings were let go");
        }
        let files: Files = tree(&out.path().join("site"))
            .into_iter()
            .filter(|(path, _)| {
                !path.ends_with(".roadbook-version") && !path.starts_with(".roadbook")
            })
            .collect();
        files
    };
    let once = written(Options::default(), 1);
    let kept = Options {
        reuse_snapshots: true,
        ..Options::default()
    };
    let again = written(kept, 2);
    for files in [&once, &again] {
        assert_eq!(
            files.keys().collect::<Vec<_>>(),
            rendered.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &rendered {
            assert!(files[path] == *bytes, "{path} differs from the render");
        }
    }
}

/// Two snapshots, 2026-Q2 and 2026-Q3: the same roadmap but for one
/// milestone of `shop`, due a month earlier in 2026-Q2.
fn with_two_snapshots() -> Project {
    let p = with_snapshot();
    let src = p.path().join("snapshots/2026-Q3/content");
    crate::helpers::copy_dir(&src, &p.path().join("snapshots/2026-Q2/content"));
    let book = p.read("book.toml").replace("2026-11-25", "2026-06-30");
    p.write("snapshots/2026-Q2/book.toml", &book);
    let shop = p.read("snapshots/2026-Q3/content/initiatives/shop.md");
    p.write(
        "snapshots/2026-Q2/content/initiatives/shop.md",
        &shop.replace("due: 2026-09-30", "due: 2026-08-31"),
    );
    p
}

/// Only what the periods and the calibration read of an archived
/// version's forecasts is kept; its pages get them whole, made again from
/// the version read whole and the due dates of the versions up to it.
#[test]
fn an_archived_version_forecasts_again_what_it_forecast_when_read() {
    let p = with_two_snapshots();
    // As `roadbook diff` loads: what a build lets go of once used is kept.
    let options = Options {
        keep_version_models: true,
        ..Options::default()
    };
    let mut site = Site::new(p.path(), Environment::default(), options);
    let loaded = site.load().expect("loads");
    let snapshots = &loaded.snapshots;
    assert_eq!(snapshots.versions.len(), 2);
    for (k, v) in snapshots.versions.iter().enumerate() {
        let whole = v.full(&loaded.config, None).expect("reads again");
        let made = snapshots.forecasts_of(k, &whole, snapshots.judged_of(k));
        assert!(
            !made.milestones.is_empty(),
            "{}: forecasts open work",
            v.name
        );
        assert_eq!(made.outlook(), snapshots.outlooks()[k], "{}", v.name);
        // From the history up to it: the move between the two snapshots
        // counts from 2026-Q3 on.
        assert_eq!(made.roadmap.moves, k, "{}", v.name);
    }
}

/// A build lets go of the outlooks once the working tree's forecasts are
/// made, and of the due dates when no archived version renders: its pages
/// are carried over, the same bytes.
#[test]
fn a_build_lets_go_of_what_no_page_it_renders_reads() {
    let p = with_two_snapshots();
    let out = tempfile::tempdir().unwrap();
    let build = || {
        let mut site = Site::new(p.path(), Environment::default(), Options::default());
        let mut loaded = site.load().expect("loads");
        assert!(loaded.snapshots.outlooks().is_empty(), "outlooks let go");
        assert_eq!(loaded.snapshots.dues().len(), 2);
        let dest = site
            .destination(&loaded.config, Some(out.path().join("site")))
            .unwrap();
        let built = site.write(&mut loaded, &dest).expect("writes");
        (
            loaded.snapshots.dues().len(),
            built.stats.unchanged,
            tree(&out.path().join("site")),
        )
    };
    let (dues, _, first) = build();
    assert_eq!(dues, 2, "versions rendered read their due dates");
    let (dues, unchanged, second) = build();
    assert!(unchanged > 0, "the archived versions were carried over");
    assert_eq!(dues, 0, "and their due dates let go");
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs");
    }
}

/// With several snapshots, writing reads each one after the one before is
/// written, reusing its unchanged documents: every page is still what
/// rendering each version afresh gives, each source path its own version's.
#[test]
fn versions_written_one_after_another_are_each_rendered_as_read_afresh() {
    let p = with_two_snapshots();
    let (loaded, rendered) = render(&p);
    let names: Vec<&str> = loaded.versions().iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, vec!["2026-Q2", "2026-Q3"]);
    let mut site = Site::new(p.path(), Environment::default(), Options::default());
    let mut loaded = site.load().expect("loads");
    let out = tempfile::tempdir().unwrap();
    let dest = site
        .destination(&loaded.config, Some(out.path().join("site")))
        .unwrap();
    site.write(&mut loaded, &dest).expect("writes");
    let written = tree(&out.path().join("site"));
    let pages = |files: &Files| -> Vec<String> {
        files
            .keys()
            .filter(|p| !p.ends_with(".roadbook-version") && !p.starts_with(".roadbook"))
            .cloned()
            .collect()
    };
    assert_eq!(pages(&written), pages(&rendered));
    for path in pages(&rendered) {
        assert!(
            written[&path] == rendered[&path],
            "{path} differs from the render"
        );
    }
    // An unchanged file reused from 2026-Q2 names 2026-Q3's own copy.
    let page =
        String::from_utf8_lossy(&written["v/2026-Q3/outcomes/grow-online.html"]).into_owned();
    assert!(
        page.contains("snapshots/2026-Q3/content/outcomes/grow-online.md"),
        "{page}"
    );
}

/// What `serve` shows: the archived versions written as `build` writes
/// them, and every file of the working tree made when asked for, byte for
/// byte what `build` writes; nothing written again while the snapshots
/// hold, and a snapshot taken away no longer there.
#[test]
fn serving_makes_each_file_of_the_working_tree_as_building_writes_it() {
    let p = with_snapshot();
    let src = p.path().join("snapshots/2026-Q3");
    crate::helpers::copy_dir(&src, &p.path().join("snapshots/2026-Q2"));
    let (_, rendered) = render(&p);
    let options = Options {
        reuse_snapshots: true,
        ..Default::default()
    };
    let mut site = Site::new(p.path(), Environment::default(), options);
    let out = tempfile::tempdir().unwrap();
    let serve = |site: &mut Site| {
        let loaded = site.load().expect("loads");
        let dest = site
            .destination(&loaded.config, Some(out.path().join("site")))
            .unwrap();
        site.write_serving(loaded, &dest).expect("writes")
    };
    let (_, current) = serve(&mut site);
    let written = tree(&out.path().join("site"));
    let mine = |path: &String| !path.contains(".roadbook");
    let archived: Vec<&String> = rendered.keys().filter(|p| p.starts_with("v/")).collect();
    assert!(archived.iter().any(|p| p.starts_with("v/2026-Q2/")));
    assert_eq!(
        written.keys().filter(|p| mine(p)).collect::<Vec<_>>(),
        archived,
        "only the archived versions are on disk"
    );
    let mut made = 0;
    for (path, bytes) in rendered.iter().filter(|(p, _)| !p.starts_with("v/")) {
        let file = current.file(path);
        assert!(
            matches!(&file, Some(Ok(b)) if b == bytes),
            "{path} is not what build writes"
        );
        made += 1;
    }
    assert!(made > 50, "{made} files");
    for path in ["v/2026-Q3/index.html", "nope.html", "initiatives/nope.html"] {
        assert!(current.file(path).is_none(), "{path}");
    }

    // An edit: the next build reuses the documents that did not change
    // and the snapshots' forecasts, and still makes what building afresh
    // writes.
    let shop = p.read("content/initiatives/shop.md");
    let edited = shop.replace("due: 2026-10-31", "due: 2026-11-30");
    assert_ne!(shop, edited);
    p.write("content/initiatives/shop.md", &edited);
    site.only_content_changed();
    let (_, current) = serve(&mut site);
    let (_, afresh) = render(&p);
    assert_ne!(
        afresh["initiatives/shop.html"],
        rendered["initiatives/shop.html"]
    );
    for (path, bytes) in afresh.iter().filter(|(p, _)| !p.starts_with("v/")) {
        let file = current.file(path);
        assert!(
            matches!(&file, Some(Ok(b)) if b == bytes),
            "{path} after the edit is not what build writes"
        );
    }

    // Again with nothing changed: the folder is left as it is (a new one
    // would not have this file).
    let mark = out.path().join("site/.roadbook-left-alone");
    std::fs::write(&mark, "").unwrap();
    let (_, again) = serve(&mut site);
    assert!(mark.exists(), "the folder was written again");
    assert!(again.file("index.html").is_some());

    // A snapshot taken away is gone from the folder.
    std::fs::remove_dir_all(p.path().join("snapshots/2026-Q2")).unwrap();
    serve(&mut site);
    let written = tree(&out.path().join("site"));
    assert!(!written.keys().any(|p| p.starts_with("v/2026-Q2/")));
    assert!(!mark.exists());
    assert!(written.contains_key("v/2026-Q3/index.html"));
}

#[test]
fn a_snapshot_adds_its_version_the_versions_page_and_the_diff() {
    let p = with_snapshot();
    let (loaded, files) = render(&p);
    let names: Vec<&str> = loaded.versions().iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, vec!["2026-Q3"]);

    // The history the pages are made from.
    let h = &loaded.history;
    let slips: Vec<(&str, i64)> = h
        .unapproved_slips()
        .iter()
        .map(|s| (s.gid.as_str(), s.days))
        .collect();
    assert_eq!(slips, vec![("shop/beta", 31)]);
    assert_eq!(h.diffs.len(), 1);
    let d = &h.diffs[0];
    assert_eq!((d.from.as_str(), d.to.as_str()), ("2026-Q3", "current"));
    assert_eq!(
        d.moved.iter().map(|m| m.gid.as_str()).collect::<Vec<_>>(),
        vec!["shop/beta"]
    );

    // The archived version is a site of its own under v/<name>/.
    for path in [
        "v/2026-Q3/index.html",
        "v/2026-Q3/initiatives/shop.html",
        "v/2026-Q3/findings.html",
        "versions.html",
        "versions.js",
    ] {
        assert!(files.contains_key(path), "{path}");
    }
    // ...with its own dates; the working tree's page links to it.
    let old = main_of(&files, "v/2026-Q3/initiatives/shop.html");
    assert!(
        old.contains(r#"<tr id="m-beta"><th scope="row">Beta live"#) && old.contains("2026-09-30"),
        "{old}"
    );
    let now = page(&files, "initiatives/shop.html");
    assert!(now.contains(r#"href="../v/2026-Q3/initiatives/shop.html">2026-Q3</a>"#));
    // The archived version's site root gets no root-only files, but the
    // brief of its day.
    assert!(!files.contains_key("v/2026-Q3/roadmap.json"));
    assert!(files.contains_key("v/2026-Q3/brief.html"));

    // The versions page lists the version and links the period's diff.
    let html = main_of(&files, "versions.html");
    assert!(
        html.contains(
            r#"<a href="v/2026-Q3/index.html">2026-Q3</a></th><td class="date">2026-09-30</td><td><a href="v/2026-Q3/brief.html">brief of 2026-09-30</a></td>"#
        ),
        "{html}"
    );
    let diff_path = format!("history/{}.html", d.slug());
    assert_eq!(diff_path, "history/2026-Q3--current.html");
    assert!(
        html.contains(&format!(r#"<a href="{diff_path}">current</a>"#)),
        "{html}"
    );

    // The diff page shows the move, unacknowledged.
    let html = main_of(&files, &diff_path);
    assert!(html.contains("<h2>Milestones moved</h2>"), "{html}");
    assert!(
        html.contains(r#"<td class="date">2026-09-30</td><td class="date">2026-10-31</td>"#),
        "{html}"
    );
    assert!(html.contains(r#"<span class="badge health-amber">+31</span>"#));
    assert!(html.contains(r#"<span class="badge health-red">unacknowledged</span>"#));

    // The finding the history adds is on the findings page and counted on
    // the dashboard.
    let slip = loaded
        .diagnostics
        .iter()
        .find(|d| d.rule == "unacknowledged-slip")
        .expect("the slip is a finding");
    assert!(slip
        .message
        .starts_with("milestone `shop/beta` slipped 31 days"));
    let html = main_of(&files, "findings.html");
    assert!(html.contains(&format!("<small>{}</small>", slip.rule)));
    assert_dashboard_matches(&loaded, &files);
    let html = main_of(&files, "index.html");
    assert!(
        html.contains(&format!(
            r#"<h2 id="h-period">The period: {}</h2>"#,
            d.title()
        )),
        "{html}"
    );
}

#[test]
fn rendering_the_same_project_twice_gives_the_same_files() {
    let p = with_snapshot();
    let (mut loaded, first) = render(&p);
    // Another site over the same project, and the same site again.
    let (_, second) = render(&p);
    let mut site = Site::new(p.path(), Environment::default(), Options::default());
    let third = site.render(&mut loaded).expect("renders again");
    for other in [&second, &third] {
        assert_eq!(
            first.keys().collect::<Vec<_>>(),
            other.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &first {
            assert!(other[path] == *bytes, "{path} differs between renders");
        }
    }
    assert!(first.len() > 40, "{} files", first.len());
}

/// The dashboard and the brief stay a summary at any size: an outcome's
/// roll-up there lists the first 25 pieces of work past its horizon,
/// latest first, and says how many there are; the traceability page lists
/// them all. Each outcome's whole list, twice on the dashboard and copied
/// again into the brief, was 50 MiB alive at 10,000 initiatives.
#[test]
fn the_dashboard_s_roll_ups_list_the_first_work_past_the_horizon_and_count_it_all() {
    let p = Project::empty();
    p.write(
        "book.toml",
        "[book]\ntitle = \"H\"\n[roadmap]\ntoday = \"2026-11-25\"\n",
    )
    .write(
        "content/outcomes/o.md",
        "---\ntitle: Better data\nowner: A\nhorizon: 2026-12-31\n---\n",
    );
    for k in 1..=30 {
        p.write(
            &format!("content/initiatives/i{k:02}.md"),
            &format!("---\ntitle: Work {k:02}\nowner: B\noutcomes: [o]\nstatus: active\nstart: 2026-10-01\nend: 2027-01-{k:02}\n---\n"),
        );
    }
    let list = |path: &str| {
        format!("{{% for b in {path}.beyond_horizon %}}{{{{ b.text }}}};{{% endfor %}} of {{{{ {path}.beyond_horizon_total }}}}")
    };
    p.write(
        "themes/default/templates/index.html",
        &format!(
            "<main>{}|{}</main>",
            list("dash.outcomes[0].rollup"),
            list("dash.outcomes_at_risk[0].rollup")
        ),
    )
    .write(
        "themes/default/templates/brief.html",
        &format!("<main>{}</main>", list("dash.outcomes[0].rollup")),
    )
    .write(
        "themes/default/templates/traceability.html",
        &format!(
            "<main>{}</main>",
            list("trace.groups[0].outcomes[0].rollup")
        ),
    );
    let (_, files) = render(&p);
    let latest_first = |n: usize| -> String {
        (1..=30)
            .rev()
            .take(n)
            .map(|k| format!("Work {k:02};"))
            .collect::<String>()
            + " of 30"
    };
    let first = latest_first(25);
    assert_eq!(
        main_of(&files, "index.html"),
        format!("<main>{first}|{first}")
    );
    assert_eq!(main_of(&files, "brief.html"), format!("<main>{first}"));
    assert_eq!(
        main_of(&files, "traceability.html"),
        format!("<main>{}", latest_first(30))
    );
}

/// A lane of the timeline lists each of its initiatives once, however
/// long: its table's rows are written a run at a time (up to 256) as the
/// page is written, and a theme's `timeline.html` made before, which reads
/// every row as a value, gets the same page, rows in the same order.
#[test]
fn a_long_timeline_lane_lists_every_initiative_once_in_order() {
    let (page, row) = page_and_row("timeline.html", "timeline-rows.html", "{% for r in rows %}");
    let before = page
        .replace("({{ l.count }})", "({{ l.rows | length }})")
        .replace(
            "{{ l.rows | safe }}",
            &format!("{{% for r in l.rows %}}{row}{{% endfor %}}"),
        );
    assert_ne!(
        before, page,
        "the built-in timeline.html prints each lane's rows"
    );
    let p = with_many_findings(600);
    let (_, built_in) = render(&p);
    for path in ["timeline.html", "timeline-by-team.html"] {
        let html = main_of(&built_in, path);
        let tables: String = html
            .split("<tbody>")
            .skip(1)
            .map(|t| &t[..t.find("</tbody>").unwrap()])
            .collect();
        for k in 0..600 {
            assert_eq!(
                tables.matches(&format!(">Bulk {k}</a>")).count(),
                1,
                "{path}: Bulk {k} once in the tables"
            );
        }
        assert!(
            html.contains("(6"),
            "{path}: a lane counts its 600 and more"
        );
    }
    p.write("themes/default/templates/timeline.html", &before);
    let (_, old) = render(&p);
    for path in ["timeline.html", "timeline-by-team.html"] {
        assert_eq!(main_of(&old, path), main_of(&built_in, path), "{path}");
    }
}
