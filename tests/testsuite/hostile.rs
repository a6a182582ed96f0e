//! Hostile and broken input: every case gets its diagnostic (file, line
//! when there is one, code), nothing panics, and the run ends in bounded
//! time.

use crate::helpers::{Output, Project};
use std::time::Duration;

/// `roadbook ARGS` that must finish within a minute and must not panic.
fn run_bounded(p: &Project, args: &[&str]) -> Output {
    let out = p
        .cmd(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let out = Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !out.stderr.contains("panicked") && (0..=2).contains(&out.code),
        "no panic, no signal, no timeout: code {}\n{}",
        out.code,
        out.stderr
    );
    out
}

fn assert_head(out: &Output, head: &str) {
    assert!(
        out.heads().iter().any(|h| h == head),
        "missing `{head}` in {:#?}",
        out.heads()
    );
}

fn alias_bomb() -> String {
    let mut lines = vec![
        "---".to_string(),
        "a0: &a0 [x, x, x, x, x, x, x, x, x]".to_string(),
    ];
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        lines.push(format!("a{i}: &a{i} [{refs}]"));
    }
    lines.extend(["title: Bomb".into(), "owner: A".into(), "---".into()]);
    lines.join("\n") + "\n"
}

#[test]
fn every_broken_file_gets_its_diagnostic_and_nothing_panics() {
    let p = Project::fixture("valid");
    let o = "content/outcomes";
    p.write(
        &format!("{o}/malformed.md"),
        "---\ntitle: [unclosed\nowner: A\n---\n",
    );
    p.write(&format!("{o}/bomb.md"), &alias_bomb());
    p.write(
        &format!("{o}/deep.md"),
        &format!(
            "---\ntitle: Deep\nowner: A\nx: {}{}\n---\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    );
    let mut nested_map = String::from("---\ntitle: Deep map\nowner: A\n");
    for depth in 0..300 {
        nested_map.push_str(&format!("{}k:\n", "  ".repeat(depth)));
    }
    nested_map.push_str("---\n");
    p.write(&format!("{o}/deep-map.md"), &nested_map);
    p.write(
        &format!("{o}/deep-toml.md"),
        &format!(
            "+++\ntitle = \"T\"\nx = {}{}\n+++\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    );
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    p.write_bytes(&format!("{o}/binary.md"), &binary);
    p.write_bytes(
        &format!("{o}/latin1.md"),
        b"---\ntitle: Caf\xe9\nowner: A\n---\n",
    );
    p.write(&format!("{o}/empty.md"), "");
    p.write(&format!("{o}/list.md"), "---\n- a\n- b\n---\n");
    p.write(&format!("{o}/scalar.md"), "---\njust a string\n---\n");
    p.write(
        &format!("{o}/crlf.md"),
        "\u{feff}---\r\ntitle: CRLF\r\nowner: X\r\n\r\nhorizon: 2027-13\r\n---\r\nBody\r\n",
    );
    p.write(
        &format!("{o}/far.md"),
        "---\ntitle: Far\nowner: A\nhorizon: 99999-01-01\n---\n",
    );
    p.write(
        "content/initiatives/impossible.md",
        "---\ntitle: I\nowner: A\nstart: 2026-02-30\nend: 0000-00-00\noutcomes: [grow-online]\n---\n",
    );
    p.write(
        &format!("{o}/with space.md"),
        "---\ntitle: S\nowner: A\n---\n",
    );
    p.write(&format!("{o}/café.md"), "---\ntitle: S\nowner: A\n---\n");
    p.write(
        &format!("{o}/dots.md"),
        "---\nid: ../../etc\ntitle: S\nowner: A\n---\n",
    );
    p.write(
        &format!("{o}/slash.md"),
        "---\nid: a/b\ntitle: S\nowner: A\n---\n",
    );
    p.write(
        &format!("{o}/dotdot.md"),
        "---\nid: ..\ntitle: S\nowner: A\n---\n",
    );
    std::fs::create_dir_all(p.path().join("content/loop")).unwrap();
    std::os::unix::fs::symlink("..", p.path().join("content/loop/up")).unwrap();
    std::os::unix::fs::symlink("..", p.path().join("content/root")).unwrap();
    // Above the project: a loop to the walk, but outside is what to hear.
    std::os::unix::fs::symlink(p.path().parent().unwrap(), p.path().join("content/above")).unwrap();

    let out = run_bounded(&p, &["check"]);
    assert_eq!(out.code, 1);
    for head in [
        // The caret on the `[` never closed, not where the parser tripped.
        "content/outcomes/malformed.md:2:8: error[RB0003]",
        "content/outcomes/bomb.md:7:15: error[RB0003]",
        "content/outcomes/binary.md:2:118: error[RB0002]",
        "content/outcomes/latin1.md:2:11: error[RB0002]",
        "content/outcomes/empty.md:1:1: error[RB0003]",
        "content/outcomes/list.md:2:1: error[RB0004]",
        "content/outcomes/scalar.md:2:1: error[RB0004]",
        // CRLF and a BOM: still the fifth line.
        "content/outcomes/crlf.md:5:10: error[RB0006]",
        "content/outcomes/far.md:4:10: error[RB0006]",
        "content/initiatives/impossible.md:4:8: error[RB0006]",
        "content/initiatives/impossible.md:5:6: error[RB0006]",
        "content/outcomes/with space.md:1:1: error[RB0007]",
        "content/outcomes/café.md:1:1: error[RB0007]",
        "content/outcomes/dots.md:2:5: error[RB0007]",
        "content/outcomes/slash.md:2:5: error[RB0007]",
        "content/outcomes/dotdot.md:2:5: error[RB0007]",
        "content/loop/up: error[RB0002]",
    ] {
        assert_head(&out, head);
    }
    assert!(out
        .stderr
        .contains("more than 200000 values through its aliases (an alias bomb?)"));
    // Where each leads, named: the project folder has no name of its own.
    assert!(
        out.stderr.contains(
            "symbolic link loop: `content/loop/up` leads back to `content`, a folder that holds it"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "symbolic link loop: `content/root` leads back to the project folder, which holds it"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("error[RB0002]: `content/above` leads outside the project"),
        "{}",
        out.stderr
    );
    for deep in ["deep.md", "deep-map.md", "deep-toml.md"] {
        assert!(
            out.heads()
                .iter()
                .any(|h| h.starts_with(&format!("content/outcomes/{deep}:"))
                    && h.ends_with("error[RB0003]")),
            "{deep}: {:#?}",
            out.heads()
        );
    }
    assert!(out.stderr.contains("nested too deeply") || out.stderr.contains("nested more than"));
    // The build refuses the same input and writes nothing.
    let out = run_bounded(&p, &["build"]);
    assert_eq!(out.code, 1);
    assert!(!p.path().join("site").exists());
}

/// A document just under the size limit, of prose or of the Markdown
/// that costs the parser most (a run of code spans), is read and built in
/// bounded time.
#[test]
fn a_document_at_the_size_limit_is_read_in_bounded_time() {
    let prose = "lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20) + "\n";
    let spans = "`c` `d` ".repeat(100) + "\n";
    for (line, shown) in [
        (prose, "lorem ipsum"),
        (spans, "<code>c</code> <code>d</code>"),
    ] {
        let p = Project::fixture("valid");
        let mut big = String::from("---\ntitle: Big\nowner: A\nstatus: bogus\n---\n");
        while big.len() + line.len() < 4 << 20 {
            big.push_str(&line);
        }
        p.write("content/outcomes/big.md", &big);
        let out = run_bounded(&p, &["check"]);
        assert_head(&out, "content/outcomes/big.md:4:1: warning[RB0103]");
        let out = run_bounded(&p, &["build", "-q"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let page = p.read("site/outcomes/big.html");
        assert!(page.contains(shown), "the body is on its page");
    }
}

#[test]
fn links_leading_out_of_the_project_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: TOP-SECRET-TITLE\nowner: A\n---\nTOP-SECRET-BODY\n",
    )
    .unwrap();
    std::fs::write(
        outside.path().join("secret.csv"),
        "date,value\n2026-01,42\n",
    )
    .unwrap();
    let p = Project::fixture("valid");
    let link = |from: &std::path::Path, to: &str| {
        std::fs::create_dir_all(p.path().join(to).parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(from, p.path().join(to)).unwrap();
    };
    link(
        &outside.path().join("secret.md"),
        "content/outcomes/secret.md",
    );
    link(outside.path(), "content/elsewhere");
    link(
        &outside.path().join("secret.csv"),
        "content/data/secret.csv",
    );
    // A link that stays inside the project is fine.
    link(
        &p.path().join("content/data/online-share.csv"),
        "content/data/inside-link.csv",
    );
    let out = run_bounded(&p, &["check"]);
    for head in [
        "content/outcomes/secret.md: error[RB0002]",
        "content/elsewhere: error[RB0002]",
        "content/data/secret.csv: error[RB0002]",
    ] {
        assert_head(&out, head);
    }
    assert!(out.stderr.contains("outside the project"));
    assert!(!out.heads().iter().any(|h| h.contains("inside-link")));
    assert!(!out.stderr.contains("TOP-SECRET"));
}

/// `data_file`, `[[...]]`, theme files and snapshot folders cannot read
/// outside the project, by path or through a link.
#[test]
fn nothing_outside_the_project_is_read() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.csv");
    std::fs::write(&secret, "date,value\n2026-01,424242\n").unwrap();
    std::fs::write(outside.path().join("base.html"), "TOP-SECRET-TEMPLATE").unwrap();
    let frozen = outside.path().join("frozen");
    std::fs::create_dir_all(frozen.join("content/outcomes")).unwrap();
    std::fs::write(
        frozen.join("book.toml"),
        "[book]\ntitle = \"TOP-SECRET-SNAPSHOT\"\n[roadmap]\ntoday = \"2026-06-30\"\n",
    )
    .unwrap();
    // A complete, valid roadmap: were it read, it would be a version.
    std::fs::write(
        frozen.join("content/outcomes/grow-online.md"),
        "---\ntitle: TOP-SECRET-OUTCOME\nowner: A\n---\n",
    )
    .unwrap();

    let p = Project::fixture("valid");
    let kpi = p.read("content/kpis/online-share.md").replace(
        "data_file: data/online-share.csv",
        &format!("data_file: ../../../../../../..{}", secret.display()),
    );
    p.write("content/kpis/online-share.md", &kpi);
    p.write(
        "content/outcomes/grow-online.md",
        &(p.read("content/outcomes/grow-online.md") + "\nSee [[../../etc/passwd]].\n"),
    );
    let out = run_bounded(&p, &["check"]);
    assert_head(&out, "content/kpis/online-share.md:9:12: error[RB0102]");
    assert!(out.stderr.contains("not found under the content folder"));
    assert!(
        out.heads()
            .iter()
            .any(|h| h.starts_with("content/outcomes/grow-online.md:")
                && h.ends_with("error[RB0102]")),
        "{:#?}",
        out.heads()
    );

    // A theme override and a frozen snapshot linked from outside.
    let p = Project::fixture("valid");
    std::fs::create_dir_all(p.path().join("themes/evil/templates")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("base.html"),
        p.path().join("themes/evil/templates/base.html"),
    )
    .unwrap();
    std::fs::create_dir_all(p.path().join("snapshots")).unwrap();
    std::os::unix::fs::symlink(&frozen, p.path().join("snapshots/2026-Q1")).unwrap();
    p.write(
        "book.toml",
        &(p.read("book.toml") + "\n[build]\ntheme = \"evil\"\n"),
    );
    let out = run_bounded(&p, &["build"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("templates/base.html"), "{}", out.stderr);
    assert!(out.stderr.contains("outside the project"), "{}", out.stderr);
    assert!(!p.path().join("site").exists());
    // Without the theme, the site builds, and the linked snapshot is
    // refused with a diagnostic instead of being read.
    p.write(
        "book.toml",
        &p.read("book.toml").replace("theme = \"evil\"", ""),
    );
    let out = run_bounded(&p, &["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run_bounded(&p, &["check"]);
    assert_head(&out, "snapshots/2026-Q1: warning[RB0301]");
    let site = p.tree("site");
    assert!(!site.keys().any(|k| k.starts_with("v/2026-Q1")));
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("TOP-SECRET") && !text.contains("424242"),
            "{path}"
        );
    }
    // A snapshot folder set outside the project is a config error.
    p.write(
        "book.toml",
        &(p.read("book.toml") + "\n[snapshots]\ndir = \"../elsewhere\"\n"),
    );
    let out = run_bounded(&p, &["check"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("inside the project"), "{}", out.stderr);
}

/// The edges of the years a date may name build: nothing computed from
/// them (slips, quarters, chart positions, durations) may overflow. The
/// calendar's own edges (year 1, year 9999) are typos, said as such: they
/// made a milestone 740,316 days overdue and a timeline of 8 MB.
#[test]
fn the_first_and_last_years_taken_build() {
    let p = Project::fixture("valid");
    let extreme = |first: &str, last: &str| {
        format!("---\ntitle: Extreme\nowner: A\noutcomes: [grow-online]\nstatus: active\nstart: {first}-01-01\nend: {last}-Q4\nteam: web\neffort: 10\nmilestones:\n  - id: far\n    title: Far\n    due: {last}-12-31\n    baseline: {first}-01\n    criteria: [x]\n  - id: early\n    title: Early\n    due: {first}-01-01\n    done: {last}-12-31\n    criteria: [y]\n---\n")
    };
    p.write("content/initiatives/extreme.md", &extreme("1900", "2199"));
    let out = run_bounded(&p, &["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(p
        .read("site/initiatives/extreme.html")
        .contains("2199-12-31"));
    p.write("content/initiatives/extreme.md", &extreme("0001", "9999"));
    let out = run_bounded(&p, &["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stderr.matches("error[RB0006]").count(),
        6,
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("`start`: `0001-01-01`: year 1 is outside 1900 to 2199; a typo in the year?"),
        "{}",
        out.stderr
    );
}

/// A folder above the content (or the themes folder) that is a link out of
/// the project: its files do not look like links, the folder does.
#[test]
fn folders_linked_from_outside_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("content/outcomes")).unwrap();
    std::fs::write(
        outside.path().join("content/outcomes/secret.md"),
        "---\ntitle: TOP-SECRET\nowner: A\n---\n",
    )
    .unwrap();
    std::fs::create_dir_all(outside.path().join("evil/templates")).unwrap();
    std::fs::write(
        outside.path().join("evil/templates/base.html"),
        "TOP-SECRET-TEMPLATE",
    )
    .unwrap();

    let p = Project::fixture("valid");
    std::os::unix::fs::symlink(outside.path(), p.path().join("docs")).unwrap();
    p.write(
        "book.toml",
        &(p.read("book.toml") + "\n[build]\ncontent-dir = \"docs/content\"\n"),
    );
    let out = run_bounded(&p, &["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_head(&out, "docs/content: error[RB0002]");
    assert!(out.stderr.contains("outside the project"), "{}", out.stderr);
    assert!(!p.path().join("site").exists());

    let p = Project::fixture("valid");
    std::os::unix::fs::symlink(outside.path(), p.path().join("themes")).unwrap();
    p.write(
        "book.toml",
        &(p.read("book.toml") + "\n[build]\ntheme = \"evil\"\n"),
    );
    let out = run_bounded(&p, &["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("outside the project"), "{}", out.stderr);
    assert!(!p.path().join("site").exists());
}

/// Editors leave hidden, dangling links beside the files they edit (Emacs:
/// `.#plan.md -> user@host.123`); they are not the roadmap's business. A
/// dangling link that is a document is.
#[test]
fn hidden_dangling_links_are_ignored_and_broken_documents_reported() {
    let p = Project::fixture("valid");
    std::os::unix::fs::symlink(
        "user@host.12345:1700000000",
        p.path().join("content/initiatives/.#shop.md"),
    )
    .unwrap();
    let out = run_bounded(&p, &["check"]);
    assert!(
        out.heads().iter().all(|h| !h.contains("error[")),
        "{:#?}",
        out.heads()
    );
    std::os::unix::fs::symlink("nowhere.md", p.path().join("content/outcomes/gone.md")).unwrap();
    let out = run_bounded(&p, &["check"]);
    assert_head(&out, "content/outcomes/gone.md: error[RB0002]");
}

/// A content file cannot drive the terminal: ESC, BEL and NUL in a
/// front-matter value, a CSV value and a file name reach stderr as visible
/// pictures, never as control characters.
#[test]
fn control_characters_in_content_never_reach_the_terminal() {
    let p = Project::fixture("valid");
    p.write(
        "content/outcomes/o2.md",
        // YAML's own escapes put the control characters in the values.
        r#"---
title: "Retitle \e]0;owned\a"
owner: A
horizon: "\e[2Kerased\0"
---
"#,
    );
    p.write(
        "content/kpis/k2.md",
        "---\ntitle: K2\noutcome: o2\ntarget: 5\ndata_file: data/k2.csv\n---\n",
    );
    p.write(
        "content/data/k2.csv",
        "date,value\n2026-01,\u{1b}[31m12\u{7}\n",
    );
    for args in [&["check"][..], &["build"][..]] {
        let out = run_bounded(&p, args);
        let controls: Vec<char> = out
            .stderr
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(controls.is_empty(), "{controls:?} in\n{}", out.stderr);
        assert!(out.stderr.contains("␛[31m12␇"), "{}", out.stderr);
        assert!(out.stderr.contains("␛[2Kerased␀"), "{}", out.stderr);
    }
}

/// `roadbook check 2>&1 | head -1` under `pipefail`: the exit code is the
/// check's own, not 101 from a panic on the closed pipe.
#[test]
fn a_closed_pipe_keeps_the_exit_code() {
    let p = Project::fixture("valid");
    p.write("content/outcomes/bad.md", "---\ntitle: [unclosed\n---\n");
    let bin = assert_cmd::cargo::cargo_bin("roadbook");
    for (args, code) in [("check", 1), ("check --format json", 1), ("lints", 0)] {
        let script = format!(
            // The reader is gone before roadbook writes a byte.
            "set -o pipefail; {{ sleep 0.3; {} {args}; }} 2>&1 | true; echo \"status $?\"",
            bin.display()
        );
        let out = std::process::Command::new("bash")
            .args(["-c", &script])
            .current_dir(p.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(text.trim(), format!("status {code}"), "roadbook {args}");
    }
}

/// Raw HTML nested beyond what the sanitiser handles in bounded time is an
/// error at the line where it starts; a trusted project (`allow-html`)
/// skips the sanitiser and builds.
#[test]
fn raw_html_nested_too_deep_is_refused_at_its_line() {
    let p = Project::fixture("valid");
    p.write(
        "content/outcomes/deep.md",
        &format!(
            "---\ntitle: Deep\nowner: A\n---\nIntro.\n\n{}\n",
            "<div>".repeat(20_000)
        ),
    );
    let out = run_bounded(&p, &["check"]);
    assert_head(&out, "content/outcomes/deep.md:7:1: error[RB0008]");
    assert!(
        out.stderr.contains("more than 256 levels deep"),
        "{}",
        out.stderr
    );
    let out = run_bounded(&p, &["build"]);
    assert_eq!(out.code, 1);
    // 256 levels are fine.
    p.write(
        "content/outcomes/deep.md",
        &format!("---\ntitle: Deep\nowner: A\n---\n{}\n", "<div>".repeat(256)),
    );
    run_bounded(&p, &["build"]).ok();
    assert!(p.read("site/outcomes/deep.html").contains("<div><div>"));
}

/// Data files have a size and a row limit, told with the file, the line and
/// the limit; a huge value is quoted clipped, never whole.
#[test]
fn data_files_beyond_their_limits_are_refused_clearly() {
    let p = Project::fixture("valid");
    p.write(
        "content/kpis/big.md",
        "---\ntitle: Big\noutcome: grow-online\ntarget: 5\ndata_file: data/big.csv\n---\n",
    );
    let mut rows = String::from("date,value\n");
    for i in 0..100_001 {
        rows.push_str(&format!("2026-01-{:02},{i}\n", i % 28 + 1));
    }
    p.write("content/data/big.csv", &rows);
    let out = run_bounded(&p, &["check"]);
    assert!(
        out.stderr
            .contains("content/data/big.csv:100002:1: error[RB0008]")
            && out.stderr.contains("more than 100000 data rows"),
        "{}",
        out.stderr
    );
    // Over 16 MiB: refused before it is read.
    let zeros = std::fs::File::create(p.path().join("content/data/big.csv")).unwrap();
    zeros.set_len(17 << 20).unwrap();
    let out = run_bounded(&p, &["check"]);
    assert_head(&out, "content/data/big.csv: error[RB0008]");
    assert!(
        out.stderr
            .contains("17,825,792 bytes is over the limit of 16 MiB"),
        "{}",
        out.stderr
    );
    // A megabyte-long number is quoted in 40 characters.
    p.write(
        "content/data/big.csv",
        &format!("date,value\n2026-01,{}x\n", "9".repeat(1 << 20)),
    );
    let out = run_bounded(&p, &["check"]);
    assert!(
        out.stderr.len() < 20_000,
        "{} bytes of stderr",
        out.stderr.len()
    );
    assert!(out.stderr.contains("is not a number"), "{}", out.stderr);
}

/// A FIFO named like a document would block `open` forever: it is reported
/// and skipped.
#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_document_does_not_hang() {
    let p = Project::fixture("valid");
    let fifo = p.path().join("content/outcomes/pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = run_bounded(&p, &["check"]);
    assert!(
        out.stderr
            .contains("content/outcomes/pipe.md` is not a regular file"),
        "{}",
        out.stderr
    );
    // In a theme, where it replaces a built-in template: said, not
    // quietly taken for the built-in one.
    std::fs::remove_file(&fifo).unwrap();
    let template = p.path().join("themes/default/templates");
    std::fs::create_dir_all(&template).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(template.join("base.html"))
        .status()
        .unwrap();
    assert!(made.success());
    let out = run_bounded(&p, &["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("themes/default/templates/base.html is not a regular file"),
        "{}",
        out.stderr
    );
    assert!(!p.path().join("site").exists());
}

/// A KPI's data file that is a FIFO is said once, where it is: not also
/// "not found" on the KPI naming it, which would send the reader looking
/// for a typo.
#[cfg(unix)]
#[test]
fn a_fifo_as_a_data_file_is_one_finding() {
    let p = Project::fixture("valid");
    let csv = p.path().join("content/data/online-share.csv");
    std::fs::remove_file(&csv).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&csv)
        .status()
        .unwrap();
    assert!(made.success());
    let out = run_bounded(&p, &["check", "--format", "json"]);
    let rules: Vec<String> = out
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|f| f["severity"] == "error")
        .map(|f| format!("{} {}", f["rule"], f["path"]))
        .collect();
    assert_eq!(
        rules,
        [r#""unreadable-file" "content/data/online-share.csv""#],
        "{}",
        out.stdout
    );
    // With the content folder written `./content`, the same.
    let book = p.read("book.toml");
    p.write(
        "book.toml",
        &format!("{book}\n[build]\ncontent-dir = \"./content\"\n"),
    );
    let out = run_bounded(&p, &["check"]);
    assert!(!out.stderr.contains("not found"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("content/data/online-share.csv` is not a regular file"),
        "{}",
        out.stderr
    );
    p.write("book.toml", &book);
    // Missing for real, it is still "not found" on the KPI.
    std::fs::remove_file(&csv).unwrap();
    let out = run_bounded(&p, &["check"]);
    assert!(
        out.stderr
            .contains("data file `data/online-share.csv` not found under the content folder"),
        "{}",
        out.stderr
    );
}

/// Thousands of milestones in one initiative and thousands of findings in
/// one file are handled (both used to take time quadratic in their number:
/// a scan per milestone, a scan of the file per finding).
#[test]
fn ten_thousand_milestones_in_one_file_are_checked() {
    let p = Project::fixture("valid");
    let mut text =
        String::from("---\ntitle: Many\nowner: B\noutcomes: [grow-online]\nmilestones:\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "  - id: m{i}\n    title: M{i}\n    due: 2026-0{}-15\n    criteria: [x]\n",
            i % 9 + 1
        ));
    }
    text.push_str("  - id: m9999\n    title: Again\n    due: 2026-01-15\n---\n");
    p.write("content/initiatives/many.md", &text);
    let out = run_bounded(&p, &["check", "--format", "json"]);
    let findings: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let overdue = findings
        .iter()
        .filter(|f| f["rule"] == "overdue-milestone" && f["path"] == "content/initiatives/many.md")
        .count();
    // Every one is due before the fixture's today (2026-11-25).
    assert_eq!(overdue, 10_000);
    let duplicate = findings
        .iter()
        .find(|f| f["rule"] == "duplicate-id")
        .expect("the second m9999");
    assert_eq!(duplicate["line"], 40_006);
}

/// `language` goes into every page's `lang`: a value that is no language
/// tag is an error at its line.
#[test]
fn a_language_that_is_no_tag_is_refused() {
    let p = Project::fixture("valid");
    let book = p.read("book.toml");
    let lang_line = book
        .lines()
        .position(|l| l.starts_with("language"))
        .map(|i| i + 1);
    let book = match lang_line {
        Some(_) => book
            .lines()
            .map(|l| {
                if l.starts_with("language") {
                    "language = \"English (UK)\"".to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        None => book.replacen("[book]\n", "[book]\nlanguage = \"English (UK)\"\n", 1),
    };
    p.write("book.toml", &book);
    let line = book
        .lines()
        .position(|l| l.starts_with("language"))
        .unwrap()
        + 1;
    let out = run_bounded(&p, &["check"]);
    assert_head(&out, &format!("book.toml:{line}:13: error[RB0001]"));
    assert!(
        out.stderr.contains("is not a language tag"),
        "{}",
        out.stderr
    );
}

/// A clone without tags whose history lives in frozen folders (the bundled
/// example) has nothing missing: no warning.
#[test]
fn frozen_history_needs_no_tags() {
    let p = Project::fixture("valid");
    let q3 = p.path().join("snapshots/2026-Q3");
    crate::helpers::copy_dir(&p.path().join("content"), &q3.join("content"));
    std::fs::copy(p.path().join("book.toml"), q3.join("book.toml")).unwrap();
    crate::helpers::git(&p, "2026-11-25", &["init", "-q"]);
    crate::helpers::git(
        &p,
        "2026-11-25",
        &["remote", "add", "origin", "https://example.invalid/r.git"],
    );
    let out = run_bounded(&p, &["check"]);
    assert!(!out.stderr.contains("RB0302"), "{}", out.stderr);
    // Without the frozen folders the same clone is warned.
    std::fs::remove_dir_all(p.path().join("snapshots")).unwrap();
    let out = run_bounded(&p, &["check"]);
    assert!(
        out.stderr.contains("the repository has no tags"),
        "{}",
        out.stderr
    );
}

/// A document over 4 MiB is refused before it is read, in the working
/// tree and in a frozen snapshot alike.
#[test]
fn a_document_over_its_limit_is_refused_unread() {
    let p = Project::fixture("valid");
    let big = std::fs::File::create(p.path().join("content/outcomes/huge.md")).unwrap();
    big.set_len((4 << 20) + 1).unwrap();
    let out = run_bounded(&p, &["check"]);
    assert_head(&out, "content/outcomes/huge.md: error[RB0008]");
    assert!(
        out.stderr
            .contains("4,194,305 bytes is over the limit of 4 MiB for a document"),
        "{}",
        out.stderr
    );
}

/// A build folder whose parent is not writable: the error says that the
/// temporary sibling needs it. As root (CI) the run drops to `nobody`,
/// since root writes anywhere.
#[cfg(unix)]
#[test]
fn a_build_folder_whose_parent_is_not_writable_says_why() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::fixture("valid");
    let out = p.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(p.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("roadbook");
    let as_nobody = |args: &[&str]| {
        // SAFETY: geteuid reads the process's effective user id.
        let root = unsafe { libc::geteuid() } == 0;
        let mut c = if root {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&bin);
            c
        } else {
            std::process::Command::new(&bin)
        };
        c.args(args).env_remove("SOURCE_DATE_EPOCH").output()
    };
    // Where `nobody` cannot run the binary (a private checkout), there is
    // nothing to show.
    match as_nobody(&["--version"]) {
        Ok(o) if o.status.success() => {}
        _ => return,
    }
    let root = p.path().to_string_lossy().into_owned();
    let dest = out.join("site").to_string_lossy().into_owned();
    let o = as_nobody(&["--root", &root, "build", "-d", &dest]).unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("needs write access to") && stderr.contains("/out`"),
        "{stderr}"
    );
}

/// book.toml itself is read only from the project: a link to a file
/// elsewhere showed that file's first line in the finding.
#[test]
fn a_book_toml_linked_from_outside_is_not_read() {
    let p = Project::fixture("valid");
    let outside = Project::empty();
    outside.write("secret.toml", "password = \"hunter2\"\n");
    std::fs::remove_file(p.path().join("book.toml")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.toml"),
        p.path().join("book.toml"),
    )
    .unwrap();
    let out = run_bounded(&p, &["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("book.toml is a link to a file outside the project"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("hunter2"), "{}", out.stderr);
}

/// A backslash is part of a file's name outside Windows, not a folder:
/// `initiatives\x.md` at the top of `content/` was read as initiative `x`.
#[cfg(unix)]
#[test]
fn a_backslash_in_a_file_name_is_no_folder() {
    let p = Project::fixture("valid");
    p.write(
        "content/initiatives\\sneaky.md",
        "---\ntitle: Sneaky\nowner: A\noutcomes: [grow-online]\n---\n",
    );
    let out = run_bounded(&p, &["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "content/initiatives\\sneaky.md:1:1: error[RB0007]: invalid id `initiatives\\sneaky`"
        ),
        "{}",
        out.stderr
    );
}

/// Every number has a bound, as amounts of money do: a `capacity` of
/// 1e308 showed as `inf` on the capacity page.
#[test]
fn numbers_beyond_the_largest_roadbook_takes_are_refused() {
    let p = Project::fixture("valid");
    p.write(
        "content/teams/web.md",
        &p.read("content/teams/web.md")
            .replace("capacity: 300", "capacity: 1e308"),
    );
    p.write(
        "content/kpis/online-share.md",
        &p.read("content/kpis/online-share.md")
            .replace("2026-Q1: 25,", "2026-Q1: -2e15,"),
    );
    let out = run_bounded(&p, &["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for (file, field) in [
        ("content/teams/web.md", "capacity"),
        ("content/kpis/online-share.md", "targets"),
    ] {
        assert!(
            out.stderr.lines().any(|l| l.starts_with(file)
                && l.contains(&format!("`{field}`"))
                && l.contains("a number beyond ±1e15, the largest roadbook takes")),
            "{file}: {}",
            out.stderr
        );
    }
}

/// A value of a million characters is quoted clipped, not whole: the
/// finding was a megabyte long.
#[test]
fn a_huge_value_is_quoted_clipped() {
    let p = Project::fixture("valid");
    let long = "x".repeat(1_000_000);
    p.write(
        "content/initiatives/shop.md",
        &p.read("content/initiatives/shop.md").replace(
            "outcomes: [grow-online]",
            &format!("outcomes: [grow-online, {long}]"),
        ),
    );
    let out = run_bounded(&p, &["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("`{}…`", "x".repeat(255))),
        "{}",
        &out.stderr[..2000.min(out.stderr.len())]
    );
    assert!(out.stderr.len() < 20_000, "{} bytes", out.stderr.len());
}

/// A document saved as UTF-16 is told as UTF-16, not as a code page.
#[test]
fn a_utf16_document_is_named_as_such() {
    let p = Project::fixture("valid");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "---\ntitle: T\n---\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    p.write_bytes("content/outcomes/wide.md", &bytes);
    let out = run_bounded(&p, &["check"]);
    assert!(
        out.stderr
            .contains("content/outcomes/wide.md:1:1: error[RB0002]")
            && out.stderr.contains("save it as UTF-8: it is UTF-16"),
        "{}",
        out.stderr
    );
}

/// A character that turns the text after it around on display is said
/// where it is written, and every page shows it as U+FFFD, wherever it
/// comes from (from a trial: a title with U+202E read "regioneudrevo syad
/// 53 si" in the brief). The isolates right-to-left text uses are kept.
#[test]
fn a_bidirectional_override_never_reaches_a_page() {
    let p = Project::fixture("valid");
    p.write(
        "content/outcomes/turned.md",
        "---\ntitle: Cut-over \u{202E}is 35 days overdue\nowner: A\n---\nBody \u{202D}text.\n",
    );
    // On the timeline, whose labels escape on their own.
    p.write(
        "content/initiatives/turned-work.md",
        "---\ntitle: Work \u{202E}red\nowner: A\noutcomes: [turned]\nmilestones:\n  - { id: m, title: M, due: 2027-03-31, criteria: [x] }\n---\n",
    );
    // Written as a YAML escape: no byte of the file holds it.
    p.write(
        "content/outcomes/escaped.md",
        "---\ntitle: \"Escaped \\u202Eoverdue\"\nowner: A\n---\n",
    );
    p.write(
        "content/outcomes/hebrew.md",
        "---\ntitle: \"Plan \u{2067}\u{5E9}\u{5DC}\u{5D5}\u{5DD}\u{2069} (2026)\"\nowner: A\n---\n",
    );
    let book = p.read("book.toml");
    p.write(
        "book.toml",
        &book.replacen("title = \"", "title = \"\u{202E}", 1),
    );
    let out = run_bounded(&p, &["check"]);
    assert!(
        out.stderr
            .contains("content/outcomes/turned.md:2:17: warning[RB0267]: file holds U+202E")
            && out.stderr.matches("warning[RB0267]").count() == 2,
        "{}",
        out.stderr
    );
    p.run(&["build", "--quiet"]).ok();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(p.path().join("site")) {
        let entry = entry.unwrap();
        // Pages, the charts and the feed (the timeline's labels and the
        // feed escape on their own).
        if entry
            .path()
            .extension()
            .is_some_and(|e| e == "html" || e == "svg" || e == "xml")
        {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert!(
                !('\u{202a}'..='\u{202e}').any(|c| html.contains(c)),
                "{}",
                entry.path().display()
            );
            pages += 1;
        }
    }
    assert!(pages > 10);
    assert!(p.read("site/timeline.html").contains("Work \u{FFFD}red"));
    let turned = p.read("site/outcomes/turned.html");
    assert!(
        turned.contains("Cut-over \u{FFFD}is 35 days overdue")
            && turned.contains("Body \u{FFFD}text."),
        "{turned}"
    );
    assert!(p
        .read("site/outcomes/escaped.html")
        .contains("Escaped \u{FFFD}overdue"));
    assert!(p
        .read("site/outcomes/hebrew.html")
        .contains("Plan \u{2067}\u{5E9}\u{5DC}\u{5D5}\u{5DD}\u{2069} (2026)"));
}

/// A data file's values have the bound front matter's have.
#[test]
fn a_data_file_value_beyond_the_largest_number_is_refused() {
    let p = Project::fixture("valid");
    let csv = p.read("content/data/online-share.csv");
    let mut lines: Vec<&str> = csv.lines().collect();
    let last = lines.pop().unwrap().to_string();
    let (date, _) = last.split_once(',').unwrap();
    let bad = format!("{date},1e300");
    lines.push(&bad);
    p.write("content/data/online-share.csv", &(lines.join("\n") + "\n"));
    let out = run_bounded(&p, &["check"]);
    assert!(
        out.stderr
            .contains("`1e300` is beyond ±1e15, the largest number roadbook takes"),
        "{}",
        out.stderr
    );
}
