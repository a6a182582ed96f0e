//! Rendering: the Tera environment made from the theme's files (as
//! `source::theme` read them), and the site as a value (path → bytes) that
//! `output` writes. Which pages there are and what each says is `pages`'
//! business; this module renders them, with the exports and the theme's
//! files, one version at a time. Nothing here touches the disk.

pub mod charts;
mod context;
mod covered;
pub mod exports;
mod grid;
pub use crate::analysis::links;
pub mod markdown;
mod pages;
mod splice;
pub use crate::source::theme;
pub mod value;

use crate::analysis::Facts;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::history::History;
use crate::lints;
use crate::model::{Meta, Roadmap};
use context::Ctx;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The rendered site: relative path → bytes, in path order.
pub type SiteFiles = BTreeMap<String, Vec<u8>>;

/// What the dashboard says about how the site was made.
#[derive(Debug, Clone, Default)]
pub struct BuildInfo<'a> {
    /// Every finding of the check, for the findings page: borrowed, not
    /// copied (tens of megabytes at 10,000 initiatives).
    pub findings: &'a [crate::diag::Diagnostic],
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub findings_by_rule: BTreeMap<String, usize>,
    /// Changes to published quarters approved in book.toml, for the
    /// versions page (the working tree's alone).
    pub approved_rewrites: &'a [String],
    /// Quarters this site published that are gone from the history: their
    /// addresses say so (the working tree's alone).
    pub gone: &'a [GoneVersion],
}

/// A quarter the site published that is no longer among its versions. Its
/// address was sent to leadership: a 404 there would hide that it went.
#[derive(Debug, Clone)]
pub struct GoneVersion {
    pub name: String,
    /// What it was and why it is gone, in words for readers.
    pub said: String,
    /// The approved change request its deletion names, if any.
    pub approved_by: Option<String>,
    /// The version it is archived as now, when it was renamed.
    pub now_as: Option<String>,
}

pub struct Renderer {
    tera: tera::Tera,
    statics: Vec<(String, Vec<u8>)>,
    /// Hash of every theme file, so a theme change is a new build.
    theme_hash: u64,
    /// Whether a template reads an item's raw model (`item`, `extra`):
    /// the built-in theme does not, and serialising every item for nothing
    /// was a tenth of the time spent on its page.
    raw_items: bool,
    /// Whether the findings page writes each group's rows in place of
    /// `rows` through `finding-rows.html`, a run of rows at a time, as
    /// the built-in theme's does; a theme's `findings.html` that does not
    /// read `rows` (made before they were) gets every row as a value, as
    /// it did.
    streams_findings: bool,
    /// Whether a period's long lists (milestones moved and completed, newly
    /// overdue, forecasts moved, initiative dates) are written through
    /// `period-rows.html` in place of `diff.rows.<list>`, as the built-in
    /// `diff-body.html` prints them; one that does not (made before) gets
    /// every row as a value, as it did.
    streams_periods: bool,
    /// Whether each lane of the timeline writes its table's rows in place
    /// of `rows` through `timeline-rows.html`, a run at a time, as the
    /// built-in `timeline.html` prints them; one that does not (made
    /// before) gets every row as a value, as it did.
    streams_timeline: bool,
    /// Each template's name and the file it came from, for errors.
    origins: Vec<(String, String)>,
    /// Each template's name and text, for the line a render error is at.
    texts: Vec<(String, String)>,
    /// While a build writes: a template that fails is noted (its first
    /// failure) and its other pages skipped, so that every template that
    /// fails is said at once. Otherwise (`serve`, tests) the first stops.
    collecting: std::sync::atomic::AtomicBool,
    any_failed: std::sync::atomic::AtomicBool,
    failed: std::sync::Mutex<Failed>,
}

/// What failed while collecting: the templates whose pages are skipped,
/// and each place that failed (a line of `base.html` fails the pages of
/// every template that extends it: said once, naming them all).
#[derive(Default)]
struct Failed {
    templates: std::collections::BTreeSet<String>,
    places: BTreeMap<Place, (Diagnostic, Vec<String>)>,
}

/// A failure's file, line, column and what failed (without the variables
/// Tera lists as available, which differ from page to page).
type Place = (String, u32, u32, String);

/// Tera's message without its list of the variables a page has.
fn without_variables(message: &str) -> &str {
    message
        .split_once(". Available variables:")
        .map_or(message, |(what, _)| what)
}

/// Collecting failures until dropped: see [`Renderer::collect_failures`].
pub struct Collecting<'a>(&'a Renderer);

impl Drop for Collecting<'_> {
    fn drop(&mut self) {
        use std::sync::atomic::Ordering;
        self.0.collecting.store(false, Ordering::Relaxed);
        self.0.any_failed.store(false, Ordering::Relaxed);
        *self.0.failed.lock().unwrap_or_else(|e| e.into_inner()) = Failed::default();
    }
}

