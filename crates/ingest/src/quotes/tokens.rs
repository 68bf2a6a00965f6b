//! Words and punctuation with their byte offsets, and where sentences
//! start: just enough structure to read the attribution around a quote.

use std::borrow::Cow;

use super::lexicon;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters and digits, with inner apostrophes, hyphens and periods
    /// ("Israel’s", "then-candidate", "U.S.") and the period of a known
    /// abbreviation ("Sen.").
    Word,
    /// One character of punctuation or a symbol.
    Punct,
    /// A line break: the end of a paragraph.
    Newline,
}

/// One token: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: TokenKind,
}

/// The tokens of a text and the sentences they form.
pub(crate) struct Tokens<'a> {
    pub(crate) text: &'a str,
    pub(crate) tokens: Vec<Token>,
    /// For each token, the index of the first token of its sentence.
    sentence_start: Vec<usize>,
}

impl<'a> Tokens<'a> {
    /// Splits `text` into tokens and sentences.
    pub(crate) fn new(text: &'a str) -> Self {
        let tokens = tokenize(text);
        let sentence_start = sentence_starts(text, &tokens);
        Tokens {
            text,
            tokens,
            sentence_start,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The text of token `index`.
    pub(crate) fn str(&self, index: usize) -> &'a str {
        let token = self.tokens[index];
        &self.text[token.start..token.end]
    }

    /// The text of token `index` in lower case.
    pub(crate) fn lower(&self, index: usize) -> Cow<'a, str> {
        lowercase(self.str(index))
    }

    /// Whether token `index` in lower case is `word`, a lower-case word;
    /// an ASCII token is compared without being lowered into a new string.
    pub(crate) fn lower_is(&self, index: usize, word: &str) -> bool {
        let token = self.str(index);
        if token.is_ascii() {
            token.eq_ignore_ascii_case(word)
        } else {
            self.lower(index) == word
        }
    }

    pub(crate) fn is_word(&self, index: usize) -> bool {
        self.tokens[index].kind == TokenKind::Word
    }

    /// Whether token `index` is the punctuation character `c`.
    pub(crate) fn is_punct(&self, index: usize, c: char) -> bool {
        let token = self.tokens[index];
        token.kind == TokenKind::Punct && self.text[token.start..].starts_with(c)
    }

    /// Whether token `index` is a word that starts with a capital letter.
    pub(crate) fn is_capitalized(&self, index: usize) -> bool {
        self.is_word(index) && self.str(index).starts_with(char::is_uppercase)
    }

    /// Whether token `index` is a word written in lower case.
    pub(crate) fn is_lowercase_word(&self, index: usize) -> bool {
        self.is_word(index) && self.str(index).starts_with(char::is_lowercase)
    }

    /// Whether token `index` ends a sentence or a clause: `.`, `!`, `?`,
    /// `;`, a line break.
    pub(crate) fn is_terminator(&self, index: usize) -> bool {
        let token = self.tokens[index];
        match token.kind {
            TokenKind::Newline => true,
            TokenKind::Word => false,
            TokenKind::Punct => matches!(
                self.text[token.start..].chars().next(),
                Some('.' | '!' | '?' | ';' | '…')
            ),
        }
    }

    /// Whether token `index` is a quotation mark.
    pub(crate) fn is_quote_mark(&self, index: usize) -> bool {
        let token = self.tokens[index];
        token.kind == TokenKind::Punct
            && self.text[token.start..]
                .chars()
                .next()
                .is_some_and(|c| lexicon::is_double_mark(c) || lexicon::is_single_mark(c))
    }

    /// The index of the first token of the sentence token `index` is in.
    pub(crate) fn sentence_of(&self, index: usize) -> usize {
        self.sentence_start.get(index).copied().unwrap_or(0)
    }

    /// The index of the first token that starts at or after byte `offset`.
    pub(crate) fn at_or_after(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.start < offset)
    }
}

/// `word` in lower case, borrowed when it has no capitals; ASCII by byte.
fn lowercase(word: &str) -> Cow<'_, str> {
    let has_capitals = if word.is_ascii() {
        word.bytes().any(|byte| byte.is_ascii_uppercase())
    } else {
        word.chars().any(char::is_uppercase)
    };
    match (has_capitals, word.is_ascii()) {
        (false, _) => Cow::Borrowed(word),
        (true, true) => Cow::Owned(word.to_ascii_lowercase()),
        (true, false) => Cow::Owned(word.to_lowercase()),
    }
}

/// Whether `c` can go on a word after its first character when the next
/// character is a letter or digit ("Israel’s", "al-Assad", "U.S").
fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '.' | '&')
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

/// The character at byte `at` of `text`, without decoding when it is ASCII.
fn char_at(text: &str, at: usize) -> Option<char> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some(char::from(byte));
    }
    text.get(at..).and_then(|rest| rest.chars().next())
}

