//! `roadbook new KIND ID`: one content file written from its kind's
//! archetype, in the manner of `hugo new content`. The archetype is the
//! theme's `archetypes/<kind>.md` when the project's theme folder has one,
//! else the built-in one; in it `{{id}}`, `{{title}}`, and for a change
//! request `{{affects}}`, `{{status}}` and `{{decision}}`, are filled in,
//! then the date tokens `roadbook init` knows (`{D+0}`, `{Q+1}`, …)
//! relative to today.

use crate::config::{Config, Environment};
use crate::model::{Kind, Roadmap};
use std::path::{Path, PathBuf};

/// The built-in archetype of each kind.
fn builtin(kind: Kind) -> &'static str {
    let path = format!("archetypes/{}.md", kind.name());
    crate::source::theme::ARCHETYPES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
        .expect("every kind has a built-in archetype")
}

/// "crm-consolidation" → "Crm consolidation": a title to edit. A dash
/// between digits stays (`steering-2026-12` → "Steering 2026-12").
fn title_of(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let words: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_digits = i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if matches!(c, '-' | '_') && !between_digits {
                ' '
            } else {
                c
            }
        })
        .collect();
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
    /// Its title, as leadership reads it on every page and in the brief;
    /// else one made from the id ("Go live q4"), to edit.
    pub title: Option<&'a str>,
    /// (change) The initiatives or milestones it affects.
    pub affects: &'a [String],
    /// (change) Who approved it: the request is written approved, decided
    /// today, so it acknowledges the slips it affects.
    pub decided_by: Option<&'a str>,
    /// (change) What it adds to the budget of each initiative it affects:
    /// approved, it covers a rise up to that much.
    pub budget_increase: Option<f64>,
    /// (change) How many days later it lets each date it affects move.
    pub delay_days: Option<u32>,
    /// (change) The book.toml thresholds it raises and the rules it turns
    /// off (`settings:`, what `threshold-loosened` asks for).
    pub settings: &'a [String],
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `p` as the user names it: from the project root, with `/`.
fn shown(root: &Path, p: &Path) -> String {
    crate::base::slashed(p.strip_prefix(root).unwrap_or(p))
}

/// What can be refused before reading anything: the command line itself
/// (an id that cannot be one, flags the kind does not take).
pub fn check_request(request: &Request) -> Result<(), String> {
    let is_change = request.kind == Kind::Change;
    if request.decided_by.is_some() && !is_change {
        return Err("--decided-by is for change requests".into());
    }
    if request.delay_days.is_some() && !is_change {
        return Err("--delay-days is for change requests".into());
    }
    if let Some(amount) = request.budget_increase {
        if !is_change {
            return Err("--budget-increase is for change requests".into());
        }
        if !(amount.is_finite() && (0.0..=1e12).contains(&amount)) {
            return Err(format!(
                "--budget-increase must be an amount of money from 0 to 1e12, in plain digits; found {amount}"
            ));
        }
    }
    // A file name or path given for the id (`erp.md`, the path `new`
    // printed): the id is its stem, and `.md` would be written twice.
    if request.id.ends_with(".md") || request.id.contains('/') {
        let stem = request
            .id
            .rsplit('/')
            .next()
            .unwrap_or(request.id)
            .trim_end_matches(".md");
        if crate::base::id::valid_id(stem) {
            return Err(format!(
                "`{}` is a file name, not an id: roadbook names the file after the id; did you mean `roadbook new {} {stem}`?",
                request.id,
                request.kind.name()
            ));
        }
    }
    if let Some(why) = crate::base::id::other_trouble(request.id) {
        return Err(format!("`{}` cannot be an id: {why}", request.id));
    }
    if !crate::base::id::valid_id(request.id) {
        return Err(format!(
            "`{}` is not a valid id: use letters, digits, `-`, `_` and `.` (e.g. `crm-consolidation`)",
            request.id
        ));
    }
    if !request.settings.is_empty() && !is_change {
        return Err("--settings is for change requests".into());
    }
    for name in request.settings {
        if let Err(near) = crate::config::check_setting(name) {
            let hint = near
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            return Err(format!(
                "--settings `{name}` is no threshold of book.toml and no rule of what needs a decision or puts delivery at risk{hint}"
            ));
        }
    }
    let takes_affects = is_change || request.kind == Kind::Risk;
    // A decision on book.toml's settings alone changes no item.
    let affects_nothing = request.affects.is_empty() && request.settings.is_empty();
    match (is_change, affects_nothing) {
        (false, _) if !takes_affects && !request.affects.is_empty() => Err(
            "--affects is for change requests and RAID items: `roadbook new change ID --affects X`".into(),
        ),
        (true, true) => Err("a change request must say what it affects: add --affects ID (an initiative, or a milestone such as `erp-upgrade/go-live`), or --settings NAME for a threshold of book.toml".into()),
        _ => Ok(()),
    }
}

