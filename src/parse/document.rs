//! One document's text into its parts, before anything knows what kind of
//! item it is: the text checks (UTF-8, a byte-order mark), the front-matter
//! split, the front matter (YAML or TOML) as a tree of nodes with their
//! positions, and the body. A syntax error comes back as one finding, in
//! the user's terms where the parser's own words would not help.

use crate::base::node::{self, Node, Value};
use crate::diag::{Diagnostic, Span};
use crate::lints;
use crate::parse::frontmatter::{self, Format};
use crate::source::SourceFile;

/// A document, parsed: what the model stage reads items from.
pub struct Document<'a> {
    /// The front matter as a tree; `None` when the file has none (a page
    /// may go without, an item may not: the model stage says so).
    pub front: Option<Node>,
    /// The Markdown body, after the front matter.
    pub body: &'a str,
    /// Lines before the body, so a body position maps to a file position.
    pub body_offset: u32,
}

/// Parse one file; `Err` is the finding that stops it being read (boxed:
/// a finding is large and the common case is no finding).
pub fn document(file: &SourceFile) -> Result<Document<'_>, Box<Diagnostic>> {
    let path = file.display.as_str();
    let text = match std::str::from_utf8(&file.bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, col) = crate::base::node::not_utf8_at(&file.bytes, e.valid_up_to());
            let mut d = lints::READ.at(
                path,
                Some(Span::new(line, col, 1)),
                "file is not valid UTF-8 text: this character is in another encoding".to_string(),
            );
            d.help = Some(crate::base::node::save_as_utf8_help(&file.bytes).into());
            return Err(Box::new(d));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = match frontmatter::split(text) {
        Ok(s) => s,
        Err(u) => {
            let mut d = lints::FRONT_MATTER.at(
                path,
                Some(Span::new(1, 1, 3)),
                "front matter is never closed".to_string(),
            );
            d.help = Some(format!("add a line `{}` after the last field", u.fence));
            return Err(Box::new(d));
        }
    };
    let front = match split.front {
        None => None,
        Some((format, fm)) => {
            let parsed = match format {
                Format::Yaml => node::parse_yaml(fm),
                Format::Toml => node::parse_toml(fm),
            };
            match parsed {
                Ok(mut n) => {
                    n.offset_lines(split.front_offset);
                    if matches!(n.value, Value::Null) {
                        n.value = Value::Map(Vec::new());
                    }
                    Some(n)
                }
                Err(e) => {
                    let span = Span::new(e.line + split.front_offset, e.col, e.len);
                    let mut d = lints::FRONT_MATTER.at(path, Some(span), e.message);
                    if let Some(first) = e.first_line {
                        d.help = Some(format!(
                            "it is first on line {}: keep one of the two",
                            first + split.front_offset
                        ));
                    }
                    // Prose after a blank line inside the front matter is
                    // usually the body: the closing fence is further down.
                    let before: Vec<&str> =
                        fm.lines().take(e.line.saturating_sub(1) as usize).collect();
                    let closing_missing = before.iter().any(|l| l.trim().is_empty());
                    if d.help.is_none() && closing_missing {
                        d.help = Some(format!(
                            "is the closing `{}` of the front matter missing before this line?",
                            if format == Format::Yaml { "---" } else { "+++" }
                        ));
                    } else if d.help.is_none() && format == Format::Yaml {
                        if let Some(YamlHelp {
                            help,
                            caret,
                            headline,
                        }) = yaml_help(fm, &d.message, e.line, split.front_offset)
                        {
                            d.help = Some(help);
                            if let Some(headline) = headline {
                                d.message = headline;
                            }
                            if let Some(at) = caret {
                                d.span =
                                    Some(Span::new(at.line + split.front_offset, at.col, at.len));
                            }
                        }
                    }
                    return Err(Box::new(d));
                }
            }
        }
    };
    Ok(Document {
        front,
        body: split.body,
        body_offset: split.body_offset,
    })
}

