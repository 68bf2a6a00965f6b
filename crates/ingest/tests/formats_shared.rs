//! Every file of the research corpora in `../shared/corpora` ingests, in
//! the format it is in, with the expected number of articles.
//!
//! These tests need the corpora: they are ignored by default and run with
//! `cargo test -p newsdex-ingest -- --ignored formats --show-output`, which
//! also prints the counts. The folder is `../shared/corpora` beside the
//! project, or the one named by `NEWSDEX_CORPORA`.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use newsdex_ingest::{Article, Format, IngestOptions, NO_ARTICLES, NOT_NEWS, Source, ingest};

fn corpora() -> PathBuf {
    let folder = match std::env::var_os("NEWSDEX_CORPORA") {
        Some(folder) => PathBuf::from(folder),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora"),
    };
    assert!(
        folder.is_dir(),
        "these tests need the research corpora in {} (or set NEWSDEX_CORPORA to their folder)",
        folder.display()
    );
    folder
}

/// The files under `folder` whose names end with `suffix`, recursively, in
/// name order.
fn files(folder: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(directory) = pending.pop() {
        let entries = std::fs::read_dir(&directory)
            .unwrap_or_else(|error| panic!("cannot list {}: {error}", directory.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.ends_with(suffix))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    assert!(
        !found.is_empty(),
        "no *{suffix} files under {}",
        folder.display()
    );
    found
}

/// What ingesting the files of one corpus gave.
#[derive(Debug, Default)]
struct Outcome {
    files: usize,
    /// Articles returned, one per record, with or without text.
    records: usize,
    /// Articles with a text or a title: those the indexer keeps.
    articles: Vec<Article>,
    /// Files that gave no article with text or a title, and why.
    failures: Vec<String>,
    /// Files recognised as not news (a corpus's list of its files).
    not_news: Vec<String>,
    formats: BTreeMap<&'static str, usize>,
    languages: BTreeMap<String, usize>,
}

fn ingest_files(paths: &[PathBuf]) -> Outcome {
    let mut outcome = Outcome::default();
    let options = IngestOptions::default();
    for path in paths {
        let bytes = std::fs::read(path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
        let shown = path.to_string_lossy();
        let articles = ingest(&bytes, &Source::new(&shown), &options);
        outcome.files += 1;
        outcome.records += articles
            .iter()
            .filter(|article| {
                !article
                    .warnings
                    .iter()
                    .any(|warning| warning.starts_with(NO_ARTICLES))
            })
            .count();
        let (kept, empty): (Vec<Article>, Vec<Article>) = articles
            .into_iter()
            .partition(|article| !article.text.trim().is_empty() || article.title.is_some());
        let not_news = empty
            .iter()
            .flat_map(|article| &article.warnings)
            .find(|warning| warning.starts_with(NOT_NEWS));
        if let (true, Some(what)) = (kept.is_empty(), not_news) {
            outcome.not_news.push(format!("{shown}: {what}"));
        } else if kept.is_empty() {
            let reason = empty
                .iter()
                .flat_map(|article| &article.warnings)
                .find(|warning| warning.starts_with(NO_ARTICLES))
                .cloned()
                .unwrap_or_else(|| "no text".to_owned());
            outcome.failures.push(format!("{shown}: {reason}"));
        }
        for article in kept {
            *outcome.formats.entry(article.format.as_str()).or_default() += 1;
            let language = article.language.clone().unwrap_or_else(|| "?".to_owned());
            *outcome.languages.entry(language).or_default() += 1;
            outcome.articles.push(article);
        }
    }
    outcome
}

fn report(corpus: &str, outcome: &Outcome) {
    println!(
        "{corpus}: {} files, {} articles, {} failures; formats {:?}; languages {:?}",
        outcome.files,
        outcome.articles.len(),
        outcome.failures.len(),
        outcome.formats,
        outcome.languages
    );
    assert!(
        outcome.failures.is_empty(),
        "{corpus}: files that gave no article:\n{}",
        outcome.failures.join("\n")
    );
    let ids: HashSet<&str> = outcome
        .articles
        .iter()
        .map(|article| article.id.as_str())
        .collect();
    assert_eq!(
        ids.len(),
        outcome.articles.len(),
        "{corpus}: article ids are not unique"
    );
}

fn share(count: usize, total: usize) -> String {
    format!(
        "{count} of {total} ({:.1}%)",
        count as f64 * 100.0 / total.max(1) as f64
    )
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn formats_shared_bbc() {
    let paths: Vec<PathBuf> = files(&corpora().join("bbc"), ".txt")
        .into_iter()
        .filter(|path| path.parent().and_then(Path::parent) == Some(&corpora().join("bbc")))
        .collect();
    let outcome = ingest_files(&paths);
    report("BBC", &outcome);
    assert_eq!(outcome.articles.len(), 2_225);
    assert!(
        outcome
            .articles
            .iter()
            .all(|article| article.format == Format::Text)
    );
    let english = outcome.languages.get("en").copied().unwrap_or(0);
    println!(
        "BBC: English detected in {}",
        share(english, outcome.articles.len())
    );
    assert!(english * 100 >= outcome.articles.len() * 99);
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn formats_shared_reuters() {
    let paths: Vec<PathBuf> = files(&corpora().join("reuters21578"), ".sgm")
        .into_iter()
        .filter(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with("reut2-"))
        })
        .collect();
    assert_eq!(paths.len(), 22);
    let outcome = ingest_files(&paths);
    report("Reuters-21578", &outcome);
    assert_eq!(outcome.records, 21_578, "one article per <REUTERS> record");
    let total = outcome.articles.len();
    println!(
        "Reuters-21578: {} records, {} with a title or a body (NEWID 12793 has an empty TEXT)",
        outcome.records, total
    );
    assert_eq!(total, 21_577);
    assert!(
        outcome
            .articles
            .iter()
            .all(|article| article.format == Format::Sgml)
    );
    let with_body = outcome
        .articles
        .iter()
        .filter(|article| !article.text.is_empty())
        .count();
    let titled = outcome
        .articles
        .iter()
        .filter(|article| article.title.is_some())
        .count();
    let dated = outcome
        .articles
        .iter()
        .filter(|article| article.published.is_some())
        .count();
    let placed = outcome
        .articles
        .iter()
        .filter(|article| article.entities.iter().any(|e| !e.name.is_empty()))
        .count();
    let topical = outcome
        .articles
        .iter()
        .filter(|article| !article.topics.is_empty())
        .count();
    println!(
        "Reuters-21578: {} records with a body; {} with a title; {} dated; {} with given places, people or \
         organisations; {} with topics",
        share(with_body, outcome.records),
        share(titled, total),
        share(dated, total),
        share(placed, total),
        share(topical, total)
    );
    assert_eq!(dated, total, "every Reuters record has a DATE");
    assert!(
        with_body >= 19_000,
        "only {with_body} Reuters records have a body"
    );
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn formats_shared_timebank_aquaint() {
    let root = corpora().join("timeml/tbaq");
    let mut paths = files(&root.join("TimeBank"), ".tml");
    paths.extend(files(&root.join("AQUAINT"), ".tml"));
    let outcome = ingest_files(&paths);
    report("TimeBank/AQUAINT", &outcome);
    assert_eq!(outcome.articles.len(), 256);
    assert!(
        outcome
            .articles
            .iter()
            .all(|article| article.format == Format::Timeml)
    );
    let dated = outcome
        .articles
        .iter()
        .filter(|article| article.published.is_some())
        .count();
    println!(
        "TimeBank/AQUAINT: dated by their DCT: {}",
        share(dated, outcome.articles.len())
    );
    assert_eq!(dated, 256);
    // testpipeline/ holds a copy of one TimeBank document; it ingests too.
    let copies = ingest_files(&files(&root.join("testpipeline"), ".tml"));
    report("TimeBank/AQUAINT testpipeline copy", &copies);
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn formats_shared_timeml_silver() {
    let outcome = ingest_files(&files(&corpora().join("timeml/silver"), ".tml"));
    report("TempEval-3 silver", &outcome);
    assert_eq!(outcome.articles.len(), 2_452);
    let dated = outcome
        .articles
        .iter()
        .filter(|article| article.published.is_some())
        .count();
    let titled = outcome
        .articles
        .iter()
        .filter(|article| article.title.is_some())
        .count();
    println!(
        "TempEval-3 silver: dated {}; titled {}",
        share(dated, outcome.articles.len()),
        share(titled, outcome.articles.len())
    );
    assert_eq!(dated, 2_452);
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn formats_shared_polnear() {
    let root = corpora().join("polnear");
    let mut paths = files(&root.join("train/text"), ".txt");
    paths.extend(files(&root.join("dev/text"), ".txt"));
    let outcome = ingest_files(&paths);
    report("PolNeAR", &outcome);
    assert_eq!(outcome.articles.len(), 924);
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn formats_shared_ag_news() {
    let outcome = ingest_files(&[corpora().join("ag_news/test.csv")]);
    report("AG News", &outcome);
    assert_eq!(outcome.articles.len(), 7_600);
    let titled = outcome
        .articles
        .iter()
        .filter(|article| article.title.is_some())
        .count();
    assert_eq!(titled, 7_600);
    assert!(
        outcome
            .articles
            .iter()
            .all(|article| article.format == Format::Csv && !article.text.is_empty())
    );
    assert!(
        outcome
            .articles
            .iter()
            .all(|article| !article.text.contains("#39;"))
    );
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn formats_shared_10kgnad() {
    let outcome = ingest_files(&[corpora().join("german_10kgnad/test.csv")]);
    report("10kGNAD", &outcome);
    assert_eq!(outcome.articles.len(), 1_028);
    let german = outcome.languages.get("de").copied().unwrap_or(0);
    println!(
        "10kGNAD: German detected in {}",
        share(german, outcome.articles.len())
    );
    assert!(german * 100 >= outcome.articles.len() * 99);
    let labelled = outcome
        .articles
        .iter()
        .filter(|article| !article.topics.is_empty())
        .count();
    assert_eq!(labelled, 1_028, "every 10kGNAD row has a label");
    assert!(
        outcome
            .articles
            .iter()
            .any(|article| article.text.contains("Österreich"))
    );
}

/// Every file of every corpus that the indexer would pick up when walking
/// `../shared/corpora` gives articles, whatever its format.
#[test]
#[ignore = "needs ../shared/corpora"]
fn formats_shared_every_news_file() {
    const EXTENSIONS: &[&str] = &[
        "txt", "text", "html", "htm", "json", "jsonl", "ndjson", "sgm", "sgml", "tml", "csv",
        "tsv", "xml",
    ];
    const DOCUMENTATION: &[&str] = &["readme", "license", "licence", "copying", "changelog"];
    let mut paths = Vec::new();
    for extension in EXTENSIONS {
        paths.extend(files_or_none(&corpora(), &format!(".{extension}")));
    }
    paths.retain(|path| {
        let stem = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let inside = path.strip_prefix(corpora()).unwrap_or(path);
        !DOCUMENTATION.contains(&stem.as_str())
            && !inside
                .components()
                .any(|part| part.as_os_str().to_string_lossy().starts_with('.'))
    });
    let outcome = ingest_files(&paths);
    println!(
        "all corpora: {} files, {} articles; formats {:?}; {} files without an article, {} not news",
        outcome.files,
        outcome.articles.len(),
        outcome.formats,
        outcome.failures.len(),
        outcome.not_news.len()
    );
    for failure in &outcome.failures {
        println!("  failed: {failure}");
    }
    for skipped in &outcome.not_news {
        println!("  skipped: {skipped}");
    }
    assert!(
        outcome.failures.is_empty(),
        "files that gave no article: {:#?}",
        outcome.failures
    );
    // The MEANTIME instance list is a table of annotations, not of
    // articles: skipped as not news, with its columns named.
    assert!(
        outcome
            .not_news
            .iter()
            .any(|skipped| skipped.contains("meantime/list_instances.csv")
                && skipped.contains("its columns: #ID")),
        "{:#?}",
        outcome.not_news
    );
}

fn files_or_none(folder: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(directory) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.to_ascii_lowercase().ends_with(suffix))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
