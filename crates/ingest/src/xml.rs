//! Other XML that holds news: RSS and Atom feeds (one article per item)
//! and tokenised corpus documents in the CAT format of MEANTIME/NewsReader
//! (`<Document>` of `<token sentence="…">`, with the sentence 0 as title).
//! Any other XML gives no article, with a warning naming its root element.

use std::collections::HashSet;

use crate::article::Article;
use crate::markup::{Token, attribute, element, text_of, tokens};
use crate::record::{
    FileContext, LineBreaks, Record, clean_line, finish_file, normalize_date, shape_body,
    split_authors,
};

/// Reads the articles of an XML document.
pub(crate) fn read(
    text: &str,
    context: &FileContext<'_>,
    file_warnings: Vec<String>,
) -> Vec<Article> {
    let root = root_element(text);
    match root
        .as_ref()
        .map(|(name, _)| name.to_ascii_lowercase())
        .as_deref()
    {
        Some("rss" | "rdf:rdf" | "rdf") => feed(text, "item", context, file_warnings),
        Some("feed") => feed(text, "entry", context, file_warnings),
        Some("document") if text.contains("<token") => {
            let attributes = root.map(|(_, attributes)| attributes).unwrap_or_default();
            cat(text, &attributes, context, file_warnings)
        }
        _ => {
            let name = root.map_or_else(|| "none".to_owned(), |(name, _)| format!("<{name}>"));
            let reason = format!(
                "an XML document this reader does not know (root element {name}); it reads TimeML, RSS, \
                 Atom and CAT"
            );
            finish_file(context, Vec::new(), file_warnings, || reason)
        }
    }
}

/// The name and raw attributes of the first element.
fn root_element(text: &str) -> Option<(String, String)> {
    tokens(text).find_map(|token| match token {
        Token::Start {
            name, attributes, ..
        } => Some((name.to_owned(), attributes.to_owned())),
        _ => None,
    })
}

/// Plain text from feed content, which may be HTML escaped or in CDATA.
fn feed_text(raw: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "br",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
    ];
    let once = text_of(raw, &["script", "style"], BLOCKS);
    if once.contains('<') {
        text_of(&once, &["script", "style"], BLOCKS)
    } else {
        once
    }
}

/// The articles of an RSS or Atom feed, one per `item_name` element.
fn feed(
    text: &str,
    item_name: &str,
    context: &FileContext<'_>,
    mut file_warnings: Vec<String>,
) -> Vec<Article> {
    let first_item = text.find(&format!("<{item_name}")).unwrap_or(text.len());
    let channel_title = element(&text[..first_item], "title")
        .and_then(|(_, title, _)| clean_line(&feed_text(title)));
    let mut records = Vec::new();
    let mut rest = text;
    while let Some((_, item, end)) = element(rest, item_name) {
        rest = &rest[end.min(rest.len())..];
        let field = |names: &[&str]| -> Option<String> {
            names
                .iter()
                .find_map(|name| element(item, name).map(|(_, content, _)| feed_text(content)))
        };
        let link = element(item, "link").and_then(|(attributes, content, _)| {
            attribute(attributes, "href").or_else(|| clean_line(&feed_text(content)))
        });
        let body = field(&["content:encoded", "content", "description", "summary"])
            .map(|body| shape_body(&body, LineBreaks::Guess))
            .unwrap_or_default();
        let authors = field(&["dc:creator", "author"])
            .map(|author| split_authors(&author))
            .unwrap_or_default();
        let mut topics = Vec::new();
        let mut categories = item;
        while let Some((attributes, content, end)) = element(categories, "category") {
            if let Some(topic) =
                attribute(attributes, "term").or_else(|| clean_line(&feed_text(content)))
                && !topics.contains(&topic)
            {
                topics.push(topic);
            }
            categories = &categories[end.min(categories.len())..];
        }
        let record = Record {
            key: field(&["guid", "id"])
                .and_then(|key| clean_line(&key))
                .or_else(|| link.clone()),
            title: field(&["title"]).and_then(|title| clean_line(&title)),
            body,
            authors,
            outlet: channel_title.clone(),
            published: field(&["pubDate", "published", "dc:date", "updated"])
                .as_deref()
                .and_then(normalize_date),
            url: link,
            topics,
            ..Record::default()
        };
        if record.title.is_some() || !record.body.is_empty() {
            records.push(record);
        }
    }
    // Keys must tell the items apart; fall back to positions when they do not.
    let mut seen = HashSet::new();
    let unique = records.iter().all(|record| {
        record
            .key
            .as_ref()
            .is_some_and(|key| seen.insert(key.clone()))
    });
    let articles: Vec<Article> = records
        .into_iter()
        .enumerate()
        .map(|(index, mut record)| {
            if !unique {
                record.key = Some(format!("item {}", index + 1));
            }
            record.into_article(context)
        })
        .collect();
    if articles.is_empty() {
        file_warnings.push(format!(
            "the feed has no <{item_name}> with a title or text"
        ));
    }
    finish_file(context, articles, file_warnings, || {
        format!("the feed has no <{item_name}> elements")
    })
}

