//! An item's own page. Each kind shows different facts, so each has its own
//! builder; what every item page shares (backlinks, body, place in the
//! traceability matrix) is done once, around them.

use super::capacity::team_quarters;
use super::list_path;
use crate::model::{
    Capability, Change, Initiative, Kind, Kpi, Meta, Milestone, Outcome, Page, Review, Risk,
    Roadmap, Team, RISK_RELATION,
};
use crate::render::context::{
    fact, fact_badge, fact_links, figure, figure_exact, merge, milestone_row, per_quarter_text, Ctx,
};
use crate::render::value::{self, Value};
use crate::render::{charts, root_of};
use crate::tv;
use crate::words::count;
use std::collections::BTreeMap;

/// What an item page says that depends on its kind. Most kinds fill a few
/// of these; the template shows what is there.
struct KindPage {
    /// The item's model, when a template reads it.
    item: Value,
    /// One line on the item: the page's description, and its summary once
    /// the title is taken off.
    description: String,
    facts: Vec<Value>,
    /// An initiative's milestones.
    milestones: Vec<Value>,
    /// A KPI's measurements.
    data: Vec<Value>,
    /// Whether a figure of them was revised after a snapshot reported it.
    data_revised: bool,
    /// A review's decisions.
    decisions: Vec<String>,
    /// Why an initiative's computed health is what it is.
    computed_reasons: Vec<String>,
    watermelon: bool,
    /// A team's load per quarter.
    capacity: Vec<Value>,
    chart: Option<String>,
    /// An initiative's milestone dates across the snapshots.
    date_history: Value,
    /// A team's delivery history, as its forecasts use it.
    delivery: Value,
    /// The open RAID items that threaten an initiative or outcome.
    risks: Vec<Value>,
    /// An initiative's money against its plan, with its chart.
    budget: Value,
    /// What a change request approves in the history (`None`: no history,
    /// or a request not approved).
    covered: Option<Vec<Value>>,
    /// A RAID item's row in each snapshot that logged it.
    raid_trail: Vec<Value>,
}

impl KindPage {
    fn new(item: Value) -> KindPage {
        KindPage {
            item,
            description: String::new(),
            facts: Vec::new(),
            milestones: Vec::new(),
            data: Vec::new(),
            data_revised: false,
            decisions: Vec::new(),
            computed_reasons: Vec::new(),
            watermelon: false,
            capacity: Vec::new(),
            chart: None,
            date_history: Value::none(),
            delivery: Value::none(),
            risks: Vec::new(),
            budget: Value::none(),
            covered: None,
            raid_trail: Vec::new(),
        }
    }
}

pub(super) fn item_page(cx: &Ctx, m: &Meta) -> tera::Context {
    let r = cx.r;
    let root = root_of(&m.url);
    let idx = r.item_ref(&m.id).expect("every document is indexed").index;
    let page = match m.kind {
        Kind::Outcome => outcome_page(cx, &r.outcomes[idx], &root),
        Kind::Initiative => initiative_page(cx, &r.initiatives[idx], &root),
        Kind::Kpi => kpi_page(cx, &r.kpis[idx], &root),
        Kind::Team => team_page(cx, &r.teams[idx], &root),
        Kind::Capability => capability_page(cx, &r.capabilities[idx]),
        Kind::Change => change_page(cx, &r.changes[idx], &root),
        Kind::Review => review_page(cx, &r.reviews[idx]),
        Kind::Risk => risk_page(cx, &r.risks[idx], &root),
        Kind::Page => free_page(cx, &r.pages[idx]),
    };
    let milestones: &[Milestone] = match m.kind {
        Kind::Initiative => &r.initiatives[idx].milestones,
        _ => &[],
    };
    let backlinks = backlinks(cx, m, milestones, &root);
    // What the check says of this very file, on the page its owner reads:
    // a decision waiting (an end moved, a milestone added unapproved) was
    // on the findings page only, and the page itself said green.
    // Its data file's too (a spend or KPI figure restated there).
    let data_file = match m.kind {
        Kind::Initiative => r.initiatives[idx].spend_file.as_deref(),
        Kind::Kpi => r.kpis[idx].data_file.as_deref(),
        _ => None,
    }
    .map(|rel| cx.config.in_content(rel.trim_start_matches("./")));
    let mut paths = vec![m.path.as_str()];
    paths.extend(data_file.as_deref());
    let findings: Vec<Value> = cx
        .findings_of(&paths)
        .into_iter()
        .map(|d| {
            tv!({
                "level": d.severity.as_str(),
                "weight": d.weight.as_str(),
                "rule": d.rule,
                "line": d.span.map(|s| s.line).filter(|&l| l > 0),
                "message": d.message,
                "help": d.help_text().map(|h| h.into_owned()),
            })
        })
        .collect();
    let section = list_path(m.kind);
    let description = page.description;
    merge(
        cx.base(&m.url, &m.title, &description, &section),
        tv!({
            "kind": m.kind.name(),
            "kind_title": m.kind.singular_title(),
            "kind_plural": m.kind.plural_title(),
            "trace_url": trace_url(r, m, &root),
            "computed_reasons": page.computed_reasons,
            "findings": findings,
            "watermelon": page.watermelon,
            "capacity": page.capacity,
            "chart": page.chart,
            "date_history": page.date_history,
            "delivery": page.delivery,
            "risks": page.risks,
            "budget": page.budget,
            "summary": description.strip_prefix(&format!("{} — ", m.title)).unwrap_or(&description),
            "kind_list": format!("{root}{section}"),
            "id": m.id,
            "source": m.path,
            "facts": page.facts,
            "milestones": page.milestones,
            "data": page.data,
            "data_revised": page.data_revised,
            "decisions": page.decisions,
            "covered": page.covered,
            "raid_trail": page.raid_trail,
            "body_html": cx.markdown(m, &root),
            "backlinks": backlinks,
            "item": page.item,
            "extra": cx.raw(&m.extra),
        }),
    )
}

