//! Direct quotes and who said them.
//!
//! [`extract_quotes`] works in four steps, each in its own module:
//!
//! 1. [`spans`]: pair quotation marks into quoted spans, over paragraphs
//!    when a quote runs on, with single quotes nested inside.
//! 2. [`attribution`]: around each span, find the speech verb and the noun
//!    phrase that names the speaker ("Erdogan said", "said Herzog",
//!    "according to X", "Israel’s president called the visit a “…”").
//! 3. Keep the direct quotes: leave out titles and scare quotes (see
//!    [`is_direct_quote`]).
//! 4. [`resolve`]: say who the phrase names, through the article's
//!    entities, its roles ("Israel’s president") and pronouns ("he said");
//!    an unattributed quote continues the previous quote's speaker, or
//!    takes the subject of its sentence or of the sentence before it.
//!
//! `docs/quotes.md` states the rules and how well they do on PolNeAR.

mod attribution;
mod lexicon;
mod resolve;
mod spans;
mod tokens;

use std::collections::HashMap;

use crate::{Entity, Quote, SpeakerResolution};

use attribution::{Attribution, QuoteTokens, attribution_of};
use resolve::{Resolver, Speaker};
use spans::QuotedSpan;
use tokens::{TokenKind, Tokens};

/// The maps of this module: keyed by short words, looked up far more often
/// than built and never iterated, so a fast fixed hash rather than the
/// standard one, which is made to resist attacks on its order.
type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// A quote of at most this many words is a scare quote ("the so-called
/// “experts”") unless a speech verb attributes it ("Reed called her
/// “reckless”"). Tuned on PolNeAR's training articles; see `docs/quotes.md`.
const SHORT_QUOTE_WORDS: usize = 2;

/// Finds the direct quotes of `text` and who said them.
///
/// `entities` are the article's entities (see
/// [`extract_entities`](crate::extract_entities)); a speaker that is one of
/// them is given by its canonical name. Any entities will do, none
/// included: a name that is no entity's mention is reported as written,
/// without its titles. Offsets are byte offsets into `text`. Quotes come
/// in text order; a speaker that cannot be resolved is `None`, never a
/// guess, and [`Quote::resolution`] says how each speaker was found.
///
/// ```
/// use newsdex_ingest::{Entity, EntityKind, SpeakerResolution, extract_quotes};
///
/// let text = "Israeli President Isaac Herzog met Erdogan.\n\n\
///             Israel’s president called the visit a “key moment.”\n\n\
///             “This is a very important moment,” he said.";
/// let herzog = Entity {
///     name: "Isaac Herzog".into(),
///     kind: EntityKind::Person,
///     mentions: vec![[18, 30]],
/// };
/// let quotes = extract_quotes(text, &[herzog]);
/// assert_eq!(quotes[0].text, "key moment.");
/// assert_eq!(quotes[0].speaker.as_deref(), Some("Isaac Herzog"));
/// assert_eq!(quotes[0].resolution, Some(SpeakerResolution::Role));
/// assert_eq!(quotes[1].speaker.as_deref(), Some("Isaac Herzog"));
/// assert_eq!(quotes[1].cue.as_deref(), Some("said"));
/// ```
pub fn extract_quotes(text: &str, entities: &[Entity]) -> Vec<Quote> {
    let spans = spans::quoted_spans(text);
    if spans.is_empty() {
        return Vec::new();
    }
    let tokens = Tokens::new(text);
    let candidates = direct_quotes(&tokens, spans);
    let quoted: Vec<[usize; 2]> = candidates
        .iter()
        .map(|c| [c.span.open, c.span.close_end])
        .collect();
    let paragraphs = Paragraphs::new(text);
    let mut resolver = Resolver::new(&tokens, entities, &quoted);
    let mut quotes = Vec::with_capacity(candidates.len());
    // The speaker of the previous quote and the paragraph it ended in.
    let mut previous: Option<(usize, Speaker)> = None;
    for candidate in candidates {
        let paragraph = paragraphs.of(candidate.span.open);
        let open = candidate.tokens.open;
        let opens_paragraph = open == 0 || tokens.tokens[open - 1].kind == TokenKind::Newline;
        // The previous quote's speaker may go on in the same paragraph, or
        // into the next when this quote opens it.
        let recent = previous
            .as_ref()
            .filter(|(ended_in, _)| {
                *ended_in == paragraph || (opens_paragraph && ended_in + 1 == paragraph)
            })
            .map(|(_, speaker)| speaker);
        let speaker = speaker_of(&candidate, &tokens, &mut resolver, recent);
        if let Some(speaker) = &speaker {
            let position = speaker.mention.map_or(candidate.span.open, |m| m[0]);
            resolver.note(position, speaker);
        }
        let cue = candidate
            .attribution
            .as_ref()
            .and_then(|a| a.cue.clone())
            .map(|cue| {
                text[tokens.tokens[cue.start].start..tokens.tokens[cue.end - 1].end].to_owned()
            });
        quotes.push(Quote {
            text: candidate.words,
            start: candidate.span.start,
            end: candidate.span.end,
            speaker: speaker.as_ref().and_then(|s| s.name.clone()),
            speaker_mention: speaker.as_ref().and_then(|s| s.mention),
            cue,
            speaker_kind: speaker.as_ref().and_then(|s| s.kind),
            resolution: speaker.as_ref().map(|s| s.resolution),
        });
        previous = speaker.map(|s| (paragraphs.of(candidate.span.close_end.saturating_sub(1)), s));
    }
    quotes
}

