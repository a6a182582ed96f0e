//! The orchestrator: runs the stages in order for one build and times them.
//! It holds no logic of its own beyond sequencing.

use crate::analysis::{self, Facts};
use crate::check;
use crate::config::{Config, Environment};
use crate::diag::{self, Diagnostic, Severity};
use crate::model::{build, Roadmap};
use crate::output::{self, WriteStats};
use crate::render::{self, BuildInfo, Renderer, SiteFiles};
use crate::source::{self, SourceFile};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A loaded and checked roadmap: everything up to rendering.
pub struct Loaded {
    pub config: Config,
    pub files: Vec<SourceFile>,
    pub roadmap: Roadmap,
    pub facts: Facts,
    /// Every finding, `[lints]` applied, sorted, with source lines attached.
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Vec<(&'static str, Duration)>,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
}

/// The nearest folder at or above `start` holding `book.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|p| p.join(crate::config::FILE).is_file())
        .map(Path::to_path_buf)
}

/// Config, sources, model, analysis and checks. `Err` only when the config
/// or the content folder cannot be read at all.
pub fn load(root: &Path, env: &Environment) -> Result<Loaded, Vec<Diagnostic>> {
    let mut timings = Vec::new();
    let t = Instant::now();
    let (config, config_text) = Config::load(root, env).map_err(|mut d| {
        let text = std::fs::read_to_string(root.join(crate::config::FILE)).ok();
        diag::attach_source_lines(&mut d, |_| text.clone());
        d
    })?;
    timings.push(("config", t.elapsed()));

    let t = Instant::now();
    let files = source::read_tree(root, &config.build.content_dir)?;
    timings.push(("source", t.elapsed()));

    let t = Instant::now();
    let (roadmap, mut diags) = build::build(&files, &config);
    timings.push(("parse + model", t.elapsed()));

    let t = Instant::now();
    let facts = analysis::analyse(&roadmap, &config);
    timings.push(("analysis", t.elapsed()));

    let t = Instant::now();
    diags.extend(check::run(&roadmap, &facts, &config));
    let mut diagnostics = config.apply_levels(diags);
    diag::sort(&mut diagnostics);
    let by_path: HashMap<&str, &SourceFile> =
        files.iter().map(|f| (f.display.as_str(), f)).collect();
    diag::attach_source_lines(&mut diagnostics, |path| {
        if path == crate::config::FILE {
            return Some(config_text.clone());
        }
        by_path
            .get(path)
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
    });
    timings.push(("check", t.elapsed()));
    Ok(Loaded {
        config,
        files,
        roadmap,
        facts,
        diagnostics,
        timings,
    })
}

pub struct Built {
    pub pages: usize,
    pub stats: WriteStats,
    pub dest: PathBuf,
}

/// Render a loaded roadmap into site files (no disk writes).
pub fn render(loaded: &mut Loaded) -> Result<SiteFiles, String> {
    let t = Instant::now();
    let renderer = Renderer::new(&loaded.config)?;
    let mut info = BuildInfo {
        findings: loaded.diagnostics.clone(),
        files: loaded.files.len(),
        errors: loaded.errors(),
        warnings: loaded.warnings(),
        ..Default::default()
    };
    for d in &loaded.diagnostics {
        *info.findings_by_rule.entry(d.rule.to_string()).or_default() += 1;
    }
    let files = render::render_site(
        &renderer,
        &loaded.roadmap,
        &loaded.facts,
        &loaded.config,
        &info,
    )?;
    loaded.timings.push(("render", t.elapsed()));
    Ok(files)
}

/// Render and write the site to `dest`.
pub fn build_site(loaded: &mut Loaded, dest: &Path) -> Result<Built, String> {
    let files = render(loaded)?;
    let t = Instant::now();
    let pages = files.keys().filter(|k| k.ends_with(".html")).count();
    let stats = output::write_site(dest, &files).map_err(|e| e.to_string())?;
    loaded.timings.push(("output", t.elapsed()));
    Ok(Built {
        pages,
        stats,
        dest: dest.to_path_buf(),
    })
}
