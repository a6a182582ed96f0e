//! KPIs: targets, a baseline and data, written in the front matter or in a
//! CSV file beside it.

use super::build::{Accept, Doc, RefKind};
use super::data_files::{DataFiles, TableError};
use super::read::read_dated_numbers;
use super::read::texts;
use super::read::{names, Field, Reader, COMMON};
use super::*;
use crate::base::date::{self, Edge};
use crate::base::fields::Fields;
use crate::base::fields::{self, span_of, Spanned};
use crate::base::node::{Node, Value};
use crate::diag::{closest, Diagnostic, Span};
use crate::lints;
use crate::parse::data::{self, Row};
use std::collections::HashMap;

pub(super) const KPI_FIELDS: &[Field] = &[
    Field {
        name: "title",
        ty: "text",
        required: true,
        default: "",
        doc: "What is measured.",
    },
    Field {
        name: "type",
        ty: "choice",
        required: false,
        default: "business",
        doc: "business or delivery (older roadmaps wrote `kind:`).",
    },
    Field {
        name: "unit",
        ty: "text",
        required: false,
        default: "none",
        doc: "Shown after values: `%`, `days`, `EUR k`.",
    },
    Field {
        name: "direction",
        ty: "choice",
        required: false,
        default: "up",
        doc: "up or down: which way is better.",
    },
    Field {
        name: "outcome",
        ty: "id",
        required: false,
        default: "none (`orphan-kpi`)",
        doc: "The outcome it measures.",
    },
    Field {
        name: "outcomes",
        ty: "list of ids",
        required: false,
        default: "none",
        doc: "Several outcomes it measures.",
    },
    Field {
        name: "target",
        ty: "number",
        required: false,
        default: "none (`kpi-without-target`)",
        doc: "The value to reach, throughout.",
    },
    Field {
        name: "targets",
        ty: "map period → number",
        required: false,
        default: "none",
        doc: "A stepped target: each value applies from the start of its period.",
    },
    Field {
        name: "baseline",
        ty: "number",
        required: false,
        default: "none",
        doc: "The value when the work started.",
    },
    Field {
        name: "data",
        ty: "list of [date, value]",
        required: false,
        default: "none (`kpi-without-data`)",
        doc: "The measurements, inline; one per period (a figure for a period within another's, a day of a month with its own figure, is left out: `figure-within-period`).",
    },
    Field {
        name: "data_file",
        ty: "path",
        required: false,
        default: "none",
        doc: "A CSV under the content folder, its path relative to it (`date,value[,target]`), instead of `data`.",
    },
    Field {
        name: "retired",
        ty: "date",
        required: false,
        default: "none",
        doc: "No longer measured from this date (or period) on: the figures it reported stay on its page and in the history, and from then it counts neither among the KPIs the dashboard, the brief and its outcomes show nor as stale. Retire a KPI rather than delete it (`removed-kpi`).",
    },
];

