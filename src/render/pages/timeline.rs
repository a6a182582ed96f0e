//! The timeline, by layer or by team: one builder for both, since the two
//! differ only in how the lanes are grouped.

use super::{Page, PageSpec};
use crate::render::context::{merge, Ctx};
use crate::render::splice::Parts;
use crate::render::value::Value;
use crate::render::{charts, slug};
use crate::tv;
use crate::words::count;

/// The template that writes a run of a lane's table rows (`rows`) in place
/// of the lane's `rows`.
const TIMELINE_ROWS: &str = "timeline-rows.html";

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
    // Part `k` is lane `k`'s chart, part `lane_count + k` its table's rows.
    let lane_count = lanes.len();
    let (lanes, parts) = {
        // The charts are made from the lanes as the page is written.
        let lanes = std::sync::Arc::new(lanes);
        let drawn = std::sync::Arc::clone(&lanes);
        let parts = Parts::new(move |k, out| {
            if let Some(lane) = drawn.get(k) {
                return out.write_all(charts::timeline_chart(&axis, lane).as_bytes());
            }
            let Some(lane) = k.checked_sub(lane_count).and_then(|k| drawn.get(k)) else {
                return Ok(());
            };
            let run = |at: std::ops::Range<usize>| {
                let rows: Vec<Value> = lane.rows[at].iter().map(row_value).collect();
                let mut context = tera::Context::new();
                context.insert_value("rows", Value::from(rows));
                context
            };
            cx.renderer
                .write_in_runs(TIMELINE_ROWS, lane.rows.len(), run, out)
        });
        (lanes, parts)
    };
    let lanes_json: Vec<Value> = lanes
        .iter()
        .enumerate()
        .map(|(k, lane)| {
            let chart = Value::safe_string(&parts.placeholder(k));
            // Written a run at a time in place of a placeholder too, unless
            // the theme's timeline.html reads every row as a value.
            let rows = if cx.renderer.streams_timeline {
                Value::safe_string(&parts.placeholder(lane_count + k))
            } else {
                Value::from(lane.rows.iter().map(row_value).collect::<Vec<_>>())
            };
            tv!({ "name": lane.name, "slug": slug(&lane.name), "chart": chart, "rows": rows, "count": lane.rows.len() })
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

/// An initiative's row of a lane's table, with its milestones.
fn row_value(row: &crate::charts::timeline::Row) -> Value {
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
}
