//! Parts of a page too large to hold as template values (a timeline's SVG,
//! 28 MB for one page at 10,000 initiatives, copied once more into the
//! template's string), written in place of a placeholder as the page is
//! written, one part made at a time.
//!
//! The context holds [`Parts::placeholder`]`(k)` where the part goes; a
//! template prints it as it would the part (`{{ lane.chart | safe }}`), and
//! [`Splice`] replaces it on its way out, unescaped. A placeholder is a
//! private-use character, a name with a number drawn for the page, and
//! the character again: HTML escaping leaves it as it is, and no text of
//! the roadmap can make one, even on purpose (a stray private-use
//! character passes through unchanged).

use std::io::{self, Write};

/// Writes part `k` of a page.
type WritePart<'a> = dyn Fn(usize, &mut dyn Write) -> io::Result<()> + Send + Sync + 'a;

/// A page's parts: what marks them, and how to write part `k`.
pub struct Parts<'a> {
    /// The start of every placeholder of the page, up to the part's number.
    prefix: String,
    write: Box<WritePart<'a>>,
}

const MARK: &str = "\u{E000}";

impl<'a> Parts<'a> {
    pub fn new(
        write: impl Fn(usize, &mut dyn Write) -> io::Result<()> + Send + Sync + 'a,
    ) -> Parts<'a> {
        use std::hash::BuildHasher;
        // Random keys for each map: a number no one can know in advance.
        let drawn = std::collections::hash_map::RandomState::new().hash_one(0u8);
        Parts {
            prefix: format!("{MARK}roadbook-part-{drawn:016x}-"),
            write: Box::new(write),
        }
    }

    /// What a template prints where part `k` goes.
    pub fn placeholder(&self, k: usize) -> String {
        format!("{}{k}{MARK}", self.prefix)
    }
}

/// Whether `held`, which starts with the first byte of [`MARK`], is a
/// placeholder (`prefix`, a number, [`MARK`]), may still become one, or
/// cannot.
enum Held {
    Part(usize),
    Partial,
    NotOne,
}

fn held(bytes: &[u8], prefix: &[u8]) -> Held {
    let mark = MARK.as_bytes();
    if bytes.len() <= prefix.len() {
        return if prefix.starts_with(bytes) {
            Held::Partial
        } else {
            Held::NotOne
        };
    }
    if !bytes.starts_with(prefix) {
        return Held::NotOne;
    }
    let rest = &bytes[prefix.len()..];
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
    if after != mark {
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
pub struct Splice<'a, 'p> {
    out: &'a mut dyn Write,
    parts: &'a Parts<'p>,
    /// The bytes since a possible placeholder began.
    held: Vec<u8>,
}

impl<'a, 'p> Splice<'a, 'p> {
    pub fn new(out: &'a mut dyn Write, parts: &'a Parts<'p>) -> Splice<'a, 'p> {
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
            match held(&self.held, self.parts.prefix.as_bytes()) {
                Held::Partial => {}
                Held::Part(k) => {
                    self.held.clear();
                    (self.parts.write)(k, &mut *self.out)?;
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

impl Write for Splice<'_, '_> {
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

    fn parts() -> Parts<'static> {
        Parts::new(|k, out| write!(out, "<svg n=\"{k}\"/>"))
    }

    fn spliced(parts: &Parts, chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        let mut s = Splice::new(&mut out, parts);
        for c in chunks {
            s.write_all(c).unwrap();
        }
        s.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn each_placeholder_becomes_its_part_wherever_the_writes_cut_it() {
        let parts = parts();
        let (p0, p12) = (parts.placeholder(0), parts.placeholder(12));
        let page = format!("<p>a</p>{p0}<p>b</p>{p12}end");
        let want = "<p>a</p><svg n=\"0\"/><p>b</p><svg n=\"12\"/>end";
        assert_eq!(spliced(&parts, &[page.as_bytes()]), want);
        // Cut at every byte: the same page.
        for cut in 0..page.len() {
            let (a, b) = page.as_bytes().split_at(cut);
            assert_eq!(spliced(&parts, &[a, b]), want, "cut at {cut}");
        }
        let bytes: Vec<&[u8]> = page.as_bytes().chunks(1).collect();
        assert_eq!(spliced(&parts, &bytes), want);
    }

    #[test]
    fn text_that_only_looks_like_a_placeholder_passes_through() {
        let parts = parts();
        let p3 = parts.placeholder(3);
        let prefix = &p3[..p3.len() - "3\u{E000}".len()];
        // Another page's placeholder: what a roadmap's text could copy.
        let other = Parts::new(|_, _| Ok(())).placeholder(3);
        assert_ne!(other, p3);
        for text in [
            // A private-use character of the roadmap's own, alone, twice,
            // before a placeholder, and a placeholder cut short or wrong.
            "x\u{E000}y".to_string(),
            "\u{E000}\u{E000}".to_string(),
            format!("\u{E000}{p3}"),
            prefix.to_string(),
            format!("{prefix}7"),
            format!("{prefix}x\u{E000}"),
            format!("{prefix}\u{E000}"),
            "\u{E000}roadbook-part-3\u{E000}".to_string(),
            other.clone(),
            "\u{E001}\u{E0FF}".to_string(),
        ] {
            let want = text.replace(&p3, "<svg n=\"3\"/>");
            assert_eq!(spliced(&parts, &[text.as_bytes()]), want, "{text:?}");
        }
    }
}
