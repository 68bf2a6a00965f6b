//! What an article document stores besides its text, and in what form.
//!
//! An article document stores its text in a field of its own and the rest
//! of the [`Article`] as one JSON record, from which `newsdex show` gives
//! the article back whole and a hit gets its title, path and entities.
//! Quote and section documents store only their id: their words, speaker,
//! heading and offsets are read from their article's record.
//!
//! Most of a record is offsets, which compress badly, so the record keeps
//! them small: each entity mention and each date is stored as its distance
//! from the one before it, a mention as long as its entity's name keeps no
//! length, and the words of a quote are kept only when they are not the
//! text between its offsets (a quote over several paragraphs leaves out the
//! marks that reopen it).

use newsdex_ingest::{Article, DateMention, DatePrecision, Entity, EntityKind, Quote, Section};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

/// The stored form of an article without its text.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct ArticleRecord {
    /// The article with its text, entities and dates empty, and the words
    /// of its quotes left out.
    #[serde(rename = "a")]
    article: Article,
    #[serde(rename = "e", default, skip_serializing_if = "Vec::is_empty")]
    entities: Vec<EntityRecord>,
    #[serde(rename = "d", default, skip_serializing_if = "Vec::is_empty")]
    dates: Vec<DateRecord>,
    /// The quotes whose words are not the text between their offsets: the
    /// quote's position in [`Article::quotes`] and its words.
    #[serde(rename = "q", default, skip_serializing_if = "Vec::is_empty")]
    quote_words: Vec<(usize, String)>,
}

/// An [`Entity`] with its mentions as distances.
#[derive(Debug, Serialize, Deserialize)]
struct EntityRecord {
    #[serde(rename = "n")]
    name: String,
    #[serde(rename = "k")]
    kind: EntityKind,
    /// Where each mention starts, as the distance from where the one
    /// before it starts (the first from 0).
    #[serde(rename = "m")]
    starts: Vec<i64>,
    /// The mentions that are not as long as the name, in bytes: the
    /// mention's position in `starts` and its length.
    #[serde(rename = "l", default, skip_serializing_if = "Vec::is_empty")]
    lengths: Vec<(usize, i64)>,
}

/// A [`DateMention`] with its start as a distance from the previous date's.
#[derive(Debug, Serialize, Deserialize)]
struct DateRecord {
    #[serde(rename = "v")]
    value: String,
    #[serde(rename = "s")]
    start: i64,
    #[serde(rename = "l")]
    length: i64,
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    precision: Option<DatePrecision>,
    #[serde(rename = "r", default, skip_serializing_if = "std::ops::Not::not")]
    relative: bool,
}

impl ArticleRecord {
    /// The record of `article`; its text is stored apart.
    pub(crate) fn of(article: &Article) -> ArticleRecord {
        let entities = article
            .entities
            .iter()
            .map(|entity| {
                let name_length = entity.name.len() as i64;
                let mut previous = 0i64;
                let mut starts = Vec::with_capacity(entity.mentions.len());
                let mut lengths = Vec::new();
                for (number, &[start, end]) in entity.mentions.iter().enumerate() {
                    let (start, end) = (start as i64, end as i64);
                    starts.push(start - previous);
                    previous = start;
                    if end - start != name_length {
                        lengths.push((number, end - start));
                    }
                }
                EntityRecord {
                    name: entity.name.clone(),
                    kind: entity.kind,
                    starts,
                    lengths,
                }
            })
            .collect();
        let mut previous = 0i64;
        let dates = article
            .dates
            .iter()
            .map(|date| {
                let start = date.start as i64;
                let record = DateRecord {
                    value: date.value.clone(),
                    start: start - previous,
                    length: date.end as i64 - start,
                    precision: date.precision,
                    relative: date.relative,
                };
                previous = start;
                record
            })
            .collect();
        let mut quote_words = Vec::new();
        let quotes = article
            .quotes
            .iter()
            .enumerate()
            .map(|(number, quote)| {
                if article.text.get(quote.start..quote.end) != Some(quote.text.as_str()) {
                    quote_words.push((number, quote.text.clone()));
                }
                Quote {
                    text: String::new(),
                    ..quote.clone()
                }
            })
            .collect();
        ArticleRecord {
            article: Article {
                text: String::new(),
                entities: Vec::new(),
                dates: Vec::new(),
                quotes,
                ..article.clone()
            },
            entities,
            dates,
            quote_words,
        }
    }

