//! Reading one parsed document into a typed item: what every kind shares
//! (kind, id, page address, title, body), then the kind's own reader
//! (`outcome.rs`, `initiative.rs`, ...), each driven by its field table.
//! References are collected here and resolved once every document is read.

use super::build::valid_id;
use super::build::{Accept, Doc, Parsed, Ref, RefKind};
use super::*;
use crate::base::date::{Date, Edge};
use crate::base::fields::{self, span_of, Fields, Spanned};
use crate::base::node::{Node, Value};
use crate::config::Config;
use crate::diag::{closest, Diagnostic, Span};
use crate::lints;
use crate::parse::document::Document;
use crate::parse::markdown;
use crate::source::SourceFile;

/// Fields every kind accepts.
/// One front-matter field of a kind: what the reader accepts, and what the
/// field reference (`roadbook fields`, docs/fields.md) says of it.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    /// The value it takes, in words.
    pub ty: &'static str,
    pub required: bool,
    /// What it is when left out.
    pub default: &'static str,
    pub doc: &'static str,
}

/// The names of the fields of `tables`, for `Fields::finish`.
pub(super) fn names(tables: &[&[Field]]) -> Vec<&'static str> {
    tables
        .iter()
        .flat_map(|t| t.iter().map(|f| f.name))
        .collect()
}

/// Fields every kind has.
pub(super) const COMMON: &[Field] = &[
    Field { name: "id", ty: "id", required: false, default: "the file name without `.md`", doc: "Its id, unique across every kind: letters, digits, `-`, `_`, `.`." },
    Field { name: "kind", ty: "kind", required: false, default: "its folder under `content/`", doc: "What the document is (`outcome`, `initiative`, `kpi`, `team`, `capability`, `change`, `review`, `risk`, `page`), when its folder does not say it. Nothing else." },
    Field { name: "extra", ty: "map", required: false, default: "none", doc: "Free fields for your own templates (`extra.cost_centre`); roadbook does not read them." },
];
/// How a `[[...]]` link in a body is named in findings.
pub(super) const LINK_FIELD: &str = "[[...]] link";

/// What a kind's reader needs besides the fields: where it is, who it is,
/// and where its references go.
pub(super) struct Reader<'a> {
    pub path: &'a str,
    pub id: String,
    pub fy: u8,
    /// `[budget] currency`: what amounts in a spend file must be in.
    pub currency: &'a str,
    /// The project's CSV files by path under the content folder.
    pub data_files: &'a super::data_files::DataFiles<'a>,
    /// `kind:` when it is a KPI's or a review's own field rather than the
    /// document's kind.
    pub own_kind: Option<&'a Node>,
    /// Whether the front matter gave a title (else a review or a page makes
    /// one up).
    pub titled: bool,
    refs: Vec<Ref>,
    /// `path`, shared by the references: each kept a copy of it, held for
    /// every version read until the last one was (see [`Ref::path`]).
    shared_path: Option<std::sync::Arc<str>>,
}

impl Reader<'_> {
    /// References from `from` (the document, or one of its milestones) to
    /// each of `list`, of the field `kind` says.
    pub fn refs(&mut self, list: &[Spanned], kind: &'static RefKind, from: &str) {
        let from = Sym::from(from);
        let path = self.ref_path();
        for s in list {
            self.refs.push(Ref {
                path: std::sync::Arc::clone(&path),
                span: s.span,
                target: Sym::from(s.text.as_str()),
                kind,
                from,
            });
        }
    }

    /// The document's path, as its references hold it.
    fn ref_path(&mut self) -> std::sync::Arc<str> {
        std::sync::Arc::clone(
            self.shared_path
                .get_or_insert_with(|| std::sync::Arc::from(self.path)),
        )
    }
}

