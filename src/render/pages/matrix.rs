//! The traceability grids (outcome × initiative by layer or by team,
//! capability × initiative, KPI × outcome) and the full trace down to
//! milestone criteria, with their CSV. A grid too big for one page is cut
//! into one page per column group (an outcome's category, a capability's
//! area), the trace into one page per outcome; the page at the grid's own
//! path then lists the parts.

use super::PageSpec;
use crate::analysis::matrices::{
    self, capability_matrix, criteria_trace, kpi_matrix, outcome_matrix, Grid, GridColumn, GridRow,
    Grouping, TraceRow,
};
use crate::analysis::MilestoneState;
use crate::model::{Kind, Roadmap};
use crate::render::context::{fmt_num, merge, Ctx};
use crate::render::grid::{csv_line, escape, grid_csv, GridHtml, Head, Mark, RowView};
use crate::render::{root_of, slug};
use crate::tv;
use crate::words::count;

/// Past this many cells (rows × columns) a grid is split by column group:
/// 500 initiatives × 20 outcomes stay one page, about 1 MB; at 10,000
/// initiatives × 200 outcomes one page would be 20 MB.
const GRID_CELLS_PER_PAGE: usize = 25_000;
/// Past this many criteria rows the trace is split by outcome.
const TRACE_ROWS_PER_PAGE: usize = 3_000;

/// The grids, each with the page it lives on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Matrix {
    ByLayer,
    ByTeam,
    Capabilities,
    Kpis,
}

impl Matrix {
    const ALL: [Matrix; 4] = [
        Matrix::ByLayer,
        Matrix::ByTeam,
        Matrix::Capabilities,
        Matrix::Kpis,
    ];

    /// The page's path without `.html`: the CSV and the parts' folder are
    /// named after it.
    fn stem(self) -> &'static str {
        match self {
            Matrix::ByLayer => "matrix",
            Matrix::ByTeam => "matrix-by-team",
            Matrix::Capabilities => "capability-matrix",
            Matrix::Kpis => "kpi-matrix",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Matrix::ByLayer => "Outcome × initiative matrix, by layer",
            Matrix::ByTeam => "Outcome × initiative matrix, by team",
            Matrix::Capabilities => "Capability × initiative matrix",
            Matrix::Kpis => "KPI × outcome matrix",
        }
    }

    fn grid(self, cx: &Ctx) -> Grid {
        let f = cx.facts;
        match self {
            Matrix::ByLayer => outcome_matrix(cx.r, &f.traceability, &f.progress, Grouping::Layer),
            Matrix::ByTeam => outcome_matrix(cx.r, &f.traceability, &f.progress, Grouping::Team),
            Matrix::Capabilities => capability_matrix(cx.r),
            Matrix::Kpis => kpi_matrix(cx.r, &f.traceability),
        }
    }

    fn view(self) -> GridHtml<'static> {
        match self {
            Matrix::ByLayer | Matrix::ByTeam => GridHtml {
                caption: "Which initiative serves which outcome",
                rows_are: "initiatives",
                columns_are: "outcomes",
                verb: "serves",
                row_totals: &["Outcomes", "Milestones done", "Late"],
            },
            Matrix::Capabilities => GridHtml {
                caption: "Which initiative raises which capability",
                rows_are: "initiatives",
                columns_are: "capabilities",
                verb: "raises",
                row_totals: &["Capabilities"],
            },
            Matrix::Kpis => GridHtml {
                caption: "Which KPI measures which outcome",
                rows_are: "KPIs",
                columns_are: "outcomes",
                verb: "measures",
                row_totals: &["Outcomes"],
            },
        }
    }

    fn legend(self) -> &'static str {
        match self {
            Matrix::ByLayer | Matrix::ByTeam | Matrix::Capabilities => "A mark shows the initiative's health computed from its data: ● green, ▲ amber, ■ red, ○ none (closed or not started); its status and health are also said in words beside its name and in each mark's text. A column or row group marked ⚠ stands out: nothing live serves that outcome, nothing raises that capability gap, or the work serves no outcome.",
            Matrix::Kpis => "A mark shows where the KPI stands: ● on target, ■ off target, ○ no data or no target; its latest value and target are beside its name. A column marked ⚠ is an outcome no KPI measures; the group marked ⚠ holds KPIs tied to no outcome.",
        }
    }
}

