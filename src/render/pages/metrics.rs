//! Delivery metrics over time: how well past promises were kept, where the
//! dashboard says how things stand today.

use super::PageSpec;
use crate::render::context::{figure, merge, pct, pct_opt, Ctx};
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
        .map(|u| tv!({ "quarter": u.quarter, "capacity": figure(u.capacity), "used": figure(u.used.round()), "rate": pct_opt(u.rate) }))
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
            "forecast": forecast_method(cx),
            "promise": cx.promises().filter(|p| p.1 > 0).map(|(kept, done)| pct(kept as f64 / done as f64)),
            "promises": cx.promises().map(|(kept, done)| tv!({ "kept": kept, "done": done })),
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

/// A team's median lateness per fiscal quarter (of the day each milestone
/// was done), as a small bar chart.
pub(super) fn lateness_chart(cx: &Ctx, h: &crate::forecast::DeliveryHistory) -> Option<String> {
    let fy = cx.config.roadmap.fiscal_year_start;
    let mut quarters: Vec<(String, Vec<i64>)> = Vec::new();
    for (day, late) in &h.samples {
        let q = crate::base::date::Quarter::of(*day, fy).to_string();
        match quarters.last_mut() {
            Some((last, lates)) if *last == q => lates.push(*late),
            _ => quarters.push((q, vec![*late])),
        }
    }
    if quarters.is_empty() {
        return None;
    }
    let labels: Vec<String> = quarters.iter().map(|(q, _)| q.clone()).collect();
    let values: Vec<Option<f64>> = quarters
        .iter_mut()
        .map(|(_, lates)| {
            lates.sort_unstable();
            crate::forecast::percentile(lates, 50).map(|d| d as f64)
        })
        .collect();
    Some(crate::charts::delivery::bars(
        "Median lateness of milestones done, by quarter done",
        " d",
        &labels,
        &values,
        None,
        (168, 35, 31),
    ))
}

/// A group's delivery history in words and figures, for a team's page and
/// the metrics page.
pub(super) fn delivery_json(h: &crate::forecast::DeliveryHistory, min_samples: usize) -> Value {
    let pct = |x: Option<f64>| x.map_or("—".to_string(), |x| format!("{}%", (x * 100.0).round()));
    let days = |d: Option<i64>| d.map_or("—".to_string(), |d| format!("{d} d"));
    let summary = if h.done >= min_samples {
        format!(
            "Its open milestones are forecast from this history: due date plus {} (likely) and plus {} (cautious){}.",
            days(h.forecast_p50_days),
            days(h.forecast_p85_days),
            match h.open_late {
                0 => String::new(),
                n => format!(
                    ", counting its {} already past the date first promised as at least that late",
                    crate::words::count(n, "open milestone", "open milestones")
                ),
            }
        )
    } else {
        format!(
            "{} done so far: fewer than the {min_samples} a forecast needs, so its milestones take their forecast from another team of their initiative that has enough, else their layer's history, else the whole roadmap's, once that has {min_samples}.",
            crate::words::count(h.done, "milestone", "milestones")
        )
    };
    tv!({
        "milestones": h.milestones,
        "done": h.done,
        "promise_keeping": pct(h.promise_keeping),
        "p50": days(h.p50_days),
        "p85": days(h.p85_days),
        "open_late": h.open_late,
        "forecast_p50": days(h.forecast_p50_days),
        "forecast_p85": days(h.forecast_p85_days),
        "moved_share": pct(h.moved_share),
        "average_moves": h.average_moves.map_or("—".to_string(), crate::words::one_decimal),
        "summary": summary,
        "enough": h.done >= min_samples,
    })
}

/// The forecast method in words, with the figures of every group it can
/// draw on and how many open milestones each one forecasts.
fn forecast_method(cx: &Ctx) -> Value {
    let f = cx.forecasts;
    let mut used: std::collections::BTreeMap<String, usize> = Default::default();
    let mut none = 0;
    for fc in f.milestones.values() {
        match fc {
            Some(fc) => *used.entry(fc.basis.describe()).or_default() += 1,
            None => none += 1,
        }
    }
    let row =
        |label: String, h: &crate::forecast::DeliveryHistory, basis: crate::forecast::Basis| {
            let v = value::with(delivery_json(h, f.min_samples), "label", tv!(label));
            let made = used.get(&basis.describe()).copied().unwrap_or(0);
            value::with(v, "forecasts", tv!(made))
        };
    let mut groups = vec![row(
        "Whole roadmap".into(),
        &f.roadmap,
        crate::forecast::Basis::Roadmap,
    )];
    for (t, h) in &f.teams {
        let name = cx.r.get(t).map_or(t.clone(), |m| m.title.clone());
        groups.push(row(
            format!("Team {name}"),
            h,
            crate::forecast::Basis::Team(t.as_str().into()),
        ));
    }
    for (l, h) in &f.layers {
        groups.push(row(
            format!("Layer {l}"),
            h,
            crate::forecast::Basis::Layer(l.as_str().into()),
        ));
    }
    tv!({
        "min_samples": f.min_samples,
        "groups": groups,
        "open": f.milestones.len(),
        "none": none,
        "calibration": calibration_json(&f.calibration),
    })
}

/// How each snapshot's forecasts held up, and all of them together; empty
/// when no snapshot's outcome is known yet.
fn calibration_json(all: &[crate::forecast::Calibration]) -> Vec<Value> {
    let pct = |part: usize, whole: usize| format!("{}%", (part * 100 + whole / 2) / whole.max(1));
    let row = |c: &crate::forecast::Calibration, label: String| {
        tv!({
            "label": label,
            "checked": c.checked,
            "p85": pct(c.within_p85, c.checked),
            "p50": pct(c.within_p50, c.checked),
            "due": pct(c.within_due, c.checked),
        })
    };
    let mut rows: Vec<Value> = all
        .iter()
        .filter(|c| c.checked > 0)
        .map(|c| row(c, format!("Snapshot {}", c.snapshot)))
        .collect();
    if rows.len() > 1 {
        rows.push(row(
            &crate::forecast::Calibration::total(all),
            "All snapshots".into(),
        ));
    }
    rows
}
