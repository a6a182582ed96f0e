//! Markdown → HTML for one page: `[[id]]` links resolved to relative URLs
//! and titles, dangerous link schemes neutralised, raw HTML sanitised unless
//! the project allows it.

use super::links::{self, Resolved, Resolver, FOOTNOTE_PREFIX, HEADING_PREFIX};
use crate::model::{Meta, Roadmap};
use crate::parse::markdown::{options, Slugger};
use pulldown_cmark::{html, CowStr, Event, LinkType, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Render `meta`'s body. `root` is the page's path back to the site root
/// (`../`). Headings get GitHub's ids behind [`HEADING_PREFIX`], links are
/// resolved by `resolver` (as on the git host) and every `href` made valid.
pub fn render(
    meta: &Meta,
    roadmap: &Roadmap,
    resolver: &Resolver,
    root: &str,
    allow_html: bool,
) -> String {
    let body = meta.body.as_str();
    let mut has_raw_html = false;
    let mut in_wikilink = false;
    // Inside a picture from the web shown as a link: its address, emptied
    // once the alt text has given the link its words.
    let mut remote_image: Option<String> = None;
    let mut headings = meta.outline.headings.iter();
    // Footnote labels → ids: `fn-` and the label's slug, unique, so no
    // label (`[^my note]`) makes an invalid or colliding id.
    let mut footnotes: HashMap<String, String> = HashMap::new();
    let mut footnote_slugs = Slugger::default();
    let mut footnote = |name: CowStr<'_>| -> CowStr<'static> {
        let key = name.to_lowercase();
        let id = footnotes
            .entry(key)
            .or_insert_with(|| format!("{FOOTNOTE_PREFIX}{}", footnote_slugs.slug(&name)))
            .clone();
        id.into()
    };
    let resolve = |dest: CowStr<'_>, image: bool| -> CowStr<'static> {
        let href = match resolver.resolve(meta, &dest, image) {
            Resolved::Site(path) => format!("{root}{path}"),
            Resolved::Absolute(url) => url,
            Resolved::Fragment(id) => format!("#{id}"),
            Resolved::External | Resolved::Broken { .. } => dest.to_string(),
        };
        links::valid_href(&safe_url(href.into())).into()
    };
    // Handed to the writer as made: a body of many small parts (a list of
    // code spans) made tens of bytes of events per byte of Markdown.
    let events = Parser::new_ext(body, options()).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id: _,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level,
            id: headings
                .next()
                .map(|h| format!("{HEADING_PREFIX}{h}").into()),
            classes,
            attrs,
        }),
        Event::FootnoteReference(name) => Event::FootnoteReference(footnote(name)),
        Event::Start(Tag::FootnoteDefinition(name)) => {
            Event::Start(Tag::FootnoteDefinition(footnote(name)))
        }
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
        }) => {
            let dest_url = match link_type {
                LinkType::Autolink | LinkType::Email => {
                    links::valid_href(&safe_url(dest_url)).into()
                }
                _ => resolve(dest_url, false),
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        // Nothing in a page loads from outside the site: a picture
        // from the web becomes a link to it, its alt text the link's
        // (the address itself when there is none).
        Event::Start(Tag::Image {
            link_type: _,
            dest_url,
            title,
            id,
        }) if links::is_remote(&dest_url) => {
            remote_image = Some(dest_url.to_string());
            Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: links::valid_href(&safe_url(dest_url)).into(),
                title,
                id,
            })
        }
        Event::Text(text) if remote_image.is_some() => {
            remote_image = Some(String::new());
            Event::Text(text)
        }
        Event::Code(code) if remote_image.is_some() => {
            remote_image = Some(String::new());
            Event::Code(code)
        }
        Event::End(TagEnd::Image) if remote_image.is_some() => {
            match remote_image.take().filter(|url| !url.is_empty()) {
                None => Event::End(TagEnd::Link),
                Some(url) => {
                    let mut shown = Vec::with_capacity(url.len() + 4);
                    let _ = super::escape_html(&url, &mut shown);
                    Event::InlineHtml(format!("{}</a>", String::from_utf8_lossy(&shown)).into())
                }
            }
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: resolve(dest_url, true),
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
        Event::Html(raw) if !allow_html => {
            has_raw_html = true;
            Event::Html(tag_filter(raw))
        }
        Event::InlineHtml(raw) if !allow_html => {
            has_raw_html = true;
            Event::InlineHtml(tag_filter(raw))
        }
        Event::Html(_) | Event::InlineHtml(_) => {
            has_raw_html = true;
            event
        }
        other => other,
    });
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events);
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
    // As titles are (see `grid::Esc`): a body's override turned the text
    // after it around on the page.
    if crate::diag::bidi_override(out.as_bytes()).is_some() {
        out = crate::diag::without_bidi_overrides(&out).into_owned();
    }
    out
}

