#![no_main]
//! The front-matter splitter: never panics, and the parts it returns are
//! slices of the input at the lines it claims.
use libfuzzer_sys::fuzz_target;
use roadbook::fuzz::frontmatter::split;

fuzz_target!(|text: &str| {
    if let Ok(s) = split(text) {
        assert!(text.ends_with(s.body));
        let body_line = text[..text.len() - s.body.len()].matches('\n').count();
        assert_eq!(body_line as u32, s.body_offset);
        if let Some((_, front)) = s.front {
            assert!(text.contains(front));
        }
    }
});
