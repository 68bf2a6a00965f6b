//! Which language an article is written in.
//!
//! Detection uses [`whatlang`], a small trigram-based detector with no
//! model files (69 languages, pure Rust). A language declared by the file
//! (`<html lang>`, a JSON `language` field) is used when the text is too
//! short or too mixed to tell.

/// How much of the body the detector reads. More does not make it better
/// and costs time in proportion: on the BBC, 10kGNAD, AG News and PolNeAR
/// articles 2,000 bytes give the language 4,000 gave to every article, while
/// 1,500 leave a few English ones undecided.
const SAMPLE_BYTES: usize = 2_000;

/// The ISO 639-1 code of the language of `title` and `text`, or `declared`
/// (any language tag: `de-AT`, `en_US`, `eng`) when detection is unsure.
pub(crate) fn language_of(
    title: Option<&str>,
    text: &str,
    declared: Option<&str>,
) -> Option<String> {
    let mut sample = String::with_capacity(SAMPLE_BYTES + 200);
    if let Some(title) = title {
        sample.push_str(title);
        sample.push('\n');
    }
    sample.push_str(prefix(text, SAMPLE_BYTES));
    let declared = declared.and_then(normalize_tag);
    if declared.is_some() && !has_letters(&sample, SHORT_TEXT_LETTERS) {
        return declared;
    }
    if is_plain_english(&sample) {
        return Some("en".to_owned());
    }
    let detected = whatlang::detect(&sample).filter(whatlang::Info::is_reliable);
    match detected.and_then(|info| iso_639_1(info.lang().code())) {
        Some(code) => Some(code.to_owned()),
        None => declared,
    }
}

/// Whether `sample` is plainly English prose: at least [`ENGLISH_MIN_WORDS`]
/// words of ASCII letters, nearly no other letters, and a quarter or more of
/// the words among English's commonest function words. In English news
/// these words are a third of all words, in German, French, Dutch or
/// Spanish news a few in a hundred (the ones those languages share, such as
/// "in" and "a"), so such a sample is English without comparing it with
/// the trigram profiles of every Latin-script language, which was a tenth
/// of indexing time.
fn is_plain_english(sample: &str) -> bool {
    let (words, common) = english_word_counts(sample);
    if words < ENGLISH_MIN_WORDS || common * 4 < words {
        return false;
    }
    let other_letters = if sample.is_ascii() {
        0
    } else {
        sample
            .chars()
            .filter(|c| !c.is_ascii() && c.is_alphabetic())
            .count()
    };
    other_letters * 100 <= words
}

/// How many words `sample` has, and how many of them are English function
/// words. Words are runs of ASCII letters; the bytes of any other
/// character, ASCII or not, separate them. A word's key is made as it is
/// read, so that the sample is gone over once.
fn english_word_counts(sample: &str) -> (usize, usize) {
    let bytes = sample.as_bytes();
    let (mut words, mut common) = (0usize, 0usize);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        if !b.is_ascii_alphabetic() {
            continue;
        }
        let start = i - 1;
        let mut key = u64::from(b.to_ascii_lowercase());
        while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_alphabetic()) {
            // Letters beyond the eighth shift the first ones out; such a
            // word is too long to be a function word anyway.
            key = key << 8 | u64::from(b.to_ascii_lowercase());
            i += 1;
        }
        words += 1;
        if i - start <= FUNCTION_WORD_LETTERS && is_function_word(key) {
            common += 1;
        }
    }
    (words, common)
}

/// Whether `sample` has at least `wanted` letters. Counting stops there, and
/// ASCII bytes are told without decoding characters: the answer for a long
/// article is known after its first lines.
fn has_letters(sample: &str, wanted: usize) -> bool {
    if wanted == 0 {
        return true;
    }
    let mut letters = 0;
    for (i, &b) in sample.as_bytes().iter().enumerate() {
        let letter = if b.is_ascii() {
            b.is_ascii_alphabetic()
        } else {
            // Only the first byte of a character (0b11xxxxxx) starts one.
            b >= 0xC0
                && sample
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_alphabetic)
        };
        if letter {
            letters += 1;
            if letters >= wanted {
                return true;
            }
        }
    }
    false
}

/// A word of at most eight ASCII letters as a number, in lower case: one
/// number per word, since no letter is a zero byte.
const fn word_key(word: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < word.len() {
        key = key << 8 | word[i].to_ascii_lowercase() as u64;
        i += 1;
    }
    key
}

/// Whether a [`word_key`] is that of one of [`ENGLISH_FUNCTION_WORDS`].
fn is_function_word(key: u64) -> bool {
    let mut slot = function_word_slot(key);
    for _ in 0..FUNCTION_WORD_SLOTS {
        match FUNCTION_WORD_TABLE[slot] {
            0 => return false,
            known if known == key => return true,
            _ => slot = (slot + 1) % FUNCTION_WORD_SLOTS,
        }
    }
    false
}

