//! Every format ingest reads, on small fixtures written for these tests
//! (`tests/fixtures/formats/`): format detection, the fields each format
//! maps to the article, record ids, languages, and robustness.

use std::path::Path;
use std::time::{Duration, Instant};

use newsdex_ingest::{
    Article, EntityKind, Format, IngestOptions, NO_ARTICLES, NOT_NEWS, Source, article_id, ingest,
    ingest_prepared, prepare,
};

fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// Ingests a fixture under its own name (the extension is a hint).
fn fixture(name: &str) -> Vec<Article> {
    ingest_named(&fixture_bytes(name), name)
}

fn ingest_named(bytes: &[u8], name: &str) -> Vec<Article> {
    ingest(bytes, &Source::new(name), &IngestOptions::default())
}

fn only(articles: Vec<Article>) -> Article {
    assert_eq!(articles.len(), 1, "expected one article, got {articles:#?}");
    articles.into_iter().next().expect("one article")
}

fn no_articles_reason(articles: &[Article]) -> Option<&str> {
    articles
        .iter()
        .flat_map(|article| &article.warnings)
        .find_map(|warning| warning.strip_prefix(NO_ARTICLES))
}

// ---------------------------------------------------------------- HTML

#[test]
fn formats_html_main_text_and_metadata() {
    let article = only(fixture("news_page.html"));
    assert_eq!(article.format, Format::Html);
    assert_eq!(article.encoding, "UTF-8");
    assert_eq!(
        article.title.as_deref(),
        Some("Harbour bridge reopens after two-year repair")
    );
    assert_eq!(article.authors, ["Maren Holt", "Tobias Grey"]);
    assert_eq!(article.outlet.as_deref(), Some("The Coastal Courier"));
    assert_eq!(article.published.as_deref(), Some("2024-05-13"));
    assert_eq!(article.language.as_deref(), Some("en"));
    assert!(
        article
            .text
            .starts_with("PORTHAVEN — Commuters crossed the old swing bridge")
    );
    assert!(
        article
            .text
            .ends_with("listed as a structure of historic interest.")
    );
    for boilerplate in [
        "cookies",
        "Subscribe",
        "Related stories",
        "newsletter",
        "All rights reserved",
        "Share on",
        "Photo:",
        "Sport",
    ] {
        assert!(
            !article.text.contains(boilerplate),
            "{boilerplate:?} left in: {}",
            article.text
        );
    }
    assert_eq!(
        article.text.matches("\n\n").count(),
        5,
        "six paragraphs: {}",
        article.text
    );
    let [section] = article.sections.as_slice() else {
        panic!("one section: {:?}", article.sections)
    };
    assert_eq!(section.heading, "Traffic limits stay for now");
    let section_text = &article.text[section.start..section.end];
    assert!(section_text.starts_with("Lorries over 7.5 tonnes"));
    assert!(section_text.ends_with("historic interest."));
}

#[test]
fn formats_html_declared_legacy_charset() {
    let article = only(fixture("news_page_windows1252.html"));
    assert_eq!(article.format, Format::Html);
    assert_eq!(article.encoding, "windows-1252");
    assert_eq!(
        article.title.as_deref(),
        Some("Le marché de Noël attire un public record")
    );
    assert_eq!(article.published.as_deref(), Some("2023-12-11"));
    assert_eq!(article.language.as_deref(), Some("fr"));
    assert!(
        article
            .text
            .starts_with("ANNECY — Plus de 80 000 visiteurs")
    );
    assert!(article.text.contains("« Nous avons vendu"));
    assert!(!article.text.contains("Accueil") && !article.text.contains("Copyright"));
    assert!(
        !article.text.contains("Élodie Vautier"),
        "the byline line is metadata: {}",
        article.text
    );
}

