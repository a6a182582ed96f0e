//! The traceability grids (outcome × initiative by layer or by team,
//! capability × initiative, KPI × outcome) and the full trace down to
//! milestone criteria, with their CSV. A grid too big for one page is cut
//! into one page per column group (an outcome's category, a capability's
//! area), the trace into one page per outcome; the page at the grid's own
//! path then lists the parts.

use super::{Job, PageSpec};
use crate::analysis::matrices::{self, Grid, GridColumn, GridRow, Part, TraceRow};
use crate::analysis::MilestoneState;
use crate::base::sym::Sym;
use crate::model::{Kind, Roadmap};
use crate::render::context::{figure, fmt_num, merge, Ctx};
use crate::render::exports::csv_row;
use crate::render::grid::{grid_csv, Esc, GridHtml, Head, Mark, RowView};
use crate::render::{root_of, slug};
use crate::tv;
use crate::words::count;

/// Past this many cells (rows × columns) a grid is split by column group:
/// 500 initiatives × 20 outcomes stay one page, about 1 MB; at 10,000
/// initiatives × 200 outcomes one page would be 20 MB.
const GRID_CELLS_PER_PAGE: usize = 25_000;
/// And past this many rows, however few the columns: a row's header (its
/// link, status and health) is most of its bytes, about 700.
const GRID_ROWS_PER_PAGE: usize = 1_500;
/// And past this many columns: what a landscape A4 or Letter page holds.
const GRID_COLUMNS_PER_PAGE: usize = 30;
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

    fn grid<'c>(self, cx: &'c Ctx) -> &'c Grid {
        let g = cx.grids();
        match self {
            Matrix::ByLayer => &g.by_layer,
            Matrix::ByTeam => &g.by_team,
            Matrix::Capabilities => &g.capabilities,
            Matrix::Kpis => &g.kpis,
        }
    }

    /// Where a part of the grid lives once it is split.
    fn part_path(self, part: &Part) -> String {
        let group = slug(&part.group);
        match part.page {
            1 => format!("{}/{group}.html", self.stem()),
            n => format!("{}/{group}-{n}.html", self.stem()),
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
    r.item_ref(id)
        .filter(|x| x.kind == Kind::Outcome)
        .map(|x| &r.outcomes[x.index])
}

fn capability<'r>(r: &'r Roadmap, id: &str) -> Option<&'r crate::model::Capability> {
    r.item_ref(id)
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
            Esc(url),
            Esc(title),
            Esc(&sub)
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
                Esc(&i.meta.url),
                Esc(&i.meta.title),
                Esc(&i.status)
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
    let unit = k.unit.as_deref().unwrap_or_default();
    let value = |v: Option<f64>| v.map(|v| crate::words::with_unit(&figure(v), unit));
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
                Esc(&k.meta.url),
                Esc(&k.meta.title),
                Esc(&figures)
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
            html: Esc(&row.id).to_string(),
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

fn too_big(grid: &Grid) -> bool {
    grid.cells() > GRID_CELLS_PER_PAGE
        || grid.rows() > GRID_ROWS_PER_PAGE
        || grid.columns.len() > GRID_COLUMNS_PER_PAGE
}

fn part_name(part: &Part) -> String {
    match part.pages {
        1 => part.group.clone(),
        n => format!("{} ({} of {n})", part.group, part.page),
    }
}

