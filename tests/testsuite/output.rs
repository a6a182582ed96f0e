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
    // What else waits is said beside the errors, the error line last (the
    // decisions went unsaid until the errors were fixed: from a trial).
    assert!(
        out.stderr.ends_with("note: besides the errors, 1 finding needs a decision: 1 overdue-milestone\nerror: build failed with 1 error; the previous site is untouched\n"),
        "{}",
        out.stderr
    );
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
    assert!(
        out.stderr
            .contains("\n  = help: build into a new or empty folder (`-d site`"),
        "{}",
        out.stderr
    );
    // No site was there: the message does not talk about one.
    assert!(out.stderr.contains("nothing was written"), "{}", out.stderr);
    assert!(!out.stderr.contains("previous site"), "{}", out.stderr);
    assert_eq!(p.read("site/thesis.docx"), "years of work");
}

/// Built into its own content folder, the next build would read the site's
/// CSV files back as sources (and `snapshot` would refuse the "uncommitted"
/// site): refused before anything is written, from the content folder too.
#[test]
fn a_build_folder_inside_the_content_folder_is_refused() {
    let p = Project::fixture("valid");
    let before = p.tree("content");
    let out = p
        .cmd(&["build", "-d", "out"])
        .current_dir(p.path().join("content"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("is inside the content folder") && stderr.contains("nothing was written"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: build into a folder beside it"),
        "{stderr}"
    );
    assert_eq!(before, p.tree("content"));
    let out = p.run(&["build", "-d", "content/site"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(before, p.tree("content"));
    p.run(&["build", "-d", "elsewhere"]).ok();
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
    // As findings are said: where, the rule, the line with a caret, and
    // which pages it was making.
    for wanted in [
        "error: the theme cannot make the site's pages (1 error):",
        "themes/default/templates/item.html:1:48: error[RB0009]: Variable `nope` is not defined",
        "1 | {% extends \"base.html\" %}{% block content %}{{ nope.nope }}{% endblock content %}",
        "help: while making the pages of `item.html`",
    ] {
        assert!(out.stderr.contains(wanted), "{wanted}\n{}", out.stderr);
    }
    assert_eq!(before, tree(&p.path().join("site")));
    // A page written as it is made (the dashboard) fails the same way, not
    // as a disk error.
    p.write("themes/default/templates/item.html", "");
    std::fs::remove_file(p.path().join("themes/default/templates/item.html")).unwrap();
    p.write(
        "themes/default/templates/index.html",
        "{% extends \"base.html\" %}{% block content %}{{ nope.nope }}{% endblock content %}",
    );
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("themes/default/templates/index.html:1:48: error[RB0009]: Variable `nope` is not defined")
            && !out.stderr.contains("cannot write the site"),
        "{}",
        out.stderr
    );
    assert_eq!(before, tree(&p.path().join("site")));
    // Two templates that fail are both said, each once however many pages
    // it makes, and nothing is written.
    p.write(
        "themes/default/templates/item.html",
        "{% extends \"base.html\" %}{% block content %}{{ other | upper }}{% endblock content %}",
    );
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1);
    for wanted in [
        "(2 errors)",
        "templates/index.html:1:48: error[RB0009]: Variable `nope` is not defined",
        "templates/item.html:1:48: error[RB0009]: Invalid type for the value",
    ] {
        assert_eq!(
            out.stderr.matches(wanted).count(),
            1,
            "{wanted}\n{}",
            out.stderr
        );
    }
    assert_eq!(before, tree(&p.path().join("site")));
    std::fs::remove_file(p.path().join("themes/default/templates/item.html")).unwrap();
    std::fs::remove_file(p.path().join("themes/default/templates/index.html")).unwrap();
    // A line of base.html fails the pages of every template: said once,
    // naming them.
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    p.write(
        "themes/default/templates/base.html",
        &base.replacen("<body", "{{ nope.x }}<body", 1),
    );
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr
            .matches("error[RB0009]: Variable `nope` is not defined")
            .count(),
        1,
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("(1 error)")
            && out
                .stderr
                .contains("while making the pages of `budget.html`, `capacity.html`"),
        "{}",
        out.stderr
    );
    assert_eq!(before, tree(&p.path().join("site")));
    std::fs::remove_file(p.path().join("themes/default/templates/base.html")).unwrap();
    assert!(leftovers(&p).is_empty(), "{:?}", leftovers(&p));
    // Syntax errors name the theme's file and line, every template at once,
    // and `check` finds them as the build does.
    p.write(
        "themes/default/templates/item.html",
        "{% extends \"base.html\" %}{% bogus %}",
    );
    p.write("themes/default/templates/brief.html", "<p>\n{{ x \n");
    for command in ["build", "check"] {
        let out = p.run(&[command]);
        assert_eq!(out.code, 1, "{command}");
        let said = format!("{}{}", out.stdout, out.stderr);
        for wanted in [
            "themes/default/templates/item.html:1:29: error[RB0009]: Unknown tag",
            "1 | {% extends \"base.html\" %}{% bogus %}",
            "themes/default/templates/brief.html:2:5: error[RB0009]: Unexpected end of input",
        ] {
            assert!(said.contains(wanted), "{command}: {wanted}\n{said}");
        }
    }
    assert_eq!(before, tree(&p.path().join("site")));
    // One that parses but extends a template that is not there.
    std::fs::remove_file(p.path().join("themes/default/templates/brief.html")).unwrap();
    p.write(
        "themes/default/templates/item.html",
        "{% extends \"nope.html\" %}",
    );
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("themes/default/templates/item.html:1:12: error[RB0009]: `item.html` extends `nope.html`, which the theme does not have"),
        "{}",
        out.stderr
    );
    // What Tera finds only with every template together is at its place
    // too, every one of them.
    p.write(
        "themes/default/templates/item.html",
        "{% extends \"base.html\" %}{% block content %}{{ x | nofilter }}\n{% include \"nope.html\" %}{% endblock content %}",
    );
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1);
    for wanted in [
        "themes/default/templates/item.html:1:52: error[RB0009]: Unknown filter `nofilter`",
        "themes/default/templates/item.html:2:12: error[RB0009]: Unknown template `nope.html`",
    ] {
        assert!(out.stderr.contains(wanted), "{wanted}\n{}", out.stderr);
    }
    // Every kind of mistake in one round, not one kind per build: a syntax
    // error, an unknown filter, a missing parent and a block no parent
    // has, in four templates.
    std::fs::remove_file(p.path().join("themes/default/templates/item.html")).unwrap();
    p.write("themes/default/templates/brief.html", "<p>\n{{ x \n");
    p.write(
        "themes/default/templates/index.html",
        "{% extends \"base.html\" %}{% block content %}{{ title | shout }}{% endblock content %}",
    );
    p.write(
        "themes/default/templates/list.html",
        "{% extends \"nothere.html\" %}",
    );
    p.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block sidebar %}x{% endblock sidebar %}",
    );
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1);
    for wanted in [
        "themes/default/templates/brief.html:2:5: error[RB0009]: Unexpected end of input",
        "themes/default/templates/index.html:1:56: error[RB0009]: Unknown filter `shout`",
        "themes/default/templates/list.html:1:12: error[RB0009]: `list.html` extends `nothere.html`",
        "themes/default/templates/page.html:1:35: error[RB0009]: Block `sidebar` is not defined in any parent template",
        "4 errors: 4 theme",
    ] {
        assert!(out.stderr.contains(wanted), "{wanted}\n{}", out.stderr);
    }
    for name in ["brief", "index", "list", "page"] {
        std::fs::remove_file(
            p.path()
                .join(format!("themes/default/templates/{name}.html")),
        )
        .unwrap();
    }
    // A base.html not saved as UTF-8 is said once, at its byte, not again
    // by every template that extends it.
    std::fs::write(
        p.path().join("themes/default/templates/base.html"),
        b"<html>\n<p>caf\xe9",
    )
    .unwrap();
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains(
            "themes/default/templates/base.html:2:7: error[RB0009]: the template is not UTF-8 text"
        ) && out.stderr.contains("1 error: 1 theme"),
        "{}",
        out.stderr
    );
}

