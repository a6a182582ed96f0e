//! In-body links as their authors wrote them for a git host, resolved
//! against the site: `#project-quotas` to the body's own heading, `../x.md`
//! to that document's page, `../data/x.csv` to the data file the site
//! carries, other files of the repository to the git host (`repo-url`).
//! What resolves to nothing is a `broken-link` finding, and the renderer
//! and the check ask the same resolver, so they cannot disagree.

use crate::base::{HashMap, HashSet};
use crate::config::{Book, Config};
use crate::model::{Meta, Roadmap};
use crate::parse::markdown::percent_decode;
use std::collections::{BTreeMap, BTreeSet};

/// Prefix of a body heading's id on its page: `### Project Quotas` gets
/// `s-project-quotas`, so no heading can take an id the page uses itself
/// (`h-…`, `m-…`, `main`), and `#project-quotas` links are rewritten to it.
pub const HEADING_PREFIX: &str = "s-";
/// Prefix of a footnote's id (`[^1]` is `fn-1`).
pub const FOOTNOTE_PREFIX: &str = "fn-";
/// Where the data files bodies link to sit in the site.
pub const FILES_DIR: &str = "files/";

/// Files every site has beside its pages: the exports and the built-in
/// theme's static files.
const SITE_FILES: &[&str] = &[
    "search-index.js",
    "traceability.csv",
    "risks.csv",
    "budget.csv",
    "roadmap.json",
    "roadmap.schema.json",
    "milestones.ics",
    "changes.xml",
    "brief.html",
    "versions.html",
    "versions.js",
];

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Left as written: a web address, `mailto:`, `#` alone, a query.
    External,
    /// A path from the site root (`initiatives/x.html#s-plan`).
    Site(String),
    /// A full address (a file on the git host).
    Absolute(String),
    /// An id on the same page.
    Fragment(String),
    /// Nothing: the finding's message and help.
    Broken {
        message: String,
        help: Option<String>,
    },
}

pub struct Resolver<'a> {
    /// Documents by path relative to the content folder.
    by_rel: HashMap<&'a str, &'a Meta>,
    /// Every path of the site that is not a data file.
    site: HashSet<String>,
    /// The content folder, from the project root, without a trailing `/`.
    content_dir: String,
    linked: &'a BTreeMap<String, Vec<u8>>,
    /// Documents that could not be read: their errors are reported, a link
    /// to one is not a second finding.
    unread: &'a BTreeSet<String>,
    book: &'a Book,
}

