//! The features the tagger looks at, and its greedy left-to-right decoder.
//!
//! Both the extractor and the trainer (`newsdex-eval train-entities`) go
//! through [`Document`] and [`decode`], so that a model sees at run time
//! exactly the features it was trained on. A feature is a 64-bit hash of a
//! template and its values (word, shape, affix, neighbouring words, previous
//! tags, gazetteer classes, how the word is written elsewhere in the
//! document, and which kind it was given earlier in the document); the model
//! file stores weights by hash. Changing any feature here means training the
//! model again.

use std::sync::LazyLock;

use super::gazetteer::{self, GAZETTEER, KeyMap, fold};

/// The tags, in the order of the model's weight vectors: BIO over CoNLL's
/// four kinds.
pub const TAG_NAMES: [&str; NUM_TAGS] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

/// How many tags there are.
pub const NUM_TAGS: usize = 9;

/// The tag outside any entity.
pub const OUTSIDE: u8 = 0;

/// The kind of a tag: 0 for `O`, then 1 PER, 2 ORG, 3 LOC, 4 MISC.
pub const fn tag_kind(tag: u8) -> u8 {
    tag.div_ceil(2)
}

/// Whether a tag begins an entity (`B-`).
pub const fn tag_begins(tag: u8) -> bool {
    tag % 2 == 1
}

/// Whether `tag` may follow `previous`: an `I-X` only continues a `B-X`
/// or an `I-X`.
pub const fn allowed(previous: u8, tag: u8) -> bool {
    tag == OUTSIDE || tag_begins(tag) || tag_kind(previous) == tag_kind(tag)
}

/// [`allowed`] for every pair of tags, by previous tag.
const ALLOWED: [[bool; NUM_TAGS]; NUM_TAGS] = {
    let mut table = [[false; NUM_TAGS]; NUM_TAGS];
    let mut previous = 0;
    while previous < NUM_TAGS {
        let mut tag = 0;
        while tag < NUM_TAGS {
            table[previous][tag] = allowed(previous as u8, tag as u8);
            tag += 1;
        }
        previous += 1;
    }
    table
};

/// The best allowed tag for these scores.
pub fn best_tag(scores: &[f32; NUM_TAGS], previous: u8) -> u8 {
    let allowed = &ALLOWED[usize::from(previous) % NUM_TAGS];
    let mut best = OUTSIDE;
    let mut best_score = f32::NEG_INFINITY;
    for (tag, (&score, &allowed)) in scores.iter().zip(allowed).enumerate() {
        if score > best_score && allowed {
            best = tag as u8;
            best_score = score;
        }
    }
    best
}

// Feature templates. Each feature is `mix` of its template and values.
const BIAS: u64 = 1;
const WORD: u64 = 2;
const CASED: u64 = 3;
const SHAPE: u64 = 4;
const SUFFIX: u64 = 10;
const WORD_AT: u64 = 14; // + offset index (4 values)
const SHAPE_AT: u64 = 18; // + offset index (4 values)
const SHAPE_PREV_THIS: u64 = 22;
const SHAPE_THIS_NEXT: u64 = 23;
const SHAPE_TRIGRAM: u64 = 24;
const SENTENCE_START: u64 = 27;
const SENTENCE_CASE: u64 = 28;
const GAZ_THIS: u64 = 29;
const GAZ_PREV: u64 = 30;
const GAZ_NEXT: u64 = 31;
const DOC_CASE: u64 = 32;
const PREV_TAG: u64 = 33;
const PREV_TWO_TAGS: u64 = 34;
const PREV_TAG_WORD: u64 = 35;
const PREV_TAG_SHAPE: u64 = 36;
const HISTORY: u64 = 37;
const HISTORY_SHAPE: u64 = 38;
const GAZ_PREV_WORD: u64 = 40;

#[inline]
fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(17))
        .wrapping_add(0x9E37_79B9_7F4A_7C15)
        .wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let x = (x ^ (x >> 31)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 29)
}

