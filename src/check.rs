//! Rules over the resolved roadmap. Each is a small pure function returning
//! diagnostics at its rule's default level; `[lints]` is applied afterwards.

use crate::analysis::{Facts, MilestoneState};
use crate::config::Config;
use crate::diag::{Diagnostic, Span};
use crate::lints;
use crate::model::{ItemRef, Kind, Meta, Roadmap};

type Rule = fn(&Roadmap, &Facts, &Config) -> Vec<Diagnostic>;

const RULES: &[Rule] = &[
    untraced_initiative,
    missing_criteria,
    end_before_start,
    milestone_outside_initiative,
    kpi_data_and_target,
    overdue_milestone,
    done_in_the_future,
    dependency_cycle,
    watermelon,
    overcommitted_team,
    dependency_conflict,
    blocked_dependency,
    stale_change,
    layer_typo,
    stale_kpi,
    figure_after_retirement,
    approval_without_decider,
    amount_not_applied,
    outcome_horizon_missed,
    stale_risk,
    risk_without_mitigation,
    overspend,
    burn_ahead_of_progress,
    spend_in_the_future,
    spend_before_start,
    spend_row_unmatched,
    spend_not_recorded,
    figure_in_the_future,
];

/// Rules that conclude from what documents of a kind do not say, with that
/// kind: while one of them cannot be read they would blame the wrong files
/// (an outcome "unserved" because the initiative serving it has a YAML
/// error), so they wait until it is fixed.
const FROM_ABSENCE: &[(Rule, Kind)] = &[
    (unserved_outcome, Kind::Initiative),
    (capability_gap, Kind::Initiative),
    (orphan_kpi, Kind::Outcome),
    (review_cadence, Kind::Review),
    (outcome_without_kpi, Kind::Kpi),
    (occurred_risk_open, Kind::Change),
];

pub fn run(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    let complete = FROM_ABSENCE
        .iter()
        .filter(|(_, kind)| r.complete(*kind))
        .map(|(rule, _)| rule);
    RULES
        .iter()
        .chain(complete)
        .flat_map(|rule| rule(r, facts, config))
        .collect()
}

/// Links and images of bodies that lead nowhere on the site, where the link
/// is written. `pages` are the site's pages, as the renderer lays them out.
pub fn links(
    r: &Roadmap,
    config: &Config,
    pages: std::collections::BTreeSet<String>,
) -> Vec<Diagnostic> {
    use crate::analysis::links::{Resolved, Resolver};
    let resolver = Resolver::new(r, config, pages, None);
    let mut out = Vec::new();
    for m in r.all_meta() {
        let mut positions = crate::parse::markdown::Positions::new(&m.body, m.body_offset);
        for link in &m.outline.links {
            if let Resolved::Broken { message, help } = resolver.resolve(m, &link.dest, link.image)
            {
                let span = positions.span(link.offset, link.len);
                let mut d = lints::BROKEN_LINK.at(&m.path, Some(span), message);
                d.help = help;
                out.push(d);
            }
        }
    }
    out
}

fn at(meta: &Meta) -> Option<Span> {
    Some(Span::new(meta.line, 1, 1))
}

fn untraced_initiative(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    facts
        .traceability
        .backlog
        .iter()
        .filter_map(|b| r.initiative(&b.id))
        .map(|i| {
            let mut d = lints::UNTRACED_INITIATIVE.at(
                &i.meta.path,
                at(&i.meta),
                format!(
                    "initiative `{}` serves no outcome: it is backlog, not roadmap",
                    i.meta.id
                ),
            );
            d.help = Some("add `outcomes: [...]` naming the business outcome it serves".into());
            d
        })
        .collect()
}

fn unserved_outcome(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    facts
        .traceability
        .unserved_outcomes
        .iter()
        .filter_map(|id| r.get(id))
        .map(|o| {
            // Said when its work was cancelled: the initiative serving it
            // lists it already, and "list it in the initiatives that
            // deliver it" read as if none did.
            let cancelled: Vec<&str> = r
                .initiatives
                .iter()
                .filter(|i| i.status == "cancelled" && i.outcomes.contains(&o.id))
                .map(|i| i.meta.id.as_str())
                .collect();
            let why = match cancelled.as_slice() {
                [] => String::new(),
                [one] => format!(": `{one}`, serving it, was cancelled"),
                many => format!(
                    ": {} initiatives serving it were cancelled (`{}`, …)",
                    many.len(),
                    many[0]
                ),
            };
            let mut d = lints::UNSERVED_OUTCOME.at(
                &o.path,
                at(o),
                format!("no live initiative serves outcome `{}`{why}", o.id),
            );
            d.help = Some(format!(
                "list `{}` in the `outcomes` of the initiatives that deliver it, or retire the outcome if it is dropped",
                o.id
            ));
            d
        })
        .collect()
}

fn orphan_kpi(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    facts
        .traceability
        .orphan_kpis
        .iter()
        .filter(|id| !facts.kpi_retired(id))
        .filter_map(|id| r.get(id))
        .map(|k| {
            let mut d = lints::ORPHAN_KPI.at(
                &k.path,
                at(k),
                format!("KPI `{}` is tied to no outcome", k.id),
            );
            d.help = Some("set `outcome:` to the outcome it measures".into());
            d
        })
        .collect()
}

fn missing_criteria(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A placeholder criterion is told as one (one finding for it), unless
    // placeholders are allowed: then this is the only word on it.
    let placeholders_told = config.level(&lints::PLACEHOLDER) != crate::lints::Level::Allow;
    for i in r.initiatives.iter().filter(|i| i.status != "cancelled") {
        let missing = |m: &&crate::model::Milestone| {
            m.criteria.is_empty() && !(m.criteria_placeholder && placeholders_told)
        };
        for m in i.milestones.iter().filter(missing) {
            let mut d = lints::MISSING_CRITERIA
                .at(
                    &i.meta.path,
                    Some(Span::new(m.line, m.col, 1)),
                    format!("milestone `{}` has no criteria", m.gid),
                )
                .about_milestone(&m.gid);
            d.help = Some("add `criteria:` saying what makes it verifiably done".into());
            out.push(d);
        }
    }
    out
}

fn end_before_start(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
    r.initiatives
        .iter()
        .filter_map(|i| match (&i.start, &i.end) {
            (Some(s), Some(e)) if e.day < s.day => Some(lints::END_BEFORE_START.at(
                &i.meta.path,
                i.end_span.or(at(&i.meta)),
                format!(
                    "initiative `{}` ends ({}) before it starts ({})",
                    i.meta.id, e, s
                ),
            )),
            _ => None,
        })
        .collect()
}

fn milestone_outside_initiative(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for i in &r.initiatives {
        for m in &i.milestones {
            let before = i.start.as_ref().is_some_and(|s| m.due.day < s.day);
            let after = i.end.as_ref().is_some_and(|e| m.due.day > e.day);
            if before || after {
                let bound = if before {
                    format!(
                        "starts {}",
                        i.start.as_ref().map(|d| d.written.as_str()).unwrap_or("")
                    )
                } else {
                    format!(
                        "ends {}",
                        i.end.as_ref().map(|d| d.written.as_str()).unwrap_or("")
                    )
                };
                let mut d = lints::MILESTONE_OUTSIDE
                    .at(
                        &i.meta.path,
                        Some(Span::new(m.line, m.col, 1)),
                        format!(
                            "milestone `{}` is due {} but its initiative {bound}",
                            m.gid, m.due
                        ),
                    )
                    .about_milestone(&m.gid);
                d.help = Some("move the milestone or change the initiative's `start`/`end`".into());
                out.push(d);
            }
        }
    }
    out
}

fn capability_gap(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    facts
        .traceability
        .unaddressed_gaps
        .iter()
        .filter_map(|id| match r.item_ref(id) {
            Some(ItemRef {
                kind: Kind::Capability,
                index,
            }) => Some(&r.capabilities[index]),
            _ => None,
        })
        .map(|c| {
            let mut d = lints::CAPABILITY_GAP.at(
                &c.meta.path,
                at(&c.meta),
                format!(
                    "capability `{}` has a gap ({} → {}) that no initiative raises",
                    c.meta.id, c.current, c.target
                ),
            );
            d.help = Some(format!(
                "add `{}` to the `capabilities` of the initiative that closes the gap",
                c.meta.id
            ));
            d
        })
        .collect()
}

fn dependency_cycle(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    facts
        .cycles
        .iter()
        .filter_map(|cycle| {
            let first = cycle.first()?;
            // At the `depends_on` entry that closes the cycle: the last
            // written edge around it (an initiative waiting for its own
            // milestones is no entry anyone wrote).
            let closing = cycle
                .windows(2)
                .rev()
                .find_map(|w| r.dependency_spans.get(&(w[0].clone(), w[1].clone())));
            let (path, span) = match (closing, r.milestone(first)) {
                (Some((path, span)), _) => (path.clone(), Some(*span)),
                (None, Some(m)) => (r.initiative(&m.initiative)?.meta.path.clone(), Some(Span::new(m.line, m.col, 1))),
                (None, None) => {
                    let i = r.initiative(first)?;
                    (i.meta.path.clone(), at(&i.meta))
                }
            };
            let mut d = lints::DEPENDENCY_CYCLE.at(&path, span, format!("dependency cycle: {}", cycle.join(" → ")));
            d.help = Some("remove one `depends_on` entry to break the cycle (an initiative also waits for its own milestones)".into());
            Some(d)
        })
        .collect()
}

fn kpi_data_and_target(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let live = r.kpis.iter().filter(|k| !facts.kpi_retired(&k.meta.id));
    for k in live {
        if k.data.is_empty() && !k.data_unreadable && !k.figures_incomplete {
            out.push(lints::KPI_WITHOUT_DATA.at(
                &k.meta.path,
                at(&k.meta),
                format!("KPI `{}` has no data", k.meta.id),
            ));
        }
        let no_target = k.target.is_none() && k.targets.is_empty();
        if no_target && !k.target_unreadable && k.data.iter().all(|p| p.target.is_none()) {
            out.push(lints::KPI_WITHOUT_TARGET.at(
                &k.meta.path,
                at(&k.meta),
                format!("KPI `{}` has no target", k.meta.id),
            ));
        }
    }
    out
}

/// `overdue-milestone` and `watermelon` made again from facts the
/// history's slips are in: a milestone moved with no decision is overdue
/// from the date it stands committed to (the working tree's own check
/// counted from the date moved to, or saw nothing while that was not
/// past), as its row and the dashboard count it, and an unapproved slip
/// can make a watermelon. Takes the rules' findings out of `found` and
/// gives them again, `[lints]` levels not applied.
pub fn again_with_slips(
    r: &Roadmap,
    facts: &Facts,
    config: &Config,
    found: &mut Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    found.retain(|d| {
        d.rule != lints::OVERDUE_MILESTONE.name
            && d.rule != lints::WATERMELON.name
            && d.rule != lints::OVERSPEND.name
            && d.rule != lints::BURN_AHEAD.name
            && d.rule != lints::BLOCKED.name
            && d.rule != lints::OVERCOMMITTED_TEAM.name
            && d.rule != lints::STALE_KPI.name
    });
    let mut again = overdue_milestone(r, facts, config);
    // By the ends committed (see `Facts::with_committed_ends`).
    again.extend(overcommitted_team(r, facts, config));
    // By the figures as reported (see `KpiStatus::judged_as_reported`).
    again.extend(stale_kpi(r, facts, config));
    again.extend(blocked_dependency(r, facts, config));
    again.extend(watermelon(r, facts, config));
    // Judged by the budget last approved where a rise stands unapproved,
    // and by the dates committed.
    again.extend(overspend(r, facts, config));
    again.extend(burn_ahead_of_progress(r, facts, config));
    again
}