fn leftovers(p: &Project) -> Vec<String> {
    std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("roadbook-"))
        .collect()
}

/// Something new for the next build to say.
fn retitle_outcome(p: &Project) {
    p.write(
        "content/outcomes/grow-online.md",
        &p.read("content/outcomes/grow-online.md")
            .replace("Grow online revenue", "Grow online revenue faster"),
    );
}

/// `roadbook build` with a fault injected (see `output::Fault`).
fn build_with_fault(p: &Project, fault: &str) -> std::process::Output {
    p.cmd(&["build"])
        .env("ROADBOOK_TEST_FAULT", fault)
        .output()
        .unwrap()
}

/// The new site in place but the previous one not removable (a folder in
/// it made read-only): a warning naming where it waits, not an error
/// saying the previous site is untouched; the next build is not stopped
/// by it.
#[test]
fn a_previous_site_that_cannot_be_removed_is_set_aside() {
    let p = Project::fixture("valid");
    p.run(&["build"]).ok();
    retitle_outcome(&p);
    let out = build_with_fault(&p, "clear");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "warning: the new site is in place, but the previous one could not be removed"
        ) && stderr.contains(".site.roadbook-old-1: remove it by hand")
            && !stderr.contains("untouched"),
        "{stderr}"
    );
    assert!(p
        .read("site/index.html")
        .contains("Grow online revenue faster"));
    assert_eq!(leftovers(&p), [".site.roadbook-old-1"]);
    let out = build_with_fault(&p, "clear");
    assert_eq!(out.status.code(), Some(0));
    p.run(&["build"]).ok();
    let mut left = leftovers(&p);
    left.sort();
    assert_eq!(left, [".site.roadbook-old-1", ".site.roadbook-old-2"]);
}

