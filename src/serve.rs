//! `roadbook serve`: the site over loopback HTTP, rebuilt when a source file
//! changes (as the operating system reports it), with the browser reloading
//! itself. Archived versions are written as `build` writes them (rendered
//! once and carried over while their inputs hold) into the project's own
//! folder in the user's cache folder, and served from there; the working
//! tree's files are made as they are asked for, from the roadmap the last
//! good build read, so a rebuild renders no page nobody looks at. With
//! `--write` the whole site is written to the build folder instead and
//! served from disk.

use crate::config::Environment;
use crate::site::{self, Site};
use crate::source;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// What the server hands out: the last good site, or the build error.
/// A request takes its own handle on the files and lets go of the lock
/// before it writes: a client that stops reading must not hold up the
/// next rebuild (nor, behind it, every other request).
#[derive(Default)]
struct State {
    /// The folder of the last good build.
    site: Option<PathBuf>,
    /// The last good build's working tree, its files made as they are
    /// asked for; `None` with `--write` (every file is in `site`).
    current: Option<Arc<site::OnRequest>>,
    /// Bumped on every rebuild; the page polls it to know when to reload.
    generation: u64,
    /// A rebuild is under way: the site folder may be missing for a moment
    /// while the new one is moved in.
    building: bool,
    error: Option<String>,
}

pub struct Options {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub open: bool,
    pub write: bool,
    pub quiet: bool,
    /// `-v`: each build's stage timings too.
    pub verbose: bool,
    /// More `Host` names to answer to (`--allow-host`), as `parse_host`
    /// gives them: a name without a port matches any port.
    pub allow_hosts: Vec<(String, Option<u16>)>,
    /// Connections served at once (see `MAX_CONNECTIONS`).
    pub max_connections: usize,
}

/// Polled by every served HTML page; reloads when the generation changes.
const RELOAD: &str = r#"<script>(function(){var g=null;function poll(){fetch("/__roadbook/generation",{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(g!==null&&t!==g){location.reload()}g=t}).catch(function(){}).finally(function(){setTimeout(poll,200)})}poll()})();</script>"#;

/// A good build for the server: its folder on disk (the archived
/// versions, or with `--write` the whole site) and the working tree's
/// files made as they are asked for.
struct Served {
    site: PathBuf,
    current: Option<site::OnRequest>,
    /// Pages written, with `--write`.
    pages: Option<usize>,
    took: Duration,
    /// The findings' one-line summary, as `build` prints it.
    summary: String,
    /// Each stage's time, the archived versions' writing and the working
    /// tree's hand-over to the server last.
    timings: Vec<site::Stage>,
    /// With `--write`, the build folder and what was written there: the
    /// user's files it kept are said as `build` says them.
    kept: Option<(String, crate::output::WriteStats)>,
}

/// A build for the server, or the errors that stopped it. The site keeps
/// the snapshots and their pages between builds while only the working
/// tree changes.
fn build(site: &mut Site, folder: &Folder) -> Result<Served, String> {
    let t = Instant::now();
    let mut loaded = site.load().map_err(|d| render_diags(&d))?;
    let errors = loaded.error_list();
    if !errors.is_empty() {
        return Err(render_diags(&errors));
    }
    if let (Folder::Cache(dir), Some(parent)) = (folder, folder.path().parent()) {
        make_private(parent).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    }
    let dest = site.destination(&loaded.config, Some(folder.path().to_path_buf()))?;
    let summary = crate::diag::summary(&loaded.diagnostics);
    let mut kept = None;
    let (built, current, timings) = match folder {
        Folder::BuildFolder(path) => {
            let mut built = site.write(&mut loaded, &dest)?;
            let stats = std::mem::take(&mut built.stats);
            kept = Some((path.display().to_string(), stats));
            (built, None, loaded.timings)
        }
        Folder::Cache(_) => {
            let mut timings = std::mem::take(&mut loaded.timings);
            let t = Instant::now();
            let (built, current) = site.write_serving(loaded, &dest)?;
            timings.push(site::Stage::new("archived versions", t.elapsed()));
            (built, Some(current), timings)
        }
    };
    Ok(Served {
        site: built.dest,
        pages: current.is_none().then_some(built.pages),
        current,
        took: t.elapsed(),
        summary,
        timings,
        kept,
    })
}

/// Where the server writes the site.
enum Folder {
    /// `--write`: the build folder.
    BuildFolder(PathBuf),
    /// A folder of this project's own in the user's cache folder, kept
    /// between runs so a restart renders no archived version it rendered
    /// before.
    Cache(PathBuf),
}

impl Folder {
    fn path(&self) -> &std::path::Path {
        match self {
            Folder::BuildFolder(p) | Folder::Cache(p) => p,
        }
    }

    fn for_project(root: &std::path::Path, build_dir: &str, write: bool) -> Folder {
        if write {
            return Folder::BuildFolder(root.join(build_dir));
        }
        let id = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            root.canonicalize()
                .unwrap_or_else(|_| root.to_path_buf())
                .hash(&mut h);
            h.finish()
        };
        Folder::Cache(
            cache_home()
                .join("roadbook")
                .join("serve")
                .join(format!("{id:016x}"))
                .join("site"),
        )
    }
}

