//! The `roadbook` binary: the command line of the library, nothing more.

use clap::Parser;

// Rendering allocates many small values; mimalloc does that markedly faster
// than the system allocator (measured with scripts/bench.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    roadbook::cli::no_transparent_huge_pages();
    roadbook::cli::run(roadbook::cli::Cli::parse())
}
