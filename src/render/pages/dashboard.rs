//! The dashboard: the one-screen answer to "how is the portfolio doing?".
//! Its figures are gathered once, in `dashboard_data`, because the brief
//! prints the same figures: two builders would drift apart.

use super::history::{diff_json_limited, diff_summary, latent_row, scope_row, unapproved_row};
use super::PageSpec;
use crate::model::Initiative;
use crate::render::charts;
use crate::render::context::{figure, fmt_num, merge, milestone_row, pct, rollup_json, Ctx};
use crate::render::value::{self, Value};
use crate::tv;
use crate::words::count;

/// The dashboard stays a one-screen summary at any portfolio size: longer
/// milestone lists, and each outcome's work past its horizon, are cut here
/// and say how many there are (the brief copies it all).
const DASHBOARD_ROWS: usize = 25;

pub(super) fn dashboard(cx: &Ctx, page: &PageSpec) -> tera::Context {
    let data = dashboard_data(cx);
    let (description, dash) = &*data;
    merge(
        cx.base(page.path, &cx.config.book.title, description, page.section),
        tv!({ "dash": dash.clone() }),
    )
}

/// The dashboard's summary line and its figures (the brief shows them
/// too): made by the first of the two to ask, handed over to the second.
pub(super) fn dashboard_data(cx: &Ctx) -> std::sync::Arc<(String, Value)> {
    let mut kept = cx
        .dashboard
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match kept.take() {
        Some(made) => made,
        None => {
            let made = std::sync::Arc::new(make_dashboard_data(cx));
            *kept = Some(std::sync::Arc::clone(&made));
            made
        }
    }
}

fn make_dashboard_data(cx: &Ctx) -> (String, Value) {
    let r = cx.r;
    let f = cx.facts;
    let root = "";
    let ms_rows = |ids: &[String]| milestone_rows(cx, ids, root);
    let statuses: Vec<Value> = crate::model::build::STATUSES
        .iter()
        .map(|s| tv!({ "key": s, "count": f.status_counts.get(*s).copied().unwrap_or(0) }))
        .collect();
    let healths: Vec<Value> = ["green", "amber", "red", "unreported"]
        .iter()
        .map(|h| tv!({ "key": h, "count": f.health_counts.get(*h).copied().unwrap_or(0) }))
        .collect();
    let kpis = kpi_rows(cx);
    let outcomes = outcome_rows(cx, root);
    let backlog: Vec<Value> = f.backlog.iter().map(|id| cx.link(id, root)).collect();
    let findings = finding_counts(cx);
    let computed = computed_counts(cx);
    let watermelons = watermelon_rows(cx, root);
    let overcommitted = overcommitted_rows(cx, root);
    let cadence: Vec<Value> = f
        .governance
        .cadence
        .iter()
        .map(|c| tv!({ "kind": c.kind, "days_since": c.days_since, "required": c.required_days, "lapsed": c.lapsed }))
        .collect();
    let (unapproved, unapproved_total) = unapproved_rows(cx, root);
    let open_scope = open_scope_rows(cx, root);
    let open_latent = open_latent_rows(cx, root);
    let reported_red = live_initiatives(cx, root, &|i| i.health.as_deref() == Some("red"));
    let computed_red = live_initiatives(cx, root, &|i| {
        f.health
            .get(&i.meta.id)
            .is_some_and(|c| c.health == crate::analysis::schedule::Health::Red)
    });
    let outcomes_at_risk = outcome_at_risk_rows(cx, root);
    let waiting_changes = waiting_change_rows(cx, root);
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
    // Those with a target in force: one not yet due is neither.
    let kpis_judged = f.kpis.values().filter(|s| s.on_target.is_some()).count();
    let risks = super::risks::dashboard(cx, root, 5);
    let budget = super::budget::summary(cx, root, 5);
    let description = summary(f);
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
                "likely_late": likely_late(cx, root),
                "kpis": kpis,
                "outcomes": outcomes,
                "backlog": backlog,
                "errors": cx.info.errors,
                "warnings": cx.info.warnings,
                "decisions_elsewhere": decisions_elsewhere(cx, &findings, root),
                "findings": findings,
                "files": cx.info.files,
                "computed": computed,
                "period": cx.history.and_then(|h| h.period()).map(|d| diff_json_limited(cx, d, root, DASHBOARD_ROWS)),
                "periods": cx.history.map(|h| h.diffs.iter().rev().map(|d| diff_summary(d, root)).collect::<Vec<_>>()).unwrap_or_default(),
                "unapproved": unapproved,
                "unapproved_total": unapproved_total,
                "archived": archived_period(cx),
                "open_scope": open_scope,
                "open_latent": open_latent,
                "reported_red": reported_red,
                "computed_red": computed_red,
                "outcomes_at_risk": outcomes_at_risk,
                "waiting_changes": waiting_changes,
                "kpis_off": kpis_off,
                "kpis_on": kpis_on,
                "kpis_judged": kpis_judged,
                "promise": cx.promises().filter(|p| p.1 > 0).map(|(kept, done)| pct(kept as f64 / done as f64)),
                // Its base beside it: of the milestones done, not of those
                // due ("done on time" counts the overdue ones too).
                "promise_of": cx.promises().filter(|p| p.1 > 0).map(|(kept, done)| format!("{kept} of {done}")),
                "watermelons": watermelons,
                "overcommitted": overcommitted,
                "cadence": cadence,
                "stale_changes": f.governance.stale_changes.len(),
                "risks": risks,
                "budget": budget,
                "lateness": f.metrics.lateness.map(|l| l.text()),
                "lateness_median": f.metrics.lateness.map(|l| crate::charts::n(l.median_days)),
                "lateness_definition": crate::analysis::metrics::LATENESS_DEFINITION,
                "cycle_time": f.metrics.avg_cycle_time_days.map(|d| format!("{d:.0}")),
                "conflicts": f.dependencies.links.iter().filter(|l| l.conflict_days.is_some()).count(),
                "blocked": f.dependencies.links.iter().filter(|l| l.blocked.is_some()).count(),
    });
    (description, dash)
}

