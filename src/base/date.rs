//! Dates as users write them: `2026-03-14`, `2026-03` or `2026-Q1` (fiscal
//! quarters). A month or quarter stands for its last day where a promise is
//! meant (`due`, `end`, `done`, `baseline`, `horizon`) and its first day
//! everywhere else; the text as written is kept for display.

use jiff::civil::Date as Day;
use serde::{Serialize, Serializer};
use std::fmt;

/// Which end of a period a coarse date resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Day,
    Month,
    Quarter,
}

/// A resolved date that remembers how it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Date {
    pub day: Day,
    /// Interned: a roadmap writes a few hundred distinct dates, and every
    /// version the history keeps held each as a string of its own (one
    /// allocation per milestone date and per KPI or spend figure).
    pub written: super::sym::Sym,
    pub precision: Precision,
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.day, self.written).cmp(&(other.day, other.written))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.written)
    }
}

impl Date {
    /// A full date from a resolved day (for `today` and computed dates).
    pub fn from_day(day: Day) -> Date {
        Date {
            day,
            written: super::sym::Sym::new(&iso(day)),
            precision: Precision::Day,
        }
    }

    /// ISO form of the resolved day, for sorting keys and machine output.
    pub fn iso(&self) -> String {
        iso(self.day)
    }

    /// The first day of the period written, for a date resolved to its
    /// end (`Edge::End`): `decided: 2026-Q4` has happened once the quarter
    /// has begun, though it resolves to its last day.
    pub fn begins(&self) -> Day {
        let first = self.day.first_of_month();
        match self.precision {
            Precision::Day => self.day,
            Precision::Month => first,
            Precision::Quarter => first
                .checked_sub(jiff::Span::new().months(2))
                .unwrap_or(first),
        }
    }
}

/// `n` months after `day`, to the same day of the month (the last, where
/// the month is shorter); from a month's last day, to the last day of the
/// month `n` later. A window of "three months" read at a quarter's close
/// then holds the whole next quarter: from 30 June, 30 September (92
/// days), where "90 days" left out every milestone written `2026-Q3`.
pub fn months_ahead(day: Day, n: i8) -> Day {
    let months = jiff::Span::new().months(n);
    if day == day.last_of_month() {
        day.first_of_month()
            .checked_add(months)
            .map_or(day, |d| d.last_of_month())
    } else {
        day.checked_add(months).unwrap_or(day)
    }
}

pub fn iso(day: Day) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

/// Parse one of the three forms. `fiscal_start` is the month (1–12) that
/// opens fiscal Q1; `2026-Q1` with 4 is April–June 2026.
/// The years a date may name.
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2199;

/// The period a snapshot's name begins with (`2026-Q4`, `2026-Q4-steering`,
/// `2026-12`, `2026-12-31_board`): the longest part up to a `-`, `_` or
/// `.` (or the whole name) that reads as a quarter, a month or a day.
/// From a trial: only a name that was a quarter and nothing more was held
/// to its quarter's start, and `2026-Q4-steering` or `2026-12` archived a
/// September roadmap with nothing said.
pub fn leading_period(name: &str, fiscal_start: u8) -> Option<Date> {
    let mut ends: Vec<usize> = std::iter::once(name.len())
        .chain(name.match_indices(['-', '_', '.']).map(|(at, _)| at))
        .collect();
    ends.sort_unstable_by(|a, b| b.cmp(a));
    ends.into_iter()
        .find_map(|end| parse(&name[..end], Edge::Start, fiscal_start).ok())
}

/// What a date may look like, for a help line where nothing near was meant.
pub const WRITTEN_AS: &str = "for example `2026-03-31`, `2026-03` or `2026-Q1`";