/// The user's own cache folder (`$XDG_CACHE_HOME`, `~/.cache`, or
/// `%LOCALAPPDATA%`), so no other user of the machine shares, reads or
/// plants the pages; the temporary folder only when none is known.
fn cache_home() -> PathBuf {
    let from = |var: &str| {
        std::env::var_os(var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    from("XDG_CACHE_HOME")
        .or_else(|| from("HOME").map(|h| h.join(".cache")))
        .or_else(|| from("LOCALAPPDATA"))
        .unwrap_or_else(std::env::temp_dir)
}

/// Make `dir` and its parents, private to the user where the system says
/// so (the roadmap may not be for everyone on the machine).
fn make_private(dir: &std::path::Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn render_diags(diags: &[crate::diag::Diagnostic]) -> String {
    diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Run until killed.
pub fn serve(opts: Options) -> Result<(), String> {
    let env = Environment::from_process();
    let mut builder = Site::new(
        &opts.root,
        env,
        site::Options {
            reuse_snapshots: true,
            ..Default::default()
        },
    );
    let state = Arc::new(RwLock::new(State::default()));
    let (content_dir, build_dir, snapshots_dir) =
        // Leniently: a mistake elsewhere in book.toml must not make the
        // watcher look at the default folders until a restart.
        match crate::config::Config::load_all(&opts.root, &Environment::default()) {
            Ok((c, _, _)) => (c.build.content_dir, c.build.build_dir, c.snapshots.dir),
            Err(_) => ("content".to_string(), "site".to_string(), "snapshots".to_string()),
        };
    // Snapshots kept inside the content folder change with it.
    let content_holds_snapshots = std::path::Path::new(&snapshots_dir).starts_with(&content_dir)
        || std::path::Path::new(&content_dir).starts_with(&snapshots_dir);
    // A quarter tagged while it runs (`roadbook snapshot`) is a version to
    // serve: it was not, until a restart (from a trial). The tags' folder,
    // absolute, as the project may sit below the repository's root.
    // Tags packed by `git gc` change git's file of packed tags alone when
    // one is deleted or fetched.
    let tags = crate::source::git::tag_stores(&opts.root);
    let as_text = |p: PathBuf| p.to_string_lossy().into_owned();
    let watched: Vec<String> = [content_dir.clone(), "themes".to_string(), snapshots_dir]
        .into_iter()
        .chain(tags.as_ref().and_then(|t| t.loose.clone()).map(as_text))
        .collect();
    let watched_files: Vec<String> = tags.map(|t| as_text(t.packed)).into_iter().collect();
    const CONTENT: usize = 0;
    // The port first: a port in use is said at once, not after a build.
    let listener = TcpListener::bind((opts.bind.as_str(), opts.port)).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
            " (another server is using it: pick another with -p PORT, or -p 0 for any free port)"
        } else {
            ""
        };
        format!("cannot listen on {}:{}: {e}{hint}", opts.bind, opts.port)
    })?;
    // Connections made meanwhile wait in the listen queue for the first
    // build.
    // Watching starts before the first build: an edit made while it runs
    // is seen.
    let mut changes = Watch::start(&opts.root, &watched, &watched_files)?;
    let folder = Folder::for_project(&opts.root, &build_dir, opts.write);
    let talk = Talk::of(&opts);
    rebuild(&mut builder, &state, &folder, talk, "Built");
    let addr: SocketAddr = listener.local_addr().map_err(|e| e.to_string())?;
    let url = format!("http://{addr}/");
    say!("Serving {} on {url} (Ctrl-C to stop)", opts.root.display());
    if opts.open {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(windows) {
            "explorer"
        } else {
            "xdg-open"
        };
        let _ = std::process::Command::new(opener).arg(&url).spawn();
    }

    // Watch: wait for the system to report a change, then for a quiet
    // moment (editors write in bursts), then rebuild if a source changed.
    let watch_state = Arc::clone(&state);
    std::thread::spawn(move || {
        while let Some(changed) = changes.next_changed_folders() {
            if changed == [CONTENT] && !content_holds_snapshots {
                builder.only_content_changed();
            }
            rebuild(&mut builder, &watch_state, &folder, talk, "Rebuilt");
        }
    });

    let hosts = Arc::new(Hosts::new(&opts.bind, addr, opts.allow_hosts));
    // Connections over the bound are answered "busy" by one thread, in
    // turn (and dropped when even its queue is full). Only answers in
    // progress fill the bound: a connection still sending its request
    // gives its place to a new one (see `Conns::admit`).
    let (turn_away, busy) = std::sync::mpsc::sync_channel::<TcpStream>(64);
    std::thread::spawn(move || {
        for stream in busy {
            let _ = stream.set_write_timeout(Some(Duration::from_millis(500)));
            let answer = Answer::head_only(false);
            if respond(
                &stream,
                answer,
                "503 Service Unavailable",
                "text/plain",
                b"busy, try again\n",
            )
            .is_ok()
            {
                drain(&stream);
            }
        }
    });
    let conns = Arc::new(Conns {
        max: opts.max_connections.max(1),
        table: Mutex::new(Table::default()),
    });
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            // Out of file descriptors (or a connection reset while
            // queued): the others wait in the listen queue; pausing keeps
            // a descriptor shortage from spinning a core.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        let (place, stream) = match Conns::admit(&conns, stream) {
            Ok(admitted) => admitted,
            Err(stream) => {
                let _ = turn_away.try_send(stream);
                continue;
            }
        };
        let state = Arc::clone(&state);
        let hosts = Arc::clone(&hosts);
        // A thread per connection: one blocked on a slow client costs a
        // sleeping thread (its stack is reserved, hardly touched), not a
        // place in line for the others.
        let spawned = std::thread::Builder::new().spawn(move || {
            let mut place = place;
            let _ = handle(&stream, &state, &hosts, &mut place);
        });
        // No thread to be had: the closure, and with it the connection and
        // its place, is dropped; the server goes on.
        drop(spawned);
    }
}

/// How long one answer may take to send, however the client reads it: a
/// client taking a few bytes now and then must not keep its thread.
const ANSWER_TIME: Duration = Duration::from_secs(60);

/// How long a client may take to send its request line and headers. A
/// browser sends them in one packet as it connects; a client that trickles
/// them (slowloris) is cut off after this, however steadily it sends.
const HEAD_TIME: Duration = Duration::from_secs(5);

/// The most a request line and its headers may weigh.
const HEAD_BYTES: u64 = 64 * 1024;

/// Connections served at once, each on its own thread. A browser opens six
/// per host; the rest of the room is for slow clients, which cost a
/// blocked thread each, so that hundreds of them leave a place for a
/// real request without anyone being cut off early. One descriptor per
/// connection keeps it under the usual limit of 1024 open files.
pub const MAX_CONNECTIONS: usize = 512;

/// The connections being served, and which of them are still sending their
/// request head.
struct Conns {
    max: usize,
    table: Mutex<Table>,
}

#[derive(Default)]
struct Table {
    next_id: u64,
    /// Threads running, those of cut-off connections included until they
    /// end (at once: their socket is shut).
    threads: usize,
    /// Connections holding one of the `max` places.
    held: usize,
    /// Those of them still reading their request head, oldest first.
    reading: BTreeMap<u64, Reader>,
}

