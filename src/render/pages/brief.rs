//! The executive brief: the dashboard as one file to print or send. It is
//! read away from the site, so its links are rewritten here.

use super::dashboard::dashboard_data;
use super::{PageSpec, DASHBOARD};
use crate::render::context::{merge, Ctx};
use crate::render::value::Value;
use crate::tv;

/// The brief is one file: every link inside it is an `#anchor`, or, when
/// `base-url` is set, an absolute link back to the site.
pub(super) fn brief(cx: &Ctx, page: &PageSpec) -> tera::Context {
    /// The brief is read away from the site: its links go to the published
    /// site, or nowhere when there is no base URL.
    fn rewrite(v: &Value, at: &dyn Fn(&str) -> Option<String>) -> Value {
        if let Some(map) = v.as_map() {
            let mut out = tera::Map::with_capacity(map.len());
            for (k, val) in map {
                let new = if k.as_str() == Some("url") {
                    val.as_str()
                        .and_then(at)
                        .map_or_else(Value::none, Value::from)
                } else {
                    rewrite(val, at)
                };
                out.insert(k.clone(), new);
            }
            Value::from(out)
        } else if let Some(items) = v.as_array() {
            Value::from(items.iter().map(|i| rewrite(i, at)).collect::<Vec<_>>())
        } else {
            v.clone()
        }
    }
    let base = cx.config.build.base_url.trim_end_matches('/');
    // An archived version's brief links into its own version (its period's
    // page, at the site root, from there).
    let at = |u: &str| {
        (!base.is_empty() && !u.is_empty())
            .then(|| format!("{base}/{}", site_path(&cx.version.prefix, u)))
    };
    let data = dashboard_data(cx);
    let (description, dash) = &*data;
    let dash = money_short(off_target_first(rewrite(dash, &at)));
    let (also, decisions) = (decide_also(&dash), decision_findings(&dash));
    // The brief stands for the dashboard: the parts every page shares
    // (title, path, version switcher) are the dashboard's.
    let mut ctx = merge(
        cx.base(
            DASHBOARD.path,
            &cx.config.book.title,
            description,
            page.section,
        ),
        tv!({
            "dash": dash,
            "rollup": rewrite(&outcome_rollup(cx), &at),
            "decide_also": also,
            "decision_findings": decisions,
        }),
    );
    let absolute = |u: &str| at(u).map_or_else(Value::none, Value::from);
    ctx.insert_value("canonical", absolute("index.html"));
    ctx.insert_value("findings_url", absolute("findings.html"));
    ctx
}

/// The findings waiting for a decision counted with their money as the
/// rest of the brief writes it (`EUR 80 k`, beside `EUR 4.39 M spent`).
fn money_short(dash: Value) -> Value {
    let Some(all) = dash
        .get_from_path("decisions_elsewhere")
        .and_then(Value::as_array)
    else {
        return dash;
    };
    let shortened: Vec<Value> = all
        .iter()
        .map(|f| match f.get_from_path("counted_short") {
            Some(short) => crate::render::value::with(f.clone(), "counted", short.clone()),
            None => f.clone(),
        })
        .collect();
    crate::render::value::with(dash, "decisions_elsewhere", Value::from(shortened))
}

/// The brief has room for nine KPIs: those off target first, then those
/// with no target in force, then those on target, each as the dashboard
/// orders them. By id, a tenth KPI on target pushed one off target off the
/// page.
fn off_target_first(dash: Value) -> Value {
    let Some(map) = dash.as_map() else {
        return dash;
    };
    let Some(kpis) = map
        .get(&tera::value::Key::Str("kpis"))
        .and_then(Value::as_array)
    else {
        return dash;
    };
    let rank = |k: &Value| match k
        .as_map()
        .and_then(|m| m.get(&tera::value::Key::Str("status")))
        .and_then(Value::as_str)
    {
        Some("off-target") => 0,
        Some("on-target") => 2,
        _ => 1,
    };
    let mut sorted: Vec<Value> = kpis.to_vec();
    sorted.sort_by_key(rank);
    crate::render::value::with(dash.clone(), "kpis", Value::from(sorted))
}