/// Read a parsed document (or the finding that stopped its parse) into
/// an item, with its references and every problem found on the way.
pub(super) fn read_document(
    file: &SourceFile,
    parsed: Result<Document<'_>, Box<Diagnostic>>,
    config: &Config,
    data_files: &super::data_files::DataFiles<'_>,
) -> Parsed {
    let stem = file
        .rel
        .rsplit('/')
        .next()
        .unwrap_or(&file.rel)
        .trim_end_matches(".md")
        .to_string();
    let mut out = Parsed {
        doc: None,
        failed_id: vec![stem.clone()],
        id_span: None,
        refs: Vec::new(),
        diags: Vec::new(),
    };
    let path = file.display.as_str();
    let document = match parsed {
        Ok(d) => d,
        Err(d) => {
            out.diags.push(*d);
            return out;
        }
    };
    // Shown as U+FFFD on every page (see `diag::bidi_override`); said
    // where it is written, once a file.
    // Scanned as bytes: the parse stage checked them for UTF-8 already.
    if let Some((at, c)) = crate::diag::bidi_override(&file.bytes) {
        let before = String::from_utf8_lossy(&file.bytes[..at]);
        let line = before.matches('\n').count() as u32 + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
        let mut d = lints::BIDI_OVERRIDE.at(
            path,
            Some(Span::new(line, col, 1)),
            format!(
                "file holds U+{:04X}, an invisible character that turns the text after it around: pages show it as �",
                u32::from(c)
            ),
        );
        d.help = Some("delete it (an editor that shows invisible characters: VS Code, `cat -A`); right-to-left text needs none".into());
        out.diags.push(d);
    }
    let folder_kind = file
        .rel
        .split_once('/')
        .and_then(|(dir, _)| Kind::from_dir(dir));
    let no_front_matter = Node {
        value: Value::Map(Vec::new()),
        line: 1,
        col: 1,
    };
    let misplaced = document
        .front
        .is_none()
        .then(|| {
            let text = String::from_utf8_lossy(&file.bytes);
            crate::parse::frontmatter::misplaced(text.trim_start_matches('\u{feff}'))
        })
        .flatten();
    let tree = match &document.front {
        Some(tree) => tree,
        None if misplaced.is_some() => {
            let (line, why, help) = misplaced.unwrap_or_default();
            let mut d = lints::FRONT_MATTER.at(path, Some(Span::new(line, 1, 3)), why);
            d.help = Some(help);
            out.diags.push(d);
            return out;
        }
        None if folder_kind.is_some() => {
            let mut d = lints::FRONT_MATTER.at(
                path,
                Some(Span::new(1, 1, 1)),
                "document has no front matter".to_string(),
            );
            d.help =
                Some("start the file with `---`, the fields (at least `title:`), and `---`".into());
            out.diags.push(d);
            return out;
        }
        None => &no_front_matter,
    };
    let Some(mut f) = Fields::new(path, tree, "front matter", &mut out.diags) else {
        return out;
    };
    let (kind, own_kind) = read_kind(&mut f, folder_kind.unwrap_or(Kind::Page));
    let (id, id_span) = match f.string_spanned("id") {
        Some(s) => (s.text, Some(s.span)),
        None => (stem, None),
    };
    out.id_span = id_span;
    if !valid_id(&id) {
        let mut d = lints::INVALID_ID.at(
            path,
            id_span.or(Some(Span::new(1, 1, 1))),
            format!("invalid id `{id}`"),
        );
        let meant = crate::base::id::id_like(&id).filter(|m| valid_id(m));
        let trouble = crate::base::id::other_trouble(&id);
        d.help = Some(match (&meant, id_span) {
            _ if trouble.is_some() => trouble.unwrap_or_default(),
            (Some(m), None) => format!("rename the file to `{m}.md` (or set `id: {m}`): ids use letters, digits, `-`, `_` and `.`"),
            (Some(m), Some(_)) => format!("write `id: {m}`: ids use letters, digits, `-`, `_` and `.`"),
            (None, _) => "use letters, digits, `-`, `_` and `.` (set `id:` or rename the file)".into(),
        });
        out.diags.push(d);
        // References to the id it was meant as are not reported as unknown
        // (with a suggestion of something else) while it cannot be read.
        // (The file's stem stays one of them: an invalid `id:` in `crm.md`
        // leaves references to `crm` unreported too.)
        out.failed_id.extend(meant);
        return out;
    }
    let extra = f
        .take("extra")
        .map(to_json)
        .unwrap_or(serde_json::Value::Object(Default::default()));
    let title_required = !matches!(kind, Kind::Page | Kind::Review);
    let title = if title_required {
        f.required_string("title")
    } else {
        f.string("title")
    };
    let meta = Meta {
        id: id.clone(),
        kind,
        title: title.clone().unwrap_or_else(|| id.clone()),
        path: path.to_string(),
        url: page_url(kind, &file.rel, &id),
        body: document.body.to_string(),
        rel: file.rel.clone(),
        outline: markdown::outline(document.body),
        body_offset: document.body_offset,
        line: tree
            .entries()
            .and_then(|e| e.iter().find(|(k, _)| k.as_str() == Some("title")))
            .map(|(k, _)| k.line)
            .unwrap_or(1),
        extra,
    };
    let mut r = Reader {
        path,
        id,
        fy: config.roadmap.fiscal_year_start,
        currency: &config.budget.currency,
        data_files,
        own_kind,
        titled: title.is_some(),
        refs: Vec::new(),
        shared_path: None,
    };
    let doc = match kind {
        Kind::Outcome => outcome::read(f, &mut r, meta),
        Kind::Initiative => initiative::read(f, &mut r, meta),
        Kind::Kpi => kpi::read(f, &mut r, meta),
        Kind::Team => team::read(f, &mut r, meta),
        Kind::Capability => capability::read(f, &mut r, meta),
        Kind::Change => change::read(f, &mut r, meta),
        Kind::Review => review::read(f, &mut r, meta),
        Kind::Risk => risk::read(f, &mut r, meta),
        Kind::Page => page::read(f, &mut r, meta),
    };
    let Some(doc) = doc else {
        return finish(out, r.refs, None);
    };
    body_links(&doc, &mut r);
    if let Some(d) = body_placeholder(doc.meta(), path) {
        out.diags.push(d);
    }
    if !config.build.allow_html {
        if let Some(d) = raw_html_too_deep(doc.meta(), path) {
            out.diags.push(d);
        }
    }
    finish(out, r.refs, Some(doc))
}

