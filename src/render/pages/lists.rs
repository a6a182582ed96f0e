//! One table per kind of item, with the columns a reader needs to pick an
//! item without opening it. The kinds sit side by side here so their tables
//! stay alike.

use crate::model::{Kind, Meta};
use crate::render::context::{figure, merge, per_quarter_text, Ctx};
use crate::render::value::Value;
use crate::render::{charts, root_of};
use crate::tv;
use crate::words::count;

/// A list's column headings (the title's first) and, item by item in the
/// list's order, the cells after the title.
type Table = (Vec<String>, Vec<Vec<Value>>);

pub(super) fn list_page(cx: &Ctx, kind: Kind, path: &str) -> tera::Context {
    let r = cx.r;
    let root = root_of(path);
    let (columns, rows) = match kind {
        Kind::Outcome => outcome_table(cx),
        Kind::Initiative => initiative_table(cx),
        Kind::Kpi => kpi_table(cx),
        Kind::Team => team_table(cx),
        Kind::Capability => capability_table(cx),
        Kind::Change => change_table(cx, &root),
        Kind::Review => review_table(cx),
        Kind::Risk => risk_table(cx, &root),
        Kind::Page => free_page_table(cx),
    };
    // The rows' items in the order their table gives its rows.
    let metas: Vec<&Meta> = match kind {
        Kind::Review => r.reviews.iter().rev().map(|v| &v.meta).collect(),
        Kind::Kpi => kpis_in_order(cx).into_iter().map(|k| &k.meta).collect(),
        Kind::Risk => r.risks_in_order().into_iter().map(|x| &x.meta).collect(),
        _ => r.all_meta().filter(|m| m.kind == kind).collect(),
    };
    let rows: Vec<Value> = metas
        .iter()
        .zip(rows)
        .map(|(m, cells)| tv!({ "title": m.title, "url": format!("{root}{}", m.url), "id": m.id, "cells": cells }))
        .collect();
    let title = kind.plural_title();
    let counted = match kind {
        // "RAID log" names the list, not its items.
        Kind::Risk => format!(
            "{} ({} open)",
            count(rows.len(), "RAID item", "RAID items"),
            r.risks.iter().filter(|x| x.is_open()).count()
        ),
        // An acronym keeps its capitals ("5 kpis").
        Kind::Kpi => count(rows.len(), "KPI", "KPIs"),
        _ => count(
            rows.len(),
            &kind.singular_title().to_lowercase(),
            &title.to_lowercase(),
        ),
    };
    let description = format!("{counted} in {}", cx.config.book.title);
    let (chart, cells) = match kind {
        Kind::Capability if !r.capabilities.is_empty() => {
            (Some(charts::maturity_chart(r, &root)), Vec::new())
        }
        Kind::Risk if !r.risks.is_empty() => {
            let (svg, cells) = super::risks::heat(cx, &root);
            (Some(svg), cells)
        }
        _ => (None, Vec::new()),
    };
    // Columns offered as drop-down filters (by their index among the cells).
    let filters: Vec<usize> = match kind {
        Kind::Risk => vec![0, 1, 4],
        Kind::Initiative => vec![0, 1, 2, 3],
        _ => Vec::new(),
    };
    merge(
        cx.base(path, title, &description, path),
        tv!({ "list": {
            "kind": kind.name(),
            "columns": columns,
            "rows": rows,
            "chart": chart,
            "cells": cells,
            "filters": filters.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" "),
        } }),
    )
}

fn outcome_table(cx: &Ctx) -> Table {
    let r = cx.r;
    (
        heads(&[
            "Outcome",
            "Roll-up (computed)",
            "Category",
            "Owner",
            "Horizon",
            "Served by",
            "KPIs",
        ]),
        r.outcomes
            .iter()
            .map(|o| {
                let served = r
                    .backlinks_of(&o.meta.id)
                    .iter()
                    .filter(|b| b.relation == "Served by")
                    .count();
                let roll = cx.facts.outcomes.get(&o.meta.id);
                vec![
                    match roll {
                        Some(roll) => badge(
                            roll.state.label(),
                            format!("health-{}", roll.state.colour()),
                        ),
                        None => cell(String::new()),
                    },
                    cell(o.category.clone().unwrap_or_default()),
                    cell(o.owner.clone()),
                    cell(
                        o.horizon
                            .as_ref()
                            .map(|d| d.written.to_string())
                            .unwrap_or_default(),
                    ),
                    cell(served.to_string()),
                    cell(
                        o.kpis
                            .iter()
                            .filter(|k| !cx.facts.kpi_retired(k))
                            .count()
                            .to_string(),
                    ),
                ]
            })
            .collect(),
    )
}

