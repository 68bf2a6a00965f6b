//! TimeML documents (`.tml`): annotated news text dated by its document
//! creation time.
//!
//! The article is the text of `<TEXT>` with the annotation tags (`EVENT`,
//! `TIMEX3`, `SIGNAL`…) removed; `<TITLE>` or `<HEADLINE>` is the title;
//! the `value` of the `<TIMEX3>` inside `<DCT>` is the publication date, and
//! a DCT such as `KUALA LUMPUR, April 1, 1997 (AFP)` also gives the dateline
//! and the agency. The gold annotations themselves are not copied into the
//! article: they are what extraction is measured against.

use crate::article::Article;
use crate::markup::{Token, attribute, element, text_of, tokens};
use crate::record::{
    FileContext, LineBreaks, Record, clean_line, finish_file, normalize_date, shape_body,
};

/// Elements whose content is never article text.
const NOT_TEXT: &[&str] = &["TLINK", "SLINK", "ALINK", "MAKEINSTANCE"];

/// Reads the article of a TimeML document.
pub(crate) fn read(
    text: &str,
    context: &FileContext<'_>,
    mut file_warnings: Vec<String>,
) -> Vec<Article> {
    let mut record = Record::default();
    let body = match element(text, "TEXT") {
        Some((_, body, _)) => body,
        None => {
            file_warnings
                .push("no <TEXT> element: the whole document is read as its text".to_owned());
            text
        }
    };
    record.body = shape_body(&text_of(body, NOT_TEXT, &[]), LineBreaks::Guess);
    record.title = ["TITLE", "HEADLINE"].iter().find_map(|name| {
        element(text, name).and_then(|(_, title, _)| clean_line(&text_of(title, &[], &[])))
    });
    if let Some((_, dct, _)) = element(text, "DCT") {
        read_dct(dct, &mut record);
        if record.published.is_none() {
            file_warnings.push("the document creation time (DCT) has no date".to_owned());
        }
    } else {
        file_warnings.push("no document creation time (DCT)".to_owned());
    }
    let articles = if record.body.is_empty() && record.title.is_none() {
        Vec::new()
    } else {
        vec![record.into_article(context)]
    };
    finish_file(context, articles, file_warnings, || {
        "the TimeML document has no text".to_owned()
    })
}

/// Reads the date, and a dateline and agency around it, from a DCT.
fn read_dct(dct: &str, record: &mut Record) {
    let mut before = String::new();
    let mut after = String::new();
    let mut seen_timex = false;
    let mut scanner = tokens(dct);
    while let Some(token) = scanner.next() {
        match token {
            Token::Start {
                name,
                attributes,
                self_closing,
            } if !seen_timex && name.eq_ignore_ascii_case("TIMEX3") => {
                let value = attribute(attributes, "value");
                let content = if self_closing {
                    ""
                } else {
                    scanner.raw_until_end_of(name)
                };
                record.published = value
                    .as_deref()
                    .and_then(normalize_date)
                    .or_else(|| normalize_date(&text_of(content, &[], &[])));
                seen_timex = true;
            }
            Token::Text(text) if seen_timex => after.push_str(text),
            Token::Text(text) => before.push_str(text),
            _ => {}
        }
    }
    if !seen_timex {
        record.published = normalize_date(&text_of(dct, &[], &[]));
        return;
    }
    if let Some(place) = before.trim().strip_suffix(',').and_then(clean_line) {
        record.dateline = Some(place);
    }
    let agency = after.trim().trim_start_matches('(').trim_end_matches(')');
    if !agency.is_empty()
        && agency.len() <= 12
        && agency
            .chars()
            .all(|character| character.is_ascii_uppercase() || character == '-')
    {
        record.outlet = Some(agency.to_owned());
    }
}
