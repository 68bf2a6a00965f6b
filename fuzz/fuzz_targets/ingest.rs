//! Any bytes, under a few file names, through `prepare` and `read_file`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex_fuzz::check_article;
use newsdex_ingest::{FileContents, IngestOptions, Source, prepare, read_file};

/// Names whose extensions steer content that looks like plain text to the
/// other readers.
const NAMES: [&str; 12] = [
    "story.txt",
    "page.html",
    "article.json",
    "feed.jsonl",
    "table.csv",
    "table.tsv",
    "wire.sgm",
    "story.tml",
    "feed.xml",
    "feed.rss",
    "2022/03/10/noextension",
    "README",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let path = NAMES[usize::from(first) % NAMES.len()];
    let options = IngestOptions {
        published: (first & 0x80 != 0).then(|| "2022-03-10".to_owned()),
        repeated_lines: None,
        ..IngestOptions::default()
    };
    let source = Source::new(path);
    match read_file(prepare(bytes), &source, &options) {
        FileContents::Articles(articles) => {
            assert!(!articles.is_empty());
            for article in &articles {
                check_article(article);
            }
        }
        FileContents::NotNews(_) | FileContents::Unusable(_) => {}
    }
});
