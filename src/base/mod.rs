//! What every stage shares, and so what no stage owns: ids, dates and
//! quarters, the tree of values with positions that front matter and
//! book.toml are read into (with the YAML and TOML readers that make it),
//! and the typed reading of its fields with findings. Config, parse and
//! model all build on it; it builds on nothing but `diag` and `lints`.

pub mod date;
pub mod fields;
pub mod id;
pub mod node;
pub mod yaml;

/// An id or a date as written, kept inline up to 24 bytes: the history
/// holds hundreds of thousands of them (every move of every period at
/// 10,000 initiatives with 8 snapshots), and as `String`s each was an
/// allocation of its own, alive while the working tree rendered.
pub type Short = compact_str::CompactString;
