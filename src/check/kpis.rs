//! Rules over KPIs: data and targets, figures after retirement, stale
//! figures, figures dated ahead.

use super::*;

pub(super) fn kpi_data_and_target(r: &Roadmap, facts: &Facts, _: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let live = r.kpis.iter().filter(|k| !facts.kpi_retired(&k.meta.id));
    for k in live {
        if k.data.is_empty() && !k.data_unreadable && !k.figures_incomplete {
            out.push(lints::KPI_WITHOUT_DATA.at(
                &k.meta.path,
                at(&k.meta),
                format!("KPI `{}` has no data", k.meta.id),
            ));
        }
        let no_target = k.target.is_none() && k.targets.is_empty();
        if no_target && !k.target_unreadable && k.data.iter().all(|p| p.target.is_none()) {
            out.push(lints::KPI_WITHOUT_TARGET.at(
                &k.meta.path,
                at(&k.meta),
                format!("KPI `{}` has no target", k.meta.id),
            ));
        }
    }
    out
}

pub(super) fn figure_after_retirement(r: &Roadmap, _: &Facts, _: &Config) -> Vec<Diagnostic> {
    r.kpis
        .iter()
        .filter_map(|k| {
            let retired = k.retired.as_ref()?;
            let after: Vec<&str> = k
                .data
                .iter()
                .filter(|p| p.date.day >= retired.day)
                .map(|p| p.date.written.as_str())
                .collect();
            if after.is_empty() {
                return None;
            }
            let mut d = lints::FIGURE_AFTER_RETIREMENT.at(
                &k.meta.path,
                k.retired_span.or(at(&k.meta)),
                format!(
                    "KPI `{}` is retired from {} but has {} for {}",
                    k.meta.id,
                    retired.written,
                    if after.len() == 1 { "a figure" } else { "figures" },
                    after.join(", ")
                ),
            );
            d.help = Some(
                "set `retired:` to the first period no longer measured, or take out the figures measured after it"
                    .into(),
            );
            Some(d)
        })
        .collect()
}

pub(super) fn stale_kpi(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    r.kpis
        .iter()
        // A figure that could not be read (its error is told) may be the
        // latest: "no value since" would blame the typo's month.
        .filter(|k| !k.figures_incomplete)
        .filter_map(|k| {
            let status = facts.kpis.get(&k.meta.id)?;
            let s = status.stale?;
            // The latest measured, as the status reads it: one dated ahead
            // is `figure-in-the-future`'s, and one taken out since a
            // snapshot reported it with no decision still counts.
            let last = crate::analysis::figures_by(k, config.today.day).last()?;
            let since = status
                .latest_date
                .as_deref()
                .unwrap_or(last.date.written.as_str());
            // Where the values go: after its latest figure, in its data
            // file or its `data:` (it pointed at the title, then at the
            // first figure, years back in a long series: from trials).
            let index = k.data.iter().rposition(|p| {
                (p.date.day, p.date.precision) == (last.date.day, last.date.precision)
            });
            let (path, span) = match index {
                Some(n) => super::kpi_figure_at(k, n, &last.date, config),
                None => super::kpi_figures_at(k, config),
            };
            let mut d = lints::STALE_KPI.at(
                &path,
                span,
                format!(
                    "KPI `{}` has no value since {} ({} {}), though it was measured about every {}",
                    k.meta.id,
                    since,
                    crate::words::days(s.days),
                    if last.date.precision == crate::base::date::Precision::Day {
                        "ago"
                    } else {
                        "since that period ended"
                    },
                    crate::words::days(s.every)
                ),
            );
            d.help = Some("add the values measured since, in `data:` or its `data_file`".into());
            Some(d)
        })
        .collect()
}

pub(super) fn figure_in_the_future(r: &Roadmap, _: &Facts, config: &Config) -> Vec<Diagnostic> {
    let today = config.today.day;
    r.kpis
        .iter()
        .filter_map(|k| {
            let by = crate::analysis::figures_by(k, today).len();
            let ahead = &k.data[by..];
            let first = ahead.first()?;
            let (path, span) = kpi_figure_at(k, by, &first.date, config);
            let mut d = lints::FIGURE_IN_THE_FUTURE.at(
                &path,
                span,
                format!(
                    "KPI `{}` has {} for a period after today ({}): its latest value leaves {} out",
                    k.meta.id,
                    crate::words::count(ahead.len(), "figure", "figures"),
                    config.today.written,
                    if ahead.len() == 1 { "it" } else { "them" }
                ),
            );
            d.help = Some(format!(
                "the first is {} ({}): write the period it was measured in (check the year)",
                first.date.written,
                crate::words::exact(first.value)
            ));
            Some(d)
        })
        .collect()
}