fn overdue_milestone(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for gid in &facts.overdue {
        let (Some(m), Some(&MilestoneState::Overdue { days })) =
            (r.milestone(gid), facts.milestones.get(gid))
        else {
            continue;
        };
        let Some(i) = r.initiative(&m.initiative) else {
            continue;
        };
        let mut d = lints::OVERDUE_MILESTONE
            .at(
                &i.meta.path,
                Some(Span::new(m.line, m.col, 1)),
                match facts.past_committed.get(gid.as_str()) {
                    Some(committed) => format!(
                        "milestone `{}` stands committed to {} (moved to {} with no approved change request) and is {} overdue",
                        m.gid,
                        crate::base::date::iso(*committed),
                        m.due,
                        crate::words::days(days)
                    ),
                    None => format!(
                        "milestone `{}` was due {} and is {} overdue",
                        m.gid,
                        m.due,
                        crate::words::days(days)
                    ),
                },
            )
            .about_milestone(&m.gid);
        d.help = Some(
            "record `done:` if it was delivered, or re-plan it through an approved change request"
                .into(),
        );
        out.push(d);
    }
    out
}

fn done_in_the_future(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
    let today = config.today.day;
    let fy = config.roadmap.fiscal_year_start;
    let mut out = Vec::new();
    for i in &r.initiatives {
        for m in &i.milestones {
            let Some(done) = &m.done else {
                continue;
            };
            // `done: 2026-Q4` during that quarter is fine: only a period
            // that has not begun is in the future.
            let begins =
                crate::base::date::parse(&done.written, crate::base::date::Edge::Start, fy)
                    .map_or(done.day, |d| d.day);
            if begins <= today {
                continue;
            }
            let mut d = lints::DONE_IN_THE_FUTURE
                .at(
                    &i.meta.path,
                    m.done_span.or(Some(Span::new(m.line, m.col, 1))),
                    format!(
                        "milestone `{}` is marked done on {}, after today ({})",
                        m.gid, done.written, config.today.written
                    ),
                )
                .about_milestone(&m.gid);
            d.help = Some(
                "write the day it was delivered (check the year), or remove `done:` until it is"
                    .into(),
            );
            out.push(d);
        }
    }
    // A decision dated after today is not taken: it approves no slip.
    for c in r.changes.iter().filter(|c| c.status == "approved") {
        let (field, day) = match &c.decided {
            Some(d) => ("decided", d),
            None => ("date", &c.date),
        };
        // As the history takes it (`Change::decision_begins`): one test, so
        // the two cannot disagree.
        if c.decision_begins() <= today {
            continue;
        }
        let mut d = lints::DONE_IN_THE_FUTURE.at(
            &c.meta.path,
            at(&c.meta),
            format!(
                "change request `{}` is approved with `{field}: {}`, after today ({}): a decision not taken yet approves nothing",
                c.meta.id, day.written, config.today.written
            ),
        );
        d.help = Some(
            "write the day it was decided (check the year) in `decided:`, or set `status: proposed` until it is"
                .into(),
        );
        out.push(d);
    }
    // A review not held yet reads as held in the review history (the
    // cadence check leaves it out).
    for rv in r.reviews.iter().filter(|rv| rv.date.day > today) {
        let mut d = lints::DONE_IN_THE_FUTURE.at(
            &rv.meta.path,
            at(&rv.meta),
            format!(
                "review `{}` is dated {}, after today ({}): it has not been held",
                rv.meta.id, rv.date.written, config.today.written
            ),
        );
        d.help =
            Some("write the day it was held (check the year), or add it once it has been".into());
        out.push(d);
    }
    out
}

/// The layers most roadmaps use; any other name is fine when it is meant.
const USUAL_LAYERS: &[&str] = &[
    "infrastructure",
    "platform",
    "application",
    "data",
    "security",
    "operations",
];

fn layer_typo(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
    let mut used: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for l in r.initiatives.iter().filter_map(|i| i.layer.as_deref()) {
        *used.entry(l).or_default() += 1;
    }
    let mut out = Vec::new();
    for i in &r.initiatives {
        let Some(layer) = i.layer.as_deref() else {
            continue;
        };
        if used[layer] > 1 || USUAL_LAYERS.contains(&layer) {
            continue;
        }
        // A slip of a letter or two, or an abbreviation (`infra`); a
        // layer that extends a known one (`data-platform`, `database`) is
        // deliberate.
        let meant = USUAL_LAYERS
            .iter()
            .copied()
            .chain(
                used.iter()
                    .filter(|(l, n)| **n > 1 && **l != layer)
                    .map(|(l, _)| *l),
            )
            .filter(|known| !layer.starts_with(known))
            .filter_map(|known| {
                let abbreviates = layer.chars().count() >= 3 && known.starts_with(layer);
                let distance = strsim::osa_distance(layer, known);
                (abbreviates || distance <= 2).then_some((distance, known))
            })
            .min();
        let Some((_, meant)) = meant else {
            continue;
        };
        let mut d = lints::LAYER_TYPO.at(
            &i.meta.path,
            i.layer_span.or(at(&i.meta)),
            format!("layer `{layer}` is used by `{}` alone", i.meta.id),
        );
        d.help = Some(format!("did you mean `{meant}`?"));
        out.push(d);
    }
    out
}

/// An approval clears slips, scope changes and restatements from every
/// page: one that names nobody lets anyone write the file that clears them.
fn approval_without_decider(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
    let unsigned = |c: &&crate::model::Change| {
        c.decided_by
            .as_deref()
            .is_none_or(|who| who.trim().is_empty())
    };
    r.changes
        .iter()
        .filter(|c| c.status == "approved")
        .filter(unsigned)
        .map(|c| {
            let mut d = lints::APPROVAL_WITHOUT_DECIDER.at(
                &c.meta.path,
                at(&c.meta),
                format!(
                    "change request `{}` is approved with no `decided_by`: nobody answers for what it approves",
                    c.meta.id
                ),
            );
            d.help = Some("write who decided, e.g. `decided_by: Steering committee`".into());
            d
        })
        .collect()
}

/// An amount a request states that nothing it affects can take: money is
/// an initiative's, a delay a date's. The request approves the rest of
/// what it covers; the amount would read as approved on its page and the
/// governance list while it approves nothing.
fn amount_not_applied(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in &r.changes {
        let initiative = c.affects.iter().any(|id| r.initiative(id).is_some());
        let milestone = c.affects.iter().any(|id| r.milestone(id).is_some());
        let mut say = |field: &str, what: &str, fix: String| {
            let mut d = lints::AMOUNT_NOT_APPLIED.at(
                &c.meta.path,
                at(&c.meta),
                format!(
                    "change request `{}` states `{field}`, but affects no {what}: it approves nothing of it",
                    c.meta.id
                ),
            );
            d.help = Some(fix);
            out.push(d);
        };
        if c.budget_increase.is_some() && !initiative {
            let named: Vec<String> = c
                .affects
                .iter()
                .filter_map(|id| {
                    r.milestone_at(id)
                        .map(|(i, _)| r.initiatives[i].meta.id.clone())
                })
                .collect();
            say(
                "budget_increase",
                "initiative (money is the initiative's, not a milestone's)",
                match named.first() {
                    Some(i) => format!("name the initiative in `affects` (`{i}`), or take the amount out"),
                    None => "name the initiative whose budget it raises in `affects`, or take the amount out".into(),
                },
            );
        }
        if c.delay_days.is_some() && !initiative && !milestone {
            say(
                "delay_days",
                "initiative or milestone",
                "name the milestone (`initiative/milestone`) or initiative whose dates it moves in `affects`, or take the days out".into(),
            );
        }
    }
    out
}

fn figure_after_retirement(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
    r.kpis
        .iter()
        .filter_map(|k| {
            let retired = k.retired.as_ref()?;
            let after: Vec<&str> = k
                .data
                .iter()
                .filter(|p| p.date.day >= retired.day)
                .map(|p| p.date.written.as_str())
                .collect();
            if after.is_empty() {
                return None;
            }
            let mut d = lints::FIGURE_AFTER_RETIREMENT.at(
                &k.meta.path,
                k.retired_span.or(at(&k.meta)),
                format!(
                    "KPI `{}` is retired from {} but has {} for {}",
                    k.meta.id,
                    retired.written,
                    if after.len() == 1 { "a figure" } else { "figures" },
                    after.join(", ")
                ),
            );
            d.help = Some(
                "set `retired:` to the first period no longer measured, or take out the figures measured after it"
                    .into(),
            );
            Some(d)
        })
        .collect()
}

fn stale_kpi(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    r.kpis
        .iter()
        // A figure that could not be read (its error is told) may be the
        // latest: "no value since" would blame the typo's month.
        .filter(|k| !k.figures_incomplete)
        .filter_map(|k| {
            let status = facts.kpis.get(&k.meta.id)?;
            let s = status.stale?;
            // The latest measured, as the status reads it: one dated ahead
            // is `figure-in-the-future`'s, and one taken out since a
            // snapshot reported it with no decision still counts.
            let last = crate::analysis::figures_by(k, config.today.day).last()?;
            let since = status
                .latest_date
                .as_deref()
                .unwrap_or(last.date.written.as_str());
            let mut d = lints::STALE_KPI.at(
                &k.meta.path,
                at(&k.meta),
                format!(
                    "KPI `{}` has no value since {} ({} ago), though it was measured about every {}",
                    k.meta.id,
                    since,
                    crate::words::days(s.days),
                    crate::words::days(s.every)
                ),
            );
            d.help = Some("add the values measured since, in `data:` or its `data_file`".into());
            Some(d)
        })
        .collect()
}

fn watermelon(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    watermelon_findings(facts.watermelons(r), &facts.health)
}

fn watermelon_findings<'a>(
    initiatives: impl Iterator<Item = &'a crate::model::Initiative>,
    health: &std::collections::BTreeMap<String, crate::analysis::schedule::Computed>,
) -> Vec<Diagnostic> {
    initiatives
        .map(|i| {
            let reasons = health
                .get(&i.meta.id)
                .map(|c| c.reasons.join("; "))
                .unwrap_or_default();
            let line = i.health_line.unwrap_or(i.meta.line);
            let mut d = lints::WATERMELON.at(
                &i.meta.path,
                Some(Span::new(line, 1, 6)),
                format!(
                    "`{}` reports green but its computed health is red: {reasons}",
                    i.meta.id
                ),
            );
            d.help = Some(
                "report the health the data supports (`health: red`) or fix what makes it red"
                    .into(),
            );
            d
        })
        .collect()
}

fn overcommitted_team(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    // A quarter already over is history (the capacity page keeps it), not
    // a risk anyone can still act on; as the dashboard, from this one on.
    let this_quarter =
        crate::base::date::Quarter::of(config.today.day, config.roadmap.fiscal_year_start)
            .to_string();
    let mut out = Vec::new();
    for load in &facts.capacity {
        let Some(team) = r.get(&load.team) else {
            continue;
        };
        for q in load
            .quarters
            .iter()
            .filter(|q| q.overcommitted() && q.quarter.as_str() >= this_quarter.as_str())
        {
            let message = match q.utilisation {
                Some(u) => format!(
                    "team `{}` is at {}% in {}: capacity {}, operational load {}% ({} person-days), committed {} person-days, {} over",
                    load.team,
                    (u * 100.0).round(),
                    q.quarter,
                    num(q.capacity),
                    (q.ops_load * 100.0).round(),
                    num(q.ops_days),
                    num(q.committed),
                    num(-q.remaining)
                ),
                None => format!(
                    "team `{}` has no capacity in {} (capacity 0) and {} person-days committed: the work has no one to do it",
                    load.team,
                    q.quarter,
                    num(q.committed)
                ),
            };
            // Counted to the end it stands committed to, not the later one
            // written with no decision: said, or the plan's dates disagree.
            let to_committed: Vec<String> = q
                .by_initiative
                .iter()
                .filter_map(|(id, _)| {
                    let end = facts.committed_ends.get(id.as_str())?;
                    Some(format!(
                        "`{id}` to {}, the end it stands committed to",
                        crate::base::date::iso(*end)
                    ))
                })
                .collect();
            let message = if to_committed.is_empty() {
                message
            } else {
                format!("{message} (counting {})", to_committed.join(", "))
            };
            let mut d = lints::OVERCOMMITTED_TEAM.at(&team.path, at(team), message);
            d.help = Some(if to_committed.is_empty() {
                "move or cut work, add capacity, or lower the operational load".into()
            } else {
                "move or cut work, add capacity, or lower the operational load; a later end needs an approved change request to count".into()
            });
            out.push(d);
        }
    }
    out
}

fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Where a dependent (initiative or milestone) is written.
/// Where a finding about a milestone's date points: its `due:`.
fn due_location(r: &Roadmap, gid: &str) -> Option<(String, Option<Span>)> {
    let m = r.milestone(gid)?;
    let path = r.initiative(&m.initiative)?.meta.path.clone();
    Some((path, m.due_span.or(Some(Span::new(m.line, m.col, 1)))))
}

/// The `depends_on` entry of `from` that names `to`, else `from` itself.
fn dependency_location(r: &Roadmap, from: &str, to: &str) -> Option<(String, Option<Span>)> {
    match r.dependency_spans.get(&(from.to_string(), to.to_string())) {
        Some((path, span)) => Some((path.clone(), Some(*span))),
        None => location(r, from),
    }
}

pub(crate) fn location(r: &Roadmap, id: &str) -> Option<(String, Option<Span>)> {
    match r.milestone(id) {
        Some(m) => Some((
            r.initiative(&m.initiative)?.meta.path.clone(),
            Some(Span::new(m.line, m.col, 1)),
        )),
        None => {
            let i = r.initiative(id)?;
            Some((i.meta.path.clone(), at(&i.meta)))
        }
    }
}

fn dependency_conflict(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    // A link of a cycle is the cycle's error already: no date could meet it.
    let in_cycle: std::collections::HashSet<(&str, &str)> = facts
        .cycles
        .iter()
        .flat_map(|c| c.windows(2).map(|w| (w[0].as_str(), w[1].as_str())))
        .collect();
    facts
        .dependencies
        .links
        .iter()
        .filter(|l| l.conflict_days.is_some())
        .filter(|l| l.from != l.to && !in_cycle.contains(&(l.from.as_str(), l.to.as_str())))
        .filter(|l| {
            r.initiative(&l.from)
                .or_else(|| {
                    r.milestone(&l.from)
                        .and_then(|m| r.initiative(&m.initiative))
                })
                .is_some_and(|i| !i.is_closed())
        })
        .filter_map(|l| {
            let (path, span) = dependency_location(r, &l.from, &l.to)?;
            let days = l.conflict_days?;
            let needed = l.needed_by.map(crate::base::date::iso).unwrap_or_default();
            let ready = l.ready_by.map(crate::base::date::iso).unwrap_or_default();
            let mut d = lints::DEPENDENCY_CONFLICT.at(
                &path,
                span,
                format!(
                    "`{}` needs `{}` by {needed}, but it ends {ready} ({} later)",
                    l.from,
                    l.to,
                    crate::words::days(days)
                ),
            );
            d.help = Some("move the dependent later or the dependency earlier".into());
            Some(d)
        })
        .collect()
}

fn blocked_dependency(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    facts
        .dependencies
        .links
        .iter()
        .filter_map(|l| {
            let why = l.blocked.as_ref()?;
            let (path, span) = dependency_location(r, &l.from, &l.to)?;
            let mut d = lints::BLOCKED.at(&path, span, format!("`{}` is blocked: {why}", l.from));
            d.help = Some("deliver or re-plan the dependency, or re-plan the dependent".into());
            Some(d)
        })
        .collect()
}

fn review_cadence(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    // A review whose type could not be read may be the one a cadence
    // lacks: its own finding is the one to fix.
    if r.reviews.iter().any(|v| v.kind_unread) {
        return Vec::new();
    }
    facts
        .governance
        .cadence
        .iter()
        .filter(|c| c.lapsed)
        .map(|c| {
            let key = if c.kind == "strategic" { "strategic-review-days" } else { "operational-review-days" };
            let (path, span, message) = match &c.last {
                Some((id, day)) => {
                    let m = r.get(id);
                    (
                        m.map(|m| m.path.clone()).unwrap_or_default(),
                        m.map(|m| Span::new(m.line, 1, 1)),
                        format!(
                            "no {} review for {} days (last on {}); `{key}` asks for one every {} days",
                            c.kind,
                            c.days_since.unwrap_or(0),
                            crate::base::date::iso(*day),
                            c.required_days
                        ),
                    )
                }
                None => (crate::config::FILE.to_string(), None, format!("no {} review is recorded; `{key}` asks for one every {} days", c.kind, c.required_days)),
            };
            let mut d = lints::REVIEW_CADENCE.at(&path, span, message);
            d.help = Some(format!("hold the {} review and record it under content/reviews/", c.kind));
            d
        })
        .collect()
}

fn outcome_horizon_missed(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    r.outcomes
        .iter()
        .filter_map(|o| {
            let roll = facts.outcomes.get(&o.meta.id)?;
            let horizon = o.horizon.as_ref()?;
            let latest = roll.beyond_horizon.first()?;
            let shown: Vec<String> = roll
                .beyond_horizon
                .iter()
                .take(3)
                .map(|b| format!("`{}` {}", b.id, crate::base::date::iso(b.date)))
                .collect();
            let more = roll.beyond_horizon.len().saturating_sub(shown.len());
            let mut d =
                lints::OUTCOME_HORIZON_MISSED.at(
                    &o.meta.path,
                    o.horizon_span.or(at(&o.meta)),
                    format!(
                    "outcome `{}` is due by {} ({}), but the work serving it ends {} later: {}{}",
                    o.meta.id,
                    horizon.written,
                    crate::base::date::iso(horizon.day),
                    crate::words::days(crate::analysis::days_between(horizon.day, latest.date)),
                    shown.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                ),
                );
            d.help = Some(
                "bring that work in, or agree a later horizon with the outcome's owner".into(),
            );
            Some(d)
        })
        .collect()
}

