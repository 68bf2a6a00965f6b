//! What an article document stores besides its text, and in what form.
//!
//! An article document stores its text and two JSON records. The first,
//! read for every hit, holds the rest of the [`Article`] but the places of
//! its entity mentions and dates: a hit gets its title, path, sections,
//! quotes and entity counts from it. The second holds those places and is
//! only read by `newsdex show`, to give the article back whole. Quote and
//! section documents store nothing: their words, speaker, heading and
//! offsets are read from their article's first record.
//!
//! Offsets compress badly, so the records keep few of them: an entity
//! mention is told by which occurrence in the text of its words it is (and
//! its words only when they are not the entity's name), a date by its
//! distance from the previous one, and the words of a quote are kept only
//! when they are not the text between its offsets (a quote over several
//! paragraphs leaves out the marks that reopen it).

use std::collections::{HashMap, HashSet};

use newsdex_ingest::{Article, DateMention, DatePrecision, Entity, EntityKind, Quote};
use serde::{Deserialize, Serialize};

/// The record of an article that hits read: all of it but its text and
/// the places of its entity mentions and dates.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct ArticleRecord {
    /// The article with its text, entities and dates empty, and the words
    /// of its quotes left out.
    #[serde(rename = "a")]
    pub(crate) article: Article,
    /// Each entity's name, kind and number of mentions, written short
    /// (see [`RecordEntity`]).
    #[serde(
        rename = "e",
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "short_entities"
    )]
    entities: Vec<(String, EntityKind, usize)>,
    /// The quotes whose words are not the text between their offsets: the
    /// quote's position in [`Article::quotes`] and its words.
    #[serde(rename = "q", default, skip_serializing_if = "Vec::is_empty")]
    quote_words: Vec<(usize, String)>,
}

/// An entity as the record writes it: `["Ankara","l"]` for an entity
/// mentioned once, `["Ankara","l",3]` otherwise. An article names dozens
/// of entities, and their kinds spelled out and their counts (mostly 1)
/// were a tenth of the record even compressed.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum RecordEntity {
    Once(String, KindLetter),
    Mentioned(String, KindLetter, usize),
}

/// An [`EntityKind`] in one letter.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
enum KindLetter {
    #[serde(rename = "p")]
    Person,
    #[serde(rename = "o")]
    Organization,
    #[serde(rename = "l")]
    Place,
}

impl From<EntityKind> for KindLetter {
    fn from(kind: EntityKind) -> KindLetter {
        match kind {
            EntityKind::Person => KindLetter::Person,
            EntityKind::Organization => KindLetter::Organization,
            EntityKind::Place => KindLetter::Place,
        }
    }
}

impl From<KindLetter> for EntityKind {
    fn from(kind: KindLetter) -> EntityKind {
        match kind {
            KindLetter::Person => EntityKind::Person,
            KindLetter::Organization => EntityKind::Organization,
            KindLetter::Place => EntityKind::Place,
        }
    }
}

/// Reads and writes [`ArticleRecord::entities`] as [`RecordEntity`]s.
mod short_entities {
    use super::{KindLetter, RecordEntity};
    use newsdex_ingest::EntityKind;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(
        entities: &[(String, EntityKind, usize)],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(entities.iter().map(|(name, kind, mentions)| {
            let kind = KindLetter::from(*kind);
            match mentions {
                1 => RecordEntity::Once(name.clone(), kind),
                _ => RecordEntity::Mentioned(name.clone(), kind, *mentions),
            }
        }))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<(String, EntityKind, usize)>, D::Error> {
        let entities = Vec::<RecordEntity>::deserialize(deserializer)?;
        Ok(entities
            .into_iter()
            .map(|entity| match entity {
                RecordEntity::Once(name, kind) => (name, kind.into(), 1),
                RecordEntity::Mentioned(name, kind, mentions) => (name, kind.into(), mentions),
            })
            .collect())
    }
}

/// The record of where an article's entities and dates are mentioned.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct MentionRecord {
    /// The mentions of each entity of [`ArticleRecord::entities`], in order.
    #[serde(rename = "m", default, skip_serializing_if = "Vec::is_empty")]
    mentions: Vec<Vec<Mention>>,
    #[serde(rename = "d", default, skip_serializing_if = "Vec::is_empty")]
    dates: Vec<DateRecord>,
}

