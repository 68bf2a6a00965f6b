//! What the structured formats have in common: one record per article with
//! named fields, turned into an [`Article`].
//!
//! JSON objects, CSV rows, Reuters records, TimeML documents and feed items
//! all name their title, body, date and authors; this module maps their
//! field names to roles, shapes bodies into paragraphs, and reads dates.

use crate::article::{Article, Entity, Format, Section};
use crate::language::language_of;
use crate::normalize::normalize;
use crate::{IngestOptions, Source, article_id};

/// The start of the warning that explains why a file gave no article: the
/// indexer reports it as the reason the file failed.
pub const NO_ARTICLES: &str = "no articles: ";

/// The start of the warning that says a file was recognised as something
/// other than news, such as a table that lists the files of a corpus with
/// their metadata: it gives no article, and that is not a failure.
pub const NOT_NEWS: &str = "not news: ";

/// One article read from a structured file, before it becomes an [`Article`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Record {
    /// Names the record within a multi-article file (Reuters NEWID, a JSON
    /// `id` or line number, a CSV row); `None` for a file of one article.
    pub key: Option<String>,
    pub title: Option<String>,
    /// Paragraphs separated by one blank line, normalised.
    pub body: String,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub topics: Vec<String>,
    /// The language the record declares, if any.
    pub declared_language: Option<String>,
    pub sections: Vec<Section>,
    pub entities: Vec<Entity>,
    pub warnings: Vec<String>,
}

/// The parts of an [`Article`] that every record of a file shares.
pub(crate) struct FileContext<'a> {
    pub source: &'a Source<'a>,
    pub options: &'a IngestOptions,
    pub format: Format,
    pub encoding: &'a str,
}

impl Record {
    /// The article this record describes.
    pub(crate) fn into_article(self, context: &FileContext<'_>) -> Article {
        let published = match &context.options.published {
            Some(date) => Some(date.clone()),
            None => self.published,
        };
        let language = language_of(
            self.title.as_deref(),
            &self.body,
            self.declared_language.as_deref(),
        );
        Article {
            id: article_id(context.source.id_key, self.key.as_deref()),
            path: context.source.path.to_owned(),
            format: context.format,
            encoding: context.encoding.to_owned(),
            title: self.title,
            authors: self.authors,
            outlet: self.outlet,
            dateline: self.dateline,
            published,
            sections: self.sections,
            text: self.body,
            entities: self.entities,
            dates: Vec::new(),
            quotes: Vec::new(),
            warnings: self.warnings,
            language,
            url: self.url,
            topics: self.topics,
        }
    }
}

/// The article that stands for a file with no article in it: no text, and
/// a warning starting with [`NO_ARTICLES`] that says why.
pub(crate) fn no_articles(
    context: &FileContext<'_>,
    reason: &str,
    mut warnings: Vec<String>,
) -> Article {
    warnings.push(format!("{NO_ARTICLES}{reason}"));
    Record {
        warnings,
        ..Record::default()
    }
    .into_article(context)
}

/// The article that stands for a file that is not news: no text, and a
/// warning starting with [`NOT_NEWS`] that says what it is.
pub(crate) fn not_news(
    context: &FileContext<'_>,
    what: &str,
    mut warnings: Vec<String>,
) -> Article {
    warnings.push(format!("{NOT_NEWS}{what}"));
    Record {
        warnings,
        ..Record::default()
    }
    .into_article(context)
}

/// Puts the warnings that concern a whole file on its first article, or on
/// an article that says the file held none.
pub(crate) fn finish_file(
    context: &FileContext<'_>,
    mut articles: Vec<Article>,
    file_warnings: Vec<String>,
    none_reason: impl FnOnce() -> String,
) -> Vec<Article> {
    match articles.first_mut() {
        Some(first) => {
            let mut warnings = file_warnings;
            warnings.append(&mut first.warnings);
            first.warnings = warnings;
            articles
        }
        None => vec![no_articles(context, &none_reason(), file_warnings)],
    }
}

/// At most this many warnings about single records are kept per file; the
/// rest are counted.
pub(crate) const MAX_RECORD_WARNINGS: usize = 20;

