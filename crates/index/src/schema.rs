//! The one place that knows the tantivy schema and the text analyzers.
//!
//! Every field name used anywhere in the index crate is defined here, so
//! that a change of schema is a change of this module and of
//! [`SCHEMA_VERSION`].

use newsdex_ingest::EntityKind;
use std::collections::HashMap;
use std::sync::Arc;
use tantivy::Index;
use tantivy::schema::{
    DateOptions, FAST, Field, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, Stemmer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

/// Bumped whenever the schema or the analyzers change in a way that needs
/// a re-index. It is stored beside the index and checked on open.
pub const SCHEMA_VERSION: u32 = 9;

/// The analyzer of all free-text fields: lower-casing, ASCII folding
/// (so that "Erdoğan" matches "Erdogan") and English stemming.
pub const NEWS_ANALYZER: &str = "news";

/// The languages with a stemmer of their own, by ISO 639-1 code. English,
/// and any language not listed, is analysed by [`NEWS_ANALYZER`].
pub const STEMMED_LANGUAGES: &[(&str, Language)] = &[
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("de", Language::German),
    ("el", Language::Greek),
    ("es", Language::Spanish),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("nb", Language::Norwegian),
    ("nl", Language::Dutch),
    ("nn", Language::Norwegian),
    ("no", Language::Norwegian),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];

/// The value of [`Fields::kind`] for a whole article.
pub const KIND_ARTICLE: &str = "article";
/// The value of [`Fields::kind`] for one headed section of an article.
pub const KIND_SECTION: &str = "section";
/// The value of [`Fields::kind`] for one direct quote of an article.
pub const KIND_QUOTE: &str = "quote";

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// `article`, `section` or `quote`: sections and quotes are indexed as
    /// documents of their own so that a query can be limited to one
    /// section's text, or to what people said.
    pub kind: Field,
    /// The id of the article a document belongs to: an article's own, a
    /// section's or a quote's article's (searches of articles filter on
    /// `kind`, so `id:` finds the article). Deleting it deletes an article
    /// with its sections and quotes, and its fast field is how a query on
    /// [`Fields::article_only`] fields reaches sections and quotes.
    pub id: Field,
    /// For a section or a quote, its `N`: its position among its
    /// article's sections or quotes, from 1. With `id`, how a hit finds
    /// what it shows in its article's record, without reading the store.
    pub number: Field,
    /// The canonical path of the source file; the unit of incremental updates.
    pub path: Field,
    /// The headline.
    pub title: Field,
    /// The body text (for a section, the section's text; for a quote, the
    /// quoted words), indexed only.
    pub body: Field,
    /// An article's text, stored only.
    pub text: Field,
    /// Section headings: all of them for an article, its own for a section.
    pub section: Field,
    /// Author names.
    pub author: Field,
    /// The outlet, as text.
    pub outlet: Field,
    /// The dateline.
    pub dateline: Field,
    /// The publication date as ISO 8601 at its precision.
    pub published: Field,
    /// The publication date as a date, for sorting and range filters.
    pub published_day: Field,
    /// The encoding the file was decoded from.
    pub encoding: Field,
    /// The format the file was read as.
    pub format: Field,
    /// The source file's modification time, in seconds since the epoch.
    pub mtime: Field,
    /// The source file's size in bytes.
    pub size: Field,
    /// A hash of the source file's bytes.
    pub content_hash: Field,
    /// An article's record: the rest of the article (title, sections,
    /// quotes, entity names…) as JSON, see [`crate::record`].
    pub extra: Field,
    /// Where an article mentions its entities and dates, as JSON, see
    /// [`crate::record`]; only read to give the article back whole.
    pub mentions: Field,
    /// Canonical names of the people mentioned, as text (`person:erdogan`).
    pub person: Field,
    /// Canonical names of the organisations mentioned, as text (`org:hamas`).
    pub org: Field,
    /// Canonical names of the places mentioned, as text (`place:ankara`).
    pub place: Field,
    /// Canonical names of the people an article mentions, exact, for
    /// counting; a fast field of article documents only.
    pub person_name: Field,
    /// Canonical names of the organisations an article mentions, exact,
    /// for counting; a fast field of article documents only.
    pub org_name: Field,
    /// Canonical names of the places an article mentions, exact, for
    /// counting; a fast field of article documents only.
    pub place_name: Field,
    /// Every date the text mentions, as the first day of its period.
    pub mentioned_day: Field,
    /// The language of the article (ISO 639-1), when known.
    pub language: Field,
    /// Canonical names of the speakers, as text (`speaker:erdogan`): all
    /// the speakers of an article, the one speaker of a quote.
    pub speaker: Field,
    /// The speaker of a quote, exact, for counting; a fast field of quote
    /// documents only.
    pub speaker_name: Field,
    /// Per stemmed language: its code and the title and body fields
    /// analysed with its stemmer. An article in that language is indexed in
    /// them as well as in `title` and `body`.
    pub stemmed: Vec<StemmedFields>,
}

