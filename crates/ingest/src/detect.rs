//! Which format a file is in, told from its content; the file name's
//! extension is only a hint for what the content leaves open.
//!
//! The rules, in order (see `docs/formats.md`):
//!
//! 1. Markup first: the first element of a file that starts with `<` (after
//!    an XML declaration, comments and a doctype) names the format:
//!    `<!DOCTYPE html>`, `<html>` or any HTML element is HTML,
//!    `<!DOCTYPE lewis>` or `<REUTERS>` is Reuters SGML, `<TimeML>` (or
//!    `<DCT>` with `<TEXT>`) is TimeML, `<rss>`, `<feed>` and a tokenised
//!    `<Document>` are other XML.
//! 2. A file starting with `{` or `[` that parses as JSON, or whose first
//!    line does (JSON Lines), is JSON.
//! 3. Records with the same number of fields on every line, separated by
//!    tabs, or by commas, semicolons or bars with quoted fields or a header
//!    line, are CSV; commas and semicolons that only punctuate prose (each
//!    followed by a space) do not make a table.
//! 4. Everything else is plain text, except that a `.csv`/`.tsv`, `.json`
//!    or `.html` name makes the reader of that format try first.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::article::Format;
use crate::decode::{Decoded, decode};
use crate::delimited;
use crate::markup::{Token, attribute, tokens};

/// How far into a file its format is looked for.
const SNIFF_BYTES: usize = 64 * 1024;

/// How far into a page a `<meta charset>` is looked for: the HTML standard
/// says 1024 bytes; saved pages often put a long comment first.
const CHARSET_PRESCAN_BYTES: usize = 4096;

/// Decodes a file's bytes, honouring the charset that markup declares: a
/// byte order mark decides, then `<meta charset>` or the `encoding` of an
/// XML declaration, then detection as for any file ([`decode`]).
///
/// A page that declares a legacy charset but is valid UTF-8 with non-ASCII
/// characters (re-saved by an editor that kept the old declaration) is read
/// as UTF-8, with a warning.
pub(crate) fn decode_file(bytes: &[u8]) -> Decoded {
    if Encoding::for_bom(bytes).is_some() {
        return decode(bytes);
    }
    let Some(declared) = declared_encoding(bytes) else {
        return decode(bytes);
    };
    if declared == UTF_8 || declared == UTF_16LE || declared == UTF_16BE {
        // A UTF-16 declaration in ASCII-compatible bytes is a mistake that
        // browsers read as UTF-8 too.
        return decode(bytes);
    }
    if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        let mut decoded = decode(bytes);
        decoded.warnings.push(format!(
            "the file declares {} but is valid UTF-8; decoded as UTF-8",
            declared.name()
        ));
        return decoded;
    }
    let (text, had_errors) = declared.decode_without_bom_handling(bytes);
    let mut warnings = Vec::new();
    if had_errors {
        let replaced = text
            .chars()
            .filter(|&character| character == '\u{FFFD}')
            .count();
        warnings.push(format!(
            "{replaced} invalid byte sequences for the declared {} replaced with U+FFFD",
            declared.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding: declared.name(),
        warnings,
    }
}

/// The encoding declared by `<meta charset>`, `<meta http-equiv
/// content="…; charset=…">` or `<?xml … encoding="…"?>` near the start of a
/// file that starts with markup.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(CHARSET_PRESCAN_BYTES)];
    let start = head.iter().position(|byte| !byte.is_ascii_whitespace())?;
    if head[start] != b'<' {
        return None;
    }
    let head = String::from_utf8_lossy(head);
    let head = &head[start..];
    for token in tokens(head) {
        let Token::Start {
            name, attributes, ..
        } = token
        else {
            continue;
        };
        if !name.eq_ignore_ascii_case("meta") {
            continue;
        }
        if let Some(label) = attribute(attributes, "charset") {
            return Encoding::for_label(label.trim().as_bytes());
        }
        let is_content_type = attribute(attributes, "http-equiv")
            .is_some_and(|value| value.trim().eq_ignore_ascii_case("content-type"));
        if is_content_type && let Some(content) = attribute(attributes, "content") {
            let lower = content.to_ascii_lowercase();
            if let Some(at) = lower.find("charset=") {
                let label = content[at + 8..].trim_matches(|character: char| {
                    character == '"' || character == '\'' || character.is_whitespace()
                });
                let label = label.split(';').next().unwrap_or_default();
                return Encoding::for_label(label.as_bytes());
            }
        }
    }
    if head.starts_with("<?xml") {
        let declaration = &head[..head.find("?>").unwrap_or(head.len())];
        if let Some(label) = attribute(&declaration[5..], "encoding") {
            return Encoding::for_label(label.trim().as_bytes());
        }
    }
    None
}

