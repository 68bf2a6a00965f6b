//! Named entities: people, organisations and places mentioned in a text.
//!
//! [`extract_entities`] tokenises the text ([`tokenize`]), tags each token
//! with a greedy averaged-perceptron tagger over word, shape, context,
//! gazetteer and document features ([`features`], weights in
//! `data/entities/model.bin`, trained on CoNLL-2003 by
//! `newsdex-eval train-entities`), and groups the mentions into one entity
//! per thing with a canonical name ([`canonical`]). Nothing is downloaded;
//! the model and name lists are embedded in the binary and read once.
//! See `docs/entities.md`.

mod canonical;
mod features;
mod gazetteer;
mod model;
mod tokenize;

use std::sync::LazyLock;

use crate::{Entity, EntityKind};

pub use canonical::entity_key;

/// The shipped model, read once.
static MODEL: LazyLock<model::Model> = LazyLock::new(|| {
    model::Model::from_bytes(include_bytes!("../../data/entities/model.bin"))
        .unwrap_or_else(|error| panic!("the embedded entity model is broken: {error}"))
});

/// One tagged mention, before grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

/// Finds the people, organisations and places that `text` mentions.
///
/// Each [`Entity`] has a canonical name ("Recep Tayyip Erdogan" for
/// "Erdogan" and "Erdoğan" too), a kind, and the byte ranges of all its
/// mentions in `text`, in text order. A mention never includes a title
/// ("President") or a possessive ("’s"). Adjectives such as "Israeli" are
/// not mentions (CoNLL tags them MISC); see `docs/entities.md`. Entities come
/// in the order of their first mention.
///
/// ```
/// use newsdex_ingest::{extract_entities, EntityKind};
///
/// let text = "Israeli President Isaac Herzog met Recep Tayyip Erdogan in Ankara. Erdogan said Israel’s president was welcome.";
/// let entities = extract_entities(text);
/// let erdogan = entities.iter().find(|e| e.name == "Recep Tayyip Erdogan").unwrap();
/// assert_eq!(erdogan.kind, EntityKind::Person);
/// assert_eq!(erdogan.mentions.len(), 2);
/// let israel = entities.iter().find(|e| e.name == "Israel").unwrap();
/// assert_eq!(&text[israel.mentions[0][0]..israel.mentions[0][1]], "Israel");
/// ```
pub fn extract_entities(text: &str) -> Vec<Entity> {
    let mentions = tag_mentions(text);
    canonical::group(text, mentions)
}

/// The place a demonym or adjective names ("Israeli", "Turkish" →
/// "Israel", "Turkey"), from the shipped list.
///
/// Demonyms are not entity mentions (CoNLL-2003 tags them MISC); this is
/// the weaker signal an index may use to link them to the place.
///
/// ```
/// assert_eq!(newsdex_ingest::place_of_demonym("Turkish"), Some("Turkey"));
/// assert_eq!(newsdex_ingest::place_of_demonym("Ankara"), None);
/// ```
pub fn place_of_demonym(word: &str) -> Option<&'static str> {
    gazetteer::GAZETTEER.demonym_place(word)
}

/// The mentions the tagger finds, titles and possessives trimmed, MISC left
/// out.
fn tag_mentions(text: &str) -> Vec<Mention> {
    let (tokens, starts) = tokenize::tokenize(text);
    if tokens.is_empty() {
        return Vec::new();
    }
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
    let document = features::Document::new(&words, &starts);
    let model = &*MODEL;
    let tags = features::decode(&document, &mut |_, features, previous| {
        features::best_tag(&model.scores(features), previous)
    });
    let mut mentions = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let kind = features::tag_kind(tags[i]);
        if kind == 0 {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < tags.len()
            && !features::tag_begins(tags[end])
            && features::tag_kind(tags[end]) == kind
        {
            end += 1;
        }
        let kind = match kind {
            1 => Some(EntityKind::Person),
            2 => Some(EntityKind::Organization),
            3 => Some(EntityKind::Place),
            _ => None,
        };
        if let Some(kind) = kind
            && let Some((first, last)) = canonical::trim_mention(&words[i..end], kind)
        {
            mentions.push(Mention {
                start: tokens[i + first].start,
                end: tokens[i + last - 1].end,
                kind,
            });
        }
        i = end;
    }
    mentions
}

/// What `newsdex-eval train-entities` needs to train the tagger on the
/// same features the extractor uses. Not a stable API.
pub mod training {
    pub use super::features::{
        Document, NUM_TAGS, OUTSIDE, TAG_NAMES, allowed, best_tag, decode, tag_begins, tag_kind,
    };
    pub use super::model::{Model, ModelError};

    /// The tag the shipped model gives each token of `text`, with the
    /// token's byte range and the tags' scores (`None` for a token the
    /// tagger leaves outside without scoring it): for looking into errors.
    pub fn tag_text(text: &str) -> Vec<(usize, usize, &'static str, Option<[f32; NUM_TAGS]>)> {
        let (tokens, starts) = super::tokenize::tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        let document = Document::new(&words, &starts);
        let model = &*super::MODEL;
        let mut scores = vec![None; tokens.len()];
        let tags = decode(&document, &mut |i, features, previous| {
            let s = model.scores(features);
            scores[i] = Some(s);
            best_tag(&s, previous)
        });
        tokens
            .iter()
            .zip(tags)
            .zip(scores)
            .map(|((t, tag), s)| (t.start, t.end, TAG_NAMES[tag as usize], s))
            .collect()
    }

