//! A format-neutral tree of front-matter values that remembers where every
//! value was written, so the model can report `file:line:col` for any field,
//! collect every problem in one pass, and treat YAML and TOML the same way.

#[cfg(test)]
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
#[cfg(test)]
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// A number with a fraction or an exponent, and how it was written
    /// when its shortest form says it differently (`2026.10` is read as
    /// 2026.1, `1e400` as infinity): a field that wants text or a date
    /// quotes the writer, not the float.
    Float(f64, Option<Box<str>>),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// A value and the 1-based line and column where it starts in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub line: u32,
    pub col: u32,
}

/// The largest number roadbook takes, either side of zero: beyond any
/// capacity, effort or KPI in a sensible unit (a petabyte in bytes), and
/// what the charts draw exactly (see `charts::kpi::FAR`); a `capacity` of
/// 1e308 showed as `inf`.
pub const MAX_NUMBER: f64 = 1e15;

const LARGE: &str = "a number beyond ±1e15, the largest roadbook takes (write it in a larger unit)";

impl Node {
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(i) if (i as f64).abs() > MAX_NUMBER => LARGE,
            Value::Int(_) => "an integer",
            // `.nan` and `.inf` are YAML floats, but no amount or score.
            Value::Float(f, _) if f.is_nan() => "not-a-number (`.nan`)",
            Value::Float(f, _) if f.is_infinite() => "an infinite number",
            Value::Float(f, _) if f.abs() > MAX_NUMBER => LARGE,
            Value::Float(..) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a map",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value as text when it is a scalar (keys such as `2026-Q1` or `4`).
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f, written) => Some(
                written
                    .as_deref()
                    .map_or_else(|| f.to_string(), str::to_string),
            ),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The value as a number roadbook can compute with: finite, and within
    /// [`MAX_NUMBER`] of zero.
    pub fn as_f64(&self) -> Option<f64> {
        let n = match self.value {
            Value::Int(i) => i as f64,
            Value::Float(f, _) => f,
            _ => return None,
        };
        (n.is_finite() && n.abs() <= MAX_NUMBER).then_some(n)
    }

    pub fn entries(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// Width of the value as written, for the caret underline: exact for
    /// plain strings, 1 otherwise.
    pub fn width(&self) -> u32 {
        match &self.value {
            Value::Str(s) => s.chars().count().max(1) as u32,
            Value::Int(i) => i.to_string().len() as u32,
            Value::Float(f, written) => written
                .as_deref()
                .map_or_else(|| f.to_string().len(), str::len)
                as u32,
            _ => 1,
        }
    }

    /// Shift positions by the lines that precede the parsed text in its file.
    pub fn offset_lines(&mut self, by: u32) {
        self.line += by;
        match &mut self.value {
            Value::Seq(items) => items.iter_mut().for_each(|n| n.offset_lines(by)),
            Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                k.offset_lines(by);
                v.offset_lines(by);
            }),
            _ => {}
        }
    }
}

/// A syntax error of the front matter, positioned within the parsed text.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub line: u32,
    pub col: u32,
    /// Length of what the caret marks (at least 1).
    pub len: u32,
    /// Where the first of two clashing things is (a duplicate key).
    pub first_line: Option<u32>,
}

impl SyntaxError {
    /// An error at `line`:`col`, its caret one character wide.
    pub fn new(message: impl Into<String>, line: u32, col: u32) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            line,
            col,
            len: 1,
            first_line: None,
        }
    }
}

// ---- YAML, through serde-saphyr's `Spanned` -------------------------------

#[cfg(test)]
struct RawValue(Value);

#[cfg(test)]
impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor).map(RawValue)
    }
}

#[cfg(test)]
fn from_spanned(s: serde_saphyr::Spanned<RawValue>) -> Node {
    Node {
        value: s.value.0,
        line: s.referenced.line() as u32,
        col: s.referenced.column() as u32,
    }
}