pub(super) fn read(mut f: Fields, r: &mut Reader, meta: Meta) -> Option<Doc> {
    let (path, fy, id) = (r.path, r.fy, r.id.clone());
    let kpi_kind = match super::read::own_type(&mut f, r.own_kind, "KPI") {
        Some(node) => match node.as_str() {
            Some(k @ ("business" | "delivery")) => k.to_string(),
            _ => {
                let t = node.scalar_text().unwrap_or_default();
                f.report(
                    &lints::UNKNOWN_VALUE,
                    node,
                    format!("unknown KPI type `{t}`"),
                    Some("use `business` or `delivery`".into()),
                );
                "business".into()
            }
        },
        None => "business".into(),
    };
    let unit = f.string("unit");
    let direction = f
        .choice("direction", &["up", "down"])
        .unwrap_or_else(|| "up".into());
    let mut outcomes = f.string_list("outcome");
    outcomes.extend(f.string_list("outcomes"));
    r.refs(
        &outcomes,
        &RefKind {
            field: "outcome",
            accept: Accept::Kinds(&[Kind::Outcome]),
            relation: "Measured by",
        },
        &id,
    );
    let before = f.diags.len();
    let target = f.number("target");
    let targets = match f.take("targets") {
        Some(node) => read_dated_numbers(node, path, "targets", fy, f.diags),
        None => Vec::new(),
    };
    // Left blank (`target:`) is no target; written and refused is one
    // whose error is told.
    let target_unreadable = target.is_none()
        && targets.is_empty()
        && f.diags[before..].iter().any(Diagnostic::is_error);
    let baseline = f.number("baseline");
    let mut data = Vec::new();
    let errors_before = f.diags.len();
    let data_node = f.take("data");
    let data_span = data_node.map(span_of);
    if let Some(node) = data_node {
        data = read_data(node, path, "data", fy, f.diags);
    }
    let data_file = f.string_spanned("data_file");
    let mut data_unreadable = false;
    if let Some(df) = &data_file {
        let before = f.diags.len();
        let read = read_csv(df, path, r.data_files, fy, None, f.diags);
        data_unreadable = read.is_empty() && f.diags[before..].iter().any(Diagnostic::is_error);
        data.extend(read);
    }
    let figures_incomplete = f.diags[errors_before..].iter().any(Diagnostic::is_error);
    // Stable, by period only (not by how it is written): of two values
    // for one period, the one written first (in `data`, or higher up in
    // the file) stays first, and they sit side by side.
    data.sort_by_key(|(point, _)| (point.date.day, point.date.precision));
    // Two values for one period: the chart would draw both and "latest"
    // would be whichever sorted last.
    let mut run = 0; // where the values for the period at `i` begin
    for i in 1..data.len() {
        let ((a, first), (b, at)) = (&data[run], &data[i]);
        if a.date.day != b.date.day || a.date.precision != b.date.precision {
            run = i;
        } else {
            let mut d = lints::INVALID_FIELD.at(
                at.path,
                Some(at.span),
                format!(
                    "a value for {} is given twice: {} here, {} at {}",
                    b.date.written,
                    b.value,
                    a.value,
                    first.said_from(at)
                ),
            );
            d.help = Some(
                "keep one value per period: the one that is right, in `data` or in the data file"
                    .into(),
            );
            f.diags.push(d);
        }
    }
    // A figure for a period within another the KPI has one for (a day of
    // a month reported, a month of a quarter): the narrower one, dated
    // later, read as the latest (from a trial: November reported off
    // target, a figure for 2026-11-30 added after the quarter's snapshot
    // turned the KPI green with nothing said). The wider one stands, as a
    // period's spend does.
    let up = direction == "up";
    // The target in force on a day, as the KPI's own `target_at` reads it.
    let target_on = |day: jiff::civil::Date| {
        targets
            .iter()
            .filter(|(d, _)| d.day <= day)
            .max_by_key(|(d, _)| d.day)
            .map(|(_, v)| *v)
            .or(target)
    };
    let on_target = |value: f64, target: f64| if up { value >= target } else { value <= target };
    leave_out_within_wider(&mut data, false, |(w, wat), narrower| {
        // On target where the figure it displaced as the latest is not: a
        // quarter's figure written beside three bad months read "on
        // target" with a hygiene warning (from a trial). A quarter's sum
        // above each of its months is no such thing: judged by the
        // target, not by the size.
        let latest = narrower
            .iter()
            .max_by_key(|(p, _)| (p.date.day, p.date.precision));
        // And better than each of them: a quarter's average between its
        // months is no such thing (from a review).
        let better = latest.is_some_and(|(p, _)| {
            target_on(w.date.day).is_some_and(|t| on_target(w.value, t))
                && target_on(p.date.day).is_some_and(|t| !on_target(p.value, t))
        }) && narrower.iter().all(|(p, _)| {
            if up {
                w.value > p.value
            } else {
                w.value < p.value
            }
        });
        if better {
            let left: Vec<String> = narrower
                .iter()
                .map(|(p, _)| format!("{}: {}", p.date.written, crate::words::exact(p.value)))
                .collect();
            let mut d = lints::WIDER_FIGURE_BETTER.at(
                wat.path,
                Some(wat.span),
                format!(
                    "KPI `{id}`'s figure for {} ({}) is on target where the figures it leaves out within that period are not, the latest of them at least ({}): only the figure for {} is counted, so the worse ones left every page",
                    w.date.written,
                    crate::words::exact(w.value),
                    left.join(", "),
                    w.date.written
                ),
            );
            d.help = Some(format!(
                "record each period once: if the figures within {} are right, take out the figure for {}; if they were wrong, correct them there (a figure a snapshot reported needs an approved change request affecting the KPI)",
                w.date.written, w.date.written
            ));
            f.diags.push(d);
            return;
        }
        for (p, at) in narrower {
            let mut d = lints::FIGURE_WITHIN_PERIOD.at(
                at.path,
                Some(at.span),
                format!(
                    "KPI `{id}` has a figure for {} ({}) within its figure for {} ({}, at {}): two figures for one stretch of time, and the narrower would read as the latest; only the figure for {} is counted",
                    p.date.written,
                    crate::words::exact(p.value),
                    w.date.written,
                    crate::words::exact(w.value),
                    wat.said_from(at),
                    w.date.written
                ),
            );
            d.help = Some(format!(
                "record each period once: if the figure for {} was wrong, correct it there (a figure a snapshot reported needs an approved change request affecting the KPI); a KPI measured on days is dated by days throughout",
                w.date.written
            ));
            f.diags.push(d);
        }
    });
    let figures_at = places(&data, path);
    let data = points_only(data);
    let retired_span = f.take("retired").map(span_of);
    let retired = f.date("retired", Edge::Start, fy);
    f.finish(&names(&[COMMON, KPI_FIELDS]), &lints::UNKNOWN_FIELD);
    Some(Doc::Kpi(std::sync::Arc::new(Kpi {
        meta,
        kind: kpi_kind,
        unit,
        direction,
        outcomes: texts(outcomes),
        target,
        targets,
        baseline,
        data,
        data_file: data_file.map(|d| d.text),
        retired,
        retired_span,
        data_span,
        data_unreadable,
        figures_incomplete,
        target_unreadable,
        figures_at,
    })))
}