impl<'a> Resolver<'a> {
    /// `pages`: every page the site has (the renderer knows which);
    /// `statics`: the theme's files in the site (`static/style.css`), when
    /// known; the built-in theme's otherwise.
    pub fn new(
        r: &'a Roadmap,
        config: &'a Config,
        pages: impl IntoIterator<Item = String>,
        statics: Option<Vec<String>>,
    ) -> Resolver<'a> {
        let mut site: HashSet<String> = pages.into_iter().collect();
        site.extend(SITE_FILES.iter().map(|s| s.to_string()));
        site.extend(statics.unwrap_or_else(|| {
            crate::source::theme::DEFAULT
                .iter()
                .filter(|(p, _)| p.starts_with("static/"))
                .map(|(p, _)| p.to_string())
                .collect()
        }));
        Resolver {
            by_rel: r.all_meta().map(|m| (m.rel.as_str(), m)).collect(),
            site,
            content_dir: normalize(&config.build.content_dir).unwrap_or_default(),
            linked: &r.linked_files,
            unread: &r.unread_ids,
            book: &config.book,
        }
    }

    /// Where `dest`, written in `from`'s body, leads.
    pub fn resolve(&self, from: &Meta, dest: &str, image: bool) -> Resolved {
        let dest = dest.trim();
        // A picture from the web would be fetched by every reader's browser
        // (a tracking pixel, or a page that breaks offline): it is shown
        // as a link instead.
        if image && is_remote(dest) {
            return Resolved::Broken {
                message: format!("image `{dest}` is not a file of the project: a page loads nothing from outside it, so it shows as a link"),
                help: Some("save the picture in the project beside the document and link it by its path, or make the link a plain one (`[text](url)`, no `!`)".into()),
            };
        }
        // Said where it is written, not only made `#` on the page.
        if let Some(scheme) = dropped_scheme(dest) {
            return Resolved::Broken {
                message: format!("link `{}` is a `{scheme}:` address, which a page does not keep: it shows as a dead link", crate::parse::data::clip(dest, 60)),
                help: Some("link a page of the site, a file of the project, or a web (https://) or mail (mailto:) address".into()),
            };
        }
        if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") {
            return Resolved::External;
        }
        let (before, fragment) = match dest.split_once('#') {
            Some((b, f)) => (b, Some(f)),
            None => (dest, None),
        };
        let (path, query) = match before.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (before, None),
        };
        // What follows the path, kept as written.
        let suffix = &dest[path.len()..];
        if path.is_empty() {
            return match (query, fragment) {
                (None, Some(f)) if !f.is_empty() => match heading(from, f) {
                    Some(id) => Resolved::Fragment(id),
                    None => no_heading(from, f, None),
                },
                _ => Resolved::External,
            };
        }
        let decoded = percent_decode(path);
        let root_relative = decoded.starts_with('/');
        let wants_dir = decoded.ends_with('/');
        let from_path = self.project_path(&from.rel);
        let joined = if root_relative {
            decoded.clone()
        } else {
            format!("{}/{decoded}", parent(&from_path))
        };
        let Some(proj) = normalize(&joined) else {
            return Resolved::Broken {
                message: format!("link `{dest}` leads outside the project"),
                help: Some(
                    "link files inside the project, or write the full address (https://...)".into(),
                ),
            };
        };
        let content_rel = self.content_rel(&proj);
        if let Some(rel) = content_rel {
            if let Some(m) = self.by_rel.get(rel) {
                return match fragment {
                    Some(f) if !f.is_empty() => match heading(m, f) {
                        Some(id) => Resolved::Site(format!("{}#{id}", m.url)),
                        None => no_heading(m, f, Some(&proj)),
                    },
                    _ => Resolved::Site(m.url.clone()),
                };
            }
            // A kind's folder, as the git host lists it: the kind's index.
            if let Some(kind) = crate::model::Kind::from_dir(rel) {
                let index = format!("{}/index.html", kind.dir());
                if self.site.contains(&index) {
                    return Resolved::Site(format!("{index}{suffix}"));
                }
            }
            if self.linked.contains_key(rel) {
                return Resolved::Site(format!("{FILES_DIR}{}{suffix}", encode_path(rel)));
            }
        }
        // A file of the site, written as a path from the page.
        let site_path = if root_relative {
            Some(proj.clone())
        } else {
            normalize(&format!("{}/{decoded}", parent(&from.url)))
        };
        if let Some(mut p) = site_path {
            if wants_dir || p.is_empty() {
                p = format!(
                    "{}index.html",
                    if p.is_empty() {
                        String::new()
                    } else {
                        format!("{p}/")
                    }
                );
            }
            if self.site.contains(&p) {
                return Resolved::Site(format!("{}{suffix}", encode_path(&p)));
            }
        }
        if let Some(rel) = content_rel.filter(|r| r.ends_with(".md")) {
            let stem = rel
                .rsplit('/')
                .next()
                .unwrap_or(rel)
                .trim_end_matches(".md");
            if self.unread.contains(stem) {
                return Resolved::External;
            }
            let near = crate::diag::closest(rel, self.by_rel.keys().copied());
            return Resolved::Broken {
                message: format!("link `{dest}`: no document `{proj}`"),
                help: Some(match near {
                    Some(n) => format!("did you mean `{}`?", self.project_path(n)),
                    None => "the path is relative to this file; link another document by its `.md` path or with `[[id]]`".into(),
                }),
            };
        }
        // An image is never fetched from the git host: a page loads
        // nothing from the network (it must open from disk, offline).
        if image {
            return Resolved::Broken {
                message: format!("image `{dest}` leads to `{proj}`, a file of the repository that is not part of the site; a page loads nothing from the network, so it is not taken from the git host"),
                help: Some("embed the picture as a chart or drop it; roadbook does not copy images into the site yet".into()),
            };
        }
        match self.book.repo_file(&encode_path(&proj), image) {
            Some(url) => Resolved::Absolute(format!("{url}{suffix}")),
            None => {
                let what = if image { "image" } else { "link" };
                let message = if root_relative {
                    format!("{what} `{dest}` is root-relative and leads to no file of the site: it also breaks when the site is opened from disk")
                } else {
                    format!("{what} `{dest}` leads to `{proj}`, a file of the repository that is not part of the site")
                };
                Resolved::Broken {
                    message,
                    help: Some("set `repo-url` in the `[book]` table of book.toml to send it to the git host, or link a document of the site".into()),
                }
            }
        }
    }

    fn project_path(&self, rel: &str) -> String {
        if self.content_dir.is_empty() {
            rel.to_string()
        } else {
            format!("{}/{rel}", self.content_dir)
        }
    }

    fn content_rel<'p>(&self, proj: &'p str) -> Option<&'p str> {
        if self.content_dir.is_empty() {
            return Some(proj);
        }
        proj.strip_prefix(&self.content_dir)?.strip_prefix('/')
    }
}

