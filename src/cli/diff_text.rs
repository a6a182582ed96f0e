//! `roadbook diff`'s text for people: the same diff the dashboard shows,
//! said in lines a terminal or an email can carry. The JSON form is the
//! `Diff` value itself. Every change a decision covers says it one way,
//! whatever it is: "approved by CR", or "unapproved" when it needs one.
//! (Moves said "acknowledged", budgets "unapproved increase", revisions
//! "unapproved revision": three words for one question.)

use crate::base::date::iso;
use crate::history::{Diff, ForecastMove};

/// Human summary of a diff, for `roadbook diff`; money in `currency`.
/// `bridge`: how the roadmap's budget moved over the diff's periods, when
/// they are a run of the history's.
pub(super) fn text(
    d: &Diff,
    currency: &str,
    bridge: Option<&crate::history::BudgetStep>,
) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} ({}) → {} ({})",
        d.from,
        iso(d.from_today),
        d.to,
        iso(d.to_today)
    );
    if d.is_empty() {
        let _ = writeln!(s, "  no changes");
    }
    for m in &d.moved {
        let ack = approval_of_steps(
            m.acknowledged_by.as_deref(),
            &m.approved_by_steps,
            m.needs_ack,
            m.beyond_approval.map(crate::words::days),
        );
        let renamed = d
            .renamed
            .iter()
            .find(|r| r.gid == m.gid)
            .map(|r| format!(" (renamed from {})", r.from))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  moved    {}{renamed}: {} → {} ({}{}{ack})",
            m.gid,
            m.from,
            m.to,
            if m.days > 0 { "+" } else { "" },
            crate::words::days(m.days)
        );
    }
    for r in d
        .renamed
        .iter()
        .filter(|r| !d.moved.iter().any(|m| m.gid == r.gid))
    {
        let _ = writeln!(s, "  renamed  {} (was {})", r.gid, r.from);
    }
    for sc in &d.scope {
        let what = sc.said(false);
        let ack = approval(sc.acknowledged_by.as_deref(), true);
        let _ = writeln!(s, "  scope    {}: {what}{ack}", sc.gid);
    }
    for l in &d.latent {
        let _ = writeln!(
            s,
            "  latent   {} depends on {}, which slipped {}; its dates did not move{}",
            l.dependent,
            l.dependency,
            crate::words::days(l.days),
            l.acknowledged_by
                .as_deref()
                .map(|c| format!(" (its plan decided by {c})"))
                .unwrap_or_default()
        );
    }
    for c in &d.completed {
        let when = match (c.days_late, &c.committed) {
            (0, _) if c.after_promise.is_some() => "on time for the moved date".to_string(),
            (0, _) => "on time".to_string(),
            (late, _) if c.open_on.is_some() => format!(
                "{} late at least: snapshot {} showed it open and overdue",
                crate::words::days(late),
                c.open_on.as_deref().unwrap_or_default()
            ),
            (late, Some(committed)) => format!(
                "{} late for {committed}, the date committed",
                crate::words::days(late)
            ),
            (late, None) => format!("{} late", crate::words::days(late)),
        };
        let when = match (&c.first_promised, c.after_promise) {
            (Some(first), Some(after)) => format!(
                "{when}; first promised {first}, done {} after it (not counted as a promise kept)",
                crate::words::days(after)
            ),
            (Some(first), None) => format!("{when}; first promised {first}"),
            (None, _) => when,
        };
        let when = match &c.dated_back {
            Some(b) => format!(
                "{when}; dated earlier than snapshot {}, which showed it open and overdue; the date accepted by {}",
                b.after, b.approved_by
            ),
            None => when,
        };
        let _ = writeln!(
            s,
            "  done     {}: {} (due {}, {when})",
            c.gid, c.done, c.due
        );
    }
    for x in &d.redated {
        let change = match (&x.to, x.days) {
            (Some(to), Some(days)) => format!(
                "{} → {to} ({} {})",
                x.from,
                crate::words::days(days.abs()),
                if days < 0 { "earlier" } else { "later" }
            ),
            _ => format!("{} → none (open again)", x.from),
        };
        let accepted = x.dated_back.as_ref().map_or_else(String::new, |b| {
            format!(
                ", earlier than snapshot {} recorded it; the date accepted by {}",
                b.after, b.approved_by
            )
        });
        let _ = writeln!(s, "  redated  {}: done {change}{accepted}", x.gid);
    }
    for o in &d.newly_overdue {
        let committed = o
            .committed
            .map(|c| format!(" (committed {c}, moved with no approved change request)"))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  overdue  {}: due {}{committed}, {} overdue",
            o.gid,
            o.due,
            crate::words::days(o.days)
        );
    }
    for f in &d.forecasts {
        let _ = writeln!(s, "  forecast {}: {}", f.gid, forecast_words(f));
    }
    for id in &d.became_traced {
        let _ = writeln!(s, "  traced   {id}: now serves an outcome");
    }
    for id in &d.became_untraced {
        let verdict = if d.untraced_unapproved.contains(id) {
            ", unapproved"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  untraced {id}: serves no outcome any more (backlog){verdict}"
        );
    }
    for id in &d.lost_last_live {
        let _ = writeln!(s, "  unserved {id}: its last live initiative is gone");
    }
    for x in &d.dates {
        let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
        let days = x
            .days
            .map(|n| {
                let sign = if n > 0 { "+" } else { "" };
                format!(" ({sign}{})", crate::words::days(n))
            })
            .unwrap_or_default();
        let ack = approval_of_steps(
            x.acknowledged_by.as_deref(),
            &x.approved_by_steps,
            x.needs_ack,
            x.beyond_approval.map(crate::words::days),
        );
        let _ = writeln!(
            s,
            "  {:<8} {}: {} → {}{days}{ack}",
            x.field,
            x.id,
            shown(&x.from),
            shown(&x.to)
        );
    }
    let money = |v: f64| crate::words::money_exact(v, currency);
    // A figure's kind after its item's id, and the figure as said: spend
    // to the cent, as a restatement may be small.
    let figure = |series| -> (&str, &dyn Fn(f64) -> String) {
        match series {
            crate::history::Series::Kpi => ("", &crate::words::exact),
            crate::history::Series::Spend => (" spend", &money),
        }
    };
    for b in &d.budgets {
        let m = |v: Option<f64>| v.map(money).unwrap_or_else(|| "none".into());
        let ack = approval_of_steps(
            b.acknowledged_by.as_deref(),
            &b.approved_by_steps,
            b.needs_ack,
            b.beyond_approval.map(money),
        );
        let _ = writeln!(s, "  budget   {}: {} → {}{ack}", b.id, m(b.from), m(b.to));
    }
    // New and cancelled work's budgets too, which no row above has (the
    // period's page said them, and this said nothing; from a trial).
    if let Some(bridge) = bridge {
        let parts: Vec<String> = bridge
            .parts(money)
            .into_iter()
            .map(|(text, _)| text)
            .collect();
        if !parts.is_empty() {
            let _ = writeln!(
                s,
                "  budget   roadmap: {} → {} ({})",
                money(bridge.start),
                money(bridge.end),
                parts.join(", ")
            );
        }
    }
    for x in &d.late_spend {
        let _ = writeln!(
            s,
            "  spend    {}: recorded late for {}: {} on record at {} for the periods then over, now {}",
            x.id,
            x.periods.join(", "),
            money(x.was),
            d.from,
            money(x.now)
        );
    }
    for x in &d.risks {
        let e = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_else(|| "none".into());
        // An exposure that did not move is one figure ("exposure 20 → 20"
        // on an item closed read as a change).
        let exposure = if x.from_exposure == x.to_exposure {
            e(x.to_exposure)
        } else {
            format!("{} → {}", e(x.from_exposure), e(x.to_exposure))
        };
        let status = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
        let status = if x.from_status == x.to_status {
            status(&x.to_status)
        } else {
            format!("{} → {}", status(&x.from_status), status(&x.to_status))
        };
        // What moved besides the status and exposure the line gives ("occurred
        // (status open → occurred, exposure 16 → 20): open → occurred;
        // exposure rose 16 → 20" said both twice): its owner, type,
        // mitigation, title, or that it is back in the log.
        let words = x.change.words();
        let status_move = x
            .from_status
            .as_ref()
            .map(|from| format!("{from} → {}", x.to_status.as_deref().unwrap_or_default()));
        let said = |part: &str| {
            part.is_empty()
                || part.starts_with("exposure ")
                || ["opened", "reopened", "closed", "raised and closed"].contains(&part)
                || status_move.as_deref() == Some(part)
        };
        // A closing's review is news; the word "closed" is the line's own.
        let besides: Vec<&str> = x
            .moved
            .split("; ")
            .filter(|part| !said(part))
            .map(|part| part.strip_prefix("closed ").unwrap_or(part))
            .collect();
        let more = if besides.is_empty() {
            String::new()
        } else {
            format!(": {}", besides.join("; "))
        };
        let _ = writeln!(
            s,
            "  risk     {}: {words} (status {status}, exposure {exposure}){more}",
            x.id,
        );
    }
    for id in &d.added {
        let _ = match d.added_status.get(id) {
            Some(status) if d.to == crate::history::CURRENT => {
                writeln!(s, "  added    {id} ({status} by now)")
            }
            Some(status) => writeln!(s, "  added    {id} ({status} by {})", d.to),
            None => writeln!(s, "  added    {id}"),
        };
    }
    for id in &d.removed {
        let _ = match d.removed_titles.get(id) {
            Some(title) => writeln!(s, "  removed  {id} ({title})"),
            None => writeln!(s, "  removed  {id}"),
        };
    }
    for c in &d.status {
        let by = match c.acknowledged_by {
            Some(a) => format!(", approved by {a}"),
            None if c.takes_back_unapproved() => ", unapproved".to_string(),
            None => String::new(),
        };
        let _ = writeln!(s, "  status   {}: {} → {}{by}", c.id, c.from, c.to);
    }
    for c in &d.health {
        let _ = writeln!(s, "  health   {}: {} → {}", c.id, c.from, c.to);
    }
    for c in &d.owners {
        let _ = writeln!(s, "  owner    {}: {} → {}", c.id, c.from, c.to);
    }
    for c in &d.teams {
        let _ = writeln!(s, "  team     {}: {} → {}", c.id, c.from, c.to);
    }
    for c in &d.retitled {
        let _ = writeln!(s, "  title    {}: {} → {}", c.id, c.from, c.to);
    }
    for c in &d.serves {
        let by = match c.acknowledged_by {
            Some(a) => format!(", approved by {a}"),
            None if c.leaves_unapproved() => ", unapproved".to_string(),
            None => String::new(),
        };
        let _ = writeln!(s, "  serves   {}: {} → {}{by}", c.id, c.from, c.to);
    }
    for c in &d.capacity {
        let by = c
            .acknowledged_by
            .map(|a| format!(", approved by {a}"))
            .unwrap_or_default();
        let _ = writeln!(s, "  capacity {}: {} → {}{by}", c.id, c.from, c.to);
    }
    for c in &d.ops_load {
        let _ = writeln!(s, "  ops load {}: {} → {}", c.id, c.from, c.to);
    }
    for k in &d.kpis {
        let (from, to) = crate::words::figures_apart(k.from, k.to);
        let restated = if d.restated_unapproved(k) {
            format!(" (restated, unapproved: judged as reported, {from})")
        } else {
            String::new()
        };
        let _ = writeln!(s, "  kpi      {}: {from} → {to}{restated}", k.id);
    }
    for h in &d.horizons {
        let how = match (h.later(), h.acknowledged_by) {
            (false, _) => String::new(),
            (true, Some(a)) => format!(", approved by {a}"),
            (true, None) => ", unapproved".to_string(),
        };
        let days = h.days.map(|n| format!(" ({n:+} days)")).unwrap_or_default();
        let _ = writeln!(
            s,
            "  horizon  {}: {} → {}{days}{how}",
            h.id,
            h.from.as_deref().unwrap_or("none"),
            h.to.as_deref().unwrap_or("none")
        );
    }
    for t in &d.targets {
        let how = match (t.loosened, t.acknowledged_by) {
            (false, _) => " (tightened)".to_string(),
            (true, Some(a)) => format!(" (loosened), approved by {a}"),
            (true, None) => " (loosened), unapproved".to_string(),
        };
        let step = t
            .step
            .as_ref()
            .map_or(String::new(), |step| format!(" from {step}"));
        let _ = writeln!(
            s,
            "  target   {}{step}: {} → {}{how}",
            t.id,
            crate::words::one_decimal(t.from),
            crate::words::one_decimal(t.to)
        );
    }
    for c in &d.capabilities {
        let moved = |from: i64, to: i64| {
            if from == to {
                to.to_string()
            } else {
                format!("{from} → {to}")
            }
        };
        let mut how = Vec::new();
        if c.current_to < c.current_from {
            how.push("gone backwards");
        }
        if c.target_to < c.target_from {
            how.push("target lowered");
        }
        let how = if how.is_empty() {
            String::new()
        } else {
            format!(" ({})", how.join(", "))
        };
        let _ = writeln!(
            s,
            "  maturity {}: current {}, target {}{how}",
            c.id,
            moved(c.current_from, c.current_to),
            moved(c.target_from, c.target_to)
        );
    }
    for b in &d.baselines {
        let how = match (b.flatters, b.acknowledged_by) {
            (false, _) => String::new(),
            (true, Some(a)) => format!(" (in its favour), approved by {a}"),
            (true, None) => " (in its favour), unapproved".to_string(),
        };
        let shown =
            |v: Option<f64>| v.map_or_else(|| "none".to_string(), crate::words::one_decimal);
        let _ = writeln!(
            s,
            "  baseline {}: {} → {}{how}",
            b.id,
            shown(b.from),
            shown(b.to)
        );
    }
    for x in &d.efforts {
        let how = match (x.cut, x.acknowledged_by) {
            (false, _) => String::new(),
            (true, Some(a)) => format!(" (cut), approved by {a}"),
            (true, None) => " (cut), unapproved".to_string(),
        };
        let split = if !x.split_changed() {
            String::new()
        } else {
            format!(
                " ({} → {})",
                crate::words::effort_spread(&x.teams_from),
                crate::words::effort_spread(&x.teams_to)
            )
        };
        let _ = writeln!(
            s,
            "  effort   {}: {} → {}{split}{how}",
            x.id,
            crate::words::exact(x.from),
            crate::words::exact(x.to)
        );
    }
    for t in &d.directions {
        let how = match t.acknowledged_by {
            Some(a) => format!("approved by {a}"),
            None => "unapproved".to_string(),
        };
        let _ = writeln!(
            s,
            "  direction {}: {} → {} (turned around), {how}",
            t.id, t.from, t.to
        );
    }
    for r in &d.retired {
        let ack = approval(r.acknowledged_by.as_deref(), true);
        let _ = writeln!(s, "  retired  {} from {}{ack}", r.id, r.retired);
    }
    for r in &d.outcomes_retired {
        let ack = approval(r.acknowledged_by.as_deref(), true);
        let _ = writeln!(s, "  retired  outcome {} from {}{ack}", r.id, r.retired);
    }
    for u in &d.unlinked {
        let ack = approval(u.acknowledged_by.as_deref(), true);
        let _ = writeln!(
            s,
            "  unlinked {} no longer measures {}{ack}",
            u.kpi, u.outcome
        );
    }
    for l in &d.linked {
        let _ = writeln!(s, "  linked   {} now measures {}", l.kpi, l.outcome);
    }
    for r in &d.revisions {
        let ack = match &r.acknowledged_by {
            None if !r.needs_ack => ", put back as it stood".to_string(),
            by => approval(by.as_deref(), true),
        };
        let (what, shown) = figure(r.series);
        let now = match (r.to, r.within) {
            (Some(to), _) => shown(to),
            (None, Some(w)) if w.over => format!("within {} ({} in all)", w.date, shown(w.amount)),
            (None, Some(w)) => format!(
                "within {}, not over yet ({} so far)",
                w.date,
                shown(w.amount)
            ),
            (None, None) => "taken out".into(),
        };
        let _ = writeln!(
            s,
            "  revised  {}{what} for {}: reported {}, now {now}{ack}",
            r.id,
            r.date,
            shown(r.from)
        );
    }
    for f in &d.flash {
        let (what, shown) = figure(f.series);
        let now = f.to.map(shown).unwrap_or_else(|| "taken out".into());
        let _ = writeln!(
            s,
            "  flash    {}{what} for {}: {} when {} was taken, now {now}",
            f.id,
            f.date,
            shown(f.from),
            d.from
        );
    }
    for x in &d.requests {
        let shown = |v: &Option<String>| {
            let v = v.as_deref().unwrap_or("none");
            match v.parse::<f64>() {
                Ok(amount) if x.field == "budget_increase" => money(amount),
                _ => v.to_string(),
            }
        };
        // Written and decided within the period: new, not a status "none"
        // (found by a trial).
        if x.field == "status" && x.from.is_none() {
            let _ = writeln!(
                s,
                "  request  {}: {} (written and decided in the period)",
                x.id,
                shown(&x.to)
            );
            continue;
        }
        let _ = writeln!(
            s,
            "  request  {}: {} {} → {}{}",
            x.id,
            x.field,
            shown(&x.from),
            shown(&x.to),
            if x.after_approval {
                " (edited after its approval)"
            } else {
                ""
            }
        );
    }
    // Late approval is allowed; read as if approved then, it is not.
    for a in &d.approved_later {
        let _ = writeln!(
            s,
            "  later    {} was decided {}, after {}: what it approves above stood unapproved when {} was taken",
            a.id, a.decided, d.to, d.to
        );
    }
    for a in &d.approves_earlier {
        let periods: Vec<String> = a
            .periods
            .iter()
            .map(|p| format!("{} → {}", p.from, p.to))
            .collect();
        let _ = writeln!(
            s,
            "  earlier  {} was decided {}, in this period: it approves what stood unapproved at the end of {}",
            a.id,
            a.decided,
            periods.join(", ")
        );
    }
    s
}

