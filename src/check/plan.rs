//! Rules over the plan's shape and schedule: traceability, dates,
//! dependencies, overdue work, watermelons, team load.

use super::*;

pub(super) fn untraced_initiative(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
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

pub(super) fn unserved_outcome(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
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
                .filter(|i| i.status == "cancelled" && i.outcomes.iter().any(|x| *x == o.id))
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
            // Listed under a misspelt field: said where (it was told only
            // to list it, the typo told in another file).
            let misspelt = r.initiatives.iter().find_map(|i| {
                let m = i.outcomes_misspelt.as_deref()?;
                m.ids.iter().any(|x| *x == o.id).then_some((i, m))
            });
            d.help = Some(match misspelt {
                Some((i, m)) => format!(
                    "{}:{} lists it under `{}`, which is not a field: write `outcomes`",
                    i.meta.path, m.line, m.name
                ),
                None => format!(
                    "list `{}` in the `outcomes` of the initiatives that deliver it; if it is no longer pursued, retire it (`retired:` today's month) with an approved change request affecting it that says why",
                    o.id
                ),
            });
            d
        })
        .collect()
}

pub(super) fn orphan_kpi(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
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

pub(super) fn missing_criteria(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
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
                    // The placeholder is written there: said, lest the
                    // finding read as untrue (from a trial, with
                    // `placeholder` allowed).
                    if m.criteria_placeholder {
                        format!(
                            "milestone `{}` has no criteria but the placeholder `roadbook new` wrote",
                            m.gid
                        )
                    } else {
                        format!("milestone `{}` has no criteria", m.gid)
                    },
                )
                .about_milestone(m.gid.as_str());
            d.help = Some("add `criteria:` saying what makes it verifiably done".into());
            out.push(d);
        }
    }
    out
}

pub(super) fn end_before_start(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
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

pub(super) fn milestone_outside_initiative(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
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
                // At the date that falls outside (it pointed at `- id:`:
                // from a trial).
                let mut d = lints::MILESTONE_OUTSIDE
                    .at(
                        &i.meta.path,
                        m.due_span.or(Some(Span::new(m.line, m.col, 1))),
                        format!(
                            "milestone `{}` is due {} but its initiative {bound}",
                            m.gid, m.due
                        ),
                    )
                    .about_milestone(m.gid.as_str());
                d.help = Some("move the milestone or change the initiative's `start`/`end`".into());
                out.push(d);
            }
        }
    }
    out
}

