//! Searching, showing and counting.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::Arc;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};

use tantivy::index::{SegmentId, SegmentReader};
use tantivy::query::{
    AllQuery, BitSetDocSet, BooleanQuery, EmptyScorer, EnableScoring, Explanation, Occur, Query,
    QueryParser, RangeQuery, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    BitSet, DateTime, DocAddress, DocId, DocSet, Order, Score, Searcher, TantivyDocument, Term,
};

use newsdex_ingest::{Article, EntityKind, SpeakerResolution};

use crate::news_index::NewsIndex;
use crate::record::{ArticleRecord, MentionRecord};
use crate::schema::{KIND_ARTICLE, KIND_QUOTE, KIND_SECTION, SCHEMA_VERSION, StemmedFields};
use crate::update::{parse_published_day, stored_text};
use crate::{Error, Result};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum SortOrder {
    /// Best match first (BM25).
    #[default]
    Relevance,
    /// Newest publication date first; articles without a date come last.
    Newest,
    /// Oldest publication date first; articles without a date come last.
    Oldest,
}

/// What to search for besides the query text.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// The most hits to return.
    pub limit: usize,
    /// Hits to skip, for paging.
    pub offset: usize,
    /// Limit matching to the text of sections with this heading.
    pub section: Option<String>,
    /// The order of hits.
    pub sort: SortOrder,
    /// The longest snippet, in characters.
    pub snippet_chars: usize,
    /// Restrictions on entities and dates.
    pub filters: Filters,
}

/// Restrictions a search applies besides its query.
///
/// Dates are ISO 8601 at any precision (`2022`, `2022-03`, `2022-03-09`);
/// `since` includes the whole period it names and so does `until`:
/// `until 2010` keeps everything up to 2010-12-31.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Articles must mention each of these people (words of the canonical name).
    pub persons: Vec<String>,
    /// Articles must mention each of these organisations.
    pub organizations: Vec<String>,
    /// Articles must mention each of these places.
    pub places: Vec<String>,
    /// Articles must quote each of these speakers (words of the canonical
    /// name); quotes must be said by them.
    pub speakers: Vec<String>,
    /// Published on or after the start of this period.
    pub published_since: Option<String>,
    /// Published on or before the end of this period.
    pub published_until: Option<String>,
    /// Mentions a date on or after the start of this period.
    pub mentioned_since: Option<String>,
    /// Mentions a date on or before the end of this period.
    pub mentioned_until: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            section: None,
            sort: SortOrder::Relevance,
            snippet_chars: 200,
            filters: Filters::default(),
        }
    }
}

/// A piece of an article's text with the matched words marked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The text of the snippet.
    pub text: String,
    /// Byte ranges `[start, end)` of `text` that matched the query.
    pub highlights: Vec<[usize; 2]>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The article id, for `newsdex show`.
    pub id: String,
    /// The BM25 score (0 when sorted by date).
    pub score: f32,
    /// The headline.
    pub title: Option<String>,
    /// The outlet.
    pub outlet: Option<String>,
    /// The publication date, ISO 8601 at its precision.
    pub published: Option<String>,
    /// The path of the source file, as it was given when indexing.
    pub path: String,
    /// The section the match is in, when the search was limited to a section.
    pub section: Option<String>,
    /// The best passage of the body, with the matches marked.
    pub snippet: Snippet,
    /// The entities the article mentions most, most first (at most
    /// [`MAIN_ENTITIES`]).
    pub entities: Vec<MainEntity>,
    /// The article's quote that best matches the query, when one does.
    pub quote: Option<MatchedQuote>,
}

/// How many entities a [`Hit`] lists.
pub const MAIN_ENTITIES: usize = 5;

/// One of the entities an article mentions most.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MainEntity {
    /// The canonical name.
    pub name: String,
    /// What kind of entity it is.
    pub kind: EntityKind,
    /// How many times the article mentions it.
    pub mentions: usize,
}

/// A quote of a hit's article that matches the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchedQuote {
    /// The quoted words (the best passage of them, for a long quote).
    pub text: String,
    /// Byte ranges `[start, end)` of `text` that matched the query.
    pub highlights: Vec<[usize; 2]>,
    /// Canonical name of the speaker, when known.
    pub speaker: Option<String>,
}

/// What to list besides the query text, for [`NewsIndex::quotes`].
#[derive(Debug, Clone)]
pub struct QuoteOptions {
    /// The most quotes to return.
    pub limit: usize,
    /// Quotes to skip, for paging.
    pub offset: usize,
    /// The order of quotes.
    pub sort: SortOrder,
    /// Restrictions on speakers, entities and dates; a speaker filter keeps
    /// the quotes said by that speaker.
    pub filters: Filters,
}