/// A fact shown only when the item has a value for it.
fn opt_fact<S: AsRef<str>>(facts: &mut Vec<Value>, label: &str, v: &Option<S>) {
    if let Some(v) = v {
        facts.push(fact(label, v.as_ref()));
    }
}

/// Backlinks of the item and of its milestones, grouped by relation.
fn backlinks(cx: &Ctx, m: &Meta, milestones: &[Milestone], root: &str) -> Vec<Value> {
    let mut groups: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    // Open RAID items have a section of their own, with their exposure.
    let listed = cx.facts.risks.by_item.get(&m.id);
    let mut push_backlinks = |id: &str, suffix: &str| {
        for b in cx.r.backlinks_of(id) {
            if b.relation == RISK_RELATION && listed.is_some_and(|l| l.contains(&b.from)) {
                continue;
            }
            let mut link = cx.link(&b.from, root);
            // Closed work says so: a team's "Assigned initiatives" listed
            // one cancelled in the spring as if it still took its people.
            // So does a closed RAID item (the open ones have a section of
            // their own): listed bare, it read as a threat still.
            let closed = match cx.r.initiative(&b.from) {
                Some(i) => i.is_closed().then_some(i.status.as_str()),
                None => {
                    cx.r.risk(&b.from)
                        .filter(|x| !x.is_open())
                        .map(|x| x.status.as_str())
                }
            };
            let note = match (suffix.is_empty(), closed) {
                (true, None) => None,
                (true, Some(status)) => Some(status.to_string()),
                (false, None) => Some(suffix.to_string()),
                (false, Some(status)) => Some(format!("{suffix}; {status}")),
            };
            if let Some(note) = note {
                link = value::with(link, "note", tv!(note));
            }
            groups.entry(b.relation.to_string()).or_default().push(link);
        }
    };
    push_backlinks(&m.id, "");
    for ms in milestones {
        // Quoted and "for": the milestone is this item's, not the linking
        // one's ("Go-live (milestone Core switches replaced)" read as a
        // milestone of that name).
        push_backlinks(&ms.gid, &format!("for milestone “{}”", ms.title));
    }
    groups
        .into_iter()
        .map(|(relation, items)| tv!({ "relation": relation, "items": items }))
        .collect()
}

fn outcome_page(cx: &Ctx, o: &Outcome, root: &str) -> KindPage {
    let r = cx.r;
    let mut page = KindPage::new(cx.raw(o));
    page.risks = super::risks::threatening(cx, &o.meta.id, root);
    let facts = &mut page.facts;
    facts.push(fact("Owner", o.owner.clone()));
    opt_fact(facts, "Category", &o.category);
    opt_fact(
        facts,
        "Horizon",
        &o.horizon.as_ref().map(|d| d.written.to_string()),
    );
    // A retired KPI is still listed (what measured the outcome is on
    // record), said so: the roll-up below no longer counts it.
    let kpis = o
        .kpis
        .iter()
        .map(|id| match r.kpi(id).and_then(|k| k.retired.as_ref()) {
            Some(on) if cx.facts.kpi_retired(id) => {
                let link = cx.link(id, root);
                let text = link
                    .get_from_path("text")
                    .and_then(Value::as_str)
                    .unwrap_or(id);
                let text = format!("{text} (retired {})", on.written);
                crate::render::value::with(link, "text", tv!(text))
            }
            _ => cx.link(id, root),
        })
        .collect();
    facts.push(fact_links("KPIs", kpis));
    // Taken off with no decision: said where the roll-up no longer counts
    // it (swapped for a flattering KPI, the outcome read "1 of 1 on
    // target" with no word of the one it lost).
    let taken_off: Vec<String> = cx
        .history
        .iter()
        .flat_map(|h| &h.open_unlinked)
        .filter(|x| x.outcome == o.meta.id)
        .map(|x| {
            let title = r.get(&x.kpi).map_or(x.kpi.as_str(), |m| m.title.as_str());
            let stood = match x.on_target {
                Some(true) => ", on target then",
                Some(false) => ", off target then",
                None => "",
            };
            format!("{title} (measured it in snapshot {}{stood})", x.after)
        })
        .collect();
    if !taken_off.is_empty() {
        // Plain text: a sentence in a badge does not wrap.
        facts.push(fact(
            "KPIs taken off",
            format!(
                "{}: no approved change request; the roll-up no longer counts {}",
                taken_off.join("; "),
                if taken_off.len() == 1 { "it" } else { "them" }
            ),
        ));
    }
    opt_fact(facts, "Description", &o.description);
    if let Some(roll) = cx.facts.outcomes.get(&o.meta.id) {
        rollup_facts(r, roll, root, facts);
    }
    if let Some(money) = cx.facts.budget.outcomes.get(&o.meta.id) {
        facts.push(super::budget::rollup_fact(
            cx,
            money,
            "Budget of the work serving it",
        ));
    }
    let served = r
        .backlinks_of(&o.meta.id)
        .iter()
        .filter(|b| b.relation == "Served by")
        .count();
    page.description = format!(
        "{} — {} outcome owned by {}, served by {}{}",
        o.meta.title,
        o.category.clone().unwrap_or_default(),
        o.owner,
        count(served, "initiative", "initiatives"),
        cx.facts
            .outcomes
            .get(&o.meta.id)
            .map(|roll| match (roll.state, &o.retired) {
                (crate::analysis::outcomes::OutcomeState::Retired, Some(from)) => {
                    format!(", retired from {}", from.written)
                }
                _ => format!(", {} by its roll-up", roll.state.label()),
            })
            .unwrap_or_default()
    );
    page
}

