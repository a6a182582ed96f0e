//! Publishing recipes, run as far as this machine allows: `init --ci`
//! writes a pipeline whose YAML parses, whose `roadbook` commands the
//! binary accepts, and whose check and build steps, run in a real git
//! repository with roadmap tags, publish every archived version (and, run
//! again, carry them over instead of rendering them anew).

use crate::helpers::{git, Project};
use clap::Parser;
use serde_json::Value;

/// Shell words, double quotes kept together (enough for the recipes).
fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in command.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The `roadbook` commands of a list of shell lines, variables filled in.
fn roadbook_commands(lines: &[String], vars: &[(&str, &str)]) -> Vec<Vec<String>> {
    lines
        .iter()
        .flat_map(|line| {
            line.split("||")
                .flat_map(|part| part.split("&&"))
                .map(str::trim)
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .filter(|c| c.starts_with("roadbook "))
        .map(|c| {
            let mut c = c;
            for (name, value) in vars {
                c = c.replace(name, value);
            }
            words(&c)
        })
        .collect()
}

/// A scaffold with `--ci HOST`, committed, with two roadmap tags.
fn published(host: &str) -> Project {
    let p = Project::empty();
    p.run(&["init", "--ci", host]).ok();
    git(&p, "2026-09-30", &["init", "-q", "-b", "main"]);
    git(&p, "2026-09-30", &["add", "-A"]);
    git(&p, "2026-09-30", &["commit", "-qm", "roadmap"]);
    for name in ["2026-Q3", "2026-Q4"] {
        p.run(&["snapshot", name]).ok();
    }
    // A slip nobody approved yet: a warning, which the site is there to
    // show, so the pipeline publishes it.
    let path = "content/initiatives/erp-upgrade.md";
    p.write(
        path,
        &p.read(path)
            .replacen("    due: 2027-Q1", "    due: 2027-Q2", 1),
    );
    git(&p, "2026-10-15", &["commit", "-qam", "a slip"]);
    let check = p.run(&["check"]).ok();
    assert!(
        check.stderr.contains("unacknowledged-slip"),
        "{}",
        check.stderr
    );
    p
}

/// Run the recipe's commands as the pipeline would, and check the result.
fn run_recipe(p: &Project, commands: &[Vec<String>], dest: &str, url: &str) {
    assert!(commands.iter().any(|c| c[1] == "check"), "{commands:?}");
    for c in commands {
        // The binary's own parser accepts every command the recipe runs.
        roadbook::cli::Cli::try_parse_from(c).unwrap_or_else(|e| panic!("{c:?}: {e}"));
    }
    let run_all = || -> String {
        let mut last = String::new();
        for c in commands {
            let args: Vec<&str> = c[1..].iter().map(String::as_str).collect();
            last = p.run(&args).ok().stderr;
        }
        last
    };
    let first = run_all();
    for version in ["2026-Q3", "2026-Q4"] {
        assert!(
            p.path()
                .join(dest)
                .join("v")
                .join(version)
                .join("index.html")
                .is_file(),
            "{version}"
        );
    }
    assert!(
        first.contains(&format!("published at {url}/brief.html")),
        "{first}"
    );
    // The cached build folder: a second run renders nothing again.
    let second = run_all();
    assert!(second.contains("(0 written, "), "{second}");
}

#[test]
fn the_github_recipe_checks_builds_and_publishes_every_tag_to_pages() {
    let p = published("github");
    let yaml = p.read(".github/workflows/roadbook.yml");
    // Installed and cached as the version that wrote it.
    assert!(yaml.contains(&format!(
        "cargo install --locked roadbook --version {}",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(yaml.contains(&format!(
        "key: roadbook-bin-${{{{ runner.os }}}}-{}",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(!yaml.contains("ROADBOOK_VERSION"));
    let flow: Value = serde_saphyr::from_str(&yaml).unwrap();
    let steps = flow["jobs"]["build"]["steps"].as_array().unwrap();
    let checkout = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/checkout@"))
        })
        .unwrap();
    assert_eq!(checkout["with"]["fetch-depth"], 0, "every tag is needed");
    let runs: Vec<String> = steps
        .iter()
        .filter_map(|s| s["run"].as_str().map(String::from))
        .collect();
    let url = "https://acme.github.io/roadmap";
    let commands = roadbook_commands(&runs, &[("${{ steps.pages.outputs.base_url }}", url)]);
    let build = commands.iter().find(|c| c[1] == "build").unwrap();
    let dest = &build[build.iter().position(|w| w == "-d").unwrap() + 1];
    // What is cached and uploaded is what is built.
    let paths: Vec<&str> = steps
        .iter()
        .filter_map(|s| s["with"]["path"].as_str())
        .collect();
    assert!(
        paths.iter().filter(|&&x| x == dest).count() == 2,
        "{paths:?}"
    );
    assert!(flow["on"]["push"]["tags"][0]
        .as_str()
        .unwrap()
        .starts_with("roadmap/"));
    run_recipe(&p, &commands, dest, url);
}

#[test]
fn the_gitlab_recipe_checks_builds_and_publishes_every_tag_to_pages() {
    let p = published("gitlab");
    let yaml = p.read(".gitlab-ci.yml");
    assert!(yaml.contains(&format!("key: roadbook-bin-{}", env!("CARGO_PKG_VERSION"))));
    assert!(!yaml.contains("ROADBOOK_VERSION"));
    let ci: Value = serde_saphyr::from_str(&yaml).unwrap();
    let pages = &ci["pages"];
    assert_eq!(pages["variables"]["GIT_DEPTH"], 0, "every tag is needed");
    let script: Vec<String> = pages["script"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    let url = "https://acme.gitlab.io/roadmap";
    let commands = roadbook_commands(&script, &[("$CI_PAGES_URL", url)]);
    let build = commands.iter().find(|c| c[1] == "build").unwrap();
    let dest = &build[build.iter().position(|w| w == "-d").unwrap() + 1];
    assert_eq!(dest, "public", "GitLab Pages publishes public/");
    assert_eq!(pages["artifacts"]["paths"][0], "public");
    let cached: Vec<&str> = pages["cache"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| {
            c["paths"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap())
        })
        .collect();
    assert!(cached.contains(&"public/"), "{cached:?}");
    run_recipe(&p, &commands, dest, url);
}

#[test]
fn an_existing_roadmap_gets_the_pipeline_alone_and_it_is_never_replaced() {
    let p = Project::empty();
    p.run(&["init"]).ok();
    let before = p.tree("content");
    let out = p.run(&["init", "--ci", "gitlab"]).ok();
    assert!(
        out.stderr.contains("Wrote .gitlab-ci.yml"),
        "{}",
        out.stderr
    );
    assert_eq!(p.tree("content"), before);
    p.write(".gitlab-ci.yml", "# mine\n");
    let out = p.run(&["init", "--ci", "gitlab"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains(".gitlab-ci.yml already exists"),
        "{}",
        out.stderr
    );
    assert_eq!(p.read(".gitlab-ci.yml"), "# mine\n");
}

/// The pipeline runs on the project's own snapshot tags and, on GitHub
/// (which has no "default branch" trigger), on the branch the project is on.
#[test]
fn the_pipelines_follow_the_snapshot_tags_and_the_branch() {
    let p = Project::empty();
    git(&p, "2026-09-30", &["init", "-q", "-b", "trunk"]);
    p.run(&["init", "--force", "."]).ok();
    p.write(
        "book.toml",
        &format!(
            "{}\n[snapshots]\ntags = \"plan.v/*\"\n",
            p.read("book.toml")
        ),
    );
    let out = p.run(&["init", "--ci", "github"]).ok();
    assert!(
        out.stderr
            .contains("on every push to `trunk` and every tag matching `plan.v/*`"),
        "{}",
        out.stderr
    );
    let flow: Value = serde_saphyr::from_str(&p.read(".github/workflows/roadbook.yml")).unwrap();
    assert_eq!(flow["on"]["push"]["branches"][0], "trunk");
    assert_eq!(flow["on"]["push"]["tags"][0], "plan.v/*");
    // GitHub refuses a tag's deployment until the environment allows it.
    assert!(p
        .read(".github/workflows/roadbook.yml")
        .contains("add a tag\n# rule `plan.v/*`"));
    p.run(&["init", "--ci", "gitlab"]).ok();
    let gitlab = p.read(".gitlab-ci.yml");
    assert!(
        gitlab.contains("$CI_COMMIT_TAG =~ /^plan\\.v\\//"),
        "{gitlab}"
    );
    // A mistake elsewhere in book.toml does not lose the project's tags;
    // a book.toml that is not TOML is said, not taken for the default.
    std::fs::remove_file(p.path().join(".gitlab-ci.yml")).unwrap();
    let toml = p.read("book.toml");
    p.write(
        "book.toml",
        &toml.replacen("[book]", "[book]\ntitel = 42", 1),
    );
    p.run(&["init", "--ci", "gitlab"]).ok();
    assert!(p.read(".gitlab-ci.yml").contains("plan\\.v"));
    std::fs::remove_file(p.path().join(".gitlab-ci.yml")).unwrap();
    p.write("book.toml", &format!("{toml}\n[broken\n"));
    let out = p.run(&["init", "--ci", "gitlab"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("book.toml cannot be read")
            && out.stderr.contains("book.toml:")
            && !p.path().join(".gitlab-ci.yml").exists(),
        "{}",
        out.stderr
    );
}