    /// The whole article again, with `text`, the text stored apart.
    pub(crate) fn into_article(self, text: String) -> Article {
        let mut article = self.article;
        article.entities = self
            .entities
            .into_iter()
            .map(|entity| {
                let name_length = entity.name.len() as i64;
                let mut lengths = entity.lengths.into_iter().peekable();
                let mut start = 0i64;
                let mentions = entity
                    .starts
                    .iter()
                    .enumerate()
                    .map(|(number, distance)| {
                        start += distance;
                        let length = match lengths.peek() {
                            Some(&(at, length)) if at == number => {
                                lengths.next();
                                length
                            }
                            _ => name_length,
                        };
                        [offset(start), offset(start + length)]
                    })
                    .collect();
                Entity {
                    name: entity.name,
                    kind: entity.kind,
                    mentions,
                }
            })
            .collect();
        let mut start = 0i64;
        article.dates = self
            .dates
            .into_iter()
            .map(|date| {
                start += date.start;
                DateMention {
                    value: date.value,
                    start: offset(start),
                    end: offset(start + date.length),
                    precision: date.precision,
                    relative: date.relative,
                }
            })
            .collect();
        let mut words = self.quote_words.into_iter().peekable();
        for (number, quote) in article.quotes.iter_mut().enumerate() {
            quote.text = match words.peek() {
                Some((at, _)) if *at == number => words.next().map(|(_, words)| words),
                _ => text.get(quote.start..quote.end).map(str::to_owned),
            }
            .unwrap_or_default();
        }
        article.text = text;
        article
    }
}

/// What a hit shows of an article, read from its record without building
/// the rest (its dates, and each mention of its entities).
#[derive(Debug, Deserialize)]
pub(crate) struct ArticleSummary {
    #[serde(rename = "a")]
    pub(crate) article: ArticleHead,
    #[serde(rename = "e", default)]
    entities: Vec<EntityMentions>,
    #[serde(rename = "q", default)]
    quote_words: Vec<(usize, String)>,
}

/// The fields of an [`Article`] that a hit shows.
#[derive(Debug, Deserialize)]
pub(crate) struct ArticleHead {
    pub(crate) id: String,
    pub(crate) path: String,
    #[serde(default)]
    pub(crate) title: Option<String>,
    #[serde(default)]
    pub(crate) outlet: Option<String>,
    #[serde(default)]
    pub(crate) published: Option<String>,
    #[serde(default)]
    pub(crate) sections: Vec<Section>,
    /// The quotes, their words left out.
    #[serde(default)]
    quotes: Vec<Quote>,
}

/// An entity and how many times it is mentioned.
#[derive(Debug, Deserialize)]
struct EntityMentions {
    #[serde(rename = "n")]
    name: String,
    #[serde(rename = "k")]
    kind: EntityKind,
    #[serde(rename = "m")]
    starts: Vec<IgnoredAny>,
}

impl ArticleSummary {
    /// The quote at `index` of the article, whose text is `text`.
    pub(crate) fn quote(&self, index: usize, text: &str) -> Option<Quote> {
        let quote = self.article.quotes.get(index)?;
        let words = match self.quote_words.iter().find(|(at, _)| *at == index) {
            Some((_, words)) => words.clone(),
            None => text
                .get(quote.start..quote.end)
                .unwrap_or_default()
                .to_owned(),
        };
        Some(Quote {
            text: words,
            ..quote.clone()
        })
    }

    /// Each entity's name and kind, and how many times it is mentioned.
    pub(crate) fn entities(&self) -> impl Iterator<Item = (&str, EntityKind, usize)> {
        self.entities
            .iter()
            .map(|entity| (entity.name.as_str(), entity.kind, entity.starts.len()))
    }
}

