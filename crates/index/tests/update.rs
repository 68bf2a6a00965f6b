//! Incremental updates, search and the index's refusals, on temp folders.

use std::fs;
use std::path::{Path, PathBuf};

use newsdex_index::{
    Error, NewsIndex, NoProgress, Progress, SearchOptions, UpdateOptions, UpdateSummary,
};

fn update(index: &NewsIndex, folder: &Path) -> UpdateSummary {
    index
        .update(
            &[folder.to_path_buf()],
            &UpdateOptions::default(),
            &NoProgress,
        )
        .expect("update succeeds")
}

fn titles(index: &NewsIndex, query: &str) -> Vec<String> {
    let results = index
        .search(query, &SearchOptions::default())
        .expect("query parses");
    results
        .hits
        .into_iter()
        .map(|hit| hit.title.unwrap_or_default())
        .collect()
}

fn write(folder: &Path, name: &str, text: &str) -> PathBuf {
    let path = folder.join(name);
    fs::write(&path, text).expect("temp folder is writable");
    path
}

/// Moves a file's modification time back so that a rewrite within the same
/// clock tick is still seen as a change by size or time.
fn age(path: &Path) {
    let file = fs::File::options()
        .write(true)
        .open(path)
        .expect("file exists");
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    file.set_modified(old).expect("mtime can be set");
}

#[test]
fn add_change_and_delete_files_incrementally() {
    let folder = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let index = NewsIndex::open_or_create(index_dir.path()).unwrap();
    write(
        folder.path(),
        "a.txt",
        "Flotilla raid\n\nTurkey recalled its ambassador.\n",
    );
    let b = write(
        folder.path(),
        "b.txt",
        "Gas deal\n\nEnergy ministers met in Ankara.\n",
    );

    let first = update(&index, folder.path());
    assert_eq!(
        (first.added, first.updated, first.removed, first.unchanged),
        (2, 0, 0, 0)
    );
    assert_eq!(titles(&index, "ambassador"), ["Flotilla raid"]);

    let again = update(&index, folder.path());
    assert_eq!(
        (again.added, again.updated, again.removed, again.unchanged),
        (0, 0, 0, 2)
    );

    age(&b);
    write(
        folder.path(),
        "b.txt",
        "Gas deal signed\n\nEnergy ministers signed a pipeline deal.\n",
    );
    write(
        folder.path(),
        "c.txt",
        "Embassy move\n\nThe embassy moved to Jerusalem.\n",
    );
    fs::remove_file(folder.path().join("a.txt")).unwrap();
    let changed = update(&index, folder.path());
    assert_eq!(
        (
            changed.added,
            changed.updated,
            changed.removed,
            changed.unchanged
        ),
        (1, 1, 1, 0)
    );
    assert!(
        titles(&index, "ambassador").is_empty(),
        "deleted file is gone from the index"
    );
    assert_eq!(titles(&index, "pipeline"), ["Gas deal signed"]);
    assert!(
        titles(&index, "ankara").is_empty(),
        "old text of a changed file is gone"
    );
    assert_eq!(index.stats().unwrap().articles, 2);

    // Reopening sees the same committed state.
    drop(index);
    let reopened = NewsIndex::open(index_dir.path()).unwrap();
    assert_eq!(reopened.stats().unwrap().articles, 2);
    assert_eq!(titles(&reopened, "embassy"), ["Embassy move"]);
}

#[test]
fn touched_but_unchanged_file_is_not_reindexed() {
    let folder = tempfile::tempdir().unwrap();
    let index = NewsIndex::create_in_ram();
    let path = write(folder.path(), "a.txt", "Title\n\nSome text about talks.\n");
    update(&index, folder.path());
    age(&path);
    let summary = update(&index, folder.path());
    assert_eq!((summary.unchanged, summary.updated), (1, 0));
}

#[test]
fn ids_are_stable_across_reindexing() {
    let folder = tempfile::tempdir().unwrap();
    let index = NewsIndex::create_in_ram();
    let path = write(
        folder.path(),
        "a.txt",
        "Title\n\nFirst version of the talks.\n",
    );
    update(&index, folder.path());
    let first = index
        .search("talks", &SearchOptions::default())
        .unwrap()
        .hits[0]
        .id
        .clone();
    age(&path);
    write(
        folder.path(),
        "a.txt",
        "Title\n\nSecond version of the talks, longer.\n",
    );
    update(&index, folder.path());
    let second = index
        .search("talks", &SearchOptions::default())
        .unwrap()
        .hits[0]
        .id
        .clone();
    assert_eq!(first, second);
    let article = index.article(&second).unwrap();
    assert!(article.text.contains("Second version"));
}