/// As [`approval`], naming every request when several approved a row (the
/// steps of a span, a rise topped up): ", approved by cr1 and cr2"; what
/// of it the approvals leave uncovered (", approved by cr1 for less: 20
/// days of it unapproved"); and over a span partly approved, what stands
/// (", unapproved: 60 days of it; the rest approved by cr1").
fn approval_of_steps(
    by: Option<&str>,
    steps: &[crate::base::sym::Sym],
    needs_one: bool,
    unapproved: Option<String>,
) -> String {
    let names = |steps: &[crate::base::sym::Sym]| match steps {
        [] => String::new(),
        [one] => one.to_string(),
        [first @ .., last] => format!(
            "{} and {last}",
            first
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    match (by, unapproved) {
        (Some(c), rest) => {
            let by = if steps.is_empty() {
                c.to_string()
            } else {
                names(steps)
            };
            let less = rest
                .map(|r| format!(" for less: {r} of it unapproved"))
                .unwrap_or_default();
            format!(", approved by {by}{less}")
        }
        // Over several quarters, what stands of it when other steps were
        // approved (`steps` names their requests).
        (None, Some(rest)) if needs_one => {
            let part = if steps.is_empty() {
                String::new()
            } else {
                format!("; the rest approved by {}", names(steps))
            };
            format!(", unapproved: {rest} of it{part}")
        }
        (None, _) => approval(None, needs_one),
    }
}

/// ", approved by CR", ", unapproved" (it needs a decision and has none),
/// or nothing.
fn approval(by: Option<&str>, needs_one: bool) -> String {
    match by {
        Some(c) => format!(", approved by {c}"),
        None if needs_one => ", unapproved".to_string(),
        None => String::new(),
    }
}

/// "P85 2027-01-20 → 2027-03-01 (+40 days), P50 …": how one forecast moved.
fn forecast_words(f: &ForecastMove) -> String {
    match (&f.from, &f.to) {
        (Some(a), Some(b)) => {
            let days = f.days.unwrap_or(0);
            let due = if a.due == b.due {
                String::new()
            } else {
                format!(", due {} → {}", iso(a.due), iso(b.due))
            };
            format!(
                "P85 {} → {} ({}{}), P50 {} → {}{due}",
                iso(a.p85),
                iso(b.p85),
                if days > 0 { "+" } else { "" },
                crate::words::days(days),
                iso(a.p50),
                iso(b.p50),
            )
        }
        (None, Some(b)) => format!(
            "now forecast (as many finished milestones as `forecast-min-samples` asks): P50 {}, P85 {}",
            iso(b.p50),
            iso(b.p85)
        ),
        (Some(a), None) => format!(
            "no forecast any more (fewer finished milestones than `forecast-min-samples` asks); was P50 {}, P85 {}",
            iso(a.p50),
            iso(a.p85)
        ),
        (None, None) => String::new(),
    }
}
