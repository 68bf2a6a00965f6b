//! A tolerant scanner for tag soup: SGML newswire dumps, TimeML, XML feeds,
//! and HTML too deeply nested for a DOM.
//!
//! It never fails: a `<` that does not open a tag is text, an unclosed tag
//! or comment runs to the end of the input, and unknown entities stay as
//! they are. It keeps no stack, so nesting depth costs nothing.

use std::borrow::Cow;

/// One piece of marked-up input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// Character data, entities not yet decoded.
    Text(&'a str),
    /// An opening tag; `attributes` is the raw text between the name and `>`.
    Start {
        name: &'a str,
        attributes: &'a str,
        self_closing: bool,
    },
    /// A closing tag.
    End { name: &'a str },
    /// A CDATA section's content, to be taken literally.
    CData(&'a str),
    /// A comment, a doctype, a processing instruction: nothing to read.
    Other,
}

/// Iterates over the [`Token`]s of `source`.
pub(crate) fn tokens(source: &str) -> Tokens<'_> {
    Tokens {
        source,
        position: 0,
    }
}

/// The iterator made by [`tokens`].
pub(crate) struct Tokens<'a> {
    source: &'a str,
    position: usize,
}

impl<'a> Tokens<'a> {
    /// Byte offset in the source of the next token.
    pub(crate) fn position(&self) -> usize {
        self.position
    }

    /// Skips to the end of the element named `name` (case-insensitive) and
    /// returns its raw content, for elements whose content is not markup
    /// (`script`, `style`) or is to be skipped whole.
    pub(crate) fn raw_until_end_of(&mut self, name: &str) -> &'a str {
        let rest = &self.source[self.position..];
        let (content_end, next) = find_end_tag(rest, name).unwrap_or((rest.len(), rest.len()));
        self.position += next;
        &rest[..content_end]
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let rest = &self.source[self.position..];
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        if bytes[0] != b'<' {
            let end = find_tag_open(rest, 1).unwrap_or(rest.len());
            self.position += end;
            return Some(Token::Text(&rest[..end]));
        }
        let (token, length) = scan_markup(rest);
        self.position += length;
        Some(token)
    }
}

/// The offset, at or after `from`, of the next `<` that opens markup.
fn find_tag_open(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut index = from;
    while let Some(found) = bytes.get(index..)?.iter().position(|&byte| byte == b'<') {
        let at = index + found;
        if opens_markup(&bytes[at..]) {
            return Some(at);
        }
        index = at + 1;
    }
    None
}

/// Whether `bytes`, which start with `<`, open a tag, a comment, a doctype
/// or a processing instruction rather than being a literal less-than sign.
fn opens_markup(bytes: &[u8]) -> bool {
    match bytes.get(1) {
        Some(byte) if byte.is_ascii_alphabetic() => true,
        Some(b'/') => bytes.get(2).is_some_and(u8::is_ascii_alphabetic),
        Some(b'!' | b'?') => true,
        _ => false,
    }
}

/// Scans the markup at the start of `text` (which starts with `<`).
/// Returns the token and the number of bytes it takes.
fn scan_markup(text: &str) -> (Token<'_>, usize) {
    let bytes = text.as_bytes();
    if !opens_markup(bytes) {
        // A literal `<`: one byte of text.
        return (Token::Text(&text[..1]), 1);
    }
    if let Some(comment) = text.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(text.len(), |at| 4 + at + 3);
        return (Token::Other, end);
    }
    if let Some(data) = text.strip_prefix("<![CDATA[") {
        return match data.find("]]>") {
            Some(at) => (Token::CData(&data[..at]), 9 + at + 3),
            None => (Token::CData(data), text.len()),
        };
    }
    if bytes[1] == b'!' || bytes[1] == b'?' {
        let end = text.find('>').map_or(text.len(), |at| at + 1);
        return (Token::Other, end);
    }
    let closing = bytes[1] == b'/';
    let name_start = if closing { 2 } else { 1 };
    let name_end = name_start
        + bytes[name_start..]
            .iter()
            .position(|&byte| !is_name_byte(byte))
            .unwrap_or(bytes.len() - name_start);
    let name = &text[name_start..name_end];
    let (inner_end, length) = find_tag_end(text, name_end);
    if closing {
        return (Token::End { name }, length);
    }
    let mut attributes = &text[name_end..inner_end];
    let self_closing = attributes.trim_end().ends_with('/');
    if self_closing {
        attributes = attributes.trim_end().trim_end_matches('/');
    }
    (
        Token::Start {
            name,
            attributes,
            self_closing,
        },
        length,
    )
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b':' | b'.')
}

