//! Where the bytes of an index go: per component (postings, positions,
//! norms, terms, fast fields, store) and per field, summed over segments.
//!
//! ```sh
//! cargo run --release -p newsdex-index --example space_usage -- .newsdex
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use tantivy::schema::Value;
use tantivy::space_usage::PerFieldSpaceUsage;
use tantivy::{Index, TantivyDocument};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        return Err("usage: space_usage INDEX_DIR".into());
    };
    let index = Index::open_in_dir(&dir)?;
    let schema = index.schema();
    let searcher = index.reader()?.searcher();
    let usage = searcher.space_usage()?;

    // Component, then field: bytes over all segments.
    let mut per_field: BTreeMap<&str, BTreeMap<String, u64>> = BTreeMap::new();
    let mut store_data = 0;
    let mut store_offsets = 0;
    let mut deletes = 0;
    let mut documents = 0u64;
    for segment in usage.segments() {
        documents += u64::from(segment.num_docs());
        let components: [(&str, &PerFieldSpaceUsage); 5] = [
            ("postings", segment.postings()),
            ("positions", segment.positions()),
            ("fieldnorms", segment.fieldnorms()),
            ("terms", segment.termdict()),
            ("fast", segment.fast_fields()),
        ];
        for (component, fields) in components {
            let sums = per_field.entry(component).or_default();
            for field in fields.fields() {
                *sums.entry(field.field_name().to_owned()).or_default() +=
                    field.total().get_bytes();
            }
        }
        store_data += segment.store().data_usage().get_bytes();
        store_offsets += segment.store().offsets_usage().get_bytes();
        deletes += segment.deletes().get_bytes();
    }

    // The uncompressed size of each stored field, to split the store.
    let mut stored_raw: BTreeMap<String, u64> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(1)?;
        for document in store.iter::<TantivyDocument>(segment.alive_bitset()) {
            for (field, value) in document?.field_values() {
                let bytes = value.as_str().map_or(8, str::len) as u64;
                *stored_raw
                    .entry(schema.get_field_name(field).to_owned())
                    .or_default() += bytes;
            }
        }
    }

    println!(
        "{} segments, {documents} documents, {} bytes in all",
        usage.segments().len(),
        usage.total().get_bytes()
    );
    for (component, fields) in &per_field {
        let total: u64 = fields.values().sum();
        println!("\n{component}: {total}");
        let mut ranked: Vec<(&String, &u64)> = fields.iter().filter(|(_, b)| **b > 0).collect();
        ranked.sort_by(|a, b| b.1.cmp(a.1));
        for (field, bytes) in ranked {
            println!("  {field:<16} {bytes:>12}");
        }
    }
    println!(
        "\nstore: {} (data {store_data}, offsets {store_offsets})",
        store_data + store_offsets
    );
    for (field, bytes) in &stored_raw {
        println!("  {field:<16} {bytes:>12} uncompressed");
    }
    println!("\ndeletes: {deletes}");
    Ok(())
}