#[cfg(test)]
struct RawVisitor;

#[cfg(test)]
impl<'de> Visitor<'de> for RawVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(RawVisitor)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        i64::try_from(v)
            .map(Value::Int)
            .or(Ok(Value::Float(v as f64, None)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or(Value::Float(v as f64, None)))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or(Value::Float(v as f64, None)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v, None))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<serde_saphyr::Spanned<RawValue>>()? {
            items.push(from_spanned(item));
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<serde_saphyr::Spanned<RawValue>>()? {
            let value = map.next_value::<serde_saphyr::Spanned<RawValue>>()?;
            entries.push((from_spanned(key), from_spanned(value)));
        }
        Ok(Value::Map(entries))
    }
}

/// Parse YAML text into a positioned tree. An empty document is `Null`.
pub fn parse_yaml(text: &str) -> Result<Node, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            line: 1,
            col: 1,
        });
    }
    super::yaml::parse(text).map_err(|mut e| {
        if e.message.contains("tab") {
            // The parser reports where the scalar began; point at the tab.
            if let Some((n, l)) = text
                .lines()
                .enumerate()
                .find(|(_, l)| l.trim_start_matches(' ').starts_with('\t'))
            {
                e.line = n as u32 + 1;
                e.col = l.find('\t').map(|c| c as u32 + 1).unwrap_or(1);
            }
            e.message = "a tab is used for indentation: YAML indents with spaces".into();
        }
        e
    })
}

/// The serde-saphyr reader, kept as the reference the event reader is
/// tested against.
#[cfg(test)]
pub fn parse_yaml_serde(text: &str) -> Result<Node, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            line: 1,
            col: 1,
        });
    }
    match serde_saphyr::from_str::<serde_saphyr::Spanned<RawValue>>(text) {
        Ok(s) => {
            // As the event reader marks them: a quoted value from inside
            // its quote.
            fn inside_quotes(n: &mut Node, lines: &[&str]) {
                match &mut n.value {
                    Value::Str(_) => {
                        let at = lines
                            .get(n.line as usize - 1)
                            .and_then(|l| l.chars().nth(n.col as usize - 1));
                        if matches!(at, Some('"' | '\'')) {
                            n.col += 1;
                        }
                    }
                    Value::Seq(items) => items.iter_mut().for_each(|i| inside_quotes(i, lines)),
                    Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                        inside_quotes(k, lines);
                        inside_quotes(v, lines);
                    }),
                    _ => {}
                }
            }
            let mut n = from_spanned(s);
            inside_quotes(&mut n, &text.lines().collect::<Vec<_>>());
            Ok(n)
        }
        Err(err) => {
            let (mut line, mut col) = err
                .location()
                .map(|l| (l.line() as u32, l.column() as u32))
                .unwrap_or((1, 1));
            let mut message = clean_yaml_message(&err);
            if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
                let key = key.split(',').next().unwrap_or(key).trim();
                message = format!("`{key}` appears twice in the same map");
            } else if message.contains("tab") {
                // The parser reports where the scalar began; point at the tab.
                if let Some((n, l)) = text
                    .lines()
                    .enumerate()
                    .find(|(_, l)| l.trim_start_matches(' ').starts_with('\t'))
                {
                    line = n as u32 + 1;
                    col = l.find('\t').map(|c| c as u32 + 1).unwrap_or(1);
                }
                message = "a tab is used for indentation: YAML indents with spaces".into();
            }
            Err(SyntaxError::new(message, line, col))
        }
    }
}

/// serde-saphyr renders a snippet and the position into its message; we print
/// our own, so keep the first line and drop the position suffix.
#[cfg(test)]
fn clean_yaml_message(err: &serde_saphyr::Error) -> String {
    let text = err.without_snippet().to_string();
    let first = text.lines().next().unwrap_or("").trim();
    let cut = first
        .find(" at line ")
        .map(|i| &first[..i])
        .unwrap_or(first);
    let cut = cut.trim_start_matches("error: ").trim();
    if cut.is_empty() {
        "invalid YAML".to_string()
    } else {
        cut.to_string()
    }
}

