//! The tantivy index of newsdex: one schema, incremental updates from
//! folders of news files, and search with highlighted snippets.
//!
//! This crate knows nothing of terminals or command lines; the CLI wires it
//! to `newsdex-ingest`'s articles and to the user.
//!
//! ```
//! use newsdex_index::{NewsIndex, NoProgress, SearchOptions, UpdateOptions};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let folder = tempfile::tempdir()?;
//! std::fs::write(
//!     folder.path().join("visit.txt"),
//!     "Herzog visits Ankara\n\nTurkey and Israel agreed to return their ambassadors.\n",
//! )?;
//! let index = NewsIndex::create_in_ram();
//! let summary = index.update(&[folder.path().to_path_buf()], &UpdateOptions::default(), &NoProgress)?;
//! assert_eq!(summary.added, 1);
//! let results = index.search("ambassador", &SearchOptions::default())?;
//! assert_eq!(results.hits[0].title.as_deref(), Some("Herzog visits Ankara"));
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod error;
mod facets;
mod news_index;
mod record;
mod schema;
mod search;
mod update;

pub use error::{Error, Result};
pub use facets::{EntityCount, Granularity, SpeakerCount, Timeline, TimelineBucket};
pub use news_index::{NewsIndex, WriterOptions};
pub use schema::{SCHEMA_VERSION, news_analyzer};
pub use search::{
    Filters, Hit, IndexStats, MAIN_ENTITIES, MainEntity, MatchedQuote, QuoteHit, QuoteOptions,
    QuoteResults, SearchOptions, SearchResults, Snippet, SortOrder,
};
pub use update::{
    FailedFile, KEPT_WARNINGS, NEWS_FILE_EXTENSIONS, NewsFile, NewsFiles, NoProgress, Progress,
    UpdateOptions, UpdateSummary, find_news_files,
};
