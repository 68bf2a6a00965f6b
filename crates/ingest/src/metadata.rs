//! Title, authors, outlet, dateline, publication date and sections.
//!
//! Every function here looks at one line or one paragraph and says what it
//! is; deciding where in the file to look is the job of `text.rs`. The
//! recognisers are deliberately strict: a line is only taken as metadata when
//! all of it fits the pattern, so that a body sentence which merely mentions
//! a date or a name stays in the body.
//!
//! Rules, in short:
//!
//! * **Dates** ([`parse_date`]): a whole line that is a date, with an optional
//!   weekday before it and an optional time of day and time zone after it:
//!   "November 3, 2009", "Nov. 3, 2009", "Tuesday, 3 November 2009",
//!   "2009-11-03", "2009/11/03", "November 2009". Purely numeric dates with
//!   the day and month in either order ("03/11/2009") are ambiguous and
//!   rejected. The result is ISO 8601 at the precision stated (`2009-11-03`,
//!   `2009-11`), validated with `jiff` so that "February 30" is rejected.
//! * **Header lines** ([`parse_header`]): "Date: …", "Published: …",
//!   "Updated: …", "Posted: …", "Source: …", "Author: …" and the like.
//! * **Bylines** ([`parse_byline`]): "By Emily Jones", "By Jane Doe and John
//!   Roe", "By JANE DOE, Reuters", "By Jane Doe, Washington Post Staff
//!   Writer". Every part after "By" must be a person's name, an outlet, a
//!   job title or a date, or the line is not a byline.
//! * **Author bios** ([`parse_bio`]): "Emily Jones is a multi-media journalist
//!   for CBN News in Jerusalem." gives the name before " is a/an/the " when a
//!   role noun (journalist, reporter, editor, …) follows within a few words,
//!   and the capitalised run after "for"/"at"/"with" as the outlet.
//! * **Datelines** ([`parse_dateline`]): "JERUSALEM, Israel – ",
//!   "LONDON (Reuters) - ", "NEW YORK, March 3 (AP) -": upper-case place
//!   words, an optional ", Place" part, an optional parenthesised agency, then
//!   a dash.
//! * **Headlines** ([`is_headline`]) and **section headings**
//!   ([`is_heading_candidate`]): shape tests on one line; where they may
//!   occur is decided by the caller.

/// The longest line that is examined as a possible metadata line; anything
/// longer is body text, and the limit keeps the recognisers cheap on huge
/// lines.
const MAX_METADATA_LINE_BYTES: usize = 240;

/// Job titles that make "NAME is a … ROLE …" an author bio and that are
/// stripped from byline parts such as "Staff Writer".
const ROLE_NOUNS: &[&str] = &[
    "journalist",
    "reporter",
    "correspondent",
    "editor",
    "writer",
    "columnist",
    "producer",
    "contributor",
    "anchor",
    "author",
    "blogger",
    "photographer",
    "photojournalist",
    "commentator",
    "freelancer",
    "presenter",
    "broadcaster",
    "newscaster",
    "stringer",
];

/// Words that qualify a job title in a byline ("Senior Political
/// Correspondent"); they are dropped together with the role noun.
const ROLE_MODIFIERS: &[&str] = &[
    "staff",
    "senior",
    "chief",
    "political",
    "special",
    "contributing",
    "associate",
    "assistant",
    "managing",
    "deputy",
    "foreign",
    "national",
    "white",
    "house",
    "investigative",
    "economics",
    "health",
    "science",
    "legal",
    "freelance",
    "digital",
    "executive",
];

/// News agencies that are outlets whatever they look like.
const NEWS_AGENCIES: &[&str] = &[
    "reuters",
    "reuter",
    "associated press",
    "the associated press",
    "ap",
    "afp",
    "agence france-presse",
    "agence france presse",
    "bloomberg",
    "bloomberg news",
    "upi",
    "united press international",
    "dpa",
    "xinhua",
    "pa",
    "press association",
    "pa media",
    "ansa",
    "efe",
    "kyodo",
    "tass",
    "interfax",
    "cnn",
    "bbc",
    "bbc news",
    "npr",
];

/// Last words that mark a capitalised phrase as the name of a publication
/// ("Washington Post", "CBN News"), for byline parts that are not agencies.
const OUTLET_FINAL_WORDS: &[&str] = &[
    "news",
    "post",
    "times",
    "press",
    "journal",
    "herald",
    "tribune",
    "telegraph",
    "guardian",
    "magazine",
    "network",
    "agency",
    "daily",
    "today",
    "wire",
    "service",
    "gazette",
    "observer",
    "review",
    "radio",
    "tv",
    "television",
    "chronicle",
    "star",
    "mail",
    "express",
    "independent",
    "standard",
    "examiner",
    "inquirer",
    "globe",
    "sun",
    "mirror",
    "economist",
    "monitor",
    "bulletin",
    "insider",
    "weekly",
    "online",
    "media",
    "channel",
    "politico",
];

/// Words that start sentences, never names; "The reporter is a …" is not a
/// bio of someone called "The reporter".
const NON_NAME_WORDS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "we", "they", "i",
    "you", "his", "her", "its", "our", "their", "my", "your", "there", "here", "who", "what",
    "when", "where", "why", "how", "and", "but", "or", "if", "in", "on", "at", "for", "with", "by",
    "of", "to", "from", "as", "said", "says", "staff",
];

