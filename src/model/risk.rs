//! The RAID log: risks, assumptions, issues, decisions and dependencies,
//! each scored by probability and impact and tied to the work it
//! threatens, so the steering committee sees exposure next to the plan it
//! endangers.

use super::build::{Accept, Doc, RefKind};
use super::read::texts;
use super::read::{names, Field, Reader, COMMON};
use super::*;
use crate::base::date::Edge;
use crate::base::fields::{span_of, Fields};
use crate::base::node::Value as NodeValue;
use crate::lints;

/// The mitigation the archetype (`themes/default/archetypes/risk.md`)
/// writes.
pub const MITIGATION_PLACEHOLDER: &str = "What is done to make it less likely or less harmful.";

pub(super) const RISK_FIELDS: &[Field] = &[
    Field { name: "title", ty: "text", required: true, default: "", doc: "What could happen (a risk), is taken for granted (an assumption), has happened (an issue), was decided (a decision) or is awaited from outside (a dependency)." },
    Field { name: "owner", ty: "text", required: true, default: "", doc: "Who watches it and acts on it." },
    Field { name: "type", ty: "choice", required: false, default: "`risk`", doc: "risk, assumption, issue, decision or dependency (on a vendor, another programme or a team outside the roadmap; scored as a risk is: how likely it fails, and how badly): the letters of a RAID log, its D read either way." },
    Field { name: "status", ty: "choice", required: false, default: "`open`", doc: "open, mitigating, closed or occurred (a risk that happened: it is an issue now)." },
    Field { name: "probability", ty: "1–5, or low, medium, high", required: false, default: "5 for an issue or an occurred risk", doc: "How likely it is: 1 rare … 5 almost certain; low, medium and high are 1, 3 and 5. A risk needs it to be placed on the heat map." },
    Field { name: "impact", ty: "1–5, or low, medium, high", required: false, default: "none", doc: "How bad it would be: 1 negligible … 5 severe; low, medium and high are 1, 3 and 5. Exposure is probability × impact (1–25)." },
    Field { name: "affects", ty: "list of ids", required: false, default: "none", doc: "The initiatives, milestones and outcomes it threatens; their pages list it." },
    Field { name: "mitigation", ty: "text", required: false, default: "none", doc: "What is done to make it less likely or less harmful (`risk-without-mitigation` asks for it when exposure is high)." },
    Field { name: "raised", ty: "date", required: false, default: "none", doc: "When it was logged." },
    Field { name: "due", ty: "date", required: false, default: "none", doc: "Its proximity: when it could happen, or when the issue or decision must be settled." },
    Field { name: "occurred", ty: "date", required: false, default: "none", doc: "When it happened (status `occurred`, or an issue)." },
    Field { name: "reviewed", ty: "date", required: false, default: "`raised`", doc: "When its owner last reviewed it." },
    Field { name: "review_by", ty: "date", required: false, default: "`reviewed` + `risk-review-days`", doc: "When it must be reviewed next (`stale-risk` fires after it)." },
    Field { name: "decided_in", ty: "list of ids", required: false, default: "none", doc: "For a decision: the change requests or reviews that made it." },
];

pub(super) const RISK_TYPES: &[&str] = &["risk", "assumption", "issue", "decision", "dependency"];
pub(super) const RISK_STATUSES: &[&str] = &["open", "mitigating", "closed", "occurred"];

