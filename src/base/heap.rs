//! The live heap at the build's stages, for measuring where memory goes:
//! with the `heap-probe` feature, the binary counts every byte it
//! allocates and frees, and `--timings` (or `--verbose`) builds print the
//! live heap, its peak since the stage before and the resident set at
//! each stage's end (`cargo build --release --features heap-probe`). Under the real
//! allocator and at almost full speed, where a heap profiler swaps the
//! allocator and runs many times slower. Without the feature nothing is
//! counted and [`mark`] does nothing.
//!
//! Which allocation sites hold it is the heap profiler's to say: with the
//! `heap-sites` feature the binary uses the system allocator, which
//! heaptrack sees, and stops at the mark `ROADBOOK_STOP_AT` names
//! (`scripts/heap-sites.sh`).

use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
static SAY: AtomicBool = AtomicBool::new(false);

/// `bytes` allocated (freed, when negative): called by the counting
/// allocator of the binary built with `heap-probe`.
pub fn count(bytes: isize) {
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    if live > PEAK.load(Ordering::Relaxed) {
        PEAK.fetch_max(live, Ordering::Relaxed);
    }
}

/// Print the marks from now on (`--timings`, in a binary that counts).
pub fn say_marks() {
    SAY.store(cfg!(feature = "heap-probe"), Ordering::Relaxed);
}

/// As [`mark`], the stage's name made only when marks are said.
pub fn mark_with(stage: impl FnOnce() -> String) {
    if SAY.load(Ordering::Relaxed) || cfg!(feature = "heap-sites") {
        mark(&stage());
    }
}

/// On stderr, when marks are said: the live heap now, its peak since the
/// last mark, and the resident set now.
pub fn mark(stage: &str) {
    // What is allocated then is what the profiler reports as leaked: the
    // live heap at that mark, by allocation site (`scripts/heap-sites.sh`).
    #[cfg(feature = "heap-sites")]
    if std::env::var("ROADBOOK_STOP_AT").is_ok_and(|at| at == stage) {
        std::process::exit(0);
    }
    if !SAY.load(Ordering::Relaxed) {
        return;
    }
    let (live, peak) = live_and_peak();
    let resident = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or_else(
            || "?".to_string(),
            |kib| format!("{:.1}", kib as f64 / 1024.0),
        );
    let mib = |b: isize| b as f64 / (1024.0 * 1024.0);
    eprintln!(
        "  heap: {stage:<34} live {:>6.1} MiB, peak since the last mark {:>6.1} MiB, resident {resident} MiB",
        mib(live),
        mib(peak)
    );
}

/// The live heap, and its peak since the last call (which starts the next
/// stage's peak from what is live).
fn live_and_peak() -> (isize, isize) {
    let live = LIVE.load(Ordering::Relaxed);
    (live, PEAK.swap(live, Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_s_peak_is_its_own() {
        let (start, _) = live_and_peak();
        count(1000);
        count(-600);
        assert_eq!(live_and_peak(), (start + 400, start + 1000));
        count(100);
        count(-100);
        assert_eq!(live_and_peak(), (start + 400, start + 500));
        count(-400);
    }
}
