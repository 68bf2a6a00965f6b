//! The plain-text format: a page scraped to text, or a clean news file.
//!
//! [`parse`] turns a normalised text into a title, metadata and a body, in
//! this order:
//!
//! 1. Every line is classified by [`crate::boilerplate`]: kept, or dropped as
//!    boilerplate with a reason. Author bios are mined for the author's name
//!    and outlet; a wire sign-off ("Reuter") names the outlet.
//! 2. The head of the file (the content lines before the first line of
//!    prose, at most [`MAX_HEAD_LINES`]) is searched for header lines
//!    ("Date: …", "Source: …"), bylines and a date line; these leave the
//!    body. Lines of a hard-wrapped paragraph are never metadata. The first
//!    remaining head line is the title if it looks like a headline (see
//!    [`metadata::is_headline`]) and either stands alone in its block or
//!    heads a block of whole sentences (see [`read_head`]); otherwise there
//!    is no title, and a warning says so. A title is never taken from a
//!    text that has nothing after it.
//! 3. The remaining lines form paragraphs. A block (lines between blank
//!    lines) is one paragraph whose lines are joined with a space, unless it
//!    is clearly one paragraph per line: every line but the last ends with
//!    sentence punctuation and no line starts with a lower-case letter.
//!    A bullet item ("•", "-", "*", "–", "·", "◦", "▪", "‣" and a space at
//!    the start of a line) always starts its own paragraph, and the bullet
//!    character is dropped: it is layout, not text. A line that ends with a
//!    hyphen and is followed by a lower-case line is joined without a space
//!    ("multi-" + "media" → "multi-media").
//! 4. Section headings are found among the paragraphs (see
//!    [`find_headings`]); they are reported in [`ParsedText::sections`] and
//!    are not part of the body.
//! 5. The body is the remaining paragraphs joined by one blank line; the
//!    dateline is read from its first paragraph and stays in it.

use crate::boilerplate::{self, BoilerplateReason, LineKind};
use crate::metadata::{self, HeaderLine};
use crate::{RepeatedLines, Section};

/// How many lines from the top of the file are searched for the title,
/// bylines, header lines and a date line.
const MAX_HEAD_LINES: usize = 12;

/// A paragraph with at least this many words is prose wherever it ends.
const PROSE_WORDS: usize = 20;

/// What the plain-text reader found in a normalised text.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParsedText {
    /// The headline, if the text opens with one.
    pub title: Option<String>,
    /// Authors from bylines, "Author:" lines and author bios, in that order.
    pub authors: Vec<String>,
    /// The outlet from a "Source:" line, a byline, a bio, the dateline's
    /// agency or a wire sign-off, in that order of preference.
    pub outlet: Option<String>,
    /// The place of the dateline that opens the body.
    pub dateline: Option<String>,
    /// The publication date the head of the file states, ISO 8601.
    pub published: Option<String>,
    /// Headed sections, as byte ranges of `body`.
    pub sections: Vec<Section>,
    /// The paragraphs, joined by one blank line.
    pub body: String,
    /// What was dropped or could not be found.
    pub warnings: Vec<String>,
}

/// One line of a text, trimmed, with the block (run of non-blank lines) it
/// belongs to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// The line without surrounding whitespace.
    pub text: &'a str,
    /// The index of the block; blank lines belong to no block and carry the
    /// index of the block before them.
    pub block: usize,
}

impl Line<'_> {
    /// Whether the line is empty after trimming.
    pub(crate) fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// The lines of `text`, trimmed, with block numbers.
pub(crate) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut block = 0;
    let mut previous_blank = true;
    for raw in text.split('\n') {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            previous_blank = true;
        } else {
            if previous_blank && !lines.is_empty() {
                block += 1;
            }
            previous_blank = false;
        }
        lines.push(Line {
            text: trimmed,
            block,
        });
    }
    // A text that ends with a line break has an empty last piece that is not
    // a line.
    if text.ends_with('\n') {
        lines.pop();
    }
    lines
}

/// The number of whitespace-separated words in `text`, counting at most to
/// `limit + 1` so that huge lines cost no more than short ones.
pub(crate) fn count_words_up_to(text: &str, limit: usize) -> usize {
    text.split_whitespace().take(limit + 1).count()
}

/// Whether `text` ends a sentence: its last character, after closing quotes
/// and brackets, is ".", "!", "?" or "…".
pub(crate) fn ends_with_terminal_punctuation(text: &str) -> bool {
    let stripped = text.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    stripped.ends_with(['.', '!', '?', '…'])
}

