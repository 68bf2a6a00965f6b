//! The words attribution is read with: speech verbs, roles and titles,
//! given names and their gender, demonyms, and the small closed classes
//! (pronouns, determiners, adverbs) that sit between a speaker and a verb.
//!
//! The open lists are data files under `data/quotes/`, embedded in the
//! binary and read once; demonyms come from the entity gazetteer.

use std::sync::LazyLock;

use super::Map;
use crate::{entity_key, place_of_demonym};

/// The gender a name, title or pronoun marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// Whether `c` is a double quotation mark, straight or typographic.
pub(crate) fn is_double_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟')
}

/// Whether `c` is a single quotation mark (or an apostrophe).
pub(crate) fn is_single_mark(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‹' | '›' | '‛')
}

static SPEECH_VERBS: LazyLock<Map<String, &'static str>> = LazyLock::new(|| {
    let mut forms = Map::default();
    for line in include_str!("../../data/quotes/speech_verbs.txt").lines() {
        let mut words = line.split_whitespace();
        let Some(lemma) = words.next().filter(|w| !w.starts_with('#')) else {
            continue;
        };
        for form in regular_forms(lemma)
            .into_iter()
            .chain(words.map(str::to_owned))
        {
            forms.entry(form).or_insert(lemma);
        }
    }
    forms
});

/// The base form and the regular inflections of a verb: -s, -ed, -ing.
fn regular_forms(lemma: &str) -> Vec<String> {
    let consonant_y = lemma.ends_with('y')
        && lemma
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| !"aeiou".contains(c));
    let stem = &lemma[..lemma.len() - lemma.chars().last().map_or(0, char::len_utf8)];
    let third = if consonant_y {
        format!("{stem}ies")
    } else if ["s", "sh", "ch", "x", "z"]
        .iter()
        .any(|e| lemma.ends_with(e))
    {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let past = if consonant_y {
        format!("{stem}ied")
    } else if lemma.ends_with('e') {
        format!("{lemma}d")
    } else {
        format!("{lemma}ed")
    };
    let progressive = if lemma.ends_with('e') && !lemma.ends_with("ee") {
        format!("{stem}ing")
    } else {
        format!("{lemma}ing")
    };
    vec![lemma.to_owned(), third, past, progressive]
}

/// The base form of a speech verb ("said" → "say"), given a lower-case word.
pub(crate) fn speech_verb(lower: &str) -> Option<&'static str> {
    SPEECH_VERBS.get(lower).copied()
}

/// Role words, with the gender some of them mark.
static ROLES: LazyLock<Map<&'static str, Option<Gender>>> = LazyLock::new(|| {
    let mut roles = Map::default();
    for line in include_str!("../../data/quotes/roles.txt").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let word = fields.next().unwrap_or("").trim();
        let gender = match fields.next().map(str::trim) {
            Some("m") => Some(Gender::Male),
            Some("f") => Some(Gender::Female),
            _ => None,
        };
        roles.insert(word, gender);
    }
    roles
});

/// Whether a lower-case word (a trailing period allowed: "sen.") names a
/// role or title; and if so, the gender it marks, if any.
pub(crate) fn role(lower: &str) -> Option<Option<Gender>> {
    ROLES.get(lower.trim_end_matches('.')).copied()
}

/// Words that qualify a role without naming it ("former", "vice",
/// "foreign"): they may stand between a title and a name, or in a role
/// such as "the former secretary of state".
pub(crate) fn is_role_modifier(lower: &str) -> bool {
    matches!(
        lower,
        "former"
            | "vice"
            | "deputy"
            | "acting"
            | "interim"
            | "senior"
            | "top"
            | "chief"
            | "assistant"
            | "associate"
            | "executive"
            | "general"
            | "foreign"
            | "defense"
            | "defence"
            | "prime"
            | "state"
            | "national"
            | "campaign"
            | "press"
            | "security"
            | "finance"
            | "interior"
            | "justice"
            | "republican"
            | "democratic"
            | "presidential"
            | "white"
            | "house"
            | "then"
            | "current"
            | "new"
            | "longtime"
            | "u.s."
            | "us"
    )
}

static GIVEN_NAMES: LazyLock<Map<String, Gender>> = LazyLock::new(|| {
    let mut names = Map::default();
    for line in include_str!("../../data/quotes/first_names_gender.tsv").lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(name), Some(gender)) = (fields.next(), fields.next()) else {
            continue;
        };
        let gender = match gender.trim() {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => continue,
        };
        names.insert(entity_key(name), gender);
    }
    names
});

