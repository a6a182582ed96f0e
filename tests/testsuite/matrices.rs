//! The traceability grids and the full trace, as a user meets them: built
//! from a project, read back from the pages and the CSV by id.

use crate::helpers::Project;
use std::collections::BTreeMap;

const BOOK: &str =
    "[book]\ntitle = \"Grid\"\norganization = \"Acme\"\n\n[roadmap]\ntoday = \"2026-11-25\"\n";

/// A small roadmap whose grids are worked out by hand in the tests.
fn project() -> Project {
    let p = Project::empty();
    p.write("book.toml", BOOK)
        .write("content/outcomes/grow.md", "---\ntitle: Grow online sales\nowner: Ada\ncategory: revenue\nhorizon: 2027-06-30\nkpis: [share]\n---\n")
        .write("content/outcomes/keep.md", "---\ntitle: Keep customers\nowner: Bo\ncategory: revenue\n---\n")
        .write("content/outcomes/comply.md", "---\ntitle: Comply with NIS2\nowner: Cy\ncategory: risk\n---\n")
        .write("content/kpis/share.md", "---\ntitle: Online share\ntype: business\nunit: \"%\"\ndirection: up\ntarget: 40\ndata:\n  - [2026-09-30, 31]\n  - [2026-10-31, 33]\n---\n")
        .write("content/kpis/orphan.md", "---\ntitle: Tickets closed\ntype: delivery\n---\n")
        .write("content/teams/web.md", "---\ntitle: Web\ncapacity: 100\n---\n")
        .write("content/teams/ops.md", "---\ntitle: Ops\ncapacity: 100\n---\n")
        .write("content/capabilities/api.md", "---\ntitle: API management\ncurrent: 1\ntarget: 3\narea: platform\n---\n")
        .write("content/capabilities/bi.md", "---\ntitle: Self-service BI\ncurrent: 2\ntarget: 4\narea: data\n---\n")
        .write("content/initiatives/shop.md", "---\ntitle: New web shop\nowner: Dee\nstatus: active\nlayer: application\nteams: [web, ops]\noutcomes: [grow, keep]\ncapabilities: [api]\nmilestones:\n  - { id: beta, title: Beta live, due: 2026-03-31, done: 2026-04-20, owner: Dee, criteria: [100 pilot orders, checkout p95 under 2 s] }\n  - { id: launch, title: Launch, due: 2027-03-31, owner: Dee }\n---\n")
        .write("content/initiatives/crm.md", "---\ntitle: CRM rollout\nowner: Eve\nstatus: planned\nlayer: application\nteam: web\noutcomes: [keep]\nmilestones:\n  - { id: pilot, title: Pilot, due: 2027-01-31, owner: Eve, criteria: [one region live] }\n---\n")
        .write("content/initiatives/audit.md", "---\ntitle: NIS2 audit\nowner: Fay\nstatus: done\nlayer: data\noutcomes: [comply]\n---\n")
        .write("content/initiatives/dropped.md", "---\ntitle: Dropped idea\nowner: Fay\nstatus: cancelled\noutcomes: [comply]\ncapabilities: [bi]\n---\n")
        .write("content/initiatives/idea.md", "---\ntitle: Someday idea\nowner: Gus\nstatus: proposed\n---\n");
    p
}

/// (row id → ids of the columns its marked cells sit in) of every grid row
/// on a page, in page order, and the column ids; read from the markup the
/// way a reader's eye goes: row by row, cell by cell under the headers.
struct PageGrid {
    columns: Vec<String>,
    flagged_columns: Vec<String>,
    rows: Vec<(String, Vec<String>)>,
    /// `<tfoot>` rows: label → one number per column.
    totals: BTreeMap<String, Vec<usize>>,
}

fn attr<'h>(tag: &'h str, name: &str) -> Option<&'h str> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    Some(&tag[start..start + tag[start..].find('"')?])
}

