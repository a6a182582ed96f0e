//! Numbers and counts in prose: "1 milestone", "2 milestones", "2.5".

/// `n` with its noun, singular for exactly one.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A number of days, as `1 day` or `-3 days`.
pub fn days(n: i64) -> String {
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
pub fn one_decimal(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
