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
mod dates;
mod decode;
mod delimited;
mod detect;
mod enrich;
mod entities;
mod html;
mod json;
mod language;
mod limit;
mod markup;
mod metadata;
mod normalize;
mod quotes;
mod record;
mod sgml;
#[cfg(test)]
mod testing;
mod text;
mod timeml;
mod xml;

pub use article::{
    Article, DateMention, Entity, EntityKind, Format, Quote, Section, SpeakerResolution,
};
pub use boilerplate::{
    BoilerplateReason, LineKind, LineVerdict, RepeatedLines, RepeatedLinesBuilder, classify_lines,
};
pub use dates::{DatePrecision, extract_dates, parse_iso_date};
pub use decode::{Decoded, decode};
pub use entities::{entity_key, extract_entities, place_of_demonym, training as entity_training};
pub use normalize::normalize;
pub use quotes::extract_quotes;
pub use record::{NO_ARTICLES, NOT_NEWS};

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

/// The default of [`IngestOptions::max_article_bytes`]: 4 MiB, some forty
/// times the longest news articles (long reads run to 100 KB); a longer
/// text is a dump, a log or a book. The extractors take a few seconds on
/// that much text.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 4 * 1024 * 1024;

/// Settings for one ingest run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// A publication date (ISO 8601, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`) that
    /// replaces whatever the file states.
    pub published: Option<String>,
    /// Lines seen in many files of this run; they are treated as boilerplate.
    pub repeated_lines: Option<Arc<RepeatedLines>>,
    /// An article's text is cut to at most this many bytes, at the end of
    /// a paragraph, a line or a word when one is near, with a warning (it
    /// is not a failure). The cut comes before dates, entities and quotes
    /// are looked for, so they cost no more than an article of this size;
    /// a plain-text file's text is cut even before it is parsed, so the
    /// limit also bounds the text its title and boilerplate are found in.
    /// Default [`DEFAULT_MAX_ARTICLE_BYTES`].
    pub max_article_bytes: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            published: None,
            repeated_lines: None,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
        }
    }
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
    /// The decoded, normalised text of a plain-text file. Empty for the
    /// other formats, whose fields are normalised one by one when they are
    /// parsed.
    pub text: String,
    /// Lossy steps taken while decoding.
    pub warnings: Vec<String>,
    /// The format the content looks like. [`ingest_prepared`] may still read
    /// a file that looks like plain text in the format its name suggests
    /// (`.csv`, `.json`, `.html`).
    pub format: Format,
    /// The decoded text before normalisation, for the formats that need it.
    decoded: Option<String>,
    /// Why the bytes hold no text at all (empty, binary), if they don't.
    unusable: Option<&'static str>,
}

/// Decodes a file's bytes (honouring a charset that HTML or XML declares),
/// tells its format from its content, and normalises plain text.
pub fn prepare(bytes: &[u8]) -> PreparedText {
    let mut decoded = detect::decode_file(bytes);
    // A NUL byte in the first 8 KiB of a file that is not UTF-16 marks
    // binary data, as it does for git and ripgrep, unless the bytes around
    // the NULs are text: then the NULs are padding or damage, and
    // normalisation drops them.
    let sample = &bytes[..bytes.len().min(8192)];
    let unusable = if bytes.is_empty() {
        Some("empty file")
    } else if !decoded.encoding.starts_with("UTF-16") && sample.contains(&0) {
        if decode::is_binary_with_nuls(sample) {
            Some("binary data, not text")
        } else {
            let nuls = bytes.iter().filter(|&&byte| byte == 0).count();
            decoded
                .warnings
                .retain(|warning| !warning.starts_with(decode::LOOKS_BINARY));
            decoded.warnings.push(format!(
                "{nuls} NUL bytes in the text dropped (padding or damage)"
            ));
            None
        }
    } else {
        None
    };
    let format = detect::sniff(&decoded.text);
    let (text, kept) = if format == Format::Text {
        // A table the content sniffer was unsure of is still read as one
        // when the file is named `.csv` or `.tsv`; normalising would turn its
        // tabs into spaces.
        let kept = decoded.text.contains('\t').then(|| decoded.text.clone());
        (normalize(&decoded.text), kept)
    } else {
        (String::new(), Some(decoded.text))
    };
    PreparedText {
        encoding: decoded.encoding,
        text,
        warnings: decoded.warnings,
        format,
        decoded: kept,
        unusable,
    }
}

