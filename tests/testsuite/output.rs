//! The site on disk: deterministic, atomic, and never lost.

use crate::helpers::{tree, Project};

#[test]
fn identical_input_gives_identical_bytes_and_a_rebuild_writes_nothing() {
    let a = Project::fixture("valid");
    let b = Project::fixture("valid");
    a.run(&["build"]).ok();
    b.run(&["build"]).ok();
    let first = a.tree("site");
    assert_eq!(
        first,
        b.tree("site"),
        "two projects with the same input differ"
    );
    let out = a.run(&["build"]).ok();
    assert!(out.stderr.contains("(0 written, "), "{}", out.stderr);
    assert_eq!(first, a.tree("site"));
}

#[test]
fn a_failing_build_leaves_the_previous_site_untouched() {
    let p = Project::fixture("valid");
    p.run(&["build"]).ok();
    let before = p.tree("site");
    p.write(
        "content/outcomes/grow-online.md",
        "---\ntitle: [broken\n---\n",
    );
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("the previous site is untouched"));
    assert_eq!(before, p.tree("site"));
    let siblings: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("roadbook-"))
        .collect();
    assert!(siblings.is_empty(), "temporary folders left: {siblings:?}");
}

#[test]
fn a_folder_roadbook_did_not_make_is_never_replaced() {
    let p = Project::fixture("valid");
    p.write("site/thesis.docx", "years of work");
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("was not made by roadbook"));
    assert_eq!(p.read("site/thesis.docx"), "years of work");
}

#[test]
fn a_template_error_fails_the_build_without_touching_the_site() {
    let p = Project::fixture("valid");
    p.run(&["build"]).ok();
    let before = tree(&p.path().join("site"));
    p.write(
        "themes/default/templates/item.html",
        "{% extends \"base.html\" %}{% block content %}{{ nope.nope }}{% endblock content %}",
    );
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("item.html"), "{}", out.stderr);
    assert_eq!(before, tree(&p.path().join("site")));
}
