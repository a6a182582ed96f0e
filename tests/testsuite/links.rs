//! Bodies written for a git host: heading ids as GitHub makes them, links
//! resolved as GitHub resolves them (or reported with `broken-link`),
//! `repo-url` for the repository's other files, valid `href`s.

use crate::helpers::Project;

const BOOK: &str = "[book]\ntitle = \"Links\"\n";
const ROADMAP: &str = "[roadmap]\ntoday = \"2026-11-25\"\n";
const OUTCOME: &str = "---\ntitle: O\nowner: A\nkpis: [k]\n---\n";
const KPI: &str = "---\ntitle: K\noutcome: o\ntarget: 5\ndata_file: data/k.csv\n---\nThe figures: [k.csv](../data/k.csv).\n";
const INITIATIVE: &str = "---\ntitle: I\nowner: B\noutcomes: [o]\n---\n## Cut-over Plan\n\nSee [Storage](#project-quotas).\n\n### Project Quotas\n\nText.\n";

/// A clean project; `notes` is the body of the free page `content/notes.md`
/// (its front matter takes three lines), `book` more lines of `[book]`.
fn project(book: &str, notes: &str) -> Project {
    let p = Project::empty();
    p.write("book.toml", &format!("{BOOK}{book}{ROADMAP}"))
        .write("content/outcomes/o.md", OUTCOME)
        .write("content/kpis/k.md", KPI)
        .write("content/data/k.csv", "date,value\n2026-10-01,3\n")
        .write("content/initiatives/i.md", INITIATIVE)
        .write(
            "content/notes.md",
            &format!("---\ntitle: Notes\n---\n{notes}"),
        );
    p
}

fn broken_links(p: &Project) -> Vec<String> {
    p.run(&["check"])
        .heads()
        .into_iter()
        .filter(|h| h.contains("RB0227"))
        .collect()
}