fn read_grid(html: &str) -> PageGrid {
    let table = &html[html.find("<table class=\"grid\"").expect("a grid")..];
    let table = &table[..table.find("</table>").unwrap()];
    let mut columns = Vec::new();
    let mut flagged_columns = Vec::new();
    for th in table.split("<th scope=\"col\"").skip(1) {
        let tag = &th[..th.find('>').unwrap()];
        if let Some(id) = attr(tag, "data-col") {
            columns.push(id.to_string());
            if attr(tag, "class") == Some("flag") {
                flagged_columns.push(id.to_string());
            }
        }
    }
    let mut rows = Vec::new();
    for tr in table.split("<tr data-row=\"").skip(1) {
        let id = &tr[..tr.find('"').unwrap()];
        let tr = &tr[..tr.find("</tr>").unwrap()];
        let cells: Vec<&str> = tr.split("<td").skip(1).take(columns.len()).collect();
        assert_eq!(cells.len(), columns.len(), "row {id} has a cell per column");
        let marked = cells
            .iter()
            .zip(&columns)
            .filter(|(c, _)| c.starts_with(" class=\"m "))
            .map(|(_, col)| col.clone())
            .collect();
        rows.push((id.to_string(), marked));
    }
    let foot = &table[table.find("<tfoot>").unwrap()..];
    let totals = foot
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|tr| {
            let label = tr[..tr.find('<').unwrap()].to_string();
            let numbers = tr
                .split("<td class=\"num")
                .skip(1)
                .map(|td| {
                    let text = &td[td.find('>').unwrap() + 1..td.find("</td>").unwrap()];
                    text.trim_end_matches(" ⚠").parse().unwrap()
                })
                .collect();
            (label, numbers)
        })
        .collect();
    PageGrid {
        columns,
        flagged_columns,
        rows,
        totals,
    }
}

fn marks(rows: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    rows.iter()
        .map(|(id, cols)| (id.to_string(), cols.iter().map(|c| c.to_string()).collect()))
        .collect()
}

#[test]
fn the_outcome_grid_marks_each_link_by_id_and_flags_what_nothing_serves() {
    let p = project();
    p.run(&["build"]).ok();
    let html = p.read("site/matrix.html");
    let g = read_grid(&html);
    assert_eq!(
        g.columns,
        ["grow", "keep", "comply"],
        "by category, then id"
    );
    assert_eq!(g.flagged_columns, ["comply"], "only done work serves it");
    assert_eq!(
        g.rows,
        marks(&[
            ("crm", &["keep"]),
            ("shop", &["grow", "keep"]),
            ("audit", &["comply"]),
            // The backlog: a row group of its own, linked to nothing.
            ("idea", &[]),
        ]),
        "the cancelled initiative is left out"
    );
    assert_eq!(g.totals["live initiatives"], [1, 2, 0]);
    assert_eq!(g.totals["milestones done"], [1, 1, 0]);
    // The beta milestone was done 20 days late.
    assert_eq!(g.totals["milestones late"], [1, 1, 0]);
    // The backlog group stands out in words, not only in colour.
    let backlog = &html[html.find("<tbody class=\"flag\">").expect("flagged group")..];
    assert!(backlog.contains("⚠ serves no outcome"), "{backlog:.300}");
    assert!(backlog[..backlog.find("</tbody>").unwrap()].contains("data-row=\"idea\""));
    assert!(html.contains("⚠ no live initiative"));
    // A screen reader hears the link, the status and the computed health.
    assert!(
        html.contains("initiative New web shop serves outcome Grow online sales: active, "),
        "cell sentence"
    );
    // The header names each outcome's owner and horizon; both axes are
    // headers with a scope, and the grid has a caption.
    assert!(html.contains("Ada, by 2027-06-30"));
    assert!(html.contains("<th scope=\"row\">") && html.contains("<th scope=\"colgroup\""));
    assert!(html.contains("<caption>Which initiative serves which outcome</caption>"));

    // By team: work of two teams is a row under each; work of none is
    // grouped as such.
    let by_team = p.read("site/matrix-by-team.html");
    let g = read_grid(&by_team);
    let ids: Vec<&str> = g.rows.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["audit", "shop", "crm", "shop", "idea"]);
    assert!(by_team.contains(">no team <small>(1)</small>"));
    // Each page links to the other, no script needed.
    assert!(html.contains("href=\"matrix-by-team.html\""));
    assert!(by_team.contains("href=\"matrix.html\""));
    assert!(p
        .read("site/traceability.html")
        .contains("href=\"matrix.html\""));
}

#[test]
fn the_capability_and_kpi_grids_flag_unraised_gaps_unmeasured_outcomes_and_orphan_kpis() {
    let p = project();
    p.run(&["build"]).ok();
    let html = p.read("site/capability-matrix.html");
    let g = read_grid(&html);
    assert_eq!(g.columns, ["bi", "api"], "by area, then id");
    // Only a cancelled initiative would raise the BI gap.
    assert_eq!(g.flagged_columns, ["bi"]);
    assert_eq!(g.rows, marks(&[("shop", &["api"])]));
    assert_eq!(g.totals["initiatives raising it"], [0, 1]);
    assert!(
        html.contains("maturity 2 → 4"),
        "current → target in the header"
    );

    let html = p.read("site/kpi-matrix.html");
    let g = read_grid(&html);
    assert_eq!(g.columns, ["grow", "keep", "comply"]);
    assert_eq!(g.flagged_columns, ["keep", "comply"]);
    assert_eq!(g.rows, marks(&[("share", &["grow"]), ("orphan", &[])]));
    assert_eq!(g.totals["KPIs"], [1, 0, 0]);
    // The KPI's latest value against its target, in words.
    assert!(html.contains("latest 33% against target 40%, off target"));
    assert!(html.contains("⚠ measures no outcome"));
}