#[test]
fn formats_html_json_ld_graph_and_german() {
    let article = only(fixture("news_page_de.html"));
    assert_eq!(
        article.title.as_deref(),
        Some("Neue Bahnstrecke durch die Koralm eröffnet")
    );
    assert_eq!(article.authors, ["Lena Brunner"]);
    assert_eq!(article.outlet.as_deref(), Some("Alpenblick Online"));
    assert_eq!(article.published.as_deref(), Some("2025-12-14"));
    assert_eq!(article.language.as_deref(), Some("de"));
    assert!(
        article
            .text
            .starts_with("Graz/Klagenfurt – Nach fast einem Vierteljahrhundert")
    );
    assert!(article.text.contains("Süden Österreichs"));
    for boilerplate in [
        "Von Lena Brunner",
        "Meistgelesen",
        "bahnfan72",
        "Impressum",
        "Teilen",
        "Anmelden",
    ] {
        assert!(
            !article.text.contains(boilerplate),
            "{boilerplate:?} left in: {}",
            article.text
        );
    }
}

/// Runs `work` on a thread with the 2 MiB stack that test and rayon
/// threads get, and fails if it takes longer than `limit`.
fn on_small_stack<T: Send + 'static>(
    limit: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let started = Instant::now();
    let result = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(work)
        .expect("spawn")
        .join()
        .expect("no panic, no stack overflow");
    assert!(started.elapsed() < limit, "took {:?}", started.elapsed());
    result
}

fn nested_divs(depth: usize) -> String {
    let mut page = String::from("<!DOCTYPE html><html><body>");
    page.push_str(&"<div>".repeat(depth));
    page.push_str(
        "<p>The only paragraph of this page sits at the bottom of a very deep pile of divs.</p>",
    );
    page.push_str(&"</div>".repeat(depth));
    page.push_str("</body></html>");
    page
}

#[test]
fn formats_html_ten_thousand_nested_divs() {
    let articles = on_small_stack(Duration::from_secs(20), || {
        ingest_named(nested_divs(10_000).as_bytes(), "deep.html")
    });
    let article = only(articles);
    assert_eq!(article.format, Format::Html);
    assert!(
        article.text.contains("very deep pile of divs"),
        "{article:#?}"
    );
    assert!(
        article
            .warnings
            .iter()
            .any(|warning| warning.contains("nested more than 200 deep"))
    );
}

#[test]
fn formats_html_hundred_thousand_divs_behind_end_tags_that_close_nothing() {
    // `</span>` closes nothing, so the parser nests every `<div>` in the
    // one before: counting tags would see a flat page.
    let mut page = String::from("<!DOCTYPE html><html><body>");
    page.push_str(&"<div></span>".repeat(100_000));
    page.push_str("<p>The walrus paragraph sits under a hundred thousand divs.</p>");
    page.push_str("</body></html>");
    let articles = on_small_stack(Duration::from_secs(20), move || {
        ingest_named(page.as_bytes(), "deep.html")
    });
    let article = only(articles);
    assert!(article.text.contains("walrus paragraph"), "{article:#?}");
    assert!(
        article
            .warnings
            .iter()
            .any(|warning| warning.contains("nested more than 200 deep")),
        "{:?}",
        article.warnings
    );
}

#[test]
fn formats_html_nested_just_under_the_limit() {
    let articles = on_small_stack(Duration::from_secs(20), || {
        ingest_named(nested_divs(190).as_bytes(), "deep.html")
    });
    assert!(only(articles).text.contains("very deep pile of divs"));
}

#[test]
fn formats_html_unclosed_tags_and_no_article() {
    let page = "<html><body><p>Only <b>one short line";
    let article = only(ingest_named(page.as_bytes(), "short.html"));
    assert_eq!(article.format, Format::Html);
    assert_eq!(article.text, "Only one short line");
}

// ---------------------------------------------------------------- JSON

