//! Searching, showing and counting.

use serde::Serialize;
use std::ops::Bound;
use tantivy::collector::{Count, TopDocs};

use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument, Term};

use newsdex_ingest::Article;

use crate::news_index::NewsIndex;
use crate::schema::{KIND_ARTICLE, KIND_SECTION, SCHEMA_VERSION};
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
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let parser = self.query_parser();
        let user_query = parse(&parser, query)?;
        let query = self.filtered_query(
            &parser,
            user_query.box_clone(),
            options.section.as_deref(),
            &options.filters,
        )?;

        let limit = options.limit.max(1);
        let top = TopDocs::with_limit(limit).and_offset(options.offset);
        let (addresses, total): (Vec<(f32, DocAddress)>, usize) = match options.sort {
            SortOrder::Relevance => searcher.search(&query, &(top.order_by_score(), Count))?,
            SortOrder::Newest | SortOrder::Oldest => {
                let order = if options.sort == SortOrder::Newest {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let collector = top.order_by_fast_field::<DateTime>("published_day", order);
                let (dated, total) = searcher.search(&query, &(collector, Count))?;
                (
                    dated
                        .into_iter()
                        .map(|(_, address)| (0.0, address))
                        .collect(),
                    total,
                )
            }
        };

        let mut snippets = SnippetGenerator::create(&searcher, &*user_query, self.fields.body)?;
        snippets.set_max_num_chars(options.snippet_chars.max(20));
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let document: TantivyDocument = searcher.doc(address)?;
            let snippet = snippets.snippet_from_doc(&document);
            let snippet = if snippet.is_empty() {
                let body = stored_text(&document, self.fields.body).unwrap_or_default();
                Snippet {
                    text: opening_of(&body, options.snippet_chars),
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
            let id = match stored_text(&document, self.fields.parent) {
                Some(parent) => parent,
                None => stored_text(&document, self.fields.id).unwrap_or_default(),
            };
            hits.push(Hit {
                id,
                score,
                title: stored_text(&document, self.fields.title),
                outlet: stored_text(&document, self.fields.outlet),
                published: stored_text(&document, self.fields.published),
                path: stored_text(&document, self.fields.display_path).unwrap_or_default(),
                section: options
                    .section
                    .as_ref()
                    .and_then(|_| stored_text(&document, self.fields.section)),
                snippet,
            });
        }
        Ok(SearchResults { total, hits })
    }

    /// Gives back the whole article with the given id.
    pub fn article(&self, id: &str) -> Result<Article> {
        let searcher = self.reader.searcher();
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
        let Some((_, address)) = found.first() else {
            return Err(Error::NotFound(id.to_owned()));
        };
        let document: TantivyDocument = searcher.doc(*address)?;
        let extra = stored_text(&document, self.fields.extra).unwrap_or_default();
        let mut article: Article =
            serde_json::from_str(&extra).map_err(|error| Error::Incompatible {
                path: self.dir().map(ToOwned::to_owned).unwrap_or_default(),
                found: format!("an article record it cannot read ({error})"),
            })?;
        article.text = stored_text(&document, self.fields.body).unwrap_or_default();
        article.title = stored_text(&document, self.fields.title);
        Ok(article)
    }

    /// Counts articles, sections, files and segments.
    pub fn stats(&self) -> Result<IndexStats> {
        let searcher = self.reader.searcher();
        let articles = count(&searcher, &self.term_query(self.fields.kind, KIND_ARTICLE))?;
        let sections = count(&searcher, &self.term_query(self.fields.kind, KIND_SECTION))?;
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
            files,
            segments: searcher.segment_readers().len(),
            size_bytes,
            schema_version: SCHEMA_VERSION,
        })
    }

    /// The user's query restricted to one kind of document and by `filters`.
    pub(crate) fn filtered_query(
        &self,
        parser: &QueryParser,
        user_query: Box<dyn Query>,
        section: Option<&str>,
        filters: &Filters,
    ) -> Result<BooleanQuery> {
        let kind = if section.is_some() {
            KIND_SECTION
        } else {
            KIND_ARTICLE
        };
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
        Ok(BooleanQuery::new(clauses))
    }

    pub(crate) fn query_parser(&self) -> QueryParser {
        let mut default_fields = vec![self.fields.title, self.fields.body];
        for stemmed in &self.fields.stemmed {
            default_fields.extend([stemmed.title, stemmed.body]);
        }
        let mut parser = QueryParser::for_index(&self.index, default_fields);
        parser.set_conjunction_by_default();
        parser.set_field_boost(self.fields.title, 2.0);
        for stemmed in &self.fields.stemmed {
            parser.set_field_boost(stemmed.title, 2.0);
        }
        parser
    }

    fn term_query(&self, field: tantivy::schema::Field, value: &str) -> TermQuery {
        TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        )
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
