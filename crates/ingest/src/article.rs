//! The clean article that ingest produces, and the parts it is made of.
//!
//! These types are the data contract of `newsdex extract --json`: fields may
//! be added, never renamed or removed. Every offset is a byte offset into
//! [`Article::text`] that falls on a character boundary.

use serde::{Deserialize, Serialize};

/// One clean news article, as extracted from a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename = "article")]
pub struct Article {
    /// Stable identifier: a hash of the source path and the record within it.
    pub id: String,
    /// The path of the file the article came from, as it was given.
    pub path: String,
    /// The format the file was read as.
    pub format: Format,
    /// The character encoding the bytes were decoded from (WHATWG name).
    pub encoding: String,
    /// The headline, if one was found.
    pub title: Option<String>,
    /// Authors named by a byline or an author-bio block.
    pub authors: Vec<String>,
    /// The publication (outlet) named by the file, if any.
    pub outlet: Option<String>,
    /// The dateline that opens the body ("JERUSALEM, Israel"), if any.
    pub dateline: Option<String>,
    /// Publication date, ISO 8601 at its precision (`2022-03-09`, `2022-03`, `2022`).
    pub published: Option<String>,
    /// Headed sections of the body, as byte ranges of [`Article::text`].
    pub sections: Vec<Section>,
    /// The body: paragraphs separated by one blank line; the title is not part of it.
    pub text: String,
    /// Named entities mentioned in the body.
    pub entities: Vec<Entity>,
    /// Dates mentioned in the body.
    pub dates: Vec<DateMention>,
    /// Direct quotes and their speakers.
    pub quotes: Vec<Quote>,
    /// Everything that was lossy, guessed or dropped while reading the file.
    pub warnings: Vec<String>,
}

/// The formats ingest can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// Plain text, possibly a web page scraped to text.
    Text,
}

impl Format {
    /// The name used in JSON output and in the index.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
        }
    }
}

/// A headed part of the body, such as "The Facts".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading as it appears in the page.
    pub heading: String,
    /// Byte offset in [`Article::text`] where the section's content starts.
    pub start: usize,
    /// Byte offset in [`Article::text`] where the section's content ends.
    pub end: usize,
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, party, agency, group or other organisation.
    Organization,
    /// A country, city, region or other place.
    Place,
}

/// One entity with all of its mentions in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The canonical name, the same across articles.
    pub name: String,
    /// What kind of entity it is.
    pub kind: EntityKind,
    /// Byte ranges `[start, end)` of each mention in [`Article::text`].
    pub mentions: Vec<[usize; 2]>,
}

/// A date mentioned in the text, normalised at its precision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// ISO 8601 at its precision: `2022-03-09`, `2022-03` or `2022`.
    pub value: String,
    /// Byte offset where the mention starts.
    pub start: usize,
    /// Byte offset where the mention ends.
    pub end: usize,
}

/// A direct quote and who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// Byte offset where the quote starts.
    pub start: usize,
    /// Byte offset where the quote ends.
    pub end: usize,
    /// Canonical name of the speaker, or `None` when it could not be resolved.
    pub speaker: Option<String>,
    /// Byte range of the mention that names the speaker.
    pub speaker_mention: Option<[usize; 2]>,
    /// The speech verb or phrase that attributes the quote ("said").
    pub cue: Option<String>,
}
