//! Rendering: the Tera environment (built-in theme plus overrides), one
//! context per page, and the site as a value (path → bytes) that `output`
//! writes. Nothing here touches the disk except reading theme overrides.

pub mod exports;
pub mod markdown;
pub mod theme;

use crate::analysis::{Facts, MilestoneState};
use crate::config::Config;
use crate::model::{Initiative, Kind, Meta, Roadmap};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The rendered site: relative path → bytes, in path order.
pub type SiteFiles = BTreeMap<String, Vec<u8>>;

/// What the dashboard says about how the site was made.
#[derive(Debug, Clone, Default)]
pub struct BuildInfo {
    /// Every finding of the check, for the findings page.
    pub findings: Vec<crate::diag::Diagnostic>,
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub findings_by_rule: BTreeMap<String, usize>,
}

pub struct Renderer {
    tera: tera::Tera,
    statics: Vec<(String, String)>,
}

impl Renderer {
    /// Parse every template once.
    pub fn new(config: &Config) -> Result<Renderer, String> {
        let files = theme::load(&config.root, &config.build.theme)?;
        let mut tera = tera::Tera::default();
        let mut statics = Vec::new();
        let mut templates = Vec::new();
        for f in files {
            if let Some(name) = f.path.strip_prefix("templates/") {
                templates.push((name.to_string(), f.contents, f.origin));
            } else {
                statics.push((f.path, f.contents));
            }
        }
        tera.add_raw_templates(templates.iter().map(|(n, c, _)| (n.as_str(), c.as_str())))
            .map_err(|e| format!("theme template error: {}", error_chain(&e)))?;
        Ok(Renderer { tera, statics })
    }

    fn render(&self, template: &str, ctx: &Value) -> Result<String, String> {
        let context = tera::Context::from_serialize(ctx).map_err(|e| error_chain(&e))?;
        self.tera
            .render(template, &context)
            .map_err(|e| format!("template `{template}`: {}", error_chain(&e)))
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// `../` repeated once per folder of `path`.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

struct Ctx<'a> {
    r: &'a Roadmap,
    facts: &'a Facts,
    config: &'a Config,
    info: &'a BuildInfo,
    nav: Vec<(String, String)>,
}

impl Ctx<'_> {
    fn link(&self, id: &str, root: &str) -> Value {
        match self.r.link_target(id) {
            Some((title, url)) => json!({ "id": id, "text": title, "url": format!("{root}{url}") }),
            None => json!({ "id": id, "text": id, "url": Value::Null }),
        }
    }

    fn links(&self, ids: &[String], root: &str) -> Vec<Value> {
        ids.iter().map(|id| self.link(id, root)).collect()
    }

    /// Everything `base.html` needs.
    fn base(&self, path: &str, title: &str, description: &str, section: &str) -> Value {
        let root = root_of(path);
        let nav: Vec<Value> = self
            .nav
            .iter()
            .map(
                |(t, u)| json!({ "text": t, "url": format!("{root}{u}"), "current": u == section }),
            )
            .collect();
        let base_url = self.config.build.base_url.trim_end_matches('/');
        let canonical = if base_url.is_empty() {
            Value::Null
        } else {
            json!(format!("{base_url}/{path}"))
        };
        json!({
            "root": root,
            "path": path,
            "title": title,
            "description": description,
            "canonical": canonical,
            "site": {
                "title": self.config.book.title,
                "organization": self.config.book.organization,
                "language": self.config.book.language,
                "today": self.config.today.written,
                "today_source": self.config.today_source,
                "version": env!("CARGO_PKG_VERSION"),
            },
            "nav": nav,
        })
    }

    fn markdown(&self, meta: &Meta, root: &str) -> String {
        markdown::render(&meta.body, self.r, root, self.config.build.allow_html)
    }
}