/// A connection still reading its request head.
struct Reader {
    /// To cut it off.
    stream: Arc<TcpStream>,
    /// Set when its thread has asked the socket for the head: from then on
    /// a client that sent its request has it read within microseconds, so
    /// one still reading is waiting for the client. Until then it may be a
    /// real request whose thread has not had the processor yet.
    asked: Arc<AtomicBool>,
}

/// Where a connection's thread stands, so that it gives back its place
/// exactly once however it ends (a panic too).
struct Place {
    conns: Arc<Conns>,
    id: u64,
    stage: Stage,
    asked: Arc<AtomicBool>,
}

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Reading,
    Answering,
    CutOff,
}

impl Conns {
    /// A place for a new connection, or the connection back when there is
    /// none. When every place is taken, the connection that has been
    /// waiting for its request head the longest is cut off to make room: a
    /// real client sends its head at once, so the oldest unfinished head is
    /// the likeliest slowloris, and however many of them come, a new
    /// request gets in. Only answers under way (bounded by `ANSWER_TIME`)
    /// can fill the server.
    fn admit(conns: &Arc<Conns>, stream: TcpStream) -> Result<(Place, Arc<TcpStream>), TcpStream> {
        let mut t = conns.table.lock().unwrap_or_else(|e| e.into_inner());
        // Threads of cut-off connections end as soon as they run, but a
        // flood on a busy machine must not outrun them without bound.
        let thread_cap = 2 * conns.max + 64;
        if t.held >= conns.max && t.threads < thread_cap {
            // Not one whose thread has not run yet: under load that is
            // where a real request waits, its head already sent.
            let waiting = t
                .reading
                .iter()
                .find(|(_, r)| r.asked.load(Ordering::SeqCst))
                .map(|(id, _)| *id);
            if let Some(oldest) = waiting.and_then(|id| t.reading.remove(&id)) {
                let _ = oldest.stream.shutdown(Shutdown::Both);
                t.held -= 1;
            }
        }
        if t.held >= conns.max || t.threads >= thread_cap {
            return Err(stream);
        }
        let id = t.next_id;
        t.next_id += 1;
        t.held += 1;
        t.threads += 1;
        // Shared, not cloned: one descriptor per connection.
        let stream = Arc::new(stream);
        let asked = Arc::new(AtomicBool::new(false));
        t.reading.insert(
            id,
            Reader {
                stream: Arc::clone(&stream),
                asked: Arc::clone(&asked),
            },
        );
        let place = Place {
            conns: Arc::clone(conns),
            id,
            stage: Stage::Reading,
            asked,
        };
        Ok((place, stream))
    }
}

impl Place {
    /// The head is read: from now on the connection keeps its place until
    /// it is answered. False when it was cut off meanwhile.
    fn head_read(&mut self) -> bool {
        let mut t = self.conns.table.lock().unwrap_or_else(|e| e.into_inner());
        self.stage = if t.reading.remove(&self.id).is_some() {
            Stage::Answering
        } else {
            Stage::CutOff
        };
        self.stage == Stage::Answering
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut t = self.conns.table.lock().unwrap_or_else(|e| e.into_inner());
        t.threads -= 1;
        let held = match self.stage {
            // Unless it was cut off (its place given away) meanwhile.
            Stage::Reading => t.reading.remove(&self.id).is_some(),
            Stage::Answering => true,
            Stage::CutOff => false,
        };
        if held {
            t.held -= 1;
        }
    }
}

/// The `Host` names the server answers to. A page on another site can point
/// its own name at 127.0.0.1 (DNS rebinding) and then read the served site
/// as same-origin, but the browser still sends that name: answering only
/// the names of the address served (and those the user allowed) closes it.
pub struct Hosts {
    port: u16,
    /// Names of the address served, with its port or none: the loopback
    /// names, the bound address and the `--bind` name.
    served: Vec<String>,
    /// Bound to every address (0.0.0.0, ::): any address literal, which no
    /// other site can make its own, with the port served.
    any_address: bool,
    /// `--allow-host` names; without a port they match any port (a proxy or
    /// tunnel in front of the server may listen on another).
    allowed: Vec<(String, Option<u16>)>,
}

impl Hosts {
    pub fn new(bind: &str, addr: SocketAddr, allowed: Vec<(String, Option<u16>)>) -> Hosts {
        // Loopback names are always ours: only this machine resolves them
        // to itself, so no other site can use them.
        let mut served: Vec<String> = vec!["localhost".into(), "127.0.0.1".into(), "[::1]".into()];
        let ip = addr.ip();
        if !ip.is_unspecified() {
            served.push(host_ip(ip));
        }
        if bind.parse::<IpAddr>().is_err() {
            if let Some((name, None)) = parse_host(bind) {
                served.push(name);
            }
        }
        Hosts {
            port: addr.port(),
            served,
            any_address: ip.is_unspecified(),
            allowed,
        }
    }

    /// Whether a request's `Host` header names this server.
    pub fn allows(&self, header: &str) -> bool {
        let Some((name, port)) = parse_host(header) else {
            return false;
        };
        let our_port = port.is_none_or(|p| p == self.port);
        let ours = self.served.contains(&name)
            || (self.any_address && (name.starts_with('[') || name.parse::<IpAddr>().is_ok()));
        (our_port && ours)
            || self
                .allowed
                .iter()
                .any(|(n, p)| *n == name && (p.is_none() || *p == port))
    }
}