fn outcome_without_kpi(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    // A retired KPI measures it no more.
    let live = |id: &&str| !facts.kpi_retired(id);
    r.outcomes
        .iter()
        .filter(|o| !crate::analysis::outcomes::kpis_of(r, o).iter().any(live))
        .map(|o| {
            let retired = crate::analysis::outcomes::kpis_of(r, o);
            let mut d = lints::OUTCOME_WITHOUT_KPI.at(
                &o.meta.path,
                at(&o.meta),
                if retired.is_empty() {
                    format!("no KPI measures outcome `{}`", o.meta.id)
                } else {
                    format!(
                        "no live KPI measures outcome `{}`: {} retired",
                        o.meta.id,
                        retired
                            .iter()
                            .map(|id| format!("`{id}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
            );
            d.help = Some(format!(
                "add a KPI with `outcome: {}`, or list one under the outcome's `kpis:`",
                o.meta.id
            ));
            d
        })
        .collect()
}

fn stale_change(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    facts
        .governance
        .stale_changes
        .iter()
        .filter_map(|(id, days)| {
            let m = r.get(id)?;
            let mut d = lints::STALE_CHANGE.at(
                &m.path,
                at(m),
                format!(
                    "change request `{id}` has waited {} for a decision",
                    crate::words::days(*days)
                ),
            );
            d.help = Some(
                "set `status: approved` or `rejected`, with `decided:` and `decided_by:`".into(),
            );
            Some(d)
        })
        .collect()
}

fn stale_risk(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    facts
        .risks
        .stale
        .iter()
        .filter_map(|s| {
            let x = r.risk(&s.id)?;
            let m = &x.meta;
            let since = if s.own_date {
                "its `review_by`".to_string()
            } else {
                format!(
                    "{} after its last review (`risk-review-days`)",
                    crate::words::days(config.governance.risk_review_days)
                )
            };
            let mut d = lints::STALE_RISK.at(
                &m.path,
                x.review_span.or(at(m)),
                format!(
                    "`{}` was due for review on {} ({since}) and is {} late",
                    s.id,
                    crate::base::date::iso(s.due),
                    crate::words::days(s.days)
                ),
            );
            d.help = Some(
                "review it with its owner, then set `reviewed:` to the day and `review_by:` to the next one (or close it)".into(),
            );
            Some(d)
        })
        .collect()
}

fn risk_without_mitigation(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
    let high = config.governance.risk_high_exposure;
    r.risks
        .iter()
        .filter(|x| x.is_open() && x.mitigation.is_none())
        .filter_map(|x| {
            let exposure = x.exposure().filter(|e| *e >= high)?;
            let mut d = lints::RISK_WITHOUT_MITIGATION.at(
                &x.meta.path,
                at(&x.meta),
                format!(
                    "open {} `{}` has exposure {exposure} ({} × {}) and no `mitigation`",
                    x.kind,
                    x.meta.id,
                    x.likelihood().unwrap_or(0),
                    x.impact.unwrap_or(0)
                ),
            );
            d.help = Some(
                "say what is done about it in `mitigation:` (avoid, reduce, transfer or accept; who, by when)".into(),
            );
            Some(d)
        })
        .collect()
}

/// Where budget findings point: the `budget` field, else the title.
fn budget_at(i: &crate::model::Initiative) -> Option<Span> {
    i.budget.as_ref().and_then(|b| b.span).or(at(&i.meta))
}

/// One finding of `rule` for an initiative's spend entries that `misplaced`
/// picks: what they total, over how many periods (for `says`), and the
/// first of them in the help, after `fix`.
fn misplaced_spend(
    i: &crate::model::Initiative,
    rule: &'static lints::Rule,
    config: &Config,
    misplaced: impl Fn(&crate::model::DataPoint) -> bool,
    says: impl FnOnce(String, String) -> String,
    fix: &str,
) -> Option<Diagnostic> {
    let picked: Vec<&crate::model::DataPoint> = i.spend.iter().filter(|p| misplaced(p)).collect();
    let first = picked.first()?;
    let total: f64 = picked.iter().map(|p| p.value).sum();
    let mut d = rule.at(
        &i.meta.path,
        i.spend_span.or(at(&i.meta)),
        says(
            crate::words::money(total, &config.budget.currency),
            crate::words::count(picked.len(), "period", "periods"),
        ),
    );
    d.help = Some(format!("the first is {}: {fix}", first.date.written));
    Some(d)
}

fn spend_in_the_future(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
    let today = config.today.day;
    r.initiatives
        .iter()
        .filter_map(|i| {
            misplaced_spend(
                i,
                &lints::SPEND_IN_THE_FUTURE,
                config,
                // A period under way is spent in; one that has not begun is not.
                |p| p.date.day > today,
                |amount, periods| {
                    format!(
                        "initiative `{}` has {amount} of spend for {periods} after today ({}): no total counts it",
                        i.meta.id, config.today.written
                    )
                },
                "write the period it was spent in (check the year)",
            )
        })
        .collect()
}

/// Rows of a shared spend file naming no initiative of the roadmap: money
/// no total counts. Each (file, name) once, whichever initiatives read it.
fn spend_row_unmatched(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for e in &r.unmatched_spend {
        let named = r.initiative(&e.initiative);
        // How much is left out, in our currency as the budget page sums
        // it, then in any other.
        let currency = &config.budget.currency;
        let (amount, rows) = e.in_currency(currency);
        let sums: Vec<String> = [(currency.as_str(), amount, rows)]
            .into_iter()
            .filter(|&(_, _, rows)| rows > 0)
            .chain(e.in_others(currency))
            .map(|(c, amount, rows)| {
                format!(
                    "{} over {}",
                    crate::words::money(amount, c),
                    crate::words::count(rows, "row", "rows")
                )
            })
            .collect();
        let uncounted = match sums.is_empty() {
            true => String::new(),
            false => format!(" ({})", sums.join("; ")),
        };
        let mut d = lints::SPEND_ROW_UNMATCHED.at(
            &e.path,
            Some(e.span),
            if let Some(j) = named {
                let theirs = match (&j.spend_file, j.spend.is_empty()) {
                    (Some(other), _) => format!("which reads its spend from `{other}`, not this file"),
                    (None, false) => "which records its spend in `spend:`, not in this file".to_string(),
                    (None, true) => "which has no `spend_file`".to_string(),
                };
                format!(
                    "this row is for initiative `{}`, {theirs}: no initiative counts the spend on the rows naming it{uncounted}",
                    j.meta.id
                )
            } else if e.initiative.is_empty() {
                format!("this row names no initiative in the `initiative` column: no initiative counts the spend on such rows{uncounted}")
            } else {
                format!(
                    "this row is for initiative `{}`, which is not an initiative of the roadmap: no initiative counts the spend on the rows naming it{uncounted}",
                    crate::parse::data::clip(&e.initiative, 40)
                )
            },
        );
        let here = e
            .path
            .split_once('/')
            .map_or(e.path.as_str(), |(_, rest)| rest);
        d.help = Some(
            match crate::diag::closest(&e.initiative, r.initiatives.iter().map(|i| i.meta.id.as_str())) {
                // Pointing it here would drop the spend it has: said only
                // where it has none.
                _ if named.is_some_and(|j| j.spend_file.is_none() && j.spend.is_empty()) => format!(
                    "add `spend_file: {here}` to it to count these rows, or leave them out of the export"
                ),
                _ if named.is_some() => format!(
                    "if this export replaces its own record, point its `spend_file` here (`spend_file: {here}`); else leave these rows out of the export, or move them to its record if they are missing there"
                ),
                Some(near) => format!("did you mean `{near}`?"),
                None => "write the id of the initiative the money was spent on (its file name without `.md`), or leave the row out of the file".to_string(),
            },
        );
        out.push(d);
    }
    out
}

fn spend_before_start(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
    r.initiatives
        .iter()
        .filter_map(|i| {
            // Only a written start: one derived from the first milestone says
            // nothing about when money may be spent.
            let start = i.start.as_ref()?;
            misplaced_spend(
                i,
                &lints::SPEND_BEFORE_START,
                config,
                |p| crate::base::date::period_end(&p.date) <= start.day,
                |amount, periods| {
                    format!(
                        "initiative `{}` has {amount} of spend for {periods} before its start ({}): the totals count it, the plan does not",
                        i.meta.id, start.written
                    )
                },
                "write the period it was spent in (check the year), or move `start:` to when the work began",
            )
        })
        .collect()
}

/// "approved budget of EUR 900,000 (raised to EUR 1,050,000 with no
/// approved change request)" where a rise stands unapproved, else
/// "budget": what money findings judge by.
fn judged_budget(s: &crate::analysis::budget::BudgetStatus, config: &Config) -> String {
    let money = |v: f64| crate::words::money(v, &config.budget.currency);
    match s.approved {
        Some(a) => format!(
            "approved budget of {} (raised to {} with no approved change request)",
            money(a),
            money(s.total)
        ),
        None => "budget".to_string(),
    }
}

fn overspend(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    let money = |v: f64| crate::words::money(v, &config.budget.currency);
    r.initiatives
        .iter()
        // "Spent with no budget" would blame a budget whose error is told,
        // and a plan spread over fallback dates is no plan; spend with an
        // amount that could not be read would be told short of itself.
        .filter(|i| !i.budget_unreadable && !i.dates_unreadable && !i.spend_incomplete)
        .filter_map(|i| {
            let s = facts.budget.initiatives.get(&i.meta.id).filter(|s| s.overspent)?;
            // The budget judged by, named: the approved one where a rise
            // stands unapproved.
            let of_budget = match s.approved {
                Some(_) => format!("its {}", judged_budget(s, config)),
                None => format!("its whole budget of {}", money(s.total)),
            };
            // To the books' cut-off, as the plan runs.
            let when = if s.as_of < config.today.day {
                format!("to {}", crate::base::date::iso(s.as_of))
            } else {
                "by today".to_string()
            };
            let which = match i.status.as_str() {
                "cancelled" => "cancelled initiative",
                "done" => "done initiative",
                _ => "initiative",
            };
            let message = match (i.budget.is_some(), s.planned_to_date) {
                (false, _) => format!(
                    "initiative `{}` spent {} and has no `budget`",
                    i.meta.id,
                    money(s.actual_to_date)
                ),
                (true, Some(planned)) if planned > 0.0 && !s.beyond_whole() => format!(
                    "initiative `{}` spent {} {when} against {} planned to {}{} ({}, tolerance {}%)",
                    i.meta.id,
                    money(s.actual_to_date),
                    money(planned),
                    crate::base::date::iso(s.as_of),
                    s.approved
                        .map(|_| format!(" by its {}", judged_budget(s, config)))
                        .unwrap_or_default(),
                    over_plan(
                        s.variance_share.unwrap_or(0.0) * 100.0,
                        config.budget.overspend_tolerance
                    ),
                    config.budget.overspend_tolerance
                ),
                (true, _) => format!(
                    "{which} `{}` spent {} by today, more than {of_budget}{}",
                    i.meta.id,
                    money(s.actual_to_date),
                    s.burn
                        .filter(|b| b.is_finite() && *b > 0.0)
                        .map(|b| format!(" ({:.0}% of it)", b * 100.0))
                        .unwrap_or_default()
                ),
            };
            // Judged by the spend reported: say what it is written as now.
            let message = match s.restated {
                Some(down) => format!(
                    "{message}; spend as reported, written down since to {} with no approved change request",
                    money(s.actual_to_date - down)
                ),
                None => message,
            };
            let mut d = lints::OVERSPEND.at(&i.meta.path, budget_at(i), message);
            // Work closed spends no more: its overrun is approved or not.
            d.help = Some(if i.is_closed() {
                "approve the overrun in a change request and raise `budget:` to what was spent".into()
            } else {
                "approve the extra money in a change request and raise `budget:`, or bring spend back to plan".into()
            });
            Some(d)
        })
        .collect()
}

fn figure_in_the_future(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
    let today = config.today.day;
    r.kpis
        .iter()
        .filter_map(|k| {
            let ahead = &k.data[crate::analysis::figures_by(k, today).len()..];
            let first = ahead.first()?;
            let mut d = lints::FIGURE_IN_THE_FUTURE.at(
                &k.meta.path,
                k.data_span.or(at(&k.meta)),
                format!(
                    "KPI `{}` has {} for a period after today ({}): its latest value leaves {} out",
                    k.meta.id,
                    crate::words::count(ahead.len(), "figure", "figures"),
                    config.today.written,
                    if ahead.len() == 1 { "it" } else { "them" }
                ),
            );
            d.help = Some(format!(
                "the first is {} ({}): write the period it was measured in (check the year)",
                first.date.written,
                crate::words::exact(first.value)
            ));
            Some(d)
        })
        .collect()
}

fn spend_not_recorded(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    // A roadmap that keeps budgets and no spend at all says so once, on
    // its budget page: a finding per initiative would bury the others.
    let records_spend = r.initiatives.iter().any(|i| !i.spend.is_empty());
    if !records_spend {
        return Vec::new();
    }
    r.initiatives
        .iter()
        .filter(|i| {
            i.status != "cancelled"
                && !i.budget_unreadable
                && !i.dates_unreadable
                && !i.spend_incomplete
        })
        .filter_map(|i| {
            let s = facts.budget.initiatives.get(&i.meta.id)?;
            let planned = s
                .planned_to_date
                .filter(|p| *p > 0.0 && !s.spend_recorded && i.budget.is_some())?;
            let mut d = lints::SPEND_NOT_RECORDED.at(
                &i.meta.path,
                budget_at(i),
                format!(
                    "initiative `{}` planned {} by {} and has no spend on record: what it spent is unknown, and the budget's totals leave it out",
                    i.meta.id,
                    crate::words::money(planned, &config.budget.currency),
                    crate::base::date::iso(s.as_of)
                ),
            );
            d.help = Some(format!(
                "record what it spent (`spend:` or `spend_file:`); if it spent nothing yet, write `spend: {{ {}: 0 }}`",
                crate::base::date::Quarter::of(s.as_of, config.roadmap.fiscal_year_start)
            ));
            Some(d)
        })
        .collect()
}

fn burn_ahead_of_progress(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    r.initiatives
        .iter()
        .filter(|i| !i.is_closed())
        // Progress without a milestone whose error is told would be
        // progress on the wrong count.
        .filter(|i| {
            i.dropped_milestones.is_empty() && !i.budget_unreadable && !i.spend_incomplete
        })
        .filter_map(|i| {
            let s = facts.budget.initiatives.get(&i.meta.id).filter(|s| s.burn_ahead)?;
            let progress = facts.progress.get(&i.meta.id)?;
            let mut d = lints::BURN_AHEAD.at(
                &i.meta.path,
                budget_at(i),
                format!(
                    "initiative `{}` has spent {:.0}% of its {} with {} of {} milestones done ({:.0}%); `burn-tolerance` allows {} points",
                    i.meta.id,
                    s.burn.unwrap_or(0.0) * 100.0,
                    judged_budget(s, config),
                    progress.done,
                    progress.total,
                    s.progress.unwrap_or(0.0) * 100.0,
                    config.budget.burn_tolerance
                ),
            );
            d.help = Some(
                "re-estimate what is left, then ask for more money or cut scope in a change request".into(),
            );
            Some(d)
        })
        .collect()
}

/// An item that happened and nothing on what it affects has moved since:
/// no change request on that work dated on or after it happened.
fn occurred_risk_open(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
    r.risks
        .iter()
        .filter(|x| x.is_open() && x.has_happened() && !x.affects.is_empty())
        // What it hit is delivered or closed: no plan carries on past it
        // ("as if nothing had happened" over a milestone done since).
        .filter(|x| x.affects.iter().any(|id| still_ahead(r, id)))
        .filter(|x| {
            let since = x.occurred.as_ref().or(x.raised.as_ref()).map(|d| d.day);
            let work = affected_work(r, &x.affects);
            !r.changes.iter().any(|c| {
                since.is_none_or(|s| c.date.day >= s || c.decided.as_ref().is_some_and(|d| d.day >= s))
                    && c.affects.iter().any(|a| work.contains(a.as_str()))
            })
        })
        .map(|x| {
            let since = x
                .occurred
                .as_ref()
                .or(x.raised.as_ref())
                .map(|d| format!("is dated since {}", d.written))
                .unwrap_or_else(|| "exists".into());
            let state = if x.status == "occurred" { "occurred" } else { "is open" };
            let mut d = lints::OCCURRED_RISK_OPEN.at(
                &x.meta.path,
                at(&x.meta),
                format!(
                    "{} `{}` {state}, but no change request on {} {since}: the plan carries on as if nothing had happened",
                    x.kind,
                    x.meta.id,
                    x.affects.join(", ")
                ),
            );
            // A change request names work: the first initiative or
            // milestone affected, else one serving the affected outcome.
            let work = affected_work(r, &x.affects);
            let target = x
                .affects
                .iter()
                .map(String::as_str)
                .chain(work.iter().copied())
                .find(|id| r.initiative(id).is_some() || r.milestone(id).is_some());
            d.help = Some(match target {
                Some(t) => format!(
                    "record the response in a change request: `roadbook new change ID --affects {t}`"
                ),
                None => "record the response in a change request on the work it affects".into(),
            });
            d
        })
        .collect()
}

/// Whether the work `id` names is still to be delivered: a milestone not
/// done of open work, an initiative not closed; anything else (an
/// outcome) is.
fn still_ahead(r: &Roadmap, id: &str) -> bool {
    match (r.milestone(id), r.initiative(id)) {
        (Some(m), _) => {
            m.done.is_none() && !r.initiative(&m.initiative).is_some_and(|i| i.is_closed())
        }
        (None, Some(i)) => !i.is_closed(),
        _ => true,
    }
}

/// Ids a change request may name to answer for `affects`: each id, the
/// initiative of a milestone, the milestones of an initiative, and for an
/// outcome the live initiatives serving it (a change request cannot name
/// an outcome).
fn affected_work<'r>(r: &'r Roadmap, affects: &'r [String]) -> std::collections::BTreeSet<&'r str> {
    let mut out = std::collections::BTreeSet::new();
    let add_initiative = |i: &'r crate::model::Initiative,
                          out: &mut std::collections::BTreeSet<&'r str>| {
        out.insert(i.meta.id.as_str());
        out.extend(i.milestones.iter().map(|m| m.gid.as_str()));
    };
    for id in affects {
        out.insert(id.as_str());
        if let Some(m) = r.milestone(id) {
            out.insert(m.initiative.as_str());
        }
        if let Some(i) = r.initiative(id) {
            add_initiative(i, &mut out);
        }
        if r.item_ref(id).is_some_and(|x| x.kind == Kind::Outcome) {
            for i in r
                .initiatives
                .iter()
                .filter(|i| i.outcomes.contains(id) && crate::analysis::is_live(i))
            {
                add_initiative(i, &mut out);
            }
        }
    }
    out
}

/// Where a KPI stood in a snapshot, as a finding says it: "42 % against
/// 50 %, off target".
fn stood_then(
    k: &crate::model::Kpi,
    latest: Option<f64>,
    target: Option<f64>,
    on_target: Option<bool>,
) -> String {
    let unit = k.unit.as_deref().unwrap_or_default();
    let shown = |v: f64| crate::words::with_unit(&crate::words::exact(v), unit);
    match (latest, target, on_target) {
        (Some(v), Some(t), Some(ok)) => format!(
            "{} against {}, {}",
            shown(v),
            shown(t),
            if ok { "on target" } else { "off target" }
        ),
        (Some(v), _, _) => format!("{}, no target", shown(v)),
        _ => "no figure yet".to_string(),
    }
}

/// Findings that need history: slips, scope changes and latent slips
/// without an approved change request, judged over the whole history (a
/// snapshot taken since clears none of them).
///
/// One finding per KPI (or initiative's spend), its revised figures named
/// (a restated series is one decision).
fn figure_revisions(
    r: &Roadmap,
    revisions: &[crate::history::FigureRevision],
    config: &Config,
) -> Vec<Diagnostic> {
    use crate::history::{FigureRevision, Series};
    let mut by_item: std::collections::BTreeMap<(Series, &str), Vec<&FigureRevision>> =
        std::collections::BTreeMap::new();
    for x in revisions {
        by_item
            .entry((x.series, x.id.as_str()))
            .or_default()
            .push(x);
    }
    let in_content = |file: &str| config.in_content(file.trim_start_matches("./"));
    let currency = config.budget.currency.as_str();
    by_item
        .into_iter()
        .filter_map(|((series, id), revised)| {
            // Where the figures are written, what they are and how shown.
            let (path, span, what, rule) = match series {
                Series::Kpi => {
                    let k = r.kpi(id)?;
                    match &k.data_file {
                        Some(file) => (in_content(file), None, "KPI", &lints::KPI_REVISED),
                        None => (k.meta.path.clone(), k.data_span.or_else(|| at(&k.meta)), "KPI", &lints::KPI_REVISED),
                    }
                }
                Series::Spend => {
                    let i = r.initiative(id)?;
                    let span = i.spend_span.or_else(|| at(&i.meta));
                    match &i.spend_file {
                        Some(file) => (in_content(file), None, "spend of initiative", &lints::SPEND_REVISED),
                        None => (i.meta.path.clone(), span, "spend of initiative", &lints::SPEND_REVISED),
                    }
                }
            };
            let n = |v: f64| match series {
                Series::Kpi => crate::words::exact(v),
                Series::Spend => crate::words::money(v, currency),
            };
            // A figure written again for the same day in another form
            // (`2026-10` as `2026-10-01`, as a spreadsheet saves it) is
            // another figure: say so, or "gone" reads as a lie.
            let now_data = series.of(r, id).unwrap_or_default();
            let rewritten = |x: &crate::history::FigureRevision| {
                now_data
                    .iter()
                    .find(|p| p.date.day == x.key.0 && p.date.precision != x.key.1)
                    .map(|p| p.date.written.as_str())
            };
            // Spend written as a coarser period (months as their quarter)
            // for less than the amounts it replaced: the period and what
            // it holds against what was reported for its parts.
            let within = |x: &crate::history::FigureRevision| {
                let whole = now_data.iter().find(|p| {
                    series == Series::Spend
                        && crate::base::date::lies_within(x.key, crate::history::figure_key(&p.date))
                })?;
                // Taken as regrouped once the period is over and it holds
                // at least what was reported for it and the periods in it.
                let over = crate::base::date::period_end(&whole.date) <= config.today.day;
                Some(if over {
                    format!(
                        "now within `{}` ({}), which holds less than the snapshot reported for it and the periods in it",
                        whole.date.written,
                        n(whole.value)
                    )
                } else {
                    format!(
                        "now within `{}`, a period not over yet, whose amount may still change: keep the amounts reported until it is over",
                        whole.date.written
                    )
                })
            };
            let said: Vec<String> = revised
                .iter()
                .take(3)
                .map(|x| match (x.to, rewritten(x)) {
                    (Some(to), _) => format!("{} was {} in snapshot {}, now {}", x.date, n(x.from), x.after, n(to)),
                    (None, _) if within(x).is_some() => format!(
                        "{} was {} in snapshot {}, {}",
                        x.date,
                        n(x.from),
                        x.after,
                        within(x).unwrap_or_default()
                    ),
                    (None, Some(as_written)) => format!(
                        "{} was {} in snapshot {}, now written `{as_written}`, another figure (write it as the snapshot did)",
                        x.date, n(x.from), x.after
                    ),
                    (None, None) => format!("{} was {} in snapshot {}, now gone", x.date, n(x.from), x.after),
                })
                .collect();
            let more = revised.len().saturating_sub(said.len());
            let mut message = format!(
                "{what} `{id}`: {} changed with no approved change request: {}",
                crate::words::count(revised.len(), "reported figure", "reported figures"),
                said.join("; ")
            );
            if more > 0 {
                message.push_str(&format!(" (and {more} more)"));
            }
            let mut d = rule.at(&path, span, message);
            d.help = Some(match series {
                Series::Kpi => format!(
                    "if the figures were corrected, record it: `roadbook new change ID --affects {id} --decided-by NAME` writes an approved change request (say why in it); else put back the figures reported"
                ),
                Series::Spend => format!(
                    "if the amounts were corrected (a late invoice, a booking reversed), record it: `roadbook new change ID --affects {id} --decided-by NAME` writes an approved change request (say why in it); else put back the amounts reported"
                ),
            });
            Some(d)
        })
        .collect()
}

/// The period a figure's key names, as a date (its text unused).
/// A finding for each budget increase and later end that stands with no
/// approved change request (the history's, or an archived version's as
/// of its day).
pub fn unapproved_rises(
    r: &Roadmap,
    open_budget: &[crate::history::BudgetIncrease],
    open_ends: &[crate::history::EndSlip],
    config: &Config,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for b in open_budget {
        let Some(i) = r.initiative(&b.id) else {
            continue;
        };
        let money = |v: f64| crate::words::money(v, &config.budget.currency);
        let mut d = lints::UNAPPROVED_BUDGET_INCREASE.at(
            &i.meta.path,
            budget_at(i),
            if b.from == 0.0 && (b.approved > b.from || b.capped_by.is_some()) {
                format!(
                    "`{}` was given a budget of {} after snapshot {}, where it had none, {} of it with no approved change request (approved up to {})",
                    b.id,
                    money(b.to),
                    b.after,
                    money(b.to - b.approved),
                    money(b.approved)
                )
            } else if b.approved > b.from || b.capped_by.is_some() {
                // A later increase approved, or this one in part: the
                // finding is the rest.
                format!(
                    "the budget of `{}` rose from {} to {} after snapshot {}, {} of it with no approved change request (approved up to {})",
                    b.id,
                    money(b.from),
                    money(b.to),
                    b.after,
                    money(b.to - b.approved),
                    money(b.approved)
                )
            } else if b.from == 0.0 {
                format!(
                    "`{}` was given a budget of {} after snapshot {}, where it had none, with no approved change request",
                    b.id,
                    money(b.to),
                    b.after
                )
            } else {
                format!(
                    "the budget of `{}` rose from {} to {} after snapshot {}, with no approved change request",
                    b.id,
                    money(b.from),
                    money(b.to),
                    b.after
                )
            },
        );
        // (The amount it approves is the one it had on record, which its
        // file may no longer say: the message gives what stands.)
        d.help = Some(match b.capped_by.as_deref() {
            // Approved, but for less than the rise it was matched to.
            Some(c) => format!(
                "`{c}` approves less than the rise (its `budget_increase`, as on record): record the decision on the rest, `roadbook new change ID --affects {} --decided-by NAME --budget-increase AMOUNT`, or bring the budget back within what was approved",
                b.id
            ),
            None => format!(
                "record the approval: `roadbook new change ID --affects {} --decided-by NAME`",
                b.id
            ),
        });
        out.push(d);
    }
    for e in open_ends {
        let Some(i) = r.initiative(&e.id) else {
            continue;
        };
        let message = if e.change == crate::history::EndChange::WrittenSince {
            format!(
                "initiative `{}` ends {} (`end:` written) instead of {}, the end its milestones made (+{}) after snapshot {}, with no approved change request",
                e.id,
                e.to,
                e.from,
                crate::words::days(e.days),
                e.after
            )
        } else if e.change == crate::history::EndChange::TakenOut {
            format!(
                "initiative `{}` ends {} with its milestones (`end:` taken out) instead of {} (+{}) after snapshot {}, with no approved change request",
                e.id,
                e.to,
                e.from,
                crate::words::days(e.days),
                e.after
            )
        } else if e.unapproved_days < e.days || e.capped_by.is_some() {
            format!(
                "initiative `{}` ends {} instead of {} (+{}) after snapshot {}, {} of it with no approved change request",
                e.id,
                e.to,
                e.from,
                crate::words::days(e.days),
                e.after,
                crate::words::days(e.unapproved_days)
            )
        } else {
            format!(
                "initiative `{}` ends {} instead of {} (+{}) after snapshot {}, with no approved change request",
                e.id,
                e.to,
                e.from,
                crate::words::days(e.days),
                e.after
            )
        };
        let mut d = lints::UNACKNOWLEDGED_END.at(&i.meta.path, i.end_span.or(at(&i.meta)), message);
        d.help = Some(match e.capped_by.as_deref() {
            Some(c) => format!(
                "`{c}` approves fewer days than the move (its `delay_days`, as on record): record the decision on the rest, `roadbook new change ID --affects {} --decided-by NAME --delay-days DAYS`, or bring the end back within what was approved",
                e.id
            ),
            None => format!(
                "record the decision: `roadbook new change ID --affects {} --decided-by NAME`, or bring the end back",
                e.id
            ),
        });
        out.push(d);
    }
    out
}

/// A finding for each slip that needs a decision and misses one (the
/// history's, or an archived version's as of its day).
pub fn unacknowledged_slips<'h>(
    r: &Roadmap,
    slips: impl Iterator<Item = &'h crate::history::Slip>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in slips {
        let Some((path, span)) = due_location(r, &s.gid) else {
            continue;
        };
        let slipped = format!(
            "milestone `{}` slipped {}, from {} to {}",
            s.gid,
            crate::words::days(s.days),
            crate::base::date::iso(s.baseline),
            crate::base::date::iso(s.due)
        );
        // Name the moves nobody decided, each with the snapshot a decision
        // must come after; and those approved for fewer days than they
        // took, with the request that did.
        let words = |m: &crate::history::UnapprovedMove| {
            let after = match &m.after {
                Some(snapshot) => format!("after snapshot {snapshot}"),
                None => "from its baseline".to_string(),
            };
            format!(
                "{} → {} (+{}, {after})",
                m.from,
                m.to,
                crate::words::days(m.moved)
            )
        };
        let (short, none): (Vec<_>, Vec<_>) = s
            .unacknowledged
            .iter()
            .partition(|m| m.approved_by.is_some());
        let mut parts: Vec<String> = Vec::new();
        if !none.is_empty() {
            parts.push(format!(
                "no approved change request for the move{} {}",
                if none.len() == 1 { "" } else { "s" },
                none.iter().map(|m| words(m)).collect::<Vec<_>>().join(", ")
            ));
        }
        for m in &short {
            parts.push(format!(
                "`{}` approves {} of the move {}: {} of it with no approved change request",
                m.approved_by.as_deref().unwrap_or_default(),
                crate::words::days(m.approved_days),
                words(m),
                crate::words::days(m.days)
            ));
        }
        let message = if parts.is_empty() {
            format!("{slipped}, with no approved change request")
        } else {
            format!("{slipped}; {}", parts.join("; "))
        };
        let mut d = lints::UNACKNOWLEDGED_SLIP
            .at(&path, span, message)
            .about_milestone(&s.gid);
        let rebaseline = match &s.baseline_unapproved {
            Some((written, after)) if written.as_str() == "(removed)" => format!(
                "removing its `baseline:` counts once a change request records the re-baseline, decided after snapshot {after}; "
            ),
            Some((written, after)) => format!(
                "its `baseline: {written}` counts once a change request records the re-baseline, decided after snapshot {after}; "
            ),
            None => String::new(),
        };
        d.help = Some(if short.is_empty() {
            format!(
                "{rebaseline}record the approval: `roadbook new change ID --affects {} --decided-by NAME` writes an approved change request (one affecting `{}` counts too)",
                s.gid, s.initiative
            )
        } else {
            format!(
                "{rebaseline}record the decision on the rest: `roadbook new change ID --affects {} --decided-by NAME --delay-days DAYS`, or bring the date back to {} at the latest, as approved",
                s.gid,
                crate::base::date::iso(s.committed)
            )
        });
        out.push(d);
    }
    out
}

/// Records a snapshot had whose files are gone, with no decision on record.
pub struct Removed<'h> {
    pub live: &'h [crate::history::RemovedInitiative],
    pub kpis: &'h [crate::history::RemovedKpi],
    pub changes: &'h [crate::history::RemovedChange],
    pub risks: &'h [crate::history::RemovedRisk],
}