/// Words that do not end a headline or a date line's predecessor: a line
/// ending with one stops in the middle of a sentence.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "to", "of", "and", "or", "for", "with", "in", "on", "at", "by", "from",
    "that", "its", "his", "her", "their", "our", "is", "was", "are", "were", "be", "has", "have",
    "had", "will", "would", "said", "as", "it", "than", "but", "which", "who",
];

/// Whether `text` visibly stops in the middle of a sentence: it ends with a
/// comma, a hyphen or a function word ("… a 100", "… stock dividend in").
pub(crate) fn ends_mid_sentence(text: &str) -> bool {
    if text.ends_with([',', '-', '–', '(']) {
        return true;
    }
    let last = text.rsplit(char::is_whitespace).next().unwrap_or("");
    FUNCTION_WORDS.contains(&last.to_lowercase().as_str())
}

/// Whether `text` breaks off where no headline ends: after a comma, an
/// article, a conjunction or a preposition that cannot close a phrasal
/// verb ("Government tax revenues for the" starts a wrapped paragraph;
/// "Celebrities get their skates on" is a headline).
fn breaks_off(text: &str) -> bool {
    if text.ends_with([',', '-', '–', '(']) {
        return true;
    }
    let last = text
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        last.as_str(),
        "a" | "an"
            | "the"
            | "of"
            | "and"
            | "or"
            | "its"
            | "his"
            | "their"
            | "our"
            | "that"
            | "said"
            | "than"
            | "with"
            | "from"
    )
}

/// Whether `line` continues the sentence of `previous`, the line before it
/// in the same block: `previous` has no sentence punctuation at its end, and
/// `line` starts in lower case or `previous` stops mid-sentence ("…
/// proposed acquisition of" + "Home.").
pub(crate) fn continues_sentence(previous: &str, line: &str) -> bool {
    !ends_with_terminal_punctuation(previous)
        && (starts_lowercase(line) || ends_mid_sentence(previous))
}

/// Whether `text` starts with a lower-case letter.
pub(crate) fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// Whether `text` is real prose rather than a label, a headline or a menu:
/// at least [`PROSE_WORDS`] words, or a sentence of at least eight words.
pub(crate) fn is_prose(text: &str) -> bool {
    let words = count_words_up_to(text, PROSE_WORDS);
    words >= PROSE_WORDS || (words >= 8 && ends_with_terminal_punctuation(text))
}

/// The text of a bullet item without its bullet, if `line` is one.
pub(crate) fn bullet_text(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let bullet = chars.next()?;
    let rest = chars.as_str();
    match bullet {
        // These characters are bullets only before a space: "-5 degrees"
        // and "*nix" are text.
        '-' | '*' | '–' => rest.strip_prefix(' ').map(str::trim_start),
        '•' | '·' | '◦' | '▪' | '‣' => Some(rest.trim_start()),
        _ => None,
    }
    .filter(|text| !text.is_empty())
}

/// A paragraph of the body before headings are taken out.
#[derive(Debug, Clone)]
struct Paragraph {
    text: String,
    /// How many lines of the file it was made of.
    line_count: usize,
    /// Whether it was a bullet item.
    bullet: bool,
}