impl Default for QuoteOptions {
    fn default() -> Self {
        QuoteOptions {
            limit: 20,
            offset: 0,
            sort: SortOrder::Relevance,
            filters: Filters::default(),
        }
    }
}

/// One quote found by [`NewsIndex::quotes`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteHit {
    /// The id of the quote's article, for `newsdex show`.
    pub id: String,
    /// The BM25 score (0 when sorted by date or when there is no query).
    pub score: f32,
    /// The quoted words.
    pub text: String,
    /// Byte ranges `[start, end)` of `text` that matched the query.
    pub highlights: Vec<[usize; 2]>,
    /// Canonical name of the speaker, or `None` when it is not known.
    pub speaker: Option<String>,
    /// What kind of entity the speaker is, when known.
    pub speaker_kind: Option<EntityKind>,
    /// How the speaker was found.
    pub resolution: Option<SpeakerResolution>,
    /// The speech verb that attributes the quote ("said").
    pub cue: Option<String>,
    /// Byte offsets of the quote in its article's text.
    pub start: usize,
    /// See `start`.
    pub end: usize,
    /// The article's headline.
    pub title: Option<String>,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// The article's publication date, ISO 8601 at its precision.
    pub published: Option<String>,
    /// The path of the article's source file, as given when indexing.
    pub path: String,
}

/// The quotes found and how many matched in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteResults {
    /// How many quotes matched, before `limit` and `offset`.
    pub total: usize,
    /// The quotes, in order.
    pub quotes: Vec<QuoteHit>,
}

/// The hits of a search and how many articles matched in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// How many documents matched, before `limit` and `offset`.
    pub total: usize,
    /// The hits, in order.
    pub hits: Vec<Hit>,
}

/// Counts that describe an index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexStats {
    /// Articles in the index.
    pub articles: u64,
    /// Section documents (one per headed section).
    pub sections: u64,
    /// Direct quotes.
    pub quotes: u64,
    /// Distinct source files.
    pub files: u64,
    /// Tantivy segments.
    pub segments: usize,
    /// Bytes the index takes on disk; 0 for an index in RAM.
    pub size_bytes: u64,
    /// The schema version the index was written with.
    pub schema_version: u32,
}

impl NewsIndex {
    /// Searches the index with tantivy's query syntax.
    ///
    /// Words are required by default (`turkey ambassador` means both);
    /// `OR`, `NOT`/`-`, phrases in double quotes and `field:term` work as in
    /// tantivy. Without a field, a word is looked for in the title and the
    /// body; other fields are `author`, `outlet`, `section`, `dateline`,
    /// `published`, `id` and `path`.
    pub fn search(&self, query_text: &str, options: &SearchOptions) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let stemmed = self.stemmed_in_use(&searcher);
        let parser = self.query_parser(&stemmed);
        let user_query = parse(&parser, query_text)?;
        let kind = if options.section.is_some() {
            KIND_SECTION
        } else {
            KIND_ARTICLE
        };
        let query = self.filtered_query(
            &searcher,
            &parser,
            user_query.box_clone(),
            kind,
            options.section.as_deref(),
            &options.filters,
        )?;
        let (addresses, total) = top_documents(
            &searcher,
            &query,
            options.limit,
            options.offset,
            options.sort,
        )?;
        // The query again, on the quoted words only, to find the quote of
        // each hit that matches it.
        let quote_parser = self.quote_parser(&stemmed);
        let quote_query = parse(&quote_parser, query_text)?;
        let quote_search = self.for_children(&searcher, quote_query.box_clone())?;
        let mut quote_snippets = self.snippet_generator(&searcher, &*quote_query)?;
        quote_snippets.set_max_num_chars(QUOTE_CHARS);

