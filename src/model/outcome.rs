//! Business outcomes: what the roadmap is for. An outcome names its owner,
//! a horizon and the KPIs that say whether it is reached.

use super::build::{Accept, Doc};
use super::read::texts;
use super::read::{Reader, COMMON};
use super::*;
use crate::base::date::Edge;
use crate::base::fields::span_of;
use crate::base::fields::Fields;
use crate::lints;

const OUTCOME_FIELDS: &[&str] = &[
    "title",
    "owner",
    "category",
    "horizon",
    "kpis",
    "description",
];

pub(super) fn read(mut f: Fields, r: &mut Reader, meta: Meta) -> Option<Doc> {
    let (fy, id) = (r.fy, r.id.clone());
    let owner = f.required_string_with("owner", &lints::MISSING_OWNER);
    let category = f.string("category");
    let horizon_span = f.take("horizon").map(span_of);
    let horizon = f.date("horizon", Edge::End, fy);
    let kpis = f.string_list("kpis");
    r.refs(
        &kpis,
        "kpis",
        Accept::Kinds(&[Kind::Kpi]),
        "Measures outcome",
        &id,
    );
    let description = f.string("description");
    f.finish(&[COMMON, OUTCOME_FIELDS].concat(), &lints::UNKNOWN_FIELD);
    Some(Doc::Outcome(Outcome {
        meta,
        owner: owner.unwrap_or_default(),
        category,
        horizon,
        horizon_span,
        kpis: texts(kpis),
        description,
    }))
}
