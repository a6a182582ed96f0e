//! The Markdown dialect (CommonMark with tables, footnotes, strikethrough,
//! task lists and `[[id]]` links), shared by the check that finds unknown
//! link targets and by the renderer; and what a body offers and asks of
//! the site: its headings' GitHub-style ids and its links.

use crate::diag::Span;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_WIKILINKS
}

/// A `[[target]]` or `[[target|text]]` link in a body.
#[derive(Debug, PartialEq, Eq)]
pub struct WikiLink {
    pub target: String,
    /// Byte offset of the link in the body.
    pub offset: usize,
    pub len: usize,
}

/// Every `[[id]]` link of a body, outside code.
pub fn wikilinks(body: &str) -> Vec<WikiLink> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let Event::Start(Tag::Link {
            link_type: LinkType::WikiLink { .. },
            dest_url,
            ..
        }) = event
        {
            out.push(WikiLink {
                target: dest_url.trim().to_string(),
                offset: range.start,
                len: range.len(),
            });
        }
    }
    out
}

/// Raw HTML nested deeper than this is refused: the sanitiser's cost grows
/// with the square of the depth (200,000 nested `<div>` took 92 s), and no
/// document needs more.
pub const MAX_HTML_DEPTH: usize = 256;

/// Where raw HTML in `body` first nests deeper than [`MAX_HTML_DEPTH`]
/// (a byte offset), if it does. Tags are counted in the HTML the Markdown
/// parser hands over, so code spans and blocks do not count; void elements
/// and self-closing tags do not nest.
pub fn raw_html_too_deep(body: &str) -> Option<usize> {
    if !body.contains('<') {
        return None;
    }
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let (Event::Html(html) | Event::InlineHtml(html)) = event else {
            continue;
        };
        let bytes = html.as_bytes();
        let mut i = 0;
        while let Some(at) = bytes[i..].iter().position(|b| *b == b'<') {
            let start = i + at + 1;
            let closing = bytes.get(start) == Some(&b'/');
            let name_at = start + usize::from(closing);
            let name_len = bytes[name_at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            i = name_at + name_len;
            if name_len == 0 || !bytes[name_at].is_ascii_alphabetic() {
                continue;
            }
            let name = html[name_at..name_at + name_len].to_ascii_lowercase();
            let end = bytes[i..].iter().position(|b| *b == b'>').map(|e| i + e);
            let self_closing = end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
            if closing {
                depth = depth.saturating_sub(1);
            } else if !self_closing && !VOID.contains(&name.as_str()) {
                depth += 1;
                if depth > MAX_HTML_DEPTH {
                    return Some(range.start);
                }
            }
        }
    }
    None
}

/// GitHub's heading slug (github-slugger): lower case, every character
/// but letters, digits, marks, `_`, `-` and spaces dropped, each space a
/// hyphen.
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Unique slugs in document order, as GitHub numbers repeated headings:
/// `notes`, `notes-1`, `notes-2`.
#[derive(Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    pub fn slug(&mut self, text: &str) -> String {
        let base = slug(text);
        let mut out = base.clone();
        while self.seen.contains_key(&out) {
            let n = self.seen.entry(base.clone()).or_default();
            *n += 1;
            out = format!("{base}-{n}");
        }
        self.seen.insert(out.clone(), 0);
        out
    }
}

/// An ordinary link or image of a body (not `[[id]]`, not an autolink).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    /// The destination as written.
    pub dest: String,
    /// Byte offset and length of the whole link in the body.
    pub offset: usize,
    pub len: usize,
    pub image: bool,
}

/// What a body holds that links resolve against or that must resolve: the
/// GitHub ids of its headings, in order, and its links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub headings: Vec<String>,
    pub links: Vec<BodyLink>,
}

/// Read a body's headings and links in one pass.
pub fn outline(body: &str) -> Outline {
    let mut out = Outline::default();
    let mut slugger = Slugger::default();
    // The text of the heading being read, if inside one.
    let mut heading: Option<String> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(text) = heading.take() {
                    out.headings.push(slugger.slug(&text));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = &mut heading {
                    h.push_str(&t);
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) if !matches!(
                link_type,
                LinkType::WikiLink { .. } | LinkType::Autolink | LinkType::Email
            ) =>
            {
                let image = body[range.clone()].starts_with('!');
                out.links.push(BodyLink {
                    dest: dest_url.to_string(),
                    offset: range.start,
                    len: range.len(),
                    image,
                });
            }
            _ => {}
        }
    }
    out
}

/// `%XX` escapes decoded (as UTF-8, invalid sequences replaced); a `%`
/// not followed by two hex digits stays as it is.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Where `len` bytes at `offset` of a body sit in its file: the line and
/// column of their start, the caret as long as the rest of that line allows.
pub fn span_in_file(body: &str, body_offset: u32, offset: usize, len: usize) -> Span {
    Positions::new(body, body_offset).span(offset, len)
}

