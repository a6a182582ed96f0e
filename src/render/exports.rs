//! Machine-readable views of the same model the pages use.

use crate::analysis::Facts;
use crate::model::{ItemRef, Kind, Roadmap};

/// RFC 4180: quote a field when it holds a quote, comma or line break. A
/// text starting like a spreadsheet formula gets a leading `'`, so opening
/// the file in Excel never runs a title as a formula.
pub fn csv_field(s: &str) -> String {
    let guarded;
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains(['"', ',', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_row(out: &mut String, fields: &[&str]) {
    let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

/// One row per initiative–outcome link, plus one per untraced initiative,
/// ordered by initiative id then outcome id.
pub fn traceability_csv(r: &Roadmap, facts: &Facts) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "initiative_id",
            "initiative_title",
            "initiative_owner",
            "status",
            "health",
            "outcome_id",
            "outcome_title",
            "outcome_owner",
            "outcome_category",
            "milestones_total",
            "milestones_done",
            "milestones_late",
        ],
    );
    for i in &r.initiatives {
        let p = facts.progress.get(&i.meta.id).copied().unwrap_or_default();
        let (total, done, late) = (p.total.to_string(), p.done.to_string(), p.late.to_string());
        let health = i.health.as_deref().unwrap_or("");
        let mut outcomes: Vec<&String> = i.outcomes.iter().collect();
        outcomes.sort();
        outcomes.dedup();
        if outcomes.is_empty() {
            csv_row(
                &mut out,
                &[
                    &i.meta.id,
                    &i.meta.title,
                    &i.owner,
                    &i.status,
                    health,
                    "",
                    "",
                    "",
                    "",
                    &total,
                    &done,
                    &late,
                ],
            );
        }
        for oid in outcomes {
            let Some(&ItemRef {
                kind: Kind::Outcome,
                index,
            }) = r.index.get(oid.as_str())
            else {
                continue;
            };
            let o = &r.outcomes[index];
            let category = o.category.as_deref().unwrap_or("");
            csv_row(
                &mut out,
                &[
                    &i.meta.id,
                    &i.meta.title,
                    &i.owner,
                    &i.status,
                    health,
                    &o.meta.id,
                    &o.meta.title,
                    &o.owner,
                    category,
                    &total,
                    &done,
                    &late,
                ],
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@cmd"), "'@cmd");
    }
}
