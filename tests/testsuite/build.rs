//! Building the valid fixture: pages, links, content and safety.

use crate::helpers::Project;

fn built() -> Project {
    let p = Project::fixture("valid");
    p.run(&["build"]).ok();
    p
}

#[test]
fn writes_every_page_of_every_kind() {
    let p = built();
    for page in [
        "index.html",
        "outcomes/index.html",
        "outcomes/grow-online.html",
        "initiatives/index.html",
        "initiatives/shop.html",
        "initiatives/platform.html",
        "kpis/online-share.html",
        "teams/web.html",
        "capabilities/ecommerce.html",
        "changes/cr-launch.html",
        "reviews/q3-steering.html",
        "reviews/index.html",
        "pages/glossary.html",
        "pages/index.html",
        "static/style.css",
        ".roadbook-build",
    ] {
        assert!(p.path().join("site").join(page).is_file(), "{page} missing");
    }
}

#[test]
fn dashboard_states_the_roadmap() {
    let p = built();
    let html = p.read("site/index.html");
    // One milestone overdue (shop/beta, due 2026-10-31), one upcoming within
    // 90 days? No: launch is 2027-Q1 (2027-03-31), 126 days out.
    assert!(html.contains("Beta live"), "overdue milestone listed");
    assert!(html.contains("Overdue by 25 d"));
    assert!(html.contains("1 / 1"), "outcomes served");
    // Due so far: design on time, cluster-ready 15 days late, beta
    // overdue: one of three, not one of the two done.
    assert!(html.contains("33%"), "on-time rate");
    assert!(html.contains("1 of 3 due so far"), "its denominator");
    assert!(html.contains("as of <strong>2026-11-25</strong>"));
    assert!(html.contains("(date taken from book.toml)"));
    assert!(html.contains("<title>Acme Roadmap — dashboard</title>"));
}

