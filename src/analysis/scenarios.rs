//! Analysis on small roadmaps whose numbers are worked out by hand.

use super::schedule::Health;
use super::*;
use crate::base::sym::Sym;
use crate::config::{Config, Environment};
use crate::model::build::build;
use crate::source::SourceFile;
use std::path::Path;

fn roadmap(book: &str, files: &[(&str, &str)]) -> (Roadmap, Facts) {
    let config = Config::parse(Path::new("/p"), book, &Environment::default()).unwrap();
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(rel, text)| SourceFile::in_content(rel, text))
        .collect();
    let (r, diags) = build(&files, &config);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let facts = analyse(&r, &config);
    (r, facts)
}

const BOOK: &str = "[roadmap]\ntoday = \"2026-11-25\"\n";
const OUTCOME: (&str, &str) = ("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n");

fn init(id: &str, body: &str) -> (String, String) {
    (
        format!("initiatives/{id}.md"),
        format!("---\ntitle: {id}\nowner: B\noutcomes: [o]\n{body}---\n"),
    )
}

fn owned(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

#[test]
fn a_team_at_110_percent_is_overcommitted() {
    // Capacity 100, ops load 0.3 (30 days), 80 days committed in one quarter:
    // (30 + 80) / 100 = 110 %.
    let files = [
        (
            "teams/t.md".to_string(),
            "---\ntitle: T\ncapacity: 100\nops_load: 0.3\n---\n".to_string(),
        ),
        init(
            "i",
            "status: active\nteam: t\neffort: 80\nstart: 2026-10-01\nend: 2026-12-31\n",
        ),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (_, f) = roadmap(BOOK, &all);
    let q = &f.capacity[0].quarters[0];
    assert_eq!(q.quarter, "2026-Q4");
    assert_eq!((q.capacity, q.ops_days, q.committed), (100.0, 30.0, 80.0));
    assert!((q.remaining + 10.0).abs() < 1e-9);
    assert!((q.utilisation.unwrap() - 1.1).abs() < 1e-9);
    assert!(q.overcommitted());
}

#[test]
fn effort_spreads_evenly_over_quarters_and_only_for_committed_work() {
    let files = [
        ("teams/t.md".to_string(), "---\ntitle: T\ncapacity: { 2026-Q1: 200, 2026-Q3: 100 }\n---\n".to_string()),
        init("a", "status: active\nteam: t\neffort: 120\nstart: 2026-Q1\nend: 2026-Q3\n"),
        init("b", "status: proposed\nteam: t\neffort: 500\nstart: 2026-Q1\nend: 2026-Q3\n"),
        (
            "initiatives/c.md".to_string(),
            "---\ntitle: c\nowner: B\nstatus: planned\nteam: t\neffort: 500\nstart: 2026-Q1\nend: 2026-Q3\n---\n".to_string(),
        ),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (_, f) = roadmap(BOOK, &all);
    let qs = &f.capacity[0].quarters;
    let got: Vec<(&str, f64, f64)> = qs
        .iter()
        .map(|q| (q.quarter.as_str(), q.capacity, q.committed))
        .collect();
    // Proposed work and backlog (c has no outcome) hold no capacity; the
    // capacity map's Q1 value holds through Q2. `a` was to end in Q3 and
    // is still active in Q4 (today): it keeps its 40 a quarter, marked.
    assert_eq!(
        got,
        vec![
            ("2026-Q1", 200.0, 40.0),
            ("2026-Q2", 200.0, 40.0),
            ("2026-Q3", 100.0, 40.0),
            ("2026-Q4", 100.0, 40.0)
        ]
    );
    let past: Vec<Vec<&str>> = qs
        .iter()
        .map(|q| q.past_end.iter().map(|s| s.as_str()).collect())
        .collect();
    assert_eq!(past, [vec![], vec![], vec![], vec!["a"]]);
}

/// Work under way that serves no outcome yet takes people all the same,
/// and work done keeps the load it had in the quarters it ran: left out,
/// a team read 83 % where it was at 109 %, and a past quarter's 71 % read
/// 64 % once the work in it was done.
#[test]
fn active_backlog_work_and_done_work_take_their_quarters() {
    let files = [
        ("teams/t.md".to_string(), "---\ntitle: T\ncapacity: 300\n---\n".to_string()),
        (
            "initiatives/under-way.md".to_string(),
            "---\ntitle: u\nowner: B\nstatus: active\nteam: t\neffort: 90\nstart: 2026-Q1\nend: 2026-Q3\nmilestones:\n  - { id: m, title: M, due: 2026-09-30, criteria: [x], done: 2026-09-20 }\n---\n".to_string(),
        ),
        // Done in Q2, three quarters early: Q1 and Q2 keep their share.
        init("done", "status: done\nteam: t\neffort: 600\nstart: 2026-Q1\nend: 2026-Q4\nmilestones:\n  - { id: m, title: M, due: 2026-12-31, criteria: [x], done: 2026-05-15 }\n"),
        init("gone", "status: cancelled\nteam: t\neffort: 600\nstart: 2026-Q1\nend: 2026-Q4\n"),
        // Planned over Q1 and Q2, done in Q3: the quarter it overran keeps
        // its share too, up to the day it was done (82 of Q3's 92 days).
        init("late", "status: done\nteam: t\neffort: 60\nstart: 2026-Q1\nend: 2026-Q2\nmilestones:\n  - { id: m, title: M, due: 2026-06-30, criteria: [x], done: 2026-09-20 }\n"),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (_, f) = roadmap(BOOK, &all);
    let got: Vec<(&str, f64)> = f.capacity[0]
        .quarters
        .iter()
        .map(|q| (q.quarter.as_str(), q.committed))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2026-Q1", 30.0 + 150.0 + 30.0),
            ("2026-Q2", 30.0 + 150.0 + 30.0),
            ("2026-Q3", 30.0 + 30.0 * (82.0 / 92.0))
        ]
    );
}

/// Work still open after its end keeps its share each quarter up to today's
/// (an open milestone); work whose milestones are all done does not, even
/// if its status was not set to done.
#[test]
fn open_work_past_its_end_keeps_its_share_up_to_this_quarter() {
    let files = [
        ("teams/t.md".to_string(), "---\ntitle: T\ncapacity: 100\n---\n".to_string()),
        init("open", "status: active\nteam: t\neffort: 60\nstart: 2026-Q1\nend: 2026-Q2\nmilestones:\n  - { id: m, title: M, due: 2026-06-30, criteria: [x] }\n"),
        init("delivered", "status: active\nteam: t\neffort: 60\nstart: 2026-Q1\nend: 2026-Q2\nmilestones:\n  - { id: m, title: M, due: 2026-06-30, done: 2026-06-20, criteria: [x] }\n"),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (_, f) = roadmap(BOOK, &all);
    let got: Vec<(&str, f64, Vec<&str>)> = f.capacity[0]
        .quarters
        .iter()
        .map(|q| {
            let past = q.past_end.iter().map(|s| s.as_str()).collect();
            (q.quarter.as_str(), q.committed, past)
        })
        .collect();
    let open = || vec!["open"];
    assert_eq!(
        got,
        vec![
            ("2026-Q1", 60.0, vec![]),
            ("2026-Q2", 60.0, vec![]),
            ("2026-Q3", 30.0, open()),
            ("2026-Q4", 30.0, open()),
        ]
    );
}

/// Planned work past its end never started: it takes nothing after it.
/// Active work long past its end counts over the last year at most.
#[test]
fn overrun_is_active_work_and_a_year_at_most() {
    let files = [
        (
            "teams/t.md".to_string(),
            "---\ntitle: T\ncapacity: 100\n---\n".to_string(),
        ),
        init(
            "never",
            "status: planned\nteam: t\neffort: 40\nstart: 2024-Q1\nend: 2024-Q2\n",
        ),
        init(
            "stale",
            "status: active\nteam: t\neffort: 40\nstart: 2023-Q1\nend: 2023-Q2\n",
        ),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (_, f) = roadmap(BOOK, &all);
    let overrun: Vec<(&str, &[Sym])> = f.capacity[0]
        .quarters
        .iter()
        .filter(|q| !q.past_end.is_empty())
        .map(|q| (q.quarter.as_str(), q.past_end.as_slice()))
        .collect();
    let stale = [Sym::from("stale")];
    assert_eq!(
        overrun,
        [
            ("2026-Q1", &stale[..]),
            ("2026-Q2", &stale[..]),
            ("2026-Q3", &stale[..]),
            ("2026-Q4", &stale[..]),
        ]
    );
    let q = |name: &str| {
        f.capacity[0]
            .quarters
            .iter()
            .find(|q| q.quarter == name)
            .unwrap()
    };
    assert_eq!(q("2024-Q3").committed, 0.0, "nothing after the planned end");
    assert_eq!(
        q("2025-Q2").committed,
        0.0,
        "stale work counts for a year at most"
    );
}

#[test]
fn computed_health_rules() {
    let files = [
        init(
            "red-late",
            "milestones:\n  - { id: m, title: M, due: 2026-10-01, criteria: [x] }\n",
        ),
        init(
            "amber-late",
            "milestones:\n  - { id: m, title: M, due: 2026-11-10, criteria: [x] }\n",
        ),
        init(
            "gate",
            "milestones:\n  - { id: g, title: G, due: 2026-12-05, gate: true }\n",
        ),
        init(
            "on-track",
            "health: green\nmilestones:\n  - { id: m, title: M, due: 2027-01-31, criteria: [x] }\n",
        ),
        init("blocked", "depends_on: [amber-late/m]\n"),
        init("blocked-whole", "depends_on: [amber-late]\n"),
        init("behind-red", "health: green\ndepends_on: [red-late]\n"),
        init("behind-cancelled", "depends_on: [gone]\n"),
        init("gone", "status: cancelled\n"),
        init("two-steps", "depends_on: [behind-red]\n"),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (r, f) = roadmap(BOOK, &all);
    let h = |id: &str| f.health[id].health;
    assert_eq!(h("red-late"), Health::Red, "55 days overdue");
    assert_eq!(h("amber-late"), Health::Amber, "15 days overdue");
    assert_eq!(
        h("gate"),
        Health::Amber,
        "gate due in 10 days without criteria"
    );
    assert_eq!(h("on-track"), Health::Green);
    assert_eq!(
        h("blocked"),
        Health::Amber,
        "depends on an overdue milestone"
    );
    assert_eq!(
        h("blocked-whole"),
        Health::Amber,
        "depends on an initiative with an overdue milestone"
    );
    assert!(f.health["blocked-whole"].reasons[0].contains("which has 1 overdue milestone"));
    assert_eq!(h("behind-red"), Health::Red);
    assert_eq!(h("behind-cancelled"), Health::Red);
    assert_eq!(
        h("two-steps"),
        Health::Green,
        "red does not cascade beyond one step"
    );
    assert!(
        !f.health.contains_key("gone"),
        "cancelled work has no computed health"
    );
    let melons: Vec<&str> = f.watermelons(&r).map(|i| i.meta.id.as_str()).collect();
    assert_eq!(melons, vec!["behind-red"]);
    assert!(f.health["red-late"].reasons[0].contains("55 days overdue"));
}

/// A move with no decision changes the plan, not the commitment: once the
/// date committed is more than 30 days past, the initiative is red (as it
/// would be had the date stayed), and that red spreads one step.
#[test]
fn an_unapproved_move_does_not_make_a_late_item_look_better() {
    use super::schedule::UnapprovedSlip;
    let files = [
        // Committed for 2026-09-30, moved to 2026-12-31 with no decision:
        // 56 days past the commitment on 2026-11-25, not overdue by the
        // new date.
        init(
            "moved-long-ago",
            "health: green\nmilestones:\n  - { id: m, title: M, due: 2026-12-31, criteria: [x] }\n",
        ),
        // Committed for 2026-11-10: 15 days past it.
        init(
            "moved-lately",
            "milestones:\n  - { id: m, title: M, due: 2026-12-31, criteria: [x] }\n",
        ),
        init("behind", "health: green\ndepends_on: [moved-long-ago/m]\n"),
        init("two-steps", "depends_on: [behind]\n"),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (r, f) = roadmap(BOOK, &all);
    let h = |f: &Facts, id: &str| f.health[id].health;
    assert_eq!(h(&f, "moved-long-ago"), Health::Green, "by the plan alone");
    let slip = |gid: &str, committed| UnapprovedSlip {
        gid: gid.into(),
        days: 92,
        unapproved_days: 92,
        committed,
    };
    let unapproved = [
        slip("moved-long-ago/m", jiff::civil::date(2026, 9, 30)),
        slip("moved-lately/m", jiff::civil::date(2026, 11, 10)),
    ];
    let today = jiff::civil::date(2026, 11, 25);
    let with = f.with_unapproved_slips(
        &r,
        &unapproved,
        &BTreeMap::new(),
        &Default::default(),
        &Default::default(),
        today,
        1,
    );
    let mut f = f;
    f.apply_slips(with);
    assert_eq!(h(&f, "moved-long-ago"), Health::Red);
    assert_eq!(
        f.health["moved-long-ago"].reasons,
        ["milestone “M” is 56 days past the date committed (2026-09-30): its move to 2026-12-31 has no approved change request as of 2026-11-25"]
    );
    assert_eq!(h(&f, "moved-lately"), Health::Amber);
    assert_eq!(
        f.health["moved-lately"].reasons,
        ["milestone “M” slipped 92 days with no approved change request"]
    );
    assert_eq!(h(&f, "behind"), Health::Red, "one step along");
    assert_eq!(h(&f, "two-steps"), Health::Green, "and no further");
    let melons: Vec<&str> = f.watermelons(&r).map(|i| i.meta.id.as_str()).collect();
    assert_eq!(melons, vec!["behind", "moved-long-ago"]);
}

#[test]
fn dates_come_from_milestones_when_missing() {
    let files = [init(
        "i",
        "milestones:\n  - { id: a, title: A, due: 2026-03, done: 2026-04-10, criteria: [x] }\n  - { id: b, title: B, due: 2026-Q4, criteria: [x] }\n  - { id: c, title: C, due: 2026-06-15, criteria: [x] }\n",
    )];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (_, f) = roadmap(BOOK, &all);
    let d = &f.dates["i"];
    assert_eq!(d.start, Some(jiff::civil::date(2026, 3, 31)));
    assert_eq!(d.end, Some(jiff::civil::date(2026, 12, 31)));
    assert!(d.start_derived && d.end_derived);
    let p = f.progress["i"];
    assert_eq!((p.total, p.done, p.late, p.overdue), (3, 1, 2, 1));
}

#[test]
fn dependency_conflicts_blocks_and_the_critical_path() {
    let files = [
        init("net", "layer: infrastructure\nstart: 2026-01\nend: 2026-09\nmilestones:\n  - { id: core, title: Core, due: 2026-06-30, criteria: [x] }\n"),
        init("app", "layer: application\nstart: 2026-07\nend: 2027-03\ndepends_on: [net]\n"),
        init("rollout", "layer: application\nstart: 2027-01\nend: 2027-12\ndepends_on: [app]\n"),
        init("side", "layer: data\nstart: 2026-01\nend: 2026-05\n"),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (_, f) = roadmap(BOOK, &all);
    let links = &f.dependencies.links;
    let app_net = links.iter().find(|l| l.from == "app").unwrap();
    // net ends 2026-09-30, app starts 2026-07-01: 91 days of conflict; net's
    // milestone is overdue, so app is blocked.
    assert_eq!(app_net.conflict_days, Some(91));
    assert!(app_net
        .blocked
        .as_deref()
        .unwrap()
        .contains("net has 1 overdue milestone"));
    let rollout = links.iter().find(|l| l.from == "rollout").unwrap();
    assert_eq!(
        rollout.conflict_days,
        Some(89),
        "app ends 2027-03-31, rollout starts 2027-01-01"
    );
    assert_eq!(f.dependencies.critical_path, vec!["net", "app", "rollout"]);
}

#[test]
fn governance_cadence_and_stale_changes() {
    let files = [
        init("i", ""),
        (
            "reviews/s-review.md".to_string(),
            "---\ndate: 2026-09-01\ntype: strategic\n---\n".to_string(),
        ),
        (
            "reviews/o-review.md".to_string(),
            "---\ndate: 2026-10-01\ntype: operational\n---\n".to_string(),
        ),
        (
            "changes/old.md".to_string(),
            "---\ntitle: Old\ndate: 2026-10-01\nstatus: proposed\naffects: [i]\n---\n".to_string(),
        ),
        (
            "changes/new.md".to_string(),
            "---\ntitle: New\ndate: 2026-11-20\nstatus: proposed\naffects: [i]\n---\n".to_string(),
        ),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (_, f) = roadmap(BOOK, &all);
    let c = &f.governance.cadence;
    assert_eq!(
        (c[0].kind, c[0].days_since, c[0].lapsed),
        ("strategic", Some(85), false)
    );
    assert_eq!(
        (c[1].kind, c[1].days_since, c[1].lapsed),
        ("operational", Some(55), true)
    );
    assert_eq!(f.governance.stale_changes, vec![("old".to_string(), 55)]);
}

#[test]
fn delivery_metrics() {
    let files = [
        ("teams/t.md".to_string(), "---\ntitle: T\ncapacity: 100\nops_load: 0.5\n---\n".to_string()),
        init(
            "a",
            "status: done\nstart: 2026-01-01\nteam: t\nmilestones:\n  - { id: m1, title: M1, due: 2026-02-28, done: 2026-02-20, criteria: [x] }\n  - { id: m2, title: M2, due: 2026-03-31, done: 2026-04-10, criteria: [x] }\n",
        ),
        init(
            "b",
            "status: active\nteam: t\neffort: 60\nstart: 2026-Q4\nend: 2027-Q1\nmilestones:\n  - { id: m1, title: M1, due: 2026-10-31, criteria: [x] }\n  - { id: m2, title: M2, due: 2026-11-15, done: 2026-11-24, criteria: [x] }\n",
        ),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (_, f) = roadmap(BOOK, &all);
    let m = &f.metrics;
    let q: Vec<(&str, usize, usize, usize, usize)> = m
        .per_quarter
        .iter()
        .map(|q| (q.quarter.as_str(), q.due, q.on_time, q.late, q.overdue))
        .collect();
    assert_eq!(q, vec![("2026-Q1", 2, 1, 1, 0), ("2026-Q4", 2, 0, 1, 1)]);
    assert_eq!(m.per_quarter[0].on_time_rate, Some(0.5));
    // Lateness over the late ones only: the on-time milestone does not
    // halve the 10 days.
    let late =
        |l: Option<super::metrics::Lateness>| l.map(|l| (l.count, l.median_days, l.max_days));
    assert_eq!(late(m.per_quarter[0].lateness), Some((1, 10.0, 10)));
    assert_eq!(m.on_time_rate, Some(0.25));
    assert_eq!(late(m.lateness), Some((2, 9.5, 10)));
    assert_eq!(
        m.cycle_times,
        vec![("a".to_string(), 99)],
        "2026-01-01 to 2026-04-10"
    );
    // b: 60 days over two quarters; ops 50 of 100 each quarter.
    let u: Vec<(&str, f64)> = m
        .utilisation
        .iter()
        .map(|u| (u.quarter.as_str(), u.rate.unwrap()))
        .collect();
    assert_eq!(u, vec![("2026-Q4", 0.8), ("2027-Q1", 0.8)]);
}

#[test]
fn the_outcome_matrix_marks_each_link_and_flags_what_nothing_serves() {
    use super::matrices::{outcome_matrix, Grouping, NO_LIVE_WORK, SERVES_NOTHING};
    let files = [
        (
            "outcomes/grow.md".to_string(),
            "---\ntitle: Grow\nowner: A\ncategory: revenue\n---\n".to_string(),
        ),
        (
            "outcomes/keep.md".to_string(),
            "---\ntitle: Keep\nowner: A\ncategory: revenue\n---\n".to_string(),
        ),
        (
            "outcomes/comply.md".to_string(),
            "---\ntitle: Comply\nowner: A\ncategory: risk\n---\n".to_string(),
        ),
        (
            "teams/web.md".to_string(),
            "---\ntitle: Web\ncapacity: 100\n---\n".to_string(),
        ),
        (
            "teams/ops.md".to_string(),
            "---\ntitle: Ops\ncapacity: 100\n---\n".to_string(),
        ),
        (
            "initiatives/shop.md".to_string(),
            "---\ntitle: Shop\nowner: B\nstatus: active\nlayer: application\nteams: [web, ops]\noutcomes: [grow, keep]\nmilestones:\n  - { id: a, title: A, due: 2026-03-31, done: 2026-04-20, criteria: [x] }\n  - { id: b, title: B, due: 2026-10-31, criteria: [x] }\n  - { id: c, title: C, due: 2027-06-30, criteria: [x] }\n---\n".to_string(),
        ),
        (
            "initiatives/crm.md".to_string(),
            "---\ntitle: CRM\nowner: B\nstatus: planned\nlayer: application\nteam: web\noutcomes: [keep]\n---\n".to_string(),
        ),
        (
            "initiatives/audit.md".to_string(),
            "---\ntitle: Audit\nowner: B\nstatus: done\nlayer: data\noutcomes: [comply]\n---\n".to_string(),
        ),
        (
            "initiatives/dropped.md".to_string(),
            "---\ntitle: Dropped\nowner: B\nstatus: cancelled\noutcomes: [comply]\n---\n".to_string(),
        ),
        (
            "initiatives/idea.md".to_string(),
            "---\ntitle: Idea\nowner: B\nstatus: proposed\noutcomes: []\n---\n".to_string(),
        ),
    ];
    let (r, f) = roadmap(BOOK, &owned(&files));
    let m = outcome_matrix(&r, &f.traceability, &f.progress, Grouping::Layer);
    // Columns by category, then outcome id; totals per outcome: live
    // initiatives, milestones done, milestones late.
    let cols: Vec<(&str, &str, &[usize], Option<&str>)> = m
        .columns
        .iter()
        .map(|c| (c.group.as_str(), c.id.as_str(), c.totals.as_slice(), c.flag))
        .collect();
    assert_eq!(
        cols,
        [
            ("revenue", "grow", &[1, 1, 2][..], None),
            ("revenue", "keep", &[2, 1, 2][..], None),
            // Only done work serves it (the cancelled one is left out).
            ("risk", "comply", &[0, 0, 0][..], Some(NO_LIVE_WORK)),
        ]
    );
    // Rows by layer; each marks the columns of the outcomes it serves.
    let rows: Vec<(&str, &str, Vec<usize>)> = m
        .groups
        .iter()
        .flat_map(|g| {
            g.rows
                .iter()
                .map(move |row| (g.name.as_str(), row.id.as_str(), row.cells.clone()))
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("application", "crm", vec![1]),
            ("application", "shop", vec![0, 1]),
            ("data", "audit", vec![2]),
            // The backlog is its own group, flagged, linked to nothing.
            ("backlog", "idea", vec![]),
        ]
    );
    assert_eq!(m.groups.last().unwrap().flag, Some(SERVES_NOTHING));
    assert!(m.groups.iter().rev().skip(1).all(|g| g.flag.is_none()));
    // By team, work of two teams is a row under each; work of none is
    // grouped as such.
    let m = outcome_matrix(&r, &f.traceability, &f.progress, Grouping::Team);
    let by_team: Vec<(&str, Vec<&str>)> = m
        .groups
        .iter()
        .map(|g| {
            (
                g.name.as_str(),
                g.rows.iter().map(|row| row.id.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        by_team,
        [
            ("no team", vec!["audit"]),
            ("ops", vec!["shop"]),
            ("web", vec!["crm", "shop"]),
            ("backlog", vec!["idea"]),
        ]
    );
}

#[test]
fn the_capability_and_kpi_grids_flag_gaps_nothing_raises_and_unmeasured_outcomes() {
    use super::matrices::{capability_matrix, kpi_matrix, GAP_UNRAISED, MEASURES_NOTHING, NO_KPI};
    let files = [
        ("outcomes/grow.md", "---\ntitle: Grow\nowner: A\ncategory: revenue\nkpis: [sales]\n---\n"),
        ("outcomes/keep.md", "---\ntitle: Keep\nowner: A\ncategory: revenue\n---\n"),
        ("outcomes/comply.md", "---\ntitle: Comply\nowner: A\ncategory: risk\n---\n"),
        ("kpis/sales.md", "---\ntitle: Sales\ntype: business\n---\n"),
        ("kpis/churn.md", "---\ntitle: Churn\ntype: business\noutcomes: [keep, grow]\n---\n"),
        ("kpis/lead.md", "---\ntitle: Lead time\ntype: delivery\n---\n"),
        ("capabilities/api.md", "---\ntitle: API\ncurrent: 1\ntarget: 3\narea: platform\n---\n"),
        ("capabilities/bi.md", "---\ntitle: BI\ncurrent: 2\ntarget: 4\narea: data\n---\n"),
        ("capabilities/etl.md", "---\ntitle: ETL\ncurrent: 3\ntarget: 3\narea: data\n---\n"),
        ("initiatives/shop.md", "---\ntitle: Shop\nowner: B\nstatus: active\nlayer: application\noutcomes: [grow]\ncapabilities: [api]\n---\n"),
        ("initiatives/lake.md", "---\ntitle: Lake\nowner: B\nstatus: planned\nlayer: data\noutcomes: [keep]\ncapabilities: [api, etl]\n---\n"),
        ("initiatives/dropped.md", "---\ntitle: Dropped\nowner: B\nstatus: cancelled\noutcomes: [comply]\ncapabilities: [bi]\n---\n"),
    ];
    let (r, f) = roadmap(BOOK, &files);
    let c = capability_matrix(&r);
    // Columns by area then id; the cancelled initiative raises nothing.
    let cols: Vec<(&str, &str, usize, Option<&str>)> = c
        .columns
        .iter()
        .map(|c| (c.group.as_str(), c.id.as_str(), c.totals[0], c.flag))
        .collect();
    assert_eq!(
        cols,
        [
            ("data", "bi", 0, Some(GAP_UNRAISED)),
            // No gap: nothing raising it is no finding.
            ("data", "etl", 1, None),
            ("platform", "api", 2, None),
        ]
    );
    let rows: Vec<(&str, &str, Vec<usize>)> = c
        .groups
        .iter()
        .flat_map(|g| {
            g.rows
                .iter()
                .map(move |row| (g.name.as_str(), row.id.as_str(), row.cells.clone()))
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("application", "shop", vec![2]),
            ("data", "lake", vec![1, 2])
        ]
    );

    let k = kpi_matrix(&r, &f.traceability);
    let cols: Vec<(&str, usize, Option<&str>)> = k
        .columns
        .iter()
        .map(|c| (c.id.as_str(), c.totals[0], c.flag))
        .collect();
    // A link said on either side counts once.
    assert_eq!(
        cols,
        [
            ("grow", 2, None),
            ("keep", 1, None),
            ("comply", 0, Some(NO_KPI))
        ]
    );
    let rows: Vec<(&str, &str, Vec<usize>, Option<&str>)> = k
        .groups
        .iter()
        .flat_map(|g| {
            g.rows
                .iter()
                .map(move |row| (g.name.as_str(), row.id.as_str(), row.cells.clone(), g.flag))
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("business", "churn", vec![0, 1], None),
            ("business", "sales", vec![0], None),
            ("tied to no outcome", "lead", vec![], Some(MEASURES_NOTHING)),
        ]
    );
    // Split by column group, each part keeps the rows linked into it.
    // (column group, its columns, its rows with their cells)
    type Part = (String, Vec<String>, Vec<(String, Vec<usize>)>);
    let parts: Vec<Part> = k
        .parts(100, 100, 100)
        .into_iter()
        .map(|part| {
            let g = part.grid;
            (
                part.group,
                g.columns.iter().map(|c| c.id.clone()).collect(),
                g.groups
                    .iter()
                    .flat_map(|g| g.rows.iter().map(|r| (r.id.clone(), r.cells.clone())))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            (
                "revenue".to_string(),
                vec!["grow".to_string(), "keep".to_string()],
                vec![
                    ("churn".to_string(), vec![0, 1]),
                    ("sales".to_string(), vec![0])
                ]
            ),
            ("risk".to_string(), vec!["comply".to_string()], vec![]),
        ]
    );
    // Past the page bound a column group is cut again into runs of rows,
    // each named with its row group.
    // (column group, page, pages, its (row group, row id))
    type Page = (String, usize, usize, Vec<(String, String)>);
    let pages: Vec<Page> = k
        .parts(2, 100, 100)
        .into_iter()
        .map(|p| {
            let rows = p
                .grid
                .groups
                .iter()
                .flat_map(|g| g.rows.iter().map(|r| (g.name.clone(), r.id.clone())))
                .collect();
            (p.group, p.page, p.pages, rows)
        })
        .collect();
    let row = |id: &str| vec![("business".to_string(), id.to_string())];
    assert_eq!(
        pages,
        [
            ("revenue".to_string(), 1, 2, row("churn")),
            ("revenue".to_string(), 2, 2, row("sales")),
            ("risk".to_string(), 1, 1, vec![]),
        ]
    );
    // A row bound holds too, however few the columns.
    let runs: Vec<(String, usize)> = k
        .parts(100, 1, 100)
        .into_iter()
        .map(|p| (p.group, p.page))
        .collect();
    assert_eq!(
        runs,
        [
            ("revenue".to_string(), 1),
            ("revenue".to_string(), 2),
            ("risk".to_string(), 1)
        ]
    );
}

#[test]
fn the_full_trace_has_a_row_per_criterion_under_each_outcome_served() {
    use super::matrices::criteria_trace;
    let files = [
        ("outcomes/grow.md", "---\ntitle: Grow\nowner: A\ncategory: revenue\n---\n"),
        ("outcomes/keep.md", "---\ntitle: Keep\nowner: A\ncategory: retention\n---\n"),
        ("initiatives/shop.md", "---\ntitle: Shop\nowner: B\nstatus: active\noutcomes: [keep, grow]\nmilestones:\n  - { id: late, title: L, due: 2026-09-30, criteria: [x] }\n  - { id: early, title: E, due: 2026-03-31, criteria: [p, q] }\n  - { id: bare, title: B, due: 2026-12-31 }\n---\n"),
        ("initiatives/idea.md", "---\ntitle: Idea\nowner: B\nstatus: proposed\nmilestones:\n  - { id: m, title: M, due: 2027-03-31, criteria: [z] }\n---\n"),
        ("initiatives/gone.md", "---\ntitle: Gone\nowner: B\nstatus: cancelled\noutcomes: [grow]\nmilestones:\n  - { id: m, title: M, due: 2027-03-31, criteria: [z] }\n---\n"),
    ];
    let (r, f) = roadmap(BOOK, &files);
    let trace = criteria_trace(&r, &f.traceability);
    let rows: Vec<(Option<&str>, &str, Option<usize>)> = trace
        .iter()
        .map(|t| {
            let outcome = t.outcome.map(|o| r.outcomes[o].meta.id.as_str());
            let milestone = &r.initiatives[t.initiative].milestones[t.milestone];
            (outcome, milestone.gid.as_str(), t.criterion)
        })
        .collect();
    let shop = |o| {
        [
            (Some(o), "shop/early", Some(0)),
            (Some(o), "shop/early", Some(1)),
            (Some(o), "shop/late", Some(0)),
            (Some(o), "shop/bare", None),
        ]
    };
    // Outcomes in the grid's column order: by category ("retention" before
    // "revenue"); milestones by due date.
    let mut expected: Vec<(Option<&str>, &str, Option<usize>)> = shop("keep").to_vec();
    expected.extend(shop("grow"));
    expected.push((None, "idea/m", Some(0)));
    assert_eq!(rows, expected);
}

/// Initiative `i` with a gate due on `gate_due`, and RAID item `r` on that
/// gate with `risk` (YAML lines); today is 2026-11-25.
fn gate_risk(book: &str, gate_due: &str, risk: &str) -> (Roadmap, Facts) {
    let files = [
        init(
            "i",
            &format!("status: active\nmilestones:\n  - id: g\n    title: Gate\n    due: {gate_due}\n    gate: true\n    criteria: [x]\n"),
        ),
        (
            "risks/r.md".to_string(),
            format!("---\ntitle: Supplier fails\nowner: A\naffects: [i/g]\nmitigation: M\n{risk}---\n"),
        ),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    roadmap(book, &all)
}

#[test]
fn a_high_exposure_risk_on_a_gate_due_within_30_days_makes_its_initiative_amber() {
    // 4 × 4 = 16 ≥ 15, gate in 20 days: amber, and the reason names both.
    let (_, f) = gate_risk(BOOK, "2026-12-15", "probability: 4\nimpact: 4\n");
    let c = &f.health["i"];
    assert_eq!(c.health, Health::Amber);
    assert_eq!(
        c.reasons,
        ["open risk “Supplier fails” (exposure 16) threatens gate “Gate”, due in 20 days"]
    );
    assert_eq!(f.risks.high, ["r"]);
    assert_eq!(f.risks.by_item["i"], ["r"]);
    assert_eq!(f.risks.by_item["o"], ["r"], "the outcome its work serves");
    // Controls: exposure 12 is below the threshold; a gate 67 days away is
    // not close; a closed risk threatens nothing.
    for (due, risk) in [
        ("2026-12-15", "probability: 3\nimpact: 4\n"),
        ("2027-01-31", "probability: 4\nimpact: 4\n"),
        ("2026-12-15", "probability: 4\nimpact: 4\nstatus: closed\n"),
    ] {
        let (_, f) = gate_risk(BOOK, due, risk);
        assert_eq!(f.health["i"].health, Health::Green, "{due} {risk}");
    }
    // The threshold is `[governance] risk-high-exposure`.
    let book = format!("{BOOK}[governance]\nrisk-high-exposure = 12\n");
    let (_, f) = gate_risk(&book, "2026-12-15", "probability: 3\nimpact: 4\n");
    assert_eq!(f.health["i"].health, Health::Amber);
}

#[test]
fn the_heat_map_groups_open_items_by_cell_and_what_has_happened_is_certain() {
    let files = [
        init("i", "status: active\n"),
        (
            "risks/a.md".to_string(),
            "---\ntitle: A\nowner: X\nprobability: high\nimpact: medium\naffects: [i]\n---\n"
                .to_string(),
        ),
        (
            "risks/b.md".to_string(),
            "---\ntitle: B\nowner: X\nprobability: 5\nimpact: 3\n---\n".to_string(),
        ),
        // An issue without a probability is certain: 5.
        (
            "risks/c.md".to_string(),
            "---\ntitle: C\nowner: X\ntype: issue\nimpact: 3\n---\n".to_string(),
        ),
        (
            "risks/d.md".to_string(),
            "---\ntitle: D\nowner: X\nprobability: 2\nimpact: 2\n---\n".to_string(),
        ),
        // Closed items and decisions are not on the map.
        (
            "risks/e.md".to_string(),
            "---\ntitle: E\nowner: X\nprobability: 5\nimpact: 5\nstatus: closed\n---\n".to_string(),
        ),
        (
            "risks/f.md".to_string(),
            "---\ntitle: F\nowner: X\ntype: decision\n---\n".to_string(),
        ),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (_, f) = roadmap(BOOK, &all);
    let cells: Vec<(u8, u8, &str, Vec<&str>)> = f
        .risks
        .cells
        .iter()
        .map(|c| {
            (
                c.probability,
                c.impact,
                c.exposure.as_str(),
                c.ids.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        [
            (5, 3, "high", vec!["a", "b", "c"]),
            (2, 2, "low", vec!["d"]),
        ]
    );
    assert_eq!(f.risks.open_by_type["risk"], 3);
    assert_eq!(f.risks.open_by_type["issue"], 1);
    assert_eq!(f.risks.open_by_type["decision"], 1);
    assert_eq!(f.risks.high, ["a", "b", "c"]);
}

#[test]
fn a_risk_is_stale_after_its_review_date_or_the_review_interval() {
    let files = [
        // Its own date passed 25 days ago.
        ("risks/a.md".to_string(), "---\ntitle: A\nowner: X\nprobability: 2\nimpact: 2\nreview_by: 2026-10-31\n---\n".to_string()),
        // Reviewed 40 days ago, no date of its own: 31 days by default.
        ("risks/b.md".to_string(), "---\ntitle: B\nowner: X\nprobability: 2\nimpact: 2\nreviewed: 2026-10-16\n---\n".to_string()),
        // Controls: reviewed 20 days ago; its own date ahead although
        // reviewed long ago; closed; never dated at all.
        ("risks/c.md".to_string(), "---\ntitle: C\nowner: X\nprobability: 2\nimpact: 2\nreviewed: 2026-11-05\n---\n".to_string()),
        ("risks/d.md".to_string(), "---\ntitle: D\nowner: X\nprobability: 2\nimpact: 2\nreviewed: 2026-01-05\nreview_by: 2026-12-01\n---\n".to_string()),
        ("risks/e.md".to_string(), "---\ntitle: E\nowner: X\nprobability: 2\nimpact: 2\nreview_by: 2026-01-01\nstatus: closed\n---\n".to_string()),
        ("risks/f.md".to_string(), "---\ntitle: F\nowner: X\nprobability: 2\nimpact: 2\n---\n".to_string()),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (_, f) = roadmap(BOOK, &all);
    let stale: Vec<(&str, String, i64, bool)> = f
        .risks
        .stale
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                crate::base::date::iso(s.due),
                s.days,
                s.own_date,
            )
        })
        .collect();
    assert_eq!(
        stale,
        [
            ("a", "2026-10-31".to_string(), 25, true),
            ("b", "2026-11-16".to_string(), 9, false),
        ]
    );
}

#[test]
fn budget_roll_ups_add_up_by_hand() {
    // Today 2026-11-25. `a`: 1000 spread over 2026-10-01..2026-12-31 (92
    // days); spend for October and November (760) is begun, December's is
    // not; the plan runs to the end of November, the latest period with
    // spend (61 days): 663.04. `b`: 400 in 2026-Q4 and 600 in 2027-Q1; 250
    // spent in 2026-Q4, so its plan runs to the quarter's end: 400. `c`: a
    // total with no dates has no plan over time; its spend is counted apart.
    let files = [
        ("teams/t1.md".to_string(), "---\ntitle: T1\ncapacity: 100\n---\n".to_string()),
        ("teams/t2.md".to_string(), "---\ntitle: T2\ncapacity: 100\n---\n".to_string()),
        ("outcomes/o2.md".to_string(), "---\ntitle: O2\nowner: A\n---\n".to_string()),
        (
            "initiatives/a.md".to_string(),
            "---\ntitle: A\nowner: B\noutcomes: [o, o2]\nstatus: active\nstart: 2026-10-01\nend: 2026-12-31\neffort: { t1: 30, t2: 10 }\nbudget: 1000\nspend: { 2026-10: 330, 2026-11: 430, 2026-12: 100 }\nmilestones:\n  - id: m1\n    title: M1\n    due: 2026-11-01\n    done: 2026-11-01\n    criteria: [x]\n  - id: m2\n    title: M2\n    due: 2026-12-31\n    criteria: [x]\n---\n".to_string(),
        ),
        (
            "initiatives/b.md".to_string(),
            "---\ntitle: B\nowner: B\noutcomes: [o]\nstatus: active\nteam: t2\nbudget: { 2026-Q4: 400, 2027-Q1: 600 }\nspend: [[2026-Q4, 250]]\n---\n".to_string(),
        ),
        (
            "initiatives/c.md".to_string(),
            "---\ntitle: C\nowner: B\noutcomes: [o]\nstatus: active\nteam: t1\nbudget: 500\nspend: { 2026-09: 50 }\n---\n".to_string(),
        ),
    ];
    let mut all = owned(&files);
    all.push(OUTCOME);
    let (_, f) = roadmap(BOOK, &all);
    let close = |x: f64, y: f64| (x - y).abs() < 0.01;
    let a = &f.budget.initiatives["a"];
    assert_eq!(crate::base::date::iso(a.as_of), "2026-11-30");
    assert!(close(a.planned_to_date.unwrap(), 663.04), "{a:?}");
    assert!(close(a.actual_to_date, 760.0));
    // 760 against 663.04 is 14.6 % over the plan: beyond the 10 % tolerance;
    // 76 % spent with half the milestones done is 26 points ahead.
    assert!(a.overspent && a.burn_ahead);
    let b = &f.budget.initiatives["b"];
    assert!(close(b.planned_to_date.unwrap(), 400.0) && close(b.actual_to_date, 250.0));
    assert!(
        !b.overspent && !b.burn_ahead,
        "under plan, and no milestones to judge"
    );
    let c = &f.budget.initiatives["c"];
    assert_eq!(c.planned_to_date, None);
    assert!(!c.overspent, "50 of a 500 budget");
    type Sums = (usize, f64, f64, f64, f64);
    let sums = |r: &super::budget::Rollup| -> Sums {
        (
            r.initiatives,
            r.total,
            r.planned_to_date,
            r.actual_to_date,
            r.unplanned_actual,
        )
    };
    let check = |got: Sums, want: Sums| {
        let same = got.0 == want.0
            && close(got.1, want.1)
            && close(got.2, want.2)
            && close(got.3, want.3)
            && close(got.4, want.4);
        assert!(same, "{got:?} != {want:?}");
    };
    // Each initiative in full under every outcome it serves.
    check(
        sums(&f.budget.outcomes["o"]),
        (3, 2500.0, 1063.04, 1010.0, 50.0),
    );
    check(
        sums(&f.budget.outcomes["o2"]),
        (1, 1000.0, 663.04, 760.0, 0.0),
    );
    // `a` splits 3 : 1 between t1 and t2 by effort; `b` is all t2's, `c`
    // all t1's.
    check(
        sums(&f.budget.teams["t1"]),
        (2, 1250.0, 497.28, 570.0, 50.0),
    );
    check(sums(&f.budget.teams["t2"]), (2, 1250.0, 565.76, 440.0, 0.0));
    check(sums(&f.budget.roadmap), (3, 2500.0, 1063.04, 1010.0, 50.0));
}