    /// Splits text into tokens as the extractor does: byte ranges, and
    /// whether each token starts a sentence.
    pub fn tokenize(text: &str) -> Vec<(usize, usize, bool)> {
        let (tokens, starts) = super::tokenize::tokenize(text);
        tokens
            .iter()
            .zip(starts)
            .map(|(t, s)| (t.start, t.end, s))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::{Organization as Org, Person as Per, Place};

    /// Extracts from `text` and compares (name, kind, mention texts), in
    /// order of first mention, with `expected`; entities not listed in
    /// `expected` are allowed only when `exact` is false.
    fn check(text: &str, expected: &[(&str, EntityKind, &[&str])]) {
        let got: Vec<(String, EntityKind, Vec<&str>)> = extract_entities(text)
            .into_iter()
            .map(|e| {
                let mentions = e.mentions.iter().map(|m| &text[m[0]..m[1]]).collect();
                (e.name, e.kind, mentions)
            })
            .collect();
        let expected: Vec<(String, EntityKind, Vec<&str>)> = expected
            .iter()
            .map(|(name, kind, mentions)| (name.to_string(), *kind, mentions.to_vec()))
            .collect();
        assert_eq!(got, expected, "entities of {text:?}");
    }

    #[test]
    fn people_with_titles_and_surnames() {
        check(
            "Israeli President Isaac Herzog met Turkish President Recep Tayyip Erdogan in Ankara. Erdogan praised Herzog.",
            &[
                ("Isaac Herzog", Per, &["Isaac Herzog", "Herzog"]),
                (
                    "Recep Tayyip Erdogan",
                    Per,
                    &["Recep Tayyip Erdogan", "Erdogan"],
                ),
                ("Ankara", Place, &["Ankara"]),
            ],
        );
        check(
            "Defense Minister Benny Gantz flew to Turkey on Wednesday. Gantz's trip was brief.",
            &[
                ("Benny Gantz", Per, &["Benny Gantz", "Gantz"]),
                ("Turkey", Place, &["Turkey"]),
            ],
        );
    }

    #[test]
    fn possessives_stay_out_of_mentions() {
        check(
            "Israel’s president visited Turkey's capital.",
            &[
                ("Israel", Place, &["Israel"]),
                ("Turkey", Place, &["Turkey"]),
            ],
        );
    }

    #[test]
    fn organizations_and_places() {
        check(
            "Turkey has hosted several Hamas leaders in Istanbul.",
            &[
                ("Turkey", Place, &["Turkey"]),
                ("Hamas", Org, &["Hamas"]),
                ("Istanbul", Place, &["Istanbul"]),
            ],
        );
        check(
            "The U.S. and the United States are the same as the US.",
            &[("United States", Place, &["U.S.", "United States", "US"])],
        );
    }

    #[test]
    fn demonyms_are_not_mentions() {
        check("Israeli and Turkish officials met.", &[]);
        assert_eq!(place_of_demonym("Israeli"), Some("Israel"));
        assert_eq!(place_of_demonym("Turkish"), Some("Turkey"));
    }

    #[test]
    fn accents_make_one_entity() {
        check(
            "Ahmet Davutoğlu spoke in Ankara. Later Davutoglu left.",
            &[
                ("Ahmet Davutoğlu", Per, &["Ahmet Davutoğlu", "Davutoglu"]),
                ("Ankara", Place, &["Ankara"]),
            ],
        );
        // A person in the alias table gets its name there, whatever the
        // spelling.
        check(
            "Recep Tayyip Erdoğan spoke. Later Erdogan left.",
            &[(
                "Recep Tayyip Erdogan",
                Per,
                &["Recep Tayyip Erdoğan", "Erdogan"],
            )],
        );
    }

    #[test]
    fn tag_text_gives_every_token_its_own_scores() {
        let text = "the talks in Ankara ended , and Erdogan left .";
        let tagged = training::tag_text(text);
        assert_eq!(tagged.len(), training::tokenize(text).len());
        let ankara = tagged.iter().find(|t| &text[t.0..t.1] == "Ankara").unwrap();
        assert_eq!(ankara.2, "B-LOC");
        let scores = ankara.3.expect("a capitalised word is scored");
        assert!(scores[5] > scores[0], "{scores:?}");
        let the = &tagged[0];
        assert_eq!(
            (the.2, the.3),
            ("O", None),
            "a lower-case word after O is not scored"
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        assert!(extract_entities("").is_empty());
        assert!(extract_entities(" \n\n\t ").is_empty());
        for text in [
            "'s ’s ' \" “ ” ( ) - -- ... $ US$",
            "ISRAEL AND TURKEY VOW TO MEND TIES",
            "a\u{301}\u{302}\u{303} e\u{301} \u{1F600}\u{200D}\u{1F600} İİİ ßß ﬁ",
            "Mr. Dr. Prof. President Minister",
        ] {
            check_offsets(text);
        }
    }

    /// Every mention is a non-empty range on character boundaries.
    fn check_offsets(text: &str) {
        for entity in extract_entities(text) {
            assert!(!entity.name.is_empty());
            for [start, end] in entity.mentions {
                assert!(
                    start < end && end <= text.len(),
                    "{start}..{end} in {text:?}"
                );
                assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            }
        }
    }
}