/// Lower-case particles that may stand inside a person's name ("Ludwig van
/// Beethoven", "Osama bin Laden").
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "di", "van", "von", "der", "den", "bin", "ibn", "al", "el", "le",
    "la", "du", "dos", "das", "y",
];

/// Month names and abbreviations with their numbers, as they appear in dates.
const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Weekday names and abbreviations, which may open a date line.
const WEEKDAYS: &[&str] = &[
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thur",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
];

/// Header keys whose value is the publication date.
const PUBLISHED_KEYS: &[&str] = &[
    "date",
    "published",
    "published on",
    "publication date",
    "date published",
    "posted",
    "posted on",
    "first published",
    "dated",
];

/// Header keys whose value is the date of the latest update; used only when
/// the file states no publication date.
const UPDATED_KEYS: &[&str] = &[
    "updated",
    "last updated",
    "updated on",
    "last modified",
    "modified",
];

/// Header keys whose value names the outlet.
const SOURCE_KEYS: &[&str] = &["source", "publication", "publisher", "outlet"];

/// Header keys whose value lists the authors.
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "authors",
    "by",
    "byline",
    "written by",
    "reporter",
    "reporters",
];

/// A header line such as "Published: March 9, 2022" or "Source: Reuters".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HeaderLine {
    /// The publication date, as ISO 8601 at its precision.
    Published(String),
    /// The date of the latest update, as ISO 8601 at its precision.
    Updated(String),
    /// The outlet that published the article.
    Source(String),
    /// The authors.
    Authors(Vec<String>),
}

/// What a byline line says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Byline {
    /// The people named, in order.
    pub authors: Vec<String>,
    /// The outlet named after the people ("By Jane Doe, Reuters").
    pub outlet: Option<String>,
    /// A date stated on the byline line ("By Jane Doe | March 3, 2009").
    pub published: Option<String>,
}

/// What an author bio says about its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bio {
    /// The author's name.
    pub name: String,
    /// The outlet the author works for, if the bio names one.
    pub outlet: Option<String>,
}

/// A dateline that opens the first paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// The place part as written, without the agency and the dash
    /// ("JERUSALEM, Israel").
    pub place: String,
    /// The parenthesised agency, if any ("Reuters").
    pub agency: Option<String>,
}

/// The ISO 8601 date, at its precision, that `text` consists of.
///
/// `text` must be a date and nothing else, apart from an optional leading
/// weekday and an optional trailing time of day and time zone; "May 2009
/// was hot." is not a date.
pub(crate) fn parse_date(text: &str) -> Option<String> {
    if text.len() > MAX_METADATA_LINE_BYTES {
        return None;
    }
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|token| !token.is_empty())
        .collect();
    let mut index = 0;
    if tokens.first().is_some_and(|token| is_weekday(token)) {
        index += 1;
    }
    let first = tokens.get(index)?;
    let (date, used) = if let Some(date) = parse_numeric_date(first) {
        (date, 1)
    } else if let Some(month) = month_number(first) {
        match (tokens.get(index + 1), tokens.get(index + 2)) {
            (Some(day), Some(year)) if day_number(day).is_some() && year_number(year).is_some() => {
                let date = full_date(year_number(year)?, month, day_number(day)?)?;
                (date, 3)
            }
            // A month and a year make a date only with the month written in
            // full ("November 2009"): "Dec 1403" is a row of a futures table.
            (Some(year), _) if year_number(year).is_some() && is_full_month_name(first) => {
                (format!("{:04}-{:02}", year_number(year)?, month), 2)
            }
            _ => return None,
        }
    } else if let Some(day) = day_number(first) {
        let month = month_number(tokens.get(index + 1)?)?;
        let year = year_number(tokens.get(index + 2)?)?;
        (full_date(year, month, day)?, 3)
    } else {
        return None;
    };
    let rest = tokens.get(index + used..).unwrap_or(&[]);
    if rest.iter().all(|token| is_time_token(token)) {
        Some(date)
    } else {
        None
    }
}

