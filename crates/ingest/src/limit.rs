//! The article length limit: text beyond it is cut off before the
//! extractors run, so that a file of one endless line costs no more than
//! an article of the limit's size.

use crate::Article;

/// Where a text was cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Boundary {
    Paragraph,
    Line,
    Word,
    Character,
}

impl Boundary {
    fn as_str(self) -> &'static str {
        match self {
            Boundary::Paragraph => "the end of a paragraph",
            Boundary::Line => "the end of a line",
            Boundary::Word => "the end of a word",
            Boundary::Character => "a character boundary",
        }
    }
}

/// A cut made to a text that was over the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cut {
    /// How long the text was.
    pub(crate) from: usize,
    /// How much of it is kept.
    pub(crate) to: usize,
    pub(crate) at: Boundary,
}

/// Where to cut `text` so that at most `max` bytes are kept, or `None` when
/// it is not longer than that.
///
/// The cut falls on the last paragraph end (a blank line) within the last
/// quarter of what can be kept, else on the last line end there, else on
/// the last space, else on the last character boundary.
pub(crate) fn cut_point(text: &str, max: usize) -> Option<Cut> {
    if text.len() <= max {
        return None;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut window_start = end - end / 4;
    while !text.is_char_boundary(window_start) {
        window_start += 1;
    }
    let window = &text[window_start..end];
    let found = |position: Option<usize>, at: Boundary| {
        position.map(|position| Cut {
            from: text.len(),
            to: window_start + position,
            at,
        })
    };
    found(window.rfind("\n\n"), Boundary::Paragraph)
        .or_else(|| found(window.rfind('\n'), Boundary::Line))
        .or_else(|| found(window.rfind(' '), Boundary::Word))
        .or(Some(Cut {
            from: text.len(),
            to: end,
            at: Boundary::Character,
        }))
}

/// The warning that says an article was cut.
pub(crate) fn warning(cut: Cut, max: usize) -> String {
    format!(
        "text cut at {} to stay within the limit of {max} bytes per article: {} bytes of text, {} kept",
        cut.at.as_str(),
        cut.from,
        cut.to
    )
}

/// Cuts `text` at `cut.to`, dropping the whitespace left at its end.
pub(crate) fn apply(text: &mut String, cut: Cut) {
    text.truncate(cut.to);
    let kept = text.trim_end().len();
    text.truncate(kept);
}

/// Cuts an article's text to at most `max` bytes and keeps every offset it
/// holds inside what is left: sections are shortened or dropped, and
/// mentions, dates and quotes past the cut are dropped. `earlier` is a cut
/// already made to the file's text before it was parsed, reported in the
/// same single warning.
pub(crate) fn limit_article(article: &mut Article, max: usize, earlier: Option<Cut>) {
    let cut = cut_point(&article.text, max);
    if let Some(cut) = cut {
        apply(&mut article.text, cut);
    }
    let Some(reported) = earlier.or(cut) else {
        return;
    };
    let reported = Cut {
        to: article.text.len(),
        ..reported
    };
    article.warnings.push(warning(reported, max));
    let length = article.text.len();
    article.sections.retain(|section| section.start < length);
    for section in &mut article.sections {
        section.end = section.end.min(length);
    }
    for entity in &mut article.entities {
        entity.mentions.retain(|&[_, end]| end <= length);
    }
    article.dates.retain(|date| date.end <= length);
    article.quotes.retain(|quote| quote.end <= length);
    for quote in &mut article.quotes {
        if quote.speaker_mention.is_some_and(|[_, end]| end > length) {
            quote.speaker_mention = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn kept(text: &str, max: usize) -> (String, Option<Boundary>) {
        match cut_point(text, max) {
            None => (text.to_owned(), None),
            Some(cut) => {
                let mut text = text.to_owned();
                apply(&mut text, cut);
                assert!(text.len() <= max);
                (text, Some(cut.at))
            }
        }
    }

    #[test]
    fn text_within_the_limit_is_not_cut() {
        assert_eq!(kept("short", 5), ("short".to_owned(), None));
        assert_eq!(kept("", 0), (String::new(), None));
    }

    #[test]
    fn cuts_prefer_paragraphs_then_lines_then_words() {
        let text = "First paragraph.\n\nSecond one\nwith two lines and more words";
        assert_eq!(
            kept(text, 20),
            ("First paragraph.".to_owned(), Some(Boundary::Paragraph))
        );
        assert_eq!(
            kept(text, 35),
            (
                "First paragraph.\n\nSecond one".to_owned(),
                Some(Boundary::Line)
            )
        );
        assert_eq!(
            kept(text, 50),
            (
                "First paragraph.\n\nSecond one\nwith two lines and".to_owned(),
                Some(Boundary::Word)
            )
        );
    }

    #[test]
    fn a_boundary_far_back_is_not_used() {
        // The only space is in the first quarter: the cut falls mid-word.
        let text = format!("ab {}", "c".repeat(100));
        let (text, at) = kept(&text, 40);
        assert_eq!(at, Some(Boundary::Character));
        assert_eq!(text.len(), 40);
    }

    #[test]
    fn cuts_fall_on_character_boundaries() {
        let text = "é".repeat(50);
        for max in 0..text.len() {
            let (kept, _) = kept(&text, max);
            assert!(kept.len() <= max && kept.len() + 1 >= max, "{max}");
            assert!(kept.chars().all(|character| character == 'é'));
        }
    }
}
