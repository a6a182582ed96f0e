//! Synthetic roadmap generator for benchmarks and scale checks.
//!
//! ```sh
//! cargo run --release --example synth -- 5000 /tmp/synth-5000 [--outcomes 200] [--seed 42] [--snapshots 8] [--ledger 100] [--raid 2000]
//! ```
//!
//! Deterministic for the same arguments: a seeded xorshift generator, no
//! clock, no environment. Each initiative has 4 milestones (some done, some
//! late), Markdown bodies of about 2 KB with a table and a list, and
//! dependencies on earlier initiatives; one KPI per 10 initiatives with 60
//! monthly points; 50 teams, 30 capabilities, 100 change requests and 20
//! reviews.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const LAYERS: &[&str] = &[
    "infrastructure",
    "platform",
    "application",
    "data",
    "security",
    "operations",
];
const CATEGORIES: &[&str] = &[
    "revenue",
    "efficiency",
    "risk",
    "compliance",
    "customer",
    "competitive",
];
const STATUSES: &[&str] = &[
    "active", "active", "active", "planned", "planned", "proposed", "on-hold", "done",
];
const HEALTHS: &[&str] = &["green", "green", "amber", "red"];
const WORDS: &[&str] = &[
    "platform",
    "migration",
    "customer",
    "portal",
    "data",
    "network",
    "cloud",
    "security",
    "warehouse",
    "finance",
    "analytics",
    "identity",
    "integration",
    "mobile",
    "payments",
    "reporting",
    "supplier",
    "logistics",
    "service",
    "automation",
];
const PEOPLE: &[&str] = &[
    "Ada Park",
    "Ben Ode",
    "Chen Wu",
    "Dana Ruiz",
    "Eli Stone",
    "Fay Moss",
    "Gil Tran",
    "Hana Sato",
];

fn title(rng: &mut Rng, n: usize) -> String {
    let mut t = String::new();
    for i in 0..n {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            t.extend(c.next().map(|c| c.to_ascii_uppercase()));
            t.push_str(c.as_str());
        } else {
            t.push(' ');
            t.push_str(w);
        }
    }
    t
}

fn body(rng: &mut Rng, links: &[String]) -> String {
    let mut b = String::new();
    for _ in 0..3 {
        for _ in 0..40 {
            b.push_str(rng.pick(WORDS));
            b.push(' ');
        }
        b.push_str("and **more**.\n\n");
    }
    b.push_str("| Workstream | Lead | State |\n|---|---|---|\n");
    for _ in 0..5 {
        let _ = writeln!(
            b,
            "| {} | {} | {} |",
            title(rng, 2),
            rng.pick(PEOPLE),
            rng.pick(HEALTHS)
        );
    }
    b.push('\n');
    for _ in 0..5 {
        let _ = writeln!(b, "- {} {}", title(rng, 3), rng.pick(WORDS));
    }
    for l in links {
        let _ = write!(b, "\nSee [[{l}]].");
    }
    b.push('\n');
    b
}

fn quarter(q: i64) -> String {
    // q = 0 is 2025-Q1.
    format!("{}-Q{}", 2025 + q.div_euclid(4), q.rem_euclid(4) + 1)
}