/// Where a data point's value was written (in the document, or its data
/// file), for a finding about that one value.
#[derive(Debug, Clone, Copy)]
pub(super) struct At<'a> {
    pub path: &'a str,
    pub span: Span,
}

/// A data point read, and where.
pub(super) type Placed<'a> = (DataPoint, At<'a>);

/// Leaves out of `points` each one whose period lies within another's (a
/// month within its quarter, a day within its month), the wider one
/// standing; `told` hears of each, with the wider one. `same_too`: a
/// period written twice (in two notations) is one within the other too.
pub(super) fn leave_out_within_wider<'a>(
    points: &mut Vec<Placed<'a>>,
    same_too: bool,
    mut told: impl FnMut(&Placed<'a>, &[&Placed<'a>]),
) {
    let end = |k: usize| crate::base::date::period_end(&points[k].0.date);
    // Widest first among those beginning on one day: a sweep keeps the
    // period reaching furthest and leaves out what ends within it.
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by_key(|&k| (points[k].0.date.day, std::cmp::Reverse(end(k))));
    let mut within = vec![None; points.len()];
    let mut cover: Option<usize> = None;
    for k in order {
        match cover {
            Some(c)
                if end(k) <= end(c)
                    && (same_too
                        || (points[k].0.date.day, end(k)) != (points[c].0.date.day, end(c))) =>
            {
                within[k] = Some(c)
            }
            Some(c) if end(k) <= end(c) => {}
            _ => cover = Some(k),
        }
    }
    // Each wider figure once, with all it leaves out, in date order.
    let mut by_wider: std::collections::BTreeMap<usize, Vec<&Placed<'a>>> =
        std::collections::BTreeMap::new();
    for (k, wider) in within.iter().enumerate() {
        if let Some(c) = *wider {
            by_wider.entry(c).or_default().push(&points[k]);
        }
    }
    for (c, narrower) in &by_wider {
        told(&points[*c], narrower);
    }
    let mut k = 0;
    points.retain(|_| {
        k += 1;
        within[k - 1].is_none()
    });
}