/// The format of a decoded file from its content alone.
pub(crate) fn sniff(text: &str) -> Format {
    let text = text
        .trim_start_matches(|character: char| character.is_whitespace() || character == '\u{FEFF}');
    let head = prefix(text, SNIFF_BYTES);
    if head.starts_with('<')
        && let Some(format) = sniff_markup(head)
    {
        return format;
    }
    if (head.starts_with('{') || head.starts_with('[')) && looks_like_json(text) {
        return Format::Json;
    }
    if delimited::sniff_dialect(text, false).is_some() {
        return Format::Csv;
    }
    if looks_like_html_fragment(head) {
        return Format::Html;
    }
    Format::Text
}

/// The format named by the first element of markup, or `None` when the
/// text only starts with something like a tag.
fn sniff_markup(head: &str) -> Option<Format> {
    match doctype_name(head).as_deref() {
        Some("html") => return Some(Format::Html),
        Some("lewis") => return Some(Format::Sgml),
        _ => {}
    }
    let xml_declaration = head.starts_with("<?xml");
    for token in tokens(head) {
        match token {
            Token::Other => {}
            Token::Text(text) if text.trim().is_empty() => {}
            Token::Start { name, .. } => return format_of_root(name, head, xml_declaration),
            Token::Text(_) | Token::CData(_) | Token::End { .. } => return None,
        }
    }
    None
}

/// The name in a `<!DOCTYPE name …>` near the start of `head`, lowercase.
fn doctype_name(head: &str) -> Option<String> {
    let window = prefix(head, 2048);
    let at = window
        .find("<!DOCTYPE")
        .or_else(|| window.find("<!doctype"))?;
    let name = window[at + 9..].split_whitespace().next()?;
    Some(name.trim_end_matches('>').to_ascii_lowercase())
}

const HTML_ROOTS: &[&str] = &[
    "html",
    "head",
    "body",
    "meta",
    "title",
    "link",
    "base",
    "script",
    "style",
    "noscript",
    "div",
    "p",
    "span",
    "article",
    "section",
    "header",
    "nav",
    "main",
    "aside",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "a",
    "img",
    "br",
    "form",
    "center",
    "font",
    "b",
    "i",
    "strong",
    "em",
    "figure",
    "blockquote",
];

/// The format of a document whose first element is `name`; `None` when
/// that element is not closed anywhere nearby and there is no XML
/// declaration, so the `<` probably only starts a line of text.
fn format_of_root(name: &str, head: &str, xml_declaration: bool) -> Option<Format> {
    let lower = name.to_ascii_lowercase();
    let timeml_markers =
        head.contains("<TIMEX3") || (head.contains("<DCT>") && head.contains("<TEXT>"));
    Some(match lower.as_str() {
        "timeml" => Format::Timeml,
        "reuters" | "lewis" => Format::Sgml,
        "rss" | "feed" | "rdf:rdf" => Format::Xml,
        "document" if head.contains("<token") => Format::Xml,
        _ if HTML_ROOTS.contains(&lower.as_str()) && !timeml_markers => Format::Html,
        _ if timeml_markers => Format::Timeml,
        _ if head.contains("<REUTERS") => Format::Sgml,
        _ => {
            let lower_head = head.to_ascii_lowercase();
            if lower_head.contains("<html") || lower_head.contains("<body") {
                Format::Html
            } else if xml_declaration || head.contains(&format!("</{name}")) {
                Format::Xml
            } else {
                return None;
            }
        }
    })
}

