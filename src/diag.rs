//! Diagnostics: one shape for every problem roadbook reports, rendered the
//! rustc/cargo way for people and as JSON lines for CI.

use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// How much a finding matters to the people the roadmap answers to, most
/// important first: a watermelon must not sit unseen among a dozen missing
/// criteria. Every rule has one (`src/lints.rs`), so the docs, `check`, the
/// summary lines and the findings page order findings alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weight {
    /// Input roadbook cannot read or resolve; always an error.
    Broken,
    /// The plan no longer holds, or is told better than it is: someone
    /// accountable has to decide (re-plan, approve, or report the truth).
    Decision,
    /// Delivery is at risk if nobody acts: overload, conflicts, stale
    /// figures, governance falling behind.
    Risk,
    /// Record keeping: the roadmap is incomplete or untidy, the plan is not
    /// in question.
    Hygiene,
}

impl Weight {
    pub fn as_str(self) -> &'static str {
        match self {
            Weight::Broken => "broken",
            Weight::Decision => "decision",
            Weight::Risk => "risk",
            Weight::Hygiene => "hygiene",
        }
    }
}

/// The groups findings are shown in, most important first: errors (they
/// stop the build, whatever their weight), then warnings by weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    Errors,
    Warnings(Weight),
}

impl Group {
    pub fn of(d: &Diagnostic) -> Group {
        if d.is_error() {
            Group::Errors
        } else {
            Group::Warnings(d.weight)
        }
    }

    /// A stable name for anchors and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Group::Errors => "error",
            Group::Warnings(w) => w.as_str(),
        }
    }

    /// The group's heading for `n` findings, in plain words.
    pub fn heading(self, n: usize) -> String {
        use crate::words::count;
        match self {
            Group::Errors => format!("{} the build", count(n, "error stops", "errors stop")),
            Group::Warnings(Weight::Decision) => {
                format!("{} a decision", count(n, "finding needs", "findings need"))
            }
            Group::Warnings(Weight::Risk) => count(n, "delivery risk", "delivery risks"),
            Group::Warnings(Weight::Hygiene) => count(n, "hygiene note", "hygiene notes"),
            Group::Warnings(Weight::Broken) => count(n, "warning", "warnings"),
        }
    }
}

/// Findings split into their groups, most important first, each in the
/// order of [`sort`]; empty groups are left out.
pub fn groups(diags: &[Diagnostic]) -> Vec<(Group, Vec<&Diagnostic>)> {
    let mut by: std::collections::BTreeMap<Group, Vec<&Diagnostic>> = Default::default();
    for d in diags {
        by.entry(Group::of(d)).or_default().push(d);
    }
    by.into_iter().collect()
}