/// A validated `YYYY-MM-DD`.
fn full_date(year: i16, month: i8, day: i8) -> Option<String> {
    jiff::civil::Date::new(year, month, day).ok()?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// `2009-11-03`, `2009/11/03`, `2009-11`, or an ISO timestamp
/// (`2009-11-03T10:00:00Z`), as ISO 8601.
fn parse_numeric_date(token: &str) -> Option<String> {
    let date_part = token.split('T').next().unwrap_or(token);
    let separator = if date_part.contains('-') { '-' } else { '/' };
    let parts: Vec<&str> = date_part.split(separator).collect();
    if parts.first().is_none_or(|year| year.len() != 4) {
        return None;
    }
    let year = year_number(parts.first()?)?;
    let month: i8 = parse_digits(parts.get(1)?, 2)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    match parts.get(2) {
        Some(day) if parts.len() == 3 => full_date(year, month, parse_digits(day, 2)?),
        None if separator == '-' && date_part.len() == token.len() => {
            Some(format!("{year:04}-{month:02}"))
        }
        _ => None,
    }
}

/// A number of at most `max_digits` ASCII digits.
fn parse_digits<T: std::str::FromStr>(text: &str, max_digits: usize) -> Option<T> {
    if text.is_empty() || text.len() > max_digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A four-digit year in the range news archives can hold (1600 to 2199);
/// other four-digit numbers next to a month are figures, not years.
fn year_number(token: &str) -> Option<i16> {
    let token = token.trim_end_matches('.');
    if token.len() != 4 {
        return None;
    }
    let year: i16 = parse_digits(token, 4)?;
    (1600..=2199).contains(&year).then_some(year)
}

/// A day of the month: "3", "03", "3rd", "21st".
fn day_number(token: &str) -> Option<i8> {
    let token = token.trim_end_matches('.');
    let digits = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &token[digits.len()..];
    if !matches!(
        suffix.to_ascii_lowercase().as_str(),
        "" | "st" | "nd" | "rd" | "th"
    ) {
        return None;
    }
    let day: i8 = parse_digits(digits, 2)?;
    (1..=31).contains(&day).then_some(day)
}

/// Whether `token` is a month name written in full ("November", not "Nov.").
fn is_full_month_name(token: &str) -> bool {
    let word = token.to_lowercase();
    MONTHS
        .iter()
        .any(|(name, _)| *name == word && name.len() > 3 || word == "may")
}

/// The number of a month name or abbreviation ("Nov.", "November").
fn month_number(token: &str) -> Option<i8> {
    let word = token.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, number)| *number)
}

/// Whether `token` is a weekday name or abbreviation.
fn is_weekday(token: &str) -> bool {
    let word = token.trim_end_matches(['.', ',']).to_lowercase();
    WEEKDAYS.contains(&word.as_str())
}

/// Whether `token` can follow a date on a date line: a time of day, am/pm,
/// a time zone or a separator.
fn is_time_token(token: &str) -> bool {
    let token = token.trim_matches(|c| c == '(' || c == ')');
    if token.is_empty() || matches!(token, "|" | "-" | "–" | "—" | "·" | "/" | "at" | "@") {
        return true;
    }
    let lower = token.to_lowercase();
    if matches!(
        lower.as_str(),
        "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m"
    ) {
        return true;
    }
    let clock = lower.trim_end_matches("am").trim_end_matches("pm");
    let clock_parts: Vec<&str> = clock.split(':').collect();
    if (2..=3).contains(&clock_parts.len())
        && clock_parts
            .iter()
            .all(|part| (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
    {
        return true;
    }
    // Time zones are short upper-case abbreviations, possibly with an offset
    // ("EST", "GMT", "UTC+2").
    let zone = token.split(['+', '-']).next().unwrap_or(token);
    (2..=5).contains(&zone.len())
        && zone.chars().all(|c| c.is_ascii_uppercase())
        && token[zone.len()..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '+' || c == '-' || c == ':')
}

/// Whether `text` holds a month or weekday name next to a number, as in
/// "Tuesday, 1 March"; such lines are dates without a year, not headings.
pub(crate) fn mentions_calendar_date(text: &str) -> bool {
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    has_digit
        && text
            .split(|c: char| !c.is_alphabetic())
            .any(|word| !word.is_empty() && (month_number(word).is_some() || is_weekday(word)))
}

/// The header line `line` is, if it is one.
pub(crate) fn parse_header(line: &str) -> Option<HeaderLine> {
    if line.len() > MAX_METADATA_LINE_BYTES {
        return None;
    }
    if let Some((key, value)) = line.split_once(':') {
        let key = key.trim().to_lowercase();
        let value = value.trim();
        if key.len() <= 24 && !value.is_empty() {
            if PUBLISHED_KEYS.contains(&key.as_str()) {
                return parse_date(value).map(HeaderLine::Published);
            }
            if UPDATED_KEYS.contains(&key.as_str()) {
                return parse_date(value).map(HeaderLine::Updated);
            }
            if SOURCE_KEYS.contains(&key.as_str()) {
                return source_name(value).map(HeaderLine::Source);
            }
            if AUTHOR_KEYS.contains(&key.as_str()) {
                let byline = parse_name_list(value)?;
                return (!byline.authors.is_empty()).then_some(HeaderLine::Authors(byline.authors));
            }
            return None;
        }
    }
    // "Published November 3, 2009" and "Updated Nov. 3, 2009" without a
    // colon.
    for key in PUBLISHED_KEYS.iter().chain(UPDATED_KEYS) {
        let Some(rest) = strip_prefix_ignore_ascii_case(line, key) else {
            continue;
        };
        if !rest.starts_with(' ') {
            continue;
        }
        if let Some(date) = parse_date(rest.trim()) {
            return Some(if UPDATED_KEYS.contains(key) {
                HeaderLine::Updated(date)
            } else {
                HeaderLine::Published(date)
            });
        }
    }
    None
}

/// `text` without `prefix`, compared ignoring ASCII case.
fn strip_prefix_ignore_ascii_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The outlet named by a "Source:" header value: a short capitalised
/// phrase, without a trailing full stop.
fn source_name(value: &str) -> Option<String> {
    let value = value.trim().trim_end_matches('.').trim();
    let words = value.split_whitespace().count();
    let starts_upper = value
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    ((1..=6).contains(&words) && starts_upper).then(|| value.to_owned())
}

/// The byline `line` is, if it is one: "By" (or "Byline:", "Written by")
/// followed by names, an optional outlet, job title or date.
pub(crate) fn parse_byline(line: &str) -> Option<Byline> {
    if line.len() > MAX_METADATA_LINE_BYTES || line.split_whitespace().count() > 18 {
        return None;
    }
    let rest = [
        "byline:",
        "written by ",
        "words by ",
        "reporting by ",
        "by: ",
        "by ",
    ]
    .iter()
    .find_map(|prefix| strip_prefix_ignore_ascii_case(line, prefix))?
    .trim();
    // The first part holds the names; further parts, after a bar or a dash,
    // may add the outlet or a date.
    let mut parts = rest
        .split(['|', '—', '–'])
        .flat_map(|part| part.split(" - "));
    let mut byline = parse_name_list(parts.next()?)?;
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if let Some(date) = parse_date(part) {
            byline.published.get_or_insert(date);
        } else if let Some(outlet) = outlet_name(part) {
            byline.outlet.get_or_insert(outlet);
        } else if strip_role(part).is_empty() {
            // A job title ("Staff Writer") adds nothing.
        } else {
            return None;
        }
    }
    (!byline.authors.is_empty() || byline.outlet.is_some()).then_some(byline)
}

/// Names separated by commas, "and" or "&", possibly with an outlet and job
/// titles among them; `None` if any part is something else.
fn parse_name_list(text: &str) -> Option<Byline> {
    let mut byline = Byline::default();
    let text = text.trim().trim_end_matches('.');
    for piece in text.split(',') {
        for part in split_on_conjunctions(piece) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            if let Some(outlet) = outlet_name(part) {
                byline.outlet.get_or_insert(outlet);
            } else if let Some(name) = person_name(part) {
                byline.authors.push(name);
            } else if strip_role(part).is_empty() {
                // "Staff Writer" and the like.
            } else if let Some(date) = parse_date(part) {
                byline.published.get_or_insert(date);
            } else {
                return None;
            }
        }
    }
    Some(byline)
}