/// The gender a given name usually marks, if it is in the list.
pub(crate) fn given_name_gender(name: &str) -> Option<Gender> {
    // A name of ASCII letters is its own key in lower case (a test checks
    // this against `entity_key`), so most names need no key built.
    let mut lower = [0u8; 16];
    if let Some(ascii) = lower.get_mut(..name.len())
        && !name.is_empty()
        && name.bytes().all(|byte| byte.is_ascii_alphabetic())
    {
        ascii.copy_from_slice(name.as_bytes());
        ascii.make_ascii_lowercase();
        if let Ok(key) = std::str::from_utf8(ascii) {
            return GIVEN_NAMES.get(key).copied();
        }
    }
    GIVEN_NAMES.get(&entity_key(name)).copied()
}

/// The key a qualifier of a role is compared by: a demonym becomes its
/// country ("Israeli" and "Israel’s" both give "israel"), other words are
/// folded to lower case without a possessive.
pub(crate) fn qualifier_key(word: &str) -> String {
    let word = strip_possessive(word);
    let key = entity_key(word);
    match key.as_str() {
        "u.s." | "u.s" | "us" | "america" | "american" => "united states".to_owned(),
        "gop" => "republican".to_owned(),
        "democrat" => "democratic".to_owned(),
        _ => place_of_demonym(word).map(entity_key).unwrap_or(key),
    }
}

/// Whether `word` is a demonym ("Israeli", "Turkish").
pub(crate) fn is_demonym(word: &str) -> bool {
    place_of_demonym(word).is_some()
}

/// `word` without a trailing possessive ("Israel’s" → "Israel").
pub(crate) fn strip_possessive(word: &str) -> &str {
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

/// Whether `word` ends with a possessive ("Israel’s").
pub(crate) fn is_possessive(word: &str) -> bool {
    strip_possessive(word).len() < word.len()
}

/// Words that take a period without ending a sentence, in lower case and
/// sorted by byte for a binary search.
const ABBREVIATIONS: &[&str] = &[
    "adm", "ala", "ariz", "ark", "atty", "aug", "calif", "capt", "cmdr", "co", "col", "colo",
    "conn", "corp", "d", "dec", "del", "dr", "feb", "fla", "ft", "ga", "gen", "gov", "i", "ida",
    "ill", "inc", "ind", "jan", "jr", "kan", "ky", "la", "lt", "lt.gen", "ltd", "maj", "mass",
    "md", "messrs", "mich", "minn", "miss", "mo", "mont", "mr", "mrs", "ms", "mt", "neb", "nev",
    "no", "nov", "oct", "okla", "ore", "pa", "penn", "pres", "prof", "r", "rep", "rev", "sen",
    "sept", "sgt", "sr", "st", "supt", "tenn", "tex", "u.s", "va", "vs", "vt", "wash", "wis",
    "wyo",
];

/// Whether a word followed by a period is a known abbreviation ("Sen").
pub(crate) fn is_abbreviation(word: &str) -> bool {
    // A party and state: "(D-Mo.)", "(R-Fla.)".
    let last = word
        .bytes()
        .rposition(|byte| byte == b'-')
        .map_or(word, |dash| &word[dash + 1..]);
    let mut lower = [0u8; 6];
    let Some(ascii) = lower.get_mut(..last.len()) else {
        return false;
    };
    if !last.is_ascii() {
        // Lower case may change the length ("İ") or give ASCII (the Kelvin
        // sign gives "k").
        let lower = last.to_lowercase();
        return ABBREVIATIONS.binary_search(&lower.as_str()).is_ok();
    }
    ascii.copy_from_slice(last.as_bytes());
    ascii.make_ascii_lowercase();
    ABBREVIATIONS
        .binary_search_by(|abbreviation| abbreviation.as_bytes().cmp(ascii))
        .is_ok()
}

/// The gender a personal pronoun marks, or `None` for "they", "we", "I".
pub(crate) fn pronoun(lower: &str) -> Option<Option<Gender>> {
    match lower {
        "he" => Some(Some(Gender::Male)),
        "she" => Some(Some(Gender::Female)),
        "they" | "we" | "i" | "it" | "you" | "who" => Some(None),
        _ => None,
    }
}

/// Determiners and possessive pronouns that open a noun phrase.
pub(crate) fn is_determiner(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "this"
            | "that"
            | "these"
            | "those"
            | "another"
            | "one"
            | "two"
            | "some"
            | "several"
            | "many"
            | "other"
            | "whose"
    )
}

/// Words after which the next word is a noun, not a verb: determiners and
/// quantifiers ("a call", "any states", "no comment").
pub(crate) fn marks_noun(lower: &str) -> bool {
    is_determiner(lower)
        || matches!(
            lower,
            "any" | "every" | "each" | "no" | "more" | "most" | "few" | "such" | "of"
        )
}

