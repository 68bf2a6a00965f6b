//! Checks shared by the fuzz targets: what every extracted article must
//! satisfy, whatever the input.

use newsdex_ingest::{Article, DateMention, Entity, Quote, Section};

/// Panics unless `start..end` is a range of `text` on character boundaries.
pub fn check_range(text: &str, start: usize, end: usize, what: &str) {
    assert!(start <= end, "{what}: start {start} > end {end}");
    assert!(
        end <= text.len(),
        "{what}: end {end} past the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(start),
        "{what}: start {start} inside a character"
    );
    assert!(
        text.is_char_boundary(end),
        "{what}: end {end} inside a character"
    );
}

/// Checks the offsets of entity mentions.
pub fn check_entities(text: &str, entities: &[Entity]) {
    for entity in entities {
        for [start, end] in &entity.mentions {
            check_range(text, *start, *end, "entity mention");
        }
    }
}

/// Checks the offsets of date mentions.
pub fn check_dates(text: &str, dates: &[DateMention]) {
    for date in dates {
        check_range(text, date.start, date.end, "date");
    }
}

/// Checks the offsets of quotes and their speakers' mentions.
pub fn check_quotes(text: &str, quotes: &[Quote]) {
    for quote in quotes {
        check_range(text, quote.start, quote.end, "quote");
        if let Some([start, end]) = quote.speaker_mention {
            check_range(text, start, end, "speaker mention");
        }
    }
}

/// Checks the offsets of sections.
pub fn check_sections(text: &str, sections: &[Section]) {
    for section in sections {
        check_range(text, section.start, section.end, "section");
    }
}

/// Checks every offset an article carries.
pub fn check_article(article: &Article) {
    let text = &article.text;
    check_sections(text, &article.sections);
    check_entities(text, &article.entities);
    check_dates(text, &article.dates);
    check_quotes(text, &article.quotes);
}

/// A publication date chosen by a byte of the input, or none, so that the
/// date extractor's relative expressions are resolved for some inputs.
pub fn published_from(byte: u8) -> Option<jiff::civil::Date> {
    if byte & 1 == 0 {
        return None;
    }
    let year = 1990 + i16::from(byte >> 3);
    let month = 1 + (byte >> 1) % 12;
    jiff::civil::Date::new(year, month as i8, 28).ok()
}