fn tokenize(text: &str) -> Vec<Token> {
    tokenize_with::<true>(text)
}

/// [`tokenize`], with (`FAST`) or without the shortcuts for plain ASCII:
/// a space or a tab is skipped, and a word that starts with an ASCII
/// letter or digit is read by byte up to the first byte that is neither
/// (where the general code goes on when that byte may continue the word:
/// a joining character or one that is not ASCII). Tests compare the two.
fn tokenize_with<const FAST: bool>(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut start = 0;
    while let Some(&byte) = bytes.get(start) {
        if FAST && ASCII_WORD[usize::from(byte)] {
            let run = bytes[start..]
                .iter()
                .position(|&byte| !ASCII_WORD[usize::from(byte)])
                .unwrap_or(bytes.len() - start);
            let mut end = start + run;
            // Only a joining character or one that is not ASCII may go on
            // with the word, and only a period may end it.
            if bytes
                .get(end)
                .is_some_and(|&next| !next.is_ascii() || matches!(next, b'\'' | b'-' | b'.' | b'&'))
            {
                end = with_abbreviation_period(text, start, word_end(text, end));
            }
            tokens.push(Token {
                start,
                end,
                kind: TokenKind::Word,
            });
            // Most words are followed by a space, which only separates.
            start = if bytes.get(end) == Some(&b' ') {
                end + 1
            } else {
                end
            };
            continue;
        }
        if FAST && matches!(byte, b' ' | b'\t' | b'\r') {
            start += 1;
            continue;
        }
        let Some(c) = char_at(text, start) else {
            break;
        };
        let after = start + c.len_utf8();
        if c == '\n' {
            tokens.push(Token {
                start,
                end: after,
                kind: TokenKind::Newline,
            });
        } else if c.is_whitespace() {
            // Spaces only separate tokens.
        } else if c.is_alphanumeric() {
            let end = with_abbreviation_period(text, start, word_end(text, after));
            tokens.push(Token {
                start,
                end,
                kind: TokenKind::Word,
            });
            start = end;
            continue;
        } else {
            tokens.push(Token {
                start,
                end: after,
                kind: TokenKind::Punct,
            });
        }
        start = after;
    }
    tokens
}

/// The end of a word whose characters up to byte `end` are read: letters
/// and digits, and the characters that join two runs of them.
fn word_end(text: &str, mut end: usize) -> usize {
    while let Some(next) = char_at(text, end) {
        let continues_word = next.is_alphanumeric()
            || (joins_word(next)
                && char_at(text, end + next.len_utf8()).is_some_and(char::is_alphanumeric));
        if !continues_word {
            break;
        }
        end += next.len_utf8();
    }
    end
}

/// The end of the word `start..end` with the period after it when that
/// period belongs to the word, as in "Sen.", "U.S." or an initial, so that
/// it does not end a sentence.
fn with_abbreviation_period(text: &str, start: usize, end: usize) -> usize {
    if text.as_bytes().get(end) == Some(&b'.') && is_abbreviation(&text[start..end]) {
        end + 1
    } else {
        end
    }
}

/// Whether a word followed by a period is an abbreviation or an initial
/// rather than the end of a sentence.
fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    let single_letter = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    single_letter || word.contains('.') || lexicon::is_abbreviation(word)
}

