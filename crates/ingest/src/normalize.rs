//! Text normalisation: one form for the same text, whatever tool wrote it.
//!
//! Later stages find paragraphs from lines and blank lines and quotes from
//! quotation marks, so normalisation keeps the line structure and the
//! typographic quotes, and removes only what differs between copies of the
//! same text: Unicode composition, line break conventions, invisible
//! characters, and runs of spaces or blank lines.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Normalises decoded text:
///
/// - Unicode NFC;
/// - CRLF, lone CR and the other line breaks (vertical tab, form feed,
///   U+0085, U+2028) become LF; U+2029 PARAGRAPH SEPARATOR becomes a blank
///   line;
/// - other control characters are dropped, except tab, which becomes a space;
///   so are the invisible U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER,
///   U+FEFF (a byte order mark inside text) and U+00AD SOFT HYPHEN;
/// - NBSP and every other Unicode space become a plain space;
/// - runs of spaces within a line become one space, and lines are trimmed;
/// - runs of blank lines become one blank line, and there are no blank lines
///   at the start or end;
/// - the result never ends with a line break, so that equal texts compare
///   equal however their files ended.
///
/// Everything else is kept as it is, typographic quotes (“ ” ‘ ’ « ») and
/// the zero-width joiners that Persian, Indic scripts and emoji need
/// included.
pub fn normalize(text: &str) -> String {
    // Cleaning comes first so that a dropped character between a letter and
    // its combining accent cannot keep the two from composing.
    let cleaned = clean_whitespace_and_invisible_characters(text);
    // ASCII text is always in NFC, and checking for ASCII is much faster
    // than the general quick check.
    if cleaned.is_ascii() || is_nfc_quick(cleaned.chars()) == IsNormalized::Yes {
        cleaned
    } else {
        // NFC never produces a space, a line break or a control character
        // from other characters, so the cleaned structure survives it.
        cleaned.nfc().collect()
    }
}

/// What [`clean_whitespace_and_invisible_characters`] does with a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharacterRole {
    /// Kept as it is.
    Content,
    /// Collapsed with its neighbours into at most one plain space.
    Space,
    /// Ends the line.
    LineBreak,
    /// Ends the paragraph: counts as two line breaks.
    ParagraphBreak,
    /// Dropped.
    Invisible,
}

/// The role of `character` in normalisation.
fn character_role(character: char) -> CharacterRole {
    // Most characters of most texts are printable ASCII; deciding those with
    // one comparison keeps the pass fast.
    if (' '..='~').contains(&character) {
        return if character == ' ' {
            CharacterRole::Space
        } else {
            CharacterRole::Content
        };
    }
    match character {
        // Vertical tab is how Word exports a manual line break, and form
        // feed separates the pages of old text files: dropping them would
        // glue two lines into one.
        '\n' | '\r' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' => CharacterRole::LineBreak,
        '\u{2029}' => CharacterRole::ParagraphBreak,
        '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => CharacterRole::Invisible,
        // Tab and the Unicode spaces (NBSP, the typographic spaces U+2000 to
        // U+200A, narrow NBSP, ideographic space) are all whitespace.
        character if character.is_whitespace() => CharacterRole::Space,
        character if character.is_control() => CharacterRole::Invisible,
        _ => CharacterRole::Content,
    }
}

