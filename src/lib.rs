//! roadbook: a static site generator for IT roadmaps that are executed, not
//! archived. The pipeline is config → source → parse → model → analysis →
//! history → check → charts → render → output, each stage a module that
//! names only earlier ones (`scripts/layers.sh` checks it); [`site::Site`]
//! runs it for every command.

// Printing never panics: with stdout or stderr closed early (`roadbook check
// 2>&1 | head -1`) a write fails, and the exit code must stay the one the
// command chose, not 101 from a panic in `eprintln!`. User text in what is
// printed goes through `diag::terminal_safe`.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
macro_rules! say_inline {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
macro_rules! out_inline {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}
// The public face is narrow: the command line (for main.rs), the build
// sequence (`site`, for tests and tools), the settings, findings and rule
// catalogue they speak in, and a hidden door for the fuzz targets.
// Everything else is the crate's own business.
pub mod cli;
pub mod config;
pub mod diag;
pub mod lints;
pub mod site;

pub(crate) mod analysis;
pub(crate) mod base;
pub(crate) mod charts;
pub(crate) mod check;
pub(crate) mod forecast;
pub(crate) mod history;
pub(crate) mod init;
pub(crate) mod model;
pub(crate) mod new;
pub(crate) mod output;
pub(crate) mod parse;
pub(crate) mod render;
pub(crate) mod serve;
pub(crate) mod snapshot;
pub(crate) mod source;
pub(crate) mod words;

/// The live heap at each stage, counted by the binary built with the
/// `heap-probe` feature.
#[doc(hidden)]
pub use crate::base::heap;

/// What the fuzz targets (`fuzz/`) drive: each reader on its own.
#[doc(hidden)]
pub mod fuzz {
    pub use crate::base::date;
    use crate::config::Config;
    use crate::diag::Diagnostic;
    pub use crate::parse::frontmatter;
    pub use crate::source::SourceFile;

    /// One file through parse, model, analysis and the checks.
    pub fn document(file: &SourceFile, config: &Config) -> Vec<Diagnostic> {
        let (roadmap, mut diags) = crate::model::build::build(std::slice::from_ref(file), config);
        let facts = crate::analysis::analyse(&roadmap, config);
        diags.extend(crate::check::run(&roadmap, &facts, config));
        diags
    }
}