/// A build that dies mid-write (the process aborts, as under `kill -9` or
/// a power cut) leaves the previous site as it was; the next run clears
/// the half-written folder and succeeds.
#[test]
fn a_build_killed_mid_write_loses_nothing() {
    let p = Project::fixture("valid");
    p.run(&["build"]).ok();
    let before = p.tree("site");
    retitle_outcome(&p);
    let out = build_with_fault(&p, "5:abort");
    assert_eq!(out.status.code(), None, "the process was killed");
    assert_eq!(before, p.tree("site"), "the previous site changed");
    assert_eq!(leftovers(&p), vec![".site.roadbook-tmp".to_string()]);

    let out = p.run(&["build"]).ok();
    assert!(out.stderr.contains("Built "));
    assert!(leftovers(&p).is_empty(), "{:?}", leftovers(&p));
    assert!(p
        .read("site/index.html")
        .contains("Grow online revenue faster"));
}

/// Killed between moving the previous site aside and moving the new one
/// in: the next run puts the previous site back first, so even a failing
/// next build leaves it in place.
#[test]
fn a_build_killed_during_the_swap_loses_nothing() {
    let p = Project::fixture("valid");
    p.run(&["build"]).ok();
    let before = p.tree("site");
    // The interrupted build has something new to say, so putting its
    // half-swapped site in place would show.
    retitle_outcome(&p);
    let out = build_with_fault(&p, "swap:abort");
    assert_eq!(out.status.code(), None);
    assert!(!p.path().join("site").exists());
    p.write(
        "content/outcomes/grow-online.md",
        "---\ntitle: [broken\n---\n",
    );
    assert_eq!(p.run(&["build"]).code, 1);
    assert_eq!(before, p.tree("site"), "the previous site came back intact");
    assert!(leftovers(&p).is_empty(), "{:?}", leftovers(&p));
}

/// Archived versions that did not change are moved whole from the previous
/// site into the new one when it is committed. Killed after moving the
/// first of them (and, separately, during the swap that follows): the next
/// run puts every folder back first, so even a failing next build leaves
/// the previous site exactly as it was.
#[test]
fn a_build_killed_while_carrying_versions_over_loses_nothing() {
    use std::os::unix::fs::MetadataExt;
    let p = Project::fixture("valid");
    for (name, today) in [("q2", "2026-06-30"), ("q3", "2026-09-30")] {
        let dir = p.path().join("snapshots").join(name);
        crate::helpers::copy_dir(&p.path().join("content"), &dir.join("content"));
        let book = p.read("book.toml");
        assert!(book.contains("today = \"2026-11-25\""));
        let book = book.replace("today = \"2026-11-25\"", &format!("today = \"{today}\""));
        std::fs::write(dir.join("book.toml"), book).unwrap();
    }
    let first = p.run(&["build"]).ok();
    let archived = p.path().join("site/v/q2/index.html");
    let inode = std::fs::metadata(&archived).unwrap().ino();
    let out = p.run(&["build"]).ok();
    assert!(out.stderr.contains("(0 written, "), "{}", out.stderr);
    // The pages carried over are counted as the ones written were.
    let pages = |stderr: &str| {
        let built = stderr
            .lines()
            .find(|l| l.starts_with("Built "))
            .unwrap_or("");
        built.split(" pages").next().unwrap_or("").to_string()
    };
    assert_eq!(pages(&out.stderr), pages(&first.stderr), "{}", out.stderr);
    assert_eq!(
        std::fs::metadata(&archived).unwrap().ino(),
        inode,
        "an unchanged version is carried over, not written again"
    );
    // What the user added at the top of the site goes through the same
    // moves as the kept versions.
    p.write("site/CNAME", "roadmap.example.com\n");
    p.write("site/mydocs/notes.txt", "mine\n");
    let before = p.tree("site");
    assert!(
        before.contains_key("v/q3/index.html"),
        "{:?}",
        before.keys()
    );
    let outcome = p.read("content/outcomes/grow-online.md");
    for fault in ["keep:abort", "swap:abort"] {
        retitle_outcome(&p);
        let out = build_with_fault(&p, fault);
        assert_eq!(out.status.code(), None, "{fault}: the process was killed");
        p.write(
            "content/outcomes/grow-online.md",
            "---\ntitle: [broken\n---\n",
        );
        assert_eq!(p.run(&["build"]).code, 1);
        assert_eq!(
            before,
            p.tree("site"),
            "{fault}: the previous site came back whole"
        );
        assert!(leftovers(&p).is_empty(), "{fault}: {:?}", leftovers(&p));
        p.write("content/outcomes/grow-online.md", &outcome);
    }
    assert_eq!(
        std::fs::metadata(&archived).unwrap().ino(),
        inode,
        "the archived page is the same file throughout"
    );
}

