//! Tables of articles: comma, semicolon, bar or tab separated values, one
//! article per row.
//!
//! The dialect (delimiter and quote) is sniffed from the rows. A header row
//! names the columns (`title`, `description`, `text`, `date`, `author`,
//! `label`…, see [`role_of`]); without one, the columns are told apart by
//! their content: the longest prose is the text, shorter prose the title,
//! and a column of a few short values the topic label (AG News, 10kGNAD).

use std::collections::HashSet;

use csv::{ReaderBuilder, StringRecord};

use crate::article::{Article, Format};
use crate::detect::prefix;
use crate::markup::{decode_entities, numeric_character};
use crate::record::{
    FileContext, LineBreaks, Record, RecordWarnings, Role, clean_line, finish_file, normalize_date,
    not_news, role_of, shape_body, split_authors,
};

/// How much of a file the dialect is sniffed from.
const SNIFF_BYTES: usize = 64 * 1024;
/// How many records the dialect is sniffed from.
const SNIFF_RECORDS: usize = 50;
/// How many rows the columns of a headerless table are judged from.
const PROFILE_ROWS: usize = 200;

/// How the fields of a table are separated and quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dialect {
    pub delimiter: u8,
    /// `None` when fields are never quoted (tab separated values often are not).
    pub quote: Option<u8>,
}

/// How well a dialect fits the start of a file.
#[derive(Debug, Clone, Copy)]
struct Fit {
    dialect: Dialect,
    records: usize,
    fields: usize,
    /// Share of records with `fields` fields, in thousandths.
    consistency: usize,
    /// Share of records with a field that starts with the quote, in thousandths.
    quoted: usize,
    /// Share of records whose first field is empty, in thousandths: lines
    /// indented with a tab are text, not rows.
    leading_empty: usize,
    header_like: bool,
}

/// The dialect of `text` if it is a table. Without a hint the evidence must
/// be strong: the first lines hold the delimiter as a separator, not as
/// punctuation ([`may_be_table`]), and there are at least two tab-separated
/// records, or three with commas, semicolons or bars that are quoted or
/// under a header line, all with the same number of fields. With `hinted`
/// (a `.csv` or `.tsv` name), one record of two fields or more will do.
pub(crate) fn sniff_dialect(text: &str, hinted: bool) -> Option<Dialect> {
    let mut sample = prefix(text, SNIFF_BYTES);
    let truncated = sample.len() < text.len();
    if truncated && let Some(end) = sample.rfind('\n') {
        sample = &sample[..end];
    }
    let mut best: Option<Fit> = None;
    for delimiter in [b'\t', b',', b';', b'|'] {
        if !sample.as_bytes().contains(&delimiter) || !(hinted || may_be_table(sample, delimiter)) {
            continue;
        }
        for quote in [Some(b'"'), Some(b'\''), None] {
            let dialect = Dialect { delimiter, quote };
            let Some(fit) = fit(sample, dialect, truncated) else {
                continue;
            };
            if !acceptable(&fit, hinted) {
                continue;
            }
            let better = best.is_none_or(|best| {
                (fit.consistency, fit.quoted, fit.fields)
                    > (best.consistency, best.quoted, best.fields)
            });
            if better {
                best = Some(fit);
            }
        }
    }
    best.map(|fit| fit.dialect)
}

/// How many non-blank lines [`may_be_table`] looks through.
const GLANCE_LINES: usize = 20;

/// Whether the start of `sample` could be rows separated by `delimiter`, told
/// without a csv reader: the first non-blank line and another of the next
/// few hold the delimiter as a separator ([`separates`]). A table's header
/// or first row always does; prose almost never, as its commas and
/// semicolons are punctuation. This spares plain text the readers that
/// [`fit`] builds, and keeps an article whose paragraphs happen to hold as
/// many commas each, under a headline with one ("Argentina, Venezuela sign
/// oil deal"), from being taken for a table.
fn may_be_table(sample: &str, delimiter: u8) -> bool {
    let mut lines = sample
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(GLANCE_LINES);
    lines
        .next()
        .is_some_and(|first| separates(first, delimiter))
        && lines.any(|line| separates(line, delimiter))
}