pub fn parse(text: &str, edge: Edge, fiscal_start: u8) -> Result<Date, String> {
    let t = text.trim();
    let err = || format!("`{t}` is not a date: write `YYYY-MM-DD`, `YYYY-MM` or `YYYY-Qn`");
    let (year, rest) = t.split_once('-').ok_or_else(err)?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err());
    }
    let year: i16 = year.parse().map_err(|_| err())?;
    // Year 0000 made a milestone 740,316 days overdue and year 9999 a
    // timeline of eight thousand years: a plan lives in these two
    // centuries and a half, and a year outside them is a typo.
    if !YEARS.contains(&year) {
        return Err(format!(
            "`{t}`: year {year} is outside {} to {}; a typo in the year?",
            YEARS.start(),
            YEARS.end()
        ));
    }
    if let Some(q) = rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')) {
        let q: u8 = match q {
            "1" => 1,
            "2" => 2,
            "3" => 3,
            "4" => 4,
            _ => return Err(format!("`{t}`: a quarter is Q1 to Q4")),
        };
        let (start, _) = quarter_bounds(year, q, fiscal_start).ok_or_else(err)?;
        let day = match edge {
            Edge::Start => start,
            Edge::End => quarter_bounds(year, q, fiscal_start).ok_or_else(err)?.1,
        };
        return Ok(Date {
            day,
            written: super::sym::Sym::new(t),
            precision: Precision::Quarter,
        });
    }
    let mut parts = rest.split('-');
    let month = parts.next().ok_or_else(err)?;
    let dom = parts.next();
    if parts.next().is_some() || month.len() != 2 || !month.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err());
    }
    let month: i8 = month.parse().map_err(|_| err())?;
    if !(1..=12).contains(&month) {
        return Err(format!("`{t}`: month {month} does not exist"));
    }
    match dom {
        None => {
            let first = Day::new(year, month, 1).map_err(|_| err())?;
            let day = match edge {
                Edge::Start => first,
                Edge::End => first.last_of_month(),
            };
            Ok(Date {
                day,
                written: super::sym::Sym::new(t),
                precision: Precision::Month,
            })
        }
        Some(d) => {
            if d.len() != 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            let d: i8 = d.parse().map_err(|_| err())?;
            let day = Day::new(year, month, d)
                .map_err(|_| format!("`{t}` does not exist in the calendar"))?;
            Ok(Date {
                day,
                written: super::sym::Sym::new(t),
                precision: Precision::Day,
            })
        }
    }
}

