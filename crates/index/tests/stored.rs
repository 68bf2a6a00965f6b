//! Sections and quotes store only their ids: what a hit shows of them is
//! read from their article. These tests guard that every hit still shows
//! its own words and its article's title, path and date, and that an
//! article comes back from the index whole.

use newsdex_index::{NewsIndex, QuoteOptions, SearchOptions, WriterOptions};
use newsdex_ingest::Article;
use serde_json::json;

/// An article with two sections, entities, dates and three quotes, one of
/// which runs over two paragraphs (its words leave out the mark that
/// reopens it, so they are not the text between its offsets).
fn article(id: &str, title: &str) -> Article {
    let text = "Envoys met in Ankara on Monday.\n\n\
                “The embassy reopens next week,” Herzog said.\n\n\
                Gantz stayed home.\n\n\
                “Trade comes first,\n\n“and then the rest,” Erdogan said."
        .to_owned();
    let find = |needle: &str| {
        let start = text.find(needle).expect("needle in text");
        json!([start, start + needle.len()])
    };
    let span = |needle: &str| {
        let start = text.find(needle).expect("needle in text");
        (start, start + needle.len())
    };
    let facts =
        span("Envoys met in Ankara on Monday.\n\n“The embassy reopens next week,” Herzog said.");
    let spin = span("Gantz stayed home.");
    let embassy = span("The embassy reopens next week,");
    let trade = span("Trade comes first,\n\n“and then the rest,");
    let value = json!({
        "type": "article", "id": id, "path": format!("news/{id}.txt"), "format": "text",
        "encoding": "UTF-8", "title": title, "authors": ["Emily Jones"], "outlet": "CBN News",
        "dateline": "ANKARA", "published": "2022-03-09",
        "sections": [
            {"heading": "The Facts", "start": facts.0, "end": facts.1},
            {"heading": "The Spin", "start": spin.0, "end": spin.1},
        ],
        "text": text,
        "entities": [
            {"name": "Isaac Herzog", "kind": "person", "mentions": [find("Herzog said")]},
            {"name": "Ankara", "kind": "place", "mentions": [find("Ankara")]},
        ],
        "dates": [{"value": "2022-03-07", "start": span("Monday").0, "end": span("Monday").1,
                   "precision": "day", "relative": true}],
        "quotes": [
            {"text": "The embassy reopens next week,", "start": embassy.0, "end": embassy.1,
             "speaker": "Isaac Herzog", "speaker_mention": find("Herzog"), "cue": "said",
             "speaker_kind": "person", "resolution": "named"},
            {"text": "Trade comes first,\n\nand then the rest,", "start": trade.0, "end": trade.1,
             "speaker": "Recep Tayyip Erdogan", "speaker_mention": find("Erdogan"), "cue": "said",
             "speaker_kind": "person", "resolution": "named"},
        ],
        "warnings": ["a warning"], "language": "en", "url": "https://example.com/a",
        "topics": ["politics"],
    });
    serde_json::from_value(value).expect("a valid article")
}

fn index_of(articles: &[Article]) -> NewsIndex {
    let index = NewsIndex::create_in_ram();
    index
        .add_articles(articles, WriterOptions::default())
        .expect("articles are added");
    index
}

#[test]
fn an_article_comes_back_whole() {
    let first = article("a1", "Envoys in Ankara");
    let second = article("a2", "Envoys again");
    let index = index_of(&[first.clone(), second.clone()]);
    assert_eq!(index.article("a1").unwrap(), first);
    assert_eq!(index.article("a2").unwrap(), second);
}

#[test]
fn quote_hits_show_their_words_and_their_article() {
    let index = index_of(&[article("a1", "Envoys in Ankara"), article("a2", "Other")]);
    let results = index.quotes("trade", &QuoteOptions::default()).unwrap();
    assert_eq!(results.total, 2);
    let mut ids: Vec<&str> = results.quotes.iter().map(|q| q.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["a1", "a2"]);
    let quote = results.quotes.iter().find(|q| q.id == "a1").unwrap();
    assert_eq!(quote.text, "Trade comes first,\n\nand then the rest,");
    assert_eq!(quote.speaker.as_deref(), Some("Recep Tayyip Erdogan"));
    assert_eq!(quote.cue.as_deref(), Some("said"));
    assert_eq!(quote.title.as_deref(), Some("Envoys in Ankara"));
    assert_eq!(quote.outlet.as_deref(), Some("CBN News"));
    assert_eq!(quote.published.as_deref(), Some("2022-03-09"));
    assert_eq!(quote.path, "news/a1.txt");
    assert_eq!(quote.highlights, [[0, 5]]);

    let embassy = index.quotes("embassy", &QuoteOptions::default()).unwrap();
    assert_eq!(embassy.quotes[0].text, "The embassy reopens next week,");
    assert_eq!(embassy.quotes[0].speaker.as_deref(), Some("Isaac Herzog"));
}

#[test]
fn article_hits_show_the_quote_that_matches() {
    let index = index_of(&[article("a1", "Envoys in Ankara")]);
    let hits = index
        .search("embassy", &SearchOptions::default())
        .unwrap()
        .hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title.as_deref(), Some("Envoys in Ankara"));
    assert_eq!(hits[0].path, "news/a1.txt");
    let quote = hits[0].quote.as_ref().expect("a quote matches");
    assert_eq!(quote.text, "The embassy reopens next week,");
    assert_eq!(quote.speaker.as_deref(), Some("Isaac Herzog"));
    let names: Vec<&str> = hits[0].entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Ankara", "Isaac Herzog"]);
}

#[test]
fn section_hits_show_their_own_text_and_heading() {
    let index = index_of(&[article("a1", "Envoys in Ankara")]);
    let options = SearchOptions {
        section: Some("The Spin".to_owned()),
        ..SearchOptions::default()
    };
    let hits = index.search("*", &options).unwrap().hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "a1");
    assert_eq!(hits[0].section.as_deref(), Some("The Spin"));
    assert_eq!(hits[0].snippet.text, "Gantz stayed home.");
    assert_eq!(hits[0].title.as_deref(), Some("Envoys in Ankara"));

    let options = SearchOptions {
        section: Some("The Facts".to_owned()),
        ..SearchOptions::default()
    };
    let hits = index.search("embassy", &options).unwrap().hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].section.as_deref(), Some("The Facts"));
    assert!(
        hits[0].snippet.text.contains("**embassy**") || !hits[0].snippet.highlights.is_empty(),
        "{:?}",
        hits[0].snippet
    );
    assert!(
        !hits[0].snippet.text.contains("Gantz"),
        "{:?}",
        hits[0].snippet
    );
    assert!(index.search("gantz", &options).unwrap().hits.is_empty());
}