#[test]
fn formats_json_lines_from_a_scraper() {
    let articles = fixture("scraper.jsonl");
    assert_eq!(articles.len(), 3, "{articles:#?}");
    assert!(
        articles
            .iter()
            .all(|article| article.format == Format::Json)
    );
    let first = &articles[0];
    assert_eq!(
        first.title.as_deref(),
        Some("Ferry operator adds winter sailings")
    );
    assert_eq!(first.authors, ["Priya Natarajan"]);
    assert_eq!(first.outlet.as_deref(), Some("islandtimes.example"));
    assert_eq!(first.published.as_deref(), Some("2023-10-03"));
    assert_eq!(
        first.url.as_deref(),
        Some("https://islandtimes.example/ferry-winter")
    );
    assert_eq!(first.language.as_deref(), Some("en"));
    assert_eq!(
        first.text,
        "The island ferry will run twice a day through the winter, the operator said on Tuesday.\n\n\
         It is the first time since 2019 that the route has kept a second boat in service after October."
    );
    assert_eq!(articles[1].authors, ["Tom Reyes", "Ada Kovač"]);
    assert_eq!(articles[2].authors, ["Lena Brunner", "Tom Reyes"]);
    assert_eq!(articles[2].published.as_deref(), Some("2023-10-09"));
    // The broken line and the unknown object are warnings; the others are read.
    assert!(
        first
            .warnings
            .iter()
            .any(|warning| warning.starts_with("line 3: not valid JSON"))
    );
    assert!(
        first
            .warnings
            .iter()
            .any(|warning| warning.starts_with("line 4:") && warning.contains("caption, score"))
    );
    // Ids are made from the path and each record's own id.
    assert_eq!(first.id, article_id("scraper.jsonl", Some("it-1001")));
    assert_eq!(articles[2].id, article_id("scraper.jsonl", Some("it-1003")));
}

#[test]
fn formats_json_single_schema_org_article() {
    let article = only(fixture("article.json"));
    assert_eq!(article.format, Format::Json);
    assert_eq!(article.id, article_id("article.json", None));
    assert_eq!(
        article.title.as_deref(),
        Some("Council approves new cycle lanes")
    );
    assert_eq!(article.authors, ["Ingrid Solberg"]);
    assert_eq!(article.outlet.as_deref(), Some("Porthaven Post"));
    assert_eq!(article.published.as_deref(), Some("2024-02-15"));
    assert_eq!(article.text.matches("\n\n").count(), 1);
}

#[test]
fn formats_json_wrapped_array() {
    let articles = fixture("newsapi.json");
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].outlet.as_deref(), Some("Valley Herald"));
    assert_eq!(articles[0].published.as_deref(), Some("2024-03-01"));
    assert!(
        articles[0].text.contains("found no new cracks"),
        "content is preferred to description"
    );
    assert_eq!(
        articles[1].text, "The B4120 will be closed at night for two weeks.",
        "description when no content"
    );
    assert_eq!(
        articles[1].id,
        article_id("newsapi.json", Some("https://herald.example/road"))
    );
}

#[test]
fn formats_json_unknown_shape_names_the_fields() {
    let articles = fixture("unknown.json");
    let article = only(articles.clone());
    assert!(article.text.is_empty() && article.title.is_none());
    let reason = no_articles_reason(&articles).expect("a no-articles warning");
    assert!(
        reason.contains("fields found: reading, sensor, unit"),
        "{reason}"
    );
}

#[test]
fn formats_json_broken_document() {
    let articles = ingest_named(b"{\"title\": \"Cut off", "broken.json");
    let reason = no_articles_reason(&articles).expect("a no-articles warning");
    assert!(reason.contains("not valid JSON"), "{reason}");
}

// ---------------------------------------------------------------- SGML