/// The findings of [`Removed`]: the working tree's, and an archived
/// version's as of its day (its brief counted none of them, where a build
/// of its tag did).
pub fn removed_records(h: Removed, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A deleted file's path, as findings show paths: from the project root.
    let in_content = |rel: &str| config.in_content(rel);
    for gone in h.live {
        let path = in_content(&gone.rel);
        let mut d = lints::REMOVED_INITIATIVE.at(
            &path,
            None,
            format!(
                "initiative `{}` (“{}”, {}) was live in snapshot {} and its file is gone: deleting it took it off every page, with no decision on record",
                gone.id,
                gone.title,
                crate::words::count(gone.milestones, "milestone", "milestones"),
                gone.after
            ),
        );
        d.help = Some(format!(
            "bring the file back as snapshot {} has it and close it (`status: cancelled`), saying why in a change request (`roadbook new change ID --affects {} --decided-by NAME`); if it was renamed, keep the id `{}`",
            gone.after, gone.id, gone.id
        ));
        out.push(d);
    }
    for gone in h.kpis {
        let path = in_content(&gone.rel);
        let mut d = lints::REMOVED_KPI.at(
            &path,
            None,
            format!(
                "KPI `{}` (“{}”, last in snapshot {}) had {} reported and its file is gone: deleting the file took {} off every page, with no decision on record",
                gone.id,
                gone.title,
                gone.after,
                crate::words::count(gone.reported, "figure", "figures"),
                if gone.reported == 1 { "it" } else { "them" }
            ),
        );
        d.help = Some(format!(
            "bring the file back with the figures the snapshots reported (it was last in {}); if it is no longer measured, retire it (`retired:` the first period not measured) with an approved change request saying why: its figures stay on record; if it was renamed, keep the id `{}`",
            gone.after, gone.id
        ));
        out.push(d);
    }
    for gone in h.changes {
        let mut d = lints::REMOVED_CHANGE.at(
            &in_content(&gone.rel),
            None,
            format!(
                "change request `{}` (“{}”, {}) was in snapshot {} and its file is gone: the record of {} left the site, and what it approved stands unapproved or approved by a request written since",
                gone.id,
                gone.title,
                gone.status,
                gone.after,
                if gone.status == "proposed" { "a request" } else { "a decision" }
            ),
        );
        d.help = Some(format!(
            "bring the file back as snapshot {} has it (a request withdrawn is `status: rejected`, its reason in the body); if it was renamed, keep the id `{}`",
            gone.after, gone.id
        ));
        out.push(d);
    }
    for gone in h.risks {
        let path = in_content(&gone.rel);
        let exposure = gone
            .exposure
            .map(|e| format!(", exposure {e}"))
            .unwrap_or_default();
        let mut d = lints::REMOVED_RISK.at(
            &path,
            None,
            format!(
                "{} `{}` (“{}”{exposure}) was open in snapshot {} and its file is gone: deleting it took it off the RAID log, the heat map and the brief, with no decision on record",
                gone.risk_type, gone.id, gone.title, gone.after
            ),
        );
        d.help = Some(format!(
            "bring the file back as snapshot {} has it and close it (`status: closed`, `reviewed:` the day it was settled); if it was renamed, keep the id `{}`",
            gone.after, gone.id
        ));
        out.push(d);
    }
    out
}