/// Who said a quote: the speaker its attribution names; failing that, the
/// speaker of the quote before it (`recent`, when it is in the same or the
/// previous paragraph) or the subject of its context. A partial quote in
/// a sentence of its own belongs to that sentence's subject first; a quote
/// that opens its sentence, or follows another in the same sentence,
/// continues the previous speaker first.
fn speaker_of(
    candidate: &Candidate,
    tokens: &Tokens<'_>,
    resolver: &mut Resolver<'_, '_>,
    recent: Option<&Speaker>,
) -> Option<Speaker> {
    if let Some(Attribution {
        speaker: Some(phrase),
        lemma,
        ..
    }) = &candidate.attribution
    {
        return Some(resolver.resolve(*phrase, *lemma, recent));
    }
    let continued = || {
        recent.map(|speaker| Speaker {
            resolution: SpeakerResolution::Continuation,
            ..speaker.clone()
        })
    };
    let mut from_context = || {
        let phrase = attribution::context_subject(tokens, candidate.tokens)?;
        let speaker = resolver.resolve(phrase, None, None);
        Some(match speaker.resolution {
            SpeakerResolution::Unresolved => speaker,
            _ => Speaker {
                resolution: SpeakerResolution::Context,
                ..speaker
            },
        })
    };
    let follows_quote_in_sentence =
        candidate.tokens.before_limit > tokens.sentence_of(candidate.tokens.open);
    let partial = attribution::is_inside_sentence(tokens, candidate.tokens);
    if partial && !follows_quote_in_sentence {
        from_context().or_else(continued)
    } else {
        continued().or_else(from_context)
    }
}

/// A quoted span kept as a direct quote, with its attribution.
struct Candidate {
    span: QuotedSpan,
    tokens: QuoteTokens,
    words: String,
    attribution: Option<Attribution>,
}

/// Finds the attribution of each span and keeps the direct quotes.
fn direct_quotes(tokens: &Tokens<'_>, spans: Vec<QuotedSpan>) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    let mut after_previous = 0;
    for span in spans {
        let words = span.words(tokens.text);
        let open = tokens.at_or_after(span.open);
        let after = tokens.at_or_after(span.close_end);
        let quote = QuoteTokens {
            open,
            after,
            before_limit: tokens.sentence_of(open).max(after_previous),
            ends_sentence: ends_sentence(&words),
        };
        after_previous = after;
        let attribution = attribution_of(tokens, quote);
        if is_direct_quote(&words, attribution.is_some()) {
            candidates.push(Candidate {
                span,
                tokens: quote,
                words,
                attribution,
            });
        }
    }
    candidates
}

/// Whether quoted words end with the period of a sentence (“….”), so that
/// the attribution is likelier before the quote than after it.
fn ends_sentence(words: &str) -> bool {
    words
        .trim_end_matches(|c: char| c.is_whitespace() || lexicon::is_single_mark(c) || c == ')')
        .ends_with(['.', '…'])
}

