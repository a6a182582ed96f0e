//! The field reference: every front-matter field of every kind, with its
//! type, whether it is required, its default and its meaning, written from
//! the very tables the readers accept fields by (`read::Field`), so the
//! documentation cannot drift from the code. `roadbook fields` prints it;
//! docs/fields.md is its committed copy, and a test compares them.

use super::read::{Field, COMMON};
use super::{capability, change, initiative, kpi, outcome, page, review, risk, team, Kind};
use std::fmt::Write as _;

/// Each kind's own fields (besides `COMMON`), in the order of `Kind::ALL`.
fn own(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Outcome => outcome::OUTCOME_FIELDS,
        Kind::Initiative => initiative::INITIATIVE_FIELDS,
        Kind::Kpi => kpi::KPI_FIELDS,
        Kind::Team => team::TEAM_FIELDS,
        Kind::Capability => capability::CAPABILITY_FIELDS,
        Kind::Change => change::CHANGE_FIELDS,
        Kind::Review => review::REVIEW_FIELDS,
        Kind::Risk => risk::RISK_FIELDS,
        Kind::Page => page::PAGE_FIELDS,
    }
}

fn table(out: &mut String, fields: &[Field]) {
    out.push_str("| Field | Type | Required | If left out | Meaning |\n|---|---|---|---|---|\n");
    for f in fields {
        let cell = |s: &str| s.replace('|', "\\|");
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            f.name,
            cell(f.ty),
            if f.required { "yes" } else { "" },
            if f.required {
                "—".to_string()
            } else {
                cell(f.default)
            },
            cell(f.doc)
        );
    }
    out.push('\n');
}

/// The reference, in Markdown.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Field reference\n\n\
         Every front-matter field roadbook reads, kind by kind. This file is written by \
         `roadbook fields` from the tables the reader itself uses, and a test fails when \
         they differ. A field not listed here is an `unknown-field` warning (with the \
         closest name); put fields of your own under `extra:`.\n\n\
         Dates are `2026-03-14`, `2026-03` or `2026-Q1` (quarters follow \
         `fiscal-year-start`). A month or quarter means its last day for `due`, `end`, \
         `done`, `baseline` and `horizon`, and its first day elsewhere.\n\n\
         ## Every kind\n\n",
    );
    table(&mut out, COMMON);
    for kind in Kind::ALL {
        let place = match kind {
            // A page is any document outside the kinds' folders.
            Kind::Page => "any other file under `content/`".to_string(),
            _ => format!("`content/{}/`", kind.dir()),
        };
        let _ = writeln!(out, "## {} ({place})\n", kind.singular_title());
        table(&mut out, own(kind));
        if kind == Kind::Initiative {
            out.push_str("### Each milestone (an item of `milestones:`)\n\n");
            table(&mut out, initiative::MILESTONE_FIELDS);
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