/// Whether `line` holds `delimiter` where it separates fields rather than
/// punctuates prose. A tab separates anywhere but in the indent. A comma,
/// semicolon or bar separates unless it ends the line (wrapped prose), is
/// followed by a space (`Argentina, Venezuela`), by a closing quote and a
/// space (`"Sorry," he said`), or is a comma grouping thousands (`5,000m`).
fn separates(line: &str, delimiter: u8) -> bool {
    if delimiter == b'\t' {
        return line.trim_start().contains('\t');
    }
    let bytes = line.as_bytes();
    bytes.iter().enumerate().any(|(at, &byte)| {
        if byte != delimiter {
            return false;
        }
        let mut after = line[at + 1..].chars();
        let Some(next) = after.next() else {
            return false;
        };
        if next.is_whitespace() {
            return false;
        }
        let closes_quote = matches!(next, '"' | '\'' | '\u{201D}' | '\u{2019}' | '\u{BB}' | ')');
        if closes_quote && after.next().is_none_or(char::is_whitespace) {
            return false;
        }
        let groups_thousands = delimiter == b','
            && at > 0
            && bytes[at - 1].is_ascii_digit()
            && bytes.len() >= at + 4
            && bytes[at + 1..at + 4].iter().all(u8::is_ascii_digit)
            && !bytes.get(at + 4).is_some_and(u8::is_ascii_digit);
        !groups_thousands
    })
}

fn acceptable(fit: &Fit, hinted: bool) -> bool {
    if fit.fields < 2 {
        return false;
    }
    if hinted {
        return fit.records >= 1 && fit.consistency >= 800;
    }
    if fit.consistency < 1000 || fit.leading_empty > 500 {
        return false;
    }
    if fit.dialect.delimiter == b'\t' {
        fit.records >= 2
    } else {
        fit.records >= 3 && (fit.quoted == 1000 || fit.header_like)
    }
}

fn reader(text: &str, dialect: Dialect) -> csv::Reader<&[u8]> {
    let mut builder = ReaderBuilder::new();
    builder
        .has_headers(false)
        .flexible(true)
        .delimiter(dialect.delimiter)
        .double_quote(true);
    match dialect.quote {
        Some(quote) => builder.quote(quote),
        None => builder.quoting(false),
    };
    builder.from_reader(text.as_bytes())
}

/// How `dialect` splits the records at the start of `sample`.
fn fit(sample: &str, dialect: Dialect, truncated: bool) -> Option<Fit> {
    let mut reader = reader(sample, dialect);
    let mut counts = Vec::new();
    let mut quoted = 0;
    let mut leading_empty = 0;
    let mut first: Option<StringRecord> = None;
    let mut record = StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => return None,
        }
        if record.len() == 1 && record.get(0).is_some_and(str::is_empty) {
            continue;
        }
        let end = reader.position().byte() as usize;
        let raw = sample.get(start..end).unwrap_or_default();
        if let Some(quote) = dialect.quote {
            let opening = [dialect.delimiter, quote];
            if raw.as_bytes().first() == Some(&quote)
                || raw.as_bytes().windows(2).any(|pair| pair == opening)
            {
                quoted += 1;
            }
        }
        counts.push(record.len());
        if record.get(0).is_some_and(|field| field.trim().is_empty()) {
            leading_empty += 1;
        }
        if first.is_none() {
            first = Some(record.clone());
        }
        if counts.len() >= SNIFF_RECORDS {
            break;
        }
    }
    // The last record of a cut sample may itself be cut.
    if truncated && counts.len() > 1 && counts.len() < SNIFF_RECORDS {
        counts.pop();
    }
    let records = counts.len();
    if records == 0 {
        return None;
    }
    let fields = mode(&counts);
    let consistent = counts.iter().filter(|&&count| count == fields).count();
    let header_like = first.is_some_and(|first| is_header_like(&first));
    Some(Fit {
        dialect,
        records,
        fields,
        consistency: consistent * 1000 / records,
        quoted: quoted.min(records) * 1000 / records,
        leading_empty: leading_empty.min(records) * 1000 / records,
        header_like,
    })
}

