//! No injection: a roadmap whose every text field, body and link is hostile
//! builds into a site where none of it can run. Every output file is
//! scanned: HTML and SVG markup, the feed's HTML, the calendar, JSON and
//! the search index.

use crate::helpers::Project;

/// Safe inside a single-quoted YAML string and a TOML basic string.
const PAYLOAD: &str = r#"<script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)> </title></desc>]]> XSS"#;

const BODY: &str = r#"
<script>alert("XSS")</script>
<img src="x" onerror="alert('XSS')">
<a href="javascript:alert('XSS')">raw link</a>
<a href="jav&#x09;ascript:alert('XSS')">encoded raw link</a>
<iframe src="https://example.invalid/XSS"></iframe>
<svg><g onload="alert('XSS')"></g></svg>
<div style="background:url(javascript:alert('XSS'))">styled</div>

[plain](javascript:alert('XSS'))
[spaced](  JaVaScRiPt:alert('XSS'))
[entity](&#106;avascript:alert('XSS'))
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=)
[vb](vbscript:msgbox("XSS"))
![image](javascript:alert('XSS'))
![pixel](https://example.invalid/pixel.png)
![](//example.invalid/pixel.png)
<img src="https://example.invalid/raw.png" alt="raw">
<table><tr><td style="background:url(https://example.invalid/bg.png)">x</td></tr></table>
"#;

/// Every front-matter text value gets the payload; every body gets BODY.
fn poison(text: &str) -> String {
    let mut out = String::new();
    let mut fences = 0;
    for line in text.lines() {
        if line.trim_end() == "---" {
            fences += 1;
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let in_front = fences == 1;
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let (dash, rest) = match trimmed.strip_prefix("- ") {
            Some(r) => ("- ", r),
            None => ("", trimmed),
        };
        let key = rest.split(':').next().unwrap_or("");
        let texty = [
            "title", "owner", "lead", "unit", "category", "area", "sponsor", "summary",
        ];
        if in_front && texty.contains(&key) && rest.len() > key.len() + 2 {
            let value = rest[key.len() + 1..].trim().trim_matches('"');
            out.push_str(&format!("{indent}{dash}{key}: '{value} {PAYLOAD}'\n"));
        } else if in_front && dash == "- " && !rest.contains(':') && !rest.starts_with('[') {
            // A list item of text, such as a criterion.
            out.push_str(&format!("{indent}- '{rest} {PAYLOAD}'\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    if fences >= 2 {
        out.push_str(BODY);
    }
    out
}

fn hostile_project() -> Project {
    let p = Project::fixture("valid");
    let files: Vec<_> = walkdir::WalkDir::new(p.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        std::fs::write(&f, poison(&text)).unwrap();
    }
    let toml = p.read("book.toml").replace(
        "title = \"Acme Roadmap\"",
        &format!("title = \"Acme {}\"", PAYLOAD.replace('"', "\\\"")),
    );
    p.write("book.toml", &toml);
    // Decisions and milestone criteria written as flow lists.
    p.write(
        "content/reviews/q3-steering.md",
        &format!("---\ndate: 2026-10-01\ntype: strategic\ndecisions: ['{PAYLOAD}']\n---\n{BODY}"),
    );
    // A title a spreadsheet would run as a formula, and a milestone title
    // that tries to add lines to the calendar.
    p.write(
        "content/initiatives/formula.md",
        "---\ntitle: '=HYPERLINK(\"http://example.invalid\",\"click\")'\nowner: '@SUM(1+1)'\noutcomes: [grow-online]\ncapabilities: [ecommerce]\nstatus: active\nteam: web\nstart: 2026-Q1\nend: 2026-Q4\nbudget: 1000\nspend: {2026-01: 100}\nmilestones:\n  - id: m1\n    title: \"Go live\\r\\nATTENDEE:mailto:evil@example.invalid\\r\\nX-INJECTED:1\"\n    due: 2026-12\n    criteria: [done]\n---\n",
    );
    // A RAID item: its title lands in the heat map's SVG and risks.csv.
    p.write(
        "content/risks/formula-risk.md",
        &format!("---\ntitle: '=HYPERLINK(\"http://example.invalid\",\"risk\")'\nowner: '@SUM(1+1)'\nprobability: 4\nimpact: 5\naffects: [formula]\nmitigation: '{PAYLOAD}'\n---\n{BODY}"),
    );
    p.write(
        "content/kpis/formula-kpi.md",
        "---\ntitle: '=HYPERLINK(\"http://example.invalid\",\"kpi\")'\ntype: business\noutcome: grow-online\n---\n",
    );
    p
}

/// What in `markup` (HTML or SVG) could run: script elements we did not
/// write, event handlers, dangerous URLs, frames. Escaped text never holds a
/// raw `<`, so every raw `<` starts real markup.
fn dangers(markup: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = markup.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = lower[at..].find('<') {
        let start = at + i;
        let Some(len) = lower[start..].find('>') else {
            break;
        };
        let tag = &lower[start + 1..start + len];
        at = start + len + 1;
        if tag.starts_with('/') || tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .collect();
        let attrs = attributes(&tag[name.len()..]);
        match name.as_str() {
            "script" => {
                let src = attrs.iter().find(|(k, _)| k == "src").map(|(_, v)| v);
                let ours = src.is_some_and(|s| s.ends_with("static/roadbook.js"));
                if !ours {
                    found.push(format!("script element: <{tag}>"));
                }
            }
            "iframe" | "object" | "embed" | "base" | "form" | "frame" => {
                found.push(format!("<{name}> element"))
            }
            _ => {}
        }
        for (key, value) in &attrs {
            if key.starts_with("on") {
                found.push(format!("event handler `{key}` on <{name}>"));
            }
            let squeezed: String = decode_entities(value)
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect();
            let url_attr = matches!(
                key.as_str(),
                "href" | "src" | "xlink:href" | "action" | "formaction" | "poster" | "srcset"
            );
            if url_attr
                && (squeezed.starts_with("javascript:")
                    || squeezed.starts_with("vbscript:")
                    || squeezed.starts_with("data:text/html"))
            {
                found.push(format!("dangerous URL `{value}` in <{name} {key}>"));
            }
            if key == "style" && squeezed.contains("javascript:") {
                found.push(format!("script in style on <{name}>"));
            }
            // Nothing in a page loads from the network.
            let remote =
                |v: &str| v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//");
            if matches!(key.as_str(), "src" | "poster" | "srcset") && remote(&squeezed) {
                found.push(format!("<{name} {key}> loads `{value}` from the network"));
            }
            if key == "style" && squeezed.contains("url(") {
                found.push(format!("style on <{name}> may load `{value}`"));
            }
        }
    }
    found
}

fn attributes(mut s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if s.is_empty() {
            return out;
        }
        let name_len = s
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(s.len());
        let name = s[..name_len].to_string();
        s = s[name_len..].trim_start();
        let mut value = String::new();
        if let Some(rest) = s.strip_prefix('=') {
            let rest = rest.trim_start();
            let (v, tail) = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = rest[1..].find(q).map(|e| e + 1).unwrap_or(rest.len());
                    (&rest[1..end], rest.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    (&rest[..end], &rest[end..])
                }
            };
            value = v.to_string();
            s = tail;
        }
        if name.is_empty() {
            return out;
        }
        out.push((name, value));
    }
}

fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(end) = tail.find(';').filter(|e| *e < 12) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..end];
        let decoded = if let Some(hex) = entity.strip_prefix("#x") {
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else if let Some(dec) = entity.strip_prefix('#') {
            dec.parse().ok().and_then(char::from_u32)
        } else {
            match entity {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_scanner_sees_what_it_must() {
    let bad = r#"<p><script>x</script><img src=x onerror=y><a href="jav&#x61;script:z">a</a><a href='data:text/html,x'>d</a><iframe src=x></iframe><div style="background:url(javascript:x)"></div><img src="//x.example/p.png"></p>"#;
    assert_eq!(dangers(bad).len(), 8, "{:#?}", dangers(bad));
    let fine = r#"<p title="&lt;script&gt; onerror=x">&lt;img src=x onerror=alert(1)&gt; javascript:alert(1)</p><script src="../static/roadbook.js" defer></script><a href="https://example.com/javascript:x">ok</a>"#;
    assert_eq!(dangers(fine), Vec::<String>::new());
}

#[test]
fn nothing_hostile_reaches_any_output_file() {
    let p = hostile_project();
    let out = p.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"));
    // A picture from the web is a finding where it is written.
    let check = p.run(&["check", "--format", "json"]).stdout;
    assert!(
        check.lines().any(|l| l.contains("\"broken-link\"")
            && l.contains(
                "image `https://example.invalid/pixel.png` is not a file of the project"
            )),
        "{check}"
    );
    let site = p.tree("site");
    let mut checked = 0;
    let mut problems = Vec::new();
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        let ext = path.rsplit('.').next().unwrap_or("");
        match ext {
            "html" | "svg" => {
                for d in dangers(&text) {
                    problems.push(format!("{path}: {d}"));
                }
                // Embedded SVG titles and descriptions stay text.
                assert!(!text.contains("</title></desc>]]>"), "{path}");
            }
            "json" => {
                let v: serde_json::Value = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{path} is not JSON any more: {e}"));
                if path == "roadmap.json" {
                    // Text survives as text: exactly what was written.
                    assert!(
                        v.to_string()
                            .contains(&serde_json::to_string(PAYLOAD).unwrap()[1..40]),
                        "{path} lost the text"
                    );
                }
            }
            "js" if path != "static/roadbook.js" => {
                let json = text
                    .split_once('=')
                    .map(|(_, j)| j.trim().trim_end_matches(';'))
                    .unwrap_or_else(|| panic!("{path}: unexpected script"));
                serde_json::from_str::<serde_json::Value>(json)
                    .unwrap_or_else(|e| panic!("{path}: data is not JSON: {e}"));
            }
            "xml" => {
                let feed = atom_syndication::Feed::read_from(&bytes[..])
                    .unwrap_or_else(|e| panic!("{path} is not Atom any more: {e}"));
                // Text constructs of type `text` are shown as text by feed
                // readers; only `html` and `xhtml` ones are markup.
                let markup = |t: &atom_syndication::Text| {
                    (t.r#type != atom_syndication::TextType::Text).then(|| t.value.clone())
                };
                for entry in feed.entries() {
                    let mut html: Vec<String> = [Some(entry.title()), entry.summary()]
                        .into_iter()
                        .flatten()
                        .filter_map(markup)
                        .collect();
                    if let Some(c) = entry.content() {
                        if c.content_type().is_some_and(|t| t.contains("html")) {
                            html.push(c.value().unwrap_or_default().to_string());
                        }
                    }
                    for d in html.iter().flat_map(|h| dangers(h)) {
                        problems.push(format!("{path} entry {}: {d}", entry.id()));
                    }
                }
            }
            "ics" => {
                let reader = ical::IcalParser::new(&bytes[..]);
                for cal in reader {
                    let cal = cal.unwrap_or_else(|e| panic!("{path} is not iCalendar: {e}"));
                    for event in cal.events {
                        for prop in event.properties {
                            assert!(
                                [
                                    "UID",
                                    "DTSTAMP",
                                    "DTSTART",
                                    "DTEND",
                                    "SUMMARY",
                                    "DESCRIPTION",
                                    "URL",
                                    "STATUS",
                                    "CATEGORIES",
                                    "TRANSP",
                                    "SEQUENCE",
                                    "LAST-MODIFIED",
                                ]
                                .contains(&prop.name.as_str()),
                                "{path}: injected property {}",
                                prop.name
                            );
                        }
                    }
                }
            }
            "csv" => {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(&bytes[..]);
                for record in reader.records() {
                    let record = record.unwrap_or_else(|e| panic!("{path}: {e}"));
                    for cell in record.iter() {
                        // A signed number is a number: `-801.37` sums.
                        let number = cell.strip_prefix(['-', '+']).is_some_and(|n| {
                            !n.starts_with('.')
                                && !n.ends_with('.')
                                && n.parse::<f64>().is_ok()
                                && n.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                        });
                        assert!(
                            number || !cell.starts_with(['=', '+', '-', '@']),
                            "{path}: a cell a spreadsheet would run: {cell}"
                        );
                    }
                }
                let text = String::from_utf8_lossy(bytes);
                assert!(
                    text.contains("'=HYPERLINK"),
                    "{path}: the formula title is missing"
                );
            }
            _ => continue,
        }
        checked += 1;
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // The payload really went in: escaped, it is on the pages.
    let index = String::from_utf8_lossy(&site["index.html"]).into_owned();
    assert!(
        index.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || index.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "payload not shown escaped"
    );
    assert!(checked > 30, "only {checked} files checked");
}
