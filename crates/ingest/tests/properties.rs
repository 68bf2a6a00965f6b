//! Properties that hold for any input: ingest never panics, every offset in
//! an article is a character boundary inside its text, and extraction is
//! deterministic. Inputs are arbitrary bytes under several file names, and
//! text assembled from news-like fragments (quote marks, dates, names,
//! multi-byte letters) so that the extractors do real work on them.

mod common;

use common::{NAMES, check_article, check_range};
use jiff::civil::{Date, date};
use newsdex_ingest::{
    Article, FileContents, IngestOptions, Source, extract_dates, extract_entities, extract_quotes,
    ingest, prepare, read_file,
};
use proptest::prelude::*;

/// Pieces of news prose, chosen to hit the extractors' edge cases.
const FRAGMENTS: [&str; 48] = [
    "“",
    "”",
    "\"",
    "'",
    "‘",
    "’",
    "«",
    "»",
    " said ",
    " told reporters",
    ", he said.",
    "according to ",
    "on Wednesday",
    "last week",
    "March 9",
    "9 March 2022",
    "2010",
    "in the 1990s",
    "yesterday",
    "the third quarter of 1998",
    "President Recep Tayyip Erdoğan",
    "Isaac Herzog",
    "Erdogan",
    "İstanbul",
    "Ankara",
    "JERUSALEM, Israel –",
    "the White House",
    "Hamas",
    "שלום",
    "ירושלים",
    "Ğ",
    "ß",
    "é",
    "e\u{301}",
    "日本",
    "🇹🇷",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    ".",
    ",",
    "—",
    "Share on Facebook",
    "The Facts",
    "By Jane Doe",
    "<p>",
];

fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&FRAGMENTS[..]), 0..60)
        .prop_map(|pieces| pieces.concat())
}

fn published() -> impl Strategy<Value = Option<Date>> {
    prop::option::of((1990i16..2030, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| date(y, m, d)))
}

fn ingest_checked(bytes: &[u8], name: &str, options: &IngestOptions) -> Vec<Article> {
    let source = Source::new(name);
    let articles = ingest(bytes, &source, options);
    for article in &articles {
        check_article(article);
    }
    if let FileContents::Articles(read) = read_file(prepare(bytes), &source, options) {
        assert!(!read.is_empty());
        for article in &read {
            check_article(article);
        }
    }
    articles
}

fn options(published: bool) -> IngestOptions {
    IngestOptions {
        published: published.then(|| "2022-03-10".to_owned()),
        repeated_lines: None,
        ..IngestOptions::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_bytes_ingest_without_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        name in prop::sample::select(&NAMES[..]),
        dated in any::<bool>(),
    ) {
        ingest_checked(&bytes, name, &options(dated));
    }

    #[test]
    fn news_like_text_keeps_offsets_on_boundaries(
        text in news_text(),
        name in prop::sample::select(&NAMES[..]),
        dated in any::<bool>(),
    ) {
        let first = ingest_checked(text.as_bytes(), name, &options(dated));
        let second = ingest(text.as_bytes(), &Source::new(name), &options(dated));
        prop_assert_eq!(first, second);
    }

    #[test]
    fn extractors_keep_offsets_on_boundaries_and_are_deterministic(
        text in news_text(),
        published in published(),
    ) {
        let dates = extract_dates(&text, published);
        for mention in &dates {
            check_range(&text, mention.start, mention.end, "date");
        }
        prop_assert_eq!(&dates, &extract_dates(&text, published));

        let entities = extract_entities(&text);
        for entity in &entities {
            for [start, end] in &entity.mentions {
                check_range(&text, *start, *end, "entity mention");
            }
        }
        prop_assert_eq!(&entities, &extract_entities(&text));

        let quotes = extract_quotes(&text, &entities);
        for quote in &quotes {
            check_range(&text, quote.start, quote.end, "quote");
            if let Some([start, end]) = quote.speaker_mention {
                check_range(&text, start, end, "speaker mention");
            }
        }
        prop_assert_eq!(&quotes, &extract_quotes(&text, &entities));
    }

    #[test]
    fn any_unicode_text_through_extractors(text in "\\PC{0,400}") {
        let entities = extract_entities(&text);
        let quotes = extract_quotes(&text, &entities);
        for quote in &quotes {
            check_range(&text, quote.start, quote.end, "quote");
        }
        for mention in extract_dates(&text, Some(date(2022, 3, 10))) {
            check_range(&text, mention.start, mention.end, "date");
        }
    }
}