/// The document's kind: `kind:` overrides the folder when it names a kind;
/// KPIs, reviews and RAID items also use `kind` for their own field
/// (business, strategic, issue...), returned second.
fn read_kind<'n>(f: &mut Fields<'n, '_>, folder: Kind) -> (Kind, Option<&'n Node>) {
    let Some(k) = f.take("kind") else {
        return (folder, None);
    };
    match k.as_str().and_then(Kind::from_name) {
        Some(named) => (named, None),
        None if matches!(folder, Kind::Kpi | Kind::Review | Kind::Risk) => (folder, Some(k)),
        None => {
            let text = k.scalar_text().unwrap_or_default();
            let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
            let help = closest(&text, names.iter().copied())
                .map(|c| format!("did you mean `{c}`?"))
                .or_else(|| Some(format!("use one of: {}", names.join(", "))));
            f.report(
                &lints::UNKNOWN_KIND,
                k,
                format!("unknown kind `{text}`"),
                help,
            );
            (folder, None)
        }
    }
}

/// Where the item's page goes: a page keeps its folders, the rest go under
/// their kind's folder.
fn page_url(kind: Kind, rel: &str, id: &str) -> String {
    match kind {
        Kind::Page => {
            let rel = rel.trim_end_matches(".md");
            let rel: Vec<&str> = rel.split('/').collect();
            let dir = &rel[..rel.len() - 1];
            if dir.iter().all(|s| valid_id(s)) && !dir.is_empty() {
                format!("pages/{}/{}.html", dir.join("/"), id)
            } else {
                format!("pages/{id}.html")
            }
        }
        _ => format!("{}/{}.html", kind.dir(), id),
    }
}

/// A body still the one `roadbook new` wrote: the page would say what it
/// should say instead of saying it.
fn body_placeholder(meta: &Meta, path: &str) -> Option<Diagnostic> {
    let text = meta.body.trim();
    if !crate::base::fields::BODY_PLACEHOLDERS.contains(&text) {
        return None;
    }
    let offset = meta.body.len() - meta.body.trim_start().len();
    let span = markdown::span_in_file(&meta.body, meta.body_offset, offset, text.chars().count());
    let mut d = lints::PLACEHOLDER.at(
        path,
        Some(span),
        "the text is still the placeholder `roadbook new` wrote",
    );
    d.help = Some("write what it asks for, or delete the line".into());
    Some(d)
}

/// `[[id]]` links in the body are references too.
fn body_links(doc: &Doc, r: &mut Reader) {
    let meta = doc.meta();
    let mut positions = markdown::Positions::new(&meta.body, meta.body_offset);
    for link in markdown::wikilinks(&meta.body) {
        let mut span = positions.span(link.offset, link.len);
        // The caret covers the whole `[[...]]`, as written on one line.
        span.len = link.len as u32;
        let path = r.ref_path();
        r.refs.push(Ref {
            path,
            span,
            target: Sym::from(link.target.as_str()),
            kind: &RefKind {
                field: LINK_FIELD,
                accept: Accept::Any,
                relation: "Mentioned in",
            },
            from: Sym::from(r.id.as_str()),
        });
    }
}

