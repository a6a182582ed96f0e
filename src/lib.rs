//! roadbook: a static site generator for IT roadmaps that are executed, not
//! archived. The pipeline is source → parse → model → check/analysis →
//! render → output; [`site`] runs it.
pub mod analysis;
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
