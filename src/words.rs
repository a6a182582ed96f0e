//! Numbers and counts in prose: "1 milestone", "2 milestones", "2.5".

/// `n` with its noun, singular for exactly one.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A figure with its unit: `36%` (a percent sign is written against the
/// number, as every page writes its own percentages), `12 days`, `4.2 NPS`.
pub fn with_unit(figure: &str, unit: &str) -> String {
    match unit {
        "" => figure.to_string(),
        "%" => format!("{figure}%"),
        u => format!("{figure} {u}"),
    }
}

/// An effort per team as a reader says it: `t 600, u 300` (`none`).
pub fn effort_spread(teams: &std::collections::BTreeMap<String, f64>) -> String {
    effort_spread_with(teams, exact)
}

/// [`effort_spread`] with each team's days as `shown` writes them (a page
/// groups their thousands).
pub fn effort_spread_with(
    teams: &std::collections::BTreeMap<String, f64>,
    shown: impl Fn(f64) -> String,
) -> String {
    if teams.is_empty() {
        return "none".into();
    }
    teams
        .iter()
        .map(|(t, d)| format!("{t} {}", shown(*d)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A KPI's `direction` as a reader says it.
pub fn better(direction: &str) -> &'static str {
    if direction == "down" {
        "lower is better"
    } else {
        "higher is better"
    }
}

/// A number of days, as `1 day` or `-3 days`.
pub fn days(n: impl Into<i64>) -> String {
    let n: i64 = n.into();
    format!("{n} {}", if n.abs() == 1 { "day" } else { "days" })
}

/// "No findings." reads as a sentence alone and as a clause after a `;`.
pub fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A figure with one decimal, without trailing zeros (`2`, `2.5`, never
/// `-0`): stable bytes in charts and in text.
/// A figure as written, every decimal kept: a revision from 93.21 to 93.24
/// must not read "93.2, now 93.2".
pub fn exact(v: f64) -> String {
    if v.abs() >= 1e15 {
        return format!("{v:e}");
    }
    // `-0` reads as 0.
    format!("{}", if v == 0.0 { 0.0 } else { v })
}

pub fn one_decimal(v: f64) -> String {
    // Past 1e15 a decimal is noise and `as i64` saturates: `1e300`, as
    // written, rather than 9223372036854775807.
    if v.abs() >= 1e15 {
        return format!("{v:e}");
    }
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// How far a plan to date runs: "to date", or "to 2026-03-31" where it
/// stops at the books' cut-off.
pub fn planned_to(books_to: Option<jiff::civil::Date>) -> String {
    books_to.map_or_else(
        || "to date".to_string(),
        |d| format!("to {}", crate::base::date::iso(d)),
    )
}

/// Two figures of one series, as a change from one to the other: as
/// recorded (a cost per order of 2.38 → 2.36 read "2.4 → 2.4", and 2.36 →
/// 2.29 "2.4 → 2.3" beside a KPI card saying 2.29). "none" for a missing
/// one.
pub fn figures_apart(from: Option<f64>, to: Option<f64>) -> (String, String) {
    let shown = |v: Option<f64>| v.map_or_else(|| "none".to_string(), exact);
    (shown(from), shown(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_that_differ_read_apart() {
        assert_eq!(
            figures_apart(Some(2.38), Some(2.36)),
            ("2.38".into(), "2.36".into())
        );
        assert_eq!(
            figures_apart(Some(2.36), Some(2.29)),
            ("2.36".into(), "2.29".into())
        );
        assert_eq!(
            figures_apart(None, Some(2.04)),
            ("none".into(), "2.04".into())
        );
    }

    #[test]
    fn a_currency_symbol_and_its_code_are_one() {
        assert_eq!(currency_code("€"), "EUR");
        assert_eq!(currency_code(" eur "), "EUR");
        assert_eq!(currency_code("US$"), "USD");
        assert_eq!(currency_code("CHF"), "CHF");
    }

    #[test]
    fn exact_money_keeps_cents_only_when_there_are_some() {
        assert_eq!(money_exact(1000.0, "EUR"), "EUR 1,000");
        assert_eq!(money_exact(1234567.5, "EUR"), "EUR 1,234,567.50");
        assert_eq!(money_exact(-0.05, "$"), "$ −0.05");
        assert_eq!(money_exact(2.999, "EUR"), "EUR 3");
        assert_eq!(money_exact(f64::NAN, "EUR"), "EUR —");
    }

    #[test]
    fn huge_values_keep_their_exponent() {
        assert_eq!(one_decimal(1e300), "1e300");
        assert_eq!(one_decimal(-1.7e308), "-1.7e308");
        assert_eq!(one_decimal(999_999_999_999.94), "999999999999.9");
        assert_eq!(one_decimal(-0.04), "0");
    }

    #[test]
    fn a_figure_for_a_reader_groups_its_thousands() {
        assert_eq!(grouped_number("12500"), "12,500");
        assert_eq!(grouped_number("1920"), "1,920");
        assert_eq!(grouped_number("999"), "999");
        assert_eq!(grouped_number("-1234.5"), "-1,234.5");
        assert_eq!(grouped_number("1234567.25"), "1,234,567.25");
        assert_eq!(grouped_number("0.125"), "0.125");
        // Not a plain number: as it is.
        assert_eq!(grouped_number("1e20"), "1e20");
        assert_eq!(grouped_number("none"), "none");
        assert_eq!(grouped_number(""), "");
        assert_eq!(grouped_number("12."), "12.");
    }

    #[test]
    fn one_is_singular() {
        assert_eq!(count(1, "milestone", "milestones"), "1 milestone");
        assert_eq!(count(0, "milestone", "milestones"), "0 milestones");
        assert_eq!(
            count(2, "change request", "change requests"),
            "2 change requests"
        );
        assert_eq!(days(1), "1 day");
        assert_eq!(days(-1), "-1 day");
        assert_eq!(days(30), "30 days");
    }
}

/// The code a currency is written as (`€` and `eur` are `EUR`): a symbol
/// and its code are one currency, wherever amounts are compared.
pub fn currency_code(written: &str) -> String {
    match written.trim() {
        "€" => "EUR".to_string(),
        "$" | "US$" => "USD".to_string(),
        "£" => "GBP".to_string(),
        "¥" => "JPY".to_string(),
        other => other.to_ascii_uppercase(),
    }
}

/// An amount with its currency and thousands separators, rounded to the
/// unit: `EUR 1,240,000`.
pub fn money(amount: f64, currency: &str) -> String {
    if !amount.is_finite() {
        return format!("{currency} —");
    }
    let rounded = amount.round();
    // Formatted, not cast: a cast would stop at u64::MAX.
    let grouped = grouped(&format!("{:.0}", rounded.abs()));
    let sign = if rounded < 0.0 { "−" } else { "" };
    format!("{currency} {sign}{grouped}")
}

/// An amount as [`money`] writes it, with its cents when it has any
/// (`EUR 1,000.50`): where a change of a few cents is the whole news, as
/// in `roadbook diff`, rounding to the unit would show no change.
pub fn money_exact(amount: f64, currency: &str) -> String {
    let cents = (amount * 100.0).round();
    if !cents.is_finite() || cents.abs() >= 1e15 || cents % 100.0 == 0.0 {
        return money(amount, currency);
    }
    let whole = (cents.abs() / 100.0).trunc();
    let sign = if cents < 0.0 { "−" } else { "" };
    format!(
        "{currency} {sign}{}.{:02}",
        grouped(&format!("{whole:.0}")),
        (cents.abs() - whole * 100.0) as u8
    )
}

/// A number as text, its whole part with thousands separators, for a
/// reader: `12500` is `12,500`, `-1234.5` is `-1,234.5`. Text that is not
/// a plain number (`1e20`, `none`) is left as it is. Files read by
/// programs (CSV, JSON) keep the plain figure.
pub fn grouped_number(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = rest.split_once('.').unwrap_or((rest, ""));
    let plain = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit());
    if !plain || whole.len() <= 3 {
        return text.to_string();
    }
    let dot = if rest.contains('.') { "." } else { "" };
    format!("{sign}{}{dot}{fraction}", grouped(whole))
}

/// A count with thousands separators: `4,194,305`.
pub fn thousands(n: u64) -> String {
    grouped(&n.to_string())
}

fn grouped(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A difference of amounts, its sign always before the currency:
/// `+EUR 1,000`, `−EUR 1,000`, and `EUR 0` for what rounds to nothing.
pub fn signed_money(amount: f64, currency: &str) -> String {
    let shown = money(amount.abs(), currency);
    match amount.round() {
        r if r > 0.0 => format!("+{shown}"),
        r if r < 0.0 => format!("−{shown}"),
        _ => shown,
    }
}

/// An amount in a few characters, for charts and tiles: `1.24 M`, `420 k`.
pub fn money_short(amount: f64) -> String {
    let a = amount.abs();
    let sign = if amount < 0.0 { "−" } else { "" };
    // Three significant digits, as 4.38 M, 499 k or 12.5 k: two amounts
    // side by side read alike. What rounds to 1000 k is 1 M.
    // Rounded half up from the amount itself: 4,385,000 is 4.39 M (its
    // 4.385 in binary is a hair under, and printed as 4.38).
    let digits = |amount: f64, unit: f64| {
        let n = amount / unit;
        let decimals: i32 = if n >= 99.95 {
            0
        } else if n >= 9.995 {
            1
        } else {
            2
        };
        let step = unit / 10f64.powi(decimals);
        let rounded = (amount / step).round() * step / unit;
        trim_zeros(format!("{rounded:.prec$}", prec = decimals as usize))
    };
    if a >= 999_500.0 {
        format!("{sign}{} M", digits(a, 1e6))
    } else if a >= 999.5 {
        format!("{sign}{} k", digits(a, 1e3))
    } else {
        format!("{sign}{}", a.round())
    }
}

fn trim_zeros(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod money_tests {
    use super::*;

    #[test]
    fn amounts_read_as_a_controller_writes_them() {
        assert_eq!(money(1_240_000.4, "EUR"), "EUR 1,240,000");
        assert_eq!(money(999.5, "USD"), "USD 1,000");
        assert_eq!(money(-12_345.0, "CHF"), "CHF −12,345");
        assert_eq!(money(0.0, "EUR"), "EUR 0");
        assert_eq!(money_short(1_240_000.0), "1.24 M");
        assert_eq!(money_short(420_000.0), "420 k");
        assert_eq!(money_short(42_500.0), "42.5 k");
        assert_eq!(money_short(2_000_000.0), "2 M");
        assert_eq!(money_short(950.0), "950");
        assert_eq!(money_short(999_950.0), "1 M");
        assert_eq!(money_short(999.96), "1 k");
        // Three significant digits, whatever the size.
        assert_eq!(money_short(498_750.0), "499 k");
        assert_eq!(money_short(12_345.0), "12.3 k");
        // Half up, as a controller rounds, not as binary floats print.
        assert_eq!(money_short(4_385_000.0), "4.39 M");
        assert_eq!(money_short(1_125.0), "1.13 k");
        assert_eq!(money_short(-4_385_000.0), "−4.39 M");
        assert_eq!(money_short(1_500.0), "1.5 k");
        assert_eq!(money_short(45_678_000.0), "45.7 M");
        assert_eq!(money_short(9_996.0), "10 k");
        assert_eq!(money(1e20, "EUR"), "EUR 100,000,000,000,000,000,000");
        assert_eq!(money(f64::INFINITY, "EUR"), "EUR —");
        assert_eq!(signed_money(1000.0, "EUR"), "+EUR 1,000");
        assert_eq!(signed_money(-1000.0, "EUR"), "−EUR 1,000");
        assert_eq!(signed_money(0.2, "EUR"), "EUR 0");
    }
}
