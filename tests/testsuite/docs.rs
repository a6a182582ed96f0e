//! The user guide's walk-through, run as written: every output it shows is
//! what the commands print, so a reader who follows it sees the same.

use crate::helpers::Project;

/// The blocks of a guide page fenced as ```lang, in order.
fn fenced(page: &str, lang: &str) -> Vec<String> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs")
            .join(page),
    )
    .unwrap();
    let fence = format!("```{lang}");
    let mut blocks = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line == fence {
            let block: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            blocks.push(block.join("\n"));
        }
    }
    blocks
}

/// The `roadbook` commands a guide page tells the reader to type, in order,
/// without their comments.
fn commands(page: &str) -> Vec<String> {
    fenced(page, "sh")
        .iter()
        .flat_map(|b| b.lines().map(str::to_string).collect::<Vec<_>>())
        .filter(|l| l.starts_with("roadbook "))
        .map(|l| l.split("  #").next().unwrap().trim_end().to_string())
        .collect()
}

/// How a reader types `args` after `roadbook`.
fn typed(args: &[&str]) -> String {
    let words: Vec<String> = args
        .iter()
        .map(|a| {
            if a.contains(' ') {
                format!("\"{a}\"")
            } else {
                a.to_string()
            }
        })
        .collect();
    format!("roadbook {}", words.join(" "))
}

#[test]
fn the_getting_started_walk_through_prints_what_it_shows() {
    let blocks = fenced("getting-started.md", "text");
    assert_eq!(blocks.len(), 6, "{blocks:#?}");
    let p = Project::empty();
    // The day the guide was written, for the dates it shows.
    let run = |dir: &str, args: &[&str]| {
        let out = p
            .cmd(args)
            .current_dir(p.path().join(dir))
            .env("SOURCE_DATE_EPOCH", "1795953600")
            .env("GIT_COMMITTER_DATE", "2026-11-29T12:00:00Z")
            .env("GIT_AUTHOR_DATE", "2026-11-29T12:00:00Z")
            .env("GIT_COMMITTER_NAME", "PMO")
            .env("GIT_COMMITTER_EMAIL", "pmo@example.com")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    // The commands the guide has the reader type, as this test types them:
    // a command changed in the guide and not here fails below.
    let typed_here = std::cell::RefCell::new(Vec::new());
    let step = |dir: &str, args: &[&str]| {
        typed_here.borrow_mut().push(typed(args));
        run(dir, args)
    };
    let expect = |got: String, block: &str| {
        assert!(
            got.contains(block),
            "the guide shows\n{block}\nbut got\n{got}"
        );
    };
    let version = step("", &["--version"]);
    // What the guide says it prints, up to the build id it leaves out.
    let shown = fenced("getting-started.md", "sh")
        .iter()
        .flat_map(|b| b.lines().map(str::to_string).collect::<Vec<_>>())
        .find(|l| l.starts_with("roadbook --version"))
        .and_then(|l| {
            Some(
                l.split_once("# ")?
                    .1
                    .split('…')
                    .next()?
                    .trim_end()
                    .to_string(),
            )
        })
        .expect("the guide shows what --version prints");
    assert!(
        version.starts_with(&shown),
        "the guide shows `{shown}`, roadbook printed `{version}`"
    );
    expect(step("", &["init", "my-roadmap"]), &blocks[0]);
    let dir = "my-roadmap";
    expect(step(dir, &["build"]), &blocks[1]);
    let root = p.path().join(dir);
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=PMO", "-c", "user.email=pmo@example.com"])
            .args(["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"])
            .args(args)
            .current_dir(&root)
            .env("GIT_AUTHOR_DATE", "2026-11-29T12:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-11-29T12:00:00Z")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "First roadmap"]);
    expect(step(dir, &["snapshot", "2026-Q4"]), &blocks[2]);
    let initiative = "content/initiatives/erp-upgrade.md";
    let text = std::fs::read_to_string(root.join(initiative)).unwrap();
    assert_eq!(text.matches("    due: 2027-Q1").count(), 1, "{text}");
    std::fs::write(
        root.join(initiative),
        text.replace("    due: 2027-Q1", "    due: 2027-Q2"),
    )
    .unwrap();
    expect(step(dir, &["check"]), &blocks[3]);
    step(
        dir,
        &[
            "new",
            "change",
            "move-test-cutover",
            "--title",
            "Test cut-over moved: data migration late",
            "--affects",
            "erp-upgrade/test-cutover",
            "--decided-by",
            "Steering committee",
        ],
    );
    expect(step(dir, &["check"]), &blocks[4]);
    let change = root.join("content/changes/move-test-cutover.md");
    let text = std::fs::read_to_string(&change).unwrap();
    std::fs::write(
        &change,
        text.replace(
            "requested_by: Name (Role)",
            "requested_by: Sam Reyes (ERP lead)",
        )
        .replace(
            "What changes (dates, scope, budget), why, and what was weighed.",
            "The test cut-over needs the March data load; moved a quarter.",
        ),
    )
    .unwrap();
    expect(run(dir, &["check"]), "No findings.");
    git(&["add", "-A"]);
    git(&["commit", "-qm", "Test cut-over moved"]);
    step(dir, &["snapshot", "2026-Q4-steering"]);
    expect(
        step(dir, &["diff", "2026-Q4", "2026-Q4-steering"]),
        &blocks[5],
    );
    step(dir, &["build"]);
    for page in [
        "site/v/2026-Q4/index.html",
        "site/v/2026-Q4-steering/index.html",
        "site/history/2026-Q4--2026-Q4-steering.html",
    ] {
        assert!(root.join(page).is_file(), "{page}");
    }
    assert_eq!(typed_here.into_inner(), commands("getting-started.md"));
}