pub(super) fn read(mut f: Fields, r: &mut Reader, meta: Meta) -> Option<Doc> {
    let (fy, id) = (r.fy, r.id.clone());
    let owner = f.required_string("owner");
    let kind = match super::read::own_type(&mut f, r.own_kind, "RAID item") {
        Some(node) => match node.as_str() {
            Some(k) if RISK_TYPES.contains(&k) => k.to_string(),
            _ => {
                let t = node.scalar_text().unwrap_or_default();
                let help = crate::diag::closest(&t, RISK_TYPES.iter().copied())
                    .map(|c| format!("did you mean `{c}`?"))
                    .unwrap_or_else(|| format!("use one of: {}", RISK_TYPES.join(", ")));
                f.report(
                    &lints::UNKNOWN_VALUE,
                    node,
                    format!("unknown risk type `{t}`"),
                    Some(help),
                );
                "risk".into()
            }
        },
        None => "risk".into(),
    };
    let status = f
        .choice("status", RISK_STATUSES)
        .unwrap_or_else(|| "open".into());
    let probability = score(&mut f, "probability");
    let impact = score(&mut f, "impact");
    // A dependency is scored as a risk is: how likely it fails, how badly.
    if kind == "risk" || kind == "dependency" {
        for (key, value) in [("probability", probability), ("impact", impact)] {
            if value.is_none() && !f.has(key) {
                let mut d = lints::MISSING_FIELD.at(
                    r.path,
                    Some(f.at),
                    format!("a {kind} needs `{key}` to be placed on the heat map"),
                );
                d.help = Some(format!("add `{key}: 3` (1–5, or low, medium, high)"));
                f.diags.push(d);
            }
        }
    }
    let affects = f.string_list("affects");
    r.refs(
        &affects,
        &RefKind {
            field: "affects",
            accept: Accept::KindsOrMilestone(RISK_AFFECTS),
            relation: RISK_RELATION,
        },
        &id,
    );
    let decided_in = f.string_list("decided_in");
    r.refs(
        &decided_in,
        &RefKind {
            field: "decided_in",
            accept: Accept::Kinds(&[Kind::Change, Kind::Review]),
            relation: "Decisions it made",
        },
        &id,
    );
    let mitigation_node = f.take("mitigation");
    let mitigation = f.string("mitigation").filter(|m| !m.trim().is_empty());
    // What `roadbook new risk` writes is no mitigation: left as it was, it
    // showed as one and kept `risk-without-mitigation` quiet.
    let mitigation = match (mitigation, mitigation_node) {
        (Some(m), Some(node)) if m.trim() == MITIGATION_PLACEHOLDER => {
            f.report(
                &lints::PLACEHOLDER,
                node,
                "`mitigation` is still the placeholder `roadbook new` wrote".into(),
                Some(
                    "say what is done to make it less likely or less harmful, or remove the line"
                        .into(),
                ),
            );
            None
        }
        (m, _) => m,
    };
    let mut span = |key: &str| f.take(key).map(span_of);
    let spans = [span("review_by"), span("reviewed"), span("raised")];
    // Where a lowering with no review is pointed at (it pointed at
    // `review_by:`, which records none: from a trial).
    let fields_at = super::RiskFieldsAt {
        reviewed: spans[1],
        status: span("status"),
        scores: span("probability").or_else(|| span("impact")),
        affects: span("affects"),
    };
    let raised = f.date("raised", Edge::Start, fy);
    let due = f.date("due", Edge::End, fy);
    let occurred = f.date("occurred", Edge::Start, fy);
    let reviewed = f.date("reviewed", Edge::Start, fy);
    let review_by = f.date("review_by", Edge::End, fy);
    // Where a late review is pointed at: the date it was due by, else the
    // last review (or raising) it is counted from, whichever was read.
    let review_span = [review_by.is_some(), reviewed.is_some(), raised.is_some()]
        .into_iter()
        .zip(spans)
        .find_map(|(read, span)| read.then_some(span).flatten());
    f.finish(&names(&[COMMON, RISK_FIELDS]), &lints::UNKNOWN_FIELD);
    Some(Doc::Risk(
        Risk {
            meta,
            owner: owner?,
            kind,
            status,
            probability,
            impact,
            affects: texts(affects),
            mitigation,
            raised,
            due,
            occurred,
            reviewed,
            review_by,
            review_span,
            fields_at,
            decided_in: texts(decided_in),
        }
        .into(),
    ))
}

/// The backlink a RAID item leaves on what it affects; item pages show
/// these in a section of their own, with exposure, rather than as links.
pub const RISK_RELATION: &str = "Risks and issues";

/// A probability or impact: 1–5, or a word of the three-step scale.
fn score(f: &mut Fields, key: &str) -> Option<u8> {
    let node = f.take(key)?;
    match &node.value {
        NodeValue::Int(i) if (1..=5).contains(i) => Some(*i as u8),
        NodeValue::Str(s) => match s.trim().to_ascii_lowercase().as_str() {
            "low" => Some(1),
            "medium" => Some(3),
            "high" => Some(5),
            // Quoted (`"3"`): the number it says.
            digit @ ("1" | "2" | "3" | "4" | "5") => digit.parse().ok(),
            other => {
                let message = format!("`{key}` must be 1–5 or low, medium, high, found `{other}`");
                let help = crate::diag::closest(other, ["low", "medium", "high"])
                    .map(|c| format!("did you mean `{c}`?"));
                f.report(&lints::INVALID_FIELD, node, message, help);
                None
            }
        },
        _ => {
            let text = node.scalar_text().unwrap_or_default();
            let message = format!("`{key}` must be 1–5 or low, medium, high, found `{text}`");
            f.report(
                &lints::INVALID_FIELD,
                node,
                message,
                Some("1 is the least, 5 the most".into()),
            );
            None
        }
    }
}
