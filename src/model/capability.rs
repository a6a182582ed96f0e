//! Capabilities: a current and a target maturity level (1 to 5).

use super::build::Doc;
use super::read::{names, Field, Reader, COMMON};
use super::*;
use crate::base::fields::Fields;
use crate::lints;

pub(super) const CAPABILITY_FIELDS: &[Field] = &[
    Field {
        name: "title",
        ty: "text",
        required: true,
        default: "",
        doc: "The capability.",
    },
    Field {
        name: "current",
        ty: "integer 1–5",
        required: true,
        default: "",
        doc: "Maturity today.",
    },
    Field {
        name: "target",
        ty: "integer 1–5",
        required: true,
        default: "",
        doc: "Maturity to reach; a gap no initiative raises is `capability-gap-unaddressed`.",
    },
    Field {
        name: "owner",
        ty: "text",
        required: false,
        default: "none",
        doc: "Who answers for it.",
    },
    Field {
        name: "area",
        ty: "text",
        required: false,
        default: "none",
        doc: "Where it belongs: applications, data, security, ...",
    },
];

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
    f.finish(&names(&[COMMON, CAPABILITY_FIELDS]), &lints::UNKNOWN_FIELD);
    Some(Doc::Capability(
        Capability {
            meta,
            current,
            target,
            owner,
            area,
        }
        .into(),
    ))
}
