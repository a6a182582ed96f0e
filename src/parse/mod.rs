//! Parsing: front matter split, values with positions, dates.
pub mod data;
pub mod date;
pub mod fields;
pub mod frontmatter;
pub mod markdown;
pub mod node;
pub mod yaml;
