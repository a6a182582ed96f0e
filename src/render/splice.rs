//! Parts of a page too large to hold as template values (a timeline's SVG,
//! 28 MB for one page at 10,000 initiatives, copied once more into the
//! template's string), written in place of a placeholder as the page is
//! written, one part made at a time.
//!
//! The context holds [`placeholder`]`(k)` where the part goes; a template
//! prints it as it would the part (`{{ lane.chart | safe }}`), and
//! [`Splice`] replaces it on its way out. A placeholder is two private-use
//! characters around a name and a number: HTML escaping leaves it as it is,
//! and no roadmap text makes one by chance (a stray private-use character
//! passes through unchanged).

use std::io::{self, Write};

/// Writes part `k` of a page into the writer given.
pub type Parts = dyn Fn(usize, &mut dyn Write) -> io::Result<()> + Send + Sync;

const MARK: &str = "\u{E000}";
const NAME: &str = "roadbook-part-";

/// What a template prints where part `k` goes.
pub fn placeholder(k: usize) -> String {
    format!("{MARK}{NAME}{k}{MARK}")
}

/// Whether `held`, which starts with the first byte of [`MARK`], is a
/// placeholder, may still become one, or cannot.
enum Held {
    Part(usize),
    Partial,
    NotOne,
}

fn held(bytes: &[u8]) -> Held {
    let (mark, name) = (MARK.as_bytes(), NAME.as_bytes());
    let head = mark.len() + name.len();
    let prefix = [mark, name].concat();
    if bytes.len() <= head {
        return if prefix.starts_with(bytes) {
            Held::Partial
        } else {
            Held::NotOne
        };
    }
    if !bytes.starts_with(&prefix) {
        return Held::NotOne;
    }
    let rest = &bytes[head..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    // A number longer than any index is no placeholder.
    if digits == 0 && !rest.is_empty() || digits > 19 {
        return Held::NotOne;
    }
    let after = &rest[digits..];
    if after.len() < mark.len() {
        return if mark.starts_with(after) {
            Held::Partial
        } else {
            Held::NotOne
        };
    }
    if after.len() > mark.len() || after != mark {
        return Held::NotOne;
    }
    std::str::from_utf8(&rest[..digits])
        .ok()
        .and_then(|n| n.parse().ok())
        .map_or(Held::NotOne, Held::Part)
}

/// A writer that passes bytes through to `out`, writing each part in
/// place of its placeholder (a placeholder split between two writes
/// included). Call [`Splice::finish`] once the page is written.
pub struct Splice<'a> {
    out: &'a mut dyn Write,
    parts: &'a Parts,
    /// The bytes since a possible placeholder began.
    held: Vec<u8>,
}

impl<'a> Splice<'a> {
    pub fn new(out: &'a mut dyn Write, parts: &'a Parts) -> Splice<'a> {
        Splice {
            out,
            parts,
            held: Vec::new(),
        }
    }

    /// Writes what is held: the page ended inside something that looked
    /// like a placeholder and was not one.
    pub fn finish(mut self) -> io::Result<()> {
        let held = std::mem::take(&mut self.held);
        self.out.write_all(&held)
    }

    fn feed(&mut self, mut buf: &[u8]) -> io::Result<()> {
        let first = MARK.as_bytes()[0];
        while !buf.is_empty() {
            if self.held.is_empty() {
                let Some(at) = memchr::memchr(first, buf) else {
                    return self.out.write_all(buf);
                };
                self.out.write_all(&buf[..at])?;
                self.held.push(first);
                buf = &buf[at + 1..];
                continue;
            }
            self.held.push(buf[0]);
            buf = &buf[1..];
            match held(&self.held) {
                Held::Partial => {}
                Held::Part(k) => {
                    self.held.clear();
                    (self.parts)(k, &mut *self.out)?;
                }
                Held::NotOne => {
                    // Its first byte goes out as it came; a placeholder may
                    // begin within the rest.
                    let held = std::mem::take(&mut self.held);
                    self.out.write_all(&held[..1])?;
                    self.feed(&held[1..])?;
                }
            }
        }
        Ok(())
    }
}

impl Write for Splice<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.feed(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spliced(chunks: &[&[u8]]) -> String {
        let parts = |k: usize, out: &mut dyn Write| write!(out, "<svg n=\"{k}\"/>");
        let mut out = Vec::new();
        let mut s = Splice::new(&mut out, &parts);
        for c in chunks {
            s.write_all(c).unwrap();
        }
        s.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn each_placeholder_becomes_its_part_wherever_the_writes_cut_it() {
        let page = format!("<p>a</p>{}<p>b</p>{}end", placeholder(0), placeholder(12));
        let want = "<p>a</p><svg n=\"0\"/><p>b</p><svg n=\"12\"/>end";
        assert_eq!(spliced(&[page.as_bytes()]), want);
        // Cut at every byte: the same page.
        for cut in 0..page.len() {
            let (a, b) = page.as_bytes().split_at(cut);
            assert_eq!(spliced(&[a, b]), want, "cut at {cut}");
        }
        let bytes: Vec<&[u8]> = page.as_bytes().chunks(1).collect();
        assert_eq!(spliced(&bytes), want);
    }

    #[test]
    fn text_that_only_looks_like_a_placeholder_passes_through() {
        for text in [
            // A private-use character of the roadmap's own, alone, twice,
            // before a placeholder, and a placeholder cut short.
            "x\u{E000}y".to_string(),
            "\u{E000}\u{E000}".to_string(),
            format!("\u{E000}{}", placeholder(3)),
            format!("\u{E000}{NAME}"),
            format!("\u{E000}{NAME}7"),
            format!("\u{E000}{NAME}x\u{E000}"),
            format!("\u{E000}{NAME}\u{E000}"),
            "\u{E001}\u{E0FF}".to_string(),
        ] {
            let want = text.replace(&placeholder(3), "<svg n=\"3\"/>");
            assert_eq!(spliced(&[text.as_bytes()]), want, "{text:?}");
        }
    }
}
