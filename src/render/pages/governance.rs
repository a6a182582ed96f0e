//! Governance: change requests by decision and the review cadence, so a
//! reader sees whether the roadmap is governed, not only written.

use super::PageSpec;
use crate::render::context::{merge, Ctx};
use crate::render::value::Value;
use crate::tv;
use crate::words::count;

pub(super) fn governance_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
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
                // A rewritten approval reads as its record (it read as
                // genuine: "dates up to 90 days later" where 30 stand).
                let recorded = super::items::request_as_recorded(cx, c);
                tv!({
                    "text": c.meta.title,
                    "url": c.meta.url,
                    "date": c.date.written,
                    "rewritten_after": recorded.rewritten_after,
                    "decided": recorded.decided.0,
                    "decided_by": c.decided_by,
                    "requested_by": c.requested_by,
                    "affects": cx.links(&c.affects, root),
                    "waiting": stale.get(c.meta.id.as_str()),
                    "budget_increase": recorded.budget_increase.0,
                    "delay_days": recorded.delay_days.0,
                    "settings": c.settings,
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
                "last_date": c.last.as_ref().map(|(_, d)| crate::base::date::iso(*d)),
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
        cx.base(page.path, "Governance", &description, page.section),
        tv!({ "groups": groups, "cadence": cadence, "reviews": reviews }),
    )
}
