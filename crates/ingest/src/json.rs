//! JSON documents and JSON Lines: one article per object.
//!
//! Field names are those scrapers and APIs use (news-please `maintext`,
//! `date_publish`, `authors`, `source_domain`; trafilatura `text`, `author`,
//! `hostname`; NewsAPI `articles[]` with `publishedAt` and `source.name`;
//! schema.org `headline`, `articleBody`, `datePublished`), matched whatever
//! their case and punctuation; see [`role_of`]. A document may be one
//! article, an array of them, or an object with an array of them (`articles`,
//! `data`, `items`…); an Elasticsearch hit's `_source` is looked into.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::article::Article;
use crate::record::{
    ARTICLE_FIELDS, FileContext, LineBreaks, Record, RecordWarnings, Role, clean_line, finish_file,
    normalize_date, role_of, shape_body, split_authors,
};

/// An object of the file and where it was.
struct Item {
    /// `line 3` for JSON Lines, `item 3` within an array.
    position: String,
    object: Map<String, Value>,
}

/// Reads the articles of a JSON document or of JSON Lines.
pub(crate) fn read(
    text: &str,
    context: &FileContext<'_>,
    mut file_warnings: Vec<String>,
) -> Vec<Article> {
    let mut warnings = RecordWarnings::default();
    let (items, single) = match serde_json::from_str::<Value>(text) {
        Ok(value) => items_of_document(value, &mut warnings),
        Err(document_error) => {
            let items = items_of_lines(text, &mut warnings);
            if items.is_empty() && text.lines().filter(|line| !line.trim().is_empty()).count() <= 1
            {
                // One line that is not JSON: say what is wrong with the document.
                warnings = RecordWarnings::default();
                warnings.push(format!("not valid JSON: {document_error}"));
            }
            (items, false)
        }
    };
    let records: Vec<Option<Record>> = items.iter().map(|item| record_of(&item.object)).collect();
    let article_items: Vec<&Item> = items
        .iter()
        .zip(&records)
        .filter(|(_, record)| record.is_some())
        .map(|(item, _)| item)
        .collect();
    let mut keys = unique_keys(&article_items).map(Vec::into_iter);
    let mut articles = Vec::with_capacity(items.len());
    let mut fields_seen: Vec<String> = Vec::new();
    let mut unknown = 0usize;
    for (item, record) in items.iter().zip(records) {
        match record {
            Some(mut record) => {
                let own_key = keys.as_mut().and_then(Iterator::next);
                record.key = if single {
                    None
                } else {
                    Some(own_key.unwrap_or_else(|| item.position.clone()))
                };
                articles.push(record.into_article(context));
            }
            None => {
                unknown += 1;
                for name in item.object.keys() {
                    if fields_seen.len() < 30 && !fields_seen.contains(name) {
                        fields_seen.push(name.clone());
                    }
                }
                if items.len() > 1 {
                    warnings.push(format!(
                        "{}: an object with none of the article fields ({ARTICLE_FIELDS}); fields found: {}",
                        item.position,
                        field_list(&item.object)
                    ));
                }
            }
        }
    }
    let record_warnings = warnings.into_vec();
    let reason = || {
        if unknown > 0 {
            format!(
                "the JSON objects have none of the article fields ({ARTICLE_FIELDS}); fields found: {}",
                fields_seen.join(", ")
            )
        } else if let Some(first) = record_warnings.first() {
            first.clone()
        } else {
            "the JSON holds no objects".to_owned()
        }
    };
    let reason = reason();
    file_warnings.extend(record_warnings);
    finish_file(context, articles, file_warnings, || reason)
}

/// The objects of a parsed document, and whether it is a single article.
fn items_of_document(value: Value, warnings: &mut RecordWarnings) -> (Vec<Item>, bool) {
    match value {
        Value::Array(values) => (items_of_array(values, "item", warnings), false),
        Value::Object(object) => {
            if record_of(&object).is_some() {
                return (
                    vec![Item {
                        position: "the document".to_owned(),
                        object,
                    }],
                    true,
                );
            }
            if let Some(values) = article_array(&object) {
                return (items_of_array(values, "item", warnings), false);
            }
            (
                vec![Item {
                    position: "the document".to_owned(),
                    object,
                }],
                true,
            )
        }
        other => {
            warnings.push(format!(
                "the JSON document is a {}, not an object",
                kind_of(&other)
            ));
            (Vec::new(), false)
        }
    }
}

fn items_of_array(values: Vec<Value>, what: &str, warnings: &mut RecordWarnings) -> Vec<Item> {
    let mut items = Vec::with_capacity(values.len());
    for (index, value) in values.into_iter().enumerate() {
        let position = format!("{what} {}", index + 1);
        match value {
            Value::Object(object) => items.push(Item { position, object }),
            other => warnings.push(format!("{position}: a {}, not an object", kind_of(&other))),
        }
    }
    items
}

/// The array of articles inside a wrapper object: the first field (looked
/// for two levels down, as in `{"hits": {"hits": […]}}`) that is an array
/// holding an article.
fn article_array(object: &Map<String, Value>) -> Option<Vec<Value>> {
    for value in object.values() {
        match value {
            Value::Array(values)
                if values
                    .iter()
                    .any(|value| value.as_object().is_some_and(is_article)) =>
            {
                return Some(values.clone());
            }
            Value::Object(inner) => {
                for value in inner.values() {
                    if let Value::Array(values) = value
                        && values
                            .iter()
                            .any(|value| value.as_object().is_some_and(is_article))
                    {
                        return Some(values.clone());
                    }
                }
            }
            _ => {}
        }
    }
    None
}

