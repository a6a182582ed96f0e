//! The `roadbook` binary: the command line of the library, nothing more.

use clap::Parser;
use std::process::ExitCode;

// Rendering allocates many small values; mimalloc does that markedly faster
// than the system allocator (measured with scripts/bench.sh).
// Not for a heap profiler (`heap-sites`): it sees the C allocator's calls.
#[cfg(not(any(feature = "heap-probe", feature = "heap-sites")))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Measuring where the memory goes (see `roadbook::heap`): mimalloc,
// each byte counted.
#[cfg(feature = "heap-probe")]
#[global_allocator]
static GLOBAL: Counted = Counted;

#[cfg(feature = "heap-probe")]
struct Counted;

// SAFETY: each call hands its arguments to mimalloc's as they came; the
// count is a side effect.
#[cfg(feature = "heap-probe")]
unsafe impl std::alloc::GlobalAlloc for Counted {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        roadbook::heap::count(layout.size() as isize);
        // SAFETY: as the caller's.
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        roadbook::heap::count(layout.size() as isize);
        // SAFETY: as the caller's.
        unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        roadbook::heap::count(-(layout.size() as isize));
        // SAFETY: as the caller's.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        roadbook::heap::count(size as isize - layout.size() as isize);
        // SAFETY: as the caller's.
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, size) }
    }
}

fn main() -> ExitCode {
    roadbook::cli::no_transparent_huge_pages();
    roadbook::cli::run(roadbook::cli::Cli::parse())
}
