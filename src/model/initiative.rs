//! Initiatives and their milestones: the work, traced to outcomes, with
//! teams, effort, dates and dependencies. Milestones are items of their
//! own inside an initiative, with ids of the form `initiative/milestone`.

use super::build::valid_id;
use super::build::{Accept, Doc, RefKind};
use super::kpi::{At, Placed};
use super::read::syms;
use super::read::{names, Field, Reader, COMMON};
use super::*;
use crate::base::date::Edge;
use crate::base::fields::Fields;
use crate::base::fields::{span_of, Spanned};
use crate::base::node::{Node, Value};
use crate::base::sym::Sym;
use crate::diag::Diagnostic;
use crate::lints;
use std::collections::{BTreeMap, HashMap, HashSet};

/// An initiative's `depends_on`, and each of its milestones'.
const DEPENDS_ON: RefKind = RefKind {
    field: "depends_on",
    accept: Accept::KindsOrMilestone(&[Kind::Initiative]),
    relation: "Depended on by",
};

pub(super) const INITIATIVE_FIELDS: &[Field] = &[
    Field { name: "title", ty: "text", required: true, default: "", doc: "What the work is." },
    Field { name: "owner", ty: "text", required: true, default: "", doc: "Who answers for delivery." },
    Field { name: "outcomes", ty: "list of ids", required: false, default: "none: backlog", doc: "The outcomes it serves; without one it is backlog, never live work." },
    Field { name: "status", ty: "choice", required: false, default: "planned", doc: "proposed, planned, active, on-hold, done, cancelled." },
    Field { name: "health", ty: "choice", required: false, default: "none", doc: "green, amber, red: what the owner reports (roadbook computes its own beside it)." },
    Field { name: "layer", ty: "text", required: false, default: "none", doc: "infrastructure, platform, application, data, security, operations, or your own; `layer-typo` catches near misses." },
    Field { name: "team", ty: "id", required: false, default: "none", doc: "The team that delivers it." },
    Field { name: "teams", ty: "list of ids", required: false, default: "none", doc: "Several teams; the effort splits evenly unless `effort` is a map." },
    Field { name: "effort", ty: "number or map", required: false, default: "none", doc: "Person-days in total, or a map team → person-days; spread over start to end for capacity." },
    Field { name: "start", ty: "date", required: false, default: "its first milestone's due date", doc: "When work starts (a month or quarter means its first day)." },
    Field { name: "end", ty: "date", required: false, default: "its last milestone's due (or later done) date", doc: "When it ends (a month or quarter means its last day)." },
    Field { name: "depends_on", ty: "list of ids", required: false, default: "none", doc: "Initiatives or milestones (`initiative/milestone`) it waits for." },
    Field { name: "capabilities", ty: "list of ids", required: false, default: "none", doc: "The capabilities whose maturity it raises." },
    Field { name: "priority", ty: "integer", required: false, default: "none", doc: "1 is first; lists sort by it." },
    Field { name: "sponsor", ty: "text", required: false, default: "none", doc: "Who pays for it and decides." },
    Field { name: "tags", ty: "list of text", required: false, default: "none", doc: "Free labels, searchable." },
    Field { name: "budget", ty: "number or map", required: false, default: "none", doc: "What it may spend, in `[budget] currency`: a total (spread evenly from start to end), or a map quarter (or month) → amount." },
    Field { name: "spend", ty: "map or list of pairs", required: false, default: "none", doc: "What it spent, per period: `{ 2026-10: 42000 }` or `[[2026-10, 42000]]`; a period counts once it has begun." },
    Field { name: "spend_file", ty: "path", required: false, default: "none", doc: "A CSV under `content/` with `date,value` rows of spend, like a KPI's `data_file`; a `currency` column, if any, must match `[budget] currency`; with an `initiative` column (one finance export for several initiatives), only the rows naming this initiative's id count." },
    Field { name: "milestones", ty: "list of milestones", required: false, default: "none", doc: "Its milestones (fields below)." },
];
pub(super) const MILESTONE_FIELDS: &[Field] = &[
    Field {
        name: "id",
        ty: "id",
        required: true,
        default: "",
        doc: "Unique within the initiative; elsewhere it is `initiative/id`.",
    },
    Field {
        name: "title",
        ty: "text",
        required: true,
        default: "",
        doc: "What is delivered.",
    },
    Field {
        name: "due",
        ty: "date",
        required: true,
        default: "",
        doc: "When it is promised (a month or quarter means its last day).",
    },
    Field {
        name: "owner",
        ty: "text",
        required: false,
        default: "the initiative's owner",
        doc: "Who answers for it.",
    },
    Field {
        name: "criteria",
        ty: "text or list of text",
        required: false,
        default: "none (`missing-criteria`)",
        doc: "How anyone can check it is done.",
    },
    Field {
        name: "done",
        ty: "date",
        required: false,
        default: "open",
        doc: "The day it was done; one after today is `done-in-the-future`, and the milestone counts open until then.",
    },
    Field {
        name: "baseline",
        ty: "date",
        required: false,
        default: "the first snapshot's due date",
        doc: "The date first committed: slips count from it.",
    },
    Field {
        name: "gate",
        ty: "true or false",
        required: false,
        default: "false",
        doc: "A go/no-go decision point; the timeline marks it.",
    },
    Field {
        name: "depends_on",
        ty: "list of ids",
        required: false,
        default: "none",
        doc: "Milestones or initiatives it waits for.",
    },
];

