//! Business outcomes: what the roadmap is for. An outcome names its owner,
//! a horizon and the KPIs that say whether it is reached.

use super::build::{Accept, Doc, RefKind};
use super::read::texts;
use super::read::{names, Field, Reader, COMMON};
use super::*;
use crate::base::date::Edge;
use crate::base::fields::span_of;
use crate::base::fields::Fields;
use crate::lints;

pub(super) const OUTCOME_FIELDS: &[Field] = &[
    Field { name: "title", ty: "text", required: true, default: "", doc: "What the business gets, in its words." },
    Field { name: "owner", ty: "text", required: true, default: "", doc: "Who answers for the outcome." },
    Field { name: "category", ty: "text", required: false, default: "none", doc: "revenue, efficiency, risk, compliance, customer, competitive, or your own word; the matrices group by it." },
    Field { name: "horizon", ty: "date", required: false, default: "none", doc: "When it should be reached (a month or quarter means its last day); `outcome-horizon-missed` flags work planned past it." },
    Field { name: "kpis", ty: "list of ids", required: false, default: "none", doc: "The KPIs that measure it (a KPI's `outcome:` links it too)." },
    Field { name: "description", ty: "text", required: false, default: "none", doc: "One line for lists and link previews." },
    Field { name: "retired", ty: "date", required: false, default: "none", doc: "No longer pursued from this date (or period) on, with an approved change request affecting it saying why (`unapproved-outcome-retirement`): its page and the history keep it, and from then no finding asks that work serve it, that a KPI measure it or that its horizon hold. Retire an outcome rather than delete it (`removed-outcome`)." },
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
        &RefKind {
            field: "kpis",
            accept: Accept::Kinds(&[Kind::Kpi]),
            relation: "Measures outcome",
        },
        &id,
    );
    let description = f.string("description");
    let retired_span = f.take("retired").map(span_of);
    let retired = f.date("retired", Edge::Start, fy);
    f.finish(&names(&[COMMON, OUTCOME_FIELDS]), &lints::UNKNOWN_FIELD);
    Some(Doc::Outcome(
        Outcome {
            meta,
            owner: owner.unwrap_or_default(),
            category,
            horizon,
            horizon_span,
            kpis: texts(kpis),
            description,
            retired,
            retired_span,
        }
        .into(),
    ))
}
