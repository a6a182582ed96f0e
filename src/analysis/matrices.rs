//! Traceability grids: the requirements-traceability spreadsheet a PMO keeps
//! by hand, computed. Each grid is rows × columns with a cell where the two
//! are linked; empty columns and rows that should not be empty are flagged
//! here, so every page, CSV and JSON export says the same.
//!
//! Cancelled work is left out everywhere, as in the coverage figures.

use super::traceability::{Progress, Traceability};
use super::KpiStatus;
use crate::base::{HashMap, HashSet};
use crate::model::Roadmap;
use serde::Serialize;
use std::collections::BTreeMap;

/// A traceability grid: columns in groups (an outcome's category, a
/// capability's area), rows in groups, a cell where a row is linked to a
/// column.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Grid {
    /// What each of a column's `totals` counts, in order.
    pub totals: Vec<&'static str>,
    pub columns: Vec<GridColumn>,
    pub groups: Vec<GridGroup>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GridColumn {
    pub id: String,
    /// The column group: an outcome's category, a capability's area.
    pub group: String,
    pub totals: Vec<usize>,
    /// Why the column stands out (nothing serves, raises or measures it).
    pub flag: Option<&'static str>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GridGroup {
    pub name: String,
    /// Why every row of the group stands out (linked to no column at all).
    pub flag: Option<&'static str>,
    pub rows: Vec<GridRow>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GridRow {
    pub id: String,
    /// Indexes into the columns it is linked to, ascending.
    pub cells: Vec<usize>,
}

impl Grid {
    /// The grid cut to pages of at most `max_cells` cells and `max_rows`
    /// rows: one grid per
    /// column group, each keeping only the rows linked to one of its columns,
    /// and a group still too big cut again into runs of rows (a row group
    /// running over two pages is named on both). Flagged row groups, linked
    /// to nothing, belong to no part.
    pub fn parts(&self, max_cells: usize, max_rows: usize, max_columns: usize) -> Vec<Part> {
        let mut out = Vec::new();
        for (group, grid) in self.by_column_group(max_columns) {
            let per_page = (max_cells / grid.columns.len().max(1)).clamp(1, max_rows.max(1));
            let rows: Vec<(&GridGroup, &GridRow)> = grid
                .groups
                .iter()
                .flat_map(|g| g.rows.iter().map(move |r| (g, r)))
                .collect();
            let pages = rows.len().div_ceil(per_page).max(1);
            for page in 0..pages {
                let mut groups: Vec<GridGroup> = Vec::new();
                for (g, r) in rows.iter().skip(page * per_page).take(per_page) {
                    match groups.last_mut() {
                        Some(last) if last.name == g.name => last.rows.push((*r).clone()),
                        _ => groups.push(GridGroup {
                            name: g.name.clone(),
                            flag: None,
                            rows: vec![(*r).clone()],
                        }),
                    }
                }
                out.push(Part {
                    group: group.clone(),
                    page,
                    pages,
                    grid: Grid {
                        totals: grid.totals.clone(),
                        columns: grid.columns.clone(),
                        groups,
                    },
                });
            }
        }
        // Pages are numbered within their column group, over its column
        // runs and row runs alike.
        let mut n = 0;
        for k in 0..out.len() {
            n = if k > 0 && out[k - 1].group == out[k].group {
                n + 1
            } else {
                1
            };
            out[k].page = n;
        }
        for k in (0..out.len()).rev() {
            out[k].pages = match out.get(k + 1) {
                Some(next) if next.group == out[k].group => next.pages,
                _ => out[k].page,
            };
        }
        out
    }

    /// One grid per column group, a group wider than `max_columns` (what a
    /// landscape page holds) cut into runs of columns.
    fn by_column_group(&self, max_columns: usize) -> Vec<(String, Grid)> {
        let mut parts: Vec<(String, Vec<usize>)> = Vec::new();
        for (n, c) in self.columns.iter().enumerate() {
            match parts.last_mut() {
                Some((group, cols)) if *group == c.group && cols.len() < max_columns.max(1) => {
                    cols.push(n)
                }
                _ => parts.push((c.group.clone(), vec![n])),
            }
        }
        parts
            .into_iter()
            .map(|(name, cols)| {
                let (first, end) = (cols[0], cols[cols.len() - 1] + 1);
                let groups = self
                    .groups
                    .iter()
                    .filter(|g| g.flag.is_none())
                    .filter_map(|g| {
                        let rows: Vec<GridRow> = g
                            .rows
                            .iter()
                            .filter_map(|row| {
                                let cells: Vec<usize> = row
                                    .cells
                                    .iter()
                                    .filter(|&&c| (first..end).contains(&c))
                                    .map(|c| c - first)
                                    .collect();
                                (!cells.is_empty()).then(|| GridRow {
                                    id: row.id.clone(),
                                    cells,
                                })
                            })
                            .collect();
                        (!rows.is_empty()).then(|| GridGroup {
                            name: g.name.clone(),
                            flag: None,
                            rows,
                        })
                    })
                    .collect();
                let grid = Grid {
                    totals: self.totals.clone(),
                    columns: self.columns[first..end].to_vec(),
                    groups,
                };
                (name, grid)
            })
            .collect()
    }

    pub fn rows(&self) -> usize {
        self.groups.iter().map(|g| g.rows.len()).sum()
    }

    /// Cells drawn on a page, marked or not: what its size grows with.
    pub fn cells(&self) -> usize {
        self.rows() * self.columns.len()
    }
}

/// A page of a grid too big for one.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The column group it shows.
    pub group: String,
    /// Which page of that group's (1-based), of how many.
    pub page: usize,
    pub pages: usize,
    pub grid: Grid,
}