/// The page id of the heading `fragment` names in `m`'s body: GitHub's id,
/// percent-decoded, in any letter case, or the id the site shows.
fn heading(m: &Meta, fragment: &str) -> Option<String> {
    let f = percent_decode(fragment);
    let f = f
        .strip_prefix(HEADING_PREFIX)
        .filter(|rest| m.outline.headings.iter().any(|h| h == rest))
        .unwrap_or(f.as_str());
    let lower = f.to_lowercase();
    m.outline
        .headings
        .iter()
        .find(|h| **h == f)
        .or_else(|| m.outline.headings.iter().find(|h| **h == lower))
        .map(|h| format!("{HEADING_PREFIX}{h}"))
}

fn no_heading(m: &Meta, fragment: &str, path: Option<&str>) -> Resolved {
    let f = percent_decode(fragment);
    let in_what = match path {
        Some(p) => format!("`{p}`"),
        None => "this document".into(),
    };
    let message = format!("link `#{fragment}`: no heading `{f}` in {in_what}");
    let trimmed = f.trim_start_matches('#');
    let help = if trimmed != f && heading(m, trimmed).is_some() {
        Some(format!("write `#{trimmed}`: one `#` starts the fragment"))
    } else if let Some(near) =
        crate::diag::closest(&f, m.outline.headings.iter().map(String::as_str))
    {
        Some(format!("did you mean `#{near}`?"))
    } else if m.outline.headings.is_empty() {
        Some(
            "the document has no headings; a heading `## Some Title` is linked as `#some-title`"
                .into(),
        )
    } else {
        Some(format!(
            "its headings are linked as {}",
            m.outline
                .headings
                .iter()
                .take(5)
                .map(|h| format!("`#{h}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    };
    Resolved::Broken { message, help }
}

/// `mailto:`, `https:`, ...: a scheme before any `/`, `?` or `#`.
/// An address a browser fetches from elsewhere: with a scheme, or
/// scheme-relative (`//host/x`; browsers read `\\` as `/` there).
pub fn is_remote(dest: &str) -> bool {
    let dest = dest.trim_start();
    let mut lead = dest.chars().take(2);
    let slash = |c: Option<char>| matches!(c, Some('/' | '\\'));
    has_scheme(dest) || (slash(lead.next()) && slash(lead.next()))
}

/// The scheme of a link a page does not keep (`javascript:`, `data:`,
/// `file:`…, however spaced or cased): only web, mail, phone and relative
/// links survive rendering; the others become `#`.
pub fn dropped_scheme(url: &str) -> Option<String> {
    // Most links have no scheme at all: nothing to copy for them.
    if !url.contains(':') {
        return None;
    }
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let (scheme, _) = lower.split_once(':')?;
    if scheme.contains(['/', '?', '#']) || matches!(scheme, "http" | "https" | "mailto" | "tel") {
        return None;
    }
    Some(scheme.to_string())
}

fn has_scheme(dest: &str) -> bool {
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The folder of a `/`-separated path (`` for a file at the top).
fn parent(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// `a/./b/../c` as `a/c`; `None` when it climbs above its start.
fn normalize(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            p => out.push(p),
        }
    }
    Some(out.join("/"))
}

/// A path made safe to put in an address: the characters that would end
/// or break it (`%`, `?`, `#`) escaped; the renderer escapes the rest.
fn encode_path(path: &str) -> String {
    path.replace('%', "%25")
        .replace('?', "%3F")
        .replace('#', "%23")
}

/// An `href` as valid HTML wants it: a `#` after the one that starts the
/// fragment, a `%` not starting an escape, and `^` percent-encoded (the
/// renderer encodes spaces, brackets, quotes and non-ASCII itself).
pub fn valid_href(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    let mut in_fragment = false;
    let bytes = href.as_bytes();
    for (i, c) in href.char_indices() {
        match c {
            '#' if in_fragment => out.push_str("%23"),
            '#' => {
                in_fragment = true;
                out.push('#');
            }
            '%' if !(i + 2 < bytes.len()
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit()) =>
            {
                out.push_str("%25")
            }
            '^' => out.push_str("%5E"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_made_valid() {
        assert_eq!(
            valid_href("##implementation-history"),
            "#%23implementation-history"
        );
        assert_eq!(valid_href("a.md#x#y"), "a.md#x%23y");
        assert_eq!(valid_href("100%.md"), "100%25.md");
        assert_eq!(valid_href("a%20b.md"), "a%20b.md");
        assert_eq!(valid_href("a^b"), "a%5Eb");
    }

    #[test]
    fn paths_normalise_within_their_start() {
        assert_eq!(
            normalize("content/a/../b/./c.md").as_deref(),
            Some("content/b/c.md")
        );
        assert_eq!(normalize("content/../../x"), None);
        assert!(has_scheme("https://x") && has_scheme("mailto:a@b"));
        assert!(!has_scheme("a.md") && !has_scheme("./a:b.md"));
    }
}
