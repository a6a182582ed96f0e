//! The Markdown dialect (CommonMark with tables, footnotes, strikethrough,
//! task lists and `[[id]]` links), shared by the check that finds unknown
//! link targets and by the renderer.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
