#![no_main]
//! book.toml: any text gives a config or diagnostics that render.
use libfuzzer_sys::fuzz_target;
use roadbook::config::{Config, Environment};
use std::path::Path;

fuzz_target!(|text: &str| {
    let env = Environment::default();
    if let Err(mut diags) = Config::parse(Path::new("/nonexistent-root"), text, &env) {
        roadbook::diag::attach_source_lines(&mut diags, |_| Some(text.to_string().into()));
        for d in &diags {
            let _ = d.render();
        }
    }
});
