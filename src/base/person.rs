//! Whether two ways of writing a person (or a body) name the same one:
//! what tells a change request decided by its own requester. A trial got
//! round an exact comparison with `P. Nair`, `Nair, Priya`,
//! `priya.nair@acme.com`, `Priya Nair for the Steering committee`, a
//! Cyrillic `а`, and the requester's role alone (`Head of Apps`).

/// `asked` and `decided` name the same person or body: the same words, in
/// any order, with a role in brackets, punctuation, case, accents and
/// look-alike letters aside; a given name may be its initial, a middle
/// name or initial may be left out; an address is its local part; one
/// deciding "for" or "on behalf of" a body is the one named before it;
/// and a role alone is whoever the other names with that role, unless
/// the role is a body (`Tom Lee (Steering committee)` asking is not the
/// committee deciding).
pub fn same(asked: &str, decided: &str) -> bool {
    let (a, b) = (Written::of(asked, false), Written::of(decided, true));
    if a.name.is_empty() || b.name.is_empty() {
        return false;
    }
    let role = |r: &Option<Vec<String>>| r.clone().filter(|r| !is_body(r));
    same_words(&a.name, &b.name)
        || role(&a.role).is_some_and(|role| same_words(&role, &b.name))
        || role(&b.role).is_some_and(|role| same_words(&role, &a.name))
}

/// A role that names a body rather than a post: membership, not who one is.
fn is_body(words: &[String]) -> bool {
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "committee"
                | "board"
                | "council"
                | "office"
                | "group"
                | "team"
                | "forum"
                | "panel"
                | "authority"
                | "steerco"
                | "pmo"
                | "cab"
        )
    })
}

/// A name as written: its words, and the role in brackets after it.
struct Written {
    name: Vec<String>,
    role: Option<Vec<String>>,
}

impl Written {
    /// `decider`: the one deciding, who may write whom they decide for.
    fn of(text: &str, decider: bool) -> Written {
        let text = fold(text);
        let (name, role) = match text.split_once('(') {
            Some((name, rest)) => (
                name.to_string(),
                Some(rest.split(')').next().unwrap_or(rest)),
            ),
            None => (text.clone(), None),
        };
        // One deciding for a body is the one named first.
        let mut name = name.as_str();
        let on_behalf: &[&str] = if decider {
            &[" for ", " on behalf of ", " pp ", " p p "]
        } else {
            &[]
        };
        for by in on_behalf {
            if let Some((person, _)) = format!(" {name} ").split_once(by) {
                if !person.trim().is_empty() {
                    let at = person.trim().len();
                    name = name.trim().get(..at).unwrap_or(name);
                }
            }
        }
        // An address: its local part, `priya.nair` read as two words.
        let name = match name.split_once('@') {
            Some((local, _)) => local.replace(['.', '_', '-', '+'], " "),
            None => name.to_string(),
        };
        Written {
            name: words(&name),
            role: role.map(words).filter(|r| !r.is_empty()),
        }
    }
}

