//! `roadbook serve`: the site from memory over loopback HTTP, rebuilt when a
//! source file changes, with the browser reloading itself. Nothing is
//! written to the build folder unless `--write` asks for it.

use crate::config::Environment;
use crate::render::{Renderer, SiteFiles};
use crate::site::{self, Version};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime};

/// What the server hands out: the last good site, or the build error.
/// A request takes its own handle on the files and lets go of the lock
/// before it writes: a client that stops reading must not hold up the
/// next rebuild (nor, behind it, every other request).
#[derive(Default)]
struct State {
    files: Arc<SiteFiles>,
    /// Bumped on every rebuild; the page polls it to know when to reload.
    generation: u64,
    error: Option<String>,
}

pub struct Options {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub open: bool,
    pub write: bool,
    pub quiet: bool,
}

/// Polled by every served HTML page; reloads when the generation changes.
const RELOAD: &str = r#"<script>(function(){var g=null;function poll(){fetch("/__roadbook/generation",{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(g!==null&&t!==g){location.reload()}g=t}).catch(function(){}).finally(function(){setTimeout(poll,500)})}poll()})();</script>"#;

/// (path → mtime, size) of every file a build reads.
type Fingerprint = BTreeMap<PathBuf, (SystemTime, u64)>;

fn fingerprint(root: &Path, dirs: &[&str]) -> Fingerprint {
    let mut out = BTreeMap::new();
    if let Ok(m) = std::fs::metadata(root.join(crate::config::FILE)) {
        out.insert(
            root.join(crate::config::FILE),
            (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()),
        );
    }
    for dir in dirs {
        for e in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            if e.file_type().is_file() {
                if let Ok(m) = e.metadata() {
                    out.insert(
                        e.path().to_path_buf(),
                        (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()),
                    );
                }
            }
        }
    }
    out
}

/// Builds for the server, keeping archived versions (and their rendered
/// pages) while only the working tree changes.
struct Builder {
    root: PathBuf,
    env: Environment,
    versions: Option<(Fingerprint, Vec<Version>)>,
    archived: Option<(u64, SiteFiles)>,
}