/// The fields of one language with a stemmer of its own.
#[derive(Debug, Clone, Copy)]
pub struct StemmedFields {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// The title, analysed with this language's stemmer.
    pub title: Field,
    /// The body, analysed with this language's stemmer.
    pub body: Field,
}

impl Fields {
    /// The text field of an entity kind's names, for queries and filters.
    pub fn entity(&self, kind: EntityKind) -> Field {
        match kind {
            EntityKind::Person => self.person,
            EntityKind::Organization => self.org,
            EntityKind::Place => self.place,
        }
    }

    /// The exact field of an entity kind's names, for counting.
    pub fn entity_name(&self, kind: EntityKind) -> Field {
        match kind {
            EntityKind::Person => self.person_name,
            EntityKind::Organization => self.org_name,
            EntityKind::Place => self.place_name,
        }
    }

    /// The fields only article documents index, though they describe the
    /// sections and quotes of the article as much: its title, authors,
    /// outlet, publication date as text, entities and mentioned dates.
    /// Indexing them again on every section and quote made those a third
    /// of the index; a query on them over sections or quotes is answered
    /// on the articles and carried over by [`Fields::id`].
    pub fn article_only(&self) -> Vec<Field> {
        let mut fields = vec![
            self.title,
            self.author,
            self.outlet,
            self.published,
            self.person,
            self.org,
            self.place,
            self.mentioned_day,
        ];
        fields.extend(self.stemmed.iter().map(|stemmed| stemmed.title));
        fields
    }

    /// The language-specific fields for `code`, if it has a stemmer.
    pub fn stemmed_for(&self, code: &str) -> Option<StemmedFields> {
        self.stemmed
            .iter()
            .find(|stemmed| stemmed.code == code)
            .copied()
    }
}

fn analyzer_name(code: &str) -> String {
    format!("{NEWS_ANALYZER}_{code}")
}

