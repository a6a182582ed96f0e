//! Typed reading of a positioned map (a document's front matter, a milestone,
//! a `book.toml` table). Each accessor reports what is wrong at the value's
//! position and carries on, so one run reports every problem; `finish` turns
//! the keys nobody asked for into "unknown field" diagnostics.

use super::date::{self, Date, Edge};
use super::node::{Node, Value};
use crate::diag::{closest, Diagnostic, Span};
use crate::lints::{self, Rule};
use serde::Serialize;

/// A string with the position it was written at (ids in references).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spanned {
    pub text: String,
    #[serde(skip)]
    pub span: Span,
}

/// What the archetypes (`themes/default/archetypes/`) write where a person
/// belongs.
pub const PERSON_PLACEHOLDER: &str = "Name (Role)";

/// The criterion `roadbook new initiative` writes: no one can check it.
pub const CRITERION_PLACEHOLDER: &str = "What someone can check to call it done";

/// The bodies `roadbook new` writes, one a kind: a page that says what it
/// should say instead of saying it.
pub const BODY_PLACEHOLDERS: &[&str] = &[
    "Why this initiative, and what it changes for the business.",
    "The business result, in numbers someone outside IT would recognise.",
    "How it is measured, by whom and how often.",
    "What the team does and who is in it.",
    "What this capability is and how its maturity is assessed.",
    "What changes (dates, scope, budget), why, and what was weighed.",
    "What was reviewed and what was decided.",
    "What could happen, what would trigger it, and what it would cost.",
];

/// How to add a required field that is not there: an example for the
/// common ones, else where the field list is.
fn missing_help(key: &str, path: &str) -> String {
    if path.ends_with(".toml") {
        return format!(
            "add `{key} = ...` to this table (the README's book.toml section lists every key)"
        );
    }
    match key {
        "owner" => "name the accountable person: `owner: Dana Whitfield (CFO)`".into(),
        "title" => "add `title:`, the name the item goes by on every page".into(),
        "status" => "add `status: proposed` (or `approved`, `rejected` once decided)".into(),
        "affects" => {
            "name what it changes: `affects: [erp-upgrade/go-live]` (an initiative or a milestone)"
                .into()
        }
        "capacity" => "add the person-days it has per quarter: `capacity: 200`".into(),
        _ => {
            format!("add `{key}:` to the front matter; `roadbook fields` lists every kind's fields")
        }
    }
}

pub fn span_of(node: &Node) -> Span {
    Span::new(node.line, node.col, node.width())
}

pub struct Fields<'a, 'd> {
    path: &'a str,
    entries: &'a [(Node, Node)],
    used: Vec<bool>,
    /// Where the map itself starts, for "missing field" reports.
    pub at: Span,
    pub diags: &'d mut Vec<Diagnostic>,
    /// See [`Fields::quoted_text`].
    quoted_text: bool,
}

/// How a finding of a missing field says it is written misspelt.
const NOT_A_FIELD: &str = " is not a field: did you mean ";

/// The help of a finding of a field left out that is written misspelt.
pub fn not_a_field(name: &str, meant: &str) -> String {
    format!("`{name}`{NOT_A_FIELD}`{meant}`?")
}

/// The words of an `unknown-field` finding, written by
/// [`Fields::finish_noting`] and read back by [`misspelling`]: one place
/// owns both, so a change of wording cannot part them.
const UNKNOWN_FIELD: (&str, &str) = ("unknown field `", "`");
const DID_YOU_MEAN: (&str, &str) = ("did you mean `", "`?");

/// Of an `unknown-field` finding that has a suggestion: the name written
/// and the field it misspells.
pub fn misspelling(d: &Diagnostic) -> Option<(&str, &str)> {
    if d.code != lints::UNKNOWN_FIELD.code {
        return None;
    }
    let between = |text: &'_ str, (open, close): (&str, &str)| {
        text.strip_prefix(open)?.strip_suffix(close).map(str::len)
    };
    let name_len = between(&d.message, UNKNOWN_FIELD)?;
    let help = d.help.as_deref()?;
    let meant_len = between(help, DID_YOU_MEAN)?;
    let name = &d.message[UNKNOWN_FIELD.0.len()..][..name_len];
    let meant = &help[DID_YOU_MEAN.0.len()..][..meant_len];
    Some((name, meant))
}

