//! Reading TimeML files (TimeBank, AQUAINT, TempEval-3): the plain text of
//! the `<TEXT>` element, its gold `<TIMEX3>` spans, and the document
//! creation time (`<DCT>`).
//!
//! Tags are stripped and XML entities decoded (`&amp;`, `&lt;`, `&gt;`,
//! `&quot;`, `&apos;`, `&#NN;`, `&#xNN;`), so gold offsets are byte offsets
//! into exactly the text the extractor is given.

use jiff::civil::Date;

/// One gold temporal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// Byte offset of the first character in [`Document::text`].
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The TIMEX3 `type`: `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: String,
    /// The TIMEX3 `value`, such as `1998-08-07` or `PRESENT_REF`.
    pub value: String,
}

/// A TimeML document reduced to what date evaluation needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The document creation time, the anchor of relative expressions.
    pub dct: Option<Date>,
    /// The `<TEXT>` element with tags removed and entities decoded.
    pub text: String,
    /// Gold TIMEX3s inside `<TEXT>`, in order.
    pub timexes: Vec<Timex>,
}

/// Parses one TimeML file. Fails when it has no `<TEXT>` element or a
/// `</TIMEX3>` without its opening tag.
pub fn parse(xml: &str) -> Result<Document, String> {
    let dct = dct_value(xml).and_then(|v| newsdex_ingest::parse_iso_date(&v));
    let body_start = xml
        .find("<TEXT>")
        .map(|i| i + "<TEXT>".len())
        .ok_or("no <TEXT> element")?;
    let body_end = xml[body_start..]
        .find("</TEXT>")
        .map_or(xml.len(), |i| body_start + i);
    let (text, timexes) = strip_tags(&xml[body_start..body_end])?;
    Ok(Document { dct, text, timexes })
}

/// The `value` of the TIMEX3 inside `<DCT>`.
fn dct_value(xml: &str) -> Option<String> {
    let start = xml.find("<DCT>")?;
    let end = start + xml[start..].find("</DCT>")?;
    let dct = &xml[start..end];
    let tag_start = dct.find("<TIMEX3")?;
    let tag_end = tag_start + dct[tag_start..].find('>')?;
    attribute(&dct[tag_start..tag_end], "value")
}

/// The decoded value of `name="..."` in the inside of a tag.
pub(crate) fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before_ok = at == 0 || rest.as_bytes()[at - 1].is_ascii_whitespace();
        let after = rest[at + name.len()..].trim_start();
        if before_ok && let Some(after_eq) = after.strip_prefix('=') {
            let after_eq = after_eq.trim_start();
            let quote = after_eq.chars().next()?;
            if quote == '"' || quote == '\'' {
                let inner = &after_eq[1..];
                let close = inner.find(quote)?;
                return Some(decode_entities(&inner[..close]));
            }
        }
        rest = &rest[at + name.len()..];
    }
    None
}

/// Removes tags from the body, recording TIMEX3 spans in the stripped text.
fn strip_tags(body: &str) -> Result<(String, Vec<Timex>), String> {
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Vec<(usize, String, String)> = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find(['<', '&']) {
        text.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('&') {
            let (decoded, used) = decode_entity(rest);
            text.push_str(&decoded);
            rest = &rest[used..];
            continue;
        }
        let Some(close) = rest.find('>') else {
            // A lone '<' is text.
            text.push('<');
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        if tag.starts_with("/TIMEX3") {
            let (start, kind, value) = open.pop().ok_or("</TIMEX3> without <TIMEX3>")?;
            timexes.push(Timex {
                start,
                end: text.len(),
                kind,
                value,
            });
        } else if tag.starts_with("TIMEX3") && !tag.ends_with('/') {
            open.push((
                text.len(),
                attribute(tag, "type").unwrap_or_default(),
                attribute(tag, "value").unwrap_or_default(),
            ));
        }
    }
    text.push_str(rest);
    timexes.sort_by_key(|t| (t.start, t.end));
    Ok((text, timexes))
}

/// `raw` with its XML entities decoded.
pub(crate) fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let (decoded, used) = decode_entity(&rest[i..]);
        out.push_str(&decoded);
        rest = &rest[i + used..];
    }
    out.push_str(rest);
    out
}

/// Decodes the entity at the start of `text` (which starts with `&`);
/// returns the text it stands for and how many bytes it used. An unknown
/// or unterminated entity stands for a literal `&`.
fn decode_entity(text: &str) -> (String, usize) {
    let literal = ("&".to_owned(), 1);
    let window = &text.as_bytes()[..text.len().min(12)];
    let Some(semi) = window.iter().position(|&b| b == b';') else {
        return literal;
    };
    let name = &text[1..semi];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
            .and_then(char::from_u32),
    };
    match decoded {
        Some(c) => (c.to_string(), semi + 1),
        None => literal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNIPPET: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-02-03T10:00" functionInDocument="CREATION_TIME">Feb 3</TIMEX3></DCT>
<TEXT>
Ben &amp; Jo <EVENT eid="e1">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2001-02-02">yesterday</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="PT2H">two hours</TIMEX3>; &lt;x&gt; &#233;t&#xE9; <TIMEX3 tid="t3" type="TIME" value="2001-02-03TMO">this morning</TIMEX3>.
</TEXT>
</TimeML>
"#;

    #[test]
    fn parses_text_spans_and_dct() {
        let doc = parse(SNIPPET).unwrap();
        assert_eq!(doc.dct, Some(jiff::civil::date(2001, 2, 3)));
        assert_eq!(
            doc.text,
            "\nBen & Jo met yesterday for two hours; <x> été this morning.\n"
        );
        let spans: Vec<(&str, &str, &str)> = doc
            .timexes
            .iter()
            .map(|t| (&doc.text[t.start..t.end], t.kind.as_str(), t.value.as_str()))
            .collect();
        assert_eq!(
            spans,
            [
                ("yesterday", "DATE", "2001-02-02"),
                ("two hours", "DURATION", "PT2H"),
                ("this morning", "TIME", "2001-02-03TMO"),
            ]
        );
    }

    #[test]
    fn rejects_documents_without_text() {
        assert!(parse("<TimeML><DCT></DCT></TimeML>").is_err());
        assert!(parse("<TEXT>a</TIMEX3></TEXT>").is_err());
    }

    #[test]
    fn odd_markup_is_text() {
        let doc = parse("<TEXT>a < b &bogus; c &").unwrap();
        assert_eq!(doc.text, "a < b &bogus; c &");
        assert_eq!(doc.dct, None);
    }

    #[test]
    fn attributes_match_whole_names() {
        assert_eq!(
            attribute(r#"TIMEX3 anchorvalue="x" value='y'"#, "value").as_deref(),
            Some("y")
        );
        assert_eq!(attribute("TIMEX3 value=", "value"), None);
    }
}