fn read_csv(p: &Project, path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(p.path().join("site").join(path)).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{path}: a BOM, for Excel"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

#[test]
fn each_grid_exports_as_wide_csv_and_the_trace_as_one_row_per_criterion() {
    let p = project();
    p.run(&["build"]).ok();
    let (headers, rows) = read_csv(&p, "matrix.csv");
    assert_eq!(
        headers,
        [
            "row_group",
            "id",
            "title",
            "status",
            "computed_health",
            "owner",
            "grow",
            "keep",
            "comply"
        ]
    );
    let linked: Vec<(String, Vec<&str>)> = rows
        .iter()
        .map(|r| {
            let cols = headers[6..]
                .iter()
                .zip(&r[6..])
                .filter(|(_, cell)| cell.as_str() == "x")
                .map(|(h, _)| h.as_str())
                .collect();
            (r[1].clone(), cols)
        })
        .collect();
    assert_eq!(
        linked,
        [
            ("crm".to_string(), vec!["keep"]),
            ("shop".to_string(), vec!["grow", "keep"]),
            ("audit".to_string(), vec!["comply"]),
            ("idea".to_string(), vec![]),
        ]
    );
    assert_eq!(rows[3][0], "backlog");
    assert!(rows
        .iter()
        .all(|r| r[6..].iter().all(|c| c.is_empty() || c == "x")));

    let (headers, rows) = read_csv(&p, "kpi-matrix.csv");
    assert_eq!(
        &headers[..6],
        ["row_group", "id", "title", "latest", "target", "standing"]
    );
    assert_eq!(
        rows[0][..6],
        [
            "business",
            "share",
            "Online share",
            "33",
            "40",
            "off target"
        ]
    );

    let (headers, rows) = read_csv(&p, "trace.csv");
    assert_eq!(
        headers[..7],
        [
            "outcome_id",
            "outcome_title",
            "initiative_id",
            "initiative_title",
            "milestone_id",
            "milestone_title",
            "criterion"
        ]
    );
    let trace: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[4].as_str(), r[6].as_str()))
        .collect();
    assert_eq!(
        trace,
        [
            ("grow", "shop/beta", "100 pilot orders"),
            ("grow", "shop/beta", "checkout p95 under 2 s"),
            // No criterion: the row is there, empty, so the gap shows.
            ("grow", "shop/launch", ""),
            ("keep", "crm/pilot", "one region live"),
            ("keep", "shop/beta", "100 pilot orders"),
            ("keep", "shop/beta", "checkout p95 under 2 s"),
            ("keep", "shop/launch", ""),
        ]
    );
    assert_eq!(
        rows[0][7..],
        // Done: no date it stands committed to past.
        ["2026-03-31", "2026-04-20", "done-late", "Dee", ""]
    );
    // The trace page says the same, the missing criterion in words.
    let html = p.read("site/trace.html");
    assert_eq!(html.matches("<tr><td>").count(), 7);
    assert_eq!(html.matches("⚠ none stated").count(), 2);
}

#[test]
fn a_formula_in_a_title_is_neutralised_in_every_matrix_csv() {
    let p = project();
    p.write(
        "content/initiatives/evil.md",
        "---\ntitle: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"\nowner: \"@SUM(A1)\"\nstatus: active\noutcomes: [grow]\nmilestones:\n  - { id: m, title: \"+cmd|' /C calc'!A0\", due: 2027-01-31, owner: \"-2+3\", criteria: [\"=1+1\"] }\n---\n",
    );
    p.run(&["build"]).ok();
    for path in ["matrix.csv", "matrix-by-team.csv", "trace.csv"] {
        let (_, rows) = read_csv(&p, path);
        let row = rows
            .iter()
            .find(|r| r.iter().any(|c| c.contains("HYPERLINK")))
            .unwrap();
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "{path}: {cell:?} would run as a formula"
            );
        }
        assert!(row
            .iter()
            .any(|c| c == "'=HYPERLINK(\"http://evil.example\",\"x\")"));
    }
    // And the page shows the title as text.
    assert!(p
        .read("site/matrix.html")
        .contains("=HYPERLINK(&quot;http://evil.example&quot;"));
}

