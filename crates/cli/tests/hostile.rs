//! Hostile input never takes a run down: every file below is indexed or
//! reported on stderr with its path and a reason, the other files are
//! indexed, the index answers afterwards, and the exit code is 3 when a
//! file was reported as failed, 0 otherwise.
//!
//! Runs the real `newsdex` binary, as `cli.rs` does.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{newsdex, run};

/// Runs `newsdex index --quiet` over `paths` with `extra` flags, and returns
/// its exit code and the files it reported, as (path, reason).
fn index(index: &Path, paths: &[&Path], extra: &[&str]) -> (i32, Vec<(String, String)>) {
    let mut command = newsdex(index);
    command.arg("index").arg("--quiet").args(extra).args(paths);
    let (code, _, stderr) = run(&mut command);
    let reported = stderr
        .lines()
        .map(|line| {
            let rest = line
                .strip_prefix("newsdex: ")
                .unwrap_or_else(|| panic!("a diagnostic line: {line:?}"));
            let (path, reason) = rest
                .split_once(": ")
                .unwrap_or_else(|| panic!("PATH: REASON: {line:?}"));
            (path.to_owned(), reason.to_owned())
        })
        .collect();
    (code, reported)
}

/// The reason reported for the file whose path ends with `name`.
fn reason_for<'a>(reported: &'a [(String, String)], name: &str) -> Option<&'a str> {
    reported
        .iter()
        .find(|(path, _)| path.ends_with(name))
        .map(|(_, reason)| reason.as_str())
}

/// The JSON of the best hit for `query`, or `None` when nothing matches.
fn hit(index: &Path, query: &str) -> Option<serde_json::Value> {
    let (code, stdout, stderr) = run(newsdex(index).args(["search", query, "--json"]));
    match code {
        0 => Some(serde_json::from_str(stdout.lines().next()?).expect("JSON hit")),
        1 => None,
        _ => panic!("search {query:?} failed: {stderr}"),
    }
}

/// The whole article, as `show --json` gives it, of the best hit for `query`.
fn article(index: &Path, query: &str) -> serde_json::Value {
    let hit = hit(index, query).unwrap_or_else(|| panic!("{query:?} is found"));
    let id = hit["id"].as_str().expect("hit id");
    let (code, stdout, stderr) = run(newsdex(index).args(["show", id, "--json"]));
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(stdout.trim()).expect("JSON article")
}

fn warnings(article: &serde_json::Value) -> Vec<String> {
    article["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|warning| warning.as_str().unwrap().to_owned())
        .collect()
}

#[track_caller]
fn assert_warning(article: &serde_json::Value, start: &str) {
    let warnings = warnings(article);
    assert!(
        warnings.iter().any(|warning| warning.starts_with(start)),
        "no warning starting {start:?} in {warnings:?}"
    );
}

// ------------------------------------------------------------ the files

fn write(folder: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = folder.join(name);
    fs::write(&path, bytes).expect("temp folder is writable");
    path
}

fn good(folder: &Path, name: &str, word: &str) -> PathBuf {
    write(
        folder,
        name,
        format!("A good article\n\nThe ambassador spoke about the {word} on Tuesday.\n"),
    )
}

/// A kilobyte of every byte value, the body of the binary files.
fn noise() -> Vec<u8> {
    (0..1024u32).map(|i| (i * 7 % 256) as u8).collect()
}

fn png() -> Vec<u8> {
    [
        &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x1f\x15\xc4\x89"[..],
        &noise(),
    ]
    .concat()
}

fn zip() -> Vec<u8> {
    [&b"PK\x03\x04\x14\0\0\0\x08\0\x21\0story.txt"[..], &noise()].concat()
}

fn elf() -> Vec<u8> {
    [
        &b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0\x01\0\0\0"[..],
        &noise(),
    ]
    .concat()
}

/// Text with a NUL every seven bytes, even inside words, and NUL padding.
fn nul_ridden() -> Vec<u8> {
    let text = b"Nul title\n\nThe ambassador said the octopus left NUL bytes all over the text.\n";
    let mut bytes: Vec<u8> = text.chunks(7).collect::<Vec<_>>().join(&0);
    bytes.extend_from_slice(&[0; 1000]);
    bytes
}

/// UTF-16LE with a byte order mark and two lone surrogates.
fn utf16_with_lone_surrogates() -> Vec<u8> {
    let mut units: Vec<u16> = "Surrogates\n\nThe minister spoke about the walruses "
        .encode_utf16()
        .collect();
    units.push(0xD800);
    units.extend(" and ".encode_utf16());
    units.push(0xDFFF);
    units.extend(" in Ankara on Tuesday.\n".encode_utf16());
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(units.iter().flat_map(|unit| unit.to_le_bytes()));
    bytes
}

/// UTF-8 with stray Windows-1252 bytes: a euro sign and curly quotes.
fn mixed_encodings() -> Vec<u8> {
    [
        "Mixed encodings\n\nThe café in Zürich served crème brûlée, said the owner. ".as_bytes(),
        b"He paid \x80 5 for the \x93pelican\x94 dish.\n",
    ]
    .concat()
}

/// A page whose text sits under 100,000 nested `<div>`s, opened with or
/// without end tags that close nothing.
fn deep_html(opening: &str, word: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Deep page</title></head><body>{}<p>The {word} \
         paragraph sits under a hundred thousand divs.</p></body></html>",
        opening.repeat(100_000)
    )
}

