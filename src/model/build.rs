//! From parsed documents to the typed [`Roadmap`]: each document is read
//! into its item in parallel (`read.rs`, then one reader per kind), then
//! duplicate ids are settled, ids indexed and every reference resolved in
//! one pass, collecting every problem on the way.

use super::data_files::DataFiles;
use super::read::{read_document, LINK_FIELD};
use super::*;
pub use crate::base::id::valid_id;
use crate::config::Config;
use crate::diag::{closest, Diagnostic, Span};
use crate::lints;
use crate::parse::document::{self, Document};
use crate::source::SourceFile;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};

// The field tables live with each kind's reader; the lists other stages
// show (statuses, health) are re-exported from there.
pub use super::initiative::STATUSES;
pub use super::kpi::data_file_not_found;

/// What a reference may point at.
#[derive(Debug, Clone, Copy)]
pub(super) enum Accept {
    Kinds(&'static [Kind]),
    KindsOrMilestone(&'static [Kind]),
    Any,
}

/// What a field's references are: named `field` in findings, taking
/// `accept`, recorded on their targets under `relation`. One for each
/// field, shared by its references.
#[derive(Debug)]
pub(super) struct RefKind {
    pub field: &'static str,
    pub accept: Accept,
    pub relation: &'static str,
}

#[derive(Debug, Clone)]
pub(super) struct Ref {
    /// Its document's shown path, one allocation for all of the
    /// document's references: the parse cache keeps them for every
    /// version read, and with a copy of the path, the target and the
    /// source id each they were most of its bookkeeping (at 10,000
    /// initiatives with 8 snapshots, 13 MB of references at the peak of
    /// reading the snapshots).
    pub path: std::sync::Arc<str>,
    pub span: Span,
    pub target: Sym,
    /// Its field's, shared: held in each reference, the field's name, what
    /// it takes and the relation made half its size, and the parse cache
    /// keeps every version's references until the last is read.
    pub kind: &'static RefKind,
    pub from: Sym,
}

#[derive(Clone)]
pub(super) enum Doc {
    Outcome(Box<Outcome>),
    Initiative(std::sync::Arc<Initiative>),
    Kpi(std::sync::Arc<Kpi>),
    Team(Box<Team>),
    Capability(Box<Capability>),
    Change(Box<Change>),
    Review(Box<Review>),
    Risk(Box<Risk>),
    Page(Box<Page>),
}

impl Doc {
    pub fn meta(&self) -> &Meta {
        match self {
            Doc::Outcome(x) => &x.meta,
            Doc::Initiative(x) => &x.meta,
            Doc::Kpi(x) => &x.meta,
            Doc::Team(x) => &x.meta,
            Doc::Capability(x) => &x.meta,
            Doc::Change(x) => &x.meta,
            Doc::Review(x) => &x.meta,
            Doc::Risk(x) => &x.meta,
            Doc::Page(x) => &x.meta,
        }
    }

    /// The item's meta, to change: an initiative or KPI shared with
    /// another version is copied first.
    fn meta_mut(&mut self) -> &mut Meta {
        use std::sync::Arc;
        match self {
            Doc::Outcome(x) => &mut x.meta,
            Doc::Initiative(x) => &mut Arc::make_mut(x).meta,
            Doc::Kpi(x) => &mut Arc::make_mut(x).meta,
            Doc::Team(x) => &mut x.meta,
            Doc::Capability(x) => &mut x.meta,
            Doc::Change(x) => &mut x.meta,
            Doc::Review(x) => &mut x.meta,
            Doc::Risk(x) => &mut x.meta,
            Doc::Page(x) => &mut x.meta,
        }
    }

    /// Drop what only the item's own page reads. An initiative or KPI
    /// shared with another version or the working tree is left whole:
    /// copying it to slim it would undo the sharing.
    fn keep_for_history(&mut self) {
        let meta = match self {
            Doc::Initiative(x) => std::sync::Arc::get_mut(x).map(|x| {
                // As a KPI's figures' places, below.
                x.spend_at = Vec::new();
                &mut x.meta
            }),
            Doc::Kpi(x) => std::sync::Arc::get_mut(x).map(|x| {
                // Where its figures are written is for the findings of
                // the version checked, not for the history: 1.2 MB a
                // version at 10,000 initiatives, whose KPIs all gain a
                // figure each quarter.
                x.figures_at = Vec::new();
                &mut x.meta
            }),
            Doc::Outcome(x) => Some(&mut x.meta),
            Doc::Team(x) => Some(&mut x.meta),
            Doc::Capability(x) => Some(&mut x.meta),
            Doc::Change(x) => Some(&mut x.meta),
            Doc::Review(x) => Some(&mut x.meta),
            Doc::Risk(x) => Some(&mut x.meta),
            Doc::Page(x) => Some(&mut x.meta),
        };
        if let Some(meta) = meta {
            meta.keep_for_history();
        }
    }
}

#[derive(Clone)]
pub(super) struct Parsed {
    pub doc: Option<Doc>,
    /// The ids of a document that could not be read (its file's stem, and
    /// the id it was likely meant to have), so references to them are not
    /// reported a second time as unknown.
    pub failed_id: Vec<String>,
    pub id_span: Option<Span>,
    pub refs: Vec<Ref>,
    pub diags: Vec<Diagnostic>,
}

/// Build the roadmap from every source file. The roadmap is returned even
/// when there are errors, so `check` can report everything at once.
pub fn build(files: &[SourceFile], config: &Config) -> (Roadmap, Vec<Diagnostic>) {
    build_with(files, config, None)
}

/// Documents already parsed in another version of the roadmap: snapshots
/// share most of their files with each other and with the working tree,
/// and a file with the same path and bytes reads the same wherever it sits
/// (only the folder in its shown path differs).
#[derive(Default)]
pub struct ParseCache {
    /// Keyed by path, the settings reading depends on and a hash of the
    /// bytes. The first version to need a document parses it; one read at
    /// the same time waits for that instead of parsing it too.
    docs: std::sync::Mutex<HashMap<CacheKey, std::sync::Arc<std::sync::OnceLock<Cached>>>>,
    /// Documents are kept whole (see [`ParseCache::whole`]), not lean.
    whole: bool,
    /// The keys asked for since [`ParseCache::keep_last_version`].
    asked: std::sync::Mutex<HashSet<CacheKey>>,
}

type CacheKey = (String, u8, bool, u64);

struct Cached {
    /// The file's length and a second hash of its bytes: with the key's
    /// hash, 128 bits that tell files apart without keeping every
    /// version's bytes.
    check: (usize, u64),
    /// The shown path without `rel`: what differs between versions.
    prefix: String,
    /// What it read of data files (see [`data_read`]).
    data: Option<u64>,
    parsed: Parsed,
}

/// What a document read of the data files it names (an initiative's
/// `spend_file`, a KPI's `data_file`), hashed with the setting reading
/// them depends on: the same document reading the same rows reads the
/// same in another version. `None` when it names a file the version does
/// not have (the finding lists the version's other files).
fn data_read(parsed: &Parsed, config: &Config, data_files: &DataFiles<'_>) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let (named, initiative) = match &parsed.doc {
        Some(Doc::Initiative(i)) => (i.spend_file.as_deref(), Some(i.meta.id.as_str())),
        Some(Doc::Kpi(k)) => (k.data_file.as_deref(), None),
        _ => (None, None),
    };
    let mut h = std::collections::hash_map::DefaultHasher::new();
    if let Some(named) = named {
        data_files.read_check(named, initiative)?.hash(&mut h);
        config.budget.currency.hash(&mut h);
    }
    Some(h.finish())
}

/// A file's length and a hash of its bytes: whether two reads of it agree.
pub(crate) type Check = (usize, u64);

/// The file's length and a second hash of its bytes.
pub(crate) fn check_of(bytes: &[u8]) -> Check {
    (bytes.len(), content_hashers().1.hash_one(bytes))
}

/// Two hashers of files' bytes, independent of each other, each seeded
/// once per process: the cache's key and a file's check, together 128
/// bits, are compared only within one run. Every `serve` rebuild hashes
/// every file's bytes twice (45 MB of Markdown at 10,000 initiatives),
/// which std's SipHash does at a fraction of ahash's speed.
fn content_hashers() -> &'static (ahash::RandomState, ahash::RandomState) {
    static HASHERS: std::sync::OnceLock<(ahash::RandomState, ahash::RandomState)> =
        std::sync::OnceLock::new();
    HASHERS.get_or_init(|| (ahash::RandomState::new(), ahash::RandomState::new()))
}

