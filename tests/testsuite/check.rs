//! Diagnostics: exact locations, every problem at once, JSON, levels.

use crate::helpers::Project;

#[test]
fn reports_every_problem_with_its_location() {
    let p = Project::fixture("invalid");
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.heads(),
        vec![
            "content/initiatives/dup.md:3:1: warning[RB0201]",
            "content/initiatives/erp-cloud.md:1:1: error[RB0101]",
            "content/initiatives/erp-cloud.md:4:12: error[RB0102]",
            "content/initiatives/erp-cloud.md:5:9: error[RB0104]",
            "content/initiatives/erp-cloud.md:6:8: error[RB0006]",
            "content/initiatives/erp-cloud.md:7:1: warning[RB0103]",
            "content/initiatives/erp-cloud.md:11:10: error[RB0006]",
            "content/initiatives/erp-cloud.md:14:5: error[RB0102]",
            "content/kpis/sales-kpi.md:6:11: error[RB0003]",
            "content/outcomes/revenue.md:2:1: warning[RB0202]",
            "content/teams/ops.md:2:1: error[RB0005]",
            "content/teams/unclosed.md:1:1: error[RB0003]",
        ]
    );
    insta::assert_snapshot!("invalid_check_human", out.stderr);
}

#[test]
fn suggests_the_closest_id() {
    let p = Project::fixture("invalid");
    let out = p.run(&["check"]);
    assert!(out
        .stderr
        .contains("unknown outcome `revenu` in `outcomes`"));
    assert!(out.stderr.contains("= help: did you mean `revenue`?"));
    assert!(out.stderr.contains("= help: did you mean `active`?"));
    assert!(out.stderr.contains("= help: did you mean `team`?"));
}

#[test]
fn json_lines_for_ci() {
    let p = Project::fixture("invalid");
    let out = p.run(&["check", "--format", "json"]);
    assert_eq!(out.code, 1);
    let lines: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 12);
    let first = &lines[1];
    assert_eq!(first["path"], "content/initiatives/erp-cloud.md");
    assert_eq!(first["line"], 1);
    assert_eq!(first["code"], "RB0101");
    assert_eq!(first["rule"], "duplicate-id");
    assert_eq!(first["severity"], "error");
    assert!(lines.iter().any(|l| l["help"] == "did you mean `revenue`?"));
}

#[test]
fn valid_fixture_has_only_the_overdue_warning() {
    let p = Project::fixture("valid");
    let out = p.run(&["check"]).ok();
    assert_eq!(
        out.heads(),
        vec!["content/initiatives/shop.md:22:5: warning[RB0212]"]
    );
    let out = p.run(&["check", "--deny-warnings"]);
    assert_eq!(out.code, 1);
}

#[test]
fn lint_levels_from_book_toml() {
    let p = Project::fixture("valid");
    let toml = p.read("book.toml") + "\n[lints]\noverdue-milestone = \"allow\"\n";
    p.write("book.toml", &toml);
    let out = p.run(&["check", "--deny-warnings"]).ok();
    assert!(out.heads().is_empty(), "{}", out.stderr);
    let toml = p.read("book.toml").replace("\"allow\"", "\"deny\"");
    p.write("book.toml", &toml);
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.heads(),
        vec!["content/initiatives/shop.md:22:5: error[RB0212]"]
    );
}

#[test]
fn book_toml_typos_are_errors_with_their_line() {
    let p = Project::fixture("valid");
    p.write("book.toml", "[book]\ntitle = \"A\"\n\n[build]\nbuild_dir = \"out\"\n\n[roadmap]\ntoday = \"2026-11-25\"\nfiscal-year-start = 13\n");
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.heads(),
        vec![
            "book.toml:5:1: error[RB0001]",
            "book.toml:9:21: error[RB0004]"
        ]
    );
    assert!(out.stderr.contains("unknown field `build_dir`"));
    assert!(out.stderr.contains("did you mean `build-dir`?"));
    assert!(out.stderr.contains("5 | build_dir = \"out\""));
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1);
    assert!(!p.path().join("site").exists());
}

#[test]
fn crlf_and_bom_keep_line_numbers() {
    let p = Project::fixture("valid");
    p.write(
        "content/outcomes/crlf.md",
        "\u{feff}---\r\ntitle: CRLF\r\nowner: X\r\nstatus: bogus\r\n---\r\nBody\r\n",
    );
    let out = p.run(&["check"]);
    assert!(
        out.heads()
            .contains(&"content/outcomes/crlf.md:4:1: warning[RB0103]".to_string()),
        "{:?}",
        out.heads()
    );
}
