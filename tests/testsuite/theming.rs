//! The theme reference (docs/theming.md) against the real contexts: every
//! page template of the built-in theme is overridden in a copy of the
//! example by one that dumps its context (Tera's `__tera_context`), the
//! site is built, and the top-level variables each template received are
//! compared with the ones the reference lists for it.

use std::collections::{BTreeMap, BTreeSet};

const PAGE_TEMPLATES: &[&str] = &[
    "index.html",
    "item.html",
    "list.html",
    "page.html",
    "timeline.html",
    "capacity.html",
    "dependencies.html",
    "governance.html",
    "budget.html",
    "metrics.html",
    "findings.html",
    "traceability.html",
    "matrix.html",
    "versions.html",
    "diff.html",
    "brief.html",
    "gone.html",
];

/// The keys of the outermost object of Tera's context dump (which is
/// JSON-like, not JSON: a null prints as nothing).
fn top_keys(dump: &str) -> Vec<String> {
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    let mut current = String::new();
    let mut last_string = String::new();
    let mut keys = Vec::new();
    for c in dump.chars() {
        if in_string {
            match c {
                _ if escaped => {
                    escaped = false;
                    current.push(c);
                }
                '\\' => escaped = true,
                '"' => {
                    in_string = false;
                    last_string = std::mem::take(&mut current);
                }
                _ => current.push(c),
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            ':' if depth == 1 => keys.push(std::mem::take(&mut last_string)),
            _ => {}
        }
    }
    keys
}

/// Template → the variables it was given, over every page of the example.
fn received() -> BTreeMap<String, BTreeSet<String>> {
    let keep = crate::helpers::Project::empty();
    let root = keep.path();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("book.toml"), root.join("book.toml")).unwrap();
    for dir in ["content", "snapshots"] {
        crate::helpers::copy_dir(&repo.join(dir), &root.join(dir));
    }
    let dir = root.join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    for t in PAGE_TEMPLATES {
        // `item` and `extra` named, so the raw model is passed as it is to
        // any theme that reads it.
        std::fs::write(
            dir.join(t),
            format!("{{# item extra #}}<!--template {t}-->\n{{{{ __tera_context }}}}"),
        )
        .unwrap();
    }
    keep.run(&["build", "--quiet", "-d", "dump"]).ok();
    // A published quarter's folder renamed: its old address gets `gone.html`.
    std::fs::rename(
        root.join("snapshots/2026-Q2"),
        root.join("snapshots/2026-Q2-renamed"),
    )
    .unwrap();
    keep.run(&["build", "--quiet", "-d", "dump"]).ok();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in crate::helpers::tree(&root.join("dump")) {
        if !path.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        let Some(rest) = text.strip_prefix("<!--template ") else {
            continue;
        };
        let (template, json) = rest.split_once("-->\n").unwrap();
        // The archived versions' pages are the root's templates again; the
        // pages left at a gone quarter's address are the working tree's.
        if path.starts_with("v/") && template != "gone.html" {
            continue;
        }
        // Tera escapes the dump as HTML.
        let json = json
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#x2F;", "/")
            .replace("&amp;", "&");
        let keys = top_keys(&json);
        out.entry(template.to_string()).or_default().extend(keys);
    }
    out
}

/// Template → variables, from the reference's "| `x.html` | `a`, `b` |" rows.
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/theming.md"),
    )
    .unwrap();
    let mut out = BTreeMap::new();
    for line in doc.lines() {
        let Some(rest) = line.strip_prefix("| `") else {
            continue;
        };
        let Some((template, rest)) = rest.split_once("` | ") else {
            continue;
        };
        if !template.ends_with(".html") {
            continue;
        }
        let vars: BTreeSet<String> = rest
            .split('|')
            .next()
            .unwrap()
            .split(',')
            .map(|v| v.trim().trim_matches('`').to_string())
            .filter(|v| !v.is_empty())
            .collect();
        out.insert(template.to_string(), vars);
    }
    out
}

#[test]
fn the_theme_reference_lists_exactly_what_each_template_receives() {
    let received = received();
    assert_eq!(
        received.len(),
        PAGE_TEMPLATES.len(),
        "{:?}",
        received.keys()
    );
    // What every page template gets is base.html's row; the rest, each own.
    let mut base: BTreeSet<String> = received.values().next().unwrap().clone();
    for vars in received.values() {
        base = base.intersection(vars).cloned().collect();
    }
    let row = |template: &str, vars: &BTreeSet<String>| {
        let list: Vec<String> = vars.iter().map(|v| format!("`{v}`")).collect();
        format!("| `{template}` | {} |", list.join(", "))
    };
    let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    expected.insert("base.html".into(), base.clone());
    for (template, vars) in &received {
        expected.insert(template.clone(), vars.difference(&base).cloned().collect());
    }
    let documented = documented();
    if documented != expected {
        let rows: Vec<String> = expected.iter().map(|(t, v)| row(t, v)).collect();
        panic!(
            "docs/theming.md is out of step with the templates' contexts; its rows should read:\n{}",
            rows.join("\n")
        );
    }
}

/// `init --theme` writes the built-in theme out to be changed (from a
/// trial: installed from crates.io, the docs' "copy it from this
/// repository" had nothing to copy); built with it untouched, the site is
/// the one the built-in theme makes, and `new` writes from its archetypes.
#[test]
fn the_theme_written_out_builds_the_same_site_and_is_used() {
    let p = crate::helpers::Project::empty();
    p.run(&["init"]).ok();
    p.run(&["build", "--quiet", "-d", "built-in"]).ok();
    let out = p.run(&["init", "--theme"]).ok();
    assert!(
        out.stderr.contains("Wrote 37 theme files to"),
        "{}",
        out.stderr
    );
    for file in [
        "templates/base.html",
        "static/style.css",
        "archetypes/risk.md",
    ] {
        assert!(
            p.path().join("themes/default").join(file).is_file(),
            "{file}"
        );
    }
    p.run(&["build", "--quiet", "-d", "written-out"]).ok();
    let stamp = |mut t: std::collections::BTreeMap<String, Vec<u8>>| {
        t.retain(|path, _| !path.ends_with(".roadbook-version"));
        t
    };
    let (a, b) = (stamp(p.tree("built-in")), stamp(p.tree("written-out")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    let differ: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert!(differ.is_empty(), "{differ:?}");
    // Changed, it is the one used.
    p.write(
        "themes/default/archetypes/risk.md",
        "---\ntitle: {{title}}\nowner: PMO\nlikelihood: 2\nimpact: 2\n---\nOurs.\n",
    );
    p.run(&["new", "risk", "ours"]).ok();
    assert!(p.read("content/risks/ours.md").ends_with("Ours.\n"));
    // Again: nothing to write, nothing overwritten.
    let out = p.run(&["init", "--theme"]).ok();
    assert!(
        out.stderr
            .contains("holds every theme file already: nothing written"),
        "{}",
        out.stderr
    );
    assert!(p
        .read("themes/default/archetypes/risk.md")
        .ends_with("Ours.\n"));
}
