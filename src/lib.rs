//! newsdex: a search engine for news archives.
//!
//! This crate is the one dependency an embedding program needs. It
//! re-exports the pipeline: [`ingest`] turns news files into clean
//! [`Article`]s, and [`NewsIndex`] indexes folders of them incrementally
//! and searches them.
//!
//! ```
//! use newsdex::{NewsIndex, NoProgress, SearchOptions, UpdateOptions};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let archive = tempfile::tempdir()?;
//! std::fs::write(
//!     archive.path().join("flotilla.txt"),
//!     "Turkey recalls envoy\n\nTurkey recalled its ambassador after the flotilla raid.\n",
//! )?;
//! let index = NewsIndex::create_in_ram();
//! index.update(&[archive.path().to_path_buf()], &UpdateOptions::default(), &NoProgress)?;
//! let results = index.search("ambassador", &SearchOptions::default())?;
//! assert_eq!(results.total, 1);
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

pub use newsdex_index as index;
pub use newsdex_ingest as ingest;

pub use newsdex_index::{
    EntityCount, Error, FailedFile, Filters, Hit, IndexStats, MainEntity, MatchedQuote, NewsIndex,
    NoProgress, Progress, QuoteHit, QuoteOptions, QuoteResults, SearchOptions, SearchResults,
    Snippet, SortOrder, SpeakerCount, UpdateOptions, UpdateSummary, WriterOptions,
};
pub use newsdex_ingest::{
    Article, DateMention, Entity, EntityKind, Format, IngestOptions, Quote, Section, Source,
    ingest as ingest_bytes,
};