/// Two builds of one site at once take turns: the second waits for the
/// first instead of clearing its temporary folder as a leftover, and the
/// site ends up whole.
#[test]
fn two_builds_at_once_take_turns() {
    let p = Project::fixture("valid");
    p.run(&["build"]).ok();
    let expected = p.tree("site");
    retitle_outcome(&p);
    let first = std::process::Command::new(assert_cmd::cargo::cargo_bin("roadbook"))
        .current_dir(p.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("ROADBOOK_TEST_FAULT", "3:pause")
        .arg("build")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The first is now paused in the middle of writing its temporary folder.
    let started = std::time::Instant::now();
    while !p.path().join(".site.roadbook-tmp").exists() {
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let second = p.run(&["build"]).ok();
    assert!(second.stderr.contains("Built "), "{}", second.stderr);
    let first = first.wait_with_output().unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let site = p.tree("site");
    assert_eq!(
        site.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "the site is whole"
    );
    assert!(String::from_utf8_lossy(&site["index.html"]).contains("Grow online revenue faster"));
    assert!(leftovers(&p).is_empty(), "{:?}", leftovers(&p));
}

/// A full or read-only disk: a clear error naming the file and the cause,
/// the previous site intact, nothing left behind.
#[test]
fn a_full_or_read_only_disk_gives_a_clear_error() {
    let p = Project::fixture("valid");
    p.run(&["build"]).ok();
    let before = p.tree("site");
    for (fault, cause) in [
        ("7:enospc", "No space left on device"),
        ("0:erofs", "Read-only file system"),
    ] {
        let out = build_with_fault(&p, fault);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("error: cannot write the site into "),
            "{stderr}"
        );
        assert!(stderr.contains(cause), "{stderr}");
        assert!(
            stderr.contains("the previous site is untouched"),
            "{stderr}"
        );
        assert_eq!(before, p.tree("site"));
        assert!(leftovers(&p).is_empty(), "{:?}", leftovers(&p));
    }
}

/// A folder holding another roadbook project is never the build folder,
/// even with a marker copied into it along with a site (`cp -a site/. .`):
/// building there deleted that project, its `.git` included.
#[test]
fn another_project_is_never_the_build_folder() {
    let ours = Project::fixture("valid");
    let theirs = Project::fixture("valid");
    ours.run(&["build", "-q"]).ok();
    theirs.write(".roadbook-build", &ours.read("site/.roadbook-build"));
    theirs.write(".git/HEAD", "ref: refs/heads/main\n");
    let before = theirs.tree(".");
    let out = ours.run(&["build", "-d", theirs.path().to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("holds a roadbook project (book.toml)")
            && out.stderr.contains("nothing was written"),
        "{}",
        out.stderr
    );
    assert_eq!(before, theirs.tree("."));
}

/// The build folder is roadbook's, but what the user put at its top (a
/// `CNAME`, a folder of documents, the `.git` of a pages branch) is
/// carried over to every build, and said so; what an earlier build wrote
/// there and this one does not is not.
#[test]
fn what_you_add_at_the_top_of_the_site_is_kept() {
    let p = Project::fixture("valid");
    p.run(&["build", "-q"]).ok();
    let marker = p.read("site/.roadbook-build");
    assert!(marker.contains("\nindex.html\n"), "{marker}");
    // An earlier build's page that this one no longer makes.
    p.write("site/.roadbook-build", &format!("{marker}stale.html\n"));
    p.write("site/stale.html", "old page");
    p.write("site/CNAME", "roadmap.example.com\n");
    p.write("site/mydocs/notes.txt", "mine\n");
    p.write("site/.git/HEAD", "ref: refs/heads/gh-pages\n");
    for _ in 0..2 {
        let out = p.run(&["build"]).ok();
        assert!(
            out.stderr.contains(
                "note: kept what roadbook did not write at the top of site: .git, CNAME, mydocs"
            ),
            "{}",
            out.stderr
        );
        assert_eq!(p.read("site/CNAME"), "roadmap.example.com\n");
        assert_eq!(p.read("site/mydocs/notes.txt"), "mine\n");
        assert_eq!(p.read("site/.git/HEAD"), "ref: refs/heads/gh-pages\n");
        assert!(!p.path().join("site/stale.html").exists());
        assert!(p.path().join("site/index.html").is_file());
        // The user's names are never listed as roadbook's.
        assert!(!p.read("site/.roadbook-build").contains("CNAME"));
    }
}

/// A file the user put inside one of roadbook's folders (minutes beside
/// the initiatives' pages, a note in an archived version) is carried over
/// to every build, and said so, where a page an earlier build made and
/// this one does not goes; one where this build writes a page of its own
/// stops the build. They were lost with the folder, silently.
#[test]
fn what_you_add_inside_the_site_s_folders_is_kept() {
    let p = Project::fixture("valid");
    snapshot_q3(&p);
    p.run(&["build", "-q"]).ok();
    let pages: Vec<String> = p
        .tree("site/initiatives")
        .into_keys()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(!pages.is_empty());
    p.write("site/initiatives/minutes.txt", "mine\n");
    p.write("site/initiatives/deep/er/notes.md", "also mine\n");
    // In an archived version's folder, carried over whole while the
    // version is, and on its own once the version is made again.
    p.write("site/v/q3/notes.txt", "mine too\n");
    // A page an earlier build made, listed as roadbook's: it goes.
    let list = p.read("site/.roadbook-files");
    assert!(list.contains("\nindex.html\n"), "{list}");
    edit_files_list(&p, |files| files.push("initiatives/gone.html".into()));
    p.write("site/initiatives/gone.html", "old page");
    for again in [false, true] {
        if again {
            p.write("site/v/q3/.roadbook-version", "made by another theme\n");
        }
        let out = p.run(&["build"]).ok();
        // Named, whether its version is kept whole or made again.
        let note = "note: kept what roadbook did not write in site: initiatives/deep/er/notes.md, initiatives/minutes.txt, v/q3/notes.txt (carried over to every build)";
        assert!(out.stderr.contains(note), "{}", out.stderr);
        // Made again, not carried over.
        assert_ne!(
            p.read("site/v/q3/.roadbook-version"),
            "made by another theme\n"
        );
        assert_eq!(p.read("site/v/q3/notes.txt"), "mine too\n");
        assert!(p.path().join("site/v/q3/index.html").is_file());
        assert_eq!(p.read("site/initiatives/minutes.txt"), "mine\n");
        assert_eq!(p.read("site/initiatives/deep/er/notes.md"), "also mine\n");
        assert!(!p.path().join("site/initiatives/gone.html").exists());
        for page in &pages {
            assert!(p.path().join("site/initiatives").join(page).is_file());
        }
        // Never listed as roadbook's.
        assert!(!p.read("site/.roadbook-files").contains("minutes.txt"));
    }
    // Where this build writes a page of its own, the user's file there
    // stops the build and stays.
    let first = &pages[0];
    edit_files_list(&p, |files| {
        files.retain(|f| *f != format!("initiatives/{first}"))
    });
    p.write(&format!("site/initiatives/{first}"), "my own page\n");
    let before = p.tree("site");
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("site/initiatives/{first}` is not roadbook's"))
            && out.stderr.contains("nothing was written"),
        "{}",
        out.stderr
    );
    assert_eq!(before, p.tree("site"));
}

