//! A traceability grid as HTML and as CSV. The markup is written here, not
//! in a template: at 10,000 initiatives a grid page is 80,000 cells, which
//! Tera would loop over for a good part of the whole build's time, while a
//! string writer takes milliseconds. The page around it stays a template,
//! and the theme styles the grid through its classes (`table.grid`,
//! `col.flag`, `tbody.flag`, `td.m`, `h-*`).

use super::exports::csv_row;
use crate::analysis::matrices::{Grid, GridColumn, GridRow};
use std::fmt::Write;

/// A row or column header: its markup and the plain words a cell's sentence
/// names it by.
pub(crate) struct Head {
    pub html: String,
    pub label: String,
}

/// What a linked cell of a row shows: a shape, and the words a screen reader
/// and a tooltip say instead ("active, amber").
pub(crate) struct Mark {
    pub symbol: &'static str,
    /// Theme class: `h-green`, `h-amber`, `h-red` or `h-none`.
    pub class: &'static str,
    pub words: String,
}

pub(crate) struct RowView {
    pub head: Head,
    pub mark: Mark,
    /// The row's totals, one per `GridHtml::row_totals`.
    pub totals: Vec<String>,
}

pub(crate) struct GridHtml<'a> {
    pub caption: &'a str,
    /// What the rows and columns are: "initiatives", "outcomes".
    pub rows_are: &'a str,
    pub columns_are: &'a str,
    /// The link a cell stands for: "serves", "raises", "measures".
    pub verb: &'a str,
    pub row_totals: &'a [&'a str],
}

/// HTML-escaped text, written straight into the page being built: a grid
/// part holds tens of thousands of titles, and a string per title showed in
/// the build's profile.
#[derive(Clone, Copy, Default)]
pub(crate) struct Esc<'a>(pub &'a str);

impl std::fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let bytes = self.0.as_bytes();
        let mut plain = 0;
        for (i, b) in bytes.iter().enumerate() {
            let (entity, len) = match b {
                b'&' => ("&amp;", 1),
                b'<' => ("&lt;", 1),
                b'>' => ("&gt;", 1),
                b'"' => ("&quot;", 1),
                b'\'' => ("&#39;", 1),
                // An embedding or override (U+202A to U+202E) turns the
                // text after it around on the page: shown as U+FFFD (see
                // `diag::bidi_override`).
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && bytes.get(i + 2).is_some_and(|c| (0xAA..=0xAE).contains(c)) =>
                {
                    ("\u{fffd}", 3)
                }
                _ => continue,
            };
            f.write_str(&self.0[plain..i])?;
            f.write_str(entity)?;
            plain = i + len;
        }
        f.write_str(&self.0[plain..])
    }
}

