//! Reuters-21578-style SGML newswire dumps: many `<REUTERS>` records per
//! file, each with `<DATE>`, `<TOPICS>`, `<PLACES>`, `<PEOPLE>`, `<ORGS>` and
//! a `<TEXT>` holding `<TITLE>`, `<AUTHOR>`, `<DATELINE>` and `<BODY>`.
//!
//! The scanner is tolerant: SGML is not XML, records may be truncated, and
//! a record without `<BODY>` (`TYPE="BRIEF"` has only a title,
//! `TYPE="UNPROC"` has unmarked text) still gives an article.

use crate::article::{Article, Entity, EntityKind};
use crate::markup::{attribute, decode_entities, element, text_of};
use crate::record::{
    FileContext, LineBreaks, Record, clean_line, find_mentions, finish_file, normalize_date,
    shape_body, split_authors,
};

/// Reads the articles of an SGML newswire dump.
pub(crate) fn read(
    text: &str,
    context: &FileContext<'_>,
    mut file_warnings: Vec<String>,
) -> Vec<Article> {
    let mut articles = Vec::new();
    let mut unnamed = 0usize;
    let mut truncated = 0usize;
    for (index, (attributes, content, closed)) in records(text).enumerate() {
        if !closed {
            truncated += 1;
        }
        let key = attribute(attributes, "NEWID")
            .filter(|id| !id.trim().is_empty())
            .map(|id| format!("NEWID {}", id.trim()))
            .unwrap_or_else(|| {
                unnamed += 1;
                format!("record {}", index + 1)
            });
        let mut record = record_of(content, key);
        if record.title.is_none() && record.body.is_empty() {
            record.warnings.push(format!(
                "{}: the record has neither a title nor a body",
                record.key.as_deref().unwrap_or("?")
            ));
        }
        articles.push(record.into_article(context));
    }
    if unnamed > 0 {
        file_warnings.push(format!(
            "{unnamed} records without a NEWID are named by their position in the file"
        ));
    }
    if truncated > 0 {
        file_warnings.push(format!(
            "{truncated} records are not closed by </REUTERS> (truncated file?)"
        ));
    }
    finish_file(context, articles, file_warnings, || {
        "no <REUTERS> records found".to_owned()
    })
}

/// The records of a dump: their attributes, their content, and whether
/// they were closed. A record that is never closed runs to the next record
/// or to the end of the file.
fn records(text: &str) -> impl Iterator<Item = (&str, &str, bool)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = find_open(rest, 0)?;
        let after_name = start + "<REUTERS".len();
        let tag_end = rest[after_name..]
            .find('>')
            .map_or(rest.len(), |at| after_name + at);
        let attributes = &rest[after_name..tag_end];
        let content_start = (tag_end + 1).min(rest.len());
        let next_open = find_open(rest, content_start);
        let close =
            find_ignore_case(&rest[content_start..], "</REUTERS>").map(|at| content_start + at);
        let (content_end, resume, closed) = match (close, next_open) {
            (Some(close), Some(next)) if close < next => (close, close + "</REUTERS>".len(), true),
            (Some(close), None) => (close, close + "</REUTERS>".len(), true),
            (_, Some(next)) => (next, next, false),
            (None, None) => (rest.len(), rest.len(), false),
        };
        let record = (attributes, &rest[content_start..content_end], closed);
        rest = &rest[resume..];
        Some(record)
    })
}

