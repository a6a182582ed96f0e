//! From source files to the typed [`Roadmap`]: documents are parsed in
//! parallel, then ids are indexed and every reference resolved in one pass,
//! collecting every problem on the way.

use super::*;
use crate::config::Config;
use crate::diag::{closest, Diagnostic, Span};
use crate::lints;
use crate::parse::date::{self, Edge};
use crate::parse::fields::{self, span_of, Fields, Spanned};
use crate::parse::frontmatter::{self, Format};
use crate::parse::node::{self, Node, Value};
use crate::parse::{data, markdown};
use crate::source::SourceFile;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};

const COMMON: &[&str] = &["id", "kind", "extra"];
const OUTCOME_FIELDS: &[&str] = &[
    "title",
    "owner",
    "category",
    "horizon",
    "kpis",
    "description",
];
const INITIATIVE_FIELDS: &[&str] = &[
    "title",
    "owner",
    "outcomes",
    "status",
    "health",
    "layer",
    "team",
    "teams",
    "effort",
    "start",
    "end",
    "depends_on",
    "capabilities",
    "priority",
    "sponsor",
    "tags",
    "milestones",
];
const MILESTONE_FIELDS: &[&str] = &[
    "id",
    "title",
    "due",
    "owner",
    "criteria",
    "done",
    "baseline",
    "gate",
    "depends_on",
];
const KPI_FIELDS: &[&str] = &[
    "title",
    "kind",
    "unit",
    "direction",
    "outcome",
    "outcomes",
    "target",
    "targets",
    "baseline",
    "data",
    "data_file",
];
const TEAM_FIELDS: &[&str] = &["title", "capacity", "ops_load", "lead"];
const CAPABILITY_FIELDS: &[&str] = &["title", "current", "target", "owner", "area"];
const CHANGE_FIELDS: &[&str] = &[
    "title",
    "date",
    "status",
    "affects",
    "requested_by",
    "decided_by",
    "decided",
];
const REVIEW_FIELDS: &[&str] = &["title", "date", "kind", "attendees", "decisions"];
const PAGE_FIELDS: &[&str] = &["title", "description", "order"];

const LINK_FIELD: &str = "[[...]] link";

pub const STATUSES: &[&str] = &[
    "proposed",
    "planned",
    "active",
    "on-hold",
    "done",
    "cancelled",
];
pub const HEALTHS: &[&str] = &["green", "amber", "red"];
const CHANGE_STATUSES: &[&str] = &["proposed", "approved", "rejected"];

