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
    /// The language of the article as an ISO 639-1 code (`en`, `de`), when
    /// it could be told: detected from the text, or as the file declares it
    /// when the text is too short to tell.
    #[serde(default)]
    pub language: Option<String>,
    /// The address of the article, when the file gives one (a page's
    /// canonical link, a scraper's `url` field).
    #[serde(default)]
    pub url: Option<String>,
    /// Subject categories given by the source itself, not inferred: Reuters
    /// `TOPICS`, a label column of a spreadsheet, JSON-LD `articleSection`.
    #[serde(default)]
    pub topics: Vec<String>,
}

/// The formats ingest can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// Plain text, possibly a web page scraped to text.
    Text,
    /// An HTML page; the main text is extracted from it.
    Html,
    /// A JSON document or JSON Lines: one article per object.
    Json,
    /// An SGML newswire dump such as Reuters-21578: many articles per file.
    Sgml,
    /// A TimeML document (`.tml`): the text, dated by its document creation time.
    Timeml,
    /// A table of articles: comma, semicolon or tab separated values.
    Csv,
    /// Other XML: a news feed (RSS, Atom) or a token-annotated corpus document.
    Xml,
}

impl Format {
    /// The name used in JSON output and in the index.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Json => "json",
            Format::Sgml => "sgml",
            Format::Timeml => "timeml",
            Format::Csv => "csv",
            Format::Xml => "xml",
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

impl EntityKind {
    /// Every kind, in the order of [`EntityKind::index`].
    pub const ALL: [EntityKind; 3] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
    ];

    /// The position of the kind in [`EntityKind::ALL`], for per-kind tables.
    pub fn index(self) -> usize {
        match self {
            EntityKind::Person => 0,
            EntityKind::Organization => 1,
            EntityKind::Place => 2,
        }
    }

    /// The name used in JSON output and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
        }
    }
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
    /// The date at its precision, following TimeML's TIMEX3 `value`
    /// conventions: ISO 8601 `2022-03-09`, `2022-03` or `2022`, and also
    /// `2022-W01` (week), `2022-W01-WE` (weekend), `1998-Q3` (quarter),
    /// `1990-H1` (half year), `1998-SU` (season), `199X` (decade), `19`
    /// (century), or `PRESENT_REF` / `PAST_REF` / `FUTURE_REF` for "now",
    /// "recently" and "the future". See [`DateMention::precision`].
    pub value: String,
    /// Byte offset where the mention starts.
    pub start: usize,
    /// Byte offset where the mention ends.
    pub end: usize,
    /// The precision of [`DateMention::value`]; `None` only in JSON written
    /// before this field existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<DatePrecision>,
    /// Whether the value was worked out from the publication date ("on
    /// Wednesday", "last week", "March 9" without a year) rather than read
    /// off the text alone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub relative: bool,
}

/// How precise a [`DateMention`] is, and so how its value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum DatePrecision {
    /// A calendar day: `2022-03-09`.
    Day,
    /// An ISO week (`2022-W01`) or its weekend (`2022-W01-WE`).
    Week,
    /// A month: `2022-03`.
    Month,
    /// A season (`1998-SU`, `-SP`, `-FA`, `-WI`).
    Season,
    /// A quarter: `1998-Q3`.
    Quarter,
    /// A half year: `1990-H1`.
    Half,
    /// A year: `2022`.
    Year,
    /// A decade: `199X`.
    Decade,
    /// A century: `19` for the 1900s.
    Century,
    /// No date, only a pointer to the present, the past or the future:
    /// `PRESENT_REF`, `PAST_REF` or `FUTURE_REF`.
    Reference,
}

/// A direct quote and who said it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// What kind of entity the speaker is, when that is known: a person,
    /// or an organisation ("the White House said").
    #[serde(default)]
    pub speaker_kind: Option<EntityKind>,
    /// How the speaker was found, which says how far to trust it; `None`
    /// when the quote has no attribution at all.
    #[serde(default)]
    pub resolution: Option<SpeakerResolution>,
}

/// How the speaker of a [`Quote`] was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SpeakerResolution {
    /// The attribution names the speaker ("Erdogan said").
    Named,
    /// The attribution names a role that the article gives one person
    /// ("Israel's president" for "Israeli President Isaac Herzog").
    Role,
    /// The attribution is "he" or "she", resolved to the most recent person
    /// of that gender: an inference.
    Pronoun,
    /// The quote has no attribution of its own and continues the previous
    /// quote, in the same or the previous paragraph: an inference.
    Continuation,
    /// No speech verb attributes the quote; the speaker is the subject of
    /// its sentence ("Bolton thought it was “a tribute to her husband”") or
    /// of the sentence before it: an inference.
    Context,
    /// The attribution names someone who could not be resolved to a name
    /// ("a source said", "they said"); [`Quote::speaker`] is `None` and
    /// [`Quote::speaker_mention`] says where the words are.
    Unresolved,
}