/// Whether quoted words are a direct quote rather than a title or a scare
/// quote. Left out are:
///
/// - words with no letters ("2031-01-01", an empty pair of marks);
/// - two or more words that are all title-case, small words aside
///   ("Abraham Accords", "Make America Great Again", "Good Morning
///   America"): titles, names and slogans;
/// - at most [`SHORT_QUOTE_WORDS`] words that no speech verb attributes
///   ("the so-called “experts”").
///
/// The words are read only as far as needed: a word that is not
/// title-case settles it as soon as the quote is attributed or long enough.
fn is_direct_quote(words: &str, attributed: bool) -> bool {
    let mut count = 0;
    // Whether all words so far are title-case or small words.
    let mut title_case = true;
    let mut capitalized = false;
    let words = words
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphabetic));
    for word in words {
        count += 1;
        title_case &= word.starts_with(char::is_uppercase)
            || !word.starts_with(char::is_alphabetic)
            || is_small_word(word);
        capitalized |= word.starts_with(char::is_uppercase);
        if !title_case && (attributed || count > SHORT_QUOTE_WORDS) {
            return true;
        }
    }
    if count == 0 {
        return false;
    }
    // One capitalised word is as likely a sentence ("“Okay,” I said") as a
    // name: the rule for short quotes decides.
    if title_case && capitalized && count > 1 {
        return false;
    }
    attributed || count > SHORT_QUOTE_WORDS
}

/// The small words a title may hold in lower case ("Make America Great
/// Again", "Secretary of State").
fn is_small_word(word: &str) -> bool {
    matches!(
        word,
        "of" | "the"
            | "and"
            | "a"
            | "an"
            | "for"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "with"
            | "or"
            | "vs"
            | "de"
    )
}

/// Paragraph numbers of byte offsets: a paragraph is a non-blank line.
struct Paragraphs {
    starts: Vec<usize>,
}

impl Paragraphs {
    fn new(text: &str) -> Self {
        let mut starts = Vec::new();
        let mut line_start = 0;
        for line in text.split('\n') {
            if !line.trim().is_empty() {
                starts.push(line_start);
            }
            line_start += line.len() + 1;
        }
        Paragraphs { starts }
    }

    fn of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EntityKind;

    /// Person entities for the given names, each with every occurrence of
    /// its surface forms as mentions; stands in for the entity extractor.
    fn people(text: &str, names: &[(&str, &[&str])]) -> Vec<Entity> {
        names
            .iter()
            .map(|(name, surfaces)| {
                let mut mentions: Vec<[usize; 2]> = Vec::new();
                for surface in *surfaces {
                    for (start, _) in text.match_indices(surface) {
                        let end = start + surface.len();
                        if !mentions.iter().any(|m| m[0] < end && start < m[1]) {
                            mentions.push([start, end]);
                        }
                    }
                }
                mentions.sort_unstable();
                Entity {
                    name: (*name).to_owned(),
                    kind: EntityKind::Person,
                    mentions,
                }
            })
            .collect()
    }

    /// The quotes of `text` as (words, speaker) pairs.
    fn check(text: &str, entities: &[Entity], expected: &[(&str, Option<&str>)]) {
        let quotes = extract_quotes(text, entities);
        let got: Vec<(&str, Option<&str>)> = quotes
            .iter()
            .map(|q| (q.text.as_str(), q.speaker.as_deref()))
            .collect();
        assert_eq!(got, expected, "in {text:?}");
        for quote in &quotes {
            assert!(text.is_char_boundary(quote.start) && text.is_char_boundary(quote.end));
            if let Some([start, end]) = quote.speaker_mention {
                assert!(start <= end && text.is_char_boundary(start) && text.is_char_boundary(end));
            }
        }
    }

    #[test]
    fn attribution_patterns() {
        let none: &[Entity] = &[];
        check(
            "“We won,” Ted Cruz said.",
            none,
            &[("We won,", Some("Ted Cruz"))],
        );
        check(
            "“We won,” said Sen. Ted Cruz.",
            none,
            &[("We won,", Some("Ted Cruz"))],
        );
        check(
            "Cruz said: “We won the state.”",
            none,
            &[("We won the state.", Some("Cruz"))],
        );
        check(
            "According to Ted Cruz, “the race is over.”",
            none,
            &[("the race is over.", Some("Ted Cruz"))],
        );
        check("“We won,” Cruz added.", none, &[("We won,", Some("Cruz"))]);
        check(
            "“We won,” Cruz told reporters.",
            none,
            &[("We won,", Some("Cruz"))],
        );
        check(
            "“We will win,” Trump said, “and we will win big.”",
            none,
            &[
                ("We will win,", Some("Trump")),
                ("and we will win big.", Some("Trump")),
            ],
        );
        check("“We won,” a source said.", none, &[("We won,", None)]);
    }