/// An address as a `Host` header writes it (IPv6 in brackets).
fn host_ip(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// `name[:port]` as in a `Host` header: the name in lower case (IPv6
/// addresses in brackets, written the short way) and the port if one is
/// given. None when it is not a host name or address.
pub fn parse_host(text: &str) -> Option<(String, Option<u16>)> {
    let text = text.trim();
    let (name, port) = if let Some(rest) = text.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let ip: Ipv6Addr = inside.parse().ok()?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        (format!("[{ip}]"), port)
    } else {
        match text.split_once(':') {
            Some((name, port)) => (name.to_ascii_lowercase(), Some(port)),
            None => (text.to_ascii_lowercase(), None),
        }
    };
    let good_name = name.starts_with('[')
        || (!name.is_empty()
            && !name.starts_with(['.', '-'])
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.'));
    if !good_name {
        return None;
    }
    let port = match port {
        // "name:" is allowed by the grammar and means no port.
        None | Some("") => None,
        Some(p) if p.bytes().all(|b| b.is_ascii_digit()) => Some(p.parse().ok()?),
        Some(_) => return None,
    };
    Some((name, port))
}

/// What a build says: `-q` only its errors, `-v` its stage timings too.
#[derive(Clone, Copy, PartialEq)]
enum Talk {
    Quiet,
    Normal,
    Verbose,
}

impl Talk {
    fn of(opts: &Options) -> Talk {
        if opts.quiet {
            Talk::Quiet
        } else if opts.verbose {
            Talk::Verbose
        } else {
            Talk::Normal
        }
    }
}

fn rebuild(builder: &mut Site, state: &RwLock<State>, folder: &Folder, talk: Talk, verb: &str) {
    // A bug in one build must not stop the watcher: report it like a build
    // error and keep watching.
    state.write().unwrap_or_else(|e| e.into_inner()).building = true;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(builder, folder)))
        .unwrap_or_else(|p| {
            builder.forget();
            Err(format!(
                "internal error while building: {}",
                crate::diag::panic_message(&*p)
            ))
        });
    let mut s = state.write().unwrap_or_else(|e| e.into_inner());
    s.generation += 1;
    s.building = false;
    // The build this one replaces is let go of once the lock is: at 10,000
    // initiatives dropping it takes a while, and every request (the pages'
    // reload polls too) waits on the lock.
    let replaced;
    let mut stages = Vec::new();
    match result {
        Ok(Served {
            site,
            current,
            pages,
            took,
            summary,
            timings,
            kept,
        }) => {
            if talk == Talk::Verbose {
                stages = timings;
            }
            let note = kept.and_then(|(site, stats)| stats.kept_note(&site, talk == Talk::Verbose));
            if let Some(note) = note.filter(|_| talk != Talk::Quiet) {
                say!("{note}");
            }
            if talk != Talk::Quiet {
                // Without `--write` the working tree's pages are made as
                // they are asked for: there is no count of pages written.
                let pages = pages
                    .map(|n| format!(" {}", crate::words::count(n, "page", "pages")))
                    .unwrap_or_default();
                say!(
                    "{verb}{pages} in {:.0} ms; {}",
                    took.as_secs_f64() * 1000.0,
                    crate::diag::terminal_safe(
                        crate::words::lowercase_first(&summary).trim_end_matches('.'),
                        true
                    )
                );
            }
            s.site = Some(site);
            replaced = std::mem::replace(&mut s.current, current.map(Arc::new));
            s.error = None;
        }
        Err(e) => {
            say!(
                "{}\nerror: build failed; the page shows the error until it is fixed",
                crate::diag::terminal_safe(&e.to_string(), true)
            );
            s.error = Some(e);
            replaced = None;
        }
    }
    drop(s);
    drop(replaced);
    if !stages.is_empty() {
        site::print_timings(&stages);
    }
}

/// How long the sources must stay still before a rebuild.
const QUIET: Duration = Duration::from_millis(10);

/// The sources as the system reports their changes under `dirs` (and to
/// `book.toml`) of `root`: inotify, FSEvents or ReadDirectoryChanges through
/// `notify`, so an idle server costs nothing; polling every half second
/// where none of them works.
struct Watch {
    watcher: Box<dyn notify::Watcher + Send>,
    changes: std::sync::mpsc::Receiver<Touched>,
    root: PathBuf,
    /// The root as the system names the paths it reports.
    root_abs: PathBuf,
    /// The folders watched, as named under the root, then as the system
    /// names them.
    names: Vec<String>,
    dirs: Vec<PathBuf>,
    book: PathBuf,
    /// What each folder (and book.toml) looked like when last looked at.
    last: Vec<source::Fingerprint>,
    /// Those of `dirs` that are single files, watched through their
    /// folder: replaced whole by a rename, and perhaps not there yet.
    files: std::collections::BTreeSet<PathBuf>,
    /// The folders watched: one of `dirs` made (or made again) after the
    /// server started is added when the root reports it.
    watching: std::collections::BTreeSet<PathBuf>,
}