/// What an outcome's roll-up says of the work serving it.
fn rollup_facts(
    r: &Roadmap,
    roll: &crate::analysis::outcomes::Rollup,
    root: &str,
    facts: &mut Vec<Value>,
) {
    facts.push(fact_badge(
        "Roll-up (computed)",
        roll.state.label(),
        format!("health-{}", roll.state.colour()),
    ));
    if !roll.reasons.is_empty() {
        facts.push(fact("Why", roll.reasons.join("; ")));
    }
    if let Some(h) = roll.health {
        facts.push(fact_badge(
            "Worst computed health of its work",
            h.as_str(),
            format!("health-{}", h.as_str()),
        ));
    }
    facts.push(fact(
        "Milestones of its live work",
        format!(
            "{} done, {} late (done late or overdue), of {}",
            roll.milestones_done, roll.milestones_late, roll.milestones_total
        ),
    ));
    if let Some(end) = roll.latest_end {
        let against = match roll.horizon {
            Some(h) if end > h => format!(
                " — {} after the horizon",
                crate::words::days(crate::analysis::days_between(h, end))
            ),
            // Overdue work still open past the horizon: not within it.
            Some(h) => match roll.beyond_horizon.first().filter(|b| b.date > h) {
                Some(b) => format!(
                    " — but work is still open {} after the horizon",
                    crate::words::days(crate::analysis::days_between(h, b.date))
                ),
                None => " — within the horizon".to_string(),
            },
            None => String::new(),
        };
        facts.push(fact(
            "Its live work ends",
            format!("{}{against}", crate::base::date::iso(end)),
        ));
    }
    if !roll.beyond_horizon.is_empty() {
        let links: Vec<Value> = roll
            .beyond_horizon
            .iter()
            .map(|b| {
                let (title, url) = r
                    .link_target(&b.id)
                    .map(|(t, u)| (t.to_string(), Some(format!("{root}{u}"))))
                    .unwrap_or_else(|| (b.id.clone(), None));
                tv!({ "text": format!("{title} ({})", crate::base::date::iso(b.date)), "url": url })
            })
            .collect();
        facts.push(fact_links("Ends after the horizon", links));
    }
    facts.push(fact(
        "KPIs on target",
        format!("{} of {}", roll.kpis_on_target(), roll.kpis.len()),
    ));
}

fn initiative_page(cx: &Ctx, i: &Initiative, root: &str) -> KindPage {
    let mut page = KindPage::new(cx.raw(i));
    page.risks = super::risks::threatening(cx, &i.meta.id, root);
    page.budget = super::budget::initiative_budget(cx, i);
    if let Some(h) = cx.history {
        page.date_history = date_history(h, i);
    }
    let health = i.health.map_or("unreported", |h| h.as_str());
    page.facts = initiative_state_facts(cx, i, health);
    if let Some(c) = cx.facts.health.get(&i.meta.id) {
        page.computed_reasons = c.reasons.clone();
        page.watermelon = cx.facts.is_watermelon(i);
    }
    page.facts.extend(initiative_plan_facts(cx, i, root));
    page.milestones = i
        .milestones
        .iter()
        .map(|ms| milestone_row(cx, i, ms, root))
        .collect();
    let said = match (i.health.as_deref(), cx.facts.health.get(&i.meta.id)) {
        (Some(reported), Some(c)) if reported == c.health.as_str() => {
            format!("{reported} (reported and computed)")
        }
        (Some(reported), Some(c)) => format!("reported {reported}, computed {}", c.health.as_str()),
        (None, Some(c)) => format!("computed {}, none reported", c.health.as_str()),
        (Some(reported), None) => format!("reported {reported}"),
        (None, None) => "no health reported".to_string(),
    };
    page.description = initiative_description(cx, i, &said);
    page
}

/// Each milestone's due date in every snapshot, for the table of how the
/// plan moved.
fn date_history(h: &crate::history::History, i: &Initiative) -> Value {
    let rows: Vec<Value> = i
        .milestones
        .iter()
        .filter_map(|m| {
            let trail = h.dates.get(m.gid.as_str())?;
            let dates: Vec<Option<&str>> = trail.iter().collect();
            Some(tv!({ "title": m.title, "anchor": format!("m-{}", m.id), "dates": dates, "changed": trail.changed() }))
        })
        .chain(
            h.removed_milestones
                .iter()
                .filter(|r| r.initiative == i.meta.id.as_str())
                .map(|r| {
                    let dates: Vec<Option<&str>> = r.dates.iter().collect();
                    let own = r.gid.as_str().split_once('/').map_or(r.gid.as_str(), |(_, m)| m);
                    tv!({
                        "title": r.title.map_or(own, |t| t.as_str()),
                        "dates": dates,
                        "changed": r.dates.changed(),
                        "removed": tv!({ "after": r.after, "by": r.acknowledged_by, "unapproved": r.unapproved }),
                    })
                }),
        )
        .collect();
    let columns: Vec<&str> = h.points.iter().map(|(n, _)| n.as_str()).collect();
    tv!({ "columns": columns, "rows": rows })
}