/// The dashboard's milestone rows, by global id.
fn milestone_rows(cx: &Ctx, ids: &[String], root: &str) -> Vec<Value> {
    let r = cx.r;
    ids.iter()
        .filter_map(|g| {
            let ms = r.milestone(g)?;
            let init = r.initiative(ms.initiative.as_str())?;
            Some(milestone_row(cx, init, ms, root))
        })
        .collect()
}

/// The KPIs of the day: a retired one keeps its page, not a place here.
fn kpi_rows(cx: &Ctx) -> Vec<Value> {
    let r = cx.r;
    let f = cx.facts;
    r.kpis
        .iter()
        .filter(|k| !f.kpis[&k.meta.id].retired)
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
                "latest_with_unit": s.latest.map(|v| crate::words::with_unit(&figure(v), &unit)),
                "target_with_unit": s.target.map(|v| crate::words::with_unit(&figure(v), &unit)),
                // A step begun after the latest figure judges it: said, or
                // a figure that met the target of its month read off
                // target with no word why.
                "target_since": s.step_since.as_ref().map(|(since, _)| since.clone()),
                // A stepped target not yet in force where the status reads
                // it (the latest value's date): "none" would say the KPI has
                // none.
                "next_target": s.next_target.as_ref().map(|(d, v)| format!("{} from {d}", crate::words::with_unit(&figure(*v), &unit))),
                "unit": unit,
                "direction": crate::words::better(&k.direction),
                "status": match s.on_target { Some(true) => "on-target", Some(false) => "off-target", None => "no-target" },
                "sparkline": charts::sparkline(k, s.target, cx.config.today.day),
                "status_label": match s.on_target { Some(true) => "On target", Some(false) => "Off target", None if s.latest.is_none() => "No data", None if s.next_target.is_some() => "Target not yet due", None => "No target" },
                "stale": s.stale.map(|x| x.days),
            })
        })
        .collect()
}

fn outcome_rows(cx: &Ctx, root: &str) -> Vec<Value> {
    let r = cx.r;
    let f = cx.facts;
    r.outcomes
        .iter()
        .map(|o| {
            let roll = f.outcomes.get(&o.meta.id);
            tv!({
                "title": o.meta.title,
                "url": o.meta.url,
                "category": o.category,
                "owner": o.owner,
                "horizon": o.horizon.as_ref().map(|d| d.written.to_string()),
                // Live work, as the roll-up and traceability count it: a
                // cancelled initiative serves nothing any more.
                "initiatives": roll.map_or(0, |roll| roll.live_initiatives.len()),
                "rollup": roll.map(|roll| rollup_json(cx, roll, root, DASHBOARD_ROWS)),
            })
        })
        .collect()
}

/// An archived version is rendered without its history: slips, scope
/// changes and latent slips are judged at the site root, on the page of the
/// period that ends at it (with the decisions recorded since). What its
/// dashboard says instead of "0 unapproved slips".
fn archived_period(cx: &Ctx) -> Value {
    if !cx.version.is_archived() || cx.history.is_some() {
        return Value::none();
    }
    let name = &cx.version.name;
    match &cx.version.previous {
        Some(previous) => tv!({
            "url": format!("../../history/{previous}--{name}.html"),
            "title": format!("{previous} → {name}"),
        }),
        None => tv!({ "url": Value::none(), "title": Value::none() }),
    }
}