/// Slots of [`FUNCTION_WORD_TABLE`]: a power of two about three times the
/// number of function words, so that most lookups read one slot.
const FUNCTION_WORD_SLOTS: usize = 128;

const _: () = assert!(ENGLISH_FUNCTION_WORDS.len() * 2 < FUNCTION_WORD_SLOTS);

/// The slot where the search for a key starts: the top bits of a
/// multiplication.
const fn function_word_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FUNCTION_WORD_SLOTS.trailing_zeros()))
        as usize
}

/// [`ENGLISH_FUNCTION_WORDS`] as an open-addressing hash table of
/// [`word_key`]s, built at compile time: a lookup is a multiplication and a
/// comparison or two, where a binary search made six. Empty slots are 0.
static FUNCTION_WORD_TABLE: [u64; FUNCTION_WORD_SLOTS] = function_word_table();

const fn function_word_table() -> [u64; FUNCTION_WORD_SLOTS] {
    let mut table = [0; FUNCTION_WORD_SLOTS];
    let mut w = 0;
    while w < ENGLISH_FUNCTION_WORDS.len() {
        let key = word_key(ENGLISH_FUNCTION_WORDS[w].as_bytes());
        // The table is never full (see the assertion above), so an empty
        // slot is found.
        let mut slot = function_word_slot(key);
        while table[slot] != 0 {
            slot = (slot + 1) % FUNCTION_WORD_SLOTS;
        }
        table[slot] = key;
        w += 1;
    }
    table
}

/// How many words a sample needs before [`is_plain_english`] says yes.
const ENGLISH_MIN_WORDS: usize = 150;

/// The length of the longest of [`ENGLISH_FUNCTION_WORDS`].
const FUNCTION_WORD_LETTERS: usize = 5;

/// English's commonest function words, lower case, sorted.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "it", "its", "not", "of", "on", "said", "she", "that", "the",
    "their", "there", "they", "this", "to", "was", "were", "which", "who", "will", "with", "would",
];

/// Below this many letters a declared language is trusted over detection:
/// trigram statistics of a headline or a table of figures ("Shr loss 20
/// cts vs profit 96 cts") are too thin to overrule what the file says.
const SHORT_TEXT_LETTERS: usize = 400;

/// The longest prefix of `text` of at most `max` bytes that ends on a
/// character boundary.
fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The ISO 639-1 code of a language tag as files declare it: `de-AT` and
/// `de_DE` give `de`, ISO 639-3 `deu` and `ger` give `de`; `None` for what
/// is not a known language.
pub(crate) fn normalize_tag(tag: &str) -> Option<String> {
    let primary = tag
        .trim()
        .split(['-', '_', ' ', ',', ';'])
        .next()?
        .to_ascii_lowercase();
    match primary.len() {
        2 if primary.bytes().all(|byte| byte.is_ascii_lowercase()) => Some(primary),
        3 => iso_639_1(&primary)
            .or(match primary.as_str() {
                "ger" => Some("de"),
                "fre" => Some("fr"),
                "dut" => Some("nl"),
                "gre" => Some("el"),
                "chi" | "zho" => Some("zh"),
                "per" | "fas" => Some("fa"),
                "nor" => Some("no"),
                _ => None,
            })
            .map(str::to_owned),
        _ => match primary.as_str() {
            "english" => Some("en".to_owned()),
            "german" | "deutsch" => Some("de".to_owned()),
            "french" | "français" | "francais" => Some("fr".to_owned()),
            "spanish" | "español" | "espanol" => Some("es".to_owned()),
            _ => None,
        },
    }
}