/// Change the list of files the last build wrote, as a build would have
/// written it (its last line counts them).
fn edit_files_list(p: &Project, edit: impl FnOnce(&mut Vec<String>)) {
    let list = p.read("site/.roadbook-files");
    let mut lines: Vec<String> = list.lines().map(str::to_string).collect();
    let count = lines.pop().unwrap();
    assert!(count.starts_with("# files: "), "{count}");
    let header = lines.remove(0);
    edit(&mut lines);
    p.write(
        "site/.roadbook-files",
        &format!("{header}\n{}\n# files: {}\n", lines.join("\n"), lines.len()),
    );
}

/// A snapshot `q3` of the project as it is, as a folder.
fn snapshot_q3(p: &Project) {
    let snapshot = p.path().join("snapshots/q3");
    crate::helpers::copy_dir(&p.path().join("content"), &snapshot.join("content"));
    let book = p.read("book.toml");
    std::fs::write(
        snapshot.join("book.toml"),
        book.replace("today = \"2026-11-25\"", "today = \"2026-09-30\""),
    )
    .unwrap();
}

/// Files of the user's in a folder a build stops writing (`pages/` once
/// its last page goes, `v/` in a build without the snapshots) are kept all
/// the same, and the folder is roadbook's again when a build writes there
/// again (a trial lost them without a word).
#[test]
fn what_you_add_in_a_folder_roadbook_stops_writing_is_kept() {
    let p = Project::fixture("valid");
    snapshot_q3(&p);
    p.run(&["build", "-q"]).ok();
    let yours = ["pages/minutes.txt", "v/q3/notes.txt", "v/q3/deck/a.pdf"];
    for f in yours {
        p.write(&format!("site/{f}"), "mine\n");
    }
    let glossary = p.read("content/glossary.md");
    std::fs::remove_file(p.path().join("content/glossary.md")).unwrap();
    let out = p.run(&["build", "--no-snapshots"]).ok();
    assert!(
        out.stderr.contains("note: kept what roadbook did not write in site: pages/minutes.txt, v/q3/deck/a.pdf, v/q3/notes.txt (carried over to every build)"),
        "{}",
        out.stderr
    );
    assert!(!p.path().join("site/pages/glossary.html").exists());
    assert!(!p.path().join("site/v/q3/index.html").exists());
    let marker = p.read("site/.roadbook-build");
    assert!(
        marker.contains("\npages\n") && marker.contains("\nv\n"),
        "{marker}"
    );
    p.write("content/glossary.md", &glossary);
    for args in [&["build"][..], &["build", "--no-snapshots"], &["build"]] {
        p.run(args).ok();
        for f in yours {
            assert_eq!(p.read(&format!("site/{f}")), "mine\n", "{f} after {args:?}");
        }
    }
    assert!(p.path().join("site/pages/glossary.html").is_file());
    assert!(p.path().join("site/v/q3/index.html").is_file());
}

