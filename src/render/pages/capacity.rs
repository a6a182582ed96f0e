//! Team load per quarter against capacity. A team's page shows the same
//! quarters, so the table is built here and shared from here.

use super::PageSpec;
use crate::model::Roadmap;
use crate::render::context::{fmt_num, merge, pct, pct_opt, Ctx};
use crate::render::value::Value;
use crate::tv;
use crate::words::count;

pub(super) fn team_quarters(
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
                    // Gone since the snapshot that recorded the quarter:
                    // named by its id, with no link.
                    let (text, url) = match r.link_target(id) {
                        Some((text, url)) => (text, Some(format!("{root}{url}"))),
                        None => (id.to_string(), None),
                    };
                    // Cancelled after it delivered: counted up to its last
                    // milestone done, and said so.
                    let cancelled = r.initiative(id).is_some_and(|i| i.status == "cancelled");
                    tv!({ "text": text, "url": url, "days": fmt_num((d * 10.0).round() / 10.0), "past_end": q.past_end.contains(id), "cancelled": cancelled })
                })
                .collect();
            tv!({
                "quarter": q.quarter,
                "capacity": fmt_num(q.capacity),
                "capacity_from": q.capacity_from,
                "ops_load": pct(q.ops_load),
                "ops_days": fmt_num((q.ops_days * 10.0).round() / 10.0),
                "committed": fmt_num((q.committed * 10.0).round() / 10.0),
                "remaining": fmt_num((q.remaining * 10.0).round() / 10.0),
                "utilisation": pct_opt(q.utilisation),
                "over": q.overcommitted(),
                "items": items,
                "recorded_in": q.recorded_in,
                "committed_now": q.committed_now.map(|d| fmt_num((d * 10.0).round() / 10.0)),
            })
        })
        .collect()
}

pub(super) fn capacity_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
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
        cx.base(page.path, "Capacity", &description, page.section),
        tv!({
            "teams": teams,
            "quarters": cx.facts.capacity.first().map(|t| t.quarters.iter().map(|q| q.quarter.clone()).collect::<Vec<_>>()).unwrap_or_default(),
            "statuses": crate::analysis::capacity::COMMITTED_STATUSES.join(" and "),
        }),
    )
}