fn initiative_table(cx: &Ctx) -> Table {
    let r = cx.r;
    (
        heads(&[
            "Initiative",
            "Status",
            "Computed health",
            "Reported health",
            "Layer",
            "Owner",
            "Milestones done",
            "End",
        ]),
        r.initiatives
            .iter()
            .map(|i| {
                let done = i
                    .milestones
                    .iter()
                    .filter(|m| {
                        cx.facts
                            .milestones
                            .get(m.gid.as_str())
                            .is_some_and(|s| s.is_done())
                    })
                    .count();
                let health = i.health.map_or("unreported", |h| h.as_str());
                let status = if i.is_backlog() {
                    format!("{} (backlog)", i.status)
                } else {
                    i.status.to_string()
                };
                vec![
                    badge(&status, format!("status-{}", i.status)),
                    match cx.facts.health.get(&i.meta.id) {
                        Some(c) => {
                            badge(c.health.as_str(), format!("health-{}", c.health.as_str()))
                        }
                        None => cell("none (closed)".to_string()),
                    },
                    badge(health, format!("health-{health}")),
                    opt(&i.layer),
                    cell(i.owner.to_string()),
                    cell(format!("{done} of {}", i.milestones.len())),
                    cell(
                        i.end
                            .as_ref()
                            .map(|d| d.written.to_string())
                            .unwrap_or_default(),
                    ),
                ]
            })
            .collect(),
    )
}

/// The KPIs measured now first, then the retired ones, each in the
/// roadmap's order: the list's rows and its items both follow it.
fn kpis_in_order<'r>(cx: &Ctx<'r>) -> Vec<&'r crate::model::Kpi> {
    let retired = |k: &&crate::model::Kpi| cx.facts.kpi_retired(&k.meta.id);
    let all = || cx.r.kpis.iter().map(|k| &**k);
    all()
        .filter(|k| !retired(k))
        .chain(all().filter(retired))
        .collect()
}

fn kpi_table(cx: &Ctx) -> Table {
    (
        heads(&["KPI", "Kind", "Latest", "Target", "Status"]),
        kpis_in_order(cx)
            .into_iter()
            .map(|k| {
                let s = &cx.facts.kpis[&k.meta.id];
                let unit = k.unit.as_deref().unwrap_or_default();
                let (label, class) = match s.on_target {
                    _ if s.retired => ("retired", "no-target"),
                    Some(true) => ("on target", "on-target"),
                    Some(false) => ("off target", "off-target"),
                    // Judged nothing for want of a figure: "no target" of a
                    // KPI with one read as a KPI nobody set a target for.
                    None if s.latest.is_none() => ("no data", "no-target"),
                    None if s.next_target.is_some() => ("target not yet due", "no-target"),
                    None => ("no target", "no-target"),
                };
                vec![
                    cell(k.kind.clone()),
                    cell(
                        s.latest
                            .map(|v| crate::words::with_unit(&figure(v), unit))
                            .unwrap_or_default(),
                    ),
                    cell(
                        s.target
                            .map(|v| crate::words::with_unit(&figure(v), unit))
                            .or_else(|| {
                                s.next_target.as_ref().map(|(d, v)| {
                                    format!(
                                        "{} from {d}",
                                        crate::words::with_unit(&figure(*v), unit)
                                    )
                                })
                            })
                            .unwrap_or_default(),
                    ),
                    badge(label, format!("kpi-{class}")),
                ]
            })
            .collect(),
    )
}

fn team_table(cx: &Ctx) -> Table {
    let r = cx.r;
    (
        heads(&[
            "Team",
            "Lead",
            "Capacity (person-days / quarter)",
            "Ops load",
            "Initiatives",
        ]),
        r.teams
            .iter()
            .map(|t| {
                let n = r
                    .backlinks_of(&t.meta.id)
                    .iter()
                    .filter(|b| b.relation == "Assigned initiatives")
                    .count();
                vec![
                    opt(&t.lead),
                    cell(per_quarter_text(&t.capacity, false)),
                    cell(per_quarter_text(&t.ops_load, true)),
                    cell(n.to_string()),
                ]
            })
            .collect(),
    )
}