pub(super) fn matrix_page(cx: &Ctx, page: &PageSpec, matrix: Matrix) -> tera::Context {
    let grid = matrix.grid(cx);
    let root = root_of(page.path);
    let description = summary(grid, matrix);
    let split = too_big(grid);
    let (table, parts) = if split {
        let parts: Vec<_> = grid
            .parts(
                GRID_CELLS_PER_PAGE,
                GRID_ROWS_PER_PAGE,
                GRID_COLUMNS_PER_PAGE,
            )
            .iter()
            .map(|part| {
                let flagged = part
                    .grid
                    .columns
                    .iter()
                    .filter(|c| c.flag.is_some())
                    .count();
                tv!({
                    "name": part_name(part),
                    "url": format!("{root}{}", matrix.part_path(part)),
                    "columns": part.grid.columns.len(),
                    "rows": part.grid.rows(),
                    "flagged": flagged,
                })
            })
            .collect();
        (None, parts)
    } else {
        (Some(grid_html(cx, matrix, grid, &root)), Vec::new())
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

/// The pages of the grids and of the trace too big for one page, each
/// built when rendered.
pub(super) fn part_pages<'c>(cx: &'c Ctx) -> Vec<Job<'c>> {
    let mut out: Vec<Job<'c>> = Vec::new();
    for matrix in Matrix::ALL {
        let grid = matrix.grid(cx);
        if !too_big(grid) {
            continue;
        }
        for part in grid.parts(
            GRID_CELLS_PER_PAGE,
            GRID_ROWS_PER_PAGE,
            GRID_COLUMNS_PER_PAGE,
        ) {
            let path = matrix.part_path(&part);
            let at = path.clone();
            out.push((
                path,
                "matrix.html",
                Box::new(move || part_page(cx, matrix, &part, &at).into()),
            ));
        }
    }
    out.extend(trace_parts(cx));
    out
}

fn part_page(cx: &Ctx, matrix: Matrix, part: &Part, path: &str) -> tera::Context {
    let root = root_of(path);
    let index = format!("{}.html", matrix.stem());
    let title = format!("{}: {}", matrix.title(), part_name(part));
    merge(
        cx.base(
            path,
            &title,
            &summary(&part.grid, matrix),
            "traceability.html",
        ),
        tv!({
            "matrix": {
                "tabs": tabs(&index, &root),
                "legend": matrix.legend(),
                "table": grid_html(cx, matrix, &part.grid, &root),
                "parts": [],
                "part_kind": null,
                "unlinked": [],
                "csv": format!("{root}{}.csv", matrix.stem()),
                "up": { "text": matrix.title(), "url": format!("{root}{index}") },
            }
        }),
    )
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
    /// Overdue against the date it stands committed to (moved with no
    /// decision), not its due: that date.
    committed: Option<jiff::civil::Date>,
}

impl TraceLine<'_> {
    fn label(&self) -> String {
        if self.committed.is_some() {
            match self.state {
                MilestoneState::Overdue { days } => format!("{days} d past the date committed"),
                state => state.label(),
            }
        } else {
            self.state.label()
        }
    }
}

fn trace_line<'r>(cx: &Ctx<'r>, row: &TraceRow) -> Option<TraceLine<'r>> {
    let r = cx.r;
    let initiative = r.initiatives.get(row.initiative)?;
    let milestone = initiative.milestones.get(row.milestone)?;
    let outcome = row.outcome.and_then(|o| r.outcomes.get(o)).map(|o| {
        (
            o.meta.id.as_str(),
            o.meta.title.as_str(),
            o.meta.url.as_str(),
        )
    });
    // What the analysis stored for it, computed again: cheaper than a
    // lookup by id, 240,000 times at 10,000 initiatives. Only the few the
    // history judged otherwise are looked up (a completion dated back
    // read "done on time" here while its row said late).
    let rejudged = &cx.facts.rejudged;
    let today = cx.config.today.day;
    let state = (milestone.done.is_some() && !rejudged.is_empty())
        .then(|| rejudged.get(milestone.gid.as_str()).copied())
        .flatten()
        .unwrap_or_else(|| MilestoneState::of(milestone, today));
    // Moved with no decision past the date committed: overdue, as the
    // dashboard lists it (it read "due in 26 d" here).
    let past = &cx.facts.past_committed;
    let committed = (milestone.done.is_none() && !past.is_empty())
        .then(|| past.get(milestone.gid.as_str()).copied())
        .flatten();
    let state = match committed {
        Some(day) => MilestoneState::Overdue {
            days: crate::analysis::days_between(day, today),
        },
        None => state,
    };
    Some(TraceLine {
        outcome,
        initiative,
        milestone,
        criterion: row
            .criterion
            .and_then(|n| milestone.criteria.get(n))
            .map(Sym::as_str),
        state,
        committed,
    })
}