impl Builder {
    fn build(&mut self) -> Result<(SiteFiles, Duration), String> {
        let t = Instant::now();
        let mut loaded = site::load(&self.root, &self.env).map_err(|d| render_diags(&d))?;
        let snap_print = fingerprint(&self.root, &[&loaded.config.snapshots.dir, "themes"]);
        let reuse = matches!(&self.versions, Some((print, _)) if *print == snap_print);
        if !reuse {
            let (versions, _) = site::load_versions(&loaded.config);
            self.versions = Some((snap_print, versions));
            self.archived = None;
        }
        let versions = self
            .versions
            .as_ref()
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[]);
        let history = site::history(&mut loaded, versions);
        let mut found = crate::check::history(&loaded.roadmap, &history);
        found = loaded.config.apply_levels(found);
        loaded.diagnostics.extend(found);
        crate::diag::sort(&mut loaded.diagnostics);
        let errors = loaded.error_list();
        if !errors.is_empty() {
            return Err(render_diags(&errors));
        }
        let renderer = Renderer::new(&loaded.config)?;
        let all = site::version_entries(&loaded, versions);
        // Archived pages depend on their own snapshot, the theme and the
        // settings only (see `site::version_stamp`).
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for v in versions.iter() {
                (&v.name, site::version_stamp(v, &renderer, &loaded.config)).hash(&mut h);
            }
            h.finish()
        };
        let archived = match &self.archived {
            Some((k, files)) if *k == key => files.clone(),
            _ => {
                let files = site::render_archived(&renderer, &versions.iter().collect::<Vec<_>>())?;
                self.archived = Some((key, files.clone()));
                files
            }
        };
        let mut files = site::render_current(&renderer, &loaded, &history, &all)?;
        files.extend(archived);
        Ok((files, t.elapsed()))
    }
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
    let mut builder = Builder {
        root: opts.root.clone(),
        env,
        versions: None,
        archived: None,
    };
    let state = Arc::new(RwLock::new(State::default()));
    let (content_dir, build_dir) =
        // Leniently: a mistake elsewhere in book.toml must not make the
        // watcher look at the default folders until a restart.
        match crate::config::Config::load_all(&opts.root, &Environment::default()) {
            Ok((c, _, _)) => (c.build.content_dir, c.build.build_dir),
            Err(_) => ("content".to_string(), "site".to_string()),
        };
    // What the sources look like before the first build: an edit made while
    // it runs, or before the watcher thread starts, is still seen.
    let watched = [
        content_dir.clone(),
        "themes".to_string(),
        "snapshots".to_string(),
    ];
    let initial = fingerprint(
        &opts.root,
        &watched.iter().map(String::as_str).collect::<Vec<_>>(),
    );
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
    rebuild(
        &mut builder,
        &state,
        opts.write.then(|| opts.root.join(&build_dir)),
        opts.quiet,
        "Built",
    );
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

    // Watch: poll the sources, wait for a quiet moment (editors write in
    // bursts), then rebuild.
    let watch_state = Arc::clone(&state);
    let root = opts.root.clone();
    let write_to = opts.write.then(|| opts.root.join(&build_dir));
    let quiet = opts.quiet;
    std::thread::spawn(move || {
        let dirs: Vec<&str> = watched.iter().map(String::as_str).collect();
        let mut last = initial;
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let now = fingerprint(&root, &dirs);
            if now == last {
                continue;
            }
            std::thread::sleep(Duration::from_millis(60));
            last = fingerprint(&root, &dirs);
            rebuild(
                &mut builder,
                &watch_state,
                write_to.clone(),
                quiet,
                "Rebuilt",
            );
        }
    });

    // Connections over the bound are answered "busy" by one thread, in
    // turn (and dropped when even its queue is full).
    let (turn_away, busy) = std::sync::mpsc::sync_channel::<TcpStream>(MAX_CONNECTIONS);
    std::thread::spawn(move || {
        for mut stream in busy {
            let _ = stream.set_write_timeout(Some(Duration::from_millis(500)));
            let answer = Answer::head_only(false);
            if respond(
                &mut stream,
                answer,
                "503 Service Unavailable",
                "text/plain",
                b"busy, try again\n",
            )
            .is_ok()
            {
                drain(&mut stream);
            }
        }
    });
    let in_flight = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for stream in listener.incoming().flatten() {
        use std::sync::atomic::Ordering;
        // A thread per connection, up to a bound: each is held at most by
        // the request deadline and the write timeout, but a flood of idle
        // connections must not grow the server without end.
        if in_flight.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            in_flight.fetch_sub(1, Ordering::SeqCst);
            let _ = turn_away.try_send(stream);
            continue;
        }
        let state = Arc::clone(&state);
        // The slot is given back however the thread ends (a panic too).
        let slot = Slot(Arc::clone(&in_flight));
        let spawned = std::thread::Builder::new().spawn(move || {
            let _slot = slot;
            let _ = handle(stream, &state);
        });
        // No thread to be had: this connection is dropped, the server goes on.
        drop(spawned);
    }
    Ok(())
}

/// One connection's place among `MAX_CONNECTIONS`, given back on drop.
struct Slot(Arc<std::sync::atomic::AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// How long one answer may take to send, however the client reads it: a
/// client taking a few bytes now and then must not keep its thread.
const ANSWER_TIME: Duration = Duration::from_secs(60);

/// Connections served at once; a browser opens six per host.
const MAX_CONNECTIONS: usize = 64;

fn rebuild(
    builder: &mut Builder,
    state: &RwLock<State>,
    write_to: Option<PathBuf>,
    quiet: bool,
    verb: &str,
) {
    // A bug in one build must not stop the watcher: report it like a build
    // error and keep watching.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| builder.build()))
        .unwrap_or_else(|p| {
            let what = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
            builder.versions = None;
            builder.archived = None;
            Err(format!(
                "internal error while building: {}",
                what.unwrap_or_default()
            ))
        });
    // The disk first: requests are served from the old files meanwhile.
    if let (Ok((files, _)), Some(dest)) = (&result, write_to) {
        if let Err(e) = crate::output::write_site(&dest, files) {
            say!(
                "error: {}",
                crate::diag::terminal_safe(&e.to_string(), true)
            );
        }
    }
    let mut s = state.write().unwrap_or_else(|e| e.into_inner());
    s.generation += 1;
    match result {
        Ok((files, took)) => {
            if !quiet {
                say!(
                    "{verb} {} files in {:.0} ms",
                    files.len(),
                    took.as_secs_f64() * 1000.0
                );
            }
            s.files = Arc::new(files);
            s.error = None;
        }
        Err(e) => {
            say!(
                "{}\nerror: build failed; the page shows the error until it is fixed",
                crate::diag::terminal_safe(&e.to_string(), true)
            );
            s.error = Some(e);
        }
    }
}

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
    stream: &mut TcpStream,
    answer: Answer,
    status: &str,
    ctype: &str,
    body: &[u8],
) -> std::io::Result<()> {
    // The head in one write: formatting straight into the socket sent each
    // piece as its own segment, and a client reset mid-answer (it sent more
    // than we read) saw a torn status line.
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
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
    send(body)
}