/// The largest amount roadbook takes: a thousand billion, beyond any IT
/// budget, and far from where sums of amounts stop being exact.
pub const MAX_AMOUNT: f64 = 1e12;

/// Why an amount of money cannot be read, if it cannot.
fn amount_problem(what: &str, n: f64) -> Option<String> {
    if n < 0.0 {
        Some(format!("{what} cannot be negative"))
    } else if n > MAX_AMOUNT || !n.is_finite() {
        Some(format!(
            "{what} of {n:e} is beyond {MAX_AMOUNT:e}, the largest amount roadbook takes"
        ))
    } else {
        None
    }
}

/// Spend entries that are amounts roadbook can add up; the others are
/// reported where their amount is written.
fn checked_spend<'a>(points: Vec<Placed<'a>>, diags: &mut Vec<Diagnostic>) -> Vec<Placed<'a>> {
    points
        .into_iter()
        .filter(|(p, at)| match amount_problem("spend", p.value) {
            Some(msg) => {
                let mut d = lints::INVALID_FIELD.at(
                    at.path,
                    Some(at.span),
                    format!("{msg} ({})", p.date.written),
                );
                d.help = Some("record a refund as a smaller amount in its period".into());
                diags.push(d);
                false
            }
            None => true,
        })
        .collect()
}

