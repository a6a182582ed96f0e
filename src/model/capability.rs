//! Capabilities: a current and a target maturity level (1 to 5).

use super::build::Doc;
use super::read::{Reader, COMMON};
use super::*;
use crate::base::fields::Fields;
use crate::lints;

const CAPABILITY_FIELDS: &[&str] = &["title", "current", "target", "owner", "area"];

pub(super) fn read(mut f: Fields, _: &mut Reader, meta: Meta) -> Option<Doc> {
    let mut level = |key: &str| {
        if !f.has(key) {
            f.missing(key, &lints::MISSING_FIELD);
        }
        f.integer(key, 1, 5).unwrap_or(1)
    };
    let current = level("current");
    let target = level("target");
    let owner = f.string("owner");
    let area = f.string("area");
    f.finish(&[COMMON, CAPABILITY_FIELDS].concat(), &lints::UNKNOWN_FIELD);
    Some(Doc::Capability(Capability {
        meta,
        current,
        target,
        owner,
        area,
    }))
}
