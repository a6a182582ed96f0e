//! A synthetic roadmap kept in git over quarters, for checking forecasts
//! against what happened: a real repository with one annotated tag a
//! quarter (`roadmap/2025-Q1` …), the working tree one quarter after the
//! last tag.
//!
//! ```sh
//! cargo run --release --example history -- /tmp/history [--initiatives 150] [--snapshots 8] [--seed 7]
//! cargo run --release -- --root /tmp/history build --quiet
//! python3 scripts/calibration.py /tmp/history/site/roadmap.json
//! ```
//!
//! The world behind it: each team has its own way of being late (the
//! share of milestones done on time and how late the others come in), a
//! milestone late by some days makes the next one of its initiative late
//! by at least half of that, and the planners move an overdue due date
//! most quarters (sometimes early, when the work is far behind). Every
//! quarter's roadmap shows what was known then: the milestones of the
//! initiatives planned by then, the ones done with their date, the others
//! at their current due date. Deterministic for the same arguments.

use jiff::civil::Date;
use jiff::ToSpan;
use std::path::Path;
use std::process::Command;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A team's way of being late: the share done on time, and the mean
/// lateness of the others in days (exponential).
struct Team {
    id: &'static str,
    on_time: f64,
    mean_late: f64,
}

const TEAMS: &[Team] = &[
    Team {
        id: "steady",
        on_time: 0.7,
        mean_late: 12.0,
    },
    Team {
        id: "solid",
        on_time: 0.6,
        mean_late: 20.0,
    },
    Team {
        id: "average",
        on_time: 0.45,
        mean_late: 30.0,
    },
    Team {
        id: "stretched",
        on_time: 0.3,
        mean_late: 45.0,
    },
    Team {
        id: "overloaded",
        on_time: 0.2,
        mean_late: 70.0,
    },
    Team {
        id: "newcomers",
        on_time: 0.5,
        mean_late: 25.0,
    },
];
const LAYERS: &[&str] = &["infrastructure", "platform", "application", "data"];
const OUTCOMES: usize = 6;
const MILESTONES: usize = 4;

struct Milestone {
    actual: Date,
    /// The due date the roadmap shows; first the date promised.
    due: Date,
}

struct Initiative {
    team: usize,
    layer: usize,
    planned: Date,
    milestones: Vec<Milestone>,
}

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn plus(d: Date, days: i64) -> Date {
    d.checked_add(days.days()).unwrap()
}

fn world(rng: &mut Rng, initiatives: usize, first: Date, last: Date) -> Vec<Initiative> {
    let span = (last - first).get_days().max(1) as u64;
    (0..initiatives)
        .map(|_| {
            let team = rng.below(TEAMS.len() as u64) as usize;
            let start = plus(first, rng.below(span) as i64);
            let t = &TEAMS[team];
            let mut carried = 0i64;
            let milestones = (0..MILESTONES)
                .map(|j| {
                    let promised = plus(start, 75 * (j as i64 + 1));
                    let own = if rng.unit() < t.on_time {
                        0
                    } else {
                        (-t.mean_late * (1.0 - rng.unit()).ln()).ceil() as i64
                    };
                    let late = own.max(carried / 2);
                    carried = late;
                    Milestone {
                        actual: plus(promised, late),
                        due: promised,
                    }
                })
                .collect();
            Initiative {
                team,
                layer: rng.below(LAYERS.len() as u64) as usize,
                planned: plus(start, -30),
                milestones,
            }
        })
        .collect()
}

/// What the planners do at a quarter's end: most overdue dates move to a
/// few weeks out; a date the work is far behind sometimes moves early.
fn replan(rng: &mut Rng, world: &mut [Initiative], today: Date) {
    for i in world.iter_mut().filter(|i| i.planned <= today) {
        for m in i.milestones.iter_mut().filter(|m| m.actual > today) {
            if m.due < today && rng.unit() < 0.7 {
                m.due = plus(today, 14 * (1 + rng.below(6) as i64));
            } else if (m.actual - m.due).get_days() > 45
                && (m.due - today).get_days() < 60
                && rng.unit() < 0.4
            {
                m.due = plus(m.due, 30);
            }
        }
    }
}

