//! Rendering: the Tera environment (built-in theme plus overrides), one
//! context per page, and the site as a value (path → bytes) that `output`
//! writes. Nothing here touches the disk except reading theme overrides.

pub mod charts;
mod context;
pub mod exports;
pub mod links;
pub mod markdown;
pub mod theme;
pub mod value;

use crate::analysis::Facts;
use crate::config::Config;
use crate::history::History;
use crate::model::{Initiative, Kind, Meta, Roadmap};
use crate::tv;
use crate::words::count;
use context::{
    fact, fact_badge, fact_links, fmt_num, merge, milestone_row, pct, pct_opt, per_quarter_text,
    rollup_json, Ctx,
};
use rayon::prelude::*;
use std::collections::BTreeMap;
use value::Value;

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
    statics: Vec<(String, Vec<u8>)>,
    /// Hash of every theme file, so a theme change is a new build.
    theme_hash: u64,
    /// Whether a template reads an item's raw model (`item`, `extra`):
    /// the built-in theme does not, and serialising every item for nothing
    /// was a tenth of the time spent on its page.
    raw_items: bool,
}

impl Renderer {
    /// Parse every template once.
    pub fn new(config: &Config) -> Result<Renderer, String> {
        let files = theme::load(&config.root, &config.build.theme)?;
        let theme_hash = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for f in &files {
                (&f.path, &f.contents).hash(&mut h);
            }
            h.finish()
        };
        let mut tera = tera::Tera::default();
        tera.set_escape_fn(escape_html);
        let mut statics = Vec::new();
        let mut templates = Vec::new();
        for f in files {
            if let Some(name) = f.path.strip_prefix("templates/") {
                let text = String::from_utf8(f.contents)
                    .map_err(|_| format!("{}: a template must be UTF-8 text", f.origin))?;
                templates.push((name.to_string(), text, f.origin));
            } else {
                statics.push((f.path, f.contents));
            }
        }
        let raw_items = templates.iter().any(|(_, text, _)| {
            // `__tera_context` dumps the whole context, these included.
            names_variable(text, "item")
                || names_variable(text, "extra")
                || text.contains("__tera_context")
        });
        tera.add_raw_templates(templates.iter().map(|(n, c, _)| (n.as_str(), c.as_str())))
            .map_err(|e| format!("theme template error: {}", error_chain(&e)))?;
        Ok(Renderer {
            tera,
            statics,
            theme_hash,
            raw_items,
        })
    }

    pub fn theme_hash(&self) -> u64 {
        self.theme_hash
    }

    fn render(&self, template: &str, context: &tera::Context) -> Result<String, String> {
        let mut html = self
            .tera
            .render(template, context)
            .map_err(|e| format!("template `{template}`: {}", error_chain(&e)))?;
        // Tera reserves twice the templates' size, rounded up to a power of
        // two (64 KiB for an item page of 10 KiB): kept for every page of a
        // large site, that slack was most of the build's memory.
        html.shrink_to_fit();
        Ok(html)
    }
}

/// Whether `text` may read the variable `name`: the word standing alone, not
/// as an attribute (`m.item`) or part of a longer name. Errs on the side of
/// yes (a mention in prose counts too).
fn names_variable(text: &str, name: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(|c| word(c) || c == '.') && !after.is_some_and(word)
    })
}

/// What Tera's own escaping writes (`&`, `<`, `>`, `"` and `'` as
/// entities), but a run of plain text in one write instead of a write per
/// byte: escaping was a tenth of the render.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut plain = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain..i])?;
        out.write_all(entity)?;
        plain = i + 1;
    }
    out.write_all(&bytes[plain..])
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

/// One version of the site, for the switcher.
#[derive(Debug, Clone)]
pub struct VersionEntry {
    /// `current`, or the snapshot's name.
    pub name: String,
    /// Where its pages live: `` or `v/<name>/`.
    pub prefix: String,
    /// The day that version judged the roadmap at.
    pub today: String,
    /// Every page path of that version, to land on the same item.
    pub pages: std::collections::BTreeSet<String>,
}

/// Which version is being rendered, among all of them.
#[derive(Debug, Clone, Default)]
pub struct VersionCtx {
    pub name: String,
    pub prefix: String,
    pub all: Vec<VersionEntry>,
}

impl VersionCtx {
    /// An archived version's pages depend on nothing but its own snapshot,
    /// the theme and the settings: no list of the other versions is baked
    /// into them (the switcher is filled in from the root's `versions.js`),
    /// so adding a snapshot never renders the older ones again.
    pub fn archived(name: &str) -> VersionCtx {
        VersionCtx {
            name: name.to_string(),
            prefix: format!("v/{name}/"),
            all: Vec::new(),
        }
    }

    fn is_archived(&self) -> bool {
        !self.prefix.is_empty()
    }

    /// A site with a single version (no snapshots).
    pub fn single() -> VersionCtx {
        VersionCtx {
            name: "current".into(),
            prefix: String::new(),
            all: Vec::new(),
        }
    }
}

/// Every page path a roadmap renders to (for the version switcher).
pub fn page_paths(r: &Roadmap) -> std::collections::BTreeSet<String> {
    let mut out: std::collections::BTreeSet<String> = VIEWS.iter().map(|v| v.to_string()).collect();
    for kind in Kind::ALL {
        if kind != Kind::Page || !r.pages.is_empty() {
            out.insert(format!("{}/index.html", kind.dir()));
        }
    }
    out.extend(r.all_meta().map(|m| m.url.clone()));
    out
}

const VIEWS: &[&str] = &[
    "index.html",
    "traceability.html",
    "findings.html",
    "capacity.html",
    "timeline.html",
    "timeline-by-team.html",
    "dependencies.html",
    "governance.html",
    "metrics.html",
];