impl Watch {
    /// Watch the folders `names` and the files `files` (under `root`, or
    /// absolute), and book.toml.
    fn start(
        root: &std::path::Path,
        folders: &[String],
        files: &[String],
    ) -> Result<Watch, String> {
        use notify::{EventKind, RecursiveMode, Watcher};
        let names: Vec<String> = folders.iter().chain(files).cloned().collect();
        // What the sources look like before the first build: an edit made
        // while it runs is still seen.
        let last = names
            .iter()
            .map(|dir| source::fingerprint(root, &[dir]))
            .collect();
        let (tx, changes) = std::sync::mpsc::channel();
        let root_abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let dirs: Vec<PathBuf> = names.iter().map(|d| root_abs.join(d)).collect();
        let files = dirs[folders.len()..].iter().cloned().collect();
        let book = root_abs.join(crate::config::FILE);
        let relevant = {
            let (dirs, book) = (dirs.clone(), book.clone());
            move |p: &std::path::Path| *p == book || dirs.iter().any(|d| p.starts_with(d))
        };
        let handler = move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else {
                let _ = tx.send(None);
                return;
            };
            // Reading a file (the build does) is not a change.
            if matches!(event.kind, EventKind::Access(_)) {
                return;
            }
            // A lost or merged event (a rescan): anything may have changed.
            if event.paths.is_empty() || event.need_rescan() {
                let _ = tx.send(None);
            } else if event.paths.iter().any(|p| relevant(p)) {
                let _ = tx.send(Some(event.paths));
            }
        };
        // The root alone: book.toml, and source folders made later.
        let native = notify::recommended_watcher(handler.clone()).and_then(|mut w| {
            w.watch(&root_abs, RecursiveMode::NonRecursive)?;
            Ok(w)
        });
        let watcher: Box<dyn Watcher + Send> = match native {
            Ok(w) => Box::new(w),
            Err(_) => {
                let config =
                    notify::Config::default().with_poll_interval(Duration::from_millis(500));
                let mut poll = notify::PollWatcher::new(handler, config)
                    .map_err(|e| format!("cannot watch the sources for changes: {e}"))?;
                poll.watch(&root_abs, RecursiveMode::NonRecursive)
                    .map_err(|e| format!("cannot watch the sources for changes: {e}"))?;
                Box::new(poll)
            }
        };
        let mut watch = Watch {
            watcher,
            changes,
            root: root.to_path_buf(),
            root_abs,
            names,
            dirs,
            files,
            book,
            last,
            watching: Default::default(),
        };
        watch.follow_dirs();
        Ok(watch)
    }

    /// Watch each source folder that exists, with everything under it, and
    /// let go of those that are gone.
    fn follow_dirs(&mut self) {
        use notify::RecursiveMode;
        for d in &self.dirs {
            let (d, mode) = match self.files.contains(d) {
                true => match d.parent() {
                    Some(folder) => (folder, RecursiveMode::NonRecursive),
                    None => continue,
                },
                false => (d.as_path(), RecursiveMode::Recursive),
            };
            let here = d.is_dir();
            let watched = self.watching.contains(d);
            if here && !watched && self.watcher.watch(d, mode).is_ok() {
                self.watching.insert(d.to_path_buf());
            } else if !here && watched {
                let _ = self.watcher.unwatch(d);
                self.watching.remove(d);
            }
        }
    }

    /// Wait for a change, then for the sources to stay still for `QUIET`:
    /// what the changes touched, or `None` when the watcher stopped.
    fn next_change(&mut self) -> Option<Touched> {
        let mut touched = self.changes.recv().ok()?;
        while let Ok(more) = self.changes.recv_timeout(QUIET) {
            touched = match (touched, more) {
                (Some(mut paths), Some(more)) => {
                    paths.extend(more);
                    Some(paths)
                }
                _ => None,
            };
        }
        self.follow_dirs();
        Some(touched)
    }

    /// Wait until a source changed, then say which of the folders did (by
    /// their place in `names`); `None` when the watcher stopped. Only the
    /// files the system named are looked at again (see `look_again`): at
    /// 10,000 initiatives and 8 snapshots, walking every folder took a
    /// second of every rebuild.
    /// Each folder's state holds book.toml's: a change to it is a change
    /// to all of them.
    fn next_changed_folders(&mut self) -> Option<Vec<usize>> {
        loop {
            let touched = self.next_change()?;
            let mut changed = Vec::new();
            for k in 0..self.names.len() {
                if !self.may_have_changed(&touched, k) {
                    continue;
                }
                let moved = match &touched {
                    Some(paths) => self.look_again(k, paths),
                    None => None,
                };
                let moved = moved.unwrap_or_else(|| {
                    let now = source::fingerprint(&self.root, &[&self.names[k]]);
                    let moved = now != self.last[k];
                    self.last[k] = now;
                    moved
                });
                if moved {
                    changed.push(k);
                }
            }
            if !changed.is_empty() {
                return Some(changed);
            }
        }
    }

    /// Whether the files the system named changed the `k`th folder's
    /// state, updating it: only they are looked at (at 10,000 initiatives,
    /// walking the folder again took a tenth of a second of every edit).
    /// `None`, with the state untouched, when a folder was named (it may
    /// have brought or taken many files) or a path outside the root: the
    /// caller walks the folder whole. What the system does not report (an
    /// edit through a hard link from outside, some network file systems)
    /// is seen at the next walk, as it was before only at the next event.
    fn look_again(&mut self, k: usize, paths: &[PathBuf]) -> Option<bool> {
        let dir = self.dirs.get(k)?;
        let mut seen = Vec::new();
        for p in paths {
            if *p != self.book && !p.starts_with(dir) {
                continue;
            }
            // The state is keyed as the folder walk names files: under the
            // root as given, where the system names them under its
            // resolved path. Links are followed, as the walk does.
            let key = self.root.join(p.strip_prefix(&self.root_abs).ok()?);
            match std::fs::metadata(p) {
                Ok(m) if m.is_dir() => return None,
                Ok(m) if m.is_file() => seen.push((key, Some(source::FileStamp::of(&m)))),
                _ => seen.push((key, None)),
            }
        }
        let last = &mut self.last[k];
        let mut moved = false;
        for (key, now) in seen {
            match now {
                Some(now) => moved |= last.insert(key, now) != Some(now),
                // Gone (or not a file): so is what was under it.
                None => {
                    let gone: Vec<PathBuf> = last
                        .range(key.clone()..)
                        .map(|(path, _)| path)
                        .take_while(|path| path.starts_with(&key))
                        .cloned()
                        .collect();
                    for path in gone {
                        last.remove(&path);
                        moved = true;
                    }
                }
            }
        }
        Some(moved)
    }

    /// Whether the `k`th folder may have changed, after changes that
    /// touched `touched`.
    fn may_have_changed(&self, touched: &Touched, k: usize) -> bool {
        let Some(paths) = touched else {
            return true;
        };
        paths
            .iter()
            .any(|p| *p == self.book || self.dirs.get(k).is_some_and(|d| p.starts_with(d)))
    }
}

/// The paths a burst of changes touched, as the system named them; `None`
/// when it could not say (an error, a lost event): anything may have
/// changed.
type Touched = Option<Vec<PathBuf>>;

/// The site path of a request path, or None when it tries to leave the site.
pub fn site_path(raw: &str) -> Option<String> {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            // A drive (`C:`) would make the path absolute on Windows, and
            // the site's files are read from disk.
            s if s.contains(':') => return None,
            s => parts.push(s),
        }
    }
    let mut p = parts.join("/");
    if p.is_empty() || decoded.ends_with('/') {
        if !p.is_empty() {
            p.push('/');
        }
        p.push_str("index.html");
    }
    Some(p)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("csv") => "text/csv; charset=utf-8",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("xml") => "application/atom+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// How to answer: a HEAD request gets the headers without the body.
#[derive(Clone, Copy)]
struct Answer {
    head_only: bool,
}

impl Answer {
    fn head_only(head_only: bool) -> Answer {
        Answer { head_only }
    }
}

fn respond(
    stream: &TcpStream,
    answer: Answer,
    status: &str,
    ctype: &str,
    body: &[u8],
) -> std::io::Result<()> {
    respond_with(stream, answer, status, ctype, body.len() as u64, |send| {
        send(body)
    })
}