/// `text` split at " and " and " & ".
fn split_on_conjunctions(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = text;
    loop {
        let next = [" and ", " & ", " AND "]
            .iter()
            .filter_map(|sep| rest.find(sep).map(|at| (at, sep.len())))
            .min();
        match next {
            Some((at, len)) => {
                parts.push(&rest[..at]);
                rest = &rest[at + len..];
            }
            None => {
                parts.push(rest);
                return parts;
            }
        }
    }
}

/// `text` without job-title words at its end ("Washington Post Staff
/// Writer" → "Washington Post"); empty if it was all job title.
fn strip_role(text: &str) -> &str {
    let mut head = text.trim().trim_end_matches(['.', ',']).trim_end();
    let mut saw_role = false;
    while !head.is_empty() {
        let (before, last) = match head.rfind(' ') {
            Some(at) => (&head[..at], &head[at + 1..]),
            None => ("", head),
        };
        let word = last.to_lowercase();
        let singular = word.strip_suffix('s').unwrap_or(&word);
        let is_role = ROLE_NOUNS.contains(&word.as_str()) || ROLE_NOUNS.contains(&singular);
        let is_modifier = saw_role && ROLE_MODIFIERS.contains(&word.as_str());
        if !(is_role || is_modifier) {
            return head;
        }
        saw_role |= is_role;
        head = before.trim_end();
    }
    head
}

/// The outlet `text` names: a news agency, or a capitalised phrase ending in
/// a publication word ("Washington Post"), possibly followed by a job title.
fn outlet_name(text: &str) -> Option<String> {
    let stripped = strip_role(text.trim()).trim().trim_end_matches('.').trim();
    if stripped.is_empty() || stripped.len() > 60 {
        return None;
    }
    let lower = stripped.to_lowercase();
    if NEWS_AGENCIES.contains(&lower.as_str()) {
        return Some(stripped.to_owned());
    }
    let words: Vec<&str> = stripped.split_whitespace().collect();
    let last = words.last()?.to_lowercase();
    let capitalised = words.iter().all(|word| {
        word.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || matches!(*word, "of" | "the" | "and" | "&")
    });
    (words.len() <= 5 && capitalised && OUTLET_FINAL_WORDS.contains(&last.as_str()))
        .then(|| stripped.to_owned())
}

/// `text` as a person's name: two to five capitalised words (lower-case
/// particles allowed inside), none a calendar word or a sentence word.
/// Names written in capitals are given in title case ("JANE DOE" → "Jane
/// Doe").
pub(crate) fn person_name(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) {
        return None;
    }
    let last_index = words.len() - 1;
    let mut name = String::with_capacity(text.len());
    for (index, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        let particle =
            NAME_PARTICLES.contains(&lower.as_str()) && index != 0 && index != last_index;
        if !particle {
            if !is_name_word(word) || NON_NAME_WORDS.contains(&lower.trim_end_matches('.')) {
                return None;
            }
            if month_number(word).is_some() || is_weekday(word) {
                return None;
            }
        }
        if index > 0 {
            name.push(' ');
        }
        if !particle && word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase()) {
            name.push_str(&title_case(word));
        } else {
            name.push_str(word);
        }
    }
    Some(name)
}