/// Every file or folder of the user's where a build writes a page is said
/// at once (one per build, a trial found), a folder where a page goes as
/// clearly as a file; the previous site stays as it was.
#[test]
fn every_file_of_yours_where_a_build_writes_is_said_at_once() {
    let p = Project::fixture("valid");
    p.run(&["build", "-q"]).ok();
    let shop = p.read("content/initiatives/shop.md");
    for id in ["zz-one", "zz-two"] {
        p.write(&format!("content/initiatives/{id}.md"), &shop);
    }
    p.write("site/initiatives/zz-one.html", "mine\n");
    p.write("site/initiatives/zz-two.html/inner.txt", "mine\n");
    let before = p.tree("site");
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let site = p.path().join("site");
    assert!(
        out.stderr.contains(&format!(
            "`{0}/initiatives/zz-one.html`, `{0}/initiatives/zz-two.html` are not roadbook's (the last build did not write them) and this build writes there",
            site.display()
        )) && out.stderr.contains("nothing was written"),
        "{}",
        out.stderr
    );
    assert_eq!(before, p.tree("site"));
}

/// A site without a whole list of its files (an earlier release's, the
/// list deleted or cut short): every file the build does not write again
/// is kept, as it may be the user's, and said in a warning (the files were
/// deleted without a word, or the build stopped on its own pages: from a
/// trial); the list is written again.
#[test]
fn without_the_list_of_its_files_every_file_not_written_again_is_kept() {
    let p = Project::fixture("valid");
    snapshot_q3(&p);
    p.run(&["build", "-q"]).ok();
    let whole = p.read("site/.roadbook-files");
    let cut = whole.replacen("\nindex.html\n", "\n", 1);
    for (damage, list) in [
        ("deleted", None),
        ("cut short", Some(cut)),
        ("emptied", Some(String::new())),
    ] {
        match list {
            None => std::fs::remove_file(p.path().join("site/.roadbook-files")).unwrap(),
            Some(list) => {
                p.write("site/.roadbook-files", &list);
            }
        }
        p.write("site/changes/cr-log.html", "mine\n");
        p.write("site/initiatives/gone.html", "old page");
        // In an archived version's folder: the version is made again, not
        // kept whole and listed with the note in it.
        p.write("site/v/q3/notes.txt", "mine\n");
        let out = p.run(&["build"]).ok();
        assert!(
            out.stderr.contains("warning: site/.roadbook-files, the list of what the last build wrote, is missing or damaged")
                && out.stderr.contains("kept every file this build did not write, as any may be yours: changes/cr-log.html, initiatives/gone.html, v/q3/notes.txt\n")
                // What the builds after it do, said as they do it (it said
                // the next build would tell them apart: from a trial).
                && out.stderr.contains("delete now those that are pages roadbook no longer makes: the list written again names only what this build wrote, so from the next build on every file kept here counts as yours"),
            "{damage}: {}",
            out.stderr
        );
        assert_eq!(p.read("site/changes/cr-log.html"), "mine\n");
        assert_eq!(p.read("site/.roadbook-files"), whole, "{damage}");
        // From then on they are the user's, said as such, through a build
        // without the snapshots too.
        for args in [&["build"][..], &["build", "--no-snapshots"], &["build"]] {
            let out = p.run(args).ok();
            assert!(
                out.stderr.contains("note: kept what roadbook did not write in site: changes/cr-log.html, initiatives/gone.html, v/q3/notes.txt"),
                "{damage}, {args:?}: {}",
                out.stderr
            );
        }
        assert_eq!(p.read("site/v/q3/notes.txt"), "mine\n");
        std::fs::remove_file(p.path().join("site/v/q3/notes.txt")).unwrap();
        std::fs::remove_file(p.path().join("site/initiatives/gone.html")).unwrap();
        std::fs::remove_file(p.path().join("site/changes/cr-log.html")).unwrap();
    }
}