/// Spans of many places in one body, asked for in document order: each
/// call reads only the text since the last one, so 80,000 links in a body
/// (or on one line of it) cost one pass, not one pass each.
pub struct Positions<'a> {
    body: &'a str,
    body_offset: u32,
    /// How far the body has been read, and what is known there: newlines
    /// before it, where its line starts, and its column in characters.
    at: usize,
    newlines: u32,
    line_start: usize,
    col: usize,
}

impl<'a> Positions<'a> {
    pub fn new(body: &'a str, body_offset: u32) -> Self {
        Positions {
            body,
            body_offset,
            at: 0,
            newlines: 0,
            line_start: 0,
            col: 0,
        }
    }

    pub fn span(&mut self, offset: usize, len: usize) -> Span {
        let mut offset = offset.min(self.body.len());
        while !self.body.is_char_boundary(offset) {
            offset -= 1;
        }
        // Callers ask in document order; out of order costs a read from
        // the top, which would bring back one pass per link.
        debug_assert!(
            offset >= self.at || cfg!(test),
            "positions asked out of order"
        );
        if offset < self.at {
            // Asked out of order: read again from the top.
            *self = Positions::new(self.body, self.body_offset);
        }
        let read = &self.body.as_bytes()[self.at..offset];
        match memchr::memrchr(b'\n', read) {
            Some(last) => {
                self.newlines += memchr::memchr_iter(b'\n', read).count() as u32;
                self.line_start = self.at + last + 1;
                self.col = self.body[self.line_start..offset].chars().count();
            }
            None => self.col += self.body[self.at..offset].chars().count(),
        }
        self.at = offset;
        let rest = &self.body[offset..];
        let rest = &rest.as_bytes()[..len.min(rest.len())];
        let line_end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let shown = String::from_utf8_lossy(&rest[..line_end])
            .chars()
            .count()
            .max(1);
        Span::new(
            self.body_offset + self.newlines + 1,
            self.col as u32 + 1,
            shown as u32,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read along or asked out of order, the cursor gives what reading from
    /// the top would.
    #[test]
    fn positions_read_along_as_from_the_top() {
        let body = "ab\nçé [[x]]\n\n  [y](z)\nlast é line";
        let naive = |offset: usize, len: usize| {
            let before = &body[..offset];
            let line = 7 + before.matches('\n').count() as u32 + 1;
            let col = before.rsplit('\n').next().unwrap().chars().count() as u32 + 1;
            let rest = &body.as_bytes()[offset..(offset + len).min(body.len())];
            let rest = String::from_utf8_lossy(rest);
            let shown = rest.split('\n').next().unwrap().chars().count().max(1);
            Span::new(line, col, shown as u32)
        };
        let offsets: Vec<usize> = (0..=body.len())
            .filter(|&o| body.is_char_boundary(o))
            .collect();
        let mut p = Positions::new(body, 7);
        for &o in offsets.iter().chain(offsets.iter().rev()).chain(&offsets) {
            assert_eq!(p.span(o, 5), naive(o, 5), "at {o}");
        }
        // Inside a character: its start.
        assert_eq!(p.span(4, 2), naive(3, 2));
    }

    #[test]
    fn deep_raw_html_is_found_where_it_crosses_the_limit() {
        let ok = "<div>".repeat(MAX_HTML_DEPTH) + "x";
        assert_eq!(raw_html_too_deep(&ok), None);
        let body = format!("Intro\n\n{}", "<div>".repeat(MAX_HTML_DEPTH + 1));
        assert_eq!(raw_html_too_deep(&body), Some(7));
        // Closed, void and self-closing tags do not nest; code does not count.
        let flat = "<p>a</p><br><img src=x><hr/>".repeat(10_000);
        assert_eq!(raw_html_too_deep(&flat), None);
        let code = format!("```\n{}\n```\n", "<div>".repeat(1000));
        assert_eq!(raw_html_too_deep(&code), None);
    }

    #[test]
    fn finds_wikilinks_outside_code() {
        let body =
            "See [[erp-cloud]] and [[crm|the CRM]].\n\n`[[not-this]]`\n\n```\n[[nor-this]]\n```\n";
        let links = wikilinks(body);
        let targets: Vec<_> = links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(targets, ["erp-cloud", "crm"]);
        assert_eq!(
            &body[links[0].offset..links[0].offset + links[0].len],
            "[[erp-cloud]]"
        );
    }

    #[test]
    fn slugs_headings_as_github_does() {
        let body = "# Project Quotas\n\n## What's *new* in `v2`?\n\n## Notes\n\n## Notes\n\n## Über-Größe 2.0\n\n## Notes\n\nSee [q](#project-quotas) and ![d](img/d.png).\n";
        let o = outline(body);
        assert_eq!(
            o.headings,
            [
                "project-quotas",
                "whats-new-in-v2",
                "notes",
                "notes-1",
                "über-größe-20",
                "notes-2"
            ]
        );
        let dests: Vec<_> = o.links.iter().map(|l| (l.dest.as_str(), l.image)).collect();
        assert_eq!(dests, [("#project-quotas", false), ("img/d.png", true)]);
        let mut s = Slugger::default();
        assert_eq!(s.slug("a-1"), "a-1");
        assert_eq!(s.slug("a"), "a");
        assert_eq!(s.slug("a"), "a-2");
    }
}