impl ParseCache {
    /// A cache of whole documents (bodies and all), for versions read one
    /// after another to be rendered: a file unchanged since the version
    /// before is not parsed again. Call [`ParseCache::keep_last_version`]
    /// after each version, so it never holds more than one version's
    /// documents.
    pub fn whole() -> ParseCache {
        ParseCache {
            whole: true,
            ..ParseCache::default()
        }
    }

    /// Forget every document the version read last did not have (a cache
    /// of lean documents, shared by versions read together, keeps all).
    pub fn keep_last_version(&self) {
        if !self.whole {
            return;
        }
        let mut asked = self.asked.lock().unwrap_or_else(|e| e.into_inner());
        let mut docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
        docs.retain(|key, _| asked.contains(key));
        asked.clear();
    }

    /// The slot of `file`'s document and the folder its shown path starts
    /// with, or `None` for a file that is read afresh in every version.
    fn slot<'f>(
        &self,
        file: &'f SourceFile,
        config: &Config,
    ) -> Option<(
        std::sync::Arc<std::sync::OnceLock<Cached>>,
        &'f str,
        CacheKey,
    )> {
        let prefix = file.display.strip_suffix(&file.rel)?;
        let key = (
            file.rel.clone(),
            config.roadmap.fiscal_year_start,
            config.build.allow_html,
            content_hashers().0.hash_one(&file.bytes[..]),
        );
        if self.whole {
            self.asked
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key.clone());
        }
        let slot = self
            .docs
            .lock()
            .ok()
            .map(|mut d| d.entry(key.clone()).or_default().clone())?;
        Some((slot, prefix, key))
    }

    /// Offer a document of the working tree to the versions read next: a
    /// snapshot's file with the same bytes then holds the working tree's
    /// own initiative or KPI rather than a copy.
    fn seed(
        &self,
        file: &SourceFile,
        config: &Config,
        parsed: &Parsed,
        data_files: &DataFiles<'_>,
    ) {
        let Some((slot, prefix, _)) = self.slot(file, config) else {
            return;
        };
        slot.get_or_init(|| {
            let mut parsed = parsed.clone();
            // The working tree dates its item where its day makes a
            // milestone's `done` ahead ([`dated`]): shared with the cache,
            // it was copied whole, body and all, beside the original the
            // snapshots went on sharing (at 10,000 initiatives with 8
            // snapshots, 10 MB of bodies alone). The cache takes a copy of
            // its own instead, made lean.
            if let Some(Doc::Initiative(i)) = &mut parsed.doc {
                if i.milestones.iter().any(|m| done_ahead(m, config.today.day)) {
                    *i = std::sync::Arc::new(Initiative::clone(i));
                }
            }
            self.cached(parsed, file, prefix, config, data_files)
        });
    }

    /// `parsed`, as the cache keeps it for the versions read after.
    fn cached(
        &self,
        mut parsed: Parsed,
        file: &SourceFile,
        prefix: &str,
        config: &Config,
        data_files: &DataFiles<'_>,
    ) -> Cached {
        // Versions read lean are loaded for the history only.
        if let Some(doc) = parsed.doc.as_mut().filter(|_| !self.whole) {
            doc.keep_for_history();
        }
        // Kept until every version is read: what pushing left spare is
        // given back (the references alone were 16 MB at 10,000
        // initiatives with 8 snapshots).
        parsed.refs.shrink_to_fit();
        parsed.diags.shrink_to_fit();
        Cached {
            check: check_of(&file.bytes),
            prefix: prefix.to_string(),
            data: data_read(&parsed, config, data_files),
            parsed,
        }
    }

    fn parse(&self, file: &SourceFile, config: &Config, data_files: &DataFiles<'_>) -> Parsed {
        let Some((slot, prefix, key)) = self.slot(file, config) else {
            return read(file, config, data_files);
        };
        // No rayon inside: a worker waiting here must not be handed the
        // job that fills this very slot.
        let cached = slot.get_or_init(|| {
            self.cached(
                read(file, config, data_files),
                file,
                prefix,
                config,
                data_files,
            )
        });
        if cached.check != check_of(&file.bytes) {
            return read(file, config, data_files);
        }
        // The same document reading other rows of its data file (a spend
        // export with this quarter's months) is read again, and the
        // versions after this one share that reading: one initiative per
        // version held for the history, each with its own copy of every
        // milestone, took 280 MB at 10,000 initiatives and 8 snapshots.
        let data = data_read(&cached.parsed, config, data_files);
        if data.is_none() || data != cached.data {
            let mine = self.cached(
                read(file, config, data_files),
                file,
                prefix,
                config,
                data_files,
            );
            let parsed = mine.parsed.clone();
            if let Ok(mut docs) = self.docs.lock() {
                docs.insert(key, std::sync::Arc::new(std::sync::OnceLock::from(mine)));
            }
            return parsed;
        }
        let mut parsed = cached.parsed.clone();
        let moved = |path: &mut String| {
            if let Some(rest) = path.strip_prefix(&cached.prefix) {
                *path = format!("{prefix}{rest}");
            }
        };
        // A lean document is shared as it is (it keeps no path; the
        // working tree's own keeps its own); a whole one is this version's
        // page, which shows its source path.
        parsed.diags.iter_mut().for_each(|d| moved(&mut d.path));
        // A document's references hold its one path (see `Ref::path`).
        let mut shown: Option<std::sync::Arc<str>> = None;
        for r in &mut parsed.refs {
            let now = shown.get_or_insert_with(|| {
                let mut path = r.path.to_string();
                moved(&mut path);
                path.into()
            });
            r.path = std::sync::Arc::clone(now);
        }
        if let Some(doc) = parsed.doc.as_mut().filter(|_| self.whole) {
            if cached.prefix != prefix {
                moved(&mut doc.meta_mut().path);
                // The next version reuses this version's copy: the cache
                // then holds the initiative or KPI this version holds, not
                // a second one. (Other kinds are few and small and are
                // copied; the parse is what reuse saves.)
                let mine = Cached {
                    check: cached.check,
                    prefix: prefix.to_string(),
                    data: cached.data,
                    parsed: parsed.clone(),
                };
                if let Ok(mut docs) = self.docs.lock() {
                    docs.insert(key, std::sync::Arc::new(std::sync::OnceLock::from(mine)));
                }
            }
        }
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
    let data_files = DataFiles::of(files);
    let parsed: Vec<Parsed> = files
        .par_iter()
        .filter(|f| f.rel.ends_with(".md"))
        .map(|f| match cache {
            Some(c) => c.parse(f, config, &data_files),
            None => read(f, config, &data_files),
        })
        .collect();
    dated(assemble(files, parsed, &data_files), config)
}

