#![no_main]
//! The date parser: any text, either edge, any fiscal start.
use libfuzzer_sys::fuzz_target;
use roadbook::fuzz::date::{parse, suggest, Edge};

fuzz_target!(|input: (u8, bool, &str)| {
    let (fiscal, end, text) = input;
    let fiscal_start = fiscal % 12 + 1;
    let edge = if end { Edge::End } else { Edge::Start };
    if let Ok(d) = parse(text, edge, fiscal_start) {
        // A parsed date prints as ISO and reads back as the same day.
        let again = parse(&d.iso(), edge, fiscal_start).expect("ISO form reads back");
        assert_eq!(again.iso(), d.iso());
    }
    let _ = suggest(text);
});