pub fn history(r: &Roadmap, h: &crate::history::History, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // (The history leaves out what could not be read: missing, not removed.)
    out.extend(removed_records(
        Removed {
            live: &h.removed_live,
            kpis: &h.removed_kpis,
            changes: &h.removed_changes,
            risks: &h.removed_risks,
        },
        config,
    ));
    for x in &h.backdated_approvals {
        let Some(c) = r.change(&x.id) else {
            continue;
        };
        let mut d = lints::BACKDATED_APPROVAL.at(
            &c.meta.path,
            at(&c.meta),
            format!(
                "change request `{}` is approved, decided {}, but snapshot {} ({}) had it {}: it counts as decided on {}",
                x.id, x.decided, x.after, x.as_of, x.status_then, x.as_of
            ),
        );
        d.help = Some(format!(
            "write the day it was decided (`decided:`), on or after {}",
            x.as_of
        ));
        out.push(d);
    }
    out.extend(rewritten_approvals(r, &h.rewritten_approvals, config));
    out.extend(backdated_done(r, &h.open_backdated));
    for x in &h.open_rephasings {
        let Some(i) = r.initiative(&x.id) else {
            continue;
        };
        let money = |v: f64| crate::words::money(v, &config.budget.currency);
        let span = i
            .budget
            .as_ref()
            .and_then(|b| b.span)
            .or_else(|| at(&i.meta));
        let mut d = lints::BUDGET_REPHASED.at(
            &i.meta.path,
            span,
            format!(
                "{}: it planned {} to be spent by {}, and now plans {} by then, with no approved change request",
                if x.budget_as_written {
                    format!(
                        "the dates of `{}` moved since snapshot {}, its budget as it was",
                        x.id, x.after
                    )
                } else if (x.total_then - x.total_now).abs() < 0.5 {
                    format!(
                        "the budget of `{}` was rewritten since snapshot {}, its total the same",
                        x.id, x.after
                    )
                } else {
                    format!(
                        "the budget of `{}` was rewritten since snapshot {}, its total {} then and {} now",
                        x.id,
                        x.after,
                        money(x.total_then),
                        money(x.total_now)
                    )
                },
                money(x.planned_then),
                x.as_of,
                money(x.planned_now)
            ),
        );
        d.help = Some(format!(
            "if the plan was re-phased on purpose, record it: `roadbook new change ID --affects {} --decided-by NAME`; else put back the budget as snapshot {} had it",
            x.id, x.after
        ));
        out.push(d);
    }
    out.extend(open_decisions(
        r,
        OpenDecisions {
            cancellations: &h.open_cancellations,
            retirements: &h.open_retirements,
            unlinked: &h.open_unlinked,
            loosened: &h.open_loosened,
            revisions: &h.open_revisions,
        },
        config,
    ));
    out.extend(unapproved_rises(r, &h.open_budget, &h.open_ends, config));
    out.extend(unacknowledged_slips(
        r,
        h.slips.iter().filter(|s| s.is_unacknowledged()),
    ));
    out.extend(scope_and_latent(r, &h.open_scope, &h.open_latent));
    out
}

/// What stands undecided of the decisions a version's own history judges
/// (the working tree's whole, or an archived version's as of its day):
/// cancellations, KPIs retired, taken off an outcome or given a looser
/// target, and reported figures restated.
pub struct OpenDecisions<'h> {
    pub cancellations: &'h [crate::history::Cancellation],
    pub retirements: &'h [crate::history::KpiRetirement],
    pub unlinked: &'h [crate::history::KpiUnlinked],
    pub loosened: &'h [crate::history::TargetLoosened],
    pub revisions: &'h [crate::history::FigureRevision],
}