/// An offset written by [`ArticleRecord::of`], which came from a `usize`.
fn offset(value: i64) -> usize {
    usize::try_from(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsdex_ingest::{Format, SpeakerResolution};

    fn article() -> Article {
        let text = "Erdoğan met Herzog in Ankara. “We agree,” Erdogan said.\n\n\
                    “Again,\n\n“and again,” he said on 9 March 2022, last week."
            .to_owned();
        let find = |needle: &str| {
            let start = text.find(needle).unwrap();
            [start, start + needle.len()]
        };
        let second = find("Again,\n\n“and again,");
        Article {
            id: "0123456789abcdef".to_owned(),
            path: "news/visit.txt".to_owned(),
            format: Format::Html,
            encoding: "windows-1254".to_owned(),
            title: Some("Herzog in Ankara".to_owned()),
            authors: vec!["Emily Jones".to_owned()],
            outlet: Some("CBN News".to_owned()),
            dateline: Some("ANKARA".to_owned()),
            published: Some("2022-03-10".to_owned()),
            sections: vec![Section {
                heading: "The Facts".to_owned(),
                start: 0,
                end: 29,
            }],
            entities: vec![
                Entity {
                    name: "Recep Tayyip Erdogan".to_owned(),
                    kind: EntityKind::Person,
                    // Mentions shorter than the name, one out of order.
                    mentions: vec![find("Erdogan said"), find("Erdoğan"), [43, 50]],
                },
                Entity {
                    name: "Ankara".to_owned(),
                    kind: EntityKind::Place,
                    mentions: vec![find("Ankara")],
                },
                Entity {
                    name: "Nobody".to_owned(),
                    kind: EntityKind::Organization,
                    mentions: Vec::new(),
                },
            ],
            dates: vec![
                DateMention {
                    value: "2022-03-09".to_owned(),
                    start: find("9 March 2022")[0],
                    end: find("9 March 2022")[1],
                    precision: Some(DatePrecision::Day),
                    relative: false,
                },
                DateMention {
                    value: "2022-W09".to_owned(),
                    start: find("last week")[0],
                    end: find("last week")[1],
                    precision: Some(DatePrecision::Week),
                    relative: true,
                },
                DateMention {
                    value: "PRESENT_REF".to_owned(),
                    start: 3,
                    end: 3,
                    precision: None,
                    relative: false,
                },
            ],
            quotes: vec![
                Quote {
                    text: "We agree,".to_owned(),
                    start: find("We agree,")[0],
                    end: find("We agree,")[1],
                    speaker: Some("Recep Tayyip Erdogan".to_owned()),
                    speaker_mention: Some(find("Erdogan said")),
                    cue: Some("said".to_owned()),
                    speaker_kind: Some(EntityKind::Person),
                    resolution: Some(SpeakerResolution::Named),
                },
                // Over two paragraphs: the mark that reopens it is not one of its words.
                Quote {
                    text: "Again,\n\nand again,".to_owned(),
                    start: second[0],
                    end: second[1],
                    speaker: None,
                    speaker_mention: None,
                    cue: None,
                    speaker_kind: None,
                    resolution: Some(SpeakerResolution::Pronoun),
                },
                // Empty words where the text has some are kept as they are.
                Quote {
                    text: String::new(),
                    start: 0,
                    end: 7,
                    ..Quote::default()
                },
                // Offsets past the text.
                Quote {
                    text: "gone".to_owned(),
                    start: 500,
                    end: 504,
                    ..Quote::default()
                },
            ],
            warnings: vec!["no date".to_owned()],
            language: Some("en".to_owned()),
            url: Some("https://example.com/visit".to_owned()),
            topics: vec!["politics".to_owned()],
            text,
        }
    }

    #[test]
    fn a_summary_has_what_a_hit_shows() {
        let article = article();
        let json = serde_json::to_string(&ArticleRecord::of(&article)).unwrap();
        let summary: ArticleSummary = serde_json::from_str(&json).unwrap();
        assert_eq!(summary.article.id, article.id);
        assert_eq!(summary.article.path, article.path);
        assert_eq!(summary.article.title, article.title);
        assert_eq!(summary.article.outlet, article.outlet);
        assert_eq!(summary.article.published, article.published);
        assert_eq!(summary.article.sections, article.sections);
        for (index, quote) in article.quotes.iter().enumerate() {
            assert_eq!(summary.quote(index, &article.text).as_ref(), Some(quote));
        }
        assert_eq!(summary.quote(article.quotes.len(), &article.text), None);
        let entities: Vec<_> = summary.entities().collect();
        assert_eq!(
            entities,
            [
                ("Recep Tayyip Erdogan", EntityKind::Person, 3),
                ("Ankara", EntityKind::Place, 1),
                ("Nobody", EntityKind::Organization, 0),
            ]
        );
    }

    fn round_trip(article: &Article) -> Article {
        let json = serde_json::to_string(&ArticleRecord::of(article)).unwrap();
        let record: ArticleRecord = serde_json::from_str(&json).unwrap();
        record.into_article(article.text.clone())
    }

    #[test]
    fn an_article_comes_back_whole() {
        let article = article();
        assert_eq!(round_trip(&article), article);
    }

    #[test]
    fn an_empty_article_comes_back_whole() {
        let article = Article {
            entities: Vec::new(),
            dates: Vec::new(),
            quotes: Vec::new(),
            sections: Vec::new(),
            title: None,
            text: String::new(),
            ..article()
        };
        assert_eq!(round_trip(&article), article);
    }

    #[test]
    fn the_record_keeps_no_words_of_the_text() {
        let article = article();
        let json = serde_json::to_string(&ArticleRecord::of(&article)).unwrap();
        assert!(!json.contains("We agree"), "{json}");
        assert!(json.contains("and again"), "{json}");
    }
}