/// How to write as a number what was written for people: `35%`, `0,3`.
pub fn number_hint(key: &str, text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(n) = t.strip_suffix('%').map(str::trim) {
        let share = n.parse::<f64>().ok()? / 100.0;
        return Some(format!(
            "write a plain number: `{key}: {n}`, or `{key}: {share}` where the field is a share from 0 to 1 (`roadbook fields` says which)"
        ));
    }
    if let Some(n) = decimal_comma(t) {
        return Some(format!("write `{key}: {n}`: a decimal point, not a comma"));
    }
    // A number with its unit (`360 pd`, `120 days`): the unit goes.
    if let Some((n, unit)) = t.split_once(' ') {
        let unit = unit.trim();
        if n.parse::<f64>().is_ok()
            && !unit.is_empty()
            && unit
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '.')
        {
            return Some(format!(
                "write `{key}: {n}`: a plain number, without its unit ({unit})"
            ));
        }
    }
    let n = thousands(t)?;
    // `1,250` is 1250 to some and 1.25 to others.
    Some(match t.split_once(',') {
        Some((whole, fraction)) if !fraction.contains(',') => format!(
            "write `{key}: {n}` if the comma separates thousands (a number has no separators), or `{key}: {whole}.{fraction}` if it is a decimal comma"
        ),
        _ => format!("write `{key}: {n}`: a number has no thousands separators"),
    })
}

/// `30,000` or `1 250 000` as `30000`, `1250000`: digits in groups of
/// three after the first.
fn thousands(text: &str) -> Option<String> {
    let sep = [',', ' ', '\'', '_']
        .into_iter()
        .find(|&c| text.contains(c))?;
    let mut groups = text.split(sep);
    let first = groups.next()?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let rest: Vec<&str> = groups.collect();
    (digits(first)
        && first.len() <= 3
        && !rest.is_empty()
        && rest.iter().all(|g| g.len() == 3 && digits(g)))
    .then(|| format!("{first}{}", rest.concat()))
}

/// Where a map of date → number has a number for a key (its date just
/// refused, the last of `diags`): what follows the comma of an amount
/// written `25,000` inside `{ … }`. Says so on that finding.
pub fn explain_split_amount(key: &Node, field: &str, diags: &mut [Diagnostic]) {
    if key.as_f64().is_none() {
        return;
    }
    if let Some(last) = diags.last_mut() {
        last.help = Some(format!(
            "inside `{{ … }}` a comma ends an entry: `25,000` is read as 25, then `000` where a date goes; write numbers without separators (`25000`) in `{field}`"
        ));
    }
}

/// `1,92` as `1.92`; not `1,250`, whose comma separates thousands.
pub fn decimal_comma(text: &str) -> Option<String> {
    let (whole, fraction) = text.trim().split_once(',')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction) && fraction.len() != 3)
        .then(|| format!("{whole}.{fraction}"))
}

impl<'a, 'd> Fields<'a, 'd> {
    /// Read `node` as a map; anything else is reported and yields `None`.
    pub fn new(
        path: &'a str,
        node: &'a Node,
        what: &str,
        diags: &'d mut Vec<Diagnostic>,
    ) -> Option<Self> {
        match &node.value {
            Value::Map(entries) => Some(Fields {
                path,
                entries,
                used: vec![false; entries.len()],
                at: Span::new(node.line, node.col, 1),
                diags,
                quoted_text: false,
            }),
            _ => {
                let d = lints::INVALID_FIELD.at(
                    path,
                    Some(span_of(node)),
                    format!("{what} must be a map of fields, found {}", node.kind_name()),
                );
                diags.push(d);
                None
            }
        }
    }

    pub fn report(
        &mut self,
        rule: &'static Rule,
        node: &Node,
        message: String,
        help: Option<String>,
    ) {
        let mut d = rule.at(self.path, Some(span_of(node)), message);
        d.help = help;
        self.diags.push(d);
    }