/// The single pass of [`normalize`] that handles everything but NFC.
///
/// Spaces and line breaks are not written when they are seen but counted,
/// and written just before the next content character, as one space, one
/// line break or one blank line. That trims lines, collapses runs and drops
/// trailing whitespace without ever taking characters back out of the
/// output. Runs of content characters are copied as whole slices rather
/// than a character at a time, and runs of printable ASCII are stepped
/// over a byte at a time, without decoding characters.
fn clean_whitespace_and_invisible_characters(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut output = String::with_capacity(text.len());
    let mut content_run_start: Option<usize> = None;
    let mut line_breaks_since_content = 0usize;
    let mut space_since_content = false;
    let mut previous_was_carriage_return = false;
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let (character, length) = if byte.is_ascii() {
            (char::from(byte), 1)
        } else {
            match text.get(index..).and_then(|rest| rest.chars().next()) {
                Some(character) => (character, character.len_utf8()),
                None => break,
            }
        };
        let role = character_role(character);
        if role == CharacterRole::Content {
            if content_run_start.is_none() {
                if !output.is_empty() {
                    match line_breaks_since_content {
                        0 if space_since_content => output.push(' '),
                        0 => {}
                        1 => output.push('\n'),
                        _ => output.push_str("\n\n"),
                    }
                }
                line_breaks_since_content = 0;
                space_since_content = false;
                content_run_start = Some(index);
            }
            previous_was_carriage_return = false;
            index += length;
            // The printable ASCII that follows is content too.
            while bytes
                .get(index)
                .is_some_and(|&byte| (b'!'..=b'~').contains(&byte))
            {
                index += 1;
            }
            continue;
        }
        if let Some(start) = content_run_start.take() {
            output.push_str(text.get(start..index).unwrap_or_default());
        }
        match role {
            CharacterRole::Space => space_since_content = true,
            // The LF of a CRLF pair ends the same line as its CR.
            CharacterRole::LineBreak if character == '\n' && previous_was_carriage_return => {}
            CharacterRole::LineBreak => {
                line_breaks_since_content = line_breaks_since_content.saturating_add(1)
            }
            CharacterRole::ParagraphBreak => {
                line_breaks_since_content = line_breaks_since_content.saturating_add(2)
            }
            CharacterRole::Content | CharacterRole::Invisible => {}
        }
        previous_was_carriage_return = character == '\r';
        index += length;
    }
    if let Some(start) = content_run_start {
        output.push_str(text.get(start..).unwrap_or_default());
    }
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cleaning pass as it was first written, a character at a time:
    /// what the byte-stepping pass must match.
    fn clean_one_character_at_a_time(text: &str) -> String {
        let mut output = String::with_capacity(text.len());
        let mut content_run_start: Option<usize> = None;
        let mut line_breaks_since_content = 0usize;
        let mut space_since_content = false;
        let mut previous_was_carriage_return = false;
        for (index, character) in text.char_indices() {
            let role = character_role(character);
            if role == CharacterRole::Content {
                if content_run_start.is_none() {
                    if !output.is_empty() {
                        match line_breaks_since_content {
                            0 if space_since_content => output.push(' '),
                            0 => {}
                            1 => output.push('\n'),
                            _ => output.push_str("\n\n"),
                        }
                    }
                    line_breaks_since_content = 0;
                    space_since_content = false;
                    content_run_start = Some(index);
                }
                previous_was_carriage_return = false;
                continue;
            }
            if let Some(start) = content_run_start.take() {
                output.push_str(text.get(start..index).unwrap_or_default());
            }
            match role {
                CharacterRole::Space => space_since_content = true,
                // The LF of a CRLF pair ends the same line as its CR.
                CharacterRole::LineBreak if character == '\n' && previous_was_carriage_return => {}
                CharacterRole::LineBreak => {
                    line_breaks_since_content = line_breaks_since_content.saturating_add(1)
                }
                CharacterRole::ParagraphBreak => {
                    line_breaks_since_content = line_breaks_since_content.saturating_add(2)
                }
                CharacterRole::Content | CharacterRole::Invisible => {}
            }
            previous_was_carriage_return = character == '\r';
        }
        if let Some(start) = content_run_start {
            output.push_str(text.get(start..).unwrap_or_default());
        }
        output
    }

    proptest::proptest! {
        #[test]
        fn stepping_over_ascii_cleans_as_one_character_at_a_time(
            text in "[ a-z~!\t\r\n\u{0}\u{7f}\u{b}\u{c}\u{85}\u{a0}\u{ad}\u{200b}\u{2028}\u{2029}\u{feff}\u{301}é“”😀]{0,80}",
        ) {
            proptest::prop_assert_eq!(
                clean_whitespace_and_invisible_characters(&text),
                clean_one_character_at_a_time(&text)
            );
        }
    }

    #[test]
    fn the_corpus_cleans_as_one_character_at_a_time() {
        let texts = crate::testing::corpus_texts();
        for (path, text) in &texts {
            assert_eq!(
                clean_whitespace_and_invisible_characters(text),
                clean_one_character_at_a_time(text),
                "{}",
                path.display()
            );
        }
        assert!(texts.len() > 10, "{} files", texts.len());
    }

    #[track_caller]
    fn check(input: &str, expected: &str) {
        assert_eq!(normalize(input), expected, "normalising {input:?}");
    }

    #[test]
    fn empty_and_blank_inputs_become_empty() {
        check("", "");
        check(" \t\n\r\n \u{00A0}\n", "");
        check("\u{200B}\u{FEFF}\u{00AD}", "");
    }

    #[test]
    fn clean_text_is_unchanged() {
        check(
            "Herzog visits Ankara\n\nJERUSALEM – Israel and Turkey met.",
            "Herzog visits Ankara\n\nJERUSALEM – Israel and Turkey met.",
        );
    }

    #[test]
    fn output_has_no_trailing_line_break() {
        check("One line.\n", "One line.");
        check("One line.\n\n\n", "One line.");
        check("One line.\r\n", "One line.");
    }

    #[test]
    fn unicode_is_composed_to_nfc() {
        check("Cafe\u{0301} society", "Café society");
        check("Erdog\u{0306}an", "Erdoğan");
        // Angstrom sign and Kelvin sign have canonical singleton
        // decompositions.
        check("\u{212B} and \u{212A}", "Å and K");
        check("Hangul \u{1100}\u{1161}", "Hangul \u{AC00}");
    }

    #[test]
    fn dropped_characters_do_not_block_composition() {
        check("Cafe\u{200B}\u{0301}", "Café");
    }

    #[test]
    fn line_breaks_become_line_feeds() {
        check("one\r\ntwo", "one\ntwo");
        check("one\rtwo", "one\ntwo");
        check("one\r\rtwo", "one\n\ntwo");
        check("one\n\rtwo", "one\n\ntwo");
        check("one\u{2028}two\u{0085}three", "one\ntwo\nthree");
        check("manual\u{000B}break", "manual\nbreak");
        check("page one\u{000C}page two", "page one\npage two");
        check("paragraph\u{2029}next", "paragraph\n\nnext");
    }

    #[test]
    fn control_characters_are_dropped_and_tab_becomes_space() {
        check("bell\u{0007}ed", "belled");
        check("nul\u{0000}led", "nulled");
        check("escape\u{001B}[0m", "escape[0m");
        check("c1\u{0080}\u{009F}control", "c1control");
        check("delete\u{007F}d", "deleted");
        check("name\tvalue", "name value");
        check("name\t\t value", "name value");
    }

    #[test]
    fn invisible_characters_are_dropped() {
        check("zero\u{200B}width", "zerowidth");
        check("word\u{2060}joiner", "wordjoiner");
        check(
            "\u{FEFF}byte order mark inside\u{FEFF} text",
            "byte order mark inside text",
        );
        check("news\u{00AD}paper", "newspaper");
    }

    #[test]
    fn joiners_and_direction_marks_are_kept() {
        check("می\u{200C}خواهم", "می\u{200C}خواهم");
        check(
            "family \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
            "family \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
        );
        check("\u{200F}שלום", "\u{200F}שלום");
    }

    #[test]
    fn unicode_spaces_become_plain_spaces() {
        check("10\u{00A0}km", "10 km");
        check("narrow\u{202F}space", "narrow space");
        check(
            "em\u{2003}space and thin\u{2009}space",
            "em space and thin space",
        );
        check("ideographic\u{3000}space", "ideographic space");
        check("ogham\u{1680}space", "ogham space");
    }

    #[test]
    fn spaces_collapse_within_a_line() {
        check("too   many    spaces", "too many spaces");
        check("mixed \u{00A0}\t\u{2009} spaces", "mixed spaces");
        check("soft\u{00AD} hyphen then space", "soft hyphen then space");
    }

    #[test]
    fn lines_are_trimmed() {
        check("   leading", "leading");
        check("trailing   ", "trailing");
        check("  both  \n  lines  ", "both\nlines");
        check("\u{00A0}nbsp at start\u{00A0}", "nbsp at start");
    }

    #[test]
    fn blank_line_runs_become_one_blank_line() {
        check("one\n\ntwo", "one\n\ntwo");
        check("one\n\n\n\ntwo", "one\n\ntwo");
        check("one\n  \n\t\n \u{00A0} \ntwo", "one\n\ntwo");
        check("one\r\n\r\n\r\n\r\ntwo", "one\n\ntwo");
        check("one\n\u{200B}\n\u{0007}\ntwo", "one\n\ntwo");
        check("one\u{2029}\u{2029}two", "one\n\ntwo");
    }

    #[test]
    fn leading_and_trailing_blank_lines_are_removed() {
        check("\n\n\ntitle\n\nbody\n\n\n", "title\n\nbody");
        check("\r\n  \r\ntitle", "title");
    }

    #[test]
    fn line_structure_is_kept() {
        check(
            "Title\nBy A. Writer\n\nFirst paragraph,\nwrapped.\n\nSecond.",
            "Title\nBy A. Writer\n\nFirst paragraph,\nwrapped.\n\nSecond.",
        );
    }

    #[test]
    fn typographic_quotes_are_kept() {
        check(
            "“Yes,” she said. ‘No,’ he said. «Oui», dit-il. „Ja“, sagte sie.",
            "“Yes,” she said. ‘No,’ he said. «Oui», dit-il. „Ja“, sagte sie.",
        );
    }
}