/// The closing line of `check` and `build`: the errors and the findings
/// that need a decision counted per rule, since those are what a reader
/// acts on; the rest only as a number, to stay one short line.
pub fn summary(diags: &[Diagnostic]) -> String {
    use crate::words::count;
    if diags.is_empty() {
        return "No findings.".into();
    }
    let per_rule = |of: &[&Diagnostic]| {
        let mut rules: Vec<(&str, &str, usize)> = Vec::new();
        for d in of {
            match rules.iter_mut().find(|(r, _, _)| *r == d.rule) {
                Some(entry) => entry.2 += 1,
                None => rules.push((d.rule, d.code, 1)),
            }
        }
        rules.sort_by_key(|&(rule, code, _)| (rank(rule), code));
        rules
            .iter()
            .map(|(rule, _, n)| format!("{n} {rule}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    let decisions: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| Group::of(d) == Group::Warnings(Weight::Decision))
        .collect();
    let others = diags.len() - errors.len() - decisions.len();
    let mut parts = Vec::new();
    if !errors.is_empty() {
        parts.push(format!(
            "{}: {}",
            count(errors.len(), "error", "errors"),
            per_rule(&errors)
        ));
    }
    if !decisions.is_empty() {
        parts.push(format!(
            "{}: {}",
            Group::Warnings(Weight::Decision).heading(decisions.len()),
            per_rule(&decisions)
        ));
    }
    if others > 0 {
        parts.push(if parts.is_empty() {
            count(others, "warning", "warnings")
        } else {
            count(others, "other warning", "other warnings")
        });
    }
    parts.join("; ")
}

/// A position in a file, 1-based, relative to the whole file (never to the
/// front-matter block). `len` is the width of the caret underline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
pub struct Span {
    pub line: u32,
    pub col: u32,
    #[serde(skip)]
    pub len: u32,
}

impl Span {
    pub fn new(line: u32, col: u32, len: u32) -> Self {
        Span { line, col, len }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, e.g. `RB0203`.
    pub code: &'static str,
    /// The rule's kebab-case name, the key used in `[lints]`.
    pub rule: &'static str,
    pub severity: Severity,
    /// The rule's weight: how much the finding matters, whatever its level.
    pub weight: Weight,
    /// Path relative to the project root, `/`-separated.
    pub path: String,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
    /// The offending source line, captured when the diagnostic is made so
    /// rendering needs no file access; of a long line, only the window
    /// around the caret that is shown (thousands of findings on one
    /// generated line must not each hold a copy of it).
    pub source_line: Option<String>,
    /// Characters of the line before `source_line`: 0 when it is whole.
    pub source_from: u32,
    /// The milestone a finding is about, by id: its file names only the
    /// initiative, and a summary naming "which" must name the milestone.
    /// Also the initiative whose spend a shared data file holds, which the
    /// file does not name; and the id a change request names that the
    /// roadmap does not have (`unknown-reference`), which a snapshot may.
    pub milestone: Option<Box<str>>,
}

/// The widest source line shown under a finding, in characters.
const SHOWN_WIDTH: usize = 120;

/// JSON (a `check --format json` line, an entry of `roadmap.json`) has the
/// same keys on every finding, `null` where there is no value, so a consumer
/// never has to ask whether a key exists.
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Line<'a> {
            code: &'a str,
            rule: &'a str,
            severity: Severity,
            weight: Weight,
            path: &'a str,
            line: Option<u32>,
            col: Option<u32>,
            message: &'a str,
            help: Option<&'a str>,
        }
        // Line 0 means "the file as a whole", which has no line to name.
        let span = self.span.filter(|s| s.line > 0);
        Line {
            code: self.code,
            rule: self.rule,
            severity: self.severity,
            weight: self.weight,
            path: &self.path,
            line: span.map(|s| s.line),
            col: span.map(|s| s.col.max(1)),
            message: &self.message,
            help: self.help_text().as_deref(),
        }
        .serialize(s)
    }
}

/// The longest value a finding quotes whole (between backticks): a value
/// of a million characters in `outcomes:` made a finding a megabyte long.
/// Above any id (200 characters at most) and the commands a help gives to
/// copy, which must stay whole.
pub const MAX_QUOTED: usize = 256;

/// `text` with every quoted value (between backticks) longer than
/// [`MAX_QUOTED`] characters clipped with `…`.
pub fn clip_quoted(text: &str) -> std::borrow::Cow<'_, str> {
    let too_long = text
        .split('`')
        .skip(1)
        .step_by(2)
        .any(|quoted| quoted.chars().nth(MAX_QUOTED).is_some());
    if !too_long {
        return text.into();
    }
    let mut out = String::with_capacity(text.len().min(4096));
    for (k, part) in text.split('`').enumerate() {
        if k > 0 {
            out.push('`');
        }
        if k % 2 == 1 && part.chars().nth(MAX_QUOTED).is_some() {
            out.extend(part.chars().take(MAX_QUOTED - 1));
            out.push('…');
        } else {
            out.push_str(part);
        }
    }
    out.into()
}

/// `text` as a terminal may show it: control characters become their
/// Unicode pictures (ESC → ␛, NUL → ␀; each one column wide, so a caret
/// under a quoted line stays in place), C1 controls and the bidirectional
/// overrides that can reorder a line become U+FFFD. A content file then
/// cannot retitle the terminal, erase lines or disguise code. `\n` is kept
/// ANSI colours, or none.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn on(self, sgr: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// What a caught panic said, for an "internal error" message.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// The first character of `text` that forces the text after it into
/// another direction (an embedding or override, U+202A to U+202E), by its
/// UTF-8 bytes: every document of every version is scanned. The isolates
/// right-to-left text is written with (U+2066 to U+2069) reorder whole
/// runs, not the letters in them, and are left alone.
pub fn bidi_override(text: &[u8]) -> Option<(usize, char)> {
    let at = text
        .windows(3)
        .position(|w| w[0] == 0xE2 && w[1] == 0x80 && (0xAA..=0xAE).contains(&w[2]))?;
    char::from_u32(0x2000 + u32::from(text[at + 2] & 0x3F)).map(|c| (at, c))
}

