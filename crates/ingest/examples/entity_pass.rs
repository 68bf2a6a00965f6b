//! Entity extraction over every `*.txt` file of a folder, a given number of
//! times, for profilers: under `valgrind --tool=callgrind` the difference
//! between runs with 3 passes and with 1 pass, halved, is the instruction
//! count of one pass, without the model's loading. The digest printed at
//! the end changes when any entity, kind or mention offset changes, so two
//! builds can be checked to extract the same.
//!
//! `cargo run --release -p newsdex-ingest --example entity_pass -- corpus 3`

use std::path::{Path, PathBuf};

/// The allocator the `newsdex` binary uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn text_files(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            text_files(&path, found)?;
        } else if path.extension().is_some_and(|extension| extension == "txt") {
            found.push(path);
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: entity_pass FOLDER [PASSES]")?);
    let passes: usize = args.next().map_or(Ok(1), |passes| passes.parse())?;
    let mut files = Vec::new();
    text_files(&dir, &mut files)?;
    let texts: Vec<String> = files
        .iter()
        .filter_map(|file| std::fs::read_to_string(file).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    // Loads the model and lists before the passes.
    newsdex_ingest::extract_entities("Isaac Herzog visited Ankara.");
    let started = std::time::Instant::now();
    let (mut entities, mut digest) = (0usize, 0u64);
    for _ in 0..passes {
        for text in &texts {
            for entity in newsdex_ingest::extract_entities(text) {
                entities += 1;
                for [start, end] in &entity.mentions {
                    digest = digest
                        .wrapping_mul(31)
                        .wrapping_add(*start as u64 ^ (*end as u64) << 20);
                }
                let kind = entity.kind as u64;
                digest = digest
                    .wrapping_mul(31)
                    .wrapping_add(entity.name.len() as u64 + kind);
            }
        }
    }
    let elapsed = started.elapsed();
    println!(
        "{} files, {bytes} bytes, {passes} passes: {entities} entities, digest {digest:016x}, {elapsed:.2?} ({:.1} MB/s)",
        texts.len(),
        (bytes * passes) as f64 / elapsed.as_secs_f64() / 1e6
    );
    Ok(())
}