/// What reading a file cannot settle, since it depends on the roadmap's
/// day and a document is read once for every version that shares it: a
/// milestone marked done in a period that has not begun is open.
fn dated(
    (mut roadmap, diags): (Roadmap, Vec<Diagnostic>),
    config: &Config,
) -> (Roadmap, Vec<Diagnostic>) {
    let today = config.today.day;
    roadmap.fiscal_year_start = config.roadmap.fiscal_year_start;
    let ahead = |m: &crate::model::Milestone| done_ahead(m, today);
    for i in &mut roadmap.initiatives {
        // Shared with the versions that read the same file: copied only
        // where this version's day changes it.
        if i.milestones.iter().any(ahead) {
            for m in &mut std::sync::Arc::make_mut(i).milestones {
                if ahead(m) {
                    m.done_ahead = m.done.take();
                }
            }
        }
    }
    (roadmap, diags)
}

/// Whether a milestone's `done` is in a period that has not begun on
/// `today`: `done: 2026-Q4` during that quarter is fine.
fn done_ahead(m: &crate::model::Milestone, today: jiff::civil::Date) -> bool {
    m.done.as_ref().is_some_and(|d| d.begins() > today)
}

/// Parse a file and read it: both stages at once, for a document no
/// earlier stage parsed.
fn read(file: &SourceFile, config: &Config, data_files: &DataFiles<'_>) -> Parsed {
    read_document(file, document::document(file), config, data_files)
}

/// The model of documents the parse stage produced (one per Markdown file
/// of `files`, in order): see [`parse::documents`](crate::parse::documents).
/// With `seed`, each document is offered to the snapshots read next (see
/// [`ParseCache`]).
pub fn from_documents(
    files: &[SourceFile],
    documents: Vec<Result<Document<'_>, Box<Diagnostic>>>,
    config: &Config,
    seed: Option<&ParseCache>,
) -> (Roadmap, Vec<Diagnostic>) {
    let data_files = DataFiles::of(files);
    let markdown: Vec<&SourceFile> = files.iter().filter(|f| f.rel.ends_with(".md")).collect();
    let parsed: Vec<Parsed> = documents
        .into_par_iter()
        .zip(markdown)
        .map(|(doc, file)| {
            let parsed = read_document(file, doc, config, &data_files);
            if let Some(cache) = seed {
                cache.seed(file, config, &parsed, &data_files);
            }
            parsed
        })
        .collect();
    dated(assemble(files, parsed, &data_files), config)
}

/// Each name in the `initiative` column of every spend file an initiative
/// reads that no initiative counts, file by file in path order (see
/// `Roadmap::unmatched_spend`). Only those are kept: a finance export
/// shared by 10,000 initiatives names each of them, in every version.
fn unmatched_spend(roadmap: &Roadmap, data_files: &DataFiles<'_>) -> Vec<LedgerName> {
    // As the initiative's own rows are read: by the path it names, exactly
    // (`finance.csv` is not `data/finance.csv`). A document that could not
    // be read was reported already; its rows are not said to be no one's.
    let counted = |name: &str, rel: &str| {
        roadmap.unread_ids.contains(name)
            || roadmap
                .initiative(name)
                .and_then(|j| j.spend_file.as_deref())
                .is_some_and(|sf| sf.trim_start_matches("./") == rel)
    };
    let read: BTreeSet<&str> = roadmap
        .initiatives
        .iter()
        .filter_map(|i| i.spend_file.as_deref())
        .map(|sf| sf.trim_start_matches("./"))
        .collect();
    read.into_iter()
        .filter_map(|rel| Some((rel, data_files.table(rel)?)))
        .filter(|(_, (_, table))| table.is_ledger())
        .flat_map(|(rel, (file, table))| {
            let unmatched = table
                .names
                .iter()
                .filter(move |(name, _)| !counted(name, rel));
            unmatched.map(|(name, span)| {
                let mut amounts: Vec<(Option<String>, f64, usize)> = Vec::new();
                for row in table.rows_of(name) {
                    // As an initiative's own rows would read, but for
                    // `30.000`, which they refuse and is thirty thousand.
                    let plain = crate::parse::data::dotted_thousands(&row.value);
                    let value = crate::parse::data::number(plain.as_deref().unwrap_or(&row.value))
                        .unwrap_or(0.0);
                    let currency = row
                        .currency
                        .as_ref()
                        .map(|(c, _)| c.trim())
                        .filter(|c| !c.is_empty())
                        .map(crate::words::currency_code);
                    match amounts.iter_mut().find(|(c, _, _)| *c == currency) {
                        Some((_, sum, rows)) => {
                            *sum += value;
                            *rows += 1;
                        }
                        None => amounts.push((currency, value, 1)),
                    }
                }
                LedgerName {
                    initiative: name.clone(),
                    path: file.display.clone(),
                    span: *span,
                    amounts,
                }
            })
        })
        .collect()
}

