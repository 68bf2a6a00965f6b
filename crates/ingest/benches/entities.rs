//! Throughput of entity extraction alone, on the bundled corpus.
//!
//! The input is every `*.txt` file under the repository's `corpus/`
//! concatenated (about 200 KB of news), read once at start-up; each
//! article is extracted on its own, as ingest does. The first call, which
//! loads the model and name lists, is made before timing and measured
//! apart (`entities/load` times a fresh parse of the model file).
//! Run with `cargo bench -p newsdex-ingest --bench entities`.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsdex_ingest::entity_training::Model;
use newsdex_ingest::extract_entities;

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

fn corpus_articles() -> Vec<String> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut files = Vec::new();
    text_files(&corpus, &mut files);
    let articles: Vec<String> = files
        .iter()
        .filter_map(|file| std::fs::read_to_string(file).ok())
        .collect();
    assert!(
        !articles.is_empty(),
        "no .txt files under {}: the bench needs the repository's corpus/",
        corpus.display()
    );
    articles
}

fn bench_entities(c: &mut Criterion) {
    let articles = corpus_articles();
    let bytes: usize = articles.iter().map(String::len).sum();
    // Load the model and lists before timing.
    extract_entities("Isaac Herzog visited Ankara.");
    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("extract_entities/corpus", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|article| extract_entities(std::hint::black_box(article)).len())
                .sum::<usize>()
        })
    });
    group.finish();

    let model =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/entities/model.bin"))
            .expect("the model file");
    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Bytes(model.len() as u64));
    group.sample_size(10);
    group.bench_function("load", |b| {
        b.iter(|| Model::from_bytes(std::hint::black_box(&model)).map(|m| m.len()))
    });
    group.finish();
}

criterion_group!(benches, bench_entities);
criterion_main!(benches);
