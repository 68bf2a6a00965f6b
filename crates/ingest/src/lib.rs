//! Turns news files as they really are into clean [`Article`]s.
//!
//! A file's bytes go through four steps, none of which can fail:
//!
//! 1. [`decode`]: BOM sniffing, UTF-8, BOM-less UTF-16, legacy code pages.
//! 2. [`normalize`]: NFC, one kind of line break, no control characters,
//!    whitespace collapsed within lines.
//! 3. Boilerplate removal: navigation, share and newsletter prompts, image
//!    credits, author bios, and lines repeated across the files of a run.
//! 4. Metadata: title, authors, outlet, dateline, publication date, sections.
//!
//! What was lossy or guessed on the way is reported in
//! [`Article::warnings`]; parsing never panics, whatever the bytes.
//!
//! This crate does no IO: it takes bytes and a path name and returns
//! articles, so it can be used on files, archives or network payloads alike.
//!
//! ```
//! use newsdex_ingest::{ingest, IngestOptions, Source};
//!
//! let bytes = "Herzog visits Ankara\n\nJERUSALEM, Israel – Israel and Turkey met.\n";
//! let articles = ingest(bytes.as_bytes(), &Source::new("herzog.txt"), &IngestOptions::default());
//! assert_eq!(articles[0].title.as_deref(), Some("Herzog visits Ankara"));
//! assert_eq!(articles[0].dateline.as_deref(), Some("JERUSALEM, Israel"));
//! ```
#![deny(missing_docs)]

mod article;
mod boilerplate;
mod decode;
mod metadata;
mod normalize;
mod text;

pub use article::{Article, DateMention, Entity, EntityKind, Format, Quote, Section};
pub use boilerplate::{
    BoilerplateReason, LineKind, LineVerdict, RepeatedLines, RepeatedLinesBuilder, classify_lines,
};
pub use decode::{Decoded, decode};
pub use normalize::normalize;

use std::sync::Arc;

/// Where a file's bytes came from.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The path shown to users and stored in [`Article::path`].
    pub path: &'a str,
    /// The string the article id is derived from; usually the canonical
    /// absolute path, so that the same file gets the same id however it was
    /// named on the command line.
    pub id_key: &'a str,
}

impl<'a> Source<'a> {
    /// A source whose id is derived from its path as given.
    pub fn new(path: &'a str) -> Self {
        Source { path, id_key: path }
    }
}

/// Settings for one ingest run.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// A publication date (ISO 8601, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`) that
    /// replaces whatever the file states.
    pub published: Option<String>,
    /// Lines seen in many files of this run; they are treated as boilerplate.
    pub repeated_lines: Option<Arc<RepeatedLines>>,
}

/// The stable id of the article at `record` within the file named by `id_key`.
///
/// The id is the first 64 bits of the XXH3 hash of the key, as 16 hex
/// digits. A file that holds one article has no record; a file that holds
/// many (an SGML dump, JSON Lines) names each record, so that its id stays
/// the same when the file is indexed again.
pub fn article_id(id_key: &str, record: Option<&str>) -> String {
    let hash = match record {
        None => xxhash_rust::xxh3::xxh3_64(id_key.as_bytes()),
        Some(record) => {
            let mut key = String::with_capacity(id_key.len() + record.len() + 1);
            key.push_str(id_key);
            key.push('\0');
            key.push_str(record);
            xxhash_rust::xxh3::xxh3_64(key.as_bytes())
        }
    };
    format!("{hash:016x}")
}

/// Reads the articles in a file's bytes.
///
/// Plain text yields one article. An empty or unreadable file still yields
/// an article, with warnings that say what was wrong, so that the caller
/// decides what to report; see [`Article::warnings`].
pub fn ingest(bytes: &[u8], source: &Source<'_>, options: &IngestOptions) -> Vec<Article> {
    ingest_prepared(prepare(bytes), source, options)
}

/// A file's text after decoding and normalisation, before it is parsed.
///
/// Splitting [`ingest`] in two lets a caller look at the text of many files
/// (to find the lines they repeat, see [`RepeatedLinesBuilder`]) and then
/// parse each without decoding it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedText {
    /// The WHATWG name of the encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// The decoded, normalised text.
    pub text: String,
    /// Lossy steps taken while decoding.
    pub warnings: Vec<String>,
}

/// Decodes and normalises a file's bytes.
pub fn prepare(bytes: &[u8]) -> PreparedText {
    let decoded = decode(bytes);
    PreparedText {
        encoding: decoded.encoding,
        text: normalize(&decoded.text),
        warnings: decoded.warnings,
    }
}

/// Parses text made by [`prepare`] into articles; see [`ingest`].
pub fn ingest_prepared(
    prepared: PreparedText,
    source: &Source<'_>,
    options: &IngestOptions,
) -> Vec<Article> {
    let decoded = prepared;
    let parsed = text::parse(&decoded.text, options.repeated_lines.as_deref());
    let mut warnings = decoded.warnings;
    warnings.extend(parsed.warnings);
    let published = match &options.published {
        Some(date) => Some(date.clone()),
        None => parsed.published,
    };
    vec![Article {
        id: article_id(source.id_key, None),
        path: source.path.to_owned(),
        format: Format::Text,
        encoding: decoded.encoding.to_owned(),
        title: parsed.title,
        authors: parsed.authors,
        outlet: parsed.outlet,
        dateline: parsed.dateline,
        published,
        sections: parsed.sections,
        text: parsed.body,
        entities: Vec::new(),
        dates: Vec::new(),
        quotes: Vec::new(),
        warnings,
    }]
}
