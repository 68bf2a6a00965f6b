//! Concurrent use: searches while `newsdex index` runs never fail and never
//! see committed articles go away, and a second writer is refused with the
//! first one's pid.

mod common;

use std::path::Path;
use std::process::{Output, Stdio};

use common::{copy_corpus_text, newsdex};

const COPIES: usize = 5;

fn records(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("every line of --json is JSON"))
        .collect()
}

/// Runs one read-only command and checks that it succeeded.
fn read(index: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let output = newsdex(index).args(args).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "`newsdex {}` failed while indexing: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    records(&output)
}

fn count_hits(records: &[serde_json::Value]) -> usize {
    records
        .iter()
        .filter(|record| record["type"] == "hit")
        .count()
}

#[test]
fn searching_while_indexing_never_fails_and_a_second_writer_is_refused() {
    let archive = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let index = index_dir.path().join("index");
    let per_copy = copy_corpus_text(archive.path(), COPIES);

    // The first copy is indexed before, so every search has something to find.
    let status = newsdex(&index)
        .arg("index")
        .arg(archive.path().join("copy0"))
        .arg("--quiet")
        .status()
        .unwrap();
    assert!(status.success());
    let mut seen = count_hits(&read(&index, &["search", "*", "--json", "-n", "100000"]));
    assert_eq!(seen, per_copy);

    let mut writer = newsdex(&index)
        .arg("index")
        .arg(archive.path())
        .args(["--quiet", "--commit-every", "40"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    let mut reads_during_run = 0;
    let mut refusals = 0;
    loop {
        let running_before = writer.try_wait().unwrap().is_none();

        let all = count_hits(&read(&index, &["search", "*", "--json", "-n", "100000"]));
        assert!(
            all >= seen,
            "{all} articles after {seen}: committed ones went away"
        );
        assert!(all <= per_copy * COPIES);
        seen = all;
        assert!(count_hits(&read(&index, &["search", "Erdogan", "--json"])) > 0);
        assert!(
            count_hits(&read(
                &index,
                &["search", "ambassador", "--json", "--person", "Isaac Herzog"]
            )) > 0
        );
        read(&index, &["quotes", "--speaker", "Erdogan", "--json"]);
        read(&index, &["entities", "--kind", "person", "--json"]);
        read(&index, &["timeline", "Hamas", "--json"]);

        // A second writer on the same index is refused, naming the first.
        let second = newsdex(&index)
            .arg("index")
            .arg(archive.path().join("copy0"))
            .arg("--quiet")
            .output()
            .unwrap();
        let running_after = writer.try_wait().unwrap().is_none();
        if running_before && running_after {
            reads_during_run += 1;
            let stderr = String::from_utf8_lossy(&second.stderr);
            assert_eq!(second.status.code(), Some(2), "{stderr}");
            assert!(
                stderr.contains("is locked by another process")
                    && stderr.contains(&format!("(pid {})", writer.id())),
                "{stderr}"
            );
            refusals += 1;
        }
        if !running_after {
            break;
        }
    }
    assert!(writer.wait().unwrap().success());
    assert!(
        reads_during_run > 0 && refusals > 0,
        "the index run ended before a search could overlap it"
    );
    eprintln!("{reads_during_run} rounds of searches while indexing");

    let all = count_hits(&read(&index, &["search", "*", "--json", "-n", "100000"]));
    assert_eq!(all, per_copy * COPIES);
}