/// The last day of the month of `text`, when it is a day past that
/// month's end (`2027-02-30`): what the help names (it gave the forms of a
/// date, as if the form were wrong: from a trial).
pub fn past_month_end(text: &str) -> Option<Day> {
    let [y, m, d] = text.trim().split('-').collect::<Vec<_>>()[..] else {
        return None;
    };
    let number = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(number(y, 4) && number(m, 2) && number(d, 2)) {
        return None;
    }
    let (y, m, d): (i16, i8, i8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let last = Day::new(y, m, 1).ok()?.last_of_month();
    (d > last.day() && d <= 31).then_some(last)
}

/// The accepted form of a near-miss: `Q3 2026`, `2026 Q3`, `2026/03/31`,
/// `2026-3-1`, `March 2027`, and a day written first when it cannot be a
/// month (`31/01/2027`, `31.01.2027`; `01/02/2027` could be either: none).
pub fn suggest(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let t = text.trim();
    let parts: Vec<&str> = t
        .split([' ', '/', '-', '.', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let year = parts
        .iter()
        .find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))?;
    let named_month = parts.iter().find_map(|p| {
        let p = p.to_ascii_lowercase();
        MONTHS
            .iter()
            .position(|m| {
                // ASCII first: `&p[..3]` of `août` would cut a character.
                p.len() >= 3 && p.bytes().all(|b| b.is_ascii_alphabetic()) && m.starts_with(&p[..3])
            })
            .map(|i| i + 1)
    });
    if let Some(m) = named_month {
        let day: Vec<u32> = parts
            .iter()
            .filter(|p| *p != year)
            .filter_map(|p| p.parse().ok())
            .collect();
        let candidate = match day.as_slice() {
            [] => format!("{year}-{m:02}"),
            [d] => format!("{year}-{m:02}-{d:02}"),
            _ => return None,
        };
        return parse(&candidate, Edge::Start, 1)
            .is_ok()
            .then_some(candidate);
    }
    if let Some(q) = parts
        .iter()
        .find_map(|p| p.strip_prefix('Q').or_else(|| p.strip_prefix('q')))
    {
        let candidate = format!("{year}-Q{q}");
        if matches!(q, "1" | "2" | "3" | "4")
            && candidate != t
            && parse(&candidate, Edge::Start, 1).is_ok()
        {
            return Some(candidate);
        }
    }
    let rest: Vec<u32> = parts
        .iter()
        .filter(|p| *p != year)
        .filter_map(|p| p.parse().ok())
        .collect();
    let candidate = match (parts.first() == Some(year), rest.as_slice()) {
        (true, [m]) => format!("{year}-{m:02}"),
        (true, [m, d]) => format!("{year}-{m:02}-{d:02}"),
        // The year last: the day first (Europe) or the month first (the
        // US), told apart only when one of the two cannot be a month.
        (false, [d, m]) if parts.last() == Some(year) && *d > 12 && *m <= 12 => {
            format!("{year}-{m:02}-{d:02}")
        }
        (false, [m, d]) if parts.last() == Some(year) && *d > 12 && *m <= 12 => {
            format!("{year}-{m:02}-{d:02}")
        }
        (false, [m]) if parts.last() == Some(year) => format!("{year}-{m:02}"),
        _ => return None,
    };
    (candidate != t && parse(&candidate, Edge::Start, 1).is_ok()).then_some(candidate)
}

/// First and last day of fiscal quarter `q` of fiscal year `year`.
pub fn quarter_bounds(year: i16, q: u8, fiscal_start: u8) -> Option<(Day, Day)> {
    let months_from_jan = (fiscal_start as i32 - 1) + 3 * (q as i32 - 1);
    let y = year as i32 + months_from_jan / 12;
    let m = months_from_jan % 12 + 1;
    let start = Day::new(i16::try_from(y).ok()?, m as i8, 1).ok()?;
    let end_month_first = start.checked_add(jiff::Span::new().months(2)).ok()?;
    Some((start, end_month_first.last_of_month()))
}

/// A fiscal quarter, e.g. `2026-Q3`; orderable, used as a key for capacity and
/// charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i16,
    pub q: u8,
}

impl Quarter {
    pub fn of(day: Day, fiscal_start: u8) -> Quarter {
        let m = day.month() as i32;
        let offset = (m - fiscal_start as i32).rem_euclid(12);
        let year = if m >= fiscal_start as i32 {
            day.year()
        } else {
            day.year() - 1
        };
        Quarter {
            year,
            q: (offset / 3 + 1) as u8,
        }
    }

    pub fn next(self) -> Quarter {
        if self.q == 4 {
            Quarter {
                year: self.year + 1,
                q: 1,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q + 1,
            }
        }
    }

    pub fn previous(self) -> Quarter {
        if self.q == 1 {
            Quarter {
                year: self.year - 1,
                q: 4,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q - 1,
            }
        }
    }

    pub fn bounds(self, fiscal_start: u8) -> Option<(Day, Day)> {
        quarter_bounds(self.year, self.q, fiscal_start)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.q)
    }
}

/// The first day after the period a date names: a quarter, a month or a
/// day, as written (`2026-Q4` ends before 2027-01-01).
pub fn period_end(d: &Date) -> Day {
    end_of(d.day, d.precision)
}

/// The first day after the period that follows the one a date names, by
/// the same step (a month's next month, a quarter's next quarter).
pub fn next_period_end(d: &Date) -> Day {
    end_of(end_of(d.day, d.precision), d.precision)
}

fn end_of(day: Day, precision: Precision) -> Day {
    let span = match precision {
        Precision::Quarter => jiff::Span::new().months(3),
        Precision::Month => jiff::Span::new().months(1),
        Precision::Day => jiff::Span::new().days(1),
    };
    day.checked_add(span).unwrap_or(day)
}