/// A folder of pages the user replaced by a link to a folder elsewhere is
/// the user's (roadbook writes no links): the build stops rather than drop
/// the link and what it shows. An empty folder of theirs is kept.
#[test]
fn a_link_or_an_empty_folder_of_yours_in_the_site_is_kept() {
    let p = Project::fixture("valid");
    p.run(&["build", "-q"]).ok();
    std::fs::create_dir_all(p.path().join("site/initiatives/empty")).unwrap();
    let out = p.run(&["build"]).ok();
    assert!(
        out.stderr
            .contains("note: kept what roadbook did not write in site: initiatives/empty"),
        "{}",
        out.stderr
    );
    assert!(p.path().join("site/initiatives/empty").is_dir());
    let elsewhere = p.path().join("elsewhere");
    std::fs::rename(p.path().join("site/initiatives"), &elsewhere).unwrap();
    std::fs::write(elsewhere.join("precious.txt"), "mine\n").unwrap();
    std::os::unix::fs::symlink(&elsewhere, p.path().join("site/initiatives")).unwrap();
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("site/initiatives` is not roadbook's"),
        "{}",
        out.stderr
    );
    assert!(std::fs::symlink_metadata(p.path().join("site/initiatives"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(p.read("site/initiatives/precious.txt"), "mine\n");
    std::fs::remove_file(p.path().join("site/initiatives")).unwrap();
    std::fs::rename(&elsewhere, p.path().join("site/initiatives")).unwrap();
    p.run(&["build", "-q"]).ok();
    // A link in place of a page it lists is the user's too (a review).
    let page = p.path().join("site/initiatives/shop.html");
    std::fs::remove_file(&page).unwrap();
    std::fs::write(p.path().join("mine.html"), "mine\n").unwrap();
    std::os::unix::fs::symlink(p.path().join("mine.html"), &page).unwrap();
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("site/initiatives/shop.html` is not roadbook's"),
        "{}",
        out.stderr
    );
    assert!(std::fs::symlink_metadata(&page)
        .unwrap()
        .file_type()
        .is_symlink());
}

/// With the list lost, a file of the user's where the build makes a folder
/// is no page of roadbook's: the build stops rather than drop it (a review:
/// it was taken for a page written again).
#[test]
fn with_the_list_lost_a_file_where_a_folder_goes_stops_the_build() {
    let p = Project::fixture("valid");
    snapshot_q3(&p);
    p.run(&["build", "-q"]).ok();
    std::fs::remove_file(p.path().join("site/.roadbook-files")).unwrap();
    std::fs::remove_dir_all(p.path().join("site/v/q3")).unwrap();
    p.write("site/v/q3", "mine\n");
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("site/v/q3` is not roadbook's"),
        "{}",
        out.stderr
    );
    assert_eq!(p.read("site/v/q3"), "mine\n");
}

/// A site from a release whose marker listed nothing: what those releases
/// wrote is roadbook's, anything else the user's.
#[test]
fn what_you_added_to_a_site_of_an_earlier_release_is_kept() {
    let (p, site) = crate::helpers::example();
    std::fs::write(
        site.join(".roadbook-build"),
        "This folder is generated by roadbook; `roadbook build` replaces it.\n",
    )
    .unwrap();
    std::fs::write(site.join("CNAME"), "roadmap.example.com\n").unwrap();
    std::fs::create_dir(site.join("docs")).unwrap();
    std::fs::write(site.join("docs/minutes.txt"), "mine\n").unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let out = p
        .run(&["--root", root, "build", "-d", site.to_str().unwrap()])
        .ok();
    assert!(
        out.stderr
            .contains("kept what roadbook did not write at the top of")
            && out.stderr.contains(": CNAME, docs (carried over"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.join("docs/minutes.txt")).unwrap(),
        "mine\n"
    );
}

/// A folder of the user's where this build writes one of its own (it did
/// not the last time): the build stops rather than replace it.
#[test]
fn what_you_put_where_roadbook_writes_again_stops_the_build() {
    let p = Project::fixture("valid");
    p.run(&["build", "-q"]).ok();
    let marker = p.read("site/.roadbook-build").replace("\npages\n", "\n");
    p.write("site/.roadbook-build", &marker);
    std::fs::remove_dir_all(p.path().join("site/pages")).unwrap();
    p.write("site/pages/minutes.txt", "mine\n");
    let before = p.tree("site");
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("site/pages` is not roadbook's (the last build did not write it) and this build writes there")
            && out.stderr.contains("nothing was written"),
        "{}",
        out.stderr
    );
    assert_eq!(before, p.tree("site"));
}