pub(super) fn capability_gap(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
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

pub(super) fn dependency_cycle(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
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
                (None, Some(m)) => (r.initiative(m.initiative.as_str())?.meta.path.clone(), Some(Span::new(m.line, m.col, 1))),
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

pub(super) fn overdue_milestone(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for gid in &facts.overdue {
        let (Some(m), Some(&MilestoneState::Overdue { days })) =
            (r.milestone(gid), facts.milestones.get(gid))
        else {
            continue;
        };
        let Some(i) = r.initiative(m.initiative.as_str()) else {
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
            .about_milestone(m.gid.as_str());
        d.help = Some(
            "record `done:` if it was delivered, or re-plan it through an approved change request"
                .into(),
        );
        out.push(d);
    }
    out
}

/// Done work is on no list of what is due: an initiative marked done with
/// a milestone still open (overdue, or blocking a dependent) took it off
/// all of them.
pub(super) fn done_with_open_milestones(
    r: &Roadmap,
    _: &Facts,
    config: &Config,
) -> Vec<Diagnostic> {
    let today = config.today.day;
    let mut out = Vec::new();
    for i in r.initiatives.iter().filter(|i| i.status == "done") {
        let open: Vec<&crate::model::Milestone> =
            i.milestones.iter().filter(|m| m.done.is_none()).collect();
        let Some(first) = open.first() else {
            continue;
        };
        let overdue = open.iter().filter(|m| m.due.day < today).count();
        let named = open
            .iter()
            .take(3)
            .map(|m| format!("`{}` (due {})", m.gid, m.due))
            .collect::<Vec<_>>()
            .join(", ");
        let more = match open.len() {
            n if n > 3 => format!(" and {} more", n - 3),
            _ => String::new(),
        };
        let overdue = match overdue {
            0 => String::new(),
            n => format!(", {} of them overdue", n),
        };
        let mut d = lints::DONE_WITH_OPEN_MILESTONES
            .at(
                &i.meta.path,
                Some(Span::new(first.line, first.col, 1)),
                format!(
                    "initiative `{}` is `status: done` with {} open: {named}{more}{overdue}; done work is on no list of what is due",
                    i.meta.id,
                    crate::words::count(open.len(), "milestone", "milestones"),
                ),
            )
            .about_milestone(&first.gid);
        d.help = Some(
            "record each milestone's `done:` date if it was delivered; else put the initiative back to `status: active`, or take the milestones dropped out of it with an approved change request"
                .into(),
        );
        out.push(d);
    }
    out
}

pub(super) fn done_in_the_future(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
    let today = config.today.day;
    let mut out = Vec::new();
    for i in &r.initiatives {
        for m in &i.milestones {
            // Set aside when the model was built: counted open.
            let Some(done) = &m.done_ahead else {
                continue;
            };
            let mut d = lints::DONE_IN_THE_FUTURE
                .at(
                    &i.meta.path,
                    m.done_span.or(Some(Span::new(m.line, m.col, 1))),
                    format!(
                        "milestone `{}` is marked done on {}, after today ({}): it is counted open until then",
                        m.gid, done.written, config.today.written
                    ),
                )
                .about_milestone(m.gid.as_str());
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
            rv.date_span.or(at(&rv.meta)),
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

pub(super) fn layer_typo(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
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

pub(super) fn watermelon(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
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

pub(super) fn overcommitted_team(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
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
                    // The quarter first: a team's findings then read in
                    // the order of its quarters (they are sorted by their
                    // text; from a trial: 122 % in Q4 came before Q2).
                    "team `{}` in {} is at {}%: capacity {}, operational load {}% ({} person-days), committed {} person-days, {} over",
                    load.team,
                    q.quarter,
                    (u * 100.0).round(),
                    num(q.capacity),
                    (q.ops_load * 100.0).round(),
                    num(q.ops_days),
                    num(q.committed),
                    num(-q.remaining)
                ),
                None => format!(
                    "team `{}` in {} has no capacity (capacity 0) and {} person-days committed: the work has no one to do it",
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
            // Counted at the effort on record where it was cut with none.
            let on_record = q.by_initiative.iter().filter_map(|(id, _)| {
                let days = facts.committed_effort.get(id.as_str())?.get(&load.team)?;
                Some(format!(
                    "`{id}` at {} person-days, the effort on record",
                    num(*days)
                ))
            });
            let to_committed: Vec<String> = to_committed.into_iter().chain(on_record).collect();
            let message = if to_committed.is_empty() {
                message
            } else {
                format!("{message} (counting {})", to_committed.join(", "))
            };
            let mut d = lints::OVERCOMMITTED_TEAM.at(&team.path, at(team), message);
            d.help = Some(if to_committed.is_empty() {
                "move or cut work, add capacity, or lower the operational load".into()
            } else {
                "move or cut work, add capacity, or lower the operational load; a later end or an effort cut needs an approved change request to count".into()
            });
            out.push(d);
        }
    }
    out
}

pub(super) fn dependency_conflict(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    // A link of a cycle is the cycle's error already: no date could meet it.
    let in_cycle: crate::base::HashSet<(&str, &str)> = facts
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
                        .and_then(|m| r.initiative(m.initiative.as_str()))
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
                // The dependency named again: "but it ends" read as the
                // dependent's end (from a trial).
                format!(
                    "`{}` needs `{}` by {needed}, but `{}` {} {ready} ({} later)",
                    l.from,
                    l.to,
                    l.to,
                    if l.to.contains('/') { "is due" } else { "ends" },
                    crate::words::days(days)
                ),
            );
            d.help = Some("move the dependent later or the dependency earlier".into());
            Some(d)
        })
        .collect()
}

pub(super) fn blocked_dependency(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
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

pub(super) fn outcome_horizon_missed(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
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

pub(super) fn outcome_without_kpi(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    // A retired KPI measures it no more; a retired outcome needs none.
    let live = |id: &&str| !facts.kpi_retired(id);
    r.outcomes
        .iter()
        .filter(|o| !o.retired_by(config.today.day))
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