/// Collects warnings about the records of one file, keeping the first few.
#[derive(Debug, Default)]
pub(crate) struct RecordWarnings {
    kept: Vec<String>,
    dropped: usize,
}

impl RecordWarnings {
    pub(crate) fn push(&mut self, warning: String) {
        if self.kept.len() < MAX_RECORD_WARNINGS {
            self.kept.push(warning);
        } else {
            self.dropped += 1;
        }
    }

    pub(crate) fn into_vec(mut self) -> Vec<String> {
        if self.dropped > 0 {
            self.kept
                .push(format!("{} more warnings like these", self.dropped));
        }
        self.kept
    }
}

/// What a named field of a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Title,
    /// The body; a lower rank wins when a record has several body fields.
    Body(u8),
    /// A summary, used as the body only when there is no body.
    Summary,
    Published,
    Authors,
    Outlet,
    Url,
    Key,
    Topics,
    Language,
    Dateline,
}

/// The role of a field from its name, whatever its case and punctuation:
/// `maintext`, `date_publish`, `Class Index`, `articleBody`.
pub(crate) fn role_of(name: &str) -> Option<Role> {
    let key: String = name
        .chars()
        .filter(|character| character.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    Some(match key.as_str() {
        "title" | "headline" | "heading" | "newstitle" | "articletitle" | "titlepage"
        | "headlinetext" | "titel" | "überschrift" | "titre" | "titulo" | "título" | "titolo" => {
            Role::Title
        }
        "maintext" | "articlebody" | "fulltext" => Role::Body(0),
        "text" | "body" | "content" | "bodytext" | "articletext" | "contentencoded" | "inhalt"
        | "contenu" | "contenido" | "testo" | "texte" | "texto" => Role::Body(1),
        "article" | "story" | "news" | "rawtext" | "plaintext" => Role::Body(2),
        "description" | "desc" | "summary" | "abstract" | "lead" | "excerpt" | "teaser"
        | "snippet" => Role::Summary,
        "date" | "datepublish" | "datepublished" | "published" | "publishdate"
        | "publicationdate" | "publisheddate" | "publishedat" | "pubdate" | "datetime"
        | "timestamp" | "time" | "created" | "createdat" | "datecreated" | "issued" | "datum"
        | "fecha" => Role::Published,
        "author" | "authors" | "byline" | "creator" | "creators" | "writer" | "writers"
        | "autor" | "auteur" | "autore" => Role::Authors,
        "publisher" | "source" | "outlet" | "sitename" | "site" | "sourcedomain" | "domain"
        | "hostname" | "newspaper" | "publication" | "media" | "sourcename" | "quelle" => {
            Role::Outlet
        }
        "url" | "link" | "href" | "uri" | "sourceurl" | "canonicalurl" | "permalink" => Role::Url,
        "id" | "docid" | "documentid" | "articleid" | "uuid" | "guid" | "newid" | "key"
        | "filename" | "file" | "newsid" | "storyid" => Role::Key,
        "label" | "class" | "classindex" | "category" | "categories" | "topic" | "topics"
        | "section" | "articlesection" | "tags" | "subject" | "subjects" | "keywords"
        | "kategorie" | "rubrik" => Role::Topics,
        "lang" | "language" | "locale" | "inlanguage" | "sprache" | "langue" => Role::Language,
        "dateline" => Role::Dateline,
        _ => return None,
    })
}

/// The names of the fields that make a record an article, for warnings.
pub(crate) const ARTICLE_FIELDS: &str =
    "title, headline, maintext, text, body, content, description";

/// One line of text from a field: normalised, line breaks made spaces;
/// `None` when nothing is left.
pub(crate) fn clean_line(text: &str) -> Option<String> {
    let normalized = normalize(text);
    let line = if normalized.contains('\n') {
        normalized
            .split('\n')
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        normalized
    };
    (!line.is_empty()).then_some(line)
}

/// How line breaks inside a body field are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineBreaks {
    /// A line break ends a paragraph, unless the lines of a block look
    /// wrapped at a fixed width; a blank line always does.
    Guess,
    /// Lines are wrapped at a fixed width; an indented line or a blank line
    /// starts a paragraph (wire copy such as Reuters).
    Indented,
}

