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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `RB0203`.
    pub code: &'static str,
    /// The rule's kebab-case name, the key used in `[lints]`.
    pub rule: &'static str,
    pub severity: Severity,
    /// Path relative to the project root, `/`-separated.
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none", flatten)]
    pub span: Option<Span>,
    pub message: String,
    /// Always present in JSON (`null` when there is none), so consumers
    /// see the same keys on every line.
    pub help: Option<String>,
    /// The offending source line, captured when the diagnostic is made so
    /// rendering needs no file access.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Human form: `path:line:col: error[code]: message`, the source line with
    /// a caret, and the help.
    pub fn render(&self) -> String {
        let mut out = String::new();
        match self.span {
            Some(s) if s.line > 0 => {
                let _ = write!(out, "{}:{}:{}: ", self.path, s.line, s.col.max(1));
            }
            _ if !self.path.is_empty() => {
                let _ = write!(out, "{}: ", self.path);
            }
            _ => {}
        }
        let _ = writeln!(
            out,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        );
        let gutter = self
            .span
            .map(|s| s.line.to_string().len())
            .unwrap_or(1)
            .max(1);
        let pad = " ".repeat(gutter);
        if let (Some(mut span), Some(line)) = (self.span, &self.source_line) {
            let mut shown: String = line.trim_end_matches(['\r', '\n']).replace('\t', " ");
            // A minified or generated line can be huge: show a window around
            // the caret.
            const WIDTH: usize = 120;
            if shown.chars().count() > WIDTH {
                let chars: Vec<char> = shown.chars().collect();
                let at = (span.col.max(1) as usize - 1).min(chars.len());
                let from = at.saturating_sub(WIDTH / 2);
                let to = (from + WIDTH).min(chars.len());
                let lead = if from > 0 { "…" } else { "" };
                let tail = if to < chars.len() { "…" } else { "" };
                shown = format!("{lead}{}{tail}", chars[from..to].iter().collect::<String>());
                span.col = (at - from + 1 + lead.chars().count()) as u32;
            }
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", span.line, shown);
            let col = span.col.max(1) as usize;
            let width = shown.chars().count();
            let len = if span.len == 0 {
                1
            } else {
                (span.len as usize).min(width.saturating_sub(col - 1).max(1))
            };
            let _ = writeln!(out, "{pad} | {}{}", " ".repeat(col - 1), "^".repeat(len));
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{pad} = help: {help}");
        }
        let _ = writeln!(out, "{pad} = note: rule `{}`", self.rule);
        out
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Fill in the offending line of each diagnostic from the text of its file.
pub fn attach_source_lines(diags: &mut [Diagnostic], text_of: impl Fn(&str) -> Option<String>) {
    let mut cache: std::collections::HashMap<String, Option<String>> =
        std::collections::HashMap::new();
    for d in diags {
        let Some(span) = d.span.filter(|s| s.line > 0) else {
            continue;
        };
        let text = cache
            .entry(d.path.clone())
            .or_insert_with(|| text_of(&d.path));
        if let Some(text) = text {
            d.source_line = text
                .lines()
                .nth(span.line as usize - 1)
                .map(|l| l.trim_start_matches('\u{feff}').to_string());
        }
    }
}

/// Sort diagnostics the way a reader scans them: by file, then position.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.span, &a.message, a.code).cmp(&(&b.path, b.span, &b.message, b.code))
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
    for cand in candidates {
        if strsim::osa_distance(wanted, cand) == 1 && one_edit.is_none_or(|c| cand < c) {
            one_edit = Some(cand);
        }
        let score = strsim::jaro_winkler(wanted, cand);
        if best.is_none_or(|(b, c)| score > b || (score == b && cand < c)) {
            best = Some((score, cand));
        }
    }
    best.filter(|(s, _)| *s >= 0.8).map(|(_, c)| c).or(one_edit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_line_and_caret() {
        let d = Diagnostic {
            code: "RB0203",
            rule: "unknown-reference",
            severity: Severity::Error,
            path: "content/initiatives/a.md".into(),
            span: Some(Span::new(3, 11, 8)),
            message: "unknown id `erp-clud`".into(),
            help: Some("did you mean `erp-cloud`?".into()),
            source_line: Some("outcomes: [erp-clud]".into()),
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
            path: "x.md".into(),
            span: Some(Span::new(1, 501, 6)),
            message: "m".into(),
            help: None,
            source_line: Some(line),
        };
        let text = d.render();
        let shown = text.lines().nth(2).unwrap();
        let caret = text.lines().nth(3).unwrap();
        assert!(shown.chars().count() < 140, "{shown}");
        let at = caret.find('^').unwrap();
        // Columns count characters: the leading `…` is one.
        assert_eq!(shown.chars().skip(at).take(6).collect::<String>(), "needle");
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
    }
}