#[test]
fn formats_sgml_reuters_records() {
    let articles = fixture("wire.sgm");
    assert_eq!(articles.len(), 4);
    assert!(
        articles
            .iter()
            .all(|article| article.format == Format::Sgml)
    );
    let ids: Vec<String> = ["NEWID 101", "NEWID 102", "NEWID 103", "NEWID 104"]
        .iter()
        .map(|record| article_id("wire.sgm", Some(record)))
        .collect();
    assert_eq!(
        articles
            .iter()
            .map(|article| article.id.clone())
            .collect::<Vec<_>>(),
        ids
    );

    let full = &articles[0];
    assert_eq!(
        full.title.as_deref(),
        Some("CANADA AND WEST GERMANY TO HOLD GRAIN TALKS <CWG>")
    );
    assert_eq!(full.published.as_deref(), Some("1987-03-03"));
    assert_eq!(full.dateline.as_deref(), Some("OTTAWA"));
    assert_eq!(full.authors, ["Marie Lefebvre"]);
    assert_eq!(full.outlet.as_deref(), Some("Reuters"));
    assert_eq!(full.topics, ["grain", "wheat"]);
    assert_eq!(
        full.text,
        "Canada and West Germany will hold talks on wheat sales next month, officials said, in the first such \
         meeting since prices fell last year.\n\nHans Becker, who leads the German side, said both countries \
         wanted \"a stable market & fair rules.\"\n\nThe EC is not taking part in the talks."
    );
    let entity = |name: &str| {
        full.entities
            .iter()
            .find(|entity| entity.name == name)
            .expect(name)
    };
    assert_eq!(entity("canada").kind, EntityKind::Place);
    assert_eq!(entity("west-germany").mentions, [[11, 23]]);
    assert_eq!(&full.text[11..23], "West Germany");
    assert_eq!(entity("hans-becker").kind, EntityKind::Person);
    assert_eq!(entity("ec").kind, EntityKind::Organization);
    assert!(
        full.warnings
            .iter()
            .any(|warning| warning.contains("not closed")),
        "truncated record reported"
    );

    let brief = &articles[1];
    assert_eq!(brief.title.as_deref(), Some("SMALLTOWN BANK SETS DIVIDEND"));
    assert!(
        brief.text.is_empty(),
        "a BRIEF record has no body: {:?}",
        brief.text
    );
    assert_eq!(brief.entities[0].name, "usa");
    assert!(brief.entities[0].mentions.is_empty());

    let unprocessed = &articles[2];
    assert_eq!(unprocessed.title, None);
    assert_eq!(
        unprocessed.text,
        "Shipping rates on the Great Lakes rose this week as ice cleared earlier than usual, brokers said."
    );
    assert_eq!(articles[3].text, "The file ends in the middle of this");
}

#[test]
fn formats_sgml_truncated_anywhere_does_not_panic() {
    let bytes = fixture_bytes("wire.sgm");
    for end in (0..bytes.len()).step_by(7) {
        let articles = ingest_named(&bytes[..end], "wire.sgm");
        assert!(!articles.is_empty());
    }
}

// ---------------------------------------------------------------- TimeML

#[test]
fn formats_timeml_text_and_creation_time() {
    let article = only(fixture("story.tml"));
    assert_eq!(article.format, Format::Timeml);
    assert_eq!(article.published.as_deref(), Some("1999-04-12"));
    assert_eq!(
        article.title.as_deref(),
        Some("Fishing fleet returns early as storm nears")
    );
    assert_eq!(article.dateline.as_deref(), Some("HALIFAX"));
    assert_eq!(article.outlet.as_deref(), Some("XYZ"));
    assert_eq!(
        article.text,
        "Most of the port's fishing boats returned Monday, two days ahead of schedule, as forecasters warned of \
         gale-force winds.\n\n\"We decided not to take the risk,\" a captain said & went home."
    );
    // The gold TIMEX3 tags are not copied into the article; the date
    // extractor finds "Monday" itself and resolves it against the DCT.
    let dates: Vec<(&str, &str)> = article
        .dates
        .iter()
        .map(|date| (&article.text[date.start..date.end], date.value.as_str()))
        .collect();
    assert_eq!(dates, [("Monday", "1999-04-12")]);
}

// ---------------------------------------------------------------- CSV / TSV

#[test]
fn formats_csv_headerless_like_ag_news() {
    let articles = fixture("headlines.csv");
    assert_eq!(articles.len(), 3);
    assert!(articles.iter().all(|article| article.format == Format::Csv));
    assert_eq!(
        articles[0].title.as_deref(),
        Some("Riverside team wins cup final")
    );
    assert_eq!(
        articles[0].text,
        "The home side won 2-1 in extra time, it's their first title since 1994."
    );
    assert!(articles[1].text.ends_with("the cost of energy $40m."));
    assert!(
        articles[0].topics.is_empty(),
        "numeric class labels are not topics"
    );
    assert_eq!(articles[2].id, article_id("headlines.csv", Some("row 3")));
}