    /// The value of `key`, marking it as known.
    pub fn take(&mut self, key: &str) -> Option<&'a Node> {
        let entries = self.entries;
        for (i, (k, v)) in entries.iter().enumerate() {
            if k.as_str() == Some(key) {
                self.used[i] = true;
                if matches!(v.value, Value::Null) {
                    return None;
                }
                return Some(v);
            }
        }
        None
    }

    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k.as_str() == Some(key))
    }

    /// A required field that is not there, reported at the map.
    pub fn missing(&mut self, key: &str, rule: &'static Rule) {
        let mut d = rule.at(
            self.path,
            Some(self.at),
            format!("missing required field `{key}`"),
        );
        d.help = Some(missing_help(key, self.path));
        self.diags.push(d);
    }

    fn wrong_type(&mut self, key: &str, node: &Node, expected: &str) {
        let msg = format!("`{key}` must be {expected}, found {}", node.kind_name());
        let help = match &node.value {
            Value::Str(text) if expected.contains("number") => number_hint(key, text),
            Value::Seq(items) if expected == "text" => {
                items.first().and_then(|n| n.scalar_text()).map(|first| {
                    format!(
                        "`{key}` takes one value: `{key}: {first}`; name the others in the body"
                    )
                })
            }
            // A line of text with `: ` in it reads as `key: value` (from a
            // trial: `- Finance data marts delayed: source…` in a review's
            // decisions).
            Value::Map(entries)
                if expected.contains("text") && !self.quoted_text && entries.len() == 1 =>
            {
                let (k, v) = &entries[0];
                k.scalar_text().zip(v.scalar_text()).map(|(k, v)| {
                    format!(
                        "a line with `: ` in it reads as `key: value`: put it in quotes, `\"{k}: {v}\"`"
                    )
                })
            }
            // Only where text was expected: `allow-html = "yes"` is a
            // boolean written in quotes, not text missing its quotes.
            Value::Str(_) => None,
            _ if self.quoted_text && expected.contains("text") => node
                .scalar_text()
                .map(|text| format!("TOML text is written in quotes: `{key} = \"{text}\"`")),
            _ => None,
        };
        // Hints are written as YAML front matter writes a field; TOML (book.toml,
        // `+++` front matter) writes `key = value`, and `roadbook fields`
        // does not list book.toml's keys (the README's book.toml does).
        let help = match help {
            Some(h) if self.quoted_text => {
                let h = h.replace(&format!("`{key}: "), &format!("`{key} = "));
                Some(if self.path == "book.toml" {
                    h.replace(
                        "(`roadbook fields` says which)",
                        "(the README's book.toml says which)",
                    )
                } else {
                    h
                })
            }
            h => h,
        };
        self.report(&lints::INVALID_FIELD, node, msg, help);
    }

    /// Text only in quotes, as TOML writes it: in book.toml, `title = 42`
    /// is a number written by mistake, not a title.
    pub fn quoted_text(mut self, yes: bool) -> Self {
        self.quoted_text = yes;
        self
    }

    /// A scalar as text: in YAML any scalar, in TOML a string only.
    fn text_of(&self, node: &Node) -> Option<String> {
        if self.quoted_text {
            node.as_str().map(str::to_string)
        } else {
            node.scalar_text()
        }
    }

    /// A text field. Numbers and booleans are accepted as their text in
    /// YAML, which turns `owner: 2024` into a number.
    pub fn string(&mut self, key: &str) -> Option<String> {
        let node = self.take(key)?;
        match self.text_of(node) {
            Some(s) if s.trim() == PERSON_PLACEHOLDER => {
                let message = format!("`{key}` is still the placeholder `{PERSON_PLACEHOLDER}`");
                let help = Some(format!(
                    "name the person and their role: `{key}: Dana Whitfield (CFO)`"
                ));
                self.report(&lints::PLACEHOLDER, node, message, help);
                Some(s)
            }
            Some(s) => Some(s),
            None => {
                self.wrong_type(key, node, "text");
                None
            }
        }
    }

    pub fn string_spanned(&mut self, key: &str) -> Option<Spanned> {
        let node = self.take(key)?;
        match self.text_of(node) {
            Some(text) => Some(Spanned {
                text,
                span: span_of(node),
            }),
            None => {
                self.wrong_type(key, node, "text");
                None
            }
        }
    }

    pub fn required_string(&mut self, key: &str) -> Option<String> {
        self.required_string_with(key, &lints::MISSING_FIELD)
    }

    pub fn required_string_with(&mut self, key: &str, rule: &'static Rule) -> Option<String> {
        let present = self.has(key);
        // Written but empty (`owner: ""`, `owner: ~`): said at the value,
        // not at the top of the map.
        let written = self
            .entries
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, v)| if matches!(v.value, Value::Null) { k } else { v });
        match self.string(key) {
            Some(s) if !s.trim().is_empty() => Some(s),
            Some(_) => {
                self.empty(key, rule, written);
                None
            }
            None => {
                if !present || self.take(key).is_none() {
                    self.empty(key, rule, written);
                }
                None
            }
        }
    }

    /// A required field that is missing, or written with nothing in it.
    fn empty(&mut self, key: &str, rule: &'static Rule, written: Option<&Node>) {
        let Some(node) = written else {
            return self.missing(key, rule);
        };
        let mut d = rule.at(
            self.path,
            Some(span_of(node)),
            format!("required field `{key}` is empty"),
        );
        d.help = Some(missing_help(key, self.path));
        self.diags.push(d);
    }

    /// A list of strings; a single string is a list of one.
    pub fn string_list(&mut self, key: &str) -> Vec<Spanned> {
        let Some(node) = self.take(key) else {
            return Vec::new();
        };
        match &node.value {
            Value::Seq(items) => {
                let mut out = Vec::new();
                for item in items {
                    match self.text_of(item) {
                        Some(text) => out.push(Spanned {
                            text,
                            span: span_of(item),
                        }),
                        // `[[a, b]]`: the brackets written twice (from a
                        // trial: an archetype's `[{{affects}}]`, the list
                        // put inside one).
                        None => match &item.value {
                            Value::Seq(inner) => {
                                let inner: Vec<String> =
                                    inner.iter().filter_map(Node::scalar_text).collect();
                                self.report(
                                    &lints::INVALID_FIELD,
                                    item,
                                    format!("`{key}` must be a list of text items, found a list inside the list"),
                                    Some(format!("write the brackets once: `{key}: [{}]`", inner.join(", "))),
                                );
                            }
                            _ => self.wrong_type(key, item, "a list of text items"),
                        },
                    }
                }
                out
            }
            _ => match self.text_of(node) {
                Some(text) => vec![Spanned {
                    text,
                    span: span_of(node),
                }],
                None => {
                    self.wrong_type(key, node, "text or a list of text");
                    Vec::new()
                }
            },
        }
    }

    pub fn boolean(&mut self, key: &str) -> Option<bool> {
        let node = self.take(key)?;
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(key, node, "true or false");
                None
            }
        }
    }

    pub fn number(&mut self, key: &str) -> Option<f64> {
        let node = self.take(key)?;
        match node.as_f64() {
            Some(n) => Some(n),
            None => {
                self.wrong_type(key, node, "a number");
                None
            }
        }
    }

    pub fn integer(&mut self, key: &str, min: i64, max: i64) -> Option<i64> {
        let node = self.take(key)?;
        match node.value {
            Value::Int(i) if (min..=max).contains(&i) => Some(i),
            Value::Int(i) => {
                let msg = format!("`{key}` must be between {min} and {max}, found {i}");
                self.report(&lints::INVALID_FIELD, node, msg, None);
                None
            }
            _ => {
                self.wrong_type(key, node, "a whole number");
                None
            }
        }
    }

    pub fn date(&mut self, key: &str, edge: Edge, fiscal_start: u8) -> Option<Date> {
        let node = self.take(key)?;
        parse_date_node(self.path, node, key, edge, fiscal_start, self.diags)
    }

    pub fn required_date(&mut self, key: &str, edge: Edge, fiscal_start: u8) -> Option<Date> {
        if self.take(key).is_none() {
            self.missing(key, &lints::MISSING_FIELD);
            return None;
        }
        self.date(key, edge, fiscal_start)
    }

    /// One of a closed set of words; unknown words are reported with the set.
    pub fn choice(&mut self, key: &str, allowed: &[&str]) -> Option<String> {
        let node = self.take(key)?;
        let Some(text) = node.scalar_text() else {
            self.wrong_type(key, node, "a word");
            return None;
        };
        if allowed.contains(&text.as_str()) {
            return Some(text);
        }
        let help = closest(&text, allowed.iter().copied())
            .map(|c| format!("did you mean `{c}`?"))
            .or_else(|| Some(format!("use one of: {}", allowed.join(", "))));
        self.report(
            &lints::UNKNOWN_VALUE,
            node,
            format!("unknown {key} `{text}`"),
            help,
        );
        None
    }

    /// Of a list field not written: the field written instead that
    /// misspells it (the nearest of `known` to it is `key`), its line and
    /// the scalars it lists. Nothing is taken or reported: `finish` says
    /// the field is unknown.
    pub fn misspelt_list(&self, key: &str, known: &[&str]) -> Option<(String, u32, Vec<String>)> {
        self.entries.iter().enumerate().find_map(|(i, (k, v))| {
            let name = k.scalar_text()?;
            if self.used[i] || known.contains(&name.as_str()) || name.contains(' ') {
                return None;
            }
            if closest(&name, known.iter().copied()) != Some(key) {
                return None;
            }
            let ids = match &v.value {
                Value::Seq(items) => items.iter().filter_map(Node::scalar_text).collect(),
                _ => v.scalar_text().into_iter().collect(),
            };
            Some((name, k.line, ids))
        })
    }

    /// Report every key not taken. `known` is the full list of the kind's
    /// fields, used for the suggestion.
    pub fn finish(self, known: &[&str], rule: &'static Rule) {
        self.finish_noting(known, rule, &[], "");
    }

    /// As [`Fields::finish`], a key of `elsewhere` (with no other field it
    /// misspells) told it belongs in `there`: a milestone's `due:` written
    /// at the top of an initiative was told "free fields go under
    /// `extra:`", which would hide the mistake (from a trial).
    pub fn finish_noting(
        self,
        known: &[&str],
        rule: &'static Rule,
        elsewhere: &[&str],
        there: &str,
    ) {
        for (i, (k, _)) in self.entries.iter().enumerate() {
            if self.used[i] {
                continue;
            }
            let name = k.scalar_text().unwrap_or_default();
            if known.contains(&name.as_str()) {
                continue;
            }
            let meant = (!name.contains(' '))
                .then(|| closest(&name, known.iter().copied()))
                .flatten();
            let help = if name.contains(' ') {
                // Prose read as a field: the front matter ran on into the body.
                Some("this looks like Markdown text: is the closing `---` of the front matter missing above it?".to_string())
            } else if meant.is_none() && elsewhere.contains(&name.as_str()) {
                Some(format!(
                    "`{name}` is {there}; free fields go under `extra:`"
                ))
            } else {
                meant.map(|c| format!("{}{c}{}", DID_YOU_MEAN.0, DID_YOU_MEAN.1)).or_else(|| {
                    Some(if self.path.ends_with(".toml") {
                        "the README's book.toml section lists every key".to_string()
                    } else if known.contains(&"extra") {
                        "free fields go under `extra:`".to_string()
                    } else {
                        // A milestone: its document's `extra:` holds free fields.
                        "a milestone takes only the fields docs/fields.md lists; free fields go under the initiative's own `extra:`".to_string()
                    })
                })
            };
            // A required field reported missing that this one misspells: the
            // error says where it is, as the warning may not be shown.
            if let Some(c) = meant {
                // However the kind words it ("missing required field `x`",
                // "a risk needs `x` to ..."): the missing field's finding.
                let (missing, named) = (format!("missing required field `{c}`"), format!("`{c}`"));
                let path = self.path;
                if let Some(d) = self.diags.iter_mut().find(|d| {
                    let about = d.message == missing
                        || (d.code == lints::MISSING_FIELD.code && d.message.contains(&named));
                    d.path == path
                        && about
                        && !d.help.as_deref().is_some_and(|h| h.contains(NOT_A_FIELD))
                }) {
                    // One mistake, one finding, at the misspelt line (it
                    // stood at the title, the line named in its help only:
                    // from a trial); an unknown-field warning for it would
                    // count it twice.
                    d.span = Some(span_of(k));
                    d.help = Some(not_a_field(&name, c));
                    continue;
                }
            }
            let mut d = rule.at(
                self.path,
                Some(span_of(k)),
                format!("{}{name}{}", UNKNOWN_FIELD.0, UNKNOWN_FIELD.1),
            );
            d.help = help;
            self.diags.push(d);
        }
    }
}