fn capability_table(cx: &Ctx) -> Table {
    let r = cx.r;
    (
        heads(&["Capability", "Area", "Current", "Target", "Gap"]),
        r.capabilities
            .iter()
            .map(|c| {
                vec![
                    opt(&c.area),
                    cell(c.current.to_string()),
                    cell(c.target.to_string()),
                    cell((c.target - c.current).max(0).to_string()),
                ]
            })
            .collect(),
    )
}

fn change_table(cx: &Ctx, root: &str) -> Table {
    let r = cx.r;
    (
        heads(&["Change request", "Date", "Status", "Affects", "Decided"]),
        r.changes
            .iter()
            .map(|c| {
                vec![
                    cell(c.date.written.to_string()),
                    badge(&c.status, format!("change-{}", c.status)),
                    linked(cx, &c.affects, root),
                    cell(
                        c.decided
                            .as_ref()
                            .map(|d| d.written.to_string())
                            .unwrap_or_default(),
                    ),
                ]
            })
            .collect(),
    )
}

fn review_table(cx: &Ctx) -> Table {
    let r = cx.r;
    (
        heads(&["Review", "Date", "Kind", "Decisions"]),
        r.reviews
            .iter()
            .rev()
            .map(|v| {
                vec![
                    cell(v.date.written.to_string()),
                    cell(v.kind.clone()),
                    cell(v.decisions.len().to_string()),
                ]
            })
            .collect(),
    )
}

fn risk_table(cx: &Ctx, root: &str) -> Table {
    let r = cx.r;
    let mut heads = heads(&[
        "RAID item",
        "Type",
        "Status",
        "Exposure",
        "Probability × impact",
        "Owner",
        "Affects",
        "Review by",
    ]);
    // What moved since the last snapshot: the log's news, row by row.
    let since = cx.raid().filter(|log| log.last_snapshot().is_some());
    heads.extend(
        since
            .and_then(|log| log.last_snapshot())
            .map(|name| format!("Since {name}")),
    );
    (
        heads,
        r.risks_in_order()
            .into_iter()
            .map(|x| {
                let (exposure, class) = super::risks::exposure_text(cx, x);
                let stale = cx.facts.risks.stale_for(&x.meta.id);
                let mut cells = vec![
                    cell(x.kind.clone()),
                    badge(&x.status, format!("risk-{}", x.status)),
                    match class {
                        Some(class) => badge(&exposure, class),
                        None => cell(exposure),
                    },
                    cell(match (x.likelihood(), x.impact) {
                        (Some(p), Some(i)) => format!("{p} × {i}"),
                        _ => String::new(),
                    }),
                    cell(x.owner.clone()),
                    linked(cx, &x.affects, root),
                    match stale {
                        Some(s) => badge(
                            &format!("{} (overdue)", crate::base::date::iso(s.due)),
                            "health-amber".into(),
                        ),
                        // Without `review_by`, the date `risk-review-days`
                        // gives: blank, it showed only once overdue. A
                        // closed item is reviewed no more.
                        None => opt(&x
                            .review_by
                            .as_ref()
                            .filter(|_| x.is_open())
                            .map(|d| d.written.to_string())
                            .or_else(|| {
                                crate::analysis::risks::review_due(x, cx.config)
                                    .map(|(due, _)| crate::base::date::iso(due))
                            })),
                    },
                ];
                if let Some(log) = since {
                    cells.push(cell(log.since(&x.meta.id).unwrap_or_default()));
                }
                cells
            })
            .collect(),
    )
}

/// A table's column headings.
fn heads(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

fn free_page_table(cx: &Ctx) -> Table {
    let r = cx.r;
    (
        heads(&["Page", "Description"]),
        r.pages.iter().map(|p| vec![opt(&p.description)]).collect(),
    )
}

fn cell(text: String) -> Value {
    tv!({ "text": text })
}

/// What a row names by id, by title and linked: a column of bare ids
/// (`crm-replacement, dc-exit/m2`) read as a database dump. `text` says
/// the titles for a theme that does not draw `links`.
fn linked(cx: &Ctx, ids: &[String], root: &str) -> Value {
    let text = ids
        .iter()
        .map(|id| {
            cx.r.link_target(id)
                .map_or_else(|| id.clone(), |(title, _)| title)
        })
        .collect::<Vec<_>>()
        .join(", ");
    tv!({ "text": text, "links": cx.links(ids, root) })
}

fn badge(text: &str, class: String) -> Value {
    tv!({ "text": text, "badge": class })
}

fn opt<S: AsRef<str>>(o: &Option<S>) -> Value {
    cell(
        o.as_ref()
            .map(|o| o.as_ref().to_string())
            .unwrap_or_default(),
    )
}