fn outcome<'r>(r: &'r Roadmap, id: &str) -> Option<&'r crate::model::Outcome> {
    r.index
        .get(id)
        .filter(|x| x.kind == Kind::Outcome)
        .map(|x| &r.outcomes[x.index])
}

fn capability<'r>(r: &'r Roadmap, id: &str) -> Option<&'r crate::model::Capability> {
    r.index
        .get(id)
        .filter(|x| x.kind == Kind::Capability)
        .map(|x| &r.capabilities[x.index])
}

fn column_head(cx: &Ctx, matrix: Matrix, c: &GridColumn, root: &str) -> Head {
    let r = cx.r;
    let (title, url, sub, noun) = match matrix {
        Matrix::Capabilities => match capability(r, &c.id) {
            Some(cap) => (
                cap.meta.title.as_str(),
                cap.meta.url.as_str(),
                format!("maturity {} → {}", cap.current, cap.target),
                "capability",
            ),
            None => (c.id.as_str(), "", String::new(), "capability"),
        },
        _ => match outcome(r, &c.id) {
            Some(o) => {
                let by = o.horizon.as_ref().map(|h| format!(", by {}", h.written));
                (
                    o.meta.title.as_str(),
                    o.meta.url.as_str(),
                    format!("{}{}", o.owner, by.unwrap_or_default()),
                    "outcome",
                )
            }
            None => (c.id.as_str(), "", String::new(), "outcome"),
        },
    };
    Head {
        html: format!(
            "<a href=\"{root}{}\">{}</a><br><small>{}</small>",
            escape(url),
            escape(title),
            escape(&sub)
        ),
        label: format!("{noun} {title}"),
    }
}

fn initiative_row(cx: &Ctx, matrix: Matrix, row: &GridRow, root: &str) -> RowView {
    let Some(i) = cx.r.initiative(&row.id) else {
        return unknown_row(row);
    };
    let computed = cx.facts.health.get(&row.id).map(|c| c.health.as_str());
    let (symbol, class) = match computed {
        Some("green") => ("●", "h-green"),
        Some("amber") => ("▲", "h-amber"),
        Some("red") => ("■", "h-red"),
        _ => ("○", "h-none"),
    };
    let health = computed.unwrap_or("no computed health");
    let totals = match matrix {
        Matrix::Capabilities => vec![row.cells.len().to_string()],
        _ => {
            let p = cx.facts.progress.get(&row.id).copied().unwrap_or_default();
            vec![
                i.outcomes.len().to_string(),
                format!("{} of {}", p.done, p.total),
                p.late.to_string(),
            ]
        }
    };
    RowView {
        head: Head {
            html: format!(
                "<a href=\"{root}{}\">{}</a> <small>{}, {health}</small>",
                escape(&i.meta.url),
                escape(&i.meta.title),
                escape(&i.status)
            ),
            label: format!("initiative {}", i.meta.title),
        },
        mark: Mark {
            symbol,
            class,
            words: format!("{}, {health}", i.status),
        },
        totals,
    }
}

fn kpi_row(cx: &Ctx, row: &GridRow, root: &str) -> RowView {
    let Some(k) = cx.r.kpi(&row.id) else {
        return unknown_row(row);
    };
    let status = cx.facts.kpis.get(&row.id);
    let standing = matrices::kpi_standing(status);
    let (symbol, class) = match standing {
        "on target" => ("●", "h-green"),
        "off target" => ("■", "h-red"),
        _ => ("○", "h-none"),
    };
    let unit = k
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let value = |v: Option<f64>| v.map(|v| format!("{}{unit}", fmt_num(v)));
    let figures = match (
        value(status.and_then(|s| s.latest)),
        value(status.and_then(|s| s.target)),
    ) {
        (Some(latest), Some(target)) => {
            format!("latest {latest} against target {target}, {standing}")
        }
        (Some(latest), None) => format!("latest {latest}, {standing}"),
        _ => standing.to_string(),
    };
    RowView {
        head: Head {
            html: format!(
                "<a href=\"{root}{}\">{}</a> <small>{}</small>",
                escape(&k.meta.url),
                escape(&k.meta.title),
                escape(&figures)
            ),
            label: format!("KPI {}", k.meta.title),
        },
        mark: Mark {
            symbol,
            class,
            words: figures,
        },
        totals: vec![row.cells.len().to_string()],
    }
}