/// Builds the schema and returns it with its field handles.
pub fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text_indexing = TextFieldIndexing::default()
        .set_tokenizer(NEWS_ANALYZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = TextOptions::default().set_indexing_options(text_indexing.clone());
    // Names, headings and datelines are looked for with a field (`person:`,
    // `--section`), mostly to filter: how long the field is says little
    // about how well a document matches, and norms cost a byte per
    // document, quotes and sections included, which do not index most of
    // these fields at all.
    let names = TextOptions::default().set_indexing_options(text_indexing.set_fieldnorms(false));
    // A field that holds one token per document needs no norms: a missing
    // norm counts as one token, so every score stays the same.
    let one_token = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    // Names counted over the matching documents are only read from fast
    // fields. Dates are only filtered on (with a constant score, so with no
    // norms) and the publication date sorted on: a fast field for that,
    // and an index of the mentioned dates, many per document, which is
    // smaller than their fast field.
    let exact_name = TextOptions::default() | FAST;
    // Only an article's text and its record are stored: a hit reads the
    // rest from its article's record.
    let fields = Fields {
        kind: builder.add_text_field("kind", one_token.clone()),
        id: builder.add_text_field("id", one_token.clone() | FAST),
        number: builder.add_u64_field("number", FAST),
        path: builder.add_text_field("path", one_token.clone() | FAST),
        title: builder.add_text_field("title", text.clone()),
        body: builder.add_text_field("body", text),
        text: builder.add_text_field("text", STORED),
        section: builder.add_text_field("section", names.clone()),
        author: builder.add_text_field("author", names.clone()),
        outlet: builder.add_text_field("outlet", names.clone()),
        dateline: builder.add_text_field("dateline", names.clone()),
        published: builder.add_text_field("published", one_token.clone()),
        published_day: builder.add_date_field("published_day", FAST),
        encoding: builder.add_text_field("encoding", one_token.clone()),
        format: builder.add_text_field("format", one_token.clone()),
        mtime: builder.add_u64_field("mtime", FAST),
        size: builder.add_u64_field("size", FAST),
        content_hash: builder.add_u64_field("content_hash", FAST),
        extra: builder.add_text_field("extra", STORED),
        mentions: builder.add_text_field("mentions", STORED),
        person: builder.add_text_field("person", names.clone()),
        org: builder.add_text_field("org", names.clone()),
        place: builder.add_text_field("place", names.clone()),
        person_name: builder.add_text_field("person_name", exact_name.clone()),
        org_name: builder.add_text_field("org_name", exact_name.clone()),
        place_name: builder.add_text_field("place_name", exact_name.clone()),
        mentioned_day: builder
            .add_date_field("mentioned_day", DateOptions::default().set_indexed()),
        language: builder.add_text_field("language", one_token),
        speaker: builder.add_text_field("speaker", names),
        speaker_name: builder.add_text_field("speaker_name", exact_name),
        stemmed: STEMMED_LANGUAGES
            .iter()
            .map(|&(code, _)| {
                // Norms are a byte per document and field, whether the
                // document has words in the field or not: with nineteen
                // languages' pairs, most of them empty, they were a twentieth
                // of the index. Without them a language's words score as if
                // every document were one word long, which only shifts the
                // ranking among articles in that language.
                let indexing = TextFieldIndexing::default()
                    .set_tokenizer(&analyzer_name(code))
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions)
                    .set_fieldnorms(false);
                let options = TextOptions::default().set_indexing_options(indexing);
                StemmedFields {
                    code,
                    title: builder.add_text_field(&format!("title_{code}"), options.clone()),
                    body: builder.add_text_field(&format!("body_{code}"), options),
                }
            })
            .collect(),
    };
    (builder.build(), fields)
}

/// The analyzer behind [`NEWS_ANALYZER`].
///
/// The simple tokenizer splits on anything that is not alphanumeric, so
/// typographic and straight quotes, apostrophes and dashes all fold away
/// for search while they stay in the stored text.
pub fn news_analyzer() -> TextAnalyzer {
    analyzer_for(Language::English)
}

/// The news analyzer with another language's stemmer. Folding comes before
/// stemming so that "Österreich" and "Osterreich" are the same word.
fn analyzer_for(language: Language) -> TextAnalyzer {
    analyzer_with(CachedStemmer::new(language))
}

/// The one-pass tokenizer followed by `stemmer`.
fn analyzer_with(stemmer: CachedStemmer) -> TextAnalyzer {
    TextAnalyzer::builder(NewsTokenizer::default())
        .filter(stemmer)
        .build()
}

/// The longest word indexed, in bytes: longer ones are dropped, as
/// tantivy's `RemoveLongFilter` does.
const LONGEST_WORD: usize = 64;

/// tantivy's `SimpleTokenizer`, `RemoveLongFilter::limit(LONGEST_WORD)`,
/// `LowerCaser` and `AsciiFoldingFilter`, in one pass over the text: the
/// same tokens, offsets and positions. A word of ASCII letters and digits
/// (most words of news) is lower-cased as it is copied; any other word is
/// given to tantivy's own filters. The four steps apart were a tenth of
/// indexing, each looking at every character again.
#[derive(Clone)]
struct NewsTokenizer {
    token: Token,
    /// tantivy's lower-casing and folding of one word.
    fold: TextAnalyzer,
}

impl Default for NewsTokenizer {
    fn default() -> Self {
        NewsTokenizer {
            token: Token::default(),
            fold: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        }
    }
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.token.reset();
        NewsTokenStream {
            text,
            at: 0,
            token: &mut self.token,
            fold: &mut self.fold,
        }
    }
}

