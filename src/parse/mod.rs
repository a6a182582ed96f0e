//! The parse stage: source files into documents (front matter as a tree of
//! nodes with positions, and the body), and the text formats inside them
//! (CSV data, Markdown links and outline). Nothing here knows the kinds of
//! item: that is the model stage's business.
pub mod data;
pub mod document;
pub mod frontmatter;
pub mod markdown;

use crate::diag::Diagnostic;
use crate::source::SourceFile;
use document::Document;
use rayon::prelude::*;

/// Every Markdown file of `files` parsed, in parallel, in their order.
pub fn documents(files: &[SourceFile]) -> Vec<Result<Document<'_>, Box<Diagnostic>>> {
    files
        .par_iter()
        .filter(|f| f.rel.ends_with(".md"))
        .map(document::document)
        .collect()
}