/// ISO 639-3 (as whatlang names languages) to ISO 639-1.
fn iso_639_1(code: &str) -> Option<&'static str> {
    Some(match code {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "cym" => "cy",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_english_and_german() {
        let english = "The council said the repair had cost almost twice the first estimate, after \
                       engineers found corrosion hidden under a century of paint.";
        assert_eq!(language_of(None, english, None).as_deref(), Some("en"));
        let german = "Die Gewerkschaft sieht Handlungsbedarf bei sogenannten All-in-Verträgen und \
                      fordert mehr Transparenz für die Arbeitnehmer in Österreich.";
        assert_eq!(language_of(None, german, None).as_deref(), Some("de"));
        let long_german = german.repeat(4);
        assert_eq!(
            language_of(None, &long_german, Some("en")).as_deref(),
            Some("de")
        );
    }

    #[test]
    fn plain_english_is_told_by_its_function_words() {
        let english = "The council said the repair had cost almost twice the first estimate, \
                       after engineers found corrosion hidden under a century of paint. ";
        assert!(!is_plain_english(english), "too short to tell");
        assert!(is_plain_english(&english.repeat(8)));
        assert_eq!(
            language_of(None, &english.repeat(8), None).as_deref(),
            Some("en")
        );
        // Other languages have a few of these words, never a quarter.
        for other in [
            "Die Gewerkschaft sieht Handlungsbedarf bei sogenannten All-in-Verträgen und \
             fordert mehr Transparenz für die Arbeitnehmer in Österreich. ",
            "Le conseil a dit que la réparation avait coûté presque deux fois la première \
             estimation, après que des ingénieurs ont trouvé de la corrosion. ",
            "De gemeenteraad zei dat de reparatie bijna twee keer zo duur was als de eerste \
             schatting, nadat ingenieurs roest hadden gevonden in het gebouw. ",
        ] {
            assert!(!is_plain_english(&other.repeat(8)), "{other}");
        }
        assert!(ENGLISH_FUNCTION_WORDS.is_sorted());
        assert!(
            ENGLISH_FUNCTION_WORDS
                .iter()
                .all(|w| w.len() <= FUNCTION_WORD_LETTERS)
        );
    }

    #[test]
    fn function_words_are_found_in_any_case() {
        for word in ENGLISH_FUNCTION_WORDS {
            for form in [word.to_string(), word.to_ascii_uppercase()] {
                assert!(is_function_word(word_key(form.as_bytes())), "{form}");
            }
        }
        for word in ["thee", "whic", "ab", "tha", "o", "sai", "hers"] {
            assert!(!is_function_word(word_key(word.as_bytes())), "{word}");
        }
        let filled = FUNCTION_WORD_TABLE.iter().filter(|key| **key != 0).count();
        assert_eq!(filled, ENGLISH_FUNCTION_WORDS.len());
    }

    /// [`english_word_counts`] as they were made: the sample split into
    /// words, each looked up in the sorted list of function words.
    fn english_word_counts_by_split(sample: &str) -> (usize, usize) {
        let (mut words, mut common) = (0usize, 0usize);
        for word in sample.as_bytes().split(|b| !b.is_ascii_alphabetic()) {
            if word.is_empty() {
                continue;
            }
            words += 1;
            if ENGLISH_FUNCTION_WORDS
                .binary_search_by(|known| known.as_bytes().cmp(&word.to_ascii_lowercase()))
                .is_ok()
            {
                common += 1;
            }
        }
        (words, common)
    }

    /// `sample`'s words, function words and letters by the byte scans and
    /// by the plain counts, which must agree.
    fn check_counts(sample: &str) {
        assert_eq!(
            english_word_counts(sample),
            english_word_counts_by_split(sample),
            "{sample}"
        );
        let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
        for wanted in [0, 1, 50, SHORT_TEXT_LETTERS, letters, letters + 1] {
            assert_eq!(
                has_letters(sample, wanted),
                letters >= wanted,
                "{wanted} letters in {sample}"
            );
        }
    }

    #[test]
    fn the_byte_scans_agree_with_the_plain_counts_on_the_corpus() {
        let german = "Die Gewerkschaft sieht Handlungsbedarf bei sogenannten All-in-Verträgen \
                      und fordert mehr Transparenz für die Arbeitnehmer in Österreich. ";
        let mut samples = vec![german.repeat(20), "ÄÖÜ äöü ß é".repeat(60)];
        for (_, text) in crate::testing::corpus_texts() {
            samples.push(prefix(&text, SAMPLE_BYTES).to_owned());
            samples.push(text);
        }
        let mut english = 0;
        for sample in &samples {
            check_counts(sample);
            english += usize::from(is_plain_english(sample));
        }
        assert!(english > 10, "only {english} English samples");
    }

    proptest::proptest! {
        #[test]
        fn the_byte_scans_agree_with_the_plain_counts(
            words in proptest::collection::vec(
                "the|a|of|Said|WHICH|[a-zA-Z]{1,9}|[äöüßéç]{1,3}|[0-9]{1,3}|[ ,.\n'’-]",
                0..400,
            ),
            separator in "[ \n]|",
        ) {
            check_counts(&words.join(&separator));
        }
    }

    #[test]
    fn falls_back_to_the_declared_language() {
        assert_eq!(
            language_of(None, "OK", Some("de-AT")).as_deref(),
            Some("de")
        );
        assert_eq!(language_of(None, "", None), None);
    }

    #[test]
    fn normalizes_tags() {
        assert_eq!(normalize_tag("en_US").as_deref(), Some("en"));
        assert_eq!(normalize_tag("deu").as_deref(), Some("de"));
        assert_eq!(normalize_tag("ger").as_deref(), Some("de"));
        assert_eq!(normalize_tag("German").as_deref(), Some("de"));
        assert_eq!(normalize_tag("x-klingon"), None);
        assert_eq!(normalize_tag(""), None);
    }
}