impl GridHtml<'_> {
    /// The grid as one `<table class="grid">` in a scrolling, focusable
    /// region (header row and first column stick while it scrolls).
    pub(crate) fn html(
        &self,
        grid: &Grid,
        column: impl Fn(&GridColumn) -> Head,
        row: impl Fn(&GridRow) -> RowView,
    ) -> String {
        let heads: Vec<Head> = grid.columns.iter().map(column).collect();
        let extra = self.row_totals.len();
        let width = 1 + grid.columns.len() + extra;
        let mut out = String::with_capacity(grid.cells() * 12 + 4096);
        let caption = Esc(self.caption);
        let _ = write!(
            out,
            "<div class=\"grid-wrap\" role=\"region\" aria-label=\"{caption}\" tabindex=\"0\"><table class=\"grid\"><caption>{caption}</caption><colgroup><col class=\"rowhead\"></colgroup>"
        );
        let spans = column_groups(grid);
        let mut n = 0;
        for (_, span) in &spans {
            out.push_str("<colgroup>");
            for c in &grid.columns[n..n + span] {
                out.push_str(if c.flag.is_some() {
                    "<col class=\"flag\">"
                } else {
                    "<col>"
                });
            }
            out.push_str("</colgroup>");
            n += span;
        }
        if extra > 0 {
            let _ = write!(out, "<colgroup span=\"{extra}\"></colgroup>");
        }
        let _ = write!(
            out,
            "<thead><tr class=\"groups\"><td class=\"corner\" rowspan=\"2\">{} ↓ · {} →</td>",
            Esc(self.rows_are),
            Esc(self.columns_are)
        );
        for (name, span) in &spans {
            let _ = write!(
                out,
                "<th scope=\"colgroup\" colspan=\"{span}\">{}</th>",
                Esc(name)
            );
        }
        if extra > 0 {
            let _ = write!(out, "<td colspan=\"{extra}\"></td>");
        }
        out.push_str("</tr><tr class=\"cols\">");
        for (h, c) in heads.iter().zip(&grid.columns) {
            match c.flag {
                Some(flag) => {
                    let _ = write!(
                        out,
                        "<th scope=\"col\" class=\"flag\" data-col=\"{}\" title=\"{}\"><div class=\"v\"><strong class=\"flag-word\">⚠ {flag}</strong> {}</div></th>",
                        Esc(&c.id),
                        Esc(&h.label),
                        h.html
                    );
                }
                None => {
                    let _ = write!(
                        out,
                        "<th scope=\"col\" data-col=\"{}\" title=\"{}\"><div class=\"v\">{}</div></th>",
                        Esc(&c.id),
                        Esc(&h.label),
                        h.html
                    );
                }
            }
        }
        for t in self.row_totals {
            let _ = write!(out, "<th scope=\"col\" class=\"num\">{}</th>", Esc(t));
        }
        out.push_str("</tr></thead>");
        for g in &grid.groups {
            out.push_str(if g.flag.is_some() {
                "<tbody class=\"flag\">"
            } else {
                "<tbody>"
            });
            let _ = write!(
                out,
                "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"{width}\">{}",
                Esc(&g.name)
            );
            if let Some(flag) = g.flag {
                let _ = write!(out, " <strong class=\"flag-word\">⚠ {flag}</strong>");
            }
            let _ = write!(out, " <small>({})</small></th></tr>", g.rows.len());
            for r in &g.rows {
                let view = row(r);
                let _ = write!(
                    out,
                    "<tr data-row=\"{}\"><th scope=\"row\">{}</th>",
                    Esc(&r.id),
                    view.head.html
                );
                let sentence = format!("{} {}", view.head.label, self.verb);
                let mut cells = r.cells.iter().peekable();
                for (n, h) in heads.iter().enumerate() {
                    if cells.next_if_eq(&&n).is_some() {
                        // The words once, for screen readers; the shape is
                        // explained by the legend and the row's words.
                        let _ = write!(
                            out,
                            "<td class=\"m {}\"><span aria-hidden=\"true\">{}</span><span class=\"visually-hidden\">{}</span></td>",
                            view.mark.class,
                            view.mark.symbol,
                            Esc(&format!("{sentence} {}: {}", h.label, view.mark.words))
                        );
                    } else {
                        out.push_str("<td></td>");
                    }
                }
                for t in &view.totals {
                    let _ = write!(out, "<td class=\"num\">{}</td>", Esc(t));
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody>");
        }
        out.push_str("<tfoot>");
        for (k, label) in grid.totals.iter().enumerate() {
            let _ = write!(out, "<tr><th scope=\"row\">{}</th>", Esc(label));
            for c in &grid.columns {
                let n = c.totals.get(k).copied().unwrap_or(0);
                if k == 0 && c.flag.is_some() {
                    let _ = write!(out, "<td class=\"num flag\">{n} ⚠</td>");
                } else {
                    let _ = write!(out, "<td class=\"num\">{n}</td>");
                }
            }
            if extra > 0 {
                let _ = write!(out, "<td colspan=\"{extra}\"></td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</tfoot></table></div>");
        out
    }
}

/// (name, number of columns) of each run of columns in one group.
fn column_groups(grid: &Grid) -> Vec<(&str, usize)> {
    let mut spans: Vec<(&str, usize)> = Vec::new();
    for c in &grid.columns {
        match spans.last_mut() {
            Some((name, n)) if *name == c.group => *n += 1,
            _ => spans.push((&c.group, 1)),
        }
    }
    spans
}

/// The grid in wide CSV: one row per grid row (its group, id and the
/// columns `row` gives), then one column per grid column headed by its id,
/// `x` where linked. UTF-8 with a byte-order mark, so Excel reads accented
/// titles right; LibreOffice and the csv crate skip the mark.
pub(crate) fn grid_csv(
    grid: &Grid,
    row_headers: &[&str],
    row: impl Fn(&GridRow) -> Vec<String>,
) -> String {
    let mut out = String::from("\u{feff}");
    let mut header: Vec<String> = vec!["row_group".into(), "id".into()];
    header.extend(row_headers.iter().map(|h| h.to_string()));
    header.extend(grid.columns.iter().map(|c| c.id.clone()));
    csv_row(&mut out, &header);
    for g in &grid.groups {
        for r in &g.rows {
            let mut fields = vec![g.name.clone(), r.id.clone()];
            fields.extend(row(r));
            // The line without its end, then one short field per column:
            // at 10,000 rows × 200 outcomes, no string per cell.
            csv_row(&mut out, &fields);
            out.truncate(out.len() - 2);
            let mut cells = r.cells.iter().peekable();
            for n in 0..grid.columns.len() {
                out.push_str(if cells.next_if_eq(&&n).is_some() {
                    ",x"
                } else {
                    ","
                });
            }
            out.push_str("\r\n");
        }
    }
    out
}
