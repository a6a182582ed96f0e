//! Rules over the resolved roadmap. Each is a small pure function returning
//! diagnostics at its rule's default level; `[lints]` is applied afterwards.

mod decisions;
mod forecasting;
mod governance;
mod kpis;
mod money;
mod plan;

pub use decisions::*;
pub use forecasting::*;
use governance::*;
use kpis::*;
use money::*;
use plan::*;

use crate::analysis::{Facts, MilestoneState};
use crate::config::Config;
use crate::diag::{Diagnostic, Span};
use crate::lints;
use crate::model::{ItemRef, Kind, Meta, Roadmap};

type Rule = fn(&Roadmap, &Facts, &Config) -> Vec<Diagnostic>;

const RULES: &[Rule] = &[
    untraced_initiative,
    missing_criteria,
    end_before_start,
    milestone_outside_initiative,
    kpi_data_and_target,
    overdue_milestone,
    done_in_the_future,
    done_with_open_milestones,
    dependency_cycle,
    watermelon,
    overcommitted_team,
    dependency_conflict,
    blocked_dependency,
    stale_change,
    layer_typo,
    stale_kpi,
    figure_after_retirement,
    approval_without_decider,
    self_approved_change,
    amount_not_applied,
    outcome_horizon_missed,
    stale_risk,
    risk_without_mitigation,
    overspend,
    burn_ahead_of_progress,
    spend_in_the_future,
    spend_before_start,
    spend_row_unmatched,
    spend_not_recorded,
    books_behind,
    spend_stopped,
    figure_in_the_future,
    figure_period_not_over,
];

/// Rules that conclude from what documents of a kind do not say, with that
/// kind: while one of them cannot be read they would blame the wrong files
/// (an outcome "unserved" because the initiative serving it has a YAML
/// error), so they wait until it is fixed.
const FROM_ABSENCE: &[(Rule, Kind)] = &[
    (unserved_outcome, Kind::Initiative),
    (capability_gap, Kind::Initiative),
    (orphan_kpi, Kind::Outcome),
    (review_cadence, Kind::Review),
    (outcome_without_kpi, Kind::Kpi),
    (occurred_risk_open, Kind::Change),
];

pub fn run(r: &Roadmap, facts: &Facts, config: &Config) -> Vec<Diagnostic> {
    let complete = FROM_ABSENCE
        .iter()
        .filter(|(_, kind)| r.complete(*kind))
        .map(|(rule, _)| rule);
    RULES
        .iter()
        .chain(complete)
        .flat_map(|rule| rule(r, facts, config))
        .collect()
}

/// Links and images of bodies that lead nowhere on the site, where the link
/// is written. `pages` are the site's pages, as the renderer lays them out.
pub fn links(
    r: &Roadmap,
    config: &Config,
    pages: std::collections::BTreeSet<String>,
) -> Vec<Diagnostic> {
    use crate::analysis::links::{Resolved, Resolver};
    let resolver = Resolver::new(r, config, pages, None);
    let mut out = Vec::new();
    for m in r.all_meta() {
        let mut positions = crate::parse::markdown::Positions::new(&m.body, m.body_offset);
        for link in &m.outline.links {
            if let Resolved::Broken { message, help } = resolver.resolve(m, &link.dest, link.image)
            {
                let span = positions.span(link.offset, link.len);
                let mut d = lints::BROKEN_LINK.at(&m.path, Some(span), message);
                d.help = help;
                out.push(d);
            }
        }
    }
    out
}

/// Where a KPI's figures are written: its data file, else its `data:`.
fn kpi_figures_at(k: &crate::model::Kpi, config: &Config) -> (String, Option<Span>) {
    match &k.data_file {
        Some(file) => (data_file_path(&k.meta, file, config), None),
        None => (k.meta.path.clone(), k.data_span.or_else(|| at(&k.meta))),
    }
}

/// A data file `file` names, as the version of `meta` shows its paths: an
/// archived version's findings name its own file
/// (`roadmap/2026-Q3:content/data/k.csv`), not the working tree's, whose
/// rows differ.
pub(crate) fn data_file_path(meta: &Meta, file: &str, config: &Config) -> String {
    let prefix = meta
        .path
        .strip_suffix(&config.in_content(&meta.rel))
        .unwrap_or_default();
    format!(
        "{prefix}{}",
        config.in_content(file.trim_start_matches("./"))
    )
}

