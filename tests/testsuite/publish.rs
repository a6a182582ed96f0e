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
    // The record of published quarters is a dotfile: the upload publishes
    // it (v3 does; v4 leaves dotfiles out, later versions unless told).
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .unwrap();
    assert!(
        upload["uses"] == "actions/upload-pages-artifact@v3"
            || upload["with"]["include-hidden-files"] == true,
        "{upload:?}"
    );
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

/// The recipe's shell from the step that takes the live site's record on,
/// run as the pipeline would (GitHub: `bash -e` per step; GitLab: one
/// shell for the whole script, `set -eo pipefail`), with `roadbook` the
/// binary under test, `live` the address the site is published at and
/// `env` the project's CI variables. Whether it passed, and what it printed.
fn run_from_restore(p: &Project, host: &str, live: &str, env: &[(&str, &str)]) -> (bool, String) {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_roadbook"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let (shell, scripts): (&[&str], Vec<String>) = if host == "github" {
        let flow: Value =
            serde_saphyr::from_str(&p.read(".github/workflows/roadbook.yml")).unwrap();
        let steps = flow["jobs"]["build"]["steps"].as_array().unwrap();
        let from = steps
            .iter()
            .position(|s| s["name"] == "Take the record of published quarters from the live site")
            .expect("a step takes the live site's record");
        let scripts = steps[from..]
            .iter()
            .filter_map(|s| s["run"].as_str())
            .map(|s| s.replace("${{ steps.pages.outputs.base_url }}", live))
            .collect();
        (&["--noprofile", "--norc", "-e", "-c"], scripts)
    } else {
        let ci: Value = serde_saphyr::from_str(&p.read(".gitlab-ci.yml")).unwrap();
        let script: Vec<&str> = ci["pages"]["script"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        (
            &["--noprofile", "--norc", "-eo", "pipefail", "-c"],
            vec![script.join("\n")],
        )
    };
    let mut printed = String::new();
    for script in scripts {
        let out = std::process::Command::new("bash")
            .args(shell)
            .arg(&script)
            .current_dir(p.path())
            .env("PATH", &path)
            .env("CI_PAGES_URL", live)
            .envs(env.iter().copied())
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        printed.push_str(&String::from_utf8_lossy(&out.stdout));
        printed.push_str(&String::from_utf8_lossy(&out.stderr));
        if !out.status.success() {
            return (false, printed);
        }
    }
    (true, printed)
}

/// As [`run_from_restore`], which must pass.
fn run_recipe_shell(p: &Project, host: &str, live: &str) -> String {
    let (passed, printed) = run_from_restore(p, host, live, &[]);
    assert!(passed, "{printed}");
    printed
}