/// Speech verbs whose base and -s forms are more often nouns ("a report",
/// "the states", "his claims"): in those forms they count as verbs only
/// after a name, a pronoun, "to" or a modal ("Trump claims", "to state").
pub(crate) fn is_often_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "state"
            | "report"
            | "post"
            | "question"
            | "comment"
            | "answer"
            | "claim"
            | "note"
            | "tweet"
            | "call"
            | "charge"
            | "promise"
            | "praise"
            | "label"
            | "term"
            | "counter"
            | "protest"
            | "offer"
            | "hail"
            | "reply"
            | "joke"
            | "vow"
            | "pledge"
            | "cry"
            | "shout"
            | "blast"
            | "remark"
            | "whisper"
            | "yell"
            | "demand"
            | "echo"
            | "chant"
            | "cheer"
            | "thank"
            | "blame"
            | "read"
            | "pen"
            | "mock"
            | "slam"
            | "retweet"
            | "cite"
            | "boast"
            | "tout"
    )
}

/// Auxiliaries and "to", after which a base form is a verb ("will say",
/// "to call").
pub(crate) fn is_modal_or_to(lower: &str) -> bool {
    matches!(
        lower,
        "to" | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "might"
            | "may"
            | "must"
            | "did"
            | "does"
            | "do"
            | "didn’t"
            | "didn't"
            | "don’t"
            | "don't"
            | "doesn’t"
            | "doesn't"
            | "won’t"
            | "won't"
    )
}

/// Words that may stand between a speaker and the speech verb without
/// being part of either: auxiliaries and adverbs ("Erdogan *later* said",
/// "she *has repeatedly* claimed").
pub(crate) fn is_skippable_before_verb(lower: &str) -> bool {
    let listed = matches!(
        lower,
        "also"
            | "later"
            | "then"
            | "again"
            | "once"
            | "has"
            | "had"
            | "have"
            | "would"
            | "will"
            | "did"
            | "does"
            | "do"
            | "just"
            | "first"
            | "still"
            | "even"
            | "never"
            | "not"
            | "often"
            | "already"
            | "both"
            | "all"
            | "himself"
            | "herself"
            | "themselves"
            | "could"
            | "should"
            | "might"
            | "may"
            | "can"
            | "must"
            | "soon"
            | "too"
            | "however"
            | "previously"
            | "earlier"
            | "since"
            | "ago"
            | "yesterday"
            | "today"
            | "tonight"
            | "is"
            | "was"
            | "were"
            | "are"
            | "been"
            | "being"
            | "yet"
            | "hadn’t"
            | "hadn't"
            | "hasn’t"
            | "hasn't"
            | "haven’t"
            | "haven't"
            | "didn’t"
            | "didn't"
            | "doesn’t"
            | "doesn't"
            | "wasn’t"
            | "wasn't"
            | "won’t"
            | "won't"
            | "wouldn’t"
            | "wouldn't"
            | "isn’t"
            | "isn't"
            | "can’t"
            | "can't"
            | "couldn’t"
            | "couldn't"
    );
    listed || is_adverb_in_ly(lower)
}

/// "-ly" adverbs ("repeatedly", "reportedly"), not the few nouns and
/// adjectives that end the same way ("family", "ally").
fn is_adverb_in_ly(lower: &str) -> bool {
    lower.len() > 4
        && lower.ends_with("ly")
        && !matches!(
            lower,
            "family"
                | "ally"
                | "rally"
                | "assembly"
                | "supply"
                | "monopoly"
                | "anomaly"
                | "italy"
                | "daily"
                | "weekly"
                | "monthly"
                | "friendly"
                | "elderly"
                | "likely"
                | "only"
        )
}

/// Words that cannot be part of a speaker's noun phrase and end it:
/// prepositions (but "of"), conjunctions, relative pronouns, auxiliaries.
pub(crate) fn ends_noun_phrase(lower: &str) -> bool {
    matches!(
        lower,
        "and"
            | "or"
            | "but"
            | "nor"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "when"
            | "where"
            | "while"
            | "as"
            | "if"
            | "because"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "by"
            | "from"
            | "about"
            | "after"
            | "before"
            | "during"
            | "than"
            | "then"
            | "so"
            | "not"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "also"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "him"
            | "them"
            | "us"
            | "me"
            | "what"
            | "how"
            | "why"
            | "into"
            | "over"
            | "under"
            | "against"
            | "via"
            | "per"
            | "like"
            | "said"
            | "says"
            | "told"
    )
}