#[test]
fn a_large_grid_splits_into_one_page_per_category_and_the_trace_per_outcome() {
    let p = Project::empty();
    p.write("book.toml", BOOK);
    let categories = ["revenue", "risk", "cost"];
    for o in 0..48 {
        p.write(
            &format!("content/outcomes/o{o:02}.md"),
            &format!(
                "---\ntitle: Outcome {o}\nowner: A\ncategory: {}\n---\n",
                categories[o % 3]
            ),
        );
    }
    // 600 initiatives × 48 outcomes is 28,800 cells: past one page.
    for i in 0..600 {
        let ms: String = (0..3)
            .map(|m| {
                format!(
                    "  - {{ id: m{m}, title: M{m}, due: 2027-0{}-28, criteria: [a, b] }}\n",
                    m + 1
                )
            })
            .collect();
        p.write(
            &format!("content/initiatives/i{i:03}.md"),
            &format!("---\ntitle: Work {i}\nowner: B\nstatus: active\nlayer: application\noutcomes: [o{:02}]\nmilestones:\n{ms}---\n", i % 47),
        );
    }
    p.run(&["build"]).ok();
    let index = p.read("site/matrix.html");
    assert!(
        !index.contains("<table class=\"grid\""),
        "the index holds no grid"
    );
    for c in categories {
        assert!(index.contains(&format!("href=\"matrix/{c}.html\"")), "{c}");
        let part = p.read(&format!("site/matrix/{c}.html"));
        let g = read_grid(&part);
        assert_eq!(g.columns.len(), 16);
        // Only the work serving that category's outcomes, each linked.
        assert_eq!(g.rows.len(), if c == "cost" { 192 } else { 204 });
        assert!(g.rows.iter().all(|(_, cols)| cols.len() == 1));
        assert!(part.contains("href=\"../matrix.html\""));
        assert!(part.len() < 2_000_000);
    }
    // o47 is served by nothing: flagged on its part, counted on the index.
    let cost = read_grid(&p.read("site/matrix/cost.html"));
    assert_eq!(cost.flagged_columns, ["o47"]);
    // 600 × 3 milestones × 2 criteria = 3,600 rows: one page per outcome.
    let trace = p.read("site/trace.html");
    assert!(trace.contains("href=\"trace/o00.html\""));
    let o00 = p.read("site/trace/o00.html");
    // Initiatives 0, 47, …, 564: 13 of them, 6 criteria each.
    assert_eq!(o00.matches("<tr><td>").count(), 13 * 6);
    // The CSV stays whole.
    let (_, rows) = read_csv(&p, "matrix.csv");
    assert_eq!(rows.len(), 600);
}