/// Spend for a month beside its quarter (`2026-07` .. `2026-09` and
/// `2026-Q3`, as books are closed) counted the money twice. The widest
/// period is the one counted, closed books being the figure that stands,
/// and each within it is left out with a warning: refused, a quarter
/// archived that way in a tag dropped the whole snapshot from the site.
/// `spend` sorted by date.
fn within_wider_periods(spend: &mut Vec<Placed<'_>>, diags: &mut Vec<Diagnostic>) {
    super::kpi::leave_out_within_wider(spend, true, |(w, wat), narrower| {
        // Less than what it leaves out: a quarter's small figure beside
        // its months took EUR 240,000 of spend and an overspend off every
        // page with a hygiene warning (from a trial).
        // Each amount once: a day within a month within the quarter is
        // the month's already (from a review).
        let inside = |a: &DataPoint, b: &DataPoint| {
            (a.date.day, a.date.precision) != (b.date.day, b.date.precision)
                && b.date.day <= a.date.day
                && crate::base::date::period_end(&a.date) <= crate::base::date::period_end(&b.date)
        };
        let within: f64 = narrower
            .iter()
            .filter(|(p, _)| !narrower.iter().any(|(q, _)| inside(p, q)))
            .map(|(p, _)| p.value)
            .sum();
        let amount = |v: f64| crate::words::grouped_number(&crate::words::exact(v));
        if w.value + 0.5 < within {
            let first = narrower.first().map(|(p, _)| p.date.written.to_string());
            let last = narrower.last().map(|(p, _)| p.date.written.to_string());
            let periods = match (first, last) {
                (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
                (Some(a), _) => a,
                _ => String::new(),
            };
            let mut d = lints::WIDER_FIGURE_BETTER.at(
                wat.path,
                Some(wat.span),
                format!(
                    "spend for {} ({}) is less than the spend recorded within it ({periods}: {}): only {} is counted, so {} of spend left every page",
                    w.date.written,
                    amount(w.value),
                    amount(within),
                    w.date.written,
                    amount(within - w.value)
                ),
            );
            d.help = Some(format!(
                "record each period once: if the spend within {} is right, take out the amount for {}; once the books for {} are closed, write its whole amount there and remove the periods within it",
                w.date.written, w.date.written, w.date.written
            ));
            diags.push(d);
            return;
        }
        for (p, at) in narrower {
            let mut d = lints::SPEND_WITHIN_PERIOD.at(
                at.path,
                Some(at.span),
                format!(
                    "spend for {} lies within the spend for {} (at {}): only {} is counted, or the money would count twice",
                    p.date.written,
                    w.date.written,
                    wat.said_from(at),
                    w.date.written
                ),
            );
            d.help = Some(format!(
                "record each period once: once the books for {} are closed, remove the periods within it",
                w.date.written
            ));
            diags.push(d);
        }
    });
}

/// `spend:` and `spend_file:` together, by period; each period once; with
/// where each amount is written.
fn read_spend(
    f: &mut Fields,
    path: &str,
    id: &str,
    r: &Reader,
) -> (
    Vec<DataPoint>,
    Vec<super::FigureAt>,
    Option<Spanned>,
    Option<crate::diag::Span>,
    bool,
) {
    let (fy, data_files) = (r.fy, r.data_files);
    let errors_before = f.diags.len();
    let spend_node = f.take("spend");
    if let Some(node) = spend_node {
        dotted_amounts(node, path, f.diags);
    }
    let mut spend = match spend_node {
        Some(node) => checked_spend(
            super::kpi::read_data(node, path, "spend", fy, f.diags),
            f.diags,
        ),
        None => Vec::new(),
    };
    let spend_file = f.string_spanned("spend_file");
    if let Some(sf) = &spend_file {
        let rows = super::kpi::read_csv(sf, path, data_files, fy, Some((r.currency, id)), f.diags);
        spend.extend(checked_spend(rows, f.diags));
    }
    // Stable: of two amounts for one period, the one written first stays.
    spend.sort_by(|a, b| a.0.date.cmp(&b.0.date));
    // `spend` and `spend_file` may share the work, not a period.
    let mut seen: HashMap<String, (f64, At)> = HashMap::new();
    let anchor = spend_node
        .map(span_of)
        .or(spend_file.as_ref().map(|s| s.span));
    spend.retain(|(p, at)| match seen.get(p.date.written.as_str()) {
        Some((value, first)) => {
            f.diags.push(lints::INVALID_FIELD.at(
                at.path,
                Some(at.span),
                format!(
                    "spend for {} is given twice ({} here, {} at {}); it would count twice",
                    p.date.written,
                    p.value,
                    value,
                    first.said_from(at)
                ),
            ));
            false
        }
        None => {
            seen.insert(p.date.written.to_string(), (p.value, *at));
            true
        }
    });
    within_wider_periods(&mut spend, f.diags);
    let spend_at = super::kpi::places(&spend, path);
    let spend = super::kpi::points_only(spend);
    let incomplete = f.diags[errors_before..].iter().any(Diagnostic::is_error);
    (spend, spend_at, spend_file, anchor, incomplete)
}

/// `budget:` as a total, or as amounts per quarter (or month).
/// Amounts written `30.000`, as a European writes thirty thousand: YAML
/// reads 30, and every total would be a thousand times too small.
/// Whether any amount was.
pub(super) fn dotted_amounts(node: &Node, path: &str, diags: &mut Vec<Diagnostic>) -> bool {
    match &node.value {
        // The float keeps its text when it differs from the shortest form,
        // as `30.000` does; an alias is read as its anchor was written.
        Value::Float(value, Some(written)) => {
            if let Some(plain) = crate::parse::data::dotted_thousands(written) {
                let mut d = lints::INVALID_FIELD.at(
                    path,
                    Some(span_of(node)),
                    format!("`{written}` reads as {value}, not {plain}"),
                );
                d.help = Some(format!(
                    "write `{plain}` for the thousands, or `{value:.2}`: a dot is a decimal point"
                ));
                diags.push(d);
                return true;
            }
            false
        }
        // Every amount is told, not only the first.
        Value::Seq(items) => items
            .iter()
            .fold(false, |any, n| dotted_amounts(n, path, diags) | any),
        Value::Map(entries) => entries
            .iter()
            .fold(false, |any, (_, n)| dotted_amounts(n, path, diags) | any),
        _ => false,
    }
}

/// One amount of money written for `key` (`budget: 600000`), or its error:
/// negative, too large, or written for people (`600,000`, `270k`, `€1.5M`),
/// with the plain digits meant. `or_else` names what else the field takes,
/// and `example` shows it written plainly.
pub(super) fn read_amount(
    node: &Node,
    key: &str,
    or_else: &str,
    example: &str,
    path: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<f64> {
    let span = Some(span_of(node));
    let Some(amount) = node.as_f64() else {
        let mut d = lints::INVALID_FIELD.at(
            path,
            span,
            format!(
                "`{key}` must be an amount{or_else}, found {}",
                node.kind_name()
            ),
        );
        d.help = Some(match node.as_str().and_then(amount_meant) {
            Some((p, true)) => format!(
                "write `{key}: {p}`: plain digits; the currency is set once, in `[budget] currency`"
            ),
            Some((p, false)) => {
                format!("write `{key}: {p}`: plain digits, no thousands separators or suffix")
            }
            None => example.into(),
        });
        diags.push(d);
        return None;
    };
    if let Some(msg) = amount_problem(&format!("`{key}`"), amount) {
        diags.push(lints::INVALID_FIELD.at(path, span, msg));
        return None;
    }
    Some(amount)
}

fn read_budget(node: &Node, path: &str, fy: u8, diags: &mut Vec<Diagnostic>) -> Option<Budget> {
    let span = Some(span_of(node));
    let negative = |n: f64| amount_problem("a budget", n);
    if node.entries().is_none() {
        let total = read_amount(
            node,
            "budget",
            " or a map quarter → amount",
            "write the amount in plain digits (`budget: 250000` for 250 thousand), or amounts per period: `budget: { 2026-Q4: 100000, 2027-Q1: 150000 }`",
            path,
            diags,
        )?;
        return Some(Budget {
            total,
            periods: Vec::new(),
            span,
        });
    }
    let periods =
        super::read::read_dated_numbers_checked(node, path, "budget", fy, diags, negative);
    // Periods that overlap (`2026-Q4` and `2026-10`) would count twice.
    for pair in periods.windows(2) {
        let end = crate::base::date::period_end(&pair[0].0);
        if pair[1].0.day < end {
            let mut d = lints::INVALID_FIELD.at(
                path,
                span,
                format!(
                    "budget periods {} and {} overlap",
                    pair[0].0.written, pair[1].0.written
                ),
            );
            d.help = Some("give each quarter (or month) once".into());
            diags.push(d);
            return None;
        }
    }
    Some(Budget {
        total: periods.iter().map(|(_, v)| v).sum(),
        periods,
        span,
    })
}

/// The plain amount a budget written for people means (`600,000`, `600
/// 000`, `250.000 €`, `270k`, `1.5M`, `1,5M`, `€270k`, `270000 EUR`), and
/// whether it named a currency; `None` when it is not an amount at all.
/// A separator is read as people write it: groups of three digits are
/// thousands, anything else (or one before a `k` or `M`) a decimal mark.
fn amount_meant(text: &str) -> Option<(String, bool)> {
    let mut t = text.trim();
    let mut currency = false;
    for sign in [
        "€", "$", "£", "¥", "CHF", "EUR", "USD", "GBP", "SEK", "NOK", "DKK", "JPY",
    ] {
        if let Some(rest) = t.strip_prefix(sign).or_else(|| t.strip_suffix(sign)) {
            t = rest.trim();
            currency = true;
            break;
        }
    }
    let (t, scale) = match t.chars().last()? {
        'k' | 'K' => (&t[..t.len() - 1], 1e3),
        'm' | 'M' => (&t[..t.len() - 1], 1e6),
        _ => (t, 1.0),
    };
    let t: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '\''))
        .collect();
    // Groups of exactly three digits after every mark: thousands.
    let thousands = |mark: char| {
        let mut parts = t.split(mark);
        let first = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        !rest.is_empty()
            && (1..=3).contains(&first.len())
            && rest.iter().all(|g| g.len() == 3)
            && scale == 1.0
    };
    let plain = match (t.rfind('.'), t.rfind(',')) {
        // Both: the later one is the decimal mark.
        (Some(dot), Some(comma)) if dot > comma => t.replace(',', ""),
        (Some(_), Some(_)) => t.replace('.', "").replace(',', "."),
        (Some(_), None) if thousands('.') => t.replace('.', ""),
        (None, Some(_)) if thousands(',') => t.replace(',', ""),
        (None, Some(_)) => t.replace(',', "."),
        _ => t,
    };
    let value = plain
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)?
        * scale;
    Some((crate::words::exact(value), currency))
}