    #[test]
    fn speaker_is_the_entity_canonical_name() {
        let text = "Turkish President Recep Tayyip Erdogan spoke. “We won,” Erdogan said.";
        let entities = people(
            text,
            &[("Recep Tayyip Erdogan", &["Recep Tayyip Erdogan", "Erdogan"])],
        );
        check(
            text,
            &entities,
            &[("We won,", Some("Recep Tayyip Erdogan"))],
        );
        // A name the extractor missed still finds the entity by its words.
        let entities = people(text, &[("Recep Tayyip Erdogan", &["Recep Tayyip Erdogan"])]);
        check(
            text,
            &entities,
            &[("We won,", Some("Recep Tayyip Erdogan"))],
        );
    }

    #[test]
    fn roles_resolve_through_the_article() {
        let text = "Israeli President Isaac Herzog met Turkish President Recep Tayyip Erdogan.\n\n\
                    Israel’s president called it a “key moment.”\n\n\
                    The Turkish president said: “We agree on much.”\n\n\
                    “It went well,” the minister said.";
        let entities = people(
            text,
            &[
                ("Isaac Herzog", &["Isaac Herzog"]),
                ("Recep Tayyip Erdogan", &["Recep Tayyip Erdogan"]),
            ],
        );
        check(
            text,
            &entities,
            &[
                ("key moment.", Some("Isaac Herzog")),
                ("We agree on much.", Some("Recep Tayyip Erdogan")),
                ("It went well,", None),
            ],
        );
    }

    #[test]
    fn pronouns_take_the_most_recent_person_of_their_gender() {
        let text =
            "Hillary Clinton met Bernie Sanders. “We agree,” she said. “We do not,” he said.";
        let entities = people(
            text,
            &[
                ("Hillary Clinton", &["Hillary Clinton"]),
                ("Bernie Sanders", &["Bernie Sanders"]),
            ],
        );
        check(
            text,
            &entities,
            &[
                ("We agree,", Some("Hillary Clinton")),
                ("We do not,", Some("Bernie Sanders")),
            ],
        );
        // Names inside quotes are not antecedents.
        let text = "Bernie Sanders spoke. “I like Hillary Clinton’s plan,” she said.";
        let entities = people(
            text,
            &[
                ("Hillary Clinton", &["Hillary Clinton"]),
                ("Bernie Sanders", &["Bernie Sanders"]),
            ],
        );
        check(text, &entities, &[("I like Hillary Clinton’s plan,", None)]);
        // Mrs. tells the gender of a name not in the list.
        let text = "Mrs. Xyzzy Plugh spoke. “We won,” she said.";
        let entities = people(text, &[("Xyzzy Plugh", &["Xyzzy Plugh"])]);
        check(text, &entities, &[("We won,", Some("Xyzzy Plugh"))]);
    }

    #[test]
    fn continuation() {
        let none: &[Entity] = &[];
        // An unattributed quote paragraph after the speaker's quote.
        check(
            "“We won the state,” Cruz said.\n\n“And we will win the next one too.”",
            none,
            &[
                ("We won the state,", Some("Cruz")),
                ("And we will win the next one too.", Some("Cruz")),
            ],
        );
        // A narrative paragraph in between breaks the chain.
        check(
            "“We won the state,” Cruz said.\n\nThe race goes on.\n\n“And we will win the next one too.”",
            none,
            &[
                ("We won the state,", Some("Cruz")),
                ("And we will win the next one too.", None),
            ],
        );
        // "he added" goes on with the previous speaker even past a mention.
        let text = "“We won,” Trump said of Sanders. “We will win again,” he added.";
        let entities = people(
            text,
            &[
                ("Donald Trump", &["Trump"]),
                ("Bernie Sanders", &["Sanders"]),
            ],
        );
        check(
            text,
            &entities,
            &[
                ("We won,", Some("Donald Trump")),
                ("We will win again,", Some("Donald Trump")),
            ],
        );
    }

    #[test]
    fn context_gives_the_speaker_of_unattributed_quotes() {
        let none: &[Entity] = &[];
        // A partial quote: the subject of its sentence.
        check(
            "Dunn thought the delay was a sign of “the council’s deep fear of the unions.”",
            none,
            &[("the council’s deep fear of the unions.", Some("Dunn"))],
        );
        // A quote paragraph: the subject of the sentence before it.
        check(
            "Schmidt praised the mayor’s budget.\n\n“This city finally has a plan for its roads.”",
            none,
            &[(
                "This city finally has a plan for its roads.",
                Some("Schmidt"),
            )],
        );
        // Another quote in the same sentence goes on with its speaker.
        check(
            "Reed said the county has “only one honest candidate,” adding that Baker “ignores \
             the farmers.”",
            none,
            &[
                ("only one honest candidate,", Some("Reed")),
                ("ignores the farmers.", Some("Reed")),
            ],
        );
        let quotes = extract_quotes("Dunn thought it was “a sign of panic.”", none);
        assert_eq!(quotes[0].resolution, Some(SpeakerResolution::Context));
    }