/// What a reference may point at.
#[derive(Debug, Clone, Copy)]
enum Accept {
    Kinds(&'static [Kind]),
    KindsOrMilestone(&'static [Kind]),
    Any,
}

#[derive(Debug, Clone)]
struct Ref {
    path: String,
    span: Span,
    target: String,
    field: &'static str,
    accept: Accept,
    /// Backlink recorded on the target: (heading, source id).
    relation: &'static str,
    from: String,
}

#[derive(Clone)]
enum Doc {
    Outcome(Outcome),
    Initiative(Box<Initiative>),
    Kpi(Kpi),
    Team(Team),
    Capability(Capability),
    Change(Change),
    Review(Review),
    Page(Page),
}

impl Doc {
    fn meta(&self) -> &Meta {
        match self {
            Doc::Outcome(x) => &x.meta,
            Doc::Initiative(x) => &x.meta,
            Doc::Kpi(x) => &x.meta,
            Doc::Team(x) => &x.meta,
            Doc::Capability(x) => &x.meta,
            Doc::Change(x) => &x.meta,
            Doc::Review(x) => &x.meta,
            Doc::Page(x) => &x.meta,
        }
    }

    fn meta_mut(&mut self) -> &mut Meta {
        match self {
            Doc::Outcome(x) => &mut x.meta,
            Doc::Initiative(x) => &mut x.meta,
            Doc::Kpi(x) => &mut x.meta,
            Doc::Team(x) => &mut x.meta,
            Doc::Capability(x) => &mut x.meta,
            Doc::Change(x) => &mut x.meta,
            Doc::Review(x) => &mut x.meta,
            Doc::Page(x) => &mut x.meta,
        }
    }
}

#[derive(Clone)]
struct Parsed {
    doc: Option<Doc>,
    /// The id of a document that could not be read, so references to it are
    /// not reported a second time as unknown.
    failed_id: Option<String>,
    id_span: Option<Span>,
    refs: Vec<Ref>,
    diags: Vec<Diagnostic>,
}

/// Build the roadmap from every source file. The roadmap is returned even
/// when there are errors, so `check` can report everything at once.
pub fn build(files: &[SourceFile], config: &Config) -> (Roadmap, Vec<Diagnostic>) {
    build_with(files, config, None)
}

/// Documents already parsed in another version of the roadmap: snapshots
/// share most of their files, and a file with the same path and bytes
/// reads the same wherever it sits (only the folder in its shown path
/// differs).
#[derive(Default)]
pub struct ParseCache {
    /// Keyed by path, fiscal year start and a hash of the bytes. Versions
    /// load in parallel: the first to need a document parses it, the
    /// others wait for that instead of parsing it too.
    #[allow(clippy::type_complexity)]
    docs: std::sync::Mutex<HashMap<(String, u8, u64), std::sync::Arc<std::sync::OnceLock<Cached>>>>,
}

struct Cached {
    bytes: Vec<u8>,
    /// The shown path without `rel`: what differs between versions.
    prefix: String,
    parsed: Parsed,
}

impl ParseCache {
    fn parse(
        &self,
        file: &SourceFile,
        config: &Config,
        data_files: &HashMap<&str, &SourceFile>,
    ) -> Parsed {
        use std::hash::{Hash, Hasher};
        let prefix = file.display.strip_suffix(&file.rel);
        // A KPI's data file is another file, which may differ: a document
        // that may name one is read afresh in every version.
        let reads_data = file.bytes.windows(9).any(|w| w == b"data_file");
        let (Some(prefix), false) = (prefix, reads_data) else {
            return parse_document(file, config, data_files);
        };
        let mut h = std::collections::hash_map::DefaultHasher::new();
        file.bytes.hash(&mut h);
        let key = (
            file.rel.clone(),
            config.roadmap.fiscal_year_start,
            h.finish(),
        );
        let Ok(slot) = self
            .docs
            .lock()
            .map(|mut d| d.entry(key).or_default().clone())
        else {
            return parse_document(file, config, data_files);
        };
        // No rayon inside: a worker waiting here must not be handed the
        // job that fills this very slot.
        let cached = slot.get_or_init(|| Cached {
            bytes: file.bytes.clone(),
            prefix: prefix.to_string(),
            parsed: parse_document(file, config, data_files),
        });
        // The text check above misses a key spelled with escapes; the
        // parsed document does not.
        let names_data = matches!(&cached.parsed.doc, Some(Doc::Kpi(k)) if k.data_file.is_some());
        if cached.bytes != file.bytes || names_data {
            return parse_document(file, config, data_files);
        }
        let mut parsed = cached.parsed.clone();
        let moved = |path: &mut String| {
            if let Some(rest) = path.strip_prefix(&cached.prefix) {
                *path = format!("{prefix}{rest}");
            }
        };
        if let Some(doc) = &mut parsed.doc {
            moved(&mut doc.meta_mut().path);
        }
        parsed.diags.iter_mut().for_each(|d| moved(&mut d.path));
        parsed.refs.iter_mut().for_each(|r| moved(&mut r.path));
        parsed
    }
}

/// As [`build`], reusing (and filling) `cache` for documents seen in other
/// versions.
pub fn build_with(
    files: &[SourceFile],
    config: &Config,
    cache: Option<&ParseCache>,
) -> (Roadmap, Vec<Diagnostic>) {
    let data_files: HashMap<&str, &SourceFile> =
        files.iter().map(|f| (f.rel.as_str(), f)).collect();
    let parsed: Vec<Parsed> = files
        .par_iter()
        .filter(|f| f.rel.ends_with(".md"))
        .map(|f| match cache {
            Some(c) => c.parse(f, config, &data_files),
            None => parse_document(f, config, &data_files),
        })
        .collect();

    let mut diags = Vec::new();
    let mut refs = Vec::new();
    let mut roadmap = Roadmap::default();
    // Keyed by the lower-case id: ids are case-sensitive, but `Index` and
    // `index` would be one file on macOS and Windows.
    let mut first_seen: HashMap<String, (String, String, Option<Span>)> = HashMap::new();
    // Ids whose document could not be read or was dropped as a duplicate:
    // references to them were reported with that document already.
    let mut unreadable: HashSet<String> = HashSet::new();
    let markdown = files.iter().filter(|f| f.rel.ends_with(".md"));
    for (p, file) in parsed.into_iter().zip(markdown) {
        if p.doc.is_none() && p.failed_id.is_some() {
            let kind = unreadable_kind(file);
            if !roadmap.unreadable.contains(&kind) {
                roadmap.unreadable.push(kind);
            }
        }
        diags.extend(p.diags);
        // References from a duplicate are still checked: its other mistakes
        // deserve reporting in the same run.
        refs.extend(p.refs);
        unreadable.extend(p.failed_id);
        let Some(doc) = p.doc else { continue };
        let meta = doc.meta();
        if let Some((other_id, other, other_span)) = first_seen.get(&meta.id.to_lowercase()) {
            // One mistake, one finding, where it was made: an `id:` line
            // that claims an id a file name already gives is the mistake,
            // whichever file sorts first.
            let (path, span, origin, help_other) = match (p.id_span, other_span) {
                (None, Some(claimed)) => (
                    other.clone(),
                    *claimed,
                    "",
                    format!("`{}` has this id from its file name", meta.path),
                ),
                (Some(s), _) => (
                    meta.path.clone(),
                    s,
                    "",
                    format!("`{other}` already uses this id"),
                ),
                (None, None) => (
                    meta.path.clone(),
                    Span::new(1, 1, 3),
                    " (taken from the file name)",
                    format!("`{other}` already uses this id"),
                ),
            };
            let message = if *other_id == meta.id {
                format!("duplicate id `{}`{origin}", meta.id)
            } else {
                format!(
                    "id `{}`{origin} differs from `{other_id}` only in letter case",
                    meta.id
                )
            };
            if *other_id != meta.id {
                unreadable.insert(meta.id.clone());
            }
            // The dropped document is missing, not absent: what it served
            // must not look unserved.
            let kind = meta.kind;
            if !roadmap.unreadable.contains(&kind) {
                roadmap.unreadable.push(kind);
            }
            let mut d = lints::DUPLICATE_ID.at(&path, Some(span), message);
            d.help = Some(if *other_id == meta.id {
                format!("{help_other}; ids are unique across all kinds")
            } else {
                format!("`{other}` uses `{other_id}`; their pages would be one file on macOS and Windows")
            });
            diags.push(d);
            continue;
        }
        first_seen.insert(
            meta.id.to_lowercase(),
            (meta.id.clone(), meta.path.clone(), p.id_span),
        );
        match doc {
            Doc::Outcome(x) => roadmap.outcomes.push(x),
            Doc::Initiative(x) => roadmap.initiatives.push(*x),
            Doc::Kpi(x) => roadmap.kpis.push(x),
            Doc::Team(x) => roadmap.teams.push(x),
            Doc::Capability(x) => roadmap.capabilities.push(x),
            Doc::Change(x) => roadmap.changes.push(x),
            Doc::Review(x) => roadmap.reviews.push(x),
            Doc::Page(x) => roadmap.pages.push(x),
        }
    }
    sort_documents(&mut roadmap);
    index(&mut roadmap);
    // A reference to a document that could not be read, or to one of its
    // milestones, was reported with that document already.
    let dropped: HashSet<&str> = roadmap
        .initiatives
        .iter()
        .flat_map(|i| i.dropped_milestones.iter().map(String::as_str))
        .collect();
    refs.retain(|r| {
        let doc = r.target.split('/').next().unwrap_or(&r.target);
        (!unreadable.contains(doc) || roadmap.index.contains_key(doc))
            && !dropped.contains(r.target.as_str())
    });
    resolve(&mut roadmap, refs, &mut diags);
    roadmap.linked_files = linked_files(&roadmap, files);
    roadmap.unread_ids = unreadable
        .into_iter()
        .filter(|id| !roadmap.index.contains_key(id))
        .collect();
    (roadmap, diags)
}

/// The CSV files whose name some body's link ends with (which of them a
/// link really reaches is for the renderer's resolver to say).
fn linked_files(r: &Roadmap, files: &[SourceFile]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let names: HashSet<String> = r
        .all_meta()
        .flat_map(|m| &m.outline.links)
        .filter_map(|l| {
            let path = l.dest.split(['#', '?']).next().unwrap_or("");
            let name = path.rsplit('/').next().unwrap_or("");
            let name = crate::parse::markdown::percent_decode(name);
            name.to_ascii_lowercase().ends_with(".csv").then_some(name)
        })
        .collect();
    if names.is_empty() {
        return Default::default();
    }
    files
        .iter()
        .filter(|f| f.rel.ends_with(".csv"))
        .filter(|f| names.contains(f.rel.rsplit('/').next().unwrap_or("")))
        .map(|f| (f.rel.clone(), f.bytes.clone()))
        .collect()
}

fn sort_documents(r: &mut Roadmap) {
    r.outcomes.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    r.initiatives.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    r.kpis.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    r.teams.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    r.capabilities.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    r.changes
        .sort_by(|a, b| (&a.date, &a.meta.id).cmp(&(&b.date, &b.meta.id)));
    r.reviews
        .sort_by(|a, b| (&a.date, &a.meta.id).cmp(&(&b.date, &b.meta.id)));
    r.pages.sort_by(|a, b| {
        (a.order.unwrap_or(i64::MAX), &a.meta.title)
            .cmp(&(b.order.unwrap_or(i64::MAX), &b.meta.title))
    });
}

fn index(r: &mut Roadmap) {
    let mut index = HashMap::new();
    for kind in Kind::ALL {
        let n = match kind {
            Kind::Outcome => r.outcomes.len(),
            Kind::Initiative => r.initiatives.len(),
            Kind::Kpi => r.kpis.len(),
            Kind::Team => r.teams.len(),
            Kind::Capability => r.capabilities.len(),
            Kind::Change => r.changes.len(),
            Kind::Review => r.reviews.len(),
            Kind::Page => r.pages.len(),
        };
        for i in 0..n {
            let item = ItemRef { kind, index: i };
            index.insert(r.meta(item).id.clone(), item);
        }
    }
    r.index = index;
    for (i, init) in r.initiatives.iter().enumerate() {
        for (m, ms) in init.milestones.iter().enumerate() {
            r.milestones.insert(ms.gid.clone(), (i, m));
        }
    }
}

fn resolve(r: &mut Roadmap, refs: Vec<Ref>, diags: &mut Vec<Diagnostic>) {
    let mut backlinks: HashMap<String, BTreeSet<Backlink>> = HashMap::new();
    for rf in refs {
        let found = r.index.get(&rf.target).map(|x| x.kind);
        let is_milestone = r.milestones.contains_key(&rf.target);
        let ok = match (rf.accept, found) {
            (Accept::Any, Some(_)) => true,
            (Accept::Any, None) => is_milestone,
            (Accept::Kinds(kinds), Some(k)) | (Accept::KindsOrMilestone(kinds), Some(k)) => {
                kinds.contains(&k)
            }
            (Accept::KindsOrMilestone(_), None) => is_milestone,
            (Accept::Kinds(_), None) => false,
        };
        if rf.field == "depends_on" {
            r.dependency_spans
                .entry((rf.from.clone(), rf.target.clone()))
                .or_insert_with(|| (rf.path.clone(), rf.span));
        }
        if ok {
            backlinks
                .entry(rf.target.clone())
                .or_default()
                .insert(Backlink {
                    relation: rf.relation,
                    from: rf.from,
                });
            continue;
        }
        let (message, help) = match found {
            Some(kind) => (
                format!(
                    "`{}` in `{}` is a {}; `{}` takes {} ids",
                    rf.target,
                    rf.field,
                    kind.name(),
                    rf.field,
                    expected(rf.accept)
                ),
                None,
            ),
            None => {
                let candidates = candidates(r, rf.accept);
                let help = closest(&rf.target, candidates.iter().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`?"));
                let message = if rf.field == LINK_FIELD {
                    format!("link `[[{}]]` names no item", rf.target)
                } else {
                    format!(
                        "unknown {} `{}` in `{}`",
                        expected(rf.accept),
                        rf.target,
                        rf.field
                    )
                };
                (message, help)
            }
        };
        // What the reference should have linked looks unlinked until it is
        // fixed: a mistyped outcome must not make the real one "unserved".
        let from_kind = if rf.field == LINK_FIELD {
            None
        } else {
            r.index.get(&rf.from).map(|x| x.kind).or_else(|| {
                r.milestones
                    .contains_key(&rf.from)
                    .then_some(Kind::Initiative)
            })
        };
        if let Some(kind) = from_kind.filter(|k| !r.unreadable.contains(k)) {
            r.unreadable.push(kind);
        }
        let mut d = lints::UNKNOWN_REFERENCE.at(&rf.path, Some(rf.span), message);
        d.help = help;
        diags.push(d);
    }
    // KPIs and outcomes can name each other from either side; make both
    // sides agree so pages and checks need not look both ways.
    let mut pairs: Vec<(String, String)> = Vec::new();
    for o in &r.outcomes {
        for k in &o.kpis {
            pairs.push((o.meta.id.clone(), k.clone()));
        }
    }
    for k in &r.kpis {
        for o in &k.outcomes {
            pairs.push((o.clone(), k.meta.id.clone()));
        }
    }
    for (o, k) in pairs {
        let (
            Some(ItemRef {
                kind: Kind::Outcome,
                index: oi,
            }),
            Some(ItemRef {
                kind: Kind::Kpi,
                index: ki,
            }),
        ) = (r.index.get(&o).copied(), r.index.get(&k).copied())
        else {
            continue;
        };
        if !r.outcomes[oi].kpis.contains(&k) {
            r.outcomes[oi].kpis.push(k.clone());
        }
        if !r.kpis[ki].outcomes.contains(&o) {
            r.kpis[ki].outcomes.push(o.clone());
        }
    }
    r.backlinks = backlinks
        .into_iter()
        .map(|(k, v)| (k, v.into_iter().collect()))
        .collect();
}

fn expected(accept: Accept) -> String {
    match accept {
        Accept::Any => "id".into(),
        Accept::Kinds(k) => names(k),
        Accept::KindsOrMilestone(k) => format!("{} or milestone", names(k)),
    }
}

fn names(kinds: &[Kind]) -> String {
    kinds
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(" or ")
}

fn candidates(r: &Roadmap, accept: Accept) -> Vec<String> {
    let docs = r.index.iter().filter(|(_, x)| match accept {
        Accept::Any => true,
        Accept::Kinds(k) | Accept::KindsOrMilestone(k) => k.contains(&x.kind),
    });
    let mut out: Vec<String> = docs.map(|(id, _)| id.clone()).collect();
    if matches!(accept, Accept::Any | Accept::KindsOrMilestone(_)) {
        out.extend(r.milestones.keys().cloned());
    }
    out.sort();
    out
}

/// Ids are used in URLs and file names: keep them to a safe alphabet.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        // `index` is every folder's list page.
        && !id.eq_ignore_ascii_case("index")
        && id.len() <= 200
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn parse_document(
    file: &SourceFile,
    config: &Config,
    data_files: &HashMap<&str, &SourceFile>,
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
        failed_id: Some(stem.clone()),
        id_span: None,
        refs: Vec::new(),
        diags: Vec::new(),
    };
    let path = file.display.as_str();
    let text = match std::str::from_utf8(&file.bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = file.bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u32
                + 1;
            let mut d = lints::READ.at(
                path,
                Some(Span::new(line, 1, 1)),
                "file is not valid UTF-8 text".to_string(),
            );
            d.help = Some("save it as UTF-8".into());
            out.diags.push(d);
            return out;
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
            out.diags.push(d);
            return out;
        }
    };
    let folder_kind = file
        .rel
        .split_once('/')
        .and_then(|(dir, _)| Kind::from_dir(dir));
    let tree = match split.front {
        None => {
            if folder_kind.is_some() {
                let mut d = lints::FRONT_MATTER.at(
                    path,
                    Some(Span::new(1, 1, 1)),
                    "document has no front matter".to_string(),
                );
                d.help = Some(
                    "start the file with `---`, the fields (at least `title:`), and `---`".into(),
                );
                out.diags.push(d);
                return out;
            }
            Node {
                value: Value::Map(Vec::new()),
                line: 1,
                col: 1,
            }
        }
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
                    n
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
                        if let Some((help, at)) = yaml_help(fm, &d.message, e.line) {
                            d.help = Some(help);
                            if let Some(at) = at {
                                d.span =
                                    Some(Span::new(at.line + split.front_offset, at.col, at.len));
                            }
                        }
                    }
                    out.diags.push(d);
                    return out;
                }
            }
        }
    };
    let Some(mut f) = Fields::new(path, &tree, "front matter", &mut out.diags) else {
        return out;
    };

    // `kind:` overrides the folder when it names a kind; KPIs and reviews
    // also use `kind` for their own field (business, strategic...).
    let mut kind = folder_kind.unwrap_or(Kind::Page);
    let mut own_kind_field: Option<&Node> = None;
    if let Some(k) = f.take("kind") {
        match k.as_str().and_then(Kind::from_name) {
            Some(named) => kind = named,
            None if matches!(kind, Kind::Kpi | Kind::Review) => own_kind_field = Some(k),
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
            }
        }
    }

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
        d.help =
            Some("use letters, digits, `-`, `_` and `.` (set `id:` or rename the file)".into());
        out.diags.push(d);
        return out;
    }
    let url = match kind {
        Kind::Page => {
            let rel = file.rel.trim_end_matches(".md");
            let rel: Vec<&str> = rel.split('/').collect();
            let dir = &rel[..rel.len() - 1];
            if dir.iter().all(|s| valid_id(s)) && !dir.is_empty() {
                format!("pages/{}/{}.html", dir.join("/"), id)
            } else {
                format!("pages/{id}.html")
            }
        }
        _ => format!("{}/{}.html", kind.dir(), id),
    };
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
        url,
        body: split.body.to_string(),
        rel: file.rel.clone(),
        outline: markdown::outline(split.body),
        body_offset: split.body_offset,
        line: tree
            .entries()
            .and_then(|e| e.iter().find(|(k, _)| k.as_str() == Some("title")))
            .map(|(k, _)| k.line)
            .unwrap_or(1),
        extra,
    };
    let fy = config.roadmap.fiscal_year_start;
    let mut refs = Vec::new();
    let mut push_refs = |list: &[Spanned],
                         field: &'static str,
                         accept: Accept,
                         relation: &'static str,
                         from: &str| {
        for s in list {
            refs.push(Ref {
                path: path.to_string(),
                span: s.span,
                target: s.text.clone(),
                field,
                accept,
                relation,
                from: from.to_string(),
            });
        }
    };

    let doc = match kind {
        Kind::Outcome => {
            let owner = f.required_string_with("owner", &lints::MISSING_OWNER);
            let category = f.string("category");
            let horizon_span = f.take("horizon").map(span_of);
            let horizon = f.date("horizon", Edge::End, fy);
            let kpis = f.string_list("kpis");
            push_refs(
                &kpis,
                "kpis",
                Accept::Kinds(&[Kind::Kpi]),
                "Measures outcome",
                &id,
            );
            let description = f.string("description");
            f.finish(&[COMMON, OUTCOME_FIELDS].concat(), &lints::UNKNOWN_FIELD);
            Doc::Outcome(Outcome {
                meta,
                owner: owner.unwrap_or_default(),
                category,
                horizon,
                horizon_span,
                kpis: texts(kpis),
                description,
            })
        }
        Kind::Initiative => {
            let owner = f
                .required_string_with("owner", &lints::MISSING_OWNER)
                .unwrap_or_default();
            let outcomes = f.string_list("outcomes");
            push_refs(
                &outcomes,
                "outcomes",
                Accept::Kinds(&[Kind::Outcome]),
                "Served by",
                &id,
            );
            let status = f
                .choice("status", STATUSES)
                .unwrap_or_else(|| "planned".into());
            let health_line = f.take("health").map(|n| n.line);
            let end_span = f.take("end").map(span_of);
            let health = f.choice("health", HEALTHS);
            let layer_span = f.take("layer").map(span_of);
            let layer = f.string("layer");
            let named_team = f.string_list("team");
            let named_teams = f.string_list("teams");
            let mut teams = named_team.clone();
            teams.extend(named_teams.iter().cloned());
            let effort_node = f.take("effort");
            let mut effort = BTreeMap::new();
            let mut effort_teams = Vec::new();
            if let Some(node) = effort_node {
                match &node.value {
                    Value::Map(entries) => {
                        for (k, v) in entries {
                            let team = k.scalar_text().unwrap_or_default();
                            match v.as_f64() {
                                Some(days) if days >= 0.0 => {
                                    effort.insert(team.clone(), days);
                                }
                                _ => f.report(
                                    &lints::INVALID_FIELD,
                                    v,
                                    format!("effort for `{team}` must be a number of person-days"),
                                    None,
                                ),
                            }
                            effort_teams.push(Spanned {
                                text: team,
                                span: span_of(k),
                            });
                        }
                    }
                    _ => match node.as_f64() {
                        Some(days) if days >= 0.0 && !teams.is_empty() => {
                            let share = days / teams.len() as f64;
                            for t in &teams {
                                *effort.entry(t.text.clone()).or_insert(0.0) += share;
                            }
                        }
                        Some(days) if days >= 0.0 => {
                            let mut d = lints::INVALID_FIELD.at(
                                path,
                                Some(span_of(node)),
                                "`effort` needs a `team` or `teams` to be counted".to_string(),
                            );
                            d.help =
                                Some("add `team:`, or write `effort: { team-id: days }`".into());
                            f.diags.push(d);
                        }
                        _ => f.report(
                            &lints::INVALID_FIELD,
                            node,
                            "`effort` must be person-days or a map team → person-days".into(),
                            None,
                        ),
                    },
                }
            }
            // Each team is checked under the field that names it, so an
            // unknown one is reported as `effort` when only `effort` has it.
            let mut effort_only: Vec<Spanned> = Vec::new();
            for t in effort_teams {
                if !teams.iter().chain(&effort_only).any(|x| x.text == t.text) {
                    effort_only.push(t);
                }
            }
            for (field, named) in [
                ("team", &named_team),
                ("teams", &named_teams),
                ("effort", &effort_only),
            ] {
                push_refs(
                    named,
                    field,
                    Accept::Kinds(&[Kind::Team]),
                    "Assigned initiatives",
                    &id,
                );
            }
            teams.extend(effort_only);
            let start = f.date("start", Edge::Start, fy);
            let end = f.date("end", Edge::End, fy);
            let depends_on = f.string_list("depends_on");
            push_refs(
                &depends_on,
                "depends_on",
                Accept::KindsOrMilestone(&[Kind::Initiative]),
                "Depended on by",
                &id,
            );
            let capabilities = f.string_list("capabilities");
            push_refs(
                &capabilities,
                "capabilities",
                Accept::Kinds(&[Kind::Capability]),
                "Raised by",
                &id,
            );
            let priority = f.integer("priority", 1, 1_000_000);
            let sponsor = f.string("sponsor");
            let tags = f.string_list("tags");
            let mut dropped_milestones = Vec::new();
            let (milestones, milestones_incomplete) = match f.take("milestones") {
                Some(node) => {
                    let written = match &node.value {
                        Value::Seq(items) => items.len(),
                        _ => 1,
                    };
                    let read = read_milestones(
                        node,
                        path,
                        &id,
                        &owner,
                        fy,
                        f.diags,
                        &mut push_refs,
                        &mut dropped_milestones,
                    );
                    let incomplete = read.len() != written;
                    (read, incomplete)
                }
                None => (Vec::new(), false),
            };
            f.finish(&[COMMON, INITIATIVE_FIELDS].concat(), &lints::UNKNOWN_FIELD);
            let mut seen_teams = HashSet::new();
            Doc::Initiative(Box::new(Initiative {
                meta,
                owner,
                outcomes: texts(outcomes),
                status,
                health,
                health_line,
                end_span,
                layer_span,
                layer,
                teams: texts(teams)
                    .into_iter()
                    .filter(|t| seen_teams.insert(t.clone()))
                    .collect(),
                effort,
                start,
                end,
                depends_on: texts(depends_on),
                capabilities: texts(capabilities),
                priority,
                sponsor,
                tags: texts(tags),
                milestones,
                milestones_incomplete,
                dropped_milestones,
            }))
        }
        Kind::Kpi => {
            let kpi_kind = match own_kind_field {
                Some(node) => match node.as_str() {
                    Some(k @ ("business" | "delivery")) => k.to_string(),
                    _ => {
                        let t = node.scalar_text().unwrap_or_default();
                        f.report(
                            &lints::UNKNOWN_VALUE,
                            node,
                            format!("unknown KPI kind `{t}`"),
                            Some("use `business` or `delivery`".into()),
                        );
                        "business".into()
                    }
                },
                None => "business".into(),
            };
            let unit = f.string("unit");
            let direction = f
                .choice("direction", &["up", "down"])
                .unwrap_or_else(|| "up".into());
            let mut outcomes = f.string_list("outcome");
            outcomes.extend(f.string_list("outcomes"));
            push_refs(
                &outcomes,
                "outcome",
                Accept::Kinds(&[Kind::Outcome]),
                "Measured by",
                &id,
            );
            let target = f.number("target");
            let targets = match f.take("targets") {
                Some(node) => read_dated_numbers(node, path, "targets", fy, f.diags),
                None => Vec::new(),
            };
            let baseline = f.number("baseline");
            let mut data = Vec::new();
            if let Some(node) = f.take("data") {
                data = read_data(node, path, fy, f.diags);
            }
            let data_file = f.string_spanned("data_file");
            if let Some(df) = &data_file {
                data.extend(read_csv(df, path, data_files, fy, f.diags));
            }
            data.sort_by(|a, b| a.date.cmp(&b.date));
            f.finish(&[COMMON, KPI_FIELDS].concat(), &lints::UNKNOWN_FIELD);
            Doc::Kpi(Kpi {
                meta,
                kind: kpi_kind,
                unit,
                direction,
                outcomes: texts(outcomes),
                target,
                targets,
                baseline,
                data,
                data_file: data_file.map(|d| d.text),
            })
        }
        Kind::Team => {
            let capacity = match f.take("capacity") {
                Some(node) => read_per_quarter(node, path, "capacity", fy, None, f.diags),
                None => {
                    let d = lints::MISSING_FIELD.at(
                        path,
                        Some(f.at),
                        "missing required field `capacity`".to_string(),
                    );
                    f.diags.push(d);
                    PerQuarter::default()
                }
            };
            let ops_load = match f.take("ops_load") {
                Some(node) => read_per_quarter(node, path, "ops_load", fy, Some(1.0), f.diags),
                None => PerQuarter::default(),
            };
            let lead = f.string("lead");
            f.finish(&[COMMON, TEAM_FIELDS].concat(), &lints::UNKNOWN_FIELD);
            Doc::Team(Team {
                meta,
                capacity,
                ops_load,
                lead,
            })
        }
        Kind::Capability => {
            let mut level = |key: &str| {
                if !f.has(key) {
                    let d = lints::MISSING_FIELD.at(
                        path,
                        Some(f.at),
                        format!("missing required field `{key}`"),
                    );
                    f.diags.push(d);
                }
                f.integer(key, 1, 5).unwrap_or(1)
            };
            let current = level("current");
            let target = level("target");
            let owner = f.string("owner");
            let area = f.string("area");
            f.finish(&[COMMON, CAPABILITY_FIELDS].concat(), &lints::UNKNOWN_FIELD);
            Doc::Capability(Capability {
                meta,
                current,
                target,
                owner,
                area,
            })
        }
        Kind::Change => {
            let date = f.required_date("date", Edge::Start, fy);
            if !f.has("status") {
                let d = lints::MISSING_FIELD.at(
                    path,
                    Some(f.at),
                    "missing required field `status`".to_string(),
                );
                f.diags.push(d);
            }
            let status = f
                .choice("status", CHANGE_STATUSES)
                .unwrap_or_else(|| "proposed".into());
            let affects = f.string_list("affects");
            if affects.is_empty() {
                let d = lints::MISSING_FIELD.at(
                    path,
                    Some(f.at),
                    "missing required field `affects`".to_string(),
                );
                f.diags.push(d);
            }
            push_refs(
                &affects,
                "affects",
                Accept::KindsOrMilestone(&[Kind::Initiative]),
                "Affected by",
                &id,
            );
            let requested_by = f.string("requested_by");
            let decided_by = f.string("decided_by");
            let decided = f.date("decided", Edge::End, fy);
            f.finish(&[COMMON, CHANGE_FIELDS].concat(), &lints::UNKNOWN_FIELD);
            let Some(date) = date else {
                return finish(out, refs, None);
            };
            Doc::Change(Change {
                meta,
                date,
                status,
                affects: texts(affects),
                requested_by,
                decided_by,
                decided,
            })
        }
        Kind::Review => {
            let date = f.required_date("date", Edge::Start, fy);
            let review_kind = match own_kind_field {
                Some(node) => match node.as_str() {
                    Some(k @ ("strategic" | "operational")) => Some(k.to_string()),
                    _ => {
                        let t = node.scalar_text().unwrap_or_default();
                        f.report(
                            &lints::UNKNOWN_VALUE,
                            node,
                            format!("unknown review kind `{t}`"),
                            Some("use `strategic` or `operational`".into()),
                        );
                        None
                    }
                },
                None => {
                    let d = lints::MISSING_FIELD.at(
                        path,
                        Some(f.at),
                        "missing required field `kind` (strategic or operational)".to_string(),
                    );
                    f.diags.push(d);
                    None
                }
            };
            let attendees = f.string_list("attendees");
            let decisions = f.string_list("decisions");
            f.finish(&[COMMON, REVIEW_FIELDS].concat(), &lints::UNKNOWN_FIELD);
            let Some(date) = date else {
                return finish(out, refs, None);
            };
            let kind_text = review_kind.unwrap_or_else(|| "operational".into());
            let mut meta = meta;
            if title.is_none() {
                meta.title = format!("{} review {}", capitalize(&kind_text), date.written);
            }
            Doc::Review(Review {
                meta,
                date,
                kind: kind_text,
                attendees: texts(attendees),
                decisions: texts(decisions),
            })
        }
        Kind::Page => {
            let description = f.string("description");
            let order = f.integer("order", i64::MIN, i64::MAX);
            f.finish(&[COMMON, PAGE_FIELDS].concat(), &lints::UNKNOWN_FIELD);
            let mut meta = meta;
            if title.is_none() {
                meta.title = first_heading(&meta.body).unwrap_or_else(|| meta.id.clone());
            }
            Doc::Page(Page {
                meta,
                description,
                order,
            })
        }
    };
    // `[[id]]` links in the body are references too.
    for link in markdown::wikilinks(&doc.meta().body) {
        let before = &doc.meta().body[..link.offset];
        let line = doc.meta().body_offset + before.matches('\n').count() as u32 + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
        refs.push(Ref {
            path: path.to_string(),
            span: Span::new(line, col, link.len as u32),
            target: link.target,
            field: LINK_FIELD,
            accept: Accept::Any,
            relation: "Mentioned in",
            from: id.clone(),
        });
    }
    if !config.build.allow_html {
        if let Some(offset) = markdown::raw_html_too_deep(&doc.meta().body) {
            let before = &doc.meta().body[..offset];
            let line = doc.meta().body_offset + before.matches('\n').count() as u32 + 1;
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
            out.diags.push(d);
        }
    }
    finish(out, refs, Some(doc))
}

/// The kind a document that could not be read would have had: its
/// folder's, else the one a `kind:` line names (read as plain text), else a
/// page.
fn unreadable_kind(file: &SourceFile) -> Kind {
    if let Some(kind) = file
        .rel
        .split_once('/')
        .and_then(|(dir, _)| Kind::from_dir(dir))
    {
        return kind;
    }
    String::from_utf8_lossy(&file.bytes)
        .lines()
        .find_map(|l| {
            let value = l
                .strip_prefix("kind:")
                .or_else(|| l.strip_prefix("kind ="))?;
            Kind::from_name(value.trim().trim_matches('"'))
        })
        .unwrap_or(Kind::Page)
}

/// What usually causes a YAML error, said in the user's terms: the
/// parser's own words (`simple key expected ':'`) name its grammar.
fn yaml_help(front: &str, message: &str, line: u32) -> Option<(String, Option<Span>)> {
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
        return Some((
            format!("put a space after the colon: `{key}: {value}`"),
            Some(at),
        ));
    }
    if message.contains("mapping values are not allowed") {
        return Some((
            "a `key: value` sits inside a value here: check this line's indentation, or quote a value that contains `: `"
                .into(),
            None,
        ));
    }
    None
}

fn finish(mut out: Parsed, refs: Vec<Ref>, doc: Option<Doc>) -> Parsed {
    if doc.is_some() {
        out.failed_id = None;
    }
    out.refs = refs;
    out.doc = doc;
    out
}

#[allow(clippy::too_many_arguments)]
fn read_milestones(
    node: &Node,
    path: &str,
    initiative: &str,
    owner: &str,
    fy: u8,
    diags: &mut Vec<Diagnostic>,
    push_refs: &mut impl FnMut(&[Spanned], &'static str, Accept, &'static str, &str),
    dropped: &mut Vec<String>,
) -> Vec<Milestone> {
    let Value::Seq(items) = &node.value else {
        diags.push(lints::INVALID_FIELD.at(
            path,
            Some(span_of(node)),
            format!("`milestones` must be a list, found {}", node.kind_name()),
        ));
        return Vec::new();
    };
    let mut out: Vec<Milestone> = Vec::new();
    // A set, not a scan of `out`: thousands of milestones stay linear.
    let mut seen: HashSet<String> = HashSet::new();
    for item in items {
        let Some(mut f) = Fields::new(path, item, "a milestone", diags) else {
            continue;
        };
        let id = f.string_spanned("id");
        if id.is_none() {
            let d = lints::MISSING_FIELD.at(
                path,
                Some(f.at),
                "milestone is missing its `id`".to_string(),
            );
            f.diags.push(d);
        }
        let title = f.required_string("title");
        let due_span = f.take("due").map(span_of);
        let done_span = f.take("done").map(span_of);
        let due = f.required_date("due", Edge::End, fy);
        let ms_owner = f.string("owner").unwrap_or_else(|| owner.to_string());
        let criteria = f.string_list("criteria");
        let done = f.date("done", Edge::End, fy);
        let baseline = f.date("baseline", Edge::End, fy);
        let gate = f.boolean("gate").unwrap_or(false);
        let depends_on = f.string_list("depends_on");
        f.finish(MILESTONE_FIELDS, &lints::UNKNOWN_FIELD);
        let Some(id) = id else { continue };
        if !valid_id(&id.text) {
            let mut d = lints::INVALID_ID.at(
                path,
                Some(id.span),
                format!("invalid milestone id `{}`", id.text),
            );
            d.help = Some("use letters, digits, `-`, `_` and `.`".into());
            diags.push(d);
            continue;
        }
        if !seen.insert(id.text.clone()) {
            diags.push(lints::DUPLICATE_ID.at(
                path,
                Some(id.span),
                format!("duplicate milestone id `{}` in this initiative", id.text),
            ));
            continue;
        }
        let gid = format!("{initiative}/{}", id.text);
        push_refs(
            &depends_on,
            "depends_on",
            Accept::KindsOrMilestone(&[Kind::Initiative]),
            "Depended on by",
            &gid,
        );
        let (Some(title), Some(due)) = (title, due) else {
            // Reported already: references to it must not say it is unknown.
            dropped.push(gid);
            continue;
        };
        out.push(Milestone {
            id: id.text,
            gid,
            initiative: initiative.to_string(),
            title,
            due,
            owner: ms_owner,
            criteria: texts(criteria),
            done,
            baseline,
            gate,
            depends_on: texts(depends_on),
            line: item.line,
            col: item.col,
            due_span,
            done_span,
        });
    }
    out
}

/// `{ 2026-Q1: 40, 2026-Q3: 45 }` → sorted (date, number) pairs.
fn read_dated_numbers(
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
fn read_dated_numbers_checked(
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
            continue;
        };
        match v.as_f64() {
            Some(n) => match check(n) {
                None => out.push((d, n)),
                Some(msg) => diags.push(lints::INVALID_FIELD.at(path, Some(span_of(v)), msg)),
            },
            None => diags.push(lints::INVALID_FIELD.at(
                path,
                Some(span_of(v)),
                format!("`{key}` values must be numbers, found {}", v.kind_name()),
            )),
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn read_per_quarter(
    node: &Node,
    path: &str,
    key: &str,
    fy: u8,
    max: Option<f64>,
    diags: &mut Vec<Diagnostic>,
) -> PerQuarter {
    let in_range = |n: f64| n >= 0.0 && max.is_none_or(|m| n <= m);
    let range_msg = match max {
        Some(m) => format!("`{key}` must be between 0 and {m}"),
        None => format!("`{key}` must be a non-negative number"),
    };
    if let Some(n) = node.as_f64() {
        if in_range(n) {
            return PerQuarter {
                default: Some(n),
                by_quarter: Vec::new(),
            };
        }
        diags.push(lints::INVALID_FIELD.at(path, Some(span_of(node)), range_msg));
        return PerQuarter::default();
    }
    if node.entries().is_none() {
        diags.push(lints::INVALID_FIELD.at(
            path,
            Some(span_of(node)),
            format!(
                "`{key}` must be a number or a map quarter → number, found {}",
                node.kind_name()
            ),
        ));
        return PerQuarter::default();
    }
    let ok = read_dated_numbers_checked(node, path, key, fy, diags, |n| {
        (!in_range(n)).then(|| range_msg.clone())
    });
    PerQuarter {
        default: None,
        by_quarter: ok,
    }
}

fn read_data(node: &Node, path: &str, fy: u8, diags: &mut Vec<Diagnostic>) -> Vec<DataPoint> {
    match &node.value {
        Value::Seq(items) => {
            let mut out = Vec::new();
            for item in items {
                match &item.value {
                    Value::Seq(pair) if pair.len() == 2 => {
                        let Some(date) =
                            fields::parse_date_node(path, &pair[0], "data", Edge::Start, fy, diags)
                        else {
                            continue;
                        };
                        match pair[1].as_f64() {
                            Some(value) => out.push(DataPoint {
                                date,
                                value,
                                target: None,
                            }),
                            None => diags.push(lints::INVALID_FIELD.at(
                                path,
                                Some(span_of(&pair[1])),
                                format!(
                                    "a data value must be a number, found {}",
                                    pair[1].kind_name()
                                ),
                            )),
                        }
                    }
                    _ => diags.push(lints::INVALID_FIELD.at(
                        path,
                        Some(span_of(item)),
                        "each data point is a pair `[date, value]`".to_string(),
                    )),
                }
            }
            out
        }
        Value::Map(_) => read_dated_numbers(node, path, "data", fy, diags)
            .into_iter()
            .map(|(date, value)| DataPoint {
                date,
                value,
                target: None,
            })
            .collect(),
        _ => {
            diags.push(lints::INVALID_FIELD.at(
                path,
                Some(span_of(node)),
                "`data` must be a list of `[date, value]` pairs".to_string(),
            ));
            Vec::new()
        }
    }
}

/// `data_file`: a CSV under `content/` with `date,value[,target]`. Only files
/// the source stage read are visible, which keeps reads inside the project.
fn read_csv(
    df: &Spanned,
    path: &str,
    files: &HashMap<&str, &SourceFile>,
    fy: u8,
    diags: &mut Vec<Diagnostic>,
) -> Vec<DataPoint> {
    let rel = df.text.trim_start_matches("./");
    let escapes = rel.starts_with('/') || rel.split('/').any(|p| p == "..");
    let Some(file) = files.get(rel).filter(|_| !escapes) else {
        let mut d = lints::UNKNOWN_REFERENCE.at(
            path,
            Some(df.span),
            format!("data file `{}` not found under the content folder", df.text),
        );
        let names: Vec<&str> = files
            .keys()
            .copied()
            .filter(|k| k.ends_with(".csv"))
            .collect();
        d.help = closest(rel, names.iter().copied())
            .map(|c| format!("did you mean `{c}`?"))
            .or_else(|| {
                Some("paths are relative to the content folder, e.g. `data/nps.csv`".into())
            });
        diags.push(d);
        return Vec::new();
    };
    let csv_path = file.display.as_str();
    let Ok(text) = std::str::from_utf8(&file.bytes) else {
        diags.push(lints::READ.at(
            csv_path,
            None,
            "data file is not valid UTF-8 text".to_string(),
        ));
        return Vec::new();
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = match data::rows(text) {
        Ok(rows) => rows,
        Err(e) => {
            let mut d =
                lints::INVALID_FIELD.at(csv_path, Some(Span::new(e.line.max(1), 1, 1)), e.message);
            d.help = Some(
                "first line: `date,value` (optionally `,target`), then one row per data point"
                    .into(),
            );
            diags.push(d);
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for row in rows {
        let date = match date::parse(&row.date, Edge::Start, fy) {
            Ok(d) => d,
            Err(msg) => {
                let span = Span::new(row.line, row.date_col, row.date.chars().count() as u32);
                diags.push(lints::INVALID_DATE.at(csv_path, Some(span), msg));
                continue;
            }
        };
        let value = match data::number(&row.value) {
            Ok(v) => v,
            Err(msg) => {
                let span = Span::new(row.line, row.value_col, row.value.chars().count() as u32);
                let mut d = lints::INVALID_FIELD.at(csv_path, Some(span), msg);
                d.help =
                    Some("write plain numbers: `1234.5`, no thousands separators or units".into());
                diags.push(d);
                continue;
            }
        };
        let target = row.target.as_deref().and_then(|t| data::number(t).ok());
        out.push(DataPoint {
            date,
            value,
            target,
        });
    }
    out
}

fn texts(list: Vec<Spanned>) -> Vec<String> {
    list.into_iter().map(|s| s.text).collect()
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn first_heading(body: &str) -> Option<String> {
    body.lines()
        .find_map(|l| l.strip_prefix("# ").map(|t| t.trim().to_string()))
}

fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file(rel: &str, text: &str) -> SourceFile {
        SourceFile {
            rel: rel.into(),
            display: format!("content/{rel}"),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn build_files(files: &[SourceFile]) -> (Roadmap, Vec<Diagnostic>) {
        build(files, &Config::with_defaults(Path::new("/p"), "2026-11-25"))
    }

    #[test]
    fn versions_share_parsed_documents_under_their_own_paths() {
        let config = Config::with_defaults(Path::new("/p"), "2026-11-25");
        let at = |prefix: &str, rel: &str, text: &str| SourceFile {
            rel: rel.into(),
            display: format!("{prefix}content/{rel}"),
            bytes: text.as_bytes().to_vec(),
        };
        let init = "---\ntitle: I\nowner: A\nstatus: activ\noutcomes: [o, nope]\n---\n";
        let version = |prefix: &str, outcome: &str| {
            vec![
                at(prefix, "outcomes/o.md", outcome),
                at(prefix, "initiatives/i.md", init),
            ]
        };
        let cache = ParseCache::default();
        let (q2, d2) = build_with(
            &version("snapshots/q2/", "---\ntitle: Old\nowner: A\n---\n"),
            &config,
            Some(&cache),
        );
        let (q3, d3) = build_with(
            &version("snapshots/q3/", "---\ntitle: New\nowner: A\n---\n"),
            &config,
            Some(&cache),
        );
        // The shared initiative was parsed once, and each version's copy
        // (its path, its findings, its references) names its own file.
        assert_eq!(cache.docs.lock().unwrap().len(), 3);
        assert_eq!(
            q2.initiatives[0].meta.path,
            "snapshots/q2/content/initiatives/i.md"
        );
        assert_eq!(
            q3.initiatives[0].meta.path,
            "snapshots/q3/content/initiatives/i.md"
        );
        for (diags, prefix) in [(&d2, "snapshots/q2/"), (&d3, "snapshots/q3/")] {
            let paths: Vec<&str> = diags.iter().map(|d| d.path.as_str()).collect();
            assert_eq!(paths.len(), 2, "{diags:?}");
            assert!(
                paths
                    .iter()
                    .all(|p| *p == format!("{prefix}content/initiatives/i.md")),
                "{paths:?}"
            );
        }
        // Files that differ are each read as they are.
        assert_eq!(q2.outcomes[0].meta.title, "Old");
        assert_eq!(q3.outcomes[0].meta.title, "New");
        // And the result is what a build without the cache gives.
        let (plain, plain_diags) = build(
            &version("snapshots/q3/", "---\ntitle: New\nowner: A\n---\n"),
            &config,
        );
        assert_eq!(
            format!("{:?}", plain.initiatives),
            format!("{:?}", q3.initiatives)
        );
        assert_eq!(format!("{plain_diags:?}"), format!("{d3:?}"));
    }

    #[test]
    fn ids_are_plain() {
        for ok in ["erp-cloud", "Q1_plan", "v2.0"] {
            assert!(valid_id(ok), "{ok}");
        }
        for bad in ["", ".hidden", "a b", "a/b", "../x", "café"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn references_resolve_with_backlinks_both_ways() {
        let (r, diags) = build_files(&[
            file("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
            file("kpis/k.md", "---\ntitle: K\noutcome: o\n---\n"),
            file("teams/t.md", "---\ntitle: T\ncapacity: 100\n---\n"),
            file(
                "initiatives/i.md",
                "---\ntitle: I\nowner: B\noutcomes: [o]\nteams: [t, u]\neffort: 100\nmilestones:\n  - id: m\n    title: M\n    due: 2026-Q4\n    depends_on: [j]\n---\n",
            ),
            file("initiatives/j.md", "---\ntitle: J\nowner: B\noutcomes: o\n---\n"),
            file("teams/u.md", "---\nkind: team\ntitle: U\ncapacity: { 2026-Q1: 50 }\n---\n"),
        ]);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            r.outcomes[0].kpis,
            vec!["k"],
            "a KPI naming its outcome joins the outcome's list"
        );
        let served: Vec<_> = r
            .backlinks_of("o")
            .iter()
            .filter(|b| b.relation == "Served by")
            .map(|b| b.from.as_str())
            .collect();
        assert_eq!(served, vec!["i", "j"]);
        assert_eq!(
            r.backlinks_of("j")[0],
            Backlink {
                relation: "Depended on by",
                from: "i/m".into()
            }
        );
        let i = r.initiative("i").unwrap();
        assert_eq!(
            i.effort.get("t"),
            Some(&50.0),
            "effort splits evenly over teams"
        );
        assert_eq!(i.milestones[0].due.day, jiff::civil::date(2026, 12, 31));
        assert_eq!(r.link_target("i/m").unwrap().1, "initiatives/i.html#m-m");
    }

    #[test]
    fn unknown_references_point_at_the_value_and_suggest() {
        let (_, diags) = build_files(&[
            file("outcomes/erp-cloud.md", "---\ntitle: O\nowner: A\n---\n"),
            file(
                "initiatives/i.md",
                "---\ntitle: I\nowner: B\noutcomes: [erp-clod]\n---\n",
            ),
        ]);
        assert_eq!(diags.len(), 1);
        let d = &diags[0];
        assert_eq!(
            (d.code, d.span.unwrap().line, d.span.unwrap().col),
            ("RB0102", 4, 12)
        );
        assert_eq!(d.help.as_deref(), Some("did you mean `erp-cloud`?"));
    }

    #[test]
    fn duplicate_ids_across_kinds_name_both_files() {
        let (_, diags) = build_files(&[
            file("outcomes/x.md", "---\ntitle: O\nowner: A\n---\n"),
            file("teams/y.md", "---\nid: x\ntitle: T\ncapacity: 1\n---\n"),
        ]);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].path, "content/teams/y.md");
        assert_eq!(diags[0].span.unwrap().line, 2);
        assert!(diags[0]
            .help
            .as_deref()
            .unwrap()
            .contains("content/outcomes/x.md"));
    }

    #[test]
    fn free_pages_need_no_front_matter() {
        let (r, diags) = build_files(&[file("guides/howto.md", "# How to plan\n\nText\n")]);
        assert!(diags.is_empty());
        assert_eq!(r.pages[0].meta.title, "How to plan");
        assert_eq!(r.pages[0].meta.url, "pages/guides/howto.html");
    }
}