#[test]
fn a_quarter_later_the_diff_says_what_became_traced_or_untraced_and_what_lost_its_last_live_work() {
    use crate::helpers::git;
    let p = project();
    p.write("book.toml", &BOOK.replace("2026-11-25", "2026-09-30"));
    git(&p, "2026-09-30", &["init", "-q"]);
    git(&p, "2026-09-30", &["add", "-A"]);
    git(&p, "2026-09-30", &["commit", "-qm", "Q3"]);
    git(&p, "2026-09-30", &["tag", "roadmap/2026-Q3"]);
    // A quarter later: the shop is cancelled, the CRM lost its outcome,
    // the idea found one.
    p.write("book.toml", BOOK);
    let shop = p
        .read("content/initiatives/shop.md")
        .replace("status: active", "status: cancelled");
    p.write("content/initiatives/shop.md", &shop);
    p.write(
        "content/initiatives/crm.md",
        "---\ntitle: CRM rollout\nowner: Eve\nstatus: planned\nlayer: application\nteam: web\nmilestones:\n  - { id: pilot, title: Pilot, due: 2027-01-31, owner: Eve, criteria: [one region live] }\n---\n",
    );
    p.write(
        "content/initiatives/idea.md",
        "---\ntitle: Someday idea\nowner: Gus\nstatus: proposed\noutcomes: [comply]\n---\n",
    );
    git(&p, "2026-11-25", &["add", "-A"]);
    git(&p, "2026-11-25", &["commit", "-qm", "now"]);

    let out = p.run(&["diff", "roadmap/2026-Q3", "--format", "json"]).ok();
    let d: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(d["became_traced"], serde_json::json!(["idea"]));
    assert_eq!(d["became_untraced"], serde_json::json!(["crm"]));
    // comply was served by done work only, so it lost nothing; now it has
    // live work again.
    assert_eq!(d["lost_last_live"], serde_json::json!(["grow", "keep"]));
    let text = p.run(&["diff", "roadmap/2026-Q3"]).ok().stdout;
    assert!(
        text.contains("  untraced crm: serves no outcome any more (backlog)"),
        "{text}"
    );
    assert!(
        text.contains("  traced   idea: now serves an outcome"),
        "{text}"
    );
    assert!(
        text.contains("  unserved grow: its last live initiative is gone"),
        "{text}"
    );
    // Done instead, its outcomes' work is delivered: they lost nothing
    // (the diff called them unserved beside a roll-up of "work delivered").
    let done = p
        .read("content/initiatives/shop.md")
        .replace("status: cancelled", "status: done");
    p.write("content/initiatives/shop.md", &done);
    let out = p.run(&["diff", "roadmap/2026-Q3", "--format", "json"]).ok();
    let delivered: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(delivered["lost_last_live"], serde_json::json!([]));
    p.write("content/initiatives/shop.md", &shop);

    p.run(&["build"]).ok();
    let page = p.read("site/history/2026-Q3--current.html");
    let section = &page[page
        .find("<h2>Traceability</h2>")
        .expect("a traceability section")..];
    let section = &section[..section.find("</ul>").unwrap()];
    assert!(section.contains(">Grow online sales</a>, <a"), "{section}");
    assert!(
        section.contains("now backlog): <a href=\"../initiatives/crm.html\">CRM rollout</a>"),
        "{section}"
    );
    assert!(section.contains("Now serves an outcome: <a href=\"../initiatives/idea.html\">"));
    // The archived version has its own grids, as they stood then.
    let then = read_grid(&p.read("site/v/2026-Q3/matrix.html"));
    assert!(then
        .rows
        .contains(&("crm".to_string(), vec!["keep".to_string()])));
    assert_eq!(then.totals["live initiatives"], [1, 2, 0]);
    let now = read_grid(&p.read("site/matrix.html"));
    assert_eq!(now.totals["live initiatives"], [0, 0, 1]);
    assert_eq!(now.flagged_columns, ["grow", "keep"]);
}

