#![no_main]
//! One document of any kind, any bytes: mapped into the model and checked;
//! every diagnostic renders with its source line.
use libfuzzer_sys::fuzz_target;
use roadbook::config::Config;
use roadbook::fuzz::SourceFile;
use std::path::Path;

const DIRS: &[&str] = &[
    "outcomes",
    "initiatives",
    "kpis",
    "teams",
    "capabilities",
    "changes",
    "reviews",
    "",
];

fuzz_target!(|input: (u8, &[u8])| {
    let (kind, bytes) = input;
    let dir = DIRS[kind as usize % DIRS.len()];
    let rel = if dir.is_empty() {
        "fuzzed.md".to_string()
    } else {
        format!("{dir}/fuzzed.md")
    };
    let file = SourceFile {
        display: format!("content/{rel}"),
        rel,
        bytes: bytes.to_vec().into(),
    };
    let config = Config::with_defaults(Path::new("/nonexistent-root"), "2026-06-30");
    let mut diags = roadbook::fuzz::document(&file, &config);
    let text = String::from_utf8_lossy(bytes).into_owned();
    roadbook::diag::attach_source_lines(&mut diags, |_| Some(text.clone().into()));
    for d in &diags {
        let _ = d.render();
    }
});