/// Where an entity is mentioned.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Mention {
    /// The entity's name, at this occurrence of it in the text.
    Name(usize),
    /// Other words, at this occurrence of them in the text.
    Words(String, usize),
    /// Byte offsets, when the words cannot be found again that way.
    Offsets([usize; 2]),
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

/// How many bytes of text finding occurrences may read per article: past
/// it (a text of megabytes with thousands of entities), mentions are kept
/// as offsets, so that neither indexing nor `show` scans the text for long.
const OCCURRENCE_SCAN_BYTES: usize = 16 << 20;

/// Where some words occur in a text: the n-th occurrence of some words is
/// the n-th match of `str::match_indices`, which does not overlap.
struct Occurrences {
    starts: HashMap<String, Vec<usize>, foldhash::fast::RandomState>,
}

impl Occurrences {
    /// Finds `forms` in `text` in one pass. Only the first distinct forms
    /// (in the order given) whose scans would fit the budget are looked
    /// for, as if each read the whole text: the others are left out, and
    /// their mentions kept as offsets. Empty forms are never looked for.
    fn find<'f>(text: &str, forms: impl IntoIterator<Item = &'f str>) -> Occurrences {
        Occurrences::find_within(text, forms, OCCURRENCE_SCAN_BYTES)
    }

    /// [`Occurrences::find`] with a budget of `budget` bytes.
    fn find_within<'f>(
        text: &str,
        forms: impl IntoIterator<Item = &'f str>,
        budget: usize,
    ) -> Occurrences {
        let most = budget.checked_div(text.len()).unwrap_or(usize::MAX);
        let mut patterns: Vec<&str> = Vec::new();
        let mut seen: HashSet<&str, foldhash::fast::RandomState> = HashSet::default();
        for form in forms {
            if patterns.len() >= most {
                break;
            }
            if !form.is_empty() && seen.insert(form) {
                patterns.push(form);
            }
        }
        if patterns.is_empty() {
            return Occurrences {
                starts: HashMap::default(),
            };
        }
        // One pass over the text, trying at each byte the forms that start
        // with it (an automaton costs more to build than an article's text
        // costs to search this way). The starts of one form come in order,
        // so keeping each that starts past the form's previous kept match
        // is `match_indices`.
        let mut by_first_byte: Vec<Vec<usize>> = vec![Vec::new(); 256];
        let mut starts_a_form = [false; 256];
        for (number, form) in patterns.iter().enumerate() {
            let first = usize::from(form.as_bytes()[0]);
            by_first_byte[first].push(number);
            starts_a_form[first] = true;
        }
        let mut found: Vec<Vec<usize>> = vec![Vec::new(); patterns.len()];
        let mut free_from = vec![0; patterns.len()];
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(skipped) = bytes.get(at..).and_then(|rest| {
            rest.iter()
                .position(|&byte| starts_a_form[usize::from(byte)])
        }) {
            at += skipped;
            for &number in &by_first_byte[usize::from(bytes[at])] {
                let form = patterns[number].as_bytes();
                if at >= free_from[number] && bytes[at..].starts_with(form) {
                    found[number].push(at);
                    free_from[number] = at + form.len();
                }
            }
            at += 1;
        }
        let starts = patterns
            .iter()
            .map(|form| (*form).to_owned())
            .zip(found)
            .collect();
        Occurrences { starts }
    }

    /// Where `words` occur, unless they were not looked for.
    fn of(&self, words: &str) -> Option<&[usize]> {
        self.starts.get(words).map(Vec::as_slice)
    }
}