/// Where the attributes of the tag whose name ends at `from` end, and
/// where the tag ends: after its `>`, skipping `>` inside quoted attribute
/// values. A quote never closed before a `<` falls back to the first `>`, so
/// that one stray quote does not swallow the rest of the file; a `<` outside
/// quotes ends the tag before it (`<p <b>`); a tag never closed runs to the
/// end of `text`.
fn find_tag_end(text: &str, from: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut quote: Option<u8> = None;
    let mut index = from;
    while index < bytes.len() {
        let byte = bytes[index];
        match quote {
            Some(open) if byte == open => quote = None,
            Some(_) => {
                if byte == b'<' {
                    return match text[from..].find('>') {
                        Some(at) => (from + at, from + at + 1),
                        None => (index, index),
                    };
                }
            }
            None => match byte {
                b'"' | b'\'' => {
                    // Only a quote that starts an attribute value counts.
                    let after_equals = bytes[from..index]
                        .iter()
                        .rev()
                        .find(|byte| !byte.is_ascii_whitespace())
                        .is_some_and(|&byte| byte == b'=');
                    if after_equals {
                        quote = Some(byte);
                    }
                }
                b'>' => return (index, index + 1),
                b'<' => return (index, index),
                _ => {}
            },
        }
        index += 1;
    }
    (text.len(), text.len())
}

/// The `[start of the end tag, end of the end tag)` of the first
/// `</name>` in `text`, ignoring ASCII case.
fn find_end_tag(text: &str, name: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = bytes.get(from..)?.windows(2).position(|pair| pair == b"</") {
        let at = from + found;
        let name_start = at + 2;
        let name_end = name_start + name.len();
        if bytes
            .get(name_start..name_end)
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
            && bytes.get(name_end).is_none_or(|byte| !is_name_byte(*byte))
        {
            let end = text[name_end..]
                .find('>')
                .map_or(text.len(), |close| name_end + close + 1);
            return Some((at, end));
        }
        from = at + 2;
    }
    None
}

/// The value of attribute `wanted` (case-insensitive) in a tag's raw
/// attribute text, entities decoded.
pub(crate) fn attribute(attributes: &str, wanted: &str) -> Option<String> {
    let bytes = attributes.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        while index < bytes.len() && (bytes[index].is_ascii_whitespace() || bytes[index] == b'/') {
            index += 1;
        }
        let name_start = index;
        while index < bytes.len() && !bytes[index].is_ascii_whitespace() && bytes[index] != b'=' {
            index += 1;
        }
        let name = &attributes[name_start..index];
        while index < bytes.len() && bytes[index].is_ascii_whitespace() {
            index += 1;
        }
        let mut value = "";
        if bytes.get(index) == Some(&b'=') {
            index += 1;
            while index < bytes.len() && bytes[index].is_ascii_whitespace() {
                index += 1;
            }
            match bytes.get(index) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = index + 1;
                    let end = attributes[start..]
                        .find(quote as char)
                        .map_or(attributes.len(), |at| start + at);
                    value = &attributes[start..end];
                    index = (end + 1).min(attributes.len());
                }
                Some(_) => {
                    let start = index;
                    while index < bytes.len() && !bytes[index].is_ascii_whitespace() {
                        index += 1;
                    }
                    value = &attributes[start..index];
                }
                None => {}
            }
        }
        if !name.is_empty() && name.eq_ignore_ascii_case(wanted) {
            return Some(decode_entities(value).into_owned());
        }
        if name.is_empty() && index < bytes.len() {
            index += 1;
        }
    }
    None
}

