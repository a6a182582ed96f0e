//! An item's own page. Each kind shows different facts, so each has its own
//! builder; what every item page shares (backlinks, body, place in the
//! traceability matrix) is done once, around them.

use super::capacity::team_quarters;
use super::list_path;
use crate::model::{Kind, Meta, Roadmap};
use crate::render::context::{
    fact, fact_badge, fact_links, fmt_num, merge, milestone_row, per_quarter_text, Ctx,
};
use crate::render::value::{self, Value};
use crate::render::{charts, root_of};
use crate::tv;
use crate::words::count;
use std::collections::BTreeMap;

pub(super) fn item_page(cx: &Ctx, m: &Meta) -> tera::Context {
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
    let section = list_path(m.kind);
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
