//! Crash safety: `newsdex index` killed with SIGKILL at random moments never
//! leaves an index that cannot be opened, and a final run ends with exactly
//! the expected documents, none lost and none twice.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{copy_corpus_text, newsdex};

const KILLS: usize = 12;
const COPIES: usize = 6;

/// A small deterministic generator (xorshift) so a failing run can be replayed
/// from the seed it prints.
struct Xorshift(u64);

impl Xorshift {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

/// The ids of the articles in the index, with the path each came from.
fn indexed(index: &Path) -> Vec<(String, String)> {
    let output = newsdex(index)
        .args(["search", "*", "--json", "-n", "100000"])
        .output()
        .unwrap();
    let code = output.status.code().unwrap();
    assert!(
        code == 0 || code == 1,
        "search after a kill failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter(|value| value["type"] == "hit")
        .map(|hit| {
            (
                hit["id"].as_str().unwrap().to_owned(),
                hit["path"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn indexed_ids(index: &Path) -> Vec<String> {
    indexed(index).into_iter().map(|(id, _)| id).collect()
}

/// The articles of the files that are in the index more than once, for the
/// message of a failed assertion.
fn duplicates(index: &Path) -> Vec<(String, String)> {
    let all = indexed(index);
    let mut counts = std::collections::HashMap::new();
    for (_, path) in &all {
        *counts.entry(path.clone()).or_insert(0) += 1;
    }
    all.into_iter()
        .filter(|(_, path)| counts[path] > 1)
        .collect()
}

#[test]
fn sigkill_at_random_moments_loses_nothing_committed() {
    let archive = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let index = index_dir.path().join("index");
    let expected = copy_corpus_text(archive.path(), COPIES) * COPIES;

    // Time one full run to know where "the middle" is.
    let started = Instant::now();
    let status = newsdex(&index)
        .arg("index")
        .arg(archive.path())
        .arg("--quiet")
        .status()
        .unwrap();
    assert!(status.success());
    let full_run = started.elapsed();
    std::fs::remove_dir_all(&index).unwrap();

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("crash test seed {seed}, full run {full_run:?}");
    let mut random = Xorshift(seed);
    let mut previous_count = 0;
    for kill in 0..KILLS {
        // Touch a few files so that later runs update as well as add.
        for _ in 0..5 {
            let copy = random.below(COPIES as u64);
            let number = random.below((expected / COPIES) as u64);
            let path = archive.path().join(format!("copy{copy}/{number:04}.txt"));
            let mut text = std::fs::read_to_string(&path).unwrap();
            text.push_str(&format!("\n\nEdited before kill {kill}.\n"));
            std::fs::write(&path, text).unwrap();
        }
        let mut child = newsdex(&index)
            .arg("index")
            .arg(archive.path())
            .args(["--quiet", "--commit-every", "50"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let delay = random.below(full_run.as_millis() as u64 + 50);
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();

        if !index.join("meta.json").exists() {
            continue; // killed before the first commit: there is no index yet, which is fine
        }
        let ids = indexed_ids(&index);
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(
            unique.len(),
            ids.len(),
            "an article is in the index twice after kill {kill}: {:?}",
            duplicates(&index)
        );
        assert!(ids.len() <= expected);
        assert!(
            ids.len() >= previous_count.min(expected),
            "committed articles were lost after kill {kill}"
        );
        eprintln!(
            "kill {kill} after {delay} ms: {} of {expected} articles committed",
            ids.len()
        );
        previous_count = ids.len();
    }

    let status = newsdex(&index)
        .arg("index")
        .arg(archive.path())
        .arg("--quiet")
        .status()
        .unwrap();
    assert!(status.success());
    let ids = indexed_ids(&index);
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(
        ids.len(),
        expected,
        "every file is in the index once; twice: {:?}",
        duplicates(&index)
    );
    assert_eq!(unique.len(), expected);
    let edited = newsdex(&index)
        .args(["search", "\"edited before kill\"", "--json", "-n", "1000"])
        .output()
        .unwrap();
    let edited_hits = String::from_utf8(edited.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.contains("\"type\":\"hit\""))
        .count();
    assert!(edited_hits > 0, "edits made between kills are indexed");
}