#[test]
fn broken_files_are_reported_and_the_run_goes_on() {
    let folder = tempfile::tempdir().unwrap();
    let index = NewsIndex::create_in_ram();
    write(folder.path(), "empty.txt", "");
    fs::write(
        folder.path().join("binary.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    )
    .unwrap();
    write(
        folder.path(),
        "good.txt",
        "Good\n\nA real article about ambassadors.\n",
    );
    let summary = index
        .update(
            &[
                folder.path().to_path_buf(),
                folder.path().join("missing.txt"),
            ],
            &UpdateOptions::default(),
            &NoProgress,
        )
        .unwrap();
    assert_eq!(summary.added, 1);
    let mut reasons: Vec<(String, String)> = summary
        .failed
        .iter()
        .map(|failed| {
            let name = failed
                .path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, failed.reason.clone())
        })
        .collect();
    reasons.sort();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert_eq!(
        reasons[0],
        ("binary.txt".to_owned(), "binary data, not text".to_owned())
    );
    assert_eq!(
        reasons[1],
        ("empty.txt".to_owned(), "empty file".to_owned())
    );
    assert_eq!(reasons[2].0, "missing.txt");
}

/// A [`Progress`] that deletes a file once the first file has been read:
/// the walk has listed its directory by then, but reads files in batches.
struct DeleteDuringRun(PathBuf, std::sync::Once);

impl Progress for DeleteDuringRun {
    fn start(&self, files: u64) {
        assert_eq!(files, 2_001, "the walk found every file");
    }

    fn advance(&self, _files: u64) {
        self.1
            .call_once(|| fs::remove_file(&self.0).expect("the file is there to delete"));
    }
}

#[test]
fn a_file_deleted_during_the_run_is_reported_as_gone() {
    let folder = tempfile::tempdir().unwrap();
    let index = NewsIndex::create_in_ram();
    // More files than one batch reads, the doomed one last.
    for n in 0..2_000 {
        write(
            folder.path(),
            &format!("a{n:04}.txt"),
            &format!("Harbour dredging, day {n}\n\nAn article about the harbour.\n"),
        );
    }
    let doomed = write(
        folder.path(),
        "z.txt",
        "Ferry fares rise\n\nAn article about the ferry.\n",
    );
    let summary = index
        .update(
            &[folder.path().to_path_buf()],
            &UpdateOptions::default(),
            &DeleteDuringRun(doomed.clone(), std::sync::Once::new()),
        )
        .expect("the run goes on");
    assert_eq!(summary.added, 2_000);
    assert_eq!(summary.failed.len(), 1, "{:?}", summary.failed);
    assert_eq!(summary.failed[0].path, doomed);
    assert!(
        summary.failed[0]
            .reason
            .starts_with("gone before it could be read"),
        "{}",
        summary.failed[0].reason
    );
    assert_eq!(titles(&index, "\"day 1999\"").len(), 1);
    assert!(titles(&index, "ferry").is_empty());
}

#[cfg(unix)]
#[test]
fn names_that_differ_only_in_bytes_that_are_not_utf8_are_two_files() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let folder = tempfile::tempdir().unwrap();
    let index = NewsIndex::create_in_ram();
    // Latin-1 "café.txt" and "cafè.txt": both read as "caf\u{FFFD}.txt".
    for (byte, word) in [(0xE9, "zeppelin"), (0xE8, "dirigible")] {
        let name = [&b"caf"[..], &[byte], b".txt"].concat();
        fs::write(
            folder.path().join(OsStr::from_bytes(&name)),
            format!("Airships\n\nAn article about the {word}.\n"),
        )
        .unwrap();
    }
    let first = update(&index, folder.path());
    assert_eq!((first.added, first.failed.len()), (2, 0), "{first:?}");
    for word in ["zeppelin", "dirigible"] {
        let hits = index.search(word, &SearchOptions::default()).unwrap().hits;
        assert_eq!(hits.len(), 1, "{word}");
        assert!(
            hits[0].path.ends_with("caf\u{FFFD}.txt"),
            "{}",
            hits[0].path
        );
    }
    let again = update(&index, folder.path());
    assert_eq!((again.unchanged, again.added, again.removed), (2, 0, 0));
}