/// Capitalised words that open sentences without being names ("But
/// Erdogan said"), so a run of capitalised words can start after them.
pub(crate) fn is_capitalized_function_word(lower: &str) -> bool {
    matches!(
        lower,
        "but"
            | "and"
            | "or"
            | "so"
            | "then"
            | "yet"
            | "still"
            | "also"
            | "now"
            | "later"
            | "earlier"
            | "meanwhile"
            | "however"
            | "when"
            | "while"
            | "after"
            | "before"
            | "as"
            | "in"
            | "on"
            | "at"
            | "if"
            | "though"
            | "although"
            | "because"
            | "since"
            | "here"
            | "there"
            | "instead"
            | "indeed"
            | "asked"
            | "speaking"
            | "last"
            | "this"
            | "that"
            | "during"
            | "for"
            | "from"
            | "with"
            | "today"
            | "yesterday"
    )
}

/// Days and months: capitalised, never a speaker.
pub(crate) fn is_calendar_word(lower: &str) -> bool {
    matches!(
        lower.trim_end_matches('.'),
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "aug"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// Prepositions that open a phrase between a subject and its verb ("Trump
/// *on Tuesday* said").
pub(crate) fn is_preposition(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "from"
            | "with"
            | "via"
            | "since"
            | "through"
            | "throughout"
            | "over"
            | "earlier"
            | "later"
    )
}

/// Particles that sit inside names ("Charles de Gaulle", "Osama bin Laden").
pub(crate) fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "da"
            | "di"
            | "del"
            | "della"
            | "der"
            | "den"
            | "van"
            | "von"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "la"
            | "le"
            | "du"
            | "dos"
            | "y"
    )
}

/// Words that start a capitalised run without belonging to the name ("The
/// New York Times", "Former President …").
pub(crate) fn is_name_prefix(lower: &str) -> bool {
    matches!(lower, "the" | "a" | "an" | "former" | "then" | "ex")
        || is_role_modifier(lower)
        || role(lower).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_speech_verbs() {
        for (form, lemma) in [
            ("said", "say"),
            ("says", "say"),
            ("added", "add"),
            ("told", "tell"),
            ("noted", "note"),
            ("denies", "deny"),
            ("denied", "deny"),
            ("insisting", "insist"),
            ("wrote", "write"),
            ("quipped", "quip"),
            ("lauded", "laud"),
            ("called", "call"),
        ] {
            assert_eq!(speech_verb(form), Some(lemma), "{form}");
        }
        assert_eq!(speech_verb("sad"), None);
    }

    #[test]
    fn finds_abbreviations_in_any_case() {
        assert!(
            ABBREVIATIONS.is_sorted_by_key(|a| a.as_bytes()),
            "binary search needs them sorted"
        );
        for abbreviation in ABBREVIATIONS {
            assert!(is_abbreviation(abbreviation), "{abbreviation}");
            assert!(
                is_abbreviation(&abbreviation.to_uppercase()),
                "{abbreviation}"
            );
        }
        for (word, expected) in [
            ("Sen", true),
            ("D-Mo", true),
            ("R-Fla", true),
            ("U.S", true),
            ("Lt.Gen", true),
            ("\u{212a}y", true),
            ("Senx", false),
            ("Mo-x", false),
            ("", false),
            ("Messrsx", false),
            ("Sé", false),
            ("İ", false),
        ] {
            assert_eq!(is_abbreviation(word), expected, "{word}");
        }
    }

    /// The shortcut for names of ASCII letters finds what the key of the
    /// general code finds.
    fn check_given_name(name: &str) {
        assert_eq!(
            given_name_gender(name),
            GIVEN_NAMES.get(&entity_key(name)).copied(),
            "{name:?}"
        );
        if !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphabetic()) {
            assert_eq!(entity_key(name), name.to_ascii_lowercase(), "{name:?}");
        }
    }

    #[test]
    fn given_names_are_found_in_any_case() {
        for name in GIVEN_NAMES.keys() {
            for variant in [name.clone(), name.to_uppercase(), capitalized(name)] {
                check_given_name(&variant);
            }
        }
        for name in [
            "",
            "Al-Amin",
            "Zoë",
            "ZOË",
            "Ali’s",
            "Mary Ann",
            "Aleksandrovichxyz",
        ] {
            check_given_name(name);
        }
    }

    fn capitalized(word: &str) -> String {
        let mut chars = word.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    proptest::proptest! {
        #[test]
        fn given_names_agree_on_any_word(name in "[a-zA-Z]{1,20}|[a-zA-Zéİ’' .-]{0,12}") {
            check_given_name(&name);
        }
    }

    #[test]
    fn reads_the_data_files() {
        assert_eq!(given_name_gender("Isaac"), Some(Gender::Male));
        assert_eq!(given_name_gender("Hillary"), Some(Gender::Female));
        assert_eq!(given_name_gender("Recep"), Some(Gender::Male));
        assert_eq!(role("president"), Some(None));
        assert_eq!(role("mrs."), Some(Some(Gender::Female)));
        assert_eq!(qualifier_key("Israeli"), qualifier_key("Israel’s"));
        assert_eq!(qualifier_key("Turkish"), "turkey");
    }
}
