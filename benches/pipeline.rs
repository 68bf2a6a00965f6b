//! Throughput of the ingest steps and of the search analyzer, in MB/s, on
//! the bundled corpus (fixed, committed input).
//!
//! `corpus/*` times each step over the files' bytes: decoding, normalising,
//! both (`prepare`), boilerplate removal alone (`boilerplate`, on normalised
//! text) and the whole of ingest. `articles/*` times what runs on the clean
//! article texts: the quote extractor (given the article's entities, as
//! ingest gives them) and the analyzer the index tokenizes title and body
//! with.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsdex::ingest::{
    IngestOptions, Source, classify_lines, extract_quotes, ingest, normalize, prepare,
};
use tantivy::tokenizer::TokenStream;

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
    let normalized: Vec<String> = decoded.iter().map(|text| normalize(text)).collect();
    group.bench_function("boilerplate", |b| {
        b.iter(|| {
            normalized
                .iter()
                .map(|text| classify_lines(black_box(text), None).len())
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

    let articles: Vec<_> = files
        .iter()
        .flat_map(|bytes| ingest(bytes, &Source::new("bench.txt"), &options))
        .collect();
    let text_bytes: usize = articles.iter().map(|article| article.text.len()).sum();
    let mut group = c.benchmark_group("articles");
    group.throughput(Throughput::Bytes(text_bytes as u64));
    group.bench_function("quotes", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|article| extract_quotes(black_box(&article.text), &article.entities).len())
                .sum::<usize>()
        })
    });
    let mut analyzer = newsdex::index::news_analyzer();
    group.bench_function("analyzer", |b| {
        b.iter(|| {
            let mut tokens = 0usize;
            for article in &articles {
                let mut stream = analyzer.token_stream(black_box(&article.text));
                while stream.advance() {
                    tokens += 1;
                }
            }
            tokens
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