/// Ids are shared by every kind: a file of another kind by that name, or
/// any document declaring it, takes it.
fn check_id_free(root: &Path, content: &Path, roadmap: &Roadmap, id: &str) -> Result<(), String> {
    let taken = |kind: Kind, path: &str| {
        format!(
            "the id `{id}` is taken by the {} in {path}: every item needs its own id",
            kind.name()
        )
    };
    for other in Kind::ALL {
        let path = file_of(content, other, id);
        if path.exists() {
            return Err(taken(other, &shown(root, &path)));
        }
    }
    if let Some(meta) = roadmap.get(id) {
        return Err(taken(meta.kind, &meta.path));
    }
    // The build refuses ids that differ only in letter case (one file on
    // a case-insensitive disk, one page on most web servers): so does
    // `new`, before writing the file.
    match roadmap.all_meta().find(|m| m.id.eq_ignore_ascii_case(id)) {
        Some(meta) => Err(format!(
            "the id `{id}` differs only in letter case from `{}`, the {} in {}: choose another id",
            meta.id,
            meta.kind.name(),
            meta.path
        )),
        None => Ok(()),
    }
}

/// Every `--affects` names a milestone or an item of a kind `kinds` holds,
/// as the document's own `affects:` will be checked.
fn check_affects(
    roadmap: &Roadmap,
    affects: &[String],
    kind: Kind,
    kinds: &[Kind],
) -> Result<(), String> {
    let noun = |k: Kind| match k {
        Kind::Kpi => "a KPI",
        Kind::Risk => "a RAID item",
        Kind::Change => "a change request",
        Kind::Initiative => "an initiative",
        Kind::Outcome => "an outcome",
        Kind::Team => "a team",
        Kind::Capability => "a capability",
        Kind::Review => "a review",
        Kind::Page => "a page",
    };
    let names: Vec<&str> = kinds.iter().map(|k| noun(*k)).collect();
    let names = match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    for target in affects {
        if roadmap.milestone(target).is_some() {
            continue;
        }
        if let Some(found) = roadmap.item_ref(target) {
            if kinds.contains(&found.kind) {
                continue;
            }
            return Err(format!(
                "--affects `{target}` is {}: {} affects a milestone, {names}",
                noun(found.kind),
                noun(kind)
            ));
        }
        // A milestone of an initiative that is there: one of its own,
        // not the initiative's id (from a trial: `erp-upgrade/cutovr` was
        // answered with `erp-upgrade`).
        if let Some((initiative, wanted)) = target.split_once('/') {
            if let Some(i) = roadmap.initiative(initiative) {
                // Else a milestone of that id in another initiative.
                let meant = i
                    .milestone_meant(wanted)
                    .map(|m| format!("{initiative}/{m}"))
                    .or_else(|| {
                        let mut all = roadmap.initiatives.iter().flat_map(|i| &i.milestones);
                        all.find(|m| m.id == wanted).map(|m| m.gid.to_string())
                    });
                let hint = match meant {
                    Some(gid) => format!("did you mean `{gid}`?"),
                    None if i.milestones.is_empty() => format!(
                        "`{initiative}` has no milestones; name the initiative itself, `{initiative}`"
                    ),
                    None => {
                        let listed: Vec<String> = i
                            .milestones
                            .iter()
                            .take(6)
                            .map(|m| format!("`{}`", m.gid))
                            .collect();
                        format!(
                            "its milestones are {}{}, or name the initiative itself, `{initiative}`",
                            listed.join(", "),
                            if i.milestones.len() > 6 { ", ..." } else { "" }
                        )
                    }
                };
                return Err(format!(
                    "--affects `{target}`: `{initiative}` has no milestone `{wanted}`: {hint}"
                ));
            }
        }
        let known = roadmap
            .initiatives
            .iter()
            .flat_map(|i| {
                std::iter::once(i.meta.id.as_str())
                    .chain(i.milestones.iter().map(|m| m.gid.as_str()))
            })
            .chain(
                roadmap
                    .kpis
                    .iter()
                    .map(|k| &k.meta)
                    .chain(roadmap.outcomes.iter().map(|o| &o.meta))
                    .filter(|m| kinds.contains(&m.kind))
                    .map(|m| m.id.as_str()),
            );
        let hint = crate::diag::closest(target, known)
            .map(|c| format!(": did you mean `{c}`?"))
            .unwrap_or_else(|| format!(": name a milestone (`erp-upgrade/go-live`), {names}"));
        return Err(format!("--affects `{target}` is not in the roadmap{hint}"));
    }
    Ok(())
}