impl Renderer {
    /// Parse every template of the theme (as `source::theme::load` read
    /// it) once; a template that does not parse is a `theme` finding at
    /// its line, every such template at once.
    pub fn new(files: Vec<theme::ThemeFile>) -> Result<Renderer, Vec<Diagnostic>> {
        let theme_hash = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for f in &files {
                (&f.path, &f.contents).hash(&mut h);
            }
            h.finish()
        };
        let mut tera = new_tera();
        let mut statics = Vec::new();
        let mut templates = Vec::new();
        let mut found = Vec::new();
        let mut not_utf8 = Vec::new();
        for f in files {
            if let Some(name) = f.path.strip_prefix("templates/") {
                let text = match String::from_utf8(f.contents) {
                    Ok(text) => text,
                    Err(e) => {
                        let bytes = e.as_bytes();
                        let valid_up_to = e.utf8_error().valid_up_to();
                        let (line, col) = crate::base::node::not_utf8_at(bytes, valid_up_to);
                        found.push(lints::THEME.at(
                            &f.origin,
                            Some(crate::diag::Span { line, col, len: 1 }),
                            "the template is not UTF-8 text: save it as UTF-8",
                        ));
                        not_utf8.push(name.to_string());
                        // Kept, read leniently, so that the templates
                        // extending it are not told their parent is missing.
                        String::from_utf8_lossy(bytes).into_owned()
                    }
                };
                templates.push((name.to_string(), text, f.origin));
            } else {
                statics.push((f.path, f.contents));
            }
        }
        let raw_items = templates.iter().any(|(_, text, _)| {
            // `__tera_context` dumps the whole context, these included.
            names_variable(text, "item")
                || names_variable(text, "extra")
                || text.contains("__tera_context")
        });
        let streams_findings = templates
            .iter()
            .any(|(name, text, _)| name == "findings.html" && text.contains(".rows"));
        let streams_periods = templates
            .iter()
            .any(|(name, text, _)| name == "diff-body.html" && text.contains("diff.rows"));
        let streams_timeline = templates
            .iter()
            .any(|(name, text, _)| name == "timeline.html" && text.contains("rows | safe"));
        let origins: Vec<(String, String)> = templates
            .iter()
            .map(|(name, _, origin)| (name.clone(), origin.to_string()))
            .collect();
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(n, c, _)| (n.as_str(), c.as_str())))
        {
            found.extend(template_findings(&templates, &origins, &e, &not_utf8));
        }
        if !found.is_empty() {
            return Err(found);
        }
        let texts = templates
            .into_iter()
            .map(|(name, text, _)| (name, text))
            .collect();
        Ok(Renderer {
            tera,
            statics,
            theme_hash,
            raw_items,
            streams_findings,
            streams_periods,
            streams_timeline,
            origins,
            texts,
            collecting: Default::default(),
            any_failed: Default::default(),
            failed: Default::default(),
        })
    }

    pub fn theme_hash(&self) -> u64 {
        self.theme_hash
    }

    /// Until the guard is dropped, a template that fails makes empty pages
    /// and [`Renderer::failures`] says why, every template at once; the
    /// caller must then not keep what was made.
    pub fn collect_failures(&self) -> Collecting<'_> {
        self.collecting
            .store(true, std::sync::atomic::Ordering::Relaxed);
        Collecting(self)
    }

    /// Every template that failed while collecting, with its first
    /// failure, as findings are said (the caller writes `error: ` first).
    pub fn failures(&self) -> Option<String> {
        let failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
        let said: Vec<String> = failed
            .places
            .values()
            .map(|(d, templates)| {
                let mut d = d.clone();
                // The variables of one template's pages, not of the others'.
                if templates.len() > 1 {
                    d.message = without_variables(&d.message).to_string() + ".";
                }
                let pages: Vec<String> = templates.iter().map(|t| format!("`{t}`")).collect();
                let fix = if d.path.starts_with("(built-in)") {
                    "it is a built-in template: look at the theme's templates it extends or includes"
                } else {
                    "correct the template, or delete the file to use the built-in one"
                };
                d.help = Some(format!(
                    "while making the pages of {}: {fix} (docs/theming.md lists every template and its variables)",
                    pages.join(", ")
                ));
                d.render()
            })
            .collect();
        (!said.is_empty()).then(|| {
            format!(
                "the theme cannot make the site's pages ({}):\n\n{}",
                crate::words::count(said.len(), "error", "errors"),
                said.join("\n")
            )
        })
    }

    /// A render error as a `theme` finding, at the line of the template it
    /// happened in (a parent or an include of `template`, maybe).
    fn render_finding(&self, template: &str, e: &tera::Error) -> Diagnostic {
        let origin_of = |name: &str| {
            self.origins
                .iter()
                .find(|(n, _)| n == name)
                .map_or_else(|| name.to_string(), |(_, o)| o.clone())
        };
        let (tera::ErrorKind::RenderingError(report) | tera::ErrorKind::SyntaxError(report)) =
            e.kind()
        else {
            return lints::THEME.at(&origin_of(template), None, said(&self.origins, e));
        };
        let name = report.filename();
        let name = if name.is_empty() { template } else { name };
        match self.texts.iter().find(|(n, _)| n == name) {
            Some((_, text)) => report_finding(&origin_of(name), text, report),
            None => lints::THEME.at(&origin_of(name), None, report.message()),
        }
    }

    /// Whether `template`'s pages are skipped: it failed while collecting.
    /// (The lock is taken only once something failed: not on every page
    /// of a build that succeeds.)
    fn skipped(&self, template: &str) -> bool {
        self.collecting.load(std::sync::atomic::Ordering::Relaxed)
            && self.any_failed.load(std::sync::atomic::Ordering::Relaxed)
            && self
                .failed
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .templates
                .contains(template)
    }

    /// `Ok` when the failure is noted instead (collecting); its message
    /// otherwise.
    fn failure(&self, template: &str, e: &tera::Error) -> Result<(), String> {
        if !self.collecting.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(format!("template `{template}`: {}", said(&self.origins, e)));
        }
        // Made before the lock is taken: it reads source lines in parallel,
        // and a worker waiting for it must not wait on the lock.
        let d = self.render_finding(template, e);
        let place = (
            d.path.clone(),
            d.span.map_or(0, |s| s.line),
            d.span.map_or(0, |s| s.col),
            without_variables(&d.message).to_string(),
        );
        let mut failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
        if failed.templates.insert(template.to_string()) {
            let (_, templates) = failed.places.entry(place).or_insert((d, Vec::new()));
            templates.push(template.to_string());
            templates.sort();
        }
        drop(failed);
        self.any_failed
            .store(true, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }

    fn render(&self, template: &str, context: &tera::Context) -> Result<String, String> {
        if self.skipped(template) {
            return Ok(String::new());
        }
        let mut html = match self.tera.render(template, context) {
            Ok(html) => html,
            Err(e) => return self.failure(template, &e).map(|()| String::new()),
        };
        // Tera reserves twice the templates' size, rounded up to a power of
        // two (64 KiB for an item page of 10 KiB): kept for every page of a
        // large site, that slack was most of the build's memory.
        html.shrink_to_fit();
        Ok(html)
    }
}

impl Renderer {
    /// Render straight into `out`: a page of tens of megabytes (the
    /// timeline at 10,000 initiatives) is written as it is made instead of
    /// growing a string to twice its size.
    fn render_to(
        &self,
        template: &str,
        context: &tera::Context,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        if self.skipped(template) {
            return Ok(());
        }
        match self.tera.render_to(template, context, out) {
            Ok(()) => Ok(()),
            Err(e) => self
                .failure(template, &e)
                .map_err(|msg| std::io::Error::other(TemplateError(msg))),
        }
    }

