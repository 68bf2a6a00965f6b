//! Quotes and sections do not index their article's title, authors,
//! entities or dates: a query or filter on those is answered on the
//! articles. These tests guard that they still find exactly the quotes
//! and sections of the articles that match, as when every quote and
//! section indexed its article's values itself.

use newsdex_index::{Filters, NewsIndex, QuoteOptions, SearchOptions, SortOrder, WriterOptions};
use newsdex_ingest::Article;
use serde_json::json;

/// An article made of its title and quotes, one section over all of it,
/// with the given entities and mentioned dates.
fn article(
    id: &str,
    title: &str,
    author: &str,
    published: &str,
    entities: &[(&str, &str)],
    dates: &[&str],
    quotes: &[(&str, &str)],
) -> Article {
    let mut text = format!("{title}.");
    let mut quote_values = Vec::new();
    for (words, speaker) in quotes {
        text.push_str("\n\n“");
        let start = text.len();
        text.push_str(words);
        let end = text.len();
        text.push_str(&format!("” {speaker} said."));
        quote_values.push(json!({
            "text": words, "start": start, "end": end, "speaker": speaker, "cue": "said",
            "speaker_kind": "person", "resolution": "named",
        }));
    }
    let value = json!({
        "type": "article", "id": id, "path": format!("{id}.txt"), "format": "text",
        "encoding": "UTF-8", "title": title, "authors": [author], "outlet": null,
        "dateline": null, "published": published,
        "sections": [{"heading": "Background", "start": 0, "end": text.len()}],
        "text": text,
        "entities": entities.iter().map(|(name, kind)| json!({"name": name, "kind": kind, "mentions": []})).collect::<Vec<_>>(),
        "dates": dates.iter().map(|value| json!({"value": value, "start": 0, "end": 1})).collect::<Vec<_>>(),
        "quotes": quote_values, "warnings": [],
    });
    serde_json::from_value(value).expect("a valid article")
}

fn index() -> NewsIndex {
    let index = NewsIndex::create_in_ram();
    index
        .add_articles(&articles(), WriterOptions::default())
        .unwrap();
    index
}

fn articles() -> [Article; 3] {
    [
        article(
            "a",
            "Herzog in Ankara",
            "Emily Jones",
            "2022-03-09",
            &[("Isaac Herzog", "person"), ("Ankara", "place")],
            &["2010"],
            &[
                ("Trade comes first", "Isaac Herzog"),
                ("The embassy reopens", "Isaac Herzog"),
            ],
        ),
        article(
            "b",
            "Gantz in Ankara",
            "Dan Smith",
            "2022-10-27",
            &[
                ("Benny Gantz", "person"),
                ("Hamas", "organization"),
                ("Ankara", "place"),
            ],
            &["2023"],
            &[("Trade can wait", "Benny Gantz")],
        ),
        article(
            "c",
            "Flotilla raid",
            "Emily Jones",
            "2010-05-31",
            &[("Isaac Herzog", "person"), ("Hamas", "organization")],
            &["2010-05-31"],
            &[
                ("Trade is over", "Recep Tayyip Erdogan"),
                ("The raid was legal", "Isaac Herzog"),
            ],
        ),
    ]
}

/// The words of the quotes found, in order of their words.
fn quotes(index: &NewsIndex, query: &str, filters: Filters) -> Vec<String> {
    let options = QuoteOptions {
        filters,
        limit: 100,
        ..QuoteOptions::default()
    };
    let results = index.quotes(query, &options).unwrap();
    assert_eq!(results.total, results.quotes.len());
    let mut words: Vec<String> = results.quotes.into_iter().map(|quote| quote.text).collect();
    words.sort();
    words
}

#[test]
fn entity_filters_keep_the_quotes_of_matching_articles() {
    let index = index();
    let herzog = Filters {
        persons: vec!["Herzog".into()],
        ..Filters::default()
    };
    assert_eq!(
        quotes(&index, "trade", herzog.clone()),
        ["Trade comes first", "Trade is over"]
    );
    assert_eq!(
        quotes(&index, "", herzog),
        [
            "The embassy reopens",
            "The raid was legal",
            "Trade comes first",
            "Trade is over"
        ]
    );
    let hamas_in_ankara = Filters {
        organizations: vec!["Hamas".into()],
        places: vec!["Ankara".into()],
        ..Filters::default()
    };
    assert_eq!(quotes(&index, "trade", hamas_in_ankara), ["Trade can wait"]);
    let nobody = Filters {
        persons: vec!["Nobody".into()],
        ..Filters::default()
    };
    assert!(quotes(&index, "trade", nobody).is_empty());
}

#[test]
fn article_fields_in_a_quote_query_are_the_articles() {
    let index = index();
    let none = Filters::default;
    assert_eq!(
        quotes(&index, "trade person:herzog", none()),
        ["Trade comes first", "Trade is over"]
    );
    assert_eq!(
        quotes(&index, "trade -person:herzog", none()),
        ["Trade can wait"]
    );
    assert_eq!(
        quotes(&index, "raid OR org:hamas", none()),
        ["The raid was legal", "Trade can wait", "Trade is over"]
    );
    assert_eq!(
        quotes(&index, "title:ankara author:jones", none()),
        ["The embassy reopens", "Trade comes first"]
    );
    assert_eq!(
        quotes(
            &index,
            "person:\"isaac herzog\" published:2010-05-31",
            none()
        ),
        ["The raid was legal", "Trade is over"]
    );
    // The speaker is the quote's own, not its article's.
    assert_eq!(quotes(&index, "speaker:erdogan", none()), ["Trade is over"]);
}