/// Answer with `len` bytes that `body` hands to its sender piece by piece,
/// so a large file goes out as it is read.
fn respond_with(
    mut stream: &TcpStream,
    answer: Answer,
    status: &str,
    ctype: &str,
    len: u64,
    body: impl FnOnce(&mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // The head in one write: formatting straight into the socket sent each
    // piece as its own segment, and a client reset mid-answer (it sent more
    // than we read) saw a torn status line.
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
    );
    let deadline = Instant::now() + ANSWER_TIME;
    let mut send = |bytes: &[u8]| -> std::io::Result<()> {
        for chunk in bytes.chunks(256 * 1024) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(std::io::ErrorKind::TimedOut.into());
            }
            stream.set_write_timeout(Some(left))?;
            stream.write_all(chunk)?;
        }
        Ok(())
    };
    send(head.as_bytes())?;
    if answer.head_only {
        return Ok(());
    }
    body(&mut send)
}

/// A file of the site sent as it is read, never held whole (a timeline
/// page of a large roadmap is tens of megabytes); a page gets the reload
/// script before its last `</body>`, or at its end without one.
fn respond_file(
    stream: &TcpStream,
    answer: Answer,
    ctype: &str,
    mut file: impl Read + std::io::Seek,
    len: u64,
    page: bool,
) -> std::io::Result<()> {
    use std::io::SeekFrom;
    let (split, extra) = if page {
        (last_body_tag(&mut file, len)?.unwrap_or(len), RELOAD.len())
    } else {
        (len, 0)
    };
    respond_with(
        stream,
        answer,
        "200 OK",
        ctype,
        len + extra as u64,
        |send| {
            file.seek(SeekFrom::Start(0))?;
            let mut buf = vec![0u8; 256 * 1024];
            let mut at = 0u64;
            let mut copy = |upto: u64, send: &mut dyn FnMut(&[u8]) -> std::io::Result<()>| {
                while at < upto {
                    let want = ((upto - at) as usize).min(buf.len());
                    let n = file.read(&mut buf[..want])?;
                    if n == 0 {
                        // The file shrank as it was sent: the answer is cut short.
                        return Err(std::io::ErrorKind::UnexpectedEof.into());
                    }
                    send(&buf[..n])?;
                    at += n as u64;
                }
                Ok(())
            };
            copy(split, send)?;
            if page {
                send(RELOAD.as_bytes())?;
            }
            copy(len, send)
        },
    )
}

/// Where the last `</body>` of a file of `len` bytes starts, read from its
/// end backwards a block at a time.
fn last_body_tag(file: &mut (impl Read + std::io::Seek), len: u64) -> std::io::Result<Option<u64>> {
    use std::io::SeekFrom;
    const TAG: &[u8] = b"</body>";
    const BLOCK: u64 = 64 * 1024;
    let mut end = len;
    let mut buf = Vec::new();
    while end > 0 {
        let start = end.saturating_sub(BLOCK);
        // The block and the start of the one after it, so a tag across
        // their boundary is seen.
        let upto = (end + TAG.len() as u64 - 1).min(len);
        buf.resize((upto - start) as usize, 0);
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut buf)?;
        if let Some(i) = buf.windows(TAG.len()).rposition(|w| w == TAG) {
            return Ok(Some(start + i as u64));
        }
        end = start;
    }
    Ok(None)
}

/// After answering a request that was not read to its end: stop sending,
/// then read what the client still sends (briefly), so that closing does
/// not reset the connection and throw away the answer before it is read.
fn drain(mut stream: &TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let until = Instant::now() + Duration::from_secs(1);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut sink = [0u8; 16 * 1024];
    while Instant::now() < until {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

/// Reads from a socket until a deadline for the whole request.
struct Deadline<'a> {
    stream: &'a TcpStream,
    deadline: Instant,
    /// Set on the first read (see `Reader::asked`).
    asked: Arc<AtomicBool>,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.asked.store(true, Ordering::SeqCst);
        self.stream.read(buf)
    }
}

