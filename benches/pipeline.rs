//! Throughput of the ingest steps and of the search analyzer, in MB/s, on
//! the bundled corpus (fixed, committed input).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsdex::ingest::{IngestOptions, Source, ingest, normalize, prepare};

fn corpus_files() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let found = newsdex::index::find_news_files(&[root]);
    found
        .files
        .iter()
        .map(|file| std::fs::read(&file.path).expect("corpus is readable"))
        .collect()
}

fn pipeline(c: &mut Criterion) {
    let files = corpus_files();
    let total_bytes: usize = files.iter().map(Vec::len).sum();
    let decoded: Vec<String> = files
        .iter()
        .map(|bytes| newsdex::ingest::decode(bytes).text)
        .collect();
    let options = IngestOptions::default();

    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(total_bytes as u64));
    group.bench_function("decode", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|bytes| newsdex::ingest::decode(black_box(bytes)).text.len())
                .sum::<usize>()
        })
    });
    group.bench_function("normalize", |b| {
        b.iter(|| {
            decoded
                .iter()
                .map(|text| normalize(black_box(text)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("prepare", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|bytes| prepare(black_box(bytes)).text.len())
                .sum::<usize>()
        })
    });
    group.bench_function("ingest", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|bytes| ingest(black_box(bytes), &Source::new("bench.txt"), &options).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
