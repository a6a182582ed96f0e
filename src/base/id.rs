//! Item ids: what the project names things by, in front matter, in links,
//! in snapshot names and in page addresses.

/// Ids are used in URLs and file names: keep them to a safe alphabet.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        // `index` is every folder's list page.
        && !id.eq_ignore_ascii_case("index")
        && id.len() <= 200
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The id a name was likely meant as: `Data Lakehouse 2` is
/// `data-lakehouse-2`. `None` when nothing of it is left.
pub fn id_like(name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.') {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches(['-', '.']).to_string();
    valid_id(&out).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
