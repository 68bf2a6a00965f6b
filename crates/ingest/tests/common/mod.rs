//! Checks shared by the tests that feed ingest arbitrary input
//! (`properties.rs`, `fuzz_regressions.rs`); `fuzz/src/lib.rs` makes the
//! same checks for the fuzz targets.

use newsdex_ingest::Article;

/// File names whose extensions send content to each reader; the `ingest`
/// fuzz target picks one by its input's first byte (modulo their number).
pub const NAMES: [&str; 12] = [
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

/// Panics unless `start..end` is a range of `text` on character boundaries.
pub fn check_range(text: &str, start: usize, end: usize, what: &str) {
    assert!(start <= end, "{what}: start {start} > end {end}");
    assert!(end <= text.len(), "{what}: end {end} past {}", text.len());
    assert!(
        text.is_char_boundary(start),
        "{what}: start {start} in a char"
    );
    assert!(text.is_char_boundary(end), "{what}: end {end} in a char");
}

/// Checks every offset of an article: sections, entity mentions, dates,
/// quotes and speaker mentions.
pub fn check_article(article: &Article) {
    let text = &article.text;
    for section in &article.sections {
        check_range(text, section.start, section.end, "section");
    }
    for entity in &article.entities {
        for [start, end] in &entity.mentions {
            check_range(text, *start, *end, "entity mention");
        }
    }
    for mention in &article.dates {
        check_range(text, mention.start, mention.end, "date");
    }
    for quote in &article.quotes {
        check_range(text, quote.start, quote.end, "quote");
        if let Some([start, end]) = quote.speaker_mention {
            check_range(text, start, end, "speaker mention");
        }
    }
}