fn merge(mut base: Value, extra: Value) -> Value {
    if let (Value::Object(b), Value::Object(e)) = (&mut base, extra) {
        b.extend(e);
    }
    base
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn pct(n: f64) -> String {
    format!("{}%", (n * 100.0).round() as i64)
}

/// Render every page and static file of the site.
pub fn render_site(
    renderer: &Renderer,
    r: &Roadmap,
    facts: &Facts,
    config: &Config,
    info: &BuildInfo,
) -> Result<SiteFiles, String> {
    let mut nav: Vec<(String, String)> = vec![
        ("Dashboard".into(), "index.html".into()),
        ("Traceability".into(), "traceability.html".into()),
    ];
    for kind in [
        Kind::Outcome,
        Kind::Initiative,
        Kind::Kpi,
        Kind::Team,
        Kind::Capability,
        Kind::Change,
        Kind::Review,
    ] {
        nav.push((
            kind.plural_title().into(),
            format!("{}/index.html", kind.dir()),
        ));
    }
    if !r.pages.is_empty() {
        nav.push(("Pages".into(), "pages/index.html".into()));
    }
    nav.push(("Findings".into(), "findings.html".into()));
    let cx = Ctx {
        r,
        facts,
        config,
        info,
        nav,
    };

    // (path, template, context) for every page, then rendered in parallel.
    let mut jobs: Vec<(String, &'static str, Value)> = Vec::new();
    jobs.push(("index.html".into(), "index.html", dashboard(&cx)));
    jobs.push((
        "traceability.html".into(),
        "traceability.html",
        traceability_page(&cx),
    ));
    jobs.push(("findings.html".into(), "findings.html", findings_page(&cx)));
    for kind in Kind::ALL {
        if kind == Kind::Page && r.pages.is_empty() {
            continue;
        }
        let path = format!("{}/index.html", kind.dir());
        jobs.push((path.clone(), "list.html", list_page(&cx, kind, &path)));
    }
    let metas: Vec<&Meta> = r.all_meta().collect();
    let item_jobs: Vec<(String, &'static str, Value)> = metas
        .par_iter()
        .map(|m| {
            let template = if m.kind == Kind::Page {
                "page.html"
            } else {
                "item.html"
            };
            (m.url.clone(), template, item_page(&cx, m))
        })
        .collect();
    jobs.extend(item_jobs);

    let rendered: Result<Vec<(String, Vec<u8>)>, String> = jobs
        .into_par_iter()
        .map(|(path, template, ctx)| {
            renderer
                .render(template, &ctx)
                .map(|html| (path, html.into_bytes()))
        })
        .collect();
    let mut files: SiteFiles = rendered?.into_iter().collect();
    files.insert(
        "traceability.csv".into(),
        exports::traceability_csv(r, facts).into_bytes(),
    );
    for (path, contents) in &renderer.statics {
        files.insert(path.clone(), contents.clone().into_bytes());
    }
    Ok(files)
}

fn milestone_row(cx: &Ctx, init: &Initiative, ms: &crate::model::Milestone, root: &str) -> Value {
    let state = cx
        .facts
        .milestones
        .get(&ms.gid)
        .copied()
        .unwrap_or(MilestoneState::of(ms, cx.config.today.day));
    json!({
        "id": ms.id,
        "gid": ms.gid,
        "anchor": format!("m-{}", ms.id),
        "title": ms.title,
        "url": format!("{root}{}#m-{}", init.meta.url, ms.id),
        "initiative": { "text": init.meta.title, "url": format!("{root}{}", init.meta.url) },
        "owner": ms.owner,
        "due": ms.due.written,
        "due_iso": ms.due.iso(),
        "done": ms.done.as_ref().map(|d| d.written.clone()),
        "baseline": ms.baseline.as_ref().map(|d| d.written.clone()),
        "gate": ms.gate,
        "criteria": ms.criteria,
        "depends_on": cx.links(&ms.depends_on, root),
        "state": state.key(),
        "state_label": state.label(),
    })
}

/// The dashboard stays a one-screen summary at any portfolio size: longer
/// milestone lists are cut here and say how many more there are.
const DASHBOARD_ROWS: usize = 25;

fn dashboard(cx: &Ctx) -> Value {
    let r = cx.r;
    let f = cx.facts;
    let root = "";
    let ms_rows = |ids: &[String]| -> Vec<Value> {
        ids.iter()
            .filter_map(|g| {
                let ms = r.milestone(g)?;
                let init = r.initiative(&ms.initiative)?;
                Some(milestone_row(cx, init, ms, root))
            })
            .collect()
    };
    let statuses: Vec<Value> = crate::model::build::STATUSES
        .iter()
        .map(|s| json!({ "key": s, "count": f.status_counts.get(*s).copied().unwrap_or(0) }))
        .collect();
    let healths: Vec<Value> = ["green", "amber", "red", "unreported"]
        .iter()
        .map(|h| json!({ "key": h, "count": f.health_counts.get(*h).copied().unwrap_or(0) }))
        .collect();
    let kpis: Vec<Value> = r
        .kpis
        .iter()
        .map(|k| {
            let s = &f.kpis[&k.meta.id];
            let unit = k.unit.clone().unwrap_or_default();
            json!({
                "title": k.meta.title,
                "url": k.meta.url,
                "kind": k.kind,
                "latest": s.latest.map(fmt_num),
                "latest_date": s.latest_date,
                "target": s.target.map(fmt_num),
                "unit": unit,
                "direction": if k.direction == "down" { "lower is better" } else { "higher is better" },
                "status": match s.on_target { Some(true) => "on-target", Some(false) => "off-target", None => "no-target" },
                "status_label": match s.on_target { Some(true) => "On target", Some(false) => "Below target", None => "No target" },
            })
        })
        .collect();
    let outcomes: Vec<Value> = r
        .outcomes
        .iter()
        .map(|o| {
            let served: Vec<&str> = r
                .backlinks_of(&o.meta.id)
                .iter()
                .filter(|b| b.relation == "Served by")
                .map(|b| b.from.as_str())
                .collect();
            json!({
                "title": o.meta.title,
                "url": o.meta.url,
                "category": o.category,
                "owner": o.owner,
                "horizon": o.horizon.as_ref().map(|d| d.written.clone()),
                "initiatives": served.len(),
            })
        })
        .collect();
    let backlog: Vec<Value> = f.backlog.iter().map(|id| cx.link(id, root)).collect();
    let findings: Vec<Value> = cx
        .info
        .findings_by_rule
        .iter()
        .map(|(k, v)| json!({ "rule": k, "count": v }))
        .collect();
    let description = format!(
        "{} live initiatives, {} overdue milestones, {} due within 30 days, {} of {} outcomes served",
        f.live_initiatives,
        f.overdue.len(),
        f.due_30.len(),
        f.traceability.outcomes_served.part,
        f.traceability.outcomes_served.whole
    );
    merge(
        cx.base(
            "index.html",
            &cx.config.book.title,
            &description,
            "index.html",
        ),
        json!({
            "dash": {
                "outcomes_total": r.outcomes.len(),
                "outcomes_served": f.traceability.outcomes_served.part,
                "live_initiatives": f.live_initiatives,
                "initiatives_total": r.initiatives.len(),
                "milestones_total": f.milestones_total,
                "done": f.done,
                "done_on_time": f.done_on_time,
                "on_time_rate": f.on_time_rate().map(pct),
                "statuses": statuses,
                "healths": healths,
                "overdue": ms_rows(&f.overdue[..f.overdue.len().min(DASHBOARD_ROWS)]),
                "overdue_total": f.overdue.len(),
                "due_30": f.due_30.len(),
                "due_90": ms_rows(&f.due_90[..f.due_90.len().min(DASHBOARD_ROWS)]),
                "due_90_total": f.due_90.len(),
                "kpis": kpis,
                "outcomes": outcomes,
                "backlog": backlog,
                "errors": cx.info.errors,
                "warnings": cx.info.warnings,
                "findings": findings,
                "files": cx.info.files,
            }
        }),
    )
}

fn list_page(cx: &Ctx, kind: Kind, path: &str) -> Value {
    let r = cx.r;
    let root = root_of(path);
    let cell = |text: String| json!({ "text": text });
    let badge = |text: &str, class: String| json!({ "text": text, "badge": class });
    let opt = |o: &Option<String>| cell(o.clone().unwrap_or_default());
    let (columns, rows): (Vec<&str>, Vec<Vec<Value>>) = match kind {
        Kind::Outcome => (
            vec![
                "Outcome",
                "Category",
                "Owner",
                "Horizon",
                "Served by",
                "KPIs",
            ],
            r.outcomes
                .iter()
                .map(|o| {
                    let served = r
                        .backlinks_of(&o.meta.id)
                        .iter()
                        .filter(|b| b.relation == "Served by")
                        .count();
                    vec![
                        cell(o.category.clone().unwrap_or_default()),
                        cell(o.owner.clone()),
                        cell(
                            o.horizon
                                .as_ref()
                                .map(|d| d.written.clone())
                                .unwrap_or_default(),
                        ),
                        cell(served.to_string()),
                        cell(o.kpis.len().to_string()),
                    ]
                })
                .collect(),
        ),
        Kind::Initiative => (
            vec![
                "Initiative",
                "Status",
                "Health",
                "Layer",
                "Owner",
                "Milestones done",
                "End",
            ],
            r.initiatives
                .iter()
                .map(|i| {
                    let done = i
                        .milestones
                        .iter()
                        .filter(|m| cx.facts.milestones.get(&m.gid).is_some_and(|s| s.is_done()))
                        .count();
                    let health = i.health.clone().unwrap_or_else(|| "unreported".into());
                    let status = if i.is_backlog() {
                        format!("{} (backlog)", i.status)
                    } else {
                        i.status.clone()
                    };
                    vec![
                        badge(&status, format!("status-{}", i.status)),
                        badge(&health, format!("health-{health}")),
                        opt(&i.layer),
                        cell(i.owner.clone()),
                        cell(format!("{done} of {}", i.milestones.len())),
                        cell(
                            i.end
                                .as_ref()
                                .map(|d| d.written.clone())
                                .unwrap_or_default(),
                        ),
                    ]
                })
                .collect(),
        ),
        Kind::Kpi => (
            vec!["KPI", "Kind", "Latest", "Target", "Status"],
            r.kpis
                .iter()
                .map(|k| {
                    let s = &cx.facts.kpis[&k.meta.id];
                    let unit = k.unit.clone().map(|u| format!(" {u}")).unwrap_or_default();
                    let (label, class) = match s.on_target {
                        Some(true) => ("on target", "on-target"),
                        Some(false) => ("off target", "off-target"),
                        None => ("no target", "no-target"),
                    };
                    vec![
                        cell(k.kind.clone()),
                        cell(
                            s.latest
                                .map(|v| format!("{}{unit}", fmt_num(v)))
                                .unwrap_or_default(),
                        ),
                        cell(
                            s.target
                                .map(|v| format!("{}{unit}", fmt_num(v)))
                                .unwrap_or_default(),
                        ),
                        badge(label, format!("kpi-{class}")),
                    ]
                })
                .collect(),
        ),
        Kind::Team => (
            vec![
                "Team",
                "Lead",
                "Capacity (person-days / quarter)",
                "Ops load",
                "Initiatives",
            ],
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
        ),
        Kind::Capability => (
            vec!["Capability", "Area", "Current", "Target", "Gap"],
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
        ),
        Kind::Change => (
            vec!["Change request", "Date", "Status", "Affects", "Decided"],
            r.changes
                .iter()
                .map(|c| {
                    vec![
                        cell(c.date.written.clone()),
                        badge(&c.status, format!("change-{}", c.status)),
                        cell(c.affects.join(", ")),
                        cell(
                            c.decided
                                .as_ref()
                                .map(|d| d.written.clone())
                                .unwrap_or_default(),
                        ),
                    ]
                })
                .collect(),
        ),
        Kind::Review => (
            vec!["Review", "Date", "Kind", "Decisions"],
            r.reviews
                .iter()
                .rev()
                .map(|v| {
                    vec![
                        cell(v.date.written.clone()),
                        cell(v.kind.clone()),
                        cell(v.decisions.len().to_string()),
                    ]
                })
                .collect(),
        ),
        Kind::Page => (
            vec!["Page", "Description"],
            r.pages.iter().map(|p| vec![opt(&p.description)]).collect(),
        ),
    };
    let metas: Vec<&Meta> = match kind {
        Kind::Review => r.reviews.iter().rev().map(|v| &v.meta).collect(),
        _ => r.all_meta().filter(|m| m.kind == kind).collect(),
    };
    let rows: Vec<Value> = metas
        .iter()
        .zip(rows)
        .map(|(m, cells)| json!({ "title": m.title, "url": format!("{root}{}", m.url), "id": m.id, "cells": cells }))
        .collect();
    let title = kind.plural_title();
    let description = format!(
        "{} {} in {}",
        rows.len(),
        title.to_lowercase(),
        cx.config.book.title
    );
    merge(
        cx.base(path, title, &description, path),
        json!({ "list": { "kind": kind.name(), "columns": columns, "rows": rows } }),
    )
}

fn per_quarter_text(p: &crate::model::PerQuarter, fraction: bool) -> String {
    let f = |v: f64| if fraction { pct(v) } else { fmt_num(v) };
    let mut parts: Vec<String> = p.default.map(|d| vec![f(d)]).unwrap_or_default();
    parts.extend(
        p.by_quarter
            .iter()
            .map(|(d, v)| format!("{}: {}", d.written, f(*v))),
    );
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(", ")
    }
}

fn fact(label: &str, value: impl Into<String>) -> Value {
    json!({ "label": label, "text": value.into() })
}

fn fact_badge(label: &str, value: &str, class: String) -> Value {
    json!({ "label": label, "text": value, "badge": class })
}

fn fact_links(label: &str, links: Vec<Value>) -> Value {
    json!({ "label": label, "links": links })
}

fn item_page(cx: &Ctx, m: &Meta) -> Value {
    let r = cx.r;
    let root = root_of(&m.url);
    let idx = r.index[&m.id].index;
    let mut facts: Vec<Value> = Vec::new();
    let mut milestones: Vec<Value> = Vec::new();
    let mut data: Vec<Value> = Vec::new();
    let item;
    let description;
    let opt_fact = |facts: &mut Vec<Value>, label: &str, v: &Option<String>| {
        if let Some(v) = v {
            facts.push(fact(label, v.clone()));
        }
    };
    match m.kind {
        Kind::Outcome => {
            let o = &r.outcomes[idx];
            item = serde_json::to_value(o).unwrap_or_default();
            facts.push(fact("Owner", o.owner.clone()));
            opt_fact(&mut facts, "Category", &o.category);
            opt_fact(
                &mut facts,
                "Horizon",
                &o.horizon.as_ref().map(|d| d.written.clone()),
            );
            facts.push(fact_links("KPIs", cx.links(&o.kpis, &root)));
            opt_fact(&mut facts, "Description", &o.description);
            let served = r
                .backlinks_of(&o.meta.id)
                .iter()
                .filter(|b| b.relation == "Served by")
                .count();
            description = format!(
                "{} — {} outcome owned by {}, served by {} initiatives",
                o.meta.title,
                o.category.clone().unwrap_or_default(),
                o.owner,
                served
            );
        }
        Kind::Initiative => {
            let i = &r.initiatives[idx];
            item = serde_json::to_value(i).unwrap_or_default();
            let health = i.health.clone().unwrap_or_else(|| "unreported".into());
            facts.push(fact_badge(
                "Status",
                &i.status,
                format!("status-{}", i.status),
            ));
            facts.push(fact_badge(
                "Reported health",
                &health,
                format!("health-{health}"),
            ));
            facts.push(fact("Owner", i.owner.clone()));
            opt_fact(&mut facts, "Sponsor", &i.sponsor);
            if i.is_backlog() {
                facts.push(fact_badge(
                    "Traceability",
                    "backlog: serves no outcome",
                    "status-backlog".into(),
                ));
            } else {
                facts.push(fact_links("Serves outcomes", cx.links(&i.outcomes, &root)));
            }
            opt_fact(&mut facts, "Layer", &i.layer);
            if !i.teams.is_empty() {
                facts.push(fact_links("Teams", cx.links(&i.teams, &root)));
            }
            if !i.effort.is_empty() {
                let text = i
                    .effort
                    .iter()
                    .map(|(t, d)| format!("{t}: {} person-days", fmt_num(*d)))
                    .collect::<Vec<_>>()
                    .join(", ");
                facts.push(fact("Effort", text));
            }
            opt_fact(
                &mut facts,
                "Start",
                &i.start.as_ref().map(|d| d.written.clone()),
            );
            opt_fact(
                &mut facts,
                "End",
                &i.end.as_ref().map(|d| d.written.clone()),
            );
            opt_fact(&mut facts, "Priority", &i.priority.map(|p| p.to_string()));
            if !i.depends_on.is_empty() {
                facts.push(fact_links("Depends on", cx.links(&i.depends_on, &root)));
            }
            if !i.capabilities.is_empty() {
                facts.push(fact_links(
                    "Raises capabilities",
                    cx.links(&i.capabilities, &root),
                ));
            }
            if !i.tags.is_empty() {
                facts.push(fact("Tags", i.tags.join(", ")));
            }
            milestones = i
                .milestones
                .iter()
                .map(|ms| milestone_row(cx, i, ms, &root))
                .collect();
            let done = i
                .milestones
                .iter()
                .filter(|ms| {
                    cx.facts
                        .milestones
                        .get(&ms.gid)
                        .is_some_and(|s| s.is_done())
                })
                .count();
            let next = i
                .milestones
                .iter()
                .filter(|ms| ms.done.is_none())
                .min_by_key(|ms| ms.due.day)
                .map(|ms| format!(", next due {}", ms.due.written))
                .unwrap_or_default();
            description = format!(
                "{} — {}, {}, {done} of {} milestones done{next}",
                i.meta.title,
                i.status,
                health,
                i.milestones.len()
            );
        }
        Kind::Kpi => {
            let k = &r.kpis[idx];
            item = serde_json::to_value(k).unwrap_or_default();
            let s = &cx.facts.kpis[&k.meta.id];
            let unit = k.unit.clone().unwrap_or_default();
            facts.push(fact("Kind", k.kind.clone()));
            facts.push(fact(
                "Better when",
                if k.direction == "down" {
                    "lower"
                } else {
                    "higher"
                },
            ));
            opt_fact(&mut facts, "Unit", &k.unit);
            facts.push(fact_links(
                "Measures outcomes",
                cx.links(&k.outcomes, &root),
            ));
            opt_fact(&mut facts, "Baseline", &k.baseline.map(fmt_num));
            opt_fact(&mut facts, "Target", &k.target.map(fmt_num));
            if !k.targets.is_empty() {
                facts.push(fact(
                    "Stepped target",
                    k.targets
                        .iter()
                        .map(|(d, v)| format!("from {}: {}", d.written, fmt_num(*v)))
                        .collect::<Vec<_>>()
                        .join("; "),
                ));
            }
            if let Some(latest) = s.latest {
                let status = match s.on_target {
                    Some(true) => "on target",
                    Some(false) => "off target",
                    None => "no target",
                };
                let class = match s.on_target {
                    Some(true) => "kpi-on-target",
                    Some(false) => "kpi-off-target",
                    None => "kpi-no-target",
                };
                facts.push(fact_badge(
                    "Latest",
                    &format!(
                        "{} {unit} ({}) — {status}",
                        fmt_num(latest),
                        s.latest_date.clone().unwrap_or_default()
                    ),
                    class.into(),
                ));
            }
            opt_fact(&mut facts, "Data file", &k.data_file);
            data = k.data.iter().map(|p| json!({ "date": p.date.written, "value": fmt_num(p.value), "target": p.target.or_else(|| k.target_at(p.date.day)).map(fmt_num) })).collect();
            description = format!(
                "{} — latest {} {unit}, target {}",
                k.meta.title,
                s.latest.map(fmt_num).unwrap_or_else(|| "n/a".into()),
                s.target.map(fmt_num).unwrap_or_else(|| "n/a".into())
            );
        }
        Kind::Team => {
            let t = &r.teams[idx];
            item = serde_json::to_value(t).unwrap_or_default();
            opt_fact(&mut facts, "Lead", &t.lead);
            facts.push(fact(
                "Capacity (person-days per quarter)",
                per_quarter_text(&t.capacity, false),
            ));
            facts.push(fact(
                "Operational load",
                per_quarter_text(&t.ops_load, true),
            ));
            description = format!(
                "{} — capacity {} person-days per quarter",
                t.meta.title,
                per_quarter_text(&t.capacity, false)
            );
        }
        Kind::Capability => {
            let c = &r.capabilities[idx];
            item = serde_json::to_value(c).unwrap_or_default();
            facts.push(fact("Current maturity", format!("{} of 5", c.current)));
            facts.push(fact("Target maturity", format!("{} of 5", c.target)));
            opt_fact(&mut facts, "Owner", &c.owner);
            opt_fact(&mut facts, "Area", &c.area);
            description = format!(
                "{} — maturity {} of 5, target {}",
                c.meta.title, c.current, c.target
            );
        }
        Kind::Change => {
            let c = &r.changes[idx];
            item = serde_json::to_value(c).unwrap_or_default();
            facts.push(fact_badge(
                "Status",
                &c.status,
                format!("change-{}", c.status),
            ));
            facts.push(fact("Date", c.date.written.clone()));
            facts.push(fact_links("Affects", cx.links(&c.affects, &root)));
            opt_fact(&mut facts, "Requested by", &c.requested_by);
            opt_fact(&mut facts, "Decided by", &c.decided_by);
            opt_fact(
                &mut facts,
                "Decided",
                &c.decided.as_ref().map(|d| d.written.clone()),
            );
            description = format!(
                "{} — {} change request of {}",
                c.meta.title, c.status, c.date.written
            );
        }
        Kind::Review => {
            let v = &r.reviews[idx];
            item = serde_json::to_value(v).unwrap_or_default();
            facts.push(fact("Date", v.date.written.clone()));
            facts.push(fact("Kind", v.kind.clone()));
            if !v.attendees.is_empty() {
                facts.push(fact("Attendees", v.attendees.join(", ")));
            }
            description = format!(
                "{} — {} review on {}, {} decisions",
                v.meta.title,
                v.kind,
                v.date.written,
                v.decisions.len()
            );
        }
        Kind::Page => {
            let p = &r.pages[idx];
            item = serde_json::to_value(p).unwrap_or_default();
            description = p
                .description
                .clone()
                .unwrap_or_else(|| p.meta.title.clone());
        }
    }
    let decisions: Vec<String> = if m.kind == Kind::Review {
        r.reviews[idx].decisions.clone()
    } else {
        Vec::new()
    };
    // Backlinks of the item and of its milestones, grouped by relation.
    let mut groups: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let mut push_backlinks = |id: &str, suffix: &str| {
        for b in r.backlinks_of(id) {
            let mut link = cx.link(&b.from, &root);
            if !suffix.is_empty() {
                link["note"] = json!(suffix);
            }
            groups.entry(b.relation.to_string()).or_default().push(link);
        }
    };
    push_backlinks(&m.id, "");
    if m.kind == Kind::Initiative {
        for ms in &r.initiatives[idx].milestones {
            push_backlinks(&ms.gid, &format!("milestone {}", ms.title));
        }
    }
    let backlinks: Vec<Value> = groups
        .into_iter()
        .map(|(relation, items)| json!({ "relation": relation, "items": items }))
        .collect();
    let section = format!("{}/index.html", m.kind.dir());
    merge(
        cx.base(&m.url, &m.title, &description, &section),
        json!({
            "kind": m.kind.name(),
            "kind_title": m.kind.singular_title(),
            "kind_plural": m.kind.plural_title(),
            "trace_url": trace_url(r, m, &root),
            "summary": description.strip_prefix(&format!("{} — ", m.title)).unwrap_or(&description),
            "kind_list": format!("{root}{section}"),
            "id": m.id,
            "source": m.path,
            "facts": facts,
            "milestones": milestones,
            "data": data,
            "decisions": decisions,
            "body_html": cx.markdown(m, &root),
            "backlinks": backlinks,
            "item": item,
            "extra": m.extra,
        }),
    )
}

/// A fragment-safe form of a free word (categories, layers).
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "other".into()
    } else {
        out
    }
}