#[test]
fn headings_get_github_ids_and_a_body_link_to_its_own_heading_works() {
    let p = project("", "# Notes\n");
    assert_eq!(broken_links(&p), Vec::<String>::new());
    p.run(&["build"]).ok();
    let html = p.read("site/initiatives/i.html");
    assert!(
        html.contains(r#"<h2 id="s-cut-over-plan">Cut-over Plan</h2>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<h3 id="s-project-quotas">Project Quotas</h3>"#),
        "{html}"
    );
    assert!(
        html.contains(r##"<a href="#s-project-quotas">Storage</a>"##),
        "{html}"
    );
    // Repeated headings are numbered as GitHub numbers them, and no body
    // heading takes an id of the page (`h-backlinks`: the initiative links
    // to the notes page).
    let p = project(
        "",
        "# Notes\n\n## Notes\n\n## H Backlinks\n\n## Notes\n\n[[i]]\n",
    );
    p.run(&["build"]).ok();
    for (page, ids) in [
        (
            "site/pages/notes.html",
            vec!["s-notes", "s-notes-1", "s-h-backlinks", "s-notes-2"],
        ),
        (
            "site/initiatives/i.html",
            vec!["s-cut-over-plan", "s-project-quotas", "h-backlinks"],
        ),
    ] {
        let html = p.read(page);
        let all: Vec<&str> = html
            .split(" id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        for id in ids {
            assert!(all.contains(&id), "{page}: no id {id} in {all:?}");
        }
        let unique: std::collections::BTreeSet<&&str> = all.iter().collect();
        assert_eq!(unique.len(), all.len(), "{page}: repeated ids in {all:?}");
    }
}

#[test]
fn links_to_documents_and_data_files_lead_to_their_pages_and_copies() {
    let p = project(
        "",
        "[plan](initiatives/i.md#cut-over-plan), [I](./initiatives/i.md), [Q](initiatives/i.md#Project-Quotas) and [data](data/k.csv?raw=1); [all initiatives](initiatives/)\n",
    );
    assert_eq!(broken_links(&p), Vec::<String>::new());
    p.run(&["build"]).ok();
    let notes = p.read("site/pages/notes.html");
    assert!(
        notes.contains(r#"href="../initiatives/i.html#s-cut-over-plan""#),
        "{notes}"
    );
    assert!(notes.contains(r#"href="../initiatives/i.html""#), "{notes}");
    assert!(
        notes.contains(r#"href="../initiatives/i.html#s-project-quotas""#),
        "{notes}"
    );
    assert!(
        notes.contains(r#"href="../files/data/k.csv?raw=1""#),
        "{notes}"
    );
    let kpi = p.read("site/kpis/k.html");
    assert!(kpi.contains(r#"href="../files/data/k.csv""#), "{kpi}");
    assert_eq!(
        p.read("site/files/data/k.csv"),
        "date,value\n2026-10-01,3\n"
    );
}

#[test]
fn links_that_resolve_to_nothing_are_findings_where_they_are_written() {
    let p = project(
        "",
        "# Notes\n\nSee [non-goal](#non-goals).\nAlso  [the KEP](../563-dual-stack/README.md) and [gone](initiatives/gone.md).\n\n- [sig](/keps/sig-node/README.md)\n- ![arch](img/arch.png) [out](../../outside.md) [other](initiatives/i.md#nope)\n",
    );
    let out = p.run(&["check"]);
    let heads: Vec<String> = out
        .heads()
        .into_iter()
        .filter(|h| h.contains("RB0227"))
        .collect();
    assert_eq!(
        heads,
        [
            "content/notes.md:6:5: warning[RB0227]",
            "content/notes.md:7:7: warning[RB0227]",
            "content/notes.md:7:50: warning[RB0227]",
            "content/notes.md:9:3: warning[RB0227]",
            "content/notes.md:10:3: warning[RB0227]",
            "content/notes.md:10:25: warning[RB0227]",
            "content/notes.md:10:49: warning[RB0227]",
        ],
        "{}",
        out.stderr
    );
    for said in [
        "link `#non-goals`: no heading `non-goals` in this document",
        "leads to `563-dual-stack/README.md`, a file of the repository that is not part of the site",
        "no document `content/initiatives/gone.md`",
        "link `/keps/sig-node/README.md` is root-relative",
        "it also breaks when the site is opened from disk",
        "image `img/arch.png` leads to `content/img/arch.png`",
        "link `../../outside.md` leads outside the project",
        "no heading `nope` in `content/initiatives/i.md`",
        "set `repo-url` in the `[book]` table of book.toml",
        "did you mean `content/initiatives/i.md`?",
    ] {
        assert!(out.stderr.contains(said), "missing {said:?} in\n{}", out.stderr);
    }
    // The build still builds, and its findings page lists them.
    p.run(&["build"]).ok();
    let findings = p.read("site/findings.html");
    assert_eq!(findings.matches("RB0227").count(), 7, "{findings}");
}

#[test]
fn repo_url_sends_links_to_repository_files_to_the_git_host() {
    let p = project(
        "repo-url = \"https://github.com/acme/roadmap/\"\n",
        "[the KEP](../563-dual-stack/README.md#summary), [sig](/keps/sig-node/README.md) and ![arch](img/arch%20v2.png)\n\n[out](../../outside.md)\n",
    );
    let out = p.run(&["check"]);
    assert_eq!(
        out.heads()
            .into_iter()
            .filter(|h| h.contains("RB0227"))
            .collect::<Vec<_>>(),
        // The image stays a finding: a page loads nothing from the network.
        [
            "content/notes.md:4:85: warning[RB0227]",
            "content/notes.md:6:1: warning[RB0227]"
        ],
        "{}",
        out.stderr
    );
    p.run(&["build"]).ok();
    let notes = p.read("site/pages/notes.html");
    for href in [
        r#"href="https://github.com/acme/roadmap/blob/HEAD/563-dual-stack/README.md#summary""#,
        r#"href="https://github.com/acme/roadmap/blob/HEAD/keps/sig-node/README.md""#,
    ] {
        assert!(notes.contains(href), "missing {href} in {notes}");
    }

    // A host of another shape, or a project in a folder of its repository.
    let p = project(
        "repo-file-url = \"https://git.example.com/acme/plans/-/blob/main/roadmap/{path}\"\n",
        "[the KEP](../563-dual-stack/README.md)\n",
    );
    assert_eq!(broken_links(&p), Vec::<String>::new());
    p.run(&["build"]).ok();
    assert!(p.read("site/pages/notes.html").contains(
        r#"href="https://git.example.com/acme/plans/-/blob/main/roadmap/563-dual-stack/README.md""#
    ));

    // Not an address: a config error at its line.
    let p = project("repo-url = \"github.com/acme\"\n", "");
    let out = p.run(&["check"]);
    assert!(
        out.heads()
            .contains(&"book.toml:3:13: error[RB0001]".to_string()),
        "{}",
        out.stderr
    );
}

#[test]
fn a_doubled_hash_makes_a_valid_href_and_a_finding() {
    let p = project(
        "",
        "# Notes\n\n## Implementation History\n\nSee [x](##implementation-history).\n",
    );
    let out = p.run(&["check"]);
    assert_eq!(
        broken_links(&p),
        ["content/notes.md:8:5: warning[RB0227]"],
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("write `#implementation-history`"),
        "{}",
        out.stderr
    );
    p.run(&["build"]).ok();
    let notes = p.read("site/pages/notes.html");
    assert!(
        notes.contains(r##"<a href="#%23implementation-history">x</a>"##),
        "{notes}"
    );
    assert!(
        notes.contains(r#"<h2 id="s-implementation-history">"#),
        "{notes}"
    );
}

/// A `javascript:` or `data:` link becomes `#` on the page: said where it
/// is written, not left a dead link nobody hears of. Web, mail and phone
/// addresses are kept, as before.
#[test]
fn a_link_the_page_drops_is_a_finding() {
    let p = project(
        "",
        "[run](javascript:alert(1)) [pic](data:text/html,x) [up](JavaScript:x)\n\n[web](https://example.com) [mail](mailto:a@example.com) [call](tel:+4912)\n",
    );
    let out = p.run(&["check"]);
    assert_eq!(
        broken_links(&p),
        [
            "content/notes.md:4:1: warning[RB0227]",
            "content/notes.md:4:28: warning[RB0227]",
            "content/notes.md:4:52: warning[RB0227]",
        ],
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("link `javascript:alert(1)` is a `javascript:` address, which a page does not keep: it shows as a dead link"),
        "{}",
        out.stderr
    );
    p.run(&["build"]).ok();
    let page = p.read("site/pages/notes.html");
    assert!(!page.contains("javascript:"), "{page}");
    assert!(page.contains(r#"href="mailto:a@example.com""#), "{page}");
}
