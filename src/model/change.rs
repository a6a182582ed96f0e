//! Change requests: the decisions that make a slip or a scope change
//! approved, so their dates and what they affect must be exact.

use super::build::{Accept, Doc, RefKind};
use super::read::texts;
use super::read::{names, Field, Reader, COMMON};
use super::*;
use crate::base::date::Edge;
use crate::base::fields::Fields;
use crate::lints;

pub(super) const CHANGE_FIELDS: &[Field] = &[
    Field {
        name: "title",
        ty: "text",
        required: true,
        default: "",
        doc: "What changes.",
    },
    Field {
        name: "date",
        ty: "date",
        required: true,
        default: "",
        doc: "When it was requested.",
    },
    Field {
        name: "status",
        ty: "choice",
        required: true,
        default: "",
        doc: "proposed, approved or rejected; approved ones acknowledge slips and scope changes.",
    },
    Field {
        name: "affects",
        ty: "list of ids",
        required: true,
        default: "",
        doc:
            "The initiatives, milestones, KPIs, outcomes or teams it changes (a KPI: its reported figures revised; an outcome: its horizon moved, or retired; a team: its capacity raised).",
    },
    Field {
        name: "requested_by",
        ty: "text",
        required: false,
        default: "none",
        doc: "Who asked.",
    },
    Field {
        name: "decided_by",
        ty: "text",
        required: false,
        default: "none",
        doc: "Who decided.",
    },
    Field {
        name: "decided",
        ty: "date",
        required: false,
        default: "its `date`",
        doc: "When it was decided; an approval covers moves seen before it.",
    },
    Field {
        name: "budget_increase",
        ty: "number",
        required: false,
        default: "any",
        doc: "How much it adds to the budget of each initiative it affects, in `[budget] currency`: approved, it covers a rise up to that amount, and the rest still needs a decision. Left out, it covers the whole rise.",
    },
    Field {
        name: "delay_days",
        ty: "integer",
        required: false,
        default: "any",
        doc: "How many days later it lets each date it affects move (a milestone's due, an initiative's end and its milestones'): approved, it covers one move up to that many days, and the rest still needs a decision. Left out, it covers the whole move.",
    },
    Field {
        name: "settings",
        ty: "list of names",
        required: false,
        default: "none",
        doc: "The book.toml thresholds it raises (`slip-tolerance-days`, `overspend-tolerance`...) or the rules it turns off in `[lints]` (`watermelon`...): approved, it records the decision `threshold-loosened` asks for. With settings, `affects` may be left out.",
    },
];
const CHANGE_STATUSES: &[&str] = &["proposed", "approved", "rejected"];

pub(super) fn read(mut f: Fields, r: &mut Reader, meta: Meta) -> Option<Doc> {
    let (fy, id) = (r.fy, r.id.clone());
    let date = f.required_date("date", Edge::Start, fy);
    if !f.has("status") {
        f.missing("status", &lints::MISSING_FIELD);
    }
    let status = f.choice("status", CHANGE_STATUSES);
    let status_unread = status.is_none();
    let status = status.unwrap_or_else(|| "proposed".into());
    let affects = f.string_list("affects");
    let settings = f.string_list("settings");
    for name in &settings {
        let Err(near) = crate::config::check_setting(&name.text) else {
            continue;
        };
        let mut d = lints::INVALID_FIELD.at(
            r.path,
            Some(name.span),
            format!(
                "`settings` names `{}`, which is no threshold of book.toml and no rule of what needs a decision or puts delivery at risk",
                name.text
            ),
        );
        d.help = Some(near.map_or_else(
            || "name a threshold (`slip-tolerance-days`, `risk-high-exposure`, `overspend-tolerance`...) or a rule turned off in `[lints]` (`watermelon`...)".to_string(),
            |c| format!("did you mean `{c}`?"),
        ));
        f.diags.push(d);
    }
    // A decision on book.toml's thresholds changes no item.
    if affects.is_empty() && settings.is_empty() {
        f.missing("affects", &lints::MISSING_FIELD);
    }
    r.refs(
        &affects,
        &RefKind {
            field: "affects",
            accept: Accept::KindsOrMilestone(CHANGE_AFFECTS),
            relation: "Affected by",
        },
        &id,
    );
    let requested_by = f.string("requested_by");
    let decided_by = f.string("decided_by");
    let decided = f.date("decided", Edge::End, fy);
    let budget_increase = f.take("budget_increase").and_then(|node| {
        if super::initiative::dotted_amounts(node, r.path, f.diags) {
            return None;
        }
        super::initiative::read_amount(
            node,
            "budget_increase",
            "",
            "write the amount the request adds in plain digits: `budget_increase: 150000`",
            r.path,
            f.diags,
        )
    });
    let delay_days = f.integer("delay_days", 0, 36_500);
    f.finish(&names(&[COMMON, CHANGE_FIELDS]), &lints::UNKNOWN_FIELD);
    let date = date?;
    Some(Doc::Change(
        Change {
            meta,
            date,
            status,
            status_unread,
            affects: texts(affects),
            requested_by,
            decided_by,
            answerable: None,
            requester_decided: false,
            decided,
            budget_increase,
            delay_days,
            settings: texts(settings),
        }
        .into(),
    ))
}