/// The trace as a table; on an outcome's own page (`with_outcome` false)
/// the outcome column, the same on every row, is left out.
fn trace_table(cx: &Ctx, rows: &[TraceRow], root: &str, with_outcome: bool) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(rows.len() * 400 + 1024);
    out.push_str("<div class=\"scroll\"><table class=\"trace-full\"><caption>Outcome → initiative → milestone → criterion</caption><thead><tr>");
    if with_outcome {
        out.push_str("<th scope=\"col\">Outcome</th>");
    }
    out.push_str("<th scope=\"col\">Initiative</th><th scope=\"col\">Milestone</th><th scope=\"col\">Criterion</th><th scope=\"col\">Due</th><th scope=\"col\">Done</th><th scope=\"col\">State</th><th scope=\"col\">Owner</th></tr></thead><tbody>");
    for row in rows {
        let Some(line) = trace_line(cx, row) else {
            continue;
        };
        let outcome = match (with_outcome, line.outcome) {
            (false, _) => String::new(),
            (true, Some((_, title, url))) => {
                format!("<td><a href=\"{root}{}\">{}</a></td>", Esc(url), Esc(title))
            }
            (true, None) => {
                "<td><strong class=\"flag-word\">⚠ serves no outcome</strong></td>".into()
            }
        };
        let criterion = match line.criterion {
            Some(c) => Esc(c).to_string(),
            None => "<strong class=\"flag-word\">⚠ none stated</strong>".into(),
        };
        let i = line.initiative;
        let m = line.milestone;
        let _ = write!(
            out,
            "<tr>{outcome}<td><a href=\"{root}{}\">{}</a></td><th scope=\"row\"><a href=\"{root}{}#m-{}\">{}</a></th><td>{criterion}</td><td class=\"date\">{}</td><td class=\"date\">{}</td><td><span class=\"badge ms-{}\">{}</span></td><td>{}</td></tr>",
            Esc(&i.meta.url),
            Esc(&i.meta.title),
            Esc(&i.meta.url),
            Esc(&m.id),
            Esc(&m.title),
            Esc(&m.due.written),
            m.done.as_ref().map(|d| Esc(&d.written)).unwrap_or_default(),
            line.state.key(),
            Esc(&line.label()),
            Esc(&m.owner),
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
fn trace_part_path(cx: &Ctx, outcome: Option<usize>) -> String {
    let id = outcome
        .and_then(|o| cx.r.outcomes.get(o))
        .map(|o| o.meta.id.as_str());
    format!("trace/{}.html", id.unwrap_or("_backlog"))
}

pub(super) fn trace_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
    let rows = &cx.grids().trace;
    let root = root_of(page.path);
    let description = trace_summary(rows);
    let (table, parts) = if rows.len() > TRACE_ROWS_PER_PAGE {
        (None, trace_index(cx, rows, &root))
    } else {
        (Some(trace_table(cx, rows, &root, true)), Vec::new())
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

fn trace_part_name(cx: &Ctx, outcome: Option<usize>) -> String {
    outcome
        .and_then(|o| cx.r.outcomes.get(o))
        .map(|o| o.meta.title.clone())
        .unwrap_or_else(|| "Backlog: work serving no outcome".into())
}

/// The split trace's index: one entry per outcome (then the backlog) with
/// its row count.
fn trace_index(cx: &Ctx, rows: &[TraceRow], root: &str) -> Vec<crate::render::value::Value> {
    chunks(rows)
        .map(|chunk| {
            let outcome = chunk[0].outcome;
            tv!({
                "name": trace_part_name(cx, outcome),
                "url": format!("{root}{}", trace_part_path(cx, outcome)),
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

fn trace_parts<'c>(cx: &'c Ctx) -> Vec<Job<'c>> {
    let rows = &cx.grids().trace;
    if rows.len() <= TRACE_ROWS_PER_PAGE {
        return Vec::new();
    }
    chunks(rows)
        .map(|chunk| -> Job<'c> {
            let path = trace_part_path(cx, chunk[0].outcome);
            let at = path.clone();
            (
                path,
                "matrix.html",
                Box::new(move || trace_part(cx, chunk, &at).into()),
            )
        })
        .collect()
}

fn trace_part(cx: &Ctx, chunk: &[TraceRow], path: &str) -> tera::Context {
    let root = root_of(path);
    let title = format!("Full trace: {}", trace_part_name(cx, chunk[0].outcome));
    merge(
        cx.base(path, &title, &trace_summary(chunk), "traceability.html"),
        tv!({
            "matrix": {
                "tabs": tabs("trace.html", &root),
                "legend": "One row per milestone criterion of the work serving this outcome.",
                "table": trace_table(cx, chunk, &root, false),
                "parts": [],
                "part_kind": null,
                "unlinked": [],
                "csv": format!("{root}trace.csv"),
                "up": { "text": "Full trace to milestone criteria", "url": format!("{root}trace.html") },
            }
        }),
    )
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
/// Written as it is made: the trace of 10,000 initiatives is 24 MB.
pub(crate) fn write_csv_file(
    cx: &Ctx,
    path: &str,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match Matrix::ALL
        .into_iter()
        .find(|m| format!("{}.csv", m.stem()) == path)
    {
        Some(matrix) => w.write_all(grid_csv_file(cx, matrix).as_bytes()),
        None => write_trace_csv(cx, w),
    }
}

fn grid_csv_file(cx: &Ctx, matrix: Matrix) -> String {
    let grid = matrix.grid(cx);
    match matrix {
        Matrix::Kpis => grid_csv(grid, &["title", "latest", "target", "standing"], |row| {
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
            grid,
            &["title", "status", "computed_health", "owner"],
            |row| {
                let i = cx.r.initiative(&row.id);
                vec![
                    i.map(|i| i.meta.title.clone()).unwrap_or_default(),
                    i.map(|i| i.status.to_string()).unwrap_or_default(),
                    cx.facts
                        .health
                        .get(&row.id)
                        .map(|c| c.health.as_str().to_string())
                        .unwrap_or_default(),
                    i.map(|i| i.owner.to_string()).unwrap_or_default(),
                ]
            },
        ),
    }
}

fn write_trace_csv(cx: &Ctx, w: &mut dyn std::io::Write) -> std::io::Result<()> {
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
        // Last, so columns read by position keep theirs.
        "committed",
    ];
    csv_row(&mut csv, &header);
    for row in &cx.grids().trace {
        let Some(line) = trace_line(cx, row) else {
            continue;
        };
        let (m, i) = (line.milestone, line.initiative);
        let (due, done) = (m.due.iso(), m.done.as_ref().map(|d| d.iso()));
        // Overdue from the date it stands committed to: a due months
        // ahead read "overdue" in a spreadsheet with nothing to say why.
        let committed = line.committed.map(crate::base::date::iso);
        csv_row(
            &mut csv,
            &[
                line.outcome.map_or("", |o| o.0),
                line.outcome.map_or("", |o| o.1),
                &i.meta.id,
                &i.meta.title,
                &m.gid,
                &m.title,
                line.criterion.unwrap_or_default(),
                &due,
                done.as_deref().unwrap_or_default(),
                line.state.key(),
                &m.owner,
                committed.as_deref().unwrap_or_default(),
            ],
        );
        if csv.len() >= 1 << 16 {
            w.write_all(csv.as_bytes())?;
            csv.clear();
        }
    }
    w.write_all(csv.as_bytes())
}
