//! roadbook: a static site generator for IT roadmaps that are executed, not
//! archived. The pipeline is source → parse → model → check/analysis →
//! render → output; [`site`] runs it.

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
pub mod analysis;
pub mod base;
pub mod charts;
pub mod check;
pub mod cli;
pub mod config;
pub mod diag;
pub mod history;
pub mod init;
pub mod lints;
pub mod model;
pub mod output;
pub mod parse;
pub mod render;
pub mod serve;
pub mod site;
pub mod snapshot;
pub mod source;
pub mod words;