fn handle(
    stream: &TcpStream,
    state: &RwLock<State>,
    hosts: &Hosts,
    place: &mut Place,
) -> std::io::Result<()> {
    // A request is a line and a few headers: bound what one may send and
    // for how long, so a client that never ends its line (or sends it a
    // byte at a time) can neither grow the server nor hold a thread.
    let timed = Deadline {
        stream,
        deadline: Instant::now() + HEAD_TIME,
        asked: Arc::clone(&place.asked),
    };
    let mut reader = BufReader::new(timed).take(HEAD_BYTES);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut header = String::new();
    let mut host: Vec<String> = Vec::new();
    while reader.read_line(&mut header)? > 2 {
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("host") {
                host.push(value.trim().to_string());
            }
        }
        header.clear();
    }
    if !place.head_read() {
        // Cut off to make room for a newer connection: its socket is shut.
        return Ok(());
    }
    let whole = line.ends_with('\n') && header.ends_with('\n');
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let version = parts.next().unwrap_or("HTTP/1.0");
    let answer = Answer::head_only(method == "HEAD");
    // HTTP/1.1 requires exactly one Host; HTTP/1.0 may leave it out, and
    // no browser does, so no rebinding page can.
    let host_ok = match host.as_slice() {
        [] => version == "HTTP/1.0",
        [_] => true,
        _ => false,
    };
    if !whole || !host_ok {
        respond(
            stream,
            answer,
            "400 Bad Request",
            "text/plain",
            b"bad request\n",
        )?;
        drain(stream);
        return Ok(());
    }
    if let [one] = host.as_slice() {
        if !hosts.allows(one) {
            return respond(
                stream,
                answer,
                "403 Forbidden",
                "text/plain",
                b"this server answers only to the name of the address it serves \
                  (127.0.0.1, localhost or [::1] and its port on loopback); \
                  to reach it by another name, start it with --allow-host NAME\n",
            );
        }
    }
    if method != "GET" && method != "HEAD" {
        return respond(
            stream,
            answer,
            "405 Method Not Allowed",
            "text/plain",
            b"only GET\n",
        );
    }
    if target == "/favicon.ico" {
        // Browsers ask for it by themselves; the site has none.
        return respond(stream, answer, "204 No Content", "image/x-icon", b"");
    }
    if target == "/__roadbook/generation" {
        let g = state.read().map(|s| s.generation).unwrap_or(0);
        return respond(
            stream,
            answer,
            "200 OK",
            "text/plain",
            g.to_string().as_bytes(),
        );
    }
    let Some(path) = site_path(target) else {
        return respond(
            stream,
            answer,
            "400 Bad Request",
            "text/plain",
            b"bad path\n",
        );
    };
    let (site, current, error) = {
        let s = state.read().unwrap_or_else(|e| e.into_inner());
        (s.site.clone(), s.current.clone(), s.error.clone())
    };
    let page = path.ends_with(".html");
    if let Some(error) = error {
        if page {
            return error_page(stream, answer, "The roadmap does not build", &error);
        }
        // An export of the working tree (`roadmap.json`, a CSV) is not
        // handed out as the last build left it while this one fails (from
        // a trial: a script read the old data with a 200); the theme's
        // files and the archived versions' still are.
        if !path.starts_with("static/") && !path.starts_with("v/") {
            let text = format!("The roadmap does not build:\n\n{error}");
            return respond(
                stream,
                answer,
                "500 Internal Server Error",
                "text/plain; charset=utf-8",
                text.as_bytes(),
            );
        }
    }
    // Archived versions are files on disk; the working tree's are made now,
    // among them the pages left at a gone quarter's address (`v/NAME/`).
    let made = current.as_ref().map(|current| current.made(&path));
    let archived = path.starts_with("v/") && matches!(made, None | Some(None));
    if let Some(made) = made.filter(|_| !archived) {
        return match made {
            Some(Ok(crate::render::Made::Bytes(bytes))) => {
                let len = bytes.len() as u64;
                let file = std::io::Cursor::new(bytes);
                respond_file(stream, answer, content_type(&path), file, len, page)
            }
            Some(Ok(crate::render::Made::Spilled(file))) => {
                let len = file.metadata()?.len();
                respond_file(stream, answer, content_type(&path), file, len, page)
            }
            // A page `build` would refuse to write (a template of the
            // theme fails on it): said where the user looks, and the page
            // reloads once it is fixed.
            Some(Err(e)) => {
                say!("error: {path}: {}", crate::diag::terminal_safe(&e, true));
                if page {
                    error_page(stream, answer, "This page cannot be made", &e)
                } else {
                    respond(
                        stream,
                        answer,
                        "500 Internal Server Error",
                        "text/plain; charset=utf-8",
                        e.as_bytes(),
                    )
                }
            }
            None => not_found_or_folder(stream, answer, &path, || {
                current
                    .as_ref()
                    .is_some_and(|c| c.made(&format!("{path}/index.html")).is_some())
            }),
        };
    }
    let found = site_file(state, site.clone(), &path);
    match found {
        Some(file) => {
            let len = file.metadata()?.len();
            respond_file(stream, answer, content_type(&path), file, len, page)
        }
        None => not_found_or_folder(stream, answer, &path, || {
            site_file(state, site, &format!("{path}/index.html")).is_some()
        }),
    }
}

/// A folder asked for without its `/` (`/v/2026-Q3`) is sent to the
/// folder, as a static server answers it, from which its index's relative
/// links resolve (it was a 404: from a trial); anything else not found.
/// `has_index`: whether `path/index.html` is a page of the site. Sent to
/// the path as the site names it: the target as written could begin `//`,
/// another host to a browser.
fn not_found_or_folder(
    stream: &TcpStream,
    answer: Answer,
    path: &str,
    has_index: impl FnOnce() -> bool,
) -> std::io::Result<()> {
    let last = path.rsplit('/').next().unwrap_or("");
    if !last.is_empty() && !last.contains('.') && has_index() {
        redirect(stream, &format!("/{path}/"))
    } else {
        not_found(stream, answer)
    }
}

/// Sent on to `location`, a path of this server.
fn redirect(mut stream: &TcpStream, location: &str) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
    );
    stream.set_write_timeout(Some(ANSWER_TIME))?;
    stream.write_all(head.as_bytes())
}

/// An error in place of a page, which reloads itself when the next build
/// is done.
fn error_page(stream: &TcpStream, answer: Answer, title: &str, error: &str) -> std::io::Result<()> {
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build error — roadbook</title></head><body style=\"font-family:system-ui,sans-serif;margin:2rem\"><h1>{title}</h1><p>Fix the problem below; this page reloads by itself.</p><pre style=\"background:#fbe5e4;padding:1rem;white-space:pre-wrap\">{}</pre>{RELOAD}</body></html>",
        crate::charts::esc(error)
    );
    respond(
        stream,
        answer,
        "500 Internal Server Error",
        "text/html; charset=utf-8",
        page.as_bytes(),
    )
}

fn not_found(stream: &TcpStream, answer: Answer) -> std::io::Result<()> {
    respond(
        stream,
        answer,
        "404 Not Found",
        "text/html; charset=utf-8",
        b"<!DOCTYPE html><title>Not found</title><p>Not found. <a href=\"/\">Dashboard</a></p>\n",
    )
}