    /// Writes `len` rows through `template`, a run of [`ROWS_AT_ONCE`] at
    /// a time, `context` making the context of the rows at a range: a
    /// page's long table never holds all its rows as template values.
    fn write_in_runs(
        &self,
        template: &str,
        len: usize,
        context: impl Fn(std::ops::Range<usize>) -> tera::Context,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        for start in (0..len).step_by(ROWS_AT_ONCE) {
            self.render_to(
                template,
                &context(start..len.min(start + ROWS_AT_ONCE)),
                out,
            )?;
        }
        Ok(())
    }

    /// [`Renderer::render_to`], with the page's parts written in place of
    /// their placeholders (see [`splice`]).
    fn render_page_to(
        &self,
        template: &str,
        page: &pages::Page<'_>,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        match &page.parts {
            None => self.render_to(template, &page.context, out),
            Some(parts) => {
                let mut spliced = splice::Splice::new(out, parts);
                self.render_to(template, &page.context, &mut spliced)?;
                spliced.finish()
            }
        }
    }
}

/// How many rows [`Renderer::write_in_runs`] makes into template values at
/// a time: a page's whole table at once was the largest context of the
/// build (at 10,000 initiatives with 8 snapshots, the findings page's
/// 50,000 rows took 78 MiB, a period page's 72).
const ROWS_AT_ONCE: usize = 256;

/// A template that failed while its page was written out: carried through
/// the writer's I/O error so the writer's caller can say it is the theme's
/// fault, not the disk's.
#[derive(Debug)]
pub struct TemplateError(pub String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TemplateError {}

/// Whether `text` may read the variable `name`: the word standing alone, not
/// as an attribute (`m.item`) or part of a longer name. Errs on the side of
/// yes (a mention in prose counts too).
fn names_variable(text: &str, name: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let names = |code: &str| {
        code.match_indices(name).any(|(at, _)| {
            let before = code[..at].chars().next_back();
            let after = code[at + name.len()..].chars().next();
            !before.is_some_and(|c| word(c) || c == '.') && !after.is_some_and(word)
        })
    };
    // Only inside `{{ }}`, `{% %}` and `{# #}`: the page's own words ("RAID
    // item") are not variables.
    let mut rest = text;
    while let Some(open) = rest.find(['{']) {
        let tail = &rest[open..];
        let close = match tail.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => {
                rest = &tail[1..];
                continue;
            }
        };
        let Some(end) = tail.find(close) else {
            return names(tail);
        };
        if names(&tail[2..end]) {
            return true;
        }
        rest = &tail[end + 2..];
    }
    false
}

/// A Tera environment with roadbook's escaping and filters, for the
/// theme and for checking it (an unknown filter is a finding).
fn new_tera() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.set_escape_fn(escape_html);
    tera.register_filter(
        "code_spans",
        |text: &str, _: tera::Kwargs, _: &tera::State| tera::Value::safe_string(&code_spans(text)),
    );
    tera
}

/// `text` escaped, each `` `span` `` in it as `<code>span</code>`: the
/// findings' messages and helps quote ids, fields and commands as the
/// terminal shows them, and a page showed the backticks to readers who
/// run none (from a trial). A backtick left open is kept as it is.
pub fn code_spans(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else {
            break;
        };
        let (before, span) = (&rest[..open], &rest[open + 1..open + 1 + len]);
        let _ = if span.is_empty() {
            write!(out, "{}``", grid::Esc(before))
        } else {
            write!(out, "{}<code>{}</code>", grid::Esc(before), grid::Esc(span))
        };
        rest = &rest[open + len + 2..];
    }
    let _ = write!(out, "{}", grid::Esc(rest));
    out
}

/// What Tera's own escaping writes (`&`, `<`, `>`, `"` and `'` as
/// entities), but a run of plain text in one write instead of a write per
/// byte: escaping was a tenth of the render. The same as `grid::Esc`, which
/// the grids write with.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    write!(out, "{}", grid::Esc(input))
}

