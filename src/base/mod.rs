//! What every stage shares, and so what no stage owns: ids, dates and
//! quarters, the tree of values with positions that front matter and
//! book.toml are read into (with the YAML and TOML readers that make it),
//! and the typed reading of its fields with findings. Config, parse and
//! model all build on it; it builds on nothing but `diag` and `lints`.

pub mod date;
pub mod fields;
pub mod heap;
pub mod id;
pub mod node;
pub mod person;
pub mod yaml;

pub mod sym;

pub use sym::Sym;

/// Hash tables for the stages that look ids and texts up by the thousand
/// (the analysis, the history, the checks, the forecasts): ahash, seeded
/// at random per process as std's tables are, so nothing may depend on
/// their order either way. With std's SipHash, hashing was a few per cent
/// of a `serve` rebuild at 10,000 initiatives. Made with `default()`, not
/// `new()`.
pub type HashMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
pub type HashSet<T> = std::collections::HashSet<T, ahash::RandomState>;

/// A relative path as roadbook names it, with `/` between folders. Only
/// on Windows is `\` a separator: elsewhere it is part of a file's name
/// (`initiatives\x.md` at the top of `content/` is not an initiative),
/// and the id it makes is refused as any id with a stray character is.
pub fn slashed(p: &std::path::Path) -> String {
    let text = p.to_string_lossy();
    if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}
