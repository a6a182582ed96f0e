//! Ids, dates and a milestone's texts as written, each distinct text kept
//! once for the whole process and named by a pointer. The history repeats
//! the same few thousand milestone ids and dates hundreds of thousands of
//! times (every move of every period, at 10,000 initiatives with 8
//! snapshots): kept inline, each was 24 bytes, and a move with four of
//! them 112 bytes, alive while the working tree renders. A [`Sym`] is 8
//! bytes, and so is an `Option<Sym>`.
//!
//! A milestone's title, owner and criteria are interned too: every
//! snapshot that changed anything of an initiative held its own copy of
//! every milestone's texts, though they read the same in most versions
//! (at 10,000 initiatives with 8 snapshots, L + 8's peak 533 → 478 MiB and
//! its CPU time 10 % lower, 3 paired runs).
//!
//! The texts are never freed: what a process sees is bounded by the
//! roadmap's texts and what a `serve` session saves of them (an editor
//! saving a title at every keystroke keeps each spelling, a few bytes
//! each).

use serde::{Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, OnceLock, PoisonError};

/// The text behind a [`Sym`]: a reference to it is one pointer wide.
struct Text(Box<str>);

/// An interned string: equal texts are the same `Sym`. It compares,
/// orders and hashes as its text, so it sorts and looks up (`Borrow<str>`)
/// as a `String` would.
#[derive(Clone, Copy)]
pub struct Sym(&'static Text);

/// Locks split by hash: the history compares periods on every core at
/// once, each interning as it goes.
const SHARDS: usize = 16;

struct Table {
    hasher: ahash::RandomState,
    shards: [Mutex<hashbrown::HashTable<Sym>>; SHARDS],
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| Table {
        hasher: ahash::RandomState::new(),
        shards: std::array::from_fn(|_| Mutex::default()),
    })
}

impl Sym {
    pub fn new(text: &str) -> Sym {
        let table = table();
        let hash = table.hasher.hash_one(text);
        // The table's own buckets take the low bits and its tags the top
        // seven: the shard is chosen by bits of neither.
        let shard = &table.shards[(hash >> 32) as usize % SHARDS];
        let mut set = shard.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = set.find(hash, |s| s.as_str() == text) {
            return *found;
        }
        let sym = Sym(Box::leak(Box::new(Text(text.into()))));
        set.insert_unique(hash, sym, |s| table.hasher.hash_one(s.as_str()));
        sym
    }

    pub fn as_str(&self) -> &'static str {
        &self.0 .0
    }
}

impl From<&str> for Sym {
    fn from(text: &str) -> Sym {
        Sym::new(text)
    }
}

impl From<&String> for Sym {
    fn from(text: &String) -> Sym {
        Sym::new(text)
    }
}

impl Default for Sym {
    fn default() -> Sym {
        Sym::new("")
    }
}

impl std::ops::Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Sym {
    fn eq(&self, other: &Sym) -> bool {
        // Interned: the same text is the same pointer.
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Sym {}

impl PartialEq<str> for Sym {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Sym {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Sym {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Sym> for &str {
    fn eq(&self, other: &Sym) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Sym> for str {
    fn eq(&self, other: &Sym) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Sym> for String {
    fn eq(&self, other: &Sym) -> bool {
        self == other.as_str()
    }
}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Sym) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Sym {
    fn cmp(&self, other: &Sym) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Sym {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Width and alignment honoured, as a `String`'s are.
        f.pad(self.as_str())
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Sym {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_are_one_symbol_that_orders_and_looks_up_as_its_text() {
        let texts = ["net/core", "2026-Q3", "a", "", "net/core", "2026-03-14"];
        let syms: Vec<Sym> = texts.iter().map(|t| Sym::new(t)).collect();
        assert!(std::ptr::eq(syms[0].0, syms[4].0));
        assert_ne!(syms[0], syms[1]);
        for (s, t) in syms.iter().zip(texts) {
            assert_eq!(s.as_str(), t);
        }
        let mut sorted = syms.clone();
        sorted.sort();
        let mut by_text = texts.to_vec();
        by_text.sort();
        assert_eq!(sorted.iter().map(Sym::as_str).collect::<Vec<_>>(), by_text);
        let map: std::collections::BTreeMap<Sym, usize> = syms.iter().copied().zip(0..).collect();
        assert_eq!(map.get("2026-Q3"), Some(&1));
        let hashed: std::collections::HashSet<Sym> = syms.iter().copied().collect();
        assert!(hashed.contains("2026-03-14") && !hashed.contains("b"));
        assert_eq!(serde_json::to_string(&syms[0]).unwrap(), "\"net/core\"");
        assert_eq!(std::mem::size_of::<Option<Sym>>(), 8);
        // Compared with texts from either side, as the `String` it replaced.
        let owner = String::from("net/core");
        assert_eq!(syms[0], owner);
        assert_eq!(owner, syms[0]);
        assert_eq!("net/core", syms[0]);
        assert_eq!(*"a", syms[2]);
        assert_ne!(syms[1], owner);
        assert_ne!("b", syms[2]);
    }

    #[test]
    fn threads_interning_the_same_texts_at_once_agree() {
        let made: Vec<Vec<Sym>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| {
                        (0..2000)
                            .map(|k| Sym::new(&format!("ms-{k}")))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().unwrap()).collect()
        });
        for other in &made[1..] {
            assert!(made[0]
                .iter()
                .zip(other)
                .all(|(a, b)| std::ptr::eq(a.0, b.0)));
        }
    }
}
