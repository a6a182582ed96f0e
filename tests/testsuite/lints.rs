//! One case per rule: a small change to a clean project that fires the rule
//! (asserting code, file and line) and a control change that does not.

use crate::helpers::Project;

const BOOK: &str = "[book]\ntitle = \"Lints\"\n[roadmap]\ntoday = \"2026-11-25\"\n";
const OUTCOME: &str = "---\ntitle: O\nowner: A\nkpis: [k]\n---\n";
const KPI: &str = "---\ntitle: K\noutcome: o\ntarget: 5\ndata: [[2026-01, 1]]\n---\n";
const TEAM: &str = "---\ntitle: T\ncapacity: 100\n---\n";
const CAPABILITY: &str = "---\ntitle: C\ncurrent: 2\ntarget: 2\n---\n";
const REVIEW_S: &str = "---\ntitle: S\ndate: 2026-11-01\ntype: strategic\n---\n";
const REVIEW_O: &str = "---\ntitle: Op\ndate: 2026-11-20\ntype: operational\n---\n";
const INITIATIVE: &str = "---\ntitle: I\nowner: B\noutcomes: [o]\nteam: t\nstart: 2026-Q1\nend: 2027-Q4\nmilestones:\n  - id: m\n    title: M\n    due: 2027-Q1\n    criteria: [x]\n---\n";

fn base() -> Project {
    let p = Project::empty();
    p.write("book.toml", BOOK)
        .write("content/outcomes/o.md", OUTCOME)
        .write("content/kpis/k.md", KPI)
        .write("content/teams/t.md", TEAM)
        .write("content/capabilities/c.md", CAPABILITY)
        .write("content/initiatives/i.md", INITIATIVE)
        .write("content/reviews/s.md", REVIEW_S)
        .write("content/reviews/op.md", REVIEW_O);
    p
}

/// The base initiative with budget lines (from line 8).
fn with_budget(lines: &str) -> String {
    INITIATIVE.replace("milestones:", &format!("{lines}milestones:"))
}

fn initiative(extra: &str, milestone_extra: &str) -> String {
    format!("---\ntitle: I\nowner: B\noutcomes: [o]\nteam: t\nstart: 2026-Q1\nend: 2027-Q4\n{extra}milestones:\n  - id: m\n    title: M\n    due: 2027-Q1\n    criteria: [x]\n{milestone_extra}---\n")
}