/// Every grid of one roadmap, and the full trace: computed once per build
/// of a version, read by the pages, the CSV and the JSON.
#[derive(Debug, Clone)]
pub struct Grids {
    pub by_layer: Grid,
    pub by_team: Grid,
    pub capabilities: Grid,
    pub kpis: Grid,
    pub trace: Vec<TraceRow>,
}

impl Grids {
    pub fn of(r: &Roadmap, facts: &super::Facts) -> Grids {
        let (t, p) = (&facts.traceability, &facts.progress);
        // Side by side: the pages wait for them.
        let ((by_layer, by_team), ((capabilities, kpis), trace)) = rayon::join(
            || {
                rayon::join(
                    || outcome_matrix(r, t, p, Grouping::Layer),
                    || outcome_matrix(r, t, p, Grouping::Team),
                )
            },
            || {
                rayon::join(
                    || rayon::join(|| capability_matrix(r), || kpi_matrix(r, t)),
                    || criteria_trace(r, t),
                )
            },
        );
        Grids {
            by_layer,
            by_team,
            capabilities,
            kpis,
            trace,
        }
    }
}

/// How the rows of the outcome × initiative grid are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// By architecture layer (`layer:`); initiatives without one together.
    Layer,
    /// By team; an initiative of several teams is a row under each.
    Team,
}

pub const NO_LIVE_WORK: &str = "no live initiative";
pub const SERVES_NOTHING: &str = "serves no outcome";
pub const GAP_UNRAISED: &str = "gap nothing raises";
pub const NO_KPI: &str = "no KPI";
pub const MEASURES_NOTHING: &str = "measures no outcome";
pub const BACKLOG: &str = "backlog";

/// Outcomes as columns (by category, as the traceability page lists them,
/// with live initiatives and their milestones done and late as totals),
/// initiatives as rows by layer or team; the backlog (work serving nothing)
/// is a flagged group last.
pub fn outcome_matrix(
    r: &Roadmap,
    t: &Traceability,
    progress: &BTreeMap<String, Progress>,
    by: Grouping,
) -> Grid {
    let columns = outcome_columns(t, |o| {
        let (done, late) = o
            .initiatives
            .iter()
            .filter_map(|i| progress.get(i))
            .fold((0, 0), |(d, l), p| (d + p.done, l + p.late));
        (
            vec![o.live, done, late],
            (o.live == 0).then_some(NO_LIVE_WORK),
        )
    });
    let column_of = index_of(&columns);
    let backlog: Vec<&str> = t.backlog.iter().map(|b| b.id.as_str()).collect();
    let in_backlog: crate::base::HashSet<&str> = backlog.iter().copied().collect();
    let mut groups: BTreeMap<String, Vec<GridRow>> = BTreeMap::new();
    for i in &r.initiatives {
        if i.status == "cancelled" || in_backlog.contains(i.meta.id.as_str()) {
            continue;
        }
        let cells = cells_of(&i.outcomes, &column_of);
        let names: Vec<String> = match by {
            Grouping::Layer => vec![i.layer.map_or_else(|| "no layer".into(), |l| l.to_string())],
            Grouping::Team if i.teams.is_empty() => vec!["no team".into()],
            Grouping::Team => i.teams.iter().map(|t| t.to_string()).collect(),
        };
        for name in names {
            groups.entry(name).or_default().push(GridRow {
                id: i.meta.id.clone(),
                cells: cells.clone(),
            });
        }
    }
    let mut groups = grouped(groups);
    if !backlog.is_empty() {
        groups.push(GridGroup {
            name: BACKLOG.into(),
            flag: Some(SERVES_NOTHING),
            rows: backlog.iter().map(|id| unlinked(id)).collect(),
        });
    }
    Grid {
        totals: vec!["live initiatives", "milestones done", "milestones late"],
        columns,
        groups,
    }
}

