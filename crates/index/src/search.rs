//! Searching, showing and counting.

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument, Term};

use newsdex_ingest::Article;

use crate::news_index::NewsIndex;
use crate::schema::{KIND_ARTICLE, KIND_SECTION, SCHEMA_VERSION};
use crate::update::stored_text;
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
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            section: None,
            sort: SortOrder::Relevance,
            snippet_chars: 200,
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
        let kind = if options.section.is_some() {
            KIND_SECTION
        } else {
            KIND_ARTICLE
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, user_query.box_clone()),
            (
                Occur::Must,
                Box::new(self.term_query(self.fields.kind, kind)),
            ),
        ];
        if let Some(heading) = &options.section {
            let phrase = format!("section:\"{}\"", heading.replace(['"', '\\'], " "));
            clauses.push((Occur::Must, parse(&parser, &phrase)?));
        }
        let query = BooleanQuery::new(clauses);

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

    fn query_parser(&self) -> QueryParser {
        let mut parser =
            QueryParser::for_index(&self.index, vec![self.fields.title, self.fields.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(self.fields.title, 2.0);
        parser
    }

    fn term_query(&self, field: tantivy::schema::Field, value: &str) -> TermQuery {
        TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        )
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
