//! The built-in theme, embedded in the binary, and a user's
//! `themes/<name>/` that overrides any of its files one at a time.

use std::path::Path;

macro_rules! theme_files {
    ($name:ident: $($path:literal),* $(,)?) => {
        pub const $name: &[(&str, &str)] = &[
            $( ($path, include_str!(concat!("../../themes/default/", $path))) ),*
        ];
    };
}

// (path inside the theme, contents) of every built-in file a build reads.
theme_files![DEFAULT:
    "templates/base.html",
    "templates/index.html",
    "templates/item.html",
    "templates/list.html",
    "templates/page.html",
    "templates/traceability.html",
    "templates/matrix.html",
    "templates/findings.html",
    "templates/finding-rows.html",
    "templates/capacity.html",
    "templates/dependencies.html",
    "templates/governance.html",
    "templates/budget.html",
    "templates/metrics.html",
    "templates/timeline.html",
    "templates/timeline-rows.html",
    "templates/versions.html",
    "templates/gone.html",
    "templates/diff.html",
    "templates/diff-body.html",
    "templates/period-rows.html",
    "templates/decide.html",
    "templates/slip-badge.html",
    "templates/brief.html",
    "templates/brief-money.html",
    "templates/brief-likely-late.html",
    "static/style.css",
    "static/roadbook.js",
];

// What `roadbook new KIND` writes, by kind (`archetypes/<kind>.md`).
theme_files![ARCHETYPES:
    "archetypes/initiative.md",
    "archetypes/outcome.md",
    "archetypes/kpi.md",
    "archetypes/team.md",
    "archetypes/capability.md",
    "archetypes/change.md",
    "archetypes/review.md",
    "archetypes/risk.md",
    "archetypes/page.md",
];

/// A theme file after overrides: where it came from matters for errors.
pub struct ThemeFile {
    pub path: String,
    pub contents: Vec<u8>,
    pub origin: String,
}

/// The built-in files, each replaced by `root/themes/<name>/<path>` when that
/// exists; extra user files under `static/` are added (hidden files skipped).
/// `name` is a plain folder name (checked by the config), so nothing outside
/// `root/themes/` is read.
pub fn load(root: &Path, name: &str) -> Result<Vec<ThemeFile>, String> {
    let dir = root.join("themes").join(name);
    if name != "default" && !dir.is_dir() {
        return Err(format!(
            "theme `{name}` not found: expected a folder themes/{name}/"
        ));
    }
    // A theme file may be a link, but not to anything outside the project.
    let confinement = crate::source::Confinement::new(root);
    let read = |p: &Path| {
        let real = confinement
            .resolve(p)
            .map_err(|why| format!("{} {why}", p.display()))?;
        std::fs::read(real).map_err(|e| format!("{}: {e}", p.display()))
    };
    let mut files: Vec<ThemeFile> = Vec::new();
    for (path, contents) in DEFAULT {
        let user = dir.join(path);
        let file = if user.is_file() {
            ThemeFile {
                path: path.to_string(),
                contents: read(&user)?,
                origin: format!("themes/{name}/{path}"),
            }
        } else if std::fs::symlink_metadata(&user).is_ok() {
            // Not quietly the built-in one: the theme meant to replace it.
            return Err(format!(
                "themes/{name}/{path} is not a regular file (a FIFO, socket, device, folder or broken link): roadbook reads only regular files; replace it with the file, or remove it to use the built-in one"
            ));
        } else {
            ThemeFile {
                path: path.to_string(),
                contents: contents.as_bytes().to_vec(),
                origin: format!("(built-in) {path}"),
            }
        };
        files.push(file);
    }
    let static_dir = dir.join("static");
    if static_dir.is_dir() {
        let (found, problems) = crate::source::walk(
            &confinement,
            &static_dir,
            |_| true,
            |_| None,
            |p| p.display().to_string(),
        );
        if let Some(problem) = problems.first() {
            return Err(problem.message.clone());
        }
        for (rel, path) in found {
            let rel = format!("static/{rel}");
            if files.iter().any(|f| f.path == rel) {
                continue;
            }
            files.push(ThemeFile {
                path: rel.clone(),
                contents: read(&path)?,
                origin: format!("themes/{name}/{rel}"),
            });
        }
    }
    Ok(files)
}