/// Every mistake of the theme's templates at once, each at its place.
/// Tera stops at the first template of a set that does not parse, then at
/// the first missing parent, and only then checks the whole set (filters,
/// includes, blocks): so each template is parsed alone, and the set is
/// checked again without the templates already found broken, until it
/// holds. A template whose parent is broken, or an include of a broken
/// one, is not reported again: the parent's finding says it. `not_utf8`:
/// the templates already reported for their encoding.
fn template_findings(
    templates: &[(String, String, String)],
    origins: &[(String, String)],
    first: &tera::Error,
    not_utf8: &[String],
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // Already a finding, and read leniently: checked as broken.
    let mut broken: std::collections::BTreeSet<&str> =
        not_utf8.iter().map(String::as_str).collect();
    for (name, text, origin) in templates {
        if not_utf8.contains(name) {
            continue;
        }
        let Err(e) = new_tera().add_raw_template(name, text) else {
            continue;
        };
        let tera::ErrorKind::SyntaxError(report) = e.kind() else {
            // Parsed; what failed was its parent or an include, missing
            // from this set of one.
            continue;
        };
        found.push(report_finding(origin, text, report));
        broken.insert(name);
    }
    // A broken template the built-in theme also has is checked as the
    // built-in one, so that the templates extending it are checked too
    // (all of them, when it is base.html); without its own blocks, what
    // they say of blocks is not said.
    let stand_ins: Vec<(String, String, String)> = templates
        .iter()
        .filter(|(name, _, _)| broken.contains(name.as_str()))
        .filter_map(|(name, _, origin)| {
            let path = format!("templates/{name}");
            let (_, text) = theme::DEFAULT.iter().find(|(p, _)| *p == path)?;
            Some((name.clone(), text.to_string(), origin.clone()))
        })
        .collect();
    // Whether `name` extends a stand-in, through any number of parents.
    let under_stand_in = |name: &str| {
        let mut at = name.to_string();
        for _ in 0..templates.len() {
            let Some(parent) = templates
                .iter()
                .find(|t| t.0 == at)
                .and_then(|t| parent_of(&t.1))
            else {
                return false;
            };
            if stand_ins.iter().any(|s| s.0 == parent) {
                return true;
            }
            at = parent;
        }
        false
    };
    for (name, _, _) in &stand_ins {
        broken.remove(name.as_str());
    }
    // Each round sets aside at least one template, or ends.
    for _ in 0..=templates.len() {
        let set: Vec<&(String, String, String)> = templates
            .iter()
            .map(|t| stand_ins.iter().find(|s| s.0 == t.0).unwrap_or(t))
            .filter(|(name, _, _)| !broken.contains(name.as_str()))
            .collect();
        let Err(e) =
            new_tera().add_raw_templates(set.iter().map(|(n, c, _)| (n.as_str(), c.as_str())))
        else {
            break;
        };
        match e.kind() {
            tera::ErrorKind::MissingParent { current, parent } => {
                let Some(&(name, text, origin)) = set.iter().find(|(n, _, _)| n == current) else {
                    found.push(unplaced(origins, &e));
                    break;
                };
                if !broken.contains(parent.as_str()) {
                    found.push(missing_parent(text, origin, current, parent));
                }
                broken.insert(name);
            }
            tera::ErrorKind::CircularExtend { tpl, .. }
            | tera::ErrorKind::CircularInclude { tpl, .. } => {
                let Some(&(name, _, origin)) = set.iter().find(|(n, _, _)| n == tpl) else {
                    found.push(unplaced(origins, &e));
                    break;
                };
                let mut d = lints::THEME.at(origin, None, said(origins, &e));
                d.help = Some(TEMPLATE_HELP.into());
                found.push(d);
                broken.insert(name);
            }
            tera::ErrorKind::Msg(message) => {
                // A message not in the shape of reports (a component defined
                // twice) is said as Tera says it.
                match set_findings(&set, message, &broken) {
                    Some(placed) => found.extend(
                        placed
                            .into_iter()
                            .filter(|(name, d)| {
                                !(d.message.starts_with("Block `") && under_stand_in(name))
                            })
                            .map(|(_, d)| d),
                    ),
                    None => found.push(unplaced(origins, &e)),
                }
                break;
            }
            _ => {
                found.push(unplaced(origins, &e));
                break;
            }
        }
    }
    if found.is_empty() && not_utf8.is_empty() {
        found.push(unplaced(origins, first));
    }
    found
}

/// A theme error Tera gives no place for, said as Tera says it.
fn unplaced(origins: &[(String, String)], e: &tera::Error) -> Diagnostic {
    let mut d = lints::THEME.at("themes", None, said(origins, e));
    d.help = Some(TEMPLATE_HELP.into());
    d
}

/// `current` extends `parent`, which is not there: at the name of the
/// parent in `{% extends %}` (at the file, if it is not found written).
fn missing_parent(text: &str, origin: &str, current: &str, parent: &str) -> Diagnostic {
    let message = format!("`{current}` extends `{parent}`, which the theme does not have");
    let quoted = [format!("\"{parent}\""), format!("'{parent}'")];
    let Some(at) = quoted.iter().find_map(|q| text.find(q.as_str())) else {
        let mut d = lints::THEME.at(origin, None, message);
        d.help = Some(TEMPLATE_HELP.into());
        return d;
    };
    let (line, col) = crate::base::node::LineIndex::new(text).position(at);
    template_finding(origin, text, line, col, parent.len() + 2, message)
}

/// The findings Tera makes only once the templates are together (an
/// unknown filter, test or function, an include of a template that is not
/// there, a block no parent has), each at its own template and line. Tera
/// gives them as one message of reports, each `error: what` then
/// ` --> name:line:col` and the line with carets under the place. An
/// include of a template set aside as `broken` is not one of them.
/// `None`: the message holds no report at all.
fn set_findings(
    set: &[&(String, String, String)],
    message: &str,
    broken: &std::collections::BTreeSet<&str>,
) -> Option<Vec<(String, Diagnostic)>> {
    let mut found = Vec::new();
    let mut reports = 0;
    for report in message.split("\n\n") {
        let mut lines = report.lines();
        let (Some(what), Some(place)) = (
            lines.next().and_then(|l| l.strip_prefix("error: ")),
            lines
                .next()
                .and_then(|l| l.trim_start().strip_prefix("--> ")),
        ) else {
            continue;
        };
        reports += 1;
        if broken.iter().any(|b| what.contains(&format!("`{b}`"))) {
            continue;
        }
        let mut parts = place.rsplitn(3, ':');
        let (Some(col), Some(line), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(line), Ok(col)) = (line.parse::<u32>(), col.parse::<u32>()) else {
            continue;
        };
        let Some((_, text, origin)) = set.iter().find(|(n, _, _)| n == name) else {
            continue;
        };
        let carets = report.lines().last().map_or(1, |l| l.matches('^').count());
        let d = template_finding(origin, text, line, col, carets, what.to_string());
        found.push((name.to_string(), d));
    }
    (reports > 0).then_some(found)
}

/// The template `text` extends, if any.
fn parent_of(text: &str) -> Option<String> {
    let rest = text.trim_start().strip_prefix("{%")?.trim_start();
    let rest = rest.strip_prefix('-').unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix("extends")?.trim_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let name = rest[1..].split(quote).next()?;
    Some(name.to_string())
}

/// Tera's report of a mistake in `text` (from `origin`) as a finding at
/// its place.
fn report_finding(origin: &str, text: &str, report: &tera::ReportError) -> Diagnostic {
    let span = report.span();
    let len = if span.end_line == span.start_line {
        span.end_col.saturating_sub(span.start_col)
    } else {
        1
    };
    template_finding(
        origin,
        text,
        span.start_line as u32,
        // Tera counts characters from 0.
        span.start_col as u32 + 1,
        len,
        report.message().to_string(),
    )
}

fn template_finding(
    origin: &str,
    text: &str,
    line: u32,
    col: u32,
    len: usize,
    message: String,
) -> Diagnostic {
    let span = crate::diag::Span {
        line,
        col,
        len: len.max(1) as u32,
    };
    let mut d = lints::THEME.at(origin, Some(span), message);
    d.help = Some(TEMPLATE_HELP.into());
    crate::diag::attach_source_lines(std::slice::from_mut(&mut d), |_| Some(text.into()));
    d
}

