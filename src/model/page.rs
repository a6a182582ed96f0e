//! Free pages: prose with an optional order and description.

use super::build::Doc;
use super::read::first_heading;
use super::read::{Reader, COMMON};
use super::*;
use crate::base::fields::Fields;
use crate::lints;

const PAGE_FIELDS: &[&str] = &["title", "description", "order"];

pub(super) fn read(mut f: Fields, r: &mut Reader, meta: Meta) -> Option<Doc> {
    let description = f.string("description");
    let order = f.integer("order", i64::MIN, i64::MAX);
    f.finish(&[COMMON, PAGE_FIELDS].concat(), &lints::UNKNOWN_FIELD);
    let mut meta = meta;
    if !r.titled {
        meta.title = first_heading(&meta.body).unwrap_or_else(|| meta.id.clone());
    }
    Some(Doc::Page(Page {
        meta,
        description,
        order,
    }))
}
