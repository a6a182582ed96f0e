//! The check's findings as the site shows them: grouped by what they ask of
//! the reader, so a decision to take reads before an untidy record.

use super::PageSpec;
use crate::model::Meta;
use crate::render::context::{merge, Ctx};
use crate::render::value::Value;
use crate::tv;
use crate::words::count;

pub(super) fn findings_page(cx: &Ctx, page: &PageSpec) -> tera::Context {
    let root = "";
    // Each item's link made once and shared by its findings (a map value
    // is shared, not copied): at 10,000 initiatives with 8 snapshots,
    // 44,000 findings name about 10,000 items.
    let by_path: std::collections::HashMap<&str, &Meta> =
        cx.r.all_meta().map(|m| (m.path.as_str(), m)).collect();
    let mut links: std::collections::HashMap<&str, Value> = std::collections::HashMap::new();
    for d in cx.info.findings {
        if let Some(m) = by_path.get(d.path.as_str()) {
            links
                .entry(d.path.as_str())
                .or_insert_with(|| tv!({ "text": m.title, "url": format!("{root}{}", m.url) }));
        }
    }
    drop(by_path);
    // A help is most often one of a rule's few sentences: each made once
    // and shared too.
    let mut helps: std::collections::HashMap<std::borrow::Cow<str>, Value> =
        std::collections::HashMap::new();
    // Each row is made once: the groups and the flat list share them (a
    // map value is shared, not copied), which at 40,000 findings was the
    // largest context of the site.
    let mut rows: Vec<Value> = Vec::with_capacity(cx.info.findings.len());
    for d in cx.info.findings {
        let item = links.get(d.path.as_str());
        let location = match d.span {
            Some(s) if s.line > 0 => format!("{}:{}:{}", d.path, s.line, s.col),
            _ => d.path.clone(),
        };
        rows.push(tv!({
            "level": d.severity.as_str(),
            "weight": d.weight.as_str(),
            "code": d.code,
            "rule": d.rule,
            "location": location,
            "message": d.message,
            "help": d.help_text().map(|h| helps.entry(h).or_insert_with_key(|h| tv!(h.as_ref())).clone()),
            "item": item.cloned(),
        }));
    }
    let index: std::collections::HashMap<*const crate::diag::Diagnostic, usize> = cx
        .info
        .findings
        .iter()
        .enumerate()
        .map(|(k, d)| (d as *const _, k))
        .collect();
    // The check sorted the findings by group: the page reads most
    // important first, whatever the paths.
    let groups: Vec<Value> = crate::diag::groups(cx.info.findings)
        .into_iter()
        .map(|(group, found)| {
            let shared: Vec<Value> = found
                .iter()
                .map(|d| rows[index[&(*d as *const _)]].clone())
                .collect();
            tv!({
                "key": group.key(),
                "heading": group.heading(found.len()),
                "about": group_about(group),
                "count": found.len(),
                "findings": shared,
            })
        })
        .collect();
    let description = format!(
        "{} and {} from the roadmap check",
        count(cx.info.errors, "error", "errors"),
        count(cx.info.warnings, "warning", "warnings")
    );
    merge(
        cx.base(page.path, "Findings", &description, page.section),
        tv!({ "groups": groups, "findings": rows, "errors": cx.info.errors, "warnings": cx.info.warnings }),
    )
}

/// What a group of findings asks of its reader, under its heading.
fn group_about(group: crate::diag::Group) -> &'static str {
    use crate::diag::{Group, Weight};
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
