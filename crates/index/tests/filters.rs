//! Entity and date filters, entity counts and timelines, on articles made
//! in the test (so that they do not depend on the extractors' quality).

use newsdex_index::{Filters, Granularity, NewsIndex, SearchOptions, SortOrder, WriterOptions};
use newsdex_ingest::{Article, EntityKind};
use serde_json::json;

fn article(
    id: &str,
    title: &str,
    published: Option<&str>,
    entities: &[(&str, &str)],
    dates: &[&str],
) -> Article {
    let text = format!("{title}. The talks went on about the ambassador.");
    let value = json!({
        "type": "article", "id": id, "path": format!("{id}.txt"), "format": "text",
        "encoding": "UTF-8", "title": title, "authors": [], "outlet": null, "dateline": null,
        "published": published, "sections": [], "text": text,
        "entities": entities.iter().map(|(name, kind)| json!({"name": name, "kind": kind, "mentions": []})).collect::<Vec<_>>(),
        "dates": dates.iter().map(|value| json!({"value": value, "start": 0, "end": 1})).collect::<Vec<_>>(),
        "quotes": [], "warnings": [],
    });
    serde_json::from_value(value).expect("a valid article")
}

fn index() -> NewsIndex {
    let index = NewsIndex::create_in_ram();
    let articles = [
        article(
            "a",
            "Herzog in Ankara",
            Some("2022-03-09"),
            &[
                ("Isaac Herzog", "person"),
                ("Recep Tayyip Erdogan", "person"),
                ("Ankara", "place"),
            ],
            &["2022-03-09", "2010"],
        ),
        article(
            "b",
            "Gantz in Ankara",
            Some("2022-10-27"),
            &[
                ("Benny Gantz", "person"),
                ("Recep Tayyip Erdogan", "person"),
                ("Hamas", "organization"),
            ],
            &["2023"],
        ),
        article(
            "c",
            "Flotilla raid",
            Some("2010-05-31"),
            &[
                ("Recep Tayyip Erdogan", "person"),
                ("Hamas", "organization"),
            ],
            &["2010-05-31"],
        ),
        article(
            "d",
            "Undated talks",
            None,
            &[("Hamas", "organization")],
            &[],
        ),
    ];
    index
        .add_articles(&articles, WriterOptions::default())
        .unwrap();
    index
}

fn ids(index: &NewsIndex, query: &str, filters: Filters) -> Vec<String> {
    let options = SearchOptions {
        filters,
        sort: SortOrder::Oldest,
        ..SearchOptions::default()
    };
    index
        .search(query, &options)
        .unwrap()
        .hits
        .into_iter()
        .map(|hit| hit.id)
        .collect()
}

#[test]
fn entity_filters_match_words_of_canonical_names() {
    let index = index();
    let erdogan = Filters {
        persons: vec!["Erdoğan".into()],
        ..Filters::default()
    };
    assert_eq!(ids(&index, "talks", erdogan), ["c", "a", "b"]);
    let herzog = Filters {
        persons: vec!["Isaac Herzog".into()],
        ..Filters::default()
    };
    assert_eq!(ids(&index, "ambassador", herzog), ["a"]);
    let both = Filters {
        organizations: vec!["hamas".into()],
        persons: vec!["gantz".into()],
        ..Filters::default()
    };
    assert_eq!(ids(&index, "*", both), ["b"]);
    let place = Filters {
        places: vec!["Ankara".into()],
        ..Filters::default()
    };
    assert_eq!(ids(&index, "*", place), ["a"]);
    assert_eq!(ids(&index, "person:herzog", Filters::default()), ["a"]);
    assert_eq!(
        ids(&index, "org:hamas AND place:ankara", Filters::default()),
        Vec::<String>::new()
    );
}

#[test]
fn date_filters_include_the_whole_period_named() {
    let index = index();
    let in_2022 = Filters {
        published_since: Some("2022".into()),
        published_until: Some("2022".into()),
        ..Filters::default()
    };
    assert_eq!(ids(&index, "*", in_2022), ["a", "b"]);
    let until_march = Filters {
        published_until: Some("2022-03".into()),
        ..Filters::default()
    };
    assert_eq!(ids(&index, "*", until_march), ["c", "a"]);
    let until_day_before = Filters {
        published_until: Some("2022-03-08".into()),
        ..Filters::default()
    };
    assert_eq!(ids(&index, "*", until_day_before), ["c"]);
    let mentions_2010 = Filters {
        mentioned_since: Some("2010".into()),
        mentioned_until: Some("2010".into()),
        ..Filters::default()
    };
    assert_eq!(ids(&index, "*", mentions_2010), ["c", "a"]);
    let bad = Filters {
        published_since: Some("March".into()),
        ..Filters::default()
    };
    assert!(
        index
            .search(
                "*",
                &SearchOptions {
                    filters: bad,
                    ..SearchOptions::default()
                }
            )
            .is_err()
    );
}

