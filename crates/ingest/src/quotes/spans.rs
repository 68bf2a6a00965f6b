//! Pairing quotation marks into quoted spans.
//!
//! Double marks, straight or typographic, open and close top-level quotes;
//! single marks never do, so apostrophes and quotes nested inside a quote
//! ("He said ‘no’ to me") stay part of the quote around them. Whether a
//! mark opens or closes is told by the mark itself (“ opens, ” closes) and,
//! for the straight `"` and for marks used the wrong way round, by what is
//! on each side: a mark followed by a word and preceded by a space opens,
//! one preceded by a word closes.
//!
//! A line break ends a paragraph. A quote still open at the end of a
//! paragraph continues into the next when that paragraph opens with a
//! quotation mark, the convention for a quote that runs over several
//! paragraphs; otherwise it is kept (ending at the paragraph end) only when
//! its opening mark starts the paragraph, and dropped when it opens in the
//! middle of one, where an unmatched mark is more likely a stray or an
//! inch sign than a quote.

use super::lexicon::is_double_mark;

/// A quoted span of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuotedSpan {
    /// Byte offset of the opening mark.
    pub(crate) open: usize,
    /// Byte offset just after the opening mark: where the quoted words start.
    pub(crate) start: usize,
    /// Byte offset where the quoted words end: the closing mark, or the end
    /// of the paragraph for a quote whose closing mark is missing.
    pub(crate) end: usize,
    /// Byte offset just after the closing mark (`end` when there is none).
    pub(crate) close_end: usize,
    /// Byte ranges of the marks that reopen the quote at the start of each
    /// paragraph it continues into; they are not part of its words.
    pub(crate) reopenings: Vec<[usize; 2]>,
}

impl QuotedSpan {
    /// The quoted words: the span without its continuation marks.
    pub(crate) fn words(&self, text: &str) -> String {
        let mut words = String::with_capacity(self.end - self.start);
        let mut from = self.start;
        for &[mark_start, mark_end] in &self.reopenings {
            words.push_str(&text[from..mark_start]);
            from = mark_end;
        }
        words.push_str(&text[from..self.end]);
        words
    }
}

/// What a mark can do, judged from the characters on each side of it.
#[derive(Debug, Clone, Copy)]
struct Role {
    can_open: bool,
    can_close: bool,
}

fn role_of(mark: char, before: Option<char>, after: Option<char>) -> Role {
    // Like Markdown's flanking rules: a mark opens when a word follows it
    // and nothing word-like sticks to its left, and closes when a word (or
    // the punctuation that ends a quote) sticks to its left.
    let opens_word = after.is_some_and(|c| !c.is_whitespace())
        && before.is_none_or(|c| c.is_whitespace() || is_opening_context(c));
    let closes_word = before.is_some_and(|c| !c.is_whitespace())
        && after.is_none_or(|c| c.is_whitespace() || !c.is_alphanumeric());
    match mark {
        '“' | '„' | '«' | '‟' => Role {
            can_open: true,
            // Some pages close with “ by mistake: “Yes,“ he said.
            can_close: closes_word && !opens_word,
        },
        '”' | '»' => Role {
            // And some open with ”: ”Yes,” he said.
            can_open: opens_word && !closes_word,
            can_close: true,
        },
        _ => Role {
            can_open: opens_word,
            can_close: closes_word,
        },
    }
}

/// Characters after which a mark still starts a quote: brackets, dashes,
/// slashes and other quotation marks.
fn is_opening_context(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '‘' | '\'' | '“' | '"' | '„' | '«'
    )
}

/// An opening mark waiting for its closing mark.
#[derive(Debug, Clone)]
struct Open {
    mark: usize,
    start: usize,
    reopenings: Vec<[usize; 2]>,
}

/// Finds the top-level double-quoted spans of `text`, in text order.
pub(crate) fn quoted_spans(text: &str) -> Vec<QuotedSpan> {
    quoted_spans_with::<true>(text)
}

/// Whether a byte may start a character that [`quoted_spans`] acts on: a
/// line break, a straight double mark, or the first byte of a typographic
/// double mark in UTF-8 (`0xC2` for « and », `0xE2` for “ ” „ ‟). No
/// other character starts with one of these bytes and is one of those
/// characters; a test checks every character.
fn may_start_mark(byte: u8) -> bool {
    matches!(byte, b'\n' | b'"' | 0xC2 | 0xE2)
}

/// The offset of the first byte at or after `from` for which
/// [`may_start_mark`] holds. Eight bytes at a time: most words of eight
/// bytes are plain ASCII without a line break or a straight double mark.
fn next_mark_start(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut offset = 0;
    for chunk in rest.chunks_exact(8) {
        if let Ok(word) = <[u8; 8]>::try_from(chunk)
            && !may_hold_mark(u64::from_le_bytes(word))
        {
            offset += 8;
            continue;
        }
        if let Some(found) = chunk.iter().position(|&byte| may_start_mark(byte)) {
            return Some(from + offset + found);
        }
        offset += 8;
    }
    rest[offset..]
        .iter()
        .position(|&byte| may_start_mark(byte))
        .map(|found| from + offset + found)
}

