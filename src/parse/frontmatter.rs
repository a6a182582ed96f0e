//! Splitting a document into its front matter and its Markdown body, keeping
//! the line where each starts so positions stay relative to the whole file.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
}

#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    /// `None` when the file has no front matter at all.
    pub front: Option<(Format, &'a str)>,
    /// Lines before the front-matter text (the opening fence): add to a
    /// position inside `front` to get the file line.
    pub front_offset: u32,
    pub body: &'a str,
    /// Lines before the body.
    pub body_offset: u32,
}

#[derive(Debug, PartialEq)]
pub struct Unclosed {
    pub fence: &'static str,
}

/// Split `text` (without BOM). A first line of `---` or `+++` opens front
/// matter, which the next line made of the same fence closes.
/// Front matter written a little off, which [`split`] rightly does not
/// take: after blank lines, or between fences of the wrong length
/// (`----`). A page may go without front matter, so it would be read as
/// its body, an `<hr>` and a heading, with its title lost. The fence's
/// line (1-based), what is wrong and what to do.
pub fn misplaced(text: &str) -> Option<(u32, String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| !l.trim().is_empty())?;
    let fence = lines[at].trim();
    let is_fence =
        |l: &str| l.len() >= 3 && (l.bytes().all(|b| b == b'-') || l.bytes().all(|b| b == b'+'));
    if !is_fence(fence) || (at == 0 && (fence == "---" || fence == "+++")) {
        return None;
    }
    // Fields, then a closing fence: front matter meant.
    let rest = &lines[at + 1..];
    let close = rest.iter().position(|l| is_fence(l.trim()))?;
    let fields = &rest[..close];
    let looks_like_fields = !fields.is_empty()
        && fields.iter().filter(|l| !l.trim().is_empty()).all(|l| {
            l.starts_with([' ', '-', '#'])
                || l.contains(": ")
                || l.trim_end().ends_with(':')
                || l.contains(" = ")
        });
    if !looks_like_fields {
        return None;
    }
    let want = if fence.starts_with('-') { "---" } else { "+++" };
    Some(if at > 0 {
        (
            at as u32 + 1,
            format!("the front matter starts on line {}: it must start on the first line, or it is read as the body", at + 1),
            format!("remove the blank lines above the first `{want}`"),
        )
    } else {
        (
            1,
            format!(
                "`{fence}` is not a front matter fence: write `{want}`, or it is read as the body"
            ),
            format!("write both fences as `{want}`, three characters"),
        )
    })
}

pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let (first, rest_start) = match text.find('\n') {
        Some(i) => (&text[..i], i + 1),
        None => (text, text.len()),
    };
    let fence = match first.trim_end() {
        "---" => "---",
        "+++" => "+++",
        _ => {
            return Ok(Split {
                front: None,
                front_offset: 0,
                body: text,
                body_offset: 0,
            });
        }
    };
    let format = if fence == "---" {
        Format::Yaml
    } else {
        Format::Toml
    };
    let rest = &text[rest_start..];
    let mut offset = 0;
    for (lines_in_front, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == fence {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                front: Some((format, front)),
                front_offset: 1,
                body,
                // The opening fence, the front lines, and the closing fence
                // when a line break ends it (at the end of the file it may not).
                body_offset: lines_in_front as u32 + 1 + u32::from(line.ends_with('\n')),
            });
        }
        offset += line.len();
    }
    Err(Unclosed { fence })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Front matter a little off is told apart from a body that merely
    /// holds horizontal rules.
    #[test]
    fn front_matter_a_little_off_is_said() {
        let (line, why, _) = misplaced("\n\n---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(line, 3);
        assert!(
            why.starts_with("the front matter starts on line 3"),
            "{why}"
        );
        let (line, why, help) = misplaced("----\ntitle: A\nowner: B\n----\n").unwrap();
        assert_eq!(
            (line, help.as_str()),
            (1, "write both fences as `---`, three characters")
        );
        assert!(
            why.starts_with("`----` is not a front matter fence"),
            "{why}"
        );
        assert!(misplaced("\n+++\ntitle = \"A\"\n+++\n").is_some());
        // Bodies: prose between rules, a rule and nothing after, no rule.
        assert_eq!(misplaced("Intro\n\n---\n\nMore\n\n---\n"), None);
        assert_eq!(misplaced("\n---\nJust a sentence here.\n---\n"), None);
        assert_eq!(misplaced("\n----\n"), None);
        assert_eq!(misplaced("# Notes\n"), None);
        // Right as it is: `split` takes it.
        assert_eq!(misplaced("---\ntitle: A\n---\n"), None);
    }

    #[test]
    fn splits_yaml_and_counts_lines() {
        let s = split("---\ntitle: A\nowner: B\n---\nBody\n").unwrap();
        assert_eq!(s.front, Some((Format::Yaml, "title: A\nowner: B\n")));
        assert_eq!(s.front_offset, 1);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_offset, 4);
    }

    #[test]
    fn a_closing_fence_at_the_end_of_the_file_has_no_line_after_it() {
        let s = split(
            "---
title: A
---",
        )
        .unwrap();
        assert_eq!(s.body, "");
        assert_eq!(s.body_offset, 2);
    }

    #[test]
    fn splits_toml_and_crlf() {
        let s = split("+++\r\ntitle = \"A\"\r\n+++\r\nBody").unwrap();
        assert_eq!(s.front, Some((Format::Toml, "title = \"A\"\r\n")));
        assert_eq!(s.body, "Body");
        assert_eq!(s.body_offset, 3);
    }

    #[test]
    fn no_front_matter_and_unclosed() {
        let s = split("# Just text\n").unwrap();
        assert_eq!(s.front, None);
        assert_eq!(split("---\ntitle: A\n"), Err(Unclosed { fence: "---" }));
        let empty = split("---\n---\n").unwrap();
        assert_eq!(empty.front, Some((Format::Yaml, "")));
    }
}