/// The statuses an initiative can have, in the order lists show them.
pub const STATUSES: &[&str] = &[
    "proposed",
    "planned",
    "active",
    "on-hold",
    "done",
    "cancelled",
];
pub const HEALTHS: &[&str] = &["green", "amber", "red"];

pub(super) fn read(mut f: Fields, r: &mut Reader, meta: Meta) -> Option<Doc> {
    let (path, fy, id) = (r.path, r.fy, r.id.clone());
    let owner = f
        .required_string_with("owner", &lints::MISSING_OWNER)
        .unwrap_or_default();
    let outcomes = f.string_list("outcomes");
    let outcomes_misspelt = outcomes
        .is_empty()
        .then(|| f.misspelt_list("outcomes", &names(&[COMMON, INITIATIVE_FIELDS])))
        .flatten()
        .map(|(name, line, ids)| {
            Box::new(super::Misspelt {
                name,
                line,
                ids: ids.iter().map(|id| Sym::new(id)).collect(),
            })
        });
    r.refs(
        &outcomes,
        &RefKind {
            field: "outcomes",
            accept: Accept::Kinds(&[Kind::Outcome]),
            relation: "Served by",
        },
        &id,
    );
    let status = f
        .choice("status", STATUSES)
        .unwrap_or_else(|| "planned".into());
    let health_line = f.take("health").map(|n| n.line);
    let end_span = f.take("end").map(span_of);
    let health = f.choice("health", HEALTHS);
    let layer_span = f.take("layer").map(span_of);
    let layer = f.string("layer");
    let named_team = f.string_list("team");
    let named_teams = f.string_list("teams");
    // A team named under both `team` and `teams` (the lead team among all
    // of them) is one team: counted twice, it took twice its share.
    let mut teams = named_team.clone();
    for t in &named_teams {
        if !teams.iter().any(|x| x.text == t.text) {
            teams.push(t.clone());
        }
    }
    let (effort, effort_teams) = read_effort(&mut f, path, &teams);
    // Each team is checked under the field that names it, so an
    // unknown one is reported as `effort` when only `effort` has it.
    let mut effort_only: Vec<Spanned> = Vec::new();
    for t in effort_teams {
        if !teams.iter().chain(&effort_only).any(|x| x.text == t.text) {
            effort_only.push(t);
        }
    }
    const fn team(field: &'static str) -> RefKind {
        RefKind {
            field,
            accept: Accept::Kinds(&[Kind::Team]),
            relation: "Assigned initiatives",
        }
    }
    const TEAM: RefKind = team("team");
    const TEAMS: RefKind = team("teams");
    const EFFORT: RefKind = team("effort");
    for (kind, named) in [
        (&TEAM, &named_team),
        (&TEAMS, &named_teams),
        (&EFFORT, &effort_only),
    ] {
        r.refs(named, kind, &id);
    }
    teams.extend(effort_only);
    let before = f.diags.len();
    let start = f.date("start", Edge::Start, fy);
    let end = f.date("end", Edge::End, fy);
    let dates_unreadable =
        (start.is_none() || end.is_none()) && f.diags[before..].iter().any(Diagnostic::is_error);
    let depends_on = f.string_list("depends_on");
    r.refs(&depends_on, &DEPENDS_ON, &id);
    let capabilities = f.string_list("capabilities");
    r.refs(
        &capabilities,
        &RefKind {
            field: "capabilities",
            accept: Accept::Kinds(&[Kind::Capability]),
            relation: "Raised by",
        },
        &id,
    );
    let priority = f.integer("priority", 1, 1_000_000);
    let sponsor = f.string("sponsor");
    let tags = f.string_list("tags");
    let budget_node = f.take("budget");
    // A budget a thousand times too small would only make overspend of the
    // spend against it: one mistake, one finding.
    let dotted = budget_node.is_some_and(|node| dotted_amounts(node, path, f.diags));
    let errors_before = f.diags.len();
    let budget = budget_node
        .filter(|_| !dotted)
        .and_then(|node| read_budget(node, path, fy, f.diags));
    // Part of it unreadable (a period `2026` for `2026-Q1`): what was read
    // is no budget to judge spend by ("more than its whole budget of EUR
    // 0" beside the date's own error).
    let budget_partly_read = f.diags[errors_before..].iter().any(Diagnostic::is_error);
    let (spend, spend_at, spend_file, spend_span, spend_incomplete) =
        read_spend(&mut f, path, &id, r);
    let mut dropped_milestones = Vec::new();
    let (milestones, milestones_incomplete) = match f.take("milestones") {
        Some(node) => {
            let written = match &node.value {
                Value::Seq(items) => items.len(),
                _ => 1,
            };
            let read = read_milestones(
                node,
                path,
                &id,
                &owner,
                fy,
                f.diags,
                &mut |list: &[Spanned], kind, from: &str| r.refs(list, kind, from),
                &mut dropped_milestones,
            );
            let incomplete = read.len() != written;
            (read, incomplete)
        }
        None => (Vec::new(), false),
    };
    f.finish_noting(
        &names(&[COMMON, INITIATIVE_FIELDS]),
        &lints::UNKNOWN_FIELD,
        &names(&[MILESTONE_FIELDS]),
        "a milestone's field: it goes in an entry of `milestones:` (`- id: ...`)",
    );
    let mut seen_teams = HashSet::new();
    Some(Doc::Initiative(std::sync::Arc::new(Initiative {
        meta,
        owner: Sym::new(&owner),
        outcomes: syms(&outcomes),
        outcomes_misspelt,
        status: Sym::new(&status),
        health: health.as_deref().map(Sym::new),
        health_line,
        end_span,
        layer_span,
        layer: layer.as_deref().map(Sym::new),
        teams: syms(&teams)
            .into_iter()
            .filter(|t| seen_teams.insert(*t))
            .collect(),
        effort,
        start,
        end,
        depends_on: syms(&depends_on),
        capabilities: syms(&capabilities),
        priority,
        sponsor: sponsor.as_deref().map(Sym::new),
        tags: syms(&tags),
        budget_unreadable: budget_node.is_some() && (budget.is_none() || budget_partly_read),
        dates_unreadable,
        budget,
        spend,
        spend_at,
        spend_span,
        spend_file: spend_file.map(|s| s.text),
        spend_incomplete,
        milestones,
        milestones_incomplete,
        dropped_milestones,
    })))
}