        let mut snippets = self.snippet_generator(&searcher, &*user_query)?;
        snippets.set_max_num_chars(options.snippet_chars.max(20));
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            // A section stores nothing: its text and heading are its
            // article's.
            let (summary, text, section) = match &options.section {
                Some(_) => {
                    let (parent, index) = child_of(&searcher, address)?;
                    let (summary, text) = self.record_in(&searcher, &parent)?;
                    let section = summary.article.sections.get(index).cloned();
                    (summary, text, section)
                }
                None => {
                    let (summary, text) = self.record_of(&searcher.doc(address)?)?;
                    (summary, text, None)
                }
            };
            let body = match &section {
                Some(section) => text.get(section.start..section.end).unwrap_or_default(),
                None => text.as_str(),
            };
            // As tantivy's `snippet_from_doc` would make it from a stored body.
            let snippet = snippets.snippet(body.trim());
            let snippet = if snippet.is_empty() {
                Snippet {
                    text: opening_of(body, options.snippet_chars),
                    highlights: Vec::new(),
                }
            } else {
                Snippet {
                    text: snippet.fragment().to_owned(),
                    highlights: snippet
                        .highlighted()
                        .iter()
                        .map(|r| [r.start, r.end])
                        .collect(),
                }
            };
            // A section document never had a record of its own, and so
            // never listed its article's entities; it still does not.
            let entities = match section {
                Some(_) => Vec::new(),
                None => main_entities(&summary),
            };
            let quote =
                self.matched_quote(&searcher, &*quote_search, &quote_snippets, &summary, &text)?;
            let article = summary.article;
            hits.push(Hit {
                entities,
                quote,
                score,
                section: section.map(|section| section.heading),
                snippet,
                id: article.id,
                title: article.title,
                outlet: article.outlet,
                published: article.published,
                path: article.path,
            });
        }
        Ok(SearchResults { total, hits })
    }

    /// Gives back the whole article with the given id.
    pub fn article(&self, id: &str) -> Result<Article> {
        let searcher = self.reader.searcher();
        let document = searcher.doc(self.address_of(&searcher, id)?)?;
        let (record, text) = self.record_of(&document)?;
        let mentions = stored_text(&document, self.fields.mentions).unwrap_or_default();
        let mentions: MentionRecord = self.parse_record(&mentions)?;
        Ok(record.into_article(mentions, text))
    }

    /// The record and the text of the article with the given id, as
    /// `searcher` sees the index.
    fn record_in(&self, searcher: &Searcher, id: &str) -> Result<(ArticleRecord, String)> {
        self.record_of(&searcher.doc(self.address_of(searcher, id)?)?)
    }

    /// Where the article with the given id is.
    fn address_of(&self, searcher: &Searcher, id: &str) -> Result<DocAddress> {
        let query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(self.term_query(self.fields.id, id)) as Box<dyn Query>,
            ),
            (
                Occur::Must,
                Box::new(self.term_query(self.fields.kind, KIND_ARTICLE)),
            ),
        ]);
        let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        match found.first() {
            Some((_, address)) => Ok(*address),
            None => Err(Error::NotFound(id.to_owned())),
        }
    }

    /// The record that hits read and the text of an article document.
    fn record_of(&self, document: &TantivyDocument) -> Result<(ArticleRecord, String)> {
        let extra = stored_text(document, self.fields.extra).unwrap_or_default();
        let record = self.parse_record(&extra)?;
        let text = stored_text(document, self.fields.text).unwrap_or_default();
        Ok((record, text))
    }

    fn parse_record<R: DeserializeOwned>(&self, json: &str) -> Result<R> {
        serde_json::from_str(json).map_err(|error| Error::Incompatible {
            path: self.dir().map(ToOwned::to_owned).unwrap_or_default(),
            found: format!("an article record it cannot read ({error})"),
        })
    }

    /// Counts articles, sections, files and segments.
    pub fn stats(&self) -> Result<IndexStats> {
        let searcher = self.reader.searcher();
        let articles = count(&searcher, &self.term_query(self.fields.kind, KIND_ARTICLE))?;
        let sections = count(&searcher, &self.term_query(self.fields.kind, KIND_SECTION))?;
        let quotes = count(&searcher, &self.term_query(self.fields.kind, KIND_QUOTE))?;
        let size_bytes = match self.dir() {
            Some(dir) => std::fs::read_dir(dir)
                .map_err(|source| Error::Io {
                    path: dir.to_path_buf(),
                    source,
                })?
                .filter_map(|entry| entry.ok()?.metadata().ok())
                .filter(|metadata| metadata.is_file())
                .map(|metadata| metadata.len())
                .sum(),
            None => 0,
        };
        let files = self.indexed_files()?.len() as u64;
        Ok(IndexStats {
            articles,
            sections,
            quotes,
            files,
            segments: searcher.segment_readers().len(),
            size_bytes,
            schema_version: SCHEMA_VERSION,
        })
    }

    /// What tantivy's `SnippetGenerator::create` makes for `query` on the
    /// body, with an analyzer that stems only the words that could match
    /// (see [`crate::schema::snippet_analyzer`]): the same snippets.
    fn snippet_generator(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
    ) -> Result<SnippetGenerator> {
        let field = self.fields.body;
        let mut terms: Vec<Term> = Vec::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                terms.push(term.clone());
            }
        });
        terms.sort_unstable();
        terms.dedup();
        let mut scored = BTreeMap::new();
        for term in &terms {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let doc_freq = searcher.doc_freq(term)?;
            if doc_freq > 0 {
                scored.insert(text.to_owned(), 1.0 / (1.0 + doc_freq as Score));
            }
        }
        let analyzer = crate::schema::snippet_analyzer(scored.keys().map(String::as_str));
        // tantivy's default length; callers set their own.
        Ok(SnippetGenerator::new(scored, analyzer, field, 150))
    }

    /// The user's query restricted to one kind of document and by
    /// `filters`. For sections and quotes, what looks at fields only
    /// articles index is answered on the articles (see
    /// [`NewsIndex::for_children`]).
    pub(crate) fn filtered_query(
        &self,
        searcher: &Searcher,
        parser: &QueryParser,
        user_query: Box<dyn Query>,
        kind: &str,
        section: Option<&str>,
        filters: &Filters,
    ) -> Result<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, user_query),
            (
                Occur::Must,
                Box::new(self.term_query(self.fields.kind, kind)),
            ),
        ];
        if let Some(heading) = section {
            clauses.push((Occur::Must, parse(parser, &phrase("section", heading))?));
        }
        let entity_filters = [
            ("person", &filters.persons),
            ("org", &filters.organizations),
            ("place", &filters.places),
            ("speaker", &filters.speakers),
        ];
        for (field, names) in entity_filters {
            for name in names {
                clauses.push((Occur::Must, parse(parser, &phrase(field, name))?));
            }
        }
        let date_filters = [
            (
                self.fields.published_day,
                &filters.published_since,
                &filters.published_until,
            ),
            (
                self.fields.mentioned_day,
                &filters.mentioned_since,
                &filters.mentioned_until,
            ),
        ];
        for (field, since, until) in date_filters {
            if since.is_none() && until.is_none() {
                continue;
            }
            let lower = match since {
                Some(since) => Bound::Included(Term::from_field_date_for_search(
                    field,
                    period_start(since)?,
                )),
                None => Bound::Unbounded,
            };
            let upper = match until {
                Some(until) => {
                    Bound::Excluded(Term::from_field_date_for_search(field, period_end(until)?))
                }
                None => Bound::Unbounded,
            };
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        let query: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
        if kind == KIND_ARTICLE {
            Ok(query)
        } else {
            self.for_children(searcher, query)
        }
    }

    /// `query` made for section and quote documents, which do not index
    /// the [`Fields::article_only`] fields: each part of it that looks only
    /// at those fields is run on the article documents and becomes "the
    /// document's article is one of those that matched". A part that
    /// mixes them with other fields is taken apart the same way, clause
    /// by clause. Sections and quotes used to index their article's values
    /// of those fields, so they match the same documents as then.
    pub(crate) fn for_children(
        &self,
        searcher: &Searcher,
        query: Box<dyn Query>,
    ) -> Result<Box<dyn Query>> {
        let article_only = self.fields.article_only();
        self.lift_to_articles(searcher, query, &article_only)
    }

    fn lift_to_articles(
        &self,
        searcher: &Searcher,
        query: Box<dyn Query>,
        article_only: &[Field],
    ) -> Result<Box<dyn Query>> {
        let fields = fields_of(&*query);
        if !fields.iter().any(|field| article_only.contains(field)) {
            return Ok(query);
        }
        if fields.iter().all(|field| article_only.contains(field)) {
            return self.children_of_matching_articles(searcher, query);
        }
        let Some(boolean) = (*query).downcast_ref::<BooleanQuery>() else {
            // Not made by the query parser from a newsdex query; left as it is.
            return Ok(query);
        };
        let mut clauses = Vec::with_capacity(boolean.clauses().len());
        // The required clauses on article fields only are run together, as
        // one search of the articles.
        let mut required_of_article = Vec::new();
        for (occur, clause) in boolean.clauses() {
            let fields = fields_of(&**clause);
            if *occur == Occur::Must
                && !fields.is_empty()
                && fields.iter().all(|field| article_only.contains(field))
            {
                required_of_article.push((Occur::Must, clause.box_clone()));
            } else {
                let lifted = self.lift_to_articles(searcher, clause.box_clone(), article_only)?;
                clauses.push((*occur, lifted));
            }
        }
        if !required_of_article.is_empty() {
            let articles = Box::new(BooleanQuery::new(required_of_article));
            clauses.push((
                Occur::Must,
                self.children_of_matching_articles(searcher, articles)?,
            ));
        }
        Ok(Box::new(BooleanQuery::with_minimum_required_clauses(
            clauses,
            boolean.get_minimum_number_should_match(),
        )))
    }

    /// The documents whose article matches `query`, as a query: those
    /// whose `id` is the id of one of the articles it finds, each scored
    /// as its article is, so that the articles' order carries over.
    ///
    /// The ids are matched against each segment's `id` column rather
    /// than looked up as terms: a filter that keeps most articles (a wide
    /// date range) would otherwise read one posting list per article. An
    /// article and its quotes may be in different segments, so when there
    /// are several the ids cross segments as text.
    fn children_of_matching_articles(
        &self,
        searcher: &Searcher,
        query: Box<dyn Query>,
    ) -> Result<Box<dyn Query>> {
        let articles = BooleanQuery::new(vec![
            (Occur::Must, query),
            (
                Occur::Must,
                Box::new(self.term_query(self.fields.kind, KIND_ARTICLE)),
            ),
        ]);
        let found = searcher.search(&articles, &ScoredDocuments)?;
        // The ordinals, in their segment's `id` column, of the articles
        // found, with their scores.
        let mut found_ords: HashMap<u32, Vec<(u64, Score)>> = HashMap::new();
        for (segment_ord, docs) in found {
            let fast = searcher.segment_reader(segment_ord).fast_fields();
            let Some(ids) = fast.str("id")? else {
                continue;
            };
            let mut ords: Vec<(u64, Score)> = docs
                .iter()
                .filter_map(|&(doc, score)| Some((ids.term_ords(doc).next()?, score)))
                .collect();
            ords.sort_unstable_by_key(|&(ord, _)| ord);
            ords.dedup_by_key(|(ord, _)| *ord);
            found_ords.insert(segment_ord, ords);
        }
        let single_segment = searcher.segment_readers().len() == 1;
        let mut found_ids: Vec<(Vec<u8>, Score)> = Vec::new();
        if !single_segment {
            for (&segment_ord, found) in &found_ords {
                let fast = searcher.segment_reader(segment_ord).fast_fields();
                if let Some(ids) = fast.str("id")? {
                    let ords: Vec<u64> = found.iter().map(|&(ord, _)| ord).collect();
                    // The ids come in the order of the ordinals given.
                    let mut scores = found.iter().map(|&(_, score)| score);
                    ids.dictionary()
                        .sorted_ords_to_term_cb(&ords, |id| {
                            found_ids.push((id.to_vec(), scores.next().unwrap_or(0.0)));
                        })
                        .map_err(tantivy::TantivyError::from)?;
                }
            }
            found_ids.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            found_ids.dedup_by(|a, b| a.0 == b.0);
        }

        let mut per_segment = HashMap::new();
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            let Some(ids) = segment.fast_fields().str("id")? else {
                continue;
            };
            // The score of each wanted ordinal; NaN for the others.
            let mut wanted = vec![Score::NAN; ids.dictionary().num_terms()];
            if single_segment {
                for &(ord, score) in found_ords.get(&(segment_ord as u32)).into_iter().flatten() {
                    wanted[ord as usize] = score;
                }
            } else {
                // One pass over the segment's sorted ids and the sorted
                // ids found.
                let mut stream = ids
                    .dictionary()
                    .stream()
                    .map_err(tantivy::TantivyError::from)?;
                let mut next_found = found_ids.iter().peekable();
                while stream.advance() {
                    let key = stream.key();
                    while next_found.next_if(|(id, _)| id.as_slice() < key).is_some() {}
                    if let Some((_, score)) =
                        next_found.peek().filter(|(id, _)| id.as_slice() == key)
                    {
                        wanted[stream.term_ord() as usize] = *score;
                    }
                }
            }
            // Every document has one id: their ordinals are read in bulk.
            let mut docs = BitSet::with_max_value(segment.max_doc());
            let mut scores = vec![0.0; segment.max_doc() as usize];
            let mut chunk: Vec<DocId> = Vec::with_capacity(ID_CHUNK);
            let mut chunk_ords = vec![None; ID_CHUNK];
            for start in (0..segment.max_doc()).step_by(ID_CHUNK) {
                chunk.clear();
                chunk.extend(start..segment.max_doc().min(start + ID_CHUNK as u32));
                let chunk_ords = &mut chunk_ords[..chunk.len()];
                ids.ords().first_vals(&chunk, chunk_ords);
                for (&doc, ord) in chunk.iter().zip(chunk_ords.iter()) {
                    if let Some(&score) = ord.and_then(|ord| wanted.get(ord as usize))
                        && !score.is_nan()
                    {
                        docs.insert(doc);
                        scores[doc as usize] = score;
                    }
                }
            }
            per_segment.insert(segment.segment_id(), (docs, Arc::new(scores)));
        }
        Ok(Box::new(SegmentDocuments(Arc::new(per_segment))))
    }

    /// Parses queries over articles and sections: a word without a field is
    /// looked for in the title and body, also in the `stemmed` languages'.
    pub(crate) fn query_parser(&self, stemmed: &[StemmedFields]) -> QueryParser {
        let mut default_fields = vec![self.fields.title, self.fields.body];
        for stemmed in stemmed {
            default_fields.extend([stemmed.title, stemmed.body]);
        }
        let mut parser = QueryParser::for_index(&self.index, default_fields);
        parser.set_conjunction_by_default();
        parser.set_field_boost(self.fields.title, 2.0);
        for stemmed in stemmed {
            parser.set_field_boost(stemmed.title, 2.0);
        }
        parser
    }

    /// The stemmed fields of the languages the index has articles in. A
    /// word without a field is looked for in these only, not in all
    /// nineteen languages' fields, most of them empty, each of which
    /// costs a term lookup per word and segment. A language whose count
    /// cannot be read is kept.
    pub(crate) fn stemmed_in_use(&self, searcher: &Searcher) -> Vec<StemmedFields> {
        self.fields
            .stemmed
            .iter()
            .copied()
            .filter(|stemmed| {
                let term = Term::from_field_text(self.fields.language, stemmed.code);
                searcher
                    .doc_freq(&term)
                    .map_or(true, |articles| articles > 0)
            })
            .collect()
    }

    /// Parses queries over quoted words: a word without a field is looked
    /// for in the quote only, not in its article's headline.
    pub(crate) fn quote_parser(&self, stemmed: &[StemmedFields]) -> QueryParser {
        let mut default_fields = vec![self.fields.body];
        default_fields.extend(stemmed.iter().map(|stemmed| stemmed.body));
        let mut parser = QueryParser::for_index(&self.index, default_fields);
        parser.set_conjunction_by_default();
        parser
    }

    /// Lists the quotes that match `query` (all quotes when it is empty or
    /// `*`), with their speakers and articles.
    pub fn quotes(&self, query_text: &str, options: &QuoteOptions) -> Result<QuoteResults> {
        let searcher = self.reader.searcher();
        let parser = self.quote_parser(&self.stemmed_in_use(&searcher));
        let user_query = parse_or_all(&parser, query_text)?;
        let query = self.filtered_query(
            &searcher,
            &parser,
            user_query.box_clone(),
            KIND_QUOTE,
            None,
            &options.filters,
        )?;
        let (addresses, total) = top_documents(
            &searcher,
            &query,
            options.limit,
            options.offset,
            options.sort,
        )?;
        let mut snippets = self.snippet_generator(&searcher, &*user_query)?;
        snippets.set_max_num_chars(QUOTE_CHARS);
        // A quote stores nothing; the quote and its article are read from
        // the article's record, once per article.
        let mut articles: HashMap<String, (ArticleRecord, String)> = HashMap::new();
        let mut quotes = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let (parent, index) = child_of(&searcher, address)?;
            let (summary, article_text) = match articles.entry(parent) {
                Entry::Occupied(entry) => entry.into_mut(),
                Entry::Vacant(entry) => {
                    let stored = self.record_in(&searcher, entry.key())?;
                    entry.insert(stored)
                }
            };
            let quote = summary.quote(index, article_text).unwrap_or_default();
            let (text, highlights) = quote_text(&quote.text, &snippets);
            let article = &summary.article;
            quotes.push(QuoteHit {
                id: article.id.clone(),
                score,
                text,
                highlights,
                speaker: quote.speaker,
                speaker_kind: quote.speaker_kind,
                resolution: quote.resolution,
                cue: quote.cue,
                start: quote.start,
                end: quote.end,
                title: article.title.clone(),
                outlet: article.outlet.clone(),
                published: article.published.clone(),
                path: article.path.clone(),
            });
        }
        Ok(QuoteResults { total, quotes })
    }

    /// The quote of an article that best matches `quote_query`, if any
    /// word of the query is in one.
    fn matched_quote(
        &self,
        searcher: &Searcher,
        quote_query: &dyn Query,
        snippets: &SnippetGenerator,
        summary: &ArticleRecord,
        text: &str,
    ) -> Result<Option<MatchedQuote>> {
        let query = BooleanQuery::new(vec![
            (Occur::Must, quote_query.box_clone()),
            (
                Occur::Must,
                Box::new(self.term_query(self.fields.kind, KIND_QUOTE)),
            ),
            (
                Occur::Must,
                Box::new(self.term_query(self.fields.id, &summary.article.id)),
            ),
        ]);
        let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = found.first() else {
            return Ok(None);
        };
        let (_, index) = child_of(searcher, *address)?;
        let Some(quote) = summary.quote(index, text) else {
            return Ok(None);
        };
        let (text, highlights) = quote_text(&quote.text, snippets);
        if highlights.is_empty() {
            // `*` or a query that only filters: every quote "matches", and
            // showing one of them would say nothing.
            return Ok(None);
        }
        Ok(Some(MatchedQuote {
            text,
            highlights,
            speaker: quote.speaker,
        }))
    }

    fn term_query(&self, field: tantivy::schema::Field, value: &str) -> TermQuery {
        TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        )
    }
}

