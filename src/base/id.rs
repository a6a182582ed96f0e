//! Item ids: what the project names things by, in front matter, in links,
//! in snapshot names and in page addresses.

/// Ids are used in URLs and file names: keep them to a safe alphabet.
pub fn valid_id(id: &str) -> bool {
    of_safe_alphabet(id) && other_trouble(id).is_none()
}

/// Letters, digits, `-`, `_` and `.` only, and at least one.
pub fn of_safe_alphabet(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Why an id made only of the allowed characters is still refused, in
/// the user's terms; `None` when the characters are the trouble (or none).
pub fn other_trouble(id: &str) -> Option<String> {
    if !of_safe_alphabet(id) {
        return None;
    }
    if id.len() > 200 {
        Some(format!(
            "an id has at most 200 characters, this one {}: shorten it",
            id.len()
        ))
    } else if id.starts_with('.') {
        Some("an id may not start with `.` (such a file is hidden)".into())
    } else if id.eq_ignore_ascii_case("index") {
        // `index` is every folder's list page.
        Some("`index` is taken by every list page: choose another id".into())
    } else {
        None
    }
}

/// The id a name was likely meant as: `Data Lakehouse 2` is
/// `data-lakehouse-2`. `None` when nothing of it is left.
pub fn id_like(name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(|c| c.to_lowercase()) {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.') {
            out.push(c);
        } else if let Some(plain) = latin_plain(c) {
            out.push_str(plain);
        } else if c.is_alphanumeric() {
            // A letter of another script: no id could say it.
            return None;
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches(['-', '.']).to_string();
    valid_id(&out).then_some(out)
}

/// A Latin letter with an accent, without it: `Qualité` reads `qualite`.
fn latin_plain(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'œ' => "oe",
        'ß' => "ss",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_allowed_characters_say_what_else_is_wrong() {
        assert_eq!(
            other_trouble(&"a".repeat(230)).as_deref(),
            Some("an id has at most 200 characters, this one 230: shorten it")
        );
        assert!(other_trouble("index").is_some_and(|w| w.contains("list page")));
        assert!(other_trouble(".draft").is_some_and(|w| w.contains("hidden")));
        // The characters are the trouble, or there is none.
        assert_eq!(other_trouble("Data Lake"), None);
        assert_eq!(other_trouble("erp-upgrade"), None);
        assert_eq!(other_trouble(""), None);
    }

    #[test]
    fn a_name_becomes_the_id_it_was_meant_as() {
        assert_eq!(
            id_like("Data Lakehouse 2").as_deref(),
            Some("data-lakehouse-2")
        );
        assert_eq!(
            id_like("ERP / S4 (phase 1)").as_deref(),
            Some("erp-s4-phase-1")
        );
        assert_eq!(id_like("  --  "), None);
        assert_eq!(
            id_like("Qualité données").as_deref(),
            Some("qualite-donnees")
        );
        assert_eq!(id_like("Straße Ölwerk").as_deref(), Some("strasse-olwerk"));
        assert_eq!(id_like("数据湖"), None);
    }
}