/// Whether `word` can be part of a name: a capital letter, then letters,
/// full stops, apostrophes and hyphens.
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_uppercase())
        && chars.all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
}

/// "DOE" → "Doe", "O'BRIEN" → "O'Brien", "SMITH-JONES" → "Smith-Jones".
fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start_of_part = true;
    for c in word.chars() {
        if start_of_part {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start_of_part = matches!(c, '\'' | '’' | '-' | '.');
    }
    out
}

/// What the author bio `paragraph` says, if it is one: it must open with
/// "NAME is a/an/the …" and name a role noun within a few words.
pub(crate) fn parse_bio(paragraph: &str) -> Option<Bio> {
    // A bio's first sentence is short; looking at a bounded prefix keeps the
    // check cheap on huge paragraphs.
    let text = prefix_within(paragraph, 400);
    let (name_end, verb_len) = [" is a ", " is an ", " is the ", " was a ", " was the "]
        .iter()
        .filter_map(|verb| text.find(verb).map(|at| (at, verb.len())))
        .min()?;
    let name = person_name(&text[..name_end])?;
    let after = &text[name_end + verb_len..];
    let words: Vec<&str> = after.split_whitespace().take(40).collect();
    // The role must come within the first few words and before the first
    // sentence ends.
    let mut role_index = None;
    for (index, word) in words.iter().enumerate().take(10) {
        let bare = word
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase();
        let is_role = bare.split('-').any(|part| {
            let singular = part.strip_suffix('s').unwrap_or(part);
            ROLE_NOUNS.contains(&part) || ROLE_NOUNS.contains(&singular)
        });
        if is_role {
            role_index = Some(index);
            break;
        }
        if ends_sentence(word) {
            break;
        }
    }
    let role_index = role_index?;
    Some(Bio {
        name,
        outlet: outlet_after_role(&words[role_index..]),
    })
}

/// The capitalised run after "for", "at" or "with" in the words after a
/// role noun, stopping at "in", a lower-case word or punctuation.
fn outlet_after_role(words: &[&str]) -> Option<String> {
    let mut index = 0;
    while index < words.len() {
        let word = words[index];
        if ends_sentence(word) {
            return None;
        }
        if matches!(word, "for" | "at" | "with") {
            break;
        }
        index += 1;
    }
    index += 1;
    if words.get(index).is_some_and(|word| *word == "the") {
        index += 1;
    }
    let mut outlet: Vec<&str> = Vec::new();
    while let Some(word) = words.get(index) {
        let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let capitalised = bare
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let connector = matches!(bare, "of" | "and" | "&")
            && !outlet.is_empty()
            && words
                .get(index + 1)
                .is_some_and(|next| next.chars().next().is_some_and(char::is_uppercase));
        if !(capitalised || connector) || bare.is_empty() {
            break;
        }
        outlet.push(bare);
        if bare.len() != word.len() {
            break;
        }
        index += 1;
    }
    (!outlet.is_empty()).then(|| outlet.join(" "))
}

/// Whether `word` ends a sentence: it ends with "!" or "?", or with a full
/// stop after more than two characters that hold no other full stop, so
/// that "Jerusalem." ends a sentence and "U.S." or "Mr." do not.
fn ends_sentence(word: &str) -> bool {
    let word = word.trim_end_matches(['"', '”', '’', '\'', ')']);
    if word.ends_with(['!', '?']) {
        return true;
    }
    match word.strip_suffix('.') {
        Some(stem) => stem.chars().count() > 2 && !stem.contains('.'),
        None => false,
    }
}

/// The longest prefix of `text` of at most `max_bytes` bytes that ends on a
/// character boundary.
pub(crate) fn prefix_within(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The dateline that opens `paragraph`, if it opens with one.
pub(crate) fn parse_dateline(paragraph: &str) -> Option<Dateline> {
    let window = prefix_within(paragraph, 120);
    let dash_at = [" - ", " – ", " — ", " -- ", "—", "–"]
        .iter()
        .filter_map(|dash| window.find(dash))
        .min()?;
    let mut prefix = window[..dash_at].trim();
    let mut agency = None;
    if let Some(inner) = prefix.strip_suffix(')') {
        let open = inner.rfind('(')?;
        let name = inner[open + 1..].trim();
        let words: Vec<&str> = name.split_whitespace().collect();
        let valid = (1..=4).contains(&words.len())
            && name.len() <= 40
            && words
                .iter()
                .all(|word| word.chars().next().is_some_and(char::is_uppercase));
        if !valid {
            return None;
        }
        agency = Some(name.to_owned());
        prefix = inner[..open].trim();
    }
    let prefix = prefix.trim_end_matches(',').trim();
    let (place, detail) = match prefix.split_once(',') {
        Some((place, detail)) => (place.trim(), Some(detail.trim())),
        None => (prefix, None),
    };
    let place_words: Vec<&str> = place.split_whitespace().collect();
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let upper_place = (1..=4).contains(&place_words.len())
        && letters >= 2
        && place_words.iter().all(|word| {
            word.chars().any(char::is_alphabetic)
                && word
                    .chars()
                    .all(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '’' | '-' | '&'))
        });
    if !upper_place {
        return None;
    }
    if let Some(detail) = detail {
        let detail_words: Vec<&str> = detail.split_whitespace().collect();
        let valid = (1..=5).contains(&detail_words.len())
            && detail_words.iter().all(|word| {
                word.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    || NAME_PARTICLES.contains(word)
                    || *word == "of"
            });
        if !valid {
            return None;
        }
    }
    // The dateline opens a sentence: among the first words after the dash
    // there is a lower-case one ("ZINC - PRIME WESTERN 50.00" is a price
    // table, not a dateline).
    let dash_len = [" - ", " – ", " — ", " -- ", "—", "–"]
        .iter()
        .find(|dash| window[dash_at..].starts_with(*dash))
        .map_or(1, |dash| dash.len());
    let after = paragraph.get(dash_at + dash_len..).unwrap_or("");
    if !after
        .split_whitespace()
        .take(8)
        .any(|word| word.chars().next().is_some_and(char::is_lowercase))
    {
        return None;
    }
    Some(Dateline {
        place: prefix.to_owned(),
        agency,
    })
}