/// Where `url`, a link from the root of the version at `prefix`, leads
/// from the site's root (`../` taken off against the prefix).
fn site_path(prefix: &str, url: &str) -> String {
    let joined = format!("{prefix}{url}");
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// The findings needing a decision that no list of the brief shows: its
/// own tables carry the overdue milestones and the outcomes past their
/// horizon, and one line more must not push it onto a second page.
fn decide_also(dash: &Value) -> Vec<Value> {
    const SHOWN: [&str; 2] = ["overdue-milestone", "outcome-horizon-missed"];
    dash.get_from_path("decisions_elsewhere")
        .and_then(Value::as_array)
        .map(|all| {
            all.iter()
                .filter(|f| {
                    !f.get_from_path("rule")
                        .and_then(Value::as_str)
                        .is_some_and(|r| SHOWN.contains(&r))
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// How many findings need a decision, for the brief's closing line.
fn decision_findings(dash: &Value) -> u64 {
    dash.get_from_path("findings")
        .and_then(Value::as_array)
        .map(|all| {
            all.iter()
                .filter(|f| f.get_from_path("weight").and_then(Value::as_str) == Some("decision"))
                .filter_map(|f| f.get_from_path("count").and_then(Value::as_u64))
                .sum()
        })
        .unwrap_or(0)
}

/// Outcomes as rows, the work serving each counted by computed health:
/// where the portfolio's trouble sits, outcome by outcome, the most red
/// first (the brief shows the first few, the matrix page has all).
fn outcome_rollup(cx: &Ctx) -> Value {
    // Off track first, then at risk, then not served: a table cut to its
    // first rows must not leave out an outcome off track (its work ending
    // after its horizon, with nothing red or amber) for one merely at risk.
    let severity = |id: &str| {
        use crate::analysis::outcomes::OutcomeState as S;
        match cx.facts.outcomes.get(id).map(|r| r.state) {
            Some(S::OffTrack) => 0,
            Some(S::AtRisk) => 1,
            Some(S::Unserved) => 2,
            _ => 3,
        }
    };
    let mut rows: Vec<(usize, usize, usize, usize, &str)> = Vec::new();
    for g in &cx.facts.traceability.groups {
        for o in &g.outcomes {
            // No longer pursued: nothing to report of its work.
            let state = cx.facts.outcomes.get(&o.id).map(|r| r.state);
            if state == Some(crate::analysis::outcomes::OutcomeState::Retired) {
                continue;
            }
            let (mut green, mut amber, mut red, mut none) = (0, 0, 0, 0);
            for i in &o.initiatives {
                match cx.facts.health.get(i).map(|c| c.health.as_str()) {
                    Some("green") => green += 1,
                    Some("amber") => amber += 1,
                    Some("red") => red += 1,
                    _ => none += 1,
                }
            }
            rows.push((red, amber, green, none, &o.id));
        }
    }
    rows.sort_by(|a, b| (severity(a.4), b.0, b.1, a.4).cmp(&(severity(b.4), a.0, a.1, b.4)));
    let rows: Vec<Value> = rows
        .iter()
        .map(|&(red, amber, green, none, id)| {
            let link = cx.link(id, "");
            tv!({ "item": link, "red": red, "amber": amber, "green": green, "none": none, "unserved": red + amber + green == 0 })
        })
        .collect();
    tv!(rows)
}

#[cfg(test)]
mod tests {
    use super::site_path;

    #[test]
    fn links_from_a_version_lead_from_the_site_root() {
        assert_eq!(
            site_path("", "initiatives/crm.html"),
            "initiatives/crm.html"
        );
        assert_eq!(
            site_path("v/2026-Q3/", "initiatives/crm.html#m-go"),
            "v/2026-Q3/initiatives/crm.html#m-go"
        );
        assert_eq!(
            site_path("v/2026-Q3/", "../../history/2026-Q2--2026-Q3.html"),
            "history/2026-Q2--2026-Q3.html"
        );
    }
}
