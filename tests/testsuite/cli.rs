//! Commands, root discovery and exit codes.

use crate::helpers::Project;

#[test]
fn init_build_check_round_trip_has_zero_findings() {
    let p = Project::empty();
    let out = p.run(&["init", "roadmap"]).ok();
    assert!(out.stderr.contains("Created a roadmap"));
    let root = p.path().join("roadmap");
    let mut c = assert_cmd::Command::cargo_bin("roadbook").unwrap();
    let check = c
        .current_dir(&root)
        .arg("check")
        .arg("--deny-warnings")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(String::from_utf8_lossy(&check.stderr).contains("No findings."));
    let mut c = assert_cmd::Command::cargo_bin("roadbook").unwrap();
    let build = c.current_dir(&root).arg("build").output().unwrap();
    assert!(build.status.success());
    assert!(String::from_utf8_lossy(&build.stderr).contains("; no findings\n"));
    assert!(root.join("site/index.html").is_file());
    assert!(root.join("site/initiatives/erp-upgrade.html").is_file());
}

/// The guide's first steps: `git init`, then `roadbook init` in the same
/// folder, which its `.git` does not make "not empty"; and the next step
/// said is the one to type there.
#[test]
fn init_in_a_fresh_repository_needs_no_force() {
    let p = Project::empty();
    crate::helpers::git(&p, "2026-11-25", &["init", "-q"]);
    let out = p.run(&["init"]).ok();
    assert!(
        out.stderr.contains("Next: roadbook build") && !out.stderr.contains("cd "),
        "{}",
        out.stderr
    );
    assert!(p.path().join("book.toml").is_file());
    let out = p.run(&["init", "roadmap"]).ok();
    assert!(
        out.stderr.contains("Next: cd roadmap && roadbook build"),
        "{}",
        out.stderr
    );
}