/// How many documents' ids are read at once.
const ID_CHUNK: usize = 1024;

/// A set of documents given per segment, each with its score, as a query.
#[derive(Clone, Debug)]
struct SegmentDocuments(Arc<HashMap<SegmentId, ScoredSet>>);

/// Documents of one segment, and the score of each (by document id).
type ScoredSet = (BitSet, Arc<Vec<Score>>);

impl Query for SegmentDocuments {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for SegmentDocuments {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.0.get(&reader.segment_id()) {
            Some((docs, scores)) => Box::new(GivenScores {
                docs: BitSetDocSet::from(docs.clone()),
                scores: Arc::clone(scores),
                boost,
            }),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        match self.0.get(&reader.segment_id()) {
            Some((docs, scores)) if docs.contains(doc) => Ok(Explanation::new(
                "the score of the document's article",
                scores[doc as usize],
            )),
            _ => Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is not one of the set"
            ))),
        }
    }
}

/// The documents of a [`SegmentDocuments`] in one segment, with their scores.
struct GivenScores {
    docs: BitSetDocSet,
    scores: Arc<Vec<Score>>,
    boost: Score,
}

impl DocSet for GivenScores {
    fn advance(&mut self) -> DocId {
        self.docs.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.docs.seek(target)
    }

    fn doc(&self) -> DocId {
        self.docs.doc()
    }

