//! Rules over governance: change requests decided and applied, reviews
//! on cadence, RAID items kept up.

use super::*;

/// An approval clears slips, scope changes and restatements from every
/// page: one that names nobody lets anyone write the file that clears them.
pub(super) fn approval_without_decider(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
    // Names nobody: blank, or only characters that show nothing (from a
    // trial: a zero-width space, a Hangul filler or a braille blank
    // approved with no finding).
    let shows_nothing = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '\u{00AD}'
                    | '\u{034F}'
                    | '\u{115F}'
                    | '\u{1160}'
                    | '\u{180E}'
                    | '\u{200B}'..='\u{200F}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{2060}'..='\u{206F}'
                    | '\u{2800}'
                    | '\u{3164}'
                    | '\u{FE00}'..='\u{FE0F}'
                    | '\u{FEFF}'
                    | '\u{FFA0}'
            )
    };
    let unsigned = |c: &&crate::model::Change| {
        c.decided_by
            .as_deref()
            .is_none_or(|who| who.chars().all(shows_nothing))
            || !c.names_decider()
    };
    r.changes
        .iter()
        .filter(|c| c.status == "approved")
        .filter(unsigned)
        .map(|c| {
            let mut d = lints::APPROVAL_WITHOUT_DECIDER.at(
                &c.meta.path,
                at(&c.meta),
                match c.decided_by.as_deref().map(str::trim).filter(|d| !d.is_empty() && !d.chars().all(shows_nothing)) {
                    Some(stand_in) => format!(
                        "change request `{}` is approved with `decided_by: {stand_in}`, which names nobody: nobody answers for what it approves",
                        c.meta.id
                    ),
                    None => format!(
                        "change request `{}` is approved with no `decided_by`: nobody answers for what it approves",
                        c.meta.id
                    ),
                },
            );
            d.help = Some("write who decided, e.g. `decided_by: Steering committee`".into());
            d
        })
        .collect()
}

/// An approval by the one who asked for it: a blanket re-plan "requested
/// by PMO, decided by PMO" cleared six slips from every page and the brief
/// read "0 unapproved slips" (from a trial). It approves nothing
/// ([`crate::model::Change::approves`]); the finding says why what it
/// affects reads as unapproved.
pub(super) fn self_approved_change(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
    r.changes
        .iter()
        .filter(|c| c.status == "approved" && c.self_approved())
        .map(|c| {
            let what = match (c.affects.len(), c.settings.len()) {
                (0, n) if n > 0 => crate::words::count(n, "setting", "settings"),
                (n, _) => crate::words::count(n, "item affected", "items affected"),
            };
            let mut d = lints::SELF_APPROVED_CHANGE.at(
                &c.meta.path,
                at(&c.meta),
                format!(
                    "change request `{}` is approved by `{}`, who {}: it approves nothing ({what}), and what it would cover reads as unapproved until someone else decides it",
                    c.meta.id,
                    c.decided_by.as_deref().unwrap_or_default().trim(),
                    if c.requested_by.as_deref().is_some_and(crate::model::names_someone) {
                        "requested it"
                    } else {
                        "owned what it affects when it was decided (no `requested_by` names anyone else)"
                    },
                ),
            );
            d.help = Some(
                "have it decided by someone other than the requester (the body the requester answers to, or the owners of what it affects), and write the day they decided it in `decided:`; until then set `status: proposed`"
                    .into(),
            );
            d
        })
        .collect()
}

/// An amount a request states that nothing it affects can take: money is
/// an initiative's, a delay a date's. The request approves the rest of
/// what it covers; the amount would read as approved on its page and the
/// governance list while it approves nothing.
pub(super) fn amount_not_applied(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in &r.changes {
        // What it names may be the document that could not be read: its
        // error is the one to fix (from a trial: an initiative's YAML
        // typo made each request raising its budget "approve nothing").
        let unread = |id: &String| r.unread_ids.contains(id.split('/').next().unwrap_or(id));
        if c.affects.iter().any(unread) {
            continue;
        }
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

pub(super) fn review_cadence(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
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
                    // On the last review's date, the one the days count from.
                    let dated = r.reviews.iter().find(|v| v.meta.id == *id).and_then(|v| v.date_span);
                    (
                        m.map(|m| m.path.clone()).unwrap_or_default(),
                        dated.or(m.map(|m| Span::new(m.line, 1, 1))),
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

pub(super) fn stale_change(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
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

pub(super) fn stale_risk(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
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

pub(super) fn risk_without_mitigation(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
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

/// An item that happened and nothing on what it affects has moved since:
/// no change request on that work dated on or after it happened.
pub(super) fn occurred_risk_open(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
    r.risks
        .iter()
        .filter(|x| x.is_open() && x.has_happened() && !x.affects.is_empty())
        // What it hit is delivered or closed: no plan carries on past it
        // ("as if nothing had happened" over a milestone done since).
        .filter(|x| x.affects.iter().any(|id| still_ahead(r, id)))
        .filter(|x| {
            let since = x.occurred.as_ref().or(x.raised.as_ref()).map(|d| d.day);
            let work = affected_work(r, &x.affects);
            // A request rejected is no response: the plan carries on as it
            // was (from a trial: a rejected request on the work cleared the
            // finding and showed nowhere). One proposed waits for its
            // decision, on the brief's list of what waits.
            !r.changes.iter().any(|c| {
                c.status != "rejected"
                    && since.is_none_or(|s| c.date.day >= s || c.decided.as_ref().is_some_and(|d| d.day >= s))
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
