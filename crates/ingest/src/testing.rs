//! What the unit tests of several modules share.

use std::path::{Path, PathBuf};

/// The path and text of every UTF-8 file of the bundled corpus, for tests
/// that compare a fast path with the general code on real news. Fails
/// when the corpus cannot be read, so that no such test passes on nothing.
pub(crate) fn corpus_texts() -> Vec<(PathBuf, String)> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut texts = Vec::new();
    let mut folders = vec![corpus];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push((path, text));
            }
        }
    }
    texts.sort();
    assert!(texts.len() > 10, "only {} corpus files read", texts.len());
    texts
}