#[inline]
fn feature(template: u64, value: u64) -> u64 {
    mix(template.wrapping_mul(0xD6E8_FEB8_6659_FD93), value)
}

#[inline]
fn feature2(template: u64, a: u64, b: u64) -> u64 {
    mix(feature(template, a), b)
}

fn hash_str(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

/// A sentinel value for positions before the start or after the end of a
/// sentence.
const PADDING: u64 = 0x0070_6164_6469_6e67;

/// How a word is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Starts with a lower-case letter.
    Lower,
    /// Starts with a capital, has lower-case letters.
    Capitalized,
    /// Has letters, all capitals.
    Upper,
    /// No letters (numbers, punctuation), or starts with a non-letter.
    Other,
}

fn case_of(word: &str) -> Case {
    let Some(first) = word.chars().next() else {
        return Case::Other;
    };
    if first.is_lowercase() {
        Case::Lower
    } else if !first.is_uppercase() {
        Case::Other
    } else if word.chars().any(char::is_lowercase) {
        Case::Capitalized
    } else {
        Case::Upper
    }
}

/// The precomputed parts of one token's features.
#[derive(Debug, Clone)]
struct TokenInfo {
    lower: u64,
    shape: u64,
    /// The word with ASCII quotes and dashes, as a range of
    /// [`Document::words`]: the features only a scored token needs
    /// (suffixes, exact form) are made from it when needed.
    normalized: (u32, u32),
    /// The word folded ([`fold`]), as a range of [`Document::words`]: the
    /// same range as `normalized` for a plain word without capitals.
    folded: (u32, u32),
    case: Case,
    /// Gazetteer classes of a phrase that starts at this token.
    gaz_begin: u8,
    /// Gazetteer classes of a phrase that covers this token but does not
    /// start here.
    gaz_inside: u8,
    sentence: u32,
    sentence_start: bool,
    /// No capital letter: a word that, outside an entity, is taken to stay
    /// outside without being scored (see [`decode`]).
    uncapitalized: bool,
}

/// A document prepared for tagging: its tokens and their static features.
#[derive(Debug, Clone)]
pub struct Document {
    tokens: Vec<TokenInfo>,
    /// The words with ASCII quotes and dashes, and their folded forms
    /// where they differ, one after the other.
    words: String,
    /// Token index ranges of the sentences.
    sentences: Vec<(usize, usize)>,
    /// How the words of each sentence are capitalised, as a feature value.
    sentence_case: Vec<u64>,
    /// How each word (by key) is written where its case tells something:
    /// 1 lower-case, 2 capitalised, 4 capitals, or'ed.
    doc_cases: KeyMap<u8>,
}

/// Replaces typographic quotes and dashes by their ASCII forms.
fn normalize_punctuation(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        out.push(match c {
            '’' | '‘' | '`' | '´' | '′' => '\'',
            '“' | '”' | '„' | '«' | '»' | '″' => '"',
            '–' | '—' | '‐' | '‑' | '−' => '-',
            c => c,
        });
    }
}

