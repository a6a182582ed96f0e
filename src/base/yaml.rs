//! YAML front matter straight from the parser's events into the positioned
//! tree. Building the tree from events (instead of deserialising every
//! value through a span wrapper) is several times faster, which matters
//! when thousands of documents and their archived versions are read.
//! Aliases are expanded with a budget, so an alias bomb is an error, not an
//! out-of-memory.

use super::node::{Node, SyntaxError, Value};
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};
use std::collections::HashMap;

/// Most values a front matter may expand to (aliases included).
const MAX_NODES: usize = 200_000;
/// Deepest nesting accepted.
const MAX_DEPTH: usize = 128;

enum Frame {
    Seq {
        items: Vec<Node>,
        line: u32,
        col: u32,
        anchor: usize,
    },
    Map {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        /// The line of each text key, once the map is large enough that
        /// scanning its entries for a repeated key would make 100,000
        /// keys cost 100,000 scans.
        lines_of_keys: Option<std::collections::HashMap<String, u32>>,
        line: u32,
        col: u32,
        anchor: usize,
    },
}

fn err(message: impl Into<String>, line: u32, col: u32) -> SyntaxError {
    SyntaxError::new(message, line, col)
}

fn count(n: &Node) -> usize {
    match &n.value {
        Value::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| count(k) + count(v))
                .sum::<usize>()
        }
        _ => 1,
    }
}

/// Everything an alias expands to is reported where the alias is written.
fn relocate(n: &mut Node, line: u32, col: u32) {
    n.line = line;
    n.col = col;
    match &mut n.value {
        Value::Seq(items) => items.iter_mut().for_each(|i| relocate(i, line, col)),
        Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            relocate(k, line, col);
            relocate(v, line, col);
        }),
        _ => {}
    }
}

/// A plain scalar resolved by the YAML 1.2 core schema; quoted and block
/// scalars are always text.
fn scalar(text: &str, style: ScalarStyle, tag_is_str: bool) -> Value {
    if style != ScalarStyle::Plain || tag_is_str {
        return Value::Str(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return super::node::float(f64::INFINITY, text)
        }
        "-.inf" | "-.Inf" | "-.INF" => return super::node::float(f64::NEG_INFINITY, text),
        ".nan" | ".NaN" | ".NAN" => return super::node::float(f64::NAN, text),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = text.parse::<i64>() {
            return Value::Int(i);
        }
    }
    if let Some(hex) = text.strip_prefix("0x") {
        if let Ok(i) = i64::from_str_radix(hex, 16) {
            return Value::Int(i);
        }
    }
    if let Some(oct) = text.strip_prefix("0o") {
        if let Ok(i) = i64::from_str_radix(oct, 8) {
            return Value::Int(i);
        }
    }
    let float_like = digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && digits
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'.');
    if float_like {
        if let Ok(f) = text.parse::<f64>() {
            return super::node::float(f, text);
        }
    }
    Value::Str(text.to_string())
}

/// Parse one YAML document into a positioned tree.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut nodes = 0usize;
    let mut aliased = false;
    let mut documents = 0;
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| {
            let m = e.marker();
            // The parser's own guard against deep flow nesting speaks of its
            // implementation; say what it means for the file.
            let message = if e.info().contains("recursion limit") {
                format!("values are nested too deeply (more than {MAX_DEPTH} levels)")
            } else {
                e.info().to_string()
            };
            err(message, m.line() as u32, m.col() as u32 + 1)
        })?;
        let (line, col) = (span.start.line() as u32, span.start.col() as u32 + 1);
        let (node, anchor) = match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(err(
                        "front matter holds more than one YAML document",
                        line,
                        col,
                    ));
                }
                continue;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
            Event::SequenceStart(_, anchor, _) => {
                open(
                    &mut stack,
                    Frame::Seq {
                        items: Vec::new(),
                        line,
                        col,
                        anchor,
                    },
                )?;
                continue;
            }
            Event::MappingStart(_, anchor, _) => {
                open(
                    &mut stack,
                    Frame::Map {
                        entries: Vec::new(),
                        key: None,
                        lines_of_keys: None,
                        line,
                        col,
                        anchor,
                    },
                )?;
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq {
                    items,
                    line,
                    col,
                    anchor,
                }) => (
                    Node {
                        value: Value::Seq(items),
                        line,
                        col,
                    },
                    anchor,
                ),
                _ => return Err(err("unbalanced sequence", line, col)),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map {
                    entries,
                    line,
                    col,
                    anchor,
                    ..
                }) => (
                    Node {
                        value: Value::Map(entries),
                        line,
                        col,
                    },
                    anchor,
                ),
                _ => return Err(err("unbalanced mapping", line, col)),
            },
            Event::Scalar(value, style, anchor, tag) => {
                let is_str = tag
                    .as_ref()
                    .is_some_and(|t| t.is_yaml_core_schema_tag("str"));
                // A quoted value is marked from its first character, inside
                // the quote: the caret under `"warning"` covers `warning`.
                let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
                (
                    Node {
                        value: scalar(&value, style, is_str),
                        line,
                        col: col + u32::from(quoted),
                    },
                    anchor,
                )
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(n) => {
                    aliased = true;
                    nodes += count(n);
                    let mut copy = n.clone();
                    relocate(&mut copy, line, col);
                    (copy, 0)
                }
                None => return Err(err("unknown alias", line, col)),
            },
            _ => continue,
        };
        nodes += 1;
        if nodes > MAX_NODES {
            // Name the likely cause: aliases that multiply, or simply a
            // document too large for one file.
            let message = if aliased {
                format!("front matter expands to more than {MAX_NODES} values through its aliases (an alias bomb?)")
            } else {
                format!("front matter holds more than {MAX_NODES} values, the limit for one document: split it (for example one initiative per file)")
            };
            return Err(err(message, line, col));
        }
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        attach(&mut stack, &mut root, node)?;
    }
    Ok(root.unwrap_or(Node {
        value: Value::Null,
        line: 1,
        col: 1,
    }))
}