/// A web host on loopback serving the files under `root` at `/roadmap/`
/// (404 for any other) as Pages serves a published site, or answering
/// every request with `status` (a login wall, a fault): its address.
fn pages_host(root: std::path::PathBuf, status: Option<&'static str>) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // The headers, read to their end before answering.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/");
            let found = path
                .strip_prefix("/roadmap/")
                .filter(|rel| !rel.contains(".."))
                .and_then(|rel| std::fs::read(root.join(rel)).ok());
            let page = b"<!DOCTYPE html><title>Sign in</title>".to_vec();
            let (status, body) = match (status, found) {
                (Some(status), _) => (status, page),
                (None, Some(body)) => ("200 OK", body),
                (None, None) => ("404 Not Found", page),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    format!("http://127.0.0.1:{port}/roadmap")
}

/// The quarterly routine through the recipe's own shell, across caches
/// dropped or stale: the live site's record holds every quarter as first
/// published, whatever the cache kept; only a site never published starts
/// a record; an answer that is no record stops the run before it would
/// replace the live one.
fn the_live_record_holds_every_quarter_whatever_the_cache_kept(host: &str) {
    let p = published(host);
    let dest = if host == "github" { "site" } else { "public" };
    let record = format!("{dest}/.roadbook-published");
    let elsewhere = tempfile::tempdir().unwrap();
    let url = |dir: &std::path::Path| pages_host(dir.to_path_buf(), None);
    let nowhere = url(&elsewhere.path().join("nothing-published"));

    let first = run_recipe_shell(&p, host, &nowhere);
    assert!(
        first.contains("No record published at") && first.contains("a first publication"),
        "{first}"
    );
    assert!(
        first.contains(&format!("note: started {record}")),
        "{first}"
    );
    let published_record = p.read(&record);
    assert!(published_record.contains("2026-Q4\t"), "{published_record}");
    // Deployed: the live site is the build folder as it was uploaded.
    let live = elsewhere.path().join("live");
    let copied = std::process::Command::new("cp")
        .args(["-r", dest])
        .arg(&live)
        .current_dir(p.path())
        .status()
        .unwrap();
    assert!(copied.success());
    let live_url = url(&live);

    // The cache dropped, and Q3's tag moved onto a later commit.
    std::fs::remove_dir_all(p.path().join(dest)).unwrap();
    git(
        &p,
        "2026-11-02",
        &["tag", "-f", "-a", "roadmap/2026-Q3", "-m", "Q3", "HEAD"],
    );
    let dropped = run_recipe_shell(&p, host, &live_url);
    assert!(
        dropped.contains("Holding every quarter to the record published at"),
        "{dropped}"
    );
    let said = |out: &str, name: &str| {
        out.contains(&format!(
            "snapshot {name} has changed since this site first published it"
        ))
    };
    assert!(said(&dropped, "2026-Q3"), "{dropped}");
    assert!(!dropped.contains("note: started"), "{dropped}");
    assert_eq!(p.read(&record), published_record, "carried as published");

    // A stale cache, from before Q4 was published (a tag's run caches for
    // that tag alone): Q4's tag moved since is said all the same.
    let stale: String = p
        .read(&record)
        .lines()
        .filter(|l| !l.starts_with("2026-Q4\t"))
        .map(|l| format!("{l}\n"))
        .collect();
    p.write(&record, &stale);
    git(
        &p,
        "2026-11-03",
        &["tag", "-f", "-a", "roadmap/2026-Q4", "-m", "Q4", "HEAD"],
    );
    let stale_run = run_recipe_shell(&p, host, &live_url);
    assert!(said(&stale_run, "2026-Q4"), "{stale_run}");
    assert!(said(&stale_run, "2026-Q3"), "{stale_run}");

    // A site never published: a record is started, and check says that
    // none held the quarters before.
    std::fs::remove_dir_all(p.path().join(dest)).unwrap();
    let unheld = run_recipe_shell(&p, host, &nowhere);
    assert!(!unheld.contains("snapshot-rewritten"), "{unheld}");
    assert!(
        unheld.contains(&format!(
            "note: no build folder at {dest}, so no record of the snapshots a site there published to hold the 2 archived versions to"
        )),
        "{unheld}"
    );

    // A sign-in page served as found, or a refusal: no record, and the
    // run stops before publishing over the live one, unless the project
    // says its site cannot be read from CI.
    let junk = elsewhere.path().join("junk");
    std::fs::create_dir_all(&junk).unwrap();
    std::fs::write(
        junk.join(".roadbook-published"),
        "<!DOCTYPE html>\n<title>Sign in</title>\n",
    )
    .unwrap();
    let forbidden = pages_host(live.clone(), Some("403 Forbidden"));
    for address in [url(&junk), forbidden] {
        std::fs::remove_dir_all(p.path().join(dest)).unwrap();
        let (passed, refused) = run_from_restore(&p, host, &address, &[]);
        assert!(!passed, "{refused}");
        assert!(
            refused.contains("could not be read")
                && refused.contains("publishing now would replace it"),
            "{refused}"
        );
        assert!(!p.path().join(&record).exists());
        let (passed, optional) =
            run_from_restore(&p, host, &address, &[("ROADBOOK_LIVE_RECORD", "optional")]);
        assert!(passed, "{optional}");
        assert!(optional.contains("could not be read"), "{optional}");
        assert!(!p.read(&record).contains("DOCTYPE"));
    }
}

#[test]
fn the_github_recipe_holds_every_quarter_to_the_live_record() {
    the_live_record_holds_every_quarter_whatever_the_cache_kept("github");
}

#[test]
fn the_gitlab_recipe_holds_every_quarter_to_the_live_record() {
    the_live_record_holds_every_quarter_whatever_the_cache_kept("gitlab");
}
