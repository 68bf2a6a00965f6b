//! Splits text into word tokens and sentences, keeping byte offsets into
//! the original text.
//!
//! The tokens follow the conventions of the CoNLL-2003 data the tagger is
//! trained on, so that the features it sees at run time look like the ones
//! it learnt from: a possessive `'s` (or `’s`) is a token of its own
//! ("Israel’s" is "Israel" + "’s"), punctuation is split off, and a
//! hyphenated word ("Gaza-bound"), a number ("1,000", "3.5"), an
//! abbreviation with dots ("U.S.") or a company name with an ampersand
//! ("AT&T") stays whole.

/// One token: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// Abbreviations whose trailing period belongs to the word ("Mr.", "Inc.").
const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "aug", "bros", "capt", "cmdr", "co", "col", "corp", "dec", "dept", "dr", "feb",
    "fig", "ft", "gen", "gov", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar",
    "messrs", "mr", "mrs", "ms", "mt", "no", "nov", "oct", "pres", "prof", "rep", "rev", "sen",
    "sep", "sept", "sgt", "sr", "st", "supt", "vs",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks, so that a decomposed letter stays in its word.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

#[inline]
fn char_at(text: &str, at: usize) -> Option<char> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some(char::from(byte));
    }
    text.get(at..).and_then(|rest| rest.chars().next())
}

/// Whether `'s` (or `’s`) starts at `at` and ends a word there.
fn possessive_at(text: &str, at: usize) -> Option<usize> {
    let apostrophe = char_at(text, at)?;
    if !is_apostrophe(apostrophe) {
        return None;
    }
    let s_at = at + apostrophe.len_utf8();
    let s = char_at(text, s_at)?;
    if s != 's' && s != 'S' {
        return None;
    }
    let end = s_at + 1;
    match char_at(text, end) {
        Some(next) if is_word_char(next) => None,
        _ => Some(end),
    }
}

/// ASCII letters and digits, by byte.
static ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

/// The ASCII characters that may join two runs of word characters into
/// one word ("Gaza-bound", "U.S.", "1,000", "AT&T", "O'Brien", "US$").
const JOINERS: &[u8] = b"$-.,&'";

/// The end of the word that starts at `start` (a word character), the
/// word characters up to `scanned` (at least `start`) already read.
fn word_end(text: &str, start: usize, scanned: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = scanned;
    loop {
        // A run of word characters; ASCII letters and digits without
        // decoding.
        while let Some(&byte) = bytes.get(end) {
            if byte.is_ascii_alphanumeric() {
                end += 1;
                continue;
            }
            if byte.is_ascii() {
                break;
            }
            match char_at(text, end) {
                Some(c) if is_word_char(c) => end += c.len_utf8(),
                _ => break,
            }
        }
        // Most words end at a space: only these characters may join two
        // runs into one word.
        let Some(&byte) = bytes.get(end) else {
            break;
        };
        if byte.is_ascii() && !JOINERS.contains(&byte) {
            break;
        }
        let Some(joiner) = char_at(text, end) else {
            break;
        };
        if joiner == '$' {
            // A currency: "US$", "HK$", "A$" are one word.
            let word = &text[start..end];
            if word.len() <= 3 && word.chars().all(|c| c.is_ascii_uppercase()) {
                end += 1;
            }
            break;
        }
        let after = end + joiner.len_utf8();
        let Some(next) = char_at(text, after) else {
            break;
        };
        if !is_word_char(next) {
            break;
        }
        let previous = text[..end].chars().next_back().unwrap_or(' ');
        let joins = match joiner {
            '-' | '.' => true,
            ',' => {
                // "1,000" but not "Turkey,Israel".
                previous.is_ascii_digit()
                    && bytes.len() >= after + 3
                    && bytes[after..after + 3].iter().all(u8::is_ascii_digit)
                    && bytes.get(after + 3).is_none_or(|b| !b.is_ascii_digit())
            }
            '&' => previous.is_uppercase() && next.is_uppercase(),
            c if is_apostrophe(c) => possessive_at(text, end).is_none(),
            _ => false,
        };
        if !joins {
            break;
        }
        end = after;
    }
    // A trailing period belongs to an abbreviation: "U.S.", "J.", "Inc.".
    if bytes.get(end) == Some(&b'.') && takes_period(&text[start..end]) {
        end += 1;
    }
    end
}

