//! Name lists shipped with the crate: places, organisations, given names,
//! demonyms, titles and organisation words, and the alias table that maps
//! other names of an entity to its canonical name.
//!
//! The lists are plain text under `crates/ingest/data/entities/`, written
//! for newsdex from public-domain facts (see `docs/entities.md`). They are
//! embedded in the binary and parsed once.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use super::tokenize::tokenize;
use crate::EntityKind;

/// A country or territory.
pub(crate) const COUNTRY: u8 = 1;
/// Another place: a city, region, sea.
pub(crate) const PLACE: u8 = 2;
/// An organisation.
pub(crate) const ORGANIZATION: u8 = 4;
/// A given name.
pub(crate) const FIRST_NAME: u8 = 8;
/// A demonym or other adjective of a group ("Israeli", "Muslim").
pub(crate) const DEMONYM: u8 = 16;
/// A title or role that stands before a name ("President").
pub(crate) const TITLE: u8 = 32;
/// A word that heads or ends an organisation's name ("Ministry", "Inc").
pub(crate) const ORG_WORD: u8 = 64;

/// A well-known person's name, or one of its parts' forms in the alias
/// table ("Erdogan").
pub(crate) const PERSON: u8 = 128;

/// The number of gazetteer classes (bits above).
pub(crate) const CLASSES: usize = 8;

/// The longest phrase, in tokens, that any list holds.
const MAX_PHRASE: usize = 6;

const LISTS: &[(u8, &str)] = &[
    (COUNTRY, include_str!("../../data/entities/countries.txt")),
    (PLACE, include_str!("../../data/entities/places.txt")),
    (
        ORGANIZATION,
        include_str!("../../data/entities/organizations.txt"),
    ),
    (
        FIRST_NAME,
        include_str!("../../data/entities/first_names.txt"),
    ),
    (DEMONYM, include_str!("../../data/entities/demonyms.txt")),
    (TITLE, include_str!("../../data/entities/person_titles.txt")),
    (ORG_WORD, include_str!("../../data/entities/org_words.txt")),
    (PERSON, include_str!("../../data/entities/people.txt")),
];

const ALIASES: &str = include_str!("../../data/entities/aliases.txt");