/// The raw content of the first element named `name` (case-insensitive) in
/// `text`, and the offset just past it; an element never closed runs to the
/// end of `text`.
pub(crate) fn element<'a>(text: &'a str, name: &str) -> Option<(&'a str, &'a str, usize)> {
    let mut scanner = tokens(text);
    while let Some(token) = scanner.next() {
        if let Token::Start {
            name: found,
            attributes,
            self_closing,
        } = token
            && found.eq_ignore_ascii_case(name)
        {
            if self_closing {
                return Some((attributes, "", scanner.position()));
            }
            let start = scanner.position();
            let content = scanner.raw_until_end_of(name);
            return Some((attributes, content, start + content.len()));
        }
    }
    None
}

/// The text of marked-up `content`: tags removed, CDATA kept, entities
/// decoded. Elements named in `skip` are left out with their content, and
/// elements named in `blocks` end a line.
pub(crate) fn text_of(content: &str, skip: &[&str], blocks: &[&str]) -> String {
    let mut output = String::with_capacity(content.len());
    let mut scanner = tokens(content);
    while let Some(token) = scanner.next() {
        match token {
            Token::Text(text) => output.push_str(&decode_entities(text)),
            Token::CData(text) => output.push_str(text),
            Token::Start {
                name, self_closing, ..
            } => {
                if skip
                    .iter()
                    .any(|skipped| skipped.eq_ignore_ascii_case(name))
                {
                    if !self_closing {
                        scanner.raw_until_end_of(name);
                    }
                } else if blocks.iter().any(|block| block.eq_ignore_ascii_case(name)) {
                    output.push('\n');
                }
            }
            Token::End { name } => {
                if blocks.iter().any(|block| block.eq_ignore_ascii_case(name)) {
                    output.push('\n');
                }
            }
            Token::Other => {}
        }
    }
    output
}

/// Decodes character references: `&amp;`, `&#233;`, `&#xE9;` and the common
/// named entities of HTML. Numeric references in the range 128–159 are read
/// as windows-1252, as browsers do; unknown names stay as they are.
pub(crate) fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut output = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        output.push_str(&rest[..at]);
        let candidate = &rest[at..];
        match decode_reference(candidate) {
            Some((character, length)) => {
                output.push_str(&character.as_str());
                rest = &candidate[length..];
            }
            None => {
                output.push('&');
                rest = &candidate[1..];
            }
        }
    }
    output.push_str(rest);
    Cow::Owned(output)
}

/// The replacement for a reference at the start of `text` (which starts
/// with `&`), and its length.
fn decode_reference(text: &str) -> Option<(Replacement, usize)> {
    let end = text
        .as_bytes()
        .iter()
        .take(12)
        .position(|&byte| byte == b';')?;
    let body = &text[1..end];
    if let Some(number) = body.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        return Some((Replacement::Char(numeric_character(value)), end + 1));
    }
    let named = named_entity(body)?;
    Some((Replacement::Str(named), end + 1))
}

enum Replacement {
    Char(char),
    Str(&'static str),
}

impl Replacement {
    fn as_str(&self) -> Cow<'static, str> {
        match self {
            Replacement::Char(character) => Cow::Owned(character.to_string()),
            Replacement::Str(text) => Cow::Borrowed(text),
        }
    }
}