const TEMPLATE_HELP: &str =
    "correct the template, or delete the file to use the built-in one (docs/theming.md lists every template and its variables)";

/// A Tera error as roadbook says it: Tera writes `error: ...` and
/// ` --> page.html:1:29`; said once, and with the file the template came
/// from (`themes/default/templates/page.html`).
fn said(origins: &[(String, String)], e: &dyn std::error::Error) -> String {
    let mut msg = error_chain(e);
    if let Some(rest) = msg.strip_prefix("error: ") {
        msg = rest.to_string();
    }
    for (name, origin) in origins {
        msg = msg.replace(&format!(" --> {name}:"), &format!(" --> {origin}:"));
    }
    msg
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// `../` repeated once per folder of `path`.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// One version of the site, for the switcher.
#[derive(Debug, Clone)]
pub struct VersionEntry {
    /// `current`, or the snapshot's name.
    pub name: String,
    /// Where its pages live: `` or `v/<name>/`.
    pub prefix: String,
    /// The day that version judged the roadmap at.
    pub today: String,
    /// Every page path of that version, to land on the same item.
    pub pages: PageSet,
}

/// One version's page paths among every version's: the paths once, shared
/// by all the versions, and which of them this one has. Kept whole for
/// every version, the paths were 5 MB at 10,000 initiatives with 8
/// snapshots, alive while the working tree rendered.
#[derive(Debug, Clone)]
pub struct PageSet {
    /// Every version's paths, sorted.
    all: std::sync::Arc<[Box<str>]>,
    /// Bit `k`: this version has `all[k]`.
    has: Box<[u64]>,
}

impl PageSet {
    /// The page sets of `versions`, in their order, sharing one list of
    /// paths.
    pub fn of_each(versions: &[std::collections::BTreeSet<String>]) -> Vec<PageSet> {
        let union: std::collections::BTreeSet<&str> = versions
            .iter()
            .flat_map(|v| v.iter().map(String::as_str))
            .collect();
        let all: std::sync::Arc<[Box<str>]> = union.iter().map(|&p| Box::from(p)).collect();
        versions
            .iter()
            .map(|v| {
                let mut has = vec![0u64; all.len().div_ceil(64)].into_boxed_slice();
                // Both sorted: one walk through the union.
                let mut paths = v.iter().peekable();
                for (k, p) in all.iter().enumerate() {
                    if paths.next_if(|q| q.as_str() == &**p).is_some() {
                        has[k / 64] |= 1 << (k % 64);
                    }
                }
                PageSet {
                    all: std::sync::Arc::clone(&all),
                    has,
                }
            })
            .collect()
    }

    fn has(&self, k: usize) -> bool {
        self.has[k / 64] & (1 << (k % 64)) != 0
    }

    pub fn contains(&self, path: &str) -> bool {
        self.all
            .binary_search_by(|p| (**p).cmp(path))
            .is_ok_and(|k| self.has(k))
    }

    /// This version's paths, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.all
            .iter()
            .enumerate()
            .filter(|&(k, _)| self.has(k))
            .map(|(_, p)| &**p)
    }

    /// How many pages this version has.
    pub fn count(&self) -> usize {
        self.has.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// Which version is being rendered, among all of them.
#[derive(Debug, Clone, Default)]
pub struct VersionCtx {
    pub name: String,
    pub prefix: String,
    /// Shared: the working tree's files made one at a time (`serve`)
    /// each read it, and it holds every page path of every version.
    pub all: std::sync::Arc<[VersionEntry]>,
    /// The snapshot before an archived one: the period that ends at it is
    /// judged at the site root (its history page), which its pages link to.
    pub previous: Option<String>,
    /// When the archived version stands rewritten since the site first
    /// published it (`snapshot-rewritten`): when it was published and what
    /// changed, which its pages say to whoever follows the link sent.
    pub rewritten: Option<String>,
}

impl VersionCtx {
    /// An archived version's pages depend on nothing but its own snapshot,
    /// the theme and the settings: no list of the other versions is baked
    /// into them (the switcher is filled in from the root's `versions.js`),
    /// so adding a snapshot never renders the older ones again.
    pub fn archived(name: &str, previous: Option<&str>) -> VersionCtx {
        VersionCtx {
            name: name.to_string(),
            prefix: format!("v/{name}/"),
            all: Default::default(),
            previous: previous.map(str::to_string),
            rewritten: None,
        }
    }

    pub(crate) fn is_archived(&self) -> bool {
        !self.prefix.is_empty()
    }
}

/// Every page path a roadmap renders to (for the version switcher).
pub fn page_paths(r: &Roadmap) -> std::collections::BTreeSet<String> {
    // Collected at once (full nodes): one is kept per version.
    pages::shared_paths(r)
        .chain(r.all_meta().map(|m| m.url.clone()))
        .collect()
}

/// One version's roadmap and what was derived from it: what rendering
/// reads.
pub struct Data<'a> {
    pub roadmap: &'a Roadmap,
    pub facts: &'a Facts,
    pub config: &'a Config,
    /// Only the working tree is rendered with its history.
    pub history: Option<&'a History>,
    /// An archived version's: what the history up to it judged of it.
    pub judged: Option<&'a crate::history::AsOf>,
    pub forecasts: &'a crate::forecast::Forecasts,
}

/// Where rendered files go, one at a time and from any thread: the writer
/// (so a version's pages never sit in memory together) or a map.
pub trait Sink: Sync {
    fn file(&self, path: String, bytes: Vec<u8>) -> Result<(), String>;

    /// A file too large to hold whole (`roadmap.json` with its history is
    /// hundreds of megabytes at 10,000 initiatives), written as `make`
    /// makes it. By default made in memory and handed to [`Sink::file`].
    fn stream(&self, path: String, make: &Stream) -> Result<(), String> {
        let mut bytes = Vec::new();
        make(&mut bytes).map_err(|e| e.to_string())?;
        self.file(path, bytes)
    }
}

/// Writes a file's bytes as they are made.
pub type Stream<'a> = dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()> + Send + Sync + 'a;

impl<F: Fn(String, Vec<u8>) -> Result<(), String> + Sync> Sink for F {
    fn file(&self, path: String, bytes: Vec<u8>) -> Result<(), String> {
        self(path, bytes)
    }
}

/// An archived version's files, under its prefix.
struct Prefixed<'a> {
    sink: &'a dyn Sink,
    prefix: &'a str,
}