/// Where `figure`, the `index`-th of `k`'s, is written: its line in
/// `data:` or its row in the data file; else where its figures are.
fn kpi_figure_at(
    k: &crate::model::Kpi,
    index: usize,
    figure: &crate::base::date::Date,
    config: &Config,
) -> (String, Option<Span>) {
    match k.figure_at(index, figure) {
        Some(at) if !at.in_data_file => (k.meta.path.clone(), Some(at.span)),
        Some(at) => (kpi_figures_at(k, config).0, Some(at.span)),
        None => kpi_figures_at(k, config),
    }
}

fn at(meta: &Meta) -> Option<Span> {
    Some(Span::new(meta.line, 1, 1))
}

/// `overdue-milestone` and `watermelon` made again from facts the
/// history's slips are in: a milestone moved with no decision is overdue
/// from the date it stands committed to (the working tree's own check
/// counted from the date moved to, or saw nothing while that was not
/// past), as its row and the dashboard count it, and an unapproved slip
/// can make a watermelon. Takes the rules' findings out of `found` and
/// gives them again, `[lints]` levels not applied.
pub fn again_with_slips(
    r: &Roadmap,
    facts: &Facts,
    config: &Config,
    found: &mut Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    found.retain(|d| {
        d.rule != lints::OVERDUE_MILESTONE.name
            && d.rule != lints::WATERMELON.name
            && d.rule != lints::OVERSPEND.name
            && d.rule != lints::BURN_AHEAD.name
            && d.rule != lints::BLOCKED.name
            && d.rule != lints::OVERCOMMITTED_TEAM.name
            && d.rule != lints::STALE_KPI.name
    });
    let mut again = overdue_milestone(r, facts, config);
    // By the ends committed (see `Facts::with_committed_ends`).
    again.extend(overcommitted_team(r, facts, config));
    // By the figures as reported (see `KpiStatus::judged_as_reported`).
    again.extend(stale_kpi(r, facts, config));
    again.extend(blocked_dependency(r, facts, config));
    again.extend(watermelon(r, facts, config));
    // Judged by the budget last approved where a rise stands unapproved,
    // and by the dates committed.
    again.extend(overspend(r, facts, config));
    again.extend(burn_ahead_of_progress(r, facts, config));
    again
}

fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Where a dependent (initiative or milestone) is written.
/// Where a finding about a milestone's date points: its `due:`.
fn due_location(r: &Roadmap, gid: &str) -> Option<(String, Option<Span>)> {
    let m = r.milestone(gid)?;
    let path = r.initiative(m.initiative.as_str())?.meta.path.clone();
    Some((path, m.due_span.or(Some(Span::new(m.line, m.col, 1)))))
}

/// The `depends_on` entry of `from` that names `to`, else `from` itself.
fn dependency_location(r: &Roadmap, from: &str, to: &str) -> Option<(String, Option<Span>)> {
    match r.dependency_spans.get(&(from.to_string(), to.to_string())) {
        Some((path, span)) => Some((path.clone(), Some(*span))),
        None => location(r, from),
    }
}

pub(crate) fn location(r: &Roadmap, id: &str) -> Option<(String, Option<Span>)> {
    match r.milestone(id) {
        Some(m) => Some((
            r.initiative(m.initiative.as_str())?.meta.path.clone(),
            Some(Span::new(m.line, m.col, 1)),
        )),
        None => {
            let i = r.initiative(id)?;
            Some((i.meta.path.clone(), at(&i.meta)))
        }
    }
}