    fn size_hint(&self) -> u32 {
        self.docs.size_hint()
    }
}

impl Scorer for GivenScores {
    fn score(&mut self) -> Score {
        self.scores.get(self.doc() as usize).copied().unwrap_or(0.0) * self.boost
    }
}

/// Every document that matches, with its score, by segment.
struct ScoredDocuments;

impl Collector for ScoredDocuments {
    type Fruit = Vec<(u32, Vec<(DocId, Score)>)>;
    type Child = ScoredSegmentDocuments;

    fn for_segment(
        &self,
        segment: u32,
        _reader: &SegmentReader,
    ) -> tantivy::Result<ScoredSegmentDocuments> {
        Ok(ScoredSegmentDocuments {
            segment,
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(u32, Vec<(DocId, Score)>)>,
    ) -> tantivy::Result<Self::Fruit> {
        Ok(fruits)
    }
}

/// [`ScoredDocuments`] in one segment.
struct ScoredSegmentDocuments {
    segment: u32,
    docs: Vec<(DocId, Score)>,
}

impl SegmentCollector for ScoredSegmentDocuments {
    type Fruit = (u32, Vec<(DocId, Score)>);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.docs.push((doc, score));
    }

    fn harvest(self) -> Self::Fruit {
        (self.segment, self.docs)
    }
}

/// The fields a query looks at (for a boolean query, all its clauses').
fn fields_of(query: &dyn Query) -> Vec<Field> {
    if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        return boolean
            .clauses()
            .iter()
            .flat_map(|(_, clause)| fields_of(&**clause))
            .collect();
    }
    let mut fields = Vec::new();
    if let Some(range) = query.downcast_ref::<RangeQuery>() {
        fields.push(range.field());
    }
    query.query_terms(&mut |term, _| fields.push(term.field()));
    fields
}

