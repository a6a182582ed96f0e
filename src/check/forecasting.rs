//! Findings from the forecasts: dates the teams' own delivery history
//! says will not hold.

use super::*;

/// Dates the delivery history says will probably not hold: a gate, an
/// initiative's end or an outcome's horizon before the cautious (P85)
/// forecast of the work it waits for.
///
/// Committed effort against a team already over capacity is not added to
/// the dates: the history already carries what overcommitment did to past
/// delivery, so it would count twice. The finding says it instead, when
/// the milestone's team is overcommitted in the quarter it is due.
pub fn forecasts(
    r: &Roadmap,
    facts: &Facts,
    config: &Config,
    f: &crate::forecast::Forecasts,
) -> Vec<Diagnostic> {
    use crate::forecast::Forecast;
    // Looked up per finding: thousands of them at 10,000 initiatives, each
    // scanning every team's quarters was most of this check.
    let overcommitted_in: crate::base::HashSet<(&str, &str)> = facts
        .capacity
        .iter()
        .flat_map(|l| {
            l.quarters
                .iter()
                .filter(|q| q.overcommitted())
                .map(move |q| (l.team.as_str(), q.quarter.as_str()))
        })
        .collect();
    // "; team `web` is also overcommitted in 2027-Q1" when it is.
    // A date moved later with no decision: judged against the one it
    // stands committed to (moved out, a late gate's finding went away).
    let due_of = |m: &crate::model::Milestone| {
        facts
            .committed_dues
            .get(m.gid.as_str())
            .copied()
            .unwrap_or(m.due.day)
    };
    let overcommitted = |gid: &str| -> String {
        let Some(m) = r.milestone(gid) else {
            return String::new();
        };
        let quarter =
            crate::base::date::Quarter::of(due_of(m), config.roadmap.fiscal_year_start).to_string();
        let teams = r
            .initiative(m.initiative.as_str())
            .map_or(&[][..], |i| i.teams.as_slice());
        teams
            .iter()
            .filter(|t| overcommitted_in.contains(&(t.as_str(), quarter.as_str())))
            .map(|t| format!("; team `{t}` is also overcommitted in {quarter}"))
            .collect()
    };
    let forecast_of = |gid: &str| f.milestones.get(gid).and_then(Option::as_ref);
    // What the forecast is and comes from; `gid` names the milestone when
    // it is not the subject of the message itself.
    // `against`: the day the forecast is later than (a gate's due, an
    // end, a horizon); the days said are counted from it, not the
    // milestone's own shift (before a dependency pushed it, it read
    // "+81 d" beside a date 119 days past the due).
    let why = |gid: Option<&str>, fc: &Forecast, against: jiff::civil::Date| {
        let pushed = fc
            .pushed_by
            .as_ref()
            .map(|d| format!(", pushed there by `{d}`, which it waits for"))
            .unwrap_or_default();
        let whose = gid.map_or("its".to_string(), |g| format!("`{g}`'s"));
        let milestone = gid.unwrap_or_default();
        format!(
            "{whose} cautious forecast (P85) is {}, {} later, from {}{pushed}{}",
            fc.p85,
            crate::words::days(crate::analysis::days_between(against, fc.p85)),
            fc.basis.describe(),
            if milestone.is_empty() {
                String::new()
            } else {
                overcommitted(milestone)
            }
        )
    };
    // The latest cautious forecast among an initiative's open milestones.
    fn latest<'r>(
        i: &'r crate::model::Initiative,
        f: &'r crate::forecast::Forecasts,
    ) -> Option<(&'r str, &'r Forecast)> {
        i.milestones
            .iter()
            .filter_map(|m| Some((m.gid.as_str(), f.milestones.get(m.gid.as_str())?.as_ref()?)))
            .max_by_key(|(gid, fc)| (fc.p85, std::cmp::Reverse(*gid)))
    }
    let findings_of = |i: &crate::model::Initiative| {
        let mut out = Vec::new();
        for m in i.milestones.iter().filter(|m| m.gate) {
            let due = due_of(m);
            let Some(fc) = forecast_of(m.gid.as_str()).filter(|fc| fc.p85 > due) else {
                continue;
            };
            let (path, span) = due_location(r, &m.gid).unwrap_or_default();
            let stands = if due == m.due.day {
                format!("is due {}", m.due.written)
            } else {
                format!(
                    "stands committed to {} (moved to {} with no approved change request)",
                    crate::base::date::iso(due),
                    m.due.written
                )
            };
            let mut d = lints::FORECAST_LATE.at(
                &path,
                span,
                format!(
                    "gate `{}` {stands}, but {}{}",
                    m.gid,
                    why(None, fc, due),
                    overcommitted(m.gid.as_str())
                ),
            );
            d.help = Some(
                "bring the gate's work in, or move the gate with an approved change request".into(),
            );
            out.push(d);
        }
        // A written end, or with none the end its milestones stand
        // committed to where they moved out with no decision (judged only
        // where written, their forecast was measured against no date).
        let committed = facts.committed_ends.get(i.meta.id.as_str()).copied();
        let end = match (&i.end, committed) {
            (Some(end), Some(c)) if c < end.day => Some((
                c,
                format!(
                    "stands committed to end {} (moved to {} with no approved change request)",
                    crate::base::date::iso(c),
                    end.written
                ),
            )),
            (Some(end), _) => Some((end.day, format!("ends {}", end.written))),
            // Its milestones moved or added, or its `end:` taken out: the
            // cause is the finding's that says it, the end here.
            (None, Some(c)) => Some((
                c,
                format!(
                    "stands committed to end {} (it now ends {} with its milestones, later with no approved change request)",
                    crate::base::date::iso(c),
                    crate::analysis::schedule::dates(i)
                        .end
                        .map_or_else(|| "with none".to_string(), |d| crate::base::date::iso(d).to_string())
                ),
            )),
            (None, None) => None,
        };
        if let (Some((end_day, ends)), Some((gid, fc))) = (end, latest(i, f)) {
            if fc.p85 > end_day {
                let mut d = lints::FORECAST_LATE.at(
                    &i.meta.path,
                    i.end_span.or(at(&i.meta)),
                    format!(
                        "initiative `{}` {ends}, but {}",
                        i.meta.id,
                        why(Some(gid), fc, end_day)
                    ),
                );
                d.help = Some("re-plan the end date, or bring the late milestone in".into());
                out.push(d);
            }
        }
        out
    };
    // Each initiative's findings stand alone: made on every core, in the
    // roadmap's order (one core, this was a tenth of a `serve` rebuild at
    // 10,000 initiatives, run after everything else).
    use rayon::prelude::*;
    let mut out: Vec<Diagnostic> = r
        .initiatives
        .par_iter()
        .flat_map_iter(|i| findings_of(i))
        .collect();
    // Each outcome's live initiatives, gathered once: scanning every
    // initiative per outcome was most of this check at 10,000 initiatives.
    let mut live_serving: crate::base::HashMap<&str, Vec<&crate::model::Initiative>> =
        crate::base::HashMap::default();
    for i in r.initiatives.iter().filter(|i| crate::analysis::is_live(i)) {
        for o in &i.outcomes {
            live_serving.entry(o.as_str()).or_default().push(i);
        }
    }
    for o in r
        .outcomes
        .iter()
        .filter(|o| !o.retired_by(config.today.day))
    {
        let Some(horizon) = &o.horizon else { continue };
        let serving = live_serving
            .get(o.meta.id.as_str())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied();
        // Only what the plan itself still meets: a plan already past the
        // horizon is `outcome-horizon-missed`.
        let planned_within = serving.clone().all(|i| {
            i.milestones
                .iter()
                .filter(|m| m.done.is_none())
                .all(|m| m.due.day <= horizon.day)
                && i.end.as_ref().is_none_or(|e| e.day <= horizon.day)
        });
        let worst = serving
            .filter_map(|i| latest(i, f))
            .max_by_key(|(gid, fc)| (fc.p85, std::cmp::Reverse(*gid)));
        if let (true, Some((gid, fc))) = (planned_within, worst) {
            if fc.p85 > horizon.day {
                let mut d = lints::FORECAST_LATE.at(
                    &o.meta.path,
                    o.horizon_span.or(at(&o.meta)),
                    format!(
                        "outcome `{}` is due by {}, but {}",
                        o.meta.id,
                        horizon.written,
                        why(Some(gid), fc, horizon.day)
                    ),
                );
                d.help = Some(
                    "bring the work in, or agree a later horizon with the outcome's owner".into(),
                );
                out.push(d);
            }
        }
    }
    out
}
