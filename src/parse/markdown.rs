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

#[cfg(test)]
mod tests {
    use super::*;

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