/// The character of a numeric reference, windows-1252 for 128–159 as
/// browsers read them; invalid code points become U+FFFD.
pub(crate) fn numeric_character(value: u32) -> char {
    if (0x80..0xA0).contains(&value) {
        let byte = [value as u8];
        let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
        return decoded.chars().next().unwrap_or('\u{FFFD}');
    }
    char::from_u32(value).unwrap_or('\u{FFFD}')
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{A0}",
        "shy" => "\u{AD}",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "euro" => "€",
        "pound" => "£",
        "cent" => "¢",
        "yen" => "¥",
        "sect" => "§",
        "para" => "¶",
        "times" => "×",
        "divide" => "÷",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "iexcl" => "¡",
        "iquest" => "¿",
        "szlig" => "ß",
        "Agrave" => "À",
        "Aacute" => "Á",
        "Acirc" => "Â",
        "Atilde" => "Ã",
        "Auml" => "Ä",
        "Aring" => "Å",
        "AElig" => "Æ",
        "Ccedil" => "Ç",
        "Egrave" => "È",
        "Eacute" => "É",
        "Ecirc" => "Ê",
        "Euml" => "Ë",
        "Igrave" => "Ì",
        "Iacute" => "Í",
        "Icirc" => "Î",
        "Iuml" => "Ï",
        "Ntilde" => "Ñ",
        "Ograve" => "Ò",
        "Oacute" => "Ó",
        "Ocirc" => "Ô",
        "Otilde" => "Õ",
        "Ouml" => "Ö",
        "Oslash" => "Ø",
        "Ugrave" => "Ù",
        "Uacute" => "Ú",
        "Ucirc" => "Û",
        "Uuml" => "Ü",
        "Yacute" => "Ý",
        "agrave" => "à",
        "aacute" => "á",
        "acirc" => "â",
        "atilde" => "ã",
        "auml" => "ä",
        "aring" => "å",
        "aelig" => "æ",
        "ccedil" => "ç",
        "egrave" => "è",
        "eacute" => "é",
        "ecirc" => "ê",
        "euml" => "ë",
        "igrave" => "ì",
        "iacute" => "í",
        "icirc" => "î",
        "iuml" => "ï",
        "ntilde" => "ñ",
        "ograve" => "ò",
        "oacute" => "ó",
        "ocirc" => "ô",
        "otilde" => "õ",
        "ouml" => "ö",
        "oslash" => "ø",
        "ugrave" => "ù",
        "uacute" => "ú",
        "ucirc" => "û",
        "uuml" => "ü",
        "yacute" => "ý",
        "yuml" => "ÿ",
        "OElig" => "Œ",
        "oelig" => "œ",
        "Scaron" => "Š",
        "scaron" => "š",
        "Zcaron" => "Ž",
        "zcaron" => "ž",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_tags_text_and_comments() {
        let found: Vec<Token<'_>> = tokens("a<b x='1>2'>c</b><!-- n -->d < e<br/>").collect();
        assert_eq!(
            found,
            [
                Token::Text("a"),
                Token::Start {
                    name: "b",
                    attributes: " x='1>2'",
                    self_closing: false
                },
                Token::Text("c"),
                Token::End { name: "b" },
                Token::Other,
                Token::Text("d < e"),
                Token::Start {
                    name: "br",
                    attributes: "",
                    self_closing: true
                },
            ]
        );
    }

    #[test]
    fn unclosed_markup_runs_to_the_end() {
        assert_eq!(tokens("<!-- never").collect::<Vec<_>>(), [Token::Other]);
        assert_eq!(tokens("<p class=\"x").count(), 1);
        assert_eq!(tokens("<").collect::<Vec<_>>(), [Token::Text("<")]);
    }

    #[test]
    fn reads_attributes() {
        let attributes = r#" type="DATE" value='1998-02-01' checked data-x=a&amp;b"#;
        assert_eq!(
            attribute(attributes, "VALUE").as_deref(),
            Some("1998-02-01")
        );
        assert_eq!(attribute(attributes, "data-x").as_deref(), Some("a&b"));
        assert_eq!(attribute(attributes, "checked").as_deref(), Some(""));
        assert_eq!(attribute(attributes, "missing"), None);
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &amp;amp; &#233;&#xE9; &#151; &bogus; &"),
            "a <b> &amp; éé — &bogus; &"
        );
        assert_eq!(decode_entities("&#99999999999;"), "&#99999999999;");
    }

    #[test]
    fn finds_elements_and_text() {
        let (attributes, content, _) = element("<X><DATE a=1>26-FEB</date></X>", "date").unwrap();
        assert_eq!((attributes, content), (" a=1", "26-FEB"));
        assert_eq!(
            text_of(
                "<p>a<script>x</script>b</p><p>c &amp; d",
                &["script"],
                &["p"]
            ),
            "\nab\n\nc & d"
        );
    }
}