/// Put a finished node where it belongs: the root, the next item of the
/// open sequence, or the open map's next key or value (a key seen twice
/// is an error that names both lines).
fn attach(stack: &mut [Frame], root: &mut Option<Node>, node: Node) -> Result<(), SyntaxError> {
    match stack.last_mut() {
        None => *root = Some(node),
        Some(Frame::Seq { items, .. }) => items.push(node),
        Some(Frame::Map {
            entries,
            key,
            lines_of_keys,
            ..
        }) => match key.take() {
            None => {
                if let Some(text) = node.as_str() {
                    let first = match lines_of_keys {
                        Some(lines) => lines.get(text).copied(),
                        None => entries
                            .iter()
                            .find(|(k, _)| k.as_str() == Some(text))
                            .map(|(k, _)| k.line),
                    };
                    if let Some(first) = first {
                        let mut e = err(
                            format!("`{text}` appears twice in the same map"),
                            node.line,
                            node.col,
                        );
                        e.len = text.chars().count().max(1) as u32;
                        e.first_line = Some(first);
                        return Err(e);
                    }
                }
                *key = Some(node);
            }
            Some(k) => {
                // Front matter's maps are small: an index only past that.
                const SCANNED: usize = 32;
                match lines_of_keys {
                    Some(lines) => {
                        if let Some(text) = k.as_str() {
                            lines.insert(text.to_string(), k.line);
                        }
                    }
                    None if entries.len() >= SCANNED => {
                        let keys = entries.iter().map(|(k, _)| k).chain([&k]);
                        let lines = keys
                            .filter_map(|k| Some((k.as_str()?.to_string(), k.line)))
                            .collect();
                        *lines_of_keys = Some(lines);
                    }
                    None => {}
                }
                entries.push((k, node));
            }
        },
    }
    Ok(())
}

/// Open a sequence or map, refusing nesting deeper than `MAX_DEPTH`.
fn open(stack: &mut Vec<Frame>, frame: Frame) -> Result<(), SyntaxError> {
    if stack.len() >= MAX_DEPTH {
        let (line, col) = match frame {
            Frame::Seq { line, col, .. } | Frame::Map { line, col, .. } => (line, col),
        };
        return Err(err(
            format!("values are nested more than {MAX_DEPTH} levels deep"),
            line,
            col,
        ));
    }
    stack.push(frame);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde(text: &str) {
        let fast = parse(text).unwrap();
        let slow = super::super::node::parse_yaml_serde(text).unwrap();
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{text}");
    }

    #[test]
    fn agrees_with_the_serde_reader() {
        same_as_serde(
            "title: Hello\nowner: 2024\nratio: 0.35\ngate: true\nnothing: ~\nquoted: \"12\"\n",
        );
        same_as_serde("milestones:\n  - id: a\n    due: 2026-Q1\n    criteria: [x, 'y z']\n  - { id: b, due: 2026-03-31 }\n");
        same_as_serde(
            "data: [[2025-12, 41.2], [2026-01, 40]]\ntargets: { 2026-Q1: 40, 2026-Q3: 45 }\n",
        );
        same_as_serde("text: |\n  two\n  lines\nfolded: >\n  a\n  b\n");
        same_as_serde("a: &x [1, 2]\nb: *x\n");
    }

    #[test]
    fn bombs_and_depth_are_errors() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            bomb.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n", p = i - 1));
        }
        assert!(parse(&bomb).unwrap_err().message.contains("alias bomb"));
        // Many plain values are no bomb: the message says what to do.
        let many = "a: [".to_string() + &"1, ".repeat(MAX_NODES) + "1]\n";
        let message = parse(&many).unwrap_err().message;
        assert!(
            !message.contains("alias") && message.contains("split it"),
            "{message}"
        );
        let deep = format!("a: {}{}", "[".repeat(500), "]".repeat(500));
        assert!(parse(&deep).is_err());
        let deep = format!("a: {}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn duplicate_keys_and_syntax_errors_have_positions() {
        let e = parse("title: a\nowner: b\ntitle: c\n").unwrap_err();
        assert_eq!((e.line, e.col), (3, 1));
        let e = parse("title: a\nowner: [x\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        // In a large map too, found through its index of keys, with the
        // line of the first.
        for first in [1, 32, 33, 40, 2000] {
            let mut text: String = (1..=2000).map(|i| format!("k{i}: {i}\n")).collect();
            text.push_str(&format!("k{first}: again\n"));
            let e = parse(&text).unwrap_err();
            assert_eq!((e.line, e.first_line), (2001, Some(first)), "k{first}");
        }
        assert!(parse(
            &(1..=2000)
                .map(|i| format!("k{i}: {i}\n"))
                .collect::<String>()
        )
        .is_ok());
    }
}