/// One roadmap from every document read: duplicate ids settled, items
/// sorted and indexed, references resolved.
fn assemble(
    files: &[SourceFile],
    parsed: Vec<Parsed>,
    data_files: &DataFiles<'_>,
) -> (Roadmap, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut refs = Vec::new();
    let mut roadmap = Roadmap::default();
    // Keyed by the lower-case id: ids are case-sensitive, but `Index` and
    // `index` would be one file on macOS and Windows.
    let mut first_seen: HashMap<String, (String, String, Option<Span>)> = HashMap::new();
    // Ids whose document could not be read or was dropped as a duplicate:
    // references to them were reported with that document already.
    let mut unreadable: HashSet<String> = HashSet::new();
    // Ids two documents have, with what each one dropped would answer (its
    // kind, and an initiative's milestones): the one kept may be of another
    // kind than a reference expects, or lack the milestone it names.
    let mut duplicated: Dropped = HashMap::new();
    let markdown = files.iter().filter(|f| f.rel.ends_with(".md"));
    let docs = parsed.into_iter().zip(markdown);
    // An id a file name gives is kept over the same id an `id:` line
    // claims, whichever sorts first: the claim is the mistake, and every
    // reference to the id means the file so named (kept the other way, a
    // page claiming an outcome's id made each reference to the outcome an
    // error of its own). A stable sort: otherwise, the first read wins.
    // (An `id:` that repeats the file's own name claims nothing.)
    let claims = |p: &Parsed, file: &SourceFile| {
        let stem = std::path::Path::new(&file.rel)
            .file_stem()
            .and_then(|s| s.to_str());
        p.id_span.is_some()
            && p.doc
                .as_ref()
                .is_some_and(|d| Some(d.meta().id.as_str()) != stem)
    };
    // Partitioned, not sorted: a document is large, and each is moved once.
    let (named, claiming): (Vec<_>, Vec<_>) = docs.partition(|(p, file)| !claims(p, file));
    for (p, file) in named.into_iter().chain(claiming) {
        let claim = p.id_span.filter(|_| claims(&p, file));
        if p.doc.is_none() && !p.failed_id.is_empty() {
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
        // The file's shown path: an item kept lean for the history has none.
        let shown = &file.display;
        if let Some((other_id, other, other_span)) = first_seen.get(&meta.id.to_lowercase()) {
            // One mistake, one finding, where it was made: an `id:` line
            // that claims an id a file name already gives is the mistake,
            // whichever file sorts first.
            let (path, span, origin, help_other) = match (claim, other_span) {
                (None, Some(claimed)) => (
                    other.clone(),
                    *claimed,
                    "",
                    format!("`{shown}` has this id from its file name"),
                ),
                (Some(s), None) => (
                    shown.clone(),
                    s,
                    "",
                    format!("`{other}` has this id from its file name"),
                ),
                (Some(s), Some(_)) => (
                    shown.clone(),
                    s,
                    "",
                    format!("`{other}` already uses this id"),
                ),
                (None, None) => (
                    shown.clone(),
                    Span::new(1, 1, 3),
                    " (taken from the file name)",
                    format!("`{other}` already uses this id"),
                ),
            };
            // Both files by name in the headline: which one is the copy is
            // the user's call (a copy moved to `archive/` sorts first).
            let elsewhere = if path == *other { shown } else { other };
            let message = if *other_id == meta.id {
                format!("duplicate id `{}`{origin}, also in `{elsewhere}`", meta.id)
            } else {
                format!(
                    "id `{}`{origin} differs from `{other_id}` only in letter case",
                    meta.id
                )
            };
            if *other_id != meta.id {
                unreadable.insert(meta.id.clone());
            } else {
                let milestones = match &doc {
                    Doc::Initiative(i) => i.milestones.iter().map(|m| m.id).collect(),
                    _ => Vec::new(),
                };
                duplicated
                    .entry(meta.id.clone())
                    .or_default()
                    .push((meta.kind, milestones));
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
            (meta.id.clone(), shown.clone(), claim),
        );
        match doc {
            Doc::Outcome(x) => roadmap.outcomes.push(*x),
            Doc::Initiative(x) => roadmap.initiatives.push(x),
            Doc::Kpi(x) => roadmap.kpis.push(x),
            Doc::Team(x) => roadmap.teams.push(*x),
            Doc::Capability(x) => roadmap.capabilities.push(*x),
            Doc::Change(x) => roadmap.changes.push(*x),
            Doc::Review(x) => roadmap.reviews.push(*x),
            Doc::Risk(x) => roadmap.risks.push(*x),
            Doc::Page(x) => roadmap.pages.push(*x),
        }
    }
    sort_documents(&mut roadmap);
    roadmap.ids = crate::model::Ids::of(&roadmap);
    // A reference to a document that could not be read, or to one of its
    // milestones, was reported with that document already.
    let dropped: HashSet<&str> = roadmap
        .initiatives
        .iter()
        .flat_map(|i| i.dropped_milestones.iter().map(String::as_str))
        .collect();
    refs.retain(|r| {
        let doc = r.target.split('/').next().unwrap_or(&r.target);
        (!unreadable.contains(doc) || roadmap.has_id(doc)) && !dropped.contains(r.target.as_str())
    });
    resolve(&mut roadmap, refs, &duplicated, &mut diags);
    answerable(&mut roadmap);
    roadmap.linked_files = linked_files(&roadmap, files);
    roadmap.unread_ids = unreadable
        .into_iter()
        .filter(|id| !roadmap.has_id(id))
        .collect();
    roadmap.unmatched_spend = unmatched_spend(&roadmap, data_files);
    // A data file's own mistake (its header, its encoding, a row that
    // several initiatives read) is told by every document reading it:
    // once is enough.
    let mut told: BTreeSet<(String, Option<Span>, String)> = BTreeSet::new();
    diags.retain(|d| {
        !d.path.ends_with(".csv") || told.insert((d.path.clone(), d.span, d.message.clone()))
    });
    (roadmap, diags)
}

/// Who answers for what each change request naming no requester affects
/// (see [`Change::answerable`]): the owner of every initiative, milestone
/// (its initiative's) and outcome it affects, when that is one person.
fn answerable(r: &mut Roadmap) {
    let owners: Vec<Option<String>> = r
        .changes
        .iter()
        .map(|c| {
            // A requester that names nobody (blank, the placeholder, `n/a`)
            // is no requester: decided by the owner, it was the owner's
            // own (from a review).
            if c.requested_by.as_deref().is_some_and(names_someone) || c.affects.is_empty() {
                return None;
            }
            let mut owners = c.affects.iter().map(|id| {
                let initiative = id.split('/').next().unwrap_or(id);
                match (r.initiative(initiative), r.outcome(id)) {
                    (Some(i), _) => Some(i.owner.to_string()),
                    (None, Some(o)) => Some(o.owner.clone()),
                    _ => None,
                }
            });
            let first = owners.next()??;
            owners
                .all(|o| o.is_some_and(|o| crate::base::person::same(&o, &first)))
                .then_some(first)
        })
        .collect();
    for (c, owner) in r.changes.iter_mut().zip(owners) {
        c.answerable = owner;
        c.requester_decided = c.decided_by_requester();
    }
}

/// Who answered for what each change request of `r` naming no requester
/// affects when it was decided, as `earlier` (the versions before `r`,
/// oldest first) recorded it: the first version that had it approved,
/// after the last that had it proposed or rejected (a new decision). A
/// roadmap alone knows only today's owners: from a review, handing the
/// work to the one who had approved its re-plan a year before turned that
/// approval into a self-approval, and its slips into unapproved ones.
/// Returns each request whose answerable person it changed, with the one
/// it now holds (for a version read again, see [`carried_answerable`]).
pub fn carry_answerable<'a>(
    earlier: impl Iterator<Item = &'a Roadmap> + Clone,
    r: &mut Roadmap,
) -> Vec<(String, Option<String>)> {
    let mut carried = Vec::new();
    for c in r.changes.iter_mut() {
        if c.requested_by.as_deref().is_some_and(names_someone) || c.status != "approved" {
            continue;
        }
        let records = earlier.clone().map(|e| e.change(&c.meta.id));
        // The decision as recorded, and whether every record of it since
        // reads as this one does: one that named a requester, or another
        // decider, is the request rewritten since (from a review: taking
        // `requested_by` out of a self-approval, or writing today's owner
        // in as the decider, would otherwise carry an owner that clears it).
        let (mut then, mut same_since) = (None, true);
        for record in records {
            match record {
                Some(x) if x.status == "approved" => {
                    then = then.or(Some(x.answerable.clone()));
                    let decider = |c: &Change| c.decided_by.clone().unwrap_or_default();
                    same_since &= !x.requested_by.as_deref().is_some_and(names_someone)
                        && crate::base::person::same(&decider(x), &decider(c));
                }
                Some(_) => (then, same_since) = (None, true),
                None => {}
            }
        }
        if let Some(then) = then.filter(|then| same_since && *then != c.answerable) {
            c.answerable = then;
            c.requester_decided = c.decided_by_requester();
            carried.push((c.meta.id.clone(), c.answerable.clone()));
        }
    }
    carried
}

/// What [`carry_answerable`] changed of a version, put back on the same
/// version read again (whole, to be rendered, once the versions before it
/// are let go).
pub fn carried_answerable(r: &mut Roadmap, carried: &[(String, Option<String>)]) {
    for (id, answerable) in carried {
        if let Some(c) = r.changes.iter_mut().find(|c| &c.meta.id == id) {
            c.answerable = answerable.clone();
            c.requester_decided = c.decided_by_requester();
        }
    }
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
        .map(|f| (f.rel.clone(), f.bytes.to_vec()))
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
    r.risks.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    r.pages.sort_by(|a, b| {
        (a.order.unwrap_or(i64::MAX), &a.meta.title)
            .cmp(&(b.order.unwrap_or(i64::MAX), &b.meta.title))
    });
}

/// For `initiative/milestone` whose initiative exists, the nearest of its
/// own milestones (typed in part, or mistyped), or none: `Some(None)`.
/// Against every id, the initiative itself was nearer
/// (`network-refresh/wifi` gave `network-refresh`), a suggestion that would
/// widen a change request to the whole initiative. `None`: another kind of
/// reference, for the nearest id of all.
fn milestone_of_named_initiative(
    r: &Roadmap,
    accept: Accept,
    target: &str,
) -> Option<Option<String>> {
    if !matches!(accept, Accept::Any | Accept::KindsOrMilestone(_)) {
        return None;
    }
    let (initiative, wanted) = target.split_once('/')?;
    let found = r.initiative(initiative)?.milestone_meant(wanted);
    Some(found.map(|m| format!("{initiative}/{m}")))
}

/// A milestone named by its own id alone (`depends_on: [mvp]`): in full, as
/// `initiative/milestone`, of the referring item's initiative first, else
/// of the one initiative that has a milestone so named.
fn milestone_by_its_own_id(
    r: &Roadmap,
    accept: Accept,
    from: &str,
    target: &str,
) -> Option<String> {
    if !matches!(accept, Accept::Any | Accept::KindsOrMilestone(_)) || target.contains('/') {
        return None;
    }
    let has = |i: &Initiative| i.milestones.iter().any(|m| m.id == target);
    let own = from.split('/').next().unwrap_or(from);
    if r.initiative(own).is_some_and(&has) {
        return Some(format!("{own}/{target}"));
    }
    let mut holding = r.initiatives.iter().filter(|i| has(i));
    let only = holding.next()?;
    holding
        .next()
        .is_none()
        .then(|| format!("{}/{target}", only.meta.id))
}

/// Ids two documents have, each with what the one dropped would answer: its
/// kind, and an initiative's milestone ids.
type Dropped = HashMap<String, Vec<(Kind, Vec<Sym>)>>;

/// Whether a document dropped as a duplicate would answer `rf`.
fn answered_by_dropped(dropped: &Dropped, rf: &Ref) -> bool {
    let (id, milestone) = match rf.target.split_once('/') {
        Some((id, m)) => (id, Some(m)),
        None => (rf.target.as_str(), None),
    };
    let Some(docs) = dropped.get(id) else {
        return false;
    };
    docs.iter()
        .any(|(kind, milestones)| match (milestone, rf.kind.accept) {
            (None, Accept::Any) => true,
            (None, Accept::Kinds(kinds) | Accept::KindsOrMilestone(kinds)) => kinds.contains(kind),
            (Some(m), Accept::Any | Accept::KindsOrMilestone(_)) => {
                milestones.iter().any(|x| x.as_str() == m)
            }
            (Some(_), Accept::Kinds(_)) => false,
        })
}

/// `duplicated`: what the documents dropped as duplicates would answer. A
/// reference that one of them answers, and the document kept does not, is
/// no error of its own: the duplicate is said already (from a trial: a
/// capability named as an initiative was, reported with one error for
/// each request and risk naming the initiative). One neither answers is.
fn resolve(r: &mut Roadmap, refs: Vec<Ref>, duplicated: &Dropped, diags: &mut Vec<Diagnostic>) {
    let mut backlinks: HashMap<String, BTreeSet<Backlink>> = HashMap::new();
    // What each reference names, looked up on every core: one after
    // another, the lookups were most of reading the model again in a
    // `serve` rebuild at 10,000 initiatives.
    let named: Vec<(Option<Kind>, bool)> = {
        use rayon::prelude::*;
        let r = &*r;
        refs.par_iter()
            .map(|rf| {
                (
                    r.item_ref(&rf.target).map(|x| x.kind),
                    r.milestone_at(&rf.target).is_some(),
                )
            })
            .collect()
    };
    for (rf, (found, is_milestone)) in refs.into_iter().zip(named) {
        let ok = match (rf.kind.accept, found) {
            (Accept::Any, Some(_)) => true,
            (Accept::Any, None) => is_milestone,
            (Accept::Kinds(kinds), Some(k)) | (Accept::KindsOrMilestone(kinds), Some(k)) => {
                kinds.contains(&k)
            }
            (Accept::KindsOrMilestone(_), None) => is_milestone,
            (Accept::Kinds(_), None) => false,
        };
        if rf.kind.field == "depends_on" {
            r.dependency_spans
                .entry((rf.from.to_string(), rf.target.to_string()))
                .or_insert_with(|| (rf.path.to_string(), rf.span));
        }
        if ok {
            backlinks
                .entry(rf.target.to_string())
                .or_default()
                .insert(Backlink {
                    relation: rf.kind.relation,
                    from: rf.from.to_string(),
                });
            continue;
        }
        if answered_by_dropped(duplicated, &rf) {
            continue;
        }
        let (message, help) = match found {
            Some(kind) => (
                format!(
                    "`{}` in `{}` is {} {}; `{}` takes {} ids",
                    rf.target,
                    rf.kind.field,
                    if kind.name().starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    },
                    kind.name(),
                    rf.kind.field,
                    expected(rf.kind.accept)
                ),
                None,
            ),
            None => {
                let help = milestone_by_its_own_id(r, rf.kind.accept, &rf.from, &rf.target)
                    .map(Some)
                    .or_else(|| milestone_of_named_initiative(r, rf.kind.accept, &rf.target))
                    .unwrap_or_else(|| {
                        let candidates = candidates(r, rf.kind.accept);
                        closest(&rf.target, candidates.iter().map(String::as_str))
                            .map(str::to_string)
                    })
                    .map(|c| format!("did you mean `{c}`?"))
                    // Nothing close: an item not written yet (it had no
                    // help at all: from a trial).
                    .or_else(|| {
                        let kind = match rf.kind.accept {
                            Accept::Kinds(k) | Accept::KindsOrMilestone(k) => k.first(),
                            Accept::Any => None,
                        }?;
                        crate::base::id::valid_id(&rf.target).then(|| {
                            format!(
                                "no item has this id: check its spelling, or write the item (`roadbook new {} {}`)",
                                kind.name(),
                                rf.target
                            )
                        })
                    });
                let message = if rf.kind.field == LINK_FIELD {
                    format!("link `[[{}]]` names no item", rf.target)
                } else {
                    format!(
                        "unknown {} `{}` in `{}`",
                        expected(rf.kind.accept),
                        rf.target,
                        rf.kind.field
                    )
                };
                (message, help)
            }
        };
        // What the reference should have linked looks unlinked until it is
        // fixed: a mistyped outcome must not make the real one "unserved".
        let from_kind = if rf.kind.field == LINK_FIELD {
            None
        } else {
            r.item_ref(&rf.from).map(|x| x.kind).or_else(|| {
                r.milestone_at(&rf.from)
                    .is_some()
                    .then_some(Kind::Initiative)
            })
        };
        if let Some(kind) = from_kind.filter(|k| !r.unlinked.contains(k)) {
            r.unlinked.push(kind);
        }
        let mut d = lints::UNKNOWN_REFERENCE.at(&rf.path, Some(rf.span), message);
        d.help = help;
        // A change request keeps naming what it decided on once that is
        // removed: told from the snapshots when they are read (see
        // `site::Loaded::forgive_decided_on_removed`).
        if found.is_none() && from_kind == Some(Kind::Change) {
            d.milestone = Some(rf.target.as_str().into());
        }
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
        ) = (r.item_ref(&o), r.item_ref(&k))
        else {
            continue;
        };
        if !r.outcomes[oi].kpis.contains(&k) {
            r.outcomes[oi].kpis.push(k.clone());
        }
        if !r.kpis[ki].outcomes.contains(&o) {
            // Copied first if another version shares it.
            std::sync::Arc::make_mut(&mut r.kpis[ki])
                .outcomes
                .push(o.clone());
        }
    }
    r.backlinks = backlinks
        .into_iter()
        .map(|(k, v)| (k, v.into_iter().collect()))
        .collect();
}

