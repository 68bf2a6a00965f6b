//! Throughput of date extraction alone, on the bundled corpus.
//!
//! The input is every `*.txt` file under the repository's `corpus/`
//! concatenated (about 200 KB of news), read once at start-up; the
//! publication date is fixed so that relative expressions are resolved too.
//! Run with `cargo bench -p newsdex-ingest --bench dates`.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsdex_ingest::extract_dates;

/// All `*.txt` files under `dir`, in a stable order.
fn text_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            text_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "txt") {
            found.push(path);
        }
    }
}

fn corpus_text() -> String {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut files = Vec::new();
    text_files(&corpus, &mut files);
    let mut text = String::new();
    for file in files {
        if let Ok(content) = std::fs::read_to_string(&file) {
            text.push_str(&content);
            text.push_str("\n\n");
        }
    }
    assert!(
        !text.is_empty(),
        "no .txt files under {}: the bench needs the repository's corpus/",
        corpus.display()
    );
    text
}

fn bench_dates(c: &mut Criterion) {
    let text = corpus_text();
    let published = Some(jiff::civil::date(2010, 6, 15));
    let mut group = c.benchmark_group("dates");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("extract_dates/corpus", |b| {
        b.iter(|| extract_dates(std::hint::black_box(&text), published))
    });
    group.finish();
}

criterion_group!(benches, bench_dates);
criterion_main!(benches);
