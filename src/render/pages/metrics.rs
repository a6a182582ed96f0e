//! Delivery metrics over time: how well past promises were kept, where the
//! dashboard says how things stand today.

use super::PageSpec;
use crate::render::context::{fmt_num, merge, pct, pct_opt, Ctx};
use crate::render::value::{self, Value};
use crate::tv;

pub(super) fn metrics_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
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
        cx.base(page.path, "Delivery metrics", &description, page.section),
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
