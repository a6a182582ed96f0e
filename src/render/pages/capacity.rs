//! Team load per quarter against capacity. A team's page shows the same
//! quarters, so the table is built here and shared from here.

use super::PageSpec;
use crate::model::Roadmap;
use crate::render::context::{figure, merge, pct, pct_opt, Ctx};
use crate::render::value::Value;
use crate::tv;
use crate::words::count;

pub(super) fn team_quarters(
    team: &str,
    q: &[crate::analysis::capacity::QuarterLoad],
    r: &Roadmap,
    facts: &crate::analysis::Facts,
    root: &str,
) -> Vec<Value> {
    let committed_ends = &facts.committed_ends;
    q.iter()
        .enumerate()
        .map(|(k, load)| (load, q.get(k + 1)))
        .map(|(q, next)| {
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
                    // Work past its end is counted up to today's quarter:
                    // the next one then read free of it, a jump in room
                    // nothing explained (from a team lead's trial).
                    // Done work that overran is counted to the day it was
                    // done: no later quarter waits for it.
                    let past_end = q.past_end.contains(id);
                    let still_on = r.initiative(id).is_some_and(|i| i.status == "active");
                    let past_end_last = past_end
                        && still_on
                        && next.is_none_or(|n| n.by_initiative.iter().all(|(other, _)| other != id));
                    // Its end moved later with no decision: counted to the
                    // end committed, and said so beside the plan's dates.
                    let end_committed = committed_ends.get(id.as_str()).map(|d| crate::base::date::iso(*d));
                    // Its effort cut with no decision: counted at the
                    // effort on record, and said so.
                    let effort_on_record = facts
                        .committed_effort
                        .get(id.as_str())
                        .and_then(|teams| teams.get(team))
                        .map(|d| figure(*d));
                    tv!({ "text": text, "url": url, "days": figure((d * 10.0).round() / 10.0), "past_end": past_end, "past_end_last": past_end_last, "cancelled": cancelled, "end_committed": end_committed, "effort_on_record": effort_on_record })
                })
                .collect();
            tv!({
                "quarter": q.quarter,
                "capacity": figure(q.capacity),
                "capacity_from": q.capacity_from,
                "capacity_on_record": q.capacity_on_record,
                "ops_load": pct(q.ops_load),
                "ops_days": figure((q.ops_days * 10.0).round() / 10.0),
                "committed": figure((q.committed * 10.0).round() / 10.0),
                "remaining": figure((q.remaining * 10.0).round() / 10.0),
                "utilisation": pct_opt(q.utilisation),
                "over": q.overcommitted(),
                "items": items,
                "recorded_in": q.recorded_in,
                "committed_now": q.committed_now.map(|d| figure((d * 10.0).round() / 10.0)),
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
            Some(tv!({ "id": t.team, "text": m.title, "url": m.url, "over": over, "quarters": team_quarters(&t.team, &t.quarters, r, cx.facts, root), "chart": chart }))
        })
        .collect();
    // As the dashboard counts them: a quarter already over is history.
    // Counted in any quarter, the page said "2 of 2 teams overcommitted"
    // beside the dashboard's 0 (from a team lead's trial).
    let this_quarter = cx.this_quarter();
    let (ahead, past_only) = cx.facts.capacity.iter().fold((0, 0), |(a, p), t| {
        let over = t.quarters.iter().filter(|q| q.overcommitted());
        match over
            .map(|q| q.quarter.as_str() >= this_quarter.as_str())
            .max()
        {
            Some(true) => (a + 1, p),
            Some(false) => (a, p + 1),
            None => (a, p),
        }
    });
    let mut description = format!(
        "{ahead} of {} overcommitted this quarter or later",
        count(cx.facts.capacity.len(), "team", "teams")
    );
    if past_only > 0 {
        description.push_str(&format!(", {past_only} more in a past quarter only"));
    }
    merge(
        cx.base(page.path, "Capacity", &description, page.section),
        tv!({
            "teams": teams,
            "quarters": cx.facts.capacity.first().map(|t| t.quarters.iter().map(|q| q.quarter.clone()).collect::<Vec<_>>()).unwrap_or_default(),
            "statuses": crate::analysis::capacity::COMMITTED_STATUSES.join(" and "),
        }),
    )
}