fn unknown_row(row: &GridRow) -> RowView {
    RowView {
        head: Head {
            html: escape(&row.id),
            label: row.id.clone(),
        },
        mark: Mark {
            symbol: "○",
            class: "h-none",
            words: String::new(),
        },
        totals: Vec::new(),
    }
}

fn grid_html(cx: &Ctx, matrix: Matrix, grid: &Grid, root: &str) -> String {
    matrix.view().html(
        grid,
        |c| column_head(cx, matrix, c, root),
        |row| match matrix {
            Matrix::Kpis => kpi_row(cx, row, root),
            _ => initiative_row(cx, matrix, row, root),
        },
    )
}

/// Links between the matrices, the current one marked: a tab bar that
/// needs no script.
pub(super) fn tabs(current: &str, root: &str) -> Vec<crate::render::value::Value> {
    let mut all: Vec<(&str, String)> = vec![("By outcome, as a list", "traceability.html".into())];
    all.extend(
        Matrix::ALL
            .iter()
            .map(|m| (m.title(), format!("{}.html", m.stem()))),
    );
    all.push(("Full trace to criteria", "trace.html".into()));
    all.into_iter()
        .map(|(text, path)| tv!({ "text": text, "url": format!("{root}{path}"), "current": path == current }))
        .collect()
}

/// Flagged columns and row groups in words, for the lede and the split
/// index: what the grid says at a glance.
fn summary(grid: &Grid, matrix: Matrix) -> String {
    let flagged = grid.columns.iter().filter(|c| c.flag.is_some()).count();
    let unlinked: usize = grid
        .groups
        .iter()
        .filter(|g| g.flag.is_some())
        .map(|g| g.rows.len())
        .sum();
    let rows = grid.rows() - unlinked;
    match matrix {
        Matrix::ByLayer | Matrix::ByTeam => format!(
            "{} against {}; {flagged} served by no live initiative; {unlinked} in the backlog",
            count(rows, "row of work", "rows of work"),
            count(grid.columns.len(), "outcome", "outcomes"),
        ),
        Matrix::Capabilities => format!(
            "{} against {}; {flagged} with a gap nothing raises",
            count(
                rows,
                "initiative raising capabilities",
                "initiatives raising capabilities"
            ),
            count(grid.columns.len(), "capability", "capabilities"),
        ),
        Matrix::Kpis => format!(
            "{} against {}; {flagged} measured by no KPI; {unlinked} tied to no outcome",
            count(rows, "KPI", "KPIs"),
            count(grid.columns.len(), "outcome", "outcomes"),
        ),
    }
}

pub(super) fn matrix_page(cx: &Ctx, page: &PageSpec, matrix: Matrix) -> tera::Context {
    let grid = matrix.grid(cx);
    let root = root_of(page.path);
    let description = summary(&grid, matrix);
    let split = grid.cells() > GRID_CELLS_PER_PAGE;
    let (table, parts) = if split {
        let parts: Vec<_> = grid
            .split()
            .into_iter()
            .map(|(name, part)| {
                let flagged = part.columns.iter().filter(|c| c.flag.is_some()).count();
                tv!({
                    "name": name,
                    "url": format!("{root}{}/{}.html", matrix.stem(), slug(&name)),
                    "columns": part.columns.len(),
                    "rows": part.rows(),
                    "flagged": flagged,
                })
            })
            .collect();
        (None, parts)
    } else {
        (Some(grid_html(cx, matrix, &grid, &root)), Vec::new())
    };
    // Split, the rows linked to nothing are listed here: they belong to no
    // part.
    let unlinked: Vec<_> = if split {
        grid.groups
            .iter()
            .filter(|g| g.flag.is_some())
            .map(|g| tv!({ "name": g.name, "flag": g.flag, "items": cx.links(&g.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>(), &root) }))
            .collect()
    } else {
        Vec::new()
    };
    merge(
        cx.base(page.path, matrix.title(), &description, page.section),
        tv!({
            "matrix": {
                "tabs": tabs(page.path, &root),
                "legend": matrix.legend(),
                "table": table,
                "parts": parts,
                "part_kind": matches!(matrix, Matrix::Capabilities).then_some("capability area").unwrap_or("outcome category"),
                "unlinked": unlinked,
                "csv": format!("{root}{}.csv", matrix.stem()),
                "up": null,
            }
        }),
    )
}

