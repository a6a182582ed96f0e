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