/// The outlet named by a wire service's sign-off line ("Reuter").
pub(crate) fn sign_off_outlet(line: &str) -> Option<&'static str> {
    let word = line
        .trim()
        .trim_end_matches("^M")
        .trim_end_matches('.')
        .to_lowercase();
    matches!(word.as_str(), "reuter" | "reuters").then_some("Reuters")
}

/// Whether `line` looks like a headline: 2 to 25 words, at most 200 bytes,
/// not starting with a lower-case word, not ending with a colon (which
/// introduces something rather than heading it), and not a row of a
/// figures table (see [`is_table_row`]).
pub(crate) fn is_headline(line: &str) -> bool {
    if line.len() > 200 {
        return false;
    }
    let words = line.split_whitespace().count();
    // Headlines start with a capital, a digit, a quotation mark or a
    // currency sign; a lower-case start is allowed for brand names with a
    // capital inside ("iTunes now selling Band Aid song").
    let first_word = line.split_whitespace().next().unwrap_or("");
    let starts_well = first_word
        .chars()
        .next()
        .is_some_and(|c| !c.is_lowercase() && !c.is_whitespace())
        || first_word.chars().skip(1).any(char::is_uppercase);
    (2..=25).contains(&words) && starts_well && !line.ends_with(':') && !is_table_row(line)
}

/// Whether `line` is a row of a table of figures rather than words: it
/// compares figures ("Shr 20 cts vs 15 cts", "Net 5,521,000 vs NA"),
/// ends with a day of a month ("Qtr ended Feb 28", "Pay June one"), or is
/// a month and a figure ("Aug 12414").
/// Wire-service earnings reports open with such rows.
pub(crate) fn is_table_row(line: &str) -> bool {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let has_figure = tokens
        .iter()
        .any(|token| token.bytes().any(|b| b.is_ascii_digit()))
        || tokens.iter().any(|token| {
            NUMBER_WORDS.contains(&token.trim_end_matches('.').to_lowercase().as_str())
        });
    let compares = tokens
        .iter()
        .any(|token| matches!(token.to_lowercase().as_str(), "vs" | "vs."));
    let ends_with_day = match tokens.as_slice() {
        [.., month, day] => {
            month_number(month).is_some()
                && (day_number(day).is_some()
                    || NUMBER_WORDS.contains(&day.trim_end_matches('.').to_lowercase().as_str()))
        }
        _ => false,
    };
    // "Aug 12414": a month and a figure, as in a table of monthly volumes.
    let month_and_figure = matches!(tokens.as_slice(), [month, figure]
        if month_number(month).is_some() && figure.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b','));
    (compares && has_figure) || ends_with_day || month_and_figure
}

/// Numbers written as words, as wire copy writes small numbers and days.
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "nil",
    "first",
    "second",
    "third",
];