/// Whether the period `part` (its first day and how it was written, as a
/// data point gives them) lies within the coarser period `whole`: a month
/// within its quarter, a day within its month.
pub fn lies_within(part: (Day, Precision), whole: (Day, Precision)) -> bool {
    whole.1 > part.1 && whole.0 <= part.0 && end_of(part.0, part.1) <= end_of(whole.0, whole.1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_name_begins_with_the_longest_period_it_starts_with() {
        use jiff::civil::date;
        let began = |name: &str| super::leading_period(name, 1).map(|d| d.day);
        assert_eq!(began("2026-Q4"), Some(date(2026, 10, 1)));
        assert_eq!(began("2026-Q4-steering"), Some(date(2026, 10, 1)));
        assert_eq!(began("2026-12"), Some(date(2026, 12, 1)));
        assert_eq!(began("2026-12-31_board"), Some(date(2026, 12, 31)));
        assert_eq!(began("2026-12.1"), Some(date(2026, 12, 1)));
        for none in ["x", "2026", "2026-Q", "q4-2026", "", "-2026-Q4"] {
            assert_eq!(began(none), None, "{none}");
        }
        // By the fiscal year (starting in April here).
        assert_eq!(
            super::leading_period("2027-Q1-close", 4).map(|d| d.day),
            Some(date(2027, 4, 1))
        );
    }

    #[test]
    fn months_ahead_keeps_a_month_end_at_month_ends() {
        use jiff::civil::date;
        let ahead = |d, n| super::months_ahead(d, n);
        assert_eq!(ahead(date(2026, 6, 30), 3), date(2026, 9, 30));
        assert_eq!(ahead(date(2026, 9, 30), 3), date(2026, 12, 31));
        assert_eq!(ahead(date(2026, 12, 31), 3), date(2027, 3, 31));
        assert_eq!(ahead(date(2026, 3, 31), 3), date(2026, 6, 30));
        assert_eq!(ahead(date(2026, 6, 30), 1), date(2026, 7, 31));
        assert_eq!(ahead(date(2026, 11, 30), 3), date(2027, 2, 28));
        assert_eq!(ahead(date(2026, 11, 29), 3), date(2027, 2, 28));
        assert_eq!(ahead(date(2026, 11, 25), 1), date(2026, 12, 25));
        assert_eq!(ahead(date(9999, 12, 31), 3), date(9999, 12, 31));
    }

    use super::*;

    #[test]
    fn a_period_read_to_its_end_begins_on_its_first_day() {
        for (written, first) in [
            ("2026-11-25", "2026-11-25"),
            ("2026-11", "2026-11-01"),
            ("2026-Q4", "2026-10-01"),
        ] {
            let d = parse(written, Edge::End, 1).unwrap();
            assert_eq!(iso(d.begins()), first, "{written}");
        }
        // A fiscal year from April: its Q1 is April to June.
        assert_eq!(
            iso(parse("2026-Q1", Edge::End, 4).unwrap().begins()),
            "2026-04-01"
        );
    }
    use jiff::civil::date;

    #[test]
    fn three_forms_resolve_by_edge() {
        assert_eq!(
            parse("2026-03-14", Edge::End, 1).unwrap().day,
            date(2026, 3, 14)
        );
        assert_eq!(
            parse("2026-02", Edge::End, 1).unwrap().day,
            date(2026, 2, 28)
        );
        assert_eq!(
            parse("2026-02", Edge::Start, 1).unwrap().day,
            date(2026, 2, 1)
        );
        assert_eq!(
            parse("2026-Q1", Edge::End, 1).unwrap().day,
            date(2026, 3, 31)
        );
        assert_eq!(
            parse("2026-Q4", Edge::Start, 1).unwrap().day,
            date(2026, 10, 1)
        );
        assert_eq!(parse("2026-Q2", Edge::End, 1).unwrap().written, "2026-Q2");
    }

    #[test]
    fn fiscal_quarters_follow_fiscal_year_start() {
        // With an April fiscal year, 2026-Q1 is April–June 2026 and Q4 runs into 2027.
        assert_eq!(
            parse("2026-Q1", Edge::Start, 4).unwrap().day,
            date(2026, 4, 1)
        );
        assert_eq!(
            parse("2026-Q1", Edge::End, 4).unwrap().day,
            date(2026, 6, 30)
        );
        assert_eq!(
            parse("2026-Q4", Edge::Start, 4).unwrap().day,
            date(2027, 1, 1)
        );
        assert_eq!(
            parse("2026-Q4", Edge::End, 4).unwrap().day,
            date(2027, 3, 31)
        );
        assert_eq!(
            Quarter::of(date(2027, 2, 10), 4),
            Quarter { year: 2026, q: 4 }
        );
        assert_eq!(
            Quarter::of(date(2026, 4, 1), 4),
            Quarter { year: 2026, q: 1 }
        );
        assert_eq!(Quarter::of(date(2026, 12, 31), 1).to_string(), "2026-Q4");
        assert_eq!(Quarter { year: 2026, q: 4 }.next().to_string(), "2027-Q1");
    }

    #[test]
    fn a_period_lies_within_a_coarser_one_around_it() {
        let key = |t: &str| {
            let d = parse(t, Edge::Start, 1).unwrap();
            (d.day, d.precision)
        };
        assert!(lies_within(key("2026-09"), key("2026-Q3")));
        assert!(lies_within(key("2026-07-31"), key("2026-07")));
        assert!(!lies_within(key("2026-10"), key("2026-Q3")));
        // Not within itself, nor a coarser period within a finer one.
        assert!(!lies_within(key("2026-Q3"), key("2026-Q3")));
        assert!(!lies_within(key("2026-Q3"), key("2026-07")));
    }

    #[test]
    fn suggests_the_accepted_form() {
        assert_eq!(suggest("Q3 2026").as_deref(), Some("2026-Q3"));
        assert_eq!(suggest("2026 q1").as_deref(), Some("2026-Q1"));
        assert_eq!(suggest("2026/03/31").as_deref(), Some("2026-03-31"));
        assert_eq!(suggest("2026-3-1").as_deref(), Some("2026-03-01"));
        assert_eq!(suggest("2026-02-30"), None);
        let end = |t: &str| past_month_end(t).map(|d| d.to_string());
        assert_eq!(end("2026-02-30").as_deref(), Some("2026-02-28"));
        assert_eq!(end("2028-02-30").as_deref(), Some("2028-02-29"));
        assert_eq!(end("2026-04-31").as_deref(), Some("2026-04-30"));
        assert_eq!(end("2026-04-30"), None);
        assert_eq!(end("2026-04-32"), None);
        assert_eq!(end("2026-13-01"), None);
        assert_eq!(suggest("soon"), None);
        assert_eq!(suggest("31/01/2027").as_deref(), Some("2027-01-31"));
        assert_eq!(suggest("31.05.2026").as_deref(), Some("2026-05-31"));
        assert_eq!(suggest("12/31/2026").as_deref(), Some("2026-12-31"));
        assert_eq!(suggest("01/02/2027"), None, "either way round");
        assert_eq!(suggest("March 2027").as_deref(), Some("2027-03"));
        assert_eq!(suggest("31 March 2027").as_deref(), Some("2027-03-31"));
        assert_eq!(suggest("Sept 2026").as_deref(), Some("2026-09"));
        assert_eq!(suggest("03/2027").as_deref(), Some("2027-03"));
        assert_eq!(
            suggest("2026-09-30 00:00:00").as_deref(),
            Some("2026-09-30")
        );
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in [
            "2026-02-30",
            "2026-13",
            "2026-Q5",
            "26-01-01",
            "2026/01/01",
            "soon",
            "2026-1-1",
            "",
            "0000-01-01",
            "9999-Q4",
            "1899-12",
        ] {
            assert!(parse(bad, Edge::End, 1).is_err(), "{bad} accepted");
        }
        assert_eq!(
            parse("0000-Q1", Edge::End, 1).unwrap_err(),
            "`0000-Q1`: year 0 is outside 1900 to 2199; a typo in the year?"
        );
        // Nothing to suggest for it: the form is right.
        assert_eq!(suggest("0000-Q1"), None);
        assert_eq!(suggest("Q1 0000"), None);
        for edge in ["1900-01-01", "2199-Q4"] {
            assert!(parse(edge, Edge::End, 1).is_ok(), "{edge}");
        }
    }
}