impl ArticleRecord {
    /// The records of `article`; its text is stored apart.
    pub(crate) fn of(article: &Article) -> (ArticleRecord, MentionRecord) {
        let text = article.text.as_str();
        let occurrences = Occurrences::find(
            text,
            article
                .entities
                .iter()
                .flat_map(|entity| &entity.mentions)
                .filter_map(|&[start, end]| text.get(start..end)),
        );
        let mentions = article
            .entities
            .iter()
            .map(|entity| {
                entity
                    .mentions
                    .iter()
                    .map(|&[start, end]| {
                        let Some(words) = text.get(start..end) else {
                            return Mention::Offsets([start, end]);
                        };
                        let occurrence = occurrences
                            .of(words)
                            .and_then(|starts| starts.binary_search(&start).ok());
                        match occurrence {
                            Some(nth) if words == entity.name => Mention::Name(nth),
                            Some(nth) => Mention::Words(words.to_owned(), nth),
                            None => Mention::Offsets([start, end]),
                        }
                    })
                    .collect()
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
                if text.get(quote.start..quote.end) != Some(quote.text.as_str()) {
                    quote_words.push((number, quote.text.clone()));
                }
                Quote {
                    text: String::new(),
                    ..quote.clone()
                }
            })
            .collect();
        let record = ArticleRecord {
            article: Article {
                text: String::new(),
                entities: Vec::new(),
                dates: Vec::new(),
                quotes,
                ..article.clone()
            },
            entities: article
                .entities
                .iter()
                .map(|entity| (entity.name.clone(), entity.kind, entity.mentions.len()))
                .collect(),
            quote_words,
        };
        (record, MentionRecord { mentions, dates })
    }

    /// The whole article again, from its two records and its text.
    pub(crate) fn into_article(self, places: MentionRecord, text: String) -> Article {
        let mut article = self.article;
        for (number, quote) in article.quotes.iter_mut().enumerate() {
            quote.text = match self.quote_words.iter().find(|(at, _)| *at == number) {
                Some((_, words)) => words.clone(),
                None => text
                    .get(quote.start..quote.end)
                    .unwrap_or_default()
                    .to_owned(),
            };
        }
        let occurrences = Occurrences::find(
            &text,
            self.entities
                .iter()
                .zip(&places.mentions)
                .flat_map(|((name, _, _), mentions)| {
                    mentions.iter().filter_map(move |mention| match mention {
                        Mention::Name(_) => Some(name.as_str()),
                        Mention::Words(words, _) => Some(words.as_str()),
                        Mention::Offsets(_) => None,
                    })
                }),
        );
        let mut mentions = places.mentions.into_iter();
        article.entities = self
            .entities
            .into_iter()
            .map(|(name, kind, _)| {
                let mentions = mentions
                    .next()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|mention| {
                        let (words, nth) = match &mention {
                            Mention::Name(nth) => (name.as_str(), *nth),
                            Mention::Words(words, nth) => (words.as_str(), *nth),
                            Mention::Offsets(offsets) => return *offsets,
                        };
                        let start = occurrences
                            .of(words)
                            .and_then(|starts| starts.get(nth))
                            .copied()
                            .unwrap_or_default();
                        [start, start + words.len()]
                    })
                    .collect();
                Entity {
                    name,
                    kind,
                    mentions,
                }
            })
            .collect();
        let mut start = 0i64;
        article.dates = places
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
        article.text = text;
        article
    }

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
            .map(|(name, kind, mentions)| (name.as_str(), *kind, *mentions))
    }
}