/// Where each point is written, for findings about one of them; `path`:
/// the document's own (the others are its data file's).
pub(super) fn places(placed: &[Placed<'_>], path: &str) -> Vec<super::FigureAt> {
    placed
        .iter()
        .map(|(point, at)| super::FigureAt {
            day: point.date.day,
            precision: point.date.precision,
            in_data_file: at.path != path,
            span: at.span,
        })
        .collect()
}

/// The points without their places, in a vector of their own size:
/// collected in place, they kept the larger buffer of the placed ones
/// (and a ledger's slack), for every version the history holds.
pub(super) fn points_only(placed: Vec<Placed<'_>>) -> Vec<DataPoint> {
    let mut points = Vec::with_capacity(placed.len());
    points.extend(placed.into_iter().map(|(point, _)| point));
    points
}

impl At<'_> {
    /// This place as a finding at `here` names it: `line 12` in the same
    /// file (the path in a message is not moved with the finding's own
    /// when a snapshot's parse is reused), `file:line` in another.
    pub fn said_from(&self, here: &At) -> String {
        if self.path == here.path {
            format!("line {}", self.span.line)
        } else {
            format!("{}:{}", self.path, self.span.line)
        }
    }
}

/// `data:` (or another field `key` of the same shape): `[date, value]`
/// pairs, or a map date → value, each with its place.
pub(super) fn read_data<'a>(
    node: &Node,
    path: &'a str,
    key: &str,
    fy: u8,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Placed<'a>> {
    match &node.value {
        Value::Seq(items) => {
            let mut out = Vec::new();
            for item in items {
                match &item.value {
                    Value::Seq(pair) if pair.len() == 2 => {
                        let Some(date) =
                            fields::parse_date_node(path, &pair[0], key, Edge::Start, fy, diags)
                        else {
                            continue;
                        };
                        match pair[1].as_f64() {
                            Some(value) => out.push((
                                DataPoint {
                                    date,
                                    value,
                                    target: None,
                                },
                                At {
                                    path,
                                    span: span_of(&pair[1]),
                                },
                            )),
                            None => {
                                let mut d = lints::INVALID_FIELD.at(
                                    path,
                                    Some(span_of(&pair[1])),
                                    format!(
                                        "a `{key}` value must be a number, found {}",
                                        pair[1].kind_name()
                                    ),
                                );
                                // Shared by a KPI's `data` and `spend`.
                                let alone = if key == "data" {
                                    "the KPI's `unit` says what it counts"
                                } else {
                                    "amounts are in `[budget] currency`"
                                };
                                d.help = pair[1].as_str().and_then(|t| {
                                    let t = t.trim();
                                    match t.strip_suffix('%').map(str::trim) {
                                        Some(n) if n.parse::<f64>().is_ok() => {
                                            Some(format!("write the number alone, `{n}`: {alone}"))
                                        }
                                        Some(_) => None,
                                        None => crate::base::fields::decimal_comma(t).map(|n| {
                                            format!("write `{n}`: a decimal point, not a comma")
                                        }),
                                    }
                                });
                                diags.push(d);
                            }
                        }
                    }
                    other => {
                        let mut d = lints::INVALID_FIELD.at(
                            path,
                            Some(span_of(item)),
                            format!("each `{key}` entry is a pair `[date, value]`"),
                        );
                        // `[2027-09, 70,5]`: a comma inside `[…]` ends an
                        // item, so a decimal comma or a thousands separator
                        // makes three.
                        if let Value::Seq(items) = other {
                            if items.len() == 3 && items[1..].iter().all(|x| x.as_f64().is_some()) {
                                d.help = Some(format!(
                                    "inside `[…]` a comma ends an item: `70,5` or `25,000` is read as two numbers; write `70.5` or `25000` in `{key}`"
                                ));
                            }
                        }
                        diags.push(d);
                    }
                }
            }
            out
        }
        // Two keys may name one period: each point is placed at its own
        // value.
        Value::Map(entries) => entries
            .iter()
            .filter_map(|(k, v)| {
                let Some(date) = fields::parse_date_node(path, k, key, Edge::Start, fy, diags)
                else {
                    fields::explain_split_amount(k, key, diags);
                    return None;
                };
                let Some(value) = v.as_f64() else {
                    let mut d = lints::INVALID_FIELD.at(
                        path,
                        Some(span_of(v)),
                        format!("`{key}` values must be numbers, found {}", v.kind_name()),
                    );
                    d.help = v.scalar_text().and_then(|t| {
                        fields::number_hint(&k.scalar_text().unwrap_or_default(), &t)
                    });
                    diags.push(d);
                    return None;
                };
                let point = DataPoint {
                    date,
                    value,
                    target: None,
                };
                let at = At {
                    path,
                    span: span_of(v),
                };
                Some((point, at))
            })
            .collect(),
        _ => {
            diags.push(lints::INVALID_FIELD.at(
                path,
                Some(span_of(node)),
                format!("`{key}` must be a list of `[date, value]` pairs or a map date → value"),
            ));
            Vec::new()
        }
    }
}