/// The pages of the grids and of the trace too big for one page: (path,
/// context) of each part.
pub(super) fn part_pages(cx: &Ctx) -> Vec<(String, tera::Context)> {
    let mut out = Vec::new();
    for matrix in Matrix::ALL {
        let grid = matrix.grid(cx);
        if grid.cells() <= GRID_CELLS_PER_PAGE {
            continue;
        }
        let index = format!("{}.html", matrix.stem());
        for (name, part) in grid.split() {
            let path = format!("{}/{}.html", matrix.stem(), slug(&name));
            let root = root_of(&path);
            let title = format!("{}: {name}", matrix.title());
            let description = summary(&part, matrix);
            let ctx = merge(
                cx.base(&path, &title, &description, "traceability.html"),
                tv!({
                    "matrix": {
                        "tabs": tabs(&index, &root),
                        "legend": matrix.legend(),
                        "table": grid_html(cx, matrix, &part, &root),
                        "parts": [],
                        "part_kind": null,
                        "unlinked": [],
                        "csv": format!("{root}{}.csv", matrix.stem()),
                        "up": { "text": matrix.title(), "url": format!("{root}{index}") },
                    }
                }),
            );
            out.push((path, ctx));
        }
    }
    out.extend(trace_parts(cx));
    out
}

pub(super) fn outcome_grid_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
    matrix_page(cx, page, Matrix::ByLayer)
}

pub(super) fn outcome_grid_by_team_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
    matrix_page(cx, page, Matrix::ByTeam)
}

pub(super) fn capability_grid_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
    matrix_page(cx, page, Matrix::Capabilities)
}

pub(super) fn kpi_grid_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
    matrix_page(cx, page, Matrix::Kpis)
}

/// The words of one trace row, shared by the page and the CSV: outcome,
/// initiative, milestone, criterion, due, done, state, owner.
struct TraceLine<'r> {
    outcome: Option<(&'r str, &'r str, &'r str)>,
    initiative: &'r crate::model::Initiative,
    milestone: &'r crate::model::Milestone,
    criterion: Option<&'r str>,
    state: MilestoneState,
}

fn trace_line<'r>(cx: &Ctx<'r>, row: &TraceRow) -> Option<TraceLine<'r>> {
    let r = cx.r;
    let initiative = r.initiative(&row.initiative)?;
    let milestone = initiative
        .milestones
        .iter()
        .find(|m| m.gid == row.milestone)?;
    let outcome = row
        .outcome
        .as_deref()
        .and_then(|id| outcome(r, id))
        .map(|o| {
            (
                o.meta.id.as_str(),
                o.meta.title.as_str(),
                o.meta.url.as_str(),
            )
        });
    let state = cx
        .facts
        .milestones
        .get(&milestone.gid)
        .copied()
        .unwrap_or(MilestoneState::of(milestone, cx.config.today.day));
    Some(TraceLine {
        outcome,
        initiative,
        milestone,
        criterion: row
            .criterion
            .and_then(|n| milestone.criteria.get(n))
            .map(String::as_str),
        state,
    })
}