/// Whether eight bytes (as a little-endian word) may hold a byte for which
/// [`may_start_mark`] holds: one that is not ASCII, a line break or a
/// straight double mark. False only when none does.
fn may_hold_mark(word: u64) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // Every zero byte of `x` has its high bit set in `(x - ONES) & !x`;
    // borrows may set it in higher bytes too, which only costs a look at
    // the bytes.
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x;
    let line_break = word ^ (ONES * u64::from(b'\n'));
    let straight = word ^ (ONES * u64::from(b'"'));
    (has_zero(line_break) | has_zero(straight) | word) & HIGH != 0
}

/// The character at byte `at` of `text`, without decoding when it is ASCII.
fn char_at(text: &str, at: usize) -> Option<char> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some(char::from(byte));
    }
    text.get(at..).and_then(|rest| rest.chars().next())
}

/// [`quoted_spans`], with (`FAST`) or without the shortcut that skips, by
/// byte, the characters that are neither a line break nor a double mark:
/// nothing happens at them, and they are nearly all of a text. Only the
/// character before a mark matters then, and it is read back from the
/// text. Tests compare the two.
fn quoted_spans_with<const FAST: bool>(text: &str) -> Vec<QuotedSpan> {
    let mut spans = Vec::new();
    // The open marks, outermost first. Only the outermost one makes a
    // span; inner pairs (double marks misused for nesting) stay inside it.
    let mut stack: Vec<Open> = Vec::new();
    // Pairs closed inside an outer quote, kept in case the outer quote
    // turns out to be a stray mark and is dropped.
    let mut inner: Vec<QuotedSpan> = Vec::new();
    let mut paragraph_start = 0;
    let mut previous: Option<char> = None;
    // The byte offset of the next character to read.
    let mut at = 0;
    loop {
        if FAST {
            let Some(next) = next_mark_start(text.as_bytes(), at) else {
                break;
            };
            if next > at {
                at = next;
                previous = text[..at].chars().next_back();
            }
        }
        let Some(c) = char_at(text, at) else {
            break;
        };
        let offset = at;
        at += c.len_utf8();
        let after = char_at(text, at);
        if c == '\n' {
            end_paragraph(
                text,
                paragraph_start,
                offset,
                &mut stack,
                &mut inner,
                &mut spans,
            );
            paragraph_start = offset + 1;
            if let Some(mut open) = stack.pop() {
                // The quote continues: skip to the mark that reopens it.
                let reopening = text[offset..]
                    .char_indices()
                    .find(|&(_, c)| !c.is_whitespace())
                    .map(|(i, c)| (offset + i, c));
                if let Some((mark_offset, mark)) = reopening {
                    let mark_end = mark_offset + mark.len_utf8();
                    at = mark_end;
                    open.reopenings.push([mark_offset, mark_end]);
                    paragraph_start = text[..mark_offset].rfind('\n').map_or(0, |i| i + 1);
                }
                stack.clear();
                stack.push(open);
                previous = reopening.map(|(_, c)| c);
                continue;
            }
            previous = Some(c);
            continue;
        }
        if is_double_mark(c) {
            let role = role_of(c, previous, after);
            let end_of_mark = at;
            if role.can_close && !stack.is_empty() {
                let open = stack.pop().unwrap_or_else(|| unreachable!());
                let span = QuotedSpan {
                    open: open.mark,
                    start: open.start,
                    end: offset,
                    close_end: end_of_mark,
                    reopenings: open.reopenings,
                };
                if stack.is_empty() {
                    inner.clear();
                    spans.push(span);
                } else if stack.len() == 1 {
                    inner.push(span);
                }
            } else if role.can_open {
                stack.push(Open {
                    mark: offset,
                    start: end_of_mark,
                    reopenings: Vec::new(),
                });
            }
        }
        previous = Some(c);
    }
    end_paragraph(
        text,
        paragraph_start,
        text.len(),
        &mut stack,
        &mut inner,
        &mut spans,
    );
    spans
}

/// Settles the quotes still open at the end of the paragraph
/// `[paragraph_start, paragraph_end)`. Leaves the outermost one on the
/// stack when the next paragraph reopens it.
fn end_paragraph(
    text: &str,
    paragraph_start: usize,
    paragraph_end: usize,
    stack: &mut Vec<Open>,
    inner: &mut Vec<QuotedSpan>,
    spans: &mut Vec<QuotedSpan>,
) {
    if stack.is_empty() {
        return;
    }
    stack.truncate(1);
    let continues = text[paragraph_end..]
        .chars()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| matches!(c, '“' | '"' | '„' | '«' | '‟'));
    if continues {
        inner.clear();
        return;
    }
    if let Some(open) = stack.pop() {
        close_at_paragraph_end(text, paragraph_start, paragraph_end, open, inner, spans);
    }
}