/// After answering a request that was not read to its end: stop sending,
/// then read what the client still sends (briefly), so that closing does
/// not reset the connection and throw away the answer before it is read.
fn drain(stream: &mut TcpStream) {
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
struct Deadline {
    stream: TcpStream,
    deadline: Instant,
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

fn handle(mut stream: TcpStream, state: &RwLock<State>) -> std::io::Result<()> {
    // A request is a line and a few headers: bound what one may send and
    // for how long, so a client that never ends its line (or sends it a
    // byte at a time) can neither grow the server nor hold a thread.
    let deadline = Instant::now() + Duration::from_secs(5);
    let timed = Deadline {
        stream: stream.try_clone()?,
        deadline,
    };
    let mut reader = BufReader::new(timed).take(64 * 1024);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let whole = line.ends_with('\n') && header.ends_with('\n');
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let answer = Answer::head_only(method == "HEAD");
    if !whole {
        respond(
            &mut stream,
            answer,
            "400 Bad Request",
            "text/plain",
            b"bad request\n",
        )?;
        drain(&mut stream);
        return Ok(());
    }
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            answer,
            "405 Method Not Allowed",
            "text/plain",
            b"only GET\n",
        );
    }
    if target == "/favicon.ico" {
        // Browsers ask for it by themselves; the site has none.
        return respond(&mut stream, answer, "204 No Content", "image/x-icon", b"");
    }
    if target == "/__roadbook/generation" {
        let g = state.read().map(|s| s.generation).unwrap_or(0);
        return respond(
            &mut stream,
            answer,
            "200 OK",
            "text/plain",
            g.to_string().as_bytes(),
        );
    }
    let Some(path) = site_path(target) else {
        return respond(
            &mut stream,
            answer,
            "400 Bad Request",
            "text/plain",
            b"bad path\n",
        );
    };
    let (files, error) = {
        let s = state.read().unwrap_or_else(|e| e.into_inner());
        (Arc::clone(&s.files), s.error.clone())
    };
    if let Some(error) = error {
        if path.ends_with(".html") {
            let page = format!(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build error — roadbook</title></head><body style=\"font-family:system-ui,sans-serif;margin:2rem\"><h1>The roadmap does not build</h1><p>Fix the problem below; this page reloads by itself.</p><pre style=\"background:#fbe5e4;padding:1rem;white-space:pre-wrap\">{}</pre>{RELOAD}</body></html>",
                crate::charts::esc(&error)
            );
            return respond(
                &mut stream,
                answer,
                "500 Internal Server Error",
                "text/html; charset=utf-8",
                page.as_bytes(),
            );
        }
    }
    match files.get(&path) {
        Some(bytes) if path.ends_with(".html") => {
            let html = String::from_utf8_lossy(bytes);
            let body = match html.rfind("</body>") {
                Some(i) => format!("{}{RELOAD}{}", &html[..i], &html[i..]),
                None => format!("{html}{RELOAD}"),
            };
            respond(&mut stream, answer, "200 OK", content_type(&path), body.as_bytes())
        }
        Some(bytes) => respond(&mut stream, answer, "200 OK", content_type(&path), bytes),
        None => respond(
            &mut stream,
            answer,
            "404 Not Found",
            "text/html; charset=utf-8",
            b"<!DOCTYPE html><title>Not found</title><p>Not found. <a href=\"/\">Dashboard</a></p>\n",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