#[test]
fn the_brief_rolls_outcomes_up_by_the_computed_health_of_their_work() {
    let p = project();
    p.run(&["build"]).ok();
    let doc: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let health = |id: &str| -> String {
        let i = doc["initiatives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap();
        i["computed_health"]["health"]
            .as_str()
            .unwrap_or("closed")
            .to_string()
    };
    // [red, amber, green, closed] of the work serving each outcome.
    let counts = |ids: &[&str]| -> Vec<usize> {
        ["red", "amber", "green", "closed"]
            .iter()
            .map(|h| ids.iter().filter(|id| health(id) == *h).count())
            .collect()
    };
    let brief = p.read("site/brief.html");
    let table = &brief[brief.find("<table class=\"rollup\">").expect("the roll-up")..];
    let rows: BTreeMap<String, (Vec<usize>, bool)> = brief
        [brief.find("<table class=\"rollup\">").unwrap()..]
        .split("<tr><td>")
        .skip(1)
        .take(3)
        .map(|tr| {
            let tr = &tr[..tr.find("</tr>").unwrap()];
            // Without a base URL the brief links nowhere: the title is text,
            // after the badge when there is one.
            let cell = &tr[..tr.find("</td>").unwrap()];
            let title = cell.rsplit("</span> ").next().unwrap().to_string();
            let numbers = tr
                .split("<td class=\"num\">")
                .skip(1)
                .map(|td| td[..td.find('<').unwrap()].parse().unwrap())
                .collect();
            (title, (numbers, tr.contains("no live work")))
        })
        .collect();
    assert!(table.contains("Outcomes, off track first, by their work’s computed health"));
    assert_eq!(rows["Grow online sales"], (counts(&["shop"]), false));
    assert_eq!(rows["Keep customers"], (counts(&["shop", "crm"]), false));
    assert_eq!(
        rows["Comply with NIS2"],
        (vec![0, 0, 0, 1], true),
        "done work only"
    );
}

/// The brief's outcome table shows four outcomes: one off track (its work
/// ends after its horizon, nothing red or amber) comes before those whose
/// work is red, or the table a board reads leaves it out.
#[test]
fn the_brief_shows_an_outcome_off_track_before_those_merely_at_risk() {
    let p = Project::empty();
    p.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n[roadmap]\ntoday = \"2026-11-25\"\n",
    );
    for n in 1..=4 {
        p.write(
            &format!("content/outcomes/red-{n}.md"),
            &format!("---\ntitle: Red {n}\nowner: A\n---\n"),
        )
        .write(
            &format!("content/initiatives/late-{n}.md"),
            &format!("---\ntitle: Late {n}\nowner: A\noutcomes: [red-{n}]\nmilestones:\n  - id: m\n    title: M\n    due: 2026-08-31\n    criteria: [x]\n---\n"),
        )
        // Some of its work on plan: at risk, not off track.
        .write(
            &format!("content/initiatives/fine-{n}.md"),
            &format!("---\ntitle: Fine {n}\nowner: A\noutcomes: [red-{n}]\nmilestones:\n  - id: m\n    title: M\n    due: 2026-12-31\n    criteria: [x]\n---\n"),
        );
    }
    p.write(
        "content/outcomes/zeta-far.md",
        "---\ntitle: Zeta far\nowner: A\nhorizon: 2026-12-31\n---\n",
    )
    .write(
        "content/initiatives/slow.md",
        "---\ntitle: Slow\nowner: A\noutcomes: [zeta-far]\nend: 2027-06-30\nmilestones:\n  - id: m\n    title: M\n    due: 2027-06-30\n    criteria: [x]\n---\n",
    );
    p.run(&["build", "--quiet"]).ok();
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let zeta = json["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "zeta-far")
        .unwrap();
    assert_eq!(zeta["rollup"]["state"], "off-track", "{zeta}");
    let brief = p.read("site/brief.html");
    let table = &brief[brief.find("class=\"cols rollups\"").expect("the roll-up")..];
    let table = &table[..table.find("</div></div>").unwrap_or(table.len())];
    assert!(table.contains("Zeta far"), "{table}");
    assert!(table.contains("4 of 5"), "{table}");
}

/// The dashboard's outcome table counts the live work serving each
/// outcome, as the roll-up and traceability do: a cancelled initiative
/// counted there made one outcome "7" on the dashboard and "5 live of 6"
/// on the traceability page. The brief's KPI line counts the KPIs with a
/// target in force: one not yet due is neither on nor off target.
#[test]
fn the_dashboard_counts_live_work_and_the_brief_kpis_with_a_target_in_force() {
    let p = Project::empty();
    p.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n[roadmap]\ntoday = \"2026-11-25\"\n",
    )
    .write("content/outcomes/o.md", "---\ntitle: Grow\nowner: A\n---\n")
    .write(
        "content/initiatives/live.md",
        "---\ntitle: Live\nowner: A\noutcomes: [o]\nmilestones:\n  - { id: m, title: M, due: 2027-03-31, criteria: [x] }\n---\n",
    )
    .write(
        "content/initiatives/gone.md",
        "---\ntitle: Gone\nowner: A\nstatus: cancelled\noutcomes: [o]\nmilestones:\n  - { id: m, title: M, due: 2027-03-31, criteria: [x] }\n---\n",
    )
    .write(
        "content/kpis/now.md",
        "---\ntitle: Now\noutcome: o\nunit: \"%\"\ndirection: up\ntargets: { 2026-Q1: 50 }\ndata: [[2026-10, 40]]\n---\n",
    )
    .write(
        "content/kpis/later.md",
        "---\ntitle: Later\noutcome: o\nunit: \"%\"\ndirection: up\ntargets: { 2027-Q2: 50 }\ndata: [[2026-10, 40]]\n---\n",
    );
    p.run(&["build", "--quiet"]).ok();
    let dash = p.read("site/index.html");
    let table = "<tr><td><a href=\"outcomes/o.html\">Grow</a>";
    let row = &dash[dash.find(table).expect("the outcome row")..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.ends_with("<td class=\"num\">1</td>"), "{row}");
    let brief = p.read("site/brief.html");
    assert!(
        brief.contains("<strong>KPIs.</strong> 0 of 1 on target (1 not judged: no data, or no target in force).</p>"),
        "{brief}"
    );
    // A KPI with a target and no figure yet says it has no data, not no
    // target.
    p.write(
        "content/kpis/later.md",
        "---\ntitle: Later\noutcome: o\nunit: \"%\"\ndirection: up\ntarget: 30\n---\n",
    );
    p.run(&["build", "--quiet"]).ok();
    assert!(p.read("site/brief.html").contains(">No data</span>"));
    let list = p.read("site/kpis/index.html");
    assert!(list.contains("no data"), "{list}");
    assert!(!list.contains("no target"), "{list}");
    assert!(list.contains("2 KPIs in "), "{list}");
}

