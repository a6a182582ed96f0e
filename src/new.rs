//! `roadbook new KIND ID`: one content file written from its kind's
//! archetype, in the manner of `hugo new content`. The archetype is the
//! theme's `archetypes/<kind>.md` when the project's theme folder has one,
//! else the built-in one; in it `{{id}}`, `{{title}}`, and for a change
//! request `{{affects}}`, `{{status}}` and `{{decision}}`, are filled in,
//! then the date tokens `roadbook init` knows (`{D+0}`, `{Q+1}`, …)
//! relative to today.

use crate::config::{Config, Environment};
use crate::model::Kind;
use std::path::{Path, PathBuf};

/// The built-in archetype of each kind.
fn builtin(kind: Kind) -> &'static str {
    match kind {
        Kind::Initiative => include_str!("../themes/default/archetypes/initiative.md"),
        Kind::Outcome => include_str!("../themes/default/archetypes/outcome.md"),
        Kind::Kpi => include_str!("../themes/default/archetypes/kpi.md"),
        Kind::Team => include_str!("../themes/default/archetypes/team.md"),
        Kind::Capability => include_str!("../themes/default/archetypes/capability.md"),
        Kind::Change => include_str!("../themes/default/archetypes/change.md"),
        Kind::Review => include_str!("../themes/default/archetypes/review.md"),
        Kind::Page => include_str!("../themes/default/archetypes/page.md"),
    }
}

/// "crm-consolidation" → "Crm consolidation": a title to edit.
fn title_of(id: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Write `content/<kind>/<id>.md` and return its path. `affects` (change
/// requests only) must name initiatives or milestones of the roadmap.
/// What `roadbook new` is asked for.
pub struct Request<'a> {
    pub kind: Kind,
    pub id: &'a str,
    /// (change) The initiatives or milestones it affects.
    pub affects: &'a [String],
    /// (change) Who approved it: the request is written approved, decided
    /// today, so it acknowledges the slips it affects.
    pub decided_by: Option<&'a str>,
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

pub fn create(root: &Path, env: &Environment, request: &Request) -> Result<PathBuf, String> {
    let Request {
        kind,
        id,
        affects,
        decided_by,
    } = *request;
    if decided_by.is_some() && kind != Kind::Change {
        return Err("--decided-by is for change requests".into());
    }
    if !crate::base::id::valid_id(id) {
        return Err(format!(
            "`{id}` is not a valid id: use letters, digits, `-`, `_` and `.` (e.g. `crm-consolidation`)"
        ));
    }
    if !affects.is_empty() && kind != Kind::Change {
        return Err(
            "--affects is for change requests: `roadbook new change ID --affects X`".into(),
        );
    }
    if affects.is_empty() && kind == Kind::Change {
        return Err("a change request must say what it affects: add --affects ID (an initiative, or a milestone such as `erp-upgrade/go-live`)".into());
    }
    let (config, _) = Config::load(root, env).map_err(|d| {
        d.first()
            .map(|d| format!("{}: {}", d.path, d.message))
            .unwrap_or_else(|| "book.toml cannot be read".into())
    })?;
    let content = root.join(&config.build.content_dir);
    let target = content.join(kind.dir()).join(format!("{id}.md"));
    let shown = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    if target.exists() {
        return Err(format!("{} already exists", shown(&target)));
    }
    // Ids are shared by every kind: a file of another kind by that name,
    // or any document declaring it, takes it.
    for other in Kind::ALL {
        let path = content.join(other.dir()).join(format!("{id}.md"));
        if path.exists() {
            return Err(format!(
                "the id `{id}` is taken by the {} in {}: every item needs its own id",
                other.name(),
                shown(&path)
            ));
        }
    }
    let (files, _) = crate::source::read_tree(root, &config.build.content_dir)
        .map_err(|d| d.first().map(|d| d.message.clone()).unwrap_or_default())?;
    let documents = crate::parse::documents(&files);
    let (roadmap, _) = crate::model::build::from_documents(&files, documents, &config);
    if let Some(meta) = roadmap.get(id) {
        return Err(format!(
            "the id `{id}` is taken by the {} in {}: every item needs its own id",
            meta.kind.name(),
            meta.path
        ));
    }
    for target in affects {
        if roadmap.get(target).is_none() && roadmap.milestone(target).is_none() {
            let known = roadmap.initiatives.iter().flat_map(|i| {
                std::iter::once(i.meta.id.as_str())
                    .chain(i.milestones.iter().map(|m| m.gid.as_str()))
            });
            let hint = crate::diag::closest(target, known)
                .map(|c| format!(": did you mean `{c}`?"))
                .unwrap_or_else(|| {
                    ": name an initiative (`erp-upgrade`) or a milestone (`erp-upgrade/go-live`)"
                        .into()
                });
            return Err(format!("--affects `{target}` is not in the roadmap{hint}"));
        }
    }
    let own = root
        .join("themes")
        .join(&config.build.theme)
        .join("archetypes")
        .join(format!("{}.md", kind.name()));
    let archetype = match std::fs::read_to_string(&own) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => builtin(kind).to_string(),
        Err(e) => return Err(format!("cannot read {}: {e}", shown(&own))),
    };
    if decided_by.is_some() && !archetype.contains("{{decision}}") {
        return Err(format!(
            "{} has no `{{{{decision}}}}` for --decided-by to fill in",
            shown(&own)
        ));
    }
    let decision = decided_by
        .map(|who| format!("decided_by: {}\ndecided: {{D+0}}\n", quoted(who)))
        .unwrap_or_default();
    let text = archetype
        .replace("{{id}}", id)
        .replace("{{title}}", &title_of(id))
        .replace("{{affects}}", &format!("[{}]", affects.join(", ")))
        .replace(
            "{{status}}",
            if decided_by.is_some() {
                "approved"
            } else {
                "proposed"
            },
        )
        .replace("{{decision}}", &decision);
    let text = crate::init::expand(&text, config.today.day);
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", shown(dir)))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .map_err(|e| format!("cannot write {}: {e}", shown(&target)))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", shown(&target)))?;
    Ok(PathBuf::from(shown(&target)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_quoted_for_yaml() {
        assert_eq!(quoted("Steering committee"), "\"Steering committee\"");
        assert_eq!(
            quoted("CIO: \"Erik\"\\x\ny"),
            "\"CIO: \\\"Erik\\\"\\\\x y\""
        );
    }

    #[test]
    fn a_title_is_made_from_the_id() {
        assert_eq!(title_of("crm-consolidation"), "Crm consolidation");
        assert_eq!(title_of("q3_review"), "Q3 review");
    }
}