/// Reads a normalised text: see the module documentation.
pub(crate) fn parse(text: &str, repeated: Option<&RepeatedLines>) -> ParsedText {
    let lines = split_lines(text);
    let kinds = boilerplate::classify(&lines, repeated);
    let mut parsed = ParsedText::default();

    let Dropped {
        by_reason: removed_by_reason,
        bio,
        sign_off_outlet,
    } = mine_dropped_lines(&lines, &kinds);

    let content: Vec<usize> = (0..lines.len())
        .filter(|&index| kinds[index] == LineKind::Content)
        .collect();
    let head = read_head(&lines, &content);
    let mut published = None;
    let mut updated = None;
    let mut byline_outlet = None;
    let mut source_outlet = None;
    for item in &head.metadata {
        match item {
            HeadItem::Header(HeaderLine::Published(date)) => {
                published.get_or_insert_with(|| date.clone());
            }
            HeadItem::Header(HeaderLine::Updated(date)) => {
                updated.get_or_insert_with(|| date.clone());
            }
            HeadItem::Header(HeaderLine::Source(outlet)) => {
                source_outlet.get_or_insert_with(|| outlet.clone());
            }
            HeadItem::Header(HeaderLine::Authors(names)) => {
                push_authors(&mut parsed.authors, names)
            }
            HeadItem::Byline(byline) => {
                push_authors(&mut parsed.authors, &byline.authors);
                if let Some(outlet) = &byline.outlet {
                    byline_outlet.get_or_insert_with(|| outlet.clone());
                }
                if let Some(date) = &byline.published {
                    published.get_or_insert_with(|| date.clone());
                }
            }
            HeadItem::Date(date) => {
                published.get_or_insert_with(|| date.clone());
            }
        }
    }
    if let Some(bio) = &bio {
        push_authors(&mut parsed.authors, std::slice::from_ref(&bio.name));
    }
    parsed.title = head.title.map(|index| clean_title(lines[index].text));

    let body_lines: Vec<usize> = content
        .iter()
        .copied()
        .filter(|index| !head.consumed.contains(index))
        .collect();
    let paragraphs = build_paragraphs(&lines, &body_lines);
    let headings = find_headings(&paragraphs);
    let (body, sections) = assemble_body(&paragraphs, &headings);
    parsed.body = body;
    parsed.sections = sections;

    let first_body_paragraph = paragraphs
        .iter()
        .enumerate()
        .find(|(index, _)| headings.binary_search(index).is_err());
    let dateline =
        first_body_paragraph.and_then(|(_, paragraph)| metadata::parse_dateline(&paragraph.text));
    parsed.outlet = source_outlet
        .or(byline_outlet)
        .or_else(|| bio.as_ref().and_then(|bio| bio.outlet.clone()))
        .or_else(|| {
            dateline
                .as_ref()
                .and_then(|dateline| dateline.agency.clone())
        })
        .or(sign_off_outlet.map(str::to_owned));
    parsed.dateline = dateline.map(|dateline| dateline.place);
    parsed.published = published.or(updated);

    let removed: usize = removed_by_reason.iter().map(|(_, count)| count).sum();
    if removed > 0 {
        let details: Vec<String> = removed_by_reason
            .iter()
            .map(|(reason, count)| format!("{count} {}", reason.as_str()))
            .collect();
        let noun = if removed == 1 { "line" } else { "lines" };
        parsed.warnings.push(format!(
            "removed {removed} boilerplate {noun} ({})",
            details.join(", ")
        ));
    }
    let had_text = lines.iter().any(|line| !line.is_blank());
    if had_text && parsed.body.is_empty() {
        parsed
            .warnings
            .push("no body text left after removing boilerplate and metadata lines".to_owned());
    } else if parsed.title.is_none() && !parsed.body.is_empty() {
        parsed
            .warnings
            .push("no title found: the text does not open with a headline-like line".to_owned());
    }
    parsed
}

/// What the dropped lines of a text tell.
#[derive(Debug, Default)]
struct Dropped {
    /// How many lines were dropped for each reason, in order of first
    /// occurrence.
    by_reason: Vec<(BoilerplateReason, usize)>,
    /// The author named by the first author bio that parses.
    bio: Option<metadata::Bio>,
    /// The outlet named by a wire sign-off.
    sign_off_outlet: Option<&'static str>,
}