/// Capabilities as columns (by area, with the initiatives raising each as
/// total), the initiatives raising at least one as rows by layer. A gap
/// (target above current) nothing raises is flagged.
pub fn capability_matrix(r: &Roadmap) -> Grid {
    let mut caps: Vec<&crate::model::Capability> = r.capabilities.iter().collect();
    caps.sort_by(|a, b| (area(a), &a.meta.id).cmp(&(area(b), &b.meta.id)));
    let mut columns: Vec<GridColumn> = caps
        .iter()
        .map(|c| GridColumn {
            id: c.meta.id.clone(),
            group: area(c).to_string(),
            totals: Vec::new(),
            flag: None,
        })
        .collect();
    let column_of = index_of(&columns);
    let mut raised = vec![0; columns.len()];
    let mut groups: BTreeMap<String, Vec<GridRow>> = BTreeMap::new();
    for i in r.initiatives.iter().filter(|i| i.status != "cancelled") {
        let cells = cells_of(&i.capabilities, &column_of);
        if cells.is_empty() {
            continue;
        }
        for &c in &cells {
            raised[c] += 1;
        }
        let layer = i.layer.map_or_else(|| "no layer".into(), |l| l.to_string());
        groups.entry(layer).or_default().push(GridRow {
            id: i.meta.id.clone(),
            cells,
        });
    }
    drop(column_of);
    for ((column, c), n) in columns.iter_mut().zip(&caps).zip(raised) {
        column.totals = vec![n];
        if c.target > c.current && n == 0 {
            column.flag = Some(GAP_UNRAISED);
        }
    }
    Grid {
        totals: vec!["initiatives raising it"],
        columns,
        groups: grouped(groups),
    }
}

fn area(c: &crate::model::Capability) -> &str {
    c.area.as_deref().unwrap_or("no area")
}

/// Outcomes as columns (as in the outcome grid, with the live KPIs
/// measuring each as total), KPIs as rows by kind; an outcome no live KPI
/// measures and the KPIs measuring none (a flagged group) stand out. Retired
/// KPIs come last, in a group of their own: what they measured, on record.
pub fn kpi_matrix(r: &Roadmap, t: &Traceability) -> Grid {
    let retired: HashSet<&str> = t.retired_kpis.iter().map(String::as_str).collect();
    let kpis_of: HashMap<&str, usize> = r
        .outcomes
        .iter()
        .map(|o| {
            let live = o.kpis.iter().filter(|k| !retired.contains(k.as_str()));
            (o.meta.id.as_str(), live.count())
        })
        .collect();
    let columns = outcome_columns(t, |o| {
        let n = kpis_of.get(o.id.as_str()).copied().unwrap_or(0);
        (vec![n], (n == 0).then_some(NO_KPI))
    });
    let column_of = index_of(&columns);
    let mut groups: BTreeMap<String, Vec<GridRow>> = BTreeMap::new();
    let mut orphans = Vec::new();
    let mut gone = Vec::new();
    for k in &r.kpis {
        let cells = cells_of(&k.outcomes, &column_of);
        if retired.contains(k.meta.id.as_str()) {
            gone.push(GridRow {
                id: k.meta.id.clone(),
                cells,
            });
            continue;
        }
        if cells.is_empty() {
            orphans.push(unlinked(&k.meta.id));
            continue;
        }
        groups.entry(k.kind.clone()).or_default().push(GridRow {
            id: k.meta.id.clone(),
            cells,
        });
    }
    let mut groups = grouped(groups);
    if !orphans.is_empty() {
        groups.push(GridGroup {
            name: "tied to no outcome".into(),
            flag: Some(MEASURES_NOTHING),
            rows: orphans,
        });
    }
    if !gone.is_empty() {
        groups.push(GridGroup {
            name: "retired".into(),
            flag: None,
            rows: gone,
        });
    }
    Grid {
        totals: vec!["KPIs"],
        columns,
        groups,
    }
}

