//! KPI data files: CSV with the columns `date`, `value` and optionally
//! `target` (RFC 4180 quoting, any column order, a header line).

/// One data row, with positions for diagnostics (1-based).
#[derive(Debug, PartialEq, Hash)]
pub struct Row {
    pub line: u32,
    pub date: String,
    pub date_col: u32,
    pub value: String,
    pub value_col: u32,
    pub target: Option<String>,
    /// The row's `currency` column, when the file has one (a finance
    /// export): amounts in another currency must not be added up as ours.
    pub currency: Option<(String, u32)>,
    /// The row's `initiative` column, when the file has one: one finance
    /// export shared by several initiatives' `spend_file`, each taking its
    /// own rows (summed into each, every initiative read all of them).
    pub initiative: Option<(String, u32)>,
}

#[derive(Debug, PartialEq)]
pub struct CsvError {
    pub line: u32,
    pub message: String,
    /// Past [`MAX_ROWS`]: a limit, not a mistake in the file's form.
    pub over_limit: bool,
}

/// The most data rows a file may hold: daily values for 270 years, hourly
/// for 11; beyond it a KPI page and `roadmap.json` would grow without bound.
pub const MAX_ROWS: usize = 100_000;

/// The rows of a data file, or why it cannot be read.
pub fn rows(text: &str) -> Result<Vec<Row>, CsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| CsvError {
            line: 1,
            message: format!("the header cannot be read: {e}"),
            over_limit: false,
        })?
        .clone();
    let find = |name: &str| {
        header
            .iter()
            .position(|h| h.trim_matches('"').eq_ignore_ascii_case(name))
    };
    let (Some(di), Some(vi)) = (find("date"), find("value")) else {
        // A European spreadsheet saves "CSV" separated by `;`, and some
        // exports use tabs: the header then reads as one column.
        let first = text.lines().next().unwrap_or("");
        let separator = [(';', "`;`"), ('\t', "tabs")]
            .into_iter()
            .find(|(c, _)| header.len() == 1 && first.contains(*c));
        return Err(CsvError {
            line: 1,
            message: match separator {
                Some((_, name)) => format!(
                    "this file's columns are separated by {name}; roadbook reads them separated by commas: save it as \"CSV UTF-8 (comma delimited)\", with numbers written `1.92`, not `1,92`"
                ),
                None if header.iter().all(|h| h.trim().is_empty()) => {
                    "the file is empty or its first line names no column: it must start with the header `date,value`".to_string()
                }
                None => {
                    let named: Vec<String> = header
                        .iter()
                        .map(|h| format!("`{}`", clip(h.trim_matches('"'), 30)))
                        .collect();
                    format!(
                        "the header must name the columns `date` and `value`; it names {}",
                        named.join(", ")
                    )
                }
            },
            over_limit: false,
        });
    };
    let ti = find("target");
    let ci = find("currency");
    let ii = find("initiative");
    // The reader's own line count skips blank lines; byte offsets do not.
    let index = crate::base::node::LineIndex::new(text);
    let line_of = |pos: Option<&csv::Position>| {
        pos.map(|p| {
            // A record's position can be the blank lines before it.
            let start = p.byte() as usize;
            let skipped = text
                .get(start..)
                .map(|t| t.len() - t.trim_start_matches(['\r', '\n']).len())
                .unwrap_or(0);
            index.position(start + skipped).0
        })
        .unwrap_or(0)
    };
    let mut out = Vec::new();
    for record in reader.records() {
        if out.len() == MAX_ROWS {
            return Err(CsvError {
                line: record.ok().map(|r| line_of(r.position())).unwrap_or(0),
                message: format!(
                    "more than {MAX_ROWS} data rows, the limit for a data file: aggregate them (a KPI needs one value per period)"
                ),
                over_limit: true,
            });
        }
        let record = record.map_err(|e| CsvError {
            line: line_of(e.position()),
            message: e.to_string(),
            over_limit: false,
        })?;
        let line = line_of(record.position());
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        // `2026-05,30,000` reads as the value 30 and a third field: an
        // amount that lost its thousands, without a word.
        if record.len() > header.len() {
            let beyond_are_empty = record.iter().skip(header.len()).all(str::is_empty);
            return Err(CsvError {
                line,
                message: if beyond_are_empty {
                    format!(
                        "this row ends with a comma the header does not have ({} fields where it names {}): remove the trailing comma",
                        record.len(),
                        header.len()
                    )
                } else {
                    format!(
                        "this row has {} fields where the header names {}: is a number written with a thousands separator? write `30000`, not `30,000`",
                        record.len(),
                        header.len()
                    )
                },
                over_limit: false,
            });
        }
        // Columns by characters before the field; exact for unquoted fields.
        let col = |i: usize| {
            record
                .iter()
                .take(i)
                .map(|f| f.chars().count() as u32 + 1)
                .sum::<u32>()
                + 1
        };
        out.push(Row {
            line,
            date: record.get(di).unwrap_or("").to_string(),
            date_col: col(di),
            value: record.get(vi).unwrap_or("").to_string(),
            value_col: col(vi),
            target: ti
                .and_then(|i| record.get(i))
                .filter(|t| !t.is_empty())
                .map(str::to_string),
            currency: ci
                .and_then(|i| Some((record.get(i)?, col(i))))
                .filter(|(c, _)| !c.is_empty())
                .map(|(c, at)| (c.to_string(), at)),
            initiative: ii.and_then(|i| Some((record.get(i)?.to_string(), col(i)))),
        });
    }
    Ok(out)
}

