//! Any text through the quote extractor, with the entities found in it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex_fuzz::{check_entities, check_quotes};
use newsdex_ingest::{extract_entities, extract_quotes};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let entities = extract_entities(&text);
    check_entities(&text, &entities);
    let quotes = extract_quotes(&text, &entities);
    check_quotes(&text, &quotes);
});
