//! The plain-text format: a page scraped to text, or a clean news file.

use crate::{RepeatedLines, Section};

/// What the plain-text reader found in a normalised text.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParsedText {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    pub published: Option<String>,
    pub sections: Vec<Section>,
    pub body: String,
    pub warnings: Vec<String>,
}

pub(crate) fn parse(text: &str, repeated: Option<&RepeatedLines>) -> ParsedText {
    let _ = repeated;
    ParsedText { body: text.to_owned(), ..ParsedText::default() }
}
