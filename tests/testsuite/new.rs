//! `roadbook new KIND ID`: one content file from its kind's archetype, as
//! a user adds an item to the roadmap `init` wrote.

use crate::helpers::Project;

/// What `roadbook init` writes, judged at the real date as it is.
fn scaffolded() -> Project {
    let p = Project::empty();
    p.run(&["init"]).ok();
    p
}

#[test]
fn each_kind_gets_a_file_that_checks_clean() {
    let p = scaffolded();
    for (kind, dir) in [
        ("initiative", "initiatives"),
        ("outcome", "outcomes"),
        ("kpi", "kpis"),
        ("team", "teams"),
        ("capability", "capabilities"),
        ("change", "changes"),
        ("review", "reviews"),
        ("page", "pages"),
    ] {
        let id = format!("new-{kind}");
        let mut args = vec!["new", kind, &id];
        if kind == "change" {
            args.extend(["--affects", "erp-upgrade"]);
        }
        let out = p.run(&args).ok();
        // A free page at the top of `content/`, as the charter is: under
        // `content/pages/` it was published as `pages/pages/ID.html`.
        let path = if kind == "page" {
            format!("content/{id}.md")
        } else {
            format!("content/{dir}/{id}.md")
        };
        assert_eq!(out.stdout.trim(), path);
        let text = p.read(&path);
        assert!(text.starts_with("---\ntitle: New "), "{text}");
        assert!(
            !text.contains("{{") && !text.contains("{D") && !text.contains("{Q"),
            "{text}"
        );
    }
    let checked = p.run(&["check", "--format", "json"]);
    assert!(
        !checked.stdout.contains("\"severity\":\"error\""),
        "{}",
        checked.stdout
    );
    assert_eq!(checked.code, 0, "{}\n{}", checked.stdout, checked.stderr);
    p.run(&["build", "--quiet"]).ok();
    assert!(p.path().join("site/pages/new-page.html").is_file());
    // A new KPI's target is left for its owner to set, never made up: it
    // says so until it is.
    assert!(
        checked
            .stdout
            .lines()
            .any(|l| l.contains("\"rule\":\"kpi-without-target\"")
                && l.contains("content/kpis/new-kpi.md")),
        "{}",
        checked.stdout
    );
    // A change request and a review are dated today; an initiative's first
    // milestone is due next quarter.
    let today = jiff::Zoned::now().date().to_string();
    assert!(p
        .read("content/changes/new-change.md")
        .contains(&format!("date: {today}\n")));
    assert!(p
        .read("content/reviews/new-review.md")
        .contains(&format!("date: {today}\n")));
}

