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

pub mod sym;

pub use sym::Sym;
