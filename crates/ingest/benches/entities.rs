//! Throughput of entity extraction alone, on the bundled corpus and on the
//! BBC corpus.
//!
//! The inputs are every `*.txt` file under the repository's `corpus/`
//! (about 200 KB of news) and, when `../shared/corpora/bbc` is beside the
//! repository, its 2,225 articles (5 MB; skipped with a message when
//! absent), read once at start-up; each article is extracted on its own,
//! as ingest does. The first call, which
//! loads the model and name lists, is made before timing and measured
//! apart (`entities/load` times a fresh parse of the model file).
//! Run with `cargo bench -p newsdex-ingest --bench entities`. Like the
//! `newsdex` binary, the bench allocates with mimalloc.

use std::path::{Path, PathBuf};

/// The allocator the `newsdex` binary uses, so that the bench measures
/// extraction as the tool runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// The `*.txt` files under `dir`, read as UTF-8 (the few bytes that are
/// not become U+FFFD).
fn articles_under(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    text_files(dir, &mut files);
    files
        .iter()
        .filter_map(|file| std::fs::read(file).ok())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .collect()
}

fn corpus_articles() -> Vec<String> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let articles = articles_under(&corpus);
    assert!(
        !articles.is_empty(),
        "no .txt files under {}: the bench needs the repository's corpus/",
        corpus.display()
    );
    articles
}

/// The BBC corpus's articles, or `None` when the shared corpora are not
/// there.
fn bbc_articles() -> Option<Vec<String>> {
    let bbc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/bbc");
    let articles = articles_under(&bbc);
    if articles.is_empty() {
        eprintln!(
            "entities/extract_entities/bbc skipped: no BBC articles under {} \
             (the shared corpora must be beside the repository)",
            bbc.display()
        );
        return None;
    }
    Some(articles)
}

fn bench_extraction(c: &mut Criterion, name: &str, articles: &[String]) {
    let bytes: usize = articles.iter().map(String::len).sum();
    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function(name, |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|article| extract_entities(std::hint::black_box(article)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn bench_entities(c: &mut Criterion) {
    // Load the model and lists before timing.
    extract_entities("Isaac Herzog visited Ankara.");
    bench_extraction(c, "extract_entities/corpus", &corpus_articles());
    if let Some(bbc) = bbc_articles() {
        bench_extraction(c, "extract_entities/bbc", &bbc);
    }

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
