//! Golden tests on the bundled corpus (`corpus/` at the project root): the
//! two scraped seed pages, and the 120 MEANTIME-derived articles, whose
//! headlines and dates are listed in `corpus/meantime/SOURCES.tsv`.
//!
//! Each seed test prints what was kept and what was dropped, so that
//! `cargo test --test seeds -- --nocapture` shows the boilerplate decisions.

use std::path::{Path, PathBuf};

use newsdex_ingest::{Article, IngestOptions, LineKind, Source, classify_lines, ingest, normalize};

/// The project's `corpus/` directory.
fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Reads a corpus file; the bundled corpus is part of the repository, so a
/// missing file is a broken checkout.
fn read_corpus_file(relative: &str) -> Vec<u8> {
    let path = corpus_dir().join(relative);
    std::fs::read(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// Ingests a seed page and prints the kept and dropped lines.
fn ingest_seed(name: &str) -> Article {
    let bytes = read_corpus_file(&format!("seeds/{name}"));
    let text = normalize(&newsdex_ingest::decode(&bytes).text);
    for verdict in classify_lines(&text, None) {
        match verdict.kind {
            LineKind::Blank => {}
            LineKind::Content => println!("KEEP    {:.90}", verdict.text),
            LineKind::Boilerplate(reason) => println!("DROP {reason:>14}: {:.90}", verdict.text),
        }
    }
    let mut articles = ingest(&bytes, &Source::new(name), &IngestOptions::default());
    assert_eq!(articles.len(), 1, "a text file is one article");
    let article = articles.remove(0);
    println!("{article:#?}");
    check_offsets(&article);
    article
}

/// Every section range lies in the body, on character boundaries.
fn check_offsets(article: &Article) {
    for section in &article.sections {
        assert!(section.start <= section.end, "{section:?} is reversed");
        assert!(
            section.end <= article.text.len(),
            "{section:?} ends after the body"
        );
        assert!(
            article.text.is_char_boundary(section.start),
            "{section:?} starts inside a character"
        );
        assert!(
            article.text.is_char_boundary(section.end),
            "{section:?} ends inside a character"
        );
    }
}

/// The text of the section headed `heading`.
fn section_text<'a>(article: &'a Article, heading: &str) -> &'a str {
    let section = article
        .sections
        .iter()
        .find(|section| section.heading == heading)
        .unwrap_or_else(|| panic!("no section {heading:?} in {:?}", article.sections));
    &article.text[section.start..section.end]
}

/// Boilerplate of the seeds that must not reach the body.
const SEED_BOILERPLATE: &[&str] = &[
    "Share This article",
    "Skip to main content",
    "About The Author",
    "multi-media journalist",
    "Image copyright",
    "Articles on this story",
    "Sign up to our daily newsletter",
];

#[test]
fn seed_000_herzog_visit() {
    let article = ingest_seed("000_3894bdc2c283492e.txt");
    assert_eq!(
        article.title.as_deref(),
        Some("Israel, Turkey Vow to Mend Broken Ties in Historic Visit")
    );
    assert_eq!(article.authors, ["Emily Jones"]);
    assert_eq!(article.outlet.as_deref(), Some("CBN News"));
    assert_eq!(article.dateline.as_deref(), Some("JERUSALEM, Israel"));
    assert_eq!(article.published, None);
    assert!(
        article.sections.is_empty(),
        "no sections: {:?}",
        article.sections
    );
    for boilerplate in SEED_BOILERPLATE {
        assert!(
            !article.text.contains(boilerplate),
            "{boilerplate:?} is in the body"
        );
    }
    assert!(
        !article
            .text
            .contains(article.title.as_deref().unwrap_or("-")),
        "the title is in the body"
    );
    // The dateline stays in the body; the article's real paragraphs are all there.
    assert!(
        article
            .text
            .starts_with("JERUSALEM, Israel – Israel and Turkey on Wednesday vowed")
    );
    for sentence in [
        "Erdogan lauded his talks",
        "Israel is troubled by Turkey’s embrace of the Hamas terror group",
        "the Times of Israel reported.",
        "On Thursday, Herzog is expected to travel to Istanbul",
    ] {
        assert!(
            article.text.contains(sentence),
            "{sentence:?} is missing from the body"
        );
    }
    assert_eq!(
        article.text.split("\n\n").count(),
        15,
        "paragraphs of the article"
    );
    assert!(article.text.ends_with("Turkey’s Jewish community."));
    assert!(
        article
            .warnings
            .iter()
            .any(|warning| warning.starts_with("removed 5 boilerplate lines")),
        "{:?}",
        article.warnings
    );
}