/// How many findings each rule raised.
fn finding_counts(cx: &Ctx) -> Vec<Value> {
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
    by_rule
        .into_iter()
        .map(|(k, v, rule)| {
            let counted = rule.map_or_else(|| format!("{v} {}", k.replace('-', " ")), |r| r.counted(*v));
            tv!({ "rule": k, "words": k.replace('-', " "), "counted": counted, "count": v, "weight": rule.map(|r| r.weight.as_str()).unwrap_or("") })
        })
        .collect()
}

/// Findings that need a decision and that the "Needs a decision" lists do
/// not show (overdue milestones, overspend, an issue nobody responded to):
/// with those lists empty, "nothing waits for a decision" was said while
/// `check` counted them.
fn decisions_elsewhere(cx: &Ctx, findings: &[Value], root: &str) -> Vec<Value> {
    const LISTED: [&str; 4] = [
        "unacknowledged-slip",
        "unacknowledged-scope-change",
        "latent-slip",
        "watermelon",
    ];
    let elsewhere: Vec<&Value> = findings
        .iter()
        .filter(|f| {
            f.get_from_path("weight").and_then(Value::as_str) == Some("decision")
                && !f
                    .get_from_path("rule")
                    .and_then(Value::as_str)
                    .is_some_and(|r| LISTED.contains(&r))
        })
        .collect();
    if elsewhere.is_empty() {
        return Vec::new();
    }
    // A count says how much; leadership also asks which: the items, when
    // one or two (more are on the findings page, with nothing here to say
    // which matters most), by the file each finding is in: the item's own,
    // or a KPI's data file.
    let content = cx.config.build.content_dir.trim_end_matches('/');
    let by_path: std::collections::HashMap<&str, &str> =
        cx.r.all_meta()
            .map(|m| (m.path.as_str(), m.id.as_str()))
            .collect();
    let data_files: Vec<(String, &str)> =
        cx.r.kpis
            .iter()
            .filter_map(|k| {
                Some((
                    format!(
                        "{content}/{}",
                        k.data_file.as_ref()?.trim_start_matches("./")
                    ),
                    k.meta.id.as_str(),
                ))
            })
            .collect();
    // What was deleted since a snapshot is named by the title it had
    // there: no page is left to link to. Ordered by path, so that of two
    // files gone with the same id the same one names it in every build.
    // An archived version names them as its own day did, from what the
    // history up to it judged (its brief said "1 removed risk" with no
    // name, where the brief of that day named it: from a trial).
    let gone: std::collections::BTreeMap<String, (&str, &str)> = cx
        .judgement()
        .map(|h| h.removed())
        .unwrap_or_default()
        .into_iter()
        .map(|(rel, id, title)| (format!("{content}/{rel}"), (id, title)))
        .collect();
    let item_of = |path: &str| {
        by_path.get(path).copied().or_else(|| {
            data_files
                .iter()
                .find(|(file, _)| file == path)
                .map(|(_, id)| *id)
                .or_else(|| gone.get(path).map(|(id, _)| *id))
        })
    };
    let named_item = |id: &str| match gone.values().find(|(gid, _)| *gid == id) {
        Some((_, title)) if !cx.r.has_id(id) => tv!({ "id": id, "text": title, "url": null }),
        _ => cx.link(id, root),
    };
    elsewhere
        .into_iter()
        .map(|f| {
            let rule = f.get_from_path("rule").and_then(Value::as_str);
            let mut items: Vec<&str> = Vec::new();
            // A milestone's finding names the milestone, not the file it is
            // in ("2 overdue milestones (Finance data warehouse; …)" named
            // initiatives).
            fn milestone_of<'d>(
                r: &crate::model::Roadmap,
                d: &'d crate::diag::Diagnostic,
            ) -> Option<&'d str> {
                d.milestone
                    .as_deref()
                    .filter(|id| r.milestone(id).is_some() || r.initiative(id).is_some())
            }
            for id in cx
                .info
                .findings
                .iter()
                .filter(|d| Some(d.rule) == rule)
                .filter_map(|d| milestone_of(cx.r, d).or_else(|| item_of(&d.path)))
            {
                if !items.contains(&id) {
                    items.push(id);
                }
                if items.len() > 2 {
                    break;
                }
            }
            let named: Vec<Value> = if items.len() <= 2 {
                items.iter().map(|id| named_item(id)).collect()
            } else {
                Vec::new()
            };
            let f = value::with(f.clone(), "named", tv!(named));
            // Money waiting for a decision is asked about in money: "1
            // unapproved budget increase" left out whether it was 5,000 or
            // 5 million.
            let unapproved = cx.unapproved_budget();
            match f.get_from_path("counted").and_then(Value::as_str) {
                Some(counted)
                    if rule == Some(crate::lints::UNAPPROVED_BUDGET_INCREASE.name)
                        && unapproved >= 0.005 =>
                {
                    let counted = counted.to_string();
                    let currency = &cx.config.budget.currency;
                    let one = f.get_from_path("count").and_then(Value::as_u64) == Some(1);
                    let words = |money: String| {
                        if one {
                            format!("{counted} of {money}")
                        } else {
                            format!("{counted}, {money} in all")
                        }
                    };
                    // The brief writes its money short ("EUR 4.39 M spent"):
                    // "EUR 80,000" beside it read as another kind of figure.
                    let short = words(format!(
                        "{currency} {}",
                        crate::words::money_short(unapproved)
                    ));
                    let f = value::with(f, "counted_short", tv!(short));
                    value::with(
                        f,
                        "counted",
                        tv!(words(crate::words::money_exact(unapproved, currency))),
                    )
                }
                _ => f,
            }
        })
        .collect()
}