struct NewsTokenStream<'a> {
    text: &'a str,
    /// Where the search for the next word starts, in bytes.
    at: usize,
    token: &'a mut Token,
    fold: &'a mut TextAnalyzer,
}

/// What a byte is to [`NewsTokenStream`]: an ASCII letter or digit, an
/// ASCII separator, or part of a character that must be decoded.
const ASCII_WORD: u8 = 1;
const ASCII_SEPARATOR: u8 = 0;
const NOT_ASCII: u8 = 2;
static BYTE_CLASS: [u8; 256] = {
    let mut classes = [NOT_ASCII; 256];
    let mut byte = 0;
    while byte < 128 {
        classes[byte] = if (byte as u8).is_ascii_alphanumeric() {
            ASCII_WORD
        } else {
            ASCII_SEPARATOR
        };
        byte += 1;
    }
    classes
};

impl NewsTokenStream<'_> {
    /// Whether the character at byte `at` (not ASCII) is alphanumeric (a
    /// word character of the simple tokenizer), and its length.
    fn word_char_at(&self, at: usize) -> (bool, usize) {
        match self.text[at..].chars().next() {
            Some(c) => (c.is_alphanumeric(), c.len_utf8()),
            None => (false, 1),
        }
    }

    /// The next word's start and end, and whether it is all ASCII.
    fn next_word(&mut self) -> Option<(usize, usize, bool)> {
        let bytes = self.text.as_bytes();
        let start = loop {
            let class = *BYTE_CLASS.get(usize::from(*bytes.get(self.at)?))?;
            if class == ASCII_WORD {
                break self.at;
            }
            if class == ASCII_SEPARATOR {
                self.at += 1;
                continue;
            }
            let (is_word, len) = self.word_char_at(self.at);
            if is_word {
                break self.at;
            }
            self.at += len;
        };
        let mut ascii = true;
        while let Some(&byte) = bytes.get(self.at) {
            match BYTE_CLASS[usize::from(byte)] {
                ASCII_WORD => self.at += 1,
                ASCII_SEPARATOR => break,
                _ => {
                    let (is_word, len) = self.word_char_at(self.at);
                    if !is_word {
                        break;
                    }
                    ascii = false;
                    self.at += len;
                }
            }
        }
        Some((start, self.at, ascii))
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            self.token.text.clear();
            self.token.position = self.token.position.wrapping_add(1);
            let Some((start, end, ascii)) = self.next_word() else {
                return false;
            };
            // A word too long is dropped, and its position stays used.
            if end - start >= LONGEST_WORD {
                continue;
            }
            let word = &self.text[start..end];
            self.token.offset_from = start;
            self.token.offset_to = end;
            if ascii {
                self.token.text.push_str(word);
                self.token.text.make_ascii_lowercase();
            } else {
                let mut folded = self.fold.token_stream(word);
                if folded.advance() {
                    self.token.text.push_str(&folded.token().text);
                }
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// [`news_analyzer`] for finding the words of a snippet that match `terms`
/// (stems made by that analyzer): a word whose first letter starts none of
/// them is not stemmed, since an English stem starts with its word's first
/// letter and so could not be one of them. The words that match are the
/// same; stemming every word of each hit's text was most of a search's
/// time.
pub(crate) fn snippet_analyzer<'t>(terms: impl IntoIterator<Item = &'t str>) -> TextAnalyzer {
    let mut initials: Vec<char> = terms
        .into_iter()
        .filter_map(|term| term.chars().next())
        .collect();
    initials.sort_unstable();
    initials.dedup();
    analyzer_with(CachedStemmer {
        initials: Some(initials.into()),
        ..CachedStemmer::new(Language::English)
    })
}

/// How many words a [`CachedStemmer`] remembers. The few thousand most
/// frequent words make up most of the tokens of news, but names and rare
/// words keep coming: with 20,000 words, Snowball on the words the cache
/// had lost was 255 M of the 693 M instructions stemming took over 10 MB
/// of generated news (106 M of 455 M with 100,000). Each analyzer (one per
/// field and indexing thread) keeps its own cache, which grows only with
/// the words its field has seen: indexing 100 MB of news peaked at 241 and
/// 243 MB with this bound (and the other changes of the time) against 227
/// and 239 MB before.
const STEM_CACHE_WORDS: usize = 100_000;

/// tantivy's [`Stemmer`], with the stems of the words it has seen kept, so
/// that "the", "said" and "government" are not stemmed again on every
/// occurrence: Snowball stemming was an eighth of indexing. A word not in
/// the cache is stemmed by tantivy's own filter, so the output is the same.
#[derive(Clone)]
struct CachedStemmer {
    language: Language,
    capacity: usize,
    /// When given, only words that start with one of these characters are
    /// stemmed (see [`snippet_analyzer`]).
    initials: Option<Arc<[char]>>,
}

impl CachedStemmer {
    fn new(language: Language) -> CachedStemmer {
        CachedStemmer {
            language,
            capacity: STEM_CACHE_WORDS,
            initials: None,
        }
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            cache: StemCache {
                stemmer: Stemmer::new(self.language).transform(RawTokenizer::default()),
                recent: Stems::default(),
                older: Stems::default(),
                generation: (self.capacity / 2).max(1),
                initials: self.initials,
            },
        }
    }
}

