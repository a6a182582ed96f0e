//! The traceability matrix: why each piece of work exists, outcome by
//! outcome, and what serves nothing. Only this page groups work by outcome,
//! so its row shape lives here.

use super::PageSpec;
use crate::render::context::{merge, rollup_json, Ctx};
use crate::render::slug;
use crate::render::value::{self, Value};
use crate::tv;
use crate::words::count;

fn initiative_row(cx: &Ctx, id: &str, root: &str) -> Option<Value> {
    let i = cx.r.initiative(id)?;
    let p = cx.facts.progress.get(id).copied().unwrap_or_default();
    let health = i.health.map_or("unreported", |h| h.as_str());
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

pub(super) fn traceability_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
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
                    let full = &r.outcomes[r.item_ref(&o.id)?.index];
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
                        "horizon": full.horizon.as_ref().map(|d| d.written.to_string()),
                        "kpis": cx.links(&full.kpis, root),
                        "initiatives": rows,
                        "live": o.live,
                        "rollup": cx.facts.outcomes.get(&o.id).map(|roll| rollup_json(cx, roll, root, usize::MAX)),
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
            let c = &r.capabilities[r.item_ref(id)?.index];
            Some(tv!({ "text": c.meta.title, "url": c.meta.url, "current": c.current, "target": c.target }))
        })
        .collect();
    let description = format!(
        "{} of {} traced to an outcome; {} of {} served by live or delivered work; {} in backlog",
        t.initiatives_traced.part,
        count(t.initiatives_traced.whole, "initiative", "initiatives"),
        t.outcomes_served.part,
        count(t.outcomes_served.whole, "outcome", "outcomes"),
        t.backlog.len()
    );
    merge(
        cx.base(page.path, "Traceability", &description, page.section),
        tv!({
            "tabs": super::matrix::tabs(page.path, root),
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
