//! Reading MEANTIME (NewsReader) CAT XML files into the same [`Document`]
//! as TimeML files, so that dates can be scored on news the extractor was
//! not tuned on.
//!
//! A CAT file lists `<token t_id sentence>` elements and, under
//! `<Markables>`, `<TIMEX3 type value functionInDocument>` elements that
//! point at tokens through `<token_anchor t_id>`. The text is rebuilt by
//! joining the tokens of a sentence with single spaces and sentences with a
//! line break; a TIMEX3 spans its first to its last token. The TIMEX3 whose
//! `functionInDocument` is `CREATION_TIME` gives the DCT (it also stays a
//! gold DATE, since its words are in the text).
//!
//! MEANTIME annotates only the start of each article (the title and the
//! first five sentences), so the text ends with the last sentence that holds
//! any annotation: predictions in unannotated sentences would otherwise all
//! count as false positives.

use std::collections::HashMap;

use crate::timeml::{Document, Timex, attribute, decode_entities};

/// Parses one MEANTIME CAT XML file.
pub fn parse(xml: &str) -> Result<Document, String> {
    let last_sentence = last_annotated_sentence(xml);
    let mut text = String::with_capacity(xml.len() / 4);
    let mut spans: HashMap<String, (usize, usize)> = HashMap::new();
    let mut sentence: Option<String> = None;
    let mut rest = xml;
    while let Some(at) = rest.find("<token ") {
        rest = &rest[at..];
        let tag_end = rest.find('>').ok_or("unterminated <token>")?;
        let tag = &rest[1..tag_end];
        let close = rest.find("</token>").ok_or("<token> without </token>")?;
        let word = decode_entities(rest[tag_end + 1..close].trim());
        let id = attribute(tag, "t_id").ok_or("<token> without t_id")?;
        let this_sentence = attribute(tag, "sentence");
        let number = this_sentence.as_deref().and_then(|n| n.parse::<u32>().ok());
        if number.is_some_and(|n| last_sentence.is_some_and(|last| n > last)) {
            break;
        }
        if !text.is_empty() {
            text.push(if this_sentence == sentence { ' ' } else { '\n' });
        }
        sentence = this_sentence;
        let start = text.len();
        text.push_str(&word);
        spans.insert(id, (start, text.len()));
        rest = &rest[close + "</token>".len()..];
    }
    if spans.is_empty() {
        return Err("no <token> elements".into());
    }
    let mut timexes = Vec::new();
    let mut dct = None;
    let mut rest = xml;
    while let Some(at) = rest.find("<TIMEX3 ") {
        rest = &rest[at..];
        let tag_end = rest.find('>').ok_or("unterminated <TIMEX3>")?;
        let tag = &rest[1..tag_end];
        let self_closing = tag.ends_with('/');
        let body_end = if self_closing {
            tag_end
        } else {
            rest.find("</TIMEX3>").ok_or("<TIMEX3> without </TIMEX3>")?
        };
        let body = &rest[tag_end..body_end];
        let value = attribute(tag, "value").unwrap_or_default();
        if attribute(tag, "functionInDocument").as_deref() == Some("CREATION_TIME") {
            dct = newsdex_ingest::parse_iso_date(&value);
        }
        let anchored: Vec<(usize, usize)> = body
            .split("<token_anchor")
            .skip(1)
            .filter_map(|anchor| attribute(anchor, "t_id"))
            .filter_map(|id| spans.get(&id).copied())
            .collect();
        if let (Some(start), Some(end)) = (
            anchored.iter().map(|s| s.0).min(),
            anchored.iter().map(|s| s.1).max(),
        ) {
            timexes.push(Timex {
                start,
                end,
                kind: attribute(tag, "type").unwrap_or_default(),
                value,
            });
        }
        rest = &rest[body_end..];
    }
    timexes.sort_by_key(|t| (t.start, t.end));
    Ok(Document { dct, text, timexes })
}

/// The highest sentence number of a token that any markable points at.
fn last_annotated_sentence(xml: &str) -> Option<u32> {
    let markables = &xml[xml.find("<Markables>")?..];
    let anchored: std::collections::HashSet<String> = markables
        .split("<token_anchor")
        .skip(1)
        .filter_map(|anchor| attribute(anchor, "t_id"))
        .collect();
    xml.split("<token ")
        .skip(1)
        .filter_map(|token| {
            let tag = &token[..token.find('>')?];
            let id = attribute(tag, "t_id")?;
            let sentence = attribute(tag, "sentence")?.parse::<u32>().ok()?;
            anchored.contains(&id).then_some(sentence)
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNIPPET: &str = r#"<?xml version="1.0" ?><Document doc_id="1">
<token number="0" sentence="0" t_id="1">Ford</token>
<token number="1" sentence="0" t_id="2">posts</token>
<token number="2" sentence="0" t_id="3">profits</token>
<token number="3" sentence="1" t_id="4">November</token>
<token number="4" sentence="1" t_id="5">3</token>
<token number="5" sentence="1" t_id="6">,</token>
<token number="6" sentence="1" t_id="7">2009</token>
<token number="7" sentence="2" t_id="8">It</token>
<token number="8" sentence="2" t_id="9">rose</token>
<token number="9" sentence="2" t_id="10">last</token>
<token number="10" sentence="2" t_id="11">year</token>
<token number="11" sentence="2" t_id="12">&amp;</token>
<token number="12" sentence="3" t_id="13">Unannotated</token>
<Markables>
<TIMEX3 m_id="2" type="DATE" value="2008" functionInDocument="NONE">
<token_anchor t_id="10"/>
<token_anchor t_id="11"/>
</TIMEX3>
<TIMEX3 m_id="1" type="DATE" value="2009-11-03" functionInDocument="CREATION_TIME">
<token_anchor t_id="4"/>
<token_anchor t_id="5"/>
<token_anchor t_id="6"/>
<token_anchor t_id="7"/>
</TIMEX3>
<TIMEX3 m_id="3" type="DATE" value="" functionInDocument="NONE"/>
</Markables>
</Document>"#;

    #[test]
    fn rebuilds_text_spans_and_dct() {
        let doc = parse(SNIPPET).unwrap();
        assert_eq!(
            doc.text,
            "Ford posts profits\nNovember 3 , 2009\nIt rose last year &"
        );
        assert_eq!(doc.dct, Some(jiff::civil::date(2009, 11, 3)));
        let spans: Vec<(&str, &str)> = doc
            .timexes
            .iter()
            .map(|t| (&doc.text[t.start..t.end], t.value.as_str()))
            .collect();
        assert_eq!(
            spans,
            [("November 3 , 2009", "2009-11-03"), ("last year", "2008")]
        );
    }

    #[test]
    fn rejects_files_without_tokens() {
        assert!(parse("<Document></Document>").is_err());
        assert!(parse("<token t_id=\"1\">x").is_err());
    }
}
