//! Counting over the articles that match a query: top entities, and
//! articles per month or year.

use std::collections::{BTreeMap, HashMap, HashSet};

use newsdex_ingest::EntityKind;
use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::{DocAddress, DocId, Searcher};

use crate::Result;
use crate::news_index::NewsIndex;
use crate::schema::{KIND_ARTICLE, KIND_QUOTE};
use crate::search::{Filters, parse_or_all};

/// How many matching articles mention an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityCount {
    /// The canonical name.
    pub name: String,
    /// What kind of entity it is.
    pub kind: EntityKind,
    /// Matching articles that mention it.
    pub articles: u64,
}

/// How often a speaker is quoted among the quotes that match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerCount {
    /// The speaker's canonical name.
    pub name: String,
    /// Matching quotes said by the speaker.
    pub quotes: u64,
    /// Articles those quotes come from.
    pub articles: u64,
}

/// The width of a timeline's bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// One bar per calendar month (`2022-03`).
    Month,
    /// One bar per year (`2022`).
    Year,
}

/// Matching articles per period of publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timeline {
    /// The width of each period.
    pub granularity: Granularity,
    /// Every period from the first to the last with an article, in order,
    /// including the empty ones in between.
    pub buckets: Vec<TimelineBucket>,
    /// Matching articles without a publication date.
    pub undated: u64,
}

/// One bar of a [`Timeline`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineBucket {
    /// `2022` or `2022-03`.
    pub period: String,
    /// Matching articles published in it.
    pub articles: u64,
}