fn mode(counts: &[usize]) -> usize {
    let mut best = (0, 0);
    for &count in counts {
        let frequency = counts.iter().filter(|&&other| other == count).count();
        if (frequency, count) > best {
            best = (frequency, count);
        }
    }
    best.1
}

/// Whether a row looks like column names: every field short, present, and
/// not a sentence.
fn is_header_like(row: &StringRecord) -> bool {
    row.iter().all(|field| {
        let field = field.trim();
        !field.is_empty()
            && field.chars().count() <= 40
            && !field.ends_with(['.', '!', '?'])
            && field.parse::<f64>().is_err()
    })
}

/// What each column of a table holds.
#[derive(Debug, Clone, Default)]
struct Columns {
    title: Option<usize>,
    body: Option<usize>,
    summary: Option<usize>,
    published: Option<usize>,
    authors: Option<usize>,
    outlet: Option<usize>,
    url: Option<usize>,
    key: Option<usize>,
    topics: Option<usize>,
    language: Option<usize>,
    dateline: Option<usize>,
}

impl Columns {
    fn from_header(header: &StringRecord) -> Columns {
        let mut columns = Columns::default();
        let mut body_rank = u8::MAX;
        for (index, name) in header.iter().enumerate() {
            let slot = match role_of(name.trim().trim_start_matches('#')) {
                Some(Role::Title) => &mut columns.title,
                Some(Role::Body(rank)) => {
                    if rank < body_rank {
                        body_rank = rank;
                        columns.body = Some(index);
                    }
                    continue;
                }
                Some(Role::Summary) => &mut columns.summary,
                Some(Role::Published) => &mut columns.published,
                Some(Role::Authors) => &mut columns.authors,
                Some(Role::Outlet) => &mut columns.outlet,
                Some(Role::Url) => &mut columns.url,
                Some(Role::Key) => &mut columns.key,
                Some(Role::Topics) => &mut columns.topics,
                Some(Role::Language) => &mut columns.language,
                Some(Role::Dateline) => &mut columns.dateline,
                None => continue,
            };
            slot.get_or_insert(index);
        }
        columns
    }

    fn has_article_column(&self) -> bool {
        self.title.is_some() || self.body.is_some() || self.summary.is_some()
    }

    /// The columns of a headerless table, told from the content of its rows.
    fn from_content(rows: &[StringRecord]) -> Columns {
        let width = rows.iter().map(StringRecord::len).max().unwrap_or(0);
        let profiles: Vec<Profile> = (0..width).map(|column| Profile::of(rows, column)).collect();
        let prose = |profile: &&Profile| profile.spaced * 2 >= profile.filled && profile.filled > 0;
        let body = profiles
            .iter()
            .filter(prose)
            .filter(|profile| profile.average >= 60)
            .max_by_key(|profile| profile.average)
            .map(|profile| profile.column);
        let title = profiles
            .iter()
            .filter(prose)
            .filter(|profile| Some(profile.column) != body && (10..=300).contains(&profile.average))
            .max_by_key(|profile| profile.average)
            .map(|profile| profile.column);
        let topics = profiles
            .iter()
            .filter(|profile| Some(profile.column) != body && Some(profile.column) != title)
            .find(|profile| profile.is_label())
            .map(|profile| profile.column);
        Columns {
            title,
            body,
            topics,
            ..Columns::default()
        }
    }
}

/// What the values of one column look like.
#[derive(Debug)]
struct Profile {
    column: usize,
    /// Rows with a value in this column.
    filled: usize,
    /// Average length in characters of the values.
    average: usize,
    /// Values with a space in them.
    spaced: usize,
    numeric: usize,
    distinct: usize,
}

impl Profile {
    fn of(rows: &[StringRecord], column: usize) -> Profile {
        let mut filled = 0;
        let mut total = 0;
        let mut spaced = 0;
        let mut numeric = 0;
        let mut distinct = HashSet::new();
        for value in rows
            .iter()
            .filter_map(|row| row.get(column))
            .map(str::trim)
            .filter(|value| !value.is_empty())
        {
            filled += 1;
            total += value.chars().count();
            spaced += usize::from(value.contains(' '));
            numeric += usize::from(value.parse::<f64>().is_ok());
            distinct.insert(value);
        }
        Profile {
            column,
            filled,
            average: total / filled.max(1),
            spaced,
            numeric,
            distinct: distinct.len(),
        }
    }

