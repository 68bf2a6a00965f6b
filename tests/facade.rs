//! The facade is enough for an embedding program: ingest, index, search, show.

use std::path::Path;

use newsdex::{
    IngestOptions, NewsIndex, NoProgress, SearchOptions, SortOrder, Source, UpdateOptions,
};

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

#[test]
fn index_the_bundled_corpus_and_search_it_through_the_facade() {
    let index = NewsIndex::create_in_ram();
    let summary = index
        .update(&[corpus()], &UpdateOptions::default(), &NoProgress)
        .unwrap();
    assert_eq!(summary.added, 122, "two seeds and 120 MEANTIME articles");
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);

    let results = index
        .search("Chrysler bankruptcy", &SearchOptions::default())
        .unwrap();
    assert!(
        results.total >= 3,
        "MEANTIME's GM corpus covers Chrysler's bankruptcy"
    );
    assert!(results.hits.iter().all(|hit| hit.path.contains("meantime")));

    let article = index.article(&results.hits[0].id).unwrap();
    assert!(article.text.to_lowercase().contains("chrysler"));
}

#[test]
fn meantime_articles_carry_their_publication_date_and_sort_by_it() {
    let index = NewsIndex::create_in_ram();
    index
        .update(
            &[corpus().join("meantime")],
            &UpdateOptions::default(),
            &NoProgress,
        )
        .unwrap();
    let options = SearchOptions {
        sort: SortOrder::Oldest,
        limit: 200,
        ..SearchOptions::default()
    };
    let hits = index.search("*", &options).unwrap().hits;
    assert_eq!(hits.len(), 120);
    let dates: Vec<&str> = hits
        .iter()
        .map(|hit| hit.published.as_deref().unwrap_or(""))
        .collect();
    assert!(
        dates.iter().all(|date| date.len() == 10),
        "every MEANTIME file states its date: {dates:?}"
    );
    assert!(
        dates.windows(2).all(|pair| pair[0] <= pair[1]),
        "sorted oldest first"
    );
}

#[test]
fn ingest_bytes_gives_the_article_and_its_contract_fields() {
    let bytes = std::fs::read(corpus().join("seeds/003_76b365919c3e08c6.txt")).unwrap();
    let articles =
        newsdex::ingest_bytes(&bytes, &Source::new("seed.txt"), &IngestOptions::default());
    assert_eq!(articles.len(), 1);
    let json = serde_json::to_value(&articles[0]).unwrap();
    assert_eq!(json["type"], "article");
    assert_eq!(
        json["title"],
        "Israel-Turkey Relaunch Defense, Security Ties"
    );
}