/// Live initiatives by computed health.
fn computed_counts(cx: &Ctx) -> Vec<Value> {
    let r = cx.r;
    let f = cx.facts;
    ["green", "amber", "red"]
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
        .collect()
}

/// Work reported better than its milestones say, with why.
fn watermelon_rows(cx: &Ctx, root: &str) -> Vec<Value> {
    let r = cx.r;
    let f = cx.facts;
    f.watermelons(r)
        .map(|i| {
            let reasons = f
                .health
                .get(&i.meta.id)
                .map(|c| c.reasons.as_slice())
                .unwrap_or_default();
            value::with(cx.link(&i.meta.id, root), "reasons", tv!(reasons))
        })
        .collect()
}

/// Teams overcommitted in a quarter still ahead, with those quarters.
fn overcommitted_rows(cx: &Ctx, root: &str) -> Vec<Value> {
    let f = cx.facts;
    // A quarter already over is history, not a decision to take.
    let this_quarter = cx.this_quarter();
    let ahead = |q: &crate::analysis::capacity::QuarterLoad| {
        q.overcommitted() && q.quarter.as_str() >= this_quarter.as_str()
    };
    f.capacity
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
                        q.utilisation.map_or_else(|| "no capacity".to_string(), pct)
                    )
                })
                .collect();
            value::with(l, "quarters", tv!(quarters.join(", ")))
        })
        .collect()
}

/// The slips nobody approved (the first rows), and how many there are.
fn unapproved_rows(cx: &Ctx, root: &str) -> (Vec<Value>, usize) {
    let all = cx.unapproved_slips();
    let rows: Vec<Value> = all
        .iter()
        .take(DASHBOARD_ROWS)
        .map(|s| unapproved_row(cx, s, root))
        .collect();
    (rows, all.len())
}

/// Scope changes still waiting for a decision.
fn open_scope_rows(cx: &Ctx, root: &str) -> Vec<Value> {
    let (scope, _) = cx.open_scope_and_latent();
    scope.iter().map(|sc| scope_row(cx, sc, root)).collect()
}

/// Latent slips still waiting for a decision.
fn open_latent_rows(cx: &Ctx, root: &str) -> Vec<Value> {
    let (_, latent) = cx.open_scope_and_latent();
    latent.iter().map(|l| latent_row(cx, l, root)).collect()
}

/// Live initiatives `pred` holds for, as links.
fn live_initiatives(cx: &Ctx, root: &str, pred: &dyn Fn(&Initiative) -> bool) -> Vec<Value> {
    cx.r.initiatives
        .iter()
        .filter(|i| crate::analysis::is_live(i) && pred(i))
        .map(|i| cx.link(&i.meta.id, root))
        .collect()
}