#[test]
fn files_are_taken_by_extension_and_hidden_ones_skipped() {
    let folder = tempfile::tempdir().unwrap();
    let index = NewsIndex::create_in_ram();
    write(folder.path(), "story.txt", "Story\n\nAbout the summit.\n");
    write(folder.path(), "notes.md", "Notes\n\nAbout the summit.\n");
    write(
        folder.path(),
        "README.TXT",
        "About this corpus\n\nArticles about the summit.\n",
    );
    fs::create_dir(folder.path().join(".cache")).unwrap();
    write(
        &folder.path().join(".cache"),
        "copy.txt",
        "Copy\n\nAbout the summit.\n",
    );
    let summary = update(&index, folder.path());
    assert_eq!(summary.added, 1);
    // A file named explicitly is read whatever its extension.
    let summary = index
        .update(
            &[folder.path().join("notes.md")],
            &UpdateOptions::default(),
            &NoProgress,
        )
        .unwrap();
    assert_eq!(summary.added, 1);
}

#[test]
fn a_second_writer_is_told_the_index_is_locked() {
    let index_dir = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    write(folder.path(), "a.txt", "Title\n\nText.\n");
    let first = NewsIndex::open_or_create(index_dir.path()).unwrap();
    let second = NewsIndex::open(index_dir.path()).unwrap();
    let _held = first
        .tantivy_index()
        .writer::<tantivy::TantivyDocument>(15_000_000)
        .unwrap();
    let error = second
        .update(
            &[folder.path().to_path_buf()],
            &UpdateOptions::default(),
            &NoProgress,
        )
        .unwrap_err();
    assert!(matches!(error, Error::Locked { .. }), "{error:?}");
    assert!(
        error.to_string().contains("locked by another process"),
        "{error}"
    );
}

#[test]
fn missing_and_incompatible_indexes_are_refused_with_advice() {
    let empty = tempfile::tempdir().unwrap();
    let error = NewsIndex::open(empty.path()).unwrap_err();
    assert!(matches!(error, Error::NoIndex { .. }));
    assert!(error.to_string().contains("newsdex index PATH"), "{error}");

    let index_dir = tempfile::tempdir().unwrap();
    NewsIndex::open_or_create(index_dir.path()).unwrap();
    fs::write(index_dir.path().join("newsdex-version"), "0\n").unwrap();
    let error = NewsIndex::open(index_dir.path()).unwrap_err();
    assert!(matches!(error, Error::Incompatible { .. }), "{error:?}");
    assert!(error.to_string().contains("re-index"), "{error}");
}

#[test]
fn bad_query_syntax_is_an_error_that_names_the_query() {
    let index = NewsIndex::create_in_ram();
    let error = index
        .search("title:(unclosed", &SearchOptions::default())
        .unwrap_err();
    assert!(matches!(error, Error::Query { .. }), "{error:?}");
    assert!(error.to_string().contains("title:(unclosed"), "{error}");
    let error = index
        .search("nosuchfield:x", &SearchOptions::default())
        .unwrap_err();
    assert!(error.to_string().contains("nosuchfield"), "{error}");
}

#[test]
fn words_are_all_required_and_folded() {
    let folder = tempfile::tempdir().unwrap();
    let index = NewsIndex::create_in_ram();
    write(
        folder.path(),
        "a.txt",
        "Envoys meet in Ankara\n\nErdoğan met the ambassadors in Ankara.\n",
    );
    write(
        folder.path(),
        "b.txt",
        "Erdogan stays home\n\nErdogan stayed in Istanbul.\n",
    );
    update(&index, folder.path());
    assert_eq!(titles(&index, "erdogan ankara"), ["Envoys meet in Ankara"]);
    let mut both = titles(&index, "Erdoğan");
    both.sort();
    assert_eq!(both, ["Envoys meet in Ankara", "Erdogan stays home"]);
    assert_eq!(titles(&index, "erdogan OR istanbul").len(), 2);
    assert_eq!(
        titles(&index, "erdogan -istanbul"),
        ["Envoys meet in Ankara"]
    );
    assert_eq!(
        titles(&index, "\"met the ambassador\""),
        ["Envoys meet in Ankara"]
    );
}

fn quotes(index: &NewsIndex, query: &str) -> Vec<(String, Option<String>)> {
    index
        .quotes(query, &newsdex_index::QuoteOptions::default())
        .expect("query parses")
        .quotes
        .into_iter()
        .map(|quote| (quote.text, quote.speaker))
        .collect()
}