#[test]
fn item_pages_have_facts_backlinks_and_meta_description() {
    let p = built();
    let shop = p.read("site/initiatives/shop.html");
    assert!(shop.contains(r#"<meta name="description" content="New web shop — active, reported green, computed amber, 1 of 3 milestones done, 1 milestone overdue, next due 2027-Q1">"#), "{shop}");
    assert!(shop.contains(r#"id="m-launch""#));
    assert!(shop.contains("baseline 2026-Q4"));
    // [[platform/cluster-ready]] resolves to the milestone's anchor and title.
    assert!(
        shop.contains(
            r#"<a href="../initiatives/platform.html#m-cluster-ready">Cluster ready</a>"#
        ),
        "{shop}"
    );
    // Backlinks: the outcome is served by the shop; the change affects a milestone.
    let outcome = p.read("site/outcomes/grow-online.html");
    assert!(outcome.contains("Served by"));
    assert!(outcome.contains(r#"href="../initiatives/shop.html""#));
    assert!(shop.contains("Affected by"));
    assert!(shop.contains(r#"href="../changes/cr-launch.html""#));
    let platform = p.read("site/initiatives/platform.html");
    assert!(platform.contains("Depended on by"));
    // The milestone named is this page's own, not the linking one's.
    assert!(
        platform.contains("Beta live</a> <small>(for milestone “Cluster ready”)</small>"),
        "{platform}"
    );
    assert!(platform.contains("Done 15 d late"));
}

#[test]
fn markdown_dialect_and_sanitising() {
    let p = built();
    let shop = p.read("site/initiatives/shop.html");
    assert!(shop.contains("<table>"));
    assert!(shop.contains(r#"type="checkbox""#));
    assert!(shop.contains("<del>old plan</del>"));
    assert!(shop.contains("footnote-definition"));
    assert!(
        !shop.contains("<script>alert"),
        "raw script must be removed"
    );
    assert!(!shop.contains("onclick"), "event handlers must be removed");
    // `javascript:` links: links.rs (a finding, and `#` on the page) and
    // injection.rs.
    assert!(shop.contains("<b>bold</b>"));
}

#[test]
fn allow_html_keeps_raw_html() {
    let p = Project::fixture("valid");
    let toml = p.read("book.toml") + "\n[build]\nallow-html = true\n";
    p.write("book.toml", &toml);
    p.run(&["build"]).ok();
    let shop = p.read("site/initiatives/shop.html");
    assert!(shop.contains(r#"<script>alert("owned")</script>"#));
}

#[test]
fn toml_front_matter_csv_data_and_review_titles() {
    let p = built();
    let platform = p.read("site/initiatives/platform.html");
    assert!(platform.contains("<h1>Container platform</h1>"));
    let kpi = p.read("site/kpis/online-share.html");
    assert!(
        kpi.contains("<td>2026-04</td><td class=\"num\">26</td><td class=\"num\">25</td>"),
        "{kpi}"
    );
    let review = p.read("site/reviews/q3-steering.html");
    assert!(review.contains("<h1>Strategic review 2026-10-01</h1>"));
}

#[test]
fn every_link_is_relative_and_local() {
    let p = built();
    for (path, bytes) in p.tree("site") {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"", "src=\""] {
            for part in html.split(attr).skip(1) {
                let url = &part[..part.find('"').unwrap()];
                assert!(!url.starts_with('/'), "{path}: root-relative {url}");
                assert!(!url.starts_with("http"), "{path}: remote {url}");
                if url.starts_with('#') {
                    continue;
                }
                let file = url.split('#').next().unwrap();
                let target = p
                    .path()
                    .join("site")
                    .join(path.rsplit_once('/').map(|(d, _)| d).unwrap_or(""))
                    .join(file);
                assert!(target.is_file(), "{path}: broken link {url}");
            }
        }
    }
}

#[test]
fn theme_overrides_one_file_and_sees_extra() {
    let p = Project::fixture("valid");
    p.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p>custom {{ title }}</p>{% endblock content %}",
    );
    p.write(
        "themes/default/templates/item.html",
        "{% extends \"base.html\" %}{% block content %}<p>budget {% if extra.budget_eur is defined %}{{ extra.budget_eur }}{% endif %}, owner {% if item.owner is defined %}{{ item.owner }}{% endif %}</p>{% endblock content %}",
    );
    p.write("themes/default/static/logo.txt", "logo");
    p.run(&["build"]).ok();
    assert!(p
        .read("site/pages/glossary.html")
        .contains("<p>custom Glossary</p>"));
    assert!(p
        .read("site/initiatives/shop.html")
        .contains("<p>budget 250000, owner Grace Hopper</p>"));
    assert_eq!(p.read("site/static/logo.txt"), "logo");
    // The built-in stylesheet is still there.
    assert!(p
        .read("site/static/style.css")
        .contains("roadbook default theme"));
}

#[test]
fn base_url_adds_open_graph_tags() {
    let p = Project::fixture("valid");
    p.run(&["build", "--base-url", "https://pmo.example/roadmap/"])
        .ok();
    let shop = p.read("site/initiatives/shop.html");
    assert!(shop.contains(
        r#"<meta property="og:url" content="https://pmo.example/roadmap/initiatives/shop.html">"#
    ));
    // Links stay relative even then.
    assert!(shop.contains(r#"href="../static/style.css""#));
    // An archived page is at its own address: a link preview of it shows
    // its quarter's figures under its own URL.
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
    p.run(&["build", "--base-url", "https://pmo.example/roadmap/"])
        .ok();
    let archived = p.read("site/v/q4/initiatives/shop.html");
    assert!(
        archived.contains(
            r#"<meta property="og:url" content="https://pmo.example/roadmap/v/q4/initiatives/shop.html">"#
        ) && archived.contains(
            r#"<link rel="canonical" href="https://pmo.example/roadmap/v/q4/initiatives/shop.html">"#
        ),
        "{archived}"
    );
}

#[test]
fn a_base_url_must_be_an_absolute_address() {
    let p = Project::fixture("valid");
    let out = p.run(&["build", "--base-url", "notaurl"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`notaurl` is not an absolute web address"),
        "{}",
        out.stderr
    );
    assert!(!p.path().join("site").exists());
    // Page addresses are appended to it: a query would end up inside them.
    let out = p.run(&["build", "--base-url", "https://x.example/rm/?q=1"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("has a query or a fragment"),
        "{}",
        out.stderr
    );
    assert!(!p.path().join("site").exists());
    // An unknown key of book.toml is not told to go under `extra:`.
    let book = p.read("book.toml") + "\nbogus = 1\n";
    p.write("book.toml", &book);
    let out = p.run(&["check"]);
    assert!(
        out.stderr
            .contains("the README's book.toml section lists every key")
            && !out.stderr.contains("extra:"),
        "{}",
        out.stderr
    );
    let book = book.replace("\nbogus = 1\n", "\n");
    p.write("book.toml", &book);
    let book = p.read("book.toml") + "\n[build]\nbase-url = \"pmo.example/roadmap\"\n";
    p.write("book.toml", &book);
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("error[RB0001]: `pmo.example/roadmap` is not an absolute web address"),
        "{}",
        out.stderr
    );
}

#[test]
fn binary_static_files_are_copied_and_hidden_ones_skipped() {
    let p = Project::fixture("valid");
    p.write_bytes(
        "themes/default/static/logo.png",
        &[0x89, b'P', b'N', b'G', 0xff, 0x00],
    );
    p.write(".keep", "");
    p.write("themes/default/static/.DS_Store", "junk");
    p.run(&["build"]).ok();
    assert_eq!(
        std::fs::read(p.path().join("site/static/logo.png")).unwrap(),
        vec![0x89, b'P', b'N', b'G', 0xff, 0x00]
    );
    assert!(!p.path().join("site/static/.DS_Store").exists());
}

#[test]
fn a_stepped_target_says_nothing_before_its_first_step() {
    let p = Project::fixture("valid");
    p.write(
        "content/kpis/online-share.md",
        "---\ntitle: Online share\noutcome: grow-online\ntargets: { 2026-03: 25 }\ndata: [[2026-01, 21], [2026-04, 26]]\n---\n",
    );
    p.run(&["build"]).ok();
    let kpi = p.read("site/kpis/online-share.html");
    assert!(
        kpi.contains("<td>2026-01</td><td class=\"num\">21</td><td class=\"num\">—</td>"),
        "{kpi}"
    );
    assert!(kpi.contains("<td>2026-04</td><td class=\"num\">26</td><td class=\"num\">25</td>"));
}

#[test]
fn slips_and_computed_health_show_on_the_initiative_page() {
    let p = built();
    let shop = p.read("site/initiatives/shop.html");
    // launch: baseline 2026-Q4 (2026-12-31), due 2027-Q1 (2027-03-31): 90 days.
    assert!(shop.contains("slipped +90 d"), "{shop}");
    assert!(shop.contains("Computed health"));
    assert!(
        shop.contains(r#"<span class="badge health-amber">amber</span>"#),
        "beta is 25 days overdue"
    );
    assert!(shop.contains("Why the computed health is not green"));
    assert!(
        shop.contains("Web team: 120 person-days"),
        "effort names the team"
    );
}

#[test]
fn counts_read_as_english() {
    let p = Project::fixture("valid");
    p.run(&["build"]).ok();
    // One team: one lane, one team; two of the rest.
    let by_team = p.read("site/timeline-by-team.html");
    assert!(
        by_team.contains("2 initiatives in 1 lane with 4 milestones"),
        "{by_team:.300}"
    );
    assert!(p
        .read("site/capacity.html")
        .contains("content=\"0 of 1 team overcommitted"));
    assert!(by_team.contains("in 1 team, with their milestones"));
    assert!(p
        .read("site/teams/index.html")
        .contains("content=\"1 team in "));
}

#[test]
fn a_stale_kpi_is_flagged_on_the_dashboard_and_by_the_check() {
    let p = Project::fixture("valid");
    // Monthly values that stop in April, seven months before today.
    let csv = p.read("content/data/online-share.csv");
    let until_april: String = csv.lines().take(5).map(|l| format!("{l}\n")).collect();
    p.write("content/data/online-share.csv", &until_april);
    let out = p.run(&["check", "--format", "json"]);
    assert!(
        out.stdout.contains(r#""rule":"stale-kpi""#)
            && out.stdout.contains("has no value since 2026-04"),
        "{}",
        out.stdout
    );
    p.run(&["build"]).ok();
    let dashboard = p.read("site/index.html");
    assert!(
        dashboard.contains(r#"<span class="badge warn">no value for "#),
        "{dashboard}"
    );
    // The brief, read away from the site, says it too, and so does the KPI.
    assert!(p
        .read("site/brief.html")
        .contains(r#"<span class="badge a">no value for "#));
    assert!(p
        .read("site/kpis/online-share.html")
        .contains("; measured about every "));
}

/// From a trial: a figure written for a quarter was described as dated
/// the quarter's first day ("latest 27 on 2026-07-01"), where the KPI's
/// table says 2026-Q3. Charts describe figures by their dates as written.
#[test]
fn a_kpi_figure_is_described_by_its_date_as_written() {
    let p = Project::empty();
    p.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n[roadmap]\ntoday = \"2026-09-30\"\n",
    );
    p.write(
        "content/outcomes/o.md",
        "---\ntitle: O\nowner: A\nkpis: [nps]\n---\n",
    );
    p.write(
        "content/kpis/nps.md",
        "---\ntitle: NPS\noutcome: o\ndirection: up\ntarget: 30\ndata: [[2025-Q4, 20], [2026-Q1, 22], [2026-Q3, 27]]\n---\n",
    );
    p.write(
        "content/kpis/daily.md",
        "---\ntitle: Daily\noutcome: o\ndirection: up\ntarget: 30\ndata: [[2026-09-01, 20], [2026-09-28, 27]]\n---\n",
    );
    p.run(&["build", "--quiet"]).ok();
    let page = p.read("site/kpis/nps.html");
    assert!(
        page.contains("3 data points from 2025-Q4 to 2026-Q3; latest 27;"),
        "{page}"
    );
    assert!(!page.contains("2026-07-01"), "{page}");
    for at in ["site/index.html", "site/brief.html"] {
        let text = p.read(at);
        assert!(
            text.contains("3 points, latest 27 for 2026-Q3"),
            "{at}: {text}"
        );
        assert!(
            text.contains("2 points, latest 27 on 2026-09-28"),
            "{at}: {text}"
        );
    }
}

/// The `x1` of each timeline chart's today line on a built page.
fn today_lines(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find(r#"<svg class="chart timeline""#) {
        let len = rest[start..].find("</svg>").expect("a closed svg") + "</svg>".len();
        let svg = &rest[start..start + len];
        let doc = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
        let today: Vec<_> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("today"))
            .collect();
        assert_eq!(today.len(), 1, "{svg}");
        out.push(today[0].attribute("x1").unwrap().to_string());
        rest = &rest[start + len..];
    }
    out
}

#[test]
fn every_timeline_chart_on_a_page_puts_today_at_the_same_x() {
    // Two layers whose initiatives end a half-year apart: each chart on its
    // own span would draw today at a different x.
    let p = Project::fixture("valid");
    p.run(&["build"]).ok();
    let xs = today_lines(&p.read("site/timeline.html"));
    assert_eq!(xs.len(), 2, "one chart per layer");
    assert!(xs.iter().all(|x| *x == xs[0]), "today at {xs:?}");
    let page = p.read("site/timeline.html");
    assert!(page.contains("share one time axis"));
}

/// The lead team named again among `teams` is one team: the effort splits
/// between the two teams, not three ways with two shares to the lead.
#[test]
fn a_team_named_under_team_and_teams_takes_one_share() {
    let p = Project::empty();
    p.write("book.toml", "[book]\ntitle = \"T\"\n")
        .write("content/outcomes/o.md", "---\ntitle: O\nowner: A\n---\n")
        .write("content/teams/infra.md", "---\ntitle: Infra\ncapacity: 300\n---\n")
        .write("content/teams/security.md", "---\ntitle: Security\ncapacity: 300\n---\n")
        .write(
            "content/initiatives/i.md",
            "---\ntitle: I\nowner: A\noutcomes: [o]\nteam: infra\nteams: [infra, security]\neffort: 90\nstart: 2026-01-01\nend: 2026-12-31\nmilestones:\n  - { id: m, title: M, due: 2026-12-31, criteria: [c] }\n---\n",
        );
    p.run(&["build"]).ok();
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let i = &json["initiatives"][0];
    assert_eq!(
        i["effort"],
        serde_json::json!({ "infra": 45.0, "security": 45.0 }),
        "{i}"
    );
}

/// A quarter the capacity map leaves out shows the figure it carries, and
/// from which quarter: never as if it had been written.
#[test]
fn a_carried_capacity_says_where_it_comes_from() {
    let p = Project::empty();
    p.write("book.toml", "[book]\ntitle = \"T\"\n[roadmap]\ntoday = \"2026-08-01\"\n")
        .write("content/outcomes/o.md", "---\ntitle: O\nowner: A\n---\n")
        .write(
            "content/teams/apps.md",
            "---\ntitle: Apps\ncapacity: { 2026-Q4: 240, 2027-Q1: 300 }\n---\n",
        )
        .write(
            "content/initiatives/i.md",
            "---\ntitle: I\nowner: A\noutcomes: [o]\nteam: apps\neffort: 100\nstart: 2026-07-01\nend: 2027-06-30\nmilestones:\n  - { id: m, title: M, due: 2027-06-30, criteria: [c] }\n---\n",
        );
    p.run(&["build"]).ok();
    let page = p.read("site/teams/apps.html");
    assert!(
        page.contains(r#"<th scope="row">2026-Q3</th><td class="num">240 <small"#),
        "{page}"
    );
    assert!(
        page.contains("(as 2026-Q4)</small>") && page.contains("(as 2027-Q1)</small>"),
        "{page}"
    );
    assert!(
        page.contains(r#"<th scope="row">2026-Q4</th><td class="num">240</td>"#),
        "{page}"
    );
    // And so does the capacity page (it showed the figure bare).
    let capacity = p.read("site/capacity.html");
    assert!(
        capacity.contains(r#"<th scope="row">2026-Q3</th><td class="num">240 <small title="not written for 2026-Q3: carried from 2026-Q4">(as 2026-Q4)</small>"#),
        "{capacity}"
    );
}

/// At a quarter's close the dashboard's "due within three months" holds
/// the whole next quarter: "90 days" from 30 June stopped at 28 September
/// and left out every milestone written `2026-Q3` (30 September).
#[test]
fn due_soon_windows_run_in_months_from_a_quarter_s_close() {
    let p = crate::helpers::Project::empty();
    p.write(
        "book.toml",
        "[book]\ntitle = \"Soon\"\n[roadmap]\ntoday = \"2026-06-30\"\n",
    );
    p.write("content/outcomes/o.md", "---\ntitle: O\nowner: A\n---\n");
    p.write(
        "content/initiatives/i.md",
        "---\ntitle: I\nowner: A\noutcomes: [o]\nmilestones:\n  - id: july\n    title: July\n    due: 2026-07\n    criteria: [x]\n  - id: q3\n    title: Q3\n    due: 2026-Q3\n    criteria: [x]\n  - id: october\n    title: October\n    due: 2026-10-01\n    criteria: [x]\n---\n",
    );
    p.run(&["build", "--quiet"]);
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    assert_eq!(json["facts"]["due_30"], serde_json::json!(["i/july"]));
    assert_eq!(
        json["facts"]["due_90"],
        serde_json::json!(["i/july", "i/q3"])
    );
    let html = p.read("site/index.html");
    assert!(
        html.contains("<span class=\"tile-value\">1 / 2</span><span class=\"tile-label\">milestones due within a month / three months</span>"),
        "{html}"
    );
}

/// Cancelled work owes nothing: its page's description named a milestone
/// overdue and the next one due.
#[test]
fn a_cancelled_initiative_s_description_names_nothing_due() {
    let p = crate::helpers::Project::empty();
    p.write(
        "book.toml",
        "[book]\ntitle = \"Stopped\"\n[roadmap]\ntoday = \"2026-11-25\"\n",
    );
    p.write("content/outcomes/o.md", "---\ntitle: O\nowner: A\n---\n");
    let initiative = |status: &str| {
        format!("---\ntitle: I\nowner: A\nstatus: {status}\noutcomes: [o]\nmilestones:\n  - id: past\n    title: Past\n    due: 2026-10-01\n    criteria: [x]\n  - id: next\n    title: Next\n    due: 2026-Q4\n    criteria: [x]\n---\n")
    };
    p.write("content/initiatives/i.md", &initiative("active"));
    p.run(&["build", "--quiet"]);
    assert!(p
        .read("site/initiatives/i.html")
        .contains(", 1 milestone overdue, next due 2026-Q4\">"));
    p.write("content/initiatives/i.md", &initiative("cancelled"));
    p.run(&["build", "--quiet"]);
    let page = p.read("site/initiatives/i.html");
    assert!(
        page.contains("cancelled, no health reported, 0 of 2 milestones done\">"),
        "{page}"
    );
    // Nor do its facts: what it left undone is said as such ("Overdue:
    // Past (… 55 days overdue)" stood on it).
    assert!(!page.contains("<dt>Overdue</dt>"), "{page}");
    assert!(!page.contains("<dt>Next milestone</dt>"), "{page}");
    assert!(
        page.contains("<dt>Left undone when cancelled</dt><dd><a href=\"#m-past\">Past (due 2026-10-01) and 1 more</a></dd>"),
        "{page}"
    );
    // Nor do its milestones, wherever their state is read: the rows, the
    // progress, the calendar and roadmap.json ("Overdue by 55 d").
    assert!(!page.contains("Overdue by"), "{page}");
    assert!(page.contains("Not done: work cancelled"), "{page}");
    assert!(
        page.contains("0 of 2 milestones done, 0 late (done late or overdue)"),
        "{page}"
    );
    let ics = p.read("site/milestones.ics");
    assert_eq!(ics.matches("STATUS:CANCELLED").count(), 2, "{ics}");
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    assert_eq!(
        json["initiatives"][0]["milestones"][0]["state"],
        serde_json::json!({ "state": "cancelled" })
    );
}

/// With book.toml not read, where the site goes is not known for sure: the
/// failure says what holds of any site, not "nothing was written" beside
/// the site built before (from a trial).
#[test]
fn a_book_toml_that_does_not_read_leaves_the_site_built_before() {
    let p = Project::fixture("valid");
    p.run(&["build", "-q"]).ok();
    let before = p.tree("site");
    let book = p.read("book.toml");
    p.write("book.toml", &format!("{book}\n[budget\n"));
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "error: build failed before writing anything; a site built before is untouched"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(before, p.tree("site"));
}