/// Counts the dropped lines and mines author bios and sign-offs. Bio lines
/// are parsed one block at a time: the heading ("About The Author") does
/// not parse, the paragraph after it does.
fn mine_dropped_lines(lines: &[Line<'_>], kinds: &[LineKind]) -> Dropped {
    /// Bios are parsed from at most this many bytes of their block.
    const MAX_BIO_BYTES: usize = 600;
    let mut dropped = Dropped::default();
    let mut bio_text = String::new();
    let mut bio_block = None;
    for (line, kind) in lines.iter().zip(kinds) {
        let LineKind::Boilerplate(reason) = *kind else {
            continue;
        };
        match dropped
            .by_reason
            .iter_mut()
            .find(|(known, _)| *known == reason)
        {
            Some((_, count)) => *count += 1,
            None => dropped.by_reason.push((reason, 1)),
        }
        match reason {
            BoilerplateReason::AuthorBio if dropped.bio.is_none() => {
                if bio_block != Some(line.block) {
                    dropped.bio = metadata::parse_bio(&bio_text);
                    bio_text.clear();
                    bio_block = Some(line.block);
                }
                if bio_text.len() < MAX_BIO_BYTES {
                    if !bio_text.is_empty() {
                        bio_text.push(' ');
                    }
                    bio_text.push_str(metadata::prefix_within(line.text, MAX_BIO_BYTES));
                }
            }
            BoilerplateReason::WireSignOff => {
                dropped.sign_off_outlet = dropped
                    .sign_off_outlet
                    .or(metadata::sign_off_outlet(line.text));
            }
            _ => {}
        }
    }
    if dropped.bio.is_none() {
        dropped.bio = metadata::parse_bio(&bio_text);
    }
    dropped
}

/// Appends the names not yet in `authors`.
fn push_authors(authors: &mut Vec<String>, names: &[String]) {
    for name in names {
        if !authors.contains(name) {
            authors.push(name.clone());
        }
    }
}

/// A headline without the separators scrapers leave at its end
/// ("Sanders advances agenda via side doors;").
fn clean_title(line: &str) -> String {
    line.trim_end_matches([';', ',', '|']).trim_end().to_owned()
}

/// One piece of metadata found in the head of a file.
#[derive(Debug)]
enum HeadItem {
    Header(HeaderLine),
    Byline(metadata::Byline),
    Date(String),
}

/// What the head of a file holds.
#[derive(Debug, Default)]
struct Head {
    /// The line index of the title.
    title: Option<usize>,
    /// Metadata found, in file order.
    metadata: Vec<HeadItem>,
    /// Line indices that are metadata and leave the body (the title too).
    consumed: Vec<usize>,
}

/// Finds the title and the metadata lines among the first content lines.
///
/// The head ends at the first line of prose other than the first content
/// line (which may be a long headline that ends with a full stop), or after
/// [`MAX_HEAD_LINES`] content lines. A line that continues the sentence of
/// the line before it is never metadata.
fn read_head(lines: &[Line<'_>], content: &[usize]) -> Head {
    let mut head = Head::default();
    // Lines of a hard-wrapped paragraph are never metadata, even when one
    // of them happens to be "Feb 26, 1992." on its own.
    let mut wrapped_blocks = Vec::new();
    for (position, &index) in content.iter().enumerate().take(MAX_HEAD_LINES) {
        let previous = position.checked_sub(1).map(|before| content[before]);
        let continues = previous.is_some_and(|before| {
            lines[before].block == lines[index].block
                && continues_sentence(lines[before].text, lines[index].text)
        });
        if continues {
            wrapped_blocks.push(lines[index].block);
        }
    }
    let mut head_lines = Vec::new();
    for (position, &index) in content.iter().enumerate().take(MAX_HEAD_LINES) {
        let text = lines[index].text;
        if is_prose(text) && (position > 0 || !metadata::is_headline(text)) {
            break;
        }
        head_lines.push(index);
    }
    for (position, &index) in head_lines.iter().enumerate() {
        let line = lines[index].text;
        if wrapped_blocks.contains(&lines[index].block) {
            continue;
        }
        let item = if let Some(header) = metadata::parse_header(line) {
            HeadItem::Header(header)
        } else if let Some(byline) = metadata::parse_byline(line) {
            HeadItem::Byline(byline)
        } else if let Some(date) = metadata::parse_date(line) {
            // A date that ends a sentence broken over lines ("… dividend
            // in" + "December 1986.") is not a date line: it follows a line
            // of its block that stops mid-sentence, or ends with a full
            // stop while sharing its block.
            let previous = position.checked_sub(1).map(|before| head_lines[before]);
            let shares_block = previous
                .is_some_and(|before| lines[before].block == lines[index].block)
                || head_lines
                    .get(position + 1)
                    .is_some_and(|&after| lines[after].block == lines[index].block);
            let after_broken_sentence = previous.is_some_and(|before| {
                lines[before].block == lines[index].block && ends_mid_sentence(lines[before].text)
            });
            if after_broken_sentence || (shares_block && line.ends_with('.')) {
                continue;
            }
            HeadItem::Date(date)
        } else {
            continue;
        };
        head.metadata.push(item);
        head.consumed.push(index);
    }
    // The title is the first head line that is not metadata, if it looks like
    // a headline and either has its block to itself or opens a block whose
    // other lines are whole sentences ("Headline;" over a one-line summary,
    // or over the first paragraph of a page scraped without blank lines). A
    // line that opens a hard-wrapped paragraph is not a title.
    let first_remaining = head_lines
        .iter()
        .copied()
        .find(|index| !head.consumed.contains(index));
    if let Some(index) = first_remaining {
        let block = lines[index].block;
        let rest_of_block: Vec<usize> = content
            .iter()
            .copied()
            .filter(|&other| {
                other > index && lines[other].block == block && !head.consumed.contains(&other)
            })
            .collect();
        // Hard-wrapped text (wire copy, at most about 80 columns) can have
        // a short first line followed by one sentence; a title over a
        // summary ends with a separator (";" or "|"), and a title over a
        // paragraph of a page scraped without blank lines sits over a line
        // longer than any wrap width.
        let title_text = lines[index].text;
        let summary_like = title_text.ends_with([';', '|'])
            || rest_of_block
                .iter()
                .any(|&other| lines[other].text.chars().count() > 100);
        let alone = rest_of_block.is_empty()
            || (!wrapped_blocks.contains(&block)
                && summary_like
                && !ends_mid_sentence(title_text)
                && rest_of_block
                    .iter()
                    .all(|&other| ends_with_terminal_punctuation(lines[other].text)));
        // A text that is one short paragraph has no title: the paragraph is
        // the text.
        let text_follows = content
            .iter()
            .any(|&other| other > index && !head.consumed.contains(&other));
        if alone
            && text_follows
            && metadata::is_headline(lines[index].text)
            && !breaks_off(lines[index].text)
            && bullet_text(lines[index].text).is_none()
        {
            head.title = Some(index);
            head.consumed.push(index);
        }
    }
    head
}

/// Groups the body lines (indices into `lines`) into paragraphs.
fn build_paragraphs(lines: &[Line<'_>], body_lines: &[usize]) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    while start < body_lines.len() {
        let block = lines[body_lines[start]].block;
        let mut end = start + 1;
        while end < body_lines.len() && lines[body_lines[end]].block == block {
            end += 1;
        }
        let block_lines: Vec<&str> = body_lines[start..end]
            .iter()
            .map(|&index| lines[index].text)
            .collect();
        paragraphs_of_block(&block_lines, &mut paragraphs);
        start = end;
    }
    paragraphs
}

/// Whether the lines of a block are one paragraph each: every pair of
/// neighbouring lines (bullets aside) shows a sentence ending and a new
/// start.
fn is_one_paragraph_per_line(block: &[&str]) -> bool {
    let mut pairs = 0;
    for pair in block.windows(2) {
        if bullet_text(pair[1]).is_some() {
            continue;
        }
        pairs += 1;
        if !ends_with_terminal_punctuation(pair[0]) || starts_lowercase(pair[1]) {
            return false;
        }
    }
    pairs > 0
}

/// Appends the paragraphs of one block.
fn paragraphs_of_block(block: &[&str], paragraphs: &mut Vec<Paragraph>) {
    let one_per_line = is_one_paragraph_per_line(block);
    let mut current: Option<Paragraph> = None;
    for line in block {
        if let Some(item) = bullet_text(line) {
            paragraphs.extend(current.take());
            current = Some(Paragraph {
                text: item.to_owned(),
                line_count: 1,
                bullet: true,
            });
            continue;
        }
        match current.as_mut() {
            Some(paragraph) if !one_per_line => {
                // A hyphen at the end of a hard-wrapped line before a
                // lower-case continuation joins a word, not two words.
                let hyphenated = paragraph.text.ends_with('-')
                    && paragraph
                        .text
                        .chars()
                        .rev()
                        .nth(1)
                        .is_some_and(char::is_alphabetic)
                    && starts_lowercase(line);
                if !hyphenated {
                    paragraph.text.push(' ');
                }
                paragraph.text.push_str(line);
                paragraph.line_count += 1;
            }
            _ => {
                paragraphs.extend(current.take());
                current = Some(Paragraph {
                    text: (*line).to_owned(),
                    line_count: 1,
                    bullet: false,
                });
            }
        }
    }
    paragraphs.extend(current);
}

/// Whether `paragraph` is real prose that a heading can stand over: prose
/// made mostly of words, not a run of figures.
fn is_prose_paragraph(paragraph: &Paragraph) -> bool {
    if !is_prose(&paragraph.text) {
        return false;
    }
    let (mut words, mut figures) = (0usize, 0usize);
    for token in paragraph.text.split_whitespace().take(40) {
        words += 1;
        figures += usize::from(token.bytes().any(|b| b.is_ascii_digit()));
    }
    figures * 4 <= words
}

/// Whether `paragraph` has the shape of a heading: one line of its own, not
/// a bullet, heading-shaped (see [`metadata::is_heading_candidate`]).
fn is_heading_shaped(paragraph: &Paragraph) -> bool {
    paragraph.line_count == 1
        && !paragraph.bullet
        && metadata::is_heading_candidate(&paragraph.text)
}

/// The indices of the paragraphs that are section headings.
///
/// A heading-shaped paragraph is a heading when the paragraph after it is
/// prose, or is itself heading-shaped and followed by prose (a parent
/// heading such as "The Spin" over "Narrative A"); three or more
/// heading-shaped paragraphs in a row are a list and none of them is a
/// heading. A text needs at least two
/// such headings to have sections at all: a lone short line between
/// paragraphs is more often a caption, a pull quote or a fixture detail than
/// the start of a section, and real sectioned articles have several.
fn find_headings(paragraphs: &[Paragraph]) -> Vec<usize> {
    let mut shaped: Vec<bool> = paragraphs.iter().map(is_heading_shaped).collect();
    // Three or more heading-shaped paragraphs in a row are a list (award
    // winners, match details), not headings.
    let mut run_start = 0;
    for index in 0..=shaped.len() {
        if index < shaped.len() && shaped[index] {
            continue;
        }
        if index - run_start >= 3 {
            shaped[run_start..index]
                .iter_mut()
                .for_each(|shape| *shape = false);
        }
        run_start = index + 1;
    }
    let prose: Vec<bool> = paragraphs.iter().map(is_prose_paragraph).collect();
    let headings: Vec<usize> = (0..paragraphs.len())
        .filter(|&index| {
            shaped[index]
                && (prose.get(index + 1) == Some(&true)
                    || (shaped.get(index + 1) == Some(&true)
                        && prose.get(index + 2) == Some(&true)))
        })
        .collect();
    if headings.len() >= 2 {
        headings
    } else {
        Vec::new()
    }
}

/// Joins the non-heading paragraphs into the body and computes the sections.
///
/// A section's range runs from the start of the first paragraph after its
/// heading to the end of the last paragraph before the next heading. A
/// heading that is directly followed by another heading ("The Spin" before
/// "Narrative A") has no text of its own; it is taken as the parent of the
/// headings that follow, and its range spans their text, up to the next
/// such parent heading or the end of the body. Ranges of parents therefore
/// contain the ranges of their children.
fn assemble_body(paragraphs: &[Paragraph], headings: &[usize]) -> (String, Vec<Section>) {
    let total: usize = paragraphs
        .iter()
        .map(|paragraph| paragraph.text.len() + 2)
        .sum();
    let mut body = String::with_capacity(total);
    // Byte range of each paragraph in the body; headings get none.
    let mut ranges: Vec<Option<(usize, usize)>> = Vec::with_capacity(paragraphs.len());
    let mut is_heading = vec![false; paragraphs.len()];
    for &heading in headings {
        is_heading[heading] = true;
    }
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if is_heading[index] {
            ranges.push(None);
            continue;
        }
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        body.push_str(&paragraph.text);
        ranges.push(Some((start, body.len())));
    }
    let is_parent = |position: usize| {
        headings
            .get(position + 1)
            .is_some_and(|next| *next == headings[position] + 1)
    };
    let mut sections = Vec::with_capacity(headings.len());
    for (position, &heading) in headings.iter().enumerate() {
        let end_paragraph = if is_parent(position) {
            (position + 1..headings.len())
                .find(|&later| is_parent(later))
                .map_or(paragraphs.len(), |later| headings[later])
        } else {
            headings
                .get(position + 1)
                .copied()
                .unwrap_or(paragraphs.len())
        };
        let covered: Vec<(usize, usize)> = ranges
            .get(heading + 1..end_paragraph)
            .unwrap_or(&[])
            .iter()
            .flatten()
            .copied()
            .collect();
        let (start, end) = match (covered.first(), covered.last()) {
            (Some(first), Some(last)) => (first.0, last.1),
            _ => (body.len(), body.len()),
        };
        sections.push(Section {
            heading: paragraphs[heading].text.clone(),
            start,
            end,
        });
    }
    (body, sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<String> {
        let parsed = parse(text, None);
        parsed.body.split("\n\n").map(str::to_owned).collect()
    }

    fn check_paragraphs(input: &str, expected: &[&str]) {
        assert_eq!(paragraphs(input), expected, "paragraphs of {input:?}");
    }

    #[test]
    fn hard_wrapped_blocks_are_joined() {
        check_paragraphs(
            "Headline here\n\nThe board said figures show\ncrop registrations of grains to\nFebruary 11, in thousands of tonnes.\n",
            &[
                "The board said figures show crop registrations of grains to February 11, in thousands of tonnes.",
            ],
        );
        check_paragraphs(
            "Headline here\n\nShe is a multi-\nmedia journalist, they said.\n",
            &["She is a multi-media journalist, they said."],
        );
    }

    #[test]
    fn one_paragraph_per_line_blocks_are_split() {
        check_paragraphs(
            "Headline here\n\nThe first paragraph is a whole sentence.\nThe second one is another sentence.\nAnd a third.\n",
            &[
                "The first paragraph is a whole sentence.",
                "The second one is another sentence.",
                "And a third.",
            ],
        );
        // A lower-case start means the line continues the sentence before it.
        check_paragraphs(
            "Headline here\n\nThe talks ended on Monday.\nthat is what they said.\n",
            &["The talks ended on Monday. that is what they said."],
        );
    }

    #[test]
    fn bullets_become_paragraphs_without_the_bullet() {
        check_paragraphs(
            "Headline here\n\nThe plan has three parts:\n- a freeze on petrol duty\n- lower corporate taxes\n• a package for sugar\n* more money for schools\n",
            &[
                "The plan has three parts:",
                "a freeze on petrol duty",
                "lower corporate taxes",
                "a package for sugar",
                "more money for schools",
            ],
        );
        check_paragraphs(
            "Headline here\n\n-5 degrees was the low.\n",
            &["-5 degrees was the low."],
        );
    }

    #[test]
    fn title_must_stand_alone_and_look_like_a_headline() {
        let parsed = parse(
            "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76%.\n",
            None,
        );
        assert_eq!(
            parsed.title.as_deref(),
            Some("Ad sales boost Time Warner profit")
        );
        assert!(!parsed.body.contains("Ad sales boost"));
        assert!(
            parsed.sections.is_empty(),
            "a headline is a title, not a section"
        );

        let long_first = "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December, from $639m year-earlier.";
        let parsed = parse(long_first, None);
        assert_eq!(parsed.title, None);
        assert_eq!(parsed.body, long_first);
        assert!(
            parsed
                .warnings
                .iter()
                .any(|warning| warning.starts_with("no title"))
        );

        let with_summary = "Jobs report gives Democrats a lift;\nA solid upturn could blunt Republican claims.\n\nThe jobs report cheered Democrats.\n";
        let parsed = parse(with_summary, None);
        assert_eq!(
            parsed.title.as_deref(),
            Some("Jobs report gives Democrats a lift")
        );
        assert!(
            parsed
                .body
                .starts_with("A solid upturn could blunt Republican claims.\n\nThe jobs")
        );

        let wrapped_date = "Parlux said it\ncompleted the offering of units at 10 dlrs each\nbetween Feb 26, 1988 and\nFeb 26, 1992.\n";
        let parsed = parse(wrapped_date, None);
        assert_eq!(parsed.published, None);
        assert!(parsed.body.ends_with("and Feb 26, 1992."));

        let note = "Shr 20 cts vs 15 cts\n\nNOTE: Share adjusted for five pct stock dividend in\nDecember 1986.\n";
        assert_eq!(parse(note, None).published, None);
        let short_wrap = "Uganda plans to export roasted coffee to\nEgypt and Libya this year, officials said.\n";
        assert_eq!(parse(short_wrap, None).title, None);
        let scraped = format!(
            "Ford posts unexpected profits\n{}\n",
            "Ford said on Monday it made money. ".repeat(4).trim_end()
        );
        assert_eq!(
            parse(&scraped, None).title.as_deref(),
            Some("Ford posts unexpected profits")
        );

        let glued = "Argentine grain board figures show\ncrop registrations of grains, oilseeds and their products to\nFebruary 11.\n";
        let parsed = parse(glued, None);
        assert_eq!(parsed.title, None);
        assert!(
            parsed
                .body
                .starts_with("Argentine grain board figures show crop")
        );
    }

    #[test]
    fn head_metadata_leaves_the_body() {
        let parsed = parse(
            "Skip to main content\n\nFord posts unexpected profits\n\nBy JANE DOE, Reuters\nNovember 3, 2009\n\nDETROIT (Reuters) - Ford said on Monday it made money.\n\nMay 2009 was hot.\n",
            None,
        );
        assert_eq!(
            parsed.title.as_deref(),
            Some("Ford posts unexpected profits")
        );
        assert_eq!(parsed.authors, ["Jane Doe"]);
        assert_eq!(parsed.outlet.as_deref(), Some("Reuters"));
        assert_eq!(parsed.published.as_deref(), Some("2009-11-03"));
        assert_eq!(parsed.dateline.as_deref(), Some("DETROIT"));
        assert_eq!(
            parsed.body,
            "DETROIT (Reuters) - Ford said on Monday it made money.\n\nMay 2009 was hot."
        );
    }

    #[test]
    fn header_lines_give_date_source_and_authors() {
        let parsed = parse(
            "Date: 2022-03-09\nSource: Jerusalem Post\nAuthor: Jane Doe\n\nIsrael and Turkey mend ties\n\nThe two countries said they would restore ambassadors soon.\n",
            None,
        );
        assert_eq!(parsed.published.as_deref(), Some("2022-03-09"));
        assert_eq!(parsed.outlet.as_deref(), Some("Jerusalem Post"));
        assert_eq!(parsed.authors, ["Jane Doe"]);
        assert_eq!(parsed.title.as_deref(), Some("Israel and Turkey mend ties"));
        assert_eq!(
            parsed.body,
            "The two countries said they would restore ambassadors soon."
        );
    }

    #[test]
    fn dates_in_the_body_are_not_publication_dates() {
        let text = format!(
            "A headline about ties\n\n{}\n\nNovember 3, 2009\n",
            "The first paragraph is long enough to be prose and it ends the head of the file."
        );
        assert_eq!(parse(&text, None).published, None);
    }

    /// Checks the sections of `input`: (heading, first words of its range).
    fn check_sections(input: &str, expected: &[(&str, &str)]) {
        let parsed = parse(input, None);
        let found: Vec<(&str, &str)> = parsed
            .sections
            .iter()
            .map(|section| {
                assert!(
                    parsed.body.is_char_boundary(section.start)
                        && parsed.body.is_char_boundary(section.end)
                );
                let text = &parsed.body[section.start..section.end];
                (
                    section.heading.as_str(),
                    text.split(' ').next().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(found, expected, "sections of {input:?}");
        for (heading, _) in expected {
            assert!(
                !parsed.body.contains(&format!("{heading}\n")),
                "heading {heading:?} left in the body"
            );
        }
    }

    const PROSE: &str = "This sentence is long enough to count as a real paragraph of prose.";

    #[test]
    fn sections_need_two_headings_followed_by_prose() {
        check_sections(
            &format!(
                "Title of the piece\n\nFirst part\n\nAlpha {PROSE}\n\nSecond part\n\nBeta {PROSE}\n"
            ),
            &[("First part", "Alpha"), ("Second part", "Beta")],
        );
        // Three heading-shaped lines in a row are a list.
        check_sections(
            &format!(
                "Title of the piece\n\n{PROSE}\n\nBest Film - Alpha\n\nBest Drama - Beta\n\nBest Song - Gamma\n\n{PROSE}\n\nLast Part\n\n{PROSE}\n"
            ),
            &[],
        );
        // One heading-shaped line alone is not a section.
        check_sections(
            &format!("Title of the piece\n\n{PROSE}\n\nWORLD OF WARCRAFT\n\n{PROSE}\n"),
            &[],
        );
        // A short line followed by another short line is not a heading.
        check_sections(
            &format!(
                "Blackburn v Burnley\n\nEwood Park\n\nTuesday, 1 March\n\n2000 GMT\n\n{PROSE}\n\nHoward Webb\n\nhome to Leicester\n\n{PROSE}\n"
            ),
            &[],
        );
    }

    #[test]
    fn parent_headings_span_their_children() {
        let parsed = parse(
            &format!(
                "Title of the piece\n\nFacts\n\nAlpha {PROSE}\n\nSpin\n\nLeft\n\nBeta {PROSE}\n\nRight\n\nGamma {PROSE}\n"
            ),
            None,
        );
        let spans: Vec<(&str, &str)> = parsed
            .sections
            .iter()
            .map(|section| {
                (
                    section.heading.as_str(),
                    &parsed.body[section.start..section.end],
                )
            })
            .collect();
        assert_eq!(spans.len(), 4);
        assert_eq!(spans[0], ("Facts", format!("Alpha {PROSE}").as_str()));
        assert_eq!(
            spans[1],
            ("Spin", format!("Beta {PROSE}\n\nGamma {PROSE}").as_str())
        );
        assert_eq!(spans[2], ("Left", format!("Beta {PROSE}").as_str()));
        assert_eq!(spans[3], ("Right", format!("Gamma {PROSE}").as_str()));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let huge_line = "word ".repeat(200_000);
        let huge_multibyte = "é".repeat(1_000_000);
        for input in [
            "",
            "\n",
            "\n\n\n",
            "One line",
            "Share This article",
            "Skip to main content\n\nShare This article\n\nAdvertisement\n",
            "About The Author\n\n",
            "•",
            "- ",
            "By",
            "Date:",
            huge_line.as_str(),
            huge_multibyte.as_str(),
            "\r\n\r\nTitle\r\n\r\nA body line.\r\n",
        ] {
            let parsed = parse(input, None);
            for section in &parsed.sections {
                assert!(section.start <= section.end && section.end <= parsed.body.len());
            }
        }
        assert!(
            parse("Skip to main content\n\nShare This article\n", None)
                .warnings
                .iter()
                .any(|warning| warning.starts_with("no body text"))
        );
    }
}