/// Render every page and static file of the site.
pub fn render_site(
    renderer: &Renderer,
    r: &Roadmap,
    facts: &Facts,
    config: &Config,
    info: &BuildInfo,
    version: &VersionCtx,
    history: Option<&History>,
) -> Result<SiteFiles, String> {
    // Views of the whole roadmap first, then the items by kind.
    let mut nav: Vec<(String, String, bool)> = [
        ("Dashboard", "index.html"),
        ("Traceability", "traceability.html"),
        ("Timeline", "timeline.html"),
        ("Capacity", "capacity.html"),
        ("Dependencies", "dependencies.html"),
        ("Governance", "governance.html"),
        ("Metrics", "metrics.html"),
        ("Findings", "findings.html"),
    ]
    .into_iter()
    .map(|(t, u)| (t.to_string(), u.to_string(), true))
    .collect();
    for kind in Kind::ALL {
        if kind == Kind::Page && r.pages.is_empty() {
            continue;
        }
        nav.push((
            kind.plural_title().into(),
            format!("{}/index.html", kind.dir()),
            false,
        ));
    }
    let cx = Ctx {
        r,
        facts,
        config,
        info,
        nav,
        version,
        history: history.filter(|h| h.points.len() > 1),
        site: tv!({
            "title": &config.book.title,
            "organization": &config.book.organization,
            "language": &config.book.language,
            "today": &config.today.written,
            "today_source": &config.today_source,
            "version": env!("CARGO_PKG_VERSION"),
        }),
        navs: Default::default(),
        raw_items: renderer.raw_items,
        links: links::Resolver::new(
            r,
            config,
            Some(renderer.statics.iter().map(|(p, _)| p.clone()).collect()),
        ),
    };

    // (path, template, context) for every page, then rendered in parallel.
    // The views of the whole roadmap, built in parallel like the item pages
    // (the timeline, capacity and graph charts are the costly part).
    type View<'c> = (
        &'static str,
        &'static str,
        Box<dyn Fn() -> tera::Context + Send + Sync + 'c>,
    );
    let views: Vec<View> = vec![
        ("index.html", "index.html", Box::new(|| dashboard(&cx))),
        (
            "traceability.html",
            "traceability.html",
            Box::new(|| traceability_page(&cx)),
        ),
        (
            "findings.html",
            "findings.html",
            Box::new(|| findings_page(&cx)),
        ),
        (
            "capacity.html",
            "capacity.html",
            Box::new(|| capacity_page(&cx)),
        ),
        (
            "timeline.html",
            "timeline.html",
            Box::new(|| timeline_page(&cx, false)),
        ),
        (
            "timeline-by-team.html",
            "timeline.html",
            Box::new(|| timeline_page(&cx, true)),
        ),
        (
            "dependencies.html",
            "dependencies.html",
            Box::new(|| dependencies_page(&cx)),
        ),
        (
            "governance.html",
            "governance.html",
            Box::new(|| governance_page(&cx)),
        ),
        (
            "metrics.html",
            "metrics.html",
            Box::new(|| metrics_page(&cx)),
        ),
    ];
    let mut jobs: Vec<(String, &'static str, tera::Context)> = views
        .par_iter()
        .map(|(path, template, make)| (path.to_string(), *template, make()))
        .collect();
    if let Some(h) = cx.history {
        for d in &h.diffs {
            let (path, ctx) = diff_page(&cx, d);
            jobs.push((path, "diff.html", ctx));
        }
    }
    for kind in Kind::ALL {
        if kind == Kind::Page && r.pages.is_empty() {
            continue;
        }
        let path = format!("{}/index.html", kind.dir());
        jobs.push((path.clone(), "list.html", list_page(&cx, kind, &path)));
    }
    let rendered: Result<Vec<(String, Vec<u8>)>, String> = jobs
        .into_par_iter()
        .map(|(path, template, ctx)| {
            renderer
                .render(template, &ctx)
                .map(|html| (path, html.into_bytes()))
        })
        .collect();
    let mut rendered = rendered?;
    let metas: Vec<&Meta> = r.all_meta().collect();
    // The exports are whole-roadmap files (at 10,000 initiatives roadmap.json
    // alone is 47 MB): built beside the item pages, not after them.
    type Export<'c> = (
        &'static str,
        Box<dyn Fn() -> Result<Vec<u8>, String> + Send + Sync + 'c>,
    );
    let mut exports: Vec<Export> = vec![
        (
            "search-index.js",
            Box::new(|| Ok(exports::search_index(r).into_bytes())),
        ),
        (
            "traceability.csv",
            Box::new(|| Ok(exports::traceability_csv(r, facts).into_bytes())),
        ),
    ];
    let root_version = version.prefix.is_empty();
    if root_version {
        let history = cx.history;
        exports.push((
            "roadmap.json",
            Box::new(move || {
                Ok(exports::roadmap_json(r, facts, config, history, &info.findings).into_bytes())
            }),
        ));
        exports.push((
            "milestones.ics",
            Box::new(|| Ok(exports::milestones_ics(r, facts, config).into_bytes())),
        ));
        exports.push((
            "changes.xml",
            Box::new(move || Ok(exports::changes_atom(r, config, history).into_bytes())),
        ));
        exports.push((
            "brief.html",
            Box::new(|| Ok(renderer.render("brief.html", &brief(&cx))?.into_bytes())),
        ));
        if !version.all.is_empty() {
            exports.push((
                "versions.js",
                Box::new(|| Ok(exports::versions_js(&version.all).into_bytes())),
            ));
            exports.push((
                "versions.html",
                Box::new(|| {
                    Ok(renderer
                        .render("versions.html", &versions_page(&cx))?
                        .into_bytes())
                }),
            ));
        }
    }
    let (items, exported) = rayon::join(
        || {
            // Item pages are many: each context is built, rendered and
            // dropped in one step, so only the pages in flight hold one (at
            // 10,000 initiatives, holding them all took most of the memory).
            metas
                .par_iter()
                .map(|m| {
                    let template = if m.kind == Kind::Page {
                        "page.html"
                    } else {
                        "item.html"
                    };
                    renderer
                        .render(template, &item_page(&cx, m))
                        .map(|html| (m.url.clone(), html.into_bytes()))
                })
                .collect::<Result<Vec<(String, Vec<u8>)>, String>>()
        },
        || {
            exports
                .par_iter()
                .map(|(path, make)| make().map(|bytes| (path.to_string(), bytes)))
                .collect::<Result<Vec<(String, Vec<u8>)>, String>>()
        },
    );
    rendered.extend(items?);
    rendered.extend(exported?);
    let mut files: SiteFiles = rendered.into_iter().collect();
    // The data files bodies link to, as on the git host.
    for (rel, bytes) in &r.linked_files {
        files.insert(format!("{}{rel}", links::FILES_DIR), bytes.clone());
    }
    if root_version {
        // One copy of the theme's files serves every version.
        for (path, contents) in &renderer.statics {
            files.insert(path.clone(), contents.clone());
        }
        files.insert(
            "roadmap.schema.json".into(),
            exports::ROADMAP_SCHEMA.as_bytes().to_vec(),
        );
        Ok(files)
    } else {
        Ok(files
            .into_iter()
            .map(|(p, b)| (format!("{}{p}", version.prefix), b))
            .collect())
    }
}

/// The dashboard stays a one-screen summary at any portfolio size: longer
/// milestone lists are cut here and say how many more there are.
const DASHBOARD_ROWS: usize = 25;

fn dashboard(cx: &Ctx) -> tera::Context {
    let (description, dash) = dashboard_data(cx);
    merge(
        cx.base(
            "index.html",
            &cx.config.book.title,
            &description,
            "index.html",
        ),
        tv!({ "dash": dash }),
    )
}