/// Whether a word followed by a period is an abbreviation that keeps it:
/// a single capital, a known abbreviation, or a word with dots and no
/// digits.
fn takes_period(word: &str) -> bool {
    let mut chars = word.chars();
    if matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase()) {
        return true;
    }
    if is_abbreviation(word) {
        return true;
    }
    word.as_bytes().contains(&b'.') && !word.bytes().any(|b| b.is_ascii_digit())
}

/// Whether `word` is one of [`ABBREVIATIONS`], in any case.
fn is_abbreviation(word: &str) -> bool {
    let mut lower = [0u8; 6];
    if word.len() > lower.len() {
        return false;
    }
    for (to, &byte) in lower.iter_mut().zip(word.as_bytes()) {
        if !byte.is_ascii_alphabetic() {
            return false;
        }
        *to = byte.to_ascii_lowercase();
    }
    let word = &lower[..word.len()];
    ABBREVIATIONS
        .binary_search_by(|abbreviation| abbreviation.as_bytes().cmp(word))
        .is_ok()
}

/// Splits `text` into tokens, and tells which tokens start a sentence.
///
/// A sentence starts at the first token, after a line break, and after a
/// `.`, `!` or `?` (and any closing quotes or brackets) when the next token
/// does not start with a lower-case letter.
pub(crate) fn tokenize(text: &str) -> (Vec<Token>, Vec<bool>) {
    tokenize_with::<true>(text)
}