#[test]
fn top_entities_count_matching_articles() {
    let index = index();
    let top = index
        .top_entities("*", &Filters::default(), None, 3)
        .unwrap();
    let names: Vec<(&str, u64)> = top.iter().map(|e| (e.name.as_str(), e.articles)).collect();
    assert_eq!(
        names,
        [("Hamas", 3), ("Recep Tayyip Erdogan", 3), ("Ankara", 1)]
    );
    let with_hamas = Filters {
        organizations: vec!["Hamas".into()],
        ..Filters::default()
    };
    let people = index
        .top_entities("", &with_hamas, Some(EntityKind::Person), 10)
        .unwrap();
    let names: Vec<(&str, u64)> = people
        .iter()
        .map(|e| (e.name.as_str(), e.articles))
        .collect();
    assert_eq!(names, [("Recep Tayyip Erdogan", 2), ("Benny Gantz", 1)]);
}

#[test]
fn timeline_fills_empty_periods_and_counts_undated() {
    let index = index();
    let by_year = index.timeline("*", &Filters::default(), None).unwrap();
    assert_eq!(
        by_year.granularity,
        Granularity::Year,
        "2010 to 2022 is more than three years"
    );
    assert_eq!(by_year.buckets.len(), 13);
    assert_eq!(
        (
            by_year.buckets[0].period.as_str(),
            by_year.buckets[0].articles
        ),
        ("2010", 1)
    );
    assert_eq!(by_year.buckets[12].articles, 2);
    assert_eq!(by_year.undated, 1);
    let since_2022 = Filters {
        published_since: Some("2022".into()),
        ..Filters::default()
    };
    let by_month = index.timeline("*", &since_2022, None).unwrap();
    assert_eq!(by_month.granularity, Granularity::Month);
    let periods: Vec<&str> = by_month.buckets.iter().map(|b| b.period.as_str()).collect();
    assert_eq!(periods.first(), Some(&"2022-03"));
    assert_eq!(periods.last(), Some(&"2022-10"));
    assert_eq!(periods.len(), 8);
}

#[test]
fn adding_an_article_again_replaces_it() {
    let index = index();
    let again = article(
        "a",
        "Herzog back in Jerusalem",
        Some("2022-03-11"),
        &[],
        &[],
    );
    index
        .add_articles(&[again], WriterOptions::default())
        .unwrap();
    assert_eq!(index.stats().unwrap().articles, 4);
    assert_eq!(
        index.article("a").unwrap().title.as_deref(),
        Some("Herzog back in Jerusalem")
    );
}

/// Regression: a century ("19") once reached tantivy as year 19, whose
/// nanoseconds overflow an i64 and panicked the indexer.
#[test]
fn odd_date_values_are_skipped_not_fatal() {
    let index = NewsIndex::create_in_ram();
    let odd = article(
        "odd",
        "Odd dates",
        Some("0019"),
        &[],
        &[
            "19",
            "199X",
            "0019-01-01",
            "2022-W01",
            "PRESENT_REF",
            "9999-12-31",
            "2022-03-09T10:00",
        ],
    );
    index
        .add_articles(&[odd], WriterOptions::default())
        .unwrap();
    let march = Filters {
        mentioned_since: Some("2022-03-09".into()),
        mentioned_until: Some("2022-03-09".into()),
        ..Filters::default()
    };
    assert_eq!(ids(&index, "*", march), ["odd"]);
}

#[test]
fn german_articles_match_stemmed_and_folded_forms() {
    let index = NewsIndex::create_in_ram();
    let mut german = article("de", "Wahl in Österreich", Some("2016-12-04"), &[], &[]);
    german.text = "Die Regierungen Österreichs verhandelten lange.".to_owned();
    german.language = Some("de".to_owned());
    index
        .add_articles(&[german], WriterOptions::default())
        .unwrap();
    for query in [
        "Österreich",
        "Osterreich",
        "österreichs",
        "Regierung",
        "regierungen",
    ] {
        assert_eq!(ids(&index, query, Filters::default()), ["de"], "{query}");
    }
}