pub fn parse_date_node(
    path: &str,
    node: &Node,
    key: &str,
    edge: Edge,
    fiscal_start: u8,
    diags: &mut Vec<Diagnostic>,
) -> Option<Date> {
    let Some(text) = node.scalar_text() else {
        let msg = format!("`{key}` must be a date, found {}", node.kind_name());
        diags.push(lints::INVALID_DATE.at(path, Some(span_of(node)), msg));
        return None;
    };
    match date::parse(&text, edge, fiscal_start) {
        Ok(d) => Some(d),
        Err(msg) => {
            let mut d =
                lints::INVALID_DATE.at(path, Some(span_of(node)), format!("`{key}`: {msg}"));
            d.help = Some(match (date::suggest(&text), yes_or_no(&text)) {
                (Some(fix), _) => format!("did you mean `{fix}`?"),
                // `done: true` is what people write first; the day is what
                // on-time delivery and the history are measured by.
                (None, Some(true)) => format!(
                    "`{key}` takes the day it happened, such as `{key}: 2026-03-31`, not `{text}`"
                ),
                (None, Some(false)) => {
                    format!("leave `{key}` out until it happens, then write its day")
                }
                (None, None) => match date::past_month_end(&text) {
                    Some(last) => format!(
                        "that month has {} days: its last is `{last}` (or write the month, `{}`)",
                        last.day(),
                        &last.to_string()[..7]
                    ),
                    None => date::WRITTEN_AS.to_string(),
                },
            });
            diags.push(d);
            None
        }
    }
}