#[test]
fn formats_csv_header_crlf_and_multiline_fields() {
    let articles = fixture("headed.csv");
    assert_eq!(articles.len(), 2);
    assert_eq!(
        articles[0].title.as_deref(),
        Some("Bakery wins national award")
    );
    assert_eq!(
        articles[0].text,
        "The family bakery, open since 1952, was named the best in the country.\n\nIts owners plan to keep \
         prices as they are."
    );
    assert_eq!(articles[0].published.as_deref(), Some("2024-06-01"));
    assert_eq!(articles[0].authors, ["Ada Kovač"]);
    assert_eq!(articles[0].url.as_deref(), Some("https://x.example/1"));
    assert_eq!(articles[1].authors, ["Tom Reyes", "Sam Okafor"]);
}

#[test]
fn formats_csv_semicolons_and_apostrophes_like_10kgnad() {
    let articles = fixture("german.csv");
    assert_eq!(articles.len(), 3);
    assert!(
        articles
            .iter()
            .all(|article| article.language.as_deref() == Some("de"))
    );
    assert_eq!(articles[0].topics, ["Inland"]);
    assert_eq!(
        articles[0].text,
        "In Österreich steigen die Mieten weiter. Die Arbeiterkammer fordert eine Begrenzung, die Regierung \
         verweist auf den 'Wohnbaufonds'."
    );
    assert_eq!(articles[2].topics, ["Wirtschaft"]);
}

#[test]
fn formats_tsv_with_ids() {
    let articles = fixture("table.tsv");
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].title.as_deref(), Some("Wind farm approved"));
    assert_eq!(
        articles[0].text,
        "The planning board approved twelve turbines off the coast."
    );
    assert_eq!(articles[0].published.as_deref(), Some("2022-11-30"));
    assert_eq!(articles[1].id, article_id("table.tsv", Some("8")));
}

#[test]
fn formats_csv_with_a_header_of_other_columns_is_not_news() {
    // A table of annotations, as corpora ship beside their articles.
    let table = "#ID\tTYPE\tCLASS\nA1\tENTITY\tORG\nA2\tEVENT\tOTHER\n";
    let articles = ingest_named(table.as_bytes(), "instances.csv");
    let article = only(articles);
    let what = article
        .warnings
        .iter()
        .find_map(|warning| warning.strip_prefix(NOT_NEWS))
        .expect("a not-news warning");
    assert!(what.contains("its columns: #ID, TYPE, CLASS"), "{what}");
    assert!(
        no_articles_reason(std::slice::from_ref(&article)).is_none(),
        "not a failure"
    );
}

#[test]
fn formats_table_of_corpus_files_is_not_news() {
    let table = "file\tdoc_id\tdate\theadline\ncorpus_a/1.txt\t1\t2009-05-14\tCarmaker cuts dealers\n\
                 corpus_a/2.txt\t2\t2009-05-15\tBank sells stake\n";
    let articles = ingest_named(table.as_bytes(), "SOURCES.tsv");
    let article = only(articles);
    assert!(article.text.is_empty() && article.title.is_none());
    assert!(
        article
            .warnings
            .iter()
            .any(|warning| warning.starts_with(NOT_NEWS)),
        "{article:#?}"
    );
    assert!(
        no_articles_reason(std::slice::from_ref(&article)).is_none(),
        "not a failure"
    );
    // The same headlines without the file column are a table of articles.
    let headlines =
        "date\theadline\n2009-05-14\tCarmaker cuts dealers\n2009-05-15\tBank sells stake\n";
    let articles = ingest_named(headlines.as_bytes(), "headlines.tsv");
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[1].title.as_deref(), Some("Bank sells stake"));
    assert_eq!(articles[1].published.as_deref(), Some("2009-05-15"));
}

// ---------------------------------------------------------------- feeds

#[test]
fn formats_rss_feed_items() {
    let articles = fixture("feed.rss");
    assert_eq!(articles.len(), 2);
    assert!(articles.iter().all(|article| article.format == Format::Xml));
    assert_eq!(
        articles[0].title.as_deref(),
        Some("Lifeboat crew rescues two kayakers")
    );
    assert_eq!(articles[0].published.as_deref(), Some("2024-05-18"));
    assert_eq!(articles[0].authors, ["Maren Holt"]);
    assert_eq!(articles[0].topics, ["News"]);
    assert_eq!(
        articles[0].text,
        "The volunteer crew was called out at 2pm after the pair were swept past the harbour wall.\n\nBoth were \
         unhurt."
    );
    assert_eq!(
        articles[1].text,
        "More than 300 people joined the spring beach clean on Sunday."
    );
    assert_eq!(
        articles[1].id,
        article_id("feed.rss", Some("https://courier.example/news/beach"))
    );
}