/// The file of the site at `path` (already kept inside the folder by
/// `site_path`), if there is one. roadbook's own marks are not part of the
/// site. While a rebuild moves the new site in, the site folder (or an
/// archived version's folder, carried over first) is missing for a moment:
/// a file asked for then is looked for again once that rebuild is done,
/// rather than answered "not found" for a page that is there. A file
/// missing from a folder that is there is answered at once.
fn site_file(state: &RwLock<State>, site: Option<PathBuf>, path: &str) -> Option<std::fs::File> {
    let ours = path
        .rsplit('/')
        .next()
        .is_some_and(|f| f.starts_with(".roadbook"));
    let open = |site: &Option<PathBuf>| {
        site.as_ref()
            .filter(|_| !ours)
            .and_then(|dir| std::fs::File::open(dir.join(path)).ok())
            .filter(|f| f.metadata().is_ok_and(|m| m.is_file()))
    };
    let read = || state.read().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = open(&site) {
        return Some(found);
    }
    let moving = site.as_ref().is_some_and(|dir| {
        let folder = std::path::Path::new(path)
            .parent()
            .unwrap_or(std::path::Path::new(""));
        !dir.join(folder).is_dir()
    });
    let (building, generation) = {
        let s = read();
        (s.building, s.generation)
    };
    if !(building && moving) {
        return None;
    }
    let waited = Instant::now();
    while waited.elapsed() < ANSWER_TIME {
        let s = read();
        if !s.building || s.generation != generation {
            break;
        }
        drop(s);
        std::thread::sleep(Duration::from_millis(10));
    }
    let site = read().site.clone();
    open(&site)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `respond_file` sends for `bytes`, read by a client.
    fn served(bytes: &[u8], page: bool) -> (String, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, bytes).unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let client = std::thread::spawn(move || {
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            let mut out = Vec::new();
            s.read_to_end(&mut out).unwrap();
            out
        });
        let (stream, _) = listener.accept().unwrap();
        let file = std::fs::File::open(&path).unwrap();
        let len = bytes.len() as u64;
        respond_file(
            &stream,
            Answer::head_only(false),
            "text/html",
            file,
            len,
            page,
        )
        .unwrap();
        drop(stream);
        let out = client.join().unwrap();
        let end = out.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(out[..end].to_vec()).unwrap();
        (head, out[end + 4..].to_vec())
    }

    #[test]
    fn a_page_is_streamed_with_the_reload_script_before_its_last_body_tag() {
        // Larger than a read block, with an earlier tag to skip (the
        // boundaries of the backward search are the next test's).
        let mut page = b"<html><body>x</body>".to_vec();
        page.extend(std::iter::repeat_n(b'a', 64 * 1024 * 5 - 3));
        page.extend(b"</body></html>\n");
        let (head, body) = served(&page, true);
        let at = page.len() - b"</body></html>\n".len();
        let mut want = page[..at].to_vec();
        want.extend(RELOAD.as_bytes());
        want.extend(&page[at..]);
        assert!(body == want, "{} bytes, {} wanted", body.len(), want.len());
        assert!(
            head.contains(&format!("Content-Length: {}\r\n", want.len())),
            "{head}"
        );
        // No tag: at the end. Not a page: as it is.
        let (_, body) = served(b"<p>plain", true);
        assert_eq!(body, [b"<p>plain".as_slice(), RELOAD.as_bytes()].concat());
        let (head, body) = served(&page, false);
        assert!(body == page);
        assert!(head.contains(&format!("Content-Length: {}\r\n", page.len())));
    }

    #[test]
    fn the_last_body_tag_is_found_from_the_end_in_blocks() {
        let find = |bytes: &[u8]| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("f");
            std::fs::write(&path, bytes).unwrap();
            let mut f = std::fs::File::open(&path).unwrap();
            last_body_tag(&mut f, bytes.len() as u64).unwrap()
        };
        assert_eq!(find(b""), None);
        assert_eq!(find(b"</body"), None);
        assert_eq!(find(b"</body>"), Some(0));
        assert_eq!(find(b"a</body>b</body>c"), Some(9));
        // Across the boundary of the last 64 KiB block, every split.
        let len = 100 * 1024 + 7;
        let boundary = len - 64 * 1024;
        for before in 0..=7 {
            let mut bytes = vec![b'a'; len - 7];
            let at = boundary - before;
            bytes.splice(at..at, b"</body>".iter().copied());
            assert_eq!(find(&bytes), Some(at as u64), "{before} bytes before");
        }
    }

    #[test]
    fn paths_cannot_leave_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/initiatives/").as_deref(),
            Some("initiatives/index.html")
        );
        assert_eq!(
            site_path("/kpis/x.html?x=1#a").as_deref(),
            Some("kpis/x.html")
        );
        assert_eq!(site_path("/a%20b.html").as_deref(), Some("a b.html"));
        for bad in [
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/a/..%2f..%2fetc",
            "/..\\..\\x",
            "/%00",
            "/%zz",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn host_names_are_read_as_a_browser_writes_them() {
        let p = |s: &str| parse_host(s);
        assert_eq!(p("LocalHost:3000"), Some(("localhost".into(), Some(3000))));
        assert_eq!(p(" 127.0.0.1 "), Some(("127.0.0.1".into(), None)));
        assert_eq!(p("[0:0::1]:80"), Some(("[::1]".into(), Some(80))));
        assert_eq!(p("[::1]"), Some(("[::1]".into(), None)));
        assert_eq!(p("example.org:"), Some(("example.org".into(), None)));
        for bad in [
            "",
            ":80",
            "a b",
            "http://x/",
            "x:99999",
            "x:8o",
            "[::1",
            "[nope]:1",
            "[::1]x",
            "-x",
            ".x",
            "x:1:2",
            "::1",
        ] {
            assert_eq!(p(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn only_the_names_of_the_address_served_are_answered() {
        let loopback = Hosts::new("127.0.0.1", "127.0.0.1:3000".parse().unwrap(), vec![]);
        for ok in [
            "127.0.0.1:3000",
            "localhost:3000",
            "[::1]:3000",
            "localhost",
            "LOCALHOST:3000",
        ] {
            assert!(loopback.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:3000",
            "localhost:3001",
            "10.0.0.1:3000",
            "",
        ] {
            assert!(!loopback.allows(bad), "{bad}");
        }
        // Every address: any address literal (no other site can own one),
        // but no name unless allowed.
        let all = Hosts::new(
            "0.0.0.0",
            "0.0.0.0:8000".parse().unwrap(),
            vec![
                ("roadmap.lan".into(), None),
                ("proxy.lan".into(), Some(443)),
            ],
        );
        for ok in [
            "192.168.1.5:8000",
            "[fe80::1]:8000",
            "roadmap.lan:1234",
            "proxy.lan:443",
        ] {
            assert!(all.allows(ok), "{ok}");
        }
        for bad in [
            "192.168.1.5:8001",
            "proxy.lan",
            "proxy.lan:8000",
            "evil.example:8000",
        ] {
            assert!(!all.allows(bad), "{bad}");
        }
        // A name given to --bind is a name of the address served.
        let named = Hosts::new("MyBox.lan", "192.168.1.5:8000".parse().unwrap(), vec![]);
        for ok in ["mybox.lan:8000", "192.168.1.5:8000", "localhost:8000"] {
            assert!(named.allows(ok), "{ok}");
        }
        assert!(!named.allows("192.168.1.6:8000"));
    }
}