impl Sink for Prefixed<'_> {
    fn file(&self, path: String, bytes: Vec<u8>) -> Result<(), String> {
        self.sink.file(format!("{}{path}", self.prefix), bytes)
    }

    fn stream(&self, path: String, make: &Stream) -> Result<(), String> {
        self.sink.stream(format!("{}{path}", self.prefix), make)
    }
}

/// Render every page and static file of the site, each handed to `sink`
/// (under the version's prefix) as soon as it is made.
pub fn render_site_into(
    renderer: &Renderer,
    data: Data,
    info: &BuildInfo<'_>,
    version: &VersionCtx,
    sink: &dyn Sink,
) -> Result<(), String> {
    let cx = Ctx::new(renderer, data, info, version);
    let prefixed = Prefixed {
        sink,
        prefix: &version.prefix,
    };
    let sink: &dyn Sink = &prefixed;
    // The exports are whole-roadmap files (at 10,000 initiatives roadmap.json
    // alone is 50 MB, half a second to write out) and some whole-roadmap
    // pages take as long (the list of 10,000 initiatives): all of it is one
    // pool of work beside the item pages, so no long job runs alone at the
    // end while the other cores wait.
    let exports = export_files(&cx);
    let (exported, (pages, items)) = rayon::join(
        || {
            exports.par_iter().try_for_each(|(path, make)| match make {
                Make::Bytes(make) => sink.file(path.to_string(), make()?),
                Make::Stream(make) => sink.stream(path.to_string(), &**make),
            })
        },
        || {
            rayon::join(
                || render_pages(renderer, &cx, sink),
                || render_items(renderer, &cx, sink),
            )
        },
    );
    pages?;
    items?;
    exported?;
    site_files(renderer, &cx, sink)
}

/// A request for one file of a version rendered when asked for (`serve`):
/// its path under the version, and where the answer goes: `None` when the
/// version has no such file.
pub struct Request {
    pub path: String,
    pub reply: std::sync::mpsc::Sender<Option<Result<Made, String>>>,
}

/// A file made on request: in memory, or when it is one of those written
/// as they are made (the whole-roadmap pages and exports: 33 MB for a
/// timeline page, 200 MB for `roadmap.json` at 10,000 initiatives) in a
/// temporary file, deleted once closed, read from its start.
pub enum Made {
    Bytes(Vec<u8>),
    Spilled(std::fs::File),
}

impl Made {
    /// The bytes, whole.
    pub fn into_bytes(self) -> std::io::Result<Vec<u8>> {
        match self {
            Made::Bytes(bytes) => Ok(bytes),
            Made::Spilled(mut file) => {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut file, &mut bytes)?;
                Ok(bytes)
            }
        }
    }
}

/// Answer `requests` for the files of the working tree (paths from the
/// site's root; a version's prefix is not looked at) until every sender is
/// gone, each in a thread of its own: a slow page (the whole-roadmap ones
/// at 10,000 initiatives) does not hold up the small ones. Each file is the
/// bytes [`render_site_into`] would hand its sink for that path.
/// Large files are written in `spill` (see [`Made`]).
pub fn answer_requests(
    renderer: &Renderer,
    data: Data,
    info: &BuildInfo<'_>,
    version: &VersionCtx,
    spill: &std::path::Path,
    requests: std::sync::mpsc::Receiver<Request>,
) {
    let cx = Ctx::new(renderer, data, info, version);
    let files = OnRequest::new(renderer, &cx, spill);
    std::thread::scope(|s| {
        for request in requests {
            let files = &files;
            let answer = move || {
                let _ = request.reply.send(files.answer(&request.path));
            };
            // No thread to be had: the request is dropped with its reply,
            // which tells the asker so; the next one may find a thread.
            let _ = std::thread::Builder::new().spawn_scoped(s, answer);
        }
    });
}

/// Where each file of a version is made from, found by its path.
struct OnRequest<'c> {
    renderer: &'c Renderer,
    cx: &'c Ctx<'c>,
    spill: &'c std::path::Path,
    /// The theme's and the bodies' files, as they are: `build` writes them
    /// last, so a path among them is theirs whatever else claims it.
    site_files: std::collections::HashMap<String, Vec<u8>>,
    items: std::collections::HashMap<&'c str, &'c Meta>,
    exports: std::collections::HashMap<&'static str, Make<'c>>,
    /// Listed on first use: listing the grids' parts computes the grids.
    pages: std::sync::OnceLock<std::collections::HashMap<String, pages::Job<'c>>>,
}

