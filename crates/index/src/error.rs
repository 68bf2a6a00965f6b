//! The one error type of the index crate.

use std::path::PathBuf;

/// What can go wrong when opening, updating or searching an index.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// There is no index at the given directory.
    #[error("no index at {}; build one with `newsdex index PATH`", path.display())]
    NoIndex {
        /// The index directory.
        path: PathBuf,
    },
    /// Another process holds the index writer.
    #[error("index at {} is locked by another process{}", path.display(), pid.map(|pid| format!(" (pid {pid})")).unwrap_or_default())]
    Locked {
        /// The index directory.
        path: PathBuf,
        /// The process id of the holder, when it is known.
        pid: Option<u32>,
    },
    /// The index was written by another schema or version of newsdex.
    #[error("index at {} was written by an incompatible version of newsdex ({found}); delete it and re-index", path.display())]
    Incompatible {
        /// The index directory.
        path: PathBuf,
        /// What was found instead of the expected schema version.
        found: String,
    },
    /// The query could not be parsed.
    #[error("invalid query {query:?}: {reason}")]
    Query {
        /// The query as given.
        query: String,
        /// Why it could not be parsed.
        reason: String,
    },
    /// No article has the given id.
    #[error("no article with id {0:?}")]
    NotFound(String),
    /// A file or directory could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An error inside tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// The result type of the index crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
