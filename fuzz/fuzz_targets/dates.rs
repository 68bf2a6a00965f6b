//! Any text through the date extractor, with and without a publication date.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex_fuzz::{check_dates, published_from};
use newsdex_ingest::extract_dates;

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(bytes);
    let dates = extract_dates(&text, published_from(first));
    check_dates(&text, &dates);
    for date in &dates {
        assert!(!date.value.is_empty(), "empty date value");
    }
});