impl<'c> OnRequest<'c> {
    fn new(renderer: &'c Renderer, cx: &'c Ctx<'c>, spill: &'c std::path::Path) -> OnRequest<'c> {
        let gathered = std::sync::Mutex::new(std::collections::HashMap::new());
        let gather = |path: String, bytes: Vec<u8>| {
            gathered
                .lock()
                .map_err(|e| e.to_string())?
                .insert(path, bytes);
            Ok(())
        };
        // Copied once per build rather than per request. Gathering cannot
        // fail (nothing else takes the lock), so neither can this.
        let _ = site_files(renderer, cx, &gather);
        OnRequest {
            renderer,
            cx,
            spill,
            site_files: gathered.into_inner().unwrap_or_default(),
            items: cx.r.all_meta().map(|m| (m.url.as_str(), m)).collect(),
            exports: export_files(cx).into_iter().collect(),
            pages: std::sync::OnceLock::new(),
        }
    }

    /// The file at `path`, or why it cannot be made (a panic included: the
    /// server goes on).
    fn answer(&self, path: &str) -> Option<Result<Made, String>> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.file(path))).unwrap_or_else(
            |panic| {
                let what = crate::diag::panic_message(&*panic);
                Some(Err(format!("internal error while making {path}: {what}")))
            },
        )
    }

    fn file(&self, path: &str) -> Option<Result<Made, String>> {
        let (renderer, cx) = (self.renderer, self.cx);
        if let Some(bytes) = self.site_files.get(path) {
            return Some(Ok(Made::Bytes(bytes.clone())));
        }
        if let Some(m) = self.items.get(path) {
            let (template, ctx) = pages::item(cx, m);
            let html = renderer.render(template, &ctx);
            return Some(html.map(|h| Made::Bytes(h.into_bytes())));
        }
        if let Some(make) = self.exports.get(path) {
            return Some(match make {
                Make::Bytes(make) => make().map(Made::Bytes),
                Make::Stream(make) => self.spilled(&**make),
            });
        }
        let pages = self.pages.get_or_init(|| {
            pages::contexts(cx)
                .into_iter()
                .map(|job| (job.0.clone(), job))
                .collect()
        });
        let (_, template, build) = pages.get(path)?;
        let page = build();
        Some(self.spilled(&|out| renderer.render_page_to(template, &page, out)))
    }

    /// A file too large to hold whole, written to a temporary file as it
    /// is made.
    fn spilled(&self, make: &Stream) -> Result<Made, String> {
        use std::io::{Seek, Write};
        let mut file = tempfile::tempfile_in(self.spill)
            .map_err(|e| format!("cannot make a file in {}: {e}", self.spill.display()))?;
        let mut out = std::io::BufWriter::new(&mut file);
        make(&mut out).map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
        drop(out);
        file.rewind().map_err(|e| e.to_string())?;
        Ok(Made::Spilled(file))
    }
}

/// Every page but the items': each context, then every page rendered in
/// parallel, each written as it is made (these are the large pages).
fn render_pages(renderer: &Renderer, cx: &Ctx, sink: &dyn Sink) -> Result<(), String> {
    let render = |(path, template, build): pages::Job| {
        let page = build();
        sink.stream(path, &|out| renderer.render_page_to(template, &page, out))
    };
    // A period's page lists every move of its period: at 10,000
    // initiatives with 8 snapshots each context was 50-100 MB (about 60
    // since its rows share their links) and each page 8-15 MB, and two
    // were made at once. Taking turns beside the
    // other pages, L + 8 from scratch (paired runs, 6 pairs): peak 450-473
    // against 462-478 MiB, system time 5.0 against 6.7 s, wall 4-13 %
    // lower.
    let (periods, others): (Vec<_>, Vec<_>) = pages::contexts(cx)
        .into_iter()
        .partition(|(_, template, _)| *template == pages::PERIOD_TEMPLATE);
    let (periods, others) = rayon::join(
        || periods.into_iter().try_for_each(render),
        || others.into_par_iter().try_for_each(render),
    );
    periods.and(others)
}

/// Item pages are many: each context is built, rendered and dropped in one
/// step, so only the pages in flight hold one (at 10,000 initiatives,
/// holding them all took most of the memory).
fn render_items(renderer: &Renderer, cx: &Ctx, sink: &dyn Sink) -> Result<(), String> {
    let metas: Vec<&Meta> = cx.r.all_meta().collect();
    metas.par_iter().try_for_each(|m| {
        let (template, ctx) = pages::item(cx, m);
        let html = renderer.render(template, &ctx)?;
        sink.file(m.url.clone(), html.into_bytes())
    })
}

/// A file of the whole roadmap that is not a page, and how to make it.
type Export<'c> = (&'static str, Make<'c>);

enum Make<'c> {
    Bytes(Box<dyn Fn() -> Result<Vec<u8>, String> + Send + Sync + 'c>),
    /// Too large to hold whole: written as it is made.
    Stream(Box<Stream<'c>>),
}

/// The machine-readable files of this version. Only the site root gets
/// the ones read from outside (feeds, calendar, the full model): an
/// archived version keeps its pages and search.
fn export_files<'c>(cx: &'c Ctx) -> Vec<Export<'c>> {
    let (r, facts, config, info, version, history) =
        (cx.r, cx.facts, cx.config, cx.info, cx.version, cx.history);
    let mut exports: Vec<Export> = vec![
        (
            "search-index.js",
            Make::Bytes(Box::new(|| Ok(exports::search_index(r).into_bytes()))),
        ),
        (
            "traceability.csv",
            Make::Bytes(Box::new(|| {
                Ok(exports::traceability_csv(r, facts).into_bytes())
            })),
        ),
        (
            "budget.csv",
            Make::Bytes(Box::new(|| {
                let approved = |id: &str| cx.open_budget(id).map(|b| b.approved);
                Ok(exports::budget_csv(r, facts, config, approved).into_bytes())
            })),
        ),
        (
            "risks.csv",
            Make::Bytes(Box::new(move || {
                Ok(exports::risks_csv(r, facts, config, history).into_bytes())
            })),
        ),
    ];
    for path in pages::MATRIX_CSV_FILES {
        exports.push((
            path,
            Make::Stream(Box::new(move |w: &mut dyn std::io::Write| {
                pages::write_matrix_csv(cx, path, w)
            })),
        ));
    }
    if version.is_archived() {
        return exports;
    }
    exports.push((
        "roadmap.json",
        Make::Stream(Box::new(move |w: &mut dyn std::io::Write| {
            exports::write_roadmap_json(
                w,
                r,
                facts,
                config,
                history,
                cx.forecasts,
                cx.grids(),
                info.findings,
            )
        })),
    ));
    exports.push((
        "milestones.ics",
        Make::Stream(Box::new(move |w: &mut dyn std::io::Write| {
            exports::write_milestones_ics(w, r, facts, config)
        })),
    ));
    exports.push((
        "changes.xml",
        Make::Bytes(Box::new(move || {
            Ok(exports::changes_atom(r, config, history).into_bytes())
        })),
    ));
    if !version.all.is_empty() {
        exports.push((
            "versions.js",
            Make::Bytes(Box::new(|| {
                Ok(exports::versions_js(&version.all).into_bytes())
            })),
        ));
    }
    exports
}