// ---------------------------------------------------------------- detection

#[test]
fn formats_detected_from_content_not_extension() {
    let cases: [(&str, &[u8], Format); 7] = [
        ("saved.txt", &fixture_bytes("news_page.html"), Format::Html),
        ("dump.txt", &fixture_bytes("scraper.jsonl"), Format::Json),
        ("wire.txt", &fixture_bytes("wire.sgm"), Format::Sgml),
        ("story.xml", &fixture_bytes("story.tml"), Format::Timeml),
        (
            "headlines.txt",
            &fixture_bytes("headlines.csv"),
            Format::Csv,
        ),
        (
            "page.csv",
            &fixture_bytes("news_page_de.html"),
            Format::Html,
        ),
        (
            "plain.json",
            b"Just a headline\n\nAnd a paragraph of text.\n",
            Format::Text,
        ),
    ];
    for (name, bytes, format) in cases {
        let articles = ingest_named(bytes, name);
        assert!(
            articles.iter().all(|article| article.format == format),
            "{name}: {articles:#?}"
        );
    }
    assert_eq!(prepare(&fixture_bytes("wire.sgm")).format, Format::Sgml);
    assert_eq!(prepare(b"Plain text.\n").format, Format::Text);
}

/// Prose whose every line splits into two comma fields under a headline
/// with a comma once passed for a headed table: each paragraph became an
/// article, or the file was skipped as not news.
#[test]
fn formats_prose_with_a_comma_in_every_line_is_text() {
    let articles = [
        "Argentina, Venezuela sign oil deal\n\n\
         Argentina and Venezuela have signed an energy pact, officials in Buenos Aires said on Wednesday.\n\n\
         Under the agreement, Venezuela will ship fuel oil to Argentina in return for beef and farm machinery.\n\n\
         The deal was signed in Caracas by President Nestor Kirchner and his host, Hugo Chavez.\n\n\
         Analysts said the pact was part of a wider drive to bind the economies of South America together, with \
         more deals due next year.\n",
        "Holmes wins 5,000m title in Birmingham\n\n\
         Kelly Holmes won the 5,000m at the indoor championships in Birmingham on Sunday.\n\n\
         \"I am delighted,\" said the double Olympic champion after the race.\n\n\
         She led from the bell and beat Jo Pavey by two seconds, with Hayley Tullett third.\n\n\
         Holmes will now decide whether to run in the European Indoor Championships in Madrid, her coach said.\n",
    ];
    for text in articles {
        assert_eq!(prepare(text.as_bytes()).format, Format::Text, "{text}");
        let article = only(ingest_named(text.as_bytes(), "article.txt"));
        assert_eq!(article.format, Format::Text);
        assert_eq!(article.title.as_deref(), text.lines().next());
        assert!(article.text.contains("said"), "{article:#?}");
    }
}

#[test]
fn formats_extension_decides_when_content_is_plain() {
    // Two rows are too few to call a table from content alone; `.csv` says it is one.
    let table = "title,text\nRates held,The central bank kept rates where they were.\n";
    assert_eq!(prepare(table.as_bytes()).format, Format::Text);
    let article = only(ingest_named(table.as_bytes(), "rates.csv"));
    assert_eq!(article.format, Format::Csv);
    assert_eq!(article.title.as_deref(), Some("Rates held"));
    // A `.tsv` keeps its tabs through `prepare`.
    let tsv = "title\ttext\nRates held\tThe central bank kept rates.\n";
    let article = only(ingest_prepared(
        prepare(tsv.as_bytes()),
        &Source::new("rates.tsv"),
        &IngestOptions::default(),
    ));
    assert_eq!(article.title.as_deref(), Some("Rates held"));
}

// ---------------------------------------------------------------- ids, robustness