impl NewsIndex {
    /// The entities mentioned by the most articles among those matching
    /// `query` (all articles when the query is empty or `*`), most first.
    pub fn top_entities(
        &self,
        query: &str,
        filters: &Filters,
        kind: Option<EntityKind>,
        limit: usize,
    ) -> Result<Vec<EntityCount>> {
        let searcher = self.reader.searcher();
        let documents = self.matching_documents(&searcher, query, filters)?;
        let schema = self.index.schema();
        let mut counts: HashMap<(EntityKind, String), u64> = HashMap::new();
        for (segment_ord, docs) in by_segment(documents) {
            let segment = searcher.segment_reader(segment_ord);
            for entity_kind in EntityKind::ALL {
                if kind.is_some_and(|wanted| wanted != entity_kind) {
                    continue;
                }
                let field = schema.get_field_name(self.fields.entity_name(entity_kind));
                let Some(column) = segment.fast_fields().str(field)? else {
                    continue;
                };
                let mut per_ord: HashMap<u64, u64> = HashMap::new();
                for &doc in &docs {
                    for ord in column.term_ords(doc) {
                        *per_ord.entry(ord).or_default() += 1;
                    }
                }
                let mut name = String::new();
                for (ord, count) in per_ord {
                    name.clear();
                    if column
                        .ord_to_str(ord, &mut name)
                        .map_err(tantivy::TantivyError::from)?
                    {
                        *counts.entry((entity_kind, name.clone())).or_default() += count;
                    }
                }
            }
        }
        let mut ranked: Vec<EntityCount> = counts
            .into_iter()
            .map(|((kind, name), articles)| EntityCount {
                name,
                kind,
                articles,
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| a.name.cmp(&b.name))
        });
        ranked.truncate(limit);
        Ok(ranked)
    }

    /// Matching articles per month or year of publication. Without a
    /// granularity, months are used when the dates span at most three years.
    pub fn timeline(
        &self,
        query: &str,
        filters: &Filters,
        granularity: Option<Granularity>,
    ) -> Result<Timeline> {
        let searcher = self.reader.searcher();
        let documents = self.matching_documents(&searcher, query, filters)?;
        let mut months: BTreeMap<(i16, i8), u64> = BTreeMap::new();
        let mut undated = 0;
        for (segment_ord, docs) in by_segment(documents) {
            let column = searcher
                .segment_reader(segment_ord)
                .fast_fields()
                .date("published_day")?;
            for doc in docs {
                let Some(day) = column.first(doc) else {
                    undated += 1;
                    continue;
                };
                let Ok(timestamp) = jiff::Timestamp::from_second(day.into_timestamp_secs()) else {
                    undated += 1;
                    continue;
                };
                let date = timestamp.to_zoned(jiff::tz::TimeZone::UTC).date();
                *months.entry((date.year(), date.month())).or_default() += 1;
            }
        }
        let (Some(&first), Some(&last)) = (months.keys().next(), months.keys().next_back()) else {
            let granularity = granularity.unwrap_or(Granularity::Month);
            return Ok(Timeline {
                granularity,
                buckets: Vec::new(),
                undated,
            });
        };
        let span_months =
            (i32::from(last.0) - i32::from(first.0)) * 12 + i32::from(last.1) - i32::from(first.1);
        let granularity = granularity.unwrap_or(if span_months <= 36 {
            Granularity::Month
        } else {
            Granularity::Year
        });
        let mut buckets = Vec::new();
        match granularity {
            Granularity::Year => {
                for year in first.0..=last.0 {
                    let articles = months.range((year, 1)..=(year, 12)).map(|(_, n)| n).sum();
                    buckets.push(TimelineBucket {
                        period: format!("{year:04}"),
                        articles,
                    });
                }
            }
            Granularity::Month => {
                let (mut year, mut month) = first;
                while (year, month) <= last {
                    let articles = months.get(&(year, month)).copied().unwrap_or(0);
                    buckets.push(TimelineBucket {
                        period: format!("{year:04}-{month:02}"),
                        articles,
                    });
                    (year, month) = if month == 12 {
                        (year + 1, 1)
                    } else {
                        (year, month + 1)
                    };
                }
            }
        }
        Ok(Timeline {
            granularity,
            buckets,
            undated,
        })
    }

    /// The speakers quoted most among the quotes that match `query` (all
    /// quotes when it is empty or `*`), most first.
    pub fn top_speakers(
        &self,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<Vec<SpeakerCount>> {
        let searcher = self.reader.searcher();
        let parser = self.quote_parser(&self.stemmed_in_use(&searcher));
        let user_query = parse_or_all(&parser, query)?;
        let query =
            self.filtered_query(&searcher, &parser, user_query, KIND_QUOTE, None, filters)?;
        let documents: Vec<DocAddress> = searcher
            .search(&query, &DocSetCollector)?
            .into_iter()
            .collect();
        let mut quotes: HashMap<String, u64> = HashMap::new();
        let mut articles: HashMap<String, HashSet<String>> = HashMap::new();
        let mut name = String::new();
        let mut parent = String::new();
        for (segment_ord, docs) in by_segment(documents) {
            let fast = searcher.segment_reader(segment_ord).fast_fields();
            let (Some(speakers), Some(parents)) = (fast.str("speaker_name")?, fast.str("id")?)
            else {
                continue;
            };
            for doc in docs {
                let Some(ord) = speakers.term_ords(doc).next() else {
                    continue;
                };
                name.clear();
                if !speakers
                    .ord_to_str(ord, &mut name)
                    .map_err(tantivy::TantivyError::from)?
                {
                    continue;
                }
                *quotes.entry(name.clone()).or_default() += 1;
                if let Some(ord) = parents.term_ords(doc).next() {
                    parent.clear();
                    if parents
                        .ord_to_str(ord, &mut parent)
                        .map_err(tantivy::TantivyError::from)?
                    {
                        articles
                            .entry(name.clone())
                            .or_default()
                            .insert(parent.clone());
                    }
                }
            }
        }
        let mut ranked: Vec<SpeakerCount> = quotes
            .into_iter()
            .map(|(name, quotes)| SpeakerCount {
                articles: articles.get(&name).map_or(0, |set| set.len() as u64),
                name,
                quotes,
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.quotes
                .cmp(&a.quotes)
                .then_with(|| b.articles.cmp(&a.articles))
                .then_with(|| a.name.cmp(&b.name))
        });
        ranked.truncate(limit);
        Ok(ranked)
    }

    fn matching_documents(
        &self,
        searcher: &Searcher,
        query: &str,
        filters: &Filters,
    ) -> Result<Vec<DocAddress>> {
        let parser = self.query_parser(&self.stemmed_in_use(searcher));
        let user_query = parse_or_all(&parser, query)?;
        let query =
            self.filtered_query(searcher, &parser, user_query, KIND_ARTICLE, None, filters)?;
        Ok(searcher
            .search(&query, &DocSetCollector)?
            .into_iter()
            .collect())
    }
}

/// Groups document addresses by segment, docs in order.
fn by_segment(documents: Vec<DocAddress>) -> BTreeMap<u32, Vec<DocId>> {
    let mut grouped: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
    for address in documents {
        grouped
            .entry(address.segment_ord)
            .or_default()
            .push(address.doc_id);
    }
    for docs in grouped.values_mut() {
        docs.sort_unstable();
    }
    grouped
}