/// The first `[` or `{` opened outside quotes and comments in the lines up
/// to `line` (1-based) and not closed by then, with where it is.
fn unclosed_bracket(front: &str, line: u32) -> Option<(char, Span)> {
    let mut open: Vec<(char, Span)> = Vec::new();
    // Inside a block scalar (`notes: |`), lines more indented than its key
    // are text.
    let mut block: Option<usize> = None;
    for (n, text) in front.lines().enumerate().take(line as usize) {
        let indent = text.len() - text.trim_start().len();
        if let Some(key_indent) = block {
            if text.trim().is_empty() || indent > key_indent {
                continue;
            }
            block = None;
        }
        let value = text.split_once(": ").map(|(_, v)| v.trim());
        if value.is_some_and(|v| {
            v.starts_with(['|', '>'])
                && v[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '+' || c == '-')
        }) {
            block = Some(indent);
            continue;
        }
        let mut quote: Option<char> = None;
        // A bracket opens a list or map only where a value starts (`Phase
        // [1` in a title is text).
        let mut before = ':';
        for (col, (byte, c)) in text.char_indices().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '#') if byte == 0 || text[..byte].ends_with([' ', '\t']) => break,
                (None, '[' | '{') if matches!(before, ':' | '-' | ',' | '[' | '{') => {
                    open.push((c, Span::new(n as u32 + 1, col as u32 + 1, 1)));
                }
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
            if !c.is_whitespace() {
                before = c;
            }
        }
    }
    open.into_iter().next()
}

/// What to say of a YAML error beside the parser's words.
#[derive(Debug, PartialEq)]
struct YamlHelp {
    help: String,
    /// Where the mistake is, when it is not where the parser tripped (in
    /// the front matter's lines).
    caret: Option<Span>,
    /// What to head the finding with instead of the parser's words, which
    /// name where it tripped.
    headline: Option<String>,
}

impl YamlHelp {
    fn said(help: impl Into<String>) -> YamlHelp {
        YamlHelp {
            help: help.into(),
            caret: None,
            headline: None,
        }
    }

    fn at(self, caret: Span) -> YamlHelp {
        YamlHelp {
            caret: Some(caret),
            ..self
        }
    }
}