/// `effort:` as person-days per team, and the teams it names (with where):
/// a map team → days, or one number shared evenly by the named teams.
fn read_effort(f: &mut Fields, path: &str, teams: &[Spanned]) -> (super::Effort, Vec<Spanned>) {
    let mut effort = BTreeMap::new();
    let mut effort_teams = Vec::new();
    let Some(node) = f.take("effort") else {
        return (effort.into(), effort_teams);
    };
    match &node.value {
        Value::Map(entries) => {
            for (k, v) in entries {
                let team = k.scalar_text().unwrap_or_default();
                match v.as_f64() {
                    Some(days) if days >= 0.0 => {
                        effort.insert(team.clone(), days);
                    }
                    _ => f.report(
                        &lints::INVALID_FIELD,
                        v,
                        format!("effort for `{team}` must be a number of person-days"),
                        None,
                    ),
                }
                effort_teams.push(Spanned {
                    text: team,
                    span: span_of(k),
                });
            }
        }
        _ => match node.as_f64() {
            Some(days) if days >= 0.0 && !teams.is_empty() => {
                let share = days / teams.len() as f64;
                for t in teams {
                    *effort.entry(t.text.clone()).or_insert(0.0) += share;
                }
            }
            Some(days) if days >= 0.0 => {
                let mut d = lints::INVALID_FIELD.at(
                    path,
                    Some(span_of(node)),
                    "`effort` needs a `team` or `teams` to be counted".to_string(),
                );
                d.help = Some("add `team:`, or write `effort: { team-id: days }`".into());
                f.diags.push(d);
            }
            _ => f.report(
                &lints::INVALID_FIELD,
                node,
                "`effort` must be person-days or a map team → person-days".into(),
                None,
            ),
        },
    }
    (effort.into(), effort_teams)
}

