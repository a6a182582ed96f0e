//! Reviews: strategic and operational meetings, dated, with their
//! decisions.

use super::build::Doc;
use super::read::{capitalize, texts};
use super::read::{names, Field, Reader, COMMON};
use super::*;
use crate::base::date::Edge;
use crate::base::fields::Fields;
use crate::lints;

pub(super) const REVIEW_FIELDS: &[Field] = &[
    Field {
        name: "title",
        ty: "text",
        required: false,
        default: "`Strategic review <date>`",
        doc: "What the meeting was.",
    },
    Field {
        name: "date",
        ty: "date",
        required: true,
        default: "",
        doc: "When it was held.",
    },
    Field {
        name: "type",
        ty: "choice",
        required: true,
        default: "",
        doc:
            "strategic or operational (older roadmaps wrote `kind:`); `review-cadence` counts each.",
    },
    Field {
        name: "attendees",
        ty: "list of text",
        required: false,
        default: "none",
        doc: "Who was there.",
    },
    Field {
        name: "decisions",
        ty: "list of text",
        required: false,
        default: "none",
        doc: "What was decided.",
    },
];

pub(super) fn read(mut f: Fields, r: &mut Reader, meta: Meta) -> Option<Doc> {
    let (path, fy) = (r.path, r.fy);
    // Where a finding on the date points (a review dated after today).
    let date_span = f.take("date").map(crate::base::fields::span_of);
    let date = f.required_date("date", Edge::Start, fy);
    let review_kind = match super::read::own_type(&mut f, r.own_kind, "review") {
        Some(node) => match node.as_str() {
            Some(k @ ("strategic" | "operational")) => Some(k.to_string()),
            _ => {
                let t = node.scalar_text().unwrap_or_default();
                f.report(
                    &lints::UNKNOWN_VALUE,
                    node,
                    format!("unknown review type `{t}`"),
                    Some("use `strategic` or `operational`".into()),
                );
                None
            }
        },
        None => {
            let d = lints::MISSING_FIELD.at(
                path,
                Some(f.at),
                "missing required field `type` (strategic or operational)".to_string(),
            );
            f.diags.push(d);
            None
        }
    };
    let attendees = f.string_list("attendees");
    let decisions = f.string_list("decisions");
    f.finish(&names(&[COMMON, REVIEW_FIELDS]), &lints::UNKNOWN_FIELD);
    let date = date?;
    let kind_unread = review_kind.is_none();
    let kind_text = review_kind.unwrap_or_else(|| "operational".into());
    let mut meta = meta;
    if !r.titled {
        meta.title = format!("{} review {}", capitalize(&kind_text), date.written);
    }
    Some(Doc::Review(
        Review {
            meta,
            date,
            date_span,
            kind: kind_text,
            kind_unread,
            attendees: texts(attendees),
            decisions: texts(decisions),
        }
        .into(),
    ))
}