/// The words YAML 1.1 readers (and people) take for a yes or a no.
fn yes_or_no(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "on" | "done" | "x" => Some(true),
        "false" | "no" | "n" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{number_hint, thousands};

    /// A date written with a dot is a float to YAML: the finding quotes it
    /// as written (`2026.10`, not `2026.1`) and suggests October, not
    /// January; `1e400` is not shown as `inf`.
    #[test]
    fn a_date_read_as_a_float_is_quoted_as_written() {
        for (written, suggested) in [
            ("2026.10", Some("did you mean `2026-10`?")),
            ("1e400", None),
        ] {
            let node = crate::base::yaml::parse(&format!("due: {written}\n")).unwrap();
            let value = &node.entries().unwrap()[0].1;
            let mut diags = Vec::new();
            let date =
                super::parse_date_node("i.md", value, "due", super::Edge::End, 1, &mut diags);
            assert!(date.is_none());
            assert_eq!(
                diags[0].message,
                format!(
                    "`due`: `{written}` is not a date: write `YYYY-MM-DD`, `YYYY-MM` or `YYYY-Qn`"
                )
            );
            assert_eq!(diags[0].span.unwrap().len, written.len() as u32);
            if let Some(help) = suggested {
                assert_eq!(diags[0].help.as_deref(), Some(help));
            }
        }
    }

    /// `[[a, b]]`: the brackets written twice, said as such with the list
    /// written once (it read "must be a list of text items, found a list").
    #[test]
    fn a_list_inside_a_list_is_told_to_lose_its_brackets() {
        let node = crate::base::yaml::parse("affects: [[a, b/c]]\n").unwrap();
        let mut diags = Vec::new();
        let mut f = super::Fields::new("r.md", &node, "front matter", &mut diags).unwrap();
        assert!(f.string_list("affects").is_empty());
        drop(f);
        assert_eq!(
            diags[0].message,
            "`affects` must be a list of text items, found a list inside the list"
        );
        assert_eq!(
            diags[0].help.as_deref(),
            Some("write the brackets once: `affects: [a, b/c]`")
        );
    }

    /// The misspelt name and the field meant are read back from the finding
    /// `finish` writes: the merge of a typo with the rule that finds its
    /// field missing depends on it.
    #[test]
    fn an_unknown_field_finding_gives_back_its_misspelling() {
        let node = crate::base::yaml::parse("title: A\noutcoms: [x]\nzzz: 1\n").unwrap();
        let mut diags = Vec::new();
        let mut f = super::Fields::new("i.md", &node, "front matter", &mut diags).unwrap();
        f.take("title");
        f.finish(
            &["title", "outcomes", "extra"],
            &crate::lints::UNKNOWN_FIELD,
        );
        assert_eq!(diags.len(), 2);
        assert_eq!(super::misspelling(&diags[0]), Some(("outcoms", "outcomes")));
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `outcomes`?"));
        // No suggestion, no misspelling.
        assert_eq!(super::misspelling(&diags[1]), None);
        assert_eq!(
            super::not_a_field("outcoms", "outcomes"),
            "`outcoms` is not a field: did you mean `outcomes`?"
        );
    }

    /// A list written under a misspelt field, flow or block, is found by
    /// the field it misspells; a field it does not misspell is not.
    #[test]
    fn a_list_under_a_misspelt_field_is_found_by_the_field_meant() {
        let known = ["title", "outcomes", "owner", "extra"];
        for text in [
            "title: A\noutcoms: [x, y]\n",
            "title: A\noutcoms:\n  - x\n  - y\n",
        ] {
            let node = crate::base::yaml::parse(text).unwrap();
            let mut diags = Vec::new();
            let f = super::Fields::new("i.md", &node, "front matter", &mut diags).unwrap();
            assert_eq!(
                f.misspelt_list("outcomes", &known),
                Some((
                    "outcoms".to_string(),
                    2,
                    vec!["x".to_string(), "y".to_string()]
                ))
            );
            assert_eq!(f.misspelt_list("owner", &known), None);
        }
    }

    #[test]
    fn thousands_separators_are_named() {
        assert_eq!(
            number_hint("capacity", "1 250 000").as_deref(),
            Some("write `capacity: 1250000`: a number has no thousands separators")
        );
        assert_eq!(thousands("1 250 000").as_deref(), Some("1250000"));
        assert_eq!(thousands("1,25"), None);
        assert_eq!(thousands("1234,567"), None);
        assert_eq!(thousands("12,34,567"), None);
    }

    #[test]
    fn numbers_written_for_people_get_the_plain_form() {
        assert_eq!(
            number_hint("ops_load", "35%").as_deref(),
            Some("write a plain number: `ops_load: 35`, or `ops_load: 0.35` where the field is a share from 0 to 1 (`roadbook fields` says which)")
        );
        assert_eq!(
            number_hint("target", "1,92").as_deref(),
            Some("write `target: 1.92`: a decimal point, not a comma")
        );
        // `1,250` is 1250 to some and 1.25 to others: both are said.
        assert_eq!(
            number_hint("target", "1,250").as_deref(),
            Some("write `target: 1250` if the comma separates thousands (a number has no separators), or `target: 1.250` if it is a decimal comma")
        );
        assert_eq!(number_hint("target", "high"), None);
        // With its unit (found by a trial: "found a string", no help).
        assert_eq!(
            number_hint("capacity", "360 pd").as_deref(),
            Some("write `capacity: 360`: a plain number, without its unit (pd)")
        );
        assert_eq!(
            number_hint("effort", "120 person-days").as_deref(),
            Some("write `effort: 120`: a plain number, without its unit (person-days)")
        );
        assert_eq!(number_hint("target", "high or low"), None);
    }
}
