//! Dates mentioned in news text, normalised against the publication date.
//!
//! [`extract_dates`] finds explicit dates ("March 9, 2022", "9 March 2022",
//! "2022-03-09", "03/09/2022"), partial ones ("March 2022", "2018", "the
//! 1990s", "the third quarter") and dates relative to the publication date
//! ("today", "on Wednesday", "last week", "two years ago"). Values follow
//! TimeML's TIMEX3 conventions so that they can be scored against TimeBank;
//! see [`DateMention::value`] and `docs/dates.md` for every rule.
//!
//! The text is cut into tokens once (a hand-written byte scanner, no regular
//! expressions), then a small grammar is tried at each token that can start
//! or anchor a date. Matching is greedy from left to right and mentions never
//! overlap. Nothing here can panic, whatever the input.

use jiff::civil::{Date, Weekday};

use crate::article::DateMention;
pub use crate::article::DatePrecision;

/// How many tokens on each side of a mention are searched for tense markers.
const TENSE_WINDOW: usize = 30;

/// How much further away, in days, a date without a year counts when it
/// is against the tense of its sentence: "the vote on Oct. 23" in May is
/// last October's even though next October is nearer, but "by Jan. 20"
/// in a past sentence on Jan. 6 is still next week.
const DAY_TENSE_PENALTY: i32 = 90;

/// The same for a month without a year, in months.
const MONTH_TENSE_PENALTY: i32 = 6;

/// Mentioned dates in `text`, in order, each with its byte span and value.
///
/// `published` anchors relative expressions ("yesterday", "on Wednesday",
/// "last month", "March 9" without a year). Without it those expressions
/// are left out: they are not dates until they are anchored. Absolute dates
/// and the reference values (`PRESENT_REF` for "now", `PAST_REF` for
/// "recently", `FUTURE_REF` for "the future") need no anchor.
///
/// ```
/// use jiff::civil::date;
/// use newsdex_ingest::extract_dates;
///
/// let text = "Israel and Turkey on Wednesday vowed to rebuild ties broken in 2010.";
/// let dates = extract_dates(text, Some(date(2022, 3, 10)));
/// let found: Vec<(&str, &str)> =
///     dates.iter().map(|d| (&text[d.start..d.end], d.value.as_str())).collect();
/// assert_eq!(found, [("Wednesday", "2022-03-09"), ("2010", "2010")]);
/// ```
pub fn extract_dates(text: &str, published: Option<Date>) -> Vec<DateMention> {
    let tokens = tokenize(text);
    let mut scanner = Scanner {
        tokens: &tokens,
        text,
        published,
        floor: 0,
        last_quarter: None,
        year_to_date: false,
        last_anchor: None,
        out: Vec::new(),
    };
    scanner.run();
    scanner.out
}

/// Parses an ISO 8601 calendar date, `YYYY-MM-DD`, optionally followed by a
/// time (`1998-12-05T09:42`, which is ignored). Invalid dates such as
/// `2023-02-29` give `None`.
///
/// ```
/// use newsdex_ingest::parse_iso_date;
///
/// assert_eq!(parse_iso_date("2024-02-29").map(|d| d.to_string()), Some("2024-02-29".into()));
/// assert_eq!(parse_iso_date("1998-12-05T09:42").map(|d| d.day()), Some(5));
/// assert_eq!(parse_iso_date("2023-02-29"), None);
/// assert_eq!(parse_iso_date("2022-03"), None);
/// ```
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let bytes = text.as_bytes();
    if bytes.len() < 10 || (bytes.len() > 10 && bytes[10] != b'T' && bytes[10] != b' ') {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i32> {
        let part = &bytes[range];
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(part.iter().fold(0, |acc, b| acc * 10 + i32::from(b - b'0')))
    };
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = i16::try_from(digits(0..4)?).ok()?;
    let month = i8::try_from(digits(5..7)?).ok()?;
    let day = i8::try_from(digits(8..10)?).ok()?;
    Date::new(year, month, day).ok()
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

/// Calendar units that words such as "week" and "quarters" name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Period,
    Year,
    Decade,
    Century,
}

/// The four seasons, in TIMEX3 order of their codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// The season a date falls in (meteorological: March–May is spring,
    /// and December belongs to the winter of the year it starts in).
    fn of_month(month: i8) -> Season {
        match month {
            3..=5 => Season::Spring,
            6..=8 => Season::Summer,
            9..=11 => Season::Fall,
            _ => Season::Winter,
        }
    }

    fn index(self) -> i8 {
        match self {
            Season::Spring => 0,
            Season::Summer => 1,
            Season::Fall => 2,
            Season::Winter => 3,
        }
    }
}

/// What a word means to the date grammar. Words that play no part are
/// `Other` (or `EdWord`, kept apart because "-ed" marks the past tense).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    NotWord,
    Other,
    EdWord,
    Month(i8),
    MonthAbbr(i8),
    Weekday(i8),
    Unit(Unit, bool),
    Season(Season),
    PartOfDay,
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    Now,
    Currently,
    Current,
    Recently,
    Recent,
    Future,
    Past,
    Ago,
    Last,
    Next,
    This,
    Coming,
    Previous,
    Latest,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    Edge,
    The,
    A,
    Of,
    Fiscal,
    Half,
    Near,
    These,
    Right,
    Ordinal(i8),
    NumberWord(u16),
    Few,
    OrdSuffix,
    S,
    Prep,
    Approx,
    Will,
    Ll,
    FutureVerb,
    FutureIfTo,
    Until,
    By,
    To,
    As,
    Soon,
    Thanksgiving,
    DecadeWord(u8),
    Full,
    Determiner,
    Term,
    Thousand,
    Conj,
    Might,
    Be,
    Following,
    Same,
    PastVerb,
    Percent,
    CountNoun,
    Q,
    Christmas,
    Eve,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word(Lex),
    /// Digits only; `value` saturates.
    Num {
        value: u32,
        digits: u8,
    },
    /// Digits with inner `.` or `,` ("2,018", "3.5", "09.03.2022").
    Grouped,
    /// One punctuation character, non-ASCII ones folded to an ASCII
    /// stand-in (dashes to `-`, curly quotes to `'` and `"`, currency to `$`).
    Punct(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token {
    start: usize,
    end: usize,
    kind: Kind,
    /// Whitespace separates this token from the previous one.
    space_before: bool,
    /// A blank line separates this token from the previous one.
    break_before: bool,
    /// The first letter is upper case.
    cap: bool,
}

/// What a byte is to the tokenizer: one table lookup instead of a chain of
/// range comparisons for every byte of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    /// ASCII whitespace other than a line feed.
    Space,
    Newline,
    Digit,
    Upper,
    Lower,
    /// Any other ASCII byte.
    Punct,
    /// A byte of a multi-byte character.
    NonAscii,
}

static BYTE_CLASSES: [ByteClass; 256] = byte_classes();

const fn byte_classes() -> [ByteClass; 256] {
    let mut classes = [ByteClass::NonAscii; 256];
    let mut b: u8 = 0;
    while b < 0x80 {
        classes[b as usize] = if b == b'\n' {
            ByteClass::Newline
        } else if b.is_ascii_whitespace() {
            ByteClass::Space
        } else if b.is_ascii_digit() {
            ByteClass::Digit
        } else if b.is_ascii_uppercase() {
            ByteClass::Upper
        } else if b.is_ascii_lowercase() {
            ByteClass::Lower
        } else {
            ByteClass::Punct
        };
        b += 1;
    }
    classes
}

fn byte_class(b: u8) -> ByteClass {
    BYTE_CLASSES[usize::from(b)]
}

fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(bytes.len() / 5 + 1);
    let mut i = 0;
    let mut space = true;
    let mut newlines = 2;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let (kind, cap) = match byte_class(b) {
            ByteClass::Space => {
                space = true;
                i += 1;
                continue;
            }
            ByteClass::Newline => {
                space = true;
                newlines += 1;
                i += 1;
                continue;
            }
            ByteClass::Digit => {
                let kind;
                (kind, i) = scan_number(bytes, i);
                (kind, false)
            }
            class @ (ByteClass::Upper | ByteClass::Lower) => {
                let lex;
                (lex, i) = scan_word(text, i);
                (Kind::Word(lex), class == ByteClass::Upper)
            }
            ByteClass::Punct => {
                i += 1;
                (Kind::Punct(b), false)
            }
            ByteClass::NonAscii => {
                let ch = char_at(text, i);
                if ch.is_alphabetic() {
                    let lex;
                    (lex, i) = scan_word(text, i);
                    (Kind::Word(lex), ch.is_uppercase())
                } else {
                    i += ch.len_utf8();
                    if ch.is_whitespace() {
                        space = true;
                        continue;
                    }
                    (Kind::Punct(punct_stand_in(ch)), false)
                }
            }
        };
        tokens.push(Token {
            start,
            end: i,
            kind,
            space_before: space,
            break_before: newlines >= 2,
            cap,
        });
        space = false;
        newlines = 0;
    }
    tokens
}

/// The number starting at byte `start` (a digit), and where it ends.
fn scan_number(bytes: &[u8], start: usize) -> (Kind, usize) {
    let mut i = start;
    let mut value: u32 = 0;
    let mut digits: u32 = 0;
    let mut grouped = false;
    while let Some(&c) = bytes.get(i) {
        if c.is_ascii_digit() {
            value = value.saturating_mul(10).saturating_add(u32::from(c - b'0'));
            digits += 1;
            i += 1;
        } else if (c == b',' || c == b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            grouped = true;
            i += 1;
        } else {
            break;
        }
    }
    let kind = if grouped {
        Kind::Grouped
    } else {
        Kind::Num {
            value,
            digits: u8::try_from(digits).unwrap_or(u8::MAX),
        }
    };
    (kind, i)
}

/// The lexeme of the word starting at byte `start` (a letter), and where
/// the word ends. ASCII letters are found eight bytes at a time (see
/// [`leading_letters`]) and the first fifteen become the word's [`pack`]ed
/// key straight from those bytes; a word with a non-ASCII letter is no word
/// of the lexicon. Inlined, as it runs for every word.
#[inline(always)]
fn scan_word(text: &str, start: usize) -> (Lex, usize) {
    let bytes = text.as_bytes();
    let first = chunk_at(bytes, start);
    let mut len = leading_letters(first);
    let mut second = 0;
    if len == 8 {
        second = chunk_at(bytes, start + 8);
        len += leading_letters(second);
        if len == 16 {
            loop {
                let more = leading_letters(chunk_at(bytes, start + len));
                len += more;
                if more < 8 {
                    break;
                }
            }
        }
    }
    let end = start + len;
    if bytes.get(end).is_some_and(|&b| b >= 0x80) && char_at(text, end).is_alphabetic() {
        return (Lex::Other, word_end(text, end));
    }
    let word = &bytes[start..end];
    let key = if len <= MAX_WORD {
        Some(pack_chunks(first, second, len))
    } else {
        None
    };
    let lex = match key.and_then(lookup) {
        Some(lex) => lex,
        None => ed_or_other(word),
    };
    (lex, end)
}