fn month(m: i64) -> String {
    // m = 0 is 2022-01.
    format!("{}-{:02}", 2022 + m.div_euclid(12), m.rem_euclid(12) + 1)
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

pub fn generate(root: &Path, initiatives: usize, outcomes: usize, seed: u64) {
    let mut rng = Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let teams = 50;
    let capabilities = 30;
    let kpis = (initiatives / 10).max(1);
    write(
        root,
        "book.toml",
        "[book]\ntitle = \"Synthetic Roadmap\"\norganization = \"Synth\"\n\n[roadmap]\ntoday = \"2026-11-25\"\n",
    );
    for t in 0..teams {
        let text = format!(
            "---\ntitle: Team {t:02} {}\nlead: {}\ncapacity: {}\nops_load: 0.{}\n---\nA delivery team.\n",
            title(&mut rng, 1),
            rng.pick(PEOPLE),
            200 + rng.below(10) * 40,
            2 + rng.below(4)
        );
        write(root, &format!("content/teams/team-{t:02}.md"), &text);
    }
    for c in 0..capabilities {
        let current = 1 + rng.below(3);
        let text = format!(
            "---\ntitle: {} capability\ncurrent: {current}\ntarget: {}\narea: {}\n---\nMaturity assessment.\n",
            title(&mut rng, 2),
            (current + rng.below(3)).min(5),
            rng.pick(LAYERS)
        );
        write(root, &format!("content/capabilities/cap-{c:02}.md"), &text);
    }
    for o in 0..outcomes {
        let k = o % kpis;
        let text = format!(
            "---\ntitle: {} outcome {o}\nowner: {}\ncategory: {}\nhorizon: {}\nkpis: [kpi-{k:04}]\n---\n{}",
            title(&mut rng, 3),
            rng.pick(PEOPLE),
            rng.pick(CATEGORIES),
            quarter(8 + rng.below(4) as i64),
            body(&mut rng, &[])
        );
        write(root, &format!("content/outcomes/outcome-{o:03}.md"), &text);
    }
    for k in 0..kpis {
        let mut data = String::new();
        let mut v = 50.0 + rng.below(50) as f64;
        for m in 0..60 {
            v += (rng.below(21) as f64 - 9.0) / 10.0;
            let _ = writeln!(data, "  - [{}, {:.1}]", month(m), v);
        }
        let text = format!(
            "---\ntitle: {} KPI {k}\nkind: {}\nunit: \"%\"\ndirection: up\noutcome: outcome-{:03}\nbaseline: 50\ntarget: {}\ndata:\n{data}---\nMeasured monthly.\n",
            title(&mut rng, 2),
            if k % 3 == 0 { "delivery" } else { "business" },
            k % outcomes.max(1),
            60 + rng.below(30)
        );
        write(root, &format!("content/kpis/kpi-{k:04}.md"), &text);
    }
    for i in 0..initiatives {
        let start = rng.below(10) as i64;
        let len = 2 + rng.below(5) as i64;
        let status = rng.pick(STATUSES);
        let mut outcomes_list = vec![format!("outcome-{:03}", rng.below(outcomes as u64))];
        if rng.below(2) == 0 {
            let second = format!("outcome-{:03}", rng.below(outcomes as u64));
            if second != outcomes_list[0] {
                outcomes_list.push(second);
            }
        }
        // One in fifty is backlog: traced to nothing.
        let outcomes_line = if i % 50 == 49 {
            String::new()
        } else {
            format!("outcomes: [{}]\n", outcomes_list.join(", "))
        };
        let depends = if i > 10 && rng.below(4) == 0 {
            let d = rng.below(i as u64 - 1);
            format!("depends_on: [init-{d:05}]\n")
        } else {
            String::new()
        };
        let mut ms = String::new();
        for m in 0..4 {
            let due_q = start + (len * (m + 1)) / 4;
            let due = quarter(due_q);
            // Quarters up to 2026-Q3 (q = 7) are past; most are done.
            let done = if due_q <= 7 && rng.below(5) != 0 {
                let late = rng.below(3) == 0;
                let (y, q) = (2025 + due_q.div_euclid(4), due_q.rem_euclid(4) + 1);
                let m_end = q * 3;
                if late {
                    format!(
                        "    done: {}-{:02}-15\n",
                        if m_end == 12 { y + 1 } else { y },
                        if m_end == 12 { 1 } else { m_end + 1 }
                    )
                } else {
                    format!("    done: {y}-{m_end:02}-10\n")
                }
            } else {
                String::new()
            };
            let baseline = if rng.below(6) == 0 {
                format!("    baseline: {}\n", quarter(due_q - 1))
            } else {
                String::new()
            };
            let _ = write!(
                ms,
                "  - id: m{m}\n    title: {} milestone {m}\n    due: {due}\n{done}{baseline}    gate: {}\n    criteria:\n      - {} verified\n      - {} signed off\n",
                title(&mut rng, 2),
                m == 1,
                title(&mut rng, 2),
                title(&mut rng, 1)
            );
        }
        let mention = format!("outcome-{:03}", rng.below(outcomes as u64));
        let text = format!(
            "---\ntitle: {} initiative {i}\nowner: {}\n{outcomes_line}status: {status}\nhealth: {}\nlayer: {}\nteam: team-{:02}\neffort: {}\nstart: {}\nend: {}\n{depends}capabilities: [cap-{:02}]\npriority: {}\ntags: [{}, {}]\nmilestones:\n{ms}---\n{}",
            title(&mut rng, 3),
            rng.pick(PEOPLE),
            rng.pick(HEALTHS),
            rng.pick(LAYERS),
            rng.below(teams as u64),
            20 + rng.below(200),
            quarter(start),
            quarter(start + len),
            rng.below(capabilities as u64),
            1 + rng.below(5),
            rng.pick(WORDS),
            rng.pick(WORDS),
            body(&mut rng, &[mention])
        );
        write(root, &format!("content/initiatives/init-{i:05}.md"), &text);
    }
    for c in 0..100 {
        let target = rng.below(initiatives as u64);
        let text = format!(
            "---\ntitle: Change {c}\ndate: 2026-{:02}-{:02}\nstatus: {}\naffects: [init-{target:05}/m2]\nrequested_by: {}\n---\nWhy the change is needed.\n",
            1 + rng.below(11),
            1 + rng.below(28),
            ["proposed", "approved", "approved", "rejected"][rng.below(4) as usize],
            rng.pick(PEOPLE)
        );
        write(root, &format!("content/changes/cr-{c:03}.md"), &text);
    }
    for r in 0..20 {
        let text = format!(
            "---\ndate: {}-{:02}-05\nkind: {}\nattendees: [{}, {}]\ndecisions:\n  - Keep the plan\n---\nNotes.\n",
            2025 + r / 12,
            r % 12 + 1,
            if r % 3 == 0 { "strategic" } else { "operational" },
            rng.pick(PEOPLE),
            rng.pick(PEOPLE)
        );
        write(root, &format!("content/reviews/review-{r:02}.md"), &text);
    }
}

/// `n` frozen snapshots in `root/snapshots/`, one per quarter before today:
/// copies of the content where, in every third initiative, milestones were
/// due a quarter earlier (so the working tree shows slips against them).
/// A budget for every initiative and one finance export for all of them
/// (`spend_file` with an `initiative` column): `rows` rows each, a vendor
/// a row, over the months before today.
fn ledger(root: &Path, n: usize, rows: usize, seed: u64) {
    let mut rng = Rng(seed ^ 0x1ed6e5);
    let months: Vec<String> = (0..22)
        .map(|k| format!("{}-{:02}", 2025 + k / 12, k % 12 + 1))
        .collect();
    let mut csv = String::from("date,initiative,vendor,value\n");
    for i in 0..n {
        let path = root.join(format!("content/initiatives/init-{i:05}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replacen(
            "---\n",
            &format!(
                "---\nbudget: {}\nspend_file: data/ledger.csv\n",
                100_000 + rng.below(900) * 1_000
            ),
            1,
        );
        std::fs::write(&path, text).unwrap();
        for r in 0..rows {
            let _ = writeln!(
                csv,
                "{},init-{i:05},vendor-{:02},{}",
                months[r % months.len()],
                rng.below(40),
                100 + rng.below(5_000)
            );
        }
    }
    write(root, "content/data/ledger.csv", &csv);
}

/// `n` RAID items of the four types over the initiatives and outcomes,
/// with scores, owners, mitigations and review dates; `snapshots` then
/// moves some of them from quarter to quarter, so the log's trail has
/// something to say.
fn raid(root: &Path, n: usize, initiatives: usize, outcomes: usize, seed: u64) {
    let mut rng = Rng(seed ^ 0x5a1d);
    for r in 0..n {
        let kind = ["risk", "risk", "risk", "issue", "assumption", "decision"][r % 6];
        let status = ["open", "open", "mitigating", "closed", "occurred"][rng.below(5) as usize];
        let status = if kind == "risk" || status != "occurred" {
            status
        } else {
            "open"
        };
        let target = rng.below(initiatives as u64);
        let affects = match rng.below(3) {
            0 => format!("[init-{target:05}]"),
            1 => format!("[init-{target:05}/m{}]", rng.below(4)),
            _ => format!(
                "[init-{target:05}, outcome-{:03}]",
                rng.below(outcomes.max(1) as u64)
            ),
        };
        let scores = if kind == "risk" || rng.below(2) == 0 {
            format!(
                "probability: {}\nimpact: {}\n",
                1 + rng.below(5),
                1 + rng.below(5)
            )
        } else {
            String::new()
        };
        let raised_m = rng.below(20) as i64 + 36; // 2025-01 .. 2026-08
        let text = format!(
            "---\ntitle: {} {kind} {r}\nowner: {}\ntype: {kind}\nstatus: {status}\n{scores}affects: {affects}\nmitigation: {} reviewed with {}\nraised: {}-03\nreviewed: {}-20\nreview_by: 2026-{:02}-15\n---\n{}",
            title(&mut rng, 3),
            rng.pick(PEOPLE),
            title(&mut rng, 4),
            rng.pick(PEOPLE),
            month(raised_m),
            month(raised_m + 2),
            9 + rng.below(4),
            title(&mut rng, 12),
        );
        write(root, &format!("content/risks/raid-{r:05}.md"), &text);
    }
}

fn snapshots(root: &Path, n: usize) {
    let content = root.join("content");
    for k in 0..n {
        let name = format!("s{k:02}");
        let dir = root.join("snapshots").join(&name);
        let quarter_back = (n - k) as i64;
        let today = {
            // 2026-11-25 minus whole quarters, on the quarter's last day.
            let q = 7 - quarter_back; // 2026-Q4 is q = 7 (0 is 2025-Q1)
            let (y, qq) = (2025 + q.div_euclid(4), q.rem_euclid(4) + 1);
            let end = ["03-31", "06-30", "09-30", "12-31"][(qq - 1) as usize];
            format!("{y}-{end}")
        };
        write(
            &dir,
            "book.toml",
            &format!("[book]\ntitle = \"Synthetic Roadmap\"\n\n[roadmap]\ntoday = \"{today}\"\n"),
        );
        for entry in walk(&content) {
            let rel = entry
                .strip_prefix(&content)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let mut text = std::fs::read_to_string(&entry).unwrap();
            let index: usize = rel
                .trim_start_matches("initiatives/init-")
                .trim_end_matches(".md")
                .parse()
                .unwrap_or(1);
            // The books as they stood: no month after the snapshot's day.
            if rel == "data/ledger.csv" {
                text = text
                    .lines()
                    .filter(|l| {
                        l.get(..7)
                            .is_none_or(|m| !m.starts_with('2') || *m <= today[..7])
                    })
                    .map(|l| format!("{l}\n"))
                    .collect();
            }
            if let Some(r) = rel
                .strip_prefix("risks/raid-")
                .and_then(|r| r.strip_suffix(".md"))
                .and_then(|r| r.parse::<usize>().ok())
            {
                // One in seven not yet logged (or deleted then) in this
                // quarter; one in four scored a step lower.
                let raised_later = text
                    .lines()
                    .find_map(|l| l.strip_prefix("raised: "))
                    .is_some_and(|d| d.get(..7).is_some_and(|m| m > &today[..7]));
                if r % 7 == k % 7 || raised_later {
                    continue;
                }
                if r % 4 == k % 4 {
                    text = text.replace("impact: 5\n", "impact: 4\n");
                    text = text.replace("impact: 3\n", "impact: 2\n");
                }
            }
            // Work as it stood: no milestone done after the snapshot's
            // day (each copied every `done:` of today's tree, up to two
            // years ahead of its day: counted open as of its day, each such
            // initiative was a model of its own in every version).
            if rel.starts_with("initiatives/") {
                text = text
                    .lines()
                    .filter(|l| {
                        l.strip_prefix("    done: ")
                            .is_none_or(|d| d.get(..10).is_none_or(|d| d <= today.as_str()))
                    })
                    .map(|l| format!("{l}\n"))
                    .collect();
            }
            if rel.starts_with("initiatives/") && index % 3 == k % 3 {
                text = text
                    .lines()
                    .map(|l| match l.strip_prefix("    due: ") {
                        Some(q) => format!("    due: {}", shift_quarter(q, -1)),
                        None => l.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n";
            }
            write(&dir, &format!("content/{rel}"), &text);
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn shift_quarter(q: &str, by: i64) -> String {
    let Some((y, n)) = q.split_once("-Q") else {
        return q.to_string();
    };
    let (Ok(y), Ok(n)) = (y.parse::<i64>(), n.parse::<i64>()) else {
        return q.to_string();
    };
    quarter((y - 2025) * 4 + n - 1 + by)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut positional = Vec::new();
    let mut outcomes = 200;
    let mut seed = 42;
    let mut snapshot_count = 0;
    let mut ledger_rows = 0;
    let mut raid_items = 0;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--outcomes" => outcomes = it.next().and_then(|v| v.parse().ok()).unwrap_or(outcomes),
            "--seed" => seed = it.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--snapshots" => snapshot_count = it.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--ledger" => ledger_rows = it.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--raid" => raid_items = it.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            _ => positional.push(a.clone()),
        }
    }
    let (Some(n), Some(dir)) = (
        positional.first().and_then(|n| n.parse::<usize>().ok()),
        positional.get(1),
    ) else {
        eprintln!("usage: synth INITIATIVES DIR [--outcomes N] [--seed S] [--snapshots N] [--ledger ROWS] [--raid ITEMS]");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    generate(&dir, n, outcomes, seed);
    if ledger_rows > 0 {
        ledger(&dir, n, ledger_rows, seed);
    }
    if raid_items > 0 {
        raid(&dir, raid_items, n, outcomes, seed);
    }
    snapshots(&dir, snapshot_count);
    eprintln!(
        "wrote a roadmap of {n} initiatives and {outcomes} outcomes to {}",
        dir.display()
    );
}