fn trace_table(cx: &Ctx, rows: &[TraceRow], root: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(rows.len() * 400 + 1024);
    out.push_str("<div class=\"scroll\"><table class=\"trace-full\"><caption>Outcome → initiative → milestone → criterion</caption><thead><tr><th scope=\"col\">Outcome</th><th scope=\"col\">Initiative</th><th scope=\"col\">Milestone</th><th scope=\"col\">Criterion</th><th scope=\"col\">Due</th><th scope=\"col\">Done</th><th scope=\"col\">State</th><th scope=\"col\">Owner</th></tr></thead><tbody>");
    for row in rows {
        let Some(line) = trace_line(cx, row) else {
            continue;
        };
        let outcome = match line.outcome {
            Some((_, title, url)) => {
                format!("<a href=\"{root}{}\">{}</a>", escape(url), escape(title))
            }
            None => "<strong class=\"flag-word\">⚠ serves no outcome</strong>".into(),
        };
        let criterion = match line.criterion {
            Some(c) => escape(c),
            None => "<strong class=\"flag-word\">⚠ none stated</strong>".into(),
        };
        let i = line.initiative;
        let m = line.milestone;
        let _ = write!(
            out,
            "<tr><td>{outcome}</td><td><a href=\"{root}{}\">{}</a></td><th scope=\"row\"><a href=\"{root}{}#m-{}\">{}</a></th><td>{criterion}</td><td class=\"date\">{}</td><td class=\"date\">{}</td><td><span class=\"badge ms-{}\">{}</span></td><td>{}</td></tr>",
            escape(&i.meta.url),
            escape(&i.meta.title),
            escape(&i.meta.url),
            escape(&m.id),
            escape(&m.title),
            escape(&m.due.written),
            m.done.as_ref().map(|d| escape(&d.written)).unwrap_or_default(),
            line.state.key(),
            escape(&line.state.label()),
            escape(&m.owner),
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

fn trace_summary(rows: &[TraceRow]) -> String {
    let none = rows.iter().filter(|r| r.criterion.is_none()).count();
    let untraced = rows.iter().filter(|r| r.outcome.is_none()).count();
    format!(
        "{}; {none} of them a milestone with no criterion stated; {untraced} of work serving no outcome",
        count(rows.len(), "criterion traced to its outcome", "criteria traced to their outcomes"),
    )
}

/// Where the trace of an outcome (or of the backlog) lives once split.
fn trace_part_path(outcome: Option<&str>) -> String {
    format!("trace/{}.html", outcome.unwrap_or("_backlog"))
}

pub(super) fn trace_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
    let rows = criteria_trace(cx.r, &cx.facts.traceability);
    let root = root_of(page.path);
    let description = trace_summary(&rows);
    let (table, parts) = if rows.len() > TRACE_ROWS_PER_PAGE {
        (None, trace_index(cx, &rows, &root))
    } else {
        (Some(trace_table(cx, &rows, &root)), Vec::new())
    };
    merge(
        cx.base(
            page.path,
            "Full trace to milestone criteria",
            &description,
            page.section,
        ),
        tv!({
            "matrix": {
                "tabs": tabs(page.path, &root),
                "legend": "One row per milestone criterion: what was promised, to which outcome, verified by what. Work serving two outcomes appears under each. The table sorts by any column and filters as you type; without scripts it reads top to bottom, outcome by outcome.",
                "table": table,
                "parts": parts,
                "part_kind": "outcome",
                "unlinked": [],
                "csv": format!("{root}trace.csv"),
                "up": null,
            }
        }),
    )
}

/// The split trace's index: one entry per outcome (then the backlog) with
/// its row count.
fn trace_index(cx: &Ctx, rows: &[TraceRow], root: &str) -> Vec<crate::render::value::Value> {
    chunks(rows)
        .map(|chunk| {
            let id = chunk[0].outcome.as_deref();
            let name = id
                .and_then(|id| outcome(cx.r, id))
                .map(|o| o.meta.title.clone())
                .unwrap_or_else(|| "Backlog: work serving no outcome".into());
            tv!({
                "name": name,
                "url": format!("{root}{}", trace_part_path(id)),
                "rows": chunk.len(),
                "columns": null,
                "flagged": chunk.iter().filter(|r| r.criterion.is_none()).count(),
            })
        })
        .collect()
}

/// The trace rows outcome by outcome (they come grouped).
fn chunks(rows: &[TraceRow]) -> impl Iterator<Item = &[TraceRow]> {
    rows.chunk_by(|a, b| a.outcome == b.outcome)
}

fn trace_parts(cx: &Ctx) -> Vec<(String, tera::Context)> {
    let rows = criteria_trace(cx.r, &cx.facts.traceability);
    if rows.len() <= TRACE_ROWS_PER_PAGE {
        return Vec::new();
    }
    chunks(&rows)
        .map(|chunk| {
            let id = chunk[0].outcome.as_deref();
            let path = trace_part_path(id);
            let root = root_of(&path);
            let name = id
                .and_then(|id| outcome(cx.r, id))
                .map(|o| o.meta.title.clone())
                .unwrap_or_else(|| "backlog".into());
            let title = format!("Full trace: {name}");
            let ctx = merge(
                cx.base(&path, &title, &trace_summary(chunk), "traceability.html"),
                tv!({
                    "matrix": {
                        "tabs": tabs("trace.html", &root),
                        "legend": "One row per milestone criterion of the work serving this outcome.",
                        "table": trace_table(cx, chunk, &root),
                        "parts": [],
                        "part_kind": null,
                        "unlinked": [],
                        "csv": format!("{root}trace.csv"),
                        "up": { "text": "Full trace to milestone criteria", "url": format!("{root}trace.html") },
                    }
                }),
            );
            (path, ctx)
        })
        .collect()
}

/// The CSV files of the grids and of the trace, by path.
pub(crate) const CSV_FILES: [&str; 5] = [
    "matrix.csv",
    "matrix-by-team.csv",
    "capability-matrix.csv",
    "kpi-matrix.csv",
    "trace.csv",
];

/// One of [`CSV_FILES`]: a grid in wide CSV (`x` where linked) or the
/// trace, one row per criterion.
pub(crate) fn csv_file(cx: &Ctx, path: &str) -> String {
    match Matrix::ALL
        .into_iter()
        .find(|m| format!("{}.csv", m.stem()) == path)
    {
        Some(matrix) => grid_csv_file(cx, matrix),
        None => trace_csv(cx),
    }
}

fn grid_csv_file(cx: &Ctx, matrix: Matrix) -> String {
    let grid = matrix.grid(cx);
    match matrix {
        Matrix::Kpis => grid_csv(&grid, &["title", "latest", "target", "standing"], |row| {
            let k = cx.r.kpi(&row.id);
            let s = cx.facts.kpis.get(&row.id);
            vec![
                k.map(|k| k.meta.title.clone()).unwrap_or_default(),
                s.and_then(|s| s.latest).map(fmt_num).unwrap_or_default(),
                s.and_then(|s| s.target).map(fmt_num).unwrap_or_default(),
                matrices::kpi_standing(s).to_string(),
            ]
        }),
        _ => grid_csv(
            &grid,
            &["title", "status", "computed_health", "owner"],
            |row| {
                let i = cx.r.initiative(&row.id);
                vec![
                    i.map(|i| i.meta.title.clone()).unwrap_or_default(),
                    i.map(|i| i.status.clone()).unwrap_or_default(),
                    cx.facts
                        .health
                        .get(&row.id)
                        .map(|c| c.health.as_str().to_string())
                        .unwrap_or_default(),
                    i.map(|i| i.owner.clone()).unwrap_or_default(),
                ]
            },
        ),
    }
}

fn trace_csv(cx: &Ctx) -> String {
    let mut csv = String::from("\u{feff}");
    let header = [
        "outcome_id",
        "outcome_title",
        "initiative_id",
        "initiative_title",
        "milestone_id",
        "milestone_title",
        "criterion",
        "due",
        "done",
        "state",
        "owner",
    ];
    csv_line(&mut csv, &header.map(String::from));
    for row in criteria_trace(cx.r, &cx.facts.traceability) {
        let Some(line) = trace_line(cx, &row) else {
            continue;
        };
        let (m, i) = (line.milestone, line.initiative);
        csv_line(
            &mut csv,
            &[
                line.outcome.map(|o| o.0.to_string()).unwrap_or_default(),
                line.outcome.map(|o| o.1.to_string()).unwrap_or_default(),
                i.meta.id.clone(),
                i.meta.title.clone(),
                m.gid.clone(),
                m.title.clone(),
                line.criterion.unwrap_or_default().to_string(),
                m.due.iso(),
                m.done.as_ref().map(|d| d.iso()).unwrap_or_default(),
                line.state.key().to_string(),
                m.owner.clone(),
            ],
        );
    }
    csv
}
