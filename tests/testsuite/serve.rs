//! `roadbook serve` on a free loopback port: pages from memory, rebuild on
//! change, errors in the page, no path traversal, no writes.

use crate::helpers::Project;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(p: &Project) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("roadbook"))
        .args(["serve", "-p", "0"])
        .current_dir(p.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut port = 0;
    let mut line = String::new();
    while port == 0 && stderr.read_line(&mut line).unwrap() > 0 {
        if let Some(at) = line.find("http://127.0.0.1:") {
            port = line[at + 17..]
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()
                .unwrap()
                .parse()
                .unwrap();
        }
        line.clear();
    }
    assert!(port > 0, "serve did not say where it listens");
    // Keep draining stderr so the server never blocks on it, and keep it for
    // failure messages.
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = std::sync::Arc::clone(&log);
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            if let Ok(mut l) = sink.lock() {
                l.push_str(&line);
                l.push('\n');
            }
        }
    });
    Server { child, port, log }
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
    let text = p
        .read("content/initiatives/shop.md")
        .replace("title: New web shop", "title: Brand-new web shop");
    p.write("content/initiatives/shop.md", &text);
    wait_for(
        &server,
        "/initiatives/shop.html",
        "<h1>Brand-new web shop</h1>",
    );

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
    let text = p
        .read("content/initiatives/shop.md")
        .replace("title: New web shop", "title: Brand-new web shop");
    p.write("content/initiatives/shop.md", &text);
    let edited = Instant::now();
    wait_for(
        &server,
        "/initiatives/shop.html",
        "<h1>Brand-new web shop</h1>",
    );
    assert!(
        edited.elapsed() < Duration::from_secs(10),
        "the edit took {:?} to show while a client stalled",
        edited.elapsed()
    );
    drop(stalled);

    // Idle connections beyond the bound are turned away at once, and the
    // server serves again when they go.
    let idle: Vec<TcpStream> = (0..64)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let busy = exchange(server.port, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert!(
        busy.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
        "{busy:.80}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    drop(idle);
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