/// Where an item sits in the traceability matrix, if it is there.
fn trace_url(r: &Roadmap, m: &Meta, root: &str) -> Option<String> {
    match m.kind {
        Kind::Outcome => Some(format!("{root}traceability.html#o-{}", m.id)),
        Kind::Initiative => {
            let i = r.initiative(&m.id)?;
            if i.status == "cancelled" {
                return None;
            }
            Some(match i.outcomes.first() {
                Some(o) => format!("{root}traceability.html#o-{o}"),
                None => format!("{root}traceability.html#b-{}", m.id),
            })
        }
        _ => None,
    }
}

fn initiative_row(cx: &Ctx, id: &str, root: &str) -> Option<Value> {
    let i = cx.r.initiative(id)?;
    let p = cx.facts.progress.get(id).copied().unwrap_or_default();
    let health = i.health.clone().unwrap_or_else(|| "unreported".into());
    Some(json!({
        "id": id,
        "text": i.meta.title,
        "url": format!("{root}{}", i.meta.url),
        "status": i.status,
        "health": health,
        "owner": i.owner,
        "total": p.total,
        "done": p.done,
        "late": p.late,
    }))
}

/// Outcomes are collapsed when there are so many that one open page would
/// be a wall; each stays one click away and printable.
const OPEN_OUTCOMES_UP_TO: usize = 40;

