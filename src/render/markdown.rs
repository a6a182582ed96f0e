//! Markdown → HTML for one page: `[[id]]` links resolved to relative URLs
//! and titles, dangerous link schemes neutralised, raw HTML sanitised unless
//! the project allows it.

use crate::model::Roadmap;
use crate::parse::markdown::options;
use pulldown_cmark::{html, CowStr, Event, LinkType, Parser, Tag};
use std::sync::OnceLock;

/// Render `body`. `root` is the page's path back to the site root (`../`).
/// `prefix` makes footnote ids unique when several documents share a page.
pub fn render(body: &str, roadmap: &Roadmap, root: &str, allow_html: bool) -> String {
    let mut has_raw_html = false;
    let mut in_wikilink = false;
    let events: Vec<Event> = Parser::new_ext(body, options())
        .map(|event| match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                title,
                id,
            }) => {
                let target = dest_url.trim().to_string();
                in_wikilink = !has_pothole;
                let url = match roadmap.link_target(&target) {
                    Some((_, url)) => format!("{root}{url}"),
                    None => "#".to_string(),
                };
                Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: url.into(),
                    title,
                    id,
                })
            }
            Event::Text(text) if in_wikilink => {
                // A bare `[[id]]` shows the item's title, not its id.
                let title = roadmap
                    .link_target(text.trim())
                    .map(|(t, _)| t)
                    .unwrap_or_else(|| text.to_string());
                Event::Text(title.into())
            }
            Event::End(pulldown_cmark::TagEnd::Link) => {
                in_wikilink = false;
                event
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            // pulldown-cmark's checkbox has no label; say what it means.
            Event::TaskListMarker(done) => Event::InlineHtml(
                if done {
                    r#"<input type="checkbox" disabled checked aria-label="done"> "#
                } else {
                    r#"<input type="checkbox" disabled aria-label="not done"> "#
                }
                .into(),
            ),
            Event::Html(_) | Event::InlineHtml(_) => {
                has_raw_html = true;
                event
            }
            other => other,
        })
        .collect();
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if has_raw_html && !allow_html {
        // Too deep for the sanitiser in bounded time (the check refuses
        // such a body): shown as text, never as unsanitised HTML.
        if crate::parse::markdown::raw_html_too_deep(body).is_some() {
            let mut escaped = Vec::with_capacity(body.len() + 16);
            let _ = super::escape_html(body, &mut escaped);
            return format!("<pre>{}</pre>", String::from_utf8_lossy(&escaped));
        }
        out = sanitizer().clean(&out).to_string();
    }
    out
}

/// Only web, mail and relative links survive; `javascript:`, `data:` and
/// friends become `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(s, _)| s);
    match scheme {
        None => url,
        Some(s) if s.contains('/') || s.contains('?') || s.contains('#') => url,
        Some("http" | "https" | "mailto" | "tel") => url,
        Some(_) => CowStr::from("#"),
    }
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // Keep what pulldown-cmark itself produces: table alignment, task
        // list checkboxes, footnote ids and heading ids.
        b.add_generic_attributes(["id", "class"]);
        b.add_tags(["input"]);
        b.add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"]);
        b.add_tag_attributes("th", ["style"]);
        b.add_tag_attributes("td", ["style"]);
        b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
        b.link_rel(None);
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_script_and_javascript_urls() {
        let r = Roadmap::default();
        let html = render(
            "Hi <script>alert(1)</script> [x](javascript:alert(1)) [y](JaVa\tscript:x)",
            &r,
            "",
            false,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.to_ascii_lowercase().contains("javascript:"), "{html}");
        let allowed = render("<b>bold</b>", &r, "", true);
        assert!(allowed.contains("<b>bold</b>"));
    }

    #[test]
    fn keeps_tables_tasks_and_footnotes() {
        let r = Roadmap::default();
        let html = render(
            "| a |\n|---|\n| b |\n\n- [x] done\n\nNote[^1]\n\n[^1]: text\n\n~~old~~ <i>x</i>",
            &r,
            "",
            false,
        );
        assert!(html.contains("<table>"));
        assert!(html.contains("checkbox"));
        assert!(html.contains("footnote"));
        assert!(html.contains("<del>old</del>"));
    }
}