#[test]
fn quotes_follow_their_file_through_changes_and_deletion() {
    let folder = tempfile::tempdir().unwrap();
    let index = NewsIndex::create_in_ram();
    let path = write(
        folder.path(),
        "visit.txt",
        "Herzog visits Ankara\n\n\
         Israeli President Isaac Herzog met Turkish President Recep Tayyip Erdogan.\n\n\
         “This is a turning point for the region,” Erdogan said.\n",
    );
    update(&index, folder.path());
    assert_eq!(
        quotes(&index, "turning point"),
        [(
            "This is a turning point for the region,".to_owned(),
            Some("Recep Tayyip Erdogan".to_owned())
        )]
    );
    assert_eq!(index.stats().unwrap().quotes, 1);

    age(&path);
    write(
        folder.path(),
        "visit.txt",
        "Herzog visits Ankara\n\n\
         Israeli President Isaac Herzog met Turkish President Recep Tayyip Erdogan.\n\n\
         “We opened a new page,” Herzog said.\n",
    );
    update(&index, folder.path());
    assert!(
        quotes(&index, "turning point").is_empty(),
        "the old quote went with the old text"
    );
    assert_eq!(
        quotes(&index, "page"),
        [(
            "We opened a new page,".to_owned(),
            Some("Isaac Herzog".to_owned())
        )]
    );

    fs::remove_file(&path).unwrap();
    update(&index, folder.path());
    assert_eq!(index.stats().unwrap().quotes, 0);
    assert!(quotes(&index, "*").is_empty());
}

#[test]
fn a_run_counts_every_warning_and_keeps_the_first_thousand() {
    let folder = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let index = NewsIndex::open_or_create(index_dir.path()).unwrap();
    let files = newsdex_index::KEPT_WARNINGS + 5;
    let body = "Turkey recalled its ambassador after the raid. ".repeat(10);
    for n in 0..files {
        write(
            folder.path(),
            &format!("{n:04}.txt"),
            &format!("Story {n}\n\n{body}\n"),
        );
    }
    // Each article is longer than this, and is cut with a warning.
    let options = UpdateOptions {
        max_article_bytes: 200,
        ..UpdateOptions::default()
    };
    let summary = index
        .update(&[folder.path().to_path_buf()], &options, &NoProgress)
        .unwrap();
    assert_eq!(summary.added, files);
    assert_eq!(summary.warning_count, files, "one cut per article");
    assert_eq!(summary.warnings.len(), newsdex_index::KEPT_WARNINGS);
    assert!(
        summary.warnings[0].1.contains("cut"),
        "{:?}",
        summary.warnings[0]
    );
}

#[test]
fn a_file_reached_under_two_paths_given_is_indexed_once() {
    let folder = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let index = NewsIndex::open_or_create(index_dir.path()).unwrap();
    fs::create_dir(folder.path().join("inner")).unwrap();
    let a = write(
        folder.path(),
        "inner/a.txt",
        "Flotilla raid\n\nTurkey recalled its ambassador.\n",
    );
    write(
        folder.path(),
        "b.txt",
        "Ceasefire\n\nIsrael and Hamas agreed to a truce.\n",
    );
    let paths = [
        folder.path().to_path_buf(),
        folder.path().join("inner"),
        a,
        folder.path().to_path_buf(),
    ];
    let summary = index
        .update(&paths, &UpdateOptions::default(), &NoProgress)
        .unwrap();
    assert_eq!(summary.added, 2, "{summary:?}");
    assert_eq!(titles(&index, "ambassador"), ["Flotilla raid"]);
    // And again: both unchanged, none removed.
    let summary = index
        .update(&paths, &UpdateOptions::default(), &NoProgress)
        .unwrap();
    assert_eq!((summary.unchanged, summary.removed), (2, 0), "{summary:?}");
}

/// A [`Progress`] that wants no total, and fails if it is given one.
struct NoTotal;

impl Progress for NoTotal {
    fn wants_total(&self) -> bool {
        false
    }

    fn start(&self, files: u64) {
        panic!("counted {files} files though no total was wanted");
    }
}

#[test]
fn files_are_counted_only_for_a_progress_that_wants_the_total() {
    let folder = tempfile::tempdir().unwrap();
    let index = NewsIndex::create_in_ram();
    write(
        folder.path(),
        "a.txt",
        "Harbour dredging begins\n\nAn article about the harbour.\n",
    );
    let summary = index
        .update(
            &[folder.path().to_path_buf()],
            &UpdateOptions::default(),
            &NoTotal,
        )
        .unwrap();
    assert_eq!(summary.added, 1);
}
