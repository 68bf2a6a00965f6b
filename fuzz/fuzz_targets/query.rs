//! Any query string against a small in-memory index: search, section
//! search, quotes, top speakers and top entities. A query that does not
//! parse is an error, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsdex_index::{Filters, NewsIndex, QuoteOptions, SearchOptions, SortOrder, WriterOptions};
use newsdex_ingest::{IngestOptions, Source, ingest};

const SEEDS: [(&str, &[u8]); 3] = [
    (
        "corpus/seeds/000_3894bdc2c283492e.txt",
        include_bytes!("../../corpus/seeds/000_3894bdc2c283492e.txt"),
    ),
    (
        "corpus/seeds/003_76b365919c3e08c6.txt",
        include_bytes!("../../corpus/seeds/003_76b365919c3e08c6.txt"),
    ),
    (
        "formats/wire.sgm",
        include_bytes!("../../crates/ingest/tests/fixtures/formats/wire.sgm"),
    ),
];

fn index() -> &'static NewsIndex {
    static INDEX: OnceLock<NewsIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = NewsIndex::create_in_ram();
        let articles: Vec<_> = SEEDS
            .iter()
            .flat_map(|(path, bytes)| ingest(bytes, &Source::new(path), &IngestOptions::default()))
            .collect();
        let options = WriterOptions {
            memory_budget: 20_000_000,
            threads: 1,
        };
        index
            .add_articles(&articles, options)
            .expect("seed articles index");
        index
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let index = index();
    let _ = index.search(query, &SearchOptions::default());
    let _ = index.search(
        query,
        &SearchOptions {
            section: Some(query.to_owned()),
            sort: SortOrder::Newest,
            snippet_chars: 40,
            ..SearchOptions::default()
        },
    );
    let _ = index.quotes(query, &QuoteOptions::default());
    let _ = index.top_speakers(query, &Filters::default(), 5);
    let _ = index.top_entities(query, &Filters::default(), None, 5);
    // The same string as every filter: names and periods are user input too.
    let filters = Filters {
        persons: vec![query.to_owned()],
        speakers: vec![query.to_owned()],
        published_since: Some(query.to_owned()),
        mentioned_until: Some(query.to_owned()),
        ..Filters::default()
    };
    let _ = index.search(
        "*",
        &SearchOptions {
            filters: filters.clone(),
            ..SearchOptions::default()
        },
    );
    let _ = index.top_speakers("", &filters, 5);
});