/// Whether `text`, which starts with `{` or `[`, is a JSON document or JSON
/// Lines.
fn looks_like_json(text: &str) -> bool {
    if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
        return true;
    }
    let first_line = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or_default();
    (first_line.starts_with('{') || first_line.starts_with('['))
        && serde_json::from_str::<serde::de::IgnoredAny>(first_line).is_ok()
}

/// Whether text that does not start with a tag is still an HTML page or a
/// fragment of one: it holds `<html>` or `<body>`, or several closed
/// paragraphs.
fn looks_like_html_fragment(head: &str) -> bool {
    let window = prefix(head, 8192).to_ascii_lowercase();
    window.contains("<html") || window.contains("<body") || window.matches("</p>").count() >= 3
}

/// The longest prefix of `text` of at most `max` bytes that ends on a
/// character boundary.
pub(crate) fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The format a file name's extension suggests.
pub(crate) fn hinted_format(path: &str) -> Option<Format> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let (_, extension) = name.rsplit_once('.')?;
    Some(match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "json" | "jsonl" | "ndjson" | "jl" => Format::Json,
        "sgm" | "sgml" => Format::Sgml,
        "tml" | "timeml" => Format::Timeml,
        "csv" | "tsv" | "tab" => Format::Csv,
        "xml" | "rss" | "atom" => Format::Xml,
        "txt" | "text" => Format::Text,
        _ => return None,
    })
}

/// The format to read a file as: what its content says, unless the content
/// says plain text and the extension names a format whose reader can still
/// make something of it (a table whose rows the sniffer found too few or
/// too irregular, a JSON file with a broken first line, an HTML fragment).
pub(crate) fn decide(content: Format, hint: Option<Format>, text: &str) -> Format {
    if content != Format::Text {
        return content;
    }
    match hint {
        Some(Format::Csv) if delimited::sniff_dialect(text, true).is_some() => Format::Csv,
        Some(Format::Json) if text.trim_start().starts_with(['{', '[']) => Format::Json,
        Some(Format::Html) => Format::Html,
        _ => Format::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats_from_content() {
        assert_eq!(sniff("<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(sniff("\n<!-- saved --><HTML><BODY>x"), Format::Html);
        assert_eq!(
            sniff("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\">"),
            Format::Sgml
        );
        assert_eq!(
            sniff("<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>x</DOCID>"),
            Format::Timeml
        );
        assert_eq!(
            sniff("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"),
            Format::Xml
        );
        assert_eq!(sniff("{\"title\": \"x\"}"), Format::Json);
        assert_eq!(
            sniff("{\"title\": \"x\"}\n{\"title\": \"y\"}\n"),
            Format::Json
        );
        assert_eq!(sniff("[Reuters] Markets fell.\n"), Format::Text);
        assert_eq!(sniff("<Breaking> news: markets fell.\n"), Format::Text);
        assert_eq!(sniff("Title\n\nBody text, with a comma.\n"), Format::Text);
        assert_eq!(sniff(""), Format::Text);
    }

    #[test]
    fn hints_from_extensions() {
        assert_eq!(hinted_format("a/b/test.CSV"), Some(Format::Csv));
        assert_eq!(hinted_format("x.ndjson"), Some(Format::Json));
        assert_eq!(hinted_format("README"), None);
    }

    #[test]
    fn reads_declared_charsets() {
        let page = b"<html><head><meta charset=\"windows-1252\"><title>caf\xe9</title>";
        let decoded = decode_file(page);
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(decoded.text.contains("café"));
        let xml = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><TimeML>na\xefve</TimeML>";
        assert!(decode_file(xml).text.contains("naïve"));
        let lying = "<meta charset=\"iso-8859-1\"><p>café</p>".as_bytes();
        let decoded = decode_file(lying);
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.warnings.len(), 1);
    }
}
