//! What each approved change request covers in the working tree's
//! history: the rows of its periods matched to it, by request, for the
//! requests' pages.

/// One change a request approved, as the history matched it: in which
/// period, of which item, and what.
pub(super) struct Covered {
    /// Index into the history's diffs.
    pub period: usize,
    pub item: String,
    pub what: String,
}

/// Every row of the working tree's periods that an approved change
/// request covers, by request: a request's page says what it was credited
/// for (a request affecting an initiative approves one move of each of its
/// milestones, and with `delay_days` maybe only part of one: nothing said
/// which).
pub(super) fn covered_by_request(
    h: &crate::history::History,
    currency: &str,
) -> std::collections::HashMap<&'static str, Vec<Covered>> {
    use crate::base::sym::Sym;
    use crate::words::{days, money_exact};
    let mut out: std::collections::HashMap<&'static str, Vec<Covered>> = Default::default();
    let signed = |n: i64| format!("{}{}", if n > 0 { "+" } else { "" }, days(n));
    let money = |v: Option<f64>| v.map_or_else(|| "none".to_string(), |v| money_exact(v, currency));
    // A milestone's due or an initiative's date: "due moved A → B (+N
    // days)".
    let moved = |field: &str, from: &str, to: &str, by: Option<i64>| {
        format!(
            "{field} moved {from} → {to}{}",
            by.map(|n| format!(" ({})", signed(n))).unwrap_or_default(),
        )
    };
    for (period, d) in h.diffs.iter().enumerate() {
        let mut add = |by: Option<Sym>, item: &str, what: String| {
            if let Some(by) = by {
                out.entry(by.as_str()).or_default().push(Covered {
                    period,
                    item: item.to_string(),
                    what,
                });
            }
        };
        // What of the row lies beyond what its request approves, or its
        // requests together ("M days of it beyond what it approves"). A row
        // several requests approved (a rise approved for less and topped
        // up by a later one) is on each one's page, naming the others.
        let mut add_each =
            |by: Option<Sym>, all: &[Sym], item: &str, what: String, beyond: Option<String>| {
                let who = if all.is_empty() {
                    "it approves"
                } else {
                    "they approve"
                };
                let what = match beyond {
                    Some(rest) => format!("{what}, {rest} of it beyond what {who}"),
                    None => what,
                };
                if all.is_empty() {
                    return add(by, item, what);
                }
                for &one in all {
                    let others: Vec<&str> = all
                        .iter()
                        .filter(|&&c| c != one)
                        .map(|c| c.as_str())
                        .collect();
                    let what = format!("{what}, together with {}", others.join(" and "));
                    add(Some(one), item, what);
                }
            };
        for m in &d.moved {
            let what = moved("due", &m.from, &m.to, Some(m.days.into()));
            let beyond = m.beyond_approval.map(days);
            add_each(
                m.acknowledged_by,
                &m.approved_by_steps,
                &m.gid,
                what,
                beyond,
            );
        }
        for x in &d.dates {
            let what = moved(
                x.field,
                x.from.as_deref().unwrap_or("none"),
                x.to.as_deref().unwrap_or("none"),
                x.days,
            );
            let beyond = x.beyond_approval.map(days);
            add_each(x.acknowledged_by, &x.approved_by_steps, &x.id, what, beyond);
        }
        for b in &d.budgets {
            add_each(
                b.acknowledged_by,
                &b.approved_by_steps,
                &b.id,
                format!("budget {} → {}", money(b.from), money(b.to)),
                b.beyond_approval.map(|v| money(Some(v))),
            );
        }
        for s in &d.scope {
            add(s.acknowledged_by, &s.gid, s.kind.what(false));
        }
        for l in &d.latent {
            add(
                l.acknowledged_by,
                &l.dependent,
                format!(
                    "its plan decided behind {}, which slipped {}",
                    l.dependency,
                    days(l.days)
                ),
            );
        }
        for r in &d.revisions {
            let (what, shown): (&str, &dyn Fn(f64) -> String) = match r.series {
                crate::history::Series::Kpi => ("figure", &crate::words::exact),
                crate::history::Series::Spend => ("spend", &|v| money(Some(v))),
            };
            add(
                r.acknowledged_by,
                &r.id,
                format!(
                    "{what} for {} restated {} → {}",
                    r.date,
                    shown(r.from),
                    r.to.map_or_else(|| "taken out".to_string(), shown)
                ),
            );
        }
        for c in &d.status {
            add(
                c.acknowledged_by,
                &c.id,
                format!(
                    "{} (status {} → {})",
                    match c.to.as_str() {
                        "cancelled" => "cancelled",
                        "on-hold" => "put on hold",
                        _ => "made proposed",
                    },
                    c.from,
                    c.to
                ),
            );
        }
        for c in &d.completed {
            if let Some(b) = &c.dated_back {
                add(
                    Some(b.approved_by),
                    &c.gid,
                    format!(
                        "done {}, dated earlier than snapshot {}, which showed it open and overdue",
                        c.done, b.after
                    ),
                );
            }
        }
        for x in &d.redated {
            if let (Some(b), Some(to)) = (&x.dated_back, &x.to) {
                add(
                    Some(b.approved_by),
                    &x.gid,
                    format!(
                        "done dated {} → {to}, earlier than snapshot {} recorded it",
                        x.from, b.after
                    ),
                );
            }
        }
        for r in d.retired.iter().chain(&d.outcomes_retired) {
            add(
                r.acknowledged_by,
                &r.id,
                format!("retired from {}", r.retired),
            );
        }
        for c in &d.serves {
            add(
                c.acknowledged_by,
                &c.id,
                format!("outcomes served {} → {}", c.from, c.to),
            );
        }
        for u in &d.unlinked {
            add(
                u.acknowledged_by,
                &u.kpi,
                format!("taken off outcome {}", u.outcome),
            );
        }
        // Approved too, and its page listed none of them: a request that
        // approved a looser target alone said it covered nothing.
        let figure = |v: Option<f64>| v.map_or_else(|| "none".to_string(), crate::words::exact);
        for x in &d.targets {
            let from = x
                .step
                .as_deref()
                .map(|s| format!(" from {s}"))
                .unwrap_or_default();
            add(
                x.acknowledged_by,
                &x.id,
                format!(
                    "target{from} {} → {} (loosened)",
                    crate::words::exact(x.from),
                    crate::words::exact(x.to)
                ),
            );
        }
        for x in &d.baselines {
            add(
                x.acknowledged_by,
                &x.id,
                format!("baseline {} → {}", figure(x.from), figure(x.to)),
            );
        }
        for x in &d.directions {
            add(
                x.acknowledged_by,
                &x.id,
                format!("direction {} → {}", x.from, x.to),
            );
        }
        for x in &d.horizons {
            add(
                x.acknowledged_by,
                &x.id,
                moved(
                    "horizon",
                    x.from.as_deref().unwrap_or("none"),
                    x.to.as_deref().unwrap_or("none"),
                    x.days,
                ),
            );
        }
        for x in &d.efforts {
            add(
                x.acknowledged_by,
                &x.id,
                format!(
                    "effort {} → {} person-days",
                    crate::words::exact(x.from),
                    crate::words::exact(x.to)
                ),
            );
        }
        for x in &d.capacity {
            add(
                x.acknowledged_by,
                &x.id,
                format!("capacity {} → {}", x.from, x.to),
            );
        }
    }
    out
}
