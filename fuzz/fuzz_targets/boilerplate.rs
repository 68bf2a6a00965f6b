//! Any text through normalisation and the boilerplate classifier.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex_ingest::{RepeatedLinesBuilder, classify_lines, normalize};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let normalized = normalize(&text);
    let mut builder = RepeatedLinesBuilder::with_thresholds(1, 0.0);
    builder.add_text(&normalized);
    let repeated = builder.build();
    let plain = classify_lines(&normalized, None);
    let with_repeated = classify_lines(&normalized, Some(&repeated));
    assert_eq!(plain.len(), with_repeated.len());
});