/// The dashboard's summary line and its figures (the brief shows them too).
fn dashboard_data(cx: &Ctx) -> (String, Value) {
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
        .map(|s| tv!({ "key": s, "count": f.status_counts.get(*s).copied().unwrap_or(0) }))
        .collect();
    let healths: Vec<Value> = ["green", "amber", "red", "unreported"]
        .iter()
        .map(|h| tv!({ "key": h, "count": f.health_counts.get(*h).copied().unwrap_or(0) }))
        .collect();
    let kpis: Vec<Value> = r
        .kpis
        .iter()
        .map(|k| {
            let s = &f.kpis[&k.meta.id];
            let unit = k.unit.clone().unwrap_or_default();
            tv!({
                "title": k.meta.title,
                "url": k.meta.url,
                "kind": k.kind,
                "latest": s.latest.map(fmt_num),
                "latest_date": s.latest_date,
                "target": s.target.map(fmt_num),
                "unit": unit,
                "direction": if k.direction == "down" { "lower is better" } else { "higher is better" },
                "status": match s.on_target { Some(true) => "on-target", Some(false) => "off-target", None => "no-target" },
                "sparkline": charts::sparkline(k, s.target),
                "status_label": match s.on_target { Some(true) => "On target", Some(false) => "Off target", None => "No target" },
                "stale": s.stale.map(|x| x.days),
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
            tv!({
                "title": o.meta.title,
                "url": o.meta.url,
                "category": o.category,
                "owner": o.owner,
                "horizon": o.horizon.as_ref().map(|d| d.written.clone()),
                "initiatives": served.len(),
                "rollup": f.outcomes.get(&o.meta.id).map(|roll| rollup_json(cx, roll, root)),
            })
        })
        .collect();
    let backlog: Vec<Value> = f.backlog.iter().map(|id| cx.link(id, root)).collect();
    // By weight, like the findings page: a watermelon tops the list.
    let mut by_rule: Vec<(&String, &usize, Option<&crate::lints::Rule>)> = cx
        .info
        .findings_by_rule
        .iter()
        .map(|(k, v)| (k, v, crate::lints::by_name(k)))
        .collect();
    by_rule.sort_by_key(|(k, _, rule)| {
        (
            rule.map(|r| (r.weight, crate::diag::rank(r.name), r.code)),
            *k,
        )
    });
    let findings: Vec<Value> = by_rule
        .into_iter()
        .map(|(k, v, rule)| {
            tv!({ "rule": k, "words": k.replace('-', " "), "count": v, "weight": rule.map(|r| r.weight.as_str()).unwrap_or("") })
        })
        .collect();
    let computed: Vec<Value> = ["green", "amber", "red"]
        .iter()
        .map(|h| {
            let n = r
                .initiatives
                .iter()
                .filter(|i| crate::analysis::is_live(i))
                .filter(|i| {
                    f.health
                        .get(&i.meta.id)
                        .is_some_and(|c| c.health.as_str() == *h)
                })
                .count();
            tv!({ "key": h, "count": n })
        })
        .collect();
    let watermelons: Vec<Value> = f
        .watermelons(r)
        .map(|i| {
            let reasons = f
                .health
                .get(&i.meta.id)
                .map(|c| c.reasons.as_slice())
                .unwrap_or_default();
            value::with(cx.link(&i.meta.id, root), "reasons", tv!(reasons))
        })
        .collect();
    // A quarter already over is history, not a decision to take.
    let this_quarter =
        crate::parse::date::Quarter::of(cx.config.today.day, cx.config.roadmap.fiscal_year_start)
            .to_string();
    let ahead = |q: &crate::analysis::capacity::QuarterLoad| {
        q.overcommitted() && q.quarter.as_str() >= this_quarter.as_str()
    };
    let overcommitted: Vec<Value> = f
        .capacity
        .iter()
        .filter(|t| t.quarters.iter().any(ahead))
        .map(|t| {
            let l = cx.link(&t.team, root);
            let quarters: Vec<String> = t
                .quarters
                .iter()
                .filter(|q| ahead(q))
                .map(|q| {
                    format!(
                        "{} ({})",
                        q.quarter,
                        q.utilisation.map(pct).unwrap_or_default()
                    )
                })
                .collect();
            value::with(l, "quarters", tv!(quarters.join(", ")))
        })
        .collect();
    let cadence: Vec<Value> = f
        .governance
        .cadence
        .iter()
        .map(|c| tv!({ "kind": c.kind, "days_since": c.days_since, "required": c.required_days, "lapsed": c.lapsed }))
        .collect();
    let (unapproved, unapproved_total) = match cx.history {
        Some(h) => {
            let all = h.unapproved_slips();
            let rows: Vec<Value> = all
                .iter()
                .take(DASHBOARD_ROWS)
                .map(|s| unapproved_row(cx, s, root))
                .collect();
            (rows, all.len())
        }
        None => (Vec::new(), 0),
    };
    let open_scope: Vec<Value> = cx
        .history
        .map(|h| {
            h.open_scope
                .iter()
                .map(|sc| scope_row(cx, sc, root))
                .collect()
        })
        .unwrap_or_default();
    let open_latent: Vec<Value> = cx
        .history
        .map(|h| {
            h.open_latent
                .iter()
                .map(|l| latent_row(cx, l, root))
                .collect()
        })
        .unwrap_or_default();
    let named = |pred: &dyn Fn(&Initiative) -> bool| -> Vec<Value> {
        r.initiatives
            .iter()
            .filter(|i| crate::analysis::is_live(i) && pred(i))
            .map(|i| cx.link(&i.meta.id, root))
            .collect()
    };
    let reported_red = named(&|i| i.health.as_deref() == Some("red"));
    let computed_red = named(&|i| {
        f.health
            .get(&i.meta.id)
            .is_some_and(|c| c.health == crate::analysis::schedule::Health::Red)
    });
    let outcomes_at_risk: Vec<Value> = r
        .outcomes
        .iter()
        .filter_map(|o| {
            let roll = f.outcomes.get(&o.meta.id)?;
            roll.state.at_risk().then(|| {
                value::with(
                    cx.link(&o.meta.id, root),
                    "rollup",
                    rollup_json(cx, roll, root),
                )
            })
        })
        .collect();
    let today = cx.config.today.day;
    let mut waiting: Vec<(i64, &crate::model::Change)> = r
        .changes
        .iter()
        .filter(|c| c.status == "proposed")
        .map(|c| (crate::analysis::days_between(c.date.day, today), c))
        .collect();
    waiting.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.meta.id.cmp(&b.1.meta.id)));
    let waiting_changes: Vec<Value> = waiting
        .iter()
        .map(|(days, c)| value::with(cx.link(&c.meta.id, root), "days", tv!(*days)))
        .collect();
    let kpis_off: Vec<Value> = r
        .kpis
        .iter()
        .filter(|k| f.kpis.get(&k.meta.id).and_then(|s| s.on_target) == Some(false))
        .map(|k| cx.link(&k.meta.id, root))
        .collect();
    let kpis_on = f
        .kpis
        .values()
        .filter(|s| s.on_target == Some(true))
        .count();
    let description = format!(
        "{}, {}, {} due within 30 days, {} of {} served",
        count(f.live_initiatives, "live initiative", "live initiatives"),
        count(f.overdue.len(), "overdue milestone", "overdue milestones"),
        f.due_30.len(),
        f.traceability.outcomes_served.part,
        count(f.traceability.outcomes_served.whole, "outcome", "outcomes")
    );
    let dash = tv!({
                "outcomes_total": r.outcomes.len(),
                "outcomes_served": f.traceability.outcomes_served.part,
                "live_initiatives": f.live_initiatives,
                "initiatives_total": r.initiatives.len(),
                "milestones_total": f.milestones_total,
                "done": f.done,
                "on_time_rate": f.metrics.on_time_rate.map(pct),
                "on_time": f.metrics.on_time,
                "due_so_far": f.metrics.due,
                "on_time_definition": crate::analysis::metrics::ON_TIME_DEFINITION,
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
                "computed": computed,
                "period": cx.history.and_then(|h| h.period()).map(|d| diff_json_limited(cx, d, root, DASHBOARD_ROWS)),
                "periods": cx.history.map(|h| h.diffs.iter().rev().map(|d| diff_summary(d, root)).collect::<Vec<_>>()).unwrap_or_default(),
                "unapproved": unapproved,
                "unapproved_total": unapproved_total,
                "open_scope": open_scope,
                "open_latent": open_latent,
                "reported_red": reported_red,
                "computed_red": computed_red,
                "outcomes_at_risk": outcomes_at_risk,
                "waiting_changes": waiting_changes,
                "kpis_off": kpis_off,
                "kpis_on": kpis_on,
                "promise": cx.history.and_then(|h| h.promise_keeping_rate()).map(pct),
                "watermelons": watermelons,
                "overcommitted": overcommitted,
                "cadence": cadence,
                "stale_changes": f.governance.stale_changes.len(),
                "lateness": f.metrics.lateness.map(|l| l.text()),
                "lateness_median": f.metrics.lateness.map(|l| crate::charts::n(l.median_days)),
                "lateness_definition": crate::analysis::metrics::LATENESS_DEFINITION,
                "cycle_time": f.metrics.avg_cycle_time_days.map(|d| format!("{d:.0}")),
                "conflicts": f.dependencies.links.iter().filter(|l| l.conflict_days.is_some()).count(),
                "blocked": f.dependencies.links.iter().filter(|l| l.blocked.is_some()).count(),
    });
    (description, dash)
}