/// A KPI's latest figure dated by a month or a quarter not over by today:
/// part of a period read as its result (from a trial: `[2026-11, 12]`
/// written on 2026-11-03 was the dashboard's figure, off target against a
/// month's 50).
pub(super) fn figure_period_not_over(
    r: &Roadmap,
    facts: &Facts,
    config: &Config,
) -> Vec<Diagnostic> {
    use crate::base::date::Precision;
    let today = config.today.day;
    r.kpis
        .iter()
        // Retired part-way through its last period, it has no more to
        // come: that figure stays its last.
        .filter(|k| !facts.kpi_retired(&k.meta.id))
        .filter_map(|k| {
            let by = crate::analysis::figures_by(k, today);
            let (index, last) = (by.len().checked_sub(1)?, by.last()?);
            // A figure of one day of a KPI counted per month (or quarter)
            // is part of the period it falls in: `[2026-11-24, 2]` of
            // "incidents / month" read "2, on target" after 24 days of
            // the month (from a trial). Of a level (servers still
            // running, a headcount) a day's figure is that day's.
            let fiscal = config.roadmap.fiscal_year_start;
            let (period, ends) = match (last.date.precision, per_period(k.unit.as_deref())) {
                (Precision::Day, Some(Precision::Month)) => {
                    let day = last.date.day;
                    (
                        format!("{} ({:04}-{:02})", last.date.written, day.year(), day.month()),
                        day.first_of_month().last_of_month(),
                    )
                }
                (Precision::Day, Some(_)) => {
                    let q = crate::base::date::Quarter::of(last.date.day, fiscal);
                    (format!("{} ({q})", last.date.written), q.bounds(fiscal)?.1)
                }
                (Precision::Day, None) => return None,
                _ => (
                    last.date.written.to_string(),
                    crate::base::date::period_end(&last.date).yesterday().ok()?,
                ),
            };
            if ends <= today {
                return None;
            }
            let (path, span) = kpi_figure_at(k, index, &last.date, config);
            let mut d = lints::FIGURE_PERIOD_NOT_OVER.at(
                &path,
                span,
                format!(
                    "KPI `{}`'s latest figure, {} for {period}, is for a period not over until {}: every page reads it as the period's result",
                    k.meta.id,
                    crate::words::exact(last.value),
                    crate::base::date::iso(ends)
                ),
            );
            d.help = Some(if last.date.precision == Precision::Day {
                format!(
                    "its unit, `{}`, counts by the {}: a count part-way through one reads as its result; add the figure once the period is over, dated by it, and keep readings part-way out of `data:` (the KPI's text can give them)",
                    k.unit.as_deref().unwrap_or_default(),
                    if per_period(k.unit.as_deref()) == Some(Precision::Month) { "month" } else { "quarter" }
                )
            } else {
                format!(
                    "add the figure for {} once the period is over (until then a snapshot keeps it as a flash figure, free to change); a figure of one day rather than of the period is dated by that day (`YYYY-MM-DD`), and stays on record as that day's",
                    last.date.written
                )
            });
            Some(d)
        })
        .collect()
}

/// The period a KPI's unit counts by (`incidents / month`, `per quarter`,
/// `monthly`): its figures are each a whole period's.
fn per_period(unit: Option<&str>) -> Option<crate::base::date::Precision> {
    use crate::base::date::Precision;
    let unit = unit?.to_lowercase();
    let compact: String = unit.split_whitespace().collect::<Vec<_>>().join(" ");
    let says = |word: &str| {
        ["/ ", "/", "per ", "a ", "each "]
            .iter()
            .any(|before| compact.contains(&format!("{before}{word}")))
    };
    if says("month") || (says("mo") && compact.ends_with("mo")) || compact.contains("monthly") {
        Some(Precision::Month)
    } else if says("quarter") || says("qtr") || compact.contains("quarterly") {
        Some(Precision::Quarter)
    } else {
        None
    }
}