fn expected(accept: Accept) -> String {
    let names = |kinds: &[Kind]| kinds.iter().map(|k| k.name()).collect::<Vec<_>>();
    match accept {
        Accept::Any => "id".into(),
        Accept::Kinds(k) => either(&names(k)),
        Accept::KindsOrMilestone(k) => either(&[names(k), vec!["milestone"]].concat()),
    }
}

/// "initiative, kpi or milestone": the kinds an id could have been.
fn either(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn candidates(r: &Roadmap, accept: Accept) -> Vec<String> {
    let docs = r.ids().filter(|(_, x)| match accept {
        Accept::Any => true,
        Accept::Kinds(k) | Accept::KindsOrMilestone(k) => k.contains(&x.kind),
    });
    let mut out: Vec<String> = docs.map(|(id, _)| id.to_string()).collect();
    if matches!(accept, Accept::Any | Accept::KindsOrMilestone(_)) {
        out.extend(r.milestone_gids().map(str::to_string));
    }
    out.sort();
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file(rel: &str, text: &str) -> SourceFile {
        SourceFile::in_content(rel, text)
    }

    fn build_files(files: &[SourceFile]) -> (Roadmap, Vec<Diagnostic>) {
        build(files, &Config::with_defaults(Path::new("/p"), "2026-11-25"))
    }

    /// `rel` in the content folder of the version under `prefix` (empty
    /// for the working tree).
    fn at(prefix: &str, rel: &str, text: &str) -> SourceFile {
        SourceFile {
            rel: rel.into(),
            display: format!("{prefix}content/{rel}"),
            bytes: text.as_bytes().to_vec().into(),
        }
    }

    /// What `cache` holds for the file at `rel`.
    fn cached_slot(cache: &ParseCache, rel: &str) -> std::sync::Arc<std::sync::OnceLock<Cached>> {
        let docs = cache.docs.lock().unwrap();
        docs.iter()
            .find(|(k, _)| k.0 == rel)
            .map(|(_, v)| v.clone())
            .unwrap()
    }

    /// A version of two files: outcome `o` and initiative `i`.
    fn outcome_and_initiative(prefix: &str, outcome: &str, initiative: &str) -> Vec<SourceFile> {
        vec![
            at(prefix, "outcomes/o.md", outcome),
            at(prefix, "initiatives/i.md", initiative),
        ]
    }

    #[test]
    fn every_document_and_milestone_is_found_by_its_id_and_nothing_else() {
        let mut files = vec![
            file("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
            file("teams/web.md", "---\ntitle: Web\n---\n"),
        ];
        for n in 0..300 {
            files.push(file(
                &format!("initiatives/i{n}.md"),
                &format!("---\ntitle: I{n}\nowner: A\noutcomes: [o]\nmilestones:\n  - id: a\n    title: A\n    due: 2026-12-01\n  - id: b\n    title: B\n    due: 2027-01-15\n---\n"),
            ));
        }
        let (r, _) = build_files(&files);
        assert_eq!(r.ids().count(), 302);
        for (k, i) in r.initiatives.iter().enumerate() {
            let at = r.item_ref(&i.meta.id).expect("indexed");
            assert_eq!((at.kind, at.index), (Kind::Initiative, k));
            for (m, ms) in i.milestones.iter().enumerate() {
                assert_eq!(r.milestone_at(ms.gid.as_str()), Some((k, m)));
            }
        }
        assert_eq!(r.item_ref("web").map(|x| x.kind), Some(Kind::Team));
        assert_eq!(r.milestone("i7/b").map(|m| m.title.as_str()), Some("B"));
        let mut gids: Vec<&str> = r.milestone_gids().collect();
        gids.sort_unstable();
        assert_eq!(gids.len(), 600);
        assert!(gids.windows(2).all(|w| w[0] != w[1]));
        // Near misses and other kinds' ids are not found.
        for missing in ["I7", "i7 ", "i7/c", "i7/", "o/a", ""] {
            assert!(r.item_ref(missing).is_none(), "{missing:?}");
            assert!(r.milestone_at(missing).is_none(), "{missing:?}");
        }
        assert!(r.milestone_at("i7").is_none() && !r.has_id("i7/a"));
        assert!(Roadmap::default().item_ref("o").is_none());
    }

    #[test]
    fn a_snapshot_file_unchanged_since_holds_the_working_trees_own_item() {
        let config = Config::with_defaults(Path::new("/p"), "2026-11-25");
        let same = "---\ntitle: I\nowner: A\nstatus: activ\noutcomes: [o]\n---\nBody.\n";
        let moved = "---\ntitle: J\nowner: A\noutcomes: [o]\nend: 2026-Q4\n---\n";
        let tree = vec![
            at("", "outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
            at("", "initiatives/i.md", same),
            at("", "initiatives/j.md", &moved.replace("Q4", "Q3")),
        ];
        let cache = ParseCache::default();
        let (now, _) = from_documents(&tree, crate::parse::documents(&tree), &config, Some(&cache));
        let snapshot: Vec<SourceFile> = [
            ("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
            ("initiatives/i.md", same),
            ("initiatives/j.md", moved),
        ]
        .iter()
        .map(|(rel, text)| at("snapshots/q3/", rel, text))
        .collect();
        let (then, diags) = build_with(&snapshot, &config, Some(&cache));
        // The unchanged file is the working tree's item itself, body and
        // all; the changed one is read as it was.
        assert!(std::sync::Arc::ptr_eq(
            &now.initiatives[0],
            &then.initiatives[0]
        ));
        assert_eq!(then.initiatives[0].meta.body.trim(), "Body.");
        assert!(!std::sync::Arc::ptr_eq(
            &now.initiatives[1],
            &then.initiatives[1]
        ));
        assert_eq!(then.initiatives[1].end.as_ref().unwrap().written, "2026-Q4");
        // Its findings (an unknown status) name the snapshot's file.
        let paths: Vec<&str> = diags.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(
            paths,
            vec!["snapshots/q3/content/initiatives/i.md"],
            "{diags:?}"
        );
        // A version read with other settings reading depends on reads its
        // own.
        for change in [
            |c: &mut Config| c.build.allow_html = !c.build.allow_html,
            |c: &mut Config| c.roadmap.fiscal_year_start = 4,
        ] {
            let mut other = config.clone();
            change(&mut other);
            let (then, _) = build_with(&snapshot, &other, Some(&cache));
            assert!(!std::sync::Arc::ptr_eq(
                &now.initiatives[0],
                &then.initiatives[0]
            ));
        }
    }

    #[test]
    fn a_working_tree_item_its_day_dates_is_not_copied_whole_for_the_snapshots() {
        // Done in a quarter that has not begun on the working tree's day,
        // begun on the snapshot's: dated in the one, not in the other.
        let config = Config::with_defaults(Path::new("/p"), "2026-11-25");
        let text = "---\ntitle: I\nowner: A\noutcomes: [o]\nmilestones:\n  - id: m\n    title: M\n    due: 2027-02-01\n    done: 2027-Q1\n---\nBody.\n";
        let tree = outcome_and_initiative("", "---\ntitle: O\nowner: A\n---\n", text);
        let cache = ParseCache::default();
        let (now, _) = from_documents(&tree, crate::parse::documents(&tree), &config, Some(&cache));
        let mine = &now.initiatives[0];
        assert!(mine.milestones[0].done.is_none() && mine.milestones[0].done_ahead.is_some());
        assert_eq!(mine.meta.body.trim(), "Body.");
        // The working tree dated its own item in place: the cache holds a
        // lean copy of its own, not the original with its body.
        assert_eq!(std::sync::Arc::strong_count(mine), 1);
        let slot = cached_slot(&cache, "initiatives/i.md");
        let Some(Doc::Initiative(cached)) = &slot.get().unwrap().parsed.doc else {
            panic!("an initiative");
        };
        assert!(cached.meta.body.is_empty());
        // A snapshot of a later day reads it from the cache undated.
        let later = Config::with_defaults(Path::new("/p"), "2027-01-10");
        let snapshot: Vec<SourceFile> = tree
            .iter()
            .map(|f| {
                at(
                    "snapshots/q1/",
                    &f.rel,
                    std::str::from_utf8(&f.bytes).unwrap(),
                )
            })
            .collect();
        let (then, _) = build_with(&snapshot, &later, Some(&cache));
        assert!(std::sync::Arc::ptr_eq(cached, &then.initiatives[0]));
        assert!(then.initiatives[0].milestones[0].done.is_some());
    }

    #[test]
    fn versions_share_parsed_documents_under_their_own_paths() {
        let config = Config::with_defaults(Path::new("/p"), "2026-11-25");
        let init = "---\ntitle: I\nowner: A\nstatus: activ\noutcomes: [o, nope]\n---\n";
        let version = |prefix: &str, outcome: &str| outcome_and_initiative(prefix, outcome, init);
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
        // The shared initiative was parsed once and is held once: both
        // versions point at the same item. Its findings and references
        // name each version's own file.
        assert_eq!(cache.docs.lock().unwrap().len(), 3);
        assert!(std::sync::Arc::ptr_eq(
            &q2.initiatives[0],
            &q3.initiatives[0]
        ));
        assert_eq!(q2.initiatives[0].meta.path, "");
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
        // And the result is what a build without the cache keeps for the
        // history (cached versions are loaded for it alone).
        let (mut plain, plain_diags) = build(
            &version("snapshots/q3/", "---\ntitle: New\nowner: A\n---\n"),
            &config,
        );
        plain.keep_for_history();
        assert_eq!(
            format!("{:?}", plain.initiatives),
            format!("{:?}", q3.initiatives)
        );
        assert_eq!(format!("{plain_diags:?}"), format!("{d3:?}"));
    }

    /// Versions read whole one after another (to be rendered) reuse the
    /// documents unchanged since the one before, each under its own path
    /// and with its body, exactly as reading it afresh; the cache holds
    /// only the last version's documents.
    #[test]
    fn versions_read_whole_reuse_the_last_ones_documents_under_their_own_paths() {
        let config = Config::with_defaults(Path::new("/p"), "2026-11-25");
        let init = "---\ntitle: I\nowner: A\nstatus: activ\noutcomes: [o]\n---\nThe body.\n";
        let version = |prefix: &str, outcome: &str| outcome_and_initiative(prefix, outcome, init);
        let cache = ParseCache::whole();
        let q2_files = version("snapshots/q2/", "---\ntitle: Old\nowner: A\n---\n");
        let q3_files = version("snapshots/q3/", "---\ntitle: New\nowner: A\n---\n");
        build_with(&q2_files, &config, Some(&cache));
        cache.keep_last_version();
        assert_eq!(cache.docs.lock().unwrap().len(), 2);
        let (q3, d3) = build_with(&q3_files, &config, Some(&cache));
        cache.keep_last_version();
        // q2's outcome is gone; the initiative was reused, q3's outcome read.
        assert_eq!(cache.docs.lock().unwrap().len(), 2);
        let (fresh, fresh_diags) = build(&q3_files, &config);
        assert_eq!(
            q3.initiatives[0].meta.path,
            "snapshots/q3/content/initiatives/i.md"
        );
        assert_eq!(q3.initiatives[0].meta.body.trim(), "The body.");
        assert_eq!(
            format!("{:?}", fresh.initiatives),
            format!("{:?}", q3.initiatives)
        );
        assert_eq!(
            format!("{:?}", fresh.outcomes),
            format!("{:?}", q3.outcomes)
        );
        assert_eq!(format!("{fresh_diags:?}"), format!("{d3:?}"));
        // The cached initiative is now q3's own (one copy, not two).
        let slot = cached_slot(&cache, "initiatives/i.md");
        let cached = slot.get().unwrap();
        assert_eq!(cached.prefix, "snapshots/q3/content/");
        assert!(
            matches!(&cached.parsed.doc, Some(Doc::Initiative(i)) if std::sync::Arc::ptr_eq(i, &q3.initiatives[0]))
        );
    }

    /// The parse cache holds every version's references until the last
    /// version is read: with the field's name, what it takes and its
    /// relation in each, a reference was 104 bytes, and the peak of
    /// reading 8 snapshots of 10,000 initiatives 11.7 MiB higher.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_reference_holds_its_field_s_description_by_pointer() {
        assert!(
            std::mem::size_of::<Ref>() <= 56,
            "{}",
            std::mem::size_of::<Ref>()
        );
        let text = "---\nid: i\ntitle: I\nowner: A\noutcomes: [o]\nteams: [a, b]\n---\n";
        let config = Config::with_defaults(Path::new("/p"), "2026-11-25");
        let files = [file("initiatives/i.md", text)];
        let parsed = read(&files[0], &config, &DataFiles::of(&files));
        let teams: Vec<&RefKind> = parsed
            .refs
            .iter()
            .filter(|r| r.kind.field == "teams")
            .map(|r| r.kind)
            .collect();
        assert_eq!(teams.len(), 2);
        assert!(
            std::ptr::eq(teams[0], teams[1]),
            "one description per field"
        );
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
    fn a_mistyped_milestone_suggests_a_milestone_of_its_initiative() {
        let ms = |id: &str| {
            format!("  - id: {id}\n    title: M\n    due: 2027-06-30\n    criteria: [x]\n")
        };
        let change = |affects: &str| {
            format!(
                "---\ntitle: C\ndate: 2026-07-01\nstatus: proposed\naffects: [{affects}]\n---\n"
            )
        };
        let help = |affects: &str| {
            let (_, diags) = build_files(&[
                file("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
                file(
                    "initiatives/network-refresh.md",
                    &format!(
                        "---\ntitle: N\nowner: B\noutcomes: [o]\nmilestones:\n{}{}---\n",
                        ms("core-switches"),
                        ms("wifi-upgraded")
                    ),
                ),
                file("changes/c.md", &change(affects)),
            ]);
            assert_eq!(diags.len(), 1, "{diags:?}");
            diags[0].help.clone()
        };
        // Typed in part, or mistyped: never the whole initiative.
        assert_eq!(
            help("network-refresh/wifi").as_deref(),
            Some("did you mean `network-refresh/wifi-upgraded`?")
        );
        assert_eq!(
            help("network-refresh/core-swiches").as_deref(),
            Some("did you mean `network-refresh/core-switches`?")
        );
        // Nothing near among its milestones: no suggestion, never the
        // initiative itself.
        assert_eq!(help("network-refresh/foo"), None);
        // An initiative that does not exist: the nearest id of all.
        assert_eq!(
            help("network-refesh").as_deref(),
            Some("did you mean `network-refresh`?")
        );
        // A milestone by its own id alone: in full.
        assert_eq!(
            help("core-switches").as_deref(),
            Some("did you mean `network-refresh/core-switches`?")
        );
    }

    #[test]
    fn a_milestone_named_alone_is_looked_for_in_its_own_initiative_first() {
        let initiative = |id: &str, deps: &str| {
            file(
                &format!("initiatives/{id}.md"),
                &format!("---\ntitle: {id}\nowner: B\noutcomes: [o]\nmilestones:\n  - {{ id: mvp, title: M, due: 2027-03-31, criteria: [x] }}\n  - {{ id: launch, title: L, due: 2027-06-30, criteria: [x], depends_on: [{deps}] }}\n---\n"),
            )
        };
        let (_, diags) = build_files(&[
            file("outcomes/o.md", "---\ntitle: O\nowner: A\n---\n"),
            initiative("portal", "mvp"),
            initiative("shop", "shop/mvp"),
        ]);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `portal/mvp`?"));
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
        assert_eq!(
            diags[0].message,
            "duplicate id `x`, also in `content/outcomes/x.md`"
        );
        // A copy moved to `archive/` sorts first: the headline names both
        // files whichever is reported.
        let (_, diags) = build_files(&[
            file("initiatives/archive/p.md", "---\ntitle: P\nowner: A\n---\n"),
            file("initiatives/p.md", "---\ntitle: P\nowner: A\n---\n"),
        ]);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].path, "content/initiatives/p.md");
        assert_eq!(
            diags[0].message,
            "duplicate id `p` (taken from the file name), also in `content/initiatives/archive/p.md`"
        );
        // A capability named as an initiative is, sorting first: what
        // names the initiative or its milestones is said once, by the
        // duplicate (each reference was an error of its own). A reference
        // to an id no document has still is.
        let (r, diags) = build_files(&[
            file(
                "capabilities/erp.md",
                "---\ntitle: ERP\ncurrent: 2\ntarget: 3\n---\n",
            ),
            file(
                "initiatives/erp.md",
                "---\ntitle: ERP\nowner: A\nmilestones:\n  - id: live\n    title: Live\n    due: 2027-Q1\n    owner: A\n    criteria: x\n---\n",
            ),
            file(
                "changes/c.md",
                "---\ntitle: C\ndate: 2026-01-05\nstatus: proposed\naffects: [erp, erp/live, erq, erp/lve]\n---\n",
            ),
        ]);
        let said: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            said,
            [
                "duplicate id `erp` (taken from the file name), also in `content/capabilities/erp.md`",
                "unknown initiative, kpi, outcome, team or milestone `erq` in `affects`",
                // Neither document answers it: a mistake of its own.
                "unknown initiative, kpi, outcome, team or milestone `erp/lve` in `affects`",
            ],
            "{diags:#?}"
        );
        assert!(r.capabilities.len() == 1 && r.initiatives.is_empty());
        // Two initiatives of one id: a kind neither is, still said.
        let initiative = "---\ntitle: P\nowner: A\n---\n";
        let (_, diags) = build_files(&[
            file("initiatives/archive/p.md", initiative),
            file("initiatives/p.md", initiative),
            file(
                "kpis/k.md",
                "---\ntitle: K\nunit: n\ndirection: up\noutcome: p\n---\n",
            ),
        ]);
        assert!(
            diags
                .iter()
                .any(|d| d.message.starts_with("`p` in `outcome` is an initiative")),
            "{diags:#?}"
        );
    }

    #[test]
    fn free_pages_need_no_front_matter() {
        let (r, diags) = build_files(&[file("guides/howto.md", "# How to plan\n\nText\n")]);
        assert!(diags.is_empty());
        assert_eq!(r.pages[0].meta.title, "How to plan");
        assert_eq!(r.pages[0].meta.url, "pages/guides/howto.html");
    }
}
