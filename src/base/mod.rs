//! What every stage shares, and so what no stage owns: ids, dates and
//! quarters, the tree of values with positions that front matter and
//! book.toml are read into (with the YAML and TOML readers that make it),
//! and the typed reading of its fields with findings. Config, parse and
//! model all build on it; it builds on nothing but `diag` and `lints`.

pub mod date;
pub mod fields;
pub mod id;
pub mod node;
pub mod person;
pub mod yaml;

pub mod sym;

pub use sym::Sym;

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
