//! Change requests: the decisions that make a slip or a scope change
//! approved, so their dates and what they affect must be exact.

use super::build::{Accept, Doc};
use super::read::texts;
use super::read::{Reader, COMMON};
use super::*;
use crate::base::date::Edge;
use crate::base::fields::Fields;
use crate::lints;

const CHANGE_FIELDS: &[&str] = &[
    "title",
    "date",
    "status",
    "affects",
    "requested_by",
    "decided_by",
    "decided",
];
const CHANGE_STATUSES: &[&str] = &["proposed", "approved", "rejected"];

pub(super) fn read(mut f: Fields, r: &mut Reader, meta: Meta) -> Option<Doc> {
    let (fy, id) = (r.fy, r.id.clone());
    let date = f.required_date("date", Edge::Start, fy);
    if !f.has("status") {
        f.missing("status", &lints::MISSING_FIELD);
    }
    let status = f
        .choice("status", CHANGE_STATUSES)
        .unwrap_or_else(|| "proposed".into());
    let affects = f.string_list("affects");
    if affects.is_empty() {
        f.missing("affects", &lints::MISSING_FIELD);
    }
    r.refs(
        &affects,
        "affects",
        Accept::KindsOrMilestone(&[Kind::Initiative]),
        "Affected by",
        &id,
    );
    let requested_by = f.string("requested_by");
    let decided_by = f.string("decided_by");
    let decided = f.date("decided", Edge::End, fy);
    f.finish(&[COMMON, CHANGE_FIELDS].concat(), &lints::UNKNOWN_FIELD);
    let date = date?;
    Some(Doc::Change(Change {
        meta,
        date,
        status,
        affects: texts(affects),
        requested_by,
        decided_by,
        decided,
    }))
}