#[test]
fn formats_record_ids_are_stable_and_distinct() {
    for name in [
        "scraper.jsonl",
        "wire.sgm",
        "headlines.csv",
        "german.csv",
        "table.tsv",
        "feed.rss",
        "newsapi.json",
    ] {
        let bytes = fixture_bytes(name);
        let source = Source {
            path: name,
            id_key: "/archive/canonical/path",
        };
        let first: Vec<String> = ingest(&bytes, &source, &IngestOptions::default())
            .into_iter()
            .map(|article| article.id)
            .collect();
        let again: Vec<String> = ingest(&bytes, &source, &IngestOptions::default())
            .into_iter()
            .map(|article| article.id)
            .collect();
        assert_eq!(first, again, "{name}");
        let unique: std::collections::HashSet<&String> = first.iter().collect();
        assert_eq!(unique.len(), first.len(), "{name}: ids are distinct");
        assert!(
            !first.contains(&article_id("/archive/canonical/path", None)),
            "{name}: records have their own ids"
        );
    }
}

#[test]
fn formats_published_option_overrides_every_format() {
    let options = IngestOptions {
        published: Some("2001-09".to_owned()),
        ..IngestOptions::default()
    };
    for name in [
        "news_page.html",
        "scraper.jsonl",
        "wire.sgm",
        "story.tml",
        "headed.csv",
        "feed.rss",
    ] {
        for article in ingest(&fixture_bytes(name), &Source::new(name), &options) {
            assert_eq!(article.published.as_deref(), Some("2001-09"), "{name}");
        }
    }
}

#[test]
fn formats_never_panic_on_odd_bytes() {
    let inputs: [&[u8]; 16] = [
        b"",
        b"<",
        b"<<<>>>",
        b"<REUTERS",
        b"<REUTERS NEWID=\"1\"><TEXT><BODY>",
        b"<TimeML><DCT><TIMEX3 value=\"",
        b"<html><head><meta charset=\"",
        b"{",
        b"[1, 2, 3]",
        b"\"just a string\"",
        b"{\"title\": null, \"text\": 5}",
        b"\"a\",\"b\n",
        b";;;\n;;;\n;;;\n",
        b"\xff\xfe\x00\x00\x00",
        b"<?xml version=\"1.0\"?><unknown/>",
        b"<rss><channel><item><title>",
    ];
    for input in inputs {
        for name in [
            "x.txt", "x.html", "x.json", "x.sgm", "x.tml", "x.csv", "x.tsv", "x.xml", "x",
        ] {
            let articles = ingest_named(input, name);
            assert!(!articles.is_empty(), "{name} {input:?}");
            for article in &articles {
                for section in &article.sections {
                    assert!(
                        article.text.is_char_boundary(section.start)
                            && article.text.is_char_boundary(section.end)
                    );
                }
            }
        }
    }
}

#[test]
fn formats_json_contract_has_the_new_fields() {
    let article = only(fixture("article.json"));
    let json = serde_json::to_value(&article).expect("serialises");
    assert_eq!(json["format"], "json");
    assert_eq!(json["language"], "en");
    assert!(json["topics"].is_array());
    assert!(json.get("url").is_some());
    // JSON written before these fields existed still reads.
    let mut old = json.clone();
    for field in ["language", "url", "topics"] {
        old.as_object_mut().expect("object").remove(field);
    }
    let read: Article = serde_json::from_value(old).expect("old JSON reads");
    assert_eq!(read.language, None);
    for format in ["text", "html", "json", "sgml", "timeml", "csv", "xml"] {
        let parsed: Format = serde_json::from_value(serde_json::Value::from(format)).expect(format);
        assert_eq!(parsed.as_str(), format);
    }
}

// ---------------------------------------------------------------- limits

/// Fails unless every offset of `article` is a character boundary inside
/// its text.
#[track_caller]
fn assert_offsets_inside(article: &Article) {
    let text = &article.text;
    let inside = |start: usize, end: usize| {
        start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
    };
    for section in &article.sections {
        assert!(inside(section.start, section.end), "{section:?}");
    }
    for entity in &article.entities {
        for &[start, end] in &entity.mentions {
            assert!(inside(start, end), "{entity:?}");
        }
    }
    for date in &article.dates {
        assert!(inside(date.start, date.end), "{date:?}");
    }
    for quote in &article.quotes {
        assert!(inside(quote.start, quote.end), "{quote:?}");
        if let Some([start, end]) = quote.speaker_mention {
            assert!(inside(start, end), "{quote:?}");
        }
    }
}