// ------------------------------------------------------------ the tests

#[test]
fn empty_and_binary_files_are_reported_and_the_rest_indexed() {
    let folder = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let empty = write(folder.path(), "empty.txt", "");
    // Named on the command line, a file is read whatever its name.
    let image = write(folder.path(), "photo.png", png());
    let archive = write(folder.path(), "bundle.zip", zip());
    let program = write(folder.path(), "program", elf());
    let disguised = write(folder.path(), "saved-page.html", png());
    good(folder.path(), "good.txt", "harbour");
    let (code, reported) = index(
        index_dir.path(),
        &[folder.path(), &image, &archive, &program],
        &[],
    );
    assert_eq!(code, 3, "{reported:?}");
    assert_eq!(reported.len(), 5, "{reported:?}");
    assert_eq!(reason_for(&reported, "empty.txt"), Some("empty file"));
    for path in [&image, &archive, &program, &disguised] {
        let name = path.file_name().unwrap().to_str().unwrap();
        assert_eq!(
            reason_for(&reported, name),
            Some("binary data, not text"),
            "{name}"
        );
    }
    assert!(empty.exists());
    assert_eq!(
        hit(index_dir.path(), "harbour").unwrap()["title"],
        "A good article"
    );
}

#[test]
fn text_riddled_with_nuls_is_indexed_without_them() {
    let folder = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    write(folder.path(), "nuls.txt", nul_ridden());
    let (code, reported) = index(index_dir.path(), &[folder.path()], &[]);
    assert_eq!((code, reported.len()), (0, 0), "{reported:?}");
    // "ambassador" had a NUL in the middle of it.
    let article = article(index_dir.path(), "ambassador octopus");
    assert_eq!(article["title"], "Nul title");
    assert!(!article["text"].as_str().unwrap().contains('\0'));
    let nuls = nul_ridden().iter().filter(|&&byte| byte == 0).count();
    assert_warning(&article, &format!("{nuls} NUL bytes in the text dropped"));
}

#[test]
fn deeply_nested_html_is_read_as_tag_soup() {
    let folder = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    write(folder.path(), "deep.html", deep_html("<div>", "walrus"));
    // `</span>` closes nothing: a count of tags sees a flat page, while the
    // HTML parser nests every div in the one before.
    write(
        folder.path(),
        "hidden-deep.html",
        deep_html("<div></span>", "narwhal"),
    );
    let (code, reported) = index(index_dir.path(), &[folder.path()], &[]);
    assert_eq!((code, reported.len()), (0, 0), "{reported:?}");
    for word in ["walrus", "narwhal"] {
        let article = article(index_dir.path(), word);
        assert_eq!(article["format"], "html", "{word}");
        assert_warning(&article, "elements nested more than 200 deep");
    }
}