/// Why a data file is not text roadbook reads, where, and how to save it:
/// spreadsheets save "Unicode text" as UTF-16 and plain "CSV" in the
/// Windows code page, both unreadable as UTF-8.
fn not_utf8(csv_path: &str, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let (message, span) = if utf16 {
        (
            "data file is UTF-16 text (a spreadsheet's \"Unicode text\"), not UTF-8".to_string(),
            None,
        )
    } else {
        let (line, col) = crate::base::node::not_utf8_at(bytes, valid_up_to);
        (
            format!("data file is not UTF-8 text: line {line} has a byte UTF-8 does not allow (saved in a Windows or Latin-1 code page?)"),
            Some(Span::new(line, col, 1)),
        )
    };
    let mut d = lints::READ.at(csv_path, span, message);
    d.help = Some("save it as \"CSV UTF-8 (comma delimited)\"".into());
    d
}

const NOT_FOUND: &str = "data file ";
const NOT_FOUND_END: &str = " not found under the content folder";

/// The data file (as written, under the content folder) that a finding
/// says was not found, if that is what it says.
pub fn data_file_not_found(d: &Diagnostic) -> Option<&str> {
    if d.code != lints::UNKNOWN_REFERENCE.code {
        return None;
    }
    let named = d
        .message
        .strip_prefix(NOT_FOUND)?
        .strip_suffix(NOT_FOUND_END)?;
    named.strip_prefix('`')?.strip_suffix('`')
}