fn traceability_page(cx: &Ctx) -> Value {
    let r = cx.r;
    let t = &cx.facts.traceability;
    let root = "";
    let open = r.outcomes.len() <= OPEN_OUTCOMES_UP_TO;
    let groups: Vec<Value> = t
        .groups
        .iter()
        .map(|g| {
            let outcomes: Vec<Value> = g
                .outcomes
                .iter()
                .filter_map(|o| {
                    let outcome = r.get(&o.id)?;
                    let full = &r.outcomes[r.index[&o.id].index];
                    let rows: Vec<Value> = o
                        .initiatives
                        .iter()
                        .filter_map(|i| initiative_row(cx, i, root))
                        .collect();
                    Some(json!({
                        "id": o.id,
                        "text": outcome.title,
                        "url": outcome.url,
                        "owner": full.owner,
                        "horizon": full.horizon.as_ref().map(|d| d.written.clone()),
                        "kpis": cx.links(&full.kpis, root),
                        "initiatives": rows,
                        "live": o.live,
                    }))
                })
                .collect();
            json!({ "category": g.category, "slug": slug(&g.category), "outcomes": outcomes })
        })
        .collect();
    let ratio = |x: crate::analysis::traceability::Ratio| json!({ "part": x.part, "whole": x.whole, "percent": x.percent().map(|p| format!("{p}%")) });
    let backlog: Vec<Value> = t
        .backlog
        .iter()
        .filter_map(|b| {
            let mut row = initiative_row(cx, &b.id, root)?;
            row["reason"] = json!(b.reason);
            Some(row)
        })
        .collect();
    let gaps: Vec<Value> = t
        .unaddressed_gaps
        .iter()
        .filter_map(|id| {
            let c = &r.capabilities[r.index.get(id)?.index];
            Some(json!({ "text": c.meta.title, "url": c.meta.url, "current": c.current, "target": c.target }))
        })
        .collect();
    let description = format!(
        "{} of {} initiatives traced to an outcome; {} of {} outcomes served by live work; {} in backlog",
        t.initiatives_traced.part,
        t.initiatives_traced.whole,
        t.outcomes_served.part,
        t.outcomes_served.whole,
        t.backlog.len()
    );
    merge(
        cx.base(
            "traceability.html",
            "Traceability",
            &description,
            "traceability.html",
        ),
        json!({
            "trace": {
                "initiatives_traced": ratio(t.initiatives_traced),
                "outcomes_served": ratio(t.outcomes_served),
                "gaps_raised": ratio(t.gaps_raised),
                "open": open,
                "groups": groups,
                "backlog": backlog,
                "unserved": cx.links(&t.unserved_outcomes, root),
                "gaps": gaps,
                "orphan_kpis": cx.links(&t.orphan_kpis, root),
            }
        }),
    )
}

