//! Any bytes through decoding, format sniffing and normalisation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex_ingest::{decode, normalize, prepare};

fuzz_target!(|data: &[u8]| {
    let decoded = decode(data);
    assert!(!decoded.encoding.is_empty());
    let prepared = prepare(data);
    assert!(!prepared.encoding.is_empty());
    // Normalised text has one kind of line break and no control characters
    // other than the line break and the tab.
    let normalized = normalize(&decoded.text);
    assert!(!normalized.contains('\r'), "CR left after normalisation");
});