/// The id of the article of a section or quote document, and the
/// section's or quote's position in it, from fast fields.
fn child_of(searcher: &Searcher, address: DocAddress) -> Result<(String, usize)> {
    let fast = searcher.segment_reader(address.segment_ord).fast_fields();
    let mut parent = String::new();
    if let Some(parents) = fast.str("id")?
        && let Some(ord) = parents.term_ords(address.doc_id).next()
    {
        parents
            .ord_to_str(ord, &mut parent)
            .map_err(tantivy::TantivyError::from)?;
    }
    let number = fast
        .column_opt::<u64>("number")?
        .and_then(|numbers| numbers.first(address.doc_id))
        .unwrap_or(0);
    let index = usize::try_from(number)
        .ok()
        .and_then(|number| number.checked_sub(1));
    match index {
        Some(index) if !parent.is_empty() => Ok((parent, index)),
        _ => Err(Error::NotFound(format!(
            "the article of document {address:?}"
        ))),
    }
}

/// The longest quote shown whole; a longer one is cut to its best passage.
const QUOTE_CHARS: usize = 600;

/// The words of a quote, with the words that matched marked.
fn quote_text(full: &str, snippets: &SnippetGenerator) -> (String, Vec<[usize; 2]>) {
    // As tantivy's `snippet_from_doc` would make it from a stored body.
    let snippet = snippets.snippet(full.trim());
    if snippet.is_empty() {
        return (opening_of(full, QUOTE_CHARS), Vec::new());
    }
    let fragment = snippet.fragment();
    // The fragment is cut at words; a quote that fits is given whole, with
    // the marks moved to where the fragment sits in it.
    let (text, shift) = match full.find(fragment) {
        Some(at) if full.chars().count() <= QUOTE_CHARS => (full.to_owned(), at),
        _ => (fragment.to_owned(), 0),
    };
    let highlights = snippet
        .highlighted()
        .iter()
        .map(|range| [range.start + shift, range.end + shift])
        .collect();
    (text, highlights)
}

