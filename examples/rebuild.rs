//! How long `serve` takes to load the roadmap again after an edit (its
//! rebuild but for the archived versions' folder, which it leaves alone
//! while the snapshots hold), measured in one process many times over, so
//! that two versions of roadbook can be told apart on a machine whose
//! speed drifts from minute to minute (the fastest of many rebuilds moves
//! far less than the median of a few, end to end).
//!
//! ```sh
//! cargo run --release --example synth -- 10000 /tmp/l --snapshots 8
//! cargo run --release --example rebuild -- /tmp/l [--rebuilds 15] [--edit content/initiatives/init-00000.md] [--pause 3000]
//! ```
//!
//! Each rebuild is what `serve` does when a file changes: the same
//! `Site`, kept between builds, loads the roadmap again (the working
//! tree's unchanged files and documents reused, the snapshots, their
//! comparisons and their forecasts kept). With `--edit`, the file's first
//! line starting `title: ` is changed before every rebuild, as an author's
//! save would, and put back at the end (or when a rebuild panics; not on
//! Ctrl-C); `--pause` waits that many milliseconds before each. Prints
//! each stage's fastest, median and slowest time, and the whole load's.

use roadbook::config::Environment;
use roadbook::site::{Options, Site};
use std::path::PathBuf;
use std::time::{Duration, Instant};

// As the binary builds: its allocator, and no transparent huge pages.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    roadbook::cli::no_transparent_huge_pages();
    let mut args = std::env::args().skip(1);
    let mut root: Option<PathBuf> = None;
    let mut rebuilds = 15usize;
    let mut edit: Option<PathBuf> = None;
    let mut pause = Duration::ZERO;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rebuilds" => {
                rebuilds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .expect("--rebuilds N, at least 1")
            }
            "--edit" => edit = Some(PathBuf::from(args.next().expect("--edit FILE"))),
            "--pause" => {
                pause = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .map(Duration::from_millis)
                    .expect("--pause MS")
            }
            _ if root.is_none() => root = Some(PathBuf::from(a)),
            _ => panic!("unexpected argument {a}"),
        }
    }
    let root = root.expect("usage: rebuild ROOT [--rebuilds N] [--edit FILE] [--pause MS]");
    let edited = edit.map(|rel| {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).expect("the file to edit");
        let line = text
            .lines()
            .position(|l| l.starts_with("title: "))
            .unwrap_or_else(|| panic!("{} has no `title:` line", path.display()));
        Edited { path, text, line }
    });
    let options = Options {
        reuse_snapshots: true,
        ..Default::default()
    };
    let mut site = Site::new(&root, Environment::from_process(), options);
    let t = Instant::now();
    let first = site.load().expect("the roadmap loads");
    eprintln!("first build: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let mut last = Some(first);
    let mut wholes = Vec::with_capacity(rebuilds);
    let mut stages: Vec<(&'static str, Vec<Duration>)> = Vec::new();
    for k in 0..rebuilds {
        // An author's pause between saves, in which the allocator may
        // hand back what the last build freed.
        std::thread::sleep(pause);
        if let Some(edited) = &edited {
            edited.save(k);
        }
        site.only_content_changed();
        let t = Instant::now();
        // As `serve`: the build replaced stays alive until the new one is
        // made.
        let loaded = site.load().expect("the roadmap loads");
        wholes.push(t.elapsed());
        for stage in &loaded.timings {
            match stages.iter_mut().find(|(name, _)| *name == stage.name) {
                Some((_, times)) => times.push(stage.elapsed),
                None => stages.push((stage.name, vec![stage.elapsed])),
            }
        }
        drop(last.replace(loaded));
    }
    drop(edited);
    println!(
        "{rebuilds} rebuilds of {}: fastest, median, slowest (ms)",
        root.display()
    );
    for (name, times) in stages.iter_mut().chain([&mut ("load, whole", wholes)]) {
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "  {name:<22} {:>8.1} {:>8.1} {:>8.1}",
            ms(times[0]),
            ms(times[times.len() / 2]),
            ms(times[times.len() - 1])
        );
    }
}

/// The file `--edit` changes, as it was: put back when dropped, a panic's
/// unwinding included.
struct Edited {
    path: PathBuf,
    text: String,
    /// Of its first line starting `title: `.
    line: usize,
}

impl Edited {
    /// The `k`-th save: the title line changed, every other line as it was.
    fn save(&self, k: usize) {
        let lines: Vec<String> = self
            .text
            .split_inclusive('\n')
            .enumerate()
            .map(|(n, l)| match n == self.line {
                true => l.replacen("title: ", &format!("title: E{k} "), 1),
                false => l.to_string(),
            })
            .collect();
        std::fs::write(&self.path, lines.concat()).expect("the edit is saved");
    }
}

impl Drop for Edited {
    fn drop(&mut self) {
        if std::fs::write(&self.path, &self.text).is_err() {
            eprintln!("could not put {} back", self.path.display());
        }
    }
}