#[test]
fn a_change_request_names_what_it_affects_so_a_slip_is_acknowledged_in_one_command() {
    let p = scaffolded();
    let out = p
        .run(&[
            "new",
            "change",
            "move-go-live",
            "--affects",
            "erp-upgrade/go-live",
            "--affects",
            "erp-upgrade",
        ])
        .ok();
    assert_eq!(out.stdout.trim(), "content/changes/move-go-live.md");
    let text = p.read("content/changes/move-go-live.md");
    assert!(
        text.contains("affects: [erp-upgrade/go-live, erp-upgrade]\n"),
        "{text}"
    );
    assert!(text.contains("status: proposed\n"));
    // A near miss is refused with the id meant.
    let out = p.run(&["new", "change", "other", "--affects", "erp-upgrde"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("--affects `erp-upgrde` is not in the roadmap: did you mean `erp-upgrade`?"),
        "{}",
        out.stderr
    );
    assert!(!p.path().join("content/changes/other.md").exists());
    // A milestone of an initiative that is there: one of its own (the
    // initiative's id was suggested), or all of them when none is near.
    for (named, said) in [
        (
            "erp-upgrade/go-lve",
            "--affects `erp-upgrade/go-lve`: `erp-upgrade` has no milestone `go-lve`: did you mean `erp-upgrade/go-live`?",
        ),
        (
            "erp-upgrade/cutover",
            "did you mean `erp-upgrade/test-cutover`?",
        ),
        // Its own id under the wrong initiative.
        (
            "network-refresh/go-live",
            "did you mean `erp-upgrade/go-live`?",
        ),
        (
            "erp-upgrade/launch",
            "its milestones are `erp-upgrade/design-signed-off`, `erp-upgrade/test-cutover`, `erp-upgrade/go-live`, or name the initiative itself, `erp-upgrade`",
        ),
    ] {
        let out = p.run(&["new", "change", "other", "--affects", named]);
        assert_eq!(out.code, 1);
        assert!(out.stderr.contains(said), "{}", out.stderr);
    }
    assert!(!p.path().join("content/changes/other.md").exists());
    // Only change requests and RAID items affect anything.
    let out = p.run(&["new", "initiative", "x", "--affects", "erp-upgrade"]);
    assert_eq!(out.code, 2);
    assert!(out
        .stderr
        .contains("--affects is for change requests and RAID items"));
    // A RAID item names what it threatens, and checks clean as written.
    p.run(&[
        "new",
        "risk",
        "slow-cutover",
        "--affects",
        "erp-upgrade/test-cutover",
    ])
    .ok();
    let risk = p.read("content/risks/slow-cutover.md");
    assert!(
        risk.contains("affects: [erp-upgrade/test-cutover]"),
        "{risk}"
    );
    // Its findings are what `new` leaves to fill in, the owner, the
    // mitigation and the text; filled in, it checks clean.
    let findings_of = |p: &Project| -> Vec<String> {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|f| f["path"] == "content/risks/slow-cutover.md")
            .map(|f| format!("{}:{}", f["rule"].as_str().unwrap(), f["line"]))
            .collect()
    };
    assert_eq!(
        findings_of(&p),
        ["placeholder:3", "placeholder:12", "placeholder:16"]
    );
    p.write(
        "content/risks/slow-cutover.md",
        &risk
            .replace("owner: Name (Role)", "owner: Sam Reyes (ERP lead)")
            .replace(
                "mitigation: What is done to make it less likely or less harmful.",
                "mitigation: A rehearsal cut-over in May",
            )
            .replace(
                "What could happen, what would trigger it, and what it would cost.",
                "The cut-over overruns the weekend window.",
            ),
    );
    // An initiative's criterion left as written is not a criterion: said
    // once, as a placeholder (not also as a milestone without criteria).
    p.run(&["new", "initiative", "wifi"]).ok();
    let initiative = p.read("content/initiatives/wifi.md");
    let said: Vec<serde_json::Value> = p
        .run(&["check", "--format", "json"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["path"] == "content/initiatives/wifi.md")
        .collect();
    let line_of = |text: &str| initiative.lines().position(|l| l.contains(text)).unwrap() + 1;
    for (rule, line) in [
        ("placeholder", line_of("What someone can check")),
        ("placeholder", line_of("Why this initiative")),
    ] {
        assert!(
            said.iter().any(|f| f["rule"] == rule && f["line"] == line),
            "{rule}:{line} {said:#?}"
        );
    }
    assert!(
        !said.iter().any(|f| f["rule"] == "missing-criteria"),
        "{said:#?}"
    );
    // With placeholders allowed, the milestone without a real criterion
    // is still said once.
    let book = p.read("book.toml");
    p.write(
        "book.toml",
        &book.replacen("[lints]\n", "[lints]\nplaceholder = \"allow\"\n", 1),
    );
    let said: Vec<(String, String)> = p
        .run(&["check", "--format", "json"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|f| f["path"] == "content/initiatives/wifi.md")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // Saying what is there (from a trial: "has no criteria" read as untrue
    // of a milestone whose criterion was the placeholder).
    assert!(
        said.iter().any(|(rule, message)| rule == "missing-criteria"
            && message.ends_with("has no criteria but the placeholder `roadbook new` wrote")),
        "{said:?}"
    );
    p.write("book.toml", &book);
    std::fs::remove_file(p.path().join("content/initiatives/wifi.md")).unwrap();
    assert_eq!(findings_of(&p), Vec::<String>::new());
}

#[test]
fn refusals_name_the_problem_and_write_nothing() {
    let p = scaffolded();
    let before = p.tree("content");
    let refused = |args: &[&str], says: &str| {
        let out = p.run(args);
        assert_ne!(out.code, 0, "{args:?}: {}", out.stdout);
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
    };
    refused(&["new", "team", "Bad Id!"], "`Bad Id!` is not a valid id");
    refused(
        &["new", "team", "index"],
        "`index` cannot be an id: `index` is taken by every list page",
    );
    let long = "a".repeat(230);
    refused(
        &["new", "team", &long],
        "an id has at most 200 characters, this one 230",
    );
    // Taken by another kind, with the file that holds it.
    refused(
        &["new", "outcome", "erp-upgrade"],
        "the id `erp-upgrade` is taken by the initiative in content/initiatives/erp-upgrade.md",
    );
    // Declared by a document whose file has another name.
    p.write(
        "content/pages/about-us.md",
        "---\ntitle: About\nid: about\n---\n",
    );
    let before = {
        let mut b = before;
        b.insert(
            "pages/about-us.md".into(),
            p.read("content/pages/about-us.md").into_bytes(),
        );
        b
    };
    refused(
        &["new", "team", "about"],
        "the id `about` is taken by the page in content/pages/about-us.md",
    );
    // Another id only in letter case: one file on a case-insensitive disk.
    refused(
        &["new", "outcome", "ERP-Upgrade"],
        "the id `ERP-Upgrade` differs only in letter case from `erp-upgrade`, the initiative in content/initiatives/erp-upgrade.md",
    );
    // The file itself.
    refused(
        &["new", "initiative", "erp-upgrade"],
        "content/initiatives/erp-upgrade.md already exists",
    );
    refused(&["new", "widget", "x"], "invalid value 'widget'");
    // A milestone is no kind of its own: where it goes is said (it was
    // "invalid value 'milestone'": from a trial), and nothing is written.
    refused(
        &["new", "milestone", "go-live"],
        "a milestone has no file of its own: write it in its initiative's, under `milestones:`",
    );
    assert_eq!(p.run(&["new", "milestone", "go-live"]).code, 2);
    assert!(!p.run(&["new", "--help"]).stdout.contains("milestone,"));
    // A flag the kind does not take is a wrong command line (exit 2), as
    // clap's own refusals are.
    for args in [
        &["new", "outcome", "x", "--decided-by", "Me"][..],
        &["new", "change", "x"][..],
        &["new", "team", "Bad Id!"][..],
    ] {
        assert_eq!(p.run(args).code, 2, "{args:?}");
    }
    refused(
        &["new", "change", "x"],
        "a change request must say what it affects: add --affects ID",
    );
    // Something of a kind the document's own `affects:` refuses: the file
    // written would stop the build.
    refused(
        &["new", "risk", "r", "--affects", "order-cycle-time"],
        "--affects `order-cycle-time` is a KPI: a RAID item affects a milestone, an initiative or an outcome",
    );
    refused(
        &["new", "change", "c", "--affects", "integration"],
        "--affects `integration` is a capability: a change request affects a milestone, an initiative, a KPI, an outcome or a team",
    );
    refused(
        &["new", "change", "c", "--affects", "erp-scope"],
        "--affects `erp-scope` is a change request",
    );
    assert_eq!(p.tree("content"), before, "a refusal wrote something");
}

#[test]
fn the_theme_s_archetype_replaces_the_built_in_one() {
    let p = scaffolded();
    p.write(
        "themes/default/archetypes/team.md",
        "---\ntitle: {{title}} squad\nlead: Tribe lead\ncapacity: 180\n---\nId {{id}}, set up {D+0}.\n",
    );
    p.run(&["new", "team", "payments"]).ok();
    let text = p.read("content/teams/payments.md");
    assert!(text.starts_with("---\ntitle: Payments squad\nlead: Tribe lead\ncapacity: 180\n---\nId payments, set up 20"), "{text}");
}

#[test]
fn a_slip_is_acknowledged_by_one_new_change_request() {
    use crate::helpers::git;
    let p = Project::empty();
    let book = |today: &str| format!("[book]\ntitle = \"T\"\n\n[roadmap]\ntoday = \"{today}\"\n");
    let shop = |due: &str| {
        format!("---\ntitle: Shop\nowner: Ann\nstatus: active\noutcomes: [grow]\nmilestones:\n  - {{ id: launch, title: Launch, due: {due} }}\n---\n")
    };
    p.write("book.toml", &book("2026-09-30"))
        .write(
            "content/outcomes/grow.md",
            "---\ntitle: Grow\nowner: Ann\n---\n",
        )
        .write("content/initiatives/shop.md", &shop("2026-10-31"));
    git(&p, "2026-09-30", &["init", "-q"]);
    git(&p, "2026-09-30", &["add", "-A"]);
    git(&p, "2026-09-30", &["commit", "-qm", "Q3"]);
    git(
        &p,
        "2026-09-30",
        &["tag", "-a", "roadmap/2026-Q3", "-m", "Q3"],
    );
    // Two months later the launch moved.
    p.write("book.toml", &book("2026-11-25"))
        .write("content/initiatives/shop.md", &shop("2026-12-31"));
    let slips = |p: &Project| {
        p.run(&["check", "--format", "json"])
            .stdout
            .lines()
            .filter(|l| l.contains("\"rule\":\"unacknowledged-slip\""))
            .count()
    };
    assert_eq!(slips(&p), 1);
    let out = p
        .run(&[
            "new",
            "change",
            "move-launch",
            "--affects",
            "shop/launch",
            "--decided-by",
            "Steering committee",
        ])
        .ok();
    let text = p.read(out.stdout.trim());
    assert!(
        text.contains("status: approved\naffects: [shop/launch]\nrequested_by: Name (Role)\ndecided_by: \"Steering committee\"\ndecided: 2026-11-25\n---\n"),
        "{text}"
    );
    assert_eq!(
        slips(&p),
        0,
        "the approved change request acknowledges the slip"
    );
    // --decided-by needs an archetype with a place for it.
    p.write(
        "themes/default/archetypes/change.md",
        "---\ntitle: {{title}}\ndate: {D+0}\naffects: {{affects}}\n---\n",
    );
    let out = p.run(&[
        "new",
        "change",
        "again",
        "--affects",
        "shop",
        "--decided-by",
        "CIO",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("has no `{{decision}}` for --decided-by to fill in"),
        "{}",
        out.stderr
    );
}

/// A file name given for the id is refused with the command meant: `.md`
/// was written twice (`foo.md.md`, whose id is `foo`).
#[test]
fn a_file_name_for_an_id_gets_the_id() {
    let p = scaffolded();
    for (given, meant) in [
        ("foo.md", "roadbook new initiative foo"),
        ("content/initiatives/foo.md", "roadbook new initiative foo"),
    ] {
        let out = p.run(&["new", "initiative", given]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(
            out.stderr.contains(&format!("did you mean `{meant}`?")),
            "{}",
            out.stderr
        );
    }
    assert!(!p.path().join("content/initiatives/foo.md.md").exists());
    assert!(!p.path().join("content/initiatives/foo.md").exists());
    // A dotted id stays an id.
    p.run(&["new", "initiative", "erp.v2"]).ok();
    assert!(p.path().join("content/initiatives/erp.v2.md").is_file());
}

#[test]
fn an_amount_is_refused_where_it_would_approve_nothing_or_is_written_for_people() {
    let p = Project::fixture("valid");
    let out = p.run(&[
        "new",
        "change",
        "more-money",
        "--affects",
        "shop/design",
        "--budget-increase",
        "5000",
    ]);
    assert!(
        out.stderr.contains("--budget-increase approves a rise of an initiative's budget: name the initiative (`--affects shop`)"),
        "{}",
        out.stderr
    );
    assert!(!p.path().join("content/changes/more-money.md").exists());
    let out = p.run(&[
        "new",
        "change",
        "more-money",
        "--affects",
        "shop",
        "--budget-increase",
        "150,000",
    ]);
    assert!(
        out.stderr.contains("write the amount in plain digits"),
        "{}",
        out.stderr
    );
}

/// The title leadership reads is given on the command line: made from the
/// id, "Go live q4" reached the brief and the period pages (from a trial).
/// Quoted, so a colon or a quote in it is the title's own.
#[test]
fn a_title_given_is_the_items_title() {
    let p = scaffolded();
    let out = p
        .run(&[
            "new",
            "change",
            "go-live-q4",
            "--title",
            "Go-live moved to Q4: the \"vendor\" delay",
            "--affects",
            "erp-upgrade",
            "--decided-by",
            "Steering committee",
        ])
        .ok();
    let text = p.read(out.stdout.trim());
    assert!(
        text.starts_with("---\ntitle: \"Go-live moved to Q4: the \\\"vendor\\\" delay\"\n"),
        "{text}"
    );
    let json: serde_json::Value = {
        p.run(&["build", "--quiet"]).ok();
        serde_json::from_str(&p.read("site/roadmap.json")).unwrap()
    };
    let change = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "go-live-q4")
        .unwrap();
    assert_eq!(change["title"], "Go-live moved to Q4: the \"vendor\" delay");
}

/// `--settings` writes the decision `threshold-loosened` asks for, with no
/// `--affects` needed; a name that is no setting is refused with the one
/// meant.
#[test]
fn a_settings_decision_is_written_and_checked() {
    let p = scaffolded();
    let out = p
        .run(&[
            "new",
            "change",
            "tolerance",
            "--settings",
            "slip-tolerance-days",
            "--decided-by",
            "Steering committee",
        ])
        .ok();
    let text = p.read(out.stdout.trim());
    assert!(
        text.contains("\naffects: []\nsettings: [slip-tolerance-days]\n")
            && text.contains("status: approved"),
        "{text}"
    );
    let check = p.run(&["check", "--format", "json"]).stdout;
    assert!(
        !check.contains("\"rule\":\"missing-field\"")
            && !check.contains("\"rule\":\"invalid-field\""),
        "{check}"
    );
    let out = p.run(&["new", "change", "other", "--settings", "slip-tolerance-day"]);
    assert!(
        out.code != 0 && out.stderr.contains("did you mean `slip-tolerance-days`?"),
        "{}",
        out.stderr
    );
    let out = p.run(&["new", "initiative", "x", "--settings", "watermelon"]);
    assert!(
        out.code != 0 && out.stderr.contains("--settings is for change requests"),
        "{}",
        out.stderr
    );
}
