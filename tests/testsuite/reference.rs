//! The field reference (docs/fields.md) is the reader's own tables: the
//! committed file is what `roadbook fields` prints, and every field it
//! lists is one the reader accepts.

use crate::helpers::Project;

fn committed() -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fields.md"))
        .unwrap()
}

#[test]
fn the_committed_field_reference_is_what_the_binary_prints() {
    let out = Project::empty().run(&["fields"]).ok();
    assert_eq!(
        out.stdout,
        committed(),
        "run `roadbook fields > docs/fields.md`"
    );
}

#[test]
fn every_documented_field_is_read_and_none_is_missing() {
    // (folder, fields) from the reference's tables.
    let doc = committed();
    let mut kinds: Vec<(String, Vec<String>)> = Vec::new();
    let mut common: Vec<String> = Vec::new();
    let mut in_milestones = false;
    for line in doc.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            in_milestones = false;
            if let Some(folder) = heading.split("(`content/").nth(1) {
                kinds.push((folder.trim_end_matches("/`)").to_string(), Vec::new()));
            } else if heading.starts_with("Page (") {
                kinds.push(("pages".to_string(), Vec::new()));
            }
        } else if line.starts_with("### ") {
            in_milestones = true;
        } else if let Some(rest) = line.strip_prefix("| `") {
            let name = rest.split('`').next().unwrap().to_string();
            match kinds.last_mut() {
                _ if in_milestones => {}
                Some((_, fields)) => fields.push(name),
                None => common.push(name),
            }
        }
    }
    assert_eq!(kinds.len(), 9, "{kinds:?}");
    assert_eq!(common, ["id", "kind", "extra"]);
    let p = Project::empty();
    p.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[roadmap]\ntoday = \"2026-11-25\"\n",
    );
    for (folder, fields) in &kinds {
        // Every field, set to something: values may be wrong, names not.
        let mut text = String::from("---\n");
        for f in fields {
            text.push_str(&format!("{f}: x\n"));
        }
        text.push_str("---\n");
        p.write(&format!("content/{folder}/e-{folder}.md"), &text);
    }
    let out = p.run(&["check", "--format", "json"]);
    let unknown: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("\"rule\":\"unknown-field\""))
        .collect();
    assert!(unknown.is_empty(), "documented but not read: {unknown:#?}");
    // And a field the reference does not list is unknown.
    p.write(
        "content/teams/t.md",
        "---\ntitle: T\ncapacity: 1\nheadcount: 4\n---\n",
    );
    let out = p.run(&["check", "--format", "json"]);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.contains("\"rule\":\"unknown-field\"") && l.contains("headcount")),
        "{}",
        out.stdout
    );
}