#[test]
fn seed_003_defense_ties() {
    let article = ingest_seed("003_76b365919c3e08c6.txt");
    assert_eq!(
        article.title.as_deref(),
        Some("Israel-Turkey Relaunch Defense, Security Ties")
    );
    assert_eq!(article.published, None);
    assert!(article.authors.is_empty());
    assert_eq!(article.dateline, None);
    let headings: Vec<&str> = article
        .sections
        .iter()
        .map(|section| section.heading.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "The Facts",
            "The Spin",
            "Narrative A",
            "Narrative B",
            "Narrative C",
            "Cynical narrative"
        ]
    );
    for boilerplate in SEED_BOILERPLATE {
        assert!(
            !article.text.contains(boilerplate),
            "{boilerplate:?} is in the body"
        );
    }
    // Headings are reported in `sections`, not repeated in the body.
    for heading in &headings {
        assert!(
            !article.text.contains(&format!("{heading}\n")),
            "heading {heading:?} is in the body"
        );
    }
    // The bullets of "The Facts" are paragraphs without their bullet.
    let facts = section_text(&article, "The Facts");
    assert!(
        facts.starts_with("Israeli Defense Minister Benny Gantz"),
        "{facts:?}"
    );
    assert!(facts.ends_with("consuls general."), "{facts:?}");
    assert_eq!(facts.split("\n\n").count(), 2);
    assert!(!article.text.contains('•'));
    // "The Spin" has no text of its own: it spans the four narratives.
    let spin = section_text(&article, "The Spin");
    assert!(spin.starts_with("Restoring defense ties"), "{spin:?}");
    assert!(spin.ends_with("win public sentiment."), "{spin:?}");
    assert!(section_text(&article, "Narrative A").starts_with("Restoring defense ties"));
    assert!(section_text(&article, "Narrative B").starts_with("This may benefit both nations"));
    assert!(
        section_text(&article, "Narrative C")
            .contains("Erdoğan will need to secure serious concessions")
    );
    assert!(
        section_text(&article, "Cynical narrative")
            .starts_with("Israeli-Turkish relations became strained")
    );
    assert!(
        article.text.ends_with("win public sentiment."),
        "{:?}",
        article.text
    );
}

/// One row of `corpus/meantime/SOURCES.tsv`.
struct MeantimeSource {
    file: String,
    date: String,
    headline: String,
}

#[test]
fn meantime_titles_and_dates() {
    let sources_path = corpus_dir().join("meantime/SOURCES.tsv");
    let sources = std::fs::read_to_string(&sources_path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", sources_path.display()));
    let rows: Vec<MeantimeSource> = sources
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            Some(MeantimeSource {
                file: (*fields.first()?).to_owned(),
                date: (*fields.get(2)?).to_owned(),
                headline: (*fields.get(4)?).to_owned(),
            })
        })
        .collect();
    assert!(
        rows.len() >= 100,
        "SOURCES.tsv lists {} articles",
        rows.len()
    );
    for row in &rows {
        let bytes = read_corpus_file(&format!("meantime/{}", row.file));
        let article = &ingest(&bytes, &Source::new(&row.file), &IngestOptions::default())[0];
        check_offsets(article);
        assert_eq!(
            article.title.as_deref(),
            Some(row.headline.as_str()),
            "title of {}",
            row.file
        );
        assert_eq!(
            article.published.as_deref(),
            Some(row.date.as_str()),
            "date of {}",
            row.file
        );
        assert!(!article.text.is_empty(), "body of {}", row.file);
        assert!(
            !article.text.starts_with(&row.headline),
            "title left in the body of {}",
            row.file
        );
        assert!(
            !article
                .warnings
                .iter()
                .any(|warning| warning.starts_with("removed")),
            "{}: {:?}",
            row.file,
            article.warnings
        );
    }
}
