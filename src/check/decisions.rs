//! Findings from the history: slips, rises, scope changes, restatements,
//! records deleted and approvals rewritten that no decision covers.

use super::*;

/// Whether the work `id` names is still to be delivered: a milestone not
/// done of open work, an initiative not closed; anything else (an
/// outcome) is.
pub(super) fn still_ahead(r: &Roadmap, id: &str) -> bool {
    match (r.milestone(id), r.initiative(id)) {
        (Some(m), _) => {
            m.done.is_none()
                && !r
                    .initiative(m.initiative.as_str())
                    .is_some_and(|i| i.is_closed())
        }
        (None, Some(i)) => !i.is_closed(),
        _ => true,
    }
}

/// Ids a change request may name to answer for `affects`: each id, the
/// initiative of a milestone, the milestones of an initiative, and for an
/// outcome the live initiatives serving it (a change request cannot name
/// an outcome).
pub(super) fn affected_work<'r>(
    r: &'r Roadmap,
    affects: &'r [String],
) -> std::collections::BTreeSet<&'r str> {
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
                .filter(|i| i.outcomes.iter().any(|o| o == id) && crate::analysis::is_live(i))
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
    let currency = config.budget.currency.as_str();
    by_item
        .into_iter()
        .filter_map(|((series, id), revised)| {
            // Where the figures are written, what they are and how shown.
            let (path, span, what, rule) = match series {
                Series::Kpi => {
                    // The first figure changed that is still written: a
                    // restatement is read there, not at `data:`'s top.
                    let k = r.kpi(id)?;
                    let changed = revised.iter().find_map(|x| {
                        x.to?;
                        k.data
                            .iter()
                            .position(|p| crate::history::figure_key(&p.date) == x.key)
                    });
                    let (path, span) = match changed {
                        Some(n) => kpi_figure_at(k, n, &k.data[n].date, config),
                        None => kpi_figures_at(k, config),
                    };
                    (path, span, "KPI", &lints::KPI_REVISED)
                }
                Series::Spend => {
                    let i = r.initiative(id)?;
                    // As a KPI's: the first amount changed that is still
                    // written, in `spend:` or the data file's row (it
                    // pointed at `spend:`'s `{`, or at no line of the
                    // file: from a trial).
                    let changed = revised
                        .iter()
                        .filter(|x| x.to.is_some())
                        .find_map(|x| i.spend_figure_at(x.key));
                    let in_file = |file: &String| super::data_file_path(&i.meta, file, config);
                    let (path, span) = match (changed, &i.spend_file) {
                        (Some(at), Some(file)) if at.in_data_file => (in_file(file), Some(at.span)),
                        (Some(at), _) => (i.meta.path.clone(), Some(at.span)),
                        (None, Some(file)) => (in_file(file), None),
                        (None, None) => (i.meta.path.clone(), i.spend_span.or_else(|| at(&i.meta))),
                    };
                    (path, span, "spend of initiative", &lints::SPEND_REVISED)
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
            // Written in a data file (a finance export several initiatives
            // share), the finding's file does not say whose spend it is:
            // the brief's "1 spend figure restated" named nobody (from a
            // trial).
            if series == Series::Spend && !path.ends_with(".md") {
                d.milestone = Some(id.into());
            }
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
        if e.asks_nothing(r, config.governance.slip_tolerance_days) {
            continue;
        }
        let Some(i) = r.initiative(&e.id) else {
            continue;
        };
        // Part of it approved (a request's `delay_days` short of the move).
        let unapproved = if e.unapproved_days < e.days || e.capped_by.is_some() {
            format!(
                "{} of it with no approved change request",
                crate::words::days(e.unapproved_days)
            )
        } else {
            "with no approved change request".to_string()
        };
        let message = if e.change == crate::history::EndChange::WrittenSince {
            format!(
                "initiative `{}` ends {} (`end:` written) instead of {}, the end its milestones made (+{}) after snapshot {}, {unapproved}",
                e.id,
                e.to,
                e.from,
                crate::words::days(e.days),
                e.after
            )
        } else if e.change == crate::history::EndChange::TakenOut {
            format!(
                "initiative `{}` ends {} with its milestones (`end:` taken out) instead of {} (+{}) after snapshot {}, {unapproved}",
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
        let renamed = s
            .renamed_from
            .map(|old| format!(" (renamed from `{old}`)"))
            .unwrap_or_default();
        let slipped = format!(
            "milestone `{}`{renamed} slipped {}, from {} to {}",
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
        // Delivered, its date is what it was: only a decision is left
        // (from a trial: "bring the date back" of work done since).
        let done = r.milestone(&s.gid).is_some_and(|m| m.done.is_some());
        d.help = Some(if short.is_empty() {
            format!(
                "{rebaseline}record the approval: `roadbook new change ID --affects {} --decided-by NAME` writes an approved change request (one affecting `{}` counts too)",
                s.gid, s.initiative
            )
        } else {
            let bring_back = match done {
                true => String::new(),
                false => format!(
                    ", or bring the date back to {} at the latest, as approved",
                    crate::base::date::iso(s.committed)
                ),
            };
            format!(
                "{rebaseline}record the decision on the rest: `roadbook new change ID --affects {} --decided-by NAME --delay-days DAYS`{bring_back}",
                s.gid
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
    pub outcomes: &'h [crate::history::RemovedOutcome],
    pub changes: &'h [crate::history::RemovedChange],
    pub reviews: &'h [crate::history::RemovedReview],
    pub risks: &'h [crate::history::RemovedRisk],
    /// The roadmap they are judged in: a file still there under another
    /// id is no file gone.
    pub now: &'h Roadmap,
}

/// The findings of [`Removed`]: the working tree's, and an archived
/// version's as of its day (its brief counted none of them, where a build
/// of its tag did).
pub fn removed_records(h: Removed, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A deleted file's path, as findings show paths: from the project root.
    let in_content = |rel: &str| config.in_content(rel);
    // Its id changed in its file (`id:`), or its file deleted (from a
    // trial: "its file is gone" of a file still there).
    // Made only when something is gone: one lookup each, not a walk of
    // every item for each.
    let gone_any = !(h.live.is_empty()
        && h.kpis.is_empty()
        && h.outcomes.is_empty()
        && h.changes.is_empty()
        && h.reviews.is_empty()
        && h.risks.is_empty());
    let by_file: crate::base::HashMap<&str, &str> = if gone_any {
        h.now
            .all_meta()
            .map(|m| (m.rel.as_str(), m.id.as_str()))
            .collect()
    } else {
        Default::default()
    };
    // Moved to another folder (`archive/`), the file reads as another
    // kind or id: "its file is gone" of a file still there (from a trial).
    let file_name = |rel: &str| rel.rsplit('/').next().unwrap_or(rel).to_string();
    let by_name: crate::base::HashMap<String, &str> = if gone_any {
        h.now
            .all_meta()
            .map(|m| (file_name(&m.rel), m.rel.as_str()))
            .collect()
    } else {
        Default::default()
    };
    let how = |rel: &str| match (by_file.get(rel), by_name.get(&file_name(rel))) {
        (Some(id), _) => format!("its id is gone (its file now reads as `{id}`)"),
        (None, Some(moved)) => format!(
            "its file is gone from there (a file of its name is `{}` now, read as another item)",
            config.in_content(moved)
        ),
        (None, None) => "its file is gone".to_string(),
    };
    for gone in h.live {
        let path = in_content(&gone.rel);
        let mut d = lints::REMOVED_INITIATIVE.at(
            &path,
            None,
            format!(
                "initiative `{}` (“{}”, {}) was live in snapshot {} and {}: deleting it took it off every page, with no decision on record",
                gone.id,
                gone.title,
                crate::words::count(gone.milestones, "milestone", "milestones"),
                gone.after,
                how(&gone.rel)
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
                "KPI `{}` (“{}”, last in snapshot {}) had {} reported and {}: deleting the file took {} off every page, with no decision on record",
                gone.id,
                gone.title,
                gone.after,
                crate::words::count(gone.reported, "figure", "figures"),
                how(&gone.rel),
                if gone.reported == 1 { "it" } else { "them" }
            ),
        );
        d.help = Some(format!(
            "bring the file back with the figures the snapshots reported (it was last in {}); if it is no longer measured, retire it (`retired:` the first period not measured) with an approved change request saying why: its figures stay on record; if it was renamed, keep the id `{}`",
            gone.after, gone.id
        ));
        out.push(d);
    }
    for gone in h.outcomes {
        let horizon = due_by(&gone.horizon);
        let moved = match gone.work_now_serves.as_slice() {
            [] => String::new(),
            ids => {
                let ids: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
                format!("; the work that served it now serves {}", ids.join(", "))
            }
        };
        let mut d = lints::REMOVED_OUTCOME.at(
            &in_content(&gone.rel),
            None,
            format!(
                "outcome `{}` (“{}”{horizon}) was pursued in snapshot {} and {}{moved}: deleting it took it and its horizon off every page, with no decision on record",
                gone.id,
                gone.title,
                gone.after,
                how(&gone.rel)
            ),
        );
        d.help = Some(format!(
            "bring the file back as snapshot {} has it; if it is no longer pursued, retire it (`retired:` this month) with an approved change request affecting it saying why (`roadbook new change ID --affects {} --decided-by NAME`); if it was renamed, keep the id `{}`",
            gone.after, gone.id, gone.id
        ));
        out.push(d);
    }
    for gone in h.changes {
        let mut d = lints::REMOVED_CHANGE.at(
            &in_content(&gone.rel),
            None,
            format!(
                "change request `{}` (“{}”, {}) was in snapshot {} and {}: the record of {} left the site, and what it approved stands unapproved or approved by a request written since",
                gone.id,
                gone.title,
                gone.status,
                gone.after,
                how(&gone.rel),
                if gone.status == "proposed" { "a request" } else { "a decision" }
            ),
        );
        d.help = Some(format!(
            "bring the file back as snapshot {} has it (a request withdrawn is `status: rejected`, its reason in the body); if it was renamed, keep the id `{}`",
            gone.after, gone.id
        ));
        out.push(d);
    }
    for gone in h.reviews {
        let mut d = lints::REMOVED_REVIEW.at(
            &in_content(&gone.rel),
            None,
            format!(
                "review `{}` (“{}”, held {}) was in snapshot {} and {}: the record of the meeting and what it decided left the site",
                gone.id,
                gone.title,
                gone.date,
                gone.after,
                how(&gone.rel)
            ),
        );
        d.help = Some(format!(
            "bring the file back as snapshot {} has it; if it was renamed, keep the id `{}`; a decision taken since is a review of its own",
            gone.after, gone.id
        ));
        out.push(d);
    }
    let high = config.governance.risk_high_exposure;
    for gone in h.risks {
        let path = in_content(&gone.rel);
        let exposure = gone
            .exposure
            .map(|e| format!(", exposure {e}"))
            .unwrap_or_default();
        let (message, help) = if gone.closed_unreviewed.is_empty() {
            (
                format!(
                    "{} `{}` (“{}”{exposure}) was open in snapshot {} and {}: deleting it took it off the RAID log, the heat map and the brief, with no decision on record",
                    gone.risk_type,
                    gone.id,
                    gone.title,
                    gone.after,
                    how(&gone.rel)
                ),
                format!(
                    "bring the file back as snapshot {} has it and close it (`status: closed`, `reviewed:` the day it was settled); if it was renamed, keep the id `{}`",
                    gone.after, gone.id
                ),
            )
        } else {
            // Closed unreviewed, as `risk-lowered-unreviewed` says of one
            // still on file: only from high exposure.
            let Some(stood) = gone
                .closed_unreviewed
                .iter()
                .rev()
                .find(|s| s.exposure >= high)
            else {
                continue;
            };
            (
                format!(
                    "{} `{}` (“{}”) stood at high exposure {} in snapshot {}, was closed in snapshot {} with no review recorded, and {}: nobody is on record saying why it was settled",
                    gone.risk_type,
                    gone.id,
                    gone.title,
                    stood.exposure,
                    stood.after,
                    gone.after,
                    how(&gone.rel)
                ),
                format!(
                    "bring the file back as snapshot {} has it and record the review that closed it (`reviewed:` the day it was held, after snapshot {}; why in `mitigation:`), or reopen it; if it was renamed, keep the id `{}`",
                    gone.after, stood.after, gone.id
                ),
            )
        };
        let mut d = lints::REMOVED_RISK.at(&path, None, message);
        d.help = Some(help);
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
            outcomes: &h.removed_outcomes,
            changes: &h.removed_changes,
            reviews: &h.removed_reviews,
            risks: &h.removed_risks,
            now: r,
        },
        config,
    ));
    out.extend(records_redated(
        r,
        Redated {
            approvals: &h.backdated_approvals,
            reviews: &h.backdated_reviews,
            rewritten_reviews: &h.rewritten_reviews,
            rephasings: &h.open_rephasings,
        },
        config,
    ));
    out.extend(rewritten_approvals(r, &h.rewritten_approvals, config));
    out.extend(backdated_done(r, &h.open_backdated));
    out.extend(backdated_starts(r, &h.open_backdated_starts, config));
    out.extend(open_decisions(
        r,
        OpenDecisions {
            cancellations: &h.open_cancellations,
            retirements: &h.open_retirements,
            outcome_retirements: &h.open_outcome_retirements,
            outcome_unlinks: &h.open_outcome_unlinks,
            unlinked: &h.open_unlinked,
            loosened: &h.open_loosened,
            turned: &h.open_turned,
            baselines: &h.open_baselines,
            horizons: &h.open_horizons,
            lowered_risks: &h.lowered_risks,
            narrowed_risks: &h.narrowed_risks,
            effort_cuts: &h.open_effort_cuts,
            capacity_rises: &h.open_capacity_rises,
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

/// Decisions, reviews and budgets the record has dated otherwise than a
/// snapshot had them (the working tree's whole history, or an archived
/// version's as of its day: its own site said so on the day).
pub struct Redated<'h> {
    pub approvals: &'h [crate::history::BackdatedApproval],
    pub reviews: &'h [crate::history::BackdatedReview],
    pub rewritten_reviews: &'h [crate::history::RewrittenReview],
    pub rephasings: &'h [crate::history::BudgetRephase],
}

/// The findings of [`Redated`].
pub fn records_redated(r: &Roadmap, redated: Redated, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for x in redated.approvals {
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
    for x in redated.reviews {
        let Some(review) = r.review(&x.id) else {
            continue;
        };
        let then = match &x.date_then {
            Some(date) => format!("had it dated {date}"),
            None => "had no such review".to_string(),
        };
        let mut d = lints::BACKDATED_REVIEW.at(
            &review.meta.path,
            review.date_span.or(at(&review.meta)),
            format!(
                "review `{}` is dated {}, but snapshot {} ({}) {then}: a review dated other than the record of it reads as held when it was not",
                x.id, x.date, x.after, x.as_of
            ),
        );
        d.help = Some(format!(
            "date it the day it was held, on or after {}: a cadence missed then stays missed in that snapshot's site; if it was held on {} and only written up late, date it the day it was recorded and say when it was held in its body",
            x.as_of, x.date
        ));
        out.push(d);
    }
    for x in redated.rewritten_reviews {
        let Some(review) = r.review(&x.id) else {
            continue;
        };
        let fields = x.fields.join(" and ");
        let mut d = lints::REVIEW_REWRITTEN.at(
            &review.meta.path,
            at(&review.meta),
            format!(
                "review `{}` has other {fields} than snapshot {} ({}) recorded: the record of a meeting rewritten after it reads as what was decided there",
                x.id, x.after, x.as_of
            ),
        );
        d.help = Some(format!(
            "put back the {fields} as snapshot {} has them; a decision taken since is a review of its own, dated the day it was taken",
            x.after
        ));
        out.push(d);
    }
    for x in redated.rephasings {
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
    out
}

/// What stands undecided of the decisions a version's own history judges
/// (the working tree's whole, or an archived version's as of its day):
/// cancellations, KPIs retired, taken off an outcome or given a looser
/// target, and reported figures restated.
pub struct OpenDecisions<'h> {
    pub cancellations: &'h [crate::history::Cancellation],
    pub retirements: &'h [crate::history::KpiRetirement],
    pub outcome_retirements: &'h [crate::history::OutcomeRetirement],
    pub outcome_unlinks: &'h [crate::history::OutcomeUnlinked],
    pub unlinked: &'h [crate::history::KpiUnlinked],
    pub loosened: &'h [crate::history::TargetLoosened],
    pub turned: &'h [crate::history::DirectionTurned],
    pub baselines: &'h [crate::history::BaselineMoved],
    pub horizons: &'h [crate::history::HorizonLater],
    pub lowered_risks: &'h [crate::history::RiskLowered],
    pub narrowed_risks: &'h [crate::history::RiskNarrowed],
    pub effort_cuts: &'h [crate::history::EffortCut],
    pub capacity_rises: &'h [crate::history::CapacityRise],
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
        let (what, undo) = if x.untraced_from.is_empty() {
            let what = match x.status.as_str() {
                "on-hold" => "is put on hold",
                "proposed" => "is back to proposed",
                _ => "is cancelled",
            };
            let undo = if x.keeps_its_plan() {
                "its status (until then, the capacity counts its effort as committed)"
            } else {
                "its status"
            };
            (what.to_string(), undo.to_string())
        } else {
            let served: Vec<String> = x.untraced_from.iter().map(|o| format!("`{o}`")).collect();
            (
                format!(
                    "serves no outcome any more (it served {}): as backlog its work left every list of what is due,",
                    served.join(", ")
                ),
                format!("`outcomes: [{}]`", x.untraced_from.join(", ")),
            )
        };
        let mut d = lints::UNAPPROVED_CANCELLATION.at(
            &i.meta.path,
            at(&i.meta),
            format!(
                "initiative `{}` {what} with no approved change request; snapshot {} showed it committed, with {open}",
                x.id, x.after
            ),
        );
        d.help = Some(format!(
            "record the decision: `roadbook new change ID --affects {} --decided-by NAME` writes an approved change request (say why, and where its open work went); else put back {undo}",
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
    for x in d.outcome_retirements {
        let Some(o) = r.outcome(&x.id) else {
            continue;
        };
        let horizon = due_by(&x.horizon);
        let mut d = lints::UNAPPROVED_OUTCOME_RETIREMENT.at(
            &o.meta.path,
            o.retired_span.or(at(&o.meta)),
            format!(
                "outcome `{}` is retired from {} with no approved change request; snapshot {} pursued it{horizon}, with {} serving it",
                x.id,
                x.retired,
                x.after,
                crate::words::count(x.served_by, "live initiative", "live initiatives")
            ),
        );
        d.help = Some(format!(
            "record the decision: `roadbook new change ID --affects {} --decided-by NAME` writes an approved change request (its owner agreeing; say why it is no longer pursued and where its work went); else take `retired:` out",
            x.id
        ));
        out.push(d);
    }
    for x in d.capacity_rises {
        let Some(team) = r.team(&x.team) else {
            continue;
        };
        let days = |n: f64| crate::words::exact(n.round());
        let message = if x.moved.is_empty() {
            format!(
                "team `{}` has {} person-days free of operations in {}, where snapshot {} had {}, with no approved change request: the load it carries reads lighter than the record with nothing delivered or cut",
                x.team,
                days(x.now),
                x.quarter,
                x.after,
                days(x.then)
            )
        } else {
            let moved: Vec<String> = x.moved.iter().map(|id| format!("`{id}`")).collect();
            format!(
                "team `{}` is new since snapshot {} and takes committed work the snapshot had on other teams ({}), with no approved change request: its load left the teams that carry it on record",
                x.team,
                x.after,
                moved.join(", ")
            )
        };
        let mut d = lints::UNAPPROVED_CAPACITY_RISE.at(&team.meta.path, at(&team.meta), message);
        d.help = Some(format!(
            "record the decision: `roadbook new change ID --affects {} --decided-by NAME` (say where the people come from); until then the capacity counts {} as snapshot {} had it",
            x.team,
            if x.moved.is_empty() { "the team" } else { "that work" },
            x.after
        ));
        out.push(d);
    }
    for x in d.outcome_unlinks {
        let Some(i) = r.initiative(&x.id) else {
            continue;
        };
        let horizon = due_by(&x.horizon);
        let now: Vec<String> = i.outcomes.iter().map(|o| format!("`{o}`")).collect();
        let mut d = lints::UNAPPROVED_OUTCOME_UNLINK.at(
            &i.meta.path,
            at(&i.meta),
            format!(
                "initiative `{}` no longer serves outcome `{}`{horizon}, with no approved change request; snapshot {} had it serving it (it serves {} now): the outcome's horizon no longer judges its work",
                x.id,
                x.outcome,
                x.after,
                now.join(", ")
            ),
        );
        d.help = Some(format!(
            "record the decision: `roadbook new change ID --affects {} --decided-by NAME` (say why the work no longer serves `{}`, and what does instead); else put `{}` back in its `outcomes:`",
            x.id, x.outcome, x.outcome
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
                "the target of KPI `{}` {} is {} ({}), where snapshot {} set {}: loosened with no approved change request",
                x.id,
                x.step
                    .as_ref()
                    .map_or("for today".to_string(), |step| format!("from {step} on")),
                shown(x.now),
                crate::words::better(&k.direction),
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
    for x in d.turned {
        let Some(k) = r.kpi(&x.id) else {
            continue;
        };
        let way = crate::words::better;
        let mut d = lints::KPI_DIRECTION_CHANGED.at(
            &k.meta.path,
            at(&k.meta),
            format!(
                "KPI `{}` reads {} where snapshot {} read it {}, with no approved change request: its figures and target now read the other way",
                x.id,
                way(&x.to),
                x.after,
                way(&x.from)
            ),
        );
        d.help = Some(format!(
            "record the decision: `roadbook new change ID --affects {} --decided-by NAME` (say why the KPI reads the other way); else put back `direction: {}`",
            x.id, x.from
        ));
        out.push(d);
    }
    for x in d.baselines {
        let Some(k) = r.kpi(&x.id) else {
            continue;
        };
        let unit = k.unit.as_deref().unwrap_or_default();
        let shown = |v: f64| crate::words::with_unit(&crate::words::exact(v), unit);
        let now = match x.to {
            Some(to) => format!(
                "the baseline of KPI `{}` is {} ({})",
                x.id,
                shown(to),
                crate::words::better(&k.direction)
            ),
            None => format!("KPI `{}` has no baseline", x.id),
        };
        let mut d = lints::KPI_BASELINE_MOVED.at(
            &k.meta.path,
            at(&k.meta),
            format!(
                "{now}, where snapshot {} set {}: its progress reads better from a baseline moved with no approved change request",
                x.after,
                shown(x.from)
            ),
        );
        d.help = Some(format!(
            "record the decision: `roadbook new change ID --affects {} --decided-by NAME` (say why the baseline moved); else put back `baseline: {}`",
            x.id,
            crate::words::exact(x.from)
        ));
        out.push(d);
    }
    for x in d.horizons {
        let Some(o) = r.outcomes.iter().find(|o| o.meta.id == x.id) else {
            continue;
        };
        let moved = match (&x.to, x.days) {
            (Some(to), Some(days)) => {
                format!(
                    "is {to} instead of {} (+{})",
                    x.from,
                    crate::words::days(days)
                )
            }
            _ => format!("was taken out (it was {})", x.from),
        };
        let mut d = lints::UNAPPROVED_HORIZON_MOVE.at(
            &o.meta.path,
            at(&o.meta),
            format!(
                "the horizon of outcome `{}` {moved} after snapshot {}, with no approved change request: leadership waits longer for it, and work planned past the old horizon no longer says so",
                x.id, x.after
            ),
        );
        d.help = Some(format!(
            "record the decision: `roadbook new change ID --affects {} --decided-by NAME` (the outcome's owner agreeing); else put back `horizon: {}`",
            x.id, x.from
        ));
        out.push(d);
    }
    let high = config.governance.risk_high_exposure;
    // Lowered and narrowed at once: one finding, the lowering.
    let mut lowered = crate::base::HashSet::default();
    for x in d.lowered_risks {
        // The latest snapshot that had it high: the review that settles
        // it comes after that one.
        let Some(stood) = x.stood.iter().rev().find(|s| s.exposure >= high) else {
            continue;
        };
        if x.to.is_some_and(|now| now >= high) {
            continue;
        }
        let Some(risk) = r.risk(&x.id) else {
            continue;
        };
        let now = match x.to {
            _ if x.closed => "closed now".to_string(),
            Some(now) => format!("{now} now"),
            None => "unscored now".to_string(),
        };
        lowered.insert(x.id.as_str());
        // The review to record, else what was lowered.
        let place = risk.fields_at.reviewed.or(if x.closed {
            risk.fields_at.status
        } else {
            risk.fields_at.scores
        });
        let mut d = lints::RISK_LOWERED_UNREVIEWED.at(
            &risk.meta.path,
            place.or(at(&risk.meta)),
            format!(
                "{} `{}` stood at high exposure {} in snapshot {} and is {now}, with no review recorded since: it left the brief's largest risks with nobody on record saying why",
                risk.kind, x.id, stood.exposure, stood.after
            ),
        );
        d.help = Some(if x.closed {
            format!(
                "if a review closed it, record it: `reviewed:` the day it was held (after snapshot {}), and why in `mitigation:`; else reopen it (`status: open`)",
                stood.after
            )
        } else {
            format!(
                "if a review lowered it, record it: `reviewed:` the day it was held (after snapshot {}), and why in `mitigation:`; else put back its scores",
                stood.after
            )
        });
        out.push(d);
    }
    for x in d.narrowed_risks {
        // The latest snapshot that had it high: the review that settles
        // it comes after that one.
        let Some(stood) = x.stood.iter().rev().find(|s| s.exposure >= high) else {
            continue;
        };
        if lowered.contains(x.id.as_str()) {
            continue;
        }
        let Some(risk) = r.risk(&x.id) else {
            continue;
        };
        let dropped: Vec<String> = stood.dropped.iter().map(|a| format!("`{a}`")).collect();
        let place = risk.fields_at.reviewed.or(risk.fields_at.affects);
        let mut d = lints::RISK_LOWERED_UNREVIEWED.at(
            &risk.meta.path,
            place.or(at(&risk.meta)),
            format!(
                "{} `{}` stood at high exposure {} over {} in snapshot {} and no longer affects {}, with no review recorded since: the threat left the work it hangs over with nobody on record saying why",
                risk.kind,
                x.id,
                stood.exposure,
                dropped.join(", "),
                stood.after,
                if dropped.len() == 1 { "it" } else { "them" }
            ),
        );
        d.help = Some(format!(
            "if a review settled it, record it: `reviewed:` the day it was held (after snapshot {}), and why in `mitigation:`; else put back what it affects",
            stood.after
        ));
        out.push(d);
    }
    for x in d.effort_cuts {
        let Some(i) = r.initiative(&x.id) else {
            continue;
        };
        let days = |v: f64| format!("{} person-days", crate::words::exact(v));
        let spread = x
            .on_record
            .iter()
            .map(|(t, d)| format!("{} for `{t}`", crate::words::exact(*d)))
            .collect::<Vec<_>>()
            .join(", ");
        let mut d = lints::UNAPPROVED_EFFORT_CUT.at(
            &i.meta.path,
            at(&i.meta),
            format!(
                "the effort of initiative `{}` is {} where snapshot {} set {}, with no approved change request: the capacity counts {spread} until it is approved",
                x.id,
                days(x.to),
                x.after,
                days(x.from)
            ),
        );
        d.help = Some(format!(
            "record the decision: `roadbook new change ID --affects {} --decided-by NAME` (say why); else put back {}",
            x.id,
            days(x.from)
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
    type Side<'h> = crate::base::HashMap<(&'h str, &'h str, String), &'h str>;
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
            crate::history::ScopeKind::MilestoneRemoved => match sc.overdue {
                Some(days) => format!(
                    "was removed while overdue ({} at the snapshot, not done: it left the overdue list)",
                    crate::words::days(days)
                ),
                None => "was removed".to_string(),
            },
            crate::history::ScopeKind::GateRemoved => "is no longer a gate".to_string(),
            crate::history::ScopeKind::DependencyRemoved { dependency } => {
                format!("no longer depends on `{dependency}`")
            }
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
        // An initiative's own dependency names the initiative.
        let of_initiative = sc.gid == sc.initiative;
        let mut d = lints::UNACKNOWLEDGED_SCOPE.at(
            &path,
            span,
            format!(
                "{} `{}` {what} after snapshot {}, with no approved change request",
                if of_initiative {
                    "initiative"
                } else {
                    "milestone"
                },
                sc.gid,
                sc.after
            ),
        );
        if !of_initiative {
            d = d.about_milestone(&sc.gid);
        }
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
        // A milestone waiting on one: how much room the dependency's date
        // now leaves it, so whoever decides sees whether the plan can hold
        // (from two trials: a slip that left two months' margin read as
        // alarming as one past the dependent's date).
        let room = r
            .milestone(&l.dependent)
            .zip(r.milestone(&l.dependency))
            .map(|(waiting, dependency)| {
                let (now, word) = match &dependency.done {
                    Some(done) => (done.day, "was done"),
                    None => (dependency.due.day, "is now due"),
                };
                let margin = crate::analysis::days_between(now, waiting.due.day);
                let when = match margin {
                    0 => "the day".to_string(),
                    m if m > 0 => format!("{} before", crate::words::days(m)),
                    m => format!("{} after", crate::words::days(-m)),
                };
                (
                    format!(
                        "; `{}` {word} {}, {when} `{}` is due ({})",
                        l.dependency,
                        crate::base::date::iso(now),
                        l.dependent,
                        crate::base::date::iso(waiting.due.day)
                    ),
                    margin > 0,
                )
            });
        let mut d = lints::LATENT_SLIP.at(
            &path,
            span,
            format!(
                "`{}` depends on `{}`, which slipped {} after snapshot {}, but its own dates did not move{}",
                l.dependent,
                l.dependency,
                crate::words::days(l.days),
                l.after,
                room.as_ref().map_or("", |(said, _)| said.as_str())
            ),
        );
        d.help = Some(match room {
            Some((_, true)) => "if that margin is enough, confirm its dates hold in an approved change request that affects it; else re-plan it there, or recover the dependency's date".into(),
            Some((_, false)) => "its dates cannot hold as planned: re-plan it in an approved change request that affects it, or recover the dependency's date".into(),
            None => "re-plan it, or confirm its dates hold, in an approved change request that affects it; or recover the dependency's date".into(),
        });
        out.push(d);
    }
    out
}

/// How far over plan, in whole percent unless that would round it onto
/// the tolerance it exceeds: 10.4 % over read "+10%, tolerance 10%", as if
/// within it.
pub(super) fn over_plan(percent: f64, tolerance: f64) -> String {
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

/// `backdated-start`: the history's, or an archived version's as of its
/// day.
pub fn backdated_starts(
    r: &Roadmap,
    starts: &[crate::history::StartBackdated],
    config: &Config,
) -> Vec<Diagnostic> {
    use crate::base::date::Quarter;
    let fiscal_start = config.roadmap.fiscal_year_start;
    let mut out = Vec::new();
    for x in starts {
        // Within the quarter it had, the capacity reads the same.
        if Quarter::of(x.start_day, fiscal_start) >= Quarter::of(x.start_then_day, fiscal_start) {
            continue;
        }
        let Some(i) = r.initiative(&x.id) else {
            continue;
        };
        let mut d = lints::BACKDATED_START.at(
            &i.meta.path,
            at(&i.meta),
            format!(
                "initiative `{}` starts {}, but snapshot {} ({}) had it starting {}: a start dated before the record of it spreads its effort over quarters that snapshot showed it had no part in, and the quarters to come read lighter",
                x.id, x.start, x.after, x.as_of, x.start_then
            ),
        );
        d.help = Some(format!(
            "write the start it had (`start: {}`); if the work did start on {} and the record was late, record it: `roadbook new change ID --affects {} --decided-by NAME`",
            x.start_then, x.start, x.id
        ));
        out.push(d);
    }
    out
}

/// ", due by 2027-Q2" after an outcome's name, or nothing when it had no
/// horizon.
fn due_by(horizon: &Option<String>) -> String {
    horizon
        .as_ref()
        .map(|h| format!(", due by {h}"))
        .unwrap_or_default()
}