/// The entities an article mentions most.
fn main_entities(summary: &ArticleRecord) -> Vec<MainEntity> {
    let mut main: Vec<MainEntity> = summary
        .entities()
        .map(|(name, kind, mentions)| MainEntity {
            name: name.to_owned(),
            kind,
            mentions,
        })
        .collect();
    main.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    main.truncate(MAIN_ENTITIES);
    main
}

/// The best `limit` documents after `offset`, in the order asked, and how
/// many matched in all.
fn top_documents(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    offset: usize,
    sort: SortOrder,
) -> Result<(Vec<(f32, DocAddress)>, usize)> {
    let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
    Ok(match sort {
        SortOrder::Relevance => searcher.search(query, &(top.order_by_score(), Count))?,
        SortOrder::Newest | SortOrder::Oldest => {
            let order = if sort == SortOrder::Newest {
                Order::Desc
            } else {
                Order::Asc
            };
            let collector = top.order_by_fast_field::<DateTime>("published_day", order);
            let (dated, total) = searcher.search(query, &(collector, Count))?;
            (
                dated
                    .into_iter()
                    .map(|(_, address)| (0.0, address))
                    .collect(),
                total,
            )
        }
    })
}

/// A query that matches everything for an empty query or `*`.
pub(crate) fn parse_or_all(parser: &QueryParser, query: &str) -> Result<Box<dyn Query>> {
    match query.trim() {
        "" | "*" => Ok(Box::new(AllQuery)),
        text => parse(parser, text),
    }
}