/// Raw HTML nested deeper than the sanitiser goes.
fn raw_html_too_deep(meta: &Meta, path: &str) -> Option<Diagnostic> {
    let offset = markdown::raw_html_too_deep(&meta.body)?;
    let line = markdown::span_in_file(&meta.body, meta.body_offset, offset, 1).line;
    let mut d = lints::TOO_LARGE.at(
        path,
        Some(Span::new(line, 1, 1)),
        format!(
            "raw HTML from here on nests more than {} levels deep, the limit for sanitising it",
            markdown::MAX_HTML_DEPTH
        ),
    );
    d.help = Some(
        "flatten the HTML, or write it in Markdown; `[build] allow-html = true` skips the sanitiser for a trusted project".into(),
    );
    Some(d)
}

fn finish(mut out: Parsed, refs: Vec<Ref>, doc: Option<Doc>) -> Parsed {
    if doc.is_some() {
        out.failed_id.clear();
    }
    out.refs = refs;
    out.doc = doc;
    out
}

/// The texts of `list`, interned: ids and names repeat in every item and
/// every version (see [`crate::base::Sym`]).
pub(super) fn syms(list: &[Spanned]) -> Vec<crate::base::Sym> {
    list.iter()
        .map(|s| crate::base::Sym::new(&s.text))
        .collect()
}

/// The texts in a vector of their own size: collected in place, each list
/// of every version the history keeps held the buffer of its spanned
/// items, twice its size (96 MB at 10,000 initiatives with 8 snapshots,
/// heaptrack).
pub(super) fn texts(list: Vec<Spanned>) -> Vec<String> {
    let mut texts = Vec::with_capacity(list.len());
    texts.extend(list.into_iter().map(|s| s.text));
    texts
}

pub(super) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn first_heading(body: &str) -> Option<String> {
    body.lines()
        .find_map(|l| l.strip_prefix("# ").map(|t| t.trim().to_string()))
}

pub(super) fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::Float(f, _) => serde_json::Number::from_f64(*f)
            .map(J::Number)
            .unwrap_or(J::Null),
        Value::Str(s) => J::String(s.clone()),
        Value::Seq(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| (k.scalar_text().unwrap_or_default(), to_json(v)))
                .collect(),
        ),
    }
}

/// `{ 2026-Q1: 40, 2026-Q3: 45 }` → sorted (date, number) pairs.
pub(super) fn read_dated_numbers(
    node: &Node,
    path: &str,
    key: &str,
    fy: u8,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Date, f64)> {
    read_dated_numbers_checked(node, path, key, fy, diags, |_| None)
}

/// As [`read_dated_numbers`], with `check` rejecting out-of-range values at
/// their position.
pub(super) fn read_dated_numbers_checked(
    node: &Node,
    path: &str,
    key: &str,
    fy: u8,
    diags: &mut Vec<Diagnostic>,
    check: impl Fn(f64) -> Option<String>,
) -> Vec<(Date, f64)> {
    let Some(entries) = node.entries() else {
        diags.push(lints::INVALID_FIELD.at(
            path,
            Some(span_of(node)),
            format!("`{key}` must be a map of date → number"),
        ));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in entries {
        let Some(d) = fields::parse_date_node(path, k, key, Edge::Start, fy, diags) else {
            fields::explain_split_amount(k, key, diags);
            continue;
        };
        match v.as_f64() {
            Some(n) => match check(n) {
                None => out.push((d, n)),
                Some(msg) => diags.push(lints::INVALID_FIELD.at(path, Some(span_of(v)), msg)),
            },
            None => {
                let mut d = lints::INVALID_FIELD.at(
                    path,
                    Some(span_of(v)),
                    format!("`{key}` values must be numbers, found {}", v.kind_name()),
                );
                d.help = v
                    .scalar_text()
                    .and_then(|t| fields::number_hint(&k.scalar_text().unwrap_or_default(), &t));
                diags.push(d);
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A KPI's or a review's type: `type:`, or the old spelling `kind:` (read,
/// with a warning that says how to write it now).
pub(super) fn own_type<'r, 'n: 'r, 'o: 'r>(
    f: &mut Fields<'n, '_>,
    old: Option<&'o Node>,
    what: &str,
) -> Option<&'r Node> {
    let given = f.take("type");
    if let Some(old) = old {
        let text = old.scalar_text().unwrap_or_default();
        let (message, help) = match given {
            Some(_) => (
                format!("`kind: {text}` repeats the {what}'s `type:`"),
                "drop `kind:`: it says what a document is (kpi, review…)".to_string(),
            ),
            None => (
                format!("the {what}'s type is `type:` now"),
                format!("write `type: {text}`: `kind:` says what a document is (kpi, review…)"),
            ),
        };
        f.report(&lints::RENAMED_FIELD, old, message, Some(help));
    }
    given.or(old)
}