/// Tags whose content the browser reads as raw text (or not at all): a
/// stray one in prose (`Use the <script> tag.`) would take the rest of the
/// body with it when sanitised. As GitHub's tag filter does, their `<` is
/// escaped, so they show as written.
const RAW_TEXT_TAGS: &[&str] = &[
    "title",
    "textarea",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "script",
    "plaintext",
    "template",
    "noscript",
];

fn tag_filter(raw: CowStr<'_>) -> CowStr<'_> {
    let bytes = raw.as_bytes();
    let is_filtered = |at: usize| -> bool {
        let name_at = at + 1 + usize::from(bytes.get(at + 1) == Some(&b'/'));
        RAW_TEXT_TAGS.iter().any(|tag| {
            let end = name_at + tag.len();
            bytes
                .get(name_at..end)
                .is_some_and(|name| name.eq_ignore_ascii_case(tag.as_bytes()))
                && bytes
                    .get(end)
                    .is_none_or(|&c| c == b'>' || c == b'/' || c.is_ascii_whitespace())
        })
    };
    let found: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i] == b'<' && is_filtered(i))
        .collect();
    if found.is_empty() {
        return raw;
    }
    let mut out = String::with_capacity(raw.len() + 3 * found.len());
    let mut from = 0;
    for at in found {
        out.push_str(&raw[from..at]);
        out.push_str("&lt;");
        from = at + 1;
    }
    out.push_str(&raw[from..]);
    out.into()
}

/// An id written in raw HTML gets the prefix of the body's own ids (unless
/// it has one), so it cannot take the page's (`main`, a milestone's
/// anchor); of its classes only those pulldown-cmark writes are kept, so
/// a body cannot dress itself as the page's badges.
fn raw_attribute(attribute: &str, value: &str) -> Option<String> {
    match attribute {
        "id" if value.starts_with(HEADING_PREFIX) || value.starts_with(FOOTNOTE_PREFIX) => {
            Some(value.to_string())
        }
        "id" => Some(format!("{HEADING_PREFIX}{value}")),
        "class" => {
            let kept: Vec<&str> = value
                .split_ascii_whitespace()
                .filter(|c| c.starts_with("footnote-") || c.starts_with("language-"))
                .collect();
            (!kept.is_empty()).then(|| kept.join(" "))
        }
        _ => Some(value.to_string()),
    }
}

/// Only web, mail and relative links survive; `javascript:`, `data:` and
/// friends become `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    match crate::analysis::links::dropped_scheme(&url) {
        None => url,
        Some(_) => CowStr::from("#"),
    }
}