/// Lower case without accents, typographic apostrophes made straight:
/// "Erdoğan" and "ERDOGAN" both fold to "erdogan".
pub(crate) fn fold(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(word.to_ascii_lowercase());
        }
        return Cow::Borrowed(word);
    }
    let mut folded = String::with_capacity(word.len());
    for c in word.nfd() {
        match c {
            '\u{0300}'..='\u{036F}' => {}
            '’' | '‘' | '`' | '´' => folded.push('\''),
            'ı' | 'İ' => folded.push('i'),
            'ø' | 'Ø' => folded.push('o'),
            'ł' | 'Ł' => folded.push('l'),
            'đ' | 'Đ' => folded.push('d'),
            'ß' => folded.push_str("ss"),
            'æ' | 'Æ' => folded.push_str("ae"),
            'œ' | 'Œ' => folded.push_str("oe"),
            c => folded.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(folded)
}

/// The hash of one folded word, digits made `0` ("G7" is "g0"): the
/// word's identity both in phrase keys and as a tagger feature.
pub(crate) fn word_key(folded: &str) -> u64 {
    let bytes = folded.as_bytes();
    if !bytes.iter().any(|&b| b.is_ascii_digit() && b != b'0') {
        return xxhash_rust::xxh3::xxh3_64(bytes);
    }
    // Digits are single bytes, so they are zeroed byte by byte; a short
    // word (most) on the stack.
    let zero = |&b: &u8| if b.is_ascii_digit() { b'0' } else { b };
    let mut buffer = [0u8; 32];
    if bytes.len() <= buffer.len() {
        for (to, from) in buffer.iter_mut().zip(bytes) {
            *to = zero(from);
        }
        xxhash_rust::xxh3::xxh3_64(&buffer[..bytes.len()])
    } else {
        xxhash_rust::xxh3::xxh3_64(&bytes.iter().map(zero).collect::<Vec<u8>>())
    }
}

/// [`word_key`] of a folded word without digits, which needs no scan for
/// them.
pub(crate) fn word_key_without_digits(folded: &str) -> u64 {
    debug_assert!(!folded.bytes().any(|b| b.is_ascii_digit()));
    xxhash_rust::xxh3::xxh3_64(folded.as_bytes())
}

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A map keyed by hashes.
pub(crate) type KeyMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// The key of the empty phrase, which words extend.
pub(crate) const PHRASE_SEED: u64 = 0x5151_5151;

/// Extends a phrase key by one word key.
pub(crate) fn extend_key(phrase: u64, word: u64) -> u64 {
    (phrase ^ word)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(29)
}

/// Marks, beside a phrase's classes, a phrase that begins a longer one.
const LONGER: u16 = 1 << 8;

/// Adds a phrase of folded words with a class, and marks each of its
/// beginnings as the start of a longer phrase; returns its key.
fn add_phrase(phrases: &mut KeyMap<u16>, words: &[String], class: u8) -> u64 {
    let mut key = PHRASE_SEED;
    for (i, word) in words.iter().enumerate() {
        key = extend_key(key, word_key(word));
        if i + 1 < words.len() {
            *phrases.entry(key).or_default() |= LONGER;
        }
    }
    *phrases.entry(key).or_default() |= u16::from(class);
    key
}

/// The key of a name as written: its tokens folded, as [`phrase_words`]
/// and [`phrase_key`] make it, without a string per word.
fn name_key(name: &str) -> u64 {
    let (tokens, _) = tokenize(name);
    tokens.iter().fold(PHRASE_SEED, |key, token| {
        extend_key(key, word_key(&fold(&name[token.start..token.end])))
    })
}

/// The key of a phrase given as folded words.
fn phrase_key<'a>(words: impl IntoIterator<Item = &'a str>) -> u64 {
    words
        .into_iter()
        .fold(PHRASE_SEED, |key, word| extend_key(key, word_key(word)))
}

/// The folded words of a phrase, tokenised as running text is.
fn phrase_words(phrase: &str) -> Vec<String> {
    let (tokens, _) = tokenize(phrase);
    tokens
        .iter()
        .map(|t| fold(&phrase[t.start..t.end]).into_owned())
        .collect()
}

/// All lists, as phrase keys with the classes they belong to.
pub(crate) struct Gazetteer {
    phrases: KeyMap<u16>,
    /// Demonym phrase key to the place it names.
    demonym_places: HashMap<u64, String>,
    /// Alias phrase key (of a kind) to canonical name.
    aliases: HashMap<(EntityKind, u64), String, std::hash::BuildHasherDefault<KeyHasher>>,
}

/// The lists, parsed once.
pub(crate) static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

