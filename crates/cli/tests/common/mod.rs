//! What the tests that run the real `newsdex` binary share. Each test file
//! uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The bundled corpus.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// A `newsdex` command with its own index directory. `NEWSDEX_BIN` runs a
/// copy of the binary instead, so that a copy of a test binary can replay
/// a long stress loop undisturbed by rebuilds.
pub fn newsdex(index: &Path) -> Command {
    let binary = std::env::var_os("NEWSDEX_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_newsdex")),
        PathBuf::from,
    );
    let mut command = Command::new(binary);
    command
        .arg("--index")
        .arg(index)
        .env_remove("NEWSDEX_INDEX")
        .env("NO_COLOR", "1");
    command
}

/// Runs a command to its end: exit code, stdout, stderr.
pub fn run(command: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("newsdex runs");
    let code = status
        .code()
        .unwrap_or_else(|| panic!("newsdex was killed: {status}"));
    (
        code,
        String::from_utf8(stdout).expect("stdout is UTF-8"),
        String::from_utf8(stderr).expect("stderr is UTF-8"),
    )
}

/// Copies the corpus's text files into `copies` folders `copy0`, `copy1`…
/// under `target`, so that an indexing run lasts long enough to be
/// interrupted or searched during. Only the text files: the walk also finds
/// `corpus/meantime/SOURCES.tsv`, a list of the corpus's files that holds
/// no article. Returns how many files one copy holds.
pub fn copy_corpus_text(target: &Path, copies: usize) -> usize {
    let files: Vec<_> = newsdex_index::find_news_files(&[corpus()])
        .files
        .into_iter()
        .filter(|file| {
            file.path
                .extension()
                .is_some_and(|extension| extension == "txt")
        })
        .collect();
    for copy in 0..copies {
        let folder = target.join(format!("copy{copy}"));
        std::fs::create_dir_all(&folder).unwrap();
        for (number, file) in files.iter().enumerate() {
            std::fs::copy(&file.path, folder.join(format!("{number:04}.txt"))).unwrap();
        }
    }
    files.len()
}
