//! `roadbook serve` on a free loopback port: the working tree's pages from
//! memory and archived versions from a folder on disk, rebuild on change,
//! errors in the page, no path traversal, no writes to the project.

use crate::helpers::Project;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
    log: std::sync::Arc<std::sync::Mutex<String>>,
    /// The server's cache folder, unless the test gave one: never the
    /// user's own.
    _cache: Option<tempfile::TempDir>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(p: &Project) -> Server {
    start_with(p, &[]).expect("serve did not say where it listens")
}

/// `roadbook serve -p 0` with more arguments; Err(stderr) when it stops
/// without saying where it listens.
fn start_with(p: &Project, args: &[&str]) -> Result<Server, String> {
    start_env(p, args, &[])
}

fn start_env(p: &Project, args: &[&str], env: &[(&str, &Path)]) -> Result<Server, String> {
    let cache =
        (!env.iter().any(|(k, _)| *k == "XDG_CACHE_HOME")).then(|| tempfile::tempdir().unwrap());
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("roadbook"))
        .args(["serve", "-p", "0"])
        .args(args)
        .envs(env.iter().copied())
        .envs(cache.iter().map(|c| ("XDG_CACHE_HOME", c.path())))
        .current_dir(p.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut port = 0;
    let mut line = String::new();
    let mut said = String::new();
    while port == 0 && stderr.read_line(&mut line).unwrap() > 0 {
        // "Serving ROOT on http://ADDR:PORT/ (Ctrl-C to stop)"
        if let Some(at) = line.find("http://") {
            let authority = line[at + 7..].split('/').next().unwrap_or("");
            port = authority
                .rsplit(':')
                .next()
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
        }
        said.push_str(&line);
        line.clear();
    }
    if port == 0 {
        let _ = child.kill();
        let _ = child.wait();
        return Err(said);
    }
    // Keep draining stderr so the server never blocks on it, and keep it for
    // failure messages.
    let log = std::sync::Arc::new(std::sync::Mutex::new(said));
    let sink = std::sync::Arc::clone(&log);
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            if let Ok(mut l) = sink.lock() {
                l.push_str(&line);
                l.push('\n');
            }
        }
    });
    Ok(Server {
        child,
        port,
        log,
        _cache: cache,
    })
}