// ---- TOML, through toml's spanned `DeTable` -------------------------------

/// Parse TOML text into a positioned tree.
pub fn parse_toml(text: &str) -> Result<Node, SyntaxError> {
    let index = LineIndex::new(text);
    match toml::de::DeTable::parse(text) {
        Ok(table) => {
            let span = table.span();
            Ok(toml_table(table.into_inner(), span.start, &index))
        }
        Err(err) => {
            let (line, col) = err
                .span()
                .map(|s| index.position(s.start))
                .unwrap_or((1, 1));
            let message = err
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .to_string();
            // toml says "duplicate key" and no more: which key, and where
            // it was first, as for YAML.
            let written = err
                .span()
                .and_then(|s| text.get(s))
                .map(str::trim)
                .filter(|k| message == "duplicate key" && !k.is_empty());
            if let Some(written) = written {
                let key = written.trim_matches('"');
                let header = format!("[{key}]");
                let table = text
                    .lines()
                    .nth(line.saturating_sub(1) as usize)
                    .is_some_and(|l| l.trim() == header);
                let message = if table {
                    format!("the table `{header}` is written twice: write its keys under one")
                } else {
                    format!("`{key}` appears twice in the same table")
                };
                let mut e = SyntaxError::new(message, line, col);
                e.len = written.chars().count().max(1) as u32;
                e.first_line = first_toml_key(text, key, line);
                return Err(e);
            }
            Err(SyntaxError::new(message, line, col))
        }
    }
}

/// The line (1-based) of the nearest `key = …` before `line` in the same
/// table (no `[header]` between them).
fn first_toml_key(text: &str, key: &str, line: u32) -> Option<u32> {
    let before: Vec<&str> = text.lines().take(line.saturating_sub(1) as usize).collect();
    // A table written twice (`[book]` again): its first header.
    let header = format!("[{key}]");
    let twice = text.lines().nth(line.saturating_sub(1) as usize);
    if twice.is_some_and(|l| l.trim() == header) {
        return before
            .iter()
            .position(|l| l.trim() == header)
            .map(|at| at as u32 + 1);
    }
    for (at, l) in before.iter().enumerate().rev() {
        let l = l.trim_start();
        if l.starts_with('[') {
            return None;
        }
        let Some((name, _)) = l.split_once('=') else {
            continue;
        };
        if name.trim().trim_matches('"') == key {
            return Some(at as u32 + 1);
        }
    }
    None
}

fn toml_table(table: toml::de::DeTable<'_>, start: usize, index: &LineIndex) -> Node {
    let (line, col) = index.position(start);
    let entries = table
        .into_iter()
        .map(|(k, v)| {
            let (kl, kc) = index.position(k.span().start);
            let key = Node {
                value: Value::Str(k.into_inner().to_string()),
                line: kl,
                col: kc,
            };
            (key, toml_value(v, index))
        })
        .collect();
    Node {
        value: Value::Map(entries),
        line,
        col,
    }
}

fn toml_value(v: toml::Spanned<toml::de::DeValue<'_>>, index: &LineIndex) -> Node {
    use toml::de::DeValue;
    let span = v.span();
    let (line, mut col) = index.position(span.start);
    // A text is marked from its first character, inside the quote.
    if matches!(v.get_ref(), DeValue::String(_)) {
        col += 1;
    }
    let value = match v.into_inner() {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            let digits = digits
                .trim_start_matches('+')
                .trim_start_matches("0x")
                .trim_start_matches("0o")
                .trim_start_matches("0b");
            i64::from_str_radix(digits, i.radix())
                .map(Value::Int)
                .unwrap_or(Value::Str(i.as_str().to_string()))
        }
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .map(|n| float(n, f.as_str()))
            .unwrap_or(Value::Str(f.as_str().to_string())),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Str(d.to_string()),
        DeValue::Array(items) => {
            Value::Seq(items.into_iter().map(|i| toml_value(i, index)).collect())
        }
        DeValue::Table(t) => return toml_table(t, span.start, index),
    };
    Node { value, line, col }
}