/// The findings of [`OpenDecisions`].
pub fn open_decisions(r: &Roadmap, d: OpenDecisions, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for x in d.cancellations {
        let Some(i) = r.initiative(&x.id) else {
            continue;
        };
        let open = match x.open_milestones.len() {
            0 => "no milestone open".to_string(),
            n => {
                let shown: Vec<&str> = x
                    .open_milestones
                    .iter()
                    .take(3)
                    .map(String::as_str)
                    .collect();
                let more = if n > 3 {
                    format!(" and {} more", n - 3)
                } else {
                    String::new()
                };
                format!(
                    "{} open ({}{more})",
                    crate::words::count(n, "milestone", "milestones"),
                    shown.join(", ")
                )
            }
        };
        let mut d = lints::UNAPPROVED_CANCELLATION.at(
            &i.meta.path,
            at(&i.meta),
            format!(
                "initiative `{}` is cancelled with no approved change request; snapshot {} showed it committed, with {open}",
                x.id, x.after
            ),
        );
        d.help = Some(format!(
            "record the decision: `roadbook new change ID --affects {} --decided-by NAME` writes an approved change request (say why, and where its open work went); else put back its status",
            x.id
        ));
        out.push(d);
    }
    for gone in d.retirements {
        let Some(k) = r.kpi(&gone.id) else {
            continue;
        };
        let stood = stood_then(k, gone.latest, gone.target, gone.on_target);
        let mut d = lints::UNAPPROVED_KPI_RETIREMENT.at(
            &k.meta.path,
            k.retired_span.or(at(&k.meta)),
            format!(
                "KPI `{}` is retired from {} with no approved change request; snapshot {} showed it measured ({stood})",
                gone.id, gone.retired, gone.after
            ),
        );
        d.help = Some(format!(
            "record the decision: `roadbook new change ID --affects {} --decided-by NAME` writes an approved change request (say why it is no longer measured and what measures its outcome instead); else take `retired:` out",
            gone.id
        ));
        out.push(d);
    }
    for x in d.unlinked {
        let Some(k) = r.kpi(&x.kpi) else {
            continue;
        };
        let stood = stood_then(k, x.latest, x.target, x.on_target);
        let mut d = lints::UNAPPROVED_KPI_RETIREMENT.at(
            &k.meta.path,
            at(&k.meta),
            format!(
                "KPI `{}` no longer measures outcome `{}`, with no approved change request; snapshot {} showed it measuring it ({stood})",
                x.kpi, x.outcome, x.after
            ),
        );
        d.help = Some(format!(
            "record the decision: `roadbook new change ID --affects {} --decided-by NAME` writes an approved change request (say why it no longer measures `{}` and what does instead); else put back the link (`outcome:` or `outcomes:` in the KPI, or `kpis:` in the outcome)",
            x.kpi, x.outcome
        ));
        out.push(d);
    }
    for x in d.loosened {
        let Some(k) = r.kpi(&x.id) else {
            continue;
        };
        let unit = k.unit.as_deref().unwrap_or_default();
        let shown = |v: f64| crate::words::with_unit(&crate::words::exact(v), unit);
        let mut d = lints::KPI_TARGET_LOOSENED.at(
            &k.meta.path,
            at(&k.meta),
            format!(
                "the target of KPI `{}` for today is {} ({}), where snapshot {} set {}: loosened with no approved change request",
                x.id,
                shown(x.now),
                if k.direction == "down" { "lower is better" } else { "higher is better" },
                x.after,
                shown(x.then)
            ),
        );
        d.help = Some(format!(
            "record the decision: `roadbook new change ID --affects {} --decided-by NAME` (say why the target moved); else put back {}",
            x.id,
            shown(x.then)
        ));
        out.push(d);
    }
    out.extend(figure_revisions(r, d.revisions, config));
    out
}

/// `unacknowledged-scope` and `latent-slip`: the scope changes and latent
/// slips no approved change request covers (the working tree's, or an
/// archived version's as of its day).
pub fn scope_and_latent(
    r: &Roadmap,
    open_scope: &[crate::history::ScopeChange],
    open_latent: &[crate::history::Latent],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A milestone removed and one added to the same initiative after the
    // same snapshot, under the removed one's title: a renamed id, whose
    // history starts again (old id, new id).
    let title_now = |gid: &str| {
        r.milestone_at(gid)
            .map(|(i, m)| r.initiatives[i].milestones[m].title.to_lowercase())
    };
    // Each side by (initiative, snapshot, title), once: thousands of scope
    // changes must not be paired each with each.
    use crate::history::ScopeKind::{MilestoneAdded, MilestoneRemoved};
    type Side<'h> = std::collections::HashMap<(&'h str, &'h str, String), &'h str>;
    let (mut added, mut removed): (Side, Side) = Default::default();
    for sc in open_scope {
        let (side, title) = match sc.kind {
            MilestoneAdded => (&mut added, title_now(&sc.gid)),
            MilestoneRemoved => (&mut removed, sc.title.as_ref().map(|t| t.to_lowercase())),
            _ => continue,
        };
        if let Some(title) = title {
            side.insert((&sc.initiative, &sc.after, title), &sc.gid);
        }
    }
    let renamed = |sc: &crate::history::ScopeChange| -> Option<(String, String)> {
        let (other, title) = match sc.kind {
            MilestoneAdded => (&removed, title_now(&sc.gid)?),
            MilestoneRemoved => (&added, sc.title.as_ref()?.to_lowercase()),
            _ => return None,
        };
        let found = *other.get(&(&*sc.initiative, &*sc.after, title))?;
        Some(match sc.kind {
            MilestoneAdded => (found.to_string(), sc.gid.to_string()),
            _ => (sc.gid.to_string(), found.to_string()),
        })
    };
    for sc in open_scope {
        let what = match &sc.kind {
            crate::history::ScopeKind::MilestoneAdded => "was added".to_string(),
            crate::history::ScopeKind::MilestoneRemoved => "was removed".to_string(),
            crate::history::ScopeKind::CriterionAdded { criterion } => {
                format!("gained the criterion “{criterion}”")
            }
            crate::history::ScopeKind::CriterionRemoved { criterion } => {
                format!("lost the criterion “{criterion}”")
            }
        };
        let (path, span) = location(r, &sc.gid)
            .or_else(|| location(r, &sc.initiative))
            .unwrap_or_default();
        let mut d = lints::UNACKNOWLEDGED_SCOPE
            .at(
                &path,
                span,
                format!(
                    "milestone `{}` {what} after snapshot {}, with no approved change request",
                    sc.gid, sc.after
                ),
            )
            .about_milestone(&sc.gid);
        let rename = renamed(sc).map_or_else(String::new, |(old, new)| {
            format!("this looks like `{old}` renamed `{new}` (the same title): if it is one milestone, keep the id `{old}`, as the history knows milestones by id; else ")
        });
        d.help = Some(format!(
            "{rename}record the approval: `roadbook new change ID --affects {} --decided-by NAME` writes an approved change request decided today, after snapshot {}",
            sc.initiative, sc.after
        ));
        out.push(d);
    }
    for l in open_latent {
        let Some((path, span)) = location(r, &l.dependent) else {
            continue;
        };
        let mut d = lints::LATENT_SLIP.at(
            &path,
            span,
            format!("`{}` depends on `{}`, which slipped {} after snapshot {}, but its own dates did not move", l.dependent, l.dependency, crate::words::days(l.days), l.after),
        );
        d.help = Some(
            "re-plan it, or confirm its dates hold, in an approved change request that affects it; or recover the dependency's date".into(),
        );
        out.push(d);
    }
    out
}

/// How far over plan, in whole percent unless that would round it onto
/// the tolerance it exceeds: 10.4 % over read "+10%, tolerance 10%", as if
/// within it.
fn over_plan(percent: f64, tolerance: f64) -> String {
    let shown_above = |decimals: i32| {
        let scale = 10f64.powi(decimals);
        (percent * scale).round() / scale > tolerance
    };
    let decimals = match percent > tolerance {
        true => (0..2).find(|&d| shown_above(d)).unwrap_or(2),
        false => 0,
    };
    format!("{percent:+.*}%", decimals as usize)
}