/// A raw HTTP/1.1 GET: (status code, body).
fn get(port: u16, target: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    // A server that stops answering fails the test instead of hanging it.
    s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out
        .split_whitespace()
        .nth(1)
        .unwrap_or("0")
        .parse()
        .unwrap_or(0);
    let body = out
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn wait_for(server: &Server, target: &str, what: &str) -> String {
    let start = Instant::now();
    loop {
        let (_, body) = get(server.port, target);
        if body.contains(what) {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "never saw {what:?} at {target}; server said:\n{}\nlast page:\n{body}",
            server.log.lock().map(|l| l.clone()).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Retitle the fixture's shop initiative and wait until the server shows
/// it.
fn retitle_shop(p: &Project, server: &Server) {
    save_retitled_shop(p);
    wait_for(
        server,
        "/initiatives/shop.html",
        "<h1>Brand-new web shop</h1>",
    );
}

/// Retitle the fixture's shop initiative, as an editor saves it.
fn save_retitled_shop(p: &Project) {
    let text = p
        .read("content/initiatives/shop.md")
        .replace("title: New web shop", "title: Brand-new web shop");
    p.write("content/initiatives/shop.md", &text);
}

/// Wait (at most 30 s) until `done` holds.
fn until(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(30), "{what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Files under `dir` whose path ends with `tail`.
fn found_under(dir: &Path, tail: &str) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().to_string_lossy().ends_with(tail))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn archived_versions_are_served_from_a_folder_on_disk_written_once() {
    let p = Project::fixture("valid");
    let out = p.run(&["snapshot", "2026-Q3", "--dir"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let tmp = tempfile::tempdir().unwrap();
    let server = start_env(&p, &[], &[("XDG_CACHE_HOME", tmp.path())]).unwrap();
    // It learns of changes from the kernel (inotify on Linux), not by
    // walking the sources over and over.
    if let Ok(fds) = std::fs::read_dir(format!("/proc/{}/fd", server.child.id())) {
        let inotify = fds
            .flatten()
            .filter_map(|fd| std::fs::read_link(fd.path()).ok())
            .any(|target| target.to_string_lossy().contains("inotify"));
        assert!(inotify, "no inotify descriptor: the server polls");
    }
    let (status, page) = get(server.port, "/v/2026-Q3/initiatives/shop.html");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<h1>New web shop</h1>"), "{page}");
    assert!(
        page.contains("/__roadbook/generation"),
        "live reload there too"
    );
    // The site is a folder in the user's cache folder, private to them,
    // not in memory and not in the project.
    let archived = "v/2026-Q3/initiatives/shop.html";
    let found = found_under(tmp.path(), archived);
    assert_eq!(found.len(), 1, "{found:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let serve_dir = tmp.path().join("roadbook/serve");
        let mode = std::fs::metadata(&serve_dir).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{serve_dir:?} is open to others: {mode:o}");
    }
    assert!(!p.path().join("site").exists());
    let cached = &found[0];
    let written = std::fs::metadata(cached).unwrap().modified().unwrap();

    // An edit re-renders the working tree only: the archived page is the
    // same file, untouched, and says what it said.
    retitle_shop(&p, &server);
    let (_, page) = get(server.port, "/v/2026-Q3/initiatives/shop.html");
    assert!(page.contains("<h1>New web shop</h1>"), "{page}");
    assert_eq!(
        std::fs::metadata(cached).unwrap().modified().unwrap(),
        written
    );

    // A new snapshot appears beside it, and the old one is still there.
    let out = p.run(&["snapshot", "2026-Q4", "--dir"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    wait_for(
        &server,
        "/v/2026-Q4/initiatives/shop.html",
        "<h1>Brand-new web shop</h1>",
    );
    let (status, page) = get(server.port, "/v/2026-Q3/initiatives/shop.html");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>New web shop</h1>"), "{page}");
    // A source folder made after the server started is watched too: a file
    // added in it, then changed, is served as it is now.
    p.write("themes/default/static/hello.txt", "one");
    wait_for(&server, "/static/hello.txt", "one");
    p.write("themes/default/static/hello.txt", "two");
    wait_for(&server, "/static/hello.txt", "two");

    // Nothing outside the site's folder is read through it, nor roadbook's
    // own marks in it.
    for target in [
        "/v/../book.toml",
        "/v/%2e%2e/%2e%2e/book.toml",
        "/v/2026-Q3/.roadbook-version",
        "/.roadbook-build",
        "/C:/Windows/win.ini",
    ] {
        assert!(matches!(get(server.port, target).0, 400 | 404), "{target}");
    }
    drop(server);

    // `--write`: the build folder holds the whole site, archived versions
    // and all, as `build` writes it; the user's files in it are kept and
    // said as `build` says them (it said nothing: from a trial).
    p.run(&["build", "-q"]).ok();
    p.write("site/initiatives/minutes.txt", "mine\n");
    let server = start_with(&p, &["--write"]).unwrap();
    let (status, _) = get(server.port, "/v/2026-Q4/index.html");
    assert_eq!(status, 200);
    let log = server.log.lock().unwrap().clone();
    assert!(
        log.contains("note: kept what roadbook did not write in ")
            && log.contains("site: initiatives/minutes.txt (carried over to every build)"),
        "{log}"
    );
    assert_eq!(p.read("site/initiatives/minutes.txt"), "mine\n");
    for file in [
        "site/index.html",
        "site/v/2026-Q3/index.html",
        "site/v/2026-Q4/index.html",
    ] {
        assert!(p.path().join(file).is_file(), "{file}");
    }
}

/// The page left at a gone quarter's address is served as `build` writes
/// it (found by a review: every `v/` path went to the archived files on
/// disk, and it answered 404).
#[test]
fn a_gone_quarters_address_is_served() {
    let p = Project::fixture("valid");
    let out = p.run(&["snapshot", "2026-Q3", "--dir"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    p.run(&["build", "--quiet"]).ok();
    std::fs::rename(
        p.path().join("snapshots/2026-Q3"),
        p.path().join("snapshots/2026-Q3-final"),
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let server = start_env(&p, &[], &[("XDG_CACHE_HOME", tmp.path())]).unwrap();
    let (status, page) = get(server.port, "/v/2026-Q3/index.html");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("renamed</span>") && page.contains("snapshot 2026-Q3-final</a>"),
        "{page}"
    );
    let (status, _) = get(server.port, "/v/2026-Q3-final/index.html");
    assert_eq!(status, 200);
}

/// Found by a trial: a quarter tagged while `serve` ran was never served
/// (404, and the version list unchanged) until a restart, though the
/// routine reads the quarter right after taking it. The tags are watched.
#[test]
fn a_quarter_tagged_while_serving_is_served() {
    let p = Project::fixture("valid");
    crate::helpers::git(&p, "2026-06-30", &["init", "-q"]);
    crate::helpers::git(&p, "2026-06-30", &["add", "-A"]);
    crate::helpers::git(&p, "2026-06-30", &["commit", "-qm", "Q2"]);
    crate::helpers::git(
        &p,
        "2026-06-30",
        &["tag", "-a", "roadmap/2026-Q2", "-m", "Q2"],
    );
    let server = start(&p);
    wait_for(&server, "/v/2026-Q2/index.html", "2026-Q2");
    let (status, _) = get(server.port, "/v/2026-Q3/index.html");
    assert_eq!(status, 404);
    crate::helpers::git(
        &p,
        "2026-09-30",
        &["tag", "-a", "roadmap/2026-Q3", "-m", "Q3"],
    );
    wait_for(&server, "/versions.html", "v/2026-Q3/");
    let (status, page) = get(server.port, "/v/2026-Q3/index.html");
    assert_eq!(status, 200, "{page}");
    // A version's address typed without its `/` is sent to the folder, as
    // a static server does (it was a 404), and only to this server's.
    let ask = |target: &str| {
        exchange(
            server.port,
            &format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        )
    };
    let moved = ask("/v/2026-Q3");
    assert!(
        moved.starts_with("HTTP/1.1 301") && moved.contains("\r\nLocation: /v/2026-Q3/\r\n"),
        "{moved}"
    );
    assert!(ask("//initiatives").contains("\r\nLocation: /initiatives/\r\n"));
    assert_eq!(get(server.port, "/v/2026-Q9").0, 404);
}

/// A quarter's tag packed by `git gc` and then deleted changes git's file
/// of packed tags alone: the version goes from the site being served (it
/// stayed until a restart).
#[test]
fn a_packed_tag_deleted_while_serving_is_no_longer_served() {
    let p = Project::fixture("valid");
    crate::helpers::git(&p, "2026-06-30", &["init", "-q"]);
    crate::helpers::git(&p, "2026-06-30", &["add", "-A"]);
    crate::helpers::git(&p, "2026-06-30", &["commit", "-qm", "Q2"]);
    for (tag, day) in [
        ("roadmap/2026-Q2", "2026-06-30"),
        ("roadmap/2026-Q3", "2026-09-30"),
    ] {
        crate::helpers::git(&p, day, &["tag", "-a", tag, "-m", tag]);
    }
    crate::helpers::git(&p, "2026-09-30", &["pack-refs", "--all"]);
    assert!(!p.path().join(".git/refs/tags/roadmap/2026-Q3").exists());
    let server = start(&p);
    wait_for(&server, "/versions.html", "v/2026-Q3/");
    crate::helpers::git(&p, "2026-09-30", &["tag", "-d", "roadmap/2026-Q3"]);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, _) = get(server.port, "/v/2026-Q3/index.html");
        if status == 404 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the deleted quarter is still served"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let (status, page) = get(server.port, "/v/2026-Q2/index.html");
    assert_eq!(status, 200, "{page}");
}

/// Snapshots in a folder of the project's choosing are watched, and a
/// change to one after edits to the content alone is served: the content
/// edits reuse the snapshots kept, not for ever.
#[test]
fn a_snapshot_changed_after_content_edits_is_served_as_it_is_now() {
    let p = Project::fixture("valid");
    let book = p.read("book.toml") + "\n[snapshots]\ndir = \"archive\"\n";
    p.write("book.toml", &book);
    let out = p.run(&["snapshot", "2026-Q3", "--dir"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let archived = "archive/2026-Q3/content/initiatives/shop.md";
    assert!(p.path().join(archived).is_file());
    let server = start(&p);
    wait_for(
        &server,
        "/v/2026-Q3/initiatives/shop.html",
        "<h1>New web shop</h1>",
    );
    retitle_shop(&p, &server);
    let text = p
        .read(archived)
        .replace("title: New web shop", "title: Archived web shop");
    p.write(archived, &text);
    wait_for(
        &server,
        "/v/2026-Q3/initiatives/shop.html",
        "<h1>Archived web shop</h1>",
    );
    // And the working tree's page is still its own.
    let (_, page) = get(server.port, "/initiatives/shop.html");
    assert!(page.contains("<h1>Brand-new web shop</h1>"), "{page}");
}

/// A page the theme fails on (which `build` would refuse to write) shows
/// the error where the page was, says it in the terminal, and comes back
/// by itself once the theme is fixed.
#[test]
fn a_page_the_theme_cannot_make_shows_why_and_comes_back_when_fixed() {
    let p = Project::fixture("valid");
    let server = start(&p);
    wait_for(&server, "/initiatives/shop.html", "<h1>New web shop</h1>");
    let template = "themes/default/templates/item.html";
    p.write(template, "{{ no_such_value.at_all }}");
    let page = wait_for(
        &server,
        "/initiatives/shop.html",
        "This page cannot be made",
    );
    assert!(page.contains("item.html"), "{page}");
    assert!(page.contains("/__roadbook/generation"), "it reloads itself");
    assert_eq!(get(server.port, "/initiatives/shop.html").0, 500);
    // The terminal line is read from the server's output by another
    // thread: it may come a moment after the page.
    let began = Instant::now();
    loop {
        let log = server.log.lock().map(|l| l.clone()).unwrap_or_default();
        if log.contains("error: initiatives/shop.html") {
            break;
        }
        assert!(began.elapsed() < Duration::from_secs(30), "{log}");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::remove_file(p.path().join(template)).unwrap();
    wait_for(&server, "/initiatives/shop.html", "<h1>New web shop</h1>");
}

#[test]
fn serves_rebuilds_and_shows_errors_without_writing() {
    let p = Project::fixture("valid");
    let server = start(&p);
    let (status, body) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(body.contains("<title>Acme Roadmap — dashboard</title>"));
    // It listens on loopback only: the kernel's socket table says so.
    if let Ok(table) = std::fs::read_to_string("/proc/net/tcp") {
        let port = format!(":{:04X}", server.port);
        let listening: Vec<&str> = table
            .lines()
            .filter_map(|l| l.split_whitespace().nth(1))
            .filter(|local| local.ends_with(&port))
            .collect();
        assert!(
            !listening.is_empty(),
            "port {} not in /proc/net/tcp",
            server.port
        );
        assert!(
            listening.iter().all(|a| a.starts_with("0100007F")),
            "not loopback only: {listening:?}"
        );
    }
    assert!(
        body.contains("/__roadbook/generation"),
        "live reload is injected when serving"
    );
    // The process runs without transparent huge pages (see main.rs).
    if let Ok(status) = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())) {
        if let Some(line) = status.lines().find(|l| l.starts_with("THP_enabled:")) {
            assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
        }
    }
    let (status, page) = get(server.port, "/initiatives/shop.html");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>New web shop</h1>"));

    // Edit a file: the page changes.
    retitle_shop(&p, &server);

    // Break it: the error shows in the page instead of a stale site.
    p.write(
        "content/outcomes/grow-online.md",
        "---\ntitle: [oops\n---\n",
    );
    let body = wait_for(
        &server,
        "/initiatives/shop.html",
        "The roadmap does not build",
    );
    assert!(
        body.contains("content/outcomes/grow-online.md:2:"),
        "{body}"
    );
    // An export is not handed out as the last build left it (a script
    // would read stale data with a 200); the stylesheet still is.
    let (status, text) = get(server.port, "/roadmap.json");
    assert_eq!(status, 500, "{text}");
    assert!(
        text.starts_with("The roadmap does not build:") && text.contains("grow-online.md:2:"),
        "{text}"
    );
    assert_eq!(get(server.port, "/static/style.css").0, 200);
    // Fix it: back to the site.
    p.write(
        "content/outcomes/grow-online.md",
        "---\ntitle: Grow online revenue\nowner: Ada\n---\n",
    );
    wait_for(
        &server,
        "/initiatives/shop.html",
        "<h1>Brand-new web shop</h1>",
    );

    // Nothing outside the site, however the path is spelled.
    for target in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2fbook.toml",
        "/..%5c..%5cbook.toml",
        "/%252e%252e/book.toml",
        "/.%2e/.%2e/book.toml",
        "/static/%2e%2e%2f%2e%2e%2fbook.toml",
        "/%c0%ae%c0%ae/book.toml",
        "/book.toml",
        "/content/outcomes/grow-online.md",
        "http://127.0.0.1/../book.toml",
        "/index.html%00.md",
    ] {
        let (status, body) = get(server.port, target);
        assert!(status == 400 || status == 404, "{target}: {status}");
        assert!(
            !body.contains("[book]") && !body.contains("root:"),
            "{target} leaked a file"
        );
    }
    assert_eq!(get(server.port, "/nope.html").0, 404);
    // A request line that never ends is cut off at its size bound, at once
    // (not when a read times out); the server stays up.
    let started = Instant::now();
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let endless = vec![b'a'; 1024 * 1024];
    let _ = s.write_all(b"GET /");
    let _ = s.write_all(&endless);
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "an oversized request was read for {:?}",
        started.elapsed()
    );
    // The server reads the rest before closing, so the answer is not lost
    // to a reset while our megabyte is still in flight.
    assert!(
        answer.starts_with("HTTP/1.1 400 Bad Request\r\n"),
        "{answer:.80}"
    );
    // A request sent a byte at a time is cut off by its deadline.
    let started = Instant::now();
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let trickle = format!("GET /index.html HTTP/1.1\r\nX-Slow: {}", "a".repeat(60));
    let mut closed = false;
    for b in trickle.bytes() {
        if slow.write_all(&[b]).is_err() {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        closed || started.elapsed() < Duration::from_secs(8),
        "a trickling request held its connection for {:?}",
        started.elapsed()
    );
    assert_eq!(get(server.port, "/").0, 200);
    assert!(
        !p.path().join("site").exists(),
        "serve writes nothing unless asked"
    );
}

/// Raw request, raw answer.
fn exchange(port: u16, request: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn a_client_that_stops_reading_or_floods_holds_up_nothing() {
    let p = Project::fixture("valid");
    // Larger than the socket buffers, so writing it blocks while the
    // client does not read.
    let big = vec![b'x'; 48 * 1024 * 1024];
    std::fs::create_dir_all(p.path().join("themes/default/static")).unwrap();
    std::fs::write(p.path().join("themes/default/static/big.bin"), &big).unwrap();
    let server = start(&p);

    // HEAD: the headers of GET, no body.
    let head = exchange(server.port, "HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    let (headers, body) = head.split_once("\r\n\r\n").unwrap();
    assert!(!headers.contains("Content-Length: 0"), "{headers}");
    assert_eq!(body, "", "HEAD sent a body");

    // A client asks for the big file and never reads it.
    let mut stalled = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        stalled,
        "GET /static/big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    // An edit is still rebuilt and served (the stalled answer held the
    // site's lock, and the rebuild waited on it for ever).
    let edited = Instant::now();
    retitle_shop(&p, &server);
    // Generous: what fails is a rebuild that waits for ever, not a slow
    // one on a loaded machine (the suite runs in parallel on two cores).
    assert!(
        edited.elapsed() < Duration::from_secs(60),
        "the edit took {:?} to show while a client stalled",
        edited.elapsed()
    );
    drop(stalled);

    // Connections that never send their request do not keep a new one
    // out: beyond the bound, the oldest of them is cut off to make room.
    drop(server);
    let server = start_with(&p, &["--max-connections", "8"]).unwrap();
    let idle: Vec<TcpStream> = (0..20)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..3 {
        assert_eq!(get(server.port, "/").0, 200);
    }
    drop(idle);
    // Answers under way fill the bound: one more is turned away at once,
    // and the server serves again when they go.
    // Each of them is under way once its answer has started to arrive.
    // On a loaded machine the threads of the idle connections dropped
    // above may still hold places for a moment, and a request arriving
    // then is turned away (503) instead: such a one is asked again, so
    // that all eight are answers under way before the probe.
    let under_way = || {
        for _ in 0..100 {
            let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            write!(s, "GET /static/big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
            s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
            let mut status = [0u8; 12];
            // Until the status line is there, or the connection is closed
            // (turned away when even the busy queue was full).
            loop {
                match s.peek(&mut status).unwrap_or(0) {
                    0 => break,
                    n if n == status.len() => break,
                    _ => std::thread::sleep(Duration::from_millis(5)),
                }
            }
            if status.starts_with(b"HTTP/1.1 200") {
                return s;
            }
            assert!(
                status.starts_with(b"HTTP/1.1 503") || status == [0u8; 12],
                "{status:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("a stalled answer never began");
    };
    let stalled: Vec<TcpStream> = (0..8).map(|_| under_way()).collect();
    let started = Instant::now();
    let busy = exchange(server.port, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert!(
        busy.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
        "eight answers under way did not fill the bound: {busy:.80}"
    );
    // Turned away at once, not after waiting for a place (which would
    // last until the stalled clients go, below).
    assert!(started.elapsed() < Duration::from_secs(20));
    drop(stalled);
    let start_wait = Instant::now();
    while get(server.port, "/").0 != 200 {
        assert!(
            start_wait.elapsed() < Duration::from_secs(10),
            "never served again"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_port_in_use_is_said_before_building() {
    let p = Project::fixture("valid");
    let server = start(&p);
    let out = Command::new(assert_cmd::cargo::cargo_bin("roadbook"))
        .args(["serve", "-p", &server.port.to_string()])
        .current_dir(p.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot listen on 127.0.0.1:"), "{stderr}");
    assert!(stderr.contains("-p 0 for any free port"), "{stderr}");
    assert!(!stderr.contains("Built"), "it built first: {stderr}");
}

/// One request on its own connection, with bounded waits: Ok(status) or
/// what went wrong (refused, reset, timed out), never a hang or a panic.
fn try_get(addr: (&str, u16), host: &str, target: &str) -> Result<u16, String> {
    let to = std::net::SocketAddr::new(addr.0.parse().unwrap(), addr.1);
    let mut s =
        TcpStream::connect_timeout(&to, Duration::from_secs(10)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(15)))
        .map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).map_err(|e| e.to_string())?;
    let out = String::from_utf8_lossy(&out);
    out.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("no status line: {out:.80}"))
}

/// Slowloris: `count` connections, each sending a request head a byte at a
/// time (every 100 ms) and never finishing it; a connection the server cuts
/// off is opened again at once, so `count` stay open for as long as the
/// attack lasts. Returns the attackers (joined after `stop`) and how many
/// connections are open now.
fn slowloris(
    port: u16,
    count: usize,
    stop: &std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> (
    Vec<std::thread::JoinHandle<()>>,
    std::sync::Arc<std::sync::atomic::AtomicUsize>,
) {
    use std::sync::atomic::Ordering;
    let open = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let head: &'static [u8] = b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    let threads = 4;
    let attackers = (0..threads)
        .map(|_| {
            let stop = std::sync::Arc::clone(stop);
            let open = std::sync::Arc::clone(&open);
            std::thread::spawn(move || {
                let mut conns: Vec<Option<(TcpStream, usize)>> =
                    (0..count / threads).map(|_| None).collect();
                while !stop.load(Ordering::SeqCst) {
                    for conn in conns.iter_mut() {
                        // Cut off (closed, or answered with an error): the
                        // attacker notices at once and opens another.
                        if let Some((s, _)) = conn {
                            let mut probe = [0u8; 1];
                            let gone = match s.peek(&mut probe) {
                                Ok(_) => true,
                                Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
                            };
                            if gone {
                                open.fetch_sub(1, Ordering::SeqCst);
                                *conn = None;
                            }
                        }
                        if conn.is_none() {
                            if let Ok(s) = TcpStream::connect(("127.0.0.1", port)) {
                                if s.set_nonblocking(true).is_ok() {
                                    open.fetch_add(1, Ordering::SeqCst);
                                    *conn = Some((s, 0));
                                }
                            }
                        }
                        if let Some((s, sent)) = conn {
                            let byte = head.get(*sent).copied().unwrap_or(b'a');
                            *sent += 1;
                            if s.write_all(&[byte]).is_err() {
                                open.fetch_sub(1, Ordering::SeqCst);
                                *conn = None;
                            }
                        }
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            })
        })
        .collect();
    (attackers, open)
}

#[test]
fn slow_clients_do_not_starve_the_others() {
    let p = Project::fixture("valid");
    // 200 slow connections fit in the server's room: no one is cut off
    // early, and the real requests find a place at once. (Beyond the room,
    // the oldest unfinished request makes way: see
    // `a_client_that_stops_reading_or_floods_holds_up_nothing`.)
    let server = start(&p);
    thirty_requests_under_slowloris(server.port, &server);
}

/// 200 slowloris connections held open while 30 requests from 6 clients
/// (5 each, in turn) all get their page promptly.
fn thirty_requests_under_slowloris(port: u16, server: &Server) {
    use std::sync::atomic::Ordering;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (attackers, open) = slowloris(port, 200, &stop);
    // The attack in place: every connection open and trickling.
    let began = Instant::now();
    while open.load(Ordering::SeqCst) < 200 && began.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(500));
    let attacking = open.load(Ordering::SeqCst);

    // 30 requests from 6 clients, 5 each in turn, while it lasts.
    let started = Instant::now();
    let clients: Vec<_> = (0..6)
        .map(|_| {
            std::thread::spawn(move || {
                (0..5)
                    .map(|_| {
                        let t = Instant::now();
                        let got = try_get(("127.0.0.1", port), &format!("127.0.0.1:{port}"), "/");
                        (got, t.elapsed())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let answers: Vec<_> = clients
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    let took = started.elapsed();
    let still_attacking = open.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    for a in attackers {
        a.join().unwrap();
    }
    eprintln!(
        "30 requests under {attacking} slow connections: {took:?}, slowest {:?}",
        answers.iter().map(|(_, t)| *t).max().unwrap_or_default()
    );
    assert!(
        attacking >= 190,
        "the attack did not get going: {attacking} open"
    );
    assert!(
        still_attacking >= 150,
        "the attack had faded by the end: {still_attacking} open"
    );
    let failed: Vec<_> = answers.iter().filter(|(got, _)| *got != Ok(200)).collect();
    assert!(
        failed.is_empty(),
        "{} of 30 requests failed under attack (in {took:?}): {failed:?}\nserver said:\n{}",
        failed.len(),
        server.log.lock().map(|l| l.clone()).unwrap_or_default()
    );
    // Promptly: well under the 5 s a slow request head may take, so no
    // answer waited for an attacker to be cut off.
    for (_, t) in &answers {
        assert!(
            *t < Duration::from_secs(3),
            "a request took {t:?} under attack"
        );
    }
    assert!(took < Duration::from_secs(15), "30 requests took {took:?}");
}

/// The status of a raw request.
fn status_of(port: u16, request: &str) -> u16 {
    let answer = exchange(port, request);
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status line for {request:?}: {answer:.80}"))
}

#[test]
fn only_the_served_host_names_are_answered() {
    let p = Project::fixture("valid");
    let server = start(&p);
    let port = server.port;
    let get_as = |host: &str, target: &str| {
        status_of(
            port,
            &format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    // The names that reach a loopback server, with its port.
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
        // Without a port (the client's default): still a loopback name,
        // which no other site can make a browser send.
        "localhost".to_string(),
        "127.0.0.1".to_string(),
    ] {
        assert_eq!(get_as(&host, "/"), 200, "Host: {host}");
    }
    // DNS rebinding: a page on another site whose name now points at
    // 127.0.0.1 sends its own name. Nothing is served to it, the data and
    // the reload counter included.
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1).max(1)),
        format!("127.0.0.2:{port}"),
        "".to_string(),
    ] {
        for target in ["/", "/roadmap.json", "/__roadbook/generation", "/nope.html"] {
            assert_eq!(get_as(&host, target), 403, "Host: {host:?} {target}");
        }
    }
    let refused = exchange(
        port,
        "GET /roadmap.json HTTP/1.1\r\nHost: evil.example\r\n\r\n",
    );
    assert!(refused.contains("--allow-host"), "{refused}");
    assert!(!refused.contains("\"initiatives\""), "{refused}");
    // HTTP/1.1 requires Host; two of them are ambiguous.
    assert_eq!(
        status_of(port, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n"),
        400
    );
    assert_eq!(
        status_of(
            port,
            &format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\n\r\n")
        ),
        400
    );
    // HTTP/1.0 may leave it out: no browser does, so no rebinding page can.
    assert_eq!(status_of(port, "GET / HTTP/1.0\r\n\r\n"), 200);
    assert_eq!(
        status_of(port, "GET / HTTP/1.0\r\nHost: evil.example\r\n\r\n"),
        403
    );
}

#[test]
fn allow_host_names_more_hosts_for_another_bind_address() {
    let p = Project::fixture("valid");
    // 127.0.0.2 is another address that is still loopback on Linux; where
    // it is not configured there is nothing to test.
    let server = match start_with(
        &p,
        &[
            "--bind",
            "127.0.0.2",
            "--allow-host",
            "roadmap.test",
            "--allow-host",
            "Intranet.Example:8443",
        ],
    ) {
        Ok(s) => s,
        Err(said) if said.contains("cannot listen on 127.0.0.2") => {
            eprintln!("skipped: 127.0.0.2 is not configured here");
            return;
        }
        Err(said) => panic!("serve did not start: {said}"),
    };
    let port = server.port;
    let get_as = |host: &str| {
        try_get(("127.0.0.2", port), host, "/").unwrap_or_else(|e| panic!("Host: {host}: {e}"))
    };
    for host in [
        format!("127.0.0.2:{port}"),
        // An allowed name with any port (a proxy or tunnel in front may
        // use its own), or without one.
        "roadmap.test".to_string(),
        format!("roadmap.test:{port}"),
        "ROADMAP.test:8080".to_string(),
        // A name given with a port: that port only.
        "intranet.example:8443".to_string(),
    ] {
        assert_eq!(get_as(&host), 200, "Host: {host}");
    }
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.2:{}", port.wrapping_add(1).max(1)),
        format!("intranet.example:{port}"),
        "roadmap.test.evil.example".to_string(),
    ] {
        assert_eq!(get_as(&host), 403, "Host: {host}");
    }
    // Without --allow-host, the bound address only.
    let plain = start_with(&p, &["--bind", "127.0.0.2"]).unwrap();
    assert_eq!(
        try_get(("127.0.0.2", plain.port), "roadmap.test", "/"),
        Ok(403)
    );
    assert_eq!(
        try_get(
            ("127.0.0.2", plain.port),
            &format!("127.0.0.2:{}", plain.port),
            "/"
        ),
        Ok(200)
    );
    // A name that cannot be a host is a usage error, said at once.
    let out = Command::new(assert_cmd::cargo::cargo_bin("roadbook"))
        .args(["serve", "-p", "0", "--allow-host", "http://x/"])
        .current_dir(p.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--allow-host"), "{stderr}");
}

/// The last line of `build`'s report and of `serve`'s, after "; ": the
/// findings' one-line summary.
fn summary_after_semicolon(line: &str) -> String {
    line.split_once("; ")
        .map(|(_, s)| s.trim().to_string())
        .unwrap_or_default()
}

#[test]
fn build_and_serve_report_the_same_findings_at_the_same_levels() {
    let p = Project::fixture("valid");
    // A snapshot that does not load: a finding of the `snapshot` rule,
    // which only exists once snapshots are read.
    p.write(
        "snapshots/q3/book.toml",
        "[book]\ntitle = \"Acme\"\n[roadmap]\ntoday = \"2026-08-01\"\n",
    );
    p.write(
        "snapshots/q3/content/outcomes/grow-online.md",
        "---\ntitle: [oops\n---\n",
    );
    // At its default level (a warning) both count it the same way.
    let built = p.run(&["build"]).ok();
    let build_line = built.stderr.lines().last().unwrap_or("").to_string();
    assert!(build_line.contains("1 other warning"), "{}", built.stderr);
    let check = p.run(&["check", "--format", "json"]);
    assert!(
        check
            .stdout
            .lines()
            .any(|l| l.contains("\"RB0301\"") && l.contains("\"warning\"")),
        "{}",
        check.stdout
    );
    let server = start(&p);
    let began = Instant::now();
    let serve_line = loop {
        let log = server.log.lock().map(|l| l.clone()).unwrap_or_default();
        if let Some(line) = log.lines().find(|l| l.starts_with("Built ")) {
            break line.to_string();
        }
        assert!(began.elapsed() < Duration::from_secs(30), "{log}");
        std::thread::sleep(Duration::from_millis(50));
    };
    let build_summary = summary_after_semicolon(&build_line);
    let build_summary = build_summary.split(" (see them").next().unwrap_or_default();
    assert_eq!(summary_after_semicolon(&serve_line), build_summary);
    drop(server);

    // Made an error by `[lints]`: `build` refuses, and `serve` shows the
    // same finding instead of a site.
    let toml = p.read("book.toml") + "\n[lints]\nsnapshot = \"deny\"\n";
    p.write("book.toml", &toml);
    let refused = p.run(&["build"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    let finding = "snapshots/q3/content/outcomes/grow-online.md:2:";
    assert!(refused.stderr.contains(finding), "{}", refused.stderr);
    let server = start(&p);
    let page = wait_for(&server, "/", "The roadmap does not build");
    assert!(page.contains(finding), "{page}");
    assert!(page.contains("RB0301"), "{page}");
}

/// A page asked for while a rebuild moves the new site in (the old folder
/// moved aside, the new one not yet in its place) is answered from the new
/// site once it is there, not with "not found".
#[test]
fn a_page_asked_for_while_the_new_site_moves_in_is_answered() {
    let p = Project::fixture("valid");
    // Each build stops for 2 s between moving the old site aside and the
    // new one in.
    let fault = [("ROADBOOK_TEST_FAULT", Path::new("swap:pause"))];
    let server = start_env(&p, &["--write"], &fault).unwrap();
    let index = p.path().join("site/index.html");
    assert!(index.is_file());
    save_retitled_shop(&p);
    until("the rebuild never moved the site aside", || !index.exists());
    let (status, page) = get(server.port, "/initiatives/shop.html");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<h1>Brand-new web shop</h1>"), "{page}");
    assert!(index.is_file());
}

/// While a rebuild writes the new site beside the old one, the old one
/// answers, a file it does not have included: a missing file waits for
/// nothing (only one whose folder is being moved in does).
#[test]
fn a_missing_file_during_a_rebuild_is_answered_at_once() {
    let p = Project::fixture("valid");
    // Each build stops for 2 s before writing its fifth file.
    let fault = [("ROADBOOK_TEST_FAULT", Path::new("5:pause"))];
    let server = start_env(&p, &["--write"], &fault).unwrap();
    let tmp = p.path().join(".site.roadbook-tmp");
    save_retitled_shop(&p);
    until("the rebuild never started writing", || tmp.exists());
    let asked = Instant::now();
    let (status, _) = get(server.port, "/initiatives/no-such-page.html");
    assert_eq!(status, 404);
    let (status, page) = get(server.port, "/initiatives/shop.html");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("<h1>New web shop</h1>"),
        "the old site answers"
    );
    assert!(
        asked.elapsed() < Duration::from_millis(1500),
        "answers waited for the rebuild: {:?}",
        asked.elapsed()
    );
    assert!(tmp.exists(), "the rebuild was still writing");
}

/// The `<main>` element of a page.
fn main_of(page: &str) -> &str {
    let start = page.find("<main").unwrap_or(0);
    let end = page
        .find("</main>")
        .map_or(page.len(), |e| e + "</main>".len());
    &page[start..end]
}

/// The periods between two snapshots are compared once while serving, but
/// the working tree's change requests are matched to them on every build:
/// an approval taken out of the working tree leaves the move it covered
/// unacknowledged on the period's page, as `build` shows it.
#[test]
fn a_period_between_snapshots_shows_the_working_tree_s_approvals_as_build_does() {
    let p = crate::history::repo();
    let server = start(&p);
    let period = "/history/2026-Q2--2026-Q3.html";
    let before = wait_for(&server, period, "changes/cr-net.html");
    assert!(!main_of(&before).contains("unacknowledged"), "{before}");
    std::fs::remove_file(p.path().join("content/changes/cr-net.md")).unwrap();
    until("the approval gone from the period's page", || {
        !get(server.port, period).1.contains("changes/cr-net.html")
    });
    let served = get(server.port, period).1;
    assert!(main_of(&served).contains("unacknowledged"), "{served}");
    drop(server);
    p.run(&["build"]).ok();
    let built = p.read("site/history/2026-Q2--2026-Q3.html");
    assert_eq!(main_of(&served), main_of(&built));
}

#[test]
fn a_folder_moved_into_or_out_of_the_content_is_seen_whole() {
    // The system names the folder alone, not the files it brings or
    // takes: the server must look under it.
    let p = Project::fixture("valid");
    let extra = p
        .read("content/initiatives/shop.md")
        .replace("title: New web shop", "title: Extra work");
    p.write("aside/extra/extra.md", &extra);
    p.write(
        "aside/extra/more.md",
        &extra.replace("title: Extra work", "title: More work"),
    );
    let server = start(&p);
    assert_eq!(get(server.port, "/initiatives/extra.html").0, 404);
    let (inside, outside) = (
        p.path().join("content/initiatives/extra"),
        p.path().join("aside/extra"),
    );
    std::fs::rename(&outside, &inside).unwrap();
    wait_for(&server, "/initiatives/extra.html", "<h1>Extra work</h1>");
    wait_for(&server, "/initiatives/more.html", "<h1>More work</h1>");
    std::fs::rename(&inside, &outside).unwrap();
    until("the page of the initiative moved out gone", || {
        get(server.port, "/initiatives/extra.html").0 == 404
    });
    // And back: the folder's files were forgotten with it.
    std::fs::rename(&outside, &inside).unwrap();
    wait_for(&server, "/initiatives/extra.html", "<h1>Extra work</h1>");
    // An edit and a new empty folder in one burst: the folder is walked,
    // and the edit is still seen.
    save_retitled_shop(&p);
    std::fs::create_dir(p.path().join("content/drafts")).unwrap();
    wait_for(
        &server,
        "/initiatives/shop.html",
        "<h1>Brand-new web shop</h1>",
    );
}

/// The stage names of each timing table in the server's log, one list a
/// table: what `-v` adds after each build's line.
fn stage_tables(log: &str) -> Vec<Vec<String>> {
    let mut tables: Vec<Vec<String>> = Vec::new();
    let mut open = false;
    for line in log.lines() {
        let cells: Vec<&str> = line.split_whitespace().collect();
        if cells.first() == Some(&"stage") && cells.get(1) == Some(&"wall") {
            tables.push(Vec::new());
            open = true;
        } else if open && line.starts_with("  ") && cells.len() >= 3 {
            tables.last_mut().unwrap().push(cells[0].to_string());
            open = cells[0] != "total";
        } else {
            open = false;
        }
    }
    tables
}

/// `-v` is "print every finding and stage timings" for every command: the
/// server prints each build's stages, the first and every rebuild, so the
/// one an edit waits on is seen where it runs.
#[test]
fn verbose_serve_prints_each_build_s_stages() {
    let p = Project::fixture("valid");
    let server = start_with(&p, &["-v"]).unwrap();
    let log = || server.log.lock().map(|l| l.clone()).unwrap_or_default();
    // A table is whole once its `total` line is in: the log is read a
    // line at a time as the server writes it.
    let whole = |n: usize| {
        let tables = stage_tables(&log());
        tables.len() >= n
            && tables[..n]
                .iter()
                .all(|t| t.last().map(String::as_str) == Some("total"))
    };
    until("the first build's stages", || whole(1));
    retitle_shop(&p, &server);
    until("the rebuild's stages", || whole(2));
    for table in stage_tables(&log()) {
        for stage in ["source", "snapshots", "analysis", "archived", "total"] {
            assert!(table.iter().any(|s| s == stage), "{stage}: {}", log());
        }
    }
    let rebuilt = log();
    let rebuilt = rebuilt.split("Rebuilt").nth(1).unwrap_or_default();
    assert!(stage_tables(rebuilt).len() == 1, "{rebuilt}");
    drop(server);

    let server = start(&p);
    retitle_shop_back(&p, &server);
    let log = || server.log.lock().map(|l| l.clone()).unwrap_or_default();
    until("the rebuild's line", || log().contains("Rebuilt"));
    assert!(stage_tables(&log()).is_empty(), "{}", log());
}

/// The shop's title put back as the fixture has it, and seen served.
fn retitle_shop_back(p: &Project, server: &Server) {
    let text = p
        .read("content/initiatives/shop.md")
        .replace("title: Brand-new web shop", "title: New web shop");
    p.write("content/initiatives/shop.md", &text);
    wait_for(server, "/initiatives/shop.html", "<h1>New web shop</h1>");
}