/// The one style pulldown-cmark writes: a table column's alignment.
fn is_alignment(style: &str) -> bool {
    matches!(
        style.trim().trim_end_matches(';').trim(),
        "text-align: left" | "text-align: center" | "text-align: right"
    )
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
        // Nothing loads from outside the site: a picture from the web loses
        // its `src` (a link to it still works), and a cell's style keeps
        // only the alignment pulldown-cmark writes (`url(...)` would fetch).
        b.attribute_filter(|element, attribute, value| match (element, attribute) {
            ("img", "src") if links::is_remote(value) => None,
            (_, "style") if !is_alignment(value) => None,
            (_, "id" | "class") => raw_attribute(attribute, value).map(Into::into),
            _ => Some(value.into()),
        });
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Render `body` as the only document of a roadmap.
    fn render_one(body: &str, allow_html: bool) -> String {
        let meta = Meta {
            id: "p".into(),
            kind: crate::model::Kind::Page,
            title: "P".into(),
            path: "content/p.md".into(),
            url: "pages/p.html".into(),
            body: body.into(),
            rel: "p.md".into(),
            outline: crate::parse::markdown::outline(body),
            body_offset: 0,
            line: 1,
            extra: serde_json::Value::Null,
        };
        let r = Roadmap::default();
        let config = crate::config::Config::with_defaults(std::path::Path::new("."), "2026-01-01");
        let resolver = Resolver::new(&r, &config, crate::render::page_paths(&r), None);
        render(&meta, &r, &resolver, "../", allow_html)
    }

    #[test]
    fn headings_get_github_ids_and_links_to_them_work() {
        let html = render_one(
            "See [quotas](#project-quotas), [bad](##x) and [^n b].\n\n### Project Quotas\n\n[^n b]: note\n",
            false,
        );
        assert!(html.contains(r##"<h3 id="s-project-quotas">"##), "{html}");
        assert!(html.contains(r##"href="#s-project-quotas""##), "{html}");
        assert!(html.contains(r##"href="#%23x""##), "{html}");
        assert!(
            html.contains(r##"href="#fn-n-b""##) && html.contains(r##"id="fn-n-b""##),
            "{html}"
        );
    }

    #[test]
    fn neutralises_script_and_javascript_urls() {
        let html = render_one(
            "Hi <script>alert(1)</script> [x](javascript:alert(1)) [y](JaVa\tscript:x)",
            false,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.to_ascii_lowercase().contains("javascript:"), "{html}");
        let allowed = render_one("<b>bold</b>", true);
        assert!(allowed.contains("<b>bold</b>"));
    }

    #[test]
    fn a_stray_raw_text_tag_shows_as_written_and_keeps_the_rest() {
        for tag in ["script", "STYLE", "template", "title", "iframe", "textarea"] {
            let html = render_one(
                &format!("Use the <{tag}> tag.\n\nSecond.\n\n## After\n"),
                false,
            );
            assert!(
                html.contains(&format!("Use the &lt;{tag}&gt; tag.")),
                "{html}"
            );
            assert!(html.contains("<p>Second.</p>"), "{html}");
            assert!(html.contains(">After</h2>"), "{html}");
            assert!(
                !html
                    .to_ascii_lowercase()
                    .contains(&format!("<{}", tag.to_ascii_lowercase())),
                "{html}"
            );
        }
        // Only those tags: others are sanitised as before.
        let html = render_one("a <scripts>b</scripts> <b>c</b>", false);
        assert!(html.contains("<b>c</b>"), "{html}");
    }

    #[test]
    fn raw_ids_and_classes_cannot_take_the_pages_own() {
        let html = render_one(
            "# Title\n\n<p id=\"m-go-live\" class=\"badge level-error\">fake</p> <span id=\"main\">y</span>\n\nNote[^a].\n\n[^a]: the note\n",
            false,
        );
        assert!(html.contains(r#"id="s-m-go-live""#), "{html}");
        assert!(html.contains(r#"id="s-main""#), "{html}");
        assert!(!html.contains("badge"), "{html}");
        // What pulldown-cmark writes stays.
        assert!(
            html.contains(r#"class="footnote-definition" id="fn-a""#),
            "{html}"
        );
        assert!(html.contains(r#"<h1 id="s-title">"#), "{html}");
    }

    /// A page loads nothing from outside the site: pictures from the web
    /// show as links to them, raw HTML loses what would fetch.
    #[test]
    fn pictures_from_the_web_become_links() {
        let html = render_one(
            "![chart](https://evil.example/a.png) ![](//evil.example/b.png) ![c](\\\\evil.example/c.png)\n\n| l | r |\n|:--|--:|\n| 1 | 2 |\n\n<img src=\"https://evil.example/d.png\" alt=\"d\"> <img src=\"local.png\" alt=\"e\"> <td style=\"background: url(https://evil.example/e.png)\">",
            false,
        );
        assert!(
            html.contains(r#"<a href="https://evil.example/a.png">chart</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="//evil.example/b.png">//evil.example/b.png</a>"#),
            "{html}"
        );
        assert!(!html.contains("<img src=\"https:"), "{html}");
        assert!(!html.contains("<img src=\"//"), "{html}");
        assert!(!html.contains("url("), "{html}");
        // What is the site's own stays: a local picture and the alignment.
        assert!(html.contains(r#"<img src="local.png" alt="e">"#), "{html}");
        assert!(html.contains(r#"<th style="text-align: left">"#), "{html}");
        assert!(html.contains(r#"<td style="text-align: right">"#), "{html}");
        assert!(!html.contains(r#"src="\\"#), "{html}");
        let code = render_one("![`chart`](https://evil.example/a.png)", false);
        assert!(
            code.contains(r#"<a href="https://evil.example/a.png"><code>chart</code></a>"#),
            "{code}"
        );
    }

    #[test]
    fn keeps_tables_tasks_and_footnotes() {
        let html = render_one(
            "| a |\n|---|\n| b |\n\n- [x] done\n\nNote[^1]\n\n[^1]: text\n\n~~old~~ <i>x</i>",
            false,
        );
        assert!(html.contains("<table>"));
        assert!(html.contains("checkbox"));
        assert!(html.contains("footnote"));
        assert!(html.contains("<del>old</del>"));
    }
}
