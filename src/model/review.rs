//! Reviews: strategic and operational meetings, dated, with their
//! decisions.

use super::build::Doc;
use super::read::{capitalize, texts};
use super::read::{Reader, COMMON};
use super::*;
use crate::base::date::Edge;
use crate::base::fields::Fields;
use crate::lints;

const REVIEW_FIELDS: &[&str] = &["title", "date", "type", "attendees", "decisions"];

pub(super) fn read(mut f: Fields, r: &mut Reader, meta: Meta) -> Option<Doc> {
    let (path, fy) = (r.path, r.fy);
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
    f.finish(&[COMMON, REVIEW_FIELDS].concat(), &lints::UNKNOWN_FIELD);
    let date = date?;
    let kind_text = review_kind.unwrap_or_else(|| "operational".into());
    let mut meta = meta;
    if !r.titled {
        meta.title = format!("{} review {}", capitalize(&kind_text), date.written);
    }
    Some(Doc::Review(Review {
        meta,
        date,
        kind: kind_text,
        attendees: texts(attendees),
        decisions: texts(decisions),
    }))
}