struct Case {
    rule: &'static str,
    code: &'static str,
    path: &'static str,
    fires: Vec<u8>,
    line: u32,
    control: Vec<u8>,
    /// Files written in both projects.
    both: Vec<(&'static str, String)>,
    /// Files written in the firing project only.
    fires_also: Vec<(&'static str, String)>,
    /// Where the control's text goes when the name itself is what fires.
    control_path: Option<&'static str>,
    /// Make the project a git repository with a remote; the control also
    /// gets a tagged commit.
    git: bool,
    /// An environment variable the firing run is given.
    fires_env: Option<(&'static str, &'static str)>,
    /// Commit and tag the project as `roadmap/2026-Q3`; in the firing
    /// project the tag then moves onto a commit no branch reaches.
    moved_tag: bool,
    /// Two quarters tagged, the second naming the first as
    /// `roadbook snapshot` does; the first's tag deleted when it fires.
    chain_broken: bool,
    /// Two quarters tagged, the later commit dated to the earlier day (the
    /// control: in order).
    tags_out_of_order: bool,
    /// Commit the project and tag it `roadmap/<name>`, one name for the
    /// firing project and one for the control.
    tag_named: Option<(&'static str, &'static str)>,
    /// A repository with everything committed for the control, nothing
    /// for the firing project.
    committed_in_control: bool,
    /// Commit and tag `roadmap/2026-Q3` with the base book.toml, then put
    /// the case's book.toml back in the working tree.
    tagged_under_base_book: bool,
}

fn base_paths() -> [&'static str; 5] {
    [
        "content/outcomes/o.md",
        "content/kpis/k.md",
        "content/teams/t.md",
        "content/capabilities/c.md",
        "content/initiatives/i.md",
    ]
}

fn case(
    rule: &'static str,
    code: &'static str,
    path: &'static str,
    line: u32,
    fires: impl Into<Vec<u8>>,
    control: impl Into<Vec<u8>>,
) -> Case {
    Case {
        rule,
        code,
        path,
        fires: fires.into(),
        line,
        control: control.into(),
        both: Vec::new(),
        fires_also: Vec::new(),
        control_path: None,
        git: false,
        fires_env: None,
        moved_tag: false,
        chain_broken: false,
        tags_out_of_order: false,
        tag_named: None,
        committed_in_control: false,
        tagged_under_base_book: false,
    }
}

impl Case {
    fn with_file(mut self, path: &'static str, text: impl Into<String>) -> Case {
        self.both.push((path, text.into()));
        self
    }

    fn control_at(mut self, path: &'static str) -> Case {
        self.control_path = Some(path);
        self
    }

    fn with_fires_file(mut self, path: &'static str, text: impl Into<String>) -> Case {
        self.fires_also.push((path, text.into()));
        self
    }

    /// A frozen snapshot `snapshots/old/` (as of 2026-06-30) holding the base
    /// project with `overrides`.
    fn with_snapshot(mut self, overrides: &[(&'static str, String)]) -> Case {
        let base = [
            ("book.toml", BOOK.replace("2026-11-25", "2026-06-30")),
            ("content/outcomes/o.md", OUTCOME.to_string()),
            ("content/kpis/k.md", KPI.to_string()),
            ("content/teams/t.md", TEAM.to_string()),
            ("content/capabilities/c.md", CAPABILITY.to_string()),
            ("content/initiatives/i.md", INITIATIVE.to_string()),
        ];
        for (path, text) in base {
            let text = overrides
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, t)| t.clone())
                .unwrap_or(text);
            let full: &'static str = Box::leak(format!("snapshots/old/{path}").into_boxed_str());
            self.both.push((full, text));
        }
        for (path, text) in overrides
            .iter()
            .filter(|(p, _)| !p.starts_with("book.toml") && !base_paths().contains(p))
        {
            let full: &'static str = Box::leak(format!("snapshots/old/{path}").into_boxed_str());
            self.both.push((full, text.clone()));
        }
        self
    }

    fn with_git(mut self) -> Case {
        self.git = true;
        self
    }

    fn with_fires_env(mut self, key: &'static str, value: &'static str) -> Case {
        self.fires_env = Some((key, value));
        self
    }

    fn with_chain_broken(mut self) -> Case {
        self.chain_broken = true;
        self
    }

    fn with_moved_tag(mut self) -> Case {
        self.moved_tag = true;
        self
    }

    fn with_tag_named(mut self, fires: &'static str, control: &'static str) -> Case {
        self.tag_named = Some((fires, control));
        self
    }

    fn tagged_under_base_book(mut self) -> Case {
        self.tagged_under_base_book = true;
        self
    }

    fn committed_in_control(mut self) -> Case {
        self.committed_in_control = true;
        self
    }

    fn with_tags_out_of_order(mut self) -> Case {
        self.tags_out_of_order = true;
        self
    }

    fn project(&self, fires: bool) -> Project {
        let p = base();
        if self.git {
            let git = |args: &[&str]| {
                let ok = std::process::Command::new("git")
                    .args([
                        "-c",
                        "user.name=T",
                        "-c",
                        "user.email=t@example.com",
                        "-c",
                        "commit.gpgsign=false",
                        "-c",
                        "tag.gpgsign=false",
                    ])
                    .args(args)
                    .current_dir(p.path())
                    .output()
                    .unwrap()
                    .status
                    .success();
                assert!(ok, "git {args:?}");
            };
            git(&["init", "-q"]);
            git(&[
                "remote",
                "add",
                "origin",
                "https://example.invalid/roadmap.git",
            ]);
            if !fires {
                git(&["add", "-A"]);
                git(&["commit", "-qm", "init"]);
                git(&["tag", "unrelated"]);
            }
        }
        for (path, text) in &self.both {
            p.write(path, text);
        }
        match fires {
            // Nothing to write: the case is the file's absence.
            true if self.fires.is_empty() => &p,
            true => p.write_bytes(self.path, &self.fires),
            false => p.write_bytes(self.control_path.unwrap_or(self.path), &self.control),
        };
        if fires {
            for (path, text) in &self.fires_also {
                p.write(path, text);
            }
        }
        if self.moved_tag {
            let git = |args: &[&str]| crate::helpers::git(&p, "2026-09-30", args);
            git(&["init", "-q"]);
            git(&["add", "-A"]);
            git(&["commit", "-qm", "Q3"]);
            git(&["tag", "-a", "roadmap/2026-Q3", "-m", "Q3"]);
            if fires {
                git(&["checkout", "-q", "--detach", "roadmap/2026-Q3"]);
                p.write(
                    "content/outcomes/o.md",
                    &OUTCOME.replace("title: O", "title: O, re-made"),
                );
                git(&["commit", "-qam", "Q3 re-made"]);
                git(&["tag", "-f", "-a", "roadmap/2026-Q3", "-m", "Q3"]);
                git(&["checkout", "-q", "-"]);
            }
        }
        if self.chain_broken {
            let git = |args: &[&str]| crate::helpers::git(&p, "2026-10-01", args);
            let now = p.read("book.toml");
            git(&["init", "-q"]);
            p.write("book.toml", &BOOK.replace("2026-11-25", "2026-09-30"));
            git(&["add", "-A"]);
            git(&["commit", "-qm", "Q3"]);
            git(&["tag", "-a", "roadmap/2026-Q3", "-m", "Q3"]);
            let q3 = git(&["rev-parse", "HEAD"]).trim().to_string();
            p.write("book.toml", &BOOK.replace("2026-11-25", "2026-10-15"));
            git(&["commit", "-qam", "Q4"]);
            let message = format!("Q4\n\nRoadbook-follows: roadmap/2026-Q3 {q3}\n");
            git(&["tag", "-a", "roadmap/2026-Q4", "-m", &message]);
            if fires {
                git(&["tag", "-d", "roadmap/2026-Q3"]);
            }
            p.write("book.toml", &now);
        }
        if let Some((when_fires, control)) = self.tag_named {
            let git = |args: &[&str]| crate::helpers::git(&p, "2026-10-01", args);
            let name = if fires { when_fires } else { control };
            git(&["init", "-q"]);
            git(&["add", "-A"]);
            git(&["commit", "-qm", name]);
            git(&["tag", "-a", &format!("roadmap/{name}"), "-m", name]);
        }
        if self.tags_out_of_order {
            let days = if fires {
                [("2026-09-30", "2026-Q3"), ("2026-06-30", "2026-Q2")]
            } else {
                [("2026-06-30", "2026-Q2"), ("2026-09-30", "2026-Q3")]
            };
            let git = |args: &[&str]| crate::helpers::git(&p, "2026-10-01", args);
            git(&["init", "-q"]);
            for (day, quarter) in days {
                p.write("book.toml", &BOOK.replace("2026-11-25", day));
                git(&["add", "-A"]);
                git(&["commit", "-qm", quarter]);
                git(&["tag", "-a", &format!("roadmap/{quarter}"), "-m", quarter]);
            }
            p.write("book.toml", BOOK);
        }
        if self.tagged_under_base_book {
            let git = |args: &[&str]| crate::helpers::git(&p, "2026-09-30", args);
            let now = p.read("book.toml");
            p.write("book.toml", &BOOK.replace("2026-11-25", "2026-09-30"));
            git(&["init", "-q"]);
            git(&["add", "-A"]);
            git(&["commit", "-qm", "Q3"]);
            git(&["tag", "-a", "roadmap/2026-Q3", "-m", "Q3"]);
            p.write("book.toml", &now);
        }
        if self.committed_in_control {
            let git = |args: &[&str]| crate::helpers::git(&p, "2026-11-25", args);
            git(&["init", "-q"]);
            if !fires {
                git(&["add", "-A"]);
                git(&["commit", "-qm", "all"]);
            }
        }
        p
    }
}

fn cases() -> Vec<Case> {
    vec![
        case(
            "config",
            "RB0001",
            "book.toml",
            5,
            format!("{BOOK}[bild]\n"),
            format!("{BOOK}[build]\n"),
        ),
        case(
            "unreadable-file",
            "RB0002",
            "content/notes.md",
            3,
            b"---\ntitle: N\n\xff\xfe\n---\n".to_vec(),
            "---\ntitle: N\n---\n",
        ),
        case(
            "front-matter",
            "RB0003",
            "content/outcomes/o.md",
            4,
            "---\ntitle: O\nowner: A\nkpis: [k\n---\n",
            OUTCOME,
        ),
        case(
            "invalid-field",
            "RB0004",
            "content/initiatives/i.md",
            8,
            initiative("priority: high\n", ""),
            initiative("priority: 1\n", ""),
        ),
        case(
            "missing-field",
            "RB0005",
            "content/teams/t.md",
            2,
            "---\ntitle: T\n---\n",
            TEAM,
        ),
        case(
            "invalid-date",
            "RB0006",
            "content/initiatives/i.md",
            14,
            initiative("sponsor: S\n", "    done: 2026-02-30\n"),
            initiative("sponsor: S\n", "    done: 2026-02-28\n"),
        ),
        case(
            "invalid-id",
            "RB0007",
            "content/teams/t.md",
            2,
            "---\nid: t t\ntitle: T\ncapacity: 1\n---\n",
            "---\nid: t\ntitle: T\ncapacity: 1\n---\n",
        ),
        // 257 nested raw `<div>` in a body: one level past the limit.
        case(
            "too-large",
            "RB0008",
            "content/outcomes/o.md",
            7,
            format!("{OUTCOME}\n{}\n", "<div>".repeat(257)),
            format!("{OUTCOME}\n{}\n", "<div>".repeat(256)),
        ),
        // A tag Tera does not know in the project's own page template.
        case(
            "theme",
            "RB0009",
            "themes/default/templates/page.html",
            1,
            "{% extends \"base.html\" %}{% bogus %}",
            "{% extends \"base.html\" %}",
        ),
        case(
            "duplicate-id",
            "RB0101",
            "content/teams/x.md",
            2,
            "---\nid: o\ntitle: X\ncapacity: 1\n---\n",
            "---\nid: x\ntitle: X\ncapacity: 1\n---\n",
        ),
        case(
            "unknown-reference",
            "RB0102",
            "content/initiatives/i.md",
            4,
            INITIATIVE.replace("outcomes: [o]", "outcomes: [oo]"),
            INITIATIVE,
        ),
        case(
            "unknown-field",
            "RB0103",
            "content/initiatives/i.md",
            8,
            initiative("sponsr: S\n", ""),
            initiative("sponsor: S\n", ""),
        ),
        case(
            "unknown-status",
            "RB0104",
            "content/initiatives/i.md",
            8,
            initiative("health: purple\n", ""),
            initiative("health: red\n", ""),
        ),
        case(
            "unknown-kind",
            "RB0105",
            "content/teams/t.md",
            2,
            "---\nkind: squad\ntitle: T\ncapacity: 100\n---\n",
            "---\nkind: team\ntitle: T\ncapacity: 100\n---\n",
        ),
        case(
            "renamed-field",
            "RB0106",
            "content/reviews/r.md",
            3,
            "---\ndate: 2026-11-01\nkind: operational\n---\n",
            "---\ndate: 2026-11-01\ntype: operational\n---\n",
        ),
        case(
            "untraced-initiative",
            "RB0201",
            "content/initiatives/i.md",
            2,
            INITIATIVE.replace("outcomes: [o]\n", ""),
            INITIATIVE,
        ),
        case(
            "unserved-outcome",
            "RB0202",
            "content/outcomes/o.md",
            2,
            OUTCOME,
            OUTCOME,
        )
        .with_fires_file(
            "content/initiatives/i.md",
            INITIATIVE.replace("team: t\n", "team: t\nstatus: cancelled\n"),
        ),
        case(
            "orphan-kpi",
            "RB0203",
            "content/kpis/k.md",
            2,
            KPI.replace("outcome: o\n", ""),
            KPI,
        )
        .with_file("content/outcomes/o.md", OUTCOME.replace("kpis: [k]\n", "")),
        case(
            "missing-owner",
            "RB0204",
            "content/outcomes/o.md",
            2,
            OUTCOME.replace("owner: A\n", ""),
            OUTCOME,
        ),
        case(
            "missing-criteria",
            "RB0205",
            "content/initiatives/i.md",
            9,
            INITIATIVE.replace("    criteria: [x]\n", ""),
            INITIATIVE,
        ),
        case(
            "end-before-start",
            "RB0206",
            "content/initiatives/i.md",
            7,
            INITIATIVE
                .replace("end: 2027-Q4", "end: 2025-Q4")
                .replace("due: 2027-Q1", "due: 2025-Q4"),
            INITIATIVE,
        ),
        case(
            "milestone-outside-initiative",
            "RB0207",
            "content/initiatives/i.md",
            // At the `due:` that falls outside, not the milestone's `- id:`.
            11,
            INITIATIVE.replace("due: 2027-Q1", "due: 2028-Q1"),
            INITIATIVE,
        ),
        case(
            "dependency-cycle",
            "RB0208",
            "content/initiatives/i.md",
            // The `depends_on` entry that closes it.
            13,
            initiative("", "    depends_on: [i]\n"),
            initiative("", "    depends_on: [j]\n"),
        )
        .with_file(
            "content/initiatives/j.md",
            "---\ntitle: J\nowner: B\noutcomes: [o]\n---\n",
        ),
        case(
            "capability-gap-unaddressed",
            "RB0209",
            "content/capabilities/c.md",
            2,
            CAPABILITY.replace("target: 2", "target: 4"),
            CAPABILITY,
        ),
        case(
            "kpi-without-data",
            "RB0210",
            "content/kpis/k.md",
            2,
            KPI.replace("data: [[2026-01, 1]]\n", ""),
            KPI,
        ),
        // Monthly values that stop in June are stale by November; the same
        // values measured every quarter until September are not.
        case(
            "stale-kpi",
            "RB0224",
            "content/kpis/k.md",
            // Its `data:`, where the values go.
            5,
            KPI.replace("data: [[2026-01, 1]]", "data: [[2026-04, 1], [2026-05, 2], [2026-06, 3]]"),
            KPI.replace("data: [[2026-01, 1]]", "data: [[2026-03, 1], [2026-06, 2], [2026-09, 3]]"),
        ),
        case(
            "kpi-without-target",
            "RB0211",
            "content/kpis/k.md",
            2,
            KPI.replace("target: 5\n", ""),
            KPI,
        ),
        case(
            "overdue-milestone",
            "RB0212",
            "content/initiatives/i.md",
            9,
            INITIATIVE.replace("due: 2027-Q1", "due: 2026-Q3"),
            INITIATIVE,
        ),
        case(
            "layer-typo",
            "RB0223",
            "content/initiatives/i.md",
            8,
            initiative("layer: infra\n", ""),
            // A layer that extends a usual one is meant.
            initiative("layer: data-platform\n", ""),
        ),
        // Done with its milestone open: off every list of what is due.
        case(
            "done-with-open-milestones",
            "RB0260",
            "content/initiatives/i.md",
            10,
            initiative("status: done\n", ""),
            initiative("status: done\n", "    done: 2026-Q3\n"),
        ),
        // A quarter that has begun is not in the future (today 2026-11-25).
        case(
            "done-in-the-future",
            "RB0222",
            "content/initiatives/i.md",
            13,
            initiative("", "    done: 2027-05-20\n"),
            initiative("", "    done: 2026-Q4\n"),
        ),
        case("watermelon", "RB0213", "content/initiatives/i.md", 8, initiative("health: green\n", "").replace("due: 2027-Q1", "due: 2026-Q3"), initiative("health: red\n", "").replace("due: 2027-Q1", "due: 2026-Q3")),
        // Capacity 100, ops 0.3, 80 days in 2026-Q4: 110 %.
        case("overcommitted-team", "RB0214", "content/teams/t.md", 2, "---\ntitle: T\ncapacity: 100\nops_load: 0.3\n---\n", "---\ntitle: T\ncapacity: 100\nops_load: 0.1\n---\n")
            .with_file("content/initiatives/i.md", initiative("status: active\neffort: 80\n", "").replace("start: 2026-Q1\nend: 2027-Q4", "start: 2026-10-01\nend: 2026-12-31").replace("due: 2027-Q1", "due: 2026-12-31")),
        case("dependency-conflict", "RB0215", "content/initiatives/j.md", 7, "---\ntitle: J\nowner: B\noutcomes: [o]\nstart: 2027-Q2\nend: 2027-Q4\ndepends_on: [i]\n---\n", "---\ntitle: J\nowner: B\noutcomes: [o]\nstart: 2028-Q1\nend: 2028-Q4\ndepends_on: [i]\n---\n"),
        case("blocked-dependency", "RB0216", "content/initiatives/j.md", 6, "---\ntitle: J\nowner: B\noutcomes: [o]\nstart: 2028-Q1\ndepends_on: [k/late]\n---\n", "---\ntitle: J\nowner: B\noutcomes: [o]\nstart: 2028-Q1\ndepends_on: [k/fine]\n---\n")
            .with_file("content/initiatives/k.md", "---\ntitle: K\nowner: B\noutcomes: [o]\nmilestones:\n  - { id: late, title: L, due: 2026-11-01, criteria: [x] }\n  - { id: fine, title: F, due: 2026-10-01, done: 2026-10-01, criteria: [x] }\n---\n"),
        case("review-cadence", "RB0217", "content/reviews/s.md", 3, "---\ntitle: S\ndate: 2026-01-05\ntype: strategic\n---\n", REVIEW_S),
        case("snapshot", "RB0301", "snapshots/old/content/outcomes/o.md", 3, "---\ntitle: O\nowner: [A\n---\n", OUTCOME)
            .with_file("snapshots/old/book.toml", BOOK.replace("2026-11-25", "2026-06-30"))
            .with_file("snapshots/old/content/kpis/k.md", KPI)
            .with_file("snapshots/old/content/initiatives/i.md", INITIATIVE)
            .with_file("snapshots/old/content/teams/t.md", TEAM),
        case("missing-history", "RB0302", "book.toml", 0, BOOK, BOOK).with_git(),
        // Budgets kept in EUR by the snapshot, read as USD now; the control
        // keeps EUR.
        case("currency-changed", "RB0304", "book.toml", 0, format!("{BOOK}[budget]\ncurrency = \"USD\"\n"), BOOK.to_string())
            .with_snapshot(&[("content/initiatives/i.md", with_budget("budget: 1000\n"))]),
        // Judged as of May, with a snapshot of June 30; the control as of
        // November.
        case("today-before-snapshot", "RB0305", "book.toml", 0, BOOK.replace("2026-11-25", "2026-05-01"), BOOK.to_string())
            .with_snapshot(&[]),
        // The quarter's tag moved onto a commit of its own; the control's
        // stays on the branch.
        case("snapshot-off-history", "RB0303", "book.toml", 0, BOOK, BOOK).with_moved_tag(),
        case("snapshot-gone", "RB0318", "book.toml", 0, BOOK, BOOK).with_chain_broken(),
        // A folder named as a tag: the folder is read, the tag left out;
        // the control's tag has a name of its own.
        case("snapshot-shadowed", "RB0310", "book.toml", 0, BOOK, BOOK)
            .with_snapshot(&[])
            .with_tag_named("old", "older"),
        // The quarter tagged under the base book.toml's pattern; the
        // pattern changed since so that it leaves the tag out. The control's
        // pattern still matches it.
        case("snapshot-dropped", "RB0315", "book.toml", 0, format!("{BOOK}[snapshots]\ntags = \"roadmap/20??-Q4\"\n"), format!("{BOOK}[snapshots]\ntags = \"roadmap/20??-Q*\"\n"))
            .tagged_under_base_book(),
        // A snapshot that reads fine, named in `ignore`; the control keeps it.
        case("snapshot-ignored", "RB0311", "book.toml", 0, format!("{BOOK}[snapshots]\nignore = [\"old\"]\n"), BOOK.to_string())
            .with_snapshot(&[]),
        // The site in the build folder published `old` with other
        // content; the control has no site yet.
        case("snapshot-rewritten", "RB0312", "book.toml", 0, BOOK, BOOK)
            .with_snapshot(&[])
            .with_fires_file("site/.roadbook-published", "old\t2026-07-01\tfolder\tsnapshots/old\t-\t2026-06-30\t0000000000000000\n"),
        // A snapshot folder nobody committed; the control's is.
        case("snapshot-uncommitted", "RB0314", "book.toml", 0, BOOK, BOOK)
            .with_snapshot(&[])
            .committed_in_control(),
        // A snapshot named 2026-Q3 dated 2026-06-30, before the quarter
        // began and on 2026-Q2's own day (the quarter before's roadmap
        // again); the control has 2026-Q2 alone.
        case("snapshot-misdated", "RB0313", "book.toml", 0, BOOK, BOOK)
            .with_file("snapshots/2026-Q2/book.toml", BOOK.replace("2026-11-25", "2026-06-30"))
            .with_file("snapshots/2026-Q2/content/outcomes/o.md", OUTCOME)
            .with_file("snapshots/2026-Q2/content/kpis/k.md", KPI)
            .with_file("snapshots/2026-Q2/content/teams/t.md", TEAM)
            .with_file("snapshots/2026-Q2/content/capabilities/c.md", CAPABILITY)
            .with_file("snapshots/2026-Q2/content/initiatives/i.md", INITIATIVE)
            .with_fires_file("snapshots/2026-Q3/book.toml", BOOK.replace("2026-11-25", "2026-06-30"))
            .with_fires_file("snapshots/2026-Q3/content/outcomes/o.md", OUTCOME)
            .with_fires_file("snapshots/2026-Q3/content/kpis/k.md", KPI)
            .with_fires_file("snapshots/2026-Q3/content/teams/t.md", TEAM)
            .with_fires_file("snapshots/2026-Q3/content/capabilities/c.md", CAPABILITY)
            .with_fires_file("snapshots/2026-Q3/content/initiatives/i.md", INITIATIVE),
        // Q2 tagged on a commit made after Q3's; the control in order.
        case("snapshot-out-of-order", "RB0309", "book.toml", 0, BOOK, BOOK).with_tags_out_of_order(),
        // The fiscal year moved since the snapshot; the control keeps it.
        case("fiscal-year-changed", "RB0307", "book.toml", 0, BOOK.replace("today = \"2026-11-25\"", "today = \"2026-11-25\"\nfiscal-year-start = 7"), BOOK.to_string())
            .with_snapshot(&[]),
        // The slip tolerance raised since the snapshot (14 days); the
        // control lowers it.
        case("threshold-loosened", "RB0308", "book.toml", 0, format!("{BOOK}[governance]\nslip-tolerance-days = 100\n"), format!("{BOOK}[governance]\nslip-tolerance-days = 7\n"))
            .with_snapshot(&[("book.toml", format!("{}[governance]\nslip-tolerance-days = 14\n", BOOK.replace("2026-11-25", "2026-06-30")))]),
        // In a repository git refuses as another user's (git's own test
        // switch for it); the control is trusted.
        case("git-unusable", "RB0306", "book.toml", 0, BOOK, BOOK)
            .with_git()
            .with_fires_env("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1"),
        // Due 2026-Q4 in the snapshot, 2027-Q1 now: a 90-day slip.
        case("unacknowledged-slip", "RB0219", "content/initiatives/i.md", 11, INITIATIVE, INITIATIVE.replace("due: 2027-Q1", "due: 2026-Q4"))
            .with_snapshot(&[("content/initiatives/i.md", INITIATIVE.replace("due: 2027-Q1", "due: 2026-Q4"))]),
        case("unacknowledged-scope-change", "RB0220", "content/initiatives/i.md", 9, INITIATIVE.replace("criteria: [x]", "criteria: [x, y]"), INITIATIVE)
            .with_snapshot(&[]),
        case(
            "latent-slip",
            "RB0221",
            "content/initiatives/j.md",
            6,
            "---\ntitle: J\nowner: B\noutcomes: [o]\nmilestones:\n  - id: jm\n    title: JM\n    due: 2027-Q2\n    depends_on: [i/m]\n    criteria: [x]\n---\n",
            "---\ntitle: J\nowner: B\noutcomes: [o]\nmilestones:\n  - id: jm\n    title: JM\n    due: 2027-Q3\n    depends_on: [i/m]\n    criteria: [x]\n---\n",
        )
        .with_file("content/initiatives/i.md", INITIATIVE.replace("due: 2027-Q1", "due: 2027-Q2"))
        .with_snapshot(&[(
            "content/initiatives/j.md",
            "---\ntitle: J\nowner: B\noutcomes: [o]\nmilestones:\n  - id: jm\n    title: JM\n    due: 2027-Q2\n    depends_on: [i/m]\n    criteria: [x]\n---\n".to_string(),
        )]),
        // The initiative serving `o` ends 2027-Q4: after a 2027-Q2 horizon,
        // within a 2027-Q4 one.
        case("outcome-horizon-missed", "RB0225", "content/outcomes/o.md", 4, OUTCOME.replace("kpis:", "horizon: 2027-Q2\nkpis:"), OUTCOME.replace("kpis:", "horizon: 2027-Q4\nkpis:")),
        // A KPI naming the outcome measures it as well as the outcome's own
        // `kpis:` list does.
        case("outcome-without-kpi", "RB0226", "content/outcomes/o.md", 2, "---\ntitle: O\nowner: A\n---\n", "---\ntitle: O\nowner: A\n---\n")
            .with_fires_file("content/kpis/k.md", KPI.replace("outcome: o\n", "")),
        // A body's link to a heading it does not have; the control has it
        // (GitHub's id of `## The Plan` is `the-plan`).
        case("broken-link", "RB0227", "content/initiatives/i.md", 15, format!("{INITIATIVE}\nSee [the plan](#the-plan).\n"), format!("{INITIATIVE}\n## The Plan\n\nSee [the plan](#the-plan).\n")),
        // Team t's one done milestone came 30 days late: with a sample of
        // one enough, the gate's cautious forecast is 30 days past its date.
        // The control's came on time.
        case(
            "forecast-late",
            "RB0228",
            "content/initiatives/g.md",
            14,
            "---\ntitle: G\nowner: B\noutcomes: [o]\nteam: t\nmilestones:\n  - id: early\n    title: E\n    due: 2026-03-31\n    done: 2026-04-30\n    criteria: [x]\n  - id: gate\n    title: Gate\n    due: 2027-01-31\n    gate: true\n    criteria: [x]\n---\n",
            "---\ntitle: G\nowner: B\noutcomes: [o]\nteam: t\nmilestones:\n  - id: early\n    title: E\n    due: 2026-03-31\n    done: 2026-03-31\n    criteria: [x]\n  - id: gate\n    title: Gate\n    due: 2027-01-31\n    gate: true\n    criteria: [x]\n---\n",
        )
        .with_file("book.toml", format!("{BOOK}forecast-min-samples = 1\n")),
        case("stale-change-request", "RB0218", "content/changes/cr.md", 2, "---\ntitle: C\ndate: 2026-09-01\nstatus: proposed\naffects: [i]\n---\n", "---\ntitle: C\ndate: 2026-11-01\nstatus: proposed\naffects: [i]\n---\n"),
        // Its own review date passed; the control's is ahead.
        case(
            "stale-risk",
            "RB0229",
            "content/risks/r.md",
            8,
            "---\ntitle: R\nowner: A\nprobability: 2\nimpact: 2\nmitigation: M\naffects: [i]\nreview_by: 2026-10-31\n---\n",
            "---\ntitle: R\nowner: A\nprobability: 2\nimpact: 2\nmitigation: M\naffects: [i]\nreview_by: 2026-12-31\n---\n",
        ),
        // Exposure 4 × 4 = 16 with no mitigation; the control says one.
        case(
            "risk-without-mitigation",
            "RB0230",
            "content/risks/r.md",
            2,
            "---\ntitle: R\nowner: A\nprobability: 4\nimpact: 4\naffects: [i]\n---\n",
            "---\ntitle: R\nowner: A\nprobability: 4\nimpact: 4\naffects: [i]\nmitigation: Second supplier qualified\n---\n",
        ),
        // Exposure 16 (high) in the snapshot, 4 now with no review since;
        // the control records the review that lowered it.
        case(
            "risk-lowered-unreviewed",
            "RB0266",
            "content/risks/r.md",
            4,
            "---\ntitle: R\nowner: A\nprobability: 2\nimpact: 2\nmitigation: M\naffects: [i]\n---\n",
            "---\ntitle: R\nowner: A\nprobability: 2\nimpact: 2\nmitigation: Second supplier qualified, so less likely\naffects: [i]\nreviewed: 2026-09-01\n---\n",
        )
        .with_snapshot(&[(
            "content/risks/r.md",
            "---\ntitle: R\nowner: A\nprobability: 4\nimpact: 4\nmitigation: M\naffects: [i]\n---\n".to_string(),
        )]),
        // A right-to-left override in a title; the control's isolates
        // (as right-to-left text is written) turn no letter around.
        case(
            "bidi-override",
            "RB0267",
            "content/initiatives/i.md",
            2,
            initiative("", "").replace("title: I", "title: I \u{202E}late"),
            initiative("", "").replace("title: I", "title: I \u{2067}late\u{2069}"),
        ),
        // The only change request on `i` predates the issue; in the control
        // the issue came first and the request answered it.
        case(
            "occurred-risk-open",
            "RB0231",
            "content/risks/r.md",
            2,
            "---\ntitle: R\nowner: A\ntype: issue\nimpact: 2\nmitigation: M\naffects: [i/m]\noccurred: 2026-10-01\n---\n",
            "---\ntitle: R\nowner: A\ntype: issue\nimpact: 2\nmitigation: M\naffects: [i/m]\noccurred: 2026-08-01\n---\n",
        )
        .with_file("content/changes/cr.md", "---\ntitle: C\ndate: 2026-09-01\nstatus: approved\naffects: [i]\ndecided: 2026-09-05\ndecided_by: Board\n---\n".to_string()),
        // 1000 from 2026-01-01 to 2027-12-31: 450.7 planned by 2026-11-25.
        // Spend on record to 2026-03-31: 123 planned by then. 600 spent is
        // far over; the control's 130 is within 10 %.
        case("overspend", "RB0232", "content/initiatives/i.md", 8, with_budget("budget: 1000\nspend: { 2026-Q1: 600 }\n"), with_budget("budget: 1000\nspend: { 2026-Q1: 130 }\n")),
        // 40 % of the budget spent, no milestone done; the control's 15 % is
        // within the 20 points.
        case("burn-ahead-of-progress", "RB0233", "content/initiatives/i.md", 8, with_budget("budget: 1000\nspend: { 2026-Q1: 400 }\n").replace("due: 2027-Q1", "due: 2026-Q3"), with_budget("budget: 1000\nspend: { 2026-Q1: 150 }\n").replace("due: 2027-Q1", "due: 2026-Q3")),
        // 1000 in the snapshot; raised to 1200 with no change request, or
        // lowered to 900 (a cut needs no approval).
        case("unapproved-budget-increase", "RB0234", "content/initiatives/i.md", 8, with_budget("budget: 1200\n"), with_budget("budget: 900\n"))
            .with_snapshot(&[("content/initiatives/i.md", with_budget("budget: 1000\n"))]),
        // Q1's spend, reported as 400 by the snapshot, lowered to 100 with
        // no change request; the control keeps it.
        case("spend-revised", "RB0247", "content/initiatives/i.md", 9, with_budget("budget: 1000\nspend: { 2026-Q1: 100 }\n"), with_budget("budget: 1000\nspend: { 2026-Q1: 400 }\n"))
            .with_snapshot(&[("content/initiatives/i.md", with_budget("budget: 1000\nspend: { 2026-Q1: 400 }\n"))]),
        // 1,000 spread from 2026-Q1 to 2027-Q4 in the snapshot, all of it
        // planned in the first half now; the control keeps the total.
        case("budget-rephased", "RB0248", "content/initiatives/i.md", 8, with_budget("budget: { 2026-Q1: 600, 2026-Q2: 400 }\n"), with_budget("budget: 1000\n"))
            .with_snapshot(&[("content/initiatives/i.md", with_budget("budget: 1000\n"))]),
        // Overdue and open in the snapshot of June 30, now done on March
        // 31; the control's June 29 is within a week of the snapshot.
        case("backdated-done", "RB0249", "content/initiatives/i.md", 12, INITIATIVE.replace("due: 2027-Q1", "due: 2026-Q1\n    done: 2026-03-31"), INITIATIVE.replace("due: 2027-Q1", "due: 2026-Q1\n    done: 2026-06-29"))
            .with_snapshot(&[("content/initiatives/i.md", INITIATIVE.replace("due: 2027-Q1", "due: 2026-Q1"))]),
        // The end moved from 2027-Q4 in the snapshot to 2028-Q2 with no
        // change request; the control brings it in to 2027-Q3 (an earlier
        // end needs no approval).
        case("unacknowledged-end-move", "RB0239", "content/initiatives/i.md", 7, INITIATIVE.replace("end: 2027-Q4", "end: 2028-Q2"), INITIATIVE.replace("end: 2027-Q4", "end: 2027-Q3"))
            .with_snapshot(&[("content/initiatives/i.md", INITIATIVE.to_string())]),
        // January's 1, reported in the snapshot, is 2 now with no change
        // request; the control keeps it and adds October's.
        case("kpi-revised", "RB0241", "content/kpis/k.md", 5, KPI.replace("[[2026-01, 1]]", "[[2026-01, 2]]"), KPI.replace("[[2026-01, 1]]", "[[2026-01, 1], [2026-10, 2]]"))
            .with_snapshot(&[]),
        // A live initiative of the snapshot whose file is gone; the
        // control keeps it, cancelled.
        case("removed-initiative", "RB0240", "content/initiatives/gone.md", 0, "", "---\ntitle: Gone\nowner: B\nstatus: cancelled\noutcomes: [o]\n---\n")
            .with_snapshot(&[("content/initiatives/gone.md", "---\ntitle: Gone\nowner: B\noutcomes: [o]\n---\n".to_string())]),
        // A KPI whose January figure the snapshot reported, its file gone;
        // the control keeps it as it was.
        case("removed-kpi", "RB0242", "content/kpis/gone.md", 0, "", KPI.replace("title: K", "title: Gone"))
            .with_snapshot(&[("content/kpis/gone.md", KPI.replace("title: K", "title: Gone"))]),
        // The team's 100 person-days of the snapshot are 150 now, in
        // quarters its work runs through, with no change request; the
        // control keeps them.
        case("unapproved-capacity-rise", "RB0274", "content/teams/t.md", 2, TEAM.replace("capacity: 100", "capacity: 150"), TEAM)
            .with_file("content/initiatives/i.md", INITIATIVE.replace("team: t\n", "team: t\neffort: 100\n"))
            .with_snapshot(&[]),
        // A review dated June 1, written since the snapshot of June 30;
        // the control's June 25 is within a week of it.
        // The snapshot's review gone; the control keeps it.
        case("removed-review", "RB0278", "content/reviews/gone.md", 0, "", "---\ntitle: S\ndate: 2026-06-01\ntype: strategic\n---\n")
            .with_snapshot(&[("content/reviews/gone.md", "---\ntitle: S\ndate: 2026-06-01\ntype: strategic\n---\n".to_string())]),
        // The snapshot's review given another decision since; the control
        // keeps the record.
        case("review-rewritten", "RB0277", "content/reviews/s.md", 2, "---\ntitle: S\ndate: 2026-06-01\ntype: strategic\ndecisions: [Q4 dates may move at the PMO's discretion]\n---\n", "---\ntitle: S\ndate: 2026-06-01\ntype: strategic\ndecisions: [Keep the Q4 dates]\n---\n")
            .with_snapshot(&[("content/reviews/s.md", "---\ntitle: S\ndate: 2026-06-01\ntype: strategic\ndecisions: [Keep the Q4 dates]\n---\n".to_string())]),
        case("backdated-review", "RB0273", "content/reviews/late.md", 3, "---\ntitle: L\ndate: 2026-06-01\ntype: strategic\n---\n", "---\ntitle: L\ndate: 2026-06-25\ntype: strategic\n---\n")
            .with_snapshot(&[]),
        // Serving `o` in the snapshot, `o2` instead now; the control
        // serves both.
        case("unapproved-outcome-unlink", "RB0275", "content/initiatives/i.md", 2, INITIATIVE.replace("outcomes: [o]", "outcomes: [o2]"), INITIATIVE.replace("outcomes: [o]", "outcomes: [o, o2]"))
            .with_file("content/outcomes/o2.md", "---\ntitle: O2\nowner: A\n---\n")
            .with_snapshot(&[]),
        // An outcome the snapshot pursued whose file is gone; the
        // control keeps it.
        case("removed-outcome", "RB0271", "content/outcomes/gone.md", 0, "", "---\ntitle: Gone\nowner: A\n---\n")
            .with_snapshot(&[("content/outcomes/gone.md", "---\ntitle: Gone\nowner: A\n---\n".to_string())]),
        // Pursued in the snapshot, retired since with no change request;
        // the control's retirement is still ahead.
        case("unapproved-outcome-retirement", "RB0272", "content/outcomes/o.md", 4, OUTCOME.replace("kpis:", "retired: 2026-10\nkpis:"), OUTCOME.replace("kpis:", "retired: 2027-01\nkpis:"))
            .with_snapshot(&[]),
        // A risk open in the snapshot whose file is gone; the control
        // keeps it, closed.
        case("removed-risk", "RB0246", "content/risks/gone.md", 0, "", "---\ntitle: Gone\nowner: A\nprobability: 4\nimpact: 4\nmitigation: M\naffects: [i]\nstatus: closed\n---\n")
            .with_snapshot(&[("content/risks/gone.md", "---\ntitle: Gone\nowner: A\nprobability: 4\nimpact: 4\nmitigation: M\naffects: [i]\n---\n".to_string())]),
        // A KPI the snapshot showed measured, retired since with no change
        // request; the control still measures it.
        case("unapproved-kpi-retirement", "RB0243", "content/kpis/k.md", 5, KPI.replace("target: 5\n", "target: 5\nretired: 2026-10\n"), KPI)
            .with_snapshot(&[]),
        // The snapshot of 2026-06-30 had it starting 2026-Q4; now it
        // starts 2026-Q2, before that day; the control's 2026-Q3 is after.
        case("backdated-start", "RB0270", "content/initiatives/i.md", 2, INITIATIVE.replace("start: 2026-Q1", "start: 2026-Q2"), INITIATIVE.replace("start: 2026-Q1", "start: 2026-Q3"))
            .with_snapshot(&[("content/initiatives/i.md", INITIATIVE.replace("start: 2026-Q1", "start: 2026-Q4"))]),
        // Committed in the snapshot, cancelled now; the control keeps it.
        case("unapproved-cancellation", "RB0250", "content/initiatives/i.md", 2, INITIATIVE.replace("end: 2027-Q4\n", "end: 2027-Q4\nstatus: cancelled\n"), INITIATIVE)
            .with_snapshot(&[]),
        case("amount-not-applied", "RB0255", "content/changes/cr.md", 2, "---\ntitle: C\ndate: 2026-11-01\nstatus: proposed\naffects: [i/m]\nbudget_increase: 500\n---\n", "---\ntitle: C\ndate: 2026-11-01\nstatus: proposed\naffects: [i/m, i]\nbudget_increase: 500\n---\n"),
        // Approved for EUR 500 in the snapshot, 900 now; the control
        // lowers it to 300 (a correction: the lower stands).
        case("approval-rewritten", "RB0256", "content/changes/cr.md", 2, "---\ntitle: C\ndate: 2026-11-01\nstatus: approved\ndecided_by: Board\naffects: [i]\nbudget_increase: 900\n---\n", "---\ntitle: C\ndate: 2026-11-01\nstatus: approved\ndecided_by: Board\naffects: [i]\nbudget_increase: 300\n---\n")
            .with_snapshot(&[("content/changes/cr.md", "---\ntitle: C\ndate: 2026-11-01\nstatus: approved\ndecided_by: Board\naffects: [i]\nbudget_increase: 500\n---\n".to_string())]),
        // Proposed in the snapshot of 2026-06-30, approved now as decided
        // on 2026-05-01; the control dates the decision after it.
        case("backdated-approval", "RB0258", "content/changes/cr.md", 2, "---\ntitle: C\ndate: 2026-04-01\nstatus: approved\ndecided_by: Board\ndecided: 2026-05-01\naffects: [i]\n---\n", "---\ntitle: C\ndate: 2026-04-01\nstatus: approved\ndecided_by: Board\ndecided: 2026-07-01\naffects: [i]\n---\n")
            .with_snapshot(&[("content/changes/cr.md", "---\ntitle: C\ndate: 2026-04-01\nstatus: proposed\naffects: [i]\n---\n".to_string())]),
        // A request the snapshot had, its file gone; the control keeps it.
        case("removed-change", "RB0257", "content/changes/gone.md", 0, "", "---\ntitle: Gone\ndate: 2026-11-01\nstatus: approved\ndecided_by: Board\naffects: [i]\n---\n")
            .with_snapshot(&[("content/changes/gone.md", "---\ntitle: Gone\ndate: 2026-11-01\nstatus: approved\ndecided_by: Board\naffects: [i]\n---\n".to_string())]),
        case("self-approved-change", "RB0276", "content/changes/cr.md", 2, "---\ntitle: C\ndate: 2026-11-01\nstatus: approved\naffects: [i]\nrequested_by: PMO\ndecided_by: pmo \n---\n", "---\ntitle: C\ndate: 2026-11-01\nstatus: approved\naffects: [i]\nrequested_by: PMO\ndecided_by: Board\n---\n"),
        case("approval-without-decider", "RB0245", "content/changes/cr.md", 2, "---\ntitle: C\ndate: 2026-11-01\nstatus: approved\naffects: [i]\n---\n", "---\ntitle: C\ndate: 2026-11-01\nstatus: approved\naffects: [i]\ndecided_by: Board\n---\n"),
        // A figure for November 2027, today being 2026-11-25 (the year
        // mistyped); the control's November 2026 is under way.
        case("figure-in-the-future", "RB0252", "content/kpis/k.md", 5, KPI.replace("[[2026-01, 1]]", "[[2026-01, 1], [2027-11, 9]]"), KPI.replace("[[2026-01, 1]]", "[[2026-01, 1], [2026-11, 9]]")),
        // Today is 2026-11-25: November's figure is part of a month; the
        // control dates it by the day it was measured.
        case("figure-period-not-over", "RB0268", "content/kpis/k.md", 5, KPI.replace("[[2026-01, 1]]", "[[2026-01, 1], [2026-11, 9]]"), KPI.replace("[[2026-01, 1]]", "[[2026-01, 1], [2026-11-24, 9]]")),
        // July to September off target and Q3's figure on it; the
        // control's Q3 is off target too.
        case("wider-figure-better", "RB0317", "content/kpis/k.md", 5, KPI.replace("[[2026-01, 1]]", "[[2026-07, 1], [2026-08, 2], [2026-09, 3], [2026-Q3, 6]]"), KPI.replace("[[2026-01, 1]]", "[[2026-07, 1], [2026-08, 2], [2026-09, 3], [2026-Q3, 4]]")),
        // A figure for the last day of January beside January's; the
        // control dates it the first of February.
        case("figure-within-period", "RB0269", "content/kpis/k.md", 5, KPI.replace("[[2026-01, 1]]", "[[2026-01, 1], [2026-01-31, 9]]"), KPI.replace("[[2026-01, 1]]", "[[2026-01, 1], [2026-02-01, 9]]")),
        // The target for today was 5 in the snapshot and is 4 now (higher
        // is better) with no change request; the control raises it to 6.
        case("kpi-target-loosened", "RB0253", "content/kpis/k.md", 2, KPI.replace("target: 5", "target: 4"), KPI.replace("target: 5", "target: 6"))
            .with_snapshot(&[]),
        // The snapshot's horizon 2027-Q3 moved to 2027-Q4; the control's
        // brought in to 2027-Q2.
        case("unapproved-horizon-move", "RB0262", "content/outcomes/o.md", 2, OUTCOME.replace("owner: A", "owner: A\nhorizon: 2027-Q4"), OUTCOME.replace("owner: A", "owner: A\nhorizon: 2027-Q2"))
            .with_snapshot(&[("content/outcomes/o.md", OUTCOME.replace("owner: A", "owner: A\nhorizon: 2027-Q3"))]),
        // A baseline of 3 in the snapshot, 1 now (higher is better: the
        // progress reads better) with no change request; the control's 4.
        case("kpi-baseline-moved", "RB0264", "content/kpis/k.md", 2, KPI.replace("target: 5", "target: 5\nbaseline: 1"), KPI.replace("target: 5", "target: 5\nbaseline: 4"))
            .with_snapshot(&[("content/kpis/k.md", KPI.replace("target: 5", "target: 5\nbaseline: 3"))]),
        // Higher was better in the snapshot; the control still reads so.
        case("kpi-direction-changed", "RB0261", "content/kpis/k.md", 2, KPI.replace("target: 5", "target: 5\ndirection: down"), KPI.replace("target: 5", "target: 5\ndirection: up"))
            .with_snapshot(&[]),
        // 900 person-days in the snapshot, 600 now, no change request; the
        // control raises it to 1,000.
        case("unapproved-effort-cut", "RB0263", "content/initiatives/i.md", 2, INITIATIVE.replace("team: t\n", "team: t\neffort: 600\n"), INITIATIVE.replace("team: t\n", "team: t\neffort: 1000\n"))
            .with_snapshot(&[("content/initiatives/i.md", INITIATIVE.replace("team: t\n", "team: t\neffort: 900\n"))]),
        // Retired from January, the month of its only figure; the control
        // from February.
        case("figure-after-retirement", "RB0244", "content/kpis/k.md", 5, KPI.replace("target: 5\n", "target: 5\nretired: 2026-01\n"), KPI.replace("target: 5\n", "target: 5\nretired: 2026-02\n")),
        // The owner `roadbook new` wrote, left as it was; the control names
        // somebody whose role is in brackets too.
        // EUR 100 for March 2027, which no total counts; the control's
        // November is under way.
        case("spend-in-the-future", "RB0236", "content/initiatives/i.md", 9, with_budget("budget: 1000\nspend: { 2027-03: 100 }\n"), with_budget("budget: 1000\nspend: { 2026-11: 100 }\n")),
        // EUR 100 for 2025-12, before the start in 2026-Q1; the control's
        // January is the start's own month.
        // A budget planned from 2026-Q1 with no spend on record, beside an
        // initiative that records spend; the control says it spent nothing.
        // Spend on record up to October, judged on 2027-03-31: five months
        // behind; the control judges on 2026-11-25.
        case("books-behind", "RB0265", "book.toml", 0, BOOK.replace("2026-11-25", "2027-03-31"), BOOK.to_string())
            .with_file("content/initiatives/i.md", with_budget("budget: 1000\nspend: { 2026-10: 100 }\n")),
        // `j` booked to July while `x` is booked to October: August and
        // September missing; the control books `j` to October.
        case("spend-stopped", "RB0316", "content/initiatives/j.md", 6, "---\ntitle: J\nowner: B\noutcomes: [o]\nbudget: { 2026-Q3: 300, 2026-Q4: 300 }\nspend: { 2026-07: 100 }\n---\n", "---\ntitle: J\nowner: B\noutcomes: [o]\nbudget: { 2026-Q3: 300, 2026-Q4: 300 }\nspend: { 2026-07: 100, 2026-08: 100, 2026-09: 100, 2026-10: 100 }\n---\n")
            .with_file("content/initiatives/x.md", "---\ntitle: X\nowner: B\noutcomes: [o]\nbudget: { 2026-Q4: 300 }\nspend: { 2026-10: 100 }\n---\n"),
        case("spend-not-recorded", "RB0251", "content/initiatives/i.md", 8, with_budget("budget: 1000\n"), with_budget("budget: 1000\nspend: { 2026-Q1: 0 }\n"))
            .with_file("content/initiatives/j.md", with_budget("budget: 1000\nspend: { 2026-Q1: 100 }\n").replace("title: I", "title: J")),
        // July beside its quarter: only the quarter counts; the control
        // writes October after it.
        case("spend-within-period", "RB0254", "content/initiatives/i.md", 9, with_budget("budget: 1000\nspend: { 2026-07: 100, 2026-Q3: 300 }\n"), with_budget("budget: 1000\nspend: { 2026-Q3: 300, 2026-10: 100 }\n")),
        case("spend-before-start", "RB0237", "content/initiatives/i.md", 9, with_budget("budget: 1000\nspend: { 2025-12: 100 }\n"), with_budget("budget: 1000\nspend: { 2026-01: 100 }\n")),
        // A shared export's row for `erp` (no such initiative); the
        // control's rows are all for `i`.
        case("spend-row-unmatched", "RB0259", "content/data/spend.csv", 3, "date,initiative,value\n2026-01,i,100\n2026-02,erp,50\n", "date,initiative,value\n2026-01,i,100\n2026-02,i,50\n")
            .with_file("content/initiatives/i.md", with_budget("budget: 1000\nspend_file: data/spend.csv\n")),
        // A page saved as `.MD`, which no list would show; the control is
        // the same page as `.md`.
        case("unread-file", "RB0238", "content/pages/plan.MD", 0, "---\ntitle: Plan\n---\n", "---\ntitle: Plan\n---\n").control_at("content/pages/plan.md"),
        case("placeholder", "RB0235", "content/initiatives/i.md", 3, INITIATIVE.replace("owner: B", "owner: Name (Role)"), INITIATIVE.replace("owner: B", "owner: Dana Whitfield (CFO)")),
    ]
}

#[test]
fn the_base_project_is_clean() {
    let out = base().run(&["check", "--deny-warnings"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.heads().is_empty());
}

#[test]
fn every_rule_fires_on_its_case_and_not_on_its_control() {
    let cases = cases();
    // Every rule of the catalogue has a case.
    let mut names: Vec<&str> = cases.iter().map(|c| c.rule).collect();
    names.sort();
    let mut all: Vec<&str> = roadbook::lints::ALL.iter().map(|r| r.name).collect();
    all.sort();
    assert_eq!(names, all);
    for case in &cases {
        let rule = roadbook::lints::by_name(case.rule).unwrap();
        assert_eq!(rule.code, case.code, "{}", case.rule);
        let project = case.project(true);
        let mut run = project.cmd(&["check", "--format", "json"]);
        if let Some((key, value)) = case.fires_env {
            run.env(key, value);
        }
        let stdout = String::from_utf8_lossy(&run.output().unwrap().stdout).into_owned();
        let findings: Vec<serde_json::Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let hit = findings.iter().any(|f| {
            let line_ok = if case.line == 0 {
                f["line"].is_null()
            } else {
                f["line"] == case.line
            };
            f["code"] == case.code
                && f["path"] == case.path
                && line_ok
                && f["rule"] == case.rule
                && f["weight"] == rule.weight.as_str()
        });
        assert!(
            hit,
            "{} did not fire at {}:{}; findings: {findings:#?}",
            case.rule, case.path, case.line
        );
        let control = case.project(false).run(&["check", "--format", "json"]);
        assert!(
            !control
                .stdout
                .lines()
                .any(|l| l.contains(&format!("\"{}\"", case.code))),
            "{} fired on its control: {}",
            case.rule,
            control.stdout
        );
    }
}

#[test]
fn the_committed_catalogue_matches_the_code() {
    let committed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/lints.md"),
    )
    .unwrap();
    assert_eq!(
        committed,
        roadbook::lints::catalogue_markdown(),
        "run `roadbook lints > docs/lints.md`"
    );
    let p = Project::empty();
    let out = p.run(&["lints"]).ok();
    assert_eq!(out.stdout, committed);
}

/// From trials: a count taken on the 24th of a month read as the month's
/// result ("2 incidents / month, on target" after 24 days), one day's
/// figure or two. Of a KPI counted per month or quarter, a day's figure is
/// part of its period; of a level (servers still running), that day's
/// (from a review: a false alarm on what the rule's own help advised).
#[test]
fn a_day_figure_of_a_kpi_counted_per_month_is_part_of_a_month() {
    let p = Project::empty();
    let kpi = |unit: &str, data: &str| {
        format!("---\ntitle: K\ntarget: 5\ndirection: down\nunit: {unit}\ndata: {data}\n---\n")
    };
    p.write("book.toml", BOOK).write(
        "content/outcomes/o.md",
        "---\ntitle: O\nowner: A\nkpis: [k]\n---\n",
    );
    let found = |p: &Project| crate::helpers::rule_messages(p, "figure-period-not-over");
    p.write(
        "content/kpis/k.md",
        &kpi(
            "incidents / month",
            "[[2026-09, 6], [2026-10, 7], [2026-11-24, 2]]",
        ),
    );
    assert_eq!(
        found(&p),
        ["KPI `k`'s latest figure, 2 for 2026-11-24 (2026-11), is for a period not over until 2026-11-30: every page reads it as the period's result"]
    );
    let out = p.run(&["check"]).stderr;
    assert!(
        out.contains("its unit, `incidents / month`, counts by the month"),
        "{out}"
    );
    // Two of them: the latest is part of the month all the same.
    p.write(
        "content/kpis/k.md",
        &kpi(
            "incidents per month",
            "[[2026-10, 7], [2026-11-10, 4], [2026-11-24, 3]]",
        ),
    );
    assert_eq!(found(&p).len(), 1);
    // Counted by the quarter: the quarter it falls in.
    p.write(
        "content/kpis/k.md",
        &kpi(
            "releases per quarter",
            "[[2026-Q2, 6], [2026-Q3, 7], [2026-11-24, 2]]",
        ),
    );
    assert_eq!(
        found(&p),
        ["KPI `k`'s latest figure, 2 for 2026-11-24 (2026-Q4), is for a period not over until 2026-12-31: every page reads it as the period's result"]
    );
    // A level, or a month already over: nothing to say.
    p.write(
        "content/kpis/k.md",
        &kpi(
            "servers",
            "[[2026-09, 40], [2026-10, 31], [2026-11-03, 12]]",
        ),
    );
    assert!(found(&p).is_empty());
    p.write(
        "content/kpis/k.md",
        &kpi(
            "incidents / month",
            "[[2026-08, 6], [2026-09, 7], [2026-10-24, 2]]",
        ),
    );
    assert!(found(&p).is_empty());
}

/// From a second trial: only an exact match was a self-approval. A role
/// in brackets and punctuation aside, the names are the requester's; the
/// placeholder `roadbook new` writes is a finding of its own.
#[test]
fn a_change_approved_by_its_requester_however_written() {
    let p = Project::empty();
    p.write("book.toml", BOOK)
        .write("content/outcomes/o.md", OUTCOME)
        .write("content/kpis/k.md", KPI)
        .write("content/teams/t.md", TEAM)
        .write("content/initiatives/i.md", INITIATIVE);
    let change = |asked: &str, decided: &str| {
        format!("---\ntitle: Re-plan\ndate: 2026-11-01\nstatus: approved\nrequested_by: {asked}\ndecided_by: {decided}\ndecided: 2026-11-02\nsettings: [slip-tolerance-days]\n---\n")
    };
    let found = |p: &Project| crate::helpers::rule_messages(p, "self-approved-change");
    p.write(
        "content/changes/cr.md",
        &change("P.M.O.", "PMO (for the board)"),
    );
    assert_eq!(
        found(&p),
        ["change request `cr` is approved by `PMO (for the board)`, who requested it: it approves nothing (1 setting), and what it would cover reads as unapproved until someone else decides it"]
    );
    p.write(
        "content/changes/cr.md",
        &change("PMO", "Steering committee"),
    );
    assert!(found(&p).is_empty());
    p.write(
        "content/changes/cr.md",
        &change("Name (Role)", "Name (Role)"),
    );
    assert!(found(&p).is_empty());
    // From a third trial: the names written otherwise.
    for (asked, decided) in [
        ("Priya Nair", "P. Nair"),
        ("Priya Nair", "Nair, Priya"),
        ("Priya Nair", "priya.nair@acme.com"),
        ("Priya Nair", "Priya Nair for the Steering committee"),
        ("Priya Nair", "Priya N\u{0430}ir"),
        ("Priya Nair (Head of Apps)", "Head of Apps"),
    ] {
        p.write("content/changes/cr.md", &change(asked, decided));
        assert_eq!(found(&p).len(), 1, "{asked} / {decided}");
    }
    // No requester named: the owner of the work it affects asked.
    let unasked = |decided: &str| {
        format!("---\ntitle: Re-plan\ndate: 2026-11-01\nstatus: approved\naffects: [i]\ndecided_by: {decided}\n---\n")
    };
    p.write("content/changes/cr.md", &unasked("B"));
    assert_eq!(
        found(&p),
        ["change request `cr` is approved by `B`, who owned what it affects when it was decided (no `requested_by` names anyone else): it approves nothing (1 item affected), and what it would cover reads as unapproved until someone else decides it"]
    );
    p.write("content/changes/cr.md", &unasked("Board"));
    assert!(found(&p).is_empty());
    // A requester naming nobody is none (from a review).
    p.write(
        "content/changes/cr.md",
        &unasked("B").replace("decided_by", "requested_by: n/a\ndecided_by"),
    );
    assert_eq!(found(&p).len(), 1);
    // Nobody on both sides: no decider, not a self-approval (from a
    // review: the two findings said opposite things).
    p.write(
        "content/changes/cr.md",
        &unasked("TBC").replace("decided_by", "requested_by: TBC\ndecided_by"),
    );
    assert!(found(&p).is_empty());
    // A stand-in for a decider names nobody.
    p.write("content/changes/cr.md", &unasked("TBC"));
    assert_eq!(
        crate::helpers::rule_messages(&p, "approval-without-decider"),
        ["change request `cr` is approved with `decided_by: TBC`, which names nobody: nobody answers for what it approves"]
    );
}

/// From a trial: a stale KPI was pointed at its first figure, years back
/// in a long series; it is pointed at its latest, after which the values
/// measured since go, in `data:` or in its data file's row.
#[test]
fn a_stale_kpi_points_at_its_latest_figure() {
    let p = Project::empty();
    p.write("book.toml", BOOK).write(
        "content/outcomes/o.md",
        "---\ntitle: O\nowner: A\nkpis: [k]\n---\n",
    );
    let place = |p: &Project| -> Vec<(String, u64)> {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|f| f["rule"] == "stale-kpi")
            .map(|f| {
                (
                    f["path"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    };
    p.write(
        "content/kpis/k.md",
        "---\ntitle: K\ntarget: 5\ndata:\n  - [2026-06, 1]\n  - [2026-07, 1]\n  - [2026-08, 1]\n---\n",
    );
    assert_eq!(place(&p), [("content/kpis/k.md".to_string(), 7)]);
    p.write(
        "content/kpis/k.md",
        "---\ntitle: K\ntarget: 5\ndata_file: k.csv\n---\n",
    )
    .write(
        "content/k.csv",
        "date,value\n2026-06,1\n2026-07,1\n2026-08,1\n",
    );
    assert_eq!(place(&p), [("content/k.csv".to_string(), 4)]);
}

/// From a trial: a figure for August read "116 days ago" on 25 November,
/// counted from the first of the month; its period ended 86 days before.
/// Counted from the end, a September figure is not stale in early
/// November while October's is being compiled.
#[test]
fn a_kpi_is_stale_from_the_end_of_its_latest_period() {
    let p = Project::empty();
    let kpi = |data: &str| format!("---\ntitle: K\ntarget: 5\ndata: {data}\n---\n");
    p.write("book.toml", BOOK).write(
        "content/outcomes/o.md",
        "---\ntitle: O\nowner: A\nkpis: [k]\n---\n",
    );
    let found = |p: &Project| crate::helpers::rule_messages(p, "stale-kpi");
    p.write(
        "content/kpis/k.md",
        &kpi("[[2026-06, 1], [2026-07, 1], [2026-08, 1]]"),
    );
    assert_eq!(
        found(&p),
        ["KPI `k` has no value since 2026-08 (86 days since that period ended), though it was measured about every 31 days"]
    );
    p.write("book.toml", &BOOK.replace("2026-11-25", "2026-11-05"));
    p.write(
        "content/kpis/k.md",
        &kpi("[[2026-07, 1], [2026-08, 1], [2026-09, 1]]"),
    );
    assert!(found(&p).is_empty(), "{:?}", found(&p));
}

/// A KPI whose figures are in a data file is told where its latest figure
/// is written: the file's row, not its front matter (from a review; the
/// row from a trial).
#[test]
fn a_figure_of_a_period_not_over_is_found_in_its_data_file() {
    let p = Project::empty();
    p.write("book.toml", BOOK)
        .write(
            "content/outcomes/o.md",
            "---\ntitle: O\nowner: A\nkpis: [k]\n---\n",
        )
        .write(
            "content/kpis/k.md",
            "---\ntitle: K\ntarget: 5\ndata_file: data/k.csv\n---\n",
        )
        .write("content/data/k.csv", "date,value\n2026-Q3,4\n2026-Q4,2\n");
    let out = p.run(&["check"]).stderr;
    assert!(
        out.contains("content/data/k.csv:3:9: warning[RB0268]: KPI `k`'s latest figure, 2 for 2026-Q4, is for a period not over until 2026-12-31"),
        "{out}"
    );
    assert!(out.contains("add the figure for 2026-Q4 once the period is over"));
    // Retired within that quarter, it has no more to come.
    p.write(
        "content/kpis/k.md",
        "---\ntitle: K\ntarget: 5\nretired: 2026-11-20\ndata_file: data/k.csv\n---\n",
    );
    assert!(!p.run(&["check"]).stderr.contains("RB0268"));
    // A figure dated after today is told at the file that holds it too (it
    // was told at the KPI's front matter, which has no figure).
    p.write("content/data/k.csv", "date,value\n2026-Q3,4\n2027-Q4,2\n");
    let out = p.run(&["check"]).stderr;
    assert!(
        out.contains(
            "content/data/k.csv:3:9: warning[RB0252]: KPI `k` has 1 figure for a period after today"
        ),
        "{out}"
    );
}

/// An archived version's finding about a figure in a data file names that
/// version's own file, whose row it points at (from a review: it named the
/// working tree's file, whose rows differ, with the snapshot's line).
#[test]
fn an_archived_version_s_figure_is_found_in_its_own_data_file() {
    use crate::helpers::git;
    let p = Project::empty();
    p.write(
        "content/outcomes/o.md",
        "---\ntitle: O\nowner: A\nkpis: [k]\n---\n",
    )
    .write(
        "content/kpis/k.md",
        "---\ntitle: K\ntarget: 5\ndata_file: data/k.csv\n---\n",
    )
    .write("content/data/k.csv", "date,value\n2026-08,4\n2026-09,3\n")
    .write(
        "book.toml",
        "[book]\ntitle = \"T\"\n[roadmap]\ntoday = \"2026-09-15\"\n",
    );
    git(&p, "2026-09-15", &["init", "-q"]);
    git(&p, "2026-09-15", &["add", "-A"]);
    git(&p, "2026-09-15", &["commit", "-qm", "Q3"]);
    git(&p, "2026-09-15", &["tag", "roadmap/2026-Q3"]);
    p.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n[roadmap]\ntoday = \"2026-12-07\"\n",
    )
    .write(
        "content/data/k.csv",
        "date,value\n2026-06,5\n2026-07,5\n2026-08,4\n2026-09,3\n2026-10,2\n2026-11,2\n",
    );
    p.run(&["build", "--quiet"]).ok();
    // September, not over on the snapshot's day: its third line there.
    let page = p.read("site/v/2026-Q3/findings.html");
    assert!(
        page.contains("<code>roadmap/2026-Q3:content/data/k.csv:3:9</code>"),
        "{page}"
    );
}

/// From a trial: `[2026-Q3, 35]` written beside July to September at 37,
/// 38 and 39 (fewer days is better, the target 36) was the figure counted,
/// and the brief read "On target" with a hygiene warning. On target where
/// the latest figure it leaves out is not, it needs a decision; a
/// quarter's count above each of its months is no such thing.
#[test]
fn a_wider_figure_on_target_over_months_off_it_needs_a_decision() {
    let p = Project::empty();
    p.write("book.toml", BOOK)
        .write("content/outcomes/o.md", OUTCOME);
    let kpi = |direction: &str, target: u32, quarter: u32| {
        format!("---\ntitle: K\noutcome: o\ndirection: {direction}\ntarget: {target}\ndata: [[2026-07, 37], [2026-08, 38], [2026-09, 39], [2026-Q3, {quarter}]]\n---\n")
    };
    p.write("content/kpis/k.md", &kpi("down", 36, 35));
    assert_eq!(
        crate::helpers::rule_messages(&p, "wider-figure-better"),
        ["KPI `k`'s figure for 2026-Q3 (35) is on target where the figures it leaves out within that period are not, the latest of them at least (2026-07: 37, 2026-08: 38, 2026-09: 39): only the figure for 2026-Q3 is counted, so the worse ones left every page"]
    );
    assert!(crate::helpers::rule_messages(&p, "figure-within-period").is_empty());
    p.run(&["build", "--quiet"]).ok();
    let brief = p.read("site/brief.html");
    assert!(
        brief.contains("wider figure reading better than those within it"),
        "{brief}"
    );
    // Off target too: the quarter stands, as before.
    p.write("content/kpis/k.md", &kpi("down", 36, 40));
    assert!(crate::helpers::rule_messages(&p, "wider-figure-better").is_empty());
    assert_eq!(
        crate::helpers::rule_messages(&p, "figure-within-period").len(),
        3
    );
    // Counted up against a target of 30 a month: the quarter's 114 is
    // the months' sum, and they were on target already.
    p.write("content/kpis/k.md", &kpi("up", 30, 114));
    assert!(crate::helpers::rule_messages(&p, "wider-figure-better").is_empty());
    // An average between its months, on target where the last month is
    // not: no better than the months (from a review).
    p.write("content/kpis/k.md", &kpi("down", 38, 38));
    assert!(crate::helpers::rule_messages(&p, "wider-figure-better").is_empty());
}