/// How an initiative stands: status, health reported and computed,
/// progress, and the milestone to look at next.
fn initiative_state_facts(cx: &Ctx, i: &Initiative, health: &str) -> Vec<Value> {
    let mut facts = Vec::new();
    facts.push(fact_badge(
        "Status",
        &i.status,
        format!("status-{}", i.status),
    ));
    facts.push(fact_badge(
        "Reported health",
        health,
        format!("health-{health}"),
    ));
    if let Some(c) = cx.facts.health.get(&i.meta.id) {
        let h = c.health.as_str();
        facts.push(fact_badge("Computed health", h, format!("health-{h}")));
    }
    if let Some(p) = cx.facts.progress.get(&i.meta.id) {
        facts.push(fact(
            "Progress",
            format!(
                "{} of {} done, {} late (done late or overdue)",
                p.done,
                count(p.total, "milestone", "milestones"),
                p.late
            ),
        ));
    }
    let today = cx.config.today.day;
    if i.status == "cancelled" {
        // Cancelled work owes nothing: what it left undone is said as
        // such, not as overdue or next ("Overdue: … 51 days overdue" on a
        // cancelled initiative).
        let undone: Vec<&Milestone> = i.milestones.iter().filter(|m| m.done.is_none()).collect();
        if let Some(first) = undone.iter().min_by_key(|m| (m.due.day, m.id.as_str())) {
            let more = match undone.len() {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            facts.push(tv!({ "label": "Left undone when cancelled", "links": [{ "text": format!("{} (due {}){more}", first.title, first.due.written), "url": format!("#m-{}", first.id) }] }));
        }
        return facts;
    }
    // Overdue from the date it stands committed to when its due moved
    // with no decision, as its row and the dashboard count it (this fact
    // read "86 days overdue" beside "209 d past the date committed", or
    // "next" where the date moved to was still ahead).
    let committed = |m: &Milestone| cx.facts.past_committed.get(m.gid.as_str()).copied();
    let late_from = |m: &Milestone| committed(m).unwrap_or(m.due.day);
    let overdue: Vec<&Milestone> = i
        .milestones
        .iter()
        .filter(|m| m.done.is_none() && late_from(m) < today)
        .collect();
    if let Some(first) = overdue.iter().min_by_key(|m| (late_from(m), m.id.as_str())) {
        // The earliest open milestone is late: it is not "next".
        let late = crate::words::days(crate::analysis::days_between(late_from(first), today));
        let when = match committed(first) {
            Some(day) => format!(
                "due {}, {late} past the date committed, {}",
                first.due.written,
                crate::base::date::iso(day)
            ),
            None => format!("due {}, {late} overdue", first.due.written),
        };
        let more = match overdue.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        facts.push(tv!({ "label": "Overdue", "links": [{ "text": format!("{} ({when}){more}", first.title), "url": format!("#m-{}", first.id) }] }));
    }
    if let Some(n) = i
        .milestones
        .iter()
        .filter(|m| m.done.is_none() && late_from(m) >= today)
        .min_by_key(|m| (m.due.day, m.id.as_str()))
    {
        facts.push(tv!({ "label": "Next milestone", "links": [{ "text": format!("{} ({})", n.title, n.due.written), "url": format!("#m-{}", n.id) }] }));
    }
    facts
}

/// Who and what an initiative involves: owner, outcomes, teams, effort,
/// dates, dependencies.
fn initiative_plan_facts(cx: &Ctx, i: &Initiative, root: &str) -> Vec<Value> {
    let r = cx.r;
    let mut facts = Vec::new();
    facts.push(fact("Owner", i.owner.as_str()));
    opt_fact(&mut facts, "Sponsor", &i.sponsor);
    if i.is_backlog() {
        facts.push(fact_badge(
            "Traceability",
            "backlog: serves no outcome",
            "status-backlog".into(),
        ));
    } else {
        facts.push(fact_links("Serves outcomes", cx.links(&i.outcomes, root)));
    }
    opt_fact(&mut facts, "Layer", &i.layer);
    if !i.teams.is_empty() {
        facts.push(fact_links("Teams", cx.links(&i.teams, root)));
    }
    if !i.effort.is_empty() {
        let text = i
            .effort
            .iter()
            .map(|(t, d)| {
                let team = r.get(t).map(|m| m.title.as_str()).unwrap_or(t);
                format!("{team}: {} person-days", figure(*d))
            })
            .collect::<Vec<_>>()
            .join(", ");
        facts.push(fact("Effort", text));
    }
    if let Some(d) = cx.facts.dates.get(&i.meta.id) {
        let show = |written: &Option<crate::base::date::Date>,
                    day: Option<jiff::civil::Date>,
                    derived: bool| {
            written.as_ref().map(|w| w.written.to_string()).or_else(|| {
                day.map(|d| format!("{} (from milestones)", crate::base::date::iso(d)))
                    .filter(|_| derived)
            })
        };
        opt_fact(
            &mut facts,
            "Start",
            &show(&i.start, d.start, d.start_derived),
        );
        opt_fact(&mut facts, "End", &show(&i.end, d.end, d.end_derived));
    }
    opt_fact(&mut facts, "Priority", &i.priority.map(|p| p.to_string()));
    if !i.depends_on.is_empty() {
        facts.push(fact_links("Depends on", cx.links(&i.depends_on, root)));
    }
    if !i.capabilities.is_empty() {
        facts.push(fact_links(
            "Raises capabilities",
            cx.links(&i.capabilities, root),
        ));
    }
    if !i.tags.is_empty() {
        facts.push(fact("Tags", i.tags.join(", ")));
    }
    facts
}

fn initiative_description(cx: &Ctx, i: &Initiative, health: &str) -> String {
    let done = i
        .milestones
        .iter()
        .filter(|ms| {
            cx.facts
                .milestones
                .get(ms.gid.as_str())
                .is_some_and(|s| s.is_done())
        })
        .count();
    let today = cx.config.today.day;
    // "Next due" names a date still ahead; what is past it is said
    // as overdue first. Cancelled work owes nothing: neither is said (it
    // read "cancelled … 1 milestone overdue, next due 2026-Q4").
    let next = if i.status == "cancelled" {
        String::new()
    } else {
        next_due(i, today, |m| {
            cx.facts
                .past_committed
                .get(m.gid.as_str())
                .copied()
                .unwrap_or(m.due.day)
        })
    };
    format!(
        "{} — {}, {}, {done} of {} done{next}",
        i.meta.title,
        i.status,
        health,
        count(i.milestones.len(), "milestone", "milestones")
    )
}

/// ", 1 milestone overdue, next due 2027-Q1": what an open initiative owes,
/// each milestone late from `late_from` (the date it stands committed to
/// where its due moved with no decision, as the page's facts count it).
fn next_due(
    i: &Initiative,
    today: jiff::civil::Date,
    late_from: impl Fn(&Milestone) -> jiff::civil::Date,
) -> String {
    let open = || i.milestones.iter().filter(|ms| ms.done.is_none());
    let overdue = open().filter(|ms| late_from(ms) < today).count();
    format!(
        "{}{}",
        if overdue > 0 {
            format!(", {} overdue", count(overdue, "milestone", "milestones"))
        } else {
            String::new()
        },
        open()
            .filter(|ms| late_from(ms) >= today)
            .min_by_key(|ms| ms.due.day)
            .map(|ms| format!(", next due {}", ms.due.written))
            .unwrap_or_default()
    )
}

fn kpi_page(cx: &Ctx, k: &Kpi, root: &str) -> KindPage {
    let mut page = KindPage::new(cx.raw(k));
    let s = &cx.facts.kpis[&k.meta.id];
    page.chart = Some(charts::kpi_chart(
        cx.r,
        k,
        cx.config.roadmap.fiscal_year_start,
        s,
        cx.config.today.day,
    ));
    let unit = k.unit.clone().unwrap_or_default();
    let facts = &mut page.facts;
    facts.push(fact("Kind", k.kind.clone()));
    facts.push(fact(
        "Better when",
        if k.direction == "down" {
            "lower"
        } else {
            "higher"
        },
    ));
    opt_fact(facts, "Unit", &k.unit);
    let measures = if s.retired {
        "Measured outcomes"
    } else {
        "Measures outcomes"
    };
    facts.push(fact_links(measures, cx.links(&k.outcomes, root)));
    let shown = |v: f64| crate::words::with_unit(&figure(v), &unit);
    // Moved in its favour with no decision: the start on record beside it,
    // as the chart measures from what is written.
    let rebased = cx.open_baselines().iter().find(|b| b.id == k.meta.id);
    let baseline = match rebased {
        Some(b) => Some(format!(
            "{} ({} on record in snapshot {}; moved with no approved change request)",
            k.baseline.map_or_else(|| "none".to_string(), shown),
            shown(b.from),
            b.after
        )),
        None => k.baseline.map(shown),
    };
    opt_fact(facts, "Baseline", &baseline);
    opt_fact(facts, "Target", &k.target.map(shown));
    // Loosened with no decision: what it is judged by, in the words of the
    // period that moved it.
    if let (Some(written), Some(record)) = (s.target_written, s.target) {
        // Plain text: a sentence in a badge does not wrap.
        facts.push(fact(
            "Judged by",
            format!(
                "{}, the target a snapshot set ({} written since with no approved change request)",
                shown(record),
                shown(written)
            ),
        ));
    }
    // Turned around with no decision: read the way a snapshot read it.
    if let Some(written) = &s.direction_written {
        facts.push(fact(
            "Judged as",
            format!(
                "{}, as a snapshot read it ({} written since with no approved change request)",
                // Two directions: the one on record is the other.
                crate::words::better(if written == "down" { "up" } else { "down" }),
                crate::words::better(written)
            ),
        ));
    }
    if !k.targets.is_empty() {
        facts.push(fact(
            "Stepped target",
            k.targets
                .iter()
                .map(|(d, v)| format!("from {}: {}", d.written, shown(*v)))
                .collect::<Vec<_>>()
                .join("; "),
        ));
    }
    if let Some(latest) = s.latest {
        let status = match s.on_target {
            _ if s.retired => "retired",
            Some(true) => "on target",
            Some(false) => "off target",
            None if s.next_target.is_some() => "target not yet due",
            None => "no target",
        };
        let class = match s.on_target {
            Some(true) => "kpi-on-target",
            Some(false) => "kpi-off-target",
            None => "kpi-no-target",
        };
        // Judged against a step begun since the figure: said, beside a
        // table whose row for it shows the target of its own month (met,
        // it read "off target" with no word why).
        // Judged by a target on record (loosened with no decision), the
        // step begun since is the one written, not the one judged by: the
        // "Judged by" fact says which (it read "against 90 in force from
        // 2026-Q4" where 85 was written from then).
        let against = match (&s.step_since, s.target, s.on_target) {
            (Some((since, then)), Some(now), Some(_))
                if !s.retired && s.target_written.is_none() =>
            {
                let then = then.map_or_else(String::new, |t| {
                    format!(
                        ", {} when measured",
                        crate::words::with_unit(&figure(t), &unit)
                    )
                });
                format!(
                    " against {} in force from {since}{then}",
                    crate::words::with_unit(&figure(now), &unit)
                )
            }
            _ => String::new(),
        };
        facts.push(fact_badge(
            "Latest",
            &format!(
                "{} ({}) — {status}{against}",
                crate::words::with_unit(&figure(latest), &unit),
                s.latest_date.clone().unwrap_or_default()
            ),
            class.into(),
        ));
        // Restated with no decision: judged as reported, and why.
        if let Some(restated) = &s.latest_restated {
            let since = match restated.written {
                Some(v) => format!("{} written since", shown(v)),
                None => "taken out since".to_string(),
            };
            facts.push(fact(
                "Judged as reported",
                format!(
                    "{} for {}, the figure a snapshot reported ({since} with no approved change request)",
                    shown(restated.reported),
                    restated.date
                ),
            ));
        }
        if let Some(stale) = s.stale {
            facts.push(fact_badge(
                "Stale",
                &format!(
                    "no value for {}; measured about every {}",
                    crate::words::days(stale.days),
                    crate::words::days(stale.every)
                ),
                "warn".into(),
            ));
        }
    }
    opt_fact(facts, "Data file", &k.data_file);
    if let Some(retired) = &k.retired {
        facts.push(if s.retired {
            fact(
                "Retired",
                format!(
                    "{}: no longer measured; the figures it reported stay on record",
                    retired.written
                ),
            )
        } else {
            fact("Retires", format!("from {}", retired.written))
        });
    }
    // What the snapshots reported before each figure was revised, period
    // by period: a restated quarter shows on the KPI's own page, in red
    // while a revision nobody approved stands.
    use crate::history::{figure_key, FigureKey};
    let standing: std::collections::HashSet<FigureKey> = cx
        .history
        .iter()
        .flat_map(|h| &h.open_revisions)
        .filter(|r| r.id == k.meta.id)
        .map(|r| r.key)
        .collect();
    let mut revised: BTreeMap<FigureKey, (&str, Vec<Value>)> = BTreeMap::new();
    let revisions = cx
        .history
        .iter()
        .flat_map(|h| &h.diffs)
        .flat_map(|d| d.revisions.iter().map(move |r| (d, r)))
        .filter(|(_, r)| r.id == k.meta.id);
    for (d, r) in revisions {
        let entry = revised
            .entry(r.key)
            .or_insert((r.date.as_str(), Vec::new()));
        entry.1.push(tv!({
            "from": figure_exact(r.from),
            "snapshot": d.from,
            "acknowledged": r.acknowledged_by.as_ref().map(|c| cx.link(c, root)),
            "put_back": !r.needs_ack,
            "stands": r.needs_ack && r.acknowledged_by.is_none() && standing.contains(&r.key),
        }));
    }
    if !revised.is_empty() {
        let figures = crate::words::count(revised.len(), "reported figure", "reported figures");
        let them = if revised.len() == 1 { "it" } else { "them" };
        let text = match standing.len() {
            0 => {
                format!("{figures} changed after a snapshot showed {them}; none stands unapproved")
            }
            n => format!("{figures} changed after a snapshot showed {them}; {n} unapproved"),
        };
        facts.push(if standing.is_empty() {
            fact("Revised", text)
        } else {
            fact_badge("Revised", &text, "health-red".into())
        });
    }
    page.data_revised = !revised.is_empty();
    // A target loosened with no decision: the rows from the day it was in
    // force in the snapshot that set it show the one on record, as the
    // chart beside them draws it (they read the target written since, the
    // chart the one a snapshot set; a data file's own target column too).
    // Rows before that day keep theirs: a row taken out with its target
    // rewrote every earlier row's.
    let loosened_from = s
        .target_written
        .zip(s.target)
        .map(|(written, record)| (s.record_since, written, record));
    let target_of = |p: &crate::model::DataPoint| {
        let written = p.target.or_else(|| k.target_at(p.date.day));
        match (written, loosened_from) {
            (Some(t), Some((from, loose, record)))
                if t == loose && from.is_none_or(|d| p.date.day >= d) =>
            {
                Some(record)
            }
            _ => written,
        }
    };
    let mut rows: Vec<(FigureKey, Value)> = k
        .data
        .iter()
        .map(|p| {
            let key = figure_key(&p.date);
            let row = tv!({
                "date": p.date.written,
                "value": figure(p.value),
                "target": target_of(p).map(figure),
                "revised": revised.remove(&key).map(|(_, was)| was).unwrap_or_default(),
            });
            (key, row)
        })
        .collect();
    // Figures taken out since a snapshot reported them: a row each, by
    // date among the others, so the table still says what was published.
    for (key, (date, was)) in revised {
        let at = rows.partition_point(|(k, _)| *k <= key);
        let row = tv!({ "date": date, "value": "taken out", "target": null, "revised": was });
        rows.insert(at, (key, row));
    }
    page.data = rows.into_iter().map(|(_, row)| row).collect();
    page.description = format!(
        "{} — latest {}, target {}",
        k.meta.title,
        s.latest
            .map(|v| crate::words::with_unit(&figure(v), &unit))
            .unwrap_or_else(|| "n/a".into()),
        s.target
            .map(|v| crate::words::with_unit(&figure(v), &unit))
            .or_else(|| {
                s.next_target.as_ref().map(|(d, v)| {
                    format!("{} from {d}", crate::words::with_unit(&figure(*v), &unit))
                })
            })
            .unwrap_or_else(|| "n/a".into())
    );
    page
}

fn team_page(cx: &Ctx, t: &Team, root: &str) -> KindPage {
    let mut page = KindPage::new(cx.raw(t));
    if let Some(load) = cx.facts.capacity.iter().find(|l| l.team == t.meta.id) {
        page.capacity = team_quarters(&t.meta.id, &load.quarters, cx.r, cx.facts, root);
        if !load.quarters.is_empty() {
            page.chart = Some(crate::charts::capacity::capacity(
                &t.meta.title,
                &load.quarters,
            ));
        }
    }
    if let Some(h) = cx.forecasts.teams.get(&t.meta.id) {
        let delivery = super::metrics::delivery_json(h, cx.forecasts.min_samples);
        let chart = super::metrics::lateness_chart(cx, h);
        page.delivery = crate::render::value::with(delivery, "chart", tv!(chart));
    }
    opt_fact(&mut page.facts, "Lead", &t.lead);
    if let Some(money) = cx.facts.budget.teams.get(&t.meta.id) {
        page.facts.push(super::budget::rollup_fact(
            cx,
            money,
            "Budget of its initiatives (its share of the effort)",
        ));
    }
    page.facts.push(fact(
        "Capacity (person-days per quarter)",
        per_quarter_text(&t.capacity, false),
    ));
    page.facts.push(fact(
        "Operational load",
        per_quarter_text(&t.ops_load, true),
    ));
    page.description = format!(
        "{} — capacity {} person-days per quarter",
        t.meta.title,
        per_quarter_text(&t.capacity, false)
    );
    page
}

fn capability_page(cx: &Ctx, c: &Capability) -> KindPage {
    let mut page = KindPage::new(cx.raw(c));
    let facts = &mut page.facts;
    facts.push(fact("Current maturity", format!("{} of 5", c.current)));
    facts.push(fact("Target maturity", format!("{} of 5", c.target)));
    opt_fact(facts, "Owner", &c.owner);
    opt_fact(facts, "Area", &c.area);
    page.description = format!(
        "{} — maturity {} of 5, target {}",
        c.meta.title, c.current, c.target
    );
    page
}

fn change_page(cx: &Ctx, c: &Change, root: &str) -> KindPage {
    let mut page = KindPage::new(cx.raw(c));
    let facts = &mut page.facts;
    facts.push(fact_badge(
        "Status",
        &c.status,
        format!("change-{}", c.status),
    ));
    facts.push(fact("Date", c.date.written.to_string()));
    facts.push(fact_links("Affects", cx.links(&c.affects, root)));
    opt_fact(facts, "Requested by", &c.requested_by);
    opt_fact(facts, "Decided by", &c.decided_by);
    // Rewritten since a snapshot recorded it approved: what it approves is
    // the record's (the page showed the amount written since, the check
    // the one that counts).
    let recorded = request_as_recorded(cx, c);
    opt_fact(facts, "Decided", &recorded.said(&recorded.decided));
    opt_fact(
        facts,
        "Budget increase",
        &recorded.said(&recorded.budget_increase),
    );
    opt_fact(
        facts,
        "Delay approved",
        &recorded.said(&recorded.delay_days),
    );
    // A decision on book.toml: what it raised or turned off.
    if !c.settings.is_empty() {
        facts.push(fact("Settings", c.settings.join(", ")));
    }
    // The day decided beside the day asked: a request of April approved
    // in June read as approved in April.
    // As recorded, when rewritten since (it read the day written since).
    let decided = recorded
        .decided
        .0
        .as_deref()
        .filter(|d| c.status != "proposed" && *d != c.date.written.as_str())
        .map(|d| format!(", decided {d}"))
        .unwrap_or_default();
    page.description = format!(
        "{} — {} change request of {}{decided}",
        c.meta.title, c.status, c.date.written
    );
    if c.approves() {
        page.covered = super::history::covered_rows(cx, &c.meta.id, root)
            // A decision on book.toml's settings alone: its facts say what
            // it approved, not "nothing is matched to it".
            .filter(|rows| !rows.is_empty() || c.settings.is_empty());
    }
    page
}

/// A change request's decision day and amounts as the first snapshot
/// that had it approved recorded them, when it was rewritten since to
/// approve more (`approval-rewritten`), else as written; each field
/// (as recorded, as written now when rewritten).
pub(super) struct RequestAsRecorded {
    pub decided: (Option<String>, Option<String>),
    pub budget_increase: (Option<String>, Option<String>),
    pub delay_days: (Option<String>, Option<String>),
    /// The snapshot whose record stands, when it was rewritten.
    pub rewritten_after: Option<String>,
}

impl RequestAsRecorded {
    /// "30 days as approved in 2026-Q2 (90 days written since)", or the
    /// field as written.
    pub fn said(&self, (then, now): &(Option<String>, Option<String>)) -> Option<String> {
        match (&self.rewritten_after, now) {
            (Some(snapshot), Some(now)) => Some(format!(
                "{} as approved in {snapshot} ({now} written since)",
                then.as_deref().unwrap_or("none")
            )),
            _ => then.clone(),
        }
    }
}

pub(super) fn request_as_recorded(cx: &Ctx, c: &Change) -> RequestAsRecorded {
    let rewritten = cx.history.and_then(|h| {
        h.rewritten_approvals
            .iter()
            .find(|x| x.id.as_str() == c.meta.id)
    });
    let money = |v: f64| crate::words::money(v, &cx.config.budget.currency);
    let no_amount = |v: Option<String>| Some(v.unwrap_or_else(|| "no amount".to_string()));
    RequestAsRecorded {
        decided: match rewritten.and_then(|x| x.decided.as_ref()) {
            Some(d) => (Some(d.then.clone()), Some(d.now.clone())),
            None => (c.decided.as_ref().map(|d| d.written.to_string()), None),
        },
        budget_increase: match rewritten.and_then(|x| x.budget_increase.as_ref()) {
            Some(b) => (b.then.map(money), no_amount(b.now.map(money))),
            None => (c.budget_increase.map(money), None),
        },
        delay_days: match rewritten.and_then(|x| x.delay_days.as_ref()) {
            Some(d) => (
                d.then.map(crate::words::days),
                no_amount(d.now.map(crate::words::days)),
            ),
            None => (c.delay_days.map(crate::words::days), None),
        },
        rewritten_after: rewritten.map(|x| x.lowered_in.as_deref().unwrap_or(&x.after).to_string()),
    }
}

fn review_page(cx: &Ctx, v: &Review) -> KindPage {
    let mut page = KindPage::new(cx.raw(v));
    page.facts.push(fact("Date", v.date.written.to_string()));
    page.facts.push(fact("Kind", v.kind.clone()));
    if !v.attendees.is_empty() {
        page.facts.push(fact("Attendees", v.attendees.join(", ")));
    }
    page.decisions = v.decisions.clone();
    page.description = format!(
        "{} — {} review on {}, {}",
        v.meta.title,
        v.kind,
        v.date.written,
        count(v.decisions.len(), "decision", "decisions")
    );
    page
}

fn risk_page(cx: &Ctx, x: &Risk, root: &str) -> KindPage {
    let mut page = KindPage::new(cx.raw(x));
    let facts = &mut page.facts;
    facts.push(fact_badge("Type", &x.kind, format!("risk-type-{}", x.kind)));
    facts.push(fact_badge(
        "Status",
        &x.status,
        format!("risk-{}", x.status),
    ));
    let (exposure, class) = super::risks::exposure_text(cx, x);
    if let Some(class) = class {
        facts.push(fact_badge(
            "Exposure (probability × impact)",
            &format!(
                "{exposure} ({} × {})",
                x.likelihood().unwrap_or(0),
                x.impact.unwrap_or(0)
            ),
            class,
        ));
    } else {
        opt_fact(
            facts,
            "Probability",
            &x.likelihood().map(|p| format!("{p} of 5")),
        );
        opt_fact(facts, "Impact", &x.impact.map(|i| format!("{i} of 5")));
    }
    facts.push(fact("Owner", x.owner.clone()));
    facts.push(fact_links("Affects", cx.links(&x.affects, root)));
    match &x.mitigation {
        Some(m) => facts.push(fact("Mitigation", m.clone())),
        None => facts.push(fact_badge("Mitigation", "none recorded", "warn".into())),
    }
    let date = |d: &Option<crate::base::date::Date>| d.as_ref().map(|d| d.written.to_string());
    opt_fact(facts, "Raised", &date(&x.raised));
    opt_fact(facts, "Due (proximity)", &date(&x.due));
    opt_fact(facts, "Occurred", &date(&x.occurred));
    opt_fact(facts, "Last reviewed", &date(&x.reviewed));
    match cx.facts.risks.stale_for(&x.meta.id) {
        Some(s) => facts.push(fact_badge(
            "Review due",
            &format!(
                "{}, {} ago",
                crate::base::date::iso(s.due),
                crate::words::days(s.days)
            ),
            "health-amber".into(),
        )),
        None => match (
            &x.review_by,
            crate::analysis::risks::review_due(x, cx.config),
        ) {
            (None, Some((due, _))) => opt_fact(
                facts,
                "Review by",
                &Some(format!(
                    "{} ({} after its last review)",
                    crate::base::date::iso(due),
                    crate::words::days(cx.config.governance.risk_review_days)
                )),
            ),
            // A closed item is reviewed no more.
            _ if !x.is_open() => {}
            _ => opt_fact(facts, "Review by", &date(&x.review_by)),
        },
    }
    if !x.decided_in.is_empty() {
        facts.push(fact_links("Decided in", cx.links(&x.decided_in, root)));
    }
    if let Some(log) = cx.raid() {
        if let (Some(name), Some(moved)) = (log.last_snapshot(), log.since(&x.meta.id)) {
            facts.push(fact(&format!("Since {name}"), moved));
        }
    }
    page.raid_trail = super::risks::trail(cx, x);
    page.description = format!(
        "{} — {} {}, exposure {}, owned by {}",
        x.meta.title, x.status, x.kind, exposure, x.owner
    );
    page
}

/// A free page: its body is all there is.
fn free_page(cx: &Ctx, p: &Page) -> KindPage {
    let mut page = KindPage::new(cx.raw(p));
    page.description = p
        .description
        .clone()
        .unwrap_or_else(|| p.meta.title.clone());
    page
}

/// Where an item sits in the traceability matrix, if it is there.
fn trace_url(r: &Roadmap, m: &Meta, root: &str) -> Option<String> {
    match m.kind {
        Kind::Outcome => Some(format!("{root}traceability.html#o-{}", m.id)),
        Kind::Initiative => {
            let i = r.initiative(&m.id)?;
            if i.status == "cancelled" {
                return None;
            }
            Some(match i.outcomes.first() {
                Some(o) => format!("{root}traceability.html#o-{o}"),
                None => format!("{root}traceability.html#b-{}", m.id),
            })
        }
        _ => None,
    }
}
