//! Index a folder of news files and search it through the `newsdex` facade.
//!
//! ```text
//! cargo run --example index_and_search -- corpus ambassador
//! ```

use std::path::PathBuf;

use newsdex::{NewsIndex, NoProgress, SearchOptions, UpdateOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(folder), Some(query)) = (args.next(), args.next()) else {
        eprintln!("usage: index_and_search FOLDER QUERY");
        std::process::exit(2);
    };

    // An index in RAM keeps the example self-contained; use
    // `NewsIndex::open_or_create(dir)` to keep it on disk and update it later.
    let index = NewsIndex::create_in_ram();
    let summary = index.update(
        &[PathBuf::from(folder)],
        &UpdateOptions::default(),
        &NoProgress,
    )?;
    println!(
        "indexed {} articles, {} files failed",
        summary.added,
        summary.failed.len()
    );

    let results = index.search(&query, &SearchOptions::default())?;
    println!("{} matching articles", results.total);
    for hit in results.hits {
        println!(
            "{:>6.2}  {}  ({})",
            hit.score,
            hit.title.as_deref().unwrap_or("(untitled)"),
            hit.path
        );
        println!("        {}", hit.snippet.text.replace('\n', " "));
    }
    Ok(())
}