/// What usually causes a YAML error, said in the user's terms: the
/// parser's own words (`simple key expected ':'`) name its grammar.
/// `front_offset`: the lines before the front matter, for line numbers said
/// in the help.
fn yaml_help(front: &str, message: &str, line: u32, front_offset: u32) -> Option<YamlHelp> {
    // Named as a tab already (see `base::node::parse_yaml`): what to do.
    if message.starts_with("a tab is used for indentation") {
        return Some(YamlHelp::said(format!(
            "indent line {} with spaces instead of the tab",
            line + front_offset
        )));
    }
    // A tab in the indentation (an editor's, or a paste): YAML indents with
    // spaces only, and the parser's message names neither.
    let tabbed = front
        .lines()
        .enumerate()
        .take(line as usize)
        .filter(|(_, l)| {
            let indent = &l[..l.len() - l.trim_start().len()];
            indent.contains('\t')
        })
        .last()
        // Said already when the parser saw it as a tab.
        .filter(|_| !message.contains("tab"));
    if let Some((n, l)) = tabbed {
        let col = l.find('\t').unwrap_or(0);
        return Some(
            YamlHelp::said(format!(
                "line {} indents with a tab: YAML indents with spaces only",
                n as u32 + 1 + front_offset
            ))
            .at(Span::new(n as u32 + 1, col as u32 + 1, 1)),
        );
    }
    // `status:active`: a field glued to its value reads as one word, and the
    // parser trips on a later line. The nearest such line at or before the
    // error is the likely one, and the caret moves there.
    let glued = front
        .lines()
        .enumerate()
        .take(line as usize)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find_map(|(n, l)| {
            let indent = l.len() - l.trim_start().len();
            let dash = if l.trim_start().starts_with("- ") {
                2
            } else {
                0
            };
            let item = &l[indent + dash..];
            let (key, rest) = item.split_once(':')?;
            let word = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
            let glued = rest
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && c != '/');
            let at = Span::new(
                n as u32 + 1,
                (indent + dash) as u32 + 1,
                item.trim_end().chars().count() as u32,
            );
            (word && glued).then(|| (key.to_string(), rest.trim().to_string(), at))
        });
    if let Some((key, value, at)) = glued {
        return Some(
            YamlHelp::said(format!("put a space after the colon: `{key}: {value}`")).at(at),
        );
    }
    // `outcomes: [faster-order-to-cash` with no `]`: the parser reads on
    // and trips on the next line; the bracket left open is the mistake.
    if let Some((open, at)) = unclosed_bracket(front, line) {
        let close = if open == '[' { ']' } else { '}' };
        return Some(YamlHelp {
            help: format!(
                "the `{open}` on line {} is never closed: end it with `{close}`",
                at.line + front_offset
            ),
            caret: Some(at),
            // The parser read on past it and named what it tripped on
            // (`illegal placement of ':' indicator`), a line or more on.
            headline: Some(format!("unclosed bracket '{open}'")),
        });
    }
    // `unit: %`, `owner: @dana`, `note: `code``: a value may not start
    // with a character YAML keeps for itself.
    if let Some(c) = ['%', '@', '`']
        .into_iter()
        .find(|c| message.contains(&format!("unexpected character: `{c}'")))
    {
        let shown = front
            .lines()
            .nth(line.saturating_sub(1) as usize)
            .and_then(|l| l.split_once(':'))
            .map(|(k, v)| format!("`{}: \"{}\"`", k.trim(), v.trim().replace('"', "\\\"")))
            .unwrap_or_else(|| format!("`\"{c}…\"`"));
        return Some(YamlHelp::said(format!(
            "a value that starts with `{c}` must be quoted: {shown}"
        )));
    }
    // `health amber`: a field with no colon reads as text, and the parser
    // says "simple key expected ':'" (or trips a line on) with no word on
    // what to write.
    if message.contains("expected ':'") {
        // The line the parser names, alone: a line before it may be a
        // value wrapped onto it, and a list item's text is no key.
        let n = line.saturating_sub(1) as usize;
        let missing = front.lines().nth(n).and_then(|l| {
            let item = l.trim_start();
            let found = bare_key(l, n, item)?;
            (!item.starts_with('-')).then_some(found)
        });
        if let Some(help) = missing {
            return Some(help);
        }
    }
    if message.contains("did not find expected '-' indicator") {
        return Some(YamlHelp::said(
            "the items of a list line up under each other: check this line's indentation against the `- ` above it",
        ));
    }
    if message.contains("mapping values are not allowed") {
        // `- id go-live` above `  title: Go-live`: the item's text runs on
        // into the next line, and the parser trips on that line's `:`, a
        // line after the mistake (from a trial).
        let missing = line.checked_sub(2).and_then(|n| {
            let l = front.lines().nth(n as usize)?;
            // A list item's only, and one that reads as a field: a name
            // in lower case and one word after it, the line tripped on
            // lined up under it. A plain value wrapped onto a second line
            // (`summary:` then `  long text`), or a criterion's sentence
            // above a field indented under it (`- All stores live`), is
            // no key.
            let item = l.trim_start().strip_prefix("- ")?.trim_start();
            let (key, value) = item.trim_end().split_once(' ')?;
            let field_like = key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
                && !value.trim().contains(' ');
            let next = front.lines().nth(n as usize + 1)?;
            let under = next.len() - next.trim_start().len() == l.len() - item.len();
            field_like.then_some(())?;
            under.then(|| bare_key(l, n as usize, item))?
        });
        if let Some(help) = missing {
            return Some(help);
        }
        return Some(YamlHelp::said(
            "a `key: value` sits inside a value here: check this line's indentation, or quote a value that contains `: `",
        ));
    }
    None
}