/// A body field as paragraphs separated by one blank line, each normalised
/// on one line.
pub(crate) fn shape_body(raw: &str, breaks: LineBreaks) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in raw
        .split(['\n', '\r', '\u{2029}'])
        .chain(std::iter::once(""))
    {
        if line.trim().is_empty() {
            if !block.is_empty() {
                shape_block(&block, breaks, &mut paragraphs);
                block.clear();
            }
        } else {
            block.push(line);
        }
    }
    paragraphs.join("\n\n")
}

/// Appends the paragraphs of one block of non-blank lines.
fn shape_block(lines: &[&str], breaks: LineBreaks, paragraphs: &mut Vec<String>) {
    let wrapped = match breaks {
        LineBreaks::Indented => true,
        LineBreaks::Guess => looks_wrapped(lines),
    };
    let mut current = String::new();
    for (index, line) in lines.iter().enumerate() {
        let indented = line.starts_with("  ") || line.starts_with('\t');
        let starts_paragraph = index > 0 && (!wrapped || indented);
        if starts_paragraph {
            push_paragraph(&mut current, paragraphs);
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
    }
    push_paragraph(&mut current, paragraphs);
}

fn push_paragraph(current: &mut String, paragraphs: &mut Vec<String>) {
    if let Some(paragraph) = clean_line(current) {
        paragraphs.push(paragraph);
    }
    current.clear();
}

/// Whether the lines of a block are one text wrapped at a fixed width:
/// none is long, and most line ends fall inside a sentence.
fn looks_wrapped(lines: &[&str]) -> bool {
    if lines.len() < 2 {
        return false;
    }
    let widths: Vec<usize> = lines
        .iter()
        .map(|line| line.trim_end().chars().count())
        .collect();
    let ends = &widths[..widths.len() - 1];
    if ends.iter().any(|&width| width > 100) {
        return false;
    }
    let mut wraps = 0;
    for (index, line) in lines[..lines.len() - 1].iter().enumerate() {
        let line = line.trim_end();
        let next = lines[index + 1].trim_start();
        let ends_sentence = line.ends_with(['.', '!', '?', ':', '"', '”', '»', '\'']);
        let next_lowercase = next.chars().next().is_some_and(char::is_lowercase);
        if widths[index] >= 30 && (!ends_sentence || next_lowercase) {
            wraps += 1;
        }
    }
    wraps * 2 >= ends.len()
}

/// Splits a field naming authors into names: on `;`, `|`, ` and `, ` & `,
/// and on commas when every part is a name of at least two words.
pub(crate) fn split_authors(field: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in field.split([';', '|', '\n']) {
        for part in part
            .split(" and ")
            .flat_map(|part| part.split(" & "))
            .flat_map(|part| part.split(" und "))
        {
            let comma_parts: Vec<&str> = part.split(',').map(str::trim).collect();
            let split_commas = comma_parts.len() > 1
                && comma_parts
                    .iter()
                    .all(|name| name.split_whitespace().count() >= 2);
            if split_commas {
                names.extend(comma_parts.iter().filter_map(|name| clean_author(name)));
            } else if let Some(name) = clean_author(part) {
                names.push(name);
            }
        }
    }
    let mut unique: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        if !unique.iter().any(|seen| seen.eq_ignore_ascii_case(&name)) {
            unique.push(name);
        }
    }
    unique
}

