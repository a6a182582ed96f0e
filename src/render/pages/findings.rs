//! The check's findings as the site shows them: grouped by what they ask of
//! the reader, so a decision to take reads before an untidy record.

use super::{Page, PageSpec};
use crate::diag::{Diagnostic, Group};
use crate::model::Meta;
use crate::render::context::{merge, Ctx};
use crate::render::splice::Parts;
use crate::render::value::Value;
use crate::tv;
use crate::words::count;
use std::collections::HashMap;

/// The template that writes a run of a group's rows (`findings`) in place
/// of the group's `rows`.
const FINDING_ROWS: &str = "finding-rows.html";

pub(super) fn findings_page<'x>(cx: &'x Ctx, page: &PageSpec) -> Page<'x> {
    let description = format!(
        "{} and {} from the roadmap check",
        count(cx.info.errors, "error", "errors"),
        count(cx.info.warnings, "warning", "warnings")
    );
    let base = cx.base(page.path, "Findings", &description, page.section);
    let groups = crate::diag::groups(cx.info.findings);
    let heading = |(group, found): &(Group, Vec<&Diagnostic>)| {
        tv!({
            "key": group.key(),
            "heading": group.heading(found.len()),
            "about": group_about(*group),
            "count": found.len(),
        })
    };
    let items: HashMap<&str, &Meta> = cx.r.all_meta().map(|m| (m.path.as_str(), m)).collect();
    if !cx.renderer.streams_findings {
        let every = every_row(cx.info.findings, &groups, &items, heading);
        let counts = tv!({ "errors": cx.info.errors, "warnings": cx.info.warnings });
        return merge(merge(base, every), counts).into();
    }
    let heads: Vec<Value> = groups.iter().map(heading).collect();
    let parts = Parts::new(move |k, out| {
        let Some((_, found)) = groups.get(k) else {
            return Ok(());
        };
        let run = |at: std::ops::Range<usize>| {
            let mut context = tera::Context::new();
            context.insert_value("findings", Value::from(Rows::of(&found[at], &items).0));
            context
        };
        cx.renderer
            .write_in_runs(FINDING_ROWS, found.len(), run, out)
    });
    let groups: Vec<Value> = heads
        .into_iter()
        .enumerate()
        .map(|(k, head)| {
            let rows = Value::safe_string(&parts.placeholder(k));
            crate::render::value::with(head, "rows", rows)
        })
        .collect();
    Page {
        context: merge(
            base,
            tv!({ "groups": groups, "errors": cx.info.errors, "warnings": cx.info.warnings }),
        ),
        parts: Some(parts),
    }
}

/// The context a theme's `findings.html` that does not read `rows` was
/// made for: every row as a value, in its group (`findings`) and in one
/// list in the check's order (`findings`).
fn every_row(
    all: &[Diagnostic],
    groups: &[(Group, Vec<&Diagnostic>)],
    items: &HashMap<&str, &Meta>,
    heading: impl Fn(&(Group, Vec<&Diagnostic>)) -> Value,
) -> Value {
    // Each row made once: the groups and the flat list share them (a map
    // value is shared, not copied).
    let rows = Rows::of(&all.iter().collect::<Vec<_>>(), items).0;
    let index: HashMap<*const Diagnostic, usize> = all
        .iter()
        .enumerate()
        .map(|(k, d)| (d as *const _, k))
        .collect();
    let groups: Vec<Value> = groups
        .iter()
        .map(|group| {
            let shared: Vec<Value> = group
                .1
                .iter()
                .map(|d| rows[index[&(*d as *const _)]].clone())
                .collect();
            crate::render::value::with(heading(group), "findings", Value::from(shared))
        })
        .collect();
    tv!({ "groups": groups, "findings": rows })
}

/// Findings as a template reads them, each a row.
struct Rows(Vec<Value>);

impl Rows {
    fn of(found: &[&Diagnostic], items: &HashMap<&str, &Meta>) -> Rows {
        // An item's link, and a help (most often one of a rule's few
        // sentences), made once and shared by the rows that show it (a
        // map value is shared, not copied).
        let mut links: HashMap<&str, Value> = HashMap::new();
        let mut helps: HashMap<std::borrow::Cow<str>, Value> = HashMap::new();
        let rows = found
            .iter()
            .map(|d| {
                let item = items.get(d.path.as_str()).map(|m| {
                    links
                        .entry(d.path.as_str())
                        .or_insert_with(|| tv!({ "text": m.title, "url": m.url }))
                        .clone()
                });
                let location = match d.span {
                    Some(s) if s.line > 0 => format!("{}:{}:{}", d.path, s.line, s.col),
                    _ => d.path.clone(),
                };
                tv!({
                    "level": d.severity.as_str(),
                    "weight": d.weight.as_str(),
                    "code": d.code,
                    "rule": d.rule,
                    "location": location,
                    "message": d.message,
                    "help": d.help_text().map(|h| helps.entry(h).or_insert_with_key(|h| tv!(h.as_ref())).clone()),
                    "item": item,
                })
            })
            .collect();
        Rows(rows)
    }
}

/// What a group of findings asks of its reader, under its heading.
fn group_about(group: Group) -> &'static str {
    use crate::diag::Weight;
    match group {
        Group::Errors => "At error level: a build of the working tree stops on these until they are fixed.",
        Group::Warnings(Weight::Decision) => {
            "The plan no longer holds, or is reported better than it is: someone accountable has to re-plan, approve a change or report the truth."
        }
        Group::Warnings(Weight::Risk) => {
            "Delivery is at risk if nobody acts: overload, conflicting dependencies, stale figures, governance falling behind."
        }
        Group::Warnings(Weight::Hygiene) | Group::Warnings(Weight::Broken) => {
            "The record is incomplete or untidy; the plan itself is not in question."
        }
    }
}
