//! Every input the fuzz targets once crashed on (`fuzz/regressions/<target>/`)
//! goes through ingest and the extractors again, so that the regressions
//! are checked by the normal test run, without cargo-fuzz.

mod common;

use std::path::{Path, PathBuf};

use common::{NAMES, check_article, check_range};
use jiff::civil::date;
use newsdex_ingest::{
    FileContents, IngestOptions, Source, decode, extract_dates, extract_entities, extract_quotes,
    ingest, normalize, prepare, read_file,
};

/// Runs one input the way every fuzz target would, and as a plain file.
fn check_input(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let mut names: Vec<&str> = vec!["story.txt"];
    if let Some(&first) = bytes.first() {
        names.push(NAMES[usize::from(first) % NAMES.len()]);
    }
    let rest = bytes.get(1..).unwrap_or_default();
    for name in names {
        for input in [bytes, rest] {
            let source = Source::new(name);
            for article in ingest(input, &source, &IngestOptions::default()) {
                check_article(&article);
            }
            let options = IngestOptions {
                published: Some("2022-03-10".to_owned()),
                repeated_lines: None,
                ..IngestOptions::default()
            };
            if let FileContents::Articles(articles) = read_file(prepare(input), &source, &options) {
                articles.iter().for_each(check_article);
            }
        }
    }
    let _ = normalize(&decode(bytes).text);
    for published in [None, Some(date(2022, 3, 10))] {
        for mention in extract_dates(&text, published) {
            check_range(&text, mention.start, mention.end, "date");
        }
    }
    let entities = extract_entities(&text);
    for quote in extract_quotes(&text, &entities) {
        check_range(&text, quote.start, quote.end, "quote");
        if let Some([start, end]) = quote.speaker_mention {
            check_range(&text, start, end, "speaker mention");
        }
    }
}

fn regression_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions");
    let mut files = Vec::new();
    let Ok(targets) = std::fs::read_dir(&root) else {
        return files;
    };
    for target in targets.flatten() {
        let Ok(entries) = std::fs::read_dir(target.path()) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.path().is_file() {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn fuzz_regressions_ingest_cleanly() {
    let files = regression_files();
    assert!(
        !files.is_empty(),
        "no inputs under fuzz/regressions: the test would check nothing"
    );
    for path in files {
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
        let outcome = std::panic::catch_unwind(|| check_input(&bytes));
        assert!(outcome.is_ok(), "{} fails again", path.display());
    }
}