/// For each token, the first token of its sentence. A sentence ends at a
/// line break, and after `.`, `!`, `?` or `…` (and any closing quotes or
/// brackets) when the next token is capitalised, a digit or an opening
/// quotation mark.
fn sentence_starts(text: &str, tokens: &[Token]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(tokens.len());
    let mut current = 0;
    let mut index = 0;
    while index < tokens.len() {
        starts.push(current);
        let token = tokens[index];
        if token.kind == TokenKind::Newline {
            current = index + 1;
            index += 1;
            continue;
        }
        let is_end_mark = token.kind == TokenKind::Punct
            && matches!(
                text[token.start..].chars().next(),
                Some('.' | '!' | '?' | '…')
            );
        if !is_end_mark {
            index += 1;
            continue;
        }
        // Closing quotes and brackets after the mark stay in the sentence.
        let mut last = index;
        while last + 1 < tokens.len()
            && tokens[last + 1].kind == TokenKind::Punct
            && matches!(
                text[tokens[last + 1].start..].chars().next(),
                Some('”' | '"' | '’' | '\'' | ')' | ']' | '»' | '.' | '!' | '?')
            )
            && tokens[last + 1].start == tokens[last].end
        {
            last += 1;
            starts.push(current);
        }
        let next_starts_sentence = match tokens.get(last + 1) {
            None => true,
            Some(next) => {
                let first = text[next.start..].chars().next().unwrap_or(' ');
                next.kind == TokenKind::Newline
                    || first.is_uppercase()
                    || first.is_ascii_digit()
                    || matches!(first, '“' | '"' | '‘' | '(' | '«')
            }
        };
        // A line break starts the next sentence itself, after it.
        let next_is_newline = tokens
            .get(last + 1)
            .is_some_and(|next| next.kind == TokenKind::Newline);
        if next_starts_sentence && !next_is_newline {
            current = last + 1;
        }
        index = last + 1;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let tokens = Tokens::new(text);
        (0..tokens.len()).map(|i| tokens.str(i)).collect()
    }

    #[test]
    fn splits_words_and_punctuation() {
        assert_eq!(
            words("Israel’s president, Sen. J. Smith (R-Texas) said: “U.S. first.”"),
            [
                "Israel’s",
                "president",
                ",",
                "Sen.",
                "J.",
                "Smith",
                "(",
                "R-Texas",
                ")",
                "said",
                ":",
                "“",
                "U.S.",
                "first",
                ".",
                "”"
            ]
        );
    }

    #[test]
    fn finds_sentence_starts() {
        let text = "“We won.” He left. Sen. Cruz said so? Yes.\nNew";
        let tokens = Tokens::new(text);
        let starts: Vec<&str> = (0..tokens.len())
            .filter(|&i| tokens.sentence_of(i) == i)
            .map(|i| tokens.str(i))
            .collect();
        assert_eq!(starts, ["“", "He", "Sen.", "Yes", "New"]);
    }

    /// The shortcuts for plain ASCII give the tokens of the general code.
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
            "Israel’s president, Sen. J. Smith (R-Texas) said: “U.S. first.”",
            "al-Assad's then-candidate AT&T x.y. a-, b'' c.. Mr.\r\n\tGov. (D-Mo.) said",
            "Ahmet Davutoğlu spoke in İstanbul. e\u{301}cole naïve ﬁ Ⅻ ١٢٣ 3.5 1,000",
            "a\u{a0}b\u{2028}c\u{3000}d\u{b}e\u{c}f\u{85}g K. \u{212a}y. Ky. ky.",
            "",
            ".",
            "a",
            "a.",
            "a-",
            "a’",
            "é",
            "é.",
            "\n",
            " \n ",
        ] {
            check_fast_path(text);
        }
        for (_, text) in crate::testing::corpus_texts() {
            check_fast_path(&text);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_agrees_on_any_text(
            text in "[a-zA-Zé0-9 .,:;'’‘“”\"()&‐—-]{0,80}|[ \t\r\n\u{b}\u{c}\u{85}\u{a0}aZ.'-]{0,40}|\\PC{0,40}"
        ) {
            check_fast_path(&text);
        }
    }

    /// Lower case by byte for ASCII gives the general rule's word, which
    /// lowers only words with a capital: a word whose only cased letters
    /// are title-case ("ᾈ") stays as it is.
    fn check_lowercase(word: &str) {
        let has_capitals = word.chars().any(char::is_uppercase);
        let general = if has_capitals {
            word.to_lowercase()
        } else {
            word.to_owned()
        };
        let lower = lowercase(word);
        assert_eq!(lower, general, "{word:?}");
        assert_eq!(matches!(lower, Cow::Borrowed(_)), !has_capitals, "{word:?}");
    }

    #[test]
    fn lower_case_by_byte_agrees_with_the_general_rule() {
        for word in [
            "",
            "said",
            "Said",
            "SAID",
            "U.S.",
            "ᾈ",
            "ǅ",
            "İstanbul",
            "\u{212a}y",
            "É",
        ] {
            check_lowercase(word);
        }
    }

    proptest::proptest! {
        #[test]
        fn lower_case_by_byte_agrees_on_any_word(word in "[a-zA-Z0-9.'-]{0,12}|\\PC{0,12}") {
            check_lowercase(&word);
        }
    }

    proptest::proptest! {
        #[test]
        fn comparing_in_lower_case_agrees_with_lowering(
            text in "((of|Of|OF|the|The|a|A|an|by|By|who|WHO|according|According|to|To|\u{212a}|é|É|[a-zA-Z]{1,3})( |\\PC)?){0,6}"
        ) {
            let tokens = Tokens::new(&text);
            for index in 0..tokens.len() {
                for word in ["of", "the", "a", "an", "by", "who", "according", "to", "k", "é"] {
                    proptest::prop_assert_eq!(
                        tokens.lower_is(index, word),
                        tokens.lower(index) == word,
                        "{:?} {:?}", tokens.str(index), word
                    );
                }
            }
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["", ".", "\n\n", "’s", "a.", "é’", "..."] {
            let tokens = Tokens::new(text);
            for i in 0..tokens.len() {
                tokens.sentence_of(i);
            }
        }
    }
}