/// The offset, at or after `from`, of the next `<REUTERS` opening tag.
fn find_open(text: &str, from: usize) -> Option<usize> {
    let mut from = from;
    loop {
        let at = from + find_ignore_case(text.get(from..)?, "<REUTERS")?;
        let next = text.as_bytes().get(at + "<REUTERS".len());
        if next.is_none_or(|byte| byte.is_ascii_whitespace() || *byte == b'>') {
            return Some(at);
        }
        from = at + 1;
    }
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The article of one record.
fn record_of(content: &str, key: String) -> Record {
    let mut record = Record {
        key: Some(key),
        outlet: Some("Reuters".to_owned()),
        ..Record::default()
    };
    if let Some((_, date, _)) = element(content, "DATE") {
        record.published = normalize_date(&decode_entities(date));
    }
    record.topics = list(content, "TOPICS");
    let text = element(content, "TEXT");
    let text_content = text.map_or("", |(_, text, _)| text);
    record.title =
        element(text_content, "TITLE").and_then(|(_, title, _)| clean_line(&plain(title)));
    record.dateline = element(text_content, "DATELINE")
        .and_then(|(_, dateline, _)| dateline_place(&plain(dateline)));
    if let Some((_, author, _)) = element(text_content, "AUTHOR") {
        record.authors = split_authors(
            plain(author)
                .trim()
                .trim_end_matches(", Reuters")
                .trim_end_matches(','),
        )
        .into_iter()
        .filter(|name| !name.eq_ignore_ascii_case("Reuters"))
        .collect();
    }
    let text_type = text.and_then(|(attributes, _, _)| attribute(attributes, "TYPE"));
    let brief = text_type.is_some_and(|kind| kind.eq_ignore_ascii_case("BRIEF"));
    let body = match element(text_content, "BODY") {
        Some((_, body, _)) => plain(body),
        // BRIEF records are a headline; their only text is "Blah blah blah."
        None if brief => String::new(),
        None => {
            // UNPROC records: the text is not marked up.
            let without = ["TITLE", "DATELINE", "AUTHOR"]
                .iter()
                .fold(text_content.to_owned(), |text, name| {
                    remove_element(&text, name)
                });
            plain(&without)
        }
    };
    let body = shape_body(&without_sign_off(&body), LineBreaks::Indented);
    // BRIEF records put a row of asterisks before their title.
    record.body = body
        .split("\n\n")
        .filter(|paragraph| paragraph.chars().any(char::is_alphanumeric))
        .collect::<Vec<_>>()
        .join("\n\n");
    record.entities = given_entities(content, &record.body);
    record.declared_language = Some("en".to_owned());
    record
}

/// Text of SGML content: tags out, entities decoded; the control
/// characters that `&#2;` and `&#3;` stand for are dropped later by
/// normalisation.
fn plain(content: &str) -> String {
    text_of(content, &[], &[])
}

/// `content` without the first element named `name`.
fn remove_element(content: &str, name: &str) -> String {
    let lower = content.to_ascii_lowercase();
    let open = format!("<{}", name.to_ascii_lowercase());
    let Some(start) = lower.find(&open) else {
        return content.to_owned();
    };
    let close = format!("</{}>", name.to_ascii_lowercase());
    let end = lower[start..]
        .find(&close)
        .map_or(content.len(), |at| start + at + close.len());
    format!("{}{}", &content[..start], &content[end..])
}

/// The place of a dateline such as `"    SALVADOR, Feb 26 - "`.
fn dateline_place(dateline: &str) -> Option<String> {
    let dateline = dateline.trim().trim_end_matches('-').trim();
    let place = match dateline.rsplit_once(',') {
        Some((place, date)) if normalize_date(&format!("{date} 2000")).is_some() => place,
        _ => dateline,
    };
    clean_line(place)
}

/// The body without the agency's sign-off line ("Reuter", "REUTER").
fn without_sign_off(body: &str) -> String {
    let trimmed = body
        .trim_end_matches(|character: char| character.is_control() || character.is_whitespace());
    let cut = trimmed.rfind('\n').map_or(0, |at| at + 1);
    let last = trimmed[cut..].trim();
    let last =
        last.trim_matches(|character: char| character.is_control() || character.is_whitespace());
    if last.eq_ignore_ascii_case("reuter") || last.eq_ignore_ascii_case("reuters") {
        trimmed[..cut].trim_end().to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The `<D>` values of a list element such as `<PLACES>`.
fn list(content: &str, name: &str) -> Vec<String> {
    let Some((_, inner, _)) = element(content, name) else {
        return Vec::new();
    };
    let mut values = Vec::new();
    let mut rest = inner;
    while let Some((_, value, end)) = element(rest, "D") {
        if let Some(value) = clean_line(&plain(value))
            && !values.contains(&value)
        {
            values.push(value);
        }
        rest = &rest[end.min(rest.len())..];
    }
    values
}

/// The record's `PLACES`, `PEOPLE` and `ORGS` as entities, named as the
/// collection names them (`el-salvador`, `james-baker`, `opec`), with
/// their mentions where the name, hyphens read as spaces, occurs in the
/// body as a whole word.
fn given_entities(content: &str, body: &str) -> Vec<Entity> {
    let mut entities = Vec::new();
    for (element_name, kind) in [
        ("PLACES", EntityKind::Place),
        ("PEOPLE", EntityKind::Person),
        ("ORGS", EntityKind::Organization),
    ] {
        for name in list(content, element_name) {
            let spoken = name.replace('-', " ");
            let mentions = if spoken.len() >= 2 {
                find_mentions(body, &spoken)
            } else {
                Vec::new()
            };
            entities.push(Entity {
                name,
                kind,
                mentions,
            });
        }
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dateline_places() {
        assert_eq!(
            dateline_place("    SALVADOR, Feb 26 - ").as_deref(),
            Some("SALVADOR")
        );
        assert_eq!(
            dateline_place("NEW YORK, March 3 -").as_deref(),
            Some("NEW YORK")
        );
        assert_eq!(
            dateline_place("WASHINGTON - ").as_deref(),
            Some("WASHINGTON")
        );
    }

    #[test]
    fn drops_the_sign_off() {
        assert_eq!(
            without_sign_off("Prices rose.\n Reuter\n\u{3}"),
            "Prices rose."
        );
        assert_eq!(without_sign_off("Prices rose."), "Prices rose.");
    }

    #[test]
    fn splits_records_even_when_truncated() {
        let dump =
            "<REUTERS NEWID=\"1\">a</REUTERS>\n<REUTERS NEWID=\"2\">b\n<REUTERS NEWID=\"3\">c";
        let found: Vec<(&str, bool)> = records(dump)
            .map(|(_, content, closed)| (content, closed))
            .collect();
        assert_eq!(found, [("a", true), ("b\n", false), ("c", false)]);
    }
}