fn digits_to_zero(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        std::borrow::Cow::Owned(
            word.chars()
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

fn shape_char(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// Word shape, with runs cut to `max_run` characters: "Herzog" is "Xx"
/// with runs of one, "Xxxx" with runs of three.
fn shape(word: &str, max_run: usize, out: &mut String) {
    out.clear();
    let mut last = '\0';
    let mut run = 0;
    for (count, c) in word.chars().enumerate() {
        if count >= 24 {
            break;
        }
        let s = shape_char(c);
        if s == last {
            run += 1;
            if run >= max_run {
                continue;
            }
        } else {
            run = 0;
            last = s;
        }
        out.push(s);
    }
}

/// The shape hash of each one-character ASCII word.
static SINGLE_SHAPES: LazyLock<[u64; 128]> = LazyLock::new(|| {
    let mut shapes = [0; 128];
    let mut out = String::new();
    for (byte, shape_hash) in shapes.iter_mut().enumerate() {
        shape(&char::from(byte as u8).to_string(), 1, &mut out);
        *shape_hash = hash_str(&out);
    }
    shapes
});

/// What one pass over the bytes of a word tells: enough to skip the
/// general, character-by-character work for plain ASCII words.
#[derive(Debug, Clone, Copy, Default)]
struct Letters {
    ascii: bool,
    backtick: bool,
    upper: bool,
    lower: bool,
    digit: bool,
    /// Any byte but an ASCII letter.
    other: bool,
}

/// The two shapes most words have.
enum SimpleShape {
    /// "x": lower-case letters only.
    Lower,
    /// "Xx": one capital, then lower-case letters only.
    Capitalized,
}

impl Letters {
    fn of(word: &str) -> Letters {
        let mut letters = Letters {
            ascii: true,
            ..Letters::default()
        };
        for &byte in word.as_bytes() {
            match byte {
                b'a'..=b'z' => letters.lower = true,
                b'A'..=b'Z' => letters.upper = true,
                b'0'..=b'9' => {
                    letters.digit = true;
                    letters.other = true;
                }
                b'`' => {
                    letters.backtick = true;
                    letters.other = true;
                }
                0x80.. => {
                    letters.ascii = false;
                    letters.other = true;
                }
                _ => letters.other = true,
            }
        }
        letters
    }

    /// Whether the word has an ASCII letter or digit.
    fn alphanumeric(&self) -> bool {
        self.lower || self.upper || self.digit
    }

    /// [`case_of`] for an ASCII word.
    fn case(&self, word: &str) -> Case {
        match word.as_bytes().first() {
            Some(b'a'..=b'z') => Case::Lower,
            Some(b'A'..=b'Z') if self.lower => Case::Capitalized,
            Some(b'A'..=b'Z') => Case::Upper,
            _ => Case::Other,
        }
    }

    /// The shape of an ASCII word of letters when it is "x" or "Xx".
    fn simple_shape(&self, word: &str) -> Option<SimpleShape> {
        if self.other || !self.lower {
            return None;
        }
        if !self.upper {
            return Some(SimpleShape::Lower);
        }
        let bytes = word.as_bytes();
        (bytes[0].is_ascii_uppercase() && !bytes[1..].iter().any(u8::is_ascii_uppercase))
            .then_some(SimpleShape::Capitalized)
    }
}

impl Document {
    /// Prepares a document given as words, with a flag per word that says
    /// whether it starts a sentence (the first word always does).
    pub fn new<S: AsRef<str>>(words: &[S], sentence_starts: &[bool]) -> Document {
        let gazetteer = &*GAZETTEER;
        let mut tokens = Vec::with_capacity(words.len());
        let mut sentences = Vec::new();
        let mut normalized = String::new();
        let mut shape_buf = String::new();
        let mut word_keys = Vec::with_capacity(words.len());
        let total: usize = words.iter().map(|w| w.as_ref().len()).sum();
        let mut arena = String::with_capacity(total + total / 2);
        let mut sentence_start_index = 0;
        let lower_shape = hash_str("x");
        let capitalized_shape = hash_str("Xx");
        // Whether a word has been seen in the current sentence: a word after
        // only punctuation (an opening quote) is first in its sentence too.
        let mut word_seen = false;
        for (i, word) in words.iter().enumerate() {
            let word = word.as_ref();
            let starts = i == 0 || sentence_starts.get(i).copied().unwrap_or(false);
            if starts && i > 0 {
                sentences.push((sentence_start_index, i));
                sentence_start_index = i;
            }
            if starts {
                word_seen = false;
            }
            let letters = Letters::of(word);
            let first_word = !word_seen
                && if letters.ascii {
                    letters.alphanumeric()
                } else {
                    word.chars().any(char::is_alphanumeric)
                };
            word_seen |= first_word;
            // Plain ASCII words (most of them) need no punctuation
            // normalising, and fold by lower-casing.
            let plain = letters.ascii && !letters.backtick;
            let normal: &str = if plain {
                word
            } else {
                normalize_punctuation(word, &mut normalized);
                &normalized
            };
            let ascii = plain || normal.is_ascii();
            let range = (arena.len() as u32, (arena.len() + normal.len()) as u32);
            arena.push_str(normal);
            // A plain word without capitals is its own folded form.
            let folded_range = if plain && !letters.upper {
                range
            } else {
                let start = arena.len();
                if ascii {
                    arena.push_str(normal);
                    arena[start..].make_ascii_lowercase();
                } else {
                    arena.push_str(&fold(normal));
                }
                (start as u32, arena.len() as u32)
            };
            let folded = &arena[folded_range.0 as usize..folded_range.1 as usize];
            let lower = if plain && !letters.digit {
                gazetteer::word_key_without_digits(folded)
            } else {
                gazetteer::word_key(folded)
            };
            word_keys.push(lower);
            // The commonest shapes, "x" and "Xx", and those of one ASCII
            // character (punctuation), without building them.
            let short_shape = match (plain, letters.simple_shape(normal)) {
                (true, Some(SimpleShape::Lower)) => lower_shape,
                (true, Some(SimpleShape::Capitalized)) => capitalized_shape,
                (true, None) if normal.len() == 1 => {
                    SINGLE_SHAPES[usize::from(normal.as_bytes()[0] & 0x7F)]
                }
                _ => {
                    shape(normal, 1, &mut shape_buf);
                    hash_str(&shape_buf)
                }
            };
            tokens.push(TokenInfo {
                lower,
                shape: short_shape,
                normalized: range,
                folded: folded_range,
                case: if plain {
                    letters.case(normal)
                } else {
                    case_of(normal)
                },
                gaz_begin: 0,
                gaz_inside: 0,
                sentence: sentences.len() as u32,
                sentence_start: starts || first_word,
                uncapitalized: if letters.ascii {
                    !letters.upper
                } else {
                    !word.chars().any(char::is_uppercase)
                },
            });
        }
        if !words.is_empty() {
            sentences.push((sentence_start_index, words.len()));
        }

        // Gazetteer phrases: the longest match at each token whose first word
        // is capitalised (or a number, for "G7"), within its sentence.
        let max_phrase = gazetteer.max_phrase();
        for &(start, end) in &sentences {
            let mut i = start;
            while i < end {
                if matches!(tokens[i].case, Case::Lower) {
                    i += 1;
                    continue;
                }
                let mut key = gazetteer::PHRASE_SEED;
                let mut best: Option<(usize, u8)> = None;
                let phrase_end = end.min(i + max_phrase);
                for (j, &word_key) in word_keys.iter().enumerate().take(phrase_end).skip(i) {
                    key = gazetteer::extend_key(key, word_key);
                    let (classes, longer) = gazetteer.lookup(key);
                    if classes != 0 {
                        best = Some((j + 1, classes));
                    }
                    if !longer {
                        break;
                    }
                }
                match best {
                    Some((phrase_end, classes)) => {
                        tokens[i].gaz_begin |= classes;
                        for token in &mut tokens[i + 1..phrase_end] {
                            token.gaz_inside |= classes;
                        }
                        i += 1;
                    }
                    None => i += 1,
                }
            }
        }

        // How each sentence is written: mostly capitals (a CoNLL headline),
        // mostly capitalised words (a title-case headline), or normal.
        let sentence_case = sentences
            .iter()
            .map(|&(start, end)| {
                let (mut upper, mut capitalized, mut letters) = (0, 0, 0);
                for token in &tokens[start..end] {
                    match token.case {
                        Case::Upper => upper += 1,
                        Case::Capitalized => capitalized += 1,
                        Case::Lower => {}
                        Case::Other => continue,
                    }
                    letters += 1;
                }
                if letters >= 2 && upper * 4 >= letters * 3 {
                    1
                } else if letters >= 3 && (capitalized + upper) * 4 >= letters * 3 {
                    2
                } else {
                    3
                }
            })
            .collect::<Vec<u64>>();

        // How each word is written elsewhere in the document, where its case
        // tells something: not first in a sentence, not in a capitals line.
        let mut seen: KeyMap<u8> = KeyMap::with_capacity_and_hasher(
            tokens.len() / 2,
            std::hash::BuildHasherDefault::default(),
        );
        for token in &tokens {
            if token.sentence_start || sentence_case[token.sentence as usize] != 3 {
                continue;
            }
            let flag = match token.case {
                Case::Lower => 1,
                Case::Capitalized => 2,
                Case::Upper => 4,
                Case::Other => continue,
            };
            *seen.entry(token.lower).or_default() |= flag;
        }
        Document {
            tokens,
            doc_cases: seen,
            words: arena,
            sentences,
            sentence_case,
        }
    }

    /// How many tokens the document has.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether the document has no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The word of a token, quotes and dashes made ASCII.
    fn word(&self, token: &TokenInfo) -> &str {
        &self.words[token.normalized.0 as usize..token.normalized.1 as usize]
    }

    /// The features of token `i` that do not depend on the tags chosen.
    fn static_features(&self, i: usize, scratch: &mut Scratch, out: &mut Vec<u64>) {
        let token = &self.tokens[i];
        let (start, end) = self.sentences[token.sentence as usize];
        // The two tokens before and the two after, within the sentence.
        let before = &self.tokens[start.max(i.saturating_sub(2))..i];
        let after = &self.tokens[(i + 1).min(end)..end.min(i + 3)];
        let neighbours: [Option<&TokenInfo>; 4] = [
            before.len().checked_sub(2).map(|k| &before[k]),
            before.last(),
            after.first(),
            after.get(1),
        ];
        let lower_at = |index: usize| neighbours[index].map_or(PADDING, |t| t.lower);
        let shape_at = |index: usize| neighbours[index].map_or(PADDING, |t| t.shape);
        let gaz_at =
            |index: usize| neighbours[index].map_or((0, 0), |t| (t.gaz_begin, t.gaz_inside));
        let (previous, next) = (1, 2);

        let word = self.word(token);
        out.push(feature(BIAS, 0));
        out.push(feature(WORD, token.lower));
        out.push(feature(CASED, cased_hash(word)));
        out.push(feature(SHAPE, token.shape));
        let folded = &self.words[token.folded.0 as usize..token.folded.1 as usize];
        let lower_text = digits_to_zero(folded);
        if lower_text.is_ascii() {
            let len = lower_text.len();
            for n in 2..=3 {
                if len > n {
                    out.push(feature(
                        SUFFIX + n as u64 - 1,
                        hash_str(&lower_text[len - n..]),
                    ));
                }
            }
        } else {
            scratch.char_starts.clear();
            scratch
                .char_starts
                .extend(lower_text.char_indices().map(|(at, _)| at));
            let chars = &scratch.char_starts;
            for n in 2..=3 {
                if chars.len() > n {
                    let suffix = &lower_text[chars[chars.len() - n]..];
                    out.push(feature(SUFFIX + n as u64 - 1, hash_str(suffix)));
                }
            }
        }
        for index in 0..4 {
            out.push(feature(WORD_AT + index as u64, lower_at(index)));
            out.push(feature(SHAPE_AT + index as u64, shape_at(index)));
        }
        out.push(feature2(SHAPE_PREV_THIS, shape_at(previous), token.shape));
        out.push(feature2(SHAPE_THIS_NEXT, token.shape, shape_at(next)));
        out.push(feature2(
            SHAPE_TRIGRAM,
            feature2(0, shape_at(previous), token.shape),
            shape_at(next),
        ));
        out.push(feature2(
            SENTENCE_START,
            u64::from(token.sentence_start),
            token.shape,
        ));
        let sentence_case = self.sentence_case[token.sentence as usize];
        out.push(feature2(SENTENCE_CASE, sentence_case, token.shape));
        out.push(feature2(
            DOC_CASE,
            u64::from(self.doc_cases.get(&token.lower).copied().unwrap_or(0))
                | (sentence_case << 8)
                | (u64::from(token.sentence_start) << 16),
            token.shape,
        ));
        let (begin, inside) = (token.gaz_begin, token.gaz_inside);
        let (prev_begin, prev_inside) = gaz_at(previous);
        let (next_begin, next_inside) = gaz_at(next);
        // Most words are in no list, and neither are their neighbours.
        let any = begin | inside | prev_begin | prev_inside | next_begin | next_inside;
        for class in (0..gazetteer::CLASSES).filter(|class| any & (1 << class) != 0) {
            let bit = 1u8 << class;
            let class = class as u64;
            let position = |b: u8, i: u8| -> u64 {
                match (b & bit != 0, i & bit != 0) {
                    (true, true) => 3,
                    (true, false) => 1,
                    (false, true) => 2,
                    (false, false) => 0,
                }
            };
            let this = position(begin, inside);
            if this != 0 {
                out.push(feature2(GAZ_THIS, class, this));
            }
            let prev = position(prev_begin, prev_inside);
            if prev != 0 {
                out.push(feature2(GAZ_PREV, class, prev));
                out.push(feature2(GAZ_PREV_WORD, class, token.shape));
            }
            let next = position(next_begin, next_inside);
            if next != 0 {
                out.push(feature2(GAZ_NEXT, class, next));
            }
        }
    }
}

/// Buffers reused from token to token.
#[derive(Default)]
struct Scratch {
    char_starts: Vec<usize>,
}

/// The hash of the word as written, digits made `0`.
fn cased_hash(word: &str) -> u64 {
    hash_str(&digits_to_zero(word))
}

/// What the decoder remembers of a document's earlier tags: for each
/// capitalised word, how often each kind was given to it.
#[derive(Default)]
struct History {
    kinds: KeyMap<[u16; 5]>,
}

impl History {
    fn features(&self, token: &TokenInfo, out: &mut Vec<u64>) {
        let Some(counts) = self.kinds.get(&token.lower) else {
            out.push(feature(HISTORY, 99));
            return;
        };
        let (best, _) = counts
            .iter()
            .enumerate()
            .max_by_key(|&(kind, &count)| (count, std::cmp::Reverse(kind)))
            .unwrap_or((0, &0));
        out.push(feature(HISTORY, best as u64));
        out.push(feature2(HISTORY_SHAPE, best as u64, token.shape));
    }

    fn record(&mut self, token: &TokenInfo, tag: u8) {
        if matches!(token.case, Case::Capitalized | Case::Upper) {
            let counts = self.kinds.entry(token.lower).or_default();
            let kind = tag_kind(tag) as usize;
            counts[kind] = counts[kind].saturating_add(1);
        }
    }
}

/// Tags a document left to right. A word without capital letters after a
/// word outside any entity is outside too. For each other token, `choose` gets the
/// token's index, its features and the previous tag, and returns the tag
/// to give it (the extractor: the best allowed tag under the model; the
/// trainer: the same, after updating the weights against the gold tag).
pub fn decode(document: &Document, choose: &mut dyn FnMut(usize, &[u64], u8) -> u8) -> Vec<u8> {
    let mut tags = Vec::with_capacity(document.tokens.len());
    let mut history = History::default();
    let mut features = Vec::with_capacity(64);
    let mut scratch = Scratch::default();
    for &(start, end) in &document.sentences {
        let (mut previous, mut before_previous) = (OUTSIDE, OUTSIDE);
        for i in start..end {
            let token = &document.tokens[i];
            if previous == OUTSIDE && token.uncapitalized {
                // Under CoNLL's conventions almost no entity starts with a
                // word without capitals (0.2% of them), and two thirds of
                // the words of news are such words: they are not scored,
                // in training as at run time.
                tags.push(OUTSIDE);
                before_previous = previous;
                previous = OUTSIDE;
                continue;
            }
            features.clear();
            document.static_features(i, &mut scratch, &mut features);
            let (p1, p2) = if i == start {
                (u64::from(NUM_TAGS as u8 + 1), u64::from(NUM_TAGS as u8 + 1))
            } else if i == start + 1 {
                (u64::from(previous), u64::from(NUM_TAGS as u8 + 1))
            } else {
                (u64::from(previous), u64::from(before_previous))
            };
            features.push(feature(PREV_TAG, p1));
            features.push(feature2(PREV_TWO_TAGS, p2, p1));
            features.push(feature2(PREV_TAG_WORD, p1, token.lower));
            features.push(feature2(PREV_TAG_SHAPE, p1, token.shape));
            history.features(token, &mut features);
            let tag = choose(i, &features, if i == start { OUTSIDE } else { previous });
            history.record(token, tag);
            tags.push(tag);
            before_previous = previous;
            previous = tag;
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_follow_bio() {
        assert!(allowed(1, 2));
        assert!(!allowed(OUTSIDE, 2));
        assert!(!allowed(3, 2));
        assert!(allowed(2, 1));
        assert_eq!(tag_kind(1), 1);
        assert_eq!(tag_kind(8), 4);
        let mut scores = [0.0; NUM_TAGS];
        scores[2] = 5.0;
        scores[1] = 1.0;
        assert_eq!(best_tag(&scores, OUTSIDE), 1);
        assert_eq!(best_tag(&scores, 1), 2);
    }

    #[test]
    fn shapes() {
        let mut out = String::new();
        shape("Herzog", 1, &mut out);
        assert_eq!(out, "Xx");
        shape("U.S.", 1, &mut out);
        assert_eq!(out, "X.X.");
        shape("1996-08-22", 4, &mut out);
        assert_eq!(out, "dddd-dd-dd");
        assert_eq!(case_of("NATO"), Case::Upper);
        assert_eq!(case_of("iPhone"), Case::Lower);
        assert_eq!(case_of("1990s"), Case::Other);
    }

    #[test]
    fn fast_paths_agree_with_the_general_code() {
        for word in [
            "Herzog",
            "herzog",
            "HERZOG",
            "McDonald",
            "iPhone",
            "U.S.",
            "1990s",
            "a",
            "A",
            "I",
            "Gaza-bound",
            "x1",
            "`quote",
            "AT&T",
            "O'Brien",
            "Erdoğan",
            "ERDOĞAN",
            "",
            "'s",
            "--",
        ] {
            let letters = Letters::of(word);
            assert_eq!(letters.ascii, word.is_ascii(), "{word}");
            if letters.ascii {
                assert_eq!(letters.case(word), case_of(word), "{word}");
                assert_eq!(
                    letters.upper,
                    word.chars().any(char::is_uppercase),
                    "{word}"
                );
                assert_eq!(
                    letters.alphanumeric(),
                    word.chars().any(char::is_alphanumeric),
                    "{word}"
                );
            }
            let mut general = String::new();
            shape(word, 1, &mut general);
            match letters.simple_shape(word) {
                Some(SimpleShape::Lower) => assert_eq!(general, "x", "{word}"),
                Some(SimpleShape::Capitalized) => assert_eq!(general, "Xx", "{word}"),
                None => assert!(
                    !letters.ascii || (general != "x" && general != "Xx"),
                    "{word}: {general}"
                ),
            }
        }
    }

    #[test]
    fn same_features_for_same_words() {
        let a = Document::new(&["Herzog", "met", "Erdogan"], &[true, false, false]);
        let b = Document::new(&["Herzog", "met", "Erdoğan"], &[true, false, false]);
        let mut fa = Vec::new();
        let mut fb = Vec::new();
        a.static_features(2, &mut Scratch::default(), &mut fa);
        b.static_features(2, &mut Scratch::default(), &mut fb);
        assert_eq!(fa[1], fb[1], "the folded word is the same feature");
    }
}
