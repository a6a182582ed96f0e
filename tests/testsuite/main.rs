//! Integration tests: run the real binary on fixture projects copied into
//! temporary folders, and assert on files, stdout, stderr and exit codes.

mod analytics;
mod budget;
mod build;
mod check;
mod cli;
mod docs;
mod exports;
mod forecast;
mod helpers;
mod history;
mod hostile;
mod injection;
mod links;
mod lints;
mod matrices;
mod new;
mod output;
mod pages;
mod publish;
mod raid;
mod reference;
mod revisions;
mod routine;
mod serve;
mod theming;
mod traceability;
mod weights;