/// An offset written by [`ArticleRecord::of`], which came from a `usize`.
fn offset(value: i64) -> usize {
    usize::try_from(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsdex_ingest::{Format, Section, SpeakerResolution};

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
    fn the_first_record_has_what_a_hit_shows() {
        let article = article();
        let json = serde_json::to_string(&ArticleRecord::of(&article).0).unwrap();
        let summary: ArticleRecord = serde_json::from_str(&json).unwrap();
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
        let (record, places) = ArticleRecord::of(article);
        let record = serde_json::to_string(&record).unwrap();
        let places = serde_json::to_string(&places).unwrap();
        let record: ArticleRecord = serde_json::from_str(&record).unwrap();
        let places: MentionRecord = serde_json::from_str(&places).unwrap();
        record.into_article(places, article.text.clone())
    }

    #[test]
    fn entities_are_written_short_and_read_back() {
        let article = article();
        let (record, _) = ArticleRecord::of(&article);
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(
            json["e"],
            serde_json::json!([
                ["Recep Tayyip Erdogan", "p", 3],
                ["Ankara", "l"],
                ["Nobody", "o", 0]
            ])
        );
        let read: ArticleRecord = serde_json::from_value(json).unwrap();
        let entities: Vec<_> = read.entities().collect();
        assert_eq!(
            entities,
            [
                ("Recep Tayyip Erdogan", EntityKind::Person, 3),
                ("Ankara", EntityKind::Place, 1),
                ("Nobody", EntityKind::Organization, 0)
            ]
        );
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
    fn mentions_that_cannot_be_found_again_keep_their_offsets() {
        let text = "aaa bb Aé cc".to_owned();
        let article = Article {
            entities: vec![Entity {
                name: "aa".to_owned(),
                kind: EntityKind::Place,
                // Overlapping the first occurrence, empty, inside a
                // character, past the text, then found by name and by
                // other words.
                mentions: vec![[1, 3], [4, 4], [8, 9], [40, 44], [0, 2], [4, 6], [7, 10]],
            }],
            quotes: Vec::new(),
            dates: Vec::new(),
            text,
            ..article()
        };
        assert_eq!(round_trip(&article), article);
    }

    #[test]
    fn the_records_keep_no_words_of_the_text() {
        let article = article();
        let json = serde_json::to_string(&ArticleRecord::of(&article)).unwrap();
        assert!(!json.contains("We agree"), "{json}");
        assert!(json.contains("and again"), "{json}");
    }

    /// What the finder replaced: one `match_indices` scan per distinct
    /// form, in the order asked, while the scans fit the budget.
    fn scan_per_form(text: &str, forms: &[&str], budget: usize) -> HashMap<String, Vec<usize>> {
        let mut starts = HashMap::new();
        let mut scanned = 0;
        for form in forms {
            if form.is_empty() || starts.contains_key(*form) {
                continue;
            }
            if scanned + text.len() > budget {
                continue;
            }
            scanned += text.len();
            let at = text.match_indices(form).map(|(at, _)| at).collect();
            starts.insert((*form).to_owned(), at);
        }
        starts
    }

    proptest::proptest! {
        #[test]
        fn one_pass_finds_what_a_scan_per_form_finds(
            text in "[abé ]{0,60}",
            forms in proptest::collection::vec("[abé ]{0,4}", 0..12),
            budget in 0usize..400,
        ) {
            let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
            let found = Occurrences::find_within(&text, forms.iter().copied(), budget);
            let found: std::collections::BTreeMap<_, _> = found.starts.into_iter().collect();
            let scanned: std::collections::BTreeMap<_, _> =
                scan_per_form(&text, &forms, budget).into_iter().collect();
            proptest::prop_assert_eq!(found, scanned);
        }
    }

    #[test]
    fn overlapping_occurrences_count_as_match_indices_does() {
        let found = Occurrences::find("aaaaa abab aba", ["aa", "aba", "a"]);
        assert_eq!(found.of("aa"), Some(&[0, 2][..]));
        assert_eq!(found.of("aba"), Some(&[6, 11][..]));
        assert_eq!(found.of("a").map(<[usize]>::len), Some(9));
        assert_eq!(found.of("b"), None);
    }

    #[test]
    fn mentions_past_the_scan_budget_keep_their_offsets() {
        let text = "alpha beta gamma ".repeat(OCCURRENCE_SCAN_BYTES / 17 / 2 + 1);
        let entity = |name: &str| {
            let start = text.find(name).unwrap();
            Entity {
                name: name.to_owned(),
                kind: EntityKind::Place,
                mentions: vec![[start, start + name.len()]],
            }
        };
        let article = Article {
            entities: vec![entity("alpha"), entity("beta"), entity("gamma")],
            quotes: Vec::new(),
            dates: Vec::new(),
            sections: Vec::new(),
            text: text.clone(),
            ..article()
        };
        // The text is over half the budget: only the first form is looked
        // for; the others are kept as offsets.
        let (_, places) = ArticleRecord::of(&article);
        let kept: Vec<_> = places
            .mentions
            .iter()
            .map(|mentions| &mentions[0])
            .collect();
        assert!(
            matches!(
                kept[..],
                [Mention::Name(0), Mention::Offsets(_), Mention::Offsets(_)]
            ),
            "{kept:?}"
        );
        assert_eq!(round_trip(&article), article);
    }
}
