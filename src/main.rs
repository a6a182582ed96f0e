//! The `roadbook` binary: the command line of the library, nothing more.

use clap::Parser;

// Rendering allocates many small values; mimalloc does that markedly faster
// than the system allocator (measured with scripts/bench.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    no_transparent_huge_pages();
    roadbook::cli::run(roadbook::cli::Cli::parse())
}

/// mimalloc touches its pages sparsely at first; with transparent huge
/// pages each first touch makes the kernel zero 2 MiB. Without them a build
/// spends markedly less time in the kernel (L: 2.5 → 1.3 s of system time,
/// 5.6–6.4 → 4.5–4.6 s of wall time; M with 8 snapshots from scratch:
/// 3.5–4.4 → 2.8–3.3 s) and peaks lower. Best effort: an older kernel that
/// does not know the flag changes nothing.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and reads no memory.
    unsafe {
        // prctl is variadic and the kernel reads unsigned longs.
        let (on, unused): (libc::c_ulong, libc::c_ulong) = (1, 0);
        libc::prctl(libc::PR_SET_THP_DISABLE, on, unused, unused, unused);
    }
}