/// A target step begun since the latest figure is the target now, as the
/// dashboard shows it: judged against the step of the figure's own date,
/// a KPI read "target not yet due", or on target, under a higher target in
/// force for weeks (every quarter's turn, until the next figure came).
/// The brief, with room for nine, lists those off target first.
#[test]
fn a_target_step_begun_since_the_latest_figure_is_the_target_now() {
    let p = Project::empty();
    p.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n[roadmap]\ntoday = \"2026-11-25\"\n",
    )
    .write("content/outcomes/o.md", "---\ntitle: Grow\nowner: A\n---\n")
    .write(
        "content/kpis/share.md",
        "---\ntitle: Share\noutcome: o\nunit: \"%\"\ndirection: up\ntargets: { 2026-11: 36, 2027-Q4: 45 }\ndata: [[2026-10, 34.7]]\n---\n",
    )
    .write(
        "content/kpis/patch.md",
        "---\ntitle: Patch\noutcome: o\nunit: days\ndirection: down\ntargets: { 2026-Q4: 14, 2026-11-20: 10.5 }\ndata: [[2026-11, 11]]\n---\n",
    )
    // No step begun since its figure: judged against the step of its date.
    .write(
        "content/kpis/steady.md",
        "---\ntitle: Steady\noutcome: o\nunit: \"%\"\ndirection: up\ntargets: { 2026-Q1: 30, 2027-Q2: 60 }\ndata: [[2026-10, 40]]\n---\n",
    );
    // Eight more on target, named ahead of the ones off it.
    for n in 1..=8 {
        p.write(
            &format!("content/kpis/a{n}.md"),
            &format!("---\ntitle: A{n}\noutcome: o\ndirection: up\ntarget: 1\ndata: [[2026-10, 2]]\n---\n"),
        );
    }
    p.run(&["build", "--quiet"]).ok();
    let json: serde_json::Value = serde_json::from_str(&p.read("site/roadmap.json")).unwrap();
    let status = |id: &str| {
        let kpi = json["kpis"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["id"] == id)
            .unwrap();
        let s = &kpi["status"];
        (s["target"].clone(), s["on_target"].clone())
    };
    assert_eq!(status("share"), (36.0.into(), false.into()));
    assert_eq!(status("patch"), (10.5.into(), false.into()));
    assert_eq!(status("steady"), (30.0.into(), true.into()));
    let brief = p.read("site/brief.html");
    assert!(
        brief.contains("<strong>KPIs.</strong> 9 of 11 on target.</p>"),
        "{brief}"
    );
    // Both off target make the brief's nine, first, though by id they
    // came after eight on target.
    let shown: Vec<&str> = brief
        .split("<span class=\"name\">")
        .skip(1)
        .map(|k| &k[k.find('>').unwrap() + 1..k.find("</").unwrap()])
        .collect();
    assert_eq!(shown.len(), 9, "{shown:?}");
    assert_eq!(&shown[..2], ["Patch", "Share"], "{shown:?}");
    assert!(brief.contains("And 2 more KPIs on the site."), "{brief}");
    // The KPI's page says which target judges it, beside a table whose
    // row shows the target of the figure's own month.
    let patch = p.read("site/kpis/patch.html");
    assert!(
        patch.contains("11 days (2026-11) — off target against 10.5 days in force from 2026-11-20, 14 days when measured"),
        "{patch}"
    );
    assert!(!p.read("site/kpis/steady.html").contains("in force from"));
    // The brief and the dashboard name the step's start beside the target.
    assert!(
        brief.contains("11 days · target 10.5 days from 2026-11-20 "),
        "{brief}"
    );
    assert!(p
        .read("site/index.html")
        .contains("target 10.5 days from 2026-11-20 · lower is better"));
}

/// A figure dated in a period not begun (the year mistyped) was the KPI's
/// latest value on every page, "On target" on a measurement not taken.
#[test]
fn a_figure_for_a_period_not_begun_is_no_latest_value() {
    let p = Project::empty();
    p.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n[roadmap]\ntoday = \"2026-11-25\"\n",
    )
    .write("content/outcomes/o.md", "---\ntitle: Grow\nowner: A\n---\n")
    .write(
        "content/kpis/margin.md",
        "---\ntitle: Margin\noutcome: o\nunit: \"%\"\ndirection: up\ntarget: 23\ndata: [[2026-09, 22.1], [2026-10, 22.2], [2027-11, 24.0]]\n---\n",
    );
    p.run(&["build", "--quiet"]).ok();
    let brief = p.read("site/brief.html");
    assert!(
        brief.contains("22.2% · target 23% <span class=\"badge r\">Off target</span>"),
        "{brief}"
    );
    let out = p.run(&["check"]).stderr;
    assert!(
        out.contains("KPI `margin` has 1 figure for a period after today (2026-11-25): its latest value leaves it out")
            && out.contains("the first is 2027-11 (24): write the period it was measured in (check the year)"),
        "{out}"
    );
}