/// `item` (the text of line `n` of the front matter, `l`) read as a field
/// written with no colon, `name value`: said as such, the caret on the
/// name. `None` where it is no such thing (a colon in it, a comment, a
/// quoted text, a name that is not one word, nothing after it).
fn bare_key(l: &str, n: usize, item: &str) -> Option<YamlHelp> {
    let (key, value) = item.trim_end().split_once(' ')?;
    let word = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let plain = !item.contains(':') && !item.starts_with(['#', '"', '\'']);
    let value = value.trim();
    (word && plain && !value.is_empty()).then(|| {
        let col = (l.len() - item.len()) as u32 + 1;
        YamlHelp {
            help: format!("a field is written `name: value`: `{key}: {value}`"),
            caret: Some(Span::new(n as u32 + 1, col, key.chars().count() as u32)),
            headline: Some(format!("missing ':' after `{key}`")),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_starting_with_a_reserved_character_is_told_to_be_quoted() {
        let help = yaml_help("title: K\nunit: %\n", "unexpected character: `%'", 2, 1);
        assert_eq!(
            help.map(|h| h.help).as_deref(),
            Some("a value that starts with `%` must be quoted: `unit: \"%\"`")
        );
    }

    #[test]
    fn a_tab_named_by_the_parser_gets_what_to_do_and_an_open_bracket_its_own_headline() {
        let tab = "a tab is used for indentation: YAML indents with spaces";
        assert_eq!(
            yaml_help("title: T\n\towner: A\n", tab, 2, 1),
            Some(YamlHelp::said(
                "indent line 3 with spaces instead of the tab"
            ))
        );
        // The parser trips on the `:` of the line after the list left open.
        let YamlHelp {
            help,
            caret,
            headline,
        } = yaml_help(
            "title: T\naffects: [a/b\nlikelihood: 3\n",
            "illegal placement of ':' indicator",
            3,
            1,
        )
        .unwrap();
        assert_eq!(help, "the `[` on line 3 is never closed: end it with `]`");
        assert_eq!(caret.map(|s| (s.line, s.col)), Some((2, 10)));
        assert_eq!(headline.as_deref(), Some("unclosed bracket '['"));
    }

    #[test]
    fn a_list_item_s_field_with_no_colon_is_found_on_its_own_line() {
        let front = "title: T\nmilestones:\n  - id go-live\n    title: Go-live\n";
        let help = yaml_help(
            front,
            "mapping values are not allowed in this context",
            4,
            1,
        )
        .unwrap();
        assert_eq!(help.help, "a field is written `name: value`: `id: go-live`");
        assert_eq!(help.headline.as_deref(), Some("missing ':' after `id`"));
        assert_eq!(help.caret.map(|s| (s.line, s.col, s.len)), Some((3, 5, 2)));
        // A value wrapped onto a line of its own is not a key.
        let help = yaml_help(
            "title: T\nsummary:\n  long text\n  owner: A\n",
            "mapping values are not allowed in this context",
            4,
            1,
        )
        .unwrap();
        assert_eq!(help.headline, None);
        assert!(help.help.contains("indentation"), "{help:?}");
        // A criterion's sentence above a field, or text wrapped with a
        // `: ` in it, is no field written without its colon (from a
        // review).
        for front in [
            "title: T\ncriteria:\n  - All stores live\n    due: 2026-12-31\n",
            "title: T\ncriteria:\n  - Pilot stores live\n    and signed off: by the COO\n",
            "title: T\nmilestones:\n  - id go-live\n      title: Go-live\n",
        ] {
            let help = yaml_help(
                front,
                "mapping values are not allowed in this context",
                4,
                1,
            )
            .unwrap();
            assert_eq!(help.headline, None, "{front}");
        }
    }

    #[test]
    fn a_field_with_no_colon_is_told_what_to_write() {
        let help = yaml_help(
            "title: T\nowner: A\nhealth amber\n",
            "simple key expected ':'",
            3,
            1,
        )
        .unwrap();
        assert_eq!(
            help.help,
            "a field is written `name: value`: `health: amber`"
        );
        assert_eq!(help.headline.as_deref(), Some("missing ':' after `health`"));
        assert_eq!(help.caret.map(|s| (s.line, s.col, s.len)), Some((3, 1, 6)));
        // A list item's text, or a value wrapped from the line before
        // onto a bare key, is not taken for one.
        for (front, line) in [
            ("title: T\nrisks:\n  - data lake\n", 3),
            ("title: T\nnote: the\n  billing system\nhealth\n", 4),
        ] {
            assert_eq!(yaml_help(front, "simple key expected ':'", line, 1), None);
        }
    }

    #[test]
    fn the_bracket_left_open_is_found_and_text_brackets_are_not() {
        let at =
            |front: &str, line: u32| unclosed_bracket(front, line).map(|(c, s)| (c, s.line, s.col));
        assert_eq!(
            at("title: T\noutcomes: [a\nstatus: x\n", 3),
            Some(('[', 2, 11))
        );
        // Closed on a later line, in quotes, after a comment sign, or
        // inside a title: none is open.
        assert_eq!(at("outcomes: [a,\n  b]\nstatus: x\n", 3), None);
        assert_eq!(at("title: \"Phase [1\"\nstatus: x\n", 2), None);
        assert_eq!(at("status: x # [draft\nowner: y\n", 2), None);
        assert_eq!(at("title: Phase [1\nstatus: x\n", 2), None);
        assert_eq!(at("extra: {a: [1, 2}\n", 1), Some(('{', 1, 8)));
        // A block scalar's text is text.
        assert_eq!(at("notes: |\n  Options: [a\nstatus: x\n", 3), None);
        assert_eq!(at("notes: >-\n  [a\nteam: [b\n", 3), Some(('[', 3, 7)));
        // Columns count characters, not bytes.
        assert_eq!(at("title: é # x\nteam: [é\n", 2), Some(('[', 2, 7)));
    }
}