/// Where the word that goes on at byte `i` ends: after its last letter,
/// ASCII or not.
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&c) = bytes.get(i) {
        if c.is_ascii_alphabetic() {
            i += 1;
        } else if c >= 0x80 {
            let ch = char_at(text, i);
            if !ch.is_alphabetic() {
                break;
            }
            i += ch.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// Eight bytes each holding `byte`.
const fn every_byte(byte: u8) -> u64 {
    0x0101_0101_0101_0101 * byte as u64
}

/// The eight bytes of `bytes` from `at` as a little-endian number, padded
/// with zero bytes (which are not letters) past the end.
fn chunk_at(bytes: &[u8], at: usize) -> u64 {
    let rest = bytes.get(at..).unwrap_or_default();
    if let Some(chunk) = rest.first_chunk::<8>() {
        return u64::from_le_bytes(*chunk);
    }
    let mut padded = [0; 8];
    for (slot, &b) in padded.iter_mut().zip(rest) {
        *slot = b;
    }
    u64::from_le_bytes(padded)
}

/// How many bytes of `chunk`, lowest first, are ASCII letters before the
/// first that is not (8 when all are). Each byte is lower-cased by setting
/// 0x20 and checked against `a..=z` with two additions whose top bits say
/// "at least `a`" and "beyond `z`"; bytes of non-ASCII characters are
/// masked off first so that no addition carries into the next byte.
fn leading_letters(chunk: u64) -> usize {
    let high = chunk & every_byte(0x80);
    let folded = (chunk | every_byte(0x20)) & every_byte(0x7F);
    let from_a = folded + every_byte(0x80 - b'a');
    let beyond_z = folded + every_byte(0x80 - b'z' - 1);
    let letters = from_a & !beyond_z & !high & every_byte(0x80);
    (!letters & every_byte(0x80)).trailing_zeros() as usize / 8
}

/// The low `bytes` bytes of a `u64` (all of it from eight on).
fn low_bytes(value: u64, bytes: usize) -> u64 {
    const MASKS: [u64; 9] = {
        let mut masks = [u64::MAX; 9];
        let mut n = 0;
        while n < 8 {
            masks[n] = (1 << (8 * n)) - 1;
            n += 1;
        }
        masks
    };
    value & MASKS.get(bytes).copied().unwrap_or(u64::MAX)
}

/// [`pack`] of a word of `len` (at most [`MAX_WORD`]) ASCII letters whose
/// first sixteen bytes are the chunks `first` and `second`.
fn pack_chunks(first: u64, second: u64, len: usize) -> u128 {
    let lower = every_byte(0x20);
    let (low, high) = if len <= 8 {
        (low_bytes(first | lower, len), 0)
    } else {
        (first | lower, low_bytes(second | lower, len - 8))
    };
    (u128::from(high | (len as u64) << 56) << 64) | u128::from(low)
}

/// The ASCII stand-in of a non-ASCII punctuation character: dashes are
/// `-`, curly quotes `'` and `"`, currency signs `$`, anything else `?`.
fn punct_stand_in(ch: char) -> u8 {
    match ch {
        '\u{2010}'..='\u{2015}' | '\u{2212}' => b'-',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => b'\'',
        '\u{201C}' | '\u{201D}' => b'"',
        '\u{20A0}'..='\u{20CF}' | '\u{00A3}' | '\u{00A5}' => b'$',
        _ => b'?',
    }
}

/// The character starting at byte `i`, which must be a char boundary; a
/// replacement character if it is not (it always is, by construction).
fn char_at(text: &str, i: usize) -> char {
    text.get(i..)
        .and_then(|rest| rest.chars().next())
        .unwrap_or('\u{FFFD}')
}

/// Every word the grammar knows, in lower case; anything else is `Other`
/// (or `EdWord`).
const LEXICON: &[(&str, Lex)] = &[
    ("january", Lex::Month(1)),
    ("february", Lex::Month(2)),
    ("march", Lex::Month(3)),
    ("april", Lex::Month(4)),
    ("may", Lex::Month(5)),
    ("june", Lex::Month(6)),
    ("july", Lex::Month(7)),
    ("august", Lex::Month(8)),
    ("september", Lex::Month(9)),
    ("october", Lex::Month(10)),
    ("november", Lex::Month(11)),
    ("december", Lex::Month(12)),
    ("jan", Lex::MonthAbbr(1)),
    ("feb", Lex::MonthAbbr(2)),
    ("mar", Lex::MonthAbbr(3)),
    ("apr", Lex::MonthAbbr(4)),
    ("jun", Lex::MonthAbbr(6)),
    ("jul", Lex::MonthAbbr(7)),
    ("aug", Lex::MonthAbbr(8)),
    ("sep", Lex::MonthAbbr(9)),
    ("sept", Lex::MonthAbbr(9)),
    ("oct", Lex::MonthAbbr(10)),
    ("nov", Lex::MonthAbbr(11)),
    ("dec", Lex::MonthAbbr(12)),
    ("monday", Lex::Weekday(0)),
    ("tuesday", Lex::Weekday(1)),
    ("wednesday", Lex::Weekday(2)),
    ("thursday", Lex::Weekday(3)),
    ("friday", Lex::Weekday(4)),
    ("saturday", Lex::Weekday(5)),
    ("sunday", Lex::Weekday(6)),
    ("day", Lex::Unit(Unit::Day, false)),
    ("days", Lex::Unit(Unit::Day, true)),
    ("week", Lex::Unit(Unit::Week, false)),
    ("weeks", Lex::Unit(Unit::Week, true)),
    ("weekend", Lex::Unit(Unit::Weekend, false)),
    ("weekends", Lex::Unit(Unit::Weekend, true)),
    ("month", Lex::Unit(Unit::Month, false)),
    ("months", Lex::Unit(Unit::Month, true)),
    ("quarter", Lex::Unit(Unit::Quarter, false)),
    ("quarters", Lex::Unit(Unit::Quarter, true)),
    ("period", Lex::Unit(Unit::Period, false)),
    ("periods", Lex::Unit(Unit::Period, true)),
    ("year", Lex::Unit(Unit::Year, false)),
    ("years", Lex::Unit(Unit::Year, true)),
    ("decade", Lex::Unit(Unit::Decade, false)),
    ("decades", Lex::Unit(Unit::Decade, true)),
    ("century", Lex::Unit(Unit::Century, false)),
    ("centuries", Lex::Unit(Unit::Century, true)),
    ("spring", Lex::Season(Season::Spring)),
    ("summer", Lex::Season(Season::Summer)),
    ("fall", Lex::Season(Season::Fall)),
    ("autumn", Lex::Season(Season::Fall)),
    ("winter", Lex::Season(Season::Winter)),
    ("morning", Lex::PartOfDay),
    ("afternoon", Lex::PartOfDay),
    ("evening", Lex::PartOfDay),
    ("night", Lex::PartOfDay),
    ("today", Lex::Today),
    ("tonight", Lex::Tonight),
    ("yesterday", Lex::Yesterday),
    ("tomorrow", Lex::Tomorrow),
    ("now", Lex::Now),
    ("currently", Lex::Currently),
    ("presently", Lex::Currently),
    ("nowadays", Lex::Currently),
    ("current", Lex::Current),
    ("recently", Lex::Recently),
    ("lately", Lex::Recently),
    ("recent", Lex::Recent),
    ("future", Lex::Future),
    ("past", Lex::Past),
    ("ago", Lex::Ago),
    ("last", Lex::Last),
    ("next", Lex::Next),
    ("this", Lex::This),
    ("coming", Lex::Coming),
    ("upcoming", Lex::Coming),
    ("previous", Lex::Previous),
    ("prior", Lex::Previous),
    ("latest", Lex::Latest),
    ("earlier", Lex::Earlier),
    ("later", Lex::Later),
    ("early", Lex::Early),
    ("late", Lex::Late),
    ("mid", Lex::Mid),
    ("middle", Lex::Mid),
    ("end", Lex::Edge),
    ("beginning", Lex::Edge),
    ("start", Lex::Edge),
    ("the", Lex::The),
    ("a", Lex::A),
    ("an", Lex::A),
    ("one", Lex::A),
    ("of", Lex::Of),
    ("fiscal", Lex::Fiscal),
    ("half", Lex::Half),
    ("near", Lex::Near),
    ("term", Lex::Term),
    ("might", Lex::Might),
    ("thousand", Lex::Thousand),
    ("these", Lex::These),
    ("right", Lex::Right),
    ("first", Lex::Ordinal(1)),
    ("second", Lex::Ordinal(2)),
    ("third", Lex::Ordinal(3)),
    ("fourth", Lex::Ordinal(4)),
    ("two", Lex::NumberWord(2)),
    ("three", Lex::NumberWord(3)),
    ("four", Lex::NumberWord(4)),
    ("five", Lex::NumberWord(5)),
    ("six", Lex::NumberWord(6)),
    ("seven", Lex::NumberWord(7)),
    ("eight", Lex::NumberWord(8)),
    ("nine", Lex::NumberWord(9)),
    ("ten", Lex::NumberWord(10)),
    ("eleven", Lex::NumberWord(11)),
    ("twelve", Lex::NumberWord(12)),
    ("thirteen", Lex::NumberWord(13)),
    ("fourteen", Lex::NumberWord(14)),
    ("fifteen", Lex::NumberWord(15)),
    ("sixteen", Lex::NumberWord(16)),
    ("seventeen", Lex::NumberWord(17)),
    ("eighteen", Lex::NumberWord(18)),
    ("nineteen", Lex::NumberWord(19)),
    ("twenty", Lex::NumberWord(20)),
    ("thirty", Lex::NumberWord(30)),
    ("forty", Lex::NumberWord(40)),
    ("fifty", Lex::NumberWord(50)),
    ("sixty", Lex::NumberWord(60)),
    ("seventy", Lex::NumberWord(70)),
    ("eighty", Lex::NumberWord(80)),
    ("ninety", Lex::NumberWord(90)),
    ("hundred", Lex::NumberWord(100)),
    ("few", Lex::Few),
    ("several", Lex::Few),
    ("many", Lex::Few),
    ("th", Lex::OrdSuffix),
    ("st", Lex::OrdSuffix),
    ("nd", Lex::OrdSuffix),
    ("rd", Lex::OrdSuffix),
    ("s", Lex::S),
    ("by", Lex::By),
    ("to", Lex::To),
    ("as", Lex::As),
    ("in", Lex::Prep),
    ("since", Lex::Prep),
    ("from", Lex::Prep),
    ("through", Lex::Prep),
    ("during", Lex::Prep),
    ("before", Lex::Prep),
    ("after", Lex::Prep),
    ("between", Lex::Prep),
    ("around", Lex::Prep),
    ("on", Lex::Prep),
    ("and", Lex::Conj),
    ("or", Lex::Conj),
    ("for", Lex::Prep),
    ("about", Lex::Approx),
    ("almost", Lex::Approx),
    ("nearly", Lex::Approx),
    ("some", Lex::Approx),
    ("roughly", Lex::Approx),
    ("approximately", Lex::Approx),
    ("just", Lex::Approx),
    ("will", Lex::Will),
    ("shall", Lex::Will),
    ("ll", Lex::Ll),
    ("expected", Lex::FutureVerb),
    ("expects", Lex::FutureVerb),
    ("scheduled", Lex::FutureVerb),
    ("due", Lex::FutureIfTo),
    ("going", Lex::FutureIfTo),
    ("plans", Lex::FutureIfTo),
    ("planned", Lex::FutureIfTo),
    ("plan", Lex::FutureIfTo),
    ("planning", Lex::FutureIfTo),
    ("intends", Lex::FutureIfTo),
    ("aims", Lex::FutureIfTo),
    ("set", Lex::FutureIfTo),
    ("hopes", Lex::FutureIfTo),
    ("wants", Lex::FutureIfTo),
    ("until", Lex::Until),
    ("till", Lex::Until),
    ("soon", Lex::Soon),
    ("thanksgiving", Lex::Thanksgiving),
    ("sixties", Lex::DecadeWord(6)),
    ("seventies", Lex::DecadeWord(7)),
    ("eighties", Lex::DecadeWord(8)),
    ("nineties", Lex::DecadeWord(9)),
    ("full", Lex::Full),
    ("its", Lex::Determiner),
    ("his", Lex::Determiner),
    ("her", Lex::Determiner),
    ("their", Lex::Determiner),
    ("our", Lex::Determiner),
    ("whose", Lex::Determiner),
    ("that", Lex::Determiner),
    ("said", Lex::PastVerb),
    ("told", Lex::PastVerb),
    ("was", Lex::PastVerb),
    ("were", Lex::PastVerb),
    ("had", Lex::PastVerb),
    ("did", Lex::PastVerb),
    ("took", Lex::PastVerb),
    ("came", Lex::PastVerb),
    ("met", Lex::PastVerb),
    ("made", Lex::PastVerb),
    ("went", Lex::PastVerb),
    ("began", Lex::PastVerb),
    ("sat", Lex::PastVerb),
    ("gave", Lex::PastVerb),
    ("held", Lex::PastVerb),
    ("left", Lex::PastVerb),
    ("won", Lex::PastVerb),
    ("lost", Lex::PastVerb),
    ("fell", Lex::PastVerb),
    ("rose", Lex::PastVerb),
    ("saw", Lex::PastVerb),
    ("bought", Lex::PastVerb),
    ("brought", Lex::PastVerb),
    ("sold", Lex::PastVerb),
    ("paid", Lex::PastVerb),
    ("led", Lex::PastVerb),
    ("thought", Lex::PastVerb),
    ("became", Lex::PastVerb),
    ("found", Lex::PastVerb),
    ("got", Lex::PastVerb),
    ("kept", Lex::PastVerb),
    ("ran", Lex::PastVerb),
    ("wrote", Lex::PastVerb),
    ("spoke", Lex::PastVerb),
    ("struck", Lex::PastVerb),
    ("fought", Lex::PastVerb),
    ("grew", Lex::PastVerb),
    ("knew", Lex::PastVerb),
    ("sought", Lex::PastVerb),
    ("built", Lex::PastVerb),
    ("sent", Lex::PastVerb),
    ("spent", Lex::PastVerb),
    ("meant", Lex::PastVerb),
    ("felt", Lex::PastVerb),
    ("heard", Lex::PastVerb),
    ("stood", Lex::PastVerb),
    ("chose", Lex::PastVerb),
    ("drove", Lex::PastVerb),
    ("flew", Lex::PastVerb),
    ("broke", Lex::PastVerb),
    ("caught", Lex::PastVerb),
    ("taught", Lex::PastVerb),
    ("drew", Lex::PastVerb),
    ("threw", Lex::PastVerb),
    ("wore", Lex::PastVerb),
    ("swore", Lex::PastVerb),
    ("fled", Lex::PastVerb),
    ("lent", Lex::PastVerb),
    ("dealt", Lex::PastVerb),
    ("rode", Lex::PastVerb),
    ("shook", Lex::PastVerb),
    ("froze", Lex::PastVerb),
    ("stole", Lex::PastVerb),
    ("sank", Lex::PastVerb),
    ("tore", Lex::PastVerb),
    ("woke", Lex::PastVerb),
    ("withdrew", Lex::PastVerb),
    ("understood", Lex::PastVerb),
    ("overtook", Lex::PastVerb),
    ("undertook", Lex::PastVerb),
    ("arose", Lex::PastVerb),
    ("awoke", Lex::PastVerb),
    ("forbade", Lex::PastVerb),
    ("forgave", Lex::PastVerb),
    ("forgot", Lex::PastVerb),
    ("hid", Lex::PastVerb),
    ("slid", Lex::PastVerb),
    ("shot", Lex::PastVerb),
    ("bent", Lex::PastVerb),
    ("bled", Lex::PastVerb),
    ("bound", Lex::PastVerb),
    ("clung", Lex::PastVerb),
    ("dug", Lex::PastVerb),
    ("hung", Lex::PastVerb),
    ("lit", Lex::PastVerb),
    ("slept", Lex::PastVerb),
    ("spun", Lex::PastVerb),
    ("stuck", Lex::PastVerb),
    ("stung", Lex::PastVerb),
    ("strove", Lex::PastVerb),
    ("swept", Lex::PastVerb),
    ("swung", Lex::PastVerb),
    ("wept", Lex::PastVerb),
    ("wound", Lex::PastVerb),
    ("percent", Lex::Percent),
    ("pct", Lex::Percent),
    ("people", Lex::CountNoun),
    ("men", Lex::CountNoun),
    ("women", Lex::CountNoun),
    ("children", Lex::CountNoun),
    ("police", Lex::CountNoun),
    ("staff", Lex::CountNoun),
    ("feet", Lex::CountNoun),
    ("q", Lex::Q),
    ("is", Lex::Be),
    ("are", Lex::Be),
    ("following", Lex::Following),
    ("same", Lex::Same),
    ("christmas", Lex::Christmas),
    ("eve", Lex::Eve),
];

/// Words of the lexicon are at most this long.
const MAX_WORD: usize = 15;

/// A word of up to [`MAX_WORD`] ASCII letters, lower-cased and packed into
/// an integer, so that looking it up neither allocates nor compares strings:
/// the first eight letters are the low `u64`, little-endian, as they lie in
/// the text (see [`pack_chunks`]), the others the high one, whose top byte
/// is the length (so that no word packs to 0).
const fn pack(word: &[u8]) -> Option<u128> {
    if word.len() > MAX_WORD {
        return None;
    }
    let mut key = (word.len() as u128) << 120;
    let mut i = 0;
    while i < word.len() {
        let letter = word[i].to_ascii_lowercase() as u128;
        key |= letter << (if i < 8 { 8 * i } else { 64 + 8 * (i - 8) });
        i += 1;
    }
    Some(key)
}

/// Slots of [`LEXICON_TABLE`]: a power of two about three times the size of
/// the lexicon, so that most lookups read one slot.
const LEXICON_SLOTS: usize = 1024;

const _: () = assert!(LEXICON.len() * 2 < LEXICON_SLOTS);

/// The slot where the search for a packed word starts: the top bits of a
/// multiply-xorshift of its 128 bits.
const fn lexicon_slot(key: u128) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    let mixed = folded.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> (64 - LEXICON_SLOTS.trailing_zeros())) as usize
}

/// [`LEXICON`] as an open-addressing hash table of [`pack`]ed words, built
/// at compile time: a lookup is a multiplication and a comparison or two,
/// where a `HashMap` behind a lazily built static compared groups of slots.
/// Empty slots have the key 0.
static LEXICON_TABLE: [(u128, Lex); LEXICON_SLOTS] = lexicon_table();

const fn lexicon_table() -> [(u128, Lex); LEXICON_SLOTS] {
    let mut table = [(0, Lex::Other); LEXICON_SLOTS];
    let mut w = 0;
    while w < LEXICON.len() {
        let (word, lex) = LEXICON[w];
        if let Some(key) = pack(word.as_bytes()) {
            // The table is never full (see the assertion above), so an empty
            // slot is found.
            let mut slot = lexicon_slot(key);
            while table[slot].0 != 0 {
                slot = (slot + 1) % LEXICON_SLOTS;
            }
            table[slot] = (key, lex);
        }
        w += 1;
    }
    table
}

/// The lexeme of a packed word, if the lexicon has it.
fn lookup(key: u128) -> Option<Lex> {
    let mut slot = lexicon_slot(key);
    for _ in 0..LEXICON_SLOTS {
        let (known, lex) = LEXICON_TABLE[slot];
        if known == key {
            return Some(lex);
        }
        if known == 0 {
            return None;
        }
        slot = (slot + 1) % LEXICON_SLOTS;
    }
    None
}

/// Lower-case words ending in "-ed" (but not "-eed": "need", "proceed")
/// are taken as past-tense verbs for the tense rule.
fn ed_or_other(word: &[u8]) -> Lex {
    let n = word.len();
    if n >= 4 && word[0].is_ascii_lowercase() && word[n - 2..] == *b"ed" && word[n - 3] != b'e' {
        Lex::EdWord
    } else {
        Lex::Other
    }
}

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

/// A normalised date at its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    Day(Date),
    Week(i16, i8),
    Weekend(i16, i8),
    Month(i32, i32),
    Quarter(i32, i32),
    Half(i32, i32),
    Season(i32, Season),
    Year(i32),
    Decade(i32),
    Century(i32),
    Present,
    Past,
    Future,
}

impl Value {
    fn week_of(date: Date) -> Value {
        let week = date.iso_week_date();
        Value::Week(week.year(), week.week())
    }

    fn weekend_of(date: Date) -> Value {
        let week = date.iso_week_date();
        Value::Weekend(week.year(), week.week())
    }

    /// The month `offset` months from `year`-`month` (`month` may be out of
    /// 1..=12 on the way).
    fn month_shifted(year: i32, month: i32, offset: i32) -> Value {
        let index = year * 12 + (month - 1) + offset;
        Value::Month(index.div_euclid(12), index.rem_euclid(12) + 1)
    }

    fn quarter_shifted(year: i32, quarter: i32, offset: i32) -> Value {
        let index = year * 4 + (quarter - 1) + offset;
        Value::Quarter(index.div_euclid(4), index.rem_euclid(4) + 1)
    }

    fn precision(self) -> DatePrecision {
        match self {
            Value::Day(_) => DatePrecision::Day,
            Value::Week(..) | Value::Weekend(..) => DatePrecision::Week,
            Value::Month(..) => DatePrecision::Month,
            Value::Quarter(..) => DatePrecision::Quarter,
            Value::Half(..) => DatePrecision::Half,
            Value::Season(..) => DatePrecision::Season,
            Value::Year(_) => DatePrecision::Year,
            Value::Decade(_) => DatePrecision::Decade,
            Value::Century(_) => DatePrecision::Century,
            Value::Present | Value::Past | Value::Future => DatePrecision::Reference,
        }
    }

    /// The TIMEX3 value, or `None` when the year is outside 1..=9999.
    fn render(self) -> Option<String> {
        let year_ok = |y: i32| (1..=9999).contains(&y);
        Some(match self {
            Value::Day(date) => {
                if !year_ok(i32::from(date.year())) {
                    return None;
                }
                format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
            }
            Value::Week(y, w) if year_ok(i32::from(y)) => format!("{y:04}-W{w:02}"),
            Value::Weekend(y, w) if year_ok(i32::from(y)) => format!("{y:04}-W{w:02}-WE"),
            Value::Month(y, m) if year_ok(y) => format!("{y:04}-{m:02}"),
            Value::Quarter(y, q) if year_ok(y) => format!("{y:04}-Q{q}"),
            Value::Half(y, h) if year_ok(y) => format!("{y:04}-H{h}"),
            Value::Season(y, s) if year_ok(y) => format!("{y:04}-{}", s.code()),
            Value::Year(y) if year_ok(y) => format!("{y:04}"),
            Value::Decade(d) if (1..=999).contains(&d) => format!("{d:03}X"),
            Value::Century(c) if (0..=99).contains(&c) => format!("{c:02}"),
            Value::Present => "PRESENT_REF".to_owned(),
            Value::Past => "PAST_REF".to_owned(),
            Value::Future => "FUTURE_REF".to_owned(),
            _ => return None,
        })
    }
}

/// The tense of the sentence around a mention, for resolving weekdays and
/// dates without a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

/// One match of the grammar: tokens `start..end`, and a value unless the
/// tokens are consumed without being a date ("31 February 2020").
#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    end: usize,
    value: Option<Value>,
    relative: bool,
    /// A quarter a year before another one ("the year-ago quarter"), which
    /// is not itself the quarter a report is about.
    year_ago: bool,
}

impl Found {
    fn absolute(start: usize, end: usize, value: Value) -> Found {
        Found {
            start,
            end,
            value: Some(value),
            relative: false,
            year_ago: false,
        }
    }

    fn relative(start: usize, end: usize, value: Option<Value>) -> Found {
        Found {
            start,
            end,
            value,
            relative: true,
            year_ago: false,
        }
    }

    /// Tokens consumed without a date.
    fn nothing(start: usize, end: usize) -> Found {
        Found {
            start,
            end,
            value: None,
            relative: false,
            year_ago: false,
        }
    }
}

fn weekday_from(index: i8) -> Weekday {
    match index {
        0 => Weekday::Monday,
        1 => Weekday::Tuesday,
        2 => Weekday::Wednesday,
        3 => Weekday::Thursday,
        4 => Weekday::Friday,
        5 => Weekday::Saturday,
        _ => Weekday::Sunday,
    }
}