#[test]
fn init_refuses_a_non_empty_folder_without_force() {
    let p = Project::empty();
    p.write("notes.txt", "mine");
    let out = p.run(&["init"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("is not empty"));
    assert!(!p.path().join("book.toml").exists());
    p.run(&["init", "--force"]).ok();
    assert!(p.path().join("book.toml").is_file());
    assert_eq!(p.read("notes.txt"), "mine");
    // The build folder is kept out of git from the start.
    assert!(p.read(".gitignore").lines().any(|l| l == "/site/"));
    // And so is a previous site a build could not remove, set aside beside
    // it: `git add -A` would have committed it.
    crate::helpers::git(&p, "2026-11-25", &["init", "-q"]);
    p.write(".site.roadbook-old-1/index.html", "old");
    let status = crate::helpers::git(
        &p,
        "2026-11-25",
        &["status", "--porcelain", "--untracked-files=all"],
    );
    assert!(!status.contains("roadbook-old"), "{status}");
    assert!(status.contains("book.toml"), "{status}");
    std::fs::remove_dir_all(p.path().join(".git")).unwrap();
    // Forced again over a roadmap of one's own: nothing of it is replaced,
    // and what was kept is said.
    p.write("book.toml", "[book]\ntitle = \"Mine\"\n");
    p.write("content/initiatives/erp-upgrade.md", "my own");
    // Without --force, a roadmap there is said as one.
    let out = p.run(&["init"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("holds a roadmap already (its book.toml); use --force"),
        "{}",
        out.stderr
    );
    let out = p.run(&["init", "--force"]).ok();
    assert_eq!(p.read("book.toml"), "[book]\ntitle = \"Mine\"\n");
    assert_eq!(p.read("content/initiatives/erp-upgrade.md"), "my own");
    // Every file there: no "Created a roadmap (0 files)".
    assert!(
        out.stderr
            .contains("holds every file of the example already: nothing written"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("Created"), "{}", out.stderr);
    // Some of them: those kept are said, then what was written.
    std::fs::remove_file(p.path().join("content/charter.md")).unwrap();
    let out = p.run(&["init", "--force"]).ok();
    assert!(
        out.stderr
            .contains("Kept 15 files already there: book.toml, content/outcomes/")
            && out.stderr.contains("(1 file)"),
        "{}",
        out.stderr
    );
}

#[test]
fn init_honours_the_global_root() {
    let p = Project::empty();
    let target = p.path().join("elsewhere");
    p.run(&["--root", &target.to_string_lossy(), "init"]).ok();
    assert!(target.join("book.toml").is_file());
    assert!(!p.path().join("book.toml").exists());
    // Both a --root and a DIR: refused, nothing written.
    let out = p.run(&["--root", &target.to_string_lossy(), "init", "other"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("give the folder once"),
        "{}",
        out.stderr
    );
    assert!(!p.path().join("other").exists());
}

#[test]
fn root_is_found_by_walking_up() {
    let p = Project::fixture("valid");
    let sub = p.path().join("content/initiatives");
    let mut c = assert_cmd::Command::cargo_bin("roadbook").unwrap();
    let out = c.current_dir(&sub).arg("build").output().unwrap();
    assert!(out.status.success());
    assert!(p.path().join("site/index.html").is_file());
    // `new` says where it wrote from where it runs, a path to open from
    // here (it said `content/risks/r.md` in `content/initiatives/`).
    let mut c = assert_cmd::Command::cargo_bin("roadbook").unwrap();
    let out = c
        .current_dir(&sub)
        .args(["new", "risk", "r"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(sub.join(&said).is_file(), "{said}");
}

#[test]
fn explicit_root_and_dest_dir() {
    let p = Project::fixture("valid");
    let elsewhere = Project::empty();
    let root = p.path().to_string_lossy().into_owned();
    elsewhere.run(&["--root", &root, "build", "-d", "out"]).ok();
    assert!(elsewhere.path().join("out/index.html").is_file());
}

#[test]
fn usage_errors_exit_2() {
    let p = Project::empty();
    assert_eq!(p.run(&["build"]).code, 2, "no book.toml");
    assert_eq!(p.run(&["frobnicate"]).code, 2);
    assert_eq!(p.run(&["check", "--format", "xml"]).code, 2);
}

#[test]
fn today_falls_back_to_source_date_epoch() {
    let p = Project::fixture("valid");
    p.write("book.toml", "[book]\ntitle = \"Acme\"\n");
    // 2027-01-01T00:00:00Z
    let out = p
        .cmd(&["build"])
        .env("SOURCE_DATE_EPOCH", "1798761600")
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = p.read("site/index.html");
    assert!(html.contains("as of <strong>2027-01-01</strong>"));
    assert!(html.contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn quiet_build_prints_nothing_and_verbose_prints_findings_and_timings() {
    let p = Project::fixture("valid");
    let out = p.run(&["build", "--quiet"]).ok();
    assert_eq!(out.stderr, "");
    let out = p.run(&["build", "--verbose"]).ok();
    assert!(
        !out.stderr.contains('\r'),
        "no progress bar when stderr is not a terminal"
    );
    assert!(out.stderr.contains("warning[RB0212]"));
    // Every stage with its time, share and (on Linux) the peak memory by
    // its end, and the total.
    fn rows_of(stderr: &str) -> Vec<Vec<&str>> {
        stderr
            .lines()
            .filter(|l| l.starts_with("  ") && l.contains(" ms ") && l.contains(" % "))
            .map(|l| l.split_whitespace().collect())
            .collect()
    }
    let rows = rows_of(&out.stderr);
    let stages: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    // Each stage of the pipeline on its own line, in the order they run
    // (parse and model apart: the parse stage is a stage of its own; the
    // working tree is analysed and checked while its history is made).
    assert_eq!(
        stages,
        [
            "config",
            "source",
            "parse",
            "model",
            "theme",
            "snapshots",
            "analysis",
            "render",
            "output"
        ],
        "{}",
        out.stderr
    );
    let after = |r: &[&str], unit: &str| -> Option<f64> {
        let at = r.iter().position(|w| *w == unit)?;
        r[at - 1].parse().ok()
    };
    let shares: f64 = rows.iter().filter_map(|r| after(r, "%")).sum();
    assert!((shares - 100.0).abs() < 1.0, "shares add up to {shares}");
    if cfg!(target_os = "linux") {
        let peaks: Vec<f64> = rows.iter().filter_map(|r| after(r, "MiB")).collect();
        assert_eq!(peaks.len(), rows.len(), "{}", out.stderr);
        assert!(peaks[0] > 0.0);
        assert!(
            peaks.windows(2).all(|w| w[0] <= w[1]),
            "a peak never falls: {peaks:?}"
        );
    }
    assert!(out.stderr.contains("  total "));
    // `check -v` prints the stages it runs too, as its help says.
    let out = p.run(&["check", "--verbose"]).ok();
    let checked: Vec<&str> = rows_of(&out.stderr).iter().map(|r| r[0]).collect();
    assert_eq!(checked, stages[..stages.len() - 2], "{}", out.stderr);
}

#[test]
fn every_command_s_help_shows_an_example() {
    let p = Project::empty();
    for command in [
        "init",
        "new",
        "build",
        "check",
        "serve",
        "snapshot",
        "diff",
        "lints",
        "fields",
        "completions",
        "man",
    ] {
        let out = p.run(&["help", command]).ok();
        let example = out
            .stdout
            .split_once("Example")
            .map(|(_, rest)| rest)
            .unwrap_or_else(|| panic!("`roadbook help {command}` has no example:\n{}", out.stdout));
        assert!(
            example.contains(&format!("roadbook {command}")),
            "{command}: {example}"
        );
    }
}

/// The options every command takes come after the command's own, under
/// their own heading: mixed in by name, `-q` stood between `new`'s
/// `--affects` and `--decided-by` (from a new user's trial).
#[test]
fn the_options_every_command_takes_are_listed_apart_after_its_own() {
    let p = Project::empty();
    for (command, own) in [("new", "--decided-by"), ("build", "--base-url")] {
        let out = p.run(&["help", command]).ok();
        let (mine, global) = out
            .stdout
            .split_once("Global options:")
            .unwrap_or_else(|| panic!("`roadbook help {command}`:\n{}", out.stdout));
        assert!(mine.contains(own), "{command}: {}", out.stdout);
        for option in ["--root", "--quiet", "--verbose", "--color"] {
            assert!(!mine.contains(option), "{command}: {option} among its own");
            assert!(global.contains(option), "{command}: {option} not listed");
        }
    }
}

#[test]
fn the_version_names_the_build() {
    let out = Project::empty().run(&["--version"]).ok();
    let line = out.stdout.trim();
    let (version, build) = line
        .strip_prefix("roadbook ")
        .and_then(|rest| rest.split_once(" (build "))
        .unwrap_or_else(|| panic!("{line}"));
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    let build = build.strip_suffix(')').unwrap();
    assert!(
        build.len() == 16 && build.chars().all(|c| c.is_ascii_hexdigit()),
        "{line}"
    );
}

#[test]
fn completions_are_generated_for_each_shell() {
    let p = Project::empty();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = p.run(&["completions", shell]).ok();
        for word in ["snapshot", "deny-warnings", "initiative"] {
            assert!(out.stdout.contains(word), "{shell} completes no `{word}`");
        }
    }
    // The bash script is valid bash.
    let script = p.run(&["completions", "bash"]).ok().stdout;
    p.write("roadbook.bash", &script);
    let checked = std::process::Command::new("bash")
        .args(["-n", "roadbook.bash"])
        .current_dir(p.path())
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let out = p.run(&["completions", "tcsh"]);
    assert_eq!(out.code, 2);
}

#[test]
fn the_manual_page_covers_every_command() {
    let p = Project::empty();
    let page = p.run(&["man"]).ok().stdout;
    assert!(page.contains(".TH roadbook 1"), "{page}");
    for command in ["init", "new", "build", "check", "serve", "snapshot", "diff"] {
        assert!(
            page.contains(&format!("roadbook\\-{command}(1)")),
            "{command} missing:\n{page}"
        );
    }
    p.run(&["man", "--dir", "man1"]).ok();
    let build = p.read("man1/roadbook-build.1");
    assert!(build.contains(".TH roadbook-build 1"), "{build}");
    assert!(
        build.contains("\\-\\-deny\\-warnings") || build.contains("base\\-url"),
        "{build}"
    );
    assert!(p.path().join("man1/roadbook.1").is_file());
    // Every page it names is written, and it says what the exit code
    // means (from a trial: it named roadbook-help(1), and no page said).
    for page in [&page, &p.read("man1/roadbook.1")] {
        assert!(!page.contains("roadbook\\-help"), "{page}");
        assert!(page.contains("Exit status:"), "{page}");
    }
    assert!(!p.path().join("man1/roadbook-help.1").exists());
    assert!(p
        .run(&["--help"])
        .ok()
        .stdout
        .contains("\n  2  bad usage: an unknown flag, no book.toml"));
}

#[test]
fn findings_are_coloured_when_asked_and_only_with_roadbook_s_own_colours() {
    let p = Project::empty();
    p.run(&["init"]).ok();
    // A hostile value tries to colour the terminal itself.
    p.write(
        "content/initiatives/x.md",
        "---\ntitle: X\nowner: A\nstatus: \"bogus\\e[31m\\e]0;owned\\a\"\n---\n",
    );
    let plain = p.run(&["check"]);
    assert_eq!(plain.code, 1);
    assert!(!plain.stderr.contains('\x1b'), "not a terminal: no colour");
    let coloured = p.run(&["check", "--color", "always"]);
    assert!(
        coloured.stderr.contains("\x1b[1;31merror[RB0104]\x1b[0m"),
        "{}",
        coloured.stderr
    );
    for (i, _) in coloured.stderr.match_indices('\x1b') {
        let rest = &coloured.stderr[i + 1..];
        assert!(
            ["[0m", "[1m", "[1;31m", "[1;33m", "[1;34m"]
                .iter()
                .any(|c| rest.starts_with(c)),
            "a foreign escape reached the terminal: {:?}",
            &rest[..rest.len().min(12)]
        );
    }
    let never = p.run(&["check", "--color", "never"]);
    assert!(!never.stderr.contains('\x1b'));
    // JSON is never coloured.
    let json = p.run(&["check", "--color", "always", "--format", "json"]);
    assert!(!json.stdout.contains('\x1b') && !json.stderr.contains('\x1b'));
}

#[test]
fn build_says_where_the_brief_for_leadership_is() {
    let p = Project::empty();
    p.run(&["init"]).ok();
    let out = p.run(&["build"]).ok();
    assert!(
        out.stderr
            .contains("The brief for leadership: site/brief.html\n"),
        "{}",
        out.stderr
    );
    assert!(p.path().join("site/brief.html").is_file());
    let out = p
        .run(&["build", "--base-url", "https://pmo.example.com/roadmap/"])
        .ok();
    assert!(
        out.stderr.contains("The brief for leadership: site/brief.html, published at https://pmo.example.com/roadmap/brief.html\n"),
        "{}",
        out.stderr
    );
    assert!(p.run(&["build", "--quiet"]).ok().stderr.is_empty());
    // From a sub-folder, a path that opens from there.
    let out = p
        .cmd(&["build"])
        .current_dir(p.path().join("content/initiatives"))
        .output()
        .unwrap();
    let brief = p.path().canonicalize().unwrap().join("site/brief.html");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("The brief for leadership: {}\n", brief.display())),
        "{stderr}"
    );
}

/// `init` dates the example from SOURCE_DATE_EPOCH when it is set, as
/// every other command takes today: a walk-through is reproducible, and a
/// quarter can be played from any day.
#[test]
fn init_dates_the_example_from_source_date_epoch() {
    let due = |epoch: &str| {
        let p = Project::empty();
        let out = p
            .cmd(&["init", "-q", "roadmap"])
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = p.read("roadmap/content/initiatives/erp-upgrade.md");
        text.lines()
            .find(|l| l.trim_start().starts_with("due:"))
            .unwrap()
            .trim()
            .to_string()
    };
    // 2026-01-01 and 2027-01-01: the same plan, a year apart.
    assert_eq!(due("1767225600"), "due: 2025-Q4");
    assert_eq!(due("1798761600"), "due: 2026-Q4");
    let p = Project::empty();
    let out = p
        .cmd(&["init", "-q", "roadmap"])
        .env("SOURCE_DATE_EPOCH", "soon")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