#[test]
fn broken_utf16_and_mixed_encodings_are_decoded_with_warnings() {
    let folder = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    write(folder.path(), "utf16.txt", utf16_with_lone_surrogates());
    write(folder.path(), "mixed.txt", mixed_encodings());
    let (code, reported) = index(index_dir.path(), &[folder.path()], &[]);
    assert_eq!((code, reported.len()), (0, 0), "{reported:?}");

    let utf16 = article(index_dir.path(), "walruses");
    assert_eq!(utf16["encoding"], "UTF-16LE");
    assert!(
        utf16["text"]
            .as_str()
            .unwrap()
            .contains("walruses \u{FFFD} and \u{FFFD} in Ankara"),
        "{}",
        utf16["text"]
    );
    assert_warning(&utf16, "invalid UTF-16LE: 2 sequences replaced with U+FFFD");

    let mixed = article(index_dir.path(), "pelican");
    let text = mixed["text"].as_str().unwrap();
    assert!(text.contains("crème brûlée"), "{text}");
    assert!(text.contains("paid € 5 for the “pelican” dish"), "{text}");
    assert_warning(&mixed, "mixed encodings: UTF-8 with 3 bytes in 3 runs");
    // Both spellings of Zürich find it: the UTF-8 part was not mangled.
    assert!(hit(index_dir.path(), "Zurich").is_some());
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_unreadable_files_do_not_stop_the_run() {
    use std::os::unix::fs::PermissionsExt;

    let folder = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    fs::create_dir(folder.path().join("loop")).unwrap();
    std::os::unix::fs::symlink("..", folder.path().join("loop/parent")).unwrap();
    let locked = good(folder.path(), "locked.txt", "pelican");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    good(folder.path(), "good.txt", "harbour");
    let (code, reported) = index(index_dir.path(), &[folder.path()], &[]);

    assert_eq!(code, 3, "the loop is reported: {reported:?}");
    let loop_reason = reason_for(&reported, "loop/parent").expect("the loop is reported");
    assert!(
        loop_reason.starts_with("File system loop found"),
        "{loop_reason}"
    );
    assert!(hit(index_dir.path(), "harbour").is_some());
    // Root (and a process with CAP_DAC_OVERRIDE, as in many containers)
    // reads a file whatever its permissions, so there the file is indexed;
    // anyone else is refused and the file is reported.
    if fs::read(&locked).is_ok() {
        assert_eq!(reported.len(), 1, "{reported:?}");
        assert!(hit(index_dir.path(), "pelican").is_some());
    } else {
        assert_eq!(reported.len(), 2, "{reported:?}");
        let reason = reason_for(&reported, "locked.txt").expect("reported");
        assert!(reason.starts_with("Permission denied"), "{reason}");
        assert!(hit(index_dir.path(), "pelican").is_none());
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8_are_indexed_and_found() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let folder = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    // Latin-1 names, which differ only in the byte that is not UTF-8.
    for (byte, word) in [(0xE9, "zeppelin"), (0xE8, "dirigible")] {
        let name = [&b"caf"[..], &[byte], b".txt"].concat();
        fs::write(
            folder.path().join(OsStr::from_bytes(&name)),
            format!("Airships\n\nThe ambassador spoke about the {word}.\n"),
        )
        .unwrap();
    }
    let (code, reported) = index(index_dir.path(), &[folder.path()], &[]);
    assert_eq!((code, reported.len()), (0, 0), "{reported:?}");
    for word in ["zeppelin", "dirigible"] {
        let hit = hit(index_dir.path(), word).unwrap_or_else(|| panic!("{word}"));
        assert!(
            hit["path"].as_str().unwrap().ends_with("caf\u{FFFD}.txt"),
            "{hit}"
        );
    }
}

#[test]
fn long_articles_are_cut_at_the_limit_and_a_repeated_word_is_indexed() {
    let folder = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    // 1 MB of one word, which fits within the limit of 1 MiB.
    write(
        folder.path(),
        "buffalo.txt",
        format!("Buffalo\n\n{}\n", "buffalo ".repeat(125_000)),
    );
    // A 3 MB line, over a limit of 1 MB: its last word is cut off.
    let line = format!(
        "{}the end of the aardvark line\n",
        "Walruses crowded the beach again this year. ".repeat(70_000)
    );
    write(folder.path(), "line.txt", &line);
    let (code, reported) = index(
        index_dir.path(),
        &[folder.path()],
        &["--max-article-size", "1"],
    );
    assert_eq!((code, reported.len()), (0, 0), "{reported:?}");

    let buffalo = article(index_dir.path(), "buffalo");
    let words = "buffalo ".repeat(125_000);
    assert!(
        buffalo["text"]
            .as_str()
            .unwrap()
            .ends_with(words.trim_end())
    );
    assert!(
        warnings(&buffalo)
            .iter()
            .all(|warning| !warning.starts_with("text cut"))
    );

    let cut = article(index_dir.path(), "walruses");
    let text = cut["text"].as_str().unwrap();
    assert!(
        text.len() <= 1024 * 1024 && text.len() > 700_000,
        "{}",
        text.len()
    );
    assert!(line.starts_with(text));
    assert_warning(&cut, "text cut at the end of a word");
    assert!(hit(index_dir.path(), "aardvark").is_none());

    // `extract` takes the same limit.
    let (code, stdout, stderr) = run(newsdex(index_dir.path())
        .args(["extract", "--json", "--max-article-size", "1"])
        .arg(folder.path().join("line.txt")));
    assert_eq!(code, 0, "{stderr}");
    let extracted: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(extracted["text"], cut["text"]);
}

/// Every hostile kind in one folder with good files, and a 100 MB line.
#[test]
fn a_folder_of_every_hostile_kind_is_indexed_around_them() {
    use std::fmt::Write as _;

    let folder = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let dir = folder.path();
    good(dir, "a-good.txt", "harbour");
    write(dir, "empty.txt", "");
    write(dir, "image.html", png());
    write(dir, "archive.txt", zip());
    write(dir, "program.txt", elf());
    write(dir, "nuls.txt", nul_ridden());
    write(dir, "buffalo.txt", "buffalo ".repeat(125_000));
    write(dir, "deep.html", deep_html("<div>", "walrus"));
    write(
        dir,
        "hidden-deep.html",
        deep_html("<div></span>", "narwhal"),
    );
    write(dir, "utf16.txt", utf16_with_lone_surrogates());
    write(dir, "mixed.txt", mixed_encodings());
    #[cfg(unix)]
    {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        fs::create_dir(dir.join("loop")).unwrap();
        std::os::unix::fs::symlink("..", dir.join("loop/parent")).unwrap();
        fs::write(
            dir.join(OsStr::from_bytes(b"caf\xe9.txt")),
            "Airship\n\nThe ambassador spoke about the zeppelin.\n",
        )
        .unwrap();
    }
    // One line of 100 MB: read whole with a raised file limit, and cut to
    // the default article limit before the extractors see it.
    let mut line = String::with_capacity(100 * 1024 * 1024 + 64);
    line.push_str("zebrafish ");
    while line.len() < 100 * 1024 * 1024 {
        let _ = write!(line, "The colony grew again in year {}. ", line.len() % 97);
    }
    line.push_str("lastwordofthehugeline\n");
    write(dir, "huge-line.txt", &line);
    drop(line);
    good(dir, "z-good.txt", "lighthouse");

    // With the default file limit the huge line is refused unread.
    let small_index = tempfile::tempdir().unwrap();
    let (code, reported) = index(small_index.path(), &[dir], &[]);
    assert_eq!(code, 3);
    let reason = reason_for(&reported, "huge-line.txt").expect("over the file limit");
    assert!(
        reason.contains("over the limit of 67108864 bytes"),
        "{reason}"
    );

    let (code, reported) = index(index_dir.path(), &[dir], &["--max-file-size", "200"]);
    assert_eq!(code, 3, "{reported:?}");
    let mut expected = vec![
        ("empty.txt", "empty file"),
        ("image.html", "binary data, not text"),
        ("archive.txt", "binary data, not text"),
        ("program.txt", "binary data, not text"),
    ];
    if cfg!(unix) {
        expected.push(("loop/parent", "File system loop found"));
    }
    for (name, reason) in &expected {
        let found = reason_for(&reported, name).unwrap_or_else(|| panic!("{name}: {reported:?}"));
        assert!(found.starts_with(reason), "{name}: {found}");
    }
    assert_eq!(reported.len(), expected.len(), "{reported:?}");

    for word in [
        "harbour",
        "lighthouse",
        "octopus",
        "buffalo",
        "walrus",
        "narwhal",
        "walruses",
        "pelican",
        "zebrafish",
    ] {
        assert!(hit(index_dir.path(), word).is_some(), "{word} is found");
    }
    if cfg!(unix) {
        assert!(hit(index_dir.path(), "zeppelin").is_some());
    }
    let huge = article(index_dir.path(), "zebrafish");
    assert_warning(&huge, "text cut at the end of a word");
    assert!(huge["text"].as_str().unwrap().len() <= 4 * 1024 * 1024);
    assert!(hit(index_dir.path(), "lastwordofthehugeline").is_none());
}