/// The article of a CAT document: tokens joined into sentences, sentence 0
/// the title, sentence 1 the date when it is one, each further sentence a
/// paragraph.
fn cat(
    text: &str,
    root_attributes: &str,
    context: &FileContext<'_>,
    file_warnings: Vec<String>,
) -> Vec<Article> {
    let mut sentences: Vec<(String, Vec<String>)> = Vec::new();
    let mut scanner = tokens(text);
    while let Some(token) = scanner.next() {
        let Token::Start {
            name,
            attributes,
            self_closing: false,
        } = token
        else {
            continue;
        };
        if !name.eq_ignore_ascii_case("token") {
            continue;
        }
        let sentence = attribute(attributes, "sentence").unwrap_or_default();
        let word = text_of(scanner.raw_until_end_of(name), &[], &[]);
        match sentences.last_mut() {
            Some((current, words)) if *current == sentence => words.push(word),
            _ => sentences.push((sentence, vec![word])),
        }
    }
    let mut sentences = sentences.into_iter().map(|(_, words)| detokenize(&words));
    let title = sentences.next().as_deref().and_then(clean_line);
    let mut paragraphs: Vec<String> = sentences.collect();
    let published = paragraphs.first().and_then(|first| normalize_date(first));
    if published.is_some() {
        paragraphs.remove(0);
    }
    let record = Record {
        title,
        body: shape_body(&paragraphs.join("\n"), LineBreaks::Guess),
        published,
        url: attribute(root_attributes, "url"),
        declared_language: attribute(root_attributes, "lang"),
        ..Record::default()
    };
    let articles = if record.title.is_none() && record.body.is_empty() {
        Vec::new()
    } else {
        vec![record.into_article(context)]
    };
    finish_file(context, articles, file_warnings, || {
        "the document has no tokens".to_owned()
    })
}

/// Joins tokens with the spacing of running text.
fn detokenize(words: &[String]) -> String {
    let mut text = String::new();
    let mut quote_open = false;
    let mut no_space_next = true;
    for word in words {
        let word = word.trim();
        if word.is_empty() {
            continue;
        }
        let (word, opening, closing) = match word {
            "``" => ("“", true, false),
            "''" if quote_open => ("”", false, true),
            "''" => ("“", true, false),
            "\"" if quote_open => ("”", false, true),
            "\"" => ("“", true, false),
            other => (other, false, false),
        };
        let attaches = closing
            || matches!(
                word,
                "," | "." | ";" | ":" | "!" | "?" | "%" | ")" | "]" | "}" | "..."
            )
            || ["'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "'S"].contains(&word);
        if !text.is_empty() && !attaches && !no_space_next {
            text.push(' ');
        }
        text.push_str(word);
        if opening {
            quote_open = true;
        } else if closing {
            quote_open = false;
        }
        no_space_next = opening || matches!(word, "(" | "[" | "{" | "$");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detokenizes() {
        let words: Vec<String> = [
            "``", "It", "is", "n't", "over", ",", "''", "he", "said", "(", "again", ")", ".",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(detokenize(&words), "“It isn't over,” he said (again).");
    }
}