/// Outcomes whose roll-up says they are at risk, with the roll-up.
/// The outcomes leadership should hear of, those off track or not served
/// before those at risk (the brief shows the first few), each kind in the
/// roadmap's order.
fn outcome_at_risk_rows(cx: &Ctx, root: &str) -> Vec<Value> {
    use crate::analysis::outcomes::OutcomeState;
    let r = cx.r;
    let f = cx.facts;
    let mut rows: Vec<(bool, Value)> = r
        .outcomes
        .iter()
        .filter_map(|o| {
            let roll = f.outcomes.get(&o.meta.id)?;
            roll.state.at_risk().then(|| {
                let row = value::with(
                    cx.link(&o.meta.id, root),
                    "rollup",
                    rollup_json(cx, roll, root, DASHBOARD_ROWS),
                );
                (roll.state == OutcomeState::AtRisk, row)
            })
        })
        .collect();
    rows.sort_by_key(|(milder, _)| *milder);
    rows.into_iter().map(|(_, row)| row).collect()
}

/// Change requests still proposed, longest waiting first.
fn waiting_change_rows(cx: &Ctx, root: &str) -> Vec<Value> {
    let r = cx.r;
    let today = cx.config.today.day;
    let mut waiting: Vec<(i64, &crate::model::Change)> = r
        .changes
        .iter()
        .filter(|c| c.status == "proposed" || c.waits(today))
        .map(|c| (crate::analysis::days_between(c.date.day, today), c))
        .collect();
    waiting.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.meta.id.cmp(&b.1.meta.id)));
    waiting
        .iter()
        .map(|(days, c)| value::with(cx.link(&c.meta.id, root), "days", tv!(*days)))
        .collect()
}

/// The dashboard's one-line summary, its description.
fn summary(f: &crate::analysis::Facts) -> String {
    format!(
        "{}, {}, {} due within a month, {} of {} served",
        count(f.live_initiatives, "live initiative", "live initiatives"),
        count(f.overdue.len(), "overdue milestone", "overdue milestones"),
        f.due_30.len(),
        f.traceability.outcomes_served.part,
        count(f.traceability.outcomes_served.whole, "outcome", "outcomes")
    )
}

/// What a forecast waits for, by title: a milestone with its initiative's
/// ("Go-live" alone names one of many).
fn waited_for(cx: &Ctx, id: &str) -> String {
    let title = |id: &str| cx.r.link_target(id).map(|(title, _)| title);
    match (cx.r.milestone(id), title(id)) {
        (Some(m), Some(own)) => match title(m.initiative.as_str()) {
            Some(of) => format!("{own} ({of})"),
            None => own,
        },
        (_, Some(own)) => own,
        (_, None) => id.to_string(),
    }
}

/// The likely-late milestones the dashboard lists.
const LIKELY_LATE_ROWS: usize = 8;

/// Open milestones not yet due whose cautious (P85) forecast is past their
/// due date (the overdue ones are late already, and listed as such): how
/// many, and the ones it puts furthest past, each with its forecast.
fn likely_late(cx: &Ctx, root: &str) -> Value {
    let today = cx.config.today.day;
    // Moved with no decision past the date it stands committed to, it is
    // overdue, listed as such: not "not yet due".
    let past_committed = |gid: &str| cx.facts.past_committed.contains_key(gid);
    let mut late: Vec<(i64, &str, &crate::forecast::Forecast)> = cx
        .forecasts
        .milestones
        .iter()
        .filter_map(|(gid, fc)| {
            let fc = fc
                .as_ref()
                .filter(|fc| fc.due >= today && !past_committed(gid))?;
            let days = crate::analysis::days_between(fc.due, fc.p85);
            (days > 0).then_some((days, gid.as_str(), fc))
        })
        .collect();
    // Of as many days past, the one due first: by id alone, a tie of
    // fourteen kept the first initiatives' eight and dropped the rest.
    late.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.due.cmp(&b.2.due)).then(a.1.cmp(b.1)));
    let rows: Vec<Value> = late
        .iter()
        .take(LIKELY_LATE_ROWS)
        .map(|(days, gid, fc)| {
            tv!({
                "item": cx.link(gid, root),
                "due": fc.due.to_string(),
                "p50": fc.p50.to_string(),
                "p85": fc.p85.to_string(),
                "days": days,
                // Pushed by what it waits for, the date is not its own
                // history's: said here, not only in the finding.
                "basis": match &fc.pushed_by {
                    Some(dep) => format!(
                        "{}, waiting for {}",
                        crate::render::context::basis_words(cx, &fc.basis),
                        waited_for(cx, dep)
                    ),
                    None => crate::render::context::basis_words(cx, &fc.basis),
                },
            })
        })
        .collect();
    let not_due = cx
        .forecasts
        .milestones
        .iter()
        .filter(|(gid, _)| {
            cx.r.milestone(gid).is_some_and(|m| m.due.day >= today) && !past_committed(gid)
        })
        .count();
    tv!({
        "count": late.len(),
        "open": not_due,
        "rows": rows,
    })
}
