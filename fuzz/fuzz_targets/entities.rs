//! Any text through the entity tagger.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex_fuzz::check_entities;
use newsdex_ingest::extract_entities;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let entities = extract_entities(&text);
    check_entities(&text, &entities);
    for entity in &entities {
        assert!(!entity.mentions.is_empty(), "entity without a mention");
    }
});