fn add_days(date: Date, days: i64) -> Option<Date> {
    date.checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

/// The `weekday` nearest to `date` in the given direction, `date` itself
/// included.
fn weekday_on_or_before(date: Date, weekday: Weekday) -> Option<Date> {
    if date.weekday() == weekday {
        Some(date)
    } else {
        date.nth_weekday(-1, weekday).ok()
    }
}

fn weekday_on_or_after(date: Date, weekday: Weekday) -> Option<Date> {
    if date.weekday() == weekday {
        Some(date)
    } else {
        date.nth_weekday(1, weekday).ok()
    }
}

fn quarter_of(date: Date) -> i32 {
    (i32::from(date.month()) - 1) / 3 + 1
}

fn make_date(year: i32, month: i32, day: i32) -> Option<Date> {
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

// ---------------------------------------------------------------------------
// The grammar
// ---------------------------------------------------------------------------

struct Scanner<'a> {
    tokens: &'a [Token],
    text: &'a str,
    published: Option<Date>,
    /// Tokens before this index belong to an earlier match; a match may not
    /// reach back past it.
    floor: usize,
    /// The last quarter mentioned, the anchor of "a year ago" in earnings
    /// reports ("rose 5% from a year ago" means the same quarter last year).
    last_quarter: Option<(i32, i32)>,
    /// Whether the report has moved on from its quarter to the year so far
    /// ("in the first nine months, net rose ... from $5 a year earlier"):
    /// then "a year earlier" is last year, not last year's quarter.
    year_to_date: bool,
    /// The last date mentioned, the anchor of "that year", "the same day",
    /// "the following month".
    last_anchor: Option<Value>,
    out: Vec<DateMention>,
}

impl Scanner<'_> {
    fn run(&mut self) {
        let mut i = 0;
        while i < self.tokens.len() {
            match self.match_at(i) {
                Some(found) if found.end > i => {
                    self.emit(found);
                    i = found.end;
                    self.floor = i;
                }
                _ => i += 1,
            }
        }
    }

    fn emit(&mut self, found: Found) {
        let Some(value) = found.value else { return };
        let Some(rendered) = value.render() else {
            return;
        };
        // The quarter an earnings report is about is a past one named for
        // itself, not "the year-ago quarter" nor next year's. The quarter
        // under way is only reported on when it has ended ("its fourth
        // quarter ended Sept. 30", "reported fourth-quarter earnings"), not
        // in "a fourth-quarter charge will".
        let ended = self.word_text(found.end).eq_ignore_ascii_case("ended");
        if let Value::Quarter(y, q) = value
            && !found.year_ago
            && self.published.is_none_or(|d| {
                let current = (i32::from(d.year()), quarter_of(d));
                (y, q) < current
                    || (y, q) == current && (ended || self.tense(found.start) == Tense::Past)
            })
            && (ended
                || self.last_quarter.is_none_or(|last| (y, q) >= last)
                || (found.start..found.end).any(|k| self.lex(k) == Lex::Fiscal))
        {
            self.last_quarter = Some((y, q));
            self.year_to_date = false;
        }
        if matches!(
            value,
            Value::Day(_)
                | Value::Week(..)
                | Value::Month(..)
                | Value::Quarter(..)
                | Value::Season(..)
                | Value::Half(..)
                | Value::Year(_)
        ) {
            self.last_anchor = Some(value);
        }
        let (Some(first), Some(last)) = (
            self.tokens.get(found.start),
            self.tokens.get(found.end.wrapping_sub(1)),
        ) else {
            return;
        };
        self.out.push(DateMention {
            value: rendered,
            start: first.start,
            end: last.end,
            precision: Some(value.precision()),
            relative: found.relative,
        });
    }

    // -- token access -------------------------------------------------------

    fn lex(&self, i: usize) -> Lex {
        match self.tokens.get(i) {
            Some(Token {
                kind: Kind::Word(lex),
                ..
            }) => *lex,
            _ => Lex::NotWord,
        }
    }

    /// The lexeme `back` tokens before `i`, whether or not matched already.
    fn lex_at_left(&self, i: usize, back: usize) -> Lex {
        match i.checked_sub(back) {
            Some(j) => self.lex(j),
            None => Lex::NotWord,
        }
    }

    /// The lexeme of the token before `i`, if a match may extend over it.
    fn lex_before(&self, i: usize) -> Lex {
        if i > self.floor {
            self.lex(i - 1)
        } else {
            Lex::NotWord
        }
    }

    fn num(&self, i: usize) -> Option<(u32, u8)> {
        match self.tokens.get(i)?.kind {
            Kind::Num { value, digits } => Some((value, digits)),
            _ => None,
        }
    }

    fn is_punct(&self, i: usize, c: u8) -> bool {
        matches!(self.tokens.get(i), Some(Token { kind: Kind::Punct(p), .. }) if *p == c)
    }

    /// Token `i` exists and touches the token before it.
    fn touches(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| !t.space_before)
    }

    fn cap(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.cap)
    }

    fn word_text(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// Whether token `i` opens a sentence: after a blank line, or after
    /// `.`, `!` or `?` when it is capitalised (not after "Sept." or "U.S.").
    fn sentence_start(&self, i: usize) -> bool {
        let Some(token) = self.tokens.get(i) else {
            return true;
        };
        if token.break_before || i == 0 {
            return true;
        }
        let after_stop = matches!(self.tokens[i - 1].kind, Kind::Punct(b'.' | b'!' | b'?'));
        after_stop
            && (token.cap || matches!(token.kind, Kind::Punct(b'"' | b'\'')))
            && !(i >= 2 && matches!(self.lex(i - 2), Lex::MonthAbbr(_)) && self.num(i).is_some())
            && !(i >= 2 && self.tokens[i - 2].end - self.tokens[i - 2].start == 1)
            && !(i >= 2 && self.is_punct(i - 1, b'.') && self.title_abbreviation(i - 2))
    }

    /// Whether token `i` is the first word of a sentence, after any opening
    /// or closing quote: `He left." Now, ...`.
    fn opens_sentence(&self, i: usize) -> bool {
        self.sentence_start(i)
            || (i > 0
                && matches!(self.tokens[i - 1].kind, Kind::Punct(b'"' | b'\''))
                && self.sentence_start(i - 1))
    }

    /// Whether token `i` is an abbreviation that comes before a name and so
    /// does not end a sentence: "Mr. Smith", "Gen. Powell", "Roe vs. Wade".
    fn title_abbreviation(&self, i: usize) -> bool {
        let word = self.word_text(i);
        word.len() <= 5
            && [
                "mr", "mrs", "ms", "messrs", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt",
                "capt", "adm", "cmdr", "maj", "prof", "rev", "st", "mt", "ft", "vs", "pres",
            ]
            .iter()
            .any(|t| word.eq_ignore_ascii_case(t))
    }

    // -- dispatch -----------------------------------------------------------

    fn match_at(&mut self, i: usize) -> Option<Found> {
        match self.tokens[i].kind {
            Kind::Num { .. } => self.match_number(i),
            Kind::Grouped => self.match_dotted(i),
            Kind::Punct(_) => None,
            Kind::Word(lex) => match lex {
                Lex::Month(m) | Lex::MonthAbbr(m) => self.match_month(i, m),
                Lex::Weekday(w) => self.match_weekday(i, w),
                Lex::Today | Lex::Tonight | Lex::Yesterday | Lex::Tomorrow => {
                    self.match_deictic(i, lex)
                }
                Lex::Now | Lex::Currently => self.match_present(i, lex),
                Lex::Current => self.match_current(i),
                Lex::Recently => Some(Found::absolute(i, i + 1, Value::Past)),
                Lex::Recent => self.match_recent(i),
                Lex::Future => self.match_future(i),
                Lex::Past => self.match_past(i),
                Lex::Coming => self.match_coming(i),
                Lex::Unit(unit, plural) => self.match_unit(i, unit, plural),
                Lex::Season(season) => self.match_season(i, season),
                Lex::Half => self.match_half(i),
                Lex::Q => self.match_q(i),
                Lex::Christmas => self.match_christmas(i),
                Lex::NumberWord(19) => self.match_spoken_year(i),
                Lex::Soon => self.match_soon(i),
                Lex::Thanksgiving => self.match_thanksgiving(i),
                Lex::DecadeWord(tens) => self.match_decade_word(i, tens),
                Lex::PartOfDay => self.match_part_of_day(i),
                Lex::Term => self.match_near_term(i),
                Lex::NumberWord(2) => self.match_year_two_thousand(i),
                _ => None,
            },
        }
    }

    // -- tense --------------------------------------------------------------

    /// The tense of the sentence around token `i`: the nearest tense marker
    /// in the same sentence wins (a future marker — will, 'll, shall, is
    /// expected/scheduled/due/going/plans to, next, tomorrow, coming — or a
    /// past one — said, was, were, had, an "-ed" verb, ago, yesterday,
    /// last). Ties go to the future.
    fn tense(&self, i: usize) -> Tense {
        // A deadline is ahead: "until Tuesday", "by Jan. 20", "as early as
        // Tuesday", "as soon as Friday".
        match self.lex_at_left(i, 1) {
            // Unless the sentence looks back from it: "had filed by
            // Wednesday", "until Thursday, they had not called him" (but
            // "they had until Friday to sign" is still ahead).
            Lex::Until | Lex::By
                if self.lex_at_left(i, 2) != Lex::PastVerb
                    && self.past_perfect(i)
                    && self.nearest_tense(i) == Tense::Past =>
            {
                return Tense::Past;
            }
            Lex::Until | Lex::By => return Tense::Future,
            Lex::As
                if matches!(self.word_text(i.wrapping_sub(2)), "early" | "soon")
                    && self.lex_at_left(i, 3) == Lex::As =>
            {
                return Tense::Future;
            }
            _ => {}
        }
        self.nearest_tense(i)
    }

    /// The tense of the nearest tense marker around token `i` in its
    /// sentence; ties go to the future.
    fn nearest_tense(&self, i: usize) -> Tense {
        let mut best: Option<(usize, Tense)> = None;
        let mut j = i;
        let mut distance = 0;
        while j > 0 && distance < TENSE_WINDOW && !self.sentence_start(j) {
            j -= 1;
            distance += 1;
            if let Some(tense) = self.tense_marker(j) {
                best = Some((distance, tense));
                break;
            }
        }
        let mut j = i + 1;
        let mut distance = 1;
        while j < self.tokens.len()
            && distance < TENSE_WINDOW
            && !self.sentence_start(j)
            && best.is_none_or(|(d, _)| distance <= d)
        {
            if let Some(tense) = self.tense_marker(j) {
                if best.is_none_or(|(d, t)| distance < d || t != tense) {
                    best = Some((distance, tense));
                }
                break;
            }
            j += 1;
            distance += 1;
        }
        best.map_or(Tense::Unknown, |(_, tense)| tense)
    }

    /// Whether the sentence around token `i` has "had", the past perfect
    /// (not "had to", an obligation).
    fn past_perfect(&self, i: usize) -> bool {
        let had =
            |j: usize| self.word_text(j).eq_ignore_ascii_case("had") && self.lex(j + 1) != Lex::To;
        let mut j = i;
        while j > 0 && i - j < TENSE_WINDOW && !self.sentence_start(j) {
            j -= 1;
            if had(j) {
                return true;
            }
        }
        let mut j = i + 1;
        while j < self.tokens.len() && j - i < TENSE_WINDOW && !self.sentence_start(j) {
            if had(j) {
                return true;
            }
            j += 1;
        }
        false
    }

    fn tense_marker(&self, j: usize) -> Option<Tense> {
        match self.lex(j) {
            // "next to the station" is a place.
            Lex::Next if self.lex(j + 1) == Lex::To => None,
            Lex::Will | Lex::FutureVerb | Lex::Next | Lex::Tomorrow | Lex::Coming => {
                Some(Tense::Future)
            }
            // "plans to", "is due to", "set to": not "his plans" or "set aside".
            Lex::FutureIfTo if self.lex(j + 1) == Lex::To => Some(Tense::Future),
            // "they may soon decide", "it might close".
            Lex::Month(5) if !self.cap(j) => Some(Tense::Future),
            Lex::Might => Some(Tense::Future),
            // "is to open", "are to meet".
            Lex::Be if self.lex(j + 1) == Lex::To => Some(Tense::Future),
            Lex::Ll if j > 0 && self.is_punct(j - 1, b'\'') => Some(Tense::Future),
            Lex::PastVerb | Lex::EdWord | Lex::Ago | Lex::Yesterday | Lex::Last => {
                Some(Tense::Past)
            }
            _ => None,
        }
    }

    // -- year inference -----------------------------------------------------

    /// The date of `month`/`day` without a year: the occurrence nearest the
    /// publication date, where an occurrence against the sentence's tense
    /// (after the publication date in a past sentence, before it in a
    /// future one) counts as [`DAY_TENSE_PENALTY`] days further away.
    fn infer_day(&self, i: usize, month: i32, day: i32) -> Option<Value> {
        let published = self.published?;
        let year = i32::from(published.year());
        let tense = self.tense(i);
        // "the year ended Jan. 31": a period that has ended, ended before
        // the report.
        let ended = i > 0 && self.word_text(i - 1).eq_ignore_ascii_case("ended");
        let chosen = [year - 1, year, year + 1]
            .into_iter()
            .filter_map(|y| make_date(y, month, day))
            .filter(|d| !ended || *d <= published)
            .min_by_key(|d| {
                let days = (*d - published).get_days();
                let against_tense = match tense {
                    Tense::Future => days < 0,
                    Tense::Past => days > 0,
                    Tense::Unknown => false,
                };
                days.abs() + if against_tense { DAY_TENSE_PENALTY } else { 0 }
            })?;
        Some(Value::Day(chosen))
    }

    /// The year of a month named without one, by the same rule as
    /// [`Scanner::infer_day`].
    fn infer_month(&self, i: usize, month: i32) -> Option<Value> {
        let published = self.published?;
        let year = i32::from(published.year());
        let current = i32::from(published.month());
        let tense = self.tense(i);
        let chosen = [year - 1, year, year + 1].into_iter().min_by_key(|y| {
            let months = (y * 12 + month) - (year * 12 + current);
            let against_tense = match tense {
                Tense::Future => months < 0,
                Tense::Past => months > 0,
                Tense::Unknown => false,
            };
            months.abs()
                + if against_tense {
                    MONTH_TENSE_PENALTY
                } else {
                    0
                }
        })?;
        Some(Value::Month(chosen, month))
    }

    // -- left extensions ----------------------------------------------------

    /// Extends a match leftwards over modifiers that do not change its
    /// value: "early", "late", "mid-", "the end of", "fiscal", and "the"
    /// when `with_the`.
    fn extend_left(&self, mut start: usize, with_the: bool) -> usize {
        loop {
            match self.lex_before(start) {
                Lex::Early | Lex::Late | Lex::Mid | Lex::Fiscal => start -= 1,
                Lex::NotWord
                    if self.is_punct(start.wrapping_sub(1), b'-')
                        && self.touches(start)
                        && start >= self.floor + 2
                        && matches!(self.lex(start - 2), Lex::Early | Lex::Late | Lex::Mid)
                        && self.touches(start - 1) =>
                {
                    start -= 2;
                }
                Lex::Of
                    if start >= self.floor + 3
                        && self.lex(start - 2) == Lex::Edge
                        && self.lex(start - 3) == Lex::The =>
                {
                    return start - 3;
                }
                Lex::The if with_the => return start - 1,
                _ => return start,
            }
        }
    }

    /// Extends a relative match over "earlier", "later", "early", "late".
    fn extend_relative(&self, start: usize) -> usize {
        match self.lex_before(start) {
            Lex::Earlier | Lex::Later | Lex::Early | Lex::Late => start - 1,
            _ => start,
        }
    }

    // -- numbers ------------------------------------------------------------

    /// Whether the number at `i` reads as a year: four digits between 1000
    /// and 2099, not money ("$2010"), not glued to letters ("A2010"), not a
    /// count ("2018 people", "2000 troops", "1999 percent") and not part of
    /// a longer number.
    ///
    /// A year right after a month or a season ("March 2022 prices") is not
    /// checked for a count noun after it: `after_date_word`.
    fn year_at(&self, i: usize) -> Option<i32> {
        self.year_checked(i, false)
    }

    fn year_after_date_word(&self, i: usize) -> Option<i32> {
        self.year_checked(i, true)
    }

    fn year_checked(&self, i: usize, after_date_word: bool) -> Option<i32> {
        let (value, digits) = self.num(i)?;
        if digits != 4 || !(1000..=2099).contains(&value) {
            return None;
        }
        if i > 0 {
            let before = self.tokens[i - 1];
            if self.touches(i) {
                match before.kind {
                    Kind::Word(Lex::Mid) | Kind::Punct(b'-' | b'\'' | b'(' | b'"' | b'/') => {}
                    Kind::Punct(b'.') if !self.touches(i - 1) => {}
                    _ => return None,
                }
            }
            if matches!(before.kind, Kind::Punct(b'$' | b'#')) {
                return None;
            }
        }
        if let Some(next) = self.tokens.get(i + 1) {
            match next.kind {
                Kind::Punct(b'%') => return None,
                Kind::Word(Lex::S | Lex::OrdSuffix) if !next.space_before => {}
                Kind::Word(_) if !next.space_before => return None,
                Kind::Num { .. } | Kind::Grouped if !next.space_before => return None,
                Kind::Word(Lex::Percent) => return None,
                Kind::Word(Lex::CountNoun | Lex::Unit(_, true)) if !after_date_word => return None,
                Kind::Word(Lex::Other)
                    if !after_date_word && self.looks_plural(i + 1) && !self.determined(i) =>
                {
                    return None;
                }
                _ => {}
            }
        }
        Some(value as i32)
    }

    /// Whether token `i` follows a determiner or a possessive, as a year
    /// that modifies a noun does: "the 1992 elections", "its 1995 results",
    /// "the firm's 1987 model" (a count does not: "2018 people").
    fn determined(&self, i: usize) -> bool {
        match self.lex_at_left(i, 1) {
            Lex::The | Lex::Determiner => true,
            Lex::S => self.is_punct(i.wrapping_sub(2), b'\''),
            _ => false,
        }
    }

    /// A lower-case word ending in "s" that is probably a plural noun
    /// ("2018 votes"), so the number before it is a count.
    fn looks_plural(&self, i: usize) -> bool {
        let word = self.word_text(i).as_bytes();
        let n = word.len();
        if n < 4 || !word[0].is_ascii_lowercase() || word[n - 1] != b's' || word[n - 2] == b's' {
            return false;
        }
        !matches!(
            word,
            b"this"
                | b"thus"
                | b"plus"
                | b"versus"
                | b"across"
                | b"always"
                | b"perhaps"
                | b"whereas"
                | b"unless"
                | b"besides"
                | b"towards"
                | b"afterwards"
                | b"has"
                | b"was"
                | b"does"
                | b"says"
                | b"gives"
                | b"makes"
                | b"marks"
                | b"sees"
                | b"brings"
                | b"leaves"
                | b"remains"
                | b"looks"
                | b"seems"
                | b"becomes"
                | b"comes"
                | b"goes"
                | b"means"
                | b"takes"
        )
    }

    fn match_number(&mut self, i: usize) -> Option<Found> {
        let (value, digits) = self.num(i)?;
        if i > 0 && matches!(self.tokens[i - 1].kind, Kind::Punct(b'$')) {
            return Some(Found::nothing(i, i + 1));
        }
        if let Some(found) = self.match_numeric_date(i) {
            return Some(found);
        }
        if (1..=2).contains(&digits)
            && let Some(found) = self.match_day_month(i, value)
        {
            return Some(found);
        }
        let apostrophe = i > 0 && self.is_punct(i - 1, b'\'') && self.touches(i);
        // "the 80s", "the early 70s", but not "in their 70s" (an age).
        let introduced = matches!(
            self.lex_before(i),
            Lex::The | Lex::Early | Lex::Late | Lex::Mid
        );
        if digits == 2
            && (apostrophe || introduced)
            && self.lex(i + 1) == Lex::S
            && self.touches(i + 1)
            && value % 10 == 0
        {
            // "the '80s": the century is the one the decade most recently
            // started in, relative to 2000 when nothing better is known.
            let published_decade = self.published.map_or(200, |d| i32::from(d.year()) / 10);
            let mut decade = 190 + value as i32 / 10;
            if decade + 10 <= published_decade {
                decade += 10;
            }
            let start = self.extend_left(if apostrophe { i - 1 } else { i }, true);
            return Some(Found::absolute(start, i + 2, Value::Decade(decade)));
        }
        if (1..=2).contains(&digits)
            && (1..=21).contains(&value)
            && self.lex(i + 1) == Lex::OrdSuffix
            && self.touches(i + 1)
            && self.lex(i + 2) == Lex::Unit(Unit::Century, false)
        {
            let start = self.extend_left(i, true);
            return Some(Found::absolute(
                start,
                i + 3,
                Value::Century(value as i32 - 1),
            ));
        }
        let year = self.year_at(i)?;
        // "1990s": a decade.
        if self.lex(i + 1) == Lex::S && self.touches(i + 1) {
            if year % 10 != 0 {
                return Some(Found::nothing(i, i + 2));
            }
            let start = self.extend_left(i, true);
            return Some(Found::absolute(start, i + 2, Value::Decade(year / 10)));
        }
        // "the 1988 second quarter".
        if let Lex::Ordinal(q) = self.lex(i + 1)
            && let Some(end) = self.quarter_word(i + 2)
        {
            let start = self.extend_left(i, true);
            return Some(Found::absolute(
                start,
                end,
                Value::Quarter(year, i32::from(q)),
            ));
        }
        // "the 1988 quarter", "the 1989 period": in an earnings report, the
        // quarter being reported, in that year.
        if self.lex_before(i) == Lex::The
            && let Lex::Unit(unit @ (Unit::Quarter | Unit::Period), false) = self.lex(i + 1)
        {
            let value = match (self.last_quarter, unit) {
                // "the 1988 period" after "the nine months" is that year.
                (Some(_), Unit::Period) if self.year_to_date => Value::Year(year),
                (Some((_, q)), _) => Value::Quarter(year, q),
                (None, Unit::Period) => Value::Year(year),
                (None, _) => return None,
            };
            return Some(Found {
                year_ago: true,
                ..Found::absolute(i - 1, i + 2, value)
            });
        }
        let mut start = self.extend_left(i, false);
        // "the year 2000".
        if start == i
            && self.lex_before(i) == Lex::Unit(Unit::Year, false)
            && i >= self.floor + 2
            && self.lex(i - 2) == Lex::The
        {
            start = i - 2;
        }
        Some(Found::absolute(start, i + 1, Value::Year(year)))
    }

    /// `quarter` (after an optional hyphen) at `i`; the end of the match.
    fn quarter_word(&self, i: usize) -> Option<usize> {
        let i = if self.is_punct(i, b'-') { i + 1 } else { i };
        (self.lex(i) == Lex::Unit(Unit::Quarter, false)).then_some(i + 1)
    }

    /// "2022-03-09", "2022/03/09", "2022-03", and numeric day/month forms
    /// "9/3/2022", "03-09-22": see [`numeric_day_month`].
    fn match_numeric_date(&self, i: usize) -> Option<Found> {
        let (first, digits) = self.num(i)?;
        let sep = match self.tokens.get(i + 1)?.kind {
            Kind::Punct(c @ (b'-' | b'/')) if self.touches(i + 1) => c,
            _ => return None,
        };
        let (second, second_digits) = self.num(i + 2).filter(|_| self.touches(i + 2))?;
        // A date is not a piece of a longer code ("1-2-3-4", "555-2010-12").
        if i > 0 && self.touches(i) && !matches!(self.tokens[i - 1].kind, Kind::Punct(b'(')) {
            return None;
        }
        let has_third = self.is_punct(i + 3, sep) && self.touches(i + 3) && self.touches(i + 4);
        let third = if has_third { self.num(i + 4) } else { None };
        let end = if third.is_some() { i + 5 } else { i + 3 };
        if third.is_some()
            && self.tokens.get(end).is_some_and(|t| {
                !t.space_before
                    && !matches!(t.kind, Kind::Punct(b'.' | b',' | b')' | b';' | b':' | b'T'))
                    && !matches!(t.kind, Kind::Word(_))
            })
        {
            return None;
        }
        if digits == 4 {
            let year = first as i32;
            if second_digits != 2 {
                return None;
            }
            return match third {
                Some((day, 2)) => Some(match make_date(year, second as i32, day as i32) {
                    Some(date) => Found::absolute(i, end, Value::Day(date)),
                    None => Found::nothing(i, end),
                }),
                Some(_) => None,
                // "2022-03", but not the range "1998-99".
                None if (1..=12).contains(&second) && !has_third => {
                    Some(Found::absolute(i, end, Value::Month(year, second as i32)))
                }
                None => None,
            };
        }
        let (third, third_digits) = third?;
        if digits > 2 || second_digits > 2 || !(third_digits == 2 || third_digits == 4) {
            return None;
        }
        let year = if third_digits == 4 {
            third as i32
        } else {
            two_digit_year(third as i32)
        };
        Some(
            match numeric_day_month(first as i32, second as i32, sep)
                .and_then(|(month, day)| make_date(year, month, day))
            {
                Some(date) => Found::absolute(i, end, Value::Day(date)),
                None => Found::nothing(i, end),
            },
        )
    }

    /// "09.03.2022": dotted numbers are read day first.
    fn match_dotted(&self, i: usize) -> Option<Found> {
        let token = self.tokens[i];
        let raw = self.text.get(token.start..token.end)?;
        let mut parts = raw.split('.');
        let (Some(a), Some(b), Some(c), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let short = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
        if !short(a) || !short(b) || !(c.len() == 4 || c.len() == 2) || c.contains(',') {
            return None;
        }
        let day: i32 = a.parse().ok()?;
        let month: i32 = b.parse().ok()?;
        let mut year: i32 = c.parse().ok()?;
        if c.len() == 2 {
            year = two_digit_year(year);
        }
        Some(match make_date(year, month, day) {
            Some(date) => Found::absolute(i, i + 1, Value::Day(date)),
            None => Found::nothing(i, i + 1),
        })
    }

    /// "9 March 2022", "9th of March", "9 March" (year from the
    /// publication date). An impossible day ("31 February 2020") consumes
    /// the tokens without giving a date.
    fn match_day_month(&self, i: usize, day: u32) -> Option<Found> {
        if !(1..=31).contains(&day) {
            return None;
        }
        let mut j = i + 1;
        if self.lex(j) == Lex::OrdSuffix && self.touches(j) {
            j += 1;
        }
        if self.lex(j) == Lex::Of {
            j += 1;
        }
        let month = match self.lex(j) {
            Lex::Month(m) | Lex::MonthAbbr(m) if self.cap(j) => i32::from(m),
            _ => return None,
        };
        j += 1;
        if self.is_punct(j, b'.') && matches!(self.lex(j - 1), Lex::MonthAbbr(_)) {
            j += 1;
        }
        let start = if self.lex_before(i) == Lex::The && self.lex(i + 1) == Lex::OrdSuffix {
            i - 1
        } else {
            i
        };
        let comma = usize::from(self.is_punct(j, b','));
        if let Some(year) = self.year_after_date_word(j + comma) {
            let end = j + comma + 1;
            return Some(match make_date(year, month, day as i32) {
                Some(date) => Found::absolute(start, end, Value::Day(date)),
                None => Found::nothing(start, end),
            });
        }
        if make_date(2000, month, day as i32).is_none() {
            return Some(Found::nothing(start, j));
        }
        Some(Found::relative(
            start,
            j,
            self.infer_day(i, month, day as i32),
        ))
    }

    /// "nineteen ninety-six", "nineteen eighty": spoken years in transcripts.
    fn match_spoken_year(&self, i: usize) -> Option<Found> {
        let (year, end) = self.spoken_year(i)?;
        let start = if self.lex_before(i) == Lex::Unit(Unit::Year, false)
            && i >= self.floor + 2
            && self.lex(i - 2) == Lex::The
        {
            i - 2
        } else {
            self.extend_left(i, false)
        };
        Some(Found::absolute(start, end, Value::Year(year)))
    }

    /// A year spelled out from token `i` ("nineteen ninety-six"), and the
    /// end of its tokens.
    fn spoken_year(&self, i: usize) -> Option<(i32, usize)> {
        if self.lex(i) != Lex::NumberWord(19) {
            return None;
        }
        let Lex::NumberWord(tens) = self.lex(i + 1) else {
            return None;
        };
        if !(20..=90).contains(&tens) || tens % 10 != 0 {
            return None;
        }
        let mut year = 1900 + i32::from(tens);
        let mut end = i + 2;
        if self.is_punct(end, b'-')
            && let Lex::NumberWord(unit @ 1..=9) = self.lex(end + 1)
        {
            year += i32::from(unit);
            end += 2;
        } else if self.is_punct(end, b'-') && self.word_text(end + 1).eq_ignore_ascii_case("one") {
            year += 1;
            end += 2;
        } else if let Lex::A = self.lex(end)
            && self.word_text(end).eq_ignore_ascii_case("one")
        {
            year += 1;
            end += 1;
        }
        if self.lex(end) == Lex::Unit(Unit::Year, true) || self.lex(end) == Lex::CountNoun {
            return None;
        }
        Some((year, end))
    }

    // -- months -------------------------------------------------------------

    fn match_month(&mut self, i: usize, month: i8) -> Option<Found> {
        if !self.cap(i) {
            return None;
        }
        let month = i32::from(month);
        let abbreviated = matches!(self.lex(i), Lex::MonthAbbr(_));
        let mut j = i + 1;
        if abbreviated && self.is_punct(j, b'.') {
            j += 1;
        }
        // "March 9", "March 9th", "March 9, 2022".
        if let Some((day, 1..=2)) = self.num(j)
            && day <= 31
            && !(self.is_punct(j + 1, b':') && self.num(j + 2).is_some() && self.touches(j + 2))
            && !(self.is_punct(j + 1, b'.') && self.num(j + 2).is_some() && self.touches(j + 2))
        {
            let mut end = j + 1;
            if self.lex(end) == Lex::OrdSuffix && self.touches(end) {
                end += 1;
            }
            let comma = usize::from(self.is_punct(end, b','));
            if let Some(year) = self.year_after_date_word(end + comma) {
                let end = end + comma + 1;
                return Some(match make_date(year, month, day as i32) {
                    Some(date) => Found::absolute(i, end, Value::Day(date)),
                    None => Found::nothing(i, end),
                });
            }
            if make_date(2000, month, day as i32).is_none() {
                return Some(Found::nothing(i, end));
            }
            let value = self.infer_day(i, month, day as i32);
            return Some(Found::relative(i, end, value));
        }
        // "March 2022", "March, 2022", "March of 2022".
        let gap = usize::from(self.is_punct(j, b',') || self.lex(j) == Lex::Of);
        if let Some(year) = self.year_after_date_word(j + gap) {
            let start = self.extend_left(i, false);
            return Some(Found::absolute(
                start,
                j + gap + 1,
                Value::Month(year, month),
            ));
        }
        if let Some((year, end)) = self.spoken_year(j + gap) {
            let start = self.extend_left(i, false);
            return Some(Found::absolute(start, end, Value::Month(year, month)));
        }
        if abbreviated {
            return None;
        }
        // "January this year", "June last year".
        if self.lex(j + 1) == Lex::Unit(Unit::Year, false)
            && let Some(published) = self.published
        {
            let year = i32::from(published.year());
            let year = match self.lex(j) {
                Lex::This => Some(year),
                Lex::Last => Some(year - 1),
                Lex::Next => Some(year + 1),
                _ => None,
            };
            if let Some(year) = year {
                let start = self.extend_left(i, false);
                return Some(Found::relative(
                    start,
                    j + 2,
                    Some(Value::Month(year, month)),
                ));
            }
        }
        self.match_bare_month(i, month)
    }

    /// A month named alone. "May" and "March" are also a verb and a noun
    /// ("you may", "the march"), and months are also names ("Theresa May",
    /// "June Carter"): a bare month must be capitalised, must not sit next
    /// to another capitalised name, and "May"/"March" must follow a word
    /// that introduces a date ("in", "since", "last", "early"...).
    fn match_bare_month(&self, i: usize, month: i32) -> Option<Found> {
        if self
            .tokens
            .get(i + 1)
            .is_some_and(|t| t.cap && matches!(t.kind, Kind::Word(_)))
            && !matches!(self.lex(i + 1), Lex::Month(_) | Lex::Weekday(_))
        {
            return None;
        }
        let before = if i > 0 { self.lex(i - 1) } else { Lex::NotWord };
        if i > 0
            && self.cap(i - 1)
            && matches!(before, Lex::Other | Lex::EdWord)
            && !self.sentence_start(i - 1)
        {
            return None;
        }
        let introduced = matches!(
            before,
            Lex::Prep
                | Lex::Until
                | Lex::By
                | Lex::Of
                | Lex::Early
                | Lex::Late
                | Lex::Mid
                | Lex::Last
                | Lex::Next
                | Lex::This
                | Lex::Month(_)
        ) || (self.is_punct(i.wrapping_sub(1), b'-')
            && matches!(
                self.lex(i.wrapping_sub(2)),
                Lex::Mid | Lex::Early | Lex::Late
            ));
        if matches!(month, 3 | 5) && !introduced {
            return None;
        }
        let published = self.published?;
        let year = i32::from(published.year());
        let current = i32::from(published.month());
        let modifier = self.lex_before(i);
        let value = match modifier {
            Lex::Last if month < current => Value::Month(year, month),
            Lex::Last => Value::Month(year - 1, month),
            Lex::Next if month > current => Value::Month(year, month),
            Lex::Next => Value::Month(year + 1, month),
            Lex::This => Value::Month(year, month),
            _ => self.infer_month(i, month)?,
        };
        let start = if matches!(modifier, Lex::Last | Lex::Next | Lex::This) {
            i - 1
        } else {
            self.extend_left(i, false)
        };
        Some(Found::relative(start, i + 1, Some(value)))
    }

    // -- weekdays -----------------------------------------------------------

    /// A weekday: the most recent one on or before the publication date,
    /// or the first one on or after it when the sentence is in the future
    /// tense (HeidelTime's news rule). "last Friday" is the one strictly
    /// before, "next Friday" the one strictly after. "Sunday Times" (a
    /// weekday followed by a capitalised name) is not a date.
    fn match_weekday(&mut self, i: usize, weekday: i8) -> Option<Found> {
        if !self.cap(i) {
            return None;
        }
        // Named days are not the nearest such weekday: "Black Monday" (1987),
        // "Good Friday", "Super Tuesday".
        if i > 0
            && self.cap(i - 1)
            && matches!(
                self.word_text(i - 1).to_ascii_lowercase().as_str(),
                "black"
                    | "good"
                    | "super"
                    | "easter"
                    | "bloody"
                    | "cyber"
                    | "ash"
                    | "palm"
                    | "holy"
                    | "maundy"
                    | "shrove"
                    | "whit"
                    | "low"
                    | "plough"
                    | "giving"
            )
        {
            return Some(Found::nothing(i - 1, i + 1));
        }
        let mut end = i + 1;
        // "Friday, Oct. 9": the date says which Friday.
        let comma = usize::from(self.is_punct(end, b','));
        if let Lex::Month(m) | Lex::MonthAbbr(m) = self.lex(end + comma)
            && let Some(found) = self.match_month(end + comma, m)
            && found.start == end + comma
            && found.value.is_some_and(|v| matches!(v, Value::Day(_)))
        {
            return Some(Found { start: i, ..found });
        }
        if let Some((_, 1..=2)) = self.num(end + comma)
            && let Some(found) = self.match_number(end + comma)
            && found.value.is_some_and(|v| matches!(v, Value::Day(_)))
        {
            return Some(Found { start: i, ..found });
        }
        if self.lex(end) == Lex::PartOfDay && !self.cap(end) {
            end += 1;
        } else if self
            .tokens
            .get(end)
            .is_some_and(|t| t.cap && matches!(t.kind, Kind::Word(_)))
            && !matches!(self.lex(end), Lex::Month(_) | Lex::Weekday(_))
        {
            // "Sunday Times", "Monday Night Football".
            return None;
        }
        let weekday = weekday_from(weekday);
        let modifier = self.lex_before(i);
        let start = match modifier {
            Lex::Last | Lex::Next | Lex::This | Lex::Coming | Lex::Previous => i - 1,
            _ => self.extend_relative(i),
        };
        let mut start = if modifier == Lex::Coming && self.lex_before(start) == Lex::This {
            start - 1
        } else {
            start
        };
        // "the day before last Tuesday", "the day after Friday".
        let mut offset = 0;
        if start >= self.floor + 3
            && self.lex(start - 2) == Lex::Unit(Unit::Day, false)
            && self.lex(start - 3) == Lex::The
        {
            match self.word_text(start - 1) {
                "before" => offset = -1,
                "after" => offset = 1,
                _ => {}
            }
            if offset != 0 {
                start -= 3;
            }
        }
        let Some(published) = self.published else {
            return Some(Found::relative(start, end, None));
        };
        let date = match modifier {
            Lex::Last | Lex::Previous => published.nth_weekday(-1, weekday).ok(),
            Lex::Next => published.nth_weekday(1, weekday).ok(),
            Lex::Coming => weekday_on_or_after(published, weekday),
            _ => match self.tense(i) {
                Tense::Future => weekday_on_or_after(published, weekday),
                Tense::Past | Tense::Unknown => weekday_on_or_before(published, weekday),
            },
        };
        let date = date.and_then(|d| add_days(d, offset));
        Some(Found::relative(start, end, date.map(Value::Day)))
    }

    // -- today, yesterday, now ---------------------------------------------

    fn match_deictic(&self, i: usize, lex: Lex) -> Option<Found> {
        // "today's world", "today's youth": the present age, not the day.
        if lex == Lex::Today
            && self.is_punct(i + 1, b'\'')
            && self.touches(i + 1)
            && self.word_text(i + 2) == "s"
            && matches!(
                self.word_text(i + 3).to_ascii_lowercase().as_str(),
                "world" | "youth" | "society" | "generation" | "culture" | "era" | "age"
            )
        {
            return None;
        }
        // "USA Today", "VOA Today": a capitalised name before it makes it a
        // title, as mid-sentence "This Week" is.
        if lex == Lex::Today
            && self.cap(i)
            && i > 0
            && self.cap(i - 1)
            && matches!(self.tokens[i - 1].kind, Kind::Word(_))
            && !self.sentence_start(i)
            && !self.sentence_start(i - 1)
        {
            return None;
        }
        let mut end = i + 1;
        if self.lex(end) == Lex::PartOfDay && lex != Lex::Tonight {
            end += 1;
        }
        let mut offset = match lex {
            Lex::Yesterday => -1,
            Lex::Tomorrow => 1,
            _ => 0,
        };
        let mut start = self.extend_relative(i);
        // "the day before yesterday", "the day after tomorrow".
        if start == i
            && i >= self.floor + 3
            && self.lex(i - 2) == Lex::Unit(Unit::Day, false)
            && self.lex(i - 3) == Lex::The
            && matches!(self.word_text(i - 1), "before" | "after")
        {
            offset *= 2;
            start = i - 3;
        }
        let value = self
            .published
            .and_then(|d| add_days(d, offset))
            .map(Value::Day);
        Some(Found::relative(start, end, value))
    }

    fn match_present(&self, i: usize, lex: Lex) -> Option<Found> {
        if lex == Lex::Now {
            // "now-defunct" is an adjective.
            if self.is_punct(i + 1, b'-') && self.touches(i + 1) {
                return None;
            }
            // "Now, he says, ..." opening a sentence marks a turn in the
            // argument, not the present.
            if self.opens_sentence(i) && self.is_punct(i + 1, b',') {
                return None;
            }
            let start = if self.lex_before(i) == Lex::Right {
                i - 1
            } else {
                i
            };
            return Some(Found::absolute(start, i + 1, Value::Present));
        }
        Some(Found::absolute(i, i + 1, Value::Present))
    }

    /// "current" alone is the present; "the current year" is a year.
    fn match_current(&mut self, i: usize) -> Option<Found> {
        let unit_at = if self.lex(i + 1) == Lex::Fiscal {
            i + 2
        } else {
            i + 1
        };
        if let Lex::Unit(unit, false) = self.lex(unit_at) {
            return self.match_unit(unit_at, unit, false);
        }
        Some(Found::absolute(i, i + 1, Value::Present))
    }

    /// "recent years", "recent weeks" are the past; "recent" alone is
    /// mostly an adjective of something else ("the recent talks").
    fn match_recent(&self, i: usize) -> Option<Found> {
        match self.lex(i + 1) {
            Lex::Unit(_, true) => Some(Found::absolute(i, i + 2, Value::Past)),
            _ => None,
        }
    }

    /// "soon" is the future; "as soon as", "soon after" relate two events,
    /// and in a past sentence ("the rally soon turned violent") it is narrative.
    fn match_soon(&self, i: usize) -> Option<Found> {
        if self.lex_at_left(i, 1) == Lex::As
            || matches!(self.lex(i + 1), Lex::As | Lex::Prep)
            || self.word_text(i + 1).eq_ignore_ascii_case("afterward")
            || self.tense(i) == Tense::Past
        {
            return None;
        }
        Some(Found::absolute(i, i + 1, Value::Future))
    }

    /// "the nineties", "the eighties": decades of the 1900s.
    fn match_decade_word(&self, i: usize, tens: u8) -> Option<Found> {
        if self.lex_before(i) != Lex::The {
            return None;
        }
        let start = self.extend_left(i, true);
        Some(Found::absolute(
            start,
            i + 1,
            Value::Decade(190 + i32::from(tens)),
        ))
    }

    /// "Thanksgiving" (Day): the fourth Thursday of November, the year
    /// chosen as for a date without a year.
    fn match_thanksgiving(&self, i: usize) -> Option<Found> {
        if !self.cap(i) {
            return None;
        }
        let end = if self.lex(i + 1) == Lex::Unit(Unit::Day, false) {
            i + 2
        } else {
            i + 1
        };
        let published = self.published?;
        let thanksgiving = |year: i32| {
            make_date(year, 11, 1).and_then(|d| {
                weekday_on_or_after(d, Weekday::Thursday).and_then(|t| add_days(t, 21))
            })
        };
        let year = i32::from(published.year());
        let (start, date) = match self.lex_before(i) {
            Lex::Last => (
                i - 1,
                (year - 1..=year)
                    .rev()
                    .filter_map(thanksgiving)
                    .find(|d| *d < published),
            ),
            Lex::Next => (
                i - 1,
                (year..=year + 1)
                    .filter_map(thanksgiving)
                    .find(|d| *d > published),
            ),
            _ => {
                let this_year = thanksgiving(year)?;
                let date = match self.tense(i) {
                    Tense::Future if this_year < published => thanksgiving(year + 1),
                    Tense::Past | Tense::Unknown if this_year > published => thanksgiving(year - 1),
                    _ => Some(this_year),
                };
                (i, date)
            }
        };
        Some(Found::relative(start, end, date.map(Value::Day)))
    }

    /// "the future", "the near future", "the foreseeable future".
    fn match_future(&self, i: usize) -> Option<Found> {
        let mut start = i;
        if i > self.floor && matches!(self.lex(i - 1), Lex::Near | Lex::Other) {
            let word = self.word_text(i - 1).to_ascii_lowercase();
            if matches!(
                word.as_str(),
                "near" | "foreseeable" | "distant" | "immediate"
            ) {
                start -= 1;
            }
        }
        // "the future of the company" is a topic, not a time.
        if self.lex_before(start) != Lex::The || self.lex(i + 1) == Lex::Of {
            return None;
        }
        Some(Found::absolute(start - 1, i + 1, Value::Future))
    }

    /// "the near term", "the short term": the future.
    fn match_near_term(&self, i: usize) -> Option<Found> {
        let near = self.lex_before(i) == Lex::Near
            || (self.lex_before(i) == Lex::Other
                && self.word_text(i - 1).eq_ignore_ascii_case("short"));
        if !near || i < self.floor + 2 || self.lex(i - 2) != Lex::The {
            return None;
        }
        Some(Found::absolute(i - 2, i + 1, Value::Future))
    }

    /// "the year two thousand" (and "two thousand one"...): only after
    /// "the year", since "two thousand" is mostly a number.
    fn match_year_two_thousand(&self, i: usize) -> Option<Found> {
        if self.lex(i + 1) != Lex::Thousand
            || self.lex_before(i) != Lex::Unit(Unit::Year, false)
            || i < self.floor + 2
            || self.lex(i - 2) != Lex::The
        {
            return None;
        }
        let mut end = i + 2;
        let mut year = 2000;
        if self.lex(end) == Lex::Conj && self.word_text(end).eq_ignore_ascii_case("and") {
            end += 1;
        }
        match self.lex(end) {
            // "two thousand and nineteen", not "... and nineteen ninety-six".
            Lex::NumberWord(n @ 2..=19) if !matches!(self.lex(end + 1), Lex::NumberWord(_)) => {
                year += i32::from(n);
                end += 1;
            }
            Lex::A if self.word_text(end).eq_ignore_ascii_case("one") => {
                year += 1;
                end += 1;
            }
            _ => end = i + 2,
        }
        Some(Found::absolute(i - 2, end, Value::Year(year)))
    }

    /// "the past" (not "the past year", which is a duration).
    fn match_past(&self, i: usize) -> Option<Found> {
        if self.lex_before(i) != Lex::The {
            return None;
        }
        match self.tokens.get(i + 1).map(|t| t.kind) {
            Some(Kind::Num { .. } | Kind::Grouped) => return None,
            Some(Kind::Word(
                Lex::Unit(..)
                | Lex::Few
                | Lex::NumberWord(_)
                | Lex::A
                | Lex::Ordinal(_)
                | Lex::Other
                | Lex::EdWord
                | Lex::Season(_)
                | Lex::Weekday(_),
            )) if !self.cap(i + 1) => return None,
            _ => {}
        }
        Some(Found::absolute(i - 1, i + 1, Value::Past))
    }

    /// "the coming weeks", "coming months": the future.
    fn match_coming(&mut self, i: usize) -> Option<Found> {
        match self.lex(i + 1) {
            Lex::Unit(_, true) => {
                let start = if self.lex_before(i) == Lex::The {
                    i - 1
                } else {
                    i
                };
                Some(Found::absolute(start, i + 2, Value::Future))
            }
            _ => None,
        }
    }

    // -- units: last week, two years ago, the third quarter ---------------

    fn match_unit(&mut self, i: usize, unit: Unit, plural: bool) -> Option<Found> {
        if let Some(found) = self.match_ago(i, unit, plural) {
            return Some(found);
        }
        if plural {
            // "these days" is the present.
            if unit == Unit::Day && self.lex_before(i) == Lex::These {
                return Some(Found::absolute(i - 1, i + 1, Value::Present));
            }
            if unit == Unit::Month && self.year_so_far(i) {
                self.year_to_date = true;
            }
            return None;
        }
        if let Some(found) = self.match_anaphoric(i, unit) {
            return Some(found);
        }
        if unit == Unit::Quarter || unit == Unit::Period {
            return self.match_quarter(i, unit);
        }
        if unit == Unit::Year
            && let Some(found) = self.match_year_ago_adjective(i)
        {
            return Some(found);
        }
        let published = self.published;
        // "the full year", "the fiscal year", and in earnings language "for
        // the year", "of the year": the year of publication.
        if unit == Unit::Year && i >= self.floor + 2 {
            let start = match (self.lex(i - 1), self.lex(i - 2)) {
                (Lex::Full | Lex::Fiscal, Lex::The) => Some(i - 2),
                (Lex::The, Lex::Of)
                    if i >= self.floor + 4
                        && self.lex(i - 3) == Lex::Edge
                        && self.lex(i - 4) == Lex::The =>
                {
                    Some(i - 4)
                }
                (Lex::The, Lex::Of) => Some(i - 1),
                (Lex::The, Lex::Prep) if self.word_text(i - 2).eq_ignore_ascii_case("for") => {
                    Some(i - 1)
                }
                _ => None,
            };
            if let Some(start) = start
                && !matches!(self.lex(i + 1), Lex::NumberWord(_))
                && self.num(i + 1).is_none()
            {
                let year = i32::from(published?.year());
                return Some(Found::relative(start, i + 1, Some(Value::Year(year))));
            }
        }
        // "last week", "this month", "next year", "the current quarter".
        let mut k = i;
        if self.lex_before(k) == Lex::Fiscal {
            k -= 1;
        }
        let modifier = self.lex_before(k);
        let shift = match modifier {
            Lex::Last | Lex::Previous => -1,
            Lex::This | Lex::Current => 0,
            Lex::Next | Lex::Coming => 1,
            Lex::The if unit == Unit::Weekend => 0,
            _ => return self.match_the_unit(i, unit),
        };
        if matches!(modifier, Lex::Current | Lex::Coming | Lex::Previous)
            && self.lex_before(k - 1) != Lex::The
            && modifier != Lex::Current
        {
            return None;
        }
        // "This Week" with both words capitalised mid-sentence is a title.
        if self.cap(i) && self.cap(k - 1) && !self.sentence_start(k - 1) {
            return None;
        }
        let mut start = k - 1;
        if matches!(modifier, Lex::Current | Lex::Coming | Lex::Previous)
            && self.lex_before(start) == Lex::The
        {
            start -= 1;
        }
        start = self.extend_relative(start);
        if self.lex_before(start) == Lex::Of
            && start >= self.floor + 3
            && self.lex(start - 2) == Lex::Edge
            && self.lex(start - 3) == Lex::The
        {
            start -= 3;
        }
        let Some(published) = published else {
            return Some(Found::relative(start, i + 1, None));
        };
        let year = i32::from(published.year());
        let value = match unit {
            Unit::Day => return None,
            Unit::Week => add_days(published, 7 * shift).map(Value::week_of),
            Unit::Weekend => {
                let saturday = match (shift, modifier) {
                    (-1, _) => published
                        .nth_weekday(-1, Weekday::Sunday)
                        .ok()
                        .and_then(|sunday| add_days(sunday, -1)),
                    (1, _) => published
                        .nth_weekday(1, Weekday::Saturday)
                        .ok()
                        .and_then(|sat| {
                            if published.weekday() == Weekday::Friday {
                                add_days(sat, 7)
                            } else {
                                Some(sat)
                            }
                        }),
                    _ => match self.tense(i) {
                        Tense::Future => weekday_on_or_after(published, Weekday::Saturday),
                        _ if published.weekday() == Weekday::Sunday => add_days(published, -1),
                        _ => weekday_on_or_before(published, Weekday::Saturday),
                    },
                };
                saturday.map(Value::weekend_of)
            }
            Unit::Month => Some(Value::month_shifted(
                year,
                i32::from(published.month()),
                shift as i32,
            )),
            Unit::Quarter | Unit::Period => None,
            Unit::Year => {
                // In an earnings report, "last year's quarter" and "the
                // corresponding period last year" are the reported quarter
                // a year before.
                if shift == -1
                    && let Some((y, q)) = self.last_quarter
                {
                    let possessed = self.is_punct(i + 1, b'\'')
                        && self.word_text(i + 2) == "s"
                        && matches!(
                            self.lex(i + 3),
                            Lex::Unit(Unit::Quarter | Unit::Period, false)
                        );
                    let period_before = matches!(
                        self.lex_before(start),
                        Lex::Unit(Unit::Quarter | Unit::Period, false)
                    );
                    if possessed || period_before {
                        let (start, end) = if possessed {
                            (start, i + 4)
                        } else {
                            (self.period_start(start - 1), i + 1)
                        };
                        return Some(Found {
                            year_ago: true,
                            ..Found::relative(start, end, Some(Value::Quarter(y - 1, q)))
                        });
                    }
                }
                // "next year's first quarter".
                if self.is_punct(i + 1, b'\'')
                    && self.word_text(i + 2) == "s"
                    && let Lex::Ordinal(q) = self.lex(i + 3)
                    && let Some(end) = self.quarter_word(i + 4)
                {
                    return Some(Found::relative(
                        start,
                        end,
                        Some(Value::Quarter(year + shift as i32, i32::from(q))),
                    ));
                }
                Some(Value::Year(year + shift as i32))
            }
            Unit::Decade => Some(Value::Decade(year / 10 + shift as i32)),
            Unit::Century => Some(Value::Century(year / 100 + shift as i32)),
        };
        Some(Found::relative(start, i + 1, value))
    }

    /// The start of "the corresponding period", "the same quarter", "the
    /// period" ending with the unit at `unit`.
    fn period_start(&self, unit: usize) -> usize {
        let mut start = unit;
        if start > self.floor
            && matches!(
                self.word_text(start - 1).to_ascii_lowercase().as_str(),
                "corresponding" | "comparable" | "same" | "year-ago"
            )
        {
            start -= 1;
        }
        if self.lex_before(start) == Lex::The {
            start -= 1;
        }
        start
    }

    /// "that year", "the same day", "the following month", "the next day":
    /// relative to the last date mentioned, not to the publication date.
    /// Without an earlier date they are not resolved.
    fn match_anaphoric(&self, i: usize, unit: Unit) -> Option<Found> {
        let before = self.lex_before(i);
        let two_back = if i >= self.floor + 2 {
            self.lex(i - 2)
        } else {
            Lex::NotWord
        };
        let (start, shift) = match (before, two_back) {
            (Lex::Determiner, _) if self.word_text(i - 1).eq_ignore_ascii_case("that") => {
                (i - 1, 0)
            }
            (Lex::Same, Lex::The) => (i - 2, 0),
            (Lex::Following, Lex::The) => (i - 2, 1),
            (Lex::Next, Lex::The) if unit == Unit::Day => (i - 2, 1),
            _ => return None,
        };
        let start = self.extend_relative(start);
        let value = match (unit, self.last_anchor) {
            (Unit::Day, Some(Value::Day(d))) => add_days(d, shift).map(Value::Day),
            (Unit::Week, Some(Value::Day(d))) => add_days(d, 7 * shift).map(Value::week_of),
            (Unit::Month, Some(Value::Day(d))) => Some(Value::month_shifted(
                i32::from(d.year()),
                i32::from(d.month()),
                shift as i32,
            )),
            (Unit::Month, Some(Value::Month(y, m))) => {
                Some(Value::month_shifted(y, m, shift as i32))
            }
            (Unit::Year, Some(anchor)) => {
                anchor_year(anchor).map(|y| Value::Year(y + shift as i32))
            }
            _ => None,
        };
        Some(Found::relative(start, i + 1, value))
    }

    /// "this morning", "this evening", "last night": the day, at day
    /// precision.
    fn match_part_of_day(&self, i: usize) -> Option<Found> {
        let (start, offset) = match self.lex_before(i) {
            Lex::This => (i - 1, 0),
            Lex::Last if self.word_text(i).eq_ignore_ascii_case("night") => (i - 1, -1),
            _ => return None,
        };
        let start = self.extend_relative(start);
        let value = self
            .published
            .and_then(|d| add_days(d, offset))
            .map(Value::Day);
        Some(Found::relative(start, i + 1, value))
    }

    /// "the year" and "the end of the month" name the current one only
    /// with "the end of" / "the beginning of" before them; "the year" alone
    /// is too often generic.
    fn match_the_unit(&self, i: usize, unit: Unit) -> Option<Found> {
        if self.lex_before(i) != Lex::The
            || i < self.floor + 4
            || self.lex(i - 2) != Lex::Of
            || self.lex(i - 3) != Lex::Edge
            || self.lex(i - 4) != Lex::The
        {
            return None;
        }
        let published = self.published?;
        let value = match unit {
            Unit::Year => Value::Year(i32::from(published.year())),
            Unit::Month => Value::Month(i32::from(published.year()), i32::from(published.month())),
            Unit::Week => Value::week_of(published),
            _ => return None,
        };
        Some(Found::relative(i - 4, i + 1, Some(value)))
    }

    /// "two years ago", "a month ago", "10 days ago"; "a few years ago" is
    /// the past. Without "ago" a number of units is a duration, not a date.
    fn match_ago(&self, i: usize, unit: Unit, plural: bool) -> Option<Found> {
        if self.lex(i + 1) != Lex::Ago && !self.year_earlier(i, plural) {
            return None;
        }
        let end = i + 2;
        if i <= self.floor {
            return None;
        }
        let (count, mut start) = match (self.lex(i - 1), self.tokens[i - 1].kind) {
            (_, Kind::Num { value, digits }) if digits <= 4 => (Some(i64::from(value)), i - 1),
            (Lex::NumberWord(n), _) => {
                // "twenty-five years ago".
                if i >= self.floor + 3
                    && self.is_punct(i - 2, b'-')
                    && let Lex::NumberWord(tens) = self.lex(i - 3)
                {
                    (Some(i64::from(tens) + i64::from(n)), i - 3)
                } else {
                    (Some(i64::from(n)), i - 1)
                }
            }
            (Lex::A, _) if !plural => (Some(1), i - 1),
            (Lex::Few, _) => {
                let start = if self.lex_before(i - 1) == Lex::A {
                    i - 2
                } else {
                    i - 1
                };
                return Some(Found::absolute(start, end, Value::Past));
            }
            _ => return None,
        };
        if self.lex_before(start) == Lex::Approx {
            start -= 1;
        }
        let published = self.published;
        let Some(published) = published else {
            return Some(Found::relative(start, end, None));
        };
        let count = count?;
        if count > 5000 {
            return Some(Found::nothing(start, end));
        }
        let year = i32::from(published.year());
        let n = count as i32;
        let value = match unit {
            Unit::Day => add_days(published, -count).map(Value::Day),
            Unit::Week => add_days(published, -7 * count).map(Value::week_of),
            Unit::Weekend => None,
            Unit::Month => Some(Value::month_shifted(year, i32::from(published.month()), -n)),
            Unit::Quarter | Unit::Period => {
                Some(Value::quarter_shifted(year, quarter_of(published), -n))
            }
            Unit::Year => match self.last_quarter {
                // In an earnings report "a year ago" is that quarter a year
                // earlier.
                Some((y, q)) if n == 1 => {
                    let value = if self.year_to_date {
                        Value::Year(y - 1)
                    } else {
                        Value::Quarter(y - 1, q)
                    };
                    return Some(Found {
                        year_ago: true,
                        ..Found::relative(start, end, Some(value))
                    });
                }
                _ => Some(Value::Year(year - n)),
            },
            Unit::Decade => Some(Value::Year(year - 10 * n)),
            Unit::Century => Some(Value::Century(year / 100 - n)),
        };
        Some(Found::relative(start, end, value))
    }

    /// "the nine months", "the first six months", "the latest nine months":
    /// the part of the fiscal year an earnings report sums up after its
    /// quarter. A number of months without "the" is a duration of something
    /// else ("a target for six months").
    fn year_so_far(&self, i: usize) -> bool {
        if !matches!(self.lex_at_left(i, 1), Lex::NumberWord(6 | 9)) {
            return false;
        }
        match self.lex_at_left(i, 2) {
            Lex::The => true,
            Lex::Ordinal(1) | Lex::Latest => self.lex_at_left(i, 3) == Lex::The,
            _ => false,
        }
    }

    /// "a year earlier": only one year, and only in earnings language,
    /// where it points back from the quarter being reported.
    fn year_earlier(&self, i: usize, plural: bool) -> bool {
        !plural
            && self.lex(i) == Lex::Unit(Unit::Year, false)
            && self.lex(i + 1) == Lex::Earlier
            && i > self.floor
            && self.lex(i - 1) == Lex::A
    }

    /// "the year-ago quarter", "the year-earlier period", "year-earlier".
    fn match_year_ago_adjective(&self, i: usize) -> Option<Found> {
        if !(self.is_punct(i + 1, b'-')
            && self.touches(i + 1)
            && matches!(self.lex(i + 2), Lex::Ago | Lex::Earlier)
            && self.touches(i + 2))
        {
            return None;
        }
        let published = self.published?;
        let mut end = i + 3;
        let mut quarter = None;
        if let Lex::Ordinal(q) = self.lex(end)
            && let Some(e) = self.quarter_word(end + 1)
        {
            quarter = Some(i32::from(q));
            end = e;
        } else if self.lex(end) == Lex::Unit(Unit::Quarter, false)
            || (self.lex(end) == Lex::Unit(Unit::Period, false) && !self.year_to_date)
        {
            end += 1;
        } else {
            // "year-earlier results": the reported quarter a year before in
            // an earnings report, else the year before; after "the nine
            // months", "the year-earlier period" is the year before too.
            if self.lex(end) == Lex::Unit(Unit::Period, false) {
                end += 1;
            }
            let start = if self.lex_before(i) == Lex::The {
                i - 1
            } else {
                i
            };
            let value = match self.last_quarter {
                Some((y, q)) if !self.year_to_date => Value::Quarter(y - 1, q),
                Some((y, _)) => Value::Year(y - 1),
                None => Value::Year(i32::from(published.year()) - 1),
            };
            return Some(Found {
                year_ago: true,
                ..Found::relative(start, end, Some(value))
            });
        }
        let (year, q) = match (quarter, self.last_quarter) {
            (Some(q), Some((y, _))) => (y, q),
            (Some(q), None) => (i32::from(published.year()), q),
            (None, Some((y, q))) => (y, q),
            (None, None) => {
                let Value::Quarter(y, q) =
                    Value::quarter_shifted(i32::from(published.year()), quarter_of(published), -1)
                else {
                    return None;
                };
                (y, q)
            }
        };
        let mut start = i;
        if matches!(self.lex_before(start), Lex::Other)
            && matches!(
                self.word_text(start - 1).to_ascii_lowercase().as_str(),
                "comparable" | "corresponding"
            )
        {
            start -= 1;
        }
        if self.lex_before(start) == Lex::The {
            start -= 1;
        }
        Some(Found {
            year_ago: true,
            ..Found::relative(start, end, Some(Value::Quarter(year - 1, q)))
        })
    }

    /// "the third quarter", "third-quarter", "the fiscal first quarter",
    /// "the third quarter of 1984", "the current quarter", "the quarter",
    /// "the latest quarter". A quarter without a year is in the year of
    /// publication; "the quarter" alone is the last one completed, as in
    /// earnings reports.
    fn match_quarter(&self, i: usize, unit: Unit) -> Option<Found> {
        // "quarter-to-quarter" compares quarters.
        if self.is_punct(i + 1, b'-') && self.touches(i + 1) {
            return None;
        }
        let mut start = i;
        if self.is_punct(start.wrapping_sub(1), b'-') && start > self.floor + 1 {
            start -= 1;
        }
        let ordinal = match self.lex_before(start) {
            Lex::Ordinal(q) if unit == Unit::Quarter => Some(i32::from(q)),
            _ => None,
        };
        if ordinal.is_none() {
            start = i;
        } else {
            start -= 1;
        }
        let modifier = self.lex_before(start);
        // An explicit year after: "the third quarter of 1984", "... 1990".
        let mut end = i + 1;
        let gap = usize::from(matches!(self.lex(end), Lex::Of) || self.is_punct(end, b','));
        let explicit_year = self.year_at(end + gap);
        if explicit_year.is_some() {
            end += gap + 1;
        }
        if ordinal.is_some() {
            // "this year's third quarter" was taken by the year; "its
            // fourth quarter", "a flat second quarter" are still quarters.
            start = self.extend_left(start, true);
            let q = ordinal?;
            let year = match explicit_year {
                Some(y) => y,
                None => i32::from(self.published?.year()),
            };
            let relative = explicit_year.is_none();
            return Some(Found {
                start,
                end,
                value: Some(Value::Quarter(year, q)),
                relative,
                year_ago: false,
            });
        }
        let published = self.published?;
        let year = i32::from(published.year());
        let current = quarter_of(published);
        let (shift, mut start) = match modifier {
            Lex::Current | Lex::This => (0, start - 1),
            Lex::Last | Lex::Previous => (-1, start - 1),
            Lex::Next | Lex::Coming => (1, start - 1),
            Lex::Latest | Lex::Fiscal => (-1, start - 1),
            Lex::The if unit == Unit::Quarter => (-1, start),
            _ => return None,
        };
        if modifier == Lex::This && unit == Unit::Period {
            return None;
        }
        if self.lex_before(start) == Lex::The {
            start -= 1;
        } else if modifier == Lex::Latest {
            return None;
        }
        // "the quarter" must be followed by something that is not another
        // noun phrase ("the quarter of the city").
        if modifier == Lex::The && matches!(self.lex(i + 1), Lex::Of) {
            return None;
        }
        let value = match explicit_year {
            Some(y) if modifier == Lex::The => Value::Year(y),
            _ => Value::quarter_shifted(year, current, shift),
        };
        // "the quarter a year ago", "the period a year earlier": the
        // reported quarter, a year before.
        if modifier == Lex::The
            && explicit_year.is_none()
            && self.lex(end) == Lex::A
            && self.lex(end + 1) == Lex::Unit(Unit::Year, false)
            && matches!(self.lex(end + 2), Lex::Ago | Lex::Earlier)
        {
            let (y, q) = match (self.last_quarter, value) {
                (Some(last), _) => last,
                (None, Value::Quarter(y, q)) => (y, q),
                (None, _) => return None,
            };
            return Some(Found {
                year_ago: true,
                ..Found::relative(start, end + 3, Some(Value::Quarter(y - 1, q)))
            });
        }
        Some(Found::relative(start, end, Some(value)))
    }

    /// "the first half", "the second half of 1990", "the last half of 1989".
    fn match_half(&self, i: usize) -> Option<Found> {
        let half = match self.lex_before(i) {
            Lex::Ordinal(h @ 1..=2) => i32::from(h),
            Lex::Last => 2,
            _ => return None,
        };
        let mut start = i - 1;
        if self.lex_before(start) == Lex::The {
            start -= 1;
        }
        if self.lex(i + 1) == Lex::Of {
            if let Some(year) = self.year_at(i + 2) {
                return Some(Found::absolute(start, i + 3, Value::Half(year, half)));
            }
            if let Lex::This | Lex::Last | Lex::Next = self.lex(i + 2)
                && self.lex(i + 3) == Lex::Unit(Unit::Year, false)
                && let Some(published) = self.published
            {
                let shift = match self.lex(i + 2) {
                    Lex::Last => -1,
                    Lex::Next => 1,
                    _ => 0,
                };
                let year = i32::from(published.year()) + shift;
                return Some(Found::relative(start, i + 4, Some(Value::Half(year, half))));
            }
            return None;
        }
        // "the first half" alone is as often a match's as a year's.
        None
    }

    /// "Q3", "Q3 2022", "Q3 of 2022".
    fn match_q(&self, i: usize) -> Option<Found> {
        let (q, 1) = self.num(i + 1)? else {
            return None;
        };
        if !self.touches(i + 1) || !(1..=4).contains(&q) || !self.cap(i) {
            return None;
        }
        if self
            .tokens
            .get(i + 2)
            .is_some_and(|t| !t.space_before && !matches!(t.kind, Kind::Punct(_)))
        {
            return None;
        }
        let gap = usize::from(self.lex(i + 2) == Lex::Of);
        if let Some(year) = self.year_after_date_word(i + 2 + gap) {
            return Some(Found::absolute(
                i,
                i + 3 + gap,
                Value::Quarter(year, q as i32),
            ));
        }
        let year = i32::from(self.published?.year());
        Some(Found::relative(
            i,
            i + 2,
            Some(Value::Quarter(year, q as i32)),
        ))
    }

    // -- seasons ------------------------------------------------------------

    /// "this summer", "last fall", "the winter of 1994", "spring 2020",
    /// "summer" after "in"/"during". "fall" needs a modifier or a year: it
    /// is far more often the verb.
    fn match_season(&self, i: usize, season: Season) -> Option<Found> {
        let gap = usize::from(self.lex(i + 1) == Lex::Of);
        if let Some(year) = self.year_after_date_word(i + 1 + gap) {
            let start = self.extend_left(i, true);
            return Some(Found::absolute(
                start,
                i + 2 + gap,
                Value::Season(year, season),
            ));
        }
        if let Some((year, end)) = self.spoken_year(i + 1 + gap) {
            let start = self.extend_left(i, true);
            return Some(Found::absolute(start, end, Value::Season(year, season)));
        }
        let modifier = self.lex_before(i);
        let is_fall = self.word_text(i).eq_ignore_ascii_case("fall");
        let shift = match modifier {
            Lex::Last | Lex::Past => -1,
            Lex::Next | Lex::Coming => 1,
            Lex::This | Lex::Early | Lex::Late => 0,
            Lex::The if !is_fall => 0,
            Lex::Prep
                if !is_fall
                    && self.tokens.get(i + 1).is_none_or(|t| {
                        !matches!(t.kind, Kind::Word(Lex::Other | Lex::EdWord)) || t.cap
                    }) =>
            {
                0
            }
            _ => return None,
        };
        let published = self.published?;
        let year = i32::from(published.year());
        let current = Season::of_month(published.month());
        // A winter that began in December belongs to that year.
        let current_year = if current == Season::Winter && published.month() <= 2 {
            year - 1
        } else {
            year
        };
        let value_year = match shift {
            -1 if season.index() < current.index() => current_year,
            -1 => current_year - 1,
            1 if season.index() > current.index() => current_year,
            1 => current_year + 1,
            _ => year,
        };
        let mut start = match modifier {
            Lex::Prep => i,
            _ => i - 1,
        };
        if modifier == Lex::Past && self.lex_before(start) == Lex::This {
            start -= 1;
        }
        if matches!(modifier, Lex::Early | Lex::Late) && self.lex_before(start) == Lex::The {
            start -= 1;
        }
        Some(Found::relative(
            start,
            i + 1,
            Some(Value::Season(value_year, season)),
        ))
    }

    /// "Christmas", "Christmas Eve", "Christmas Day": December 24 or 25 of
    /// the year chosen as for a date without a year.
    fn match_christmas(&self, i: usize) -> Option<Found> {
        if !self.cap(i) {
            return None;
        }
        let mut end = i + 1;
        let mut day = 25;
        if self.lex(end) == Lex::Eve {
            day = 24;
            end += 1;
        } else if self.lex(end) == Lex::Unit(Unit::Day, false) {
            end += 1;
        } else if self
            .tokens
            .get(end)
            .is_some_and(|t| t.cap && matches!(t.kind, Kind::Word(_)))
        {
            return None;
        }
        // "Christmas shopping", "a Christmas card" are not dates:
        // "Christmas" alone must follow a preposition of time or a modifier.
        if end == i + 1
            && !matches!(
                self.lex_at_left(i, 1),
                Lex::Prep | Lex::Until | Lex::By | Lex::Last | Lex::Next | Lex::This
            )
        {
            return None;
        }
        if let Some(year) = self.year_at(end) {
            let date = make_date(year, 12, day)?;
            return Some(Found::absolute(i, end + 1, Value::Day(date)));
        }
        let published = self.published?;
        let year = i32::from(published.year());
        let value = match self.lex_before(i) {
            Lex::Last => make_date(year - 1, 12, day).map(Value::Day),
            Lex::Next => make_date(year + 1, 12, day).map(Value::Day),
            _ => self.infer_day(i, 12, day),
        };
        let start = match self.lex_before(i) {
            Lex::Last | Lex::Next | Lex::This => i - 1,
            _ => i,
        };
        Some(Found::relative(start, end, value))
    }
}

/// The year a value falls in, for "that year".
fn anchor_year(value: Value) -> Option<i32> {
    match value {
        Value::Day(d) => Some(i32::from(d.year())),
        Value::Week(y, _) => Some(i32::from(y)),
        Value::Month(y, _)
        | Value::Quarter(y, _)
        | Value::Half(y, _)
        | Value::Season(y, _)
        | Value::Year(y) => Some(y),
        _ => None,
    }
}

/// A two-digit year: 00–49 are 2000–2049, 50–99 are 1950–1999.
fn two_digit_year(yy: i32) -> i32 {
    if yy < 50 { 2000 + yy } else { 1900 + yy }
}

/// Reads `first`/`second` of a numeric date as (month, day).
///
/// A part above 12 can only be the day, so "25/12/2020" is day first and
/// "12/25/2020" month first. When both parts could be the month, slashes
/// and hyphens are read month first (US news style, "9/11"), and dots
/// ("09.03.2022", handled elsewhere) day first.
fn numeric_day_month(first: i32, second: i32, sep: u8) -> Option<(i32, i32)> {
    match (first, second) {
        (f, s) if f > 12 && s <= 12 => Some((s, f)),
        (f, s) if f <= 12 && s > 12 => Some((f, s)),
        (f, s) if f <= 12 && s <= 12 => {
            if sep == b'.' {
                Some((s, f))
            } else {
                Some((f, s))
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Runs the extractor and compares (span text, value) pairs in order.
    fn check(text: &str, published: Option<Date>, expected: &[(&str, &str)]) {
        let found: Vec<(String, String)> = extract_dates(text, published)
            .into_iter()
            .map(|d| (text[d.start..d.end].to_owned(), d.value))
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(s, v)| ((*s).to_owned(), (*v).to_owned()))
            .collect();
        assert_eq!(found, expected, "in {text:?}");
    }

    fn on(y: i16, m: i8, d: i8) -> Option<Date> {
        Some(date(y, m, d))
    }

    #[test]
    fn explicit_day_forms() {
        let p = on(2022, 3, 10);
        check(
            "It happened on March 9, 2022.",
            p,
            &[("March 9, 2022", "2022-03-09")],
        );
        check(
            "It happened on 9 March 2022.",
            p,
            &[("9 March 2022", "2022-03-09")],
        );
        check(
            "It happened on 2022-03-09.",
            p,
            &[("2022-03-09", "2022-03-09")],
        );
        check("Filed 2022/03/09 here.", p, &[("2022/03/09", "2022-03-09")]);
        check(
            "On Mar. 9, 2022 it rained.",
            p,
            &[("Mar. 9, 2022", "2022-03-09")],
        );
        check(
            "On March 9th, 2022 it rained.",
            p,
            &[("March 9th, 2022", "2022-03-09")],
        );
        check(
            "the 9th of March 2022",
            p,
            &[("the 9th of March 2022", "2022-03-09")],
        );
        check(
            "Sept. 30, 1989 and Aug. 7",
            on(1989, 10, 26),
            &[("Sept. 30, 1989", "1989-09-30"), ("Aug. 7", "1989-08-07")],
        );
    }

    #[test]
    fn numeric_day_month_rule() {
        let p = on(2022, 3, 10);
        check("on 25/12/2020 and", p, &[("25/12/2020", "2020-12-25")]);
        check("on 12/25/2020 and", p, &[("12/25/2020", "2020-12-25")]);
        // Ambiguous with slashes: month first.
        check("on 3/9/2022 and", p, &[("3/9/2022", "2022-03-09")]);
        // Dots: day first.
        check("on 09.03.2022 and", p, &[("09.03.2022", "2022-03-09")]);
        check("on 3/9/22 and", p, &[("3/9/22", "2022-03-09")]);
        // Not dates: fractions, scores, invalid days.
        check("a 1/2 share and 3-1 win", p, &[]);
        check("on 13/13/2020", p, &[]);
    }

    #[test]
    fn partial_forms() {
        let p = on(2022, 3, 10);
        check(
            "In March 2022 prices rose.",
            p,
            &[("March 2022", "2022-03")],
        );
        check(
            "In March, 2021 prices rose.",
            p,
            &[("March, 2021", "2021-03")],
        );
        check("Relations broke down in 2018.", p, &[("2018", "2018")]);
        check(
            "in the 1990s and the early 1980s",
            p,
            &[("the 1990s", "199X"), ("the early 1980s", "198X")],
        );
        check("in the '80s", p, &[("the '80s", "198X")]);
        check("in the early 70s", p, &[("the early 70s", "197X")]);
        check("people in their 70s", p, &[]);
        check("by mid-1996 it was over", p, &[("mid-1996", "1996")]);
        check("for fiscal 1989", p, &[("fiscal 1989", "1989")]);
        check("the 20th century", p, &[("the 20th century", "19")]);
        check(
            "the year two thousand and nineteen ninety-six",
            p,
            &[
                ("the year two thousand", "2000"),
                ("nineteen ninety-six", "1996"),
            ],
        );
        check(
            "by the year two thousand and five, two thousand people",
            p,
            &[("the year two thousand and five", "2005")],
        );
        check(
            "in nineteen ninety-one, in January nineteen ninety-seven",
            p,
            &[
                ("nineteen ninety-one", "1991"),
                ("January nineteen ninety-seven", "1997-01"),
            ],
        );
        check(
            "the winter of nineteen ninety-four",
            p,
            &[("the winter of nineteen ninety-four", "1994-WI")],
        );
        check("in 2022-03 sales", p, &[("2022-03", "2022-03")]);
        check("the 1998-99 season", p, &[("1998", "1998")]);
        check(
            "from 1999 to 2001",
            p,
            &[("1999", "1999"), ("2001", "2001")],
        );
    }

    #[test]
    fn relative_days() {
        let p = on(2022, 3, 10);
        check("Today it rains.", p, &[("Today", "2022-03-10")]);
        check("He spoke yesterday.", p, &[("yesterday", "2022-03-09")]);
        check("He speaks tomorrow.", p, &[("tomorrow", "2022-03-11")]);
        check(
            "He spoke late yesterday.",
            p,
            &[("late yesterday", "2022-03-09")],
        );
        check(
            "He spoke yesterday morning.",
            p,
            &[("yesterday morning", "2022-03-09")],
        );
        check(
            "the day before yesterday",
            p,
            &[("the day before yesterday", "2022-03-08")],
        );
        check("two years ago", p, &[("two years ago", "2020")]);
        check("10 days ago", p, &[("10 days ago", "2022-02-28")]);
        check("a month ago", p, &[("a month ago", "2022-02")]);
        check("six weeks ago", p, &[("six weeks ago", "2022-W04")]);
        check("several years ago", p, &[("several years ago", "PAST_REF")]);
        check(
            "almost four years ago",
            p,
            &[("almost four years ago", "2018")],
        );
    }

    #[test]
    fn relative_weeks_months_years() {
        let p = on(2022, 3, 10);
        check("last week", p, &[("last week", "2022-W09")]);
        check("this week", p, &[("this week", "2022-W10")]);
        check("next week", p, &[("next week", "2022-W11")]);
        check("last month", p, &[("last month", "2022-02")]);
        check("next month", p, &[("next month", "2022-04")]);
        check(
            "earlier this month",
            p,
            &[("earlier this month", "2022-03")],
        );
        check("last year", p, &[("last year", "2021")]);
        check("early next year", p, &[("early next year", "2023")]);
        check("the current year", p, &[("the current year", "2022")]);
        check("the end of the year", p, &[("the end of the year", "2022")]);
        check("last April", p, &[("last April", "2021-04")]);
        check("last February", p, &[("last February", "2022-02")]);
        check("next April", p, &[("next April", "2022-04")]);
        check("January this year", p, &[("January this year", "2022-01")]);
        check("June last year", p, &[("June last year", "2021-06")]);
        check("last weekend", p, &[("last weekend", "2022-W09-WE")]);
        check("this summer", p, &[("this summer", "2022-SU")]);
        check("last fall", p, &[("last fall", "2021-FA")]);
        check(
            "the winter of 1994",
            p,
            &[("the winter of 1994", "1994-WI")],
        );
    }

    #[test]
    fn year_boundaries() {
        // 2022-01-03 is the Monday of ISO week 1; the week before is the
        // last of 2021 (2021 has 52 ISO weeks).
        check("last week", on(2022, 1, 3), &[("last week", "2021-W52")]);
        check("this week", on(2022, 1, 1), &[("this week", "2021-W52")]);
        check("yesterday", on(2022, 1, 1), &[("yesterday", "2021-12-31")]);
        check("tomorrow", on(2021, 12, 31), &[("tomorrow", "2022-01-01")]);
        check("next month", on(2022, 12, 15), &[("next month", "2023-01")]);
        check("last month", on(2022, 1, 15), &[("last month", "2021-12")]);
        check("next week", on(2020, 12, 28), &[("next week", "2021-W01")]);
        check(
            "last quarter",
            on(2022, 2, 1),
            &[("last quarter", "2021-Q4")],
        );
        // A month-day without a year in early January, in a past sentence.
        check(
            "It was signed Dec. 30.",
            on(2022, 1, 3),
            &[("Dec. 30", "2021-12-30")],
        );
        check(
            "It will open Jan. 10.",
            on(2021, 12, 20),
            &[("Jan. 10", "2022-01-10")],
        );
        check(
            "It happened on Friday.",
            on(2022, 1, 2),
            &[("Friday", "2021-12-31")],
        );
    }

    #[test]
    fn leap_days() {
        check("on Feb 29 2024", None, &[("Feb 29 2024", "2024-02-29")]);
        check(
            "on 29 February 2024",
            None,
            &[("29 February 2024", "2024-02-29")],
        );
        check("on 2024-02-29", None, &[("2024-02-29", "2024-02-29")]);
        check("on Feb 29 2023", None, &[]);
        check("on 29 February 2023", None, &[]);
        check("on 2023-02-29", None, &[]);
        check("on 31 February 2020", None, &[]);
        // Without a year, Feb. 29 takes the year of a leap publication year.
        check(
            "It ends Feb. 29.",
            on(2024, 2, 1),
            &[("Feb. 29", "2024-02-29")],
        );
        check("A leap year ago", on(2024, 2, 29), &[]);
        check("a year ago", on(2024, 2, 29), &[("a year ago", "2023")]);
        check("yesterday", on(2024, 3, 1), &[("yesterday", "2024-02-29")]);
    }

    #[test]
    fn dates_without_a_year_weigh_distance_and_tense() {
        check(
            "The vote on Oct. 23 was close.",
            on(2022, 5, 10),
            &[("Oct. 23", "2021-10-23")],
        );
        check(
            "The vote on Oct. 23 will be close.",
            on(2022, 5, 10),
            &[("Oct. 23", "2022-10-23")],
        );
        // A deadline: "by" makes it future, and it is near anyway.
        check(
            "They had to file by Jan. 20.",
            on(2022, 1, 6),
            &[("Jan. 20", "2022-01-20")],
        );
        // Unless the sentence looks back from the deadline.
        check(
            "Two members had filed reports by Wednesday.",
            on(1990, 8, 16),
            &[("Wednesday", "1990-08-15")],
        );
        check(
            "Until Thursday, they had not called him a suspect.",
            on(1999, 5, 7),
            &[("Thursday", "1999-05-06")],
        );
        check(
            "Members must file reports by Wednesday.",
            on(1990, 8, 16),
            &[("Wednesday", "1990-08-22")],
        );
        check(
            "They had until Friday to sign.",
            on(2000, 4, 5),
            &[("Friday", "2000-04-07")],
        );
        check(
            "The sale, which had been expected, will pay the loan by Friday.",
            on(2000, 4, 5),
            &[("Friday", "2000-04-07")],
        );
        check(
            "The rally on March 30 drew crowds.",
            on(2022, 3, 10),
            &[("March 30", "2022-03-30")],
        );
        check(
            "Shops open on Christmas Eve and on Christmas.",
            on(2022, 12, 1),
            &[("Christmas Eve", "2022-12-24"), ("Christmas", "2022-12-25")],
        );
        check(
            "the Friday after Thanksgiving",
            on(2022, 12, 1),
            &[("Friday", "2022-11-25"), ("Thanksgiving", "2022-11-24")],
        );
        check(
            "this morning and last night",
            on(2022, 3, 10),
            &[("this morning", "2022-03-10"), ("last night", "2022-03-09")],
        );
        check(
            "He left in 2019. That year he wrote a book.",
            on(2022, 3, 10),
            &[("2019", "2019"), ("That year", "2019")],
        );
        check(
            "It opened on May 3, 2021 and closed the next day.",
            on(2022, 3, 10),
            &[
                ("May 3, 2021", "2021-05-03"),
                ("the next day", "2021-05-04"),
            ],
        );
    }

    #[test]
    fn a_title_abbreviation_does_not_end_the_sentence() {
        // The tense marker lies past "vs." and "Mr.", so January is last
        // January, not the next one.
        let p = on(1998, 10, 25);
        check(
            "In January, after Roe vs. Wade, a bombing killed a guard.",
            p,
            &[("January", "1998-01")],
        );
        check(
            "In January, Mr. Jones said, the plan failed.",
            p,
            &[("January", "1998-01")],
        );
        // A real full stop still ends it: nothing marks the tense here.
        check(
            "In January, he goes to Spain. Jones said so.",
            p,
            &[("January", "1999-01")],
        );
    }

    #[test]
    fn the_day_before_or_after_a_weekday() {
        // 2000-02-24 is a Thursday.
        let p = on(2000, 2, 24);
        check(
            "The day before last Tuesday's hearing, he left.",
            p,
            &[("The day before last Tuesday", "2000-02-21")],
        );
        check(
            "He arrived the day after Monday.",
            p,
            &[("the day after Monday", "2000-02-22")],
        );
        check(
            "He left the day before yesterday.",
            p,
            &[("the day before yesterday", "2000-02-22")],
        );
    }

    #[test]
    fn weekdays_follow_tense() {
        // 2022-03-10 is a Thursday.
        let p = on(2022, 3, 10);
        check(
            "Israel and Turkey on Wednesday vowed to rebuild.",
            p,
            &[("Wednesday", "2022-03-09")],
        );
        check(
            "On Thursday, Herzog is expected to travel.",
            p,
            &[("Thursday", "2022-03-10")],
        );
        check(
            "He will travel on Saturday.",
            p,
            &[("Saturday", "2022-03-12")],
        );
        check(
            "He travelled on Saturday.",
            p,
            &[("Saturday", "2022-03-05")],
        );
        check(
            "He said Monday that he'll go.",
            p,
            &[("Monday", "2022-03-07")],
        );
        check("The talks on Friday.", p, &[("Friday", "2022-03-04")]);
        check("last Thursday", p, &[("last Thursday", "2022-03-03")]);
        check("next Thursday", p, &[("next Thursday", "2022-03-17")]);
        check(
            "He spoke Friday night.",
            p,
            &[("Friday night", "2022-03-04")],
        );
        check(
            "Friday, March 4, 2022",
            p,
            &[("Friday, March 4, 2022", "2022-03-04")],
        );
        check(
            "on Monday, Oct. 26",
            on(1998, 10, 25),
            &[("Monday, Oct. 26", "1998-10-26")],
        );
    }

    #[test]
    fn reference_values() {
        let p = on(2022, 3, 10);
        check("It is now clear.", p, &[("now", "PRESENT_REF")]);
        check("It is currently open.", p, &[("currently", "PRESENT_REF")]);
        check(
            "Israel recently normalized ties.",
            p,
            &[("recently", "PAST_REF")],
        );
        check("in recent years", p, &[("recent years", "PAST_REF")]);
        check(
            "in the near future",
            p,
            &[("the near future", "FUTURE_REF")],
        );
        check("in the past", p, &[("the past", "PAST_REF")]);
        check(
            "in the coming weeks",
            p,
            &[("the coming weeks", "FUTURE_REF")],
        );
        // References need no publication date.
        check("It is now clear.", None, &[("now", "PRESENT_REF")]);
        check("a now-defunct firm", p, &[]);
    }

    #[test]
    fn discourse_now_and_the_present_age_are_not_dates() {
        let p = on(2022, 3, 10);
        // "Now," opening a sentence turns the argument.
        check("It failed. Now, he says, it works.", p, &[]);
        check("\"It failed.\" Now, he says, it works.", p, &[]);
        check(
            "It failed. Now officials are looking again.",
            p,
            &[("Now", "PRESENT_REF")],
        );
        check("It is over for now, he said.", p, &[("now", "PRESENT_REF")]);
        // "today's world" is the present age; "today's vote" is the day.
        check("in today's world", p, &[]);
        check("for today's youth", p, &[]);
        check("today's vote", p, &[("today", "2022-03-10")]);
        // A capitalised name before "Today" makes a title.
        check("He told USA Today that he would go.", p, &[]);
        check("This is VOA Today.", p, &[]);
        check("It failed. Today it works.", p, &[("Today", "2022-03-10")]);
        check("He said Today is the day.", p, &[("Today", "2022-03-10")]);
    }

    #[test]
    fn quarters_and_halves() {
        let p = on(1989, 10, 26);
        check("the third quarter", p, &[("the third quarter", "1989-Q3")]);
        check("third-quarter profit", p, &[("third-quarter", "1989-Q3")]);
        check(
            "the fiscal first quarter",
            p,
            &[("the fiscal first quarter", "1989-Q1")],
        );
        check(
            "the third quarter of 1984",
            p,
            &[("the third quarter of 1984", "1984-Q3")],
        );
        check(
            "the 1988 second quarter",
            p,
            &[("the 1988 second quarter", "1988-Q2")],
        );
        check("in the quarter", p, &[("the quarter", "1989-Q3")]);
        check(
            "the current quarter",
            p,
            &[("the current quarter", "1989-Q4")],
        );
        check(
            "the latest quarter",
            p,
            &[("the latest quarter", "1989-Q3")],
        );
        check(
            "the year-ago quarter",
            p,
            &[("the year-ago quarter", "1988-Q3")],
        );
        check(
            "next year's first quarter",
            p,
            &[("next year's first quarter", "1990-Q1")],
        );
        check(
            "the third quarter, up from a year ago",
            p,
            &[("the third quarter", "1989-Q3"), ("a year ago", "1988-Q3")],
        );
        check("Q3 2022 results", p, &[("Q3 2022", "2022-Q3")]);
        check(
            "the first half of 1990",
            p,
            &[("the first half of 1990", "1990-H1")],
        );
        check(
            "in the second half of this year",
            p,
            &[("the second half of this year", "1989-H2")],
        );
        check("in the second half", p, &[]);
    }

    #[test]
    fn year_ago_follows_the_period_being_reported() {
        let p = on(1989, 10, 26);
        // After the quarter, the report sums up the nine months: the
        // comparison is with last year, not last year's quarter.
        check(
            "Net rose in the third quarter from $5 a year earlier. For the \
             nine months, net rose to $9 from $8 a year earlier, and the \
             year-earlier period included a gain. In the 1988 period, sales fell.",
            p,
            &[
                ("the third quarter", "1989-Q3"),
                ("a year earlier", "1988-Q3"),
                ("a year earlier", "1988"),
                ("the year-earlier period", "1988"),
                ("the 1988 period", "1988"),
            ],
        );
        check(
            "In the first nine months, net fell. Third-quarter sales \
             dropped from a year ago.",
            p,
            &[("Third-quarter", "1989-Q3"), ("a year ago", "1988-Q3")],
        );
        // Six months of something else are not the year so far.
        check(
            "Net rose in the third quarter. He was chief for six months. \
             Sales were $5 a year earlier.",
            p,
            &[
                ("the third quarter", "1989-Q3"),
                ("a year earlier", "1988-Q3"),
            ],
        );
    }

    #[test]
    fn the_reported_quarter_last_year() {
        let p = on(1989, 11, 1);
        check(
            "Net fell in the third quarter, from $5 in the corresponding \
             period last year. Sales for last year's quarter were $3.",
            p,
            &[
                ("the third quarter", "1989-Q3"),
                ("the corresponding period last year", "1988-Q3"),
                ("last year's quarter", "1988-Q3"),
            ],
        );
        check(
            "Net fell in the third quarter. For the quarter a year ago, it \
             earned $16.",
            p,
            &[
                ("the third quarter", "1989-Q3"),
                ("the quarter a year ago", "1988-Q3"),
            ],
        );
        // Outside a report, last year is the year.
        check(
            "Sales for the period last year were $3.",
            p,
            &[("last year", "1988")],
        );
    }

    #[test]
    fn only_an_ended_quarter_is_reported_on() {
        let p = on(1989, 10, 26);
        // The quarter under way, in the future, is not the report's.
        check(
            "Net rose in the third quarter. The slump will continue into the \
             fourth quarter. In the year-ago period, it earned $5.",
            p,
            &[
                ("the third quarter", "1989-Q3"),
                ("the fourth quarter", "1989-Q4"),
                ("the year-ago period", "1988-Q3"),
            ],
        );
        // It is once it has ended or been reported.
        check(
            "Net fell in its fourth quarter ended Oct. 1, from $5 a year earlier.",
            p,
            &[
                ("fourth quarter", "1989-Q4"),
                ("Oct. 1", "1989-10-01"),
                ("a year earlier", "1988-Q4"),
            ],
        );
        check(
            "It reported lower fourth-quarter earnings than a year ago.",
            p,
            &[("fourth-quarter", "1989-Q4"), ("a year ago", "1988-Q4")],
        );
    }

    #[test]
    fn an_earlier_quarter_named_in_passing_is_not_the_one_reported() {
        let p = on(1989, 11, 1);
        check(
            "Net rose in the third quarter. After a flat second quarter, \
             sales rose from a year ago.",
            p,
            &[
                ("the third quarter", "1989-Q3"),
                ("second quarter", "1989-Q2"),
                ("a year ago", "1988-Q3"),
            ],
        );
        // A fiscal quarter is another company's report.
        check(
            "Net rose in the third quarter. Acme's fiscal second quarter \
             was weak: net fell from a year ago.",
            p,
            &[
                ("the third quarter", "1989-Q3"),
                ("fiscal second quarter", "1989-Q2"),
                ("a year ago", "1988-Q2"),
            ],
        );
    }

    #[test]
    fn a_period_that_ended_ended_before_publication() {
        let p = on(1989, 10, 31);
        check(
            "In the fiscal year ended Jan. 31, sales rose.",
            p,
            &[("the fiscal year", "1989"), ("Jan. 31", "1989-01-31")],
        );
        check(
            "the quarter ended Nov. 5",
            p,
            &[("the quarter", "1989-Q3"), ("Nov. 5", "1988-11-05")],
        );
        // Without "ended" the nearest occurrence wins.
        check("paid on Jan. 31", p, &[("Jan. 31", "1990-01-31")]);
    }

    #[test]
    fn not_dates() {
        let p = on(2022, 3, 10);
        check("May", p, &[]);
        check("You may go. May I ask?", p, &[]);
        check("Theresa May said so.", p, &[]);
        check("March on, soldiers. They will march.", p, &[]);
        check("The Sunday Times reported it.", p, &[]);
        check("He watched Monday Night Football.", p, &[]);
        check("It cost \u{20ac}2010 or \u{a3}1999.", p, &[]);
        check("since Black Monday and before Good Friday", p, &[]);
        check("It cost $2010 in total.", p, &[]);
        check("It cost US$ 2010.", p, &[]);
        check("2,018 people came.", p, &[]);
        check("2018 people came.", p, &[]);
        check("The first visit in 14 years.", p, &[]);
        check("over 14 years and 3 months", p, &[]);
        check("a 2010 percent rise and 1999% more", p, &[]);
        check("Flight A2010 and model 2010X", p, &[]);
        check("prices fall in the fall of the empire", p, &[]);
        check("the past three years", p, &[]);
        check("the first half was dull", p, &[]);
        // Months and weekdays are capitalised.
        check("a march on friday", p, &[]);
        check("The rally soon turned violent.", p, &[]);
        check("the recent talks and Christmas shopping", p, &[]);
        check("the future of the company", p, &[]);
        check("a quarter-to-quarter comparison", p, &[]);
        check("He watched This Week on TV.", p, &[]);
    }

    #[test]
    fn traps_next_to_dates() {
        let p = on(2022, 3, 10);
        check(
            "In May the Sunday Times said 2,018 people marched.",
            on(2022, 8, 10),
            &[("May", "2022-05")],
        );
        // A month without a year is the nearest one, but one against the
        // tense counts as six months further: in March, a past May is last
        // year's only when it is much nearer.
        check(
            "It happened in May.",
            on(2022, 3, 10),
            &[("May", "2022-05")],
        );
        check(
            "It happened in November.",
            on(2022, 3, 10),
            &[("November", "2021-11")],
        );
        check(
            "It will happen in January.",
            on(2022, 10, 10),
            &[("January", "2023-01")],
        );
        check(
            "It happened in August.",
            on(2022, 3, 10),
            &[("August", "2021-08")],
        );
        check(
            "It will happen in August.",
            on(2022, 3, 10),
            &[("August", "2022-08")],
        );
        check(
            "in May 2019 and on May 9",
            p,
            &[("May 2019", "2019-05"), ("May 9", "2022-05-09")],
        );
        check("since March", p, &[("March", "2022-03")]);
    }

    #[test]
    fn without_publication_date() {
        check(
            "on Wednesday, last week, March 9 and in 2018",
            None,
            &[("2018", "2018")],
        );
        check("March 9, 2022", None, &[("March 9, 2022", "2022-03-09")]);
    }

    #[test]
    fn odd_input_never_panics() {
        let p = on(2022, 3, 10);
        for text in [
            "",
            "May",
            "0000-00-00",
            "9999-99-99",
            "31 February 2020",
            "99999999999999999999999999 years ago",
            "4294967296 days ago",
            "9000 years ago",
            "99 centuries ago",
            "the 99th century",
            "Q9 Q0 Q",
            "'",
            "-",
            "2022-",
            "2022-03-",
            "/3/",
            "é ü 中文 🎉 March",
            "\u{2019}80s",
            "Friday,",
            "last",
            "the",
            "a year",
            "1/1/1 1.1.1 00/00/0000",
            "March 0, 2020 and March 32, 2020",
            "year-ago",
            "the year-ago",
        ] {
            let dates = extract_dates(text, p);
            for d in &dates {
                assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
                assert!(d.start < d.end);
            }
            let _ = extract_dates(text, None);
            let _ = extract_dates(text, on(1, 1, 1));
            let _ = extract_dates(text, on(9999, 12, 31));
        }
        check("0000-00-00", p, &[]);
        check("March 0, 2020", p, &[]);
    }

    #[test]
    fn mentions_carry_precision_and_relativity() {
        let dates = extract_dates("on Wednesday in 2018", on(2022, 3, 10));
        assert_eq!(dates[0].precision, Some(DatePrecision::Day));
        assert!(dates[0].relative);
        assert_eq!(dates[1].precision, Some(DatePrecision::Year));
        assert!(!dates[1].relative);
    }

    /// The tokenizer as it was before it read bytes by class and packed
    /// words as it read them: every byte tested in turn, every word
    /// classified on its own.
    fn tokenize_by_char(text: &str) -> Vec<Token> {
        let bytes = text.as_bytes();
        let mut tokens = Vec::with_capacity(bytes.len() / 5 + 1);
        let mut i = 0;
        let mut space = true;
        let mut newlines = 2;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_whitespace() {
                space = true;
                if b == b'\n' {
                    newlines += 1;
                }
                i += 1;
                continue;
            }
            let start = i;
            let mut cap = false;
            let kind = if b.is_ascii_digit() {
                let mut value: u32 = 0;
                let mut digits: u32 = 0;
                let mut grouped = false;
                while i < bytes.len() {
                    let c = bytes[i];
                    if c.is_ascii_digit() {
                        value = value.saturating_mul(10).saturating_add(u32::from(c - b'0'));
                        digits += 1;
                        i += 1;
                    } else if (c == b',' || c == b'.')
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    {
                        grouped = true;
                        i += 1;
                    } else {
                        break;
                    }
                }
                if grouped {
                    Kind::Grouped
                } else {
                    Kind::Num {
                        value,
                        digits: u8::try_from(digits).unwrap_or(u8::MAX),
                    }
                }
            } else if b.is_ascii_alphabetic() || (b >= 0x80 && char_at(text, i).is_alphabetic()) {
                cap = if b < 0x80 {
                    b.is_ascii_uppercase()
                } else {
                    char_at(text, i).is_uppercase()
                };
                let mut ascii = true;
                while i < bytes.len() {
                    let c = bytes[i];
                    if c.is_ascii_alphabetic() {
                        i += 1;
                    } else if c >= 0x80 {
                        let ch = char_at(text, i);
                        if !ch.is_alphabetic() {
                            break;
                        }
                        ascii = false;
                        i += ch.len_utf8();
                    } else {
                        break;
                    }
                }
                if ascii {
                    Kind::Word(classify(&bytes[start..i]))
                } else {
                    Kind::Word(Lex::Other)
                }
            } else if b < 0x80 {
                i += 1;
                Kind::Punct(b)
            } else {
                let ch = char_at(text, i);
                i += ch.len_utf8();
                if ch.is_whitespace() {
                    space = true;
                    continue;
                }
                Kind::Punct(match ch {
                    '\u{2010}'..='\u{2015}' | '\u{2212}' => b'-',
                    '\u{2018}' | '\u{2019}' | '\u{02BC}' => b'\'',
                    '\u{201C}' | '\u{201D}' => b'"',
                    '\u{20A0}'..='\u{20CF}' | '\u{00A3}' | '\u{00A5}' => b'$',
                    _ => b'?',
                })
            };
            tokens.push(Token {
                start,
                end: i,
                kind,
                space_before: space,
                break_before: newlines >= 2,
                cap,
            });
            space = false;
            newlines = 0;
        }
        tokens
    }

    #[test]
    fn leading_letters_stop_at_the_first_byte_that_is_no_ascii_letter() {
        for byte in 0..=u8::MAX {
            for at in 0..8 {
                let mut chunk = *b"wORdsAbz";
                chunk[at] = byte;
                let expected = if byte.is_ascii_alphabetic() { 8 } else { at };
                assert_eq!(
                    leading_letters(u64::from_le_bytes(chunk)),
                    expected,
                    "{byte:#x} at {at}"
                );
            }
        }
    }

    /// The tokenizer gives what [`tokenize_by_char`] gives.
    fn check_tokens(text: &str) {
        assert_eq!(tokenize(text), tokenize_by_char(text), "tokens of {text:?}");
    }

    #[test]
    fn the_tokenizer_agrees_with_the_byte_by_byte_one() {
        for text in [
            "",
            " \n\n March 9, 2022 \t\r\n\x0b\x0c 2,018 3.5 09.03.2022 1. 2,",
            "Über naïve E\u{301}cole MARCH Wednesday's “quoted” – — − ‘x’ £5 ¥ € 中文 🎉",
            "extraordinarily Approximately THANKSGIVING abcdefghijklmnopq vowed needed",
            "a\u{a0}b\u{2028}c\u{3000}d 99999999999999999999 0 00 0000-00-00",
        ] {
            check_tokens(text);
        }
        for (_, text) in crate::testing::corpus_texts() {
            check_tokens(&text);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_tokenizer_agrees_on_any_text(
            text in "[a-zA-Z0-9 .,'’“”\"$£\t\n\r\x0b\x0c-]{0,80}|\\PC{0,40}|[a-zA-Zé]{10,20}"
        ) {
            check_tokens(&text);
        }
    }

    /// The lexeme of an ASCII word packed letter by letter, which the
    /// tokenizer gets from the word's bytes eight at a time.
    fn classify(word: &[u8]) -> Lex {
        match pack(word).and_then(lookup) {
            Some(lex) => lex,
            None => ed_or_other(word),
        }
    }

    /// What [`classify`] must give: the lexicon searched word by word.
    fn classify_by_search(word: &[u8]) -> Lex {
        LEXICON
            .iter()
            .find(|(known, _)| known.as_bytes().eq_ignore_ascii_case(word))
            .map_or_else(|| ed_or_other(word), |(_, lex)| *lex)
    }

    #[test]
    fn the_lexicon_table_agrees_with_the_lexicon() {
        for (word, lex) in LEXICON {
            assert_eq!(classify(word.as_bytes()), *lex, "{word}");
            let upper = word.to_ascii_uppercase();
            assert_eq!(classify(upper.as_bytes()), *lex, "{upper}");
        }
        for (_, text) in crate::testing::corpus_texts() {
            for word in text.as_bytes().split(|b| !b.is_ascii_alphabetic()) {
                if !word.is_empty() {
                    assert_eq!(
                        classify(word),
                        classify_by_search(word),
                        "{}",
                        String::from_utf8_lossy(word)
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_lexicon_table_agrees_on_any_word(word in "[a-zA-Z]{1,18}") {
            proptest::prop_assert_eq!(
                classify(word.as_bytes()),
                classify_by_search(word.as_bytes())
            );
        }
    }

    #[test]
    fn lexicon_words_are_unique_lower_case_and_short() {
        let mut seen = std::collections::HashSet::new();
        for (word, _) in LEXICON {
            assert!(seen.insert(*word), "{word} twice");
            assert!(word.len() <= MAX_WORD && word.bytes().all(|b| b.is_ascii_lowercase()));
        }
        let filled = LEXICON_TABLE.iter().filter(|(key, _)| *key != 0).count();
        assert_eq!(filled, LEXICON.len());
        assert_eq!(classify(b"WEDNESDAY"), Lex::Weekday(2));
        assert_eq!(classify(b"vowed"), Lex::EdWord);
        assert_eq!(classify(b"needed"), Lex::EdWord);
        assert_eq!(classify(b"proceed"), Lex::Other);
        assert_eq!(classify(b"extraordinarily"), Lex::Other);
    }

    #[test]
    fn parse_iso_date_rejects_junk() {
        assert_eq!(parse_iso_date("2022-03-09"), Some(date(2022, 3, 9)));
        assert_eq!(parse_iso_date(" 2022-03-09 "), Some(date(2022, 3, 9)));
        assert_eq!(parse_iso_date("2022-3-9"), None);
        assert_eq!(parse_iso_date("20220309"), None);
        assert_eq!(parse_iso_date("2022-03-09x"), None);
        assert_eq!(parse_iso_date("0000-00-00"), None);
        assert_eq!(parse_iso_date("日本語日本語"), None);
    }
}
