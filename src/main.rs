use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    roadbook::cli::run(roadbook::cli::Cli::parse())
}