/// `text` with each embedding or override (see [`bidi_override`]) shown
/// as U+FFFD: on a page, "\u{202E}is 35 days overdue" read backwards.
pub fn without_bidi_overrides(text: &str) -> std::borrow::Cow<'_, str> {
    if bidi_override(text.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\u{202a}'..='\u{202e}' => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// when `newlines` (multi-line blocks), `\t` shows as a space.
pub fn terminal_safe(text: &str, newlines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && !(newlines && c == '\n'))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\n' if newlines => '\n',
            '\t' => ' ',
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if unsafe_char(c) => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

impl Diagnostic {
    /// The finding, about the milestone `gid`.
    pub fn about_milestone(mut self, gid: &str) -> Self {
        self.milestone = Some(gid.into());
        self
    }

    /// The help as every output shows it: a long value it quotes clipped
    /// (see [`clip_quoted`]).
    pub fn help_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        self.help.as_deref().map(clip_quoted)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Human form: `path:line:col: error[code]: message`, the source line with
    /// a caret, and the help.
    pub fn render(&self) -> String {
        terminal_safe(&self.render_raw(Paint(false)), true).into_owned()
    }

    /// `render` with colours for a terminal (rustc's: the level in red or
    /// yellow, the gutter in blue). Every piece of the user's text is made
    /// terminal-safe on its own, so only these colours reach the terminal.
    pub fn render_coloured(&self) -> String {
        self.render_raw(Paint(true))
    }

    fn render_raw(&self, paint: Paint) -> String {
        // Newlines inside the user's text must not fake lines of their own.
        let message = terminal_safe(&self.message, false);
        let help = self
            .help_text()
            .map(|h| terminal_safe(&h, false).into_owned());
        let path = terminal_safe(&self.path, false);
        let mut out = String::new();
        match self.span {
            Some(s) if s.line > 0 => {
                let _ = write!(out, "{}:{}:{}: ", path, s.line, s.col.max(1));
            }
            _ if !path.is_empty() => {
                let _ = write!(out, "{path}: ");
            }
            _ => {}
        }
        let level = match self.severity {
            Severity::Error => "1;31",
            _ => "1;33",
        };
        let _ = writeln!(
            out,
            "{}: {}",
            paint.on(level, &format!("{}[{}]", self.severity.as_str(), self.code)),
            paint.on("1", &message)
        );
        let gutter = self
            .span
            .map(|s| s.line.to_string().len())
            .unwrap_or(1)
            .max(1);
        let pad = " ".repeat(gutter);
        if let (Some(mut span), Some(line)) = (self.span, &self.source_line) {
            let mut shown: String =
                terminal_safe(line.trim_end_matches(['\r', '\n']), false).into_owned();
            if self.source_from > 0 {
                shown.insert(0, '…');
                // A column past the end of the line points just after it.
                let end = shown.chars().count() as u32 + 1;
                span.col = (span.col.saturating_sub(self.source_from) + 1).min(end);
            }
            // A minified or generated line can be huge: show a window around
            // the caret.
            const WIDTH: usize = SHOWN_WIDTH;
            if self.source_from == 0 && shown.chars().count() > WIDTH {
                let chars: Vec<char> = shown.chars().collect();
                let at = (span.col.max(1) as usize - 1).min(chars.len());
                let from = at.saturating_sub(WIDTH / 2);
                let to = (from + WIDTH).min(chars.len());
                let lead = if from > 0 { "…" } else { "" };
                let tail = if to < chars.len() { "…" } else { "" };
                shown = format!("{lead}{}{tail}", chars[from..to].iter().collect::<String>());
                span.col = (at - from + 1 + lead.chars().count()) as u32;
            }
            let bar = paint.on("1;34", "|");
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(
                out,
                "{} {bar} {}",
                paint.on("1;34", &span.line.to_string()),
                shown
            );
            let col = span.col.max(1) as usize;
            let width = shown.chars().count();
            let len = if span.len == 0 {
                1
            } else {
                (span.len as usize).min(width.saturating_sub(col - 1).max(1))
            };
            let _ = writeln!(
                out,
                "{pad} {bar} {}{}",
                " ".repeat(col - 1),
                paint.on(level, &"^".repeat(len))
            );
        }
        let equals = paint.on("1;34", "=");
        if let Some(help) = &help {
            let _ = writeln!(out, "{pad} {equals} {}: {help}", paint.on("1", "help"));
        }
        let _ = writeln!(
            out,
            "{pad} {equals} {}: rule `{}`",
            paint.on("1", "note"),
            self.rule
        );
        out
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Fill in the offending line of each diagnostic from the text of its file.
/// `text_of` borrows a file's text where it can: at 10,000 initiatives
/// most files have a finding, and none needs copying.
pub fn attach_source_lines<'t>(
    diags: &mut [Diagnostic],
    text_of: impl Fn(&str) -> Option<std::borrow::Cow<'t, str>> + Sync,
) {
    use rayon::prelude::*;
    // Each file is read through once for all its findings (thousands of
    // findings in one large file must not each scan it from the top), the
    // files side by side: at 10,000 initiatives that is 45 MB to read
    // through, on the one-core stretch at the end of every load. No file
    // keeps an index of its lines: kept for every file at once, those were
    // 11 MB at the peak of a load with 8 snapshots.
    let mut wanted: Vec<(&str, u32, usize, u32)> = diags
        .iter()
        .enumerate()
        .filter_map(|(k, d)| {
            let (line, col) = d.span.map_or((0, 0), |s| (s.line, s.col));
            (line > 0).then_some((d.path.as_str(), line, k, col))
        })
        .collect();
    wanted.sort_unstable();
    let by_file: Vec<&[(&str, u32, usize, u32)]> = wanted.chunk_by(|a, b| a.0 == b.0).collect();
    let lines: Vec<(usize, Option<(String, u32)>)> = by_file
        .into_par_iter()
        .flat_map_iter(|found| {
            let text = text_of(found[0].0);
            let mut out = Vec::new();
            if let Some(text) = text {
                let mut starts = std::iter::once(0)
                    .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
                // `at`: the line `from` starts.
                let (mut at, mut from) = (1, starts.next());
                // Where each character of the current long line starts, made
                // once for all its findings.
                let mut chars_of: Option<(u32, Vec<usize>)> = None;
                for &(_, line, k, col) in found {
                    while at < line && from.is_some() {
                        from = starts.next();
                        at += 1;
                    }
                    // Past the last line: no line to show.
                    let Some(start) = from else {
                        out.push((k, None));
                        continue;
                    };
                    let end = memchr::memchr(b'\n', &text.as_bytes()[start..])
                        .map_or(text.len(), |n| start + n + 1);
                    let whole = text[start..end]
                        .trim_end_matches(['\n', '\r'])
                        .trim_start_matches('\u{feff}');
                    // Bytes, a cheap bound: a line this short is shown whole.
                    if whole.len() <= SHOWN_WIDTH {
                        out.push((k, Some((whole.to_string(), 0))));
                        continue;
                    }
                    if chars_of.as_ref().is_none_or(|(l, _)| *l != line) {
                        let starts = whole.char_indices().map(|(i, _)| i).collect();
                        chars_of = Some((line, starts));
                    }
                    let Some((_, starts)) = &chars_of else {
                        continue;
                    };
                    out.push((k, Some(window(whole, starts, col))));
                }
            }
            out
        })
        .collect();
    drop(wanted);
    for (k, line) in lines {
        let (line, from) = line.map_or((None, 0), |(l, from)| (Some(l), from));
        diags[k].source_line = line;
        diags[k].source_from = from;
    }
}

/// The part of a long line shown around column `col` (1-based, in
/// characters), with how many characters come before it; `starts` holds
/// where each character of `line` starts.
fn window(line: &str, starts: &[usize], col: u32) -> (String, u32) {
    let count = starts.len();
    if count <= SHOWN_WIDTH {
        return (line.to_string(), 0);
    }
    let at = (col.max(1) as usize - 1).min(count);
    // As `render` cuts a whole line.
    let from = at.saturating_sub(SHOWN_WIDTH / 2);
    let to = (from + SHOWN_WIDTH).min(count);
    let byte = |c: usize| starts.get(c).copied().unwrap_or(line.len());
    let mut shown = line[byte(from)..byte(to)].to_string();
    if to < count {
        shown.push('…');
    }
    (shown, from as u32)
}

/// Sort diagnostics most important first: by [`Group`] (errors, then
/// warnings by weight), then by rule, then by file and position, so what
/// needs a decision is read before the hygiene notes whatever the paths.
/// Within the findings that need a decision, what leadership must hear of
/// first: a plan that says green while the data says red, then moves and
/// scope nobody approved, an outcome that will be late, then the rest.
const LEADERSHIP_FIRST: &[&str] = &[
    "watermelon",
    "unacknowledged-slip",
    "unacknowledged-scope-change",
    "unacknowledged-end-move",
    "outcome-horizon-missed",
    "latent-slip",
    "overdue-milestone",
];

/// A rule's place among the rules of its weight (then its code decides).
pub fn rank(rule: &str) -> usize {
    LEADERSHIP_FIRST
        .iter()
        .position(|r| *r == rule)
        .unwrap_or(LEADERSHIP_FIRST.len())
}

pub fn sort(diags: &mut [Diagnostic]) {
    // Stable, as `sort_by`, on every core: at 10,000 initiatives with 8
    // snapshots there are 44,000 findings, sorted at the end of every load.
    use rayon::slice::ParallelSliceMut;
    diags.par_sort_by(|a, b| {
        (
            Group::of(a),
            rank(a.rule),
            a.code,
            &a.path,
            a.span,
            &a.message,
        )
            .cmp(&(
                Group::of(b),
                rank(b.rule),
                b.code,
                &b.path,
                b.span,
                &b.message,
            ))
    });
}

/// The closest candidate to `wanted` for a "did you mean" hint, if it is close
/// enough to be a plausible typo.
pub fn closest<'a, I>(wanted: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut best: Option<(f64, &str)> = None;
    // Short ids score low on similarity even one slip away (`wbe`/`web`):
    // one edit or swap of two letters always counts.
    let mut one_edit: Option<&str> = None;
    // The same letters in another case (`ERP-UPGRADE`) score lowest of
    // all, and are the likeliest meant.
    let mut same_letters: Option<&str> = None;
    for cand in candidates {
        if cand.eq_ignore_ascii_case(wanted) && same_letters.is_none_or(|c| cand < c) {
            same_letters = Some(cand);
        }
        if strsim::osa_distance(wanted, cand) == 1 && one_edit.is_none_or(|c| cand < c) {
            one_edit = Some(cand);
        }
        let score = strsim::jaro_winkler(wanted, cand);
        if best.is_none_or(|(b, c)| score > b || (score == b && cand < c)) {
            best = Some((score, cand));
        }
    }
    same_letters.or(best.filter(|(s, _)| *s >= 0.8).map(|(_, c)| c).or(one_edit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quoted_values_are_clipped() {
        let long = "x".repeat(1_000_000);
        let message = format!("unknown outcome `{long}`; did you mean `o`?");
        let clipped = clip_quoted(&message);
        assert_eq!(
            clipped,
            format!(
                "unknown outcome `{}…`; did you mean `o`?",
                "x".repeat(MAX_QUOTED - 1)
            )
        );
        // An id (200 characters at most) in a command to copy stays whole.
        let command = format!("run `roadbook new change ID --affects {}`", "i".repeat(200));
        assert!(matches!(
            clip_quoted(&command),
            std::borrow::Cow::Borrowed(_)
        ));
        let short = "a `b` c `d`";
        assert!(matches!(clip_quoted(short), std::borrow::Cow::Borrowed(_)));
        // An odd backtick leaves the rest as it is.
        assert_eq!(clip_quoted("a `b"), "a `b");
    }

    #[test]
    fn each_finding_gets_its_own_line_of_its_own_file() {
        let at = |path: &str, line: u32| {
            crate::lints::READ.at(
                path,
                Some(Span {
                    line,
                    col: 1,
                    len: 0,
                }),
                "x",
            )
        };
        let mut found = vec![
            at("b.md", 3),
            at("a.md", 2),
            at("b.md", 1),
            at("a.md", 9),
            at("b.md", 3),
            at("a.md", 4),
            at("gone.md", 1),
            crate::lints::READ.at("a.md", None, "no line"),
            at("a.md", 1),
        ];
        // A line attached before (a snapshot's finding, whose file is read
        // again) is replaced, or taken away past the end.
        found[3].source_line = Some("stale".into());
        attach_source_lines(&mut found, |path| match path {
            "a.md" => Some("\u{feff}one\r\ntwo\r\nthree\n".into()),
            "b.md" => Some("first\nsecond\nthird".into()),
            _ => None,
        });
        let lines: Vec<Option<&str>> = found.iter().map(|d| d.source_line.as_deref()).collect();
        assert_eq!(
            lines,
            [
                Some("third"),
                Some("two"),
                Some("first"),
                // Past the end of the file, and the empty line after its
                // last newline.
                None,
                Some("third"),
                Some(""),
                None,
                None,
                Some("one"),
            ]
        );
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let d = Diagnostic {
            code: "RB0101",
            rule: "front-matter",
            severity: Severity::Error,
            weight: Weight::Broken,
            path: "content/a\u{1b}]0;pwned\u{7}.md".into(),
            span: Some(Span::new(2, 8, 3)),
            message: "bad \u{1b}[2Kvalue\nerror[fake]: injected".into(),
            help: Some("a \u{202e}reversed\u{0} help".into()),
            source_line: Some("title: \u{1b}[31mred\u{7}".into()),
            source_from: 0,
            milestone: None,
        };
        let text = d.render();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(!text.contains('\u{202e}'));
        assert!(
            text.contains("bad ␛[2Kvalue␊error[fake]: injected"),
            "{text}"
        );
        // The caret still sits under the value: one column per character.
        assert!(text.contains("2 | title: ␛[31mred␇\n"), "{text}");
        assert!(text.contains("  |        ^^^\n"), "{text}");
        assert_eq!(terminal_safe("plain\nlines", true), "plain\nlines");
    }

    #[test]
    fn renders_location_line_and_caret() {
        let d = Diagnostic {
            code: "RB0203",
            rule: "unknown-reference",
            severity: Severity::Error,
            weight: Weight::Broken,
            path: "content/initiatives/a.md".into(),
            span: Some(Span::new(3, 11, 8)),
            message: "unknown id `erp-clud`".into(),
            help: Some("did you mean `erp-cloud`?".into()),
            source_line: Some("outcomes: [erp-clud]".into()),
            source_from: 0,
            milestone: None,
        };
        let text = d.render();
        assert_eq!(
            text,
            "content/initiatives/a.md:3:11: error[RB0203]: unknown id `erp-clud`\n  |\n3 | outcomes: [erp-clud]\n  |           ^^^^^^^^\n  = help: did you mean `erp-cloud`?\n  = note: rule `unknown-reference`\n"
        );
    }

    #[test]
    fn long_lines_are_clipped_around_the_caret() {
        let line = format!("{}needle{}", "a".repeat(500), "b".repeat(500));
        let d = Diagnostic {
            code: "RB0003",
            rule: "front-matter",
            severity: Severity::Error,
            weight: Weight::Broken,
            path: "x.md".into(),
            span: Some(Span::new(1, 501, 6)),
            message: "m".into(),
            help: None,
            source_line: Some(line),
            source_from: 0,
            milestone: None,
        };
        let text = d.render();
        let shown = text.lines().nth(2).unwrap();
        let caret = text.lines().nth(3).unwrap();
        assert!(shown.chars().count() < 140, "{shown}");
        let at = caret.find('^').unwrap();
        // Columns count characters: the leading `…` is one.
        assert_eq!(shown.chars().skip(at).take(6).collect::<String>(), "needle");
    }

    /// Of a long line only the window shown is kept, and it shows as the
    /// whole line did: 20,000 findings on one 300 KB line held 4.5 GB.
    #[test]
    fn long_lines_are_captured_as_the_window_shown() {
        let line = format!("{}needle{}", "é".repeat(500), "b".repeat(500));
        let text = format!("---\n{line}\n");
        let mut whole = Vec::new();
        let mut kept = Vec::new();
        for col in [1, 30, 501, 507, 1006, 2000] {
            let mut d = finding("front-matter", "RB0003", Weight::Broken, "x.md");
            d.span = Some(Span::new(2, col, 6));
            kept.push(d.clone());
            d.source_line = Some(line.clone());
            whole.push(d);
        }
        attach_source_lines(&mut kept, |_| Some(text.as_str().into()));
        for (w, k) in whole.iter().zip(&kept) {
            assert!(k.source_line.as_ref().unwrap().len() < 300, "{k:?}");
            assert_eq!(w.render(), k.render());
        }
        assert_eq!(kept[0].source_from, 0);
        assert_eq!(kept[2].source_from, 440);
    }

    fn finding(rule: &'static str, code: &'static str, weight: Weight, path: &str) -> Diagnostic {
        Diagnostic {
            code,
            rule,
            severity: Severity::Warning,
            weight,
            path: path.into(),
            span: Some(Span::new(1, 1, 0)),
            message: "m".into(),
            help: None,
            source_line: None,
            source_from: 0,
            milestone: None,
        }
    }

    #[test]
    fn sorts_by_group_then_rule_then_path() {
        let mut all = vec![
            finding("missing-criteria", "RB0205", Weight::Hygiene, "a.md"),
            finding("unacknowledged-slip", "RB0219", Weight::Decision, "b.md"),
            finding("stale-kpi", "RB0224", Weight::Risk, "a.md"),
            finding("watermelon", "RB0213", Weight::Decision, "z.md"),
            finding("watermelon", "RB0213", Weight::Decision, "c.md"),
        ];
        let mut denied = finding("missing-criteria", "RB0205", Weight::Hygiene, "z.md");
        denied.severity = Severity::Error;
        all.push(denied);
        sort(&mut all);
        let order: Vec<(&str, &str)> = all.iter().map(|d| (d.rule, d.path.as_str())).collect();
        assert_eq!(
            order,
            [
                ("missing-criteria", "z.md"),
                ("watermelon", "c.md"),
                ("watermelon", "z.md"),
                ("unacknowledged-slip", "b.md"),
                ("stale-kpi", "a.md"),
                ("missing-criteria", "a.md"),
            ]
        );
        let groups: Vec<(Group, usize)> = groups(&all).iter().map(|(g, f)| (*g, f.len())).collect();
        assert_eq!(
            groups,
            [
                (Group::Errors, 1),
                (Group::Warnings(Weight::Decision), 3),
                (Group::Warnings(Weight::Risk), 1),
                (Group::Warnings(Weight::Hygiene), 1),
            ]
        );
        assert_eq!(
            summary(&all),
            "1 error: 1 missing-criteria; 3 findings need a decision: 2 watermelon, 1 unacknowledged-slip; 2 other warnings"
        );
    }

    #[test]
    fn the_summary_stays_short_when_nothing_needs_a_decision() {
        assert_eq!(summary(&[]), "No findings.");
        let one = [finding("watermelon", "RB0213", Weight::Decision, "a.md")];
        assert_eq!(summary(&one), "1 finding needs a decision: 1 watermelon");
        let tidy = [
            finding("missing-criteria", "RB0205", Weight::Hygiene, "a.md"),
            finding("stale-kpi", "RB0224", Weight::Risk, "a.md"),
        ];
        assert_eq!(summary(&tidy), "2 warnings");
    }

    #[test]
    fn json_has_every_key_on_every_line() {
        let mut d = finding("review-cadence", "RB0217", Weight::Risk, "book.toml");
        d.span = None;
        let v: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        assert_eq!(v["weight"], "risk");
        assert!(v["line"].is_null() && v["col"].is_null() && v["help"].is_null());
        assert_eq!(v.as_object().unwrap().len(), 9);
    }

    #[test]
    fn overrides_are_found_by_their_bytes_and_isolates_kept() {
        for c in ['\u{202A}', '\u{202B}', '\u{202D}', '\u{202E}'] {
            assert_eq!(bidi_override(format!("a’b{c}d").as_bytes()), Some((5, c)));
            assert_eq!(without_bidi_overrides(&format!("a{c}b")), "a\u{FFFD}b");
        }
        for c in ['\u{200F}', '\u{2019}', '\u{2029}', '\u{2067}', '\u{2069}'] {
            assert_eq!(bidi_override(format!("a{c}").as_bytes()), None);
            assert_eq!(without_bidi_overrides(&format!("a{c}")), format!("a{c}"));
        }
    }

    #[test]
    fn closest_suggests_near_misses_only() {
        let ids = ["erp-cloud", "crm-refresh", "network"];
        assert_eq!(closest("erp-clud", ids), Some("erp-cloud"));
        assert_eq!(closest("zzzz", ids), None);
        // Short ids: one swap or edit away still suggests.
        assert_eq!(closest("wbe", ["web", "ops"]), Some("web"));
        assert_eq!(closest("op", ["web", "ops"]), Some("ops"));
        assert_eq!(closest("xyz", ["web", "ops"]), None);
        // Another case: the likeliest meant, whatever the distance.
        assert_eq!(
            closest("ERP-UPGRADE", ["erp-cloud", "erp-upgrade"]),
            Some("erp-upgrade")
        );
    }
}