#[test]
fn formats_long_articles_are_cut_at_a_paragraph_with_offsets_inside() {
    const MAX: usize = 3_000;
    let paragraph = "“Türkiye will not yield,” said Recep Tayyip Erdoğan in Ankara on \
                     9 March 2022, as Canada’s envoy looked on. Prices in the café rose.";
    let paragraphs = vec![paragraph; 60];
    let json_body = paragraphs.join("\\n\\n");
    let html_body: String = paragraphs
        .iter()
        .enumerate()
        .map(|(number, paragraph)| {
            let heading = if number % 10 == 0 {
                format!("<h2>Part {number}</h2>")
            } else {
                String::new()
            };
            format!("{heading}<p>{paragraph}</p>")
        })
        .collect();
    let files = [
        (
            "long.txt",
            format!("Erdoğan speaks\n\n{}\n", paragraphs.join("\n\n")),
        ),
        (
            "long.jsonl",
            format!("{{\"title\": \"Erdoğan speaks\", \"maintext\": \"{json_body}\"}}\n"),
        ),
        (
            "long.sgm",
            format!(
                "<REUTERS NEWID=\"1\"><PLACES><D>canada</D></PLACES><TEXT><TITLE>ERDOGAN SPEAKS</TITLE>\
                 <BODY>{}</BODY></TEXT></REUTERS>",
                paragraphs.join("\n    ")
            ),
        ),
        (
            "long.html",
            format!(
                "<!DOCTYPE html><html><head><title>Erdoğan speaks</title></head><body>\
                 <article><h1>Erdoğan speaks</h1>{html_body}</article></body></html>"
            ),
        ),
    ];
    let options = IngestOptions {
        max_article_bytes: MAX,
        ..IngestOptions::default()
    };
    for (name, content) in files {
        let article = only(ingest(content.as_bytes(), &Source::new(name), &options));
        assert!(content.len() > 2 * MAX, "{name} is long enough to be cut");
        assert!(article.text.len() <= MAX, "{name}: {}", article.text.len());
        assert!(
            article.text.len() > MAX / 2,
            "{name} keeps most of what fits: {}",
            article.text.len()
        );
        assert!(
            article.text.ends_with("Prices in the café rose."),
            "{name} is cut at the end of a paragraph: {:?}",
            &article.text[article.text.len().saturating_sub(80)..]
        );
        let warning = article
            .warnings
            .iter()
            .find(|warning| warning.starts_with("text cut at the end of a paragraph"));
        assert!(warning.is_some(), "{name}: {:?}", article.warnings);
        assert!(
            !article.quotes.is_empty() && !article.dates.is_empty(),
            "{name}"
        );
        assert_offsets_inside(&article);
        if name == "long.html" {
            assert!(!article.sections.is_empty(), "{name}");
        }
        if name == "long.sgm" {
            let canada = article
                .entities
                .iter()
                .find(|entity| entity.name == "canada")
                .expect("the file's place, named as the file names it");
            assert!(!canada.mentions.is_empty(), "{canada:?}");
        }
    }
}

#[test]
fn formats_one_endless_line_is_cut_at_a_word_before_it_is_parsed() {
    let line = "The walrus colony grew again this year. ".repeat(200_000);
    let options = IngestOptions {
        max_article_bytes: 10_000,
        ..IngestOptions::default()
    };
    let started = Instant::now();
    let article = only(ingest(line.as_bytes(), &Source::new("line.txt"), &options));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert!(article.text.len() <= 10_000 && article.text.len() > 7_000);
    assert!(line.starts_with(&article.text));
    assert_eq!(
        line.as_bytes()[article.text.len()],
        b' ',
        "cut after a word"
    );
    // The line's last space is gone once the text is normalised.
    let expected = format!(
        "text cut at the end of a word to stay within the limit of 10000 bytes per article: {} bytes of text",
        line.len() - 1
    );
    assert!(
        article
            .warnings
            .iter()
            .any(|warning| warning.starts_with(&expected)),
        "{:?}",
        article.warnings
    );
}