fn is_article(object: &Map<String, Value>) -> bool {
    record_of(object).is_some()
}

/// The objects of JSON Lines; lines that are not JSON objects are warnings.
fn items_of_lines(text: &str, warnings: &mut RecordWarnings) -> Vec<Item> {
    let mut items = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let position = format!("line {}", index + 1);
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(object)) => items.push(Item { position, object }),
            Ok(Value::Array(values)) => items.extend(items_of_array(
                values,
                &format!("{position} item"),
                warnings,
            )),
            Ok(other) => warnings.push(format!("{position}: a {}, not an object", kind_of(&other))),
            Err(error) => warnings.push(format!("{position}: not valid JSON ({error})")),
        }
    }
    items
}

/// Record keys from the objects' own identifiers: an id field (`id`,
/// `guid`, `_id`…), or else the URL, when every article object has one and
/// no two are the same. `None` means positions are used instead.
fn unique_keys(items: &[&Item]) -> Option<Vec<String>> {
    let named = |item: &Item, wanted: Role| -> Option<String> {
        let object = source_of(&item.object);
        object
            .iter()
            .chain(item.object.iter())
            .find(|(name, _)| {
                role_of(name) == Some(wanted) || (wanted == Role::Key && name.as_str() == "_id")
            })
            .and_then(|(_, value)| scalar(value))
    };
    [Role::Key, Role::Url].into_iter().find_map(|role| {
        let mut seen = HashSet::with_capacity(items.len());
        let mut keys = Vec::with_capacity(items.len());
        for item in items {
            let key = named(item, role)?;
            if !seen.insert(key.clone()) {
                return None;
            }
            keys.push(key);
        }
        Some(keys)
    })
}

/// The object that holds an article's fields: an Elasticsearch hit's
/// `_source`, or the object itself.
fn source_of(object: &Map<String, Value>) -> &Map<String, Value> {
    match object.get("_source") {
        Some(Value::Object(source)) => source,
        _ => object,
    }
}

/// The article an object describes, or `None` when it has neither a title
/// nor a body.
fn record_of(object: &Map<String, Value>) -> Option<Record> {
    let object = source_of(object);
    let mut record = Record::default();
    let mut body: Option<(u8, String)> = None;
    let mut summary: Option<String> = None;
    for (name, value) in object {
        match role_of(name) {
            Some(Role::Title) => {
                if record.title.is_none() {
                    record.title = value.as_str().and_then(clean_line);
                }
            }
            Some(Role::Body(rank)) => {
                if body.as_ref().is_none_or(|(best, _)| rank < *best)
                    && let Some(text) = text_of(value)
                {
                    body = Some((rank, text));
                }
            }
            Some(Role::Summary) => {
                if summary.is_none() {
                    summary = text_of(value);
                }
            }
            Some(Role::Published) => {
                if record.published.is_none() {
                    record.published = scalar(value).as_deref().and_then(normalize_date);
                }
            }
            Some(Role::Authors) => {
                if record.authors.is_empty() {
                    record.authors = names_of(value);
                }
            }
            Some(Role::Outlet) => {
                if record.outlet.is_none() {
                    record.outlet = names_of(value).into_iter().next();
                }
            }
            Some(Role::Url) => {
                if record.url.is_none() {
                    record.url = value.as_str().and_then(clean_line);
                }
            }
            Some(Role::Topics) => record.topics.extend(topics_of(value)),
            Some(Role::Language) => {
                if record.declared_language.is_none() {
                    record.declared_language = value.as_str().map(str::to_owned);
                }
            }
            Some(Role::Dateline) => record.dateline = value.as_str().and_then(clean_line),
            Some(Role::Key) | None => {}
        }
    }
    let body = body
        .map(|(_, text)| text)
        .filter(|text| !text.trim().is_empty())
        .or(summary);
    record.body = body
        .map(|text| shape_body(&text, LineBreaks::Guess))
        .unwrap_or_default();
    if record.title.is_none() && record.body.is_empty() {
        return None;
    }
    let mut unique_topics: Vec<String> = Vec::new();
    for topic in record.topics.drain(..) {
        if !unique_topics.contains(&topic) {
            unique_topics.push(topic);
        }
    }
    record.topics = unique_topics;
    Some(record)
}

/// A body held as a string, or as an array of paragraph strings.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Array(values) => {
            let paragraphs: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
            (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"))
        }
        _ => None,
    }
}

/// Names from a string, an array of strings, or objects with a `name`.
fn names_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => split_authors(text),
        Value::Array(values) => values.iter().flat_map(names_of).collect(),
        Value::Object(object) => object.get("name").map(names_of).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn topics_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => text
            .split([',', ';', '|'])
            .filter_map(clean_line)
            .filter(|topic| topic.parse::<f64>().is_err())
            .collect(),
        Value::Array(values) => values.iter().flat_map(topics_of).collect(),
        Value::Object(object) => object.get("name").map(topics_of).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A string or a number as a string.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.trim().to_owned()).filter(|text| !text.is_empty()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn field_list(object: &Map<String, Value>) -> String {
    let names: Vec<&str> = object.keys().map(String::as_str).take(30).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