/// How to save as UTF-8 text that is not: UTF-16 (a byte-order mark says
/// so) is told apart from a Windows or Latin-1 code page.
pub fn save_as_utf8_help(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        "save it as UTF-8: it is UTF-16 (it starts with a UTF-16 byte-order mark; \"Unicode\" in some editors)"
    } else {
        "save it as UTF-8 (it was likely saved in a Windows or Latin-1 code page)"
    }
}

/// Where the first byte UTF-8 does not allow is, as 1-based line and
/// column in characters: `valid_up_to` as `std::str::Utf8Error` gives it.
pub fn not_utf8_at(bytes: &[u8], valid_up_to: usize) -> (u32, u32) {
    let before = std::str::from_utf8(&bytes[..valid_up_to.min(bytes.len())]).unwrap_or_default();
    LineIndex::new(before).position(before.len())
}

/// A float read from `written`, which it keeps when its shortest form
/// says it differently.
pub fn float(value: f64, written: &str) -> Value {
    let same = value.to_string() == written;
    Value::Float(value, (!same).then(|| written.into()))
}

/// Byte offset → 1-based (line, column in characters).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line as u32 + 1, col as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_that_is_not_utf8_is_placed_by_line_and_character() {
        // "Café" in Latin-1 on line 2, after an accented line: the column
        // counts characters, not bytes.
        let bytes = b"\xc3\xa9t\xc3\xa9\ntitle: Caf\xe9\n";
        assert_eq!(not_utf8_at(bytes, 16), (2, 11));
        assert_eq!(not_utf8_at(b"\xff", 0), (1, 1));
    }

    fn get<'a>(n: &'a Node, key: &str) -> &'a Node {
        &n.entries()
            .unwrap()
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .unwrap()
            .1
    }

    /// An error says what was found; `.nan` was "a number" to a field that
    /// "must be a number".
    #[test]
    fn odd_floats_are_named_as_what_they_are() {
        let n = parse_yaml("a: .nan\nb: -.inf\nc: 1.5\n").unwrap();
        assert_eq!(get(&n, "a").kind_name(), "not-a-number (`.nan`)");
        assert_eq!(get(&n, "b").kind_name(), "an infinite number");
        assert_eq!(get(&n, "c").kind_name(), "a number");
    }

    #[test]
    fn yaml_values_carry_positions() {
        let n = parse_yaml("title: Hello\nmilestones:\n  - id: a\n    due: 2026-Q1\n").unwrap();
        let t = get(&n, "title");
        assert_eq!((t.line, t.col), (1, 8));
        let ms = get(&n, "milestones");
        let Value::Seq(items) = &ms.value else {
            panic!()
        };
        let due = get(&items[0], "due");
        assert_eq!(due.as_str(), Some("2026-Q1"));
        assert_eq!((due.line, due.col), (4, 10));
    }

    #[test]
    fn yaml_error_has_position() {
        let e = parse_yaml("title: a\nowner: [x\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        assert!(!e.message.contains("line"), "{e:?}");
    }

    #[test]
    fn toml_values_carry_positions() {
        let n = parse_toml("title = \"x\"\n\n[extra]\nbudget = 12\n").unwrap();
        let t = get(&n, "title");
        // Inside the quote.
        assert_eq!((t.line, t.col), (1, 10));
        let b = get(get(&n, "extra"), "budget");
        assert_eq!(b.value, Value::Int(12));
        assert_eq!(b.line, 4);
    }

    #[test]
    fn line_index_counts_characters() {
        let idx = LineIndex::new("ab\né x\n");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(6), (2, 3));
    }
}