#[test]
fn large_figures_read_with_their_thousands_on_pages_and_plain_in_the_csv() {
    let p = project();
    p.write("content/outcomes/grow.md", "---\ntitle: Grow online sales\nowner: Ada\ncategory: revenue\nhorizon: 2027-06-30\nkpis: [share, visits]\n---\n")
        .write("content/kpis/visits.md", "---\ntitle: Monthly visitors\ntype: business\ndirection: up\ntarget: 150000\ndata:\n  - [2026-09-30, 118250.5]\n  - [2026-10-31, 126400]\n---\n")
        .write("content/teams/web.md", "---\ntitle: Web\ncapacity: 1500\n---\n")
        .write("content/initiatives/shop.md", "---\ntitle: New web shop\nowner: Dee\nstatus: active\nteams: [web]\noutcomes: [grow]\neffort: { web: 2400 }\nmilestones:\n  - { id: launch, title: Launch, due: 2027-03-31, owner: Dee }\n---\n");
    p.run(&["build"]).ok();

    let kpi = p.read("site/kpis/visits.html");
    for shown in ["126,400", "150,000", "118,250.5"] {
        assert!(kpi.contains(shown), "the KPI's page shows {shown}");
    }
    assert!(
        !kpi.contains(">126400<") && !kpi.contains("126400 ·"),
        "no figure left ungrouped on the KPI's page"
    );
    assert!(p.read("site/kpis/index.html").contains("126,400"));
    assert!(p.read("site/index.html").contains("126,400"));
    assert!(p.read("site/kpi-matrix.html").contains("126,400"));
    let team = p.read("site/teams/web.html");
    assert!(
        team.contains("capacity 1,500 person-days per quarter"),
        "the team's capacity is grouped"
    );
    assert!(p
        .read("site/capacity.html")
        .contains("<td class=\"num\">1,500"));
    assert!(p
        .read("site/initiatives/shop.html")
        .contains("Web: 2,400 person-days"));

    // Programs read the plain figure.
    let (headers, rows) = read_csv(&p, "kpi-matrix.csv");
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let visits = rows
        .iter()
        .find(|r| r[at("id")] == "visits")
        .expect("a row");
    assert_eq!(visits[at("latest")], "126400");
    assert_eq!(visits[at("target")], "150000");
    assert!(p.read("site/roadmap.json").contains("126400"));

    // A period's page groups them as the KPI's page does.
    let visits = |target: &str, data: &str| {
        format!("---\ntitle: Monthly visitors\ntype: business\ndirection: up\ntarget: {target}\ndata:\n{data}---\n")
    };
    p.write("book.toml", &BOOK.replace("2026-11-25", "2026-09-30"))
        .write(
            "content/kpis/visits.md",
            &visits("150000", "  - [2026-09-30, 118250.5]\n"),
        );
    crate::helpers::git(&p, "2026-09-30", &["init", "-q"]);
    crate::helpers::git(&p, "2026-09-30", &["add", "-A"]);
    crate::helpers::git(&p, "2026-09-30", &["commit", "-qm", "Q3"]);
    crate::helpers::git(&p, "2026-09-30", &["tag", "roadmap/2026-Q3"]);
    p.write("book.toml", BOOK)
        .write(
            "content/kpis/visits.md",
            &visits(
                "175000",
                "  - [2026-09-30, 118250.5]\n  - [2026-10-31, 126400]\n",
            ),
        )
        .write("content/initiatives/shop.md", "---\ntitle: New web shop\nowner: Dee\nstatus: active\nteams: [web, ops]\noutcomes: [grow]\neffort: { web: 1500, ops: 1200 }\nmilestones:\n  - { id: launch, title: Launch, due: 2027-03-31, owner: Dee }\n---\n");
    p.run(&["build"]).ok();
    let period = p.read("site/history/2026-Q3--current.html");
    for shown in [
        "118,250.5",
        "126,400",
        "150,000",
        "175,000",
        "2,400",
        "2,700",
        "ops 1,200, web 1,500",
    ] {
        assert!(period.contains(shown), "the period's page shows {shown}");
    }
}