/// The archetype of `request`'s kind, filled in.
fn text_of(root: &Path, config: &Config, request: &Request) -> Result<String, String> {
    let own = root
        .join("themes")
        .join(&config.build.theme)
        .join("archetypes")
        .join(format!("{}.md", request.kind.name()));
    let archetype = match std::fs::read_to_string(&own) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => builtin(request.kind).to_string(),
        Err(e) => return Err(format!("cannot read {}: {e}", shown(root, &own))),
    };
    let flag = if request.decided_by.is_some() {
        Some("--decided-by")
    } else if request.budget_increase.is_some() {
        Some("--budget-increase")
    } else if request.delay_days.is_some() {
        Some("--delay-days")
    } else {
        None
    };
    if let Some(flag) = flag.filter(|_| !archetype.contains("{{decision}}")) {
        return Err(format!(
            "{} has no `{{{{decision}}}}` for {flag} to fill in",
            shown(root, &own)
        ));
    }
    let mut decision = request
        .decided_by
        .map(|who| format!("decided_by: {}\ndecided: {{D+0}}\n", quoted(who)))
        .unwrap_or_default();
    if let Some(amount) = request.budget_increase {
        // `-0` is 0 (written as typed, it read `budget_increase: -0`).
        decision.push_str(&format!("budget_increase: {}\n", amount + 0.0));
    }
    if let Some(days) = request.delay_days {
        decision.push_str(&format!("delay_days: {days}\n"));
    }
    let status = if request.decided_by.is_some() {
        "approved"
    } else {
        "proposed"
    };
    let text = archetype
        .replace("{{id}}", request.id)
        .replace(
            "{{title}}",
            &request.title.map_or_else(|| title_of(request.id), quoted),
        )
        .replace(
            "{{affects}}",
            &if request.settings.is_empty() {
                format!("[{}]", request.affects.join(", "))
            } else {
                format!(
                    "[{}]\nsettings: [{}]",
                    request.affects.join(", "),
                    request.settings.join(", ")
                )
            },
        )
        .replace("{{status}}", status)
        .replace("{{decision}}", &decision);
    Ok(crate::init::expand(&text, config.today.day))
}

/// Where `new` writes an item of `kind`: its kind's folder, but a free
/// page at the top of `content/`, as `init`'s charter is (under
/// `content/pages/` it was published as `pages/pages/ID.html`; from a
/// trial).
fn file_of(content: &Path, kind: Kind, id: &str) -> PathBuf {
    let file = format!("{id}.md");
    match kind {
        Kind::Page => content.join(file),
        _ => content.join(kind.dir()).join(file),
    }
}

pub fn create(root: &Path, env: &Environment, request: &Request) -> Result<PathBuf, String> {
    check_request(request)?;
    let (config, _) = Config::load(root, env).map_err(|d| {
        d.first()
            .map(|d| format!("{}: {}", d.path, d.message))
            .unwrap_or_else(|| "book.toml cannot be read".into())
    })?;
    let content = root.join(&config.build.content_dir);
    let target = file_of(&content, request.kind, request.id);
    if target.exists() {
        return Err(format!("{} already exists", shown(root, &target)));
    }
    let (files, _) = crate::source::read_tree(root, &config.build.content_dir, None)
        .map_err(|d| d.first().map(|d| d.message.clone()).unwrap_or_default())?;
    let documents = crate::parse::documents(&files);
    let (roadmap, _) = crate::model::build::from_documents(&files, documents, &config, None);
    check_id_free(root, &content, &roadmap, request.id)?;
    let kinds = if request.kind == Kind::Change {
        crate::model::CHANGE_AFFECTS
    } else {
        crate::model::RISK_AFFECTS
    };
    check_affects(&roadmap, request.affects, request.kind, kinds)?;
    // Money is an initiative's: an amount on a request naming none would
    // approve nothing (`amount-not-applied`), found only by `check`.
    if request.budget_increase.is_some()
        && !request
            .affects
            .iter()
            .any(|id| roadmap.initiative(id).is_some())
    {
        let owner = request
            .affects
            .iter()
            .find_map(|id| roadmap.milestone_at(id))
            .map(|(i, _)| format!(" (`--affects {}`)", roadmap.initiatives[i].meta.id))
            .unwrap_or_default();
        return Err(format!(
            "--budget-increase approves a rise of an initiative's budget: name the initiative{owner}"
        ));
    }
    let text = text_of(root, &config, request)?;
    let cannot =
        |what: &str, p: &Path, e: std::io::Error| format!("cannot {what} {}: {e}", shown(root, p));
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(|e| cannot("create", dir, e))?;
    }
    // create_new: a file that appeared meanwhile is never replaced.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .map_err(|e| cannot("write", &target, e))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| cannot("write", &target, e))?;
    Ok(PathBuf::from(shown(root, &target)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `check` knows what `new` writes to be filled in: every built-in
    /// archetype's text, and the initiative's criterion.
    #[test]
    fn the_placeholders_check_knows_are_those_new_writes() {
        use crate::base::fields::{BODY_PLACEHOLDERS, CRITERION_PLACEHOLDER};
        for kind in Kind::ALL {
            let archetype = builtin(kind);
            let body = archetype.rsplit("---\n").next().unwrap().trim();
            assert!(
                body.is_empty() || BODY_PLACEHOLDERS.contains(&body),
                "{kind:?}: {body}"
            );
        }
        assert!(builtin(Kind::Initiative).contains(&format!("- {CRITERION_PLACEHOLDER}\n")));
        // And each placeholder it knows is one `new` writes.
        for placeholder in BODY_PLACEHOLDERS {
            assert!(
                Kind::ALL
                    .iter()
                    .any(|k| builtin(*k).trim_end().ends_with(placeholder)),
                "{placeholder}"
            );
        }
    }

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
        assert_eq!(title_of("steering-2026-12"), "Steering 2026-12");
    }
}