/// The data files bodies link to and, at the site root, the theme's
/// static files (one copy serves every version).
fn site_files(renderer: &Renderer, cx: &Ctx, sink: &dyn Sink) -> Result<(), String> {
    // The data files bodies link to, as on the git host.
    for (rel, bytes) in &cx.r.linked_files {
        sink.file(format!("{}{rel}", links::FILES_DIR), bytes.clone())?;
    }
    if cx.version.is_archived() {
        return Ok(());
    }
    for (path, contents) in &renderer.statics {
        sink.file(path.clone(), contents.clone())?;
    }
    sink.file(
        "roadmap.schema.json".into(),
        exports::ROADMAP_SCHEMA.as_bytes().to_vec(),
    )
}

/// A fragment-safe form of a free word (categories, layers).
pub fn slug_of(s: &str) -> String {
    slug(s)
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "other".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_are_code_and_the_rest_is_escaped() {
        assert_eq!(
            code_spans("report `health: red` <b>now</b> & `a<b>`"),
            "report <code>health: red</code> &lt;b&gt;now&lt;/b&gt; &amp; <code>a&lt;b&gt;</code>"
        );
        // A backtick left open, or two together, stay as written.
        assert_eq!(code_spans("a `b"), "a `b");
        assert_eq!(code_spans("a `` b `c` `d"), "a `` b <code>c</code> `d");
        assert_eq!(code_spans(""), "");
    }

    /// The theme's findings for the built-in theme with `overrides`
    /// (template name, bytes) in place of its own, as `path:line: message`.
    fn theme_findings(overrides: &[(&str, &[u8])]) -> Vec<String> {
        let files = theme::DEFAULT
            .iter()
            .map(|(path, text)| {
                let name = path.strip_prefix("templates/").unwrap_or(path);
                match overrides.iter().find(|(n, _)| *n == name) {
                    Some((_, bytes)) => theme::ThemeFile {
                        path: path.to_string(),
                        contents: bytes.to_vec(),
                        origin: format!("themes/t/{path}"),
                    },
                    None => theme::ThemeFile {
                        path: path.to_string(),
                        contents: text.as_bytes().to_vec(),
                        origin: format!("(built-in) {path}"),
                    },
                }
            })
            .collect();
        match Renderer::new(files) {
            Ok(_) => Vec::new(),
            Err(found) => found
                .iter()
                .map(|d| {
                    let line = d.span.map_or(0, |s| s.line);
                    format!("{}:{line}: {}", d.path, d.message)
                })
                .collect(),
        }
    }

    #[test]
    fn theme_mistakes_are_each_said_once_at_their_place() {
        // A broken base.html with a block of its own that a page fills:
        // the page is checked against the built-in base, and what it says
        // of that block is not said (not even as one unplaced dump).
        let found = theme_findings(&[
            ("base.html", b"{% block mine %}{% endblock mine %}{{ oops"),
            (
                "page.html",
                b"{% extends \"base.html\" %}{% block mine %}x{% endblock mine %}",
            ),
        ]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with("themes/t/templates/base.html:1:"),
            "{found:#?}"
        );
        // A file not saved as UTF-8 is said once, even where the byte
        // breaks its syntax too.
        let found = theme_findings(&[("page.html", b"{% extends \"base.html\" %}{{ \xff")]);
        assert_eq!(
            found,
            ["themes/t/templates/page.html:1: the template is not UTF-8 text: save it as UTF-8"]
        );
        // Includes going round in a circle: at the template.
        let found = theme_findings(&[
            ("page.html", b"{% include \"list.html\" %}"),
            ("list.html", b"{% include \"page.html\" %}"),
        ]);
        assert!(
            !found.is_empty() && found.iter().all(|f| f.starts_with("themes/t/templates/")),
            "{found:#?}"
        );
    }

    #[test]
    fn each_versions_pages_are_found_in_the_shared_list() {
        let set = |paths: &[&str]| -> std::collections::BTreeSet<String> {
            paths.iter().map(|p| p.to_string()).collect()
        };
        // More paths than one word of bits holds.
        let many: Vec<String> = (0..70).map(|k| format!("p/{k:03}.html")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let versions = [
            set(&["index.html", "initiatives/a.html", "initiatives/b.html"]),
            set(&["index.html", "initiatives/a.html", "initiatives/gone.html"]),
            set(&many),
        ];
        let sets = PageSet::of_each(&versions);
        for (v, s) in versions.iter().zip(&sets) {
            assert_eq!(
                s.iter().collect::<Vec<_>>(),
                v.iter().map(String::as_str).collect::<Vec<_>>()
            );
            assert_eq!(s.count(), v.len());
        }
        assert!(sets[1].contains("initiatives/gone.html"));
        assert!(!sets[0].contains("initiatives/gone.html"));
        assert!(!sets[1].contains("initiatives/b.html"));
        assert!(sets[2].contains("p/069.html") && !sets[2].contains("index.html"));
        assert!(!sets[0].contains("nowhere.html"));
    }

    #[test]
    fn a_template_reads_the_raw_item_only_when_it_names_it() {
        assert!(names_variable("{{ item.owner }}", "item"));
        assert!(names_variable("{% for k, v in extra %}", "extra"));
        assert!(names_variable("{{ item }}", "item"));
        assert!(!names_variable(
            "{% for i in items %}{{ m.item.text }}",
            "item"
        ));
        assert!(!names_variable("{{ nav_item }} {{ extras }}", "item"));
        assert!(!names_variable("<th>RAID item</th>{{ x.text }}", "item"));
        assert!(names_variable("<th>RAID</th>{% if item %}", "item"));
        for (name, text) in theme::DEFAULT.iter().filter(|(p, _)| p.ends_with(".html")) {
            assert!(
                !names_variable(text, "item") && !names_variable(text, "extra"),
                "{name} reads the raw item: pages now serialise every item"
            );
        }
    }

    #[test]
    fn escaping_writes_what_teras_own_does() {
        for input in [
            "",
            "plain",
            "<script>alert('x') & \"y\"</script>",
            "&&<<>>",
            "tail &",
            "é — ünïcode <b>",
        ] {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            escape_html(input, &mut ours).unwrap();
            tera::escape_html(input, &mut teras).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(teras).unwrap()
            );
        }
    }

    #[test]
    fn root_prefix_per_depth() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("initiatives/a.html"), "../");
        assert_eq!(root_of("pages/guides/x.html"), "../../");
    }
}