fn initiative_text(n: usize, i: &Initiative, today: Date) -> String {
    let open = i.milestones.iter().any(|m| m.actual > today);
    let status = if i.planned > today {
        "planned"
    } else if open {
        "active"
    } else {
        "done"
    };
    let mut text = format!(
        "---\ntitle: Initiative {n:03}\nowner: Owner {}\nstatus: {status}\nteam: {}\nlayer: {}\noutcomes: [outcome-{}]\nmilestones:\n",
        n % 7,
        TEAMS[i.team].id,
        LAYERS[i.layer],
        n % OUTCOMES
    );
    for (j, m) in i.milestones.iter().enumerate() {
        let done = if m.actual <= today {
            format!(", done: {}", m.actual)
        } else {
            String::new()
        };
        text.push_str(&format!(
            "  - {{ id: m{j}, title: Milestone {j}, due: {}{done} }}\n",
            m.due
        ));
    }
    text.push_str("---\n");
    text
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn git(root: &Path, date: Date, args: &[&str]) {
    let stamp = format!("{date}T12:00:00Z");
    let status = Command::new("git")
        .args(["-c", "user.name=PMO", "-c", "user.email=pmo@example.com"])
        .args(["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"])
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// The roadmap as known at `today`, written over the working tree.
fn write_quarter(root: &Path, world: &[Initiative], today: Date) {
    let _ = std::fs::remove_dir_all(root.join("content/initiatives"));
    write(
        root,
        "book.toml",
        &format!("[book]\ntitle = \"Synthetic history\"\n\n[roadmap]\ntoday = \"{today}\"\n"),
    );
    for (n, i) in world.iter().enumerate().filter(|(_, i)| i.planned <= today) {
        write(
            root,
            &format!("content/initiatives/init-{n:03}.md"),
            &initiative_text(n, i, today),
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = None;
    let (mut initiatives, mut snapshots, mut seed) = (150usize, 8usize, 7u64);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if !a.starts_with("--") {
            dir = Some(a.clone());
            continue;
        }
        let value = it.next().map(String::as_str).unwrap_or("");
        match a.as_str() {
            "--initiatives" => initiatives = value.parse().unwrap_or(initiatives),
            "--snapshots" => snapshots = value.parse().unwrap_or(snapshots),
            "--seed" => seed = value.parse().unwrap_or(seed),
            _ => eprintln!("ignored: {a}"),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: history DIR [--initiatives N] [--snapshots K] [--seed S]");
        std::process::exit(2);
    };
    let root = Path::new(&dir);
    if root.exists() {
        std::fs::remove_dir_all(root).unwrap();
    }
    std::fs::create_dir_all(root).unwrap();
    // Quarter ends from 2024-12-31 on; the working tree one after the last.
    let quarters: Vec<Date> = (0..=snapshots as i64)
        .map(|q| {
            let first_of_next = day("2025-01-01").checked_add((3 * q).months()).unwrap();
            plus(first_of_next, -1)
        })
        .collect();
    let mut rng = Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let first = plus(quarters[0], -180);
    let mut world = world(&mut rng, initiatives, first, quarters[quarters.len() - 1]);

    git(root, quarters[0], &["init", "-q"]);
    for t in TEAMS {
        write(
            root,
            &format!("content/teams/{}.md", t.id),
            &format!("---\ntitle: Team {}\ncapacity: 400\n---\n", t.id),
        );
    }
    for o in 0..OUTCOMES {
        write(
            root,
            &format!("content/outcomes/outcome-{o}.md"),
            &format!("---\ntitle: Outcome {o}\nowner: Sponsor {o}\n---\n"),
        );
    }
    write(root, ".gitignore", "site/\n");
    for (k, &today) in quarters.iter().enumerate() {
        replan(&mut rng, &mut world, today);
        write_quarter(root, &world, today);
        git(root, today, &["add", "-A"]);
        git(
            root,
            today,
            &["commit", "-qm", &format!("Roadmap at {today}")],
        );
        if k < snapshots {
            let q = (today.month() as i64 - 1) / 3 + 1;
            let tag = format!("roadmap/{}-Q{q}", today.year());
            git(root, today, &["tag", "-a", &tag, "-m", &tag]);
        }
    }
    eprintln!(
        "wrote {initiatives} initiatives over {snapshots} tagged quarters and the working tree ({}) to {}",
        quarters[snapshots],
        root.display()
    );
}