#[derive(Clone)]
struct CachedStemmerFilter<T> {
    inner: T,
    cache: StemCache,
}

/// Words and their stems.
type Stems = HashMap<String, String, foldhash::fast::RandomState>;

/// The stems of the words seen lately, and the stemmer that makes the ones
/// missing. Two generations approximate keeping the most recently used
/// words: when `recent` is full it becomes `older` and the previous `older`
/// is dropped; a word found in `older` moves back to `recent`.
#[derive(Clone)]
struct StemCache {
    /// tantivy's stemmer over a tokenizer that yields its whole input as
    /// one token: the stem of one word.
    stemmer: <Stemmer as TokenFilter>::Tokenizer<RawTokenizer>,
    recent: Stems,
    older: Stems,
    /// How many words each generation holds.
    generation: usize,
    /// The only initials of the words to stem, when given.
    initials: Option<Arc<[char]>>,
}

impl StemCache {
    /// Replaces `word` with its stem.
    fn stem(&mut self, word: &mut String) {
        if let Some(initials) = &self.initials
            && !word
                .chars()
                .next()
                .is_some_and(|first| initials.contains(&first))
        {
            return;
        }
        if let Some(stem) = self.recent.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let (key, stem) = match self.older.remove_entry(word.as_str()) {
            Some(entry) => entry,
            None => {
                let mut stream = self.stemmer.token_stream(word);
                let stem = if stream.advance() {
                    stream.token().text.clone()
                } else {
                    word.clone()
                };
                (word.clone(), stem)
            }
        };
        word.clear();
        word.push_str(&stem);
        if self.recent.len() >= self.generation {
            self.older = std::mem::take(&mut self.recent);
        }
        self.recent.insert(key, stem);
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerTokenStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
        }
    }
}

struct CachedStemmerTokenStream<'a, T> {
    tail: T,
    cache: &'a mut StemCache,
}

impl<T: TokenStream> TokenStream for CachedStemmerTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.cache.stem(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Registers the analyzers the schema refers to; needed on every opened index.
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(NEWS_ANALYZER, news_analyzer());
    for &(code, language) in STEMMED_LANGUAGES {
        index
            .tokenizers()
            .register(&analyzer_name(code), analyzer_for(language));
    }
}