fn list_page(cx: &Ctx, kind: Kind, path: &str) -> tera::Context {
    let r = cx.r;
    let root = root_of(path);
    let cell = |text: String| tv!({ "text": text });
    let badge = |text: &str, class: String| tv!({ "text": text, "badge": class });
    let opt = |o: &Option<String>| cell(o.clone().unwrap_or_default());
    let (columns, rows): (Vec<&str>, Vec<Vec<Value>>) = match kind {
        Kind::Outcome => (
            vec![
                "Outcome",
                "Roll-up (computed)",
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
                "Computed health",
                "Reported health",
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
                        match cx.facts.health.get(&i.meta.id) {
                            Some(c) => {
                                badge(c.health.as_str(), format!("health-{}", c.health.as_str()))
                            }
                            None => cell("none (closed)".to_string()),
                        },
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
        .map(|(m, cells)| tv!({ "title": m.title, "url": format!("{root}{}", m.url), "id": m.id, "cells": cells }))
        .collect();
    let title = kind.plural_title();
    let description = format!(
        "{} in {}",
        count(
            rows.len(),
            &kind.singular_title().to_lowercase(),
            &title.to_lowercase()
        ),
        cx.config.book.title
    );
    merge(
        cx.base(path, title, &description, path),
        tv!({ "list": {
            "kind": kind.name(),
            "columns": columns,
            "rows": rows,
            "chart": (kind == Kind::Capability && !r.capabilities.is_empty()).then(|| charts::maturity_chart(r, &root)),
        } }),
    )
}

fn item_page(cx: &Ctx, m: &Meta) -> tera::Context {
    let r = cx.r;
    let root = root_of(&m.url);
    let idx = r.index[&m.id].index;
    let mut facts: Vec<Value> = Vec::new();
    let mut milestones: Vec<Value> = Vec::new();
    let mut data: Vec<Value> = Vec::new();
    let item;
    let description;
    let mut computed_reasons: Vec<String> = Vec::new();
    let mut watermelon = false;
    let mut capacity_rows: Vec<Value> = Vec::new();
    let mut chart: Option<String> = None;
    let mut date_history: Value = Value::none();
    let opt_fact = |facts: &mut Vec<Value>, label: &str, v: &Option<String>| {
        if let Some(v) = v {
            facts.push(fact(label, v.clone()));
        }
    };
    match m.kind {
        Kind::Outcome => {
            let o = &r.outcomes[idx];
            item = cx.raw(o);
            facts.push(fact("Owner", o.owner.clone()));
            opt_fact(&mut facts, "Category", &o.category);
            opt_fact(
                &mut facts,
                "Horizon",
                &o.horizon.as_ref().map(|d| d.written.clone()),
            );
            facts.push(fact_links("KPIs", cx.links(&o.kpis, &root)));
            opt_fact(&mut facts, "Description", &o.description);
            if let Some(roll) = cx.facts.outcomes.get(&o.meta.id) {
                facts.push(fact_badge(
                    "Roll-up (computed)",
                    roll.state.label(),
                    format!("health-{}", roll.state.colour()),
                ));
                if !roll.reasons.is_empty() {
                    facts.push(fact("Why", roll.reasons.join("; ")));
                }
                if let Some(h) = roll.health {
                    facts.push(fact_badge(
                        "Worst computed health of its work",
                        h.as_str(),
                        format!("health-{}", h.as_str()),
                    ));
                }
                facts.push(fact(
                    "Milestones of its live work",
                    format!(
                        "{} done, {} late, of {}",
                        roll.milestones_done, roll.milestones_late, roll.milestones_total
                    ),
                ));
                if let Some(end) = roll.latest_end {
                    let against = match roll.horizon {
                        Some(h) if end > h => format!(
                            " — {} after the horizon",
                            crate::words::days(crate::analysis::days_between(h, end))
                        ),
                        Some(_) => " — within the horizon".to_string(),
                        None => String::new(),
                    };
                    facts.push(fact(
                        "Its live work ends",
                        format!("{}{against}", crate::parse::date::iso(end)),
                    ));
                }
                if !roll.beyond_horizon.is_empty() {
                    let links: Vec<Value> = roll
                        .beyond_horizon
                        .iter()
                        .map(|b| {
                            let (title, url) = r
                                .link_target(&b.id)
                                .map(|(t, u)| (t.to_string(), Some(format!("{root}{u}"))))
                                .unwrap_or_else(|| (b.id.clone(), None));
                            tv!({ "text": format!("{title} ({})", crate::parse::date::iso(b.date)), "url": url })
                        })
                        .collect();
                    facts.push(fact_links("Ends after the horizon", links));
                }
                facts.push(fact(
                    "KPIs on target",
                    format!("{} of {}", roll.kpis_on_target(), roll.kpis.len()),
                ));
            }
            let served = r
                .backlinks_of(&o.meta.id)
                .iter()
                .filter(|b| b.relation == "Served by")
                .count();
            description = format!(
                "{} — {} outcome owned by {}, served by {}{}",
                o.meta.title,
                o.category.clone().unwrap_or_default(),
                o.owner,
                count(served, "initiative", "initiatives"),
                cx.facts
                    .outcomes
                    .get(&o.meta.id)
                    .map(|roll| format!(", {} by its roll-up", roll.state.label()))
                    .unwrap_or_default()
            );
        }
        Kind::Initiative => {
            let i = &r.initiatives[idx];
            if let Some(h) = cx.history {
                let rows: Vec<Value> = i
                    .milestones
                    .iter()
                    .filter_map(|m| {
                        let dates = h.dates.get(&m.gid)?;
                        let changed = dates.iter().flatten().collect::<std::collections::BTreeSet<_>>().len() > 1;
                        Some(tv!({ "title": m.title, "anchor": format!("m-{}", m.id), "dates": dates, "changed": changed }))
                    })
                    .collect();
                let columns: Vec<&str> = h.points.iter().map(|(n, _)| n.as_str()).collect();
                date_history = tv!({ "columns": columns, "rows": rows });
            }
            item = cx.raw(i);
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
            if let Some(c) = cx.facts.health.get(&i.meta.id) {
                let h = c.health.as_str();
                facts.push(fact_badge("Computed health", h, format!("health-{h}")));
                computed_reasons = c.reasons.clone();
                watermelon = cx.facts.is_watermelon(i);
            }
            if let Some(p) = cx.facts.progress.get(&i.meta.id) {
                facts.push(fact(
                    "Progress",
                    format!(
                        "{} of {} done, {} late",
                        p.done,
                        count(p.total, "milestone", "milestones"),
                        p.late
                    ),
                ));
            }
            let today = cx.config.today.day;
            let overdue: Vec<&crate::model::Milestone> = i
                .milestones
                .iter()
                .filter(|m| m.done.is_none() && m.due.day < today)
                .collect();
            if let Some(first) = overdue.iter().min_by_key(|m| (m.due.day, m.id.as_str())) {
                // The earliest open milestone is late: it is not "next".
                facts.push(tv!({ "label": "Overdue", "links": [{ "text": format!("{} (due {}, {} overdue){}", first.title, first.due.written, crate::words::days(crate::analysis::days_between(first.due.day, today)), if overdue.len() > 1 { format!(" and {} more", overdue.len() - 1) } else { String::new() }), "url": format!("#m-{}", first.id) }] }));
            }
            if let Some(n) = i
                .milestones
                .iter()
                .filter(|m| m.done.is_none() && m.due.day >= today)
                .min_by_key(|m| (m.due.day, m.id.as_str()))
            {
                facts.push(tv!({ "label": "Next milestone", "links": [{ "text": format!("{} ({})", n.title, n.due.written), "url": format!("#m-{}", n.id) }] }));
            }
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
                    .map(|(t, d)| {
                        let team = r.get(t).map(|m| m.title.as_str()).unwrap_or(t);
                        format!("{team}: {} person-days", fmt_num(*d))
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                facts.push(fact("Effort", text));
            }
            if let Some(d) = cx.facts.dates.get(&i.meta.id) {
                let show = |written: &Option<crate::parse::date::Date>,
                            day: Option<jiff::civil::Date>,
                            derived: bool| {
                    written.as_ref().map(|w| w.written.clone()).or_else(|| {
                        day.map(|d| format!("{} (from milestones)", crate::parse::date::iso(d)))
                            .filter(|_| derived)
                    })
                };
                opt_fact(
                    &mut facts,
                    "Start",
                    &show(&i.start, d.start, d.start_derived),
                );
                opt_fact(&mut facts, "End", &show(&i.end, d.end, d.end_derived));
            }
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
            let today = cx.config.today.day;
            let open = || i.milestones.iter().filter(|ms| ms.done.is_none());
            let overdue = open().filter(|ms| ms.due.day < today).count();
            // "Next due" names a date still ahead; what is past it is said
            // as overdue first.
            let next = format!(
                "{}{}",
                if overdue > 0 {
                    format!(", {} overdue", count(overdue, "milestone", "milestones"))
                } else {
                    String::new()
                },
                open()
                    .filter(|ms| ms.due.day >= today)
                    .min_by_key(|ms| ms.due.day)
                    .map(|ms| format!(", next due {}", ms.due.written))
                    .unwrap_or_default()
            );
            description = format!(
                "{} — {}, {}, {done} of {} done{next}",
                i.meta.title,
                i.status,
                health,
                count(i.milestones.len(), "milestone", "milestones")
            );
        }
        Kind::Kpi => {
            let k = &r.kpis[idx];
            chart = Some(charts::kpi_chart(r, k, cx.config.roadmap.fiscal_year_start));
            item = cx.raw(k);
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
                if let Some(stale) = s.stale {
                    facts.push(fact_badge(
                        "Stale",
                        &format!(
                            "no value for {}; measured about every {}",
                            crate::words::days(stale.days),
                            crate::words::days(stale.every)
                        ),
                        "warn".into(),
                    ));
                }
            }
            opt_fact(&mut facts, "Data file", &k.data_file);
            data = k.data.iter().map(|p| tv!({ "date": p.date.written, "value": fmt_num(p.value), "target": p.target.or_else(|| k.target_at(p.date.day)).map(fmt_num) })).collect();
            description = format!(
                "{} — latest {} {unit}, target {}",
                k.meta.title,
                s.latest.map(fmt_num).unwrap_or_else(|| "n/a".into()),
                s.target.map(fmt_num).unwrap_or_else(|| "n/a".into())
            );
        }
        Kind::Team => {
            let t = &r.teams[idx];
            item = cx.raw(t);
            if let Some(load) = cx.facts.capacity.iter().find(|l| l.team == t.meta.id) {
                capacity_rows = team_quarters(&load.quarters, r, &root);
                if !load.quarters.is_empty() {
                    chart = Some(crate::charts::capacity::capacity(
                        &t.meta.title,
                        &load.quarters,
                    ));
                }
            }
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
            item = cx.raw(c);
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
            item = cx.raw(c);
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
            item = cx.raw(v);
            facts.push(fact("Date", v.date.written.clone()));
            facts.push(fact("Kind", v.kind.clone()));
            if !v.attendees.is_empty() {
                facts.push(fact("Attendees", v.attendees.join(", ")));
            }
            description = format!(
                "{} — {} review on {}, {}",
                v.meta.title,
                v.kind,
                v.date.written,
                count(v.decisions.len(), "decision", "decisions")
            );
        }
        Kind::Page => {
            let p = &r.pages[idx];
            item = cx.raw(p);
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
                link = value::with(link, "note", tv!(suffix));
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
        .map(|(relation, items)| tv!({ "relation": relation, "items": items }))
        .collect();
    let section = format!("{}/index.html", m.kind.dir());
    merge(
        cx.base(&m.url, &m.title, &description, &section),
        tv!({
            "kind": m.kind.name(),
            "kind_title": m.kind.singular_title(),
            "kind_plural": m.kind.plural_title(),
            "trace_url": trace_url(r, m, &root),
            "computed_reasons": computed_reasons,
            "watermelon": watermelon,
            "capacity": capacity_rows,
            "chart": chart,
            "date_history": date_history,
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
            "extra": cx.raw(&m.extra),
        }),
    )
}

/// A fragment-safe form of a free word (categories, layers).
pub fn slug_of(s: &str) -> String {
    slug(s)
}

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
    let computed = cx.facts.health.get(id).map(|c| c.health.as_str());
    Some(tv!({
        "id": id,
        "text": i.meta.title,
        "url": format!("{root}{}", i.meta.url),
        "status": i.status,
        "health": health,
        "computed": computed,
        "owner": i.owner,
        "total": p.total,
        "done": p.done,
        "late": p.late,
    }))
}

/// Outcomes are collapsed when there are so many that one open page would
/// be a wall; each stays one click away and printable.
const OPEN_OUTCOMES_UP_TO: usize = 40;

fn traceability_page(cx: &Ctx) -> tera::Context {
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
                    Some(tv!({
                        "id": o.id,
                        "text": outcome.title,
                        "url": outcome.url,
                        "owner": full.owner,
                        "horizon": full.horizon.as_ref().map(|d| d.written.clone()),
                        "kpis": cx.links(&full.kpis, root),
                        "initiatives": rows,
                        "live": o.live,
                        "rollup": cx.facts.outcomes.get(&o.id).map(|roll| rollup_json(cx, roll, root)),
                    }))
                })
                .collect();
            tv!({ "category": g.category, "slug": slug(&g.category), "outcomes": outcomes })
        })
        .collect();
    let ratio = |x: crate::analysis::traceability::Ratio| tv!({ "part": x.part, "whole": x.whole, "percent": x.percent().map(|p| format!("{p}%")) });
    let backlog: Vec<Value> = t
        .backlog
        .iter()
        .filter_map(|b| {
            let row = initiative_row(cx, &b.id, root)?;
            Some(value::with(row, "reason", tv!(b.reason)))
        })
        .collect();
    let gaps: Vec<Value> = t
        .unaddressed_gaps
        .iter()
        .filter_map(|id| {
            let c = &r.capabilities[r.index.get(id)?.index];
            Some(tv!({ "text": c.meta.title, "url": c.meta.url, "current": c.current, "target": c.target }))
        })
        .collect();
    let description = format!(
        "{} of {} traced to an outcome; {} of {} served by live work; {} in backlog",
        t.initiatives_traced.part,
        count(t.initiatives_traced.whole, "initiative", "initiatives"),
        t.outcomes_served.part,
        count(t.outcomes_served.whole, "outcome", "outcomes"),
        t.backlog.len()
    );
    merge(
        cx.base(
            "traceability.html",
            "Traceability",
            &description,
            "traceability.html",
        ),
        tv!({
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

fn findings_page(cx: &Ctx) -> tera::Context {
    let root = "";
    let by_path: std::collections::HashMap<&str, &Meta> =
        cx.r.all_meta().map(|m| (m.path.as_str(), m)).collect();
    let row = |d: &crate::diag::Diagnostic| {
        let item = by_path.get(d.path.as_str());
        let location = match d.span {
            Some(s) if s.line > 0 => format!("{}:{}:{}", d.path, s.line, s.col),
            _ => d.path.clone(),
        };
        tv!({
            "level": d.severity.as_str(),
            "weight": d.weight.as_str(),
            "code": d.code,
            "rule": d.rule,
            "location": location,
            "message": d.message,
            "help": d.help,
            "item": item.map(|m| tv!({ "text": m.title, "url": format!("{root}{}", m.url) })),
        })
    };
    // The check sorted the findings by group: the page reads most
    // important first, whatever the paths.
    let groups: Vec<Value> = crate::diag::groups(&cx.info.findings)
        .into_iter()
        .map(|(group, found)| {
            tv!({
                "key": group.key(),
                "heading": group.heading(found.len()),
                "about": group_about(group),
                "count": found.len(),
                "findings": found.into_iter().map(&row).collect::<Vec<_>>(),
            })
        })
        .collect();
    let rows: Vec<Value> = cx.info.findings.iter().map(&row).collect();
    let description = format!(
        "{} and {} from the roadmap check",
        count(cx.info.errors, "error", "errors"),
        count(cx.info.warnings, "warning", "warnings")
    );
    merge(
        cx.base("findings.html", "Findings", &description, "findings.html"),
        tv!({ "groups": groups, "findings": rows, "errors": cx.info.errors, "warnings": cx.info.warnings }),
    )
}

/// What a group of findings asks of its reader, under its heading.
fn group_about(group: crate::diag::Group) -> &'static str {
    use crate::diag::{Group, Weight};
    match group {
        Group::Errors => "At error level: a build of the working tree stops on these until they are fixed.",
        Group::Warnings(Weight::Decision) => {
            "The plan no longer holds, or is reported better than it is: someone accountable has to re-plan, approve a change or report the truth."
        }
        Group::Warnings(Weight::Risk) => {
            "Delivery is at risk if nobody acts: overload, conflicting dependencies, stale figures, governance falling behind."
        }
        Group::Warnings(Weight::Hygiene) | Group::Warnings(Weight::Broken) => {
            "The record is incomplete or untidy; the plan itself is not in question."
        }
    }
}

fn team_quarters(
    q: &[crate::analysis::capacity::QuarterLoad],
    r: &Roadmap,
    root: &str,
) -> Vec<Value> {
    q.iter()
        .map(|q| {
            let items: Vec<Value> = q
                .by_initiative
                .iter()
                .map(|(id, d)| {
                    let (text, url) = r.link_target(id).unwrap_or((id.clone(), String::new()));
                    tv!({ "text": text, "url": format!("{root}{url}"), "days": fmt_num((d * 10.0).round() / 10.0) })
                })
                .collect();
            tv!({
                "quarter": q.quarter,
                "capacity": fmt_num(q.capacity),
                "ops_load": pct(q.ops_load),
                "ops_days": fmt_num((q.ops_days * 10.0).round() / 10.0),
                "committed": fmt_num((q.committed * 10.0).round() / 10.0),
                "remaining": fmt_num((q.remaining * 10.0).round() / 10.0),
                "utilisation": pct_opt(q.utilisation),
                "over": q.overcommitted(),
                "items": items,
            })
        })
        .collect()
}

fn capacity_page(cx: &Ctx) -> tera::Context {
    let r = cx.r;
    let root = "";
    let teams: Vec<Value> = cx
        .facts
        .capacity
        .iter()
        .filter_map(|t| {
            let m = r.get(&t.team)?;
            let over = t.quarters.iter().filter(|q| q.overcommitted()).count();
            let chart = (!t.quarters.is_empty()).then(|| crate::charts::capacity::capacity(&m.title, &t.quarters));
            Some(tv!({ "id": t.team, "text": m.title, "url": m.url, "over": over, "quarters": team_quarters(&t.quarters, r, root), "chart": chart }))
        })
        .collect();
    let over_teams = cx
        .facts
        .capacity
        .iter()
        .filter(|t| t.quarters.iter().any(|q| q.overcommitted()))
        .count();
    let description = format!(
        "{over_teams} of {} overcommitted in at least one quarter",
        count(cx.facts.capacity.len(), "team", "teams")
    );
    merge(
        cx.base("capacity.html", "Capacity", &description, "capacity.html"),
        tv!({
            "teams": teams,
            "quarters": cx.facts.capacity.first().map(|t| t.quarters.iter().map(|q| q.quarter.clone()).collect::<Vec<_>>()).unwrap_or_default(),
            "statuses": crate::analysis::capacity::COMMITTED_STATUSES.join(" and "),
        }),
    )
}

fn dependencies_page(cx: &Ctx) -> tera::Context {
    let r = cx.r;
    let root = "";
    let f = cx.facts;
    let layer_of = |id: &str| {
        r.initiative(id)
            .or_else(|| r.milestone(id).and_then(|m| r.initiative(&m.initiative)))
            .and_then(|i| i.layer.clone())
            .unwrap_or_default()
    };
    let links: Vec<Value> = f
        .dependencies
        .links
        .iter()
        .map(|l| {
            tv!({
                "from": cx.link(&l.from, root),
                "from_layer": layer_of(&l.from),
                "to": cx.link(&l.to, root),
                "to_layer": layer_of(&l.to),
                "needed_by": l.needed_by.map(crate::parse::date::iso),
                "ready_by": l.ready_by.map(crate::parse::date::iso),
                "conflict_days": l.conflict_days,
                "blocked": l.blocked,
            })
        })
        .collect();
    let cycles: Vec<Value> = f
        .cycles
        .iter()
        .map(|c| tv!(c.iter().map(|id| cx.link(id, root)).collect::<Vec<_>>()))
        .collect();
    let critical: Vec<Value> = f
        .dependencies
        .critical_path
        .iter()
        .filter_map(|id| {
            let d = f.dates.get(id)?;
            let l = cx.link(id, root);
            let l = value::with(l, "start", tv!(d.start.map(crate::parse::date::iso)));
            Some(value::with(
                l,
                "end",
                tv!(d.end.map(crate::parse::date::iso)),
            ))
        })
        .collect();
    let conflicts = f
        .dependencies
        .links
        .iter()
        .filter(|l| l.conflict_days.is_some())
        .count();
    let blocked = f
        .dependencies
        .links
        .iter()
        .filter(|l| l.blocked.is_some())
        .count();
    let description = format!(
        "{}: {}, {blocked} blocked, {}",
        count(f.dependencies.links.len(), "dependency", "dependencies"),
        count(conflicts, "conflict", "conflicts"),
        count(f.cycles.len(), "cycle", "cycles")
    );
    merge(
        cx.base(
            "dependencies.html",
            "Dependencies",
            &description,
            "dependencies.html",
        ),
        tv!({
            "links": links,
            "cycles": cycles,
            "critical": critical,
            "conflicts": conflicts,
            "blocked": blocked,
            "chart": (!f.dependencies.links.is_empty()).then(|| charts::dependency_graph(r, f, root)),
        }),
    )
}

fn governance_page(cx: &Ctx) -> tera::Context {
    let r = cx.r;
    let root = "";
    let g = &cx.facts.governance;
    let stale: std::collections::HashMap<&str, i64> = g
        .stale_changes
        .iter()
        .map(|(id, d)| (id.as_str(), *d))
        .collect();
    let mut groups: Vec<Value> = Vec::new();
    for status in ["proposed", "approved", "rejected"] {
        let items: Vec<Value> = r
            .changes
            .iter()
            .rev()
            .filter(|c| c.status == status)
            .map(|c| {
                tv!({
                    "text": c.meta.title,
                    "url": c.meta.url,
                    "date": c.date.written,
                    "decided": c.decided.as_ref().map(|d| d.written.clone()),
                    "decided_by": c.decided_by,
                    "requested_by": c.requested_by,
                    "affects": cx.links(&c.affects, root),
                    "waiting": stale.get(c.meta.id.as_str()),
                })
            })
            .collect();
        groups.push(tv!({ "status": status, "items": items }));
    }
    let cadence: Vec<Value> = g
        .cadence
        .iter()
        .map(|c| {
            tv!({
                "kind": c.kind,
                "required": c.required_days,
                "last": c.last.as_ref().map(|(id, _)| cx.link(id, root)),
                "last_date": c.last.as_ref().map(|(_, d)| crate::parse::date::iso(*d)),
                "days_since": c.days_since,
                "lapsed": c.lapsed,
            })
        })
        .collect();
    let reviews: Vec<Value> = r
        .reviews
        .iter()
        .rev()
        .map(|v| tv!({ "text": v.meta.title, "url": v.meta.url, "date": v.date.written, "kind": v.kind, "decisions": v.decisions }))
        .collect();
    let lapsed = g.cadence.iter().filter(|c| c.lapsed).count();
    let description = format!(
        "{} ({} waiting over 30 days), {}, {} lapsed",
        count(r.changes.len(), "change request", "change requests"),
        g.stale_changes.len(),
        count(r.reviews.len(), "review", "reviews"),
        count(lapsed, "review cadence", "review cadences")
    );
    merge(
        cx.base(
            "governance.html",
            "Governance",
            &description,
            "governance.html",
        ),
        tv!({ "groups": groups, "cadence": cadence, "reviews": reviews }),
    )
}

fn metrics_page(cx: &Ctx) -> tera::Context {
    let m = &cx.facts.metrics;
    let quarters: Vec<Value> = m
        .per_quarter
        .iter()
        .map(|q| {
            tv!({
                "quarter": q.quarter, "due": q.due, "on_time": q.on_time, "late": q.late, "overdue": q.overdue,
                "rate": pct_opt(q.on_time_rate),
                "lateness": q.lateness.map(|l| l.text()),
            })
        })
        .collect();
    let cycle: Vec<Value> = m
        .cycle_times
        .iter()
        .map(|(id, d)| value::with(cx.link(id, ""), "days", tv!(d)))
        .collect();
    let util: Vec<Value> = m
        .utilisation
        .iter()
        .map(|u| tv!({ "quarter": u.quarter, "capacity": fmt_num(u.capacity), "used": fmt_num(u.used.round()), "rate": pct_opt(u.rate) }))
        .collect();
    let description = format!(
        "on-time completion {} ({} of {} due so far), lateness of late milestones {}, average initiative cycle time {}",
        m.on_time_rate.map(pct).unwrap_or_else(|| "n/a".into()),
        m.on_time,
        m.due,
        m.lateness
            .map(|l| l.text())
            .unwrap_or_else(|| "n/a".into()),
        m.avg_cycle_time_days
            .map(|d| format!("{d:.0} days"))
            .unwrap_or_else(|| "n/a".into())
    );
    merge(
        cx.base(
            "metrics.html",
            "Delivery metrics",
            &description,
            "metrics.html",
        ),
        tv!({
            "metrics": {
                "quarters": quarters,
                "due": m.due,
                "on_time": m.on_time,
                "rate": pct_opt(m.on_time_rate),
                "lateness": m.lateness.map(|l| l.text()),
                "on_time_definition": crate::analysis::metrics::ON_TIME_DEFINITION,
                "lateness_definition": crate::analysis::metrics::LATENESS_DEFINITION,
                "cycle": cycle,
                "cycle_avg": m.avg_cycle_time_days.map(|d| format!("{d:.0}")),
                "utilisation": util,
            },
            "charts": delivery_charts(m),
            "promise": cx.history.and_then(|h| h.promise_keeping_rate()).map(pct),
            "promises": cx.history.map(|h| tv!({ "kept": h.promises.0, "done": h.promises.1 })),
            "health_rules": crate::analysis::schedule::HEALTH_RULES
                .iter()
                .map(|(h, when)| tv!({ "health": h, "when": when }))
                .collect::<Vec<_>>(),
        }),
    )
}

fn timeline_page(cx: &Ctx, by_team: bool) -> tera::Context {
    let root = "";
    let fy = cx.config.roadmap.fiscal_year_start;
    let today = cx.config.today.day;
    let lanes = charts::lanes(cx.r, cx.facts, cx.history, root, by_team);
    let svgs = charts::timeline_charts(&lanes, today, fy);
    let lanes_json: Vec<Value> = lanes
        .iter()
        .zip(svgs)
        .map(|(lane, chart)| {
            let rows: Vec<Value> = lane
                .rows
                .iter()
                .map(|row| {
                    let ms: Vec<Value> = row
                        .markers
                        .iter()
                        .map(|m| {
                            tv!({
                                "title": m.title,
                                "url": m.url,
                                "due": crate::parse::date::iso(m.due),
                                "state": m.state.key(),
                                "gate": m.gate,
                                "baseline": m.baseline.map(crate::parse::date::iso),
                                "slip_unapproved": m.slip_unapproved && m.baseline.is_some_and(|b| b != m.due),
                                "slip_unack": m.slip_unapproved && m.baseline.is_some_and(|b| b != m.due),
                                "slip_days": m.baseline.map(|b| crate::analysis::days_between(b, m.due)).filter(|d| *d > 0),
                            })
                        })
                        .collect();
                    tv!({
                        "title": row.title,
                        "url": row.url,
                        "start": crate::parse::date::iso(row.start),
                        "end": crate::parse::date::iso(row.end),
                        "computed": row.note,
                        "milestones": ms,
                    })
                })
                .collect();
            tv!({ "name": lane.name, "slug": slug(&lane.name), "chart": chart, "rows": rows })
        })
        .collect();
    let rows: usize = lanes.iter().map(|l| l.rows.len()).sum();
    let (path, title) = if by_team {
        ("timeline-by-team.html", "Timeline by team")
    } else {
        ("timeline.html", "Timeline")
    };
    let description = format!(
        "{} in {}, with their milestones, as of {}",
        count(rows, "live initiative", "live initiatives"),
        if by_team {
            count(lanes.len(), "team", "teams")
        } else {
            count(lanes.len(), "layer", "layers")
        },
        cx.config.today.written
    );
    merge(
        cx.base(path, title, &description, "timeline.html"),
        tv!({ "lanes": lanes_json, "by_team": by_team }),
    )
}

fn delivery_charts(m: &crate::analysis::metrics::Metrics) -> Vec<Value> {
    if m.per_quarter.is_empty() {
        return Vec::new();
    }
    let labels: Vec<String> = m.per_quarter.iter().map(|q| q.quarter.clone()).collect();
    let rates: Vec<Option<f64>> = m
        .per_quarter
        .iter()
        .map(|q| q.on_time_rate.map(|r| r * 100.0))
        .collect();
    let lateness: Vec<Option<f64>> = m
        .per_quarter
        .iter()
        .map(|q| q.lateness.map(|l| l.median_days))
        .collect();
    [
        ("On-time completion rate", "%", rates, Some(100.0), (0x1e, 0x7b, 0x3a)),
        ("Median lateness of milestones done late (days)", "", lateness, None, (0x8a, 0x5a, 0x00)),
    ]
    .into_iter()
    .map(|(title, unit, values, max, colour)| {
        tv!({ "title": title, "svg": crate::charts::delivery::bars(title, unit, &labels, &values, max, colour) })
    })
    .collect()
}

/// The brief is one file: every link inside it is an `#anchor`, or, when
/// `base-url` is set, an absolute link back to the site.
fn brief(cx: &Ctx) -> tera::Context {
    /// The brief is read away from the site: its links go to the published
    /// site, or nowhere when there is no base URL.
    fn rewrite(v: &Value, base: &str) -> Value {
        if let Some(map) = v.as_map() {
            let mut out = tera::Map::with_capacity(map.len());
            for (k, val) in map {
                let new = if k.as_str() == Some("url") {
                    match val.as_str() {
                        Some(u) if !base.is_empty() && !u.is_empty() => tv!(format!("{base}/{u}")),
                        _ => Value::none(),
                    }
                } else {
                    rewrite(val, base)
                };
                out.insert(k.clone(), new);
            }
            Value::from(out)
        } else if let Some(items) = v.as_array() {
            Value::from(items.iter().map(|i| rewrite(i, base)).collect::<Vec<_>>())
        } else {
            v.clone()
        }
    }
    let base = cx.config.build.base_url.trim_end_matches('/');
    let (description, dash) = dashboard_data(cx);
    let mut ctx = merge(
        cx.base(
            "index.html",
            &cx.config.book.title,
            &description,
            "index.html",
        ),
        tv!({ "dash": rewrite(&dash, base) }),
    );
    let canonical = if base.is_empty() {
        Value::none()
    } else {
        tv!(format!("{base}/index.html"))
    };
    ctx.insert_value("canonical", canonical);
    ctx
}

fn versions_page(cx: &Ctx) -> tera::Context {
    let rows: Vec<Value> = cx
        .version
        .all
        .iter()
        .map(|v| tv!({ "name": v.name, "today": v.today, "url": format!("{}index.html", v.prefix), "pages": v.pages.len() }))
        .collect();
    let description = format!(
        "{} of {}: the working tree and every archived snapshot",
        count(rows.len(), "version", "versions"),
        cx.config.book.title
    );
    let diffs: Vec<Value> = cx
        .history
        .map(|h| h.diffs.iter().rev().map(|d| diff_summary(d, "")).collect())
        .unwrap_or_default();
    let promise = cx.history.and_then(|h| h.promise_keeping_rate()).map(pct);
    merge(
        cx.base("versions.html", "Versions", &description, "versions.html"),
        tv!({ "rows": rows, "diffs": diffs, "promise": promise }),
    )
}

fn diff_path(d: &crate::history::Diff) -> String {
    format!("history/{}.html", d.slug())
}

/// The counts of a diff, for lists of diffs.
fn diff_summary(d: &crate::history::Diff, root: &str) -> Value {
    tv!({
        "from": d.from,
        "to": d.to,
        "from_today": crate::parse::date::iso(d.from_today),
        "to_today": crate::parse::date::iso(d.to_today),
        "url": format!("{root}{}", diff_path(d)),
        "moved": d.moved.len(),
        "slipped": d.moved.iter().filter(|m| m.days > 0).count(),
        "scope": d.scope.len(),
        "latent": d.latent.len(),
        "completed": d.completed.len(),
        "on_time": d.on_time(),
        "newly_overdue": d.newly_overdue.len(),
        "title": d.title(),
    })
}

/// A diff cut to `rows` entries per list (the dashboard and the brief link
/// to the full diff page), with the full counts.
fn diff_json_limited(cx: &Ctx, d: &crate::history::Diff, root: &str, rows: usize) -> Value {
    let cut = crate::history::Diff {
        moved: d.moved.iter().take(rows).cloned().collect(),
        added: d.added.iter().take(rows).cloned().collect(),
        removed: d.removed.iter().take(rows).cloned().collect(),
        scope: d.scope.iter().take(rows).cloned().collect(),
        latent: d.latent.iter().take(rows).cloned().collect(),
        status: d.status.iter().take(rows).cloned().collect(),
        health: d.health.iter().take(rows).cloned().collect(),
        kpis: d.kpis.iter().take(rows).cloned().collect(),
        completed: d.completed.iter().take(rows).cloned().collect(),
        newly_overdue: d.newly_overdue.iter().take(rows).cloned().collect(),
        ..d.clone()
    };
    value::with(diff_json(cx, &cut, root), "counts", diff_summary(d, root))
}

/// A slip that needs a decision and has none: the milestone, how far it
/// moved, and since when nobody decided.
fn unapproved_row(cx: &Ctx, s: &crate::history::Slip, root: &str) -> Value {
    let since = s.unacknowledged.first().map(|m| match &m.after {
        Some(snapshot) => format!("after snapshot {snapshot}"),
        None => "from its baseline".to_string(),
    });
    tv!({
        "item": cx.link(&s.gid, root),
        "initiative": cx.link(&s.initiative, root),
        "days": s.days,
        "baseline": crate::parse::date::iso(s.baseline),
        "due": crate::parse::date::iso(s.due),
        "since": since.unwrap_or_else(|| "with no approval".to_string()),
    })
}

fn scope_what(kind: &crate::history::ScopeKind) -> String {
    match kind {
        crate::history::ScopeKind::MilestoneAdded => "milestone added".to_string(),
        crate::history::ScopeKind::MilestoneRemoved => "milestone removed".to_string(),
        crate::history::ScopeKind::CriterionAdded { criterion } => {
            format!("criterion added: “{criterion}”")
        }
    }
}

fn scope_row(cx: &Ctx, sc: &crate::history::ScopeChange, root: &str) -> Value {
    tv!({
        "item": cx.link(&sc.gid, root),
        "initiative": cx.link(&sc.initiative, root),
        "what": scope_what(&sc.kind),
        "after": sc.after,
        "acknowledged": sc.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
    })
}

fn latent_row(cx: &Ctx, l: &crate::history::Latent, root: &str) -> Value {
    tv!({
        "dependent": cx.link(&l.dependent, root),
        "dependency": cx.link(&l.dependency, root),
        "days": l.days,
        "after": l.after,
        "acknowledged": l.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
    })
}

/// A diff as page data; links are relative to `root`.
fn diff_json(cx: &Ctx, d: &crate::history::Diff, root: &str) -> Value {
    let moved: Vec<Value> = d
        .moved
        .iter()
        .map(|m| {
            tv!({
                "item": cx.link(&m.gid, root),
                "from": m.from,
                "to": m.to,
                "days": m.days,
                "later": m.days > 0,
                "acknowledged": m.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
                "unacknowledged": m.needs_ack && m.acknowledged_by.is_none(),
            })
        })
        .collect();
    let scope: Vec<Value> = d.scope.iter().map(|sc| scope_row(cx, sc, root)).collect();
    let latent: Vec<Value> = d.latent.iter().map(|l| latent_row(cx, l, root)).collect();
    let completed: Vec<Value> = d
        .completed
        .iter()
        .map(|c| tv!({ "item": cx.link(&c.gid, root), "done": c.done, "due": c.due, "days_late": c.days_late }))
        .collect();
    let newly_overdue: Vec<Value> = d
        .newly_overdue
        .iter()
        .map(|o| tv!({ "item": cx.link(&o.gid, root), "due": o.due, "days": o.days }))
        .collect();
    let changes = |list: &[crate::history::Change]| -> Vec<Value> {
        list.iter()
            .map(|c| tv!({ "item": cx.link(&c.id, root), "from": c.from, "to": c.to }))
            .collect()
    };
    let f = |v: Option<f64>| v.map(crate::charts::n).unwrap_or_else(|| "—".into());
    let kpis: Vec<Value> = d
        .kpis
        .iter()
        .map(|k| tv!({ "item": cx.link(&k.id, root), "from": f(k.from), "to": f(k.to) }))
        .collect();
    tv!({
        "from": d.from,
        "to": d.to,
        "from_today": crate::parse::date::iso(d.from_today),
        "to_today": crate::parse::date::iso(d.to_today),
        "url": format!("{root}{}", diff_path(d)),
        "moved": moved,
        "slipped": d.moved.iter().filter(|m| m.days > 0).count(),
        "added": cx.links(&d.added, root),
        "removed": d.removed,
        "scope": scope,
        "latent": latent,
        "status": changes(&d.status),
        "health": changes(&d.health),
        "kpis": kpis,
        "completed": completed,
        "newly_overdue": newly_overdue,
        "title": d.title(),
        "empty": d.is_empty(),
    })
}

fn diff_page(cx: &Ctx, d: &crate::history::Diff) -> (String, tera::Context) {
    let path = diff_path(d);
    let root = root_of(&path);
    let data = diff_json(cx, d, &root);
    let description = format!(
        "{} moved ({} later), {}, {}, {} added, {} removed",
        count(d.moved.len(), "milestone", "milestones"),
        d.moved.iter().filter(|m| m.days > 0).count(),
        count(d.scope.len(), "scope change", "scope changes"),
        count(d.latent.len(), "latent slip", "latent slips"),
        count(d.added.len(), "item", "items"),
        d.removed.len()
    );
    let title = format!("Changes from {} to {}", d.from, d.to);
    (
        path.clone(),
        merge(
            cx.base(&path, &title, &description, "versions.html"),
            tv!({ "diff": data }),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_reads_the_raw_item_only_when_it_names_it() {
        assert!(names_variable("{{ item.owner }}", "item"));
        assert!(names_variable("{% for k, v in extra %}", "extra"));
        assert!(names_variable("{{ item }}", "item"));
        assert!(!names_variable(
            "{% for i in items %}{{ m.item.text }}",
            "item"
        ));
        assert!(!names_variable("{{ nav_item }} {{ extras }}", "item"));
        for (name, text) in theme::DEFAULT.iter().filter(|(p, _)| p.ends_with(".html")) {
            assert!(
                !names_variable(text, "item") && !names_variable(text, "extra"),
                "{name} reads the raw item: pages now serialise every item"
            );
        }
    }

    #[test]
    fn escaping_writes_what_teras_own_does() {
        for input in [
            "",
            "plain",
            "<script>alert('x') & \"y\"</script>",
            "&&<<>>",
            "tail &",
            "é — ünïcode <b>",
        ] {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            escape_html(input, &mut ours).unwrap();
            tera::escape_html(input, &mut teras).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(teras).unwrap()
            );
        }
    }

    #[test]
    fn root_prefix_per_depth() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("initiatives/a.html"), "../");
        assert_eq!(root_of("pages/guides/x.html"), "../../");
    }
}