/// What one file holds, once read: the answer the indexer and `extract`
/// both act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileContents {
    /// The articles in the file, each with some text or a title.
    Articles(Vec<Article>),
    /// The file is something else that lives beside news (a corpus's list
    /// of its files, a table of annotations): nothing to read, and not a
    /// failure. The reason says what the file was taken for.
    NotNews(String),
    /// The file holds no article; the reason says why (empty, binary, a
    /// JSON or table shape ingest does not know, only boilerplate).
    Unusable(String),
}

/// Reads a prepared file and says what it holds; see [`FileContents`].
pub fn read_file(
    prepared: PreparedText,
    source: &Source<'_>,
    options: &IngestOptions,
) -> FileContents {
    if let Some(reason) = prepared.unusable {
        return FileContents::Unusable(reason.to_owned());
    }
    let (articles, empty): (Vec<Article>, Vec<Article>) =
        ingest_prepared(prepared, source, options)
            .into_iter()
            .partition(|article| !is_empty_article(article));
    if !articles.is_empty() {
        return FileContents::Articles(articles);
    }
    let mut warnings = empty.iter().flat_map(|article| &article.warnings);
    if let Some(what) = warnings
        .clone()
        .find_map(|warning| warning.strip_prefix(NOT_NEWS))
    {
        return FileContents::NotNews(what.to_owned());
    }
    let reason = warnings
        .find_map(|warning| warning.strip_prefix(NO_ARTICLES))
        .unwrap_or("no text left after removing boilerplate");
    FileContents::Unusable(reason.to_owned())
}

fn is_empty_article(article: &Article) -> bool {
    article.text.trim().is_empty()
        && article
            .title
            .as_deref()
            .is_none_or(|title| title.trim().is_empty())
}

/// Parses text made by [`prepare`] into articles; see [`ingest`].
///
/// The format is the one [`prepare`] found in the content; the extension
/// of [`Source::path`] only decides for content that looks like plain text.
/// A multi-article file (Reuters SGML, JSON Lines, a table) yields one
/// article per record, each with an id made from the path and the record;
/// a file in which no article is found yields one article without text
/// whose last warning starts with [`NO_ARTICLES`] and says why, or with
/// [`NOT_NEWS`] when the file was recognised as something else than news
/// (a table listing the files of a corpus), which is not an error.
pub fn ingest_prepared(
    prepared: PreparedText,
    source: &Source<'_>,
    options: &IngestOptions,
) -> Vec<Article> {
    let PreparedText {
        encoding,
        text,
        warnings,
        format,
        decoded,
        unusable: _,
    } = prepared;
    let hint = detect::hinted_format(source.path);
    let format = detect::decide(format, hint, decoded.as_deref().unwrap_or(&text));
    let context = record::FileContext {
        source,
        options,
        format,
        encoding,
    };
    let raw = decoded.as_deref().unwrap_or(&text);
    let mut early_cut = None;
    let mut articles = match format {
        Format::Html => html::read(raw, &context, warnings),
        Format::Json => json::read(raw, &context, warnings),
        Format::Sgml => sgml::read(raw, &context, warnings),
        Format::Timeml => timeml::read(raw, &context, warnings),
        Format::Csv => delimited::read(raw, &context, warnings),
        Format::Xml => xml::read(raw, &context, warnings),
        _ => {
            let mut text = if text.is_empty() {
                decoded.as_deref().map(normalize).unwrap_or_default()
            } else {
                text
            };
            // A plain-text file is one article: cutting its text before it
            // is parsed spares the parser a text of any length.
            early_cut = limit::cut_point(&text, options.max_article_bytes);
            if let Some(cut) = early_cut {
                limit::apply(&mut text, cut);
            }
            ingest_text(
                PreparedText {
                    encoding,
                    text,
                    warnings,
                    format: Format::Text,
                    decoded: None,
                    unusable: None,
                },
                source,
                options,
            )
        }
    };
    for article in &mut articles {
        limit::limit_article(article, options.max_article_bytes, early_cut);
        enrich::enrich(article, source.path);
    }
    articles
}

/// Parses plain text: one article.
fn ingest_text(
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
    let language = language::language_of(parsed.title.as_deref(), &parsed.body, None);
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
        language,
        url: None,
        topics: Vec::new(),
    }]
}