/// An author name without "By", or `None` for what is not a name (empty,
/// a URL).
fn clean_author(name: &str) -> Option<String> {
    let name = clean_line(name)?;
    let name = ["By ", "by ", "BY ", "Von ", "von ", "Par ", "par "]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .unwrap_or(&name)
        .trim();
    if name.is_empty() || name.contains("://") || name.len() > 120 {
        return None;
    }
    Some(name.to_owned())
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date field as ISO 8601 at its precision (`2024-05-13`, `2024-05`,
/// `2024`), from the forms structured files use: ISO 8601 with or without a
/// time (`2024-05-13T07:45:00+01:00`, `2019-01-01 12:00:00`), `20240513`,
/// Reuters `26-FEB-1987 15:01:01.79`, RFC 2822 `Mon, 13 May 2024 07:45:00
/// GMT`, `May 13, 2024`, `13 May 2024`, and Unix timestamps in seconds or
/// milliseconds. The local date as written is kept, not converted to UTC.
pub(crate) fn normalize_date(field: &str) -> Option<String> {
    let text = field.trim();
    if text.is_empty() {
        return None;
    }
    let bytes = text.as_bytes();
    if bytes.iter().all(u8::is_ascii_digit) {
        return match bytes.len() {
            4 => valid_year(text).map(|year| year.to_string()),
            8 => iso_day(&text[..4], &text[4..6], &text[6..8]),
            10 | 13 => timestamp_date(text),
            _ => None,
        };
    }
    if bytes.len() >= 7 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-' {
        let month = text.get(5..7)?;
        let after_month = bytes.get(7).copied();
        if after_month == Some(b'-') {
            let day = text.get(8..10)?;
            if bytes.get(10).is_none_or(|byte| !byte.is_ascii_digit()) {
                return iso_day(&text[..4], month, day);
            }
            return None;
        }
        if after_month.is_none_or(|byte| !byte.is_ascii_digit()) {
            let year = valid_year(&text[..4])?;
            let month: u8 = month
                .parse()
                .ok()
                .filter(|month| (1..=12).contains(month))?;
            return Some(format!("{year:04}-{month:02}"));
        }
        return None;
    }
    // Words: a day, a month name and a year in any order.
    let mut day: Option<u8> = None;
    let mut month: Option<usize> = None;
    let mut year: Option<i16> = None;
    let words = text
        .split(|character: char| {
            character.is_whitespace() || matches!(character, ',' | '-' | '/' | '.')
        })
        .filter(|word| !word.contains(':'))
        .map(|word| word.trim_matches(|character: char| !character.is_alphanumeric()))
        .filter(|word| !word.is_empty());
    for word in words {
        if word.bytes().all(|byte| byte.is_ascii_digit()) {
            match word.len() {
                1 | 2 if day.is_none() => {
                    day = word.parse().ok().filter(|day| (1..=31).contains(day))
                }
                4 if year.is_none() => year = valid_year(word),
                _ => {}
            }
        } else if month.is_none() && word.len() >= 3 {
            let lower = word.to_ascii_lowercase();
            month = MONTHS
                .iter()
                .position(|name| lower.starts_with(name) && english_month_word(&lower));
        }
        if day.is_some() && month.is_some() && year.is_some() {
            break;
        }
    }
    let (year, month) = (year?, month? + 1);
    match day {
        Some(day) => iso_day(&year.to_string(), &month.to_string(), &day.to_string()),
        None => Some(format!("{year:04}-{month:02}")),
    }
}

/// Whether a lowercase word is an English month name or its abbreviation.
fn english_month_word(word: &str) -> bool {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    word.len() == 3 || FULL.contains(&word) || word == "sept"
}

fn valid_year(text: &str) -> Option<i16> {
    text.parse::<i16>()
        .ok()
        .filter(|year| (1000..=2999).contains(year))
}

fn iso_day(year: &str, month: &str, day: &str) -> Option<String> {
    let year = valid_year(year)?;
    let month: i8 = month.parse().ok()?;
    let day: i8 = day.parse().ok()?;
    let date = jiff::civil::Date::new(year, month, day).ok()?;
    Some(date.to_string())
}

fn timestamp_date(digits: &str) -> Option<String> {
    let number: i64 = digits.parse().ok()?;
    let seconds = if digits.len() == 13 {
        number / 1000
    } else {
        number
    };
    let timestamp = jiff::Timestamp::from_second(seconds).ok()?;
    let date = timestamp.to_zoned(jiff::tz::TimeZone::UTC).date();
    (1990..=2999)
        .contains(&date.year())
        .then(|| date.to_string())
}

/// Byte ranges of whole-word, ASCII-case-insensitive occurrences of
/// `needle` in `haystack`.
pub(crate) fn find_mentions(haystack: &str, needle: &str) -> Vec<[usize; 2]> {
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    let bytes = haystack.as_bytes();
    let wanted = needle.as_bytes();
    let mut start = 0;
    while start + wanted.len() <= bytes.len() {
        let end = start + wanted.len();
        if bytes[start..end].eq_ignore_ascii_case(wanted)
            && haystack.is_char_boundary(start)
            && haystack.is_char_boundary(end)
            && !haystack[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && !haystack[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            found.push([start, end]);
            start = end;
        } else {
            start += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates() {
        let cases = [
            ("2024-05-13T07:45:00+01:00", Some("2024-05-13")),
            ("2019-01-01 12:00:00", Some("2019-01-01")),
            ("2016-03", Some("2016-03")),
            ("1998", Some("1998")),
            ("19980120", Some("1998-01-20")),
            ("26-FEB-1987 15:01:01.79", Some("1987-02-26")),
            ("Mon, 13 May 2024 07:45:00 GMT", Some("2024-05-13")),
            ("May 13, 2024", Some("2024-05-13")),
            ("September 2001", Some("2001-09")),
            ("1715586300", Some("2024-05-13")),
            ("2023-02-29", None),
            ("soon", None),
            ("", None),
            ("12:30 Marching orders 2024", None),
            ("07:45 Mon 13 May 2024", Some("2024-05-13")),
        ];
        for (field, expected) in cases {
            assert_eq!(normalize_date(field).as_deref(), expected, "{field}");
        }
    }

    #[test]
    fn shapes_bodies() {
        let news_please =
            "First paragraph of the story.\nSecond paragraph, which is long enough.\n";
        assert_eq!(
            shape_body(news_please, LineBreaks::Guess),
            "First paragraph of the story.\n\nSecond paragraph, which is long enough."
        );
        let wrapped = "Showers continued throughout the week in\nthe cocoa zone, alleviating the drought\n\
                       since early January.\n    The dry period means the harvest\nwill be late.\n Reuter";
        assert_eq!(
            shape_body(wrapped, LineBreaks::Indented),
            "Showers continued throughout the week in the cocoa zone, alleviating the drought since early \
             January.\n\nThe dry period means the harvest will be late. Reuter"
        );
        let guessed_wrap = "Showers continued throughout the week in\nthe cocoa zone, alleviating the drought\n\
                            since early January.";
        assert_eq!(
            shape_body(guessed_wrap, LineBreaks::Guess),
            "Showers continued throughout the week in the cocoa zone, alleviating the drought since early January."
        );
        assert_eq!(shape_body("\n \n", LineBreaks::Guess), "");
    }

    #[test]
    fn splits_authors() {
        assert_eq!(
            split_authors("By Maren Holt and Tobias Grey"),
            ["Maren Holt", "Tobias Grey"]
        );
        assert_eq!(
            split_authors("Maren Holt, Tobias Grey"),
            ["Maren Holt", "Tobias Grey"]
        );
        assert_eq!(split_authors("Holt, Maren"), ["Holt, Maren"]);
        assert_eq!(
            split_authors("A. Writer; B. Writer; A. Writer"),
            ["A. Writer", "B. Writer"]
        );
        assert!(split_authors("https://example.com/staff/x").is_empty());
    }

    #[test]
    fn maps_field_names() {
        assert_eq!(role_of("maintext"), Some(Role::Body(0)));
        assert_eq!(role_of("date_publish"), Some(Role::Published));
        assert_eq!(role_of("Class Index"), Some(Role::Topics));
        assert_eq!(role_of("source_domain"), Some(Role::Outlet));
        assert_eq!(role_of("colour"), None);
        assert_eq!(role_of("Überschrift"), Some(Role::Title));
        assert_eq!(role_of("headline_text"), Some(Role::Title));
    }

    #[test]
    fn finds_whole_word_mentions() {
        assert_eq!(
            find_mentions("El Salvador and el salvadoran", "el salvador"),
            [[0, 11]]
        );
        assert!(find_mentions("x", "").is_empty());
    }
}