#[test]
fn date_filters_keep_the_quotes_of_matching_articles() {
    let index = index();
    let mentions_2010 = Filters {
        mentioned_since: Some("2010".into()),
        mentioned_until: Some("2010".into()),
        ..Filters::default()
    };
    assert_eq!(
        quotes(&index, "trade", mentions_2010),
        ["Trade comes first", "Trade is over"]
    );
    let published_2022 = Filters {
        published_since: Some("2022".into()),
        ..Filters::default()
    };
    assert_eq!(
        quotes(&index, "trade", published_2022),
        ["Trade can wait", "Trade comes first"]
    );
    let newest = QuoteOptions {
        sort: SortOrder::Newest,
        ..QuoteOptions::default()
    };
    let by_date: Vec<String> = index
        .quotes("trade", &newest)
        .unwrap()
        .quotes
        .into_iter()
        .map(|quote| quote.text)
        .collect();
    assert_eq!(
        by_date,
        ["Trade can wait", "Trade comes first", "Trade is over"]
    );
}

#[test]
fn speakers_count_the_quotes_of_matching_articles() {
    let index = index();
    let herzog = Filters {
        persons: vec!["Isaac Herzog".into()],
        ..Filters::default()
    };
    let speakers: Vec<(String, u64, u64)> = index
        .top_speakers("trade OR raid", &herzog, 10)
        .unwrap()
        .into_iter()
        .map(|count| (count.name, count.quotes, count.articles))
        .collect();
    assert_eq!(
        speakers,
        [
            ("Isaac Herzog".to_owned(), 2, 2),
            ("Recep Tayyip Erdogan".to_owned(), 1, 1)
        ]
    );
}

#[test]
fn section_search_looks_at_the_articles_title_and_filters() {
    let index = index();
    let search = |query: &str, filters: Filters| -> Vec<String> {
        let options = SearchOptions {
            section: Some("Background".into()),
            filters,
            sort: SortOrder::Oldest,
            ..SearchOptions::default()
        };
        let hits = index.search(query, &options).unwrap().hits;
        assert!(
            hits.iter()
                .all(|hit| hit.section.as_deref() == Some("Background"))
        );
        hits.into_iter().map(|hit| hit.id).collect()
    };
    // A word of the title, and a phrase of it, find the section.
    assert_eq!(search("gantz", Filters::default()), ["b"]);
    assert_eq!(search("\"in ankara\"", Filters::default()), ["a", "b"]);
    let hamas = Filters {
        organizations: vec!["Hamas".into()],
        ..Filters::default()
    };
    assert_eq!(search("trade", hamas), ["c", "b"]);
    let mentions_2023 = Filters {
        mentioned_since: Some("2023".into()),
        ..Filters::default()
    };
    assert_eq!(search("ankara", mentions_2023), ["b"]);
}

#[test]
fn a_hit_shows_its_quote_that_matches_an_article_field_query() {
    let index = index();
    let hits = index
        .search("embassy person:herzog", &SearchOptions::default())
        .unwrap()
        .hits;
    assert_eq!(hits.len(), 1);
    let quote = hits[0].quote.as_ref().expect("the matching quote");
    assert_eq!(quote.text, "The embassy reopens");
    assert_eq!(quote.speaker.as_deref(), Some("Isaac Herzog"));
}

#[test]
fn adding_an_article_again_replaces_its_quotes() {
    let index = index();
    let again = article(
        "a",
        "Herzog back home",
        "Emily Jones",
        "2022-03-11",
        &[],
        &[],
        &[("Trade resumes", "Isaac Herzog")],
    );
    index
        .add_articles(&[again], WriterOptions::default())
        .unwrap();
    let stats = index.stats().unwrap();
    assert_eq!((stats.articles, stats.quotes, stats.sections), (3, 4, 3));
    let herzog = Filters {
        persons: vec!["Herzog".into()],
        ..Filters::default()
    };
    assert_eq!(quotes(&index, "trade", herzog), ["Trade is over"]);
}

#[test]
fn article_filters_reach_quotes_in_other_segments() {
    // One segment per article, never merged: the ids of the articles
    // found in some segments are looked up in every segment's own column.
    let index = NewsIndex::create_in_ram();
    let unmerged = WriterOptions {
        memory_budget: 1,
        threads: 1,
    };
    for article in articles() {
        index.add_articles(&[article], unmerged).unwrap();
    }
    assert_eq!(index.stats().unwrap().segments, 3);
    let herzog = Filters {
        persons: vec!["Herzog".into()],
        ..Filters::default()
    };
    assert_eq!(
        quotes(&index, "trade", herzog),
        ["Trade comes first", "Trade is over"]
    );
    assert_eq!(
        quotes(&index, "trade -org:hamas", Filters::default()),
        ["Trade comes first"]
    );
}

#[test]
fn quotes_found_by_their_article_come_in_the_articles_order() {
    // The long title is indexed first: only its article's score puts the
    // short title's quotes ahead.
    let index = NewsIndex::create_in_ram();
    let long = article(
        "long",
        "Talks in Ankara and in Istanbul on trade, energy and the embassy",
        "Dan Smith",
        "2022-10-27",
        &[],
        &[],
        &[("Long title quote", "Benny Gantz")],
    );
    let short = article(
        "short",
        "Ankara",
        "Dan Smith",
        "2022-10-28",
        &[],
        &[],
        &[("Short title quote", "Isaac Herzog")],
    );
    index
        .add_articles(&[long, short], WriterOptions::default())
        .unwrap();
    let results = index
        .quotes("title:ankara", &QuoteOptions::default())
        .unwrap();
    let found: Vec<&str> = results.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(found, ["Short title quote", "Long title quote"]);
    assert!(results.quotes[0].score > results.quotes[1].score);
}