/// [`tokenize`], with (`FAST`) or without the shortcut for tokens that
/// start with an ASCII letter or digit, which are most of them: such a
/// token is a word, and can neither close a quote nor end a sentence, so
/// none of the checks for punctuation apply. Tests compare the two.
fn tokenize_with<const FAST: bool>(text: &str) -> (Vec<Token>, Vec<bool>) {
    let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
    let mut starts = Vec::with_capacity(text.len() / 4 + 1);
    let mut at = 0;
    let mut line_break = true;
    let mut after_stop = false;
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        if FAST && ASCII_WORD[usize::from(byte)] {
            // A run of ASCII letters and digits ends the word at a space or
            // at punctuation that cannot join it to more: most words.
            let mut end = at + 1;
            while end < bytes.len() && ASCII_WORD[usize::from(bytes[end])] {
                end += 1;
            }
            if bytes
                .get(end)
                .is_some_and(|&next| !next.is_ascii() || JOINERS.contains(&next))
            {
                end = word_end(text, at, end);
            }
            let starts_sentence =
                tokens.is_empty() || line_break || (after_stop && !byte.is_ascii_lowercase());
            tokens.push(Token { start: at, end });
            starts.push(starts_sentence);
            after_stop = false;
            line_break = false;
            at = end;
            continue;
        }
        if byte.is_ascii_whitespace() || byte == 0x0B {
            if byte == b'\n' {
                line_break = true;
            }
            at += 1;
            continue;
        }
        let Some(c) = char_at(text, at) else {
            break;
        };
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        let end = if is_word_char(c) {
            word_end(text, at, at)
        } else if let Some(end) = possessive_at(text, at).filter(|_| {
            tokens.last().is_some_and(|t: &Token| {
                t.end == at && text[t.start..t.end].chars().all(is_word_char)
            })
        }) {
            end
        } else {
            // Punctuation: one character, or a run of the same one ("--", "...").
            let mut end = at + c.len_utf8();
            if c == '-' || c == '.' {
                while char_at(text, end) == Some(c) {
                    end += c.len_utf8();
                }
            }
            end
        };
        let starts_lower = c.is_lowercase();
        let token_text = &text[at..end];
        // A closing quote or bracket stays in the sentence it closes.
        let attached = tokens.last().is_some_and(|t: &Token| t.end == at);
        let closing = matches!(token_text, "”" | "’" | ")" | "]")
            || (matches!(token_text, "\"" | "'") && attached);
        let starts_sentence =
            tokens.is_empty() || line_break || (after_stop && !starts_lower && !closing);
        after_stop = match token_text {
            "." | "!" | "?" | "..." => true,
            _ if closing => after_stop,
            _ => false,
        };
        tokens.push(Token { start: at, end });
        starts.push(starts_sentence);
        line_break = false;
        at = end;
    }
    (tokens, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &str) {
        let (tokens, starts) = tokenize(text);
        let mut rendered = String::new();
        for (token, start) in tokens.iter().zip(&starts) {
            if *start && !rendered.is_empty() {
                rendered.push_str(" |");
            }
            if !rendered.is_empty() {
                rendered.push(' ');
            }
            rendered.push_str(&text[token.start..token.end]);
        }
        assert_eq!(rendered, expected, "tokens of {text:?}");
    }

    #[test]
    fn splits_possessives_and_punctuation() {
        check("Israel’s president", "Israel ’s president");
        check("Israel's president.", "Israel 's president .");
        check("the Jones' house", "the Jones ' house");
        check("O'Brien said", "O'Brien said");
        check("“new turning point.”", "“ new turning point . ”");
        check("(GM)", "( GM )");
    }

    #[test]
    fn keeps_words_with_inner_punctuation() {
        check("Gaza-bound flotilla", "Gaza-bound flotilla");
        check("the U.S. and AT&T", "the U.S. and AT&T");
        check("1,000 or 3.5 on 1996-08-22", "1,000 or 3.5 on 1996-08-22");
        check("Turkey,Israel", "Turkey , Israel");
        check("US$ 40 or US$40 or $5", "US$ 40 or US$ 40 or $ 5");
        check("Mr. Smith of Acme Inc. said", "Mr. Smith of Acme Inc. said");
        check("J. R. Tolkien", "J. R. Tolkien");
    }

    #[test]
    fn finds_sentences() {
        check(
            "He left. She stayed. \"Go.\" He went",
            "He left . | She stayed . | \" Go . \" | He went",
        );
        check("one\ntwo", "one | two");
        check("e.g. not. this", "e.g. not . this");
    }

    /// The shortcut for words gives the tokens and sentences of the
    /// general code.
    fn check_fast_path(text: &str) {
        assert_eq!(
            tokenize_with::<true>(text),
            tokenize_with::<false>(text),
            "tokens of {text:?}"
        );
    }

    #[test]
    fn the_fast_path_agrees_with_the_general_code() {
        for text in [
            "He left. She stayed. \"Go.\" He went",
            "Israel’s president met the U.S. envoy, AT&T's chief and Mr. Smith.\nNew line",
            "“new turning point.” 1,000 or 3.5 on 1996-08-22 US$40 e.g. not. this",
            "end. “Quoted” start) (GM) [x]. 'single' ... -- ok? yes! No.",
            "Ahmet Davutoğlu spoke in Ankara. İstanbul e\u{301}cole naïve ﬁ",
            "'s 's ' \" “ ” ( ) - -- ... $ US$ a.b.c. J. R. Tolkien Inc. co.",
        ] {
            check_fast_path(text);
        }
        let texts = crate::testing::corpus_texts();
        for (_, text) in &texts {
            check_fast_path(text);
        }
        assert!(texts.len() > 10, "only {} corpus files read", texts.len());
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_agrees_on_any_text(text in "[a-zA-Z0-9 .,'’“”\"()\\[\\]$&!?\n-]{0,80}|\\PC{0,40}") {
            check_fast_path(&text);
        }
    }

    #[test]
    fn abbreviations_are_found_in_any_case() {
        assert!(ABBREVIATIONS.is_sorted(), "binary search needs them sorted");
        for abbreviation in ABBREVIATIONS {
            assert!(is_abbreviation(abbreviation));
            assert!(is_abbreviation(&abbreviation.to_ascii_uppercase()));
        }
        for word in [
            "Mrs", "INC", "Messrs", "", "x", "mr1", "incs", "Messrsx", "Mr\u{e9}",
        ] {
            assert_eq!(
                is_abbreviation(word),
                ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a)),
                "{word}"
            );
        }
    }

    #[test]
    fn odd_input() {
        check("", "");
        check("   ", "");
        check("'s", "' s");
        check("—", "—");
        check("e\u{301}cole", "e\u{301}cole");
    }
}