    #[test]
    fn titles_and_scare_quotes_are_left_out() {
        let none: &[Entity] = &[];
        check("They signed the “Abraham Accords.”", none, &[]);
        check("He watched “Good Morning America” daily.", none, &[]);
        check("The so-called “experts” were wrong.", none, &[]);
        check(
            "Reed called her “reckless.”",
            none,
            &[("reckless.", Some("Reed"))],
        );
        check(
            "Herzog called it a “key moment.”",
            none,
            &[("key moment.", Some("Herzog"))],
        );
        check(
            "His “plan” is a “very bad idea for the country” and wrong.",
            none,
            &[("very bad idea for the country", None)],
        );
        check("The date was “2031-01-01” then.", none, &[]);
    }

    #[test]
    fn multi_paragraph_quotes_keep_their_speaker() {
        let none: &[Entity] = &[];
        let text = "Cruz said: “We won the state.\n\n“We will win the next one,” he said.";
        let quotes = extract_quotes(text, none);
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert_eq!(
            quotes[0].text,
            "We won the state.\n\nWe will win the next one,"
        );
        assert_eq!(quotes[0].speaker.as_deref(), Some("Cruz"));
    }

    #[test]
    fn odd_input_does_not_panic() {
        let none: &[Entity] = &[];
        check("", none, &[]);
        check("\"", none, &[]);
        check(
            "“unbalanced, he said",
            none,
            &[("unbalanced, he said", None)],
        );
        check(
            "“An unbalanced quote that opens its paragraph.",
            none,
            &[("An unbalanced quote that opens its paragraph.", None)],
        );
        check("” said he “", none, &[]);
        let marks = "“”\"'’‘".repeat(200_000);
        assert!(marks.len() > 1_000_000);
        extract_quotes(&marks, none);
        let quotes = "“We won,” he said. ".repeat(20_000);
        assert_eq!(extract_quotes(&quotes, none).len(), 20_000);
        // Entities with offsets that do not fit the text are ignored.
        let bad = Entity {
            name: "X".into(),
            kind: EntityKind::Person,
            mentions: vec![[5, 2], [0, 10_000], [1, 2], [3, 4]],
        };
        check("“We won,” he said.", &[bad], &[("We won,", None)]);
    }

    /// [`is_direct_quote`] as it read every word, before it stopped early.
    fn is_direct_quote_by_all_words(words: &str, attributed: bool) -> bool {
        let words: Vec<&str> = words
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        if words.is_empty() {
            return false;
        }
        let title_case = words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                || !w.starts_with(char::is_alphabetic)
                || is_small_word(w)
        }) && words.iter().any(|w| w.starts_with(char::is_uppercase));
        if title_case && words.len() > 1 {
            return false;
        }
        attributed || words.len() > SHORT_QUOTE_WORDS
    }

    fn check_direct_quote(words: &str) {
        for attributed in [false, true] {
            assert_eq!(
                is_direct_quote(words, attributed),
                is_direct_quote_by_all_words(words, attributed),
                "{words:?}, attributed: {attributed}"
            );
        }
    }

    #[test]
    fn stopping_early_keeps_the_direct_quotes() {
        for words in [
            "",
            "2031-01-01",
            "Okay,",
            "experts",
            "key moment.",
            "Make America Great Again",
            "Abraham Accords are signed",
            "Secretary of State",
            "of the",
            "We won, and we will win again.",
            "“Yes” 42 Z",
            "É é Ça va",
        ] {
            check_direct_quote(words);
        }
        for (_, text) in crate::testing::corpus_texts() {
            for span in spans::quoted_spans(&text) {
                check_direct_quote(&span.words(&text));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn stopping_early_agrees_on_any_words(
            words in "(([A-Z][a-z]{0,3}|[a-z]{1,3}|of|the|[0-9]{1,2}|[“”.,'-]|É|é)( |, |\n)?){0,8}"
        ) {
            check_direct_quote(&words);
        }
    }
}