/// A name the list of kept folders cannot hold is not carried blindly.
#[cfg(unix)]
#[test]
fn a_name_that_cannot_be_carried_stops_the_build() {
    use std::os::unix::ffi::OsStrExt;
    let p = Project::fixture("valid");
    p.run(&["build", "-q"]).ok();
    let odd = p
        .path()
        .join("site")
        .join(std::ffi::OsStr::from_bytes(b"notes-\xff.txt"));
    std::fs::write(&odd, "mine").unwrap();
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("cannot be carried over safely"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read(&odd).unwrap(), b"mine");
}

/// Neither the project itself, a folder above it, nor a folder holding an
/// input is ever taken as the build folder, even with roadbook's marker in
/// it: a site copied over the project (`cp -a site/. .`) carries its
/// marker along.
#[test]
fn the_project_or_a_parent_is_never_the_build_folder() {
    let p = Project::fixture("valid");
    p.run(&["build", "-q"]).ok();
    let marker = p.read("site/.roadbook-build");
    p.write(".roadbook-build", &marker);
    p.write("snapshots/2026-Q3/.keep", "");
    p.write("themes/custom/.keep", "");
    p.write("snapshots/.roadbook-build", &marker);
    p.write("themes/.roadbook-build", &marker);
    p.write("content/.roadbook-build", &marker);
    let before = p.tree(".");
    for (dest, why) in [
        (
            ".",
            "is the project folder: building there would replace the roadmap",
        ),
        ("..", "is above the project folder"),
        ("content", "is the content folder (`"),
        ("content/site", "is inside the content folder (`"),
        ("snapshots", "is the snapshots folder (`"),
        ("snapshots/2026-Q4", "is inside the snapshots folder (`"),
        ("themes", "is the themes folder (`"),
    ] {
        let out = p.run(&["build", "-d", dest]);
        assert_eq!(out.code, 1, "{dest}: {}", out.stderr);
        assert!(
            out.stderr.contains(why) && out.stderr.contains("nothing was written"),
            "{dest}: {}",
            out.stderr
        );
    }
    assert_eq!(before, p.tree("."));
    // A snapshots folder set inside the build folder would be deleted by
    // the next build.
    p.write(
        "book.toml",
        &format!(
            "{}[snapshots]\ndir = \"site/archive\"\n",
            p.read("book.toml")
        ),
    );
    let out = p.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("holds the snapshots folder (`")
            && out.stderr.contains("every build would delete it"),
        "{}",
        out.stderr
    );
}

/// A build folder named through one that does not exist (`a/../out`) is
/// `out`: the build leaves no empty `a/` behind.
#[test]
fn a_build_folder_through_a_missing_one_leaves_nothing_behind() {
    let p = Project::fixture("valid");
    let book = std::fs::read_to_string(p.path().join("book.toml")).unwrap();
    let book = if book.contains("[build]") {
        book.replace("[build]", "[build]\nbuild-dir = \"a/../out\"")
    } else {
        format!("{book}\n[build]\nbuild-dir = \"a/../out\"\n")
    };
    p.write("book.toml", &book);
    p.run(&["build", "--no-snapshots"]).ok();
    assert!(p.path().join("out/index.html").is_file());
    assert!(!p.path().join("a").exists(), "an empty a/ was left");
    // From the command line too.
    p.run(&["build", "--no-snapshots", "-d", "b/../c/./site"])
        .ok();
    assert!(p.path().join("c/site/index.html").is_file());
    assert!(!p.path().join("b").exists());
}

/// A file of the user's inside an archived version kept whole is neither
/// one of its pages nor a file of roadbook's kept unchanged: a minutes
/// page there read as one more page of the site.
#[test]
fn your_files_in_an_archived_version_are_not_counted_as_its_pages() {
    let p = Project::fixture("valid");
    snapshot_q3(&p);
    p.run(&["build", "-q"]).ok();
    let summary = |out: &str| -> String {
        out.lines()
            .find(|l| l.starts_with("Built "))
            .unwrap_or_else(|| panic!("no summary in {out}"))
            .split(';')
            .next()
            .unwrap()
            .to_string()
    };
    let out = p.run(&["build"]).ok();
    let steady = summary(&format!("{}{}", out.stdout, out.stderr));
    assert!(steady.contains("(0 written, "), "{steady}");
    p.write("site/v/q3/minutes.html", "<p>mine</p>\n");
    p.write("site/v/q3/notes.txt", "mine too\n");
    let out = p.run(&["build"]).ok();
    assert!(
        out.stderr.contains("v/q3/minutes.html, v/q3/notes.txt"),
        "{}",
        out.stderr
    );
    assert_eq!(summary(&format!("{}{}", out.stdout, out.stderr)), steady);
    assert_eq!(p.read("site/v/q3/minutes.html"), "<p>mine</p>\n");
}