/// The findings of a field left out that are about one misspelt instead
/// (`outcoms:`, `critera:`): the finding points at the misspelt line, and
/// the `unknown-field` warning for it goes, as for a required field (see
/// `base::fields`). One mistake, one finding: the two stood apart, the
/// typo among the hygiene notes and "add `outcomes:`" beside an initiative
/// that had it (from a trial). Run once the levels are applied, so a rule
/// set to `allow` hides neither, and an `unknown-field` set to `deny` is
/// not folded into a warning.
pub fn one_finding_per_misspelt_field(diags: &mut Vec<Diagnostic>) {
    // Each rule, the field it finds missing.
    const ABOUT: &[(&str, &str)] = &[
        (lints::UNTRACED_INITIATIVE.code, "outcomes"),
        (lints::MISSING_CRITERIA.code, "criteria"),
    ];
    // The rule that finds the field missing, with the misspelt name.
    let misspelt = |d: &Diagnostic| -> Option<(&'static str, String)> {
        let (name, meant) = crate::base::fields::misspelling(d)?;
        let (rule, _) = ABOUT.iter().find(|(_, field)| *field == meant)?;
        Some((rule, name.to_string()))
    };
    if !diags.iter().any(|d| misspelt(d).is_some()) {
        return;
    }
    // Each file's (and milestone's) finding of each rule: an initiative's
    // `untraced-initiative` is about no milestone, as its fields are;
    // `missing-criteria` and a milestone's fields name the milestone.
    let mut about: std::collections::HashMap<(&str, Option<&str>, &str), usize> =
        std::collections::HashMap::new();
    for (k, d) in diags.iter().enumerate() {
        if ABOUT.iter().any(|(rule, _)| *rule == d.code) {
            about.insert((d.path.as_str(), d.milestone.as_deref(), d.code), k);
        }
    }
    let mut merges = Vec::new();
    for (u, typo) in diags.iter().enumerate() {
        let Some((rule, name)) = misspelt(typo) else {
            continue;
        };
        // Once: a second typo of the same field keeps its own warning.
        let Some(k) = about.remove(&(typo.path.as_str(), typo.milestone.as_deref(), rule)) else {
            continue;
        };
        // A typo set to stand higher keeps its own finding.
        let fold = typo.severity <= diags[k].severity;
        merges.push((u, k, name, fold));
    }
    let mut merged = vec![false; diags.len()];
    for (u, k, name, fold) in merges {
        let typo = diags[u].clone();
        let meant = ABOUT
            .iter()
            .find(|(rule, _)| *rule == diags[k].code)
            .map_or("", |a| a.1);
        let d = &mut diags[k];
        if fold {
            // Pointed at the misspelt line, shown under it.
            (d.span, d.source_line, d.source_from) =
                (typo.span, typo.source_line, typo.source_from);
            d.help = Some(crate::base::fields::not_a_field(&name, meant));
            merged[u] = true;
        } else if let Some(at) = typo.span {
            // Not "add `outcomes:`" beside the line that has it.
            d.help = Some(format!(
                "line {} has `{name}`: did you mean `{meant}`?",
                at.line
            ));
        }
    }
    let mut k = 0;
    diags.retain(|_| {
        k += 1;
        !merged[k - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build::build;
    use crate::source::SourceFile;
    use std::path::Path;

    const TODAY: &str = "2026-11-25";

    #[test]
    fn an_overspend_is_never_rounded_onto_its_tolerance() {
        assert_eq!(over_plan(10.4, 10.0), "+10.4%");
        assert_eq!(over_plan(10.04, 10.0), "+10.04%");
        assert_eq!(over_plan(10.6, 10.0), "+11%");
        assert_eq!(over_plan(23.2, 10.0), "+23%");
        assert_eq!(over_plan(5.4, 5.0), "+5.4%");
    }
    const OUTCOME: (&str, &str) = ("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n");

    /// The roadmap of `files` (content-relative path, text) with its facts,
    /// built as `Site` builds it; `strict` refuses reading errors.
    fn load(files: &[(&str, &str)], strict: bool) -> (Roadmap, Facts, Config) {
        let config = Config::with_defaults(Path::new("/p"), TODAY);
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(rel, text)| SourceFile::in_content(rel, text))
            .collect();
        let (r, diags) = build(&files, &config);
        if strict {
            assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        }
        let facts = crate::analysis::analyse(&r, &config);
        (r, facts, config)
    }

    /// An initiative `id` serving `o`, with `fields` (YAML lines) added.
    fn initiative(id: &str, fields: &str) -> (String, String) {
        (
            format!("initiatives/{id}.md"),
            format!("---\ntitle: {id}\nowner: B\noutcomes: [o]\n{fields}---\n"),
        )
    }

    fn with_outcome(files: &[(String, String)]) -> Vec<(&str, &str)> {
        let mut all: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        all.push(OUTCOME);
        all
    }

    /// (message, path, line, col) of each finding.
    fn found(diags: &[Diagnostic]) -> Vec<(String, String, u32, u32)> {
        diags
            .iter()
            .map(|d| {
                let s = d.span.expect("a finding about a file points into it");
                (d.message.clone(), d.path.clone(), s.line, s.col)
            })
            .collect()
    }

    fn rules(diags: &[Diagnostic]) -> Vec<&'static str> {
        diags.iter().map(|d| d.rule).collect()
    }

    #[test]
    fn end_before_start_points_at_the_end_field() {
        let files = [initiative("i", "start: 2026-Q3\nend: 2026-03\n")];
        let (r, f, c) = load(&with_outcome(&files), true);
        let got = end_before_start(&r, &f, &c);
        assert_eq!(rules(&got), vec!["end-before-start"]);
        assert_eq!(
            found(&got),
            vec![(
                "initiative `i` ends (2026-03) before it starts (2026-Q3)".to_string(),
                "content/initiatives/i.md".to_string(),
                6,
                6
            )]
        );
        // Ending in the quarter it starts in is no contradiction: `end` is
        // the period's last day, `start` its first.
        let files = [initiative("i", "start: 2026-Q3\nend: 2026-09\n")];
        let (r, f, c) = load(&with_outcome(&files), true);
        assert!(end_before_start(&r, &f, &c).is_empty());
    }

    #[test]
    fn milestone_outside_its_initiative_names_the_bound_it_crosses() {
        let files = [initiative(
            "i",
            "start: 2026-Q2\nend: 2026-Q4\nmilestones:\n  - id: early\n    title: E\n    due: 2026-03-15\n    criteria: [x]\n  - id: inside\n    title: In\n    due: 2026-Q2\n    criteria: [x]\n  - id: late\n    title: L\n    due: 2027-01-15\n    criteria: [x]\n",
        )];
        let (r, f, c) = load(&with_outcome(&files), true);
        let got = milestone_outside_initiative(&r, &f, &c);
        assert_eq!(
            found(&got),
            vec![
                (
                    "milestone `i/early` is due 2026-03-15 but its initiative starts 2026-Q2"
                        .to_string(),
                    "content/initiatives/i.md".to_string(),
                    // At the `due:` date, not the milestone's `- id:`.
                    10,
                    10
                ),
                (
                    "milestone `i/late` is due 2027-01-15 but its initiative ends 2026-Q4"
                        .to_string(),
                    "content/initiatives/i.md".to_string(),
                    18,
                    10
                ),
            ]
        );
    }

    #[test]
    fn layer_typos_are_caught_but_deliberate_layers_are_not() {
        let layer = |id: &str, layer: &str| initiative(id, &format!("layer: {layer}\n"));
        let files = [
            layer("a", "platfrom"),      // one letter swapped: platform
            layer("b", "infra"),         // an abbreviation: infrastructure
            layer("c", "data-platform"), // extends a usual layer on purpose
            layer("d", "billing"),
            layer("e", "billing"),   // used twice: meant
            layer("f", "biling"),    // alone, one letter from a layer in use
            layer("g", "mainframe"), // unusual but close to nothing
        ];
        let (r, f, c) = load(&with_outcome(&files), true);
        let got = layer_typo(&r, &f, &c);
        let said: Vec<(&str, Option<&str>)> = got
            .iter()
            .map(|d| (d.message.as_str(), d.help.as_deref()))
            .collect();
        assert_eq!(
            said,
            vec![
                (
                    "layer `platfrom` is used by `a` alone",
                    Some("did you mean `platform`?")
                ),
                (
                    "layer `infra` is used by `b` alone",
                    Some("did you mean `infrastructure`?")
                ),
                (
                    "layer `biling` is used by `f` alone",
                    Some("did you mean `billing`?")
                ),
            ]
        );
        assert!(got.iter().all(|d| d.rule == "layer-typo"));
    }

    #[test]
    fn done_in_the_future_spares_the_period_under_way() {
        // Today is 2026-11-25: `done: 2026-Q4` and `2026-11` are periods
        // that have begun; the 26th and January have not.
        let ms = |id: &str, done: &str| {
            format!("  - id: {id}\n    title: {id}\n    due: 2026-Q4\n    done: {done}\n    criteria: [x]\n")
        };
        let fields = format!(
            "milestones:\n{}{}{}{}{}",
            ms("quarter", "2026-Q4"),
            ms("month", "2026-11"),
            ms("today", "2026-11-25"),
            ms("tomorrow", "2026-11-26"),
            ms("next-year", "2027-01"),
        );
        let files = [initiative("i", &fields)];
        let (r, f, c) = load(&with_outcome(&files), true);
        let got = done_in_the_future(&r, &f, &c);
        let messages: Vec<&str> = got.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "milestone `i/tomorrow` is marked done on 2026-11-26, after today (2026-11-25): it is counted open until then",
                "milestone `i/next-year` is marked done on 2027-01, after today (2026-11-25): it is counted open until then",
            ]
        );
        // At the `done:` value, not the milestone.
        let spans: Vec<(u32, u32)> = got
            .iter()
            .map(|d| d.span.map(|s| (s.line, s.col)).unwrap())
            .collect();
        assert_eq!(spans, vec![(24, 11), (29, 11)]);
    }

    #[test]
    fn a_dependency_cycle_is_reported_once_at_the_entry_that_closes_it() {
        let a = initiative("a", "depends_on: [b]\n");
        let b = initiative("b", "start: 2026-Q1\ndepends_on: [a]\n");
        let (r, f, c) = load(&with_outcome(&[a.clone(), b]), true);
        let got = dependency_cycle(&r, &f, &c);
        assert_eq!(
            found(&got),
            vec![(
                "dependency cycle: a → b → a".to_string(),
                "content/initiatives/b.md".to_string(),
                6,
                14
            )]
        );
        assert_eq!(got[0].severity, crate::diag::Severity::Error);
        // Break it: no cycle, and no finding from the whole check either.
        let b = initiative("b", "start: 2026-Q1\n");
        let (r, f, c) = load(&with_outcome(&[a, b]), true);
        assert!(dependency_cycle(&r, &f, &c).is_empty());
        assert!(!rules(&run(&r, &f, &c)).contains(&"dependency-cycle"));
    }

    #[test]
    fn rules_about_absence_wait_while_a_document_of_their_kind_is_unreadable() {
        // Outcome `o` is served by nothing readable.
        let broken = ("initiatives/x.md", "---\ntitle: [unclosed\n---\n");
        let (r, f, c) = load(&[OUTCOME, broken], false);
        assert!(!r.complete(Kind::Initiative));
        let got = run(&r, &f, &c);
        assert!(
            !rules(&got).contains(&"unserved-outcome"),
            "the unreadable initiative may serve it: {got:?}"
        );
        // Rules that do not conclude from absent initiatives still run.
        assert!(rules(&got).contains(&"outcome-without-kpi"), "{got:?}");
        // With every initiative read, the outcome is unserved.
        let (r, f, c) = load(&[OUTCOME], true);
        let got: Vec<Diagnostic> = run(&r, &f, &c)
            .into_iter()
            .filter(|d| d.rule == "unserved-outcome")
            .collect();
        assert_eq!(
            found(&got),
            vec![(
                "no live initiative serves outcome `o`".to_string(),
                "content/outcomes/o.md".to_string(),
                2,
                1
            )]
        );
    }

    #[test]
    fn history_findings_name_each_move_nobody_approved() {
        use crate::history::{analyse, Point};
        let ms = |due: &str| {
            format!("milestones:\n  - id: m\n    title: M\n    due: {due}\n    criteria: [x]\n")
        };
        let then = [initiative("i", &ms("2026-10-01"))];
        let (q3, _, _) = load(&with_outcome(&then), true);
        let history_with = |change: Option<&str>| {
            let mut files = vec![initiative("i", &ms("2026-10-31"))];
            if let Some(decided) = change {
                files.push((
                    "changes/cr.md".to_string(),
                    format!("---\ntitle: CR\ndate: 2026-09-01\nstatus: approved\naffects: [i/m]\ndecided: {decided}\n---\n"),
                ));
            }
            let (now, _, config) = load(&with_outcome(&files), true);
            let points = [
                Point {
                    name: "q3",
                    today: jiff::civil::date(2026, 9, 30),
                    roadmap: &q3,
                },
                Point {
                    name: crate::history::CURRENT,
                    today: config.today.day,
                    roadmap: &now,
                },
            ];
            let h = analyse(&points, config.governance.slip_tolerance_days, None);
            history(&now, &h, &config)
        };
        let got = history_with(None);
        assert_eq!(rules(&got), vec!["unacknowledged-slip"]);
        assert_eq!(
            found(&got),
            vec![(
                "milestone `i/m` slipped 30 days, from 2026-10-01 to 2026-10-31; no approved change request for the move 2026-10-01 → 2026-10-31 (+30 days, after snapshot q3)".to_string(),
                "content/initiatives/i.md".to_string(),
                8,
                10
            )]
        );
        // An approval decided before the snapshot that still showed the
        // old date cannot have approved the move.
        assert_eq!(
            rules(&history_with(Some("2026-09-15"))),
            vec!["unacknowledged-slip"]
        );
        // One decided after it does.
        assert!(history_with(Some("2026-10-05")).is_empty());
    }
}
