//! The project's files as documents name them (`data_file`, `spend_file`),
//! each CSV parsed once however many documents read it: one finance export
//! shared by 1,000 initiatives through its `initiative` column was parsed
//! once per initiative, each pass walking all 100,000 rows (`check` took
//! 106 s).

use crate::diag::Span;
use crate::parse::data::{self, CsvError, Row};
use crate::source::SourceFile;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One version's files by their path under the content folder.
pub(crate) struct DataFiles<'a> {
    files: HashMap<&'a str, (&'a SourceFile, OnceLock<Table>)>,
}

/// A CSV file as read: its rows, or why it cannot be read.
pub(crate) struct Table {
    pub rows: Result<Vec<Row>, TableError>,
    /// With an `initiative` column: each name's rows (indexes into
    /// `rows`), in file order.
    by_initiative: HashMap<String, Vec<usize>>,
    /// With an `initiative` column: each name it holds, with the cell of
    /// its first row, in file order.
    pub names: Vec<(String, Span)>,
}

pub(crate) enum TableError {
    /// Not UTF-8 from this byte on.
    NotUtf8(usize),
    Csv(CsvError),
}

impl<'a> DataFiles<'a> {
    pub fn of(files: &'a [SourceFile]) -> DataFiles<'a> {
        DataFiles {
            files: files
                .iter()
                .map(|f| (f.rel.as_str(), (f, OnceLock::new())))
                .collect(),
        }
    }

    /// Every CSV file's path, in no particular order.
    pub fn csv_paths(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.files.keys().copied().filter(|k| k.ends_with(".csv"))
    }

    /// What a document naming `named` reads of it, hashed: in a ledger,
    /// the rows naming `initiative` (lines and all: a finding points at
    /// them); else the whole file. `None` when it names no file of this
    /// version (the finding then offers the version's other files).
    pub fn read_check(&self, named: &str, initiative: Option<&str>) -> Option<u64> {
        use std::hash::{Hash, Hasher};
        let rel = named.trim_start_matches("./");
        if rel.starts_with('/') || rel.split('/').any(|p| p == "..") {
            return None;
        }
        let (file, table) = self.table(rel)?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        match initiative.filter(|_| table.is_ledger()) {
            Some(own) => {
                own.hash(&mut h);
                table.rows_of(own).for_each(|row| row.hash(&mut h));
            }
            None => file.bytes.hash(&mut h),
        }
        Some(h.finish())
    }

    /// The file at `rel` and its rows, read on first use.
    pub fn table(&self, rel: &str) -> Option<(&'a SourceFile, &Table)> {
        let (file, table) = self.files.get(rel)?;
        // No rayon inside: a worker waiting for another to fill this
        // must not be handed work that waits for it in turn.
        Some((*file, table.get_or_init(|| Table::read(&file.bytes))))
    }
}

impl Table {
    fn read(bytes: &[u8]) -> Table {
        let rows = match std::str::from_utf8(bytes) {
            Ok(text) => {
                data::rows(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(TableError::Csv)
            }
            Err(e) => Err(TableError::NotUtf8(e.valid_up_to())),
        };
        let mut by_initiative: HashMap<String, Vec<usize>> = HashMap::new();
        let mut names = Vec::new();
        for (k, row) in rows.iter().flatten().enumerate() {
            let Some((name, col)) = &row.initiative else {
                continue;
            };
            by_initiative
                .entry(name.clone())
                .or_insert_with(|| {
                    let width = name.chars().count().max(1) as u32;
                    names.push((name.clone(), Span::new(row.line, *col, width)));
                    Vec::new()
                })
                .push(k);
        }
        Table {
            rows,
            by_initiative,
            names,
        }
    }

    /// Whether it has an `initiative` column: a ledger several initiatives
    /// share, each reading the rows that name it.
    pub fn is_ledger(&self) -> bool {
        self.rows
            .as_ref()
            .is_ok_and(|rows| rows.first().is_some_and(|r| r.initiative.is_some()))
    }

    /// The rows naming `initiative` in a ledger, in file order.
    pub fn rows_of<'t>(&'t self, initiative: &str) -> impl Iterator<Item = &'t Row> + 't {
        let rows = self.rows.as_deref().unwrap_or_default();
        self.by_initiative
            .get(initiative)
            .into_iter()
            .flatten()
            .map(move |&k| &rows[k])
    }
}