    /// A column of a few short, non-numeric values, such as a topic label.
    fn is_label(&self) -> bool {
        self.filled > 0
            && self.average <= 40
            && self.numeric < self.filled
            && self.distinct <= 50.max(self.filled / 20)
    }
}

/// Reads the articles of a table.
pub(crate) fn read(
    text: &str,
    context: &FileContext<'_>,
    mut file_warnings: Vec<String>,
) -> Vec<Article> {
    let hinted = crate::detect::hinted_format(context.source.path) == Some(Format::Csv);
    let dialect = sniff_dialect(text, hinted).or_else(|| sniff_dialect(text, true));
    let Some(dialect) = dialect else {
        return finish_file(context, Vec::new(), file_warnings, || {
            "no table rows found".to_owned()
        });
    };
    let mut rows = Vec::new();
    let mut reader = reader(text, dialect);
    let mut record = StringRecord::new();
    let mut errors = RecordWarnings::default();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                if record.iter().any(|field| !field.trim().is_empty()) {
                    rows.push(record.clone());
                }
            }
            Ok(false) => break,
            Err(error) => {
                errors.push(format!("table row unreadable: {error}"));
                break;
            }
        }
    }
    let Some(first) = rows.first() else {
        return finish_file(context, Vec::new(), file_warnings, || {
            "the table has no rows".to_owned()
        });
    };
    let header_columns = Columns::from_header(first);
    let (columns, data) = if header_columns.has_article_column() && is_header_like(first) {
        (header_columns, &rows[1..])
    } else {
        let content_columns =
            Columns::from_content(&rows[1.min(rows.len())..rows.len().min(PROFILE_ROWS + 1)]);
        let first_is_header = is_header_like(first)
            && content_columns.body.is_some_and(|body| {
                let data_average =
                    Profile::of(&rows[1..rows.len().min(PROFILE_ROWS + 1)], body).average;
                first
                    .get(body)
                    .is_some_and(|name| name.chars().count() * 4 < data_average)
            });
        if first_is_header || header_columns.key.is_some() || header_columns.published.is_some() {
            // A table with a header of its own that names no article column
            // is data of another kind (a corpus's annotations, say).
            let names: Vec<&str> = first.iter().collect();
            let what = format!(
                "a table whose header names none of the article columns (title, headline, text, body, \
                 content, description); its columns: {}",
                names.join(", ")
            );
            return vec![not_news(context, &what, file_warnings)];
        }
        let columns = Columns::from_content(&rows[..rows.len().min(PROFILE_ROWS)]);
        if !columns.has_article_column() {
            let reason = format!(
                "no column of the table holds article text or titles (a header row naming title, text or \
                 description helps); {} columns",
                first.len()
            );
            return finish_file(context, Vec::new(), file_warnings, || reason);
        }
        (columns, &rows[..])
    };
    if columns.body.is_none() && columns.summary.is_none() && data.len() < rows.len() {
        let names: Vec<&str> = first.iter().collect();
        if let Some(file_column) = names.iter().find(|name| is_file_column(name)) {
            let what = format!(
                "a table that describes other files (column {file_column:?}) and holds no article text; the \
                 articles are in those files"
            );
            return vec![not_news(context, &what, file_warnings)];
        }
    }
    let keys = unique_keys(data, columns.key);
    let mut articles = Vec::with_capacity(data.len());
    let mut skipped = 0usize;
    for (index, row) in data.iter().enumerate() {
        let cell =
            |column: Option<usize>| column.and_then(|column| row.get(column)).map(clean_cell);
        let title = cell(columns.title).as_deref().and_then(clean_line);
        let body = cell(columns.body)
            .filter(|body| !body.trim().is_empty())
            .or_else(|| cell(columns.summary))
            .map(|body| shape_body(&body, LineBreaks::Guess))
            .unwrap_or_default();
        if title.is_none() && body.is_empty() {
            skipped += 1;
            continue;
        }
        let key = match &keys {
            Some(keys) => keys[index].clone(),
            None => format!("row {}", index + 1),
        };
        let topics = cell(columns.topics)
            .and_then(|label| clean_line(&label))
            .filter(|label| label.parse::<f64>().is_err())
            .map(|label| {
                label
                    .split([';', '|'])
                    .map(str::trim)
                    .filter(|topic| !topic.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let record = Record {
            key: Some(key),
            title,
            body,
            authors: cell(columns.authors)
                .map(|authors| split_authors(&authors))
                .unwrap_or_default(),
            outlet: cell(columns.outlet).as_deref().and_then(clean_line),
            dateline: cell(columns.dateline).as_deref().and_then(clean_line),
            published: cell(columns.published).as_deref().and_then(normalize_date),
            url: cell(columns.url).as_deref().and_then(clean_line),
            topics,
            declared_language: cell(columns.language),
            ..Record::default()
        };
        articles.push(record.into_article(context));
    }
    if skipped > 0 {
        file_warnings.push(format!(
            "{skipped} table rows with neither title nor text skipped"
        ));
    }
    file_warnings.extend(errors.into_vec());
    finish_file(context, articles, file_warnings, || {
        "every row of the table is empty".to_owned()
    })
}

/// Whether a column names files: the mark of a corpus's list of documents
/// (`SOURCES.tsv`, `metadata.tsv`) rather than a table of articles.
fn is_file_column(name: &str) -> bool {
    let key: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    matches!(
        key.as_str(),
        "file" | "filename" | "filepath" | "path" | "docname" | "document" | "documentname"
    )
}

/// The values of the key column as record keys, when every row has one and
/// no two are the same; otherwise row numbers are used.
fn unique_keys(rows: &[StringRecord], key: Option<usize>) -> Option<Vec<String>> {
    let key = key?;
    let mut seen = HashSet::with_capacity(rows.len());
    let mut keys = Vec::with_capacity(rows.len());
    for row in rows {
        let value = row
            .get(key)
            .map(str::trim)
            .filter(|value| !value.is_empty())?;
        if !seen.insert(value) {
            return None;
        }
        keys.push(value.to_owned());
    }
    Some(keys)
}

/// A cell as text: HTML character references decoded (also AG News's
/// `#39;` without the ampersand), HTML tags that scrapers left in removed,
/// and a backslash standing for a line break made a space.
fn clean_cell(cell: &str) -> String {
    let decoded = decode_entities(&decode_bare_references(cell)).into_owned();
    let without_tags = strip_html_tags(&decoded);
    without_tags.replace('\\', " ")
}

/// Decodes `#36;`-style references without their ampersand, as AG News
/// writes them.
fn decode_bare_references(cell: &str) -> String {
    let bytes = cell.as_bytes();
    let mut output = String::with_capacity(cell.len());
    let mut copied = 0;
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'#' && (index == 0 || bytes[index - 1] != b'&') {
            let digits = bytes[index + 1..]
                .iter()
                .take(6)
                .take_while(|byte| byte.is_ascii_digit())
                .count();
            if (2..=5).contains(&digits) && bytes.get(index + 1 + digits) == Some(&b';') {
                let value: u32 = cell[index + 1..index + 1 + digits]
                    .parse()
                    .unwrap_or(0xFFFD);
                output.push_str(&cell[copied..index]);
                output.push(numeric_character(value));
                index += digits + 2;
                copied = index;
                continue;
            }
        }
        index += 1;
    }
    output.push_str(&cell[copied..]);
    output
}

/// Removes tags of HTML elements (`<b>`, `<A HREF=…>`, `</font>`), keeping
/// other angle-bracketed text such as ticker symbols (`<TXN.N>`).
fn strip_html_tags(text: &str) -> String {
    const ELEMENTS: &[&str] = &[
        "a",
        "b",
        "i",
        "u",
        "em",
        "strong",
        "font",
        "p",
        "br",
        "span",
        "div",
        "img",
        "sup",
        "sub",
        "small",
        "big",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "center",
        "cite",
        "abbr",
        "q",
        "s",
        "strike",
        "tt",
        "code",
        "pre",
        "nobr",
        "wbr",
    ];
    if !text.contains('<') {
        return text.to_owned();
    }
    let mut output = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        output.push_str(&rest[..at]);
        let candidate = &rest[at + 1..];
        let name_part = candidate.strip_prefix('/').unwrap_or(candidate);
        let name_length = name_part
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        let name = &name_part[..name_length];
        let after_name = name_part[name_length..].chars().next();
        let is_element = ELEMENTS
            .iter()
            .any(|element| element.eq_ignore_ascii_case(name))
            && after_name.is_some_and(|next| next == '>' || next == '/' || next.is_whitespace());
        match (is_element, candidate.find('>')) {
            (true, Some(close)) => {
                let block = matches!(
                    name.to_ascii_lowercase().as_str(),
                    "p" | "br" | "div" | "li" | "tr"
                );
                output.push(if block { '\n' } else { ' ' });
                rest = &candidate[close + 1..];
            }
            _ => {
                output.push('<');
                rest = candidate;
            }
        }
    }
    output.push_str(rest);
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_dialects() {
        let ag = "\"3\",\"Title one\",\"Text one, with a comma.\"\n\"1\",\"Title two\",\"Text two.\"\n\
                  \"2\",\"Title three\",\"Text three.\"\n";
        assert_eq!(
            sniff_dialect(ag, false),
            Some(Dialect {
                delimiter: b',',
                quote: Some(b'"')
            })
        );
        let gnad = "Sport;'Ein Text; mit Strichpunkt und ''Zitat''.'\nKultur;'Noch ein Text.'\nWeb;'Dritter Text.'\n";
        assert_eq!(
            sniff_dialect(gnad, false),
            Some(Dialect {
                delimiter: b';',
                quote: Some(b'\'')
            })
        );
        let tsv = "title\ttext\nA\tB c\n";
        assert_eq!(
            sniff_dialect(tsv, false).map(|dialect| dialect.delimiter),
            Some(b'\t')
        );
        assert_eq!(
            sniff_dialect(
                "Headline\n\nA sentence, and another, here.\nTwo, three.\n",
                false
            ),
            None
        );
        let indented = "Title\n\n\tFirst paragraph.\n\tSecond paragraph.\n\tThird.\n";
        assert_eq!(sniff_dialect(indented, false), None);
        let prose = "Argentina, Venezuela sign deal\n\nThe pact, signed today.\n\nIt covers oil, they said.\n\n\
                     More talks follow, in May.\n";
        assert_eq!(sniff_dialect(prose, false), None);
    }

    #[test]
    fn tells_separators_from_punctuation() {
        assert!(separates("title,description,date", b','));
        assert!(separates("\"3\",\"Fears for pension\"", b','));
        assert!(separates("Sport;'Ein Text.'", b';'));
        assert!(separates("a,,", b','));
        assert!(separates("year,count", b','));
        assert!(separates("2001,5", b','));
        assert!(separates("id\theadline", b'\t'));
        assert!(!separates("Argentina, Venezuela sign deal", b','));
        assert!(!separates("Holmes wins 5,000m title", b','));
        assert!(!separates(
            "\"Sorry,\" said the minister; then he left",
            b','
        ));
        assert!(!separates("\u{201C}Sorry,\u{201D} he said", b','));
        assert!(!separates("a line of prose wrapped after a comma,", b','));
        assert!(!separates("\tan indented paragraph", b'\t'));
        assert!(!separates("no delimiter here", b'|'));
    }

    #[test]
    fn cleans_cells() {
        assert_eq!(
            clean_cell("a #36;10 prize, it#39;s &lt;b&gt;bold&lt;/b&gt; &lt;TXN.N&gt;"),
            "a $10 prize, it's  bold  <TXN.N>"
        );
        assert_eq!(clean_cell("a second\\team"), "a second team");
        assert_eq!(clean_cell("#151; and &#151;"), "— and —");
    }
}