/// `approval-rewritten`: approved requests rewritten since a snapshot
/// recorded them (the working tree's, or an archived version's as of its
/// day).
pub fn rewritten_approvals(
    r: &Roadmap,
    rewritten: &[crate::history::RewrittenApproval],
    config: &Config,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for x in rewritten {
        let Some(c) = r.change(&x.id) else {
            continue;
        };
        let money = |v: Option<f64>| match v {
            Some(v) => crate::words::money(v, &config.budget.currency),
            None => "no amount (any rise)".to_string(),
        };
        let days = |v: Option<i64>| match v {
            Some(v) => crate::words::days(v),
            None => "no amount (any move)".to_string(),
        };
        let mut edits = Vec::new();
        // Amounts lowered by a later snapshot are that snapshot's record.
        let as_recorded = x
            .lowered_in
            .as_ref()
            .map(|s| format!(" (as snapshot {s} recorded it)"))
            .unwrap_or_default();
        if let Some(b) = &x.budget_increase {
            edits.push(match b.then {
                Some(then) => format!(
                    "`budget_increase` {}, where it approved {}{as_recorded}",
                    money(b.now),
                    money(Some(then))
                ),
                None => format!(
                    "`budget_increase` {}, where it approved no money (it stated only `delay_days`)",
                    money(b.now)
                ),
            });
        }
        if let Some(d) = &x.delay_days {
            edits.push(match d.then {
                Some(then) => format!(
                    "`delay_days` {}, where it approved {}{as_recorded}",
                    days(d.now),
                    days(Some(then))
                ),
                None => format!(
                    "`delay_days` {}, where it approved no move (it stated only `budget_increase`)",
                    days(d.now)
                ),
            });
        }
        if !x.affects_added.is_empty() {
            edits.push(format!(
                "`affects` names {}, which it did not affect then{as_recorded}",
                x.affects_added
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if let Some(d) = &x.decided {
            edits.push(format!(
                "decided {}, where it was decided {}",
                d.now, d.then
            ));
        }
        let mut d = lints::APPROVAL_REWRITTEN.at(
            &c.meta.path,
            at(&c.meta),
            format!(
                "change request `{}` was approved in snapshot {} ({}) and rewritten since: {}; it approves what was recorded then",
                x.id,
                x.after,
                x.as_of,
                edits.join("; ")
            ),
        );
        d.help = Some(format!(
            "put it back as {} recorded it; for more, write a new request: `roadbook new change ID --affects {} --decided-by NAME`",
            x.after,
            x.affects_added
                .first()
                .or(c.affects.first())
                .map_or("ID", String::as_str)
        ));
        out.push(d);
    }
    out
}

/// `backdated-done`: completions dated before a snapshot's record of them,
/// with no request confirming the date (the working tree's, or an
/// archived version's as of its day).
pub fn backdated_done(r: &Roadmap, backdated: &[crate::history::Backdated]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for x in backdated {
        let Some((i, m)) = r.milestone_at(&x.gid).map(|(i, m)| {
            let i = &r.initiatives[i];
            (i, &i.milestones[m])
        }) else {
            continue;
        };
        let record = match &x.done_then {
            Some(then) => format!("recorded it done on {then}"),
            None => "showed it open and overdue".to_string(),
        };
        let mut d = lints::BACKDATED_DONE.at(
            &i.meta.path,
            m.done_span.or(Some(Span::new(m.line, m.col, 1))),
            format!(
                "milestone `{}` is done on {}, but snapshot {} ({}) {record}: a completion dated before the record of it",
                x.gid, x.done, x.after, x.as_of
            ),
        )
        .about_milestone(&x.gid);
        d.help = Some(format!(
            "write the day it was delivered; if {} is right (recorded late), confirm it: `roadbook new change ID --affects {} --decided-by NAME`",
            x.done, x.gid
        ));
        out.push(d);
    }
    out
}

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
    let overcommitted_in: std::collections::HashSet<(&str, &str)> = facts
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
            .initiative(&m.initiative)
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
            .filter_map(|m| Some((m.gid.as_str(), f.milestones.get(&m.gid)?.as_ref()?)))
            .max_by_key(|(gid, fc)| (fc.p85, std::cmp::Reverse(*gid)))
    }
    let mut out = Vec::new();
    for i in &r.initiatives {
        for m in i.milestones.iter().filter(|m| m.gate) {
            let due = due_of(m);
            let Some(fc) = forecast_of(&m.gid).filter(|fc| fc.p85 > due) else {
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
                    overcommitted(&m.gid)
                ),
            );
            d.help = Some(
                "bring the gate's work in, or move the gate with an approved change request".into(),
            );
            out.push(d);
        }
        if let (Some(end), Some((gid, fc))) = (&i.end, latest(i, f)) {
            let committed = facts
                .committed_ends
                .get(i.meta.id.as_str())
                .copied()
                .filter(|c| *c < end.day);
            let end_day = committed.unwrap_or(end.day);
            if fc.p85 > end_day {
                let ends = match committed {
                    Some(c) => format!(
                        "stands committed to end {} (moved to {} with no approved change request)",
                        crate::base::date::iso(c),
                        end.written
                    ),
                    None => format!("ends {}", end.written),
                };
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
    }
    // Each outcome's live initiatives, gathered once: scanning every
    // initiative per outcome was most of this check at 10,000 initiatives.
    let mut live_serving: std::collections::HashMap<&str, Vec<&crate::model::Initiative>> =
        std::collections::HashMap::new();
    for i in r.initiatives.iter().filter(|i| crate::analysis::is_live(i)) {
        for o in &i.outcomes {
            live_serving.entry(o.as_str()).or_default().push(i);
        }
    }
    for o in &r.outcomes {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build::build;
    use crate::source::SourceFile;
    use std::path::Path;

    const TODAY: &str = "2026-11-25";

    #[test]
    fn an_overspend_is_never_rounded_onto_its_tolerance() {
        assert_eq!(over_plan(10.4, 10.0), "+10.4%");
        assert_eq!(over_plan(10.04, 10.0), "+10.04%");
        assert_eq!(over_plan(10.6, 10.0), "+11%");
        assert_eq!(over_plan(23.2, 10.0), "+23%");
        assert_eq!(over_plan(5.4, 5.0), "+5.4%");
    }
    const OUTCOME: (&str, &str) = ("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n");

    /// The roadmap of `files` (content-relative path, text) with its facts,
    /// built as `Site` builds it; `strict` refuses reading errors.
    fn load(files: &[(&str, &str)], strict: bool) -> (Roadmap, Facts, Config) {
        let config = Config::with_defaults(Path::new("/p"), TODAY);
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(rel, text)| SourceFile::in_content(rel, text))
            .collect();
        let (r, diags) = build(&files, &config);
        if strict {
            assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        }
        let facts = crate::analysis::analyse(&r, &config);
        (r, facts, config)
    }

    /// An initiative `id` serving `o`, with `fields` (YAML lines) added.
    fn initiative(id: &str, fields: &str) -> (String, String) {
        (
            format!("initiatives/{id}.md"),
            format!("---\ntitle: {id}\nowner: B\noutcomes: [o]\n{fields}---\n"),
        )
    }

    fn with_outcome(files: &[(String, String)]) -> Vec<(&str, &str)> {
        let mut all: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        all.push(OUTCOME);
        all
    }

    /// (message, path, line, col) of each finding.
    fn found(diags: &[Diagnostic]) -> Vec<(String, String, u32, u32)> {
        diags
            .iter()
            .map(|d| {
                let s = d.span.expect("a finding about a file points into it");
                (d.message.clone(), d.path.clone(), s.line, s.col)
            })
            .collect()
    }

    fn rules(diags: &[Diagnostic]) -> Vec<&'static str> {
        diags.iter().map(|d| d.rule).collect()
    }

    #[test]
    fn end_before_start_points_at_the_end_field() {
        let files = [initiative("i", "start: 2026-Q3\nend: 2026-03\n")];
        let (r, f, c) = load(&with_outcome(&files), true);
        let got = end_before_start(&r, &f, &c);
        assert_eq!(rules(&got), vec!["end-before-start"]);
        assert_eq!(
            found(&got),
            vec![(
                "initiative `i` ends (2026-03) before it starts (2026-Q3)".to_string(),
                "content/initiatives/i.md".to_string(),
                6,
                6
            )]
        );
        // Ending in the quarter it starts in is no contradiction: `end` is
        // the period's last day, `start` its first.
        let files = [initiative("i", "start: 2026-Q3\nend: 2026-09\n")];
        let (r, f, c) = load(&with_outcome(&files), true);
        assert!(end_before_start(&r, &f, &c).is_empty());
    }

    #[test]
    fn milestone_outside_its_initiative_names_the_bound_it_crosses() {
        let files = [initiative(
            "i",
            "start: 2026-Q2\nend: 2026-Q4\nmilestones:\n  - id: early\n    title: E\n    due: 2026-03-15\n    criteria: [x]\n  - id: inside\n    title: In\n    due: 2026-Q2\n    criteria: [x]\n  - id: late\n    title: L\n    due: 2027-01-15\n    criteria: [x]\n",
        )];
        let (r, f, c) = load(&with_outcome(&files), true);
        let got = milestone_outside_initiative(&r, &f, &c);
        assert_eq!(
            found(&got),
            vec![
                (
                    "milestone `i/early` is due 2026-03-15 but its initiative starts 2026-Q2"
                        .to_string(),
                    "content/initiatives/i.md".to_string(),
                    8,
                    5
                ),
                (
                    "milestone `i/late` is due 2027-01-15 but its initiative ends 2026-Q4"
                        .to_string(),
                    "content/initiatives/i.md".to_string(),
                    16,
                    5
                ),
            ]
        );
    }

    #[test]
    fn layer_typos_are_caught_but_deliberate_layers_are_not() {
        let layer = |id: &str, layer: &str| initiative(id, &format!("layer: {layer}\n"));
        let files = [
            layer("a", "platfrom"),      // one letter swapped: platform
            layer("b", "infra"),         // an abbreviation: infrastructure
            layer("c", "data-platform"), // extends a usual layer on purpose
            layer("d", "billing"),
            layer("e", "billing"),   // used twice: meant
            layer("f", "biling"),    // alone, one letter from a layer in use
            layer("g", "mainframe"), // unusual but close to nothing
        ];
        let (r, f, c) = load(&with_outcome(&files), true);
        let got = layer_typo(&r, &f, &c);
        let said: Vec<(&str, Option<&str>)> = got
            .iter()
            .map(|d| (d.message.as_str(), d.help.as_deref()))
            .collect();
        assert_eq!(
            said,
            vec![
                (
                    "layer `platfrom` is used by `a` alone",
                    Some("did you mean `platform`?")
                ),
                (
                    "layer `infra` is used by `b` alone",
                    Some("did you mean `infrastructure`?")
                ),
                (
                    "layer `biling` is used by `f` alone",
                    Some("did you mean `billing`?")
                ),
            ]
        );
        assert!(got.iter().all(|d| d.rule == "layer-typo"));
    }

    #[test]
    fn done_in_the_future_spares_the_period_under_way() {
        // Today is 2026-11-25: `done: 2026-Q4` and `2026-11` are periods
        // that have begun; the 26th and January have not.
        let ms = |id: &str, done: &str| {
            format!("  - id: {id}\n    title: {id}\n    due: 2026-Q4\n    done: {done}\n    criteria: [x]\n")
        };
        let fields = format!(
            "milestones:\n{}{}{}{}{}",
            ms("quarter", "2026-Q4"),
            ms("month", "2026-11"),
            ms("today", "2026-11-25"),
            ms("tomorrow", "2026-11-26"),
            ms("next-year", "2027-01"),
        );
        let files = [initiative("i", &fields)];
        let (r, f, c) = load(&with_outcome(&files), true);
        let got = done_in_the_future(&r, &f, &c);
        let messages: Vec<&str> = got.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "milestone `i/tomorrow` is marked done on 2026-11-26, after today (2026-11-25)",
                "milestone `i/next-year` is marked done on 2027-01, after today (2026-11-25)",
            ]
        );
        // At the `done:` value, not the milestone.
        let spans: Vec<(u32, u32)> = got
            .iter()
            .map(|d| d.span.map(|s| (s.line, s.col)).unwrap())
            .collect();
        assert_eq!(spans, vec![(24, 11), (29, 11)]);
    }

    #[test]
    fn a_dependency_cycle_is_reported_once_at_the_entry_that_closes_it() {
        let a = initiative("a", "depends_on: [b]\n");
        let b = initiative("b", "start: 2026-Q1\ndepends_on: [a]\n");
        let (r, f, c) = load(&with_outcome(&[a.clone(), b]), true);
        let got = dependency_cycle(&r, &f, &c);
        assert_eq!(
            found(&got),
            vec![(
                "dependency cycle: a → b → a".to_string(),
                "content/initiatives/b.md".to_string(),
                6,
                14
            )]
        );
        assert_eq!(got[0].severity, crate::diag::Severity::Error);
        // Break it: no cycle, and no finding from the whole check either.
        let b = initiative("b", "start: 2026-Q1\n");
        let (r, f, c) = load(&with_outcome(&[a, b]), true);
        assert!(dependency_cycle(&r, &f, &c).is_empty());
        assert!(!rules(&run(&r, &f, &c)).contains(&"dependency-cycle"));
    }

    #[test]
    fn rules_about_absence_wait_while_a_document_of_their_kind_is_unreadable() {
        // Outcome `o` is served by nothing readable.
        let broken = ("initiatives/x.md", "---\ntitle: [unclosed\n---\n");
        let (r, f, c) = load(&[OUTCOME, broken], false);
        assert!(!r.complete(Kind::Initiative));
        let got = run(&r, &f, &c);
        assert!(
            !rules(&got).contains(&"unserved-outcome"),
            "the unreadable initiative may serve it: {got:?}"
        );
        // Rules that do not conclude from absent initiatives still run.
        assert!(rules(&got).contains(&"outcome-without-kpi"), "{got:?}");
        // With every initiative read, the outcome is unserved.
        let (r, f, c) = load(&[OUTCOME], true);
        let got: Vec<Diagnostic> = run(&r, &f, &c)
            .into_iter()
            .filter(|d| d.rule == "unserved-outcome")
            .collect();
        assert_eq!(
            found(&got),
            vec![(
                "no live initiative serves outcome `o`".to_string(),
                "content/outcomes/o.md".to_string(),
                2,
                1
            )]
        );
    }

    #[test]
    fn history_findings_name_each_move_nobody_approved() {
        use crate::history::{analyse, Point};
        let ms = |due: &str| {
            format!("milestones:\n  - id: m\n    title: M\n    due: {due}\n    criteria: [x]\n")
        };
        let then = [initiative("i", &ms("2026-10-01"))];
        let (q3, _, _) = load(&with_outcome(&then), true);
        let history_with = |change: Option<&str>| {
            let mut files = vec![initiative("i", &ms("2026-10-31"))];
            if let Some(decided) = change {
                files.push((
                    "changes/cr.md".to_string(),
                    format!("---\ntitle: CR\ndate: 2026-09-01\nstatus: approved\naffects: [i/m]\ndecided: {decided}\n---\n"),
                ));
            }
            let (now, _, config) = load(&with_outcome(&files), true);
            let points = [
                Point {
                    name: "q3",
                    today: jiff::civil::date(2026, 9, 30),
                    roadmap: &q3,
                },
                Point {
                    name: crate::history::CURRENT,
                    today: config.today.day,
                    roadmap: &now,
                },
            ];
            let h = analyse(&points, config.governance.slip_tolerance_days, None);
            history(&now, &h, &config)
        };
        let got = history_with(None);
        assert_eq!(rules(&got), vec!["unacknowledged-slip"]);
        assert_eq!(
            found(&got),
            vec![(
                "milestone `i/m` slipped 30 days, from 2026-10-01 to 2026-10-31; no approved change request for the move 2026-10-01 → 2026-10-31 (+30 days, after snapshot q3)".to_string(),
                "content/initiatives/i.md".to_string(),
                8,
                10
            )]
        );
        // An approval decided before the snapshot that still showed the
        // old date cannot have approved the move.
        assert_eq!(
            rules(&history_with(Some("2026-09-15"))),
            vec!["unacknowledged-slip"]
        );
        // One decided after it does.
        assert!(history_with(Some("2026-10-05")).is_empty());
    }
}