/// `30.000`, as a European writes thirty thousand, reads as 30 in YAML and
/// in CSV alike: for an amount of money, the digits it was meant as.
/// (Three decimals of a currency unit are not an amount anyone books.)
pub fn dotted_thousands(written: &str) -> Option<String> {
    let (whole, fraction) = written.trim().split_once('.')?;
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    (!whole.is_empty()
        && whole.len() <= 3
        && !whole.starts_with('0')
        && fraction.len() == 3
        && digits(whole)
        && digits(fraction))
    .then(|| format!("{whole}{fraction}"))
}

/// A number roadbook takes (finite, within [`MAX_NUMBER`] of zero, as in
/// front matter), or why not.
pub fn number(text: &str) -> Result<f64, String> {
    use crate::base::node::MAX_NUMBER;
    match text.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n.abs() <= MAX_NUMBER => Ok(n),
        Ok(n) if n.is_finite() => Err(format!(
            "`{}` is beyond ±{MAX_NUMBER:e}, the largest number roadbook takes",
            clip(text.trim(), 40)
        )),
        _ if text.trim().is_empty() => Err("the value is missing: write a number".into()),
        _ => Err(format!("`{}` is not a number", clip(text.trim(), 40))),
    }
}

/// At most `max` characters of `text`, for quoting it in a message: a
/// value can be megabytes long.
pub fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]).into(),
        None => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_fields_and_positions() {
        let rows = rows("date,value,target\n2026-01,\"1,234\",5\n\n2026-02, 7 ,\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].value.as_str()), (2, "1,234"));
        assert!(
            number(&rows[0].value).is_err(),
            "a thousands separator is not silently truncated"
        );
        assert_eq!(rows[1].value, "7");
        assert_eq!(rows[1].target, None);
        assert_eq!(rows[1].line, 4);
    }

    #[test]
    fn rows_and_quoted_values_are_bounded() {
        let mut text = String::from("date,value\n");
        for _ in 0..=MAX_ROWS {
            text.push_str("2026-01,1\n");
        }
        let err = rows(&text).unwrap_err();
        assert_eq!(err.line, MAX_ROWS as u32 + 2);
        assert!(err.message.contains("100000 data rows"), "{}", err.message);
        let huge = "9".repeat(1_000_000) + "x";
        let message = number(&huge).unwrap_err();
        assert!(message.chars().count() < 70, "{message}");
    }

    #[test]
    fn header_and_numbers() {
        assert_eq!(rows("when,amount\n").unwrap_err().line, 1);
        assert!(number("NaN").is_err());
        assert!(number("inf").is_err());
        assert_eq!(number("-2.5"), Ok(-2.5));
        assert_eq!(rows("Value,Date\n3,2026-Q1\n").unwrap()[0].date, "2026-Q1");
    }

    #[test]
    fn a_header_without_date_and_value_says_what_it_names() {
        let e = rows("Month,Amount,currency\n2026-01,5,EUR\n").unwrap_err();
        assert_eq!(
            e.message,
            "the header must name the columns `date` and `value`; it names `Month`, `Amount`, `currency`"
        );
        // An empty file names nothing: said so, not "it names " and a blank.
        for empty in ["", "\n\n", " "] {
            let e = rows(empty).unwrap_err();
            assert!(
                e.message.starts_with("the file is empty"),
                "{empty:?}: {}",
                e.message
            );
        }
        assert_eq!(
            number(" "),
            Err("the value is missing: write a number".into())
        );
    }

    #[test]
    fn other_separators_and_trailing_commas_are_named() {
        let e = rows("date;value\n2026-01;1,92\n").unwrap_err();
        assert!(e.message.contains("separated by `;`"), "{}", e.message);
        let e = rows("date\tvalue\n2026-01\t1.92\n").unwrap_err();
        assert!(e.message.contains("separated by tabs"), "{}", e.message);
        let e = rows("date,value\n2026-09,1.8,\n").unwrap_err();
        assert!(
            e.message.contains("remove the trailing comma"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_currency_column_is_read_and_dotted_thousands_are_spotted() {
        let r = rows("date,value,currency\n2026-09,66120.00,USD\n").unwrap();
        assert_eq!(r[0].currency, Some(("USD".to_string(), 18)));
        assert_eq!(dotted_thousands("30.000"), Some("30000".into()));
        assert_eq!(dotted_thousands("450.000"), Some("450000".into()));
        for amount in ["30.00", "0.125", "1250.000", "30", "30.0001", "1.250.000"] {
            assert_eq!(dotted_thousands(amount), None, "{amount}");
        }
    }

    #[test]
    fn a_row_wider_than_its_header_is_refused() {
        // An amount with a thousands separator, unquoted.
        let e = rows("date,value\n2026-04,1000\n2026-05,30,000\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("thousands separator"), "{}", e.message);
        // A header that names a notes column takes a third field.
        let ok = rows("date,value,note\n2026-05,30000,invoice 12\n").unwrap();
        assert_eq!(ok[0].value, "30000");
    }
}