/// Resolves the fields of an opened index's schema by name.
pub(crate) fn fields_of(schema: &Schema) -> Option<Fields> {
    let field = |name: &str| schema.get_field(name).ok();
    Some(Fields {
        kind: field("kind")?,
        id: field("id")?,
        number: field("number")?,
        path: field("path")?,
        title: field("title")?,
        body: field("body")?,
        text: field("text")?,
        section: field("section")?,
        author: field("author")?,
        outlet: field("outlet")?,
        dateline: field("dateline")?,
        published: field("published")?,
        published_day: field("published_day")?,
        encoding: field("encoding")?,
        format: field("format")?,
        mtime: field("mtime")?,
        size: field("size")?,
        content_hash: field("content_hash")?,
        extra: field("extra")?,
        mentions: field("mentions")?,
        person: field("person")?,
        org: field("org")?,
        place: field("place")?,
        person_name: field("person_name")?,
        org_name: field("org_name")?,
        place_name: field("place_name")?,
        mentioned_day: field("mentioned_day")?,
        language: field("language")?,
        speaker: field("speaker")?,
        speaker_name: field("speaker_name")?,
        stemmed: STEMMED_LANGUAGES
            .iter()
            .map(|&(code, _)| {
                Some(StemmedFields {
                    code,
                    title: field(&format!("title_{code}"))?,
                    body: field(&format!("body_{code}"))?,
                })
            })
            .collect::<Option<Vec<_>>>()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer, TokenStream};

    /// What [`NewsTokenizer`] does in one pass, as tantivy's four steps.
    fn four_steps() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONGEST_WORD))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build()
    }

    fn one_pass() -> TextAnalyzer {
        TextAnalyzer::builder(NewsTokenizer::default()).build()
    }

    #[test]
    fn one_pass_tokenizes_as_tantivys_four_steps() {
        let tricky = "İstanbul’s ISTANBUL ıi Straße STRASSE Æsir naïve café Ωmega 日本語 \
                      x\u{301}y 3½ ６４ Ⅻ 😀 don't U.S. a-b ___ \u{0}\u{7f} \
                      abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl \
                      abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk \
                      éééééééééééééééééééééééééééééééééé end";
        let mut texts = corpus_texts();
        texts.push(tricky.to_owned());
        let mut words = 0;
        for text in &texts {
            let expected = analysed(four_steps(), text);
            assert_eq!(analysed(one_pass(), text), expected);
            words += expected.len();
        }
        assert!(words > 30_000, "{words} words");
        // The words of 64 bytes or more (64 letters, 34 "é") are dropped,
        // and their positions stay used: positions count from 0.
        let tricky_tokens = analysed(one_pass(), tricky);
        let end = tricky_tokens.last().unwrap();
        assert_eq!(end.0, "end");
        assert_eq!(end.3, tricky_tokens.len() + 1);
    }

    proptest::proptest! {
        #[test]
        fn one_pass_tokenizes_any_text_as_tantivys_four_steps(
            text in "[a-zA-Z0-9 .,'’_İıßéÉЖж日\u{301}\u{2160}😀\t\n-]{0,120}",
            long in 0usize..80,
        ) {
            let text = format!("{text} {} {}é {text}", "a".repeat(long), "é".repeat(long / 2));
            proptest::prop_assert_eq!(analysed(one_pass(), &text), analysed(four_steps(), &text));
        }
    }

    /// The token texts of `text` under `analyzer`, which keeps its stem
    /// cache from call to call.
    fn texts(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    fn tokens(text: &str) -> Vec<String> {
        texts(&mut news_analyzer(), text)
    }

    #[test]
    fn analyzer_folds_diacritics_case_and_quotes() {
        assert_eq!(tokens("Erdoğan"), tokens("erdogan"));
        assert_eq!(tokens("“key moment.”"), vec!["key", "moment"]);
        assert_eq!(tokens("Turkey’s"), tokens("Turkey's"));
    }

    #[test]
    fn analyzer_stems_english() {
        assert_eq!(tokens("ambassadors"), tokens("ambassador"));
        assert_eq!(tokens("relations"), vec!["relat"]);
    }

    /// The text of every news file of the bundled corpus.
    fn corpus_texts() -> Vec<String> {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        crate::find_news_files(&[corpus])
            .files
            .iter()
            .filter_map(|file| std::fs::read_to_string(&file.path).ok())
            .collect()
    }

    #[test]
    fn english_stems_start_with_their_words_first_letter() {
        // What the snippet analyzer relies on, over every word of the corpus.
        let mut stemmed = news_analyzer();
        let mut unstemmed = four_steps();
        let mut words = 0;
        for text in corpus_texts() {
            let stems = texts(&mut stemmed, &text);
            let plain = texts(&mut unstemmed, &text);
            assert_eq!(stems.len(), plain.len());
            for (stem, word) in stems.iter().zip(&plain) {
                assert_eq!(stem.chars().next(), word.chars().next(), "{word} -> {stem}");
                words += 1;
            }
        }
        assert!(words > 30_000, "{words} words");
    }

    #[test]
    fn the_snippet_analyzer_finds_the_same_words() {
        let terms = ["govern", "minist", "said", "israel", "relat", "turkey"];
        let mut full = news_analyzer();
        let mut snippet = snippet_analyzer(terms);
        let mut matched = 0;
        for text in corpus_texts() {
            let marks = |tokens: Vec<String>| -> Vec<bool> {
                tokens.iter().map(|t| terms.contains(&t.as_str())).collect()
            };
            let expected = marks(texts(&mut full, &text));
            assert_eq!(marks(texts(&mut snippet, &text)), expected);
            matched += expected.iter().filter(|&&m| m).count();
        }
        assert!(matched > 100, "{matched} matches");
        // Words with other initials are left as they are.
        assert_eq!(
            texts(&mut snippet, "Ambassadors said"),
            vec!["ambassadors", "said"]
        );
    }

    #[test]
    fn german_stemming_folds_umlauts_first() {
        let mut analyzer = analyzer_for(Language::German);
        let mut stem = |text: &str| texts(&mut analyzer, text);
        assert_eq!(stem("Österreich"), stem("Osterreich"));
        assert_eq!(stem("Österreichs"), stem("Österreich"));
    }

    /// Every token of `text` as analysed by `analyzer`: text, offsets, position.
    fn analysed(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let token = stream.token();
            out.push((
                token.text.clone(),
                token.offset_from,
                token.offset_to,
                token.position,
            ));
        }
        out
    }

    #[test]
    fn cached_stemming_is_tantivy_stemming() {
        let text = "The ambassadors said relations improved; the ambassador's relation improves. \
                    Die Gewerkschaft fordert Verträge für Österreichs Arbeitnehmer, Verträge! \
                    Les négociations reprennent, les négociateurs négocient. \
                    Переговоры возобновились, переговоры продолжаются. \
                    Müzakereler yeniden başladı, müzakereciler konuşuyor. \
                    Οι διαπραγματεύσεις συνεχίζονται. x a I 2024 5,000m ";
        let text = text.repeat(3);
        let mut languages: Vec<Language> = STEMMED_LANGUAGES
            .iter()
            .map(|&(_, language)| language)
            .collect();
        languages.push(Language::English);
        for language in languages {
            let plain = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(64))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(Stemmer::new(language))
                .build();
            let expected = analysed(plain, &text);
            assert_eq!(analysed(analyzer_for(language), &text), expected);
            // A cache of three words starts afresh again and again.
            let tiny = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(64))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(CachedStemmer {
                    capacity: 3,
                    ..CachedStemmer::new(language)
                })
                .build();
            assert_eq!(analysed(tiny, &text), expected);
        }
    }

    #[test]
    fn cached_stemming_carries_over_texts_without_mixing_them() {
        let mut analyzer = news_analyzer();
        let mut stems = |text: &str| texts(&mut analyzer, text);
        assert_eq!(stems("relations improved"), vec!["relat", "improv"]);
        assert_eq!(stems("relations"), vec!["relat"]);
        assert_eq!(stems("improved relations"), vec!["improv", "relat"]);
    }

    #[test]
    fn only_the_english_title_and_body_keep_norms() {
        let (schema, fields) = build_schema();
        let has_norms = |field: Field| match schema.get_field_entry(field).field_type() {
            tantivy::schema::FieldType::Str(options) => options
                .get_indexing_options()
                .is_some_and(TextFieldIndexing::fieldnorms),
            _ => false,
        };
        assert!(has_norms(fields.title) && has_norms(fields.body));
        for field in [fields.person, fields.section, fields.speaker, fields.author] {
            assert!(!has_norms(field), "{}", schema.get_field_name(field));
        }
        for stemmed in &fields.stemmed {
            assert!(
                !has_norms(stemmed.title),
                "title_{} has norms",
                stemmed.code
            );
            assert!(!has_norms(stemmed.body), "body_{} has norms", stemmed.code);
        }
    }

    #[test]
    fn fields_resolve_by_name() {
        let (schema, built) = build_schema();
        let resolved = fields_of(&schema).expect("every field is in the schema");
        assert_eq!(resolved.body, built.body);
        assert_eq!(resolved.extra, built.extra);
    }
}
