//! Free pages: prose with an optional order and description.

use super::build::Doc;
use super::read::first_heading;
use super::read::{names, Field, Reader, COMMON};
use super::*;
use crate::base::fields::Fields;
use crate::lints;

pub(super) const PAGE_FIELDS: &[Field] = &[
    Field {
        name: "title",
        ty: "text",
        required: false,
        default: "the first heading, else the id",
        doc: "The page's title.",
    },
    Field {
        name: "description",
        ty: "text",
        required: false,
        default: "none",
        doc: "One line for lists and link previews.",
    },
    Field {
        name: "order",
        ty: "integer",
        required: false,
        default: "none",
        doc: "Where it sorts among pages.",
    },
];

pub(super) fn read(mut f: Fields, r: &mut Reader, meta: Meta) -> Option<Doc> {
    let description = f.string("description");
    let order = f.integer("order", i64::MIN, i64::MAX);
    f.finish(&names(&[COMMON, PAGE_FIELDS]), &lints::UNKNOWN_FIELD);
    let mut meta = meta;
    if !r.titled {
        meta.title = first_heading(&meta.body).unwrap_or_else(|| meta.id.clone());
    }
    Some(Doc::Page(
        Page {
            meta,
            description,
            order,
        }
        .into(),
    ))
}
