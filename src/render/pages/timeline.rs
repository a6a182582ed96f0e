//! The timeline, by layer or by team: one builder for both, since the two
//! differ only in how the lanes are grouped.

use super::{Page, PageSpec};
use crate::render::context::{merge, Ctx};
use crate::render::splice::Parts;
use crate::render::value::Value;
use crate::render::{charts, slug};
use crate::tv;
use crate::words::count;

pub(super) fn timeline_page<'x>(cx: &'x Ctx, page: &PageSpec, by_team: bool) -> Page<'x> {
    let root = "";
    let fy = cx.config.roadmap.fiscal_year_start;
    let today = cx.config.today.day;
    // The working tree's history, or what the history up to an archived
    // version judged of it (its milestone rows say the same).
    let judged = |gid: &str| {
        let slip = cx.slip(gid);
        let baseline = cx
            .history
            .and_then(|h| h.baselines.get(gid))
            .map(|b| b.day)
            .or(slip.map(|s| s.baseline));
        (
            baseline,
            slip.and_then(crate::history::Slip::unapproved_days),
        )
    };
    let lanes = charts::lanes(cx.r, cx.facts, &judged, cx.forecasts, root, by_team);
    // Each lane's chart is made as the page is written, in place of its
    // placeholder (see `render::splice`): held as template strings, the
    // charts were 28 MB of one page's context at 10,000 initiatives, the
    // peak of every build.
    let axis = crate::charts::timeline::Axis::of(&lanes, today, fy);
    let (lanes, parts) = {
        // The charts are made from the lanes as the page is written.
        let lanes = std::sync::Arc::new(lanes);
        let drawn = std::sync::Arc::clone(&lanes);
        let parts = Parts::new(move |k, out| match drawn.get(k) {
            Some(lane) => out.write_all(charts::timeline_chart(&axis, lane).as_bytes()),
            None => Ok(()),
        });
        (lanes, parts)
    };
    let lanes_json: Vec<Value> = lanes
        .iter()
        .enumerate()
        .map(|(k, lane)| {
            let chart = Value::safe_string(&parts.placeholder(k));
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
                                "due": crate::base::date::iso(m.due),
                                "state": m.state.key(),
                                "state_words": m.state.label(),
                                "gate": m.gate,
                                "done": m.done.map(crate::base::date::iso),
                                "baseline": m.baseline.map(crate::base::date::iso),
                                "slip_unapproved": m.slip_unapproved && m.baseline.is_some_and(|b| b != m.due),
                                "slip_unack": m.slip_unapproved && m.baseline.is_some_and(|b| b != m.due),
                                "slip_days": m.baseline.map(|b| crate::analysis::days_between(b, m.due)).filter(|d| *d > 0),
                                // Part of it approved: the days no decision covers, as
                                // the milestone's row says ("+90 d, +60 d unapproved").
                                "unack_days": m.unapproved_days.filter(|&d| d > 0 && Some(d) != m.baseline.map(|b| crate::analysis::days_between(b, m.due))),
                                "p50": m.forecast.map(|f| crate::base::date::iso(f.0)),
                                "p85": m.forecast.map(|f| crate::base::date::iso(f.1)),
                            })
                        })
                        .collect();
                    tv!({
                        "title": row.title,
                        "url": row.url,
                        "start": crate::base::date::iso(row.start),
                        "end": crate::base::date::iso(row.end),
                        "computed": row.note,
                        "milestones": ms,
                    })
                })
                .collect();
            tv!({ "name": lane.name, "slug": slug(&lane.name), "chart": chart, "rows": rows })
        })
        .collect();
    let rows: usize = lanes.iter().map(|l| l.rows.len()).sum();
    let title = if by_team {
        "Timeline by team"
    } else {
        "Timeline"
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
    let context = merge(
        cx.base(page.path, title, &description, page.section),
        tv!({ "lanes": lanes_json, "by_team": by_team }),
    );
    Page {
        context,
        parts: Some(parts),
    }
}