/// The words of a name, without punctuation (`P.` is `p`, `Nair,` is
/// `nair`, `P.M.O.` is `pmo`).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == '/' || c == ';')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The same words in any order, a word of one side matching a word of the
/// other once: the same word, or an initial of it. Every word of the
/// shorter side matches, and at least one full word does; the longer may
/// hold one more word than the shorter only when it is an initial or a
/// middle name (`Priya K. Nair` is `Priya Nair`), so `IT` is not `IT
/// Steering Committee`.
fn same_words(a: &[String], b: &[String]) -> bool {
    let sorted = |w: &[String]| {
        let mut w = w.to_vec();
        w.sort();
        w
    };
    if sorted(a) == sorted(b) {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() > short.len() + 1 {
        return false;
    }
    let mut used = vec![false; long.len()];
    let mut full = false;
    for w in short {
        let found = (0..long.len())
            .filter(|&k| !used[k])
            .find(|&k| long[k] == *w)
            .map(|k| (k, true))
            .or_else(|| {
                (0..long.len())
                    .filter(|&k| !used[k])
                    .find(|&k| initial_of(w, &long[k]) || initial_of(&long[k], w))
                    .map(|k| (k, false))
            });
        match found {
            Some((k, whole)) => {
                used[k] = true;
                full |= whole && w.chars().count() > 1;
            }
            None => return false,
        }
    }
    // The word left over: a middle name or initial, between the others.
    let left: Vec<usize> = (0..long.len()).filter(|&k| !used[k]).collect();
    let middle = left
        .iter()
        .all(|&k| k > 0 && k + 1 < long.len() && short.len() >= 2);
    full && middle
}

/// `short` is one letter, the first of `word`.
fn initial_of(short: &str, word: &str) -> bool {
    let mut s = short.chars();
    match (s.next(), s.next()) {
        (Some(c), None) => word.chars().count() > 1 && word.starts_with(c),
        _ => false,
    }
}

/// Lower case, accents off, and the letters of other scripts that look
/// like Latin ones read as those (`Nаir` with a Cyrillic `а` is `nair`),
/// full-width forms as their plain ones.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            let c = match c as u32 {
                // Full-width ASCII.
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            match c {
                'а' | 'α' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
                'с' | 'ç' | 'ć' | 'č' | 'ϲ' => 'c',
                'ԁ' | 'ď' | 'đ' => 'd',
                'е' | 'ε' | 'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'ё' => 'e',
                'һ' => 'h',
                'і' | 'ι' | 'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'ї' => 'i',
                'ј' => 'j',
                'κ' | 'к' => 'k',
                'ł' | 'ľ' | 'ĺ' => 'l',
                'ñ' | 'ń' | 'ň' | 'η' => 'n',
                'о' | 'ο' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
                'р' | 'ρ' => 'p',
                'ŕ' | 'ř' => 'r',
                'ѕ' | 'ś' | 'š' | 'ş' | 'ș' => 's',
                'τ' | 'ť' | 'ţ' | 'ț' => 't',
                'υ' | 'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
                'ν' => 'v',
                'ԝ' => 'w',
                'х' | 'χ' => 'x',
                'у' | 'ý' | 'ÿ' => 'y',
                'ź' | 'ż' | 'ž' => 'z',
                'ß' => 's',
                // Spaces that are not plain spaces, and those of no width.
                '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
                _ => c,
            }
        })
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn one_person_however_written() {
        for (a, b) in [
            ("PMO", "pmo "),
            ("B", "b."),
            ("P.M.O.", "PMO (for the board)"),
            ("Priya Nair", "P. Nair"),
            ("Priya Nair", "Nair, Priya"),
            ("Priya Nair", "Priya K. Nair"),
            ("Priya Nair", "priya.nair@acme.com"),
            ("Priya Nair", "Priya Nair for the Steering committee"),
            ("Priya Nair", "Priya Nair on behalf of the board"),
            ("Priya Nair", "Priya N\u{0430}ir"),
            ("Priya Nair (Head of Apps)", "Head of Apps"),
            ("Head of Apps", "Priya Nair (Head of Apps)"),
            ("Priya Nair", "Priya Nair (for the Steering committee)"),
            ("José Martínez", "Jose Martinez"),
            ("Priya\u{00A0}Nair", "Priya Nair"),
            ("Priya\u{200B} Nair", "Priya Nair"),
        ] {
            assert!(same(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn different_people_and_bodies() {
        for (a, b) in [
            ("PMO", "Steering committee"),
            ("IT", "IT Steering Committee"),
            ("Priya Nair", "Rafael Nair"),
            ("Priya Nair", "P. Singh"),
            ("Priya Nair (Head of Apps)", "Head of Infrastructure"),
            ("Finance", "Finance committee"),
            ("Director for Applications", "Director for Infrastructure"),
            ("Tom Lee (Steering committee)", "Steering committee"),
            ("Steering committee", "Tom Lee (Steering committee)"),
            ("Priya Nair", "Steering committee (chair: Priya Nair)"),
            ("Nair", "Priya Nair"),
            ("", ""),
            ("P.", "Priya"),
        ] {
            assert!(!same(a, b), "{a} / {b}");
        }
    }
}