/// A phrase query on one field, with the quotes that would end it removed.
fn phrase(field: &str, words: &str) -> String {
    format!("{field}:\"{}\"", words.replace(['"', '\\'], " "))
}

/// The first instant of an ISO 8601 period (`2022`, `2022-03`, `2022-03-09`).
fn period_start(period: &str) -> Result<DateTime> {
    parse_published_day(period).ok_or_else(|| bad_date(period))
}

/// The first instant after an ISO 8601 period.
fn period_end(period: &str) -> Result<DateTime> {
    let start = parse_published_day(period).ok_or_else(|| bad_date(period))?;
    let span = match period.split('-').count() {
        1 => jiff::Span::new().years(1),
        2 => jiff::Span::new().months(1),
        _ => jiff::Span::new().days(1),
    };
    let start =
        jiff::Timestamp::from_second(start.into_timestamp_secs()).map_err(|_| bad_date(period))?;
    let end = start
        .to_zoned(jiff::tz::TimeZone::UTC)
        .checked_add(span)
        .map_err(|_| bad_date(period))?;
    Ok(DateTime::from_timestamp_secs(end.timestamp().as_second()))
}

fn bad_date(period: &str) -> Error {
    Error::Query {
        query: period.to_owned(),
        reason: "not a date like 2022-03-09, 2022-03 or 2022".to_owned(),
    }
}

fn parse(parser: &QueryParser, query: &str) -> Result<Box<dyn Query>> {
    parser.parse_query(query).map_err(|error| Error::Query {
        query: query.to_owned(),
        reason: error.to_string(),
    })
}

fn count(searcher: &Searcher, query: &dyn Query) -> Result<u64> {
    Ok(searcher.search(query, &Count)? as u64)
}

/// The first `chars` characters of `text`, cut at a word boundary.
fn opening_of(text: &str, chars: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(chars) else {
        return text.to_owned();
    };
    let cut = text[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", &text[..cut])
}