/// Makes a quote whose closing mark is missing end at the paragraph end,
/// if its opening mark starts the paragraph; otherwise drops it and keeps
/// the pairs closed inside it.
fn close_at_paragraph_end(
    text: &str,
    paragraph_start: usize,
    paragraph_end: usize,
    open: Open,
    inner: &mut Vec<QuotedSpan>,
    spans: &mut Vec<QuotedSpan>,
) {
    // A quote continued from an earlier paragraph has its opening mark
    // before `paragraph_start`; any other open mark is in this paragraph.
    let keep = !open.reopenings.is_empty() || text[paragraph_start..open.mark].trim().is_empty();
    if keep {
        let end = paragraph_start.max(open.start)
            + text[paragraph_start.max(open.start)..paragraph_end]
                .trim_end()
                .len();
        inner.clear();
        spans.push(QuotedSpan {
            open: open.mark,
            start: open.start,
            end,
            close_end: end,
            reopenings: open.reopenings,
        });
    } else {
        spans.append(inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quoted words of each span of `text`.
    fn check(text: &str, expected: &[&str]) {
        let spans = quoted_spans(text);
        let words: Vec<String> = spans.iter().map(|s| s.words(text)).collect();
        assert_eq!(words, expected, "in {text:?}");
        for span in &spans {
            assert!(span.open < span.start && span.start <= span.end && span.end <= span.close_end);
        }
    }

    #[test]
    fn pairs_curly_and_straight_marks() {
        check("He said “yes.” Then \"no,\" she said.", &["yes.", "no,"]);
        // Mixed marks, as in the seed article.
        check(
            "\"Our goal,” Erdogan said. “I expressed it,\" he said.",
            &["Our goal,", "I expressed it,"],
        );
        check("a “key moment.”", &["key moment."]);
    }

    #[test]
    fn keeps_single_quotes_inside_double() {
        check(
            "“He called it ‘a disaster,’ and left,” she said.",
            &["He called it ‘a disaster,’ and left,"],
        );
        check(
            "\"He said 'no' to me,\" Trump said.",
            &["He said 'no' to me,"],
        );
        check("It’s the voters’ choice, not ‘theirs’.", &[]);
    }

    #[test]
    fn quotes_run_over_paragraphs() {
        check(
            "“First paragraph.\n\n“Second paragraph,” he said.",
            &["First paragraph.\n\nSecond paragraph,"],
        );
        check("“One.\n“Two.\n“Three.”", &["One.\nTwo.\nThree."]);
    }

    #[test]
    fn unclosed_quotes() {
        // Opens the paragraph: runs to its end.
        check("“We will win\n\nNext paragraph.", &["We will win"]);
        // Opens mid-paragraph: a stray mark, dropped.
        check("He is 6'2\" tall. She said \"maybe\nNext.", &[]);
        // A stray opening mark before a real quote.
        check("Odd “ mark then “real one” here", &["real one"]);
    }

    #[test]
    fn nested_double_marks_stay_inside() {
        check("“He said “no” to me,” she said.", &["He said “no” to me,"]);
    }

    /// The shortcut past characters that are neither line breaks nor
    /// double marks finds the spans of the general code.
    fn check_fast_path(text: &str) {
        assert_eq!(
            quoted_spans_with::<true>(text),
            quoted_spans_with::<false>(text),
            "spans of {text:?}"
        );
    }

    #[test]
    fn the_fast_path_agrees_with_the_general_code() {
        for text in [
            "He said “yes.” Then \"no,\" she said.",
            "“First paragraph.\n\n“Second paragraph,” he said.\n \n  «Third» ",
            "He is 6'2\" tall. She said \"maybe\nNext. „Ja“ ‟x‟ ”Yes,” “No,“ é“ü”",
            "“\n“",
            "“\n",
            "\"\"",
            "”",
            "\n\n\"",
            "— “Yes” — ‘no’ … «é» ",
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
            text in "[a-zé .,:'’‘“”„‟«»\"()—\n\u{a0}\u{2028}]{0,80}|\\PC{0,40}"
        ) {
            check_fast_path(&text);
        }
    }

    #[test]
    fn only_the_bytes_the_fast_path_stops_at_start_marks() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if c == '\n' || is_double_mark(c) {
                let mut utf8 = [0; 4];
                let first = c.encode_utf8(&mut utf8).as_bytes()[0];
                assert!(may_start_mark(first), "{c:?}");
            }
        }
    }

    #[test]
    fn words_of_eight_bytes_are_skipped_only_without_a_mark_start() {
        for byte in 0..=u8::MAX {
            for position in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[position] = byte;
                let word = u64::from_le_bytes(bytes);
                assert_eq!(
                    may_hold_mark(word),
                    !byte.is_ascii() || may_start_mark(byte)
                );
                assert_eq!(
                    next_mark_start(&bytes, 0),
                    may_start_mark(byte).then_some(position)
                );
            }
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        check("", &[]);
        check("\"", &[]);
        check("”", &[]);
        check("“", &[""]);
        check("\"\"", &[""]);
        check("“\n", &[""]);
        check("“\n“", &["\n"]);
        let marks = "\"“”".repeat(100_000);
        quoted_spans(&marks);
        let opens = "“".repeat(300_000);
        assert_eq!(quoted_spans(&opens).len(), 1);
        let lines = "“\n".repeat(100_000);
        assert_eq!(quoted_spans(&lines).len(), 1);
    }
}
