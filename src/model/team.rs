//! Teams: capacity and operational load per quarter, what the capacity
//! view weighs initiatives' effort against.

use super::build::Doc;
use super::read::read_dated_numbers_checked;
use super::read::{names, Field, Reader, COMMON};
use super::*;
use crate::base::fields::span_of;
use crate::base::fields::Fields;
use crate::base::node::Node;
use crate::diag::Diagnostic;
use crate::lints;

pub(super) const TEAM_FIELDS: &[Field] = &[
    Field { name: "title", ty: "text", required: true, default: "", doc: "The team's name." },
    Field { name: "capacity", ty: "number or map", required: true, default: "", doc: "Person-days per quarter (a full-time person is about 60), or a map quarter → person-days: a quarter the map leaves out takes the latest earlier one's (before the first, the first's); the team page marks those." },
    Field { name: "ops_load", ty: "number or map", required: false, default: "0", doc: "Share of the capacity taken by run and support work (0 to 1), or a map quarter → share (a quarter left out as for `capacity`)." },
    Field { name: "lead", ty: "text", required: false, default: "none", doc: "Who leads the team." },
];

pub(super) fn read(mut f: Fields, r: &mut Reader, meta: Meta) -> Option<Doc> {
    let (path, fy) = (r.path, r.fy);
    let capacity = match f.take("capacity") {
        Some(node) => read_per_quarter(node, path, "capacity", fy, None, f.diags),
        None => {
            f.missing("capacity", &lints::MISSING_FIELD);
            PerQuarter::default()
        }
    };
    let ops_load = match f.take("ops_load") {
        Some(node) => read_per_quarter(node, path, "ops_load", fy, Some(1.0), f.diags),
        None => PerQuarter::default(),
    };
    let lead = f.string("lead");
    f.finish(&names(&[COMMON, TEAM_FIELDS]), &lints::UNKNOWN_FIELD);
    Some(Doc::Team(
        Team {
            meta,
            capacity,
            ops_load,
            lead,
        }
        .into(),
    ))
}

fn read_per_quarter(
    node: &Node,
    path: &str,
    key: &str,
    fy: u8,
    max: Option<f64>,
    diags: &mut Vec<Diagnostic>,
) -> PerQuarter {
    let in_range = |n: f64| n >= 0.0 && max.is_none_or(|m| n <= m);
    let range_msg = match max {
        Some(m) => format!("`{key}` must be between 0 and {m}"),
        None => format!("`{key}` must be a non-negative number"),
    };
    if let Some(n) = node.as_f64() {
        if in_range(n) {
            return PerQuarter {
                default: Some(n),
                by_quarter: Vec::new(),
            };
        }
        let mut d = lints::INVALID_FIELD.at(path, Some(span_of(node)), range_msg);
        // A share written as a percentage (`ops_load: 50`).
        if key == "ops_load" && n > 1.0 && n <= 100.0 {
            d.help = Some(format!(
                "did you mean `{key}: {}` ({n} %)? it is a share of the capacity from 0 to 1",
                n / 100.0
            ));
        }
        diags.push(d);
        return PerQuarter::default();
    }
    if node.entries().is_none() {
        let mut d = lints::INVALID_FIELD.at(
            path,
            Some(span_of(node)),
            format!(
                "`{key}` must be a number or a map quarter → number, found {}",
                node.kind_name()
            ),
        );
        d.help = node.as_str().and_then(|t| share_hint(key, t));
        diags.push(d);
        return PerQuarter::default();
    }
    // A map with no quarter gives the field nothing: a required capacity
    // read as none would hide every overcommitment.
    if node.entries().is_some_and(|e| e.is_empty()) {
        let mut d = lints::INVALID_FIELD.at(
            path,
            Some(span_of(node)),
            format!("`{key}` is an empty map: it gives no quarter a value"),
        );
        d.help = Some(format!(
            "write a number for every quarter (`{key}: 120`) or a map quarter → number (`{key}: {{ 2026-Q1: 120 }}`)"
        ));
        diags.push(d);
        return PerQuarter::default();
    }
    let ok = read_dated_numbers_checked(node, path, key, fy, diags, |n| {
        (!in_range(n)).then(|| range_msg.clone())
    });
    PerQuarter {
        default: None,
        by_quarter: ok,
    }
}

/// `ops_load: 35%`: the share it means (`0.35`), that field being one;
/// other fields as any number field.
fn share_hint(key: &str, text: &str) -> Option<String> {
    match text.trim().strip_suffix('%').filter(|_| key == "ops_load") {
        Some(n) => {
            let share = n.trim().parse::<f64>().ok()? / 100.0;
            Some(format!("write `{key}: {share}`: a share from 0 to 1"))
        }
        None => crate::base::fields::number_hint(key, text),
    }
}