#[allow(clippy::too_many_arguments)]
fn read_milestones(
    node: &Node,
    path: &str,
    initiative: &str,
    owner: &str,
    fy: u8,
    diags: &mut Vec<Diagnostic>,
    push_refs: &mut impl FnMut(&[Spanned], &'static RefKind, &str),
    dropped: &mut Vec<String>,
) -> Vec<Milestone> {
    let Value::Seq(items) = &node.value else {
        diags.push(lints::INVALID_FIELD.at(
            path,
            Some(span_of(node)),
            format!("`milestones` must be a list, found {}", node.kind_name()),
        ));
        return Vec::new();
    };
    let mut out: Vec<Milestone> = Vec::new();
    // A set, not a scan of `out`: thousands of milestones stay linear.
    let mut seen: HashSet<String> = HashSet::new();
    for item in items {
        let its_findings = diags.len();
        let Some(mut f) = Fields::new(path, item, "a milestone", diags) else {
            continue;
        };
        let id = f.string_spanned("id");
        if id.is_none() {
            let d = lints::MISSING_FIELD.at(
                path,
                Some(f.at),
                "milestone is missing its `id`".to_string(),
            );
            f.diags.push(d);
        }
        let title = f.required_string("title");
        let due_span = f.take("due").map(span_of);
        let done_span = f.take("done").map(span_of);
        let due = f.required_date("due", Edge::End, fy);
        let ms_owner = f.string("owner").unwrap_or_else(|| owner.to_string());
        let mut criteria = f.string_list("criteria");
        let written = criteria.len();
        // Left as `roadbook new` wrote it, it passed for a criterion.
        criteria.retain(|c| {
            let placeholder = c.text.trim() == crate::base::fields::CRITERION_PLACEHOLDER;
            if placeholder {
                let mut d = lints::PLACEHOLDER.at(
                    path,
                    Some(c.span),
                    "this criterion is still the placeholder `roadbook new` wrote",
                );
                d.help = Some(
                    "write what someone can check to call the milestone done: a test passed, a figure reached, a sign-off".into(),
                );
                f.diags.push(d);
            }
            !placeholder
        });
        let criteria_placeholder = criteria.len() < written;
        let done = f.date("done", Edge::End, fy);
        let baseline = f.date("baseline", Edge::End, fy);
        let gate = f.boolean("gate").unwrap_or(false);
        let depends_on = f.string_list("depends_on");
        f.finish(&names(&[MILESTONE_FIELDS]), &lints::UNKNOWN_FIELD);
        let Some(id) = id else { continue };
        if !valid_id(&id.text) {
            let mut d = lints::INVALID_ID.at(
                path,
                Some(id.span),
                format!("invalid milestone id `{}`", id.text),
            );
            d.help = Some("use letters, digits, `-`, `_` and `.`".into());
            diags.push(d);
            continue;
        }
        if !seen.insert(id.text.clone()) {
            let mut d = lints::DUPLICATE_ID.at(
                path,
                Some(id.span),
                format!("duplicate milestone id `{}` in this initiative", id.text),
            );
            d.help = Some(format!(
                "rename one of the two `{}`: a milestone's id names it in `affects`, `depends_on` and the history",
                id.text
            ));
            diags.push(d);
            continue;
        }
        let gid = format!("{initiative}/{}", id.text);
        // Its unknown fields are about it, kept or dropped below: a field
        // a rule then finds missing is told where it is misspelt (see
        // `check::one_finding_per_misspelt_field`), and a summary of them
        // names the milestone.
        for d in &mut diags[its_findings..] {
            if d.code == lints::UNKNOWN_FIELD.code {
                d.milestone = Some(gid.as_str().into());
            }
        }
        push_refs(&depends_on, &DEPENDS_ON, &gid);
        // A `done` that cannot be read (reported already) is left out with
        // the milestone: counted as open, it would add an overdue finding
        // and a red health that tell the user to record what they did.
        let done_unreadable = done_span.is_some() && done.is_none();
        let (Some(title), Some(due), false) = (title, due, done_unreadable) else {
            // Reported already: references to it must not say it is unknown.
            dropped.push(gid);
            continue;
        };
        out.push(Milestone {
            id: Sym::new(&id.text),
            gid: Sym::new(&gid),
            initiative: Sym::new(initiative),
            title: Sym::new(&title),
            due,
            owner: Sym::new(&ms_owner),
            criteria: criteria.iter().map(|c| Sym::new(&c.text)).collect(),
            criteria_placeholder,
            done,
            done_ahead: None,
            baseline,
            gate,
            depends_on: syms(&depends_on),
            line: item.line,
            col: item.col,
            due_span,
            done_span,
        });
    }
    out
}

#[cfg(test)]
mod amount_tests {
    use super::amount_meant;

    #[test]
    fn a_budget_written_for_people_is_read_back_as_digits() {
        let meant = |t: &str| amount_meant(t);
        assert_eq!(meant("600,000"), Some(("600000".into(), false)));
        assert_eq!(meant("600 000"), Some(("600000".into(), false)));
        assert_eq!(meant("270k"), Some(("270000".into(), false)));
        assert_eq!(meant("1.5M"), Some(("1500000".into(), false)));
        assert_eq!(meant("€270k"), Some(("270000".into(), true)));
        assert_eq!(meant("270000 EUR"), Some(("270000".into(), true)));
        // A dot or comma before three digits is thousands; else a decimal.
        assert_eq!(meant("250.000 €"), Some(("250000".into(), true)));
        assert_eq!(meant("€30.000"), Some(("30000".into(), true)));
        assert_eq!(meant("1.234.567,50"), Some(("1234567.5".into(), false)));
        assert_eq!(meant("1,234,567.50"), Some(("1234567.5".into(), false)));
        assert_eq!(meant("1,5M"), Some(("1500000".into(), false)));
        assert_eq!(meant("12,5"), Some(("12.5".into(), false)));
        assert_eq!(meant("a lot"), None);
        assert_eq!(meant("-5"), None);
    }
}