/// Whether a KPI's latest value meets its target: what its row says.
pub fn kpi_standing(s: Option<&KpiStatus>) -> &'static str {
    match s {
        Some(KpiStatus { retired: true, .. }) => "retired",
        None | Some(KpiStatus { latest: None, .. }) => "no data",
        Some(KpiStatus {
            on_target: Some(true),
            ..
        }) => "on target",
        Some(KpiStatus {
            on_target: Some(false),
            ..
        }) => "off target",
        Some(KpiStatus {
            next_target: Some(_),
            ..
        }) => "target not yet due",
        Some(_) => "no target",
    }
}

fn outcome_columns(
    t: &Traceability,
    totals: impl Fn(&super::traceability::OutcomeTrace) -> (Vec<usize>, Option<&'static str>),
) -> Vec<GridColumn> {
    t.groups
        .iter()
        .flat_map(|g| {
            g.outcomes.iter().map(|o| {
                let (totals, flag) = totals(o);
                GridColumn {
                    id: o.id.clone(),
                    group: g.category.clone(),
                    totals,
                    flag,
                }
            })
        })
        .collect()
}

fn index_of(columns: &[GridColumn]) -> HashMap<&str, usize> {
    columns
        .iter()
        .enumerate()
        .map(|(n, c)| (c.id.as_str(), n))
        .collect()
}

fn cells_of<S: AsRef<str>>(ids: &[S], column_of: &HashMap<&str, usize>) -> Vec<usize> {
    let mut cells: Vec<usize> = ids
        .iter()
        .filter_map(|id| column_of.get(id.as_ref()).copied())
        .collect();
    cells.sort_unstable();
    cells.dedup();
    cells
}

fn unlinked(id: &str) -> GridRow {
    GridRow {
        id: id.to_string(),
        cells: Vec::new(),
    }
}

fn grouped(groups: BTreeMap<String, Vec<GridRow>>) -> Vec<GridGroup> {
    groups
        .into_iter()
        .map(|(name, rows)| GridGroup {
            name,
            flag: None,
            rows,
        })
        .collect()
}

/// One row of the full trace: a milestone criterion, traced through its
/// milestone and initiative to an outcome. A milestone without criteria is
/// a row with none (what verifies it is then the finding); work serving no
/// outcome has rows with none. Indexes, not ids: at 10,000 initiatives the
/// trace is 120,000 rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceRow {
    /// Index into the roadmap's `outcomes`.
    pub outcome: Option<usize>,
    /// Index into the roadmap's `initiatives`.
    pub initiative: usize,
    /// Index into that initiative's `milestones`.
    pub milestone: usize,
    /// Index into the milestone's criteria.
    pub criterion: Option<usize>,
}

/// Every criterion of every live or closed (not cancelled) initiative's
/// milestones, outcome by outcome in the grid's column order, then the
/// backlog's; an initiative serving two outcomes is traced under each.
pub fn criteria_trace(r: &Roadmap, t: &Traceability) -> Vec<TraceRow> {
    use crate::model::{ItemRef, Kind};
    let index_of = |id: &str, kind: Kind| match r.item_ref(id) {
        Some(ItemRef { kind: k, index }) if k == kind => Some(index),
        _ => None,
    };
    let mut rows = Vec::new();
    let mut trace = |outcome: Option<usize>, id: &str| {
        let Some(initiative) = index_of(id, Kind::Initiative) else {
            return;
        };
        let i = &r.initiatives[initiative];
        let mut milestones: Vec<(usize, &crate::model::Milestone)> =
            i.milestones.iter().enumerate().collect();
        milestones.sort_by(|(_, a), (_, b)| (&a.due, &a.id).cmp(&(&b.due, &b.id)));
        for (milestone, m) in milestones {
            let criteria: Vec<Option<usize>> = if m.criteria.is_empty() {
                vec![None]
            } else {
                (0..m.criteria.len()).map(Some).collect()
            };
            for criterion in criteria {
                rows.push(TraceRow {
                    outcome,
                    initiative,
                    milestone,
                    criterion,
                });
            }
        }
    };
    for g in &t.groups {
        for o in &g.outcomes {
            let outcome = index_of(&o.id, Kind::Outcome);
            for i in &o.initiatives {
                trace(outcome, i);
            }
        }
    }
    for b in &t.backlog {
        trace(None, &b.id);
    }
    rows
}