/// `data_file`: a CSV under `content/` with `date,value[,target]`. Only files
/// the source stage read are visible, which keeps reads inside the project.
/// `spend_in`: the currency of a spend file's amounts (`[budget] currency`)
/// and the initiative reading it; `None` for a KPI's values. A spend file
/// with an `initiative` column gives the initiative its own rows (the
/// roadmap keeps the names no initiative reads, see
/// `Roadmap::unmatched_spend`).
pub(super) fn read_csv<'a>(
    df: &Spanned,
    path: &str,
    files: &DataFiles<'a>,
    fy: u8,
    spend_in: Option<(&str, &str)>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Placed<'a>> {
    let rel = df.text.trim_start_matches("./");
    let escapes = rel.starts_with('/') || rel.split('/').any(|p| p == "..");
    let Some((file, table)) = files.table(rel).filter(|_| !escapes) else {
        let mut d = lints::UNKNOWN_REFERENCE.at(
            path,
            Some(df.span),
            format!("{NOT_FOUND}`{}`{NOT_FOUND_END}", df.text),
        );
        let names: Vec<&str> = files.csv_paths().collect();
        d.help = closest(rel, names.iter().copied())
            .map(|c| format!("did you mean `{c}`?"))
            .or_else(|| {
                Some("paths are relative to the content folder, e.g. `data/nps.csv`".into())
            });
        diags.push(d);
        return Vec::new();
    };
    let csv_path = file.display.as_str();
    let rows = match &table.rows {
        Ok(rows) => rows,
        Err(TableError::NotUtf8(valid_up_to)) => {
            diags.push(not_utf8(csv_path, &file.bytes, *valid_up_to));
            return Vec::new();
        }
        Err(TableError::Csv(e)) => {
            let rule = if e.over_limit {
                &lints::TOO_LARGE
            } else {
                &lints::INVALID_FIELD
            };
            let mut d = rule.at(
                csv_path,
                Some(Span::new(e.line.max(1), 1, 1)),
                e.message.clone(),
            );
            d.help = Some(match spend_in {
                _ if e.over_limit => {
                    "keep one row per period: a month's or a quarter's figure, not each day's"
                        .into()
                }
                None => {
                    "first line: `date,value` (optionally `,target`), then one row per data point"
                        .into()
                }
                Some((currency, _)) => format!(
                    "first line: `date,value` (and `initiative` when several initiatives share the file), then rows of spend, amounts in {currency}"
                ),
            });
            diags.push(d);
            return Vec::new();
        }
    };
    let mut out: Vec<Placed<'a>> = Vec::new();
    // A ledger (an `initiative` column): one period may have several rows,
    // a vendor each, and they add up; the initiative reads its own rows.
    let ledger = spend_in.filter(|_| table.is_ledger()).map(|(_, own)| own);
    let mut periods: HashMap<String, usize> = HashMap::new();
    let mut below_zero_at: HashMap<usize, At> = HashMap::new();
    let row_at = |row: &Row| At {
        path: csv_path,
        span: Span::new(row.line, row.value_col, row.value.chars().count() as u32),
    };
    let mine: Box<dyn Iterator<Item = &Row>> = match ledger {
        Some(own) => Box::new(table.rows_of(own)),
        None => Box::new(rows.iter()),
    };
    for row in mine {
        let date = match date::parse(&row.date, Edge::Start, fy) {
            Ok(d) => d,
            Err(msg) => {
                let span = Span::new(row.line, row.date_col, row.date.chars().count() as u32);
                let mut d = lints::INVALID_DATE.at(csv_path, Some(span), msg);
                // As the same date in YAML is helped (from a trial).
                d.help = Some(date::suggest(&row.date).map_or_else(
                    || date::WRITTEN_AS.to_string(),
                    |s| format!("did you mean `{s}`?"),
                ));
                diags.push(d);
                continue;
            }
        };
        let value = match data::number(&row.value) {
            Ok(v) => v,
            Err(msg) => {
                let span = Span::new(row.line, row.value_col, row.value.chars().count() as u32);
                let mut d = lints::INVALID_FIELD.at(csv_path, Some(span), msg);
                d.help =
                    Some("write plain numbers: `1234.5`, no thousands separators or units".into());
                diags.push(d);
                continue;
            }
        };
        if let Some((currency, _)) = spend_in {
            let span = |col: u32, text: &str| Span::new(row.line, col, text.chars().count() as u32);
            if let Some(plain) = data::dotted_thousands(&row.value) {
                let mut d = lints::INVALID_FIELD.at(
                    csv_path,
                    Some(span(row.value_col, &row.value)),
                    format!("`{}` reads as {value}, not {plain}", row.value),
                );
                d.help = Some(format!(
                    "write `{plain}` for the thousands, or `{value:.2}`: a dot is a decimal point"
                ));
                diags.push(d);
                continue;
            }
            if let Some((theirs, col)) = &row.currency {
                // A symbol and its code are one (`€` for EUR), on either
                // side: `[budget] currency = "€"` refused a row in EUR.
                if crate::words::currency_code(theirs) != crate::words::currency_code(currency) {
                    let mut d = lints::INVALID_FIELD.at(
                        csv_path,
                        Some(span(*col, theirs)),
                        format!(
                            "this amount is in {theirs}; every amount adds up in {currency} (`[budget] currency`)"
                        ),
                    );
                    d.help = Some(format!("convert it to {currency} first: roadbook adds amounts, it does not convert them"));
                    diags.push(d);
                    continue;
                }
            }
        }
        if ledger.is_some() {
            if let Some(&k) = periods.get(date.written.as_str()) {
                out[k].0.value += value;
                // The credit note that takes the period's total below
                // zero is where the error is: it pointed at the period's
                // first row, an amount that was right (from a trial).
                if value < 0.0 && out[k].0.value < 0.0 && out[k].0.value - value >= 0.0 {
                    below_zero_at.insert(k, row_at(row));
                }
                continue;
            }
            periods.insert(date.written.to_string(), out.len());
        }
        let target = row.target.as_deref().and_then(|t| data::number(t).ok());
        let at = row_at(row);
        out.push((
            DataPoint {
                date,
                value,
                target,
            },
            at,
        ));
    }
    for (k, at) in below_zero_at {
        if out[k].0.value < 0.0 {
            out[k].1 = at;
        }
    }
    out
}