fn findings_page(cx: &Ctx) -> Value {
    let root = "";
    let by_path: std::collections::HashMap<&str, &Meta> =
        cx.r.all_meta().map(|m| (m.path.as_str(), m)).collect();
    let rows: Vec<Value> = cx
        .info
        .findings
        .iter()
        .map(|d| {
            let item = by_path.get(d.path.as_str());
            let location = match d.span {
                Some(s) if s.line > 0 => format!("{}:{}:{}", d.path, s.line, s.col),
                _ => d.path.clone(),
            };
            json!({
                "level": d.severity.as_str(),
                "code": d.code,
                "rule": d.rule,
                "location": location,
                "message": d.message,
                "help": d.help,
                "item": item.map(|m| json!({ "text": m.title, "url": format!("{root}{}", m.url) })),
            })
        })
        .collect();
    let description = format!(
        "{} errors and {} warnings from the roadmap check",
        cx.info.errors, cx.info.warnings
    );
    merge(
        cx.base("findings.html", "Findings", &description, "findings.html"),
        json!({ "findings": rows, "errors": cx.info.errors, "warnings": cx.info.warnings }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_per_depth() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("initiatives/a.html"), "../");
        assert_eq!(root_of("pages/guides/x.html"), "../../");
    }

    #[test]
    fn numbers_print_without_noise() {
        assert_eq!(fmt_num(42.0), "42");
        assert_eq!(fmt_num(41.25), "41.25");
        assert_eq!(fmt_num(0.1 + 0.2), "0.3");
    }
}
