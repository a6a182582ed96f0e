//! Gives each build of roadbook an id from the sources it was compiled
//! from. An archived version carried over from an earlier site is reused
//! only when it was rendered by the same code: the package version alone
//! stays `0.1.0` across every change made during development, so a build
//! that changed how pages render would keep stale archived pages.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let inputs = ["src", "themes", "Cargo.toml", "Cargo.lock", "build.rs"];
    let mut files = Vec::new();
    for input in inputs {
        let path = root.join(input);
        println!("cargo::rerun-if-changed={}", path.display());
        collect(&path, &mut files);
    }
    files.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap_or(file);
        // Forward slashes, so a checkout on Windows gets the same id.
        rel.to_string_lossy().replace('\\', "/").hash(&mut h);
        std::fs::read(file).unwrap_or_default().hash(&mut h);
    }
    println!("cargo::rustc-env=ROADBOOK_BUILD_ID={:016x}", h.finish());
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            collect(&entry.path(), out);
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}