impl Gazetteer {
    fn load() -> Gazetteer {
        let mut phrases: KeyMap<u16> = KeyMap::default();
        let mut demonym_places = HashMap::new();
        for &(class, list) in LISTS {
            for line in list.lines() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let mut columns = line.split('\t');
                let name = columns.next().unwrap_or_default().trim();
                let words = phrase_words(name);
                if words.is_empty() || words.len() > MAX_PHRASE {
                    continue;
                }
                let key = add_phrase(&mut phrases, &words, class);
                if class == DEMONYM
                    && let Some(place) = columns.next().map(str::trim).filter(|p| !p.is_empty())
                {
                    demonym_places.insert(key, place.to_owned());
                }
            }
        }
        let mut aliases = HashMap::default();
        for line in ALIASES.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut columns = line.split('\t').map(str::trim);
            let kind = match columns.next() {
                Some("place") => EntityKind::Place,
                Some("person") => EntityKind::Person,
                Some("organization") => EntityKind::Organization,
                _ => continue,
            };
            let Some(canonical) = columns.next() else {
                continue;
            };
            for name in std::iter::once(canonical).chain(columns) {
                let words = phrase_words(name);
                let class = match kind {
                    EntityKind::Person => PERSON,
                    EntityKind::Organization => ORGANIZATION,
                    EntityKind::Place => PLACE,
                };
                let key = if words.len() <= MAX_PHRASE {
                    add_phrase(&mut phrases, &words, class)
                } else {
                    phrase_key(words.iter().map(String::as_str))
                };
                aliases.insert((kind, key), canonical.to_owned());
            }
        }
        Gazetteer {
            phrases,
            demonym_places,
            aliases,
        }
    }

    /// The classes of the phrase with this key (0 when it is in no list).
    pub(crate) fn classes(&self, key: u64) -> u8 {
        self.lookup(key).0
    }

    /// The classes of the phrase with this key, and whether a longer
    /// phrase of the lists starts with it: when not, a longer match need
    /// not be looked for.
    pub(crate) fn lookup(&self, key: u64) -> (u8, bool) {
        let entry = self.phrases.get(&key).copied().unwrap_or(0);
        (entry as u8, entry & LONGER != 0)
    }

    /// The longest phrase the lists hold, in words.
    pub(crate) fn max_phrase(&self) -> usize {
        MAX_PHRASE
    }

    /// The canonical name of an entity of `kind` whose name has the key
    /// `key` (the fold of its tokens' [`word_key`]s from [`PHRASE_SEED`]),
    /// when the alias table knows it.
    pub(crate) fn alias_of_key(&self, kind: EntityKind, key: u64) -> Option<&str> {
        self.aliases.get(&(kind, key)).map(String::as_str)
    }

    /// The place a demonym names ("Israeli" → "Israel").
    pub(crate) fn demonym_place(&self, name: &str) -> Option<&str> {
        self.demonym_places.get(&name_key(name)).map(String::as_str)
    }

    /// Whether the phrase is a title or role ("Defense Minister").
    pub(crate) fn is_title(&self, words: &[&str]) -> bool {
        let key = words.iter().fold(PHRASE_SEED, |key, word| {
            extend_key(key, word_key(&fold(word)))
        });
        self.classes(key) & TITLE != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_zeroed_in_word_keys() {
        assert_eq!(word_key("g7"), word_key("g0"));
        assert_eq!(word_key("1996"), xxhash_rust::xxh3::xxh3_64(b"0000"));
        assert_ne!(word_key("g7"), word_key("g"));
        let long = "a1".repeat(40);
        assert_eq!(word_key(&long), word_key(&"a0".repeat(40)));
        assert_eq!(
            word_key("ö9ß"),
            xxhash_rust::xxh3::xxh3_64("ö0ß".as_bytes())
        );
    }

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("ERDOGAN"), "erdogan");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Israel’s"), "israel's");
        assert_eq!(fold("plain"), "plain");
    }

    #[test]
    fn finds_phrases_and_aliases() {
        let g = &*GAZETTEER;
        assert!(g.lookup(phrase_key(["gaza"])).1, "gaza begins gaza strip");
        assert!(!g.lookup(phrase_key(["ankara"])).1);
        assert_eq!(
            name_key("Gaza  Strip’s"),
            phrase_key(["gaza", "strip", "'s"])
        );
        let key = phrase_key(["gaza", "strip"]);
        assert_ne!(g.classes(key) & COUNTRY, 0);
        assert_ne!(g.classes(phrase_key(["ankara"])) & PLACE, 0);
        assert_ne!(g.classes(phrase_key(["hamas"])) & ORGANIZATION, 0);
        assert_eq!(
            g.alias_of_key(EntityKind::Person, name_key("Erdoğan")),
            Some("Recep Tayyip Erdogan")
        );
        assert_eq!(
            g.alias_of_key(EntityKind::Place, name_key("U.S.")),
            Some("United States")
        );
        assert_eq!(g.alias_of_key(EntityKind::Place, name_key("Erdogan")), None);
        assert_eq!(g.demonym_place("Israeli"), Some("Israel"));
        assert!(g.is_title(&["Defense", "Minister"]));
        assert!(!g.is_title(&["Benny"]));
    }
}