/// Whether `line` has the shape of a section heading: one to eight words, at
/// most 80 bytes, starting with a capital letter, without sentence
/// punctuation at its end, at most one number and no formatted figures
/// ("2.61", "4,192,613"), and not a date, a table row, a byline, a fixture
/// ("Blackburn v Burnley") or an address.
pub(crate) fn is_heading_candidate(line: &str) -> bool {
    if line.len() > 80 {
        return false;
    }
    let words = line.split_whitespace().count();
    // A heading may end with a closing bracket or quote, but not with
    // sentence punctuation inside it.
    let stripped_end = line.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    let ends_with_punctuation = stripped_end
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | ',' | ';' | ':' | '…'));
    // Headings are words; lines of figures are table rows.
    let tokens_with_digits = line
        .split_whitespace()
        .filter(|token| token.bytes().any(|b| b.is_ascii_digit()))
        .count();
    let has_formatted_number = line.split_whitespace().any(|token| {
        token.bytes().any(|b| b.is_ascii_digit())
            && token
                .trim_end_matches(['.', ','])
                .contains(['.', ',', '/', ':'])
    });
    let lower = line.to_lowercase();
    (1..=8).contains(&words)
        && tokens_with_digits < 2
        && !has_formatted_number
        && !is_table_row(line)
        && line.chars().next().is_some_and(|c| c.is_uppercase())
        && !ends_with_punctuation
        && !mentions_calendar_date(line)
        && !lower.starts_with("by ")
        && !lower.contains(" v ")
        && !lower.contains(" vs ")
        && !lower.contains(" vs. ")
        && !lower.contains('@')
        && !lower.contains("http")
        && !lower.contains("www.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_date(input: &str, expected: Option<&str>) {
        assert_eq!(
            parse_date(input).as_deref(),
            expected,
            "date line {input:?}"
        );
    }

    #[test]
    fn dates_in_common_formats() {
        for (input, expected) in [
            ("November 3, 2009", Some("2009-11-03")),
            ("3 November 2009", Some("2009-11-03")),
            ("2009-11-03", Some("2009-11-03")),
            ("2009/11/03", Some("2009-11-03")),
            ("2009-11-03T10:42:00Z", Some("2009-11-03")),
            ("Nov. 3, 2009", Some("2009-11-03")),
            ("Nov 3 2009", Some("2009-11-03")),
            ("Tuesday, November 3, 2009", Some("2009-11-03")),
            ("Tue 3rd November 2009", Some("2009-11-03")),
            ("November 3, 2009 10:42 AM EST", Some("2009-11-03")),
            ("Sept. 21, 2016 | 9:15 p.m.", Some("2016-09-21")),
            ("November 2009", Some("2009-11")),
            ("2009-11", Some("2009-11")),
            ("February 29, 2008", Some("2008-02-29")),
        ] {
            check_date(input, expected);
        }
    }

    #[test]
    fn things_that_are_not_date_lines() {
        for input in [
            "May 2009 was hot.",
            "February 30, 2009",
            "February 29, 2009",
            "2009-13-01",
            "03/11/2009",
            "Tuesday, 1 March",
            "2000 GMT",
            "November 3, 2009, the day the markets fell",
            "2009",
            "Dec 1403",
            "Nov 2009",
            "",
            "March",
            "Israel, Turkey Vow to Mend Broken Ties",
        ] {
            check_date(input, None);
        }
    }

    #[test]
    fn header_lines() {
        for (input, expected) in [
            (
                "Date: November 3, 2009",
                Some(HeaderLine::Published("2009-11-03".into())),
            ),
            (
                "Published: 2009-11-03",
                Some(HeaderLine::Published("2009-11-03".into())),
            ),
            (
                "Published November 3, 2009",
                Some(HeaderLine::Published("2009-11-03".into())),
            ),
            (
                "Updated: Nov. 4, 2009 9:00 GMT",
                Some(HeaderLine::Updated("2009-11-04".into())),
            ),
            (
                "Source: Reuters",
                Some(HeaderLine::Source("Reuters".into())),
            ),
            (
                "Author: Jane Doe",
                Some(HeaderLine::Authors(vec!["Jane Doe".into()])),
            ),
            ("Date: sometime last week", None),
            ("Note: the figures are provisional.", None),
            ("Published reports say the deal is off.", None),
        ] {
            assert_eq!(parse_header(input), expected, "header line {input:?}");
        }
    }

    fn check_byline(input: &str, authors: &[&str], outlet: Option<&str>) {
        let byline = parse_byline(input).unwrap_or_else(|| panic!("{input:?} is a byline"));
        assert_eq!(byline.authors, authors, "authors of {input:?}");
        assert_eq!(byline.outlet.as_deref(), outlet, "outlet of {input:?}");
    }

    #[test]
    fn bylines() {
        check_byline("By Emily Jones", &["Emily Jones"], None);
        check_byline("By Jane Doe and John Roe", &["Jane Doe", "John Roe"], None);
        check_byline("By JANE DOE, Reuters", &["Jane Doe"], Some("Reuters"));
        check_byline(
            "By Jane Doe, Washington Post Staff Writer",
            &["Jane Doe"],
            Some("Washington Post"),
        );
        check_byline("By Jane Doe, Staff Writer", &["Jane Doe"], None);
        check_byline(
            "By Ludwig van Beethoven | AP",
            &["Ludwig van Beethoven"],
            Some("AP"),
        );
        check_byline("BYLINE: Amber Phillips.", &["Amber Phillips"], None);
        check_byline("By Reuters", &[], Some("Reuters"));
        let dated = parse_byline("By Jane Doe | March 3, 2009").expect("byline with a date");
        assert_eq!(dated.published.as_deref(), Some("2009-03-03"));
    }

    #[test]
    fn sentences_starting_with_by_are_not_bylines() {
        for input in [
            "By Monday, the company had sold its stake.",
            "By the way, nobody asked.",
            "By 2020 the plan was dead.",
            "By contrast, exports rose",
            "By Wednesday Afternoon",
            "By far the biggest winner was Google, analysts said.",
        ] {
            assert_eq!(parse_byline(input), None, "{input:?} is not a byline");
        }
    }

    #[test]
    fn bios() {
        for (input, name, outlet) in [
            (
                "Emily Jones is a multi-media journalist for CBN News in Jerusalem. Before she moved…",
                "Emily Jones",
                Some("CBN News"),
            ),
            (
                "Jane Doe is the chief political correspondent at The Times of Israel.",
                "Jane Doe",
                Some("The Times of Israel"),
            ),
            (
                "John Roe is a freelance writer based in Istanbul.",
                "John Roe",
                None,
            ),
            (
                "Owain Bennallack is the editor of Develop magazine.",
                "Owain Bennallack",
                None,
            ),
            (
                "JANE DOE is a reporter with Reuters, covering energy.",
                "Jane Doe",
                Some("Reuters"),
            ),
        ] {
            let bio = parse_bio(input).unwrap_or_else(|| panic!("{input:?} is a bio"));
            assert_eq!(bio.name, name, "name in {input:?}");
            assert_eq!(bio.outlet.as_deref(), outlet, "outlet in {input:?}");
        }
    }

    #[test]
    fn sentences_that_are_not_bios() {
        for input in [
            "Erdogan is a harsh critic of Israel in its conflict with the Palestinians.",
            "The reporter is a friend of the family.",
            "Israel is a close ally, but the journalist for CBN disagreed.",
            "Time Warner is the biggest investor in Google. Its editor said nothing.",
            "He is a journalist for CBN News.",
        ] {
            assert_eq!(parse_bio(input), None, "{input:?} is not a bio");
        }
    }

    #[test]
    fn datelines() {
        for (input, place, agency) in [
            (
                "JERUSALEM, Israel – Israel and Turkey on Wednesday vowed",
                "JERUSALEM, Israel",
                None,
            ),
            ("LONDON (Reuters) - Shares fell.", "LONDON", Some("Reuters")),
            ("WASHINGTON — The Senate voted.", "WASHINGTON", None),
            ("WASHINGTON—The Senate voted.", "WASHINGTON", None),
            (
                "NEW YORK, March 3 (AP) - Stocks rose.",
                "NEW YORK, March 3",
                Some("AP"),
            ),
            ("ST. LOUIS, Mo. -- A storm hit.", "ST. LOUIS, Mo.", None),
        ] {
            let dateline =
                parse_dateline(input).unwrap_or_else(|| panic!("{input:?} has a dateline"));
            assert_eq!(dateline.place, place, "place in {input:?}");
            assert_eq!(dateline.agency.as_deref(), agency, "agency in {input:?}");
        }
    }

    #[test]
    fn paragraphs_without_datelines() {
        for input in [
            "Israel and Turkey on Wednesday vowed to rebuild – slowly.",
            "I - for one - disagree.",
            "Jerusalem, Israel – Israel and Turkey met.",
            "TimeWarner said fourth quarter sales rose 2% - a record.",
            "",
            "—",
            "ZINC - PRIME WESTERN 50.00/56.50",
        ] {
            assert_eq!(parse_dateline(input), None, "{input:?} has no dateline");
        }
    }

    #[test]
    fn headline_and_heading_shapes() {
        assert!(is_headline(
            "Israel, Turkey Vow to Mend Broken Ties in Historic Visit"
        ));
        assert!(is_headline("Ad sales boost Time Warner profit"));
        assert!(!is_headline("Menu"));
        assert!(!is_headline("Partial transcript as follows:"));
        assert!(is_headline("$1m payoff for former Shell boss"));
        assert!(is_headline("iTunes now selling Band Aid song"));
        assert!(!is_headline("home to Leicester in the quarter-finals"));
        for row in [
            "Aug 12414",
            "Shr 20 cts vs 15 cts",
            "Net 5,521,000 vs NA",
            "Qtr ended Feb 28",
            "Pay June one",
            "Oper shr one ct vs one ct",
        ] {
            assert!(!is_headline(row), "{row:?} is a table row");
            assert!(!is_heading_candidate(row), "{row:?} is a table row");
        }
        assert!(is_headline("Newcastle 2-1 Bolton"));
        assert!(is_headline("Brown names 16 March for Budget"));
        for heading in [
            "The Facts",
            "The Spin",
            "Narrative A",
            "Cynical narrative",
            "WORLD OF WARCRAFT",
        ] {
            assert!(
                is_heading_candidate(heading),
                "{heading:?} is heading-shaped"
            );
        }
        for line in [
            "Tuesday, 1 March",
            "He said no.",
            "Blackburn v Burnley",
            "home to Leicester in the quarter-finals",
            "By Emily Jones",
            "Key points:",
            "This heading is far too long to be a heading at all",
            "Loss 54.9 mln",
            "Declines led advances 1121 to 504",
        ] {
            assert!(
                !is_heading_candidate(line),
                "{line:?} is not heading-shaped"
            );
        }
    }

    #[test]
    fn huge_and_odd_inputs_do_not_panic() {
        let huge = "é".repeat(500_000);
        assert_eq!(parse_date(&huge), None);
        assert_eq!(parse_header(&huge), None);
        assert_eq!(parse_byline(&huge), None);
        assert_eq!(parse_bio(&huge), None);
        assert_eq!(parse_dateline(&huge), None);
        assert!(!is_headline(&huge));
        for odd in [
            "",
            " ",
            ":",
            "By",
            "By ",
            "(",
            ")",
            "A (",
            "Date:",
            "é is a é",
            "1st",
            "T",
        ] {
            let _ = (
                parse_date(odd),
                parse_header(odd),
                parse_byline(odd),
                parse_bio(odd),
                parse_dateline(odd),
            );
        }
    }
}
